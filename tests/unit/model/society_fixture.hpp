#pragma once
// The small world of the society tests (society_test.cpp, citizen_kernel_test.cpp): two states,
// an armed group and three districts, every population parameter set here.
#include <cstdint>

#include "model/world.hpp"
#include "scenario/scenario.hpp"

namespace flashpoint::society_fixture {

inline Actor state_actor(const char* id) {
  Actor a;
  a.id = id;
  a.name = id;
  a.type = ActorType::kState;
  a.state.hostility_fatigue = 0.08;
  return a;
}

/// Two states "N" and "S", an armed group hosted by "S" (sigma 0 unless a test sets it), and
/// three districts: N0 (trade dependent, 200k people), N1 (not trade dependent, 100k) and S0
/// (50k). Every population parameter is set here, not taken from the defaults.
inline Scenario make_scenario(double people_per_agent) {
  Scenario sc;
  sc.name = "society";
  sc.days = 300;
  sc.actors.push_back(state_actor("N"));
  sc.actors.push_back(state_actor("S"));
  Actor g;
  g.id = "G";
  g.name = "G";
  g.type = ActorType::kArmedGroup;
  g.armed_group.host = 1;
  g.armed_group.target = 0;
  g.armed_group.fighters = 100;
  g.armed_group.sanctuary_tolerance = 0.0;
  sc.actors.push_back(g);
  for (int from = 0; from < 2; ++from) {
    Relation r;
    r.from = from;
    r.to = 1 - from;
    r.reaction = 0.02;
    r.grievance = 0.05;
    sc.relations.push_back(r);
  }
  auto district = [](const char* id, int state, double population, double trade_dependence) {
    District d;
    d.id = id;
    d.name = id;
    d.state = state;
    d.population = population;
    d.security_presence = 0.02;
    d.legitimacy = 0.6;
    d.trade_dependence = trade_dependence;
    d.receiving_capacity = 1000;
    return d;
  };
  sc.districts.push_back(district("N0", 0, 200000, 1.0));
  sc.districts.push_back(district("N1", 0, 100000, 0.0));
  sc.districts.push_back(district("S0", 1, 50000, 0.5));

  PopulationParams& p = sc.population;
  p.people_per_agent = people_per_agent;
  p.arrest_constant = 2.3;
  p.activation_threshold = 0.1;
  p.vision = 40;
  p.arrest_rate = 0.1;
  p.max_jail_days = 30;
  p.legitimacy_recovery = 0.01;
  p.legitimacy_harm = 0.05;
  p.legitimacy_hardship = 0.002;
  p.legitimacy_security = 2.0;
  p.hardship_trade = 0.5;
  p.hardship_returnees = 0.3;
  p.hardship_displacement = 1.0;
  p.displacement_per_death = 50;
  p.return_rate = 0.02;
  p.deport_action_boost = 1.5;
  p.deport_action_days = 30;
  p.security_surge = 0;  // no policing response and no spin-up: the tests below compute
  p.surge_rate = 0.1;    // Epstein's rule by hand from a world that starts with nobody active
  p.spinup_days = 0;
  p.sanctuary_escape = 0.5;
  return sc;
}

/// make_scenario with one sector on the N-S line, between N0 and S0.
inline Scenario with_line(Scenario sc) {
  Sector k;
  k.id = "line";
  k.name = "line";
  k.length_km = 50;
  k.sides = {SectorSide{0, 0}, SectorSide{1, 2}};
  sc.sectors.push_back(k);
  return sc;
}

struct Counts {
  std::int64_t residents = 0, displaced = 0, jailed = 0, active = 0;
};

inline Counts count_citizens(const World& w) {
  Counts k;
  const CitizenColumns& c = w.society.citizens;
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (c.displaced[i]) {
      ++k.displaced;
    } else if (c.jail_days[i] > 0) {
      ++k.jailed;
    } else {
      ++k.residents;
    }
    k.active += c.active[i];
  }
  return k;
}

}  // namespace flashpoint::society_fixture
