#include "experiment/sensitivity.hpp"

#include <cmath>
#include <functional>
#include <numbers>
#include <stdexcept>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_01.hpp>
#include <boost/random/uniform_int_distribution.hpp>

namespace flashpoint {
namespace {

using Matrix = std::vector<std::vector<double>>;
using Function = std::function<double(const std::vector<double>&)>;
constexpr double kPi = std::numbers::pi;

Matrix uniform_matrix(std::size_t n, std::size_t k, boost::random::mt19937_64& engine) {
  boost::random::uniform_01<double> u;
  Matrix m(n, std::vector<double>(k));
  for (auto& row : m) {
    for (double& x : row) x = u(engine);
  }
  return m;
}

// The Saltelli layout of design.hpp built by hand from plain Monte Carlo matrices A and B:
// rows A, B, then AB_i (A with column i from B) for each parameter i.
Design saltelli_layout(const Matrix& a, const Matrix& b) {
  Design d;
  d.kind = DesignKind::kSobol;
  d.parameters = a.front().size();
  d.base_samples = a.size();
  Matrix rows = a;
  rows.insert(rows.end(), b.begin(), b.end());
  for (std::size_t i = 0; i < d.parameters; ++i) {
    for (std::size_t j = 0; j < a.size(); ++j) {
      rows.push_back(a[j]);
      rows.back()[i] = b[j][i];
    }
  }
  d.unit = PointTable::from_rows(rows);
  return d;
}

Design monte_carlo_saltelli(std::size_t k, std::size_t n, std::uint64_t seed) {
  boost::random::mt19937_64 engine(seed);
  const Matrix a = uniform_matrix(n, k, engine);
  const Matrix b = uniform_matrix(n, k, engine);
  return saltelli_layout(a, b);
}

std::vector<double> evaluate(const Design& d, const Function& f) {
  std::vector<double> y;
  y.reserve(d.points());
  for (const auto row : d.unit) y.push_back(f(std::vector<double>(row.begin(), row.end())));
  return y;
}

// Ishigami & Homma 1990 with a = 7, b = 0.1 on x_i uniform on [-pi, pi].
double ishigami(const std::vector<double>& u) {
  const double x1 = -kPi + 2 * kPi * u[0], x2 = -kPi + 2 * kPi * u[1];
  const double x3 = -kPi + 2 * kPi * u[2];
  return std::sin(x1) + 7 * std::pow(std::sin(x2), 2) + 0.1 * std::pow(x3, 4) * std::sin(x1);
}

struct Analytic {
  std::vector<double> first, total;
};

// Closed-form variances of the Ishigami function: only V1, V2 and V13 are non-zero.
Analytic ishigami_indices() {
  const double a = 7, b = 0.1, pi4 = std::pow(kPi, 4), pi8 = std::pow(kPi, 8);
  const double v = a * a / 8 + b * pi4 / 5 + b * b * pi8 / 18 + 0.5;
  const double v1 = 0.5 * std::pow(1 + b * pi4 / 5, 2), v2 = a * a / 8;
  const double v13 = b * b * pi8 * (1.0 / 18 - 1.0 / 50);
  return {{v1 / v, v2 / v, 0.0}, {(v1 + v13) / v, v2 / v, v13 / v}};
}

// The analytic value lies in the bootstrap interval, or the estimate is within `tolerance`.
void expect_agrees(const Interval& got, double truth, double tolerance, const std::string& what) {
  const bool inside = got.low <= truth && truth <= got.high;
  EXPECT_TRUE(inside || std::abs(got.estimate - truth) <= tolerance)
      << what << ": analytic " << truth << ", estimate " << got.estimate << " in [" << got.low
      << ", " << got.high << "]";
}

void expect_ishigami(const SobolIndices& s) {
  const Analytic truth = ishigami_indices();
  ASSERT_EQ(s.first_order.size(), 3U);
  ASSERT_EQ(s.total.size(), 3U);
  for (std::size_t i = 0; i < 3; ++i) {
    expect_agrees(s.first_order[i], truth.first[i], 0.03, fmt::format("S{}", i + 1));
    expect_agrees(s.total[i], truth.total[i], 0.03, fmt::format("ST{}", i + 1));
  }
}

TEST(SobolIndices, IshigamiClosedFormMatchesPublishedValues) {
  const Analytic truth = ishigami_indices();
  const std::vector<double> first = {0.3139, 0.4424, 0.0}, total = {0.5576, 0.4424, 0.2437};
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_NEAR(truth.first[i], first[i], 1e-4);
    EXPECT_NEAR(truth.total[i], total[i], 1e-4);
  }
}

TEST(SobolIndices, IshigamiOnMonteCarloSaltelliLayoutMatchesAnalyticIndices) {
  const Design d = monte_carlo_saltelli(3, 20000, 2024);
  expect_ishigami(sobol_indices(d, evaluate(d, ishigami), 1000, 0.95, 7));
}

TEST(SobolIndices, IshigamiOnSaltelliDesignMatchesAnalyticIndices) {
  const Design d = saltelli_design(3, 4096, 2024);
  expect_ishigami(sobol_indices(d, evaluate(d, ishigami), 1000, 0.95, 7));
}

TEST(SobolIndices, LinearModelIndicesAreSharesOfSquaredCoefficients) {
  // y = sum c_i x_i, x_i independent uniform on [0,1]: Var(c_i x_i) = c_i^2 / 12, no
  // interactions, so S_i = S_Ti = c_i^2 / sum c_j^2 = 1/14, 4/14, 9/14.
  const std::vector<double> c = {1, 2, 3};
  const Design d = monte_carlo_saltelli(3, 20000, 99);
  const SobolIndices s = sobol_indices(d, evaluate(d, [&](const std::vector<double>& u) {
                                         return c[0] * u[0] + c[1] * u[1] + c[2] * u[2];
                                       }));
  for (std::size_t i = 0; i < 3; ++i) {
    const double truth = c[i] * c[i] / 14.0;
    expect_agrees(s.first_order[i], truth, 0.03, fmt::format("S{}", i + 1));
    expect_agrees(s.total[i], truth, 0.03, fmt::format("ST{}", i + 1));
  }
}

TEST(SobolIndices, TwoBaseSamplesMatchHandComputation) {
  // k = 1, N = 2: f_A = {0, 2}, f_B = {1, 3}, f_AB1 = {1, 3}. Mean of [f_A, f_B] = 1.5,
  // V = (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25.
  // S_1 = mean((f_B - 1.5)(f_AB1 - f_A)) / V = ((-0.5)(1) + (1.5)(1)) / 2 / 1.25 = 0.4;
  // S_T1 = mean((f_A - f_AB1)^2) / (2V) = 1 / 2.5 = 0.4.
  Design d;
  d.kind = DesignKind::kSobol;
  d.parameters = 1;
  d.base_samples = 2;
  d.unit = PointTable(6, 1, 0.5);
  const SobolIndices s = sobol_indices(d, {0, 2, 1, 3, 1, 3}, 50);
  EXPECT_NEAR(s.first_order[0].estimate, 0.4, 1e-12);
  EXPECT_NEAR(s.total[0].estimate, 0.4, 1e-12);
}

TEST(SobolIndices, ShiftingTheOutcomeLeavesIndicesUnchanged) {
  // Indices do not depend on the outcome's level; an uncentred f_B (f_ABi - f_A) would turn a
  // level of 1e6 into noise of order 1e6 / sd(y) in S_i.
  const Design d = monte_carlo_saltelli(3, 2000, 31);
  std::vector<double> y = evaluate(d, ishigami);
  const SobolIndices base = sobol_indices(d, y, 100);
  for (double& v : y) v += 1e6;
  const SobolIndices shifted = sobol_indices(d, y, 100);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_NEAR(shifted.first_order[i].estimate, base.first_order[i].estimate, 1e-6);
    EXPECT_NEAR(shifted.first_order[i].high, base.first_order[i].high, 1e-6);
    EXPECT_NEAR(shifted.total[i].estimate, base.total[i].estimate, 1e-6);
  }
}

TEST(SobolIndices, ConstantOutcomeGivesZeroIndices) {
  const Design d = monte_carlo_saltelli(2, 100, 3);
  const SobolIndices s = sobol_indices(d, std::vector<double>(d.points(), 4.2), 200);
  for (const auto& list : {s.first_order, s.total}) {
    for (const Interval& x : list) {
      EXPECT_EQ(x.estimate, 0.0);
      EXPECT_EQ(x.low, 0.0);
      EXPECT_EQ(x.high, 0.0);
    }
  }
}

TEST(SobolIndices, BootstrapIntervalShrinksWithMoreBaseSamplesAndContainsEstimate) {
  const Design small = monte_carlo_saltelli(3, 500, 11);
  const Design large = monte_carlo_saltelli(3, 8000, 12);
  const SobolIndices s = sobol_indices(small, evaluate(small, ishigami), 1000, 0.95, 5);
  const SobolIndices l = sobol_indices(large, evaluate(large, ishigami), 1000, 0.95, 5);
  const auto check = [](const Interval& lo_n, const Interval& hi_n, const std::string& what) {
    for (const Interval& x : {lo_n, hi_n}) {
      EXPECT_LE(x.low, x.estimate) << what;
      EXPECT_LE(x.estimate, x.high) << what;
    }
    // Width falls like 1/sqrt(N): a 16-fold N should give about a quarter of the width.
    EXPECT_LT(hi_n.high - hi_n.low, 0.5 * (lo_n.high - lo_n.low)) << what;
  };
  for (std::size_t i = 0; i < 3; ++i) {
    check(s.first_order[i], l.first_order[i], fmt::format("S{}", i + 1));
    check(s.total[i], l.total[i], fmt::format("ST{}", i + 1));
  }
}

TEST(SobolIndices, BootstrapWidthMatchesSpreadAcrossIndependentDesigns) {
  // A 95% percentile interval spans about 2 x 1.96 standard errors; the standard error is
  // measured directly as the spread of estimates over independent Monte Carlo designs.
  constexpr int kReplications = 200;
  constexpr double kZ = 1.959964;
  std::vector<double> sum(6), sum_sq(6), half_width(6);
  for (int r = 0; r < kReplications; ++r) {
    const Design d = monte_carlo_saltelli(3, 1000, 1000 + static_cast<std::uint64_t>(r));
    const SobolIndices s =
        sobol_indices(d, evaluate(d, ishigami), 300, 0.95, static_cast<std::uint64_t>(r));
    for (std::size_t i = 0; i < 6; ++i) {
      const Interval& x = i < 3 ? s.first_order[i] : s.total[i - 3];
      sum[i] += x.estimate;
      sum_sq[i] += x.estimate * x.estimate;
      half_width[i] += (x.high - x.low) / 2 / kReplications;
    }
  }
  for (std::size_t i = 0; i < 6; ++i) {
    const double mean = sum[i] / kReplications;
    const double sd = std::sqrt((sum_sq[i] - kReplications * mean * mean) / (kReplications - 1));
    EXPECT_NEAR(half_width[i] / (kZ * sd), 1.0, 0.15) << (i < 3 ? "S" : "ST") << i % 3 + 1;
  }
}

TEST(SobolIndices, BootstrapIsReproducibleAndWidensWithConfidence) {
  const Design d = monte_carlo_saltelli(3, 1000, 21);
  const std::vector<double> y = evaluate(d, ishigami);
  const SobolIndices a = sobol_indices(d, y, 400, 0.9, 8);
  const SobolIndices b = sobol_indices(d, y, 400, 0.9, 8);
  const SobolIndices wide = sobol_indices(d, y, 400, 0.99, 8);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(a.first_order[i].low, b.first_order[i].low);
    EXPECT_EQ(a.total[i].high, b.total[i].high);
    EXPECT_LT(wide.first_order[i].low, a.first_order[i].low);
    EXPECT_GT(wide.first_order[i].high, a.first_order[i].high);
    EXPECT_LT(wide.total[i].low, a.total[i].low);
    EXPECT_GT(wide.total[i].high, a.total[i].high);
  }
}

TEST(SobolIndices, RejectsOutcomeOfWrongLengthAndNonFiniteValues) {
  const Design d = monte_carlo_saltelli(2, 10, 1);
  try {
    (void)sobol_indices(d, std::vector<double>(39, 1.0));
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(),
                 "sobol_indices: a Saltelli design with N = 10 base samples and k = 2 parameters "
                 "has N (k + 2) = 40 rows; the design has 40 rows and the outcome 39 values");
  }
  std::vector<double> y(40, 1.0);
  y[17] = std::nan("");
  try {
    (void)sobol_indices(d, y);
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(),
                 "sobol_indices: the outcome of design row 17 is nan; the measures need a finite "
                 "outcome on every row (leave out outcomes that some runs lack)");
  }
  EXPECT_THROW((void)sobol_indices(d, std::vector<double>(40, 1.0), 0), std::invalid_argument);
  EXPECT_THROW((void)sobol_indices(d, std::vector<double>(40, 1.0), 10, 1.0),
               std::invalid_argument);
}

// Morris trajectories built by hand on a p-level grid: a random start on the grid, the
// parameters in random order, each moved by +Delta, or -Delta where +Delta would leave [0,1].
Design morris_trajectories(std::size_t k, std::size_t r, int p, std::uint64_t seed) {
  boost::random::mt19937_64 engine(seed);
  boost::random::uniform_int_distribution<int> level(0, p - 1);
  const double step = p / (2.0 * (p - 1));
  Design d;
  d.kind = DesignKind::kMorris;
  d.parameters = k;
  for (std::size_t t = 0; t < r; ++t) {
    std::vector<double> x(k);
    for (double& v : x) v = level(engine) / static_cast<double>(p - 1);
    std::vector<std::size_t> order(k);
    for (std::size_t i = 0; i < k; ++i) order[i] = i;
    for (std::size_t i = k - 1; i > 0; --i) {
      boost::random::uniform_int_distribution<std::size_t> pick(0, i);
      std::swap(order[i], order[pick(engine)]);
    }
    d.unit.push_back(x);
    d.changed.push_back(order);
    d.delta.emplace_back();
    for (const std::size_t i : order) {
      const double move = x[i] + step <= 1.0 + 1e-12 ? step : -step;
      x[i] += move;
      d.delta.back().push_back(move);
      d.unit.push_back(x);
    }
  }
  return d;
}

void expect_linear_effects_are_coefficients(const Design& d) {
  const std::vector<double> c = {2, -3, 0.5};
  const MorrisMeasures m = morris_measures(d, evaluate(d, [&](const std::vector<double>& u) {
                                             return c[0] * u[0] + c[1] * u[1] + c[2] * u[2];
                                           }));
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_NEAR(m.mu[i], c[i], 1e-12);
    EXPECT_NEAR(m.mu_star[i], std::abs(c[i]), 1e-12);
    EXPECT_NEAR(m.sigma[i], 0.0, 1e-12);
  }
}

// f = u0 u1 + 2 u2: the effect of u0 is the current u1 (and vice versa), that of u2 is 2.
void expect_interaction_spreads_only_interacting_effects(const Design& d) {
  const MorrisMeasures m = morris_measures(
      d, evaluate(d, [](const std::vector<double>& u) { return u[0] * u[1] + 2 * u[2]; }));
  // Expected from the design: the partner's coordinate at the step that moves u0 (u1).
  for (std::size_t p = 0; p < 2; ++p) {
    std::vector<double> partner;
    for (std::size_t t = 0; t < d.changed.size(); ++t) {
      for (std::size_t s = 0; s < 3; ++s) {
        if (d.changed[t][s] == p) partner.push_back(d.unit[t * 4 + s][1 - p]);
      }
    }
    double mean = 0;
    for (const double v : partner) mean += v / static_cast<double>(partner.size());
    double ss = 0;
    for (const double v : partner) ss += (v - mean) * (v - mean);
    const double sd = std::sqrt(ss / static_cast<double>(partner.size() - 1));
    EXPECT_NEAR(m.mu[p], mean, 1e-12);
    EXPECT_NEAR(m.mu_star[p], mean, 1e-12);
    EXPECT_NEAR(m.sigma[p], sd, 1e-12);
    EXPECT_GT(m.sigma[p], 0.05);
  }
  EXPECT_NEAR(m.mu[2], 2.0, 1e-12);
  EXPECT_NEAR(m.sigma[2], 0.0, 1e-12);
}

TEST(MorrisMeasures, LinearFunctionEffectsAreTheCoefficients) {
  expect_linear_effects_are_coefficients(morris_trajectories(3, 12, 4, 17));
}

TEST(MorrisMeasures, LinearFunctionEffectsAreTheCoefficientsOnMorrisDesign) {
  expect_linear_effects_are_coefficients(morris_design(3, 12, 4, 17));
}

TEST(MorrisMeasures, InteractionSpreadsEffectsOfInteractingParametersOnly) {
  expect_interaction_spreads_only_interacting_effects(morris_trajectories(3, 10, 4, 23));
}

TEST(MorrisMeasures, InteractionSpreadsEffectsOfInteractingParametersOnlyOnMorrisDesign) {
  expect_interaction_spreads_only_interacting_effects(morris_design(3, 10, 4, 23));
}

TEST(MorrisMeasures, RejectsInconsistentDesign) {
  Design d = morris_trajectories(2, 3, 4, 1);
  try {
    (void)morris_measures(d, std::vector<double>(8, 0.0));
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(),
                 "morris_measures: a Morris design with r = 3 trajectories of k + 1 = 3 points "
                 "has 9 rows; the design has 9 rows, 3 step-size lists and the outcome 8 values");
  }
  d.changed[1][0] = 2;
  EXPECT_THROW((void)morris_measures(d, std::vector<double>(9, 0.0)), std::invalid_argument);
}

}  // namespace
}  // namespace flashpoint
