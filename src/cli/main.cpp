// `flashpoint`: parsing and printing only; the work happens in the engine library.
#include <csignal>
#include <cstdio>
#include <exception>
#include <memory>
#include <new>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "experiment/comm.hpp"
#include "flashpoint/version.hpp"
#include "output/hdf5_reader.hpp"

int main(int argc, char** argv) {
  using namespace flashpoint;
  cli::Context ctx;
  for (int i = 0; i < argc; ++i) {
    if (i > 0) ctx.command_line += ' ';
    ctx.command_line += argv[i];
  }

  CLI::App app{"Flashpoint: an agent-based simulator of border escalation"};
  app.set_version_flag("--version",
                       fmt::format("flashpoint {} ({})", kSoftwareVersion, kGitCommit));
  app.require_subcommand(1);
  cli::add_run_command(app, ctx);
  cli::add_validate_command(app, ctx);
  cli::add_params_command(app, ctx);
  cli::add_inspect_command(app, ctx);
  cli::add_sweep_command(app, ctx);
  cli::add_compare_command(app, ctx);
  cli::add_merge_command(app, ctx);
  cli::add_calibrate_command(app, ctx);
  cli::add_generate_command(app, ctx);

  // MPI (when built with it and launched by mpirun or srun) starts before anything is parsed
  // and ends after everything, including the error paths below.
  const std::unique_ptr<Communicator> comm = make_communicator(&argc, &argv);
  set_world(comm.get());

  install_interrupt_handlers();
  // A file size limit (ulimit -f) reached must fail the write (EFBIG) and be reported like a
  // full disk, not kill the process with SIGXFSZ.
  std::signal(SIGXFSZ, SIG_IGN);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Help and version are "errors" to CLI11 with exit code 0; everything else is bad input.
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitBadInput;
  } catch (const InputError& e) {
    // Under MPI every rank reads the same input and finds the same problems: rank 0 says them.
    if (world().rank() != 0) return kExitBadInput;
    for (const auto& p : e.problems()) fmt::print(stderr, "{}\n", p.format());
    fmt::print(stderr, "flashpoint: {} problem{} in the input.\n", e.problems().size(),
               e.problems().size() == 1 ? "" : "s");
    return kExitBadInput;
  } catch (const Interrupted& e) {
    fmt::print(stderr, "flashpoint: {}; stopped, and no results file was written.\n", e.what());
    return kExitInterrupted;
  } catch (const OutputError& e) {
    fmt::print(stderr, "flashpoint: error: {}\n", readable_error(e.what()));
    return kExitFailure;
  } catch (const ModelDiverged& e) {
    // Valid parameters whose run stopped being a number: said as the user's problem, not ours.
    fmt::print(stderr, "flashpoint: error: {}\n", e.what());
    return kExitFailure;
  } catch (const std::bad_alloc& e) {
    // Not a bug: the machine, or a limit on the process (ulimit -v, a cgroup), has no more.
    fmt::print(stderr,
               "flashpoint: error: out of memory ({}): the machine, or a limit on this process "
               "such as ulimit -v, gave no more; use fewer --threads, fewer citizen agents (a "
               "larger population.people_per_agent) or a lower max_events_per_run\n",
               e.what());
    return kExitFailure;
  } catch (const std::exception& e) {
    fmt::print(stderr, "flashpoint: internal error: {}\n", e.what());
    return kExitFailure;
  }
  return ctx.exit_code;
}
