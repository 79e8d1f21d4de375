#pragma once
// Counter-based random numbers for the citizen layer (docs/model.md, "Time and randomness").
//
// Philox4x32-10 (Salmon, Moraes, Dror & Shaw 2011), as Random123 implements it, turns a 128-bit
// counter and a 64-bit key into four 32-bit words. The key is the run's stream seed for a purpose
// (stream_seed in rng.hpp); the counter says where the draw is used: (citizen, day, draw) or, for
// the draws that pick citizens at a low rate, (hit number, district, day, draw). Every draw is
// therefore a pure function of where it is used: no state is carried, no order matters, and the
// result is the same whatever the thread count or the order in which citizens are visited.
// Boost.Random's engines (rng.hpp) stay for every other sub-model.
#include <array>
#include <cmath>
#include <cstdint>

#include <Random123/philox.h>

#include "core/rng.hpp"

namespace flashpoint {

/// Four 32-bit words of one Philox4x32-10 block.
using PhiloxBlock = std::array<std::uint32_t, 4>;

/// Random123's Philox4x32-10 of one counter under one key (checked against Random123's
/// known-answer vectors in counter_rng_test).
[[nodiscard]] inline PhiloxBlock philox4x32_10(const PhiloxBlock& counter,
                                               const std::array<std::uint32_t, 2>& key) {
  const r123::Philox4x32 philox;
  const r123::Philox4x32::ctr_type c = {{counter[0], counter[1], counter[2], counter[3]}};
  const r123::Philox4x32::key_type k = {{key[0], key[1]}};
  const r123::Philox4x32::ctr_type out = philox(c, k);
  return {out[0], out[1], out[2], out[3]};
}

/// What a citizen-layer draw is for: the last word of its counter, so no two uses share a
/// counter. Append new uses at the end: existing values never change.
enum class CitizenDraw : std::uint32_t {
  kTraits = 1,    ///< hardship and risk aversion at the start (citizen, day word unused)
  kReturn = 2,    ///< which displaced citizens return (hit number, district, day)
  kDisplace = 3,  ///< which residents are displaced (hit number, district, day)
  kArrest = 4,    ///< an active citizen's arrest and jail term (citizen, day)
};

/// The citizen layer's generator for one run: Philox4x32-10 keyed by stream_seed(run, purpose).
class CounterRng {
 public:
  CounterRng() = default;
  CounterRng(std::uint64_t run_seed, Purpose purpose) {
    const std::uint64_t s = stream_seed(run_seed, purpose);
    key_ = {static_cast<std::uint32_t>(s), static_cast<std::uint32_t>(s >> 32)};
  }
  /// The block of a citizen's draw `what` on citizen-layer day `day`.
  [[nodiscard]] PhiloxBlock citizen(std::uint64_t citizen, std::uint32_t day,
                                    CitizenDraw what) const {
    return philox4x32_10(
        {static_cast<std::uint32_t>(citizen), static_cast<std::uint32_t>(citizen >> 32), day,
         static_cast<std::uint32_t>(what)},
        key_);
  }
  /// The block of the `n`-th pair of gaps of draw `what` in district `district` on `day`.
  [[nodiscard]] PhiloxBlock district(std::uint32_t n, std::uint32_t district, std::uint32_t day,
                                     CitizenDraw what) const {
    return philox4x32_10({n, district, day, static_cast<std::uint32_t>(what)}, key_);
  }
  [[nodiscard]] const std::array<std::uint32_t, 2>& key() const { return key_; }

 private:
  std::array<std::uint32_t, 2> key_{};
};

/// A Bernoulli(p) draw from one 32-bit word: true when word < p * 2^32 (`threshold`, from
/// bernoulli_threshold; 2^32 when p >= 1, so it is always true; 0 when p <= 0).
[[nodiscard]] inline std::uint64_t bernoulli_threshold(double p) {
  if (!(p > 0)) return 0;
  if (p >= 1) return std::uint64_t{1} << 32;
  return static_cast<std::uint64_t>(std::ldexp(p, 32));
}
[[nodiscard]] inline bool bernoulli_word(std::uint32_t word, std::uint64_t threshold) {
  return word < threshold;
}

/// An integer uniform on 0..n-1 from one 32-bit word (Lemire's multiply-shift, without the
/// rejection step: the bias is below n / 2^32, under 1e-5 for any jail term).
[[nodiscard]] inline std::uint32_t uniform_below(std::uint32_t word, std::uint32_t n) {
  return static_cast<std::uint32_t>((std::uint64_t{word} * n) >> 32);
}

/// A float uniform on [0, 1) from one 32-bit word: its top 24 bits over 2^24 (every value exact).
[[nodiscard]] inline float unit_float(std::uint32_t word) {
  return static_cast<float>(word >> 8) * 0x1p-24f;
}

/// A double uniform on (0, 1] from two 32-bit words: 53 bits, never 0 (for logarithms).
[[nodiscard]] inline double unit_open_zero(std::uint32_t hi, std::uint32_t lo) {
  const std::uint64_t bits = ((std::uint64_t{hi} << 32) | lo) >> 11;
  return (static_cast<double>(bits) + 1.0) * 0x1p-53;
}

/// The citizens of a range of `n` that a Bernoulli(p) draw picks, each independently, found by
/// drawing the gaps between picks (geometric with parameter p: floor(log U / log(1 - p))) rather
/// than one draw per citizen, so the work is p * n draws. The k-th gap comes from the
/// (k / 2)-th block of CounterRng::district(k / 2, district, day, what): a pure function of the
/// district, the day and the pick's rank. Callers ignore picks of citizens to whom the draw does
/// not apply, which leaves every other citizen's chance exactly p.
class Picks {
 public:
  Picks(const CounterRng& rng, double p, std::uint64_t n, std::uint32_t district, std::uint32_t day,
        CitizenDraw what)
      : rng_(rng), n_(n), district_(district), day_(day), what_(what), all_(p >= 1) {
    if (p > 0 && p < 1) log_q_ = std::log1p(-p);
    next_ = (p > 0 && n > 0) ? (all_ ? 0 : gap()) : n;
  }
  /// The next picked position (0-based within the range), or n when there is none.
  [[nodiscard]] std::uint64_t current() const { return next_; }
  void advance() {
    if (next_ >= n_) return;
    const std::uint64_t step = all_ ? 1 : gap() + 1;
    next_ = (step > n_ - next_) ? n_ : next_ + step;
  }

 private:
  std::uint64_t gap() {
    if (k_ % 2 == 0)
      block_ = rng_.district(static_cast<std::uint32_t>(k_ / 2), district_, day_, what_);
    const std::size_t w = (k_ % 2) * 2;
    ++k_;
    const double g = std::floor(std::log(unit_open_zero(block_[w], block_[w + 1])) / log_q_);
    return g >= static_cast<double>(n_) ? n_ : static_cast<std::uint64_t>(g);
  }

  const CounterRng& rng_;
  std::uint64_t n_;
  std::uint32_t district_, day_;
  CitizenDraw what_;
  bool all_;
  double log_q_ = 0;
  std::uint64_t next_ = 0;
  std::uint64_t k_ = 0;
  PhiloxBlock block_{};
};

}  // namespace flashpoint
