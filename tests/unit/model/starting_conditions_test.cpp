// Starting conditions and the politics of reopening (issue 15, item 6; docs/model.md 7.15 and
// 7.16): a ceasefire in force at day 0, a crossing closed at day 0, reopening not before a date
// and only once the closer's stated demand is met, and sectors with their own propensity for
// incidents. Worlds built from tests/data/layer2.yaml.
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "layer2.hpp"
#include "model/phases.hpp"
#include "model/simulation.hpp"
#include "model/world.hpp"

namespace flashpoint {
namespace {

using layer2::day_zero;
using layer2::kNorth;
using layer2::kSouth;

// NTH closed the gate at the start; reopening needs no calm days, no ceasefire after fighting
// and happens the first day it may (rate 1), so that what holds it shut is the rule under test.
const std::vector<std::string> kClosedByNorth = {
    "crossings=[{id: gate, sector: pass, exports_usd_per_day: {NTH: 1.0e6, STH: 0.4e6}, "
    "closed_at_start: NTH}]",
    "operations.reopen_calm_days=0", "operations.reopen_rate=1",
    "operations.reopen_requires_ceasefire=false"};

std::vector<std::string> closed_and(std::vector<std::string> more) {
  std::vector<std::string> sets = kClosedByNorth;
  sets.insert(sets.end(), more.begin(), more.end());
  return sets;
}

/// Runs update_crossings on `day` (the World's other state as it is).
void crossings_on(World& w, int day) {
  w.day = day;
  run_phase(w, "update_crossings");
}

TEST(StartingConditions, ACeasefireCanBeInForceAtDayZeroWithoutBeingAgreedInTheRun) {
  const Scenario sc = layer2::with(
      {"relations=[{from: STH, to: NTH, initial_hostility: 3.0, ceasefire_at_start: true}]"});
  auto w = day_zero(sc);
  EXPECT_EQ(w->diplomacy.ceasefire[w->dyad(kNorth, kSouth)], 1);  // set from either direction
  EXPECT_EQ(w->diplomacy.ceasefire[w->dyad(kSouth, kNorth)], 1);
  EXPECT_EQ(w->diplomacy.monitored[w->dyad(kNorth, kSouth)], 0);
  run_phase(*w, "update_diplomacy");  // a day of diplomacy: the standing one is not agreed
  EXPECT_EQ(w->result.first_ceasefire_day, -1);
  // A strike breaks it as any ceasefire (196 by the striker).
  w->strategic.chosen(kNorth, kSouth) = action_index(Action::kStrikeSanctuary);
  run_phase(*w, "carry_out_actions");
  EXPECT_EQ(w->diplomacy.ceasefire[w->dyad(kNorth, kSouth)], 0);
  const Scenario plain = layer2::with();
  auto p = day_zero(plain);
  EXPECT_EQ(p->diplomacy.ceasefire[p->dyad(kNorth, kSouth)], 0);
}

TEST(StartingConditions, ACrossingClosedAtTheStartIsClosedByTheStateNamed) {
  const Scenario sc = layer2::with(closed_and({"operations.reopen_calm_days=1000"}));
  auto w = day_zero(sc);
  EXPECT_EQ(w->economy.crossing_open[0], 0);
  EXPECT_EQ(w->economy.crossing_closed_by[0], kNorth);
  EXPECT_EQ(w->economy.crossing_closed_day[0], 0);
  crossings_on(*w, 0);
  EXPECT_EQ(w->economy.crossing_open[0], 0);
  // The day's trade is lost: 1.0e6 + 0.4e6 USD, each side's exports on its own account.
  EXPECT_DOUBLE_EQ(w->result.trade_lost_usd, 1.4e6);
  EXPECT_DOUBLE_EQ(w->result.exports_lost_usd[kNorth], 1.0e6);
  EXPECT_DOUBLE_EQ(w->result.exports_lost_usd[kSouth], 0.4e6);
}

TEST(StartingConditions, ACrossingDoesNotReopenBeforeItsDate) {
  // Day 10 is 2025-03-11 in layer2 (start 2025-03-01); a date or a day index may be given.
  for (const char* when : {"10", "2025-03-11"}) {
    const Scenario sc =
        layer2::with(closed_and({std::string("crossings.gate.reopen_not_before=") + when}));
    auto w = day_zero(sc);
    for (int d = 0; d < 10; ++d) crossings_on(*w, d);
    EXPECT_EQ(w->economy.crossing_open[0], 0) << when;
    crossings_on(*w, 10);
    EXPECT_EQ(w->economy.crossing_open[0], 1) << when;
  }
}

TEST(StartingConditions, ReopeningWaitsForACeasefireWhenTheCloserDemandsOneAfterFighting) {
  const Scenario sc = layer2::with(closed_and({"actors.NTH.reopen_demand=ceasefire"}));
  // No fighting since the closure: nothing to give assurances about, it reopens at once.
  auto calm = day_zero(sc);
  crossings_on(*calm, 0);
  EXPECT_EQ(calm->economy.crossing_open[0], 1);
  // After armed conflict on the line, it waits for a ceasefire.
  auto w = day_zero(sc);
  w->economy.crossing_fought[0] = 1;
  for (int d = 0; d < 20; ++d) crossings_on(*w, d);
  EXPECT_EQ(w->economy.crossing_open[0], 0);  // calm for 20 days, no ceasefire
  w->diplomacy.ceasefire[w->dyad(kNorth, kSouth)] = 1;
  w->diplomacy.ceasefire[w->dyad(kSouth, kNorth)] = 1;
  crossings_on(*w, 20);
  EXPECT_EQ(w->economy.crossing_open[0], 1);
}

TEST(StartingConditions, ACrackdownDemandIsMetWhenEveryGroupHostedThatAttacksIsReinedIn) {
  // FRONT is hosted by STH and fights NTH: NTH asks STH's tolerance to fall to 0.3.
  const Scenario sc = layer2::with(
      closed_and({"actors.NTH.reopen_demand=crackdown", "actors.NTH.crackdown_tolerance=0.3"}));
  auto w = day_zero(sc);
  w->insurgency.sigma[0] = 0.31;
  EXPECT_FALSE(reopen_demand_met(*w, w->diplomacy, w->insurgency, kNorth, kSouth, false));
  for (int d = 0; d < 20; ++d) crossings_on(*w, d);
  EXPECT_EQ(w->economy.crossing_open[0], 0);
  w->insurgency.sigma[0] = 0.3;  // at the tolerance asked for
  EXPECT_TRUE(reopen_demand_met(*w, w->diplomacy, w->insurgency, kNorth, kSouth, false));
  crossings_on(*w, 20);
  EXPECT_EQ(w->economy.crossing_open[0], 1);
  // STH hosts no group that fights it: its own crackdown demand toward NTH is always met.
  EXPECT_TRUE(reopen_demand_met(*w, w->diplomacy, w->insurgency, kSouth, kNorth, false));
}

TEST(StartingConditions, TheDefaultDemandIsCalmAlone) {
  const Scenario sc = layer2::with(kClosedByNorth);
  EXPECT_EQ(sc.actors[kNorth].state.reopen_demand, ReopenDemand::kCalm);
  auto w = day_zero(sc);
  crossings_on(*w, 0);
  EXPECT_EQ(w->economy.crossing_open[0], 1);
}

std::map<std::string, int> incidents_by_sector(const Scenario& sc, int days) {
  auto w = day_zero(sc);
  std::map<std::string, int> n;
  for (int d = 0; d < days; ++d) {
    w->day = d;
    run_phase(*w, "border_incidents");
  }
  for (const EventRecord& e : w->result.events) {
    if (e.cameo == "193") ++n[e.location];
  }
  return n;
}

TEST(StartingConditions, EachSectorHasItsOwnPropensityForIncidents) {
  // Every incident a clash (certain uncertainty, no hotline), at intensity 0 (nobody harmed, no
  // post lost, so the line stays as it is): with the same rate the two sectors
  // see about as many; with propensity 0 in "pass" and 3 in "river", none in pass and about
  // three times as many in river.
  const std::vector<std::string> base = {"talks.incident_rate=0.5", "talks.incident_clash=1",
                                         "talks.incident_intensity=0",
                                         "talks.initial_uncertainty=1"};
  const Scenario same = layer2::with(base);
  auto n = incidents_by_sector(same, 40);
  EXPECT_GT(n["pass"], 0);
  EXPECT_GT(n["river"], 0);
  std::vector<std::string> skewed = base;
  skewed.push_back("sectors.pass.incident_propensity=0");
  skewed.push_back("sectors.river.incident_propensity=3");
  const Scenario other = layer2::with(skewed);
  auto m = incidents_by_sector(other, 40);
  EXPECT_EQ(m["pass"], 0);
  EXPECT_GT(m["river"], 2 * n["river"]);
}

}  // namespace
}  // namespace flashpoint
