// Typed variants (scenario/variant.hpp, make_variant in experiment/engine.hpp): for every
// descriptor row that can be set typed, setting a value on a loaded scenario gives the scenario
// the YAML route gives (every parameter value, and the resolved parameters in order); values
// and variants the loader refuses are refused, and make_variant then reports them exactly as the
// YAML route does; paths that are not typed are refused, never ignored. Sweeps and comparisons
// make the same variants either way.
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "experiment/compare.hpp"
#include "experiment/digest.hpp"
#include "experiment/engine.hpp"
#include "experiment/specs.hpp"
#include "experiment/sweep.hpp"
#include "scenario/loader.hpp"
#include "scenario/loader_detail.hpp"
#include "scenario/variant.hpp"

namespace flashpoint {
namespace {

const std::string kMinimal = std::string(FLASHPOINT_TEST_DATA_DIR) + "/minimal.yaml";
const std::string kLayer2 = std::string(FLASHPOINT_TEST_DATA_DIR) + "/layer2.yaml";
const std::string kSeed = std::string(FLASHPOINT_SOURCE_DIR) + "/scenarios/pak-afg-2025.yaml";

// ------------------------------------------------------------------------------------------------
// Every value a descriptor row fills, wherever it is in a scenario, as "path=value" lines.

template <class S>
void dump_rows(std::vector<std::string>& out, const std::string& prefix,
               std::span<const Param<S>> rows, const S& s) {
  for (const auto& r : rows) {
    std::visit(
        [&](auto ptr) {
          if constexpr (!std::is_same_v<decltype(ptr), ReadByHand>) {
            using T = std::remove_cvref_t<decltype(s.*ptr)>;
            if constexpr (std::is_same_v<T, std::vector<double>>) {
              out.push_back(fmt::format("{}.{}=[{}]", prefix, r.key, fmt::join(s.*ptr, ",")));
            } else {
              out.push_back(fmt::format("{}.{}={}", prefix, r.key, s.*ptr));
            }
          }
        },
        r.member);
  }
}

template <class S, std::size_t N>
void dump_section(std::vector<std::string>& out, const std::string& prefix,
                  const ParamSection<S, N>& section, const S& s) {
  dump_rows<S>(out, prefix, section.rows, s);
}

std::vector<std::string> dump(const Scenario& sc) {
  std::vector<std::string> out;
  out.push_back(fmt::format("days={} seed={} max_events={} free_from={}", sc.days, sc.seed,
                            sc.max_events_per_run, sc.free_from_day));
  dump_section(out, "strategic", params::kStrategic, sc.strategic);
  dump_section(out, "utility", params::kUtility, sc.strategic);
  dump_section(out, "operations", params::kOperations, sc.operations);
  dump_section(out, "insurgency", params::kInsurgency, sc.insurgency);
  dump_section(out, "population", params::kPopulation, sc.population);
  dump_section(out, "talks", params::kTalks, sc.talks);
  dump_section(out, "coercion", params::kCoercion, sc.coercion);
  for (Action a : all_actions()) {
    dump_section(out, fmt::format("ladder.{}", action_name(a)), params::kLadder,
                 sc.ladder[static_cast<std::size_t>(action_index(a))]);
  }
  for (const auto& a : sc.actors) {
    const std::string p = "actors." + a.id;
    dump_section(out, p, params::kState, a.state);
    for (const auto& d : a.state.doctrines) {
      dump_section(out, p + ".doctrine", params::kDoctrine, d);
      out.push_back(fmt::format("{}.doctrine.triggers={} action={}", p, d.triggers, d.action));
    }
    dump_section(out, p, params::kArmedGroup, a.armed_group);
    for (const auto& c : a.armed_group.cells) {
      out.push_back(fmt::format("{}.cell={},{}", p, c.district, c.fighters));
    }
    dump_section(out, p, params::kMediator, a.mediator);
    out.push_back(fmt::format("{}.leverage=[{}]", p, fmt::join(a.mediator.leverage, ",")));
  }
  for (const auto& r : sc.relations) {
    dump_section(out, fmt::format("relation.{}.{}", r.from, r.to), params::kRelation, r);
  }
  for (const auto& d : sc.districts) dump_section(out, "districts." + d.id, params::kDistrict, d);
  for (const auto& s : sc.sectors) {
    dump_section(out, "sectors." + s.id, params::kSector, s);
    for (const auto& g : s.posts)
      dump_section(out, "sectors." + s.id + ".posts", params::kPosts, g);
  }
  for (const auto& c : sc.crossings) {
    dump_section(out, "crossings." + c.id, params::kCrossing, c);
    out.push_back(
        fmt::format("crossings.{}.exports=[{}]", c.id, fmt::join(c.exports_usd_per_day, ",")));
  }
  for (const auto& t : sc.attack_types) {
    dump_section(out, "attack_types." + t.id, params::kAttackType, t);
  }
  for (const auto& r : sc.refugees) {
    out.push_back(fmt::format("refugees={},{},[{}],{}", r.host, r.origin, fmt::join(r.stock, ","),
                              r.voluntary_return_rate));
  }
  for (const auto& e : sc.events)
    out.push_back(fmt::format("event=[{}]", fmt::join(e.fatalities, ",")));
  for (const auto& p : sc.policies) {
    const std::string prefix = "policies." + p.name;
    const PolicyKind& kind = loader_detail::policy_kind(p.type);
    dump_rows<Policy>(out, prefix, kind.levers, p);
    if (p.doctrine) {
      for (const auto& d : *p.doctrine)
        dump_section(out, prefix + ".doctrine", params::kDoctrine, d);
    }
    for (const auto& ph : p.phases) {
      dump_section(out, prefix + ".phases." + ph.name, params::kDeportationPhase, ph);
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// Where each row can be set typed in a scenario.

/// Sections whose rows are set typed, and those that always take the YAML route (their items are
/// named by index, or the row is the run's length). A new section must be put in one of them.
const std::set<std::string_view> kYamlSections = {"scenario", "cell",     "relation",
                                                  "posts",    "refugees", "event"};

bool is_policy_section(std::string_view section) {
  return std::any_of(
      params::kPolicyKinds.begin(), params::kPolicyKinds.end(),
      [&](const PolicyKind& k) { return !k.section.empty() && k.section == section; });
}

/// The typed paths of row `p` in `sc` (every item that has the row); empty for YAML sections.
std::vector<std::string> typed_paths(const Scenario& sc, const ParamSpec& p) {
  const std::string_view s = p.section;
  std::vector<std::string> prefixes;
  if (s == "strategic" || s == "utility" || s == "operations" || s == "insurgency" ||
      s == "population" || s == "talks" || s == "coercion") {
    prefixes.emplace_back(s);
  } else if (s == "ladder") {
    for (Action a : all_actions()) {
      prefixes.push_back(fmt::format("ladder.{}", action_name(a)));
    }
  } else if (s == "state" || s == "armed_group" || s == "mediator" || s == "doctrine") {
    const ActorType want = s == "armed_group" ? ActorType::kArmedGroup
                           : s == "mediator"  ? ActorType::kMediator
                                              : ActorType::kState;
    for (const auto& a : sc.actors) {
      if (a.type == want)
        prefixes.push_back("actors." + a.id + (s == "doctrine" ? ".doctrine" : ""));
    }
    if (s == "doctrine") {
      for (const auto& pol : sc.policies) {
        if (pol.doctrine) prefixes.push_back("policies." + pol.name + ".doctrine");
      }
    }
  } else if (s == "district") {
    for (const auto& d : sc.districts) prefixes.push_back("districts." + d.id);
  } else if (s == "sector") {
    for (const auto& x : sc.sectors) prefixes.push_back("sectors." + x.id);
  } else if (s == "crossing") {
    for (const auto& c : sc.crossings) prefixes.push_back("crossings." + c.id);
  } else if (s == "attack_type") {
    for (const auto& t : sc.attack_types) prefixes.push_back("attack_types." + t.id);
  } else if (s == "deportation_phase") {
    for (const auto& pol : sc.policies) {
      for (const auto& ph : pol.phases) {
        if (!ph.name.empty()) prefixes.push_back("policies." + pol.name + ".phases." + ph.name);
      }
    }
  } else if (is_policy_section(s)) {
    for (const auto& pol : sc.policies) {
      if (loader_detail::policy_kind(pol.type).section == s)
        prefixes.push_back("policies." + pol.name);
    }
  } else if (!kYamlSections.contains(s)) {
    ADD_FAILURE() << "section " << s << " is neither typed nor YAML-only in this test";
  }
  std::vector<std::string> out;
  for (const auto& prefix : prefixes) out.push_back(prefix + "." + std::string(p.key));
  return out;
}

std::string number_text(double v, ParamType type) {
  return type == ParamType::kInteger ? fmt::format("{}", static_cast<long long>(v))
                                     : fmt::format("{}", v);
}

/// Values in the row's range (some may fail a check across fields; then both routes refuse).
std::vector<std::string> good_values(const ParamSpec& p) {
  switch (p.type) {
    case ParamType::kBoolean:
      return {"true", "false"};
    case ParamType::kNumberList:
      return {"[1]", "[0.25, 0.75]", "[0.1, 0.2, 0.3, 0.4]"};
    case ParamType::kInteger:
      return {number_text(p.min, p.type), number_text(p.max, p.type),
              number_text(std::floor((p.min + p.max) / 2), p.type)};
    case ParamType::kNumber:
      // The last as a design point's value is written: the shortest text of an arbitrary double.
      return {number_text(p.min, p.type), number_text(p.max, p.type),
              number_text(p.min + (p.max - p.min) * 0.123456789, p.type)};
  }
  return {};
}

/// Values the loader refuses for the row: the wrong type, or outside its range.
std::vector<std::string> bad_values(const ParamSpec& p) {
  std::vector<std::string> out = {"abc", "{a: 1}", "", "'0.5'", ".nan", "1e400", "[a, 1"};
  switch (p.type) {
    case ParamType::kBoolean:
      out.insert(out.end(), {"2", "yes", "[true]"});
      break;
    case ParamType::kNumberList:
      out.insert(out.end(), {"[]", "[2]", "[-1, 0.5]", "0.5", "[0.5, 0.4]"});
      break;
    case ParamType::kInteger:
      out.emplace_back("1.5");
      [[fallthrough]];
    case ParamType::kNumber:
      out.push_back(number_text(p.max + std::abs(p.max) + 1, p.type));
      out.push_back(number_text(p.min - std::abs(p.min) - 1, p.type));
      out.emplace_back("[1, 2]");
      break;
  }
  return out;
}

Override override_of(const std::string& path, const std::string& value, bool located) {
  Override o;
  o.path = path;
  o.value = value;
  o.text = path + "=" + value;
  if (located) {  // as a sweep or comparison file's parameter
    o.origin_file = "experiment.yaml";
    o.origin_line = 7;
    o.origin_column = 5;
  }
  return o;
}

std::vector<Override> joined(std::vector<Override> a, const std::vector<Override>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

/// The problems an InputError carried, field by field; empty when `f` threw nothing.
template <class F>
std::vector<std::string> problems_of(F&& f) {
  try {
    (void)f();
  } catch (const InputError& e) {
    std::vector<std::string> out;
    for (const auto& p : e.problems()) {
      out.push_back(fmt::format("{}|{}|{}|{}|{}", p.file, p.line, p.column, p.key, p.message));
    }
    return out;
  }
  return {};
}

// ------------------------------------------------------------------------------------------------

TEST(TypedVariants, EveryTypedRowGivesTheScenarioOfTheYamlRouteAndIsNeverIgnored) {
  std::set<std::string> typed_rows, changed_rows;
  for (const auto& p : parameter_table()) {
    if (!p.read_by_hand && !kYamlSections.contains(p.section)) {
      typed_rows.insert(fmt::format("{}.{}", p.section, p.key));
    }
  }
  int compared = 0, refused = 0;
  for (const std::string& file : {kMinimal, kLayer2}) {
    const ScenarioSource source = ScenarioSource::from_file(file);
    const TypedBase base = read_typed_base(source);
    const std::vector<std::string> base_dump = dump(base.scenario);
    for (const auto& p : parameter_table()) {
      if (p.read_by_hand) continue;
      const std::vector<std::string> paths = typed_paths(base.scenario, p);
      // At most three items a row: the lookup by id, not every item, is what differs.
      for (std::size_t k = 0; k < paths.size() && k < 3; ++k) {
        const std::string& path = paths[k];
        EXPECT_TRUE(is_typed_path(base.scenario, path)) << path;
        for (const std::string& value : good_values(p)) {
          SCOPED_TRACE(fmt::format("{}: {}={}", file, path, value));
          const Override o = override_of(path, value, false);
          std::string why;
          const auto typed = set_typed(base, std::span(&o, 1), &why);
          std::optional<Scenario> yaml;
          try {
            yaml = source.instantiate(std::span(&o, 1));
          } catch (const InputError&) {
          }
          if (!yaml) {  // a check across fields (hold disabled, attacks without a group, ...)
            EXPECT_FALSE(typed) << "the YAML route refuses it but the typed route accepted it";
            ++refused;
            continue;
          }
          ASSERT_TRUE(typed) << "refused: " << why;
          EXPECT_EQ(dump(*typed), dump(*yaml));
          EXPECT_EQ(typed->resolved, yaml->resolved);
          ++compared;
          if (dump(*typed) != base_dump)
            changed_rows.insert(fmt::format("{}.{}", p.section, p.key));
        }
      }
    }
  }
  // Every typed row was set somewhere and changed the scenario: none is silently ignored.
  EXPECT_EQ(changed_rows, typed_rows);
  EXPECT_GT(compared, 300);
  EXPECT_GT(refused, 0);
}

TEST(TypedVariants, SeveralOverridesInOrderAndSectionsTheFileLacks) {
  // layer2.yaml has no strategic, utility or ladder section: the YAML route adds them at the end
  // of the file in the order it meets them, which orders the resolved parameters.
  const ScenarioSource source = ScenarioSource::from_file(kLayer2);
  const TypedBase base = read_typed_base(source);
  const std::vector<Override> overrides = {
      override_of("ladder.deep_strike.bias", "0.5", true),
      override_of("talks.agree_base", "0.45", true),
      override_of("utility.coercion", "2.25", true),
      override_of("strategic.max_step", "4", true),
      override_of("talks.agree_base", "0.55", true),  // the later one wins
      override_of("actors.NTH.doctrine.enabled", "true", true),
      override_of("policies.repatriation.phases.second.rate_after", "0.01", true),
  };
  const auto typed = set_typed(base, overrides);
  ASSERT_TRUE(typed);
  const Scenario yaml = source.instantiate(overrides);
  EXPECT_EQ(dump(*typed), dump(yaml));
  EXPECT_EQ(typed->resolved, yaml.resolved);
  EXPECT_EQ(typed->talks.agree_base, 0.55);
  EXPECT_TRUE(typed->actors[0].state.doctrines.at(0).enabled);
}

TEST(TypedVariants, ABaseWithOverridesOfItsOwn) {
  // The base of a sweep holds its `set:` overrides (here a structural one: a policy added); the
  // design's values are set on it.
  const ScenarioSource source = ScenarioSource::from_file(kMinimal);
  Override added =
      override_of("policies", "{name: talks, type: mediation, mediators: [MED]}", false);
  added.append = true;
  const std::vector<Override> shared = {added, override_of("days", "40", false)};
  const TypedBase base = read_typed_base(source, shared);
  const std::vector<Override> point = {override_of("policies.talks.leverage_multiplier", "3", true),
                                       override_of("insurgency.base_rate", "0.07", true)};
  const auto typed = set_typed(base, point);
  ASSERT_TRUE(typed);
  std::vector<Override> all = shared;
  all.insert(all.end(), point.begin(), point.end());
  const Scenario yaml = source.instantiate(all);
  EXPECT_EQ(dump(*typed), dump(yaml));
  EXPECT_EQ(typed->resolved, yaml.resolved);
  EXPECT_EQ(typed->policies.back().leverage_multiplier, 3);
}

TEST(TypedVariants, PathsThatAreNotTypedAreRefusedNotIgnored) {
  const TypedBase base = read_typed_base(ScenarioSource::from_file(kLayer2));
  for (const std::string path : {"actors.NOPE.capability",
                                 "actors.FRONT.capability",
                                 "actors.NTH.fighters",
                                 "actors.MED.leverage",
                                 "actors.MED.leverage.NTH",
                                 "actors.FRONT.doctrine.enabled",
                                 "insurgency.no_such_key",
                                 "nowhere.base_rate",
                                 "relations[0].reaction",
                                 "relations.0.reaction",
                                 "actors[0].capability",
                                 "actors.FRONT.cells[0].fighters",
                                 "sectors.pass.posts[0].garrison",
                                 "crossings.gate.exports_usd_per_day.NTH",
                                 "refugees[0].registered",
                                 "days",
                                 "seed",
                                 "max_events_per_run",
                                 "name",
                                 "actors.NTH.name",
                                 "districts.hills.state",
                                 "policies.talks.start.day",
                                 "policies.talks.hotline",
                                 "policies.commission.doctrine.enabled",
                                 "policies.repatriation.phases.third.rate_before",
                                 "policies.repatriation.phases[0].rate_before",
                                 "ladder.nonsense.bias",
                                 "ladder.hold",
                                 "insurgency",
                                 "actors.NTH",
                                 "strategic..max_step",
                                 "talks.agree_base.x"}) {
    SCOPED_TRACE(path);
    EXPECT_FALSE(is_typed_path(base.scenario, path));
    const Override o = override_of(path, "1", false);
    std::string why;
    EXPECT_FALSE(set_typed(base, std::span(&o, 1), &why));
    EXPECT_NE(why.find("not a typed path"), std::string::npos) << why;
  }
  Override append = override_of("policies", "{name: x, type: border_closure, actor: NTH}", false);
  append.append = true;
  EXPECT_FALSE(set_typed(base, std::span(&append, 1)));
}

TEST(TypedVariants, BadValuesAreRefusedAndReportedAsTheYamlRouteReportsThem) {
  int cases = 0;
  std::set<std::string> seen;  // each row once, in the first file that has it
  for (const std::string& file : {kMinimal, kLayer2}) {
    const ScenarioSource source = ScenarioSource::from_file(file);
    const TypedBase base = read_typed_base(source);
    const ResultsLayout layout = results_layout(base.scenario);
    for (const auto& p : parameter_table()) {
      if (p.read_by_hand) continue;
      const std::vector<std::string> paths = typed_paths(base.scenario, p);
      if (paths.empty() || !seen.insert(fmt::format("{}.{}", p.section, p.key)).second) continue;
      const std::vector<std::string> values = bad_values(p);
      for (std::size_t k = 0; k < values.size(); ++k) {
        // Located in an experiment file, or named as --set.
        const Override o = override_of(paths.front(), values[k], k % 2 == 0);
        SCOPED_TRACE(fmt::format("{}: {} (origin: {})", file, o.text, o.origin_file));
        EXPECT_FALSE(set_typed(base, std::span(&o, 1)));
        const auto want = problems_of([&] { return source.instantiate(std::span(&o, 1)); });
        ASSERT_FALSE(want.empty()) << "the YAML route accepts it";
        const auto got = problems_of([&] {
          return make_variant(
              &base, std::span(&o, 1), source, [&] { return std::vector<Override>{o}; }, layout, 0);
        });
        EXPECT_EQ(got, want);
        ++cases;
      }
    }
  }
  EXPECT_GT(cases, 1000);
}

TEST(TypedVariants, ChecksAcrossFieldsAreTheLoadersAndReportedWhereItReportsThem) {
  struct Case {
    std::string file;
    std::vector<std::string> shared;  ///< the base's own overrides (YAML route)
    std::vector<std::string> sets;    ///< set typed on it
    std::string check;                ///< in set_typed's reason
  };
  const std::vector<Case> cases = {
      {kMinimal, {}, {"ladder.hold.enabled=false"}, "'hold' cannot be disabled"},
      {kMinimal, {}, {"actors.NTH.doctrine.lag_probabilities=[0.5, 0.4]"}, "sum to 0.9"},
      {kLayer2, {}, {"actors.NTH.doctrine.lag_probabilities=[0.7]"}, "sum to 0.7"},
      {kLayer2, {}, {"policies.doctrine_on.doctrine.lag_probabilities=[0.2, 0.2]"}, "sum to 0.4"},
      {kLayer2, {}, {"population.people_per_agent=0.001"}, "citizen agents"},
      {kMinimal, {}, {"population.people_per_agent=0.001"}, "citizen agents"},
      // Located elsewhere than the overrides set typed: at the base's own override, or in the file.
      {kLayer2,
       {"population.people_per_agent=1"},
       {"districts.town.population=1e10"},
       "citizen agents"},
      {kMinimal, {"days=50"}, {"districts.valley.attack_rate_per_day=0.5"}, "attack_group"},
      {kMinimal, {}, {"attack_types.ied.share=0", "attack_types.raid.share=0"}, "share 0"},
  };
  for (const auto& c : cases) {
    const ScenarioSource source = ScenarioSource::from_file(c.file);
    std::vector<Override> shared, overrides;
    for (const auto& s : c.shared) shared.push_back(parse_override(s));
    for (const auto& s : c.sets) overrides.push_back(parse_override(s));
    const TypedBase base = read_typed_base(source, shared);
    SCOPED_TRACE(
        fmt::format("{}: {} then {}", c.file, fmt::join(c.shared, " "), fmt::join(c.sets, " ")));
    std::string why;
    EXPECT_FALSE(set_typed(base, overrides, &why));
    EXPECT_NE(why.find(c.check), std::string::npos) << why;
    const auto all = joined(shared, overrides);
    const auto want = problems_of([&] { return source.instantiate(all); });
    ASSERT_FALSE(want.empty());
    const auto got = problems_of([&] {
      return make_variant(
          &base, overrides, source, [&] { return all; }, results_layout(base.scenario),
          shared.size());
    });
    EXPECT_EQ(got, want);
  }
}

TEST(TypedVariants, ARunOfATypedVariantIsTheRunOfTheYamlRoute) {
  const ScenarioSource source = ScenarioSource::from_file(kSeed);
  const TypedBase base = read_typed_base(source, std::vector{override_of("days", "61", false)});
  // Design values as sweeps write them (the shortest text of the double).
  const std::vector<Override> point = {
      override_of("actors.PAK.rationality", fmt::format("{}", 4 + 16 * 0.7071067811865476), true),
      override_of("talks.agree_base", fmt::format("{}", 0.1 + 0.5 * 0.1), true),
      override_of("operations.lethality", fmt::format("{}", 0.15 + 0.3 / 3), true),
      override_of("strategic.level_window_days", "5", true)};
  const auto typed = set_typed(base, point);
  ASSERT_TRUE(typed);
  std::vector<Override> all = {override_of("days", "61", false)};
  all.insert(all.end(), point.begin(), point.end());
  const Scenario yaml = source.instantiate(all);
  EXPECT_EQ(dump(*typed), dump(yaml));
  EXPECT_EQ(typed->resolved, yaml.resolved);
  Digest a, b;
  for (std::uint64_t seed : {1u, 2u}) {
    a.add(simulate(*typed, RunPlan{0, seed, 0}));
    b.add(simulate(yaml, RunPlan{0, seed, 0}));
  }
  EXPECT_EQ(a.hex(), b.hex());
}

// ------------------------------------------------------------------------------------------------
// Sweeps and comparisons.

const std::string kExperiments = std::string(FLASHPOINT_TEST_DATA_DIR) + "/experiments";

void expect_same(const Scenario& typed, const Scenario& yaml) {
  EXPECT_EQ(dump(typed), dump(yaml));
  EXPECT_EQ(typed.resolved, yaml.resolved);
}

TEST(TypedVariants, SweepPointsAreTheVariantsOfTheYamlRoute) {
  const Sweep sweep(load_sweep(kExperiments + "/sweep_small.yaml"));
  EXPECT_TRUE(sweep.typed());
  const SweepSpec& spec = sweep.spec();
  const ScenarioSource source = ScenarioSource::from_file(spec.scenario_path);
  const ResultsLayout layout = results_layout(sweep.base());
  for (std::size_t p = 0; p < sweep.points(); ++p) {
    SCOPED_TRACE(p);
    const auto point =
        design_point_overrides(spec.design, design_point_values(spec.design, sweep.design(), p));
    expect_same(sweep.experiment().make_scenario(p),
                instantiate_variant(source, joined(spec.fixed, point), layout, spec.fixed.size()));
  }
}

TEST(TypedVariants, ComparisonOptionsAreReadOnceAndTheEnsembleIsSetTyped) {
  const Comparison c(load_comparison(kExperiments + "/compare_small.yaml"));
  const CompareSpec& spec = c.spec();
  const ScenarioSource source = ScenarioSource::from_file(spec.scenario_path);
  const ResultsLayout layout = results_layout(c.base());
  for (std::size_t o = 0; o < spec.options.size(); ++o) {
    EXPECT_TRUE(c.typed(o)) << spec.options[o].name;  // operations.* against policies
    for (std::size_t p = 0; p < c.scenarios(); ++p) {
      SCOPED_TRACE(fmt::format("option {}, point {}", o, p));
      const auto point = design_point_overrides(
          *spec.ensemble, design_point_values(*spec.ensemble, c.ensemble(), p));
      const auto all = joined(joined(spec.fixed, point), spec.options[o].overrides);
      expect_same(c.experiment().make_scenario(o * c.scenarios() + p),
                  instantiate_variant(source, all, layout, spec.fixed.size()));
    }
  }
}

class TypedComparison : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("flashpoint_typed_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  /// A comparison of minimal.yaml with `body` (ensemble and options).
  std::string comparison(const std::string& body) const {
    const std::string path = (dir_ / "comparison.yaml").string();
    std::ofstream(path) << "kind: comparison\nscenario: " << kMinimal
                        << "\nreplicates: 2\nseed: 3\nstatus_quo: status_quo\n"
                        << body;
    return path;
  }
  std::filesystem::path dir_;
};

TEST_F(TypedComparison, AnOptionInTheEnsemblesSectionTakesTheYamlRoute) {
  // The ensemble's value comes before the option's in the YAML route: the option's 90 wins.
  const Comparison c(load_comparison(comparison(R"(ensemble:
  parameters:
    - {path: policies.close_on_clash.min_days, distribution: integers, low: 1, high: 60}
    - {path: actors.STH.resolve, low: 0.2, high: 0.8}
  design: {kind: latin_hypercube, samples: 4}
options:
  - name: status_quo
  - name: longer
    set: {policies.close_on_clash.min_days: 90}
  - name: capable
    set: {actors.NTH.capability: 0.9}
  - name: added
    policies:
      - {name: extra, type: border_closure, actor: STH, min_days: 7}
)")));
  EXPECT_TRUE(c.typed(0));
  EXPECT_FALSE(c.typed(1));  // policies, as the ensemble
  EXPECT_FALSE(c.typed(2));  // actors, as the ensemble
  EXPECT_FALSE(c.typed(3));  // adds to policies
  const CompareSpec& spec = c.spec();
  const ScenarioSource source = ScenarioSource::from_file(spec.scenario_path);
  const ResultsLayout layout = results_layout(c.base());
  for (std::size_t o = 0; o < spec.options.size(); ++o) {
    for (std::size_t p = 0; p < c.scenarios(); ++p) {
      SCOPED_TRACE(fmt::format("option {}, point {}", o, p));
      const auto point = design_point_overrides(
          *spec.ensemble, design_point_values(*spec.ensemble, c.ensemble(), p));
      const Scenario sc = c.experiment().make_scenario(o * c.scenarios() + p);
      expect_same(sc, instantiate_variant(
                          source, joined(joined(spec.fixed, point), spec.options[o].overrides),
                          layout, spec.fixed.size()));
      if (o == 1) {
        EXPECT_EQ(sc.policies[0].closure_min_days, 90);
      }
    }
  }
}

TEST_F(TypedComparison, AnEnsembleOverAPolicyAnOptionAddsIsRefusedAsBefore) {
  // In the YAML route the ensemble's values are set before the option adds its policy.
  const std::string path = comparison(R"(ensemble:
  parameters:
    - {path: policies.extra.min_days, distribution: integers, low: 1, high: 60}
  design: {kind: latin_hypercube, samples: 2}
options:
  - name: status_quo
  - name: added
    policies:
      - {name: extra, type: border_closure, actor: STH, min_days: 7}
)");
  const auto problems = problems_of([&] { return Comparison(load_comparison(path)).runs(); });
  ASSERT_FALSE(problems.empty());
  for (const auto& p : problems) {
    EXPECT_NE(p.find("no item of 'policies' has name 'extra'"), std::string::npos) << p;
  }
}

}  // namespace
}  // namespace flashpoint
