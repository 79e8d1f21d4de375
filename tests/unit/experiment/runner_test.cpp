#include "experiment/runner.hpp"

#include "core/rng.hpp"

#include <atomic>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>

namespace flashpoint {
namespace {

RunResult fake_simulate(const RunPlan& p) {
  // Uneven work so that threads finish out of order.
  if (p.run % 3 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  RunResult r;
  r.run = p.run;
  r.seed = p.seed;
  r.replicate = p.replicate;
  r.attacks = static_cast<std::int32_t>(p.seed % 1000);
  return r;
}

TEST(Runner, SinkSeesResultsInPlanOrderForAnyThreadCount) {
  const auto plans = replicate_plans(7, 40);
  for (int threads : {1, 2, 5}) {
    std::vector<std::int64_t> order;
    std::vector<std::int32_t> values;
    run_plans(plans, threads, fake_simulate, [&](RunResult&& r) {
      order.push_back(r.run);
      values.push_back(r.attacks);
    });
    ASSERT_EQ(order.size(), 40u);
    for (std::size_t k = 0; k < order.size(); ++k) {
      EXPECT_EQ(order[k], static_cast<std::int64_t>(k));
      EXPECT_EQ(values[k], static_cast<std::int32_t>(plans[k].seed % 1000));
    }
  }
}

TEST(Runner, ReplicatePlansUseTheDocumentedSeeds) {
  const auto plans = replicate_plans(11, 3, 2);
  ASSERT_EQ(plans.size(), 3u);
  for (int r = 0; r < 3; ++r) {
    EXPECT_EQ(plans[r].seed, run_seed(11, 2, r));
    EXPECT_EQ(plans[r].replicate, r);
  }
}

TEST(Runner, WorkerExceptionStopsTheRunAndIsRethrown) {
  const auto plans = replicate_plans(1, 100);
  std::atomic<int> seen{0};
  auto failing = [](const RunPlan& p) -> RunResult {
    if (p.run == 10) throw std::runtime_error("run 10 failed");
    return fake_simulate(p);
  };
  EXPECT_THROW(run_plans(plans, 2, failing, [&](RunResult&&) { ++seen; }), std::runtime_error);
  EXPECT_LE(seen.load(), 10);
}

TEST(Runner, SinkExceptionIsRethrown) {
  const auto plans = replicate_plans(1, 20);
  EXPECT_THROW(run_plans(plans, 2, fake_simulate,
                         [](RunResult&& r) {
                           if (r.run == 5) throw std::runtime_error("disk full");
                         }),
               std::runtime_error);
}

}  // namespace
}  // namespace flashpoint
