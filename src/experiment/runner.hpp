#pragma once
// Runs a list of run plans on threads and hands the results, in plan order, to a sink on the
// calling thread (which owns the output file). The runner knows nothing about the model: it is
// given the function that turns a plan into a result.
#include <functional>
#include <span>
#include <vector>

#include "model/simulation.hpp"

namespace flashpoint {

using SimulateFn = std::function<RunResult(const RunPlan&)>;
using ResultSink = std::function<void(RunResult&&)>;

/// The plan of replicate `replicate` of one design point, seeded by run_seed(); its run is the
/// replicate.
[[nodiscard]] RunPlan replicate_plan(std::uint64_t master_seed, std::int64_t replicate,
                                     std::uint64_t design_point = 0);

/// Plans for `replicates` replicates of one design point: replicate_plan() of 0, 1, ...
[[nodiscard]] std::vector<RunPlan> replicate_plans(std::uint64_t master_seed, int replicates,
                                                   std::uint64_t design_point = 0);

/// What run_plans does after SIGINT/SIGTERM (core/interrupt.hpp).
enum class OnInterrupt {
  kStop,          ///< drop results not yet handed over, throw Interrupted at once
  kFinishClaimed  ///< start no new run, hand over every run already started, then throw
};

/// Simulates every plan on `threads` worker threads. The sink sees results in plan order,
/// whatever the thread count, so files and summaries are the same bytes for any thread count.
/// At most a few results per thread wait in memory. The first exception thrown by a worker or
/// the sink stops the run and is rethrown here. After SIGINT/SIGTERM no new run starts and
/// Interrupted is thrown (after the runs in flight with kFinishClaimed).
void run_plans(std::span<const RunPlan> plans, int threads, const SimulateFn& simulate,
               const ResultSink& sink, OnInterrupt on_interrupt = OnInterrupt::kStop);

}  // namespace flashpoint
