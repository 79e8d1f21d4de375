// The plausibility checks (src/model/plausibility.hpp) on runs built by hand: each check fires on
// a run broken on purpose, stays quiet just inside its range, and the tally counts the runs.
#include "model/plausibility.hpp"

#include <gtest/gtest.h>

namespace flashpoint {
namespace {

constexpr std::int32_t kGrew = kPlausibilityChecks[0].bit;
constexpr std::int32_t kOverKilled = kPlausibilityChecks[1].bit;
constexpr std::int32_t kActive = kPlausibilityChecks[2].bit;

/// One group starting at `start` fighters, its series `fighters` (one value a day), and
/// `militant_deaths` in its fatality category (index 1 of 2 categories).
RunResult run_with(const std::vector<double>& fighters, double militant_deaths) {
  RunResult r;
  r.fighters = fighters;
  r.fatalities_total = {0, static_cast<std::int32_t>(militant_deaths)};
  return r;
}

PlausibilityInputs one_group(double start) {
  return {{start}, {1}};
}

std::vector<double> ramp(double from, double to, int days) {
  std::vector<double> v;
  for (int d = 0; d < days; ++d) v.push_back(from + (to - from) * (d + 1) / days);
  return v;
}

TEST(Plausibility, AQuietRunHasNoFlag) {
  EXPECT_EQ(plausibility_flags(run_with(std::vector<double>(90, 1000.0), 300), one_group(1000)), 0);
}

TEST(Plausibility, GrowthBeyondDoubleWithin30DaysIsFlagged) {
  // 1,000 -> 2,100 in 30 days: 2.1 times, +1,100 fighters.
  EXPECT_EQ(plausibility_flags(run_with(ramp(1000, 2100, 30), 0), one_group(1000)), kGrew);
  // Exactly double is still plausible; so is tripling over 90 days (1.44x per 30 days).
  EXPECT_EQ(plausibility_flags(run_with(ramp(1000, 2000, 30), 0), one_group(1000)), 0);
  EXPECT_EQ(plausibility_flags(run_with(ramp(1000, 3000, 90), 0), one_group(1000)), 0);
  // Late growth is compared with 30 days before, not with the start: flat for 60 days, then
  // 1,000 -> 2,500 in 20 days.
  std::vector<double> late(60, 1000.0);
  for (double v : ramp(1000, 2500, 20)) late.push_back(v);
  EXPECT_EQ(plausibility_flags(run_with(late, 0), one_group(1000)), kGrew);
  // A small band that triples gains fewer than 100 fighters: not a finding.
  EXPECT_EQ(plausibility_flags(run_with(ramp(40, 120, 30), 0), one_group(40)), 0);
}

TEST(Plausibility, MoreMilitantDeathsThanThePeakStrengthIsFlagged) {
  // The group never had more than 1,000 fighters, and lost 1,001.
  EXPECT_EQ(plausibility_flags(run_with(ramp(1000, 400, 60), 1001), one_group(1000)), kOverKilled);
  EXPECT_EQ(plausibility_flags(run_with(ramp(1000, 400, 60), 1000), one_group(1000)), 0);
}

TEST(Plausibility, ADistrictMoreThanAQuarterActiveIsFlagged) {
  RunResult r = run_with(std::vector<double>(10, 500.0), 0);
  r.peak_district_active_share = kDistrictActiveShare;
  EXPECT_EQ(plausibility_flags(r, one_group(500)), 0);
  r.peak_district_active_share = 0.26;
  EXPECT_EQ(plausibility_flags(r, one_group(500)), kActive);
}

TEST(Plausibility, FlagsCombineAndTheTallyCountsRuns) {
  RunResult broken = run_with(ramp(1000, 5000, 20), 6000);
  broken.peak_district_active_share = 0.4;
  broken.implausible = plausibility_flags(broken, one_group(1000));
  EXPECT_EQ(broken.implausible, kGrew | kOverKilled | kActive);

  RunResult grew = run_with(ramp(1000, 2500, 30), 0);
  grew.implausible = plausibility_flags(grew, one_group(1000));
  RunResult quiet = run_with(std::vector<double>(30, 1000.0), 10);
  quiet.implausible = plausibility_flags(quiet, one_group(1000));

  PlausibilityTally tally;
  for (const RunResult* r : {&broken, &grew, &quiet}) tally.add(*r);
  const std::vector<std::string> w = tally.warnings();
  ASSERT_EQ(w.size(), 3u);
  EXPECT_EQ(w[0],
            "2 of 3 runs: an armed group more than doubled its fighters within 30 days (gaining "
            "100 or more) (group_doubled_within_30_days)");
  EXPECT_EQ(w[1].substr(0, 11), "1 of 3 runs");
  EXPECT_EQ(w[2].substr(0, 11), "1 of 3 runs");

  PlausibilityTally clean;
  clean.add(quiet);
  EXPECT_TRUE(clean.warnings().empty());
}

TEST(Plausibility, BitsAreDistinctPowersOfTwo) {
  std::int32_t all = 0;
  for (const auto& c : kPlausibilityChecks) {
    EXPECT_EQ(c.bit & (c.bit - 1), 0) << c.name;
    EXPECT_EQ(all & c.bit, 0) << c.name;
    all |= c.bit;
  }
}

}  // namespace
}  // namespace flashpoint
