// The daily series and the per-run outcomes (docs/output.md).
#include <algorithm>

#include "model/phases.hpp"

namespace flashpoint {

void prepare_result(World& w) {
  RunResult& r = w.result;
  const std::size_t D = w.sc.days, S = w.num_states(), C = w.deaths_today.size();
  const std::size_t X = w.sc.crossings.size(), Y = S * (S - 1);
  r.escalation.assign(D, 0);
  r.fatalities.assign(D * C, 0);
  r.attacks_daily.assign(D, 0);
  r.hostility.assign(D * Y, 0);
  r.posts_held.assign(D * S, 0);
  r.crossing_open.assign(D * X, 0);
  r.trade_flow_usd.assign(D, 0);
  r.ceasefire.assign(D, 0);
  r.posts_captured.assign(S, 0);
  r.crossing_closed_days.assign(X, 0);
  r.fatalities_total.assign(C, 0);
  r.final_hostility.assign(Y, 0);
}

void record_day(World& w) {
  RunResult& r = w.result;
  const std::size_t d = w.day, S = w.num_states(), C = w.deaths_today.size();
  const std::size_t X = w.sc.crossings.size(), Y = S * (S - 1);
  const int level = w.max_level();
  r.escalation[d] = static_cast<std::int8_t>(level);
  w.level_yesterday = level;
  std::copy(w.deaths_today.begin(), w.deaths_today.end(), r.fatalities.begin() + d * C);
  std::fill(w.deaths_today.begin(), w.deaths_today.end(), 0);
  r.attacks_daily[d] = w.attacks_today;
  w.attacks_today = 0;
  std::size_t y = 0;
  for (std::size_t i = 0; i < S; ++i) {
    for (std::size_t j = 0; j < S; ++j) {
      if (i != j) r.hostility[d * Y + y++] = w.hostility(i, j);
    }
  }
  for (std::size_t p = 0; p < w.posts.size(); ++p) ++r.posts_held[d * S + w.posts.controller[p]];
  for (std::size_t c = 0; c < X; ++c) r.crossing_open[d * X + c] = w.crossing_open[c];
  r.ceasefire[d] = std::any_of(w.ceasefire.begin(), w.ceasefire.end(), [](auto v) { return v; });
}

void finish_run(World& w) {
  RunResult& r = w.result;
  const std::size_t D = w.sc.days, C = w.deaths_today.size();
  const std::size_t S = w.num_states(), Y = S * (S - 1);
  r.peak_escalation = 0;
  r.conflict_days = 0;
  r.attacks = 0;
  for (std::size_t d = 0; d < D; ++d) {
    r.peak_escalation = std::max<std::int32_t>(r.peak_escalation, r.escalation[d]);
    r.conflict_days += r.escalation[d] >= 6;
    r.attacks += r.attacks_daily[d];
    for (std::size_t c = 0; c < C; ++c) r.fatalities_total[c] += r.fatalities[d * C + c];
  }
  if (D > 0) {
    std::copy(r.hostility.begin() + (D - 1) * Y, r.hostility.begin() + D * Y,
              r.final_hostility.begin());
  }
}

}  // namespace flashpoint
