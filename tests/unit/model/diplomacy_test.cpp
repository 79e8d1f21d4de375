// Mediators, rounds of talks and border incidents (src/model/diplomacy.cpp, incidents.cpp): the
// join, agreement and incident-to-clash probabilities by hand; a round of talks on a World built
// from tests/data/layer2.yaml (it narrows both parties' uncertainty, draws a promise from the
// host, and may bring a monitored ceasefire); and whole runs, where the information that talks
// bring shows up as fewer incident clashes.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "experiment/runner.hpp"
#include "model/phases.hpp"
#include "model/simulation.hpp"
#include "model/world.hpp"
#include "scenario/loader.hpp"

namespace flashpoint {
namespace {

const std::string kLayer2 = std::string(FLASHPOINT_TEST_DATA_DIR) + "/layer2.yaml";

constexpr int kNorth = 0, kSouth = 1;  // state indices in layer2.yaml (also actor indices)

/// tests/data/layer2.yaml with `--set` overrides.
Scenario layer2_with(const std::vector<std::string>& sets = {}) {
  std::vector<Override> overrides;
  for (const auto& s : sets) overrides.push_back(parse_override(s));
  return load_scenario(kLayer2, overrides);
}

TalksParams hand_talks() {
  TalksParams p;
  p.join_base = -0.5;
  p.join_lambda = 4;
  p.agree_base = 0.3;
  p.agree_leverage = 0.5;
  p.incident_clash = 0.3;
  return p;
}

TEST(JoinProbability, IsALogitOfWearinessAndLeverageAgainstAudienceCosts) {
  const TalksParams p = hand_talks();
  // x = -0.5 + 0.3 + 0.35 - 0.5 * 0.4 = -0.05; P = 1 / (1 + exp(4 * 0.05)).
  EXPECT_NEAR(join_probability(p, 0.3, 0.35, 0.5, 0.4), 1.0 / (1.0 + std::exp(0.2)), 1e-12);
  // x = 0: a coin flip.
  EXPECT_NEAR(join_probability(p, 0.5, 0.0, 0.0, 0.0), 0.5, 1e-12);
  // x = -0.5 - 1 * 1: P = 1 / (1 + e^6).
  EXPECT_NEAR(join_probability(p, 0.0, 0.0, 1.0, 1.0), 1.0 / (1.0 + std::exp(6.0)), 1e-12);
}

TEST(JoinProbability, RisesWithLeverageAndWearinessAndFallsWithPublicity) {
  const TalksParams p = hand_talks();
  const double base = join_probability(p, 0.2, 0.2, 0.5, 0.5);
  EXPECT_GT(join_probability(p, 0.2, 0.6, 0.5, 0.5), base);
  EXPECT_GT(join_probability(p, 0.6, 0.2, 0.5, 0.5), base);
  EXPECT_LT(join_probability(p, 0.2, 0.2, 0.5, 0.9), base);
  EXPECT_LT(join_probability(p, 0.2, 0.2, 0.9, 0.5), base);
}

TEST(AgreementProbability, GrowsWithMeanLeverageUpToOne) {
  const TalksParams p = hand_talks();
  EXPECT_NEAR(agreement_probability(p, 0.0), 0.3, 1e-15);
  EXPECT_NEAR(agreement_probability(p, 0.4), 0.3 + 0.5 * 0.4, 1e-15);
  EXPECT_EQ(agreement_probability(p, 2.0), 1.0);  // 0.3 + 1.0 capped at 1
}

TEST(IncidentClashProbability, HotlineAndPatrolsEachCutTheConversion) {
  const TalksParams p = hand_talks();
  EXPECT_NEAR(incident_clash_probability(p, 1.0, 0.0, 0.0), 0.3, 1e-15);
  // (1 - 0.5) * 0.3 * 0.8 * (1 - 0.3) = 0.084.
  EXPECT_NEAR(incident_clash_probability(p, 0.8, 0.5, 0.3), 0.084, 1e-15);
  EXPECT_EQ(incident_clash_probability(p, 1.0, 1.0, 0.0), 0.0);  // every incident defused
  EXPECT_EQ(incident_clash_probability(p, 1.0, 0.0, 1.0), 0.0);  // patrols stop every clash
  EXPECT_EQ(incident_clash_probability(p, 0.0, 0.0, 0.0), 0.0);  // no uncertainty, no clash
}

// --- A round of talks on a World ------------------------------------------------------------

int actor_index(const Scenario& sc, const std::string& id) {
  for (std::size_t a = 0; a < sc.actors.size(); ++a) {
    if (sc.actors[a].id == id) return static_cast<int>(a);
  }
  ADD_FAILURE() << "no actor " << id;
  return -1;
}

/// Engages mediator `m` on the NTH-STH line as if the escalation had reached its threshold.
void engage(World& w, int m) {
  const std::size_t key = static_cast<std::size_t>(m) * 4;  // S * S = 4
  w.diplomacy.mediator_active[key + w.dyad(kNorth, kSouth)] = 1;
  w.diplomacy.mediator_active[key + w.dyad(kSouth, kNorth)] = 1;
  // The line was at the mediator's activation level today (else a calm line lets it go).
  w.diplomacy.last_hot_day[key + w.dyad(kNorth, kSouth)] = w.day;
  w.diplomacy.last_hot_day[key + w.dyad(kSouth, kNorth)] = w.day;
}

/// The pair fought today: a ceasefire can be agreed (docs/model.md 7.16).
void fighting(World& w) {
  w.diplomacy.last_conflict_day(kNorth, kSouth) = w.diplomacy.last_conflict_day(kSouth, kNorth) =
      w.day;
}

TEST(LeveragePressure, IsLeverageTimesCredibilityTimesThePolicyMultiplier) {
  // One function serves the talks and the strategic choice's third-party term.
  const Scenario sc = layer2_with({"actors.MED.credibility=0.6"});
  World w(sc, 3);
  const int m = actor_index(sc, "MED");
  const auto& med = sc.actors[static_cast<std::size_t>(m)].mediator;
  const double on_north = med.leverage[static_cast<std::size_t>(w.actor_of(StateId{kNorth}))];
  ASSERT_GT(on_north, 0);
  EXPECT_NEAR(leverage_pressure(w, w.params, ActorId{m}, StateId{kNorth}), on_north * 0.6, 1e-12);
  w.params.leverage_multiplier[static_cast<std::size_t>(m)] = 1.5;
  EXPECT_NEAR(leverage_pressure(w, w.params, ActorId{m}, StateId{kNorth}), on_north * 0.6 * 1.5,
              1e-12);
}

TEST(Talks, ARoundBothJoinNarrowsBothPartiesUncertainty) {
  // join_base 10: both parties join with probability 1 - e^-40.
  const Scenario sc =
      layer2_with({"talks.join_base=10", "talks.info_gain=0.25", "talks.initial_uncertainty=0.8"});
  World w(sc, 17);
  engage(w, actor_index(sc, "MED"));
  const double sigma = w.insurgency.sigma[0];
  run_phase(w, "update_diplomacy");
  EXPECT_EQ(w.today.rounds, 1);
  EXPECT_NEAR(w.diplomacy.uncertainty(kNorth, kSouth), 0.8 * 0.75, 1e-12);
  EXPECT_NEAR(w.diplomacy.uncertainty(kSouth, kNorth), 0.8 * 0.75, 1e-12);
  // The host (STH) promises restraint: its tolerance falls by sigma_promise.
  EXPECT_NEAR(w.insurgency.sigma[0], sigma - sc.insurgency.sigma_promise, 1e-12);
  // Both parties' negotiate events (CAMEO 046) are on record.
  EXPECT_EQ(std::count_if(w.result.events.begin(), w.result.events.end(),
                          [](const EventRecord& e) { return e.cameo == "046"; }),
            2);

  // The next round comes round_interval_days (5 for MED) later, not before.
  w.today.rounds = 0;
  w.day = 4;
  run_phase(w, "update_diplomacy");
  EXPECT_EQ(w.today.rounds, 0);
  w.day = 5;
  run_phase(w, "update_diplomacy");
  EXPECT_EQ(w.today.rounds, 1);
  EXPECT_NEAR(w.diplomacy.uncertainty(kNorth, kSouth), 0.8 * 0.75 * 0.75, 1e-12);
}

TEST(Talks, WithoutBothPartiesThereIsNoRoundAndNoInformation) {
  const Scenario sc = layer2_with({"talks.join_base=-10"});
  World w(sc, 17);
  engage(w, actor_index(sc, "MED"));
  const double sigma = w.insurgency.sigma[0];
  run_phase(w, "update_diplomacy");
  EXPECT_EQ(w.today.rounds, 0);
  EXPECT_EQ(w.diplomacy.uncertainty(kNorth, kSouth), sc.talks.initial_uncertainty);
  EXPECT_EQ(w.diplomacy.uncertainty(kSouth, kNorth), sc.talks.initial_uncertainty);
  EXPECT_EQ(w.insurgency.sigma[0], sigma);
}

TEST(Talks, AnIdleMediatorConvenesNothing) {
  const Scenario sc = layer2_with({"talks.join_base=10"});
  World w(sc, 17);
  run_phase(w, "update_diplomacy");  // level 0: below every activation level
  EXPECT_EQ(w.today.rounds, 0);
  EXPECT_EQ(w.diplomacy.uncertainty(kNorth, kSouth), sc.talks.initial_uncertainty);
}

TEST(Talks, AnAgreementUnderAMonitoringMediatorIsAMonitoredCeasefire) {
  for (bool monitoring : {false, true}) {
    const Scenario sc = layer2_with({"talks.join_base=10", "talks.agree_base=1"});
    World w(sc, 17);
    const int med = actor_index(sc, "MED");
    engage(w, med);
    fighting(w);
    w.params.monitoring_by[med] = monitoring ? 1 : 0;
    run_phase(w, "update_diplomacy");
    EXPECT_EQ(w.diplomacy.ceasefire[w.dyad(kNorth, kSouth)], 1);
    EXPECT_EQ(w.diplomacy.ceasefire[w.dyad(kSouth, kNorth)], 1);
    EXPECT_EQ(w.diplomacy.monitored[w.dyad(kNorth, kSouth)], monitoring ? 1 : 0);
    EXPECT_EQ(w.result.first_ceasefire_day, 0);
  }
}

TEST(Incidents, MonitorsKeepACeasefireThroughAnIncidentClashAtTheContainmentRate) {
  // 10 incidents per sector-day, each a clash (uncertainty 1, incident_clash 1, no hotline or
  // patrols before the commission starts on day 20): the ceasefire meets many incident clashes.
  struct Case {
    bool monitored;
    double containment;
    bool survives;
  };
  for (const Case c : {Case{true, 1.0, true}, Case{true, 0.0, false}, Case{false, 1.0, false}}) {
    const Scenario sc =
        layer2_with({"talks.incident_rate=10", "talks.incident_clash=1",
                     "talks.monitoring_containment=" + std::to_string(c.containment)});
    World w(sc, 17);
    prepare_result(w);
    w.today.clear();
    run_phase(w, "roll_windows");
    for (int d : {w.dyad(kNorth, kSouth), w.dyad(kSouth, kNorth)}) {
      w.diplomacy.ceasefire[d] = 1;
      w.diplomacy.monitored[d] = c.monitored ? 1 : 0;
    }
    run_phase(w, "border_incidents");
    const auto clashes = std::count_if(w.result.events.begin(), w.result.events.end(),
                                       [](const EventRecord& e) { return e.cameo == "193"; });
    EXPECT_GT(clashes, 10);  // the clashes happen, contained or not
    EXPECT_EQ(w.diplomacy.ceasefire[w.dyad(kNorth, kSouth)], c.survives ? 1 : 0);
    EXPECT_EQ(w.result.ceasefire_breakdowns, c.survives ? 0 : 1);
  }
}

// --- Whole runs -----------------------------------------------------------------------------

std::vector<RunResult> replicates(const Scenario& sc, int n) {
  std::vector<RunResult> out;
  for (const RunPlan& p : replicate_plans(sc.seed, n)) out.push_back(simulate(sc, p));
  return out;
}

int count_cameo(const RunResult& r, const std::string& cameo, int from_day = 0) {
  return static_cast<int>(
      std::count_if(r.events.begin(), r.events.end(),
                    [&](const EventRecord& e) { return e.cameo == cameo && e.day >= from_day; }));
}

int total_rounds(const RunResult& r) {
  int n = 0;
  for (auto v : r.talks_rounds) n += v;
  return n;
}

TEST(TalksInRuns, RoundsAreHeldOnLayer2AndOnlyWhileAMediatorIsEngaged) {
  const Scenario sc = layer2_with();
  int runs_with_rounds = 0;
  for (const RunResult& r : replicates(sc, 50)) {
    runs_with_rounds += total_rounds(r) > 0;
    for (std::size_t d = 0; d < r.talks_rounds.size(); ++d) {
      if (r.talks_rounds[d] > 0) {
        EXPECT_EQ(r.mediation_active[d], 1) << "day " << d;
      }
    }
  }
  EXPECT_GE(runs_with_rounds, 10);
}

TEST(TalksInRuns, TheInformationFromTalksMakesIncidentsRarerToBecomeClashes) {
  // Incidents only (no chosen assaults, offensives or fire, so every CAMEO 193 is an incident
  // clash), frequent, without hotline or patrols. The arms differ only in what a round of talks
  // teaches.
  const std::vector<std::string> common = {
      "ladder.assault_posts.enabled=false", "ladder.offensive.enabled=false",
      "ladder.exchange_fire.enabled=false", "talks.incident_rate=0.05",
      "policies.commission.hotline=0",      "policies.commission.joint_patrols=0"};
  auto uninformed = common, informed = common;
  uninformed.push_back("talks.info_gain=0");
  informed.push_back("talks.info_gain=0.5");
  const auto a = replicates(layer2_with(uninformed), 200);
  const auto b = replicates(layer2_with(informed), 200);
  double clashes_a = 0, clashes_b = 0, rounds_a = 0, rounds_b = 0;
  double diff = 0, diff2 = 0;
  for (std::size_t k = 0; k < a.size(); ++k) {
    const double ca = count_cameo(a[k], "193"), cb = count_cameo(b[k], "193");
    clashes_a += ca;
    clashes_b += cb;
    rounds_a += total_rounds(a[k]);
    rounds_b += total_rounds(b[k]);
    diff += ca - cb;
    diff2 += (ca - cb) * (ca - cb);
  }
  const double n = static_cast<double>(a.size());
  const double mean_diff = diff / n;
  const double se = std::sqrt((diff2 / n - mean_diff * mean_diff) / n);
  ASSERT_GT(rounds_a, 0.5 * n) << "talks must be held for information to flow";
  ASSERT_GT(clashes_a, n) << "incidents must become clashes without information";
  EXPECT_GT(mean_diff, 4 * se) << "incident clashes per run: " << clashes_a / n << " uninformed vs "
                               << clashes_b / n << " informed";
  EXPECT_LT(clashes_b, 0.9 * clashes_a);
}

}  // namespace
}  // namespace flashpoint
