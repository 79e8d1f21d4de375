#pragma once
// The parameter table: the one place where every scenario parameter's default, unit, valid range
// and meaning are written. The loader takes defaults and ranges from here; `flashpoint params`
// and docs/scenarios.md print it. Adding a parameter means adding a row here.
#include <span>
#include <string_view>

namespace flashpoint {

enum class ParamType {
  kNumber,      ///< real number
  kInteger,     ///< whole number
  kBoolean,     ///< true / false
  kNumberList,  ///< list of real numbers; default_text holds the default as YAML
};

struct ParamSpec {
  std::string_view section;  ///< e.g. "state", "operations", "utility"
  std::string_view key;      ///< the YAML key inside that section
  ParamType type;
  double default_value;  ///< ignored for kNumberList and required parameters
  double min, max;       ///< inclusive valid range (each element, for lists)
  std::string_view unit;
  std::string_view doc;
  bool required = false;               ///< no default: the file must give it
  std::string_view default_text = {};  ///< for kNumberList: the default as YAML
};

/// Every parameter, grouped by section in documentation order.
[[nodiscard]] std::span<const ParamSpec> parameter_table();

/// The row for (section, key), or nullptr.
[[nodiscard]] const ParamSpec* find_param(std::string_view section, std::string_view key);

/// Where each section lives in a scenario file, e.g. "actors[type=state]" for "state".
[[nodiscard]] std::string_view section_location(std::string_view section);

}  // namespace flashpoint
