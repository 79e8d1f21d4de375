#pragma once
// Policies: levers a state (or a pair of states) applies from a start day or trigger.
// Each struct is followed by the descriptor of its parameters (params.hpp): adding a parameter
// means adding the field and its row here. In-class initialisers equal the rows' defaults (a
// unit test checks it). Calibrated defaults: see docs/validation.md for the runs that chose them.
#include <array>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "scenario/params.hpp"
#include "scenario/params/actors.hpp"
#include "scenario/params/population.hpp"

namespace flashpoint {

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
  std::optional<std::vector<Doctrine>> doctrine;
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

namespace params {
inline constexpr auto kBorderClosure = param_section<Policy>(
    "border_closure", "policies[] with type: border_closure",
    {
        {"min_days", &Policy::closure_min_days, kInteger, 0, 0, 3650, "days",
         "crossings stay closed at least this long before the reopening rule applies",
         "policy lever"},
    });

inline constexpr auto kMediation = param_section<Policy>(
    "mediation", "policies[] with type: mediation",
    {
        {"activation_level", &Policy::activation_level, kInteger, -1, -1, 9, "rung",
         "overrides the mediators' activation level (-1 keeps theirs)", "policy lever"},
        {"leverage_multiplier", &Policy::leverage_multiplier, kNumber, 1, 0, 10, "-",
         "multiplies their leverage", "policy lever"},
        {"round_interval_days", &Policy::round_interval_days, kInteger, 0, 0, 365, "days",
         "overrides the days between rounds (0 keeps theirs)", "policy lever"},
        {"monitoring", &Policy::monitoring, kBoolean, 0, 0, 1, "-",
         "a monitoring mechanism with penalties for ceasefire violations", "policy lever"},
    });

inline constexpr auto kBorderCommission = param_section<Policy>(
    "border_commission", "policies[] with type: border_commission",
    {
        {"hotline", &Policy::hotline, kNumber, 0, 0, 1, "-", "P(an incident is defused)",
         "policy lever"},
        {"joint_investigation", &Policy::joint_investigation, kNumber, 0, 0, 1, "-",
         "attribution accuracy: moves blame toward the true origin of attacks", "policy lever"},
        {"joint_patrols", &Policy::joint_patrols, kNumber, 0, 0, 1, "-",
         "reduction of the incident-to-clash probability", "policy lever"},
    });

inline constexpr auto kEconomicCorridor = param_section<Policy>(
    "economic_corridor", "policies[] with type: economic_corridor",
    {
        {"trade_growth_per_day", &Policy::trade_growth_per_day, kNumber, 0, 0, 0.1, "1/day",
         "growth of trade through the crossings", "policy lever"},
        {"max_trade_multiplier", &Policy::max_trade_multiplier, kNumber, 1, 1, 100, "-",
         "trade grows at most to this multiple", "policy lever"},
        {"interdependence", &Policy::interdependence, kNumber, 1, 1, 100, "-",
         "multiplies the trade-cost term of closing crossings", "policy lever"},
        {"hardship_relief", &Policy::hardship_relief, kNumber, 0, 0, 1, "-",
         "share of district hardship removed on both sides", "policy lever"},
    });

inline constexpr auto kPublicDiplomacy = param_section<Policy>(
    "public_diplomacy", "policies[] with type: public_diplomacy",
    {
        {"hostility_decay_bonus", &Policy::hostility_decay_bonus, kNumber, 0, 0, 1, "1/day",
         "added to both states' hostility fatigue", "policy lever"},
        {"legitimacy_gain_per_day", &Policy::legitimacy_gain_per_day, kNumber, 0, 0, 0.1, "1/day",
         "rise of target legitimacy in the border districts on both sides", "policy lever"},
    });

inline constexpr auto kDeportationPhase = param_section<DeportationPhase>(
    "deportation_phase", "policies[] with type: deportation, phases[]",
    {
        {"rate_before", &DeportationPhase::rate_before, kNumber, 0, 0, 1, "1/day",
         "share of the class returning per day from the phase's start", "policy lever"},
        {"rate_after", &DeportationPhase::rate_after, kNumber, 0, 0, 1, "1/day",
         "share of the class returning per day after the deadline", "policy lever"},
    });

inline constexpr auto kCounterInsurgency = param_section<Policy>(
    "counter_insurgency", "policies[] with type: counter_insurgency",
    {
        {"security_increase", &Policy::security_increase, kNumber, 0, 0, 1, "per citizen",
         "security presence added in the policy's districts", "policy lever"},
        {"operations_multiplier", &Policy::operations_multiplier, kNumber, 1, 0, 100, "-",
         "multiplies militant losses to operations in those districts", "policy lever"},
    });

inline constexpr auto kRegionalPressure =
    param_section<Policy>("regional_pressure", "policies[] with type: regional_pressure",
                          {
                              {"pressure", &Policy::pressure, kNumber, 0, 0, 1, "1/day",
                               "pressure on the host's sanctuary tolerance", "policy lever"},
                          });
}  // namespace params

/// Whether a policy type takes an actor.
enum class PolicyNeed { kNo, kOptional, kRequired };

/// What each policy type accepts besides name, type and start: the state applying it, a partner,
/// keys read by hand, and its levers (the rows of its parameter section).
struct PolicyKind {
  PolicyType type;
  std::string_view section;               ///< section of its levers; empty when it has none
  std::span<const Param<Policy>> levers;  ///< the rows of that section
  PolicyNeed actor;                       ///< the state applying it
  bool partner;                           ///< the other state, required and distinct from `actor`
  std::array<std::string_view, 2> extra;  ///< keys read by hand; empty entries unused
};

namespace params {
inline constexpr std::array<PolicyKind, 9> kPolicyKinds{{
    {PolicyType::kMediation,
     kMediation.name,
     kMediation.rows,
     PolicyNeed::kOptional,
     false,
     {"mediators", ""}},
    {PolicyType::kBorderCommission,
     kBorderCommission.name,
     kBorderCommission.rows,
     PolicyNeed::kRequired,
     true,
     {"", ""}},
    {PolicyType::kEconomicCorridor,
     kEconomicCorridor.name,
     kEconomicCorridor.rows,
     PolicyNeed::kRequired,
     true,
     {"", ""}},
    {PolicyType::kPublicDiplomacy,
     kPublicDiplomacy.name,
     kPublicDiplomacy.rows,
     PolicyNeed::kRequired,
     true,
     {"", ""}},
    {PolicyType::kRetaliationDoctrine, "", {}, PolicyNeed::kRequired, false, {"doctrine", ""}},
    {PolicyType::kBorderClosure,
     kBorderClosure.name,
     kBorderClosure.rows,
     PolicyNeed::kRequired,
     false,
     {"", ""}},
    {PolicyType::kDeportation, "", {}, PolicyNeed::kRequired, true, {"phases", "openings"}},
    {PolicyType::kCounterInsurgency,
     kCounterInsurgency.name,
     kCounterInsurgency.rows,
     PolicyNeed::kRequired,
     false,
     {"districts", ""}},
    {PolicyType::kRegionalPressure,
     kRegionalPressure.name,
     kRegionalPressure.rows,
     PolicyNeed::kRequired,
     false,
     {"by", ""}},
}};
}  // namespace params

}  // namespace flashpoint
