#pragma once
// `flashpoint compare`: policy options run on common random numbers (every option sees the same
// run seeds), optionally across an ensemble of uncertain scenarios; per option and outcome the
// distribution, paired differences against the status quo, a ranking, and across the ensemble
// regret and the share of scenarios meeting the user's thresholds (docs/experiments.md).
#include <cstdint>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "experiment/comparison_stats.hpp"
#include "experiment/engine.hpp"
#include "experiment/specs.hpp"
#include "experiment/user_outcomes.hpp"

namespace flashpoint {

class Comparison {
 public:
  /// Loads the base scenario, builds the ensemble design, checks every option and the outcome
  /// names of thresholds and rank_by; throws InputError located in the comparison file.
  explicit Comparison(CompareSpec spec);

  [[nodiscard]] const CompareSpec& spec() const { return spec_; }
  [[nodiscard]] const ExperimentRuns& experiment() const { return runs_; }
  [[nodiscard]] const Scenario& base() const { return base_.scenario; }
  [[nodiscard]] const Design& ensemble() const { return design_; }
  [[nodiscard]] std::size_t scenarios() const { return scenarios_; }  ///< 1 without ensemble
  [[nodiscard]] std::uint64_t master_seed() const { return master_seed_; }
  [[nodiscard]] std::int64_t runs() const { return runs_.runs; }
  /// Whether the variants of `option` are set typed on the option's scenario (read once, with
  /// its own overrides) rather than each read again from the patched YAML (variant.hpp).
  [[nodiscard]] bool typed(std::size_t option) const { return option_bases_[option].has_value(); }

 private:
  /// The scenario of `option` on ensemble member `point`.
  [[nodiscard]] Scenario variant(std::size_t option, std::size_t point) const;

  CompareSpec spec_;
  ScenarioSource source_;
  TypedBase base_;  ///< the scenario with the comparison's `set:` overrides
  std::vector<std::optional<TypedBase>> option_bases_;  ///< [option]; none: the YAML route
  ResultsLayout layout_;
  UserOutcomes user_;  ///< the comparison file's own outcomes
  Design design_;
  std::size_t scenarios_ = 1;
  std::uint64_t master_seed_ = 0;
  ExperimentRuns runs_;
};

/// One option's figures for one outcome.
struct OptionOutcome {
  double mean = 0, median = 0, p05 = 0, p95 = 0;
  int n = 0;              ///< runs with a value
  PairedDifference diff;  ///< option - status quo on the same seeds
};

struct ComparisonSummary {
  std::string name;
  std::int64_t runs = 0;
  int replicates = 0;
  std::size_t scenarios = 1;
  double confidence = 0.95;
  std::vector<std::string> options, outcomes, units;
  std::size_t status_quo = 0;
  std::vector<std::vector<OptionOutcome>> table;   ///< [option][outcome]
  std::vector<Proportion> p_rung8, p_ceasefire30;  ///< [option], Wilson intervals
  std::vector<std::string> warnings;  ///< plausibility warnings (model/plausibility.hpp)
  std::string rank_outcome;
  bool lower_is_better = true;
  std::vector<double> rank_value;     ///< [option] mean of the ranking outcome
  std::vector<int> rank;              ///< [option] 1 = best
  std::vector<Regret> regret;         ///< [option] over the scenarios, on the ranking outcome
  std::vector<double> share_meeting;  ///< [option] share of scenarios meeting every threshold
  /// [option] share of the scenarios in which the option's mean of the ranking outcome beats the
  /// status quo's (ties count half; NaN for the status quo and without a value anywhere). Over
  /// posterior draws: P(the option is better than the status quo) under parameter uncertainty.
  std::vector<double> p_better;
  /// The scenarios are draws from a calibration's posterior (the file named here).
  std::string posterior;
  std::vector<Threshold> thresholds;
  /// Robustness over the scenarios, on the ranking outcome (docs/experiments.md, "Robustness").
  RobustnessSettings robustness_settings;
  std::vector<std::vector<double>> scenario_value;   ///< [option][scenario] mean of rank_by
  std::vector<std::vector<double>> regret_matrix;    ///< [option][scenario]
  std::vector<Robustness> robustness;                ///< [option]
  std::vector<std::vector<double>> threshold_share;  ///< [option][threshold] share of scenarios
  /// The Pareto front over `pareto` (empty: none asked for).
  std::vector<RankBy> pareto;
  std::vector<std::vector<double>> pareto_value;  ///< [option][objective] mean over runs
  std::vector<int> pareto_rank;                   ///< [option] 1 = non-dominated; 0 = no value
  std::vector<double> pareto_share;  ///< [option] share of scenarios in which it is non-dominated
  /// Options generated from `levers:`: their names and each option's value of each lever (NaN
  /// for written options and levels that are not numbers).
  std::vector<std::string> lever_names;
  std::vector<std::vector<double>> lever_value;  ///< [option][lever]
  std::uintmax_t file_bytes = 0;
};

/// Assembles the results file from the comparison's journals, computes the statistics, writes
/// them to /comparison, and deletes the journals.
[[nodiscard]] ComparisonSummary assemble_comparison(const Comparison& c, const std::string& output,
                                                    const std::string& command_line);

/// The statistics of a comparison from per-run outcome values: values[option][outcome][i] where
/// i = scenario * replicates + replicate (the same i is the same seed in every option).
/// Exposed for tests.
[[nodiscard]] ComparisonSummary compare_values(
    const std::vector<std::vector<std::vector<double>>>& values,
    const std::vector<std::string>& options, const std::vector<std::string>& outcomes,
    std::size_t status_quo, std::size_t scenarios, int replicates, double confidence,
    const RankBy& rank_by, const std::vector<Threshold>& thresholds,
    const RobustnessSettings& robustness = {}, const std::vector<RankBy>& pareto = {});

[[nodiscard]] std::string format_comparison(const ComparisonSummary& s);
/// `compare --json` (docs/experiments.md): the comparison as a JSON object; output null when
/// empty, numbers that are not finite null.
[[nodiscard]] Json comparison_json(const ComparisonSummary& s, const std::string& output,
                                   double seconds);

}  // namespace flashpoint
