#pragma once
// The one table of RunResult's fields: each field a run produces is declared here once, with its
// dataset name in /runs, its dimensions, long_name and units, whether it is a daily series or a
// per-run outcome, and its place in the run digest. Everything that handles a run as a whole loops
// over this table: the HDF5 writer (datasets and their rows), the journal (experiment/journal.cpp),
// the digest (experiment/digest.cpp), the recorder's allocation (model/record.cpp, prepare_result)
// and the memory estimate (experiment/memory.cpp). A new series is its member in RunResult
// (model/results.hpp), one entry below, and the model code that fills it (docs/architecture).
//
// The order of the table is the order of the datasets in /runs (and of the journal's record). The
// digest has its own, older order, given by each field's digest rank: appending a field to the
// digest (rank = the next free number) changes every golden digest.
#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "model/results.hpp"

namespace flashpoint {

/// Whether T is a std::vector (a series or a per-actor field rather than a scalar).
template <typename T>
struct IsVector : std::false_type {};
template <typename T>
struct IsVector<std::vector<T>> : std::true_type {};

/// The axes of RunResult's fields, which are the dimensions (and dimension scales) of /runs.
enum class Axis : std::uint8_t { kRun, kDay, kCategory, kActor, kCrossing, kDyad, kGroup };
/// Format 8 names the day axis `time` (a CF time coordinate); older files call it `day`.
inline constexpr std::array<const char*, 7> kAxisNames = {"run",      "time", "category", "actor",
                                                          "crossing", "dyad", "group"};
inline constexpr std::size_t kAxisCount = kAxisNames.size();

/// The element type of a field (its dataset's dtype), deduced from the member's type.
enum class Element : std::uint8_t { kInt8, kUInt8, kInt32, kInt64, kUInt64, kFloat64 };

enum class FieldKind : std::uint8_t {
  kIndex,    ///< `run`: in /runs it is the coordinate `run`, not a variable
  kOutcome,  ///< one value or one vector per run; always journaled and written
  kSeries,   ///< [day][...]; journaled and written only when the daily series are kept
  /// Describes /events (events_dropped): written only with /events; journaled and hashed after
  /// the events, and only when not 0 (runs under the event cap keep their older bytes).
  kEventCount,
};

/// The dimensions of a field, outermost first: always `run`, then `day` for a daily series, then
/// at most one more axis.
struct Dims {
  std::array<Axis, 3> axes{};
  std::size_t count = 0;
  constexpr Dims(std::initializer_list<Axis> list) {
    for (Axis a : list) axes[count++] = a;
  }
  [[nodiscard]] constexpr std::size_t size() const { return count; }
  [[nodiscard]] constexpr Axis operator[](std::size_t i) const { return axes[i]; }
  [[nodiscard]] constexpr const Axis* begin() const { return axes.data(); }
  [[nodiscard]] constexpr const Axis* end() const { return axes.data() + count; }
};

/// A field not in the digest.
inline constexpr int kNotHashed = -1;

/// What the table says of a field; FieldInfo::element and ::vector come from the member's type.
struct FieldInfo {
  const char* name;  ///< the dataset /runs/NAME, and the member's name
  Dims dims;
  FieldKind kind;
  int digest_rank;  ///< position in the digest (0 first), or kNotHashed
  // Units are never exactly "days", "hours", ...: xarray would decode them as timedeltas.
  const char* long_name;
  const char* units;
  Element element = Element::kInt32;
  std::size_t element_bytes = 0;
  bool vector = false;  ///< a std::vector member (else a scalar)
};

namespace result_fields_detail {

template <class T>
struct Member {
  using element = T;
  static constexpr bool vector = false;
};
template <class T>
struct Member<std::vector<T>> {
  using element = T;
  static constexpr bool vector = true;
};

template <class T>
constexpr Element element_of() {
  if constexpr (std::is_same_v<T, std::int8_t>) {
    return Element::kInt8;
  } else if constexpr (std::is_same_v<T, std::uint8_t>) {
    return Element::kUInt8;
  } else if constexpr (std::is_same_v<T, std::int32_t>) {
    return Element::kInt32;
  } else if constexpr (std::is_same_v<T, std::int64_t>) {
    return Element::kInt64;
  } else if constexpr (std::is_same_v<T, std::uint64_t>) {
    return Element::kUInt64;
  } else {
    static_assert(std::is_same_v<T, double>, "a RunResult field of an element type HDF5 lacks");
    return Element::kFloat64;
  }
}

/// One entry of the table: what it says, and the member it says it of.
template <class T>
struct Field {
  FieldInfo info;
  T RunResult::*member;
};

template <class T>
constexpr Field<T> field(T RunResult::*member, FieldInfo info) {
  using M = Member<T>;
  info.element = element_of<typename M::element>();
  info.element_bytes = sizeof(typename M::element);
  info.vector = M::vector;
  return {info, member};
}

// clang-format off
inline constexpr auto kTable = [] {
  using enum Axis;
  using enum FieldKind;
  using R = RunResult;
  return std::make_tuple(
    field(&R::run, {"run", {kRun}, kIndex, 0, "run index", "1"}),
    field(&R::seed, {"seed", {kRun}, kOutcome, 1, "seed of the run's random streams", "1"}),
    field(&R::replicate, {"replicate", {kRun}, kOutcome, 2, "replicate number of the run", "1"}),
    // daily series
    field(&R::escalation, {"escalation", {kRun, kDay}, kSeries, 3,
          "highest escalation level over all dyads", "level"}),
    field(&R::fatalities, {"fatalities", {kRun, kDay, kCategory}, kSeries, 4,
          "deaths on the day", "deaths"}),
    field(&R::injured, {"injured", {kRun, kDay, kCategory}, kSeries, 36,
          "people injured on the day", "people"}),
    field(&R::attacks_daily, {"attacks_daily", {kRun, kDay}, kSeries, 5,
          "armed-group attacks on the day", "attacks"}),
    field(&R::hostility, {"hostility", {kRun, kDay, kDyad}, kSeries, 6,
          "end-of-day hostility of the dyad", "1"}),
    field(&R::posts_held, {"posts_held", {kRun, kDay, kActor}, kSeries, 7,
          "border posts held by the state", "posts"}),
    field(&R::crossing_open, {"crossing_open", {kRun, kDay, kCrossing}, kSeries, 8,
          "crossing open (1) or closed (0)", "1"}),
    field(&R::trade_flow_usd, {"trade_flow_usd", {kRun, kDay}, kSeries, 9,
          "trade that crossed the border", "USD/day"}),
    field(&R::ceasefire, {"ceasefire", {kRun, kDay}, kSeries, 10,
          "ceasefire in force (1) or not (0)", "1"}),
    field(&R::mediation_active, {"mediation_active", {kRun, kDay}, kSeries, 21,
          "a mediator is engaged on some line (1)", "1"}),
    field(&R::talks_rounds, {"talks_rounds", {kRun, kDay}, kSeries, 22,
          "rounds of talks held on the day", "rounds"}),
    field(&R::displaced, {"displaced", {kRun, kDay, kActor}, kSeries, 23,
          "people displaced inside the state", "people"}),
    field(&R::active_share, {"active_share", {kRun, kDay, kActor}, kSeries, 24,
          "share of the state's citizens who are active (Epstein)", "1"}),
    field(&R::legitimacy, {"legitimacy", {kRun, kDay, kActor}, kSeries, 25,
          "population-weighted mean legitimacy of the state's districts", "1"}),
    field(&R::refugees, {"refugees", {kRun, kDay, kActor}, kSeries, 26,
          "refugees hosted by the state", "people"}),
    field(&R::returnees_daily, {"returnees_daily", {kRun, kDay, kActor}, kSeries, 27,
          "refugees returning to the state on the day", "people"}),
    field(&R::sanctuary_tolerance, {"sanctuary_tolerance", {kRun, kDay, kGroup}, kSeries, 28,
          "the host's tolerance sigma of the armed group", "1"}),
    field(&R::cells, {"cells", {kRun, kDay, kGroup}, kSeries, 29,
          "live cells of the armed group", "cells"}),
    field(&R::fighters, {"fighters", {kRun, kDay, kGroup}, kSeries, 30,
          "fighters of the armed group", "fighters"}),
    // per-run outcomes
    field(&R::peak_escalation, {"peak_escalation", {kRun}, kOutcome, 11,
          "highest escalation level of the run", "level"}),
    field(&R::conflict_days, {"conflict_days", {kRun}, kOutcome, 12,
          "days at escalation level 6 or higher", "day"}),
    field(&R::first_ceasefire_day, {"first_ceasefire_day", {kRun}, kOutcome, 13,
          "first day index with a ceasefire in force (-1 = never)", "1"}),
    field(&R::first_conflict_day, {"first_conflict_day", {kRun}, kOutcome, kNotHashed,
          "first day index at escalation level 6 or higher (-1 = never)", "1"}),
    field(&R::first_ceasefire_after_conflict_day,
          {"first_ceasefire_after_conflict_day", {kRun}, kOutcome, kNotHashed,
           "first day index from first_conflict_day on with a ceasefire in force (-1 = never)",
           "1"}),
    field(&R::ceasefire_breakdowns, {"ceasefire_breakdowns", {kRun}, kOutcome, 14,
          "ceasefires that broke down", "breakdowns"}),
    field(&R::attacks, {"attacks", {kRun}, kOutcome, 15,
          "armed-group attacks over the run", "attacks"}),
    field(&R::trade_lost_usd, {"trade_lost_usd", {kRun}, kOutcome, 16,
          "trade lost to closures over the run", "USD"}),
    field(&R::posts_captured, {"posts_captured", {kRun, kActor}, kOutcome, 17,
          "border posts taken by the state", "posts"}),
    field(&R::strike_sites_intercepted, {"strike_sites_intercepted", {kRun, kActor}, kOutcome,
          kNotHashed, "targets of the state's strikes intercepted by air defence", "targets"}),
    field(&R::aircraft_lost, {"aircraft_lost", {kRun, kActor}, kOutcome, kNotHashed,
          "aircraft and drones the state lost to air defence", "aircraft"}),
    field(&R::fire_exchanges, {"fire_exchanges", {kRun, kActor}, kOutcome, kNotHashed,
          "sector-days of fire across the line the state opened (exchange_fire)", "sector-days"}),
    field(&R::measure_days, {"measure_days", {kRun, kActor}, kOutcome, kNotHashed,
          "days on which a coercive measure of the state's was in force", "day"}),
    field(&R::coercion_cost_usd, {"coercion_cost_usd", {kRun, kActor}, kOutcome, kNotHashed,
          "the state's costs of airspace closures (fees lost, rerouting)", "USD"}),
    field(&R::nuclear_signals, {"nuclear_signals", {kRun, kActor}, kOutcome, kNotHashed,
          "nuclear signals the state made (statements, tests: nuclear_signal)", "signals"}),
    field(&R::first_strike_day, {"first_strike_day", {kRun}, kOutcome, kNotHashed,
          "first day index a state struck another state (CAMEO 195; -1 = never)", "1"}),
    field(&R::first_ceasefire_after_strike_day,
          {"first_ceasefire_after_strike_day", {kRun}, kOutcome, kNotHashed,
           "first day index from first_strike_day on with a ceasefire in force (-1 = never)",
           "1"}),
    field(&R::crossing_closed_days, {"crossing_closed_days", {kRun, kCrossing}, kOutcome, 18,
          "days the crossing was closed", "day"}),
    field(&R::fatalities_total, {"fatalities_total", {kRun, kCategory}, kOutcome, 19,
          "deaths over the run", "deaths"}),
    field(&R::injured_total, {"injured_total", {kRun, kCategory}, kOutcome, 37,
          "people injured over the run", "people"}),
    field(&R::final_hostility, {"final_hostility", {kRun, kDyad}, kOutcome, 20,
          "hostility of the dyad on the last day", "1"}),
    field(&R::reached_rung8, {"reached_rung8", {kRun}, kOutcome, 32,
          "escalation reached rung 8 or higher (1)", "1"}),
    field(&R::peak_displaced, {"peak_displaced", {kRun}, kOutcome, 33,
          "largest number displaced on any day", "people"}),
    field(&R::returnees, {"returnees", {kRun}, kOutcome, 34,
          "refugees returned over the run", "people"}),
    field(&R::exports_lost_usd, {"exports_lost_usd", {kRun, kActor}, kOutcome, 31,
          "the state's exports stopped by closures", "USD"}),
    field(&R::peak_district_active_share, {"peak_district_active_share", {kRun}, kOutcome,
          kNotHashed, "largest share of a district's people active at once", "1"}),
    field(&R::implausible, {"implausible", {kRun}, kOutcome, kNotHashed,
          "plausibility checks that fired: the sum of their flag_masks (0 = none)", "1"}),
    field(&R::events_dropped, {"events_dropped", {kRun}, kEventCount, 35,
          "events of the run past max_events_per_run: they acted but are not in /events",
          "events"}));
}();
// clang-format on

}  // namespace result_fields_detail

inline constexpr std::size_t kResultFieldCount =
    std::tuple_size_v<std::remove_const_t<decltype(result_fields_detail::kTable)>>;

/// The table without the members, in table order (= the order of /runs).
inline constexpr std::array<FieldInfo, kResultFieldCount> kResultFields =
    std::apply([](const auto&... f) { return std::array<FieldInfo, kResultFieldCount>{f.info...}; },
               result_fields_detail::kTable);

/// A day index that is -1 when the day never came (first_ceasefire_day, first_conflict_day,
/// ...): every such field is named first_*; results files mark -1 as the missing value.
[[nodiscard]] constexpr bool none_is_minus_one(const FieldInfo& f) {
  return std::string_view(f.name).starts_with("first_");
}

/// A level of the escalation ladder (a rung 0..9): results files describe it with CF flags.
[[nodiscard]] constexpr bool is_ladder_level(const FieldInfo& f) {
  return std::string_view(f.units) == "level";
}

namespace result_fields_detail {

constexpr std::size_t hashed_count() {
  std::size_t n = 0;
  for (const auto& f : kResultFields) n += f.digest_rank != kNotHashed ? 1 : 0;
  return n;
}

/// Indices into the table of the hashed fields, in digest order.
constexpr std::array<std::size_t, hashed_count()> digest_order() {
  std::array<std::size_t, hashed_count()> order{};
  for (std::size_t i = 0; i < kResultFields.size(); ++i) {
    const int rank = kResultFields[i].digest_rank;
    if (rank != kNotHashed) order[static_cast<std::size_t>(rank)] = i;
  }
  return order;
}

constexpr bool ranks_are_0_to_n() {
  std::array<int, kResultFieldCount> seen{};
  for (const auto& f : kResultFields) {
    if (f.digest_rank == kNotHashed) continue;
    if (f.digest_rank < 0 || static_cast<std::size_t>(f.digest_rank) >= hashed_count()) {
      return false;
    }
    if (seen[static_cast<std::size_t>(f.digest_rank)]++ > 0) return false;
  }
  return true;
}

constexpr bool names_are_unique() {
  for (std::size_t i = 0; i < kResultFields.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (std::string_view(kResultFields[i].name) == kResultFields[j].name) return false;
    }
  }
  return true;
}

/// run first; a scalar has no axis but run; a daily series is a vector whose second axis is day,
/// and only a daily series has the day axis; `run` appears once.
constexpr bool shapes_agree() {
  for (const auto& f : kResultFields) {
    if (f.dims.size() < 1 || f.dims[0] != Axis::kRun) return false;
    if (f.vector != (f.dims.size() > 1)) return false;
    const bool has_day = f.dims.size() > 1 && f.dims[1] == Axis::kDay;
    if (has_day != (f.kind == FieldKind::kSeries)) return false;
    for (std::size_t i = 1; i < f.dims.size(); ++i) {
      if (f.dims[i] == Axis::kRun || (i > 1 && f.dims[i] == Axis::kDay)) return false;
    }
    if ((f.kind == FieldKind::kIndex || f.kind == FieldKind::kEventCount) && f.vector) {
      return false;
    }
  }
  return true;
}

constexpr std::size_t count_of(FieldKind kind) {
  std::size_t n = 0;
  for (const auto& f : kResultFields) n += f.kind == kind ? 1 : 0;
  return n;
}

static_assert(names_are_unique(), "two RunResult fields share a name");
static_assert(ranks_are_0_to_n(), "digest ranks must be 0, 1, ... without gaps or repeats");
static_assert(shapes_agree(), "a RunResult field's dims do not match its kind or member type");
static_assert(kResultFields[0].kind == FieldKind::kIndex && count_of(FieldKind::kIndex) == 1,
              "`run` comes first, and only it is the index");
// The journal reads an event count only when bytes are left after the events: one at most.
static_assert(count_of(FieldKind::kEventCount) <= 1, "at most one kEventCount field");

}  // namespace result_fields_detail

/// Indices into kResultFields of the hashed fields, in the order the digest hashes them.
inline constexpr auto kDigestOrder = result_fields_detail::digest_order();

/// Calls f(const FieldInfo&, member) for every field of `r`, in table order; `member` is a
/// reference into `r` (const when `r` is).
template <class R, class F>
requires std::is_same_v<std::remove_const_t<R>, RunResult>
void for_each_field(R& r, F&& f) {
  std::apply([&](const auto&... field) { (f(field.info, r.*(field.member)), ...); },
             result_fields_detail::kTable);
}

namespace result_fields_detail {

template <class R, class F, std::size_t... I>
void visit_in_digest_order(R& r, F& f, std::index_sequence<I...> /*unused*/) {
  (f(std::get<kDigestOrder[I]>(kTable).info, r.*(std::get<kDigestOrder[I]>(kTable).member)), ...);
}

}  // namespace result_fields_detail

/// Calls f(const FieldInfo&, member) for every hashed field of `r`, in digest order.
template <class R, class F>
requires std::is_same_v<std::remove_const_t<R>, RunResult>
void for_each_field_in_digest_order(R& r, F&& f) {
  result_fields_detail::visit_in_digest_order(r, f,
                                              std::make_index_sequence<kDigestOrder.size()>{});
}

/// The sizes of the axes (but `run`) for one scenario.
struct ResultExtents {
  std::size_t days = 0, categories = 0, states = 0, crossings = 0, dyads = 0, groups = 0;

  [[nodiscard]] constexpr std::size_t of(Axis axis) const {
    switch (axis) {
      case Axis::kRun:
        return 1;  // one run's values
      case Axis::kDay:
        return days;
      case Axis::kCategory:
        return categories;
      case Axis::kActor:
        return states;
      case Axis::kCrossing:
        return crossings;
      case Axis::kDyad:
        return dyads;
      case Axis::kGroup:
        return groups;
    }
    return 0;
  }
};

[[nodiscard]] inline ResultExtents extents_of(const ResultsLayout& l) {
  return {static_cast<std::size_t>(l.days > 0 ? l.days : 0),
          l.categories.size(),
          l.states.size(),
          l.crossings.size(),
          l.dyads.size(),
          l.groups.size()};
}

/// How many values one run holds of a field: the product of its dimensions after `run`.
[[nodiscard]] constexpr std::size_t values_per_run(const FieldInfo& f, const ResultExtents& e) {
  std::size_t n = 1;
  for (std::size_t i = 1; i < f.dims.size(); ++i) n *= e.of(f.dims[i]);
  return n;
}

}  // namespace flashpoint
