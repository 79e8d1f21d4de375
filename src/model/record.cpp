// The daily series and the per-run outcomes (docs/output.md).
#include <algorithm>
#include <type_traits>

#include "model/phases.hpp"
#include "model/plausibility.hpp"
#include "model/result_fields.hpp"

namespace flashpoint {

void prepare_result(World& w) {
  RunResult& r = w.result;
  const std::size_t S = w.num_states();
  ResultExtents extents;
  extents.days = static_cast<std::size_t>(w.sc.days);
  extents.categories = w.today.deaths.size();
  extents.states = S;
  extents.crossings = w.sc.crossings.size();
  extents.dyads = S * (S - 1);
  extents.groups = w.num_groups();
  // Every series and vector outcome of the table (model/result_fields.hpp), zeroed.
  for_each_field(r, [&](const FieldInfo& f, auto& member) {
    using T = std::remove_cvref_t<decltype(member)>;
    if constexpr (!std::is_arithmetic_v<T>) {
      member.assign(values_per_run(f, extents), typename T::value_type{});
    }
  });
}

void record_day(const World& w, RunResult& r) {
  const std::size_t d = w.day, S = w.num_states(), C = w.today.deaths.size();
  const std::size_t X = w.sc.crossings.size(), Y = S * (S - 1);
  const int level = w.strategic.max_level();
  r.escalation[d] = static_cast<std::int8_t>(level);
  std::copy(w.today.deaths.begin(), w.today.deaths.end(), r.fatalities.begin() + d * C);
  std::copy(w.today.injured.begin(), w.today.injured.end(), r.injured.begin() + d * C);
  r.attacks_daily[d] = w.today.attacks;
  std::size_t y = 0;
  for (std::size_t i = 0; i < S; ++i) {
    for (std::size_t j = 0; j < S; ++j) {
      if (i != j) r.hostility[d * Y + y++] = w.strategic.hostility(i, j);
    }
  }
  for (std::size_t p = 0; p < w.ops.posts.size(); ++p)
    ++r.posts_held[d * S + w.ops.posts.controller[p]];
  for (std::size_t c = 0; c < X; ++c) r.crossing_open[d * X + c] = w.economy.crossing_open[c];
  r.ceasefire[d] = std::any_of(w.diplomacy.ceasefire.begin(), w.diplomacy.ceasefire.end(),
                               [](auto v) { return v; });
  r.mediation_active[d] = std::any_of(w.diplomacy.mediator_active.begin(),
                                      w.diplomacy.mediator_active.end(), [](auto v) { return v; });
  r.talks_rounds[d] = w.today.rounds;
  // Districts summed by state: displaced, active share of citizens, legitimacy (weighted).
  std::vector<double> people(S, 0.0), weighted_legitimacy(S, 0.0), active(S, 0.0);
  for (std::size_t k = 0; k < w.sc.districts.size(); ++k) {
    const std::size_t s = w.state_of(DistrictId{k});
    const double pop = w.sc.districts[k].population;
    people[s] += pop;
    weighted_legitimacy[s] += pop * w.society.legitimacy[k];
    active[s] += w.society.active_people[k];
    r.displaced[d * S + s] += w.society.displaced[k];
    if (pop > 0) {
      r.peak_district_active_share =
          std::max(r.peak_district_active_share, w.society.active_people[k] / pop);
    }
  }
  double displaced_total = 0;
  for (std::size_t s = 0; s < S; ++s) {
    r.active_share[d * S + s] = people[s] > 0 ? active[s] / people[s] : 0.0;
    r.legitimacy[d * S + s] = people[s] > 0 ? weighted_legitimacy[s] / people[s] : 0.0;
    r.returnees_daily[d * S + s] = w.today.returns[s];
    displaced_total += r.displaced[d * S + s];
  }
  r.peak_displaced = std::max(r.peak_displaced, displaced_total);
  for (std::size_t k = 0; k < w.sc.refugees.size(); ++k) {
    const std::size_t host = w.state_of(ActorId{w.sc.refugees[k].host});
    for (double v : w.refugees.stock[k]) r.refugees[d * S + host] += v;
  }
  const std::size_t G = w.num_groups();
  for (std::size_t g = 0; g < G; ++g) {
    r.sanctuary_tolerance[d * G + g] = w.insurgency.sigma[g];
    r.fighters[d * G + g] = w.insurgency.fighters[g];
  }
  for (std::size_t k = 0; k < w.insurgency.cells.size(); ++k) {
    r.cells[d * G + w.insurgency.cells.group[k]] += w.insurgency.cells.alive[k];
  }
}

void remember_for_triggers(const Shared& sh, const StrategicState& strategic,
                           const EconomyState& economy, const DayLog& today,
                           TriggerMemory& yesterday) {
  // What policy triggers (start_policies) see tomorrow: today's level, worst attack and closures.
  yesterday.level = strategic.max_level();
  yesterday.worst_attack = today.worst_attack;
  std::fill(yesterday.closed.begin(), yesterday.closed.end(), 0);
  for (std::size_t c = 0; c < sh.sc.crossings.size(); ++c) {
    if (!economy.crossing_open[c])
      yesterday.closed[sh.crossing_state_a[c]] = yesterday.closed[sh.crossing_state_b[c]] = 1;
  }
}

namespace {
/// The first day from `day` on with a ceasefire in force; -1 when `day` is -1 or there is none.
std::int32_t first_ceasefire_from(const RunResult& r, std::int32_t day) {
  if (day < 0) return -1;
  for (std::size_t d = static_cast<std::size_t>(day); d < r.ceasefire.size(); ++d) {
    if (r.ceasefire[d] != 0) return static_cast<std::int32_t>(d);
  }
  return -1;
}
}  // namespace

void finish_run(World& w) {
  RunResult& r = w.result;
  const std::size_t D = w.sc.days, C = w.today.deaths.size();
  const std::size_t S = w.num_states(), Y = S * (S - 1);
  r.peak_escalation = 0;
  r.conflict_days = 0;
  r.first_conflict_day = -1;
  r.attacks = 0;
  for (std::size_t d = 0; d < D; ++d) {
    r.peak_escalation = std::max<std::int32_t>(r.peak_escalation, r.escalation[d]);
    r.conflict_days += r.escalation[d] >= kConflictRung;
    if (r.first_conflict_day < 0 && r.escalation[d] >= kConflictRung) {
      r.first_conflict_day = static_cast<std::int32_t>(d);
    }
    r.attacks += r.attacks_daily[d];
    for (std::size_t c = 0; c < C; ++c) {
      r.fatalities_total[c] += r.fatalities[d * C + c];
      r.injured_total[c] += r.injured[d * C + c];
    }
  }
  r.first_ceasefire_after_conflict_day = first_ceasefire_from(r, r.first_conflict_day);
  r.first_ceasefire_after_strike_day = first_ceasefire_from(r, r.first_strike_day);
  if (D > 0) {
    std::copy(r.hostility.begin() + (D - 1) * Y, r.hostility.begin() + D * Y,
              r.final_hostility.begin());
  }
  r.reached_rung8 = r.peak_escalation >= kDeepStrikeRung ? 1 : 0;
  r.returnees = 0;
  for (double v : w.refugees.returned) r.returnees += v;

  // The plausibility checks read the finished run (model/plausibility.hpp).
  PlausibilityInputs in;
  for (int g = 0; g < w.num_groups(); ++g) {
    in.initial_fighters.push_back(w.starting_fighters(GroupId{g}));
    in.fighter_category.push_back(w.cat_fighters[static_cast<std::size_t>(g)]);
  }
  r.implausible = plausibility_flags(r, in);
}

}  // namespace flashpoint
