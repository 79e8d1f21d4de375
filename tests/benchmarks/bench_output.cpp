// Writing results: ResultsWriter (the HDF5 layer) writing N distinct runs of the seed scenario,
// at each keep level of a sweep (outcomes; + daily series; + events). The figure is MB/s of file
// written (the file's size on disk after finish(), gzip level 4 and shuffle, as sweeps write).
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "bench_register.hpp"
#include "bench_support.hpp"
#include "core/rng.hpp"
#include "experiment/specs.hpp"
#include "model/simulation.hpp"
#include "output/hdf5_writer.hpp"

namespace flashpoint::bench {

namespace {

/// `runs` distinct runs of the seed scenario (replicates 0..runs-1), made once and shared by the
/// keep levels: copies of one run would compress far better than a real sweep's runs do.
const std::vector<RunResult>& seed_runs(const Scenario& sc, std::int64_t runs) {
  static std::vector<RunResult> results;
  if (static_cast<std::int64_t>(results.size()) != runs) {
    results.clear();
    for (std::int64_t i = 0; i < runs; ++i) {
      const auto replicate = static_cast<std::int32_t>(i);
      results.push_back(simulate(
          sc, RunPlan{i, run_seed(sc.seed, 0, static_cast<std::uint64_t>(i)), replicate}, false));
    }
  }
  return results;
}

/// Arguments: runs, keep level (0 outcomes, 1 series, 2 events).
void BM_HdfWrite(benchmark::State& state) {
  const auto runs = static_cast<std::int64_t>(state.range(0));
  const auto keep = static_cast<KeepLevel>(state.range(1));
  const auto sc = scaled_scenario(seed_scenario_path(), 0);
  const std::vector<RunResult>& results = seed_runs(*sc, runs);
  double events = 0;
  for (const RunResult& r : results) events += static_cast<double>(r.events.size());
  const ResultsLayout layout = results_layout(*sc);
  Provenance provenance;
  provenance.command_line = "flashpoint_bench";
  provenance.master_seed = sc->seed;
  provenance.scenario_name = sc->name;
  provenance.scenario_path = sc->source_path;
  provenance.scenario_yaml = sc->source_text;
  provenance.resolved_parameters = sc->resolved;
  provenance.start_date = sc->start_date.to_string();
  // As a sweep keeping `keep` writes (outcomes; + daily series; + the event table).
  WriterOptions options;
  options.runs = runs;
  options.series = keep != KeepLevel::kOutcomes;
  options.events = keep == KeepLevel::kEvents;
  const std::string path =
      fmt::format("{}/flashpoint_bench_{}_{}.h5", settings().tmpdir, getpid(), state.range(1));

  double file_bytes = 0;
  for (auto _ : state) {
    ResultsWriter writer(path, layout, provenance, options);
    for (const RunResult& r : results) writer.write(r);
    writer.finish();
    state.PauseTiming();
    file_bytes = static_cast<double>(std::filesystem::file_size(path));
    std::filesystem::remove(path);
    state.ResumeTiming();
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(file_bytes));
  state.SetItemsProcessed(state.iterations() * runs);
  state.SetLabel(keep_level_name(keep));
  state.counters["runs"] = static_cast<double>(runs);
  state.counters["file_bytes"] = file_bytes;
  state.counters["file_bytes_per_run"] = file_bytes / static_cast<double>(runs);
  state.counters["events_per_run"] = events / static_cast<double>(runs);
  state.counters["runs_per_second"] =
      benchmark::Counter(static_cast<double>(runs), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["file_MB_per_second"] = benchmark::Counter(
      file_bytes / 1e6, benchmark::Counter::kIsIterationInvariantRate, benchmark::Counter::kIs1000);
}

}  // namespace

void register_output_benchmarks(const Settings& s) {
  const std::int64_t runs = s.quick ? 2 : 500;
  benchmark::RegisterBenchmark("BM_HdfWrite", BM_HdfWrite)
      ->Args({runs, static_cast<std::int64_t>(KeepLevel::kOutcomes)})
      ->Args({runs, static_cast<std::int64_t>(KeepLevel::kSeries)})
      ->Args({runs, static_cast<std::int64_t>(KeepLevel::kEvents)})
      ->Unit(benchmark::kMillisecond)
      ->MinTime(s.quick ? 0.01 : 1.0)
      ->UseRealTime();
}

}  // namespace flashpoint::bench
