#include "model/operations.hpp"

#include <algorithm>

#include <boost/random/binomial_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>

namespace flashpoint {

double square_law_rate(double alpha, double shooters, double eff, double target_fortification,
                       double intensity) {
  return alpha * shooters * eff * (1.0 - target_fortification) * intensity;
}

double linear_law_rate(double beta, double shooters, double targets, double eff,
                       double target_fortification, double intensity) {
  return beta * shooters * targets * eff * (1.0 - target_fortification) * intensity;
}

namespace {

/// Poisson(mean) capped at `cap`. The mean is capped first, far above any cap (garrisons are at
/// most 1e5), so that huge rates cannot overflow the integer draw.
std::int32_t draw_poisson_capped(double mean, std::int32_t cap, Engine& rng) {
  if (mean <= 0 || cap <= 0) return 0;
  boost::random::poisson_distribution<std::int64_t, double> d(std::min(mean, 1e9));
  return static_cast<std::int32_t>(std::min<std::int64_t>(d(rng), cap));
}

std::int32_t draw_binomial(std::int32_t n, double p, Engine& rng) {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  boost::random::binomial_distribution<std::int32_t, double> d(n, p);
  return d(rng);
}

}  // namespace

double people_within_reach(double population, bool artillery, const OperationsParams& ops) {
  return std::max(0.0, population) * (artillery ? ops.reach_artillery : ops.reach_small_arms);
}

Harm draw_fire_harm(double within_reach, double intensity, const OperationsParams& ops,
                    Engine& rng) {
  const double mean = ops.fire_casualty_rate * intensity * within_reach / 1e5;
  // At most the people in reach, and a million a clash: a guard for the int32 counts.
  const auto cap = static_cast<std::int32_t>(std::min(within_reach, 1e6));
  const std::int32_t casualties = draw_poisson_capped(mean, cap, rng);
  const std::int32_t killed = draw_binomial(casualties, ops.fire_lethality, rng);
  return {killed, casualties - killed};
}

std::int32_t at_most_present(std::int32_t drawn, double present) {
  return static_cast<std::int32_t>(std::min<double>(drawn, std::floor(std::max(0.0, present))));
}

std::int32_t draw_injured(double ratio, double expected_deaths, double room, Engine& rng) {
  const auto cap = static_cast<std::int32_t>(std::clamp(room, 0.0, 1e9));
  return draw_poisson_capped(ratio * expected_deaths, cap, rng);
}

ClashOutcome resolve_clash(PostColumns& posts, int sector, int attacker, int defender,
                           const ClashParams& params, Engine& rng) {
  std::vector<std::size_t> att, def;
  for (std::size_t k = 0; k < posts.size(); ++k) {
    if (posts.sector[k] != sector || posts.garrison[k] <= 0) continue;
    if (posts.controller[k] == attacker) att.push_back(k);
    if (posts.controller[k] == defender) def.push_back(k);
  }
  ClashOutcome out;
  if (att.empty() || def.empty()) return out;

  for (std::size_t n = 0; n < def.size(); ++n) {
    const std::size_t d = def[n];
    const std::size_t a = att[n % att.size()];
    if (posts.garrison[a] <= 0) continue;
    const double ga = posts.garrison[a], gd = posts.garrison[d];
    const double ea = effectiveness(posts.readiness[a]), ed = effectiveness(posts.readiness[d]);
    double on_defender, on_attacker;
    if (params.artillery) {
      on_defender =
          linear_law_rate(params.beta, ga, gd, ea, posts.fortification[d], params.intensity);
      on_attacker =
          linear_law_rate(params.beta, gd, ga, ed, posts.fortification[a], params.intensity);
    } else {
      on_defender = square_law_rate(params.alpha, ga, ea, posts.fortification[d], params.intensity);
      on_attacker = square_law_rate(params.alpha, gd, ed, posts.fortification[a], params.intensity);
    }
    // Draw the defender's losses first, then the attacker's: a fixed order keeps runs reproducible.
    const auto cd = draw_poisson_capped(on_defender, static_cast<std::int32_t>(gd), rng);
    const auto ca = draw_poisson_capped(on_attacker, static_cast<std::int32_t>(ga), rng);
    posts.garrison[d] -= cd;
    posts.garrison[a] -= ca;
    out.defender_casualties += cd;
    out.attacker_casualties += ca;
    out.defender_deaths += draw_binomial(cd, params.lethality, rng);
    out.attacker_deaths += draw_binomial(ca, params.lethality, rng);

    const bool broken = posts.garrison[d] < params.capture_threshold * posts.full_garrison[d];
    const bool superior = posts.garrison[a] >= params.superiority_ratio * posts.garrison[d];
    if (broken && superior && posts.garrison[a] >= 2) {
      const double moving = std::floor(posts.garrison[a] / 2);
      posts.garrison[a] -= moving;
      posts.garrison[d] = moving;  // the survivors withdraw
      posts.controller[d] = attacker;
      out.captured.push_back(d);
    }
  }
  return out;
}

}  // namespace flashpoint
