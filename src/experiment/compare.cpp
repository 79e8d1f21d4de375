#include "experiment/compare.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/nan.hpp"
#include "core/rng.hpp"
#include "experiment/calibrate.hpp"
#include "experiment/journal.hpp"
#include "experiment/outcomes.hpp"
#include "experiment/summary.hpp"
#include "experiment/sweep.hpp"
#include "flashpoint/version.hpp"
#include "model/plausibility.hpp"
#include "output/hdf5_writer.hpp"
#include "scenario/overrides.hpp"

namespace flashpoint {
namespace {

constexpr std::uint64_t kEnsembleSalt = 0x5EED'C0A9'A7E0'0002ULL;

std::vector<Override> option_overrides(const CompareSpec& spec, const DesignSpec* ds,
                                       const Design* design, std::size_t option,
                                       std::size_t point) {
  std::vector<Override> all = spec.fixed;
  if (ds != nullptr) {
    auto more = design_point_overrides(*ds, design_point_values(*ds, *design, point));
    all.insert(all.end(), more.begin(), more.end());
  }
  const auto& own = spec.options[option].overrides;
  all.insert(all.end(), own.begin(), own.end());
  return all;
}

/// The section of the file a path is in: up to its first '.' or '['.
std::string_view section_of(std::string_view path) {
  return path.substr(0, path.find_first_of(".["));
}

/// Whether the ensemble's parameters may be set typed on the scenario read with an option's own
/// overrides (`own`), although they come before them in the YAML route: every one must be a
/// typed path on `base` and lie in another section of the file than all of `own` (so that
/// neither changes what the other names or sets), and they may not both add a section the file
/// lacks (the YAML route adds sections in the order it meets them, which orders the resolved
/// parameters).
bool ensemble_commutes(const DesignSpec& ensemble, const std::vector<Override>& own,
                       const TypedBase& base) {
  auto adds_section = [&](std::string_view path) {
    return std::find(base.top_keys.begin(), base.top_keys.end(), section_of(path)) ==
           base.top_keys.end();
  };
  const bool own_adds =
      std::any_of(own.begin(), own.end(), [&](const Override& o) { return adds_section(o.path); });
  for (const auto& p : ensemble.parameters) {
    if (!is_typed_path(base.scenario, p.path) || (own_adds && adds_section(p.path))) return false;
    for (const auto& o : own) {
      if (section_of(o.path) == section_of(p.path)) return false;
    }
  }
  return true;
}

void check_outcome_name(const std::string& name, const SourceLocation& at, const std::string& key,
                        const std::vector<std::string>& names, std::vector<Problem>& problems) {
  if (std::find(names.begin(), names.end(), name) != names.end()) return;
  problems.push_back(Problem{at.file, at.line, at.column, key,
                             fmt::format("there is no outcome '{}'{}", name,
                                         loader_detail::suggestion(name, names, "outcomes"))});
}

}  // namespace

Scenario Comparison::variant(std::size_t option, std::size_t point) const {
  const DesignSpec* ds = spec_.ensemble ? &*spec_.ensemble : nullptr;
  const auto& base = option_bases_[option];
  std::vector<Override> ensemble;
  if (ds != nullptr && base)
    ensemble = design_point_overrides(*ds, design_point_values(*ds, design_, point));
  return make_variant(
      base ? &*base : nullptr, ensemble, source_,
      [&] { return option_overrides(spec_, ds, &design_, option, point); }, layout_,
      spec_.fixed.size());
}

Comparison::Comparison(CompareSpec spec) : spec_(std::move(spec)) {
  source_ = ScenarioSource::from_file(spec_.scenario_path);
  base_ = read_typed_base(source_, spec_.fixed);
  layout_ = results_layout(base_.scenario);
  master_seed_ = spec_.has_seed ? spec_.seed : base_.scenario.seed;
  if (spec_.ensemble)
    draw_from_posterior(*spec_.ensemble, base_.scenario, mix64(master_seed_ ^ kEnsembleSalt));

  std::vector<Problem> problems;
  try {
    user_ = UserOutcomes(spec_.outcomes, layout_);
  } catch (const InputError& e) {
    problems.insert(problems.end(), e.problems().begin(), e.problems().end());
  }
  std::vector<std::string> names;
  for (const auto& c : outcome_columns(layout_, spec_.outcomes)) names.push_back(c.name);
  check_outcome_name(spec_.rank_by.outcome, spec_.rank_by.origin, "rank_by.outcome", names,
                     problems);
  for (std::size_t t = 0; t < spec_.thresholds.size(); ++t) {
    check_outcome_name(spec_.thresholds[t].outcome, spec_.threshold_origins[t],
                       fmt::format("thresholds[{}].outcome", t), names, problems);
  }
  for (std::size_t j = 0; j < spec_.pareto.size(); ++j) {
    check_outcome_name(spec_.pareto[j].outcome, spec_.pareto[j].origin,
                       fmt::format("pareto[{}].outcome", j), names, problems);
  }

  const DesignSpec* ds = spec_.ensemble ? &*spec_.ensemble : nullptr;
  if (ds != nullptr) {
    try {
      design_ = build_design(*ds, mix64(master_seed_ ^ kEnsembleSalt));
    } catch (const std::invalid_argument& e) {
      problems.push_back(Problem{spec_.path, 0, 0, "ensemble.design", e.what()});
    }
    scenarios_ = design_.points();
  }
  // Each option's scenario is read once, with the comparison's and the option's overrides; the
  // ensemble's values are then set typed on it, when they commute with the option's overrides
  // (ensemble_commutes). Otherwise, or when the option is not valid, its variants take the YAML
  // route, which reads each again and reports the problems.
  const bool design_ok = problems.empty();
  option_bases_.resize(spec_.options.size());
  for (std::size_t o = 0; o < spec_.options.size() && design_ok; ++o) {
    const auto& own = spec_.options[o].overrides;
    if (ds != nullptr && !ensemble_commutes(*ds, own, base_)) continue;
    std::vector<Override> shared = spec_.fixed;
    shared.insert(shared.end(), own.begin(), own.end());
    option_bases_[o] = typed_base(source_, shared, layout_);
  }

  // Every option on every ensemble member (up to kMaxChecked of them): the same scenarios the
  // runs will use. The first problem of each option is reported; all options are checked.
  constexpr std::size_t kMaxChecked = 100;
  for (std::size_t o = 0; o < spec_.options.size() && design_ok; ++o) {
    for (std::size_t p = 0; p < std::min(scenarios_, kMaxChecked); ++p) {
      try {
        (void)variant(o, p);
      } catch (const InputError& e) {
        problems.insert(problems.end(), e.problems().begin(), e.problems().end());
        break;
      }
    }
  }

  if (!problems.empty()) {
    // Options generated from one lever share its mistakes: each is reported once.
    std::vector<Problem> distinct;
    for (auto& p : problems) {
      const bool seen = std::any_of(distinct.begin(), distinct.end(), [&](const Problem& q) {
        return q.file == p.file && q.line == p.line && q.column == p.column && q.key == p.key &&
               q.message == p.message;
      });
      if (!seen) distinct.push_back(std::move(p));
    }
    throw InputError(distinct);
  }

  const std::int64_t reps = spec_.replicates;
  const auto points = static_cast<std::int64_t>(scenarios_);
  runs_.kind = "comparison";
  runs_.base = &base_.scenario;
  runs_.runs = static_cast<std::int64_t>(spec_.options.size()) * points * reps;
  runs_.keep = spec_.keep;
  const std::uint64_t seed = master_seed_;
  // Common random numbers: the seed depends on the scenario point and the replicate, never on
  // the option.
  runs_.plan = [seed, reps, points](std::int64_t run) {
    const auto point = static_cast<std::uint64_t>((run / reps) % points);
    const auto rep = static_cast<std::uint64_t>(run % reps);
    return RunPlan{run, run_seed(seed, point, rep), static_cast<std::int32_t>(rep)};
  };
  runs_.variant = [reps](std::int64_t run) { return static_cast<std::size_t>(run / reps); };
  runs_.make_scenario = [this](std::size_t v) { return variant(v / scenarios_, v % scenarios_); };
  if (!user_.empty()) {
    runs_.finish_run = [this](RunResult& r) { r.user_outcomes = user_.values(r); };
  }

  HashBuilder h;
  h.add("flashpoint-comparison");
  h.add(kSoftwareVersion);
  h.add(static_cast<std::uint64_t>(kResultsFormatVersion));
  h.add(source_.text());
  h.add(keep_level_name(spec_.keep));
  h.add(journal_record_layout());
  h.add(user_.hash_text());
  h.add(static_cast<std::uint64_t>(reps));
  h.add(master_seed_);
  for (std::size_t o = 0; o < spec_.options.size(); ++o) {
    h.add(spec_.options[o].name);
    for (std::size_t p = 0; p < scenarios_; ++p) {
      for (const auto& ov : option_overrides(spec_, ds, &design_, o, p)) {
        h.add(ov.text);
        h.add(ov.value);
      }
    }
  }
  runs_.hash = h.value();
}

ComparisonSummary compare_values(const std::vector<std::vector<std::vector<double>>>& values,
                                 const std::vector<std::string>& options,
                                 const std::vector<std::string>& outcomes, std::size_t status_quo,
                                 std::size_t scenarios, int replicates, double confidence,
                                 const RankBy& rank_by, const std::vector<Threshold>& thresholds,
                                 const RobustnessSettings& robustness_settings,
                                 const std::vector<RankBy>& pareto) {
  ComparisonSummary s;
  s.options = options;
  s.outcomes = outcomes;
  s.status_quo = status_quo;
  s.scenarios = scenarios;
  s.replicates = replicates;
  s.confidence = confidence;
  s.thresholds = thresholds;
  s.rank_outcome = rank_by.outcome;
  s.lower_is_better = rank_by.lower_is_better;
  const std::size_t O = options.size(), K = outcomes.size();
  const auto reps = static_cast<std::size_t>(replicates);
  auto index_of = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(outcomes.begin(), outcomes.end(), name) -
                                    outcomes.begin());
  };
  s.table.assign(O, std::vector<OptionOutcome>(K));
  for (std::size_t o = 0; o < O; ++o) {
    for (std::size_t k = 0; k < K; ++k) {
      const auto& v = values[o][k];
      OptionOutcome& c = s.table[o][k];
      double sum = 0;
      for (double x : v) {
        if (std::isnan(x)) continue;
        sum += x;
        ++c.n;
      }
      c.mean = c.n > 0 ? sum / c.n : kNaN;
      c.median = quantile(v, 0.5);
      c.p05 = quantile(v, 0.05);
      c.p95 = quantile(v, 0.95);
      c.diff = paired_difference(v, values[status_quo][k], confidence);
    }
  }
  auto proportion = [&](std::size_t o, const std::string& name) {
    const std::size_t k = index_of(name);
    if (k >= K) return Proportion{kNaN, kNaN, kNaN, 0};
    int yes = 0, n = 0;
    for (double x : values[o][k]) {
      if (std::isnan(x)) continue;
      ++n;
      yes += x > 0.5;
    }
    return wilson_interval(yes, n, confidence);
  };
  for (std::size_t o = 0; o < O; ++o) {
    s.p_rung8.push_back(proportion(o, "reached_rung8"));
    s.p_ceasefire30.push_back(proportion(o, "ceasefire_within_30d"));
  }
  const std::size_t rk = index_of(rank_by.outcome);
  for (std::size_t o = 0; o < O; ++o) s.rank_value.push_back(rk < K ? s.table[o][rk].mean : kNaN);
  s.rank = rank_options(s.rank_value, rank_by.lower_is_better);

  // Per scenario means, for regret and thresholds.
  auto scenario_mean = [&](std::size_t o, std::size_t k, std::size_t sc) {
    double sum = 0;
    int n = 0;
    for (std::size_t r = 0; r < reps; ++r) {
      const double x = values[o][k][sc * reps + r];
      if (std::isnan(x)) continue;
      sum += x;
      ++n;
    }
    return n > 0 ? sum / n : kNaN;
  };
  std::vector<std::vector<double>> by_scenario(O, std::vector<double>(scenarios, kNaN));
  for (std::size_t o = 0; o < O && rk < K; ++o) {
    for (std::size_t sc = 0; sc < scenarios; ++sc) by_scenario[o][sc] = scenario_mean(o, rk, sc);
  }
  s.regret = regret(by_scenario, rank_by.lower_is_better);
  s.scenario_value = by_scenario;
  s.regret_matrix = regret_matrix(by_scenario, rank_by.lower_is_better);
  s.robustness_settings = robustness_settings;
  for (std::size_t o = 0; o < O; ++o) {
    s.robustness.push_back(
        robustness(by_scenario[o], rank_by.lower_is_better, robustness_settings));
  }
  for (std::size_t o = 0; o < O; ++o) {
    double better = 0;
    std::size_t n = 0;
    for (std::size_t sc = 0; sc < scenarios && o != status_quo; ++sc) {
      const double a = by_scenario[o][sc], b = by_scenario[status_quo][sc];
      if (std::isnan(a) || std::isnan(b)) continue;
      ++n;
      better += a == b ? 0.5 : ((a < b) == rank_by.lower_is_better ? 1.0 : 0.0);
    }
    s.p_better.push_back(n > 0 ? better / static_cast<double>(n) : kNaN);
  }
  for (std::size_t o = 0; o < O; ++o) {
    std::vector<std::vector<double>> rows(scenarios, std::vector<double>(thresholds.size()));
    for (std::size_t sc = 0; sc < scenarios; ++sc) {
      for (std::size_t t = 0; t < thresholds.size(); ++t) {
        const std::size_t k = index_of(thresholds[t].outcome);
        rows[sc][t] = k < K ? scenario_mean(o, k, sc) : kNaN;
      }
    }
    s.share_meeting.push_back(share_meeting(rows, thresholds));
    std::vector<double> each;
    for (std::size_t t = 0; t < thresholds.size(); ++t) {
      std::vector<std::vector<double>> column;
      for (const auto& row : rows) column.push_back({row[t]});
      each.push_back(share_meeting(column, std::span(&thresholds[t], 1)));
    }
    s.threshold_share.push_back(std::move(each));
  }

  // The Pareto front over the objectives' means over all runs, and in how many scenarios each
  // option is on the front of that scenario's means.
  s.pareto = pareto;
  if (!pareto.empty()) {
    std::vector<bool> lower;
    std::vector<std::size_t> ks;
    for (const auto& p : pareto) {
      lower.push_back(p.lower_is_better);
      ks.push_back(index_of(p.outcome));
    }
    s.pareto_value.assign(O, std::vector<double>(pareto.size(), kNaN));
    for (std::size_t o = 0; o < O; ++o) {
      for (std::size_t j = 0; j < ks.size(); ++j) {
        if (ks[j] < K) s.pareto_value[o][j] = s.table[o][ks[j]].mean;
      }
    }
    s.pareto_rank = pareto_ranks(s.pareto_value, lower);
    std::vector<double> on_front(O, 0.0);
    for (std::size_t sc = 0; sc < scenarios; ++sc) {
      std::vector<std::vector<double>> at(O, std::vector<double>(ks.size(), kNaN));
      for (std::size_t o = 0; o < O; ++o) {
        for (std::size_t j = 0; j < ks.size(); ++j) {
          if (ks[j] < K) at[o][j] = scenario_mean(o, ks[j], sc);
        }
      }
      const auto ranks = pareto_ranks(at, lower);
      for (std::size_t o = 0; o < O; ++o) on_front[o] += ranks[o] == 1 ? 1.0 : 0.0;
    }
    for (double& x : on_front) x = scenarios > 0 ? x / static_cast<double>(scenarios) : kNaN;
    s.pareto_share = std::move(on_front);
  }
  return s;
}

ComparisonSummary assemble_comparison(const Comparison& c, const std::string& output,
                                      const std::string& command_line) {
  const CompareSpec& spec = c.spec();
  const ExperimentRuns& e = c.experiment();
  const ResultsLayout layout = results_layout(c.base());
  const std::string parts = parts_dir_of(output);
  const std::size_t O = spec.options.size(), S = c.scenarios();
  const auto reps = static_cast<std::size_t>(spec.replicates);

  const auto writer_ptr = open_experiment_writer(output, c.base(), e, command_line, c.master_seed(),
                                                 spec.name, spec.path, spec.text);
  ResultsWriter& writer = *writer_ptr;

  const auto columns = outcome_columns(layout, spec.outcomes);
  const std::size_t K = columns.size();
  std::vector<std::string> outcome_names, units;
  for (const auto& col : columns) {
    outcome_names.push_back(col.name);
    units.push_back(col.unit);
  }
  std::vector<std::vector<std::vector<double>>> values(
      O, std::vector<std::vector<double>>(K, std::vector<double>(S * reps, kNaN)));
  std::vector<double> v;
  PlausibilityTally plausibility;
  for_each_journaled_run(parts, e, [&](RunResult&& r) {
    writer.write(r);
    plausibility.add(r);
    outcome_values(r, layout, v);
    const auto run = static_cast<std::size_t>(r.run);
    const std::size_t option = run / (S * reps);
    const std::size_t i = run % (S * reps);  // scenario * reps + replicate
    for (std::size_t k = 0; k < K && k < v.size(); ++k) values[option][k][i] = v[k];
  });
  {
    TableGroup g = outcomes_group(columns, e.runs);
    g.variables.front().deferred = false;
    g.variables.front().row_values = [&](std::size_t run, std::span<double> out) {
      for (std::size_t k = 0; k < K; ++k) out[k] = values[run / (S * reps)][k][run % (S * reps)];
    };
    writer.write_group(g);
  }
  const auto block = static_cast<std::int64_t>(S * reps);
  writer.write_run_column(
      "option", [block](std::int64_t r) { return r / block; },
      "policy option of the run (see /comparison)");
  writer.write_run_labels(
      "option_name",
      [block, &spec](std::int64_t r) {
        return spec.options[static_cast<std::size_t>(r / block)].name;
      },
      "policy option of the run, by name");
  writer.write_run_column(
      "scenario_point",
      [reps = static_cast<std::int64_t>(reps), S = static_cast<std::int64_t>(S)](std::int64_t r) {
        return (r / reps) % S;
      },
      "member of the scenario ensemble (row of /design; 0 without one)");
  writer.write_run_column(
      "status", [](std::int64_t) { return std::int64_t{1}; },
      "1 = the run finished and its data are here");

  std::vector<std::string> option_names;
  for (const auto& o : spec.options) option_names.push_back(o.name);
  ComparisonSummary s =
      compare_values(values, option_names, outcome_names, spec.status_quo, S, spec.replicates,
                     spec.confidence, spec.rank_by, spec.thresholds, spec.robustness, spec.pareto);
  s.name = spec.name;
  s.runs = e.runs;
  if (spec.ensemble && !spec.ensemble->posterior_path.empty()) {
    s.posterior = spec.ensemble->posterior_path;
  }
  s.warnings = plausibility.warnings();
  s.units = units;
  for (const auto& l : spec.levers) s.lever_names.push_back(l.name);
  for (const auto& o : spec.options) {
    std::vector<double> row(spec.levers.size(), kNaN);
    for (std::size_t l = 0; l < o.lever_levels.size() && l < row.size(); ++l) {
      row[l] = spec.levers[l].numeric[o.lever_levels[l]];
    }
    s.lever_value.push_back(std::move(row));
  }

  TableGroup g;
  g.name = "comparison";
  std::string thresholds_text;
  for (const auto& t : spec.thresholds) {
    thresholds_text += fmt::format("{}{}{}{}", thresholds_text.empty() ? "" : "; ", t.outcome,
                                   t.has_min ? fmt::format(" >= {}", t.min) : "",
                                   t.has_max ? fmt::format(" <= {}", t.max) : "");
  }
  g.attributes = {{"status_quo", option_names[spec.status_quo]},
                  {"rank_by", spec.rank_by.outcome},
                  {"better", spec.rank_by.lower_is_better ? "lower" : "higher"},
                  {"confidence", fmt::format("{}", spec.confidence)},
                  {"replicates", std::to_string(spec.replicates)},
                  {"scenarios", std::to_string(S)},
                  {"thresholds", thresholds_text},
                  {"posterior", s.posterior},
                  {"seeds",
                   "common random numbers: run seeds depend on the scenario point and "
                   "the replicate, not on the option"}};
  g.attributes.emplace_back("hurwicz_alpha",
                            fmt::format("{}", s.robustness_settings.hurwicz_alpha));
  g.attributes.emplace_back("percentile", fmt::format("{}", s.robustness_settings.percentile));
  g.coordinates = {{"option", option_names, O}, {"outcome", outcome_names, K}, {"scenario", {}, S}};
  auto ok_var = [&](const char* name, const char* long_name, auto get) {
    TableGroup::Variable var{name, {"option", "outcome"}, {}, long_name, ""};
    for (std::size_t o = 0; o < O; ++o) {
      for (std::size_t k = 0; k < K; ++k) var.values.push_back(get(s.table[o][k]));
    }
    return var;
  };
  g.variables.push_back(
      ok_var("mean", "mean over runs", [](const OptionOutcome& x) { return x.mean; }));
  g.variables.push_back(
      ok_var("median", "median over runs", [](const OptionOutcome& x) { return x.median; }));
  g.variables.push_back(
      ok_var("p05", "5th percentile over runs", [](const OptionOutcome& x) { return x.p05; }));
  g.variables.push_back(
      ok_var("p95", "95th percentile over runs", [](const OptionOutcome& x) { return x.p95; }));
  g.variables.push_back(
      ok_var("n", "runs with a value", [](const OptionOutcome& x) { return double(x.n); }));
  g.variables.push_back(ok_var("diff_mean", "mean paired difference, option - status quo",
                               [](const OptionOutcome& x) { return x.diff.mean; }));
  g.variables.push_back(ok_var("diff_low", "lower bound of the paired difference (Student t)",
                               [](const OptionOutcome& x) { return x.diff.low; }));
  g.variables.push_back(ok_var("diff_high", "upper bound of the paired difference (Student t)",
                               [](const OptionOutcome& x) { return x.diff.high; }));
  g.variables.push_back(ok_var("diff_sd", "standard deviation of the paired differences",
                               [](const OptionOutcome& x) { return x.diff.sd; }));
  auto o_var = [&](const char* name, const char* long_name, auto get) {
    TableGroup::Variable var{name, {"option"}, {}, long_name, "1"};
    for (std::size_t o = 0; o < O; ++o) var.values.push_back(get(o));
    return var;
  };
  g.variables.push_back(o_var("p_rung8", "probability of reaching rung 8 or higher",
                              [&](std::size_t o) { return s.p_rung8[o].estimate; }));
  g.variables.push_back(
      o_var("p_rung8_low", "Wilson lower bound", [&](std::size_t o) { return s.p_rung8[o].low; }));
  g.variables.push_back(o_var("p_rung8_high", "Wilson upper bound",
                              [&](std::size_t o) { return s.p_rung8[o].high; }));
  g.variables.push_back(o_var("p_ceasefire_30d",
                              "probability of a ceasefire within 30 days of the first day of armed "
                              "conflict, among runs with one",
                              [&](std::size_t o) { return s.p_ceasefire30[o].estimate; }));
  g.variables.push_back(o_var("p_ceasefire_30d_low", "Wilson lower bound",
                              [&](std::size_t o) { return s.p_ceasefire30[o].low; }));
  g.variables.push_back(o_var("p_ceasefire_30d_high", "Wilson upper bound",
                              [&](std::size_t o) { return s.p_ceasefire30[o].high; }));
  g.variables.push_back(o_var("rank", "rank by the ranking outcome (1 = best)",
                              [&](std::size_t o) { return double(s.rank[o]); }));
  g.variables.push_back(o_var("rank_value", "mean of the ranking outcome",
                              [&](std::size_t o) { return s.rank_value[o]; }));
  g.variables.push_back(o_var("regret_max", "largest regret over the scenarios (ranking outcome)",
                              [&](std::size_t o) { return s.regret[o].max; }));
  g.variables.push_back(o_var("regret_mean", "mean regret over the scenarios (ranking outcome)",
                              [&](std::size_t o) { return s.regret[o].mean; }));
  g.variables.push_back(o_var("p_better",
                              "share of the scenarios in which the option's mean of the ranking "
                              "outcome beats the status quo's (ties count half)",
                              [&](std::size_t o) { return s.p_better[o]; }));
  g.variables.push_back(o_var("share_meeting_thresholds",
                              "share of scenarios in which the option meets every threshold",
                              [&](std::size_t o) { return s.share_meeting[o]; }));
  // Robustness over the scenarios (docs/experiments.md, "Robustness").
  const auto rank_k = static_cast<std::size_t>(
      std::find(outcome_names.begin(), outcome_names.end(), spec.rank_by.outcome) -
      outcome_names.begin());
  const std::string rank_unit = rank_k < K ? units[rank_k] : "";
  auto os_var = [&](const char* name, const char* long_name,
                    const std::vector<std::vector<double>>& m) {
    TableGroup::Variable var{name, {"option", "scenario"}, {}, long_name, rank_unit};
    for (const auto& row : m) var.values.insert(var.values.end(), row.begin(), row.end());
    return var;
  };
  g.variables.push_back(os_var("scenario_value",
                               "mean of the ranking outcome in each scenario of the ensemble",
                               s.scenario_value));
  g.variables.push_back(
      os_var("regret", "regret in each scenario: distance to the best option's scenario mean",
             s.regret_matrix));
  const struct {
    const char* name;
    const char* long_name;
    double Robustness::*field;
    bool unitless;
  } measures[] = {
      {"laplace", "Laplace criterion: mean over the scenarios, equally weighted",
       &Robustness::laplace, false},
      {"worst_case", "Wald's maximin: the worst scenario mean", &Robustness::worst, false},
      {"best_case", "the best scenario mean", &Robustness::best, false},
      {"hurwicz", "Hurwicz criterion: alpha * best case + (1 - alpha) * worst case",
       &Robustness::hurwicz, false},
      {"percentile_worse", "the scenario mean at the worse-side percentile",
       &Robustness::percentile_worse, false},
      {"skewness", "percentile-based skewness of the scenario means", &Robustness::skewness, true},
      {"peakedness", "percentile-based peakedness of the scenario means", &Robustness::peakedness,
       true},
  };
  for (const auto& m : measures) {
    g.variables.push_back(
        o_var(m.name, m.long_name, [&](std::size_t o) { return s.robustness[o].*(m.field); }));
    g.variables.back().units = m.unitless ? "1" : rank_unit;
  }
  if (!spec.thresholds.empty()) {
    std::vector<std::string> labels;
    for (const auto& t : spec.thresholds) {
      labels.push_back(fmt::format("{}{}{}", t.outcome,
                                   t.has_min ? fmt::format(" >= {}", t.min) : "",
                                   t.has_max ? fmt::format(" <= {}", t.max) : ""));
    }
    g.coordinates.push_back({"threshold", labels, labels.size()});
    TableGroup::Variable var{"threshold_share",
                             {"option", "threshold"},
                             {},
                             "share of scenarios in which the option meets this threshold "
                             "(Starr's domain criterion, one threshold at a time)",
                             "1"};
    for (const auto& row : s.threshold_share)
      var.values.insert(var.values.end(), row.begin(), row.end());
    g.variables.push_back(std::move(var));
  }
  if (!s.pareto.empty()) {
    std::vector<std::string> labels;
    std::string text;
    for (const auto& p : s.pareto) {
      labels.push_back(p.outcome);
      text += fmt::format("{}{} ({})", text.empty() ? "" : "; ", p.outcome,
                          p.lower_is_better ? "lower" : "higher");
    }
    g.attributes.emplace_back("pareto", text);
    g.coordinates.push_back({"objective", labels, labels.size()});
    TableGroup::Variable var{"pareto_value",
                             {"option", "objective"},
                             {},
                             "mean over runs of each objective of the Pareto front",
                             ""};
    for (const auto& row : s.pareto_value)
      var.values.insert(var.values.end(), row.begin(), row.end());
    g.variables.push_back(std::move(var));
    g.variables.push_back(o_var("pareto_rank",
                                "non-domination rank over the objectives (1 = on the Pareto "
                                "front; 0 = an objective without a value)",
                                [&](std::size_t o) { return double(s.pareto_rank[o]); }));
    g.variables.push_back(o_var("pareto_share",
                                "share of the scenarios in which the option is on that scenario's "
                                "Pareto front",
                                [&](std::size_t o) { return s.pareto_share[o]; }));
  }
  if (!spec.levers.empty()) {
    std::string text;
    for (const auto& l : spec.levers) {
      std::string levels;
      for (const auto& level : l.levels) {
        levels += fmt::format("{}{}", levels.empty() ? "" : ", ", level);
      }
      text += fmt::format("{}{}: {} in [{}]", text.empty() ? "" : "; ", l.name, l.path, levels);
    }
    g.attributes.emplace_back("levers", text);
    g.coordinates.push_back({"lever", s.lever_names, s.lever_names.size()});
    TableGroup::Variable var{"lever_value",
                             {"option", "lever"},
                             {},
                             "the option's value of each lever (NaN: a written option, or a "
                             "level that is not a number; true = 1, false = 0)",
                             ""};
    for (const auto& row : s.lever_value)
      var.values.insert(var.values.end(), row.begin(), row.end());
    g.variables.push_back(std::move(var));
    g.attributes.emplace_back("written_options", std::to_string(spec.written_options));
  }
  writer.write_group(g);
  if (spec.ensemble) {
    writer.write_group(design_group(*spec.ensemble, c.ensemble(), "design",
                                    {{"replicates", std::to_string(spec.replicates)},
                                     {"master_seed", std::to_string(c.master_seed())}}));
  }
  writer.write_group(results_geography(c.base()));
  writer.finish();
  remove_parts(parts);
  std::error_code ec;
  s.file_bytes = std::filesystem::file_size(output, ec);
  return s;
}

namespace {

std::string fmt_value(double v) {
  if (std::isnan(v)) return "-";
  const double a = std::abs(v);
  if (a >= 1e6) return fmt::format("{:.2f}m", v / 1e6);
  if (a >= 100) return fmt::format("{:.0f}", v);
  if (a >= 1) return fmt::format("{:.1f}", v);
  return fmt::format("{:.2f}", v);
}

std::string fmt_diff(const PairedDifference& d) {
  if (d.n == 0 || std::isnan(d.mean)) return "-";
  if (d.mean == 0 && d.low == 0 && d.high == 0) return "0";
  return fmt::format("{}{} [{}, {}]", d.mean > 0 ? "+" : "", fmt_value(d.mean), fmt_value(d.low),
                     fmt_value(d.high));
}

}  // namespace

std::string format_comparison(const ComparisonSummary& s) {
  const std::vector<std::string> headline = {"fatalities_all", "conflict_days", "reached_rung8",
                                             "ceasefire_within_30d", "trade_lost_usd"};
  const std::vector<std::string> titles = {"deaths", "conflict days", "P(rung>=8)",
                                           "P(ceasefire<=30d)", "trade lost USD"};
  std::string out = fmt::format(
      "{}: {} options x {} scenario{} x {} replicates on common random numbers; mean, then the "
      "paired difference against {} [{:.0f}% CI]\n",
      s.name, s.options.size(), s.scenarios, s.scenarios == 1 ? "" : "s", s.replicates,
      s.options[s.status_quo], 100 * s.confidence);
  std::size_t width = 6;
  for (const auto& o : s.options) width = std::max(width, o.size());
  out += fmt::format("{:>4}  {:<{}}", "rank", "option", width);
  for (const auto& t : titles) out += fmt::format("  {:>30}", t);
  out += "\n";
  std::vector<std::size_t> order(s.options.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return s.rank[a] < s.rank[b]; });
  for (std::size_t o : order) {
    out += fmt::format("{:>4}  {:<{}}", s.rank[o], s.options[o], width);
    for (const auto& h : headline) {
      const auto k = static_cast<std::size_t>(std::find(s.outcomes.begin(), s.outcomes.end(), h) -
                                              s.outcomes.begin());
      if (k >= s.outcomes.size()) {
        out += fmt::format("  {:>30}", "-");
        continue;
      }
      const auto& c = s.table[o][k];
      const std::string cell = o == s.status_quo
                                   ? fmt_value(c.mean)
                                   : fmt::format("{} {}", fmt_value(c.mean), fmt_diff(c.diff));
      out += fmt::format("  {:>30}", cell);
    }
    out += "\n";
  }
  out += fmt::format("ranked by the mean of {} ({} is better)\n", s.rank_outcome,
                     s.lower_is_better ? "lower" : "higher");
  if (s.scenarios > 1 || !s.thresholds.empty()) {
    out += fmt::format(
        "\nrobustness over {} {}{} (on {}):\n", s.scenarios,
        s.posterior.empty() ? "scenario" : "posterior draw", s.scenarios == 1 ? "" : "s",
        s.posterior.empty() ? s.rank_outcome
                            : fmt::format("{}; draws from {}", s.rank_outcome, s.posterior));
    const bool measures = s.robustness.size() == s.options.size();
    const std::string hurwicz = fmt::format("Hurwicz({:g})", s.robustness_settings.hurwicz_alpha);
    const std::string pct = fmt::format("{:g}th pct", 100 * s.robustness_settings.percentile);
    out += fmt::format("  {:<{}}  {:>11}  {:>11}", "option", width, "max regret", "mean regret");
    if (measures) {
      out += fmt::format("  {:>9}  {:>10}  {:>12}  {:>10}", "Laplace", "worst case", hurwicz, pct);
    }
    out += fmt::format("  {:>9}  {:>22}\n", "P(better)", "meets thresholds");
    for (std::size_t o : order) {
      out += fmt::format("  {:<{}}  {:>11}  {:>11}", s.options[o], width,
                         fmt_value(s.regret[o].max), fmt_value(s.regret[o].mean));
      if (measures) {
        const Robustness& m = s.robustness[o];
        out += fmt::format("  {:>9}  {:>10}  {:>12}  {:>10}", fmt_value(m.laplace),
                           fmt_value(m.worst), fmt_value(m.hurwicz), fmt_value(m.percentile_worse));
      }
      out += fmt::format("  {:>9}  {:>22}\n",
                         o == s.status_quo || o >= s.p_better.size() || std::isnan(s.p_better[o])
                             ? std::string("-")
                             : fmt::format("{:.0f}%", 100 * s.p_better[o]),
                         s.thresholds.empty()
                             ? std::string("-")
                             : fmt::format("{:.0f}% of scenarios", 100 * s.share_meeting[o]));
    }
    out += fmt::format(
        "  P(better): share of the {} in which the option's mean {} beats the status quo's\n",
        s.posterior.empty() ? "scenarios" : "posterior draws", s.rank_outcome);
    if (measures) {
      out += fmt::format(
          "  Laplace: mean over the scenarios; worst case: Wald's maximin; Hurwicz: {:g} x best "
          "+ {:g} x worst; {}: the scenario mean at that percentile on the worse side\n",
          s.robustness_settings.hurwicz_alpha, 1 - s.robustness_settings.hurwicz_alpha, pct);
    }
    if (!s.thresholds.empty()) {
      out += "  thresholds (on scenario means):";
      for (const auto& t : s.thresholds) {
        out += fmt::format(" {}{}{};", t.outcome, t.has_min ? fmt::format(" >= {}", t.min) : "",
                           t.has_max ? fmt::format(" <= {}", t.max) : "");
      }
      out += "\n";
    }
  }
  if (!s.pareto.empty() && s.pareto_rank.size() == s.options.size()) {
    std::string objectives;
    for (const auto& p : s.pareto) {
      objectives += fmt::format("{}{} ({} is better)", objectives.empty() ? "" : ", ", p.outcome,
                                p.lower_is_better ? "lower" : "higher");
    }
    std::vector<std::size_t> front;
    for (std::size_t o : order) {
      if (s.pareto_rank[o] == 1) front.push_back(o);
    }
    out += fmt::format(
        "\nPareto front over {}: {} of {} options non-dominated (means over all "
        "runs, common random numbers)\n",
        objectives, front.size(), s.options.size());
    out += fmt::format("  {:<{}}", "option", width);
    for (const auto& p : s.pareto) out += fmt::format("  {:>16}", p.outcome);
    out += fmt::format("  {:>22}\n", "on the front in");
    for (std::size_t o : front) {
      out += fmt::format("  {:<{}}", s.options[o], width);
      for (double v : s.pareto_value[o]) out += fmt::format("  {:>16}", fmt_value(v));
      out += fmt::format("  {:>22}\n",
                         o < s.pareto_share.size() && !std::isnan(s.pareto_share[o])
                             ? fmt::format("{:.0f}% of scenarios", 100 * s.pareto_share[o])
                             : std::string("-"));
    }
  }
  return out;
}

Json comparison_json(const ComparisonSummary& s, const std::string& output_path, double seconds) {
  Json options = Json::array();
  for (std::size_t o = 0; o < s.options.size(); ++o) {
    Json option = {{"name", s.options[o]},
                   {"rank", s.rank[o]},
                   {"p_rung8", s.p_rung8[o].estimate},
                   {"p_ceasefire_30d", s.p_ceasefire30[o].estimate},
                   {"regret_max", s.regret[o].max},
                   {"regret_mean", s.regret[o].mean},
                   {"share_meeting_thresholds", s.share_meeting[o]},
                   {"p_better_than_status_quo", o < s.p_better.size() ? s.p_better[o] : kNaN}};
    if (o < s.robustness.size()) {
      const Robustness& m = s.robustness[o];
      option["laplace"] = m.laplace;
      option["worst_case"] = m.worst;
      option["best_case"] = m.best;
      option["hurwicz"] = m.hurwicz;
      option["percentile_worse"] = m.percentile_worse;
      option["skewness"] = m.skewness;
      option["peakedness"] = m.peakedness;
      option["regret"] = s.regret_matrix[o];
    }
    if (o < s.threshold_share.size() && !s.threshold_share[o].empty()) {
      option["threshold_share"] = s.threshold_share[o];
    }
    if (o < s.pareto_rank.size()) {
      option["pareto_rank"] = s.pareto_rank[o];
      option["pareto_share"] = s.pareto_share[o];
    }
    if (o < s.lever_value.size() && !s.lever_names.empty()) {
      Json levers = Json::object();
      for (std::size_t l = 0; l < s.lever_names.size(); ++l) {
        levers[s.lever_names[l]] = s.lever_value[o][l];
      }
      option["levers"] = std::move(levers);
    }
    Json outcomes = Json::object();
    for (std::size_t k = 0; k < s.outcomes.size(); ++k) {
      const auto& c = s.table[o][k];
      outcomes[s.outcomes[k]] = {{"mean", c.mean},
                                 {"median", c.median},
                                 {"p05", c.p05},
                                 {"p95", c.p95},
                                 {"n", c.n},
                                 {"diff", c.diff.mean},
                                 {"diff_low", c.diff.low},
                                 {"diff_high", c.diff.high}};
    }
    option["outcomes"] = std::move(outcomes);
    options.push_back(std::move(option));
  }
  return {{"output", output_path.empty() ? Json(nullptr) : Json(output_path)},
          {"name", s.name},
          {"runs", s.runs},
          {"seconds", seconds},
          {"replicates", s.replicates},
          {"scenarios", s.scenarios},
          {"status_quo", s.options[s.status_quo]},
          {"rank_by", s.rank_outcome},
          {"hurwicz_alpha", s.robustness_settings.hurwicz_alpha},
          {"percentile", s.robustness_settings.percentile},
          {"options", std::move(options)}};
}

}  // namespace flashpoint
