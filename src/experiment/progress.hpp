#pragma once
// Progress of long work (a sweep, a comparison, the replicates of `run`, a calibration's
// generations), handed to whoever watches: the terminal's progress line, steady `--progress=lines`
// for logs and pipes, or a Python callback. Reports come on the calling thread of the work (rank 0
// only under MPI), at most every few seconds and once more when a stage ends.
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

}  // namespace flashpoint
