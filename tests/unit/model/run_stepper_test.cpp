// RunStepper (src/model/simulation.hpp): a run advanced a day at a time gives exactly simulate()'s
// RunResult for the same plan, and its state after each day agrees with that day's row of the
// daily series.
#include <algorithm>
#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "experiment/digest.hpp"
#include "experiment/runner.hpp"
#include "model/simulation.hpp"
#include "scenario/loader.hpp"

namespace flashpoint {
namespace {

const std::string kMinimalScenario = std::string(FLASHPOINT_TEST_DATA_DIR) + "/minimal.yaml";
const std::string kSeedScenarioFile =
    std::string(FLASHPOINT_SOURCE_DIR) + "/scenarios/pak-afg-2025.yaml";

std::string digest_hex(const RunResult& r) {
  Digest d;
  d.add(r);
  return d.hex();
}

Scenario load_days(const std::string& path, int days) {
  const std::vector<Override> overrides{parse_override("days=" + std::to_string(days))};
  return load_scenario(path, overrides);
}

TEST(RunStepper, SteppedToTheEndEqualsSimulate) {
  for (const std::string& path : {kMinimalScenario, kSeedScenarioFile}) {
    const Scenario sc = load_days(path, 120);
    for (const std::int64_t replicate : {0, 3}) {
      const RunPlan plan = replicate_plan(sc.seed, replicate);
      RunStepper stepper(sc, plan);
      while (!stepper.done()) stepper.step();
      EXPECT_EQ(stepper.day(), 120);
      const RunResult stepped = stepper.finish();
      const RunResult whole = simulate(sc, plan);
      EXPECT_EQ(digest_hex(stepped), digest_hex(whole)) << path << " replicate " << replicate;
      EXPECT_EQ(stepped.events.size(), whole.events.size());
      EXPECT_EQ(stepped.peak_escalation, whole.peak_escalation);
    }
  }
}

TEST(RunStepper, StateAfterEachDayIsThatDaysRowOfTheSeries) {
  const Scenario sc = load_days(kSeedScenarioFile, 90);
  const RunPlan plan = replicate_plan(sc.seed, 1);
  const RunResult whole = simulate(sc, plan);
  const ResultsLayout layout = results_layout(sc);
  const std::size_t S = layout.states.size(), G = layout.groups.size();
  const std::size_t C = layout.categories.size(), X = layout.crossings.size();
  RunStepper stepper(sc, plan);
  EXPECT_EQ(stepper.state().day, 0);
  std::vector<std::int32_t> deaths_so_far(C, 0);
  while (!stepper.done()) {
    stepper.step();
    const RunState st = stepper.state();
    const auto d = static_cast<std::size_t>(st.day - 1);
    ASSERT_EQ(st.escalation.size(), layout.dyads.size());
    EXPECT_EQ(st.max_escalation, whole.escalation[d]);
    EXPECT_EQ(*std::max_element(st.escalation.begin(), st.escalation.end()), st.max_escalation);
    for (std::size_t s = 0; s < S; ++s) EXPECT_EQ(st.posts_held[s], whole.posts_held[d * S + s]);
    for (std::size_t g = 0; g < G; ++g) {
      EXPECT_EQ(st.cells[g], whole.cells[d * G + g]);
      EXPECT_EQ(st.fighters[g], whole.fighters[d * G + g]);
    }
    for (std::size_t x = 0; x < X; ++x)
      EXPECT_EQ(st.crossing_open[x], whole.crossing_open[d * X + x]);
    const bool any_ceasefire = std::accumulate(st.ceasefire.begin(), st.ceasefire.end(), 0) > 0;
    EXPECT_EQ(any_ceasefire, whole.ceasefire[d] != 0);
    for (std::size_t c = 0; c < C; ++c) {
      deaths_so_far[c] += whole.fatalities[d * C + c];
      EXPECT_EQ(st.fatalities[c], deaths_so_far[c]);
    }
    EXPECT_EQ(st.district_active.size(), sc.districts.size());
  }
  EXPECT_THROW(stepper.step(), std::logic_error);
  (void)stepper.finish();
  EXPECT_THROW((void)stepper.finish(), std::logic_error);
}

TEST(RunStepper, FinishBeforeTheEndIsRefused) {
  RunStepper stepper(load_days(kMinimalScenario, 60), RunPlan{});
  stepper.step();
  EXPECT_EQ(stepper.day(), 1);
  EXPECT_FALSE(stepper.done());
  EXPECT_THROW((void)stepper.finish(), std::logic_error);
}

}  // namespace
}  // namespace flashpoint
