// Armed-group cells (src/model/insurgency.hpp/.cpp): the hazard, counter-insurgency pressure,
// blame, distance and the host's tolerance by hand; then attribution, splitting and dissolving on
// a World built from tests/data/layer2.yaml.
#include "model/insurgency.hpp"

#include <cmath>
#include <numbers>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "model/phases.hpp"
#include "model/world.hpp"
#include "scenario/loader.hpp"

namespace flashpoint {
namespace {

const std::string kLayer2 = std::string(FLASHPOINT_TEST_DATA_DIR) + "/layer2.yaml";

/// tests/data/layer2.yaml with `--set` overrides.
Scenario layer2_with(const std::vector<std::string>& sets = {}) {
  std::vector<Override> overrides;
  for (const auto& s : sets) overrides.push_back(parse_override(s));
  return load_scenario(kLayer2, overrides);
}

/// Every parameter the pure functions read, set here rather than taken from the defaults.
InsurgencyParams hand_params() {
  InsurgencyParams p;
  p.base_rate = 0.01;
  p.reference_fighters = 100;
  p.strength_exponent = 0.5;
  p.sanctuary_bonus = 1;
  p.ci_effect = 20;
  p.ceasefire_effect = 0.3;
  p.sigma_affinity_rate = 0.01;
  p.sigma_coercion = 0.01;
  p.sigma_regional = 0.01;
  p.sigma_floor = 0.2;
  return p;
}

TEST(CellAttackHazard, MultipliesStrengthHavenPressureAndCeasefire) {
  const InsurgencyParams p = hand_params();
  // (400/100)^0.5 = 2; haven 1 + 1 * 0.5 = 1.5; 1 - ci = 0.8; 1 - ceasefire effect = 0.7.
  EXPECT_NEAR(cell_attack_hazard(p, 400, true, 0.5, 0.2, true), 0.01 * 2 * 1.5 * 0.8 * 0.7, 1e-15);
}

TEST(CellAttackHazard, SanctuaryCountsOnlyOnHostSoilAndCeasefireOnlyWhenInForce) {
  const InsurgencyParams p = hand_params();
  EXPECT_NEAR(cell_attack_hazard(p, 400, false, 0.5, 0.2, true), 0.01 * 2 * 0.8 * 0.7, 1e-15);
  EXPECT_NEAR(cell_attack_hazard(p, 400, true, 0.5, 0.2, false), 0.01 * 2 * 1.5 * 0.8, 1e-15);
  // At the reference strength, without pressure, the hazard is the base rate.
  EXPECT_NEAR(cell_attack_hazard(p, 100, false, 0.9, 0.0, false), 0.01, 1e-15);
  // gamma: 25 fighters at gamma 0.5 give half the base rate.
  EXPECT_NEAR(cell_attack_hazard(p, 25, false, 0.0, 0.0, false), 0.005, 1e-15);
}

TEST(CellAttackHazard, IsZeroWithoutFightersOrUnderFullPressure) {
  const InsurgencyParams p = hand_params();
  EXPECT_EQ(cell_attack_hazard(p, 0, true, 1.0, 0.0, false), 0.0);
  EXPECT_EQ(cell_attack_hazard(p, -3, true, 1.0, 0.0, false), 0.0);
  EXPECT_EQ(cell_attack_hazard(p, 400, true, 1.0, 1.0, false), 0.0);
}

TEST(CiPressure, OnTheVictimsSoilUsesTheWholeSecurityPresence) {
  const InsurgencyParams p = hand_params();
  // 1 - exp(-20 * 0.05) = 1 - e^-1; sigma does not matter off the host's soil.
  EXPECT_NEAR(ci_pressure(p, 0.05, false, 0.5), 1.0 - std::exp(-1.0), 1e-15);
  EXPECT_NEAR(ci_pressure(p, 0.05, false, 0.9), 1.0 - std::exp(-1.0), 1e-15);
  EXPECT_EQ(ci_pressure(p, 0.0, false, 0.5), 0.0);
}

TEST(CiPressure, OnTheHostsSoilTheHostsToleranceShieldsTheCell) {
  const InsurgencyParams p = hand_params();
  // 1 - exp(-20 * 0.05 * (1 - 0.5)) = 1 - e^-0.5.
  EXPECT_NEAR(ci_pressure(p, 0.05, true, 0.5), 1.0 - std::exp(-0.5), 1e-15);
  EXPECT_EQ(ci_pressure(p, 0.05, true, 1.0), 0.0);  // full tolerance: no pressure at all
  EXPECT_NEAR(ci_pressure(p, 0.05, true, 0.0), ci_pressure(p, 0.05, false, 0.0), 1e-15);
}

TEST(BlameProbability, WithoutJointInvestigationIsTheVictimsOwnRates) {
  StateParams victim;
  victim.attribution_probability = 0.6;
  victim.misattribution_probability = 0.25;
  EXPECT_NEAR(blame_probability(victim, true, 0.0), 0.6, 1e-15);
  EXPECT_NEAR(blame_probability(victim, false, 0.0), 0.25, 1e-15);
}

TEST(BlameProbability, JointInvestigationMovesBlameTowardTheTrueOrigin) {
  StateParams victim;
  victim.attribution_probability = 0.6;
  victim.misattribution_probability = 0.25;
  // From the host's soil: 0.6 + 0.4 * 0.4 = 0.76; a local cell: 0.25 * (1 - 0.4) = 0.15.
  EXPECT_NEAR(blame_probability(victim, true, 0.4), 0.76, 1e-15);
  EXPECT_NEAR(blame_probability(victim, false, 0.4), 0.15, 1e-15);
  // Full accuracy: the host is always blamed for its guests, never for local cells.
  EXPECT_NEAR(blame_probability(victim, true, 1.0), 1.0, 1e-15);
  EXPECT_EQ(blame_probability(victim, false, 1.0), 0.0);
}

TEST(DistanceKm, MatchesKnownGreatCircleDistances) {
  // London (51.5074 N, 0.1278 W) to Paris (48.8566 N, 2.3522 E): about 343.5 km.
  EXPECT_NEAR(distance_km(51.5074, -0.1278, 48.8566, 2.3522), 343.5, 343.5 * 0.005);
  EXPECT_NEAR(distance_km(48.8566, 2.3522, 51.5074, -0.1278), 343.5, 343.5 * 0.005);
}

TEST(DistanceKm, FollowsTheSphereOfRadius6371Km) {
  const double quarter = std::numbers::pi * 6371.0 / 2;
  EXPECT_NEAR(distance_km(0, 0, 90, 0), quarter, 1e-6);       // equator to pole
  EXPECT_NEAR(distance_km(0, 0, 0, 90), quarter, 1e-6);       // along the equator
  EXPECT_NEAR(distance_km(0, 0, 0, 180), 2 * quarter, 1e-6);  // antipodes
  EXPECT_NEAR(distance_km(0, 0, 0, 1), 111.195, 0.001);
  EXPECT_EQ(distance_km(34.1, 70.2, 34.1, 70.2), 0.0);
  EXPECT_NEAR(distance_km(34.0, 70.5, 33.6, 69.9), distance_km(33.6, 69.9, 34.0, 70.5), 1e-9);
}

TEST(NextSigma, DriftsTowardAffinityAndFallsWithCoercionAndPressure) {
  const InsurgencyParams p = hand_params();
  // 0.5 + 0.01 * (0.8 - 0.5) - 0.01 * 2 - 0.01 * 0.3 = 0.48.
  EXPECT_NEAR(next_sigma(p, 0.5, 0.8, 2, 0.3), 0.48, 1e-15);
  // Nothing but affinity: 0.5 + 0.01 * 0.3.
  EXPECT_NEAR(next_sigma(p, 0.5, 0.8, 0, 0.0), 0.503, 1e-15);
}

TEST(NextSigma, NeverFallsBelowTheFloorNorRisesAboveOne) {
  const InsurgencyParams p = hand_params();
  // 0.21 + 0.01 * 0.59 - 0.05 = 0.1659 -> the floor 0.2.
  EXPECT_EQ(next_sigma(p, 0.21, 0.8, 5, 0.0), 0.2);
  EXPECT_EQ(next_sigma(p, 0.2, 0.0, 100, 50.0), 0.2);
  // A negative pressure (pull toward tolerance) past 1 is clamped: 0.999 + 0.01 * 0.001 + 0.01.
  EXPECT_EQ(next_sigma(p, 0.999, 1.0, 0, -1.0), 1.0);
  EXPECT_EQ(next_sigma(p, 1.0, 1.0, 0, 0.0), 1.0);
}

// --- On a World -------------------------------------------------------------------------

constexpr int kNorth = 0, kSouth = 1;  // state indices in layer2.yaml (also actor indices)

int district_index(const Scenario& sc, const std::string& id) {
  for (std::size_t d = 0; d < sc.districts.size(); ++d) {
    if (sc.districts[d].id == id) return static_cast<int>(d);
  }
  ADD_FAILURE() << "no district " << id;
  return -1;
}

/// Runs `n` attacks of 6 forces deaths each by cell `cell` into `district` and returns the deaths
/// the victim (NTH) blames on the host (STH).
double blamed_deaths(const Scenario& sc, int cell, int district, double investigation, int n) {
  World w(sc, 99);
  w.strategic.rung_history.push_front(Eigen::MatrixXi::Zero(2, 2));
  w.strategic.attributed_history.push_front(Eigen::MatrixXi::Zero(2, 2));
  w.params.joint_investigation(kNorth, kSouth) = w.params.joint_investigation(kSouth, kNorth) =
      investigation;
  Ledger ledger = w.ledger();
  for (int k = 0; k < n; ++k) {
    carry_out_attack(w, w.params, w.insurgency, w.strategic, w.rng, ledger, GroupId{0},
                     DistrictId{district}, 0, {6, 0, 0}, cell);
  }
  return w.strategic.deaths_caused(kNorth, kSouth);
}

TEST(Attribution, FullJointInvestigationNeverBlamesTheHostForLocalCells) {
  // NTH blames every attack by a local cell on STH unless an investigation shows otherwise.
  const Scenario sc = layer2_with({"actors.NTH.misattribution_probability=1"});
  const int hills = district_index(sc, "hills");
  ASSERT_EQ(sc.actors[2].armed_group.cells[2].district, hills);  // cell 2 is local to NTH
  EXPECT_EQ(blamed_deaths(sc, 2, hills, 0.0, 50), 50 * 6);
  EXPECT_EQ(blamed_deaths(sc, 2, hills, 1.0, 50), 0.0);
  const double partial = blamed_deaths(sc, 2, hills, 0.5, 200);
  EXPECT_GT(partial, 0.3 * 200 * 6);
  EXPECT_LT(partial, 0.7 * 200 * 6);
}

TEST(Attribution, FullJointInvestigationAlwaysBlamesTheHostForItsGuests) {
  const Scenario sc = layer2_with({"actors.NTH.attribution_probability=0"});
  const int hills = district_index(sc, "hills");
  ASSERT_EQ(sc.districts[sc.actors[2].armed_group.cells[0].district].id, "ridge");  // STH soil
  EXPECT_EQ(blamed_deaths(sc, 0, hills, 0.0, 50), 0.0);
  EXPECT_EQ(blamed_deaths(sc, 0, hills, 1.0, 50), 50 * 6);
}

/// layer2.yaml without losses to operations and without recruits: cell sizes change only by
/// splitting and dissolving.
Scenario static_cells() {
  return layer2_with({"insurgency.operations_loss_rate=0", "insurgency.recruit_rate=0"});
}

TEST(UpdateCells, ACellAboveTheSplitSizeSplitsInTwoInItsDistrict) {
  const Scenario sc = static_cells();
  World w(sc, 5);
  w.insurgency.cells.fighters[0] = 1001;  // split_fighters defaults to 400
  w.insurgency.fighters[0] = 1001 + 150 + 40;
  run_phase(w, "update_cells");
  ASSERT_EQ(w.insurgency.cells.size(), 4u);
  EXPECT_EQ(w.insurgency.cells.fighters[0], 501);
  EXPECT_EQ(w.insurgency.cells.fighters[3], 500);
  EXPECT_EQ(w.insurgency.cells.district[3], w.insurgency.cells.district[0]);
  EXPECT_EQ(w.insurgency.cells.group[3], w.insurgency.cells.group[0]);
  EXPECT_EQ(w.insurgency.cells.alive[3], 1);
  EXPECT_EQ(w.insurgency.fighters[0], 1001 + 150 + 40);  // the group's strength is unchanged
}

TEST(UpdateCells, SplittingStopsAtMaxCells) {
  const Scenario sc = layer2_with(
      {"insurgency.operations_loss_rate=0", "insurgency.recruit_rate=0", "insurgency.max_cells=3"});
  World w(sc, 5);
  w.insurgency.cells.fighters[0] = 1001;
  run_phase(w, "update_cells");
  EXPECT_EQ(w.insurgency.cells.size(), 3u);
  EXPECT_EQ(w.insurgency.cells.fighters[0], 1001);
}

TEST(UpdateCells, ACellBelowTheMinimumDissolvesAndItsFightersLeaveTheGroup) {
  const Scenario sc = static_cells();
  World w(sc, 5);
  ASSERT_EQ(w.insurgency.fighters[0], 300 + 150 + 40);
  w.insurgency.cells.fighters[2] = 3;  // min_fighters defaults to 5
  w.insurgency.fighters[0] = 300 + 150 + 3;
  run_phase(w, "update_cells");
  EXPECT_EQ(w.insurgency.cells.alive[2], 0);
  EXPECT_EQ(w.insurgency.cells.fighters[2], 0);
  EXPECT_EQ(w.insurgency.fighters[0], 300 + 150);
  EXPECT_EQ(w.insurgency.cells.alive[0], 1);
  EXPECT_EQ(w.insurgency.cells.alive[1], 1);
}

// A dissolved cell stays (dissolved) for the rest of its day and leaves the list at the next
// update; the live cells keep their order, so every draw in index order is the same.
TEST(UpdateCells, ADissolvedCellLeavesTheListTheNextDayAndTheOthersKeepTheirOrder) {
  const Scenario sc = static_cells();
  World w(sc, 5);
  ASSERT_EQ(w.insurgency.cells.size(), 3u);
  const auto ridge = w.insurgency.cells.district[0], hills = w.insurgency.cells.district[2];
  w.insurgency.cells.fighters[1] =
      3;  // the middle cell (plain) dissolves: min_fighters defaults to 5
  w.insurgency.fighters[0] = 300 + 3 + 40;
  run_phase(w, "update_cells");
  ASSERT_EQ(w.insurgency.cells.size(), 3u);
  EXPECT_EQ(w.insurgency.cells.alive[1], 0);
  run_phase(w, "update_cells");
  ASSERT_EQ(w.insurgency.cells.size(), 2u);
  EXPECT_EQ(w.insurgency.cells.district[0], ridge);
  EXPECT_EQ(w.insurgency.cells.fighters[0], 300);
  EXPECT_EQ(w.insurgency.cells.district[1], hills);
  EXPECT_EQ(w.insurgency.cells.fighters[1], 40);
  EXPECT_EQ(w.insurgency.cells.alive[0] + w.insurgency.cells.alive[1], 2);
  EXPECT_EQ(w.insurgency.fighters[0], 340);
}

TEST(UpdateCells, OperationsKillFightersAndRecruitsComeFromActiveCitizens) {
  // Losses only: fighters fall, and the group total follows the cells.
  {
    const Scenario sc =
        layer2_with({"insurgency.recruit_rate=0", "insurgency.operations_loss_rate=0.5"});
    World w(sc, 11);
    const double before = w.insurgency.fighters[0];
    for (int d = 0; d < 5; ++d) run_phase(w, "update_cells");
    double cells = 0;
    for (std::size_t k = 0; k < w.insurgency.cells.size(); ++k)
      cells += w.insurgency.cells.fighters[k];
    EXPECT_LT(w.insurgency.fighters[0], before);
    EXPECT_DOUBLE_EQ(w.insurgency.fighters[0], cells);
  }
  // Recruits only: 0.01 * 20,000 recruitable actives = 200 a day on average in the cell's
  // district (recruitment draws on the lagged pool, society.recruitable).
  {
    const Scenario sc =
        layer2_with({"insurgency.recruit_rate=0.01", "insurgency.operations_loss_rate=0"});
    World w(sc, 11);
    w.society.recruitable[sc.actors[2].armed_group.cells[1].district] = 20000;
    const double before = w.insurgency.cells.fighters[1];
    run_phase(w, "update_cells");
    EXPECT_GT(w.insurgency.cells.fighters[1] +
                  (w.insurgency.cells.size() > 3 ? w.insurgency.cells.fighters[3] : 0.0),
              before + 100);
    EXPECT_EQ(w.insurgency.cells.fighters[0], 300);  // nobody active in the other cells' districts
  }
}

TEST(UpdateCells, RegionalPressureLowersTheHostsTolerance) {
  const Scenario sc = layer2_with({"insurgency.sigma_regional=0.1"});
  World w(sc, 3);
  const double before = w.insurgency.sigma[0];
  w.params.regional_pressure[kSouth] = 1.0;
  run_phase(w, "update_cells");
  // 0.7 + 0.01 * (0.8 - 0.7) - 0.1 * (1 + 0.02 from FAR) = 0.599.
  EXPECT_NEAR(w.insurgency.sigma[0], before + 0.01 * (0.8 - before) - 0.1 * 1.02, 1e-12);
}

}  // namespace
}  // namespace flashpoint

namespace flashpoint {
namespace {

TEST(CarryOutAttack, AnAttackWithoutACellTakesMilitantDeathsFromTheGroupsCells) {
  // A district-rate or scripted attack (cell -1) by a group that has cells: the militants who die
  // come out of a live cell, so the group's strength stays the sum of its cells.
  const Scenario sc = layer2_with();
  World w(sc, 7);
  w.strategic.rung_history.push_front(Eigen::MatrixXi::Zero(2, 2));
  w.strategic.attributed_history.push_front(Eigen::MatrixXi::Zero(2, 2));
  const int hills = district_index(sc, "hills");
  Ledger ledger = w.ledger();
  for (int k = 0; k < 10; ++k) {
    carry_out_attack(w, w.params, w.insurgency, w.strategic, w.rng, ledger, GroupId{0},
                     DistrictId{hills}, 0, {0, 0, 3}, -1);
  }
  double cells = 0;
  for (std::size_t k = 0; k < w.insurgency.cells.size(); ++k) {
    if (w.insurgency.cells.alive[k]) cells += w.insurgency.cells.fighters[k];
  }
  EXPECT_DOUBLE_EQ(w.insurgency.fighters[0], cells);
  double seeded = 0;
  for (const auto& c : sc.actors[2].armed_group.cells) seeded += c.fighters;
  EXPECT_DOUBLE_EQ(cells, seeded - 30);
}

}  // namespace
}  // namespace flashpoint
