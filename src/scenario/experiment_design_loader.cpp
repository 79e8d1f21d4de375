// Reading the design of a sweep or of a comparison's ensemble: its uncertain parameters, the
// design kind and size, and CSV design matrices (docs/experiments.md); building designs.
#include <csv.h>

#include <algorithm>
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
#include "scenario/experiment_specs.hpp"
#include "scenario/input_files.hpp"
#include "scenario/overrides.hpp"

#include "scenario/experiment_loader_detail.hpp"

namespace flashpoint {

namespace experiment_detail {

namespace {

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
                    DesignSpec& spec, bool calibration) {
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
  if (calibration && r.has("scenarios")) {
    const YAML::Node list = r.get("scenarios");
    if (!list.IsSequence() || list.size() == 0) {
      r.report("scenarios", fmt::format("expected a list of the calibration's scenario names, "
                                        "e.g. scenarios: [crisis], got {}",
                                        describe(list)));
      ok = false;
    } else {
      for (const auto& item : list) {
        if (!item.IsScalar()) {
          diag.report(item.Mark(), join_path(path, "scenarios"),
                      fmt::format("expected a scenario name, got {}", describe(item)));
          ok = false;
          continue;
        }
        p.scenarios.push_back(item.Scalar());
      }
    }
  }
  r.check_unknown();
  if (!ok) return;
  spec.parameters.push_back(std::move(p));
  spec.origins.push_back(location(diag, node.Mark()));
}

/// A cell of a CSV file: its text (quotes removed, as RFC 4180 reads it) and where it starts.
struct CsvCell {
  std::string text;
  int line = 0;    ///< 1-based
  int column = 0;  ///< 1-based, of its first character after leading blanks
  bool quoted = false;
};
using CsvRow = std::vector<CsvCell>;

/// What libcsv's callbacks fill: the rows, and the offsets that place each cell.
struct CsvReading {
  const std::string* text = nullptr;
  std::vector<std::size_t> line_starts;  ///< offset of each line's first byte
  std::size_t offset = 0;                ///< of the byte being parsed
  std::size_t field_start = 0;           ///< of the current field's first byte
  CsvRow row;
  std::vector<CsvRow> rows;

  [[nodiscard]] std::pair<int, int> place(std::size_t at) const {
    const auto it = std::upper_bound(line_starts.begin(), line_starts.end(), at);
    const auto line = static_cast<std::size_t>(it - line_starts.begin());  // >= 1
    return {static_cast<int>(line), static_cast<int>(at - line_starts[line - 1]) + 1};
  }
};

extern "C" void csv_on_field(void* field, std::size_t length, void* data) {
  auto& r = *static_cast<CsvReading*>(data);
  const std::string& t = *r.text;
  std::size_t start = r.field_start;
  while (start < t.size() && (t[start] == ' ' || t[start] == '\t' || t[start] == '\r' ||
                              (r.row.empty() && t[start] == '\n'))) {
    ++start;
  }
  const auto [line, column] = r.place(std::min(start, t.empty() ? 0 : t.size() - 1));
  r.row.push_back({std::string(static_cast<const char*>(field), length), line, column,
                   start < t.size() && t[start] == '"'});
  r.field_start = r.offset + 1;
}

extern "C" void csv_on_row(int, void* data) {
  auto& r = *static_cast<CsvReading*>(data);
  r.field_start = r.offset + 1;
  // A line of blanks (or a comment, blanked before parsing) is one empty unquoted cell: no row.
  if (!(r.row.size() == 1 && r.row[0].text.empty() && !r.row[0].quoted)) {
    r.rows.push_back(std::move(r.row));
  }
  r.row.clear();
}

/// Reads CSV text with libcsv (RFC 4180: fields in double quotes may hold commas, line breaks and
/// doubled quotes; CRLF or LF line ends; blanks around unquoted fields are trimmed). Lines that
/// start with '#' outside a quoted field are comments. Returns false, with the place and the
/// reason, on malformed text.
bool read_csv(std::string text, std::vector<CsvRow>& rows, std::pair<int, int>& where,
              std::string& why) {
  // Comments become blanks (same offsets), which csv_on_row drops.
  bool quoted = false, line_start = true;
  for (char& ch : text) {
    if (line_start && !quoted && ch == '#') {
      line_start = false;
      for (char* c = &ch; *c != '\n' && *c != '\0'; ++c) *c = ' ';
    }
    if (ch == '"') quoted = !quoted;
    line_start = ch == '\n';
  }
  CsvReading r;
  r.text = &text;
  r.line_starts.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') r.line_starts.push_back(i + 1);
  }
  csv_parser parser{};
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
    why = "cannot start the CSV reader";
    return false;
  }
  bool good = true;
  for (; r.offset < text.size(); ++r.offset) {
    if (csv_parse(&parser, &text[r.offset], 1, csv_on_field, csv_on_row, &r) != 1) {
      good = false;
      break;
    }
  }
  if (good && csv_fini(&parser, csv_on_field, csv_on_row, &r) != 0) good = false;
  if (!good && r.offset >= text.size()) {
    // Located at the field that is still open: its opening quote.
    std::size_t start = r.field_start;
    while (start < text.size() && text[start] != '"') ++start;
    where = r.place(std::min(start, text.size() - 1));
    why = "this quoted field is not closed by the end of the file";
  } else if (!good) {
    where = r.place(r.offset);
    why =
        "not CSV (RFC 4180): a double quote inside an unquoted field, or text after a closing "
        "quote; quote the whole field and double the quotes inside it";
  }
  csv_free(&parser);
  rows = std::move(r.rows);
  return good;
}

/// Reads a design matrix from CSV: a header of parameter paths, then one row of numbers per
/// design point. A first column headed "" (the row names R's write.csv adds) is left out.
/// Problems are located in the CSV file.
void read_csv_design(const std::string& csv_path, DesignSpec& spec, Diagnostics& outer,
                     const YAML::Mark& mark, const std::string& key) {
  std::string text;
  try {
    text = read_input_file(csv_path);
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
  const auto at = [](int line, int column) {
    YAML::Mark m;
    m.line = line - 1;
    m.column = column - 1;
    return m;
  };
  std::vector<CsvRow> rows;
  std::pair<int, int> where;
  std::string why;
  if (!read_csv(std::move(text), rows, where, why)) {
    diag.report(at(where.first, where.second), "", why);
    rows.clear();
  }
  // R's write.csv: a first column headed "" holds the row names.
  const std::size_t skip =
      !rows.empty() && rows[0].size() > 1 && rows[0][0].quoted && rows[0][0].text.empty() ? 1 : 0;
  std::size_t columns = 0;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const CsvRow& row = rows[r];
    if (r == 0) {
      columns = row.size() - skip;
      std::set<std::string> seen;
      for (std::size_t c = skip; c < row.size(); ++c) {
        const CsvCell& h = row[c];
        if (h.text.empty()) {
          diag.report(at(h.line, h.column), fmt::format("column {}", c + 1),
                      "empty column name: name a parameter");
        } else if (h.text == "seed") {
          diag.report(at(h.line, h.column), h.text,
                      "the seed cannot be a column of the design: every run gets its own seed "
                      "from the sweep file's master `seed` (replicates sample the randomness); "
                      "remove the column");
        } else if (!seen.insert(h.text).second) {
          diag.report(at(h.line, h.column), h.text, "this parameter is named twice");
        }
        UncertainParameter p;
        p.path = h.text;
        spec.parameters.push_back(p);
        spec.origins.push_back(SourceLocation{csv_path, h.line, h.column});
      }
      continue;
    }
    if (row.size() - std::min(skip, row.size()) != columns) {
      diag.report(at(row[0].line, 1), "",
                  fmt::format("{} values; the header names {} parameters",
                              row.size() - std::min(skip, row.size()), columns));
      continue;
    }
    std::vector<double> values;
    for (std::size_t c = skip; c < row.size(); ++c) {
      const CsvCell& cell = row[c];
      double v = 0;
      std::size_t used = 0;
      bool good = false;
      try {
        v = std::stod(cell.text, &used);
        good = used == cell.text.size() && std::isfinite(v);
      } catch (const std::exception&) {
        good = false;
      }
      if (!good) {
        diag.report(at(cell.line, cell.column), rows[0][c].text,
                    fmt::format("expected a finite number, got '{}'", cell.text));
      }
      values.push_back(v);
    }
    spec.csv_values.push_back(std::move(values));
  }
  if (rows.empty() && why.empty()) {
    diag.report_file("the design file is empty: expected a header of parameter paths");
  } else if (!rows.empty() && spec.csv_values.empty()) {
    diag.report_file("the design file has a header but no rows of values");
  }
  for (auto& p : diag.take_sorted()) {
    outer.report_override(Override{"", "", "", false, p.file, p.line, p.column}, p.key, p.message);
  }
}

}  // namespace

/// `parameters: {from_posterior: FILE, draws: N}`: the design is N draws from a posterior.
void read_posterior(MapReader& top, Diagnostics& diag, DesignSpec& spec, const std::string& file) {
  MapReader p(top.get("parameters"), top.key_path("parameters"), diag);
  spec.kind = DesignKind::kExternal;
  if (auto f = p.string("from_posterior", true)) {
    spec.posterior_path = resolve_against(file, *f);
    spec.posterior_origin = location(diag, p.mark_of("from_posterior"));
    if (!std::filesystem::is_regular_file(spec.posterior_path)) {
      p.report("from_posterior",
               fmt::format("cannot read the posterior file {}: {}", spec.posterior_path,
                           std::filesystem::exists(spec.posterior_path)
                               ? "it is not a regular file"
                               : "no such file (write it with flashpoint calibrate)"));
    }
  }
  if (auto n = p.integer("draws", true, 1, 1'000'000))
    spec.posterior_draws = static_cast<std::size_t>(*n);
  if (p.has("out_of_sample")) {
    const YAML::Node flag = p.get("out_of_sample");
    bool value = false;
    if (!flag.IsScalar() || !YAML::convert<bool>::decode(flag, value)) {
      p.report("out_of_sample", fmt::format("expected true or false, got {}", describe(flag)));
    }
    spec.posterior_out_of_sample = value;
  }
  p.check_unknown();
  if (top.has("design")) {
    top.report("design", "the posterior's draws are the points: remove 'design'");
  }
}

void read_design(MapReader& top, Diagnostics& diag, DesignSpec& spec, const std::string& file,
                 bool for_ensemble) {
  const YAML::Node params = top.get("parameters");
  if (params.IsMap()) {
    read_posterior(top, diag, spec, file);
    return;
  }
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
  read_parameters(top, diag, spec, false);
  if (known && kind == DesignKind::kSobol && spec.parameters.size() * 2 > kSobolMaxDimension) {
    top.report("parameters", fmt::format("a Sobol design takes at most {} parameters, got {}",
                                         kSobolMaxDimension / 2, spec.parameters.size()));
  }
}

void read_parameters(MapReader& top, Diagnostics& diag, DesignSpec& spec, bool calibration) {
  const YAML::Node params = top.get("parameters");
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
    read_parameter(params[i], ppath, diag, spec, calibration);
    if (spec.parameters.size() > before && !seen.insert(spec.parameters.back().path).second) {
      diag.report(
          params[i].Mark(), join_path(ppath, "path"),
          fmt::format("'{}' is already a parameter of this design", spec.parameters.back().path));
    }
  }
}

}  // namespace experiment_detail

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
      return static_cast<double>(spec.posterior_path.empty() ? spec.csv_values.size()
                                                             : spec.posterior_draws);
    default:
      return static_cast<double>(spec.samples);
  }
}

}  // namespace flashpoint
