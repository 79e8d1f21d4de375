// flashpoint._core.run, .sweep and .compare: what `flashpoint run`, `sweep` and `compare` do, from
// the library, into a results file that the package then opens (docs/python.md). The work runs
// without the GIL; Ctrl-C stops it as a signal stops the CLI (SigintScope).
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "core/rng.hpp"
#include "experiment/compare.hpp"
#include "experiment/digest.hpp"
#include "experiment/engine.hpp"
#include "experiment/record.hpp"
#include "experiment/replicates.hpp"
#include "experiment/runner.hpp"
#include "experiment/sweep.hpp"
#include "model/plausibility.hpp"
#include "model/simulation.hpp"
#include "output/hdf5_writer.hpp"
#include "output/output_target.hpp"
#include "scenario/experiment_specs.hpp"
#include "scenario/loader.hpp"

namespace flashpoint::python {

namespace {

int all_cores() {
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

void check_threads(int threads) {
  if (threads < 0 || threads > 4096) {
    throw InputError(Problem{"threads", 0, 0, "",
                             fmt::format("expected 0 (all cores) to 4096, got {}", threads)});
  }
}

/// `flashpoint run SCENARIO -o OUTPUT`: run_replicates() as src/cli/cmd_run.cpp calls it,
/// printing nothing.
py::dict run_scenario(const std::string& scenario_path, const std::string& output, int replicates,
                      std::optional<long long> seed, const std::vector<std::string>& sets,
                      int threads, bool force, const py::object& progress,
                      const std::string& command_line) {
  if (replicates < 1 || replicates > 10'000'000) {
    throw InputError(
        Problem{"replicates", 0, 0, "",
                fmt::format("expected 1 to 10,000,000 replicates, got {}", replicates)});
  }
  if (seed && (*seed < 0 || static_cast<std::uint64_t>(*seed) > kMaxSeed)) {
    throw InputError(Problem{"seed", 0, 0, "",
                             fmt::format("expected a whole number from 0 to 9e15, got {}", *seed)});
  }
  check_threads(threads);
  PythonProgress reporter(progress);
  const ProgressFn on_progress = reporter.fn();
  SigintScope sigint;
  py::dict out;
  try {
    py::gil_scoped_release release;
    std::vector<Override> overrides;
    for (const auto& s : sets) overrides.push_back(parse_override(s));
    const Scenario scenario = load_scenario(scenario_path, overrides);
    check_record(scenario);
    OutputLock lock = OutputLock::take(OutputRequest{.path = output, .force = force});
    const std::uint64_t master_seed = seed ? static_cast<std::uint64_t>(*seed) : scenario.seed;
    const ExperimentRuns runs = replicate_runs(scenario, master_seed, replicates);
    const ThreadChoice choice =
        choose_threads(runs, threads > 0 ? threads : all_cores(), threads > 0);
    const ReplicatesReport report = run_replicates(scenario, runs,
                                                   ReplicatesOptions{.output = output,
                                                                     .force = force,
                                                                     .threads = choice.threads,
                                                                     .command_line = command_line,
                                                                     .master_seed = master_seed,
                                                                     .progress = on_progress});
    py::gil_scoped_acquire gil;
    out["path"] = output;
    out["runs"] = replicates;
    out["seed"] = master_seed;
    out["threads"] = choice.threads;
    out["seconds"] = report.seconds;
    out["digest"] = report.summary.digest;
    out["warnings"] = report.warnings;
  } catch (const Interrupted&) {
    reporter.rethrow_if_failed();  // the callback's own exception, when it raised
    throw;
  }
  return out;
}

/// The options sweeps and comparisons share.
struct ExperimentCall {
  std::string output;
  int threads = 0;
  bool resume = false;
  bool force = false;
  std::string command_line;
};

/// Runs what is left of an experiment into OUTPUT.parts, then `assemble` (GIL released); an
/// interrupt keeps the finished runs for resume=True and raises KeyboardInterrupt.
template <typename Assemble>
py::dict run_experiment(const ExperimentRuns& runs, const ExperimentCall& call,
                        PythonProgress& reporter, Assemble&& assemble) {
  check_threads(call.threads);
  ExecuteOptions e;
  e.output = call.output;
  e.threads = call.threads > 0 ? call.threads : all_cores();
  e.threads_from_user = call.threads > 0;
  e.resume = call.resume;
  e.force = call.force;
  e.on_progress = reporter.fn();
  SigintScope sigint;
  ExecuteReport r;
  {
    py::gil_scoped_release release;
    const OutputLock lock =
        OutputLock::take(OutputRequest{.path = call.output, .force = call.force, .journals = true});
    r = execute(runs, e, world());
    if (r.interrupted || sigint.interrupted()) {
      py::gil_scoped_acquire gil;
      reporter.rethrow_if_failed();  // the callback's own exception, when it raised
      throw Interrupted(fmt::format(
          "interrupted; {} of {} runs are kept in {}: call again with resume=True to finish",
          r.present, runs.runs, parts_dir_of(call.output)));
    }
    if (!r.complete) {
      throw OutputError(fmt::format("{} of {} runs are in {}: the experiment did not finish",
                                    r.present, runs.runs, parts_dir_of(call.output)));
    }
    assemble();
  }
  py::dict out;
  out["path"] = call.output;
  out["runs"] = runs.runs;
  out["ran"] = r.ran;
  out["resumed_from"] = call.resume ? r.already_done : 0;
  out["seconds"] = r.seconds;
  out["threads"] = r.threads;
  return out;
}

py::dict run_sweep(const std::string& file, const ExperimentCall& call,
                   const py::object& progress) {
  std::optional<Sweep> sweep;
  {
    py::gil_scoped_release release;
    sweep.emplace(load_sweep(file));
  }
  PythonProgress reporter(progress);
  SweepSummary s;
  py::dict out = run_experiment(sweep->experiment(), call, reporter, [&] {
    s = assemble_sweep(*sweep, call.output, call.command_line);
  });
  out["points"] = s.points;
  out["warnings"] = s.warnings;
  return out;
}

py::dict run_compare(const std::string& file, const ExperimentCall& call,
                     const py::object& progress) {
  std::optional<Comparison> comparison;
  {
    py::gil_scoped_release release;
    comparison.emplace(load_comparison(file));
  }
  PythonProgress reporter(progress);
  ComparisonSummary s;
  py::dict out = run_experiment(comparison->experiment(), call, reporter, [&] {
    s = assemble_comparison(*comparison, call.output, call.command_line);
  });
  out["warnings"] = s.warnings;
  return out;
}

}  // namespace

void register_experiments(py::module_& m) {
  m.def("run", &run_scenario, py::arg("scenario"), py::arg("output"), py::arg("replicates"),
        py::arg("seed"), py::arg("sets"), py::arg("threads"), py::arg("force"), py::arg("progress"),
        py::arg("command_line"),
        "Replicates of a scenario into the results file `output` (flashpoint run).");
  m.def(
      "sweep",
      [](const std::string& file, const std::string& output, int threads, bool resume, bool force,
         const py::object& progress, const std::string& command_line) {
        return run_sweep(file, ExperimentCall{output, threads, resume, force, command_line},
                         progress);
      },
      py::arg("file"), py::arg("output"), py::arg("threads"), py::arg("resume"), py::arg("force"),
      py::arg("progress"), py::arg("command_line"),
      "A sweep file into `output` (flashpoint sweep).");
  m.def(
      "compare",
      [](const std::string& file, const std::string& output, int threads, bool resume, bool force,
         const py::object& progress, const std::string& command_line) {
        return run_compare(file, ExperimentCall{output, threads, resume, force, command_line},
                           progress);
      },
      py::arg("file"), py::arg("output"), py::arg("threads"), py::arg("resume"), py::arg("force"),
      py::arg("progress"), py::arg("command_line"),
      "A comparison file into `output` (flashpoint compare).");
}

}  // namespace flashpoint::python
