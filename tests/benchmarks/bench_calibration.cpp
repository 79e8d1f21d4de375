// Calibration (docs/calibration.md): particles per second of ABC-SMC, for the algorithm alone
// (BM_AbcGeneration: one generation's proposals and their acceptance, with a distance that
// costs nothing) and for a generation of the shipped calibration with its runs
// (BM_CalibrationGeneration: every particle of generation 0 run on every scenario of
// scenarios/calibration/pak-afg.yaml, its replicates, and the statistics, on one thread).
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "bench_register.hpp"
#include "experiment/abc.hpp"
#include "experiment/calibrate.hpp"
#include "experiment/engine.hpp"

namespace flashpoint::bench {
namespace {

std::vector<UncertainParameter> six_priors() {
  std::vector<UncertainParameter> out;
  for (int j = 0; j < 6; ++j) {
    UncertainParameter p;
    p.path = fmt::format("p{}", j);
    p.distribution = j % 2 == 0 ? Distribution::kUniform : Distribution::kLogUniform;
    p.low = 0.01;
    p.high = 1;
    out.push_back(std::move(p));
  }
  return out;
}

/// A distance from the proposals alone: sum of squares away from the point 0.3.
double toy_distance(const AbcProposals& p, Eigen::Index k) {
  double d = 0;
  for (Eigen::Index j = 0; j < p.z.cols(); ++j) {
    const double x = j % 2 == 0 ? p.z(k, j) : std::exp(p.z(k, j));
    d += (x - 0.3) * (x - 0.3);
  }
  return std::sqrt(d) * 10;
}

void BM_AbcGeneration(benchmark::State& state) {
  AbcSettings s;
  s.particles = static_cast<int>(state.range(0));
  s.generations = 1000;
  s.final_tolerance = 1e-9;
  s.min_acceptance = 0;
  s.seed = 1;
  std::optional<AbcSmc> abc;
  std::vector<AbcEvaluation> ev;
  auto step = [&] {
    const AbcProposals p = abc->propose();
    ev.assign(p.slots.size(), AbcEvaluation{});
    for (std::size_t k = 0; k < p.slots.size(); ++k) {
      ev[k].distance = toy_distance(p, static_cast<Eigen::Index>(k));
    }
    abc->absorb(p, ev);
  };
  // A fresh calibration (its generation 0, the prior draws, untimed) whenever one finishes.
  auto restart = [&] {
    abc.emplace(six_priors(), s);
    step();
  };
  restart();
  for (auto _ : state) {
    if (abc->finished()) {
      state.PauseTiming();
      restart();
      state.ResumeTiming();
    }
    step();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["particles_per_second"] = benchmark::Counter(
      static_cast<double>(state.range(0)), benchmark::Counter::kIsIterationInvariantRate);
}

void BM_CalibrationGeneration(benchmark::State& state) {
  const std::string file =
      settings().quick
          ? std::string(FLASHPOINT_SOURCE_DIR) + "/tests/data/experiments/calibration_small.yaml"
          : std::string(FLASHPOINT_SOURCE_DIR) + "/scenarios/calibration/pak-afg.yaml";
  const Calibration c(load_calibration(file));
  AbcSmc abc(c.spec().priors.parameters, c.settings());
  const AbcProposals p = abc.propose();
  const ExperimentRuns e = c.generation_runs(p);
  double runs = 0;
  for (auto _ : state) {
    const auto ev = c.evaluate(
        p, [&](const std::function<void(RunResult &&)>& sink) { run_in_memory(e, 1, sink); });
    benchmark::DoNotOptimize(ev.front().distance);
    runs = static_cast<double>(e.runs);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(p.slots.size()));
  state.counters["particles"] = static_cast<double>(p.slots.size());
  state.counters["runs"] = runs;
  state.counters["particles_per_second"] = benchmark::Counter(
      static_cast<double>(p.slots.size()), benchmark::Counter::kIsIterationInvariantRate);
}

}  // namespace

void register_calibration_benchmarks(const Settings& s) {
  auto* abc = benchmark::RegisterBenchmark("BM_AbcGeneration", BM_AbcGeneration);
  abc->Unit(benchmark::kMicrosecond)->MinTime(s.quick ? 0.01 : 1.0);
  if (s.quick) {
    abc->Arg(100);
  } else {
    abc->Arg(100)->Arg(1000)->Arg(10'000);
  }
  benchmark::RegisterBenchmark("BM_CalibrationGeneration", BM_CalibrationGeneration)
      ->Unit(benchmark::kMillisecond)
      ->Iterations(1)
      ->UseRealTime();
}

}  // namespace flashpoint::bench
