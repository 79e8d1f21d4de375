#pragma once
// Tests of the model on tests/data/layer2.yaml (two states, an armed group with cells, two
// mediators, refugees, policies): the file with `--set` overrides, and a World ready for a phase.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "experiment/runner.hpp"
#include "model/phases.hpp"
#include "model/simulation.hpp"
#include "model/world.hpp"
#include "scenario/loader.hpp"

namespace flashpoint::layer2 {

inline const std::string kPath = std::string(FLASHPOINT_TEST_DATA_DIR) + "/layer2.yaml";
inline constexpr int kNorth = 0, kSouth = 1;  // state indices (also actor indices)

/// tests/data/layer2.yaml with `--set` overrides.
inline Scenario with(const std::vector<std::string>& sets = {}) {
  std::vector<Override> overrides;
  for (const auto& s : sets) overrides.push_back(parse_override(s));
  return load_scenario(kPath, overrides);
}

/// A World on day 0, its results sized and today's window rolled: ready for a phase or a
/// booking. The World refers to `sc`: keep the scenario alive as long as the World.
inline std::unique_ptr<World> day_zero(const Scenario& sc, std::uint64_t seed = 21) {
  auto w = std::make_unique<World>(sc, seed);
  prepare_result(*w);
  w->day = 0;
  w->today.clear();
  run_phase(*w, "roll_windows");
  return w;
}

}  // namespace flashpoint::layer2
