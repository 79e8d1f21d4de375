#pragma once
// The state of one run: plain columns and actor matrices that the phases of the daily step read
// and write (docs/model.md, "Entities and state variables"). Indices: `s` is a state index
// (0..S-1, position in Scenario::states()), `a` an actor index, `g` an armed-group index.
#include <cstdint>
#include <deque>
#include <limits>
#include <vector>

#include <Eigen/Dense>

#include "core/rng.hpp"
#include "model/operations.hpp"
#include "output/results.hpp"
#include "scenario/scenario.hpp"

namespace flashpoint {

/// A doctrine trigger waiting for its lag to pass.
struct PendingRetaliation {
  int due_day = -1;     ///< -1 when nothing is pending
  int expiry_day = -1;  ///< last day the bonus applies
  int target = -1;      ///< state index the strike is aimed at
};

/// An attributed attack remembered for the doctrine's cumulative threshold.
struct AttributedDeaths {
  int day;
  int attributed_to;  ///< state index
  double deaths;
};

struct World {
  explicit World(const Scenario& scenario, std::uint64_t seed);

  const Scenario& sc;
  RandomStreams rng;
  int day = 0;

  // --- index maps --------------------------------------------------------------------------
  std::vector<int> state_actor;                         ///< state index -> actor index
  std::vector<int> actor_state;                         ///< actor index -> state index or -1
  std::vector<int> group_actor;                         ///< armed-group index -> actor index
  std::vector<int> actor_group;                         ///< actor index -> armed-group index or -1
  std::vector<int> district_state;                      ///< district -> state index
  std::vector<std::vector<int>> dyad_sectors;           ///< [i*S+j] sectors on the i-j line
  std::vector<std::vector<int>> dyad_crossings;         ///< [i*S+j] crossings on the i-j line
  std::vector<int> crossing_state_a, crossing_state_b;  ///< the two states of each crossing
  [[nodiscard]] int num_states() const { return static_cast<int>(state_actor.size()); }
  [[nodiscard]] int dyad(int i, int j) const { return i * num_states() + j; }

  // --- strategic layer -------------------------------------------------------------------
  Eigen::MatrixXd hostility;      ///< H_ij
  Eigen::MatrixXd reaction;       ///< k_ij
  Eigen::MatrixXd grievance;      ///< g_ij
  Eigen::VectorXd fatigue;        ///< a_i
  Eigen::MatrixXd deaths_caused;  ///< decaying deaths suffered by i caused by (or blamed on) j
  Eigen::VectorXd publicity;      ///< decaying count of i's public threats
  Eigen::VectorXd war_costs;      ///< decaying own deaths in war with states
  Eigen::MatrixXi chosen;         ///< rung i chose toward j today
  /// Highest hostile rung i used toward j, per day, for the last level_window_days days
  /// (front = today). Attributed attacks count as the host's act at attributed_attack_rung.
  std::deque<Eigen::MatrixXi> rung_history;
  /// Same window for attacks i blames on j's soil: [day](victim i, host j) = attributed rung.
  std::deque<Eigen::MatrixXi> attributed_history;
  std::vector<PendingRetaliation> pending;                ///< [victim state]
  std::vector<std::vector<AttributedDeaths>> attributed;  ///< [victim state]
  std::vector<Doctrine> doctrine;                         ///< [state], may be replaced by a policy
  Eigen::MatrixXd received_goldstein;  ///< today's sum of Goldstein of events j -> i

  // --- diplomacy -------------------------------------------------------------------------
  Eigen::MatrixXi
      ceasefire_offer_day;  ///< last day i offered j a ceasefire; very negative if never
  std::vector<std::uint8_t> ceasefire;        ///< [i*S+j], symmetric: in force
  std::vector<std::uint8_t> mediator_active;  ///< [mediator actor * S*S + dyad]

  // --- operational layer -------------------------------------------------------------------
  PostColumns posts;
  std::vector<std::uint8_t> crossing_open;
  std::vector<int> crossing_closed_day;  ///< day it closed; -1 when open
  std::vector<int> crossing_closed_by;   ///< state index that closed it; -1 when open
  std::vector<int> crossing_min_closed_days;
  std::vector<int> calm_days;  ///< [i*S+j] consecutive days at a calm level

  // --- armed groups --------------------------------------------------------------------------
  std::vector<double> fighters;  ///< [group]

  // --- policies -------------------------------------------------------------------------
  std::vector<std::uint8_t> policy_started;

  // --- fatality categories (coordinate order of the results) -----------------------------
  std::vector<int> cat_forces, cat_civilians;  ///< [state]
  std::vector<int> cat_fighters;               ///< [group]

  // --- what the run records -------------------------------------------------------------
  RunResult result;
  std::vector<std::int32_t> deaths_today;  ///< [category]
  std::int32_t attacks_today = 0;
  int level_yesterday = 0;
  std::vector<std::vector<const ScriptedEvent*>> scripted_by_day;  ///< [day]

  /// The dyad's escalation level: highest rung either side used in the window, at least 0.
  [[nodiscard]] int level(int i, int j) const;
  /// Highest level over all dyads.
  [[nodiscard]] int max_level() const;
  /// j's highest hostile rung toward i within the window.
  [[nodiscard]] int adversary_rung(int i, int j) const;
  /// Is an armed group hosted by state j?
  [[nodiscard]] bool hosts_armed_group(int j) const;

  /// Appends an event (fills date, goldstein, quad class) and books its Goldstein score as
  /// received by the target (when the target is a state).
  void emit(EventRecord e);
  /// Books deaths in a category (the daily series).
  void add_deaths(int category, std::int32_t n);
  void mark_rung(int i, int j, int rung);
  /// Is any mediator engaged on the i-j line?
  [[nodiscard]] bool mediated(int i, int j) const;
};

/// Fatality categories in coordinate order: every state's forces, every armed group's fighters,
/// every state's civilians ("PAK.forces", ..., "TTP.fighters", ..., "PAK.civilians", ...).
[[nodiscard]] std::vector<std::string> fatality_categories(const Scenario& sc);

}  // namespace flashpoint
