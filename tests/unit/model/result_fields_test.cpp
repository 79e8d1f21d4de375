// The table of RunResult's fields (model/result_fields.hpp): what the writer, the journal, the
// digest and the recorder loop over. The digest's order is pinned in digest_test.cpp, the /runs
// layout in hdf5_writer_test.cpp.
#include "model/result_fields.hpp"

#include <cctype>
#include <set>
#include <string>
#include <type_traits>

#include <gtest/gtest.h>

#include "model/simulation.hpp"
#include "scenario/loader.hpp"

namespace flashpoint {
namespace {

const std::string kMinimal = std::string(FLASHPOINT_TEST_DATA_DIR) + "/minimal.yaml";
const std::string kLayer2 = std::string(FLASHPOINT_TEST_DATA_DIR) + "/layer2.yaml";

TEST(ResultFields, NamesAreUniqueIdentifiersAndRunComesFirst) {
  std::set<std::string> seen;
  for (const FieldInfo& f : kResultFields) {
    const std::string name = f.name;
    EXPECT_TRUE(seen.insert(name).second) << name << " twice";
    EXPECT_FALSE(name.empty());
    for (char c : name) {
      EXPECT_TRUE(std::islower(static_cast<unsigned char>(c)) ||
                  std::isdigit(static_cast<unsigned char>(c)) || c == '_')
          << name;
    }
    // A dataset may not take the name of a coordinate of /runs.
    for (const char* axis : kAxisNames) {
      if (f.kind != FieldKind::kIndex) {
        EXPECT_NE(name, axis);
      }
    }
    EXPECT_NE(name, "date");
  }
  EXPECT_EQ(std::string(kResultFields[0].name), "run");
}

TEST(ResultFields, DigestOrderListsEveryHashedFieldOnceByRank) {
  std::size_t hashed = 0;
  for (const FieldInfo& f : kResultFields) hashed += f.digest_rank != kNotHashed ? 1 : 0;
  ASSERT_EQ(kDigestOrder.size(), hashed);
  for (std::size_t rank = 0; rank < kDigestOrder.size(); ++rank) {
    EXPECT_EQ(kResultFields[kDigestOrder[rank]].digest_rank, static_cast<int>(rank));
  }
}

TEST(ResultFields, VisitsEveryFieldOnceInTableOrderWithItsOwnMember) {
  RunResult r;
  std::size_t i = 0;
  for_each_field(r, [&](const FieldInfo& f, auto& member) {
    ASSERT_LT(i, kResultFieldCount);
    EXPECT_EQ(std::string(f.name), kResultFields[i].name);
    using T = std::remove_cvref_t<decltype(member)>;
    EXPECT_EQ(f.vector, !std::is_arithmetic_v<T>) << f.name;
    ++i;
  });
  EXPECT_EQ(i, kResultFieldCount);
  // The member reached is the named one.
  for_each_field(r, [&](const FieldInfo& f, auto& member) {
    if (std::string(f.name) == "returnees_daily") {
      if constexpr (!std::is_arithmetic_v<std::remove_cvref_t<decltype(member)>>) {
        EXPECT_EQ(static_cast<const void*>(&member), static_cast<const void*>(&r.returnees_daily));
      }
    }
    if (std::string(f.name) == "events_dropped") {
      if constexpr (std::is_arithmetic_v<std::remove_cvref_t<decltype(member)>>) {
        EXPECT_EQ(static_cast<const void*>(&member), static_cast<const void*>(&r.events_dropped));
      }
    }
  });
}

// The recorder sizes every vector of the table from it: a run of a scenario has, for each field,
// as many values as the results layout gives it (what the writer checks row by row).
TEST(ResultFields, ARunHoldsTheValuesTheLayoutGivesEachField) {
  for (const std::string& path : {kMinimal, kLayer2}) {
    SCOPED_TRACE(path);
    const Scenario sc = load_scenario(path);
    const ResultExtents extents = extents_of(results_layout(sc));
    const RunResult r = simulate(sc, RunPlan{0, 99, 0}, false);
    for_each_field(r, [&](const FieldInfo& f, const auto& member) {
      if constexpr (!std::is_arithmetic_v<std::remove_cvref_t<decltype(member)>>) {
        EXPECT_EQ(member.size(), values_per_run(f, extents)) << f.name;
      }
    });
  }
}

}  // namespace
}  // namespace flashpoint
