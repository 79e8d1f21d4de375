#pragma once
// The quiet NaN that marks "no value" in outcomes, statistics and tables.
#include <limits>

namespace flashpoint {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace flashpoint
