// The observed record against the runs (experiment/record.hpp): matching recorded events to the
// runs' actions within a window, the first action's offset, and where an observed figure falls
// among the runs, computed by hand on runs built here.
#include "experiment/record.hpp"

#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "model/phases.hpp"
#include "model/simulation.hpp"
#include "model/world.hpp"
#include "scenario/loader.hpp"

namespace flashpoint {
namespace {

const std::string kMinimal = std::string(FLASHPOINT_TEST_DATA_DIR) + "/minimal.yaml";

Scenario with_record(const std::string& record) {
  const std::vector<Override> o = {parse_override("record=" + record)};
  return load_scenario(kMinimal, o);
}

EventRecord action(int day, int actor, int target, Action a) {
  EventRecord e;
  e.day = day;
  e.actor = actor;
  e.target = target;
  e.action = static_cast<std::int8_t>(action_index(a));
  return e;
}

TEST(Record, AnEventMatchesTheSameActionOfTheSameActorWithinItsWindow) {
  // NTH (actor 0) strikes STH (actor 1) on day 20 in the record, within 2 days.
  const Scenario sc =
      with_record("[{day: 20, actor: NTH, target: STH, action: strike_sanctuary, within_days: 2}]");
  const int nth = sc.actor_index("NTH"), sth = sc.actor_index("STH");
  RecordScorer scorer(sc, results_layout(sc));
  // Four runs: on day 22 (matched, +2), on day 17 then 21 (matched; first at -3), on day 25 only
  // (not matched, +5), and a strike by STH on day 20 (not NTH's: no action at all).
  RunResult a, b, c, d;
  a.events = {action(22, nth, sth, Action::kStrikeSanctuary)};
  b.events = {action(17, nth, sth, Action::kStrikeSanctuary),
              action(21, nth, sth, Action::kStrikeSanctuary)};
  c.events = {action(25, nth, sth, Action::kStrikeSanctuary)};
  d.events = {action(20, sth, nth, Action::kStrikeSanctuary),
              action(20, nth, sth, Action::kThreaten)};
  for (const RunResult* r : {&a, &b, &c, &d}) scorer.add(*r);
  const auto scores = scorer.finish();
  ASSERT_EQ(scores.size(), 1U);
  const RecordScore& s = scores[0];
  EXPECT_TRUE(s.event);
  EXPECT_EQ(s.runs, 4);
  EXPECT_DOUBLE_EQ(s.matched, 0.5);      // a and b
  EXPECT_DOUBLE_EQ(s.occurred, 0.75);    // a, b and c
  EXPECT_DOUBLE_EQ(s.offset_median, 2);  // first actions at +2, -3, +5
  EXPECT_EQ(s.rung, rung(Action::kStrikeSanctuary));
  EXPECT_NE(s.label.find("NTH strike_sanctuary -> STH"), std::string::npos);
  EXPECT_FALSE(s.replayed);  // day 20 is after minimal's free_from (day 10)
  const std::string table = format_record_table(scores);
  EXPECT_NE(table.find("50%"), std::string::npos);
  EXPECT_NE(table.find("75%"), std::string::npos);
}

TEST(Record, AnItemTheRunsDecideCountsOnlyTheirOwnActionsFromFreeFrom) {
  // minimal's free_from is day 10. The record: NTH de-escalates on day 12 (the runs decide) and
  // on day 4 (replayed). Run a: a scripted de-escalation on day 9, its own on day 15; run b: the
  // scripted one only; run c: its own on day 11.
  const Scenario sc = with_record(
      "[{day: 12, actor: NTH, target: STH, action: deescalate, within_days: 3},"
      " {day: 4, actor: NTH, target: STH, action: deescalate, within_days: 5}]");
  ASSERT_EQ(sc.free_from_day, 10);
  const int nth = sc.actor_index("NTH"), sth = sc.actor_index("STH");
  RecordScorer scorer(sc, results_layout(sc));
  RunResult a, b, c;
  a.events = {action(9, nth, sth, Action::kDeescalate), action(15, nth, sth, Action::kDeescalate)};
  b.events = {action(9, nth, sth, Action::kDeescalate)};
  c.events = {action(11, nth, sth, Action::kDeescalate)};
  for (const RunResult* r : {&a, &b, &c}) scorer.add(*r);
  const auto scores = scorer.finish();
  ASSERT_EQ(scores.size(), 2U);
  // Day 12: a's own comes at +3 (its day-9 script would have been -3, and matched), b has none,
  // c's at -1.
  EXPECT_FALSE(scores[0].replayed);
  EXPECT_DOUBLE_EQ(scores[0].occurred, 2.0 / 3);
  EXPECT_DOUBLE_EQ(scores[0].matched, 2.0 / 3);  // a (+3) and c (-1), not b
  EXPECT_DOUBLE_EQ(scores[0].offset_median, 1);  // +3 and -1
  // Day 4, replayed: every action counts, the script's too (a and b at +5 match; c's +7 does not).
  EXPECT_TRUE(scores[1].replayed);
  EXPECT_DOUBLE_EQ(scores[1].occurred, 1);
  EXPECT_DOUBLE_EQ(scores[1].matched, 2.0 / 3);
  EXPECT_DOUBLE_EQ(scores[1].offset_median, 5);  // +5, +5, +7
}

TEST(Record, AFigureIsPlacedAmongTheRunsTiesCountingHalf) {
  const Scenario sc = with_record("[{day: 50, outcome: attacks, value: 3, note: observed}]");
  RecordScorer scorer(sc, results_layout(sc));
  World w(sc, 1);
  prepare_result(w);  // every per-run outcome sized as the scenario's layout says
  for (int attacks : {1, 2, 3, 3, 9}) {
    RunResult r = w.result;
    r.attacks = attacks;
    scorer.add(r);
  }
  const auto scores = scorer.finish();
  ASSERT_EQ(scores.size(), 1U);
  const RecordScore& s = scores[0];
  EXPECT_FALSE(s.event);
  EXPECT_EQ(s.runs, 5);
  EXPECT_DOUBLE_EQ(s.observed, 3);
  EXPECT_DOUBLE_EQ(s.median, 3);
  // Below 3: two runs; equal: two, counting half: (2 + 1) / 5 = 60%.
  EXPECT_DOUBLE_EQ(s.percentile, 60);
  const TableGroup g = record_group(scores);
  EXPECT_EQ(g.name, "record");
  ASSERT_EQ(g.coordinates.size(), 1U);
  EXPECT_EQ(g.coordinates[0].labels[0], "attacks (observed)");
}

TEST(Record, AnUnknownOutcomeIsAnInputErrorWithItsPlace) {
  const Scenario sc = with_record("[{day: 5, outcome: attack, value: 3}]");
  try {
    check_record(sc);
    FAIL() << "an unknown outcome was accepted";
  } catch (const InputError& e) {
    ASSERT_EQ(e.problems().size(), 1U);
    EXPECT_EQ(e.problems()[0].key, "record[0].outcome");
    EXPECT_NE(e.problems()[0].message.find("did you mean 'attacks'"), std::string::npos);
  }
  EXPECT_NO_THROW(check_record(with_record("[{day: 5, outcome: attacks, value: 3}]")));
}

}  // namespace
}  // namespace flashpoint
