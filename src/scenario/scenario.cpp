#include "scenario/scenario.hpp"

#include <array>

namespace flashpoint {

namespace {
constexpr std::array<std::string_view, kActionCount> kActionNames = {
    "ceasefire",      "negotiate",      "deescalate",      "hold",           "accuse",
    "threaten",       "mobilise",       "close_crossings", "deport",         "strike_sanctuary",
    "assault_posts",  "deep_strike",    "offensive",       "exchange_fire",  "strike_military",
    "nuclear_signal", "downgrade_ties", "suspend_visas",   "close_airspace", "financial_pressure",
    "suspend_treaty"};
constexpr std::array<std::string_view, 6> kSiteKindNames = {
    "air_base", "military_base", "headquarters", "militant_camp", "city", "infrastructure"};
constexpr std::array<std::string_view, 9> kPolicyNames = {
    "mediation",        "border_commission",    "economic_corridor",
    "public_diplomacy", "retaliation_doctrine", "border_closure",
    "deportation",      "counter_insurgency",   "regional_pressure"};
}  // namespace

std::string_view action_name(Action a) {
  return kActionNames[static_cast<std::size_t>(action_index(a))];
}

std::optional<Action> action_from_name(std::string_view name) {
  for (int i = 0; i < kActionCount; ++i) {
    if (kActionNames[static_cast<std::size_t>(i)] == name) return static_cast<Action>(i);
  }
  return std::nullopt;
}

std::string_view site_kind_name(SiteKind k) {
  return kSiteKindNames[static_cast<std::size_t>(k)];
}

std::optional<SiteKind> site_kind_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kSiteKindNames.size(); ++i) {
    if (kSiteKindNames[i] == name) return static_cast<SiteKind>(i);
  }
  return std::nullopt;
}

std::vector<std::string> site_kind_names() {
  return {kSiteKindNames.begin(), kSiteKindNames.end()};
}

std::string_view actor_type_name(ActorType t) {
  switch (t) {
    case ActorType::kState:
      return "state";
    case ActorType::kArmedGroup:
      return "armed_group";
    case ActorType::kMediator:
      return "mediator";
  }
  return "?";
}

std::string_view policy_type_name(PolicyType t) {
  return kPolicyNames[static_cast<int>(t)];
}
std::span<const std::string_view> policy_type_names() {
  return kPolicyNames;
}

int Scenario::actor_index(std::string_view id) const {
  for (std::size_t i = 0; i < actors.size(); ++i) {
    if (actors[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

namespace {
std::vector<int> actors_of(const std::vector<Actor>& actors, ActorType type) {
  std::vector<int> out;
  for (std::size_t i = 0; i < actors.size(); ++i) {
    if (actors[i].type == type) out.push_back(static_cast<int>(i));
  }
  return out;
}
}  // namespace

std::vector<int> Scenario::states() const {
  return actors_of(actors, ActorType::kState);
}
std::vector<int> Scenario::armed_groups() const {
  return actors_of(actors, ActorType::kArmedGroup);
}
std::vector<int> Scenario::mediators() const {
  return actors_of(actors, ActorType::kMediator);
}

}  // namespace flashpoint
