#pragma once
// Armed-group cells: the attack hazard, targeting, attribution and sanctuary (docs/model.md,
// "Armed-group cells").
#include "scenario/scenario.hpp"

namespace flashpoint {

/// Daily attack hazard of a cell (MODEL.md):
///   h = base_rate * (fighters / reference)^gamma * (1 + sanctuary_bonus * sigma [on host soil])
///       * (1 - ci_pressure) * (1 - ceasefire_effect [host-target ceasefire in force]).
[[nodiscard]] double cell_attack_hazard(const InsurgencyParams& p, double fighters,
                                        bool on_host_soil, double sigma, double ci_pressure,
                                        bool ceasefire);

/// Counter-insurgency pressure on a cell: 1 - exp(-ci_effect * security), where the security
/// presence of the host's own districts counts only as far as the host does not tolerate the
/// group: security * (1 - sigma).
[[nodiscard]] double ci_pressure(const InsurgencyParams& p, double security, bool on_host_soil,
                                 double sigma);

/// P(the victim blames the host) for an attack from the host's soil (true) or by a local cell
/// (false), after a joint investigation of accuracy `accuracy` in [0,1] moved blame toward the
/// true origin.
[[nodiscard]] double blame_probability(const StateParams& victim, bool from_host_soil,
                                       double accuracy);

/// Great-circle distance in km between two points given in degrees (haversine).
[[nodiscard]] double distance_km(double lat1, double lon1, double lat2, double lon2);

/// One day of the host's tolerance sigma: drift toward affinity, minus coercion by the target
/// state, regional pressure; clamped to [sigma_floor, 1].
[[nodiscard]] double next_sigma(const InsurgencyParams& p, double sigma, double affinity,
                                int target_strikes, double regional_pressure);

}  // namespace flashpoint
