// The engine's runs in memory (run_in_memory, what `flashpoint run` uses) against plain loops of
// simulate(), and its choice of threads (choose_threads, shared with execute()).
#include "experiment/engine.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "experiment/digest.hpp"
#include "experiment/memory.hpp"
#include "experiment/runner.hpp"
#include "model/phases.hpp"
#include "scenario/loader.hpp"

namespace flashpoint {
namespace {

const std::string kData = FLASHPOINT_TEST_DATA_DIR;

Scenario load_with(const std::string& file, const std::vector<std::string>& sets = {}) {
  std::vector<Override> overrides;
  for (const auto& s : sets) overrides.push_back(parse_override(s));
  return load_scenario(kData + "/" + file, overrides);
}

/// `runs` replicates of the variants, run r of variant r % variants.size() (as `run` describes
/// its replicates, with one variant).
ExperimentRuns replicates_of(const std::vector<Scenario>& variants, std::int64_t runs) {
  ExperimentRuns e;
  e.kind = "run";
  e.runs = runs;
  e.keep = KeepLevel::kEvents;
  e.plan = [](std::int64_t run) { return replicate_plan(7, run); };
  e.variant = [n = variants.size()](std::int64_t run) { return static_cast<std::size_t>(run) % n; };
  e.make_scenario = [&variants](std::size_t v) { return variants[v]; };
  e.base = &variants[0];
  return e;
}

TEST(RunInMemory, HandsOverEveryRunInOrderAsAPlainLoopWould) {
  const std::vector<Scenario> variants{load_with("minimal.yaml"),
                                       load_with("minimal.yaml", {"actors.NTH.rationality=4"})};
  const ExperimentRuns e = replicates_of(variants, 9);
  Digest serial;
  for (std::int64_t r = 0; r < e.runs; ++r) {
    serial.add(simulate(variants[static_cast<std::size_t>(r) % 2], replicate_plan(7, r)));
  }
  for (int threads : {1, 2, 3}) {
    SCOPED_TRACE(threads);
    std::vector<std::int64_t> order;
    Digest digest;
    run_in_memory(e, threads, [&](RunResult&& r) {
      order.push_back(r.run);
      digest.add(r);
    });
    ASSERT_EQ(order.size(), 9u);
    for (std::size_t k = 0; k < order.size(); ++k)
      EXPECT_EQ(order[k], static_cast<std::int64_t>(k));
    EXPECT_EQ(digest.hex(), serial.hex());
  }
}

TEST(RunInMemory, WithAProfileTimesEveryDayOfEveryRunAndGivesTheSameResults) {
  const std::vector<Scenario> variants{load_with("minimal.yaml")};
  const ExperimentRuns e = replicates_of(variants, 4);
  Digest plain, profiled;
  run_in_memory(e, 2, [&](RunResult&& r) { plain.add(r); });
  PhaseProfile profile;
  run_in_memory(
      e, 2, [&](RunResult&& r) { profiled.add(r); }, &profile);
  EXPECT_EQ(profiled.hex(), plain.hex());
  EXPECT_EQ(profile.days, 4LL * variants[0].days);
  EXPECT_GT(profile.setup_seconds, 0.0);
}

TEST(ChooseThreads, NeverMoreThreadsThanRuns) {
  const std::vector<Scenario> variants{load_with("minimal.yaml")};
  ExperimentRuns e = replicates_of(variants, 3);
  for (const Scenario* base : {&variants[0], static_cast<const Scenario*>(nullptr)}) {
    e.base = base;  // the minimal scenario fits on any machine; null: no check
    const ThreadChoice many = choose_threads(e, 8, true);
    EXPECT_EQ(many.wanted, 3);
    EXPECT_EQ(many.threads, 3);
    const ThreadChoice two = choose_threads(e, 2, false);
    EXPECT_EQ(two.wanted, 2);
    EXPECT_EQ(two.threads, 2);
    EXPECT_EQ(choose_threads(e, 0, false).threads, 1);
  }
}

TEST(ChooseThreads, RefusesOrLowersThreadsThatDoNotFitInMemory) {
  if (!available_memory()) GTEST_SKIP() << "no /proc/meminfo: no memory check here";
  // About 2.2 GiB a run (1.9e8 citizen agents): 4096 at once need 9 TiB.
  const std::vector<Scenario> variants{
      load_with("layer2.yaml", {"population.people_per_agent=0.006"})};
  ExperimentRuns e = replicates_of(variants, 4096);
  EXPECT_THROW((void)choose_threads(e, 4096, true), InputError);  // the user's count: refused
  try {
    const ThreadChoice fewer = choose_threads(e, 4096, false);  // else: as many as fit
    EXPECT_EQ(fewer.wanted, 4096);
    EXPECT_LT(fewer.threads, 4096);
    EXPECT_GE(fewer.threads, 1);
  } catch (const InputError&) {
    // Not even one run fits on this machine: refused all the same.
  }
  e.base = nullptr;  // no base, no check
  EXPECT_EQ(choose_threads(e, 4096, true).threads, 4096);
}

}  // namespace
}  // namespace flashpoint
