// The loader on the sections of model layer 2 (tests/data/layer2.yaml and small inline files):
// cells, citizens, talks, refugees and the nine policy types, with values, table defaults and
// references resolved to indices.
#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "scenario/loader.hpp"
#include "scenario/params.hpp"

namespace flashpoint {
namespace {

const std::string kLayer2 = std::string(FLASHPOINT_TEST_DATA_DIR) + "/layer2.yaml";
const std::string kMinimal = std::string(FLASHPOINT_TEST_DATA_DIR) + "/minimal.yaml";

double table_default(std::string_view section, std::string_view key) {
  const ParamSpec* p = find_param(section, key);
  EXPECT_NE(p, nullptr) << section << "." << key;
  return p == nullptr ? -1 : p->default_value;
}

const std::string* resolved_value(const Scenario& sc, std::string_view path) {
  for (const auto& [k, v] : sc.resolved) {
    if (k == path) return &v;
  }
  return nullptr;
}

// The formatted problems of loading `text`; empty when it loads.
std::vector<std::string> problems_of(std::string_view text) {
  try {
    (void)load_scenario_text(text, "t.yaml");
  } catch (const InputError& e) {
    std::vector<std::string> out;
    for (const auto& p : e.problems()) out.push_back(p.format());
    return out;
  }
  return {};
}

// Two states, a mediator and districts on both sides; tests append what they need.
constexpr std::string_view kBase = R"(schema_version: 1
name: t
start_date: 2025-03-01
days: 30
actors:
  - {id: NTH, type: state}
  - {id: STH, type: state}
  - {id: MED, type: mediator}
districts:
  - {id: hills, state: NTH, lat: 34, lon: 70}
  - {id: plain, state: STH, lat: 34, lon: 69}
)";

std::string with_base(std::string_view more) {
  return std::string(kBase) + std::string(more);
}

const Policy& policy_named(const Scenario& sc, std::string_view name) {
  auto it = std::find_if(sc.policies.begin(), sc.policies.end(),
                         [&](const Policy& p) { return p.name == name; });
  if (it == sc.policies.end()) throw std::runtime_error("no policy " + std::string(name));
  return *it;
}

TEST(LoadLayer2, ScenarioWideSectionsTakeGivenValuesAndTableDefaults) {
  Scenario sc = load_scenario(kLayer2);
  EXPECT_DOUBLE_EQ(sc.insurgency.base_rate, 0.1);
  EXPECT_EQ(sc.insurgency.max_cells, 50);
  EXPECT_DOUBLE_EQ(sc.insurgency.ceasefire_effect, 0.5);
  EXPECT_DOUBLE_EQ(sc.insurgency.reference_fighters,
                   table_default("insurgency", "reference_fighters"));
  EXPECT_DOUBLE_EQ(sc.insurgency.sigma_floor, table_default("insurgency", "sigma_floor"));
  EXPECT_DOUBLE_EQ(sc.population.people_per_agent, 1000);
  EXPECT_EQ(sc.population.max_jail_days, 60);
  EXPECT_DOUBLE_EQ(sc.population.vision, table_default("population", "vision"));
  EXPECT_DOUBLE_EQ(sc.population.deport_action_boost,
                   table_default("population", "deport_action_boost"));
  EXPECT_DOUBLE_EQ(sc.talks.incident_rate, 0.004);
  EXPECT_DOUBLE_EQ(sc.talks.join_base, -0.5);
  EXPECT_DOUBLE_EQ(sc.talks.agree_base, table_default("talks", "agree_base"));
  EXPECT_DOUBLE_EQ(sc.operations.returns_share_of_capacity, 0.4);
}

TEST(LoadLayer2, AbsentSectionsAreAllDefaults) {
  Scenario sc = load_scenario(kMinimal);
  EXPECT_DOUBLE_EQ(sc.insurgency.base_rate, table_default("insurgency", "base_rate"));
  EXPECT_EQ(sc.insurgency.max_cells, static_cast<int>(table_default("insurgency", "max_cells")));
  EXPECT_DOUBLE_EQ(sc.population.people_per_agent, table_default("population", "people_per_agent"));
  EXPECT_EQ(sc.population.deport_action_days,
            static_cast<int>(table_default("population", "deport_action_days")));
  EXPECT_DOUBLE_EQ(sc.talks.initial_uncertainty, table_default("talks", "initial_uncertainty"));
  EXPECT_DOUBLE_EQ(sc.operations.returns_share_of_capacity,
                   table_default("operations", "returns_share_of_capacity"));
  EXPECT_TRUE(sc.refugees.empty());
  EXPECT_EQ(sc.actors[2].armed_group.target, -1);
  EXPECT_TRUE(sc.actors[2].armed_group.cells.empty());
}

TEST(LoadLayer2, StateParametersOfLayer2) {
  Scenario sc = load_scenario(kLayer2);
  const StateParams& north = sc.actors[0].state;
  EXPECT_DOUBLE_EQ(north.misattribution_probability, 0.25);
  EXPECT_DOUBLE_EQ(north.outside_threat, 0.2);
  EXPECT_DOUBLE_EQ(north.claim_enemy_factor, 3);
  EXPECT_DOUBLE_EQ(north.claim_own_factor, 0.5);
  const StateParams& south = sc.actors[1].state;
  EXPECT_DOUBLE_EQ(south.misattribution_probability,
                   table_default("state", "misattribution_probability"));
  EXPECT_DOUBLE_EQ(south.outside_threat, table_default("state", "outside_threat"));
  EXPECT_DOUBLE_EQ(south.claim_enemy_factor, table_default("state", "claim_enemy_factor"));
  EXPECT_DOUBLE_EQ(south.claim_own_factor, table_default("state", "claim_own_factor"));
}

TEST(LoadLayer2, ArmedGroupTargetAffinityAndCells) {
  Scenario sc = load_scenario(kLayer2);
  const ArmedGroupParams& g = sc.actors[2].armed_group;
  EXPECT_EQ(g.host, 1);
  EXPECT_EQ(g.target, 0);
  EXPECT_DOUBLE_EQ(g.affinity, 0.8);
  ASSERT_EQ(g.cells.size(), 3u);
  EXPECT_EQ(g.cells[0].district, 4);  // ridge
  EXPECT_DOUBLE_EQ(g.cells[0].fighters, 300);
  EXPECT_EQ(g.cells[1].district, 3);  // plain
  EXPECT_DOUBLE_EQ(g.cells[1].fighters, 150);
  EXPECT_EQ(g.cells[2].district, 0);  // hills, across the line from the host
  EXPECT_DOUBLE_EQ(g.cells[2].fighters, 40);
}

TEST(LoadLayer2, ArmedGroupAffinityDefaultsAndTargetIsOptional) {
  constexpr std::string_view kText = R"(schema_version: 1
name: t
start_date: 2025-03-01
days: 30
actors:
  - {id: NTH, type: state}
  - {id: STH, type: state}
  - {id: G, type: armed_group, host: STH}
)";
  Scenario g = load_scenario_text(kText, "t.yaml");
  EXPECT_EQ(g.actors[2].armed_group.target, -1);
  EXPECT_DOUBLE_EQ(g.actors[2].armed_group.affinity, table_default("armed_group", "affinity"));
  EXPECT_TRUE(g.actors[2].armed_group.cells.empty());
}

TEST(LoadLayer2, MediatorRoundsAndRegionalPressure) {
  Scenario sc = load_scenario(kLayer2);
  EXPECT_EQ(sc.actors[3].mediator.round_interval_days, 5);
  EXPECT_DOUBLE_EQ(sc.actors[3].mediator.regional_pressure,
                   table_default("mediator", "regional_pressure"));
  EXPECT_EQ(sc.actors[4].mediator.round_interval_days,
            static_cast<int>(table_default("mediator", "round_interval_days")));
  EXPECT_DOUBLE_EQ(sc.actors[4].mediator.regional_pressure, 0.02);
}

TEST(LoadLayer2, DistrictParametersOfLayer2) {
  Scenario sc = load_scenario(kLayer2);
  const District& hills = sc.districts[0];
  EXPECT_DOUBLE_EQ(hills.security_presence, 0.03);
  EXPECT_DOUBLE_EQ(hills.legitimacy, 0.6);
  EXPECT_DOUBLE_EQ(hills.trade_dependence, 0.3);
  EXPECT_DOUBLE_EQ(hills.receiving_capacity, 20000);
  EXPECT_DOUBLE_EQ(hills.return_share, 2);
  EXPECT_DOUBLE_EQ(hills.target_weight, 2);
  const District& town = sc.districts[2];
  EXPECT_DOUBLE_EQ(town.security_presence, table_default("district", "security_presence"));
  EXPECT_DOUBLE_EQ(town.legitimacy, 0.8);
  EXPECT_DOUBLE_EQ(town.trade_dependence, table_default("district", "trade_dependence"));
  EXPECT_DOUBLE_EQ(town.receiving_capacity, table_default("district", "receiving_capacity"));
  EXPECT_DOUBLE_EQ(town.return_share, table_default("district", "return_share"));
  EXPECT_DOUBLE_EQ(town.target_weight, table_default("district", "target_weight"));
}

TEST(LoadLayer2, RefugeeStocksLandInTheirClass) {
  Scenario sc = load_scenario(kLayer2);
  ASSERT_EQ(sc.refugees.size(), 1u);
  const RefugeePopulation& r = sc.refugees[0];
  EXPECT_EQ(r.host, 0);
  EXPECT_EQ(r.origin, 1);
  EXPECT_DOUBLE_EQ(r.stock[static_cast<std::size_t>(RefugeeClass::kRegistered)], 120000);
  EXPECT_DOUBLE_EQ(r.stock[static_cast<std::size_t>(RefugeeClass::kCardHolders)], 60000);
  EXPECT_DOUBLE_EQ(r.stock[static_cast<std::size_t>(RefugeeClass::kUndocumented)], 90000);
  EXPECT_DOUBLE_EQ(r.voluntary_return_rate, 0.0003);
}

TEST(LoadLayer2, RefugeeStocksDefaultFromTheTable) {
  Scenario sc = load_scenario_text(
      with_base("refugees:\n  - {host: STH, origin: NTH, card_holders: 5}\n"), "t.yaml");
  ASSERT_EQ(sc.refugees.size(), 1u);
  const RefugeePopulation& r = sc.refugees[0];
  EXPECT_EQ(r.host, 1);
  EXPECT_EQ(r.origin, 0);
  EXPECT_EQ(r.stock,
            (std::array<double, kRefugeeClassCount>{table_default("refugees", "registered"), 5,
                                                    table_default("refugees", "undocumented")}));
  EXPECT_DOUBLE_EQ(r.voluntary_return_rate, table_default("refugees", "voluntary_return_rate"));
}

TEST(LoadLayer2, EveryPolicyTypeIsRead) {
  Scenario sc = load_scenario(kLayer2);
  ASSERT_EQ(sc.policies.size(), 9u);
  std::vector<PolicyType> types;
  for (const auto& p : sc.policies) types.push_back(p.type);
  std::sort(types.begin(), types.end());
  EXPECT_EQ(types,
            (std::vector<PolicyType>{PolicyType::kMediation, PolicyType::kBorderCommission,
                                     PolicyType::kEconomicCorridor, PolicyType::kPublicDiplomacy,
                                     PolicyType::kRetaliationDoctrine, PolicyType::kBorderClosure,
                                     PolicyType::kDeportation, PolicyType::kCounterInsurgency,
                                     PolicyType::kRegionalPressure}));
}

TEST(LoadLayer2, MediationPolicy) {
  Scenario sc = load_scenario(kLayer2);
  const Policy& p = policy_named(sc, "talks");
  EXPECT_EQ(p.type, PolicyType::kMediation);
  EXPECT_EQ(p.actor, -1);  // optional for mediation
  EXPECT_EQ(p.partner, -1);
  EXPECT_EQ(p.start.escalation_at_least, 6);
  EXPECT_EQ(p.mediators, (std::vector<int>{3, 4}));
  EXPECT_EQ(p.activation_level, 5);
  EXPECT_DOUBLE_EQ(p.leverage_multiplier, 1.5);
  EXPECT_EQ(p.round_interval_days, 4);
  EXPECT_TRUE(p.monitoring);
}

TEST(LoadLayer2, MediationLeversDefaultToKeepingTheMediatorsOwn) {
  Scenario sc = load_scenario_text(
      with_base("policies:\n  - {name: m, type: mediation, actor: STH, mediators: [MED]}\n"),
      "t.yaml");
  const Policy& p = sc.policies.at(0);
  EXPECT_EQ(p.actor, 1);
  EXPECT_EQ(p.mediators, (std::vector<int>{2}));
  EXPECT_EQ(p.activation_level, static_cast<int>(table_default("mediation", "activation_level")));
  EXPECT_EQ(p.activation_level, -1);
  EXPECT_EQ(p.round_interval_days, 0);
  EXPECT_DOUBLE_EQ(p.leverage_multiplier, table_default("mediation", "leverage_multiplier"));
  EXPECT_FALSE(p.monitoring);
}

TEST(LoadLayer2, BorderCommissionPolicy) {
  Scenario sc = load_scenario(kLayer2);
  const Policy& p = policy_named(sc, "commission");
  EXPECT_EQ(p.type, PolicyType::kBorderCommission);
  EXPECT_EQ(p.actor, 0);
  EXPECT_EQ(p.partner, 1);
  EXPECT_EQ(p.start.day, 20);
  EXPECT_DOUBLE_EQ(p.hotline, 0.5);
  EXPECT_DOUBLE_EQ(p.joint_investigation, 0.4);
  EXPECT_DOUBLE_EQ(p.joint_patrols, 0.3);
}

TEST(LoadLayer2, EconomicCorridorPolicy) {
  Scenario sc = load_scenario(kLayer2);
  const Policy& p = policy_named(sc, "corridor");
  EXPECT_EQ(p.type, PolicyType::kEconomicCorridor);
  EXPECT_EQ(p.actor, 0);
  EXPECT_EQ(p.partner, 1);
  EXPECT_DOUBLE_EQ(p.trade_growth_per_day, 0.002);
  EXPECT_DOUBLE_EQ(p.max_trade_multiplier, 1.5);
  EXPECT_DOUBLE_EQ(p.interdependence, 2);
  EXPECT_DOUBLE_EQ(p.hardship_relief, 0.3);
}

TEST(LoadLayer2, PublicDiplomacyPolicy) {
  Scenario sc = load_scenario(kLayer2);
  const Policy& p = policy_named(sc, "outreach");
  EXPECT_EQ(p.type, PolicyType::kPublicDiplomacy);
  EXPECT_EQ(p.actor, 1);
  EXPECT_EQ(p.partner, 0);
  EXPECT_DOUBLE_EQ(p.hostility_decay_bonus, 0.02);
  EXPECT_DOUBLE_EQ(p.legitimacy_gain_per_day, 0.001);
}

TEST(LoadLayer2, LeversLeftOutTakeTableDefaults) {
  Scenario sc = load_scenario_text(with_base(R"(policies:
  - {name: c, type: border_commission, actor: NTH, partner: STH}
  - {name: e, type: economic_corridor, actor: NTH, partner: STH}
  - {name: d, type: public_diplomacy, actor: NTH, partner: STH}
  - {name: ci, type: counter_insurgency, actor: NTH, districts: [hills]}
  - {name: r, type: regional_pressure, actor: STH}
)"),
                                   "t.yaml");
  ASSERT_EQ(sc.policies.size(), 5u);
  EXPECT_DOUBLE_EQ(sc.policies[0].hotline, table_default("border_commission", "hotline"));
  EXPECT_DOUBLE_EQ(sc.policies[0].joint_patrols,
                   table_default("border_commission", "joint_patrols"));
  EXPECT_DOUBLE_EQ(sc.policies[1].max_trade_multiplier,
                   table_default("economic_corridor", "max_trade_multiplier"));
  EXPECT_DOUBLE_EQ(sc.policies[1].interdependence,
                   table_default("economic_corridor", "interdependence"));
  EXPECT_DOUBLE_EQ(sc.policies[2].hostility_decay_bonus,
                   table_default("public_diplomacy", "hostility_decay_bonus"));
  EXPECT_DOUBLE_EQ(sc.policies[3].operations_multiplier,
                   table_default("counter_insurgency", "operations_multiplier"));
  EXPECT_DOUBLE_EQ(sc.policies[3].security_increase,
                   table_default("counter_insurgency", "security_increase"));
  EXPECT_DOUBLE_EQ(sc.policies[4].pressure, table_default("regional_pressure", "pressure"));
}

TEST(LoadLayer2, RetaliationDoctrineAndBorderClosurePoliciesStillWork) {
  Scenario sc = load_scenario(kLayer2);
  const Policy& doctrine = policy_named(sc, "doctrine_on");
  EXPECT_EQ(doctrine.actor, 0);
  ASSERT_TRUE(doctrine.doctrine.has_value());
  EXPECT_TRUE(doctrine.doctrine->at(0).enabled);
  EXPECT_DOUBLE_EQ(doctrine.doctrine->at(0).fatality_threshold, 8);
  const Policy& closure = policy_named(sc, "close_on_clash");
  EXPECT_EQ(closure.start.escalation_at_least, 7);
  EXPECT_EQ(closure.closure_min_days, 14);
}

TEST(LoadLayer2, DeportationPolicyPhasesAndOpenings) {
  Scenario sc = load_scenario(kLayer2);
  const Policy& p = policy_named(sc, "repatriation");
  EXPECT_EQ(p.type, PolicyType::kDeportation);
  EXPECT_EQ(p.actor, 0);    // the host
  EXPECT_EQ(p.partner, 1);  // the origin
  ASSERT_EQ(p.phases.size(), 2u);
  EXPECT_EQ(p.phases[0].name, "first");
  EXPECT_EQ(p.phases[0].target, RefugeeClass::kUndocumented);
  EXPECT_EQ(p.phases[0].start_day, -28);  // 2025-02-01, before the run's start
  EXPECT_EQ(p.phases[0].deadline_day, 30);
  EXPECT_DOUBLE_EQ(p.phases[0].rate_before, 0.0005);
  EXPECT_DOUBLE_EQ(p.phases[0].rate_after, 0.003);
  EXPECT_EQ(p.phases[1].name, "second");
  EXPECT_EQ(p.phases[1].target, RefugeeClass::kCardHolders);
  EXPECT_EQ(p.phases[1].start_day, 30);
  EXPECT_EQ(p.phases[1].deadline_day, 45);
  ASSERT_EQ(p.openings.size(), 2u);
  EXPECT_EQ(p.openings[0].start_day, 40);  // 2025-04-10
  EXPECT_EQ(p.openings[0].days, 3);
  EXPECT_EQ(p.openings[1].start_day, 60);
  EXPECT_EQ(p.openings[1].days, 2);
}

TEST(LoadLayer2, PhaseDaysMayLieOutsideTheRun) {
  Scenario sc = load_scenario_text(with_base(R"(refugees:
  - {host: NTH, origin: STH}
policies:
  - name: dep
    type: deportation
    actor: NTH
    partner: STH
    phases:
      - {target: registered, start: -400, deadline: -10}
      - {target: undocumented, start: 2024-12-31, deadline: 2026-01-01, rate_before: 0.001}
)"),
                                   "t.yaml");
  const Policy& p = sc.policies.at(0);
  ASSERT_EQ(p.phases.size(), 2u);
  EXPECT_EQ(p.phases[0].name, "");
  EXPECT_EQ(p.phases[0].target, RefugeeClass::kRegistered);
  EXPECT_EQ(p.phases[0].start_day, -400);
  EXPECT_EQ(p.phases[0].deadline_day, -10);
  EXPECT_DOUBLE_EQ(p.phases[0].rate_after, table_default("deportation_phase", "rate_after"));
  EXPECT_EQ(p.phases[1].start_day, -60);
  EXPECT_EQ(p.phases[1].deadline_day, 306);  // after the 30-day run
  EXPECT_DOUBLE_EQ(p.phases[1].rate_before, 0.001);
  EXPECT_TRUE(p.openings.empty());
  const std::string* start = resolved_value(sc, "policies.dep.phases[0].start");
  ASSERT_NE(start, nullptr);
  EXPECT_EQ(*start, "-400");
}

TEST(LoadLayer2, PhaseDeadlineMayEqualItsStart) {
  EXPECT_EQ(problems_of(with_base(R"(refugees:
  - {host: NTH, origin: STH}
policies:
  - {name: dep, type: deportation, actor: NTH, partner: STH,
     phases: [{target: registered, start: 5, deadline: 5}]}
)")),
            std::vector<std::string>{});
}

TEST(LoadLayer2, CounterInsurgencyPolicy) {
  Scenario sc = load_scenario(kLayer2);
  const Policy& p = policy_named(sc, "ci_push");
  EXPECT_EQ(p.type, PolicyType::kCounterInsurgency);
  EXPECT_EQ(p.actor, 0);
  EXPECT_EQ(p.start.day, 14);
  EXPECT_EQ(p.districts, (std::vector<int>{0, 1}));
  EXPECT_DOUBLE_EQ(p.security_increase, 0.02);
  EXPECT_DOUBLE_EQ(p.operations_multiplier, 2);
}

TEST(LoadLayer2, RegionalPressurePolicy) {
  Scenario sc = load_scenario(kLayer2);
  const Policy& p = policy_named(sc, "squeeze");
  EXPECT_EQ(p.type, PolicyType::kRegionalPressure);
  EXPECT_EQ(p.actor, 1);  // the host under pressure
  EXPECT_DOUBLE_EQ(p.pressure, 0.3);
  const std::string* by = resolved_value(sc, "policies.squeeze.by");
  ASSERT_NE(by, nullptr);
  EXPECT_EQ(*by, "[FAR]");
}

TEST(LoadLayer2, ResolvedNamesLayer2ItemsByIdNameOrIndex) {
  Scenario sc = load_scenario(kLayer2);
  auto expect = [&](std::string_view path, std::string_view value) {
    const std::string* v = resolved_value(sc, path);
    ASSERT_NE(v, nullptr) << path;
    EXPECT_EQ(*v, value) << path;
  };
  expect("insurgency.base_rate", "0.1");
  expect("population.max_jail_days", "60");
  expect("talks.join_base", "-0.5");
  expect("actors.FRONT.cells[1].district", "plain");
  expect("actors.FRONT.cells[1].fighters", "150");
  expect("refugees[0].host", "NTH");
  expect("refugees[0].card_holders", "60000");
  expect("policies.talks.mediators", "[MED, FAR]");
  expect("policies.talks.activation_level", "5");
  expect("policies.repatriation.phases.first.target", "undocumented");
  expect("policies.repatriation.phases.first.start", "-28");
  expect("policies.repatriation.phases.second.deadline", "45");
  expect("policies.repatriation.openings[0].day", "40");
  expect("policies.repatriation.openings[1].days", "2");
  expect("policies.ci_push.districts", "[hills, valley]");
  expect("policies.corridor.interdependence", "2");
}

TEST(LoadLayer2, NoCascadeFromABrokenRefugeesEntry) {
  // The deportation's refugees entry is there, with a misspelt host: one problem, not two.
  auto problems = problems_of(with_base(R"(refugees:
  - {host: NTHH, origin: STH}
policies:
  - {name: dep, type: deportation, actor: NTH, partner: STH,
     phases: [{target: registered, start: 0, deadline: 5}]}
)"));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0],
            "t.yaml:13:12: refugees[0].host: unknown actor 'NTHH'; did you mean 'NTH'?");
}

TEST(LoadLayer2, EachPolicyTypeAcceptsOnlyItsOwnKeys) {
  auto problems = problems_of(with_base(R"(policies:
  - {name: m, type: mediation, mediators: [MED], partner: STH}
  - {name: c, type: border_commission, actor: NTH, partner: STH, pressure: 0.1}
  - {name: b, type: border_closure, actor: NTH, doctrine: {enabled: false}}
)"));
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0],
            "t.yaml:13:50: policies.m.partner: unknown key 'partner' for type mediation; it "
            "belongs to policies with type: border_commission, economic_corridor, "
            "public_diplomacy, deportation");
  EXPECT_EQ(problems[1],
            "t.yaml:14:66: policies.c.pressure: unknown key 'pressure' for type "
            "border_commission; it belongs to policies with type: regional_pressure");
  EXPECT_EQ(problems[2],
            "t.yaml:15:49: policies.b.doctrine: unknown key 'doctrine' for type border_closure; "
            "it belongs to policies with type: retaliation_doctrine");
}

TEST(LoadLayer2, ListsOfIdsRejectRepeatsAndEmptyLists) {
  auto problems = problems_of(with_base(R"(policies:
  - {name: m, type: mediation, mediators: [MED, MED]}
  - {name: ci, type: counter_insurgency, actor: NTH, districts: []}
)"));
  EXPECT_EQ(problems, (std::vector<std::string>{
                          "t.yaml:13:49: policies.m.mediators[1]: actor 'MED' is listed twice",
                          "t.yaml:14:65: policies.ci.districts: expected at least one district id",
                      }));
}

TEST(LoadLayer2, DeportationNeedsPhases) {
  auto problems = problems_of(with_base(R"(refugees:
  - {host: NTH, origin: STH}
policies:
  - {name: dep, type: deportation, actor: NTH, partner: STH}
  - {name: dep2, type: deportation, actor: NTH, partner: STH, phases: []}
)"));
  EXPECT_EQ(problems, (std::vector<std::string>{
                          "t.yaml:15:5: policies.dep.phases: missing required key 'phases' (a "
                          "list of deportation phases)",
                          "t.yaml:16:71: policies.dep2.phases: expected at least one phase",
                      }));
}

}  // namespace
}  // namespace flashpoint
