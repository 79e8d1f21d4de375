// Reading sweep and comparison files (docs/experiments.md): YAML -> SweepSpec / CompareSpec.
// Every problem is located at FILE:LINE:COL with its dotted key, as for scenario files; all
// problems of a file are reported together.
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "core/error.hpp"
#include "scenario/experiment_loader_detail.hpp"
#include "scenario/experiment_specs.hpp"
#include "scenario/input_files.hpp"
#include "scenario/overrides.hpp"

namespace flashpoint {

using loader_detail::Diagnostics;
using loader_detail::join_path;
using loader_detail::suggestion;

const char* keep_level_name(KeepLevel k) {
  switch (k) {
    case KeepLevel::kOutcomes:
      return "outcomes";
    case KeepLevel::kSeries:
      return "series";
    case KeepLevel::kEvents:
      return "events";
  }
  return "?";
}

const char* design_kind_name(DesignKind k) {
  switch (k) {
    case DesignKind::kGrid:
      return "grid";
    case DesignKind::kRandom:
      return "random";
    case DesignKind::kLatinHypercube:
      return "latin_hypercube";
    case DesignKind::kSobol:
      return "sobol";
    case DesignKind::kMorris:
      return "morris";
    case DesignKind::kExternal:
      return "csv";
  }
  return "?";
}

namespace experiment_detail {

std::string describe(const YAML::Node& n) {
  if (!n || n.IsNull()) return "nothing";
  if (n.IsSequence()) return "a list";
  if (n.IsMap()) return "a map";
  return fmt::format("'{}'", n.Scalar());
}

SourceLocation location(const Diagnostics& diag, const YAML::Mark& m) {
  return SourceLocation{diag.file(), m.is_null() ? 0 : m.line + 1, m.is_null() ? 0 : m.column + 1};
}

std::string resolve_against(const std::string& file, const std::string& relative) {
  const std::filesystem::path p(relative);
  if (p.is_absolute()) return relative;
  const auto folder = std::filesystem::path(file).parent_path();
  return (folder / p).lexically_normal().string();
}

YAML::Node parse_root(const std::string& text, Diagnostics& diag, const std::string& expected) {
  if (!loader_detail::check_is_text(text, diag, fmt::format("a {} file", expected))) {
    throw InputError(diag.take_sorted());
  }
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    diag.report(e.mark, "", fmt::format("invalid YAML: {}", e.msg));
    throw InputError(diag.take_sorted());
  }
  if (!root || root.IsNull()) {
    diag.report(YAML::Mark(), "",
                fmt::format("the file holds no YAML: a {} file is a map that starts with "
                            "'kind: {}'",
                            expected, expected));
    throw InputError(diag.take_sorted());
  }
  if (!root.IsMap()) {
    diag.report(root.Mark(), "",
                fmt::format("the top level must be a map of keys (kind, scenario, ...), got {}",
                            describe(root)));
    throw InputError(diag.take_sorted());
  }
  const YAML::Node kind = root["kind"];
  if (!kind.IsDefined() || !kind.IsScalar() || kind.Scalar() != expected) {
    std::string hint = " at the top of the file";
    if (kind.IsDefined()) {
      const std::string given = kind.IsScalar() ? kind.Scalar() : "";
      const std::vector<std::string> kinds = {"sweep", "comparison", "calibration"};
      hint = fmt::format(", got {}", describe(kind));
      if (given == "sweep" || given == "comparison" || given == "calibration") {
        hint += fmt::format(" (run it with flashpoint {})", given == "comparison" ? "compare"
                                                            : given == "sweep"    ? "sweep"
                                                                                  : "calibrate");
      } else if (auto best = loader_detail::closest_match(given, kinds)) {
        hint += fmt::format("; did you mean '{}'?", *best);
      }
    }
    diag.report(kind.IsDefined() ? kind.Mark() : root.Mark(), "kind",
                fmt::format("expected 'kind: {}'{}", expected, hint));
    throw InputError(diag.take_sorted());
  }
  return root;
}

std::vector<OutcomeDefinition> read_outcome_definitions(MapReader& top, Diagnostics& diag) {
  std::vector<OutcomeDefinition> out;
  if (!top.has("outcomes")) return out;
  const YAML::Node node = top.get("outcomes");
  if (!node.IsMap()) {
    top.report("outcomes",
               fmt::format("expected a map of NAME: EXPRESSION (or NAME: {{expression, units, "
                           "description}}), got {}",
                           describe(node)));
    return out;
  }
  std::set<std::string> seen;
  for (const auto& kv : node) {
    if (!kv.first.IsScalar()) {
      diag.report(kv.first.Mark(), "outcomes", "keys must be plain text");
      continue;
    }
    OutcomeDefinition d;
    d.name = kv.first.Scalar();
    const std::string path = join_path("outcomes", d.name);
    // A name is one identifier, so that expressions, /outcomes and Python can all use it as is.
    const bool identifier = !d.name.empty() &&
                            std::isalpha(static_cast<unsigned char>(d.name[0])) != 0 &&
                            std::all_of(d.name.begin(), d.name.end(), [](char c) {
                              return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
                            });
    if (!identifier) {
      diag.report(kv.first.Mark(), path,
                  fmt::format("'{}' is not a valid outcome name: use letters, digits and '_', "
                              "starting with a letter",
                              d.name));
      continue;
    }
    if (!seen.insert(d.name).second) {
      diag.report(kv.first.Mark(), path, fmt::format("the outcome '{}' is defined twice", d.name));
      continue;
    }
    YAML::Node expr = kv.second;
    if (kv.second.IsMap()) {
      MapReader m(kv.second, path, diag);
      d.units = m.string("units", false).value_or("");
      d.description = m.string("description", false).value_or("");
      expr = m.get("expression");
      if (!expr.IsDefined() || expr.IsNull()) {
        diag.report(kv.first.Mark(), join_path(path, "expression"), "missing; it is required here");
        m.check_unknown();
        continue;
      }
      m.check_unknown();
    }
    if (!expr.IsScalar() || expr.Scalar().empty()) {
      diag.report(expr.Mark(), path,
                  fmt::format("expected an expression (e.g. \"mean_days(ceasefire)\") or a map "
                              "with 'expression', 'units' and 'description', got {}",
                              describe(expr)));
      continue;
    }
    d.expression = expr.Scalar();
    d.origin = location(diag, expr.Mark());
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<Override> read_set(const YAML::Node& node, const std::string& path, Diagnostics& diag) {
  std::vector<Override> out;
  if (!node.IsDefined() || node.IsNull()) return out;
  if (!node.IsMap()) {
    diag.report(node.Mark(), path,
                fmt::format("expected a map of PATH: VALUE, got {}", describe(node)));
    return out;
  }
  for (const auto& kv : node) {
    if (!kv.first.IsScalar() || kv.first.Scalar().empty()) {
      diag.report(kv.first.Mark(), path, "keys must be dotted scenario paths");
      continue;
    }
    Override o;
    o.path = kv.first.Scalar();
    o.value = YAML::Dump(kv.second);
    o.text = fmt::format("{}={}", o.path, o.value);
    const SourceLocation at = location(diag, kv.first.Mark());
    o.origin_file = at.file;
    o.origin_line = at.line;
    o.origin_column = at.column;
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace experiment_detail

using namespace experiment_detail;

namespace {

/// Refuses designs too large to hold (located at `design`).
void check_size(const DesignSpec& spec, double runs_per_point, MapReader& top,
                const std::string& what) {
  const double points = design_points(spec);
  if (points > kMaxPoints) {
    top.report("design", fmt::format("the design has {:.3g} points; at most {:.0e} are allowed "
                                     "(fewer levels, samples or parameters)",
                                     points, kMaxPoints));
  } else if (points * runs_per_point > kMaxRuns) {
    top.report("design", fmt::format("{:.3g} points x {} make {:.3g} runs; at most {:.0e} are "
                                     "allowed",
                                     points, what, points * runs_per_point, kMaxRuns));
  }
}

std::optional<KeepLevel> read_keep(MapReader& r) {
  auto s = r.string("keep", false);
  if (!s) return std::nullopt;
  if (*s == "outcomes") return KeepLevel::kOutcomes;
  if (*s == "series") return KeepLevel::kSeries;
  if (*s == "events") return KeepLevel::kEvents;
  const std::vector<std::string> valid = {"outcomes", "series", "events"};
  r.report("keep", fmt::format("unknown value '{}'{}", *s, suggestion(*s, valid, "values")));
  return std::nullopt;
}

/// The keys every experiment file starts with: name, scenario (resolved against the file's
/// folder, and checked to be a readable file) and set.
template <typename Spec>
void read_head(MapReader& r, Diagnostics& diag, const std::string& path, Spec& spec) {
  spec.name = r.string("name", false).value_or(std::filesystem::path(path).stem().string());
  if (auto s = r.string("scenario", true)) {
    spec.scenario_path = resolve_against(path, *s);
    spec.scenario_origin = location(diag, r.mark_of("scenario"));
    if (!std::filesystem::is_regular_file(spec.scenario_path)) {
      r.report("scenario",
               fmt::format("cannot read the scenario file {}: {}", spec.scenario_path,
                           std::filesystem::exists(spec.scenario_path) ? "it is not a regular file"
                                                                       : "no such file"));
    }
  }
  spec.fixed = read_set(r.get("set"), "set", diag);
}

}  // namespace

std::string experiment_kind_of_file(const std::string& path) {
  const std::string text = read_input_file(path);  // bounded; unreadable files are InputError
  try {
    const YAML::Node root = YAML::Load(text);
    if (!root.IsMap()) return "";
    const YAML::Node kind = root["kind"];
    if (kind.IsDefined()) return kind.IsScalar() ? kind.Scalar() : "?";
  } catch (const std::exception&) {
    return "";
  }
  return "";
}

SweepSpec load_sweep(const std::string& path) {
  SweepSpec spec;
  spec.path = path;
  spec.text = loader_detail::read_text_file(path);
  Diagnostics diag(path);
  const YAML::Node root = parse_root(spec.text, diag, "sweep");
  MapReader r(root, "", diag);
  (void)r.get("kind");
  read_head(r, diag, path, spec);
  read_design(r, diag, spec.design, path, false);
  spec.replicates = static_cast<int>(r.integer("replicates", false, 1, 1'000'000).value_or(1));
  if (diag.empty()) {
    check_size(spec.design, spec.replicates, r, fmt::format("{} replicates", spec.replicates));
  }
  if (auto seed = r.seed("seed")) {
    spec.seed = *seed;
    spec.has_seed = true;
  }
  if (auto k = read_keep(r)) spec.keep = *k;
  spec.outcomes = read_outcome_definitions(r, diag);
  if (r.has("sensitivity")) {
    const YAML::Node s = r.get("sensitivity");
    if (!s.IsMap()) {
      r.report("sensitivity",
               fmt::format("expected a map (bootstrap, confidence), got {}", describe(s)));
    } else {
      MapReader sr(s, "sensitivity", diag);
      spec.bootstrap =
          static_cast<int>(sr.integer("bootstrap", false, 1, 100'000).value_or(spec.bootstrap));
      if (auto c = sr.number("confidence", false)) {
        if (*c <= 0 || *c >= 1) {
          sr.report("confidence", fmt::format("expected a level between 0 and 1, got {}", *c));
        } else {
          spec.confidence = *c;
        }
      }
      sr.check_unknown();
    }
  }
  r.check_unknown();
  if (!diag.empty()) throw InputError(diag.take_sorted());
  return spec;
}

/// A `policies:` list of a comparison option (or of `levers:`): each item is appended to the
/// scenario's policies, located where it was written.
void read_added_policies(MapReader& r, const std::string& owner, Diagnostics& diag,
                         std::vector<Override>& out) {
  const YAML::Node policies = r.get("policies");
  if (!policies.IsDefined() || policies.IsNull()) return;
  if (!policies.IsSequence()) {
    r.report("policies", fmt::format("expected a list of policies (as in a scenario's "
                                     "'policies'), got {}",
                                     describe(policies)));
    return;
  }
  for (const auto& item : policies) {
    Override add;
    add.path = "policies";
    add.append = true;
    add.value = YAML::Dump(item);
    add.text = fmt::format("{}.policies", owner);
    const SourceLocation at = location(diag, item.Mark());
    add.origin_file = at.file;
    add.origin_line = at.line;
    add.origin_column = at.column;
    out.push_back(std::move(add));
  }
}

/// {outcome, better: lower|higher} (rank_by, and each objective of `pareto:`).
RankBy read_rank_by(const YAML::Node& node, const std::string& where, Diagnostics& diag) {
  RankBy out;
  MapReader rr(node, where, diag);
  if (auto o = rr.string("outcome", true)) out.outcome = *o;
  out.origin = location(diag, rr.mark_of("outcome"));
  if (auto b = rr.string("better", false)) {
    if (*b == "lower" || *b == "higher") {
      out.lower_is_better = *b == "lower";
    } else {
      rr.report("better", fmt::format("expected 'lower' or 'higher', got '{}'", *b));
    }
  }
  rr.check_unknown();
  return out;
}

/// A lever's level as a number: a YAML number, true = 1, false = 0; NaN otherwise.
double lever_number(const YAML::Node& n) {
  if (!n.IsScalar()) return std::numeric_limits<double>::quiet_NaN();
  const std::string& t = n.Scalar();
  if (t == "true") return 1;
  if (t == "false") return 0;
  double v = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  return ec == std::errc() && end == t.data() + t.size() && std::isfinite(v)
             ? v
             : std::numeric_limits<double>::quiet_NaN();
}

/// A level as part of an option name: letters and digits kept, '.' -> 'p', a leading '-' -> 'm',
/// anything else -> '_' (runs of it collapsed, none at the ends).
std::string name_part(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      out += c;
    } else if (c == '.') {
      out += 'p';
    } else if (c == '-' && i == 0) {
      out += 'm';
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out.empty() ? "x" : out;
}

/// The most options `levers:` may generate.
constexpr std::size_t kMaxLeverOptions = 10'000;

/// `levers:` of a comparison: {set, policies, parameters: [{name, path, levels}]}; appends one
/// option per combination of levels (the last lever varying fastest) to spec.options.
void read_levers(const YAML::Node& node, Diagnostics& diag, CompareSpec& spec) {
  MapReader lr(node, "levers", diag);
  std::vector<Override> shared = read_set(lr.get("set"), "levers.set", diag);
  read_added_policies(lr, "levers", diag, shared);
  const YAML::Node params = lr.get("parameters");
  if (!params.IsDefined() || !params.IsSequence() || params.size() == 0) {
    lr.report("parameters", "missing or not a list; list the levers as {name, path, levels}");
    lr.check_unknown();
    return;
  }
  std::set<std::string> names;
  double combinations = 1;
  for (std::size_t i = 0; i < params.size(); ++i) {
    const std::string where = fmt::format("levers.parameters[{}]", i);
    if (!params[i].IsMap()) {
      diag.report(
          params[i].Mark(), where,
          fmt::format("expected a map {{name, path, levels}}, got {}", describe(params[i])));
      continue;
    }
    MapReader pr(params[i], where, diag);
    Lever lever;
    lever.origin = location(diag, params[i].Mark());
    if (auto p = pr.string("path", true)) lever.path = *p;
    std::string fallback = lever.path.substr(lever.path.find_last_of('.') + 1);
    if (auto n = pr.string("name", false)) {
      lever.name = *n;
      if (!loader_detail::is_identifier(*n)) {
        pr.report("name", fmt::format("'{}' is not a valid name: use letters, digits and '_', "
                                      "starting with a letter",
                                      *n));
      }
    } else {
      lever.name = loader_detail::is_identifier(fallback) ? fallback : fmt::format("lever{}", i);
    }
    if (!lever.name.empty() && !names.insert(lever.name).second) {
      pr.report(pr.has("name") ? "name" : "path",
                fmt::format("there is already a lever named '{}'; give each a distinct name",
                            lever.name));
    }
    const YAML::Node levels = pr.get("levels");
    if (!levels.IsDefined() || !levels.IsSequence() || levels.size() < 2) {
      pr.report("levels", levels.IsDefined() && levels.IsSequence()
                              ? "a lever needs at least two levels"
                              : "missing or not a list; list the values the lever takes");
    } else {
      for (const auto& v : levels) {
        std::string text = YAML::Dump(v);
        const double number = lever_number(v);
        // The same level twice (0.3 and 0.30 too) would make the same option twice.
        for (std::size_t j = 0; j < lever.levels.size(); ++j) {
          const bool same =
              std::isnan(number) ? lever.levels[j] == text : lever.numeric[j] == number;
          if (same) {
            diag.report(v.Mark(), join_path(where, "levels"),
                        fmt::format("the level {} is listed twice", text));
            break;
          }
        }
        lever.levels.push_back(std::move(text));
        lever.numeric.push_back(number);
      }
      combinations *= static_cast<double>(lever.levels.size());
    }
    pr.check_unknown();
    for (const auto& other : spec.levers) {
      if (!lever.path.empty() && other.path == lever.path) {
        pr.report("path", fmt::format("the lever '{}' already sets {}; one path, one lever",
                                      other.name, lever.path));
        break;
      }
    }
    spec.levers.push_back(std::move(lever));
  }
  lr.check_unknown();
  if (combinations > static_cast<double>(kMaxLeverOptions)) {
    lr.report("parameters",
              fmt::format("the levers make {:.3g} combinations; at most {} options may be "
                          "generated (fewer levels or levers)",
                          combinations, kMaxLeverOptions));
    return;
  }
  if (!diag.empty()) return;

  std::set<std::string> taken;
  for (const auto& o : spec.options) taken.insert(o.name);
  const std::size_t L = spec.levers.size();
  std::vector<std::size_t> at(L, 0);
  for (bool more = true; more;) {
    PolicyOption option;
    option.origin = location(diag, node.Mark());
    option.overrides = shared;
    option.lever_levels = at;
    for (std::size_t l = 0; l < L; ++l) {
      const Lever& lever = spec.levers[l];
      const std::string& value = lever.levels[at[l]];
      option.name += fmt::format("{}{}_{}", l == 0 ? "" : "__", lever.name, name_part(value));
      option.description += fmt::format("{}{}={}", l == 0 ? "" : ", ", lever.name, value);
      Override o;
      o.path = lever.path;
      o.value = value;
      o.text = fmt::format("{}={}", lever.path, value);
      o.origin_file = lever.origin.file;
      o.origin_line = lever.origin.line;
      o.origin_column = lever.origin.column;
      option.overrides.push_back(std::move(o));
    }
    if (!taken.insert(option.name).second) {
      lr.report("parameters", fmt::format("the generated option '{}' has the name of another "
                                          "option; rename that option or a lever",
                                          option.name));
      return;
    }
    spec.options.push_back(std::move(option));
    more = false;
    for (std::size_t l = L; l-- > 0;) {
      if (++at[l] < spec.levers[l].levels.size()) {
        more = true;
        break;
      }
      at[l] = 0;
    }
  }
}

CompareSpec load_comparison(const std::string& path) {
  CompareSpec spec;
  spec.path = path;
  spec.text = loader_detail::read_text_file(path);
  Diagnostics diag(path);
  const YAML::Node root = parse_root(spec.text, diag, "comparison");
  MapReader r(root, "", diag);
  (void)r.get("kind");
  read_head(r, diag, path, spec);
  spec.replicates =
      static_cast<int>(r.integer("replicates", false, 2, 1'000'000).value_or(spec.replicates));
  if (auto seed = r.seed("seed")) {
    spec.seed = *seed;
    spec.has_seed = true;
  }
  if (auto k = read_keep(r)) spec.keep = *k;
  spec.outcomes = read_outcome_definitions(r, diag);
  if (auto c = r.number("confidence", false)) {
    if (*c <= 0 || *c >= 1) {
      r.report("confidence", fmt::format("expected a level between 0 and 1, got {}", *c));
    } else {
      spec.confidence = *c;
    }
  }

  const auto sq = r.string("status_quo", false).value_or("status_quo");
  const YAML::Node options = r.get("options");
  const bool has_levers = r.has("levers");
  const bool listed = options.IsDefined() && !options.IsNull();
  bool read_options = false;
  if (listed && !options.IsSequence()) {
    r.report("options", fmt::format("expected a list of policy options (name, set, policies), "
                                    "got {}",
                                    describe(options)));
  } else if (!listed && !has_levers) {
    r.report("options",
             "missing; list the policy options (name, set, policies), or give "
             "levers to generate them");
  } else if (!has_levers && options.size() < 2) {
    r.report("options",
             "a comparison needs at least two options (one is the status quo), or "
             "levers to generate them");
  } else {
    read_options = true;
  }
  if (read_options) {
    std::set<std::string> names;
    for (std::size_t i = 0; listed && i < options.size(); ++i) {
      const YAML::Node o = options[i];
      std::string opath = fmt::format("options[{}]", i);
      if (!o.IsMap()) {
        diag.report(o.Mark(), opath,
                    fmt::format("expected a map (name, set, policies), got {}", describe(o)));
        continue;
      }
      const YAML::Node name_node = o["name"];
      if (name_node.IsDefined() && name_node.IsScalar() &&
          loader_detail::is_identifier(name_node.Scalar()) &&
          names.count(name_node.Scalar()) == 0) {
        opath = join_path("options", name_node.Scalar());
      }
      MapReader orr(o, opath, diag);
      PolicyOption option;
      option.origin = location(diag, o.Mark());
      if (auto n = orr.string("name", true)) {
        if (!loader_detail::is_identifier(*n)) {
          orr.report("name", fmt::format("'{}' is not a valid name: use letters, digits and '_', "
                                         "starting with a letter",
                                         *n));
        } else if (!names.insert(*n).second) {
          orr.report("name", fmt::format("there is already an option named '{}'", *n));
        }
        option.name = *n;
      }
      option.description = orr.string("description", false).value_or("");
      option.overrides = read_set(orr.get("set"), join_path(opath, "set"), diag);
      read_added_policies(orr, opath, diag, option.overrides);
      orr.check_unknown();
      spec.options.push_back(std::move(option));
    }
    spec.written_options = spec.options.size();
    if (has_levers) {
      const YAML::Node levers = r.get("levers");
      if (!levers.IsMap()) {
        r.report("levers", fmt::format("expected a map (set, policies, parameters), got {}",
                                       describe(levers)));
      } else {
        read_levers(levers, diag, spec);
      }
    }
    if (spec.options.size() < 2 && diag.empty()) {
      r.report(has_levers ? "levers" : "options",
               "a comparison needs at least two options (one is the status quo)");
    }
    bool found = false;
    std::vector<std::string> option_names;
    for (std::size_t i = 0; i < spec.options.size(); ++i) {
      option_names.push_back(spec.options[i].name);
      if (spec.options[i].name == sq) {
        spec.status_quo = i;
        found = true;
      }
    }
    if (!found && !spec.options.empty()) {
      r.report(r.has("status_quo") ? "status_quo" : "options",
               fmt::format("no option is named '{}' (the status quo){}", sq,
                           suggestion(sq, option_names, "options")));
    }
  }

  if (r.has("ensemble")) {
    const YAML::Node e = r.get("ensemble");
    if (!e.IsMap()) {
      r.report("ensemble", fmt::format("expected a map (parameters, design), got {}", describe(e)));
    } else {
      MapReader er(e, "ensemble", diag);
      DesignSpec ds;
      read_design(er, diag, ds, path, true);
      er.check_unknown();
      const double per_point = static_cast<double>(spec.replicates) *
                               static_cast<double>(std::max<std::size_t>(spec.options.size(), 1));
      if (diag.empty()) {
        check_size(ds, per_point, er,
                   fmt::format("{} replicates x {} options", spec.replicates, spec.options.size()));
      }
      spec.ensemble = std::move(ds);
    }
  }

  const YAML::Node thresholds = r.get("thresholds");
  if (thresholds.IsDefined() && !thresholds.IsNull()) {
    if (!thresholds.IsSequence()) {
      r.report("thresholds", fmt::format("expected a list of {{outcome, min, max}}, got {}",
                                         describe(thresholds)));
    } else {
      for (std::size_t i = 0; i < thresholds.size(); ++i) {
        const std::string tpath = fmt::format("thresholds[{}]", i);
        if (!thresholds[i].IsMap()) {
          diag.report(
              thresholds[i].Mark(), tpath,
              fmt::format("expected a map {{outcome, min, max}}, got {}", describe(thresholds[i])));
          continue;
        }
        MapReader tr(thresholds[i], tpath, diag);
        Threshold t;
        t.outcome = tr.string("outcome", true).value_or("");
        if (auto v = tr.number("min", false)) {
          t.has_min = true;
          t.min = *v;
        }
        if (auto v = tr.number("max", false)) {
          t.has_max = true;
          t.max = *v;
        }
        if (!t.has_min && !t.has_max) {
          diag.report(thresholds[i].Mark(), tpath, "give min, max or both");
        } else if (t.has_min && t.has_max && t.min > t.max) {
          tr.report("max", fmt::format("max ({}) is below min ({})", t.max, t.min));
        }
        tr.check_unknown();
        spec.threshold_origins.push_back(location(diag, thresholds[i]["outcome"].IsDefined()
                                                            ? thresholds[i]["outcome"].Mark()
                                                            : thresholds[i].Mark()));
        spec.thresholds.push_back(std::move(t));
      }
    }
  }

  if (r.has("rank_by")) {
    const YAML::Node rb = r.get("rank_by");
    if (!rb.IsMap()) {
      r.report("rank_by", fmt::format("expected a map {{outcome, better: lower|higher}}, got {}",
                                      describe(rb)));
    } else {
      spec.rank_by = read_rank_by(rb, "rank_by", diag);
    }
  } else {
    spec.rank_by.origin = SourceLocation{path, 0, 0};
  }
  if (r.has("pareto")) {
    const YAML::Node p = r.get("pareto");
    if (!p.IsSequence() || p.size() < 2) {
      r.report("pareto", p.IsSequence() ? "a Pareto front needs at least two objectives"
                                        : fmt::format("expected a list of {{outcome, better: "
                                                      "lower|higher}}, got {}",
                                                      describe(p)));
    } else {
      std::set<std::string> seen;
      for (std::size_t i = 0; i < p.size(); ++i) {
        const std::string where = fmt::format("pareto[{}]", i);
        if (!p[i].IsMap()) {
          diag.report(p[i].Mark(), where,
                      fmt::format("expected a map {{outcome, better: lower|higher}}, got {}",
                                  describe(p[i])));
          continue;
        }
        RankBy objective = read_rank_by(p[i], where, diag);
        if (!objective.outcome.empty() && !seen.insert(objective.outcome).second) {
          diag.report(p[i].Mark(), where,
                      fmt::format("the outcome '{}' is already an objective", objective.outcome));
        }
        spec.pareto.push_back(std::move(objective));
      }
    }
  }
  if (r.has("robustness")) {
    const YAML::Node rob = r.get("robustness");
    if (!rob.IsMap()) {
      r.report("robustness",
               fmt::format("expected a map (hurwicz_alpha, percentile), got {}", describe(rob)));
    } else {
      MapReader rr(rob, "robustness", diag);
      if (auto a = rr.number("hurwicz_alpha", false)) {
        if (*a < 0 || *a > 1) {
          rr.report(
              "hurwicz_alpha",
              fmt::format("expected a weight between 0 and 1 (of the best case), got {}", *a));
        } else {
          spec.robustness.hurwicz_alpha = *a;
        }
      }
      if (auto q = rr.number("percentile", false)) {
        if (*q < 0.5 || *q >= 1) {
          rr.report("percentile",
                    fmt::format("expected a share from 0.5 to below 1 (0.9: the worst tenth of "
                                "the scenarios), got {}",
                                *q));
        } else {
          spec.robustness.percentile = *q;
        }
      }
      rr.check_unknown();
    }
  }
  r.check_unknown();
  if (!diag.empty()) throw InputError(diag.take_sorted());
  return spec;
}

}  // namespace flashpoint
