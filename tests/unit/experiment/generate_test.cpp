// `flashpoint generate` (src/experiment/generate.hpp): the synthetic scenario loads for several
// sizes, has the districts, sectors, cells and days asked for, the citizen agents the model
// creates equal --citizens (exactly for the sizes below; within D/2 in general), the text is
// reproducible, and a small one runs.
#include "experiment/generate.hpp"

#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "model/simulation.hpp"
#include "scenario/loader.hpp"

namespace flashpoint {
namespace {

/// Citizen agents as the model creates them (src/model/society.cpp, init_society).
std::int64_t agents_of(const Scenario& sc) {
  std::int64_t total = 0;
  for (const auto& d : sc.districts) {
    total += std::llround(d.population / sc.population.people_per_agent);
  }
  return total;
}

int cells_of(const Scenario& sc) {
  int cells = 0;
  for (const int g : sc.armed_groups()) {
    cells += static_cast<int>(sc.actors[static_cast<std::size_t>(g)].armed_group.cells.size());
  }
  return cells;
}

GenerateOptions options(std::int64_t citizens, int districts, int sectors, int cells, int days,
                        std::uint64_t seed = 1) {
  GenerateOptions o;
  o.citizens = citizens;
  o.districts = districts;
  o.sectors = sectors;
  o.cells = cells;
  o.days = days;
  o.seed = seed;
  return o;
}

TEST(Generate, LoadsWithTheSizesAskedFor) {
  const std::vector<GenerateOptions> cases = {
      options(1'000'000, 40, 20, 20, 100),  // the defaults
      options(10'000, 10, 5, 10, 30),
      options(1, 2, 1, 0, 1),
      options(7, 3, 1, 1, 2),
      options(123'457, 11, 5, 3, 365),
      options(100'000'000, 40, 20, 20, 100),
      options(1'000'000, 1000, 500, 2000, 10),
  };
  for (const GenerateOptions& o : cases) {
    SCOPED_TRACE(::testing::Message()
                 << "citizens " << o.citizens << ", districts " << o.districts << ", sectors "
                 << o.sectors << ", cells " << o.cells << ", days " << o.days);
    const std::string yaml = generate_scenario_yaml(o);
    Scenario sc;
    ASSERT_NO_THROW(sc = load_scenario_text(yaml, "generated.yaml"));
    EXPECT_EQ(sc.districts.size(), static_cast<std::size_t>(o.districts));
    EXPECT_EQ(sc.sectors.size(), static_cast<std::size_t>(o.sectors));
    EXPECT_EQ(cells_of(sc), o.cells);
    EXPECT_EQ(sc.days, o.days);
    EXPECT_EQ(sc.seed, o.seed);
    EXPECT_EQ(sc.states().size(), 2u);
    EXPECT_EQ(sc.armed_groups().size(), 1u);
    EXPECT_EQ(sc.mediators().size(), 2u);
    EXPECT_FALSE(sc.crossings.empty());
    EXPECT_EQ(sc.refugees.size(), 1u);
    EXPECT_EQ(sc.relations.size(), 2u);
    // Every sector has posts on both sides.
    for (const auto& s : sc.sectors) {
      ASSERT_EQ(s.posts.size(), 2u);
      EXPECT_NE(s.posts[0].side, s.posts[1].side);
      EXPECT_GT(s.posts[0].count, 0);
      EXPECT_GT(s.posts[1].count, 0);
    }
    // Half the districts on each side.
    int north = 0;
    for (const auto& d : sc.districts) north += d.state == sc.actor_index("NTH") ? 1 : 0;
    EXPECT_EQ(north, o.districts - o.districts / 2);
    // One policy of every type.
    std::set<PolicyType> types;
    for (const auto& p : sc.policies) types.insert(p.type);
    EXPECT_EQ(types.size(), policy_type_names().size());

    // The citizens: the count the model creates is the one asked for, and the one stated.
    const CitizenPlan plan = plan_citizens(o);
    EXPECT_EQ(agents_of(sc), plan.citizens);
    EXPECT_EQ(sc.population.people_per_agent, plan.people_per_agent);
    EXPECT_LE(std::llabs(plan.citizens - o.citizens), o.districts / 2);  // the documented bound
    EXPECT_EQ(plan.citizens, o.citizens);                                // exact for these sizes
    EXPECT_GE(plan.people_per_agent, 1.0);
    EXPECT_NE(
        yaml.find(fmt::format("# Citizen agents: {} (asked for {})", plan.citizens, o.citizens)),
        std::string::npos);
  }
}

TEST(Generate, CitizenCountIsExactOverManySizes) {
  // Sizes from 1 to 1e9 on the default layout and on small layouts.
  for (const int districts : {2, 7, 40, 1000}) {
    for (std::int64_t n = 1; n <= kGenerateMaxCitizens; n = n * 3 + 1) {
      GenerateOptions o = options(n, districts, 1, 1, 10);
      const CitizenPlan plan = plan_citizens(o);
      EXPECT_EQ(plan.citizens, citizen_agents(plan.populations, plan.people_per_agent));
      EXPECT_LE(std::llabs(plan.citizens - n), districts / 2) << n << " in " << districts;
      EXPECT_EQ(plan.citizens, n) << n << " in " << districts;
    }
  }
}

TEST(Generate, SameOptionsSameTextAndTheSeedIsUsed) {
  const GenerateOptions o = options(50'000, 12, 6, 8, 60, 42);
  EXPECT_EQ(generate_scenario_yaml(o), generate_scenario_yaml(o));
  GenerateOptions other = o;
  other.seed = 43;
  EXPECT_NE(generate_scenario_yaml(o), generate_scenario_yaml(other));
  EXPECT_EQ(load_scenario_text(generate_scenario_yaml(other), "g.yaml").seed, 43u);
}

TEST(Generate, StaysValidWhenARunIsShortened) {
  // Every day the file names is at most 5: `flashpoint run --days N` works down to N = 6.
  const std::string yaml = generate_scenario_yaml(options(20'000, 40, 20, 20, 365));
  for (const int days : {6, 30, 100, 1000}) {
    const std::vector<Override> days_override = {parse_override(fmt::format("days={}", days))};
    EXPECT_NO_THROW((void)load_scenario_text(yaml, "g.yaml", days_override)) << days;
  }
}

TEST(Generate, UsesNoNameOfTheSeedCase) {
  const std::string yaml = generate_scenario_yaml(options(1'000'000, 40, 20, 20, 100));
  std::string lower = yaml;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // Built from pieces so that this file stays free of them too (check_no_case_names.sh).
  for (const std::string& name : {std::string("pak") + "istan", std::string("afgh") + "anistan",
                                  std::string("tor") + "kham", std::string("tali") + "ban"}) {
    EXPECT_EQ(lower.find(name), std::string::npos) << name;
  }
}

TEST(Generate, RejectsOptionsOutOfRange) {
  const auto rejects = [](const GenerateOptions& o, const std::string& key) {
    try {
      (void)generate_scenario_yaml(o);
    } catch (const InputError& e) {
      ASSERT_FALSE(e.problems().empty());
      EXPECT_EQ(e.problems().front().key, key);
      return;
    }
    ADD_FAILURE() << "accepted " << key;
  };
  rejects(options(0, 40, 20, 20, 100), "--citizens");
  rejects(options(-5, 40, 20, 20, 100), "--citizens");
  rejects(options(kGenerateMaxCitizens + 1, 40, 20, 20, 100), "--citizens");
  rejects(options(1000, 0, 1, 20, 100), "--districts");
  rejects(options(1000, 1, 1, 20, 100), "--districts");
  rejects(options(1000, 40, 21, 20, 100), "--sectors");  // 20 districts on the south side
  rejects(options(1000, 41, 21, 20, 100), "--sectors");
  rejects(options(1000, 40, 0, 20, 100), "--sectors");
  rejects(options(1000, 40, 20, -1, 100), "--cells");
  rejects(options(1000, 40, 20, 20, 0), "--days");
  rejects(options(1000, 40, 20, 20, 100, kGenerateMaxSeed + 1), "--seed");
}

TEST(Generate, SmallScenarioRunsAndProducesEvents) {
  const Scenario sc =
      load_scenario_text(generate_scenario_yaml(options(10'000, 10, 5, 10, 30)), "small.yaml");
  ASSERT_EQ(agents_of(sc), 10'000);
  const RunResult r = simulate(sc, RunPlan{0, 12345, 0});
  EXPECT_EQ(r.escalation.size(), 30u);
  EXPECT_FALSE(r.events.empty());
  EXPECT_GE(r.attacks, 1);  // at least the scripted one
}

}  // namespace
}  // namespace flashpoint
