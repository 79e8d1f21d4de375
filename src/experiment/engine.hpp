#pragma once
// Runs the runs of an experiment (a sweep, a comparison, or the replicates of `flashpoint run`) on
// threads: a sweep or comparison with execute(), also over MPI ranks and shards, keeping every
// finished run in a journal (journal.hpp) that is read back in run order to assemble the results
// file; `run` with run_in_memory(), which hands each result over as it comes. Knows nothing of
// designs or policies: an experiment is a number of runs, a plan per run and a scenario per
// variant (docs/experiments.md).
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "experiment/comm.hpp"
#include "experiment/progress.hpp"
#include "experiment/specs.hpp"
#include "model/simulation.hpp"
#include "output/hdf5_writer.hpp"
#include "output/output_target.hpp"  // parts_dir_of
#include "scenario/variant.hpp"

namespace flashpoint {

struct PhaseProfile;

struct ExperimentRuns {
  std::string kind;  ///< "sweep", "comparison" or "run" (in memory: no journal, no hash)
  std::int64_t runs = 0;
  KeepLevel keep = KeepLevel::kOutcomes;
  std::uint64_t hash = 0;  ///< the design hash: journals of another hash are refused
  std::function<RunPlan(std::int64_t run)> plan;
  std::function<std::size_t(std::int64_t run)> variant;
  /// The scenario of a variant; called from worker threads, at most once per variant at a time.
  std::function<Scenario(std::size_t variant)> make_scenario;
  /// When set, called on the worker thread with every finished run while it still holds all its
  /// daily series, before the journal keeps what `keep` asks for: computes the experiment's own
  /// outcomes into RunResult::user_outcomes (experiment/user_outcomes.hpp).
  std::function<void(RunResult&)> finish_run;
  /// The base scenario (owned by the Sweep, the Comparison or `run`): what choose_threads()
  /// checks the memory of the runs against before they start (experiment/memory.hpp). Null: no
  /// check.
  const Scenario* base = nullptr;
};

/// How many of an experiment's runs go at once.
struct ThreadChoice {
  int wanted = 1;   ///< the threads asked for, but never more than the runs
  int threads = 1;  ///< `wanted`, or fewer when that many runs at once would not fit in memory
};

/// The worker threads for the runs of `e` when `threads` are asked for: at most its runs, and as
/// many as fit in memory (check_memory of e.base). When they do not fit: with
/// `threads_from_user`, an InputError saying how many would; without (the user did not choose
/// the count), fewer threads, or an InputError when not even one run fits. execute() and
/// run_in_memory()'s caller both decide with it.
[[nodiscard]] ThreadChoice choose_threads(const ExperimentRuns& e, int threads,
                                          bool threads_from_user);

struct ExecuteOptions {
  std::string output;  ///< the results file; journals go to OUTPUT.parts/
  int threads = 1;
  /// False when the user did not choose the thread count: execute() then uses fewer threads
  /// when `threads` runs at once would not fit in memory, instead of refusing (InputError).
  bool threads_from_user = true;
  bool resume = false;
  bool force = false;
  int shard = 0, shards = 1;  ///< this process runs runs with run % shards == shard
  double max_hours = 0;       ///< 0: no limit; else no new run starts after this time
  /// When set, progress reports go to it (rank 0, on the calling thread; experiment/progress.hpp):
  /// stage e.kind, of this shard's runs, `done` counting the runs journaled before. When it
  /// throws Interrupted, the runs stop as after a signal (those in flight finish and are
  /// journaled) and the report says interrupted.
  ProgressFn on_progress;
};

struct ExecuteReport {
  std::int64_t already_done = 0;  ///< runs found in the journals at the start
  std::int64_t ran = 0;           ///< runs finished by every rank in this invocation
  std::int64_t present = 0;       ///< runs in the journals at the end
  std::int64_t share = 0;         ///< runs this invocation was to run (all ranks)
  bool complete = false;          ///< every run of the experiment is journaled
  bool interrupted = false;       ///< stopped by SIGINT/SIGTERM
  bool time_limit = false;        ///< stopped by max_hours
  double seconds = 0;
  int threads = 0;  ///< worker threads used: fewer than asked when memory was short (see above)
};

/// Makes the journal folder `dir` of `output` (OUT.parts) with its marker file, or checks that
/// the folder there was made by flashpoint: a link, a file or a folder of the user's is an
/// InputError, so that nothing of theirs is written into or deleted.
void prepare_parts_dir(const std::string& dir, const std::string& output);

/// Runs this process's share of the runs not yet journaled. Collective under MPI.
[[nodiscard]] ExecuteReport execute(const ExperimentRuns& e, const ExecuteOptions& o,
                                    Communicator& comm);

/// Runs every run of `e` on `threads` worker threads (choose_threads) and hands each result to
/// `sink`, on the calling thread and in run order, keeping nothing: no journal, no resume (what
/// `flashpoint run` does). Every run is simulated as execute() simulates it; a SIGINT/SIGTERM
/// stops the runs within a day and throws Interrupted. With `profile`, the time of each phase
/// of every run is added to it (`run --profile`). With `on_progress`, progress reports of stage
/// "run" go to it as execute() gives them; an Interrupted it throws stops the runs as a signal
/// does (and is thrown from here).
void run_in_memory(const ExperimentRuns& e, int threads,
                   const std::function<void(RunResult&&)>& sink, PhaseProfile* profile = nullptr,
                   const ProgressFn& on_progress = nullptr);

/// Hands every run of the experiment, read from the journals in `parts_dir`, to `sink` in run
/// order. Throws OutputError when a journal belongs to another design or a run is missing.
void for_each_journaled_run(const std::string& parts_dir, const ExperimentRuns& e,
                            const std::function<void(RunResult&&)>& sink);

/// Throws OutputError, saying how many runs are missing and which is the first, unless every run
/// of the experiment is in the journals of `parts_dir`.
void require_every_run(const std::string& parts_dir, const ExperimentRuns& e);

/// Number of distinct runs of the experiment present in the journals (0 when there are none).
[[nodiscard]] std::int64_t journaled_runs(const std::string& parts_dir, const ExperimentRuns& e);

/// Deletes the journals once the results file is complete: the journal files and the marker
/// that flashpoint put in the folder, then the folder if nothing else is in it; and the
/// unfinished OUT.parts.new-XXXXXX folders (the marker alone) of a process killed while it made
/// the folder. Called only by the holder of the output's exclusive lock.
void remove_parts(const std::string& parts_dir);

/// The scenario of a variant: `source` with `overrides`, validated, and checked to give results
/// of the same shape as `layout` (days, actors, crossings, ...). A variant that changes the shape
/// is an InputError located where override `blame` (the first one that differs between
/// variants; the ones before it are shared by all) was written.
[[nodiscard]] Scenario instantiate_variant(const ScenarioSource& source,
                                           const std::vector<Override>& overrides,
                                           const ResultsLayout& layout, std::size_t blame);

/// The base of a family of typed variants (scenario/variant.hpp): `source` read with
/// `overrides`, or nullopt when they are not valid or change the shape of the results from
/// `layout` (the family's variants then take the YAML route, which reports it).
[[nodiscard]] std::optional<TypedBase> typed_base(const ScenarioSource& source,
                                                  const std::vector<Override>& overrides,
                                                  const ResultsLayout& layout);

/// The scenario of a variant, equal to instantiate_variant(source, overrides(), layout, blame):
/// `typed` set on `base` through the parameters' descriptors (set_typed) when `base` is given and
/// that succeeds, else that YAML route, which reports any problem as it always has. `base` must
/// hold the other overrides of overrides(), with the same effect as in their place there.
[[nodiscard]] Scenario make_variant(const TypedBase* base, std::span<const Override> typed,
                                    const ScenarioSource& source,
                                    const std::function<std::vector<Override>()>& overrides,
                                    const ResultsLayout& layout, std::size_t blame);

/// Provenance of an experiment's results file: the base scenario, the command, the master seed,
/// and the experiment file's text (kept as scenario_yaml's sibling by the caller).
[[nodiscard]] Provenance experiment_provenance(const Scenario& base,
                                               const std::string& command_line,
                                               std::uint64_t master_seed);

/// FNV-1a over a sequence of strings, each followed by a separator: the design hash.
class HashBuilder {
 public:
  void add(std::string_view text);
  void add(std::uint64_t v);
  [[nodiscard]] std::uint64_t value() const { return h_; }

 private:
  std::uint64_t h_ = 0xcbf29ce484222325ULL;
};

/// Opens the results file of an experiment: the base scenario's layout and provenance, the
/// experiment's root attributes (experiment, experiment_name, experiment_path, design_hash) and
/// its file's text in /provenance/experiment_yaml.
[[nodiscard]] std::unique_ptr<ResultsWriter> open_experiment_writer(
    const std::string& output, const Scenario& base, const ExperimentRuns& e,
    const std::string& command_line, std::uint64_t master_seed, const std::string& name,
    const std::string& path, const std::string& text);

/// Peak resident memory of this process (getrusage), in MiB.
[[nodiscard]] double peak_memory_mib();

}  // namespace flashpoint
