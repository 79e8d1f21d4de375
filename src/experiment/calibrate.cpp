#include "experiment/calibrate.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include <fmt/format.h>
#include <boost/random/uniform_01.hpp>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "core/nan.hpp"
#include "core/rng.hpp"
#include "experiment/journal.hpp"
#include "experiment/outcomes.hpp"
#include "experiment/progress.hpp"
#include "experiment/specs.hpp"
#include "experiment/summary.hpp"
#include "flashpoint/version.hpp"
#include "model/result_fields.hpp"
#include "output/hdf5_reader.hpp"
#include "output/hdf5_writer.hpp"
#include "output/output_target.hpp"
#include "scenario/input_files.hpp"
#include "scenario/overrides.hpp"

namespace flashpoint {
namespace fs = std::filesystem;

namespace {

/// How often a shard waiting for the other shards' runs of a generation looks at the journals.
constexpr auto kShardPoll = std::chrono::seconds(2);

/// The generation folders' journal prefix ("gen003") under OUT.parts.
std::string generation_output(const std::string& root, int generation) {
  return (fs::path(root) / fmt::format("gen{:03}", generation)).string();
}

/// The generation folders flashpoint made under `root` (gen*.parts), sorted.
std::vector<std::string> generation_folders(const std::string& root) {
  std::vector<std::string> out;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return out;
  for (const auto& entry : fs::directory_iterator(root, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with("gen") && name.ends_with(".parts") && entry.is_directory(ec) &&
        !entry.is_symlink(ec)) {
      out.push_back(entry.path().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// Whether `folder` holds a journal (any shard's, or this shard's when `prefix` is given).
bool holds_journals(const std::string& folder, const std::string& prefix = "") {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.ends_with(".journal") &&
        (prefix.empty() || name.starts_with(prefix + ".") || name.starts_with(prefix + "-"))) {
      return true;
    }
  }
  return false;
}

/// Where a finished generation's evaluations are kept (root/genNNN.evaluations).
std::string evaluations_path(const std::string& root, int generation) {
  return generation_output(root, generation) + ".evaluations";
}

std::vector<std::string> evaluation_files(const std::string& root) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with("gen") && name.ends_with(".evaluations"))
      out.push_back(entry.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

constexpr const char* kEvaluationsMagic = "flashpoint-calibration-evaluations 1";

/// A generation's evaluations as text (each number in its shortest exact form), ending with a
/// checksum of everything before it.
std::string encode_evaluations(std::uint64_t hash, const std::vector<AbcEvaluation>& evaluations) {
  std::string text = fmt::format("{} {:016x} {}\n", kEvaluationsMagic, hash, evaluations.size());
  for (const auto& e : evaluations) {
    text += fmt::format("{}", e.distance);
    for (double v : e.statistics) text += fmt::format(" {}", v);
    text += "\n";
  }
  return text + fmt::format("end {:016x}\n", fnv1a(text));
}

/// The evaluations kept for a generation whose runs have hash `hash`, or nullopt when there is
/// no such file. A file that is damaged (cut short, a wrong checksum) is nullopt too: the
/// generation is run again from its journals. One of another design is an InputError.
std::optional<std::vector<AbcEvaluation>> read_evaluations(const std::string& path,
                                                           std::uint64_t hash, std::size_t count,
                                                           std::size_t targets, bool force) {
  std::error_code ec;
  if (!fs::is_regular_file(fs::symlink_status(path, ec))) return std::nullopt;
  std::string text;
  try {
    text = read_input_file(path);
  } catch (const InputError&) {
    return std::nullopt;
  }
  const auto end = text.rfind("end ");
  if (end == std::string::npos || end == 0 || text[end - 1] != '\n') return std::nullopt;
  if (text.substr(end) != fmt::format("end {:016x}\n", fnv1a(text.substr(0, end)))) {
    return std::nullopt;
  }
  std::istringstream in(text.substr(0, end));
  std::string header;
  std::getline(in, header);
  const std::string expected = fmt::format("{} {:016x} {}", kEvaluationsMagic, hash, count);
  if (header != expected) {
    if (force) return std::nullopt;  // --force: what an earlier start left is run again
    throw InputError(Problem{
        path, 0, 0, "",
        fmt::format("these evaluations belong to another calibration (the first line is '{}', "
                    "this calibration expects '{}'): the calibration file, its scenarios or the "
                    "code changed since it was started. Pass --force to start again, or write "
                    "to another output",
                    header.substr(0, 120), expected)});
  }
  auto number = [](const std::string& token, double& v) {
    const auto [p, e] = std::from_chars(token.data(), token.data() + token.size(), v);
    return e == std::errc() && p == token.data() + token.size();
  };
  std::vector<AbcEvaluation> out(count);
  for (auto& e : out) {
    std::string line;
    if (!std::getline(in, line)) return std::nullopt;
    std::istringstream fields(line);
    std::string token;
    if (!(fields >> token) || !number(token, e.distance)) return std::nullopt;
    e.statistics.resize(targets);
    for (double& v : e.statistics) {
      if (!(fields >> token) || !number(token, v)) return std::nullopt;
    }
    if (fields >> token) return std::nullopt;  // more statistics than targets
  }
  std::string extra;
  if (std::getline(in, extra)) return std::nullopt;  // more lines than proposals
  return out;
}

}  // namespace

double target_statistic(const CalibrationTarget& t, std::vector<double> values) {
  if (t.statistic == TargetStatistic::kShare) {
    if (values.empty()) return kNaN;
    double meeting = 0;
    for (double v : values) {
      if (std::isnan(v)) continue;
      bool ok = true;
      if (t.at_least) ok = ok && v >= *t.at_least;
      if (t.at_most) ok = ok && v <= *t.at_most;
      if (!t.at_least && !t.at_most) ok = v != 0;
      meeting += ok ? 1 : 0;
    }
    return meeting / static_cast<double>(values.size());
  }
  if (t.statistic != TargetStatistic::kMean) {
    return quantile(std::move(values), t.statistic == TargetStatistic::kMedian ? 0.5 : t.quantile);
  }
  std::erase_if(values, [](double v) { return std::isnan(v); });
  if (values.empty()) return kNaN;
  double sum = 0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

double target_distance(const std::vector<CalibrationTarget>& targets,
                       const std::vector<double>& statistics) {
  double sum = 0;
  for (std::size_t k = 0; k < targets.size(); ++k) {
    if (!std::isfinite(statistics[k])) return kInfinity;
    const double z = (statistics[k] - targets[k].observed) / targets[k].scale;
    sum += z * z;
  }
  return std::sqrt(sum / static_cast<double>(targets.size()));
}

Scenario Calibration::variant(std::size_t scenario, const std::vector<double>& values) const {
  const ScenarioState& s = scenarios_[scenario];
  // The parameters set on this scenario, in file order.
  std::vector<Override> point;
  auto every = design_point_overrides(spec_.priors, values);
  for (std::size_t j = 0; j < every.size(); ++j) {
    if (spec_.applies[j][scenario]) point.push_back(std::move(every[j]));
  }
  return make_variant(
      s.typed ? &s.base : nullptr, point, s.source,
      [&] {
        std::vector<Override> all = spec_.fixed;
        all.insert(all.end(), point.begin(), point.end());
        return all;
      },
      s.layout, spec_.fixed.size());
}

Calibration::Calibration(CalibrationSpec spec) : spec_(std::move(spec)) {
  std::set<std::size_t> used;
  for (const auto& t : spec_.targets) used.insert(t.scenario);
  used_.assign(used.begin(), used.end());
  scenarios_.resize(spec_.scenarios.size());
  for (std::size_t s : used_) {
    ScenarioState& st = scenarios_[s];
    st.source = ScenarioSource::from_file(spec_.scenarios[s].path);
    st.base = read_typed_base(st.source, spec_.fixed);
    st.layout = results_layout(st.base.scenario);
    st.typed = true;
    for (std::size_t j = 0; j < spec_.priors.parameters.size(); ++j) {
      if (spec_.applies[j][s] &&
          !is_typed_path(st.base.scenario, spec_.priors.parameters[j].path)) {
        st.typed = false;
      }
    }
  }
  master_seed_ = spec_.has_seed ? spec_.seed : base(used_.front()).seed;

  std::vector<Problem> problems;
  // A prior that cannot be sampled (a normal cut where it has no mass): located, not thrown.
  for (std::size_t j = 0; j < spec_.priors.parameters.size(); ++j) {
    try {
      (void)spec_.priors.parameters[j].value_at(0.5);
    } catch (const std::invalid_argument& e) {
      const SourceLocation& at = spec_.priors.origins[j];
      problems.push_back(
          Problem{at.file, at.line, at.column, fmt::format("parameters[{}]", j), e.what()});
    }
  }
  if (!problems.empty()) throw InputError(problems);
  // /posterior lists scenario names separated by ", " and "; ".
  for (std::size_t s : used_) {
    const std::string& name = scenarios_[s].base.scenario.name;
    if (name.find_first_of(",;") != std::string::npos) {
      const SourceLocation& at = spec_.scenarios[s].origin;
      problems.push_back(Problem{
          at.file, at.line, at.column, "scenarios." + spec_.scenarios[s].key,
          fmt::format("the scenario's name '{}' holds ',' or ';', which a posterior uses to "
                      "list scenarios: rename it",
                      name)});
    }
  }
  if (!problems.empty()) throw InputError(problems);
  // Every prior at its two ends on every scenario: a path the scenario lacks or a value it
  // refuses is reported at the parameter's line now, not by a run.
  const auto& ps = spec_.priors.parameters;
  for (std::size_t j = 0; j < ps.size(); ++j) {
    for (std::size_t s : used_) {
      if (!spec_.applies[j][s]) continue;
      bool failed = false;
      for (const bool high : {false, true}) {
        std::vector<double> values(ps.size());
        for (std::size_t i = 0; i < ps.size(); ++i) {
          values[i] = i != j ? ps[i].value_at(0.5) : high ? ps[i].high : ps[i].low;
        }
        try {
          (void)variant(s, values);
        } catch (const InputError& e) {
          for (const Problem& p : e.problems()) {
            Problem q = p;
            if (q.file == spec_.path || q.file.empty()) {
              q.message =
                  fmt::format("{} (the prior's {} end, {}, on the scenario '{}')", q.message,
                              high ? "high" : "low", values[j], spec_.scenarios[s].key);
            }
            problems.push_back(std::move(q));
          }
          failed = true;
          break;
        }
      }
      if (failed) break;
    }
  }

  // The file's own outcomes, compiled against each scenario the targets use (labels differ).
  user_.resize(spec_.scenarios.size());
  for (std::size_t s : used_) {
    try {
      user_[s] = UserOutcomes(spec_.outcomes, scenarios_[s].layout);
    } catch (const InputError& e) {
      for (const Problem& p : e.problems()) {
        Problem q = p;
        if (used_.size() > 1) {
          q.message = fmt::format("{} (on the scenario '{}')", q.message, spec_.scenarios[s].key);
        }
        problems.push_back(std::move(q));
      }
      break;
    }
  }

  // Every target's outcome or series against its scenario's results.
  keep_ = KeepLevel::kOutcomes;
  readers_.resize(spec_.targets.size());
  for (std::size_t k = 0; k < spec_.targets.size(); ++k) {
    const CalibrationTarget& t = spec_.targets[k];
    const ResultsLayout& layout = scenarios_[t.scenario].layout;
    const SourceLocation& at = t.outcome_origin;
    const std::string key = fmt::format("targets[{}].{}", k, t.series ? "series" : "outcome");
    if (!t.series) {
      const auto columns = outcome_columns(layout, spec_.outcomes);
      std::vector<std::string> names;
      for (const auto& c : columns) names.push_back(c.name);
      const auto it = std::find(names.begin(), names.end(), t.outcome);
      if (it == names.end()) {
        problems.push_back(Problem{
            at.file, at.line, at.column, key,
            fmt::format("the scenario '{}' has no outcome '{}'{}", spec_.scenarios[t.scenario].key,
                        t.outcome, loader_detail::suggestion(t.outcome, names, "outcomes"))});
      }
      readers_[k].column = static_cast<std::size_t>(it - names.begin());
      continue;
    }
    keep_ = KeepLevel::kSeries;
    // NAME or NAME[LABEL]
    std::string name = t.outcome, label;
    if (const auto open = name.find('['); open != std::string::npos && name.ends_with("]")) {
      label = name.substr(open + 1, name.size() - open - 2);
      name = name.substr(0, open);
    }
    std::vector<std::string> series_names;
    bool found = false;
    std::string problem;
    RunResult probe;
    for_each_field(probe, [&](const FieldInfo& f, const auto& /*member*/) {
      if (f.kind != FieldKind::kSeries) return;
      series_names.emplace_back(f.name);
      if (name != f.name) return;
      found = true;
      readers_[k].field = f.name;
      if (f.dims.size() == 2) {
        if (!label.empty())
          problem = fmt::format("the series '{}' has one value a day: drop [{}]", name, label);
        return;
      }
      const std::vector<std::string>* labels = nullptr;
      switch (f.dims[2]) {
        case Axis::kCategory:
          labels = &layout.categories;
          break;
        case Axis::kActor:
          labels = &layout.states;
          break;
        case Axis::kCrossing:
          labels = &layout.crossings;
          break;
        case Axis::kDyad:
          labels = &layout.dyads;
          break;
        case Axis::kGroup:
          labels = &layout.groups;
          break;
        default:
          break;
      }
      if (labels == nullptr) return;
      readers_[k].inner = labels->size();
      const auto it = std::find(labels->begin(), labels->end(), label);
      if (it == labels->end()) {
        problem = fmt::format("the series '{}' has a value per {} a day: name one as {}[LABEL]{}{}",
                              name, kAxisNames[static_cast<std::size_t>(f.dims[2])], name,
                              label.empty() ? "" : fmt::format("; '{}' is not one", label),
                              loader_detail::suggestion(
                                  label, *labels, kAxisNames[static_cast<std::size_t>(f.dims[2])]));
      } else {
        readers_[k].index = static_cast<std::size_t>(it - labels->begin());
      }
    });
    if (!found) {
      problem = fmt::format("no daily series '{}'{}", name,
                            loader_detail::suggestion(name, series_names, "series"));
    }
    if (!problem.empty()) problems.push_back(Problem{at.file, at.line, at.column, key, problem});
    // The window of days: dates against the scenario's start, or day numbers.
    const Scenario& sc = scenarios_[t.scenario].base.scenario;
    auto day_of = [&](const std::string& text, const SourceLocation& where, const char* which,
                      std::int64_t fallback) -> std::int64_t {
      if (text.empty()) return fallback;
      std::int64_t day = 0;
      if (const auto date = Date::parse(text)) {
        day = *date - sc.start_date;
      } else {
        try {
          std::size_t digits = 0;
          day = std::stoll(text, &digits);
          if (digits != text.size()) throw std::invalid_argument(text);
        } catch (const std::exception&) {
          problems.push_back(Problem{where.file, where.line, where.column,
                                     fmt::format("targets[{}].{}", k, which),
                                     fmt::format("expected a date (YYYY-MM-DD) or a day number, "
                                                 "got '{}'",
                                                 text)});
          return fallback;
        }
      }
      if (day < 0 || day >= sc.days) {
        problems.push_back(Problem{
            where.file, where.line, where.column, fmt::format("targets[{}].{}", k, which),
            fmt::format("'{}' is day {} of the scenario '{}', which runs days 0-{} ({} to {})",
                        text, day, spec_.scenarios[t.scenario].key, sc.days - 1,
                        sc.start_date.to_string(),
                        layout.dates.empty() ? "" : layout.dates.back())});
        return fallback;
      }
      return day;
    };
    readers_[k].first = day_of(t.from, t.from_origin, "from", 0);
    readers_[k].last = day_of(t.to, t.to_origin, "to", sc.days - 1);
    if (readers_[k].last < readers_[k].first) {
      problems.push_back(Problem{t.to_origin.file, t.to_origin.line, t.to_origin.column,
                                 fmt::format("targets[{}].to", k),
                                 fmt::format("'to' ({}) comes before 'from' ({})", t.to, t.from)});
    }
  }
  if (!problems.empty()) throw InputError(problems);

  HashBuilder h;
  h.add("flashpoint-calibration");
  h.add(kSoftwareVersion);
  h.add(static_cast<std::uint64_t>(kResultsFormatVersion));
  for (std::size_t s : used_) h.add(scenarios_[s].source.text());
  for (const auto& o : spec_.fixed) h.add(o.text);
  h.add(keep_level_name(keep_));
  h.add(journal_record_layout());
  h.add(user_.empty() || spec_.outcomes.empty() ? std::string() : user_[used_.front()].hash_text());
  h.add(static_cast<std::uint64_t>(spec_.replicates));
  h.add(master_seed_);
  // The priors, the targets and the settings: the evaluations kept for --resume depend on them
  // (a generation's own hash adds its proposals).
  auto number = [&](double v) { h.add(fmt::format("{}", v)); };
  for (std::size_t j = 0; j < ps.size(); ++j) {
    h.add(ps[j].path);
    h.add(static_cast<std::uint64_t>(ps[j].distribution));
    for (double v : {ps[j].low, ps[j].high, ps[j].mode, ps[j].sd}) number(v);
    for (std::size_t s : used_) h.add(spec_.applies[j][s] ? "set" : "-");
  }
  for (const auto& t : spec_.targets) {
    h.add(t.name);
    h.add(static_cast<std::uint64_t>(t.scenario));
    h.add(t.outcome);
    h.add(t.series ? fmt::format("series {} {} {}", day_statistic_name(t.days), t.from, t.to)
                   : std::string("outcome"));
    h.add(target_statistic_name(t.statistic));
    for (double v : {t.quantile, t.observed, t.scale}) number(v);
    h.add(t.at_least ? fmt::format("{}", *t.at_least) : std::string("-"));
    h.add(t.at_most ? fmt::format("{}", *t.at_most) : std::string("-"));
    h.add(t.standard_error ? "se" : "tolerance");
  }
  h.add(static_cast<std::uint64_t>(spec_.particles));
  h.add(static_cast<std::uint64_t>(spec_.generations));
  h.add(static_cast<std::uint64_t>(spec_.final_moves));
  for (double v : {spec_.tolerance, spec_.ess_fraction, spec_.resample_fraction, spec_.kernel_scale,
                   spec_.min_acceptance}) {
    number(v);
  }
  hash_ = h.value();
}

AbcSettings Calibration::settings() const {
  AbcSettings s;
  s.particles = spec_.particles;
  s.generations = spec_.generations;
  s.ess_fraction = spec_.ess_fraction;
  s.resample_fraction = spec_.resample_fraction;
  s.final_tolerance = spec_.tolerance;
  s.kernel_scale = spec_.kernel_scale;
  s.min_acceptance = spec_.min_acceptance;
  s.final_moves = spec_.final_moves;
  s.seed = mix64(master_seed_ ^ 0xCA11'B2A7'E000'0001ULL);
  return s;
}

std::int64_t Calibration::runs_per_generation() const {
  return static_cast<std::int64_t>(spec_.particles) * static_cast<std::int64_t>(used_.size()) *
         spec_.replicates;
}

std::vector<double> Calibration::values_of(const Eigen::MatrixXd& z, Eigen::Index row) const {
  std::vector<double> out(spec_.priors.parameters.size());
  for (std::size_t j = 0; j < out.size(); ++j) {
    out[j] = from_kernel(spec_.priors.parameters[j], z(row, static_cast<Eigen::Index>(j)));
  }
  return out;
}

ExperimentRuns Calibration::generation_runs(const AbcProposals& proposals) const {
  auto values = std::make_shared<std::vector<std::vector<double>>>();
  for (Eigen::Index k = 0; k < proposals.z.rows(); ++k)
    values->push_back(values_of(proposals.z, k));
  const auto scenarios = static_cast<std::int64_t>(used_.size());
  const std::int64_t reps = spec_.replicates;
  ExperimentRuns e;
  e.kind = "calibration";
  e.keep = keep_;
  e.base = &base(used_.front());
  e.runs = static_cast<std::int64_t>(values->size()) * scenarios * reps;
  e.plan = [seed = master_seed_, used = used_, scenarios, reps](std::int64_t run) {
    const auto s = static_cast<std::size_t>((run / reps) % scenarios);
    const auto r = run % reps;
    // Common random numbers: replicate r of a scenario has the same seed for every particle.
    return RunPlan{run, run_seed(seed, used[s], static_cast<std::uint64_t>(r)),
                   static_cast<std::int32_t>(r)};
  };
  e.variant = [reps](std::int64_t run) { return static_cast<std::size_t>(run / reps); };
  if (!spec_.outcomes.empty()) {
    e.finish_run = [this, scenarios, reps](RunResult& r) {
      const std::size_t s = used_[static_cast<std::size_t>((r.run / reps) % scenarios)];
      r.user_outcomes = user_[s].values(r);
    };
  }
  e.make_scenario = [this, values, scenarios](std::size_t variant) {
    const auto k = variant / static_cast<std::size_t>(scenarios);
    return this->variant(used_[variant % static_cast<std::size_t>(scenarios)], (*values)[k]);
  };
  HashBuilder h;
  h.add(hash_);
  h.add(static_cast<std::uint64_t>(proposals.generation));
  for (const auto& row : *values) {
    for (const auto& o : design_point_overrides(spec_.priors, row)) h.add(o.value);
  }
  e.hash = h.value();
  return e;
}

double Calibration::read(const CalibrationTarget& t, const Reader& reader, const RunResult& r,
                         const std::vector<double>& outcomes) const {
  if (!t.series) return outcomes[reader.column];
  double out = kNaN;
  for_each_field(r, [&](const FieldInfo& f, const auto& member) {
    using M = std::remove_cvref_t<decltype(member)>;
    if constexpr (IsVector<M>::value) {
      if (reader.field != f.name) return;
      const auto recorded = static_cast<std::int64_t>(member.size() / reader.inner);
      const std::int64_t first = reader.first;
      const std::int64_t last = std::min(reader.last, recorded - 1);
      if (last < first) return;
      const auto days = static_cast<std::size_t>(last - first + 1);
      auto at = [&](std::size_t d) {
        return static_cast<double>(
            member[(static_cast<std::size_t>(first) + d) * reader.inner + reader.index]);
      };
      switch (t.days) {
        case DayStatistic::kLast:
          out = at(days - 1);
          return;
        case DayStatistic::kMax:
        case DayStatistic::kMin: {
          double v = at(0);
          for (std::size_t d = 1; d < days; ++d) {
            v = t.days == DayStatistic::kMax ? std::max(v, at(d)) : std::min(v, at(d));
          }
          out = v;
          return;
        }
        case DayStatistic::kSum:
        case DayStatistic::kMean: {
          double sum = 0;
          for (std::size_t d = 0; d < days; ++d) sum += at(d);
          out = t.days == DayStatistic::kSum ? sum : sum / static_cast<double>(days);
          return;
        }
      }
    }
  });
  return out;
}

std::vector<AbcEvaluation> Calibration::evaluate(
    const AbcProposals& proposals,
    const std::function<void(const std::function<void(RunResult&&)>&)>& each_run) const {
  const std::size_t n = proposals.slots.size();
  const std::size_t scenarios = used_.size();
  const auto reps = static_cast<std::size_t>(spec_.replicates);
  const std::size_t targets = spec_.targets.size();
  // values[k][t][r]
  std::vector<std::vector<std::vector<double>>> values(
      n, std::vector<std::vector<double>>(targets, std::vector<double>(reps, kNaN)));
  std::vector<double> outcomes;
  each_run([&](RunResult&& r) {
    const auto run = static_cast<std::size_t>(r.run);
    const std::size_t k = run / (scenarios * reps);
    const std::size_t s = used_[(run / reps) % scenarios];
    const std::size_t rep = run % reps;
    outcome_values(r, scenarios_[s].layout, outcomes);
    for (std::size_t t = 0; t < targets; ++t) {
      if (spec_.targets[t].scenario != s) continue;
      values[k][t][rep] = read(spec_.targets[t], readers_[t], r, outcomes);
    }
  });
  std::vector<AbcEvaluation> out(n);
  for (std::size_t k = 0; k < n; ++k) {
    out[k].statistics.resize(targets);
    for (std::size_t t = 0; t < targets; ++t) {
      out[k].statistics[t] = target_statistic(spec_.targets[t], std::move(values[k][t]));
    }
    out[k].distance = target_distance(spec_.targets, out[k].statistics);
  }
  return out;
}

namespace {

/// Writes the calibration's results file: provenance, /calibration (every generation) and
/// /posterior (the last population and its summary).
std::uintmax_t write_calibration_file(const Calibration& c, const AbcSmc& abc,
                                      const std::string& output, const std::string& command_line,
                                      const std::string& stop_reason) {
  const CalibrationSpec& spec = c.spec();
  ExperimentRuns e;
  e.kind = "calibration";
  e.runs = 0;
  e.hash = c.hash();
  const Scenario& base = c.base(c.used().front());
  const auto writer = open_experiment_writer(output, base, e, command_line, c.master_seed(),
                                             spec.name, spec.path, spec.text);
  const auto& pops = abc.populations();
  const std::size_t g_count = pops.size();
  const auto n = static_cast<std::size_t>(spec.particles);
  const std::size_t p_count = spec.priors.parameters.size();
  const std::size_t t_count = spec.targets.size();
  std::vector<std::string> parameters, targets, scenario_of, statistic_of;
  for (const auto& p : spec.priors.parameters) parameters.push_back(p.path);
  for (const auto& t : spec.targets) {
    targets.push_back(t.name);
    scenario_of.push_back(spec.scenarios[t.scenario].key);
    statistic_of.push_back(
        t.statistic == TargetStatistic::kQuantile
            ? fmt::format("quantile {} of {}", t.quantile, t.outcome)
            : fmt::format(
                  "{} of {}{}", target_statistic_name(t.statistic), t.outcome,
                  t.series ? fmt::format(" ({} over the days)", day_statistic_name(t.days)) : ""));
  }
  auto join = [](const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : "; ") + x;
    return s;
  };
  const AbcSettings st = abc.settings();
  std::string distributions;
  for (const auto& p : spec.priors.parameters) {
    static constexpr const char* kNames[] = {"uniform", "log_uniform", "triangular",
                                             "normal",  "levels",      "integers"};
    distributions += (distributions.empty() ? "" : ",");
    distributions += kNames[static_cast<int>(p.distribution)];
  }

  TableGroup g;
  g.name = "calibration";
  g.attributes = {
      {"method", "ABC-SMC with an adaptive tolerance (Del Moral, Doucet & Jasra 2012)"},
      {"distance",
       "sqrt(mean over targets of ((statistic - observed) / tolerance)^2); statistics over each "
       "particle's replicates, on common random numbers"},
      {"particles", std::to_string(spec.particles)},
      {"replicates", std::to_string(spec.replicates)},
      {"generations", std::to_string(g_count)},
      {"max_generations", std::to_string(spec.generations)},
      {"final_tolerance", fmt::format("{}", st.final_tolerance)},
      {"ess_fraction", fmt::format("{}", st.ess_fraction)},
      {"resample_fraction", fmt::format("{}", st.resample_fraction)},
      {"kernel_scale", fmt::format("{}", abc.kernel_scale())},
      {"min_acceptance", fmt::format("{}", st.min_acceptance)},
      {"final_moves", std::to_string(st.final_moves)},
      {"stop_reason", stop_reason},
      {"master_seed", std::to_string(c.master_seed())},
      {"target_scenarios", join(scenario_of)},
      {"distributions", distributions},
      {"target_statistics", join(statistic_of)},
  };
  g.coordinates = {{"generation", {}, g_count},
                   {"particle", {}, n},
                   {"parameter", parameters, p_count},
                   {"target", targets, t_count}};
  auto var = [](const char* name, std::vector<std::string> dims, const char* long_name,
                const char* units) {
    return TableGroup::Variable{name, std::move(dims), {}, long_name, units};
  };
  auto tol =
      var("tolerance", {"generation"}, "tolerance of the generation (normalised distance)", "1");
  auto ess = var("ess", {"generation"}, "effective sample size of the weights", "1");
  auto acc = var("acceptance", {"generation"}, "share of the moves accepted", "1");
  auto sim =
      var("simulated", {"generation"}, "particles simulated (proposals inside the prior)", "1");
  auto res = var("resampled", {"generation"}, "1 when the population was resampled", "1");
  auto val = var("values", {"generation", "particle", "parameter"}, "parameter values", "");
  auto wts = var("weights", {"generation", "particle"}, "normalised importance weights", "1");
  auto dis = var("distances", {"generation", "particle"}, "distance to the observed targets", "1");
  auto sts = var("statistics", {"generation", "particle", "target"},
                 "each target's statistic over the particle's replicates", "");
  auto obs = var("observed", {"target"}, "observed value of the target", "");
  auto sca = var("scale", {"target"}, "the target's tolerance or standard error", "");
  for (std::size_t gi = 0; gi < g_count; ++gi) {
    const AbcPopulation& pop = pops[gi];
    tol.values.push_back(gi == 0 ? kInfinity : pop.tolerance);
    ess.values.push_back(pop.ess);
    acc.values.push_back(pop.acceptance);
    sim.values.push_back(static_cast<double>(pop.simulated));
    res.values.push_back(pop.resampled ? 1 : 0);
    for (std::size_t i = 0; i < n; ++i) {
      const auto v = abc.values(gi, i);
      val.values.insert(val.values.end(), v.begin(), v.end());
      wts.values.push_back(pop.weights[i]);
      dis.values.push_back(pop.distances[i]);
      for (std::size_t t = 0; t < t_count; ++t) {
        sts.values.push_back(t < pop.statistics[i].size() ? pop.statistics[i][t] : kNaN);
      }
    }
  }
  for (const auto& t : spec.targets) {
    obs.values.push_back(t.observed);
    sca.values.push_back(t.scale);
  }
  g.variables = {tol, ess, acc, sim, res, val, wts, dis, sts, obs, sca};
  writer->write_group(g);

  const PosteriorSummary s = summarise_posterior(abc);
  TableGroup post;
  post.name = "posterior";
  std::string scenario_names, scenario_files;
  for (std::size_t s_index : c.used()) {
    scenario_names += (scenario_names.empty() ? "" : "; ") + c.base(s_index).name;
    scenario_files += (scenario_files.empty() ? "" : "; ") + spec.scenarios[s_index].path;
  }
  // Per parameter, the names of the scenarios it was set on ("a,b; c"): an experiment over the
  // posterior sets a parameter only on those (draw_from_posterior).
  std::string parameter_scenarios;
  for (std::size_t j = 0; j < p_count; ++j) {
    std::string names;
    for (std::size_t s_index : c.used()) {
      if (spec.applies[j][s_index]) names += (names.empty() ? "" : ",") + c.base(s_index).name;
    }
    parameter_scenarios += (j == 0 ? "" : "; ") + names;
  }
  post.attributes = {{"generation", std::to_string(g_count - 1)},
                     {"scenario_names", scenario_names},
                     {"parameter_scenarios", parameter_scenarios},
                     {"scenario_files", scenario_files},
                     {"tolerance", fmt::format("{}", s.tolerance)},
                     {"ess", fmt::format("{}", s.ess)},
                     {"distinct_particles", std::to_string(s.unique)},
                     {"particles", std::to_string(n)},
                     {"stop_reason", stop_reason},
                     {"note",
                      "the particles of the last generation with their weights: draw from them "
                      "in proportion to the weights (sweep or compare: parameters: "
                      "{from_posterior: FILE})"}};
  post.coordinates = {{"particle", {}, n}, {"parameter", parameters, p_count}};
  auto pv = var("values", {"particle", "parameter"}, "parameter values", "");
  auto pw = var("weights", {"particle"}, "normalised weights", "1");
  auto pd = var("distances", {"particle"}, "distance to the observed targets", "1");
  const AbcPopulation& last = pops.back();
  for (std::size_t i = 0; i < n; ++i) {
    const auto v = abc.values(g_count - 1, i);
    pv.values.insert(pv.values.end(), v.begin(), v.end());
    pw.values.push_back(last.weights[i]);
    pd.values.push_back(last.distances[i]);
  }
  auto summary = [&](const char* name, const std::vector<double>& v, const char* long_name) {
    auto x = var(name, {"parameter"}, long_name, "");
    x.values = v;
    return x;
  };
  auto lo = var("low", {"parameter"}, "lower end of the prior", "");
  auto hi = var("high", {"parameter"}, "upper end of the prior", "");
  for (const auto& p : spec.priors.parameters) {
    lo.values.push_back(p.low);
    hi.values.push_back(p.high);
  }
  post.variables = {pv,
                    pw,
                    pd,
                    summary("mean", s.mean, "posterior mean"),
                    summary("sd", s.sd, "posterior standard deviation"),
                    summary("q05", s.q05, "posterior 5% quantile"),
                    summary("q50", s.q50, "posterior median"),
                    summary("q95", s.q95, "posterior 95% quantile"),
                    lo,
                    hi};
  writer->write_group(post);
  writer->write_group(results_geography(base));
  writer->finish();
  std::error_code ec;
  return fs::file_size(output, ec);
}

}  // namespace

CalibrateReport run_calibration(const Calibration& c, AbcSmc& abc, const ExecuteOptions& o,
                                Communicator& comm, const std::string& command_line,
                                const GenerationLog& log) {
  const auto t0 = std::chrono::steady_clock::now();
  CalibrateReport report;
  const std::string root = parts_dir_of(o.output);
  auto agree = [&comm](std::exception_ptr& failure) {
    const bool ok = comm.all_ok(!failure);
    if (failure) std::rethrow_exception(failure);
    if (!ok) throw OutputError("another rank stopped; its message says why");
  };
  const bool sharded = o.shards > 1;
  const std::string own_prefix =
      sharded ? fmt::format("shard{}of{}", o.shard + 1, o.shards) : std::string();

  // The folder OUT.parts: a generation's journals while it runs (genNNN.parts) and the
  // evaluations of every finished generation (genNNN.evaluations), from which --resume replays
  // them. --force deletes what an earlier start left (a shard: its own journals only); without
  // --resume, an earlier start is refused.
  std::exception_ptr failure;
  if (comm.rank() == 0) {
    try {
      struct stat st {};
      if (::lstat(root.c_str(), &st) == 0) {
        prepare_parts_dir(root, o.output);  // refuses a folder flashpoint did not make
        const auto folders = generation_folders(root);
        const auto evaluations = evaluation_files(root);
        // Journals at the top are a sweep's or a comparison's to this output: theirs to
        // resume, or --force's to delete.
        if (holds_journals(root) && !(o.force && !o.resume)) {
          throw InputError(Problem{
              o.output, 0, 0, "",
              fmt::format("{} holds the journals of an unfinished sweep or comparison to this "
                          "output: finish it, write the calibration to another output, or pass "
                          "--force to delete them",
                          root)});
        }
        if (o.force && !o.resume) {
          for (const auto& f : folders) {
            if (!sharded) {
              remove_parts(f);
              continue;
            }
            std::error_code ec;
            for (const auto& entry : fs::directory_iterator(f, ec)) {
              const std::string name = entry.path().filename().string();
              if ((name.starts_with(own_prefix + ".") || name.starts_with(own_prefix + "-")) &&
                  name.ends_with(".journal")) {
                ::unlink(entry.path().c_str());
              }
            }
          }
          if (!sharded) {
            for (const auto& f : evaluations) ::unlink(f.c_str());
            remove_parts(root);  // and a sweep's journals at the top (made again below)
          }
        } else if (!o.resume) {
          std::size_t started = sharded ? 0 : evaluations.size();
          for (const auto& f : folders) started += holds_journals(f, own_prefix) ? 1 : 0;
          if (started > 0) {
            throw InputError(Problem{
                o.output, 0, 0, "",
                fmt::format("an unfinished calibration to this file was started before ({} "
                            "holds what {} generation{} left): pass --resume to finish it, or "
                            "--force to start again",
                            root, started, started == 1 ? "" : "s")});
          }
        }
      }
      prepare_parts_dir(root, o.output);
    } catch (...) {
      failure = std::current_exception();
    }
  }
  agree(failure);

  for (;;) {
    const AbcProposals proposals = abc.propose();
    if (abc.finished()) break;
    const int g = proposals.generation;
    const ExperimentRuns e = c.generation_runs(proposals);
    const std::string kept = evaluations_path(root, g);
    std::optional<std::vector<AbcEvaluation>> evaluations;
    try {
      evaluations = read_evaluations(kept, e.hash, proposals.slots.size(), c.spec().targets.size(),
                                     o.force && !o.resume);
    } catch (...) {
      failure = std::current_exception();
    }
    agree(failure);
    // Every rank decides alike: a rank that cannot see the file runs the generation with all.
    const bool replay = comm.all_ok(evaluations.has_value());
    if (!replay) {
      ExecuteOptions go = o;
      go.output = generation_output(root, g);
      go.resume = true;  // the start was checked above: what is there is this calibration's
      go.force = false;
      if (o.max_hours > 0) {  // the limit is the whole calibration's, not each generation's
        const double used =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() / 3600;
        if (!comm.all_ok(used < o.max_hours)) {
          report.time_limit = true;
          break;
        }
        go.max_hours = o.max_hours - used;
      }
      const std::string dir = parts_dir_of(go.output);
      // The generation's reports under its own name; the waits below report as a stage of
      // their own.
      const std::string stage = fmt::format("calibration generation {}", g);
      if (o.on_progress) {
        go.on_progress = [&o, &stage](const ProgressUpdate& u) {
          ProgressUpdate named = u;
          named.stage = stage;
          o.on_progress(named);
        };
      }
      if (e.runs > 0) {
        const ExecuteReport r = execute(e, go, comm);
        report.ran += r.ran;
        report.threads = std::max(report.threads, r.threads);
        if (r.interrupted || r.time_limit) {
          report.interrupted = r.interrupted;
          report.time_limit = r.time_limit;
          break;
        }
        // The other shards' runs of the generation: wait for them (every shard replays the
        // same generations, so each goes on with the same population).
        // A report function that throws Interrupted stops the wait as a signal does.
        std::optional<ProgressMeter> waiting;
        bool stop = false;
        for (;;) {
          bool done = false;
          std::int64_t present = 0;
          try {
            present = journaled_runs(dir, e);
            done = present == e.runs;
          } catch (...) {
            failure = std::current_exception();
          }
          agree(failure);
          if (comm.all_ok(done)) break;
          if (comm.rank() == 0 && !stop) {
            try {
              if (!waiting) {
                waiting.emplace(o.on_progress, stage + " (waiting for the other shards)", e.runs,
                                present);
                waiting->start();
              }
              waiting->set_done(present);
            } catch (const Interrupted&) {
              stop = true;
            }
          }
          if (!comm.all_ok(!interrupt_requested() && !stop)) {
            report.interrupted = true;
            break;
          }
          std::this_thread::sleep_for(kShardPoll);
        }
        if (waiting && !stop) {
          try {
            if (!report.interrupted) waiting->set_done(e.runs);
            waiting->finish();
          } catch (const Interrupted&) {
            stop = true;
          }
        }
        if (!comm.all_ok(!stop)) report.interrupted = true;
        if (report.interrupted) break;
      }
      try {
        evaluations = c.evaluate(proposals, [&](const std::function<void(RunResult &&)>& sink) {
          if (e.runs > 0) for_each_journaled_run(dir, e, sink);
        });
        // Kept before the journals go: a process killed between the two replays this
        // generation from the file, or runs nothing again from the journals.
        if (comm.rank() == 0 && o.shard == 0) {
          write_output_file(kept, encode_evaluations(e.hash, *evaluations), true);
        }
      } catch (...) {
        failure = std::current_exception();
      }
      agree(failure);  // every rank has read the journals
      if (comm.rank() == 0 && !sharded) remove_parts(dir);
    }
    abc.absorb(proposals, *evaluations);
    report.runs += e.runs;
    report.generations = g + 1;
    if (log && comm.rank() == 0) log(abc.populations().back(), g);
  }
  report.stop_reason = abc.stop_reason();
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!abc.finished()) return report;

  // Rank 0 of an unsharded calibration writes the file and deletes the evaluations. Shards keep
  // them: `--resume` without --shard then writes the file from them.
  if (sharded) return report;
  if (comm.rank() == 0) {
    try {
      report.file_bytes =
          write_calibration_file(c, abc, o.output, command_line, report.stop_reason);
    } catch (...) {
      failure = std::current_exception();
    }
  }
  agree(failure);
  if (comm.rank() == 0) {
    for (const auto& f : generation_folders(root)) remove_parts(f);
    for (const auto& f : evaluation_files(root)) ::unlink(f.c_str());
    remove_parts(root);
  }
  report.complete = true;
  return report;
}

void draw_from_posterior(DesignSpec& ds, const Scenario& base, std::uint64_t seed) {
  if (ds.posterior_path.empty()) return;
  const SourceLocation& at = ds.posterior_origin;
  auto refuse = [&](const std::string& message) {
    throw InputError(Problem{at.file, at.line, at.column, "from_posterior", message});
  };
  TableGroupSpec want;
  want.labelled = {"parameter"};
  want.variables = {{"values", {"particle", "parameter"}}, {"weights", {"particle"}}};
  std::optional<TableGroup> g;
  try {
    g = read_table_group(ds.posterior_path, "posterior", want);
  } catch (const InputError& e) {
    refuse(e.problems().empty() ? ds.posterior_path : e.problems().front().format());
  }
  auto attribute = [&](const std::string& name) {
    for (const auto& [k, v] : g->attributes) {
      if (k == name) return v;
    }
    return std::string();
  };
  const std::vector<double>* values = nullptr;
  const std::vector<double>* weights = nullptr;
  std::vector<std::string> paths;
  if (g) {
    for (const auto& v : g->variables) {
      if (v.name == "values") values = &v.values;
      if (v.name == "weights") weights = &v.values;
    }
    for (const auto& c : g->coordinates) {
      if (c.name == "parameter") paths = c.labels;
    }
  }
  if (!g || values == nullptr || weights == nullptr || paths.empty() ||
      attribute("scenario_names").empty()) {
    refuse(
        fmt::format("{} holds no posterior of a calibration (/posterior with values, weights "
                    "and the scenarios it was calibrated on): give the results file of "
                    "flashpoint calibrate",
                    ds.posterior_path));
  }
  std::vector<std::string> names;
  for (std::string rest = attribute("scenario_names"); !rest.empty();) {
    const auto cut = rest.find("; ");
    names.push_back(rest.substr(0, cut));
    rest = cut == std::string::npos ? "" : rest.substr(cut + 2);
  }
  if (!ds.posterior_out_of_sample &&
      std::find(names.begin(), names.end(), base.name) == names.end()) {
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "'" : ", '") + n + "'";
    refuse(
        fmt::format("the posterior in {} was calibrated on the scenario{} {}, not on '{}': "
                    "its parameter values belong to those (write out_of_sample: true beside "
                    "from_posterior to carry it to this scenario on purpose)",
                    ds.posterior_path, names.size() == 1 ? "" : "s", list, base.name));
  }
  // The parameters set on this scenario (all of them out of sample): a parameter calibrated
  // only on some scenarios keeps the others' own values.
  std::vector<bool> keep(paths.size(), true);
  const std::string per = attribute("parameter_scenarios");
  if (!ds.posterior_out_of_sample && !per.empty()) {
    std::size_t j = 0;
    for (std::string rest = per; j < keep.size(); ++j) {
      const auto cut = rest.find("; ");
      const std::string list = "," + rest.substr(0, cut) + ",";
      keep[j] = list.find("," + base.name + ",") != std::string::npos;
      rest = cut == std::string::npos ? "" : rest.substr(cut + 2);
    }
  }
  const std::size_t p_all = paths.size();
  double total = 0;
  for (double w : *weights) {
    if (!(w >= 0) || !std::isfinite(w))
      refuse(fmt::format("{}: a weight of /posterior is {}", ds.posterior_path, w));
    total += w;
  }
  if (!(total > 0))
    refuse(fmt::format("{}: the weights of /posterior are all 0", ds.posterior_path));
  Engine e(seed);
  const double u = boost::random::uniform_01<double>()(e);
  // N draws by systematic resampling of the n particles (N may exceed n).
  ds.csv_values.clear();
  for (const std::size_t i : systematic_resample(*weights, u, ds.posterior_draws)) {
    std::vector<double> row;
    for (std::size_t j = 0; j < p_all; ++j) {
      if (keep[j]) row.push_back((*values)[i * p_all + j]);
    }
    ds.csv_values.push_back(std::move(row));
  }
  ds.parameters.clear();
  for (std::size_t j = 0, kept = 0; j < p_all; ++j) {
    if (!keep[j]) continue;
    UncertainParameter p;
    p.path = paths[j];
    p.low = p.high = ds.csv_values.front()[kept];
    for (const auto& row : ds.csv_values) {
      p.low = std::min(p.low, row[kept]);
      p.high = std::max(p.high, row[kept]);
    }
    ds.parameters.push_back(std::move(p));
    ++kept;
  }
  if (ds.parameters.empty()) {
    refuse(fmt::format("no parameter of the posterior in {} was calibrated on the scenario '{}'",
                       ds.posterior_path, base.name));
  }
  ds.origins.assign(ds.parameters.size(), at);
}

std::string stop_reason_text(const std::string& reason) {
  if (reason == "tolerance") return "the final tolerance was reached";
  if (reason == "generations") return "the last generation";
  if (reason == "acceptance") return "too few moves accepted";
  return reason;
}

double estimate_calibration_run(const Calibration& c) {
  AbcProposals one;
  const auto& ps = c.spec().priors.parameters;
  one.z.resize(1, static_cast<Eigen::Index>(ps.size()));
  for (std::size_t j = 0; j < ps.size(); ++j) {
    one.z(0, static_cast<Eigen::Index>(j)) = to_kernel(ps[j], ps[j].value_at(0.5));
  }
  one.slots = {0};
  const ExperimentRuns e = c.generation_runs(one);
  const auto reps = static_cast<std::int64_t>(c.spec().replicates);
  const auto t0 = std::chrono::steady_clock::now();
  int n = 0;
  for (std::size_t s = 0; s < c.used().size(); ++s) {
    const Scenario sc = e.make_scenario(s);
    for (std::int64_t r = 0; r < std::min<std::int64_t>(2, reps); ++r, ++n) {
      (void)simulate(sc, e.plan(static_cast<std::int64_t>(s) * reps + r), false);
    }
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() / n;
}

double weighted_quantile(std::vector<std::pair<double, double>> value_weight, double q) {
  std::erase_if(value_weight, [](const auto& vw) { return !(vw.second > 0); });
  if (value_weight.empty()) return kNaN;
  std::sort(value_weight.begin(), value_weight.end());
  double total = 0;
  for (const auto& [v, w] : value_weight) total += w;
  // The mid-point of each value's mass: F_i = (cumulative before + w_i / 2) / total.
  double before = 0, prev_f = 0, prev_v = value_weight.front().first;
  for (std::size_t i = 0; i < value_weight.size(); ++i) {
    const auto& [v, w] = value_weight[i];
    const double f = (before + w / 2) / total;
    if (q <= f) {
      if (i == 0) return v;
      return prev_v + (v - prev_v) * (q - prev_f) / (f - prev_f);
    }
    before += w;
    prev_f = f;
    prev_v = v;
  }
  return value_weight.back().first;
}

PosteriorSummary summarise_posterior(const AbcSmc& abc) {
  PosteriorSummary s;
  const auto& pops = abc.populations();
  if (pops.empty()) return s;
  const std::size_t g = pops.size() - 1;
  const AbcPopulation& last = pops.back();
  const std::size_t n = last.weights.size();
  s.particles = n;
  s.ess = effective_sample_size(last.weights);
  s.tolerance = last.tolerance;
  std::set<std::vector<double>> distinct;
  for (std::size_t i = 0; i < n; ++i) {
    if (last.weights[i] > 0) distinct.insert(abc.values(g, i));
  }
  s.unique = distinct.size();
  for (std::size_t j = 0; j < abc.priors().size(); ++j) {
    s.parameters.push_back(abc.priors()[j].path);
    std::vector<std::pair<double, double>> vw;
    double sw = 0, m = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const double v = abc.values(g, i)[j];
      vw.emplace_back(v, last.weights[i]);
      m += last.weights[i] * v;
      sw += last.weights[i];
    }
    m /= sw;
    double var = 0;
    for (const auto& [v, w] : vw) var += w * (v - m) * (v - m);
    s.mean.push_back(m);
    s.sd.push_back(std::sqrt(var / sw));
    s.q05.push_back(weighted_quantile(vw, 0.05));
    s.q50.push_back(weighted_quantile(vw, 0.5));
    s.q95.push_back(weighted_quantile(vw, 0.95));
  }
  return s;
}

std::string format_posterior(const PosteriorSummary& s) {
  std::size_t width = 9;
  for (const auto& p : s.parameters) width = std::max(width, p.size());
  std::string out = fmt::format(
      "posterior: {} particles ({} distinct), effective sample size {:.1f}, "
      "tolerance {:.3g}\n",
      s.particles, s.unique, s.ess, s.tolerance);
  out += fmt::format("  {:<{}}  {:>10}  {:>10}  {:>24}\n", "parameter", width, "mean", "sd",
                     "median [5-95%]");
  for (std::size_t j = 0; j < s.parameters.size(); ++j) {
    out +=
        fmt::format("  {:<{}}  {:>10.4g}  {:>10.3g}  {:>24}\n", s.parameters[j], width, s.mean[j],
                    s.sd[j], fmt::format("{:.4g} [{:.4g}, {:.4g}]", s.q50[j], s.q05[j], s.q95[j]));
  }
  return out;
}

}  // namespace flashpoint
