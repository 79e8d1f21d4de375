// The engine's runs in memory (run_in_memory, what `flashpoint run` uses) against plain loops of
// simulate(), its choice of threads (choose_threads, shared with execute()), and the progress
// reports of both (a report function that throws Interrupted stops the runs as a signal does).
#include "experiment/engine.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/interrupt.hpp"
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

TEST(RunInMemory, ReportsProgressOfStageRunFromStartToTheLastRun) {
  const std::vector<Scenario> variants{load_with("minimal.yaml")};
  const ExperimentRuns e = replicates_of(variants, 5);
  std::vector<ProgressUpdate> seen;
  int results = 0;
  run_in_memory(
      e, 2, [&](RunResult&&) { ++results; }, nullptr,
      [&](const ProgressUpdate& u) { seen.push_back(u); });
  EXPECT_EQ(results, 5);
  ASSERT_GE(seen.size(), 2u);
  EXPECT_EQ(seen.front().stage, "run");
  EXPECT_EQ(seen.front().done, 0);
  EXPECT_FALSE(seen.front().finished);
  EXPECT_EQ(seen.back().done, 5);
  EXPECT_EQ(seen.back().total, 5);
  EXPECT_TRUE(seen.back().finished);
  for (std::size_t k = 0; k + 1 < seen.size(); ++k) EXPECT_FALSE(seen[k].finished);
}

TEST(RunInMemory, AReportFunctionThatThrowsInterruptedStopsTheRuns) {
  const std::vector<Scenario> variants{load_with("minimal.yaml")};
  const ExperimentRuns e = replicates_of(variants, 50);
  int results = 0;
  EXPECT_THROW(run_in_memory(
                   e, 2, [&](RunResult&&) { ++results; }, nullptr,
                   [](const ProgressUpdate&) { throw Interrupted("enough"); }),
               Interrupted);
  EXPECT_EQ(results, 0);  // thrown by the first report, before any run
  EXPECT_FALSE(interrupt_requested());
}

/// A sweep-like experiment of `runs` replicates with its journals in a folder of its own.
class ExecuteProgress : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           ("flashpoint_execute_" + std::to_string(::getpid()) + "_" + info->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  ExperimentRuns experiment(std::int64_t runs) const {
    ExperimentRuns e = replicates_of(variants_, runs);
    e.kind = "sweep";
    e.hash = 0x5eed;
    return e;
  }
  ExecuteOptions options() const {
    ExecuteOptions o;
    o.output = (dir_ / "out.h5").string();
    o.threads = 2;
    return o;
  }

  std::vector<Scenario> variants_{load_with("minimal.yaml")};
  std::filesystem::path dir_;
};

TEST_F(ExecuteProgress, ReportsEveryRunOfTheStageCountingRunsJournaledBefore) {
  const ExperimentRuns e = experiment(6);
  ExecuteOptions o = options();
  std::vector<ProgressUpdate> seen;
  o.on_progress = [&](const ProgressUpdate& u) { seen.push_back(u); };
  const ExecuteReport r = execute(e, o, world());
  EXPECT_TRUE(r.complete);
  ASSERT_GE(seen.size(), 2u);
  EXPECT_EQ(seen.front().stage, "sweep");
  EXPECT_EQ(seen.front().done, 0);
  EXPECT_EQ(seen.back().done, 6);
  EXPECT_EQ(seen.back().total, 6);
  EXPECT_TRUE(seen.back().finished);
  // Again with --resume: every run is journaled; the only reports say so.
  seen.clear();
  o.resume = true;
  const ExecuteReport again = execute(e, o, world());
  EXPECT_EQ(again.already_done, 6);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].done, 6);
  EXPECT_FALSE(seen[0].finished);
  EXPECT_EQ(seen[1].done, 6);
  EXPECT_TRUE(seen[1].finished);
}

TEST_F(ExecuteProgress, AReportFunctionThatThrowsInterruptedStopsAsASignalAndTheRunsResume) {
  const ExperimentRuns e = experiment(24);
  ExecuteOptions o = options();
  int calls = 0;
  o.on_progress = [&](const ProgressUpdate& u) {
    ++calls;
    // The first report waits out the pace, so that the next comes with the first run, when
    // others are in flight; that one asks to stop.
    if (calls == 1) std::this_thread::sleep_for(std::chrono::duration<double>(kProgressSeconds));
    if (u.done > 0 || u.finished) throw Interrupted("enough");
  };
  const ExecuteReport stopped = execute(e, o, world());
  EXPECT_TRUE(stopped.interrupted);
  EXPECT_FALSE(stopped.time_limit);
  EXPECT_FALSE(interrupt_requested());  // lowered again: only this work stopped
  EXPECT_EQ(calls, 2);                  // never called after it threw
  EXPECT_GE(stopped.present, 1);        // the runs in flight finished and were journaled
  // No run starts after the stop; at most a window of runs ahead of the first were in flight.
  EXPECT_LT(stopped.present, e.runs);
  EXPECT_FALSE(stopped.complete);

  o.on_progress = nullptr;
  o.resume = true;
  const ExecuteReport resumed = execute(e, o, world());
  EXPECT_FALSE(resumed.interrupted);
  EXPECT_TRUE(resumed.complete);
  EXPECT_EQ(resumed.already_done, stopped.present);
  // The journals hold every run once, as run_in_memory makes them.
  Digest from_journals, in_memory;
  for_each_journaled_run(parts_dir_of(o.output), e, [&](RunResult&& r) { from_journals.add(r); });
  run_in_memory(e, 1, [&](RunResult&& r) { in_memory.add(r); });
  EXPECT_EQ(from_journals.hex(), in_memory.hex());
}

TEST_F(ExecuteProgress, AStopAskedAtTheFirstReportRunsNothing) {
  const ExperimentRuns e = experiment(4);
  ExecuteOptions o = options();
  o.on_progress = [](const ProgressUpdate&) { throw Interrupted("not now"); };
  const ExecuteReport r = execute(e, o, world());
  EXPECT_TRUE(r.interrupted);
  EXPECT_EQ(r.present, 0);
  EXPECT_FALSE(interrupt_requested());
}

}  // namespace
}  // namespace flashpoint

namespace flashpoint {
namespace {

// Shards started together both prepare OUT.parts: the one that does not make it must take the
// other's folder, not fail (it used to fail with "File exists", or refuse the folder while its
// marker was not yet written, and its partner then waited for it for ever).
TEST(PartsDir, ProcessesStartedTogetherShareTheFolder) {
  const auto base =
      std::filesystem::temp_directory_path() / ("flashpoint_parts_" + std::to_string(::getpid()));
  std::filesystem::remove_all(base);
  std::filesystem::create_directories(base);
  int failures = 0;
  for (int round = 0; round < 200; ++round) {
    const std::string dir = (base / ("out" + std::to_string(round) + ".h5.parts")).string();
    std::vector<std::thread> starters;
    std::atomic<int> failed{0};
    for (int k = 0; k < 2; ++k) {
      starters.emplace_back([&] {
        try {
          prepare_parts_dir(dir, "out.h5");
        } catch (const std::exception&) {
          ++failed;
        }
      });
    }
    for (auto& t : starters) t.join();
    failures += failed.load();
    EXPECT_TRUE(std::filesystem::exists(std::filesystem::path(dir) / ".flashpoint-journals"));
  }
  EXPECT_EQ(failures, 0);
  // Nothing left beside the folders (no half-made folder of a starter that lost).
  int entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(base)) ++entries;
  EXPECT_EQ(entries, 200);
  std::filesystem::remove_all(base);
}

// A process killed between mkdtemp and the rename leaves OUT.parts.new-XXXXXX with the marker
// alone; the next holder of the lock to finish the output removes it, and nothing else.
TEST(PartsDir, UnfinishedFoldersOfAKilledProcessAreRemovedWithTheJournals) {
  namespace fs = std::filesystem;
  const auto base =
      fs::temp_directory_path() / ("flashpoint_parts_new_" + std::to_string(::getpid()));
  fs::remove_all(base);
  fs::create_directories(base);
  const std::string dir = (base / "out.h5.parts").string();
  prepare_parts_dir(dir, "out.h5");
  const auto marker_copy = [&](const fs::path& folder) {
    fs::create_directory(folder);
    fs::copy_file(fs::path(dir) / ".flashpoint-journals", folder / ".flashpoint-journals");
  };
  marker_copy(base / "out.h5.parts.new-a1B2c3");           // killed after the marker: removed
  fs::create_directory(base / "out.h5.parts.new-zZ9yY8");  // killed before it: removed
  marker_copy(base / "out.h5.parts.new-keep01");  // the user's file beside the marker: kept
  std::ofstream(base / "out.h5.parts.new-keep01" / "notes.txt") << "mine\n";
  marker_copy(base / "out.h5.parts.new-toolong");   // not a mkdtemp name: kept
  marker_copy(base / "other.h5.parts.new-abcdef");  // another output's: kept
  fs::create_directory(base / "target");
  fs::create_directory_symlink(base / "target", base / "out.h5.parts.new-link01");  // kept
  remove_parts(dir);
  EXPECT_FALSE(fs::exists(dir));
  EXPECT_FALSE(fs::exists(base / "out.h5.parts.new-a1B2c3"));
  EXPECT_FALSE(fs::exists(base / "out.h5.parts.new-zZ9yY8"));
  EXPECT_TRUE(fs::exists(base / "out.h5.parts.new-keep01" / "notes.txt"));
  EXPECT_TRUE(fs::exists(base / "out.h5.parts.new-keep01" / ".flashpoint-journals"));
  EXPECT_TRUE(fs::exists(base / "out.h5.parts.new-toolong" / ".flashpoint-journals"));
  EXPECT_TRUE(fs::exists(base / "other.h5.parts.new-abcdef" / ".flashpoint-journals"));
  EXPECT_TRUE(fs::is_symlink(base / "out.h5.parts.new-link01"));
  EXPECT_TRUE(fs::is_directory(base / "target"));
  fs::remove_all(base);
}
}  // namespace
}  // namespace flashpoint
