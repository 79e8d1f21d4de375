#include "scenario/loader.hpp"

#include "core/acled.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <sstream>
#include <type_traits>
#include <variant>

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include "core/error.hpp"
#include "scenario/input_files.hpp"
#include "scenario/overrides.hpp"
#include "scenario/params.hpp"
#include "scenario/params_doc.hpp"

namespace flashpoint {

/// Longest id accepted (results files store ids in fixed-width fields).
constexpr std::size_t kMaxIdLength = 32;
/// Most citizen agents a scenario may ask for (benchmarks go to 1e8).
constexpr double kMaxCitizenAgents = 2e8;

namespace {

using loader_detail::Diagnostics;
using loader_detail::is_identifier;
using loader_detail::item_path;
using loader_detail::join_path;
using loader_detail::suggestion;

// ------------------------------------------------------------------------------------------------
// Where each table parameter is stored. Every row of params.cpp has a binding here, except the
// few read by hand (kHandRead); detail::parameters_without_binding() checks it.

template <class S>
using Member = std::variant<double S::*, int S::*, bool S::*, std::vector<double> S::*>;

template <class S>
struct Binding {
  std::string_view key;
  Member<S> member;
};

// The fatalities of a scripted attack, named as in the file.
struct Fatalities {
  double forces = 0, civilians = 0, militants = 0;
};

constexpr std::array<std::string_view, 4> kHandRead = {
    "scenario.seed", "scenario.max_events_per_run", "mediator.leverage",
    "crossing.exports_usd_per_day"};

constexpr std::array<Binding<Scenario>, 1> kScenarioFields{{{"days", &Scenario::days}}};

constexpr std::array<Binding<StateParams>, 12> kStateFields{{
    {"capability", &StateParams::capability},
    {"resolve", &StateParams::resolve},
    {"rationality", &StateParams::rationality},
    {"audience_weight", &StateParams::audience_weight},
    {"trade_exposure", &StateParams::trade_exposure},
    {"hostility_fatigue", &StateParams::hostility_fatigue},
    {"attribution_probability", &StateParams::attribution_probability},
    {"misattribution_probability", &StateParams::misattribution_probability},
    {"outside_threat", &StateParams::outside_threat},
    {"claim_enemy_factor", &StateParams::claim_enemy_factor},
    {"claim_own_factor", &StateParams::claim_own_factor},
    {"hosts_refugees", &StateParams::hosts_refugees},
}};

constexpr std::array<Binding<Doctrine>, 8> kDoctrineFields{{
    {"enabled", &Doctrine::enabled},
    {"fatality_threshold", &Doctrine::fatality_threshold},
    {"cumulative_threshold", &Doctrine::cumulative_threshold},
    {"window_days", &Doctrine::window_days},
    {"rung", &Doctrine::rung},
    {"utility_bonus", &Doctrine::utility_bonus},
    {"lag_probabilities", &Doctrine::lag_probabilities},
    {"expiry_days", &Doctrine::expiry_days},
}};

constexpr std::array<Binding<ArmedGroupParams>, 3> kArmedGroupFields{{
    {"fighters", &ArmedGroupParams::fighters},
    {"sanctuary_tolerance", &ArmedGroupParams::sanctuary_tolerance},
    {"affinity", &ArmedGroupParams::affinity},
}};

constexpr std::array<Binding<CellSeed>, 1> kCellFields{{
    {"fighters", &CellSeed::fighters},
}};

constexpr std::array<Binding<MediatorParams>, 4> kMediatorFields{{
    {"credibility", &MediatorParams::credibility},
    {"activation_level", &MediatorParams::activation_level},
    {"round_interval_days", &MediatorParams::round_interval_days},
    {"regional_pressure", &MediatorParams::regional_pressure},
}};

constexpr std::array<Binding<Relation>, 3> kRelationFields{{
    {"initial_hostility", &Relation::initial_hostility},
    {"reaction", &Relation::reaction},
    {"grievance", &Relation::grievance},
}};

constexpr std::array<Binding<District>, 10> kDistrictFields{{
    {"lat", &District::lat},
    {"lon", &District::lon},
    {"population", &District::population},
    {"attack_rate_per_day", &District::attack_rate_per_day},
    {"security_presence", &District::security_presence},
    {"legitimacy", &District::legitimacy},
    {"trade_dependence", &District::trade_dependence},
    {"receiving_capacity", &District::receiving_capacity},
    {"return_share", &District::return_share},
    {"target_weight", &District::target_weight},
}};

constexpr std::array<Binding<Sector>, 3> kSectorFields{{
    {"length_km", &Sector::length_km},
    {"lat", &Sector::lat},
    {"lon", &Sector::lon},
}};

constexpr std::array<Binding<PostGroup>, 3> kPostFields{{
    {"count", &PostGroup::count},
    {"garrison", &PostGroup::garrison},
    {"fortification", &PostGroup::fortification},
}};

constexpr std::array<Binding<Crossing>, 1> kCrossingFields{{
    {"people_per_day", &Crossing::people_per_day},
}};

constexpr std::array<Binding<StrategicParams>, 12> kStrategicFields{{
    {"hostility_event_scale", &StrategicParams::hostility_event_scale},
    {"level_window_days", &StrategicParams::level_window_days},
    {"max_step", &StrategicParams::max_step},
    {"threat_reference", &StrategicParams::threat_reference},
    {"attack_memory_days", &StrategicParams::attack_memory_days},
    {"attack_reference", &StrategicParams::attack_reference},
    {"publicity_memory_days", &StrategicParams::publicity_memory_days},
    {"war_cost_memory_days", &StrategicParams::war_cost_memory_days},
    {"war_cost_reference", &StrategicParams::war_cost_reference},
    {"attributed_attack_rung", &StrategicParams::attributed_attack_rung},
    {"major_attack_deaths", &StrategicParams::major_attack_deaths},
    {"ceasefire_window_days", &StrategicParams::ceasefire_window_days},
}};

constexpr std::array<Binding<StrategicParams>, 10> kUtilityFields{{
    {"coercion", &StrategicParams::w_coercion},
    {"reciprocity", &StrategicParams::w_reciprocity},
    {"retaliation_cost", &StrategicParams::w_retaliation_cost},
    {"trade_cost", &StrategicParams::w_trade_cost},
    {"third_party", &StrategicParams::w_third_party},
    {"violation", &StrategicParams::w_violation},
    {"audience", &StrategicParams::w_audience},
    {"escalation_cost", &StrategicParams::w_escalation_cost},
    {"peace", &StrategicParams::w_peace},
    {"war_weariness", &StrategicParams::w_war_weariness},
}};

constexpr std::array<Binding<OperationsParams>, 22> kOperationsFields{{
    {"fire_effectiveness", &OperationsParams::fire_effectiveness},
    {"artillery_effectiveness", &OperationsParams::artillery_effectiveness},
    {"artillery_share", &OperationsParams::artillery_share},
    {"clash_intensity", &OperationsParams::clash_intensity},
    {"offensive_intensity", &OperationsParams::offensive_intensity},
    {"assault_sectors", &OperationsParams::assault_sectors},
    {"lethality", &OperationsParams::lethality},
    {"capture_threshold", &OperationsParams::capture_threshold},
    {"superiority_ratio", &OperationsParams::superiority_ratio},
    {"reinforce_rate", &OperationsParams::reinforce_rate},
    {"readiness_gain", &OperationsParams::readiness_gain},
    {"readiness_decay", &OperationsParams::readiness_decay},
    {"strike_militants_mean", &OperationsParams::strike_militants_mean},
    {"strike_civilians_mean", &OperationsParams::strike_civilians_mean},
    {"deep_strike_forces_mean", &OperationsParams::deep_strike_forces_mean},
    {"deep_strike_civilians_mean", &OperationsParams::deep_strike_civilians_mean},
    {"deep_strike_militants_mean", &OperationsParams::deep_strike_militants_mean},
    {"reopen_calm_days", &OperationsParams::reopen_calm_days},
    {"reopen_max_level", &OperationsParams::reopen_max_level},
    {"reopen_rate", &OperationsParams::reopen_rate},
    {"reopen_requires_ceasefire", &OperationsParams::reopen_requires_ceasefire},
    {"returns_share_of_capacity", &OperationsParams::returns_share_of_capacity},
}};

constexpr std::array<Binding<InsurgencyParams>, 17> kInsurgencyFields{{
    {"base_rate", &InsurgencyParams::base_rate},
    {"reference_fighters", &InsurgencyParams::reference_fighters},
    {"strength_exponent", &InsurgencyParams::strength_exponent},
    {"sanctuary_bonus", &InsurgencyParams::sanctuary_bonus},
    {"ci_effect", &InsurgencyParams::ci_effect},
    {"ceasefire_effect", &InsurgencyParams::ceasefire_effect},
    {"attack_range_km", &InsurgencyParams::attack_range_km},
    {"operations_loss_rate", &InsurgencyParams::operations_loss_rate},
    {"recruit_rate", &InsurgencyParams::recruit_rate},
    {"split_fighters", &InsurgencyParams::split_fighters},
    {"min_fighters", &InsurgencyParams::min_fighters},
    {"max_cells", &InsurgencyParams::max_cells},
    {"sigma_affinity_rate", &InsurgencyParams::sigma_affinity_rate},
    {"sigma_coercion", &InsurgencyParams::sigma_coercion},
    {"sigma_regional", &InsurgencyParams::sigma_regional},
    {"sigma_promise", &InsurgencyParams::sigma_promise},
    {"sigma_floor", &InsurgencyParams::sigma_floor},
}};

constexpr std::array<Binding<PopulationParams>, 18> kPopulationFields{{
    {"returnee_memory_days", &PopulationParams::returnee_memory_days},
    {"people_per_agent", &PopulationParams::people_per_agent},
    {"arrest_constant", &PopulationParams::arrest_constant},
    {"activation_threshold", &PopulationParams::activation_threshold},
    {"vision", &PopulationParams::vision},
    {"arrest_rate", &PopulationParams::arrest_rate},
    {"max_jail_days", &PopulationParams::max_jail_days},
    {"legitimacy_recovery", &PopulationParams::legitimacy_recovery},
    {"legitimacy_harm", &PopulationParams::legitimacy_harm},
    {"legitimacy_hardship", &PopulationParams::legitimacy_hardship},
    {"legitimacy_security", &PopulationParams::legitimacy_security},
    {"hardship_trade", &PopulationParams::hardship_trade},
    {"hardship_returnees", &PopulationParams::hardship_returnees},
    {"hardship_displacement", &PopulationParams::hardship_displacement},
    {"displacement_per_death", &PopulationParams::displacement_per_death},
    {"return_rate", &PopulationParams::return_rate},
    {"deport_action_boost", &PopulationParams::deport_action_boost},
    {"deport_action_days", &PopulationParams::deport_action_days},
}};

constexpr std::array<Binding<TalksParams>, 10> kTalksFields{{
    {"join_base", &TalksParams::join_base},
    {"join_lambda", &TalksParams::join_lambda},
    {"agree_base", &TalksParams::agree_base},
    {"agree_leverage", &TalksParams::agree_leverage},
    {"info_gain", &TalksParams::info_gain},
    {"initial_uncertainty", &TalksParams::initial_uncertainty},
    {"monitoring_penalty", &TalksParams::monitoring_penalty},
    {"incident_rate", &TalksParams::incident_rate},
    {"incident_clash", &TalksParams::incident_clash},
    {"incident_intensity", &TalksParams::incident_intensity},
}};

// The stocks of a refugees entry, named as in the file (RefugeePopulation keeps them in an array).
struct RefugeeFields {
  double registered = 0, card_holders = 0, undocumented = 0, voluntary_return_rate = 0;
};

constexpr std::array<Binding<RefugeeFields>, 4> kRefugeeFields{{
    {"registered", &RefugeeFields::registered},
    {"card_holders", &RefugeeFields::card_holders},
    {"undocumented", &RefugeeFields::undocumented},
    {"voluntary_return_rate", &RefugeeFields::voluntary_return_rate},
}};

constexpr std::array<Binding<AttackType>, 4> kAttackTypeFields{{
    {"share", &AttackType::share},
    {"forces_mean", &AttackType::forces_mean},
    {"civilians_mean", &AttackType::civilians_mean},
    {"militants_mean", &AttackType::militants_mean},
}};

constexpr std::array<Binding<LadderEntry>, 2> kLadderFields{{
    {"enabled", &LadderEntry::enabled},
    {"bias", &LadderEntry::bias},
}};

constexpr std::array<Binding<Fatalities>, 3> kFatalityFields{{
    {"forces", &Fatalities::forces},
    {"civilians", &Fatalities::civilians},
    {"militants", &Fatalities::militants},
}};

constexpr std::array<Binding<Policy>, 1> kBorderClosureFields{{
    {"min_days", &Policy::closure_min_days},
}};

constexpr std::array<Binding<Policy>, 4> kMediationFields{{
    {"activation_level", &Policy::activation_level},
    {"leverage_multiplier", &Policy::leverage_multiplier},
    {"round_interval_days", &Policy::round_interval_days},
    {"monitoring", &Policy::monitoring},
}};

constexpr std::array<Binding<Policy>, 3> kBorderCommissionFields{{
    {"hotline", &Policy::hotline},
    {"joint_investigation", &Policy::joint_investigation},
    {"joint_patrols", &Policy::joint_patrols},
}};

constexpr std::array<Binding<Policy>, 4> kEconomicCorridorFields{{
    {"trade_growth_per_day", &Policy::trade_growth_per_day},
    {"max_trade_multiplier", &Policy::max_trade_multiplier},
    {"interdependence", &Policy::interdependence},
    {"hardship_relief", &Policy::hardship_relief},
}};

constexpr std::array<Binding<Policy>, 2> kPublicDiplomacyFields{{
    {"hostility_decay_bonus", &Policy::hostility_decay_bonus},
    {"legitimacy_gain_per_day", &Policy::legitimacy_gain_per_day},
}};

constexpr std::array<Binding<DeportationPhase>, 2> kDeportationPhaseFields{{
    {"rate_before", &DeportationPhase::rate_before},
    {"rate_after", &DeportationPhase::rate_after},
}};

constexpr std::array<Binding<Policy>, 2> kCounterInsurgencyFields{{
    {"security_increase", &Policy::security_increase},
    {"operations_multiplier", &Policy::operations_multiplier},
}};

constexpr std::array<Binding<Policy>, 1> kRegionalPressureFields{{
    {"pressure", &Policy::pressure},
}};

template <class S, std::size_t N>
bool binds(const std::array<Binding<S>, N>& fields, std::string_view key) {
  return std::any_of(fields.begin(), fields.end(), [&](const auto& b) { return b.key == key; });
}

bool has_binding(std::string_view section, std::string_view key) {
  std::string full = fmt::format("{}.{}", section, key);
  if (std::find(kHandRead.begin(), kHandRead.end(), full) != kHandRead.end()) return true;
  if (section == "scenario") return binds(kScenarioFields, key);
  if (section == "state") return binds(kStateFields, key);
  if (section == "doctrine") return binds(kDoctrineFields, key);
  if (section == "armed_group") return binds(kArmedGroupFields, key);
  if (section == "cell") return binds(kCellFields, key);
  if (section == "mediator") return binds(kMediatorFields, key);
  if (section == "relation") return binds(kRelationFields, key);
  if (section == "district") return binds(kDistrictFields, key);
  if (section == "sector") return binds(kSectorFields, key);
  if (section == "posts") return binds(kPostFields, key);
  if (section == "crossing") return binds(kCrossingFields, key);
  if (section == "strategic") return binds(kStrategicFields, key);
  if (section == "utility") return binds(kUtilityFields, key);
  if (section == "operations") return binds(kOperationsFields, key);
  if (section == "insurgency") return binds(kInsurgencyFields, key);
  if (section == "population") return binds(kPopulationFields, key);
  if (section == "talks") return binds(kTalksFields, key);
  if (section == "refugees") return binds(kRefugeeFields, key);
  if (section == "attack_type") return binds(kAttackTypeFields, key);
  if (section == "ladder") return binds(kLadderFields, key);
  if (section == "event") return binds(kFatalityFields, key);
  if (section == "border_closure") return binds(kBorderClosureFields, key);
  if (section == "mediation") return binds(kMediationFields, key);
  if (section == "border_commission") return binds(kBorderCommissionFields, key);
  if (section == "economic_corridor") return binds(kEconomicCorridorFields, key);
  if (section == "public_diplomacy") return binds(kPublicDiplomacyFields, key);
  if (section == "deportation_phase") return binds(kDeportationPhaseFields, key);
  if (section == "counter_insurgency") return binds(kCounterInsurgencyFields, key);
  if (section == "regional_pressure") return binds(kRegionalPressureFields, key);
  return false;
}

// ------------------------------------------------------------------------------------------------
// Small helpers over YAML nodes.

// One `key: value` pair of a map; both nodes are kept for their marks.
struct Entry {
  YAML::Node key;
  YAML::Node value;
};

// Where a problem about a value points: the value, or its key when the value is empty.
YAML::Mark value_mark(const Entry& e) {
  return e.value.IsNull() ? e.key.Mark() : e.value.Mark();
}

// How a node is quoted back to the user in "got ..." messages.
std::string describe(const YAML::Node& node) {
  if (!node || node.IsNull()) return "nothing";
  if (node.IsMap()) return "a map";
  if (node.IsSequence()) return "a list";
  return fmt::format("'{}'", node.Scalar());
}

// A scalar written in quotes is a string to YAML, even when it looks like a number.
bool is_quoted(const YAML::Node& node) {
  return node.IsScalar() && node.Tag() == "!";
}

std::optional<double> parse_number(std::string_view s) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return std::nullopt;
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

// Written as a number too close to zero for a double (e.g. 1e-400): out of range, and the
// exponent is negative.
bool underflows(std::string_view s) {
  const auto e = s.find_first_of("eE");
  return e != std::string_view::npos && e + 1 < s.size() && s[e + 1] == '-';
}

constexpr std::string_view kUnderflow =
    " (too close to zero to be represented: the smallest number is about 2.2e-308; write 0 if "
    "zero is meant)";

// Why a scalar written as a number is not a usable one: YAML's .nan and .inf, or a value beyond
// the range of a double or of a whole number. Empty when it is not written as a number at all.
std::string_view not_finite_reason(std::string_view s, bool whole) {
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) s.remove_prefix(1);
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return " (not a number)";
  if (s == ".inf" || s == ".Inf" || s == ".INF") return " (infinite)";
  if (whole) {
    long long i = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), i);
    if (ec == std::errc::result_out_of_range && ptr == s.data() + s.size()) {
      return " (beyond the range of whole numbers, about 9.2e18)";
    }
  }
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec == std::errc::result_out_of_range && ptr == s.data() + s.size()) {
    if (underflows(s)) return kUnderflow;
    return " (beyond the range of numbers, about 1.8e308)";
  }
  return {};
}

std::string join(std::span<const std::string> items) {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) out += ", ";
    out += s;
  }
  return out;
}

std::vector<std::string> section_keys(std::string_view section,
                                      std::initializer_list<std::string_view> extra = {}) {
  std::vector<std::string> keys(extra.begin(), extra.end());
  for (const auto& p : parameter_table()) {
    if (p.section == section) keys.emplace_back(p.key);
  }
  return keys;
}

std::vector<std::string> action_names(bool with_hold) {
  std::vector<std::string> names;
  for (int r = kMinRung; r <= kMaxRung; ++r) {
    if (r == 0 && !with_hold) continue;
    names.emplace_back(action_name(static_cast<Action>(r)));
  }
  return names;
}

const ParamSpec& spec(std::string_view section, std::string_view key) {
  const ParamSpec* p = find_param(section, key);
  if (p == nullptr) throw std::logic_error(fmt::format("no parameter {}.{}", section, key));
  return *p;
}

// A parameter's value: a number (also integers and booleans, as 0/1) or a list of numbers.
struct Value {
  double x = 0;
  std::vector<double> list;
};

std::string value_text(const ParamSpec& p, const Value& v) {
  switch (p.type) {
    case ParamType::kInteger:
      return fmt::format("{}", static_cast<long long>(v.x));
    case ParamType::kBoolean:
      return v.x != 0 ? "true" : "false";
    case ParamType::kNumberList: {
      std::vector<std::string> items;
      for (double d : v.list) items.push_back(fmt::format("{}", d));
      return fmt::format("[{}]", join(items));
    }
    case ParamType::kNumber:
      break;
  }
  return fmt::format("{}", v.x);
}

Value default_value(const ParamSpec& p) {
  Value v{p.default_value, {}};
  if (p.type == ParamType::kNumberList) {
    for (const auto& item : YAML::Load(std::string(p.default_text))) {
      v.list.push_back(parse_number(item.Scalar()).value_or(0));
    }
  }
  return v;
}

template <class S>
void assign(S& out, const Member<S>& member, const Value& v) {
  std::visit(
      [&](auto ptr) {
        using T = std::remove_reference_t<decltype(out.*ptr)>;
        if constexpr (std::is_same_v<T, double>) {
          out.*ptr = v.x;
        } else if constexpr (std::is_same_v<T, int>) {
          out.*ptr = static_cast<int>(v.x);
        } else if constexpr (std::is_same_v<T, bool>) {
          out.*ptr = v.x != 0;
        } else {
          out.*ptr = v.list;
        }
      },
      member);
}

// ------------------------------------------------------------------------------------------------
// A map of the file being read, with its canonical path. An absent or empty (null) map reads as
// a map with no keys, so that every parameter takes its default.
class Map {
 public:
  Map(Diagnostics& diag, const YAML::Node& node, std::string path, YAML::Mark mark)
      : diag_(&diag), path_(std::move(path)), mark_(mark) {
    if (!node || node.IsNull()) return;
    if (!node.IsMap()) {
      diag.report(mark, path_, fmt::format("expected a map, got {}", describe(node)));
      return;
    }
    node_.reset(node);
    for (const auto& kv : node) entries_.push_back(Entry{kv.first, kv.second});
  }
  Map(Diagnostics& diag, const Entry* entry, std::string path, YAML::Mark fallback)
      : Map(diag, entry ? entry->value : YAML::Node(), std::move(path),
            entry ? value_mark(*entry) : fallback) {}

  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] std::string key_path(std::string_view key) const { return join_path(path_, key); }
  [[nodiscard]] YAML::Mark mark() const { return mark_; }
  [[nodiscard]] const std::vector<Entry>& entries() const { return entries_; }
  [[nodiscard]] bool is_map() const { return node_.IsDefined() && node_.IsMap(); }

  [[nodiscard]] const Entry* find(std::string_view key) const {
    for (const auto& e : entries_) {
      if (e.key.IsScalar() && e.key.Scalar() == key) return &e;
    }
    return nullptr;
  }

  /// Reports keys outside `allowed` (`hint` may explain where a key belongs instead),
  /// non-scalar keys and repeated keys.
  void check_keys(std::span<const std::string> allowed,
                  const std::function<std::string(std::string_view)>& hint = {}) const {
    allowed_.assign(allowed.begin(), allowed.end());
    check_duplicates();
    for (const auto& e : entries_) {
      if (!e.key.IsScalar()) continue;
      const std::string& k = e.key.Scalar();
      if (std::find(allowed.begin(), allowed.end(), k) != allowed.end()) continue;
      std::string extra = hint ? hint(k) : std::string();
      if (extra.empty()) extra = suggestion(k, allowed, "keys here");
      diag_->report(e.key.Mark(), key_path(k), fmt::format("unknown key '{}'{}", k, extra));
    }
  }

  /// Names the keys valid here without checking them yet (so that `missing` can tell a
  /// misspelt key from an absent one before check_keys runs).
  void set_allowed(std::span<const std::string> allowed) const {
    allowed_.assign(allowed.begin(), allowed.end());
  }

  /// Reports non-scalar and repeated keys (maps whose keys are ids check only this).
  void check_duplicates() const {
    for (std::size_t i = 0; i < entries_.size(); ++i) {
      const Entry& e = entries_[i];
      if (!e.key.IsScalar()) {
        diag_->report(e.key.Mark(), path_,
                      fmt::format("expected a plain key, got {}", describe(e.key)));
        continue;
      }
      for (std::size_t j = 0; j < i; ++j) {
        if (entries_[j].key.IsScalar() && entries_[j].key.Scalar() == e.key.Scalar()) {
          diag_->report(e.key.Mark(), key_path(e.key.Scalar()),
                        fmt::format("duplicate key '{}' (first given on line {})", e.key.Scalar(),
                                    entries_[j].key.Mark().line + 1));
          break;
        }
      }
    }
  }

  void missing(std::string_view key, std::string_view why = {}) const {
    // A misspelling of the key was already reported as "unknown key ...; did you mean ...?".
    for (const auto& e : entries_) {
      if (!e.key.IsScalar() || allowed_.empty() ||
          std::find(allowed_.begin(), allowed_.end(), e.key.Scalar()) != allowed_.end()) {
        continue;
      }
      if (loader_detail::closest_match(e.key.Scalar(), allowed_) == key) return;
    }
    diag_->report(mark_, key_path(key), fmt::format("missing required key '{}'{}", key, why));
  }

 private:
  Diagnostics* diag_;
  YAML::Node node_;
  std::string path_;
  YAML::Mark mark_;
  std::vector<Entry> entries_;
  mutable std::vector<std::string> allowed_;  ///< keys valid here, once check_keys has run
};

// The ids of one kind of item (actors, districts, ...), by item index; "" for items without one.
struct IdTable {
  std::string kind;  ///< "actor", "district", ...
  std::vector<std::string> ids;
  std::vector<int> lines;

  [[nodiscard]] int find(std::string_view id) const {
    if (id.empty()) return -1;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (ids[i] == id) return static_cast<int>(i);
    }
    return -1;
  }
  [[nodiscard]] std::vector<std::string> known() const {
    std::vector<std::string> out;
    for (const auto& id : ids) {
      if (!id.empty() && std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
    }
    return out;
  }
};

constexpr std::array<std::string_view, 24> kTopKeys = {
    "schema_version", "name",       "description", "start_date",
    "days",           "seed",       "free_from",   "strategic",
    "utility",        "operations", "insurgency",  "population",
    "talks",          "ladder",     "actors",      "relations",
    "districts",      "sectors",    "crossings",   "attack_types",
    "events",         "refugees",   "policies",    "max_events_per_run"};

// ------------------------------------------------------------------------------------------------
// What each policy type accepts besides name, type and start.

enum class Need { kNo, kOptional, kRequired };

struct PolicyKind {
  PolicyType type;
  std::string_view section;               ///< table section of its levers; empty when it has none
  Need actor;                             ///< the state applying it
  bool partner;                           ///< the other state, required and distinct from `actor`
  std::array<std::string_view, 2> extra;  ///< keys read by hand; empty entries unused
};

constexpr std::array<PolicyKind, 9> kPolicyKinds{{
    {PolicyType::kMediation, "mediation", Need::kOptional, false, {"mediators", ""}},
    {PolicyType::kBorderCommission, "border_commission", Need::kRequired, true, {"", ""}},
    {PolicyType::kEconomicCorridor, "economic_corridor", Need::kRequired, true, {"", ""}},
    {PolicyType::kPublicDiplomacy, "public_diplomacy", Need::kRequired, true, {"", ""}},
    {PolicyType::kRetaliationDoctrine, "", Need::kRequired, false, {"doctrine", ""}},
    {PolicyType::kBorderClosure, "border_closure", Need::kRequired, false, {"", ""}},
    {PolicyType::kDeportation, "", Need::kRequired, true, {"phases", "openings"}},
    {PolicyType::kCounterInsurgency,
     "counter_insurgency",
     Need::kRequired,
     false,
     {"districts", ""}},
    {PolicyType::kRegionalPressure, "regional_pressure", Need::kRequired, false, {"by", ""}},
}};

const PolicyKind& policy_kind(PolicyType type) {
  for (const auto& k : kPolicyKinds) {
    if (k.type == type) return k;
  }
  throw std::logic_error("policy type without a PolicyKind");
}

std::span<const Binding<Policy>> policy_fields(PolicyType type) {
  switch (type) {
    case PolicyType::kMediation:
      return kMediationFields;
    case PolicyType::kBorderCommission:
      return kBorderCommissionFields;
    case PolicyType::kEconomicCorridor:
      return kEconomicCorridorFields;
    case PolicyType::kPublicDiplomacy:
      return kPublicDiplomacyFields;
    case PolicyType::kBorderClosure:
      return kBorderClosureFields;
    case PolicyType::kCounterInsurgency:
      return kCounterInsurgencyFields;
    case PolicyType::kRegionalPressure:
      return kRegionalPressureFields;
    case PolicyType::kRetaliationDoctrine:
    case PolicyType::kDeportation:
      break;
  }
  return {};
}

// The keys a policy of `type` accepts.
const std::vector<std::string>& policy_keys(PolicyType type) {
  static const std::array<std::vector<std::string>, kPolicyKinds.size()> keys = [] {
    std::array<std::vector<std::string>, kPolicyKinds.size()> out;
    for (std::size_t i = 0; i < kPolicyKinds.size(); ++i) {
      const PolicyKind& k = kPolicyKinds[i];
      std::vector<std::string>& v = out[i];
      v = {"name", "type", "start"};
      if (k.actor != Need::kNo) v.emplace_back("actor");
      if (k.partner) v.emplace_back("partner");
      for (auto e : k.extra) {
        if (!e.empty()) v.emplace_back(e);
      }
      if (!k.section.empty()) {
        for (auto& key : section_keys(k.section, {})) v.push_back(std::move(key));
      }
    }
    return out;
  }();
  for (std::size_t i = 0; i < kPolicyKinds.size(); ++i) {
    if (kPolicyKinds[i].type == type) return keys[i];
  }
  throw std::logic_error("policy type without a PolicyKind");
}

// Every key some policy type accepts.
const std::vector<std::string>& all_policy_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> all;
    for (const auto& k : kPolicyKinds) {
      for (const auto& key : policy_keys(k.type)) {
        if (std::find(all.begin(), all.end(), key) == all.end()) all.push_back(key);
      }
    }
    return all;
  }();
  return keys;
}

// The refugee classes as named in scenario files, in RefugeeClass order.
constexpr std::array<std::string_view, kRefugeeClassCount> kRefugeeClassNames = {
    "registered", "card_holders", "undocumented"};

// ------------------------------------------------------------------------------------------------
// Reads a scenario tree section by section, reporting every problem to `diag`.
class Loader {
 public:
  explicit Loader(Diagnostics& diag) : diag_(diag) {}

  Scenario read(const YAML::Node& root);

 private:
  // typed values
  std::optional<std::string> text(const Entry& e, const std::string& path);
  std::optional<double> number(const Entry& e, const std::string& path);
  std::optional<double> whole(const Entry& e, const std::string& path);
  std::optional<bool> boolean(const Entry& e, const std::string& path);
  std::optional<Date> date(const Entry& e, const std::string& path);
  bool in_range(double v, const ParamSpec& p, YAML::Mark mark, const std::string& path);
  std::optional<Value> parse_param(const Entry& e, const ParamSpec& p, const std::string& path);
  std::optional<Value> read_param(const Map& m, const ParamSpec& p);

  template <class S>
  void read_section(const Map& m, std::string_view section,
                    std::type_identity_t<std::span<const Binding<S>>> fields, S& out);

  // ids and references
  std::string read_id(const Map& m, IdTable& table, std::string_view key = "id");
  std::optional<int> resolve(const Entry& e, const std::string& path, const IdTable& table);
  std::optional<int> actor_ref(const Map& m, std::string_view key, bool required,
                               std::optional<ActorType> want);
  bool check_actor_type(int actor, ActorType want, YAML::Mark mark, const std::string& path);
  std::vector<YAML::Node> items(const Map& m, std::string_view key);
  struct ListedId {
    int index = -1;  ///< into the id table
    Entry entry;     ///< the list item (key: the list's key)
    std::string path;
  };
  std::vector<ListedId> id_list(const Map& m, std::string_view key, const IdTable& table,
                                std::optional<ActorType> want);
  std::optional<int> day_in_run(const Entry& e, const std::string& path, bool is_date);
  std::optional<int> day_or_date(const Entry& e, const std::string& path);

  // sections
  void read_top_scalars(const Map& top);
  void read_ladder(const Map& top);
  void read_actors(const Map& top);
  void read_actor(const YAML::Node& node, std::size_t index);
  Doctrine read_doctrine(const Map& parent);
  void read_relations(const Map& top);
  void read_districts(const Map& top);
  void read_cells();
  void read_sectors(const Map& top);
  void read_crossings(const Map& top);
  void read_attack_types(const Map& top);
  void read_events(const Map& top);
  void read_event(const Map& m);
  void check_attack_types_needed(const Map& top);
  void read_refugees(const Map& top);
  void read_policies(const Map& top);
  void read_policy(const YAML::Node& node, std::size_t index);
  void read_policy_start(const Map& m, Policy& p);
  void check_citizen_count(const Map& top);
  void read_deportation(const Map& m, Policy& p);
  void read_phase(const Map& m, IdTable& names, DeportationPhase& phase);
  void read_opening(const Map& m, ScheduledOpening& opening);
  void read_ci_districts(const Map& m, Policy& p);
  void order_resolved(const Map& top);

  void record(std::string path, std::string value) {
    sc_.resolved.emplace_back(std::move(path), std::move(value));
  }

  Diagnostics& diag_;
  Scenario sc_;
  bool have_start_ = false, have_days_ = false;
  IdTable actors_{"actor", {}, {}}, districts_{"district", {}, {}}, sectors_{"sector", {}, {}},
      crossings_{"crossing", {}, {}}, attack_types_{"attack type", {}, {}},
      policies_{"policy", {}, {}};
  std::vector<bool> actor_type_known_;
  std::vector<YAML::Node> actor_nodes_;
  std::vector<std::string> relation_lines_;
  std::string attack_without_fatalities_;  ///< the first scripted attack that draws fatalities
  bool refugees_resolved_ = true;          ///< every refugees entry named a valid host and origin
};

// ---------------------------------------------------------------------------- typed values

std::optional<std::string> Loader::text(const Entry& e, const std::string& path) {
  if (e.value.IsScalar()) {
    // Names go into one-line headers, tables and fixed HDF5 strings: no control characters (a
    // NUL would cut the name short, a newline break the line it is printed on).
    if (path == "name" || path.ends_with(".name")) {
      if (auto bad = loader_detail::control_character(e.value.Scalar())) {
        diag_.report(value_mark(e), path,
                     fmt::format("a name may not hold control characters (found byte 0x{:02x} "
                                 "at character {}): write it on one line, without tabs",
                                 static_cast<unsigned>(static_cast<unsigned char>(bad->first)),
                                 bad->second + 1));
        return std::nullopt;
      }
    }
    return e.value.Scalar();
  }
  diag_.report(value_mark(e), path, fmt::format("expected a string, got {}", describe(e.value)));
  return std::nullopt;
}

std::optional<double> Loader::number(const Entry& e, const std::string& path) {
  if (e.value.IsScalar() && !is_quoted(e.value)) {
    if (auto v = parse_number(e.value.Scalar())) return v;
  }
  if (e.value.IsScalar() && !is_quoted(e.value)) {
    if (auto why = not_finite_reason(e.value.Scalar(), false); !why.empty()) {
      diag_.report(value_mark(e), path,
                   fmt::format("expected a {}number, got '{}'{}",
                               why == kUnderflow ? "" : "finite ", e.value.Scalar(), why));
      return std::nullopt;
    }
  }
  std::string got = is_quoted(e.value) ? fmt::format("the quoted string '{}'", e.value.Scalar())
                                       : describe(e.value);
  diag_.report(value_mark(e), path, fmt::format("expected a number, got {}", got));
  return std::nullopt;
}

std::optional<double> Loader::whole(const Entry& e, const std::string& path) {
  if (e.value.IsScalar() && !is_quoted(e.value)) {
    std::string_view s = e.value.Scalar();
    if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    long long i = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), i);
    if (ec == std::errc{} && ptr == s.data() + s.size() && !s.empty()) {
      return static_cast<double>(i);
    }
    if (auto v = parse_number(s); v && std::trunc(*v) == *v && std::abs(*v) < 9.2e18) return v;
  }
  const std::string_view why =
      e.value.IsScalar() && !is_quoted(e.value) ? not_finite_reason(e.value.Scalar(), true) : "";
  diag_.report(value_mark(e), path,
               fmt::format("expected a whole number, got {}{}", describe(e.value), why));
  return std::nullopt;
}

std::optional<bool> Loader::boolean(const Entry& e, const std::string& path) {
  if (e.value.IsScalar() && !is_quoted(e.value)) {
    const std::string& s = e.value.Scalar();
    if (s == "true" || s == "True" || s == "TRUE") return true;
    if (s == "false" || s == "False" || s == "FALSE") return false;
  }
  diag_.report(value_mark(e), path,
               fmt::format("expected true or false, got {}", describe(e.value)));
  return std::nullopt;
}

std::optional<Date> Loader::date(const Entry& e, const std::string& path) {
  if (e.value.IsScalar()) {
    if (auto d = Date::parse(e.value.Scalar())) return d;
  }
  diag_.report(value_mark(e), path,
               fmt::format("expected a date YYYY-MM-DD, got {}", describe(e.value)));
  return std::nullopt;
}

bool Loader::in_range(double v, const ParamSpec& p, YAML::Mark mark, const std::string& path) {
  if (v >= p.min && v <= p.max) return true;
  std::string unit = p.unit == "-" ? "" : fmt::format(" ({})", p.unit);
  diag_.report(mark, path,
               fmt::format("{} is outside the valid range {} to {}{}", format_param_number(v),
                           format_param_number(p.min), format_param_number(p.max), unit));
  return false;
}

std::optional<Value> Loader::parse_param(const Entry& e, const ParamSpec& p,
                                         const std::string& path) {
  Value v;
  switch (p.type) {
    case ParamType::kNumber:
    case ParamType::kInteger: {
      auto x = p.type == ParamType::kNumber ? number(e, path) : whole(e, path);
      if (!x || !in_range(*x, p, value_mark(e), path)) return std::nullopt;
      v.x = *x;
      return v;
    }
    case ParamType::kBoolean: {
      auto b = boolean(e, path);
      if (!b) return std::nullopt;
      v.x = *b ? 1 : 0;
      return v;
    }
    case ParamType::kNumberList: {
      if (!e.value.IsSequence()) {
        diag_.report(value_mark(e), path,
                     fmt::format("expected a list of numbers, got {}", describe(e.value)));
        return std::nullopt;
      }
      if (e.value.size() == 0) {
        diag_.report(value_mark(e), path, "expected at least one number in the list");
        return std::nullopt;
      }
      bool ok = true;
      std::size_t i = 0;
      for (const auto& item : e.value) {
        std::string item_key = fmt::format("{}[{}]", path, i++);
        Entry ie{e.key, item};
        auto x = number(ie, item_key);
        if (!x || !in_range(*x, p, value_mark(ie), item_key)) {
          ok = false;
          continue;
        }
        v.list.push_back(*x);
      }
      if (!ok) return std::nullopt;
      return v;
    }
  }
  return std::nullopt;
}

std::optional<Value> Loader::read_param(const Map& m, const ParamSpec& p) {
  std::string path = m.key_path(p.key);
  Value v;
  if (const Entry* e = m.find(p.key)) {
    auto parsed = parse_param(*e, p, path);
    if (!parsed) return std::nullopt;
    v = *parsed;
  } else if (p.required) {
    m.missing(p.key);
    return std::nullopt;
  } else {
    v = default_value(p);
  }
  record(path, value_text(p, v));
  return v;
}

template <class S>
void Loader::read_section(const Map& m, std::string_view section,
                          std::type_identity_t<std::span<const Binding<S>>> fields, S& out) {
  for (const auto& p : parameter_table()) {
    if (p.section != section) continue;
    auto it =
        std::find_if(fields.begin(), fields.end(), [&](const auto& b) { return b.key == p.key; });
    if (it == fields.end()) continue;  // read by hand (kHandRead)
    if (auto v = read_param(m, p)) assign(out, it->member, *v);
  }
}

// ------------------------------------------------------------------------------- references

std::string Loader::read_id(const Map& m, IdTable& table, std::string_view key) {
  const Entry* e = m.find(key);
  std::string id;
  int line = 0;
  if (e == nullptr) {
    m.missing(key);
  } else if (auto s = text(*e, m.key_path(key))) {
    line = value_mark(*e).line + 1;
    if (!is_identifier(*s)) {
      diag_.report(value_mark(*e), m.key_path(key),
                   fmt::format("'{}' is not a valid {}: start with a letter, then use letters, "
                               "digits or _",
                               *s, key));
    } else if (s->size() > kMaxIdLength) {
      // Ids are stored in fixed-width fields of the results file's event table.
      diag_.report(value_mark(*e), m.key_path(key),
                   fmt::format("'{}' is {} characters long; an {} may have at most {}", *s,
                               s->size(), key, kMaxIdLength));
    } else if (int first = table.find(*s); first >= 0) {
      diag_.report(value_mark(*e), m.key_path(key),
                   fmt::format("duplicate {} {} '{}' (first defined on line {})", table.kind, key,
                               *s, table.lines[static_cast<std::size_t>(first)]));
    } else {
      id = *s;
    }
  }
  table.ids.push_back(id);
  table.lines.push_back(line);
  return id;
}

std::optional<int> Loader::resolve(const Entry& e, const std::string& path, const IdTable& table) {
  auto s = text(e, path);
  if (!s) return std::nullopt;
  if (int i = table.find(*s); i >= 0) return i;
  diag_.report(value_mark(e), path,
               fmt::format("unknown {} '{}'{}", table.kind, *s,
                           suggestion(*s, table.known(), table.kind + "s")));
  return std::nullopt;
}

bool Loader::check_actor_type(int actor, ActorType want, YAML::Mark mark, const std::string& path) {
  const Actor& a = sc_.actors[static_cast<std::size_t>(actor)];
  if (!actor_type_known_[static_cast<std::size_t>(actor)] || a.type == want) return true;
  diag_.report(mark, path,
               fmt::format("'{}' is {} {}; expected {} {}", a.id,
                           a.type == ActorType::kArmedGroup ? "an" : "a", actor_type_name(a.type),
                           want == ActorType::kArmedGroup ? "an" : "a", actor_type_name(want)));
  return false;
}

std::optional<int> Loader::actor_ref(const Map& m, std::string_view key, bool required,
                                     std::optional<ActorType> want) {
  const Entry* e = m.find(key);
  if (e == nullptr) {
    if (required) m.missing(key);
    return std::nullopt;
  }
  auto i = resolve(*e, m.key_path(key), actors_);
  if (!i || (want && !check_actor_type(*i, *want, value_mark(*e), m.key_path(key)))) {
    return std::nullopt;
  }
  return i;
}

std::vector<YAML::Node> Loader::items(const Map& m, std::string_view key) {
  std::vector<YAML::Node> out;
  const Entry* e = m.find(key);
  if (e == nullptr || e->value.IsNull()) return out;
  if (!e->value.IsSequence()) {
    diag_.report(value_mark(*e), m.key_path(key),
                 fmt::format("expected a list, got {}", describe(e->value)));
    return out;
  }
  for (const auto& item : e->value) out.push_back(item);
  return out;
}

std::optional<int> Loader::day_in_run(const Entry& e, const std::string& path, bool is_date) {
  int day = 0;
  if (is_date) {
    auto d = date(e, path);
    if (!d) return std::nullopt;
    if (!have_start_) return std::nullopt;
    day = *d - sc_.start_date;
  } else {
    auto x = whole(e, path);
    if (!x) return std::nullopt;
    if (std::abs(*x) > 1e9) {
      diag_.report(value_mark(e), path, fmt::format("day {} is outside the run", *x));
      return std::nullopt;
    }
    day = static_cast<int>(*x);
  }
  if (!have_days_ || (day >= 0 && day < sc_.days)) return day;
  std::string run = fmt::format("{} to {} (days 0 to {})", sc_.start_date.to_string(),
                                sc_.start_date.plus_days(sc_.days - 1).to_string(), sc_.days - 1);
  diag_.report(value_mark(e), path,
               fmt::format("{} is outside the run, which covers {}",
                           is_date ? e.value.Scalar() : fmt::format("day {}", day), run));
  return std::nullopt;
}

std::optional<int> Loader::day_or_date(const Entry& e, const std::string& path) {
  // Deportation phases may have begun before the run or end after it: any day is accepted.
  constexpr double kMaxDays = 1e6;
  if (e.value.IsScalar()) {
    if (auto d = Date::parse(e.value.Scalar())) {
      if (!have_start_) return std::nullopt;
      return *d - sc_.start_date;
    }
    if (!is_quoted(e.value)) {
      std::string_view s = e.value.Scalar();
      if (!s.empty() && s.front() == '+') s.remove_prefix(1);
      long long day = 0;
      auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), day);
      if (ec == std::errc{} && ptr == s.data() + s.size() && !s.empty()) {
        if (std::abs(static_cast<double>(day)) > kMaxDays) {
          diag_.report(value_mark(e), path,
                       fmt::format("day {} is too far from the start: at most {} days either way",
                                   day, format_param_number(kMaxDays)));
          return std::nullopt;
        }
        return static_cast<int>(day);
      }
    }
  }
  diag_.report(
      value_mark(e), path,
      fmt::format("expected a date YYYY-MM-DD or a day number, got {}", describe(e.value)));
  return std::nullopt;
}

std::vector<Loader::ListedId> Loader::id_list(const Map& m, std::string_view key,
                                              const IdTable& table, std::optional<ActorType> want) {
  std::vector<ListedId> out;
  // "mediator ids" when the list takes one type of actor, "actor ids" otherwise.
  const std::string kind = want ? std::string(actor_type_name(*want)) : table.kind;
  const Entry* e = m.find(key);
  if (e == nullptr) {
    m.missing(key, fmt::format(" (a list of {} ids)", kind));
    return out;
  }
  const std::string path = m.key_path(key);
  if (!e->value.IsSequence()) {
    diag_.report(value_mark(*e), path,
                 fmt::format("expected a list of {} ids, got {}", kind, describe(e->value)));
    return out;
  }
  if (e->value.size() == 0) {
    diag_.report(value_mark(*e), path, fmt::format("expected at least one {} id", kind));
    return out;
  }
  std::size_t k = 0;
  for (const auto& item : e->value) {
    ListedId listed{-1, Entry{e->key, item}, fmt::format("{}[{}]", path, k++)};
    auto i = resolve(listed.entry, listed.path, table);
    if (!i) continue;
    if (want && !check_actor_type(*i, *want, value_mark(listed.entry), listed.path)) continue;
    if (std::any_of(out.begin(), out.end(), [&](const ListedId& l) { return l.index == *i; })) {
      diag_.report(value_mark(listed.entry), listed.path,
                   fmt::format("{} '{}' is listed twice", table.kind, item.Scalar()));
      continue;
    }
    listed.index = *i;
    out.push_back(std::move(listed));
  }
  std::vector<std::string> ids;
  for (const auto& l : out) ids.push_back(table.ids[static_cast<std::size_t>(l.index)]);
  record(path, fmt::format("[{}]", join(ids)));
  return out;
}

// ---------------------------------------------------------------------------------- sections

Scenario Loader::read(const YAML::Node& root) {
  Map top(diag_, root, "", root.Mark());
  std::vector<std::string> top_keys(kTopKeys.begin(), kTopKeys.end());
  top.check_keys(top_keys);

  if (const Entry* e = top.find("schema_version")) {
    auto v = whole(*e, "schema_version");
    if (v && *v != 1) {
      diag_.report(value_mark(*e), "schema_version",
                   fmt::format("schema_version {} is not supported: this version of flashpoint "
                               "reads schema_version 1",
                               *v));
      return std::move(sc_);  // the rest of the file follows a schema this version cannot read
    }
  } else {
    top.missing("schema_version", " (put 'schema_version: 1' at the top of the file)");
  }

  read_top_scalars(top);
  {
    Map m(diag_, top.find("strategic"), "strategic", top.mark());
    m.check_keys(section_keys("strategic"));
    read_section<StrategicParams>(m, "strategic", kStrategicFields, sc_.strategic);
  }
  {
    Map m(diag_, top.find("utility"), "utility", top.mark());
    m.check_keys(section_keys("utility"));
    read_section<StrategicParams>(m, "utility", kUtilityFields, sc_.strategic);
  }
  {
    Map m(diag_, top.find("operations"), "operations", top.mark());
    m.check_keys(section_keys("operations"));
    read_section<OperationsParams>(m, "operations", kOperationsFields, sc_.operations);
  }
  {
    Map m(diag_, top.find("insurgency"), "insurgency", top.mark());
    m.check_keys(section_keys("insurgency"));
    read_section<InsurgencyParams>(m, "insurgency", kInsurgencyFields, sc_.insurgency);
  }
  {
    Map m(diag_, top.find("population"), "population", top.mark());
    m.check_keys(section_keys("population"));
    read_section<PopulationParams>(m, "population", kPopulationFields, sc_.population);
  }
  {
    Map m(diag_, top.find("talks"), "talks", top.mark());
    m.check_keys(section_keys("talks"));
    read_section<TalksParams>(m, "talks", kTalksFields, sc_.talks);
  }
  read_ladder(top);
  read_actors(top);
  read_relations(top);
  read_districts(top);
  read_cells();  // after the districts they name
  read_sectors(top);
  read_crossings(top);
  read_attack_types(top);
  read_events(top);
  check_attack_types_needed(top);
  read_refugees(top);
  read_policies(top);
  check_citizen_count(top);
  order_resolved(top);
  return std::move(sc_);
}

void Loader::check_citizen_count(const Map& top) {
  const double weight = sc_.population.people_per_agent;
  if (weight <= 0) return;
  double agents = 0;
  for (const auto& d : sc_.districts) agents += std::round(d.population / weight);
  if (agents <= kMaxCitizenAgents) return;
  const Entry* population = top.find("population");
  diag_.report(population != nullptr ? value_mark(*population) : top.mark(),
               "population.people_per_agent",
               fmt::format("{} people per agent make {:.3g} citizen agents; at most {:.3g} fit in "
                           "memory (about 16 bytes each): raise people_per_agent",
                           format_param_number(weight), agents, kMaxCitizenAgents));
}

void Loader::read_top_scalars(const Map& top) {
  if (const Entry* e = top.find("name")) {
    if (auto s = text(*e, "name")) {
      if (s->empty()) diag_.report(value_mark(*e), "name", "the name must not be empty");
      sc_.name = *s;
    }
  } else {
    top.missing("name");
  }
  if (const Entry* e = top.find("description")) {
    if (auto s = text(*e, "description")) sc_.description = *s;
  }
  if (const Entry* e = top.find("start_date")) {
    if (auto d = date(*e, "start_date")) {
      sc_.start_date = *d;
      have_start_ = true;
      record("start_date", d->to_string());
    }
  } else {
    top.missing("start_date");
  }
  if (auto v = read_param(top, spec("scenario", "days"))) {
    sc_.days = static_cast<int>(v->x);
    have_days_ = true;
  }
  if (auto v = read_param(top, spec("scenario", "seed"))) {
    sc_.seed = static_cast<std::uint64_t>(v->x);
  }
  if (auto v = read_param(top, spec("scenario", "max_events_per_run"))) {
    sc_.max_events_per_run = static_cast<std::int64_t>(v->x);
  }
  if (have_start_ && have_days_) {
    // Dates are written as YYYY-MM-DD: the run must end by year 9999.
    const Date last_allowed = *Date::parse("9999-12-31");
    if (sc_.start_date.plus_days(sc_.days - 1) > last_allowed) {
      const Entry* e = top.find("days");
      diag_.report(e != nullptr ? value_mark(*e) : top.mark(), "days",
                   fmt::format("the run would end after 9999-12-31; at most {} days from {}",
                               last_allowed - sc_.start_date + 1, sc_.start_date.to_string()));
    }
  }
  if (const Entry* e = top.find("free_from")) {
    auto d = date(*e, "free_from");
    if (d && have_start_ && have_days_) {
      int day = *d - sc_.start_date;
      if (day < 0 || day > sc_.days) {
        diag_.report(value_mark(*e), "free_from",
                     fmt::format("{} is outside the run: free_from must be between {} and {}",
                                 d->to_string(), sc_.start_date.to_string(),
                                 sc_.start_date.plus_days(sc_.days).to_string()));
      } else {
        sc_.free_from_day = day;
        record("free_from", d->to_string());
      }
    }
  } else if (have_start_) {
    sc_.free_from_day = 0;
    record("free_from", sc_.start_date.to_string());
  }
}

void Loader::read_ladder(const Map& top) {
  Map ladder(diag_, top.find("ladder"), "ladder", top.mark());
  std::vector<std::string> names = action_names(true);
  ladder.check_duplicates();
  for (const auto& e : ladder.entries()) {
    if (!e.key.IsScalar() || action_from_name(e.key.Scalar())) continue;
    diag_.report(e.key.Mark(), ladder.key_path(e.key.Scalar()),
                 fmt::format("unknown action '{}'{}", e.key.Scalar(),
                             suggestion(e.key.Scalar(), names, "actions")));
  }
  for (int r = kMinRung; r <= kMaxRung; ++r) {
    auto action = static_cast<Action>(r);
    std::string name(action_name(action));
    Map m(diag_, ladder.find(name), ladder.key_path(name), ladder.mark());
    m.check_keys(section_keys("ladder"));
    LadderEntry& entry = sc_.ladder[static_cast<std::size_t>(rung_index(action))];
    read_section<LadderEntry>(m, "ladder", kLadderFields, entry);
    if (action == Action::kHold && !entry.enabled) {
      diag_.report(value_mark(*m.find("enabled")), m.key_path("enabled"),
                   "'hold' cannot be disabled: it is what a state does when it does nothing else");
    }
  }
}

const std::vector<std::string>& state_keys() {
  static const std::vector<std::string> keys =
      section_keys("state", {"id", "type", "name", "doctrine"});
  return keys;
}
const std::vector<std::string>& armed_group_keys() {
  static const std::vector<std::string> keys =
      section_keys("armed_group", {"id", "type", "name", "host", "target", "cells"});
  return keys;
}
const std::vector<std::string>& mediator_keys() {
  static const std::vector<std::string> keys = section_keys("mediator", {"id", "type", "name"});
  return keys;
}
const std::vector<std::string>& all_actor_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> all;
    for (const auto* set : {&state_keys(), &armed_group_keys(), &mediator_keys()}) {
      for (const auto& k : *set) {
        if (std::find(all.begin(), all.end(), k) == all.end()) all.push_back(k);
      }
    }
    return all;
  }();
  return keys;
}

void Loader::read_actors(const Map& top) {
  const Entry* list = top.find("actors");
  if (list == nullptr) {
    top.missing("actors");
    return;
  }
  actor_nodes_ = items(top, "actors");
  // First pass: ids and types, so that references may point forward.
  for (std::size_t i = 0; i < actor_nodes_.size(); ++i) {
    const YAML::Node& node = actor_nodes_[i];
    std::string path = item_path("actors", node, i);
    Actor a;
    bool known = false;
    if (!node.IsMap()) {
      diag_.report(node.Mark(), path, fmt::format("expected a map, got {}", describe(node)));
      actors_.ids.emplace_back();
      actors_.lines.push_back(0);
    } else {
      Map m(diag_, node, path, node.Mark());
      m.set_allowed(all_actor_keys());
      a.id = read_id(m, actors_);
      if (const Entry* t = m.find("type")) {
        if (auto s = text(*t, m.key_path("type"))) {
          known = true;
          if (*s == "state") {
            a.type = ActorType::kState;
          } else if (*s == "armed_group") {
            a.type = ActorType::kArmedGroup;
          } else if (*s == "mediator") {
            a.type = ActorType::kMediator;
          } else {
            known = false;
            std::vector<std::string> types = {"state", "armed_group", "mediator"};
            diag_.report(
                value_mark(*t), m.key_path("type"),
                fmt::format("unknown actor type '{}'{}", *s, suggestion(*s, types, "types")));
          }
        }
      } else {
        m.missing("type", " (state, armed_group or mediator)");
      }
    }
    sc_.actors.push_back(std::move(a));
    actor_type_known_.push_back(known);
  }
  std::size_t states = 0;
  for (std::size_t i = 0; i < sc_.actors.size(); ++i) {
    if (actor_type_known_[i] && sc_.actors[i].type == ActorType::kState) ++states;
  }
  bool all_typed = std::all_of(actor_type_known_.begin(), actor_type_known_.end(),
                               [](bool known) { return known; });
  if (states < 2 && all_typed && list->value.IsSequence()) {
    diag_.report(value_mark(*list), "actors",
                 fmt::format("a scenario needs at least 2 states; found {}", states));
  }
  for (std::size_t i = 0; i < actor_nodes_.size(); ++i) read_actor(actor_nodes_[i], i);
}

void Loader::read_actor(const YAML::Node& node, std::size_t index) {
  if (!node.IsMap()) return;
  Actor& a = sc_.actors[index];
  Map m(diag_, node, item_path("actors", node, index), node.Mark());
  const auto& kStateKeys = state_keys();
  const auto& kArmedKeys = armed_group_keys();
  const auto& kMediatorKeys = mediator_keys();
  auto belongs_elsewhere = [&](std::string_view key) -> std::string {
    const std::pair<const std::vector<std::string>*, std::string_view> kinds[] = {
        {&kStateKeys, "state"}, {&kArmedKeys, "armed_group"}, {&kMediatorKeys, "mediator"}};
    for (const auto& [keys, type] : kinds) {
      if (std::find(keys->begin(), keys->end(), key) != keys->end()) {
        return fmt::format(" for {} {}; it belongs to actors with type: {}",
                           a.type == ActorType::kArmedGroup ? "an" : "a", actor_type_name(a.type),
                           type);
      }
    }
    return {};
  };

  if (!actor_type_known_[index]) {
    m.check_keys(all_actor_keys());
    return;
  }
  a.name = a.id;
  if (const Entry* e = m.find("name")) {
    if (auto s = text(*e, m.key_path("name"))) a.name = *s;
  }
  switch (a.type) {
    case ActorType::kState:
      m.check_keys(kStateKeys, belongs_elsewhere);
      read_section<StateParams>(m, "state", kStateFields, a.state);
      a.state.doctrine = read_doctrine(m);
      break;
    case ActorType::kArmedGroup:
      m.check_keys(kArmedKeys, belongs_elsewhere);
      if (auto host = actor_ref(m, "host", true, ActorType::kState)) a.armed_group.host = *host;
      if (auto target = actor_ref(m, "target", false, ActorType::kState)) {
        if (*target == a.armed_group.host) {
          diag_.report(value_mark(*m.find("target")), m.key_path("target"),
                       fmt::format("'{}' is the group's host; target names the state the group "
                                   "fights, which must differ from host",
                                   sc_.actors[static_cast<std::size_t>(*target)].id));
        } else {
          a.armed_group.target = *target;
        }
      }
      read_section<ArmedGroupParams>(m, "armed_group", kArmedGroupFields, a.armed_group);
      break;  // cells: read_cells, once the districts are known
    case ActorType::kMediator: {
      m.check_keys(kMediatorKeys, belongs_elsewhere);
      read_section<MediatorParams>(m, "mediator", kMediatorFields, a.mediator);
      const ParamSpec& p = spec("mediator", "leverage");
      a.mediator.leverage.assign(sc_.actors.size(), 0.0);
      Map lm(diag_, m.find("leverage"), m.key_path("leverage"), m.mark());
      lm.check_duplicates();
      for (const auto& e : lm.entries()) {
        if (!e.key.IsScalar()) continue;
        std::string path = lm.key_path(e.key.Scalar());
        auto target = resolve(Entry{e.key, e.key}, path, actors_);
        if (target && !check_actor_type(*target, ActorType::kState, e.key.Mark(), path)) {
          target.reset();
        }
        auto v = parse_param(e, p, path);
        if (target && v) a.mediator.leverage[static_cast<std::size_t>(*target)] = v->x;
      }
      for (int s : sc_.states()) {
        record(lm.key_path(sc_.actors[static_cast<std::size_t>(s)].id),
               fmt::format("{}", a.mediator.leverage[static_cast<std::size_t>(s)]));
      }
      break;
    }
  }
}

Doctrine Loader::read_doctrine(const Map& parent) {
  Map m(diag_, parent.find("doctrine"), parent.key_path("doctrine"), parent.mark());
  m.check_keys(section_keys("doctrine"));
  Doctrine d;
  read_section<Doctrine>(m, "doctrine", kDoctrineFields, d);
  if (const Entry* e = m.find("lag_probabilities"); e && !d.lag_probabilities.empty()) {
    double sum = 0;
    for (double p : d.lag_probabilities) sum += p;
    if (std::abs(sum - 1.0) > 1e-6) {
      diag_.report(value_mark(*e), m.key_path("lag_probabilities"),
                   fmt::format("the lag probabilities sum to {:.6g}; they must sum to 1", sum));
    }
  }
  return d;
}

void Loader::read_relations(const Map& top) {
  static const std::vector<std::string> kKeys = section_keys("relation", {"from", "to"});
  auto nodes = items(top, "relations");
  std::vector<int> pair_line;  // line of each relation read, for duplicate messages
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    std::string path = fmt::format("relations[{}]", i);
    if (!nodes[i].IsMap()) {
      diag_.report(nodes[i].Mark(), path,
                   fmt::format("expected a map, got {}", describe(nodes[i])));
      continue;
    }
    Map m(diag_, nodes[i], path, nodes[i].Mark());
    m.check_keys(kKeys);
    Relation r;
    auto from = actor_ref(m, "from", true, ActorType::kState);
    auto to = actor_ref(m, "to", true, ActorType::kState);
    if (from && to) {
      if (*from == *to) {
        diag_.report(value_mark(*m.find("to")), m.key_path("to"),
                     fmt::format("a relation needs two different states, got {} -> {}",
                                 sc_.actors[static_cast<std::size_t>(*from)].id,
                                 sc_.actors[static_cast<std::size_t>(*to)].id));
      } else {
        for (std::size_t k = 0; k < sc_.relations.size(); ++k) {
          if (sc_.relations[k].from == *from && sc_.relations[k].to == *to) {
            diag_.report(m.mark(), path,
                         fmt::format("duplicate relation {} -> {} (first defined on line {})",
                                     sc_.actors[static_cast<std::size_t>(*from)].id,
                                     sc_.actors[static_cast<std::size_t>(*to)].id, pair_line[k]));
            break;
          }
        }
      }
      r.from = *from;
      r.to = *to;
    }
    record(m.key_path("from"), r.from >= 0 ? sc_.actors[static_cast<std::size_t>(r.from)].id : "");
    record(m.key_path("to"), r.to >= 0 ? sc_.actors[static_cast<std::size_t>(r.to)].id : "");
    read_section<Relation>(m, "relation", kRelationFields, r);
    sc_.relations.push_back(r);
    pair_line.push_back(m.mark().line + 1);
  }
  // Every ordered pair of distinct states has a relation: the missing ones take the defaults.
  for (int from : sc_.states()) {
    for (int to : sc_.states()) {
      if (from == to) continue;
      bool given = std::any_of(sc_.relations.begin(), sc_.relations.end(),
                               [&](const Relation& r) { return r.from == from && r.to == to; });
      if (given) continue;
      std::string path = fmt::format("relations[{}]", sc_.relations.size());
      Relation r;
      r.from = from;
      r.to = to;
      record(path + ".from", sc_.actors[static_cast<std::size_t>(from)].id);
      record(path + ".to", sc_.actors[static_cast<std::size_t>(to)].id);
      Map none(diag_, YAML::Node(), path, YAML::Mark::null_mark());
      read_section<Relation>(none, "relation", kRelationFields, r);
      sc_.relations.push_back(r);
    }
  }
}

void Loader::read_districts(const Map& top) {
  static const std::vector<std::string> kKeys =
      section_keys("district", {"id", "name", "state", "attack_group"});
  auto nodes = items(top, "districts");
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    std::string path = item_path("districts", nodes[i], i);
    District d;
    if (!nodes[i].IsMap()) {
      diag_.report(nodes[i].Mark(), path,
                   fmt::format("expected a map, got {}", describe(nodes[i])));
      districts_.ids.emplace_back();
      districts_.lines.push_back(0);
      sc_.districts.push_back(d);
      continue;
    }
    Map m(diag_, nodes[i], path, nodes[i].Mark());
    m.check_keys(kKeys);
    d.id = read_id(m, districts_);
    d.name = d.id;
    if (const Entry* e = m.find("name")) {
      if (auto s = text(*e, m.key_path("name"))) d.name = *s;
    }
    if (auto s = actor_ref(m, "state", true, ActorType::kState)) d.state = *s;
    read_section<District>(m, "district", kDistrictFields, d);
    if (auto g = actor_ref(m, "attack_group", false, ActorType::kArmedGroup)) {
      const int host = sc_.actors[static_cast<std::size_t>(*g)].armed_group.host;
      if (host >= 0 && host == d.state) {
        diag_.report(value_mark(*m.find("attack_group")), m.key_path("attack_group"),
                     fmt::format("'{}' is hosted by {}, the state of this district: an armed "
                                 "group attacks the state it fights, never its host (change the "
                                 "group's host or the district's attack_group)",
                                 sc_.actors[static_cast<std::size_t>(*g)].id,
                                 sc_.actors[static_cast<std::size_t>(host)].id));
      } else {
        d.attack_group = *g;
      }
    }
    if (d.attack_rate_per_day > 0 && m.find("attack_group") == nullptr) {
      m.missing("attack_group", " (attack_rate_per_day is above 0: name the armed group)");
    }
    sc_.districts.push_back(std::move(d));
  }
}

void Loader::read_cells() {
  static const std::vector<std::string> kKeys = section_keys("cell", {"district"});
  for (std::size_t i = 0; i < actor_nodes_.size(); ++i) {
    const YAML::Node& node = actor_nodes_[i];
    Actor& a = sc_.actors[i];
    if (!node.IsMap() || !actor_type_known_[i] || a.type != ActorType::kArmedGroup) continue;
    Map m(diag_, node, item_path("actors", node, i), node.Mark());
    auto cells = items(m, "cells");
    for (std::size_t k = 0; k < cells.size(); ++k) {
      std::string path = fmt::format("{}[{}]", m.key_path("cells"), k);
      if (!cells[k].IsMap()) {
        diag_.report(cells[k].Mark(), path,
                     fmt::format("expected a map, got {}", describe(cells[k])));
        continue;
      }
      Map cm(diag_, cells[k], path, cells[k].Mark());
      cm.check_keys(kKeys);
      CellSeed cell;
      if (const Entry* e = cm.find("district")) {
        if (auto d = resolve(*e, cm.key_path("district"), districts_)) cell.district = *d;
      } else {
        cm.missing("district", " (where the cell is based)");
      }
      record(cm.key_path("district"),
             cell.district >= 0 ? sc_.districts[static_cast<std::size_t>(cell.district)].id : "");
      read_section<CellSeed>(cm, "cell", kCellFields, cell);
      a.armed_group.cells.push_back(cell);
    }
  }
}

void Loader::read_sectors(const Map& top) {
  static const std::vector<std::string> kKeys =
      section_keys("sector", {"id", "name", "districts", "posts"});
  static const std::vector<std::string> kPostKeys = section_keys("posts", {"side"});
  auto nodes = items(top, "sectors");
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    std::string path = item_path("sectors", nodes[i], i);
    Sector s;
    if (!nodes[i].IsMap()) {
      diag_.report(nodes[i].Mark(), path,
                   fmt::format("expected a map, got {}", describe(nodes[i])));
      sectors_.ids.emplace_back();
      sectors_.lines.push_back(0);
      sc_.sectors.push_back(s);
      continue;
    }
    Map m(diag_, nodes[i], path, nodes[i].Mark());
    m.check_keys(kKeys);
    s.id = read_id(m, sectors_);
    s.name = s.id;
    if (const Entry* e = m.find("name")) {
      if (auto t = text(*e, m.key_path("name"))) s.name = *t;
    }
    read_section<Sector>(m, "sector", kSectorFields, s);

    const Entry* de = m.find("districts");
    if (de == nullptr) m.missing("districts", " (a map: state id -> district id, 2 sides or more)");
    Map dm(diag_, de, m.key_path("districts"), m.mark());
    dm.check_duplicates();
    for (const auto& e : dm.entries()) {
      if (!e.key.IsScalar()) continue;
      std::string side_path = dm.key_path(e.key.Scalar());
      // Plain ints rather than optionals: GCC 12 warns falsely about reset() optionals.
      int state = resolve(Entry{e.key, e.key}, side_path, actors_).value_or(-1);
      if (state >= 0 && !check_actor_type(state, ActorType::kState, e.key.Mark(), side_path)) {
        state = -1;
      }
      const int district = resolve(e, side_path, districts_).value_or(-1);
      if (state < 0 || district < 0) continue;
      const District& d = sc_.districts[static_cast<std::size_t>(district)];
      if (d.state >= 0 && d.state != state) {
        diag_.report(value_mark(e), side_path,
                     fmt::format("district '{}' is in state '{}', not in '{}'", d.id,
                                 sc_.actors[static_cast<std::size_t>(d.state)].id,
                                 sc_.actors[static_cast<std::size_t>(state)].id));
        continue;
      }
      s.sides.push_back(SectorSide{state, district});
    }
    if (dm.is_map() && dm.entries().size() < 2) {
      diag_.report(dm.mark(), dm.path(),
                   fmt::format("a sector needs districts on at least 2 sides; found {}",
                               dm.entries().size()));
    }

    auto posts = items(m, "posts");
    for (std::size_t k = 0; k < posts.size(); ++k) {
      std::string post_path = fmt::format("{}[{}]", m.key_path("posts"), k);
      if (!posts[k].IsMap()) {
        diag_.report(posts[k].Mark(), post_path,
                     fmt::format("expected a map, got {}", describe(posts[k])));
        continue;
      }
      Map pm(diag_, posts[k], post_path, posts[k].Mark());
      pm.check_keys(kPostKeys);
      PostGroup g;
      if (auto side = actor_ref(pm, "side", true, ActorType::kState)) {
        bool on_line = std::any_of(s.sides.begin(), s.sides.end(),
                                   [&](const SectorSide& sd) { return sd.state == *side; });
        if (!on_line && !s.sides.empty()) {
          std::vector<std::string> sides;
          for (const auto& sd : s.sides) {
            sides.push_back(sc_.actors[static_cast<std::size_t>(sd.state)].id);
          }
          diag_.report(
              value_mark(*pm.find("side")), pm.key_path("side"),
              fmt::format("'{}' is not a side of sector '{}' (its sides: {})",
                          sc_.actors[static_cast<std::size_t>(*side)].id, s.id, join(sides)));
        }
        g.side = *side;
      }
      read_section<PostGroup>(pm, "posts", kPostFields, g);
      s.posts.push_back(g);
    }
    sc_.sectors.push_back(std::move(s));
  }
}

void Loader::read_crossings(const Map& top) {
  static const std::vector<std::string> kKeys = section_keys("crossing", {"id", "name", "sector"});
  const ParamSpec& exports = spec("crossing", "exports_usd_per_day");
  auto nodes = items(top, "crossings");
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    std::string path = item_path("crossings", nodes[i], i);
    Crossing c;
    c.exports_usd_per_day.assign(sc_.actors.size(), 0.0);
    if (!nodes[i].IsMap()) {
      diag_.report(nodes[i].Mark(), path,
                   fmt::format("expected a map, got {}", describe(nodes[i])));
      continue;
    }
    Map m(diag_, nodes[i], path, nodes[i].Mark());
    m.check_keys(kKeys);
    c.id = read_id(m, crossings_);
    c.name = c.id;
    if (const Entry* e = m.find("name")) {
      if (auto t = text(*e, m.key_path("name"))) c.name = *t;
    }
    const Sector* sector = nullptr;
    if (const Entry* e = m.find("sector")) {
      if (auto k = resolve(*e, m.key_path("sector"), sectors_)) {
        c.sector = *k;
        sector = &sc_.sectors[static_cast<std::size_t>(*k)];
        if (sector->sides.size() > 2) {
          // Closing and reopening are decided by one pair of states.
          diag_.report(value_mark(*e), m.key_path("sector"),
                       fmt::format("sector '{}' has {} sides; a crossing must lie on a sector "
                                   "between exactly 2 states",
                                   sector->id, sector->sides.size()));
        }
      }
    } else {
      m.missing("sector");
    }
    read_section<Crossing>(m, "crossing", kCrossingFields, c);

    Map em(diag_, m.find("exports_usd_per_day"), m.key_path("exports_usd_per_day"), m.mark());
    em.check_duplicates();
    for (const auto& e : em.entries()) {
      if (!e.key.IsScalar()) continue;
      std::string side_path = em.key_path(e.key.Scalar());
      int state = resolve(Entry{e.key, e.key}, side_path, actors_).value_or(-1);
      if (state >= 0 && !check_actor_type(state, ActorType::kState, e.key.Mark(), side_path)) {
        state = -1;
      }
      if (state >= 0 && sector != nullptr &&
          std::none_of(sector->sides.begin(), sector->sides.end(),
                       [&](const SectorSide& sd) { return sd.state == state; })) {
        diag_.report(e.key.Mark(), side_path,
                     fmt::format("'{}' is not a side of sector '{}'", e.key.Scalar(), sector->id));
        state = -1;
      }
      auto v = parse_param(e, exports, side_path);
      if (state >= 0 && v) c.exports_usd_per_day[static_cast<std::size_t>(state)] = v->x;
    }
    if (sector != nullptr) {
      for (const auto& sd : sector->sides) {
        record(em.key_path(sc_.actors[static_cast<std::size_t>(sd.state)].id),
               fmt::format("{}", c.exports_usd_per_day[static_cast<std::size_t>(sd.state)]));
      }
    }
    sc_.crossings.push_back(std::move(c));
  }
}

void Loader::read_attack_types(const Map& top) {
  static const std::vector<std::string> kKeys = section_keys("attack_type", {"id", "acled"});
  auto nodes = items(top, "attack_types");
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    std::string path = item_path("attack_types", nodes[i], i);
    AttackType t;
    if (!nodes[i].IsMap()) {
      diag_.report(nodes[i].Mark(), path,
                   fmt::format("expected a map, got {}", describe(nodes[i])));
      attack_types_.ids.emplace_back();
      attack_types_.lines.push_back(0);
      sc_.attack_types.push_back(t);
      continue;
    }
    Map m(diag_, nodes[i], path, nodes[i].Mark());
    m.check_keys(kKeys);
    t.id = read_id(m, attack_types_);
    read_section<AttackType>(m, "attack_type", kAttackTypeFields, t);
    if (const Entry* e = m.find("acled")) {
      if (auto name = text(*e, m.key_path("acled"))) {
        if (acled_event_type(*name).empty()) {
          std::vector<std::string> known;
          for (const auto& a : kAcledSubEventTypes) known.emplace_back(a.sub_event_type);
          diag_.report(value_mark(*e), m.key_path("acled"),
                       fmt::format("'{}' is not an ACLED sub-event type{}", *name,
                                   suggestion(*name, known, "ACLED sub-event types")));
        } else {
          t.acled_sub_event_type = *name;
          record(m.key_path("acled"), *name);
        }
      }
    }
    sc_.attack_types.push_back(std::move(t));
  }
  if (!sc_.attack_types.empty() && std::all_of(sc_.attack_types.begin(), sc_.attack_types.end(),
                                               [](const AttackType& t) { return t.share == 0; })) {
    diag_.report(value_mark(*top.find("attack_types")), "attack_types",
                 "every attack type has share 0; at least one needs a positive share");
  }
}

void Loader::read_events(const Map& top) {
  auto nodes = items(top, "events");
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    std::string path = fmt::format("events[{}]", i);
    if (!nodes[i].IsMap()) {
      diag_.report(nodes[i].Mark(), path,
                   fmt::format("expected a map, got {}", describe(nodes[i])));
      continue;
    }
    read_event(Map(diag_, nodes[i], path, nodes[i].Mark()));
  }
}

void Loader::read_event(const Map& m) {
  static const std::vector<std::string> kKeys = {"date",   "day",      "actor",       "action",
                                                 "target", "district", "attack_type", "fatalities"};
  m.check_keys(kKeys);
  ScriptedEvent ev;
  ev.source_line = m.mark().is_null() ? 0 : m.mark().line + 1;

  const Entry* date_entry = m.find("date");
  const Entry* day_entry = m.find("day");
  if (date_entry != nullptr && day_entry != nullptr) {
    diag_.report(day_entry->key.Mark(), m.key_path("day"), "give either date or day, not both");
  } else if (date_entry == nullptr && day_entry == nullptr) {
    m.missing("date", " (or 'day')");
  } else if (auto day = date_entry != nullptr ? day_in_run(*date_entry, m.key_path("date"), true)
                                              : day_in_run(*day_entry, m.key_path("day"), false)) {
    ev.day = *day;
  }

  auto actor = actor_ref(m, "actor", true, std::nullopt);
  const Entry* action = m.find("action");
  if (action == nullptr) m.missing("action");
  if (!actor || !actor_type_known_[static_cast<std::size_t>(*actor)]) {
    sc_.events.push_back(ev);
    return;
  }
  ev.actor = *actor;
  const Actor& a = sc_.actors[static_cast<std::size_t>(*actor)];
  auto only_for = [&](std::string_view key, std::string_view who) {
    if (const Entry* e = m.find(key)) {
      diag_.report(
          e->key.Mark(), m.key_path(key),
          fmt::format("'{}' is only for {}; '{}' is {} {}", key, who, a.id,
                      a.type == ActorType::kArmedGroup ? "an" : "a", actor_type_name(a.type)));
    }
  };

  switch (a.type) {
    case ActorType::kMediator:
      diag_.report(value_mark(*m.find("actor")), m.key_path("actor"),
                   fmt::format("'{}' is a mediator; mediators cannot have scripted events", a.id));
      break;
    case ActorType::kArmedGroup: {
      ev.is_attack = true;
      if (action != nullptr) {
        auto s = text(*action, m.key_path("action"));
        if (s && *s != "attack") {
          diag_.report(
              value_mark(*action), m.key_path("action"),
              fmt::format("an armed group's scripted action must be 'attack', got '{}'", *s));
        }
      }
      only_for("target", "state actions");
      if (const Entry* e = m.find("district")) {
        if (auto d = resolve(*e, m.key_path("district"), districts_)) ev.district = *d;
      } else {
        m.missing("district", " (where the attack happens)");
      }
      if (const Entry* e = m.find("attack_type")) {
        if (auto t = resolve(*e, m.key_path("attack_type"), attack_types_)) ev.attack_type = *t;
      }
      if (const Entry* e = m.find("fatalities")) {
        Map fm(diag_, e, m.key_path("fatalities"), m.mark());
        fm.check_keys(section_keys("event"));
        Fatalities f;
        read_section<Fatalities>(fm, "event", kFatalityFields, f);
        ev.fatalities = {f.forces, f.civilians, f.militants};
      } else if (attack_without_fatalities_.empty()) {
        attack_without_fatalities_ = m.path();
      }
      break;
    }
    case ActorType::kState: {
      if (action != nullptr) {
        if (auto s = text(*action, m.key_path("action"))) {
          auto act = action_from_name(*s);
          if (!act || *act == Action::kHold) {
            std::string why = *s == "hold" ? ": 'hold' cannot be scripted (a state holds whenever "
                                             "nothing else is chosen)"
                                           : suggestion(*s, action_names(false), "actions");
            diag_.report(value_mark(*action), m.key_path("action"),
                         fmt::format("unknown action '{}'{}", *s, why));
          } else {
            ev.action = *act;
          }
        }
      }
      if (auto target = actor_ref(m, "target", true, ActorType::kState)) {
        if (*target == *actor) {
          diag_.report(value_mark(*m.find("target")), m.key_path("target"),
                       fmt::format("a state cannot target itself ('{}')", a.id));
        }
        ev.target = *target;
      }
      only_for("district", "armed-group attacks");
      only_for("attack_type", "armed-group attacks");
      only_for("fatalities", "armed-group attacks");
      break;
    }
  }
  sc_.events.push_back(ev);
}

void Loader::check_attack_types_needed(const Map& top) {
  if (!sc_.attack_types.empty()) return;
  std::string reason;
  for (const auto& d : sc_.districts) {
    if (d.attack_rate_per_day > 0) {
      reason = fmt::format("district '{}' has attack_rate_per_day above 0", d.id);
      break;
    }
  }
  if (reason.empty() && !attack_without_fatalities_.empty()) {
    reason = fmt::format("{} is an attack without fatalities", attack_without_fatalities_);
  }
  if (reason.empty()) return;
  if (const Entry* e = top.find("attack_types")) {
    diag_.report(value_mark(*e), "attack_types",
                 fmt::format("at least one attack type is needed: {}", reason));
  } else {
    top.missing("attack_types", fmt::format(" ({})", reason));
  }
}

void Loader::read_refugees(const Map& top) {
  static const std::vector<std::string> kKeys = section_keys("refugees", {"host", "origin"});
  auto nodes = items(top, "refugees");
  std::vector<int> lines;  // line of each entry read, for duplicate messages
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    std::string path = fmt::format("refugees[{}]", i);
    if (!nodes[i].IsMap()) {
      diag_.report(nodes[i].Mark(), path,
                   fmt::format("expected a map, got {}", describe(nodes[i])));
      refugees_resolved_ = false;
      continue;
    }
    Map m(diag_, nodes[i], path, nodes[i].Mark());
    m.check_keys(kKeys);
    RefugeePopulation r;
    auto host = actor_ref(m, "host", true, ActorType::kState);
    auto origin = actor_ref(m, "origin", true, ActorType::kState);
    if (!host || !origin) refugees_resolved_ = false;
    if (host && origin) {
      const std::string& host_id = sc_.actors[static_cast<std::size_t>(*host)].id;
      const std::string& origin_id = sc_.actors[static_cast<std::size_t>(*origin)].id;
      if (*host == *origin) {
        diag_.report(value_mark(*m.find("origin")), m.key_path("origin"),
                     fmt::format("'{}' is the host; origin must be another state", host_id));
      } else {
        for (std::size_t k = 0; k < sc_.refugees.size(); ++k) {
          if (sc_.refugees[k].host == *host && sc_.refugees[k].origin == *origin) {
            diag_.report(m.mark(), path,
                         fmt::format("duplicate refugees entry for host '{}' and origin '{}' "
                                     "(first defined on line {})",
                                     host_id, origin_id, lines[k]));
            break;
          }
        }
        r.host = *host;
        r.origin = *origin;
      }
    }
    record(m.key_path("host"), r.host >= 0 ? sc_.actors[static_cast<std::size_t>(r.host)].id : "");
    record(m.key_path("origin"),
           r.origin >= 0 ? sc_.actors[static_cast<std::size_t>(r.origin)].id : "");
    RefugeeFields f;
    read_section<RefugeeFields>(m, "refugees", kRefugeeFields, f);
    r.stock[static_cast<std::size_t>(RefugeeClass::kRegistered)] = f.registered;
    r.stock[static_cast<std::size_t>(RefugeeClass::kCardHolders)] = f.card_holders;
    r.stock[static_cast<std::size_t>(RefugeeClass::kUndocumented)] = f.undocumented;
    r.voluntary_return_rate = f.voluntary_return_rate;
    sc_.refugees.push_back(r);
    lines.push_back(m.mark().line + 1);
  }
}

void Loader::read_policies(const Map& top) {
  auto nodes = items(top, "policies");
  std::vector<std::size_t> node_of;  // policy index -> its node (policies with errors are absent)
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const std::size_t before = sc_.policies.size();
    read_policy(nodes[i], i);
    if (sc_.policies.size() > before) node_of.push_back(i);
  }
  // Contradictions: two policies that set the same lever (a state's retaliation doctrine, or a
  // pair's border commission or economic corridor) from the same fixed day. Each replaces the
  // lever whole, so the one listed later would silently undo the other.
  auto fixed_day = [](const Policy& p) {
    return p.start.escalation_at_least == -100 && p.start.attack_deaths_at_least < 0 &&
           !p.start.on_closure;
  };
  auto same_lever = [](const Policy& a, const Policy& b) {
    if (a.type != b.type) return false;
    switch (a.type) {
      case PolicyType::kRetaliationDoctrine:
        return a.actor >= 0 && a.actor == b.actor;
      case PolicyType::kBorderCommission:
      case PolicyType::kEconomicCorridor:
        return a.actor >= 0 && a.partner >= 0 &&
               std::minmax(a.actor, a.partner) == std::minmax(b.actor, b.partner);
      default:
        return false;
    }
  };
  const auto& policies = sc_.policies;
  for (std::size_t k = 0; k < policies.size(); ++k) {
    if (!fixed_day(policies[k])) continue;
    for (std::size_t j = 0; j < k; ++j) {
      if (!fixed_day(policies[j]) || policies[j].start.day != policies[k].start.day ||
          !same_lever(policies[j], policies[k])) {
        continue;
      }
      const YAML::Node& node = nodes[node_of[k]];
      const Policy& p = policies[k];
      std::string lever =
          p.type == PolicyType::kRetaliationDoctrine
              ? fmt::format("the retaliation doctrine of '{}'",
                            sc_.actors[static_cast<std::size_t>(p.actor)].id)
              : fmt::format("the {} between '{}' and '{}'", policy_type_name(p.type),
                            sc_.actors[static_cast<std::size_t>(p.actor)].id,
                            sc_.actors[static_cast<std::size_t>(p.partner)].id);
      diag_.report(
          node.Mark(), item_path("policies", node, node_of[k]),
          fmt::format("policy '{}' sets {} from the same day, {}: the later one would "
                      "silently replace it; merge them or start them on different days",
                      policies[j].name, lever, sc_.start_date.plus_days(p.start.day).to_string()));
      break;
    }
  }
}

void Loader::read_policy(const YAML::Node& node, std::size_t index) {
  std::string path = item_path("policies", node, index);
  if (!node.IsMap()) {
    diag_.report(node.Mark(), path, fmt::format("expected a map, got {}", describe(node)));
    return;
  }
  Map m(diag_, node, path, node.Mark());
  m.set_allowed(all_policy_keys());
  Policy p;
  p.name = read_id(m, policies_, "name");
  const Entry* type_entry = m.find("type");
  if (type_entry == nullptr) {
    m.missing("type");
    return;
  }
  auto type_name = text(*type_entry, m.key_path("type"));
  if (!type_name) return;
  auto names = policy_type_names();
  auto it = std::find(names.begin(), names.end(), *type_name);
  if (it == names.end()) {
    std::vector<std::string> all(names.begin(), names.end());
    diag_.report(value_mark(*type_entry), m.key_path("type"),
                 fmt::format("unknown policy type '{}'{}", *type_name,
                             suggestion(*type_name, all, "types")));
    return;
  }
  p.type = static_cast<PolicyType>(it - names.begin());
  const PolicyKind& kind = policy_kind(p.type);
  // A lever of another policy type is named as such rather than as a likely misspelling.
  auto belongs_elsewhere = [&](std::string_view key) -> std::string {
    std::vector<std::string> types;
    for (const auto& k : kPolicyKinds) {
      const auto& keys = policy_keys(k.type);
      if (std::find(keys.begin(), keys.end(), key) != keys.end()) {
        types.emplace_back(policy_type_name(k.type));
      }
    }
    if (types.empty()) return {};
    return fmt::format(" for type {}; it belongs to policies with type: {}", *type_name,
                       join(types));
  };
  m.check_keys(policy_keys(p.type), belongs_elsewhere);

  if (kind.actor != Need::kNo) {
    if (auto actor = actor_ref(m, "actor", kind.actor == Need::kRequired, ActorType::kState)) {
      p.actor = *actor;
    }
  }
  if (kind.partner) {
    if (auto partner = actor_ref(m, "partner", true, ActorType::kState)) {
      if (*partner == p.actor) {
        diag_.report(value_mark(*m.find("partner")), m.key_path("partner"),
                     fmt::format("'{}' is the policy's actor; partner must be another state",
                                 sc_.actors[static_cast<std::size_t>(*partner)].id));
      } else {
        p.partner = *partner;
      }
    }
  }
  read_policy_start(m, p);
  if (!kind.section.empty()) read_section<Policy>(m, kind.section, policy_fields(p.type), p);

  switch (p.type) {
    case PolicyType::kRetaliationDoctrine:
      p.doctrine = read_doctrine(m);
      break;
    case PolicyType::kMediation:
      for (const auto& l : id_list(m, "mediators", actors_, ActorType::kMediator)) {
        p.mediators.push_back(l.index);
      }
      break;
    case PolicyType::kDeportation:
      read_deportation(m, p);
      break;
    case PolicyType::kCounterInsurgency:
      read_ci_districts(m, p);
      break;
    case PolicyType::kRegionalPressure:
      // Who applies the pressure is recorded for the reader; the model needs only the host.
      if (m.find("by") != nullptr) (void)id_list(m, "by", actors_, std::nullopt);
      break;
    case PolicyType::kBorderCommission:
    case PolicyType::kEconomicCorridor:
    case PolicyType::kPublicDiplomacy:
    case PolicyType::kBorderClosure:
      break;
  }
  sc_.policies.push_back(std::move(p));
}

void Loader::read_policy_start(const Map& m, Policy& p) {
  const Entry* e = m.find("start");
  if (e == nullptr) {
    record(m.key_path("start.day"), "0");
    return;
  }
  Map sm(diag_, e, m.key_path("start"), m.mark());
  static const std::vector<std::string> kStartKeys = {"date", "day", "escalation_at_least",
                                                      "attack_deaths_at_least", "closure"};
  sm.check_keys(kStartKeys);
  std::vector<const Entry*> given;
  for (const auto& k : kStartKeys) {
    if (const Entry* s = sm.find(k)) given.push_back(s);
  }
  if (sm.is_map() && given.size() != 1) {
    diag_.report(sm.mark(), sm.path(),
                 given.empty() ? "start needs one of date, day, escalation_at_least, "
                                 "attack_deaths_at_least or closure"
                               : "give only one of date, day, escalation_at_least, "
                                 "attack_deaths_at_least or closure");
    return;
  }
  if (given.size() != 1) return;
  const Entry& s = *given.front();
  const std::string& key = s.key.Scalar();
  if (key == "escalation_at_least") {
    if (auto level = whole(s, sm.key_path(key))) {
      if (*level < 0 || *level > kMaxRung) {
        diag_.report(value_mark(s), sm.key_path(key),
                     fmt::format("{} is outside the valid range 0 to {} (rung)",
                                 format_param_number(*level), kMaxRung));
      } else {
        p.start.escalation_at_least = static_cast<int>(*level);
        record(sm.key_path(key), fmt::format("{}", p.start.escalation_at_least));
      }
    }
  } else if ((key == "attack_deaths_at_least" || key == "closure") && p.actor < 0) {
    diag_.report(
        value_mark(s), sm.key_path(key),
        fmt::format("the trigger {} watches the policy's actor: give the policy an actor", key));
  } else if (key == "attack_deaths_at_least") {
    if (auto deaths = whole(s, sm.key_path(key))) {
      if (*deaths < 1 || *deaths > 1e6) {
        diag_.report(value_mark(s), sm.key_path(key),
                     fmt::format("{} is outside the valid range 1 to 1000000 (deaths)",
                                 format_param_number(*deaths)));
      } else {
        p.start.attack_deaths_at_least = static_cast<int>(*deaths);
        record(sm.key_path(key), fmt::format("{}", p.start.attack_deaths_at_least));
      }
    }
  } else if (key == "closure") {
    if (!s.value.IsScalar() || (s.value.Scalar() != "true" && s.value.Scalar() != "false")) {
      diag_.report(value_mark(s), sm.key_path(key), "expected true or false");
    } else {
      p.start.on_closure = s.value.Scalar() == "true";
      record(sm.key_path(key), s.value.Scalar());
    }
  } else if (auto day = day_in_run(s, sm.key_path(key), key == "date")) {
    p.start.day = *day;
    record(sm.key_path("day"), fmt::format("{}", p.start.day));
  }
}

void Loader::read_deportation(const Map& m, Policy& p) {
  if (p.actor >= 0 && p.partner >= 0 && refugees_resolved_ &&
      std::none_of(sc_.refugees.begin(), sc_.refugees.end(), [&](const RefugeePopulation& r) {
        return r.host == p.actor && r.origin == p.partner;
      })) {
    diag_.report(value_mark(*m.find("partner")), m.key_path("partner"),
                 fmt::format("no refugees entry has host '{}' and origin '{}': list the people a "
                             "deportation moves under refugees",
                             sc_.actors[static_cast<std::size_t>(p.actor)].id,
                             sc_.actors[static_cast<std::size_t>(p.partner)].id));
  }

  static const std::vector<std::string> kPhaseKeys =
      section_keys("deportation_phase", {"name", "target", "start", "deadline"});
  const Entry* phases = m.find("phases");
  if (phases == nullptr) {
    m.missing("phases", " (a list of deportation phases)");
  } else if (phases->value.IsSequence() && phases->value.size() == 0) {
    diag_.report(value_mark(*phases), m.key_path("phases"), "expected at least one phase");
  }
  IdTable names{"phase", {}, {}};
  auto nodes = items(m, "phases");
  for (std::size_t k = 0; k < nodes.size(); ++k) {
    std::string path = item_path(m.key_path("phases"), nodes[k], k);
    if (!nodes[k].IsMap()) {
      diag_.report(nodes[k].Mark(), path,
                   fmt::format("expected a map, got {}", describe(nodes[k])));
      continue;
    }
    Map pm(diag_, nodes[k], path, nodes[k].Mark());
    pm.check_keys(kPhaseKeys);
    DeportationPhase phase;
    read_phase(pm, names, phase);
    p.phases.push_back(std::move(phase));
  }

  static const std::vector<std::string> kOpeningKeys = {"date", "day", "days"};
  auto openings = items(m, "openings");
  for (std::size_t k = 0; k < openings.size(); ++k) {
    std::string path = fmt::format("{}[{}]", m.key_path("openings"), k);
    if (!openings[k].IsMap()) {
      diag_.report(openings[k].Mark(), path,
                   fmt::format("expected a map, got {}", describe(openings[k])));
      continue;
    }
    Map om(diag_, openings[k], path, openings[k].Mark());
    om.check_keys(kOpeningKeys);
    ScheduledOpening opening;
    read_opening(om, opening);
    p.openings.push_back(opening);
  }
}

void Loader::read_phase(const Map& m, IdTable& names, DeportationPhase& phase) {
  if (m.find("name") != nullptr) phase.name = read_id(m, names, "name");

  if (const Entry* e = m.find("target")) {
    if (auto s = text(*e, m.key_path("target"))) {
      auto it = std::find(kRefugeeClassNames.begin(), kRefugeeClassNames.end(), *s);
      if (it == kRefugeeClassNames.end()) {
        std::vector<std::string> classes(kRefugeeClassNames.begin(), kRefugeeClassNames.end());
        diag_.report(
            value_mark(*e), m.key_path("target"),
            fmt::format("unknown refugee class '{}'{}", *s, suggestion(*s, classes, "classes")));
      } else {
        phase.target = static_cast<RefugeeClass>(it - kRefugeeClassNames.begin());
        record(m.key_path("target"), *s);
      }
    }
  } else {
    m.missing("target", " (registered, card_holders or undocumented)");
  }

  // Plain ints rather than optionals: GCC 12 warns falsely about optionals here.
  int start = std::numeric_limits<int>::min(), deadline = std::numeric_limits<int>::min();
  const Entry* start_entry = m.find("start");
  const Entry* deadline_entry = m.find("deadline");
  if (start_entry == nullptr) {
    m.missing("start", " (a date or a day number)");
  } else if (auto d = day_or_date(*start_entry, m.key_path("start"))) {
    start = *d;
  }
  if (deadline_entry == nullptr) {
    m.missing("deadline", " (a date or a day number)");
  } else if (auto d = day_or_date(*deadline_entry, m.key_path("deadline"))) {
    deadline = *d;
  }
  constexpr int kUnset = std::numeric_limits<int>::min();
  if (start != kUnset && deadline != kUnset && deadline < start) {
    diag_.report(value_mark(*deadline_entry), m.key_path("deadline"),
                 fmt::format("deadline {} is before start {}: a phase's deadline must not come "
                             "before its start",
                             deadline_entry->value.Scalar(), start_entry->value.Scalar()));
  } else {
    if (start != kUnset) {
      phase.start_day = start;
      record(m.key_path("start"), fmt::format("{}", start));
    }
    if (deadline != kUnset) {
      phase.deadline_day = deadline;
      record(m.key_path("deadline"), fmt::format("{}", deadline));
    }
  }
  read_section<DeportationPhase>(m, "deportation_phase", kDeportationPhaseFields, phase);
}

void Loader::read_opening(const Map& m, ScheduledOpening& opening) {
  const Entry* date_entry = m.find("date");
  const Entry* day_entry = m.find("day");
  if (date_entry != nullptr && day_entry != nullptr) {
    diag_.report(day_entry->key.Mark(), m.key_path("day"), "give either date or day, not both");
  } else if (date_entry == nullptr && day_entry == nullptr) {
    m.missing("date", " (or 'day')");
  } else if (auto day = date_entry != nullptr ? day_in_run(*date_entry, m.key_path("date"), true)
                                              : day_in_run(*day_entry, m.key_path("day"), false)) {
    opening.start_day = *day;
    record(m.key_path("day"), fmt::format("{}", opening.start_day));
  }
  constexpr double kMaxOpeningDays = 36500;
  if (const Entry* e = m.find("days")) {
    if (auto n = whole(*e, m.key_path("days"))) {
      if (*n < 1 || *n > kMaxOpeningDays) {
        diag_.report(value_mark(*e), m.key_path("days"),
                     fmt::format("{} is outside the valid range 1 to {} (days)",
                                 format_param_number(*n), format_param_number(kMaxOpeningDays)));
      } else {
        opening.days = static_cast<int>(*n);
        record(m.key_path("days"), fmt::format("{}", opening.days));
      }
    }
  } else {
    m.missing("days", " (how many days the crossings open)");
  }
}

void Loader::read_ci_districts(const Map& m, Policy& p) {
  for (const auto& l : id_list(m, "districts", districts_, std::nullopt)) {
    const District& d = sc_.districts[static_cast<std::size_t>(l.index)];
    if (p.actor >= 0 && d.state >= 0 && d.state != p.actor) {
      diag_.report(value_mark(l.entry), l.path,
                   fmt::format("district '{}' is in state '{}', not in '{}' (the policy's actor)",
                               d.id, sc_.actors[static_cast<std::size_t>(d.state)].id,
                               sc_.actors[static_cast<std::size_t>(p.actor)].id));
      continue;
    }
    p.districts.push_back(l.index);
  }
}

void Loader::order_resolved(const Map& top) {
  // Sections in the order the file gives them; sections the file leaves out (all defaults) after.
  auto rank = [&](const std::string& path) {
    std::string section = path.substr(0, path.find_first_of(".["));
    const auto& entries = top.entries();
    for (std::size_t i = 0; i < entries.size(); ++i) {
      if (entries[i].key.IsScalar() && entries[i].key.Scalar() == section) return i;
    }
    return entries.size();
  };
  std::stable_sort(sc_.resolved.begin(), sc_.resolved.end(),
                   [&](const auto& a, const auto& b) { return rank(a.first) < rank(b.first); });
}

// ------------------------------------------------------------------------------------------------
// The file as text, before YAML.

// yaml-cpp reports a tab in the indentation obscurely ("illegal map value"); name it instead.
std::optional<YAML::Mark> tab_in_indent(std::string_view text, int near_line) {
  int line = 0;
  std::size_t start = 0;
  while (start <= text.size() && line <= near_line) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (line >= near_line - 1) {
      for (std::size_t k = start; k < end && (text[k] == ' ' || text[k] == '\t'); ++k) {
        if (text[k] == '\t') {
          YAML::Mark mark;
          mark.pos = static_cast<int>(k);
          mark.line = line;
          mark.column = static_cast<int>(k - start);
          return mark;
        }
      }
    }
    start = end + 1;
    ++line;
  }
  return std::nullopt;
}

}  // namespace

// --------------------------------------------------------------------------------- public API

namespace loader_detail {
std::string read_text_file(const std::string& path) {
  return read_input_file(path);
}

bool check_is_text(std::string_view text, Diagnostics& diag, std::string_view what) {
  int line = 0, column = 0;
  std::size_t i = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    std::size_t len = c < 0x80           ? 1
                      : (c >> 5) == 0x6  ? 2
                      : (c >> 4) == 0xE  ? 3
                      : (c >> 3) == 0x1E ? 4
                                         : 0;
    bool ok = len > 0 && i + len <= text.size();
    for (std::size_t k = 1; ok && k < len; ++k) {
      ok = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    }
    if (len == 1 && ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)) ok = false;
    if (!ok) {
      YAML::Mark mark;
      mark.pos = static_cast<int>(i);
      mark.line = line;
      mark.column = column;
      diag.report(
          mark, "",
          fmt::format("this is not a text file (byte 0x{:02x}); {} is UTF-8 YAML text", c, what));
      return false;
    }
    if (c == '\n') {
      ++line;
      column = 0;
    } else {
      ++column;
    }
    i += len;
  }
  return true;
}
}  // namespace loader_detail

namespace {

/// Where a YAML document starts, and where its first node is.
struct DocumentStart {
  YAML::Mark start;
  YAML::Mark first_node;
};

/// Notes where documents start, building no nodes.
class DocumentStarts : public YAML::EventHandler {
 public:
  std::vector<DocumentStart> docs;

  void OnDocumentStart(const YAML::Mark& mark) override {
    docs.push_back(DocumentStart{mark, mark});
    first_ = true;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { node(mark); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { node(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                const std::string&) override {
    node(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    node(mark);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    node(mark);
  }
  void OnMapEnd() override {}

 private:
  void node(const YAML::Mark& mark) {
    if (first_) docs.back().first_node = mark;
    first_ = false;
  }
  bool first_ = false;
};

/// The first two documents of `text` (fewer when it has fewer). Not YAML::LoadAll: yaml-cpp 0.7
/// loops for ever, allocating, on a document that stops at a token no node can start with (a
/// ',' at the top level; jbeder/yaml-cpp#1040). There the second document starts where the first
/// did. Throws YAML::Exception as YAML::Load does.
std::vector<DocumentStart> first_documents(const std::string& text) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  DocumentStarts handler;
  while (handler.docs.size() < 2 && parser.HandleNextDocument(handler)) {
  }
  return handler.docs;
}

/// Parses a scenario's text into its root map; throws InputError (located) when it is not text,
/// not YAML, not one document or not a map.
YAML::Node parse_scenario_root(std::string_view yaml, const std::string& display_name) {
  Diagnostics diag(display_name);
  if (!loader_detail::check_is_text(yaml, diag, "a scenario")) throw InputError(diag.take_sorted());

  YAML::Node root;
  try {
    const std::string text(yaml);
    root = YAML::Load(text);
    const std::vector<DocumentStart> docs = first_documents(text);
    if (docs.size() > 1 && docs[1].start.pos == docs[0].start.pos) {
      const auto pos = static_cast<std::size_t>(docs[0].start.pos);
      diag.report(docs[0].start, "",
                  pos < text.size() ? fmt::format("invalid YAML: unexpected '{}'", text[pos])
                                    : std::string("invalid YAML"));
      throw InputError(diag.take_sorted());
    }
    if (docs.size() > 1) {
      diag.report(docs[1].first_node, "",
                  "a second YAML document ('---'): a scenario file holds exactly one");
    }
  } catch (const YAML::Exception& e) {
    if (auto tab = tab_in_indent(yaml, e.mark.line)) {
      diag.report(*tab, "", "a tab in the indentation: YAML indents with spaces only");
    } else {
      diag.report(e.mark, "", fmt::format("invalid YAML: {}", e.msg));
    }
    throw InputError(diag.take_sorted());
  }
  if (!root || root.IsNull()) {
    diag.report(YAML::Mark(), "",
                "the file holds no YAML: a scenario is a map that starts with 'schema_version: 1'");
    throw InputError(diag.take_sorted());
  }
  if (!root.IsMap()) {
    diag.report(YAML::Mark(), "",
                fmt::format("the top level must be a map of keys (schema_version, name, actors, "
                            "...), got {}",
                            describe(root)));
    throw InputError(diag.take_sorted());
  }
  if (!diag.empty()) throw InputError(diag.take_sorted());  // a second document
  return root;
}

Scenario validate_scenario(YAML::Node root, const std::string& display_name, std::string text,
                           std::span<const Override> overrides) {
  Diagnostics diag(display_name);
  loader_detail::apply_overrides(root, overrides, diag);
  Scenario sc = Loader(diag).read(root);
  if (!diag.empty()) throw InputError(diag.take_sorted());
  sc.source_path = display_name;
  sc.source_text = std::move(text);
  return sc;
}

}  // namespace

Scenario load_scenario_text(std::string_view yaml, const std::string& display_name,
                            std::span<const Override> overrides) {
  YAML::Node root = parse_scenario_root(yaml, display_name);
  return validate_scenario(root, display_name, std::string(yaml), overrides);
}

struct ScenarioSource::Impl {
  std::string path;
  std::string text;
};

ScenarioSource ScenarioSource::from_text(std::string_view yaml, const std::string& display_name) {
  auto impl = std::make_shared<Impl>();
  impl->path = display_name;
  impl->text = std::string(yaml);
  (void)parse_scenario_root(yaml, display_name);  // report unreadable YAML now
  ScenarioSource source;
  source.impl_ = std::move(impl);
  return source;
}

ScenarioSource ScenarioSource::from_file(const std::string& path) {
  return from_text(loader_detail::read_text_file(path), path);
}

Scenario ScenarioSource::instantiate(std::span<const Override> overrides) const {
  // Parsed again for each variant rather than cloned: YAML::Clone drops the marks that locate
  // problems, and parsing costs far less than a run.
  return validate_scenario(parse_scenario_root(impl_->text, impl_->path), impl_->path, impl_->text,
                           overrides);
}

const std::string& ScenarioSource::path() const {
  return impl_->path;
}
const std::string& ScenarioSource::text() const {
  return impl_->text;
}

Scenario load_scenario(const std::string& path, std::span<const Override> overrides) {
  return load_scenario_text(loader_detail::read_text_file(path), path, overrides);
}

namespace detail {
std::vector<std::string> parameters_without_binding() {
  std::vector<std::string> out;
  for (const auto& p : parameter_table()) {
    if (!has_binding(p.section, p.key)) out.push_back(fmt::format("{}.{}", p.section, p.key));
  }
  return out;
}
}  // namespace detail

}  // namespace flashpoint
