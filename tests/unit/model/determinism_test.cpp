// Golden determinism test (STYLE.md, habit 5): 16 replicates of each scenario, run on 1, 2 and
// 3 threads, must give the same Digest, and that Digest must equal the one stored in
// tests/data/golden/digests.txt (one line per scenario: "NAME HEX").
//
// The golden value changes whenever the model's behaviour does (a new default, a new draw, a
// reordered phase). After an INTENDED change, regenerate the file with one command from the
// source directory (BUILD is your build directory, e.g. build/det), then review and commit the new
// digests with the change:
//
//   FLASHPOINT_UPDATE_GOLDEN=1 ctest --test-dir BUILD -R Determinism
//
// (or, from BUILD: FLASHPOINT_UPDATE_GOLDEN=1 ./tests/flashpoint_unit_tests
// --gtest_filter='Determinism.*'). One test covers every scenario and rewrites the whole file.
// An unintended difference (the same code giving other numbers) is a bug: do not regenerate.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "experiment/digest.hpp"
#include "experiment/runner.hpp"
#include "model/simulation.hpp"
#include "scenario/loader.hpp"

namespace flashpoint {
namespace {

constexpr int kReplicates = 16;
const std::string kGoldenPath = std::string(FLASHPOINT_TEST_DATA_DIR) + "/golden/digests.txt";
constexpr const char* kUpdateCommand =
    "FLASHPOINT_UPDATE_GOLDEN=1 ctest --test-dir BUILD -R Determinism   (BUILD: your build "
    "directory)";

struct GoldenCase {
  std::string name;  ///< the key in digests.txt
  std::string path;  ///< scenario file
};

const std::vector<GoldenCase>& golden_cases() {
  static const std::vector<GoldenCase> cases{
      {"pak-afg-2025", std::string(FLASHPOINT_SOURCE_DIR) + "/scenarios/pak-afg-2025.yaml"},
      {"minimal", std::string(FLASHPOINT_TEST_DATA_DIR) + "/minimal.yaml"},
  };
  return cases;
}

std::string digest_of_replicates(const Scenario& sc, int threads) {
  const auto plans = replicate_plans(sc.seed, kReplicates);
  Digest digest;
  run_plans(
      plans, threads, [&](const RunPlan& p) { return simulate(sc, p); },
      [&](RunResult&& r) { digest.add(r); });
  return digest.hex();
}

/// name -> hex, from the golden file; empty when it does not exist.
std::map<std::string, std::string> read_golden() {
  std::map<std::string, std::string> entries;
  std::ifstream in(kGoldenPath);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string name, hex;
    if (fields >> name >> hex) entries[name] = hex;
  }
  return entries;
}

void write_golden(const std::vector<std::pair<std::string, std::string>>& digests) {
  std::ofstream out(kGoldenPath, std::ios::trunc);
  ASSERT_TRUE(out) << "cannot write " << kGoldenPath;
  out << "# Digest (src/experiment/digest.hpp) of " << kReplicates
      << " replicates, master seed = the scenario's seed.\n"
      << "# Written by tests/unit/model/determinism_test.cpp; regenerate with:\n"
      << "#   " << kUpdateCommand << "\n";
  for (const auto& [name, hex] : digests) out << name << ' ' << hex << '\n';
}

bool updating_golden() {
  const char* v = std::getenv("FLASHPOINT_UPDATE_GOLDEN");
  return v != nullptr && std::string(v) == "1";
}

TEST(Determinism, DigestIsTheSameOnAnyThreadCountAndMatchesTheGolden) {
  std::vector<std::pair<std::string, std::string>> digests;
  for (const GoldenCase& c : golden_cases()) {
    SCOPED_TRACE(c.name);
    const Scenario sc = load_scenario(c.path);

    // The reference: the plans simulated one after the other, without the runner.
    Digest serial;
    for (const RunPlan& p : replicate_plans(sc.seed, kReplicates)) serial.add(simulate(sc, p));

    const std::string one = digest_of_replicates(sc, 1);
    EXPECT_EQ(one, serial.hex()) << "the runner on 1 thread differs from a plain loop";
    for (int threads : {2, 3}) {
      EXPECT_EQ(digest_of_replicates(sc, threads), one)
          << threads << " threads differ from 1 thread";
    }
    EXPECT_EQ(digest_of_replicates(sc, 1), one) << "a second run in the same process differs";
    digests.emplace_back(c.name, one);
  }
  if (::testing::Test::HasFailure()) return;  // never write digests that depend on threads

  if (updating_golden()) {
    write_golden(digests);
    for (const auto& [name, hex] : digests) {
      std::cout << "[ golden   ] " << name << ' ' << hex << " written to " << kGoldenPath << '\n';
    }
    return;
  }
  const auto golden = read_golden();
  for (const auto& [name, hex] : digests) {
    const auto it = golden.find(name);
    if (it == golden.end()) {
      ADD_FAILURE() << "no golden digest for '" << name << "' in " << kGoldenPath
                    << "; create it with:\n  " << kUpdateCommand;
      continue;
    }
    EXPECT_EQ(hex, it->second)
        << name << ": the results differ from the golden digest in " << kGoldenPath << ".\n"
        << "If the model was changed on purpose (defaults, draws, phases), regenerate it with:\n  "
        << kUpdateCommand << "\nand commit the new digests with the change. Otherwise the same "
        << "code now gives other numbers: find out why before regenerating.";
  }
}

}  // namespace
}  // namespace flashpoint
