// Carrying out the chosen actions: the events they emit and what they do on the ground.
#include <algorithm>
#include <cmath>

#include <boost/random/bernoulli_distribution.hpp>
#include <boost/random/discrete_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>

#include "model/ladder.hpp"
#include "model/phases.hpp"

namespace flashpoint {

EventRecord state_event(const Shared& sh, int i, int j, const CameoCode& code) {
  EventRecord e;
  e.actor = sh.actor_of(StateId{i});
  e.target = sh.actor_of(StateId{j});
  e.cameo = std::string(code.code);
  e.goldstein = code.goldstein;
  return e;
}

std::int32_t draw_count(double mean, Engine& rng) {
  if (mean <= 0) return 0;
  return boost::random::poisson_distribution<std::int32_t, double>(mean)(rng);
}

namespace {

const CameoCode& pick_variant(Action a, Engine& rng) {
  const auto variants = cameo_variants(a);
  if (variants.size() == 1) return variants[0];
  std::vector<double> weights;
  for (const auto& v : variants) weights.push_back(v.weight);
  return variants[boost::random::discrete_distribution<std::size_t, double>(weights.begin(),
                                                                            weights.end())(rng)];
}

void locate(EventRecord& e, const std::string& id, double lat, double lon) {
  e.location = id;
  e.lat = lat;
  e.lon = lon;
}

/// Interstate deaths: the series, the victim's threat memory and both sides' war costs.
void book_interstate_deaths(StrategicState& strategic, Ledger& ledger, int victim, int by,
                            int category, std::int32_t n) {
  if (n <= 0) return;
  ledger.add_deaths(category, n);
  strategic.deaths_caused(victim, by) += n;
  strategic.war_costs(victim) += n;
}

/// Claimed figures (model layer 2): each side announces its own and the enemy's losses scaled by
/// its claim factors, so that simulated truth and claims can be compared as in October 2025.
void add_claims(const Shared& sh, EventRecord& e, int i, int j, std::int32_t i_losses,
                std::int32_t j_losses) {
  const auto& si = sh.state_params(StateId{i});
  const auto& sj = sh.state_params(StateId{j});
  e.claim_actor_own = static_cast<std::int32_t>(std::lround(i_losses * si.claim_own_factor));
  e.claim_actor_enemy = static_cast<std::int32_t>(std::lround(j_losses * si.claim_enemy_factor));
  e.claim_target_own = static_cast<std::int32_t>(std::lround(j_losses * sj.claim_own_factor));
  e.claim_target_enemy = static_cast<std::int32_t>(std::lround(i_losses * sj.claim_enemy_factor));
}

/// Militants killed by a strike come from a cell when there is one, else from the group's pool.
std::int32_t kill_militants(const Shared& sh, InsurgencyState& insurgency, Ledger& ledger, int g,
                            int cell, std::int32_t wanted) {
  if (g < 0 || wanted <= 0) return 0;
  double& pool = cell >= 0 ? insurgency.cells.fighters[cell] : insurgency.fighters[g];
  const auto killed = std::min<std::int32_t>(wanted, static_cast<std::int32_t>(pool));
  pool -= killed;
  if (cell >= 0) insurgency.fighters[g] -= killed;
  ledger.add_deaths(sh.cat_fighters[g], killed);
  return killed;
}

/// What carrying out the chosen actions reads and writes (the signature of carry_out_actions).
struct Acting {
  const Shared& sh;
  const RunParams& params;
  StrategicState& strategic;
  DiplomacyState& diplomacy;
  InsurgencyState& insurgency;
  PostColumns& posts;
  EconomyState& economy;
  RefugeeState& refugees;
  RandomStreams& streams;
  Ledger& ledger;
};

/// One place a strike hits: a district, and there a site, a cell and its group when there are.
struct StrikeTarget {
  int district = -1, site = -1, cell = -1, group = -1;
};

/// The places a strike of kind `a` by i on j can hit, before the package is drawn
/// (docs/model.md 7.14). Sites of the target class on j's soil come first; without them:
/// - strike_sanctuary: live cells of groups hosted by j on j's soil, else j's border districts;
/// - strike_military: j's border districts of the line (its positions along it);
/// - deep_strike: j's most populous district;
/// and with no district of j on the map, one unlocated target.
std::vector<StrikeTarget> strike_candidates(const Shared& sh, const InsurgencyState& insurgency,
                                            int i, int j, Action a) {
  const Scenario& sc = sh.sc;
  const TargetClass wanted = a == Action::kStrikeSanctuary  ? TargetClass::kMilitant
                             : a == Action::kStrikeMilitary ? TargetClass::kMilitary
                                                            : TargetClass::kPopulation;
  std::vector<StrikeTarget> out;
  for (std::size_t k = 0; k < sc.sites.size(); ++k) {
    const Site& site = sc.sites[k];
    if (target_class(site.kind) == wanted && sh.state_of(DistrictId{site.district}) == j) {
      out.push_back({site.district, static_cast<int>(k), -1, -1});
    }
  }
  if (!out.empty()) return out;
  if (a == Action::kStrikeSanctuary) {
    for (std::size_t k = 0; k < insurgency.cells.size(); ++k) {
      if (!insurgency.cells.alive[k] || sh.state_of(DistrictId{insurgency.cells.district[k]}) != j)
        continue;
      const auto& group = sh.group_params(GroupId{insurgency.cells.group[k]});
      if (sh.state_of(ActorId{group.host}) == j) {
        out.push_back(
            {insurgency.cells.district[k], -1, static_cast<int>(k), insurgency.cells.group[k]});
      }
    }
  }
  if (out.empty() && a != Action::kDeepStrike) {
    for (int d : sh.border_districts(StateId{j}, StateId{i})) out.push_back({d, -1, -1, -1});
  }
  if (out.empty() && a == Action::kDeepStrike) {
    int district = -1;
    for (int d = 0; d < static_cast<int>(sc.districts.size()); ++d) {
      if (sh.state_of(DistrictId{d}) == j &&
          (district < 0 || sc.districts[d].population > sc.districts[district].population)) {
        district = d;
      }
    }
    out.push_back({district, -1, -1, -1});
  }
  // Nowhere of j on the scenario's map: the strike still happens, unlocated.
  if (out.empty()) out.push_back({});
  return out;
}

/// The package: `n` distinct targets drawn without replacement (partial Fisher-Yates; no draw
/// when there is one candidate).
std::vector<StrikeTarget> draw_package(std::vector<StrikeTarget> candidates, int n, Engine& rng) {
  const std::size_t count = std::min<std::size_t>(candidates.size(), static_cast<std::size_t>(n));
  if (candidates.size() > 1) {
    for (std::size_t k = 0; k < count; ++k) {
      const std::size_t pick =
          boost::random::uniform_int_distribution<std::size_t>(k, candidates.size() - 1)(rng);
      std::swap(candidates[k], candidates[pick]);
    }
  }
  candidates.resize(count);
  return candidates;
}

/// Strikes across the line (rung 6 strike_sanctuary, rung 7 strike_military, rung 8 deep_strike):
/// a package of the striker's strike_package_sites targets; each may be intercepted by the
/// target's air defence (and cost the striker an aircraft or drone), else it kills and injures.
void strike(const Acting& x, int i, int j, Action a) {
  const Shared& sh = x.sh;
  InsurgencyState& insurgency = x.insurgency;
  StrategicState& strategic = x.strategic;
  RandomStreams& streams = x.streams;
  Ledger& ledger = x.ledger;
  const Scenario& sc = sh.sc;
  const auto& ops = sc.operations;
  auto& rng = streams[Purpose::kCombat];
  const auto& striker = sh.state_params(StateId{i});
  const auto& defender = sh.state_params(StateId{j});
  const bool deep = a == Action::kDeepStrike;
  const bool military = a == Action::kStrikeMilitary;
  const double intercept = defender.air_defence * (1.0 - 0.5 * striker.capability);
  std::int32_t harmed_total = 0;
  if (ledger.record.first_strike_day < 0) ledger.record.first_strike_day = ledger.day;
  for (StrikeTarget t : draw_package(strike_candidates(sh, insurgency, i, j, a),
                                     striker.strike_package_sites, rng)) {
    int district = t.district, cell = t.cell, g = t.group;
    if (g < 0 && !military) {
      g = strongest_hosted_group(sh, insurgency, StateId{j});
      // A strike on a district with a cell of j's largest hosted group there hits that cell.
      for (std::size_t k = 0; k < insurgency.cells.size() && cell < 0; ++k) {
        if (insurgency.cells.alive[k] && insurgency.cells.district[k] == district &&
            insurgency.cells.group[k] == g) {
          cell = static_cast<int>(k);
        }
      }
      if (cell < 0 && g >= 0 && !sh.group_params(GroupId{g}).cells.empty()) g = -1;
    }
    EventRecord e = state_event(sh, i, j, cameo_variants(a)[0]);
    if (t.site >= 0) {
      const Site& site = sc.sites[static_cast<std::size_t>(t.site)];
      locate(e, site.id, site.lat, site.lon);
    } else if (district >= 0) {
      const auto& d = sc.districts[district];
      locate(e, d.id, d.lat, d.lon);
    }
    // Air defence: the attack on this target is intercepted before it hits (no draw without air
    // defence), and an interception costs the striker an aircraft or drone at aircraft_loss_share.
    if (intercept > 0 && boost::random::bernoulli_distribution<double>(intercept)(rng)) {
      ++ledger.record.strike_sites_intercepted[i];
      add_claims(sh, e, i, j, 0, 0);
      ledger.emit(e);
      if (boost::random::bernoulli_distribution<double>(ops.aircraft_loss_share)(rng)) {
        ++ledger.record.aircraft_lost[i];
        EventRecord down = state_event(sh, j, i, cameo::kAirDefence);
        down.location = e.location;
        down.lat = e.lat;
        down.lon = e.lon;
        ledger.emit(down);
      }
      continue;
    }
    const double militants_mean = military ? 0.0
                                  : deep   ? ops.deep_strike_militants_mean
                                           : ops.strike_militants_mean;
    const double civilians_mean = military ? ops.military_strike_civilians_mean
                                  : deep   ? ops.deep_strike_civilians_mean
                                           : ops.strike_civilians_mean;
    const double forces_mean = military ? ops.military_strike_forces_mean
                               : deep   ? ops.deep_strike_forces_mean
                                        : 0.0;
    const bool hits_forces = deep || military;
    const std::int32_t militants =
        kill_militants(sh, insurgency, ledger, g, cell, draw_count(militants_mean, rng));
    // The people present bound the civilian harm: the district's population (unbounded for a
    // strike that finds no district of j in the scenario).
    const double people = district >= 0 ? sc.districts[district].population : 1e9;
    const std::int32_t civilians = at_most_present(draw_count(civilians_mean, rng), people);
    // Strikes on forces hit the district's security forces: at most those present (security
    // presence per person times its people).
    const double forces_present =
        district >= 0 ? x.params.security[district] * sc.districts[district].population : 1e9;
    const std::int32_t forces =
        hits_forces ? at_most_present(draw_count(forces_mean, rng), forces_present) : 0;
    // The injured who go with the strike, each category at most the people present who survived
    // (their own stream: counting them changes no other draw).
    auto& injured_rng = streams[Purpose::kInjured];
    const double fighters_left =
        g < 0 ? 0.0 : (cell >= 0 ? insurgency.cells.fighters[cell] : insurgency.fighters[g]);
    const std::int32_t militants_injured =
        draw_injured(ops.injured_per_death_militants, militants_mean, fighters_left, injured_rng);
    const std::int32_t civilians_injured = draw_injured(
        ops.injured_per_death_civilians, civilians_mean, people - civilians, injured_rng);
    const std::int32_t forces_injured =
        hits_forces ? draw_injured(ops.injured_per_death_forces, forces_mean,
                                   forces_present - forces, injured_rng)
                    : 0;
    if (g >= 0) ledger.add_injured(sh.cat_fighters[g], militants_injured);
    ledger.add_injured(sh.cat_civilians[j], civilians_injured);
    ledger.add_injured(sh.cat_forces[j], forces_injured);
    book_interstate_deaths(strategic, ledger, j, i, sh.cat_civilians[j], civilians);
    book_interstate_deaths(strategic, ledger, j, i, sh.cat_forces[j], forces);
    ledger.add_district_deaths(district, militants + civilians + forces, civilians);
    harmed_total += forces + civilians;
    e.forces = forces;
    e.civilians = civilians;
    e.militants = militants;
    e.injured_forces = forces_injured;
    e.injured_civilians = civilians_injured;
    e.injured_militants = militants_injured;  // 0 without a group: no fighters left to injure
    add_claims(sh, e, i, j, 0, forces + civilians + militants);
    ledger.emit(e);
  }
  // A strike on j's soil is met by j's doctrines of kind strike, even when it killed nobody (a
  // doctrine with fatality_threshold 0 answers any strike).
  consider_doctrine(x.params, strategic, streams, ledger.day, StateId{j}, StateId{i}, harmed_total,
                    kTriggerStrike);
}

/// Rung 7 and 9: clashes at the posts of the i-j line; exchange_fire (rung 6): fire across the
/// line from the posts in fire_sectors sectors at fire_intensity, in which no post changes hands.
void assault(const Acting& x, int i, int j, Action a) {
  const Shared& sh = x.sh;
  PostColumns& posts = x.posts;
  RandomStreams& streams = x.streams;
  const Scenario& sc = sh.sc;
  const auto& ops = sc.operations;
  auto& rng = streams[Purpose::kCombat];
  std::vector<int> front = front_sectors(sh, posts, i, j);
  const bool offensive = a == Action::kOffensive;
  const bool fire_only = a == Action::kExchangeFire;
  if (!offensive) {
    // Choose assault_sectors (fire_sectors) sectors without replacement (partial Fisher-Yates).
    const std::size_t n = std::min<std::size_t>(
        front.size(), static_cast<std::size_t>(fire_only ? ops.fire_sectors : ops.assault_sectors));
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t pick =
          boost::random::uniform_int_distribution<std::size_t>(k, front.size() - 1)(rng);
      std::swap(front[k], front[pick]);
    }
    front.resize(n);
    std::sort(front.begin(), front.end());
  }
  ClashParams cp;
  cp.alpha = ops.fire_effectiveness;
  cp.beta = ops.artillery_effectiveness;
  cp.artillery = boost::random::bernoulli_distribution<double>(ops.artillery_share)(rng);
  cp.intensity = offensive   ? ops.offensive_intensity
                 : fire_only ? ops.fire_intensity
                             : ops.clash_intensity;
  cp.lethality = ops.lethality;
  cp.capture_threshold = fire_only ? 0.0 : ops.capture_threshold;  // fire takes no post
  cp.superiority_ratio = ops.superiority_ratio;
  // Assault: 193 small arms / 194 artillery. The fighting of an offensive is coded 190
  // (conventional force); 192 (occupy) is kept for the posts that change hands, so that captures
  // can be counted from the event table.
  const CameoCode& code =
      offensive ? cameo_variants(a)[1] : cameo_variants(a)[cp.artillery ? 1 : 0];

  if (fire_only) x.ledger.record.fire_exchanges[i] += static_cast<std::int32_t>(front.size());
  for (int k : front) {
    const ClashOutcome out = resolve_clash(posts, k, i, j, cp, rng);
    book_clash(sh, x.params, x.strategic, streams, x.ledger, k, i, j, out, cp, code);
  }
}

/// Marks the events i emitted from `first` on with the codes of action `a` as carrying it out.
void mark_action(const Shared& sh, Ledger& ledger, std::size_t first, int i, Action a) {
  auto& events = ledger.record.events;
  for (std::size_t k = first; k < events.size(); ++k) {
    EventRecord& e = events[k];
    // Posts taken (192, a variant of the offensive's coding) are an outcome, not the action.
    if (e.actor != sh.actor_of(StateId{i}) || e.cameo == cameo::kOccupy.code) continue;
    for (const CameoCode& c : cameo_variants(a)) {
      if (e.cameo == c.code) e.action = static_cast<std::int8_t>(action_index(a));
    }
  }
}

}  // namespace

void book_clash(const Shared& sh, const RunParams& params, StrategicState& strategic,
                RandomStreams& streams, Ledger& ledger, int k, int i, int j,
                const ClashOutcome& out, const ClashParams& fire, const CameoCode& code) {
  const auto& ops = sh.sc.operations;
  auto& rng = streams[Purpose::kCombat];
  auto& injured_rng = streams[Purpose::kInjured];  // counting the injured changes no other draw
  // Soldiers: the dead, and the wounded among the casualties who did not die (the others left
  // the post unhurt or were withdrawn).
  book_interstate_deaths(strategic, ledger, i, j, sh.cat_forces[i], out.attacker_deaths);
  book_interstate_deaths(strategic, ledger, j, i, sh.cat_forces[j], out.defender_deaths);
  const std::int32_t attacker_injured =
      draw_injured(ops.injured_per_death_forces, out.attacker_deaths,
                   out.attacker_casualties - out.attacker_deaths, injured_rng);
  const std::int32_t defender_injured =
      draw_injured(ops.injured_per_death_forces, out.defender_deaths,
                   out.defender_casualties - out.defender_deaths, injured_rng);
  ledger.add_injured(sh.cat_forces[i], attacker_injured);
  ledger.add_injured(sh.cat_forces[j], defender_injured);
  // Civilians: each side's border district of the sector is under the other side's fire
  // (docs/model.md, 7.13, "Civilians under fire").
  const auto& sector = sh.sc.sectors[k];
  Harm civilians;
  std::int32_t attacker_harmed = out.attacker_deaths, defender_harmed = out.defender_deaths;
  for (const auto& side : sector.sides) {  // each side's dead fall in its own district
    const int s_side = sh.state_of(ActorId{side.state});
    if (s_side != i && s_side != j) continue;
    const int other = s_side == i ? j : i;
    Harm harm;
    if (side.district >= 0) {
      const double in_reach = people_within_reach(
          sh.sc.districts[static_cast<std::size_t>(side.district)].population, fire.artillery, ops);
      harm = draw_fire_harm(in_reach, fire.intensity, ops, rng);
    }
    book_interstate_deaths(strategic, ledger, s_side, other, sh.cat_civilians[s_side], harm.killed);
    ledger.add_injured(sh.cat_civilians[s_side], harm.injured);
    const std::int32_t soldiers = s_side == i ? out.attacker_deaths : out.defender_deaths;
    ledger.add_district_deaths(side.district, soldiers + harm.killed, harm.killed);
    (s_side == i ? attacker_harmed : defender_harmed) += harm.killed;
    civilians.killed += harm.killed;
    civilians.injured += harm.injured;
  }
  if (defender_harmed > 0) {
    consider_doctrine(params, strategic, streams, ledger.day, StateId{j}, StateId{i},
                      defender_harmed, kTriggerFire);
  }
  if (attacker_harmed > 0) {
    consider_doctrine(params, strategic, streams, ledger.day, StateId{i}, StateId{j},
                      attacker_harmed, kTriggerFire);
  }
  EventRecord e = state_event(sh, i, j, code);
  locate(e, sector.id, sector.lat, sector.lon);
  e.forces = out.attacker_deaths + out.defender_deaths;
  e.civilians = civilians.killed;
  e.injured_forces = attacker_injured + defender_injured;
  e.injured_civilians = civilians.injured;
  add_claims(sh, e, i, j, out.attacker_deaths, out.defender_deaths);
  ledger.emit(e);
  // Both sides fire in a clash: the attacker receives the defender's return fire, the same
  // Goldstein score (docs/model.md, "Hostility"; before, only the defender's hostility rose).
  ledger.today.receive(i, j, code.goldstein);
  for (std::size_t n = 0; n < out.captured.size(); ++n) {
    EventRecord c = state_event(sh, i, j, cameo::kOccupy);
    locate(c, sector.id, sector.lat, sector.lon);
    ledger.emit(c);
  }
  ledger.record.posts_captured[i] += static_cast<std::int32_t>(out.captured.size());
}

void carry_out_actions(const Shared& sh, const RunParams& params, StrategicState& strategic,
                       DiplomacyState& diplomacy, InsurgencyState& insurgency, PostColumns& posts,
                       EconomyState& economy, RefugeeState& refugees, RandomStreams& streams,
                       Ledger& ledger) {
  const Acting x{sh,    params,  strategic, diplomacy, insurgency,
                 posts, economy, refugees,  streams,   ledger};
  const int day = ledger.day;
  const Scenario& sc = sh.sc;
  const int S = sh.num_states();
  auto& rng = streams[Purpose::kCoding];
  for (int i = 0; i < S; ++i) {
    for (int j = 0; j < S; ++j) {
      if (i == j) continue;
      const auto a = static_cast<Action>(strategic.chosen(i, j));
      if (a == Action::kHold) continue;
      const int r = rung(a);
      if (r > 0) strategic.mark_rung(i, j, r);

      // Coercion of a host by the state its guests attack lowers its tolerance (sigma).
      if (r >= kConflictRung) {
        for (int g = 0; g < sh.num_groups(); ++g) {
          const auto& group = sh.group_params(GroupId{g});
          if (sh.state_of(ActorId{group.host}) == j && group.target >= 0 &&
              sh.state_of(ActorId{group.target}) == i) {
            ++ledger.today.target_strikes[g];
          }
        }
      }

      // A hostile act under a ceasefire breaks it.
      if (r >= kConflictRung) break_ceasefire(sh, diplomacy, ledger, i, j);

      // The events by which i carries out the action are marked with it (the `action` column);
      // what follows from them (posts taken, interceptions, a ceasefire broken) is not.
      const std::size_t first_event = ledger.record.events.size();
      switch (a) {
        case Action::kStrikeSanctuary:
        case Action::kStrikeMilitary:
        case Action::kDeepStrike:
          strike(x, i, j, a);
          mark_action(sh, ledger, first_event, i, a);
          continue;
        case Action::kAssaultPosts:
        case Action::kOffensive:
        case Action::kExchangeFire:
          assault(x, i, j, a);
          mark_action(sh, ledger, first_event, i, a);
          continue;
        default:
          break;
      }
      const CameoCode& code = pick_variant(a, rng);
      EventRecord chosen = state_event(sh, i, j, code);
      chosen.action = static_cast<std::int8_t>(action_index(a));
      ledger.emit(chosen);
      switch (a) {
        case Action::kCeasefire:
          diplomacy.ceasefire_offer_day(i, j) = day;
          break;
        case Action::kNegotiate:
        case Action::kDeescalate:
          // Cooperation also softens the actor's own stance (docs/model.md, "Hostility").
          ledger.today.receive(i, j, code.goldstein);
          break;
        case Action::kThreaten:
          strategic.publicity(i) += 1.0;
          break;
        case Action::kNuclearSignal:  // a public threat, and a signal that alarms third parties
          strategic.publicity(i) += 1.0;
          strategic.nuclear_signals(i) += 1.0;
          ++ledger.record.nuclear_signals[i];
          break;
        case Action::kMobilise:
          for (std::size_t p = 0; p < posts.size(); ++p) {
            const auto& sectors = sh.dyad_sectors[sh.dyad(i, j)];
            if (posts.controller[p] == i &&
                std::find(sectors.begin(), sectors.end(), posts.sector[p]) != sectors.end()) {
              posts.readiness[p] = std::min(1.0, posts.readiness[p] + sc.operations.readiness_gain);
            }
          }
          break;
        case Action::kCloseCrossings:
          close_crossings(sh, strategic, economy, day, i, j, 0);
          break;
        case Action::kDeport:  // forced returns speed up for a while (refugees.cpp)
          refugees.deport_boost_until[i] = day + sc.population.deport_action_days;
          break;
        default:
          // A measure stays in force until i lifts it (economy.cpp), and commits i in public.
          if (is_measure(a)) {
            int& since = economy.since(sh.dyad(i, j), measure_index(a));
            if (since < 0) since = day;
            strategic.publicity(i) += sc.coercion.publicity;
          }
          break;  // accuse: the event is the effect
      }
    }
  }
}

void recover_forces(const Shared& sh, const DiplomacyState& diplomacy, PostColumns& posts,
                    RandomStreams& streams, Ledger& ledger) {
  const OperationsParams& ops = sh.sc.operations;
  auto& rng = streams[Purpose::kCombat];
  for (std::size_t p = 0; p < posts.size(); ++p) {
    // A post taken from its owner goes back under a ceasefire between the two, at handback_rate
    // a day: the captor withdraws (CAMEO 0874) and the owner re-garrisons it.
    const int owner = posts.owner[p], holder = posts.controller[p];
    if (holder != owner && ops.handback_rate > 0 && diplomacy.ceasefire[sh.dyad(owner, holder)] &&
        boost::random::bernoulli_distribution<double>(ops.handback_rate)(rng)) {
      posts.controller[p] = owner;
      posts.garrison[p] = posts.full_garrison[p];
      const auto& sector = sh.sc.sectors[static_cast<std::size_t>(posts.sector[p])];
      EventRecord e = state_event(sh, holder, owner, cameo::kHandBack);
      locate(e, sector.id, sector.lat, sector.lon);
      ledger.emit(e);
    }
    const double missing = posts.full_garrison[p] - posts.garrison[p];
    if (missing > 0) posts.garrison[p] += std::ceil(ops.reinforce_rate * missing);
    posts.readiness[p] = std::max(0.0, posts.readiness[p] - ops.readiness_decay);
  }
}

}  // namespace flashpoint
