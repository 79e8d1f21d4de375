#pragma once
// What sweep and comparison files say (scenario/experiment_specs.hpp), with what the experiment
// layer makes of it: the design's points and the overrides of each point.
#include <cstdint>
#include <vector>

#include "experiment/comparison_stats.hpp"
#include "experiment/design.hpp"
#include "scenario/experiment_specs.hpp"

namespace flashpoint {

/// The design's unit-hypercube points (or, for kExternal, its values as given).
[[nodiscard]] Design build_design(const DesignSpec& spec, std::uint64_t seed);
/// Parameter values of design point `point`.
[[nodiscard]] std::vector<double> design_point_values(const DesignSpec& spec, const Design& design,
                                                      std::size_t point);
/// Overrides setting the parameters to `values`, each located where the parameter was declared.
[[nodiscard]] std::vector<Override> design_point_overrides(const DesignSpec& spec,
                                                           const std::vector<double>& values);

}  // namespace flashpoint
