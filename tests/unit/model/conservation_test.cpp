// What whole runs must conserve or keep in range, every day, on tests/data/layer2.yaml and the
// seed scenario scenarios/pak-afg-2025.yaml: posts (held by someone, never created or lost),
// refugees (hosted plus returned equals the initial stocks), displaced people (between none and
// the whole population), fighters (never negative) and the host's tolerance (within
// [sigma_floor, 1]).
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "experiment/runner.hpp"
#include "model/simulation.hpp"
#include "scenario/loader.hpp"

namespace flashpoint {
namespace {

struct Case {
  std::string path;
  int replicates;
};

const Case kCases[] = {
    {std::string(FLASHPOINT_TEST_DATA_DIR) + "/layer2.yaml", 40},
    {std::string(FLASHPOINT_SOURCE_DIR) + "/scenarios/pak-afg-2025.yaml", 12},
};

class Conservation : public ::testing::TestWithParam<Case> {
 protected:
  void SetUp() override {
    sc_ = load_scenario(GetParam().path, {});
    for (const RunPlan& p : replicate_plans(sc_.seed, GetParam().replicates)) {
      runs_.push_back(simulate(sc_, p));
    }
  }

  [[nodiscard]] std::size_t days() const { return static_cast<std::size_t>(sc_.days); }
  [[nodiscard]] std::size_t states() const { return sc_.states().size(); }
  [[nodiscard]] std::size_t groups() const { return sc_.armed_groups().size(); }

  Scenario sc_;
  std::vector<RunResult> runs_;
};

TEST_P(Conservation, PostsAreNeitherCreatedNorLost) {
  std::int64_t posts = 0;
  for (const auto& sector : sc_.sectors) {
    for (const auto& group : sector.posts) posts += group.count;
  }
  ASSERT_GT(posts, 0);
  const std::size_t S = states();
  bool changed_hands = false;
  for (const RunResult& r : runs_) {
    for (std::size_t d = 0; d < days(); ++d) {
      std::int64_t held = 0;
      for (std::size_t s = 0; s < S; ++s) {
        EXPECT_GE(r.posts_held[d * S + s], 0);
        held += r.posts_held[d * S + s];
      }
      ASSERT_EQ(held, posts) << "run " << r.run << ", day " << d;
    }
    for (auto captured : r.posts_captured) changed_hands |= captured > 0;
  }
  // The check means something only if posts move between states in some run.
  EXPECT_TRUE(changed_hands);
}

TEST_P(Conservation, RefugeesHostedPlusReturnedEqualTheInitialStocks) {
  double initial = 0;
  for (const auto& pop : sc_.refugees) {
    for (double v : pop.stock) initial += v;
  }
  ASSERT_GT(initial, 0);
  const std::size_t S = states();
  for (const RunResult& r : runs_) {
    double returned = 0;
    for (std::size_t d = 0; d < days(); ++d) {
      double hosted = 0;
      for (std::size_t s = 0; s < S; ++s) {
        EXPECT_GE(r.refugees[d * S + s], 0);
        EXPECT_GE(r.returnees_daily[d * S + s], 0);
        hosted += r.refugees[d * S + s];
        returned += r.returnees_daily[d * S + s];
      }
      ASSERT_NEAR(hosted + returned, initial, 1e-9 * initial) << "run " << r.run << ", day " << d;
    }
    EXPECT_GT(returned, 0) << "run " << r.run;
    EXPECT_NEAR(r.returnees, returned, 1e-9 * initial) << "run " << r.run;
  }
}

TEST_P(Conservation, DisplacedAreBetweenNoneAndTheWholePopulation) {
  const std::size_t S = states();
  const std::vector<int> state_actors = sc_.states();
  std::vector<double> population(S, 0.0);
  for (const auto& d : sc_.districts) {
    const auto s = std::find(state_actors.begin(), state_actors.end(), d.state);
    ASSERT_NE(s, state_actors.end()) << d.id;
    population[static_cast<std::size_t>(s - state_actors.begin())] += d.population;
  }
  double most = 0;
  for (const RunResult& r : runs_) {
    for (std::size_t d = 0; d < days(); ++d) {
      for (std::size_t s = 0; s < S; ++s) {
        const double displaced = r.displaced[d * S + s];
        EXPECT_GE(displaced, 0) << "run " << r.run << ", day " << d << ", state " << s;
        EXPECT_LE(displaced, population[s]) << "run " << r.run << ", day " << d << ", state " << s;
        most = std::max(most, displaced);
      }
    }
  }
  EXPECT_GT(most, 0);  // violence displaces somebody in some run
}

TEST_P(Conservation, FightersAreNeverNegative) {
  const std::size_t G = groups();
  ASSERT_GT(G, 0u);
  for (const RunResult& r : runs_) {
    for (std::size_t d = 0; d < days(); ++d) {
      for (std::size_t g = 0; g < G; ++g) {
        EXPECT_GE(r.fighters[d * G + g], 0) << "run " << r.run << ", day " << d;
        EXPECT_GE(r.cells[d * G + g], 0) << "run " << r.run << ", day " << d;
      }
    }
  }
}

TEST_P(Conservation, SanctuaryToleranceStaysWithinTheFloorAndOne) {
  const std::size_t G = groups();
  const double floor = sc_.insurgency.sigma_floor;
  for (const RunResult& r : runs_) {
    for (std::size_t d = 0; d < days(); ++d) {
      for (std::size_t g = 0; g < G; ++g) {
        const double sigma = r.sanctuary_tolerance[d * G + g];
        EXPECT_GE(sigma, floor) << "run " << r.run << ", day " << d;
        EXPECT_LE(sigma, 1.0) << "run " << r.run << ", day " << d;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Scenarios, Conservation, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& param) {
                           return param.index == 0 ? std::string("Layer2") : std::string("PakAfg");
                         });

}  // namespace
}  // namespace flashpoint
