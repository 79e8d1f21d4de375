// Crossings: closure, reopening when the line has been calm (and, when reopening is tied to
// assurances, while a ceasefire holds), trade that crossed and trade lost.
#include <algorithm>

#include <boost/random/bernoulli_distribution.hpp>

#include "model/ladder.hpp"
#include "model/phases.hpp"

namespace flashpoint {

void close_crossings(const Shared& sh, const StrategicState& strategic, EconomyState& economy,
                     int day, int i, int j, int min_closed_days) {
  for (int c : sh.dyad_crossings[sh.dyad(i, j)]) {
    if (!economy.crossing_open[c]) {
      if (min_closed_days > 0) {  // a closure order restarts the clock of an open-ended closure
        economy.crossing_closed_day[c] = day;
        economy.crossing_min_closed_days[c] = min_closed_days;
      }
      continue;
    }
    economy.crossing_open[c] = 0;
    economy.crossing_fought[c] = strategic.level(i, j) >= kConflictRung ? 1 : 0;
    economy.crossing_closed_day[c] = day;
    economy.crossing_closed_by[c] = i;
    economy.crossing_min_closed_days[c] = min_closed_days;
  }
}

namespace {

/// The measures in force (docs/model.md 7.22): their days, airspace costs and the grievance they
/// feed; then lifting, by the rule of reopening (calm days, the imposer's demand, a daily rate).
void update_measures(const Shared& sh, const StrategicState& strategic,
                     const DiplomacyState& diplomacy, const InsurgencyState& insurgency,
                     EconomyState& economy, Engine& rng, Ledger& ledger) {
  const Scenario& sc = sh.sc;
  const auto& p = sc.coercion;
  const int S = sh.num_states();
  const int airspace = measure_index(Action::kCloseAirspace);
  for (int i = 0; i < S; ++i) {
    bool any = false;
    for (int j = 0; j < S; ++j) {
      if (i == j) continue;
      const int d = sh.dyad(i, j);
      for (int m = 0; m < kMeasureCount; ++m) {
        if (economy.since(d, m) < 0) continue;
        any = true;
        if (strategic.level(i, j) >= kConflictRung) economy.fought(d, m) = 1;
        ledger.today.coercion_grievance(j, i) += p.grievance;
        if (m == airspace) {
          for (const Relation& r : sc.relations) {
            if (sh.state_of(ActorId{r.from}) != i || sh.state_of(ActorId{r.to}) != j) continue;
            ledger.record.coercion_cost_usd[i] += r.overflight_fees_usd_per_day;
            ledger.record.coercion_cost_usd[j] += r.rerouting_usd_per_day;
          }
        }
        if (economy.calm_days[d] < p.lift_calm_days ||
            !reopen_demand_met(sh, diplomacy, insurgency, i, j, economy.fought(d, m) != 0) ||
            !boost::random::bernoulli_distribution<double>(p.lift_rate)(rng)) {
          continue;
        }
        economy.since(d, m) = -1;
        economy.fought(d, m) = 0;
        const Action a = measure_action(m);
        const bool economic = a == Action::kFinancialPressure || a == Action::kSuspendTreaty;
        ledger.emit(
            state_event(sh, i, j, economic ? cameo::kEaseEconomic : cameo::kEaseAdministrative));
      }
    }
    if (any) ++ledger.record.measure_days[i];
  }
}

}  // namespace

bool reopen_demand_met(const Shared& sh, const DiplomacyState& diplomacy,
                       const InsurgencyState& insurgency, int i, int j, bool fought) {
  const auto& me = sh.state_params(StateId{i});
  switch (me.reopen_demand) {
    case ReopenDemand::kCalm:
      return true;
    case ReopenDemand::kCeasefire:  // assurances after fighting: a ceasefire in force
      return !fought || diplomacy.ceasefire[sh.dyad(i, j)] != 0;
    case ReopenDemand::kCrackdown:
      // Every group j hosts that fights i is held at or below the tolerance i asks for.
      for (int g = 0; g < sh.num_groups(); ++g) {
        if (sh.host_of(GroupId{g}) == j && sh.target_of(GroupId{g}) == i &&
            insurgency.sigma[g] > me.crackdown_tolerance) {
          return false;
        }
      }
      return true;
  }
  return true;
}

void update_crossings(const Shared& sh, const RunParams& params, const StrategicState& strategic,
                      const DiplomacyState& diplomacy, const InsurgencyState& insurgency,
                      EconomyState& economy, RandomStreams& streams, Ledger& ledger) {
  const int day = ledger.day;
  const Scenario& sc = sh.sc;
  const auto& ops = sc.operations;
  const int S = sh.num_states();
  for (int i = 0; i < S; ++i) {
    for (int j = 0; j < S; ++j) {
      if (i == j) continue;
      int& calm = economy.calm_days[sh.dyad(i, j)];
      calm = strategic.level(i, j) <= ops.reopen_max_level ? calm + 1 : 0;
    }
  }
  auto& rng = streams[Purpose::kEconomy];
  double flow = 0;
  std::vector<double> total_trade(S, 0.0), closed_trade(S, 0.0);
  for (int c = 0; c < static_cast<int>(sc.crossings.size()); ++c) {
    const auto& crossing = sc.crossings[c];
    const int a = sh.crossing_state_a[c], b = sh.crossing_state_b[c];
    if (!economy.crossing_open[c]) {
      const int d = sh.dyad(a, b);
      const bool waited =
          day - economy.crossing_closed_day[c] >= economy.crossing_min_closed_days[c];
      const bool calm = economy.calm_days[d] >= ops.reopen_calm_days;
      // Assurances (a ceasefire) are needed only after armed conflict on the line since the
      // closure.
      if (strategic.level(a, b) >= kConflictRung) economy.crossing_fought[c] = 1;
      const bool assured =
          !ops.reopen_requires_ceasefire || !economy.crossing_fought[c] || diplomacy.ceasefire[d];
      const int by = economy.crossing_closed_by[c];
      const bool demand_met = reopen_demand_met(sh, diplomacy, insurgency, by, by == a ? b : a,
                                                economy.crossing_fought[c] != 0);
      const bool due = day >= crossing.reopen_not_before;
      if (waited && calm && assured && demand_met && due &&
          boost::random::bernoulli_distribution<double>(ops.reopen_rate)(rng)) {
        EventRecord e = state_event(sh, by, by == a ? b : a, cameo::kEaseBlockade);
        const auto& sector = sc.sectors[crossing.sector];
        e.location = crossing.id;
        e.lat = sector.lat;
        e.lon = sector.lon;
        ledger.emit(e);
        economy.crossing_open[c] = 1;
        economy.crossing_closed_day[c] = -1;
        economy.crossing_closed_by[c] = -1;
      }
    }
    // Economic corridor: trade grows toward its cap.
    economy.trade_multiplier[c] =
        std::min(params.trade_cap[c], economy.trade_multiplier[c] * (1.0 + params.trade_growth[c]));
    double trade = 0;
    for (double v : crossing.exports_usd_per_day) trade += v * economy.trade_multiplier[c];
    for (int s : {a, b}) total_trade[s] += trade;
    if (economy.crossing_open[c]) {
      flow += trade;
      // Financial pressure by the other side stops a share of each side's exports across.
      for (int s : {a, b}) {
        const int other = s == a ? b : a;
        if (economy.since(sh.dyad(other, s), measure_index(Action::kFinancialPressure)) < 0) {
          continue;
        }
        const double lost = sc.coercion.trade_cut *
                            crossing.exports_usd_per_day[sh.actor_of(StateId{s})] *
                            economy.trade_multiplier[c];
        flow -= lost;
        ledger.record.trade_lost_usd += lost;
        ledger.record.exports_lost_usd[s] += lost;
        closed_trade[a] += lost;
        closed_trade[b] += lost;
      }
    } else {
      ledger.record.trade_lost_usd += trade;
      ++ledger.record.crossing_closed_days[c];
      for (int s : {a, b}) {
        closed_trade[s] += trade;
        ledger.record.exports_lost_usd[s] +=
            crossing.exports_usd_per_day[sh.actor_of(StateId{s})] * economy.trade_multiplier[c];
      }
    }
  }
  ledger.record.trade_flow_usd[day] = flow;
  for (int s = 0; s < S; ++s) {
    economy.trade_closed_share[s] = total_trade[s] > 0 ? closed_trade[s] / total_trade[s] : 0.0;
  }
  update_measures(sh, strategic, diplomacy, insurgency, economy, rng, ledger);
}

}  // namespace flashpoint
