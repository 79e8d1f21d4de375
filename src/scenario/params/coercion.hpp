#pragma once
// Non-military coercion (issue 15, item 7; docs/model.md 7.22): measures a state imposes on
// another and keeps in force until it lifts them: diplomatic downgrades, visa suspensions,
// airspace closures, financial pressure and treaty suspensions. Each struct is followed by the
// descriptor of its parameters (params.hpp): adding a parameter means adding the field and its row
// here. In-class initialisers equal the rows' defaults (a unit test checks it).
#include "scenario/params.hpp"

namespace flashpoint {

struct CoercionParams {
  double publicity = 1.0;   ///< public commitment a measure adds (a threat adds 1)
  double grievance = 0.05;  ///< added to the target's grievance g_ji per measure in force, per day
  double trade_cut = 0.9;   ///< share of the target's exports across that financial pressure stops
  double lift_rate = 0.01;  ///< P(a measure is lifted) per calm day once its demand is met
  int lift_calm_days = 30;  ///< calm days before a measure may be lifted
};

namespace params {
inline constexpr auto kCoercion = param_section<CoercionParams>(
    "coercion", "coercion",
    {
        {"publicity", &CoercionParams::publicity, kNumber, 1.0, 0, 10, "threats",
         "public commitment a measure adds to the imposer's audience-cost stock (a threat adds "
         "1): lifting it is then backing down",
         "assumption: a public measure commits as a threat does"},
        {"grievance", &CoercionParams::grievance, kNumber, 0.05, 0, 10, "hostility/day",
         "added to the target's grievance toward the imposer each day, per measure in force",
         "assumption: the default Richardson grievance (relations[].grievance 0.05)"},
        {"trade_cut", &CoercionParams::trade_cut, kNumber, 0.9, 0, 1, "-",
         "share of the target's exports across the pair's crossings that financial_pressure "
         "stops (tariffs, trade status withdrawn)",
         "assumption: a prohibitive duty, as the 200% duty of Feb 2019 (FACTS)"},
        {"lift_calm_days", &CoercionParams::lift_calm_days, kInteger, 30, 0, 3650, "days",
         "days at or below operations.reopen_max_level before the imposer may lift a measure",
         "assumption: about a month"},
        {"lift_rate", &CoercionParams::lift_rate, kNumber, 0.01, 0, 1, "1/day",
         "P(the imposer lifts a measure) per calm day once its reopen_demand is met",
         "assumption: months (an airspace closure of 2019 lasted 140 days: FACTS)"},
    });
}  // namespace params

}  // namespace flashpoint
