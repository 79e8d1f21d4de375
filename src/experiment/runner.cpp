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

std::vector<RunPlan> replicate_plans(std::uint64_t master_seed, int replicates,
                                     std::uint64_t design_point) {
  std::vector<RunPlan> plans;
  plans.reserve(replicates);
  for (int r = 0; r < replicates; ++r) {
    plans.push_back({r, run_seed(master_seed, design_point, static_cast<std::uint64_t>(r)), r});
  }
  return plans;
}

void run_plans(std::span<const RunPlan> plans, int threads, const SimulateFn& simulate,
               const ResultSink& sink) {
  const std::size_t n = plans.size();
  const std::size_t workers = std::clamp<std::size_t>(threads, 1, std::max<std::size_t>(n, 1));
  const std::size_t window = 4 * workers;  // results allowed to wait for their turn

  std::mutex mutex;
  std::condition_variable changed;
  std::map<std::size_t, RunResult> ready;
  std::size_t next_out = 0;
  std::atomic<std::size_t> next_in{0};
  std::exception_ptr failure;
  bool stop = false;

  auto work = [&] {
    for (;;) {
      if (interrupt_requested()) {
        std::lock_guard lock(mutex);
        if (!failure) failure = std::make_exception_ptr(Interrupted("interrupted by a signal"));
        stop = true;
        changed.notify_all();
        return;
      }
      const std::size_t k = next_in.fetch_add(1);
      if (k >= n) return;
      {
        // Do not run too far ahead of the writer: memory stays flat however many runs.
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return stop || k < next_out + window; });
        if (stop) return;
        if (interrupt_requested()) {
          if (!failure) failure = std::make_exception_ptr(Interrupted("interrupted by a signal"));
          stop = true;
          changed.notify_all();
          return;
        }
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
  };

  std::vector<std::thread> pool;
  try {
    for (std::size_t t = 0; t < workers; ++t) pool.emplace_back(work);
  } catch (...) {  // could not start a thread: stop the ones that run, then report
    {
      std::lock_guard lock(mutex);
      stop = true;
    }
    changed.notify_all();
    for (auto& t : pool) t.join();
    throw;
  }

  while (next_out < n) {
    RunResult r;
    {
      std::unique_lock lock(mutex);
      // Wake now and then to notice a signal even while every worker is busy.
      while (!changed.wait_for(lock, std::chrono::milliseconds(100),
                               [&] { return stop || ready.count(next_out) > 0; })) {
        if (interrupt_requested()) {
          if (!failure) failure = std::make_exception_ptr(Interrupted("interrupted by a signal"));
          stop = true;
          changed.notify_all();
        }
      }
      if (stop) break;
      auto it = ready.find(next_out);
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
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace flashpoint
