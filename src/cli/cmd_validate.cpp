// `flashpoint validate FILE [--set PATH=VALUE]...`: load and check a scenario, print a summary.
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "experiment/calibrate.hpp"
#include "experiment/compare.hpp"
#include "experiment/record.hpp"
#include "experiment/sweep.hpp"
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
  CLI::App* cmd = app.add_subcommand(
      "validate", "Check a scenario, sweep or comparison file and print a summary");
  cmd->add_option("file", opts->file, "Scenario, sweep or comparison file (YAML)")->required();
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
    const std::string kind = experiment_kind_of_file(opts->file);
    if (!kind.empty() && kind != "sweep" && kind != "comparison" && kind != "calibration") {
      // Scenario files have no `kind`; parse the file as a sweep to locate the bad value.
      (void)load_sweep(opts->file);
    }
    if (kind == "sweep" || kind == "comparison" || kind == "calibration") {
      if (!overrides.empty()) {
        throw InputError(Problem{opts->file, 0, 0, "",
                                 fmt::format("--set applies to scenario files; a {} file sets "
                                             "values with its own 'set:' map",
                                             kind)});
      }
      if (kind == "calibration") {
        const Calibration c(load_calibration(opts->file));
        const auto& spec = c.spec();
        fmt::print(
            "{}: valid calibration '{}'\n  scenarios  {}\n  parameters {}, targets {}\n  abc       "
            " "
            "{} particles x {} replicates, at most {} generations ({} runs a generation)\n",
            opts->file, spec.name, c.used().size(), spec.priors.parameters.size(),
            spec.targets.size(), spec.particles, spec.replicates, spec.generations,
            c.runs_per_generation());
        return;
      }
      if (kind == "sweep") {
        const Sweep sweep(load_sweep(opts->file));
        fmt::print(
            "{}: valid sweep '{}'\n  scenario   {}\n  design     {}, {} parameters, {} "
            "points x {} replicates = {} runs\n",
            opts->file, sweep.spec().name, sweep.spec().scenario_path,
            design_kind_name(sweep.spec().design.kind), sweep.spec().design.parameters.size(),
            sweep.points(), sweep.spec().replicates, sweep.runs());
      } else {
        const Comparison c(load_comparison(opts->file));
        fmt::print(
            "{}: valid comparison '{}'\n  scenario   {}\n  options    {} (status quo: "
            "{})\n  runs       {} scenarios x {} replicates x {} options = {}\n",
            opts->file, c.spec().name, c.spec().scenario_path, c.spec().options.size(),
            c.spec().options[c.spec().status_quo].name, c.scenarios(), c.spec().replicates,
            c.spec().options.size(), c.runs());
      }
      return;
    }
    const Scenario sc = load_scenario(opts->file, overrides);
    check_record(sc);
    print_summary(sc);
  });
}

}  // namespace flashpoint::cli
