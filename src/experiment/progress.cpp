#include "experiment/progress.hpp"

#include <algorithm>
#include <chrono>
#include <utility>

namespace flashpoint {

double steady_clock_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

ProgressMeter::ProgressMeter(ProgressFn fn, std::string stage, std::int64_t total,
                             std::int64_t done_before, double interval, ProgressClock clock)
    : fn_(std::move(fn)),
      stage_(std::move(stage)),
      total_(total),
      done_before_(done_before),
      done_(done_before),
      interval_(interval),
      clock_(std::move(clock)) {
  start_ = fn_ ? clock_() : 0;
}

ProgressUpdate ProgressMeter::update(bool finished) const {
  ProgressUpdate u;
  u.stage = stage_;
  u.done = std::min(done_, total_);  // under MPI done_ is rank 0's estimate
  u.total = total_;
  u.finished = finished;
  u.seconds = fn_ ? std::max(0.0, clock_() - start_) : 0;
  const auto ran = static_cast<double>(u.done - done_before_);
  if (ran > 0 && u.seconds > 0) u.runs_per_second = ran / u.seconds;
  if (u.done >= total_) {
    u.eta_seconds = 0;
  } else if (u.runs_per_second > 0) {
    u.eta_seconds = static_cast<double>(total_ - u.done) / u.runs_per_second;
  }
  return u;
}

void ProgressMeter::report(bool finished) {
  if (!fn_ || over_) return;
  const ProgressUpdate u = update(finished);
  last_ = start_ + u.seconds;
  reported_ = true;
  over_ = true;  // stays so if the function throws
  fn_(u);
  over_ = finished;
}

void ProgressMeter::maybe_report() {
  if (!fn_ || over_) return;
  if (!reported_ || clock_() - last_ >= interval_) report(false);
}

void ProgressMeter::start() {
  if (!reported_) report(false);
}

void ProgressMeter::advance(std::int64_t runs) {
  done_ += runs;
  maybe_report();
}

void ProgressMeter::set_done(std::int64_t done) {
  done_ = done;
  maybe_report();
}

void ProgressMeter::finish() {
  report(true);
}

}  // namespace flashpoint
