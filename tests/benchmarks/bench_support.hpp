#pragma once
// Shared set-up of the benchmarks (flashpoint_bench): scenarios scaled to a number of citizen
// agents, worlds ready for day 0, the daily step, and the sizes chosen on the command line.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "model/phases.hpp"
#include "model/world.hpp"
#include "scenario/scenario.hpp"

namespace flashpoint::bench {

/// Sizes and inputs, set by main() from the --fp_* flags before any benchmark is registered.
struct Settings {
  bool quick = false;         ///< tiny sizes (the ctest benchmark.quick)
  double max_citizens = 1e8;  ///< largest citizen count of the citizen update
  std::string scenario;       ///< the scenario of the citizen, day and run benchmarks
  std::string tmpdir;         ///< where the HDF5 benchmark writes its files
  std::int64_t triad_elements = 80'000'000;  ///< per array (3 arrays of doubles)
};
[[nodiscard]] Settings& settings();

/// The seed scenario: FLASHPOINT_SOURCE_DIR/scenarios/pak-afg-2025.yaml.
[[nodiscard]] std::string seed_scenario_path();

/// Sum of the districts' populations (people).
[[nodiscard]] double total_population(const Scenario& sc);

/// `path` with population.people_per_agent = total population / citizens (about `citizens`
/// agents after per-district rounding; 0 keeps the file's own weight) and, when days > 0, that
/// many days.
[[nodiscard]] std::unique_ptr<Scenario> scaled_scenario(const std::string& path, double citizens,
                                                        int days = 0);

/// A world at the start of day 0, set up exactly as simulate() does before its first step:
/// prepare_result, init_society, init_refugees. When `citizen_bytes` is given it receives the
/// heap bytes init_society allocated (the citizen columns, whatever their layout).
[[nodiscard]] std::unique_ptr<World> start_world(const Scenario& sc, std::uint64_t seed,
                                                 double* citizen_bytes = nullptr);

/// One day of the model (src/model/step.cpp) with `society` called in place of update_society
/// (a benchmark wraps it in a timer).
template <class Society>
void step_day_with(World& w, Society&& society) {
  step_with_society(w, std::forward<Society>(society));
}

/// One day, exactly as simulate() steps it.
inline void step_day(World& w) {
  step(w);
}

/// Citizens, live cells and posts of a world: the agents of the agent-day counts.
[[nodiscard]] std::size_t agents_of(const World& w);

/// Bytes a citizen update must write back per citizen: the two status columns it rewrites,
/// active (1 byte) and jail_days (2 bytes). What it must read is every citizen column once: the
/// bytes init_society allocates per citizen (start_world's citizen_bytes), so the count follows
/// the columns' layout.
inline constexpr double kCitizenUpdateWrittenBytes = 3.0;

/// Bytes in use on the heap now (glibc mallinfo2: arena plus mmapped blocks).
[[nodiscard]] double heap_bytes();

/// Checks that a run set up by start_world() and stepped with step_day() matches simulate();
/// returns an empty string or the problem.
[[nodiscard]] std::string check_step_matches_simulate();

}  // namespace flashpoint::bench
