#include "experiment/summary.hpp"

#include <cmath>
#include <limits>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

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
    r.injured_total = {k * 3};
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
    if (o.name == "injured_total[A.forces]" || o.name == "injured_all") {
      EXPECT_DOUBLE_EQ(o.median, 4.5) << o.name;  // {0, 3, 6, 9}
    }
  }
  EXPECT_TRUE(found);
  // The JSON text parses back to the same fields.
  const Json json = Json::parse(json_text(summary_json(s, "out.h5", 1.5)));
  EXPECT_EQ(json["output"], "out.h5");
  EXPECT_EQ(json["digest"], "abc");
  EXPECT_EQ(json["seconds"], 1.5);
  EXPECT_EQ(json["outcomes"]["first_ceasefire_day"]["unit"], "day");
  EXPECT_EQ(json["outcomes"]["first_ceasefire_day"]["n"], 2);
  EXPECT_EQ(json["outcomes"]["first_ceasefire_day"]["median"], 10.5);
  // Keys in the order of docs/cli.md, outcomes in the table's order.
  EXPECT_EQ(json.begin().key(), "output");
  EXPECT_EQ(json["outcomes"].begin().key(), s.outcomes.front().name);
  EXPECT_TRUE(summary_json(s, "", 1.5)["output"].is_null());
}

/// The row of `name` in the summary table.
std::string table_row(const std::string& table, const std::string& name) {
  const std::size_t at = table.find("\n" + name + " ");
  if (at == std::string::npos) return "";
  return table.substr(at + 1, table.find('\n', at + 1) - at - 1);
}

/// One dyad; `hostility[k]` is run k's final hostility, and no run has a ceasefire.
RunSummary summary_of(const std::vector<double>& hostility) {
  ResultsLayout layout;
  layout.dyads = {"A>B"};
  SummaryBuilder b(layout);
  for (double h : hostility) {
    RunResult r;
    r.final_hostility = {h};
    b.add(r);
  }
  return b.finish("abc");
}

TEST(Summary, InfiniteValueIsBrokenNotMissing) {
  const RunSummary s = summary_of({1.0, std::numeric_limits<double>::infinity(), 3.0});
  const std::string table = format_summary_table(s);
  const std::string row = table_row(table, "final_hostility[A>B]");
  ASSERT_NE(row, "") << table;
  // The median and the 95th percentile are broken; the 5th percentile (1 + 0.1 x 2) is not.
  EXPECT_EQ(row, "final_hostility[A>B]           broken           1.2 - broken  1");
  const std::string text = json_text(summary_json(s, "out.h5", 1.0));
  const Json out = Json::parse(text)["outcomes"]["final_hostility[A>B]"];
  EXPECT_EQ(out["n"], 3) << text;
  EXPECT_EQ(out["mean"], "broken") << text;
  EXPECT_EQ(out["median"], "broken") << text;
  EXPECT_EQ(out["p05"], 1.2) << text;
}

TEST(Summary, NaNWhereAValueIsRequiredIsBrokenAndCounted) {
  // final_hostility always has a value: NaN there is a broken run (the model's NaN), not a run
  // without a value.
  const RunSummary s = summary_of({2.0, std::numeric_limits<double>::quiet_NaN()});
  for (const auto& o : s.outcomes) {
    if (o.name != "final_hostility[A>B]") continue;
    EXPECT_EQ(o.n, 2);
    EXPECT_TRUE(std::isnan(o.median));
  }
  EXPECT_NE(table_row(format_summary_table(s), "final_hostility[A>B]").find("broken"),
            std::string::npos);
  EXPECT_EQ(summary_json(s, "out.h5", 1.0)["outcomes"]["final_hostility[A>B]"]["p95"], "broken");
}

TEST(Summary, NoValueIsMissingNotBroken) {
  // No run has a ceasefire: first_ceasefire_day has no value (n = 0), printed "-" and null.
  const RunSummary s = summary_of({1.0, 2.0});
  const std::string row = table_row(format_summary_table(s), "first_ceasefire_day");
  ASSERT_NE(row, "");
  EXPECT_EQ(row.find("broken"), std::string::npos) << row;
  EXPECT_NE(row.find("         -                      -  day (0 of 2 runs)"), std::string::npos)
      << row;
  const std::string json = json_text(summary_json(s, "out.h5", 1.0));
  EXPECT_NE(json.find("\"first_ceasefire_day\":{\"unit\":\"day\",\"n\":0,\"mean\":null,"
                      "\"median\":null,\"p05\":null,\"p95\":null}"),
            std::string::npos)
      << json;
  EXPECT_EQ(json.find("broken"), std::string::npos) << json;
  // And finite values print as numbers.
  EXPECT_NE(table_row(format_summary_table(s), "final_hostility[A>B]").find("1.5"),
            std::string::npos);
}

}  // namespace
}  // namespace flashpoint
