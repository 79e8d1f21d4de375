#pragma once
// The operational layer: border posts in stochastic Lanchester clashes, capture of posts,
// strikes, and crossings. docs/model.md, "Operations".
#include <cstdint>
#include <vector>

#include "core/rng.hpp"
#include "scenario/params/operations.hpp"

namespace flashpoint {

/// Posts as columns: one entry per post.
struct PostColumns {
  std::vector<std::int32_t> sector;      ///< sector index
  std::vector<std::int32_t> owner;       ///< state index that held it at the start
  std::vector<std::int32_t> controller;  ///< state index that holds it now
  std::vector<double> garrison;          ///< soldiers now
  std::vector<double> full_garrison;     ///< soldiers at full strength
  std::vector<double> fortification;     ///< [0,1]
  std::vector<double> readiness;         ///< [0,1]; raised by mobilising, decays
  [[nodiscard]] std::size_t size() const { return sector.size(); }
};

/// Expected casualties inflicted on a post in one day by aimed fire (Lanchester square law):
///   alpha * shooters * effectiveness * (1 - target_fortification) * intensity.
[[nodiscard]] double square_law_rate(double alpha, double shooters, double effectiveness,
                                     double target_fortification, double intensity);

/// Expected casualties inflicted by area fire (Lanchester linear law): the rate also grows with
/// the number of targets:  beta * shooters * targets * effectiveness * (1 - f) * intensity.
[[nodiscard]] double linear_law_rate(double beta, double shooters, double targets,
                                     double effectiveness, double target_fortification,
                                     double intensity);

/// A post's fighting effectiveness: 1 + readiness (an alerted post fights up to twice as well).
[[nodiscard]] inline double effectiveness(double readiness) {
  return 1.0 + readiness;
}

/// Parameters of one day's clash in one sector.
struct ClashParams {
  double alpha = 0, beta = 0;  ///< square-law and linear-law coefficients
  bool artillery = false;      ///< linear law instead of square law
  double intensity = 0;
  double lethality = 0;
  double capture_threshold = 0;
  double superiority_ratio = 0;
};

/// What a clash did.
struct ClashOutcome {
  std::int32_t attacker_deaths = 0, defender_deaths = 0;
  std::int32_t attacker_casualties = 0, defender_casualties = 0;
  std::vector<std::size_t> captured;  ///< posts that changed hands (now the attacker's)
};

/// One day of fighting between the posts of `attacker` and `defender` in `sector`: every
/// defender post is paired with an attacker post (in index order, cycling over the attacker's
/// posts), both fire, casualties are Poisson draws capped by the garrison, deaths are a binomial
/// share of casualties, and a defender post whose garrison falls below capture_threshold of full
/// strength while its opponent has superiority_ratio times its strength changes hands (half the
/// opponent's garrison moves in).
[[nodiscard]] ClashOutcome resolve_clash(PostColumns& posts, int sector, int attacker, int defender,
                                         const ClashParams& params, Engine& rng);

/// Killed and injured of one category in one event.
struct Harm {
  std::int32_t killed = 0, injured = 0;
};

/// People of a border district within reach of fire from across the line: its population times
/// the share the weapons reach (reach_artillery or reach_small_arms).
[[nodiscard]] double people_within_reach(double population, bool artillery,
                                         const OperationsParams& ops);

/// Civilian harm of one day of fire into a district with `within_reach` people in reach:
/// casualties ~ Poisson(fire_casualty_rate * intensity * within_reach / 1e5), at most
/// within_reach; killed ~ Binomial(casualties, fire_lethality); the other casualties injured.
[[nodiscard]] Harm draw_fire_harm(double within_reach, double intensity,
                                  const OperationsParams& ops, Engine& rng);

/// Drawn deaths bounded by who is there: at most floor(present) (people, forces or fighters).
[[nodiscard]] std::int32_t at_most_present(std::int32_t drawn, double present);

/// The injured who go with an event of `expected_deaths` deaths: Poisson(ratio * expected_deaths),
/// at most `room` (the people present who were not killed).
[[nodiscard]] std::int32_t draw_injured(double ratio, double expected_deaths, double room,
                                        Engine& rng);

}  // namespace flashpoint
