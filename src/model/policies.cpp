// Policy levers (docs/scenarios.md, "Policies"; docs/model.md, "Policies"). Each starts on a day
// or on the first day after the escalation level reached its trigger, and from then on changes a
// mechanism's inputs; no lever writes an outcome directly.
#include <algorithm>

#include "model/ladder.hpp"
#include "model/phases.hpp"

namespace flashpoint {

namespace {

void emit_closure(World& w, int s, int j) {
  const auto code = cameo_variants(Action::kCloseCrossings)[0];
  EventRecord e;
  e.actor = w.state_actor[s];
  e.target = w.state_actor[j];
  e.cameo = std::string(code.code);
  e.goldstein = code.goldstein;
  w.emit(e);
}

void start(World& w, const Policy& p) {
  const int s = p.actor >= 0 ? w.actor_state[p.actor] : -1;
  const int t = p.partner >= 0 ? w.actor_state[p.partner] : -1;
  const auto& pop = w.sc.population;
  switch (p.type) {
    case PolicyType::kRetaliationDoctrine:
      w.params.doctrine[s] = *p.doctrine;
      w.strategic.pending[s] = PendingRetaliation{};  // a trigger of the old doctrine lapses
      w.strategic.attributed[s].clear();
      break;
    case PolicyType::kBorderClosure:
      for (int j = 0; j < w.num_states(); ++j) {
        if (j == s || w.dyad_crossings[w.dyad(s, j)].empty()) continue;
        emit_closure(w, s, j);
        close_crossings(w, s, j, p.closure_min_days);
      }
      break;
    case PolicyType::kMediation:
      for (int m : p.mediators) {
        w.params.leverage_multiplier[m] = p.leverage_multiplier;
        if (p.activation_level >= 0) w.params.mediator[m].activation_level = p.activation_level;
        if (p.round_interval_days > 0) {
          w.params.mediator[m].round_interval_days = p.round_interval_days;
        }
        w.params.monitoring_by[m] = p.monitoring ? 1 : 0;
      }
      break;
    case PolicyType::kBorderCommission:
      w.params.hotline(s, t) = w.params.hotline(t, s) = p.hotline;
      w.params.joint_investigation(s, t) = w.params.joint_investigation(t, s) =
          p.joint_investigation;
      w.params.joint_patrols(s, t) = w.params.joint_patrols(t, s) = p.joint_patrols;
      break;
    case PolicyType::kEconomicCorridor:
      for (int c : w.dyad_crossings[w.dyad(s, t)]) {
        w.params.trade_growth[c] = p.trade_growth_per_day;
        w.params.trade_cap[c] = p.max_trade_multiplier;
      }
      w.params.interdependence(s, t) = w.params.interdependence(t, s) = p.interdependence;
      w.params.hardship_relief[s] = w.params.hardship_relief[t] = p.hardship_relief;
      break;
    case PolicyType::kPublicDiplomacy:
      w.params.fatigue_bonus[s] += p.hostility_decay_bonus;
      w.params.fatigue_bonus[t] += p.hostility_decay_bonus;
      for (int d : w.border_districts(s, t))
        w.params.legitimacy_gain[d] += p.legitimacy_gain_per_day;
      for (int d : w.border_districts(t, s))
        w.params.legitimacy_gain[d] += p.legitimacy_gain_per_day;
      break;
    case PolicyType::kDeportation:
      break;  // the refugee phase reads the started policy's phases (refugees.cpp)
    case PolicyType::kCounterInsurgency:
      for (int d : p.districts) {
        w.params.security[d] += p.security_increase;
        w.society.legitimacy_target[d] = std::min(
            1.0, w.society.legitimacy_target[d] + pop.legitimacy_security * p.security_increase);
        w.params.ops_multiplier[d] = p.operations_multiplier;
      }
      break;
    case PolicyType::kRegionalPressure:
      w.params.regional_pressure[s] += p.pressure;
      break;
  }
}

}  // namespace

void start_policies(World& w) {
  const Scenario& sc = w.sc;
  for (std::size_t k = 0; k < sc.policies.size(); ++k) {
    if (w.policies.started[k]) continue;
    const Policy& p = sc.policies[k];
    if (w.day < p.start.day) continue;
    if (p.start.escalation_at_least > -100 && w.yesterday.level < p.start.escalation_at_least) {
      continue;
    }
    const int s = p.actor >= 0 ? w.actor_state[p.actor] : -1;
    if (p.start.attack_deaths_at_least > 0 &&
        (s < 0 || w.yesterday.worst_attack[s] < p.start.attack_deaths_at_least)) {
      continue;
    }
    if (p.start.on_closure && (s < 0 || !w.yesterday.closed[s])) continue;
    w.policies.started[k] = 1;
    w.result.policy_starts.push_back({w.day, p.name});
    start(w, p);
  }
}

}  // namespace flashpoint
