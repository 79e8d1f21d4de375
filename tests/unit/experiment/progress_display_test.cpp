// The progress line's text and the pace of --progress=lines, from reports made by hand; the bar
// drawn into a temporary file.
#include "experiment/progress_display.hpp"

#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace flashpoint {
namespace {

ProgressUpdate report(std::string stage, std::int64_t done, std::int64_t total, double seconds,
                      double rate = 0, double eta = -1, bool finished = false) {
  return {std::move(stage), done, total, seconds, rate, eta, finished};
}

TEST(ProgressDuration, SecondsMinutesAndHours) {
  EXPECT_EQ(progress_duration(0), "0 s");
  EXPECT_EQ(progress_duration(29.4), "29 s");
  EXPECT_EQ(progress_duration(59.6), "1 min 0 s");
  EXPECT_EQ(progress_duration(87), "1 min 27 s");
  EXPECT_EQ(progress_duration(2 * 3600 + 5 * 60 + 12), "2 h 05 min");
  EXPECT_EQ(progress_duration(-1), "?");
  EXPECT_EQ(progress_duration(std::nan("")), "?");
  EXPECT_EQ(progress_duration(std::numeric_limits<double>::infinity()), "?");
}

TEST(ProgressLine, SaysRunsShareRateElapsedAndTimeLeft) {
  EXPECT_EQ(format_progress_line(report("sweep", 1200, 4800, 29, 41.3, 87)),
            "sweep 1200/4800 runs (25.0%)  41.3 runs/s  elapsed 29 s  ETA 1 min 27 s");
  // Before the first run: no rate, no time left.
  EXPECT_EQ(format_progress_line(report("comparison", 0, 640, 0)),
            "comparison 0/640 runs (0.0%)  elapsed 0 s");
  // Slow and fast rates keep two significant figures or more.
  EXPECT_EQ(format_progress_line(report("calibration generation 3", 1, 300, 47, 0.0213, 14000)),
            "calibration generation 3 1/300 runs (0.3%)  0.021 runs/s  elapsed 47 s  ETA 3 h 53 "
            "min");
  EXPECT_EQ(format_progress_line(report("run", 5000, 10000, 4, 1234.4, 4.05)),
            "run 5000/10000 runs (50.0%)  1234 runs/s  elapsed 4 s  ETA 4 s");
}

TEST(ProgressLine, TheLastSaysDoneOrStopped) {
  EXPECT_EQ(format_progress_line(report("sweep", 4800, 4800, 116, 41.3, 0, true)),
            "sweep 4800/4800 runs (100.0%)  41.3 runs/s  done in 1 min 56 s");
  EXPECT_EQ(format_progress_line(report("sweep", 1300, 4800, 31, 41.9, 83, true)),
            "sweep 1300/4800 runs (27.1%)  41.9 runs/s  stopped after 31 s");
}

TEST(ProgressLines, OneLineAtStartThenOneEveryIntervalAndTheLast) {
  std::vector<std::string> lines;
  const ProgressFn show = progress_lines(10, [&](std::string_view l) { lines.emplace_back(l); });
  for (double t : {0.0, 4.0, 9.9, 10.0, 15.0, 20.4}) show(report("sweep", 0, 100, t));
  show(report("sweep", 100, 100, 21, 4.8, 0, true));
  ASSERT_EQ(lines.size(), 4u);  // at 0, 10 and 20.4 s, and the last
  EXPECT_EQ(lines[0], "sweep 0/100 runs (0.0%)  elapsed 0 s\n");
  EXPECT_EQ(lines[1], "sweep 0/100 runs (0.0%)  elapsed 10 s\n");
  EXPECT_EQ(lines[2], "sweep 0/100 runs (0.0%)  elapsed 20 s\n");
  EXPECT_EQ(lines[3], "sweep 100/100 runs (100.0%)  4.8 runs/s  done in 21 s\n");
  // A new stage (here the next generation, whose clock starts again) has its first line at once.
  show(report("calibration generation 1", 0, 10, 0));
  show(report("calibration generation 1", 1, 10, 3));
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[4], "calibration generation 1 0/10 runs (0.0%)  elapsed 0 s\n");
}

TEST(ProgressLines, AtZeroIntervalEveryReportIsALine) {
  std::vector<std::string> lines;
  const ProgressFn show = progress_lines(0, [&](std::string_view l) { lines.emplace_back(l); });
  show(report("run", 0, 2, 0));
  show(report("run", 1, 2, 0.1, 10, 0.1));
  show(report("run", 2, 2, 0.2, 10, 0));
  show(report("run", 2, 2, 0.2, 10, 0, true));
  EXPECT_EQ(lines.size(), 4u);
}

TEST(ProgressBar, RedrawsInPlaceAndEndsTheLineWithTheStage) {
  std::FILE* out = std::tmpfile();
  ASSERT_NE(out, nullptr);
  const ProgressFn show = progress_bar(out);
  show(report("sweep", 1200, 4800, 29, 41.3, 87));
  show(report("sweep", 4800, 4800, 116, 41.3, 0, true));
  std::rewind(out);
  std::string text;
  for (int c = std::fgetc(out); c != EOF; c = std::fgetc(out)) text += static_cast<char>(c);
  std::fclose(out);
  const std::string first =
      "\rsweep [#####...............] 1200/4800 runs (25.0%)  41.3 runs/s  elapsed 29 s  ETA 1 "
      "min 27 s";
  const std::string last =
      "\rsweep [####################] 4800/4800 runs (100.0%)  41.3 runs/s  done in 1 min 56 s";
  ASSERT_EQ(text.substr(0, first.size()), first);
  // The shorter last line blanks what is left of the first, then ends the line.
  EXPECT_EQ(text.substr(first.size()), last + std::string(first.size() - last.size(), ' ') + "\n");
}

}  // namespace
}  // namespace flashpoint
