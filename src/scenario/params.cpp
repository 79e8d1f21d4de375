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
    // A resource bound, not a calibrated value (docs/model.md 7.20): the seed scenarios record
    // 250-2,800 events a run (7-8 a day), so 1e6 keeps 100-year runs of them whole, while a
    // flood of cell attacks (docs/reliability.md, "Resource bounds") stops growing the table
    // at about 180 MB (176 bytes an event). 1e7 is about 1.8 GB a run.
    {"scenario", "max_events_per_run", kInteger, 1.0e6, 0, 1.0e7, "events",
     "events a run records at most; later events still act but are counted in events_dropped "
     "instead of recorded"},

    // --- states ----------------------------------------------------------------------------
    {"state", "capability", kNumber, 0.5, 0, 1, "-", "relative military capability"},
    {"state", "resolve", kNumber, 0.5, 0, 1, "-",
     "willingness to bear costs: scales down the expected-cost terms"},
    {"state", "rationality", kNumber, 12.0, 0, 100, "1/utility",
     "logit lambda: 0 picks uniformly, large values pick the best action"},
    {"state", "audience_weight", kNumber, 0.5, 0, 1, "-",
     "weight of audience costs for backing down after public threats"},
    {"state", "trade_exposure", kNumber, 0.3, 0, 1, "-",
     "share of the economy's pain from a closure (scales the trade-cost term)"},
    {"state", "hostility_fatigue", kNumber, 0.08, 0, 1, "1/day",
     "Richardson fatigue a_i: share of hostility that fades each day"},
    {"state", "attribution_probability", kNumber, 0.8, 0, 1, "-",
     "probability that an armed-group attack on its soil is blamed on the group's host"},
    {"state", "misattribution_probability", kNumber, 0.3, 0, 1, "-",
     "probability that an attack by a cell on its own soil is still blamed on the host"},
    {"state", "outside_threat", kNumber, 0, 0, 10, "-",
     "threat from an outside rival, added inside the threat term (e.g. a rival said to back "
     "militants)"},
    {"state", "claim_enemy_factor", kNumber, 1, 0, 100, "-",
     "announced enemy losses / true enemy losses (claims)"},
    {"state", "claim_own_factor", kNumber, 1, 0, 10, "-",
     "announced own losses / true own losses (claims)"},
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
    {"armed_group", "affinity", kNumber, 0.5, 0, 1, "-",
     "host's ideological affinity: the level its tolerance sigma drifts toward"},
    {"cell", "fighters", kNumber, 0, 0, 1e6, "fighters", "fighters of a cell at the start", true},

    // --- mediators -----------------------------------------------------------------------------
    {"mediator", "credibility", kNumber, 0.5, 0, 1, "-", "credibility with the parties"},
    {"mediator", "activation_level", kInteger, 6, 0, 9, "rung",
     "escalation level at which the mediator becomes active"},
    {"mediator", "leverage", kNumber, 0, 0, 1, "-",
     "leverage over each party (a map: actor id -> value)"},
    {"mediator", "round_interval_days", kInteger, 7, 1, 365, "days",
     "days between the rounds of talks it convenes"},
    {"mediator", "regional_pressure", kNumber, 0, 0, 1, "1/day",
     "pressure it puts on hosts to lower their sanctuary tolerance (regional powers)"},

    // --- relations (directed, between states) -------------------------------------------
    {"relation", "initial_hostility", kNumber, 1.0, 0, 1000, "hostility", "H_ij at day 0"},
    {"relation", "reaction", kNumber, 0.02, 0, 1, "1/day", "Richardson reaction k_ij"},
    {"relation", "grievance", kNumber, 0.05, 0, 100, "hostility/day", "Richardson grievance g_ij"},

    // --- districts -----------------------------------------------------------------------------
    {"district", "lat", kNumber, 0, -90, 90, "degrees", "latitude of the centroid", true},
    {"district", "lon", kNumber, 0, -180, 180, "degrees", "longitude of the centroid", true},
    {"district", "population", kNumber, 0, 0, 1e10, "people", "population"},
    {"district", "attack_rate_per_day", kNumber, 0, 0, 100, "attacks/day",
     "armed-group attacks per day given as an input (beside those of cells)"},
    {"district", "security_presence", kNumber, 0.02, 0, 1, "per citizen",
     "security forces per citizen (Epstein's cop density)"},
    {"district", "legitimacy", kNumber, 0.7, 0, 1, "-",
     "legitimacy of the governing authority at the start (Epstein's L)"},
    {"district", "trade_dependence", kNumber, 0, 0, 1, "-",
     "share of livelihoods tied to cross-border trade"},
    {"district", "receiving_capacity", kNumber, 0, 0, 1e9, "people/30 days",
     "returnees it absorbs in 30 days without strain"},
    {"district", "return_share", kNumber, 0, 0, 1e6, "-",
     "relative share of returnees who settle here"},
    {"district", "target_weight", kNumber, 1, 0, 1e6, "-",
     "relative attractiveness as an attack target"},

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
    {"strategic", "attack_reference", kNumber, 50, 0.1, 1e6, "deaths",
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
    {"utility", "escalation_cost", kNumber, 1.0, 0, 10, "utility",
     "baseline cost of a hostile rung (r/9), x (1 - resolve/2)"},
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
    {"operations", "reopen_max_level", kInteger, 5, 0, 9, "rung",
     "highest escalation level that counts as calm"},
    {"operations", "reopen_rate", kNumber, 0.05, 0, 1, "1/day", "P(reopen) per calm day"},
    {"operations", "reopen_requires_ceasefire", kBoolean, 1, 0, 1, "-",
     "after armed conflict (level >= 6) since the closure, reopening is tied to assurances: only "
     "while a ceasefire is in force"},
    {"operations", "returns_share_of_capacity", kNumber, 0.5, 0, 1, "-",
     "share of an open crossing's people_per_day available to returning refugees"},

    // --- armed-group cells and sanctuary -----------------------------------------------------
    {"insurgency", "base_rate", kNumber, 0.01, 0, 10, "attacks/cell-day",
     "attack hazard of a cell at reference strength, no sanctuary, no pressure"},
    {"insurgency", "reference_fighters", kNumber, 100, 1, 1e6, "fighters",
     "strength at which (fighters/ref)^gamma = 1"},
    {"insurgency", "strength_exponent", kNumber, 0.5, 0, 3, "-", "gamma"},
    {"insurgency", "sanctuary_bonus", kNumber, 1.0, 0, 10, "-",
     "hazard x (1 + bonus * sigma) for cells on the host's soil"},
    {"insurgency", "ci_effect", kNumber, 20, 0, 1000, "per unit security",
     "counter-insurgency pressure = 1 - exp(-ci_effect * security_presence)"},
    {"insurgency", "ceasefire_effect", kNumber, 0.3, 0, 0.95, "-",
     "hazard x (1 - effect) while the host and the target state keep a ceasefire; below 1: "
     "promises never switch attacks off"},
    {"insurgency", "attack_range_km", kNumber, 150, 1, 5000, "km",
     "target districts are weighted by exp(-distance / range)"},
    {"insurgency", "operations_loss_rate", kNumber, 0.01, 0, 1, "1/day",
     "share of a cell's fighters killed per day at counter-insurgency pressure 1"},
    {"insurgency", "recruit_rate", kNumber, 0.0005, 0, 1, "fighters/active-day",
     "fighters recruited per active citizen per day"},
    {"insurgency", "split_fighters", kNumber, 400, 1, 1e6, "fighters",
     "a cell larger than this splits in two"},
    {"insurgency", "min_fighters", kNumber, 5, 0, 1e6, "fighters",
     "a cell smaller than this dissolves"},
    {"insurgency", "max_cells", kInteger, 500, 1, 100000, "cells", "cells per group at most"},
    {"insurgency", "sigma_affinity_rate", kNumber, 0.01, 0, 1, "1/day",
     "daily pull of the host's tolerance sigma toward its affinity"},
    {"insurgency", "sigma_coercion", kNumber, 0.01, 0, 1, "per act",
     "sigma lost per hostile act (rung >= 6) of the target state against the host"},
    {"insurgency", "sigma_regional", kNumber, 0.01, 0, 1, "per unit pressure-day",
     "sigma lost per unit of regional pressure per day"},
    {"insurgency", "sigma_promise", kNumber, 0.02, 0, 1, "per round",
     "sigma lost per round of talks the host joins"},
    {"insurgency", "sigma_floor", kNumber, 0.2, 0, 1, "-",
     "sigma never falls below this: the host cannot bind the group"},

    // --- citizens, legitimacy, displacement (Epstein 2002) --------------------------------------
    {"population", "people_per_agent", kNumber, 0, 0, 1e9, "people",
     "sampling weight of a citizen agent; 0 = no citizen agents"},
    {"population", "arrest_constant", kNumber, 2.3, 0, 100, "-", "k of P = 1 - exp(-k C/(A+1))"},
    {"population", "activation_threshold", kNumber, 0.1, 0, 1, "-", "T: active when G - N > T"},
    {"population", "vision", kNumber, 40, 1, 1e6, "citizens",
     "citizens one citizen sees: turns district densities into the counts C and A"},
    {"population", "arrest_rate", kNumber, 0.1, 0, 1, "1/day",
     "share of active citizens arrested per day at P = 1"},
    {"population", "max_jail_days", kInteger, 90, 0, 36500, "days",
     "jail terms are uniform on 1..max_jail_days"},
    {"population", "legitimacy_recovery", kNumber, 0.01, 0, 1, "1/day",
     "share of the gap to the district's target legitimacy closed per day"},
    {"population", "legitimacy_harm", kNumber, 0.05, 0, 10, "per death per 100k",
     "legitimacy lost per civilian death per 100,000 residents"},
    {"population", "legitimacy_hardship", kNumber, 0.002, 0, 1, "per day",
     "legitimacy lost per day per unit of district hardship"},
    {"population", "legitimacy_security", kNumber, 2.0, 0, 100, "per unit security",
     "target legitimacy gained per unit of added security presence"},
    {"population", "hardship_trade", kNumber, 0.5, 0, 1, "-",
     "hardship per unit of trade dependence when the state's crossings are closed"},
    {"population", "hardship_returnees", kNumber, 0.3, 0, 1, "-",
     "hardship per unit of returnee strain (returns in 30 days / receiving capacity)"},
    {"population", "hardship_displacement", kNumber, 1.0, 0, 10, "-",
     "hardship per displaced share of the district's people"},
    {"population", "displacement_per_death", kNumber, 50, 0, 1e6, "people/death",
     "people displaced per violent death in the district"},
    {"population", "return_rate", kNumber, 0.02, 0, 1, "1/day",
     "share of the displaced who return home per day"},
    {"population", "returnee_memory_days", kNumber, 30, 1, 3650, "days",
     "e-folding time over which a district forgets returnees (their strain)"},
    {"population", "deport_action_boost", kNumber, 1.5, 1, 100, "-",
     "forced-return rates x this after a deport action (rung 5)"},
    {"population", "deport_action_days", kInteger, 30, 0, 3650, "days",
     "how long the boost of a deport action lasts"},

    // --- talks, monitoring, incidents ---------------------------------------------------------
    {"talks", "join_base", kNumber, 0, -10, 10, "utility", "intercept of the logit of joining"},
    {"talks", "join_lambda", kNumber, 4, 0, 100, "1/utility", "slope of the logit of joining"},
    {"talks", "agree_base", kNumber, 0.3, 0, 1, "-", "P(ceasefire) from a round both join"},
    {"talks", "agree_leverage", kNumber, 0.5, 0, 1, "-",
     "added per unit of mean mediator leverage x credibility"},
    {"talks", "info_gain", kNumber, 0.2, 0, 1, "-",
     "share of the parties' uncertainty removed by each round (Fearon's information channel)"},
    {"talks", "initial_uncertainty", kNumber, 1.0, 0, 1, "-",
     "uncertainty about the other's resolve and capability at the start"},
    {"talks", "monitoring_penalty", kNumber, 1.0, 0, 10, "utility",
     "added to the violation weight while a monitored ceasefire holds"},
    {"talks", "incident_rate", kNumber, 0.002, 0, 10, "incidents/sector-day",
     "incidents at the posts of a sector where both sides hold posts"},
    {"talks", "incident_clash", kNumber, 0.3, 0, 1, "-",
     "P(an incident becomes a clash) at uncertainty 1, without hotline or patrols"},
    {"talks", "incident_intensity", kNumber, 0.5, 0, 100, "-", "intensity of an incident clash"},

    // --- refugees
    // -----------------------------------------------------------------------------------
    {"refugees", "registered", kNumber, 0, 0, 1e9, "people", "registered refugees"},
    {"refugees", "card_holders", kNumber, 0, 0, 1e9, "people",
     "holders of other documents (e.g. citizen cards)"},
    {"refugees", "undocumented", kNumber, 0, 0, 1e9, "people", "undocumented people"},
    {"refugees", "voluntary_return_rate", kNumber, 0.0002, 0, 1, "1/day",
     "share returning per day without a deportation phase"},

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
    {"mediation", "activation_level", kInteger, -1, -1, 9, "rung",
     "overrides the mediators' activation level (-1 keeps theirs)"},
    {"mediation", "leverage_multiplier", kNumber, 1, 0, 10, "-", "multiplies their leverage"},
    {"mediation", "round_interval_days", kInteger, 0, 0, 365, "days",
     "overrides the days between rounds (0 keeps theirs)"},
    {"mediation", "monitoring", kBoolean, 0, 0, 1, "-",
     "a monitoring mechanism with penalties for ceasefire violations"},
    {"border_commission", "hotline", kNumber, 0, 0, 1, "-", "P(an incident is defused)"},
    {"border_commission", "joint_investigation", kNumber, 0, 0, 1, "-",
     "attribution accuracy: moves blame toward the true origin of attacks"},
    {"border_commission", "joint_patrols", kNumber, 0, 0, 1, "-",
     "reduction of the incident-to-clash probability"},
    {"economic_corridor", "trade_growth_per_day", kNumber, 0, 0, 0.1, "1/day",
     "growth of trade through the crossings"},
    {"economic_corridor", "max_trade_multiplier", kNumber, 1, 1, 100, "-",
     "trade grows at most to this multiple"},
    {"economic_corridor", "interdependence", kNumber, 1, 1, 100, "-",
     "multiplies the trade-cost term of closing crossings"},
    {"economic_corridor", "hardship_relief", kNumber, 0, 0, 1, "-",
     "share of district hardship removed on both sides"},
    {"public_diplomacy", "hostility_decay_bonus", kNumber, 0, 0, 1, "1/day",
     "added to both states' hostility fatigue"},
    {"public_diplomacy", "legitimacy_gain_per_day", kNumber, 0, 0, 0.1, "1/day",
     "rise of target legitimacy in the border districts on both sides"},
    {"deportation_phase", "rate_before", kNumber, 0, 0, 1, "1/day",
     "share of the class returning per day from the phase's start"},
    {"deportation_phase", "rate_after", kNumber, 0, 0, 1, "1/day",
     "share of the class returning per day after the deadline"},
    {"counter_insurgency", "security_increase", kNumber, 0, 0, 1, "per citizen",
     "security presence added in the policy's districts"},
    {"counter_insurgency", "operations_multiplier", kNumber, 1, 0, 100, "-",
     "multiplies militant losses to operations in those districts"},
    {"regional_pressure", "pressure", kNumber, 0, 0, 1, "1/day",
     "pressure on the host's sanctuary tolerance"},
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
  if (section == "cell") return "actors[].cells[] (armed groups)";
  if (section == "insurgency") return "insurgency";
  if (section == "population") return "population";
  if (section == "talks") return "talks";
  if (section == "refugees") return "refugees[]";
  if (section == "border_closure") return "policies[] with type: border_closure";
  if (section == "mediation") return "policies[] with type: mediation";
  if (section == "border_commission") return "policies[] with type: border_commission";
  if (section == "economic_corridor") return "policies[] with type: economic_corridor";
  if (section == "public_diplomacy") return "policies[] with type: public_diplomacy";
  if (section == "deportation_phase") return "policies[] with type: deportation, phases[]";
  if (section == "counter_insurgency") return "policies[] with type: counter_insurgency";
  if (section == "regional_pressure") return "policies[] with type: regional_pressure";
  return section;
}

}  // namespace flashpoint
