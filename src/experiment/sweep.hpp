#pragma once
// `flashpoint sweep` and `flashpoint merge` for sweeps: a design of scenario variants times
// replicates, run through the journaled engine (engine.hpp), assembled into one results file with
// the design matrix and the sensitivity indices (docs/experiments.md).
#include <cstdint>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "experiment/comm.hpp"
#include "experiment/engine.hpp"
#include "experiment/sensitivity.hpp"
#include "experiment/specs.hpp"
#include "experiment/user_outcomes.hpp"
#include "output/hdf5_writer.hpp"

namespace flashpoint {

/// A sweep ready to run: the spec, its design, its base scenario and the run mapping.
class Sweep {
 public:
  /// Loads the base scenario, builds the design and checks the parameters against the scenario
  /// (each at its lowest and highest value); throws InputError located in the sweep file.
  explicit Sweep(SweepSpec spec);

  [[nodiscard]] const SweepSpec& spec() const { return spec_; }
  [[nodiscard]] const Design& design() const { return design_; }
  [[nodiscard]] std::size_t points() const { return design_.points(); }
  [[nodiscard]] std::int64_t runs() const { return runs_.runs; }
  [[nodiscard]] const ExperimentRuns& experiment() const { return runs_; }
  [[nodiscard]] const Scenario& base() const { return base_.scenario; }
  [[nodiscard]] std::uint64_t master_seed() const { return master_seed_; }
  /// Whether the design points are set typed on the base (every parameter's path is typed:
  /// scenario/variant.hpp) rather than each read again from the patched YAML.
  [[nodiscard]] bool typed() const { return typed_; }
  /// The sweep file's own outcomes, compiled against the base scenario.
  [[nodiscard]] const UserOutcomes& user_outcomes() const { return user_; }

 private:
  /// The scenario of the design point whose overrides are `point` (set typed when it can).
  [[nodiscard]] Scenario variant(const std::vector<Override>& point, bool typed) const;

  SweepSpec spec_;
  ScenarioSource source_;
  TypedBase base_;  ///< the scenario with the sweep's `set:` overrides
  bool typed_ = false;
  ResultsLayout layout_;
  UserOutcomes user_;
  Design design_;
  std::uint64_t master_seed_ = 0;
  ExperimentRuns runs_;
};

/// Per outcome and parameter, as written to /sensitivity and printed by inspect.
struct SensitivityTable {
  std::string method;  ///< "sobol" or "morris"
  std::vector<std::string> outcomes, parameters;
  std::vector<SobolIndices> sobol;     ///< [outcome] (method "sobol")
  std::vector<MorrisMeasures> morris;  ///< [outcome] (method "morris")
  double confidence = 0.95;
  int bootstrap = 0;
};

struct SweepSummary {
  std::int64_t runs = 0;
  std::size_t points = 0;
  std::uintmax_t file_bytes = 0;
  std::optional<SensitivityTable> sensitivity;
  std::vector<std::string> warnings;  ///< plausibility warnings (model/plausibility.hpp)
};

/// Assembles the results file from the sweep's journals (every run must be there), computes the
/// sensitivity indices, writes everything, and deletes the journals.
[[nodiscard]] SweepSummary assemble_sweep(const Sweep& sweep, const std::string& output,
                                          const std::string& command_line);

/// The /design group of a results file: the design's points, their parameter values and unit
/// coordinates, and the parameters' bounds. The point tables are made row by row as the writer
/// writes them, from `ds` and `design`: write the group while both live.
[[nodiscard]] TableGroup design_group(const DesignSpec& ds, const Design& design,
                                      const std::string& name,
                                      std::vector<std::pair<std::string, std::string>> attributes);

/// Rough cost of a sweep, from a few runs of its first design point: for --dry-run.
struct SweepEstimate {
  double seconds_per_run = 0;        ///< on one thread
  double journal_bytes_per_run = 0;  ///< what the keep level stores per run before compression
};
[[nodiscard]] SweepEstimate estimate_sweep(const Sweep& sweep, int sample_runs);

/// The sensitivity table as text (every outcome, or those named).
[[nodiscard]] std::string format_sensitivity(const SensitivityTable& t,
                                             const std::vector<std::string>& only = {});

/// The sensitivity table as one JSON object (`sweep --json`, docs/cli.md): method, parameters,
/// (Sobol) confidence and bootstrap, and per outcome and parameter the measures ("S1", "S1_low",
/// "S1_high", "ST", "ST_low", "ST_high" for Sobol; "mu_star", "mu", "sigma" for Morris), null where
/// there is no value.
[[nodiscard]] Json sensitivity_json(const SensitivityTable& t);

}  // namespace flashpoint
