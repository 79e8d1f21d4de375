#include "bench_support.hpp"

#include <malloc.h>

#include <vector>

#include <fmt/format.h>

#include "core/rng.hpp"
#include "experiment/digest.hpp"
#include "model/phases.hpp"
#include "model/simulation.hpp"
#include "scenario/loader.hpp"

namespace flashpoint::bench {

Settings& settings() {
  static Settings s;
  return s;
}

std::string seed_scenario_path() {
  return std::string(FLASHPOINT_SOURCE_DIR) + "/scenarios/pak-afg-2025.yaml";
}

double total_population(const Scenario& sc) {
  double people = 0;
  for (const auto& d : sc.districts) people += d.population;
  return people;
}

std::unique_ptr<Scenario> scaled_scenario(const std::string& path, double citizens, int days) {
  std::vector<Override> overrides;
  if (days > 0) overrides.push_back(parse_override(fmt::format("days={}", days)));
  if (citizens > 0) {
    const double people = total_population(load_scenario(path));
    overrides.push_back(
        parse_override(fmt::format("population.people_per_agent={:.17g}", people / citizens)));
  }
  return std::make_unique<Scenario>(load_scenario(path, overrides));
}

std::unique_ptr<World> start_world(const Scenario& sc, std::uint64_t seed, double* citizen_bytes) {
  auto w = std::make_unique<World>(sc, seed);
  w->result.seed = seed;
  prepare_result(*w);
  const double before = heap_bytes();
  init_society(*w);
  if (citizen_bytes != nullptr) *citizen_bytes = heap_bytes() - before;
  init_refugees(*w);
  return w;
}

std::size_t agents_of(const World& w) {
  std::size_t live_cells = 0;
  for (auto alive : w.insurgency.cells.alive) live_cells += alive;
  return w.society.citizens.size() + live_cells + w.ops.posts.size();
}

double heap_bytes() {
  const struct mallinfo2 m = mallinfo2();
  return static_cast<double>(m.uordblks + m.hblkhd);
}

std::string check_step_matches_simulate() {
  const auto sc = scaled_scenario(seed_scenario_path(), 0, 61);
  const RunPlan plan{0, run_seed(sc->seed, 0, 0), 0};
  Digest expected;
  expected.add(simulate(*sc, plan, false));

  auto w = start_world(*sc, plan.seed);
  for (w->day = 0; w->day < sc->days; ++w->day) step_day(*w);
  finish_run(*w);
  Digest got;
  got.add(w->result);
  if (got.value() == expected.value()) return {};
  return fmt::format(
      "a run set up by the benchmarks' start_world() (tests/benchmarks/bench_support.cpp) no "
      "longer matches simulate(): digest {} against {}",
      got.hex(), expected.hex());
}

}  // namespace flashpoint::bench
