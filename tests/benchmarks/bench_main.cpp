// flashpoint_bench: the performance benchmarks of issue 6 (Google Benchmark). Besides the usual
// --benchmark_* flags it takes:
//   --fp_quick               tiny sizes, a few milliseconds each (the ctest benchmark.quick)
//   --fp_max_citizens=N      largest citizen count of the citizen update (default 1e8)
//   --fp_scenario=FILE       scenario of the model benchmarks (default: the seed scenario)
//   --fp_tmpdir=DIR          where BM_HdfWrite writes (default: the system's temporary folder)
//   --fp_triad_elements=N    elements per triad array (default 8e7: 3 x 640 MB)
// Before any benchmark it checks that its set-up of a run (start_world) matches simulate().
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "bench_register.hpp"
#include "bench_support.hpp"
#include "core/error.hpp"
#include "scenario/loader.hpp"

namespace {

/// Takes the --fp_* flags out of argv (Google Benchmark refuses flags it does not know).
bool parse_own_flags(int& argc, char** argv, flashpoint::bench::Settings& s) {
  std::vector<char*> rest{argv[0]};
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg(argv[i]);
    auto value = [&](std::string_view flag) -> const char* {
      return arg.starts_with(flag) ? argv[i] + flag.size() : nullptr;
    };
    if (arg == "--fp_quick") {
      s.quick = true;
      s.triad_elements = 1'000'000;
    } else if (const char* citizens = value("--fp_max_citizens=")) {
      s.max_citizens = std::strtod(citizens, nullptr);
    } else if (const char* scenario = value("--fp_scenario=")) {
      s.scenario = scenario;
    } else if (const char* tmpdir = value("--fp_tmpdir=")) {
      s.tmpdir = tmpdir;
    } else if (const char* elements = value("--fp_triad_elements=")) {
      s.triad_elements = std::strtoll(elements, nullptr, 10);
    } else if (arg.starts_with("--fp_")) {
      std::fprintf(stderr, "flashpoint_bench: unknown flag %s\n", argv[i]);
      return false;
    } else {
      rest.push_back(argv[i]);
    }
  }
  for (std::size_t i = 0; i < rest.size(); ++i) argv[i] = rest[i];
  argc = static_cast<int>(rest.size());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace flashpoint::bench;
  Settings& s = settings();
  s.scenario = seed_scenario_path();
  s.tmpdir = std::filesystem::temp_directory_path().string();
  if (!parse_own_flags(argc, argv, s)) return 2;
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;

  try {
    if (const std::string problem = check_step_matches_simulate(); !problem.empty()) {
      std::fprintf(stderr, "flashpoint_bench: %s\n", problem.c_str());
      return 1;
    }
    register_memory_benchmarks(s);
    register_model_benchmarks(s);
    register_baseline_benchmarks(s);
    register_output_benchmarks(s);
    register_calibration_benchmarks(s);
    benchmark::AddCustomContext("flashpoint_scenario", s.scenario);
    benchmark::AddCustomContext("flashpoint_sizes", s.quick ? "quick" : "full");
    // scripts/bench.sh chooses people_per_agent from it for its runs at 1e6 and 1e7 citizens.
    benchmark::AddCustomContext(
        "flashpoint_scenario_people",
        fmt::format("{:.17g}", total_population(flashpoint::load_scenario(s.scenario))));
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
  } catch (const flashpoint::InputError& e) {
    std::fprintf(stderr, "flashpoint_bench: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "flashpoint_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
