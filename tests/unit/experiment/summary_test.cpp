#include "experiment/summary.hpp"

#include <cmath>

#include <gtest/gtest.h>

namespace flashpoint {
namespace {

TEST(Quantile, LinearInterpolationMatchesHandComputation) {
  // Type 7: h = (n-1) q. For {1,2,3,4}: q=0.5 -> h=1.5 -> 2.5; q=0.05 -> h=0.15 -> 1.15.
  EXPECT_DOUBLE_EQ(quantile({4, 1, 3, 2}, 0.5), 2.5);
  EXPECT_NEAR(quantile({4, 1, 3, 2}, 0.05), 1.15, 1e-12);
  EXPECT_NEAR(quantile({4, 1, 3, 2}, 0.95), 3.85, 1e-12);
  EXPECT_DOUBLE_EQ(quantile({7}, 0.3), 7);
  EXPECT_TRUE(std::isnan(quantile({}, 0.5)));
  EXPECT_DOUBLE_EQ(quantile({NAN, 2, NAN, 4}, 0.5), 3);  // missing values are skipped
}

TEST(Summary, CountsCeasefiresAndRung8AndSkipsMissingCeasefireDays) {
  ResultsLayout layout;
  layout.categories = {"A.forces"};
  layout.states = {"A"};
  SummaryBuilder b(layout);
  for (int k = 0; k < 4; ++k) {
    RunResult r;
    r.peak_escalation = k < 1 ? 8 : 5;
    r.first_ceasefire_day = k < 2 ? 10 + k : -1;
    r.fatalities_total = {k * 10};
    r.posts_captured = {k};
    b.add(r);
  }
  const RunSummary s = b.finish("abc");
  EXPECT_EQ(s.runs, 4);
  EXPECT_DOUBLE_EQ(s.share_ceasefire, 0.5);
  EXPECT_DOUBLE_EQ(s.share_rung8, 0.25);
  bool found = false;
  for (const auto& o : s.outcomes) {
    if (o.name == "first_ceasefire_day") {
      found = true;
      EXPECT_EQ(o.n, 2);
      EXPECT_DOUBLE_EQ(o.median, 10.5);
    }
    if (o.name == "fatalities_total[A.forces]") {
      EXPECT_DOUBLE_EQ(o.median, 15);
    }
  }
  EXPECT_TRUE(found);
  const std::string json = format_summary_json(s, "out.h5", 1.5);
  EXPECT_NE(json.find("\"digest\": \"abc\""), std::string::npos);
  EXPECT_NE(json.find("\"first_ceasefire_day\": {\"unit\": \"day\", \"n\": 2"), std::string::npos);
  EXPECT_EQ(json.front(), '{');
  EXPECT_EQ(json.back(), '}');
}

}  // namespace
}  // namespace flashpoint
