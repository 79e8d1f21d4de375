// The scenario loader's typed values, parameters and references (loader_detail.hpp).
#include <charconv>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "scenario/loader_detail.hpp"
#include "scenario/params_doc.hpp"

namespace flashpoint::loader_detail {

// ------------------------------------------------------------------------------------------------
// Small helpers over YAML nodes.

// Where a problem about a value points: the value, or its key when the value is empty.
YAML::Mark value_mark(const Entry& e) {
  return e.value.IsNull() ? e.key.Mark() : e.value.Mark();
}

// How a node is quoted back to the user in "got ..." messages.
std::string describe(const YAML::Node& node) {
  if (!node || node.IsNull()) return "nothing";
  if (node.IsMap()) return "a map";
  if (node.IsSequence()) return "a list";
  return fmt::format("'{}'", node.Scalar());
}

// A scalar written in quotes is a string to YAML, even when it looks like a number.
bool is_quoted(const YAML::Node& node) {
  return node.IsScalar() && node.Tag() == "!";
}

std::optional<double> parse_number(std::string_view s) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return std::nullopt;
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

namespace {
// Written as a number too close to zero for a double (e.g. 1e-400): out of range, and the
// exponent is negative.
bool underflows(std::string_view s) {
  const auto e = s.find_first_of("eE");
  return e != std::string_view::npos && e + 1 < s.size() && s[e + 1] == '-';
}
}  // namespace

const std::string_view kUnderflow =
    " (too close to zero to be represented: the smallest number is about 2.2e-308; write 0 if "
    "zero is meant)";

// Why a scalar written as a number is not a usable one: YAML's .nan and .inf, or a value beyond
// the range of a double or of a whole number. Empty when it is not written as a number at all.
std::string_view not_finite_reason(std::string_view s, bool whole) {
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) s.remove_prefix(1);
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return " (not a number)";
  if (s == ".inf" || s == ".Inf" || s == ".INF") return " (infinite)";
  if (whole) {
    long long i = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), i);
    if (ec == std::errc::result_out_of_range && ptr == s.data() + s.size()) {
      return " (beyond the range of whole numbers, about 9.2e18)";
    }
  }
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec == std::errc::result_out_of_range && ptr == s.data() + s.size()) {
    if (underflows(s)) return kUnderflow;
    return " (beyond the range of numbers, about 1.8e308)";
  }
  return {};
}

std::string join(std::span<const std::string> items) {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) out += ", ";
    out += s;
  }
  return out;
}

std::vector<std::string> section_keys(std::string_view section,
                                      std::initializer_list<std::string_view> extra) {
  std::vector<std::string> keys(extra.begin(), extra.end());
  for (const auto& p : parameter_table()) {
    if (p.section == section) keys.emplace_back(p.key);
  }
  return keys;
}

std::vector<std::string> action_names(bool with_hold) {
  std::vector<std::string> names;
  for (Action a : all_actions()) {
    if (a == Action::kHold && !with_hold) continue;
    names.emplace_back(action_name(a));
  }
  return names;
}

const ParamSpec& spec(std::string_view section, std::string_view key) {
  const ParamSpec* p = find_param(section, key);
  if (p == nullptr) throw std::logic_error(fmt::format("no parameter {}.{}", section, key));
  return *p;
}

std::string value_text(const ParamSpec& p, const Value& v) {
  switch (p.type) {
    case ParamType::kInteger:
      return fmt::format("{}", static_cast<long long>(v.x));
    case ParamType::kBoolean:
      return v.x != 0 ? "true" : "false";
    case ParamType::kNumberList: {
      std::vector<std::string> items;
      for (double d : v.list) items.push_back(fmt::format("{}", d));
      return fmt::format("[{}]", join(items));
    }
    case ParamType::kNumber:
      break;
  }
  return fmt::format("{}", v.x);
}

Value default_value(const ParamSpec& p) {
  Value v{p.default_value, {}};
  if (p.type == ParamType::kNumberList) {
    for (const auto& item : YAML::Load(std::string(p.default_text))) {
      v.list.push_back(parse_number(item.Scalar()).value_or(0));
    }
  }
  return v;
}

// ---------------------------------------------------------------------------- typed values

std::optional<std::string> Loader::text(const Entry& e, const std::string& path) {
  if (e.value.IsScalar()) {
    // Names go into one-line headers, tables and fixed HDF5 strings: no control characters (a
    // NUL would cut the name short, a newline break the line it is printed on).
    if (path == "name" || path.ends_with(".name")) {
      if (auto bad = loader_detail::control_character(e.value.Scalar())) {
        diag_.report(value_mark(e), path,
                     fmt::format("a name may not hold control characters (found byte 0x{:02x} "
                                 "at character {}): write it on one line, without tabs",
                                 static_cast<unsigned>(static_cast<unsigned char>(bad->first)),
                                 bad->second + 1));
        return std::nullopt;
      }
    }
    return e.value.Scalar();
  }
  diag_.report(value_mark(e), path, fmt::format("expected a string, got {}", describe(e.value)));
  return std::nullopt;
}

std::optional<double> Loader::number(const Entry& e, const std::string& path) {
  if (e.value.IsScalar() && !is_quoted(e.value)) {
    if (auto v = parse_number(e.value.Scalar())) return v;
  }
  if (e.value.IsScalar() && !is_quoted(e.value)) {
    if (auto why = not_finite_reason(e.value.Scalar(), false); !why.empty()) {
      diag_.report(value_mark(e), path,
                   fmt::format("expected a {}number, got '{}'{}",
                               why == kUnderflow ? "" : "finite ", e.value.Scalar(), why));
      return std::nullopt;
    }
  }
  std::string got = is_quoted(e.value) ? fmt::format("the quoted string '{}'", e.value.Scalar())
                                       : describe(e.value);
  diag_.report(value_mark(e), path, fmt::format("expected a number, got {}", got));
  return std::nullopt;
}

std::optional<double> Loader::whole(const Entry& e, const std::string& path) {
  if (e.value.IsScalar() && !is_quoted(e.value)) {
    std::string_view s = e.value.Scalar();
    if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    long long i = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), i);
    if (ec == std::errc{} && ptr == s.data() + s.size() && !s.empty()) {
      return static_cast<double>(i);
    }
    if (auto v = parse_number(s); v && std::trunc(*v) == *v && std::abs(*v) < 9.2e18) return v;
  }
  const std::string_view why =
      e.value.IsScalar() && !is_quoted(e.value) ? not_finite_reason(e.value.Scalar(), true) : "";
  diag_.report(value_mark(e), path,
               fmt::format("expected a whole number, got {}{}", describe(e.value), why));
  return std::nullopt;
}

std::optional<bool> Loader::boolean(const Entry& e, const std::string& path) {
  if (e.value.IsScalar() && !is_quoted(e.value)) {
    const std::string& s = e.value.Scalar();
    if (s == "true" || s == "True" || s == "TRUE") return true;
    if (s == "false" || s == "False" || s == "FALSE") return false;
  }
  diag_.report(value_mark(e), path,
               fmt::format("expected true or false, got {}", describe(e.value)));
  return std::nullopt;
}

std::optional<Date> Loader::date(const Entry& e, const std::string& path) {
  if (e.value.IsScalar()) {
    if (auto d = Date::parse(e.value.Scalar())) return d;
  }
  diag_.report(value_mark(e), path,
               fmt::format("expected a date YYYY-MM-DD, got {}", describe(e.value)));
  return std::nullopt;
}

bool Loader::in_range(double v, const ParamSpec& p, YAML::Mark mark, const std::string& path) {
  if (v >= p.min && v <= p.max) return true;
  std::string unit = p.unit == "-" ? "" : fmt::format(" ({})", p.unit);
  diag_.report(mark, path,
               fmt::format("{} is outside the valid range {} to {}{}", format_param_number(v),
                           format_param_number(p.min), format_param_number(p.max), unit));
  return false;
}

std::optional<Value> Loader::parse_param(const Entry& e, const ParamSpec& p,
                                         const std::string& path) {
  Value v;
  switch (p.type) {
    case ParamType::kNumber:
    case ParamType::kInteger: {
      auto x = p.type == ParamType::kNumber ? number(e, path) : whole(e, path);
      if (!x || !in_range(*x, p, value_mark(e), path)) return std::nullopt;
      v.x = *x;
      return v;
    }
    case ParamType::kBoolean: {
      auto b = boolean(e, path);
      if (!b) return std::nullopt;
      v.x = *b ? 1 : 0;
      return v;
    }
    case ParamType::kNumberList: {
      if (!e.value.IsSequence()) {
        diag_.report(value_mark(e), path,
                     fmt::format("expected a list of numbers, got {}", describe(e.value)));
        return std::nullopt;
      }
      if (e.value.size() == 0) {
        diag_.report(value_mark(e), path, "expected at least one number in the list");
        return std::nullopt;
      }
      bool ok = true;
      std::size_t i = 0;
      for (const auto& item : e.value) {
        std::string item_key = fmt::format("{}[{}]", path, i++);
        Entry ie{e.key, item};
        auto x = number(ie, item_key);
        if (!x || !in_range(*x, p, value_mark(ie), item_key)) {
          ok = false;
          continue;
        }
        v.list.push_back(*x);
      }
      if (!ok) return std::nullopt;
      return v;
    }
  }
  return std::nullopt;
}

std::optional<Value> Loader::read_param(const Map& m, const ParamSpec& p) {
  std::string path = m.key_path(p.key);
  Value v;
  if (const Entry* e = m.find(p.key)) {
    auto parsed = parse_param(*e, p, path);
    if (!parsed) return std::nullopt;
    v = *parsed;
  } else if (p.required) {
    m.missing(p.key);
    return std::nullopt;
  } else {
    v = default_value(p);
  }
  record(path, value_text(p, v));
  return v;
}

// ------------------------------------------------------------------------------- references

std::string Loader::read_id(const Map& m, IdTable& table, std::string_view key) {
  const Entry* e = m.find(key);
  std::string id;
  int line = 0;
  if (e == nullptr) {
    m.missing(key);
  } else if (auto s = text(*e, m.key_path(key))) {
    line = value_mark(*e).line + 1;
    if (!is_identifier(*s)) {
      diag_.report(value_mark(*e), m.key_path(key),
                   fmt::format("'{}' is not a valid {}: start with a letter, then use letters, "
                               "digits or _",
                               *s, key));
    } else if (s->size() > kMaxIdLength) {
      // Ids are stored in fixed-width fields of the results file's event table.
      diag_.report(value_mark(*e), m.key_path(key),
                   fmt::format("'{}' is {} characters long; an {} may have at most {}", *s,
                               s->size(), key, kMaxIdLength));
    } else if (int first = table.find(*s); first >= 0) {
      diag_.report(value_mark(*e), m.key_path(key),
                   fmt::format("duplicate {} {} '{}' (first defined on line {})", table.kind, key,
                               *s, table.lines[static_cast<std::size_t>(first)]));
    } else {
      id = *s;
    }
  }
  table.ids.push_back(id);
  table.lines.push_back(line);
  return id;
}

std::optional<int> Loader::resolve(const Entry& e, const std::string& path, const IdTable& table) {
  auto s = text(e, path);
  if (!s) return std::nullopt;
  if (int i = table.find(*s); i >= 0) return i;
  diag_.report(value_mark(e), path,
               fmt::format("unknown {} '{}'{}", table.kind, *s,
                           suggestion(*s, table.known(), table.kind + "s")));
  return std::nullopt;
}

bool Loader::check_actor_type(int actor, ActorType want, YAML::Mark mark, const std::string& path) {
  const Actor& a = sc_.actors[static_cast<std::size_t>(actor)];
  if (!actor_type_known_[static_cast<std::size_t>(actor)] || a.type == want) return true;
  diag_.report(mark, path,
               fmt::format("'{}' is {} {}; expected {} {}", a.id,
                           a.type == ActorType::kArmedGroup ? "an" : "a", actor_type_name(a.type),
                           want == ActorType::kArmedGroup ? "an" : "a", actor_type_name(want)));
  return false;
}

std::optional<int> Loader::actor_ref(const Map& m, std::string_view key, bool required,
                                     std::optional<ActorType> want) {
  const Entry* e = m.find(key);
  if (e == nullptr) {
    if (required) m.missing(key);
    return std::nullopt;
  }
  auto i = resolve(*e, m.key_path(key), actors_);
  if (!i || (want && !check_actor_type(*i, *want, value_mark(*e), m.key_path(key)))) {
    return std::nullopt;
  }
  return i;
}

std::vector<YAML::Node> Loader::items(const Map& m, std::string_view key) {
  std::vector<YAML::Node> out;
  const Entry* e = m.find(key);
  if (e == nullptr || e->value.IsNull()) return out;
  if (!e->value.IsSequence()) {
    diag_.report(value_mark(*e), m.key_path(key),
                 fmt::format("expected a list, got {}", describe(e->value)));
    return out;
  }
  for (const auto& item : e->value) out.push_back(item);
  return out;
}

std::optional<Map> Loader::item_map(const YAML::Node& item, const std::string& path) {
  if (!item.IsMap()) {
    diag_.report(item.Mark(), path, fmt::format("expected a map, got {}", describe(item)));
    return std::nullopt;
  }
  return Map(diag_, item, path, item.Mark());
}

std::optional<int> Loader::date_or_day_key(const Map& m) {
  const Entry* date_entry = m.find("date");
  const Entry* day_entry = m.find("day");
  if (date_entry != nullptr && day_entry != nullptr) {
    diag_.report(day_entry->key.Mark(), m.key_path("day"), "give either date or day, not both");
    return std::nullopt;
  }
  if (date_entry == nullptr && day_entry == nullptr) {
    m.missing("date", " (or 'day')");
    return std::nullopt;
  }
  return date_entry != nullptr ? day_in_run(*date_entry, m.key_path("date"), true)
                               : day_in_run(*day_entry, m.key_path("day"), false);
}

std::optional<int> Loader::day_in_run(const Entry& e, const std::string& path, bool is_date) {
  int day = 0;
  if (is_date) {
    auto d = date(e, path);
    if (!d) return std::nullopt;
    if (!have_start_) return std::nullopt;
    day = *d - sc_.start_date;
  } else {
    auto x = whole(e, path);
    if (!x) return std::nullopt;
    if (std::abs(*x) > 1e9) {
      diag_.report(value_mark(e), path, fmt::format("day {} is outside the run", *x));
      return std::nullopt;
    }
    day = static_cast<int>(*x);
  }
  if (!have_days_ || (day >= 0 && day < sc_.days)) return day;
  std::string run = fmt::format("{} to {} (days 0 to {})", sc_.start_date.to_string(),
                                sc_.start_date.plus_days(sc_.days - 1).to_string(), sc_.days - 1);
  diag_.report(value_mark(e), path,
               fmt::format("{} is outside the run, which covers {}",
                           is_date ? e.value.Scalar() : fmt::format("day {}", day), run));
  return std::nullopt;
}

std::optional<int> Loader::day_or_date(const Entry& e, const std::string& path) {
  // Deportation phases may have begun before the run or end after it: any day is accepted.
  constexpr double kMaxDays = 1e6;
  if (e.value.IsScalar()) {
    if (auto d = Date::parse(e.value.Scalar())) {
      if (!have_start_) return std::nullopt;
      return *d - sc_.start_date;
    }
    if (!is_quoted(e.value)) {
      std::string_view s = e.value.Scalar();
      if (!s.empty() && s.front() == '+') s.remove_prefix(1);
      long long day = 0;
      auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), day);
      if (ec == std::errc{} && ptr == s.data() + s.size() && !s.empty()) {
        if (std::abs(static_cast<double>(day)) > kMaxDays) {
          diag_.report(value_mark(e), path,
                       fmt::format("day {} is too far from the start: at most {} days either way",
                                   day, format_param_number(kMaxDays)));
          return std::nullopt;
        }
        return static_cast<int>(day);
      }
    }
  }
  diag_.report(
      value_mark(e), path,
      fmt::format("expected a date YYYY-MM-DD or a day number, got {}", describe(e.value)));
  return std::nullopt;
}

std::vector<Loader::ListedId> Loader::id_list(const Map& m, std::string_view key,
                                              const IdTable& table, std::optional<ActorType> want) {
  std::vector<ListedId> out;
  // "mediator ids" when the list takes one type of actor, "actor ids" otherwise.
  const std::string kind = want ? std::string(actor_type_name(*want)) : table.kind;
  const Entry* e = m.find(key);
  if (e == nullptr) {
    m.missing(key, fmt::format(" (a list of {} ids)", kind));
    return out;
  }
  const std::string path = m.key_path(key);
  if (!e->value.IsSequence()) {
    diag_.report(value_mark(*e), path,
                 fmt::format("expected a list of {} ids, got {}", kind, describe(e->value)));
    return out;
  }
  if (e->value.size() == 0) {
    diag_.report(value_mark(*e), path, fmt::format("expected at least one {} id", kind));
    return out;
  }
  std::size_t k = 0;
  for (const auto& item : e->value) {
    ListedId listed{-1, Entry{e->key, item}, fmt::format("{}[{}]", path, k++)};
    auto i = resolve(listed.entry, listed.path, table);
    if (!i) continue;
    if (want && !check_actor_type(*i, *want, value_mark(listed.entry), listed.path)) continue;
    if (std::any_of(out.begin(), out.end(), [&](const ListedId& l) { return l.index == *i; })) {
      diag_.report(value_mark(listed.entry), listed.path,
                   fmt::format("{} '{}' is listed twice", table.kind, item.Scalar()));
      continue;
    }
    listed.index = *i;
    out.push_back(std::move(listed));
  }
  std::vector<std::string> ids;
  for (const auto& l : out) ids.push_back(table.ids[static_cast<std::size_t>(l.index)]);
  record(path, fmt::format("[{}]", join(ids)));
  return out;
}

}  // namespace flashpoint::loader_detail
