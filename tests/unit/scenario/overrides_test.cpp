// `--set path=value` overrides: parsing, walking by id and index, and problems naming the
// override instead of a file position.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "scenario/loader.hpp"
#include "scenario/params.hpp"

namespace flashpoint {
namespace {

const std::string kMinimal = std::string(FLASHPOINT_TEST_DATA_DIR) + "/minimal.yaml";

Scenario load_with(std::initializer_list<std::string_view> sets) {
  std::vector<Override> overrides;
  for (auto s : sets) overrides.push_back(parse_override(s));
  return load_scenario(kMinimal, overrides);
}

// The problems of loading minimal.yaml with `sets`, formatted; empty when it loads.
std::vector<std::string> problems_with(std::initializer_list<std::string_view> sets) {
  try {
    (void)load_with(sets);
  } catch (const InputError& e) {
    std::vector<std::string> out;
    for (const auto& p : e.problems()) out.push_back(p.format());
    return out;
  }
  return {};
}

const std::string* resolved_value(const Scenario& sc, std::string_view path) {
  for (const auto& [k, v] : sc.resolved) {
    if (k == path) return &v;
  }
  return nullptr;
}

TEST(ParseOverride, SplitsAtTheFirstEquals) {
  Override o = parse_override("description=a=b");
  EXPECT_EQ(o.path, "description");
  EXPECT_EQ(o.value, "a=b");
  EXPECT_EQ(o.text, "description=a=b");
}

TEST(ParseOverride, EmptyValueIsAllowed) {
  Override o = parse_override("description=");
  EXPECT_EQ(o.path, "description");
  EXPECT_EQ(o.value, "");
}

TEST(ParseOverride, WithoutEqualsIsAnInputErrorNamingTheOverride) {
  try {
    (void)parse_override("actors.NTH.capability");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(e.problems()[0].file, "--set actors.NTH.capability");
    EXPECT_EQ(e.problems()[0].line, 0);
    EXPECT_EQ(e.problems()[0].format(),
              "--set actors.NTH.capability: expected PATH=VALUE, e.g. --set "
              "actors.NTH.capability=0.7");
  }
}

TEST(ParseOverride, EmptyPathIsAnInputError) {
  EXPECT_THROW((void)parse_override("=3"), InputError);
  EXPECT_THROW((void)parse_override("actors..capability=3"), InputError);
  EXPECT_THROW((void)parse_override("relations[x].reaction=3"), InputError);
}

TEST(Overrides, SetAListItemById) {
  Scenario sc = load_with({"actors.STH.capability=0.9"});
  EXPECT_DOUBLE_EQ(sc.actors[1].state.capability, 0.9);
  ASSERT_NE(resolved_value(sc, "actors.STH.capability"), nullptr);
  EXPECT_EQ(*resolved_value(sc, "actors.STH.capability"), "0.9");
}

TEST(Overrides, SetAListItemByIndex) {
  Scenario sc = load_with(
      {"actors.1.capability=0.25", "relations[0].reaction=0.5", "sectors.pass.posts[1].count=7"});
  EXPECT_DOUBLE_EQ(sc.actors[1].state.capability, 0.25);
  EXPECT_DOUBLE_EQ(sc.relations[0].reaction, 0.5);
  EXPECT_EQ(sc.sectors[0].posts[1].count, 7);
}

TEST(Overrides, LaterOverridesWin) {
  Scenario sc = load_with({"days=40", "days=50"});
  EXPECT_EQ(sc.days, 50);
}

TEST(Overrides, AddsAKeyTheFileLeavesOut) {
  Scenario sc = load_with({"actors.STH.trade_exposure=0.9", "policies.doctrine_off.name=calm"});
  EXPECT_DOUBLE_EQ(sc.actors[1].state.trade_exposure, 0.9);
  EXPECT_EQ(sc.policies[1].name, "calm");
}

TEST(Overrides, FlowValueReplacesASubtree) {
  Scenario sc = load_with({"policies.doctrine_off.doctrine={enabled: true, rung: 7}"});
  ASSERT_TRUE(sc.policies[1].doctrine.has_value());
  EXPECT_TRUE(sc.policies[1].doctrine->at(0).enabled);
  EXPECT_EQ(sc.policies[1].doctrine->at(0).rung, 7);
  EXPECT_DOUBLE_EQ(sc.policies[1].doctrine->at(0).utility_bonus,
                   find_param("doctrine", "utility_bonus")->default_value);
}

TEST(Overrides, ReachesAnOptionalSectionTheFileLeavesOut) {
  constexpr std::string_view kText = R"(schema_version: 1
name: bare
start_date: 2025-01-01
days: 10
actors:
  - {id: A, type: state}
  - {id: B, type: state}
)";
  std::vector<Override> o = {parse_override("strategic.max_step=4"),
                             parse_override("actors.A.doctrine.enabled=true"),
                             parse_override("ladder.offensive.enabled=false")};
  Scenario sc = load_scenario_text(kText, "bare.yaml", o);
  EXPECT_EQ(sc.strategic.max_step, 4);
  EXPECT_TRUE(sc.actors[0].state.doctrines.at(0).enabled);
  EXPECT_FALSE(sc.ladder[static_cast<std::size_t>(action_index(Action::kOffensive))].enabled);
}

TEST(Overrides, ReachesTheLayer2SectionsTheFileLeavesOut) {
  Scenario sc = load_with(
      {"insurgency.base_rate=0.05", "population.people_per_agent=500", "talks.agree_base=0.6"});
  EXPECT_DOUBLE_EQ(sc.insurgency.base_rate, 0.05);
  EXPECT_DOUBLE_EQ(sc.population.people_per_agent, 500);
  EXPECT_DOUBLE_EQ(sc.talks.agree_base, 0.6);
}

TEST(Overrides, WalkLayer2ListsByNameOrIndex) {
  const std::string layer2 = std::string(FLASHPOINT_TEST_DATA_DIR) + "/layer2.yaml";
  std::vector<Override> o = {parse_override("policies.repatriation.phases.second.rate_after=0.01"),
                             parse_override("policies.repatriation.openings[1].days=5"),
                             parse_override("actors.FRONT.cells[0].fighters=10"),
                             parse_override("refugees[0].registered=5"),
                             parse_override("policies.talks.mediators=[FAR]")};
  Scenario sc = load_scenario(layer2, o);
  const Policy& dep = sc.policies[6];
  ASSERT_EQ(dep.name, "repatriation");
  EXPECT_DOUBLE_EQ(dep.phases[1].rate_after, 0.01);
  EXPECT_EQ(dep.openings[1].days, 5);
  EXPECT_DOUBLE_EQ(sc.actors[2].armed_group.cells[0].fighters, 10);
  EXPECT_DOUBLE_EQ(sc.refugees[0].stock[static_cast<std::size_t>(RefugeeClass::kRegistered)], 5);
  EXPECT_EQ(sc.policies[0].mediators, (std::vector<int>{4}));
}

TEST(Overrides, ProblemInALayer2ListNamesTheOverride) {
  const std::string layer2 = std::string(FLASHPOINT_TEST_DATA_DIR) + "/layer2.yaml";
  std::vector<Override> o = {parse_override("policies.repatriation.phases.first.target=cards")};
  try {
    (void)load_scenario(layer2, o);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(e.problems()[0].format(),
              "--set policies.repatriation.phases.first.target=cards: "
              "policies.repatriation.phases.first.target: unknown refugee class 'cards'; valid "
              "classes: registered, card_holders, undocumented");
  }
}

TEST(Overrides, TypeErrorNamesTheOverride) {
  EXPECT_EQ(problems_with({"actors.NTH.rationality=abc"}),
            (std::vector<std::string>{"--set actors.NTH.rationality=abc: actors.NTH.rationality: "
                                      "expected a number, got 'abc'"}));
}

TEST(Overrides, ProblemInsideAnOverriddenSubtreeNamesTheOverride) {
  EXPECT_EQ(problems_with({"actors.NTH.doctrine={rung: 12}"}),
            (std::vector<std::string>{"--set actors.NTH.doctrine={rung: 12}: "
                                      "actors.NTH.doctrine.rung: 12 is outside the valid range 1 "
                                      "to 9 (rung)"}));
}

TEST(Overrides, MisspeltKeyGetsDidYouMean) {
  EXPECT_EQ(problems_with({"actors.NTH.capabilty=0.5"}),
            (std::vector<std::string>{"--set actors.NTH.capabilty=0.5: actors.NTH.capabilty: "
                                      "unknown key 'capabilty'; did you mean 'capability'?"}));
}

TEST(Overrides, IndexPathIsReportedByCanonicalId) {
  EXPECT_EQ(problems_with({"actors[0].capability=7"}),
            (std::vector<std::string>{"--set actors[0].capability=7: actors.NTH.capability: 7 is "
                                      "outside the valid range 0 to 1"}));
}

TEST(Overrides, UnknownItemIsAProblem) {
  EXPECT_EQ(problems_with({"actors.NTHX.capability=0.5"}),
            (std::vector<std::string>{"--set actors.NTHX.capability=0.5: actors.NTHX: no item of "
                                      "'actors' has id 'NTHX'; did you mean 'NTH'?"}));
}

TEST(Overrides, MissingIntermediateKeyIsAProblem) {
  EXPECT_EQ(problems_with({"actros.NTH.capability=0.5"}),
            (std::vector<std::string>{"--set actros.NTH.capability=0.5: actros: there is no "
                                      "'actros' at the top level; did you mean 'actors'?"}));
}

TEST(Overrides, IndexPastTheEndIsAProblem) {
  EXPECT_EQ(problems_with({"relations[3].reaction=0.1"}),
            (std::vector<std::string>{"--set relations[3].reaction=0.1: relations[3]: index 3 is "
                                      "past the end of 'relations', which has 1 item"}));
}

TEST(Overrides, InvalidYamlValueIsAProblem) {
  std::vector<std::string> p = problems_with({"strategic={max_step: 3"});
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].rfind("--set strategic={max_step: 3: strategic: the value is not valid YAML: ", 0),
            0u)
      << p[0];
}

TEST(Overrides, FileProblemsKeepTheirPosition) {
  constexpr std::string_view kText = R"(schema_version: 1
name: mixed
start_date: 2025-01-01
days: 10
actors:
  - {id: A, type: state, capability: 3}
  - {id: B, type: state}
)";
  std::vector<Override> o = {parse_override("actors.B.resolve=x")};
  try {
    (void)load_scenario_text(kText, "mixed.yaml", o);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    ASSERT_EQ(e.problems().size(), 2u);
    EXPECT_EQ(e.problems()[0].format(),
              "--set actors.B.resolve=x: actors.B.resolve: expected a number, got 'x'");
    EXPECT_EQ(e.problems()[1].format(),
              "mixed.yaml:6:38: actors.A.capability: 3 is outside the valid range 0 to 1");
  }
}

}  // namespace
}  // namespace flashpoint
