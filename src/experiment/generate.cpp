// `flashpoint generate`: the synthetic scenario (generate.hpp describes its layout).
#include "experiment/generate.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <iterator>
#include <numbers>
#include <string_view>

#include <fmt/format.h>

#include "core/date.hpp"
#include "core/error.hpp"
#include "model/society.hpp"

namespace flashpoint {

namespace {

constexpr std::int64_t kBasePopulation = 500'000;
constexpr std::int64_t kPopulationSpreadMultiplier = 617'723;
constexpr std::int64_t kPopulationSpreadModulus = 1'000'003;  // prime: the spread never repeats
constexpr double kDistrictSpacingDeg = 0.25;                  // longitude, on the fuller side
constexpr double kBorderDistrictOffsetDeg = 0.3;
constexpr double kInlandDistrictOffsetDeg = 0.9;
constexpr double kKmPerDegree = 111.32;
constexpr std::string_view kStartDate = "2040-01-01";

int north_count(int districts) {
  return districts - districts / 2;
}
int south_count(int districts) {
  return districts / 2;
}

int digits(int n) {
  int d = 1;
  while (n >= 10) {
    n /= 10;
    ++d;
  }
  return d;
}

/// "d007" with at least three digits, more when the list is longer.
std::string make_id(char prefix, int index, int count) {
  return fmt::format("{}{:0{}d}", prefix, index + 1, std::max(3, digits(count)));
}

/// The side's district index facing sector k (of S), for a side of n districts (S <= n).
int facing_district(int k, int sectors, int n) {
  return static_cast<int>((2 * static_cast<std::int64_t>(k) + 1) * n /
                          (2 * static_cast<std::int64_t>(sectors)));
}

bool has_crossing(int k, int sectors) {
  return sectors == 1 ? k == 0 : k % 4 == 1;
}

/// Smallest weight w with citizen_agents(p, w) <= k (the count never grows with w).
double smallest_weight_at_most(const std::vector<std::int64_t>& p, double lo, double hi,
                               std::int64_t k) {
  for (int i = 0; i < 400; ++i) {
    const double mid = std::sqrt(lo) * std::sqrt(hi);
    if (!(mid > lo && mid < hi)) break;
    (citizen_agents(p, mid) <= k ? hi : lo) = mid;
  }
  return hi;
}

/// Largest weight w with citizen_agents(p, w) >= k.
double largest_weight_at_least(const std::vector<std::int64_t>& p, double lo, double hi,
                               std::int64_t k) {
  for (int i = 0; i < 400; ++i) {
    const double mid = std::sqrt(lo) * std::sqrt(hi);
    if (!(mid > lo && mid < hi)) break;
    (citizen_agents(p, mid) >= k ? lo : hi) = mid;
  }
  return lo;
}

/// The weight with the fewest significant digits among those that give k agents, in [a, b].
double round_weight(const std::vector<std::int64_t>& p, double a, double b, std::int64_t k) {
  const double mid = std::sqrt(a) * std::sqrt(b);
  for (int precision = 1; precision <= 17; ++precision) {
    const std::string text = fmt::format("{:.{}g}", mid, precision);
    const double w = std::strtod(text.c_str(), nullptr);
    if (w >= a && w <= b && citizen_agents(p, w) == k) return w;
  }
  return a;
}

void append(std::string& out, std::string_view text) {
  out.append(text);
}

template <class... Args>
void line(std::string& out, fmt::format_string<Args...> f, Args&&... args) {
  fmt::format_to(std::back_inserter(out), f, std::forward<Args>(args)...);
  out.push_back('\n');
}

}  // namespace

void check_generate_options(const GenerateOptions& o) {
  std::vector<Problem> problems;
  auto bad = [&](std::string key, std::string message) {
    problems.push_back(Problem{"generate", 0, 0, std::move(key), std::move(message)});
  };
  if (o.citizens < 1 || o.citizens > kGenerateMaxCitizens) {
    bad("--citizens", fmt::format("{} is outside the valid range 1 to 1e9", o.citizens));
  }
  const bool districts_ok =
      o.districts >= kGenerateMinDistricts && o.districts <= kGenerateMaxDistricts;
  if (!districts_ok) {
    bad("--districts", fmt::format("{} is outside the valid range {} to {} (half on each side)",
                                   o.districts, kGenerateMinDistricts, kGenerateMaxDistricts));
  }
  if (o.sectors < 1) {
    bad("--sectors", fmt::format("{} is below 1: the border needs at least one sector", o.sectors));
  } else if (districts_ok && o.sectors > south_count(o.districts)) {
    bad("--sectors",
        fmt::format("{} sectors need at least {} districts on each side, but {} districts give "
                    "{} to the south: at most {} sectors, or at least {} districts",
                    o.sectors, o.sectors, o.districts, south_count(o.districts),
                    south_count(o.districts), 2 * o.sectors));
  }
  if (o.cells < 0 || o.cells > kGenerateMaxCells) {
    bad("--cells",
        fmt::format("{} is outside the valid range 0 to {}", o.cells, kGenerateMaxCells));
  }
  if (o.days < 1 || o.days > kGenerateMaxDays) {
    bad("--days", fmt::format("{} is outside the valid range 1 to {}", o.days, kGenerateMaxDays));
  }
  if (o.seed > kGenerateMaxSeed) {
    bad("--seed", fmt::format("{} is outside the valid range 0 to 9e15", o.seed));
  }
  if (!problems.empty()) throw InputError(std::move(problems));
}

std::int64_t citizen_agents(const std::vector<std::int64_t>& populations, double people_per_agent) {
  std::int64_t total = 0;
  for (const std::int64_t p : populations) {
    total += static_cast<std::int64_t>(
        flashpoint::citizen_agents(static_cast<double>(p), people_per_agent));
  }
  return total;
}

CitizenPlan plan_citizens(const GenerateOptions& o) {
  check_generate_options(o);
  CitizenPlan plan;
  const auto nd = static_cast<std::size_t>(o.districts);
  std::vector<std::int64_t> base(nd);
  std::int64_t base_total = 0;
  for (std::size_t i = 0; i < nd; ++i) {
    base[i] = kBasePopulation + (kPopulationSpreadMultiplier * static_cast<std::int64_t>(i)) %
                                    kPopulationSpreadModulus;
    base_total += base[i];
  }
  // At least one person per agent.
  const std::int64_t scale = std::max<std::int64_t>(1, (o.citizens + base_total - 1) / base_total);
  plan.populations.resize(nd);
  for (std::size_t i = 0; i < nd; ++i) plan.populations[i] = base[i] * scale;
  plan.people = base_total * scale;
  const auto& p = plan.populations;
  const double largest = static_cast<double>(*std::max_element(p.begin(), p.end()));

  // The count falls from above 1e9 at w = 1e-3 (every district has >= 5e5 people) to 0 above
  // twice the largest population. Find the weights that give exactly --citizens; when the count
  // jumps over it, take the nearer of the two counts on either side of the jump.
  const double lo = 1e-3, hi = 4 * largest;
  std::int64_t target = o.citizens;
  const double first = smallest_weight_at_most(p, lo, hi, target);
  if (const std::int64_t at = citizen_agents(p, first); at != target) {
    const std::int64_t below = citizen_agents(p, std::nextafter(first, 0.0));
    target = (at > 0 && target - at <= below - target) ? at : below;
  }
  const double a = smallest_weight_at_most(p, lo, hi, target);
  const double b = largest_weight_at_least(p, lo, hi, target);
  plan.people_per_agent = round_weight(p, a, b, target);
  plan.citizens = citizen_agents(p, plan.people_per_agent);
  return plan;
}

std::string generate_scenario_yaml(const GenerateOptions& o) {
  const CitizenPlan plan = plan_citizens(o);
  const int D = o.districts, S = o.sectors, C = o.cells, T = o.days;
  const int nn = north_count(D), ns = south_count(D);
  const Date start = *Date::parse(kStartDate);
  // A day inside the run. Every day the file names is at most 5, so that it stays valid when a
  // command shortens the run (`flashpoint run --days N`, N >= 6).
  auto day = [&](int d) { return std::min(d, T - 1); };

  // Districts: NTH are 0..nn-1, STH nn..D-1. Which face a sector, and which sector has a crossing.
  std::vector<int> north_of_sector(static_cast<std::size_t>(S)),
      south_of_sector(static_cast<std::size_t>(S));
  std::vector<int> faces(static_cast<std::size_t>(D), -1);  // sector faced, -1 inland
  std::vector<bool> near_crossing(static_cast<std::size_t>(D), false);
  for (int k = 0; k < S; ++k) {
    const int n = facing_district(k, S, nn), s = nn + facing_district(k, S, ns);
    north_of_sector[static_cast<std::size_t>(k)] = n;
    south_of_sector[static_cast<std::size_t>(k)] = s;
    faces[static_cast<std::size_t>(n)] = k;
    faces[static_cast<std::size_t>(s)] = k;
    if (has_crossing(k, S)) {
      near_crossing[static_cast<std::size_t>(n)] = true;
      near_crossing[static_cast<std::size_t>(s)] = true;
    }
  }
  const double line_deg = kDistrictSpacingDeg * nn;  // length of the line in degrees of longitude
  const double km_per_deg_lon =
      kKmPerDegree * std::cos(kGenerateBorderLat * std::numbers::pi / 180.0);
  auto district_id = [&](int i) { return make_id('d', i, D); };
  auto sector_id = [&](int k) { return make_id('s', k, S); };
  auto lon_along = [&](int i, int n) { return kGenerateWestLon + (i + 0.5) * line_deg / n; };

  std::string y;
  y.reserve(4096 + 256 * static_cast<std::size_t>(D + 2 * S + C));
  line(y,
       "# A synthetic scenario written by `flashpoint generate` for benchmarks and tests. Every");
  line(y, "# state, group, place and number in it is invented.");
  line(y,
       "#   flashpoint generate --citizens {} --districts {} --sectors {} --cells {} --days {} "
       "--seed {}",
       o.citizens, D, S, C, T, o.seed);
  line(y, "# Citizen agents: {} (asked for {}): {} people in {} districts, {} people per agent.",
       plan.citizens, o.citizens, plan.people, D, plan.people_per_agent);
  append(
      y,
      "# NTH (north) and STH (south) share a line along latitude 12 N, split into sectors with\n"
      "# posts on both sides; GRP, an armed group with sanctuary in STH, attacks NTH; NTH hosts\n"
      "# refugees from STH and deports them; MED mediates and REG, a regional power, presses "
      "STH.\n");
  line(y, "schema_version: 1");
  line(y, "name: synthetic");
  line(y,
       "description: Synthetic dyad with {} citizen agents, {} districts, {} sectors and {} "
       "cells.",
       plan.citizens, D, S, C);
  line(y, "start_date: {}", start.to_string());
  line(y, "days: {}", T);
  line(y, "seed: {}", o.seed);
  line(y, "free_from: {}", start.plus_days(std::min(5, T)).to_string());
  y.push_back('\n');

  append(y,
         "operations:\n"
         "  reopen_requires_ceasefire: false\n"
         "  reopen_calm_days: 10\n"
         "  reopen_rate: 0.1\n"
         "  returns_share_of_capacity: 0.5\n"
         "insurgency:\n"
         "  base_rate: 0.05\n"
         "  attack_range_km: 150\n"
         "  recruit_rate: 0.000004\n"
         "  operations_loss_rate: 0.003\n"
         "  split_fighters: 500\n");
  line(y, "  max_cells: {}", std::clamp(2 * C, 500, kGenerateMaxCells));
  line(y, "population:");
  line(y, "  people_per_agent: {}", plan.people_per_agent);
  append(y,
         "  legitimacy_harm: 0.08\n"
         "talks:\n"
         "  agree_base: 0.3\n"
         "  incident_rate: 0.003\n\n");

  // Actors.
  append(y,
         "actors:\n"
         "  - id: NTH\n"
         "    type: state\n"
         "    name: North\n"
         "    capability: 0.65\n"
         "    resolve: 0.6\n"
         "    rationality: 8\n"
         "    audience_weight: 0.6\n"
         "    trade_exposure: 0.3\n"
         "    attribution_probability: 0.8\n"
         "    misattribution_probability: 0.3\n"
         "    outside_threat: 0.1\n"
         "    claim_enemy_factor: 3\n"
         "    claim_own_factor: 0.6\n"
         "    hosts_refugees: true\n"
         "    doctrine: {enabled: true, fatality_threshold: 8, cumulative_threshold: 40, "
         "window_days: 21,\n"
         "               rung: 6, lag_probabilities: [0.2, 0.5, 0.3]}\n"
         "  - id: STH\n"
         "    type: state\n"
         "    name: South\n"
         "    capability: 0.45\n"
         "    resolve: 0.7\n"
         "    audience_weight: 0.7\n"
         "    trade_exposure: 0.5\n"
         "    attribution_probability: 0.5\n"
         "    claim_enemy_factor: 2\n"
         "    claim_own_factor: 0.4\n"
         "    doctrine: {enabled: true, fatality_threshold: 3, cumulative_threshold: 10, "
         "window_days: 14,\n"
         "               rung: 7, lag_probabilities: [0.1, 0.4, 0.5], expiry_days: 3}\n"
         "  - id: GRP\n"
         "    type: armed_group\n"
         "    name: Group\n"
         "    host: STH\n"
         "    target: NTH\n"
         "    sanctuary_tolerance: 0.6\n"
         "    affinity: 0.7\n");
  if (C == 0) {
    line(y, "    fighters: 1000");
  } else {
    // Three cells in five in STH (sanctuary), two in NTH, spread over the districts facing
    // the sectors (five cells in a row on five different sectors when there are five or more);
    // 100 to 400 fighters each.
    line(y, "    cells:");
    for (int j = 0; j < C; ++j) {
      const int k = static_cast<int>((7 * static_cast<std::int64_t>(j) + j / 5) % S);
      const int d = (j % 5 < 3) ? south_of_sector[static_cast<std::size_t>(k)]
                                : north_of_sector[static_cast<std::size_t>(k)];
      line(y, "      - {{district: {}, fighters: {}}}", district_id(d), 100 + 50 * (j % 7));
    }
  }
  append(y,
         "  - {id: MED, type: mediator, name: Mediator, credibility: 0.7, activation_level: 6,\n"
         "     leverage: {NTH: 0.4, STH: 0.5}, round_interval_days: 7}\n"
         "  - {id: REG, type: mediator, name: Regional power, credibility: 0.5, "
         "activation_level: 7,\n"
         "     leverage: {NTH: 0.3, STH: 0.6}, regional_pressure: 0.02}\n\n"
         "relations:\n"
         "  - {from: NTH, to: STH, initial_hostility: 2.5, reaction: 0.02, grievance: 0.08}\n"
         "  - {from: STH, to: NTH, initial_hostility: 2.0, reaction: 0.02, grievance: 0.06}\n\n");

  // Districts.
  line(y, "districts:");
  for (int i = 0; i < D; ++i) {
    const auto ui = static_cast<std::size_t>(i);
    const bool north = i < nn;
    const int along = north ? i : i - nn;
    const double offset = faces[ui] >= 0 ? kBorderDistrictOffsetDeg : kInlandDistrictOffsetDeg;
    const double lat = kGenerateBorderLat + (north ? offset : -offset);
    const double lon = lon_along(along, north ? nn : ns);
    const double trade = near_crossing[ui] ? 0.3 : 0.05;
    const std::int64_t population = plan.populations[ui];
    std::string extra;
    if (north) {
      static constexpr std::array<std::string_view, 3> kSecurity{"0.025", "0.03", "0.035"};
      static constexpr std::array<std::string_view, 3> kLegitimacy{"0.7", "0.75", "0.8"};
      const auto pattern = static_cast<std::size_t>(along % 3);
      extra = fmt::format(
          "security_presence: {}, legitimacy: {}, trade_dependence: {}, "
          "target_weight: {}",
          kSecurity[pattern], kLegitimacy[pattern], trade, faces[ui] >= 0 ? 2 : 0.5);
      if (along == nn - 1) extra += ", attack_rate_per_day: 0.02, attack_group: GRP";
    } else {
      extra = fmt::format(
          "security_presence: 0.02, legitimacy: 0.75, trade_dependence: {}, "
          "receiving_capacity: {}, return_share: {}",
          trade, population / 100, 1 + along % 4);
    }
    line(y, "  - {{id: {}, state: {}, lat: {:.3f}, lon: {:.4f}, population: {},\n     {}}}",
         district_id(i), north ? "NTH" : "STH", lat, lon, population, extra);
  }
  y.push_back('\n');

  // Sectors, west to east, posts on both sides.
  line(y, "sectors:");
  for (int k = 0; k < S; ++k) {
    const auto uk = static_cast<std::size_t>(k);
    line(y, "  - id: {}", sector_id(k));
    line(y, "    length_km: {:.1f}", line_deg * km_per_deg_lon / S);
    line(y, "    lat: {:.3f}", kGenerateBorderLat);
    line(y, "    lon: {:.4f}", lon_along(k, S));
    line(y, "    districts: {{NTH: {}, STH: {}}}", district_id(north_of_sector[uk]),
         district_id(south_of_sector[uk]));
    line(y, "    posts:");
    line(y, "      - {{side: NTH, count: {}, garrison: 10, fortification: 0.5}}", 4 + k % 3);
    line(y, "      - {{side: STH, count: {}, garrison: 12, fortification: 0.4}}", 4 + (k + 1) % 3);
  }
  y.push_back('\n');

  line(y, "crossings:");
  for (int k = 0; k < S; ++k) {
    if (!has_crossing(k, S)) continue;
    line(y, "  - {{id: {}, sector: {}, exports_usd_per_day: {{NTH: 600000, STH: 300000}},",
         make_id('x', k, S), sector_id(k));
    line(y, "     people_per_day: 4000}}");
  }
  y.push_back('\n');

  append(
      y,
      "attack_types:\n"
      "  - {id: bomb, share: 0.45, forces_mean: 0.6, civilians_mean: 0.6, militants_mean: 0.05,\n"
      "     acled: Remote explosive/landmine/IED}\n"
      "  - {id: raid, share: 0.35, forces_mean: 1.2, civilians_mean: 0.1, militants_mean: 0.8,\n"
      "     acled: Armed clash}\n"
      "  - {id: suicide, share: 0.03, forces_mean: 3, civilians_mean: 4, militants_mean: 1.2,\n"
      "     acled: Suicide bomb}\n"
      "  - {id: drone, share: 0.03, forces_mean: 0.3, civilians_mean: 0.5, militants_mean: 0,\n"
      "     acled: Air/drone strike}\n"
      "  - {id: ambush, share: 0.14, forces_mean: 1.5, civilians_mean: 0.3, militants_mean: "
      "0.5,\n"
      "     acled: Attack}\n\n");

  // Scripted history before free_from: an attack, then an accusation.
  line(y, "events:");
  line(y, "  - {{day: {}, actor: GRP, action: attack, district: {}, attack_type: raid,", day(2),
       district_id(north_of_sector[0]));
  line(y, "     fatalities: {{forces: 9, civilians: 3, militants: 1}}}}");
  line(y, "  - {{day: {}, actor: NTH, action: accuse, target: STH}}", day(3));
  y.push_back('\n');

  append(y,
         "refugees:\n"
         "  - {host: NTH, origin: STH, registered: 300000, card_holders: 100000, undocumented: "
         "150000,\n"
         "     voluntary_return_rate: 0.0002}\n\n");

  // One policy of every type.
  line(y, "policies:");
  append(y,
         "  - {name: talks, type: mediation, start: {escalation_at_least: 5}, mediators: [MED, "
         "REG],\n"
         "     activation_level: 5, round_interval_days: 6, monitoring: true}\n");
  append(y,
         "  - {name: commission, type: border_commission, actor: NTH, partner: STH,\n"
         "     start: {escalation_at_least: 4}, hotline: 0.3, joint_investigation: 0.3,\n"
         "     joint_patrols: 0.2}\n");
  append(y,
         "  - {name: corridor, type: economic_corridor, actor: STH, partner: NTH,\n"
         "     trade_growth_per_day: 0.001, max_trade_multiplier: 1.2, interdependence: 1.5,\n"
         "     hardship_relief: 0.1}\n");
  line(y,
       "  - {{name: outreach, type: public_diplomacy, actor: STH, partner: NTH, start: {{day: "
       "{}}},",
       day(5));
  line(y, "     hostility_decay_bonus: 0.01, legitimacy_gain_per_day: 0.0005}}");
  append(y,
         "  - {name: hard_line, type: retaliation_doctrine, actor: NTH,\n"
         "     start: {attack_deaths_at_least: 15},\n"
         "     doctrine: {enabled: true, fatality_threshold: 6, cumulative_threshold: 30,\n"
         "                window_days: 21, rung: 6, lag_probabilities: [0.5, 0.5]}}\n"
         "  - {name: shut_on_assault, type: border_closure, actor: NTH,\n"
         "     start: {escalation_at_least: 7}, min_days: 14}\n"
         "  - name: repatriation\n"
         "    type: deportation\n"
         "    actor: NTH\n"
         "    partner: STH\n"
         "    phases:\n"
         "      - {name: undocumented, target: undocumented, start: -30, deadline: 15,\n"
         "         rate_before: 0.0005, rate_after: 0.003}\n"
         "      - {name: card_holders, target: card_holders, start: 30, deadline: 60,\n"
         "         rate_before: 0.0003, rate_after: 0.002}\n");
  line(y, "    openings:");
  line(y, "      - {{day: {}, days: 3}}", day(4));
  line(y, "  - name: sweep");
  line(y, "    type: counter_insurgency");
  line(y, "    actor: NTH");
  line(y, "    start: {{closure: true}}");
  std::string swept;
  for (int k = 0; k < std::min(S, 3); ++k) {
    if (k > 0) swept += ", ";
    swept += district_id(north_of_sector[static_cast<std::size_t>(k)]);
  }
  line(y, "    districts: [{}]", swept);
  line(y, "    security_increase: 0.01");
  line(y, "    operations_multiplier: 2");
  line(y, "  - {{name: pressure, type: regional_pressure, actor: STH, pressure: 0.2, by: [REG]}}");
  return y;
}

}  // namespace flashpoint
