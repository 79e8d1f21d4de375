#include "experiment/progress_display.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <utility>

#include <fmt/format.h>

namespace flashpoint {

namespace {

std::string rate_text(double runs_per_second) {
  if (runs_per_second >= 100) return fmt::format("{:.0f}", runs_per_second);
  if (runs_per_second >= 1) return fmt::format("{:.1f}", runs_per_second);
  return fmt::format("{:.2g}", runs_per_second);
}

/// What a display remembers of the stage it shows.
struct StageMemory {
  std::string stage;
  bool open = false;  ///< a report of `stage` came and its last one did not yet
  double last_line_seconds = 0;

  /// True when `u` begins a stage (a new name, or the same name after its last report).
  bool begins(const ProgressUpdate& u) const { return !open || u.stage != stage; }
};

}  // namespace

std::string progress_duration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "?";
  const auto s = static_cast<long long>(std::llround(seconds));
  if (s < 60) return fmt::format("{} s", s);
  if (s < 3600) return fmt::format("{} min {} s", s / 60, s % 60);
  return fmt::format("{} h {:02} min", s / 3600, (s % 3600) / 60);
}

std::string format_progress_line(const ProgressUpdate& u) {
  std::string line = fmt::format("{} {}/{} runs", u.stage, u.done, u.total);
  if (u.total > 0) {
    line += fmt::format(" ({:.1f}%)",
                        100.0 * static_cast<double>(u.done) / static_cast<double>(u.total));
  }
  if (u.runs_per_second > 0) line += fmt::format("  {} runs/s", rate_text(u.runs_per_second));
  if (u.finished) {
    line += u.done >= u.total ? fmt::format("  done in {}", progress_duration(u.seconds))
                              : fmt::format("  stopped after {}", progress_duration(u.seconds));
    return line;
  }
  line += fmt::format("  elapsed {}", progress_duration(u.seconds));
  if (u.eta_seconds >= 0 && u.done < u.total) {
    line += fmt::format("  ETA {}", progress_duration(u.eta_seconds));
  }
  return line;
}

ProgressFn progress_lines(double interval_seconds, std::function<void(std::string_view)> write) {
  auto memory = std::make_shared<StageMemory>();
  return [memory, interval_seconds, write = std::move(write)](const ProgressUpdate& u) {
    StageMemory& m = *memory;
    const bool first = m.begins(u);
    if (first || u.finished || u.seconds - m.last_line_seconds >= interval_seconds) {
      write(format_progress_line(u) + '\n');
      m.last_line_seconds = u.seconds;
    }
    m.stage = u.stage;
    m.open = !u.finished;
  };
}

ProgressFn progress_bar(std::FILE* out) {
  struct BarState : StageMemory {
    std::size_t width = 0;  ///< of the line drawn last, to blank what a shorter one leaves
  };
  auto state = std::make_shared<BarState>();
  return [state, out](const ProgressUpdate& u) {
    BarState& s = *state;
    if (s.open && u.stage != s.stage) {  // the last stage ended without its last report
      std::fputc('\n', out);
      s.width = 0;
    }
    constexpr int kCells = 20;
    const double share =
        u.total > 0
            ? std::clamp(static_cast<double>(u.done) / static_cast<double>(u.total), 0.0, 1.0)
            : 1.0;
    const auto full = static_cast<int>(share * kCells);
    std::string line = format_progress_line(u);
    line.insert(std::min(line.size(), u.stage.size() + 1),  // after the stage's name
                fmt::format("[{}{}] ", std::string(static_cast<std::size_t>(full), '#'),
                            std::string(static_cast<std::size_t>(kCells - full), '.')));
    const std::size_t pad = s.width > line.size() ? s.width - line.size() : 0;
    fmt::print(out, "\r{}{}", line, std::string(pad, ' '));
    if (u.finished) std::fputc('\n', out);
    std::fflush(out);
    s.width = u.finished ? 0 : line.size();
    s.stage = u.stage;
    s.open = !u.finished;
  };
}

}  // namespace flashpoint
