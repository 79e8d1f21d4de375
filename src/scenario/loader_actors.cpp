// The scenario loader: actors (states, armed groups, mediators), doctrines, relations and cells.
#include <algorithm>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "scenario/cross_checks.hpp"
#include "scenario/loader_detail.hpp"
#include "scenario/params_doc.hpp"

namespace flashpoint::loader_detail {

const std::vector<std::string>& state_keys() {
  static const std::vector<std::string> keys =
      section_keys("state", {"id", "type", "name", "doctrine", "reopen_demand", "measures"});
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
      read_section(m, params::kState, a.state);
      read_reopen_demand(m, a.state);
      if (auto problem = cross_checks::crackdown_below_floor(a.state, sc_.insurgency)) {
        const Entry* e = m.find("crackdown_tolerance");
        diag_.report(e != nullptr ? value_mark(*e) : m.find("reopen_demand")->key.Mark(),
                     m.key_path("crackdown_tolerance"), *problem);
      }
      read_measures(m, a.state);  // before the doctrines, which may favour a measure
      a.state.doctrines = read_doctrines(m, &a.state);
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
      read_section(m, params::kArmedGroup, a.armed_group);
      break;  // cells: read_cells, once the districts are known
    case ActorType::kMediator: {
      m.check_keys(kMediatorKeys, belongs_elsewhere);
      read_section(m, params::kMediator, a.mediator);
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

void Loader::read_reopen_demand(const Map& m, StateParams& state) {
  static const std::vector<std::string> kDemands = {"calm", "ceasefire", "crackdown"};
  if (const Entry* e = m.find("reopen_demand")) {
    const std::string path = m.key_path("reopen_demand");
    if (auto name = text(*e, path)) {
      const auto it = std::find(kDemands.begin(), kDemands.end(), *name);
      if (it == kDemands.end()) {
        diag_.report(value_mark(*e), path,
                     fmt::format("unknown reopen demand '{}'{}", *name,
                                 suggestion(*name, kDemands, "demands")));
      } else {
        state.reopen_demand = static_cast<ReopenDemand>(it - kDemands.begin());
      }
    }
  }
  record(m.key_path("reopen_demand"), kDemands[static_cast<std::size_t>(state.reopen_demand)]);
}

void Loader::read_measures(const Map& m, StateParams& state) {
  std::vector<std::string> names;
  for (int k = 0; k < kMeasureCount; ++k) names.emplace_back(action_name(measure_action(k)));
  if (const Entry* e = m.find("measures")) {
    const std::string path = m.key_path("measures");
    if (!e->value.IsSequence()) {
      diag_.report(
          value_mark(*e), path,
          fmt::format("expected a list of measures ({}), got {}", join(names), describe(e->value)));
    } else {
      for (const auto& item : e->value) {
        const std::string name = item.IsScalar() ? item.Scalar() : std::string();
        const auto it = std::find(names.begin(), names.end(), name);
        if (it == names.end()) {
          diag_.report(
              item.Mark(), path,
              item.IsScalar()
                  ? fmt::format("unknown measure '{}'{}", name, suggestion(name, names, "measures"))
                  : fmt::format("expected a measure name, got {}", describe(item)));
          continue;
        }
        state.measures |= 1U << static_cast<unsigned>(it - names.begin());
      }
    }
  }
  std::vector<std::string> held;
  for (int k = 0; k < kMeasureCount; ++k) {
    if ((state.measures & (1U << static_cast<unsigned>(k))) != 0) held.push_back(names[k]);
  }
  record(m.key_path("measures"), fmt::format("[{}]", fmt::join(held, ", ")));
}

std::vector<Doctrine> Loader::read_doctrines(const Map& parent, const StateParams* holder) {
  const Entry* e = parent.find("doctrine");
  if (e == nullptr || !e->value.IsSequence()) {  // one doctrine (absent: one, not enabled)
    return {read_doctrine(Map(diag_, e, parent.key_path("doctrine"), parent.mark()), holder)};
  }
  std::vector<Doctrine> out;  // several, keyed by trigger (docs/model.md 7.5)
  std::size_t k = 0;
  for (const auto& item : e->value) {
    if (auto m = item_map(item, fmt::format("{}[{}]", parent.key_path("doctrine"), k++))) {
      out.push_back(read_doctrine(*m, holder));
    }
  }
  return out;
}

Doctrine Loader::read_doctrine(const Map& m, const StateParams* holder) {
  m.check_keys(section_keys("doctrine", {"triggers", "action"}));
  Doctrine d;
  read_section(m, params::kDoctrine, d);
  if (const Entry* e = m.find("lag_probabilities")) {
    if (auto problem = cross_checks::lag_probabilities(d)) {
      diag_.report(value_mark(*e), m.key_path("lag_probabilities"), *problem);
    }
  }
  static const std::vector<std::string> kTriggers = {"attack", "strike", "fire"};
  if (const Entry* e = m.find("triggers")) {
    const std::string path = m.key_path("triggers");
    if (!e->value.IsSequence() || e->value.size() == 0) {
      diag_.report(value_mark(*e), path,
                   fmt::format("expected a non-empty list of triggers (attack, strike, fire), "
                               "got {}",
                               e->value.IsSequence() ? "an empty list" : describe(e->value)));
    } else {
      d.triggers = 0;
      for (const auto& t : e->value) {
        const std::string name = t.IsScalar() ? t.Scalar() : std::string();
        const auto it = std::find(kTriggers.begin(), kTriggers.end(), name);
        if (it == kTriggers.end()) {
          diag_.report(t.Mark(), path,
                       t.IsScalar() ? fmt::format("unknown trigger '{}'{}", name,
                                                  suggestion(name, kTriggers, "triggers"))
                                    : fmt::format("expected a trigger name, got {}", describe(t)));
          continue;
        }
        d.triggers |= 1U << static_cast<unsigned>(it - kTriggers.begin());
      }
    }
  }
  std::vector<std::string> names;
  for (std::size_t k = 0; k < kTriggers.size(); ++k) {
    if ((d.triggers & (1U << k)) != 0) names.push_back(kTriggers[k]);
  }
  record(m.key_path("triggers"), fmt::format("[{}]", fmt::join(names, ", ")));
  if (const Entry* e = m.find("action")) {
    const std::string path = m.key_path("action");
    const auto name = text(*e, path);
    const auto a = name ? action_from_name(*name) : std::nullopt;
    if (name && (!a || rung(*a) < kFirstHostileRung)) {
      diag_.report(value_mark(*e), path,
                   fmt::format("expected a hostile ladder action (rung 1-9), got '{}'{}", *name,
                               a ? "" : suggestion(*name, action_names(false), "actions")));
    } else if (a && m.find("rung") != nullptr) {
      diag_.report(value_mark(*e), path, "give either action or rung, not both");
    } else if (a && holder != nullptr && is_measure(*a) && !holds_measure(*holder, *a)) {
      diag_.report(value_mark(*e), path,
                   fmt::format("'{}' is not among the state's measures; list it in `measures` "
                               "or choose another action",
                               *name));
    } else if (a && holder != nullptr && *a == Action::kNuclearSignal && !holder->nuclear_armed) {
      diag_.report(value_mark(*e), path, "nuclear_signal needs the state's nuclear_armed: true");
    } else if (a) {
      d.action = action_index(*a);
      d.rung = rung(*a);
      for (auto& [key, value] : sc_.resolved) {  // the rung is the action's
        if (key == m.key_path("rung")) value = fmt::format("{}", d.rung);
      }
      record(m.key_path("action"), *name);  // absent: the rung (recorded) names it
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
    read_section(m, params::kRelation, r);
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
      read_section(none, params::kRelation, r);
      sc_.relations.push_back(r);
    }
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
      read_section(cm, params::kCell, cell);
      a.armed_group.cells.push_back(cell);
    }
  }
}

}  // namespace flashpoint::loader_detail
