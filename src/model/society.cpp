#include "model/society.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include <boost/random/bernoulli_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include "model/phases.hpp"

namespace flashpoint {

double arrest_probability(double k, double cops_in_vision, double actives_in_vision) {
  // Epstein 2002, estimated arrest probability.
  return 1.0 - std::exp(-k * cops_in_vision / (actives_in_vision + 1.0));
}

double policing_surge(double surge, double presence, double active_share, double surge_factor,
                      double rate) {
  return surge + rate * (surge_factor * active_share * presence - surge);
}

double returnee_strain(double returnees_recent, double receiving_capacity) {
  if (returnees_recent <= 0) return 0.0;
  if (receiving_capacity <= 0) return 1.0;
  return std::min(1.0, returnees_recent / receiving_capacity);
}

double district_hardship(const PopulationParams& p, double trade_dependence,
                         double trade_closed_share, double strain, double displaced_share,
                         double relief) {
  const double raw = p.hardship_trade * trade_dependence * trade_closed_share +
                     p.hardship_returnees * strain + p.hardship_displacement * displaced_share;
  return std::clamp(raw * (1.0 - relief), 0.0, 1.0);
}

namespace {

using Count = std::int64_t;

/// Per-district tallies of citizen agents, filled by the passes over the citizen columns.
struct Tally {
  explicit Tally(std::size_t nd)
      : displaced(nd, 0), free(nd, 0), active_free(nd, 0), active(nd, 0), jailed(nd, 0) {}
  std::vector<Count> displaced;
  std::vector<Count> free;         ///< free residents (neither displaced nor jailed)
  std::vector<Count> active_free;  ///< of which active, at the start of activation
  std::vector<Count> active;       ///< after activation and arrests
  std::vector<Count> jailed;       ///< after arrests
};

/// Without citizen agents: displacement and return as expected flows on the displaced stock.
void displace_stock(const Shared& sh, const DistrictDeaths& district_deaths,
                    SocietyState& society) {
  const PopulationParams& p = sh.sc.population;
  for (std::size_t d = 0; d < society.displaced.size(); ++d) {
    const double population = sh.sc.districts[d].population;
    double stock = society.displaced[d];
    stock -= p.return_rate * stock;
    stock += std::min(std::max(0.0, population - stock),
                      p.displacement_per_death * district_deaths.all[d]);
    society.displaced[d] = stock;
  }
}

/// With citizen agents: displaced citizens return with probability return_rate, then each
/// resident is displaced with p_d = min(1, displacement_per_death * deaths_d / resident people_d)
/// (so the expected flows equal those of displace_stock). Jail terms count down afterwards, and
/// the free residents and their actives are tallied for the synchronous activation step.
/// Draws, in citizen order: all returns, then all displacements.
void displace_citizens(const Shared& sh, const DistrictDeaths& district_deaths,
                       SocietyState& society, RandomStreams& streams, Tally& t) {
  const PopulationParams& p = sh.sc.population;
  CitizenColumns& c = society.citizens;
  const std::size_t nd = society.displaced.size();
  Engine& rng = streams[Purpose::kPopulation];
  boost::random::bernoulli_distribution<double> returns(p.return_rate);

  bool violence = false;
  for (std::size_t d = 0; d < nd; ++d) {
    violence = violence || (p.displacement_per_death > 0 && district_deaths.all[d] > 0);
  }
  std::vector<double> p_displace(nd, 0.0);
  if (violence) {
    // p_d needs the residents after today's returns: returns get their own pass on such days.
    for (std::size_t d = 0; d < nd; ++d) {
      Count residents = 0;
      for (std::size_t i = c.first[d]; i < c.first[d + 1]; ++i) {
        if (c.displaced[i] && returns(rng)) c.displaced[i] = 0;
        residents += (!c.displaced[i] && c.jail_days[i] == 0) ? 1 : 0;
      }
      const double resident_people = p.people_per_agent * static_cast<double>(residents);
      if (resident_people > 0) {
        p_displace[d] =
            std::min(1.0, p.displacement_per_death * district_deaths.all[d] / resident_people);
      }
    }
  }

  // Citizens in district order, as they are stored: the draws come in citizen order.
  for (std::size_t d = 0; d < nd; ++d) {
    const double pd = p_displace[d];
    Count displaced = 0, free = 0, active_free = 0;
    for (std::size_t i = c.first[d]; i < c.first[d + 1]; ++i) {
      if (c.displaced[i]) {
        if (!violence && returns(rng)) c.displaced[i] = 0;  // no displacement draws follow today
      } else if (c.jail_days[i] == 0) {
        if (pd > 0 && boost::random::bernoulli_distribution<double>(pd)(rng)) {
          c.displaced[i] = 1;
          c.active[i] = 0;
        }
      } else {
        --c.jail_days[i];  // released at 0, in time for today's activation
      }
      if (c.displaced[i]) {
        ++displaced;
      } else if (c.jail_days[i] == 0) {
        ++free;
        active_free += c.active[i];
      }
    }
    t.displaced[d] += displaced;
    t.free[d] += free;
    t.active_free[d] += active_free;
    society.displaced[d] = p.people_per_agent * static_cast<double>(t.displaced[d]);
  }
}

/// Per district, the sanctuary discount: for the districts of an armed group's target state on
/// its line with the group's host, sanctuary_escape * sigma (the largest over such groups), else 0.
/// A sanctuary across the line lets the group's supporters slip out of reach of the target
/// state's arrests; the host's own citizens face its ordinary arrest risk, since the host's
/// tolerance shelters the group, not rebellion against the host (docs/model.md).
std::vector<double> sanctuary_discounts(const Shared& sh, const InsurgencyState& insurgency) {
  std::vector<double> discount(sh.sc.districts.size(), 0.0);
  const double escape = sh.sc.population.sanctuary_escape;
  for (int g = 0; g < sh.num_groups(); ++g) {
    const StateId host = sh.host_of(GroupId{g});
    const StateId target = sh.target_of(GroupId{g});
    if (!host.valid() || !target.valid() || host == target) continue;
    for (int d : sh.border_districts(target, host)) {
      discount[d] = std::max(discount[d], escape * insurgency.sigma[g]);
    }
  }
  return discount;
}

/// Epstein's rule for every free resident, from the district shares tallied before it
/// (synchronous update), then arrests of the actives. Draws, in citizen order: for each active
/// citizen an arrest draw, and for each arrested one a jail term.
void activate_and_arrest(const Shared& sh, const RunParams& params,
                         const InsurgencyState& insurgency, SocietyState& society,
                         RandomStreams& streams, Tally& t) {
  const PopulationParams& p = sh.sc.population;
  CitizenColumns& c = society.citizens;
  const std::size_t nd = society.displaced.size();
  Engine& rng = streams[Purpose::kPopulation];

  // District terms: C = vision * cop density, A = vision * active share (Epstein 2002).
  const std::vector<double> discount = sanctuary_discounts(sh, insurgency);
  std::vector<double> p_arrest_est(nd), p_arrest(nd);
  for (std::size_t d = 0; d < nd; ++d) {
    const double share =
        t.free[d] > 0 ? static_cast<double>(t.active_free[d]) / static_cast<double>(t.free[d])
                      : 0.0;
    society.surge[d] =
        policing_surge(society.surge[d], params.security[d], share, p.security_surge, p.surge_rate);
    p_arrest_est[d] = arrest_probability(
        p.arrest_constant, p.vision * (params.security[d] + society.surge[d]), p.vision * share);
    p_arrest[d] = p.max_jail_days > 0 ? p.arrest_rate * p_arrest_est[d] : 0.0;
  }
  const int max_jail = std::min(p.max_jail_days, int{std::numeric_limits<std::uint16_t>::max()});
  boost::random::uniform_int_distribution<int> jail_term(1, std::max(1, max_jail));

  // Raw pointers: the byte columns could alias anything, and the compiler would otherwise reload
  // every column's address after each store.
  const float* const hardship = c.hardship.data();
  const float* const risk = c.risk_aversion.data();
  const std::uint8_t* const displaced = c.displaced.data();
  std::uint8_t* const active_flag = c.active.data();
  std::uint16_t* const jail = c.jail_days.data();
  for (std::size_t d = 0; d < nd; ++d) {
    // The district's terms of Epstein's rule, computed once for all its citizens.
    const double extra_hardship = society.hardship[d];
    const EpsteinTerms terms =
        epstein_terms(society.legitimacy[d], p_arrest_est[d], discount[d], p.activation_threshold);
    const double arrest = p_arrest[d];
    const std::size_t begin = c.first[d], end = c.first[d + 1];
    // Pass 1, without branches or draws (the compiler vectorises it): Epstein's rule for every
    // free resident; displaced and jailed citizens keep their flag, which is 0 (displacement and
    // arrest clear it, and nothing sets it while they last), so afterwards a flag of 1 marks a
    // free active citizen. Jailed citizens are counted here.
    Count jailed = 0;
    for (std::size_t i = begin; i < end; ++i) {
      const std::uint8_t is_active =
          epstein_active(terms, static_cast<double>(hardship[i]) + extra_hardship,
                         static_cast<double>(risk[i]))
              ? 1
              : 0;
      const bool is_free = (displaced[i] | jail[i]) == 0;
      active_flag[i] = is_free ? is_active : active_flag[i];
      jailed += (displaced[i] == 0 && jail[i] > 0) ? 1 : 0;
    }
    // Pass 2, in citizen order: the arrest draws of the free actives.
    Count active_count = 0;
    for (std::size_t i = begin; i < end; ++i) {
      if (active_flag[i] == 0) continue;
      if (arrest > 0 && boost::random::bernoulli_distribution<double>(arrest)(rng)) {
        jail[i] = static_cast<std::uint16_t>(jail_term(rng));
        active_flag[i] = 0;
        ++jailed;
      } else {
        ++active_count;
      }
    }
    t.active[d] += active_count;
    t.jailed[d] += jailed;
  }
}

/// Before day 0, `spinup_days` days of Epstein's rule and arrests alone (no deaths, displacement
/// or hardship), so that a run starts from its society's own state (actives, jailed, policing
/// added) rather than from nobody active, whose first days would be an outburst of the start.
void spin_up(const Shared& sh, const RunParams& params, const InsurgencyState& insurgency,
             SocietyState& society, RandomStreams& streams) {
  const std::size_t nd = society.displaced.size();
  CitizenColumns& c = society.citizens;
  Tally t(nd);
  for (int day = 0; day < sh.sc.population.spinup_days; ++day) {
    t = Tally(nd);
    for (std::size_t d = 0; d < nd; ++d) {
      for (std::size_t i = c.first[d]; i < c.first[d + 1]; ++i) {
        if (c.jail_days[i] > 0) {
          --c.jail_days[i];  // released at 0, in time for today's activation
        }
        if (c.jail_days[i] == 0) {
          ++t.free[d];
          t.active_free[d] += c.active[i];
        }
      }
    }
    activate_and_arrest(sh, params, insurgency, society, streams, t);
  }
  // The district totals of the last spin-up day (all zero without one), as the society phase
  // leaves them: the invariants compare them with the citizens' flags.
  const double weight = sh.sc.population.people_per_agent;
  for (std::size_t d = 0; d < nd; ++d) {
    society.active_people[d] = weight * static_cast<double>(t.active[d]);
    society.jailed_people[d] = weight * static_cast<double>(t.jailed[d]);
  }
}

}  // namespace

double follow_with_lag(double pool, double value, double lag_days) {
  return pool + (value - pool) / std::max(1.0, lag_days);
}

void init_society(World& w) {
  const Shared& sh = w;
  SocietyState& society = w.society;
  RandomStreams& streams = w.rng;
  const std::size_t nd = sh.sc.districts.size();
  society.citizens = CitizenColumns{};
  society.active_people.assign(nd, 0.0);
  society.jailed_people.assign(nd, 0.0);
  society.recruitable.assign(nd, 0.0);
  society.surge.assign(nd, 0.0);
  const double weight = sh.sc.population.people_per_agent;
  if (!(weight > 0)) return;

  std::vector<std::size_t> agents(nd);
  std::size_t total = 0;
  for (std::size_t d = 0; d < nd; ++d) {
    agents[d] = citizen_agents(sh.sc.districts[d].population, weight);
    total += agents[d];
  }
  CitizenColumns& c = society.citizens;
  c.first.assign(nd + 1, 0);
  c.hardship.reserve(total);
  c.risk_aversion.reserve(total);
  Engine& rng = streams[Purpose::kPopulation];
  boost::random::uniform_real_distribution<float> unit(0.0f, 1.0f);
  for (std::size_t d = 0; d < nd; ++d) {
    c.first[d + 1] = c.first[d] + agents[d];
    for (std::size_t k = 0; k < agents[d]; ++k) {
      c.hardship.push_back(unit(rng));       // H ~ U(0,1), Epstein 2002
      c.risk_aversion.push_back(unit(rng));  // R ~ U(0,1)
    }
  }
  c.active.assign(total, 0);
  c.displaced.assign(total, 0);
  c.jail_days.assign(total, 0);
  spin_up(sh, w.params, w.insurgency, society, streams);
  society.recruitable = society.active_people;  // day 0 starts from the society's own state
}

void update_society(const Shared& sh, const RunParams& params, const EconomyState& economy,
                    const RefugeeState& refugees, const InsurgencyState& insurgency,
                    DistrictDeaths& district_deaths, SocietyState& society,
                    RandomStreams& streams) {
  const PopulationParams& p = sh.sc.population;
  const std::size_t nd = sh.sc.districts.size();

  // 0. Public diplomacy raises target legitimacy slowly, every day it is in force.
  for (std::size_t d = 0; d < nd; ++d) {
    if (params.legitimacy_gain[d] > 0) {
      society.legitimacy_target[d] =
          std::min(1.0, society.legitimacy_target[d] + params.legitimacy_gain[d]);
    }
  }

  // 1. Hardship from trade closures, returnee strain and displacement (yesterday's stock).
  for (std::size_t d = 0; d < nd; ++d) {
    const District& district = sh.sc.districts[d];
    const int s = sh.state_of(DistrictId{d});
    const double displaced_share =
        district.population > 0 ? society.displaced[d] / district.population : 0.0;
    society.hardship[d] = district_hardship(
        p, district.trade_dependence, economy.trade_closed_share[s],
        returnee_strain(refugees.returnees_recent[d], district.receiving_capacity), displaced_share,
        params.hardship_relief[s]);
  }

  // 2. Displacement and return (people are conserved: residents + displaced + jailed).
  const bool agents = society.citizens.size() > 0;
  Tally tally(agents ? nd : 0);
  if (agents) {
    displace_citizens(sh, district_deaths, society, streams, tally);
  } else {
    displace_stock(sh, district_deaths, society);
  }

  // 3. Legitimacy: recovers toward its target, falls with civilian deaths per 100,000 people
  //    and with hardship.
  for (std::size_t d = 0; d < nd; ++d) {
    const double population = sh.sc.districts[d].population;
    double l = society.legitimacy[d];
    l += p.legitimacy_recovery * (society.legitimacy_target[d] - l) -
         p.legitimacy_hardship * society.hardship[d];
    if (population > 0) l -= p.legitimacy_harm * district_deaths.civilians[d] / (population / 1e5);
    society.legitimacy[d] = std::clamp(l, 0.0, 1.0);
  }

  // 4-5. Epstein's rule (well mixed within a district) and arrests.
  if (agents) activate_and_arrest(sh, params, insurgency, society, streams, tally);

  // 6. What others read, and the per-day accumulators reset.
  for (std::size_t d = 0; d < nd; ++d) {
    society.active_people[d] =
        agents ? p.people_per_agent * static_cast<double>(tally.active[d]) : 0.0;
    society.jailed_people[d] =
        agents ? p.people_per_agent * static_cast<double>(tally.jailed[d]) : 0.0;
    society.recruitable[d] = follow_with_lag(society.recruitable[d], society.active_people[d],
                                             sh.sc.insurgency.recruit_lag_days);
  }
  std::fill(district_deaths.all.begin(), district_deaths.all.end(), 0.0);
  std::fill(district_deaths.civilians.begin(), district_deaths.civilians.end(), 0.0);
}

}  // namespace flashpoint
