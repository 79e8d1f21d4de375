// `flashpoint params [--markdown]`: print the parameter table (defaults, units, ranges).
#include <memory>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "scenario/params_doc.hpp"

namespace flashpoint::cli {

void add_params_command(CLI::App& app, Context& /*ctx*/) {
  auto markdown = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand(
      "params", "List every scenario parameter with its default, unit and valid range");
  cmd->add_flag("--markdown", *markdown, "Print Markdown tables (as in docs/scenarios.md)");
  cmd->callback([markdown] { fmt::print("{}", format_parameter_table(*markdown)); });
}

}  // namespace flashpoint::cli
