#pragma once
// Rounds of talks, monitoring, border incidents and the information effect (model layer 2).
// Each struct is followed by the descriptor of its parameters (params.hpp): adding a parameter
// means adding the field and its row here. In-class initialisers equal the rows' defaults (a
// unit test checks it). Calibrated defaults: see docs/validation.md for the runs that chose them.

#include "scenario/params.hpp"

namespace flashpoint {

/// Rounds of talks, monitoring, and the information effect (model layer 2).
struct TalksParams {
  double join_base = 0;                 ///< logit intercept of joining a round
  double join_lambda = 4;               ///< logit slope
  double agree_base = 0.3;              ///< P(a ceasefire) from a round both join
  double agree_leverage = 0.5;          ///< added per unit of mean leverage x credibility
  double info_gain = 0.2;               ///< share of uncertainty removed per round
  double initial_uncertainty = 1.0;     ///< about the other's resolve and capability, [0,1]
  double monitoring_penalty = 1.0;      ///< added to the violation weight under monitoring
  double monitoring_containment = 0.5;  ///< P(monitors keep a ceasefire through an incident clash)
  double incident_rate = 0.002;         ///< border incidents per sector-day
  double incident_clash = 0.3;          ///< P(an incident becomes a clash) at uncertainty 1
  double incident_intensity = 0.5;      ///< intensity of an incident clash
  int armed_conflict_days = 7;          ///< a ceasefire needs level >= 6 within this many days
  int channel_interval_days = 1;  ///< days between contacts over a military channel in conflict
};

namespace params {
inline constexpr auto kTalks = param_section<TalksParams>(
    "talks", "talks",
    {
        {"join_base", &TalksParams::join_base, kNumber, 0, -10, 10, "utility",
         "intercept of the logit of joining", "assumption"},
        {"join_lambda", &TalksParams::join_lambda, kNumber, 4, 0, 100, "1/utility",
         "slope of the logit of joining", "assumption"},
        {"agree_base", &TalksParams::agree_base, kNumber, 0.3, 0, 1, "-",
         "P(ceasefire) from a round both join", "assumption"},
        {"agree_leverage", &TalksParams::agree_leverage, kNumber, 0.5, 0, 1, "-",
         "added per unit of mean mediator leverage x credibility", "assumption"},
        {"info_gain", &TalksParams::info_gain, kNumber, 0.2, 0, 1, "-",
         "share of the parties' uncertainty removed by each round (Fearon's information channel)",
         "assumption"},
        {"initial_uncertainty", &TalksParams::initial_uncertainty, kNumber, 1.0, 0, 1, "-",
         "uncertainty about the other's resolve and capability at the start", "assumption"},
        {"monitoring_penalty", &TalksParams::monitoring_penalty, kNumber, 1.0, 0, 10, "utility",
         "added to the violation weight while a monitored ceasefire holds", "assumption"},
        {"monitoring_containment", &TalksParams::monitoring_containment, kNumber, 0.5, 0, 1, "-",
         "P(an incident clash, not chosen by either side, leaves a monitored ceasefire standing)",
         "assumption: monitoring manages accidents (Fortna 2003); no published rate"},
        {"incident_rate", &TalksParams::incident_rate, kNumber, 0.002, 0, 10,
         "incidents/sector-day", "incidents at the posts of a sector where both sides hold posts",
         "assumption"},
        {"incident_clash", &TalksParams::incident_clash, kNumber, 0.3, 0, 1, "-",
         "P(an incident becomes a clash) at uncertainty 1, without hotline or patrols",
         "assumption"},
        {"incident_intensity", &TalksParams::incident_intensity, kNumber, 0.5, 0, 100, "-",
         "intensity of an incident clash", "assumption"},
        {"armed_conflict_days", &TalksParams::armed_conflict_days, kInteger, 7, 1, 365, "days",
         "a ceasefire is offered, agreed or formed only between states in armed conflict: their "
         "escalation level reached 6 within this many days",
         "assumption: a week; a ceasefire ends fighting, it does not prevent it"},
        {"channel_interval_days", &TalksParams::channel_interval_days, kInteger, 1, 1, 365, "days",
         "days between contacts over a military channel while the pair is in armed conflict",
         "assumption: daily contact in a crisis"},
    });
}  // namespace params

}  // namespace flashpoint
