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

void init_society(World& w);    // society.cpp: citizens, before day 0
void init_refugees(World& w);   // refugees.cpp: before day 0
void prepare_result(World& w);  // record.cpp: sizes every series before day 0
void finish_run(World& w);      // record.cpp: the per-run outcomes after the last day

// The phases of a day, in step() order. Each signature names what the phase reads (const
// references and values) and what it writes (references); `Shared` is read by all, and a
// `Ledger` books events, deaths and outcomes (world.hpp). step.cpp's table passes each its parts
// of the World; tests call them through run_phase(), as the engine does.
void roll_windows(StrategicState& strategic, int states, int window_days);  // step.cpp
// policies.cpp: levers that start today set the parameters they change (params); three act on
// state when they start (docs/architecture.md, "Not yet done").
void start_policies(const Shared& sh, const TriggerMemory& yesterday, PolicyState& policies,
                    RunParams& params, StrategicState& strategic, EconomyState& economy,
                    SocietyState& society, Ledger& ledger);
// insurgency.cpp: scripted attacks, district rates, cells; attribution and doctrine.
void armed_group_attacks(const Shared& sh, const RunParams& params, const DiplomacyState& diplomacy,
                         InsurgencyState& insurgency, StrategicState& strategic,
                         RandomStreams& streams, Ledger& ledger);
// decisions.cpp: each state's rung toward each other state (strategic.chosen).
void choose_actions(const Shared& sh, int day, const RunParams& params,
                    const DiplomacyState& diplomacy, const EconomyState& economy,
                    const InsurgencyState& insurgency, const PostColumns& posts,
                    const RefugeeState& refugees, StrategicState& strategic,
                    RandomStreams& streams);
// actions.cpp: what the chosen rungs do.
void carry_out_actions(const Shared& sh, const RunParams& params, StrategicState& strategic,
                       DiplomacyState& diplomacy, InsurgencyState& insurgency, PostColumns& posts,
                       EconomyState& economy, RefugeeState& refugees, RandomStreams& streams,
                       Ledger& ledger);
// incidents.cpp: incidents at the posts, some become clashes.
void border_incidents(const Shared& sh, const RunParams& params, PostColumns& posts,
                      StrategicState& strategic, DiplomacyState& diplomacy, RandomStreams& streams,
                      Ledger& ledger);
// diplomacy.cpp: mediators engage, rounds of talks (hosts promise restraint), ceasefires.
void update_diplomacy(const Shared& sh, const RunParams& params, const StrategicState& strategic,
                      DiplomacyState& diplomacy, InsurgencyState& insurgency,
                      RandomStreams& streams, Ledger& ledger);
/// An event of state i toward state j coded `code` (actions.cpp): actor, target, code and score.
[[nodiscard]] EventRecord state_event(const Shared& sh, int i, int j, const CameoCode& code);

/// The pressure active mediators put on state i to keep its hands off j: the sum of their
/// leverage pressure, x (1 + mediator_alarm x the pair's nuclear signal stocks) (decisions.cpp).
[[nodiscard]] double mediator_pressure(const Shared& sh, const RunParams& params,
                                       const DiplomacyState& diplomacy,
                                       const StrategicState& strategic, int i, int j);
// economy.cpp: calm days, reopening, trade that crossed and trade lost.
void update_crossings(const Shared& sh, const RunParams& params, const StrategicState& strategic,
                      const DiplomacyState& diplomacy, const InsurgencyState& insurgency,
                      EconomyState& economy, RandomStreams& streams, Ledger& ledger);
/// Is what state i asks before reopening a crossing to j or lifting a measure on j met
/// (StateParams::reopen_demand)? `fought`: the pair was in armed conflict since the closure or the
/// measure (a `ceasefire` demand asks for a ceasefire only then).
[[nodiscard]] bool reopen_demand_met(const Shared& sh, const DiplomacyState& diplomacy,
                                     const InsurgencyState& insurgency, int i, int j, bool fought);
// refugees.cpp: returns through open crossings; returnees settle (no random draws).
void update_refugees(const Shared& sh, const PolicyState& policies, const EconomyState& economy,
                     RefugeeState& refugees, Ledger& ledger);
// society.cpp: hardship, displacement, legitimacy, Epstein activation, arrests; reads and clears
// the district deaths.
void update_society(const Shared& sh, const RunParams& params, const EconomyState& economy,
                    const RefugeeState& refugees, const InsurgencyState& insurgency,
                    DistrictDeaths& district_deaths, SocietyState& society, RandomStreams& streams);
// insurgency.cpp: losses to operations, recruitment, splitting; the host's tolerance.
void update_cells(const Shared& sh, const RunParams& params, const SocietyState& society,
                  const EconomyState& economy, InsurgencyState& insurgency, RandomStreams& streams,
                  Ledger& ledger);
// hostility_phase.cpp: the Richardson update from today's events.
void update_hostility(StrategicState& strategic, const StrategicParams& p, const RunParams& params,
                      const DayLog& today);
// actions.cpp: posts taken from their owner are handed back under a ceasefire between the two;
// garrisons reinforce, readiness decays.
void recover_forces(const Shared& sh, const DiplomacyState& diplomacy, PostColumns& posts,
                    RandomStreams& streams, Ledger& ledger);
// record.cpp: the daily series. The recorder reads every state and writes only the record.
void record_day(const World& w, RunResult& record);
// record.cpp: what policy triggers see tomorrow.
void remember_for_triggers(const Shared& sh, const StrategicState& strategic,
                           const EconomyState& economy, const DayLog& today,
                           TriggerMemory& yesterday);

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
/// Runs the daily phase called `name` on w, as step() does (tests call phases through it).
/// Throws std::invalid_argument for a name that is not a daily phase. step.cpp.
void run_phase(World& w, std::string_view name);
/// The same day with `society` called in place of update_society: the benchmarks time the
/// citizen update inside real days with it. step.cpp.
void step_with_society(World& w, const std::function<void(World&)>& society);

/// One armed-group attack in a district (exogenous or scripted): fatalities are drawn from the
/// attack type unless given (>= 0); attribution and doctrine triggers follow. insurgency.cpp.
/// `cell` is the attacking cell, or -1 for an attack without one.
void carry_out_attack(const Shared& sh, const RunParams& params, InsurgencyState& insurgency,
                      StrategicState& strategic, RandomStreams& streams, Ledger& ledger,
                      GroupId group, DistrictId district, int attack_type,
                      const std::array<double, 3>& given_fatalities, int cell);

/// Remembers deaths that state `victim` blames on state `blamed` (`kind`: an attributed armed-group
/// attack, a strike, or fire and clashes by `blamed` itself) in each of the victim's doctrines
/// that answers that kind and, when one is met, schedules its retaliation after a random lag.
/// insurgency.cpp.
void consider_doctrine(const RunParams& params, StrategicState& strategic, RandomStreams& streams,
                       int day, StateId victim, StateId blamed, double deaths,
                       DoctrineTrigger kind);

/// Ends a ceasefire between i and j, if one is in force, because i used force: a 196 event by i,
/// a breakdown counted, monitoring and offers cleared. diplomacy.cpp.
void break_ceasefire(const Shared& sh, DiplomacyState& diplomacy, Ledger& ledger, int i, int j);

/// Forgets both sides' ceasefire offers (when a ceasefire forms or breaks). diplomacy.cpp.
void clear_ceasefire_offers(DiplomacyState& diplomacy, int i, int j);

/// Books a clash between attacker a and defender b in sector k, fought with the weapons and at
/// the intensity of `fire`: deaths and injured by side and district, the civilian harm of the
/// fire into each side's border district, war costs, the clash event with claims, capture
/// events. actions.cpp.
void book_clash(const Shared& sh, const RunParams& params, StrategicState& strategic,
                RandomStreams& streams, Ledger& ledger, int sector, int a, int b,
                const ClashOutcome& out, const ClashParams& fire, const CameoCode& code);

/// P(a party joins a round of talks): logistic(join_lambda * (join_base + war weariness +
/// leverage x credibility - audience_weight x publicity)). diplomacy.cpp.
[[nodiscard]] double join_probability(const TalksParams& p, double war_weariness,
                                      double leverage_pressure, double audience_weight,
                                      double publicity);
/// The pressure mediator m puts on state s: leverage over s x credibility x the multiplier of a
/// mediation policy. Used by talks (join and agreement) and by the strategic choice (the
/// third-party term). diplomacy.cpp.
[[nodiscard]] double leverage_pressure(const Shared& sh, const RunParams& params, ActorId mediator,
                                       StateId s);
/// P(a round both parties join ends in a ceasefire). diplomacy.cpp.
[[nodiscard]] double agreement_probability(const TalksParams& p, double mean_leverage_pressure);

/// P(an incident becomes a clash). incidents.cpp.
[[nodiscard]] double incident_clash_probability(const TalksParams& p, double uncertainty,
                                                double hotline, double joint_patrols);

/// Closes every open crossing between states i and j on `day`, as closed by i. economy.cpp.
void close_crossings(const Shared& sh, const StrategicState& strategic, EconomyState& economy,
                     int day, int i, int j, int min_closed_days);

/// A Poisson count of mean `mean` (0 when mean <= 0): deaths, militants killed, attacks of a
/// day. actions.cpp.
[[nodiscard]] std::int32_t draw_count(double mean, Engine& rng);

}  // namespace flashpoint
