#include "experiment/summary.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "experiment/outcomes.hpp"
#include "scenario/scenario.hpp"

namespace flashpoint {

double quantile(std::vector<double> v, double q) {
  std::erase_if(v, [](double x) { return std::isnan(x); });
  if (v.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::sort(v.begin(), v.end());
  const double h = (static_cast<double>(v.size()) - 1.0) * q;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

void SummaryBuilder::add(const RunResult& r) {
  if (names_.empty()) {
    for (auto& c : outcome_columns(layout_)) {
      names_.push_back(std::move(c.name));
      units_.push_back(std::move(c.unit));
      optional_.push_back(c.optional);
    }
    values_.resize(names_.size());
    broken_.assign(names_.size(), 0);
  }
  outcome_values(r, layout_, scratch_);
  for (std::size_t k = 0; k < scratch_.size(); ++k) {
    values_[k].push_back(scratch_[k]);
    if (std::isnan(scratch_[k]) && !optional_[k]) ++broken_[k];
  }
  ++runs_;
  with_ceasefire_ += r.first_ceasefire_day >= 0;
  reached_rung8_ += r.peak_escalation >= kDeepStrikeRung;
  with_strike_ += r.first_strike_day >= 0;
}

RunSummary SummaryBuilder::finish(std::string digest) const {
  RunSummary s;
  s.runs = runs_;
  s.digest = std::move(digest);
  s.share_ceasefire = runs_ > 0 ? double(with_ceasefire_) / runs_ : 0.0;
  s.share_rung8 = runs_ > 0 ? double(reached_rung8_) / runs_ : 0.0;
  s.share_strike = runs_ > 0 ? double(with_strike_) / runs_ : 0.0;
  for (std::size_t k = 0; k < names_.size(); ++k) {
    OutcomeStats o;
    o.name = names_[k];
    o.unit = units_[k];
    double sum = 0;
    for (double v : values_[k]) {
      if (!std::isnan(v)) {
        ++o.n;
        sum += v;
      }
    }
    o.mean = o.n > 0 ? sum / o.n : std::numeric_limits<double>::quiet_NaN();
    o.median = quantile(values_[k], 0.5);
    o.p05 = quantile(values_[k], 0.05);
    o.p95 = quantile(values_[k], 0.95);
    if (broken_[k] > 0) {  // a NaN that is not "no value" breaks every statistic of the outcome
      o.n += broken_[k];
      o.mean = o.median = o.p05 = o.p95 = std::numeric_limits<double>::quiet_NaN();
    }
    s.outcomes.push_back(std::move(o));
  }
  return s;
}

namespace {
std::string number(double v) {
  if (std::isnan(v)) return "-";
  if (std::abs(v) >= 1e6) return fmt::format("{:.3g}", v);
  if (v == std::floor(v)) return fmt::format("{:.0f}", v);
  return fmt::format("{:.1f}", v);
}
/// A statistic over n runs: "-" when no run has a value, "broken" when runs have values but the
/// statistic is not a number.
std::string stat_text(double v, int n) {
  if (n == 0) return "-";
  return std::isfinite(v) ? number(v) : "broken";
}
Json stat_json(double v, int n) {
  if (n == 0) return nullptr;
  return std::isfinite(v) ? Json(v) : Json("broken");
}
}  // namespace

std::string format_summary_table(const RunSummary& s) {
  std::size_t width = 7;
  for (const auto& o : s.outcomes) width = std::max(width, o.name.size());
  std::string out = fmt::format("{:<{}}  {:>10}  {:>21}  {}\n", "outcome", width, "median",
                                "5-95% range", "unit");
  for (const auto& o : s.outcomes) {
    const std::string range = o.n > 0 ? stat_text(o.p05, o.n) + " - " + stat_text(o.p95, o.n) : "-";
    std::string unit = o.unit;
    if (o.name == "first_ceasefire_day") unit += fmt::format(" ({} of {} runs)", o.n, s.runs);
    out += fmt::format("{:<{}}  {:>10}  {:>21}  {}\n", o.name, width, stat_text(o.median, o.n),
                       range, unit);
  }
  out += fmt::format(
      "runs: {}   with a strike: {:.0f}%   with a ceasefire: {:.0f}%   reached rung >= 8: {:.0f}%  "
      " "
      "data digest: {}\n",
      s.runs, 100 * s.share_strike, 100 * s.share_ceasefire, 100 * s.share_rung8, s.digest);
  return out;
}

Json summary_json(const RunSummary& s, const std::string& output_path, double seconds) {
  Json outcomes = Json::object();
  for (const auto& o : s.outcomes) {
    outcomes[o.name] = {{"unit", o.unit},
                        {"n", o.n},
                        {"mean", stat_json(o.mean, o.n)},
                        {"median", stat_json(o.median, o.n)},
                        {"p05", stat_json(o.p05, o.n)},
                        {"p95", stat_json(o.p95, o.n)}};
  }
  return {{"output", output_path.empty() ? Json(nullptr) : Json(output_path)},
          {"runs", s.runs},
          {"seconds", seconds},
          {"digest", s.digest},
          {"share_strike", s.share_strike},
          {"share_ceasefire", s.share_ceasefire},
          {"share_rung8", s.share_rung8},
          {"outcomes", std::move(outcomes)}};
}

std::string format_phase_profile(const PhaseProfile& p, std::size_t runs) {
  double total = p.setup_seconds;
  for (double v : p.seconds) total += v;
  const auto share = [&](double v) { return total > 0 ? 100.0 * v / total : 0.0; };
  std::string out = fmt::format(
      "phase profile: {} run{}, {} simulated days; time in each phase summed over the threads\n"
      "  {:<22} {:>10} {:>7} {:>12}\n",
      runs, runs == 1 ? "" : "s", p.days, "phase", "seconds", "share", "us per day");
  const auto row = [&](std::string_view name, double v, bool per_day) {
    out += fmt::format(
        "  {:<22} {:>10.4f} {:>6.1f}% {:>12}\n", name, v, share(v),
        per_day && p.days > 0 ? fmt::format("{:.2f}", 1e6 * v / static_cast<double>(p.days)) : "-");
  };
  row("setup (before day 0)", p.setup_seconds, false);
  const auto phases = daily_phases();
  for (std::size_t k = 0; k < phases.size(); ++k) row(phases[k].name, p.seconds[k], true);
  row("total", total, true);
  return out;
}

}  // namespace flashpoint
