#pragma once
// The validated scenario: what the engine reads, and nothing else.
//
// The loader (src/scenario/loader.cpp) fills these plain structs from YAML, taking every default,
// unit and range from the parameter table (src/scenario/params.cpp), checks them, resolves every
// reference to an index, and hands the engine a `const Scenario`. Nothing here names a country:
// actors, places and dates all come from scenario files.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/date.hpp"

namespace flashpoint {

enum class ActorType { kState, kArmedGroup, kMediator };

/// Actions of the escalation ladder, by rung (docs/model.md, "The escalation ladder").
enum class Action : int {
  kCeasefire = -3,
  kNegotiate = -2,
  kDeescalate = -1,
  kHold = 0,
  kAccuse = 1,
  kThreaten = 2,
  kMobilise = 3,
  kCloseCrossings = 4,
  kDeport = 5,
  kStrikeSanctuary = 6,
  kAssaultPosts = 7,
  kDeepStrike = 8,
  kOffensive = 9,
};
inline constexpr int kMinRung = -3;
inline constexpr int kMaxRung = 9;
inline constexpr int kRungCount = kMaxRung - kMinRung + 1;
[[nodiscard]] constexpr int rung_index(Action a) {
  return static_cast<int>(a) - kMinRung;
}
/// An action's rung (its place on the ladder, -3..9).
[[nodiscard]] constexpr int rung(Action a) {
  return static_cast<int>(a);
}
/// The lowest hostile rung (accuse); rungs below it are hold and cooperation.
inline constexpr int kFirstHostileRung = rung(Action::kAccuse);
/// Armed conflict: a day at this level or higher (a strike on a sanctuary) is a conflict day, a
/// ceasefire is broken by it, and a crossing counts as fought over (docs/model.md).
inline constexpr int kConflictRung = rung(Action::kStrikeSanctuary);
/// The outcome `reached_rung8`: a deep strike or higher.
inline constexpr int kDeepStrikeRung = rung(Action::kDeepStrike);
/// A level at which a state may offer a ceasefire without a fresh offer from the other side.
inline constexpr int kMobilisedRung = rung(Action::kMobilise);

/// The retaliation doctrine ("new normal"): after an attributed attack above a threshold, a large
/// utility bonus for a strike of the given rung after a random lag.
struct Doctrine {
  bool enabled = false;
  double fatality_threshold = 0;    ///< deaths in one attributed attack that trigger it
  double cumulative_threshold = 0;  ///< attributed deaths within window_days that trigger it
  int window_days = 0;
  int rung = 6;                           ///< the rung the doctrine favours
  double utility_bonus = 0;               ///< added to U(rung) on the trigger day
  std::vector<double> lag_probabilities;  ///< P(lag = 0, 1, 2, ... days); sums to 1
  int expiry_days = 0;                    ///< a pending trigger lapses after this many days
};

struct StateParams {
  double capability = 0;               ///< relative military capability, [0,1]
  double resolve = 0;                  ///< willingness to bear costs, [0,1]
  double rationality = 0;              ///< logit lambda
  double audience_weight = 0;          ///< weight of audience costs (Fearon 1994)
  double trade_exposure = 0;           ///< economic exposure to cross-border trade, [0,1]
  double hostility_fatigue = 0;        ///< Richardson a_i, per day
  double attribution_probability = 0;  ///< P(an attack from the host's soil is blamed on the host)
  double misattribution_probability = 0;  ///< P(an attack by a local cell is blamed on the host)
  bool hosts_refugees = false;            ///< may use rung 5 (deport)
  double outside_threat = 0;      ///< threat from an outside rival, added to the threat term
  double claim_enemy_factor = 1;  ///< announced enemy losses / true enemy losses
  double claim_own_factor = 1;    ///< announced own losses / true own losses
  Doctrine doctrine;
};

/// A cell of an armed group at the start of a run.
struct CellSeed {
  int district = -1;  ///< base district (either side of the line)
  double fighters = 0;
};

struct ArmedGroupParams {
  int host = -1;                   ///< actor index of the state giving sanctuary
  int target = -1;                 ///< actor index of the state the group fights; -1 when none
  double fighters = 0;             ///< total strength when the group has no cells
  double sanctuary_tolerance = 0;  ///< host's tolerance sigma in [0,1] at the start
  double affinity = 0;             ///< host's ideological affinity: the level sigma drifts toward
  std::vector<CellSeed> cells;     ///< empty: the group acts only through district attack rates
};

struct MediatorParams {
  std::vector<double> leverage;  ///< by actor index; 0 for actors not named
  double credibility = 0;        ///< [0,1]
  int activation_level = 0;      ///< escalation level at which the mediator becomes active
  int round_interval_days = 0;   ///< days between rounds of talks it convenes
  double regional_pressure = 0;  ///< pressure on hosts' sanctuary tolerance, per day
};

struct Actor {
  std::string id;
  std::string name;
  ActorType type = ActorType::kState;
  StateParams state;             ///< meaningful when type == kState
  ArmedGroupParams armed_group;  ///< meaningful when type == kArmedGroup
  MediatorParams mediator;       ///< meaningful when type == kMediator
};

/// Directed relation from one state to another (Richardson terms of H_ij).
struct Relation {
  int from = -1, to = -1;  ///< actor indices (states)
  double initial_hostility = 0;
  double reaction = 0;   ///< k_ij
  double grievance = 0;  ///< g_ij, per day
};

struct District {
  std::string id, name;
  int state = -1;  ///< actor index
  double lat = 0, lon = 0;
  double population = 0;
  double attack_rate_per_day = 0;  ///< exogenous armed-group attacks (besides cells)
  int attack_group = -1;           ///< actor index of the armed group behind them; -1 if none
  double security_presence = 0;    ///< security forces per citizen (Epstein's cop density)
  double legitimacy = 0;           ///< legitimacy of the governing authority at the start, [0,1]
  double trade_dependence = 0;     ///< share of livelihoods tied to cross-border trade, [0,1]
  double receiving_capacity = 0;   ///< returnees per 30 days it absorbs without strain
  double return_share = 0;         ///< relative share of returnees who settle here
  double target_weight = 0;        ///< relative attractiveness as an attack target
};

struct PostGroup {
  int side = -1;  ///< actor index of the state that holds these posts at the start
  int count = 0;
  double garrison = 0;       ///< soldiers per post
  double fortification = 0;  ///< [0,1]
};

/// The district on one side of a sector.
struct SectorSide {
  int state = -1;     ///< actor index
  int district = -1;  ///< district index
};

struct Sector {
  std::string id, name;
  double length_km = 0;
  double lat = 0, lon = 0;
  std::vector<SectorSide> sides;  ///< one per state on the line, in file order
  std::vector<PostGroup> posts;
};

struct Crossing {
  std::string id, name;
  int sector = -1;
  std::vector<double> exports_usd_per_day;  ///< by actor index: goods that state sends across
  double people_per_day = 0;
};

/// Scenario-wide parameters of the strategic layer and the weights of the utility terms.
struct StrategicParams {
  double hostility_event_scale = 0;  ///< s: hostility per unit of -Goldstein received
  int level_window_days = 0;         ///< escalation level = max rung over this window
  int max_step = 0;                  ///< rungs a state may climb above the level in one day
  double threat_reference = 0;       ///< hostility at which threat is 1 - 1/e
  double attack_memory_days = 0;     ///< e-folding time of remembered attributed deaths
  double attack_reference = 0;       ///< attributed deaths at which threat is 1 - 1/e
  double publicity_memory_days = 0;  ///< e-folding time of public threats (audience costs)
  double war_cost_memory_days = 0;   ///< e-folding time of own war costs
  double war_cost_reference = 0;     ///< own deaths at which war weariness is 1 - 1/e
  int attributed_attack_rung = 0;    ///< rung at which an attributed attack counts for reciprocity
  double major_attack_deaths = 0;    ///< deaths from which an attributed attack counts at that rung
  int ceasefire_window_days = 0;     ///< days within which a ceasefire offer can be accepted
  // utility weights
  double w_coercion = 0, w_reciprocity = 0, w_retaliation_cost = 0, w_trade_cost = 0;
  double w_third_party = 0, w_violation = 0, w_audience = 0, w_escalation_cost = 0;
  double w_peace = 0, w_war_weariness = 0;
};

struct OperationsParams {
  double fire_effectiveness = 0;           ///< alpha, square law (aimed fire), per soldier-day
  double artillery_effectiveness = 0;      ///< beta, linear law (area fire)
  double artillery_share = 0;              ///< P(an assault is artillery rather than small arms)
  double clash_intensity = 0;              ///< intensity of an assault day (rung 7)
  double offensive_intensity = 0;          ///< intensity of an offensive day (rung 9)
  int assault_sectors = 0;                 ///< sectors an assault opens
  double lethality = 0;                    ///< share of casualties who die
  double capture_threshold = 0;            ///< garrison share under which a post can fall
  double superiority_ratio = 0;            ///< attacker/defender ratio needed to take a post
  double reinforce_rate = 0;               ///< share of the missing garrison restored per day
  double readiness_gain = 0;               ///< readiness added by mobilising (rung 3)
  double readiness_decay = 0;              ///< readiness lost per day
  double strike_militants_mean = 0;        ///< rung 6: mean militant deaths per strike
  double strike_civilians_mean = 0;        ///< rung 6: mean civilian deaths per strike
  double deep_strike_forces_mean = 0;      ///< rung 8: mean forces deaths
  double deep_strike_civilians_mean = 0;   ///< rung 8: mean civilian deaths
  double deep_strike_militants_mean = 0;   ///< rung 8: mean militant deaths
  int reopen_calm_days = 0;                ///< calm days before a closed crossing may reopen
  int reopen_max_level = 0;                ///< highest escalation level counted as calm
  double reopen_rate = 0;                  ///< P(reopen) per calm day
  bool reopen_requires_ceasefire = false;  ///< assurances: reopen only under a ceasefire
  double returns_share_of_capacity = 0;    ///< share of a crossing's people_per_day for returnees
};

struct AttackType {
  std::string id;
  std::string acled_sub_event_type;  ///< one of ACLED's 25 sub-event types; empty: not coded
  double share = 0;                  ///< relative frequency
  double forces_mean = 0, civilians_mean = 0, militants_mean = 0;
};

/// Per-action adjustments of the reference ladder.
struct LadderEntry {
  bool enabled = true;
  double bias = 0;  ///< added to the action's utility
};

/// A scripted event: forces an action (a state's rung toward a target) or an armed-group attack.
struct ScriptedEvent {
  int day = 0;  ///< day index from the start date
  int actor = -1;
  int target = -1;  ///< state targeted (for state actions); -1 for attacks
  Action action = Action::kHold;
  bool is_attack = false;  ///< an armed-group attack in `district`
  int district = -1;
  int attack_type = -1;
  /// Fatalities of a scripted attack (forces, civilians, militants); negative = draw as usual.
  std::array<double, 3> fatalities{-1, -1, -1};
  int source_line = 0;
};

enum class PolicyType {
  kMediation,
  kBorderCommission,
  kEconomicCorridor,
  kPublicDiplomacy,
  kRetaliationDoctrine,
  kBorderClosure,
  kDeportation,
  kCounterInsurgency,
  kRegionalPressure,
};

/// When a policy starts: a day, or the day after a trigger: the escalation level reached a rung,
/// an armed-group attack on the actor's soil killed that many (forces and civilians), or a
/// crossing on the actor's border closed.
struct PolicyStart {
  int day = 0;
  int escalation_at_least = -100;   ///< trigger; -100 means none
  int attack_deaths_at_least = -1;  ///< trigger: an attack on the actor's soil this deadly; -1 none
  bool on_closure = false;          ///< trigger: a crossing of the actor's border closed
};

enum class RefugeeClass { kRegistered = 0, kCardHolders = 1, kUndocumented = 2 };
inline constexpr int kRefugeeClassCount = 3;

/// One phase of a deportation plan: from `start_day` the class returns at `rate_before` per day,
/// from `deadline_day` at `rate_after` per day (shares of the remaining stock).
struct DeportationPhase {
  std::string name;
  RefugeeClass target = RefugeeClass::kUndocumented;
  int start_day = 0;
  int deadline_day = 0;
  double rate_before = 0, rate_after = 0;
};

/// Days on which crossings open for returnees even while closed.
struct ScheduledOpening {
  int start_day = 0;
  int days = 0;
};

struct Policy {
  std::string name;
  PolicyType type = PolicyType::kRetaliationDoctrine;
  int actor = -1;    ///< the state applying it (where the lever has one)
  int partner = -1;  ///< the other state (border_commission, economic_corridor, public_diplomacy)
  PolicyStart start;
  // retaliation_doctrine: replaces the actor's doctrine from `start` on
  std::optional<Doctrine> doctrine;
  // border_closure: closes all crossings of the actor's border on start; reopening as operations
  int closure_min_days = 0;
  // mediation
  std::vector<int> mediators;  ///< mediator actors engaged by the policy
  int activation_level = -1;   ///< overrides theirs when >= 0
  double leverage_multiplier = 1;
  int round_interval_days = 0;  ///< overrides theirs when > 0
  bool monitoring = false;      ///< ceasefire monitoring with penalties
  // border_commission
  double hotline = 0, joint_investigation = 0, joint_patrols = 0;
  // economic_corridor
  double trade_growth_per_day = 0, max_trade_multiplier = 1, interdependence = 1,
         hardship_relief = 0;
  // public_diplomacy
  double hostility_decay_bonus = 0, legitimacy_gain_per_day = 0;
  // deportation (actor = host state, partner = origin state)
  std::vector<DeportationPhase> phases;
  std::vector<ScheduledOpening> openings;
  // counter_insurgency
  std::vector<int> districts;
  double security_increase = 0, operations_multiplier = 1;
  // regional_pressure (actor = host state under pressure)
  double pressure = 0;
};

/// Refugees of `origin` hosted by `host` at the start of the run, by class.
struct RefugeePopulation {
  int host = -1, origin = -1;  ///< actor indices (states)
  std::array<double, kRefugeeClassCount> stock{};
  double voluntary_return_rate = 0;  ///< share returning per day without a deportation phase
};

/// Scenario-wide parameters of armed-group cells and sanctuary (model layer 2).
struct InsurgencyParams {
  double base_rate = 0;  ///< attacks per cell-day at reference strength
  double reference_fighters = 0;
  double strength_exponent = 0;     ///< gamma
  double sanctuary_bonus = 0;       ///< hazard x (1 + bonus * sigma) for cells on the host's soil
  double ci_effect = 0;             ///< CI pressure = 1 - exp(-ci_effect * security_presence)
  double ceasefire_effect = 0;      ///< hazard x (1 - effect) under a host-target ceasefire; < 1
  double attack_range_km = 0;       ///< target weights fall as exp(-distance / range)
  double operations_loss_rate = 0;  ///< share of fighters lost per day at CI pressure 1
  double recruit_rate = 0;          ///< fighters recruited per active citizen per day
  double split_fighters = 0;        ///< a cell larger than this splits in two
  double min_fighters = 0;          ///< a cell smaller than this dissolves
  int max_cells = 0;                ///< cells per group at most
  double sigma_affinity_rate = 0;   ///< daily pull of sigma toward the host's affinity
  double sigma_coercion = 0;        ///< sigma lost per hostile act (rung >= 6) by the target state
  double sigma_regional = 0;        ///< sigma lost per unit of regional pressure per day
  double sigma_promise = 0;         ///< sigma lost per round of talks the host joins
  double sigma_floor = 0;           ///< sigma never falls below this (commitment problem)
};

/// Citizens, districts and displacement (Epstein 2002, well mixed within a district).
struct PopulationParams {
  double people_per_agent = 0;      ///< sampling weight; 0 = no citizen agents
  double arrest_constant = 0;       ///< k
  double activation_threshold = 0;  ///< T
  double vision = 0;                ///< citizens a citizen sees (turns densities into counts)
  double arrest_rate = 0;           ///< share of actives arrested per day at P = 1
  int max_jail_days = 0;
  double legitimacy_recovery = 0;     ///< per day toward the district's target
  double legitimacy_harm = 0;         ///< lost per civilian death per 100,000 people
  double legitimacy_hardship = 0;     ///< lost per day per unit of hardship
  double legitimacy_security = 0;     ///< target gain per unit of added security presence
  double hardship_trade = 0;          ///< hardship per unit of trade dependence when trade stops
  double hardship_returnees = 0;      ///< hardship per unit of returnee strain
  double hardship_displacement = 0;   ///< hardship per displaced share of the population
  double displacement_per_death = 0;  ///< people displaced per violent death in the district
  double return_rate = 0;             ///< share of the displaced who return per day
  double returnee_memory_days = 0;    ///< e-folding time of the returnee strain memory
  double deport_action_boost = 1;     ///< forced-return rates x this after a deport action (rung 5)
  int deport_action_days = 0;         ///< how long that boost lasts
};

/// Rounds of talks, monitoring, and the information effect (model layer 2).
struct TalksParams {
  double join_base = 0;            ///< logit intercept of joining a round
  double join_lambda = 0;          ///< logit slope
  double agree_base = 0;           ///< P(a ceasefire) from a round both join
  double agree_leverage = 0;       ///< added per unit of mean leverage x credibility
  double info_gain = 0;            ///< share of uncertainty removed per round
  double initial_uncertainty = 0;  ///< about the other's resolve and capability, [0,1]
  double monitoring_penalty = 0;   ///< added to the violation weight under monitoring
  double incident_rate = 0;        ///< border incidents per sector-day
  double incident_clash = 0;       ///< P(an incident becomes a clash) at uncertainty 1
  double incident_intensity = 0;   ///< intensity of an incident clash
};

struct Scenario {
  int schema_version = 1;
  std::string name, description;
  Date start_date;
  int days = 0;
  std::uint64_t seed = 0;
  int free_from_day = 0;  ///< before this day states only follow scripted events
  /// Events a run records at most; later ones act on the model but are only counted
  /// (RunResult::events_dropped). Bounds a run's memory (docs/model.md 7.20). The loader sets it
  /// (params.cpp); scenarios built in code get the same default, not 0 (no event at all).
  std::int64_t max_events_per_run = 1'000'000;

  std::vector<Actor> actors;
  std::vector<Relation> relations;
  std::vector<District> districts;
  std::vector<Sector> sectors;
  std::vector<Crossing> crossings;
  std::vector<AttackType> attack_types;
  std::vector<ScriptedEvent> events;
  std::vector<Policy> policies;
  std::array<LadderEntry, kRungCount> ladder{};
  StrategicParams strategic;
  OperationsParams operations;
  InsurgencyParams insurgency;
  PopulationParams population;
  TalksParams talks;
  std::vector<RefugeePopulation> refugees;

  /// Every parameter as resolved (given or defaulted), by dotted path, in file order; stored in
  /// results files so that a run can be reproduced without the defaults of a later version.
  std::vector<std::pair<std::string, std::string>> resolved;

  std::string source_path;  ///< where it was read from
  std::string source_text;  ///< the YAML verbatim (stored in results)

  [[nodiscard]] int actor_index(std::string_view id) const;  ///< -1 when absent
  [[nodiscard]] std::vector<int> states() const;
  [[nodiscard]] std::vector<int> armed_groups() const;
  [[nodiscard]] std::vector<int> mediators() const;
};

}  // namespace flashpoint

namespace flashpoint {

/// The action's name in scenario files ("strike_sanctuary"), and back; nullopt when unknown.
[[nodiscard]] std::string_view action_name(Action a);
[[nodiscard]] std::optional<Action> action_from_name(std::string_view name);
[[nodiscard]] std::string_view actor_type_name(ActorType t);
[[nodiscard]] std::string_view policy_type_name(PolicyType t);
/// All policy type names in documentation order.
[[nodiscard]] std::span<const std::string_view> policy_type_names();

}  // namespace flashpoint
