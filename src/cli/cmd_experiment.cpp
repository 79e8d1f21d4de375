// `flashpoint sweep`, `flashpoint compare` and `flashpoint merge`: experiments with
// journals, shards and MPI ranks (docs/experiments.md). Printing only; the work is in
// src/experiment.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "experiment/calibrate.hpp"
#include "experiment/comm.hpp"
#include "experiment/compare.hpp"
#include "experiment/summary.hpp"
#include "experiment/sweep.hpp"
#include "output/hdf5_reader.hpp"
#include "output/output_target.hpp"

namespace flashpoint::cli {

namespace {

std::string megabytes(double bytes) {
  return fmt::format("{:.1f} MB", bytes / 1e6);
}

int default_threads(int threads) {
  return threads > 0 ? threads : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

void parse_shard(const std::string& text, ExecuteOptions& o) {
  int i = 0, n = 0;
  char slash = 0;
  char extra = 0;
  if (std::sscanf(text.c_str(), "%d%c%d%c", &i, &slash, &n, &extra) != 3 || slash != '/' || n < 1 ||
      i < 1 || i > n) {
    throw InputError(
        Problem{"--shard " + text, 0, 0, "", "expected I/N with 1 <= I <= N, e.g. --shard 3/8"});
  }
  o.shard = i - 1;
  o.shards = n;
}

/// Runs `assemble`, which writes `output` from the journals; an OutputError becomes one that
/// says first what failed and that the journals are kept, then `again` (how to try again), with
/// the writer's own first line as a detail (its HDF5 error stack is left out).
template <typename Assemble>
void assemble_or_explain(const std::string& output, const char* again, Assemble&& assemble) {
  try {
    assemble();
  } catch (const OutputError& e) {
    // "WHAT: REASON" -> "cannot write OUTPUT: REASON. ... details: WHAT".
    const std::string readable = readable_error(e.what());
    const auto colon = readable.rfind(": ");
    const std::string reason = colon == std::string::npos ? readable : readable.substr(colon + 2);
    const std::string detail = colon == std::string::npos ? "" : readable.substr(0, colon);
    throw OutputError(fmt::format(
        "cannot write the results file {}: {}. No run is lost: they are kept in {}; free some "
        "space or fix the cause, then {}.{}",
        output, reason, parts_dir_of(output), again,
        detail.empty() ? "" : "\n  details: " + detail));
  }
}

}  // namespace

namespace {

/// Options shared by `sweep` and `compare`.
struct ExperimentCliOptions {
  std::string file;
  std::string output;
  int threads = 0;
  bool resume = false;
  bool force = false;
  bool dry_run = false;
  std::string shard;
  std::optional<double> max_hours;
  bool quiet = false;
  bool json = false;
  bool no_output = false;  ///< compare only: journals in a private temporary folder, no file
  ProgressOptions progress;
};

void add_experiment_options(CLI::App* cmd, ExperimentCliOptions& o, const char* what) {
  cmd->add_option("file", o.file, fmt::format("{} file (YAML)", what))->required();
  cmd->add_option("-o,--output", o.output, "Results file to write (HDF5)");
  cmd->add_option("-t,--threads", o.threads,
                  "Worker threads per process (default: all cores); results do not depend on it")
      ->check(CLI::Range(1, 4096));
  cmd->add_flag("--resume", o.resume,
                "Finish an interrupted run: keep every finished run of OUTPUT.parts, run the rest");
  cmd->add_flag("-f,--force", o.force, "Start again, replacing the output and its journals");
  cmd->add_flag("--dry-run", o.dry_run,
                "Print the design size and estimates of time and output size; run nothing");
  cmd->add_option("--shard", o.shard,
                  "Run only shard I of N (I/N, e.g. 2/8); join the shards with flashpoint merge");
  cmd->add_option("--max-hours", o.max_hours,
                  "Start no run after this many hours; finish later with --resume");
  cmd->add_flag("-q,--quiet", o.quiet, "Print nothing but errors");
  cmd->add_flag("--json", o.json, "Print the summary as one JSON object on stdout");
  add_progress_options(cmd, o.progress);
}

ExecuteOptions execute_options(const ExperimentCliOptions& o) {
  if (o.max_hours && (!std::isfinite(*o.max_hours) || *o.max_hours <= 0)) {
    throw InputError(
        Problem{"--max-hours", 0, 0, "",
                fmt::format("expected a positive, finite number of hours, got {}", *o.max_hours)});
  }
  ExecuteOptions e;
  e.output = o.output;
  e.threads = default_threads(o.threads);
  e.threads_from_user = o.threads > 0;
  e.resume = o.resume;
  e.force = o.force;
  e.max_hours = o.max_hours.value_or(0);
  if (!o.shard.empty()) parse_shard(o.shard, e);
  e.on_progress = make_progress(o.progress, o.quiet || o.json);
  return e;
}

/// Prints what execute() left behind when the experiment is not complete; returns the exit code.
int report_unfinished(const ExecuteReport& r, const ExecuteOptions& e, std::int64_t runs,
                      const std::string& file, bool quiet) {
  const std::string parts = parts_dir_of(e.output);
  if (r.interrupted || r.time_limit) {
    fmt::print(
        stderr,
        "flashpoint: {}; {} of {} runs are kept in {}. Run the same command with --resume "
        "to finish.\n",
        r.interrupted ? "interrupted by a signal" : "the time limit (--max-hours) was reached",
        r.present, runs, parts);
    return kExitInterrupted;
  }
  if (!quiet) {
    fmt::print("shard {}/{} of {}: {} runs finished; {} of the experiment's runs are in {}.\n",
               e.shard + 1, e.shards, file, r.share, r.present, parts);
    fmt::print("When every shard has finished: flashpoint merge {} -o {}\n", file, e.output);
  }
  return kExitOk;
}

/// Rank 0 locks the output for the whole job (shards share it and lock their own shard) before
/// any file is created; the other ranks go on only if it could.
OutputLock lock_output(const ExperimentCliOptions& o, const ExecuteOptions& e, Communicator& comm) {
  OutputLock lock;
  std::exception_ptr failure;
  if (comm.rank() == 0) {
    try {
      lock = OutputLock::take(OutputRequest{.path = o.output,
                                            .force = o.force,
                                            .shard = e.shard,
                                            .shards = e.shards,
                                            .journals = true});
    } catch (...) {
      failure = std::current_exception();
    }
  }
  if (!comm.all_ok(!failure)) {
    if (failure) std::rethrow_exception(failure);
    throw OutputError("rank 0 could not lock the output; its message says why");
  }
  return lock;
}

/// Runs what is left of the experiment, then (rank 0) assembles the results file with
/// `assemble`. False when the file was not assembled (a shard, an interrupted or timed-out run:
/// ctx.exit_code says which); throws when any rank failed.
template <typename Assemble>
bool run_and_assemble(const ExperimentRuns& runs, const ExecuteOptions& e,
                      const ExperimentCliOptions& o, Context& ctx, ExecuteReport& r,
                      Assemble&& assemble) {
  Communicator& comm = world();
  const bool talk = comm.rank() == 0;
  const OutputLock lock = lock_output(o, e, comm);
  std::exception_ptr failure;
  r = execute(runs, e, comm);
  if (talk && !o.quiet && r.threads < e.threads && r.threads < runs.runs) {
    fmt::print(stderr,
               "flashpoint: note: {} thread{} instead of {}, so that the runs fit in memory (pass "
               "--threads to choose)\n",
               r.threads, r.threads == 1 ? "" : "s", e.threads);
  }
  if (!r.complete || e.shards > 1) {
    if (talk) ctx.exit_code = report_unfinished(r, e, runs.runs, o.file, o.quiet || o.json);
    if (r.interrupted) ctx.exit_code = kExitInterrupted;
    return false;
  }
  if (talk) {
    try {
      assemble_or_explain(o.output, "run the same command with --resume", assemble);
    } catch (...) {
      failure = std::current_exception();
    }
  }
  const bool ok = comm.all_ok(!failure);
  if (failure) std::rethrow_exception(failure);
  if (!ok) throw OutputError("rank 0 could not assemble the results file");
  return true;
}

void run_sweep(const ExperimentCliOptions& o, Context& ctx) {
  Communicator& comm = world();
  const bool talk = comm.rank() == 0;
  if (o.output.empty()) {
    throw InputError(Problem{"sweep", 0, 0, "-o", "give -o OUT.h5: the results file to write"});
  }
  const Sweep sweep(load_sweep(o.file));
  const ExecuteOptions e = execute_options(o);
  const auto& spec = sweep.spec();

  if (o.dry_run) {
    if (!talk) return;
    const SweepEstimate est = estimate_sweep(sweep, 3);
    const double share = static_cast<double>(sweep.runs()) / e.shards;
    const double seconds = est.seconds_per_run * share / (e.threads * comm.size());
    fmt::print(
        "{}: {} design with {} parameter{}: {} point{} x {} replicate{} = {} runs{}\n", spec.name,
        design_kind_name(spec.design.kind), spec.design.parameters.size(),
        spec.design.parameters.size() == 1 ? "" : "s", sweep.points(),
        sweep.points() == 1 ? "" : "s", spec.replicates, spec.replicates == 1 ? "" : "s",
        sweep.runs(),
        e.shards > 1 ? fmt::format(" ({:.0f} in shard {}/{})", share, e.shard + 1, e.shards) : "");
    fmt::print("base scenario: {} ({} days), master seed {}, keep: {}\n", spec.scenario_path,
               sweep.base().days, sweep.master_seed(), keep_level_name(spec.keep));
    fmt::print(
        "estimate: {:.1f} ms per run (measured on 3 runs) -> about {:.0f} s on {} thread{} "
        "x {} process{}\n",
        est.seconds_per_run * 1000, seconds, e.threads, e.threads == 1 ? "" : "s", comm.size(),
        comm.size() == 1 ? "" : "es");
    fmt::print(
        "output: journal {} ({:.0f} bytes per run); the HDF5 file is smaller "
        "(compressed)\n",
        megabytes(est.journal_bytes_per_run * share), est.journal_bytes_per_run);
    fmt::print("design hash: {:016x}\n", sweep.experiment().hash);
    return;
  }

  SweepSummary s;
  ExecuteReport r;
  const bool assembled = run_and_assemble(sweep.experiment(), e, o, ctx, r, [&] {
    s = assemble_sweep(sweep, o.output, ctx.command_line);
  });
  if (assembled && talk) print_plausibility_warnings(s.warnings, o.quiet);
  if (!assembled || !talk || (o.quiet && !o.json)) return;
  const double rate = r.seconds > 0 ? static_cast<double>(r.ran) / r.seconds : 0;
  if (o.json) {
    const Json json = {
        {"output", o.output},
        {"runs", s.runs},
        {"ran", r.ran},
        {"resumed_from", o.resume ? r.already_done : 0},
        {"seconds", r.seconds},
        {"runs_per_second", rate},
        {"threads", r.threads},
        {"ranks", comm.size()},
        {"peak_memory_mib", peak_memory_mib()},
        {"file_bytes", s.file_bytes},
        {"design_hash", fmt::format("{:016x}", sweep.experiment().hash)},
        {"sensitivity", s.sensitivity ? sensitivity_json(*s.sensitivity) : Json(nullptr)}};
    fmt::print("{}\n", json_text(json));
    return;
  }
  fmt::print("{}: {} runs ({} design points x {} replicates) -> {} ({})\n", spec.name, s.runs,
             s.points, spec.replicates, o.output, megabytes(static_cast<double>(s.file_bytes)));
  fmt::print(
      "ran {} runs in {:.2f} s ({:.1f} runs/s, {} thread{} x {} process{}){}; peak memory "
      "{:.0f} MiB\n",
      r.ran, r.seconds, rate, r.threads, r.threads == 1 ? "" : "s", comm.size(),
      comm.size() == 1 ? "" : "es",
      o.resume ? fmt::format(", {} kept from before", r.already_done) : "", peak_memory_mib());
  if (s.sensitivity) {
    fmt::print("\nsensitivity ({}), headline outcomes; all outcomes: flashpoint inspect {}\n",
               s.sensitivity->method, o.output);
    fmt::print("{}", format_sensitivity(*s.sensitivity, {"peak_escalation", "conflict_days",
                                                         "fatalities_all", "trade_lost_usd"}));
  }
}

/// A private folder for a comparison run with --no-output: its journals and results file live
/// there and go with it.
class PrivateFolder {
 public:
  PrivateFolder() {
    std::string pattern = (std::filesystem::temp_directory_path() / "flashpoint-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw OutputError(fmt::format("cannot create a temporary folder in {}: {}",
                                    std::filesystem::temp_directory_path().string(),
                                    std::strerror(errno)));
    }
    path_ = pattern;
  }
  ~PrivateFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);  // made by mkdtemp above: ours alone
  }
  PrivateFolder(const PrivateFolder&) = delete;
  PrivateFolder& operator=(const PrivateFolder&) = delete;
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  std::string path_;
};

void run_compare(ExperimentCliOptions o, Context& ctx) {
  Communicator& comm = world();
  const bool talk = comm.rank() == 0;
  if (o.no_output) {
    const char* clash = !o.output.empty()  ? "-o"
                        : o.resume         ? "--resume"
                        : !o.shard.empty() ? "--shard"
                        : comm.size() > 1  ? "more than one MPI rank"
                                           : nullptr;
    if (clash != nullptr) {
      throw InputError(
          Problem{"--no-output", 0, 0, "",
                  fmt::format("--no-output keeps nothing, so it does not go with {}", clash)});
    }
  } else if (o.output.empty()) {
    throw InputError(Problem{"compare", 0, 0, "-o",
                             "give -o OUT.h5 for a results file, or --no-output to print the "
                             "comparison only"});
  }
  const Comparison comparison(load_comparison(o.file));
  std::optional<PrivateFolder> private_folder;
  if (o.no_output && !o.dry_run) {
    private_folder.emplace();
    o.output = (std::filesystem::path(private_folder->path()) / "comparison.h5").string();
  }
  const ExecuteOptions e = execute_options(o);
  const auto& spec = comparison.spec();
  if (o.dry_run) {
    if (!talk) return;
    fmt::print(
        "{}: {} options x {} scenario{} x {} replicates = {} runs (common random "
        "numbers); base scenario {}; status quo: {}\n",
        spec.name, spec.options.size(), comparison.scenarios(),
        comparison.scenarios() == 1 ? "" : "s", spec.replicates, comparison.runs(),
        spec.scenario_path, spec.options[spec.status_quo].name);
    fmt::print("design hash: {:016x}\n", comparison.experiment().hash);
    return;
  }
  ComparisonSummary s;
  ExecuteReport r;
  const bool assembled = run_and_assemble(comparison.experiment(), e, o, ctx, r, [&] {
    s = assemble_comparison(comparison, o.output, ctx.command_line);
  });
  if (assembled && talk) print_plausibility_warnings(s.warnings, o.quiet);
  if (!assembled || !talk || (o.quiet && !o.json)) return;
  if (o.json) {
    fmt::print("{}\n", json_text(comparison_json(s, o.no_output ? "" : o.output, r.seconds)));
    return;
  }
  const double rate = r.seconds > 0 ? static_cast<double>(r.ran) / r.seconds : 0;
  fmt::print("{} runs in {:.2f} s ({:.1f} runs/s) -> {}; peak memory {:.0f} MiB\n\n", s.runs,
             r.seconds, rate,
             o.no_output
                 ? std::string("no results file (--no-output)")
                 : fmt::format("{} ({})", o.output, megabytes(static_cast<double>(s.file_bytes))),
             peak_memory_mib());
  fmt::print("{}", format_comparison(s));
}

void run_calibrate(const ExperimentCliOptions& o, Context& ctx) {
  Communicator& comm = world();
  const bool talk = comm.rank() == 0;
  if (o.output.empty()) {
    throw InputError(
        Problem{"calibrate", 0, 0, "-o", "give -o OUT.h5: the file the posterior is written to"});
  }
  const Calibration calibration(load_calibration(o.file));
  const ExecuteOptions e = execute_options(o);
  const auto& spec = calibration.spec();
  const std::size_t scenarios = calibration.used().size();
  if (o.dry_run) {
    if (!talk) return;
    const std::int64_t per_generation = calibration.runs_per_generation();
    fmt::print(
        "{}: {} parameter{}, {} target{} on {} scenario{}; {} particles x {} scenario{} x {} "
        "replicates = {} runs a generation, at most {} generations ({} runs)\n",
        spec.name, spec.priors.parameters.size(), spec.priors.parameters.size() == 1 ? "" : "s",
        spec.targets.size(), spec.targets.size() == 1 ? "" : "s", scenarios,
        scenarios == 1 ? "" : "s", spec.particles, scenarios, scenarios == 1 ? "" : "s",
        spec.replicates, per_generation, spec.generations, per_generation * spec.generations);
    const double seconds_per_run = estimate_calibration_run(calibration);
    fmt::print(
        "estimate: {:.1f} ms per run (measured on the prior's medians) -> about {:.0f} s a "
        "generation on {} thread{} x {} process{}\n",
        seconds_per_run * 1000,
        seconds_per_run * static_cast<double>(per_generation) / (e.threads * comm.size()),
        e.threads, e.threads == 1 ? "" : "s", comm.size(), comm.size() == 1 ? "" : "es");
    fmt::print("master seed {}, calibration hash {:016x}\n", calibration.master_seed(),
               calibration.hash());
    return;
  }
  const OutputLock lock = lock_output(o, e, comm);
  AbcSmc abc(spec.priors.parameters, calibration.settings());
  const bool chatty = talk && !o.quiet && !o.json;
  const CalibrateReport r = run_calibration(
      calibration, abc, e, comm, ctx.command_line, [&](const AbcPopulation& p, int g) {
        if (!chatty) return;
        if (g == 0) {
          fmt::print("generation 0: {} particles drawn from the prior\n", p.simulated);
        } else {
          fmt::print(
              "generation {}: tolerance {:.4g}, ESS {:.1f}{}, {} moves simulated, {:.0f}% "
              "accepted\n",
              g, p.tolerance, p.ess, p.resampled ? " (resampled)" : "", p.simulated,
              100 * p.acceptance);
        }
        std::fflush(stdout);
      });
  if (r.interrupted || r.time_limit) {
    if (talk) {
      fmt::print(
          stderr,
          "flashpoint: {}; the runs of {} generation{} and the finished runs of the next "
          "are kept in {}. Run the same command with --resume to finish.\n",
          r.interrupted ? "interrupted by a signal" : "the time limit (--max-hours) was reached",
          r.generations, r.generations == 1 ? "" : "s", parts_dir_of(o.output));
    }
    ctx.exit_code = kExitInterrupted;
    return;
  }
  if (!r.complete) {  // a shard
    if (talk && !o.quiet) {
      fmt::print(
          "shard {}/{} of {}: the calibration finished ({} generations, stopped by {}); "
          "the journals are in {}.\nWhen every shard has finished: flashpoint calibrate "
          "{} -o {} --resume\n",
          e.shard + 1, e.shards, o.file, r.generations, r.stop_reason, parts_dir_of(o.output),
          o.file, o.output);
    }
    return;
  }
  if (!talk) return;
  const PosteriorSummary s = summarise_posterior(abc);
  const auto& last = abc.populations().back().distances;
  if (std::none_of(last.begin(), last.end(), [](double d) { return std::isfinite(d); })) {
    fmt::print(stderr,
               "flashpoint: warning: no parameter set came within a finite distance of the "
               "targets (a target has no value in any replicate of any set: a median of an "
               "outcome no run has, say); the posterior is the prior's draws\n");
  }
  if (o.quiet && !o.json) return;
  if (o.json) {
    Json params = Json::array();
    for (std::size_t j = 0; j < s.parameters.size(); ++j) {
      params.push_back({{"path", s.parameters[j]},
                        {"mean", s.mean[j]},
                        {"sd", s.sd[j]},
                        {"q05", s.q05[j]},
                        {"q50", s.q50[j]},
                        {"q95", s.q95[j]}});
    }
    const Json json = {{"output", o.output},
                       {"generations", r.generations},
                       {"stop_reason", r.stop_reason},
                       {"runs", r.runs},
                       {"ran", r.ran},
                       {"seconds", r.seconds},
                       {"tolerance", s.tolerance},
                       {"ess", s.ess},
                       {"file_bytes", r.file_bytes},
                       {"parameters", std::move(params)}};
    fmt::print("{}\n", json_text(json));
    return;
  }
  fmt::print("{}: {} generations ({} runs, stopped: {}) in {:.1f} s -> {} ({})\n", spec.name,
             r.generations, r.runs, stop_reason_text(r.stop_reason), r.seconds, o.output,
             megabytes(static_cast<double>(r.file_bytes)));
  fmt::print("{}", format_posterior(s));
}

void run_merge(const std::string& file, const std::string& output, bool force, Context& ctx) {
  const std::string kind = experiment_kind_of_file(file);
  if (kind != "sweep" && kind != "comparison") {
    throw InputError(Problem{file, 0, 0, "kind",
                             "not a sweep or comparison file (expected 'kind: sweep' or 'kind: "
                             "comparison')"});
  }
  const OutputLock lock =
      OutputLock::take(OutputRequest{.path = output, .force = force, .journals = true});
  const std::string parts = parts_dir_of(output);
  struct stat parts_st {};
  if (::lstat(parts.c_str(), &parts_st) != 0) {
    throw InputError(Problem{output, 0, 0, "",
                             fmt::format("there is nothing to merge: {} does not exist (run the "
                                         "shards with --shard I/N and -o {} first)",
                                         parts, output)});
  }
  prepare_parts_dir(parts, output);  // a folder flashpoint made, not the user's
  // Missing runs are said before the results file is started, so that an error while it is
  // written is always one of writing.
  constexpr const char* again = "run the same flashpoint merge again";
  if (kind == "sweep") {
    const Sweep sweep(load_sweep(file));
    require_every_run(parts, sweep.experiment());
    SweepSummary s;
    assemble_or_explain(output, again,
                        [&] { s = assemble_sweep(sweep, output, ctx.command_line); });
    print_plausibility_warnings(s.warnings, false);
    fmt::print("{}: merged {} runs -> {} ({})\n", sweep.spec().name, s.runs, output,
               megabytes(static_cast<double>(s.file_bytes)));
  } else {
    const Comparison comparison(load_comparison(file));
    require_every_run(parts, comparison.experiment());
    ComparisonSummary s;
    assemble_or_explain(output, again,
                        [&] { s = assemble_comparison(comparison, output, ctx.command_line); });
    print_plausibility_warnings(s.warnings, false);
    fmt::print("{}: merged {} runs -> {}\n", comparison.spec().name, s.runs, output);
    fmt::print("{}", format_comparison(s));
  }
}

}  // namespace

void add_sweep_command(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<ExperimentCliOptions>();
  auto* cmd = app.add_subcommand(
      "sweep", "Run a parameter sweep (grid, random, Latin hypercube, Sobol, Morris, CSV design)");
  add_experiment_options(cmd, *opts, "Sweep");
  cmd->callback([opts, &ctx] { run_sweep(*opts, ctx); });
}

void add_compare_command(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<ExperimentCliOptions>();
  auto* cmd = app.add_subcommand(
      "compare",
      "Compare policy options on common random numbers, optionally over a scenario "
      "ensemble");
  add_experiment_options(cmd, *opts, "Comparison");
  cmd->add_flag("--no-output", opts->no_output,
                "Write no results file; print the comparison only (instead of -o)");
  cmd->callback([opts, &ctx] { run_compare(*opts, ctx); });
}

void add_calibrate_command(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<ExperimentCliOptions>();
  auto* cmd = app.add_subcommand(
      "calibrate",
      "Calibrate parameters to observed targets (ABC-SMC); writes every generation and the "
      "posterior");
  add_experiment_options(cmd, *opts, "Calibration");
  cmd->callback([opts, &ctx] { run_calibrate(*opts, ctx); });
}

void add_merge_command(CLI::App& app, Context& ctx) {
  struct MergeOptions {
    std::string file, output;
    bool force = false;
  };
  auto opts = std::make_shared<MergeOptions>();
  auto* cmd = app.add_subcommand(
      "merge", "Assemble the results file of a sharded sweep or comparison from its journals");
  cmd->add_option("file", opts->file, "The sweep or comparison file the shards ran")->required();
  cmd->add_option("-o,--output", opts->output, "The results file the shards were given")
      ->required();
  cmd->add_flag("-f,--force", opts->force, "Replace an existing results file");
  cmd->callback([opts, &ctx] { run_merge(opts->file, opts->output, opts->force, ctx); });
}

}  // namespace flashpoint::cli
