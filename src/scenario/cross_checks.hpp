#pragma once
// What the scenario loader checks across fields once the values are read, written once and called
// both by the loader (loader*.cpp, which locates each problem in the file) and by the typed
// variants of sweeps and comparisons (variant.cpp, which set values on a loaded scenario and must
// refuse exactly what the loader refuses). Also the order of Scenario::resolved, which both keep.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scenario/scenario.hpp"

namespace flashpoint::cross_checks {

/// The message when `hold` is disabled: a state must always be able to do nothing.
[[nodiscard]] std::optional<std::string> hold_disabled(const LadderEntry& hold);

/// The message when a doctrine's lag probabilities do not sum to 1 (within 1e-6).
[[nodiscard]] std::optional<std::string> lag_probabilities(const Doctrine& d);

/// The message when people_per_agent makes more citizen agents than fit in memory.
[[nodiscard]] std::optional<std::string> citizen_count(const Scenario& sc);

/// The message when there are attack types and every one has share 0.
[[nodiscard]] std::optional<std::string> attack_shares(const Scenario& sc);

/// Why the scenario needs at least one attack type when it has none (a district with attacks
/// given as an input, or `attack_without_fatalities`, the first scripted attack that draws its
/// fatalities); empty when it needs none or has some.
[[nodiscard]] std::string attack_types_needed(const Scenario& sc,
                                              std::string_view attack_without_fatalities);

/// Whether a district with attacks given as an input lacks the armed group behind them
/// (`attack_group_given`: the file names one).
[[nodiscard]] bool attack_group_needed(const District& d, bool attack_group_given);
/// What the loader adds to "missing required key 'attack_group'".
inline constexpr std::string_view kAttackGroupNeeded =
    " (attack_rate_per_day is above 0: name the armed group)";

/// The message when a state's crackdown demand can never be met: it asks for a tolerance below
/// insurgency.sigma_floor, under which no host's tolerance ever falls.
[[nodiscard]] std::optional<std::string> crackdown_below_floor(const StateParams& s,
                                                               const InsurgencyParams& p);

/// The first check above that a scenario read without problems (no scripted attack lacking
/// fatalities, every attack_group given for the districts that have one) fails, as
/// "key: message"; nullopt when it passes them all. What typed variants check after setting.
[[nodiscard]] std::optional<std::string> first_failure(const Scenario& sc);

/// Sorts the resolved parameters by the place of their section among the file's top-level keys
/// (`top_keys`, in file order; sections the file leaves out after them), keeping read order
/// within a section.
void order_resolved(std::vector<std::pair<std::string, std::string>>& resolved,
                    std::span<const std::string> top_keys);

}  // namespace flashpoint::cross_checks
