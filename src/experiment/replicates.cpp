// The replicates of one scenario into one results file (experiment/replicates.hpp).
#include "experiment/replicates.hpp"

#include <chrono>
#include <optional>

#include "experiment/digest.hpp"
#include "experiment/outcomes.hpp"
#include "experiment/runner.hpp"
#include "model/plausibility.hpp"
#include "model/simulation.hpp"
#include "output/hdf5_writer.hpp"

namespace flashpoint {

ExperimentRuns replicate_runs(const Scenario& scenario, std::uint64_t master_seed,
                              std::int64_t replicates) {
  ExperimentRuns runs;
  runs.kind = "run";
  runs.runs = replicates;
  runs.keep = KeepLevel::kEvents;
  runs.plan = [master_seed](std::int64_t run) { return replicate_plan(master_seed, run); };
  runs.variant = [](std::int64_t) { return std::size_t{0}; };
  runs.make_scenario = [&scenario](std::size_t) { return scenario; };
  runs.base = &scenario;
  return runs;
}

ReplicatesReport run_replicates(const Scenario& scenario, const ExperimentRuns& runs,
                                const ReplicatesOptions& o) {
  const ResultsLayout layout = results_layout(scenario);
  WriterOptions wo;
  wo.runs = runs.runs;
  wo.overwrite = o.force;
  std::optional<ResultsWriter> writer;
  if (!o.output.empty()) {
    writer.emplace(o.output, layout, experiment_provenance(scenario, o.command_line, o.master_seed),
                   wo);
  }
  SummaryBuilder summary(layout);
  RecordScorer record(scenario, layout);
  Digest digest;
  PlausibilityTally plausibility;
  ReplicatesReport report;
  const auto t0 = std::chrono::steady_clock::now();

  // /outcomes: every built-in outcome of every run, written a block of runs at a time.
  const std::vector<OutcomeColumn> columns = outcome_columns(layout);
  if (writer) writer->write_group(outcomes_group(columns, runs.runs));
  constexpr std::size_t kBlockRuns = 4096;
  std::vector<double> outcome_block, outcome_row;
  std::size_t block_first = 0;
  auto flush_outcomes = [&] {
    if (!writer || outcome_block.empty()) return;
    writer->write_rows(kOutcomeValuesPath, block_first, outcome_block);
    block_first += outcome_block.size() / columns.size();
    outcome_block.clear();
  };

  run_in_memory(
      runs, o.threads,
      [&](RunResult&& r) {
        if (writer) {
          writer->write(r);
          outcome_values(r, layout, outcome_row);
          outcome_block.insert(outcome_block.end(), outcome_row.begin(), outcome_row.end());
          if (outcome_block.size() >= kBlockRuns * columns.size()) flush_outcomes();
        }
        summary.add(r);
        record.add(r);
        digest.add(r);
        report.capped += r.events_dropped > 0;
        plausibility.add(r);
      },
      o.profile, o.progress);
  report.scores = record.finish();
  flush_outcomes();
  if (writer) {
    writer->write_group(results_geography(scenario));
    if (!report.scores.empty()) writer->write_group(record_group(report.scores));
    writer->finish();
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  report.warnings = plausibility.warnings();
  report.summary = summary.finish(digest.hex());
  return report;
}

}  // namespace flashpoint
