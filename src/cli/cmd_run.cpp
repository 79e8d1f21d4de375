// `flashpoint run SCENARIO -o OUT.h5`: replicates of one scenario on threads, into one file. The
// runs are an experiment of the engine (experiment/engine.hpp), run in memory: this file parses
// the options, describes the runs, and writes and prints what comes back.
#include <charconv>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"
#include "experiment/digest.hpp"
#include "experiment/engine.hpp"
#include "experiment/memory.hpp"
#include "experiment/outcomes.hpp"
#include "experiment/record.hpp"
#include "experiment/replicates.hpp"
#include "experiment/runner.hpp"
#include "experiment/summary.hpp"
#include "model/phases.hpp"
#include "model/plausibility.hpp"
#include "model/simulation.hpp"
#include "output/hdf5_writer.hpp"
#include "output/output_target.hpp"
#include "scenario/loader.hpp"

namespace flashpoint::cli {

namespace {

struct RunOptions {
  std::string scenario;
  std::string output;
  std::optional<std::string> seed;  ///< text: checked by parse_seed (0 to 9e15, digits only)
  bool no_output = false;
  int replicates = 1;
  int threads = 0;
  std::vector<std::string> sets;
  std::optional<int> days;
  bool quiet = false;
  bool json = false;
  bool force = false;
  bool profile = false;
  ProgressOptions progress;
};

/// --seed: a whole number from 0 to 9e15 (the range of a scenario's seed), written in digits.
std::optional<std::uint64_t> parse_seed(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  const std::string& t = *text;
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || ec != std::errc() || end != t.data() + t.size() || v > kMaxSeed) {
    throw InputError(Problem{"--seed", 0, 0, "",
                             fmt::format("expected a whole number from 0 to 9e15 (e.g. --seed "
                                         "7), got '{}'",
                                         t)});
  }
  return v;
}

void run(const RunOptions& o, Context& ctx) {
  if (o.output.empty() == !o.no_output) {
    throw InputError(Problem{
        "run", 0, 0, "-o",
        o.no_output
            ? "give either -o OUT.h5 or --no-output, not both"
            : "give -o OUT.h5 for a results file, or --no-output to print the summary only"});
  }
  const std::optional<std::uint64_t> seed = parse_seed(o.seed);
  const ProgressFn progress = make_progress(o.progress, o.quiet || o.json);
  std::vector<Override> overrides;
  for (const auto& s : o.sets) overrides.push_back(parse_override(s));
  if (o.days) overrides.push_back(parse_override(fmt::format("days={}", *o.days)));
  const Scenario scenario = load_scenario(o.scenario, overrides);
  check_record(scenario);  // outcome names of observed figures, before anything is created

  // Taken after the inputs are read (so that the output can be checked against them) and before
  // anything is created; held until the file is in place.
  OutputLock lock;
  if (!o.no_output) lock = OutputLock::take(OutputRequest{.path = o.output, .force = o.force});
  const std::uint64_t master_seed = seed.value_or(scenario.seed);
  const ExperimentRuns runs = replicate_runs(scenario, master_seed, o.replicates);
  // Runs at once: the threads, but never more than the runs. They must fit in memory: refused
  // when the user chose the count, fewer threads when not (experiment/memory.hpp).
  const int cores = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  const ThreadChoice choice =
      choose_threads(runs, o.threads > 0 ? o.threads : cores, o.threads > 0);
  const int threads = choice.threads;
  if (threads < choice.wanted && !o.quiet) {
    fmt::print(stderr,
               "flashpoint: note: {} thread{} instead of {}, so that the runs fit in memory "
               "(about {} each; pass --threads to choose)\n",
               threads, threads == 1 ? "" : "s", choice.wanted,
               memory_text(estimate_run_memory(scenario).total()));
  }

  const auto replicates = static_cast<std::size_t>(runs.runs);
  PhaseProfile profile;
  const ReplicatesReport report =
      run_replicates(scenario, runs,
                     ReplicatesOptions{.output = o.no_output ? "" : o.output,
                                       .force = o.force,
                                       .threads = threads,
                                       .command_line = ctx.command_line,
                                       .master_seed = master_seed,
                                       .progress = progress,
                                       .profile = o.profile ? &profile : nullptr});
  const std::vector<RecordScore>& scores = report.scores;
  const double seconds = report.seconds;
  const std::size_t capped = report.capped;

  if (capped > 0 && !o.quiet) {
    fmt::print(stderr,
               "flashpoint: note: {} of {} runs recorded max_events_per_run = {} events and "
               "counted the rest in /runs/events_dropped; their outcomes and series are whole\n",
               capped, replicates, scenario.max_events_per_run);
  }
  print_plausibility_warnings(report.warnings, o.quiet);
  const RunSummary& s = report.summary;
  if (o.json) {
    Json json = summary_json(s, o.no_output ? "" : o.output, seconds);
    if (!scores.empty()) json["record"] = record_json(scores);
    fmt::print("{}\n", json_text(json));
  } else if (!o.quiet) {
    fmt::print("{}: {} run{} of {} days from {} (seed {}, {} thread{}) in {:.2f} s -> {}\n",
               scenario.name, replicates, replicates == 1 ? "" : "s", scenario.days,
               scenario.start_date.to_string(), master_seed, threads, threads == 1 ? "" : "s",
               seconds, o.no_output ? "no results file (--no-output)" : o.output);
    fmt::print("{}", format_summary_table(s));
    fmt::print("{}", format_record_table(scores));
  }
  // On stderr, so that --json stays one object on stdout.
  if (o.profile) fmt::print(stderr, "{}", format_phase_profile(profile, replicates));
}

}  // namespace

void print_plausibility_warnings(const std::vector<std::string>& warnings, bool quiet) {
  if (quiet) return;
  for (const std::string& w : warnings) {
    fmt::print(stderr,
               "flashpoint: warning: implausible: {}; /runs/implausible flags the runs "
               "(docs/model.md, \"Plausibility diagnostics\")\n",
               w);
  }
}

void add_run_command(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<RunOptions>();
  auto* cmd =
      app.add_subcommand("run", "Run replicates of a scenario and write an HDF5 results file");
  cmd->add_option("scenario", opts->scenario, "Scenario file (YAML)")->required();
  cmd->add_option("-o,--output", opts->output, "Results file to write (HDF5)");
  cmd->add_flag("--no-output", opts->no_output,
                "Write no results file; print the summary only (instead of -o)");
  cmd->add_option("--seed", opts->seed, "Master seed, 0 to 9e15 (default: the scenario's seed)");
  cmd->add_option("-r,--replicates", opts->replicates, "Number of replicates")
      ->check(CLI::Range(1, 10'000'000));
  cmd->add_option("-t,--threads", opts->threads,
                  "Worker threads (default: all cores); results do not depend on it")
      ->check(CLI::Range(1, 4096));
  cmd->add_option("--set", opts->sets,
                  "Override a scenario value, e.g. --set actors.NTH.rationality=4 (repeatable)");
  cmd->add_option("--days", opts->days, "Override the number of days")->check(CLI::Range(1, 36500));
  cmd->add_flag("-q,--quiet", opts->quiet, "Print nothing on success");
  cmd->add_flag("--json", opts->json, "Print the outcome summary as one JSON object on stdout");
  cmd->add_flag("-f,--force", opts->force, "Replace an existing output file");
  cmd->add_flag("--profile", opts->profile,
                "Time each phase of the day and print the table on stderr (results unchanged)");
  add_progress_options(cmd, opts->progress);
  cmd->callback([opts, &ctx] { run(*opts, ctx); });
}

}  // namespace flashpoint::cli
