#pragma once
// The per-run outcomes as one flat list of named numbers (MODEL.md, "Outcomes per run"): what
// run summaries, sweep sensitivity indices and policy comparisons are computed on.
#include <cstdint>
#include <string>
#include <vector>

#include "model/results.hpp"
#include "scenario/experiment_specs.hpp"

namespace flashpoint {

struct OutcomeColumn {
  std::string name;  ///< e.g. "fatalities_total[NTH.forces]"
  std::string unit;
  /// A run may have no value (NaN): first_conflict_day, first_ceasefire_day and
  /// ceasefire_within_30d. In any other column NaN means a broken run, not a missing value.
  bool optional = false;
  /// A user-defined outcome: its expression and description (empty for the built-in ones).
  bool user = false;
  std::string expression, description;
};

/// The outcomes of a results layout, in a fixed order: the built-in ones, then the `user`
/// outcomes of an experiment file (experiment/user_outcomes.hpp), if any.
[[nodiscard]] std::vector<OutcomeColumn> outcome_columns(const ResultsLayout& layout);
[[nodiscard]] std::vector<OutcomeColumn> outcome_columns(
    const ResultsLayout& layout, const std::vector<OutcomeDefinition>& user);

/// The values of outcome_columns(layout) for run `r` (resized to fit). NaN where an outcome has
/// no value: first_ceasefire_day and first_conflict_day in runs without one, and
/// ceasefire_within_30d in runs that never reached armed conflict (level 6). ceasefire_within_30d
/// is 1 when a ceasefire is in force on some day within 30 days of the first day of armed
/// conflict (first_ceasefire_after_conflict_day - first_conflict_day <= 30).
/// The run's user-defined outcomes (RunResult::user_outcomes, computed before it was journaled)
/// follow the built-in ones.
void outcome_values(const RunResult& r, const ResultsLayout& layout, std::vector<double>& out);

/// The group /outcomes of a results file: every outcome of every run, [run][outcome], with the
/// definitions of the user's outcomes as attributes. A deferred table: the caller fills its rows
/// with ResultsWriter::write_rows("outcomes/value", ...) as the runs come.
[[nodiscard]] TableGroup outcomes_group(const std::vector<OutcomeColumn>& columns,
                                        std::int64_t runs);
inline constexpr const char* kOutcomeValuesPath = "outcomes/value";

/// Days after the first day of armed conflict within which a ceasefire counts for
/// ceasefire_within_30d.
inline constexpr int kCeasefireWindowDays = 30;

}  // namespace flashpoint
