#include "model/plausibility.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace flashpoint {

std::int32_t plausibility_flags(const RunResult& r, const PlausibilityInputs& in) {
  const std::size_t G = in.initial_fighters.size();
  const std::size_t D = G > 0 ? r.fighters.size() / G : 0;
  bool grew = false, over_killed = false;
  for (std::size_t g = 0; g < G; ++g) {
    const auto at = [&](std::size_t d) { return r.fighters[d * G + g]; };
    double peak = in.initial_fighters[g];
    for (std::size_t d = 0; d < D; ++d) {
      const double before = d >= static_cast<std::size_t>(kGrowthWindowDays)
                                ? at(d - kGrowthWindowDays)
                                : in.initial_fighters[g];
      grew = grew || (at(d) > kGrowthFactor * before && at(d) - before >= kGrowthMinimumGain);
      peak = std::max(peak, at(d));
    }
    const auto category = static_cast<std::size_t>(in.fighter_category[g]);
    over_killed = over_killed ||
                  (category < r.fatalities_total.size() && r.fatalities_total[category] > peak);
  }
  std::int32_t flags = 0;
  if (grew) flags |= kPlausibilityChecks[0].bit;
  if (over_killed) flags |= kPlausibilityChecks[1].bit;
  if (r.peak_district_active_share > kDistrictActiveShare) flags |= kPlausibilityChecks[2].bit;
  return flags;
}

void PlausibilityTally::add(const RunResult& r) {
  ++runs_;
  for (std::size_t k = 0; k < kPlausibilityChecks.size(); ++k) {
    if ((r.implausible & kPlausibilityChecks[k].bit) != 0) ++flagged_[k];
  }
}

std::vector<std::string> PlausibilityTally::warnings() const {
  std::vector<std::string> out;
  for (std::size_t k = 0; k < kPlausibilityChecks.size(); ++k) {
    if (flagged_[k] == 0) continue;
    out.push_back(fmt::format("{} of {} run{}: {} ({})", flagged_[k], runs_, runs_ == 1 ? "" : "s",
                              kPlausibilityChecks[k].what, kPlausibilityChecks[k].name));
  }
  return out;
}

}  // namespace flashpoint
