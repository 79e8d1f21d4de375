// Non-military coercion (docs/model.md 7.22) and the nuclear shadow (7.23), issue 15 items 7
// and 4, on Worlds built from tests/data/layer2.yaml: measures a state holds, imposes, keeps in
// force and lifts, with their trade, cost, grievance and audience effects; red lines that make
// acting near them costly, and signals that sharpen them and alarm the mediators.
#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "layer2.hpp"
#include "model/hostility.hpp"
#include "model/ladder.hpp"
#include "model/phases.hpp"
#include "model/simulation.hpp"
#include "model/strategic.hpp"
#include "model/world.hpp"

namespace flashpoint {
namespace {

using layer2::day_zero;
using layer2::kNorth;
using layer2::kSouth;

std::size_t index(Action a) {
  return static_cast<std::size_t>(action_index(a));
}

int events_coded(const World& w, const std::string& code) {
  int n = 0;
  for (const EventRecord& e : w.result.events) n += e.cameo == code;
  return n;
}

// --- Measures ---------------------------------------------------------------------------------

TEST(Coercion, AMeasureIsCodedStaysInForceAndCommitsTheImposerInPublic) {
  const Scenario sc = layer2::with();
  auto w = day_zero(sc);
  const double publicity = w->strategic.publicity(kNorth);
  w->strategic.chosen(kNorth, kSouth) = action_index(Action::kDowngradeTies);
  w->strategic.chosen(kSouth, kNorth) = action_index(Action::kCloseAirspace);
  run_phase(*w, "carry_out_actions");
  EXPECT_EQ(events_coded(*w, "161"), 1);
  EXPECT_EQ(events_coded(*w, "191"), 1);
  const int north = w->dyad(kNorth, kSouth), south = w->dyad(kSouth, kNorth);
  EXPECT_EQ(w->economy.since(north, measure_index(Action::kDowngradeTies)), 0);
  EXPECT_EQ(w->economy.since(south, measure_index(Action::kCloseAirspace)), 0);
  EXPECT_EQ(w->economy.since(north, measure_index(Action::kCloseAirspace)), -1);
  EXPECT_DOUBLE_EQ(w->strategic.publicity(kNorth), publicity + sc.coercion.publicity);
  EXPECT_EQ(w->strategic.level(kNorth, kSouth), 4);  // close_airspace is rung 4
}

TEST(Coercion, OnlyMeasuresTheStateHoldsAndNotTwiceAreFeasible) {
  // Uniform choice over everything feasible at any rung: NTH holds only downgrade_ties.
  const Scenario sc = layer2::with({"actors.NTH.measures=[downgrade_ties]",
                                    "actors.NTH.rationality=0", "strategic.max_step=12"});
  auto w = day_zero(sc);
  w->day = sc.free_from_day;
  int downgrades = 0;
  for (int n = 0; n < 400; ++n) {
    run_phase(*w, "choose_actions");
    const auto a = static_cast<Action>(w->strategic.chosen(kNorth, kSouth));
    EXPECT_TRUE(!is_measure(a) || a == Action::kDowngradeTies) << action_name(a);
    downgrades += a == Action::kDowngradeTies;
    EXPECT_FALSE(is_measure(static_cast<Action>(w->strategic.chosen(kSouth, kNorth))));
  }
  EXPECT_GT(downgrades, 0);
  // In force: no longer on the menu.
  w->economy.since(w->dyad(kNorth, kSouth), measure_index(Action::kDowngradeTies)) = 0;
  for (int n = 0; n < 200; ++n) {
    run_phase(*w, "choose_actions");
    EXPECT_NE(w->strategic.chosen(kNorth, kSouth), action_index(Action::kDowngradeTies));
  }
}

TEST(Coercion, FinancialPressureStopsTheTargetsExportsAndCostsTheImposerTheTradeItStops) {
  // The gate carries NTH 1.0e6 and STH 0.4e6 USD a day. NTH's pressure on STH stops
  // trade_cut = 0.9 of STH's exports: 0.36e6 a day, on STH's account.
  const Scenario sc = layer2::with();
  auto w = day_zero(sc);
  w->economy.since(w->dyad(kNorth, kSouth), measure_index(Action::kFinancialPressure)) = 0;
  run_phase(*w, "update_crossings");
  EXPECT_NEAR(w->result.trade_lost_usd, 0.36e6, 1e-6);
  EXPECT_NEAR(w->result.exports_lost_usd[kSouth], 0.36e6, 1e-6);
  EXPECT_DOUBLE_EQ(w->result.exports_lost_usd[kNorth], 0.0);
  EXPECT_NEAR(w->result.trade_flow_usd[0], 1.4e6 - 0.36e6, 1e-6);
  EXPECT_EQ(w->result.measure_days[kNorth], 1);
  EXPECT_EQ(w->result.measure_days[kSouth], 0);
  // The utility term: w_trade_cost x trade exposure x the share of the pair's trade it stops,
  // 0.9 x 0.4 / 1.4.
  ChoiceSituation s;
  s.trade_exposure = 0.3;
  s.sanctioned_trade_share = 0.9 * 0.4 / 1.4;
  ChoiceSituation none = s;
  none.sanctioned_trade_share = 0;
  const auto u = action_utilities(s, sc.strategic, sc.ladder);
  const auto u0 = action_utilities(none, sc.strategic, sc.ladder);
  const auto k = index(Action::kFinancialPressure);
  EXPECT_NEAR(u0[k] - u[k], sc.strategic.w_trade_cost * 0.3 * 0.9 * 0.4 / 1.4, 1e-12);
}

TEST(Coercion, AirspaceClosureCostsTheCloserItsFeesAndTheOtherItsDetours) {
  const Scenario sc =
      layer2::with({"relations=[{from: NTH, to: STH, initial_hostility: 3.0, "
                    "overflight_fees_usd_per_day: 3.0e5, "
                    "rerouting_usd_per_day: 5.0e5}]"});
  auto w = day_zero(sc);
  w->economy.since(w->dyad(kNorth, kSouth), measure_index(Action::kCloseAirspace)) = 0;
  for (int d = 0; d < 3; ++d) {
    w->day = d;
    run_phase(*w, "update_crossings");
  }
  EXPECT_DOUBLE_EQ(w->result.coercion_cost_usd[kNorth], 9.0e5);
  EXPECT_DOUBLE_EQ(w->result.coercion_cost_usd[kSouth], 15.0e5);
  EXPECT_EQ(w->result.measure_days[kNorth], 3);
  EXPECT_DOUBLE_EQ(w->result.trade_lost_usd, 0.0);  // no trade effect
}

TEST(Coercion, MeasuresInForceFeedTheTargetsGrievance) {
  // Two measures of NTH on STH: STH's hostility toward NTH grows by 2 x grievance a day more.
  const Scenario sc = layer2::with({"coercion.grievance=0.25"});
  auto with = day_zero(sc);
  auto without = day_zero(sc);
  for (Action a : {Action::kSuspendVisas, Action::kSuspendTreaty}) {
    with->economy.since(with->dyad(kNorth, kSouth), measure_index(a)) = 0;
  }
  for (World* w : {with.get(), without.get()}) {
    run_phase(*w, "update_crossings");
    run_phase(*w, "update_hostility");
  }
  EXPECT_NEAR(
      with->strategic.hostility(kSouth, kNorth) - without->strategic.hostility(kSouth, kNorth),
      2 * 0.25, 1e-12);
  EXPECT_DOUBLE_EQ(with->strategic.hostility(kNorth, kSouth),
                   without->strategic.hostility(kNorth, kSouth));
}

TEST(Coercion, AMeasureIsLiftedAfterCalmOnceTheDemandIsMet) {
  // Lifted the first calm day it may be (rate 1, no calm days), unless NTH demands a ceasefire
  // (after fighting since they were imposed) and none is in force.
  for (const bool demand : {false, true}) {
    std::vector<std::string> sets = {"coercion.lift_calm_days=0", "coercion.lift_rate=1"};
    if (demand) sets.push_back("actors.NTH.reopen_demand=ceasefire");
    const Scenario sc = layer2::with(sets);
    auto w = day_zero(sc);
    const int d = w->dyad(kNorth, kSouth);
    w->economy.since(d, measure_index(Action::kFinancialPressure)) = 0;
    w->economy.since(d, measure_index(Action::kCloseAirspace)) = 0;
    // Fighting since they were imposed: a ceasefire demand then asks for a ceasefire.
    w->economy.fought(d, measure_index(Action::kFinancialPressure)) = 1;
    w->economy.fought(d, measure_index(Action::kCloseAirspace)) = 1;
    run_phase(*w, "update_crossings");
    EXPECT_EQ(w->economy.since(d, measure_index(Action::kFinancialPressure)) < 0, !demand);
    EXPECT_EQ(events_coded(*w, "085"), demand ? 0 : 1);  // economic sanctions eased
    EXPECT_EQ(events_coded(*w, "081"), demand ? 0 : 1);  // administrative ones
  }
}

// --- The nuclear shadow ----------------------------------------------------------------------

TEST(NuclearShadow, TheRedLineCostFallsByOneOverEPerRungBelowIt) {
  StrategicParams p;
  p.w_red_line = 3;
  p.red_line_steepness = 1;
  p.signal_weight = 1;
  EXPECT_DOUBLE_EQ(red_line_cost(p, 8, 8, 0), 3.0);
  EXPECT_DOUBLE_EQ(red_line_cost(p, 8, 9, 0), 3.0);  // beyond the line: the line's cost
  EXPECT_NEAR(red_line_cost(p, 8, 7, 0), 3.0 * std::exp(-1.0), 1e-12);
  EXPECT_NEAR(red_line_cost(p, 8, 6, 0), 3.0 * std::exp(-2.0), 1e-12);
  EXPECT_NEAR(red_line_cost(p, 8, 6, 0.5), 1.5 * 3.0 * std::exp(-2.0), 1e-12);  // after signals
}

TEST(NuclearShadow, ActingNearANuclearArmedStatesRedLineCostsInTheUtilities) {
  const Scenario sc = layer2::with();
  ChoiceSituation plain;
  ChoiceSituation shadow = plain;
  shadow.adversary_red_line = 8;
  shadow.adversary_signals = 1;
  const auto u0 = action_utilities(plain, sc.strategic, sc.ladder);
  const auto u1 = action_utilities(shadow, sc.strategic, sc.ladder);
  for (Action a : all_actions()) {
    const auto k = index(a);
    const double expected =
        rung(a) >= kFirstHostileRung ? red_line_cost(sc.strategic, 8, rung(a), 1) : 0.0;
    EXPECT_NEAR(u0[k] - u1[k], expected, 1e-12) << action_name(a);
  }
}

TEST(NuclearShadow, AStateSignalsOnlyUnderThreatNearItsRedLine) {
  // NTH is nuclear-armed with its red line at 8 (signal_gap 2): it may signal once STH's rung
  // toward it reaches 6, and never without nuclear weapons.
  const Scenario sc = layer2::with({"actors.NTH.nuclear_armed=true", "actors.NTH.red_line_rung=8",
                                    "actors.NTH.rationality=0", "strategic.max_step=12"});
  auto w = day_zero(sc);
  w->day = sc.free_from_day;
  auto signals = [&] {
    int n = 0;
    for (int k = 0; k < 300; ++k) {
      run_phase(*w, "choose_actions");
      n += w->strategic.chosen(kNorth, kSouth) == action_index(Action::kNuclearSignal);
      EXPECT_NE(w->strategic.chosen(kSouth, kNorth), action_index(Action::kNuclearSignal));
    }
    return n;
  };
  w->strategic.mark_rung(kSouth, kNorth, 5);
  EXPECT_EQ(signals(), 0);
  w->strategic.mark_rung(kSouth, kNorth, 6);
  EXPECT_GT(signals(), 0);
}

TEST(NuclearShadow, ASignalIsCodedAndAlarmsTheMediators) {
  const Scenario sc = layer2::with({"actors.NTH.nuclear_armed=true"});
  auto w = day_zero(sc);
  w->strategic.chosen(kNorth, kSouth) = action_index(Action::kNuclearSignal);
  run_phase(*w, "carry_out_actions");
  EXPECT_EQ(events_coded(*w, "138") + events_coded(*w, "150"), 1);
  EXPECT_DOUBLE_EQ(w->strategic.nuclear_signals(kNorth), 1.0);
  EXPECT_EQ(w->result.nuclear_signals[kNorth], 1);
  // Mediators active on the pair press both states harder: x (1 + mediator_alarm x 1).
  const int med = sc.actor_index("MED");
  w->diplomacy.mediator_active[w->dyad.of_actor(med, kNorth, kSouth)] = 1;
  w->diplomacy.mediator_active[w->dyad.of_actor(med, kSouth, kNorth)] = 1;
  const double alarmed =
      mediator_pressure(*w, w->params, w->diplomacy, w->strategic, kSouth, kNorth);
  w->strategic.nuclear_signals(kNorth) = 0;
  const double calm = mediator_pressure(*w, w->params, w->diplomacy, w->strategic, kSouth, kNorth);
  EXPECT_GT(calm, 0);
  EXPECT_NEAR(alarmed, calm * (1 + sc.strategic.mediator_alarm), 1e-12);
  w->strategic.nuclear_signals(kNorth) = 1;
  // The stock fades as public threats do.
  run_phase(*w, "update_hostility");
  EXPECT_NEAR(w->strategic.nuclear_signals(kNorth),
              std::exp(-1.0 / sc.strategic.publicity_memory_days), 1e-12);
}

}  // namespace
}  // namespace flashpoint
