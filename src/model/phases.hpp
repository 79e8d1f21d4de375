#pragma once
// The phases of the daily step, in the order step() calls them (docs/model.md, "Process
// overview and scheduling"). Each phase lives in the file named after its sub-model.
#include <array>

#include "model/world.hpp"

namespace flashpoint {

void start_policies(World& w);       // policies.cpp
void armed_group_attacks(World& w);  // insurgency.cpp
void choose_actions(World& w);       // decisions.cpp
void carry_out_actions(World& w);    // actions.cpp
void update_diplomacy(World& w);     // diplomacy.cpp
void update_crossings(World& w);     // economy.cpp
void update_hostility(World& w);     // hostility_phase.cpp
void recover_forces(World& w);       // actions.cpp
void prepare_result(World& w);       // record.cpp: sizes every series before day 0
void record_day(World& w);           // record.cpp
void finish_run(World& w);           // record.cpp

/// One armed-group attack in a district (exogenous or scripted): fatalities are drawn from the
/// attack type unless given (>= 0); attribution and doctrine triggers follow. insurgency.cpp.
void carry_out_attack(World& w, int group, int district, int attack_type,
                      const std::array<double, 3>& given_fatalities);

/// Forgets both sides' ceasefire offers (when a ceasefire forms or breaks). diplomacy.cpp.
void clear_ceasefire_offers(World& w, int i, int j);

/// Closes every open crossing between states i and j, as closed by i. economy.cpp.
void close_crossings(World& w, int i, int j, int min_closed_days);

}  // namespace flashpoint
