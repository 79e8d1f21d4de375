#include "experiment/runner.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <thread>

#include "core/interrupt.hpp"
#include "core/rng.hpp"

namespace flashpoint {

RunPlan replicate_plan(std::uint64_t master_seed, std::int64_t replicate,
                       std::uint64_t design_point) {
  return {replicate, run_seed(master_seed, design_point, static_cast<std::uint64_t>(replicate)),
          static_cast<std::int32_t>(replicate)};
}

std::vector<RunPlan> replicate_plans(std::uint64_t master_seed, int replicates,
                                     std::uint64_t design_point) {
  std::vector<RunPlan> plans;
  plans.reserve(replicates);
  for (int r = 0; r < replicates; ++r)
    plans.push_back(replicate_plan(master_seed, r, design_point));
  return plans;
}

void run_plans(std::span<const RunPlan> plans, int threads, const SimulateFn& simulate,
               const ResultSink& sink, OnInterrupt on_interrupt) {
  const std::size_t n = plans.size();
  const std::size_t workers = std::clamp<std::size_t>(threads, 1, std::max<std::size_t>(n, 1));
  const std::size_t window = 4 * workers;  // results allowed to wait for their turn
  const bool finish_claimed = on_interrupt == OnInterrupt::kFinishClaimed;

  std::mutex mutex;
  std::condition_variable changed;
  std::map<std::size_t, RunResult> ready;
  std::size_t next_out = 0;
  std::size_t claimed = 0;  ///< plans [0, claimed) were taken by a worker (under mutex)
  std::size_t running = 0;  ///< workers still in their loop
  std::exception_ptr failure;
  bool stop = false;      ///< a failure, or an interrupt with kStop: everything ends
  bool draining = false;  ///< an interrupt with kFinishClaimed: no new plan is taken

  // Called with the mutex held.
  auto note_interrupt = [&] {
    if (finish_claimed) {
      draining = true;
    } else {
      if (!failure) failure = std::make_exception_ptr(Interrupted("interrupted by a signal"));
      stop = true;
    }
    changed.notify_all();
  };

  auto work = [&] {
    for (;;) {
      std::size_t k = 0;
      {
        // Do not run too far ahead of the writer: memory stays flat however many runs.
        std::unique_lock lock(mutex);
        if (interrupt_requested()) note_interrupt();
        changed.wait(
            lock, [&] { return stop || draining || claimed >= n || claimed < next_out + window; });
        if (stop || draining || claimed >= n) break;
        k = claimed++;
      }
      try {
        RunResult r = simulate(plans[k]);
        std::lock_guard lock(mutex);
        ready.emplace(k, std::move(r));
      } catch (...) {
        std::lock_guard lock(mutex);
        if (!failure) failure = std::current_exception();
        stop = true;
      }
      changed.notify_all();
    }
    std::lock_guard lock(mutex);
    --running;
    changed.notify_all();
  };

  std::vector<std::thread> pool;
  try {
    for (std::size_t t = 0; t < workers; ++t) {
      {
        std::lock_guard lock(mutex);
        ++running;
      }
      pool.emplace_back(work);
    }
  } catch (...) {  // could not start a thread: stop the ones that run, then report
    {
      std::lock_guard lock(mutex);
      --running;
      stop = true;
    }
    changed.notify_all();
    for (auto& t : pool) t.join();
    throw;
  }

  for (;;) {
    RunResult r;
    {
      std::unique_lock lock(mutex);
      auto can_go_on = [&] {
        return stop || ready.count(next_out) > 0 || next_out >= n || (draining && running == 0);
      };
      // Wake now and then to notice a signal even while every worker is busy.
      while (!changed.wait_for(lock, std::chrono::milliseconds(100), can_go_on)) {
        if (interrupt_requested() && !draining) note_interrupt();
      }
      if (stop || next_out >= n) break;
      auto it = ready.find(next_out);
      if (it == ready.end()) break;  // drained: every claimed plan was handed over
      r = std::move(it->second);
      ready.erase(it);
    }
    try {
      sink(std::move(r));
    } catch (...) {
      std::lock_guard lock(mutex);
      if (!failure) failure = std::current_exception();
      stop = true;
    }
    {
      std::lock_guard lock(mutex);
      ++next_out;
    }
    changed.notify_all();
  }
  {
    std::lock_guard lock(mutex);
    if (next_out < n && !failure) {
      failure = std::make_exception_ptr(Interrupted("interrupted by a signal"));
    }
    stop = true;
  }
  changed.notify_all();
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace flashpoint
