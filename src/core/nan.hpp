#pragma once
// The quiet NaN that marks "no value" in outcomes, statistics and tables, and infinity.
#include <limits>

namespace flashpoint {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
inline constexpr double kInfinity = std::numeric_limits<double>::infinity();

}  // namespace flashpoint
