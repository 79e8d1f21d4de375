// Reading sweep and comparison files (docs/experiments.md): YAML -> SweepSpec / CompareSpec.
// Every problem is located at FILE:LINE:COL with its dotted key, as for scenario files; all
// problems of a file are reported together.
#include <cerrno>
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
#include "experiment/specs.hpp"
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

namespace {

std::string describe(const YAML::Node& n) {
  if (!n || n.IsNull()) return "nothing";
  if (n.IsSequence()) return "a list";
  if (n.IsMap()) return "a map";
  return fmt::format("'{}'", n.Scalar());
}

/// Typed access to one YAML map with located problems. Keys read are remembered; check_unknown()
/// reports the rest with a did-you-mean.
class MapReader {
 public:
  MapReader(const YAML::Node& node, std::string path, Diagnostics& diag)
      : node_(node), path_(std::move(path)), diag_(diag) {}

  [[nodiscard]] bool has(const std::string& key) {
    known_.insert(key);
    const YAML::Node n = node_[key];
    return n.IsDefined() && !n.IsNull();
  }
  [[nodiscard]] YAML::Node get(const std::string& key) {
    known_.insert(key);
    return node_[key];
  }
  [[nodiscard]] std::string key_path(const std::string& key) const { return join_path(path_, key); }
  [[nodiscard]] YAML::Mark mark_of(const std::string& key) const {
    const YAML::Node n = node_[key];
    return n.IsDefined() ? n.Mark() : node_.Mark();
  }

  void report(const std::string& key, const std::string& message) {
    diag_.report(mark_of(key), key_path(key), message);
  }

  std::optional<std::string> string(const std::string& key, bool required) {
    const YAML::Node n = get(key);
    if (!n.IsDefined() || n.IsNull()) {
      if (required) diag_.report(node_.Mark(), key_path(key), "missing; it is required here");
      return std::nullopt;
    }
    if (!n.IsScalar()) {
      report(key, fmt::format("expected text, got {}", describe(n)));
      return std::nullopt;
    }
    if (key == "name") {
      if (auto bad = loader_detail::control_character(n.Scalar())) {
        report(key, fmt::format("a name may not hold control characters (found byte 0x{:02x} at "
                                "character {}): write it on one line, without tabs",
                                static_cast<unsigned>(static_cast<unsigned char>(bad->first)),
                                bad->second + 1));
        return std::nullopt;
      }
    }
    return n.Scalar();
  }

  std::optional<double> number(const std::string& key, bool required) {
    const YAML::Node n = get(key);
    if (!n.IsDefined() || n.IsNull()) {
      if (required) diag_.report(node_.Mark(), key_path(key), "missing; it is required here");
      return std::nullopt;
    }
    double v = 0;
    if (!n.IsScalar() || !YAML::convert<double>::decode(n, v) || !std::isfinite(v)) {
      report(key, fmt::format("expected a finite number, got {}", describe(n)));
      return std::nullopt;
    }
    return v;
  }

  std::optional<long long> integer(const std::string& key, bool required, long long low,
                                   long long high) {
    const YAML::Node n = get(key);
    if (!n.IsDefined() || n.IsNull()) {
      if (required) diag_.report(node_.Mark(), key_path(key), "missing; it is required here");
      return std::nullopt;
    }
    long long v = 0;
    if (!n.IsScalar() || !YAML::convert<long long>::decode(n, v)) {
      report(key,
             fmt::format("expected a whole number from {} to {}, got {}", low, high, describe(n)));
      return std::nullopt;
    }
    if (v < low || v > high) {
      report(key, fmt::format("{} is out of range: expected {} to {}", v, low, high));
      return std::nullopt;
    }
    return v;
  }

  std::optional<std::uint64_t> seed(const std::string& key) {
    const YAML::Node n = get(key);
    if (!n.IsDefined() || n.IsNull()) return std::nullopt;
    std::uint64_t v = 0;
    if (!n.IsScalar() || n.Scalar().starts_with("-") ||
        !YAML::convert<std::uint64_t>::decode(n, v)) {
      report(key, fmt::format("expected a whole number from 0 to 2^64-1, got {}", describe(n)));
      return std::nullopt;
    }
    return v;
  }

  void check_unknown() {
    std::vector<std::string> known(known_.begin(), known_.end());
    for (const auto& kv : node_) {
      if (!kv.first.IsScalar()) {
        diag_.report(kv.first.Mark(), path_, "keys must be plain text");
        continue;
      }
      const std::string& k = kv.first.Scalar();
      if (known_.count(k) == 0) {
        diag_.report(kv.first.Mark(), join_path(path_, k),
                     fmt::format("unknown key '{}'{}", k, suggestion(k, known, "keys here")));
      }
    }
  }

 private:
  YAML::Node node_;
  std::string path_;
  Diagnostics& diag_;
  std::set<std::string> known_;
};

constexpr double kMaxWhole = 9007199254740992.0;  // 2^53
constexpr double kMaxPoints = 1e7;                ///< design points of one experiment
constexpr double kMaxRuns = 1e9;                  ///< runs of one experiment

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

SourceLocation location(const Diagnostics& diag, const YAML::Mark& m) {
  return SourceLocation{diag.file(), m.is_null() ? 0 : m.line + 1, m.is_null() ? 0 : m.column + 1};
}

/// Parses the file, checks it is a map with `kind: EXPECTED`. Throws on anything that stops
/// reading further.
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
      const std::vector<std::string> kinds = {"sweep", "comparison"};
      hint = fmt::format(", got {}", describe(kind));
      if (given == "sweep" || given == "comparison") {
        hint += fmt::format(" (run it with flashpoint {})", given == "sweep" ? "sweep" : "compare");
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

std::string resolve_against(const std::string& file, const std::string& relative) {
  const std::filesystem::path p(relative);
  if (p.is_absolute()) return relative;
  const auto folder = std::filesystem::path(file).parent_path();
  return (folder / p).lexically_normal().string();
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

/// `set:` map of dotted path -> value, as overrides located in the file.
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

std::optional<Distribution> distribution_of(const std::string& s) {
  if (s == "uniform") return Distribution::kUniform;
  if (s == "log_uniform") return Distribution::kLogUniform;
  if (s == "triangular") return Distribution::kTriangular;
  if (s == "normal") return Distribution::kNormal;
  if (s == "levels") return Distribution::kLevels;
  if (s == "integers") return Distribution::kInteger;
  return std::nullopt;
}

void read_parameter(const YAML::Node& node, const std::string& path, Diagnostics& diag,
                    DesignSpec& spec) {
  if (!node.IsMap()) {
    diag.report(
        node.Mark(), path,
        fmt::format("expected a map with path, distribution and bounds, got {}", describe(node)));
    return;
  }
  MapReader r(node, path, diag);
  UncertainParameter p;
  bool ok = true;
  if (auto s = r.string("path", true)) {
    p.path = *s;
    if (p.path == "seed") {
      r.report("path",
               "the seed cannot be an uncertain parameter: every run gets its own seed "
               "from the file's master `seed` (replicates sample the randomness)");
      ok = false;
    }
  } else {
    ok = false;
  }
  std::string dist_name = "uniform";
  if (auto s = r.string("distribution", false)) dist_name = *s;
  auto dist = distribution_of(dist_name);
  if (!dist) {
    const std::vector<std::string> valid = {"uniform", "log_uniform", "triangular",
                                            "normal",  "levels",      "integers"};
    r.report("distribution", fmt::format("unknown distribution '{}'{}", dist_name,
                                         suggestion(dist_name, valid, "distributions")));
    r.check_unknown();
    return;
  }
  p.distribution = *dist;
  const bool needs_bounds = p.distribution != Distribution::kLevels;
  auto low = needs_bounds ? r.number("low", true) : std::nullopt;
  auto high = needs_bounds ? r.number("high", true) : std::nullopt;
  if (needs_bounds && (!low || !high)) ok = false;
  if (low && high) {
    p.low = *low;
    p.high = *high;
    if (!(p.low < p.high) && !(p.distribution == Distribution::kInteger && p.low == p.high)) {
      r.report("high", fmt::format("high ({}) must be greater than low ({})", p.high, p.low));
      ok = false;
    }
  }
  switch (p.distribution) {
    case Distribution::kLogUniform:
      if (low && *low <= 0) {
        r.report("low", fmt::format("a log-uniform needs low > 0, got {}", *low));
        ok = false;
      }
      break;
    case Distribution::kTriangular:
      if (auto m = r.number("mode", true)) {
        p.mode = *m;
        if (low && high && (*m < *low || *m > *high)) {
          r.report("mode",
                   fmt::format("the mode {} is outside [low, high] = [{}, {}]", *m, *low, *high));
          ok = false;
        }
      } else {
        ok = false;
      }
      break;
    case Distribution::kNormal: {
      auto m = r.number("mean", true);
      auto sd = r.number("sd", true);
      if (m) p.mode = *m;
      if (sd) {
        p.sd = *sd;
        if (*sd <= 0) {
          r.report("sd", fmt::format("sd must be > 0, got {}", *sd));
          ok = false;
        }
      }
      if (!m || !sd) ok = false;
      break;
    }
    case Distribution::kLevels: {
      const YAML::Node levels = r.get("levels");
      if (!levels.IsDefined() || !levels.IsSequence() || levels.size() == 0) {
        r.report("levels", "expected a list of at least one number, e.g. levels: [0.5, 1, 2]");
        ok = false;
        break;
      }
      for (std::size_t i = 0; i < levels.size(); ++i) {
        double v = 0;
        if (!levels[i].IsScalar() || !YAML::convert<double>::decode(levels[i], v) ||
            !std::isfinite(v)) {
          diag.report(levels[i].Mark(), fmt::format("{}.levels[{}]", path, i),
                      fmt::format("expected a finite number, got {}", describe(levels[i])));
          ok = false;
        }
        p.levels.push_back(v);
      }
      break;
    }
    case Distribution::kInteger:
      if (low && high && (*low != std::round(*low) || *high != std::round(*high))) {
        r.report("low", fmt::format("integers needs whole-number bounds, got low = {}, high = {}",
                                    *low, *high));
        ok = false;
      } else if (low && high && (std::abs(*low) > kMaxWhole || std::abs(*high) > kMaxWhole)) {
        r.report(std::abs(*low) > kMaxWhole ? "low" : "high",
                 fmt::format("integers needs bounds within +-2^53 (whole numbers a double holds "
                             "exactly), got low = {}, high = {}",
                             *low, *high));
        ok = false;
      }
      break;
    case Distribution::kUniform:
      break;
  }
  r.check_unknown();
  if (!ok) return;
  spec.parameters.push_back(std::move(p));
  spec.origins.push_back(location(diag, node.Mark()));
}

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> out;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, ',')) {
    while (!cell.empty() && (cell.back() == ' ' || cell.back() == '\r')) cell.pop_back();
    std::size_t start = 0;
    while (start < cell.size() && cell[start] == ' ') ++start;
    out.push_back(cell.substr(start));
  }
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}

/// Reads a design matrix from CSV: a header of parameter paths, then one row of numbers per
/// design point. Problems are located in the CSV file.
void read_csv_design(const std::string& csv_path, DesignSpec& spec, Diagnostics& outer,
                     const YAML::Mark& mark, const std::string& key) {
  std::istringstream in;
  try {
    in.str(read_input_file(csv_path));
  } catch (const InputError& e) {
    // "PATH: cannot read file: WHY" -> "cannot read the design file PATH: WHY"
    const std::string& m = e.problems().front().message;
    const auto colon = m.find(": ");
    outer.report(mark, key,
                 fmt::format("cannot read the design file {}: {}", csv_path,
                             colon == std::string::npos ? m : m.substr(colon + 2)));
    return;
  }
  Diagnostics diag(csv_path);
  std::string line;
  int line_no = 0;
  std::vector<std::string> header;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line == "\r" || line.starts_with('#')) continue;
    const auto cells = split_csv_line(line);
    if (header.empty()) {
      header = cells;
      std::set<std::string> seen;
      for (std::size_t c = 0; c < header.size(); ++c) {
        YAML::Mark m;
        m.line = line_no - 1;
        m.column = static_cast<int>(line.find(header[c]));
        if (header[c].empty()) {
          diag.report(m, fmt::format("column {}", c + 1), "empty column name: name a parameter");
        } else if (header[c] == "seed") {
          diag.report(m, header[c],
                      "the seed cannot be a column of the design: every run gets its own seed "
                      "from the sweep file's master `seed` (replicates sample the randomness); "
                      "remove the column");
        } else if (!seen.insert(header[c]).second) {
          diag.report(m, header[c], "this parameter is named twice");
        }
        UncertainParameter p;
        p.path = header[c];
        spec.parameters.push_back(p);
        spec.origins.push_back(SourceLocation{csv_path, line_no, m.column + 1});
      }
      continue;
    }
    if (cells.size() != header.size()) {
      YAML::Mark m;
      m.line = line_no - 1;
      m.column = 0;
      diag.report(
          m, "",
          fmt::format("{} values; the header names {} parameters", cells.size(), header.size()));
      continue;
    }
    std::vector<double> row;
    std::size_t column = 0;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      double v = 0;
      std::size_t used = 0;
      bool good = false;
      try {
        v = std::stod(cells[c], &used);
        good = used == cells[c].size() && std::isfinite(v);
      } catch (const std::exception&) {
        good = false;
      }
      if (!good) {
        YAML::Mark m;
        m.line = line_no - 1;
        m.column = static_cast<int>(line.find(cells[c], column));
        diag.report(m, header[c], fmt::format("expected a finite number, got '{}'", cells[c]));
      }
      column = line.find(',', column) + 1;
      row.push_back(v);
    }
    spec.csv_values.push_back(std::move(row));
  }
  if (header.empty()) {
    diag.report_file("the design file is empty: expected a header of parameter paths");
  } else if (spec.csv_values.empty()) {
    diag.report_file("the design file has a header but no rows of values");
  }
  for (auto& p : diag.take_sorted()) {
    outer.report_override(Override{"", "", "", false, p.file, p.line, p.column}, p.key, p.message);
  }
}

void read_design(MapReader& top, Diagnostics& diag, DesignSpec& spec, const std::string& file,
                 bool for_ensemble) {
  const YAML::Node params = top.get("parameters");
  const YAML::Node design = top.get("design");
  if (!design.IsDefined() || !design.IsMap()) {
    top.report("design",
               design.IsDefined()
                   ? fmt::format("expected a map (kind, samples, ...), got {}", describe(design))
                   : "missing; it is required here (e.g. design: {kind: latin_hypercube, "
                     "samples: 100})");
    return;
  }
  const std::string dpath = top.key_path("design");
  MapReader d(design, dpath, diag);
  auto kind_name = d.string("kind", true);
  bool known = false;
  DesignKind kind = DesignKind::kLatinHypercube;
  if (kind_name) {
    for (DesignKind k : {DesignKind::kGrid, DesignKind::kRandom, DesignKind::kLatinHypercube,
                         DesignKind::kSobol, DesignKind::kMorris, DesignKind::kExternal}) {
      if (*kind_name == design_kind_name(k)) {
        kind = k;
        known = true;
      }
    }
    if (!known) {
      const std::vector<std::string> valid = {"grid",  "random", "latin_hypercube",
                                              "sobol", "morris", "csv"};
      d.report("kind", fmt::format("unknown design '{}'{}", *kind_name,
                                   suggestion(*kind_name, valid, "designs")));
    }
  }
  if (known && for_ensemble && (kind == DesignKind::kSobol || kind == DesignKind::kMorris)) {
    d.report("kind", fmt::format("a comparison's scenario ensemble is sampled with grid, random, "
                                 "latin_hypercube or csv, not {}",
                                 *kind_name));
    known = false;
  }
  if (known) spec.kind = kind;
  if (!known) {
    // The design's other keys cannot be checked without a kind: do not call them unknown.
    (void)d.has("samples");
    (void)d.has("levels");
    (void)d.has("file");
  }
  const bool external = known && kind == DesignKind::kExternal;
  if (known && !external) {
    if (kind == DesignKind::kGrid || kind == DesignKind::kMorris) {
      const long long default_levels = kind == DesignKind::kMorris ? 4 : 3;
      auto lv = d.integer("levels", false, 2, 1000);
      spec.levels = static_cast<int>(lv.value_or(default_levels));
      if (kind == DesignKind::kMorris && spec.levels % 2 != 0) {
        d.report("levels",
                 fmt::format("a Morris grid needs an even number of levels, got {}", spec.levels));
      }
    }
    if (kind != DesignKind::kGrid) {
      auto n = d.integer("samples", true, 1, 10'000'000);
      if (n) spec.samples = static_cast<std::size_t>(*n);
    }
  }
  if (external) {
    if (auto f = d.string("file", true)) {
      spec.csv_path = resolve_against(file, *f);
      read_csv_design(spec.csv_path, spec, diag, d.mark_of("file"), d.key_path("file"));
    }
    if (params.IsDefined() && !params.IsNull()) {
      top.report("parameters",
                 "a csv design names its parameters in the CSV header; remove 'parameters'");
    }
    d.check_unknown();
    return;
  }
  d.check_unknown();
  if (!params.IsDefined() || !params.IsSequence() || params.size() == 0) {
    top.report(
        "parameters",
        params.IsDefined()
            ? fmt::format("expected a list of uncertain parameters, got {}", describe(params))
            : "missing; list the uncertain parameters (path, distribution, low, high)");
    return;
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < params.size(); ++i) {
    const std::string ppath = fmt::format("{}[{}]", top.key_path("parameters"), i);
    const std::size_t before = spec.parameters.size();
    read_parameter(params[i], ppath, diag, spec);
    if (spec.parameters.size() > before && !seen.insert(spec.parameters.back().path).second) {
      diag.report(
          params[i].Mark(), join_path(ppath, "path"),
          fmt::format("'{}' is already a parameter of this design", spec.parameters.back().path));
    }
  }
  if (known && kind == DesignKind::kSobol && spec.parameters.size() * 2 > kSobolMaxDimension) {
    top.report("parameters", fmt::format("a Sobol design takes at most {} parameters, got {}",
                                         kSobolMaxDimension / 2, spec.parameters.size()));
  }
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

double design_points(const DesignSpec& spec) {
  const auto k = static_cast<double>(spec.parameters.size());
  switch (spec.kind) {
    case DesignKind::kGrid: {
      double n = 1;
      for (const auto& p : spec.parameters) {
        if (p.distribution == Distribution::kLevels) {
          n *= static_cast<double>(p.levels.size());
        } else if (p.distribution == Distribution::kInteger) {
          n *= p.high - p.low + 1;
        } else {
          n *= spec.levels;
        }
      }
      return n;
    }
    case DesignKind::kSobol:
      return static_cast<double>(spec.samples) * (k + 2);
    case DesignKind::kMorris:
      return static_cast<double>(spec.samples) * (k + 1);
    case DesignKind::kExternal:
      return static_cast<double>(spec.csv_values.size());
    default:
      return static_cast<double>(spec.samples);
  }
}

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
  if (auto c = r.number("confidence", false)) {
    if (*c <= 0 || *c >= 1) {
      r.report("confidence", fmt::format("expected a level between 0 and 1, got {}", *c));
    } else {
      spec.confidence = *c;
    }
  }

  const YAML::Node options = r.get("options");
  if (!options.IsDefined() || !options.IsSequence() || options.size() < 2) {
    r.report("options", options.IsDefined() && options.IsSequence()
                            ? "a comparison needs at least two options (one is the status quo)"
                            : "missing or not a list; list the policy options (name, set, "
                              "policies)");
  } else {
    std::set<std::string> names;
    for (std::size_t i = 0; i < options.size(); ++i) {
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
      const YAML::Node policies = orr.get("policies");
      if (policies.IsDefined() && !policies.IsNull()) {
        if (!policies.IsSequence()) {
          orr.report("policies", fmt::format("expected a list of policies (as in a scenario's "
                                             "'policies'), got {}",
                                             describe(policies)));
        } else {
          for (const auto& item : policies) {
            Override add;
            add.path = "policies";
            add.append = true;
            add.value = YAML::Dump(item);
            add.text = fmt::format("{}.policies", opath);
            const SourceLocation at = location(diag, item.Mark());
            add.origin_file = at.file;
            add.origin_line = at.line;
            add.origin_column = at.column;
            option.overrides.push_back(std::move(add));
          }
        }
      }
      orr.check_unknown();
      spec.options.push_back(std::move(option));
    }
    const auto sq = r.string("status_quo", false).value_or("status_quo");
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
                               static_cast<double>(std::max<std::size_t>(options.size(), 1));
      if (diag.empty()) {
        check_size(ds, per_point, er,
                   fmt::format("{} replicates x {} options", spec.replicates, options.size()));
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
      MapReader rr(rb, "rank_by", diag);
      if (auto o = rr.string("outcome", true)) spec.rank_by.outcome = *o;
      spec.rank_by.origin = location(diag, rr.mark_of("outcome"));
      if (auto b = rr.string("better", false)) {
        if (*b == "lower" || *b == "higher") {
          spec.rank_by.lower_is_better = *b == "lower";
        } else {
          rr.report("better", fmt::format("expected 'lower' or 'higher', got '{}'", *b));
        }
      }
      rr.check_unknown();
    }
  } else {
    spec.rank_by.origin = SourceLocation{path, 0, 0};
  }
  r.check_unknown();
  if (!diag.empty()) throw InputError(diag.take_sorted());
  return spec;
}

Design build_design(const DesignSpec& spec, std::uint64_t seed) {
  const std::size_t k = spec.parameters.size();
  switch (spec.kind) {
    case DesignKind::kGrid:
      return grid_design(spec.parameters, spec.levels);
    case DesignKind::kRandom:
      return random_design(k, spec.samples, seed);
    case DesignKind::kLatinHypercube:
      return latin_hypercube_design(k, spec.samples, seed);
    case DesignKind::kSobol:
      return saltelli_design(k, spec.samples, seed);
    case DesignKind::kMorris:
      return morris_design(k, spec.samples, spec.levels, seed);
    case DesignKind::kExternal: {
      Design d;
      d.kind = DesignKind::kExternal;
      d.parameters = k;
      d.unit = PointTable::from_rows(spec.csv_values);  // values as given; not unit coordinates
      return d;
    }
  }
  return {};
}

std::vector<double> design_point_values(const DesignSpec& spec, const Design& design,
                                        std::size_t point) {
  if (spec.kind == DesignKind::kExternal) {
    const auto row = design.unit.at(point);
    return {row.begin(), row.end()};
  }
  std::vector<double> values(spec.parameters.size());
  for (std::size_t j = 0; j < values.size(); ++j) {
    values[j] = spec.parameters[j].value_at(design.unit.at(point)[j]);
  }
  return values;
}

std::vector<Override> design_point_overrides(const DesignSpec& spec,
                                             const std::vector<double>& values) {
  std::vector<Override> out;
  for (std::size_t j = 0; j < spec.parameters.size(); ++j) {
    Override o;
    o.path = spec.parameters[j].path;
    // Shortest text that reads back as the same double.
    o.value = fmt::format("{}", values[j]);
    o.text = fmt::format("{}={}", o.path, o.value);
    o.origin_file = spec.origins[j].file;
    o.origin_line = spec.origins[j].line;
    o.origin_column = spec.origins[j].column;
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace flashpoint
