#include "scenario/params.hpp"

#include <vector>

#include "scenario/scenario.hpp"

namespace flashpoint {

namespace {

struct Table {
  std::vector<ParamSpec> rows;
  std::vector<std::pair<std::string_view, std::string_view>> locations;  ///< (section, location)

  template <class S, std::size_t N>
  Table& add(const ParamSection<S, N>& section) {
    for (const auto& row : section.rows) rows.push_back(row.spec(section.name));
    locations.emplace_back(section.name, section.location);
    return *this;
  }
};

// The sections in documentation order (docs/scenarios.md, `flashpoint params`). A new section is
// added here; a new parameter only to its section's descriptor.
const Table& table() {
  static const Table t = [] {
    Table out;
    using namespace params;
    out.add(kScenario).add(kState).add(kDoctrine).add(kArmedGroup).add(kCell).add(kMediator);
    out.add(kRelation).add(kDistrict).add(kSector).add(kPosts).add(kCrossing);
    out.add(kStrategic).add(kUtility).add(kOperations).add(kInsurgency).add(kPopulation);
    out.add(kTalks).add(kCoercion).add(kRefugees).add(kAttackType).add(kLadder).add(kEvent);
    out.add(kBorderClosure).add(kMediation).add(kBorderCommission).add(kEconomicCorridor);
    out.add(kPublicDiplomacy).add(kDeportationPhase).add(kCounterInsurgency);
    out.add(kRegionalPressure);
    return out;
  }();
  return t;
}

}  // namespace

std::span<const ParamSpec> parameter_table() {
  return table().rows;
}

const ParamSpec* find_param(std::string_view section, std::string_view key) {
  for (const auto& p : table().rows) {
    if (p.section == section && p.key == key) return &p;
  }
  return nullptr;
}

std::string_view section_location(std::string_view section) {
  for (const auto& [name, location] : table().locations) {
    if (name == section) return location;
  }
  return section;
}

}  // namespace flashpoint
