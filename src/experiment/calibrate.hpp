#pragma once
// `flashpoint calibrate`: ABC-SMC (abc.hpp) over the model. Each generation's proposals are run
// as one experiment through the journaled engine (engine.hpp: threads, MPI ranks, shards,
// SIGKILL-safe journals, --resume): every particle on every scenario a target names, with the
// same replicate seeds for every particle (common random numbers). A target's statistic over a
// particle's replicates is compared with its observed value; the distance of a particle is the
// root mean square of (statistic - observed) / tolerance over the targets. Generations are
// replayed from their journals on --resume, so an interrupted calibration finishes with the same
// bytes as one never stopped (docs/calibration.md).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "experiment/abc.hpp"
#include "experiment/comm.hpp"
#include "experiment/engine.hpp"
#include "experiment/user_outcomes.hpp"
#include "scenario/experiment_specs.hpp"
#include "scenario/variant.hpp"

namespace flashpoint {

/// The statistic of a target over the values of a particle's replicates (NaN = no value; a
/// share counts them as not meeting the condition): NaN when no replicate has a value.
[[nodiscard]] double target_statistic(const CalibrationTarget& t, std::vector<double> values);

/// The distance of a particle: sqrt(mean_k ((s_k - o_k) / scale_k)^2), infinite when a
/// statistic is NaN (a median, mean or quantile of no value; a share is never NaN).
[[nodiscard]] double target_distance(const std::vector<CalibrationTarget>& targets,
                                     const std::vector<double>& statistics);

class Calibration {
 public:
  /// Loads the scenarios, checks every prior at its extremes on each of them and every target's
  /// outcome against its scenario's results; throws InputError located in the calibration file.
  explicit Calibration(CalibrationSpec spec);

  [[nodiscard]] const CalibrationSpec& spec() const { return spec_; }
  [[nodiscard]] std::uint64_t master_seed() const { return master_seed_; }
  /// The hash of everything the calibration's runs depend on (each generation adds its own
  /// proposals to it).
  [[nodiscard]] std::uint64_t hash() const { return hash_; }
  [[nodiscard]] AbcSettings settings() const;
  /// Scenarios some target is measured on, in file order (indices into spec().scenarios).
  [[nodiscard]] const std::vector<std::size_t>& used() const { return used_; }
  [[nodiscard]] const Scenario& base(std::size_t scenario) const {
    return scenarios_[scenario].base.scenario;
  }
  /// Runs per generation at most: particles x used scenarios x replicates.
  [[nodiscard]] std::int64_t runs_per_generation() const;

  /// The runs of one generation's proposals: run (k, s, r) is run (k S + s) R + r.
  [[nodiscard]] ExperimentRuns generation_runs(const AbcProposals& proposals) const;
  /// The evaluations of the proposals from their runs, handed over in run order by `each_run`.
  [[nodiscard]] std::vector<AbcEvaluation> evaluate(
      const AbcProposals& proposals,
      const std::function<void(const std::function<void(RunResult&&)>&)>& each_run) const;

  /// The parameter values of kernel coordinates z (a row of a population).
  [[nodiscard]] std::vector<double> values_of(const Eigen::MatrixXd& z, Eigen::Index row) const;

 private:
  struct ScenarioState {
    ScenarioSource source;
    TypedBase base;
    ResultsLayout layout;
    bool typed = false;
  };
  /// How one target reads one run: an outcome column, or a daily series reduced over the days.
  struct Reader {
    std::size_t column = 0;             ///< outcome column (outcome targets)
    std::string field;                  ///< series field name (series targets)
    std::size_t inner = 1;              ///< the series' values per day
    std::size_t index = 0;              ///< which of them
    std::int64_t first = 0, last = -1;  ///< the days counted (last -1: to the end)
  };
  [[nodiscard]] Scenario variant(std::size_t scenario, const std::vector<double>& values) const;
  [[nodiscard]] double read(const CalibrationTarget& t, const Reader& reader, const RunResult& r,
                            const std::vector<double>& outcomes) const;

  CalibrationSpec spec_;
  std::vector<ScenarioState> scenarios_;
  std::vector<std::size_t> used_;
  std::vector<Reader> readers_;     ///< [target]
  std::vector<UserOutcomes> user_;  ///< [scenario] the file's own outcomes, compiled for it
  std::uint64_t master_seed_ = 0;
  std::uint64_t hash_ = 0;
  KeepLevel keep_ = KeepLevel::kOutcomes;
};

struct CalibrateReport {
  bool complete = false;     ///< the calibration finished and (rank 0, shard 1) wrote the file
  bool interrupted = false;  ///< stopped by a signal
  bool time_limit = false;   ///< stopped by --max-hours
  int generations = 0;       ///< generations finished
  std::int64_t runs = 0;     ///< runs of every finished generation
  std::int64_t ran = 0;      ///< runs simulated by this invocation (all ranks)
  double seconds = 0;
  int threads = 0;
  std::string stop_reason;
  std::uintmax_t file_bytes = 0;
};

/// Prints a line per generation (rank 0) when set: generation, tolerance, ESS, acceptance.
using GenerationLog = std::function<void(const AbcPopulation& p, int generation)>;

/// Runs (or resumes) the calibration and, when it finishes, writes `o.output` (rank 0 of shard
/// 1) and deletes the journals. The AbcSmc holds every population afterwards.
[[nodiscard]] CalibrateReport run_calibration(const Calibration& c, AbcSmc& abc,
                                              const ExecuteOptions& o, Communicator& comm,
                                              const std::string& command_line,
                                              const GenerationLog& log);

/// Fills a design that draws from a posterior (`parameters: {from_posterior: FILE, draws: N}`):
/// its parameters are the posterior's, its points N draws from the last generation's particles
/// in proportion to their weights (systematic resampling with one uniform from `seed`, so the
/// same file and seed give the same draws). Does nothing to other designs. An InputError located
/// at `from_posterior` when the file is not a calibration's results file, or was calibrated on
/// scenarios none of which is named like `base`.
void draw_from_posterior(DesignSpec& ds, const Scenario& base, std::uint64_t seed);

/// Why a calibration stopped, in words ("tolerance", "generations", "acceptance").
[[nodiscard]] std::string stop_reason_text(const std::string& reason);

/// Seconds one run takes on one thread, measured on two runs of each scenario at the priors'
/// medians (for --dry-run).
[[nodiscard]] double estimate_calibration_run(const Calibration& c);

/// The posterior summary of a population: per parameter the weighted mean, sd and quantiles.
struct PosteriorSummary {
  std::vector<std::string> parameters;
  std::vector<double> mean, sd, q05, q50, q95;  ///< [parameter]
  double ess = 0;
  double tolerance = 0;
  std::size_t particles = 0;
  std::size_t unique = 0;  ///< distinct parameter sets among the particles of weight > 0
};
[[nodiscard]] PosteriorSummary summarise_posterior(const AbcSmc& abc);
[[nodiscard]] std::string format_posterior(const PosteriorSummary& s);

/// Weighted quantile (linear between the mid-points of the weights' cumulative mass) of values.
[[nodiscard]] double weighted_quantile(std::vector<std::pair<double, double>> value_weight,
                                       double q);

}  // namespace flashpoint
