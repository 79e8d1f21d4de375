#include "scenario/overrides.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <tuple>

#include <fmt/format.h>

namespace flashpoint {

namespace {

// One step of an override path: a map key, or "[n]" (always a list index).
struct Segment {
  std::string text;
  bool bracket = false;
};

std::optional<std::vector<Segment>> split_path(std::string_view path) {
  std::vector<Segment> out;
  std::size_t i = 0;
  while (i <= path.size()) {
    std::size_t end = path.find_first_of(".[", i);
    if (end == std::string_view::npos) end = path.size();
    if (end == i) return std::nullopt;  // empty segment
    out.push_back({std::string(path.substr(i, end - i)), false});
    i = end;
    while (i < path.size() && path[i] == '[') {
      std::size_t close = path.find(']', i);
      if (close == std::string_view::npos || close == i + 1) return std::nullopt;
      std::string_view digits = path.substr(i + 1, close - i - 1);
      if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
      out.push_back({std::string(digits), true});
      i = close + 1;
    }
    if (i == path.size()) break;
    if (path[i] != '.') return std::nullopt;
    ++i;
    if (i == path.size()) return std::nullopt;  // trailing '.'
  }
  return out;
}

std::optional<std::size_t> as_index(std::string_view text) {
  std::size_t v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || ptr != text.data() + text.size() || text.empty()) return std::nullopt;
  return v;
}

}  // namespace

Override parse_override(std::string_view text) {
  std::string file = fmt::format("--set {}", text);
  std::size_t eq = text.find('=');
  if (eq == std::string_view::npos) {
    throw InputError(
        Problem{file, 0, 0, "", "expected PATH=VALUE, e.g. --set actors.NTH.capability=0.7"});
  }
  std::string_view path = text.substr(0, eq);
  while (!path.empty() && path.back() == ' ') path.remove_suffix(1);
  while (!path.empty() && path.front() == ' ') path.remove_prefix(1);
  if (path.empty()) {
    throw InputError(Problem{file, 0, 0, "", "the path before '=' is empty"});
  }
  if (!split_path(path)) {
    throw InputError(
        Problem{file, 0, 0, std::string(path),
                "malformed path: use keys separated by '.', list items by id or index (posts[1])"});
  }
  Override o;
  o.path = std::string(path);
  o.value = std::string(text.substr(eq + 1));
  o.text = std::string(text);
  return o;
}

namespace loader_detail {

void Diagnostics::mark_overridden(std::string path, const Override& o) {
  overridden_.emplace_back(std::move(path), o);
}

void Diagnostics::report(const YAML::Mark& mark, std::string key, std::string message) {
  // The latest override that set this key or one of its parents owns the problem.
  for (auto it = overridden_.rbegin(); it != overridden_.rend(); ++it) {
    const std::string& p = it->first;
    bool covers = key == p || (key.size() > p.size() && key.compare(0, p.size(), p) == 0 &&
                               (key[p.size()] == '.' || key[p.size()] == '['));
    if (covers) {
      report_override(it->second, std::move(key), std::move(message));
      return;
    }
  }
  int line = mark.is_null() ? 0 : mark.line + 1;
  int column = mark.is_null() ? 0 : mark.column + 1;
  problems_.push_back(Problem{file_, line, column, std::move(key), std::move(message)});
}

void Diagnostics::report_override(const Override& o, std::string key, std::string message) {
  if (!o.origin_file.empty()) {
    problems_.push_back(
        Problem{o.origin_file, o.origin_line, o.origin_column, std::move(key), std::move(message)});
    return;
  }
  problems_.push_back(Problem{"--set " + o.text, 0, 0, std::move(key), std::move(message)});
}

void Diagnostics::report_file(std::string message) {
  problems_.push_back(Problem{file_, 0, 0, "", std::move(message)});
}

std::vector<Problem> Diagnostics::take_sorted() {
  auto rank = [this](const Problem& p) {
    return std::tuple(p.file == file_ ? 1 : 0, p.line, p.column);
  };
  std::stable_sort(problems_.begin(), problems_.end(),
                   [&](const Problem& a, const Problem& b) { return rank(a) < rank(b); });
  return std::move(problems_);
}

bool is_identifier(std::string_view text) {
  if (text.empty() || !std::isalpha(static_cast<unsigned char>(text[0]))) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

std::optional<std::pair<char, std::size_t>> control_character(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7f) return std::pair{text[i], i};
  }
  return std::nullopt;
}

std::string_view item_name_key(std::string_view list_path) {
  // The last key of the path: "posts" of "sectors.pass.posts".
  std::string_view last = list_path.substr(list_path.find_last_of('.') + 1);
  if (list_path == "policies" || last == "phases") return "name";
  if (list_path == "relations" || list_path == "events" || list_path == "refugees") return {};
  if (last == "posts" || last == "cells" || last == "openings") return {};
  return "id";
}

std::string item_path(std::string_view list_path, const YAML::Node& item, std::size_t index) {
  std::string_view name_key = item_name_key(list_path);
  if (!name_key.empty() && item.IsMap()) {
    const YAML::Node name = item[std::string(name_key)];
    if (name.IsDefined() && name.IsScalar() && is_identifier(name.Scalar()))
      return join_path(list_path, name.Scalar());
  }
  return fmt::format("{}[{}]", list_path, index);
}

std::string join_path(std::string_view path, std::string_view key) {
  if (path.empty()) return std::string(key);
  return fmt::format("{}.{}", path, key);
}

namespace {

char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

// Optimal string alignment distance, ignoring case: a transposition counts as one edit.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
          lower(a[i - 2]) == lower(b[j - 1])) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

std::optional<std::string> closest_match(std::string_view given,
                                         std::span<const std::string> candidates) {
  std::size_t limit = std::max<std::size_t>(1, given.size() / 3);
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  for (const auto& c : candidates) {
    std::size_t d = edit_distance(given, c);
    if (d < best_distance && d < std::max(given.size(), c.size())) {
      best = c;
      best_distance = d;
    }
  }
  return best;
}

std::string suggestion(std::string_view given, std::span<const std::string> candidates,
                       std::string_view kind) {
  if (auto best = closest_match(given, candidates))
    return fmt::format("; did you mean '{}'?", *best);
  if (candidates.empty()) return fmt::format(" (there are no {})", kind);
  constexpr std::size_t kShown = 12;
  std::string list;
  for (std::size_t i = 0; i < candidates.size() && i < kShown; ++i) {
    if (i > 0) list += ", ";
    list += candidates[i];
  }
  if (candidates.size() > kShown) list += fmt::format(" and {} more", candidates.size() - kShown);
  return fmt::format("; valid {}: {}", kind, list);
}

namespace {

// Sub-maps that may be absent from a file but can still be reached by an override.
constexpr std::array<std::string_view, 8> kOptionalSections = {
    "strategic",  "utility", "operations", "insurgency",
    "population", "talks",   "coercion",   "ladder"};
constexpr std::array<std::string_view, 5> kOptionalSubMaps = {"doctrine", "leverage", "start",
                                                              "exports_usd_per_day", "fatalities"};

bool may_create(std::string_view parent_path, std::string_view key) {
  if (parent_path.empty()) {
    return std::find(kOptionalSections.begin(), kOptionalSections.end(), key) !=
           kOptionalSections.end();
  }
  if (parent_path == "ladder") return action_from_name(key).has_value();
  return std::find(kOptionalSubMaps.begin(), kOptionalSubMaps.end(), key) != kOptionalSubMaps.end();
}

// The keys an override may name inside the map at `parent_path`: those present, and the optional
// sub-maps it may create.
std::vector<std::string> reachable_keys(const YAML::Node& map, std::string_view parent_path) {
  std::vector<std::string> keys;
  auto add = [&](std::string_view k) {
    if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.emplace_back(k);
  };
  for (const auto& kv : map) {
    if (kv.first.IsScalar()) add(kv.first.Scalar());
  }
  for (auto k : kOptionalSections) {
    if (may_create(parent_path, k)) add(k);
  }
  for (auto k : kOptionalSubMaps) {
    if (may_create(parent_path, k)) add(k);
  }
  if (parent_path == "ladder") {
    for (Action a : all_actions()) add(action_name(a));
  }
  return keys;
}

// Walks `root` along `o.path` and puts the parsed value there.
void apply_one(YAML::Node& root, const Override& o, const YAML::Node& value, Diagnostics& diag) {
  auto segments = split_path(o.path);
  if (!segments) {
    diag.report_override(o, o.path, "malformed path");
    return;
  }
  YAML::Node cur;
  cur.reset(root);
  std::string canon;
  for (std::size_t i = 0; i < segments->size(); ++i) {
    const Segment& seg = (*segments)[i];
    bool last = i + 1 == segments->size();
    if (cur.IsMap() && !seg.bracket) {
      std::string parent = canon;
      canon = join_path(canon, seg.text);
      const YAML::Node& const_cur = cur;
      YAML::Node child = const_cur[seg.text];
      if (last) {
        cur[seg.text] = value;
        diag.mark_overridden(canon, o);
        return;
      }
      if (!child || (child.IsNull() && may_create(parent, seg.text))) {
        if (!may_create(parent, seg.text)) {
          auto keys = reachable_keys(cur, parent);
          diag.report_override(
              o, canon,
              fmt::format("there is no '{}' {}{}", seg.text,
                          parent.empty() ? "at the top level" : fmt::format("in '{}'", parent),
                          suggestion(seg.text, keys, "keys here")));
          return;
        }
        cur[seg.text] = YAML::Node(YAML::NodeType::Map);
        diag.mark_overridden(canon, o);
      }
      YAML::Node next = cur[seg.text];
      cur.reset(next);
    } else if (cur.IsSequence()) {
      std::optional<std::size_t> index = as_index(seg.text);
      std::string_view name_key = item_name_key(canon);
      if (!index && !seg.bracket && !name_key.empty()) {
        std::vector<std::string> names;
        for (std::size_t k = 0; k < cur.size(); ++k) {
          const YAML::Node item = cur[k];
          if (!item.IsMap()) continue;
          const YAML::Node name = item[std::string(name_key)];
          if (!name.IsDefined() || !name.IsScalar()) continue;
          if (name.Scalar() == seg.text) {
            index = k;
            break;
          }
          names.push_back(name.Scalar());
        }
        if (!index) {
          diag.report_override(o, join_path(canon, seg.text),
                               fmt::format("no item of '{}' has {} '{}'{}", canon, name_key,
                                           seg.text, suggestion(seg.text, names, "names")));
          return;
        }
      }
      if (!index) {
        diag.report_override(
            o, join_path(canon, seg.text),
            fmt::format("'{}' is a list: name an item by its index{}", canon,
                        name_key.empty() ? "" : fmt::format(" or its {}", name_key)));
        return;
      }
      if (*index >= cur.size()) {
        diag.report_override(o, fmt::format("{}[{}]", canon, *index),
                             fmt::format("index {} is past the end of '{}', which has {} item{}",
                                         *index, canon, cur.size(), cur.size() == 1 ? "" : "s"));
        return;
      }
      std::string list_path = canon;
      YAML::Node item = cur[*index];
      canon = item_path(list_path, item, *index);
      if (last) {
        cur[*index] = value;
        diag.mark_overridden(canon, o);
        diag.mark_overridden(item_path(list_path, value, *index), o);
        return;
      }
      // Renaming an item changes its path: problems under either name belong to the override.
      if (i + 2 == segments->size() && (*segments)[i + 1].text == name_key) {
        diag.mark_overridden(fmt::format("{}[{}]", list_path, *index), o);
        if (value.IsScalar() && is_identifier(value.Scalar()))
          diag.mark_overridden(join_path(list_path, value.Scalar()), o);
      }
      cur.reset(item);
    } else {
      std::string what = cur.IsMap() ? "a map" : "a single value";
      diag.report_override(
          o, join_path(canon, seg.text),
          fmt::format("'{}' is {}; it has no {}", canon.empty() ? "the file" : canon, what,
                      seg.bracket ? "items" : "'" + seg.text + "'"));
      return;
    }
  }
}

// Appends the parsed value to the top-level list `o.path`, creating the list when absent.
void append_one(YAML::Node& root, const Override& o, const YAML::Node& value, Diagnostics& diag) {
  if (!is_identifier(o.path)) {
    diag.report_override(o, o.path, "items can only be added to a top-level list");
    return;
  }
  const YAML::Node& const_root = root;
  YAML::Node list = const_root[o.path];
  if (list && !list.IsNull() && !list.IsSequence()) {
    diag.report_override(o, o.path, fmt::format("'{}' is not a list", o.path));
    return;
  }
  if (!list || list.IsNull()) root[o.path] = YAML::Node(YAML::NodeType::Sequence);
  YAML::Node target = root[o.path];
  const std::size_t index = target.size();
  target.push_back(value);
  diag.mark_overridden(fmt::format("{}[{}]", o.path, index), o);
  diag.mark_overridden(item_path(o.path, value, index), o);
}

}  // namespace

void apply_overrides(YAML::Node& root, std::span<const Override> overrides, Diagnostics& diag) {
  for (const auto& o : overrides) {
    YAML::Node value;
    try {
      value = YAML::Load(o.value);
    } catch (const YAML::Exception& e) {
      diag.report_override(o, o.path, fmt::format("the value is not valid YAML: {}", e.msg));
      continue;
    }
    if (o.append) {
      append_one(root, o, value, diag);
    } else {
      apply_one(root, o, value, diag);
    }
  }
}

}  // namespace loader_detail
}  // namespace flashpoint
