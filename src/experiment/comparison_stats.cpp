#include "experiment/comparison_stats.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

#include "core/nan.hpp"

namespace flashpoint {
namespace {

void check_confidence(double confidence, const char* where) {
  if (!(confidence > 0.0 && confidence < 1.0)) {
    throw std::invalid_argument(
        fmt::format("{}: confidence must be in (0, 1), got {}", where, confidence));
  }
}

/// true when a is strictly better than b in the chosen direction.
bool better(double a, double b, bool lower_is_better) {
  return lower_is_better ? a < b : a > b;
}

}  // namespace

PairedDifference paired_difference(std::span<const double> option,
                                   std::span<const double> status_quo, double confidence) {
  if (option.size() != status_quo.size()) {
    throw std::invalid_argument(
        fmt::format("paired_difference: option has {} values but status quo has {}; pairs need "
                    "the same number of runs",
                    option.size(), status_quo.size()));
  }
  check_confidence(confidence, "paired_difference");

  std::vector<double> d;
  d.reserve(option.size());
  for (std::size_t i = 0; i < option.size(); ++i) {
    if (std::isfinite(option[i]) && std::isfinite(status_quo[i])) {
      d.push_back(option[i] - status_quo[i]);
    }
  }

  PairedDifference r;
  r.n = static_cast<int>(d.size());
  if (d.empty()) {
    r.mean = r.low = r.high = r.sd = kNaN;
    return r;
  }
  const double n = static_cast<double>(d.size());
  double sum = 0;
  for (double x : d) sum += x;
  r.mean = sum / n;
  r.low = r.high = r.mean;
  if (d.size() < 2) return r;  // sd = 0: no spread can be observed from one pair

  double ss = 0;  // two-pass sum of squares: accurate when the mean is large relative to the sd
  for (double x : d) ss += (x - r.mean) * (x - r.mean);
  r.sd = std::sqrt(ss / (n - 1.0));
  if (r.sd == 0.0) return r;

  const boost::math::students_t_distribution<double> t_dist(n - 1.0);
  const double t = boost::math::quantile(t_dist, 0.5 + confidence / 2.0);
  const double half = t * r.sd / std::sqrt(n);
  r.low = r.mean - half;
  r.high = r.mean + half;
  return r;
}

Proportion wilson_interval(int successes, int n, double confidence) {
  if (n < 0) throw std::invalid_argument(fmt::format("wilson_interval: n must be >= 0, got {}", n));
  if (successes < 0 || successes > n) {
    throw std::invalid_argument(
        fmt::format("wilson_interval: successes must be in [0, n = {}], got {}", n, successes));
  }
  check_confidence(confidence, "wilson_interval");

  Proportion r;
  r.n = n;
  if (n == 0) {
    r.estimate = r.low = r.high = kNaN;
    return r;
  }
  const double nn = static_cast<double>(n);
  const double p = static_cast<double>(successes) / nn;
  const double z =
      boost::math::quantile(boost::math::normal_distribution<double>(), 0.5 + confidence / 2.0);
  const double z2 = z * z;
  const double denom = 1.0 + z2 / nn;
  const double centre = (p + z2 / (2.0 * nn)) / denom;
  const double half = z / denom * std::sqrt(p * (1.0 - p) / nn + z2 / (4.0 * nn * nn));
  r.estimate = p;
  r.low = std::max(0.0, centre - half);
  r.high = std::min(1.0, centre + half);
  return r;
}

std::vector<int> rank_options(std::span<const double> values, bool lower_is_better) {
  std::vector<double> sorted;  // non-NaN values, ascending
  sorted.reserve(values.size());
  for (double v : values) {
    if (!std::isnan(v)) sorted.push_back(v);
  }
  std::sort(sorted.begin(), sorted.end());

  std::vector<int> ranks(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double v = values[i];
    std::ptrdiff_t better_count = 0;
    if (std::isnan(v)) {
      better_count = static_cast<std::ptrdiff_t>(sorted.size());
    } else if (lower_is_better) {
      better_count = std::lower_bound(sorted.begin(), sorted.end(), v) - sorted.begin();
    } else {
      better_count = sorted.end() - std::upper_bound(sorted.begin(), sorted.end(), v);
    }
    ranks[i] = static_cast<int>(better_count) + 1;
  }
  return ranks;
}

std::vector<std::vector<double>> regret_matrix(const std::vector<std::vector<double>>& values,
                                               bool lower_is_better) {
  if (values.empty()) return {};
  const std::size_t scenarios = values.front().size();
  for (std::size_t o = 0; o < values.size(); ++o) {
    if (values[o].size() != scenarios) {
      throw std::invalid_argument(
          fmt::format("regret: option 0 has {} scenario values but option {} has {}; every "
                      "option needs one value per scenario",
                      scenarios, o, values[o].size()));
    }
  }
  std::vector<double> best(scenarios, kNaN);
  for (std::size_t s = 0; s < scenarios; ++s) {
    for (const auto& row : values) {
      const double v = row[s];
      if (std::isnan(v)) continue;
      if (std::isnan(best[s]) || better(v, best[s], lower_is_better)) best[s] = v;
    }
  }
  std::vector<std::vector<double>> r(values.size(), std::vector<double>(scenarios, kNaN));
  for (std::size_t o = 0; o < values.size(); ++o) {
    for (std::size_t s = 0; s < scenarios; ++s) {
      r[o][s] = lower_is_better ? values[o][s] - best[s] : best[s] - values[o][s];
    }
  }
  return r;
}

std::vector<Regret> regret(const std::vector<std::vector<double>>& values, bool lower_is_better) {
  const auto r = regret_matrix(values, lower_is_better);
  std::vector<Regret> out(r.size());
  for (std::size_t o = 0; o < r.size(); ++o) {
    const std::size_t scenarios = r[o].size();
    if (scenarios == 0) {
      out[o] = {kNaN, kNaN};
      continue;
    }
    double max = 0, sum = 0;
    bool unknown = false;
    for (double x : r[o]) {
      if (std::isnan(x)) {
        unknown = true;
        break;
      }
      max = std::max(max, x);
      sum += x;
    }
    out[o] = unknown ? Regret{kNaN, kNaN} : Regret{max, sum / static_cast<double>(scenarios)};
  }
  return out;
}

Robustness robustness(std::span<const double> scenario_values, bool lower_is_better,
                      const RobustnessSettings& settings) {
  std::vector<double> v;
  for (double x : scenario_values) {
    if (!std::isnan(x)) v.push_back(x);
  }
  if (v.empty()) return {kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN};
  std::sort(v.begin(), v.end());
  auto q = [&](double p) {
    const double h = (static_cast<double>(v.size()) - 1.0) * p;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const std::size_t hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
  };
  Robustness r;
  double sum = 0;
  for (double x : v) sum += x;
  r.laplace = sum / static_cast<double>(v.size());
  r.worst = lower_is_better ? v.back() : v.front();
  r.best = lower_is_better ? v.front() : v.back();
  r.hurwicz = settings.hurwicz_alpha * r.best + (1 - settings.hurwicz_alpha) * r.worst;
  r.percentile_worse = q(lower_is_better ? settings.percentile : 1 - settings.percentile);
  const double q10 = q(0.1), q25 = q(0.25), q50 = q(0.5), q75 = q(0.75), q90 = q(0.9);
  const double spread = q90 - q10;
  r.skewness = spread > 0 ? ((q10 + q90) / 2 - q50) / (spread / 2) : 0.0;
  r.peakedness = spread > 0 ? (q75 - q25) / spread : kNaN;
  return r;
}

std::vector<int> pareto_ranks(const std::vector<std::vector<double>>& objectives,
                              const std::vector<bool>& lower_is_better) {
  const std::size_t n = objectives.size(), m = lower_is_better.size();
  std::vector<bool> valid(n, true);
  for (std::size_t i = 0; i < n; ++i) {
    if (objectives[i].size() != m) {
      throw std::invalid_argument(
          fmt::format("pareto_ranks: option {} has {} objective values, expected {}", i,
                      objectives[i].size(), m));
    }
    for (double x : objectives[i]) valid[i] = valid[i] && !std::isnan(x);
  }
  auto dominates = [&](std::size_t a, std::size_t b) {
    bool strictly = false;
    for (std::size_t k = 0; k < m; ++k) {
      const double x = objectives[a][k], y = objectives[b][k];
      if (better(y, x, lower_is_better[k])) return false;
      strictly = strictly || better(x, y, lower_is_better[k]);
    }
    return strictly;
  };
  std::vector<int> rank(n, 0);
  std::size_t left = 0;
  for (std::size_t i = 0; i < n; ++i) left += valid[i];
  for (int front = 1; left > 0; ++front) {
    std::vector<std::size_t> now;
    for (std::size_t i = 0; i < n; ++i) {
      if (!valid[i] || rank[i] != 0) continue;
      bool dominated = false;
      for (std::size_t j = 0; j < n && !dominated; ++j) {
        dominated = j != i && valid[j] && rank[j] == 0 && dominates(j, i);
      }
      if (!dominated) now.push_back(i);
    }
    for (std::size_t i : now) rank[i] = front;
    left -= now.size();
  }
  return rank;
}

bool meets(const Threshold& t, double value) {
  if (std::isnan(value)) return false;
  if (t.has_min && !(value >= t.min)) return false;
  if (t.has_max && !(value <= t.max)) return false;
  return true;
}

double share_meeting(const std::vector<std::vector<double>>& values,
                     std::span<const Threshold> thresholds) {
  for (std::size_t s = 0; s < values.size(); ++s) {
    if (values[s].size() != thresholds.size()) {
      throw std::invalid_argument(
          fmt::format("share_meeting: scenario {} has {} values but there are {} thresholds; "
                      "each scenario needs one value per threshold",
                      s, values[s].size(), thresholds.size()));
    }
  }
  if (values.empty()) return kNaN;
  std::size_t met = 0;
  for (const auto& row : values) {
    bool all = true;
    for (std::size_t k = 0; k < thresholds.size() && all; ++k) all = meets(thresholds[k], row[k]);
    met += all;
  }
  return static_cast<double>(met) / static_cast<double>(values.size());
}

}  // namespace flashpoint
