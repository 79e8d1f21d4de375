#pragma once
// Refugee returns and deportation (model layer 2; MODEL.md "Displacement and refugees", policy 7
// `deportation`). Every flow is a deterministic expected value: no random draws.
//
// Each day a host state's refugee stock of each class returns at a daily rate (a share of the
// remaining stock): the voluntary rate, or the rate of a deportation phase in force if higher.
// People return only through crossings on the host-origin line that are open today (or opened for
// returnees by the deportation policy on a scheduled day), up to their capacity for returnees.
// Returnees settle in the origin's districts and are remembered there for about 30 days
// (`RefugeeState::returnees_recent`), which the society phase reads as strain. init_refugees and
// update_refugees, the phases themselves, are declared in model/phases.hpp.
#include "model/world.hpp"

namespace flashpoint {

/// The daily return rate of class `c` of refugee population `refugee_population` on `day`:
/// the largest of the population's voluntary rate and the rates of the phases targeting `c` of
/// every started deportation policy by the same host against the same origin. A phase is in force
/// from its start_day (which may be negative: it began before the run); before its deadline_day
/// it sets rate_before, from the deadline on rate_after. While a deport action boosts the host
/// (day <= refugees.deport_boost_until[host]) phase rates are multiplied by deport_action_boost.
/// The result is clamped to [0, 1].
[[nodiscard]] double class_return_rate(const Shared& sh, const PolicyState& policies,
                                       const RefugeeState& refugees, int day,
                                       int refugee_population, RefugeeClass c);

/// People per day who can return from `host_state` to `origin_state` (state indices) on `day`:
/// the sum, over crossings on that line that are open today (economy.crossing_open) or opened by
/// a started deportation policy of the same host and origin on one of its scheduled openings
/// (start_day <= day < start_day + days), of people_per_day * returns_share_of_capacity. A usable
/// crossing with people_per_day 0 sets no cap: the result is then +infinity. 0 when no crossing on
/// the line is usable.
[[nodiscard]] double return_capacity(const Shared& sh, const PolicyState& policies,
                                     const EconomyState& economy, int host_state, int origin_state,
                                     int day);

}  // namespace flashpoint
