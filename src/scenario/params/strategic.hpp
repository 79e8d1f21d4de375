#pragma once
// The strategic layer: escalation level, threat and memory terms, and the weights of the utility
// terms of a state's choice (both sections fill StrategicParams).
// Each struct is followed by the descriptor of its parameters (params.hpp): adding a parameter
// means adding the field and its row here. In-class initialisers equal the rows' defaults (a
// unit test checks it). Calibrated defaults: see docs/validation.md for the runs that chose them.

#include "scenario/params.hpp"

namespace flashpoint {

/// Scenario-wide parameters of the strategic layer and the weights of the utility terms.
struct StrategicParams {
  double hostility_event_scale = 0.03;  ///< s: hostility per unit of -Goldstein received
  double cooperation_scale = 0.01;      ///< c: share of hostility one unit of +Goldstein removes
  int level_window_days = 3;            ///< escalation level = max rung over this window
  int max_step = 2;                     ///< rungs a state may climb above the level in one day
  double threat_reference = 6;          ///< hostility at which threat is 1 - 1/e
  double attack_memory_days = 10;       ///< e-folding time of remembered attributed deaths
  double attack_reference = 50;         ///< attributed deaths at which threat is 1 - 1/e
  double publicity_memory_days = 14;    ///< e-folding time of public threats (audience costs)
  double war_cost_memory_days = 20;     ///< e-folding time of own war costs
  double war_cost_reference = 40;       ///< own deaths at which war weariness is 1 - 1/e
  int attributed_attack_rung = 6;  ///< rung at which an attributed attack counts for reciprocity
  double major_attack_deaths = 5;  ///< deaths from which an attributed attack counts at that rung
  int ceasefire_window_days = 3;   ///< days within which a ceasefire offer can be accepted
  double red_line_steepness = 1;   ///< rungs over which the red-line cost falls by 1/e
  int signal_gap = 2;              ///< a state may signal once the other is this near its red line
  double signal_weight = 1;        ///< red-line cost added per unit of the state's signal stock
  double mediator_alarm = 0.5;     ///< mediators' pressure added per unit of signals on the pair
  // utility weights
  double w_coercion = 1.2, w_reciprocity = 0.6, w_retaliation_cost = 0.8, w_trade_cost = 0.5;
  double w_third_party = 0.6, w_violation = 1.0, w_audience = 0.5, w_escalation_cost = 1.0;
  double w_peace = 0.3, w_war_weariness = 0.8, w_red_line = 3;
};

namespace params {
inline constexpr auto kStrategic = param_section<StrategicParams>(
    "strategic", "strategic",
    {
        {"hostility_event_scale", &StrategicParams::hostility_event_scale, kNumber, 0.03, 0, 10,
         "hostility/Goldstein", "s: hostility added per unit of -Goldstein of the events received",
         "assumption: a strike (-10) adds 0.3"},
        {"cooperation_scale", &StrategicParams::cooperation_scale, kNumber, 0.01, 0, 1,
         "1/Goldstein",
         "c: share of hostility removed per unit of +Goldstein of the events "
         "received (at most all of it)",
         "assumption: a negotiation (+7) removes 7%, at hostility 3 what s removed"},
        {"level_window_days", &StrategicParams::level_window_days, kInteger, 3, 1, 60, "days",
         "the escalation level is the highest rung used in this many days", "assumption"},
        {"max_step", &StrategicParams::max_step, kInteger, 2, 1, 12, "rungs",
         "rungs a state may climb above the level in one day (doctrine excepted)", "assumption"},
        {"threat_reference", &StrategicParams::threat_reference, kNumber, 6, 0.01, 1000,
         "hostility", "hostility at which the threat term reaches 1 - 1/e", "assumption"},
        {"attack_memory_days", &StrategicParams::attack_memory_days, kNumber, 10, 0.1, 365, "days",
         "e-folding time of remembered attributed deaths", "assumption"},
        {"attack_reference", &StrategicParams::attack_reference, kNumber, 50, 0.1, 1e6, "deaths",
         "attributed deaths at which the threat term reaches 1 - 1/e",
         "calibrated: routine attacks give a moderate threat"},
        {"publicity_memory_days", &StrategicParams::publicity_memory_days, kNumber, 14, 0.1, 365,
         "days", "e-folding time of public threats (audience costs)", "assumption"},
        {"war_cost_memory_days", &StrategicParams::war_cost_memory_days, kNumber, 20, 0.1, 365,
         "days", "e-folding time of own war deaths (war weariness)", "assumption"},
        {"war_cost_reference", &StrategicParams::war_cost_reference, kNumber, 40, 0.1, 1e6,
         "deaths", "own recent deaths at which war weariness reaches 1 - 1/e", "assumption"},
        {"attributed_attack_rung", &StrategicParams::attributed_attack_rung, kInteger, 6, 1, 9,
         "rung", "rung at which an attributed armed-group attack counts as the host's act",
         "assumption"},
        {"major_attack_deaths", &StrategicParams::major_attack_deaths, kNumber, 5, 0, 1e6, "deaths",
         "an attributed attack counts as the host's act for reciprocity from this many deaths",
         "calibrated: attacks that count as the host's act"},
        {"ceasefire_window_days", &StrategicParams::ceasefire_window_days, kInteger, 3, 0, 60,
         "days", "days within which one side's ceasefire offer can be accepted by the other",
         "assumption"},
        {"red_line_steepness", &StrategicParams::red_line_steepness, kNumber, 1, 0.05, 9, "rungs",
         "the cost of acting near a nuclear-armed state's red line falls by 1/e a rung below it",
         "assumption: one rung below the line costs about a third of the line itself"},
        {"signal_gap", &StrategicParams::signal_gap, kInteger, 2, 0, 9, "rungs",
         "a nuclear-armed state may signal (nuclear_signal) once the other's rung toward it is "
         "within this many rungs of its red line",
         "assumption: signals come with strikes, not with words"},
        {"signal_weight", &StrategicParams::signal_weight, kNumber, 1, 0, 10, "1/signal",
         "share added to the red-line cost the state's adversaries face per unit of its signal "
         "stock (which fades as public threats do)",
         "assumption: a fresh signal doubles the cost of the red line"},
        {"mediator_alarm", &StrategicParams::mediator_alarm, kNumber, 0.5, 0, 10, "1/signal",
         "share added to active mediators' pressure on both states per unit of the pair's signal "
         "stocks",
         "assumption: third parties press harder when nuclear threats are made"},
    });

inline constexpr auto kUtility = param_section<StrategicParams>(
    "utility", "utility",
    {
        {"coercion", &StrategicParams::w_coercion, kNumber, 1.2, 0, 10, "utility",
         "coercive benefit: threat x rung", "assumption"},
        {"reciprocity", &StrategicParams::w_reciprocity, kNumber, 0.6, 0, 10, "utility",
         "matching the adversary's last hostile rung", "assumption"},
        {"retaliation_cost", &StrategicParams::w_retaliation_cost, kNumber, 0.8, 0, 10, "utility",
         "expected retaliation: adversary capability x (rung/9)^2", "assumption"},
        {"trade_cost", &StrategicParams::w_trade_cost, kNumber, 0.5, 0, 10, "utility",
         "trade lost by closing crossings, x trade exposure", "assumption"},
        {"third_party", &StrategicParams::w_third_party, kNumber, 0.6, 0, 10, "utility",
         "active mediators' leverage against rungs >= 6", "assumption"},
        {"violation", &StrategicParams::w_violation, kNumber, 1.0, 0, 10, "utility",
         "penalty for a hostile act (rung >= 6) under a ceasefire", "assumption"},
        {"audience", &StrategicParams::w_audience, kNumber, 0.5, 0, 10, "utility",
         "audience cost of backing down (rung <= 1) after public threats", "assumption"},
        {"escalation_cost", &StrategicParams::w_escalation_cost, kNumber, 1.0, 0, 10, "utility",
         "baseline cost of a hostile rung (r/9), x (1 - resolve/2)",
         "calibrated: stable baseline, force costs more than it coerces"},
        {"peace", &StrategicParams::w_peace, kNumber, 0.3, 0, 10, "utility",
         "benefit of cooperative rungs when threat is low", "assumption"},
        {"war_weariness", &StrategicParams::w_war_weariness, kNumber, 0.8, 0, 10, "utility",
         "benefit of cooperative rungs as own war deaths mount", "assumption"},
        {"red_line", &StrategicParams::w_red_line, kNumber, 3, 0, 100, "utility",
         "cost of acting at a nuclear-armed adversary's red line (x e^-(rungs below it / "
         "red_line_steepness)); also the value of signalling as the adversary nears one's own",
         "assumption: twice the doctrine bonus: no trigger carries a state across"},
    });
}  // namespace params

}  // namespace flashpoint
