// Sweep and comparison files (src/scenario/experiment_loader.cpp, docs/experiments.md): what a
// valid file loads as, and where each kind of mistake is reported. Also the two things the
// loader relies on in the scenario loader: overrides located where they were written
// (Override::origin_*) and overrides that append an item to a list (Override::append).
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "experiment/compare.hpp"
#include "experiment/specs.hpp"
#include "experiment/sweep.hpp"
#include "scenario/loader.hpp"

namespace flashpoint {
namespace {

namespace fs = std::filesystem;

const std::string kMinimal = std::string(FLASHPOINT_TEST_DATA_DIR) + "/minimal.yaml";

/// The problems `load` throws as InputError (any other exception fails the test).
std::vector<Problem> problems_of(const std::function<void()>& load) {
  try {
    load();
  } catch (const InputError& e) {
    return e.problems();
  }
  ADD_FAILURE() << "expected an InputError";
  return {};
}

void expect_problem(const Problem& p, const std::string& file, int line, int column,
                    const std::string& key, const std::string& fragment) {
  EXPECT_EQ(p.file, file) << p.format();
  EXPECT_EQ(p.line, line) << p.format();
  EXPECT_EQ(p.column, column) << p.format();
  EXPECT_EQ(p.key, key) << p.format();
  EXPECT_NE(p.message.find(fragment), std::string::npos)
      << p.format() << "\n  does not contain: " << fragment;
}

/// `text` with "SCENARIO" replaced by the absolute path of minimal.yaml.
std::string with_scenario(std::string text) {
  const std::string placeholder = "SCENARIO";
  text.replace(text.find(placeholder), placeholder.size(), kMinimal);
  return text;
}

class ExperimentFile : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("flashpoint_experiment_loader_" + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& text) const {
    const std::string path = (dir_ / name).string();
    std::ofstream out(path, std::ios::binary);
    out << text;
    return path;
  }
  /// A sweep file whose lines 1-2 are `kind: sweep` and the scenario; `body` starts on line 3.
  std::string sweep(const std::string& body, const std::string& name = "sweep.yaml") const {
    return write(name, "kind: sweep\nscenario: " + kMinimal + "\n" + body);
  }
  /// As sweep(), for a comparison.
  std::string comparison(const std::string& body,
                         const std::string& name = "comparison.yaml") const {
    return write(name, "kind: comparison\nscenario: " + kMinimal + "\n" + body);
  }
  std::vector<Problem> sweep_problems(const std::string& path) const {
    return problems_of([&] { (void)load_sweep(path); });
  }
  std::vector<Problem> comparison_problems(const std::string& path) const {
    return problems_of([&] { (void)load_comparison(path); });
  }

  fs::path dir_;
};

// Two options that are valid on minimal.yaml; a body for comparisons that test something else.
const std::string kTwoOptions =
    "options:\n"
    "  - name: status_quo\n"
    "  - name: other\n"
    "    set: {actors.NTH.capability: 0.5}\n";

// ---------------------------------------------------------------------------------------------
// Valid sweeps.

TEST_F(ExperimentFile, SweepLoadsEveryField) {
  // Line numbers below are those of the file: the text starts on line 1.
  const std::string text = with_scenario(R"(kind: sweep
name: capability-study
scenario: SCENARIO
set:
  actors.STH.resolve: 0.5
parameters:
  - path: actors.NTH.capability
    low: 0.4
    high: 0.9
  - path: strategic.hostility_event_scale
    distribution: log_uniform
    low: 0.01
    high: 0.1
  - {path: utility.coercion, distribution: triangular, low: 1, mode: 1.5, high: 3}
  - path: actors.STH.resolve
    distribution: normal
    low: 0.2
    high: 0.9
    mean: 0.6
    sd: 0.1
  - {path: operations.fire_effectiveness, distribution: levels, levels: [0.02, 0.04, 0.08]}
  - {path: strategic.max_step, distribution: integers, low: 1, high: 4}
design:
  kind: latin_hypercube
  samples: 20
replicates: 4
seed: 123
keep: series
sensitivity: {bootstrap: 200, confidence: 0.9}
)");
  const std::string path = write("study.yaml", text);
  const SweepSpec s = load_sweep(path);
  EXPECT_EQ(s.path, path);
  EXPECT_EQ(s.text, text);
  EXPECT_EQ(s.name, "capability-study");
  EXPECT_EQ(s.scenario_path, kMinimal);
  ASSERT_EQ(s.fixed.size(), 1u);
  EXPECT_EQ(s.fixed[0].path, "actors.STH.resolve");
  EXPECT_EQ(s.fixed[0].value, "0.5");
  EXPECT_EQ(s.fixed[0].text, "actors.STH.resolve=0.5");
  EXPECT_FALSE(s.fixed[0].append);
  EXPECT_EQ(s.fixed[0].origin_file, path);
  EXPECT_EQ(s.fixed[0].origin_line, 5);
  EXPECT_EQ(s.fixed[0].origin_column, 3);

  const DesignSpec& d = s.design;
  EXPECT_EQ(d.kind, DesignKind::kLatinHypercube);
  EXPECT_EQ(d.samples, 20u);
  ASSERT_EQ(d.parameters.size(), 6u);
  ASSERT_EQ(d.origins.size(), 6u);
  EXPECT_EQ(d.parameters[0].path, "actors.NTH.capability");
  EXPECT_EQ(d.parameters[0].distribution, Distribution::kUniform);  // the default
  EXPECT_DOUBLE_EQ(d.parameters[0].low, 0.4);
  EXPECT_DOUBLE_EQ(d.parameters[0].high, 0.9);
  EXPECT_EQ(d.parameters[1].distribution, Distribution::kLogUniform);
  EXPECT_DOUBLE_EQ(d.parameters[1].low, 0.01);
  EXPECT_EQ(d.parameters[2].distribution, Distribution::kTriangular);
  EXPECT_DOUBLE_EQ(d.parameters[2].mode, 1.5);
  EXPECT_DOUBLE_EQ(d.parameters[2].high, 3);
  EXPECT_EQ(d.parameters[3].distribution, Distribution::kNormal);
  EXPECT_DOUBLE_EQ(d.parameters[3].mode, 0.6);  // the mean
  EXPECT_DOUBLE_EQ(d.parameters[3].sd, 0.1);
  EXPECT_EQ(d.parameters[4].distribution, Distribution::kLevels);
  EXPECT_EQ(d.parameters[4].levels, (std::vector<double>{0.02, 0.04, 0.08}));
  EXPECT_EQ(d.parameters[5].distribution, Distribution::kInteger);
  EXPECT_DOUBLE_EQ(d.parameters[5].low, 1);
  EXPECT_DOUBLE_EQ(d.parameters[5].high, 4);
  // Each parameter is located where its map starts.
  const std::vector<int> lines = {7, 10, 14, 15, 21, 22};
  for (std::size_t j = 0; j < lines.size(); ++j) {
    EXPECT_EQ(d.origins[j].file, path) << "parameter " << j;
    EXPECT_EQ(d.origins[j].line, lines[j]) << "parameter " << j;
  }
  EXPECT_EQ(d.origins[0].column, 5);  // "- path": the map starts at its first key
  EXPECT_EQ(d.origins[2].column, 5);  // "- {path": the flow map starts at its brace

  EXPECT_EQ(s.replicates, 4);
  EXPECT_TRUE(s.has_seed);
  EXPECT_EQ(s.seed, 123u);
  EXPECT_EQ(s.keep, KeepLevel::kSeries);
  EXPECT_EQ(s.bootstrap, 200);
  EXPECT_DOUBLE_EQ(s.confidence, 0.9);
}

TEST_F(ExperimentFile, SweepDefaults) {
  const std::string path = sweep(
      "parameters: [{path: actors.NTH.capability, low: 0.4, high: 0.9}]\n"
      "design: {kind: random, samples: 3}\n",
      "plain-sweep.yaml");
  const SweepSpec s = load_sweep(path);
  EXPECT_EQ(s.name, "plain-sweep");  // the file's stem
  EXPECT_TRUE(s.fixed.empty());
  EXPECT_EQ(s.design.kind, DesignKind::kRandom);
  EXPECT_EQ(s.replicates, 1);
  EXPECT_FALSE(s.has_seed);
  EXPECT_EQ(s.keep, KeepLevel::kOutcomes);
  EXPECT_EQ(s.bootstrap, 1000);
  EXPECT_DOUBLE_EQ(s.confidence, 0.95);
}

TEST_F(ExperimentFile, SweepScenarioIsResolvedAgainstTheSweepFolder) {
  fs::create_directories(dir_ / "sweeps");
  fs::copy_file(kMinimal, dir_ / "base.yaml");
  const std::string path =
      write("sweeps/relative.yaml",
            "kind: sweep\nscenario: ../base.yaml\n"
            "parameters: [{path: actors.NTH.capability, low: 0.4, high: 0.9}]\n"
            "design: {kind: random, samples: 3}\n");
  EXPECT_EQ(load_sweep(path).scenario_path, (dir_ / "base.yaml").lexically_normal().string());
}

TEST_F(ExperimentFile, GridAndMorrisLevels) {
  const std::string params =
      "parameters:\n"
      "  - {path: actors.NTH.capability, low: 0.4, high: 0.9}\n"
      "  - {path: actors.STH.resolve, low: 0.2, high: 0.8}\n";
  const SweepSpec grid = load_sweep(sweep(params + "design: {kind: grid}\n", "grid.yaml"));
  EXPECT_EQ(grid.design.kind, DesignKind::kGrid);
  EXPECT_EQ(grid.design.levels, 3);  // grid default
  const SweepSpec grid5 =
      load_sweep(sweep(params + "design: {kind: grid, levels: 5}\n", "grid5.yaml"));
  EXPECT_EQ(grid5.design.levels, 5);
  const SweepSpec morris =
      load_sweep(sweep(params + "design: {kind: morris, samples: 7}\n", "morris.yaml"));
  EXPECT_EQ(morris.design.kind, DesignKind::kMorris);
  EXPECT_EQ(morris.design.levels, 4);  // Morris default
  EXPECT_EQ(morris.design.samples, 7u);
  const SweepSpec sobol =
      load_sweep(sweep(params + "design: {kind: sobol, samples: 16}\n", "sobol.yaml"));
  EXPECT_EQ(sobol.design.kind, DesignKind::kSobol);
  EXPECT_EQ(sobol.design.samples, 16u);
}

TEST_F(ExperimentFile, CsvDesignLoadsItsHeaderAndRows) {
  write("points.csv",
        "# design points chosen by hand\n"
        "actors.NTH.capability, actors.STH.resolve\n"
        "0.4, 0.3\n"
        "\n"
        "0.9,0.75\n");
  const std::string path = sweep("design: {kind: csv, file: points.csv}\nreplicates: 2\n");
  const SweepSpec s = load_sweep(path);
  EXPECT_EQ(s.design.kind, DesignKind::kExternal);
  EXPECT_EQ(s.design.csv_path, (dir_ / "points.csv").string());
  ASSERT_EQ(s.design.parameters.size(), 2u);
  EXPECT_EQ(s.design.parameters[0].path, "actors.NTH.capability");
  EXPECT_EQ(s.design.parameters[1].path, "actors.STH.resolve");
  EXPECT_EQ(s.design.csv_values, (std::vector<std::vector<double>>{{0.4, 0.3}, {0.9, 0.75}}));
  // Parameters of a CSV design are located in its header.
  ASSERT_EQ(s.design.origins.size(), 2u);
  EXPECT_EQ(s.design.origins[1].file, s.design.csv_path);
  EXPECT_EQ(s.design.origins[1].line, 2);
  EXPECT_EQ(s.design.origins[1].column, 24);
  // The design gives its values as they are, one point per row.
  const Design design = build_design(s.design, 1);
  ASSERT_EQ(design.points(), 2u);
  EXPECT_EQ(design_point_values(s.design, design, 1), (std::vector<double>{0.9, 0.75}));
}

TEST_F(ExperimentFile, DesignPointOverridesAreLocatedAtTheirParameters) {
  const std::string path = sweep(
      "parameters:\n"
      "  - {path: actors.NTH.capability, low: 0.4, high: 0.9}\n"
      "  - {path: actors.STH.resolve, low: 0.2, high: 0.8}\n"
      "design: {kind: random, samples: 2}\n");
  const SweepSpec s = load_sweep(path);
  const auto overrides = design_point_overrides(s.design, {0.5, 0.25});
  ASSERT_EQ(overrides.size(), 2u);
  EXPECT_EQ(overrides[1].path, "actors.STH.resolve");
  EXPECT_EQ(overrides[1].value, "0.25");
  EXPECT_EQ(overrides[1].text, "actors.STH.resolve=0.25");
  EXPECT_EQ(overrides[1].origin_file, path);
  EXPECT_EQ(overrides[1].origin_line, 5);
  EXPECT_EQ(overrides[1].origin_column, 5);
}

TEST_F(ExperimentFile, KindOfFile) {
  const std::string s = sweep("design: {kind: random, samples: 3}\n");
  const std::string c = comparison(kTwoOptions);
  const std::string junk = write("junk.yaml", "[1, 2");
  EXPECT_EQ(experiment_kind_of_file(s), "sweep");
  EXPECT_EQ(experiment_kind_of_file(c), "comparison");
  EXPECT_EQ(experiment_kind_of_file(kMinimal), "");
  EXPECT_EQ(experiment_kind_of_file(junk), "");
  // A file that cannot be read is said at once, in the words of every input (bounded reads).
  EXPECT_THROW((void)experiment_kind_of_file((dir_ / "absent.yaml").string()), InputError);
  EXPECT_THROW((void)experiment_kind_of_file("/dev/zero"), InputError);
}

// ---------------------------------------------------------------------------------------------
// Valid comparisons.

TEST_F(ExperimentFile, ComparisonLoadsEveryField) {
  // Line numbers below are those of the file: the text starts on line 1.
  const std::string text = with_scenario(R"(kind: comparison
name: closures
scenario: SCENARIO
replicates: 12
seed: 0
keep: events
confidence: 0.9
set: {days: 40}
status_quo: baseline
options:
  - name: mediation
    description: mediator engages early
    set:
      actors.MED.activation_level: 3
    policies:
      - {name: talks, type: mediation, mediators: [MED], activation_level: 3}
      - name: shut
        type: border_closure
        actor: STH
  - name: baseline
thresholds:
  - {outcome: reached_rung8, max: 0.25}
  - outcome: trade_lost_usd
    min: 0
    max: 1.0e8
rank_by: {outcome: attacks, better: higher}
)");
  const std::string path = write("closures.yaml", text);
  const CompareSpec c = load_comparison(path);
  EXPECT_EQ(c.path, path);
  EXPECT_EQ(c.text, text);
  EXPECT_EQ(c.name, "closures");
  EXPECT_EQ(c.scenario_path, kMinimal);
  EXPECT_EQ(c.replicates, 12);
  EXPECT_TRUE(c.has_seed);  // seed 0 is a seed
  EXPECT_EQ(c.seed, 0u);
  EXPECT_EQ(c.keep, KeepLevel::kEvents);
  EXPECT_DOUBLE_EQ(c.confidence, 0.9);
  ASSERT_EQ(c.fixed.size(), 1u);
  EXPECT_EQ(c.fixed[0].text, "days=40");
  EXPECT_EQ(c.fixed[0].origin_line, 8);

  ASSERT_EQ(c.options.size(), 2u);
  EXPECT_EQ(c.status_quo, 1u);
  const PolicyOption& m = c.options[0];
  EXPECT_EQ(m.name, "mediation");
  EXPECT_EQ(m.description, "mediator engages early");
  EXPECT_EQ(m.origin.file, path);
  EXPECT_EQ(m.origin.line, 11);
  EXPECT_EQ(m.origin.column, 5);
  ASSERT_EQ(m.overrides.size(), 3u);  // set: first, then the policies
  EXPECT_EQ(m.overrides[0].path, "actors.MED.activation_level");
  EXPECT_EQ(m.overrides[0].value, "3");
  EXPECT_FALSE(m.overrides[0].append);
  EXPECT_EQ(m.overrides[0].origin_line, 14);
  EXPECT_EQ(m.overrides[0].origin_column, 7);
  for (std::size_t k : {1u, 2u}) {
    EXPECT_EQ(m.overrides[k].path, "policies") << k;
    EXPECT_TRUE(m.overrides[k].append) << k;
    EXPECT_EQ(m.overrides[k].origin_file, path) << k;
    EXPECT_EQ(m.overrides[k].text, "options.mediation.policies") << k;
  }
  EXPECT_EQ(m.overrides[1].origin_line, 16);
  EXPECT_EQ(m.overrides[1].origin_column, 9);
  EXPECT_EQ(m.overrides[2].origin_line, 17);
  EXPECT_EQ(m.overrides[2].origin_column, 9);
  // The value of an appended policy is its YAML, which reads back as the same map.
  EXPECT_NE(m.overrides[1].value.find("mediators"), std::string::npos) << m.overrides[1].value;
  EXPECT_NE(m.overrides[2].value.find("border_closure"), std::string::npos) << m.overrides[2].value;
  EXPECT_TRUE(c.options[1].overrides.empty());
  EXPECT_EQ(c.options[1].description, "");

  ASSERT_EQ(c.thresholds.size(), 2u);
  ASSERT_EQ(c.threshold_origins.size(), 2u);
  EXPECT_EQ(c.thresholds[0].outcome, "reached_rung8");
  EXPECT_FALSE(c.thresholds[0].has_min);
  EXPECT_TRUE(c.thresholds[0].has_max);
  EXPECT_DOUBLE_EQ(c.thresholds[0].max, 0.25);
  EXPECT_EQ(c.thresholds[1].outcome, "trade_lost_usd");
  EXPECT_TRUE(c.thresholds[1].has_min);
  EXPECT_DOUBLE_EQ(c.thresholds[1].min, 0);
  EXPECT_DOUBLE_EQ(c.thresholds[1].max, 1.0e8);
  // A threshold is located at its outcome's value.
  EXPECT_EQ(c.threshold_origins[0].line, 22);
  EXPECT_EQ(c.threshold_origins[0].column, 15);
  EXPECT_EQ(c.threshold_origins[1].line, 23);
  EXPECT_EQ(c.threshold_origins[1].column, 14);

  EXPECT_EQ(c.rank_by.outcome, "attacks");
  EXPECT_FALSE(c.rank_by.lower_is_better);
  EXPECT_EQ(c.rank_by.origin.file, path);
  EXPECT_EQ(c.rank_by.origin.line, 26);
  EXPECT_EQ(c.rank_by.origin.column, 20);
  EXPECT_FALSE(c.ensemble.has_value());
}

TEST_F(ExperimentFile, ComparisonDefaults) {
  const CompareSpec c = load_comparison(comparison(kTwoOptions, "defaults.yaml"));
  EXPECT_EQ(c.name, "defaults");
  EXPECT_EQ(c.replicates, 100);
  EXPECT_FALSE(c.has_seed);
  EXPECT_EQ(c.keep, KeepLevel::kOutcomes);
  EXPECT_EQ(c.status_quo, 0u);  // the option named status_quo
  EXPECT_EQ(c.rank_by.outcome, "fatalities_all");
  EXPECT_TRUE(c.rank_by.lower_is_better);
  EXPECT_TRUE(c.thresholds.empty());
  EXPECT_DOUBLE_EQ(c.confidence, 0.95);
}

TEST_F(ExperimentFile, ComparisonEnsembleIsADesign) {
  const CompareSpec c = load_comparison(
      comparison(kTwoOptions + "ensemble:\n"                                              // 7
                               "  parameters:\n"                                          // 8
                               "    - {path: actors.STH.resolve, low: 0.3, high: 0.9}\n"  // 9
                               "  design: {kind: latin_hypercube, samples: 5}\n"));       // 10
  ASSERT_TRUE(c.ensemble.has_value());
  EXPECT_EQ(c.ensemble->kind, DesignKind::kLatinHypercube);
  EXPECT_EQ(c.ensemble->samples, 5u);
  ASSERT_EQ(c.ensemble->parameters.size(), 1u);
  EXPECT_EQ(c.ensemble->parameters[0].path, "actors.STH.resolve");
  EXPECT_EQ(c.ensemble->origins[0].line, 9);
}

// ---------------------------------------------------------------------------------------------
// Mistakes in sweeps.

TEST_F(ExperimentFile, UnknownTopLevelKeySuggestsTheNearestKey) {
  const std::string path = sweep(
      "parameters: [{path: actors.NTH.capability, low: 0.4, high: 0.9}]\n"  // 3
      "design: {kind: random, samples: 3}\n"                                // 4
      "replicats: 5\n");                                                    // 5
  const auto problems = sweep_problems(path);
  ASSERT_EQ(problems.size(), 1u);
  expect_problem(problems[0], path, 5, 1, "replicats",
                 "unknown key 'replicats'; did you mean 'replicates'?");
}

TEST_F(ExperimentFile, WrongKindIsReportedAtTheKind) {
  const std::string path = write("wrong-kind.yaml", "scenario: x.yaml\nkind: comparison\n");
  const auto problems = sweep_problems(path);
  ASSERT_EQ(problems.size(), 1u);
  expect_problem(problems[0], path, 2, 7, "kind", "expected 'kind: sweep', got 'comparison'");
}

TEST_F(ExperimentFile, MissingKindIsReportedAtTheTop) {
  const std::string path = write("no-kind.yaml", "scenario: x.yaml\n");
  const auto problems = comparison_problems(path);
  ASSERT_EQ(problems.size(), 1u);
  expect_problem(problems[0], path, 1, 1, "kind",
                 "expected 'kind: comparison' at the top of the file");
}

TEST_F(ExperimentFile, MissingDesignIsReportedAtTheTopLevel) {
  const std::string path = sweep("parameters: [{path: actors.NTH.capability, low: 0, high: 1}]\n");
  const auto problems = sweep_problems(path);
  ASSERT_EQ(problems.size(), 1u);
  expect_problem(problems[0], path, 1, 1, "design", "missing; it is required here");
}

TEST_F(ExperimentFile, UnknownDesignKindListsTheDesigns) {
  const std::string path = sweep(
      "parameters: [{path: actors.NTH.capability, low: 0, high: 1}]\n"  // 3
      "design:\n"                                                       // 4
      "  kind: lhs\n"                                                   // 5
      "  samples: 10\n");                                               // 6
  const auto problems = sweep_problems(path);
  ASSERT_FALSE(problems.empty());
  expect_problem(problems[0], path, 5, 9, "design.kind",
                 "unknown design 'lhs'; valid designs: grid, random, latin_hypercube, sobol, "
                 "morris, csv");
}

TEST_F(ExperimentFile, MisspeltDesignKindSuggestsTheNearest) {
  const std::string path = sweep(
      "parameters: [{path: actors.NTH.capability, low: 0, high: 1}]\n"
      "design: {kind: sobel, samples: 10}\n");
  const auto problems = sweep_problems(path);
  ASSERT_FALSE(problems.empty());
  expect_problem(problems[0], path, 4, 16, "design.kind", "did you mean 'sobol'?");
}

TEST_F(ExperimentFile, OddMorrisLevelsAreRefused) {
  const std::string path = sweep(
      "parameters: [{path: actors.NTH.capability, low: 0, high: 1}]\n"  // 3
      "design:\n"                                                       // 4
      "  kind: morris\n"                                                // 5
      "  samples: 10\n"                                                 // 6
      "  levels: 5\n");                                                 // 7
  const auto problems = sweep_problems(path);
  ASSERT_EQ(problems.size(), 1u);
  expect_problem(problems[0], path, 7, 11, "design.levels",
                 "a Morris grid needs an even number of levels, got 5");
}

TEST_F(ExperimentFile, SamplesAreRequiredBySampledDesigns) {
  const std::string path = sweep(
      "parameters: [{path: actors.NTH.capability, low: 0, high: 1}]\n"
      "design: {kind: latin_hypercube}\n");
  const auto problems = sweep_problems(path);
  ASSERT_EQ(problems.size(), 1u);
  expect_problem(problems[0], path, 4, 9, "design.samples", "missing; it is required here");
}

TEST_F(ExperimentFile, LogUniformNeedsAPositiveLow) {
  const std::string path = sweep(
      "parameters:\n"                                // 3
      "  - path: strategic.hostility_event_scale\n"  // 4
      "    distribution: log_uniform\n"              // 5
      "    low: 0\n"                                 // 6
      "    high: 0.1\n"                              // 7
      "design: {kind: random, samples: 3}\n");
  const auto problems = sweep_problems(path);
  ASSERT_EQ(problems.size(), 1u);
  expect_problem(problems[0], path, 6, 10, "parameters[0].low",
                 "a log-uniform needs low > 0, got 0");
}

TEST_F(ExperimentFile, TriangularModeMustLieWithinTheBounds) {
  const std::string path = sweep(
      "parameters:\n"                   // 3
      "  - path: utility.coercion\n"    // 4
      "    distribution: triangular\n"  // 5
      "    low: 1\n"                    // 6
      "    high: 2\n"                   // 7
      "    mode: 2.5\n"                 // 8
      "design: {kind: random, samples: 3}\n");
  const auto problems = sweep_problems(path);
  ASSERT_EQ(problems.size(), 1u);
  expect_problem(problems[0], path, 8, 11, "parameters[0].mode",
                 "the mode 2.5 is outside [low, high] = [1, 2]");
}

TEST_F(ExperimentFile, HighMustExceedLow) {
  const std::string path = sweep(
      "parameters:\n"
      "  - {path: utility.coercion, low: 2, high: 1}\n"  // 4
      "design: {kind: random, samples: 3}\n");
  const auto problems = sweep_problems(path);
  ASSERT_EQ(problems.size(), 1u);
  expect_problem(problems[0], path, 4, 44, "parameters[0].high",
                 "high (1) must be greater than low (2)");
}

TEST_F(ExperimentFile, DuplicateParameterPathIsReportedAtTheSecond) {
  const std::string path = sweep(
      "parameters:\n"                                             // 3
      "  - {path: actors.NTH.capability, low: 0.1, high: 0.5}\n"  // 4
      "  - {path: actors.NTH.capability, low: 0.5, high: 0.9}\n"  // 5
      "design: {kind: random, samples: 3}\n");
  const auto problems = sweep_problems(path);
  ASSERT_EQ(problems.size(), 1u);
  expect_problem(problems[0], path, 5, 5, "parameters[1].path",
                 "'actors.NTH.capability' is already a parameter of this design");
}

TEST_F(ExperimentFile, UnknownKeyInAParameterSuggestsTheNearest) {
  const std::string path = sweep(
      "parameters:\n"                 // 3
      "  - path: utility.coercion\n"  // 4
      "    low: 1\n"                  // 5
      "    hihg: 2\n"                 // 6
      "design: {kind: random, samples: 3}\n");
  const auto problems = sweep_problems(path);
  ASSERT_EQ(problems.size(), 2u);
  // Problems come in file order: the missing `high` belongs to the map (line 4).
  expect_problem(problems[0], path, 4, 5, "parameters[0].high", "missing; it is required here");
  expect_problem(problems[1], path, 6, 5, "parameters[0].hihg",
                 "unknown key 'hihg'; did you mean 'high'?");
}

TEST_F(ExperimentFile, EveryProblemOfAFileIsReported) {
  const std::string path = sweep(
      "parameters: [{path: a.b, distribution: log_uniform, low: -1, high: 1}]\n"  // 3
      "design: {kind: morris, samples: 0, levels: 3}\n"                           // 4
      "replicates: 0\n"                                                           // 5
      "keep: everything\n");                                                      // 6
  const auto problems = sweep_problems(path);
  ASSERT_EQ(problems.size(), 5u);
  EXPECT_EQ(problems[0].key, "parameters[0].low");
  EXPECT_EQ(problems[1].key, "design.samples");
  EXPECT_EQ(problems[2].key, "design.levels");
  expect_problem(problems[3], path, 5, 13, "replicates", "0 is out of range: expected 1 to");
  expect_problem(problems[4], path, 6, 7, "keep", "unknown value 'everything'");
}

TEST_F(ExperimentFile, NegativeSeedIsRefused) {
  const std::string path = sweep(
      "parameters: [{path: actors.NTH.capability, low: 0, high: 1}]\n"
      "design: {kind: random, samples: 3}\n"
      "seed: -4\n");  // 5
  const auto problems = sweep_problems(path);
  ASSERT_EQ(problems.size(), 1u);
  expect_problem(problems[0], path, 5, 7, "seed", "expected a whole number from 0 to 2^64-1");
}

// ---------------------------------------------------------------------------------------------
// Mistakes in CSV designs: located in the CSV file.

TEST_F(ExperimentFile, CsvRowWithANonNumberIsLocatedInTheCsv) {
  const std::string csv = write("bad.csv",
                                "actors.NTH.capability,actors.STH.resolve\n"  // 1
                                "0.4,0.3\n"                                   // 2
                                "0.5, abc\n");                                // 3
  const std::string path = sweep("design: {kind: csv, file: bad.csv}\n");
  const auto problems = sweep_problems(path);
  ASSERT_EQ(problems.size(), 1u);
  expect_problem(problems[0], csv, 3, 6, "actors.STH.resolve",
                 "expected a finite number, got 'abc'");
}

TEST_F(ExperimentFile, CsvRowWithTheWrongNumberOfValuesIsLocatedInTheCsv) {
  const std::string csv = write("short.csv",
                                "actors.NTH.capability,actors.STH.resolve\n"  // 1
                                "0.4,0.3\n"                                   // 2
                                "0.5\n");                                     // 3
  const std::string path = sweep("design: {kind: csv, file: short.csv}\n");
  const auto problems = sweep_problems(path);
  ASSERT_EQ(problems.size(), 1u);
  expect_problem(problems[0], csv, 3, 1, "", "1 values; the header names 2 parameters");
}

// RFC 4180: what R's write.csv and Python's csv module write loads as the same design.
TEST_F(ExperimentFile, CsvDesignsWrittenByRAndPythonLoad) {
  const std::vector<std::vector<double>> expected = {{0.4, 0.3}, {0.9, 0.75}};
  // R: write.csv(data.frame(...), "r.csv") quotes the header and adds a first column of row
  // names headed "".
  write("r.csv",
        "\"\",\"actors.NTH.capability\",\"actors.STH.resolve\"\n"
        "\"1\",0.4,0.3\n"
        "\"2\",0.9,0.75\n");
  // Python: csv.writer(f, quoting=csv.QUOTE_NONNUMERIC) quotes the header, ends lines with CRLF.
  write("py.csv",
        "\"actors.NTH.capability\",\"actors.STH.resolve\"\r\n"
        "0.4,0.3\r\n"
        "0.9,0.75\r\n");
  // Quoted numbers, a quoted header with a doubled quote's neighbour, blanks around fields.
  write("quoted.csv",
        "\"actors.NTH.capability\" , actors.STH.resolve\n"
        "\"0.4\",  0.3\n"
        "0.9 ,\"0.75\"\n");
  for (const char* file : {"r.csv", "py.csv", "quoted.csv"}) {
    const SweepSpec s =
        load_sweep(sweep(std::string("design: {kind: csv, file: ") + file + "}\nreplicates: 2\n"));
    ASSERT_EQ(s.design.parameters.size(), 2u) << file;
    EXPECT_EQ(s.design.parameters[0].path, "actors.NTH.capability") << file;
    EXPECT_EQ(s.design.parameters[1].path, "actors.STH.resolve") << file;
    EXPECT_EQ(s.design.csv_values, expected) << file;
  }
  // The header's places are those of the quoted names: R's second name's quote is at column 28.
  const SweepSpec r = load_sweep(sweep("design: {kind: csv, file: r.csv}\nreplicates: 2\n"));
  EXPECT_EQ(r.design.origins[1].line, 1);
  EXPECT_EQ(r.design.origins[1].column, 28);
}

TEST_F(ExperimentFile, MalformedCsvIsLocatedInTheCsv) {
  const std::string stray = write("stray.csv",
                                  "actors.NTH.capability,actors.STH.resolve\n"  // 1
                                  "0.4,0\"3\n");                                // 2
  auto problems = sweep_problems(sweep("design: {kind: csv, file: stray.csv}\n"));
  ASSERT_EQ(problems.size(), 1u);
  expect_problem(problems[0], stray, 2, 6, "", "not CSV (RFC 4180): a double quote inside");
  const std::string open = write("open.csv",
                                 "actors.NTH.capability,actors.STH.resolve\n"  // 1
                                 "0.4,\"0.3\n");                               // 2
  problems = sweep_problems(sweep("design: {kind: csv, file: open.csv}\n"));
  ASSERT_EQ(problems.size(), 1u);
  expect_problem(problems[0], open, 2, 5, "", "this quoted field is not closed");
  // A header cell that is empty but not R's quoted row-name column is still refused.
  const std::string blank = write("blank.csv", ",actors.STH.resolve\n0.4,0.3\n");
  problems = sweep_problems(sweep("design: {kind: csv, file: blank.csv}\n"));
  ASSERT_FALSE(problems.empty());
  EXPECT_NE(problems[0].message.find("empty column name"), std::string::npos);
}

TEST_F(ExperimentFile, MissingCsvIsReportedAtTheFileKey) {
  const std::string path = sweep("design: {kind: csv, file: nowhere.csv}\n");  // 3
  const auto problems = sweep_problems(path);
  ASSERT_EQ(problems.size(), 1u);
  expect_problem(problems[0], path, 3, 27, "design.file", "cannot read the design file");
}

TEST_F(ExperimentFile, CsvWithOnlyAHeaderIsRefused) {
  const std::string csv = write("header.csv", "actors.NTH.capability\n");
  const std::string path = sweep("design: {kind: csv, file: header.csv}\n");
  const auto problems = sweep_problems(path);
  ASSERT_EQ(problems.size(), 1u);
  expect_problem(problems[0], csv, 0, 0, "", "a header but no rows");
}

// ---------------------------------------------------------------------------------------------
// Files that are not sweeps at all.

TEST_F(ExperimentFile, EmptyFileSaysWhatASweepLooksLike) {
  const std::string path = write("empty.yaml", "");
  const auto problems = sweep_problems(path);
  ASSERT_EQ(problems.size(), 1u);
  expect_problem(problems[0], path, 1, 1, "",
                 "the file holds no YAML: a sweep file is a map that starts with 'kind: sweep'");
}

TEST_F(ExperimentFile, NotYamlIsLocatedWhereTheParserStopped) {
  // The flow list opened on line 2 is still open at the end of the file (line 3).
  const std::string path = write("broken.yaml", "kind: sweep\nparameters: [1, 2\n");
  const auto problems = sweep_problems(path);
  ASSERT_EQ(problems.size(), 1u);
  expect_problem(problems[0], path, 3, 1, "", "invalid YAML: end of sequence flow not found");
}

TEST_F(ExperimentFile, TopLevelListIsRefused) {
  const std::string path = write("list.yaml", "- kind: sweep\n");
  const auto problems = sweep_problems(path);
  ASSERT_EQ(problems.size(), 1u);
  expect_problem(problems[0], path, 1, 1, "", "the top level must be a map");
}

TEST_F(ExperimentFile, MissingFileIsOneProblemWithoutLine) {
  const std::string path = (dir_ / "absent.yaml").string();
  const auto problems = sweep_problems(path);
  ASSERT_EQ(problems.size(), 1u);
  expect_problem(problems[0], path, 0, 0, "", "cannot read file: No such file or directory");
}

// ---------------------------------------------------------------------------------------------
// Mistakes in comparisons.

TEST_F(ExperimentFile, DuplicateOptionNamesAreRefused) {
  const std::string path = comparison(
      "options:\n"                // 3
      "  - name: status_quo\n"    // 4
      "  - name: status_quo\n");  // 5
  const auto problems = comparison_problems(path);
  ASSERT_EQ(problems.size(), 1u);
  expect_problem(problems[0], path, 5, 11, "options[1].name",
                 "there is already an option named 'status_quo'");
}

TEST_F(ExperimentFile, StatusQuoMustNameAnOption) {
  const std::string path = comparison("status_quo: baseline\n" + kTwoOptions);  // 3
  const auto problems = comparison_problems(path);
  ASSERT_EQ(problems.size(), 1u);
  expect_problem(problems[0], path, 3, 13, "status_quo",
                 "no option is named 'baseline' (the status quo)");
}

TEST_F(ExperimentFile, WithoutStatusQuoKeyAnOptionNamedStatusQuoIsNeeded) {
  const std::string path = comparison(
      "options:\n"       // 3
      "  - name: a\n"    // 4
      "  - name: b\n");  // 5
  const auto problems = comparison_problems(path);
  ASSERT_EQ(problems.size(), 1u);
  expect_problem(problems[0], path, 4, 3, "options",
                 "no option is named 'status_quo' (the status quo); valid options: a, b");
}

TEST_F(ExperimentFile, OneOptionIsNotAComparison) {
  const std::string path = comparison("options:\n  - name: status_quo\n");
  const auto problems = comparison_problems(path);
  ASSERT_EQ(problems.size(), 1u);
  expect_problem(problems[0], path, 4, 3, "options", "at least two options");
}

TEST_F(ExperimentFile, UnknownKeyInAnOptionSuggestsTheNearest) {
  const std::string path = comparison(kTwoOptions + "    polices: []\n");  // 7
  const auto problems = comparison_problems(path);
  ASSERT_EQ(problems.size(), 1u);
  expect_problem(problems[0], path, 7, 5, "options.other.polices",
                 "unknown key 'polices'; did you mean 'policies'?");
}

TEST_F(ExperimentFile, OptionNameMustBeAnIdentifier) {
  const std::string path = comparison(
      "options:\n"                    // 3
      "  - name: status_quo\n"        // 4
      "  - name: more mediation\n");  // 5
  const auto problems = comparison_problems(path);
  ASSERT_EQ(problems.size(), 1u);
  expect_problem(problems[0], path, 5, 11, "options[1].name",
                 "'more mediation' is not a valid name");
}

// ---------------------------------------------------------------------------------------------
// Levers, Pareto objectives and robustness settings.

TEST_F(ExperimentFile, LeversGenerateEveryCombinationAfterTheWrittenOptions) {
  const std::string path = comparison(
      "options:\n"                                                             // 3
      "  - name: status_quo\n"                                                 // 4
      "levers:\n"                                                              // 5
      "  set: {actors.STH.resolve: 0.5}\n"                                     // 6
      "  parameters:\n"                                                        // 7
      "    - {name: cap, path: actors.NTH.capability, levels: [0.5, 0.75]}\n"  // 8
      "    - {path: actors.NTH.rationality, levels: [4, 10, 16]}\n"            // 9
      "pareto:\n"                                                              // 10
      "  - {outcome: fatalities_all, better: lower}\n"                         // 11
      "  - {outcome: attacks, better: higher}\n"                               // 12
      "robustness: {hurwicz_alpha: 0.3, percentile: 0.75}\n");                 // 13
  const CompareSpec c = load_comparison(path);
  ASSERT_EQ(c.options.size(), 1u + 2u * 3u);
  EXPECT_EQ(c.written_options, 1u);
  EXPECT_EQ(c.status_quo, 0u);
  ASSERT_EQ(c.levers.size(), 2u);
  EXPECT_EQ(c.levers[0].name, "cap");
  EXPECT_EQ(c.levers[1].name, "rationality");  // the path's last part
  EXPECT_EQ(c.levers[1].origin.line, 9);
  EXPECT_EQ(c.levers[0].numeric, (std::vector<double>{0.5, 0.75}));
  // The last lever varies fastest; the names and descriptions say the levels.
  EXPECT_EQ(c.options[1].name, "cap_0p5__rationality_4");
  EXPECT_EQ(c.options[2].name, "cap_0p5__rationality_10");
  EXPECT_EQ(c.options[4].name, "cap_0p75__rationality_4");
  EXPECT_EQ(c.options[6].name, "cap_0p75__rationality_16");
  EXPECT_EQ(c.options[6].description, "cap=0.75, rationality=16");
  EXPECT_EQ(c.options[6].lever_levels, (std::vector<std::size_t>{1, 2}));
  EXPECT_TRUE(c.options[0].lever_levels.empty());
  // Every generated option: the levers' `set:` first, then one override per lever.
  ASSERT_EQ(c.options[5].overrides.size(), 3u);
  EXPECT_EQ(c.options[5].overrides[0].text, "actors.STH.resolve=0.5");
  EXPECT_EQ(c.options[5].overrides[1].text, "actors.NTH.capability=0.75");
  EXPECT_EQ(c.options[5].overrides[2].text, "actors.NTH.rationality=10");
  EXPECT_EQ(c.options[5].overrides[2].origin_line, 9);
  ASSERT_EQ(c.pareto.size(), 2u);
  EXPECT_EQ(c.pareto[1].outcome, "attacks");
  EXPECT_FALSE(c.pareto[1].lower_is_better);
  EXPECT_EQ(c.pareto[1].origin.line, 12);
  EXPECT_DOUBLE_EQ(c.robustness.hurwicz_alpha, 0.3);
  EXPECT_DOUBLE_EQ(c.robustness.percentile, 0.75);
}

TEST_F(ExperimentFile, BooleanAndTextLevelsAndAGeneratedStatusQuo) {
  const std::string path = comparison(
      "status_quo: on_false\n"                                                        // 3
      "options: []\n"                                                                 // 4
      "levers:\n"                                                                     // 5
      "  parameters:\n"                                                               // 6
      "    - {name: on, path: policies.watch.monitoring, levels: [false, true]}\n");  // 7
  // No written option at all: every option generated, one of them the status quo.
  const CompareSpec g = load_comparison(path);
  ASSERT_EQ(g.options.size(), 2u);
  EXPECT_EQ(g.written_options, 0u);
  EXPECT_EQ(g.status_quo, 0u);
  EXPECT_EQ(g.options[1].name, "on_true");
  const CompareSpec c = load_comparison(
      comparison("status_quo: on_false\n"
                 "options: [{name: written}]\n"
                 "levers:\n"
                 "  parameters:\n"
                 "    - {name: on, path: policies.watch.monitoring, levels: [false, true]}\n"));
  ASSERT_EQ(c.options.size(), 3u);  // written, on_false, on_true
  EXPECT_EQ(c.status_quo, 1u);      // a generated option may be the status quo
  EXPECT_EQ(c.levers[0].numeric, (std::vector<double>{0, 1}));
}

TEST_F(ExperimentFile, MistakesInLeversAreLocated) {
  const std::string path =
      comparison(kTwoOptions +
                 "levers:\n"                                                         // 7
                 "  parameters:\n"                                                   // 8
                 "    - {path: actors.NTH.capability, levels: [0.5]}\n"              // 9
                 "    - {name: 2x, path: actors.NTH.resolve, levels: [0.1, 0.1]}\n"  // 10
                 "    - {path: actors.STH.resolve, levls: [1, 2]}\n");               // 11
  const auto problems = comparison_problems(path);
  ASSERT_EQ(problems.size(), 5u);
  expect_problem(problems[0], path, 9, 45, "levers.parameters[0].levels",
                 "a lever needs at least two levels");
  expect_problem(problems[1], path, 10, 14, "levers.parameters[1].name",
                 "'2x' is not a valid name");
  expect_problem(problems[2], path, 10, 58, "levers.parameters[1].levels",
                 "the level 0.1 is listed twice");
  expect_problem(problems[3], path, 11, 7, "levers.parameters[2].levels", "missing or not a list");
  expect_problem(problems[4], path, 11, 34, "levers.parameters[2].levls",
                 "unknown key 'levls'; did you mean 'levels'?");
}

TEST_F(ExperimentFile, TheSameLevelOrPathTwiceIsRefused) {
  const std::string path =
      comparison(kTwoOptions +
                 "levers:\n"                                                            // 7
                 "  parameters:\n"                                                      // 8
                 "    - {name: a, path: actors.NTH.capability, levels: [0.3, 0.30]}\n"  // 9
                 "    - {name: b, path: actors.NTH.capability, levels: [0.2, 0.4]}\n"   // 10
                 "    - {name: c, path: actors.NTH.resolve, levels: [x, y, x]}\n");     // 11
  const auto problems = comparison_problems(path);
  ASSERT_EQ(problems.size(), 3u);
  expect_problem(problems[0], path, 9, 60, "levers.parameters[0].levels",
                 "the level 0.30 is listed twice");
  expect_problem(problems[1], path, 10, 23, "levers.parameters[1].path",
                 "the lever 'a' already sets actors.NTH.capability");
  expect_problem(problems[2], path, 11, 58, "levers.parameters[2].levels",
                 "the level x is listed twice");
}

TEST_F(ExperimentFile, TooManyLeverCombinationsAreRefused) {
  std::string levels;
  for (int i = 0; i < 101; ++i) levels += (i ? ", " : "") + std::to_string(i);
  const std::string path = comparison(
      kTwoOptions + "levers:\n  parameters:\n" +                                     // 7-8
      "    - {name: a, path: actors.NTH.rationality, levels: [" + levels + "]}\n" +  // 9
      "    - {name: b, path: actors.STH.rationality, levels: [" + levels + "]}\n");  // 10
  const auto problems = comparison_problems(path);
  ASSERT_EQ(problems.size(), 1u);
  expect_problem(problems[0], path, 9, 5, "levers.parameters",
                 "the levers make 1.02e+04 combinations; at most 10000 options");
}

TEST_F(ExperimentFile, ParetoAndRobustnessMistakes) {
  const std::string path =
      comparison(kTwoOptions +
                 "pareto: [{outcome: attacks}]\n"                                     // 7
                 "robustness: {hurwicz_alpha: 1.5, percentile: 0.3, horwicz: 1}\n");  // 8
  const auto problems = comparison_problems(path);
  ASSERT_EQ(problems.size(), 4u);
  expect_problem(problems[0], path, 7, 9, "pareto", "at least two objectives");
  expect_problem(problems[1], path, 8, 29, "robustness.hurwicz_alpha",
                 "expected a weight between 0 and 1");
  expect_problem(problems[2], path, 8, 46, "robustness.percentile", "from 0.5 to below 1");
  expect_problem(problems[3], path, 8, 51, "robustness.horwicz", "unknown key 'horwicz'");
}

TEST_F(ExperimentFile, ComparisonReplicatesNeedAtLeastTwo) {
  const std::string path = comparison("replicates: 1\n" + kTwoOptions);  // 3
  const auto problems = comparison_problems(path);
  ASSERT_EQ(problems.size(), 1u);
  expect_problem(problems[0], path, 3, 13, "replicates",
                 "1 is out of range: expected 2 to 1000000");
}

TEST_F(ExperimentFile, ThresholdNeedsABound) {
  const std::string path = comparison(kTwoOptions + "thresholds:\n  - {outcome: attacks}\n");
  const auto problems = comparison_problems(path);
  ASSERT_EQ(problems.size(), 1u);
  expect_problem(problems[0], path, 8, 5, "thresholds[0]", "give min, max or both");
}

TEST_F(ExperimentFile, ThresholdMaxBelowMinIsRefused) {
  const std::string path =
      comparison(kTwoOptions + "thresholds:\n  - {outcome: attacks, min: 5, max: 1}\n");  // 8
  const auto problems = comparison_problems(path);
  ASSERT_EQ(problems.size(), 1u);
  expect_problem(problems[0], path, 8, 37, "thresholds[0].max", "max (1) is below min (5)");
}

TEST_F(ExperimentFile, RankByBetterIsLowerOrHigher) {
  const std::string path =
      comparison(kTwoOptions + "rank_by: {outcome: attacks, better: less}\n");  // 7
  const auto problems = comparison_problems(path);
  ASSERT_EQ(problems.size(), 1u);
  expect_problem(problems[0], path, 7, 37, "rank_by.better",
                 "expected 'lower' or 'higher', got 'less'");
}

TEST_F(ExperimentFile, EnsembleRefusesSobolAndMorris) {
  const std::string path =
      comparison(kTwoOptions +
                 "ensemble:\n"                                                    // 7
                 "  parameters: [{path: actors.STH.resolve, low: 0, high: 1}]\n"  // 8
                 "  design: {kind: sobol, samples: 8}\n");                        // 9
  const auto problems = comparison_problems(path);
  ASSERT_FALSE(problems.empty());
  expect_problem(problems[0], path, 9, 18, "ensemble.design.kind",
                 "sampled with grid, random, latin_hypercube or csv, not sobol");
}

// ---------------------------------------------------------------------------------------------
// What the loader relies on in the scenario loader.

Override from_file(std::string path, std::string value, bool append = false) {
  Override o;
  o.path = std::move(path);
  o.value = std::move(value);
  o.text = o.path + "=" + o.value;
  o.append = append;
  o.origin_file = "/experiments/options.yaml";
  o.origin_line = 17;
  o.origin_column = 9;
  return o;
}

TEST(OverrideOrigin, PathMissingFromTheScenarioIsLocatedAtTheOrigin) {
  const std::vector<Override> overrides = {from_file("actorz.NTH.capability", "0.5")};
  const auto problems = problems_of([&] { (void)load_scenario(kMinimal, overrides); });
  ASSERT_EQ(problems.size(), 1u);
  expect_problem(problems[0], "/experiments/options.yaml", 17, 9, "actorz",
                 "there is no 'actorz' at the top level; did you mean 'actors'?");
}

TEST(OverrideOrigin, MisspeltLastKeyIsLocatedAtTheOrigin) {
  const std::vector<Override> overrides = {from_file("actors.NTH.capabilty", "0.5")};
  const auto problems = problems_of([&] { (void)load_scenario(kMinimal, overrides); });
  ASSERT_EQ(problems.size(), 1u);
  expect_problem(problems[0], "/experiments/options.yaml", 17, 9, "actors.NTH.capabilty",
                 "unknown key 'capabilty'; did you mean 'capability'?");
}

TEST(OverrideOrigin, BadValueIsLocatedAtTheOrigin) {
  const std::vector<Override> overrides = {from_file("actors.NTH.capability", "high")};
  const auto problems = problems_of([&] { (void)load_scenario(kMinimal, overrides); });
  ASSERT_EQ(problems.size(), 1u);
  expect_problem(problems[0], "/experiments/options.yaml", 17, 9, "actors.NTH.capability",
                 "expected a number, got 'high'");
}

TEST(OverrideOrigin, WithoutOriginTheProblemNamesTheOverride) {
  Override o = from_file("actorz.NTH.capability", "0.5");
  o.origin_file.clear();
  const std::vector<Override> overrides = {o};
  const auto problems = problems_of([&] { (void)load_scenario(kMinimal, overrides); });
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].file, "--set actorz.NTH.capability=0.5");
  EXPECT_EQ(problems[0].line, 0);
}

TEST(OverrideAppend, AddsAPolicyToPolicies) {
  const std::vector<Override> overrides = {
      from_file("policies",
                "{name: shut, type: border_closure, actor: STH, "
                "start: {escalation_at_least: 6}, min_days: 10}",
                true)};
  const Scenario sc = load_scenario(kMinimal, overrides);
  ASSERT_EQ(sc.policies.size(), 3u);  // minimal.yaml has two
  EXPECT_EQ(sc.policies[0].name, "close_on_clash");
  EXPECT_EQ(sc.policies[2].name, "shut");
  EXPECT_EQ(sc.policies[2].type, PolicyType::kBorderClosure);
  EXPECT_EQ(sc.policies[2].actor, 1);  // STH
  EXPECT_EQ(sc.policies[2].closure_min_days, 10);
}

TEST(OverrideAppend, TwoAppendsAddTwoItemsInOrder) {
  const std::vector<Override> overrides = {
      from_file("policies", "{name: first, type: border_closure, actor: STH, min_days: 5}", true),
      from_file("policies", "{name: second, type: border_closure, actor: NTH, min_days: 6}", true)};
  const Scenario sc = load_scenario(kMinimal, overrides);
  ASSERT_EQ(sc.policies.size(), 4u);
  EXPECT_EQ(sc.policies[2].name, "first");
  EXPECT_EQ(sc.policies[3].name, "second");
}

TEST(OverrideAppend, AppendedPolicyOfUnknownTypeIsLocatedAtTheOrigin) {
  const std::vector<Override> overrides = {
      from_file("policies", "{name: wall, type: border_wall, actor: STH}", true)};
  const auto problems = problems_of([&] { (void)load_scenario(kMinimal, overrides); });
  ASSERT_FALSE(problems.empty());
  expect_problem(problems[0], "/experiments/options.yaml", 17, 9, "policies.wall.type",
                 "unknown policy type 'border_wall'");
}

TEST(OverrideAppend, OnlyTopLevelListsTakeItems) {
  const std::vector<Override> nested = {from_file("actors.NTH", "{x: 1}", true)};
  auto problems = problems_of([&] { (void)load_scenario(kMinimal, nested); });
  ASSERT_EQ(problems.size(), 1u);
  expect_problem(problems[0], "/experiments/options.yaml", 17, 9, "actors.NTH",
                 "items can only be added to a top-level list");
  const std::vector<Override> scalar = {from_file("name", "x", true)};
  problems = problems_of([&] { (void)load_scenario(kMinimal, scalar); });
  ASSERT_EQ(problems.size(), 1u);
  expect_problem(problems[0], "/experiments/options.yaml", 17, 9, "name", "'name' is not a list");
}

}  // namespace
}  // namespace flashpoint
