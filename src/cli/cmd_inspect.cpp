// `flashpoint inspect FILE`: describes a results file (docs/output.md).
#include <memory>
#include <string>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "output/hdf5_reader.hpp"

namespace flashpoint::cli {

void add_inspect_command(CLI::App& app, Context& /*ctx*/) {
  auto* cmd = app.add_subcommand(
      "inspect", "Describe a results file: provenance, dimensions, variables and events");
  auto path = std::make_shared<std::string>();
  // No CLI::ExistingFile check: describe_results_file() explains a missing file in the same
  // words as any other unreadable one (exit code 2).
  cmd->add_option("FILE", *path, "results file written by `flashpoint run`")->required();
  cmd->callback([path] { fmt::print("{}", describe_results_file(*path)); });
}

}  // namespace flashpoint::cli
