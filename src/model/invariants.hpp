#pragma once
// Invariants of the world state, checked at the end of every simulated day in debug builds
// (docs/reliability.md, "Invariants"): no NaN or infinity in any real-valued state or in today's
// row of the daily series, no negative stock, people and posts conserved. They only read the
// world, so checked and unchecked runs give the same bytes.
//
// The daily check runs when the engine is built without NDEBUG (the debug preset) or with
// FLASHPOINT_CHECK_INVARIANTS defined; otherwise simulate() does not contain it at all. Tests in
// any build call simulate_checked() or check_invariants() directly.
//
// Every build, release too, runs the cheap part that valid input can break: check_finite_day(),
// today's recorded values are numbers (a few dozen values a day; ModelDiverged otherwise).
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/simulation.hpp"
#include "model/world.hpp"

namespace flashpoint {

#if !defined(NDEBUG) || defined(FLASHPOINT_CHECK_INVARIANTS)
inline constexpr bool kCheckInvariantsDaily = true;
#else
inline constexpr bool kCheckInvariantsDaily = false;
#endif

/// A broken invariant: a bug in the model, not a problem of the input. The message names the
/// day (index and date), the quantity and the values found.
class InvariantViolation : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// What must stay as it was at the start of the run: the posts, the citizen agents of each
/// district and the refugees of each population (hosted plus returned).
struct InvariantBaseline {
  std::size_t posts = 0;
  std::vector<std::size_t> citizens_per_district;
  std::vector<double> refugees_per_population;
};

/// The baseline of a world whose society and refugees are initialised (init_society,
/// init_refugees) and which has not been stepped.
[[nodiscard]] InvariantBaseline invariant_baseline(const World& w);

/// Checks every invariant of `w` at the end of day w.day (after record_day). Throws
/// InvariantViolation naming the first one broken.
void check_invariants(const World& w, const InvariantBaseline& baseline);

/// The check every build makes after every day: today's row of every real-valued daily series
/// (hostility, legitimacy, sanctuary tolerance, fighters, trade flow, displaced, active share,
/// refugees, returnees) and the run's real-valued totals so far (trade and exports lost, peak
/// displaced) are finite. Parameters inside their ranges can still diverge (Richardson's
/// hostility when k_ij*k_ji > a_i*a_j), so this is ModelDiverged, not InvariantViolation: one
/// line naming the run (index and seed), the day and date, the quantity and the actor or dyad,
/// with a hint for hostility. Reads only.
void check_finite_day(const World& w);

/// simulate() with the invariants checked after every day, whatever the build type. Same result
/// as simulate(), or InvariantViolation. Defined in step.cpp.
[[nodiscard]] RunResult simulate_checked(const Scenario& scenario, const RunPlan& plan);

}  // namespace flashpoint
