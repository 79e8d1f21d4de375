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

std::vector<Regret> regret(const std::vector<std::vector<double>>& values, bool lower_is_better) {
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

  std::vector<Regret> out(values.size());
  for (std::size_t o = 0; o < values.size(); ++o) {
    if (scenarios == 0) {
      out[o] = {kNaN, kNaN};
      continue;
    }
    double max = 0, sum = 0;
    bool unknown = false;
    for (std::size_t s = 0; s < scenarios; ++s) {
      const double r = lower_is_better ? values[o][s] - best[s] : best[s] - values[o][s];
      if (std::isnan(r)) {
        unknown = true;
        break;
      }
      max = std::max(max, r);
      sum += r;
    }
    out[o] = unknown ? Regret{kNaN, kNaN} : Regret{max, sum / static_cast<double>(scenarios)};
  }
  return out;
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
