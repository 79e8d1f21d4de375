#pragma once
// ACLED's event types and sub-event types (the 6 types and 25 sub-types of the ACLED codebook), so
// that simulated events can be set beside ACLED data. Plain data, no I/O.
#include <array>
#include <string_view>

namespace flashpoint {

struct AcledSubEventType {
  std::string_view sub_event_type;
  std::string_view event_type;
};

inline constexpr std::array<AcledSubEventType, 25> kAcledSubEventTypes = {{
    {"Armed clash", "Battles"},
    {"Government regains territory", "Battles"},
    {"Non-state actor overtakes territory", "Battles"},
    {"Chemical weapon", "Explosions/Remote violence"},
    {"Air/drone strike", "Explosions/Remote violence"},
    {"Suicide bomb", "Explosions/Remote violence"},
    {"Shelling/artillery/missile attack", "Explosions/Remote violence"},
    {"Remote explosive/landmine/IED", "Explosions/Remote violence"},
    {"Grenade", "Explosions/Remote violence"},
    {"Sexual violence", "Violence against civilians"},
    {"Attack", "Violence against civilians"},
    {"Abduction/forced disappearance", "Violence against civilians"},
    {"Peaceful protest", "Protests"},
    {"Protest with intervention", "Protests"},
    {"Excessive force against protesters", "Protests"},
    {"Violent demonstration", "Riots"},
    {"Mob violence", "Riots"},
    {"Agreement", "Strategic developments"},
    {"Arrests", "Strategic developments"},
    {"Change to group/activity", "Strategic developments"},
    {"Disrupted weapons use", "Strategic developments"},
    {"Headquarters or base established", "Strategic developments"},
    {"Looting/property destruction", "Strategic developments"},
    {"Non-violent transfer of territory", "Strategic developments"},
    {"Other", "Strategic developments"},
}};

/// The event type of an ACLED sub-event type; empty when the name is not one of the 25.
[[nodiscard]] constexpr std::string_view acled_event_type(std::string_view sub_event_type) {
  for (const auto& t : kAcledSubEventTypes) {
    if (t.sub_event_type == sub_event_type) return t.event_type;
  }
  return {};
}

}  // namespace flashpoint
