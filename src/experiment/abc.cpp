#include "experiment/abc.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include <fmt/format.h>
#include <Eigen/Cholesky>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_01.hpp>

#include "core/nan.hpp"
#include "core/rng.hpp"

namespace flashpoint {
namespace {

/// What each engine of a generation is for: the seeds of two purposes never meet.
enum class Draw : std::uint64_t { kPrior = 1, kResample = 2, kMove = 3, kAccept = 4 };

Engine engine_for(std::uint64_t seed, int generation, std::uint64_t particle, Draw purpose) {
  const std::uint64_t s =
      mix64(mix64(mix64(seed) ^ static_cast<std::uint64_t>(generation)) ^ particle) ^
      mix64(static_cast<std::uint64_t>(purpose));
  return Engine(mix64(s));
}

double uniform(Engine& e) {
  return boost::random::uniform_01<double>()(e);
}

/// A small multiple of each prior's width: added to a covariance that has collapsed (every
/// living particle at one point), so that the moves can still leave it.
double prior_width(const UncertainParameter& p) {
  if (p.distribution == Distribution::kNormal) return std::min(p.sd, p.high - p.low);
  return to_kernel(p, p.high) - to_kernel(p, p.low);
}

}  // namespace

double to_kernel(const UncertainParameter& p, double value) {
  return p.distribution == Distribution::kLogUniform ? std::log(value) : value;
}

double from_kernel(const UncertainParameter& p, double z) {
  if (p.distribution != Distribution::kLogUniform) return z;
  // exp(log(x)) may differ from x in the last bit: keep the bounds exact.
  return std::clamp(std::exp(z), p.low, p.high);
}

double log_prior(std::span<const UncertainParameter> priors, std::span<const double> z) {
  double sum = 0;
  for (std::size_t j = 0; j < priors.size(); ++j) {
    const UncertainParameter& p = priors[j];
    const double x = z[j];
    const double lo = to_kernel(p, p.low), hi = to_kernel(p, p.high);
    if (!(x >= lo && x <= hi)) return -kInfinity;
    switch (p.distribution) {
      case Distribution::kUniform:
      case Distribution::kLogUniform:
        break;  // constant on the support
      case Distribution::kTriangular: {
        const double d = x <= p.mode ? (p.mode > p.low ? (x - p.low) / (p.mode - p.low) : 1.0)
                                     : (p.high > p.mode ? (p.high - x) / (p.high - p.mode) : 1.0);
        if (d <= 0) return -kInfinity;
        sum += std::log(d);
        break;
      }
      case Distribution::kNormal: {
        const double t = (x - p.mode) / p.sd;
        sum += -0.5 * t * t;
        break;
      }
      case Distribution::kLevels:
      case Distribution::kInteger:
        throw std::invalid_argument(
            fmt::format("parameter '{}': levels and integers priors cannot be calibrated", p.path));
    }
  }
  return sum;
}

double effective_sample_size(std::span<const double> weights) {
  double s = 0, q = 0;
  for (double w : weights) {
    s += w;
    q += w * w;
  }
  return q > 0 ? s * s / q : 0.0;
}

double next_tolerance(std::span<const double> weights, std::span<const double> distances,
                      double fraction, double current, double floor) {
  std::vector<std::size_t> alive;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] > 0 && distances[i] <= current) alive.push_back(i);
  }
  if (alive.empty()) return std::max(floor, std::min(current, kInfinity));
  std::stable_sort(alive.begin(), alive.end(),
                   [&](std::size_t a, std::size_t b) { return distances[a] < distances[b]; });
  double s = 0, q = 0;
  for (std::size_t i : alive) {
    s += weights[i];
    q += weights[i] * weights[i];
  }
  // (A hair under: sums of equal weights round, and an ESS of exactly the goal must reach it.)
  const double goal = fraction * s * s / q * (1 - 1e-12);
  // The ESS of the particles within each candidate tolerance, from the closest up: the first
  // candidate that reaches the goal (ties: every particle at that distance is in).
  s = q = 0;
  double chosen = distances[alive.back()];
  for (std::size_t k = 0; k < alive.size(); ++k) {
    const std::size_t i = alive[k];
    s += weights[i];
    q += weights[i] * weights[i];
    const bool last_of_tie = k + 1 == alive.size() || distances[alive[k + 1]] > distances[i];
    if (last_of_tie && s * s / q >= goal) {
      chosen = distances[i];
      break;
    }
  }
  // No progress (a tie at the current tolerance holds more than the goal: statistics of whole
  // numbers on common random numbers tie often): the largest distance below it, if any.
  if (chosen >= current) {
    for (auto it = alive.rbegin(); it != alive.rend(); ++it) {
      if (distances[*it] < current) {
        chosen = distances[*it];
        break;
      }
    }
  }
  return std::max(floor, std::min(chosen, current));
}

std::vector<std::size_t> systematic_resample(std::span<const double> weights, double u,
                                             std::size_t count) {
  const std::size_t n = weights.size();
  const std::size_t m = count > 0 ? count : n;
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<std::size_t> out(m);
  double cumulative = 0;
  std::size_t i = 0;
  for (std::size_t k = 0; k < m; ++k) {
    const double point = (static_cast<double>(k) + u) / static_cast<double>(m) * total;
    while (i + 1 < n && cumulative + weights[i] <= point) {
      cumulative += weights[i];
      ++i;
    }
    // Never a particle of weight 0, even where rounding puts the point on its edge.
    while (weights[i] <= 0 && i + 1 < n) ++i;
    while (weights[i] <= 0 && i > 0) --i;
    out[k] = i;
  }
  return out;
}

void weighted_moments(const Eigen::MatrixXd& z, std::span<const double> weights,
                      Eigen::VectorXd& mean, Eigen::MatrixXd& covariance) {
  const auto n = z.rows();
  const auto p = z.cols();
  double total = 0;
  mean = Eigen::VectorXd::Zero(p);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double w = weights[static_cast<std::size_t>(i)];
    mean += w * z.row(i).transpose();
    total += w;
  }
  if (total > 0) mean /= total;
  covariance = Eigen::MatrixXd::Zero(p, p);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double w = weights[static_cast<std::size_t>(i)];
    if (w <= 0) continue;
    const Eigen::VectorXd d = z.row(i).transpose() - mean;
    covariance += w * d * d.transpose();
  }
  if (total > 0) covariance /= total;
}

AbcSmc::AbcSmc(std::vector<UncertainParameter> priors, AbcSettings settings)
    : priors_(std::move(priors)), settings_(settings) {
  const AbcSettings& s = settings_;
  if (priors_.empty()) throw std::invalid_argument("a calibration needs at least one parameter");
  if (s.particles < 2) throw std::invalid_argument("a calibration needs at least 2 particles");
  if (s.generations < 1) throw std::invalid_argument("a calibration needs at least 1 generation");
  if (!(s.ess_fraction > 0 && s.ess_fraction < 1)) {
    throw std::invalid_argument("ess_fraction must be in (0, 1)");
  }
  if (!(s.resample_fraction > 0 && s.resample_fraction <= 1)) {
    throw std::invalid_argument("resample_fraction must be in (0, 1]");
  }
  if (!(s.final_tolerance > 0) || !std::isfinite(s.final_tolerance)) {
    throw std::invalid_argument("the final tolerance must be a positive number");
  }
  if (s.final_moves < 0) throw std::invalid_argument("final_moves must be >= 0");
  if (!(s.kernel_scale >= 0) || !(s.min_acceptance >= 0 && s.min_acceptance < 1)) {
    throw std::invalid_argument("kernel_scale must be >= 0 and min_acceptance in [0, 1)");
  }
  for (const auto& p : priors_) {
    if (p.distribution == Distribution::kLevels || p.distribution == Distribution::kInteger) {
      throw std::invalid_argument(
          fmt::format("parameter '{}': levels and integers priors cannot be calibrated", p.path));
    }
  }
}

std::vector<double> AbcSmc::values(std::size_t g, std::size_t i) const {
  const AbcPopulation& pop = populations_.at(g);
  std::vector<double> out(priors_.size());
  for (std::size_t j = 0; j < priors_.size(); ++j) {
    out[j] =
        from_kernel(priors_[j], pop.z(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)));
  }
  return out;
}

AbcProposals AbcSmc::propose() {
  AbcProposals out;
  if (finished_) return out;
  const auto n = static_cast<std::size_t>(settings_.particles);
  const auto p = static_cast<Eigen::Index>(priors_.size());
  const int g = static_cast<int>(populations_.size());
  out.generation = g;
  if (g == 0) {
    out.z.resize(static_cast<Eigen::Index>(n), p);
    for (std::size_t i = 0; i < n; ++i) {
      Engine e = engine_for(settings_.seed, 0, i, Draw::kPrior);
      for (Eigen::Index j = 0; j < p; ++j) {
        const UncertainParameter& prior = priors_[static_cast<std::size_t>(j)];
        out.z(static_cast<Eigen::Index>(i), j) = to_kernel(prior, prior.value_at(uniform(e)));
      }
      out.slots.push_back(i);
    }
    return out;
  }

  // 1-3: the new tolerance, the weights at it, resampling.
  const AbcPopulation& last = populations_.back();
  pending_ = last;
  pending_.tolerance = next_tolerance(last.weights, last.distances, settings_.ess_fraction,
                                      last.tolerance, settings_.final_tolerance);
  for (std::size_t i = 0; i < n; ++i) {
    if (!(last.distances[i] <= pending_.tolerance)) pending_.weights[i] = 0;
  }
  const double total = std::accumulate(pending_.weights.begin(), pending_.weights.end(), 0.0);
  for (double& w : pending_.weights) w /= total;
  pending_.resampled = false;
  if (effective_sample_size(pending_.weights) <
      settings_.resample_fraction * static_cast<double>(n)) {
    Engine e = engine_for(settings_.seed, g, 0, Draw::kResample);
    const auto pick = systematic_resample(pending_.weights, uniform(e));
    AbcPopulation r = pending_;
    for (std::size_t k = 0; k < n; ++k) {
      r.z.row(static_cast<Eigen::Index>(k)) = pending_.z.row(static_cast<Eigen::Index>(pick[k]));
      r.distances[k] = pending_.distances[pick[k]];
      r.statistics[k] = pending_.statistics[pick[k]];
      r.weights[k] = 1.0 / static_cast<double>(n);
    }
    r.resampled = true;
    pending_ = std::move(r);
  }

  // 4: the moves, from a normal fitted to the population (regularised when it has collapsed).
  Eigen::VectorXd mean;
  Eigen::MatrixXd cov;
  weighted_moments(pending_.z, pending_.weights, mean, cov);
  cov *= kernel_scale();
  for (Eigen::Index j = 0; j < p; ++j) {
    const double floor = 1e-6 * prior_width(priors_[static_cast<std::size_t>(j)]);
    cov(j, j) += floor * floor;
  }
  Eigen::LLT<Eigen::MatrixXd> llt(cov);
  if (llt.info() != Eigen::Success) {
    // Not positive definite (rounding in a near-degenerate population): its diagonal alone.
    const Eigen::MatrixXd diagonal = cov.diagonal().asDiagonal();
    llt.compute(diagonal);
  }
  const Eigen::MatrixXd l = llt.matrixL();
  std::vector<double> row(static_cast<std::size_t>(p));
  std::vector<std::size_t> slots;
  std::vector<Eigen::VectorXd> proposed;
  for (std::size_t i = 0; i < n; ++i) {
    if (pending_.weights[i] <= 0) continue;
    Engine e = engine_for(settings_.seed, g, i, Draw::kMove);
    boost::random::normal_distribution<double> normal;
    Eigen::VectorXd xi(p);
    for (Eigen::Index j = 0; j < p; ++j) xi(j) = normal(e);
    Eigen::VectorXd z = pending_.z.row(static_cast<Eigen::Index>(i)).transpose() + l * xi;
    for (Eigen::Index j = 0; j < p; ++j) row[static_cast<std::size_t>(j)] = z(j);
    // A proposal outside the prior is refused without a simulation.
    if (!std::isfinite(log_prior(priors_, row))) continue;
    slots.push_back(i);
    proposed.push_back(std::move(z));
  }
  out.slots = std::move(slots);
  out.z.resize(static_cast<Eigen::Index>(proposed.size()), p);
  for (std::size_t k = 0; k < proposed.size(); ++k) {
    out.z.row(static_cast<Eigen::Index>(k)) = proposed[k].transpose();
  }
  return out;
}

void AbcSmc::absorb(const AbcProposals& proposals, std::span<const AbcEvaluation> evaluations) {
  if (finished_) throw std::logic_error("absorb() after the calibration finished");
  if (evaluations.size() != proposals.slots.size()) {
    throw std::invalid_argument(
        fmt::format("{} evaluations for {} proposals", evaluations.size(), proposals.slots.size()));
  }
  if (proposals.generation != static_cast<int>(populations_.size())) {
    throw std::invalid_argument("proposals of another generation");
  }
  const auto n = static_cast<std::size_t>(settings_.particles);
  const std::size_t p = priors_.size();
  const int g = proposals.generation;
  // A distance that is not a number fits nothing: it counts as infinitely far.
  auto distance = [&](std::size_t k) {
    return std::isnan(evaluations[k].distance) ? kInfinity : evaluations[k].distance;
  };
  if (g == 0) {
    AbcPopulation pop;
    pop.z = proposals.z;
    pop.weights.assign(n, 1.0 / static_cast<double>(n));
    pop.statistics.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      pop.distances.push_back(distance(i));
      pop.statistics[i] = evaluations[i].statistics;
    }
    pop.tolerance = kInfinity;
    pop.ess = static_cast<double>(n);
    pop.acceptance = 1;
    pop.simulated = static_cast<std::int64_t>(n);
    populations_.push_back(std::move(pop));
  } else {
    AbcPopulation pop = pending_;
    std::size_t alive = 0, accepted = 0;
    for (double w : pop.weights) alive += w > 0 ? 1 : 0;
    std::vector<double> now(p), then(p);
    for (std::size_t k = 0; k < proposals.slots.size(); ++k) {
      const std::size_t i = proposals.slots[k];
      const AbcEvaluation& ev = evaluations[k];
      if (!(distance(k) <= pop.tolerance)) continue;
      for (std::size_t j = 0; j < p; ++j) {
        now[j] = proposals.z(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(j));
        then[j] = pop.z(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
      }
      // The kernel is symmetric: the Metropolis-Hastings ratio is the prior ratio.
      const double log_ratio = log_prior(priors_, now) - log_prior(priors_, then);
      Engine e = engine_for(settings_.seed, g, i, Draw::kAccept);
      if (log_ratio < 0 && std::log(uniform(e)) >= log_ratio) continue;
      pop.z.row(static_cast<Eigen::Index>(i)) = proposals.z.row(static_cast<Eigen::Index>(k));
      pop.distances[i] = distance(k);
      pop.statistics[i] = ev.statistics;
      ++accepted;
    }
    pop.acceptance = alive > 0 ? static_cast<double>(accepted) / static_cast<double>(alive) : 0;
    pop.ess = effective_sample_size(pop.weights);
    pop.simulated = static_cast<std::int64_t>(proposals.slots.size());
    populations_.push_back(std::move(pop));
  }

  const AbcPopulation& last = populations_.back();
  int at_final = 0;
  for (const auto& pop : populations_) at_final += pop.tolerance <= settings_.final_tolerance;
  if (g > 0 && at_final > settings_.final_moves) {
    stop_reason_ = "tolerance";
  } else if (static_cast<int>(populations_.size()) >= settings_.generations) {
    stop_reason_ = "generations";
  } else if (g > 0 && last.acceptance < settings_.min_acceptance) {
    stop_reason_ = "acceptance";
  }
  finished_ = !stop_reason_.empty();
}

}  // namespace flashpoint
