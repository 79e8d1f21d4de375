#include "model/strategic.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdlib>

namespace flashpoint {

double red_line_cost(const StrategicParams& p, int red_line, int r, double signals) {
  const double below = std::max(red_line - r, 0);
  return p.w_red_line * (1.0 + p.signal_weight * signals) * std::exp(-below / p.red_line_steepness);
}

ActionValues action_utilities(const ChoiceSituation& s, const StrategicParams& p,
                              const std::array<LadderEntry, kActionCount>& ladder) {
  ActionValues u{};
  const double cost_scale = 1.0 - 0.5 * s.resolve;  // resolute states discount costs
  for (Action a : all_actions()) {
    const int r = rung(a);
    const auto k = static_cast<std::size_t>(action_index(a));
    const double x = std::max(r, 0) / double{kMaxRung};  // hostile intensity in [0,1]
    double v = 0;
    // Reciprocity: match the adversary's last hostile rung (tit-for-tat); cooperative and hold
    // rungs count as 0.
    v += p.w_reciprocity * (1.0 - std::abs(std::max(r, 0) - s.adversary_rung) / double{kMaxRung});
    if (r >= kFirstHostileRung) {
      v += p.w_coercion * s.threat * x;                                         // coercive benefit
      v -= p.w_retaliation_cost * cost_scale * s.adversary_capability * x * x;  // retaliation
      v -= p.w_escalation_cost * cost_scale * x;  // using force has a cost of its own
    }
    if (a == Action::kCloseCrossings) v -= p.w_trade_cost * s.trade_exposure;
    // The nuclear shadow: acting near j's red line costs steeply, more after j's signals.
    if (r >= kFirstHostileRung && s.adversary_red_line > 0) {
      v -= red_line_cost(p, s.adversary_red_line, r, s.adversary_signals);
    }
    // Signalling is worth more the nearer j's rung is to i's own red line.
    if (a == Action::kNuclearSignal && s.own_red_line > 0) {
      v += red_line_cost(p, s.own_red_line, s.adversary_rung, 0.0);
    }
    if (a == Action::kFinancialPressure) {  // the imports it stops are trade lost to i as well
      v -= p.w_trade_cost * s.trade_exposure * s.sanctioned_trade_share;
    }
    if (r >= kConflictRung) {
      v -= p.w_third_party * s.mediator_pressure;
      // Breaking a signed ceasefire: the violation itself, monitoring, the engaged mediators
      // pressing again as guarantors of what was signed, and the audience cost of breaking one's
      // word (docs/model.md, 7.4).
      if (s.ceasefire_in_force) {
        v -= p.w_violation + s.monitoring_penalty + p.w_third_party * s.mediator_pressure +
             p.w_audience * s.audience_weight;
      }
    }
    if (r <= 1) {  // backing down after public threats (Fearon 1994)
      v -= p.w_audience * s.audience_weight * s.publicity * (2.0 - r) / 5.0;
    }
    if (r <= -1) {  // cooperation: attractive when threat is low and as war costs mount
      const double depth = -r / 3.0;
      v += (p.w_peace * (1.0 - s.threat) + p.w_war_weariness * s.war_weariness) * depth;
      if (r <= rung(Action::kNegotiate)) v += p.w_third_party * s.mediator_pressure;
    }
    v += s.doctrine_bonus[k];
    v += ladder[k].bias;
    u[k] = v;
  }
  return u;
}

ActionValues logit_probabilities(const ActionValues& utility, const ActionMask& feasible,
                                 double lambda) {
  double best = -INFINITY;
  for (int k = 0; k < kActionCount; ++k) {
    if (feasible[k]) best = std::max(best, utility[k]);
  }
  assert(std::isfinite(best) && "at least one action must be feasible");
  ActionValues p{};
  double total = 0;
  for (int k = 0; k < kActionCount; ++k) {
    // Subtracting the best utility keeps exp() in range without changing the ratios.
    p[k] = feasible[k] ? std::exp(lambda * (utility[k] - best)) : 0.0;
    total += p[k];
  }
  for (double& v : p) v /= total;
  return p;
}

ActionValues choice_probabilities(const ActionValues& utility, const ActionMask& feasible,
                                  double lambda) {
  // The rung's value is its best feasible action: a second way of taking the same step adds no
  // weight to the step itself (no "red bus / blue bus" doubling of a rung).
  std::array<double, kRungCount> value;
  value.fill(-INFINITY);
  for (Action a : all_actions()) {
    const auto k = static_cast<std::size_t>(action_index(a));
    auto& v = value[static_cast<std::size_t>(rung(a) - kMinRung)];
    if (feasible[k]) v = std::max(v, utility[k]);
  }
  double best = -INFINITY;
  for (double v : value) best = std::max(best, v);
  assert(std::isfinite(best) && "at least one action must be feasible");
  std::array<double, kRungCount> weight{};
  double total = 0;
  for (int r = 0; r < kRungCount; ++r) {
    weight[r] = std::isfinite(value[r]) ? std::exp(lambda * (value[r] - best)) : 0.0;
    total += weight[r];
  }
  std::array<double, kRungCount> within{};  // sum over the rung's feasible actions
  ActionValues p{};
  for (Action a : all_actions()) {
    const auto k = static_cast<std::size_t>(action_index(a));
    const auto r = static_cast<std::size_t>(rung(a) - kMinRung);
    if (!feasible[k]) continue;
    p[k] = std::exp(lambda * (utility[k] - value[r]));
    within[r] += p[k];
  }
  for (Action a : all_actions()) {
    const auto k = static_cast<std::size_t>(action_index(a));
    const auto r = static_cast<std::size_t>(rung(a) - kMinRung);
    if (feasible[k]) p[k] = weight[r] / total * (p[k] / within[r]);
  }
  return p;
}

int sample_index(const ActionValues& probabilities, double u) {
  double cumulative = 0;
  int last = -1;
  for (int k = 0; k < kActionCount; ++k) {
    if (probabilities[k] <= 0) continue;
    cumulative += probabilities[k];
    last = k;
    if (u < cumulative) return k;
  }
  return last;  // rounding: u just below 1 and the sum just below 1
}

}  // namespace flashpoint
