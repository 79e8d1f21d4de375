#pragma once
// The state of one run (docs/model.md, "Entities and state variables"): the shared part that no
// phase writes (the scenario, the index maps and the one pair encoding); the random streams and
// the day; one state per sub-model, each holding the columns that sub-model's phases write; the
// per-run copy of the parameters that policies change; today's tallies (cleared once, at the top
// of the step) with the ledger phases book them through; and what the policy triggers remember of
// yesterday. Indices: `s`, `i`, `j` are state indices (0..S-1, position in Scenario::states()),
// `a` an actor index, `g` an armed-group index, `d` a district index; the lookups between them
// take typed ids (model/ids.hpp).
#include <array>
#include <cstdint>
#include <deque>
#include <limits>
#include <vector>

#include <Eigen/Dense>

#include "core/rng.hpp"
#include "model/ids.hpp"
#include "model/operations.hpp"
#include "model/results.hpp"
#include "scenario/scenario.hpp"

namespace flashpoint {

/// A doctrine trigger waiting for its lag to pass.
struct PendingRetaliation {
  int due_day = -1;     ///< -1 when nothing is pending
  int expiry_day = -1;  ///< last day the bonus applies
  int target = -1;      ///< state index the strike is aimed at
};

/// Armed-group cells as columns (model layer 2). A dissolved cell keeps its slot (alive = 0) so
/// that indices, and with them the order of random draws, stay stable.
struct CellColumns {
  std::vector<std::int32_t> group;     ///< armed-group index
  std::vector<std::int32_t> district;  ///< base district
  std::vector<double> fighters;
  std::vector<std::uint8_t> alive;
  [[nodiscard]] std::size_t size() const { return group.size(); }
};

/// Citizens as columns (Epstein 2002). Each stands for PopulationParams::people_per_agent people.
/// Hardship and risk aversion are fixed draws; status changes daily.
struct CitizenColumns {
  /// Citizens are stored district by district: those of district d are [first[d], first[d + 1]).
  /// (A citizen never changes district: displacement is a flag.) 12 bytes per citizen.
  std::vector<std::size_t> first;
  std::vector<float> hardship;           ///< H ~ U(0,1)
  std::vector<float> risk_aversion;      ///< R ~ U(0,1)
  std::vector<std::uint8_t> active;      ///< 1 when G - N > T
  std::vector<std::uint8_t> displaced;   ///< 1 while displaced from the home district
  std::vector<std::uint16_t> jail_days;  ///< days left in jail; 0 when free
  [[nodiscard]] std::size_t size() const { return hardship.size(); }
};

/// A district's citizen agents by status at the end of a citizen day.
struct CitizenCounts {
  std::int64_t free = 0;          ///< neither displaced nor jailed
  std::int64_t active = 0;        ///< of the free, active
  std::int64_t jailed = 0;        ///< in jail
  std::int64_t release_next = 0;  ///< of the jailed, free the next day (one day left)
  std::int64_t displaced = 0;     ///< displaced from the district
};

/// An attributed attack remembered for the doctrine's cumulative threshold.
struct AttributedDeaths {
  int day;
  int attributed_to;  ///< state index
  double deaths;
};

/// The one encoding of ordered state pairs: (i, j) -> i*S + j, for every per-dyad column (and,
/// per actor, actor*S*S + pair). Eigen matrices use (i, j) directly.
struct PairIndex {
  int states = 0;
  [[nodiscard]] int operator()(int i, int j) const { return i * states + j; }
  [[nodiscard]] int count() const { return states * states; }
  /// Index of (actor a, pair i-j) in a per-actor-per-pair column.
  [[nodiscard]] std::size_t of_actor(int a, int i, int j) const {
    return static_cast<std::size_t>(a) * static_cast<std::size_t>(count()) +
           static_cast<std::size_t>((*this)(i, j));
  }
};

/// Strategic layer (strategic.cpp, decisions.cpp, hostility_phase.cpp): hostility, the choice of
/// rungs, the level window and the doctrine's memory.
struct StrategicState {
  Eigen::MatrixXd hostility;        ///< H_ij
  Eigen::MatrixXd reaction;         ///< k_ij
  Eigen::MatrixXd grievance;        ///< g_ij
  Eigen::VectorXd fatigue;          ///< a_i
  Eigen::MatrixXd deaths_caused;    ///< decaying deaths suffered by i caused by (or blamed on) j
  Eigen::VectorXd publicity;        ///< decaying count of i's public threats
  Eigen::VectorXd nuclear_signals;  ///< decaying count of i's nuclear signals (docs/model.md 7.23)
  Eigen::VectorXd war_costs;        ///< decaying own deaths in war with states
  Eigen::MatrixXi chosen;           ///< action_index of what i chose toward j today
  /// Highest hostile rung i used toward j, per day, for the last level_window_days days
  /// (front = today). Attacks a victim blames on a host are kept apart (attributed_history): they
  /// feed reciprocity but never the escalation level.
  std::deque<Eigen::MatrixXi> rung_history;
  /// Same window for attacks i blames on j's soil: [day](victim i, host j) = attributed rung.
  std::deque<Eigen::MatrixXi> attributed_history;
  /// [victim state][doctrine]: each doctrine's pending trigger and memory of deaths.
  std::vector<std::vector<PendingRetaliation>> pending;
  std::vector<std::vector<std::vector<AttributedDeaths>>> attributed;

  /// The i-j escalation level: highest rung either side used in the window, at least 0.
  [[nodiscard]] int level(int i, int j) const;
  /// Highest level over all dyads.
  [[nodiscard]] int max_level() const;
  /// j's highest hostile rung toward i within the window (attacks i blames on j included).
  [[nodiscard]] int adversary_rung(int i, int j) const;
  /// Today's rung of i toward j is at least `rung`.
  void mark_rung(int i, int j, int rung);
};

/// Diplomacy and talks (diplomacy.cpp).
struct DiplomacyState {
  Eigen::MatrixXi
      ceasefire_offer_day;  ///< last day i offered j a ceasefire; very negative if never
  std::vector<std::uint8_t> ceasefire;        ///< [pair], symmetric: in force
  std::vector<std::uint8_t> mediator_active;  ///< [PairIndex::of_actor(mediator, i, j)]
  Eigen::MatrixXd uncertainty;                ///< [i][j] i's uncertainty about j (Fearon's channel)
  std::vector<int> last_round_day;            ///< [PairIndex::of_actor(mediator, i, j)]
  std::vector<std::uint8_t> monitored;        ///< [pair] a monitoring mechanism is in force
  Eigen::MatrixXi last_conflict_day;  ///< [i][j] last day the i-j level was >= 6 (symmetric)
  std::vector<int> last_hot_day;      ///< [of_actor(m, i, j)] last day at the mediator's activation
  std::vector<std::uint8_t> channel;  ///< [pair] a military channel (symmetric)
  std::vector<int> last_contact_day;  ///< [pair] last contact over the channel
};

/// Are i and j in armed conflict on `day`: their level reached 6 within armed_conflict_days?
[[nodiscard]] bool in_armed_conflict(const DiplomacyState& diplomacy, const TalksParams& p, int i,
                                     int j, int day);

/// Posts (actions.cpp, incidents.cpp).
struct OperationsState {
  PostColumns posts;
};

/// Crossings and trade (economy.cpp).
struct EconomyState {
  std::vector<std::uint8_t> crossing_open;
  std::vector<int> crossing_closed_day;       ///< day it closed; -1 when open
  std::vector<int> crossing_closed_by;        ///< state index that closed it; -1 when open
  std::vector<std::uint8_t> crossing_fought;  ///< armed conflict (level >= 6) since it closed
  std::vector<int> crossing_min_closed_days;
  std::vector<double> trade_closed_share;  ///< [state] share of its crossing trade stopped today
  std::vector<double> trade_multiplier;    ///< [crossing] economic-corridor growth
  std::vector<int> calm_days;              ///< [pair] consecutive days at a calm level
  /// [pair * kMeasureCount + measure_index]: the day state i imposed the measure on j; -1 when
  /// not in force (docs/model.md 7.22).
  std::vector<int> measure_since;
  /// [pair * kMeasureCount + measure_index]: armed conflict (level >= 6) since it was imposed.
  std::vector<std::uint8_t> measure_fought;
  [[nodiscard]] std::uint8_t& fought(int pair, int m) {
    return measure_fought[static_cast<std::size_t>(pair) * kMeasureCount + m];
  }
  [[nodiscard]] int& since(int pair, int m) {
    return measure_since[static_cast<std::size_t>(pair) * kMeasureCount + m];
  }
  [[nodiscard]] int since(int pair, int m) const {
    return measure_since[static_cast<std::size_t>(pair) * kMeasureCount + m];
  }
};

/// Armed groups (insurgency.cpp).
struct InsurgencyState {
  std::vector<double>
      fighters;  ///< [group] strength of groups without cells; sum of cells otherwise
  CellColumns cells;
  std::vector<double> sigma;  ///< [group] the host's sanctuary tolerance
};

/// Districts and citizens (society.cpp, model layer 2).
struct SocietyState {
  std::vector<double> legitimacy;         ///< [district] L
  std::vector<double> legitimacy_target;  ///< [district] L*: base + security and diplomacy gains
  std::vector<double> hardship;           ///< [district] extra hardship in [0,1]
  std::vector<double> displaced;          ///< [district] people displaced from the district
  std::vector<double> active_people;      ///< [district] active citizens x sampling weight
  std::vector<double> jailed_people;      ///< [district] jailed citizens x sampling weight
  /// [district] the active people recruitment draws on: active_people followed with the lag
  /// insurgency.recruit_lag_days (follow_with_lag)
  std::vector<double> recruitable;
  std::vector<double> surge;  ///< [district] policing added in response to unrest (per citizen)
  CitizenColumns citizens;
  /// [district] its citizen agents at the end of the last citizen day (society.cpp): the next
  /// day's district terms start from them.
  std::vector<CitizenCounts> citizen_counts;
  /// Citizen days stepped so far, spin-up included: the day word of the citizen layer's draws.
  std::uint32_t citizen_day = 0;
};

/// Refugee populations (refugees.cpp, model layer 2).
struct RefugeeState {
  std::vector<std::array<double, kRefugeeClassCount>> stock;  ///< [refugee population]
  std::vector<double> returned;          ///< [refugee population] returned so far
  std::vector<int> deport_boost_until;   ///< [state] last day a deport action (rung 5) boosts rates
  std::vector<double> returnees_recent;  ///< [district] returnees settled there, decaying memory
};

/// Deaths located in each district since the society phase last read them (it reads and clears
/// them): today's up to the society phase, and yesterday's after it (counter-insurgency losses).
struct DistrictDeaths {
  std::vector<double> all;        ///< [district] every death
  std::vector<double> civilians;  ///< [district] the civilians among them
};

/// The parameters that policies change during a run: a per-run copy, made from the scenario
/// when the run starts and written only by policies.cpp. The phases read them from here.
struct RunParams {
  std::vector<std::vector<Doctrine>> doctrines;  ///< [state]: its doctrines
  std::vector<MediatorParams> mediator;          ///< [actor] copy of each mediator's section
  std::vector<double> leverage_multiplier;       ///< [actor] mediation policy
  std::vector<std::uint8_t> monitoring_by;       ///< [actor] its ceasefires come with monitoring
  Eigen::MatrixXd interdependence;               ///< [i][j] multiplies the trade-cost term (>= 1)
  Eigen::MatrixXd hotline;                       ///< [i][j] P(incident defused)
  Eigen::MatrixXd joint_investigation;           ///< [i][j] attribution accuracy
  Eigen::MatrixXd joint_patrols;          ///< [i][j] reduction of incident-to-clash conversion
  std::vector<double> hardship_relief;    ///< [state] share of district hardship removed
  std::vector<double> fatigue_bonus;      ///< [state] public diplomacy: faster hostility decay
  std::vector<double> regional_pressure;  ///< [state] pressure on it as a host, per day
  std::vector<double> trade_growth;       ///< [crossing] economic corridor: growth per day
  std::vector<double> trade_cap;          ///< [crossing] economic corridor: largest multiplier
  std::vector<double> security;           ///< [district] security presence (base + policies)
  std::vector<double> ops_multiplier;     ///< [district] counter-insurgency operations intensity
  std::vector<double> legitimacy_gain;    ///< [district] public diplomacy: target rise per day
};

/// Today's tallies: every phase adds to them, record_day and the phases after it read them, and
/// step() clears them once, before the first phase.
struct DayLog {
  std::vector<std::int32_t> deaths;      ///< [category]
  std::vector<std::int32_t> injured;     ///< [category]
  std::int32_t attacks = 0;              ///< armed-group attacks
  std::int32_t rounds = 0;               ///< rounds of talks held
  std::vector<double> worst_attack;      ///< [victim state] deaths in its worst attack
  Eigen::MatrixXd received_conflict;     ///< (i, j): sum of the negative Goldstein of events j -> i
  Eigen::MatrixXd received_cooperation;  ///< (i, j): sum of the positive Goldstein of events j -> i
  Eigen::MatrixXd coercion_grievance;    ///< (i, j): grievance i bears today from j's measures
  std::vector<std::int32_t> target_strikes;  ///< [group] hostile acts (rung >= 6) by its target
                                             ///< on its host
  std::vector<double> returns;               ///< [state] returnees arriving in each origin state
  /// Books an event's Goldstein score, received by state i from state j, by its sign.
  void receive(int i, int j, double goldstein) {
    (goldstein < 0 ? received_conflict : received_cooperation)(i, j) += goldstein;
  }
  void clear();
};

/// What the policy triggers see of yesterday (set by the end-of-day phase remember_for_triggers).
struct TriggerMemory {
  int level = 0;                     ///< highest escalation level over all dyads
  std::vector<double> worst_attack;  ///< [state]
  std::vector<std::uint8_t> closed;  ///< [state] one of its crossings was closed
};

/// Policies (policies.cpp).
struct PolicyState {
  std::vector<std::uint8_t> started;  ///< [policy]
};

/// What every phase may read and none writes: the scenario, the index maps, the one pair
/// encoding and the places of each line. Fixed when the run starts.
struct Shared {
  explicit Shared(const Scenario& scenario);

  const Scenario& sc;
  PairIndex dyad;                                       ///< the pair encoding: dyad(i, j)
  std::vector<std::vector<int>> dyad_sectors;           ///< [pair] sectors on the i-j line
  std::vector<std::vector<int>> dyad_crossings;         ///< [pair] crossings on the i-j line
  std::vector<int> crossing_state_a, crossing_state_b;  ///< the two states of each crossing
  std::vector<int> cat_forces, cat_civilians;           ///< [state] fatality category
  std::vector<int> cat_fighters;                        ///< [group] fatality category
  std::vector<std::vector<const ScriptedEvent*>> scripted_by_day;  ///< [day]

  [[nodiscard]] int num_states() const { return dyad.states; }
  [[nodiscard]] int num_groups() const { return static_cast<int>(group_actor_.size()); }
  /// The state an actor is; an invalid id for an actor that is not a state (or for no actor).
  [[nodiscard]] StateId state_of(ActorId a) const {
    return a.valid() ? actor_state_[static_cast<std::size_t>(a.value)] : StateId{};
  }
  /// The state a district lies in.
  [[nodiscard]] StateId state_of(DistrictId d) const {
    return district_state_[static_cast<std::size_t>(d.value)];
  }
  [[nodiscard]] ActorId actor_of(StateId s) const {
    return state_actor_[static_cast<std::size_t>(s.value)];
  }
  [[nodiscard]] ActorId actor_of(GroupId g) const {
    return group_actor_[static_cast<std::size_t>(g.value)];
  }
  /// The armed group an actor is; an invalid id for an actor that is not an armed group.
  [[nodiscard]] GroupId group_of(ActorId a) const {
    return a.valid() ? actor_group_[static_cast<std::size_t>(a.value)] : GroupId{};
  }
  /// The scenario's entries of a state and of an armed group.
  [[nodiscard]] const StateParams& state_params(StateId s) const {
    return sc.actors[static_cast<std::size_t>(actor_of(s).value)].state;
  }
  [[nodiscard]] const ArmedGroupParams& group_params(GroupId g) const {
    return sc.actors[static_cast<std::size_t>(actor_of(g).value)].armed_group;
  }
  /// The state that hosts armed group g, and the state it attacks (invalid when none).
  [[nodiscard]] StateId host_of(GroupId g) const { return state_of(ActorId{group_params(g).host}); }
  [[nodiscard]] StateId target_of(GroupId g) const {
    return state_of(ActorId{group_params(g).target});
  }
  /// An armed group's strength on day 0: its `fighters`, or the sum of its cells when it has any.
  [[nodiscard]] double starting_fighters(GroupId g) const;
  /// Districts of state `of` on its line with state `other` (sector sides), in scenario order.
  [[nodiscard]] const std::vector<int>& border_districts(StateId of, StateId other) const {
    return border_districts_[dyad(of, other)];
  }

 private:
  std::vector<ActorId> state_actor_;  ///< [state]
  std::vector<StateId> actor_state_;  ///< [actor], invalid for non-states
  std::vector<ActorId> group_actor_;  ///< [armed group]
  std::vector<std::vector<int>>
      border_districts_;                 ///< [pair (of, other)] of's districts on the line
  std::vector<GroupId> actor_group_;     ///< [actor], invalid for non-groups
  std::vector<StateId> district_state_;  ///< [district]
};

/// How a phase books what happened today: events (into the run's record, with their Goldstein
/// score booked as received by the target state), deaths by fatality category (today's series)
/// and by district (the society phase's inbox), today's other tallies, and the run's per-run
/// outcomes. A phase that takes a Ledger writes these and nothing else through it.
struct Ledger {
  const Shared& shared;
  int day;
  DayLog& today;
  DistrictDeaths& district_deaths;
  RunResult& record;

  /// Appends an event (fills date, quad class, ACLED sub-event type) and books its Goldstein
  /// score as received by the target.
  void emit(EventRecord e);
  /// Books deaths in a category (the daily series).
  void add_deaths(int category, std::int32_t n);
  /// Books injured in a category (the daily series).
  void add_injured(int category, std::int32_t n);
  /// Books deaths located in a district (displacement, legitimacy): all deaths, and civilians.
  void add_district_deaths(int district, std::int32_t all, std::int32_t civilians);
};

struct World : Shared {
  World(const Scenario& scenario, std::uint64_t seed);

  RandomStreams rng;
  int day = 0;

  // --- the sub-models' states ----------------------------------------------------------------
  StrategicState strategic;
  DiplomacyState diplomacy;
  OperationsState ops;
  EconomyState economy;
  InsurgencyState insurgency;
  SocietyState society;
  RefugeeState refugees;
  PolicyState policies;

  // --- parameters policies change, today, yesterday, and the record --------------------------
  RunParams params;
  DayLog today;
  DistrictDeaths district_deaths;
  TriggerMemory yesterday;
  RunResult result;

  /// Today's ledger, for a phase that books events, deaths or outcomes.
  [[nodiscard]] Ledger ledger() { return {*this, day, today, district_deaths, result}; }
};

/// Sectors of the i-j line where both i and j hold a post with soldiers: where they can fight.
[[nodiscard]] std::vector<int> front_sectors(const Shared& sh, const PostColumns& posts, int i,
                                             int j);
/// The armed group with fighters hosted by `host` with the most fighters; invalid when none.
[[nodiscard]] GroupId strongest_hosted_group(const Shared& sh, const InsurgencyState& insurgency,
                                             StateId host);
/// Is any mediator engaged on the i-j line?
[[nodiscard]] bool mediated(const Shared& sh, const DiplomacyState& diplomacy, int i, int j);

/// Fatality categories in coordinate order: every state's forces, every armed group's fighters,
/// every state's civilians ("NTH.forces", ..., "FRONT.fighters", ..., "NTH.civilians", ...).
[[nodiscard]] std::vector<std::string> fatality_categories(const Scenario& sc);

}  // namespace flashpoint
