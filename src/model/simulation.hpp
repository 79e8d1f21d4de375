#pragma once
// One run of a scenario: the public entry point of the model.
#include <cstdint>
#include <memory>
#include <vector>

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

struct World;
struct InvariantBaseline;

/// What a run looks like at the end of a day (RunStepper::state()), in the coordinates of
/// results_layout(): enough to watch one run day by day (the Python package's Simulation).
struct RunState {
  std::int32_t day = 0;                     ///< days simulated so far
  std::vector<std::int32_t> escalation;     ///< [dyad] the i-j level (the window's highest rung)
  std::int32_t max_escalation = 0;          ///< highest level over all dyads (the /runs series)
  std::vector<double> hostility;            ///< [dyad] H_ij
  std::vector<std::int32_t> posts_held;     ///< [state]
  std::vector<std::int32_t> cells;          ///< [group] live cells
  std::vector<double> fighters;             ///< [group]
  std::vector<double> district_active;      ///< [district] active people / population
  std::vector<std::uint8_t> ceasefire;      ///< [dyad] a ceasefire in force between i and j
  std::vector<std::uint8_t> crossing_open;  ///< [crossing]
  std::vector<std::int32_t> fatalities;     ///< [category] deaths so far
};

/// One run advanced a day at a time: the same days as simulate() with the same plan, so that
/// stepping to the end and calling finish() gives the RunResult simulate() gives. Owns its copy of
/// the scenario and the world.
class RunStepper {
 public:
  RunStepper(Scenario scenario, const RunPlan& plan);
  ~RunStepper();
  RunStepper(const RunStepper&) = delete;
  RunStepper& operator=(const RunStepper&) = delete;

  /// Simulates the next day; std::logic_error when done() or finished.
  void step();
  [[nodiscard]] std::int32_t day() const;  ///< days simulated so far
  [[nodiscard]] bool done() const;         ///< every day of the scenario is simulated
  [[nodiscard]] RunState state() const;
  /// The run's result, with its per-run outcomes; only when done(), and only once.
  [[nodiscard]] RunResult finish();
  [[nodiscard]] const Scenario& scenario() const { return scenario_; }

 private:
  Scenario scenario_;
  std::unique_ptr<World> world_;
  std::unique_ptr<InvariantBaseline> baseline_;  ///< debug builds: simulate()'s daily check
  bool finished_ = false;
};

/// The coordinates of a results file for this scenario.
[[nodiscard]] ResultsLayout results_layout(const Scenario& scenario);

/// The /geography group of a results file: where the sectors, posts, districts and crossings
/// are, so that maps can be drawn from the file alone (docs/output.md).
[[nodiscard]] TableGroup results_geography(const Scenario& scenario);

}  // namespace flashpoint
