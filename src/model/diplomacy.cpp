// Mediators and ceasefires. Model layer 2 adds rounds of talks, monitoring and the information
// effect; here mediators activate on the escalation level, press the parties (a term of the
// choice rule), and a ceasefire forms when both sides offer one within a short window.
#include <limits>

#include "model/ladder.hpp"
#include "model/phases.hpp"

namespace flashpoint {

void clear_ceasefire_offers(World& w, int i, int j) {
  constexpr int kNever = std::numeric_limits<int>::min() / 2;
  w.ceasefire_offer_day(i, j) = w.ceasefire_offer_day(j, i) = kNever;
}

void update_diplomacy(World& w) {
  const Scenario& sc = w.sc;
  const int S = w.num_states();
  for (int m : sc.mediators()) {
    const auto& med = sc.actors[m].mediator;
    for (int i = 0; i < S; ++i) {
      for (int j = i + 1; j < S; ++j) {
        const std::size_t key = static_cast<std::size_t>(m) * S * S;
        if (w.mediator_active[key + w.dyad(i, j)]) continue;
        if (w.level(i, j) < med.activation_level) continue;
        // Once engaged, a mediator stays for the rest of the run in this model layer.
        w.mediator_active[key + w.dyad(i, j)] = w.mediator_active[key + w.dyad(j, i)] = 1;
        for (int s : {i, j}) {
          EventRecord e;
          e.actor = m;
          e.target = w.state_actor[s];
          e.cameo = std::string(cameo::kMediate.code);
          e.goldstein = cameo::kMediate.goldstein;
          w.emit(e);
        }
      }
    }
  }
  const int window = sc.strategic.ceasefire_window_days;
  for (int i = 0; i < S; ++i) {
    for (int j = i + 1; j < S; ++j) {
      if (w.ceasefire[w.dyad(i, j)]) continue;
      const int a = w.ceasefire_offer_day(i, j), b = w.ceasefire_offer_day(j, i);
      const bool both = w.day - a <= window && w.day - b <= window;
      if (!both || (a != w.day && b != w.day)) continue;
      w.ceasefire[w.dyad(i, j)] = w.ceasefire[w.dyad(j, i)] = 1;
      clear_ceasefire_offers(w, i, j);  // a later ceasefire needs new offers from both
      if (w.result.first_ceasefire_day < 0) w.result.first_ceasefire_day = w.day;
    }
  }
}

}  // namespace flashpoint
