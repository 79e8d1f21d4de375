#include "experiment/user_outcomes.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <regex>
#include <type_traits>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <muParser.h>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/nan.hpp"
#include "experiment/outcomes.hpp"
#include "model/result_fields.hpp"
#include "scenario/overrides.hpp"

namespace flashpoint {

// A named namespace rather than an anonymous one: the unity builds put every .cpp file of the
// library in one translation unit.
namespace user_outcomes_detail {

using Kind = SeriesReduction::Kind;
using Compare = SeriesReduction::Compare;

/// A daily series of /runs: its name and, when it has one, the axis of its labels.
struct SeriesInfo {
  std::string name;
  bool labelled = false;
  Axis axis = Axis::kDay;
};

std::vector<SeriesInfo> daily_series() {
  std::vector<SeriesInfo> out;
  const RunResult probe;
  for_each_field(probe, [&](const FieldInfo& f, const auto& /*member*/) {
    if (f.kind != FieldKind::kSeries) return;
    out.push_back(
        SeriesInfo{f.name, f.dims.size() == 3, f.dims.size() == 3 ? f.dims[2] : Axis::kDay});
  });
  return out;
}

const std::vector<std::string>& labels_of(Axis axis, const ResultsLayout& l) {
  switch (axis) {
    case Axis::kCategory:
      return l.categories;
    case Axis::kActor:
      return l.states;
    case Axis::kCrossing:
      return l.crossings;
    case Axis::kDyad:
      return l.dyads;
    case Axis::kGroup:
      return l.groups;
    default:
      break;
  }
  static const std::vector<std::string> kNone;
  return kNone;
}

/// Whether `label` matches `pattern`, where `*` stands for any text (possibly none).
bool glob_match(std::string_view pattern, std::string_view label) {
  std::size_t p = 0, l = 0, star = std::string_view::npos, mark = 0;
  while (l < label.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = l;
    } else if (p < pattern.size() && pattern[p] == label[l]) {
      ++p;
      ++l;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      l = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool is_name_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_';
}
bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

/// A piece of the expression and where it starts in it.
struct Piece {
  std::string_view text;
  std::size_t pos = 0;
};

Piece trim(Piece p) {
  while (!p.text.empty() && std::isspace(static_cast<unsigned char>(p.text.front())) != 0) {
    p.text.remove_prefix(1);
    ++p.pos;
  }
  while (!p.text.empty() && std::isspace(static_cast<unsigned char>(p.text.back())) != 0) {
    p.text.remove_suffix(1);
  }
  return p;
}

struct Failure {
  std::size_t pos = 0;  ///< 0-based, in the expression
  std::string message;
};

const std::vector<std::pair<std::string, Kind>>& reduction_names() {
  static const std::vector<std::pair<std::string, Kind>> kNames = {{"sum_days", Kind::kSum},
                                                                   {"mean_days", Kind::kMean},
                                                                   {"max_days", Kind::kMax},
                                                                   {"min_days", Kind::kMin},
                                                                   {"first_day", Kind::kFirstDay}};
  return kNames;
}

/// Compiles one expression: the pre-pass that replaces outcome names and reductions by muParser
/// variables, then muParser's own check of the result.
class Compiler {
 public:
  Compiler(const ResultsLayout& layout, const std::vector<std::string>& built_ins,
           const std::vector<std::string>& users, std::size_t self,
           std::vector<SeriesReduction>& reductions)
      : layout_(layout),
        built_ins_(built_ins),
        users_(users),
        self_(self),
        reductions_(reductions),
        series_(daily_series()) {}

  /// The muParser text and its variables; `failures` filled instead when the expression is bad.
  bool compile(std::string_view text, std::string& out, std::vector<std::string>& var_names,
               std::vector<std::pair<int, std::size_t>>& var_sources,
               std::vector<Failure>& failures) {
    text_ = text;
    std::size_t i = 0;
    while (i < text_.size() && failures_.empty()) {
      const char c = text_[i];
      if (std::isdigit(static_cast<unsigned char>(c)) != 0 ||
          (c == '.' && i + 1 < text_.size() &&
           std::isdigit(static_cast<unsigned char>(text_[i + 1])) != 0)) {
        i = copy_number(i);
      } else if (is_name_start(c)) {
        i = name(i);
      } else {
        emit(std::string(1, c), i);
        ++i;
      }
    }
    if (failures_.empty()) check_with_muparser();
    if (!failures_.empty()) {
      failures = std::move(failures_);
      return false;
    }
    out = out_;
    var_names = var_names_;
    var_sources = var_sources_;
    return true;
  }

 private:
  void fail(std::size_t pos, std::string message) {
    failures_.push_back(Failure{pos, std::move(message)});
  }

  void emit(const std::string& s, std::size_t pos) {
    out_ += s;
    origin_.insert(origin_.end(), s.size(), pos);
  }

  /// A variable standing for `original` (the text it replaces, for muParser's messages).
  void emit_variable(const char* prefix, int source, std::size_t index, std::size_t pos,
                     std::string_view original) {
    const std::string name = fmt::format("__{}{}", prefix, var_names_.size());
    var_names_.push_back(name);
    var_sources_.emplace_back(source, index);
    originals_.emplace_back(name, std::string(original));
    emit(name, pos);
  }

  std::size_t copy_number(std::size_t i) {
    const std::size_t start = i;
    while (i < text_.size() &&
           (std::isdigit(static_cast<unsigned char>(text_[i])) != 0 || text_[i] == '.')) {
      ++i;
    }
    if (i < text_.size() && (text_[i] == 'e' || text_[i] == 'E')) {
      std::size_t j = i + 1;
      if (j < text_.size() && (text_[j] == '+' || text_[j] == '-')) ++j;
      if (j < text_.size() && std::isdigit(static_cast<unsigned char>(text_[j])) != 0) {
        i = j;
        while (i < text_.size() && std::isdigit(static_cast<unsigned char>(text_[i])) != 0) ++i;
      }
    }
    emit(std::string(text_.substr(start, i - start)), start);
    return i;
  }

  const SeriesInfo* find_series(std::string_view name) const {
    for (const auto& s : series_) {
      if (s.name == name) return &s;
    }
    return nullptr;
  }

  std::vector<std::string> candidates() const {
    std::vector<std::string> names = built_ins_;
    for (std::size_t k = 0; k < self_; ++k) names.push_back(users_[k]);
    for (const auto& s : series_) names.push_back(s.name);
    return names;
  }

  /// An identifier at `i`: a reduction call, a function name (left to muParser), a constant
  /// (`_pi`, `_e`), or an outcome.
  std::size_t name(std::size_t i) {
    const std::size_t start = i;
    while (i < text_.size() && is_name_char(text_[i])) ++i;
    const std::string_view ident = text_.substr(start, i - start);
    std::size_t next = i;
    while (next < text_.size() && std::isspace(static_cast<unsigned char>(text_[next])) != 0) {
      ++next;
    }
    const bool call = next < text_.size() && text_[next] == '(';
    for (const auto& [rname, kind] : reduction_names()) {
      if (ident != rname) continue;
      if (!call) {
        fail(start, fmt::format("{} is a reduction: write {}", rname,
                                kind == Kind::kFirstDay ? "first_day(SERIES >= NUMBER, FROM, TO)"
                                                        : rname + "(SERIES, FROM, TO)"));
        return i;
      }
      return reduction(start, next, kind, rname);
    }
    if (call || ident.front() == '_') {
      emit(std::string(ident), start);
      return i;
    }
    // An outcome, maybe with a label: NAME[LABEL]
    std::string full(ident);
    if (i < text_.size() && text_[i] == '[') {
      const std::size_t close = text_.find(']', i);
      if (close == std::string_view::npos) {
        fail(i, fmt::format("'[' after '{}' is not closed: expected ']'", ident));
        return text_.size();
      }
      full = std::string(text_.substr(start, close + 1 - start));
      i = close + 1;
    }
    if (const auto it = std::find(built_ins_.begin(), built_ins_.end(), full);
        it != built_ins_.end()) {
      needs_built_ins_ = true;
      emit_variable("o", 0, static_cast<std::size_t>(it - built_ins_.begin()), start, full);
      return i;
    }
    if (const auto it = std::find(users_.begin(), users_.end(), full); it != users_.end()) {
      const auto k = static_cast<std::size_t>(it - users_.begin());
      if (k < self_) {
        emit_variable("u", 2, k, start, full);
      } else if (k == self_) {
        fail(start, fmt::format("'{}' refers to itself", full));
      } else {
        fail(start, fmt::format("'{}' is defined below this outcome: an outcome can use only "
                                "the outcomes defined above it",
                                full));
      }
      return i;
    }
    if (find_series(ident) != nullptr) {
      fail(start, fmt::format("'{}' is a daily series, not a per-run outcome: reduce it over the "
                              "days, e.g. sum_days({}, 0, 29) or mean_days({})",
                              full, full, full));
      return i;
    }
    fail(start, fmt::format("unknown outcome '{}'{}", full,
                            loader_detail::suggestion(full, candidates(), "outcomes")));
    return i;
  }

  /// Splits the arguments of the call whose '(' is at `open`; returns the position after its
  /// ')', or npos (reported) when it is not closed.
  std::size_t arguments(std::size_t open, std::vector<Piece>& args) {
    int depth = 0;
    bool in_label = false;
    std::size_t arg_start = open + 1;
    for (std::size_t j = open + 1; j < text_.size(); ++j) {
      const char c = text_[j];
      if (in_label) {
        in_label = c != ']';
      } else if (c == '[') {
        in_label = true;
      } else if (c == '(') {
        ++depth;
      } else if (c == ')' && depth > 0) {
        --depth;
      } else if ((c == ',' || c == ')') && depth == 0) {
        args.push_back(trim(Piece{text_.substr(arg_start, j - arg_start), arg_start}));
        arg_start = j + 1;
        if (c == ')') return j + 1;
      }
    }
    fail(open, "'(' is not closed: expected ')'");
    return std::string_view::npos;
  }

  /// SERIES or SERIES[LABEL PATTERN] into `r` (series, cells, inner).
  bool series_ref(Piece p, SeriesReduction& r) {
    std::size_t e = 0;
    while (e < p.text.size() && is_name_char(p.text[e])) ++e;
    const std::string_view name = p.text.substr(0, e);
    std::string_view label;
    bool has_label = false;
    if (e < p.text.size() && p.text[e] == '[' && p.text.back() == ']') {
      label = p.text.substr(e + 1, p.text.size() - e - 2);
      has_label = true;
      e = p.text.size();
    }
    if (name.empty() || e != p.text.size()) {
      fail(p.pos, fmt::format("expected a daily series (NAME or NAME[LABEL]), got '{}'", p.text));
      return false;
    }
    const SeriesInfo* s = find_series(name);
    if (s == nullptr) {
      std::vector<std::string> names;
      for (const auto& x : series_) names.push_back(x.name);
      std::string hint = loader_detail::suggestion(name, names, "series");
      if (std::find(built_ins_.begin(), built_ins_.end(), std::string(p.text)) !=
          built_ins_.end()) {
        hint =
            fmt::format(": '{}' is a per-run outcome, use it without {}()", p.text, "a reduction");
      }
      fail(p.pos, fmt::format("no daily series '{}'{}", name, hint));
      return false;
    }
    r.series = s->name;
    if (!s->labelled) {
      if (has_label) {
        fail(p.pos, fmt::format("the series '{}' has one value a day: drop [{}]", name, label));
        return false;
      }
      r.cells = {0};
      r.inner = 1;
      return true;
    }
    const auto& labels = labels_of(s->axis, layout_);
    const char* axis = kAxisNames[static_cast<std::size_t>(s->axis)];
    r.inner = labels.size();
    if (!has_label) {
      fail(p.pos, fmt::format("the series '{}' has a value per {} a day: name one as {}[LABEL], "
                              "or sum them with {}[*] (labels: {})",
                              name, axis, name, name, fmt::join(labels, ", ")));
      return false;
    }
    r.cells.clear();
    for (std::size_t k = 0; k < labels.size(); ++k) {
      if (label.find('*') != std::string_view::npos ? glob_match(label, labels[k])
                                                    : labels[k] == label) {
        r.cells.push_back(k);
      }
    }
    if (r.cells.empty()) {
      fail(p.pos + name.size() + 1,
           fmt::format("the series '{}' has no {} '{}'{}", name, axis, label,
                       label.find('*') != std::string_view::npos
                           ? fmt::format(" (no label matches; labels: {})", fmt::join(labels, ", "))
                           : loader_detail::suggestion(label, labels, fmt::format("{}s", axis))));
      return false;
    }
    return true;
  }

  /// A day of the window: an index or a date of the run.
  bool day(Piece p, const char* which, int& out) {
    const std::string_view t = p.text;
    const int days = layout_.days;
    const std::string range = days > 0 ? fmt::format("days 0-{} ({} to {})", days - 1,
                                                     layout_.dates.front(), layout_.dates.back())
                                       : "no days";
    long long v = 0;
    const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (!t.empty() && ec == std::errc() && ptr == t.data() + t.size()) {
      if (v < 0 || v >= days) {
        fail(p.pos, fmt::format("{} day {} is outside the run, which has {}", which, v, range));
        return false;
      }
      out = static_cast<int>(v);
      return true;
    }
    if (const auto date = Date::parse(t)) {
      const auto it = std::find(layout_.dates.begin(), layout_.dates.end(), date->to_string());
      if (it == layout_.dates.end()) {
        fail(p.pos, fmt::format("{} date {} is outside the run, which has {}", which, t, range));
        return false;
      }
      out = static_cast<int>(it - layout_.dates.begin());
      return true;
    }
    fail(p.pos, fmt::format("expected the window's {} day: a day index (0 to {}) or a date "
                            "(YYYY-MM-DD), got '{}'",
                            which, days - 1, t));
    return false;
  }

  /// `first_day`'s condition: SERIES OP NUMBER.
  bool condition(Piece p, SeriesReduction& r) {
    std::size_t op = std::string_view::npos;
    bool in_label = false;
    for (std::size_t j = 0; j < p.text.size(); ++j) {
      const char c = p.text[j];
      if (in_label) {
        in_label = c != ']';
      } else if (c == '[') {
        in_label = true;
      } else if (c == '<' || c == '>' || c == '=' || c == '!') {
        op = j;
        break;
      }
    }
    if (op == std::string_view::npos) {
      fail(p.pos, fmt::format("first_day needs a condition SERIES OP NUMBER (OP one of >= > <= "
                              "< == !=), e.g. first_day(escalation >= 8), got '{}'",
                              p.text));
      return false;
    }
    static const std::vector<std::pair<std::string_view, Compare>> kOperators = {
        {">=", Compare::kGreaterEqual}, {"<=", Compare::kLessEqual}, {"==", Compare::kEqual},
        {"!=", Compare::kNotEqual},     {">", Compare::kGreater},    {"<", Compare::kLess}};
    std::size_t width = 0;
    for (const auto& [text, compare] : kOperators) {
      if (p.text.substr(op).starts_with(text)) {
        r.compare = compare;
        width = text.size();
        break;
      }
    }
    if (width == 0) {
      fail(p.pos + op,
           fmt::format("expected one of >= > <= < == != here, got '{}'", p.text.substr(op, 1)));
      return false;
    }
    if (!series_ref(trim(Piece{p.text.substr(0, op), p.pos}), r)) return false;
    const Piece rhs = trim(Piece{p.text.substr(op + width), p.pos + op + width});
    const std::string number(rhs.text);
    char* end = nullptr;
    const double v = std::strtod(number.c_str(), &end);
    if (number.empty() || end != number.c_str() + number.size() || !std::isfinite(v)) {
      fail(rhs.pos, fmt::format("expected a number after '{}', got '{}'", p.text.substr(op, width),
                                rhs.text));
      return false;
    }
    r.threshold = v;
    return true;
  }

  std::size_t reduction(std::size_t start, std::size_t open, Kind kind, const std::string& rname) {
    std::vector<Piece> args;
    const std::size_t end = arguments(open, args);
    if (end == std::string_view::npos) return text_.size();
    const bool first = kind == Kind::kFirstDay;
    const std::string form =
        fmt::format("{}({}[, FROM, TO])", rname, first ? "SERIES >= NUMBER" : "SERIES");
    if (args.size() != 1 && args.size() != 3) {
      fail(start, fmt::format("{} takes 1 or 3 arguments, not {}: {} (FROM and TO a day index or "
                              "a date, inclusive; both left out: the whole run)",
                              rname, args.size(), form));
      return end;
    }
    SeriesReduction r;
    r.kind = kind;
    bool ok = first ? condition(args[0], r) : series_ref(args[0], r);
    if (!ok) return end;
    r.first = 0;
    r.last = layout_.days - 1;
    if (args.size() == 3) {
      ok = day(args[1], "first", r.first) && day(args[2], "last", r.last);
      if (!ok) return end;
      if (r.first > r.last) {
        fail(args[1].pos, fmt::format("the window's first day ({}) comes after its last ({})",
                                      args[1].text, args[2].text));
        return end;
      }
    }
    reductions_.push_back(std::move(r));
    emit_variable("r", 1, reductions_.size() - 1, start, text_.substr(start, end - start));
    return end;
  }

  void check_with_muparser() {
    mu::Parser parser;
    std::vector<double> values(var_names_.size(), 1.0);
    try {
      for (std::size_t k = 0; k < var_names_.size(); ++k) {
        parser.DefineVar(var_names_[k], &values[k]);
      }
      parser.SetExpr(out_);
      (void)parser.Eval();
      if (parser.GetNumResults() != 1) {
        fail(0, "expected one expression; a ',' outside a function call makes several");
      }
    } catch (const mu::Parser::exception_type& e) {
      std::string message = std::regex_replace(e.GetMsg(), std::regex(" at position -?[0-9]+"), "");
      for (const auto& [var, original] : originals_) {
        std::size_t at = 0;
        while ((at = message.find(var, at)) != std::string::npos) {
          message.replace(at, var.size(), original);
          at += original.size();
        }
      }
      if (!message.empty() && message.back() == '.') message.pop_back();
      const int pos = e.GetPos();
      std::size_t where = text_.size();
      if (pos >= 0 && static_cast<std::size_t>(pos) < origin_.size()) {
        where = origin_[static_cast<std::size_t>(pos)];
      }
      fail(where, fmt::format("cannot read the expression: {}", message));
    }
  }

 public:
  bool needs_built_ins_ = false;

 private:
  const ResultsLayout& layout_;
  const std::vector<std::string>& built_ins_;
  const std::vector<std::string>& users_;
  std::size_t self_;
  std::vector<SeriesReduction>& reductions_;
  std::vector<SeriesInfo> series_;
  std::string_view text_;
  std::string out_;
  std::vector<std::size_t> origin_;  ///< [character of out_] its position in text_
  std::vector<std::string> var_names_;
  std::vector<std::pair<int, std::size_t>> var_sources_;
  std::vector<std::pair<std::string, std::string>> originals_;
  std::vector<Failure> failures_;
};

template <typename Value>
double reduce_days(const SeriesReduction& s, Value&& value) {
  if (s.kind == Kind::kFirstDay) {
    for (int d = s.first; d <= s.last; ++d) {
      const double v = value(static_cast<std::size_t>(d));
      bool holds = false;
      switch (s.compare) {
        case Compare::kGreaterEqual:
          holds = v >= s.threshold;
          break;
        case Compare::kGreater:
          holds = v > s.threshold;
          break;
        case Compare::kLessEqual:
          holds = v <= s.threshold;
          break;
        case Compare::kLess:
          holds = v < s.threshold;
          break;
        case Compare::kEqual:
          holds = v == s.threshold;
          break;
        case Compare::kNotEqual:
          holds = v != s.threshold;
          break;
      }
      if (holds) return d;
    }
    return kNaN;
  }
  double acc = value(static_cast<std::size_t>(s.first));
  for (int d = s.first + 1; d <= s.last; ++d) {
    const double v = value(static_cast<std::size_t>(d));
    switch (s.kind) {
      case Kind::kSum:
      case Kind::kMean:
        acc += v;
        break;
      case Kind::kMax:
        acc = std::max(acc, v);
        break;
      case Kind::kMin:
        acc = std::min(acc, v);
        break;
      case Kind::kFirstDay:
        break;
    }
  }
  if (s.kind == Kind::kMean) acc /= static_cast<double>(s.last - s.first + 1);
  return acc;
}

}  // namespace user_outcomes_detail

double reduce_series(const SeriesReduction& s, const RunResult& r) {
  double out = kNaN;
  for_each_field(r, [&](const FieldInfo& f, const auto& member) {
    if (f.kind != FieldKind::kSeries || s.series != f.name) return;
    using M = std::remove_cvref_t<decltype(member)>;
    if constexpr (IsVector<M>::value) {
      const std::size_t needed = (static_cast<std::size_t>(s.last) + 1) * s.inner;
      if (s.last < s.first || member.size() < needed) return;  // the series was not kept
      out = user_outcomes_detail::reduce_days(s, [&](std::size_t day) {
        double v = 0;
        for (std::size_t c : s.cells) v += static_cast<double>(member[day * s.inner + c]);
        return v;
      });
    }
  });
  return out;
}

UserOutcomes::UserOutcomes(std::vector<OutcomeDefinition> definitions, const ResultsLayout& layout)
    : definitions_(std::move(definitions)), layout_(layout) {
  using namespace user_outcomes_detail;
  std::vector<std::string> built_ins;
  for (const auto& c : outcome_columns(layout_)) built_ins.push_back(c.name);
  std::vector<std::string> users;
  for (const auto& d : definitions_) users.push_back(d.name);
  const std::vector<SeriesInfo> series = daily_series();
  std::vector<Problem> problems;
  for (std::size_t k = 0; k < definitions_.size(); ++k) {
    const OutcomeDefinition& d = definitions_[k];
    const SourceLocation& at = d.origin;
    const std::string key = fmt::format("outcomes.{}", d.name);
    auto problem = [&](std::string message) {
      problems.push_back(Problem{at.file, at.line, at.column, key, std::move(message)});
    };
    if (std::find(built_ins.begin(), built_ins.end(), d.name) != built_ins.end()) {
      problem(fmt::format("'{}' is the name of a built-in outcome: choose another name", d.name));
      continue;
    }
    const bool is_series = std::any_of(series.begin(), series.end(),
                                       [&](const SeriesInfo& s) { return s.name == d.name; });
    const bool is_reduction = std::any_of(reduction_names().begin(), reduction_names().end(),
                                          [&](const auto& r) { return r.first == d.name; });
    if (is_series || is_reduction) {
      problem(fmt::format("'{}' is the name of a {}: choose another name", d.name,
                          is_series ? "daily series" : "reduction"));
      continue;
    }
    Compiler compiler(layout_, built_ins, users, k, reductions_);
    Compiled c;
    std::vector<std::string> names;
    std::vector<std::pair<int, std::size_t>> sources;
    std::vector<Failure> failures;
    if (!compiler.compile(d.expression, c.expression, names, sources, failures)) {
      for (const Failure& f : failures) {
        problem(fmt::format("{} (column {} of the expression \"{}\")", f.message, f.pos + 1,
                            d.expression));
      }
      continue;
    }
    needs_built_ins_ = needs_built_ins_ || compiler.needs_built_ins_;
    for (std::size_t v = 0; v < names.size(); ++v) {
      c.variables.push_back(
          Variable{names[v], static_cast<Variable::Source>(sources[v].first), sources[v].second});
    }
    compiled_.push_back(std::move(c));
  }
  if (!problems.empty()) throw InputError(std::move(problems));
}

void UserOutcomes::evaluate(const RunResult& r, std::vector<double>& out) const {
  out.assign(compiled_.size(), kNaN);
  if (compiled_.empty()) return;
  std::vector<double> built_ins;
  if (needs_built_ins_) outcome_values(r, layout_, built_ins);
  std::vector<double> reduced(reductions_.size());
  for (std::size_t k = 0; k < reductions_.size(); ++k)
    reduced[k] = reduce_series(reductions_[k], r);
  for (std::size_t k = 0; k < compiled_.size(); ++k) {
    const Compiled& c = compiled_[k];
    std::vector<double> values(c.variables.size());
    for (std::size_t v = 0; v < values.size(); ++v) {
      const Variable& var = c.variables[v];
      switch (var.source) {
        case Variable::Source::kBuiltIn:
          values[v] = built_ins.at(var.index);
          break;
        case Variable::Source::kReduction:
          values[v] = reduced[var.index];
          break;
        case Variable::Source::kUser:
          values[v] = out[var.index];
          break;
      }
    }
    try {
      mu::Parser parser;
      for (std::size_t v = 0; v < values.size(); ++v) {
        parser.DefineVar(c.variables[v].name, &values[v]);
      }
      parser.SetExpr(c.expression);
      out[k] = parser.Eval();
    } catch (const mu::Parser::exception_type&) {
      out[k] = kNaN;  // compiled once without error: not expected
    }
  }
}

std::string UserOutcomes::hash_text() const {
  std::string out;
  for (const auto& d : definitions_) {
    out += fmt::format("{}\x1f{}\x1f{}\x1f{}\x1e", d.name, d.expression, d.units, d.description);
  }
  return out;
}

}  // namespace flashpoint
