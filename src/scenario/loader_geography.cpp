// The scenario loader: districts, border sectors with their posts, and crossings.
#include <algorithm>

#include <fmt/format.h>

#include "scenario/cross_checks.hpp"
#include "scenario/loader_detail.hpp"
#include "scenario/params_doc.hpp"

namespace flashpoint::loader_detail {

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
    read_section(m, params::kDistrict, d);
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
    if (cross_checks::attack_group_needed(d, m.find("attack_group") != nullptr)) {
      m.missing("attack_group", cross_checks::kAttackGroupNeeded);
    }
    sc_.districts.push_back(std::move(d));
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
    read_section(m, params::kSector, s);

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
      read_section(pm, params::kPosts, g);
      s.posts.push_back(g);
    }
    sc_.sectors.push_back(std::move(s));
  }
}

void Loader::read_crossings(const Map& top) {
  static const std::vector<std::string> kKeys =
      section_keys("crossing", {"id", "name", "sector", "closed_at_start", "reopen_not_before"});
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
    read_section(m, params::kCrossing, c);

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
    read_closure_at_start(m, sector, c);
    sc_.crossings.push_back(std::move(c));
  }
}

void Loader::read_closure_at_start(const Map& m, const Sector* sector, Crossing& c) {
  // closed_at_start: the state that closed it before day 0, one of the sector's sides.
  if (auto by = actor_ref(m, "closed_at_start", false, ActorType::kState)) {
    if (sector != nullptr && std::none_of(sector->sides.begin(), sector->sides.end(),
                                          [&](const SectorSide& sd) { return sd.state == *by; })) {
      diag_.report(value_mark(*m.find("closed_at_start")), m.key_path("closed_at_start"),
                   fmt::format("'{}' is not a side of sector '{}'",
                               sc_.actors[static_cast<std::size_t>(*by)].id, sector->id));
    } else {
      c.closed_at_start = *by;
    }
  }
  record(m.key_path("closed_at_start"),
         c.closed_at_start >= 0 ? sc_.actors[static_cast<std::size_t>(c.closed_at_start)].id : "");
  if (const Entry* e = m.find("reopen_not_before")) {
    if (auto day = day_or_date(*e, m.key_path("reopen_not_before"))) c.reopen_not_before = *day;
  }
  record(m.key_path("reopen_not_before"), fmt::format("{}", c.reopen_not_before));
}

void Loader::read_sites(const Map& top) {
  static const std::vector<std::string> kKeys = {"id", "name", "kind", "district", "lat", "lon"};
  auto nodes = items(top, "sites");
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const auto item = item_map(nodes[i], item_path("sites", nodes[i], i));
    if (!item) continue;
    const Map& m = *item;
    m.check_keys(kKeys);
    Site s;
    s.id = read_id(m, sites_);
    s.name = s.id;
    if (const Entry* e = m.find("name")) {
      if (auto t = text(*e, m.key_path("name"))) s.name = *t;
    }
    bool ok = !s.id.empty();
    if (const Entry* e = m.find("kind")) {
      const auto name = text(*e, m.key_path("kind"));
      const auto kind = name ? site_kind_from_name(*name) : std::nullopt;
      if (kind) {
        s.kind = *kind;
      } else {
        ok = false;
        if (name) {
          diag_.report(value_mark(*e), m.key_path("kind"),
                       fmt::format("unknown site kind '{}'{}", *name,
                                   suggestion(*name, site_kind_names(), "site kinds")));
        }
      }
    } else {
      m.missing("kind",
                " (one of air_base, military_base, headquarters, militant_camp, city, "
                "infrastructure)");
      ok = false;
    }
    if (const Entry* e = m.find("district")) {
      if (auto d = resolve(*e, m.key_path("district"), districts_)) {
        s.district = *d;
        s.lat = sc_.districts[static_cast<std::size_t>(*d)].lat;  // unless given
        s.lon = sc_.districts[static_cast<std::size_t>(*d)].lon;
      } else {
        ok = false;
      }
    } else {
      m.missing("district");
      ok = false;
    }
    for (const char* key : {"lat", "lon"}) {
      const Entry* e = m.find(key);
      if (e == nullptr) continue;
      if (auto v = parse_param(*e, spec("district", key), m.key_path(key))) {
        (std::string_view(key) == "lat" ? s.lat : s.lon) = v->x;
      } else {
        ok = false;
      }
    }
    if (ok) sc_.sites.push_back(std::move(s));
  }
}

}  // namespace flashpoint::loader_detail
