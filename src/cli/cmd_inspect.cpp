// `flashpoint inspect FILE`: describes a results file (docs/output.md), and for sweeps and
// comparisons prints their sensitivity measures and comparison table (docs/experiments.md).
#include <cmath>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "cli/commands.hpp"
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

std::string sensitivity_text(const TableGroup& g) {
  SensitivityTable t;
  t.method = attribute(g, "method");
  t.outcomes = labels(g, "outcome");
  t.parameters = labels(g, "parameter");
  const std::string conf = attribute(g, "confidence");
  t.confidence = conf.empty() ? 0.95 : std::stod(conf);
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

std::string comparison_text(const TableGroup& g) {
  ComparisonSummary s;
  s.options = labels(g, "option");
  s.outcomes = labels(g, "outcome");
  s.scenarios = coordinate_size(g, "scenario");
  const std::string reps = attribute(g, "replicates");
  s.replicates = reps.empty() ? 0 : std::stoi(reps);
  const std::string conf = attribute(g, "confidence");
  s.confidence = conf.empty() ? 0.95 : std::stod(conf);
  s.rank_outcome = attribute(g, "rank_by");
  s.lower_is_better = attribute(g, "better") != "higher";
  s.name = "comparison";
  const std::string sq = attribute(g, "status_quo");
  const std::size_t O = s.options.size(), K = s.outcomes.size();
  for (std::size_t o = 0; o < O; ++o) {
    if (s.options[o] == sq) s.status_quo = o;
    std::vector<OptionOutcome> row(K);
    for (std::size_t k = 0; k < K; ++k) {
      const std::size_t i = o * K + k;
      row[k].mean = at(variable(g, "mean"), i);
      row[k].n = static_cast<int>(at(variable(g, "n"), i));
      row[k].diff.mean = at(variable(g, "diff_mean"), i);
      row[k].diff.low = at(variable(g, "diff_low"), i);
      row[k].diff.high = at(variable(g, "diff_high"), i);
      row[k].diff.n = row[k].n;
    }
    s.table.push_back(std::move(row));
    s.rank.push_back(static_cast<int>(at(variable(g, "rank"), o)));
    s.regret.push_back({at(variable(g, "regret_max"), o), at(variable(g, "regret_mean"), o)});
    s.share_meeting.push_back(at(variable(g, "share_meeting_thresholds"), o));
  }
  // The thresholds as written in the file's attribute (their text, already formatted).
  const std::string thresholds = attribute(g, "thresholds");
  if (!thresholds.empty()) s.thresholds.push_back(Threshold{thresholds, false, false, 0, 0});
  return fmt::format("\ncomparison (/comparison):\n{}", format_comparison(s));
}

}  // namespace

void add_inspect_command(CLI::App& app, Context& /*ctx*/) {
  auto* cmd = app.add_subcommand(
      "inspect",
      "Describe a results file: provenance, dimensions, variables, events, and for sweeps and "
      "comparisons their sensitivity measures and comparison table");
  auto path = std::make_shared<std::string>();
  // No CLI::ExistingFile check: describe_results_file() explains a missing file in the same
  // words as any other unreadable one (exit code 2).
  cmd->add_option("FILE", *path, "results file written by flashpoint run, sweep or compare")
      ->required();
  cmd->callback([path] {
    fmt::print("{}", describe_results_file(*path));
    if (auto g = read_table_group(*path, "sensitivity")) fmt::print("{}", sensitivity_text(*g));
    if (auto g = read_table_group(*path, "comparison")) fmt::print("{}", comparison_text(*g));
  });
}

}  // namespace flashpoint::cli
