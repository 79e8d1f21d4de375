#include "model/refugees.hpp"

#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

#include <gtest/gtest.h>

#include "model/phases.hpp"

namespace flashpoint {
namespace {

constexpr int kH = 0;  // actor (and state) index of the host
constexpr int kO = 1;  // actor (and state) index of the origin
constexpr int kHostDistrict = 0, kOriginNorth = 1, kOriginSouth = 2;
constexpr double kVoluntary = 1e-4;
constexpr double kBefore = 0.001, kAfter = 0.0035;
constexpr int kPhaseStart = -30, kDeadline = 60;

constexpr int kRegistered = static_cast<int>(RefugeeClass::kRegistered);
constexpr int kCardHolders = static_cast<int>(RefugeeClass::kCardHolders);
constexpr int kUndocumented = static_cast<int>(RefugeeClass::kUndocumented);

/// Two states, H hosting refugees from O; one sector with a district on each side (and a second
/// district in O), one crossing; a deportation policy of H against O with one phase for the
/// undocumented that began before the run.
Scenario two_states() {
  Scenario sc;
  sc.name = "refugees-test";
  sc.start_date = Date::parse("2025-01-01").value();
  sc.days = 200;
  Actor h;
  h.id = "H";
  h.state.hosts_refugees = true;
  Actor o;
  o.id = "O";
  sc.actors = {h, o};
  sc.relations = {Relation{kH, kO, 0, 0, 0}, Relation{kO, kH, 0, 0, 0}};

  District dh;
  dh.id = "h1";
  dh.state = kH;
  dh.population = 1e6;
  District north;
  north.id = "o_north";
  north.state = kO;
  north.population = 1e5;
  north.return_share = 3;
  District south = north;
  south.id = "o_south";
  south.population = 3e5;
  south.return_share = 1;
  sc.districts = {dh, north, south};

  Sector sector;
  sector.id = "line";
  sector.sides = {SectorSide{kH, kHostDistrict}, SectorSide{kO, kOriginNorth}};
  sc.sectors = {sector};
  Crossing crossing;
  crossing.id = "gate";
  crossing.sector = 0;
  crossing.exports_usd_per_day = {0, 0};
  crossing.people_per_day = 1e6;  // capacity for returnees 5e5: never binds
  sc.crossings = {crossing};
  sc.operations.returns_share_of_capacity = 0.5;
  sc.population.deport_action_boost = 3.0;
  sc.population.deport_action_days = 14;
  sc.population.returnee_memory_days = 30.0;

  RefugeePopulation pop;
  pop.host = kH;
  pop.origin = kO;
  pop.stock[kRegistered] = 100000;
  pop.stock[kCardHolders] = 50000;
  pop.stock[kUndocumented] = 200000;
  pop.voluntary_return_rate = kVoluntary;
  sc.refugees = {pop};

  Policy p;
  p.name = "repatriation";
  p.type = PolicyType::kDeportation;
  p.actor = kH;
  p.partner = kO;
  p.phases = {DeportationPhase{"undocumented", RefugeeClass::kUndocumented, kPhaseStart, kDeadline,
                               kBefore, kAfter}};
  sc.policies = {p};
  return sc;
}

/// A world of `sc` with the deportation policy started and the refugee columns initialised.
World started_world(const Scenario& sc) {
  World w(sc, 7);
  init_refugees(w);
  w.policies.started[0] = 1;
  return w;
}

double total_stock(const World& w, int r) {
  const auto& s = w.refugees.stock[r];
  return std::accumulate(s.begin(), s.end(), 0.0);
}

/// Runs update_refugees on days [from, to).
void run_days(World& w, int from, int to) {
  for (w.day = from; w.day < to; ++w.day) run_phase(w, "update_refugees");
}

TEST(Refugees, ReturnsEqualRateTimesStockWhenCapacityAllows) {
  const Scenario sc = two_states();
  World w = started_world(sc);
  w.day = 0;
  run_phase(w, "update_refugees");
  // 1e-4 * 100,000 + 1e-4 * 50,000 + 0.001 * 200,000 = 10 + 5 + 200
  EXPECT_NEAR(w.refugees.returned[0], 215.0, 1e-9);
  EXPECT_NEAR(w.today.returns[w.state_of(ActorId{kO})], 215.0, 1e-9);
  EXPECT_EQ(w.today.returns[w.state_of(ActorId{kH})], 0.0);
  EXPECT_NEAR(w.refugees.stock[0][kRegistered], 99990.0, 1e-9);
  EXPECT_NEAR(w.refugees.stock[0][kCardHolders], 49995.0, 1e-9);
  EXPECT_NEAR(w.refugees.stock[0][kUndocumented], 199800.0, 1e-9);
}

TEST(Refugees, ReturnsEqualCapacityWhenItBinds) {
  Scenario sc = two_states();
  sc.crossings[0].people_per_day = 200;  // 200 * 0.5 = 100 a day < 215 desired
  World w = started_world(sc);
  EXPECT_NEAR(return_capacity(w, w.policies, w.economy, w.state_of(ActorId{kH}),
                              w.state_of(ActorId{kO}), 0),
              100.0, 1e-12);
  w.day = 0;
  run_phase(w, "update_refugees");
  EXPECT_NEAR(w.refugees.returned[0], 100.0, 1e-9);
  // Split in proportion to rate x stock: 10 : 5 : 200 of 215.
  EXPECT_NEAR(w.refugees.stock[0][kRegistered], 100000 - 100.0 * 10 / 215, 1e-9);
  EXPECT_NEAR(w.refugees.stock[0][kCardHolders], 50000 - 100.0 * 5 / 215, 1e-9);
  EXPECT_NEAR(w.refugees.stock[0][kUndocumented], 200000 - 100.0 * 200 / 215, 1e-9);
}

TEST(Refugees, CrossingWithoutThroughputDoesNotCapReturns) {
  Scenario sc = two_states();
  sc.crossings[0].people_per_day = 0;
  World w = started_world(sc);
  EXPECT_EQ(return_capacity(w, w.policies, w.economy, w.state_of(ActorId{kH}),
                            w.state_of(ActorId{kO}), 0),
            std::numeric_limits<double>::infinity());
  w.day = 0;
  run_phase(w, "update_refugees");
  EXPECT_NEAR(w.refugees.returned[0], 215.0, 1e-9);
}

TEST(Refugees, PhaseRateSwitchesAtTheDeadline) {
  const Scenario sc = two_states();
  World w = started_world(sc);
  w.day = kDeadline - 1;
  EXPECT_DOUBLE_EQ(
      class_return_rate(w, w.policies, w.refugees, w.day, 0, RefugeeClass::kUndocumented), kBefore);
  w.day = kDeadline;
  EXPECT_DOUBLE_EQ(
      class_return_rate(w, w.policies, w.refugees, w.day, 0, RefugeeClass::kUndocumented), kAfter);
  // Classes the phase does not target keep the voluntary rate.
  EXPECT_DOUBLE_EQ(
      class_return_rate(w, w.policies, w.refugees, w.day, 0, RefugeeClass::kRegistered),
      kVoluntary);
}

TEST(Refugees, PhaseThatBeganBeforeTheRunIsInForceOnDayZero) {
  const Scenario sc = two_states();
  World w = started_world(sc);
  w.day = 0;
  EXPECT_DOUBLE_EQ(
      class_return_rate(w, w.policies, w.refugees, w.day, 0, RefugeeClass::kUndocumented), kBefore);
}

TEST(Refugees, PhaseIsNotInForceBeforeItsStartOrWhileThePolicyHasNotStarted) {
  Scenario sc = two_states();
  sc.policies[0].phases[0].start_day = 10;
  World w = started_world(sc);
  w.day = 9;
  EXPECT_DOUBLE_EQ(
      class_return_rate(w, w.policies, w.refugees, w.day, 0, RefugeeClass::kUndocumented),
      kVoluntary);
  w.day = 10;
  EXPECT_DOUBLE_EQ(
      class_return_rate(w, w.policies, w.refugees, w.day, 0, RefugeeClass::kUndocumented), kBefore);
  w.policies.started[0] = 0;
  EXPECT_DOUBLE_EQ(
      class_return_rate(w, w.policies, w.refugees, w.day, 0, RefugeeClass::kUndocumented),
      kVoluntary);
}

TEST(Refugees, DeadlineMoreThanDoublesMonthlyReturns) {
  Scenario sc = two_states();
  sc.refugees[0].voluntary_return_rate = 0;  // only the phase moves people
  World w = started_world(sc);
  run_days(w, 0, kDeadline - 30);
  const double at_minus_30 = total_stock(w, 0);
  run_days(w, kDeadline - 30, kDeadline);
  const double at_deadline = total_stock(w, 0);
  run_days(w, kDeadline, kDeadline + 30);
  const double at_plus_30 = total_stock(w, 0);
  const double before = at_minus_30 - at_deadline;
  const double after = at_deadline - at_plus_30;
  ASSERT_GT(before, 0.0);
  EXPECT_GT(after, 2.0 * before);
}

TEST(Refugees, ClosedCrossingStopsReturns) {
  const Scenario sc = two_states();
  World w = started_world(sc);
  w.economy.crossing_open[0] = 0;
  EXPECT_EQ(return_capacity(w, w.policies, w.economy, w.state_of(ActorId{kH}),
                            w.state_of(ActorId{kO}), 0),
            0.0);
  run_days(w, 0, 30);
  EXPECT_EQ(w.refugees.returned[0], 0.0);
  EXPECT_EQ(total_stock(w, 0), 350000.0);
  for (double x : w.refugees.returnees_recent) EXPECT_EQ(x, 0.0);
}

TEST(Refugees, ScheduledOpeningLetsReturneesThroughOnItsDaysOnly) {
  Scenario sc = two_states();
  sc.policies[0].openings = {ScheduledOpening{5, 3}};  // days 5, 6 and 7
  World w = started_world(sc);
  w.economy.crossing_open[0] = 0;
  for (w.day = 0; w.day < 12; ++w.day) {
    const double before = w.refugees.returned[0];
    run_phase(w, "update_refugees");
    const bool opening = w.day >= 5 && w.day < 8;
    if (opening) {
      EXPECT_GT(w.refugees.returned[0], before) << "day " << w.day;
    } else {
      EXPECT_EQ(w.refugees.returned[0], before) << "day " << w.day;
    }
  }
  // An opening of a policy that has not started opens nothing.
  w.policies.started[0] = 0;
  EXPECT_EQ(return_capacity(w, w.policies, w.economy, w.state_of(ActorId{kH}),
                            w.state_of(ActorId{kO}), 6),
            0.0);
}

TEST(Refugees, StocksAndReturneesAreConserved) {
  Scenario sc = two_states();
  sc.crossings[0].people_per_day = 500;  // capacity binds part of the time
  sc.policies[0].openings = {ScheduledOpening{40, 5}};
  World w = started_world(sc);
  const double initial = total_stock(w, 0);
  const double keep = std::exp(-1.0 / 30.0);
  double settled = 0;  // returnees added to districts, without the decay
  for (w.day = 0; w.day < sc.days; ++w.day) {
    w.economy.crossing_open[0] = (w.day / 30) % 2 == 0 ? 1 : 0;  // open and closed months
    if (w.day == 100) w.refugees.deport_boost_until[w.state_of(ActorId{kH})] = 110;
    const std::vector<double> yesterday = w.refugees.returnees_recent;
    run_phase(w, "update_refugees");
    for (std::size_t d = 0; d < yesterday.size(); ++d)
      settled += w.refugees.returnees_recent[d] - yesterday[d] * keep;
    EXPECT_NEAR(total_stock(w, 0) + w.refugees.returned[0], initial, 1e-6 * initial)
        << "day " << w.day;
    EXPECT_NEAR(settled, w.refugees.returned[0], 1e-6 * initial) << "day " << w.day;
  }
  EXPECT_GT(w.refugees.returned[0], 0.0);
}

TEST(Refugees, ReturneesSettleByReturnShareThenByPopulation) {
  Scenario sc = two_states();
  World w = started_world(sc);
  w.day = 0;
  run_phase(w, "update_refugees");
  // return_share 3 : 1 of 215 returnees; none in the host's district.
  EXPECT_NEAR(w.refugees.returnees_recent[kOriginNorth], 215.0 * 3 / 4, 1e-9);
  EXPECT_NEAR(w.refugees.returnees_recent[kOriginSouth], 215.0 * 1 / 4, 1e-9);
  EXPECT_EQ(w.refugees.returnees_recent[kHostDistrict], 0.0);

  sc.districts[kOriginNorth].return_share = 0;
  sc.districts[kOriginSouth].return_share = 0;
  World v = started_world(sc);
  v.day = 0;
  run_phase(v, "update_refugees");
  // By population 1e5 : 3e5.
  EXPECT_NEAR(v.refugees.returnees_recent[kOriginNorth], 215.0 * 1 / 4, 1e-9);
  EXPECT_NEAR(v.refugees.returnees_recent[kOriginSouth], 215.0 * 3 / 4, 1e-9);
}

TEST(Refugees, DeportBoostMultipliesPhaseRatesOnlyWhileActive) {
  const Scenario sc = two_states();
  World w = started_world(sc);
  w.refugees.deport_boost_until[w.state_of(ActorId{kH})] = 10;
  w.day = 10;
  EXPECT_DOUBLE_EQ(
      class_return_rate(w, w.policies, w.refugees, w.day, 0, RefugeeClass::kUndocumented),
      3.0 * kBefore);
  // The voluntary rate is not a phase rate: unboosted.
  EXPECT_DOUBLE_EQ(
      class_return_rate(w, w.policies, w.refugees, w.day, 0, RefugeeClass::kRegistered),
      kVoluntary);
  w.day = 11;
  EXPECT_DOUBLE_EQ(
      class_return_rate(w, w.policies, w.refugees, w.day, 0, RefugeeClass::kUndocumented), kBefore);
}

TEST(Refugees, DeadlineEventIsEmittedOnceOnTheDeadlineDay) {
  const Scenario sc = two_states();
  World w = started_world(sc);
  run_days(w, 0, 100);
  int count = 0;
  for (const EventRecord& e : w.result.events) {
    if (e.cameo != "174") continue;
    ++count;
    EXPECT_EQ(e.day, kDeadline);
    EXPECT_EQ(e.actor, kH);
    EXPECT_EQ(e.target, kO);
    EXPECT_DOUBLE_EQ(e.goldstein, -5.0);
    EXPECT_EQ(e.quad_class, 4);
    EXPECT_TRUE(e.location.empty());
  }
  EXPECT_EQ(count, 1);
}

}  // namespace
}  // namespace flashpoint
