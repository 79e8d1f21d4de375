// The pace and the figures of ProgressMeter's reports, on a clock the test moves by hand.
#include "experiment/progress.hpp"

#include <vector>

#include <gtest/gtest.h>

#include "core/interrupt.hpp"

namespace flashpoint {
namespace {

struct FakeClock {
  double now = 100;
  ProgressClock fn() {
    return [this] { return now; };
  }
};

TEST(ProgressMeter, ReportsAtStartThenAtMostEveryIntervalThenOnceFinished) {
  FakeClock clock;
  std::vector<ProgressUpdate> seen;
  ProgressMeter meter([&](const ProgressUpdate& u) { seen.push_back(u); }, "sweep", 10, 2, 1.0,
                      clock.fn());
  meter.start();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].stage, "sweep");
  EXPECT_EQ(seen[0].done, 2);  // journaled before: counted, but not in the pace
  EXPECT_EQ(seen[0].total, 10);
  EXPECT_EQ(seen[0].seconds, 0);
  EXPECT_EQ(seen[0].runs_per_second, 0);
  EXPECT_EQ(seen[0].eta_seconds, -1);
  EXPECT_FALSE(seen[0].finished);

  clock.now = 100.5;
  meter.advance();  // 3 done, half an interval after the last report: none
  EXPECT_EQ(seen.size(), 1u);
  clock.now = 101;
  meter.advance();  // 4 done, one interval after: a report
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[1].done, 4);
  EXPECT_DOUBLE_EQ(seen[1].seconds, 1);
  EXPECT_DOUBLE_EQ(seen[1].runs_per_second, 2);  // (4 - 2) runs in 1 s
  EXPECT_DOUBLE_EQ(seen[1].eta_seconds, 3);      // 6 left at 2 a second
  clock.now = 101.5;
  meter.advance(2);  // 6 done
  EXPECT_EQ(seen.size(), 2u);

  clock.now = 103;
  meter.finish();
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_TRUE(seen[2].finished);
  EXPECT_EQ(seen[2].done, 6);
  EXPECT_DOUBLE_EQ(seen[2].seconds, 3);
  EXPECT_DOUBLE_EQ(seen[2].runs_per_second, 4.0 / 3);
  EXPECT_DOUBLE_EQ(seen[2].eta_seconds, 3);  // 4 left at 4/3 a second

  clock.now = 200;
  meter.advance();
  meter.finish();
  EXPECT_EQ(seen.size(), 3u);  // nothing after the last report
}

TEST(ProgressMeter, AtZeroIntervalReportsEveryRunAndTheLastHasNoTimeLeft) {
  FakeClock clock;
  std::vector<ProgressUpdate> seen;
  ProgressMeter meter([&](const ProgressUpdate& u) { seen.push_back(u); }, "run", 2, 0, 0,
                      clock.fn());
  meter.start();
  clock.now += 1;
  meter.advance();
  clock.now += 1;
  meter.advance();
  meter.finish();
  ASSERT_EQ(seen.size(), 4u);
  EXPECT_EQ(seen[1].done, 1);
  EXPECT_DOUBLE_EQ(seen[1].eta_seconds, 1);
  EXPECT_EQ(seen[2].done, 2);
  EXPECT_EQ(seen[2].eta_seconds, 0);
  EXPECT_TRUE(seen[3].finished);
}

TEST(ProgressMeter, SetDoneCountsRunsOfOthersAndNeverReportsMoreThanTheTotal) {
  FakeClock clock;
  std::vector<ProgressUpdate> seen;
  ProgressMeter meter([&](const ProgressUpdate& u) { seen.push_back(u); }, "wait", 8, 4, 0,
                      clock.fn());
  clock.now += 2;
  meter.set_done(6);  // the first report, whenever it comes
  clock.now += 2;
  meter.advance(5);  // MPI: rank 0's guess of every rank's runs overshoots
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].done, 6);
  EXPECT_DOUBLE_EQ(seen[0].runs_per_second, 1);  // 2 runs in 2 s
  EXPECT_EQ(seen[1].done, 8);
  EXPECT_EQ(seen[1].eta_seconds, 0);
}

TEST(ProgressMeter, AfterTheFunctionThrowsItReportsNothingMore) {
  FakeClock clock;
  int calls = 0;
  ProgressMeter meter(
      [&](const ProgressUpdate& u) {
        ++calls;
        if (u.done >= 1) throw Interrupted("enough");
      },
      "sweep", 5, 0, 0, clock.fn());
  meter.start();
  EXPECT_THROW(meter.advance(), Interrupted);
  meter.advance();
  meter.finish();
  EXPECT_EQ(calls, 2);
}

TEST(ProgressMeter, WithoutAFunctionDoesNothing) {
  int reads = 0;
  ProgressMeter meter(nullptr, "sweep", 5, 0, 0, [&] {
    ++reads;
    return 0.0;
  });
  meter.start();
  meter.advance(3);
  meter.finish();
  EXPECT_EQ(meter.done(), 3);
  EXPECT_EQ(reads, 0);
}

}  // namespace
}  // namespace flashpoint
