#pragma once
// Actors: states (with their retaliation doctrine), armed groups and their cells, mediators.
// Each struct is followed by the descriptor of its parameters (params.hpp): adding a parameter
// means adding the field and its row here. In-class initialisers equal the rows' defaults (a
// unit test checks it); fields without a row (ids, references) are set by the loader. Calibrated
// defaults: see docs/validation.md for the runs that chose them.
#include <vector>

#include "scenario/params.hpp"

namespace flashpoint {

/// What a doctrine answers (bits of Doctrine::triggers): deaths in armed-group attacks the state
/// blames on a host, deaths from the other state's strikes on its soil, deaths from its fire and
/// clashes along the line (assaults, offensives, fire across the line, incidents).
enum DoctrineTrigger : unsigned {
  kTriggerAttack = 1U,
  kTriggerStrike = 2U,
  kTriggerFire = 4U,
  kTriggerAll = 7U,
};

/// A retaliation doctrine ("new normal"): after deaths of the kinds it answers above a threshold,
/// a large utility bonus for its action after a random lag. A state may hold several, keyed by
/// trigger (docs/model.md 7.5).
struct Doctrine {
  bool enabled = false;
  unsigned triggers = kTriggerAll;  ///< DoctrineTrigger bits (the loader reads `triggers`)
  int action = -1;  ///< action_index of the favoured action (`action`); -1: the first of `rung`
  double fatality_threshold = 10;    ///< deaths in one attributed attack that trigger it
  double cumulative_threshold = 80;  ///< attributed deaths within window_days that trigger it
  int window_days = 14;
  int rung = 6;  ///< the rung the doctrine favours (its first action, unless `action` names one)
  double utility_bonus = 1.5;                            ///< added to U(rung) on the trigger day
  std::vector<double> lag_probabilities{0.3, 0.5, 0.2};  ///< P(lag = 0, 1, 2, ... days); sums to 1
  int lag_offset_days = 0;  ///< days added to the drawn lag (a considered response takes weeks)
  int expiry_days = 4;      ///< a pending trigger lapses after this many days
};

namespace params {
inline constexpr auto kDoctrine = param_section<Doctrine>(
    "doctrine", "actors[].doctrine (states)",
    {
        {"enabled", &Doctrine::enabled, kBoolean, 0, 0, 1, "-", "the doctrine is in force",
         "scenario input"},
        {"fatality_threshold", &Doctrine::fatality_threshold, kNumber, 10, 0, 1e6, "deaths",
         "deaths in one attributed attack that trigger retaliation",
         "calibrated: target 1, an attack that killed 11 (FACTS, Oct 2025)"},
        {"cumulative_threshold", &Doctrine::cumulative_threshold, kNumber, 80, 0, 1e6, "deaths",
         "attributed deaths within window_days that trigger retaliation", "assumption"},
        {"window_days", &Doctrine::window_days, kInteger, 14, 1, 365, "days",
         "window of the cumulative threshold", "assumption"},
        {"rung", &Doctrine::rung, kInteger, 6, 1, 9, "rung",
         "rung of the retaliation (its first action: 6 strike_sanctuary, 7 assault_posts, ...)",
         "source: FACTS, a major attack answered by a strike (9 Oct 2025)"},
        {"utility_bonus", &Doctrine::utility_bonus, kNumber, 1.5, 0, 10, "utility",
         "utility added to the strike while a trigger is due", "assumption"},
        {"lag_probabilities", &Doctrine::lag_probabilities, kNumberList, 0, 0, 1, "-",
         "P(lag = 0, 1, 2, ... days) between trigger and strike; must sum to 1",
         "source: FACTS, retaliation lag 1-2 days after the attacks", false, "[0.3, 0.5, 0.2]"},
        {"lag_offset_days", &Doctrine::lag_offset_days, kInteger, 0, 0, 365, "days",
         "days added to the lag drawn from lag_probabilities (a considered response)",
         "assumption: none; the 2025 strikes came within 0-2 days (FACTS)"},
        {"expiry_days", &Doctrine::expiry_days, kInteger, 4, 0, 60, "days",
         "days after the lag during which the bonus stays", "assumption"},
    });
}  // namespace params

/// What a state asks before it reopens a crossing it closed or lifts a measure it imposed
/// (`reopen_demand`; docs/model.md 7.15 and 7.22):
/// calm on the line only, a ceasefire in force, or the other state's crackdown on the armed groups
/// it hosts that attack this one (their sanctuary tolerance at most crackdown_tolerance).
enum class ReopenDemand { kCalm, kCeasefire, kCrackdown };

struct StateParams {
  double capability = 0.5;                  ///< relative military capability, [0,1]
  double resolve = 0.5;                     ///< willingness to bear costs, [0,1]
  double rationality = 12.0;                ///< logit lambda
  double audience_weight = 0.5;             ///< weight of audience costs (Fearon 1994)
  double trade_exposure = 0.3;              ///< economic exposure to cross-border trade, [0,1]
  double hostility_fatigue = 0.08;          ///< Richardson a_i, per day
  double attribution_probability = 0.8;     ///< P(an attack from the host's soil is blamed on it)
  double misattribution_probability = 0.3;  ///< P(an attack by a local cell is blamed on the host)
  bool hosts_refugees = false;              ///< may use rung 5 (deport)
  double outside_threat = 0;      ///< threat from an outside rival, added to the threat term
  double claim_enemy_factor = 1;  ///< announced enemy losses / true enemy losses
  double claim_own_factor = 1;    ///< announced own losses / true own losses
  int strike_package_sites = 1;   ///< targets one of its strikes hits
  bool accepts_mediation = true;  ///< joins rounds convened by third parties
  double air_defence = 0;         ///< P(an incoming strike on a target is intercepted)
  ReopenDemand reopen_demand = ReopenDemand::kCalm;  ///< read by hand (`reopen_demand`)
  double crackdown_tolerance = 0.3;  ///< the hosts' tolerance a crackdown demand asks for
  unsigned measures = 0;  ///< coercive measures it may impose: bits by measure_index (`measures`)
  bool nuclear_armed = false;       ///< holds nuclear weapons: declares a red line, may signal
  int red_line_rung = 8;            ///< the other's rung from which it threatens nuclear use
  std::vector<Doctrine> doctrines;  ///< `doctrine`: one map, or a list keyed by trigger
};

namespace params {
inline constexpr auto kState = param_section<StateParams>(
    "state", "actors[] with type: state",
    {
        {"capability", &StateParams::capability, kNumber, 0.5, 0, 1, "-",
         "relative military capability", "assumption"},
        {"resolve", &StateParams::resolve, kNumber, 0.5, 0, 1, "-",
         "willingness to bear costs: scales down the expected-cost terms", "assumption"},
        {"rationality", &StateParams::rationality, kNumber, 12.0, 0, 100, "1/utility",
         "logit lambda: 0 picks uniformly, large values pick the best action",
         "calibrated: stable baseline, states mostly at rungs 0-3"},
        {"audience_weight", &StateParams::audience_weight, kNumber, 0.5, 0, 1, "-",
         "weight of audience costs for backing down after public threats", "assumption"},
        {"trade_exposure", &StateParams::trade_exposure, kNumber, 0.3, 0, 1, "-",
         "share of the economy's pain from a closure (scales the trade-cost term)", "assumption"},
        {"hostility_fatigue", &StateParams::hostility_fatigue, kNumber, 0.08, 0, 1, "1/day",
         "Richardson fatigue a_i: share of hostility that fades each day",
         "assumption: half-life about 9 days"},
        {"attribution_probability", &StateParams::attribution_probability, kNumber, 0.8, 0, 1, "-",
         "probability that an armed-group attack on its soil is blamed on the group's host",
         "assumption"},
        {"misattribution_probability", &StateParams::misattribution_probability, kNumber, 0.3, 0, 1,
         "-", "probability that an attack by a cell on its own soil is still blamed on the host",
         "assumption"},
        {"outside_threat", &StateParams::outside_threat, kNumber, 0, 0, 10, "-",
         "threat from an outside rival, added inside the threat term (e.g. a rival said to back "
         "militants)",
         "assumption: no outside rival unless the file names one"},
        {"claim_enemy_factor", &StateParams::claim_enemy_factor, kNumber, 1, 0, 100, "-",
         "announced enemy losses / true enemy losses (claims)",
         "assumption: claims equal the truth"},
        {"claim_own_factor", &StateParams::claim_own_factor, kNumber, 1, 0, 10, "-",
         "announced own losses / true own losses (claims)", "assumption: claims equal the truth"},
        {"hosts_refugees", &StateParams::hosts_refugees, kBoolean, 0, 0, 1, "-",
         "holds refugees and may deport (rung 5)", "scenario input"},
        {"accepts_mediation", &StateParams::accepts_mediation, kBoolean, 1, 0, 1, "-",
         "joins rounds of talks convened by third-party mediators (false: talks only over a "
         "military channel, though mediators still press it)",
         "scenario input"},
        {"strike_package_sites", &StateParams::strike_package_sites, kInteger, 1, 1, 100, "sites",
         "targets one of its strikes hits (distinct sites or places of the target class)",
         "scenario input: one target unless the file says"},
        {"air_defence", &StateParams::air_defence, kNumber, 0, 0, 1, "-",
         "probability that a strike on one of its targets is intercepted, against a striker of "
         "capability 0 (x (1 - capability/2) for others)",
         "scenario input: no air defence unless the file says"},
        {"nuclear_armed", &StateParams::nuclear_armed, kBoolean, 0, 0, 1, "-",
         "holds nuclear weapons: others' actions near its red line cost them steeply, and it may "
         "signal (nuclear_signal)",
         "scenario input"},
        {"red_line_rung", &StateParams::red_line_rung, kInteger, 8, 2, 10, "rung",
         "with nuclear_armed: the rung of the other's action at which it declares it would "
         "consider nuclear use (10: beyond the ladder, e.g. only a nuclear attack)",
         "assumption: declared thresholds: loss of territory or of large forces (8-9)"},
        {"crackdown_tolerance", &StateParams::crackdown_tolerance, kNumber, 0.3, 0, 1, "-",
         "with reopen_demand: crackdown, the sanctuary tolerance the other state's hosted groups "
         "that attack this one must fall to before it reopens a crossing it closed",
         "assumption: well below the seeds' 0.7 (a change of policy, not a promise)"},
    });
}  // namespace params

/// A cell of an armed group at the start of a run.
struct CellSeed {
  int district = -1;    ///< base district (either side of the line)
  double fighters = 0;  ///< required: no default
};

struct ArmedGroupParams {
  int host = -1;                     ///< actor index of the state giving sanctuary
  int target = -1;                   ///< actor index of the state the group fights; -1 when none
  double fighters = 1000;            ///< total strength when the group has no cells
  double sanctuary_tolerance = 0.5;  ///< host's tolerance sigma in [0,1] at the start
  double affinity = 0.5;             ///< host's ideological affinity: the level sigma drifts toward
  std::vector<CellSeed> cells;       ///< empty: the group acts only through district attack rates
};

namespace params {
inline constexpr auto kArmedGroup = param_section<ArmedGroupParams>(
    "armed_group", "actors[] with type: armed_group",
    {
        {"fighters", &ArmedGroupParams::fighters, kNumber, 1000, 0, 1e7, "fighters",
         "strength of the group", "scenario input"},
        {"sanctuary_tolerance", &ArmedGroupParams::sanctuary_tolerance, kNumber, 0.5, 0, 1, "-",
         "host's tolerance sigma (how safe the group is on the host's soil)", "assumption"},
        {"affinity", &ArmedGroupParams::affinity, kNumber, 0.5, 0, 1, "-",
         "host's ideological affinity: the level its tolerance sigma drifts toward", "assumption"},
    });

inline constexpr auto kCell =
    param_section<CellSeed>("cell", "actors[].cells[] (armed groups)",
                            {
                                {"fighters", &CellSeed::fighters, kNumber, 0, 0, 1e6, "fighters",
                                 "fighters of a cell at the start", "scenario input", true},
                            });
}  // namespace params

struct MediatorParams {
  std::vector<double> leverage;  ///< by actor index; 0 for actors not named (read by hand)
  double credibility = 0.5;      ///< [0,1]
  int activation_level = 6;      ///< escalation level at which the mediator becomes active
  int round_interval_days = 7;   ///< days between rounds of talks it convenes
  int disengage_days = 30;       ///< days below its activation level before it leaves a line
  double regional_pressure = 0;  ///< pressure on hosts' sanctuary tolerance, per day
};

namespace params {
inline constexpr auto kMediator = param_section<MediatorParams>(
    "mediator", "actors[] with type: mediator",
    {
        {"credibility", &MediatorParams::credibility, kNumber, 0.5, 0, 1, "-",
         "credibility with the parties", "assumption"},
        {"activation_level", &MediatorParams::activation_level, kInteger, 6, 0, 9, "rung",
         "escalation level at which the mediator becomes active", "assumption"},
        // A map (actor id -> value), read by the actor reader into MediatorParams::leverage.
        {"leverage", kReadByHand, kNumber, 0, 0, 1, "-",
         "leverage over each party (a map: actor id -> value)", "scenario input"},
        {"round_interval_days", &MediatorParams::round_interval_days, kInteger, 7, 1, 365, "days",
         "days between the rounds of talks it convenes",
         "source: FACTS, about a week between rounds of talks (Oct 2025)"},
        {"disengage_days", &MediatorParams::disengage_days, kInteger, 30, 1, 3650, "days",
         "days a line stays below its activation level before the mediator leaves it",
         "assumption: about a month of calm"},
        {"regional_pressure", &MediatorParams::regional_pressure, kNumber, 0, 0, 1, "1/day",
         "pressure it puts on hosts to lower their sanctuary tolerance (regional powers)",
         "assumption"},
    });
}  // namespace params

}  // namespace flashpoint
