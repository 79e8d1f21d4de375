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

Shared::Shared(const Scenario& scenario) : sc(scenario) {
  const auto na = sc.actors.size();
  actor_state_.assign(na, StateId{});
  actor_group_.assign(na, GroupId{});
  for (int a : sc.states()) {
    actor_state_[static_cast<std::size_t>(a)] = StateId{static_cast<int>(state_actor_.size())};
    state_actor_.push_back(ActorId{a});
  }
  for (int a : sc.armed_groups()) {
    actor_group_[static_cast<std::size_t>(a)] = GroupId{static_cast<int>(group_actor_.size())};
    group_actor_.push_back(ActorId{a});
  }
  dyad.states = static_cast<int>(state_actor_.size());
  const std::size_t nc = sc.crossings.size(), ng = group_actor_.size();
  for (const auto& d : sc.districts) district_state_.push_back(state_of(ActorId{d.state}));
  // The state index of the actor on a sector's side.
  const auto side_state = [&](const auto& side) { return state_of(ActorId{side.state}); };

  // Sectors and crossings by dyad.
  dyad_sectors.assign(dyad.count(), {});
  dyad_crossings.assign(dyad.count(), {});
  for (int k = 0; k < static_cast<int>(sc.sectors.size()); ++k) {
    const auto& sides = sc.sectors[k].sides;
    for (const auto& x : sides) {
      for (const auto& y : sides) {
        if (x.state == y.state) continue;
        dyad_sectors[dyad(side_state(x), side_state(y))].push_back(k);
      }
    }
  }
  for (int c = 0; c < static_cast<int>(nc); ++c) {
    const auto& sides = sc.sectors[sc.crossings[c].sector].sides;
    crossing_state_a.push_back(side_state(sides[0]));
    crossing_state_b.push_back(side_state(sides[1]));
    for (const auto& x : sides) {
      for (const auto& y : sides) {
        if (x.state == y.state) continue;
        dyad_crossings[dyad(side_state(x), side_state(y))].push_back(c);
      }
    }
  }
  // Each state's districts on each of its lines (computed once: the choice asks every day).
  border_districts_.assign(dyad.count(), {});
  for (int of = 0; of < num_states(); ++of) {
    for (int other = 0; other < num_states(); ++other) {
      if (of == other) continue;
      auto& out = border_districts_[dyad(of, other)];
      for (int k : dyad_sectors[dyad(of, other)]) {
        for (const auto& side : sc.sectors[k].sides) {
          if (side_state(side) == StateId{of} &&
              std::find(out.begin(), out.end(), side.district) == out.end()) {
            out.push_back(side.district);
          }
        }
      }
    }
  }
  const int S = num_states();
  int cat = 0;
  cat_forces.assign(S, -1);
  cat_civilians.assign(S, -1);
  cat_fighters.assign(ng, -1);
  for (int i = 0; i < S; ++i) cat_forces[i] = cat++;
  for (std::size_t g = 0; g < ng; ++g) cat_fighters[g] = cat++;
  for (int i = 0; i < S; ++i) cat_civilians[i] = cat++;
  scripted_by_day.assign(sc.days, {});
  for (const auto& e : sc.events) scripted_by_day[e.day].push_back(&e);
}

World::World(const Scenario& scenario, std::uint64_t seed) : Shared(scenario), rng(seed) {
  const int na = static_cast<int>(sc.actors.size());
  const int S = num_states();
  const std::size_t nd = sc.districts.size(), nc = sc.crossings.size();
  const auto ng = static_cast<std::size_t>(num_groups());
  const auto cat = static_cast<std::size_t>(S + S) + ng;

  // Strategic layer.
  auto& st = strategic;
  st.hostility = Eigen::MatrixXd::Zero(S, S);
  st.reaction = Eigen::MatrixXd::Zero(S, S);
  st.grievance = Eigen::MatrixXd::Zero(S, S);
  st.fatigue = Eigen::VectorXd::Zero(S);
  for (const auto& r : sc.relations) {
    const int i = state_of(ActorId{r.from}), j = state_of(ActorId{r.to});
    st.hostility(i, j) = r.initial_hostility;
    st.reaction(i, j) = r.reaction;
    st.grievance(i, j) = r.grievance;
  }
  for (int i = 0; i < S; ++i) st.fatigue(i) = state_params(StateId{i}).hostility_fatigue;
  st.deaths_caused = Eigen::MatrixXd::Zero(S, S);
  st.publicity = Eigen::VectorXd::Zero(S);
  st.nuclear_signals = Eigen::VectorXd::Zero(S);
  st.war_costs = Eigen::VectorXd::Zero(S);
  st.chosen = Eigen::MatrixXi::Constant(S, S, action_index(Action::kHold));
  st.pending.resize(S);
  st.attributed.resize(S);
  for (int i = 0; i < S; ++i) {
    const auto n = state_params(StateId{i}).doctrines.size();
    st.pending[i].assign(n, {});
    st.attributed[i].assign(n, {});
  }

  // Diplomacy.
  auto& dip = diplomacy;
  dip.ceasefire_offer_day = Eigen::MatrixXi::Constant(S, S, std::numeric_limits<int>::min() / 2);
  dip.ceasefire.assign(dyad.count(), 0);
  dip.mediator_active.assign(static_cast<std::size_t>(na) * dyad.count(), 0);
  dip.uncertainty = Eigen::MatrixXd::Constant(S, S, sc.talks.initial_uncertainty);
  dip.last_round_day.assign(static_cast<std::size_t>(na) * dyad.count(),
                            std::numeric_limits<int>::min() / 2);
  dip.monitored.assign(dyad.count(), 0);
  dip.last_conflict_day = Eigen::MatrixXi::Constant(S, S, std::numeric_limits<int>::min() / 2);
  dip.last_hot_day.assign(static_cast<std::size_t>(na) * dyad.count(),
                          std::numeric_limits<int>::min() / 2);
  dip.channel.assign(dyad.count(), 0);
  for (const auto& r : sc.relations) {
    const int i = state_of(ActorId{r.from}), j = state_of(ActorId{r.to});
    if (r.military_channel) dip.channel[dyad(i, j)] = dip.channel[dyad(j, i)] = 1;
    // A standing ceasefire (unmonitored): in force from day 0, not counted as agreed in the run.
    if (r.ceasefire_at_start) dip.ceasefire[dyad(i, j)] = dip.ceasefire[dyad(j, i)] = 1;
  }
  dip.last_contact_day.assign(dyad.count(), std::numeric_limits<int>::min() / 2);

  // Posts: one column entry per post, in sector order then post-group order.
  auto& posts = ops.posts;
  for (int k = 0; k < static_cast<int>(sc.sectors.size()); ++k) {
    for (const auto& g : sc.sectors[k].posts) {
      for (int n = 0; n < g.count; ++n) {
        posts.sector.push_back(k);
        posts.owner.push_back(state_of(ActorId{g.side}));
        posts.controller.push_back(state_of(ActorId{g.side}));
        posts.garrison.push_back(g.garrison);
        posts.full_garrison.push_back(g.garrison);
        posts.fortification.push_back(g.fortification);
        posts.readiness.push_back(0.0);
      }
    }
  }

  // Crossings and trade.
  economy.crossing_open.assign(nc, 1);
  economy.crossing_closed_day.assign(nc, -1);
  economy.crossing_closed_by.assign(nc, -1);
  economy.crossing_fought.assign(nc, 0);
  economy.crossing_min_closed_days.assign(nc, 0);
  economy.trade_closed_share.assign(S, 0.0);
  economy.trade_multiplier.assign(nc, 1.0);
  economy.calm_days.assign(dyad.count(), 0);
  economy.measure_since.assign(static_cast<std::size_t>(dyad.count()) * kMeasureCount, -1);
  economy.measure_fought.assign(static_cast<std::size_t>(dyad.count()) * kMeasureCount, 0);
  for (std::size_t c = 0; c < nc; ++c) {  // closed at the start by the state the file names
    const Crossing& crossing = sc.crossings[c];
    if (crossing.closed_at_start < 0) continue;
    economy.crossing_open[c] = 0;
    economy.crossing_closed_day[c] = 0;
    economy.crossing_closed_by[c] = state_of(ActorId{crossing.closed_at_start});
  }

  // Armed groups: cells, and each group's strength as the sum of its cells when it has any.
  auto& ins = insurgency;
  for (std::size_t g = 0; g < ng; ++g) {
    const auto& group = group_params(GroupId{g});
    ins.fighters.push_back(starting_fighters(GroupId{g}));
    ins.sigma.push_back(group.sanctuary_tolerance);
    for (const auto& c : group.cells) {
      ins.cells.group.push_back(static_cast<std::int32_t>(g));
      ins.cells.district.push_back(c.district);
      ins.cells.fighters.push_back(c.fighters);
      ins.cells.alive.push_back(1);
    }
  }

  // District columns (the citizens are drawn by init_society).
  for (const auto& d : sc.districts) {
    society.legitimacy.push_back(d.legitimacy);
    society.legitimacy_target.push_back(d.legitimacy);
  }
  society.hardship.assign(nd, 0.0);
  society.displaced.assign(nd, 0.0);
  society.active_people.assign(nd, 0.0);
  society.recruitable.assign(nd, 0.0);
  society.jailed_people.assign(nd, 0.0);
  society.surge.assign(nd, 0.0);

  // Refugee stocks.
  for (const auto& r : sc.refugees) {
    refugees.stock.push_back(r.stock);
    refugees.returned.push_back(0.0);
  }
  refugees.deport_boost_until.assign(S, -1);
  refugees.returnees_recent.assign(nd, 0.0);

  policies.started.assign(sc.policies.size(), 0);

  // The parameters policies change: the scenario's values, and the levers at their neutral
  // values until a policy starts.
  for (int i = 0; i < S; ++i) params.doctrines.push_back(state_params(StateId{i}).doctrines);
  for (const auto& a : sc.actors) params.mediator.push_back(a.mediator);
  params.leverage_multiplier.assign(na, 1.0);
  params.monitoring_by.assign(na, 0);
  params.interdependence = Eigen::MatrixXd::Ones(S, S);
  params.hotline = Eigen::MatrixXd::Zero(S, S);
  params.joint_investigation = Eigen::MatrixXd::Zero(S, S);
  params.joint_patrols = Eigen::MatrixXd::Zero(S, S);
  params.hardship_relief.assign(S, 0.0);
  params.fatigue_bonus.assign(S, 0.0);
  params.regional_pressure.assign(S, 0.0);
  params.trade_growth.assign(nc, 0.0);
  params.trade_cap.assign(nc, 1.0);
  for (const auto& d : sc.districts) params.security.push_back(d.security_presence);
  params.ops_multiplier.assign(nd, 1.0);
  params.legitimacy_gain.assign(nd, 0.0);

  // Today and yesterday.
  today.deaths.assign(cat, 0);
  today.injured.assign(cat, 0);
  today.worst_attack.assign(S, 0.0);
  today.received_conflict = Eigen::MatrixXd::Zero(S, S);
  today.coercion_grievance = Eigen::MatrixXd::Zero(S, S);
  today.received_cooperation = Eigen::MatrixXd::Zero(S, S);
  today.target_strikes.assign(ng, 0);
  today.returns.assign(S, 0.0);
  yesterday.worst_attack.assign(S, 0.0);
  yesterday.closed.assign(S, 0);
  district_deaths.all.assign(nd, 0.0);
  district_deaths.civilians.assign(nd, 0.0);
}

void DayLog::clear() {
  std::fill(deaths.begin(), deaths.end(), 0);
  std::fill(injured.begin(), injured.end(), 0);
  attacks = 0;
  rounds = 0;
  std::fill(worst_attack.begin(), worst_attack.end(), 0.0);
  received_conflict.setZero();
  received_cooperation.setZero();
  coercion_grievance.setZero();
  std::fill(target_strikes.begin(), target_strikes.end(), 0);
  std::fill(returns.begin(), returns.end(), 0.0);
}

int StrategicState::level(int i, int j) const {
  int best = 0;
  for (const auto& m : rung_history) best = std::max({best, m(i, j), m(j, i)});
  return best;
}

int StrategicState::max_level() const {
  int best = 0;
  for (const auto& m : rung_history) best = std::max(best, m.maxCoeff());
  return best;
}

int StrategicState::adversary_rung(int i, int j) const {
  int best = 0;
  for (const auto& m : rung_history) best = std::max(best, m(j, i));
  for (const auto& m : attributed_history) best = std::max(best, m(i, j));
  return best;
}

void StrategicState::mark_rung(int i, int j, int rung) {
  auto& now = rung_history.front();
  now(i, j) = std::max(now(i, j), rung);
}

GroupId strongest_hosted_group(const Shared& sh, const InsurgencyState& insurgency, StateId host) {
  int best = -1;
  for (int g = 0; g < sh.num_groups(); ++g) {
    if (sh.host_of(GroupId{g}) != host || insurgency.fighters[g] <= 0) continue;
    if (best < 0 || insurgency.fighters[g] > insurgency.fighters[best]) best = g;
  }
  return GroupId{best};
}

std::vector<int> front_sectors(const Shared& sh, const PostColumns& posts, int i, int j) {
  std::vector<int> out;
  for (int k : sh.dyad_sectors[sh.dyad(i, j)]) {
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

double Shared::starting_fighters(GroupId g) const {
  const ArmedGroupParams& group = group_params(g);
  if (group.cells.empty()) return group.fighters;
  double sum = 0;
  for (const auto& c : group.cells) sum += c.fighters;
  return sum;
}

bool in_armed_conflict(const DiplomacyState& diplomacy, const TalksParams& p, int i, int j,
                       int day) {
  return day - diplomacy.last_conflict_day(i, j) < p.armed_conflict_days;
}

bool mediated(const Shared& sh, const DiplomacyState& diplomacy, int i, int j) {
  for (int m : sh.sc.mediators()) {
    if (diplomacy.mediator_active[sh.dyad.of_actor(m, i, j)]) return true;
  }
  return false;
}

void Ledger::emit(EventRecord e) {
  e.day = day;
  e.quad_class = quad_class(e.cameo);
  if (e.acled_sub_event_type.empty()) e.acled_sub_event_type = acled_sub_event_type_for(e.cameo);
  if (e.location.empty()) e.lat = e.lon = std::numeric_limits<double>::quiet_NaN();
  const int si = shared.state_of(ActorId{e.actor});  // -1 when the actor is not a state
  const int sj = shared.state_of(ActorId{e.target});
  if (si >= 0 && sj >= 0) today.receive(sj, si, e.goldstein);
  // The event has acted (above, and in the caller); past the cap it is counted, not kept. The
  // table grows by doubling up to the cap and never past it, so a capped run holds at most
  // max_events_per_run records.
  auto& events = record.events;
  const auto cap =
      static_cast<std::size_t>(std::max<std::int64_t>(shared.sc.max_events_per_run, 0));
  if (events.size() >= cap) {
    ++record.events_dropped;
    return;
  }
  if (events.size() == events.capacity()) {
    events.reserve(std::min(cap, std::max<std::size_t>(64, 2 * events.size())));
  }
  events.push_back(std::move(e));
}

void Ledger::add_deaths(int category, std::int32_t n) {
  if (n <= 0) return;
  today.deaths[category] += n;
}

void Ledger::add_injured(int category, std::int32_t n) {
  if (n <= 0) return;
  today.injured[category] += n;
}

void Ledger::add_district_deaths(int district, std::int32_t all, std::int32_t civilians) {
  if (district < 0) return;
  district_deaths.all[district] += all;
  district_deaths.civilians[district] += civilians;
}

}  // namespace flashpoint
