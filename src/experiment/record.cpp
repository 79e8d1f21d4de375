#include "experiment/record.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/nan.hpp"
#include "experiment/outcomes.hpp"
#include "experiment/summary.hpp"
#include "model/simulation.hpp"
#include "scenario/overrides.hpp"

namespace flashpoint {

namespace {

int outcome_index(const std::vector<OutcomeColumn>& columns, const std::string& name) {
  for (std::size_t k = 0; k < columns.size(); ++k) {
    if (columns[k].name == name) return static_cast<int>(k);
  }
  return -1;
}

std::string actor_id(const Scenario& sc, int actor) {
  return actor >= 0 ? sc.actors[static_cast<std::size_t>(actor)].id : std::string("anyone");
}

std::string figure_text(double v) {
  if (std::isnan(v)) return "-";
  if (v == std::floor(v) && std::abs(v) < 1e15) return fmt::format("{:.0f}", v);
  return fmt::format("{:.3g}", v);
}

}  // namespace

void check_record(const Scenario& sc) {
  if (sc.record.empty()) return;
  const std::vector<OutcomeColumn> columns = outcome_columns(results_layout(sc));
  std::vector<std::string> names;
  for (const auto& c : columns) names.push_back(c.name);
  std::vector<Problem> problems;
  for (std::size_t i = 0; i < sc.record.size(); ++i) {
    const RecordItem& r = sc.record[i];
    if (r.is_event() || outcome_index(columns, r.outcome) >= 0) continue;
    problems.push_back(
        Problem{sc.source_path, r.line, r.column, fmt::format("record[{}].outcome", i),
                fmt::format("unknown outcome '{}'{}", r.outcome,
                            loader_detail::suggestion(r.outcome, names, "outcomes"))});
  }
  if (!problems.empty()) throw InputError(std::move(problems));
}

RecordScorer::RecordScorer(const Scenario& sc, const ResultsLayout& layout)
    : sc_(sc), layout_(layout), items_(sc.record) {
  const std::vector<OutcomeColumn> columns = outcome_columns(layout_);
  for (const RecordItem& r : items_) {
    outcome_index_.push_back(r.is_event() ? -1 : outcome_index(columns, r.outcome));
  }
  first_day_.resize(items_.size());
  value_.resize(items_.size());
  matched_.assign(items_.size(), 0);
}

void RecordScorer::add(const RunResult& r) {
  if (items_.empty()) return;
  bool values_ready = false;
  for (std::size_t k = 0; k < items_.size(); ++k) {
    const RecordItem& item = items_[k];
    if (!item.is_event()) {
      if (!values_ready) {
        outcome_values(r, layout_, scratch_);
        values_ready = true;
      }
      const int o = outcome_index_[k];
      value_[k].push_back(o >= 0 ? scratch_[static_cast<std::size_t>(o)] : kNaN);
      continue;
    }
    // The same action by the same actor toward the same target (or anyone): the first such event
    // of the run, and whether one falls within within_days of the record's date. For an item the
    // runs decide (dated from free_from on) only their own choices count, from free_from on: an
    // action the script replayed before it (a call a month earlier, say) is not the answer.
    const int from = item.day >= sc_.free_from_day ? sc_.free_from_day : 0;
    double first = kNaN;
    bool matched = false;
    for (const EventRecord& e : r.events) {
      if (e.action != item.action || e.actor != item.actor || e.day < from) continue;
      if (item.target >= 0 && e.target != item.target) continue;
      if (std::isnan(first)) first = e.day;
      if (std::abs(e.day - item.day) <= item.within_days) {
        matched = true;
        break;
      }
    }
    first_day_[k].push_back(first);
    matched_[k] += matched ? 1 : 0;
  }
}

std::vector<RecordScore> RecordScorer::finish() const {
  std::vector<RecordScore> out;
  for (std::size_t k = 0; k < items_.size(); ++k) {
    const RecordItem& item = items_[k];
    RecordScore s;
    s.note = item.note;
    s.event = item.is_event();
    s.day = item.day;
    const std::string date = sc_.start_date.plus_days(item.day).to_string();
    if (s.event) {
      const auto a = static_cast<Action>(item.action);
      s.rung = rung(a);
      s.replayed = item.day < sc_.free_from_day;
      s.label = fmt::format("{} {} {} -> {}", date, actor_id(sc_, item.actor), action_name(a),
                            actor_id(sc_, item.target));
      const auto& days = first_day_[k];
      s.runs = static_cast<int>(days.size());
      std::vector<double> offsets;
      for (double d : days) {
        if (!std::isnan(d)) offsets.push_back(d - item.day);
      }
      s.matched = s.runs > 0 ? double(matched_[k]) / s.runs : kNaN;
      s.occurred = s.runs > 0 ? double(offsets.size()) / s.runs : kNaN;
      s.offset_median = quantile(offsets, 0.5);
      s.offset_p05 = quantile(offsets, 0.05);
      s.offset_p95 = quantile(offsets, 0.95);
    } else {
      s.label = item.outcome;
      s.observed = item.value;
      std::vector<double> v;
      for (double x : value_[k]) {
        if (!std::isnan(x)) v.push_back(x);
      }
      s.runs = static_cast<int>(v.size());
      s.median = quantile(v, 0.5);
      s.p05 = quantile(v, 0.05);
      s.p95 = quantile(v, 0.95);
      double below = 0;
      for (double x : v) below += x < item.value ? 1.0 : (x == item.value ? 0.5 : 0.0);
      s.percentile = v.empty() ? kNaN : 100.0 * below / static_cast<double>(v.size());
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::string format_record_table(const std::vector<RecordScore>& scores) {
  if (scores.empty()) return {};
  std::string out;
  std::size_t width = 20;
  for (const auto& s : scores) width = std::max(width, s.label.size());
  bool events = false, figures = false;
  for (const auto& s : scores) (s.event ? events : figures) = true;
  if (events) {
    out += fmt::format(
        "\nrecord: events (a run matches when the actor takes the action toward the target "
        "within the item's within_days of the date)\n");
    out += fmt::format("{:<{}}  {:>8}  {:>8}  {}\n", "event", width, "matched", "at all",
                       "first in a run, days from the date: median [5-95%]");
    for (const auto& s : scores) {
      if (!s.event) continue;
      const std::string offsets =
          s.occurred > 0
              ? fmt::format("{:+g} [{:+g} to {:+g}]", s.offset_median, s.offset_p05, s.offset_p95)
              : "-";
      out += fmt::format("{:<{}}  {:>7.0f}%  {:>7.0f}%  {}{}{}\n", s.label, width, 100 * s.matched,
                         100 * s.occurred, offsets, s.replayed ? "  (replayed: scripted)" : "",
                         s.note.empty() ? "" : "  " + s.note);
    }
  }
  if (figures) {
    out += fmt::format("\nrecord: figures (where the observed value falls among the runs)\n");
    out += fmt::format("{:<{}}  {:>10}  {:>24}  {}\n", "outcome", width, "observed",
                       "model median [5-95%]", "percentile");
    for (const auto& s : scores) {
      if (s.event) continue;
      const std::string model = s.runs > 0 ? fmt::format("{} [{}-{}]", figure_text(s.median),
                                                         figure_text(s.p05), figure_text(s.p95))
                                           : "-";
      const bool inside = s.runs > 0 && s.observed >= s.p05 && s.observed <= s.p95;
      out += fmt::format("{:<{}}  {:>10}  {:>24}  {:>5}{}{}\n", s.label, width,
                         figure_text(s.observed), model,
                         s.runs > 0 ? fmt::format("{:.0f}", s.percentile) : "-",
                         s.runs == 0 ? "" : (inside ? "  inside 5-95%" : "  OUTSIDE 5-95%"),
                         s.note.empty() ? "" : "  " + s.note);
    }
  }
  return out;
}

Json record_json(const std::vector<RecordScore>& scores) {
  Json out = Json::array();
  for (const RecordScore& s : scores) {
    if (s.event) {
      out.push_back({{"event", s.label},
                     {"day", s.day},
                     {"runs", s.runs},
                     {"matched", s.matched},
                     {"occurred", s.occurred},
                     {"offset_median", s.offset_median},
                     {"offset_p05", s.offset_p05},
                     {"offset_p95", s.offset_p95},
                     {"replayed", s.replayed},
                     {"note", s.note}});
    } else {
      out.push_back({{"outcome", s.label},
                     {"day", s.day},
                     {"runs", s.runs},
                     {"observed", s.observed},
                     {"median", s.median},
                     {"p05", s.p05},
                     {"p95", s.p95},
                     {"percentile", s.percentile},
                     {"note", s.note}});
    }
  }
  return out;
}

TableGroup record_group(const std::vector<RecordScore>& scores) {
  TableGroup g;
  g.name = "record";
  g.attributes = {{"long_name", "the scenario's observed record and how the runs compare"}};
  std::vector<std::string> labels;
  for (const auto& s : scores) {
    labels.push_back(s.note.empty() ? s.label : s.label + " (" + s.note + ")");
  }
  g.coordinates = {{"item", labels, labels.size()}};
  using V = TableGroup::Variable;
  V day{"day", {"item"}, {}, "day index of the recorded event or figure", "1"};
  V rung_v{"rung", {"item"}, {}, "rung of the recorded action (NaN for a figure)", "1"};
  V observed{"observed", {"item"}, {}, "the recorded value (NaN for an event)", "1"};
  V matched{"matched",
            {"item"},
            {},
            "share of runs with the recorded action within within_days of its date",
            "1"};
  V offset{"offset_median",
           {"item"},
           {},
           "median over runs of (first day of the action - recorded day)",
           "1"};
  V median{"model_median", {"item"}, {}, "median of the outcome over the runs (figures)", "1"};
  V percentile{"percentile",
               {"item"},
               {},
               "share of runs whose outcome is below the recorded value, ties half (figures)",
               "percent"};
  for (const auto& s : scores) {
    day.values.push_back(s.day);
    rung_v.values.push_back(s.event ? s.rung : kNaN);
    observed.values.push_back(s.event ? kNaN : s.observed);
    matched.values.push_back(s.event ? s.matched : kNaN);
    offset.values.push_back(s.event ? s.offset_median : kNaN);
    median.values.push_back(s.event ? kNaN : s.median);
    percentile.values.push_back(s.event ? kNaN : s.percentile);
  }
  g.variables = {day, rung_v, observed, matched, offset, median, percentile};
  return g;
}

}  // namespace flashpoint
