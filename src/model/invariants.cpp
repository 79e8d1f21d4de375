#include "model/invariants.hpp"

#include <algorithm>
#include <cmath>
#include <span>
#include <string_view>

#include <fmt/format.h>

#include "core/error.hpp"

namespace flashpoint {

namespace {

/// Relative tolerance of the identities between sums of doubles (the model adds and subtracts
/// the same amounts on both sides, in different orders).
constexpr double kRelativeTolerance = 1e-9;

bool close_enough(double a, double b) {
  return std::abs(a - b) <= kRelativeTolerance * std::max({1.0, std::abs(a), std::abs(b)});
}

/// Checks one world at the end of its day and throws at the first broken invariant.
class Checker {
 public:
  explicit Checker(const World& w) : w_(w) {}

  [[noreturn]] void fail(std::string_view what) const {
    throw InvariantViolation(fmt::format("invariant broken at the end of day {} ({}): {}", w_.day,
                                         w_.sc.start_date.plus_days(w_.day).to_string(), what));
  }

  void finite(std::string_view name, std::span<const double> values) const {
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (!std::isfinite(values[i])) fail(fmt::format("{}[{}] is {}", name, i, values[i]));
    }
  }

  void finite(std::string_view name, const Eigen::MatrixXd& m) const {
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
      for (Eigen::Index j = 0; j < m.cols(); ++j) {
        if (!std::isfinite(m(i, j))) fail(fmt::format("{}({},{}) is {}", name, i, j, m(i, j)));
      }
    }
  }

  /// Finite and >= 0: a stock.
  void stock(std::string_view name, std::span<const double> values) const {
    finite(name, values);
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (values[i] < 0) fail(fmt::format("{}[{}] is negative: {}", name, i, values[i]));
    }
  }

  template <typename Int>
  void count(std::string_view name, std::span<const Int> values) const {
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (values[i] < 0) fail(fmt::format("{}[{}] is negative: {}", name, i, values[i]));
    }
  }

  /// Today's row of a [day][...] series.
  template <typename T>
  [[nodiscard]] std::span<const T> today(const std::vector<T>& series, std::size_t width) const {
    const auto d = static_cast<std::size_t>(w_.day);
    if (series.size() < (d + 1) * width) {
      fail(fmt::format("a daily series holds {} values, fewer than {} days x {}", series.size(),
                       d + 1, width));
    }
    return std::span<const T>(series).subspan(d * width, width);
  }

 private:
  const World& w_;
};

std::span<const double> all(const std::vector<double>& v) {
  return v;
}

/// No NaN or infinity in the real-valued state (stocks are checked apart, with their sign).
void check_finite_state(const World& w, const Checker& c) {
  c.finite("hostility", w.strategic.hostility);
  c.finite("reaction", w.strategic.reaction);
  c.finite("grievance", w.strategic.grievance);
  c.finite("fatigue", Eigen::MatrixXd(w.strategic.fatigue));
  c.finite("deaths_caused", w.strategic.deaths_caused);
  c.finite("publicity", Eigen::MatrixXd(w.strategic.publicity));
  c.finite("nuclear_signals", Eigen::MatrixXd(w.strategic.nuclear_signals));
  c.finite("war_costs", Eigen::MatrixXd(w.strategic.war_costs));
  c.finite("received_conflict", w.today.received_conflict);
  c.finite("interdependence", w.params.interdependence);
  c.finite("hotline", w.params.hotline);
  c.finite("joint_investigation", w.params.joint_investigation);
  c.finite("joint_patrols", w.params.joint_patrols);
  c.finite("uncertainty", w.diplomacy.uncertainty);
  c.finite("posts.fortification", all(w.ops.posts.fortification));
  c.finite("posts.readiness", all(w.ops.posts.readiness));
  c.finite("sigma", all(w.insurgency.sigma));
  c.finite("legitimacy", all(w.society.legitimacy));
  c.finite("legitimacy_target", all(w.society.legitimacy_target));
  c.finite("security", all(w.params.security));
  c.finite("ops_multiplier", all(w.params.ops_multiplier));
  c.finite("hardship", all(w.society.hardship));
  c.finite("trade_closed_share", all(w.economy.trade_closed_share));
  c.finite("trade_multiplier", all(w.economy.trade_multiplier));
  c.finite("hardship_relief", all(w.params.hardship_relief));
  c.finite("fatigue_bonus", all(w.params.fatigue_bonus));
  c.finite("regional_pressure", all(w.params.regional_pressure));
  c.finite("leverage_multiplier", all(w.params.leverage_multiplier));
  c.finite("trade_growth", all(w.params.trade_growth));
  c.finite("trade_cap", all(w.params.trade_cap));
  c.finite("legitimacy_gain", all(w.params.legitimacy_gain));
  c.finite("worst_attack_yesterday", all(w.yesterday.worst_attack));
  for (const auto& by_state : w.strategic.attributed) {
    for (const auto& a : by_state) {
      for (const AttributedDeaths& x : a) {
        if (!std::isfinite(x.deaths) || x.deaths < 0) {
          c.fail(fmt::format("attributed deaths of day {} are {}", x.day, x.deaths));
        }
      }
    }
  }
}

/// Stocks: soldiers, fighters, people, refugees, trade and money lost; none is negative.
void check_stocks(const World& w, const Checker& c) {
  c.stock("posts.garrison", w.ops.posts.garrison);
  c.stock("posts.full_garrison", w.ops.posts.full_garrison);
  c.stock("fighters", w.insurgency.fighters);
  c.stock("cells.fighters", w.insurgency.cells.fighters);
  c.stock("displaced", w.society.displaced);
  c.stock("returnees_recent", w.refugees.returnees_recent);
  c.stock("active_people", w.society.active_people);
  c.stock("jailed_people", w.society.jailed_people);
  c.stock("recruitable", w.society.recruitable);
  c.stock("surge", w.society.surge);
  c.stock("returned", w.refugees.returned);
  c.stock("returns_today", w.today.returns);
  for (std::size_t r = 0; r < w.refugees.stock.size(); ++r) {
    c.stock(fmt::format("refugee_stock[{}]", r), w.refugees.stock[r]);
  }
  const RunResult& res = w.result;
  if (!std::isfinite(res.trade_lost_usd) || res.trade_lost_usd < 0) {
    c.fail(fmt::format("trade_lost_usd is {}", res.trade_lost_usd));
  }
  c.stock("exports_lost_usd", res.exports_lost_usd);
  if (!std::isfinite(res.peak_displaced) || res.peak_displaced < 0) {
    c.fail(fmt::format("peak_displaced is {}", res.peak_displaced));
  }
  c.count<std::int32_t>("injured_total", res.injured_total);
  c.count<std::int32_t>("posts_captured", res.posts_captured);
  c.count<std::int32_t>("crossing_closed_days", res.crossing_closed_days);
  c.stock("coercion_cost_usd", res.coercion_cost_usd);
  c.count<std::int32_t>("measure_days", res.measure_days);
  c.count<std::int32_t>("nuclear_signals", res.nuclear_signals);
  c.finite("coercion_grievance", w.today.coercion_grievance);
  // A measure in force was imposed on a day of the run, not after today.
  for (int since : w.economy.measure_since) {
    if (since < -1 || since > w.day) {
      c.fail(fmt::format("a measure is in force since day {} on day {}", since, w.day));
    }
  }
}

/// Today's row of every daily series: finite, and counts and stocks not negative.
void check_series(const World& w, const Checker& c) {
  const RunResult& r = w.result;
  const std::size_t S = static_cast<std::size_t>(w.num_states());
  const std::size_t G = w.num_groups();
  const std::size_t C = w.today.deaths.size();
  c.finite("series hostility", c.today(r.hostility, S * (S - 1)));
  c.finite("series legitimacy", c.today(r.legitimacy, S));
  c.finite("series sanctuary_tolerance", c.today(r.sanctuary_tolerance, G));
  c.stock("series trade_flow_usd", c.today(r.trade_flow_usd, 1));
  c.stock("series displaced", c.today(r.displaced, S));
  c.stock("series active_share", c.today(r.active_share, S));
  c.stock("series refugees", c.today(r.refugees, S));
  c.stock("series returnees_daily", c.today(r.returnees_daily, S));
  c.stock("series fighters", c.today(r.fighters, G));
  c.count("series fatalities", c.today(r.fatalities, C));
  c.count("series injured", c.today(r.injured, C));
  c.count("series attacks_daily", c.today(r.attacks_daily, 1));
  c.count("series cells", c.today(r.cells, G));
  c.count("series talks_rounds", c.today(r.talks_rounds, 1));
}

/// Posts: as many as at the start, each held by a state, and today's posts_held row counts them.
void check_posts(const World& w, const InvariantBaseline& b, const Checker& c) {
  const PostColumns& p = w.ops.posts;
  const std::size_t n = p.size();
  if (p.owner.size() != n || p.controller.size() != n || p.garrison.size() != n ||
      p.full_garrison.size() != n || p.fortification.size() != n || p.readiness.size() != n) {
    c.fail(
        fmt::format("posts: the post columns have different lengths ({} sectors, {} "
                    "controllers, {} garrisons)",
                    n, p.controller.size(), p.garrison.size()));
  }
  if (n != b.posts) c.fail(fmt::format("posts: {} exist, {} at the start", n, b.posts));
  const int S = w.num_states();
  std::vector<std::int64_t> held(static_cast<std::size_t>(S), 0);
  for (std::size_t k = 0; k < n; ++k) {
    if (p.controller[k] < 0 || p.controller[k] >= S) {
      c.fail(fmt::format("posts: post {} is held by state index {}, not one of the {} states", k,
                         p.controller[k], S));
    }
    ++held[static_cast<std::size_t>(p.controller[k])];
  }
  const auto row = c.today(w.result.posts_held, static_cast<std::size_t>(S));
  std::int64_t total = 0;
  for (std::size_t s = 0; s < held.size(); ++s) {
    total += row[s];
    if (row[s] != held[s]) {
      c.fail(fmt::format("posts: the series posts_held says state {} holds {}, it holds {}", s,
                         row[s], held[s]));
    }
  }
  if (total != static_cast<std::int64_t>(b.posts)) {
    c.fail(fmt::format("posts: the states hold {} in all, {} exist", total, b.posts));
  }
}

/// Refugees: for each population, hosted (all classes) plus returned equals the initial stock.
void check_refugees(const World& w, const InvariantBaseline& b, const Checker& c) {
  if (w.refugees.stock.size() != b.refugees_per_population.size() ||
      w.refugees.returned.size() != b.refugees_per_population.size()) {
    c.fail(fmt::format("refugees: {} populations, {} at the start", w.refugees.stock.size(),
                       b.refugees_per_population.size()));
  }
  for (std::size_t r = 0; r < w.refugees.stock.size(); ++r) {
    double hosted = 0;
    for (double v : w.refugees.stock[r]) hosted += v;
    if (!close_enough(hosted + w.refugees.returned[r], b.refugees_per_population[r])) {
      c.fail(
          fmt::format("refugees of population {}: {} hosted + {} returned = {}, but {} at the "
                      "start",
                      r, hosted, w.refugees.returned[r], hosted + w.refugees.returned[r],
                      b.refugees_per_population[r]));
    }
  }
}

/// People in districts. With citizen agents: every district keeps its agents, each is at most one
/// of displaced, jailed or active, and the district totals are the agents' flags times the
/// sampling weight (so residents + displaced + jailed = the district's people). Without agents:
/// the displaced are between none and the district's population.
void check_people(const World& w, const InvariantBaseline& b, const Checker& c) {
  const std::size_t nd = w.sc.districts.size();
  if (w.society.displaced.size() != nd || w.society.active_people.size() != nd ||
      w.society.jailed_people.size() != nd) {
    c.fail(fmt::format("people: district columns of {}, {} and {} entries for {} districts",
                       w.society.displaced.size(), w.society.active_people.size(),
                       w.society.jailed_people.size(), nd));
  }
  const CitizenColumns& z = w.society.citizens;
  if (b.citizens_per_district.empty()) {
    if (z.size() != 0) c.fail(fmt::format("people: {} citizens appeared", z.size()));
    for (std::size_t d = 0; d < nd; ++d) {
      const double population = w.sc.districts[d].population;
      if (w.society.displaced[d] > population * (1 + kRelativeTolerance)) {
        c.fail(fmt::format("people: district {} has {} displaced out of {} people",
                           w.sc.districts[d].id, w.society.displaced[d], population));
      }
    }
    return;
  }
  const std::size_t n = z.size();
  if (z.risk_aversion.size() != n || z.active.size() != n || z.displaced.size() != n ||
      z.jail_days.size() != n || z.first.size() != nd + 1 || z.first.back() != n) {
    c.fail(
        fmt::format("people: the citizen columns disagree: {} hardships, {} risk aversions, "
                    "{} active flags, {} displaced flags, {} jail terms, {} by district",
                    n, z.risk_aversion.size(), z.active.size(), z.displaced.size(),
                    z.jail_days.size(), z.first.empty() ? 0 : z.first.back()));
  }
  const double weight = w.sc.population.people_per_agent;
  for (std::size_t d = 0; d < nd; ++d) {
    const std::string& id = w.sc.districts[d].id;
    const std::size_t agents = z.first[d + 1] - z.first[d];
    if (agents != b.citizens_per_district[d]) {
      c.fail(fmt::format("people: district {} has {} citizens, {} at the start", id, agents,
                         b.citizens_per_district[d]));
    }
    std::size_t displaced = 0, jailed = 0, active = 0;
    for (std::size_t i = z.first[d]; i < z.first[d + 1]; ++i) {
      const bool is_displaced = z.displaced[i] != 0, is_jailed = z.jail_days[i] > 0;
      if ((is_displaced && is_jailed) || (z.active[i] != 0 && (is_displaced || is_jailed))) {
        c.fail(
            fmt::format("people: citizen {} of district {} is displaced={}, jailed for {} "
                        "days and active={} at once",
                        i, id, z.displaced[i], z.jail_days[i], z.active[i]));
      }
      displaced += is_displaced;
      jailed += is_jailed;
      active += z.active[i] != 0;
    }
    const auto people = [&](std::size_t k) { return weight * static_cast<double>(k); };
    if (!close_enough(w.society.displaced[d], people(displaced))) {
      c.fail(fmt::format("people: district {} counts {} displaced, its citizens {} ({} agents)", id,
                         w.society.displaced[d], people(displaced), displaced));
    }
    if (!close_enough(w.society.jailed_people[d], people(jailed))) {
      c.fail(fmt::format("people: district {} counts {} jailed, its citizens {} ({} agents)", id,
                         w.society.jailed_people[d], people(jailed), jailed));
    }
    if (!close_enough(w.society.active_people[d], people(active))) {
      c.fail(fmt::format("people: district {} counts {} active, its citizens {} ({} agents)", id,
                         w.society.active_people[d], people(active), active));
    }
  }
}

/// Fighters: a group with cells is as strong as its cells together; a dissolved cell has none.
void check_fighters(const World& w, const Checker& c) {
  const CellColumns& k = w.insurgency.cells;
  const std::size_t n = k.size();
  if (k.district.size() != n || k.fighters.size() != n || k.alive.size() != n) {
    c.fail(
        fmt::format("fighters: the cell columns disagree: {} groups, {} districts, {} "
                    "strengths, {} alive flags",
                    n, k.district.size(), k.fighters.size(), k.alive.size()));
  }
  std::vector<double> in_cells(w.num_groups(), 0.0);
  // A group organised in cells starts with some; dissolved cells leave the columns
  // (update_cells), so a group whose cells are all gone must have no fighters left either.
  std::vector<std::uint8_t> has_cells(w.num_groups(), 0);
  for (std::size_t g = 0; g < has_cells.size(); ++g) {
    const auto actor = static_cast<std::size_t>(w.actor_of(GroupId{g}));
    has_cells[g] = w.sc.actors[actor].armed_group.cells.empty() ? 0 : 1;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const auto g = static_cast<std::size_t>(k.group[i]);
    if (g >= in_cells.size()) c.fail(fmt::format("fighters: cell {} has group {}", i, g));
    if (!k.alive[i] && k.fighters[i] != 0) {
      c.fail(fmt::format("fighters: dissolved cell {} still has {} fighters", i, k.fighters[i]));
    }
    in_cells[g] += k.fighters[i];
    has_cells[g] = 1;
  }
  for (std::size_t g = 0; g < in_cells.size(); ++g) {
    if (has_cells[g] && !close_enough(w.insurgency.fighters[g], in_cells[g])) {
      c.fail(fmt::format("fighters: group {} has {} fighters, its cells {}",
                         w.sc.actors[w.actor_of(GroupId{g})].id, w.insurgency.fighters[g],
                         in_cells[g]));
    }
  }
}

}  // namespace

InvariantBaseline invariant_baseline(const World& w) {
  InvariantBaseline b;
  b.posts = w.ops.posts.size();
  const CitizenColumns& z = w.society.citizens;
  if (z.size() > 0) {
    for (std::size_t d = 0; d + 1 < z.first.size(); ++d) {
      b.citizens_per_district.push_back(z.first[d + 1] - z.first[d]);
    }
  }
  for (std::size_t r = 0; r < w.refugees.stock.size(); ++r) {
    double total = w.refugees.returned.size() > r ? w.refugees.returned[r] : 0.0;
    for (double v : w.refugees.stock[r]) total += v;
    b.refugees_per_population.push_back(total);
  }
  return b;
}

void check_invariants(const World& w, const InvariantBaseline& baseline) {
  const Checker c(w);
  check_finite_state(w, c);
  check_stocks(w, c);
  check_series(w, c);
  check_posts(w, baseline, c);
  check_refugees(w, baseline, c);
  check_people(w, baseline, c);
  check_fighters(w, c);
}

namespace {

std::string state_id(const World& w, std::size_t s) {
  return w.sc.actors[static_cast<std::size_t>(w.actor_of(StateId{s}))].id;
}

/// Why hostility can run away: Richardson's pair is unstable when k_ij*k_ji > a_i*a_j, with the
/// fatigue in force today (public diplomacy adds to it).
std::string richardson_hint(const World& w, std::size_t i, std::size_t j) {
  const auto a = [&](std::size_t s) {
    return w.strategic.fatigue(static_cast<Eigen::Index>(s)) +
           (s < w.params.fatigue_bonus.size() ? w.params.fatigue_bonus[s] : 0.0);
  };
  const auto ii = static_cast<Eigen::Index>(i), jj = static_cast<Eigen::Index>(j);
  const double kij = w.strategic.reaction(ii, jj), kji = w.strategic.reaction(jj, ii);
  const double ai = a(i), aj = a(j);
  const std::string& ni = state_id(w, i);
  const std::string& nj = state_id(w, j);
  return fmt::format(
      "; Richardson's system diverges when k_ij*k_ji > a_i*a_j (MODEL.md, docs/model.md 7.2): "
      "here the reactions k({}>{}) x k({}>{}) = {:g} x {:g} = {:g} {} the fatigues a({}) x a({}) "
      "= {:g} x {:g} = {:g}; lower relations[].reaction or raise the states' hostility_fatigue",
      ni, nj, nj, ni, kij, kji, kij * kji, kij * kji > ai * aj ? ">" : "<=", ni, nj, ai, aj,
      ai * aj);
}

[[noreturn]] void diverged(const World& w, const std::string& what, double value,
                           const std::string& hint) {
  throw ModelDiverged(fmt::format("run {} (seed {}): day {} ({}): {} is not finite ({}){}",
                                  w.result.run, w.result.seed, thousands(w.day),
                                  w.sc.start_date.plus_days(w.day).to_string(), what, value,
                                  hint.empty() ? "; please report the scenario" : hint));
}

/// The first non-finite value of today's row of a [day][width] series, or -1.
std::ptrdiff_t first_not_finite(const std::vector<double>& series, std::size_t day,
                                std::size_t width) {
  if (series.size() < (day + 1) * width) return -1;  // not recorded (a World made by hand)
  const double* row = series.data() + day * width;
  for (std::size_t k = 0; k < width; ++k) {
    if (!std::isfinite(row[k])) return static_cast<std::ptrdiff_t>(k);
  }
  return -1;
}

}  // namespace

void check_finite_day(const World& w) {
  const RunResult& r = w.result;
  const auto d = static_cast<std::size_t>(w.day);
  const std::size_t S = static_cast<std::size_t>(w.num_states()), G = w.num_groups();
  const std::size_t Y = S > 0 ? S * (S - 1) : 0;
  const auto value = [&](const std::vector<double>& v, std::size_t width, std::ptrdiff_t k) {
    return v[d * width + static_cast<std::size_t>(k)];
  };
  if (const auto y = first_not_finite(r.hostility, d, Y); y >= 0) {
    // Dyads in the order of the results: every (i, j), i != j, row by row.
    const std::size_t i = static_cast<std::size_t>(y) / (S - 1);
    std::size_t j = static_cast<std::size_t>(y) % (S - 1);
    if (j >= i) ++j;
    diverged(w, fmt::format("the hostility of {} toward {}", state_id(w, i), state_id(w, j)),
             value(r.hostility, Y, y), richardson_hint(w, i, j));
  }
  struct PerState {
    const std::vector<double>& series;
    const char* what;  ///< "{}" stands for the state's id
  };
  for (const PerState& p : {PerState{r.legitimacy, "the mean legitimacy of {}"},
                            PerState{r.displaced, "the people displaced in {}"},
                            PerState{r.active_share, "the active share of {}'s citizens"},
                            PerState{r.refugees, "the refugees hosted by {}"},
                            PerState{r.returnees_daily, "the returnees arriving in {}"}}) {
    if (const auto s = first_not_finite(p.series, d, S); s >= 0) {
      diverged(w, fmt::format(fmt::runtime(p.what), state_id(w, static_cast<std::size_t>(s))),
               value(p.series, S, s), "");
    }
  }
  const auto group_id = [&](std::ptrdiff_t g) {
    return w.sc.actors[static_cast<std::size_t>(w.actor_of(GroupId{g}))].id;
  };
  if (const auto g = first_not_finite(r.sanctuary_tolerance, d, G); g >= 0) {
    diverged(w, fmt::format("the sanctuary tolerance of {}", group_id(g)),
             value(r.sanctuary_tolerance, G, g), "");
  }
  if (const auto g = first_not_finite(r.fighters, d, G); g >= 0) {
    diverged(w, fmt::format("the fighters of {}", group_id(g)), value(r.fighters, G, g), "");
  }
  if (first_not_finite(r.trade_flow_usd, d, 1) >= 0) {
    diverged(w, "the trade flow across the border", r.trade_flow_usd[d], "");
  }
  if (!std::isfinite(r.trade_lost_usd)) {
    diverged(w, "the trade lost so far", r.trade_lost_usd, "");
  }
  for (std::size_t s = 0; s < r.exports_lost_usd.size() && s < S; ++s) {
    if (!std::isfinite(r.exports_lost_usd[s])) {
      diverged(w, fmt::format("the exports lost so far by {}", state_id(w, s)),
               r.exports_lost_usd[s], "");
    }
  }
  if (!std::isfinite(r.peak_displaced)) {
    diverged(w, "the largest number displaced so far", r.peak_displaced, "");
  }
}

}  // namespace flashpoint
