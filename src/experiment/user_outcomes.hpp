#pragma once
// User-defined outcomes (issue 17; docs/experiments.md, "Your own outcomes"): the `outcomes:` of a
// sweep, comparison or calibration file, compiled against a scenario's results layout and
// evaluated once per run, on the worker thread, while the run still holds its daily series.
//
// An expression is muParser arithmetic (+ - * / ^, comparisons, && ||, ?:, sin, abs, min, max,
// ...) over two kinds of names, which a small pre-pass replaces by muParser variables:
//   - a built-in outcome, as outcome_columns() names it: `peak_escalation`,
//     `fatalities_total[NTH.forces]` (or a user outcome defined above this one);
//   - a reduction of a daily series of /runs over a window of days (FROM and TO day indices or
//     dates, inclusive; both left out = the whole run):
//       sum_days(SERIES, FROM, TO), mean_days(...), max_days(...), min_days(...)
//       first_day(SERIES OP NUMBER, FROM, TO)   the first day index where it holds; NaN = never
//     SERIES is a series name, with [LABEL] when it has a value per category, state, crossing,
//     dyad or group; a label may hold `*` (any text): the series is then summed over the labels
//     that match, so fatalities[*.civilians] is every civilian death and fatalities[*] all.
// The reductions have their own names because muParser's sum/min/max take numbers.
#include <string>
#include <vector>

#include "model/results.hpp"
#include "scenario/experiment_specs.hpp"

namespace flashpoint {

/// One reduction of a daily series, as compiled (exposed for tests).
struct SeriesReduction {
  enum class Kind { kSum, kMean, kMax, kMin, kFirstDay };
  enum class Compare { kGreaterEqual, kGreater, kLessEqual, kLess, kEqual, kNotEqual };
  Kind kind = Kind::kSum;
  std::string series;              ///< the field's name in /runs
  std::vector<std::size_t> cells;  ///< the label indices summed each day ({0} for a 1-D series)
  std::size_t inner = 1;           ///< values per day in the series
  int first = 0, last = 0;         ///< the window, inclusive day indices
  Compare compare = Compare::kGreaterEqual;  ///< kFirstDay
  double threshold = 0;                      ///< kFirstDay
};

/// The value of `reduction` on run `r` (NaN when the run lacks the series, or for kFirstDay
/// when the condition never holds in the window).
[[nodiscard]] double reduce_series(const SeriesReduction& reduction, const RunResult& r);

/// The compiled `outcomes:` of an experiment file.
class UserOutcomes {
 public:
  UserOutcomes() = default;
  /// Compiles `definitions` against `layout`; throws InputError with every problem, located
  /// in the experiment file at the expression (and the column inside it where known).
  UserOutcomes(std::vector<OutcomeDefinition> definitions, const ResultsLayout& layout);

  [[nodiscard]] bool empty() const { return compiled_.empty(); }
  [[nodiscard]] std::size_t size() const { return compiled_.size(); }
  [[nodiscard]] const std::vector<OutcomeDefinition>& definitions() const { return definitions_; }

  /// The value of every definition on run `r`, in order (resized to fit). `r` must still hold
  /// its daily series when any definition reduces one. Thread-safe: each call parses its own
  /// copy of the expressions.
  void evaluate(const RunResult& r, std::vector<double>& out) const;
  /// evaluate() into a new vector: what goes into RunResult::user_outcomes.
  [[nodiscard]] std::vector<double> values(const RunResult& r) const {
    std::vector<double> out;
    evaluate(r, out);
    return out;
  }

  /// What the design hash covers: every definition's name, expression, units and description.
  [[nodiscard]] std::string hash_text() const;

 private:
  struct Variable {
    std::string name;  ///< the muParser variable ("__o3", "__r0", "__u1")
    enum class Source { kBuiltIn, kReduction, kUser } source = Source::kBuiltIn;
    std::size_t index = 0;  ///< the built-in column, the reduction, or the earlier user outcome
  };
  struct Compiled {
    std::string expression;  ///< the muParser text, references replaced by variables
    std::vector<Variable> variables;
  };
  std::vector<OutcomeDefinition> definitions_;
  ResultsLayout layout_;
  std::vector<Compiled> compiled_;
  std::vector<SeriesReduction> reductions_;
  bool needs_built_ins_ = false;
};

}  // namespace flashpoint
