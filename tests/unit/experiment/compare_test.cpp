// compare_values (experiment/compare.hpp): the statistics of a comparison from per-run outcome
// values, on small hand-made tables whose answers are worked out by hand below.
#include "experiment/compare.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/nan.hpp"

namespace flashpoint {
namespace {

/// Student t quantile t_{0.975, 5} (6 pairs at 95 %).
constexpr double kT975With5Dof = 2.570581835636314;

const std::vector<std::string> kOptions = {"status_quo", "cut3", "gamble"};
const std::vector<std::string> kOutcomes = {"reached_rung8", "ceasefire_within_30d",
                                            "fatalities_all"};
enum : std::size_t { kStatusQuo = 0, kCut3 = 1, kGamble = 2 };
enum : std::size_t { kRung8 = 0, kCeasefire30 = 1, kFatalities = 2 };
constexpr std::size_t kScenarios = 2;
constexpr int kReplicates = 3;

// values[option][outcome][scenario * 3 + replicate]; 2 scenarios x 3 replicates.
//
// fatalities_all       scenario 0      scenario 1      mean   scenario means
//   status_quo         10 20 30        50 60 70        40     20, 60
//   cut3 (= sq - 3)     7 17 27        47 57 67        37     17, 57
//   gamble             24 26 28        30 40 50        33     26, 40
// reached_rung8
//   status_quo          1  1  0         1  0  0        3/6    2/3, 1/3
//   cut3                0  0  0         0  0  0        0/6    0, 0
//   gamble              0  1  0         0  0  NaN      1/5    1/3, 0
// ceasefire_within_30d (NaN: no conflict, so no ceasefire window)
//   status_quo          1 NaN 0         1 NaN 1        3/4
//   cut3              all NaN                          none
//   gamble              1  1  1         1  1  0        5/6
std::vector<std::vector<std::vector<double>>> table() {
  return {
      {{1, 1, 0, 1, 0, 0}, {1, kNaN, 0, 1, kNaN, 1}, {10, 20, 30, 50, 60, 70}},
      {{0, 0, 0, 0, 0, 0}, {kNaN, kNaN, kNaN, kNaN, kNaN, kNaN}, {7, 17, 27, 47, 57, 67}},
      {{0, 1, 0, 0, 0, kNaN}, {1, 1, 1, 1, 1, 0}, {24, 26, 28, 30, 40, 50}},
  };
}

RankBy rank_by(const std::string& outcome, bool lower_is_better) {
  RankBy r;
  r.outcome = outcome;
  r.lower_is_better = lower_is_better;
  return r;
}

Threshold at_most(const std::string& outcome, double max) {
  Threshold t;
  t.outcome = outcome;
  t.has_max = true;
  t.max = max;
  return t;
}

Threshold at_least(const std::string& outcome, double min) {
  Threshold t;
  t.outcome = outcome;
  t.has_min = true;
  t.min = min;
  return t;
}

ComparisonSummary summary(const RankBy& by = rank_by("fatalities_all", true),
                          const std::vector<Threshold>& thresholds = {}) {
  return compare_values(table(), kOptions, kOutcomes, kStatusQuo, kScenarios, kReplicates, 0.95, by,
                        thresholds);
}

TEST(CompareValues, CopiesTheLayoutItWasGiven) {
  const ComparisonSummary s = summary();
  EXPECT_EQ(s.options, kOptions);
  EXPECT_EQ(s.outcomes, kOutcomes);
  EXPECT_EQ(s.status_quo, kStatusQuo);
  EXPECT_EQ(s.scenarios, kScenarios);
  EXPECT_EQ(s.replicates, kReplicates);
  EXPECT_EQ(s.rank_outcome, "fatalities_all");
  EXPECT_TRUE(s.lower_is_better);
  ASSERT_EQ(s.table.size(), 3u);
  for (const auto& row : s.table) EXPECT_EQ(row.size(), 3u);
}

TEST(CompareValues, OptionThatIsStatusQuoMinusThreeHasDifferenceExactlyMinusThree) {
  const ComparisonSummary s = summary();
  const PairedDifference& d = s.table[kCut3][kFatalities].diff;
  EXPECT_EQ(d.n, 6);
  EXPECT_DOUBLE_EQ(d.mean, -3);
  EXPECT_DOUBLE_EQ(d.sd, 0);
  // No spread in the differences: the interval collapses onto the mean.
  EXPECT_DOUBLE_EQ(d.low, -3);
  EXPECT_DOUBLE_EQ(d.high, -3);
}

TEST(CompareValues, StatusQuoAgainstItselfDiffersByZero) {
  const ComparisonSummary s = summary();
  const PairedDifference& d = s.table[kStatusQuo][kFatalities].diff;
  EXPECT_EQ(d.n, 6);
  EXPECT_DOUBLE_EQ(d.mean, 0);
  EXPECT_DOUBLE_EQ(d.low, 0);
  EXPECT_DOUBLE_EQ(d.high, 0);
}

TEST(CompareValues, PairedDifferenceHasAStudentTInterval) {
  // gamble - status quo = 14, 6, -2, -20, -20, -20: mean -7, sample sd sqrt(1142 / 5).
  const ComparisonSummary s = summary();
  const PairedDifference& d = s.table[kGamble][kFatalities].diff;
  const double sd = std::sqrt(1142.0 / 5.0);
  const double half = kT975With5Dof * sd / std::sqrt(6.0);
  EXPECT_EQ(d.n, 6);
  EXPECT_DOUBLE_EQ(d.mean, -7);
  EXPECT_NEAR(d.sd, sd, 1e-12);
  EXPECT_NEAR(d.low, -7 - half, 1e-9);
  EXPECT_NEAR(d.high, -7 + half, 1e-9);
  EXPECT_NEAR(d.low, -22.860024686791682, 1e-9);
}

TEST(CompareValues, MeanMedianAndPercentilesPerOptionAndOutcome) {
  const ComparisonSummary s = summary();
  const OptionOutcome& c = s.table[kStatusQuo][kFatalities];
  EXPECT_EQ(c.n, 6);
  EXPECT_DOUBLE_EQ(c.mean, 40);
  EXPECT_DOUBLE_EQ(c.median, 40);  // (30 + 50) / 2
  EXPECT_DOUBLE_EQ(c.p05, 12.5);   // 10 + 0.25 * (20 - 10), type 7
  EXPECT_DOUBLE_EQ(c.p95, 67.5);   // 60 + 0.75 * (70 - 60)
  EXPECT_DOUBLE_EQ(s.table[kCut3][kFatalities].mean, 37);
  EXPECT_DOUBLE_EQ(s.table[kGamble][kFatalities].mean, 33);
}

TEST(CompareValues, NaNValuesAreSkippedInMeansAndCounts) {
  const ComparisonSummary s = summary();
  // status_quo ceasefire_within_30d: 1, -, 0, 1, -, 1.
  const OptionOutcome& cf = s.table[kStatusQuo][kCeasefire30];
  EXPECT_EQ(cf.n, 4);
  EXPECT_DOUBLE_EQ(cf.mean, 0.75);
  EXPECT_DOUBLE_EQ(cf.median, 1);
  // gamble reached_rung8: 0, 1, 0, 0, 0, -.
  const OptionOutcome& r8 = s.table[kGamble][kRung8];
  EXPECT_EQ(r8.n, 5);
  EXPECT_DOUBLE_EQ(r8.mean, 0.2);
  // Its difference uses the 5 pairs where both runs have a value: -1, 0, 0, -1, 0.
  EXPECT_EQ(r8.diff.n, 5);
  EXPECT_DOUBLE_EQ(r8.diff.mean, -0.4);
}

TEST(CompareValues, OutcomeWithNoValueHasNaNFigures) {
  const ComparisonSummary s = summary();
  const OptionOutcome& c = s.table[kCut3][kCeasefire30];
  EXPECT_EQ(c.n, 0);
  EXPECT_TRUE(std::isnan(c.mean));
  EXPECT_TRUE(std::isnan(c.median));
  EXPECT_EQ(c.diff.n, 0);
  EXPECT_TRUE(std::isnan(c.diff.mean));
}

TEST(CompareValues, ProbabilitiesHaveWilsonIntervals) {
  const ComparisonSummary s = summary();
  ASSERT_EQ(s.p_rung8.size(), 3u);
  ASSERT_EQ(s.p_ceasefire30.size(), 3u);
  // 3 of 6.
  EXPECT_EQ(s.p_rung8[kStatusQuo].n, 6);
  EXPECT_DOUBLE_EQ(s.p_rung8[kStatusQuo].estimate, 0.5);
  EXPECT_NEAR(s.p_rung8[kStatusQuo].low, 0.187616306483, 1e-9);
  EXPECT_NEAR(s.p_rung8[kStatusQuo].high, 0.812383693517, 1e-9);
  // 0 of 6: the lower bound is 0, the upper z^2 / (n + z^2).
  EXPECT_DOUBLE_EQ(s.p_rung8[kCut3].estimate, 0);
  EXPECT_DOUBLE_EQ(s.p_rung8[kCut3].low, 0);
  EXPECT_NEAR(s.p_rung8[kCut3].high, 0.390334287902, 1e-9);
  // 1 of 5: the NaN run is not counted.
  EXPECT_EQ(s.p_rung8[kGamble].n, 5);
  EXPECT_DOUBLE_EQ(s.p_rung8[kGamble].estimate, 0.2);
  EXPECT_NEAR(s.p_rung8[kGamble].low, 0.036224108632, 1e-9);
  EXPECT_NEAR(s.p_rung8[kGamble].high, 0.624465370237, 1e-9);
  // Ceasefire within 30 days: 3 of 4 (two runs without conflict), none, 5 of 6.
  EXPECT_EQ(s.p_ceasefire30[kStatusQuo].n, 4);
  EXPECT_DOUBLE_EQ(s.p_ceasefire30[kStatusQuo].estimate, 0.75);
  EXPECT_NEAR(s.p_ceasefire30[kStatusQuo].low, 0.300641842582, 1e-9);
  EXPECT_NEAR(s.p_ceasefire30[kStatusQuo].high, 0.954412739190, 1e-9);
  EXPECT_EQ(s.p_ceasefire30[kCut3].n, 0);
  EXPECT_TRUE(std::isnan(s.p_ceasefire30[kCut3].estimate));
  EXPECT_NEAR(s.p_ceasefire30[kGamble].estimate, 5.0 / 6.0, 1e-15);
}

TEST(CompareValues, ProbabilitiesAreNaNWhenTheOutcomeIsAbsent) {
  const std::vector<std::vector<std::vector<double>>> values = {{{1, 2}}, {{3, 4}}};
  const ComparisonSummary s = compare_values(values, {"a", "b"}, {"fatalities_all"}, 0, 1, 2, 0.95,
                                             rank_by("fatalities_all", true), {});
  ASSERT_EQ(s.p_rung8.size(), 2u);
  EXPECT_TRUE(std::isnan(s.p_rung8[0].estimate));
  EXPECT_EQ(s.p_rung8[0].n, 0);
  EXPECT_TRUE(std::isnan(s.p_ceasefire30[1].estimate));
}

TEST(CompareValues, RanksByTheMeanOfTheRankingOutcome) {
  const ComparisonSummary lower = summary(rank_by("fatalities_all", true));
  EXPECT_EQ(lower.rank_value, (std::vector<double>{40, 37, 33}));
  EXPECT_EQ(lower.rank, (std::vector<int>{3, 2, 1}));
  const ComparisonSummary higher = summary(rank_by("fatalities_all", false));
  EXPECT_EQ(higher.rank, (std::vector<int>{1, 2, 3}));
  EXPECT_FALSE(higher.lower_is_better);
  // On reached_rung8 the means are 1/2, 0 and 1/5 (the NaN run skipped).
  const ComparisonSummary r8 = summary(rank_by("reached_rung8", true));
  EXPECT_EQ(r8.rank_outcome, "reached_rung8");
  EXPECT_DOUBLE_EQ(r8.rank_value[kGamble], 0.2);
  EXPECT_EQ(r8.rank, (std::vector<int>{3, 1, 2}));
}

TEST(CompareValues, RegretIsFromScenarioMeans) {
  // Scenario means of fatalities_all: status_quo 20, 60; cut3 17, 57; gamble 26, 40.
  // Lower is better: the best is 17 in scenario 0 and 40 in scenario 1.
  const ComparisonSummary s = summary(rank_by("fatalities_all", true));
  ASSERT_EQ(s.regret.size(), 3u);
  EXPECT_DOUBLE_EQ(s.regret[kStatusQuo].max, 20);  // 3 and 20
  EXPECT_DOUBLE_EQ(s.regret[kStatusQuo].mean, 11.5);
  EXPECT_DOUBLE_EQ(s.regret[kCut3].max, 17);  // 0 and 17
  EXPECT_DOUBLE_EQ(s.regret[kCut3].mean, 8.5);
  EXPECT_DOUBLE_EQ(s.regret[kGamble].max, 9);  // 9 and 0
  EXPECT_DOUBLE_EQ(s.regret[kGamble].mean, 4.5);
}

TEST(CompareValues, RegretFollowsTheRankingDirection) {
  // Higher is better: the best is 26 in scenario 0 and 60 in scenario 1.
  const ComparisonSummary s = summary(rank_by("fatalities_all", false));
  EXPECT_DOUBLE_EQ(s.regret[kStatusQuo].max, 6);  // 6 and 0
  EXPECT_DOUBLE_EQ(s.regret[kStatusQuo].mean, 3);
  EXPECT_DOUBLE_EQ(s.regret[kCut3].max, 9);  // 9 and 3
  EXPECT_DOUBLE_EQ(s.regret[kCut3].mean, 6);
  EXPECT_DOUBLE_EQ(s.regret[kGamble].max, 20);  // 0 and 20
  EXPECT_DOUBLE_EQ(s.regret[kGamble].mean, 10);
}

TEST(CompareValues, ScenarioMeansSkipNaNRuns) {
  // reached_rung8 scenario means: status_quo 2/3, 1/3; cut3 0, 0; gamble 1/3 and, without its
  // NaN run, 0 (a NaN counted as a value would make gamble's regret NaN).
  const ComparisonSummary s = summary(rank_by("reached_rung8", true));
  EXPECT_NEAR(s.regret[kStatusQuo].max, 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(s.regret[kStatusQuo].mean, 0.5, 1e-12);
  EXPECT_DOUBLE_EQ(s.regret[kCut3].max, 0);
  EXPECT_NEAR(s.regret[kGamble].max, 1.0 / 3.0, 1e-12);
  EXPECT_NEAR(s.regret[kGamble].mean, 1.0 / 6.0, 1e-12);
}

TEST(CompareValues, ShareOfScenariosMeetingEveryThreshold) {
  // fatalities_all <= 45 and reached_rung8 <= 0.5, on scenario means:
  //   status_quo: s0 (20, 2/3) fails on rung 8, s1 (60, 1/3) fails on fatalities -> 0
  //   cut3:       s0 (17, 0) meets, s1 (57, 0) fails on fatalities              -> 1/2
  //   gamble:     s0 (26, 1/3) meets, s1 (40, 0) meets                          -> 1
  const std::vector<Threshold> thresholds = {at_most("fatalities_all", 45),
                                             at_most("reached_rung8", 0.5)};
  const ComparisonSummary s = summary(rank_by("fatalities_all", true), thresholds);
  EXPECT_EQ(s.thresholds.size(), 2u);
  EXPECT_EQ(s.share_meeting, (std::vector<double>{0, 0.5, 1}));
}

TEST(CompareValues, RobustnessMeasuresFollowTheRankingDirection) {
  // Scenario means of fatalities_all: status_quo 20, 60; cut3 17, 57; gamble 26, 40.
  // Higher is better (alpha 0.25, percentile 0.75): worst = min, best = max, the worse-side
  // percentile is q_0.25 = low + 0.25 (high - low).
  const RobustnessSettings settings{0.25, 0.75};
  const ComparisonSummary s =
      compare_values(table(), kOptions, kOutcomes, kStatusQuo, kScenarios, kReplicates, 0.95,
                     rank_by("fatalities_all", false), {}, settings);
  ASSERT_EQ(s.robustness.size(), 3u);
  EXPECT_DOUBLE_EQ(s.robustness[kGamble].laplace, 33);
  EXPECT_DOUBLE_EQ(s.robustness[kGamble].worst, 26);
  EXPECT_DOUBLE_EQ(s.robustness[kGamble].best, 40);
  EXPECT_DOUBLE_EQ(s.robustness[kGamble].hurwicz, 0.25 * 40 + 0.75 * 26);    // 29.5
  EXPECT_DOUBLE_EQ(s.robustness[kGamble].percentile_worse, 26 + 0.25 * 14);  // 29.5
  EXPECT_DOUBLE_EQ(s.robustness[kStatusQuo].worst, 20);
  // The regret matrix: best 26 in scenario 0 and 60 in scenario 1.
  EXPECT_EQ(s.regret_matrix[kStatusQuo], (std::vector<double>{6, 0}));
  EXPECT_EQ(s.regret_matrix[kCut3], (std::vector<double>{9, 3}));
  EXPECT_EQ(s.regret_matrix[kGamble], (std::vector<double>{0, 20}));
  EXPECT_EQ(s.scenario_value[kGamble], (std::vector<double>{26, 40}));
  // Lower is better, the default settings: worst = max, hurwicz = (best + worst) / 2.
  const ComparisonSummary low = summary(rank_by("fatalities_all", true));
  EXPECT_DOUBLE_EQ(low.robustness[kGamble].worst, 40);
  EXPECT_DOUBLE_EQ(low.robustness[kGamble].hurwicz, 33);
  EXPECT_DOUBLE_EQ(low.robustness[kGamble].percentile_worse, 26 + 0.9 * 14);
}

TEST(CompareValues, ParetoFrontOverOptionMeansAndScenarios) {
  // Means over runs: fatalities_all 40, 37, 33; reached_rung8 1/2, 0, 1/5. Both lower is
  // better: gamble (33, 0.2) and cut3 (37, 0) are the front; status_quo (40, 0.5) is dominated
  // by both, so rank 2. Per scenario: s0 fatalities 20, 17, 26 and rung 8 2/3, 0, 1/3: cut3
  // dominates both others; s1 fatalities 60, 57, 40 and rung 8 1/3, 0, 0: gamble (40, 0)
  // dominates both. Each of cut3 and gamble is on the front of one of the two scenarios.
  const ComparisonSummary s =
      compare_values(table(), kOptions, kOutcomes, kStatusQuo, kScenarios, kReplicates, 0.95,
                     rank_by("fatalities_all", true), {at_most("fatalities_all", 45)}, {},
                     {rank_by("fatalities_all", true), rank_by("reached_rung8", true)});
  EXPECT_EQ(s.pareto_rank, (std::vector<int>{2, 1, 1}));
  EXPECT_EQ(s.pareto_share, (std::vector<double>{0, 0.5, 0.5}));
  ASSERT_EQ(s.pareto_value.size(), 3u);
  EXPECT_DOUBLE_EQ(s.pareto_value[kGamble][0], 33);
  EXPECT_NEAR(s.pareto_value[kGamble][1], 0.2, 1e-12);
  // One threshold, fatalities_all <= 45 on scenario means: status_quo 20 yes, 60 no -> 1/2;
  // cut3 17, 57 -> 1/2; gamble 26, 40 -> 1.
  EXPECT_EQ(s.threshold_share, (std::vector<std::vector<double>>{{0.5}, {0.5}, {1}}));
}

TEST(CompareValues, ThresholdWithAMinimum) {
  // fatalities_all >= 25: status_quo s0 20 no, s1 60 yes; cut3 17 no, 57 yes; gamble 26, 40 yes.
  const ComparisonSummary s =
      summary(rank_by("fatalities_all", true), {at_least("fatalities_all", 25)});
  EXPECT_EQ(s.share_meeting, (std::vector<double>{0.5, 0.5, 1}));
}

TEST(CompareValues, ThresholdOnAnOutcomeWithoutValuesIsNeverMet) {
  const ComparisonSummary s =
      summary(rank_by("fatalities_all", true), {at_most("ceasefire_within_30d", 1)});
  EXPECT_EQ(s.share_meeting[kCut3], 0);
  EXPECT_EQ(s.share_meeting[kGamble], 1);
}

TEST(CompareValues, StatusQuoNeedNotBeTheFirstOption) {
  const ComparisonSummary s =
      compare_values(table(), kOptions, kOutcomes, kCut3, kScenarios, kReplicates, 0.95,
                     rank_by("fatalities_all", true), {});
  EXPECT_EQ(s.status_quo, kCut3);
  EXPECT_DOUBLE_EQ(s.table[kStatusQuo][kFatalities].diff.mean, 3);
  EXPECT_DOUBLE_EQ(s.table[kCut3][kFatalities].diff.mean, 0);
}

}  // namespace
}  // namespace flashpoint
