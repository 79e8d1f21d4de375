#pragma once
// Operations along the line (clashes, strikes, crossings closing and reopening) and the
// attack types of armed groups.
// Each struct is followed by the descriptor of its parameters (params.hpp): adding a parameter
// means adding the field and its row here. In-class initialisers equal the rows' defaults (a
// unit test checks it). Calibrated defaults: see docs/validation.md for the runs that chose them.
#include <string>

#include "scenario/params.hpp"

namespace flashpoint {

struct OperationsParams {
  double fire_effectiveness = 0.7;         ///< alpha, square law (aimed fire), per soldier-day
  double artillery_effectiveness = 0.08;   ///< beta, linear law (area fire)
  double artillery_share = 0.3;            ///< P(an assault is artillery rather than small arms)
  double clash_intensity = 1.0;            ///< intensity of an assault day (rung 7)
  double offensive_intensity = 1.5;        ///< intensity of an offensive day (rung 9)
  int assault_sectors = 6;                 ///< sectors an assault opens
  double fire_intensity = 0.05;            ///< intensity of a day of fire across the line
  int fire_sectors = 3;                    ///< sectors a day of fire across the line covers
  double lethality = 0.25;                 ///< share of casualties who die
  double capture_threshold = 0.6;          ///< garrison share under which a post can fall
  double superiority_ratio = 1.2;          ///< attacker/defender ratio needed to take a post
  double reinforce_rate = 0.1;             ///< share of the missing garrison restored per day
  double readiness_gain = 0.3;             ///< readiness added by mobilising (rung 3)
  double readiness_decay = 0.05;           ///< readiness lost per day
  double strike_militants_mean = 8;        ///< rung 6: mean militant deaths per strike
  double strike_civilians_mean = 2;        ///< rung 6: mean civilian deaths per strike
  double deep_strike_forces_mean = 10;     ///< rung 8: mean forces deaths
  double deep_strike_civilians_mean = 12;  ///< rung 8: mean civilian deaths
  double deep_strike_militants_mean = 10;  ///< rung 8: mean militant deaths
  double military_strike_forces_mean = 4;  ///< strike_military: mean forces deaths per target
  double military_strike_civilians_mean = 0.5;  ///< strike_military: mean civilian deaths
  double aircraft_loss_share = 0.2;  ///< P(an interception costs the striker an aircraft/drone)
  double fire_casualty_rate = 60;    ///< civilian casualties per clash-day per 1e5 in reach
  double fire_lethality = 0.047;     ///< share of civilian casualties of fire who die
  double reach_small_arms = 0.02;    ///< share of a border district's people in reach
  double reach_artillery = 0.1;      ///< the same for artillery
  double injured_per_death_forces = 1.3;     ///< injured per death, security forces
  double injured_per_death_civilians = 2.5;  ///< injured per death, civilians (attacks, strikes)
  double injured_per_death_militants = 1.3;  ///< injured per death, militants
  int reopen_calm_days = 14;                 ///< calm days before a closed crossing may reopen
  int reopen_max_level = 5;                  ///< highest escalation level counted as calm
  double reopen_rate = 0.05;                 ///< P(reopen) per calm day
  double handback_rate = 0.03;  ///< P(a captured post is handed back) per day of ceasefire
  bool reopen_requires_ceasefire = true;   ///< assurances: reopen only under a ceasefire
  double returns_share_of_capacity = 0.5;  ///< share of a crossing's people_per_day for returnees
};

namespace params {
inline constexpr auto kOperations = param_section<OperationsParams>(
    "operations", "operations",
    {
        {"fire_effectiveness", &OperationsParams::fire_effectiveness, kNumber, 0.7, 0, 10,
         "casualties/soldier-day", "alpha of the square law (aimed small-arms fire)",
         "calibrated: target 3, first clash round"},
        {"artillery_effectiveness", &OperationsParams::artillery_effectiveness, kNumber, 0.08, 0,
         10, "casualties/soldier^2-day", "beta of the linear law (area fire)",
         "assumption: not calibrated; target 3 checks it"},
        {"artillery_share", &OperationsParams::artillery_share, kNumber, 0.3, 0, 1, "-",
         "P(an assault uses artillery: CAMEO 194, linear law)", "assumption"},
        {"clash_intensity", &OperationsParams::clash_intensity, kNumber, 1.0, 0, 100, "-",
         "intensity of an assault day", "assumption"},
        {"offensive_intensity", &OperationsParams::offensive_intensity, kNumber, 1.5, 0, 100, "-",
         "intensity of an offensive day (all sectors)", "assumption"},
        {"assault_sectors", &OperationsParams::assault_sectors, kInteger, 6, 1, 1000, "sectors",
         "sectors an assault (rung 7) opens",
         "source: FACTS, 11-12 Oct 2025 assaults hit six sectors"},
        {"fire_intensity", &OperationsParams::fire_intensity, kNumber, 0.05, 0, 100, "-",
         "intensity of a day of fire across the line (exchange_fire, rung 6): the posts fire at "
         "what they see across the line, nobody assaults a post",
         "assumption: a twentieth of an assault day (fire between fortified posts)"},
        {"fire_sectors", &OperationsParams::fire_sectors, kInteger, 3, 1, 1000, "sectors",
         "sectors a day of fire across the line (exchange_fire) covers",
         "assumption: half of an assault's six sectors"},
        {"lethality", &OperationsParams::lethality, kNumber, 0.25, 0, 1, "-",
         "share of casualties (killed, wounded or withdrawn from the post) who die; 23 killed and "
         "29 "
         "wounded on 11-12 Oct 2025 give 0.44 before withdrawals",
         "calibrated: target 3, first clash round"},
        {"capture_threshold", &OperationsParams::capture_threshold, kNumber, 0.6, 0, 1, "-",
         "garrison share below which a post can fall", "calibrated: target 3, first clash round"},
        {"superiority_ratio", &OperationsParams::superiority_ratio, kNumber, 1.2, 0, 100, "-",
         "attacker/defender strength ratio needed to take a post", "assumption"},
        {"reinforce_rate", &OperationsParams::reinforce_rate, kNumber, 0.1, 0, 1, "1/day",
         "share of a post's missing garrison restored per day", "assumption"},
        {"readiness_gain", &OperationsParams::readiness_gain, kNumber, 0.3, 0, 1, "-",
         "readiness added by mobilising", "assumption"},
        {"readiness_decay", &OperationsParams::readiness_decay, kNumber, 0.05, 0, 1, "1/day",
         "readiness lost per day", "assumption"},
        {"strike_militants_mean", &OperationsParams::strike_militants_mean, kNumber, 8, 0, 1000,
         "deaths", "rung 6: mean militant deaths per strike", "assumption"},
        {"strike_civilians_mean", &OperationsParams::strike_civilians_mean, kNumber, 2, 0, 1000,
         "deaths", "rung 6: mean civilian deaths per strike", "assumption"},
        {"deep_strike_forces_mean", &OperationsParams::deep_strike_forces_mean, kNumber, 10, 0,
         1000, "deaths", "rung 8: mean forces deaths", "assumption"},
        {"deep_strike_civilians_mean", &OperationsParams::deep_strike_civilians_mean, kNumber, 12,
         0, 1000, "deaths", "rung 8: mean civilian deaths", "assumption"},
        {"deep_strike_militants_mean", &OperationsParams::deep_strike_militants_mean, kNumber, 10,
         0, 1000, "deaths", "rung 8: mean militant deaths", "assumption"},
        {"military_strike_forces_mean", &OperationsParams::military_strike_forces_mean, kNumber, 4,
         0, 1000, "deaths", "strike_military (rung 7): mean forces deaths per target hit",
         "assumption: a base or headquarters is hardened and dispersed"},
        {"military_strike_civilians_mean", &OperationsParams::military_strike_civilians_mean,
         kNumber, 0.5, 0, 1000, "deaths",
         "strike_military (rung 7): mean civilian deaths per target hit",
         "assumption: military targets lie mostly apart from homes"},
        {"aircraft_loss_share", &OperationsParams::aircraft_loss_share, kNumber, 0.2, 0, 1, "-",
         "P(an interception of a strike costs the striker an aircraft or drone)",
         "assumption: most interceptions stop munitions, not the launching aircraft"},
        {"fire_casualty_rate", &OperationsParams::fire_casualty_rate, kNumber, 60, 0, 1e5,
         "casualties/clash-day per 100,000 people in reach",
         "civilians killed or injured in a border district by one day of fire from across the "
         "line, at intensity 1, per 100,000 of its people within reach",
         "calibrated: Oct 2025 civilian toll of cross-border fire (validation 3c)"},
        {"fire_lethality", &OperationsParams::fire_lethality, kNumber, 0.047, 0, 1, "-",
         "share of the civilian casualties of cross-border fire who die",
         "source: UNAMA, Spin Boldak 14-15 Oct 2025: 17 killed, 346 injured"},
        {"reach_small_arms", &OperationsParams::reach_small_arms, kNumber, 0.02, 0, 1, "-",
         "share of a border district's people within reach of small arms fired across the line",
         "assumption: villages and crossing towns within 1-2 km of the line"},
        {"reach_artillery", &OperationsParams::reach_artillery, kNumber, 0.1, 0, 1, "-",
         "share of a border district's people within reach of artillery fired across the line",
         "assumption: the border belt, e.g. Spin Boldak in Kandahar"},
        {"injured_per_death_forces", &OperationsParams::injured_per_death_forces, kNumber, 1.3, 0,
         100, "injured/death",
         "security forces injured per death (in clashes at most the casualties who did not die)",
         "source: ISPR, 11-12 Oct 2025: 23 killed, 29 wounded"},
        {"injured_per_death_civilians", &OperationsParams::injured_per_death_civilians, kNumber,
         2.5, 0, 100, "injured/death",
         "civilians injured per death in armed-group attacks and strikes (fire: fire_lethality)",
         "assumption: bombings injure two to three per death"},
        {"injured_per_death_militants", &OperationsParams::injured_per_death_militants, kNumber,
         1.3, 0, 100, "injured/death", "militants injured per death",
         "assumption: as security forces"},
        {"reopen_calm_days", &OperationsParams::reopen_calm_days, kInteger, 14, 0, 3650, "days",
         "days at or below reopen_max_level before a closed crossing may reopen", "assumption"},
        {"reopen_max_level", &OperationsParams::reopen_max_level, kInteger, 5, 0, 9, "rung",
         "highest escalation level that counts as calm",
         "calibrated: deportations and threats hold no closure shut"},
        {"reopen_rate", &OperationsParams::reopen_rate, kNumber, 0.05, 0, 1, "1/day",
         "P(reopen) per calm day", "assumption"},
        {"handback_rate", &OperationsParams::handback_rate, kNumber, 0.03, 0, 1, "1/day",
         "P(a post taken from its owner is handed back) per day of a ceasefire between the two",
         "assumption: claimed captures of Oct 2025 left no new line"},
        {"reopen_requires_ceasefire", &OperationsParams::reopen_requires_ceasefire, kBoolean, 1, 0,
         1, "-",
         "after armed conflict (level >= 6) since the closure, reopening is tied to assurances: "
         "only "
         "while a ceasefire is in force",
         "calibrated: target 4, reopening tied to assurances (FACTS)"},
        {"returns_share_of_capacity", &OperationsParams::returns_share_of_capacity, kNumber, 0.5, 0,
         1, "-", "share of an open crossing's people_per_day available to returning refugees",
         "assumption"},
    });
}  // namespace params

struct AttackType {
  std::string id;
  std::string acled_sub_event_type;  ///< one of ACLED's 25 sub-event types; empty: not coded
  double share = 1;                  ///< relative frequency
  double forces_mean = 1, civilians_mean = 1, militants_mean = 0.5;
};

namespace params {
inline constexpr auto kAttackType =
    param_section<AttackType>("attack_type", "attack_types[]",
                              {
                                  {"share", &AttackType::share, kNumber, 1, 0, 1e6, "-",
                                   "relative frequency", "scenario input"},
                                  {"forces_mean", &AttackType::forces_mean, kNumber, 1, 0, 1000,
                                   "deaths", "mean security-force deaths", "scenario input"},
                                  {"civilians_mean", &AttackType::civilians_mean, kNumber, 1, 0,
                                   1000, "deaths", "mean civilian deaths", "scenario input"},
                                  {"militants_mean", &AttackType::militants_mean, kNumber, 0.5, 0,
                                   1000, "deaths", "mean militant deaths", "scenario input"},
                              });
}  // namespace params

}  // namespace flashpoint
