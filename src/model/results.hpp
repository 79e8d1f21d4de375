#pragma once
// What one run produces, and what a results file describes. Plain data: the model fills
// RunResult, the HDF5 writer (src/output/hdf5_writer.cpp) stores it. Each field of RunResult has
// its entry in model/result_fields.hpp, which the writer, the journal, the digest and the
// recorder loop over. Layout of the file: docs/output.md.
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace flashpoint {

/// Results file format version (root attribute `format_version`). Bump on any layout change.
inline constexpr int kResultsFormatVersion = 8;

/// Fatality kinds within an event.
enum FatalityKind : int { kForces = 0, kCivilians = 1, kMilitants = 2 };

/// One row of the /events table: an action or an outcome.
struct EventRecord {
  std::int32_t day = 0;
  std::int32_t actor = -1;      ///< actor index; -1 when none
  std::int32_t target = -1;     ///< actor index; -1 when none
  std::string cameo;            ///< CAMEO code as a string ("0871", "195"); at most 4 characters
  std::int32_t quad_class = 0;  ///< 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material
  double goldstein = 0;
  std::string location;     ///< sector or district id, or "" when not located
  double lat = 0, lon = 0;  ///< NaN when not located
  std::int32_t forces = 0, civilians = 0, militants = 0;  ///< fatalities (simulated truth)
  /// Injured (simulated truth), by the same categories.
  std::int32_t injured_forces = 0, injured_civilians = 0, injured_militants = 0;
  /// ACLED sub-event type (core/acled.hpp); empty for events ACLED does not code (statements).
  std::string acled_sub_event_type;
  /// The ladder action the event carries out (action_index; -1 for any other event: outcomes such
  /// as posts taken, interceptions, attacks, talks). Written as the action's name.
  std::int8_t action = -1;
  /// Announced figures (-1 when nobody announced): the actor's own and enemy losses, and the
  /// target's own and enemy losses.
  std::int32_t claim_actor_own = -1, claim_actor_enemy = -1;
  std::int32_t claim_target_own = -1, claim_target_enemy = -1;
  [[nodiscard]] std::int32_t fatalities() const { return forces + civilians + militants; }
  [[nodiscard]] std::int32_t injured() const {
    return injured_forces + injured_civilians + injured_militants;
  }
};

/// A policy of the scenario that started during the run (policies.cpp): written to
/// /policy_starts (docs/output.md); not part of the run's digest.
struct PolicyStarted {
  std::int32_t day = 0;
  std::string policy;  ///< the policy's name
};

/// The coordinates shared by every run of a file.
struct ResultsLayout {
  std::int32_t days = 0;
  std::vector<std::string> dates;       ///< [day] "YYYY-MM-DD"
  std::vector<std::string> actors;      ///< every actor id, in scenario order
  std::vector<std::string> states;      ///< state ids (coordinate `actor` in /runs)
  std::vector<std::string> categories;  ///< fatality categories, e.g. "NTH.forces"
  std::vector<std::string> crossings;   ///< crossing ids
  std::vector<std::string> dyads;       ///< directed state pairs "NTH>STH"
  std::vector<std::string> groups;      ///< armed-group ids (coordinate `group`)
};

/// Everything one run produces. Series are row-major [day][k]. A new field needs its entry in
/// model/result_fields.hpp, or no results file, journal or digest holds it.
struct RunResult {
  std::int64_t run = 0;    ///< index in the file
  std::uint64_t seed = 0;  ///< the run's seed (docs/model.md, "Time and randomness")
  std::int32_t replicate = 0;

  // daily series
  std::vector<std::int8_t> escalation;         ///< [day] highest dyad level
  std::vector<std::int32_t> fatalities;        ///< [day][category]
  std::vector<std::int32_t> injured;           ///< [day][category]
  std::vector<std::int32_t> attacks_daily;     ///< [day] armed-group attacks
  std::vector<double> hostility;               ///< [day][dyad] end-of-day H_ij
  std::vector<std::int32_t> posts_held;        ///< [day][state]
  std::vector<std::uint8_t> crossing_open;     ///< [day][crossing] 1 open, 0 closed
  std::vector<double> trade_flow_usd;          ///< [day] trade that crossed
  std::vector<std::uint8_t> ceasefire;         ///< [day] 1 while a ceasefire is in force
  std::vector<std::uint8_t> mediation_active;  ///< [day] 1 while a mediator is engaged
  std::vector<std::int32_t> talks_rounds;      ///< [day] rounds of talks held
  std::vector<double> displaced;               ///< [day][state] people displaced
  std::vector<double> active_share;            ///< [day][state] active citizens / citizens
  std::vector<double> legitimacy;              ///< [day][state] population-weighted mean
  std::vector<double> refugees;                ///< [day][state] refugees hosted
  std::vector<double> returnees_daily;         ///< [day][state] returnees arriving
  std::vector<double> sanctuary_tolerance;     ///< [day][group] sigma
  std::vector<std::int32_t> cells;             ///< [day][group] live cells
  std::vector<double> fighters;                ///< [day][group]

  // per-run outcomes
  std::int32_t peak_escalation = 0;
  std::int32_t conflict_days = 0;         ///< days at level >= 6
  std::int32_t first_ceasefire_day = -1;  ///< -1 when none
  std::int32_t first_conflict_day = -1;   ///< first day at level >= 6; -1 when none
  /// First day from first_conflict_day on with a ceasefire in force; -1 when none.
  std::int32_t first_ceasefire_after_conflict_day = -1;
  std::int32_t ceasefire_breakdowns = 0;
  std::int32_t attacks = 0;
  double trade_lost_usd = 0;
  std::vector<double> exports_lost_usd;                ///< [state] its exports stopped by closures
  std::vector<std::int32_t> posts_captured;            ///< [state] posts taken by each state
  std::vector<std::int32_t> strike_sites_intercepted;  ///< [state] its strikes' targets intercepted
  std::vector<std::int32_t> aircraft_lost;             ///< [state] aircraft and drones it lost
  std::vector<std::int32_t> fire_exchanges;   ///< [state] sector-days of exchange_fire it opened
  std::vector<std::int32_t> measure_days;     ///< [state] days with a measure of its in force
  std::vector<double> coercion_cost_usd;      ///< [state] its costs of airspace closures
  std::vector<std::int32_t> nuclear_signals;  ///< [state] its nuclear signals
  std::int32_t first_strike_day = -1;         ///< first day a state struck another; -1 never
  std::int32_t first_ceasefire_after_strike_day = -1;  ///< first ceasefire day from it on
  std::vector<std::int32_t> crossing_closed_days;      ///< [crossing]
  std::vector<std::int32_t> fatalities_total;          ///< [category]
  std::vector<std::int32_t> injured_total;             ///< [category]
  std::vector<double> final_hostility;                 ///< [dyad]
  std::uint8_t reached_rung8 = 0;
  double peak_displaced = 0;  ///< over all states, the largest daily total
  double returnees = 0;       ///< refugees returned over the run
  /// Over districts and days, the largest share of a district's people active at once.
  double peak_district_active_share = 0;
  /// The bits of the plausibility checks that fired (model/plausibility.hpp); 0 when none.
  std::int32_t implausible = 0;

  /// The values of the experiment's own outcomes (the `outcomes:` of a sweep, comparison or
  /// calibration file; experiment/user_outcomes.hpp), in the order of their definitions; empty
  /// without any. Not an entry of model/result_fields.hpp: the experiment layer computes it from
  /// the finished run, the journal keeps it, and it is written to /outcomes, not /runs.
  std::vector<double> user_outcomes;

  /// The policies that started, in the order they started (at most one entry per policy).
  std::vector<PolicyStarted> policy_starts;
  /// The run's events in the order they happened, at most Scenario::max_events_per_run.
  std::vector<EventRecord> events;
  /// Events that happened after `events` was full: they acted on the model (hostility, deaths,
  /// series, outcomes) but are not in `events`. 0 in every run that stays under the cap.
  std::uint64_t events_dropped = 0;
};

/// Who made a file, from what, and how (root attributes).
struct Provenance {
  std::string command_line;
  std::uint64_t master_seed = 0;
  std::string scenario_name;
  std::string scenario_path;
  std::string scenario_yaml;  ///< verbatim
  std::vector<std::pair<std::string, std::string>> resolved_parameters;
  std::string start_date;
};

/// A group of labelled tables beside /runs (/design, /sensitivity, /comparison): each
/// coordinate becomes a dimension scale, so xarray opens the group as a Dataset.
struct TableGroup {
  struct Coordinate {
    std::string name;
    std::vector<std::string> labels;  ///< string labels; empty = the integers 0..size-1
    std::size_t size = 0;
  };
  struct Variable {
    std::string name;
    std::vector<std::string> dims;  ///< coordinate names, outermost first
    std::vector<double> values;     ///< row-major
    std::string long_name, units;
    /// When true, `values` stays empty: the dataset is created (chunked by rows) and filled
    /// later, block by block, with ResultsWriter::write_rows (tables too big to hold whole).
    bool deferred = false;
    /// When set, `values` stays empty and write_group asks for the rows a block at a time:
    /// row_values(row, out) fills `out` with the row's values (the product of the inner dims).
    std::function<void(std::size_t row, std::span<double> out)> row_values = nullptr;
  };
  std::string name;  ///< "design", "sensitivity/sobol", ...
  std::vector<std::pair<std::string, std::string>> attributes;
  std::vector<Coordinate> coordinates;
  std::vector<Variable> variables;
};

}  // namespace flashpoint
