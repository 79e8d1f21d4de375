#include "experiment/design.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <set>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>
#include <boost/random/sobol.hpp>

namespace flashpoint {
namespace {

UncertainParameter make(Distribution d, double low, double high) {
  UncertainParameter p;
  p.path = "actors.PAK.rationality";
  p.distribution = d;
  p.low = low;
  p.high = high;
  return p;
}

// Index of the stratum of width 1/n that holds x.
std::size_t stratum(double x, std::size_t n) {
  return static_cast<std::size_t>(std::floor(x * static_cast<double>(n)));
}

// ---- value_at ---------------------------------------------------------------------------------

TEST(UncertainParameter, UniformHitsEndpointsAndMidpoint) {
  const auto p = make(Distribution::kUniform, -2, 6);
  EXPECT_DOUBLE_EQ(p.value_at(0), -2);
  EXPECT_DOUBLE_EQ(p.value_at(0.5), 2);
  EXPECT_DOUBLE_EQ(p.value_at(0.25), 0);
  EXPECT_DOUBLE_EQ(p.value_at(1), 6);
}

TEST(UncertainParameter, LogUniformMidpointIsGeometricMean) {
  const auto p = make(Distribution::kLogUniform, 0.01, 100);
  EXPECT_NEAR(p.value_at(0.5), 1.0, 1e-12);
  EXPECT_NEAR(p.value_at(0.25), 0.1, 1e-12);
  EXPECT_NEAR(p.value_at(0), 0.01, 1e-15);
  EXPECT_NEAR(p.value_at(1), 100, 1e-12);
}

TEST(UncertainParameter, TriangularModeSitsAtItsCdfValue) {
  auto p = make(Distribution::kTriangular, 0, 10);
  p.mode = 2;  // F(mode) = 0.2
  EXPECT_NEAR(p.value_at(0.2), 2, 1e-12);
  EXPECT_DOUBLE_EQ(p.value_at(0), 0);
  EXPECT_DOUBLE_EQ(p.value_at(1), 10);
  // F(x) = x^2 / 20 below the mode: F(1) = 0.05. Above: 1 - (10 - x)^2 / 80: F(6) = 0.8.
  EXPECT_NEAR(p.value_at(0.05), 1, 1e-12);
  EXPECT_NEAR(p.value_at(0.8), 6, 1e-12);
  EXPECT_NEAR(p.value_at(0.125), std::sqrt(2.5), 1e-12);  // F(x) = x^2 / 20
  // Mode at an end: on [0, 4] with mode 4, F(x) = x^2 / 16.
  p.high = 4;
  p.mode = 4;
  EXPECT_NEAR(p.value_at(0.25), 2, 1e-12);
  EXPECT_DOUBLE_EQ(p.value_at(1), 4);
}

TEST(UncertainParameter, NormalMedianAndCutToBounds) {
  auto p = make(Distribution::kNormal, 1, 9);
  p.mode = 5;
  p.sd = 2;
  EXPECT_NEAR(p.value_at(0.5), 5, 1e-12);  // symmetric cut keeps the median
  EXPECT_NEAR(p.value_at(0), 1, 1e-9);
  EXPECT_NEAR(p.value_at(1), 9, 1e-9);
  // Cut to [mean, +inf): the median of the half-normal is mean + sd * Phi^-1(0.75).
  p.low = 5;
  p.high = std::numeric_limits<double>::infinity();
  EXPECT_NEAR(p.value_at(0.5), 5 + 2 * 0.6744897501960817, 1e-10);
  // Cut to (-inf, mean]: the median is mean - sd * Phi^-1(0.75).
  p.low = -std::numeric_limits<double>::infinity();
  p.high = 5;
  EXPECT_NEAR(p.value_at(0.5), 5 - 2 * 0.6744897501960817, 1e-10);
  // Deep in the upper tail, where Phi rounds to 1: values stay inside the cut and increase.
  p.low = 5 + 2 * 20.0;
  p.high = 5 + 2 * 21.0;
  const double a = p.value_at(0.1), b = p.value_at(0.9);
  EXPECT_GE(a, p.low);
  EXPECT_LE(b, p.high);
  EXPECT_LT(a, b);
  // Uncut: the 0.975 quantile is mean + 1.959964 sd.
  p.low = -std::numeric_limits<double>::infinity();
  p.high = std::numeric_limits<double>::infinity();
  EXPECT_NEAR(p.value_at(0.975), 5 + 2 * 1.959963984540054, 1e-9);
}

TEST(UncertainParameter, LevelsSplitTheUnitIntervalEqually) {
  auto p = make(Distribution::kLevels, 0, 0);
  p.levels = {10, 20, 30};
  EXPECT_EQ(p.value_at(0), 10);
  EXPECT_EQ(p.value_at(0.333), 10);
  EXPECT_EQ(p.value_at(0.334), 20);
  EXPECT_EQ(p.value_at(0.666), 20);
  EXPECT_EQ(p.value_at(0.667), 30);
  EXPECT_EQ(p.value_at(0.999999), 30);
  EXPECT_EQ(p.value_at(1), 30);
}

TEST(UncertainParameter, IntegersSplitTheUnitIntervalEqually) {
  const auto p = make(Distribution::kInteger, 2, 5);  // 2, 3, 4, 5: quarters
  EXPECT_EQ(p.value_at(0), 2);
  EXPECT_EQ(p.value_at(0.249), 2);
  EXPECT_EQ(p.value_at(0.251), 3);
  EXPECT_EQ(p.value_at(0.5), 4);
  EXPECT_EQ(p.value_at(0.749), 4);
  EXPECT_EQ(p.value_at(0.751), 5);
  EXPECT_EQ(p.value_at(1), 5);
}

TEST(UncertainParameter, BadSpecificationsThrowNamingThePath) {
  try {
    (void)make(Distribution::kLogUniform, 0, 1).value_at(0.5);
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(),
                 "uncertain parameter 'actors.PAK.rationality': a log-uniform needs 0 < low <= "
                 "high, got low = 0, high = 1");
  }
  EXPECT_THROW((void)make(Distribution::kInteger, 0.5, 3).value_at(0.5), std::invalid_argument);
  EXPECT_THROW((void)make(Distribution::kLevels, 0, 1).value_at(0.5), std::invalid_argument);
  EXPECT_THROW((void)make(Distribution::kNormal, 0, 1).value_at(0.5), std::invalid_argument);
  EXPECT_THROW((void)make(Distribution::kUniform, 0, 1).value_at(1.5), std::invalid_argument);
}

// ---- grid -------------------------------------------------------------------------------------

TEST(GridDesign, FullFactorialWithOwnCountsForLevelsAndIntegers) {
  auto levels = make(Distribution::kLevels, 0, 0);
  levels.levels = {1, 2};
  const std::vector<UncertainParameter> params = {make(Distribution::kUniform, 0, 10), levels,
                                                  make(Distribution::kInteger, 1, 3)};
  const Design d = grid_design(params, 4);
  EXPECT_EQ(d.kind, DesignKind::kGrid);
  EXPECT_EQ(d.parameters, 3u);
  ASSERT_EQ(d.points(), 4u * 2u * 3u);
  std::set<std::vector<double>> seen;
  for (const auto u : d.unit) {
    ASSERT_EQ(u.size(), 3u);
    seen.insert({params[0].value_at(u[0]), params[1].value_at(u[1]), params[2].value_at(u[2])});
  }
  std::set<std::vector<double>> expected;
  for (double a : {1.25, 3.75, 6.25, 8.75}) {
    for (double b : {1.0, 2.0}) {
      for (double c : {1.0, 2.0, 3.0}) expected.insert({a, b, c});
    }
  }
  EXPECT_EQ(seen, expected);  // every combination exactly once (24 distinct of 24 rows)
  EXPECT_DOUBLE_EQ(d.unit.front()[0], 0.125);
  EXPECT_DOUBLE_EQ(d.unit.back()[0], 0.875);
}

TEST(GridDesign, SizeIsProductOfLevels) {
  const std::vector<UncertainParameter> params(4, make(Distribution::kUniform, 0, 1));
  EXPECT_EQ(grid_design(params, 3).points(), 81u);
  EXPECT_EQ(grid_design({params[0]}, 7).points(), 7u);
  EXPECT_EQ(grid_design({params[0]}, 1).unit.to_rows(), (std::vector<std::vector<double>>{{0.5}}));
  EXPECT_THROW((void)grid_design(params, 0), std::invalid_argument);
  EXPECT_THROW((void)grid_design({}, 3), std::invalid_argument);
}

// ---- random and Latin hypercube ---------------------------------------------------------------

TEST(RandomDesign, ShapeRangeAndSeeding) {
  const Design d = random_design(5, 200, 42);
  EXPECT_EQ(d.kind, DesignKind::kRandom);
  ASSERT_EQ(d.points(), 200u);
  double sum = 0;
  for (const auto u : d.unit) {
    ASSERT_EQ(u.size(), 5u);
    for (double x : u) {
      EXPECT_GE(x, 0);
      EXPECT_LT(x, 1);
      sum += x;
    }
  }
  EXPECT_NEAR(sum / 1000, 0.5, 0.05);
  EXPECT_EQ(random_design(5, 200, 42).unit, d.unit);
  EXPECT_NE(random_design(5, 200, 43).unit, d.unit);
}

TEST(LatinHypercube, EveryColumnHasOnePointPerStratum) {
  for (std::size_t n : {1u, 2u, 7u, 100u, 1000u}) {
    for (std::size_t k : {1u, 3u, 8u}) {
      const Design d = latin_hypercube_design(k, n, 1000 * n + k);
      EXPECT_EQ(d.kind, DesignKind::kLatinHypercube);
      ASSERT_EQ(d.points(), n);
      for (std::size_t col = 0; col < k; ++col) {
        std::vector<int> hits(n, 0);
        for (const auto u : d.unit) {
          ASSERT_GE(u[col], 0);
          ASSERT_LT(u[col], 1);
          ++hits[stratum(u[col], n)];
        }
        for (std::size_t s = 0; s < n; ++s) {
          EXPECT_EQ(hits[s], 1) << "n=" << n << " k=" << k << " col=" << col << " s=" << s;
        }
      }
    }
  }
}

TEST(LatinHypercube, ColumnsArePermutedIndependentlyAndSeeded) {
  const Design d = latin_hypercube_design(2, 50, 7);
  std::size_t same = 0;
  for (const auto& u : d.unit) same += stratum(u[0], 50) == stratum(u[1], 50);
  EXPECT_LT(same, 10u);  // identical permutations would put all 50 on the diagonal
  EXPECT_EQ(latin_hypercube_design(2, 50, 7).unit, d.unit);
  EXPECT_NE(latin_hypercube_design(2, 50, 8).unit, d.unit);
}

// ---- Sobol ------------------------------------------------------------------------------------

TEST(Sobol, FirstPointsMatchKnownValues) {
  const auto p = sobol_points(3, 5);
  ASSERT_EQ(p.size(), 5u);
  const std::vector<double> dim1 = {0.5, 0.75, 0.25, 0.375, 0.875};
  const std::vector<double> dim2 = {0.5, 0.25, 0.75, 0.375, 0.875};
  const std::vector<double> dim3 = {0.5, 0.25, 0.75, 0.625, 0.125};
  for (std::size_t i = 0; i < 5; ++i) {
    ASSERT_EQ(p[i].size(), 3u);
    EXPECT_EQ(p[i][0], dim1[i]) << i;
    EXPECT_EQ(p[i][1], dim2[i]) << i;
    EXPECT_EQ(p[i][2], dim3[i]) << i;
  }
}

TEST(Sobol, KeepsEveryBitOfBoostsSequenceInTheFirst4096Points) {
  // sobol_points takes the top 53 bits of Boost.Random's 64-bit words; up to point 2^12 only the
  // top 12 bits are set, so the unit coordinates must equal the words scaled by 2^-64 exactly.
  constexpr std::size_t kDim = kSobolMaxDimension, kN = 4096;
  const auto p = sobol_points(kDim, kN);
  boost::random::sobol reference(kDim);
  for (std::size_t i = 0; i < kN; ++i) {
    for (std::size_t d = 0; d < kDim; ++d) {
      const double expected = std::ldexp(static_cast<double>(reference()), -64);  // 64-bit words
      ASSERT_EQ(p[i][d], expected) << "point " << i + 1 << ", dimension " << d + 1;
    }
  }
}

TEST(Sobol, EveryDimensionIsAZeroMOneNet) {
  // Points x_0 .. x_{2^m - 1} of the sequence (x_0 = 0 is the skipped point) and the next block
  // x_{2^m} .. x_{2^{m+1} - 1} each put exactly one point in every interval [j 2^-m, (j+1) 2^-m).
  constexpr std::size_t kMaxM = 10;
  const auto p = sobol_points(kSobolMaxDimension, (std::size_t{2} << kMaxM) - 1);
  for (std::size_t d = 0; d < kSobolMaxDimension; ++d) {
    for (std::size_t m = 0; m <= kMaxM; ++m) {
      const std::size_t n = std::size_t{1} << m;
      std::vector<int> first(n, 0), second(n, 0);
      ++first[0];  // x_0 = 0
      for (std::size_t i = 0; i + 1 < n; ++i) ++first[stratum(p[i][d], n)];
      for (std::size_t i = n - 1; i + 1 < 2 * n; ++i) ++second[stratum(p[i][d], n)];
      for (std::size_t j = 0; j < n; ++j) {
        ASSERT_EQ(first[j], 1) << "dimension " << d + 1 << ", m " << m << ", interval " << j;
        ASSERT_EQ(second[j], 1) << "dimension " << d + 1 << ", m " << m << ", interval " << j;
      }
    }
  }
}

TEST(Sobol, IntegratesASmoothFunctionBetterThanOnePercent) {
  // f(x) = prod_j (pi / 2) sin(pi x_j) on [0,1]^6 integrates to 1. Plain Monte Carlo with 1024
  // points has a standard error of about 0.05 here.
  const auto p = sobol_points(6, 1024);
  double sum = 0;
  for (const auto& x : p) {
    double f = 1;
    for (double xj : x) f *= std::numbers::pi / 2 * std::sin(std::numbers::pi * xj);
    sum += f;
  }
  EXPECT_NEAR(sum / 1024, 1.0, 0.01);
}

TEST(Sobol, RejectsTooManyDimensions) {
  EXPECT_THROW((void)sobol_points(kSobolMaxDimension + 1, 4), std::invalid_argument);
  EXPECT_THROW((void)sobol_points(0, 4), std::invalid_argument);
}

// ---- Saltelli ---------------------------------------------------------------------------------

TEST(SaltelliDesign, LayoutIsABThenABi) {
  constexpr std::size_t k = 3, n = 16;
  const Design d = saltelli_design(k, n, 11);
  EXPECT_EQ(d.kind, DesignKind::kSobol);
  EXPECT_EQ(d.parameters, k);
  EXPECT_EQ(d.base_samples, n);
  ASSERT_EQ(d.points(), n * (k + 2));
  for (std::size_t i = 0; i < k; ++i) {
    for (std::size_t r = 0; r < n; ++r) {
      const auto a = d.unit[r];
      const auto b = d.unit[n + r];
      const auto ab = d.unit[(2 + i) * n + r];
      ASSERT_EQ(ab.size(), k);
      for (std::size_t j = 0; j < k; ++j) {
        EXPECT_EQ(ab[j], j == i ? b[j] : a[j]) << "AB_" << i << " row " << r << " col " << j;
      }
    }
  }
  // A and B differ (they are different Sobol dimensions) and all values are in [0,1).
  std::size_t equal = 0;
  for (std::size_t r = 0; r < n; ++r) {
    equal += std::equal(d.unit[r].begin(), d.unit[r].end(), d.unit[n + r].begin());
  }
  EXPECT_EQ(equal, 0u);
  for (const auto u : d.unit) {
    for (double x : u) {
      EXPECT_GE(x, 0);
      EXPECT_LT(x, 1);
    }
  }
}

TEST(SaltelliDesign, ShiftedBaseSamplesKeepOnePointPerStratum) {
  // The digital shift preserves the net: with N = 2^m, every column of A and of B has one point
  // in each interval of width 1/N (this fails if point 0 is dropped or the shift is not a XOR).
  constexpr std::size_t k = 4, n = 64;
  const Design d = saltelli_design(k, n, 5);
  for (std::size_t col = 0; col < k; ++col) {
    std::vector<int> a(n, 0), b(n, 0);
    for (std::size_t r = 0; r < n; ++r) {
      ++a[stratum(d.unit[r][col], n)];
      ++b[stratum(d.unit[n + r][col], n)];
    }
    for (std::size_t s = 0; s < n; ++s) {
      EXPECT_EQ(a[s], 1) << "A col " << col;
      EXPECT_EQ(b[s], 1) << "B col " << col;
    }
  }
}

TEST(SaltelliDesign, SeededAndLimitedToHalfTheSobolDimensions) {
  const Design d = saltelli_design(2, 8, 1);
  EXPECT_EQ(saltelli_design(2, 8, 1).unit, d.unit);
  EXPECT_NE(saltelli_design(2, 8, 2).unit, d.unit);
  EXPECT_NO_THROW((void)saltelli_design(kSobolMaxDimension / 2, 4, 1));
  EXPECT_THROW((void)saltelli_design(kSobolMaxDimension / 2 + 1, 4, 1), std::invalid_argument);
}

// ---- Morris -----------------------------------------------------------------------------------

TEST(MorrisDesign, EachStepMovesOneParameterByDeltaInsideTheUnitCube) {
  for (int p : {2, 4, 6}) {
    constexpr std::size_t k = 5, r = 20;
    const Design d = morris_design(k, r, p, 3);
    const double delta = p / (2.0 * (p - 1));
    EXPECT_EQ(d.kind, DesignKind::kMorris);
    EXPECT_EQ(d.parameters, k);
    ASSERT_EQ(d.points(), r * (k + 1));
    ASSERT_EQ(d.changed.size(), r);
    ASSERT_EQ(d.delta.size(), r);
    for (std::size_t t = 0; t < r; ++t) {
      ASSERT_EQ(d.changed[t].size(), k);
      ASSERT_EQ(d.delta[t].size(), k);
      std::set<std::size_t> moved;
      for (std::size_t s = 0; s < k; ++s) {
        const auto from = d.unit[t * (k + 1) + s];
        const auto to = d.unit[t * (k + 1) + s + 1];
        const std::size_t i = d.changed[t][s];
        ASSERT_LT(i, k);
        moved.insert(i);
        EXPECT_NEAR(std::abs(d.delta[t][s]), delta, 1e-15);
        EXPECT_NEAR(to[i] - from[i], d.delta[t][s], 1e-12);
        for (std::size_t j = 0; j < k; ++j) {
          if (j != i) {
            EXPECT_EQ(to[j], from[j]) << "step " << s << " also moved " << j;
          }
        }
      }
      EXPECT_EQ(moved.size(), k);  // each parameter moves exactly once per trajectory
      for (std::size_t s = 0; s <= k; ++s) {
        for (double x : d.unit[t * (k + 1) + s]) {
          EXPECT_GE(x, 0);
          EXPECT_LE(x, 1);
          const double level = x * (p - 1);
          EXPECT_NEAR(level, std::round(level), 1e-12);  // on the p-level grid
        }
      }
    }
  }
}

TEST(MorrisDesign, UsesBothSignsAndSeveralOrders) {
  const Design d = morris_design(4, 30, 4, 9);
  std::set<double> signs;
  std::set<std::vector<std::size_t>> orders;
  for (std::size_t t = 0; t < 30; ++t) {
    for (double x : d.delta[t]) signs.insert(x > 0 ? 1.0 : -1.0);
    orders.insert(d.changed[t]);
  }
  EXPECT_EQ(signs.size(), 2u);
  EXPECT_GT(orders.size(), 5u);
}

TEST(MorrisDesign, SeededAndNeedsAnEvenGrid) {
  const Design d = morris_design(3, 5, 4, 1);
  EXPECT_EQ(morris_design(3, 5, 4, 1).unit, d.unit);
  EXPECT_EQ(morris_design(3, 5, 4, 1).changed, d.changed);
  EXPECT_NE(morris_design(3, 5, 4, 2).unit, d.unit);
  EXPECT_THROW((void)morris_design(3, 5, 3, 1), std::invalid_argument);
  EXPECT_THROW((void)morris_design(3, 5, 0, 1), std::invalid_argument);
}

}  // namespace
}  // namespace flashpoint
