#include "experiment/memory.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>
#include <vector>

#include <fmt/format.h>

#include "core/error.hpp"
#include "model/result_fields.hpp"
#include "model/results.hpp"
#include "model/simulation.hpp"
#include "model/society.hpp"

namespace flashpoint {

namespace {

constexpr std::uint64_t kUnlimited = std::numeric_limits<std::uint64_t>::max();

/// An ACLED sub-event type longer than the 15 bytes std::string keeps inline costs a heap block.
constexpr std::uint64_t kBytesPerEvent = sizeof(EventRecord) + 48;

/// The first number of a file such as memory.max ("max" or unreadable: none).
std::optional<std::uint64_t> read_number(const std::string& path) {
  std::ifstream in(path);
  std::string word;
  if (!(in >> word) || word.empty() || word.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  try {
    return std::stoull(word);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

/// Room left under the memory limits of a cgroup and of every cgroup above it: the smallest of
/// limit - usage. `root` is the mount point, `path` the cgroup's path below it.
std::uint64_t cgroup_room(const std::string& root, std::string path, const char* limit_file,
                          const char* usage_file) {
  std::uint64_t room = kUnlimited;
  for (;;) {
    const std::string dir = root + path;
    const auto limit = read_number(dir + "/" + limit_file);
    const auto usage = read_number(dir + "/" + usage_file);
    // cgroup v1 writes "no limit" as a huge number (9223372036854771712).
    if (limit && usage && *limit < (std::uint64_t{1} << 62)) {
      room = std::min(room, *limit > *usage ? *limit - *usage : 0);
    }
    if (path.empty() || path == "/") break;
    const auto slash = path.find_last_of('/');
    path = slash == std::string::npos || slash == 0 ? std::string() : path.substr(0, slash);
  }
  return room;
}

}  // namespace

RunMemory estimate_run_memory(const Scenario& sc) {
  RunMemory m;
  for (const auto& d : sc.districts) {
    m.citizen_agents += citizen_agents(d.population, sc.population.people_per_agent);
  }
  m.citizens = m.citizen_agents * kBytesPerCitizen;
  // A group with cells has at most max_cells live ones (or the cells it starts with, if more),
  // and those dissolved today stay until tomorrow: twice that. Groups without cells get none.
  const auto max_cells = static_cast<std::uint64_t>(std::max(sc.insurgency.max_cells, 0));
  for (int a : sc.armed_groups()) {
    const std::uint64_t initial = sc.actors[static_cast<std::size_t>(a)].armed_group.cells.size();
    if (initial > 0) m.cells += 2 * std::max(initial, max_cells) * kBytesPerCell;
  }

  // Every daily series of RunResult (model/result_fields.hpp, allocated by prepare_result).
  const ResultExtents extents = extents_of(results_layout(sc));
  m.series = 0;
  for (const FieldInfo& f : kResultFields) {
    if (f.kind == FieldKind::kSeries) m.series += values_per_run(f, extents) * f.element_bytes;
  }
  const auto days = static_cast<std::uint64_t>(std::max(sc.days, 0));
  const auto cap = static_cast<std::uint64_t>(std::max<std::int64_t>(sc.max_events_per_run, 0));
  m.events = std::min(kEventsPerDay * days, cap) * kBytesPerEvent;
  return m;
}

std::uint64_t memory_needed(const RunMemory& run, int threads) {
  return kProcessBaseBytes + static_cast<std::uint64_t>(std::max(threads, 0)) * run.total();
}

std::optional<AvailableMemory> available_memory() {
  std::ifstream meminfo("/proc/meminfo");
  if (!meminfo) return std::nullopt;
  std::optional<AvailableMemory> out;
  std::string line;
  while (std::getline(meminfo, line)) {
    std::istringstream words(line);
    std::string key;
    std::uint64_t kib = 0;
    if (words >> key >> kib && key == "MemAvailable:") {
      out = AvailableMemory{kib * 1024, "MemAvailable in /proc/meminfo"};
      break;
    }
  }
  if (!out) return std::nullopt;
  // The cgroups of this process: "0::/path" (v2), "N:memory:/path" (v1).
  std::ifstream cgroups("/proc/self/cgroup");
  while (std::getline(cgroups, line)) {
    const auto first = line.find(':'), second = line.find(':', first + 1);
    if (first == std::string::npos || second == std::string::npos) continue;
    const std::string controllers = line.substr(first + 1, second - first - 1);
    const std::string path = line.substr(second + 1);
    std::uint64_t room = kUnlimited;
    std::string where;
    if (line.compare(0, first, "0") == 0 && controllers.empty()) {
      room = cgroup_room("/sys/fs/cgroup", path, "memory.max", "memory.current");
      where = "its cgroup's memory.max less memory.current";
    } else if (controllers == "memory") {
      room = cgroup_room("/sys/fs/cgroup/memory", path, "memory.limit_in_bytes",
                         "memory.usage_in_bytes");
      where = "its cgroup's memory.limit_in_bytes less memory.usage_in_bytes";
    }
    if (room < out->bytes) *out = AvailableMemory{room, where};
  }
  return out;
}

std::string memory_text(std::uint64_t bytes) {
  const auto b = static_cast<double>(bytes);
  constexpr double kKi = 1024.0;
  if (b < kKi * kKi) return fmt::format("{:.1f} KiB", b / kKi);
  if (b < kKi * kKi * kKi) return fmt::format("{:.1f} MiB", b / (kKi * kKi));
  if (b < kKi * kKi * kKi * kKi) return fmt::format("{:.1f} GiB", b / (kKi * kKi * kKi));
  return fmt::format("{:.1f} TiB", b / (kKi * kKi * kKi * kKi));
}

int check_memory(const Scenario& sc, int threads, bool threads_from_user,
                 std::optional<AvailableMemory> available) {
  threads = std::max(threads, 1);
  if (!available) available = available_memory();
  if (!available) return threads;
  const RunMemory run = estimate_run_memory(sc);
  const std::uint64_t needed = memory_needed(run, threads);
  if (needed <= available->bytes) return threads;
  const std::uint64_t room =
      available->bytes > kProcessBaseBytes ? available->bytes - kProcessBaseBytes : 0;
  const auto fit = static_cast<int>(std::min<std::uint64_t>(room / run.total(), threads));
  if (!threads_from_user && fit >= 1) return fit;

  std::vector<std::string> parts;
  if (run.citizen_agents > 0) {
    parts.push_back(fmt::format("{} for {} citizen agents at {} bytes", memory_text(run.citizens),
                                thousands(static_cast<long long>(run.citizen_agents)),
                                kBytesPerCitizen));
  }
  parts.push_back(fmt::format("{} of daily series", memory_text(run.series)));
  parts.push_back(fmt::format("{} of events", memory_text(run.events)));
  if (run.cells > 0) parts.push_back(fmt::format("{} of cells", memory_text(run.cells)));
  std::string what;
  for (const auto& p : parts) what += (what.empty() ? "" : ", ") + p;
  const std::string advice = fit >= 1 ? fmt::format("at most {} thread{} fit: pass --threads {}",
                                                    fit, fit == 1 ? "" : "s", fit)
                                      : "not even one run fits";
  throw InputError(Problem{
      sc.source_path, 0, 0, "",
      fmt::format("a run of this scenario needs about {} ({}), so {} thread{} at once need about "
                  "{} with the program itself, and this machine has {} available ({}): {}, or "
                  "make the runs smaller (fewer citizen agents: a larger "
                  "population.people_per_agent)",
                  memory_text(run.total()), what, threads, threads == 1 ? "" : "s",
                  memory_text(needed), memory_text(available->bytes), available->source, advice)});
}

}  // namespace flashpoint
