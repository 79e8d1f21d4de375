#include <array>
#include <chrono>
#include <functional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "core/interrupt.hpp"
#include "model/invariants.hpp"
#include "model/phases.hpp"
#include "model/simulation.hpp"

namespace flashpoint {

namespace {

// Each entry hands its phase the parts of the World its signature names (phases.hpp).
constexpr std::array<Phase, kDailyPhaseCount> kDailyPhases{{
    {"roll_windows",
     [](World& w) { roll_windows(w.strategic, w.num_states(), w.sc.strategic.level_window_days); },
     "the level window moves on by a day"},
    {"start_policies",
     [](World& w) {
       Ledger ledger = w.ledger();
       start_policies(w, w.yesterday, w.policies, w.params, w.strategic, w.economy, w.society,
                      ledger);
     },
     "levers that start today (on a date or a trigger)"},
    {"armed_group_attacks",
     [](World& w) {
       Ledger ledger = w.ledger();
       armed_group_attacks(w, w.params, w.diplomacy, w.insurgency, w.strategic, w.rng, ledger);
     },
     "cells, district rates and scripted attacks; attribution; doctrine"},
    {"choose_actions",
     [](World& w) {
       choose_actions(w, w.day, w.params, w.diplomacy, w.economy, w.insurgency, w.ops.posts,
                      w.refugees, w.strategic, w.rng);
     },
     "each state picks one rung toward each other state"},
    {"carry_out_actions",
     [](World& w) {
       Ledger ledger = w.ledger();
       carry_out_actions(w, w.params, w.strategic, w.diplomacy, w.insurgency, w.ops.posts,
                         w.economy, w.refugees, w.rng, ledger);
     },
     "threats, alerts, closures, strikes, clashes, captures"},
    {"border_incidents",
     [](World& w) {
       Ledger ledger = w.ledger();
       border_incidents(w, w.params, w.ops.posts, w.strategic, w.diplomacy, w.rng, ledger);
     },
     "incidents at the posts; some become clashes"},
    {"update_diplomacy",
     [](World& w) {
       Ledger ledger = w.ledger();
       update_diplomacy(w, w.params, w.strategic, w.diplomacy, w.insurgency, w.rng, ledger);
     },
     "mediators engage; rounds of talks; ceasefires form"},
    {"update_crossings",
     [](World& w) {
       Ledger ledger = w.ledger();
       update_crossings(w, w.params, w.strategic, w.diplomacy, w.insurgency, w.economy, w.rng,
                        ledger);
     },
     "reopening; trade that crossed and trade lost"},
    {"update_refugees",
     [](World& w) {
       Ledger ledger = w.ledger();
       update_refugees(w, w.policies, w.economy, w.refugees, ledger);
     },
     "returns through open crossings; returnees settle"},
    {"update_society",
     [](World& w) {
       update_society(w, w.params, w.economy, w.refugees, w.insurgency, w.district_deaths,
                      w.society, w.rng);
     },
     "hardship, displacement, legitimacy, Epstein activation, arrests"},
    {"update_cells",
     [](World& w) {
       Ledger ledger = w.ledger();
       update_cells(w, w.params, w.society, w.economy, w.insurgency, w.rng, ledger);
     },
     "recruitment, operations, splitting; the host's tolerance"},
    // Before the hostility update: a post handed back today (0874, Goldstein +10) is received
    // as cooperation in today's update.
    {"recover_forces",
     [](World& w) {
       Ledger ledger = w.ledger();
       recover_forces(w, w.diplomacy, w.ops.posts, w.rng, ledger);
     },
     "posts handed back under a ceasefire; garrisons reinforce, readiness decays"},
    {"update_hostility",
     [](World& w) { update_hostility(w.strategic, w.sc.strategic, w.params, w.today); },
     "Richardson update from today's events"},
    {"record_day", [](World& w) { record_day(w, w.result); }, "the daily series"},
    {"remember_for_triggers",
     [](World& w) { remember_for_triggers(w, w.strategic, w.economy, w.today, w.yesterday); },
     "what policy triggers see tomorrow"},
}};

/// Position of the society phase in the table (the benchmarks stand in for it).
constexpr std::size_t kSocietyPhase = [] {
  for (std::size_t k = 0; k < kDailyPhases.size(); ++k) {
    if (kDailyPhases[k].name == "update_society") return k;
  }
  return kDailyPhases.size();
}();
static_assert(kSocietyPhase < kDailyPhaseCount, "update_society is a daily phase");

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

/// One day: the phases in order; `society`, when given, stands in for update_society (the
/// benchmarks time it inside real days); `profile`, when given, gets each phase's time.
void step_day(World& w, const std::function<void(World&)>* society, PhaseProfile* profile) {
  w.today.clear();  // today's tallies start at zero: the one place they are cleared
  for (std::size_t k = 0; k < kDailyPhases.size(); ++k) {
    const Phase& phase = kDailyPhases[k];
    const Clock::time_point t0 = profile ? Clock::now() : Clock::time_point{};
    if (society && k == kSocietyPhase) {
      (*society)(w);
    } else {
      phase.run(w);
    }
    if (profile) profile->seconds[k] += seconds_since(t0);
  }
  if (profile) ++profile->days;
}

/// Before day 0: the run's identity, the series sized, citizens and refugees drawn.
void start_run(World& w, const RunPlan& plan) {
  w.result.run = plan.run;
  w.result.seed = plan.seed;
  w.result.replicate = plan.replicate;
  prepare_result(w);
  init_society(w);
  init_refugees(w);
}

/// One run. Every build checks that the day's recorded values are numbers (check_finite_day:
/// valid parameters can make hostility diverge). With CheckInvariants, every invariant
/// (model/invariants.hpp) is checked after every day too; without, that check is not compiled
/// in. Both only read the world.
template <bool CheckInvariants>
RunResult run_days(const Scenario& scenario, const RunPlan& plan, bool stop_on_interrupt,
                   PhaseProfile* profile) {
  const Clock::time_point t0 = profile ? Clock::now() : Clock::time_point{};
  World w(scenario, plan.seed);
  start_run(w, plan);
  if (profile) profile->setup_seconds += seconds_since(t0);
  struct Unchecked {};
  [[maybe_unused]] std::conditional_t<CheckInvariants, InvariantBaseline, Unchecked> baseline;
  if constexpr (CheckInvariants) baseline = invariant_baseline(w);
  for (w.day = 0; w.day < scenario.days; ++w.day) {
    // A long run stops within a day of SIGINT/SIGTERM instead of at its end.
    if (stop_on_interrupt && interrupt_requested()) throw Interrupted("interrupted by a signal");
    step_day(w, nullptr, profile);
    check_finite_day(w);
    if constexpr (CheckInvariants) check_invariants(w, baseline);
  }
  finish_run(w);
  return std::move(w.result);
}

}  // namespace

std::span<const Phase> daily_phases() {
  return kDailyPhases;
}

PhaseProfile& PhaseProfile::operator+=(const PhaseProfile& o) {
  for (std::size_t k = 0; k < seconds.size(); ++k) seconds[k] += o.seconds[k];
  setup_seconds += o.setup_seconds;
  days += o.days;
  return *this;
}

void roll_windows(StrategicState& st, int states, int window_days) {
  // Today's rungs and attributions start empty; the window keeps window_days days.
  st.rung_history.push_front(Eigen::MatrixXi::Zero(states, states));
  st.attributed_history.push_front(Eigen::MatrixXi::Zero(states, states));
  while (static_cast<int>(st.rung_history.size()) > window_days) {
    st.rung_history.pop_back();
    st.attributed_history.pop_back();
  }
}

void step(World& w) {
  step_day(w, nullptr, nullptr);
}

void run_phase(World& w, std::string_view name) {
  for (const Phase& phase : kDailyPhases) {
    if (phase.name == name) {
      phase.run(w);
      return;
    }
  }
  throw std::invalid_argument("no daily phase is called '" + std::string(name) + "'");
}

void step_with_society(World& w, const std::function<void(World&)>& society) {
  step_day(w, &society, nullptr);
}

RunResult simulate(const Scenario& scenario, const RunPlan& plan, bool stop_on_interrupt,
                   PhaseProfile* profile) {
  return run_days<kCheckInvariantsDaily>(scenario, plan, stop_on_interrupt, profile);
}

RunResult simulate_checked(const Scenario& scenario, const RunPlan& plan) {
  return run_days<true>(scenario, plan, false, nullptr);
}

RunStepper::RunStepper(Scenario scenario, const RunPlan& plan)
    : scenario_(std::move(scenario)), world_(std::make_unique<World>(scenario_, plan.seed)) {
  start_run(*world_, plan);
  if constexpr (kCheckInvariantsDaily) {
    baseline_ = std::make_unique<InvariantBaseline>(invariant_baseline(*world_));
  }
}

RunStepper::~RunStepper() = default;

std::int32_t RunStepper::day() const {
  return world_->day;
}

bool RunStepper::done() const {
  return world_->day >= scenario_.days;
}

void RunStepper::step() {
  if (done() || finished_) throw std::logic_error("RunStepper::step: the run has ended");
  // simulate()'s day, with its checks.
  World& w = *world_;
  step_day(w, nullptr, nullptr);
  check_finite_day(w);
  if constexpr (kCheckInvariantsDaily) check_invariants(w, *baseline_);
  ++w.day;
}

RunState RunStepper::state() const {
  const World& w = *world_;
  const int S = w.num_states();
  RunState st;
  st.day = w.day;
  for (int i = 0; i < S; ++i) {
    for (int j = 0; j < S; ++j) {
      if (i == j) continue;
      st.escalation.push_back(w.strategic.level(i, j));
      st.hostility.push_back(w.strategic.hostility(i, j));
      st.ceasefire.push_back(w.diplomacy.ceasefire[static_cast<std::size_t>(w.dyad(i, j))]);
    }
  }
  st.max_escalation = w.strategic.max_level();
  st.posts_held.assign(static_cast<std::size_t>(S), 0);
  for (std::size_t p = 0; p < w.ops.posts.size(); ++p) ++st.posts_held[w.ops.posts.controller[p]];
  const auto G = static_cast<std::size_t>(w.num_groups());
  st.cells.assign(G, 0);
  for (std::size_t k = 0; k < w.insurgency.cells.size(); ++k) {
    st.cells[w.insurgency.cells.group[k]] += w.insurgency.cells.alive[k];
  }
  st.fighters = w.insurgency.fighters;
  for (std::size_t k = 0; k < scenario_.districts.size(); ++k) {
    const double pop = scenario_.districts[k].population;
    st.district_active.push_back(pop > 0 ? w.society.active_people[k] / pop : 0.0);
  }
  st.crossing_open = w.economy.crossing_open;
  const std::size_t C = w.result.fatalities_total.size();
  st.fatalities.assign(C, 0);
  for (std::size_t d = 0; d < static_cast<std::size_t>(w.day); ++d) {
    for (std::size_t c = 0; c < C; ++c) st.fatalities[c] += w.result.fatalities[d * C + c];
  }
  return st;
}

RunResult RunStepper::finish() {
  if (!done() || finished_) {
    throw std::logic_error("RunStepper::finish: the run has not ended, or was finished already");
  }
  finished_ = true;
  finish_run(*world_);
  return std::move(world_->result);
}

ResultsLayout results_layout(const Scenario& sc) {
  ResultsLayout l;
  l.days = sc.days;
  for (int d = 0; d < sc.days; ++d) l.dates.push_back(sc.start_date.plus_days(d).to_string());
  for (const auto& a : sc.actors) l.actors.push_back(a.id);
  for (int a : sc.states()) l.states.push_back(sc.actors[a].id);
  l.categories = fatality_categories(sc);
  for (const auto& c : sc.crossings) l.crossings.push_back(c.id);
  for (int a : sc.armed_groups()) l.groups.push_back(sc.actors[a].id);
  for (int a : sc.states()) {
    for (int b : sc.states()) {
      if (a != b) l.dyads.push_back(sc.actors[a].id + ">" + sc.actors[b].id);
    }
  }
  return l;
}

}  // namespace flashpoint

namespace flashpoint {

TableGroup results_geography(const Scenario& sc) {
  TableGroup g;
  g.name = "geography";
  g.attributes = {{"long_name", "places of the scenario, for maps"}};
  std::vector<std::string> states, sectors, districts, crossings;
  const std::vector<int> state_actors = sc.states();
  for (int a : state_actors) states.push_back(sc.actors[a].id);
  for (const auto& s : sc.sectors) sectors.push_back(s.id);
  for (const auto& d : sc.districts) districts.push_back(d.id);
  for (const auto& c : sc.crossings) crossings.push_back(c.id);
  g.coordinates = {{"state", states, states.size()},
                   {"sector", sectors, sectors.size()},
                   {"district", districts, districts.size()},
                   {"crossing", crossings, crossings.size()}};
  auto state_index = [&](int actor) {
    for (std::size_t i = 0; i < state_actors.size(); ++i) {
      if (state_actors[i] == actor) return static_cast<double>(i);
    }
    return -1.0;
  };
  using V = TableGroup::Variable;
  V sector_lat{"sector_lat", {"sector"}, {}, "latitude of the sector's centroid", "degrees_north"};
  V sector_lon{"sector_lon", {"sector"}, {}, "longitude of the sector's centroid", "degrees_east"};
  V sector_km{"sector_length_km", {"sector"}, {}, "length of the sector", "km"};
  V sector_posts{
      "sector_posts", {"sector", "state"}, {}, "posts each state holds at the start", "posts"};
  for (const auto& s : sc.sectors) {
    sector_lat.values.push_back(s.lat);
    sector_lon.values.push_back(s.lon);
    sector_km.values.push_back(s.length_km);
    std::vector<double> posts(states.size(), 0.0);
    for (const auto& p : s.posts) {
      const double i = state_index(p.side);
      if (i >= 0) posts[static_cast<std::size_t>(i)] += p.count;
    }
    sector_posts.values.insert(sector_posts.values.end(), posts.begin(), posts.end());
  }
  V district_lat{
      "district_lat", {"district"}, {}, "latitude of the district's centroid", "degrees_north"};
  V district_lon{
      "district_lon", {"district"}, {}, "longitude of the district's centroid", "degrees_east"};
  V district_pop{"district_population", {"district"}, {}, "population at the start", "people"};
  V district_state{
      "district_state", {"district"}, {}, "the district's state (index of state)", "1"};
  for (const auto& d : sc.districts) {
    district_lat.values.push_back(d.lat);
    district_lon.values.push_back(d.lon);
    district_pop.values.push_back(d.population);
    district_state.values.push_back(state_index(d.state));
  }
  V crossing_lat{"crossing_lat", {"crossing"}, {}, "latitude (its sector's)", "degrees_north"};
  V crossing_lon{"crossing_lon", {"crossing"}, {}, "longitude (its sector's)", "degrees_east"};
  V crossing_sector{
      "crossing_sector", {"crossing"}, {}, "the crossing's sector (index of sector)", "1"};
  for (const auto& c : sc.crossings) {
    const auto& s = sc.sectors.at(static_cast<std::size_t>(c.sector));
    crossing_lat.values.push_back(s.lat);
    crossing_lon.values.push_back(s.lon);
    crossing_sector.values.push_back(c.sector);
  }
  g.variables = {sector_lat,   sector_lon,   sector_km,      sector_posts,
                 district_lat, district_lon, district_pop,   district_state,
                 crossing_lat, crossing_lon, crossing_sector};
  return g;
}

}  // namespace flashpoint
