#include "experiment/sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_int_distribution.hpp>

#include "experiment/summary.hpp"

namespace flashpoint {
namespace {

void require_finite(const std::vector<double>& y, const char* who) {
  for (std::size_t j = 0; j < y.size(); ++j) {
    if (!std::isfinite(y[j])) {
      throw std::invalid_argument(
          fmt::format("{}: the outcome of design row {} is {}; the measures need a finite outcome "
                      "on every row (leave out outcomes that some runs lack)",
                      who, j, y[j]));
    }
  }
}

// Outputs of a Saltelli design, shifted by the mean of f_A and f_B over all base samples.
// Every estimator below is shift-invariant in expectation; the shift keeps sums of squares
// well conditioned for outcomes whose level is large compared with their spread.
struct SaltelliOutputs {
  std::size_t n = 0, k = 0;
  std::vector<double> y;
  [[nodiscard]] double a(std::size_t j) const { return y[j]; }
  [[nodiscard]] double b(std::size_t j) const { return y[n + j]; }
  [[nodiscard]] double ab(std::size_t i, std::size_t j) const { return y[(2 + i) * n + j]; }
};

// S_i and S_Ti on the base samples `rows` (all of them, or a bootstrap resample); written to
// first[i] and total[i]. V is the variance (divisor 2n) of the 2n values of f_A and f_B.
// f_B is centred at the mean of those values, which makes the first-order estimator
// invariant to a shift of the outcome (uncentred, its variance grows with the outcome's mean).
void estimate(const SaltelliOutputs& f, const std::vector<std::size_t>& rows,
              std::vector<double>& first, std::vector<double>& total) {
  double sum = 0, sum_sq = 0;
  double lowest = f.a(rows.front()), highest = lowest;
  for (const std::size_t j : rows) {
    for (const double v : {f.a(j), f.b(j)}) {
      sum += v;
      sum_sq += v * v;
      lowest = std::min(lowest, v);
      highest = std::max(highest, v);
    }
  }
  // V = 0 exactly when every value of f_A and f_B is the same: no variance to apportion, so
  // every index is reported as 0 rather than 0/0.
  if (lowest == highest) {
    std::fill(first.begin(), first.end(), 0.0);
    std::fill(total.begin(), total.end(), 0.0);
    return;
  }
  const double count = 2.0 * static_cast<double>(rows.size());
  const double mean = sum / count;
  const double variance = std::max(sum_sq / count - mean * mean, 0.0);
  for (std::size_t i = 0; i < f.k; ++i) {
    double first_sum = 0, total_sum = 0;
    for (const std::size_t j : rows) {
      const double d = f.ab(i, j) - f.a(j);
      first_sum += (f.b(j) - mean) * d;  // Saltelli et al. 2010, Table 2 (b)
      total_sum += d * d;                // Jansen 1999
    }
    const double m = static_cast<double>(rows.size());
    first[i] = variance > 0 ? first_sum / m / variance : 0.0;
    total[i] = variance > 0 ? total_sum / m / (2.0 * variance) : 0.0;
  }
}

double sample_sd(const std::vector<double>& v, double mean) {
  if (v.size() < 2) return std::nan("");
  double ss = 0;
  for (const double x : v) ss += (x - mean) * (x - mean);
  return std::sqrt(ss / static_cast<double>(v.size() - 1));
}

}  // namespace

SobolIndices sobol_indices(const Design& design, const std::vector<double>& y, int resamples,
                           double confidence, std::uint64_t seed) {
  const std::size_t n = design.base_samples, k = design.parameters;
  if (n == 0 || k == 0 || design.points() != n * (k + 2) || y.size() != design.points()) {
    throw std::invalid_argument(fmt::format(
        "sobol_indices: a Saltelli design with N = {} base samples and k = {} parameters has "
        "N (k + 2) = {} rows; the design has {} rows and the outcome {} values",
        n, k, n * (k + 2), design.points(), y.size()));
  }
  if (resamples < 1 || !(confidence > 0 && confidence < 1)) {
    throw std::invalid_argument(
        fmt::format("sobol_indices: resamples = {} and confidence = {}; need resamples >= 1 "
                    "and 0 < confidence < 1",
                    resamples, confidence));
  }
  require_finite(y, "sobol_indices");

  SaltelliOutputs f{n, k, y};
  double level = 0;
  for (std::size_t j = 0; j < 2 * n; ++j) level += y[j];
  level /= 2.0 * static_cast<double>(n);
  for (double& v : f.y) v -= level;

  std::vector<std::size_t> rows(n);
  for (std::size_t j = 0; j < n; ++j) rows[j] = j;
  std::vector<double> first(k), total(k);
  estimate(f, rows, first, total);

  // Percentile bootstrap: the same resampled base-sample indices for A, B and every AB_i.
  const auto draws = static_cast<std::size_t>(resamples);
  std::vector<std::vector<double>> first_draws(k, std::vector<double>(draws));
  std::vector<std::vector<double>> total_draws(k, std::vector<double>(draws));
  boost::random::mt19937_64 engine(seed);
  boost::random::uniform_int_distribution<std::size_t> pick(0, n - 1);
  std::vector<double> first_r(k), total_r(k);
  for (std::size_t r = 0; r < draws; ++r) {
    for (std::size_t& j : rows) j = pick(engine);
    estimate(f, rows, first_r, total_r);
    for (std::size_t i = 0; i < k; ++i) {
      first_draws[i][r] = first_r[i];
      total_draws[i][r] = total_r[i];
    }
  }

  const double tail = (1.0 - confidence) / 2.0;
  SobolIndices out;
  for (std::size_t i = 0; i < k; ++i) {
    out.first_order.push_back(
        {first[i], quantile(first_draws[i], tail), quantile(first_draws[i], 1.0 - tail)});
    out.total.push_back(
        {total[i], quantile(total_draws[i], tail), quantile(total_draws[i], 1.0 - tail)});
  }
  return out;
}

MorrisMeasures morris_measures(const Design& design, const std::vector<double>& y) {
  const std::size_t k = design.parameters, r = design.changed.size();
  if (k == 0 || r == 0 || design.delta.size() != r || design.points() != r * (k + 1) ||
      y.size() != design.points()) {
    throw std::invalid_argument(fmt::format(
        "morris_measures: a Morris design with r = {} trajectories of k + 1 = {} points has {} "
        "rows; the design has {} rows, {} step-size lists and the outcome {} values",
        r, k + 1, r * (k + 1), design.points(), design.delta.size(), y.size()));
  }
  require_finite(y, "morris_measures");

  std::vector<std::vector<double>> effects(k);
  for (std::size_t t = 0; t < r; ++t) {
    if (design.changed[t].size() != k || design.delta[t].size() != k) {
      throw std::invalid_argument(
          fmt::format("morris_measures: trajectory {} lists {} changed parameters and {} steps; "
                      "each trajectory has k = {} steps",
                      t, design.changed[t].size(), design.delta[t].size(), k));
    }
    for (std::size_t s = 0; s < k; ++s) {
      const std::size_t p = design.changed[t][s];
      const double step = design.delta[t][s];
      if (p >= k || step == 0 || !std::isfinite(step)) {
        throw std::invalid_argument(fmt::format(
            "morris_measures: step {} of trajectory {} moves parameter {} by {}; need a "
            "parameter below k = {} and a finite, non-zero step",
            s, t, p, step, k));
      }
      const std::size_t row = t * (k + 1) + s;
      effects[p].push_back((y[row + 1] - y[row]) / step);
    }
  }

  // A parameter never moved has no effects: its measures are NaN, and so is sigma for a
  // parameter moved only once (the sample standard deviation needs two effects).
  MorrisMeasures out;
  for (const auto& e : effects) {
    double sum = 0, sum_abs = 0;
    for (const double v : e) {
      sum += v;
      sum_abs += std::abs(v);
    }
    const double count = static_cast<double>(e.size());
    const double mu = e.empty() ? std::nan("") : sum / count;
    out.mu.push_back(mu);
    out.mu_star.push_back(e.empty() ? std::nan("") : sum_abs / count);
    out.sigma.push_back(sample_sd(e, mu));
  }
  return out;
}

}  // namespace flashpoint
