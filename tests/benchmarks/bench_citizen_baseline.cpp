// BM_CitizenBaseline: the yardstick of the citizen update (docs/performance.md, "The citizen
// kernel"). The simplest correct loop of the same rule on the same citizens: one pass per
// district, in citizen order, with a branch per status and a draw where a draw is needed, from
// xoshiro256+ (Blackman & Vigna 2021), the fastest good generator there is for a sequential
// loop. Same columns (the world's, copied), same district terms (the model's formulas), quiet
// days like BM_CitizenUpdate. bench.sh reports the citizen update as a ratio to it.
#include <bit>
#include <cstdint>
#include <vector>

#include <benchmark/benchmark.h>

#include "bench_register.hpp"
#include "bench_support.hpp"
#include "core/counter_rng.hpp"
#include "core/rng.hpp"
#include "model/citizen_kernel.hpp"
#include "model/society.hpp"

namespace flashpoint::bench {

namespace {

/// xoshiro256+ (Blackman & Vigna): 32-bit draws from the top of each output.
class Xoshiro256Plus {
 public:
  explicit Xoshiro256Plus(std::uint64_t seed) {
    for (auto& w : s_) w = seed = mix64(seed);
  }
  std::uint32_t next32() {
    const std::uint64_t result = s_[0] + s_[3];
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = std::rotl(s_[3], 45);
    return static_cast<std::uint32_t>(result >> 32);
  }

 private:
  std::uint64_t s_[4];
};

/// The baseline's citizens and per-district counts, copied from a world.
struct Baseline {
  std::vector<std::size_t> first;
  std::vector<float> hardship, risk;
  std::vector<std::uint8_t> active, displaced;
  std::vector<std::uint16_t> jail;
  std::vector<double> surge;
  std::vector<std::int64_t> free, on;  // per district, at the end of the last day
};

/// One quiet day of the rule: displaced citizens return with return_rate, jail terms count down,
/// free residents follow Epstein's rule with the district's terms from yesterday's active share,
/// actives are arrested with arrest_rate * P and jailed for 1..max_jail days.
void baseline_day(const World& w, Baseline& b, Xoshiro256Plus& rng) {
  const PopulationParams& p = w.sc.population;
  const std::uint64_t returns = bernoulli_threshold(p.return_rate);
  const auto max_jail = static_cast<std::uint32_t>(std::max(1, p.max_jail_days));
  for (std::size_t d = 0; d + 1 < b.first.size(); ++d) {
    const double share =
        b.free[d] > 0 ? static_cast<double>(b.on[d]) / static_cast<double>(b.free[d]) : 0.0;
    b.surge[d] =
        policing_surge(b.surge[d], w.params.security[d], share, p.security_surge, p.surge_rate);
    const double est = arrest_probability(
        p.arrest_constant, p.vision * (w.params.security[d] + b.surge[d]), p.vision * share);
    const std::uint64_t arrest = bernoulli_threshold(p.arrest_rate * est);
    const EpsteinTerms t = epstein_terms(w.society.legitimacy[d], est, 0.0, p.activation_threshold);
    const CitizenRule rule{
        static_cast<float>(w.society.hardship[d]), static_cast<float>(t.legitimacy_term),
        static_cast<float>(t.arrest_estimate * t.discount_term), static_cast<float>(t.threshold)};
    std::int64_t free = 0, on = 0;
    for (std::size_t i = b.first[d]; i < b.first[d + 1]; ++i) {
      if (b.displaced[i]) {
        if (rng.next32() >= returns) continue;
        b.displaced[i] = 0;
      }
      if (b.jail[i] > 0 && --b.jail[i] > 0) continue;
      ++free;
      bool is_active = citizen_wants_active(rule, b.hardship[i], b.risk[i]);
      if (is_active && rng.next32() < arrest) {
        b.jail[i] = static_cast<std::uint16_t>(1 + uniform_below(rng.next32(), max_jail));
        is_active = false;
        --free;
      }
      b.active[i] = is_active ? 1 : 0;
      on += is_active ? 1 : 0;
    }
    b.free[d] = free;
    b.on[d] = on;
  }
}

void BM_CitizenBaseline(benchmark::State& state) {
  const auto sc = scaled_scenario(settings().scenario, static_cast<double>(state.range(0)));
  double citizen_bytes = 0;
  auto w = start_world(*sc, run_seed(sc->seed, 0, 0), &citizen_bytes);
  const CitizenColumns& c = w->society.citizens;
  Baseline b{c.first,          c.hardship,  c.risk_aversion,
             c.active,         c.displaced, c.jail_days,
             w->society.surge, {},          {}};
  for (const CitizenCounts& n : w->society.citizen_counts) {
    b.free.push_back(n.free);
    b.on.push_back(n.active);
  }
  Xoshiro256Plus rng(run_seed(sc->seed, 0, 0));
  for (int d = 0; d < 3; ++d) baseline_day(*w, b, rng);
  for (auto _ : state) {
    baseline_day(*w, b, rng);
    benchmark::ClobberMemory();
  }
  const double n = static_cast<double>(c.size());
  const double moved = (n > 0 ? citizen_bytes / n : 0.0) + kCitizenUpdateWrittenBytes;
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(n * moved));
  state.counters["citizens"] = n;
  state.counters["counted_bytes_per_citizen_day"] = moved;
}

}  // namespace

void register_baseline_benchmarks(const Settings& s) {
  auto* baseline = benchmark::RegisterBenchmark("BM_CitizenBaseline", BM_CitizenBaseline);
  baseline->Unit(benchmark::kMillisecond)->MinTime(s.quick ? 0.01 : 0.5)->UseRealTime();
  for (double n : {1e4, 1e5, 1e6, 1e7, 1e8}) {
    if (n <= s.max_citizens && (!s.quick || n <= 1e4)) baseline->Arg(static_cast<std::int64_t>(n));
  }
}

}  // namespace flashpoint::bench
