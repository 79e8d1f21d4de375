// The model's hot paths: the citizen update (update_society), the cell and post updates
// (update_cells, recover_forces), one day (every phase) and whole runs (simulate).
//
// Every benchmark builds its world from a scenario file (the seed scenario unless --fp_scenario)
// with population.people_per_agent chosen to give the wanted number of citizen agents; the
// argument 0 keeps the file's own weight. Worlds start as simulate() starts them.
#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "bench_register.hpp"
#include "bench_support.hpp"
#include "core/rng.hpp"
#include "model/phases.hpp"
#include "model/simulation.hpp"

namespace flashpoint::bench {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

std::uint64_t seed_of(const Scenario& sc) {
  return run_seed(sc.seed, 0, 0);
}

/// Citizen-days and bytes moved: every citizen column read once (the heap bytes init_society
/// allocated per citizen) plus the status columns written back.
void citizen_counters(benchmark::State& state, const World& w, double citizen_bytes) {
  const double n = static_cast<double>(w.society.citizens.size());
  const double column_bytes = n > 0 ? citizen_bytes / n : 0.0;
  const double moved = column_bytes + kCitizenUpdateWrittenBytes;
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(n * moved));
  state.counters["citizens"] = n;
  state.counters["citizen_days_per_second"] =
      benchmark::Counter(n, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["column_bytes_per_citizen"] = column_bytes;
  state.counters["counted_bytes_per_citizen_day"] = moved;
}

/// update_society alone, day after day, on a world built at day 0 and warmed by a few updates
/// (the first days activate and jail citizens). The other phases do not run, so there is no
/// violence: these are quiet days (no displacement picks).
void BM_CitizenUpdate(benchmark::State& state) {
  const auto sc = scaled_scenario(settings().scenario, static_cast<double>(state.range(0)));
  double citizen_bytes = 0;
  auto w = start_world(*sc, seed_of(*sc), &citizen_bytes);
  for (int d = 0; d < 3; ++d) run_phase(*w, "update_society");
  for (auto _ : state) {
    run_phase(*w, "update_society");
    benchmark::ClobberMemory();
  }
  citizen_counters(state, *w, citizen_bytes);
}

/// update_society inside real days: every phase runs, only update_society is timed (violent days
/// included, with their displacement picks). A new world starts after the scenario's last day,
/// untimed.
void BM_CitizenUpdateInRun(benchmark::State& state) {
  const auto sc = scaled_scenario(settings().scenario, static_cast<double>(state.range(0)));
  double citizen_bytes = 0;
  auto w = start_world(*sc, seed_of(*sc), &citizen_bytes);
  for (auto _ : state) {
    if (w->day >= sc->days) w = start_world(*sc, seed_of(*sc));
    step_day_with(*w, [&](World& x) {
      const auto t0 = Clock::now();
      run_phase(x, "update_society");
      state.SetIterationTime(seconds_since(t0));
    });
    ++w->day;
  }
  citizen_counters(state, *w, citizen_bytes);
}

/// A world after `days` real days, for the benchmarks of one phase.
std::unique_ptr<World> warmed_world(const Scenario& sc, int days) {
  auto w = start_world(sc, seed_of(sc));
  for (; w->day < days && w->day < sc.days; ++w->day) step_day(*w);
  return w;
}

/// update_cells on the state of day 20 of the seed scenario, restored before every iteration
/// (untimed), so each iteration does the same work with the same draws.
void BM_Cells(benchmark::State& state) {
  const auto sc = scaled_scenario(settings().scenario, static_cast<double>(state.range(0)));
  auto w = warmed_world(*sc, 20);
  const CellColumns cells = w->insurgency.cells;
  const auto fighters = w->insurgency.fighters, sigma = w->insurgency.sigma;
  const auto strikes = w->today.target_strikes;
  const auto deaths = w->today.deaths;
  const auto violent = w->district_deaths.all, civilian = w->district_deaths.civilians;
  const Eigen::MatrixXd goldstein = w->today.received_conflict;
  const std::size_t events = w->result.events.size();
  const Engine rng = w->rng[Purpose::kInsurgency];
  std::size_t live = 0;
  for (auto alive : cells.alive) live += alive;
  for (auto _ : state) {
    const auto t0 = Clock::now();
    run_phase(*w, "update_cells");
    state.SetIterationTime(seconds_since(t0));
    w->insurgency.cells = cells;
    w->insurgency.fighters = fighters;
    w->insurgency.sigma = sigma;
    w->today.target_strikes = strikes;
    w->today.deaths = deaths;
    w->district_deaths.all = violent;
    w->district_deaths.civilians = civilian;
    w->today.received_conflict = goldstein;
    w->result.events.resize(events);
    w->rng[Purpose::kInsurgency] = rng;
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(cells.size()));
  state.counters["cells"] = static_cast<double>(cells.size());
  state.counters["live_cells"] = static_cast<double>(live);
  state.counters["cell_days_per_second"] = benchmark::Counter(
      static_cast<double>(cells.size()), benchmark::Counter::kIsIterationInvariantRate);
}

/// recover_forces (posts handed back under a ceasefire, garrisons reinforce, readiness decays) on
/// the posts of day 20, restored before every iteration (untimed).
void BM_Posts(benchmark::State& state) {
  const auto sc = scaled_scenario(settings().scenario, static_cast<double>(state.range(0)));
  auto w = warmed_world(*sc, 20);
  const auto garrison = w->ops.posts.garrison, readiness = w->ops.posts.readiness;
  const auto controller = w->ops.posts.controller;
  const std::size_t events = w->result.events.size();
  const Engine rng = w->rng[Purpose::kCombat];
  for (auto _ : state) {
    const auto t0 = Clock::now();
    run_phase(*w, "recover_forces");
    state.SetIterationTime(seconds_since(t0));
    w->ops.posts.garrison = garrison;
    w->ops.posts.readiness = readiness;
    w->ops.posts.controller = controller;
    w->result.events.resize(events);
    w->rng[Purpose::kCombat] = rng;
  }
  const auto posts = static_cast<double>(w->ops.posts.size());
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(posts));
  state.counters["posts"] = posts;
  state.counters["post_days_per_second"] =
      benchmark::Counter(posts, benchmark::Counter::kIsIterationInvariantRate);
}

/// One whole day (every phase), day after day through the scenario; a new world starts after
/// its last day, untimed.
void BM_Day(benchmark::State& state) {
  const auto sc = scaled_scenario(settings().scenario, static_cast<double>(state.range(0)));
  auto w = start_world(*sc, seed_of(*sc));
  double agent_days = 0;
  for (auto _ : state) {
    if (w->day >= sc->days) w = start_world(*sc, seed_of(*sc));
    agent_days += static_cast<double>(agents_of(*w));
    const auto t0 = Clock::now();
    step_day(*w);
    state.SetIterationTime(seconds_since(t0));
    ++w->day;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(agent_days));
  state.counters["citizens"] = static_cast<double>(w->society.citizens.size());
  state.counters["agents_mean"] =
      state.iterations() > 0 ? agent_days / static_cast<double>(state.iterations()) : 0.0;
  state.counters["agent_days_per_second"] =
      benchmark::Counter(agent_days, benchmark::Counter::kIsRate);
}

/// A whole run: simulate() with the scenario's days (argument 1, when given and > 0, sets the
/// days), set-up included. Agents are counted at the start (citizens + live cells + posts).
void BM_Run(benchmark::State& state) {
  const int days = state.range(1) > 0 ? static_cast<int>(state.range(1)) : 0;
  const auto sc = scaled_scenario(settings().scenario, static_cast<double>(state.range(0)), days);
  const RunPlan plan{0, seed_of(*sc), 0};
  double agents = 0;
  {
    auto w = start_world(*sc, plan.seed);
    agents = static_cast<double>(agents_of(*w));
    state.counters["citizens"] = static_cast<double>(w->society.citizens.size());
  }
  for (auto _ : state) {
    RunResult r = simulate(*sc, plan, false);
    benchmark::DoNotOptimize(r.peak_escalation);
  }
  const double agent_days = agents * sc->days;
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(agent_days));
  state.counters["agents"] = agents;
  state.counters["days"] = sc->days;
  state.counters["agent_days_per_second"] =
      benchmark::Counter(agent_days, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["runs_per_second"] =
      benchmark::Counter(1, benchmark::Counter::kIsIterationInvariantRate);
}

/// The scaling table: one run of 100 days (set-up included, as simulate() does it), with the
/// time taken to reach the end of days 25, 50 and 100. The seed scenario cannot be cut to 25 or
/// 50 days (its dated events and policies fall on days up to 60); the first d days of the
/// 100-day run are the same computation as a d-day run, so the time to day d is that run's time.
void BM_RunScaling(benchmark::State& state) {
  constexpr std::array<int, 3> kDays{25, 50, 100};
  const auto sc =
      scaled_scenario(settings().scenario, static_cast<double>(state.range(0)), kDays.back());
  const std::uint64_t seed = seed_of(*sc);
  std::array<double, kDays.size()> seconds{};
  std::size_t citizens = 0;
  for (auto _ : state) {
    const auto t0 = Clock::now();
    auto w = start_world(*sc, seed);
    std::size_t next = 0;
    for (w->day = 0; w->day < sc->days; ++w->day) {
      step_day(*w);
      if (w->day + 1 == kDays[next]) seconds[next++] += seconds_since(t0);
    }
    finish_run(*w);
    citizens = w->society.citizens.size();
  }
  const auto runs = static_cast<double>(state.iterations());
  state.counters["citizens"] = static_cast<double>(citizens);
  for (std::size_t k = 0; k < kDays.size(); ++k) {
    state.counters["seconds_to_day_" + std::to_string(kDays[k])] = seconds[k] / runs;
  }
}

}  // namespace

void register_model_benchmarks(const Settings& s) {
  const double short_time = s.quick ? 0.01 : 0.5;
  auto* citizen = benchmark::RegisterBenchmark("BM_CitizenUpdate", BM_CitizenUpdate);
  citizen->Unit(benchmark::kMillisecond)->MinTime(short_time)->UseRealTime();
  for (double n : {1e4, 1e5, 1e6, 1e7, 1e8}) {
    if (n <= s.max_citizens && (!s.quick || n <= 1e4)) citizen->Arg(static_cast<std::int64_t>(n));
  }
  auto* in_run = benchmark::RegisterBenchmark("BM_CitizenUpdateInRun", BM_CitizenUpdateInRun);
  in_run->Unit(benchmark::kMillisecond)->MinTime(short_time)->UseManualTime();
  for (double n : {1e5, 1e6}) {
    if (n <= s.max_citizens && (!s.quick || n <= 1e4)) in_run->Arg(static_cast<std::int64_t>(n));
  }
  if (s.quick) in_run->Arg(10'000);

  benchmark::RegisterBenchmark("BM_Cells", BM_Cells)
      ->Arg(0)
      ->Unit(benchmark::kMicrosecond)
      ->MinTime(short_time)
      ->UseManualTime();
  benchmark::RegisterBenchmark("BM_Posts", BM_Posts)
      ->Arg(0)
      ->Unit(benchmark::kMicrosecond)
      ->MinTime(short_time)
      ->UseManualTime();

  auto* day = benchmark::RegisterBenchmark("BM_Day", BM_Day);
  day->Unit(benchmark::kMillisecond)->MinTime(short_time)->UseManualTime();
  auto* run = benchmark::RegisterBenchmark("BM_Run", BM_Run);
  run->Unit(benchmark::kMillisecond)->MinTime(s.quick ? 0.01 : 2.0)->UseRealTime();
  if (s.quick) {
    day->Arg(10'000);
    run->Args({10'000, 61});  // the seed scenario's dated events end on day 60
  } else {
    for (std::int64_t n : {0, 100'000, 1'000'000}) {
      day->Arg(n);
      run->Args({n, 0});  // the scenario's own days (98 for the seed scenario)
    }
  }

  // Time per run against citizens and days: the scaling table.
  auto* grid = benchmark::RegisterBenchmark("BM_RunScaling", BM_RunScaling);
  grid->Unit(benchmark::kMillisecond)->MinTime(s.quick ? 0.01 : 0.5)->UseRealTime();
  for (double n : {1e4, 1e5, 1e6, 1e7}) {
    if (n <= s.max_citizens && (!s.quick || n <= 1e4)) grid->Arg(static_cast<std::int64_t>(n));
  }
}

}  // namespace flashpoint::bench
