// Policies that start on an attack or on a closure (docs/scenarios.md, "policies").
#include <gtest/gtest.h>

#include "model/simulation.hpp"
#include "scenario/loader.hpp"

namespace flashpoint {
namespace {

// Two states; a scripted 12-death attack on NTH on day 5 and a scripted closure by STH on day 8.
// A doctrine-off policy keyed to the attack and a closure-keyed border closure by NTH show when
// each trigger fires through the events they cause.
constexpr std::string_view kYaml = R"(schema_version: 1
name: triggers
start_date: 2025-01-01
days: 20
free_from: 2025-01-19
actors:
  - {id: NTH, type: state}
  - {id: STH, type: state}
  - {id: GRP, type: armed_group, host: STH, target: NTH, fighters: 100}
districts:
  - {id: n1, state: NTH, lat: 1, lon: 1}
  - {id: s1, state: STH, lat: 1, lon: 2}
sectors:
  - {id: line, length_km: 10, lat: 1, lon: 1.5, districts: {NTH: n1, STH: s1}}
crossings:
  - {id: gate, sector: line, exports_usd_per_day: {NTH: 100, STH: 100}}
events:
  - {day: 5, actor: GRP, action: attack, district: n1, fatalities: {forces: 12}}
  - {day: 8, actor: STH, action: close_crossings, target: NTH}
policies:
  - {name: seal, type: border_closure, actor: NTH, start: {attack_deaths_at_least: 10}}
  - {name: answer, type: border_closure, actor: STH, start: {closure: true}}
)";

int first_day_of(const RunResult& r, int actor, std::string_view cameo) {
  for (const auto& e : r.events) {
    if (e.actor == actor && e.cameo == cameo) return e.day;
  }
  return -1;
}

TEST(PolicyTriggers, AttackTriggerStartsTheDayAfterTheAttack) {
  const Scenario sc = load_scenario_text(kYaml, "triggers.yaml");
  const RunResult r = simulate(sc, RunPlan{0, 1, 0});
  // NTH's closure policy fires on the day after the 12-death attack of day 5.
  EXPECT_EQ(first_day_of(r, sc.actor_index("NTH"), "191"), 6);
}

TEST(PolicyTriggers, ClosureTriggerWaitsForAClosure) {
  std::string yaml(kYaml);
  // Without the attack trigger's closure on day 6, STH's own closure on day 8 would be the first;
  // drop the attack so that only STH's scripted closure can set off the `closure` trigger.
  yaml.replace(
      yaml.find("{day: 5, actor: GRP"),
      std::string("{day: 5, actor: GRP, action: attack, district: n1, fatalities: {forces: 12}}")
          .size(),
      "{day: 5, actor: GRP, action: attack, district: n1, fatalities: {forces: 2}}");
  const Scenario sc = load_scenario_text(yaml, "triggers.yaml");
  const RunResult r = simulate(sc, RunPlan{0, 1, 0});
  EXPECT_EQ(first_day_of(r, sc.actor_index("NTH"), "191"), -1) << "2 deaths must not trigger";
  // STH closes by script on day 8 (its chosen action, CAMEO 191 or 163); the policy of STH keyed
  // to a closure then starts on day 9 and emits its own 191.
  int policy_closure = -1;
  for (const auto& e : r.events) {
    if (e.actor == sc.actor_index("STH") && e.cameo == "191" && e.day > 8) policy_closure = e.day;
  }
  EXPECT_EQ(policy_closure, 9);
}

// Every policy start reaches the results: its name and day, in the order they started, once each.
TEST(PolicyTriggers, EachStartIsRecordedOnceWithItsDay) {
  const Scenario sc = load_scenario_text(kYaml, "triggers.yaml");
  const RunResult r = simulate(sc, RunPlan{0, 1, 0});
  ASSERT_EQ(r.policy_starts.size(), 2U);
  EXPECT_EQ(r.policy_starts[0].policy, "seal");
  EXPECT_EQ(r.policy_starts[0].day, 6);
  // NTH's closure on day 6 closes the shared crossing: STH's closure-keyed policy starts the day
  // after.
  EXPECT_EQ(r.policy_starts[1].policy, "answer");
  EXPECT_EQ(r.policy_starts[1].day, 7);
}

}  // namespace
}  // namespace flashpoint
