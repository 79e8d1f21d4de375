#pragma once
// Plausibility diagnostics (docs/model.md, "Plausibility diagnostics"). After a run, each check
// below looks at the run's series and outcomes and sets its bit in RunResult::implausible when a
// quantity left the plausible range it documents. `run`, `sweep` and `compare` print a warning
// that counts the runs each check flagged, and /runs/implausible keeps the bits per run. The
// checks only read the run: results, series and digests are the same with or without them.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/results.hpp"

namespace flashpoint {

/// The window and factor of the growth check: a group more than kGrowthFactor times as strong as
/// kGrowthWindowDays days before (or than at the start, in the first window), having gained at
/// least kGrowthMinimumGain fighters (a band of 20 that becomes 50 is not a finding).
inline constexpr int kGrowthWindowDays = 30;
inline constexpr double kGrowthFactor = 2.0;
inline constexpr double kGrowthMinimumGain = 100.0;
/// Largest share of a district's people active at once (Epstein's open rebellion) that needs no
/// stated cause.
inline constexpr double kDistrictActiveShare = 0.25;

struct PlausibilityCheck {
  std::int32_t bit;       ///< its flag in /runs/implausible
  std::string_view name;  ///< in flag_meanings and in the warning
  std::string_view what;  ///< what it found, as the warning says it
};

inline constexpr std::array<PlausibilityCheck, 3> kPlausibilityChecks{{
    {1, "group_doubled_within_30_days",
     "an armed group more than doubled its fighters within 30 days (gaining 100 or more)"},
    {2, "militant_deaths_above_peak_strength",
     "an armed group lost more fighters over the run than its largest strength"},
    {4, "district_active_above_25_percent",
     "more than 25% of a district's people were active at once"},
}};

/// What the checks need besides the run: each group's fighters at the start and its fatality
/// category (Scenario order of armed groups).
struct PlausibilityInputs {
  std::vector<double> initial_fighters;  ///< [group]
  std::vector<int> fighter_category;     ///< [group] index into fatalities_total
};

/// The bits of the checks that fire on a finished run (its series and per-run outcomes filled).
[[nodiscard]] std::int32_t plausibility_flags(const RunResult& r, const PlausibilityInputs& in);

/// Counts the runs each check flagged, for the warnings of run, sweep and compare.
class PlausibilityTally {
 public:
  void add(const RunResult& r);
  /// One line per check that fired in any run, e.g. "3 of 100 runs: an armed group more than
  /// doubled ... (group_doubled_within_30_days)"; empty when no run was flagged.
  [[nodiscard]] std::vector<std::string> warnings() const;

 private:
  std::int64_t runs_ = 0;
  std::array<std::int64_t, kPlausibilityChecks.size()> flagged_{};
};

}  // namespace flashpoint
