#include "experiment/comparison_stats.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/nan.hpp"

namespace flashpoint {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Reference values below were computed independently of Boost: the t quantiles by inverting the
// regularised incomplete beta function in mpmath (30 digits), cross-checked against the closed
// forms for 2 dof, t = (2p-1) sqrt(2 / (4p(1-p))), and for 4 dof,
// t = 2 sqrt(cos(acos(sqrt(a))/3)/sqrt(a) - 1) with a = 4p(1-p); the Wilson bounds with Python's
// statistics.NormalDist.

// ---------------------------------------------------------------------------- paired_difference

TEST(PairedDifference, MatchesHandComputedStudentT) {
  // Differences {1,2,3,4,5}: mean 3, sd sqrt(2.5), t(0.975, 4) = 2.776445105197793,
  // CI = 3 -+ 2.776445105 * sqrt(2.5) / sqrt(5) = [1.036756839, 4.963243161].
  const std::vector<double> option = {3, 7, 4, 10, 6};
  const std::vector<double> status_quo = {2, 5, 1, 6, 1};
  const PairedDifference d = paired_difference(option, status_quo);
  EXPECT_EQ(d.n, 5);
  EXPECT_NEAR(d.mean, 3.0, 1e-12);
  EXPECT_NEAR(d.sd, std::sqrt(2.5), 1e-12);
  EXPECT_NEAR(d.low, 1.0367568385224428, 1e-9);
  EXPECT_NEAR(d.high, 4.963243161477557, 1e-9);
}

TEST(PairedDifference, UsesRequestedConfidenceAndNMinusOneDegreesOfFreedom) {
  // Differences {1,4,7}: mean 4, sd 3, 90% -> t(0.95, 2) = 2.919985580353724,
  // CI = 4 -+ 2.919985580 * 3 / sqrt(3) = [-1.057563383, 9.057563383].
  const std::vector<double> option = {1, 4, 7};
  const std::vector<double> status_quo = {0, 0, 0};
  const PairedDifference d = paired_difference(option, status_quo, 0.90);
  EXPECT_EQ(d.n, 3);
  EXPECT_NEAR(d.mean, 4.0, 1e-12);
  EXPECT_NEAR(d.sd, 3.0, 1e-12);
  EXPECT_NEAR(d.low, -1.0575633825411448, 1e-9);
  EXPECT_NEAR(d.high, 9.057563382541145, 1e-9);
}

TEST(PairedDifference, PairingRemovesNoiseSharedByBothArms) {
  // Option = status quo + 2 exactly, with huge run-to-run noise common to both arms (all values
  // are exactly representable, so every difference is exactly 2).
  const std::vector<double> status_quo = {1000, -3500, 12000.5, 250.25, -75000, 40000};
  std::vector<double> option;
  for (double v : status_quo) option.push_back(v + 2.0);
  // The arms themselves vary by tens of thousands ...
  double mean = 0;
  for (double v : status_quo) mean += v;
  mean /= static_cast<double>(status_quo.size());
  double ss = 0;
  for (double v : status_quo) ss += (v - mean) * (v - mean);
  ASSERT_GT(std::sqrt(ss / 5.0), 10000.0);
  // ... but the paired interval collapses to the true effect.
  const PairedDifference d = paired_difference(option, status_quo);
  EXPECT_EQ(d.n, 6);
  EXPECT_DOUBLE_EQ(d.mean, 2.0);
  EXPECT_DOUBLE_EQ(d.sd, 0.0);
  EXPECT_DOUBLE_EQ(d.low, 2.0);
  EXPECT_DOUBLE_EQ(d.high, 2.0);
}

TEST(PairedDifference, DropsPairsWhereEitherValueIsNotFinite) {
  // Usable pairs: (3,2) (7,5) (10,6) (6,1) -> differences {1,2,4,5}: mean 3, sd sqrt(10/3),
  // t(0.975, 3) = 3.182446305283708, CI = 3 -+ 3.182446305 * sqrt(10/3) / 2.
  const std::vector<double> option = {3, kNaN, 7, 4, kInf, 10, 6, 1};
  const std::vector<double> status_quo = {2, 0, 5, kNaN, 1, 6, 1, -kInf};
  const PairedDifference d = paired_difference(option, status_quo);
  EXPECT_EQ(d.n, 4);
  EXPECT_NEAR(d.mean, 3.0, 1e-12);
  EXPECT_NEAR(d.sd, std::sqrt(10.0 / 3.0), 1e-12);
  EXPECT_NEAR(d.low, 0.09483728424523429, 1e-9);
  EXPECT_NEAR(d.high, 5.905162715754766, 1e-9);
}

TEST(PairedDifference, SinglePairGivesPointIntervalWithZeroSd) {
  const std::vector<double> option = {kNaN, 9.5};
  const std::vector<double> status_quo = {1, 4};
  const PairedDifference d = paired_difference(option, status_quo);
  EXPECT_EQ(d.n, 1);
  EXPECT_DOUBLE_EQ(d.mean, 5.5);
  EXPECT_DOUBLE_EQ(d.low, 5.5);
  EXPECT_DOUBLE_EQ(d.high, 5.5);
  EXPECT_DOUBLE_EQ(d.sd, 0.0);
}

TEST(PairedDifference, NoUsablePairsGivesAllNaN) {
  for (const auto& [option, status_quo] :
       std::vector<std::pair<std::vector<double>, std::vector<double>>>{
           {{}, {}}, {{kNaN, 1.0}, {2.0, kNaN}}}) {
    const PairedDifference d = paired_difference(option, status_quo);
    EXPECT_EQ(d.n, 0);
    EXPECT_TRUE(std::isnan(d.mean));
    EXPECT_TRUE(std::isnan(d.low));
    EXPECT_TRUE(std::isnan(d.high));
    EXPECT_TRUE(std::isnan(d.sd));
  }
}

TEST(PairedDifference, DifferenceOfMatchedProportionsIsPairedDifferenceOnZeroOneValues) {
  // Option reaches the event in 4/6 seeds, status quo in 2/6: difference 1/3. Differences
  // {1,0,0,1,0,0}: sd 0.5163977795, t(0.975, 5) = 2.570581835636315,
  // CI = 1/3 -+ 2.570581836 * 0.5163977795 / sqrt(6) = [-0.2085929008, 0.8752595675].
  const std::vector<double> option = {1, 0, 1, 1, 0, 1};
  const std::vector<double> status_quo = {0, 0, 1, 0, 0, 1};
  const PairedDifference d = paired_difference(option, status_quo);
  EXPECT_EQ(d.n, 6);
  EXPECT_NEAR(d.mean, 4.0 / 6.0 - 2.0 / 6.0, 1e-12);
  EXPECT_NEAR(d.sd, 0.5163977794943222, 1e-12);
  EXPECT_NEAR(d.low, -0.2085929008311562, 1e-9);
  EXPECT_NEAR(d.high, 0.8752595674978229, 1e-9);
}

TEST(PairedDifference, ThrowsWhenSpansDifferInSize) {
  const std::vector<double> option = {1, 2, 3};
  const std::vector<double> status_quo = {1, 2};
  EXPECT_THROW((void)paired_difference(option, status_quo), std::invalid_argument);
}

TEST(PairedDifference, ThrowsWhenConfidenceIsOutsideOpenUnitInterval) {
  const std::vector<double> option = {1, 2, 3};
  const std::vector<double> status_quo = {0, 0, 0};
  for (double c : {0.0, 1.0, -0.5, 1.5, 95.0, kNaN}) {
    EXPECT_THROW((void)paired_difference(option, status_quo, c), std::invalid_argument)
        << "confidence " << c;
  }
}

// ---------------------------------------------------------------------------- wilson_interval

TEST(WilsonInterval, MatchesHandComputedEightOfTen) {
  // z = 1.959963985; centre = (0.8 + z^2/20) / (1 + z^2/10),
  // half = z / (1 + z^2/10) * sqrt(0.016 + z^2/400).
  const Proportion p = wilson_interval(8, 10);
  EXPECT_EQ(p.n, 10);
  EXPECT_DOUBLE_EQ(p.estimate, 0.8);
  EXPECT_NEAR(p.low, 0.49016247153664183, 1e-9);
  EXPECT_NEAR(p.high, 0.9433178485456247, 1e-9);
}

TEST(WilsonInterval, UsesRequestedConfidence) {
  // 3/20 at 90%: z = 1.644853627.
  const Proportion p = wilson_interval(3, 20, 0.90);
  EXPECT_EQ(p.n, 20);
  EXPECT_DOUBLE_EQ(p.estimate, 0.15);
  EXPECT_NEAR(p.low, 0.061582410477368316, 1e-9);
  EXPECT_NEAR(p.high, 0.3218280756753067, 1e-9);
}

TEST(WilsonInterval, ZeroOrAllSuccessesStayInsideUnitInterval) {
  const Proportion none = wilson_interval(0, 10);
  EXPECT_DOUBLE_EQ(none.estimate, 0.0);
  EXPECT_GE(none.low, 0.0);
  EXPECT_NEAR(none.low, 0.0, 1e-15);
  EXPECT_NEAR(none.high, 0.27753279986288915, 1e-9);
  const Proportion all = wilson_interval(10, 10);
  EXPECT_DOUBLE_EQ(all.estimate, 1.0);
  EXPECT_NEAR(all.low, 0.7224672001371109, 1e-9);
  EXPECT_LE(all.high, 1.0);
  EXPECT_NEAR(all.high, 1.0, 1e-15);
}

TEST(WilsonInterval, BoundsNeverLeaveUnitIntervalDespiteRounding) {
  // Unclamped, centre -+ half rounds to e.g. -2.8e-17 (0/1 at 50%) or 1 + 2.2e-16 (2/2 at 50%).
  for (double c : {0.5, 0.9, 0.95, 0.99}) {
    for (int n = 1; n <= 200; ++n) {
      const Proportion none = wilson_interval(0, n, c);
      const Proportion all = wilson_interval(n, n, c);
      ASSERT_GE(none.low, 0.0) << "n " << n << " confidence " << c;
      ASSERT_LE(all.high, 1.0) << "n " << n << " confidence " << c;
      ASSERT_NEAR(none.low, 0.0, 1e-15);
      ASSERT_NEAR(all.high, 1.0, 1e-15);
    }
  }
}

TEST(WilsonInterval, ZeroTrialsGivesNaN) {
  const Proportion p = wilson_interval(0, 0);
  EXPECT_EQ(p.n, 0);
  EXPECT_TRUE(std::isnan(p.estimate));
  EXPECT_TRUE(std::isnan(p.low));
  EXPECT_TRUE(std::isnan(p.high));
}

TEST(WilsonInterval, ThrowsOnImpossibleCountsOrConfidence) {
  EXPECT_THROW((void)wilson_interval(0, -1), std::invalid_argument);
  EXPECT_THROW((void)wilson_interval(-1, 10), std::invalid_argument);
  EXPECT_THROW((void)wilson_interval(11, 10), std::invalid_argument);
  for (double c : {0.0, 1.0, -0.1, 1.1, kNaN}) {
    EXPECT_THROW((void)wilson_interval(5, 10, c), std::invalid_argument) << "confidence " << c;
  }
}

// ---------------------------------------------------------------------------- rank_options

TEST(RankOptions, TiesShareTheSmallerRankLowerIsBetter) {
  const std::vector<double> values = {5, 1, 2, 2, 9};
  EXPECT_EQ(rank_options(values, true), (std::vector<int>{4, 1, 2, 2, 5}));
}

TEST(RankOptions, TiesShareTheSmallerRankHigherIsBetter) {
  const std::vector<double> values = {5, 1, 2, 2, 9};
  EXPECT_EQ(rank_options(values, false), (std::vector<int>{2, 5, 3, 3, 1}));
}

TEST(RankOptions, NaNRanksLastInEitherDirectionAndTiesWithOtherNaN) {
  const std::vector<double> values = {kNaN, 2, kNaN, 1, 2};
  EXPECT_EQ(rank_options(values, true), (std::vector<int>{4, 2, 4, 1, 2}));
  EXPECT_EQ(rank_options(values, false), (std::vector<int>{4, 1, 4, 3, 1}));
  const std::vector<double> only_nan = {kNaN, kNaN};
  EXPECT_EQ(rank_options(only_nan, true), (std::vector<int>{1, 1}));
}

TEST(RankOptions, EmptyInputGivesNoRanks) {
  EXPECT_TRUE(rank_options(std::vector<double>{}, true).empty());
}

// ---------------------------------------------------------------------------- regret

// Options A, B, C (rows) in scenarios s1, s2, s3 (columns).
const std::vector<std::vector<double>> kTable = {
    {10, 50, 30},  // A
    {20, 20, 40},  // B
    {15, 35, 10},  // C
};

TEST(Regret, MatchesHandComputedTableLowerIsBetter) {
  // Best per scenario: 10, 20, 10. Regrets A {0,30,20}, B {10,0,30}, C {5,15,0}.
  const std::vector<Regret> r = regret(kTable, true);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_DOUBLE_EQ(r[0].max, 30.0);
  EXPECT_NEAR(r[0].mean, 50.0 / 3.0, 1e-12);
  EXPECT_DOUBLE_EQ(r[1].max, 30.0);
  EXPECT_NEAR(r[1].mean, 40.0 / 3.0, 1e-12);
  EXPECT_DOUBLE_EQ(r[2].max, 15.0);  // C is the minimax-regret choice
  EXPECT_NEAR(r[2].mean, 20.0 / 3.0, 1e-12);
}

TEST(Regret, MatchesHandComputedTableHigherIsBetter) {
  // Best per scenario: 20, 50, 40. Regrets A {10,0,10}, B {0,30,0}, C {5,15,30}.
  const std::vector<Regret> r = regret(kTable, false);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_DOUBLE_EQ(r[0].max, 10.0);  // A is the minimax-regret choice
  EXPECT_NEAR(r[0].mean, 20.0 / 3.0, 1e-12);
  EXPECT_DOUBLE_EQ(r[1].max, 30.0);
  EXPECT_NEAR(r[1].mean, 10.0, 1e-12);
  EXPECT_DOUBLE_EQ(r[2].max, 30.0);
  EXPECT_NEAR(r[2].mean, 50.0 / 3.0, 1e-12);
}

TEST(Regret, NaNValueMakesThatOptionsRegretNaNWithoutAffectingOthers) {
  // Best per scenario over known values: 10 (A), 20 (B), 30 (A).
  const std::vector<std::vector<double>> values = {{10, kNaN, 30}, {20, 20, 40}};
  const std::vector<Regret> r = regret(values, true);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_TRUE(std::isnan(r[0].max));
  EXPECT_TRUE(std::isnan(r[0].mean));
  EXPECT_DOUBLE_EQ(r[1].max, 10.0);  // B: {10, 0, 10}
  EXPECT_NEAR(r[1].mean, 20.0 / 3.0, 1e-12);
}

TEST(Regret, SingleOptionHasZeroRegret) {
  const std::vector<Regret> r = regret({{3, -7, 12}}, false);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_DOUBLE_EQ(r[0].max, 0.0);
  EXPECT_DOUBLE_EQ(r[0].mean, 0.0);
}

TEST(Regret, NoScenariosGivesNaNAndNoOptionsGivesEmpty) {
  const std::vector<Regret> r = regret({{}, {}}, true);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_TRUE(std::isnan(r[0].max));
  EXPECT_TRUE(std::isnan(r[1].mean));
  EXPECT_TRUE(regret({}, true).empty());
}

TEST(Regret, ThrowsWhenRowsHaveDifferentLengths) {
  EXPECT_THROW((void)regret({{1, 2, 3}, {1, 2}}, true), std::invalid_argument);
  EXPECT_THROW((void)regret({{1, 2}, {1, 2}, {1, 2, 3}}, false), std::invalid_argument);
}

// ---------------------------------------------------------------------------- thresholds

TEST(Threshold, MaxOnlyIsInclusiveUpperBound) {
  const Threshold t{"fatalities_total", false, true, 0, 1000};
  EXPECT_TRUE(meets(t, 999.5));
  EXPECT_TRUE(meets(t, 1000));
  EXPECT_FALSE(meets(t, 1000.5));
  EXPECT_TRUE(meets(t, -1e12));  // no lower bound
}

TEST(Threshold, MinOnlyIsInclusiveLowerBound) {
  const Threshold t{"share_ceasefire", true, false, 0.5, 0};
  EXPECT_TRUE(meets(t, 0.5));
  EXPECT_TRUE(meets(t, 1e12));  // no upper bound
  EXPECT_FALSE(meets(t, 0.49));
}

TEST(Threshold, MinAndMaxRequireValueInsideBothBounds) {
  const Threshold t{"conflict_days", true, true, 10, 20};
  EXPECT_TRUE(meets(t, 10));
  EXPECT_TRUE(meets(t, 15));
  EXPECT_TRUE(meets(t, 20));
  EXPECT_FALSE(meets(t, 9.99));
  EXPECT_FALSE(meets(t, 20.01));
}

TEST(Threshold, NaNNeverMeetsEvenWithoutBounds) {
  EXPECT_FALSE(meets(Threshold{"x", true, true, 0, 1}, kNaN));
  EXPECT_FALSE(meets(Threshold{"x", false, true, 0, 1}, kNaN));
  EXPECT_FALSE(meets(Threshold{"x", true, false, 0, 1}, kNaN));
  EXPECT_FALSE(meets(Threshold{"x", false, false, 0, 0}, kNaN));
  EXPECT_TRUE(meets(Threshold{"x", false, false, 0, 0}, 123.0));
}

TEST(ShareMeeting, CountsScenariosMeetingEveryThreshold) {
  const std::vector<Threshold> thresholds = {{"fatalities_total", false, true, 0, 1000},
                                             {"share_ceasefire", true, false, 0.5, 0}};
  const std::vector<std::vector<double>> values = {
      {500, 0.6},   // meets both
      {1500, 0.9},  // fails the max
      {1000, 0.5},  // meets both on the boundaries
      {kNaN, 0.7},  // NaN never meets
      {200, 0.3},   // fails the min
  };
  EXPECT_DOUBLE_EQ(share_meeting(values, thresholds), 2.0 / 5.0);
}

TEST(ShareMeeting, NoThresholdsIsMetInEveryScenario) {
  const std::vector<std::vector<double>> values = {{}, {}, {}};
  EXPECT_DOUBLE_EQ(share_meeting(values, std::span<const Threshold>{}), 1.0);
}

TEST(ShareMeeting, NoScenariosGivesNaN) {
  const std::vector<Threshold> thresholds = {{"x", false, true, 0, 1}};
  EXPECT_TRUE(std::isnan(share_meeting({}, thresholds)));
}

TEST(ShareMeeting, ThrowsWhenRowSizeDiffersFromThresholdCount) {
  const std::vector<Threshold> thresholds = {{"a", false, true, 0, 1}, {"b", true, false, 0, 0}};
  EXPECT_THROW((void)share_meeting({{0.5, 0.5}, {0.5}}, thresholds), std::invalid_argument);
  EXPECT_THROW((void)share_meeting({{0.5, 0.5, 0.5}}, thresholds), std::invalid_argument);
}

// ---------------------------------------------------------------------------- regret_matrix

TEST(RegretMatrix, IsTheTableOfRegretsBehindMaxAndMean) {
  // kTable, lower is better: best per scenario 10, 20, 10.
  const auto r = regret_matrix(kTable, true);
  const std::vector<std::vector<double>> expected = {{0, 30, 20}, {10, 0, 30}, {5, 15, 0}};
  ASSERT_EQ(r.size(), expected.size());
  for (std::size_t o = 0; o < r.size(); ++o) {
    for (std::size_t s = 0; s < 3; ++s) EXPECT_DOUBLE_EQ(r[o][s], expected[o][s]) << o << s;
  }
  // A NaN value leaves that cell NaN and the scenario's best from the others.
  const auto n = regret_matrix({{10, kNaN}, {20, 5}}, true);
  EXPECT_TRUE(std::isnan(n[0][1]));
  EXPECT_DOUBLE_EQ(n[1][1], 0.0);
  EXPECT_DOUBLE_EQ(n[1][0], 10.0);
  EXPECT_THROW((void)regret_matrix({{1, 2}, {1}}, true), std::invalid_argument);
}

// ---------------------------------------------------------------------------- robustness

TEST(Robustness, MatchesHandComputedMeasuresLowerIsBetter) {
  // Eleven scenario means 0, 10, ..., 100 (given out of order), lower is better.
  // Quantiles with linear interpolation on 11 sorted values: q_p = 100 p exactly.
  const std::vector<double> v = {50, 0, 100, 10, 90, 20, 80, 30, 70, 40, 60};
  const Robustness r = robustness(v, true, RobustnessSettings{0.25, 0.8});
  EXPECT_DOUBLE_EQ(r.laplace, 50.0);
  EXPECT_DOUBLE_EQ(r.worst, 100.0);
  EXPECT_DOUBLE_EQ(r.best, 0.0);
  EXPECT_DOUBLE_EQ(r.hurwicz, 0.25 * 0 + 0.75 * 100);  // 75
  EXPECT_DOUBLE_EQ(r.percentile_worse, 80.0);          // q_0.8
  EXPECT_NEAR(r.skewness, 0.0, 1e-12);                 // symmetric
  EXPECT_NEAR(r.peakedness, (75.0 - 25.0) / (90.0 - 10.0), 1e-12);
}

TEST(Robustness, HigherIsBetterTakesTheOtherSide) {
  const std::vector<double> v = {50, 0, 100, 10, 90, 20, 80, 30, 70, 40, 60};
  const Robustness r = robustness(v, false, RobustnessSettings{0.25, 0.8});
  EXPECT_DOUBLE_EQ(r.worst, 0.0);
  EXPECT_DOUBLE_EQ(r.best, 100.0);
  EXPECT_DOUBLE_EQ(r.hurwicz, 0.25 * 100 + 0.75 * 0);  // 25
  EXPECT_NEAR(r.percentile_worse, 20.0, 1e-12);        // q_0.2
}

TEST(Robustness, SkewedValuesAndNaNs) {
  // Five values 0, 0, 0, 0, 10 (plus two NaNs, skipped): sorted, h = 4p.
  // q10 = 0, q25 = 0, q50 = 0, q75 = 0, q90 = 0.6 * 10 = 6 (h = 3.6).
  // skewness = ((0 + 6)/2 - 0) / (6/2) = 1; peakedness = (0 - 0) / 6 = 0; laplace = 2.
  const std::vector<double> v = {0, kNaN, 10, 0, 0, kNaN, 0};
  const Robustness r = robustness(v, true);
  EXPECT_DOUBLE_EQ(r.laplace, 2.0);
  EXPECT_NEAR(r.skewness, 1.0, 1e-12);
  EXPECT_NEAR(r.peakedness, 0.0, 1e-12);
  EXPECT_DOUBLE_EQ(r.hurwicz, 0.5 * 0 + 0.5 * 10);  // default alpha 0.5
  EXPECT_NEAR(r.percentile_worse, 6.0, 1e-12);      // default percentile 0.9
}

TEST(Robustness, OneScenarioAndNoValue) {
  const Robustness one = robustness(std::vector<double>{7}, true);
  EXPECT_DOUBLE_EQ(one.laplace, 7.0);
  EXPECT_DOUBLE_EQ(one.worst, 7.0);
  EXPECT_DOUBLE_EQ(one.hurwicz, 7.0);
  EXPECT_DOUBLE_EQ(one.skewness, 0.0);
  EXPECT_TRUE(std::isnan(one.peakedness));  // no spread
  const Robustness none = robustness(std::vector<double>{kNaN, kNaN}, true);
  EXPECT_TRUE(std::isnan(none.laplace));
  EXPECT_TRUE(std::isnan(none.worst));
  EXPECT_TRUE(std::isnan(none.hurwicz));
}

// ---------------------------------------------------------------------------- pareto_ranks

TEST(ParetoRanks, MatchesHandComputedFronts) {
  // Two objectives, both lower is better:
  //   A (1, 9), B (3, 3), C (9, 1): the front; D (4, 4) is dominated by B only -> rank 2;
  //   E (5, 9) is dominated by A, B and D -> rank 3; F (3, 3) ties B -> rank 1 (no strict gain).
  const std::vector<std::vector<double>> v = {{1, 9}, {3, 3}, {9, 1}, {4, 4}, {5, 9}, {3, 3}};
  const auto r = pareto_ranks(v, {true, true});
  EXPECT_EQ(r, (std::vector<int>{1, 1, 1, 2, 3, 1}));
}

TEST(ParetoRanks, DirectionsAndMissingValues) {
  // Deaths lower, trade higher: A (10, 5), B (8, 5) dominates A; C (12, 9) on the front;
  // D has no trade value: not ranked, and it does not dominate A although its deaths are 1.
  const std::vector<std::vector<double>> v = {{10, 5}, {8, 5}, {12, 9}, {1, kNaN}};
  const auto r = pareto_ranks(v, {true, false});
  EXPECT_EQ(r, (std::vector<int>{2, 1, 1, 0}));
  EXPECT_THROW((void)pareto_ranks({{1, 2}, {1}}, {true, true}), std::invalid_argument);
  EXPECT_TRUE(pareto_ranks({}, {true, true}).empty());
}

}  // namespace
}  // namespace flashpoint
