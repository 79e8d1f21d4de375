#pragma once
// The replicates of one scenario, as `flashpoint run` and the Python package's run() both do
// them: the runs of the master seed on threads, in memory, into one results file (with /outcomes,
// /geography and the observed record's /record), summarised, scored against the record and
// digested on the way (docs/cli.md, "run"; docs/python.md).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "experiment/engine.hpp"
#include "experiment/progress.hpp"
#include "experiment/record.hpp"
#include "experiment/summary.hpp"
#include "scenario/scenario.hpp"

namespace flashpoint {

struct PhaseProfile;

/// The runs 0..replicates-1 of `scenario` with the seeds of `master_seed` (replicate_plan): one
/// variant, the scenario itself. `scenario` must outlive the result.
[[nodiscard]] ExperimentRuns replicate_runs(const Scenario& scenario, std::uint64_t master_seed,
                                            std::int64_t replicates);

struct ReplicatesOptions {
  std::string output;  ///< the results file; empty: none (the caller holds its OutputLock)
  bool force = false;  ///< replace an existing file at `output`
  int threads = 1;     ///< worker threads (choose_threads decided them)
  std::string command_line;
  std::uint64_t master_seed = 0;
  ProgressFn progress;              ///< reports of run_in_memory(), or none
  PhaseProfile* profile = nullptr;  ///< `run --profile`
};

struct ReplicatesReport {
  RunSummary summary;
  std::vector<RecordScore> scores;    ///< the observed record's, empty without one
  std::vector<std::string> warnings;  ///< plausibility warnings (print_plausibility_warnings)
  std::size_t capped = 0;             ///< runs that reached max_events_per_run
  double seconds = 0;
};

/// Runs `runs` (replicate_runs) and writes, summarises, scores and digests them. Throws
/// Interrupted (no file is left), InputError, OutputError as run_in_memory() and ResultsWriter do.
[[nodiscard]] ReplicatesReport run_replicates(const Scenario& scenario, const ExperimentRuns& runs,
                                              const ReplicatesOptions& o);

}  // namespace flashpoint
