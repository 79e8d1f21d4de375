#include "model/hostility.hpp"

#include <gtest/gtest.h>

namespace flashpoint {
namespace {

TEST(Hostility, RichardsonStepMatchesHandComputation) {
  Eigen::MatrixXd H(2, 2), k(2, 2), g(2, 2), received(2, 2);
  H << 0, 2, 1, 0;
  k << 0, 0.1, 0.2, 0;
  g << 0, 0.5, 0.3, 0;
  received << 0, -10, 0, 0;  // state 0 suffered an event of Goldstein -10 by state 1
  Eigen::VectorXd a(2);
  a << 0.1, 0.2;
  const Eigen::MatrixXd next = richardson_step(H, k, a, g, 0.1, received);
  // H01 = 2 + 0.1*1 - 0.1*2 + 0.5 - 0.1*(-10) = 3.4
  EXPECT_NEAR(next(0, 1), 3.4, 1e-12);
  // H10 = 1 + 0.2*2 - 0.2*1 + 0.3 - 0 = 1.5
  EXPECT_NEAR(next(1, 0), 1.5, 1e-12);
  EXPECT_EQ(next(0, 0), 0.0);
  EXPECT_EQ(next(1, 1), 0.0);
}

TEST(Hostility, CooperationLowersHostilityButNeverBelowZero) {
  Eigen::MatrixXd H(2, 2), zero = Eigen::MatrixXd::Zero(2, 2), received(2, 2);
  H << 0, 0.1, 0, 0;
  received << 0, 9, 0, 0;  // a ceasefire (Goldstein +9) by state 1 toward state 0
  Eigen::VectorXd a(2);
  a << 0.5, 0.5;
  const Eigen::MatrixXd next = richardson_step(H, zero, a, zero, 0.1, received);
  EXPECT_EQ(next(0, 1), 0.0);  // 0.1 - 0.05 - 0.9 < 0 is clipped
}

TEST(Hostility, StableDefaultsDecayToTheGrievanceEquilibrium) {
  // With a_i*a_j > k_ij*k_ji and no events, H converges to the fixed point of
  // H = H + k H^T - a H + g, i.e. for a symmetric pair H* = g / (a - k).
  Eigen::MatrixXd H(2, 2), k(2, 2), g(2, 2), zero = Eigen::MatrixXd::Zero(2, 2);
  H << 0, 10, 10, 0;
  k << 0, 0.02, 0.02, 0;
  g << 0, 0.06, 0.06, 0;
  Eigen::VectorXd a(2);
  a << 0.08, 0.08;
  for (int t = 0; t < 2000; ++t) H = richardson_step(H, k, a, g, 0.03, zero);
  EXPECT_NEAR(H(0, 1), 0.06 / (0.08 - 0.02), 1e-9);
}

}  // namespace
}  // namespace flashpoint
