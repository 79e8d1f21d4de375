#pragma once
// Armed-group cells and sanctuary (model layer 2).
// Each struct is followed by the descriptor of its parameters (params.hpp): adding a parameter
// means adding the field and its row here. In-class initialisers equal the rows' defaults (a
// unit test checks it). Calibrated defaults: see docs/validation.md for the runs that chose them.

#include "scenario/params.hpp"

namespace flashpoint {

/// Scenario-wide parameters of armed-group cells and sanctuary (model layer 2).
struct InsurgencyParams {
  double base_rate = 0.075;  ///< attacks per cell-day at reference strength
  double reference_fighters = 100;
  double strength_exponent = 0.5;  ///< gamma
  double sanctuary_bonus = 1.0;    ///< hazard x (1 + bonus * sigma) for cells on the host's soil
  double ci_effect = 20;           ///< CI pressure = 1 - exp(-ci_effect * security_presence)
  double ceasefire_effect = 0.3;   ///< hazard x (1 - effect) under a host-target ceasefire; < 1
  double attack_range_km = 200;    ///< target weights fall as exp(-distance / range)
  double operations_loss_rate = 0.0015;  ///< share of fighters lost per day at CI pressure 1
  double recruit_rate = 1.5e-5;          ///< fighters recruited per active citizen per day
  double recruit_lag_days = 30;  ///< the recruitment pool follows the active citizens with this lag
  double split_fighters = 600;   ///< a cell larger than this splits in two
  double min_fighters = 5;       ///< a cell smaller than this dissolves
  int max_cells = 500;           ///< cells per group at most
  double sigma_affinity_rate = 0.01;  ///< daily pull of sigma toward the host's affinity
  double sigma_coercion = 0.01;  ///< sigma lost per hostile act (rung >= 6) by the target state
  double sigma_regional = 0.01;  ///< sigma lost per unit of regional pressure per day
  double sigma_promise = 0.005;  ///< sigma lost per round of talks the host joins
  double sigma_floor = 0.2;      ///< sigma never falls below this (commitment problem)
};

namespace params {
inline constexpr auto kInsurgency = param_section<InsurgencyParams>(
    "insurgency", "insurgency",
    {
        {"base_rate", &InsurgencyParams::base_rate, kNumber, 0.075, 0, 10, "attacks/cell-day",
         "attack hazard of a cell at reference strength, no sanctuary, no pressure",
         "calibrated: target 5a, about 2.3 attacks a day (PICSS, PIPS 2025)"},
        {"reference_fighters", &InsurgencyParams::reference_fighters, kNumber, 100, 1, 1e6,
         "fighters", "strength at which (fighters/ref)^gamma = 1", "assumption"},
        {"strength_exponent", &InsurgencyParams::strength_exponent, kNumber, 0.5, 0, 3, "-",
         "gamma", "assumption"},
        {"sanctuary_bonus", &InsurgencyParams::sanctuary_bonus, kNumber, 1.0, 0, 10, "-",
         "hazard x (1 + bonus * sigma) for cells on the host's soil", "assumption"},
        {"ci_effect", &InsurgencyParams::ci_effect, kNumber, 20, 0, 1000, "per unit security",
         "counter-insurgency pressure = 1 - exp(-ci_effect * security_presence)", "assumption"},
        {"ceasefire_effect", &InsurgencyParams::ceasefire_effect, kNumber, 0.3, 0, 0.95, "-",
         "hazard x (1 - effect) while the host and the target state keep a ceasefire; below 1: "
         "promises never switch attacks off",
         "assumption"},
        {"attack_range_km", &InsurgencyParams::attack_range_km, kNumber, 200, 1, 5000, "km",
         "target districts are weighted by exp(-distance / range)",
         "assumption: most attacks within 200 km of the line (PIPS)"},
        {"operations_loss_rate", &InsurgencyParams::operations_loss_rate, kNumber, 0.0015, 0, 1,
         "1/day", "share of a cell's fighters killed per day at counter-insurgency pressure 1",
         "calibrated: target 5b, militant share of deaths (PICSS 2025)"},
        {"recruit_rate", &InsurgencyParams::recruit_rate, kNumber, 1.5e-5, 0, 1,
         "fighters/active-day", "fighters recruited per active citizen per day",
         "calibrated: group strength near 6,000-6,500 (UN monitoring)"},
        {"recruit_lag_days", &InsurgencyParams::recruit_lag_days, kNumber, 30, 1, 3650, "days",
         "the pool recruitment draws on follows a district's active citizens as a first-order lag "
         "of this many days (1: no lag)",
         "assumption: joining takes weeks to months of contact and training"},
        {"split_fighters", &InsurgencyParams::split_fighters, kNumber, 600, 1, 1e6, "fighters",
         "a cell larger than this splits in two", "assumption: cells of a few hundred fighters"},
        {"min_fighters", &InsurgencyParams::min_fighters, kNumber, 5, 0, 1e6, "fighters",
         "a cell smaller than this dissolves", "assumption"},
        {"max_cells", &InsurgencyParams::max_cells, kInteger, 500, 1, 100000, "cells",
         "cells per group at most", "assumption"},
        {"sigma_affinity_rate", &InsurgencyParams::sigma_affinity_rate, kNumber, 0.01, 0, 1,
         "1/day", "daily pull of the host's tolerance sigma toward its affinity", "assumption"},
        {"sigma_coercion", &InsurgencyParams::sigma_coercion, kNumber, 0.01, 0, 1, "per act",
         "sigma lost per hostile act (rung >= 6) of the target state against the host",
         "assumption"},
        {"sigma_regional", &InsurgencyParams::sigma_regional, kNumber, 0.01, 0, 1,
         "per unit pressure-day", "sigma lost per unit of regional pressure per day", "assumption"},
        {"sigma_promise", &InsurgencyParams::sigma_promise, kNumber, 0.005, 0, 1, "per round",
         "sigma lost per round of talks the host joins",
         "assumption: promises move tolerance slowly (FACTS: \"internal matter\")"},
        {"sigma_floor", &InsurgencyParams::sigma_floor, kNumber, 0.2, 0, 1, "-",
         "sigma never falls below this: the host cannot bind the group", "assumption"},
    });
}  // namespace params

}  // namespace flashpoint
