// States choose one action toward each other state: scripted before `free_from` (and whenever a
// scripted event says so), logit choice over feasible actions after it.
#include <cmath>

#include <boost/random/uniform_01.hpp>

#include "model/phases.hpp"
#include "model/strategic.hpp"

namespace flashpoint {

namespace {

bool has_open_crossing(const World& w, int i, int j) {
  for (int c : w.dyad_crossings[w.dyad(i, j)]) {
    if (w.economy.crossing_open[c]) return true;
  }
  return false;
}

double mediator_pressure(const World& w, int i, int j) {
  double pressure = 0;
  for (int m : w.sc.mediators()) {
    if (!w.diplomacy.mediator_active[w.dyad.of_actor(m, i, j)]) continue;
    pressure += leverage_pressure(w, m, i);
  }
  return pressure;
}

}  // namespace

void choose_actions(World& w) {
  const Scenario& sc = w.sc;
  const StrategicParams& p = sc.strategic;
  const int S = w.num_states();
  w.strategic.chosen.setZero();
  const bool free = w.day >= sc.free_from_day;
  auto& rng = w.rng[Purpose::kStrategic];

  for (int i = 0; i < S; ++i) {
    const auto& me = sc.actors[w.state_actor[i]].state;
    for (int j = 0; j < S; ++j) {
      if (i == j) continue;
      const ScriptedEvent* forced = nullptr;
      for (const ScriptedEvent* e : w.scripted_by_day[w.day]) {
        if (!e->is_attack && w.actor_state[e->actor] == i && w.actor_state[e->target] == j) {
          forced = e;
        }
      }
      if (forced != nullptr) {
        w.strategic.chosen(i, j) = static_cast<int>(forced->action);
        continue;
      }
      if (!free) continue;  // replay: hold unless scripted

      const auto& them = sc.actors[w.state_actor[j]].state;
      const int level = w.level(i, j);
      ChoiceSituation s;
      // An outside rival's threat adds to what the state feels from j (MODEL.md, third parties).
      s.threat = 1.0 - std::exp(-(w.strategic.hostility(i, j) / p.threat_reference +
                                  w.strategic.deaths_caused(i, j) / p.attack_reference +
                                  me.outside_threat));
      s.adversary_rung = w.adversary_rung(i, j);
      s.publicity = 1.0 - std::exp(-w.strategic.publicity(i));
      s.war_weariness = 1.0 - std::exp(-w.strategic.war_costs(i) / p.war_cost_reference);
      s.adversary_capability = them.capability;
      s.resolve = me.resolve;
      s.audience_weight = me.audience_weight;
      s.trade_exposure = me.trade_exposure * w.params.interdependence(i, j);
      s.mediator_pressure = mediator_pressure(w, i, j);
      s.ceasefire_in_force = w.diplomacy.ceasefire[w.dyad(i, j)] != 0;
      if (s.ceasefire_in_force && w.diplomacy.monitored[w.dyad(i, j)]) {
        s.monitoring_penalty = sc.talks.monitoring_penalty;
      }
      const auto& pend = w.strategic.pending[i];
      const bool doctrine_due = w.params.doctrine[i].enabled && pend.target == j &&
                                w.day >= pend.due_day && w.day <= pend.expiry_day;
      if (doctrine_due) {
        s.doctrine_rung = w.params.doctrine[i].rung;
        s.doctrine_bonus = w.params.doctrine[i].utility_bonus;
      }
      const ActionValues u = action_utilities(s, p, sc.ladder);

      ActionMask feasible{};
      for (int r = kMinRung; r <= kMaxRung; ++r) {
        bool ok = sc.ladder[r - kMinRung].enabled;
        if (r >= kFirstHostileRung)
          ok = ok && (r <= level + p.max_step || (doctrine_due && r == s.doctrine_rung));
        switch (static_cast<Action>(r)) {
          case Action::kCeasefire:
            ok = ok && !s.ceasefire_in_force &&
                 (level >= kMobilisedRung ||
                  w.day - w.diplomacy.ceasefire_offer_day(j, i) <= p.ceasefire_window_days);
            break;
          case Action::kNegotiate:
            ok = ok && w.mediated(i, j);
            break;
          case Action::kCloseCrossings:
            ok = ok && has_open_crossing(w, i, j);
            break;
          case Action::kDeport:  // once per boost period: repeating it adds nothing
            ok = ok && me.hosts_refugees && w.day > w.refugees.deport_boost_until[i];
            break;
          case Action::kStrikeSanctuary:
            ok = ok && w.hosts_armed_group(j);
            break;
          case Action::kAssaultPosts:
          case Action::kOffensive:
            ok = ok && !w.front_sectors(i, j).empty();
            break;
          default:
            break;
        }
        feasible[r - kMinRung] = ok;
      }
      feasible[rung_index(Action::kHold)] = true;  // holding is always possible

      const ActionValues prob = logit_probabilities(u, feasible, me.rationality);
      const double draw = boost::random::uniform_01<double>()(rng);
      w.strategic.chosen(i, j) = sample_index(prob, draw) + kMinRung;
    }
  }
}

}  // namespace flashpoint
