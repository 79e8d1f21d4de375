#pragma once
// Internal to the scenario loader (src/scenario/loader*.cpp): the pieces its files share. The
// Loader reads a scenario tree section by section: loader.cpp (top level, strategic sections,
// ladder, public API), loader_values.cpp (typed values, parameters, references),
// loader_actors.cpp (actors, doctrines, relations, cells), loader_geography.cpp (districts,
// sectors, posts, crossings), loader_events.cpp (attack types, scripted events, refugees) and
// loader_policies.cpp (policies). Parameters are read through their descriptors (params.hpp).
#include <algorithm>
#include <cstddef>
#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "core/date.hpp"
#include "scenario/overrides.hpp"
#include "scenario/params.hpp"
#include "scenario/scenario.hpp"

namespace flashpoint::loader_detail {

/// Longest id accepted (results files store ids in fixed-width fields).
inline constexpr std::size_t kMaxIdLength = 32;

// ------------------------------------------------------------------------------------------------
// Small helpers over YAML nodes (loader_values.cpp).

/// One `key: value` pair of a map; both nodes are kept for their marks.
struct Entry {
  YAML::Node key;
  YAML::Node value;
};

/// Where a problem about a value points: the value, or its key when the value is empty.
[[nodiscard]] YAML::Mark value_mark(const Entry& e);
/// How a node is quoted back to the user in "got ..." messages.
[[nodiscard]] std::string describe(const YAML::Node& node);
/// A scalar written in quotes is a string to YAML, even when it looks like a number.
[[nodiscard]] bool is_quoted(const YAML::Node& node);
[[nodiscard]] std::optional<double> parse_number(std::string_view s);
/// Why a scalar written as a number is not a usable one (" (not a number)", ...); empty when it
/// is not written as a number at all.
[[nodiscard]] std::string_view not_finite_reason(std::string_view s, bool whole);
/// The reason given for a number too close to zero for a double.
extern const std::string_view kUnderflow;
/// "a, b, c".
[[nodiscard]] std::string join(std::span<const std::string> items);
/// `extra`, then the keys of the descriptor section `section`.
[[nodiscard]] std::vector<std::string> section_keys(
    std::string_view section, std::initializer_list<std::string_view> extra = {});
/// The actions' names in rung order, with or without "hold".
[[nodiscard]] std::vector<std::string> action_names(bool with_hold);
/// The row for (section, key); throws std::logic_error when there is none.
[[nodiscard]] const ParamSpec& spec(std::string_view section, std::string_view key);

/// A parameter's value: a number (also integers and booleans, as 0/1) or a list of numbers.
struct Value {
  double x = 0;
  std::vector<double> list;
};

/// The value as recorded in Scenario::resolved.
[[nodiscard]] std::string value_text(const ParamSpec& p, const Value& v);
/// The row's default as a value.
[[nodiscard]] Value default_value(const ParamSpec& p);

/// Stores `v` in the member of `out` that a descriptor row names.
template <class S>
void assign(S& out, const ParamMember<S>& member, const Value& v) {
  std::visit(
      [&](auto ptr) {
        if constexpr (!std::is_same_v<decltype(ptr), ReadByHand>) {
          using T = std::remove_reference_t<decltype(out.*ptr)>;
          if constexpr (std::is_same_v<T, double>) {
            out.*ptr = v.x;
          } else if constexpr (std::is_same_v<T, int>) {
            out.*ptr = static_cast<int>(v.x);
          } else if constexpr (std::is_same_v<T, bool>) {
            out.*ptr = v.x != 0;
          } else {
            out.*ptr = v.list;
          }
        }
      },
      member);
}

// ------------------------------------------------------------------------------------------------
// A map of the file being read, with its canonical path. An absent or empty (null) map reads as
// a map with no keys, so that every parameter takes its default.
class Map {
 public:
  Map(Diagnostics& diag, const YAML::Node& node, std::string path, YAML::Mark mark)
      : diag_(&diag), path_(std::move(path)), mark_(mark) {
    if (!node || node.IsNull()) return;
    if (!node.IsMap()) {
      diag.report(mark, path_, fmt::format("expected a map, got {}", describe(node)));
      return;
    }
    node_.reset(node);
    for (const auto& kv : node) entries_.push_back(Entry{kv.first, kv.second});
  }
  Map(Diagnostics& diag, const Entry* entry, std::string path, YAML::Mark fallback)
      : Map(diag, entry ? entry->value : YAML::Node(), std::move(path),
            entry ? value_mark(*entry) : fallback) {}

  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] std::string key_path(std::string_view key) const { return join_path(path_, key); }
  [[nodiscard]] YAML::Mark mark() const { return mark_; }
  [[nodiscard]] const std::vector<Entry>& entries() const { return entries_; }
  [[nodiscard]] bool is_map() const { return node_.IsDefined() && node_.IsMap(); }

  [[nodiscard]] const Entry* find(std::string_view key) const {
    for (const auto& e : entries_) {
      if (e.key.IsScalar() && e.key.Scalar() == key) return &e;
    }
    return nullptr;
  }

  /// Reports keys outside `allowed` (`hint` may explain where a key belongs instead),
  /// non-scalar keys and repeated keys.
  void check_keys(std::span<const std::string> allowed,
                  const std::function<std::string(std::string_view)>& hint = {}) const {
    allowed_.assign(allowed.begin(), allowed.end());
    check_duplicates();
    for (const auto& e : entries_) {
      if (!e.key.IsScalar()) continue;
      const std::string& k = e.key.Scalar();
      if (std::find(allowed.begin(), allowed.end(), k) != allowed.end()) continue;
      std::string extra = hint ? hint(k) : std::string();
      // `{name: Kech (Turbat, Mand), ...}`: the comma ended the value and "Mand)" became a key
      // without a value.
      if (extra.empty() && e.value.IsNull() && node_.Style() == YAML::EmitterStyle::Flow) {
        extra =
            "; in a {...} map a comma ends a value: put a value that holds a comma in quotes "
            "(name: \"a, b\")";
      }
      if (extra.empty()) extra = suggestion(k, allowed, "keys here");
      diag_->report(e.key.Mark(), key_path(k), fmt::format("unknown key '{}'{}", k, extra));
    }
  }

  /// Names the keys valid here without checking them yet (so that `missing` can tell a
  /// misspelt key from an absent one before check_keys runs).
  void set_allowed(std::span<const std::string> allowed) const {
    allowed_.assign(allowed.begin(), allowed.end());
  }

  /// Reports non-scalar and repeated keys (maps whose keys are ids check only this).
  void check_duplicates() const {
    for (std::size_t i = 0; i < entries_.size(); ++i) {
      const Entry& e = entries_[i];
      if (!e.key.IsScalar()) {
        diag_->report(e.key.Mark(), path_,
                      fmt::format("expected a plain key, got {}", describe(e.key)));
        continue;
      }
      for (std::size_t j = 0; j < i; ++j) {
        if (entries_[j].key.IsScalar() && entries_[j].key.Scalar() == e.key.Scalar()) {
          diag_->report(e.key.Mark(), key_path(e.key.Scalar()),
                        fmt::format("duplicate key '{}' (first given on line {})", e.key.Scalar(),
                                    entries_[j].key.Mark().line + 1));
          break;
        }
      }
    }
  }

  void missing(std::string_view key, std::string_view why = {}) const {
    // A misspelling of the key was already reported as "unknown key ...; did you mean ...?".
    for (const auto& e : entries_) {
      if (!e.key.IsScalar() || allowed_.empty() ||
          std::find(allowed_.begin(), allowed_.end(), e.key.Scalar()) != allowed_.end()) {
        continue;
      }
      if (loader_detail::closest_match(e.key.Scalar(), allowed_) == key) return;
    }
    diag_->report(mark_, key_path(key), fmt::format("missing required key '{}'{}", key, why));
  }

 private:
  Diagnostics* diag_;
  YAML::Node node_;
  std::string path_;
  YAML::Mark mark_;
  std::vector<Entry> entries_;
  mutable std::vector<std::string> allowed_;  ///< keys valid here, once check_keys has run
};

// The ids of one kind of item (actors, districts, ...), by item index; "" for items without one.
struct IdTable {
  std::string kind;  ///< "actor", "district", ...
  std::vector<std::string> ids;
  std::vector<int> lines;

  [[nodiscard]] int find(std::string_view id) const {
    if (id.empty()) return -1;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (ids[i] == id) return static_cast<int>(i);
    }
    return -1;
  }
  [[nodiscard]] std::vector<std::string> known() const {
    std::vector<std::string> out;
    for (const auto& id : ids) {
      if (!id.empty() && std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
    }
    return out;
  }
};

/// The top-level keys of a scenario tree in file order ("" for a key that is not a scalar): what
/// Scenario::resolved is ordered by (cross_checks::order_resolved).
[[nodiscard]] std::vector<std::string> top_keys(const YAML::Node& root);

// ------------------------------------------------------------------------------------------------
// Policy types (loader_policies.cpp).

/// The keys a policy of `type` accepts, and every key some policy type accepts.
[[nodiscard]] const std::vector<std::string>& policy_keys(PolicyType type);
[[nodiscard]] const std::vector<std::string>& all_policy_keys();
[[nodiscard]] const PolicyKind& policy_kind(PolicyType type);

// ------------------------------------------------------------------------------------------------
// Reads a scenario tree section by section, reporting every problem to `diag`.
class Loader {
 public:
  explicit Loader(Diagnostics& diag) : diag_(diag) {}

  Scenario read(const YAML::Node& root);

  // parameters (public for the unit tests of the descriptors)
  std::optional<Value> parse_param(const Entry& e, const ParamSpec& p, const std::string& path);
  std::optional<Value> read_param(const Map& m, const ParamSpec& p);

  /// Reads every row of `section` that has a member into `out` (rows read by hand are left to
  /// the caller), recording each value as resolved.
  template <class S, std::size_t N>
  void read_section(const Map& m, const ParamSection<S, N>& section, S& out) {
    read_rows<S>(m, section.name, section.rows, out);
  }
  template <class S>
  void read_rows(const Map& m, std::string_view section, std::span<const Param<S>> rows, S& out) {
    for (const auto& row : rows) {
      if (std::holds_alternative<ReadByHand>(row.member)) continue;  // read by the caller
      if (auto v = read_param(m, row.spec(section))) assign(out, row.member, *v);
    }
  }

  /// Every value read or defaulted so far, as Scenario::resolved.
  [[nodiscard]] const std::vector<std::pair<std::string, std::string>>& resolved() const {
    return sc_.resolved;
  }

 private:
  // typed values
  std::optional<std::string> text(const Entry& e, const std::string& path);
  std::optional<double> number(const Entry& e, const std::string& path);
  std::optional<double> whole(const Entry& e, const std::string& path);
  std::optional<bool> boolean(const Entry& e, const std::string& path);
  std::optional<Date> date(const Entry& e, const std::string& path);
  bool in_range(double v, const ParamSpec& p, YAML::Mark mark, const std::string& path);

  // ids and references
  std::string read_id(const Map& m, IdTable& table, std::string_view key = "id");
  std::optional<int> resolve(const Entry& e, const std::string& path, const IdTable& table);
  std::optional<int> actor_ref(const Map& m, std::string_view key, bool required,
                               std::optional<ActorType> want);
  bool check_actor_type(int actor, ActorType want, YAML::Mark mark, const std::string& path);
  std::vector<YAML::Node> items(const Map& m, std::string_view key);
  /// A list item as a Map; nullopt (and "expected a map, got ..." reported) when it is not one.
  std::optional<Map> item_map(const YAML::Node& item, const std::string& path);
  struct ListedId {
    int index = -1;  ///< into the id table
    Entry entry;     ///< the list item (key: the list's key)
    std::string path;
  };
  std::vector<ListedId> id_list(const Map& m, std::string_view key, const IdTable& table,
                                std::optional<ActorType> want);
  std::optional<int> day_in_run(const Entry& e, const std::string& path, bool is_date);
  std::optional<int> day_or_date(const Entry& e, const std::string& path);
  /// The day of a map that gives exactly one of `date:` and `day:`; both or neither is reported.
  std::optional<int> date_or_day_key(const Map& m);

  // sections
  void read_top_scalars(const Map& top);
  void read_ladder(const Map& top);
  void read_actors(const Map& top);
  void read_actor(const YAML::Node& node, std::size_t index);
  /// `doctrine`: a map or a list. `holder`: the state whose doctrine it is (its measures and
  /// nuclear weapons decide which actions a doctrine may favour); null when not yet known.
  std::vector<Doctrine> read_doctrines(const Map& parent, const StateParams* holder);
  Doctrine read_doctrine(const Map& m, const StateParams* holder);
  void read_reopen_demand(const Map& m, StateParams& state);
  void read_measures(const Map& m, StateParams& state);  ///< `measures`: a list of names
  void read_relations(const Map& top);
  void read_districts(const Map& top);
  void read_cells();
  void read_sectors(const Map& top);
  void read_crossings(const Map& top);
  /// closed_at_start (a state) and reopen_not_before (a day or date) of a crossing.
  void read_closure_at_start(const Map& m, const Sector* sector, Crossing& c);
  void read_sites(const Map& top);
  void read_attack_types(const Map& top);
  void read_events(const Map& top);
  void read_record(const Map& top);  ///< `record`: the observed record
  void read_event(const Map& m);
  void check_attack_types_needed(const Map& top);
  void read_refugees(const Map& top);
  void read_policies(const Map& top);
  void read_policy(const YAML::Node& node, std::size_t index);
  void read_policy_start(const Map& m, Policy& p);
  void check_citizen_count(const Map& top);
  void read_deportation(const Map& m, Policy& p);
  void read_phase(const Map& m, IdTable& names, DeportationPhase& phase);
  void read_opening(const Map& m, ScheduledOpening& opening);
  void read_ci_districts(const Map& m, Policy& p);
  void order_resolved(const YAML::Node& root);

  void record(std::string path, std::string value) {
    sc_.resolved.emplace_back(std::move(path), std::move(value));
  }

  Diagnostics& diag_;
  Scenario sc_;
  bool have_start_ = false, have_days_ = false;
  IdTable actors_{"actor", {}, {}}, districts_{"district", {}, {}}, sectors_{"sector", {}, {}},
      crossings_{"crossing", {}, {}}, sites_{"site", {}, {}}, attack_types_{"attack type", {}, {}},
      policies_{"policy", {}, {}};
  std::vector<bool> actor_type_known_;
  std::vector<YAML::Node> actor_nodes_;
  std::vector<std::string> relation_lines_;
  std::string attack_without_fatalities_;  ///< the first scripted attack that draws fatalities
  bool refugees_resolved_ = true;          ///< every refugees entry named a valid host and origin
};

}  // namespace flashpoint::loader_detail
