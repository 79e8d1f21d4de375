#pragma once
// Progress of long work (a sweep, a comparison, the replicates of `run`, a calibration's
// generations), handed to whoever watches: the terminal's progress bar, steady `--progress=lines`
// for logs and pipes (experiment/progress_display.hpp), or a Python callback. Reports come on the
// calling thread of the work (rank 0 only under MPI): one when a stage starts, then at most one
// every kProgressSeconds, and one more (finished) when the stage ends.
#include <cstdint>
#include <functional>
#include <string>

namespace flashpoint {

struct ProgressUpdate {
  std::string stage;           ///< "sweep", "comparison", "run", "calibration generation 3", ...
  std::int64_t done = 0;       ///< runs of the stage finished, every rank and earlier sessions
  std::int64_t total = 0;      ///< runs of the stage
  double seconds = 0;          ///< since the stage started
  double runs_per_second = 0;  ///< of this invocation; 0 before the first run ends
  double eta_seconds = -1;     ///< time left at that pace; -1 when unknown
  bool finished = false;       ///< the stage's last report
};

/// Called with each report; may throw Interrupted to stop the work as a signal would.
using ProgressFn = std::function<void(const ProgressUpdate&)>;

/// The shortest time between two reports of a stage (the first and the last aside).
inline constexpr double kProgressSeconds = 0.25;

/// Seconds on a steady clock, from any fixed origin: what a ProgressMeter reads by default.
using ProgressClock = std::function<double()>;
[[nodiscard]] double steady_clock_seconds();

/// The reports of one stage to a ProgressFn, paced: start() reports at once, advance() and
/// set_done() when `interval` seconds have passed since the last report, finish() once at the
/// end. The pace (runs per second) is of the runs counted by this meter; runs done before it
/// started count in `done` only. Without a function every call does nothing. When the function
/// throws, the exception goes to the caller and the meter reports nothing more.
class ProgressMeter {
 public:
  ProgressMeter(ProgressFn fn, std::string stage, std::int64_t total, std::int64_t done_before,
                double interval = kProgressSeconds, ProgressClock clock = steady_clock_seconds);

  void start();
  /// `runs` more runs finished.
  void advance(std::int64_t runs = 1);
  /// `done` runs of the stage are finished now (every rank and session): for a caller that
  /// counts them itself, e.g. in the journals of other processes.
  void set_done(std::int64_t done);
  /// The last report (finished = true), at most once.
  void finish();

  [[nodiscard]] std::int64_t done() const { return done_; }
  /// The report the meter would give now.
  [[nodiscard]] ProgressUpdate update(bool finished) const;

 private:
  void report(bool finished);
  void maybe_report();

  ProgressFn fn_;
  std::string stage_;
  std::int64_t total_, done_before_, done_;
  double interval_;
  ProgressClock clock_;
  double start_ = 0;
  double last_ = 0;
  bool reported_ = false;  ///< a report was given (start_ and last_ are set)
  bool over_ = false;      ///< finished, or the function threw: no more reports
};

}  // namespace flashpoint
