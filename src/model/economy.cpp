// Crossings: closure, reopening when the line has been calm (and, when reopening is tied to
// assurances, while a ceasefire holds), trade that crossed and trade lost.
#include <algorithm>

#include <boost/random/bernoulli_distribution.hpp>

#include "model/ladder.hpp"
#include "model/phases.hpp"

namespace flashpoint {

void close_crossings(World& w, int i, int j, int min_closed_days) {
  for (int c : w.dyad_crossings[w.dyad(i, j)]) {
    if (!w.economy.crossing_open[c]) {
      if (min_closed_days > 0) {  // a closure order restarts the clock of an open-ended closure
        w.economy.crossing_closed_day[c] = w.day;
        w.economy.crossing_min_closed_days[c] = min_closed_days;
      }
      continue;
    }
    w.economy.crossing_open[c] = 0;
    w.economy.crossing_fought[c] = w.level(i, j) >= kConflictRung ? 1 : 0;
    w.economy.crossing_closed_day[c] = w.day;
    w.economy.crossing_closed_by[c] = i;
    w.economy.crossing_min_closed_days[c] = min_closed_days;
  }
}

void update_crossings(World& w) {
  const Scenario& sc = w.sc;
  const auto& ops = sc.operations;
  const int S = w.num_states();
  for (int i = 0; i < S; ++i) {
    for (int j = 0; j < S; ++j) {
      if (i == j) continue;
      int& calm = w.ops.calm_days[w.dyad(i, j)];
      calm = w.level(i, j) <= ops.reopen_max_level ? calm + 1 : 0;
    }
  }
  auto& rng = w.rng[Purpose::kEconomy];
  double flow = 0;
  std::vector<double> total_trade(S, 0.0), closed_trade(S, 0.0);
  for (int c = 0; c < static_cast<int>(sc.crossings.size()); ++c) {
    const auto& crossing = sc.crossings[c];
    const int a = w.crossing_state_a[c], b = w.crossing_state_b[c];
    if (!w.economy.crossing_open[c]) {
      const int d = w.dyad(a, b);
      const bool waited =
          w.day - w.economy.crossing_closed_day[c] >= w.economy.crossing_min_closed_days[c];
      const bool calm = w.ops.calm_days[d] >= ops.reopen_calm_days;
      // Assurances (a ceasefire) are needed only after armed conflict on the line since the
      // closure.
      if (w.level(a, b) >= kConflictRung) w.economy.crossing_fought[c] = 1;
      const bool assured = !ops.reopen_requires_ceasefire || !w.economy.crossing_fought[c] ||
                           w.diplomacy.ceasefire[d];
      if (waited && calm && assured &&
          boost::random::bernoulli_distribution<double>(ops.reopen_rate)(rng)) {
        const int by = w.economy.crossing_closed_by[c];
        EventRecord e;
        e.actor = w.state_actor[by];
        e.target = w.state_actor[by == a ? b : a];
        e.cameo = std::string(cameo::kEaseBlockade.code);
        e.goldstein = cameo::kEaseBlockade.goldstein;
        const auto& sector = sc.sectors[crossing.sector];
        e.location = crossing.id;
        e.lat = sector.lat;
        e.lon = sector.lon;
        w.emit(e);
        w.economy.crossing_open[c] = 1;
        w.economy.crossing_closed_day[c] = -1;
        w.economy.crossing_closed_by[c] = -1;
      }
    }
    // Economic corridor: trade grows toward its cap.
    w.economy.trade_multiplier[c] = std::min(
        w.params.trade_cap[c], w.economy.trade_multiplier[c] * (1.0 + w.params.trade_growth[c]));
    double trade = 0;
    for (double v : crossing.exports_usd_per_day) trade += v * w.economy.trade_multiplier[c];
    for (int s : {a, b}) total_trade[s] += trade;
    if (w.economy.crossing_open[c]) {
      flow += trade;
    } else {
      w.result.trade_lost_usd += trade;
      ++w.result.crossing_closed_days[c];
      for (int s : {a, b}) {
        closed_trade[s] += trade;
        w.result.exports_lost_usd[s] +=
            crossing.exports_usd_per_day[w.state_actor[s]] * w.economy.trade_multiplier[c];
      }
    }
  }
  w.result.trade_flow_usd[w.day] = flow;
  for (int s = 0; s < S; ++s) {
    w.economy.trade_closed_share[s] = total_trade[s] > 0 ? closed_trade[s] / total_trade[s] : 0.0;
  }
}

}  // namespace flashpoint
