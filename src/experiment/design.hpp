#pragma once
// Experimental designs for sweeps (docs/experiments.md): which parameter values each run of a
// sweep uses. Designs are built in the unit hypercube [0,1)^k and mapped to parameter values by
// each parameter's distribution, so that grid, random, Latin hypercube, Sobol (Saltelli) and
// Morris designs share one mapping. All randomness comes from Boost.Random engines seeded from
// the sweep's master seed, so a design is the same on every platform. Arguments out of range
// (no parameters, too many Sobol dimensions, an odd Morris grid, a log-uniform with low <= 0, ...)
// throw std::invalid_argument naming the parameter; sweep validation should catch them first.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "scenario/experiment_specs.hpp"

namespace flashpoint {

/// Points of a design, stored row after row in one block: a design of 10^5 points over k
/// parameters costs 8 k bytes a point (a vector per point cost about 48 bytes more).
class PointTable {
 public:
  PointTable() = default;
  /// `rows` points of `cols` coordinates, all `fill`.
  PointTable(std::size_t rows, std::size_t cols, double fill = 0.0)
      : rows_(rows), cols_(cols), data_(rows * cols, fill) {}
  /// From a list of points of equal length (throws std::invalid_argument otherwise).
  [[nodiscard]] static PointTable from_rows(const std::vector<std::vector<double>>& rows);

  [[nodiscard]] std::size_t size() const { return rows_; }
  [[nodiscard]] bool empty() const { return rows_ == 0; }
  [[nodiscard]] std::size_t cols() const { return cols_; }
  [[nodiscard]] std::span<double> operator[](std::size_t row) {
    return {data_.data() + row * cols_, cols_};
  }
  [[nodiscard]] std::span<const double> operator[](std::size_t row) const {
    return {data_.data() + row * cols_, cols_};
  }
  /// operator[] with a bounds check (std::out_of_range).
  [[nodiscard]] std::span<const double> at(std::size_t row) const;
  [[nodiscard]] std::span<const double> front() const { return (*this)[0]; }
  [[nodiscard]] std::span<const double> back() const { return (*this)[rows_ - 1]; }
  /// Appends a point; the first one fixes the number of coordinates.
  void push_back(std::span<const double> point);
  void reserve(std::size_t rows) { data_.reserve(rows * cols_); }
  /// The points as a list of vectors (for tests and small tables).
  [[nodiscard]] std::vector<std::vector<double>> to_rows() const;
  bool operator==(const PointTable&) const = default;

  /// Iterates over the points (each a span of its coordinates).
  class Iterator {
   public:
    Iterator(const PointTable* table, std::size_t row) : table_(table), row_(row) {}
    std::span<const double> operator*() const { return (*table_)[row_]; }
    Iterator& operator++() {
      ++row_;
      return *this;
    }
    bool operator==(const Iterator&) const = default;

   private:
    const PointTable* table_;
    std::size_t row_;
  };
  [[nodiscard]] Iterator begin() const { return {this, 0}; }
  [[nodiscard]] Iterator end() const { return {this, rows_}; }

 private:
  std::size_t rows_ = 0, cols_ = 0;
  std::vector<double> data_;
};

/// A design: points in the unit hypercube (rows = design points, columns = parameters) and,
/// for the estimators, how they are laid out.
struct Design {
  DesignKind kind = DesignKind::kRandom;
  std::size_t parameters = 0;  ///< k
  PointTable unit;             ///< [point][parameter] in [0,1)
  /// Sobol/Saltelli: N base samples; rows are A (N), B (N), then AB_1 .. AB_k (N each), where
  /// AB_i is A with column i taken from B. Total N (k + 2).
  std::size_t base_samples = 0;
  /// Morris: r trajectories of k + 1 points each, rows trajectory by trajectory; step s of a
  /// trajectory (from point s to s + 1) moves parameter changed[t][s] by delta[t][s] (+-Delta).
  std::vector<std::vector<std::size_t>> changed;
  std::vector<std::vector<double>> delta;
  [[nodiscard]] std::size_t points() const { return unit.size(); }
};

/// Full factorial grid with `levels` equally spaced levels per parameter at cell midpoints
/// ((j + 0.5) / levels); parameters of kind kLevels/kInteger use their own number of levels.
[[nodiscard]] Design grid_design(const std::vector<UncertainParameter>& params, int levels);
/// `n` independent uniform points.
[[nodiscard]] Design random_design(std::size_t k, std::size_t n, std::uint64_t seed);
/// Latin hypercube: each parameter's n equal strata hold exactly one point each.
[[nodiscard]] Design latin_hypercube_design(std::size_t k, std::size_t n, std::uint64_t seed);
/// Saltelli's scheme on a (scrambled or plain) Sobol sequence of dimension 2k, with N base samples.
[[nodiscard]] Design saltelli_design(std::size_t k, std::size_t n_base, std::uint64_t seed);
/// Morris's elementary-effect trajectories on a p-level grid (Delta = p / (2 (p - 1))).
/// The grid is {0, 1/(p-1), ..., 1}, so Morris points lie in the closed [0,1]; p must be even.
[[nodiscard]] Design morris_design(std::size_t k, std::size_t trajectories, int grid_levels,
                                   std::uint64_t seed);

/// The first `n` points of the Sobol low-discrepancy sequence in dimension `dim` (unscrambled,
/// the point 0 skipped), from Boost.Random's Joe-Kuo direction numbers. At most
/// kSobolMaxDimension (Boost's table goes further; 256 keeps Saltelli designs to 128 parameters).
[[nodiscard]] std::vector<std::vector<double>> sobol_points(std::size_t dim, std::size_t n);

}  // namespace flashpoint
