#pragma once
// What sweep and comparison files say (docs/experiments.md), as plain validated data: the
// scenario layer reads them (experiment_loader.cpp, experiment_design_loader.cpp, the only places
// that see their YAML) and the experiment layer carries them out (sweep.cpp, compare.cpp; the
// designs' points in experiment/design.hpp). Below both, so that neither includes the other.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scenario/loader.hpp"

namespace flashpoint {

/// How an uncertain parameter's unit-interval coordinate u maps to a value.
enum class Distribution {
  kUniform,     ///< low + u (high - low)
  kLogUniform,  ///< exp(log low + u (log high - log low)); low > 0
  kTriangular,  ///< on [low, high] with mode `mode`
  kNormal,      ///< mean `mode`, standard deviation `sd`, cut to [low, high]
  kLevels,      ///< one of `levels`, u split into equal parts
  kInteger,     ///< whole numbers low..high, u split into equal parts
};

struct UncertainParameter {
  std::string path;  ///< dotted scenario path, as for --set: "actors.NTH.rationality"
  Distribution distribution = Distribution::kUniform;
  double low = 0, high = 1;
  double mode = 0, sd = 0;
  std::vector<double> levels;
  /// A calibration's parameter: the keys of the scenarios it is set on (empty: every one).
  std::vector<std::string> scenarios;
  /// The value at unit coordinate u in [0,1). u = 1 (the top of a Morris grid) gives the top value.
  /// The mapping belongs to the designs: defined in experiment/design.cpp.
  [[nodiscard]] double value_at(double u) const;
};

enum class DesignKind { kGrid, kRandom, kLatinHypercube, kSobol, kMorris, kExternal };

/// The most Sobol dimensions a design may use (Boost's table goes further; 256 keeps Saltelli
/// designs to 128 parameters).
inline constexpr std::size_t kSobolMaxDimension = 256;

/// A user threshold on one outcome: the option meets it in a scenario when value <= max (if
/// has_max) and value >= min (if has_min).
struct Threshold {
  std::string outcome;
  bool has_min = false, has_max = false;
  double min = 0, max = 0;
};

/// What a sweep or comparison keeps of each run, from least to most.
enum class KeepLevel {
  kOutcomes,  ///< per-run outcomes only
  kSeries,    ///< outcomes and the daily series
  kEvents,    ///< outcomes, daily series and the event table
};

[[nodiscard]] const char* keep_level_name(KeepLevel k);

/// A place in an input file, for problems found after loading (e.g. an outcome name that the
/// scenario's layout does not have).
struct SourceLocation {
  std::string file;
  int line = 0, column = 0;
};

/// A user-defined outcome (`outcomes:` of a sweep, comparison or calibration file;
/// docs/experiments.md, "Your own outcomes"): NAME -> an expression over the built-in outcomes and
/// reductions of the daily series, compiled against a scenario by experiment/user_outcomes.hpp.
struct OutcomeDefinition {
  std::string name;
  std::string expression;
  std::string units;
  std::string description;
  SourceLocation origin;  ///< where the expression was written
};

/// Uncertain parameters and the design that samples them.
struct DesignSpec {
  std::vector<UncertainParameter> parameters;  ///< for kExternal: paths only
  std::vector<SourceLocation> origins;         ///< where each parameter was declared
  DesignKind kind = DesignKind::kLatinHypercube;
  std::size_t samples = 0;  ///< random/LHS points, Sobol base samples, Morris trajectories
  int levels = 0;           ///< grid levels per continuous parameter; Morris grid levels
  std::string csv_path;     ///< kExternal: the CSV file, resolved
  std::vector<std::vector<double>> csv_values;  ///< kExternal: [point][parameter]
  /// `parameters: {from_posterior: FILE, draws: N}`: the points are N draws from a
  /// calibration's posterior (kExternal; the experiment layer reads the file and fills the
  /// parameters and values: experiment/calibrate.hpp, draw_from_posterior).
  std::string posterior_path;  ///< resolved; empty when the design is not drawn from one
  std::size_t posterior_draws = 0;
  /// `out_of_sample: true`: the experiment's scenario need not be one the posterior was
  /// calibrated on (a posterior carried to another case on purpose).
  bool posterior_out_of_sample = false;
  SourceLocation posterior_origin;
};

[[nodiscard]] const char* design_kind_name(DesignKind k);

/// A sweep file.
struct SweepSpec {
  std::string path;  ///< the sweep file
  std::string text;  ///< its text, verbatim (provenance and the design hash)
  std::string name;
  std::string scenario_path;       ///< resolved against the sweep file's folder
  SourceLocation scenario_origin;  ///< where `scenario:` was written
  std::vector<Override> fixed;     ///< `set:` overrides applied to every run
  DesignSpec design;
  int replicates = 1;
  std::uint64_t seed = 0;  ///< master seed (the scenario's seed unless has_seed)
  bool has_seed = false;
  KeepLevel keep = KeepLevel::kOutcomes;
  int bootstrap = 1000;                     ///< Sobol bootstrap resamples
  double confidence = 0.95;                 ///< level of Sobol and comparison intervals
  std::vector<OutcomeDefinition> outcomes;  ///< `outcomes:`, in file order
};

/// One policy option of a comparison: overrides and added policies.
struct PolicyOption {
  std::string name;
  std::string description;
  std::vector<Override> overrides;  ///< `set:` entries, then `policies:` items (append)
  SourceLocation origin;
  std::vector<std::size_t> lever_levels;  ///< generated options: [lever] the level; else empty
};

/// The outcome that ranks options (and from which regret is computed).
struct RankBy {
  std::string outcome = "fatalities_all";
  bool lower_is_better = true;
  SourceLocation origin;
};

/// Settings of the robustness measures (`robustness:` of a comparison file).
struct RobustnessSettings {
  double hurwicz_alpha = 0.5;  ///< weight of the best case in the Hurwicz criterion, in [0, 1]
  double percentile = 0.9;     ///< the worse-side percentile, in [0.5, 1)
};

/// One lever of a comparison's `levers:` (docs/experiments.md, "Exploring levers"): a scenario
/// path and the values it takes; the comparison's generated options are every combination.
struct Lever {
  std::string name;                 ///< short name, used in the generated options' names
  std::string path;                 ///< dotted scenario path, as in `set:`
  std::vector<std::string> levels;  ///< each value as YAML text ("2", "true", "{...}")
  std::vector<double> numeric;      ///< [level] the value as a number (true 1, false 0), or NaN
  SourceLocation origin;
};

/// A comparison file.
struct CompareSpec {
  std::string path;
  std::string text;
  std::string name;
  std::string scenario_path;
  SourceLocation scenario_origin;
  std::vector<Override> fixed;
  std::vector<PolicyOption> options;
  std::size_t status_quo = 0;  ///< index into options
  int replicates = 100;
  std::uint64_t seed = 0;  ///< master seed (the scenario's seed unless has_seed)
  bool has_seed = false;
  KeepLevel keep = KeepLevel::kOutcomes;
  std::optional<DesignSpec> ensemble;  ///< uncertain scenarios; none = the base scenario only
  std::vector<Threshold> thresholds;
  std::vector<SourceLocation> threshold_origins;
  RankBy rank_by;
  double confidence = 0.95;
  std::vector<OutcomeDefinition> outcomes;  ///< `outcomes:`, in file order
  RobustnessSettings robustness;
  /// `pareto:` the objectives of the non-dominated options (empty: no Pareto front).
  std::vector<RankBy> pareto;
  /// `levers:` the options generated from them follow the written options in `options`.
  std::vector<Lever> levers;
  std::size_t written_options = 0;  ///< how many options were written out (the rest generated)
};

/// The statistic of a calibration target over a particle's replicates.
enum class TargetStatistic { kMedian, kMean, kShare, kQuantile };
/// How a daily series becomes one number per run.
enum class DayStatistic { kMean, kSum, kMax, kMin, kLast };

[[nodiscard]] const char* target_statistic_name(TargetStatistic s);
[[nodiscard]] const char* day_statistic_name(DayStatistic s);

/// One observed figure a calibration fits (docs/calibration.md, "Targets").
struct CalibrationTarget {
  std::string name;
  std::size_t scenario = 0;  ///< index into CalibrationSpec::scenarios
  /// An outcome of `run` (outcome_columns), or a daily series of /runs when `series` is set:
  /// NAME or NAME[LABEL] (e.g. fatalities[NTH.forces]), reduced per run by `days`.
  std::string outcome;
  bool series = false;
  DayStatistic days = DayStatistic::kSum;
  /// Series targets: the first and last day counted (a date YYYY-MM-DD or a day number; empty:
  /// the first or last day of the run), resolved against the scenario by the experiment layer.
  std::string from, to;
  SourceLocation from_origin, to_origin;
  TargetStatistic statistic = TargetStatistic::kMedian;
  double quantile = 0.5;  ///< kQuantile
  /// kShare: the share of replicates whose value is present and >= at_least / <= at_most (with
  /// neither: present and not 0).
  std::optional<double> at_least, at_most;
  double observed = 0;
  double scale = 1;             ///< the tolerance, or the standard error
  bool standard_error = false;  ///< `se:` rather than `tolerance:`
  std::string source;
  SourceLocation origin;          ///< the target's entry
  SourceLocation outcome_origin;  ///< its `outcome:` or `series:`
};

/// A scenario a calibration's targets are measured on.
struct CalibrationScenario {
  std::string key;   ///< the name targets use
  std::string path;  ///< resolved against the calibration file's folder
  SourceLocation origin;
};

/// A calibration file (kind: calibration).
struct CalibrationSpec {
  std::string path;
  std::string text;
  std::string name;
  std::vector<CalibrationScenario> scenarios;
  std::vector<Override> fixed;             ///< `set:`, applied to every scenario
  DesignSpec priors;                       ///< the parameters and their priors (no design)
  std::vector<std::vector<bool>> applies;  ///< [parameter][scenario]: set on that scenario
  std::vector<CalibrationTarget> targets;
  int particles = 100;
  int generations = 10;
  int replicates = 10;
  double tolerance = 1.0;  ///< the final tolerance (of the normalised distance)
  double ess_fraction = 0.5;
  double resample_fraction = 0.5;
  double kernel_scale = 0;  ///< 0: 2.38^2 / parameters
  double min_acceptance = 0.02;
  int final_moves = 2;  ///< generations of moves at the final tolerance after reaching it
  std::uint64_t seed = 0;
  bool has_seed = false;
  std::vector<OutcomeDefinition> outcomes;  ///< `outcomes:`, in file order
};

/// Reads and validates a calibration file; throws InputError with every problem, located.
[[nodiscard]] CalibrationSpec load_calibration(const std::string& path);

/// Reads and validates a sweep file; throws InputError with every problem, located.
[[nodiscard]] SweepSpec load_sweep(const std::string& path);
/// Reads and validates a comparison file; throws InputError with every problem, located.
[[nodiscard]] CompareSpec load_comparison(const std::string& path);

/// The file's top-level `kind` ("sweep", "comparison", or whatever else is written there, "?"
/// when it is not text), or "" when it has none (a scenario) or is not YAML at all. A file that
/// cannot be read (missing, not a regular file, over kMaxInputBytes) is an InputError.
[[nodiscard]] std::string experiment_kind_of_file(const std::string& path);

/// How many points the design will have, from the spec alone (a double: a grid can overflow any
/// integer).
[[nodiscard]] double design_points(const DesignSpec& spec);

}  // namespace flashpoint
