// The basis of every parameter's default (Param::source): each descriptor row states one, and it
// starts with one of the six kinds that docs/scenarios.md and `flashpoint params` print.
#include <array>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "scenario/params.hpp"

namespace flashpoint {
namespace {

// Kinds that name what they rest on: "source: Epstein 2002", "calibrated: target 3, ...".
constexpr std::array<std::string_view, 2> kKindsWithText = {"source", "calibrated"};
// Kinds that may stand alone or add a reason: "assumption", "assumption: half-life ...".
constexpr std::array<std::string_view, 4> kKindsAlone = {"assumption", "scenario input",
                                                         "policy lever", "resource bound"};

// Whether `basis` is `kind` alone (when allowed) or `kind: text` with some text.
bool has_kind(std::string_view basis, std::string_view kind, bool alone_ok) {
  if (!basis.starts_with(kind)) return false;
  std::string_view rest = basis.substr(kind.size());
  if (rest.empty()) return alone_ok;
  return rest.starts_with(": ") && rest.size() > 2 && rest.back() != ' ';
}

bool well_formed(std::string_view basis) {
  for (std::string_view kind : kKindsWithText) {
    if (has_kind(basis, kind, false)) return true;
  }
  for (std::string_view kind : kKindsAlone) {
    if (has_kind(basis, kind, true)) return true;
  }
  return false;
}

TEST(ParamSources, TheKindsAreRecognised) {
  EXPECT_TRUE(well_formed("source: Epstein 2002"));
  EXPECT_TRUE(well_formed("calibrated: target 3, first clash round"));
  EXPECT_TRUE(well_formed("assumption"));
  EXPECT_TRUE(well_formed("assumption: half-life about 9 days"));
  EXPECT_TRUE(well_formed("scenario input"));
  EXPECT_TRUE(well_formed("policy lever"));
  EXPECT_TRUE(well_formed("resource bound"));
  EXPECT_FALSE(well_formed(""));
  EXPECT_FALSE(well_formed("source"));        // names no source
  EXPECT_FALSE(well_formed("calibrated: "));  // names no target
  EXPECT_FALSE(well_formed("assumptions"));
  EXPECT_FALSE(well_formed("Epstein 2002"));
  EXPECT_FALSE(well_formed(" assumption"));
}

TEST(ParamSources, EveryRowStatesItsBasis) {
  ASSERT_FALSE(parameter_table().empty());
  for (const auto& p : parameter_table()) {
    SCOPED_TRACE(fmt::format("{}.{}: '{}'", p.section, p.key, p.source));
    EXPECT_FALSE(p.source.empty());
    EXPECT_TRUE(well_formed(p.source))
        << "a basis starts with source:, calibrated:, assumption, scenario input, policy lever "
           "or resource bound";
    EXPECT_LE(p.source.size(), 80u) << "keep the basis short: the table prints it on one line";
  }
}

TEST(ParamSources, RequiredRowsAreScenarioInputs) {
  for (const auto& p : parameter_table()) {
    if (!p.required) continue;
    EXPECT_TRUE(p.source.starts_with("scenario input")) << p.section << "." << p.key;
  }
}

TEST(ParamSources, PolicyLeversAreExactlyThePolicySections) {
  for (const auto& p : parameter_table()) {
    bool policy = section_location(p.section).starts_with("policies[]");
    EXPECT_EQ(p.source.starts_with("policy lever"), policy) << p.section << "." << p.key;
  }
}

TEST(ParamSources, CitedRowsKeepTheirSource) {
  EXPECT_EQ(find_param("population", "arrest_constant")->source, "source: Epstein 2002");
  EXPECT_EQ(find_param("population", "activation_threshold")->source, "source: Epstein 2002");
  EXPECT_TRUE(find_param("scenario", "max_events_per_run")->source.starts_with("resource bound"));
}

}  // namespace
}  // namespace flashpoint
