// The citizen layer's counter-based generator (src/core/counter_rng.hpp).
#include "core/counter_rng.hpp"

#include <cmath>
#include <cstdint>
#include <set>
#include <vector>

#include <gtest/gtest.h>

namespace flashpoint {
namespace {

// Known answers of Philox4x32-10 from Random123's kat_vectors file (Random123 1.14): counter,
// key, output.
struct Kat {
  PhiloxBlock counter;
  std::array<std::uint32_t, 2> key;
  PhiloxBlock expected;
};

TEST(CounterRng, Philox4x32x10MatchesRandom123KnownAnswers) {
  const std::vector<Kat> kats = {
      {{0, 0, 0, 0}, {0, 0}, {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}},
      {{0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff},
       {0xffffffff, 0xffffffff},
       {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}},
      {{0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344},
       {0xa4093822, 0x299f31d0},
       {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}},
  };
  for (const Kat& k : kats) EXPECT_EQ(philox4x32_10(k.counter, k.key), k.expected);
}

TEST(CounterRng, KeyIsTheStreamSeedAndCounterIsWhereTheDrawIsUsed) {
  const CounterRng rng(12345, Purpose::kPopulation);
  const std::uint64_t s = stream_seed(12345, Purpose::kPopulation);
  EXPECT_EQ(rng.key()[0], static_cast<std::uint32_t>(s));
  EXPECT_EQ(rng.key()[1], static_cast<std::uint32_t>(s >> 32));
  const std::uint64_t citizen = (std::uint64_t{7} << 32) | 99;
  EXPECT_EQ(rng.citizen(citizen, 5, CitizenDraw::kArrest),
            philox4x32_10({99, 7, 5, static_cast<std::uint32_t>(CitizenDraw::kArrest)}, rng.key()));
  EXPECT_EQ(rng.district(3, 2, 5, CitizenDraw::kReturn),
            philox4x32_10({3, 2, 5, static_cast<std::uint32_t>(CitizenDraw::kReturn)}, rng.key()));
  // A pure function: the same place gives the same words, another place other words.
  EXPECT_EQ(rng.citizen(1, 1, CitizenDraw::kArrest), rng.citizen(1, 1, CitizenDraw::kArrest));
  EXPECT_NE(rng.citizen(1, 1, CitizenDraw::kArrest), rng.citizen(1, 2, CitizenDraw::kArrest));
  EXPECT_NE(rng.citizen(1, 1, CitizenDraw::kArrest), rng.citizen(1, 1, CitizenDraw::kTraits));
  EXPECT_NE(rng.citizen(1, 1, CitizenDraw::kArrest),
            CounterRng(12346, Purpose::kPopulation).citizen(1, 1, CitizenDraw::kArrest));
}

TEST(CounterRng, WordConversionsByHand) {
  EXPECT_EQ(bernoulli_threshold(0.0), 0u);
  EXPECT_EQ(bernoulli_threshold(-1.0), 0u);
  EXPECT_EQ(bernoulli_threshold(0.25), std::uint64_t{1} << 30);
  EXPECT_EQ(bernoulli_threshold(1.0), std::uint64_t{1} << 32);
  EXPECT_TRUE(bernoulli_word(0xffffffffu, bernoulli_threshold(1.0)));
  EXPECT_FALSE(bernoulli_word(0, bernoulli_threshold(0.0)));
  EXPECT_TRUE(bernoulli_word((1u << 30) - 1, bernoulli_threshold(0.25)));
  EXPECT_FALSE(bernoulli_word(1u << 30, bernoulli_threshold(0.25)));
  EXPECT_EQ(uniform_below(0, 90), 0u);
  EXPECT_EQ(uniform_below(0xffffffffu, 90), 89u);
  EXPECT_EQ(uniform_below(0x80000000u, 90), 45u);
  EXPECT_EQ(unit_float(0), 0.0f);
  EXPECT_EQ(unit_float(0xffffffffu), 1.0f - 0x1p-24f);
  EXPECT_EQ(unit_float(0x80000000u), 0.5f);
  EXPECT_EQ(unit_open_zero(0, 0), 0x1p-53);
  EXPECT_EQ(unit_open_zero(0xffffffffu, 0xffffffffu), 1.0);
}

/// Every position Picks visits over n citizens.
std::vector<std::uint64_t> picked(const CounterRng& rng, double p, std::uint64_t n,
                                  std::uint32_t district, std::uint32_t day) {
  std::vector<std::uint64_t> out;
  for (Picks k(rng, p, n, district, day, CitizenDraw::kDisplace); k.current() < n; k.advance()) {
    out.push_back(k.current());
  }
  return out;
}

TEST(CounterRng, PicksEdgeCases) {
  const CounterRng rng(1, Purpose::kPopulation);
  EXPECT_TRUE(picked(rng, 0.0, 100, 0, 0).empty());
  EXPECT_TRUE(picked(rng, 0.5, 0, 0, 0).empty());
  const auto all = picked(rng, 1.0, 5, 0, 0);
  EXPECT_EQ(all, (std::vector<std::uint64_t>{0, 1, 2, 3, 4}));
  // Strictly increasing, inside the range, and the same on a second call.
  const auto some = picked(rng, 0.3, 1000, 4, 9);
  for (std::size_t i = 1; i < some.size(); ++i) EXPECT_LT(some[i - 1], some[i]);
  ASSERT_FALSE(some.empty());
  EXPECT_LT(some.back(), 1000u);
  EXPECT_EQ(some, picked(rng, 0.3, 1000, 4, 9));
  EXPECT_NE(some, picked(rng, 0.3, 1000, 4, 10));
}

TEST(CounterRng, PicksAreIndependentBernoulliDraws) {
  // Over many (district, day) ranges of 200 citizens at p = 0.05: each position is picked with
  // probability p whatever its place (first, middle, last), and the count per range has the
  // binomial variance n p (1 - p).
  const CounterRng rng(2024, Purpose::kPopulation);
  const double p = 0.05;
  const std::uint64_t n = 200;
  const int ranges = 20000;
  std::vector<double> hits_at(n, 0.0);
  double sum = 0, sum2 = 0;
  for (int r = 0; r < ranges; ++r) {
    const auto picks =
        picked(rng, p, n, static_cast<std::uint32_t>(r % 100), static_cast<std::uint32_t>(r / 100));
    for (auto i : picks) hits_at[i] += 1;
    const auto c = static_cast<double>(picks.size());
    sum += c;
    sum2 += c * c;
  }
  const double mean = sum / ranges, var = sum2 / ranges - mean * mean;
  EXPECT_NEAR(mean, n * p, 4 * std::sqrt(n * p * (1 - p) / ranges));
  EXPECT_NEAR(var, n * p * (1 - p), 0.05 * n * p * (1 - p));
  // Position by position, 4 standard errors (about 1 in 16,000 per position by chance).
  const double se = std::sqrt(p * (1 - p) / ranges);
  for (std::uint64_t i : {std::uint64_t{0}, std::uint64_t{1}, n / 2, n - 1}) {
    EXPECT_NEAR(hits_at[i] / ranges, p, 4 * se) << "position " << i;
  }
}

}  // namespace
}  // namespace flashpoint
