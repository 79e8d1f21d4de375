// `flashpoint params`: the parameter table as text, and docs/scenarios.md kept equal to it.
#include "scenario/params_doc.hpp"

#include <fstream>
#include <sstream>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "scenario/params.hpp"

namespace flashpoint {
namespace {

// The part of `text` from the header of `section` to the next section header (or the end).
std::string section_block(const std::string& text, const std::string& header,
                          const std::string& next_header_prefix) {
  std::size_t start = text.find(header);
  if (start == std::string::npos) return {};
  std::size_t end = text.find(next_header_prefix, start + header.size());
  return text.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

TEST(FormatParameterTable, MarkdownListsEveryRowInItsSection) {
  std::string md = format_parameter_table(true);
  for (const auto& p : parameter_table()) {
    std::string block = section_block(
        md, fmt::format("#### `{}` ({})\n", p.section, section_location(p.section)), "\n#### ");
    ASSERT_FALSE(block.empty()) << p.section;
    EXPECT_NE(block.find(fmt::format("| `{}` |", p.key)), std::string::npos)
        << p.section << "." << p.key;
  }
}

TEST(FormatParameterTable, PlainTextListsEveryRowInItsSection) {
  std::string text = format_parameter_table(false);
  for (const auto& p : parameter_table()) {
    std::string block = section_block(
        text, fmt::format("{} ({})\n", p.section, section_location(p.section)), "\n\n");
    ASSERT_FALSE(block.empty()) << p.section;
    EXPECT_NE(block.find(fmt::format("\n  {} ", p.key)), std::string::npos)
        << p.section << "." << p.key;
  }
}

TEST(FormatParameterTable, RowsShowTypeDefaultUnitRangeAndMeaning) {
  std::string md = format_parameter_table(true);
  // Defaults are calibrated elsewhere; the row's shape is what is checked here.
  const ParamSpec& capability = *find_param("state", "capability");
  EXPECT_NE(md.find(fmt::format("| `capability` | number | {} | - | 0 to 1 | {} |",
                                capability.default_value, capability.doc)),
            std::string::npos);
  EXPECT_NE(md.find("| `days` | integer | required | days | 1 to 36500 | length of the run |"),
            std::string::npos);
  EXPECT_NE(md.find(fmt::format("| `lag_probabilities` | number list | {} | - | each 0 to 1 |",
                                find_param("doctrine", "lag_probabilities")->default_text)),
            std::string::npos);
  EXPECT_NE(md.find("| `hosts_refugees` | boolean | false | - | true, false |"), std::string::npos);
  EXPECT_NE(md.find("| `exports_usd_per_day` | number | 0 | USD/day | 0 to 1e12 |"),
            std::string::npos)
      << md;
}

TEST(FormatParameterTable, DocsScenariosMdHoldsTheCurrentTable) {
  std::ifstream in(std::string(FLASHPOINT_SOURCE_DIR) + "/docs/scenarios.md");
  ASSERT_TRUE(in) << "docs/scenarios.md is missing";
  std::ostringstream s;
  s << in.rdbuf();
  const std::string doc = s.str();
  const std::string begin = "<!-- params:begin -->\n";
  const std::string end = "<!-- params:end -->";
  std::size_t b = doc.find(begin);
  std::size_t e = doc.find(end);
  ASSERT_NE(b, std::string::npos);
  ASSERT_NE(e, std::string::npos);
  ASSERT_LT(b, e);
  std::string embedded = doc.substr(b + begin.size(), e - b - begin.size());
  EXPECT_EQ(embedded, format_parameter_table(true))
      << "docs/scenarios.md is out of date: paste the output of `flashpoint params --markdown` "
         "between the params markers";
}

}  // namespace
}  // namespace flashpoint
