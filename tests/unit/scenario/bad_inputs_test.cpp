// The bad-input catalogue (tests/data/bad): each file's first line says where the first problem
// must be reported and what it must say: "# expect: LINE:COL: text".
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "scenario/loader.hpp"

namespace flashpoint {
namespace {

const std::filesystem::path kBadDir = std::filesystem::path(FLASHPOINT_TEST_DATA_DIR) / "bad";

std::vector<std::string> bad_files() {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(kBadDir)) {
    if (e.path().extension() == ".yaml") names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

struct Expectation {
  int line = 0, column = 0;
  std::string text;
};

Expectation expectation_of(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string first;
  std::getline(in, first);
  static const std::regex kExpect(R"(^# expect: (\d+):(\d+): (.+)$)");
  std::smatch m;
  if (!std::regex_match(first, m, kExpect)) return {};
  return {std::stoi(m[1]), std::stoi(m[2]), m[3]};
}

class BadInput : public ::testing::TestWithParam<std::string> {};

TEST_P(BadInput, FirstProblemIsWhereTheFileSays) {
  const std::filesystem::path path = kBadDir / GetParam();
  Expectation want = expectation_of(path);
  ASSERT_GT(want.line, 0) << path << " lacks a '# expect: LINE:COL: text' first line";
  try {
    (void)load_scenario(path.string());
    FAIL() << path << " loaded without problems";
  } catch (const InputError& e) {
    ASSERT_FALSE(e.problems().empty());
    const Problem& p = e.problems().front();
    EXPECT_EQ(p.file, path.string());
    EXPECT_EQ(p.line, want.line) << p.format();
    EXPECT_EQ(p.column, want.column) << p.format();
    EXPECT_NE(p.format().find(want.text), std::string::npos)
        << p.format() << "\n  does not contain: " << want.text;
  }
}

std::string test_name(const ::testing::TestParamInfo<std::string>& param) {
  return std::filesystem::path(param.param).stem().string();
}

INSTANTIATE_TEST_SUITE_P(Catalogue, BadInput, ::testing::ValuesIn(bad_files()), test_name);

TEST(BadInputCatalogue, HasAtLeastTwentyFiles) {
  EXPECT_GE(bad_files().size(), 20u);
}

}  // namespace
}  // namespace flashpoint
