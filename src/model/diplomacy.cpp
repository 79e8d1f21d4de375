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

double leverage_pressure(const Shared& sh, const RunParams& params, ActorId mediator, StateId s) {
  const auto& med = params.mediator[mediator];
  return med.leverage[sh.actor_of(s)] * med.credibility * params.leverage_multiplier[mediator];
}

void clear_ceasefire_offers(DiplomacyState& diplomacy, int i, int j) {
  constexpr int kNever = std::numeric_limits<int>::min() / 2;
  diplomacy.ceasefire_offer_day(i, j) = diplomacy.ceasefire_offer_day(j, i) = kNever;
}

void break_ceasefire(const Shared& sh, DiplomacyState& diplomacy, Ledger& ledger, int i, int j) {
  const int dij = sh.dyad(i, j), dji = sh.dyad(j, i);
  if (!diplomacy.ceasefire[dij]) return;
  diplomacy.ceasefire[dij] = diplomacy.ceasefire[dji] = 0;
  diplomacy.monitored[dij] = diplomacy.monitored[dji] = 0;
  clear_ceasefire_offers(diplomacy, i, j);
  ++ledger.record.ceasefire_breakdowns;
  EventRecord e;
  e.actor = sh.actor_of(StateId{i});
  e.target = sh.actor_of(StateId{j});
  e.cameo = std::string(cameo::kViolateCeasefire.code);
  e.goldstein = cameo::kViolateCeasefire.goldstein;
  ledger.emit(e);
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

void form_ceasefire(const Shared& sh, DiplomacyState& diplomacy, Ledger& ledger, int i, int j,
                    bool monitored) {
  diplomacy.ceasefire[sh.dyad(i, j)] = diplomacy.ceasefire[sh.dyad(j, i)] = 1;
  diplomacy.monitored[sh.dyad(i, j)] = diplomacy.monitored[sh.dyad(j, i)] = monitored ? 1 : 0;
  clear_ceasefire_offers(diplomacy, i, j);  // a later ceasefire needs new offers from both
  if (ledger.record.first_ceasefire_day < 0) ledger.record.first_ceasefire_day = ledger.day;
}

/// Is the i-j line mediated by a mediator whose ceasefires come with monitoring?
bool monitoring_mediator(const Shared& sh, const RunParams& params, const DiplomacyState& diplomacy,
                         int i, int j) {
  for (int m : sh.sc.mediators()) {
    if (params.monitoring_by[m] && diplomacy.mediator_active[sh.dyad.of_actor(m, i, j)]) {
      return true;
    }
  }
  return false;
}

void activate_mediators(const Shared& sh, const RunParams& params, const StrategicState& strategic,
                        DiplomacyState& diplomacy, Ledger& ledger) {
  const Scenario& sc = sh.sc;
  const int S = sh.num_states();
  for (int m : sc.mediators()) {
    const int threshold = params.mediator[m].activation_level;
    for (int i = 0; i < S; ++i) {
      for (int j = i + 1; j < S; ++j) {
        auto& active = diplomacy.mediator_active;
        const std::size_t key = sh.dyad.of_actor(m, i, j), back = sh.dyad.of_actor(m, j, i);
        if (strategic.level(i, j) >= threshold) {
          diplomacy.last_hot_day[key] = diplomacy.last_hot_day[back] = ledger.day;
        }
        if (active[key]) {
          // The line has been calm (below its activation level) for disengage_days and no
          // ceasefire needs a guarantor: it leaves (docs/model.md 7.16).
          if (ledger.day - diplomacy.last_hot_day[key] >= params.mediator[m].disengage_days &&
              !diplomacy.ceasefire[sh.dyad(i, j)]) {
            active[key] = active[back] = 0;
          }
          continue;
        }
        if (strategic.level(i, j) < threshold) continue;
        active[key] = active[back] = 1;
        for (int s : {i, j}) ledger.emit(event(m, sh.actor_of(StateId{s}), cameo::kMediate));
      }
    }
  }
}

void hold_talks(const Shared& sh, const RunParams& params, const StrategicState& strategic,
                DiplomacyState& diplomacy, InsurgencyState& insurgency, RandomStreams& streams,
                Ledger& ledger) {
  const int day = ledger.day;
  const Scenario& sc = sh.sc;
  const auto& p = sc.talks;
  const int S = sh.num_states();
  auto& rng = streams[Purpose::kMediation];
  for (int m : sc.mediators()) {
    const int interval = params.mediator[m].round_interval_days;
    for (int i = 0; i < S; ++i) {
      for (int j = i + 1; j < S; ++j) {
        const std::size_t key = sh.dyad.of_actor(m, i, j);
        if (!diplomacy.mediator_active[key] || day - diplomacy.last_round_day[key] < interval)
          continue;
        diplomacy.last_round_day[key] = day;
        bool both = true;
        for (int s : {i, j}) {
          const auto& st = sh.state_params(StateId{s});
          if (!st.accepts_mediation) {  // it talks only over a military channel
            both = false;
            continue;
          }
          const double weariness =
              1.0 - std::exp(-strategic.war_costs(s) / sc.strategic.war_cost_reference);
          const double pj =
              join_probability(p, weariness, leverage_pressure(sh, params, ActorId{m}, StateId{s}),
                               st.audience_weight, 1.0 - std::exp(-strategic.publicity(s)));
          both = boost::random::bernoulli_distribution<double>(pj)(rng) && both;
        }
        if (!both) continue;
        ++ledger.today.rounds;
        for (auto [a, b] : {std::pair{i, j}, std::pair{j, i}}) {
          ledger.emit(event(sh.actor_of(StateId{a}), sh.actor_of(StateId{b}),
                            cameo_variants(Action::kNegotiate)[1]));
          diplomacy.uncertainty(a, b) *= 1.0 - p.info_gain;
        }
        // Hosts promise restraint: their tolerance of armed groups falls a little.
        for (int g = 0; g < sh.num_groups(); ++g) {
          const int host = sh.host_of(GroupId{g});
          if (host == i || host == j) {
            insurgency.sigma[g] = std::max(sc.insurgency.sigma_floor,
                                           insurgency.sigma[g] - sc.insurgency.sigma_promise);
          }
        }
        if (diplomacy.ceasefire[sh.dyad(i, j)] || !in_armed_conflict(diplomacy, p, i, j, day)) {
          continue;
        }
        const double mean_pressure = 0.5 * (leverage_pressure(sh, params, ActorId{m}, StateId{i}) +
                                            leverage_pressure(sh, params, ActorId{m}, StateId{j}));
        if (boost::random::bernoulli_distribution<double>(agreement_probability(p, mean_pressure))(
                rng)) {
          form_ceasefire(sh, diplomacy, ledger, i, j, params.monitoring_by[m] != 0);
          for (auto [a, b] : {std::pair{i, j}, std::pair{j, i}}) {
            ledger.emit(event(sh.actor_of(StateId{a}), sh.actor_of(StateId{b}),
                              cameo_variants(Action::kCeasefire)[0]));
          }
        }
      }
    }
  }
}

/// Contacts over a military channel (a hotline between operations directorates): while the pair
/// is in armed conflict, every channel_interval_days, each side takes the call with the join
/// probability without a mediator's leverage; a call both take is a 041 each way, narrows their
/// uncertainty, and agrees a ceasefire (unmonitored) with probability agree_base.
void channel_contacts(const Shared& sh, const StrategicState& strategic, DiplomacyState& diplomacy,
                      RandomStreams& streams, Ledger& ledger) {
  const int day = ledger.day;
  const Scenario& sc = sh.sc;
  const auto& p = sc.talks;
  const int S = sh.num_states();
  auto& rng = streams[Purpose::kMediation];
  for (int i = 0; i < S; ++i) {
    for (int j = i + 1; j < S; ++j) {
      const int d = sh.dyad(i, j);
      if (!diplomacy.channel[d] || !in_armed_conflict(diplomacy, p, i, j, day) ||
          day - diplomacy.last_contact_day[d] < p.channel_interval_days) {
        continue;
      }
      diplomacy.last_contact_day[d] = diplomacy.last_contact_day[sh.dyad(j, i)] = day;
      bool both = true;
      for (int s : {i, j}) {
        const auto& st = sh.state_params(StateId{s});
        const double weariness =
            1.0 - std::exp(-strategic.war_costs(s) / sc.strategic.war_cost_reference);
        const double pj = join_probability(p, weariness, 0.0, st.audience_weight,
                                           1.0 - std::exp(-strategic.publicity(s)));
        both = boost::random::bernoulli_distribution<double>(pj)(rng) && both;
      }
      if (!both) continue;
      for (auto [a, b] : {std::pair{i, j}, std::pair{j, i}}) {
        ledger.emit(event(sh.actor_of(StateId{a}), sh.actor_of(StateId{b}), cameo::kPhoneCall));
        diplomacy.uncertainty(a, b) *= 1.0 - p.info_gain;
      }
      if (diplomacy.ceasefire[d]) continue;
      if (boost::random::bernoulli_distribution<double>(agreement_probability(p, 0.0))(rng)) {
        form_ceasefire(sh, diplomacy, ledger, i, j, false);
        for (auto [a, b] : {std::pair{i, j}, std::pair{j, i}}) {
          ledger.emit(event(sh.actor_of(StateId{a}), sh.actor_of(StateId{b}),
                            cameo_variants(Action::kCeasefire)[0]));
        }
      }
    }
  }
}

}  // namespace

void update_diplomacy(const Shared& sh, const RunParams& params, const StrategicState& strategic,
                      DiplomacyState& diplomacy, InsurgencyState& insurgency,
                      RandomStreams& streams, Ledger& ledger) {
  const int day = ledger.day;
  const int S = sh.num_states();
  for (int i = 0; i < S; ++i) {  // armed conflict: the level at 6 or more today
    for (int j = i + 1; j < S; ++j) {
      if (strategic.level(i, j) >= kConflictRung) {
        diplomacy.last_conflict_day(i, j) = diplomacy.last_conflict_day(j, i) = day;
      }
    }
  }
  // During the replay of history (before free_from) mediators neither engage nor convene talks,
  // and the militaries' channel is silent.
  if (day >= sh.sc.free_from_day) {
    activate_mediators(sh, params, strategic, diplomacy, ledger);
    hold_talks(sh, params, strategic, diplomacy, insurgency, streams, ledger);
    channel_contacts(sh, strategic, diplomacy, streams, ledger);
  }
  // Ceasefires by mutual offers (rung -3 from both sides within the window).
  const int window = sh.sc.strategic.ceasefire_window_days;
  for (int i = 0; i < S; ++i) {
    for (int j = i + 1; j < S; ++j) {
      // A ceasefire ends armed conflict: between states not fighting, offers make none.
      if (diplomacy.ceasefire[sh.dyad(i, j)] ||
          !in_armed_conflict(diplomacy, sh.sc.talks, i, j, day))
        continue;
      const int a = diplomacy.ceasefire_offer_day(i, j), b = diplomacy.ceasefire_offer_day(j, i);
      const bool both = day - a <= window && day - b <= window;
      if (!both || (a != day && b != day)) continue;
      form_ceasefire(sh, diplomacy, ledger, i, j, monitoring_mediator(sh, params, diplomacy, i, j));
    }
  }
}

}  // namespace flashpoint
