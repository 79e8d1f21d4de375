#include "scenario/params.hpp"

#include <array>

namespace flashpoint {

namespace {

using enum ParamType;
constexpr double kBig = 1e12;

// Calibrated defaults: see docs/validation.md for the runs that chose them.
constexpr std::array kTable = std::to_array<ParamSpec>({
    // --- top level -----------------------------------------------------------------------
    {"scenario", "days", kInteger, 0, 1, 36500, "days", "length of the run", true},
    {"scenario", "seed", kInteger, 1, 0, 9.0e15, "-", "master seed (run seeds derive from it)"},

    // --- states ----------------------------------------------------------------------------
    {"state", "capability", kNumber, 0.5, 0, 1, "-", "relative military capability"},
    {"state", "resolve", kNumber, 0.5, 0, 1, "-",
     "willingness to bear costs: scales down the expected-cost terms"},
    {"state", "rationality", kNumber, 6.0, 0, 100, "1/utility",
     "logit lambda: 0 picks uniformly, large values pick the best action"},
    {"state", "audience_weight", kNumber, 0.5, 0, 1, "-",
     "weight of audience costs for backing down after public threats"},
    {"state", "trade_exposure", kNumber, 0.3, 0, 1, "-",
     "share of the economy's pain from a closure (scales the trade-cost term)"},
    {"state", "hostility_fatigue", kNumber, 0.08, 0, 1, "1/day",
     "Richardson fatigue a_i: share of hostility that fades each day"},
    {"state", "attribution_probability", kNumber, 0.8, 0, 1, "-",
     "probability that an armed-group attack on its soil is blamed on the group's host"},
    {"state", "hosts_refugees", kBoolean, 0, 0, 1, "-", "holds refugees and may deport (rung 5)"},

    // --- retaliation doctrine (inside a state) ------------------------------------------
    {"doctrine", "enabled", kBoolean, 0, 0, 1, "-", "the doctrine is in force"},
    {"doctrine", "fatality_threshold", kNumber, 10, 0, 1e6, "deaths",
     "deaths in one attributed attack that trigger retaliation"},
    {"doctrine", "cumulative_threshold", kNumber, 80, 0, 1e6, "deaths",
     "attributed deaths within window_days that trigger retaliation"},
    {"doctrine", "window_days", kInteger, 14, 1, 365, "days", "window of the cumulative threshold"},
    {"doctrine", "rung", kInteger, 6, 1, 9, "rung", "rung of the retaliatory strike"},
    {"doctrine", "utility_bonus", kNumber, 1.5, 0, 10, "utility",
     "utility added to the strike while a trigger is due"},
    {"doctrine", "lag_probabilities", kNumberList, 0, 0, 1, "-",
     "P(lag = 0, 1, 2, ... days) between trigger and strike; must sum to 1", false,
     "[0.3, 0.5, 0.2]"},
    {"doctrine", "expiry_days", kInteger, 4, 0, 60, "days",
     "days after the lag during which the bonus stays"},

    // --- armed groups -----------------------------------------------------------------------
    {"armed_group", "fighters", kNumber, 1000, 0, 1e7, "fighters", "strength of the group"},
    {"armed_group", "sanctuary_tolerance", kNumber, 0.5, 0, 1, "-",
     "host's tolerance sigma (how safe the group is on the host's soil)"},

    // --- mediators -----------------------------------------------------------------------------
    {"mediator", "credibility", kNumber, 0.5, 0, 1, "-", "credibility with the parties"},
    {"mediator", "activation_level", kInteger, 6, 0, 9, "rung",
     "escalation level at which the mediator becomes active"},
    {"mediator", "leverage", kNumber, 0, 0, 1, "-",
     "leverage over each party (a map: actor id -> value)"},

    // --- relations (directed, between states) -------------------------------------------
    {"relation", "initial_hostility", kNumber, 1.0, 0, 1000, "hostility", "H_ij at day 0"},
    {"relation", "reaction", kNumber, 0.02, 0, 1, "1/day", "Richardson reaction k_ij"},
    {"relation", "grievance", kNumber, 0.05, 0, 100, "hostility/day", "Richardson grievance g_ij"},

    // --- districts -----------------------------------------------------------------------------
    {"district", "lat", kNumber, 0, -90, 90, "degrees", "latitude of the centroid", true},
    {"district", "lon", kNumber, 0, -180, 180, "degrees", "longitude of the centroid", true},
    {"district", "population", kNumber, 0, 0, 1e10, "people", "population"},
    {"district", "attack_rate_per_day", kNumber, 0, 0, 100, "attacks/day",
     "exogenous armed-group attacks (until the cell layer exists)"},

    // --- sectors and posts -------------------------------------------------------------------
    {"sector", "length_km", kNumber, 0, 0, 10000, "km", "length of the sector", true},
    {"sector", "lat", kNumber, 0, -90, 90, "degrees", "latitude of the centroid", true},
    {"sector", "lon", kNumber, 0, -180, 180, "degrees", "longitude of the centroid", true},
    {"posts", "count", kInteger, 0, 0, 10000, "posts", "posts of this side in the sector", true},
    {"posts", "garrison", kNumber, 10, 1, 1e5, "soldiers", "soldiers per post at the start"},
    {"posts", "fortification", kNumber, 0.5, 0, 1, "-", "share of incoming fire absorbed"},

    // --- crossings -----------------------------------------------------------------------------
    {"crossing", "exports_usd_per_day", kNumber, 0, 0, kBig, "USD/day",
     "goods each side sends across (a map: state id -> value)"},
    {"crossing", "people_per_day", kNumber, 0, 0, 1e8, "people/day", "people crossing daily"},

    // --- strategic layer ---------------------------------------------------------------------
    {"strategic", "hostility_event_scale", kNumber, 0.03, 0, 10, "hostility/Goldstein",
     "s: hostility added per unit of -Goldstein of the events received"},
    {"strategic", "level_window_days", kInteger, 3, 1, 60, "days",
     "the escalation level is the highest rung used in this many days"},
    {"strategic", "max_step", kInteger, 2, 1, 12, "rungs",
     "rungs a state may climb above the level in one day (doctrine excepted)"},
    {"strategic", "threat_reference", kNumber, 6, 0.01, 1000, "hostility",
     "hostility at which the threat term reaches 1 - 1/e"},
    {"strategic", "attack_memory_days", kNumber, 10, 0.1, 365, "days",
     "e-folding time of remembered attributed deaths"},
    {"strategic", "attack_reference", kNumber, 15, 0.1, 1e6, "deaths",
     "attributed deaths at which the threat term reaches 1 - 1/e"},
    {"strategic", "publicity_memory_days", kNumber, 14, 0.1, 365, "days",
     "e-folding time of public threats (audience costs)"},
    {"strategic", "war_cost_memory_days", kNumber, 20, 0.1, 365, "days",
     "e-folding time of own war deaths (war weariness)"},
    {"strategic", "war_cost_reference", kNumber, 40, 0.1, 1e6, "deaths",
     "own recent deaths at which war weariness reaches 1 - 1/e"},
    {"strategic", "attributed_attack_rung", kInteger, 6, 1, 9, "rung",
     "rung at which an attributed armed-group attack counts as the host's act"},
    {"strategic", "major_attack_deaths", kNumber, 5, 0, 1e6, "deaths",
     "an attributed attack counts as the host's act for reciprocity from this many deaths"},
    {"strategic", "ceasefire_window_days", kInteger, 3, 0, 60, "days",
     "days within which one side's ceasefire offer can be accepted by the other"},

    // --- utility weights -----------------------------------------------------------------------
    {"utility", "coercion", kNumber, 1.2, 0, 10, "utility", "coercive benefit: threat x rung"},
    {"utility", "reciprocity", kNumber, 0.6, 0, 10, "utility",
     "matching the adversary's last hostile rung"},
    {"utility", "retaliation_cost", kNumber, 0.8, 0, 10, "utility",
     "expected retaliation: adversary capability x (rung/9)^2"},
    {"utility", "trade_cost", kNumber, 0.5, 0, 10, "utility",
     "trade lost by closing crossings, x trade exposure"},
    {"utility", "third_party", kNumber, 0.6, 0, 10, "utility",
     "active mediators' leverage against rungs >= 6"},
    {"utility", "violation", kNumber, 1.0, 0, 10, "utility",
     "penalty for a hostile act (rung >= 6) under a ceasefire"},
    {"utility", "audience", kNumber, 0.5, 0, 10, "utility",
     "audience cost of backing down (rung <= 1) after public threats"},
    {"utility", "escalation_cost", kNumber, 0.4, 0, 10, "utility",
     "baseline cost of a hostile rung (r/9), x (1 - resolve)"},
    {"utility", "peace", kNumber, 0.3, 0, 10, "utility",
     "benefit of cooperative rungs when threat is low"},
    {"utility", "war_weariness", kNumber, 0.8, 0, 10, "utility",
     "benefit of cooperative rungs as own war deaths mount"},

    // --- operations --------------------------------------------------------------------------
    {"operations", "fire_effectiveness", kNumber, 0.7, 0, 10, "casualties/soldier-day",
     "alpha of the square law (aimed small-arms fire)"},
    {"operations", "artillery_effectiveness", kNumber, 0.08, 0, 10, "casualties/soldier^2-day",
     "beta of the linear law (area fire)"},
    {"operations", "artillery_share", kNumber, 0.3, 0, 1, "-",
     "P(an assault uses artillery: CAMEO 194, linear law)"},
    {"operations", "clash_intensity", kNumber, 1.0, 0, 100, "-", "intensity of an assault day"},
    {"operations", "offensive_intensity", kNumber, 1.5, 0, 100, "-",
     "intensity of an offensive day (all sectors)"},
    {"operations", "assault_sectors", kInteger, 6, 1, 1000, "sectors",
     "sectors an assault (rung 7) opens"},
    {"operations", "lethality", kNumber, 0.25, 0, 1, "-",
     "share of casualties (killed, wounded or withdrawn from the post) who die; 23 killed and 29 "
     "wounded on 11-12 Oct 2025 give 0.44 before withdrawals"},
    {"operations", "capture_threshold", kNumber, 0.6, 0, 1, "-",
     "garrison share below which a post can fall"},
    {"operations", "superiority_ratio", kNumber, 1.2, 0, 100, "-",
     "attacker/defender strength ratio needed to take a post"},
    {"operations", "reinforce_rate", kNumber, 0.1, 0, 1, "1/day",
     "share of a post's missing garrison restored per day"},
    {"operations", "readiness_gain", kNumber, 0.3, 0, 1, "-", "readiness added by mobilising"},
    {"operations", "readiness_decay", kNumber, 0.05, 0, 1, "1/day", "readiness lost per day"},
    {"operations", "strike_militants_mean", kNumber, 8, 0, 1000, "deaths",
     "rung 6: mean militant deaths per strike"},
    {"operations", "strike_civilians_mean", kNumber, 2, 0, 1000, "deaths",
     "rung 6: mean civilian deaths per strike"},
    {"operations", "deep_strike_forces_mean", kNumber, 10, 0, 1000, "deaths",
     "rung 8: mean forces deaths"},
    {"operations", "deep_strike_civilians_mean", kNumber, 12, 0, 1000, "deaths",
     "rung 8: mean civilian deaths"},
    {"operations", "deep_strike_militants_mean", kNumber, 10, 0, 1000, "deaths",
     "rung 8: mean militant deaths"},
    {"operations", "reopen_calm_days", kInteger, 14, 0, 3650, "days",
     "days at or below reopen_max_level before a closed crossing may reopen"},
    {"operations", "reopen_max_level", kInteger, 1, 0, 9, "rung",
     "highest escalation level that counts as calm"},
    {"operations", "reopen_rate", kNumber, 0.05, 0, 1, "1/day", "P(reopen) per calm day"},
    {"operations", "reopen_requires_ceasefire", kBoolean, 1, 0, 1, "-",
     "reopening is tied to assurances: only while a ceasefire is in force"},

    // --- attack types ------------------------------------------------------------------------
    {"attack_type", "share", kNumber, 1, 0, 1e6, "-", "relative frequency"},
    {"attack_type", "forces_mean", kNumber, 1, 0, 1000, "deaths", "mean security-force deaths"},
    {"attack_type", "civilians_mean", kNumber, 1, 0, 1000, "deaths", "mean civilian deaths"},
    {"attack_type", "militants_mean", kNumber, 0.5, 0, 1000, "deaths", "mean militant deaths"},

    // --- ladder adjustments --------------------------------------------------------------------
    {"ladder", "enabled", kBoolean, 1, 0, 1, "-", "the action is on the menu"},
    {"ladder", "bias", kNumber, 0, -10, 10, "utility", "added to the action's utility"},

    // --- scripted events
    // --------------------------------------------------------------------------
    {"event", "forces", kNumber, 0, 0, 1e6, "deaths", "scripted attack: security-force deaths"},
    {"event", "civilians", kNumber, 0, 0, 1e6, "deaths", "scripted attack: civilian deaths"},
    {"event", "militants", kNumber, 0, 0, 1e6, "deaths", "scripted attack: militant deaths"},

    // --- policies --------------------------------------------------------------------------------
    {"border_closure", "min_days", kInteger, 0, 0, 3650, "days",
     "crossings stay closed at least this long before the reopening rule applies"},
});

}  // namespace

std::span<const ParamSpec> parameter_table() {
  return kTable;
}

const ParamSpec* find_param(std::string_view section, std::string_view key) {
  for (const auto& p : kTable) {
    if (p.section == section && p.key == key) return &p;
  }
  return nullptr;
}

std::string_view section_location(std::string_view section) {
  if (section == "scenario") return "top level";
  if (section == "state") return "actors[] with type: state";
  if (section == "doctrine") return "actors[].doctrine (states)";
  if (section == "armed_group") return "actors[] with type: armed_group";
  if (section == "mediator") return "actors[] with type: mediator";
  if (section == "relation") return "relations[]";
  if (section == "district") return "districts[]";
  if (section == "sector") return "sectors[]";
  if (section == "posts") return "sectors[].posts[]";
  if (section == "crossing") return "crossings[]";
  if (section == "strategic") return "strategic";
  if (section == "utility") return "utility";
  if (section == "operations") return "operations";
  if (section == "attack_type") return "attack_types[]";
  if (section == "ladder") return "ladder.<action>";
  if (section == "event") return "events[].fatalities";
  if (section == "border_closure") return "policies[] with type: border_closure";
  return section;
}

}  // namespace flashpoint
