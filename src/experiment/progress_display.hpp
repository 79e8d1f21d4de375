#pragma once
// The two ways the command line shows progress reports (experiment/progress.hpp): a bar redrawn
// in place on a terminal, and self-contained lines at a steady pace for logs, pipes and
// notebooks (`--progress=bar|lines`, docs/cli.md).
#include <cstdio>
#include <functional>
#include <string>
#include <string_view>

#include "experiment/progress.hpp"

namespace flashpoint {

/// A time span for a person: "29 s", "1 min 27 s", "2 h 05 min"; "?" when negative or not
/// finite.
[[nodiscard]] std::string progress_duration(double seconds);

/// One report as one line, without a newline, e.g.
/// "sweep 1200/4800 runs (25.0%)  41.3 runs/s  elapsed 29 s  ETA 1 min 27 s"; the last report
/// ends "done in 1 min 56 s" when every run is done, else "stopped after 31 s".
[[nodiscard]] std::string format_progress_line(const ProgressUpdate& u);

/// Lines at a steady pace, each handed to `write` with its newline: a stage's first report, then
/// the first report at least `interval_seconds` after the last line written (by the stage's own
/// clock, ProgressUpdate::seconds), and its last report.
[[nodiscard]] ProgressFn progress_lines(double interval_seconds,
                                        std::function<void(std::string_view)> write);

/// A bar on the terminal `out`, redrawn in place with a carriage return at every report and
/// left on its own line when the stage ends (or another begins).
[[nodiscard]] ProgressFn progress_bar(std::FILE* out);

}  // namespace flashpoint
