// The memory a run needs (experiment/memory.hpp) against hand computations, and the refusal or
// lowering of the thread count against memory given by the test, not read from the machine.
#include "experiment/memory.hpp"

#include <string>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "model/results.hpp"
#include "scenario/loader.hpp"

namespace flashpoint {
namespace {

const std::string kData = FLASHPOINT_TEST_DATA_DIR;
constexpr std::uint64_t kMiB = std::uint64_t{1} << 20;
constexpr std::uint64_t kBytesPerEvent = sizeof(EventRecord) + 48;

Scenario load_with(const std::string& file, const std::vector<std::string>& sets = {}) {
  std::vector<Override> overrides;
  for (const auto& s : sets) overrides.push_back(parse_override(s));
  return load_scenario(kData + "/" + file, overrides);
}

TEST(EstimateRunMemory, MinimalScenarioByHand) {
  // minimal.yaml: 60 days, 2 states (2 dyads), 5 fatality categories (2 forces, 1 group's
  // fighters, 2 civilians), 1 crossing, 1 armed group without cells, no citizen agents.
  const RunMemory m = estimate_run_memory(load_with("minimal.yaml"));
  EXPECT_EQ(m.citizen_agents, 0u);
  EXPECT_EQ(m.citizens, 0u);
  EXPECT_EQ(m.cells, 0u);
  // Bytes a day: escalation 1, fatalities 5 x 4, injured 5 x 4, attacks 4, hostility 2 x 8,
  // posts held 2 x 4, crossing open 1, trade flow 8, ceasefire 1, mediation 1, talks 4, five
  // float64 series per state 5 x 8 x 2, sanctuary tolerance 8, cells 4, fighters 8.
  const std::uint64_t per_day = 1 + 20 + 20 + 4 + 16 + 8 + 1 + 8 + 1 + 1 + 4 + 80 + 8 + 4 + 8;
  EXPECT_EQ(per_day, 184u);
  EXPECT_EQ(m.series, 60 * per_day);
  EXPECT_EQ(m.events, 60 * 32 * kBytesPerEvent);  // 32 events a day, under the cap
  EXPECT_EQ(m.margin, 4 * kMiB);
  EXPECT_EQ(m.total(), 11040 + 60 * 32 * kBytesPerEvent + 4 * kMiB);
  EXPECT_EQ(memory_needed(m, 3), 32 * kMiB + 3 * m.total());
}

TEST(EstimateRunMemory, CitizensCellsAndTheEventCapByHand) {
  // layer2.yaml: 1,000 people per agent over 200,000 + 150,000 + 400,000 + 300,000 + 100,000
  // people; FRONT starts with 3 cells and may have 50 live (max_cells) plus 50 dissolved today.
  const RunMemory m = estimate_run_memory(load_with("layer2.yaml"));
  EXPECT_EQ(m.citizen_agents, 1150u);
  EXPECT_EQ(m.citizens, 1150u * 12);
  EXPECT_EQ(m.cells, 2u * 50 * 17);
  // 90 days x 32 = 2,880 events, above a cap of 1,000: the cap counts.
  const RunMemory capped =
      estimate_run_memory(load_with("layer2.yaml", {"max_events_per_run=1000"}));
  EXPECT_EQ(capped.events, 1000 * kBytesPerEvent);
  EXPECT_EQ(m.events, 2880 * kBytesPerEvent);
  // Ten times fewer people per agent: ten times the agents.
  const RunMemory dense =
      estimate_run_memory(load_with("layer2.yaml", {"population.people_per_agent=100"}));
  EXPECT_EQ(dense.citizen_agents, 11500u);
  EXPECT_EQ(dense.total() - m.total(), (11500u - 1150u) * 12);
}

/// layer2.yaml with 1e7 citizen agents: about 114 MiB a run.
Scenario big() {
  return load_with("layer2.yaml", {"population.people_per_agent=0.115"});
}

TEST(CheckMemory, RunsThatFitKeepTheirThreads) {
  const Scenario sc = big();
  const RunMemory m = estimate_run_memory(sc);
  ASSERT_EQ(m.citizen_agents, 10'000'000u);
  const AvailableMemory plenty{memory_needed(m, 8), "test"};
  EXPECT_EQ(check_memory(sc, 8, true, plenty), 8);
  EXPECT_EQ(check_memory(sc, 8, false, plenty), 8);
}

TEST(CheckMemory, TooManyChosenThreadsAreRefusedWithTheFigures) {
  const Scenario sc = big();
  const RunMemory m = estimate_run_memory(sc);
  // Room for the program and 3 runs, not 4.
  const AvailableMemory room{memory_needed(m, 4) - 1, "MemAvailable (test)"};
  try {
    (void)check_memory(sc, 8, true, room);
    FAIL() << "8 threads were accepted in the room of 3";
  } catch (const InputError& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    const std::string message = e.problems()[0].message;
    EXPECT_EQ(e.problems()[0].file, sc.source_path);
    EXPECT_NE(message.find("a run of this scenario needs about " + memory_text(m.total())),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("10,000,000 citizen agents at 12 bytes"), std::string::npos) << message;
    EXPECT_NE(message.find("so 8 threads at once need about " + memory_text(memory_needed(m, 8))),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("this machine has " + memory_text(room.bytes) +
                           " available (MemAvailable (test))"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("at most 3 threads fit: pass --threads 3"), std::string::npos)
        << message;
  }
}

TEST(CheckMemory, ThreadsTheUserDidNotChooseAreLowered) {
  const Scenario sc = big();
  const RunMemory m = estimate_run_memory(sc);
  EXPECT_EQ(check_memory(sc, 8, false, AvailableMemory{memory_needed(m, 4) - 1, "test"}), 3);
  EXPECT_EQ(check_memory(sc, 8, false, AvailableMemory{memory_needed(m, 1), "test"}), 1);
}

TEST(CheckMemory, NotEvenOneRunIsRefusedEitherWay) {
  const Scenario sc = big();
  const AvailableMemory tiny{64 * kMiB, "test"};
  for (bool from_user : {true, false}) {
    try {
      (void)check_memory(sc, 2, from_user, tiny);
      FAIL() << "a run that does not fit was accepted";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("not even one run fits"), std::string::npos) << e.what();
    }
  }
}

TEST(CheckMemory, MachineFigureIsReadOnLinux) {
  const auto available = available_memory();
  ASSERT_TRUE(available.has_value()) << "/proc/meminfo could not be read";
  EXPECT_GT(available->bytes, 0u);
  EXPECT_FALSE(available->source.empty());
}

TEST(MemoryText, BinaryUnits) {
  EXPECT_EQ(memory_text(512), "0.5 KiB");
  EXPECT_EQ(memory_text(118 * kMiB), "118.0 MiB");
  EXPECT_EQ(memory_text(std::uint64_t{3} << 39), "1.5 TiB");
  EXPECT_EQ(thousands(8219), "8,219");
  EXPECT_EQ(thousands(-1234567), "-1,234,567");
  EXPECT_EQ(thousands(999), "999");
}

}  // namespace
}  // namespace flashpoint
