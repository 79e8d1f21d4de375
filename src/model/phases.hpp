#pragma once
// The phases of the daily step, in the order step() calls them (docs/model.md, "Process
// overview and scheduling"). Each phase lives in the file named after its sub-model.
#include <array>
#include <cstddef>
#include <functional>
#include <span>
#include <string_view>

#include "model/ladder.hpp"
#include "model/world.hpp"

namespace flashpoint {

void init_society(World& w);   // society.cpp: citizens, before day 0
void init_refugees(World& w);  // refugees.cpp: before day 0

// Phases whose signature names what they read (const) and write; the others still take the
// whole World (docs/architecture.md, "Not yet done").
void roll_windows(StrategicState& st, int states, int window_days);  // step.cpp
void update_hostility(StrategicState& st, const StrategicParams& p, const RunParams& params,
                      const DayLog& today);                            // hostility_phase.cpp
void recover_forces(PostColumns& posts, const OperationsParams& ops);  // actions.cpp

void start_policies(World& w);         // policies.cpp
void armed_group_attacks(World& w);    // insurgency.cpp
void choose_actions(World& w);         // decisions.cpp
void carry_out_actions(World& w);      // actions.cpp
void border_incidents(World& w);       // incidents.cpp: incidents, some become clashes
void update_diplomacy(World& w);       // diplomacy.cpp
void update_crossings(World& w);       // economy.cpp
void update_refugees(World& w);        // refugees.cpp: returns through open crossings
void update_society(World& w);         // society.cpp: hardship, displacement, legitimacy,
                                       //   Epstein activation, arrests
void update_cells(World& w);           // insurgency.cpp: recruitment, losses, split, sigma
void prepare_result(World& w);         // record.cpp: sizes every series before day 0
void record_day(World& w);             // record.cpp: the daily series
void remember_for_triggers(World& w);  // record.cpp: what policy triggers see tomorrow
void finish_run(World& w);             // record.cpp

/// A phase of the daily step: its name (as `run --profile` prints it), its function, and what it
/// does in a few words.
struct Phase {
  std::string_view name;
  void (*run)(World&);
  std::string_view does;
};

/// The phases of a day, in the model's schedule (docs/model.md, "Process overview and
/// scheduling"): step() calls them in this order and nothing else. step.cpp.
[[nodiscard]] std::span<const Phase> daily_phases();
inline constexpr std::size_t kDailyPhaseCount = 15;

/// Time spent in each phase (run --profile, as Box2D's world profile): seconds summed over the
/// days and runs profiled, the set-up before day 0 apart.
struct PhaseProfile {
  std::array<double, kDailyPhaseCount> seconds{};
  double setup_seconds = 0;
  long long days = 0;
  PhaseProfile& operator+=(const PhaseProfile& o);
};

/// One day: every phase of daily_phases() in order. step.cpp.
void step(World& w);
/// The same day with `society` called in place of update_society: the benchmarks time the
/// citizen update inside real days with it. step.cpp.
void step_with_society(World& w, const std::function<void(World&)>& society);

/// One armed-group attack in a district (exogenous or scripted): fatalities are drawn from the
/// attack type unless given (>= 0); attribution and doctrine triggers follow. insurgency.cpp.
/// `cell` is the attacking cell, or -1 for an attack without one.
void carry_out_attack(World& w, int group, int district, int attack_type,
                      const std::array<double, 3>& given_fatalities, int cell);

/// Remembers deaths that state `victim` blames on state `blamed` (an attributed armed-group attack,
/// or a strike or clash by `blamed` itself) and, when the victim's doctrine is met, schedules
/// retaliation after a random lag. insurgency.cpp.
void consider_doctrine(World& w, int victim, int blamed, double deaths);

/// Ends a ceasefire between i and j, if one is in force, because i used force: a 196 event by i,
/// a breakdown counted, monitoring and offers cleared. diplomacy.cpp.
void break_ceasefire(World& w, int i, int j);

/// Forgets both sides' ceasefire offers (when a ceasefire forms or breaks). diplomacy.cpp.
void clear_ceasefire_offers(World& w, int i, int j);

/// Books a clash between attacker a and defender b in sector k: deaths by side and district,
/// war costs, the clash event with claims, capture events. actions.cpp.
void book_clash(World& w, int sector, int a, int b, const ClashOutcome& out, const CameoCode& code);

/// P(a party joins a round of talks): logistic(join_lambda * (join_base + war weariness +
/// leverage x credibility - audience_weight x publicity)). diplomacy.cpp.
[[nodiscard]] double join_probability(const TalksParams& p, double war_weariness,
                                      double leverage_pressure, double audience_weight,
                                      double publicity);
/// The pressure mediator m puts on state s: leverage over s x credibility x the multiplier of a
/// mediation policy. Used by talks (join and agreement) and by the strategic choice (the
/// third-party term). diplomacy.cpp.
[[nodiscard]] double leverage_pressure(const World& w, int m, int s);
/// P(a round both parties join ends in a ceasefire). diplomacy.cpp.
[[nodiscard]] double agreement_probability(const TalksParams& p, double mean_leverage_pressure);

/// P(an incident becomes a clash). incidents.cpp.
[[nodiscard]] double incident_clash_probability(const TalksParams& p, double uncertainty,
                                                double hotline, double joint_patrols);

/// Closes every open crossing between states i and j, as closed by i. economy.cpp.
void close_crossings(World& w, int i, int j, int min_closed_days);

}  // namespace flashpoint
