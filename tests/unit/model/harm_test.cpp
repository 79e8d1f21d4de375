// Harm on a World built from tests/data/layer2.yaml (docs/model.md, 7.13 "Civilians under fire,
// and the injured"): a clash harms civilians in both sides' border districts of its sector and
// books them, and the soldiers' injured, in the right categories, districts and event; strikes
// and attacks harm no more civilians than live where they happen; every harm has its injured.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "experiment/runner.hpp"
#include "layer2.hpp"
#include "model/ladder.hpp"
#include "model/phases.hpp"
#include "model/simulation.hpp"
#include "model/world.hpp"
#include "scenario/loader.hpp"

namespace flashpoint {
namespace {

using layer2::kNorth;
using layer2::kSouth;
Scenario layer2_with(const std::vector<std::string>& sets) {
  return layer2::with(sets);
}

int district_index(const Scenario& sc, const std::string& id) {
  for (std::size_t d = 0; d < sc.districts.size(); ++d) {
    if (sc.districts[d].id == id) return static_cast<int>(d);
  }
  ADD_FAILURE() << "no district " << id;
  return -1;
}

std::unique_ptr<World> day_zero(const Scenario& sc) {
  return layer2::day_zero(sc);
}

std::int32_t today_deaths(const World& w, int category) {
  return w.today.deaths[static_cast<std::size_t>(category)];
}
std::int32_t today_injured(const World& w, int category) {
  return w.today.injured[static_cast<std::size_t>(category)];
}

TEST(ClashHarm, FireAcrossTheLineHarmsCiviliansOnBothSidesAndEveryHarmIsBooked) {
  // Sector "pass" lies between hills (NTH, 200,000 people) and plain (STH, 300,000). Artillery
  // reaches all of both (reach 1): at rate 100 and intensity 1 that is 200 and 300 casualties a
  // day, half of them killed.
  const Scenario sc =
      layer2_with({"operations.fire_casualty_rate=100", "operations.fire_lethality=0.5",
                   "operations.reach_artillery=1"});
  auto w = day_zero(sc);
  ClashOutcome out;
  out.attacker_deaths = 2;
  out.attacker_casualties = 8;
  out.defender_deaths = 3;
  out.defender_casualties = 10;
  ClashParams fire;
  fire.artillery = true;
  fire.intensity = 1.0;
  Ledger ledger = w->ledger();
  book_clash(*w, w->params, w->strategic, w->rng, ledger, 0, kNorth, kSouth, out, fire,
             cameo::kIncidentClash);
  const int hills = district_index(sc, "hills"), plain = district_index(sc, "plain");
  const std::int32_t north_civilians = today_deaths(*w, w->cat_civilians[kNorth]);
  const std::int32_t south_civilians = today_deaths(*w, w->cat_civilians[kSouth]);
  // Poisson means 100 and 150 killed: far from 0, and within 6 standard deviations.
  EXPECT_NEAR(north_civilians, 100, 60);
  EXPECT_NEAR(south_civilians, 150, 75);
  EXPECT_NEAR(today_injured(*w, w->cat_civilians[kNorth]), 100, 60);
  EXPECT_NEAR(today_injured(*w, w->cat_civilians[kSouth]), 150, 75);
  // Each side's dead fall in its own district: its soldiers and its civilians.
  EXPECT_EQ(w->district_deaths.civilians[static_cast<std::size_t>(hills)], north_civilians);
  EXPECT_EQ(w->district_deaths.civilians[static_cast<std::size_t>(plain)], south_civilians);
  EXPECT_EQ(w->district_deaths.all[static_cast<std::size_t>(hills)], 2 + north_civilians);
  EXPECT_EQ(w->district_deaths.all[static_cast<std::size_t>(plain)], 3 + south_civilians);
  // Soldiers injured: at most the casualties who did not die (6 and 7).
  const std::int32_t north_wounded = today_injured(*w, w->cat_forces[kNorth]);
  const std::int32_t south_wounded = today_injured(*w, w->cat_forces[kSouth]);
  EXPECT_LE(north_wounded, 6);
  EXPECT_LE(south_wounded, 7);
  // The clash event carries all of it.
  const EventRecord& e = w->result.events.front();
  EXPECT_EQ(e.cameo, std::string(cameo::kIncidentClash.code));
  EXPECT_EQ(e.forces, 5);
  EXPECT_EQ(e.civilians, north_civilians + south_civilians);
  EXPECT_EQ(e.injured_civilians, today_injured(*w, w->cat_civilians[kNorth]) +
                                     today_injured(*w, w->cat_civilians[kSouth]));
  EXPECT_EQ(e.injured_forces, north_wounded + south_wounded);
  EXPECT_EQ(e.injured_militants, 0);
  // Civilians killed count toward the threat each side feels from the other.
  EXPECT_EQ(w->strategic.deaths_caused(kNorth, kSouth), 2 + north_civilians);
  EXPECT_EQ(w->strategic.deaths_caused(kSouth, kNorth), 3 + south_civilians);
}

TEST(ClashHarm, SoldiersInjuredAreAPoissonMultipleOfTheDeadCappedByTheOtherCasualties) {
  // 10 dead among 40 casualties a side: 1.3 x 10 = 13 injured on average (the cap of 30 does not
  // bind); 10 dead among 12 casualties: at most 2.
  const Scenario sc = layer2_with({});
  auto w = day_zero(sc);
  ClashOutcome wide, narrow;
  wide.attacker_deaths = wide.defender_deaths = 10;
  wide.attacker_casualties = wide.defender_casualties = 40;
  narrow.attacker_deaths = narrow.defender_deaths = 10;
  narrow.attacker_casualties = narrow.defender_casualties = 12;
  ClashParams fire;
  fire.intensity = 1.0;
  Ledger ledger = w->ledger();
  const int n = 500;
  double wounded = 0;
  for (int k = 0; k < n; ++k) {
    book_clash(*w, w->params, w->strategic, w->rng, ledger, 0, kNorth, kSouth, wide, fire,
               cameo::kIncidentClash);
    wounded += w->result.events.back().injured_forces;
    book_clash(*w, w->params, w->strategic, w->rng, ledger, 0, kNorth, kSouth, narrow, fire,
               cameo::kIncidentClash);
    EXPECT_LE(w->result.events.back().injured_forces, 4);  // 2 a side
  }
  // Both sides: mean 26 a clash, se sqrt(26 / 500) = 0.23.
  EXPECT_NEAR(wounded / n, 2 * 1.3 * 10, 1.2);
}

TEST(ClashHarm, NobodyInReachNobodyHarmed) {
  const Scenario sc = layer2_with({"operations.reach_small_arms=0"});
  auto w = day_zero(sc);
  ClashParams fire;
  fire.intensity = 1.0;  // small arms
  Ledger ledger = w->ledger();
  book_clash(*w, w->params, w->strategic, w->rng, ledger, 0, kNorth, kSouth, ClashOutcome{}, fire,
             cameo::kIncidentClash);
  EXPECT_EQ(w->result.events.front().civilians, 0);
  EXPECT_EQ(w->result.events.front().injured_civilians, 0);
}

TEST(StrikeHarm, AStrikeHarmsNoMoreCiviliansThanLiveInTheDistrictItHits) {
  // Every district of STH has 3 people; the strike's mean civilian toll is 1,000.
  const Scenario sc = layer2_with({"districts.plain.population=3", "districts.ridge.population=3",
                                   "operations.strike_civilians_mean=1000"});
  auto w = day_zero(sc);
  w->strategic.chosen(kNorth, kSouth) = action_index(Action::kStrikeSanctuary);
  run_phase(*w, "carry_out_actions");
  const auto strike = std::find_if(w->result.events.begin(), w->result.events.end(),
                                   [](const EventRecord& e) { return e.cameo == "195"; });
  ASSERT_NE(strike, w->result.events.end());
  EXPECT_EQ(strike->civilians, 3);
  EXPECT_EQ(strike->injured_civilians, 0);  // nobody left to injure
  EXPECT_EQ(today_deaths(*w, w->cat_civilians[kSouth]), 3);
  EXPECT_GT(strike->militants, 0);  // the cell it hit: 8 expected deaths
}

TEST(StrikeHarm, ADeepStrikeKillsNoMoreSecurityForcesThanTheDistrictHas) {
  // STH's most populous district (plain, 300,000) at security presence 1e-5: 3 members of the
  // security forces; the deep strike's mean is 1,000.
  const Scenario sc = layer2_with(
      {"districts.plain.security_presence=0.00001", "operations.deep_strike_forces_mean=1000"});
  auto w = day_zero(sc);
  w->strategic.chosen(kNorth, kSouth) = action_index(Action::kDeepStrike);
  run_phase(*w, "carry_out_actions");
  const auto strike = std::find_if(w->result.events.begin(), w->result.events.end(),
                                   [](const EventRecord& e) { return e.location == "plain"; });
  ASSERT_NE(strike, w->result.events.end());
  EXPECT_EQ(strike->forces, 3);
  EXPECT_EQ(strike->injured_forces, 0);  // nobody left to injure
}

TEST(AttackHarm, AnAttackHarmsNoMoreThanAreThereAndGivenDeathsStayAsGiven) {
  // valley: 5 people at security presence 0.2, so one member of the security forces; the attack
  // type draws 1,000 of each on average.
  const Scenario sc =
      layer2_with({"districts.valley.population=5", "districts.valley.security_presence=0.2",
                   "attack_types[0].forces_mean=1000", "attack_types[0].civilians_mean=1000"});
  auto w = day_zero(sc);
  const int valley = district_index(sc, "valley");
  Ledger ledger = w->ledger();
  carry_out_attack(*w, w->params, w->insurgency, w->strategic, w->rng, ledger, GroupId{0},
                   DistrictId{valley}, 0, {-1, -1, 0}, -1);
  const EventRecord& drawn = w->result.events.back();
  EXPECT_EQ(drawn.civilians, 5);
  EXPECT_EQ(drawn.injured_civilians, 0);  // nobody left to injure
  EXPECT_EQ(drawn.forces, 1);
  EXPECT_EQ(drawn.injured_forces, 0);
  // A scripted attack's deaths are the scenario's facts: booked as given.
  carry_out_attack(*w, w->params, w->insurgency, w->strategic, w->rng, ledger, GroupId{0},
                   DistrictId{valley}, 0, {4, 3, 0}, -1);
  const EventRecord& e = w->result.events.back();
  EXPECT_EQ(e.civilians, 3);
  EXPECT_EQ(e.forces, 4);
}

TEST(AttackHarm, AnAttackHasItsInjured) {
  const Scenario sc = layer2_with({});
  auto w = day_zero(sc);
  const int valley = district_index(sc, "valley");
  Ledger ledger = w->ledger();
  // Many attacks of 4 forces deaths: 1.3 injured per death on average (se about 0.1 over 400).
  double injured = 0;
  const int n = 400;
  for (int k = 0; k < n; ++k) {
    carry_out_attack(*w, w->params, w->insurgency, w->strategic, w->rng, ledger, GroupId{0},
                     DistrictId{valley}, 0, {4, 0, 0}, -1);
    injured += w->result.events.back().injured_forces;
  }
  EXPECT_NEAR(injured / n, 4 * sc.operations.injured_per_death_forces, 0.5);
}

// The injured are counted only, from their own random stream: with no injured at all, every
// death, event and series of a run is the same (docs/model.md 7.1, 7.13).
TEST(Injured, CountingTheInjuredChangesNothingElse) {
  const Scenario with = layer2_with({});
  const Scenario without = layer2_with({"operations.injured_per_death_forces=0",
                                        "operations.injured_per_death_civilians=0",
                                        "operations.injured_per_death_militants=0"});
  std::int64_t injured = 0;
  for (const RunPlan& plan : replicate_plans(with.seed, 6)) {
    const RunResult a = simulate(with, plan);
    const RunResult b = simulate(without, plan);
    EXPECT_EQ(a.fatalities, b.fatalities) << "run " << plan.run;
    EXPECT_EQ(a.escalation, b.escalation) << "run " << plan.run;
    EXPECT_EQ(a.fighters, b.fighters) << "run " << plan.run;
    ASSERT_EQ(a.events.size(), b.events.size()) << "run " << plan.run;
    for (std::size_t k = 0; k < a.events.size(); ++k) {
      EXPECT_EQ(a.events[k].cameo, b.events[k].cameo);
      EXPECT_EQ(a.events[k].fatalities(), b.events[k].fatalities());
      EXPECT_EQ(b.events[k].injured_forces + b.events[k].injured_militants, 0);
    }
    for (auto v : a.injured_total) injured += v;
  }
  EXPECT_GT(injured, 0);  // the default ratios do injure: the comparison means something
}

}  // namespace
}  // namespace flashpoint
