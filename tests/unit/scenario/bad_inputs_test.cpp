// The bad-input catalogue (tests/data/bad): scenario/, sweep/ and comparison/ hold files that must
// be rejected. Each file's first line says where the first problem must be reported and what it
// must say: "# expect: LINE:COL: text". The folder says how the file is loaded, as `flashpoint
// validate`, `sweep` and `compare` load it (the CLI side is tests/integration/bad_inputs.cmake).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "experiment/record.hpp"

#include "core/error.hpp"
#include "experiment/calibrate.hpp"
#include "experiment/compare.hpp"
#include "experiment/specs.hpp"
#include "experiment/sweep.hpp"
#include "scenario/loader.hpp"

namespace flashpoint {
namespace {

namespace fs = std::filesystem;

const fs::path kBadDir = fs::path(FLASHPOINT_TEST_DATA_DIR) / "bad";
const char* const kKinds[] = {"scenario", "sweep", "comparison", "calibration"};

/// "KIND/NAME.yaml" for every file of the catalogue, sorted.
std::vector<std::string> bad_files(const std::string& only_kind = "") {
  std::vector<std::string> names;
  for (const char* kind : kKinds) {
    if (!only_kind.empty() && only_kind != kind) continue;
    for (const auto& e : fs::directory_iterator(kBadDir / kind)) {
      if (e.path().extension() == ".yaml") {
        names.push_back(std::string(kind) + "/" + e.path().filename().string());
      }
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

struct Expectation {
  int line = 0, column = 0;
  std::string text;
};

Expectation expectation_of(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string first;
  std::getline(in, first);
  static const std::regex kExpect(R"(^# expect: (\d+):(\d+): (.+)$)");
  std::smatch m;
  if (!std::regex_match(first, m, kExpect)) return {};
  return {std::stoi(m[1]), std::stoi(m[2]), m[3]};
}

/// Loads the file as its folder says; the problems it was rejected with (none if it loaded).
std::vector<Problem> problems_of(const std::string& kind, const std::string& path) {
  try {
    if (kind == "scenario") {
      check_record(load_scenario(path));  // as `flashpoint validate` checks a scenario
    } else if (kind == "sweep") {
      const Sweep sweep(load_sweep(path));
    } else if (kind == "calibration") {
      const Calibration calibration(load_calibration(path));
    } else {
      const Comparison comparison(load_comparison(path));
    }
  } catch (const InputError& e) {
    return e.problems();
  }
  return {};
}

class BadInput : public ::testing::TestWithParam<std::string> {};

TEST_P(BadInput, FirstProblemIsWhereTheFileSays) {
  const fs::path path = kBadDir / GetParam();
  const std::string kind = fs::path(GetParam()).parent_path().string();
  const Expectation want = expectation_of(path);
  ASSERT_GT(want.line, 0) << path << " lacks a '# expect: LINE:COL: text' first line";
  const std::vector<Problem> problems = problems_of(kind, path.string());
  ASSERT_FALSE(problems.empty()) << path << " loaded without problems";
  const Problem& p = problems.front();
  EXPECT_EQ(p.file, path.string());
  EXPECT_EQ(p.line, want.line) << p.format();
  EXPECT_EQ(p.column, want.column) << p.format();
  EXPECT_NE(p.format().find(want.text), std::string::npos)
      << p.format() << "\n  does not contain: " << want.text;
}

std::string test_name(const ::testing::TestParamInfo<std::string>& param) {
  const fs::path p(param.param);
  return p.parent_path().string() + "_" + p.stem().string();
}

INSTANTIATE_TEST_SUITE_P(Catalogue, BadInput, ::testing::ValuesIn(bad_files()), test_name);

// Issue 7 asks for at least 40 files across the three kinds; each kind has its own share.
TEST(BadInputCatalogue, HoldsAtLeastFortyFilesOfEveryKind) {
  EXPECT_GE(bad_files().size(), 40u);
  EXPECT_GE(bad_files("scenario").size(), 20u);
  EXPECT_GE(bad_files("sweep").size(), 12u);
  EXPECT_GE(bad_files("comparison").size(), 12u);
  EXPECT_GE(bad_files("calibration").size(), 12u);
}

// Nothing outside the three folders would be tested: a file dropped at the top is a mistake.
TEST(BadInputCatalogue, EveryFileIsInAKindFolder) {
  for (const auto& e : fs::directory_iterator(kBadDir)) {
    if (e.is_directory()) {
      const std::string name = e.path().filename().string();
      EXPECT_TRUE(name == "scenario" || name == "sweep" || name == "comparison" ||
                  name == "calibration")
          << e.path();
    } else {
      EXPECT_NE(e.path().extension(), ".yaml") << e.path() << " is in no kind folder";
    }
  }
}

// The counterpart of doctrines_same_day.yaml and corridors_same_day.yaml: policies on the same
// lever that start on different days, or by a trigger, or on another pair, are not contradictions.
TEST(PolicyContradiction, DifferentDaysTriggersAndOtherPairsAreAccepted) {
  const std::string head = R"(schema_version: 1
name: fine
start_date: 2025-03-01
days: 30
actors:
  - {id: NTH, type: state}
  - {id: STH, type: state}
  - {id: WST, type: state}
policies:
)";
  const std::string later_day =
      "  - {name: a, type: retaliation_doctrine, actor: NTH, start: {day: 3}, doctrine: "
      "{enabled: false}}\n"
      "  - {name: b, type: retaliation_doctrine, actor: NTH, start: {day: 4}, doctrine: "
      "{enabled: true}}\n";
  const std::string trigger =
      "  - {name: a, type: retaliation_doctrine, actor: NTH, start: {day: 3}, doctrine: "
      "{enabled: false}}\n"
      "  - {name: b, type: retaliation_doctrine, actor: NTH, start: {escalation_at_least: 3}, "
      "doctrine: {enabled: true}}\n";
  const std::string other_pair =
      "  - {name: a, type: economic_corridor, actor: NTH, partner: STH, start: {day: 3}}\n"
      "  - {name: b, type: economic_corridor, actor: NTH, partner: WST, start: {day: 3}}\n";
  for (const std::string& policies : {later_day, trigger, other_pair}) {
    EXPECT_NO_THROW((void)load_scenario_text(head + policies, "fine.yaml")) << policies;
  }
  // The same pair written the other way round is the same lever.
  const std::string same_pair =
      "  - {name: a, type: economic_corridor, actor: NTH, partner: STH, start: {day: 3}}\n"
      "  - {name: b, type: economic_corridor, actor: STH, partner: NTH, start: {day: 3}}\n";
  try {
    (void)load_scenario_text(head + same_pair, "pair.yaml");
    FAIL() << "two corridors on one pair from one day were accepted";
  } catch (const InputError& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(e.problems()[0].line, 11);
    EXPECT_NE(e.problems()[0].format().find("policy 'a' sets the economic_corridor between "
                                            "'STH' and 'NTH' from the same day, 2025-03-04"),
              std::string::npos)
        << e.problems()[0].format();
  }
}

}  // namespace
}  // namespace flashpoint
