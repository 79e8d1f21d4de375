#pragma once
// The per-run outcomes as one flat list of named numbers (MODEL.md, "Outcomes per run"): what
// run summaries, sweep sensitivity indices and policy comparisons are computed on.
#include <string>
#include <vector>

#include "model/results.hpp"

namespace flashpoint {

struct OutcomeColumn {
  std::string name;  ///< e.g. "fatalities_total[NTH.forces]"
  std::string unit;
  /// A run may have no value (NaN): first_conflict_day, first_ceasefire_day and
  /// ceasefire_within_30d. In any other column NaN means a broken run, not a missing value.
  bool optional = false;
};

/// The outcomes of a results layout, in a fixed order.
[[nodiscard]] std::vector<OutcomeColumn> outcome_columns(const ResultsLayout& layout);

/// The values of outcome_columns(layout) for run `r` (resized to fit). NaN where an outcome has
/// no value: first_ceasefire_day and first_conflict_day in runs without one, and
/// ceasefire_within_30d in runs that never reached armed conflict (level 6). ceasefire_within_30d
/// is 1 when a ceasefire is in force on some day within 30 days of the first day of armed
/// conflict (first_ceasefire_after_conflict_day - first_conflict_day <= 30).
void outcome_values(const RunResult& r, const ResultsLayout& layout, std::vector<double>& out);

/// Days after the first day of armed conflict within which a ceasefire counts for
/// ceasefire_within_30d.
inline constexpr int kCeasefireWindowDays = 30;

}  // namespace flashpoint
