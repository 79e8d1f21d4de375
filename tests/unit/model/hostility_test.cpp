#include "model/hostility.hpp"

#include <cmath>

#include <gtest/gtest.h>

#include "model/ladder.hpp"
#include "model/phases.hpp"
#include "model/world.hpp"
#include "scenario/loader.hpp"

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
  const Eigen::MatrixXd zero = Eigen::MatrixXd::Zero(2, 2);
  const Eigen::MatrixXd next = richardson_step(H, k, a, g, 0.1, received, 0.01, zero);
  // H01 = 2 + 0.1*1 - 0.1*2 + 0.5 - 0.1*(-10) = 3.4
  EXPECT_NEAR(next(0, 1), 3.4, 1e-12);
  // H10 = 1 + 0.2*2 - 0.2*1 + 0.3 - 0 = 1.5
  EXPECT_NEAR(next(1, 0), 1.5, 1e-12);
  EXPECT_EQ(next(0, 0), 0.0);
  EXPECT_EQ(next(1, 1), 0.0);
}

TEST(Hostility, CooperationRemovesAShareOfHostilityByHand) {
  Eigen::MatrixXd H(2, 2), zero = Eigen::MatrixXd::Zero(2, 2), coop(2, 2), g(2, 2);
  H << 0, 3, 2, 0;
  g << 0, 0.1, 0.1, 0;
  coop << 0, 14, 0, 0;  // two negotiations (Goldstein +7 each) by state 1 toward state 0
  Eigen::VectorXd a(2);
  a << 0.08, 0.08;
  const Eigen::MatrixXd next = richardson_step(H, zero, a, g, 0.03, zero, 0.01, coop);
  // H01 = 3 - (0.08 + 0.01 * 14) * 3 + 0.1 = 2.44; H10 = 2 - 0.08 * 2 + 0.1 = 1.94
  EXPECT_NEAR(next(0, 1), 2.44, 1e-12);
  EXPECT_NEAR(next(1, 0), 1.94, 1e-12);
}

TEST(Hostility, CooperationNeverRemovesMoreThanThereIs) {
  Eigen::MatrixXd H(2, 2), zero = Eigen::MatrixXd::Zero(2, 2), coop(2, 2), g(2, 2);
  H << 0, 0.5, 0, 0;
  g << 0, 0.1, 0, 0;
  coop << 0, 200, 0, 0;  // a flood of cooperation: the fade is capped at 1
  Eigen::VectorXd a(2);
  a << 0.08, 0.08;
  const Eigen::MatrixXd next = richardson_step(H, zero, a, g, 0.03, zero, 0.01, coop);
  EXPECT_NEAR(next(0, 1), 0.1, 1e-12);  // 0.5 - 1 * 0.5 + 0.1: the grievance stays
}

TEST(Hostility, DailyCooperationHoldsHostilityAboveZero) {
  // The defect this form removes: with cooperation subtracted (as conflict is), one negotiation
  // a day (+7, s = 0.03: -0.21) pinned H at exactly 0 against a grievance of 0.1 a day. As a
  // share, the same day-in, day-out cooperation gives the equilibrium g / (a + c * 7).
  Eigen::MatrixXd H(2, 2), zero = Eigen::MatrixXd::Zero(2, 2), coop(2, 2), g(2, 2);
  H << 0, 2.5, 0, 0;
  g << 0, 0.1, 0, 0;
  coop << 0, 7, 0, 0;
  Eigen::VectorXd a(2);
  a << 0.08, 0.08;
  for (int t = 0; t < 2000; ++t) H = richardson_step(H, zero, a, g, 0.03, zero, 0.01, coop);
  EXPECT_NEAR(H(0, 1), 0.1 / (0.08 + 0.07), 1e-9);
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
  for (int t = 0; t < 2000; ++t) H = richardson_step(H, k, a, g, 0.03, zero, 0.01, zero);
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
  today.received_conflict = Eigen::MatrixXd::Zero(2, 2);
  today.coercion_grievance = Eigen::MatrixXd::Zero(2, 2);
  today.received_cooperation = Eigen::MatrixXd::Zero(2, 2);
  today.received_conflict(0, 1) = -10;
  today.received_cooperation(1, 0) = 5;
  StrategicParams p;
  p.hostility_event_scale = 0.1;
  p.cooperation_scale = 0.02;
  p.attack_memory_days = 10;
  p.publicity_memory_days = 5;
  p.war_cost_memory_days = 20;
  update_hostility(st, p, params, today);
  // H01 = 2 + 0.1*1 - (0.1 + 0.05)*2 + 0.5/2 - 0.1*(-10) = 3.05
  EXPECT_NEAR(st.hostility(0, 1), 3.05, 1e-12);
  // H10 = 1 + 0.2*2 - (0.2 + 0.02*5)*1 + 0.3/1 - 0 = 1.4
  EXPECT_NEAR(st.hostility(1, 0), 1.4, 1e-12);
  EXPECT_NEAR(st.deaths_caused(0, 1), 10 * std::exp(-0.1), 1e-12);
  EXPECT_NEAR(st.publicity(1), 4 * std::exp(-0.2), 1e-12);
  EXPECT_NEAR(st.war_costs(0), 8 * std::exp(-0.05), 1e-12);
}

// A clash is fought by both sides: the defender receives the attack and the attacker the return
// fire, each the clash's Goldstein score (before, only the defender's hostility rose, and the
// attacker's fell to zero while its own guns were firing).
TEST(Hostility, BothSidesOfAClashReceiveItsGoldstein) {
  const Scenario sc = load_scenario(std::string(FLASHPOINT_TEST_DATA_DIR) + "/layer2.yaml", {});
  World w(sc, 1);
  prepare_result(w);
  w.day = 0;
  Ledger ledger = w.ledger();
  book_clash(w, w.params, w.strategic, w.rng, ledger, 0, 0, 1, ClashOutcome{}, ClashParams{},
             cameo::kIncidentClash);
  EXPECT_EQ(w.today.received_conflict(1, 0), cameo::kIncidentClash.goldstein);  // defender
  EXPECT_EQ(w.today.received_conflict(0, 1), cameo::kIncidentClash.goldstein);  // attacker
  EXPECT_EQ(w.today.received_cooperation.sum(), 0.0);
}

TEST(Hostility, EventsAreBookedByTheirSign) {
  DayLog today;
  today.received_conflict = Eigen::MatrixXd::Zero(2, 2);
  today.coercion_grievance = Eigen::MatrixXd::Zero(2, 2);
  today.received_cooperation = Eigen::MatrixXd::Zero(2, 2);
  today.receive(0, 1, -10.0);
  today.receive(0, 1, 7.0);
  today.receive(1, 0, 3.5);
  EXPECT_EQ(today.received_conflict(0, 1), -10.0);
  EXPECT_EQ(today.received_cooperation(0, 1), 7.0);
  EXPECT_EQ(today.received_cooperation(1, 0), 3.5);
  EXPECT_EQ(today.received_conflict(1, 0), 0.0);
}

}  // namespace
}  // namespace flashpoint
