// The interstate repertoire of issue 15 on Worlds built from tests/data/layer2.yaml: fire across
// the line (docs/model.md 7.13), the nested choice of a rung and then of an action (7.4), and
// doctrines keyed by trigger (7.5).
#include <algorithm>
#include <cmath>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "layer2.hpp"
#include "model/ladder.hpp"
#include "model/phases.hpp"
#include "model/simulation.hpp"
#include "model/strategic.hpp"
#include "model/world.hpp"
#include "scenario/loader.hpp"

namespace flashpoint {
namespace {

using layer2::day_zero;
using layer2::kNorth;
using layer2::kSouth;
Scenario layer2_with(const std::vector<std::string>& sets) {
  return layer2::with(sets);
}

std::size_t index(Action a) {
  return static_cast<std::size_t>(action_index(a));
}

// --- The nested choice ----------------------------------------------------------------------

TEST(NestedChoice, ARungIsWeighedByItsBestActionThenSplitAmongItsActions) {
  // Hold (rung 0) at utility 0; rung 6 has strike_sanctuary at 1 and exchange_fire at 0.5.
  ActionValues u{};
  ActionMask feasible{};
  feasible[index(Action::kHold)] = true;
  feasible[index(Action::kStrikeSanctuary)] = true;
  feasible[index(Action::kExchangeFire)] = true;
  u[index(Action::kStrikeSanctuary)] = 1.0;
  u[index(Action::kExchangeFire)] = 0.5;
  const double lambda = 2.0;
  const ActionValues p = choice_probabilities(u, feasible, lambda);
  // Rung 6 is worth its best action, 1: P(rung 6) = e^2 / (1 + e^2).
  const double p6 = std::exp(2.0) / (1.0 + std::exp(2.0));
  EXPECT_NEAR(p[index(Action::kHold)], 1.0 - p6, 1e-12);
  // Within rung 6: e^(2*1) : e^(2*0.5).
  const double strike_share = std::exp(2.0) / (std::exp(2.0) + std::exp(1.0));
  EXPECT_NEAR(p[index(Action::kStrikeSanctuary)], p6 * strike_share, 1e-12);
  EXPECT_NEAR(p[index(Action::kExchangeFire)], p6 * (1 - strike_share), 1e-12);
}

TEST(NestedChoice, AnotherWayOfTakingTheSameStepDoesNotMakeTheStepLikelier) {
  ActionValues u{};
  ActionMask only_strike{};
  only_strike[index(Action::kHold)] = true;
  only_strike[index(Action::kStrikeSanctuary)] = true;
  u[index(Action::kStrikeSanctuary)] = 0.3;
  u[index(Action::kExchangeFire)] = 0.3;  // as good: plain logit would double rung 6
  ActionMask both = only_strike;
  both[index(Action::kExchangeFire)] = true;
  const ActionValues one = choice_probabilities(u, only_strike, 12);
  const ActionValues two = choice_probabilities(u, both, 12);
  EXPECT_NEAR(two[index(Action::kHold)], one[index(Action::kHold)], 1e-12);
  EXPECT_NEAR(two[index(Action::kStrikeSanctuary)] + two[index(Action::kExchangeFire)],
              one[index(Action::kStrikeSanctuary)], 1e-12);
  // With one action per rung the nested choice is the plain logit.
  EXPECT_EQ(one, logit_probabilities(u, only_strike, 12));
}

// --- Fire across the line --------------------------------------------------------------------

TEST(ExchangeFire, FireAcrossTheLineKillsAndHarmsButTakesNoPost) {
  // Heavy fire (intensity 2) in both sectors: in "pass" NTH's 5 posts of 30 fire on STH's 4 of 10
  // (expected casualties 0.7 x 30 x 0.5 x 2 = 21 a post), which breaks them; an assault at that
  // intensity takes them, fire takes none.
  const Scenario sc = layer2_with({"operations.fire_intensity=2", "operations.fire_sectors=2"});
  auto w = day_zero(sc);
  w->strategic.chosen(kNorth, kSouth) = action_index(Action::kExchangeFire);
  run_phase(*w, "carry_out_actions");
  std::set<std::string> sectors;
  int deaths = 0;
  for (const EventRecord& e : w->result.events) {
    EXPECT_NE(e.cameo, "192") << "a post changed hands under fire";
    if (e.cameo == "193" || e.cameo == "194") {
      sectors.insert(e.location);
      deaths += e.forces;
    }
  }
  EXPECT_EQ(sectors, (std::set<std::string>{"pass", "river"}));
  EXPECT_GT(deaths, 0);
  int broken = 0;
  for (std::size_t p = 0; p < w->ops.posts.size(); ++p) {
    EXPECT_EQ(w->ops.posts.controller[p], w->ops.posts.owner[p]);
    broken +=
        w->ops.posts.garrison[p] < sc.operations.capture_threshold * w->ops.posts.full_garrison[p];
  }
  EXPECT_GT(broken, 0);
  EXPECT_EQ(w->strategic.level(kNorth, kSouth), rung(Action::kExchangeFire));
  // The same day as an assault takes posts.
  const Scenario assault = layer2_with({"operations.clash_intensity=2"});
  auto a = day_zero(assault);  // the World refers to its scenario: keep it alive
  a->strategic.chosen(kNorth, kSouth) = action_index(Action::kAssaultPosts);
  run_phase(*a, "carry_out_actions");
  EXPECT_GT(a->result.posts_captured[kNorth], 0);
}

TEST(ExchangeFire, CoversFireSectorsAtFireIntensity) {
  // One sector, at intensity 0: the posts fire but hit nothing, and nobody is harmed.
  const Scenario sc = layer2_with({"operations.fire_intensity=0", "operations.fire_sectors=1"});
  auto w = day_zero(sc);
  w->strategic.chosen(kSouth, kNorth) = action_index(Action::kExchangeFire);
  run_phase(*w, "carry_out_actions");
  int fire_events = 0;
  for (const EventRecord& e : w->result.events) {
    if (e.cameo != "193" && e.cameo != "194") continue;
    ++fire_events;
    EXPECT_EQ(e.forces + e.civilians + e.injured(), 0);
    EXPECT_EQ(e.actor, kSouth);
  }
  EXPECT_EQ(fire_events, 1);
}

TEST(ExchangeFire, IsFeasibleOnlyWhereBothSidesHoldPosts) {
  // Without posts on the line, a state can never choose it.
  const Scenario sc =
      layer2_with({"sectors.pass.posts=[]", "sectors.river.posts=[]", "actors.NTH.rationality=0",
                   "actors.STH.rationality=0", "strategic.max_step=12"});
  auto w = day_zero(sc);
  w->day = sc.free_from_day;
  for (int n = 0; n < 200; ++n) {
    run_phase(*w, "choose_actions");
    EXPECT_NE(w->strategic.chosen(kNorth, kSouth), action_index(Action::kExchangeFire));
    EXPECT_NE(w->strategic.chosen(kSouth, kNorth), action_index(Action::kExchangeFire));
  }
}

// --- Doctrines keyed by trigger --------------------------------------------------------------

TEST(DoctrineTriggers, ADoctrineAnswersOnlyTheKindsOfDeathsItNames) {
  const Scenario sc = layer2_with(
      {"actors.STH.doctrine=[{enabled: true, triggers: [attack], fatality_threshold: 1, "
       "action: strike_sanctuary, lag_probabilities: [1]}, "
       "{enabled: true, triggers: [strike, fire], fatality_threshold: 1, action: exchange_fire, "
       "lag_offset_days: 11, lag_probabilities: [0, 1]}]"});
  auto w = day_zero(sc);
  ASSERT_EQ(w->params.doctrines[kSouth].size(), 2U);
  // Deaths from NTH's fire: only the second doctrine is triggered, due 11 + 1 days later.
  consider_doctrine(w->params, w->strategic, w->rng, 3, StateId{kSouth}, StateId{kNorth}, 2,
                    kTriggerFire);
  EXPECT_EQ(w->strategic.pending[kSouth][0].due_day, -1);
  EXPECT_EQ(w->strategic.pending[kSouth][1].due_day, 3 + 11 + 1);
  EXPECT_EQ(w->strategic.pending[kSouth][1].target, kNorth);
  // An attack blamed on NTH triggers the first, at once.
  consider_doctrine(w->params, w->strategic, w->rng, 4, StateId{kSouth}, StateId{kNorth}, 2,
                    kTriggerAttack);
  EXPECT_EQ(w->strategic.pending[kSouth][0].due_day, 4);
}

TEST(DoctrineTriggers, EachDueDoctrineFavoursItsOwnActionWhateverTheLevel) {
  // STH's fire doctrine is due today: exchange_fire (rung 6) is feasible at level 0 beyond
  // max_step 1 and gets the bonus, which makes it all but certain; strikes stay out of reach.
  const Scenario sc =
      layer2_with({"strategic.max_step=1", "actors.STH.rationality=50",
                   "actors.STH.doctrine=[{enabled: true, triggers: [fire], action: exchange_fire, "
                   "utility_bonus: 10}]"});
  auto w = day_zero(sc);
  w->day = sc.free_from_day;
  auto& pending = w->strategic.pending[kSouth][0];
  pending.due_day = w->day;
  pending.expiry_day = w->day + 1;
  pending.target = kNorth;
  run_phase(*w, "choose_actions");
  EXPECT_EQ(w->strategic.chosen(kSouth, kNorth), action_index(Action::kExchangeFire));
  // At level 5 fire is within reach without the doctrine: aimed at NTH the doctrine makes it
  // all but certain; aimed at nobody it is one choice among many.
  w->strategic.mark_rung(kNorth, kSouth, 5);
  auto fire_in_100 = [&] {
    int fire = 0;
    for (int n = 0; n < 100; ++n) {
      run_phase(*w, "choose_actions");
      fire += w->strategic.chosen(kSouth, kNorth) == action_index(Action::kExchangeFire);
    }
    return fire;
  };
  EXPECT_GE(fire_in_100(), 95);
  pending.target = -1;
  EXPECT_LE(fire_in_100(), 50);
}

TEST(DoctrineTriggers, AStrikeTriggersAStrikeDoctrineNotAnAttackDoctrine) {
  // NTH strikes STH's sanctuary: STH's doctrine answering attacks stays silent, its doctrine
  // answering strikes is triggered (one death suffices).
  const Scenario sc = layer2_with(
      {"operations.strike_civilians_mean=50",
       "actors.STH.doctrine=[{enabled: true, triggers: [attack], fatality_threshold: 1}, "
       "{enabled: true, triggers: [strike], fatality_threshold: 1, rung: 7}]"});
  auto w = day_zero(sc);
  w->strategic.chosen(kNorth, kSouth) = action_index(Action::kStrikeSanctuary);
  run_phase(*w, "carry_out_actions");
  EXPECT_EQ(w->strategic.pending[kSouth][0].due_day, -1);
  EXPECT_GE(w->strategic.pending[kSouth][1].due_day, 0);
  EXPECT_EQ(doctrine_action(w->params.doctrines[kSouth][1]), Action::kAssaultPosts);
}

// --- Strikes on any target class, packages, air defence ---------------------------------------

std::vector<const EventRecord*> events_coded(const World& w, const std::string& cameo) {
  std::vector<const EventRecord*> out;
  for (const EventRecord& e : w.result.events) {
    if (e.cameo == cameo) out.push_back(&e);
  }
  return out;
}

TEST(StrikeTargets, AStrikeOnMilitaryTargetsHitsTheMilitarySitesOfTheTargetState) {
  // STH has an air base in ridge and a city in plain; NTH's strike_military hits the base only:
  // forces (mean 50, capped by ridge's 2,000 security forces) and no militants.
  const Scenario sc =
      layer2_with({"sites=[{id: base, kind: air_base, district: ridge, lat: 33.7, lon: 69.95}, "
                   "{id: capital, kind: city, district: plain}]",
                   "operations.military_strike_forces_mean=50"});
  auto w = day_zero(sc);
  w->strategic.chosen(kNorth, kSouth) = action_index(Action::kStrikeMilitary);
  run_phase(*w, "carry_out_actions");
  const auto strikes = events_coded(*w, "195");
  ASSERT_EQ(strikes.size(), 1U);
  EXPECT_EQ(strikes[0]->location, "base");
  EXPECT_DOUBLE_EQ(strikes[0]->lat, 33.7);
  EXPECT_GT(strikes[0]->forces, 20);
  EXPECT_EQ(strikes[0]->militants, 0);
  EXPECT_EQ(w->strategic.level(kNorth, kSouth), 7);
  // A deep strike goes for the city instead of the most populous district's centroid.
  auto d = day_zero(sc);
  d->strategic.chosen(kNorth, kSouth) = action_index(Action::kDeepStrike);
  run_phase(*d, "carry_out_actions");
  ASSERT_EQ(events_coded(*d, "195").size(), 1U);
  EXPECT_EQ(events_coded(*d, "195")[0]->location, "capital");
}

TEST(StrikeTargets, WithoutMilitarySitesItHitsThePositionsAlongTheLine) {
  const Scenario sc = layer2_with({});
  auto w = day_zero(sc);
  w->strategic.chosen(kNorth, kSouth) = action_index(Action::kStrikeMilitary);
  run_phase(*w, "carry_out_actions");
  const auto strikes = events_coded(*w, "195");
  ASSERT_EQ(strikes.size(), 1U);
  // STH's districts on the NTH-STH line: plain (sector pass) and ridge (sector river).
  EXPECT_TRUE(strikes[0]->location == "plain" || strikes[0]->location == "ridge")
      << strikes[0]->location;
}

TEST(StrikeTargets, APackageHitsThatManyDistinctTargets) {
  const Scenario sc =
      layer2_with({"sites=[{id: a, kind: militant_camp, district: plain}, "
                   "{id: b, kind: militant_camp, district: ridge}, {id: c, kind: militant_camp, "
                   "district: plain}, {id: mine, kind: militant_camp, district: hills}]",
                   "actors.NTH.strike_package_sites=2"});
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    auto w = day_zero(sc, seed);
    w->strategic.chosen(kNorth, kSouth) = action_index(Action::kStrikeSanctuary);
    run_phase(*w, "carry_out_actions");
    const auto strikes = events_coded(*w, "195");
    ASSERT_EQ(strikes.size(), 2U);
    EXPECT_NE(strikes[0]->location, strikes[1]->location);
    for (const EventRecord* e : strikes) {
      EXPECT_NE(e->location, "mine") << "a camp on the striker's own soil";
    }
  }
}

TEST(AirDefence, InterceptsAtAirDefenceTimesOneMinusHalfTheStrikersCapability) {
  // STH's air defence 0.8 against NTH's capability 0.5: P(intercept) = 0.8 x (1 - 0.25) = 0.6.
  // 100 targets a day for 4 days (package 100 over 100 camp sites): 400 Bernoulli(0.6) draws, sd
  // 0.0245; every interception costs an aircraft (aircraft_loss_share 1).
  std::string sites = "sites=[";
  for (int k = 0; k < 100; ++k) {
    sites += fmt::format("{}{{id: s{}, kind: military_base, district: plain}}", k ? ", " : "", k);
  }
  sites += "]";
  const Scenario sc =
      layer2_with({sites, "actors.STH.air_defence=0.8", "actors.NTH.capability=0.5",
                   "actors.NTH.strike_package_sites=100", "operations.aircraft_loss_share=1"});
  int intercepted = 0, lost = 0, downings = 0;
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    auto w = day_zero(sc, seed);
    w->strategic.chosen(kNorth, kSouth) = action_index(Action::kStrikeMilitary);
    run_phase(*w, "carry_out_actions");
    intercepted += w->result.strike_sites_intercepted[kNorth];
    lost += w->result.aircraft_lost[kNorth];
    for (const EventRecord* e : events_coded(*w, "190")) {
      EXPECT_EQ(e->actor, kSouth);  // the defender brings it down
      EXPECT_EQ(e->target, kNorth);
      ++downings;
    }
    EXPECT_EQ(events_coded(*w, "195").size(), 100U);  // every target attacked is an event
  }
  EXPECT_NEAR(intercepted / 400.0, 0.6, 4 * 0.0245);
  EXPECT_EQ(lost, intercepted);
  EXPECT_EQ(downings, lost);
}

TEST(AirDefence, NoAirDefenceMeansNoInterceptionAndAnInterceptedTargetHarmsNobody) {
  const Scenario none = layer2_with({"operations.strike_civilians_mean=100"});
  auto w = day_zero(none);
  w->strategic.chosen(kNorth, kSouth) = action_index(Action::kStrikeSanctuary);
  run_phase(*w, "carry_out_actions");
  EXPECT_EQ(w->result.strike_sites_intercepted[kNorth], 0);
  ASSERT_EQ(events_coded(*w, "195").size(), 1U);
  EXPECT_GT(events_coded(*w, "195")[0]->civilians, 50);
  // Air defence 1 against capability 0 stops everything: the event stays, without harm.
  const Scenario full = layer2_with({"operations.strike_civilians_mean=100",
                                     "actors.STH.air_defence=1", "actors.NTH.capability=0"});
  auto v = day_zero(full);
  v->strategic.chosen(kNorth, kSouth) = action_index(Action::kStrikeSanctuary);
  run_phase(*v, "carry_out_actions");
  EXPECT_EQ(v->result.strike_sites_intercepted[kNorth], 1);
  ASSERT_EQ(events_coded(*v, "195").size(), 1U);
  EXPECT_EQ(events_coded(*v, "195")[0]->fatalities() + events_coded(*v, "195")[0]->injured(), 0);
}

TEST(DoctrineTriggers, AStrikeThatKillsNobodyStillTriggersADoctrineWithThresholdZero) {
  const Scenario sc = layer2_with(
      {"actors.STH.air_defence=1", "actors.NTH.capability=0",
       "actors.STH.doctrine=[{enabled: true, triggers: [strike], fatality_threshold: 0, "
       "action: strike_military, lag_probabilities: [1]}]"});
  auto w = day_zero(sc);
  w->strategic.chosen(kNorth, kSouth) = action_index(Action::kStrikeSanctuary);
  run_phase(*w, "carry_out_actions");
  EXPECT_EQ(w->strategic.pending[kSouth][0].due_day, 0);
  EXPECT_EQ(w->strategic.pending[kSouth][0].target, kNorth);
}

// --- Mediation and ceasefires that fit reality -------------------------------------------------

/// A World on free_from, ready for the diplomacy phase (MED engages at level 6 by default).
std::unique_ptr<World> talks_day(const Scenario& sc) {
  auto w = day_zero(sc);
  w->day = sc.free_from_day;
  return w;
}

int count_code(const World& w, const std::string& cameo) {
  return static_cast<int>(std::count_if(w.result.events.begin(), w.result.events.end(),
                                        [&](const EventRecord& e) { return e.cameo == cameo; }));
}

TEST(Ceasefires, FormOnlyBetweenStatesInArmedConflict) {
  const Scenario sc = layer2_with({"talks.armed_conflict_days=7"});
  for (const int since : {-1, 2, 6, 7, 30}) {  // days since the level was last at 6; -1: never
    auto w = talks_day(sc);
    const int day = w->day;
    if (since >= 0) {
      w->diplomacy.last_conflict_day(kNorth, kSouth) = day - since;
      w->diplomacy.last_conflict_day(kSouth, kNorth) = day - since;
    }
    w->diplomacy.ceasefire_offer_day(kNorth, kSouth) = day;  // both offer today
    w->diplomacy.ceasefire_offer_day(kSouth, kNorth) = day;
    run_phase(*w, "update_diplomacy");
    const bool expected = since >= 0 && since < 7;
    EXPECT_EQ(w->diplomacy.ceasefire[w->dyad(kNorth, kSouth)] != 0, expected) << since;
  }
}

TEST(Ceasefires, AStateNotInArmedConflictCannotOfferOne) {
  const Scenario sc = layer2_with({"actors.NTH.rationality=0", "actors.STH.rationality=0"});
  auto w = talks_day(sc);
  for (int n = 0; n < 200; ++n) {
    run_phase(*w, "choose_actions");
    EXPECT_NE(w->strategic.chosen(kNorth, kSouth), action_index(Action::kCeasefire));
  }
  w->diplomacy.last_conflict_day(kNorth, kSouth) = w->day - 1;
  w->diplomacy.last_conflict_day(kSouth, kNorth) = w->day - 1;
  int offers = 0;
  for (int n = 0; n < 200; ++n) {
    run_phase(*w, "choose_actions");
    offers += w->strategic.chosen(kNorth, kSouth) == action_index(Action::kCeasefire);
  }
  EXPECT_GT(offers, 0);  // uniform choice over the feasible actions
}

TEST(Mediators, LeaveALineCalmForDisengageDaysUnlessACeasefireNeedsThem) {
  const Scenario sc = layer2_with({"actors.MED.disengage_days=30"});
  for (const bool ceasefire : {false, true}) {
    for (const int calm : {29, 30}) {
      auto w = talks_day(sc);
      const std::size_t key = w->dyad.of_actor(sc.actor_index("MED"), kNorth, kSouth);
      w->diplomacy.mediator_active[key] =
          w->diplomacy.mediator_active[w->dyad.of_actor(sc.actor_index("MED"), kSouth, kNorth)] = 1;
      w->diplomacy.last_hot_day[key] = w->day - calm;
      w->diplomacy.ceasefire[w->dyad(kNorth, kSouth)] = ceasefire;
      w->diplomacy.ceasefire[w->dyad(kSouth, kNorth)] = ceasefire;
      run_phase(*w, "update_diplomacy");
      EXPECT_EQ(w->diplomacy.mediator_active[key] != 0, ceasefire || calm < 30)
          << "ceasefire " << ceasefire << ", calm " << calm;
    }
  }
}

TEST(Mediators, AStateThatRejectsMediationNeverJoinsARound) {
  // Rounds every day, joining certain for a state that accepts mediation.
  const Scenario sc = layer2_with({"actors.NTH.accepts_mediation=false", "talks.join_base=10",
                                   "actors.MED.round_interval_days=1"});
  auto w = talks_day(sc);
  const std::size_t key = w->dyad.of_actor(sc.actor_index("MED"), kNorth, kSouth);
  w->diplomacy.mediator_active[key] =
      w->diplomacy.mediator_active[w->dyad.of_actor(sc.actor_index("MED"), kSouth, kNorth)] = 1;
  w->diplomacy.last_hot_day[key] = w->day;
  for (int n = 0; n < 20; ++n) {
    run_phase(*w, "update_diplomacy");
    ++w->day;
  }
  EXPECT_EQ(count_code(*w, "046"), 0);
  EXPECT_EQ(w->diplomacy.ceasefire[w->dyad(kNorth, kSouth)], 0);
  // Nor can it negotiate through the mediator; its adversary can.
  const Scenario uniform = layer2_with({"actors.NTH.accepts_mediation=false",
                                        "actors.NTH.rationality=0", "actors.STH.rationality=0"});
  auto v = talks_day(uniform);
  v->diplomacy.mediator_active[key] =
      v->diplomacy.mediator_active[v->dyad.of_actor(sc.actor_index("MED"), kSouth, kNorth)] = 1;
  int north = 0, south = 0;
  for (int n = 0; n < 300; ++n) {
    run_phase(*v, "choose_actions");
    north += v->strategic.chosen(kNorth, kSouth) == action_index(Action::kNegotiate);
    south += v->strategic.chosen(kSouth, kNorth) == action_index(Action::kNegotiate);
  }
  EXPECT_EQ(north, 0);
  EXPECT_GT(south, 0);
}

TEST(MilitaryChannel, TheMilitariesTalkWhileInArmedConflictAndCanAgreeACeasefire) {
  // Calls are certain to be taken (join_base 10) and agree at once (agree_base 1).
  const Scenario sc = layer2_with(
      {"relations[0].military_channel=true", "talks.join_base=10", "talks.agree_base=1"});
  auto quiet = talks_day(sc);
  run_phase(*quiet, "update_diplomacy");
  EXPECT_EQ(count_code(*quiet, "041"), 0) << "no call while not in armed conflict";
  auto w = talks_day(sc);
  w->diplomacy.last_conflict_day(kNorth, kSouth) = w->diplomacy.last_conflict_day(kSouth, kNorth) =
      w->day - 1;
  const double before = w->diplomacy.uncertainty(kNorth, kSouth);
  run_phase(*w, "update_diplomacy");
  EXPECT_EQ(count_code(*w, "041"), 2);   // one each way
  EXPECT_EQ(count_code(*w, "0871"), 2);  // the ceasefire agreed over it
  EXPECT_EQ(w->diplomacy.ceasefire[w->dyad(kNorth, kSouth)], 1);
  EXPECT_EQ(w->diplomacy.monitored[w->dyad(kNorth, kSouth)], 0);
  EXPECT_NEAR(w->diplomacy.uncertainty(kNorth, kSouth), before * (1 - sc.talks.info_gain), 1e-12);
  // A state that rejects mediation can still negotiate over the channel.
  const Scenario rejecting =
      layer2_with({"relations[0].military_channel=true", "actors.NTH.accepts_mediation=false",
                   "actors.NTH.rationality=0"});
  auto v = talks_day(rejecting);
  auto negotiations = [&] {
    int n = 0;
    for (int k = 0; k < 300; ++k) {
      run_phase(*v, "choose_actions");
      n += v->strategic.chosen(kNorth, kSouth) == action_index(Action::kNegotiate);
    }
    return n;
  };
  EXPECT_EQ(negotiations(), 0) << "the channel carries talks only while the pair fights";
  v->diplomacy.last_conflict_day(kNorth, kSouth) = v->diplomacy.last_conflict_day(kSouth, kNorth) =
      v->day;
  EXPECT_GT(negotiations(), 0);
}

// --- Outputs -----------------------------------------------------------------------------------

TEST(RepertoireOutputs, FireExchangesFirstStrikeAndTheCeasefireAfterIt) {
  const Scenario sc = layer2_with({"operations.fire_sectors=2"});
  auto w = day_zero(sc);
  w->day = 3;
  w->strategic.chosen(kNorth, kSouth) = action_index(Action::kExchangeFire);
  w->strategic.chosen(kSouth, kNorth) = action_index(Action::kStrikeMilitary);
  run_phase(*w, "carry_out_actions");
  EXPECT_EQ(w->result.fire_exchanges[kNorth], 2);  // two sectors, one day
  EXPECT_EQ(w->result.fire_exchanges[kSouth], 0);
  EXPECT_EQ(w->result.first_strike_day, 3);
  // A ceasefire in force from day 7: the first after the strike.
  std::fill(w->result.ceasefire.begin(), w->result.ceasefire.end(), 0);
  w->result.ceasefire[1] = 1;  // before the strike: not counted
  w->result.ceasefire[7] = 1;
  finish_run(*w);
  EXPECT_EQ(w->result.first_ceasefire_after_strike_day, 7);
}

}  // namespace
}  // namespace flashpoint
