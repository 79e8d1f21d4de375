// Districts and citizens (src/model/society.cpp): the Epstein 2002 formulas by hand, the
// activation extremes, conservation of people, displacement and return, the trade-closure
// mechanism, arrests and jail terms, and determinism of the counter-based draws.
#include "model/society.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <vector>

#include <gtest/gtest.h>

#include "core/rng.hpp"
#include "model/phases.hpp"
#include "model/world.hpp"
#include "society_fixture.hpp"

namespace flashpoint {
namespace {

using namespace society_fixture;

double active_share(const World& w, std::size_t d) {
  return w.society.active_people[d] / w.sc.districts[d].population;
}

TEST(EpsteinRule, ArrestProbabilityMatchesHandComputation) {
  EXPECT_NEAR(arrest_probability(2.3, 1.6, 0), 1.0 - std::exp(-3.68), 1e-12);
  EXPECT_NEAR(arrest_probability(2.3, 1.6, 3), 1.0 - std::exp(-2.3 * 1.6 / 4.0), 1e-12);
  EXPECT_DOUBLE_EQ(arrest_probability(2.3, 0.0, 5), 0.0);
}

TEST(EpsteinRule, ActiveOnlyAboveThreshold) {
  // G = 0.8 * (1 - 0.5) = 0.4; N = 0.5 * 0.4 * (1 - 0) = 0.2; G - N = 0.2.
  EXPECT_TRUE(epstein_active(0.8, 0.5, 0.5, 0.4, 0.0, 0.1));
  EXPECT_FALSE(epstein_active(0.8, 0.5, 0.5, 0.4, 0.0, 0.25));
  // Riskier: N = 0.9 * 0.4 = 0.36, G - N = 0.04 < 0.1.
  EXPECT_FALSE(epstein_active(0.8, 0.5, 0.9, 0.4, 0.0, 0.1));
  // Sanctuary halves the risk: N = 0.18, G - N = 0.22 > 0.1.
  EXPECT_TRUE(epstein_active(0.8, 0.5, 0.9, 0.4, 0.5, 0.1));
  // Hardship is capped at 1: G = 1 * 0.5 = 0.5, G - N = 0.5 - 0.2 = 0.3, not 0.7.
  EXPECT_TRUE(epstein_active(1.7, 0.5, 0.5, 0.4, 0.0, 0.29));
  EXPECT_FALSE(epstein_active(1.7, 0.5, 0.5, 0.4, 0.0, 0.31));
}

TEST(EpsteinRule, TheDistrictFormIsTheSameFormula) {
  // The engine computes the district terms once and applies the rule per citizen: both forms must
  // agree on every input, including at the threshold and above the hardship cap.
  for (double h : {0.0, 0.3, 0.8, 1.0, 1.7}) {
    for (double legitimacy : {0.0, 0.5, 0.9}) {
      for (double r : {0.0, 0.5, 0.9}) {
        for (double s : {0.0, 0.5}) {
          for (double t : {0.0, 0.1, 0.2}) {
            const EpsteinTerms terms = epstein_terms(legitimacy, 0.4, s, t);
            EXPECT_EQ(epstein_active(terms, h, r), epstein_active(h, legitimacy, r, 0.4, s, t));
          }
        }
      }
    }
  }
}

TEST(CitizenAgents, RoundsPopulationOverWeight) {
  EXPECT_EQ(citizen_agents(1000, 100), 10u);
  EXPECT_EQ(citizen_agents(1049, 100), 10u);
  EXPECT_EQ(citizen_agents(1050, 100), 11u);  // half rounds away from zero
  EXPECT_EQ(citizen_agents(1000, 0), 0u);     // no citizen agents
  EXPECT_EQ(citizen_agents(0, 100), 0u);
}

TEST(DistrictHardship, MatchesHandComputation) {
  const Scenario sc = make_scenario(0);
  // (0.5 * 0.8 * 0.5 + 0.3 * 0.25 + 1.0 * 0.1) * (1 - 0.2) = (0.2 + 0.075 + 0.1) * 0.8 = 0.3
  EXPECT_NEAR(district_hardship(sc.population, 0.8, 0.5, 0.25, 0.1, 0.2), 0.3, 1e-12);
  EXPECT_DOUBLE_EQ(district_hardship(sc.population, 1.0, 1.0, 1.0, 1.0, 0.0), 1.0);  // clamped
  EXPECT_DOUBLE_EQ(returnee_strain(500, 1000), 0.5);
  EXPECT_DOUBLE_EQ(returnee_strain(5000, 1000), 1.0);
  EXPECT_DOUBLE_EQ(returnee_strain(10, 0), 1.0);
  EXPECT_DOUBLE_EQ(returnee_strain(0, 0), 0.0);
}

TEST(Society, InitCreatesRoundedAgentsPerDistrictInOrder) {
  const Scenario sc = make_scenario(300);  // 666.7 -> 667, 333.3 -> 333, 166.7 -> 167
  World w(sc, 7);
  init_society(w);
  ASSERT_EQ(w.society.citizens.size(), 667u + 333u + 167u);
  // Stored district by district: [0, 667) in the first, [667, 1000) in the second, then the third.
  ASSERT_EQ(w.society.citizens.first.size(), 4u);
  EXPECT_EQ(w.society.citizens.first[0], 0u);
  EXPECT_EQ(w.society.citizens.first[1], 667u);
  EXPECT_EQ(w.society.citizens.first[2], 1000u);
  EXPECT_EQ(w.society.citizens.first[3], 1167u);
  for (std::size_t i = 0; i < w.society.citizens.size(); ++i) {
    EXPECT_GE(w.society.citizens.hardship[i], 0.0f);
    EXPECT_LT(w.society.citizens.hardship[i], 1.0f);
    EXPECT_GE(w.society.citizens.risk_aversion[i], 0.0f);
    EXPECT_LT(w.society.citizens.risk_aversion[i], 1.0f);
  }
  const double mean_h =
      std::accumulate(w.society.citizens.hardship.begin(), w.society.citizens.hardship.end(), 0.0) /
      static_cast<double>(w.society.citizens.size());
  EXPECT_NEAR(mean_h, 0.5, 0.05);

  const Scenario sc0 = make_scenario(0);
  World w0(sc0, 7);
  init_society(w0);
  EXPECT_EQ(w0.society.citizens.size(), 0u);
}

TEST(Society, FullLegitimacyMeansNobodyIsActive) {
  Scenario sc = make_scenario(100);
  for (auto& d : sc.districts) d.legitimacy = 1.0;
  sc.population.legitimacy_hardship = 0;  // hardship cannot erode it
  World w(sc, 11);
  init_society(w);
  for (int day = 0; day < 50; ++day) {
    w.economy.trade_closed_share = {1.0, 1.0};  // maximal hardship where trade matters
    run_phase(w, "update_society");
    for (std::size_t i = 0; i < w.society.citizens.size(); ++i)
      ASSERT_EQ(w.society.citizens.active[i], 0);
    for (double a : w.society.active_people) ASSERT_EQ(a, 0.0);
  }
}

/// make_scenario(100) where every citizen turns active once trade stops: no legitimacy, no
/// police, full dependence on trade.
Scenario restive_scenario() {
  Scenario sc = make_scenario(100);
  for (auto& d : sc.districts) {
    d.legitimacy = 0.0;
    d.security_presence = 0.0;
    d.trade_dependence = 1.0;
  }
  sc.population.hardship_trade = 1.0;
  return sc;
}

TEST(Society, NoLegitimacyFullHardshipNoPoliceMakesEveryFreeCitizenActive) {
  const Scenario sc = restive_scenario();
  World w(sc, 13);
  init_society(w);
  w.economy.trade_closed_share = {1.0, 1.0};
  run_phase(w, "update_society");
  for (double h : w.society.hardship) EXPECT_DOUBLE_EQ(h, 1.0);
  const Counts k = count_citizens(w);
  EXPECT_EQ(k.jailed, 0);  // no police: P = 0, no arrests
  EXPECT_EQ(k.active, k.residents);
  EXPECT_EQ(k.active, static_cast<std::int64_t>(w.society.citizens.size()));
  EXPECT_DOUBLE_EQ(w.society.active_people[0], 200000.0);
}

TEST(RecruitmentLag, FollowWithLagMatchesHandComputation) {
  EXPECT_DOUBLE_EQ(follow_with_lag(0, 1000, 10), 100);    // a tenth of the gap
  EXPECT_DOUBLE_EQ(follow_with_lag(100, 1000, 10), 190);  // 100 + 900 / 10
  EXPECT_DOUBLE_EQ(follow_with_lag(500, 200, 30), 490);   // falls as slowly: 500 - 300 / 30
  EXPECT_DOUBLE_EQ(follow_with_lag(0, 1000, 1), 1000);    // lag 1: at once
  EXPECT_DOUBLE_EQ(follow_with_lag(0, 1000, 0.5), 1000);  // below 1 counts as 1
  EXPECT_DOUBLE_EQ(follow_with_lag(250, 250, 30), 250);   // at rest it stays
}

// A district that turns wholly active at once gives recruits only as its recruitable pool
// catches up: a tenth of the way a day with a 10-day lag, not the whole district on day one.
TEST(RecruitmentLag, TheRecruitablePoolFollowsTheActiveCitizensWithTheLag) {
  Scenario sc = restive_scenario();
  sc.insurgency.recruit_lag_days = 10;
  World w(sc, 13);
  init_society(w);
  EXPECT_EQ(w.society.recruitable, w.society.active_people);  // from the spun-up state
  const std::vector<double> before = w.society.recruitable;
  w.economy.trade_closed_share = {1.0, 1.0};
  run_phase(w, "update_society");
  ASSERT_DOUBLE_EQ(w.society.active_people[0], 200000.0);  // every citizen of N0 active
  for (std::size_t d = 0; d < before.size(); ++d) {
    EXPECT_DOUBLE_EQ(w.society.recruitable[d],
                     before[d] + (w.society.active_people[d] - before[d]) / 10)
        << "district " << d;
  }
  EXPECT_LT(w.society.recruitable[0], 0.2 * w.society.active_people[0]);
}

TEST(Society, PeopleAreConservedUnderDailyViolence) {
  const Scenario sc = make_scenario(50);
  World w(sc, 17);
  init_society(w);
  const std::size_t agents = w.society.citizens.size();
  bool any_displaced = false, any_jailed = false;
  for (int day = 0; day < 200; ++day) {
    w.district_deaths.all = {20.0, 5.0 * (day % 3), 2.0};
    w.district_deaths.civilians = {5.0, 1.0, 0.0};
    run_phase(w, "update_society");
    ASSERT_EQ(w.society.citizens.size(), agents);
    ASSERT_EQ(w.society.citizens.hardship.size(), agents);
    ASSERT_EQ(w.society.citizens.jail_days.size(), agents);
    const Counts k = count_citizens(w);
    ASSERT_EQ(k.residents + k.displaced + k.jailed, static_cast<std::int64_t>(agents));
    const double displaced =
        std::accumulate(w.society.displaced.begin(), w.society.displaced.end(), 0.0);
    const double jailed =
        std::accumulate(w.society.jailed_people.begin(), w.society.jailed_people.end(), 0.0);
    ASSERT_DOUBLE_EQ(displaced, 50.0 * static_cast<double>(k.displaced));
    ASSERT_DOUBLE_EQ(jailed, 50.0 * static_cast<double>(k.jailed));
    for (std::size_t i = 0; i < agents; ++i) {
      ASSERT_FALSE(w.society.citizens.displaced[i] && w.society.citizens.jail_days[i] > 0);
      ASSERT_FALSE(w.society.citizens.active[i] &&
                   (w.society.citizens.displaced[i] || w.society.citizens.jail_days[i]));
    }
    any_displaced = any_displaced || k.displaced > 0;
    any_jailed = any_jailed || k.jailed > 0;
    for (double v : w.district_deaths.all) ASSERT_EQ(v, 0.0);  // accumulators reset
  }
  EXPECT_TRUE(any_displaced);
  EXPECT_TRUE(any_jailed);
}

TEST(Society, StockDisplacementConservesPopulation) {
  Scenario sc = make_scenario(0);
  sc.population.displacement_per_death = 5000;  // enough to empty S0 within days
  World w(sc, 19);
  init_society(w);
  for (int day = 0; day < 200; ++day) {
    w.district_deaths.all = {20.0, 0.0, 10.0};
    run_phase(w, "update_society");
    for (std::size_t d = 0; d < w.society.displaced.size(); ++d) {
      const double residents = sc.districts[d].population - w.society.displaced[d];
      ASSERT_GE(residents, -1e-9);
      ASSERT_GE(w.society.displaced[d], 0.0);
      ASSERT_LE(w.society.displaced[d], sc.districts[d].population + 1e-9);
    }
    ASSERT_EQ(w.society.active_people[0], 0.0);
  }
  // S0 saturates at the population: the inflow is capped by the residents left.
  EXPECT_NEAR(w.society.displaced[2], sc.districts[2].population, 1e-6);
  EXPECT_GT(w.society.displaced[0], 0.0);
  EXPECT_EQ(w.society.displaced[1], 0.0);
}

TEST(Society, DisplacementRisesWithViolenceAndDecaysAtTheReturnRate) {
  for (const double weight : {0.0, 1.0}) {
    SCOPED_TRACE(weight);
    Scenario sc = make_scenario(weight);  // 200,000 agents in N0 with weight 1
    sc.population.arrest_rate = 0;        // keep jail out of the resident counts
    World w(sc, 23);
    init_society(w);
    double previous = 0;
    for (int day = 0; day < 10; ++day) {
      w.district_deaths.all = {40.0, 0.0, 0.0};  // 2,000 expected displaced per day
      run_phase(w, "update_society");
      EXPECT_GT(w.society.displaced[0], previous);
      previous = w.society.displaced[0];
    }
    // Expected after 10 days: 2000 * sum_{k<10} 0.98^k = 18,293.
    EXPECT_NEAR(w.society.displaced[0], 2000.0 * (1 - std::pow(0.98, 10)) / 0.02, 600.0);
    EXPECT_EQ(w.society.displaced[1], 0.0);
    const double peak = w.society.displaced[0];
    for (int day = 1; day <= 40; ++day) {
      run_phase(w, "update_society");
      const double expected = peak * std::pow(1.0 - sc.population.return_rate, day);
      // Exact for the stock; binomial noise for agents (sd < 1% of the peak).
      ASSERT_NEAR(w.society.displaced[0], expected, weight > 0 ? 0.03 * peak : 1e-6 * peak);
    }
  }
}

TEST(Society, ClosingTradeRaisesHardshipAndActivityWhereTradeMatters) {
  const Scenario sc = make_scenario(20);
  World open(sc, 29), closed(sc, 29);
  init_society(open);
  init_society(closed);
  double open_active = 0, closed_active = 0, open_other = 0, closed_other = 0;
  const int days = 120;
  for (int day = 0; day < days; ++day) {
    closed.economy.trade_closed_share[0] = 1.0;  // N's crossings closed
    run_phase(open, "update_society");
    run_phase(closed, "update_society");
    ASSERT_GT(closed.society.hardship[0], open.society.hardship[0]);
    ASSERT_DOUBLE_EQ(closed.society.hardship[1],
                     open.society.hardship[1]);  // N1 lives off no trade
    open_active += active_share(open, 0);
    closed_active += active_share(closed, 0);
    open_other += active_share(open, 1);
    closed_other += active_share(closed, 1);
  }
  EXPECT_GT(closed_active / days, open_active / days + 0.02);
  EXPECT_LT(closed.society.legitimacy[0], open.society.legitimacy[0]);
  // N1: no trade hardship, and the same seed, so the same citizens stay out.
  EXPECT_NEAR(closed_other / days, open_other / days, 0.02);
}

TEST(Society, SanctuaryAcrossTheLineDiscountsTheTargetsBorderDistrictsOnly) {
  // G is hosted by S and targets N; N0 is on the line with S, N1 is not, S0 is the host's.
  Scenario without = with_line(make_scenario(20));
  for (auto& d : without.districts) d.security_presence = 0.05;
  Scenario with = without;
  with.actors[2].armed_group.sanctuary_tolerance = 1.0;
  World no_haven(without, 31), haven(with, 31);
  init_society(no_haven);
  init_society(haven);
  ASSERT_DOUBLE_EQ(haven.insurgency.sigma[0], 1.0);
  run_phase(no_haven, "update_society");
  run_phase(haven, "update_society");
  // N0: net risk x (1 - 0.5 * 1), so more citizens act (and some are arrested).
  EXPECT_GT(haven.society.active_people[0] + haven.society.jailed_people[0],
            no_haven.society.active_people[0] + no_haven.society.jailed_people[0]);
  // N1 is off the line and S0 is the host's own: the host's tolerance shelters the group, not
  // rebellion against the host. Same terms, so the same citizens act (active or arrested today;
  // the arrest draws differ once N0's actives differ, since they share the stream).
  for (std::size_t d : {1u, 2u}) {
    EXPECT_DOUBLE_EQ(haven.society.active_people[d] + haven.society.jailed_people[d],
                     no_haven.society.active_people[d] + no_haven.society.jailed_people[d])
        << d;
  }
}

TEST(Society, SanctuaryDiscountIsEscapeTimesSigmaByHand) {
  // A citizen of N0 with H = 0.9, R = 0.5, L = 0.6 and P = 0.8: G = 0.36; N = 0.4 without a
  // sanctuary (inactive: 0.36 - 0.4 < 0.1) and 0.4 * (1 - 0.5 * 0.8) = 0.24 with sigma 0.8
  // (active: 0.36 - 0.24 = 0.12 > 0.1).
  EXPECT_FALSE(epstein_active(0.9, 0.6, 0.5, 0.8, 0.0, 0.1));
  EXPECT_TRUE(epstein_active(0.9, 0.6, 0.5, 0.8, 0.5 * 0.8, 0.1));
}

TEST(Society, PolicingSurgeClosesTheGapToItsTargetByHand) {
  // Presence 0.02, active share 0.05, surge 50: target 50 * 0.05 * 0.02 = 0.05 per citizen.
  EXPECT_NEAR(policing_surge(0.0, 0.02, 0.05, 50, 0.1), 0.005, 1e-15);
  EXPECT_NEAR(policing_surge(0.005, 0.02, 0.05, 50, 0.1), 0.005 + 0.1 * 0.045, 1e-15);
  EXPECT_NEAR(policing_surge(0.05, 0.02, 0.05, 50, 0.1), 0.05, 1e-15);  // at its target
  EXPECT_NEAR(policing_surge(0.05, 0.02, 0.0, 50, 0.1), 0.045, 1e-15);  // calm: it withdraws
  EXPECT_EQ(policing_surge(0.0, 0.02, 0.5, 0, 0.1), 0.0);               // no response
}

TEST(Society, PolicingSurgeHoldsARestiveDistrictBelowItsOutburst) {
  // S0 at legitimacy 0.4: G = H * 0.6, so up to 83% of its citizens could act (G > 0.1). With
  // no policing response the district turns mostly active; with the default response (50,
  // 0.1/day) the added policing keeps the arrest estimate up and the share small.
  Scenario calm = make_scenario(10);
  for (auto& d : calm.districts) d.legitimacy = 0.4;
  Scenario policed = calm;
  policed.population.security_surge = 50;
  World open_w(calm, 5), policed_w(policed, 5);
  init_society(open_w);
  init_society(policed_w);
  double open_peak = 0, policed_peak = 0;
  for (int day = 0; day < 120; ++day) {
    run_phase(open_w, "update_society");
    run_phase(policed_w, "update_society");
    const double people = calm.districts[2].population;
    if (day >= 30) {
      open_peak = std::max(open_peak, open_w.society.active_people[2] / people);
      policed_peak = std::max(policed_peak, policed_w.society.active_people[2] / people);
    }
  }
  EXPECT_GT(open_peak, 0.25);
  EXPECT_LT(policed_peak, 0.15);
  EXPECT_GT(policed_w.society.surge[2], 0.0);
  EXPECT_EQ(open_w.society.surge[2], 0.0);
}

TEST(Society, SpinUpStartsTheRunFromTheSocietysOwnState) {
  // Without a spin-up nobody is active or jailed before day 0; with one, the columns hold the
  // outcome of `spinup_days` days of Epstein's rule, and the district totals match them.
  Scenario none = make_scenario(10);
  Scenario spun = none;
  spun.population.spinup_days = 30;
  World a(none, 9), b(spun, 9);
  init_society(a);
  init_society(b);
  const auto total = [](const std::vector<double>& v) {
    return std::accumulate(v.begin(), v.end(), 0.0);
  };
  EXPECT_EQ(total(a.society.active_people) + total(a.society.jailed_people), 0.0);
  EXPECT_GT(total(b.society.active_people) + total(b.society.jailed_people), 0.0);
  const Counts k = count_citizens(b);
  EXPECT_DOUBLE_EQ(total(b.society.jailed_people), 10.0 * static_cast<double>(k.jailed));
  EXPECT_DOUBLE_EQ(total(b.society.active_people), 10.0 * static_cast<double>(k.active));
  EXPECT_EQ(k.displaced, 0);
}

TEST(Society, ArrestsJailActivesAndTermsCountDownToRelease) {
  Scenario sc = make_scenario(100);
  for (auto& d : sc.districts) {
    d.legitimacy = 0.0;
    d.security_presence = 1.0;  // C = 40: P = 1 on the first day (no actives yet)
    d.trade_dependence = 1.0;
  }
  sc.population.hardship_trade = 1.0;
  sc.population.arrest_rate = 1.0;
  sc.population.max_jail_days = 5;
  World w(sc, 37);
  init_society(w);
  w.economy.trade_closed_share = {1.0, 1.0};
  run_phase(w, "update_society");
  // G = 1 and N = R: everyone with R < 0.9 turns active and is arrested at once.
  std::vector<std::uint16_t> term = w.society.citizens.jail_days;
  std::int64_t expected_jailed = 0;
  for (std::size_t i = 0; i < w.society.citizens.size(); ++i) {
    const bool would_act = 1.0 - static_cast<double>(w.society.citizens.risk_aversion[i]) > 0.1;
    EXPECT_EQ(term[i] > 0, would_act);
    if (term[i] > 0) {
      EXPECT_LE(term[i], 5);
      ++expected_jailed;
    }
    EXPECT_EQ(w.society.citizens.active[i], 0);
  }
  EXPECT_GT(expected_jailed, 0);
  EXPECT_EQ(count_citizens(w).jailed, expected_jailed);
  EXPECT_DOUBLE_EQ(
      std::accumulate(w.society.active_people.begin(), w.society.active_people.end(), 0.0), 0.0);

  // From now on full legitimacy: nobody activates, so terms only count down.
  for (auto& l : w.society.legitimacy) l = 1.0;
  for (auto& l : w.society.legitimacy_target) l = 1.0;
  for (int day = 1; day <= 5; ++day) {
    run_phase(w, "update_society");
    for (std::size_t i = 0; i < w.society.citizens.size(); ++i) {
      const int left = std::max(0, static_cast<int>(term[i]) - day);
      ASSERT_EQ(w.society.citizens.jail_days[i], left);
    }
  }
  EXPECT_EQ(count_citizens(w).jailed, 0);
  EXPECT_DOUBLE_EQ(
      std::accumulate(w.society.jailed_people.begin(), w.society.jailed_people.end(), 0.0), 0.0);
}

// The citizen layer draws from its counter-based generator (keyed by the population stream's seed):
// no Boost engine moves.
TEST(Society, SameSeedSameColumnsAndNoEngineStreamDraws) {
  const Scenario sc = make_scenario(50);
  auto run = [&](std::uint64_t seed) {
    World w(sc, seed);
    World fresh(sc, seed);
    init_society(w);
    for (int day = 0; day < 60; ++day) {
      w.district_deaths.all = {10.0, 3.0, 1.0};
      w.economy.trade_closed_share = {day > 20 ? 1.0 : 0.0, 0.0};
      run_phase(w, "update_society");
    }
    for (std::uint64_t p = 1; p <= kPurposeCount; ++p) {
      const auto purpose = static_cast<Purpose>(p);
      EXPECT_EQ(w.rng[purpose], fresh.rng[purpose]) << "stream " << p;
    }
    return w.society.citizens;
  };
  const CitizenColumns a = run(41), b = run(41), c = run(42);
  EXPECT_EQ(a.first, b.first);
  EXPECT_EQ(a.hardship, b.hardship);
  EXPECT_EQ(a.risk_aversion, b.risk_aversion);
  EXPECT_EQ(a.active, b.active);
  EXPECT_EQ(a.displaced, b.displaced);
  EXPECT_EQ(a.jail_days, b.jail_days);
  EXPECT_NE(a.hardship, c.hardship);
  EXPECT_NE(a.displaced, c.displaced);
}

}  // namespace
}  // namespace flashpoint
