// `flashpoint inspect FILE`: describes a results file (docs/output.md), and for sweeps and
// comparisons prints their sensitivity measures and comparison table (docs/experiments.md).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "experiment/calibrate.hpp"
#include "experiment/compare.hpp"
#include "experiment/sweep.hpp"
#include "output/hdf5_reader.hpp"

namespace flashpoint::cli {

namespace {

std::string attribute(const TableGroup& g, const std::string& name) {
  for (const auto& [k, v] : g.attributes) {
    if (k == name) return v;
  }
  return "";
}

const std::vector<double>* variable(const TableGroup& g, const std::string& name) {
  for (const auto& v : g.variables) {
    if (v.name == name) return &v.values;
  }
  return nullptr;
}

std::vector<std::string> labels(const TableGroup& g, const std::string& name) {
  for (const auto& c : g.coordinates) {
    if (c.name == name) return c.labels;
  }
  return {};
}

std::size_t coordinate_size(const TableGroup& g, const std::string& name) {
  for (const auto& c : g.coordinates) {
    if (c.name == name) return c.labels.empty() ? c.size : c.labels.size();
  }
  return 0;
}

double at(const std::vector<double>* v, std::size_t i) {
  return v != nullptr && i < v->size() ? (*v)[i] : std::nan("");
}

/// A count or rank stored as a float64: the nearest int, or `fallback` when there is no value
/// or it is out of range (a cast would be undefined).
int to_int(double v, int fallback) {
  if (!std::isfinite(v) || v < std::numeric_limits<int>::min() ||
      v > std::numeric_limits<int>::max()) {
    return fallback;
  }
  return static_cast<int>(std::lround(v));
}

[[noreturn]] void bad_attribute(const std::string& path, const TableGroup& g,
                                const std::string& name, const std::string& value,
                                std::string_view expected) {
  // The value as one short line: the message must stay on one.
  std::string shown = value.size() > 60 ? value.substr(0, 60) + "..." : value;
  for (char& c : shown) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  throw InputError(Problem{path, 0, 0, "",
                           fmt::format("the attribute '{}' of /{} is \"{}\", expected {}; the "
                                       "file may be damaged",
                                       name, g.name, shown, expected)});
}

/// A number written as text in an attribute of the group (as ResultsWriter::write_group
/// writes them); `fallback` when the attribute is absent.
double number_attribute(const std::string& path, const TableGroup& g, const std::string& name,
                        double fallback) {
  const std::string text = attribute(g, name);
  if (text.empty()) return fallback;
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    bad_attribute(path, g, name, text, "a number");
  }
  return value;
}

int whole_attribute(const std::string& path, const TableGroup& g, const std::string& name) {
  const std::string text = attribute(g, name);
  if (text.empty()) return 0;
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0) {
    bad_attribute(path, g, name, text, "a whole number");
  }
  return value;
}

/// What inspect reads of /sensitivity and /comparison, and the shape each variable must have
/// (docs/experiments.md, "What goes into the results file"; written by src/experiment/sweep.cpp and
/// compare.cpp).
TableGroupSpec sensitivity_spec() {
  TableGroupSpec spec;
  spec.labelled = {"outcome", "parameter"};
  for (const char* v :
       {"S1", "S1_low", "S1_high", "ST", "ST_low", "ST_high", "mu", "mu_star", "sigma"}) {
    spec.variables.push_back({v, {"outcome", "parameter"}});
  }
  return spec;
}

/// `pareto`: also the Pareto front's coordinate and values, which a comparison file has only
/// when its comparison listed `pareto:` objectives (attribute "pareto").
TableGroupSpec comparison_spec(bool pareto) {
  TableGroupSpec spec;
  spec.labelled = {"option", "outcome"};
  for (const char* v : {"mean", "n", "diff_mean", "diff_low", "diff_high"}) {
    spec.variables.push_back({v, {"option", "outcome"}});
  }
  for (const char* v : {"rank", "regret_max", "regret_mean", "share_meeting_thresholds", "p_better",
                        "laplace", "worst_case", "best_case", "hurwicz", "percentile_worse",
                        "skewness", "peakedness", "pareto_rank", "pareto_share"}) {
    spec.variables.push_back({v, {"option"}});
  }
  if (pareto) {
    spec.labelled.push_back("objective");
    spec.variables.push_back({"pareto_value", {"option", "objective"}});
  }
  return spec;
}

std::string sensitivity_text(const std::string& path, const TableGroup& g) {
  SensitivityTable t;
  t.method = attribute(g, "method");
  t.outcomes = labels(g, "outcome");
  t.parameters = labels(g, "parameter");
  t.confidence = number_attribute(path, g, "confidence", 0.95);
  const std::size_t P = t.parameters.size();
  for (std::size_t k = 0; k < t.outcomes.size(); ++k) {
    if (t.method == "sobol") {
      SobolIndices s;
      for (std::size_t j = 0; j < P; ++j) {
        const std::size_t i = k * P + j;
        s.first_order.push_back({at(variable(g, "S1"), i), at(variable(g, "S1_low"), i),
                                 at(variable(g, "S1_high"), i)});
        s.total.push_back({at(variable(g, "ST"), i), at(variable(g, "ST_low"), i),
                           at(variable(g, "ST_high"), i)});
      }
      t.sobol.push_back(std::move(s));
    } else {
      MorrisMeasures m;
      for (std::size_t j = 0; j < P; ++j) {
        const std::size_t i = k * P + j;
        m.mu.push_back(at(variable(g, "mu"), i));
        m.mu_star.push_back(at(variable(g, "mu_star"), i));
        m.sigma.push_back(at(variable(g, "sigma"), i));
      }
      t.morris.push_back(std::move(m));
    }
  }
  return fmt::format("\nsensitivity ({}) per outcome (/sensitivity):\n{}", t.method,
                     format_sensitivity(t));
}

std::string comparison_text(const std::string& path, const TableGroup& g) {
  ComparisonSummary s;
  s.options = labels(g, "option");
  s.outcomes = labels(g, "outcome");
  if (s.options.empty()) return "\ncomparison (/comparison): no options\n";
  s.scenarios = coordinate_size(g, "scenario");
  s.replicates = whole_attribute(path, g, "replicates");
  s.confidence = number_attribute(path, g, "confidence", 0.95);
  s.rank_outcome = attribute(g, "rank_by");
  s.lower_is_better = attribute(g, "better") != "higher";
  s.name = "comparison";
  s.posterior = attribute(g, "posterior");
  const std::string sq = attribute(g, "status_quo");
  const std::size_t O = s.options.size(), K = s.outcomes.size();
  for (std::size_t o = 0; o < O; ++o) {
    if (s.options[o] == sq) s.status_quo = o;
    std::vector<OptionOutcome> row(K);
    for (std::size_t k = 0; k < K; ++k) {
      const std::size_t i = o * K + k;
      row[k].mean = at(variable(g, "mean"), i);
      row[k].n = to_int(at(variable(g, "n"), i), 0);
      row[k].diff.mean = at(variable(g, "diff_mean"), i);
      row[k].diff.low = at(variable(g, "diff_low"), i);
      row[k].diff.high = at(variable(g, "diff_high"), i);
      row[k].diff.n = row[k].n;
    }
    s.table.push_back(std::move(row));
    s.rank.push_back(to_int(at(variable(g, "rank"), o), 0));
    s.regret.push_back({at(variable(g, "regret_max"), o), at(variable(g, "regret_mean"), o)});
    s.share_meeting.push_back(at(variable(g, "share_meeting_thresholds"), o));
    s.p_better.push_back(at(variable(g, "p_better"), o));
    if (variable(g, "laplace") != nullptr) {  // format 8 files of issue 18 on
      s.robustness.push_back({at(variable(g, "laplace"), o), at(variable(g, "worst_case"), o),
                              at(variable(g, "best_case"), o), at(variable(g, "hurwicz"), o),
                              at(variable(g, "percentile_worse"), o),
                              at(variable(g, "skewness"), o), at(variable(g, "peakedness"), o)});
    }
  }
  s.robustness_settings.hurwicz_alpha = number_attribute(path, g, "hurwicz_alpha", 0.5);
  s.robustness_settings.percentile = number_attribute(path, g, "percentile", 0.9);
  // The Pareto front: the objectives and their directions from the attribute "pareto"
  // ("OUTCOME (lower); OUTCOME (higher)"), the values and ranks from the variables.
  const auto objectives = labels(g, "objective");
  const std::string pareto = attribute(g, "pareto");
  if (!objectives.empty() && variable(g, "pareto_rank") != nullptr) {
    std::vector<std::string> entries;  // "OUTCOME (lower)" or "OUTCOME (higher)"
    for (std::size_t from = 0; from <= pareto.size();) {
      const std::size_t end = std::min(pareto.find("; ", from), pareto.size());
      entries.push_back(pareto.substr(from, end - from));
      from = end + 2;
    }
    for (const auto& name : objectives) {
      RankBy r;
      r.outcome = name;
      r.lower_is_better =
          std::find(entries.begin(), entries.end(), name + " (higher)") == entries.end();
      s.pareto.push_back(r);
    }
    for (std::size_t o = 0; o < O; ++o) {
      s.pareto_rank.push_back(to_int(at(variable(g, "pareto_rank"), o), 0));
      s.pareto_share.push_back(at(variable(g, "pareto_share"), o));
      std::vector<double> row;
      for (std::size_t j = 0; j < objectives.size(); ++j) {
        row.push_back(at(variable(g, "pareto_value"), o * objectives.size() + j));
      }
      s.pareto_value.push_back(std::move(row));
    }
  }
  // The thresholds as written in the file's attribute (their text, already formatted).
  const std::string thresholds = attribute(g, "thresholds");
  if (!thresholds.empty()) s.thresholds.push_back(Threshold{thresholds, false, false, 0, 0});
  return fmt::format("\ncomparison (/comparison):\n{}", format_comparison(s));
}

TableGroupSpec posterior_spec() {
  TableGroupSpec spec;
  spec.labelled = {"parameter"};
  for (const char* v : {"mean", "sd", "q05", "q50", "q95"})
    spec.variables.push_back({v, {"parameter"}});
  spec.variables.push_back({"weights", {"particle"}});
  return spec;
}

TableGroupSpec calibration_spec() {
  TableGroupSpec spec;
  for (const char* v : {"tolerance", "ess", "acceptance", "simulated", "resampled"}) {
    spec.variables.push_back({v, {"generation"}});
  }
  return spec;
}

/// The generations of a calibration and its posterior (/calibration, /posterior).
std::string posterior_text(const std::string& path, const TableGroup& post,
                           const std::optional<TableGroup>& gens) {
  std::string out;
  if (gens) {
    const std::size_t n = coordinate_size(*gens, "generation");
    out += fmt::format("\ncalibration (/calibration): {}; {} generation{}, stopped by {}\n",
                       attribute(*gens, "method"), n, n == 1 ? "" : "s",
                       stop_reason_text(attribute(*gens, "stop_reason")));
    out += fmt::format("  {:>10}  {:>10}  {:>8}  {:>9}  {:>8}\n", "generation", "tolerance", "ESS",
                       "simulated", "accepted");
    for (std::size_t g = 0; g < n; ++g) {
      const double tol = at(variable(*gens, "tolerance"), g);
      out +=
          fmt::format("  {:>10}  {:>10}  {:>8.1f}  {:>9}  {:>8}\n", g,
                      std::isfinite(tol) ? fmt::format("{:.4g}", tol) : std::string("-"),
                      at(variable(*gens, "ess"), g), to_int(at(variable(*gens, "simulated"), g), 0),
                      g == 0 ? std::string("-")
                             : fmt::format("{:.0f}%", 100 * at(variable(*gens, "acceptance"), g)));
    }
  }
  PosteriorSummary s;
  s.parameters = labels(post, "parameter");
  s.particles = coordinate_size(post, "particle");
  s.ess = number_attribute(path, post, "ess", 0);
  // "inf" when no generation narrowed it (a one-generation calibration, or no finite distance).
  s.tolerance = attribute(post, "tolerance") == "inf"
                    ? std::numeric_limits<double>::infinity()
                    : number_attribute(path, post, "tolerance", 0);
  s.unique = static_cast<std::size_t>(whole_attribute(path, post, "distinct_particles"));
  for (std::size_t j = 0; j < s.parameters.size(); ++j) {
    s.mean.push_back(at(variable(post, "mean"), j));
    s.sd.push_back(at(variable(post, "sd"), j));
    s.q05.push_back(at(variable(post, "q05"), j));
    s.q50.push_back(at(variable(post, "q50"), j));
    s.q95.push_back(at(variable(post, "q95"), j));
  }
  return out + "\n" + format_posterior(s);
}

}  // namespace

void add_inspect_command(CLI::App& app, Context& /*ctx*/) {
  auto* cmd = app.add_subcommand(
      "inspect",
      "Describe a results file: provenance, dimensions, variables, events, and for sweeps and "
      "comparisons their sensitivity measures and comparison table, for calibrations their "
      "generations and posterior");
  auto path = std::make_shared<std::string>();
  // No CLI::ExistingFile check: describe_results_file() explains a missing file in the same
  // words as any other unreadable one (exit code 2).
  cmd->add_option("FILE", *path, "results file written by flashpoint run, sweep or compare")
      ->required();
  cmd->callback([path] {
    try {
      // Everything is read before anything is printed: a damaged table gives its error alone.
      std::string out = describe_results_file(*path);
      if (auto g = read_table_group(*path, "sensitivity", sensitivity_spec())) {
        out += sensitivity_text(*path, *g);
      }
      auto comparison = read_table_group(*path, "comparison", comparison_spec(false));
      if (comparison && !attribute(*comparison, "pareto").empty()) {
        comparison = read_table_group(*path, "comparison", comparison_spec(true));
      }
      if (comparison) out += comparison_text(*path, *comparison);
      if (auto g = read_table_group(*path, "posterior", posterior_spec())) {
        out +=
            posterior_text(*path, *g, read_table_group(*path, "calibration", calibration_spec()));
      }
      fmt::print("{}", out);
    } catch (const std::bad_alloc&) {
      // inspect reads metadata and capped tables only, so this is a file that declares more
      // than memory can hold somewhere the caps do not reach: bad input, not an internal error.
      throw InputError(Problem{*path, 0, 0, "",
                               "cannot read this results file: it declares more data than "
                               "memory can hold; it may be damaged"});
    }
  });
}

}  // namespace flashpoint::cli
