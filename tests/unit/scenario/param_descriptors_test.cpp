// The parameter descriptors (params.hpp, src/scenario/params/*.hpp): every row has a member or is
// one of the documented rows read by hand, keys are unique, defaults lie in their range and equal
// what a default-constructed struct holds, every section is in the table, and a section added in
// a test is read by the loader's machinery like the real ones.
#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "scenario/loader_detail.hpp"
#include "scenario/params.hpp"
#include "scenario/scenario.hpp"

namespace flashpoint {
namespace {

std::vector<double> list_default(std::string_view text) {
  std::vector<double> out;
  for (const auto& item : YAML::Load(std::string(text))) out.push_back(item.as<double>());
  return out;
}

// Calls f(section) for every descriptor section of the scenario.
template <class F>
void for_each_section(F&& f) {
  using namespace params;
  f(kScenario), f(kState), f(kDoctrine), f(kArmedGroup), f(kCell), f(kMediator);
  f(kRelation), f(kDistrict), f(kSector), f(kPosts), f(kCrossing);
  f(kStrategic), f(kUtility), f(kOperations), f(kInsurgency), f(kPopulation);
  f(kTalks), f(kCoercion), f(kRefugees), f(kAttackType), f(kLadder), f(kEvent);
  f(kBorderClosure), f(kMediation), f(kBorderCommission), f(kEconomicCorridor);
  f(kPublicDiplomacy), f(kDeportationPhase), f(kCounterInsurgency), f(kRegionalPressure);
}

TEST(ParamDescriptors, OnlyTheDocumentedRowsLackAMember) {
  std::vector<std::string> by_hand;
  for (const auto& p : parameter_table()) {
    if (p.read_by_hand) by_hand.push_back(fmt::format("{}.{}", p.section, p.key));
  }
  std::vector<std::string> documented(detail::kReadByHandRows.begin(),
                                      detail::kReadByHandRows.end());
  std::sort(by_hand.begin(), by_hand.end());
  std::sort(documented.begin(), documented.end());
  EXPECT_EQ(by_hand, documented);
}

TEST(ParamDescriptors, KeysAreUniqueWithinASection) {
  std::set<std::pair<std::string_view, std::string_view>> seen;
  for (const auto& p : parameter_table()) {
    EXPECT_TRUE(seen.emplace(p.section, p.key).second) << p.section << "." << p.key;
  }
}

TEST(ParamDescriptors, EverySectionIsInTheTableOnce) {
  std::size_t rows = 0;
  std::set<std::string_view> names;
  for_each_section([&](const auto& section) {
    EXPECT_TRUE(names.insert(section.name).second) << section.name;
    rows += section.rows.size();
    for (const auto& row : section.rows) {
      const ParamSpec* p = find_param(section.name, row.key);
      ASSERT_NE(p, nullptr) << section.name << "." << row.key;
      EXPECT_EQ(p->default_value, row.default_value);
    }
    EXPECT_EQ(section_location(section.name), section.location);
  });
  EXPECT_EQ(rows, parameter_table().size());
}

TEST(ParamDescriptors, DefaultsLieInTheirRange) {
  for (const auto& p : parameter_table()) {
    SCOPED_TRACE(fmt::format("{}.{}", p.section, p.key));
    EXPECT_LE(p.min, p.max);
    if (p.required) continue;
    if (p.type == ParamType::kNumberList) {
      for (double d : list_default(p.default_text)) {
        EXPECT_GE(d, p.min);
        EXPECT_LE(d, p.max);
      }
    } else {
      EXPECT_GE(p.default_value, p.min);
      EXPECT_LE(p.default_value, p.max);
    }
    if (p.type == ParamType::kBoolean) {
      EXPECT_TRUE(p.default_value == 0 || p.default_value == 1);
    }
    if (p.type == ParamType::kInteger) {
      EXPECT_EQ(p.default_value, std::trunc(p.default_value));
    }
  }
}

TEST(ParamDescriptors, DefaultConstructedStructsHoldTheDefaults) {
  for_each_section([](const auto& section) {
    using S = typename std::remove_cvref_t<decltype(section)>::Struct;
    static const S s{};  // static: GCC 12 warns falsely that a local one may be uninitialized
    for (const auto& row : section.rows) {
      SCOPED_TRACE(fmt::format("{}.{}", section.name, row.key));
      if (row.required) continue;  // no default: the loader reports it missing
      std::visit(
          [&](auto ptr) {
            if constexpr (!std::is_same_v<decltype(ptr), ReadByHand>) {
              using T = std::remove_cvref_t<decltype(s.*ptr)>;
              if constexpr (std::is_same_v<T, std::vector<double>>) {
                EXPECT_EQ(s.*ptr, list_default(row.default_text));
              } else {
                EXPECT_EQ(static_cast<double>(s.*ptr), row.default_value);
              }
            }
          },
          row.member);
    }
  });
  // Rows read by hand whose field holds a plain value, and fields filled through a struct that
  // names them as in the file (RefugeeFields).
  EXPECT_EQ(static_cast<double>(Scenario{}.max_events_per_run),
            find_param("scenario", "max_events_per_run")->default_value);
  EXPECT_EQ(RefugeePopulation{}.voluntary_return_rate,
            find_param("refugees", "voluntary_return_rate")->default_value);
}

// A section that exists only in this test: the loader reads it through its descriptor alone.
struct Toy {
  double alpha = 0.25;
  int count = 3;
  bool on = false;
  std::vector<double> weights{1, 2};
  double needed = 0;
};

constexpr auto kToy = param_section<Toy>(
    "toy", "toy",
    {
        {"alpha", &Toy::alpha, params::kNumber, 0.25, 0, 1, "-", "a share", "assumption"},
        {"count", &Toy::count, params::kInteger, 3, 0, 10, "items", "a count", "assumption"},
        {"on", &Toy::on, params::kBoolean, 0, 0, 1, "-", "a switch", "assumption"},
        {"weights", &Toy::weights, params::kNumberList, 0, 0, 5, "-", "weights", "assumption",
         false, "[1, 2]"},
        {"needed", &Toy::needed, params::kNumber, 0, 0, 100, "-", "required", "scenario input",
         true},
    });

struct ToyRead {
  Toy toy;
  std::vector<Problem> problems;
  std::vector<std::pair<std::string, std::string>> resolved;
};

ToyRead read_toy(const std::string& yaml) {
  loader_detail::Diagnostics diag("toy.yaml");
  YAML::Node node = YAML::Load(yaml);
  loader_detail::Map m(diag, node, "toy", node.Mark());
  loader_detail::Loader loader(diag);
  ToyRead out;
  loader.read_section(m, kToy, out.toy);
  out.resolved = loader.resolved();
  out.problems = diag.take_sorted();
  return out;
}

TEST(ParamDescriptors, ASectionAddedInATestIsReadByTheLoader) {
  ToyRead r = read_toy("{alpha: 0.5, on: true, needed: 7}");
  EXPECT_TRUE(r.problems.empty());
  EXPECT_EQ(r.toy.alpha, 0.5);
  EXPECT_EQ(r.toy.count, 3);  // the row's default
  EXPECT_TRUE(r.toy.on);
  EXPECT_EQ(r.toy.weights, (std::vector<double>{1, 2}));
  EXPECT_EQ(r.toy.needed, 7);
  const std::vector<std::pair<std::string, std::string>> want = {{"toy.alpha", "0.5"},
                                                                 {"toy.count", "3"},
                                                                 {"toy.on", "true"},
                                                                 {"toy.weights", "[1, 2]"},
                                                                 {"toy.needed", "7"}};
  EXPECT_EQ(r.resolved, want);
}

TEST(ParamDescriptors, ATestSectionIsCheckedAgainstItsRow) {
  ToyRead r = read_toy("{alpha: 2, count: 1.5, weights: [1, 9]}");
  std::vector<std::string> messages;
  for (const auto& p : r.problems) messages.push_back(p.key + ": " + p.message);
  std::sort(messages.begin(), messages.end());
  const std::vector<std::string> want = {
      "toy.alpha: 2 is outside the valid range 0 to 1",
      "toy.count: expected a whole number, got '1.5'",
      "toy.needed: missing required key 'needed'",
      "toy.weights[1]: 9 is outside the valid range 0 to 5",
  };
  EXPECT_EQ(messages, want);
}

}  // namespace
}  // namespace flashpoint
