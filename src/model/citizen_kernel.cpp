#include "model/citizen_kernel.hpp"

#include <bit>
#include <cstring>

namespace flashpoint {

PassCounts citizen_pass(const CitizenRule& rule, std::size_t n, const float* __restrict hardship,
                        const float* __restrict risk, const std::uint8_t* __restrict displaced,
                        std::uint8_t* __restrict active, std::uint16_t* __restrict jail) {
  const float extra = rule.extra_hardship, legit = rule.legitimacy_term;
  const float risk_term = rule.risk_term, threshold = rule.threshold;
  // 32-bit counts of 0/1 values: the vectoriser widens them lane by lane.
  std::uint32_t free = 0, on = 0, jailed = 0, release = 0;
  std::uint64_t total_free = 0, total_on = 0, total_jailed = 0, total_release = 0;
  for (std::size_t begin = 0; begin < n; begin += kCitizenChunk) {
    const std::size_t end = begin + kCitizenChunk < n ? begin + kCitizenChunk : n;
    free = on = jailed = release = 0;
    for (std::size_t i = begin; i < end; ++i) {
      const std::uint16_t j = jail[i];
      const std::uint16_t left = static_cast<std::uint16_t>(j - (j != 0));
      const float h = hardship[i] + extra;
      const bool wants = (h < 1.0f ? h : 1.0f) * legit - risk[i] * risk_term > threshold;
      const bool is_free = (displaced[i] | left) == 0;
      const std::uint8_t flag = static_cast<std::uint8_t>(wants & is_free);
      active[i] = flag;
      jail[i] = left;
      free += is_free;
      on += flag;
      jailed += left != 0;
      release += left == 1;
    }
    total_free += free;
    total_on += on;
    total_jailed += jailed;
    total_release += release;
  }
  return {total_free, total_on, total_jailed, total_release};
}

ArrestCounts arrest_actives(const CounterRng& rng, std::uint32_t day, std::uint64_t first,
                            std::size_t n, std::uint64_t threshold, std::uint32_t max_jail,
                            std::uint8_t* active, std::uint16_t* jail) {
  ArrestCounts out;
  if (threshold == 0) return out;
  const auto arrest = [&](std::size_t i) {
    const PhiloxBlock b = rng.citizen(first + i, day, CitizenDraw::kArrest);
    if (!bernoulli_word(b[0], threshold)) return;
    const std::uint32_t term = 1 + uniform_below(b[1], max_jail);
    jail[i] = static_cast<std::uint16_t>(term);
    active[i] = 0;
    ++out.arrested;
    out.release_next += term == 1;
  };
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t word;
    std::memcpy(&word, active + i, sizeof word);
    // Flags are 0 or 1, so each set flag is one bit of the little-endian word: visit them
    // lowest first (citizen order).
    static_assert(std::endian::native == std::endian::little);
    while (word != 0) {
      const auto bit = static_cast<std::size_t>(__builtin_ctzll(word));
      arrest(i + bit / 8);
      word &= word - 1;
    }
  }
  for (; i < n; ++i) {
    if (active[i] != 0) arrest(i);
  }
  return out;
}

}  // namespace flashpoint
