// User-defined outcomes (experiment/user_outcomes.hpp): parsing, every reduction against hand
// computations on a small hand-made run, and the located errors of bad expressions.
#include "experiment/user_outcomes.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "experiment/journal.hpp"
#include "experiment/outcomes.hpp"

namespace flashpoint {
namespace {

/// `text` holds `part`.
#define EXPECT_HAS(text, part) \
  EXPECT_NE(std::string(text).find(part), std::string::npos) << "in: " << (text)

ResultsLayout small_layout() {
  ResultsLayout l;
  l.days = 5;
  l.dates = {"2025-01-01", "2025-01-02", "2025-01-03", "2025-01-04", "2025-01-05"};
  l.actors = {"N", "S"};
  l.states = {"N", "S"};
  l.categories = {"N.forces", "N.civilians", "S.civilians"};
  l.crossings = {"gate"};
  l.dyads = {"N>S", "S>N"};
  return l;
}

/// Five days: escalation 2 5 8 9 3; deaths [forces N, civilians N, civilians S] a day
/// (1 2 3) (0 4 0) (5 0 1) (0 0 0) (2 1 1); a ceasefire on days 1, 2 and 4.
RunResult small_run() {
  RunResult r;
  r.escalation = {2, 5, 8, 9, 3};
  r.fatalities = {1, 2, 3, 0, 4, 0, 5, 0, 1, 0, 0, 0, 2, 1, 1};
  r.ceasefire = {0, 1, 1, 0, 1};
  r.hostility = {1.0, 0.5, 2.0, 0.5, 3.0, 1.5, 4.0, 1.5, 2.5, 0.5};
  r.crossing_open = {1, 1, 0, 0, 1};
  r.peak_escalation = 9;
  r.fatalities_total = {8, 7, 5};
  r.injured_total = {0, 0, 0};
  r.crossing_closed_days = {2};
  r.final_hostility = {2.5, 0.5};
  return r;
}

OutcomeDefinition def(const std::string& name, const std::string& expression) {
  OutcomeDefinition d;
  d.name = name;
  d.expression = expression;
  d.origin = SourceLocation{"sweep.yaml", 7, 3};
  return d;
}

double value_of(const std::string& expression) {
  const UserOutcomes u({def("x", expression)}, small_layout());
  std::vector<double> out;
  u.evaluate(small_run(), out);
  EXPECT_EQ(out.size(), 1u);
  return out.at(0);
}

/// The first problem of compiling `expression` (fails the test when it compiles).
Problem problem_of(const std::string& expression, const std::string& name = "x") {
  try {
    const UserOutcomes u({def(name, expression)}, small_layout());
  } catch (const InputError& e) {
    return e.problems().front();
  }
  ADD_FAILURE() << "'" << expression << "' compiled";
  return {};
}

TEST(UserOutcomes, SumOverAWindowAndAPatternOfLabels) {
  // Civilian deaths on days 0-2: (2 + 3) + (4 + 0) + (0 + 1) = 10.
  EXPECT_EQ(value_of("sum_days(fatalities[*.civilians], 0, 2)"), 10.0);
  // One label, the whole run: 1 + 0 + 5 + 0 + 2 = 8.
  EXPECT_EQ(value_of("sum_days(fatalities[N.forces])"), 8.0);
  // Every label: 6 + 4 + 6 + 0 + 4 = 20.
  EXPECT_EQ(value_of("sum_days(fatalities[*])"), 20.0);
}

TEST(UserOutcomes, MeanMaxAndMinOfADailySeries) {
  EXPECT_DOUBLE_EQ(value_of("mean_days(ceasefire)"), 3.0 / 5.0);  // the share of days
  EXPECT_DOUBLE_EQ(value_of("mean_days(escalation, 1, 3)"), (5.0 + 8 + 9) / 3);
  EXPECT_EQ(value_of("max_days(fatalities[*])"), 6.0);  // daily totals 6 4 6 0 4
  EXPECT_EQ(value_of("min_days(fatalities[*])"), 0.0);
  EXPECT_EQ(value_of("max_days(hostility[N>S], 0, 2)"), 3.0);
}

TEST(UserOutcomes, FirstDayWhereAConditionHolds) {
  EXPECT_EQ(value_of("first_day(escalation >= 8)"), 2.0);
  EXPECT_EQ(value_of("first_day(escalation > 8)"), 3.0);
  EXPECT_EQ(value_of("first_day(escalation >= 8, 3, 4)"), 3.0);  // a day index of the run
  EXPECT_EQ(value_of("first_day(crossing_open[gate] == 0)"), 2.0);
  EXPECT_EQ(value_of("first_day(fatalities[*] < 1)"), 3.0);
  EXPECT_TRUE(std::isnan(value_of("first_day(escalation >= 10)")));  // never
}

TEST(UserOutcomes, DatesAsWindow) {
  EXPECT_EQ(value_of("sum_days(ceasefire, 2025-01-02, 2025-01-03)"), 2.0);
}

TEST(UserOutcomes, ArithmeticOverBuiltInOutcomesAndReductions) {
  // 9 * 2 + 8
  EXPECT_EQ(value_of("peak_escalation * 2 + sum_days(fatalities[N.forces])"), 26.0);
  EXPECT_EQ(value_of("fatalities_total[S.civilians] / 5"), 1.0);
  EXPECT_EQ(value_of("first_day(escalation >= 8) <= 2 ? 1 : 0"), 1.0);
  EXPECT_EQ(value_of("max(peak_escalation, 12)"), 12.0);  // muParser's own max
}

TEST(UserOutcomes, LaterOutcomesUseEarlierOnes) {
  const UserOutcomes u({def("civilians", "sum_days(fatalities[*.civilians])"),
                        def("civilian_share", "civilians / sum_days(fatalities[*])")},
                       small_layout());
  std::vector<double> out;
  u.evaluate(small_run(), out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0], 12.0);  // 5 + 4 + 1 + 0 + 2
  EXPECT_DOUBLE_EQ(out[1], 12.0 / 20.0);
}

TEST(UserOutcomes, ReductionOfARunWithoutItsSeriesIsNaN) {
  RunResult r = small_run();
  r.escalation.clear();
  const UserOutcomes u({def("x", "max_days(escalation)")}, small_layout());
  std::vector<double> out;
  u.evaluate(r, out);
  EXPECT_TRUE(std::isnan(out.at(0)));
}

TEST(UserOutcomes, UnknownNameSaysWhereAndSuggests) {
  const Problem p = problem_of("1 + peak_escalaton");
  EXPECT_EQ(p.file, "sweep.yaml");
  EXPECT_EQ(p.line, 7);
  EXPECT_EQ(p.column, 3);
  EXPECT_EQ(p.key, "outcomes.x");
  EXPECT_HAS(p.message,
             "unknown outcome 'peak_escalaton'; did you mean "
             "'peak_escalation'?");
  EXPECT_HAS(p.message, "column 5 of the expression");
}

TEST(UserOutcomes, UnknownSeriesAndLabels) {
  EXPECT_HAS(problem_of("sum_days(fatalites[*])").message,
             "no daily series 'fatalites'; did you mean 'fatalities'?");
  const Problem label = problem_of("sum_days(fatalities[N.civilian])");
  EXPECT_HAS(label.message,
             "the series 'fatalities' has no category 'N.civilian'; "
             "did you mean 'N.civilians'?");
  EXPECT_HAS(label.message, "column 21 of the expression");
  EXPECT_HAS(problem_of("sum_days(fatalities[X.*])").message, "no label matches");
  EXPECT_HAS(problem_of("sum_days(fatalities)").message,
             "has a value per category a day: name one as fatalities[LABEL]");
  EXPECT_HAS(problem_of("sum_days(escalation[N])").message, "has one value a day: drop [N]");
  EXPECT_HAS(problem_of("escalation + 1").message, "is a daily series, not a per-run");
}

TEST(UserOutcomes, BadWindows) {
  EXPECT_HAS(problem_of("sum_days(ceasefire, 0, 5)").message,
             "last day 5 is outside the run, which has days 0-4 (2025-01-01 to "
             "2025-01-05)");
  EXPECT_HAS(problem_of("sum_days(ceasefire, 3, 1)").message,
             "the window's first day (3) comes after its last (1)");
  EXPECT_HAS(problem_of("sum_days(ceasefire, 2024-12-31, 3)").message,
             "first date 2024-12-31 is outside the run");
  EXPECT_HAS(problem_of("sum_days(ceasefire, 3)").message, "takes 1 or 3 arguments, not 2");
  EXPECT_HAS(problem_of("first_day(escalation, 0, 3)").message,
             "first_day needs a condition SERIES OP NUMBER");
  EXPECT_HAS(problem_of("first_day(escalation >= high)").message,
             "expected a number after '>=', got 'high'");
}

TEST(UserOutcomes, SyntaxErrorsSayWhereTheParserStopped) {
  const Problem p = problem_of("peak_escalation * * 2");
  EXPECT_HAS(p.message, "cannot read the expression");
  EXPECT_HAS(p.message, "column 19 of the expression");
  EXPECT_HAS(problem_of("(peak_escalation + 1").message, "cannot read the expression");
  EXPECT_HAS(problem_of("sum_days(ceasefire, 0, 2").message, "'(' is not closed");
  EXPECT_HAS(problem_of("sin_x(2)").message, "cannot read the expression");
}

TEST(UserOutcomes, NamesMayNotClash) {
  EXPECT_HAS(problem_of("1", "peak_escalation").message,
             "'peak_escalation' is the name of a built-in outcome");
  EXPECT_HAS(problem_of("1", "escalation").message, "is the name of a daily series");
  try {
    const UserOutcomes u({def("a", "b + 1"), def("b", "2")}, small_layout());
    ADD_FAILURE() << "compiled";
  } catch (const InputError& e) {
    EXPECT_HAS(e.problems().front().message, "'b' is defined below this outcome");
  }
}

TEST(UserOutcomes, JoinTheOutcomeAxisAfterTheBuiltIns) {
  const ResultsLayout l = small_layout();
  const auto built_in = outcome_columns(l);
  const auto all = outcome_columns(l, {def("civilians", "sum_days(fatalities[*.civilians])")});
  ASSERT_EQ(all.size(), built_in.size() + 1);
  EXPECT_EQ(all.back().name, "civilians");
  EXPECT_TRUE(all.back().user);
  RunResult r = small_run();
  r.user_outcomes = {12.0};
  std::vector<double> values;
  outcome_values(r, l, values);
  ASSERT_EQ(values.size(), all.size());
  EXPECT_EQ(values.back(), 12.0);
}

TEST(UserOutcomes, JournalKeepsThemBitForBit) {
  RunResult r = small_run();
  r.user_outcomes = {12.0, std::nan(""), -0.25};
  const RunResult back = decode_run(encode_run(r, KeepLevel::kOutcomes), KeepLevel::kOutcomes);
  ASSERT_EQ(back.user_outcomes.size(), 3u);
  for (std::size_t k = 0; k < 3; ++k) {
    EXPECT_EQ(std::bit_cast<std::uint64_t>(back.user_outcomes[k]),
              std::bit_cast<std::uint64_t>(r.user_outcomes[k]));
  }
  EXPECT_TRUE(back.escalation.empty());  // the series were dropped, the outcomes kept
}

}  // namespace
}  // namespace flashpoint
