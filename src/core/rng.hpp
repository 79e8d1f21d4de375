#pragma once
// Seeding and random streams (docs/model.md, "Time and randomness").
//
// Every run has one 64-bit seed derived from (master seed, design point, replicate); inside a run
// each purpose draws from its own engine, seeded from (run seed, purpose). Changing how many
// numbers one sub-model draws therefore never shifts another sub-model's numbers, and every policy
// arm of a comparison sees the same draws (common random numbers).
#include <array>
#include <cstdint>
#include <string_view>

#include <boost/random/mersenne_twister.hpp>

namespace flashpoint {

/// The engine behind every stream: Boost's 64-bit Mersenne Twister, whose output (and that of the
/// Boost distributions drawing from it) is specified bit for bit on every platform.
using Engine = boost::random::mt19937_64;

/// The largest master seed a scenario or --seed may give (9e15: every seed is an exact double, so
/// it survives YAML, JSON and HDF5 attributes read as numbers).
inline constexpr std::uint64_t kMaxSeed = 9'000'000'000'000'000;

/// SplitMix64 finaliser (Steele, Lea & Flood 2014): a bijective 64-bit mix.
[[nodiscard]] constexpr std::uint64_t mix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

/// run_seed = mix64(mix64(mix64(master) ^ design_point) ^ replicate): documented in docs/model.md.
[[nodiscard]] constexpr std::uint64_t run_seed(std::uint64_t master_seed,
                                               std::uint64_t design_point,
                                               std::uint64_t replicate) {
  return mix64(mix64(mix64(master_seed) ^ design_point) ^ replicate);
}

/// The purposes that own a stream. Append new purposes at the end: existing ids never change.
enum class Purpose : std::uint64_t {
  kStrategic = 1,    ///< states' choices
  kCombat = 2,       ///< clashes, captures, strikes
  kInsurgency = 3,   ///< armed-group attacks
  kPopulation = 4,   ///< its seed keys the citizen layer's counter-based draws (counter_rng.hpp)
  kMediation = 5,    ///< talks and ceasefires (next model layer)
  kEconomy = 6,      ///< crossings reopening, trade
  kAttribution = 7,  ///< who is blamed for an attack; doctrine lags
  kCoding = 8,       ///< which CAMEO variant codes an action
  kInjured = 9,      ///< the injured who go with each harm (counted only: they act on nothing)
};
inline constexpr std::size_t kPurposeCount = 9;

/// stream_seed = mix64(run_seed ^ mix64(purpose id)).
[[nodiscard]] constexpr std::uint64_t stream_seed(std::uint64_t run, Purpose purpose) {
  return mix64(run ^ mix64(static_cast<std::uint64_t>(purpose)));
}

/// One engine per purpose for one run.
class RandomStreams {
 public:
  explicit RandomStreams(std::uint64_t run_seed);
  [[nodiscard]] Engine& operator[](Purpose p) { return engines_[static_cast<std::size_t>(p) - 1]; }
  [[nodiscard]] std::uint64_t seed() const { return seed_; }

 private:
  std::uint64_t seed_;
  std::array<Engine, kPurposeCount> engines_;
};

}  // namespace flashpoint
