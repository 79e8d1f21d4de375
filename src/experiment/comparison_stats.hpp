#pragma once
// Pure statistics for comparing policy options against the status quo and against each other:
// paired differences with Student-t intervals, Wilson intervals for proportions, competition
// ranking, Savage minimax regret across scenarios and user thresholds. No I/O, no model types.
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "scenario/experiment_specs.hpp"

namespace flashpoint {

/// Mean of paired differences option - status quo over pairs where both values are finite, with a
/// two-sided Student-t confidence interval (boost::math::students_t quantile, n-1 dof).
/// n < 2 or zero variance: low = high = mean (n == 0: all NaN). Also returns the sd of the
/// differences.
///
/// With d_i = option_i - status_quo_i over the n pairs whose two values are both finite:
///   mean = (1/n) sum d_i,   sd = sqrt( sum (d_i - mean)^2 / (n - 1) )   (sample sd),
///   [low, high] = mean -+ t_{(1+confidence)/2, n-1} * sd / sqrt(n).
/// For n == 1, sd = 0 (no spread can be observed) and low = high = mean.
/// Because the pairs share their seed, noise common to both arms cancels in d_i, which is why
/// this interval is much narrower than one from two independent samples.
/// Throws std::invalid_argument when the spans differ in size or confidence is not in (0, 1).
struct PairedDifference {
  double mean = 0, low = 0, high = 0, sd = 0;
  int n = 0;
};
[[nodiscard]] PairedDifference paired_difference(std::span<const double> option,
                                                 std::span<const double> status_quo,
                                                 double confidence = 0.95);

/// Wilson score interval for a proportion (Wilson 1927; Agresti & Coull 1998). With p = s/n and
/// z = standard normal quantile at (1+confidence)/2:
///   centre = (p + z^2/(2n)) / (1 + z^2/n),
///   half   = z / (1 + z^2/n) * sqrt( p(1-p)/n + z^2/(4n^2) ),
///   [low, high] = centre -+ half (clamped to [0, 1] against rounding).
/// estimate = p. n == 0: estimate, low and high are NaN.
/// A paired difference of two proportions from matched 0/1 outcomes (e.g. "reached rung 8" in the
/// option run and in the status-quo run with the same seed) is just paired_difference on the 0/1
/// values: the mean of the differences is p_option - p_status_quo and its t interval accounts for
/// the pairing. No separate function is needed.
/// Throws std::invalid_argument when n < 0, successes is not in [0, n] or confidence is not in
/// (0, 1).
struct Proportion {
  double estimate = 0, low = 0, high = 0;
  int n = 0;
};
[[nodiscard]] Proportion wilson_interval(int successes, int n, double confidence = 0.95);

/// Ranks options by value (rank 1 = best). `lower_is_better` chooses the direction. Ties share
/// the smaller rank ("1224" competition ranking). NaN values rank last.
/// rank(i) = 1 + number of non-NaN values strictly better than values[i]; every NaN gets
/// 1 + number of non-NaN values (so NaNs tie with each other behind all numbers).
[[nodiscard]] std::vector<int> rank_options(std::span<const double> values, bool lower_is_better);

/// Regret of each option across an ensemble of scenarios (Savage minimax regret): values is
/// [option][scenario] (e.g. the mean outcome of the option in that scenario). Regret of option o
/// in scenario s = |value(o,s) - best value in s| in the better direction (always >= 0).
/// Returns per option the maximum and the mean regret over scenarios.
///
///   best(s) = min_o value(o,s) if lower_is_better, else max_o value(o,s)  (NaN values skipped),
///   r(o,s)  = value(o,s) - best(s) if lower_is_better, else best(s) - value(o,s),
///   max     = max_s r(o,s),   mean = (1/S) sum_s r(o,s).
/// A NaN value(o,s) makes r(o,s) NaN, and a NaN regret makes that option's max and mean NaN
/// (an unknown outcome cannot be shown to have low regret). With no scenarios max = mean = NaN.
/// The minimax-regret choice is the option with the smallest `max`.
/// Throws std::invalid_argument when the rows have different lengths.
struct Regret {
  double max = 0, mean = 0;
};
[[nodiscard]] std::vector<Regret> regret(const std::vector<std::vector<double>>& values,
                                         bool lower_is_better);

/// The regret matrix behind `regret`: r[o][s] as defined there (NaN where value(o,s) is NaN or a
/// scenario has no value at all). Same shape as `values`; throws as `regret` does.
[[nodiscard]] std::vector<std::vector<double>> regret_matrix(
    const std::vector<std::vector<double>>& values, bool lower_is_better);

/// Robustness of one option over the scenarios of an ensemble, from its scenario means of the
/// ranking outcome (docs/experiments.md, "Robustness"). With v_s the scenario values (NaN ones
/// skipped; every field NaN when none is left) and "worse"/"better" in the ranking direction:
///   laplace  = (1/S) sum_s v_s                   (Laplace: every scenario equally likely)
///   worst    = the worst v_s                     (Wald's maximin)
///   best     = the best v_s
///   hurwicz  = alpha * best + (1 - alpha) * worst
///   percentile_worse = the value at `percentile` on the worse side: q_p(v) when lower is
///                      better, q_{1-p}(v) when higher is better (linear interpolation)
///   skewness   = ((q10 + q90) / 2 - q50) / ((q90 - q10) / 2)   (0 when q90 == q10)
///   peakedness = (q75 - q25) / (q90 - q10)                     (NaN when q90 == q10)
/// The last two are the percentile-based measures of Voudouris et al. (2014), in the values'
/// own orientation (skewness > 0: a long tail towards high values).
struct Robustness {
  double laplace = 0, worst = 0, best = 0, hurwicz = 0, percentile_worse = 0;
  double skewness = 0, peakedness = 0;
};
[[nodiscard]] Robustness robustness(std::span<const double> scenario_values, bool lower_is_better,
                                    const RobustnessSettings& settings = {});

/// Non-domination ranks of options over several objectives (a Pareto front and the fronts
/// behind it): objectives is [option][objective], lower_is_better [objective]. Option a
/// dominates b when a is at least as good as b on every objective and better on one. Rank 1 =
/// dominated by no option (the Pareto front); rank k = dominated only by options of ranks < k.
/// An option with a NaN objective is not ranked (0) and dominates nothing.
/// Throws std::invalid_argument when a row's size differs from lower_is_better.size().
[[nodiscard]] std::vector<int> pareto_ranks(const std::vector<std::vector<double>>& objectives,
                                            const std::vector<bool>& lower_is_better);

/// True when value satisfies every bound that t has (a threshold without bounds is met by any
/// number). NaN never meets.
[[nodiscard]] bool meets(const Threshold& t, double value);  // NaN never meets

/// Share of scenarios in which the option meets every threshold: values is
/// [scenario][threshold] for one option. Empty scenarios -> NaN.
///   share = #{ s : meets(thresholds[k], values[s][k]) for all k } / #scenarios.
/// Throws std::invalid_argument when a row's size differs from thresholds.size().
[[nodiscard]] double share_meeting(const std::vector<std::vector<double>>& values,
                                   std::span<const Threshold> thresholds);

}  // namespace flashpoint
