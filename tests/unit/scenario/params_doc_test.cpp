// `flashpoint params`: the parameter table as text, and docs/scenarios.md kept equal to it.
#include "scenario/params_doc.hpp"

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

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

TEST(FormatParameterTable, RowsShowTypeDefaultUnitRangeBasisAndMeaning) {
  std::string md = format_parameter_table(true);
  // Defaults are calibrated elsewhere; the row's shape is what is checked here.
  const ParamSpec& capability = *find_param("state", "capability");
  EXPECT_NE(md.find(fmt::format("| `capability` | number | {} | - | 0 to 1 | {} | {} |",
                                capability.default_value, capability.source, capability.doc)),
            std::string::npos);
  EXPECT_NE(md.find("| `days` | integer | required | days | 1 to 36500 | scenario input | length "
                    "of the run |"),
            std::string::npos);
  EXPECT_NE(md.find(fmt::format("| `lag_probabilities` | number list | {} | - | each 0 to 1 |",
                                find_param("doctrine", "lag_probabilities")->default_text)),
            std::string::npos);
  EXPECT_NE(md.find("| `hosts_refugees` | boolean | false | - | true, false |"), std::string::npos);
  EXPECT_NE(md.find("| `exports_usd_per_day` | number | 0 | USD/day | 0 to 1e12 |"),
            std::string::npos)
      << md;
}

// The line of `text` that starts with `prefix`, without its newline; empty when there is none.
std::string line_starting(const std::string& text, const std::string& prefix) {
  std::size_t start = text.find("\n" + prefix);
  if (start == std::string::npos) return {};
  ++start;
  return text.substr(start, text.find('\n', start) - start);
}

TEST(FormatParameterTable, TextAndMarkdownShowEachRowsBasis) {
  const std::string md = format_parameter_table(true);
  const std::string text = format_parameter_table(false);
  // A cited row, in full: its basis stands between its range and its meaning.
  const ParamSpec& k = *find_param("population", "arrest_constant");
  ASSERT_EQ(k.source, "source: Epstein 2002");
  EXPECT_NE(md.find(fmt::format(
                "| `arrest_constant` | number | {} | - | 0 to 100 | source: Epstein 2002 | {} |\n",
                format_param_number(k.default_value), k.doc)),
            std::string::npos);
  std::string line = line_starting(text, "  arrest_constant ");
  ASSERT_FALSE(line.empty());
  std::size_t range = line.find("  0 to 100  ");
  std::size_t basis = line.find("  source: Epstein 2002  ");
  ASSERT_NE(range, std::string::npos) << line;
  ASSERT_NE(basis, std::string::npos) << line;
  EXPECT_LT(range, basis) << line;
  EXPECT_TRUE(line.ends_with(fmt::format("  {}", k.doc))) << line;
  EXPECT_GT(line.rfind(k.doc), basis) << line;
  // The headers name the column in the same place.
  EXPECT_NE(md.find("| key | type | default | unit | range | basis | meaning |\n"
                    "|---|---|---|---|---|---|---|\n"),
            std::string::npos);
  std::string header = line_starting(text, "  key ");
  EXPECT_LT(header.find("  range  "), header.find("  basis  ")) << header;
  EXPECT_LT(header.find("  basis  "), header.find("  meaning")) << header;
  // Every row: `| basis | meaning |` in Markdown, `basis  ...  meaning` at the end of its line.
  for (const auto& p : parameter_table()) {
    SCOPED_TRACE(fmt::format("{}.{}", p.section, p.key));
    EXPECT_NE(md.find(fmt::format(" | {} | {} |\n", p.source, p.doc)), std::string::npos);
    std::string block = section_block(
        text, fmt::format("{} ({})\n", p.section, section_location(p.section)), "\n\n");
    std::string row = line_starting(block, fmt::format("  {} ", p.key));
    std::size_t at = row.find(fmt::format("  {}  ", p.source));
    ASSERT_NE(at, std::string::npos) << row;
    std::string_view rest = std::string_view(row).substr(at + 2 + p.source.size());
    EXPECT_EQ(rest.substr(rest.find_first_not_of(' ')), p.doc) << row;
  }
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
