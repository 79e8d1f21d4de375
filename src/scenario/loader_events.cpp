// The scenario loader: attack types, scripted events and refugees.
#include <algorithm>

#include <fmt/format.h>

#include "core/acled.hpp"

#include "scenario/cross_checks.hpp"
#include "scenario/loader_detail.hpp"
#include "scenario/params_doc.hpp"

namespace flashpoint::loader_detail {

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
    read_section(m, params::kAttackType, t);
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
  if (auto problem = cross_checks::attack_shares(sc_)) {
    diag_.report(value_mark(*top.find("attack_types")), "attack_types", *problem);
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

  if (auto day = date_or_day_key(m)) ev.day = *day;

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
        EventFatalities f;
        read_section(fm, params::kEvent, f);
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
  const std::string reason = cross_checks::attack_types_needed(sc_, attack_without_fatalities_);
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
    read_section(m, params::kRefugees, f);
    r.stock[static_cast<std::size_t>(RefugeeClass::kRegistered)] = f.registered;
    r.stock[static_cast<std::size_t>(RefugeeClass::kCardHolders)] = f.card_holders;
    r.stock[static_cast<std::size_t>(RefugeeClass::kUndocumented)] = f.undocumented;
    r.voluntary_return_rate = f.voluntary_return_rate;
    sc_.refugees.push_back(r);
    lines.push_back(m.mark().line + 1);
  }
}

void Loader::read_record(const Map& top) {
  static const std::vector<std::string> kKeys = {
      "date", "day", "actor", "target", "action", "within_days", "outcome", "value", "note"};
  auto nodes = items(top, "record");
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const auto item = item_map(nodes[i], fmt::format("record[{}]", i));
    if (!item) continue;
    const Map& m = *item;
    m.check_keys(kKeys);
    RecordItem r;
    r.line = m.mark().line + 1;
    r.column = m.mark().column + 1;
    if (auto day = date_or_day_key(m)) r.day = *day;
    if (const Entry* e = m.find("note")) {
      if (auto t = text(*e, m.key_path("note"))) r.note = *t;
    }
    const bool event = m.find("action") != nullptr;
    const bool figure = m.find("outcome") != nullptr;
    if (event == figure) {
      diag_.report(m.mark(), fmt::format("record[{}]", i),
                   event ? "give either action (a recorded event) or outcome (an observed "
                           "figure), not both"
                         : "missing required key 'action' (a recorded event: actor, action, "
                           "target) or 'outcome' (an observed figure: outcome, value)");
      continue;
    }
    if (event) {
      if (auto actor = actor_ref(m, "actor", true, ActorType::kState)) r.actor = *actor;
      if (auto target = actor_ref(m, "target", false, ActorType::kState)) r.target = *target;
      const std::string path = m.key_path("action");
      if (auto name = text(*m.find("action"), path)) {
        const auto a = action_from_name(*name);
        if (!a || *a == Action::kHold) {
          diag_.report(value_mark(*m.find("action")), path,
                       fmt::format("unknown action '{}'{}", *name,
                                   a ? "; hold leaves no event to match"
                                     : suggestion(*name, action_names(false), "actions")));
        } else {
          r.action = action_index(*a);
        }
      }
      if (const Entry* e = m.find("within_days")) {
        if (auto x = whole(*e, m.key_path("within_days"))) {
          if (*x < 0 || *x > 365) {
            diag_.report(value_mark(*e), m.key_path("within_days"),
                         fmt::format("{} is outside the valid range 0 to 365 (days)", *x));
          } else {
            r.within_days = static_cast<int>(*x);
          }
        }
      }
      for (std::string_view key : {"value"}) {
        if (const Entry* e = m.find(key)) {
          diag_.report(e->key.Mark(), m.key_path(key),
                       "value belongs to an observed figure (with outcome), not to an event");
        }
      }
    } else {
      if (auto t = text(*m.find("outcome"), m.key_path("outcome"))) r.outcome = *t;
      const YAML::Mark at = value_mark(*m.find("outcome"));  // where check_record points
      r.line = at.line + 1;
      r.column = at.column + 1;
      if (const Entry* e = m.find("value")) {
        if (auto x = number(*e, m.key_path("value"))) r.value = *x;
      } else {
        m.missing("value", " (the observed figure)");
      }
      for (std::string_view key : {"actor", "target", "within_days"}) {
        if (const Entry* e = m.find(key)) {
          diag_.report(e->key.Mark(), m.key_path(key),
                       fmt::format("{} belongs to a recorded event (with action), not to an "
                                   "observed figure",
                                   key));
        }
      }
    }
    sc_.record.push_back(std::move(r));
  }
}

}  // namespace flashpoint::loader_detail
