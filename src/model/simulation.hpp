#pragma once
// One run of a scenario: the public entry point of the model.
#include <cstdint>

#include "model/results.hpp"
#include "scenario/scenario.hpp"

namespace flashpoint {

struct PhaseProfile;

/// What a runner hands the model: which run, with which seed. Runners know nothing else.
struct RunPlan {
  std::int64_t run = 0;
  std::uint64_t seed = 0;
  std::int32_t replicate = 0;
};

/// Simulates the scenario from its start date for scenario.days days. With `stop_on_interrupt`
/// a SIGINT/SIGTERM (core/interrupt.hpp) stops the run within a day by throwing Interrupted;
/// sweeps pass false so that runs in flight finish and are kept. With `profile`, the time of
/// each phase is added to it (model/phases.hpp; `run --profile`); the results are the same.
[[nodiscard]] RunResult simulate(const Scenario& scenario, const RunPlan& plan,
                                 bool stop_on_interrupt = true, PhaseProfile* profile = nullptr);

/// The coordinates of a results file for this scenario.
[[nodiscard]] ResultsLayout results_layout(const Scenario& scenario);

/// The /geography group of a results file: where the sectors, posts, districts and crossings
/// are, so that maps can be drawn from the file alone (docs/output.md).
[[nodiscard]] TableGroup results_geography(const Scenario& scenario);

}  // namespace flashpoint
