// Armed-group attacks. In this version attacks are an input: a daily rate per district plus
// scripted attacks. The endogenous cells of model layer 2 will replace the rate, not the rest.
#include <boost/random/bernoulli_distribution.hpp>
#include <boost/random/discrete_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>

#include "model/ladder.hpp"
#include "model/phases.hpp"

namespace flashpoint {

namespace {

std::int32_t draw_count(double mean, Engine& rng) {
  if (mean <= 0) return 0;
  return boost::random::poisson_distribution<std::int32_t, double>(mean)(rng);
}

int draw_attack_type(const Scenario& sc, Engine& rng) {
  std::vector<double> shares;
  for (const auto& t : sc.attack_types) shares.push_back(t.share);
  return boost::random::discrete_distribution<int, double>(shares.begin(), shares.end())(rng);
}

/// Remembers an attributed attack and, when the victim's doctrine is met, schedules retaliation
/// after a random lag.
void consider_doctrine(World& w, int victim, int host, double deaths) {
  const Doctrine& doc = w.doctrine[victim];
  if (!doc.enabled) return;
  auto& memory = w.attributed[victim];
  std::erase_if(memory,
                [&](const AttributedDeaths& m) { return w.day - m.day >= doc.window_days; });
  memory.push_back({w.day, host, deaths});
  double cumulative = 0;
  for (const auto& m : memory) {
    if (m.attributed_to == host && w.day - m.day < doc.window_days) cumulative += m.deaths;
  }
  const bool triggered = deaths >= doc.fatality_threshold || cumulative >= doc.cumulative_threshold;
  auto& p = w.pending[victim];
  const bool already = p.due_day >= 0 && w.day <= p.expiry_day;
  if (!triggered || already) return;
  const int lag = boost::random::discrete_distribution<int, double>(
      doc.lag_probabilities.begin(), doc.lag_probabilities.end())(w.rng[Purpose::kAttribution]);
  p.due_day = w.day + lag;
  p.expiry_day = p.due_day + doc.expiry_days;
  p.target = host;
  memory.clear();  // the window restarts after a response
}

}  // namespace

void carry_out_attack(World& w, int group, int district, int attack_type,
                      const std::array<double, 3>& given) {
  const Scenario& sc = w.sc;
  auto& rng = w.rng[Purpose::kInsurgency];
  const int victim = w.district_state[district];
  std::array<std::int32_t, 3> deaths{};
  const bool draws_needed = given[0] < 0 || given[1] < 0 || given[2] < 0;
  if (draws_needed && attack_type < 0) attack_type = draw_attack_type(sc, rng);
  for (int k = 0; k < 3; ++k) {
    if (given[k] >= 0) {
      deaths[k] = static_cast<std::int32_t>(given[k]);
    } else {
      const auto& t = sc.attack_types[attack_type];
      const double mean = k == kForces      ? t.forces_mean
                          : k == kCivilians ? t.civilians_mean
                                            : t.militants_mean;
      deaths[k] = draw_count(mean, rng);
    }
  }
  deaths[kMilitants] =
      std::min<std::int32_t>(deaths[kMilitants], static_cast<std::int32_t>(w.fighters[group]));
  w.fighters[group] -= deaths[kMilitants];
  w.add_deaths(w.cat_forces[victim], deaths[kForces]);
  w.add_deaths(w.cat_civilians[victim], deaths[kCivilians]);
  w.add_deaths(w.cat_fighters[group], deaths[kMilitants]);
  ++w.attacks_today;

  const auto& d = sc.districts[district];
  EventRecord e;
  e.actor = w.group_actor[group];
  e.target = w.state_actor[victim];
  e.cameo = std::string(cameo::kArmedGroupAttack.code);
  e.goldstein = cameo::kArmedGroupAttack.goldstein;
  e.location = d.id;
  e.lat = d.lat;
  e.lon = d.lon;
  e.forces = deaths[kForces];
  e.civilians = deaths[kCivilians];
  e.militants = deaths[kMilitants];
  w.emit(e);

  // Attribution: the victim blames the group's host (the triangular term of the choice rule).
  const int host = w.actor_state[sc.actors[w.group_actor[group]].armed_group.host];
  if (host < 0 || host == victim) return;
  const double p = sc.actors[w.state_actor[victim]].state.attribution_probability;
  if (!boost::random::bernoulli_distribution<double>(p)(w.rng[Purpose::kAttribution])) return;
  const double harmed = deaths[kForces] + deaths[kCivilians];
  w.deaths_caused(victim, host) += harmed;
  w.received_goldstein(victim, host) += cameo::kArmedGroupAttack.goldstein;
  if (harmed >= sc.strategic.major_attack_deaths) {
    auto& today = w.attributed_history.front();
    today(victim, host) = std::max(today(victim, host), sc.strategic.attributed_attack_rung);
  }
  consider_doctrine(w, victim, host, harmed);
}

void armed_group_attacks(World& w) {
  const Scenario& sc = w.sc;
  for (const ScriptedEvent* e : w.scripted_by_day[w.day]) {
    if (!e->is_attack) continue;
    carry_out_attack(w, w.actor_group[e->actor], e->district, e->attack_type, e->fatalities);
  }
  auto& rng = w.rng[Purpose::kInsurgency];
  for (int d = 0; d < static_cast<int>(sc.districts.size()); ++d) {
    const auto& district = sc.districts[d];
    if (district.attack_rate_per_day <= 0) continue;
    const int n = draw_count(district.attack_rate_per_day, rng);
    for (int k = 0; k < n; ++k) {
      carry_out_attack(w, w.actor_group[district.attack_group], d, -1, {-1, -1, -1});
    }
  }
}

}  // namespace flashpoint
