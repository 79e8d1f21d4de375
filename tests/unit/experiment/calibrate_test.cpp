// The statistics of calibration targets, the distance and the posterior's weighted quantile
// (experiment/calibrate.hpp), against hand computations.
#include "experiment/calibrate.hpp"

#include <cmath>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/nan.hpp"

namespace flashpoint {
namespace {

CalibrationTarget target(TargetStatistic statistic, double observed = 0, double scale = 1) {
  CalibrationTarget t;
  t.statistic = statistic;
  t.observed = observed;
  t.scale = scale;
  return t;
}

TEST(CalibrationTargets, StatisticsOverReplicatesByHand) {
  const std::vector<double> v = {4, kNaN, 1, 3, 10};  // NaN: a replicate without a value
  // Median of 1, 3, 4, 10 = 3.5; mean 18 / 4 = 4.5; quantile 0.75 (type 7): h = 2.25,
  // 4 + 0.25 x (10 - 4) = 5.5.
  EXPECT_DOUBLE_EQ(target_statistic(target(TargetStatistic::kMedian), v), 3.5);
  EXPECT_DOUBLE_EQ(target_statistic(target(TargetStatistic::kMean), v), 4.5);
  CalibrationTarget q = target(TargetStatistic::kQuantile);
  q.quantile = 0.75;
  EXPECT_DOUBLE_EQ(target_statistic(q, v), 5.5);
  // A share counts the replicate without a value as not meeting: >= 3 in 3 of 5.
  CalibrationTarget share = target(TargetStatistic::kShare);
  share.at_least = 3;
  EXPECT_DOUBLE_EQ(target_statistic(share, v), 0.6);
  share.at_most = 4;  // 3 <= x <= 4: two of five
  EXPECT_DOUBLE_EQ(target_statistic(share, v), 0.4);
  // Without bounds: present and not 0.
  EXPECT_DOUBLE_EQ(target_statistic(target(TargetStatistic::kShare), {0, 2, kNaN, 5}), 0.5);
  // No value in any replicate: NaN, except for a share.
  EXPECT_TRUE(std::isnan(target_statistic(target(TargetStatistic::kMedian), {kNaN, kNaN})));
  EXPECT_TRUE(std::isnan(target_statistic(target(TargetStatistic::kMean), {kNaN})));
  EXPECT_DOUBLE_EQ(target_statistic(target(TargetStatistic::kShare), {kNaN, kNaN}), 0.0);
}

TEST(CalibrationTargets, DistanceIsTheRootMeanSquareOfTheMisfitsInTolerances) {
  const std::vector<CalibrationTarget> t = {target(TargetStatistic::kMedian, 10, 5),
                                            target(TargetStatistic::kMean, 100, 20)};
  // z = (16 - 10) / 5 = 1.2 and (84 - 100) / 20 = -0.8: sqrt((1.44 + 0.64) / 2) = sqrt(1.04).
  EXPECT_DOUBLE_EQ(target_distance(t, {16, 84}), std::sqrt(1.04));
  EXPECT_DOUBLE_EQ(target_distance(t, {10, 100}), 0.0);
  EXPECT_EQ(target_distance(t, {kNaN, 100}), kInfinity);
}

TEST(CalibrationTargets, WeightedQuantileByHand) {
  // Values 1, 2, 4 with weights 1, 2, 1: mid-points of the cumulative mass 1/8, 1/2, 7/8.
  const std::vector<std::pair<double, double>> vw = {{4, 1}, {1, 1}, {2, 2}};
  EXPECT_DOUBLE_EQ(weighted_quantile(vw, 0.5), 2.0);
  EXPECT_DOUBLE_EQ(weighted_quantile(vw, 0.125), 1.0);
  EXPECT_DOUBLE_EQ(weighted_quantile(vw, 0.05), 1.0);  // below the first mid-point
  EXPECT_DOUBLE_EQ(weighted_quantile(vw, 0.95), 4.0);  // above the last
  // Between 1/2 and 7/8: 2 + (4 - 2) x (0.6875 - 0.5) / 0.375 = 3.
  EXPECT_DOUBLE_EQ(weighted_quantile(vw, 0.6875), 3.0);
  // Weight 0 does not count; none left: NaN.
  EXPECT_DOUBLE_EQ(weighted_quantile({{1, 0}, {5, 1}}, 0.2), 5.0);
  EXPECT_TRUE(std::isnan(weighted_quantile({{1, 0}}, 0.5)));
}

}  // namespace
}  // namespace flashpoint
