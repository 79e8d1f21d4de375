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
      w.doctrine[s] = *p.doctrine;
      w.pending[s] = PendingRetaliation{};  // a trigger of the old doctrine lapses
      w.attributed[s].clear();
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
        w.leverage_multiplier[m] = p.leverage_multiplier;
        if (p.activation_level >= 0) w.activation_override[m] = p.activation_level;
        if (p.round_interval_days > 0) w.round_interval_override[m] = p.round_interval_days;
        w.monitoring_by[m] = p.monitoring ? 1 : 0;
      }
      break;
    case PolicyType::kBorderCommission:
      w.hotline(s, t) = w.hotline(t, s) = p.hotline;
      w.joint_investigation(s, t) = w.joint_investigation(t, s) = p.joint_investigation;
      w.joint_patrols(s, t) = w.joint_patrols(t, s) = p.joint_patrols;
      break;
    case PolicyType::kEconomicCorridor:
      for (int c : w.dyad_crossings[w.dyad(s, t)]) {
        w.trade_growth[c] = p.trade_growth_per_day;
        w.trade_cap[c] = p.max_trade_multiplier;
      }
      w.interdependence(s, t) = w.interdependence(t, s) = p.interdependence;
      w.hardship_relief[s] = w.hardship_relief[t] = p.hardship_relief;
      break;
    case PolicyType::kPublicDiplomacy:
      w.fatigue_bonus[s] += p.hostility_decay_bonus;
      w.fatigue_bonus[t] += p.hostility_decay_bonus;
      for (int d : w.border_districts(s, t)) w.legitimacy_gain[d] += p.legitimacy_gain_per_day;
      for (int d : w.border_districts(t, s)) w.legitimacy_gain[d] += p.legitimacy_gain_per_day;
      break;
    case PolicyType::kDeportation:
      break;  // the refugee phase reads the started policy's phases (refugees.cpp)
    case PolicyType::kCounterInsurgency:
      for (int d : p.districts) {
        w.security[d] += p.security_increase;
        w.legitimacy_target[d] =
            std::min(1.0, w.legitimacy_target[d] + pop.legitimacy_security * p.security_increase);
        w.ops_multiplier[d] = p.operations_multiplier;
      }
      break;
    case PolicyType::kRegionalPressure:
      w.regional_pressure[s] += p.pressure;
      break;
  }
}

}  // namespace

void start_policies(World& w) {
  const Scenario& sc = w.sc;
  for (std::size_t k = 0; k < sc.policies.size(); ++k) {
    if (w.policy_started[k]) continue;
    const Policy& p = sc.policies[k];
    if (w.day < p.start.day) continue;
    if (p.start.escalation_at_least > -100 && w.level_yesterday < p.start.escalation_at_least) {
      continue;
    }
    const int s = p.actor >= 0 ? w.actor_state[p.actor] : -1;
    if (p.start.attack_deaths_at_least > 0 &&
        (s < 0 || w.worst_attack_yesterday[s] < p.start.attack_deaths_at_least)) {
      continue;
    }
    if (p.start.on_closure && (s < 0 || !w.closed_yesterday[s])) continue;
    w.policy_started[k] = 1;
    start(w, p);
  }
  // Public diplomacy raises target legitimacy slowly, every day it is in force.
  for (std::size_t d = 0; d < w.legitimacy_gain.size(); ++d) {
    if (w.legitimacy_gain[d] > 0) {
      w.legitimacy_target[d] = std::min(1.0, w.legitimacy_target[d] + w.legitimacy_gain[d]);
    }
  }
}

}  // namespace flashpoint
