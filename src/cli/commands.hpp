#pragma once
// Subcommands of `flashpoint`. Each cmd_*.cpp registers one subcommand; main.cpp turns the
// exceptions they throw into messages and exit codes (docs/cli.md): InputError -> 2,
// OutputError and anything else -> 1.
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "experiment/progress.hpp"

namespace flashpoint::cli {

/// Shared by every subcommand.
struct Context {
  std::string command_line;  ///< argv joined, for provenance
  int exit_code = 0;         ///< set by a subcommand that wants a non-zero exit without throwing
};

void add_run_command(CLI::App& app, Context& ctx);        // cmd_run.cpp
void add_validate_command(CLI::App& app, Context& ctx);   // cmd_validate.cpp
void add_params_command(CLI::App& app, Context& ctx);     // cmd_params.cpp
void add_inspect_command(CLI::App& app, Context& ctx);    // cmd_inspect.cpp
void add_sweep_command(CLI::App& app, Context& ctx);      // cmd_experiment.cpp
void add_compare_command(CLI::App& app, Context& ctx);    // cmd_experiment.cpp
void add_merge_command(CLI::App& app, Context& ctx);      // cmd_experiment.cpp
void add_calibrate_command(CLI::App& app, Context& ctx);  // cmd_experiment.cpp
void add_generate_command(CLI::App& app, Context& ctx);   // cmd_generate.cpp

/// `--progress` and `--progress-interval` of run, sweep, compare and calibrate (docs/cli.md).
struct ProgressOptions {
  std::optional<std::string> mode;  ///< auto, bar, lines or none; unset: auto
  double interval_seconds = 10;     ///< of --progress=lines
};

/// Adds --progress and --progress-interval to `cmd`. progress_options.cpp.
void add_progress_options(CLI::App* cmd, ProgressOptions& o);

/// The report function the options ask for on stderr, or none: `auto` is the bar when stderr is
/// a terminal and nothing otherwise, and nothing when `silent` (--quiet, --json) unless --progress
/// was given. A bad value is an InputError. progress_options.cpp.
[[nodiscard]] ProgressFn make_progress(const ProgressOptions& o, bool silent);

/// Prints on stderr, unless `quiet`, one warning per plausibility check that flagged runs
/// (model/plausibility.hpp; docs/cli.md, "Plausibility warnings"). cmd_run.cpp.
void print_plausibility_warnings(const std::vector<std::string>& warnings, bool quiet);

}  // namespace flashpoint::cli
