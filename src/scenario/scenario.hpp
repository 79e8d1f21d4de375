#pragma once
// The validated scenario: what the engine reads, and nothing else.
//
// The loader (src/scenario/loader*.cpp) fills these plain structs from YAML, taking every default,
// unit and range from the parameter descriptors written beside each struct (params.hpp: the
// sections live in src/scenario/params/*.hpp, the top level, ladder and events here), checks
// them, resolves every reference to an index, and hands the engine a `const Scenario`. Nothing here
// names a country: actors, places and dates all come from scenario files.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/date.hpp"
#include "scenario/params.hpp"
#include "scenario/params/actors.hpp"
#include "scenario/params/coercion.hpp"
#include "scenario/params/geography.hpp"
#include "scenario/params/insurgency.hpp"
#include "scenario/params/operations.hpp"
#include "scenario/params/policies.hpp"
#include "scenario/params/population.hpp"
#include "scenario/params/strategic.hpp"
#include "scenario/params/talks.hpp"

namespace flashpoint {

enum class ActorType { kState, kArmedGroup, kMediator };

/// Actions of the escalation ladder (docs/model.md, "The escalation ladder"). The value is the
/// action's index; its place on the ladder is rung(a). The thirteen reference actions come first,
/// one per rung from -3 to 9 (MODEL.md's menu); actions added since share a rung with one of them
/// (the choice rule picks a rung, then an action of that rung: docs/model.md 7.4).
enum class Action : int {
  kCeasefire,
  kNegotiate,
  kDeescalate,
  kHold,
  kAccuse,
  kThreaten,
  kMobilise,
  kCloseCrossings,
  kDeport,
  kStrikeSanctuary,
  kAssaultPosts,
  kDeepStrike,
  kOffensive,
  kExchangeFire,    ///< rung 6: fire across the line from the posts, no assault (issue 15)
  kStrikeMilitary,  ///< rung 7: a strike on military targets (issue 15)
  kNuclearSignal,  ///< rung 2: a nuclear-armed state's signal (statement, test; docs/model.md 7.23)
  // Non-military coercion (issue 15): measures kept in force until lifted (docs/model.md 7.22).
  kDowngradeTies,      ///< rung 2: envoys recalled, diplomats expelled (161)
  kSuspendVisas,       ///< rung 2: visas for the other's nationals suspended (160)
  kCloseAirspace,      ///< rung 4: airspace closed to the other's aircraft (191)
  kFinancialPressure,  ///< rung 4: trade status withdrawn, prohibitive duties (163)
  kSuspendTreaty,      ///< rung 4: a treaty held in abeyance, e.g. water sharing (163)
};
inline constexpr int kMinRung = -3;
inline constexpr int kMaxRung = 9;
inline constexpr int kRungCount = kMaxRung - kMinRung + 1;
inline constexpr int kActionCount = 21;
/// The rung of each action, by index.
inline constexpr std::array<int, kActionCount> kActionRungs = {-3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7,
                                                               8,  9,  6,  7, 2, 2, 2, 4, 4, 4};
[[nodiscard]] constexpr int action_index(Action a) {
  return static_cast<int>(a);
}
/// An action's rung (its place on the ladder, -3..9).
[[nodiscard]] constexpr int rung(Action a) {
  return kActionRungs[static_cast<std::size_t>(action_index(a))];
}
/// The reference action of a rung (MODEL.md's menu): the first action on it.
[[nodiscard]] constexpr Action reference_action(int r) {
  for (int k = 0; k < kActionCount; ++k) {
    if (kActionRungs[static_cast<std::size_t>(k)] == r) return static_cast<Action>(k);
  }
  return Action::kHold;
}
/// All actions, in index order.
[[nodiscard]] constexpr std::array<Action, kActionCount> all_actions() {
  std::array<Action, kActionCount> a{};
  for (int k = 0; k < kActionCount; ++k) a[static_cast<std::size_t>(k)] = static_cast<Action>(k);
  return a;
}
/// The measures of non-military coercion: kMeasureCount actions from downgrade_ties on.
inline constexpr int kMeasureCount = 5;
[[nodiscard]] constexpr bool is_measure(Action a) {
  return action_index(a) >= action_index(Action::kDowngradeTies) &&
         action_index(a) < action_index(Action::kDowngradeTies) + kMeasureCount;
}
/// A measure's place among the measures (0..kMeasureCount-1); the bit of StateParams::measures.
[[nodiscard]] constexpr int measure_index(Action a) {
  return action_index(a) - action_index(Action::kDowngradeTies);
}
[[nodiscard]] constexpr Action measure_action(int m) {
  return static_cast<Action>(action_index(Action::kDowngradeTies) + m);
}
/// Does the state hold measure `a` (its `measures` list names it)?
[[nodiscard]] constexpr bool holds_measure(const StateParams& s, Action a) {
  return is_measure(a) && (s.measures & (1U << static_cast<unsigned>(measure_index(a)))) != 0;
}
/// The action a doctrine favours: the one it names, else the first action of its rung.
[[nodiscard]] inline Action doctrine_action(const Doctrine& d) {
  return d.action >= 0 ? static_cast<Action>(d.action) : reference_action(d.rung);
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

struct Actor {
  std::string id;
  std::string name;
  ActorType type = ActorType::kState;
  StateParams state;             ///< meaningful when type == kState
  ArmedGroupParams armed_group;  ///< meaningful when type == kArmedGroup
  MediatorParams mediator;       ///< meaningful when type == kMediator
};

/// Per-action adjustments of the reference ladder.
struct LadderEntry {
  bool enabled = true;
  double bias = 0;  ///< added to the action's utility
};

namespace params {
inline constexpr auto kLadder = param_section<LadderEntry>(
    "ladder", "ladder.<action>",
    {
        {"enabled", &LadderEntry::enabled, kBoolean, 1, 0, 1, "-", "the action is on the menu",
         "scenario input: the file's choice of menu"},
        {"bias", &LadderEntry::bias, kNumber, 0, -10, 10, "utility",
         "added to the action's utility", "scenario input: the file's choice"},
    });
}  // namespace params

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

/// The fatalities of a scripted attack as named in the file (ScriptedEvent keeps them in an
/// array); no default: an attack without them draws its fatalities.
struct EventFatalities {
  double forces = 0, civilians = 0, militants = 0;
};

namespace params {
inline constexpr auto kEvent = param_section<EventFatalities>(
    "event", "events[].fatalities",
    {
        {"forces", &EventFatalities::forces, kNumber, 0, 0, 1e6, "deaths",
         "scripted attack: security-force deaths", "scenario input"},
        {"civilians", &EventFatalities::civilians, kNumber, 0, 0, 1e6, "deaths",
         "scripted attack: civilian deaths", "scenario input"},
        {"militants", &EventFatalities::militants, kNumber, 0, 0, 1e6, "deaths",
         "scripted attack: militant deaths", "scenario input"},
    });
}  // namespace params

/// An item of a scenario's observed record (`record`, issue 15): a dated event the runs are
/// checked against (an action of `actor` toward `target`), or an observed figure of a per-run
/// outcome (`outcome`, e.g. "fatalities_total[IND.forces]", with its `value`). `flashpoint run`
/// scores the runs against it and `fp-plot fan` overlays it (docs/scenarios.md, `record`).
struct RecordItem {
  int day = 0;               ///< day index of the event, or of the figure (its date, for plots)
  int actor = -1;            ///< actor index; -1 for a figure
  int target = -1;           ///< actor index; -1: toward anyone
  int action = -1;           ///< action_index; -1 for a figure
  int within_days = 3;       ///< an event matches a run's action within this many days either way
  std::string outcome;       ///< a figure: the outcome's name, as `run` prints it
  double value = 0;          ///< a figure: the observed value
  std::string note;          ///< what it was (free text)
  int line = 0, column = 0;  ///< where the item is in the file (1-based), for messages
  [[nodiscard]] bool is_event() const { return action >= 0; }
};

struct Scenario {
  int schema_version = 1;
  std::string name, description;
  Date start_date;
  int days = 0;
  std::uint64_t seed = 0;  ///< the loader sets it (row default 1); 0 in scenarios built in code
  int free_from_day = 0;   ///< before this day states only follow scripted events
  /// Events a run records at most; later ones act on the model but are only counted
  /// (RunResult::events_dropped). Bounds a run's memory (docs/model.md 7.20). The loader sets it
  /// (params::kScenario); scenarios built in code get the same default, not 0 (no event at all).
  std::int64_t max_events_per_run = 1'000'000;

  std::vector<Actor> actors;
  std::vector<Relation> relations;
  std::vector<District> districts;
  std::vector<Sector> sectors;
  std::vector<Crossing> crossings;
  std::vector<Site> sites;  ///< places strikes can hit (optional)
  std::vector<AttackType> attack_types;
  std::vector<ScriptedEvent> events;
  std::vector<RecordItem> record;  ///< the observed record (optional)
  std::vector<Policy> policies;
  std::array<LadderEntry, kActionCount> ladder{};  ///< by action_index
  StrategicParams strategic;
  OperationsParams operations;
  InsurgencyParams insurgency;
  PopulationParams population;
  TalksParams talks;
  CoercionParams coercion;
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

namespace params {
// seed: a 64-bit value; max_events_per_run: a resource bound, not a calibrated value
// (docs/model.md 7.20): the seed scenarios record 250-2,800 events a run (7-8 a day), so 1e6
// keeps 100-year runs of them whole, while a flood of cell attacks (docs/reliability.md,
// "Resource bounds") stops growing the table at about 184 MB (184 bytes an event). 1e7 is about
// 1.8 GB a run. Both are read by read_top_scalars.
inline constexpr auto kScenario = param_section<Scenario>(
    "scenario", "top level",
    {
        {"days", &Scenario::days, kInteger, 0, 1, 36500, "days", "length of the run",
         "scenario input", true},
        {"seed", kReadByHand, kInteger, 1, 0, 9.0e15, "-", "master seed (run seeds derive from it)",
         "scenario input: any value; it fixes the runs, not the model"},
        {"max_events_per_run", kReadByHand, kInteger, 1.0e6, 0, 1.0e7, "events",
         "events a run records at most; later events still act but are counted in events_dropped "
         "instead of recorded",
         "resource bound: keeps 100-year runs of the seeds whole"},
    });
}  // namespace params

}  // namespace flashpoint

namespace flashpoint {

/// The action's name in scenario files ("strike_sanctuary"), and back; nullopt when unknown.
[[nodiscard]] std::string_view action_name(Action a);
[[nodiscard]] std::optional<Action> action_from_name(std::string_view name);
[[nodiscard]] std::string_view actor_type_name(ActorType t);
/// A site kind's name in scenario files ("air_base"), and back; nullopt when unknown.
[[nodiscard]] std::string_view site_kind_name(SiteKind k);
[[nodiscard]] std::optional<SiteKind> site_kind_from_name(std::string_view name);
[[nodiscard]] std::vector<std::string> site_kind_names();
[[nodiscard]] std::string_view policy_type_name(PolicyType t);
/// All policy type names in documentation order.
[[nodiscard]] std::span<const std::string_view> policy_type_names();

}  // namespace flashpoint
