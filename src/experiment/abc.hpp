#pragma once
// Approximate Bayesian computation by sequential Monte Carlo with an adaptive tolerance (Del
// Moral, Doucet & Jasra 2012, "An adaptive sequential Monte Carlo method for approximate Bayesian
// computation", Statistics and Computing 22: 1009-1020), the algorithm behind `flashpoint
// calibrate` (docs/calibration.md). It knows nothing of the model: a generation asks for the
// distances of a list of proposed parameter vectors and is given them back, so the same code is
// driven by the journaled runs of the model (calibrate.cpp) and by the analytic problems of the
// known-answer tests.
//
// Generation 0 draws every particle from the prior. Each later generation
//   1. lowers the tolerance to the largest value that keeps `ess_fraction` of the effective
//      sample size (never below `final_tolerance`),
//   2. sets the weight of every particle farther than it to 0,
//   3. resamples (systematic) when the effective sample size falls under `resample_fraction` of
//      the particles,
//   4. moves every living particle by one Metropolis-Hastings step: a proposal from a
//      multivariate normal centred on it with `kernel_scale` times the weighted covariance of the
//      population (by default 2.38^2 / d for d parameters, the optimal scaling of a random-walk
//      Metropolis step, Roberts, Gelman & Gilks 1997), accepted when its distance is within the
//      tolerance and with probability min(1, prior ratio).
// It stops `final_moves` generations after the one that reached the final tolerance (each moves
// the population again at it), after `generations` generations, or when fewer than
// `min_acceptance` of the moves are accepted (the population no longer moves).
//
// Parameters move in kernel coordinates: the value, or its logarithm for a log-uniform prior (so
// that a parameter spanning decades moves by factors). Every random number comes from an engine
// seeded by (seed, generation, particle, purpose): the same settings give the same populations
// whatever the order in which the distances were computed.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "scenario/experiment_specs.hpp"

namespace flashpoint {

struct AbcSettings {
  int particles = 100;
  int generations = 10;            ///< at most, generation 0 included
  double ess_fraction = 0.5;       ///< alpha: the share of the ESS each new tolerance keeps
  double resample_fraction = 0.5;  ///< resample when ESS < this x particles
  double final_tolerance = 1.0;    ///< the tolerance the schedule stops at
  /// Proposal covariance = this x weighted covariance; 0: 2.38^2 / parameters.
  double kernel_scale = 0;
  double min_acceptance = 0.02;  ///< stop when fewer moves than this share are accepted
  /// Generations of moves at the final tolerance after the one that reached it: each moves the
  /// population again, so that fewer particles are copies of one another.
  int final_moves = 2;
  std::uint64_t seed = 0;
};

/// The kernel coordinate of a value: log(value) for a log-uniform prior, else the value.
[[nodiscard]] double to_kernel(const UncertainParameter& p, double value);
/// The value of a kernel coordinate (the inverse of to_kernel).
[[nodiscard]] double from_kernel(const UncertainParameter& p, double z);
/// log of the prior density at kernel coordinates z, up to a constant; -infinity outside the
/// prior's support. Uniform, log-uniform (uniform in log), triangular and normal (cut to [low,
/// high]) priors; levels and integers are not calibrated (the loader refuses them).
[[nodiscard]] double log_prior(std::span<const UncertainParameter> priors,
                               std::span<const double> z);

/// Effective sample size of weights (need not be normalised): (sum w)^2 / sum w^2; 0 if none.
[[nodiscard]] double effective_sample_size(std::span<const double> weights);

/// The tolerance of the next generation: the smallest distance of a living particle (weight >
/// 0, distance <= current) at which the weights of the particles within it keep `fraction` of
/// the current ESS (ties kept together); when that is the current tolerance itself (a tie holds
/// more than the goal), the largest distance below it. Never below `floor`, never above
/// `current`.
[[nodiscard]] double next_tolerance(std::span<const double> weights,
                                    std::span<const double> distances, double fraction,
                                    double current, double floor);

/// Systematic resampling with one uniform u in [0, 1): the index of each of `count` new
/// particles (0: as many as there are weights), never one of weight 0. Weights need not be
/// normalised.
[[nodiscard]] std::vector<std::size_t> systematic_resample(std::span<const double> weights,
                                                           double u, std::size_t count = 0);

/// Weighted mean and covariance of the rows of z (weights need not be normalised).
void weighted_moments(const Eigen::MatrixXd& z, std::span<const double> weights,
                      Eigen::VectorXd& mean, Eigen::MatrixXd& covariance);

/// One population of particles.
struct AbcPopulation {
  Eigen::MatrixXd z;                            ///< [particle][parameter], kernel coordinates
  std::vector<double> weights;                  ///< normalised; 0 = dead
  std::vector<double> distances;                ///< of each particle's current parameters
  std::vector<std::vector<double>> statistics;  ///< [particle][target], from the evaluator
  double tolerance = 0;  ///< the tolerance the population is at (infinite at 0)
  double ess = 0;
  double acceptance = 0;  ///< share of the moves accepted (1 at generation 0)
  bool resampled = false;
  std::int64_t simulated = 0;  ///< proposals simulated to make it
};

/// The proposals of one generation: particle slots and their proposed coordinates.
struct AbcProposals {
  int generation = 0;
  std::vector<std::size_t> slots;  ///< particle indices, increasing
  Eigen::MatrixXd z;               ///< [k][parameter] for slots[k]
};

/// What the evaluator returns for one proposal: its distance and the summary statistics it was
/// computed from (kept with the population; may be empty).
struct AbcEvaluation {
  double distance = 0;
  std::vector<double> statistics;
};

class AbcSmc {
 public:
  /// Throws std::invalid_argument for settings out of range or no parameters.
  AbcSmc(std::vector<UncertainParameter> priors, AbcSettings settings);

  /// The proposals of the next generation (generation 0: draws from the prior), or none when the
  /// calibration is finished. Call absorb() with their evaluations before asking again.
  [[nodiscard]] AbcProposals propose();
  /// Takes the evaluations of the proposals (in their order) and makes the next population.
  void absorb(const AbcProposals& proposals, std::span<const AbcEvaluation> evaluations);

  [[nodiscard]] bool finished() const { return finished_; }
  /// Why it stopped: "tolerance", "generations" or "acceptance" ("" while running).
  [[nodiscard]] const std::string& stop_reason() const { return stop_reason_; }
  [[nodiscard]] const std::vector<AbcPopulation>& populations() const { return populations_; }
  [[nodiscard]] const std::vector<UncertainParameter>& priors() const { return priors_; }
  [[nodiscard]] const AbcSettings& settings() const { return settings_; }
  /// The kernel scale in use: settings().kernel_scale, or 2.38^2 / parameters when that is 0.
  [[nodiscard]] double kernel_scale() const {
    return settings_.kernel_scale > 0 ? settings_.kernel_scale
                                      : 2.38 * 2.38 / static_cast<double>(priors_.size());
  }
  /// The values (not kernel coordinates) of particle i of population g.
  [[nodiscard]] std::vector<double> values(std::size_t g, std::size_t i) const;

 private:
  std::vector<UncertainParameter> priors_;
  AbcSettings settings_;
  std::vector<AbcPopulation> populations_;
  /// The population being moved: reweighted (and resampled) at the new tolerance.
  AbcPopulation pending_;
  bool finished_ = false;
  std::string stop_reason_;
};

}  // namespace flashpoint
