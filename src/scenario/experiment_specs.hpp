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

/// Uncertain parameters and the design that samples them.
struct DesignSpec {
  std::vector<UncertainParameter> parameters;  ///< for kExternal: paths only
  std::vector<SourceLocation> origins;         ///< where each parameter was declared
  DesignKind kind = DesignKind::kLatinHypercube;
  std::size_t samples = 0;  ///< random/LHS points, Sobol base samples, Morris trajectories
  int levels = 0;           ///< grid levels per continuous parameter; Morris grid levels
  std::string csv_path;     ///< kExternal: the CSV file, resolved
  std::vector<std::vector<double>> csv_values;  ///< kExternal: [point][parameter]
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
  int bootstrap = 1000;      ///< Sobol bootstrap resamples
  double confidence = 0.95;  ///< level of Sobol and comparison intervals
};

/// One policy option of a comparison: overrides and added policies.
struct PolicyOption {
  std::string name;
  std::string description;
  std::vector<Override> overrides;  ///< `set:` entries, then `policies:` items (append)
  SourceLocation origin;
};

/// The outcome that ranks options (and from which regret is computed).
struct RankBy {
  std::string outcome = "fatalities_all";
  bool lower_is_better = true;
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
};

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
