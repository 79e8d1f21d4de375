// Refugee returns and deportation phases (docs/model.md, "Refugees and deportation"). All flows
// are expected values, so the phase draws nothing from the run's random streams.
#include "model/refugees.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "model/ladder.hpp"
#include "model/phases.hpp"

namespace flashpoint {

namespace {

/// Is policy k a started deportation policy of `host_actor` against `origin_actor`?
bool deportation_in_force(const Shared& sh, const PolicyState& policies, std::size_t k,
                          int host_actor, int origin_actor) {
  const Policy& p = sh.sc.policies[k];
  return p.type == PolicyType::kDeportation && policies.started[k] && p.actor == host_actor &&
         p.partner == origin_actor;
}

/// Does a started deportation policy of the host against the origin open crossings for returnees
/// on `day` (one of its scheduled openings)?
bool scheduled_opening(const Shared& sh, const PolicyState& policies, int host_actor,
                       int origin_actor, int day) {
  for (std::size_t k = 0; k < sh.sc.policies.size(); ++k) {
    if (!deportation_in_force(sh, policies, k, host_actor, origin_actor)) continue;
    for (const ScheduledOpening& o : sh.sc.policies[k].openings) {
      if (o.start_day <= day && day < o.start_day + o.days) return true;
    }
  }
  return false;
}

/// Where returnees to `origin_state` settle: shares over all districts summing to 1 (0 outside
/// the origin). By return_share; if all of the origin's are 0, by population; if those are 0
/// too, equally. Empty when the origin has no district.
std::vector<double> settlement_shares(const Shared& sh, int origin_state) {
  const auto& districts = sh.sc.districts;
  std::vector<double> share(districts.size(), 0.0);
  double by_return = 0, by_population = 0, count = 0;
  for (std::size_t d = 0; d < districts.size(); ++d) {
    if (sh.state_of(DistrictId{d}) != origin_state) continue;
    by_return += districts[d].return_share;
    by_population += districts[d].population;
    count += 1;
  }
  if (count == 0) return {};
  for (std::size_t d = 0; d < districts.size(); ++d) {
    if (sh.state_of(DistrictId{d}) != origin_state) continue;
    if (by_return > 0) {
      share[d] = districts[d].return_share / by_return;
    } else if (by_population > 0) {
      share[d] = districts[d].population / by_population;
    } else {
      share[d] = 1.0 / count;
    }
  }
  return share;
}

/// One event per deportation phase whose deadline is today: the host expels (CAMEO 174).
void emit_deadlines(const Shared& sh, const PolicyState& policies, Ledger& ledger) {
  const int day = ledger.day;
  if (day < 0) return;
  const CameoCode code = cameo_variants(Action::kDeport)[0];
  for (std::size_t k = 0; k < sh.sc.policies.size(); ++k) {
    const Policy& p = sh.sc.policies[k];
    if (p.type != PolicyType::kDeportation || !policies.started[k]) continue;
    for (const DeportationPhase& phase : p.phases) {
      if (phase.deadline_day != day) continue;
      EventRecord e;
      e.actor = p.actor;
      e.target = p.partner;
      e.cameo = std::string(code.code);
      e.goldstein = code.goldstein;
      ledger.emit(e);
    }
  }
}

}  // namespace

double class_return_rate(const Shared& sh, const PolicyState& policies,
                         const RefugeeState& refugees, int day, int refugee_population,
                         RefugeeClass c) {
  const RefugeePopulation& r = sh.sc.refugees[refugee_population];
  const int host = sh.state_of(ActorId{r.host});
  // A deport action (rung 5) scales forced returns for deport_action_days.
  const double boost =
      day <= refugees.deport_boost_until[host] ? sh.sc.population.deport_action_boost : 1.0;
  double rate = r.voluntary_return_rate;
  for (std::size_t k = 0; k < sh.sc.policies.size(); ++k) {
    if (!deportation_in_force(sh, policies, k, r.host, r.origin)) continue;
    for (const DeportationPhase& phase : sh.sc.policies[k].phases) {
      if (phase.target != c || phase.start_day > day) continue;
      // The deadline switches the phase from its grace rate to its enforcement rate.
      const double phase_rate = day < phase.deadline_day ? phase.rate_before : phase.rate_after;
      rate = std::max(rate, boost * phase_rate);
    }
  }
  return std::clamp(rate, 0.0, 1.0);
}

double return_capacity(const Shared& sh, const PolicyState& policies, const EconomyState& economy,
                       int host_state, int origin_state, int day) {
  const int host_actor = sh.actor_of(StateId{host_state});
  const int origin_actor = sh.actor_of(StateId{origin_state});
  const bool opened = scheduled_opening(sh, policies, host_actor, origin_actor, day);
  const double share = sh.sc.operations.returns_share_of_capacity;
  bool usable = false;
  double capacity = 0;
  for (int c : sh.dyad_crossings[sh.dyad(host_state, origin_state)]) {
    if (!economy.crossing_open[c] && !opened) continue;
    usable = true;
    const double people = sh.sc.crossings[c].people_per_day;
    // A crossing without a recorded throughput does not limit returns.
    if (people <= 0) return std::numeric_limits<double>::infinity();
    capacity += people * share;
  }
  return usable ? capacity : 0.0;
}

void init_refugees(World& w) {
  const Shared& sh = w;
  RefugeeState& refugees = w.refugees;
  const std::size_t n = sh.sc.refugees.size();
  refugees.stock.resize(n);
  refugees.returned.assign(n, 0.0);
  for (std::size_t r = 0; r < n; ++r) {
    const RefugeePopulation& pop = sh.sc.refugees[r];
    assert(sh.state_of(ActorId{pop.host}) >= 0 && sh.state_of(ActorId{pop.origin}) >= 0);
    refugees.stock[r] = pop.stock;
  }
  std::fill(refugees.returnees_recent.begin(), refugees.returnees_recent.end(), 0.0);
}

void update_refugees(const Shared& sh, const PolicyState& policies, const EconomyState& economy,
                     RefugeeState& refugees, Ledger& ledger) {
  const int day = ledger.day;
  // Memory of arrivals: exponential decay with e-folding time returnee_memory_days.
  const double keep = std::exp(-1.0 / sh.sc.population.returnee_memory_days);
  for (double& x : refugees.returnees_recent) x *= keep;

  for (std::size_t r = 0; r < sh.sc.refugees.size(); ++r) {
    const RefugeePopulation& pop = sh.sc.refugees[r];
    const int host = sh.state_of(ActorId{pop.host});
    const int origin = sh.state_of(ActorId{pop.origin});
    auto& stock = refugees.stock[r];

    // Desired returns: D = sum_c rate_c * stock_c.
    std::array<double, kRefugeeClassCount> desired{};
    double total_desired = 0;
    for (int c = 0; c < kRefugeeClassCount; ++c) {
      desired[c] = class_return_rate(sh, policies, refugees, day, static_cast<int>(r),
                                     static_cast<RefugeeClass>(c)) *
                   stock[c];
      total_desired += desired[c];
    }
    if (total_desired <= 0) continue;

    // Actual returns A = min(D, capacity), shared across classes in proportion to desired_c.
    const double capacity = return_capacity(sh, policies, economy, host, origin, day);
    const double scale = std::min(1.0, capacity / total_desired);
    if (scale <= 0) continue;
    double total = 0;
    for (int c = 0; c < kRefugeeClassCount; ++c) {
      const double flow = std::min(stock[c], desired[c] * scale);
      stock[c] -= flow;
      total += flow;
    }
    refugees.returned[r] += total;
    ledger.today.returns[origin] += total;

    // Returnees settle in the origin's districts.
    const std::vector<double> shares = settlement_shares(sh, origin);
    for (std::size_t d = 0; d < shares.size(); ++d)
      refugees.returnees_recent[d] += total * shares[d];
  }

  emit_deadlines(sh, policies, ledger);
}

}  // namespace flashpoint
