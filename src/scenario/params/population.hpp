#pragma once
// Citizens, legitimacy and displacement (Epstein 2002, well mixed within a district), and
// refugees hosted across the border.
// Each struct is followed by the descriptor of its parameters (params.hpp): adding a parameter
// means adding the field and its row here. In-class initialisers equal the rows' defaults (a
// unit test checks it). Calibrated defaults: see docs/validation.md for the runs that chose them.
#include <array>

#include "scenario/params.hpp"

namespace flashpoint {

/// Citizens, districts and displacement (Epstein 2002, well mixed within a district).
struct PopulationParams {
  double people_per_agent = 0;        ///< sampling weight; 0 = no citizen agents
  double arrest_constant = 2.3;       ///< k
  double activation_threshold = 0.1;  ///< T
  double vision = 40;                 ///< citizens a citizen sees (turns densities into counts)
  double arrest_rate = 0.1;           ///< share of actives arrested per day at P = 1
  int max_jail_days = 90;
  double security_surge = 50;     ///< policing target = presence x (1 + surge x active share)
  double surge_rate = 0.1;        ///< share of the gap to that target closed per day
  int spinup_days = 30;           ///< days of Epstein's rule alone before day 0
  double sanctuary_escape = 0.5;  ///< arrest risk a sanctuary across the line removes at sigma 1
  double legitimacy_recovery = 0.01;   ///< per day toward the district's target
  double legitimacy_harm = 0.01;       ///< lost per civilian death per 100,000 people
  double legitimacy_hardship = 0.002;  ///< lost per day per unit of hardship
  double legitimacy_security = 2.0;    ///< target gain per unit of added security presence
  double hardship_trade = 0.5;         ///< hardship per unit of trade dependence when trade stops
  double hardship_returnees = 0.3;     ///< hardship per unit of returnee strain
  double hardship_displacement = 1.0;  ///< hardship per displaced share of the population
  double displacement_per_death = 50;  ///< people displaced per violent death in the district
  double return_rate = 0.02;           ///< share of the displaced who return per day
  double returnee_memory_days = 30;    ///< e-folding time of the returnee strain memory
  double deport_action_boost = 1.5;  ///< forced-return rates x this after a deport action (rung 5)
  int deport_action_days = 30;       ///< how long that boost lasts
};

namespace params {
inline constexpr auto kPopulation = param_section<PopulationParams>(
    "population", "population",
    {
        {"people_per_agent", &PopulationParams::people_per_agent, kNumber, 0, 0, 1e9, "people",
         "sampling weight of a citizen agent; 0 = no citizen agents",
         "scenario input: each file picks its resolution; 0 = none"},
        {"arrest_constant", &PopulationParams::arrest_constant, kNumber, 2.3, 0, 100, "-",
         "k of P = 1 - exp(-k C/(A+1))", "source: Epstein 2002"},
        {"activation_threshold", &PopulationParams::activation_threshold, kNumber, 0.1, 0, 1, "-",
         "T: active when G - N > T", "source: Epstein 2002"},
        {"vision", &PopulationParams::vision, kNumber, 40, 1, 1e6, "citizens",
         "citizens one citizen sees: turns district densities into the counts C and A",
         "assumption"},
        {"arrest_rate", &PopulationParams::arrest_rate, kNumber, 0.1, 0, 1, "1/day",
         "share of active citizens arrested per day at P = 1", "assumption"},
        {"max_jail_days", &PopulationParams::max_jail_days, kInteger, 90, 0, 36500, "days",
         "jail terms are uniform on 1..max_jail_days", "assumption"},
        {"security_surge", &PopulationParams::security_surge, kNumber, 50, 0, 1000, "-",
         "the governing state reinforces policing in a restive district toward presence x (1 + "
         "security_surge x active share)",
         "calibrated: no seed district over 25% active (plausibility)"},
        {"surge_rate", &PopulationParams::surge_rate, kNumber, 0.1, 0, 1, "1/day",
         "share of the gap between the policing added and its target closed per day",
         "assumption: reinforcements take about ten days"},
        {"spinup_days", &PopulationParams::spinup_days, kInteger, 30, 0, 3650, "days",
         "days of Epstein's rule and arrests alone before day 0, so a run starts from its "
         "society's own state, not from nobody active",
         "assumption: long enough for the first outburst to pass"},
        {"sanctuary_escape", &PopulationParams::sanctuary_escape, kNumber, 0.5, 0, 1, "-",
         "share of the target state's arrest risk that a tolerated sanctuary across the line "
         "removes, at tolerance sigma 1, in the target's districts on that line",
         "assumption"},
        {"legitimacy_recovery", &PopulationParams::legitimacy_recovery, kNumber, 0.01, 0, 1,
         "1/day", "share of the gap to the district's target legitimacy closed per day",
         "assumption"},
        {"legitimacy_harm", &PopulationParams::legitimacy_harm, kNumber, 0.01, 0, 10,
         "per death per 100k", "legitimacy lost per civilian death per 100,000 residents",
         "calibrated: no district over 25% active (plausibility)"},
        {"legitimacy_hardship", &PopulationParams::legitimacy_hardship, kNumber, 0.002, 0, 1,
         "per day", "legitimacy lost per day per unit of district hardship", "assumption"},
        {"legitimacy_security", &PopulationParams::legitimacy_security, kNumber, 2.0, 0, 100,
         "per unit security", "target legitimacy gained per unit of added security presence",
         "assumption"},
        {"hardship_trade", &PopulationParams::hardship_trade, kNumber, 0.5, 0, 1, "-",
         "hardship per unit of trade dependence when the state's crossings are closed",
         "assumption"},
        {"hardship_returnees", &PopulationParams::hardship_returnees, kNumber, 0.3, 0, 1, "-",
         "hardship per unit of returnee strain (returns in 30 days / receiving capacity)",
         "assumption"},
        {"hardship_displacement", &PopulationParams::hardship_displacement, kNumber, 1.0, 0, 10,
         "-", "hardship per displaced share of the district's people", "assumption"},
        {"displacement_per_death", &PopulationParams::displacement_per_death, kNumber, 50, 0, 1e6,
         "people/death", "people displaced per violent death in the district", "assumption"},
        {"return_rate", &PopulationParams::return_rate, kNumber, 0.02, 0, 1, "1/day",
         "share of the displaced who return home per day", "assumption"},
        {"returnee_memory_days", &PopulationParams::returnee_memory_days, kNumber, 30, 1, 3650,
         "days", "e-folding time over which a district forgets returnees (their strain)",
         "assumption"},
        {"deport_action_boost", &PopulationParams::deport_action_boost, kNumber, 1.5, 1, 100, "-",
         "forced-return rates x this after a deport action (rung 5)", "assumption"},
        {"deport_action_days", &PopulationParams::deport_action_days, kInteger, 30, 0, 3650, "days",
         "how long the boost of a deport action lasts", "assumption"},
    });
}  // namespace params

enum class RefugeeClass { kRegistered = 0, kCardHolders = 1, kUndocumented = 2 };
inline constexpr int kRefugeeClassCount = 3;

/// Refugees of `origin` hosted by `host` at the start of the run, by class.
struct RefugeePopulation {
  int host = -1, origin = -1;  ///< actor indices (states)
  std::array<double, kRefugeeClassCount> stock{};
  /// Share returning per day without a deportation phase (row refugees.voluntary_return_rate).
  double voluntary_return_rate = 0.0002;
};

/// A refugees entry as written in the file: RefugeePopulation keeps the three stocks in an array,
/// by RefugeeClass; the loader copies them there.
struct RefugeeFields {
  double registered = 0, card_holders = 0, undocumented = 0, voluntary_return_rate = 0.0002;
};

namespace params {
inline constexpr auto kRefugees = param_section<RefugeeFields>(
    "refugees", "refugees[]",
    {
        {"registered", &RefugeeFields::registered, kNumber, 0, 0, 1e9, "people",
         "registered refugees", "scenario input"},
        {"card_holders", &RefugeeFields::card_holders, kNumber, 0, 0, 1e9, "people",
         "holders of other documents (e.g. citizen cards)", "scenario input"},
        {"undocumented", &RefugeeFields::undocumented, kNumber, 0, 0, 1e9, "people",
         "undocumented people", "scenario input"},
        {"voluntary_return_rate", &RefugeeFields::voluntary_return_rate, kNumber, 0.0002, 0, 1,
         "1/day", "share returning per day without a deportation phase", "assumption"},
    });
}  // namespace params

}  // namespace flashpoint
