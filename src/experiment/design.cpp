#include "experiment/design.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>
#include <boost/math/distributions/normal.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/sobol.hpp>
#include <boost/random/uniform_01.hpp>
#include <boost/random/uniform_int_distribution.hpp>

#include "experiment/specs.hpp"

namespace flashpoint {
namespace {

using DesignEngine = boost::random::mt19937_64;

[[noreturn]] void fail_parameter(const UncertainParameter& p, const std::string& what) {
  throw std::invalid_argument(fmt::format("uncertain parameter '{}': {}", p.path, what));
}

// Index of the part of [0,1] that u falls into when it is split into `count` equal parts; u = 1
// (the top of a Morris grid) belongs to the last part.
std::size_t part_of(double u, std::size_t count) {
  const double scaled = std::floor(u * static_cast<double>(count));
  return std::min(static_cast<std::size_t>(scaled), count - 1);
}

// Number of whole numbers low..high of a kInteger parameter, checked.
std::size_t integer_count(const UncertainParameter& p) {
  if (!std::isfinite(p.low) || !std::isfinite(p.high) || p.low != std::round(p.low) ||
      p.high != std::round(p.high) || p.low > p.high) {
    fail_parameter(p, fmt::format("integer bounds must be whole numbers with low <= high, got "
                                  "low = {}, high = {}",
                                  p.low, p.high));
  }
  return static_cast<std::size_t>(p.high - p.low) + 1;
}

// Normal(mode, sd) cut to [low, high], by inverting the CDF on [Phi(low), Phi(high)]. Above the
// mean the survival function is inverted instead, so a cut deep in the upper tail keeps its
// precision (Phi would round to 1 there).
double truncated_normal_at(const UncertainParameter& p, double u) {
  if (!(p.sd > 0) || !std::isfinite(p.sd) || !std::isfinite(p.mode)) {
    fail_parameter(p, fmt::format("a normal needs a finite mean (mode) and sd > 0, got mode = {}, "
                                  "sd = {}",
                                  p.mode, p.sd));
  }
  if (!(p.low < p.high)) {
    fail_parameter(
        p, fmt::format("a normal needs low < high, got low = {}, high = {}", p.low, p.high));
  }
  const boost::math::normal_distribution<double> normal(p.mode, p.sd);
  double x = 0;
  if (p.low >= p.mode) {
    const double q_low = boost::math::cdf(boost::math::complement(normal, p.low));
    const double q_high = boost::math::cdf(boost::math::complement(normal, p.high));
    if (!(q_low > q_high)) fail_parameter(p, "the cut [low, high] has no probability mass");
    const double q = q_low - u * (q_low - q_high);
    if (q >= 1) return p.low;
    if (q <= 0) return p.high;
    x = boost::math::quantile(boost::math::complement(normal, q));
  } else {
    const double p_low = boost::math::cdf(normal, p.low);
    const double p_high = boost::math::cdf(normal, p.high);
    if (!(p_high > p_low)) fail_parameter(p, "the cut [low, high] has no probability mass");
    const double q = p_low + u * (p_high - p_low);
    if (q <= 0) return p.low;
    if (q >= 1) return p.high;
    x = boost::math::quantile(normal, q);
  }
  return std::clamp(x, p.low, p.high);
}

/// Points first .. first + n - 1 of the Sobol sequence (point 0 is the origin), each coordinate
/// XORed with the dimension's 64-bit `shift` (0: the plain sequence). Boost.Random's sobol engine
/// (Joe-Kuo direction numbers, Gray-code order) gives the points from 1 on.
std::vector<std::vector<double>> sobol_block(std::size_t dim, std::size_t first, std::size_t n,
                                             const std::vector<std::uint64_t>& shift) {
  if (dim < 1 || dim > kSobolMaxDimension) {
    throw std::invalid_argument(
        fmt::format("Sobol dimension must be 1..{}, got {}", kSobolMaxDimension, dim));
  }
  // The top 53 bits of a 64-bit word make a double in [0, 1) without rounding up to 1.
  auto unit = [](std::uint64_t word) { return std::ldexp(static_cast<double>(word >> 11), -53); };
  std::vector<std::vector<double>> points;
  points.reserve(n);
  if (first == 0 && n > 0) {
    std::vector<double> origin(dim);
    for (std::size_t d = 0; d < dim; ++d) origin[d] = unit(shift[d]);
    points.push_back(std::move(origin));
  }
  boost::random::sobol engine(dim);
  if (first > 1) engine.discard(static_cast<std::uintmax_t>(first - 1) * dim);
  while (points.size() < n) {
    std::vector<double> p(dim);
    for (std::size_t d = 0; d < dim; ++d) p[d] = unit(engine() ^ shift[d]);
    points.push_back(std::move(p));
  }
  return points;
}

void require_positive(std::size_t value, const char* what) {
  if (value == 0) throw std::invalid_argument(fmt::format("a design needs {} >= 1", what));
}

}  // namespace

double UncertainParameter::value_at(double u) const {
  if (!(u >= 0 && u <= 1))
    fail_parameter(*this, fmt::format("unit coordinate {} is not in [0,1]", u));
  switch (distribution) {
    case Distribution::kUniform:
      if (!(low <= high)) {
        fail_parameter(*this, fmt::format("needs low <= high, got low = {}, high = {}", low, high));
      }
      return std::min(low + u * (high - low), high);
    case Distribution::kLogUniform: {
      if (!(low > 0 && low <= high)) {
        fail_parameter(*this, fmt::format("a log-uniform needs 0 < low <= high, got low = {}, "
                                          "high = {}",
                                          low, high));
      }
      const double log_low = std::log(low);
      return std::clamp(std::exp(log_low + u * (std::log(high) - log_low)), low, high);
    }
    case Distribution::kTriangular: {
      if (!(low <= mode && mode <= high)) {
        fail_parameter(*this,
                       fmt::format("a triangular needs low <= mode <= high, got {} / {} / {}", low,
                                   mode, high));
      }
      if (low == high) return low;
      // Inverse CDF of the triangular distribution; F(mode) = (mode - low) / (high - low).
      const double width = high - low;
      const double at_mode = (mode - low) / width;
      const double x = u <= at_mode ? low + std::sqrt(u * width * (mode - low))
                                    : high - std::sqrt((1 - u) * width * (high - mode));
      return std::clamp(x, low, high);
    }
    case Distribution::kNormal:
      return truncated_normal_at(*this, u);
    case Distribution::kLevels:
      if (levels.empty()) fail_parameter(*this, "a levels parameter needs at least one level");
      return levels[part_of(u, levels.size())];
    case Distribution::kInteger:
      return low + static_cast<double>(part_of(u, integer_count(*this)));
  }
  fail_parameter(*this, "unknown distribution");
}

Design grid_design(const std::vector<UncertainParameter>& params, int levels) {
  require_positive(params.size(), "parameters");
  if (levels < 1)
    throw std::invalid_argument(fmt::format("grid levels must be >= 1, got {}", levels));
  const std::size_t k = params.size();
  std::vector<std::size_t> counts(k);
  std::size_t total = 1;
  for (std::size_t i = 0; i < k; ++i) {
    const UncertainParameter& p = params[i];
    switch (p.distribution) {
      case Distribution::kLevels:
        if (p.levels.empty()) fail_parameter(p, "a levels parameter needs at least one level");
        counts[i] = p.levels.size();
        break;
      case Distribution::kInteger:
        counts[i] = integer_count(p);
        break;
      default:
        counts[i] = static_cast<std::size_t>(levels);
    }
    if (total > std::numeric_limits<std::size_t>::max() / counts[i]) {
      throw std::invalid_argument("the full factorial grid has more points than can be counted");
    }
    total *= counts[i];
  }
  Design design;
  design.kind = DesignKind::kGrid;
  design.parameters = k;
  design.unit = PointTable(total, k);
  // Odometer order: the last parameter changes fastest.
  std::vector<std::size_t> digit(k, 0);
  for (std::size_t row = 0; row < total; ++row) {
    for (std::size_t i = 0; i < k; ++i) {
      design.unit[row][i] = (static_cast<double>(digit[i]) + 0.5) / static_cast<double>(counts[i]);
    }
    for (std::size_t i = k; i-- > 0;) {
      if (++digit[i] < counts[i]) break;
      digit[i] = 0;
    }
  }
  return design;
}

PointTable PointTable::from_rows(const std::vector<std::vector<double>>& rows) {
  PointTable t(0, rows.empty() ? 0 : rows.front().size());
  t.reserve(rows.size());
  for (const auto& r : rows) t.push_back(r);
  return t;
}

std::span<const double> PointTable::at(std::size_t row) const {
  if (row >= rows_) {
    throw std::out_of_range(fmt::format("point {} of a design of {} points", row, rows_));
  }
  return (*this)[row];
}

void PointTable::push_back(std::span<const double> point) {
  if (rows_ == 0 && data_.empty()) cols_ = point.size();
  if (point.size() != cols_) {
    throw std::invalid_argument(
        fmt::format("a point of {} coordinates added to a table of {}", point.size(), cols_));
  }
  data_.insert(data_.end(), point.begin(), point.end());
  ++rows_;
}

std::vector<std::vector<double>> PointTable::to_rows() const {
  std::vector<std::vector<double>> out;
  out.reserve(rows_);
  for (const auto row : *this) out.emplace_back(row.begin(), row.end());
  return out;
}

Design random_design(std::size_t k, std::size_t n, std::uint64_t seed) {
  require_positive(k, "parameters");
  require_positive(n, "points");
  DesignEngine engine(seed);
  boost::random::uniform_01<double> uniform;
  Design design;
  design.kind = DesignKind::kRandom;
  design.parameters = k;
  design.unit = PointTable(n, k);
  for (std::size_t row = 0; row < n; ++row) {
    for (double& x : design.unit[row]) x = uniform(engine);
  }
  return design;
}

Design latin_hypercube_design(std::size_t k, std::size_t n, std::uint64_t seed) {
  require_positive(k, "parameters");
  require_positive(n, "points");
  DesignEngine engine(seed);
  boost::random::uniform_01<double> uniform;
  Design design;
  design.kind = DesignKind::kLatinHypercube;
  design.parameters = k;
  design.unit = PointTable(n, k);
  const double nd = static_cast<double>(n);
  std::vector<std::size_t> stratum(n);
  for (std::size_t col = 0; col < k; ++col) {
    std::iota(stratum.begin(), stratum.end(), std::size_t{0});
    // Fisher-Yates with a Boost distribution: std::shuffle's draws are implementation-defined.
    for (std::size_t i = n; i-- > 1;) {
      boost::random::uniform_int_distribution<std::size_t> pick(0, i);
      std::swap(stratum[i], stratum[pick(engine)]);
    }
    for (std::size_t row = 0; row < n; ++row) {
      const std::size_t s = stratum[row];
      double x = (static_cast<double>(s) + uniform(engine)) / nd;
      // Rounding can put x an ulp outside its stratum (or at 1); nudge it back so that
      // floor(x n) == s and x < 1. A few ulps at most, hence the bounded loop.
      for (int ulp = 0; ulp < 8; ++ulp) {
        const double scaled = std::floor(x * nd);
        if (x >= 1 || scaled > static_cast<double>(s)) {
          x = std::nextafter(x, 0.0);
        } else if (scaled < static_cast<double>(s)) {
          x = std::nextafter(x, 1.0);
        } else {
          break;
        }
      }
      assert(x < 1 && static_cast<std::size_t>(std::floor(x * nd)) == s);
      design.unit[row][col] = x;
    }
  }
  return design;
}

std::vector<std::vector<double>> sobol_points(std::size_t dim, std::size_t n) {
  return sobol_block(dim, 1, n, std::vector<std::uint64_t>(dim, 0));
}

Design saltelli_design(std::size_t k, std::size_t n_base, std::uint64_t seed) {
  require_positive(k, "parameters");
  require_positive(n_base, "base samples");
  if (2 * k > kSobolMaxDimension) {
    throw std::invalid_argument(
        fmt::format("a Saltelli design needs a Sobol sequence of dimension 2k; k = {} exceeds {}",
                    k, kSobolMaxDimension / 2));
  }
  // Random digital shift (XOR of one 64-bit word per dimension): it keeps the (t,m,s)-net
  // structure and makes the estimators' error random rather than systematic. Point 0, which the
  // shift moves off the corner, is kept so that the first 2^m base samples form a complete net.
  DesignEngine engine(seed);
  boost::random::uniform_int_distribution<std::uint64_t> word;
  std::vector<std::uint64_t> shift(2 * k);
  for (auto& s : shift) s = word(engine);
  const auto base = sobol_block(2 * k, 0, n_base, shift);

  Design design;
  design.kind = DesignKind::kSobol;
  design.parameters = k;
  design.base_samples = n_base;
  design.unit = PointTable(n_base * (k + 2), k);
  for (std::size_t row = 0; row < n_base; ++row) {
    const auto& p = base[row];
    std::copy(p.begin(), p.begin() + static_cast<long>(k), design.unit[row].begin());
    std::copy(p.begin() + static_cast<long>(k), p.end(), design.unit[n_base + row].begin());
  }
  for (std::size_t i = 0; i < k; ++i) {
    for (std::size_t row = 0; row < n_base; ++row) {
      const auto ab = design.unit[(2 + i) * n_base + row];
      std::copy(design.unit[row].begin(), design.unit[row].end(), ab.begin());
      ab[i] = design.unit[n_base + row][i];
    }
  }
  return design;
}

Design morris_design(std::size_t k, std::size_t trajectories, int grid_levels, std::uint64_t seed) {
  require_positive(k, "parameters");
  require_positive(trajectories, "trajectories");
  if (grid_levels < 2 || grid_levels % 2 != 0) {
    throw std::invalid_argument(fmt::format(
        "Morris grid levels must be even and >= 2 so that Delta lies on the grid, got {}",
        grid_levels));
  }
  const auto p = static_cast<std::size_t>(grid_levels);
  const std::size_t delta_steps = p / 2;  // Delta = p / (2 (p - 1)) = (p / 2) grid steps
  const double delta = static_cast<double>(p) / (2.0 * static_cast<double>(p - 1));

  DesignEngine engine(seed);
  // Base levels 0 .. p/2 - 1 are those from which +Delta stays on the grid.
  boost::random::uniform_int_distribution<std::size_t> base_level(0, p / 2 - 1);
  boost::random::uniform_int_distribution<int> coin(0, 1);

  Design design;
  design.kind = DesignKind::kMorris;
  design.parameters = k;
  design.unit = PointTable(0, k);
  design.unit.reserve(trajectories * (k + 1));
  std::vector<std::size_t> level(k);
  std::vector<std::size_t> order(k);
  std::vector<bool> up(k);
  for (std::size_t t = 0; t < trajectories; ++t) {
    for (std::size_t i = 0; i < k; ++i) {
      level[i] = base_level(engine);
      up[i] = coin(engine) == 1;
      // Moving down by Delta starts Delta higher, so every point stays on the grid in [0,1].
      if (!up[i]) level[i] += delta_steps;
    }
    std::iota(order.begin(), order.end(), std::size_t{0});
    for (std::size_t i = k; i-- > 1;) {
      boost::random::uniform_int_distribution<std::size_t> pick(0, i);
      std::swap(order[i], order[pick(engine)]);
    }
    auto point = [&] {
      std::vector<double> x(k);
      for (std::size_t i = 0; i < k; ++i) {
        x[i] = static_cast<double>(level[i]) / static_cast<double>(p - 1);
      }
      return x;
    };
    design.unit.push_back(point());
    design.changed.emplace_back();
    design.delta.emplace_back();
    for (std::size_t s = 0; s < k; ++s) {
      const std::size_t i = order[s];
      level[i] = up[i] ? level[i] + delta_steps : level[i] - delta_steps;
      design.unit.push_back(point());
      design.changed.back().push_back(i);
      design.delta.back().push_back(up[i] ? delta : -delta);
    }
  }
  return design;
}

Design build_design(const DesignSpec& spec, std::uint64_t seed) {
  const std::size_t k = spec.parameters.size();
  switch (spec.kind) {
    case DesignKind::kGrid:
      return grid_design(spec.parameters, spec.levels);
    case DesignKind::kRandom:
      return random_design(k, spec.samples, seed);
    case DesignKind::kLatinHypercube:
      return latin_hypercube_design(k, spec.samples, seed);
    case DesignKind::kSobol:
      return saltelli_design(k, spec.samples, seed);
    case DesignKind::kMorris:
      return morris_design(k, spec.samples, spec.levels, seed);
    case DesignKind::kExternal: {
      Design d;
      d.kind = DesignKind::kExternal;
      d.parameters = k;
      d.unit = PointTable::from_rows(spec.csv_values);  // values as given; not unit coordinates
      return d;
    }
  }
  return {};
}

std::vector<double> design_point_values(const DesignSpec& spec, const Design& design,
                                        std::size_t point) {
  if (spec.kind == DesignKind::kExternal) {
    const auto row = design.unit.at(point);
    return {row.begin(), row.end()};
  }
  std::vector<double> values(spec.parameters.size());
  for (std::size_t j = 0; j < values.size(); ++j) {
    values[j] = spec.parameters[j].value_at(design.unit.at(point)[j]);
  }
  return values;
}

std::vector<Override> design_point_overrides(const DesignSpec& spec,
                                             const std::vector<double>& values) {
  std::vector<Override> out;
  for (std::size_t j = 0; j < spec.parameters.size(); ++j) {
    Override o;
    o.path = spec.parameters[j].path;
    // Shortest text that reads back as the same double.
    o.value = fmt::format("{}", values[j]);
    o.text = fmt::format("{}={}", o.path, o.value);
    o.origin_file = spec.origins[j].file;
    o.origin_line = spec.origins[j].line;
    o.origin_column = spec.origins[j].column;
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace flashpoint
