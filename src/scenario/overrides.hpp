#pragma once
// Internal to the loader (src/scenario only): where problems go, how list items are named in
// dotted paths, and how `--set path=value` overrides are applied to the YAML tree.
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "core/error.hpp"
#include "scenario/loader.hpp"

namespace flashpoint::loader_detail {

/// Collects problems. A problem whose key lies at or under a path set by an override names the
/// override ("--set TEXT", no line) instead of a position in the file.
class Diagnostics {
 public:
  explicit Diagnostics(std::string file) : file_(std::move(file)) {}

  /// The subtree at canonical `path` was set by override `o`.
  void mark_overridden(std::string path, const Override& o);
  /// A problem about `key`, located at `mark` (0-based yaml-cpp mark) unless an override set it.
  void report(const YAML::Mark& mark, std::string key, std::string message);
  /// A problem that belongs to override `o` whatever its key: located where the override was
  /// written when it has an origin, else named "--set TEXT".
  void report_override(const Override& o, std::string key, std::string message);
  /// A problem with the file as a whole: no line, no key.
  void report_file(std::string message);

  [[nodiscard]] bool empty() const { return problems_.empty(); }
  [[nodiscard]] const std::string& file() const { return file_; }
  /// The problems, overrides first, then in file order.
  [[nodiscard]] std::vector<Problem> take_sorted();

 private:
  std::string file_;
  std::vector<std::pair<std::string, Override>> overridden_;  ///< (path, override)
  std::vector<Problem> problems_;
};

/// Letters, then letters, digits or '_': the form of every id (they appear in dotted paths).
[[nodiscard]] bool is_identifier(std::string_view text);

/// The first control character of `text` (bytes 0x00-0x1f and 0x7f) and its position, if any:
/// names may not hold them.
[[nodiscard]] std::optional<std::pair<char, std::size_t>> control_character(std::string_view text);

/// The key that names the items of the list at `list_path` ("id"; "name" for policies and
/// deportation phases), or empty for lists whose items are named by index (relations, events,
/// refugees, posts, cells, openings).
[[nodiscard]] std::string_view item_name_key(std::string_view list_path);

/// Canonical path of item `index` of the list at `list_path`: "actors.NTH" when the item has a
/// valid id, else "events[3]".
[[nodiscard]] std::string item_path(std::string_view list_path, const YAML::Node& item,
                                    std::size_t index);

/// "a.b" (or "b" when `path` is empty).
[[nodiscard]] std::string join_path(std::string_view path, std::string_view key);

/// The candidate closest to `given` when it is close enough to be a likely misspelling.
[[nodiscard]] std::optional<std::string> closest_match(std::string_view given,
                                                       std::span<const std::string> candidates);

/// "; did you mean 'x'?" or "; valid KIND: a, b, c" (shortened when long).
[[nodiscard]] std::string suggestion(std::string_view given,
                                     std::span<const std::string> candidates,
                                     std::string_view kind);

/// The whole file at `path`; InputError (no line) when it is missing, a folder or unreadable.
[[nodiscard]] std::string read_text_file(const std::string& path);

/// Reports the first byte that makes `text` binary rather than UTF-8 text (a control byte or
/// invalid UTF-8) at its line and column, saying that `what` ("a scenario") is UTF-8 YAML text.
/// Returns false when it reported one.
[[nodiscard]] bool check_is_text(std::string_view text, Diagnostics& diag, std::string_view what);

/// Applies the overrides to `root` in order; problems (unparsable value, path that does not
/// exist) go to `diag`, and every path set is marked as overridden there.
void apply_overrides(YAML::Node& root, std::span<const Override> overrides, Diagnostics& diag);

}  // namespace flashpoint::loader_detail
