// Reading calibration files (docs/calibration.md): YAML -> CalibrationSpec. Every problem is
// located at FILE:LINE:COL with its dotted key, as for sweep and comparison files; what needs a
// scenario's layout (that an outcome exists) is checked by the experiment layer (calibrate.cpp).
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "core/error.hpp"
#include "scenario/experiment_loader_detail.hpp"
#include "scenario/experiment_specs.hpp"
#include "scenario/input_files.hpp"

namespace flashpoint {

using loader_detail::Diagnostics;
using loader_detail::join_path;
using loader_detail::suggestion;
using namespace experiment_detail;

const char* target_statistic_name(TargetStatistic s) {
  switch (s) {
    case TargetStatistic::kMedian:
      return "median";
    case TargetStatistic::kMean:
      return "mean";
    case TargetStatistic::kShare:
      return "share";
    case TargetStatistic::kQuantile:
      return "quantile";
  }
  return "?";
}

const char* day_statistic_name(DayStatistic s) {
  switch (s) {
    case DayStatistic::kMean:
      return "mean";
    case DayStatistic::kSum:
      return "sum";
    case DayStatistic::kMax:
      return "max";
    case DayStatistic::kMin:
      return "min";
    case DayStatistic::kLast:
      return "last";
  }
  return "?";
}

namespace {

/// The most particles x replicates x scenarios one generation may simulate.
constexpr double kMaxGenerationRuns = 1e8;

/// The yaml-cpp mark (0-based) of a place already read.
YAML::Mark mark_at(const SourceLocation& at) {
  YAML::Mark m;
  m.line = at.line - 1;
  m.column = at.column - 1;
  return m;
}

void read_scenarios(MapReader& top, Diagnostics& diag, const std::string& file,
                    CalibrationSpec& spec) {
  const YAML::Node node = top.get("scenarios");
  if (!node.IsDefined() || !node.IsMap() || node.size() == 0) {
    top.report("scenarios",
               node.IsDefined()
                   ? fmt::format("expected a map of NAME: SCENARIO_FILE, got {}", describe(node))
                   : "missing; name the scenarios the targets are measured on (e.g. scenarios: "
                     "{crisis: ../pak-afg-2025.yaml})");
    return;
  }
  for (const auto& kv : node) {
    const std::string where = join_path("scenarios", kv.first.IsScalar() ? kv.first.Scalar() : "");
    if (!kv.first.IsScalar() || !loader_detail::is_identifier(kv.first.Scalar())) {
      diag.report(kv.first.Mark(), "scenarios",
                  "a scenario's name must be a word (letters, digits and '_', starting with a "
                  "letter)");
      continue;
    }
    if (!kv.second.IsScalar()) {
      diag.report(kv.second.Mark(), where,
                  fmt::format("expected the path of a scenario file, got {}", describe(kv.second)));
      continue;
    }
    CalibrationScenario s;
    s.key = kv.first.Scalar();
    s.path = resolve_against(file, kv.second.Scalar());
    s.origin = location(diag, kv.second.Mark());
    if (!std::filesystem::is_regular_file(s.path)) {
      diag.report(kv.second.Mark(), where,
                  fmt::format("cannot read the scenario file {}: {}", s.path,
                              std::filesystem::exists(s.path) ? "it is not a regular file"
                                                              : "no such file"));
    }
    spec.scenarios.push_back(std::move(s));
  }
}

std::optional<TargetStatistic> statistic_of(const std::string& s) {
  for (TargetStatistic t : {TargetStatistic::kMedian, TargetStatistic::kMean,
                            TargetStatistic::kShare, TargetStatistic::kQuantile}) {
    if (s == target_statistic_name(t)) return t;
  }
  return std::nullopt;
}

std::optional<DayStatistic> day_statistic_of(const std::string& s) {
  for (DayStatistic d : {DayStatistic::kMean, DayStatistic::kSum, DayStatistic::kMax,
                         DayStatistic::kMin, DayStatistic::kLast}) {
    if (s == day_statistic_name(d)) return d;
  }
  return std::nullopt;
}

void read_target(const YAML::Node& node, const std::string& path, Diagnostics& diag,
                 CalibrationSpec& spec, std::set<std::string>& names) {
  if (!node.IsMap()) {
    diag.report(node.Mark(), path,
                fmt::format("expected a map (name, scenario, outcome, statistic, observed, "
                            "tolerance), got {}",
                            describe(node)));
    return;
  }
  MapReader r(node, path, diag);
  CalibrationTarget t;
  bool ok = true;
  t.origin = location(diag, node.Mark());
  if (auto n = r.string("name", true)) {
    if (!loader_detail::is_identifier(*n)) {
      r.report("name", fmt::format("'{}' is not a valid name: use letters, digits and '_', "
                                   "starting with a letter",
                                   *n));
      ok = false;
    } else if (!names.insert(*n).second) {
      r.report("name", fmt::format("there is already a target named '{}'", *n));
      ok = false;
    }
    t.name = *n;
  } else {
    ok = false;
  }
  // The scenario: optional when the file names only one.
  if (auto s = r.string("scenario", spec.scenarios.size() > 1)) {
    std::vector<std::string> keys;
    for (const auto& sc : spec.scenarios) keys.push_back(sc.key);
    const auto it = std::find(keys.begin(), keys.end(), *s);
    if (it == keys.end()) {
      r.report("scenario", fmt::format("no scenario named '{}' under 'scenarios'{}", *s,
                                       suggestion(*s, keys, "scenarios")));
      ok = false;
    } else {
      t.scenario = static_cast<std::size_t>(it - keys.begin());
    }
  } else if (spec.scenarios.size() > 1) {
    ok = false;
  }
  const bool has_outcome = r.has("outcome"), has_series = r.has("series");
  if (has_outcome == has_series) {
    diag.report(node.Mark(), path,
                has_outcome ? "give either 'outcome' or 'series', not both"
                            : "missing 'outcome' (an outcome of `flashpoint run`, e.g. "
                              "first_strike_day) or 'series' (a daily series, e.g. "
                              "returnees_daily)");
    ok = false;
  } else {
    const std::string key = has_outcome ? "outcome" : "series";
    t.series = has_series;
    t.outcome_origin = location(diag, r.mark_of(key));
    if (auto s = r.string(key, true)) {
      t.outcome = *s;
    } else {
      ok = false;
    }
  }
  if (auto d = r.string("days", false)) {
    if (!t.series) {
      r.report("days", "'days' reduces a daily series: it goes with 'series', not 'outcome'");
      ok = false;
    } else if (auto v = day_statistic_of(*d)) {
      t.days = *v;
    } else {
      const std::vector<std::string> valid = {"mean", "sum", "max", "min", "last"};
      r.report("days", fmt::format("unknown statistic over the days '{}'{}", *d,
                                   suggestion(*d, valid, "statistics")));
      ok = false;
    }
  }
  for (const char* key : {"from", "to"}) {
    if (!r.has(key)) continue;
    if (!t.series) {
      r.report(key,
               fmt::format("'{}' bounds the days of a daily series: it goes with 'series'", key));
      ok = false;
      continue;
    }
    if (auto v = r.string(key, true)) {
      (std::string(key) == "from" ? t.from : t.to) = *v;
      (std::string(key) == "from" ? t.from_origin : t.to_origin) = location(diag, r.mark_of(key));
    }
  }
  if (auto s = r.string("statistic", false)) {
    if (auto v = statistic_of(*s)) {
      t.statistic = *v;
    } else {
      const std::vector<std::string> valid = {"median", "mean", "share", "quantile"};
      r.report("statistic",
               fmt::format("unknown statistic '{}'{}", *s, suggestion(*s, valid, "statistics")));
      ok = false;
    }
  }
  if (r.has("quantile")) {
    if (t.statistic != TargetStatistic::kQuantile) {
      r.report("quantile", "'quantile' goes with 'statistic: quantile'");
      ok = false;
    } else if (auto q = r.number("quantile", true)) {
      if (!(*q > 0 && *q < 1)) {
        r.report("quantile", fmt::format("expected a level between 0 and 1, got {}", *q));
        ok = false;
      }
      t.quantile = *q;
    }
  } else if (t.statistic == TargetStatistic::kQuantile) {
    diag.report(node.Mark(), join_path(path, "quantile"),
                "missing; 'statistic: quantile' needs the level, e.g. quantile: 0.9");
    ok = false;
  }
  for (const char* key : {"at_least", "at_most"}) {
    if (!r.has(key)) continue;
    if (t.statistic != TargetStatistic::kShare) {
      r.report(key, fmt::format("'{}' goes with 'statistic: share'", key));
      ok = false;
      continue;
    }
    if (auto v = r.number(key, true)) {
      (std::string(key) == "at_least" ? t.at_least : t.at_most) = *v;
    } else {
      ok = false;
    }
  }
  if (auto o = r.number("observed", true)) {
    t.observed = *o;
    if (t.statistic == TargetStatistic::kShare && (*o < 0 || *o > 1)) {
      r.report("observed", fmt::format("a share is between 0 and 1, got {}", *o));
      ok = false;
    }
  } else {
    ok = false;
  }
  const bool has_tol = r.has("tolerance"), has_se = r.has("se");
  if (has_tol == has_se) {
    diag.report(node.Mark(), path,
                has_tol ? "give either 'tolerance' or 'se', not both"
                        : "missing 'tolerance' (how far from the observed value still fits) or "
                          "'se' (the observation's standard error)");
    ok = false;
  } else {
    const std::string key = has_tol ? "tolerance" : "se";
    t.standard_error = has_se;
    if (auto v = r.number(key, true)) {
      if (!(*v > 0)) {
        r.report(key, fmt::format("expected a number > 0, got {}", *v));
        ok = false;
      }
      t.scale = *v;
    } else {
      ok = false;
    }
  }
  if (auto s = r.string("source", true)) {
    t.source = *s;
  } else {
    ok = false;
  }
  r.check_unknown();
  if (ok) spec.targets.push_back(std::move(t));
}

void read_targets(MapReader& top, Diagnostics& diag, CalibrationSpec& spec) {
  const YAML::Node node = top.get("targets");
  if (!node.IsDefined() || !node.IsSequence() || node.size() == 0) {
    top.report("targets", node.IsDefined()
                              ? fmt::format("expected a list of targets, got {}", describe(node))
                              : "missing; list the observed figures to fit (name, scenario, "
                                "outcome, statistic, observed, tolerance, source)");
    return;
  }
  std::set<std::string> names;
  for (std::size_t i = 0; i < node.size(); ++i) {
    read_target(node[i], fmt::format("targets[{}]", i), diag, spec, names);
  }
}

void read_abc(MapReader& top, Diagnostics& diag, CalibrationSpec& spec) {
  if (!top.has("abc")) return;
  const YAML::Node node = top.get("abc");
  if (!node.IsMap()) {
    top.report("abc",
               fmt::format("expected a map (particles, generations, replicates, ...), got {}",
                           describe(node)));
    return;
  }
  MapReader r(node, "abc", diag);
  spec.particles =
      static_cast<int>(r.integer("particles", false, 2, 1'000'000).value_or(spec.particles));
  spec.generations =
      static_cast<int>(r.integer("generations", false, 1, 1000).value_or(spec.generations));
  spec.replicates =
      static_cast<int>(r.integer("replicates", false, 1, 100'000).value_or(spec.replicates));
  spec.final_moves =
      static_cast<int>(r.integer("final_moves", false, 0, 100).value_or(spec.final_moves));
  auto fraction = [&](const char* key, double& into, bool closed_top) {
    if (auto v = r.number(key, false)) {
      if (!(*v > 0 && (closed_top ? *v <= 1 : *v < 1))) {
        r.report(key, fmt::format("expected a share between 0 and 1{}, got {}",
                                  closed_top ? "" : " (not 1)", *v));
      } else {
        into = *v;
      }
    }
  };
  fraction("ess_fraction", spec.ess_fraction, false);
  fraction("resample_fraction", spec.resample_fraction, true);
  if (auto v = r.number("tolerance", false)) {
    if (!(*v > 0)) {
      r.report("tolerance", fmt::format("expected a number > 0, got {}", *v));
    } else {
      spec.tolerance = *v;
    }
  }
  if (auto v = r.number("kernel_scale", false)) {
    if (!(*v >= 0 && *v <= 100)) {
      r.report("kernel_scale",
               fmt::format("expected a number in [0, 100] (0: 2.38^2 / parameters), got {}", *v));
    } else {
      spec.kernel_scale = *v;
    }
  }
  if (auto v = r.number("min_acceptance", false)) {
    if (!(*v >= 0 && *v < 1)) {
      r.report("min_acceptance", fmt::format("expected a share in [0, 1), got {}", *v));
    } else {
      spec.min_acceptance = *v;
    }
  }
  r.check_unknown();
}

}  // namespace

CalibrationSpec load_calibration(const std::string& path) {
  CalibrationSpec spec;
  spec.path = path;
  spec.text = loader_detail::read_text_file(path);
  Diagnostics diag(path);
  const YAML::Node root = parse_root(spec.text, diag, "calibration");
  MapReader r(root, "", diag);
  (void)r.get("kind");
  spec.name = r.string("name", false).value_or(std::filesystem::path(path).stem().string());
  read_scenarios(r, diag, path, spec);
  spec.fixed = read_set(r.get("set"), "set", diag);
  read_parameters(r, diag, spec.priors, true);
  std::vector<std::string> keys;
  for (const auto& sc : spec.scenarios) keys.push_back(sc.key);
  for (std::size_t j = 0; j < spec.priors.parameters.size(); ++j) {
    const auto& p = spec.priors.parameters[j];
    spec.applies.emplace_back(spec.scenarios.size(), p.scenarios.empty());
    for (const auto& name : p.scenarios) {
      const auto it = std::find(keys.begin(), keys.end(), name);
      if (it == keys.end()) {
        diag.report(mark_at(spec.priors.origins[j]), fmt::format("parameters[{}].scenarios", j),
                    fmt::format("no scenario named '{}' under 'scenarios'{}", name,
                                suggestion(name, keys, "scenarios")));
      } else {
        spec.applies.back()[static_cast<std::size_t>(it - keys.begin())] = true;
      }
    }
    if (p.distribution == Distribution::kLevels || p.distribution == Distribution::kInteger) {
      diag.report(
          mark_at(spec.priors.origins[j]), fmt::format("parameters[{}].distribution", j),
          fmt::format("a calibrated parameter needs a continuous prior (uniform, "
                      "log_uniform, triangular or normal), got {}: fix '{}' with "
                      "'set:' or sweep it instead",
                      p.distribution == Distribution::kLevels ? "levels" : "integers", p.path));
    }
  }
  spec.outcomes = read_outcome_definitions(r, diag);
  read_targets(r, diag, spec);
  read_abc(r, diag, spec);
  if (auto seed = r.seed("seed")) {
    spec.seed = *seed;
    spec.has_seed = true;
  }
  r.check_unknown();
  if (diag.empty()) {
    std::set<std::size_t> used;
    for (const auto& t : spec.targets) used.insert(t.scenario);
    const double runs =
        static_cast<double>(spec.particles) * spec.replicates * static_cast<double>(used.size());
    if (runs > kMaxGenerationRuns) {
      r.report("abc",
               fmt::format("{} particles x {} replicates x {} scenarios = {:.3g} runs a "
                           "generation: at most {:.0e}",
                           spec.particles, spec.replicates, used.size(), runs, kMaxGenerationRuns));
    }
    for (std::size_t s = 0; s < spec.scenarios.size(); ++s) {
      if (used.count(s) == 0) {
        diag.report(mark_at(spec.scenarios[s].origin),
                    join_path("scenarios", spec.scenarios[s].key),
                    fmt::format("no target is measured on the scenario '{}': remove it or "
                                "add a target",
                                spec.scenarios[s].key));
      }
    }
  }
  if (!diag.empty()) throw InputError(diag.take_sorted());
  return spec;
}

}  // namespace flashpoint
