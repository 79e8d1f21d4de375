// The scenario loader: policies, their start triggers, deportation phases and openings.
#include <algorithm>
#include <array>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>

#include "scenario/loader_detail.hpp"
#include "scenario/params_doc.hpp"

namespace flashpoint::loader_detail {

// ------------------------------------------------------------------------------------------------
// What each policy type accepts besides name, type and start: params::kPolicyKinds
// (params/policies.hpp).

const PolicyKind& policy_kind(PolicyType type) {
  for (const auto& k : params::kPolicyKinds) {
    if (k.type == type) return k;
  }
  throw std::logic_error("policy type without a PolicyKind");
}

// The keys a policy of `type` accepts.
const std::vector<std::string>& policy_keys(PolicyType type) {
  static const std::array<std::vector<std::string>, params::kPolicyKinds.size()> keys = [] {
    std::array<std::vector<std::string>, params::kPolicyKinds.size()> out;
    for (std::size_t i = 0; i < params::kPolicyKinds.size(); ++i) {
      const PolicyKind& k = params::kPolicyKinds[i];
      std::vector<std::string>& v = out[i];
      v = {"name", "type", "start"};
      if (k.actor != PolicyNeed::kNo) v.emplace_back("actor");
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
  for (std::size_t i = 0; i < params::kPolicyKinds.size(); ++i) {
    if (params::kPolicyKinds[i].type == type) return keys[i];
  }
  throw std::logic_error("policy type without a PolicyKind");
}

// Every key some policy type accepts.
const std::vector<std::string>& all_policy_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> all;
    for (const auto& k : params::kPolicyKinds) {
      for (const auto& key : policy_keys(k.type)) {
        if (std::find(all.begin(), all.end(), key) == all.end()) all.push_back(key);
      }
    }
    return all;
  }();
  return keys;
}

namespace {
// The refugee classes as named in scenario files, in RefugeeClass order.
constexpr std::array<std::string_view, kRefugeeClassCount> kRefugeeClassNames = {
    "registered", "card_holders", "undocumented"};
}  // namespace

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
    for (const auto& k : params::kPolicyKinds) {
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

  if (kind.actor != PolicyNeed::kNo) {
    if (auto actor =
            actor_ref(m, "actor", kind.actor == PolicyNeed::kRequired, ActorType::kState)) {
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
  if (!kind.section.empty()) read_rows<Policy>(m, kind.section, kind.levers, p);

  switch (p.type) {
    case PolicyType::kRetaliationDoctrine:
      p.doctrine = read_doctrines(
          m, p.actor >= 0 && sc_.actors[static_cast<std::size_t>(p.actor)].type == ActorType::kState
                 ? &sc_.actors[static_cast<std::size_t>(p.actor)].state
                 : nullptr);
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
  read_section(m, params::kDeportationPhase, phase);
}

void Loader::read_opening(const Map& m, ScheduledOpening& opening) {
  if (auto day = date_or_day_key(m)) {
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

}  // namespace flashpoint::loader_detail
