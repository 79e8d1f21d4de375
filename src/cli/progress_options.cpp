// `--progress=auto|bar|lines|none` and `--progress-interval SECONDS`: which display of
// experiment/progress_display.hpp watches the work, on stderr.
#include <unistd.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <string_view>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "experiment/progress_display.hpp"

namespace flashpoint::cli {

void add_progress_options(CLI::App* cmd, ProgressOptions& o) {
  cmd->add_option("--progress", o.mode,
                  "Progress on stderr: auto (a bar on a terminal, else nothing), bar, lines (one "
                  "line every --progress-interval seconds, for logs) or none");
  cmd->add_option("--progress-interval", o.interval_seconds,
                  "Seconds between two lines of --progress=lines (default 10; 0: every report)");
}

ProgressFn make_progress(const ProgressOptions& o, bool silent) {
  constexpr std::array<std::string_view, 4> kModes = {"auto", "bar", "lines", "none"};
  const std::string mode = o.mode.value_or("auto");
  bool known = false;
  std::string_view near;  // a mode the value begins, or begins with: "line", "bars"
  for (const auto m : kModes) {
    known = known || mode == m;
    if (mode.size() >= 2 && (m.starts_with(mode) || std::string_view(mode).starts_with(m))) {
      near = m;
    }
  }
  if (!known) {
    throw InputError(
        Problem{"--progress", 0, 0, "",
                fmt::format("expected auto, bar, lines or none, got '{}'{}", mode,
                            near.empty() ? "" : fmt::format("; did you mean '{}'?", near))});
  }
  if (!std::isfinite(o.interval_seconds) || o.interval_seconds < 0) {
    throw InputError(Problem{
        "--progress-interval", 0, 0, "",
        fmt::format("expected a number of seconds, 0 or more (e.g. --progress-interval 30), got {}",
                    o.interval_seconds)});
  }
  if (mode == "none" || (silent && !o.mode)) return nullptr;
  if (mode == "lines") {
    return progress_lines(o.interval_seconds, [](std::string_view line) {
      std::fwrite(line.data(), 1, line.size(), stderr);
      std::fflush(stderr);
    });
  }
  if (mode == "auto" && isatty(fileno(stderr)) == 0) return nullptr;
  return progress_bar(stderr);
}

}  // namespace flashpoint::cli
