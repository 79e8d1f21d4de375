// `flashpoint generate -o OUT.yaml`: write a large synthetic scenario for benchmarks and tests
// (src/experiment/generate.hpp describes what it contains). Parsing and writing only.
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "experiment/generate.hpp"
#include "output/output_target.hpp"
#include "scenario/loader.hpp"

namespace flashpoint::cli {

namespace {

struct GenerateCliOptions {
  std::string output;
  double citizens = 1e6;  // a double so that 1e6 is accepted; must be a whole number
  GenerateOptions generate;
  bool force = false;
};

void generate(GenerateCliOptions& o) {
  if (o.citizens != std::floor(o.citizens)) {
    throw InputError(Problem{"generate", 0, 0, "--citizens",
                             fmt::format("{} is not a whole number of citizens", o.citizens)});
  }
  o.generate.citizens = static_cast<std::int64_t>(o.citizens);
  const OutputLock lock = OutputLock::take(OutputRequest{.path = o.output, .force = o.force});
  const CitizenPlan plan = plan_citizens(o.generate);
  const std::string yaml = generate_scenario_yaml(o.generate);
  // The file must load as it is written: the loader also caps the citizen agents a run may
  // create (population.people_per_agent), which --citizens up to 1e9 can exceed.
  try {
    (void)load_scenario_text(yaml, o.output);
  } catch (const InputError& e) {
    std::vector<Problem> problems = {
        Problem{"generate", 0, 0, "",
                "the scenario made from these options would not load (nothing was written); lower "
                "--citizens or the other sizes:"}};
    problems.insert(problems.end(), e.problems().begin(), e.problems().end());
    throw InputError(std::move(problems));
  }
  write_output_file(o.output, yaml, o.force);
  fmt::print(
      "{}: {} citizen agents (asked for {}), {} people per agent, {} districts, {} "
      "sectors, {} cells, {} days, seed {}\n",
      o.output, plan.citizens, o.generate.citizens, plan.people_per_agent, o.generate.districts,
      o.generate.sectors, o.generate.cells, o.generate.days, o.generate.seed);
}

}  // namespace

void add_generate_command(CLI::App& app, Context& /*ctx*/) {
  auto opts = std::make_shared<GenerateCliOptions>();
  auto* cmd = app.add_subcommand(
      "generate", "Write a large synthetic scenario (invented names) for benchmarks and tests");
  cmd->add_option("-o,--output", opts->output, "Scenario file to write (YAML)")->required();
  cmd->add_option("--citizens", opts->citizens,
                  "Citizen agents in the scenario (exact up to rounding per district)")
      ->check(CLI::Range(1.0, static_cast<double>(kGenerateMaxCitizens)))
      ->capture_default_str();
  cmd->add_option("--districts", opts->generate.districts, "Districts, half on each side")
      ->check(CLI::Range(kGenerateMinDistricts, kGenerateMaxDistricts))
      ->capture_default_str();
  cmd->add_option("--sectors", opts->generate.sectors,
                  "Sectors of the border, each with posts on both sides (at most districts/2)")
      ->check(CLI::Range(1, kGenerateMaxDistricts / 2))
      ->capture_default_str();
  cmd->add_option("--cells", opts->generate.cells, "Armed-group cells at the start")
      ->check(CLI::Range(0, kGenerateMaxCells))
      ->capture_default_str();
  cmd->add_option("--days", opts->generate.days, "Length of the run")
      ->check(CLI::Range(1, kGenerateMaxDays))
      ->capture_default_str();
  cmd->add_option("--seed", opts->generate.seed, "The scenario's master seed")
      ->check(CLI::Range(std::uint64_t{0}, kGenerateMaxSeed))
      ->capture_default_str();
  cmd->add_flag("-f,--force", opts->force, "Replace an existing output file");
  cmd->callback([opts] { generate(*opts); });
}

}  // namespace flashpoint::cli
