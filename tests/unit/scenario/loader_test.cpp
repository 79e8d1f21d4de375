// The loader on tests/data/minimal.yaml and small inline scenarios: values, defaults from the
// parameter table, references resolved to indices, relations, dates, resolved parameters.
#include "scenario/loader.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "scenario/params.hpp"

namespace flashpoint {
namespace {

const std::string kMinimal = std::string(FLASHPOINT_TEST_DATA_DIR) + "/minimal.yaml";

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

double table_default(std::string_view section, std::string_view key) {
  const ParamSpec* p = find_param(section, key);
  EXPECT_NE(p, nullptr) << section << "." << key;
  return p == nullptr ? -1 : p->default_value;
}

// The 1-based line of the first line of `text` that starts with `prefix`.
int line_of(const std::string& text, std::string_view prefix) {
  std::istringstream in(text);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.rfind(prefix, 0) == 0) return n;
  }
  return -1;
}

const std::string* resolved_value(const Scenario& sc, std::string_view path) {
  for (const auto& [k, v] : sc.resolved) {
    if (k == path) return &v;
  }
  return nullptr;
}

// Three states; only one relation given.
constexpr std::string_view kThreeStates = R"(schema_version: 1
name: three
start_date: 2025-01-01
days: 10
actors:
  - {id: A, type: state}
  - {id: B, type: state}
  - {id: C, type: state}
relations:
  - {from: C, to: A, reaction: 0.5}
)";

TEST(LoadScenario, ReadsTopLevelFields) {
  Scenario sc = load_scenario(kMinimal);
  EXPECT_EQ(sc.schema_version, 1);
  EXPECT_EQ(sc.name, "minimal");
  EXPECT_EQ(sc.description,
            "Two invented states, North and South, with one armed group and one mediator.");
  EXPECT_EQ(sc.start_date, *Date::parse("2025-03-01"));
  EXPECT_EQ(sc.days, 60);
  EXPECT_EQ(sc.seed, 42u);
  EXPECT_EQ(sc.free_from_day, 10);
  EXPECT_EQ(sc.source_path, kMinimal);
  EXPECT_EQ(sc.source_text, read_text(kMinimal));
}

TEST(LoadScenario, ActorsKeepFileOrderTypesAndNames) {
  Scenario sc = load_scenario(kMinimal);
  ASSERT_EQ(sc.actors.size(), 4u);
  EXPECT_EQ(sc.actors[0].id, "NTH");
  EXPECT_EQ(sc.actors[0].name, "North");
  EXPECT_EQ(sc.actors[0].type, ActorType::kState);
  EXPECT_EQ(sc.actors[1].id, "STH");
  EXPECT_EQ(sc.actors[1].type, ActorType::kState);
  EXPECT_EQ(sc.actors[2].id, "FRONT");
  EXPECT_EQ(sc.actors[2].name, "FRONT");  // name defaults to the id
  EXPECT_EQ(sc.actors[2].type, ActorType::kArmedGroup);
  EXPECT_EQ(sc.actors[3].type, ActorType::kMediator);
  EXPECT_EQ(sc.states(), (std::vector<int>{0, 1}));
}

TEST(LoadScenario, GivenValuesAreKept) {
  Scenario sc = load_scenario(kMinimal);
  EXPECT_DOUBLE_EQ(sc.actors[0].state.capability, 0.7);
  EXPECT_TRUE(sc.actors[0].state.hosts_refugees);
  EXPECT_TRUE(sc.actors[0].state.doctrines.at(0).enabled);
  EXPECT_DOUBLE_EQ(sc.actors[0].state.doctrines.at(0).fatality_threshold, 12);
  EXPECT_EQ(sc.actors[0].state.doctrines.at(0).lag_probabilities, (std::vector<double>{0.5, 0.5}));
  EXPECT_DOUBLE_EQ(sc.actors[1].state.resolve, 0.6);
  EXPECT_DOUBLE_EQ(sc.actors[2].armed_group.fighters, 3000);
  EXPECT_DOUBLE_EQ(sc.actors[3].mediator.credibility, 0.7);
  EXPECT_EQ(sc.actors[3].mediator.activation_level, 5);
  EXPECT_DOUBLE_EQ(sc.strategic.hostility_event_scale, 0.05);
  EXPECT_EQ(sc.strategic.max_step, 3);
  EXPECT_DOUBLE_EQ(sc.strategic.w_coercion, 1.5);
  EXPECT_DOUBLE_EQ(sc.operations.fire_effectiveness, 0.04);
  EXPECT_FALSE(sc.operations.reopen_requires_ceasefire);
  EXPECT_DOUBLE_EQ(sc.districts[0].attack_rate_per_day, 0.2);
  EXPECT_DOUBLE_EQ(sc.sectors[1].length_km, 120);
  EXPECT_DOUBLE_EQ(sc.crossings[0].people_per_day, 5000);
  EXPECT_DOUBLE_EQ(sc.attack_types[0].share, 0.6);
}

TEST(LoadScenario, DefaultsComeFromTheParameterTable) {
  Scenario sc = load_scenario(kMinimal);
  const StateParams& south = sc.actors[1].state;
  EXPECT_DOUBLE_EQ(south.capability, table_default("state", "capability"));
  EXPECT_DOUBLE_EQ(south.rationality, table_default("state", "rationality"));
  EXPECT_DOUBLE_EQ(south.hostility_fatigue, table_default("state", "hostility_fatigue"));
  EXPECT_FALSE(south.hosts_refugees);
  EXPECT_EQ(south.doctrines.at(0).rung, static_cast<int>(table_default("doctrine", "rung")));
  EXPECT_EQ(south.doctrines.at(0).lag_probabilities, (std::vector<double>{0.3, 0.5, 0.2}));
  EXPECT_EQ(sc.actors[0].state.doctrines.at(0).window_days,
            static_cast<int>(table_default("doctrine", "window_days")));
  EXPECT_DOUBLE_EQ(sc.actors[2].armed_group.sanctuary_tolerance,
                   table_default("armed_group", "sanctuary_tolerance"));
  EXPECT_EQ(sc.strategic.level_window_days,
            static_cast<int>(table_default("strategic", "level_window_days")));
  EXPECT_DOUBLE_EQ(sc.strategic.w_reciprocity, table_default("utility", "reciprocity"));
  EXPECT_DOUBLE_EQ(sc.operations.lethality, table_default("operations", "lethality"));
  EXPECT_EQ(sc.operations.assault_sectors,
            static_cast<int>(table_default("operations", "assault_sectors")));
  EXPECT_DOUBLE_EQ(sc.districts[1].population, table_default("district", "population"));
  EXPECT_DOUBLE_EQ(sc.sectors[0].posts[1].garrison, table_default("posts", "garrison"));
  EXPECT_DOUBLE_EQ(sc.sectors[0].posts[1].fortification, table_default("posts", "fortification"));
  EXPECT_DOUBLE_EQ(sc.attack_types[1].civilians_mean,
                   table_default("attack_type", "civilians_mean"));
  EXPECT_DOUBLE_EQ(sc.relations[0].grievance, table_default("relation", "grievance"));
}

TEST(LoadScenario, ReferencesResolveToIndices) {
  Scenario sc = load_scenario(kMinimal);
  EXPECT_EQ(sc.actors[2].armed_group.host, 1);
  ASSERT_EQ(sc.districts.size(), 3u);
  EXPECT_EQ(sc.districts[0].state, 0);
  EXPECT_EQ(sc.districts[0].attack_group, 2);
  EXPECT_EQ(sc.districts[1].name, "valley");
  EXPECT_EQ(sc.districts[1].attack_group, -1);
  EXPECT_EQ(sc.districts[2].state, 1);
  ASSERT_EQ(sc.sectors.size(), 2u);
  ASSERT_EQ(sc.sectors[0].sides.size(), 2u);
  EXPECT_EQ(sc.sectors[0].sides[0].state, 0);
  EXPECT_EQ(sc.sectors[0].sides[0].district, 0);
  EXPECT_EQ(sc.sectors[0].sides[1].state, 1);
  EXPECT_EQ(sc.sectors[0].sides[1].district, 2);
  EXPECT_EQ(sc.sectors[1].sides[0].district, 1);
  ASSERT_EQ(sc.sectors[0].posts.size(), 2u);
  EXPECT_EQ(sc.sectors[0].posts[0].side, 0);
  EXPECT_EQ(sc.sectors[0].posts[0].count, 5);
  EXPECT_EQ(sc.sectors[0].posts[1].side, 1);
  EXPECT_EQ(sc.sectors[1].posts[0].side, 1);
  ASSERT_EQ(sc.crossings.size(), 1u);
  EXPECT_EQ(sc.crossings[0].sector, 0);
  EXPECT_EQ(sc.crossings[0].exports_usd_per_day, (std::vector<double>{1.0e6, 0.4e6, 0, 0}));
  EXPECT_EQ(sc.actors[3].mediator.leverage, (std::vector<double>{0.2, 0.4, 0, 0}));
}

TEST(LoadScenario, RelationsCoverEveryOrderedPairOfStates) {
  Scenario sc = load_scenario(kMinimal);
  ASSERT_EQ(sc.relations.size(), 2u);
  EXPECT_EQ(sc.relations[0].from, 0);
  EXPECT_EQ(sc.relations[0].to, 1);
  EXPECT_DOUBLE_EQ(sc.relations[0].initial_hostility, 3.0);
  EXPECT_DOUBLE_EQ(sc.relations[0].reaction, 0.03);
  EXPECT_EQ(sc.relations[1].from, 1);
  EXPECT_EQ(sc.relations[1].to, 0);
  EXPECT_DOUBLE_EQ(sc.relations[1].initial_hostility,
                   table_default("relation", "initial_hostility"));
  EXPECT_DOUBLE_EQ(sc.relations[1].reaction, table_default("relation", "reaction"));
}

TEST(LoadScenario, MissingRelationsFollowTheGivenOnesInActorOrder) {
  Scenario sc = load_scenario_text(kThreeStates, "three.yaml");
  std::vector<std::pair<int, int>> pairs;
  for (const auto& r : sc.relations) pairs.emplace_back(r.from, r.to);
  EXPECT_EQ(pairs,
            (std::vector<std::pair<int, int>>{{2, 0}, {0, 1}, {0, 2}, {1, 0}, {1, 2}, {2, 1}}));
  EXPECT_DOUBLE_EQ(sc.relations[0].reaction, 0.5);
  EXPECT_DOUBLE_EQ(sc.relations[3].reaction, table_default("relation", "reaction"));
}

TEST(LoadScenario, ScriptedEventsResolveDaysAndReferences) {
  Scenario sc = load_scenario(kMinimal);
  std::string text = read_text(kMinimal);
  ASSERT_EQ(sc.events.size(), 2u);
  const ScriptedEvent& attack = sc.events[0];
  EXPECT_EQ(attack.day, 4);  // 2025-03-05
  EXPECT_EQ(attack.actor, 2);
  EXPECT_TRUE(attack.is_attack);
  EXPECT_EQ(attack.district, 0);
  EXPECT_EQ(attack.attack_type, 1);
  EXPECT_EQ(attack.target, -1);
  EXPECT_EQ(attack.fatalities, (std::array<double, 3>{11, 2, 0}));
  EXPECT_EQ(attack.source_line, line_of(text, "  - date: 2025-03-05"));
  const ScriptedEvent& strike = sc.events[1];
  EXPECT_EQ(strike.day, 9);
  EXPECT_EQ(strike.actor, 0);
  EXPECT_EQ(strike.target, 1);
  EXPECT_EQ(strike.action, Action::kStrikeSanctuary);
  EXPECT_FALSE(strike.is_attack);
  EXPECT_EQ(strike.fatalities, (std::array<double, 3>{-1, -1, -1}));
  EXPECT_EQ(strike.source_line, line_of(text, "  - day: 9"));
}

TEST(LoadScenario, PoliciesReadStartAndLevers) {
  Scenario sc = load_scenario(kMinimal);
  ASSERT_EQ(sc.policies.size(), 2u);
  const Policy& closure = sc.policies[0];
  EXPECT_EQ(closure.name, "close_on_clash");
  EXPECT_EQ(closure.type, PolicyType::kBorderClosure);
  EXPECT_EQ(closure.actor, 0);
  EXPECT_EQ(closure.start.escalation_at_least, 7);
  EXPECT_EQ(closure.start.day, 0);
  EXPECT_EQ(closure.closure_min_days, 30);
  EXPECT_FALSE(closure.doctrine.has_value());
  const Policy& off = sc.policies[1];
  EXPECT_EQ(off.type, PolicyType::kRetaliationDoctrine);
  EXPECT_EQ(off.start.day, 31);  // 2025-04-01
  EXPECT_EQ(off.start.escalation_at_least, -100);
  ASSERT_TRUE(off.doctrine.has_value());
  EXPECT_FALSE(off.doctrine->at(0).enabled);
  EXPECT_DOUBLE_EQ(off.doctrine->at(0).fatality_threshold,
                   table_default("doctrine", "fatality_threshold"));
}

TEST(LoadScenario, LadderAdjustsNamedActionsOnly) {
  Scenario sc = load_scenario(kMinimal);
  for (Action a : all_actions()) {
    const LadderEntry& e = sc.ladder[static_cast<std::size_t>(action_index(a))];
    EXPECT_EQ(e.enabled, a != Action::kDeepStrike) << action_name(a);
    EXPECT_DOUBLE_EQ(e.bias, a == Action::kCloseCrossings ? 0.1 : 0.0) << action_name(a);
  }
}

TEST(LoadScenario, FreeFromDefaultsToTheStart) {
  Scenario sc = load_scenario_text(kThreeStates, "three.yaml");
  EXPECT_EQ(sc.free_from_day, 0);
  ASSERT_NE(resolved_value(sc, "free_from"), nullptr);
  EXPECT_EQ(*resolved_value(sc, "free_from"), "2025-01-01");
  EXPECT_EQ(sc.seed, static_cast<std::uint64_t>(table_default("scenario", "seed")));
}

TEST(LoadScenario, ResolvedHoldsGivenAndDefaultedValues) {
  Scenario sc = load_scenario(kMinimal);
  auto number = [](std::string_view section, std::string_view key) {
    return fmt::format("{}", table_default(section, key));
  };
  auto expect = [&](std::string_view path, std::string_view value) {
    const std::string* v = resolved_value(sc, path);
    ASSERT_NE(v, nullptr) << path;
    EXPECT_EQ(*v, value) << path;
  };
  expect("days", "60");
  expect("seed", "42");
  expect("start_date", "2025-03-01");
  expect("free_from", "2025-03-11");
  expect("actors.NTH.capability", "0.7");
  expect("actors.STH.capability", number("state", "capability"));
  expect("actors.STH.hosts_refugees", "false");
  expect("actors.STH.doctrine.lag_probabilities", "[0.3, 0.5, 0.2]");  // default_text
  expect("actors.MED.leverage.STH", "0.4");
  expect("relations[1].from", "STH");
  expect("relations[1].reaction", number("relation", "reaction"));
  expect("sectors.pass.posts[1].garrison", number("posts", "garrison"));
  expect("crossings.gate.exports_usd_per_day.NTH", "1000000");
  expect("ladder.offensive.enabled", "true");
  expect("events[0].fatalities.militants", "0");
  expect("policies.doctrine_off.start.day", "31");
  expect("policies.close_on_clash.min_days", "30");
  expect("operations.reopen_rate", number("operations", "reopen_rate"));
}

TEST(LoadScenario, ResolvedFollowsTheFileOrderOfSections) {
  Scenario sc = load_scenario(kMinimal);
  auto first = [&](std::string_view prefix) {
    for (std::size_t i = 0; i < sc.resolved.size(); ++i) {
      if (sc.resolved[i].first.rfind(prefix, 0) == 0) return static_cast<int>(i);
    }
    return -1;
  };
  std::vector<int> order = {first("start_date"), first("days"),        first("strategic."),
                            first("utility."),   first("operations."), first("ladder."),
                            first("actors."),    first("relations["),  first("districts."),
                            first("sectors."),   first("crossings."),  first("attack_types."),
                            first("events["),    first("policies.")};
  EXPECT_EQ(std::count(order.begin(), order.end(), -1), 0);
  EXPECT_TRUE(std::is_sorted(order.begin(), order.end()));
}

TEST(LoadScenario, EveryTableRowAppearsInResolved) {
  // minimal.yaml has no layer-2 items (cells, refugees, layer-2 policies): layer2.yaml has them.
  Scenario sc = load_scenario(kMinimal);
  Scenario layer2 = load_scenario(std::string(FLASHPOINT_TEST_DATA_DIR) + "/layer2.yaml");
  std::vector<std::pair<std::string, std::string>> resolved = sc.resolved;
  resolved.insert(resolved.end(), layer2.resolved.begin(), layer2.resolved.end());
  for (const auto& p : parameter_table()) {
    std::string suffix(".");
    suffix.append(p.key);  // not "." + std::string(...): GCC 12 warns falsely (-Wrestrict)
    bool found = std::any_of(resolved.begin(), resolved.end(), [&](const auto& kv) {
      const std::string& k = kv.first;
      if (p.section == "scenario") return k == p.key;
      if (p.section == "mediator" && p.key == "leverage") return k.find(".leverage.") != k.npos;
      if (p.section == "crossing" && p.key == "exports_usd_per_day")
        return k.find(".exports_usd_per_day.") != k.npos;
      return k.size() > suffix.size() &&
             k.compare(k.size() - suffix.size(), suffix.size(), suffix) == 0;
    });
    EXPECT_TRUE(found) << p.section << "." << p.key;
  }
}

TEST(LoadScenario, ReportsEveryProblemNotJustTheFirst) {
  constexpr std::string_view kText = R"(schema_version: 1
name: many
start_date: 2025-01-01
days: 10
actors:
  - {id: A, type: state, capability: 2}
  - {id: B, type: state, rationality: x}
  - {id: G, type: armed_group}
)";
  try {
    (void)load_scenario_text(kText, "many.yaml");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    std::vector<std::string> lines;
    for (const auto& p : e.problems()) lines.push_back(p.format());
    EXPECT_EQ(lines, (std::vector<std::string>{
                         "many.yaml:6:38: actors.A.capability: 2 is outside the valid range 0 to 1",
                         "many.yaml:7:39: actors.B.rationality: expected a number, got 'x'",
                         "many.yaml:8:5: actors.G.host: missing required key 'host'",
                     }));
  }
}

TEST(LoadScenario, MissingFileIsOneProblemWithoutLine) {
  const std::string path = std::string(FLASHPOINT_TEST_DATA_DIR) + "/no_such_file.yaml";
  try {
    (void)load_scenario(path);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(e.problems()[0].format(), path + ": cannot read file: No such file or directory");
  }
}

TEST(LoadScenario, DuplicateIdNamesTheFirstLine) {
  constexpr std::string_view kText = R"(schema_version: 1
name: dup
start_date: 2025-01-01
days: 10
actors:
  - {id: A, type: state}
  - {id: B, type: state}
districts:
  - {id: d1, state: A, lat: 1, lon: 2}
  - {id: d1, state: B, lat: 1, lon: 2}
)";
  try {
    (void)load_scenario_text(kText, "dup.yaml");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(
        e.problems()[0].format(),
        "dup.yaml:10:10: districts.d1.id: duplicate district id 'd1' (first defined on line 9)");
  }
}

TEST(LoadScenario, UnknownKeyFarFromAnyListsTheValidKeys) {
  constexpr std::string_view kText = R"(schema_version: 1
name: k
start_date: 2025-01-01
days: 10
strategic: {zzzzzz: 1}
actors:
  - {id: A, type: state}
  - {id: B, type: state}
)";
  try {
    (void)load_scenario_text(kText, "k.yaml");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(e.problems()[0].key, "strategic.zzzzzz");
    EXPECT_EQ(
        e.problems()[0].message.rfind("unknown key 'zzzzzz'; valid keys here: "
                                      "hostility_event_scale, cooperation_scale, level_window_days",
                                      0),
        0u)
        << e.problems()[0].message;
  }
}

}  // namespace
}  // namespace flashpoint
