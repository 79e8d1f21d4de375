#pragma once
// Outcomes across replicates: median and 5-95% range of every per-run outcome, printed by
// `flashpoint run` as a table or as JSON.
#include <string>
#include <vector>

#include "core/json.hpp"
#include "model/phases.hpp"
#include "model/results.hpp"

namespace flashpoint {

/// Quantile q in [0,1] of the values by linear interpolation between order statistics
/// (Hyndman & Fan type 7, the default of R and NumPy). NaN for no values.
[[nodiscard]] double quantile(std::vector<double> values, double q);

/// The statistics of one outcome. n == 0: no run has a value, the statistics are NaN and print
/// as "-" (JSON null). n > 0 with a statistic that is not finite: some run's value is broken
/// (infinite, or NaN where a value is required); it prints as "broken" (JSON "broken").
struct OutcomeStats {
  std::string name;  ///< e.g. "fatalities_total[NTH.forces]"
  std::string unit;
  int n = 0;  ///< runs that have a value (first_ceasefire_day: runs with a ceasefire)
  double mean = 0, median = 0, p05 = 0, p95 = 0;
};

struct RunSummary {
  int runs = 0;
  std::vector<OutcomeStats> outcomes;
  double share_ceasefire = 0;  ///< share of runs with a ceasefire
  double share_rung8 = 0;      ///< share of runs that reached rung >= 8
  double share_strike = 0;     ///< share of runs in which a state struck another
  std::string digest;          ///< Digest of all results, hex
};

/// Collects per-run outcomes as results arrive (a few numbers per run, not the series).
class SummaryBuilder {
 public:
  explicit SummaryBuilder(ResultsLayout layout) : layout_(std::move(layout)) {}
  void add(const RunResult& r);
  [[nodiscard]] RunSummary finish(std::string digest) const;

 private:
  ResultsLayout layout_;
  std::vector<std::string> names_, units_;
  std::vector<bool> optional_;               ///< [outcome] NaN means "no value"
  std::vector<std::vector<double>> values_;  ///< [outcome][run]; NaN = no value (or broken)
  std::vector<int> broken_;                  ///< [outcome] NaN values where one is required
  std::vector<double> scratch_;
  int runs_ = 0, with_ceasefire_ = 0, reached_rung8_ = 0, with_strike_ = 0;
};

[[nodiscard]] std::string format_summary_table(const RunSummary& s);

/// `run --profile`: the time of each phase of the day (model/phases.hpp), summed over the runs
/// profiled, with its share and its mean per simulated day; the set-up before day 0 apart.
[[nodiscard]] std::string format_phase_profile(const PhaseProfile& p, std::size_t runs);
/// `run --json` (docs/cli.md): the summary as a JSON object; output null when empty. A statistic
/// is null when no run has a value and "broken" when runs have one but it is not a number.
[[nodiscard]] Json summary_json(const RunSummary& s, const std::string& output_path,
                                double seconds);

}  // namespace flashpoint
