#include "experiment/sweep.hpp"

#include <algorithm>
#include <chrono>
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
#include "flashpoint/version.hpp"
#include "model/plausibility.hpp"
#include "output/hdf5_writer.hpp"

namespace flashpoint {
namespace {

/// Salt that keeps the design's random numbers apart from the runs' streams.
constexpr std::uint64_t kDesignSalt = 0x5EED'DE51'6E00'0001ULL;

std::vector<Override> with_fixed(const std::vector<Override>& fixed, std::vector<Override> more) {
  std::vector<Override> all = fixed;
  all.insert(all.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  return all;
}

/// Sensitivity measures need a finite outcome on every design point, and some variation.
bool usable(const std::vector<double>& y) {
  if (y.empty() || !std::all_of(y.begin(), y.end(), [](double v) { return std::isfinite(v); })) {
    return false;
  }
  return std::any_of(y.begin(), y.end(), [&](double v) { return v != y.front(); });
}

}  // namespace

Scenario Sweep::variant(const std::vector<Override>& point, bool typed) const {
  return make_variant(
      typed ? &base_ : nullptr, point, source_, [&] { return with_fixed(spec_.fixed, point); },
      layout_, spec_.fixed.size());
}

Sweep::Sweep(SweepSpec spec) : spec_(std::move(spec)) {
  source_ = ScenarioSource::from_file(spec_.scenario_path);
  base_ = read_typed_base(source_, spec_.fixed);
  layout_ = results_layout(base_.scenario);
  master_seed_ = spec_.has_seed ? spec_.seed : base_.scenario.seed;
  draw_from_posterior(spec_.design, base_.scenario, mix64(master_seed_ ^ kDesignSalt));
  const DesignSpec& ds = spec_.design;
  // Design points are set typed on the base when every parameter can be (variant.hpp); one
  // parameter that cannot sends every point through the YAML route, which reads it again.
  typed_ = std::all_of(ds.parameters.begin(), ds.parameters.end(),
                       [&](const auto& p) { return is_typed_path(base_.scenario, p.path); });

  // Each parameter at its extremes: a wrong path or an impossible value is reported now, at the
  // parameter's line, rather than by the first run that meets it.
  std::vector<Problem> problems;
  for (std::size_t j = 0; j < ds.parameters.size(); ++j) {
    const auto& p = ds.parameters[j];
    // Every value a parameter can take when there are few (levels, the distinct values of a
    // CSV column, up to kMaxProbes), else its extremes.
    constexpr std::size_t kMaxProbes = 1000;
    std::vector<double> probe;
    if (ds.kind == DesignKind::kExternal) {
      for (const auto& row : ds.csv_values) probe.push_back(row[j]);
    } else if (p.distribution == Distribution::kLevels) {
      probe = p.levels;
    } else {
      probe = {p.value_at(0.0), p.value_at(1.0)};
    }
    std::sort(probe.begin(), probe.end());
    probe.erase(std::unique(probe.begin(), probe.end()), probe.end());
    if (probe.size() > kMaxProbes) probe = {probe.front(), probe.back()};
    for (double v : probe) {
      DesignSpec one;
      one.parameters = {p};
      one.origins = {ds.origins[j]};
      try {
        (void)variant(design_point_overrides(one, {v}), is_typed_path(base_.scenario, p.path));
      } catch (const InputError& e) {
        problems.insert(problems.end(), e.problems().begin(), e.problems().end());
        break;
      }
    }
  }
  try {
    user_ = UserOutcomes(spec_.outcomes, layout_);
  } catch (const InputError& e) {
    problems.insert(problems.end(), e.problems().begin(), e.problems().end());
  }
  if (!problems.empty()) throw InputError(problems);

  try {
    design_ = build_design(ds, mix64(master_seed_ ^ kDesignSalt));
  } catch (const std::invalid_argument& e) {
    throw InputError(Problem{spec_.path, 0, 0, "design", e.what()});
  }

  const std::int64_t reps = spec_.replicates;
  runs_.kind = "sweep";
  runs_.base = &base_.scenario;
  runs_.runs = static_cast<std::int64_t>(design_.points()) * reps;
  runs_.keep = spec_.keep;
  const std::uint64_t seed = master_seed_;
  // Common random numbers where the estimators take differences: every row of a Saltelli block
  // (A_j, B_j, AB_1j .. AB_kj) and every point of a Morris trajectory runs on the same seeds, so
  // an elementary effect or a Jansen difference measures the parameter, not the dice.
  std::uint64_t block = 1;
  if (ds.kind == DesignKind::kSobol) block = 0;  // seed index = row % N
  if (ds.kind == DesignKind::kMorris) block = ds.parameters.size() + 1;
  const std::uint64_t base_samples = design_.base_samples;
  runs_.plan = [seed, reps, block, base_samples](std::int64_t run) {
    const auto point = static_cast<std::uint64_t>(run / reps);
    const std::uint64_t seed_point = block == 0 ? point % base_samples : point / block;
    const auto rep = static_cast<std::uint64_t>(run % reps);
    return RunPlan{run, run_seed(seed, seed_point, rep), static_cast<std::int32_t>(rep)};
  };
  runs_.variant = [reps](std::int64_t run) { return static_cast<std::size_t>(run / reps); };
  runs_.make_scenario = [this](std::size_t point) {
    return variant(
        design_point_overrides(spec_.design, design_point_values(spec_.design, design_, point)),
        typed_);
  };
  if (!user_.empty()) {
    runs_.finish_run = [this](RunResult& r) { r.user_outcomes = user_.values(r); };
  }

  // The design hash: what the runs depend on, not how the sweep file is laid out.
  HashBuilder h;
  h.add("flashpoint-sweep");
  h.add(kSoftwareVersion);
  h.add(static_cast<std::uint64_t>(kResultsFormatVersion));
  h.add(source_.text());
  for (const auto& o : spec_.fixed) h.add(o.text);
  h.add(keep_level_name(spec_.keep));
  h.add(journal_record_layout());
  h.add(user_.hash_text());
  h.add(static_cast<std::uint64_t>(reps));
  h.add(master_seed_);
  for (const auto& p : ds.parameters) h.add(p.path);
  for (std::size_t point = 0; point < design_.points(); ++point) {
    for (const auto& o : design_point_overrides(ds, design_point_values(ds, design_, point))) {
      h.add(o.value);
    }
  }
  runs_.hash = h.value();
}

SweepSummary assemble_sweep(const Sweep& sweep, const std::string& output,
                            const std::string& command_line) {
  const SweepSpec& spec = sweep.spec();
  const ExperimentRuns& e = sweep.experiment();
  const ResultsLayout layout = results_layout(sweep.base());
  const std::string parts = parts_dir_of(output);
  const std::size_t points = sweep.points();
  const auto reps = static_cast<std::size_t>(spec.replicates);

  const auto writer_ptr = open_experiment_writer(
      output, sweep.base(), e, command_line, sweep.master_seed(), spec.name, spec.path, spec.text);
  ResultsWriter& writer = *writer_ptr;

  // /design first (it needs no run), then the table of point means under it, filled as the runs
  // are read: nothing held in memory grows with the number of runs or design points.
  const DesignSpec& ds = spec.design;
  const Design& design = sweep.design();
  std::vector<std::string> names;
  for (const auto& p : ds.parameters) names.push_back(p.path);
  writer.write_group(design_group(ds, design, "design",
                                  {{"replicates", std::to_string(spec.replicates)},
                                   {"master_seed", std::to_string(sweep.master_seed())}}));
  const auto columns = outcome_columns(layout, spec.outcomes);
  const std::size_t K = columns.size();
  std::vector<std::string> outcome_names;
  for (const auto& c : columns) outcome_names.push_back(c.name);
  static const std::string kMeanPath = "design/outcomes/mean";
  writer.write_group(outcomes_group(columns, e.runs));
  {
    TableGroup m;
    m.name = "design/outcomes";
    m.coordinates = {{"point", {}, points}, {"outcome", outcome_names, K}};
    TableGroup::Variable mean{
        "mean", {"point", "outcome"}, {}, "mean over the point's replicates", ""};
    mean.deferred = true;
    m.variables.push_back(std::move(mean));
    writer.write_group(m);
  }

  // Runs come in run order, so a point's replicates are consecutive: each outcome's mean over
  // them (NaN-skipping) is summed in run order, divided when the point's last replicate is read,
  // and written a block of points at a time.
  constexpr std::size_t kBlockPoints = 4096;  // the writer's chunk rows
  std::vector<double> sum(K, 0.0), block, values;
  std::vector<std::uint32_t> count(K, 0);
  std::size_t block_first = 0, block_points = 0;
  auto flush = [&] {
    writer.write_rows(kMeanPath, block_first, block);
    block_first += block_points;
    block_points = 0;
    block.clear();
  };
  // /outcomes/value, a block of runs at a time.
  constexpr std::size_t kBlockRuns = 4096;
  std::vector<double> run_block;
  std::size_t run_block_first = 0;
  auto flush_runs = [&] {
    writer.write_rows(kOutcomeValuesPath, run_block_first, run_block);
    run_block_first += run_block.size() / std::max<std::size_t>(K, 1);
    run_block.clear();
  };
  PlausibilityTally plausibility;
  for_each_journaled_run(parts, e, [&](RunResult&& r) {
    writer.write(r);
    plausibility.add(r);
    outcome_values(r, layout, values);
    values.resize(K, kNaN);  // a run journaled without its user outcomes has none
    run_block.insert(run_block.end(), values.begin(), values.end());
    if (run_block.size() >= kBlockRuns * K) flush_runs();
    for (std::size_t k = 0; k < K; ++k) {
      if (std::isnan(values[k])) continue;
      sum[k] += values[k];
      count[k] += 1;
    }
    if (static_cast<std::size_t>(r.run) % reps != reps - 1) return;
    for (std::size_t k = 0; k < K; ++k) {
      block.push_back(count[k] > 0 ? sum[k] / count[k] : std::numeric_limits<double>::quiet_NaN());
    }
    std::fill(sum.begin(), sum.end(), 0.0);
    std::fill(count.begin(), count.end(), 0);
    if (++block_points == kBlockPoints) flush();
  });
  flush();
  if (!run_block.empty()) flush_runs();

  writer.write_run_column(
      "design_point", [reps = static_cast<std::int64_t>(reps)](std::int64_t r) { return r / reps; },
      "design point of the run (row of /design)");
  writer.write_run_column(
      "status", [](std::int64_t) { return std::int64_t{1}; },
      "1 = the run finished and its data are here");

  SweepSummary summary;
  // Outcome k over the points, for the estimators: read back from the file, a column at a time.
  auto outcome_over_points = [&](std::size_t k) { return writer.read_column(kMeanPath, k); };

  // /sensitivity
  if (ds.kind == DesignKind::kSobol || ds.kind == DesignKind::kMorris) {
    SensitivityTable t;
    t.method = ds.kind == DesignKind::kSobol ? "sobol" : "morris";
    t.outcomes = outcome_names;
    t.parameters = names;
    t.confidence = spec.confidence;
    t.bootstrap = spec.bootstrap;
    TableGroup s;
    s.name = "sensitivity";
    s.attributes = {{"method", t.method},
                    {"confidence", fmt::format("{}", spec.confidence)},
                    {"bootstrap_resamples", std::to_string(spec.bootstrap)},
                    {"note",
                     "computed on the mean of each design point's replicates; NaN where "
                     "an outcome has no value in some run or does not vary"}};
    s.coordinates = {{"outcome", outcome_names, K}, {"parameter", names, names.size()}};
    auto var = [](const char* name, const char* long_name) {
      return TableGroup::Variable{name, {"outcome", "parameter"}, {}, long_name, "1"};
    };
    if (ds.kind == DesignKind::kSobol) {
      auto s1 = var("S1", "Sobol first-order index (Saltelli 2010)");
      auto s1l = var("S1_low", "lower confidence bound of S1 (bootstrap)");
      auto s1h = var("S1_high", "upper confidence bound of S1 (bootstrap)");
      auto st = var("ST", "Sobol total index (Jansen 1999)");
      auto stl = var("ST_low", "lower confidence bound of ST (bootstrap)");
      auto sth = var("ST_high", "upper confidence bound of ST (bootstrap)");
      for (std::size_t k = 0; k < K; ++k) {
        const std::vector<double> y = outcome_over_points(k);
        if (!usable(y)) {
          const Interval none{kNaN, kNaN, kNaN};
          t.sobol.push_back(SobolIndices{std::vector<Interval>(names.size(), none),
                                         std::vector<Interval>(names.size(), none)});
        } else {
          t.sobol.push_back(sobol_indices(design, y, spec.bootstrap, spec.confidence,
                                          mix64(sweep.master_seed() ^ (k + 1))));
        }
        for (std::size_t j = 0; j < names.size(); ++j) {
          const auto& f = t.sobol.back().first_order[j];
          const auto& tt = t.sobol.back().total[j];
          s1.values.push_back(f.estimate);
          s1l.values.push_back(f.low);
          s1h.values.push_back(f.high);
          st.values.push_back(tt.estimate);
          stl.values.push_back(tt.low);
          sth.values.push_back(tt.high);
        }
      }
      s.variables = {s1, s1l, s1h, st, stl, sth};
    } else {
      auto mu = var("mu", "mean elementary effect (per unit of the parameter's unit coordinate)");
      auto mus = var("mu_star", "mean absolute elementary effect (Campolongo et al. 2007)");
      auto sigma = var("sigma", "standard deviation of the elementary effects");
      for (std::size_t k = 0; k < K; ++k) {
        const std::vector<double> y = outcome_over_points(k);
        if (!usable(y)) {
          const std::vector<double> none(names.size(), kNaN);
          t.morris.push_back(MorrisMeasures{none, none, none});
        } else {
          t.morris.push_back(morris_measures(design, y));
        }
        for (std::size_t j = 0; j < names.size(); ++j) {
          mu.values.push_back(t.morris.back().mu[j]);
          mus.values.push_back(t.morris.back().mu_star[j]);
          sigma.values.push_back(t.morris.back().sigma[j]);
        }
      }
      s.variables = {mu, mus, sigma};
    }
    writer.write_group(s);
    summary.sensitivity = std::move(t);
  }

  writer.write_group(results_geography(sweep.base()));
  writer.finish();
  remove_parts(parts);
  summary.runs = e.runs;
  summary.warnings = plausibility.warnings();
  summary.points = points;
  std::error_code ec;
  summary.file_bytes = std::filesystem::file_size(output, ec);
  return summary;
}

TableGroup design_group(const DesignSpec& ds, const Design& design, const std::string& name,
                        std::vector<std::pair<std::string, std::string>> attributes) {
  const std::size_t points = design.points();
  TableGroup g;
  g.name = name;
  g.attributes = {{"kind", design_kind_name(ds.kind)},
                  {"samples", std::to_string(ds.samples)},
                  {"levels", std::to_string(ds.levels)}};
  g.attributes.insert(g.attributes.end(), attributes.begin(), attributes.end());
  std::vector<std::string> names;
  std::string distributions;
  static constexpr const char* kDistNames[] = {"uniform", "log_uniform", "triangular",
                                               "normal",  "levels",      "integers"};
  for (const auto& p : ds.parameters) {
    names.push_back(p.path);
    distributions += distributions.empty() ? "" : ",";
    distributions +=
        ds.kind == DesignKind::kExternal ? "csv" : kDistNames[static_cast<int>(p.distribution)];
  }
  g.attributes.emplace_back("distributions", distributions);
  g.coordinates = {{"point", {}, points}, {"parameter", names, names.size()}};
  const bool external = ds.kind == DesignKind::kExternal;
  TableGroup::Variable vals{
      "values", {"point", "parameter"}, {}, "parameter value of the point", ""};
  TableGroup::Variable unit{"unit", {"point", "parameter"}, {}, "unit-hypercube coordinate", "1"};
  TableGroup::Variable low{"low", {"parameter"}, {}, "lower bound", ""};
  TableGroup::Variable high{"high", {"parameter"}, {}, "upper bound", ""};
  // Rows made as they are written: a design of 10^6 points is not copied whole.
  vals.row_values = [&ds, &design](std::size_t p, std::span<double> out) {
    const auto v = design_point_values(ds, design, p);
    std::copy(v.begin(), v.end(), out.begin());
  };
  unit.row_values = [&design](std::size_t p, std::span<double> out) {
    std::copy(design.unit[p].begin(), design.unit[p].end(), out.begin());
  };
  for (const auto& p : ds.parameters) {
    low.values.push_back(p.low);
    high.values.push_back(p.high);
  }
  g.variables.push_back(std::move(vals));
  if (!external) {
    g.variables.push_back(std::move(unit));
    g.variables.push_back(std::move(low));
    g.variables.push_back(std::move(high));
  }
  return g;
}

SweepEstimate estimate_sweep(const Sweep& sweep, int sample_runs) {
  SweepEstimate est;
  const ExperimentRuns& e = sweep.experiment();
  const Scenario sc = e.make_scenario(0);
  const int n =
      static_cast<int>(std::min<std::int64_t>(sample_runs, std::max<std::int64_t>(1, e.runs)));
  const auto t0 = std::chrono::steady_clock::now();
  double bytes = 0;
  for (int i = 0; i < n; ++i) {
    const RunResult r = simulate(sc, e.plan(i), false);
    bytes += static_cast<double>(encode_run(r, sweep.spec().keep).size());
  }
  est.seconds_per_run =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() / n;
  est.journal_bytes_per_run = bytes / n;
  return est;
}

std::string format_sensitivity(const SensitivityTable& t, const std::vector<std::string>& only) {
  std::string out;
  std::size_t width = 9;
  for (const auto& p : t.parameters) width = std::max(width, p.size());
  auto num = [](double v) { return std::isnan(v) ? std::string("-") : fmt::format("{:.3f}", v); };
  auto gnum = [](double v) { return std::isnan(v) ? std::string("-") : fmt::format("{:.4g}", v); };
  for (std::size_t k = 0; k < t.outcomes.size(); ++k) {
    if (!only.empty() && std::find(only.begin(), only.end(), t.outcomes[k]) == only.end()) {
      continue;
    }
    out += fmt::format("{}\n", t.outcomes[k]);
    if (t.method == "sobol") {
      out += fmt::format("  {:<{}}  {:>22}  {:>22}\n", "parameter", width,
                         fmt::format("S1 [{:.0f}% CI]", 100 * t.confidence),
                         fmt::format("ST [{:.0f}% CI]", 100 * t.confidence));
      for (std::size_t j = 0; j < t.parameters.size(); ++j) {
        const auto& f = t.sobol[k].first_order[j];
        const auto& s = t.sobol[k].total[j];
        out += fmt::format("  {:<{}}  {:>22}  {:>22}\n", t.parameters[j], width,
                           fmt::format("{} [{}, {}]", num(f.estimate), num(f.low), num(f.high)),
                           fmt::format("{} [{}, {}]", num(s.estimate), num(s.low), num(s.high)));
      }
    } else {
      out += fmt::format("  {:<{}}  {:>11}  {:>11}  {:>11}\n", "parameter", width, "mu*", "mu",
                         "sigma");
      for (std::size_t j = 0; j < t.parameters.size(); ++j) {
        out += fmt::format("  {:<{}}  {:>11}  {:>11}  {:>11}\n", t.parameters[j], width,
                           gnum(t.morris[k].mu_star[j]), gnum(t.morris[k].mu[j]),
                           gnum(t.morris[k].sigma[j]));
      }
    }
  }
  return out;
}

Json sensitivity_json(const SensitivityTable& t) {
  Json outcomes = Json::object();
  for (std::size_t k = 0; k < t.outcomes.size(); ++k) {
    Json measures = Json::object();
    for (std::size_t j = 0; j < t.parameters.size(); ++j) {
      if (t.method == "sobol") {
        const Interval& f = t.sobol[k].first_order[j];
        const Interval& s = t.sobol[k].total[j];
        measures[t.parameters[j]] = {{"S1", f.estimate}, {"S1_low", f.low}, {"S1_high", f.high},
                                     {"ST", s.estimate}, {"ST_low", s.low}, {"ST_high", s.high}};
      } else {
        measures[t.parameters[j]] = {{"mu_star", t.morris[k].mu_star[j]},
                                     {"mu", t.morris[k].mu[j]},
                                     {"sigma", t.morris[k].sigma[j]}};
      }
    }
    outcomes[t.outcomes[k]] = std::move(measures);
  }
  Json out = {{"method", t.method}};
  if (t.method == "sobol") {
    out["confidence"] = t.confidence;
    out["bootstrap"] = t.bootstrap;
  }
  out["parameters"] = t.parameters;
  out["outcomes"] = std::move(outcomes);
  return out;
}

}  // namespace flashpoint
