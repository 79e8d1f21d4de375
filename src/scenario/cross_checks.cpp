#include "scenario/cross_checks.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "scenario/params_doc.hpp"

namespace flashpoint::cross_checks {

namespace {
/// Most citizen agents a scenario may ask for (benchmarks go to 1e8).
constexpr double kMaxCitizenAgents = 2e8;
}  // namespace

std::optional<std::string> hold_disabled(const LadderEntry& hold) {
  if (hold.enabled) return std::nullopt;
  return "'hold' cannot be disabled: it is what a state does when it does nothing else";
}

std::optional<std::string> lag_probabilities(const Doctrine& d) {
  if (d.lag_probabilities.empty()) return std::nullopt;
  double sum = 0;
  for (double p : d.lag_probabilities) sum += p;
  if (std::abs(sum - 1.0) <= 1e-6) return std::nullopt;
  return fmt::format("the lag probabilities sum to {:.6g}; they must sum to 1", sum);
}

std::optional<std::string> citizen_count(const Scenario& sc) {
  const double weight = sc.population.people_per_agent;
  if (weight <= 0) return std::nullopt;
  double agents = 0;
  for (const auto& d : sc.districts) agents += std::round(d.population / weight);
  if (agents <= kMaxCitizenAgents) return std::nullopt;
  return fmt::format(
      "{} people per agent make {:.3g} citizen agents; at most {:.3g} fit in memory (about 16 "
      "bytes each): raise people_per_agent",
      format_param_number(weight), agents, kMaxCitizenAgents);
}

std::optional<std::string> attack_shares(const Scenario& sc) {
  if (sc.attack_types.empty() || !std::all_of(sc.attack_types.begin(), sc.attack_types.end(),
                                              [](const AttackType& t) { return t.share == 0; })) {
    return std::nullopt;
  }
  return "every attack type has share 0; at least one needs a positive share";
}

std::string attack_types_needed(const Scenario& sc, std::string_view attack_without_fatalities) {
  if (!sc.attack_types.empty()) return {};
  for (const auto& d : sc.districts) {
    if (d.attack_rate_per_day > 0) {
      return fmt::format("district '{}' has attack_rate_per_day above 0", d.id);
    }
  }
  if (!attack_without_fatalities.empty()) {
    return fmt::format("{} is an attack without fatalities", attack_without_fatalities);
  }
  return {};
}

bool attack_group_needed(const District& d, bool attack_group_given) {
  return d.attack_rate_per_day > 0 && !attack_group_given;
}

std::optional<std::string> crackdown_below_floor(const StateParams& s, const InsurgencyParams& p) {
  if (s.reopen_demand != ReopenDemand::kCrackdown || s.crackdown_tolerance >= p.sigma_floor) {
    return std::nullopt;
  }
  return fmt::format(
      "{} is below insurgency.sigma_floor {}: no host's tolerance ever falls that low, so the "
      "crackdown demand could never be met",
      s.crackdown_tolerance, p.sigma_floor);
}

std::optional<std::string> first_failure(const Scenario& sc) {
  const auto hold = static_cast<std::size_t>(action_index(Action::kHold));
  if (auto m = hold_disabled(sc.ladder[hold])) return "ladder.hold.enabled: " + *m;
  for (const auto& a : sc.actors) {
    if (a.type != ActorType::kState) continue;
    if (auto m = crackdown_below_floor(a.state, sc.insurgency)) {
      return fmt::format("actors.{}.crackdown_tolerance: {}", a.id, *m);
    }
    for (const Doctrine& d : a.state.doctrines) {
      if (auto m = lag_probabilities(d)) {
        return fmt::format("actors.{}.doctrine.lag_probabilities: {}", a.id, *m);
      }
    }
  }
  for (const auto& p : sc.policies) {
    if (!p.doctrine) continue;
    for (const Doctrine& d : *p.doctrine) {
      if (auto m = lag_probabilities(d)) {
        return fmt::format("policies.{}.doctrine.lag_probabilities: {}", p.name, *m);
      }
    }
  }
  for (const auto& d : sc.districts) {
    if (attack_group_needed(d, d.attack_group >= 0)) {
      return fmt::format("districts.{}.attack_group: missing required key 'attack_group'{}", d.id,
                         kAttackGroupNeeded);
    }
  }
  if (auto m = attack_shares(sc)) return "attack_types: " + *m;
  if (auto why = attack_types_needed(sc, {}); !why.empty()) {
    return "attack_types: at least one attack type is needed: " + why;
  }
  if (auto m = citizen_count(sc)) return "population.people_per_agent: " + *m;
  return std::nullopt;
}

void order_resolved(std::vector<std::pair<std::string, std::string>>& resolved,
                    std::span<const std::string> top_keys) {
  // Each entry's rank once (its section's place among the keys), then a stable sort by rank.
  std::vector<std::pair<std::size_t, std::size_t>> order(resolved.size());  // (rank, entry)
  for (std::size_t e = 0; e < resolved.size(); ++e) {
    const std::string& path = resolved[e].first;
    const std::string_view section = std::string_view(path).substr(0, path.find_first_of(".["));
    const auto key = std::find(top_keys.begin(), top_keys.end(), section);
    order[e] = {static_cast<std::size_t>(key - top_keys.begin()), e};
  }
  if (std::is_sorted(order.begin(), order.end())) return;
  std::stable_sort(order.begin(), order.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::pair<std::string, std::string>> sorted;
  sorted.reserve(resolved.size());
  for (const auto& entry : order) sorted.push_back(std::move(resolved[entry.second]));
  resolved = std::move(sorted);
}

}  // namespace flashpoint::cross_checks
