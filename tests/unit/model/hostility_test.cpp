#include "model/hostility.hpp"

#include <cmath>

#include <gtest/gtest.h>

#include "model/phases.hpp"

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

// The phase the engine calls: the Richardson step with the public-diplomacy fatigue bonus added to
// a_i and the grievance divided by the corridor's interdependence, then the memories decay.
TEST(Hostility, PhaseAddsFatigueBonusDividesGrievanceAndDecaysMemories) {
  StrategicState st;
  st.hostility.resize(2, 2);
  st.hostility << 0, 2, 1, 0;
  st.reaction.resize(2, 2);
  st.reaction << 0, 0.1, 0.2, 0;
  st.grievance.resize(2, 2);
  st.grievance << 0, 0.5, 0.3, 0;
  st.fatigue.resize(2);
  st.fatigue << 0.1, 0.2;
  st.deaths_caused = Eigen::MatrixXd::Constant(2, 2, 10.0);
  st.publicity = Eigen::VectorXd::Constant(2, 4.0);
  st.war_costs = Eigen::VectorXd::Constant(2, 8.0);
  RunParams params;
  params.fatigue_bonus = {0.05, 0.0};
  params.interdependence = Eigen::MatrixXd::Ones(2, 2);
  params.interdependence(0, 1) = 2.0;
  DayLog today;
  today.received_goldstein = Eigen::MatrixXd::Zero(2, 2);
  today.received_goldstein(0, 1) = -10;
  StrategicParams p;
  p.hostility_event_scale = 0.1;
  p.attack_memory_days = 10;
  p.publicity_memory_days = 5;
  p.war_cost_memory_days = 20;
  update_hostility(st, p, params, today);
  // H01 = 2 + 0.1*1 - (0.1 + 0.05)*2 + 0.5/2 - 0.1*(-10) = 3.05
  EXPECT_NEAR(st.hostility(0, 1), 3.05, 1e-12);
  // H10 = 1 + 0.2*2 - 0.2*1 + 0.3/1 - 0 = 1.5
  EXPECT_NEAR(st.hostility(1, 0), 1.5, 1e-12);
  EXPECT_NEAR(st.deaths_caused(0, 1), 10 * std::exp(-0.1), 1e-12);
  EXPECT_NEAR(st.publicity(1), 4 * std::exp(-0.2), 1e-12);
  EXPECT_NEAR(st.war_costs(0), 8 * std::exp(-0.05), 1e-12);
}

}  // namespace
}  // namespace flashpoint
