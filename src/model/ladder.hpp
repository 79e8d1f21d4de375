#pragma once
// The escalation ladder's event coding: for each rung, the CAMEO codes that stand for it, their
// Goldstein scores and quad classes (docs/model.md, "The escalation ladder"). CAMEO codes are
// strings: "0871" is not 871.
#include <span>
#include <string_view>

#include "scenario/scenario.hpp"

namespace flashpoint {

/// One CAMEO coding of an action.
struct CameoCode {
  std::string_view code;
  double goldstein;
  double weight;  ///< relative frequency among the rung's variants
};

/// The CAMEO variants of a rung (empty for hold).
[[nodiscard]] std::span<const CameoCode> cameo_variants(Action a);

/// Quad class of a CAMEO code from its two-digit root: 01-05 verbal cooperation (1), 06-08
/// material cooperation (2), 09-13 verbal conflict (3), 14-20 material conflict (4).
[[nodiscard]] int quad_class(std::string_view cameo);

/// ACLED sub-event type of an event coded `cameo` when the model does not set one itself (armed
/// -group attacks take theirs from the attack type); empty for events ACLED does not code.
[[nodiscard]] std::string_view acled_sub_event_type_for(std::string_view cameo);

/// Codes of events that are not ladder actions.
namespace cameo {
inline constexpr CameoCode kMediate{"045", 5.0, 1};
inline constexpr CameoCode kEaseBlockade{"0872", 9.0, 1};
inline constexpr CameoCode kViolateCeasefire{"196", -9.5, 1};
inline constexpr CameoCode kOccupy{"192", -9.5, 1};
inline constexpr CameoCode kArmedGroupAttack{"180", -9.0, 1};    ///< unconventional violence
inline constexpr CameoCode kCounterInsurgency{"190", -10.0, 1};  ///< conventional force, operations
inline constexpr CameoCode kIncidentClash{"193", -10.0, 1};      ///< small arms at the posts
/// Air defence brings down an aircraft or drone of a strike (conventional force, by the defender).
inline constexpr CameoCode kAirDefence{"190", -10.0, 1};
/// A contact over the militaries' channel (discuss by telephone).
inline constexpr CameoCode kPhoneCall{"041", 1.0, 1};
inline constexpr CameoCode kHandBack{"0874", 10.0, 1};  ///< retreat: a captured post handed back
/// A measure lifted (docs/model.md 7.22): ease administrative sanctions (diplomatic ties, visas,
/// airspace) or economic sanctions (trade, treaty); the root's score (08 yield, +5).
inline constexpr CameoCode kEaseAdministrative{"081", 5.0, 1};
inline constexpr CameoCode kEaseEconomic{"085", 5.0, 1};
}  // namespace cameo

}  // namespace flashpoint
