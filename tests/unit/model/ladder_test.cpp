#include "model/ladder.hpp"

#include <gtest/gtest.h>

namespace flashpoint {
namespace {

TEST(Ladder, CameoCodesAndGoldsteinScoresFollowTheReferenceMenu) {
  struct Row {
    Action action;
    const char* code;
    double goldstein;
    int quad;
  };
  const Row rows[] = {
      {Action::kCeasefire, "0871", 9.0, 2},      {Action::kNegotiate, "046", 7.0, 1},
      {Action::kDeescalate, "036", 4.0, 1},      {Action::kAccuse, "1123", -2.0, 3},
      {Action::kThreaten, "138", -7.0, 3},       {Action::kMobilise, "152", -7.2, 4},
      {Action::kCloseCrossings, "191", -9.5, 4}, {Action::kCloseCrossings, "163", -8.0, 4},
      {Action::kDeport, "174", -5.0, 4},         {Action::kStrikeSanctuary, "195", -10.0, 4},
      {Action::kAssaultPosts, "193", -10.0, 4},  {Action::kAssaultPosts, "194", -10.0, 4},
      {Action::kDeepStrike, "195", -10.0, 4},    {Action::kOffensive, "192", -9.5, 4},
      {Action::kOffensive, "190", -10.0, 4},
  };
  for (const auto& row : rows) {
    bool found = false;
    for (const auto& v : cameo_variants(row.action)) {
      if (v.code != row.code) continue;
      found = true;
      EXPECT_DOUBLE_EQ(v.goldstein, row.goldstein) << row.code;
      EXPECT_EQ(quad_class(v.code), row.quad) << row.code;
    }
    EXPECT_TRUE(found) << action_name(row.action) << " lacks CAMEO " << row.code;
  }
  EXPECT_TRUE(cameo_variants(Action::kHold).empty());
}

TEST(Ladder, CodesAreStringsWithLeadingZerosKept) {
  EXPECT_EQ(cameo_variants(Action::kCeasefire)[0].code, "0871");
  EXPECT_EQ(quad_class("0871"), 2);  // root 08 (yield): material cooperation
  EXPECT_EQ(quad_class("045"), 1);
  EXPECT_EQ(quad_class("111"), 3);
  EXPECT_EQ(quad_class("180"), 4);
  EXPECT_EQ(quad_class(""), 0);
}

TEST(Ladder, ActionNamesRoundTrip) {
  for (Action a : all_actions()) {
    EXPECT_EQ(action_from_name(action_name(a)), a);
  }
  EXPECT_FALSE(action_from_name("nuke"));
}

}  // namespace
}  // namespace flashpoint
