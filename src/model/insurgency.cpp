// Armed-group attacks: cells with an endogenous hazard (model layer 2), plus exogenous daily
// rates by district and scripted attacks; attribution; the host's tolerance; recruitment, losses,
// splitting and dissolving of cells.
#include "model/insurgency.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include <boost/random/bernoulli_distribution.hpp>
#include <boost/random/binomial_distribution.hpp>
#include <boost/random/discrete_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>

#include "model/ladder.hpp"
#include "model/phases.hpp"

namespace flashpoint {

double cell_attack_hazard(const InsurgencyParams& p, double fighters, bool on_host_soil,
                          double sigma, double ci, bool ceasefire) {
  if (fighters <= 0) return 0.0;
  const double strength = std::pow(fighters / p.reference_fighters, p.strength_exponent);
  const double haven = on_host_soil ? 1.0 + p.sanctuary_bonus * sigma : 1.0;
  const double restraint = ceasefire ? 1.0 - p.ceasefire_effect : 1.0;
  return p.base_rate * strength * haven * (1.0 - ci) * restraint;
}

double ci_pressure(const InsurgencyParams& p, double security, bool on_host_soil, double sigma) {
  const double effective = on_host_soil ? security * (1.0 - sigma) : security;
  return 1.0 - std::exp(-p.ci_effect * effective);
}

double blame_probability(const StateParams& victim, bool from_host_soil, double accuracy) {
  if (from_host_soil) {
    return victim.attribution_probability + (1.0 - victim.attribution_probability) * accuracy;
  }
  return victim.misattribution_probability * (1.0 - accuracy);
}

double distance_km(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kEarthRadiusKm = 6371.0;
  constexpr double kRad = std::numbers::pi / 180.0;
  const double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
  const double a =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2.0 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(a)));
}

double next_sigma(const InsurgencyParams& p, double sigma, double affinity, int target_strikes,
                  double regional_pressure) {
  sigma += p.sigma_affinity_rate * (affinity - sigma) - p.sigma_coercion * target_strikes -
           p.sigma_regional * regional_pressure;
  return std::clamp(sigma, p.sigma_floor, 1.0);
}

namespace {

int draw_attack_type(const Scenario& sc, Engine& rng) {
  std::vector<double> shares;
  for (const auto& t : sc.attack_types) shares.push_back(t.share);
  return boost::random::discrete_distribution<int, double>(shares.begin(), shares.end())(rng);
}

}  // namespace

/// Remembers an attributed attack and, when the victim's doctrine is met, schedules retaliation
/// after a random lag.
void consider_doctrine(const RunParams& params, StrategicState& strategic, RandomStreams& streams,
                       int day, StateId victim, StateId host, double deaths, DoctrineTrigger kind) {
  const auto& doctrines = params.doctrines[victim];
  for (std::size_t k = 0; k < doctrines.size(); ++k) {
    const Doctrine& doc = doctrines[k];
    if (!doc.enabled || (doc.triggers & kind) == 0) continue;
    auto& memory = strategic.attributed[victim][k];
    std::erase_if(memory,
                  [&](const AttributedDeaths& m) { return day - m.day >= doc.window_days; });
    memory.push_back({day, host, deaths});
    double cumulative = 0;
    for (const auto& m : memory) {
      if (m.attributed_to == host && day - m.day < doc.window_days) cumulative += m.deaths;
    }
    const bool triggered =
        deaths >= doc.fatality_threshold || cumulative >= doc.cumulative_threshold;
    auto& p = strategic.pending[victim][k];
    const bool already = p.due_day >= 0 && day <= p.expiry_day;
    if (!triggered || already) continue;
    const int lag =
        doc.lag_offset_days + boost::random::discrete_distribution<int, double>(
                                  doc.lag_probabilities.begin(),
                                  doc.lag_probabilities.end())(streams[Purpose::kAttribution]);
    p.due_day = day + lag;
    p.expiry_day = p.due_day + doc.expiry_days;
    p.target = host;
    memory.clear();  // the window restarts after a response
  }
}

void carry_out_attack(const Shared& sh, const RunParams& params, InsurgencyState& insurgency,
                      StrategicState& strategic, RandomStreams& streams, Ledger& ledger,
                      GroupId group, DistrictId district, int attack_type,
                      const std::array<double, 3>& given, int cell) {
  const Scenario& sc = sh.sc;
  auto& rng = streams[Purpose::kInsurgency];
  const int victim = sh.state_of(district);
  std::array<std::int32_t, 3> deaths{};
  std::array<double, 3> expected{};  // the expected deaths: given, or the attack type's means
  const bool draws_needed = given[0] < 0 || given[1] < 0 || given[2] < 0;
  if (draws_needed && attack_type < 0) attack_type = draw_attack_type(sc, rng);
  for (int k = 0; k < 3; ++k) {
    if (given[k] >= 0) {
      deaths[k] = static_cast<std::int32_t>(given[k]);
      expected[k] = given[k];
    } else {
      const auto& t = sc.attack_types[attack_type];
      const double mean = k == kForces      ? t.forces_mean
                          : k == kCivilians ? t.civilians_mean
                                            : t.militants_mean;
      deaths[k] = draw_count(mean, rng);
      expected[k] = mean;
    }
  }
  // Drawn deaths are bounded by who is there: no more civilians than live in the district, no
  // more security forces than it has (security presence per person times its people). Given
  // deaths (a scripted attack) are the scenario's facts and stay as given.
  const double people = sc.districts[district].population;
  const double forces_present = params.security[district] * people;
  if (given[kCivilians] < 0) deaths[kCivilians] = at_most_present(deaths[kCivilians], people);
  if (given[kForces] < 0) deaths[kForces] = at_most_present(deaths[kForces], forces_present);
  // Militants die from the attacking cell. An attack without a cell (district rate, script) by a
  // group that has cells takes them from its strongest live cell, so the group's strength stays
  // the sum of its cells; a group without cells loses them from its pool.
  const int attacking_cell = cell;  // -1: district rate or script (blamed as from host soil)
  if (cell < 0) {
    for (std::size_t k = 0; k < insurgency.cells.size(); ++k) {
      if (insurgency.cells.alive[k] && insurgency.cells.group[k] == group &&
          (cell < 0 || insurgency.cells.fighters[k] > insurgency.cells.fighters[cell])) {
        cell = static_cast<int>(k);
      }
    }
  }
  double& pool = cell >= 0 ? insurgency.cells.fighters[cell] : insurgency.fighters[group];
  deaths[kMilitants] = std::min<std::int32_t>(deaths[kMilitants], static_cast<std::int32_t>(pool));
  pool -= deaths[kMilitants];
  if (cell >= 0) insurgency.fighters[group] -= deaths[kMilitants];
  // The injured, each category at most the people present who survived (their own stream:
  // counting them changes no other draw).
  const auto& ops = sc.operations;
  auto& injured_rng = streams[Purpose::kInjured];
  std::array<std::int32_t, 3> injured{};
  injured[kForces] = draw_injured(ops.injured_per_death_forces, expected[kForces],
                                  forces_present - deaths[kForces], injured_rng);
  injured[kCivilians] = draw_injured(ops.injured_per_death_civilians, expected[kCivilians],
                                     people - deaths[kCivilians], injured_rng);
  injured[kMilitants] =
      draw_injured(ops.injured_per_death_militants, expected[kMilitants], pool, injured_rng);
  ledger.add_injured(sh.cat_forces[victim], injured[kForces]);
  ledger.add_injured(sh.cat_civilians[victim], injured[kCivilians]);
  ledger.add_injured(sh.cat_fighters[group], injured[kMilitants]);
  ledger.add_district_deaths(district, deaths[kForces] + deaths[kCivilians] + deaths[kMilitants],
                             deaths[kCivilians]);
  ledger.add_deaths(sh.cat_forces[victim], deaths[kForces]);
  ledger.add_deaths(sh.cat_civilians[victim], deaths[kCivilians]);
  ledger.add_deaths(sh.cat_fighters[group], deaths[kMilitants]);
  ++ledger.today.attacks;
  ledger.today.worst_attack[victim] =
      std::max<double>(ledger.today.worst_attack[victim], deaths[kForces] + deaths[kCivilians]);

  const auto& d = sc.districts[district];
  EventRecord e;
  e.actor = sh.actor_of(group);
  e.target = sh.actor_of(StateId{victim});
  e.cameo = std::string(cameo::kArmedGroupAttack.code);
  e.goldstein = cameo::kArmedGroupAttack.goldstein;
  e.location = d.id;
  e.lat = d.lat;
  e.lon = d.lon;
  e.forces = deaths[kForces];
  e.civilians = deaths[kCivilians];
  e.militants = deaths[kMilitants];
  e.injured_forces = injured[kForces];
  e.injured_civilians = injured[kCivilians];
  e.injured_militants = injured[kMilitants];
  if (attack_type >= 0) e.acled_sub_event_type = sc.attack_types[attack_type].acled_sub_event_type;
  ledger.emit(e);

  // Attribution: the victim blames the group's host (the triangular term of the choice rule),
  // more surely when the attack came from the host's soil. Attacks without a cell (district rates,
  // scripted) count as coming from the host's soil.
  const int host = sh.host_of(group);
  if (host < 0 || host == victim) return;
  const bool from_host_soil =
      attacking_cell < 0 ||
      sh.state_of(DistrictId{insurgency.cells.district[attacking_cell]}) == host;
  const double p = blame_probability(sh.state_params(StateId{victim}), from_host_soil,
                                     params.joint_investigation(victim, host));
  if (!boost::random::bernoulli_distribution<double>(p)(streams[Purpose::kAttribution])) return;
  const double harmed = deaths[kForces] + deaths[kCivilians];
  strategic.deaths_caused(victim, host) += harmed;
  ledger.today.receive(victim, host, cameo::kArmedGroupAttack.goldstein);
  if (harmed >= sc.strategic.major_attack_deaths) {
    auto& today = strategic.attributed_history.front();
    today(victim, host) = std::max(today(victim, host), sc.strategic.attributed_attack_rung);
  }
  consider_doctrine(params, strategic, streams, ledger.day, StateId{victim}, StateId{host}, harmed,
                    kTriggerAttack);
}

namespace {

/// Attacks by cells: Poisson(hazard) per cell, aimed at the target state's districts weighted by
/// target_weight * exp(-distance / attack_range_km).
void cell_attacks(const Shared& sh, const RunParams& params, const DiplomacyState& diplomacy,
                  InsurgencyState& insurgency, StrategicState& strategic, RandomStreams& streams,
                  Ledger& ledger) {
  const Scenario& sc = sh.sc;
  const auto& p = sc.insurgency;
  auto& rng = streams[Purpose::kInsurgency];
  const std::size_t n = insurgency.cells.size();
  std::vector<double> weights(sc.districts.size());
  for (std::size_t k = 0; k < n; ++k) {
    if (!insurgency.cells.alive[k]) continue;
    const int g = insurgency.cells.group[k];
    const int target = sh.target_of(GroupId{g});
    if (target < 0) continue;
    const int host = sh.host_of(GroupId{g});
    const int base = insurgency.cells.district[k];
    const bool on_host_soil = sh.state_of(DistrictId{base}) == host;
    const double ci = ci_pressure(p, params.security[base], on_host_soil, insurgency.sigma[g]);
    const bool ceasefire =
        host >= 0 && host != target && diplomacy.ceasefire[sh.dyad(host, target)];
    const double h = cell_attack_hazard(p, insurgency.cells.fighters[k], on_host_soil,
                                        insurgency.sigma[g], ci, ceasefire);
    const int attacks = h > 0 ? boost::random::poisson_distribution<int, double>(h)(rng) : 0;
    if (attacks == 0) continue;
    const auto& from = sc.districts[base];
    double total = 0;
    for (std::size_t d = 0; d < sc.districts.size(); ++d) {
      const auto& to = sc.districts[d];
      weights[d] =
          sh.state_of(DistrictId{d}) == target
              ? to.target_weight *
                    std::exp(-distance_km(from.lat, from.lon, to.lat, to.lon) / p.attack_range_km)
              : 0.0;
      total += weights[d];
    }
    if (total <= 0) continue;
    for (int a = 0; a < attacks && insurgency.cells.fighters[k] > 0; ++a) {
      const int d =
          boost::random::discrete_distribution<int, double>(weights.begin(), weights.end())(rng);
      carry_out_attack(sh, params, insurgency, strategic, streams, ledger, GroupId{g},
                       DistrictId{d}, -1, {-1, -1, -1}, static_cast<int>(k));
    }
  }
}

}  // namespace

void armed_group_attacks(const Shared& sh, const RunParams& params, const DiplomacyState& diplomacy,
                         InsurgencyState& insurgency, StrategicState& strategic,
                         RandomStreams& streams, Ledger& ledger) {
  const Scenario& sc = sh.sc;
  for (const ScriptedEvent* e : sh.scripted_by_day[ledger.day]) {
    if (!e->is_attack) continue;
    carry_out_attack(sh, params, insurgency, strategic, streams, ledger,
                     sh.group_of(ActorId{e->actor}), DistrictId{e->district}, e->attack_type,
                     e->fatalities, -1);
  }
  auto& rng = streams[Purpose::kInsurgency];
  for (int d = 0; d < static_cast<int>(sc.districts.size()); ++d) {
    const auto& district = sc.districts[d];
    if (district.attack_rate_per_day <= 0) continue;
    const int n = draw_count(district.attack_rate_per_day, rng);
    for (int k = 0; k < n; ++k) {
      carry_out_attack(sh, params, insurgency, strategic, streams, ledger,
                       sh.group_of(ActorId{district.attack_group}), DistrictId{d}, -1, {-1, -1, -1},
                       -1);
    }
  }
  cell_attacks(sh, params, diplomacy, insurgency, strategic, streams, ledger);
}

namespace {

/// Drops the cells dissolved on earlier days, keeping the live ones in their order. Every loop
/// over cells skips dissolved ones and draws in index order, so the run is the same; without
/// this the columns grew by every split for ever (1.4 million cells, 10,000 of them alive, after
/// a year of fast splitting and dissolving) while at most max_cells per group are alive.
void drop_dissolved_cells(CellColumns& c) {
  std::size_t kept = 0;
  for (std::size_t k = 0; k < c.size(); ++k) {
    if (!c.alive[k]) continue;
    if (kept != k) {
      c.group[kept] = c.group[k];
      c.district[kept] = c.district[k];
      c.fighters[kept] = c.fighters[k];
      c.alive[kept] = c.alive[k];
    }
    ++kept;
  }
  if (kept == c.size()) return;
  c.group.resize(kept);
  c.district.resize(kept);
  c.fighters.resize(kept);
  c.alive.resize(kept);
}

}  // namespace

void update_cells(const Shared& sh, const RunParams& params, const SocietyState& society,
                  const EconomyState& economy, InsurgencyState& insurgency, RandomStreams& streams,
                  Ledger& ledger) {
  const Scenario& sc = sh.sc;
  const auto& p = sc.insurgency;
  auto& rng = streams[Purpose::kInsurgency];
  auto& injured_rng = streams[Purpose::kInjured];
  // Cells that dissolve today stay (dissolved) until tomorrow's update: the columns hold at most
  // the live cells and those dissolved today (docs/model.md 7.6).
  drop_dissolved_cells(insurgency.cells);
  const std::size_t n = insurgency.cells.size();

  // Cells sharing a district share its active citizens as recruits.
  std::vector<int> cells_in_district(sc.districts.size(), 0);
  for (std::size_t k = 0; k < n; ++k) {
    if (insurgency.cells.alive[k]) ++cells_in_district[insurgency.cells.district[k]];
  }
  std::vector<int> live_cells(sh.num_groups(), 0);
  for (std::size_t k = 0; k < n; ++k)
    live_cells[insurgency.cells.group[k]] += insurgency.cells.alive[k];

  std::vector<std::size_t> splitting;  // cells that split today; new cells are added after the loop
  for (std::size_t k = 0; k < n; ++k) {
    if (!insurgency.cells.alive[k]) continue;
    const int g = insurgency.cells.group[k];
    const int host = sh.host_of(GroupId{g});
    const int d = insurgency.cells.district[k];
    const bool on_host_soil = sh.state_of(DistrictId{d}) == host;
    double& fighters = insurgency.cells.fighters[k];

    // Losses to counter-insurgency operations by the state that holds the district.
    const double ci = ci_pressure(p, params.security[d], on_host_soil, insurgency.sigma[g]);
    const double loss_p = std::min(1.0, p.operations_loss_rate * params.ops_multiplier[d] * ci);
    const auto whole = static_cast<std::int32_t>(fighters);
    const std::int32_t killed =
        whole > 0 && loss_p > 0
            ? boost::random::binomial_distribution<std::int32_t, double>(whole, loss_p)(rng)
            : 0;
    if (killed > 0) {
      fighters -= killed;
      insurgency.fighters[g] -= killed;
      ledger.add_deaths(sh.cat_fighters[g], killed);
      const std::int32_t injured =
          draw_injured(sc.operations.injured_per_death_militants, killed, fighters, injured_rng);
      ledger.add_injured(sh.cat_fighters[g], injured);
      ledger.add_district_deaths(d, killed, 0);
      EventRecord e;
      e.actor = sh.actor_of(sh.state_of(DistrictId{d}));
      e.target = sh.actor_of(GroupId{g});
      e.cameo = std::string(cameo::kCounterInsurgency.code);
      e.goldstein = cameo::kCounterInsurgency.goldstein;
      const auto& district = sc.districts[d];
      e.location = district.id;
      e.lat = district.lat;
      e.lon = district.lon;
      e.militants = killed;
      e.injured_militants = injured;
      ledger.emit(e);
    }

    // Recruitment from the district's active citizens (Epstein's actives join or support).
    const double mean = p.recruit_rate * society.recruitable[d] / std::max(1, cells_in_district[d]);
    const int recruits = mean > 0 ? boost::random::poisson_distribution<int, double>(mean)(rng) : 0;
    fighters += recruits;
    insurgency.fighters[g] += recruits;

    if (fighters < p.min_fighters) {  // the cell dissolves; its last fighters disperse
      insurgency.fighters[g] -= fighters;
      fighters = 0;
      insurgency.cells.alive[k] = 0;
      --live_cells[g];
    } else if (fighters > p.split_fighters && live_cells[g] < p.max_cells) {
      splitting.push_back(k);
      ++live_cells[g];
    }
  }
  for (std::size_t k : splitting) {  // half of a splitting cell forms a new cell in its district
    const double half = std::floor(insurgency.cells.fighters[k] / 2);
    insurgency.cells.fighters[k] -= half;
    insurgency.cells.group.push_back(insurgency.cells.group[k]);
    insurgency.cells.district.push_back(insurgency.cells.district[k]);
    insurgency.cells.fighters.push_back(half);
    insurgency.cells.alive.push_back(1);
  }

  // The host's tolerance: slow drift toward affinity, pushed down by coercion and pressure.
  for (int g = 0; g < sh.num_groups(); ++g) {
    const auto& group = sh.group_params(GroupId{g});
    const int host = sh.host_of(GroupId{g});
    double pressure = host >= 0 ? params.regional_pressure[host] : 0.0;
    for (int m : sc.mediators()) pressure += params.mediator[m].regional_pressure;
    // Economic incentives: trade grown by a corridor with the target state presses the host too.
    const int target = sh.target_of(GroupId{g});
    if (host >= 0 && target >= 0 && host != target) {
      for (int c : sh.dyad_crossings[sh.dyad(host, target)])
        pressure += economy.trade_multiplier[c] - 1.0;
    }
    insurgency.sigma[g] = next_sigma(p, insurgency.sigma[g], group.affinity,
                                     ledger.today.target_strikes[g], pressure);
  }
}

}  // namespace flashpoint
