#pragma once
// How much memory a run needs, how much the machine has, and how many runs fit at once
// (docs/reliability.md, "Resource bounds"). `run`, `sweep` and `compare` ask before the first
// run starts, so that a scenario too big for the machine is refused with the figures instead of
// being killed by the kernel half-way.
#include <cstdint>
#include <optional>
#include <string>

#include "scenario/scenario.hpp"

namespace flashpoint {

/// Measured sizes behind the estimate (release build, x86-64; docs/reliability.md).
inline constexpr std::uint64_t kBytesPerCitizen = 12;  ///< 2 floats, 2 flags, a 16-bit jail term
inline constexpr std::uint64_t kBytesPerCell = 17;     ///< group, district, fighters, alive
/// Events a run is assumed to make per day: 4 times the busiest seed scenario (7.6 a day);
/// the allowance never exceeds the scenario's max_events_per_run.
inline constexpr std::uint64_t kEventsPerDay = 32;
inline constexpr std::uint64_t kRunMarginBytes = std::uint64_t{4} << 20;     ///< rest of a world
inline constexpr std::uint64_t kProcessBaseBytes = std::uint64_t{32} << 20;  ///< 24-28 MB seen

/// What one run of a scenario holds at its largest, by part, in bytes.
struct RunMemory {
  std::uint64_t citizen_agents = 0;  ///< as init_society makes them
  std::uint64_t citizens = 0;        ///< citizen_agents x kBytesPerCitizen
  std::uint64_t cells = 0;   ///< the most cells the groups can grow to (max_cells each) x 17
  std::uint64_t series = 0;  ///< the daily series of the result, exactly
  std::uint64_t events = 0;  ///< min(kEventsPerDay x days, max_events_per_run) events
  std::uint64_t margin = kRunMarginBytes;
  [[nodiscard]] std::uint64_t total() const { return citizens + cells + series + events + margin; }
};

/// The memory one run of `sc` needs (no I/O; the same on every machine).
[[nodiscard]] RunMemory estimate_run_memory(const Scenario& sc);

/// The memory `threads` runs at once need: the program itself plus `threads` runs.
[[nodiscard]] std::uint64_t memory_needed(const RunMemory& run, int threads);

/// Memory this process can still have, and where the figure comes from.
struct AvailableMemory {
  std::uint64_t bytes = 0;
  std::string source;  ///< e.g. "MemAvailable in /proc/meminfo"
};

/// MemAvailable of /proc/meminfo, or less when the process's cgroup (v2 memory.max, or v1
/// memory.limit_in_bytes, at any level up to the root) leaves less room under its limit.
/// nullopt when /proc/meminfo cannot be read (not Linux): no check is made then.
[[nodiscard]] std::optional<AvailableMemory> available_memory();

/// The number of worker threads to use for runs of `sc` so that they fit in memory.
/// `threads` is how many would run at once (at most the number of runs). When they fit, returns
/// `threads`. When they do not: with `threads_from_user`, throws InputError (exit code 2) saying
/// how much is needed, how much there is and how many threads would fit; without (the user did
/// not choose the count), returns the largest count that fits, or throws when not even one run
/// fits. `available` replaces available_memory() (tests); with neither, returns `threads`.
[[nodiscard]] int check_memory(const Scenario& sc, int threads, bool threads_from_user = true,
                               std::optional<AvailableMemory> available = std::nullopt);

/// Bytes in binary units, e.g. "118.0 MiB", "4.7 TiB".
[[nodiscard]] std::string memory_text(std::uint64_t bytes);

}  // namespace flashpoint
