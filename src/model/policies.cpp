// Policy levers (docs/scenarios.md, "Policies"; docs/model.md, "Policies"). Each starts on a day
// or on the first day after the escalation level reached its trigger, and from then on changes a
// mechanism's inputs; no lever writes an outcome directly.
#include <algorithm>

#include "model/ladder.hpp"
#include "model/phases.hpp"

namespace flashpoint {

namespace {

void emit_closure(const Shared& sh, Ledger& ledger, int s, int j) {
  ledger.emit(state_event(sh, s, j, cameo_variants(Action::kCloseCrossings)[0]));
}

/// What starting policy p changes: the parameters it sets, and the state three levers act on.
struct Levers {
  const Shared& sh;
  RunParams& params;
  StrategicState& strategic;
  EconomyState& economy;
  SocietyState& society;
  Ledger& ledger;
};

void start(const Levers& lv, const Policy& p) {
  const Shared& sh = lv.sh;
  RunParams& params = lv.params;
  const int s = p.actor >= 0 ? sh.state_of(ActorId{p.actor}) : -1;
  const int t = p.partner >= 0 ? sh.state_of(ActorId{p.partner}) : -1;
  const auto& pop = sh.sc.population;
  switch (p.type) {
    case PolicyType::kRetaliationDoctrine:
      // The policy's doctrines replace the state's: a pending trigger of the old ones lapses and
      // their memory of deaths is dropped.
      params.doctrines[s] = *p.doctrine;
      lv.strategic.pending[s].assign(p.doctrine->size(), PendingRetaliation{});
      lv.strategic.attributed[s].assign(p.doctrine->size(), {});
      break;
    case PolicyType::kBorderClosure:
      for (int j = 0; j < sh.num_states(); ++j) {
        if (j == s || sh.dyad_crossings[sh.dyad(s, j)].empty()) continue;
        emit_closure(sh, lv.ledger, s, j);
        close_crossings(sh, lv.strategic, lv.economy, lv.ledger.day, s, j, p.closure_min_days);
      }
      break;
    case PolicyType::kMediation:
      for (int m : p.mediators) {
        params.leverage_multiplier[m] = p.leverage_multiplier;
        if (p.activation_level >= 0) params.mediator[m].activation_level = p.activation_level;
        if (p.round_interval_days > 0) {
          params.mediator[m].round_interval_days = p.round_interval_days;
        }
        params.monitoring_by[m] = p.monitoring ? 1 : 0;
      }
      break;
    case PolicyType::kBorderCommission:
      params.hotline(s, t) = params.hotline(t, s) = p.hotline;
      params.joint_investigation(s, t) = params.joint_investigation(t, s) = p.joint_investigation;
      params.joint_patrols(s, t) = params.joint_patrols(t, s) = p.joint_patrols;
      break;
    case PolicyType::kEconomicCorridor:
      for (int c : sh.dyad_crossings[sh.dyad(s, t)]) {
        params.trade_growth[c] = p.trade_growth_per_day;
        params.trade_cap[c] = p.max_trade_multiplier;
      }
      params.interdependence(s, t) = params.interdependence(t, s) = p.interdependence;
      params.hardship_relief[s] = params.hardship_relief[t] = p.hardship_relief;
      break;
    case PolicyType::kPublicDiplomacy:
      params.fatigue_bonus[s] += p.hostility_decay_bonus;
      params.fatigue_bonus[t] += p.hostility_decay_bonus;
      for (int d : sh.border_districts(StateId{s}, StateId{t}))
        params.legitimacy_gain[d] += p.legitimacy_gain_per_day;
      for (int d : sh.border_districts(StateId{t}, StateId{s}))
        params.legitimacy_gain[d] += p.legitimacy_gain_per_day;
      break;
    case PolicyType::kDeportation:
      break;  // the refugee phase reads the started policy's phases (refugees.cpp)
    case PolicyType::kCounterInsurgency:
      for (int d : p.districts) {
        params.security[d] += p.security_increase;
        lv.society.legitimacy_target[d] = std::min(
            1.0, lv.society.legitimacy_target[d] + pop.legitimacy_security * p.security_increase);
        params.ops_multiplier[d] = p.operations_multiplier;
      }
      break;
    case PolicyType::kRegionalPressure:
      params.regional_pressure[s] += p.pressure;
      break;
  }
}

}  // namespace

void start_policies(const Shared& sh, const TriggerMemory& yesterday, PolicyState& policies,
                    RunParams& params, StrategicState& strategic, EconomyState& economy,
                    SocietyState& society, Ledger& ledger) {
  const int day = ledger.day;
  const Scenario& sc = sh.sc;
  for (std::size_t k = 0; k < sc.policies.size(); ++k) {
    if (policies.started[k]) continue;
    const Policy& p = sc.policies[k];
    if (day < p.start.day) continue;
    if (p.start.escalation_at_least > -100 && yesterday.level < p.start.escalation_at_least) {
      continue;
    }
    const int s = p.actor >= 0 ? sh.state_of(ActorId{p.actor}) : -1;
    if (p.start.attack_deaths_at_least > 0 &&
        (s < 0 || yesterday.worst_attack[s] < p.start.attack_deaths_at_least)) {
      continue;
    }
    if (p.start.on_closure && (s < 0 || !yesterday.closed[s])) continue;
    policies.started[k] = 1;
    ledger.record.policy_starts.push_back({day, p.name});
    start({sh, params, strategic, economy, society, ledger}, p);
  }
}

}  // namespace flashpoint
