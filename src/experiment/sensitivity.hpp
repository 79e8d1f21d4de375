#pragma once
// Global sensitivity measures from sweep outputs (docs/experiments.md): Sobol first-order and
// total indices with bootstrap confidence intervals from a Saltelli design, and Morris's
// elementary-effect statistics. Pure functions of numbers: the sweep code feeds them outcomes.
#include <cstdint>
#include <vector>

#include "experiment/design.hpp"

namespace flashpoint {

struct Interval {
  double estimate = 0, low = 0, high = 0;  ///< point estimate and confidence interval
};

struct SobolIndices {
  std::vector<Interval> first_order;  ///< S_i, per parameter
  std::vector<Interval> total;        ///< S_Ti, per parameter
};

/// Sobol indices of one outcome from its values `y` on a Saltelli design's rows (layout as in
/// Design: A, B, AB_1..AB_k). First order: Saltelli et al. 2010 (eq. b); total: Jansen 1999.
/// Confidence intervals: percentile bootstrap over the N base samples, `resamples` times, at
/// level `confidence`, drawing with a Boost engine seeded by `seed`.
[[nodiscard]] SobolIndices sobol_indices(const Design& design, const std::vector<double>& y,
                                         int resamples = 1000, double confidence = 0.95,
                                         std::uint64_t seed = 1);

struct MorrisMeasures {
  std::vector<double> mu;       ///< mean elementary effect, per parameter
  std::vector<double> mu_star;  ///< mean absolute elementary effect (Campolongo et al. 2007)
  std::vector<double> sigma;    ///< standard deviation of the elementary effects
};

/// Morris measures of one outcome from its values `y` on a Morris design's rows. Elementary
/// effects are in outcome units per unit of the parameter's unit-interval coordinate.
[[nodiscard]] MorrisMeasures morris_measures(const Design& design, const std::vector<double>& y);

}  // namespace flashpoint
