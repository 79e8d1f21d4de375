#pragma once
// The strategic choice of states: documented utility terms per action, feasibility, and logit
// (quantal response) choice. docs/model.md, "Choice rule".
#include <array>

#include "scenario/scenario.hpp"

namespace flashpoint {

using ActionValues = std::array<double, kActionCount>;  ///< indexed by action_index()
using ActionMask = std::array<bool, kActionCount>;

/// What state i knows about its relation with j on the day it chooses.
struct ChoiceSituation {
  double threat = 0;                ///< 1 - exp(-(H_ij/threat_ref + deaths_ij/attack_ref))
  int adversary_rung = 0;           ///< j's highest hostile rung toward i in the level window
  double publicity = 0;             ///< 1 - exp(-public threats), audience-cost exposure
  double war_weariness = 0;         ///< 1 - exp(-own recent deaths / war_cost_reference)
  double adversary_capability = 0;  ///< capability of j
  double resolve = 0;               ///< resolve of i
  double audience_weight = 0;       ///< audience weight of i
  double trade_exposure = 0;        ///< trade exposure of i
  /// Share of i's crossing trade with j that financial_pressure would stop (docs/model.md 7.22).
  double sanctioned_trade_share = 0;
  /// The nuclear shadow (docs/model.md 7.23): j's red line (0: j holds no nuclear weapons) and
  /// signal stock; i's own red line (0: none).
  int adversary_red_line = 0;
  double adversary_signals = 0;
  int own_red_line = 0;
  double mediator_pressure = 0;  ///< sum over active mediators of leverage_i * credibility
  bool ceasefire_in_force = false;
  double monitoring_penalty = 0;  ///< added to the violation weight under monitoring
  /// The actions a due doctrine trigger favours, with their bonus (0 for the others).
  ActionValues doctrine_bonus{};
};

/// The cost of an action of rung r toward a state whose red line is `red_line` and whose signal
/// stock is `signals`: w_red_line x (1 + signal_weight x signals) x e^-(max(red_line - r, 0) /
/// red_line_steepness) (docs/model.md 7.23).
[[nodiscard]] double red_line_cost(const StrategicParams& p, int red_line, int r, double signals);

/// U_i(a) for every action (docs/model.md lists each term). Infeasible actions get a value too;
/// the mask decides.
[[nodiscard]] ActionValues action_utilities(const ChoiceSituation& s, const StrategicParams& p,
                                            const std::array<LadderEntry, kActionCount>& ladder);

/// P(a) = exp(lambda U(a)) / sum over feasible b of exp(lambda U(b)); 0 where infeasible.
/// At least one action must be feasible.
[[nodiscard]] ActionValues logit_probabilities(const ActionValues& utility,
                                               const ActionMask& feasible, double lambda);

/// The nested choice of docs/model.md 7.4: a rung by logit over each rung's best feasible
/// utility V_r = max U(a), then an action of that rung by logit over its feasible actions:
///   P(a) = exp(lambda V_r) / sum_r' exp(lambda V_r')  *  exp(lambda U(a)) / sum_{b in r}
///   exp(lambda U(b))
/// With one action per rung it is logit_probabilities. At least one action must be feasible.
[[nodiscard]] ActionValues choice_probabilities(const ActionValues& utility,
                                                const ActionMask& feasible, double lambda);

/// The index whose cumulative probability first exceeds u in [0,1).
[[nodiscard]] int sample_index(const ActionValues& probabilities, double u);

}  // namespace flashpoint
