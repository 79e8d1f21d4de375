#include "model/strategic.hpp"

#include <cmath>

#include <gtest/gtest.h>

namespace flashpoint {
namespace {

StrategicParams weights() {
  StrategicParams p;
  p.w_coercion = 1.2;
  p.w_reciprocity = 0.6;
  p.w_retaliation_cost = 0.8;
  p.w_trade_cost = 0.5;
  p.w_third_party = 0.6;
  p.w_violation = 1.0;
  p.w_audience = 0.5;
  p.w_escalation_cost = 0.4;
  p.w_peace = 0.3;
  p.w_war_weariness = 0.8;
  return p;
}

ChoiceSituation situation() {
  ChoiceSituation s;
  s.threat = 0.5;
  s.adversary_rung = 6;
  s.adversary_capability = 0.4;
  s.resolve = 0.6;
  s.audience_weight = 0.5;
  s.trade_exposure = 0.3;
  return s;
}

double at(const ActionValues& v, Action a) {
  return v[static_cast<std::size_t>(action_index(a))];
}

TEST(Utilities, MatchHandComputation) {
  const std::array<LadderEntry, kActionCount> ladder{};
  const ActionValues u = action_utilities(situation(), weights(), ladder);
  // Strike (rung 6, x = 6/9): reciprocity 0.6*(1-0) + coercion 1.2*0.5*x
  //   - retaliation 0.8*(1-0.3)*0.4*x^2 - escalation 0.4*(1-0.3)*x
  const double x6 = 6.0 / 9.0;
  EXPECT_NEAR(at(u, Action::kStrikeSanctuary),
              0.6 + 1.2 * 0.5 * x6 - 0.8 * 0.7 * 0.4 * x6 * x6 - 0.4 * 0.7 * x6, 1e-12);
  // Hold: reciprocity 0.6*(1 - 6/9); no audience cost without public threats.
  EXPECT_NEAR(at(u, Action::kHold), 0.6 * (1 - 6.0 / 9.0), 1e-12);
  // Ceasefire: reciprocity as hold + peace 0.3*(1-0.5)*1.
  EXPECT_NEAR(at(u, Action::kCeasefire), 0.2 + 0.15, 1e-12);
  // Closing crossings (rung 4) also pays the trade cost 0.5*0.3.
  const double x4 = 4.0 / 9.0;
  EXPECT_NEAR(
      at(u, Action::kCloseCrossings),
      0.6 * (1 - 2.0 / 9.0) + 1.2 * 0.5 * x4 - 0.8 * 0.7 * 0.4 * x4 * x4 - 0.4 * 0.7 * x4 - 0.15,
      1e-12);
}

TEST(Utilities, AudienceCostPenalisesBackingDownAfterThreats) {
  ChoiceSituation s = situation();
  const std::array<LadderEntry, kActionCount> ladder{};
  const ActionValues quiet = action_utilities(s, weights(), ladder);
  s.publicity = 0.8;
  const ActionValues committed = action_utilities(s, weights(), ladder);
  // Hold costs 0.5 * 0.5 * 0.8 * (2 - 0)/5 = 0.08 more; threatening (rung 2) costs nothing more.
  EXPECT_NEAR(at(quiet, Action::kHold) - at(committed, Action::kHold), 0.08, 1e-12);
  EXPECT_NEAR(at(quiet, Action::kThreaten), at(committed, Action::kThreaten), 1e-12);
}

TEST(Utilities, CeasefireAndMediatorsMakeStrikesCostly) {
  ChoiceSituation s = situation();
  const std::array<LadderEntry, kActionCount> ladder{};
  const ActionValues before = action_utilities(s, weights(), ladder);
  s.ceasefire_in_force = true;
  s.mediator_pressure = 0.5;
  const ActionValues after = action_utilities(s, weights(), ladder);
  // Mediators' pressure 0.6 * 0.5, and under the ceasefire: violation 1.0, the guarantors'
  // pressure again 0.6 * 0.5 and the audience cost of breaking it 0.5 * 0.5.
  EXPECT_NEAR(at(before, Action::kStrikeSanctuary) - at(after, Action::kStrikeSanctuary),
              0.6 * 0.5 + 1.0 + 0.6 * 0.5 + 0.5 * 0.5, 1e-12);
  EXPECT_NEAR(at(after, Action::kNegotiate) - at(before, Action::kNegotiate), 0.3, 1e-12);
  EXPECT_NEAR(at(before, Action::kMobilise), at(after, Action::kMobilise), 1e-12);
}

TEST(Utilities, DoctrineBonusGoesToItsRungOnly) {
  ChoiceSituation s = situation();
  const std::array<LadderEntry, kActionCount> ladder{};
  const ActionValues before = action_utilities(s, weights(), ladder);
  s.doctrine_bonus[action_index(Action::kStrikeSanctuary)] = 1.5;
  const ActionValues after = action_utilities(s, weights(), ladder);
  for (int k = 0; k < kActionCount; ++k) {
    EXPECT_NEAR(after[k] - before[k], k == action_index(Action::kStrikeSanctuary) ? 1.5 : 0.0,
                1e-12);
  }
}

TEST(Logit, ProbabilitiesMatchHandComputation) {
  ActionValues u{};
  ActionMask feasible{};
  u[0] = 0.0;
  u[1] = 1.0;
  u[2] = 2.0;
  u[3] = 50.0;  // infeasible: must get probability 0 whatever its utility
  feasible[0] = feasible[1] = feasible[2] = true;
  const ActionValues p = logit_probabilities(u, feasible, 1.0);
  const double z = 1 + std::exp(1.0) + std::exp(2.0);
  EXPECT_NEAR(p[0], 1 / z, 1e-12);
  EXPECT_NEAR(p[1], std::exp(1.0) / z, 1e-12);
  EXPECT_NEAR(p[2], std::exp(2.0) / z, 1e-12);
  EXPECT_EQ(p[3], 0.0);
}

TEST(Logit, LambdaZeroIsUniformAndLargeLambdaPicksTheBest) {
  ActionValues u{};
  ActionMask feasible{};
  for (int k = 0; k < 4; ++k) {
    u[k] = k;
    feasible[k] = true;
  }
  const ActionValues uniform = logit_probabilities(u, feasible, 0.0);
  for (int k = 0; k < 4; ++k) EXPECT_NEAR(uniform[k], 0.25, 1e-12);
  const ActionValues sharp = logit_probabilities(u, feasible, 1000.0);
  EXPECT_NEAR(sharp[3], 1.0, 1e-12);
}

TEST(Logit, SampleIndexWalksTheCumulativeDistribution) {
  ActionValues p{};
  p[2] = 0.25;
  p[5] = 0.75;
  EXPECT_EQ(sample_index(p, 0.0), 2);
  EXPECT_EQ(sample_index(p, 0.2499), 2);
  EXPECT_EQ(sample_index(p, 0.25), 5);
  EXPECT_EQ(sample_index(p, 0.999999), 5);
}

}  // namespace
}  // namespace flashpoint
