#include "experiment/outcomes.hpp"

#include <limits>

#include <fmt/format.h>

#include "scenario/scenario.hpp"

namespace flashpoint {
namespace {

constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

/// Visits every outcome in order with (name, unit, value, optional); `r` may be null to list
/// names only. Only the optional ones may be kNone.
template <typename Visit>
void visit(const RunResult* r, const ResultsLayout& l, Visit&& visit_outcome) {
  auto f = [&](const auto& name, const char* unit, double value, bool optional = false) {
    visit_outcome(name, unit, value, optional);
  };
  auto day_or_none = [](std::int32_t d) { return d >= 0 ? double(d) : kNone; };
  f("peak_escalation", "rung", r ? r->peak_escalation : 0.0);
  f("conflict_days", "days", r ? r->conflict_days : 0.0);
  f("reached_rung8", "share", r ? (r->peak_escalation >= kDeepStrikeRung ? 1.0 : 0.0) : 0.0);
  f("first_conflict_day", "day", r ? day_or_none(r->first_conflict_day) : 0.0, true);
  f("first_ceasefire_day", "day", r ? day_or_none(r->first_ceasefire_day) : 0.0, true);
  double within = kNone;
  if (r && r->first_conflict_day >= 0) {
    // A ceasefire in force on some day of [c0, c0 + 30], c0 the first day of armed conflict (a
    // ceasefire that broke down before c0 does not count).
    const std::int32_t c = r->first_ceasefire_after_conflict_day;
    within = c >= 0 && c - r->first_conflict_day <= kCeasefireWindowDays ? 1.0 : 0.0;
  }
  f("ceasefire_within_30d", "share", within, true);
  f("struck", "share", r ? (r->first_strike_day >= 0 ? 1.0 : 0.0) : 0.0);
  f("first_strike_day", "day", r ? day_or_none(r->first_strike_day) : 0.0, true);
  // Days from the first strike to the first day on or after it with a ceasefire in force.
  const bool both = r && r->first_strike_day >= 0 && r->first_ceasefire_after_strike_day >= 0;
  f("first_strike_to_ceasefire", "days",
    both ? double(r->first_ceasefire_after_strike_day - r->first_strike_day) : kNone, true);
  f("ceasefire_breakdowns", "count", r ? r->ceasefire_breakdowns : 0.0);
  f("attacks", "attacks", r ? r->attacks : 0.0);
  // A per-category count: its sum over categories (`<base>_all`), then each category.
  auto by_category = [&](std::vector<std::int32_t> RunResult::*member, const char* all_name,
                         const char* base, const char* unit) {
    double all = 0;
    if (r) {
      for (auto v : r->*member) all += v;
    }
    f(all_name, unit, all);
    for (std::size_t c = 0; c < l.categories.size(); ++c) {
      f(fmt::format("{}[{}]", base, l.categories[c]), unit, r ? (r->*member).at(c) : 0.0);
    }
  };
  by_category(&RunResult::fatalities_total, "fatalities_all", "fatalities_total", "deaths");
  by_category(&RunResult::injured_total, "injured_all", "injured_total", "people");
  // A per-state outcome, one column a state; outcomes added in later formats may be absent from
  // a run read back from an older journal (0 then).
  auto by_state = [&](const auto RunResult::*member, const char* base, const char* unit) {
    for (std::size_t s = 0; s < l.states.size(); ++s) {
      const auto* v = r ? &(r->*member) : nullptr;
      f(fmt::format("{}[{}]", base, l.states[s]), unit,
        v && s < v->size() ? static_cast<double>((*v)[s]) : 0.0);
    }
  };
  by_state(&RunResult::posts_captured, "posts_captured", "posts");
  by_state(&RunResult::fire_exchanges, "fire_exchanges", "sector-days");
  by_state(&RunResult::aircraft_lost, "aircraft_lost", "aircraft");
  by_state(&RunResult::measure_days, "measure_days", "days");
  by_state(&RunResult::coercion_cost_usd, "coercion_cost_usd", "USD");
  by_state(&RunResult::nuclear_signals, "nuclear_signals", "signals");
  for (std::size_t c = 0; c < l.crossings.size(); ++c) {
    f(fmt::format("crossing_closed_days[{}]", l.crossings[c]), "days",
      r ? r->crossing_closed_days.at(c) : 0.0);
  }
  f("trade_lost_usd", "USD", r ? r->trade_lost_usd : 0.0);
  for (std::size_t s = 0; s < l.states.size(); ++s) {
    f(fmt::format("exports_lost_usd[{}]", l.states[s]), "USD",
      r && s < r->exports_lost_usd.size() ? r->exports_lost_usd[s] : 0.0);
  }
  f("peak_displaced", "people", r ? r->peak_displaced : 0.0);
  f("returnees", "people", r ? r->returnees : 0.0);
  for (std::size_t d = 0; d < l.dyads.size(); ++d) {
    f(fmt::format("final_hostility[{}]", l.dyads[d]), "1", r ? r->final_hostility.at(d) : 0.0);
  }
}

}  // namespace

std::vector<OutcomeColumn> outcome_columns(const ResultsLayout& layout) {
  std::vector<OutcomeColumn> out;
  visit(nullptr, layout, [&](const auto& name, const char* unit, double, bool optional) {
    OutcomeColumn c;
    c.name = std::string(name);
    c.unit = unit;
    c.optional = optional;
    out.push_back(std::move(c));
  });
  return out;
}

std::vector<OutcomeColumn> outcome_columns(const ResultsLayout& layout,
                                           const std::vector<OutcomeDefinition>& user) {
  std::vector<OutcomeColumn> out = outcome_columns(layout);
  for (const auto& d : user) {
    // A user outcome may have no value in some runs (first_day of a condition never met).
    out.push_back(OutcomeColumn{d.name, d.units, true, true, d.expression, d.description});
  }
  return out;
}

void outcome_values(const RunResult& r, const ResultsLayout& layout, std::vector<double>& out) {
  out.clear();
  visit(&r, layout, [&](const auto&, const char*, double v, bool) { out.push_back(v); });
  out.insert(out.end(), r.user_outcomes.begin(), r.user_outcomes.end());
}

TableGroup outcomes_group(const std::vector<OutcomeColumn>& columns, std::int64_t runs) {
  TableGroup g;
  g.name = "outcomes";
  g.attributes = {{"long_name", "every outcome of every run (built-in and user-defined)"}};
  std::vector<std::string> names;
  for (const auto& c : columns) {
    names.push_back(c.name);
    // Attributes only for the user's outcomes (a few): hundreds of built-in ones would not fit
    // in an object header.
    if (!c.user) continue;
    g.attributes.emplace_back(fmt::format("expression:{}", c.name), c.expression);
    g.attributes.emplace_back(fmt::format("units:{}", c.name), c.unit);
    g.attributes.emplace_back(fmt::format("description:{}", c.name), c.description);
  }
  g.coordinates = {{"run", {}, static_cast<std::size_t>(runs)}, {"outcome", names, names.size()}};
  TableGroup::Variable value{
      "value", {"run", "outcome"}, {}, "the outcome's value in the run (NaN: none)", ""};
  value.deferred = true;
  TableGroup::Variable user{
      "user_defined",
      {"outcome"},
      {},
      "1 for an outcome of the experiment file's `outcomes:`, 0 for a built-in one",
      "1"};
  for (const auto& c : columns) user.values.push_back(c.user ? 1.0 : 0.0);
  g.variables = {std::move(value), std::move(user)};
  return g;
}

}  // namespace flashpoint
