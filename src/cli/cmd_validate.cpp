// `flashpoint validate FILE [--set PATH=VALUE]...`: load and check a scenario, print a summary.
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "scenario/loader.hpp"

namespace flashpoint::cli {

namespace {

struct ValidateOptions {
  std::string file;
  std::vector<std::string> sets;
};

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

void print_summary(const Scenario& sc) {
  std::size_t posts = 0;
  for (const auto& s : sc.sectors) {
    for (const auto& g : s.posts) posts += static_cast<std::size_t>(g.count);
  }
  fmt::print("{}: valid\n", sc.source_path);
  fmt::print("  name       {}\n", sc.name);
  fmt::print("  dates      {} to {} ({}), free from {} (day {})\n", sc.start_date.to_string(),
             sc.start_date.plus_days(sc.days - 1).to_string(), plural(sc.days, "day", "days"),
             sc.start_date.plus_days(sc.free_from_day).to_string(), sc.free_from_day);
  fmt::print("  actors     {}, {}, {}\n", plural(sc.states().size(), "state", "states"),
             plural(sc.armed_groups().size(), "armed group", "armed groups"),
             plural(sc.mediators().size(), "mediator", "mediators"));
  fmt::print("  places     {}, {} with {}, {}\n",
             plural(sc.districts.size(), "district", "districts"),
             plural(sc.sectors.size(), "sector", "sectors"), plural(posts, "post", "posts"),
             plural(sc.crossings.size(), "crossing", "crossings"));
  fmt::print("  script     {}, {}\n", plural(sc.events.size(), "scripted event", "scripted events"),
             plural(sc.policies.size(), "policy", "policies"));
}

}  // namespace

void add_validate_command(CLI::App& app, Context& /*ctx*/) {
  auto opts = std::make_shared<ValidateOptions>();
  CLI::App* cmd = app.add_subcommand("validate", "Check a scenario file and print a summary");
  cmd->add_option("file", opts->file, "Scenario file (YAML)")->required();
  cmd->add_option("--set", opts->sets, "Override a parameter: PATH=VALUE (repeatable)")
      ->allow_extra_args(false)
      ->type_name("PATH=VALUE");
  cmd->callback([opts] {
    std::vector<Override> overrides;
    std::vector<Problem> problems;
    for (const auto& s : opts->sets) {
      try {
        overrides.push_back(parse_override(s));
      } catch (const InputError& e) {
        problems.insert(problems.end(), e.problems().begin(), e.problems().end());
      }
    }
    if (!problems.empty()) throw InputError(std::move(problems));
    print_summary(load_scenario(opts->file, overrides));
  });
}

}  // namespace flashpoint::cli
