// States choose one action toward each other state: scripted before `free_from` (and whenever a
// scripted event says so), logit choice over feasible actions after it.
#include <cmath>

#include <boost/random/uniform_01.hpp>

#include "model/phases.hpp"
#include "model/strategic.hpp"

namespace flashpoint {

namespace {

bool has_open_crossing(const Shared& sh, const EconomyState& economy, int i, int j) {
  for (int c : sh.dyad_crossings[sh.dyad(i, j)]) {
    if (economy.crossing_open[c]) return true;
  }
  return false;
}

/// Share of the i-j crossing trade (open crossings, at today's corridor growth) that financial
/// pressure by i would stop: trade_cut x j's exports / all the pair's trade.
double sanctioned_trade_share(const Shared& sh, const EconomyState& economy, int i, int j) {
  double all = 0, theirs = 0;
  for (int c : sh.dyad_crossings[sh.dyad(i, j)]) {
    if (!economy.crossing_open[c]) continue;
    const auto& crossing = sh.sc.crossings[static_cast<std::size_t>(c)];
    for (int s : {i, j}) {
      const double v =
          crossing.exports_usd_per_day[sh.actor_of(StateId{s})] * economy.trade_multiplier[c];
      all += v;
      if (s == j) theirs += v;
    }
  }
  return all > 0 ? sh.sc.coercion.trade_cut * theirs / all : 0.0;
}

bool has_site(const Scenario& sc, const Shared& sh, TargetClass c, int j) {
  for (const Site& s : sc.sites) {
    if (target_class(s.kind) == c && sh.state_of(DistrictId{s.district}) == j) return true;
  }
  return false;
}

}  // namespace

double mediator_pressure(const Shared& sh, const RunParams& params, const DiplomacyState& diplomacy,
                         const StrategicState& strategic, int i, int j) {
  double pressure = 0;
  for (int m : sh.sc.mediators()) {
    if (!diplomacy.mediator_active[sh.dyad.of_actor(m, i, j)]) continue;
    pressure += leverage_pressure(sh, params, ActorId{m}, StateId{i});
  }
  // Nuclear signals on the pair alarm third parties, who press both harder (docs/model.md 7.23).
  const double signals = strategic.nuclear_signals(i) + strategic.nuclear_signals(j);
  return pressure * (1.0 + sh.sc.strategic.mediator_alarm * signals);
}

void choose_actions(const Shared& sh, int day, const RunParams& params,
                    const DiplomacyState& diplomacy, const EconomyState& economy,
                    const InsurgencyState& insurgency, const PostColumns& posts,
                    const RefugeeState& refugees, StrategicState& strategic,
                    RandomStreams& streams) {
  const Scenario& sc = sh.sc;
  const StrategicParams& p = sc.strategic;
  const int S = sh.num_states();
  strategic.chosen.setConstant(action_index(Action::kHold));
  const bool free = day >= sc.free_from_day;
  auto& rng = streams[Purpose::kStrategic];

  for (int i = 0; i < S; ++i) {
    const auto& me = sh.state_params(StateId{i});
    for (int j = 0; j < S; ++j) {
      if (i == j) continue;
      const ScriptedEvent* forced = nullptr;
      for (const ScriptedEvent* e : sh.scripted_by_day[day]) {
        if (!e->is_attack && sh.state_of(ActorId{e->actor}) == i &&
            sh.state_of(ActorId{e->target}) == j) {
          forced = e;
        }
      }
      if (forced != nullptr) {
        strategic.chosen(i, j) = action_index(forced->action);
        continue;
      }
      if (!free) continue;  // replay: hold unless scripted

      const auto& them = sh.state_params(StateId{j});
      const int level = strategic.level(i, j);
      ChoiceSituation s;
      // An outside rival's threat adds to what the state feels from j (MODEL.md, third parties).
      s.threat =
          1.0 - std::exp(-(strategic.hostility(i, j) / p.threat_reference +
                           strategic.deaths_caused(i, j) / p.attack_reference + me.outside_threat));
      s.adversary_rung = strategic.adversary_rung(i, j);
      s.publicity = 1.0 - std::exp(-strategic.publicity(i));
      s.war_weariness = 1.0 - std::exp(-strategic.war_costs(i) / p.war_cost_reference);
      s.adversary_capability = them.capability;
      s.resolve = me.resolve;
      s.audience_weight = me.audience_weight;
      s.trade_exposure = me.trade_exposure * params.interdependence(i, j);
      // Only a state that can apply financial pressure weighs what it would stop.
      if (holds_measure(me, Action::kFinancialPressure)) {
        s.sanctioned_trade_share = sanctioned_trade_share(sh, economy, i, j);
      }
      s.mediator_pressure = mediator_pressure(sh, params, diplomacy, strategic, i, j);
      if (them.nuclear_armed) {
        s.adversary_red_line = them.red_line_rung;
        s.adversary_signals = strategic.nuclear_signals(j);
      }
      if (me.nuclear_armed) s.own_red_line = me.red_line_rung;
      s.ceasefire_in_force = diplomacy.ceasefire[sh.dyad(i, j)] != 0;
      if (s.ceasefire_in_force && diplomacy.monitored[sh.dyad(i, j)]) {
        s.monitoring_penalty = sc.talks.monitoring_penalty;
      }
      // Each doctrine due toward j adds its bonus to its action, and makes it feasible whatever
      // the level (docs/model.md 7.5).
      ActionMask doctrine_due{};
      for (std::size_t k = 0; k < params.doctrines[i].size(); ++k) {
        const Doctrine& doc = params.doctrines[i][k];
        const auto& pend = strategic.pending[i][k];
        if (!doc.enabled || pend.target != j || day < pend.due_day || day > pend.expiry_day) {
          continue;
        }
        const auto a = static_cast<std::size_t>(action_index(doctrine_action(doc)));
        doctrine_due[a] = true;
        s.doctrine_bonus[a] += doc.utility_bonus;
      }
      const ActionValues u = action_utilities(s, p, sc.ladder);

      ActionMask feasible{};
      for (Action a : all_actions()) {
        const int r = rung(a);
        const auto k = static_cast<std::size_t>(action_index(a));
        bool ok = sc.ladder[k].enabled;
        if (r >= kFirstHostileRung) ok = ok && (r <= level + p.max_step || doctrine_due[k]);
        switch (a) {
          case Action::kCeasefire:
            // Only between states in armed conflict (docs/model.md 7.16).
            ok = ok && !s.ceasefire_in_force && in_armed_conflict(diplomacy, sc.talks, i, j, day);
            break;
          case Action::kNegotiate:  // a mediator it accepts, or the militaries' channel in conflict
            ok = ok && ((me.accepts_mediation && mediated(sh, diplomacy, i, j)) ||
                        (diplomacy.channel[sh.dyad(i, j)] != 0 &&
                         in_armed_conflict(diplomacy, sc.talks, i, j, day)));
            break;
          case Action::kCloseCrossings:
            ok = ok && has_open_crossing(sh, economy, i, j);
            break;
          case Action::kDeport:  // once per boost period: repeating it adds nothing
            ok = ok && me.hosts_refugees && day > refugees.deport_boost_until[i];
            break;
          case Action::kStrikeSanctuary:
            ok = ok && strongest_hosted_group(sh, insurgency, StateId{j}).valid();
            break;
          case Action::kStrikeMilitary:  // j's military sites, or its positions along the line
            ok = ok && (has_site(sc, sh, TargetClass::kMilitary, j) ||
                        !sh.border_districts(StateId{j}, StateId{i}).empty());
            break;
          case Action::kNuclearSignal:  // under threat near its red line (docs/model.md 7.23)
            ok = ok && me.nuclear_armed && s.adversary_rung >= me.red_line_rung - p.signal_gap;
            break;
          case Action::kAssaultPosts:
          case Action::kOffensive:
          case Action::kExchangeFire:
            ok = ok && !front_sectors(sh, posts, i, j).empty();
            break;
          default:
            break;
        }
        // A measure: one the state holds (`measures`), not in force already; financial pressure
        // needs trade from j to stop (docs/model.md 7.22).
        if (is_measure(a)) {
          ok = ok && holds_measure(me, a) && economy.since(sh.dyad(i, j), measure_index(a)) < 0 &&
               (a != Action::kFinancialPressure || s.sanctioned_trade_share > 0);
        }
        feasible[k] = ok;
      }
      feasible[action_index(Action::kHold)] = true;  // holding is always possible

      const ActionValues prob = choice_probabilities(u, feasible, me.rationality);
      const double draw = boost::random::uniform_01<double>()(rng);
      strategic.chosen(i, j) = sample_index(prob, draw);
    }
  }
}

}  // namespace flashpoint
