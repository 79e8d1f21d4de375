#pragma once
// A scenario's observed record against its runs (issue 15; docs/scenarios.md, `record`): for a
// recorded event, the share of runs in which the same actor took the same action toward the same
// target within its `within_days` of the date, and how far the first such action fell from it;
// for an observed figure, where it falls among the runs' values of that outcome. `flashpoint run`
// prints the scores, writes them to /record, and `fp-plot fan` overlays the record.
#include <string>
#include <vector>

#include "core/json.hpp"
#include "model/results.hpp"
#include "scenario/scenario.hpp"

namespace flashpoint {

/// The problems of a scenario's record that need the outcome names of its results layout (an
/// outcome that does not exist); an InputError with every one, located in the file, when any.
void check_record(const Scenario& sc);

/// How the runs compare with one item of the record.
struct RecordScore {
  std::string label;  ///< "DATE ACTOR action -> TARGET", or the outcome's name for a figure
  std::string note;
  bool event = true;
  int day = 0;
  int rung = -1;          ///< the action's rung (events)
  bool replayed = false;  ///< an event dated before free_from (the runs replay the script)
  int runs = 0;
  double matched = 0;   ///< events: share of runs with the action within within_days
  double occurred = 0;  ///< events: share of runs with the action on any day
  double offset_median = 0, offset_p05 = 0, offset_p95 = 0;  ///< first action day - record day
  double observed = 0;                                       ///< figures: the recorded value
  double median = 0, p05 = 0, p95 = 0;                       ///< figures: the runs' values
  double percentile = 0;  ///< figures: share of runs below the observed value (ties half), %
};

/// Collects what the record needs from each run (a few numbers per item per run).
class RecordScorer {
 public:
  RecordScorer(const Scenario& sc, const ResultsLayout& layout);
  void add(const RunResult& r);
  [[nodiscard]] std::vector<RecordScore> finish() const;
  [[nodiscard]] bool empty() const { return items_.empty(); }

 private:
  const Scenario& sc_;
  ResultsLayout layout_;
  std::vector<RecordItem> items_;
  std::vector<int> outcome_index_;              ///< [item] index in outcome_columns, -1 for events
  std::vector<std::vector<double>> first_day_;  ///< [item][run] first action day, NaN if none
  std::vector<std::vector<double>> value_;      ///< [item][run] the outcome (figures)
  std::vector<int> matched_;                    ///< [item] runs matched
  std::vector<double> scratch_;
};

/// The scores as the table `run` prints after the summary; empty for no record.
[[nodiscard]] std::string format_record_table(const std::vector<RecordScore>& scores);

/// The scores as JSON (an array of objects), for `run --json`.
[[nodiscard]] Json record_json(const std::vector<RecordScore>& scores);

/// The group /record of a results file: one row per item (coordinate `item`, labelled), its day,
/// rung, observed value and scores.
[[nodiscard]] TableGroup record_group(const std::vector<RecordScore>& scores);

}  // namespace flashpoint
