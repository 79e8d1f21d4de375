#include "model/world.hpp"

#include <algorithm>
#include <cmath>

#include "model/ladder.hpp"

namespace flashpoint {

std::vector<std::string> fatality_categories(const Scenario& sc) {
  std::vector<std::string> out;
  for (int a : sc.states()) out.push_back(sc.actors[a].id + ".forces");
  for (int a : sc.armed_groups()) out.push_back(sc.actors[a].id + ".fighters");
  for (int a : sc.states()) out.push_back(sc.actors[a].id + ".civilians");
  return out;
}

World::World(const Scenario& scenario, std::uint64_t seed) : sc(scenario), rng(seed) {
  const int na = static_cast<int>(sc.actors.size());
  actor_state.assign(na, -1);
  actor_group.assign(na, -1);
  for (int a : sc.states()) {
    actor_state[a] = static_cast<int>(state_actor.size());
    state_actor.push_back(a);
  }
  for (int a : sc.armed_groups()) {
    actor_group[a] = static_cast<int>(group_actor.size());
    group_actor.push_back(a);
  }
  const int S = num_states();
  for (const auto& d : sc.districts) district_state.push_back(actor_state[d.state]);

  // Sectors and crossings by dyad.
  dyad_sectors.assign(S * S, {});
  dyad_crossings.assign(S * S, {});
  for (int k = 0; k < static_cast<int>(sc.sectors.size()); ++k) {
    const auto& sides = sc.sectors[k].sides;
    for (const auto& x : sides) {
      for (const auto& y : sides) {
        if (x.state == y.state) continue;
        dyad_sectors[dyad(actor_state[x.state], actor_state[y.state])].push_back(k);
      }
    }
  }
  for (int c = 0; c < static_cast<int>(sc.crossings.size()); ++c) {
    const auto& sides = sc.sectors[sc.crossings[c].sector].sides;
    crossing_state_a.push_back(actor_state[sides[0].state]);
    crossing_state_b.push_back(actor_state[sides[1].state]);
    for (const auto& x : sides) {
      for (const auto& y : sides) {
        if (x.state == y.state) continue;
        dyad_crossings[dyad(actor_state[x.state], actor_state[y.state])].push_back(c);
      }
    }
  }

  hostility = Eigen::MatrixXd::Zero(S, S);
  reaction = Eigen::MatrixXd::Zero(S, S);
  grievance = Eigen::MatrixXd::Zero(S, S);
  fatigue = Eigen::VectorXd::Zero(S);
  for (const auto& r : sc.relations) {
    const int i = actor_state[r.from], j = actor_state[r.to];
    hostility(i, j) = r.initial_hostility;
    reaction(i, j) = r.reaction;
    grievance(i, j) = r.grievance;
  }
  for (int i = 0; i < S; ++i) {
    fatigue(i) = sc.actors[state_actor[i]].state.hostility_fatigue;
    doctrine.push_back(sc.actors[state_actor[i]].state.doctrine);
  }
  deaths_caused = Eigen::MatrixXd::Zero(S, S);
  publicity = Eigen::VectorXd::Zero(S);
  war_costs = Eigen::VectorXd::Zero(S);
  chosen = Eigen::MatrixXi::Zero(S, S);
  received_goldstein = Eigen::MatrixXd::Zero(S, S);
  pending.assign(S, {});
  attributed.assign(S, {});
  ceasefire_offer_day = Eigen::MatrixXi::Constant(S, S, std::numeric_limits<int>::min() / 2);
  ceasefire.assign(S * S, 0);
  mediator_active.assign(na * S * S, 0);
  calm_days.assign(S * S, 0);

  // Posts: one column entry per post, in sector order then post-group order.
  for (int k = 0; k < static_cast<int>(sc.sectors.size()); ++k) {
    for (const auto& g : sc.sectors[k].posts) {
      for (int n = 0; n < g.count; ++n) {
        posts.sector.push_back(k);
        posts.owner.push_back(actor_state[g.side]);
        posts.controller.push_back(actor_state[g.side]);
        posts.garrison.push_back(g.garrison);
        posts.full_garrison.push_back(g.garrison);
        posts.fortification.push_back(g.fortification);
        posts.readiness.push_back(0.0);
      }
    }
  }
  crossing_open.assign(sc.crossings.size(), 1);
  crossing_closed_day.assign(sc.crossings.size(), -1);
  crossing_closed_by.assign(sc.crossings.size(), -1);
  crossing_fought.assign(sc.crossings.size(), 0);
  crossing_min_closed_days.assign(sc.crossings.size(), 0);
  for (int a : group_actor) fighters.push_back(sc.actors[a].armed_group.fighters);

  // Cells, and each group's strength as the sum of its cells when it has any.
  for (std::size_t g = 0; g < group_actor.size(); ++g) {
    const auto& group = sc.actors[group_actor[g]].armed_group;
    sigma.push_back(group.sanctuary_tolerance);
    if (group.cells.empty()) continue;
    fighters[g] = 0;
    for (const auto& c : group.cells) {
      cells.group.push_back(static_cast<std::int32_t>(g));
      cells.district.push_back(c.district);
      cells.fighters.push_back(c.fighters);
      cells.alive.push_back(1);
      fighters[g] += c.fighters;
    }
  }
  target_strikes_today.assign(group_actor.size(), 0);

  // District columns.
  const std::size_t nd = sc.districts.size();
  for (const auto& d : sc.districts) {
    legitimacy.push_back(d.legitimacy);
    legitimacy_target.push_back(d.legitimacy);
    security.push_back(d.security_presence);
  }
  ops_multiplier.assign(nd, 1.0);
  hardship.assign(nd, 0.0);
  displaced.assign(nd, 0.0);
  returnees_recent.assign(nd, 0.0);
  civilian_deaths_today.assign(nd, 0.0);
  violent_deaths_today.assign(nd, 0.0);
  active_people.assign(nd, 0.0);
  jailed_people.assign(nd, 0.0);

  // Refugee stocks.
  for (const auto& r : sc.refugees) {
    refugee_stock.push_back(r.stock);
    returned.push_back(0.0);
  }
  returns_today.assign(S, 0.0);
  worst_attack_today.assign(S, 0.0);
  worst_attack_yesterday.assign(S, 0.0);
  closed_yesterday.assign(S, 0);
  deport_boost_until.assign(S, -1);

  // Levers at their neutral values until a policy starts.
  trade_closed_share.assign(S, 0.0);
  trade_multiplier.assign(sc.crossings.size(), 1.0);
  interdependence = Eigen::MatrixXd::Ones(S, S);
  hardship_relief.assign(S, 0.0);
  fatigue_bonus.assign(S, 0.0);
  hotline = Eigen::MatrixXd::Zero(S, S);
  joint_investigation = Eigen::MatrixXd::Zero(S, S);
  joint_patrols = Eigen::MatrixXd::Zero(S, S);
  regional_pressure.assign(S, 0.0);
  leverage_multiplier.assign(na, 1.0);
  activation_override.assign(na, -1);
  round_interval_override.assign(na, 0);
  monitoring_by.assign(na, 0);
  trade_growth.assign(sc.crossings.size(), 0.0);
  trade_cap.assign(sc.crossings.size(), 1.0);
  legitimacy_gain.assign(nd, 0.0);

  uncertainty = Eigen::MatrixXd::Constant(S, S, sc.talks.initial_uncertainty);
  last_round_day.assign(static_cast<std::size_t>(na) * S * S, std::numeric_limits<int>::min() / 2);
  monitored.assign(S * S, 0);
  policy_started.assign(sc.policies.size(), 0);
  scripted_by_day.assign(sc.days, {});
  for (const auto& e : sc.events) scripted_by_day[e.day].push_back(&e);

  int cat = 0;
  cat_forces.assign(S, -1);
  cat_civilians.assign(S, -1);
  cat_fighters.assign(group_actor.size(), -1);
  for (int i = 0; i < S; ++i) cat_forces[i] = cat++;
  for (std::size_t g = 0; g < group_actor.size(); ++g) cat_fighters[g] = cat++;
  for (int i = 0; i < S; ++i) cat_civilians[i] = cat++;
  deaths_today.assign(cat, 0);
}

int World::level(int i, int j) const {
  int best = 0;
  for (const auto& m : rung_history) best = std::max({best, m(i, j), m(j, i)});
  return best;
}

int World::max_level() const {
  int best = 0;
  for (const auto& m : rung_history) best = std::max(best, m.maxCoeff());
  return best;
}

int World::adversary_rung(int i, int j) const {
  int best = 0;
  for (const auto& m : rung_history) best = std::max(best, m(j, i));
  for (const auto& m : attributed_history) best = std::max(best, m(i, j));
  return best;
}

int World::strongest_hosted_group(int j) const {
  int best = -1;
  for (std::size_t g = 0; g < group_actor.size(); ++g) {
    if (actor_state[sc.actors[group_actor[g]].armed_group.host] != j || fighters[g] <= 0) continue;
    if (best < 0 || fighters[g] > fighters[best]) best = static_cast<int>(g);
  }
  return best;
}

std::vector<int> World::front_sectors(int i, int j) const {
  std::vector<int> out;
  for (int k : dyad_sectors[dyad(i, j)]) {
    bool mine = false, theirs = false;
    for (std::size_t p = 0; p < posts.size(); ++p) {
      if (posts.sector[p] != k || posts.garrison[p] <= 0) continue;
      mine |= posts.controller[p] == i;
      theirs |= posts.controller[p] == j;
    }
    if (mine && theirs) out.push_back(k);
  }
  return out;
}

std::vector<int> World::border_districts(int of, int other) const {
  std::vector<int> out;
  for (int k : dyad_sectors[dyad(of, other)]) {
    for (const auto& side : sc.sectors[k].sides) {
      if (actor_state[side.state] == of &&
          std::find(out.begin(), out.end(), side.district) == out.end()) {
        out.push_back(side.district);
      }
    }
  }
  return out;
}

bool World::mediated(int i, int j) const {
  const int S = num_states();
  for (int m : sc.mediators()) {
    if (mediator_active[static_cast<std::size_t>(m) * S * S + dyad(i, j)]) return true;
  }
  return false;
}

void World::mark_rung(int i, int j, int rung) {
  auto& today = rung_history.front();
  today(i, j) = std::max(today(i, j), rung);
}

void World::emit(EventRecord e) {
  e.day = day;
  e.quad_class = quad_class(e.cameo);
  if (e.acled_sub_event_type.empty()) e.acled_sub_event_type = acled_sub_event_type_for(e.cameo);
  if (e.location.empty()) e.lat = e.lon = std::numeric_limits<double>::quiet_NaN();
  const int si = e.actor >= 0 ? actor_state[e.actor] : -1;
  const int sj = e.target >= 0 ? actor_state[e.target] : -1;
  if (si >= 0 && sj >= 0) received_goldstein(sj, si) += e.goldstein;
  // The event has acted (above, and in the caller); past the cap it is counted, not kept. The
  // table grows by doubling up to the cap and never past it, so a capped run holds at most
  // max_events_per_run records.
  auto& events = result.events;
  const auto cap = static_cast<std::size_t>(std::max<std::int64_t>(sc.max_events_per_run, 0));
  if (events.size() >= cap) {
    ++result.events_dropped;
    return;
  }
  if (events.size() == events.capacity()) {
    events.reserve(std::min(cap, std::max<std::size_t>(64, 2 * events.size())));
  }
  events.push_back(std::move(e));
}

void World::add_deaths(int category, std::int32_t n) {
  if (n <= 0) return;
  deaths_today[category] += n;
}

void World::add_district_deaths(int district, std::int32_t all, std::int32_t civilians) {
  if (district < 0) return;
  violent_deaths_today[district] += all;
  civilian_deaths_today[district] += civilians;
}

}  // namespace flashpoint
