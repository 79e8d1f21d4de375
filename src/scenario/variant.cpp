#include "scenario/variant.hpp"

#include <algorithm>
#include <functional>
#include <variant>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "scenario/cross_checks.hpp"
#include "scenario/loader_detail.hpp"

namespace flashpoint {

namespace {

using loader_detail::Value;

/// Where a typed override goes: its row, and how to store a value into a scenario.
struct Target {
  ParamSpec spec;
  std::function<void(Scenario&, const Value&)> set;
};

/// The row `key` of `rows` with its member, stored into the struct that `get` finds in a
/// scenario; nullopt when there is no such row or it is read by hand.
template <class S, class Get>
std::optional<Target> row(std::string_view section, std::span<const Param<S>> rows,
                          std::string_view key, Get get) {
  for (const auto& r : rows) {
    if (r.key != key) continue;
    if (std::holds_alternative<ReadByHand>(r.member)) return std::nullopt;
    return Target{r.spec(section), [get, member = r.member](Scenario& sc, const Value& v) {
                    loader_detail::assign(std::invoke(get, sc), member, v);
                  }};
  }
  return std::nullopt;
}

template <class S, std::size_t N, class Get>
std::optional<Target> row(const ParamSection<S, N>& section, std::string_view key, Get get) {
  return row<S>(section.name, std::span<const Param<S>>(section.rows), key, get);
}

/// Index of the first item whose `name` is `id` (the YAML route names items the same way).
template <class T, class Name>
std::optional<std::size_t> find_item(const std::vector<T>& items, std::string_view id, Name name) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (name(items[i]) == id) return i;
  }
  return std::nullopt;
}

/// "a.b.c" as its segments when every one is an id or key (letters, then letters, digits or _);
/// nullopt for anything else (list indices, empty segments).
std::optional<std::vector<std::string_view>> split_typed(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t dot = path.find('.', start);
    const std::string_view seg =
        path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (!loader_detail::is_identifier(seg)) return std::nullopt;
    out.push_back(seg);
    if (dot == std::string_view::npos) return out;
    start = dot + 1;
  }
}

/// The row seg[2] of `section` on the item of the list `list` whose id is seg[1]
/// ("districts.ID.KEY" and the like).
template <class T, std::size_t N>
std::optional<Target> item_target(const Scenario& base, std::vector<T> Scenario::*list,
                                  const ParamSection<T, N>& section,
                                  std::span<const std::string_view> seg) {
  const auto i = find_item(base.*list, seg[1], [](const T& item) { return item.id; });
  if (!i) return std::nullopt;
  return row(section, seg[2], [list, i = *i](Scenario& sc) -> T& { return (sc.*list)[i]; });
}

std::optional<Target> actor_target(const Scenario& base, std::span<const std::string_view> seg) {
  const auto i = find_item(base.actors, seg[1], [](const Actor& a) { return a.id; });
  if (!i) return std::nullopt;
  const Actor& a = base.actors[*i];
  if (seg.size() == 3) {
    switch (a.type) {
      case ActorType::kState:
        return row(params::kState, seg[2],
                   [i = *i](Scenario& sc) -> StateParams& { return sc.actors[i].state; });
      case ActorType::kArmedGroup:
        return row(params::kArmedGroup, seg[2], [i = *i](Scenario& sc) -> ArmedGroupParams& {
          return sc.actors[i].armed_group;
        });
      case ActorType::kMediator:
        return row(params::kMediator, seg[2],
                   [i = *i](Scenario& sc) -> MediatorParams& { return sc.actors[i].mediator; });
    }
  }
  // The map form only (one doctrine, not naming an action that its rung would contradict); a
  // list of doctrines is varied by re-reading the file.
  if (seg.size() == 4 && seg[2] == "doctrine" && a.type == ActorType::kState &&
      a.state.doctrines.size() == 1 && !(seg[3] == "rung" && a.state.doctrines[0].action >= 0)) {
    return row(params::kDoctrine, seg[3],
               [i = *i](Scenario& sc) -> Doctrine& { return sc.actors[i].state.doctrines[0]; });
  }
  return std::nullopt;
}

std::optional<Target> policy_target(const Scenario& base, std::span<const std::string_view> seg) {
  const auto i = find_item(base.policies, seg[1], [](const Policy& p) { return p.name; });
  if (!i) return std::nullopt;
  const Policy& p = base.policies[*i];
  if (seg.size() == 3) {
    const PolicyKind& kind = loader_detail::policy_kind(p.type);
    if (kind.section.empty()) return std::nullopt;
    return row<Policy>(kind.section, kind.levers, seg[2],
                       [i = *i](Scenario& sc) -> Policy& { return sc.policies[i]; });
  }
  if (seg.size() == 4 && seg[2] == "doctrine" && p.type == PolicyType::kRetaliationDoctrine &&
      p.doctrine && p.doctrine->size() == 1 &&
      !(seg[3] == "rung" && p.doctrine->front().action >= 0)) {
    return row(params::kDoctrine, seg[3],
               [i = *i](Scenario& sc) -> Doctrine& { return sc.policies[i].doctrine->front(); });
  }
  if (seg.size() == 5 && seg[2] == "phases" && p.type == PolicyType::kDeportation) {
    const auto k = find_item(p.phases, seg[3], [](const DeportationPhase& ph) { return ph.name; });
    if (!k) return std::nullopt;
    return row(
        params::kDeportationPhase, seg[4],
        [ i = *i, k = *k ](Scenario & sc) -> auto& { return sc.policies[i].phases[k]; });
  }
  return std::nullopt;
}

/// The target of a typed path on `base`, or nullopt when the path is not typed (variant.hpp).
std::optional<Target> find_target(const Scenario& base, std::string_view path) {
  const auto segments = split_typed(path);
  if (!segments || segments->size() < 2) return std::nullopt;
  const std::span<const std::string_view> seg = *segments;
  const std::string_view head = seg[0];
  if (seg.size() == 2) {
    if (head == "strategic") return row(params::kStrategic, seg[1], &Scenario::strategic);
    if (head == "utility") return row(params::kUtility, seg[1], &Scenario::strategic);
    if (head == "operations") return row(params::kOperations, seg[1], &Scenario::operations);
    if (head == "insurgency") return row(params::kInsurgency, seg[1], &Scenario::insurgency);
    if (head == "population") return row(params::kPopulation, seg[1], &Scenario::population);
    if (head == "talks") return row(params::kTalks, seg[1], &Scenario::talks);
    if (head == "coercion") return row(params::kCoercion, seg[1], &Scenario::coercion);
    return std::nullopt;
  }
  if (head == "ladder" && seg.size() == 3) {
    const auto action = action_from_name(seg[1]);
    if (!action) return std::nullopt;
    const auto r = static_cast<std::size_t>(action_index(*action));
    return row(params::kLadder, seg[2], [r](Scenario& sc) -> LadderEntry& { return sc.ladder[r]; });
  }
  if (head == "actors") return actor_target(base, seg);
  if (head == "policies") return policy_target(base, seg);
  if (seg.size() != 3) return std::nullopt;
  if (head == "districts") return item_target(base, &Scenario::districts, params::kDistrict, seg);
  if (head == "sectors") return item_target(base, &Scenario::sectors, params::kSector, seg);
  if (head == "crossings") return item_target(base, &Scenario::crossings, params::kCrossing, seg);
  if (head == "attack_types") {
    return item_target(base, &Scenario::attack_types, params::kAttackType, seg);
  }
  return std::nullopt;
}

std::optional<Scenario> refuse(std::string* refused, std::string why) {
  if (refused != nullptr) *refused = std::move(why);
  return std::nullopt;
}

}  // namespace

TypedBase read_typed_base(const ScenarioSource& source, std::span<const Override> overrides) {
  TypedBase base;
  base.scenario = source.instantiate(overrides, &base.top_keys);
  return base;
}

bool is_typed_path(const Scenario& base, std::string_view path) {
  return find_target(base, path).has_value();
}

std::optional<Scenario> set_typed(const TypedBase& base, std::span<const Override> overrides,
                                  std::string* refused) {
  Scenario sc = base.scenario;
  std::vector<std::string> top_keys;  // with the sections the overrides add, when they add any
  loader_detail::Diagnostics diag(sc.source_path);
  loader_detail::Loader loader(diag);  // the loader's own reading and checking of a value
  for (const auto& o : overrides) {
    std::optional<Target> target;
    if (!o.append) target = find_target(sc, o.path);
    if (!target) return refuse(refused, fmt::format("{}: not a typed path", o.path));
    YAML::Node node;
    try {
      node = YAML::Load(o.value);
    } catch (const YAML::Exception& e) {
      return refuse(refused, fmt::format("{}: the value is not valid YAML: {}", o.path, e.msg));
    }
    const std::optional<Value> v =
        loader.parse_param(loader_detail::Entry{node, node}, target->spec, o.path);
    if (!v || !diag.empty()) {
      const auto problems = diag.take_sorted();
      return refuse(refused, problems.empty() ? o.path : problems.front().format());
    }
    target->set(sc, *v);
    auto entry = std::find_if(sc.resolved.begin(), sc.resolved.end(),
                              [&](const auto& kv) { return kv.first == o.path; });
    if (entry == sc.resolved.end()) {
      return refuse(refused, fmt::format("{}: not among the resolved parameters", o.path));
    }
    entry->second = loader_detail::value_text(target->spec, *v);
    // The YAML route adds a section the file leaves out at the end of the top-level keys.
    const std::string_view section = std::string_view(o.path).substr(0, o.path.find('.'));
    const auto& keys = top_keys.empty() ? base.top_keys : top_keys;
    if (std::find(keys.begin(), keys.end(), section) == keys.end()) {
      if (top_keys.empty()) top_keys = base.top_keys;
      top_keys.emplace_back(section);
    }
  }
  if (auto failure = cross_checks::first_failure(sc)) return refuse(refused, *failure);
  if (!top_keys.empty()) cross_checks::order_resolved(sc.resolved, top_keys);
  return sc;
}

}  // namespace flashpoint
