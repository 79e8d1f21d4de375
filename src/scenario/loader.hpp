#pragma once
// Reading a scenario file: YAML -> validated `Scenario` (docs/scenarios.md).
//
// The loader takes every default and range from the parameter descriptors (params.hpp), resolves
// every reference to an index and reports every problem it finds, each located at a file, line,
// column and dotted key, in one InputError. Command-line overrides (`--set path=value`) are applied
// to the YAML tree before validation, and problems about overridden values name the override.
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/scenario.hpp"

namespace flashpoint {

/// One `--set path=value` override, as typed on the command line.
struct Override {
  std::string path;   ///< dotted path, e.g. "actors.NTH.capability" or "relations[0].reaction"
  std::string value;  ///< YAML scalar or flow node, e.g. "0.7" or "{enabled: false}"
  std::string text;   ///< "path=value" as typed, used to name the override in problems
  /// When set, `path` names a top-level list and the value (one item) is appended to it; used by
  /// comparison files to add policies to a scenario.
  bool append = false;
  /// Where the override was written when it comes from a file (a sweep or comparison file):
  /// problems about it are located there ("FILE:LINE:COL") instead of naming "--set TEXT".
  std::string origin_file;
  int origin_line = 0, origin_column = 0;  ///< 1-based; 0 when unknown
};

/// Splits "a.b.c=value" at the first '='. Throws InputError (file "--set TEXT") when there is no
/// '=', the path is empty, or a path segment is empty.
[[nodiscard]] Override parse_override(std::string_view text);

/// Reads, overrides and validates the scenario file at `path`. Throws InputError with every
/// problem found (including a missing or unreadable file).
[[nodiscard]] Scenario load_scenario(const std::string& path,
                                     std::span<const Override> overrides = {});

/// As load_scenario, from YAML text; `display_name` stands for the file in problems and becomes
/// Scenario::source_path.
[[nodiscard]] Scenario load_scenario_text(std::string_view yaml, const std::string& display_name,
                                          std::span<const Override> overrides = {});

/// A scenario file read once, from which variants (sweep points, policy options) are made by
/// applying overrides to its YAML tree (the typed variants of variant.hpp start from one of them).
/// Copies share the text; instantiate() may be called from several threads at once.
class ScenarioSource {
 public:
  /// Reads and parses the file at `path`; throws InputError when it cannot be read or is not
  /// YAML. The scenario itself is validated by instantiate().
  [[nodiscard]] static ScenarioSource from_file(const std::string& path);
  /// As from_file, from text.
  [[nodiscard]] static ScenarioSource from_text(std::string_view yaml,
                                                const std::string& display_name);
  /// The scenario with `overrides` applied, validated; throws InputError. `top_keys`, when
  /// given, receives the top-level keys of the tree read, in order: what Scenario::resolved is
  /// ordered by, kept by the typed variants made from this scenario (variant.hpp).
  [[nodiscard]] Scenario instantiate(std::span<const Override> overrides = {},
                                     std::vector<std::string>* top_keys = nullptr) const;
  [[nodiscard]] const std::string& path() const;
  [[nodiscard]] const std::string& text() const;

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
};

}  // namespace flashpoint
