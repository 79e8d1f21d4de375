#include "model/operations.hpp"

#include <gtest/gtest.h>

namespace flashpoint {
namespace {

PostColumns two_posts(double attacker_garrison, double defender_garrison, double defender_full) {
  PostColumns p;
  p.sector = {0, 0};
  p.owner = {0, 1};
  p.controller = {0, 1};
  p.garrison = {attacker_garrison, defender_garrison};
  p.full_garrison = {attacker_garrison, defender_full};
  p.fortification = {0.0, 0.0};
  p.readiness = {0.0, 0.0};
  return p;
}

TEST(Lanchester, RatesMatchHandComputation) {
  // Square law: 0.03 * 20 shooters * 1.5 effectiveness * (1 - 0.6) * 1 = 0.36
  EXPECT_NEAR(square_law_rate(0.03, 20, 1.5, 0.6, 1.0), 0.36, 1e-12);
  // Linear law: 0.002 * 20 * 10 targets * 1 * (1 - 0.5) * 2 = 0.4
  EXPECT_NEAR(linear_law_rate(0.002, 20, 10, 1.0, 0.5, 2.0), 0.4, 1e-12);
  EXPECT_NEAR(effectiveness(0.5), 1.5, 1e-12);
}

TEST(Lanchester, ClashDrawsHaveThePoissonMeanAndBinomialDeaths) {
  // 1000 vs 1000, alpha = 0.005, no fortification: 5 expected casualties a side per day;
  // lethality 0.5 gives 2.5 expected deaths.
  ClashParams cp;
  cp.alpha = 0.005;
  cp.intensity = 1.0;
  cp.lethality = 0.5;
  cp.capture_threshold = 0.0;
  cp.superiority_ratio = 100.0;
  Engine rng(99);
  const int n = 20000;
  double casualties = 0, deaths = 0;
  for (int k = 0; k < n; ++k) {
    PostColumns p = two_posts(1000, 1000, 1000);
    const ClashOutcome out = resolve_clash(p, 0, 0, 1, cp, rng);
    casualties += out.defender_casualties;
    deaths += out.defender_deaths;
    EXPECT_EQ(p.garrison[1], 1000 - out.defender_casualties);
  }
  // Standard errors: sqrt(5/n) = 0.016 and about 0.012; allow 5 of them.
  EXPECT_NEAR(casualties / n, 5.0, 0.08);
  EXPECT_NEAR(deaths / n, 2.5, 0.06);
}

TEST(Lanchester, LinearLawGrowsWithTargets) {
  ClashParams cp;
  cp.beta = 0.0001;
  cp.artillery = true;
  cp.intensity = 1.0;
  cp.lethality = 1.0;
  cp.superiority_ratio = 100.0;
  Engine rng(5);
  double small = 0, large = 0;
  for (int k = 0; k < 5000; ++k) {
    PostColumns a = two_posts(100, 100, 100);  // rate on defender: 0.0001*100*100 = 1
    PostColumns b = two_posts(100, 400, 400);  // rate on defender: 0.0001*100*400 = 4
    small += resolve_clash(a, 0, 0, 1, cp, rng).defender_casualties;
    large += resolve_clash(b, 0, 0, 1, cp, rng).defender_casualties;
  }
  EXPECT_NEAR(small / 5000, 1.0, 0.08);
  EXPECT_NEAR(large / 5000, 4.0, 0.15);
}

TEST(Capture, BrokenPostFallsToASuperiorAttacker) {
  ClashParams cp;  // no fire at all: only the capture rule acts
  cp.capture_threshold = 0.5;
  cp.superiority_ratio = 1.2;
  Engine rng(1);
  PostColumns p = two_posts(10, 2, 10);  // 2 < 0.5*10 and 10 >= 1.2*2
  const ClashOutcome out = resolve_clash(p, 0, 0, 1, cp, rng);
  ASSERT_EQ(out.captured.size(), 1u);
  EXPECT_EQ(out.captured[0], 1u);
  EXPECT_EQ(p.controller[1], 0);
  EXPECT_EQ(p.owner[1], 1);
  EXPECT_EQ(p.garrison[1], 5);  // half the attacker's garrison moves in
  EXPECT_EQ(p.garrison[0], 5);
}

TEST(Capture, PostHoldsWithoutSuperiorityOrWhileAboveThreshold) {
  ClashParams cp;
  cp.capture_threshold = 0.5;
  cp.superiority_ratio = 1.2;
  Engine rng(1);
  PostColumns weak_attacker = two_posts(2, 2, 10);  // broken, but 2 < 1.2*2
  EXPECT_TRUE(resolve_clash(weak_attacker, 0, 0, 1, cp, rng).captured.empty());
  PostColumns strong_defender = two_posts(50, 6, 10);  // 6 >= 0.5*10: not broken
  EXPECT_TRUE(resolve_clash(strong_defender, 0, 0, 1, cp, rng).captured.empty());
  EXPECT_EQ(strong_defender.controller[1], 1);
}

TEST(Clash, OtherSectorsAndThirdPartiesAreUntouched) {
  ClashParams cp;
  cp.alpha = 0.5;
  cp.intensity = 1.0;
  cp.lethality = 1.0;
  Engine rng(3);
  PostColumns p = two_posts(20, 20, 20);
  p.sector[1] = 1;  // the defender's post is in another sector
  const ClashOutcome out = resolve_clash(p, 0, 0, 1, cp, rng);
  EXPECT_EQ(out.defender_casualties + out.attacker_casualties, 0);
  EXPECT_EQ(p.garrison[1], 20);
}

// --- Harm: civilians under fire, and the injured (docs/model.md, 7.13) -----------------------

OperationsParams harm_params() {
  OperationsParams ops;
  ops.fire_casualty_rate = 60;
  ops.fire_lethality = 0.05;
  ops.reach_small_arms = 0.02;
  ops.reach_artillery = 0.1;
  return ops;
}

TEST(CiviliansUnderFire, PeopleWithinReachAreTheDistrictsPeopleTimesTheWeaponsReach) {
  const OperationsParams ops = harm_params();
  EXPECT_NEAR(people_within_reach(1.4e6, true, ops), 140000.0, 1e-9);  // 1.4e6 * 0.1
  EXPECT_NEAR(people_within_reach(1.4e6, false, ops), 28000.0, 1e-9);  // 1.4e6 * 0.02
  EXPECT_EQ(people_within_reach(0, true, ops), 0.0);
  EXPECT_EQ(people_within_reach(-5, true, ops), 0.0);
}

TEST(CiviliansUnderFire, CasualtiesHaveTheHandComputedMeanAndALethalShareDies) {
  // 140,000 in reach at intensity 1.5: 60 * 1.5 * 1.4 = 126 casualties a day, 5% of them killed
  // (6.3) and 95% injured (119.7).
  const OperationsParams ops = harm_params();
  Engine rng(7);
  const int n = 4000;
  double killed = 0, injured = 0;
  for (int k = 0; k < n; ++k) {
    const Harm h = draw_fire_harm(140000, 1.5, ops, rng);
    EXPECT_GE(h.killed, 0);
    EXPECT_GE(h.injured, 0);
    killed += h.killed;
    injured += h.injured;
  }
  // Standard errors of the means: sqrt(6.3 / n) = 0.04 and about sqrt(126 / n) = 0.18.
  EXPECT_NEAR(killed / n, 6.3, 0.2);
  EXPECT_NEAR(injured / n, 119.7, 0.9);
}

TEST(CiviliansUnderFire, NoMoreAreHarmedThanAreWithinReach) {
  OperationsParams ops = harm_params();
  ops.fire_casualty_rate = 1e5;  // a mean of intensity x people in reach: the cap binds
  ops.fire_lethality = 1.0;
  Engine rng(3);
  for (int k = 0; k < 100; ++k) {
    const Harm h = draw_fire_harm(12, 50, ops, rng);
    EXPECT_EQ(h.killed, 12);
    EXPECT_EQ(h.injured, 0);
  }
  const Harm none = draw_fire_harm(0, 50, ops, rng);  // nobody in reach, nobody harmed
  EXPECT_EQ(none.killed + none.injured, 0);
  const Harm quiet = draw_fire_harm(140000, 0, ops, rng);  // no fire, no harm
  EXPECT_EQ(quiet.killed + quiet.injured, 0);
}

TEST(Bounds, DrawnDeathsAreAtMostWhoIsPresent) {
  EXPECT_EQ(at_most_present(7, 100.0), 7);
  EXPECT_EQ(at_most_present(7, 3.9), 3);  // whole people only
  EXPECT_EQ(at_most_present(7, 0.0), 0);
  EXPECT_EQ(at_most_present(7, -2.0), 0);
}

TEST(Injured, APoissonMultipleOfTheExpectedDeathsCappedByThePeoplePresent) {
  Engine rng(11);
  const int n = 20000;
  double sum = 0;
  for (int k = 0; k < n; ++k) sum += draw_injured(1.3, 2.0, 1e9, rng);
  EXPECT_NEAR(sum / n, 2.6, 0.06);  // se sqrt(2.6 / n) = 0.011
  for (int k = 0; k < 100; ++k) EXPECT_LE(draw_injured(1.3, 50.0, 4.0, rng), 4);
  EXPECT_EQ(draw_injured(1.3, 50.0, 0.0, rng), 0);   // nobody left to injure
  EXPECT_EQ(draw_injured(1.3, 50.0, -3.0, rng), 0);  // a negative room is none
  EXPECT_EQ(draw_injured(0.0, 50.0, 1e9, rng), 0);
}

}  // namespace
}  // namespace flashpoint
