// Mediators, rounds of talks, monitoring and ceasefires (docs/model.md, "Mediators and talks").
// Mediators engage a line when its escalation level reaches their activation level and stay
// engaged. Every round_interval_days they convene a round; each party joins with a logit
// probability (war weariness and the mediator's leverage against audience costs). A round both
// join narrows each side's uncertainty about the other (Fearon's information channel), draws a
// promise from hosts of armed groups (which lowers their tolerance a little, never to zero), and
// may produce a ceasefire. A ceasefire also forms when both sides offer one (rung -3) within a
// short window. Under a mediator with monitoring, a ceasefire is monitored: violations cost more.
#include <cmath>
#include <limits>

#include <boost/random/bernoulli_distribution.hpp>

#include "model/ladder.hpp"
#include "model/phases.hpp"

namespace flashpoint {

double join_probability(const TalksParams& p, double war_weariness, double leverage_pressure,
                        double audience_weight, double publicity) {
  const double x = p.join_base + war_weariness + leverage_pressure - audience_weight * publicity;
  return 1.0 / (1.0 + std::exp(-p.join_lambda * x));
}

double agreement_probability(const TalksParams& p, double mean_leverage_pressure) {
  return std::min(1.0, p.agree_base + p.agree_leverage * mean_leverage_pressure);
}

double leverage_pressure(const World& w, int m, int s) {
  const auto& med = w.params.mediator[m];
  return med.leverage[w.state_actor[s]] * med.credibility * w.params.leverage_multiplier[m];
}

void clear_ceasefire_offers(World& w, int i, int j) {
  constexpr int kNever = std::numeric_limits<int>::min() / 2;
  w.diplomacy.ceasefire_offer_day(i, j) = w.diplomacy.ceasefire_offer_day(j, i) = kNever;
}

void break_ceasefire(World& w, int i, int j) {
  const int dij = w.dyad(i, j), dji = w.dyad(j, i);
  if (!w.diplomacy.ceasefire[dij]) return;
  w.diplomacy.ceasefire[dij] = w.diplomacy.ceasefire[dji] = 0;
  w.diplomacy.monitored[dij] = w.diplomacy.monitored[dji] = 0;
  clear_ceasefire_offers(w, i, j);
  ++w.result.ceasefire_breakdowns;
  EventRecord e;
  e.actor = w.state_actor[i];
  e.target = w.state_actor[j];
  e.cameo = std::string(cameo::kViolateCeasefire.code);
  e.goldstein = cameo::kViolateCeasefire.goldstein;
  w.emit(e);
}

namespace {

EventRecord event(int actor, int target, const CameoCode& code) {
  EventRecord e;
  e.actor = actor;
  e.target = target;
  e.cameo = std::string(code.code);
  e.goldstein = code.goldstein;
  return e;
}

void form_ceasefire(World& w, int i, int j, bool monitored) {
  w.diplomacy.ceasefire[w.dyad(i, j)] = w.diplomacy.ceasefire[w.dyad(j, i)] = 1;
  w.diplomacy.monitored[w.dyad(i, j)] = w.diplomacy.monitored[w.dyad(j, i)] = monitored ? 1 : 0;
  clear_ceasefire_offers(w, i, j);  // a later ceasefire needs new offers from both
  if (w.result.first_ceasefire_day < 0) w.result.first_ceasefire_day = w.day;
}

/// Is the i-j line mediated by a mediator whose ceasefires come with monitoring?
bool monitoring_mediator(const World& w, int i, int j) {
  for (int m : w.sc.mediators()) {
    if (w.params.monitoring_by[m] && w.diplomacy.mediator_active[w.dyad.of_actor(m, i, j)]) {
      return true;
    }
  }
  return false;
}

void activate_mediators(World& w) {
  const Scenario& sc = w.sc;
  const int S = w.num_states();
  for (int m : sc.mediators()) {
    const int threshold = w.params.mediator[m].activation_level;
    for (int i = 0; i < S; ++i) {
      for (int j = i + 1; j < S; ++j) {
        auto& active = w.diplomacy.mediator_active;
        if (active[w.dyad.of_actor(m, i, j)]) continue;
        if (w.level(i, j) < threshold) continue;
        active[w.dyad.of_actor(m, i, j)] = active[w.dyad.of_actor(m, j, i)] = 1;
        for (int s : {i, j}) w.emit(event(m, w.state_actor[s], cameo::kMediate));
      }
    }
  }
}

void hold_talks(World& w) {
  const Scenario& sc = w.sc;
  const auto& p = sc.talks;
  const int S = w.num_states();
  auto& rng = w.rng[Purpose::kMediation];
  for (int m : sc.mediators()) {
    const int interval = w.params.mediator[m].round_interval_days;
    for (int i = 0; i < S; ++i) {
      for (int j = i + 1; j < S; ++j) {
        const std::size_t key = w.dyad.of_actor(m, i, j);
        if (!w.diplomacy.mediator_active[key] || w.day - w.diplomacy.last_round_day[key] < interval)
          continue;
        w.diplomacy.last_round_day[key] = w.day;
        bool both = true;
        for (int s : {i, j}) {
          const auto& st = sc.actors[w.state_actor[s]].state;
          const double weariness =
              1.0 - std::exp(-w.strategic.war_costs(s) / sc.strategic.war_cost_reference);
          const double pj =
              join_probability(p, weariness, leverage_pressure(w, m, s), st.audience_weight,
                               1.0 - std::exp(-w.strategic.publicity(s)));
          both = boost::random::bernoulli_distribution<double>(pj)(rng) && both;
        }
        if (!both) continue;
        ++w.today.rounds;
        for (auto [a, b] : {std::pair{i, j}, std::pair{j, i}}) {
          w.emit(event(w.state_actor[a], w.state_actor[b], cameo_variants(Action::kNegotiate)[1]));
          w.diplomacy.uncertainty(a, b) *= 1.0 - p.info_gain;
        }
        // Hosts promise restraint: their tolerance of armed groups falls a little.
        for (std::size_t g = 0; g < w.group_actor.size(); ++g) {
          const int host = w.actor_state[sc.actors[w.group_actor[g]].armed_group.host];
          if (host == i || host == j) {
            w.insurgency.sigma[g] = std::max(sc.insurgency.sigma_floor,
                                             w.insurgency.sigma[g] - sc.insurgency.sigma_promise);
          }
        }
        if (w.diplomacy.ceasefire[w.dyad(i, j)]) continue;
        const double mean_pressure =
            0.5 * (leverage_pressure(w, m, i) + leverage_pressure(w, m, j));
        if (boost::random::bernoulli_distribution<double>(agreement_probability(p, mean_pressure))(
                rng)) {
          form_ceasefire(w, i, j, w.params.monitoring_by[m] != 0);
          for (auto [a, b] : {std::pair{i, j}, std::pair{j, i}}) {
            w.emit(
                event(w.state_actor[a], w.state_actor[b], cameo_variants(Action::kCeasefire)[0]));
          }
        }
      }
    }
  }
}

}  // namespace

void update_diplomacy(World& w) {
  // During the replay of history (before free_from) mediators neither engage nor convene talks.
  if (w.day >= w.sc.free_from_day) {
    activate_mediators(w);
    hold_talks(w);
  }
  // Ceasefires by mutual offers (rung -3 from both sides within the window).
  const int window = w.sc.strategic.ceasefire_window_days;
  const int S = w.num_states();
  for (int i = 0; i < S; ++i) {
    for (int j = i + 1; j < S; ++j) {
      if (w.diplomacy.ceasefire[w.dyad(i, j)]) continue;
      const int a = w.diplomacy.ceasefire_offer_day(i, j),
                b = w.diplomacy.ceasefire_offer_day(j, i);
      const bool both = w.day - a <= window && w.day - b <= window;
      if (!both || (a != w.day && b != w.day)) continue;
      form_ceasefire(w, i, j, monitoring_mediator(w, i, j));
    }
  }
}

}  // namespace flashpoint
