#pragma once
// Parameter descriptors. Every scenario parameter is described once, by a row beside the struct
// field it fills (src/scenario/params/*.hpp and scenario.hpp): its key, the member it is stored
// in, its type, default, valid range, unit, meaning and the basis of its default (a source, a
// calibration target, an assumption, ...). The loader reads every row of a section into its
// struct; `flashpoint params` and docs/scenarios.md print the rows; parameter_table() flattens
// them in documentation order. Adding a parameter means adding the field and its row.
// docs/architecture.md ("Adding a parameter") has the recipe.
#include <array>
#include <cstddef>
#include <span>
#include <string_view>
#include <variant>
#include <vector>

namespace flashpoint {

enum class ParamType {
  kNumber,      ///< real number
  kInteger,     ///< whole number
  kBoolean,     ///< true / false
  kNumberList,  ///< list of real numbers; default_text holds the default as YAML
};

/// One row of the parameter table, without its member: what the loader checks values against and
/// what `flashpoint params` prints.
struct ParamSpec {
  std::string_view section;  ///< e.g. "state", "operations", "utility"
  std::string_view key;      ///< the YAML key inside that section
  ParamType type;
  double default_value;  ///< ignored for kNumberList and required parameters
  double min, max;       ///< inclusive valid range (each element, for lists)
  std::string_view unit;
  std::string_view doc;
  std::string_view source = {};        ///< the basis of the default (see Param::source)
  bool required = false;               ///< no default: the file must give it
  std::string_view default_text = {};  ///< for kNumberList: the default as YAML
  bool read_by_hand = false;           ///< no member: the section's reader reads it itself
};

/// The member of a descriptor row that has none: the section's reader reads the value itself (a
/// map keyed by ids, or a 64-bit value). Only the rows listed in detail::kReadByHandRows may.
struct ReadByHand {};
inline constexpr ReadByHand kReadByHand{};

/// Where a parameter is stored in its section's struct S.
template <class S>
using ParamMember =
    std::variant<ReadByHand, double S::*, int S::*, bool S::*, std::vector<double> S::*>;

/// A parameter of section struct S: written once, beside the field it fills.
template <class S>
struct Param {
  std::string_view key;  ///< the YAML key inside the section
  ParamMember<S> member;
  ParamType type;
  double default_value;  ///< ignored for kNumberList and required parameters
  double min, max;       ///< inclusive valid range (each element, for lists)
  std::string_view unit;
  std::string_view doc;
  /// Where the default comes from, starting with its kind: "source: ..." (a cited fact or
  /// literature value), "calibrated: ..." (chosen against a validation target, named),
  /// "assumption[: why]", "scenario input[: ...]" (a fact of each case that the file states),
  /// "policy lever" (a user's choice) or "resource bound[: ...]". A unit test checks every row.
  std::string_view source = {};
  bool required = false;               ///< no default: the file must give it
  std::string_view default_text = {};  ///< for kNumberList: the default as YAML

  [[nodiscard]] constexpr ParamSpec spec(std::string_view section) const {
    return {section, key,      type,         default_value,
            min,     max,      unit,         doc,
            source,  required, default_text, std::holds_alternative<ReadByHand>(member)};
  }
};

/// The parameters of one section (a YAML map read into one struct S), in documentation order.
template <class S, std::size_t N>
struct ParamSection {
  using Struct = S;
  std::string_view name;  ///< "state", "operations", ...
  std::string_view
      location;  ///< where the section lives in a file, e.g. "actors[] with type: state"
  std::array<Param<S>, N> rows;
};

/// A section from its rows: param_section<StateParams>("state", "actors[] ...", {{...}, ...}).
template <class S, std::size_t N>
[[nodiscard]] constexpr ParamSection<S, N> param_section(std::string_view name,
                                                         std::string_view location,
                                                         const Param<S> (&rows)[N]) {
  ParamSection<S, N> s{name, location, {}};
  for (std::size_t i = 0; i < N; ++i) s.rows[i] = rows[i];
  return s;
}

/// Where the descriptors live; rows are written with the short type names (kNumber, ...).
namespace params {
using enum ParamType;
inline constexpr double kBig = 1e12;
}  // namespace params

/// Every parameter, grouped by section in documentation order.
[[nodiscard]] std::span<const ParamSpec> parameter_table();

/// The row for (section, key), or nullptr.
[[nodiscard]] const ParamSpec* find_param(std::string_view section, std::string_view key);

/// Where each section lives in a scenario file, e.g. "actors[] with type: state" for "state".
[[nodiscard]] std::string_view section_location(std::string_view section);

namespace detail {
/// The only rows without a member ("section.key"): maps keyed by ids and 64-bit values, read by
/// their section's reader. A unit test checks that no other row lacks a member.
inline constexpr std::array<std::string_view, 4> kReadByHandRows = {
    "scenario.seed", "scenario.max_events_per_run", "mediator.leverage",
    "crossing.exports_usd_per_day"};
}  // namespace detail

}  // namespace flashpoint
