// The daily invariants (model/invariants.hpp): they hold on every day of the seed scenarios, they
// do not change a run, and each one fires on a world broken on purpose.
#include "model/invariants.hpp"

#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "experiment/digest.hpp"
#include "experiment/runner.hpp"
#include "model/phases.hpp"
#include "model/simulation.hpp"
#include "scenario/loader.hpp"

namespace flashpoint {
namespace {

const std::string kData = FLASHPOINT_TEST_DATA_DIR;
const std::string kScenarios = std::string(FLASHPOINT_SOURCE_DIR) + "/scenarios";

// ---------------------------------------------------------------------------------------------
// Whole runs.

struct Case {
  std::string path;
  int replicates;
};

class InvariantsHold : public ::testing::TestWithParam<Case> {};

TEST_P(InvariantsHold, EveryDayOfEveryReplicateAndTheRunIsUnchanged) {
  const Scenario sc = load_scenario(GetParam().path, {});
  for (const RunPlan& plan : replicate_plans(sc.seed, GetParam().replicates)) {
    RunResult checked;
    try {
      checked = simulate_checked(sc, plan);
    } catch (const InvariantViolation& e) {
      FAIL() << GetParam().path << ", seed " << plan.seed << ": " << e.what();
    }
    // The checks only read: the run is the same bytes as an unchecked one.
    Digest with, without;
    with.add(checked);
    without.add(simulate(sc, plan));
    EXPECT_EQ(with.hex(), without.hex()) << "seed " << plan.seed;
  }
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  std::string stem = info.param.path.substr(info.param.path.find_last_of('/') + 1);
  stem = stem.substr(0, stem.find('.'));
  for (char& ch : stem) {
    if (ch == '-') ch = '_';
  }
  return stem;
}

INSTANTIATE_TEST_SUITE_P(Scenarios, InvariantsHold,
                         ::testing::Values(Case{kData + "/minimal.yaml", 4},
                                           Case{kData + "/layer2.yaml", 4},
                                           Case{kScenarios + "/pak-afg-2025.yaml", 3},
                                           Case{kScenarios + "/torkham-closure-2025.yaml", 3},
                                           Case{kScenarios + "/ttp-insurgency-2025.yaml", 3}),
                         case_name);

TEST(InvariantsBuild, DailyCheckIsOnExactlyInDebugOrOnRequest) {
#if !defined(NDEBUG) || defined(FLASHPOINT_CHECK_INVARIANTS)
  EXPECT_TRUE(kCheckInvariantsDaily);
#else
  EXPECT_FALSE(kCheckInvariantsDaily);
#endif
}

// ---------------------------------------------------------------------------------------------
// Worlds broken on purpose: layer2.yaml has citizen agents, cells, refugees and posts; at the end
// of day 0 (initialised and recorded) every invariant holds, then one thing is broken.

class BrokenWorld : public ::testing::Test {
 protected:
  void SetUp() override {
    sc_ = load_scenario(kData + "/layer2.yaml", {});
    w_ = std::make_unique<World>(sc_, 42);
    prepare_result(*w_);
    init_society(*w_);
    init_refugees(*w_);
    baseline_ = invariant_baseline(*w_);
    w_->day = 0;
    run_phase(*w_, "record_day");
    ASSERT_EQ(violation(), "") << "the unbroken world must pass";
    ASSERT_GT(w_->society.citizens.size(), 0u);
    ASSERT_GT(w_->insurgency.cells.size(), 0u);
    ASSERT_FALSE(w_->refugees.stock.empty());
    ASSERT_GT(w_->ops.posts.size(), 1u);
  }

  /// The message of the violation, or "" when every invariant holds.
  std::string violation() {
    try {
      check_invariants(*w_, baseline_);
    } catch (const InvariantViolation& e) {
      return e.what();
    }
    return "";
  }

  /// Expects a violation whose message contains each of `parts`, and names day 0 and its date.
  void expect_violation(const std::vector<std::string>& parts) {
    const std::string message = violation();
    ASSERT_NE(message, "") << "no invariant fired";
    EXPECT_NE(message.find("day 0 (" + sc_.start_date.to_string() + ")"), std::string::npos)
        << message;
    for (const std::string& part : parts) {
      EXPECT_NE(message.find(part), std::string::npos) << message << "\n  lacks: " << part;
    }
  }

  Scenario sc_;
  std::unique_ptr<World> w_;
  InvariantBaseline baseline_;
};

TEST_F(BrokenWorld, NaNInHostilityFires) {
  w_->strategic.hostility(0, 1) = std::numeric_limits<double>::quiet_NaN();
  expect_violation({"hostility(0,1) is nan"});
}

TEST_F(BrokenWorld, InfinityInLegitimacyFires) {
  w_->society.legitimacy[2] = std::numeric_limits<double>::infinity();
  expect_violation({"legitimacy[2] is inf"});
}

TEST_F(BrokenWorld, NaNInTodaysSeriesFires) {
  w_->result.trade_flow_usd[0] = std::numeric_limits<double>::quiet_NaN();
  expect_violation({"series trade_flow_usd[0] is nan"});
}

TEST_F(BrokenWorld, NegativeFightersFire) {
  w_->insurgency.fighters[0] = -3;
  expect_violation({"fighters[0] is negative: -3"});
}

TEST_F(BrokenWorld, NegativeGarrisonFires) {
  w_->ops.posts.garrison[1] = -1;
  expect_violation({"posts.garrison[1] is negative: -1"});
}

TEST_F(BrokenWorld, NegativeInjuredInTodaysRowFire) {
  w_->result.injured[1] = -2;  // day 0, category 1
  expect_violation({"series injured[1] is negative: -2"});
}

TEST_F(BrokenWorld, NegativeRecruitablePoolFires) {
  w_->society.recruitable[0] = -4;
  expect_violation({"recruitable[0] is negative: -4"});
}

TEST_F(BrokenWorld, NegativeRefugeeStockFires) {
  w_->refugees.stock[0][0] = -5;
  expect_violation({"refugee_stock[0][0] is negative: -5"});
}

TEST_F(BrokenWorld, AMeasureImposedAfterTodayFires) {
  w_->economy.measure_since[0] = w_->day + 1;
  expect_violation(
      {fmt::format("a measure is in force since day {} on day {}", w_->day + 1, w_->day)});
}

TEST_F(BrokenWorld, NegativeCoercionCostFires) {
  w_->result.coercion_cost_usd[1] = -2;
  expect_violation({"coercion_cost_usd[1] is negative: -2"});
}

TEST_F(BrokenWorld, NegativeTradeLostFires) {
  w_->result.trade_lost_usd = -1;
  expect_violation({"trade_lost_usd is -1"});
}

TEST_F(BrokenWorld, RemovedPostFires) {
  PostColumns& p = w_->ops.posts;
  const std::size_t n = p.size();
  p.sector.pop_back();
  p.owner.pop_back();
  p.controller.pop_back();
  p.garrison.pop_back();
  p.full_garrison.pop_back();
  p.fortification.pop_back();
  p.readiness.pop_back();
  expect_violation(
      {"posts: " + std::to_string(n - 1) + " exist, " + std::to_string(n) + " at the start"});
}

TEST_F(BrokenWorld, PostHeldByNoStateFires) {
  w_->ops.posts.controller[0] = -1;
  expect_violation({"post 0 is held by state index -1"});
}

TEST_F(BrokenWorld, PostChangingHandsUnrecordedFires) {
  const int from = w_->ops.posts.controller[0];
  w_->ops.posts.controller[0] = 1 - from;  // two states in layer2.yaml
  expect_violation({"the series posts_held says state"});
}

TEST_F(BrokenWorld, LostRefugeesFire) {
  const double before = baseline_.refugees_per_population[0];
  w_->refugees.stock[0][0] -= 100;
  expect_violation({"refugees of population 0", "but " + fmt::format("{}", before)});
}

TEST_F(BrokenWorld, LostCitizenFires) {
  CitizenColumns& z = w_->society.citizens;
  z.hardship.pop_back();
  z.risk_aversion.pop_back();
  z.active.pop_back();
  z.displaced.pop_back();
  z.jail_days.pop_back();
  --z.first.back();
  const std::string& last = sc_.districts.back().id;
  const std::size_t had = baseline_.citizens_per_district.back();
  expect_violation({"district " + last + " has " + std::to_string(had - 1) + " citizens, " +
                    std::to_string(had) + " at the start"});
}

TEST_F(BrokenWorld, DisplacedCitizenNotCountedFires) {
  // The first citizen of the first district who is free (the spin-up may have jailed some).
  CitizenColumns& c = w_->society.citizens;
  std::size_t i = 0;
  while (i < c.first[1] && c.jail_days[i] > 0) ++i;
  ASSERT_LT(i, c.first[1]);
  c.displaced[i] = 1;
  c.active[i] = 0;
  expect_violation({"district " + sc_.districts[0].id + " counts 0 displaced", "(1 agents)"});
}

TEST_F(BrokenWorld, JailedAndDisplacedAtOnceFires) {
  w_->society.citizens.displaced[0] = 1;
  w_->society.citizens.jail_days[0] = 3;
  expect_violation({"citizen 0 of district " + sc_.districts[0].id});
}

TEST_F(BrokenWorld, FightersOutsideTheirCellsFire) {
  w_->insurgency.cells.fighters[0] += 7;
  expect_violation({"fighters: group", "its cells"});
}

TEST_F(BrokenWorld, DissolvedCellWithFightersFires) {
  w_->insurgency.cells.alive[0] = 0;
  expect_violation({"dissolved cell 0 still has"});
}

// The check every build makes (check_finite_day): today's recorded values are numbers.

TEST_F(BrokenWorld, FiniteDayHoldsOnTheUnbrokenWorld) {
  EXPECT_NO_THROW(check_finite_day(*w_));
}

/// The message of check_finite_day, or "" when today's values are finite.
std::string divergence(const World& w) {
  try {
    check_finite_day(w);
  } catch (const ModelDiverged& e) {
    return e.what();
  }
  return "";
}

TEST_F(BrokenWorld, InfiniteHostilityInTodaysRowNamesTheDyadAndTheRichardsonCondition) {
  // Dyads are (0,1), (1,0): the second is South's hostility toward North.
  w_->result.hostility[1] = std::numeric_limits<double>::infinity();
  const std::string message = divergence(*w_);
  EXPECT_NE(message.find("run 0 (seed 0): day 0 (2025-03-01): the hostility of STH toward NTH is "
                         "not finite (inf); Richardson's system diverges when k_ij*k_ji > "
                         "a_i*a_j"),
            std::string::npos)
      << message;
  // layer2.yaml is stable: the hint says the condition does not hold here.
  EXPECT_NE(message.find(" <= the fatigues a(STH) x a(NTH)"), std::string::npos) << message;
}

TEST_F(BrokenWorld, NaNLegitimacyInTodaysRowNamesTheState) {
  w_->result.run = 3;
  w_->result.seed = 99;
  w_->result.legitimacy[1] = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(divergence(*w_),
            "run 3 (seed 99): day 0 (2025-03-01): the mean legitimacy of STH is not finite (nan); "
            "please report the scenario");
}

TEST_F(BrokenWorld, InfiniteFightersInTodaysRowNameTheGroup) {
  w_->result.fighters[0] = -std::numeric_limits<double>::infinity();
  EXPECT_NE(divergence(*w_).find("the fighters of FRONT is not finite (-inf)"), std::string::npos)
      << divergence(*w_);
}

TEST_F(BrokenWorld, NaNTradeLostSoFarFires) {
  w_->result.trade_lost_usd = std::numeric_limits<double>::quiet_NaN();
  EXPECT_NE(divergence(*w_).find("the trade lost so far is not finite (nan)"), std::string::npos);
}

// tests/data/diverging.yaml: valid parameters, k*k = 0.01 > a*a = 0.0001. The run stops on the
// first day hostility is infinite, in every build, with the run, day, date, dyad and condition.
TEST(Divergence, UnstableRichardsonPairStopsTheRunOnTheDayHostilityOverflows) {
  const Scenario sc = load_scenario(kData + "/diverging.yaml", {});
  const RunPlan plan = replicate_plans(sc.seed, 1)[0];
  std::string message;
  try {
    (void)simulate(sc, plan);
  } catch (const ModelDiverged& e) {
    message = e.what();
  }
  ASSERT_NE(message, "") << "the diverging run finished";
  EXPECT_EQ(message.rfind(fmt::format("run 0 (seed {}): day 8,555 (2048-08-02): the hostility of "
                                      "NTH toward STH is not finite (inf)",
                                      plan.seed),
                          0),
            0u)
      << message;
  EXPECT_NE(message.find("k(NTH>STH) x k(STH>NTH) = 0.1 x 0.1 = 0.01 > the fatigues a(NTH) x "
                         "a(STH) = 0.01 x 0.01 = 0.0001"),
            std::string::npos)
      << message;
  // simulate_checked (every invariant) stops at the same place with the same error, not with an
  // InvariantViolation: divergence is the input's doing.
  EXPECT_THROW((void)simulate_checked(sc, plan), ModelDiverged);
}

// Without citizen agents (minimal.yaml), displacement is a stock between none and the population.
TEST(BrokenWorldWithoutAgents, MoreDisplacedThanPeopleFires) {
  const Scenario sc = load_scenario(kData + "/minimal.yaml", {});
  World w(sc, 7);
  prepare_result(w);
  init_society(w);
  init_refugees(w);
  const InvariantBaseline baseline = invariant_baseline(w);
  w.day = 0;
  run_phase(w, "record_day");
  ASSERT_EQ(w.society.citizens.size(), 0u);
  EXPECT_NO_THROW(check_invariants(w, baseline));
  w.society.displaced[0] = sc.districts[0].population + 1000;
  try {
    check_invariants(w, baseline);
    FAIL() << "no invariant fired";
  } catch (const InvariantViolation& e) {
    EXPECT_NE(std::string(e.what()).find("district " + sc.districts[0].id + " has "),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace flashpoint
