#pragma once
// The citizen kernel (docs/performance.md, "The citizen kernel"): the daily pass over one
// district's citizens that the society phase makes in chunks. It is kept apart from society.cpp
// so that its arithmetic stays in a form the compiler vectorises, and so that the benchmarks and
// tests can call it on plain arrays.
#include <cstddef>
#include <cstdint>

#include "core/counter_rng.hpp"

namespace flashpoint {

/// The terms of Epstein's rule for one district and day, in single precision: a free citizen
/// with hardship H and risk aversion R is active when
///   min(1, H + extra_hardship) * legitimacy_term - R * risk_term > threshold,
/// which is epstein_active (society.hpp) with legitimacy_term = 1 - L and
/// risk_term = P * (1 - sanctuary discount), evaluated in float.
struct CitizenRule {
  float extra_hardship = 0;
  float legitimacy_term = 0;
  float risk_term = 0;
  float threshold = 0;
};

/// Epstein's rule for one citizen, exactly as the pass evaluates it.
[[nodiscard]] inline bool citizen_wants_active(const CitizenRule& r, float hardship, float risk) {
  const float h = hardship + r.extra_hardship;
  return (h < 1.0f ? h : 1.0f) * r.legitimacy_term - risk * r.risk_term > r.threshold;
}

/// What one pass counted, before arrests: free residents (neither displaced nor jailed), the
/// active among them, the jailed, and the jailed who go free tomorrow (one day left).
struct PassCounts {
  std::uint64_t free = 0;
  std::uint64_t active = 0;
  std::uint64_t jailed = 0;
  std::uint64_t release_next = 0;
  PassCounts& operator+=(const PassCounts& o) {
    free += o.free;
    active += o.active;
    jailed += o.jailed;
    release_next += o.release_next;
    return *this;
  }
};

/// The fused pass over citizens [0, n): each jail term counts down one day (a citizen whose term
/// reaches 0 is free today), then every free resident's flag is set by Epstein's rule and every
/// other citizen's flag is cleared, and the four counts are taken. No branches and no draws: the
/// compiler vectorises the loop (docs/performance.md has its report).
[[nodiscard]] PassCounts citizen_pass(const CitizenRule& rule, std::size_t n, const float* hardship,
                                      const float* risk, const std::uint8_t* displaced,
                                      std::uint8_t* active, std::uint16_t* jail);

/// Arrests of the active citizens among [0, n) (global index first + i), found by scanning the
/// flags eight at a time: each is arrested when word 0 of its block
/// CounterRng::citizen(first + i, day, kArrest) is below `threshold` (bernoulli_threshold of the
/// day's arrest probability), and then jailed for 1 + uniform_below(word 1, max_jail) days and
/// no longer active. Returns how many were arrested, and of them how many go free tomorrow.
struct ArrestCounts {
  std::uint64_t arrested = 0;
  std::uint64_t release_next = 0;
};
[[nodiscard]] ArrestCounts arrest_actives(const CounterRng& rng, std::uint32_t day,
                                          std::uint64_t first, std::size_t n,
                                          std::uint64_t threshold, std::uint32_t max_jail,
                                          std::uint8_t* active, std::uint16_t* jail);

/// Citizens per chunk: a chunk's columns (12 bytes a citizen) stay in the core's L2 cache between
/// the pass and the arrest scan.
inline constexpr std::size_t kCitizenChunk = 4096;

}  // namespace flashpoint
