// The sensitivity table as `sweep --json` prints it, for tables made by hand.
#include "experiment/sweep.hpp"

#include <cmath>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace flashpoint {
namespace {

TEST(SensitivityJson, SobolIndicesWithTheirIntervalsPerOutcomeAndParameter) {
  SensitivityTable t;
  t.method = "sobol";
  t.outcomes = {"conflict_days"};
  t.parameters = {"talks.agree_base", "a\"b"};
  t.confidence = 0.9;
  t.bootstrap = 200;
  SobolIndices s;
  s.first_order = {{0.5, 0.25, 0.75}, {std::nan(""), std::nan(""), std::nan("")}};
  s.total = {{0.625, 0.5, 1}, {0, -0.125, 0.125}};
  t.sobol = {s};
  EXPECT_EQ(json_text(sensitivity_json(t)),
            "{\"method\":\"sobol\",\"confidence\":0.9,\"bootstrap\":200,\"parameters\":"
            "[\"talks.agree_base\",\"a\\\"b\"],\"outcomes\":{\"conflict_days\":"
            "{\"talks.agree_base\":{\"S1\":0.5,\"S1_low\":0.25,\"S1_high\":0.75,\"ST\":"
            "0.625,\"ST_low\":0.5,\"ST_high\":1.0},\"a\\\"b\":{\"S1\":null,\"S1_low\":null,"
            "\"S1_high\":null,\"ST\":0.0,\"ST_low\":-0.125,\"ST_high\":0.125}}}}");
}

TEST(SensitivityJson, MorrisMeasuresWithoutIntervals) {
  SensitivityTable t;
  t.method = "morris";
  t.outcomes = {"peak_escalation", "fatalities_all"};
  t.parameters = {"operations.lethality"};
  t.morris = {MorrisMeasures{{-1.5}, {2}, {0.5}}, MorrisMeasures{{3}, {3}, {0}}};
  EXPECT_EQ(json_text(sensitivity_json(t)),
            "{\"method\":\"morris\",\"parameters\":[\"operations.lethality\"],\"outcomes\":"
            "{\"peak_escalation\":{\"operations.lethality\":{\"mu_star\":2.0,\"mu\":-1.5,"
            "\"sigma\":0.5}},\"fatalities_all\":{\"operations.lethality\":{\"mu_star\":3.0,"
            "\"mu\":3.0,\"sigma\":0.0}}}}");
}

}  // namespace
}  // namespace flashpoint
