#include "model/society.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

#include "core/counter_rng.hpp"
#include "model/citizen_kernel.hpp"
#include "model/phases.hpp"

namespace flashpoint {

double arrest_probability(double k, double cops_in_vision, double actives_in_vision) {
  // Epstein 2002, estimated arrest probability.
  return 1.0 - std::exp(-k * cops_in_vision / (actives_in_vision + 1.0));
}

double policing_surge(double surge, double presence, double active_share, double surge_factor,
                      double rate) {
  return surge + rate * (surge_factor * active_share * presence - surge);
}

double returnee_strain(double returnees_recent, double receiving_capacity) {
  if (returnees_recent <= 0) return 0.0;
  if (receiving_capacity <= 0) return 1.0;
  return std::min(1.0, returnees_recent / receiving_capacity);
}

double district_hardship(const PopulationParams& p, double trade_dependence,
                         double trade_closed_share, double strain, double displaced_share,
                         double relief) {
  const double raw = p.hardship_trade * trade_dependence * trade_closed_share +
                     p.hardship_returnees * strain + p.hardship_displacement * displaced_share;
  return std::clamp(raw * (1.0 - relief), 0.0, 1.0);
}

namespace {

/// Without citizen agents: displacement and return as expected flows on the displaced stock.
void displace_stock(const Shared& sh, const DistrictDeaths& district_deaths,
                    SocietyState& society) {
  const PopulationParams& p = sh.sc.population;
  for (std::size_t d = 0; d < society.displaced.size(); ++d) {
    const double population = sh.sc.districts[d].population;
    double stock = society.displaced[d];
    stock -= p.return_rate * stock;
    stock += std::min(std::max(0.0, population - stock),
                      p.displacement_per_death * district_deaths.all[d]);
    society.displaced[d] = stock;
  }
}

/// Per district, the sanctuary discount: for the districts of an armed group's target state on
/// its line with the group's host, sanctuary_escape * sigma (the largest over such groups), else 0.
/// A sanctuary across the line lets the group's supporters slip out of reach of the target
/// state's arrests; the host's own citizens face its ordinary arrest risk, since the host's
/// tolerance shelters the group, not rebellion against the host (docs/model.md).
std::vector<double> sanctuary_discounts(const Shared& sh, const InsurgencyState& insurgency) {
  std::vector<double> discount(sh.sc.districts.size(), 0.0);
  const double escape = sh.sc.population.sanctuary_escape;
  for (int g = 0; g < sh.num_groups(); ++g) {
    const StateId host = sh.host_of(GroupId{g});
    const StateId target = sh.target_of(GroupId{g});
    if (!host.valid() || !target.valid() || host == target) continue;
    for (int d : sh.border_districts(target, host)) {
      discount[d] = std::max(discount[d], escape * insurgency.sigma[g]);
    }
  }
  return discount;
}

/// Returns and displacement in district d: the displaced citizens return with probability
/// return_rate, then each resident (neither displaced nor jailed, returned ones included) is
/// displaced with p_d = min(1, displacement_per_death * deaths_d / resident people_d), so the
/// expected flows equal those of displace_stock. Both draws pick citizens at their low rates
/// (Picks). The residents are yesterday's free residents and today's returned, not those whose
/// jail term ends today (they are released after this). Updates the district's counts: returned
/// citizens join the free, displaced ones (and their active flags) leave them.
void move_citizens(const PopulationParams& p, double deaths, std::size_t d, const CounterRng& rng,
                   std::uint32_t day, CitizenColumns& c, CitizenCounts& n) {
  const std::size_t begin = c.first[d];
  const std::uint64_t size = c.first[d + 1] - begin;
  std::uint8_t* const displaced = c.displaced.data() + begin;
  std::uint8_t* const active = c.active.data() + begin;
  const std::uint16_t* const jail = c.jail_days.data() + begin;
  const auto district = static_cast<std::uint32_t>(d);
  if (n.displaced > 0) {
    for (Picks k(rng, p.return_rate, size, district, day, CitizenDraw::kReturn); k.current() < size;
         k.advance()) {
      if (displaced[k.current()] == 0) continue;
      displaced[k.current()] = 0;
      --n.displaced;
      ++n.free;  // a resident again (returned citizens are never jailed)
    }
  }
  const double resident_people = p.people_per_agent * static_cast<double>(n.free);
  if (!(p.displacement_per_death > 0 && deaths > 0 && resident_people > 0)) return;
  const double pd = std::min(1.0, p.displacement_per_death * deaths / resident_people);
  for (Picks k(rng, pd, size, district, day, CitizenDraw::kDisplace); k.current() < size;
       k.advance()) {
    const std::uint64_t i = k.current();
    if (displaced[i] != 0 || jail[i] != 0) continue;
    displaced[i] = 1;
    ++n.displaced;
    --n.free;
    n.active -= active[i];
    active[i] = 0;
  }
}

/// One citizen day of every district: returns and displacement (`deaths` null: none, as in the
/// spin-up), then Epstein's rule for every free resident, from the district's active share among
/// its free residents at that moment (a synchronous update), then arrests of the actives. The
/// citizens are visited in chunks of kCitizenChunk: the fused pass (jail countdown, activation,
/// counts) and then the arrest scan over the same chunk while it is in cache. Every draw comes
/// from the counter-based generator, by (citizen or pick, district, day): see counter_rng.hpp.
void citizen_day(const Shared& sh, const RunParams& params, const InsurgencyState& insurgency,
                 const std::vector<double>* deaths, SocietyState& society, RandomStreams& streams) {
  const PopulationParams& p = sh.sc.population;
  CitizenColumns& c = society.citizens;
  const std::size_t nd = society.displaced.size();
  const CounterRng rng(streams.seed(), Purpose::kPopulation);
  const std::uint32_t day = society.citizen_day++;
  const std::vector<double> discount = sanctuary_discounts(sh, insurgency);
  const auto max_jail = static_cast<std::uint32_t>(
      std::clamp(p.max_jail_days, 1, int{std::numeric_limits<std::uint16_t>::max()}));

  for (std::size_t d = 0; d < nd; ++d) {
    CitizenCounts& n = society.citizen_counts[d];
    move_citizens(p, deaths ? (*deaths)[d] : 0.0, d, rng, day, c, n);
    // The jailed with one day left go free today, in time for activation (after displacement,
    // which their last day in jail spares them from).
    n.free += n.release_next;
    n.jailed -= n.release_next;

    // District terms: C = vision * cop density, A = vision * active share (Epstein 2002), the
    // share among today's free residents before anyone updates (their flags are yesterday's).
    const double share =
        n.free > 0 ? static_cast<double>(n.active) / static_cast<double>(n.free) : 0.0;
    society.surge[d] =
        policing_surge(society.surge[d], params.security[d], share, p.security_surge, p.surge_rate);
    const double p_arrest_est = arrest_probability(
        p.arrest_constant, p.vision * (params.security[d] + society.surge[d]), p.vision * share);
    const std::uint64_t arrest =
        bernoulli_threshold(p.max_jail_days > 0 ? p.arrest_rate * p_arrest_est : 0.0);
    const EpsteinTerms terms =
        epstein_terms(society.legitimacy[d], p_arrest_est, discount[d], p.activation_threshold);
    const CitizenRule rule{static_cast<float>(society.hardship[d]),
                           static_cast<float>(terms.legitimacy_term),
                           static_cast<float>(terms.arrest_estimate * terms.discount_term),
                           static_cast<float>(terms.threshold)};

    PassCounts counts;
    ArrestCounts arrests;
    for (std::size_t begin = c.first[d]; begin < c.first[d + 1]; begin += kCitizenChunk) {
      const std::size_t len = std::min(kCitizenChunk, c.first[d + 1] - begin);
      counts += citizen_pass(rule, len, c.hardship.data() + begin, c.risk_aversion.data() + begin,
                             c.displaced.data() + begin, c.active.data() + begin,
                             c.jail_days.data() + begin);
      const ArrestCounts a = arrest_actives(rng, day, begin, len, arrest, max_jail,
                                            c.active.data() + begin, c.jail_days.data() + begin);
      arrests.arrested += a.arrested;
      arrests.release_next += a.release_next;
    }
    // The counts carried from yesterday and those of the pass must agree: they are two ways of
    // counting the same citizens.
    if (static_cast<std::int64_t>(counts.free) != n.free ||
        static_cast<std::int64_t>(counts.jailed) != n.jailed) {
      throw std::logic_error(fmt::format(
          "citizen counts of district {} disagree on citizen day {}: {} free and {} jailed "
          "carried, {} and {} counted",
          d, day, n.free, n.jailed, counts.free, counts.jailed));
    }
    const auto arrested = static_cast<std::int64_t>(arrests.arrested);
    n.free = static_cast<std::int64_t>(counts.free) - arrested;
    n.active = static_cast<std::int64_t>(counts.active) - arrested;
    n.jailed = static_cast<std::int64_t>(counts.jailed) + arrested;
    n.release_next = static_cast<std::int64_t>(counts.release_next + arrests.release_next);
    society.displaced[d] = p.people_per_agent * static_cast<double>(n.displaced);
  }
}

/// Before day 0, `spinup_days` days of Epstein's rule and arrests alone (no deaths, displacement
/// or hardship), so that a run starts from its society's own state (actives, jailed, policing
/// added) rather than from nobody active, whose first days would be an outburst of the start.
void spin_up(const Shared& sh, const RunParams& params, const InsurgencyState& insurgency,
             SocietyState& society, RandomStreams& streams) {
  for (int day = 0; day < sh.sc.population.spinup_days; ++day) {
    citizen_day(sh, params, insurgency, nullptr, society, streams);
  }
}

/// The people the citizen agents of each district stand for, by status, as the society phase
/// leaves them for the other phases.
void publish_citizens(const PopulationParams& p, SocietyState& society) {
  for (std::size_t d = 0; d < society.citizen_counts.size(); ++d) {
    const CitizenCounts& n = society.citizen_counts[d];
    society.active_people[d] = p.people_per_agent * static_cast<double>(n.active);
    society.jailed_people[d] = p.people_per_agent * static_cast<double>(n.jailed);
  }
}

}  // namespace

double follow_with_lag(double pool, double value, double lag_days) {
  return pool + (value - pool) / std::max(1.0, lag_days);
}

void init_society(World& w) {
  const Shared& sh = w;
  SocietyState& society = w.society;
  RandomStreams& streams = w.rng;
  const std::size_t nd = sh.sc.districts.size();
  society.citizens = CitizenColumns{};
  society.active_people.assign(nd, 0.0);
  society.jailed_people.assign(nd, 0.0);
  society.recruitable.assign(nd, 0.0);
  society.surge.assign(nd, 0.0);
  society.citizen_counts.clear();
  society.citizen_day = 0;
  const double weight = sh.sc.population.people_per_agent;
  if (!(weight > 0)) return;

  std::vector<std::size_t> agents(nd);
  std::size_t total = 0;
  for (std::size_t d = 0; d < nd; ++d) {
    agents[d] = citizen_agents(sh.sc.districts[d].population, weight);
    total += agents[d];
  }
  CitizenColumns& c = society.citizens;
  c.first.assign(nd + 1, 0);
  for (std::size_t d = 0; d < nd; ++d) c.first[d + 1] = c.first[d] + agents[d];
  // H ~ U(0,1) and R ~ U(0,1) (Epstein 2002): words 0 and 1 of the citizen's traits block.
  const CounterRng rng(streams.seed(), Purpose::kPopulation);
  c.hardship.resize(total);
  c.risk_aversion.resize(total);
  for (std::size_t i = 0; i < total; ++i) {
    const PhiloxBlock b = rng.citizen(i, 0, CitizenDraw::kTraits);
    c.hardship[i] = unit_float(b[0]);
    c.risk_aversion[i] = unit_float(b[1]);
  }
  c.active.assign(total, 0);
  c.displaced.assign(total, 0);
  c.jail_days.assign(total, 0);
  society.citizen_counts.assign(nd, CitizenCounts{});
  for (std::size_t d = 0; d < nd; ++d) {
    society.citizen_counts[d].free = static_cast<std::int64_t>(agents[d]);
  }
  society.citizen_day = 0;
  spin_up(sh, w.params, w.insurgency, society, streams);
  publish_citizens(sh.sc.population, society);
  society.recruitable = society.active_people;  // day 0 starts from the society's own state
}

void update_society(const Shared& sh, const RunParams& params, const EconomyState& economy,
                    const RefugeeState& refugees, const InsurgencyState& insurgency,
                    DistrictDeaths& district_deaths, SocietyState& society,
                    RandomStreams& streams) {
  const PopulationParams& p = sh.sc.population;
  const std::size_t nd = sh.sc.districts.size();

  // 0. Public diplomacy raises target legitimacy slowly, every day it is in force.
  for (std::size_t d = 0; d < nd; ++d) {
    if (params.legitimacy_gain[d] > 0) {
      society.legitimacy_target[d] =
          std::min(1.0, society.legitimacy_target[d] + params.legitimacy_gain[d]);
    }
  }

  // 1. Hardship from trade closures, returnee strain and displacement (yesterday's stock).
  for (std::size_t d = 0; d < nd; ++d) {
    const District& district = sh.sc.districts[d];
    const int s = sh.state_of(DistrictId{d});
    const double displaced_share =
        district.population > 0 ? society.displaced[d] / district.population : 0.0;
    society.hardship[d] = district_hardship(
        p, district.trade_dependence, economy.trade_closed_share[s],
        returnee_strain(refugees.returnees_recent[d], district.receiving_capacity), displaced_share,
        params.hardship_relief[s]);
  }

  // 2. Legitimacy: recovers toward its target, falls with civilian deaths per 100,000 people
  //    and with hardship.
  for (std::size_t d = 0; d < nd; ++d) {
    const double population = sh.sc.districts[d].population;
    double l = society.legitimacy[d];
    l += p.legitimacy_recovery * (society.legitimacy_target[d] - l) -
         p.legitimacy_hardship * society.hardship[d];
    if (population > 0) l -= p.legitimacy_harm * district_deaths.civilians[d] / (population / 1e5);
    society.legitimacy[d] = std::clamp(l, 0.0, 1.0);
  }

  // 3-5. Displacement and return (people are conserved: residents + displaced + jailed), then
  //      Epstein's rule (well mixed within a district) and arrests: one citizen day.
  const bool agents = society.citizens.size() > 0;
  if (agents) {
    citizen_day(sh, params, insurgency, &district_deaths.all, society, streams);
    publish_citizens(p, society);
  } else {
    displace_stock(sh, district_deaths, society);
    std::fill(society.active_people.begin(), society.active_people.end(), 0.0);
    std::fill(society.jailed_people.begin(), society.jailed_people.end(), 0.0);
  }

  // 6. What others read, and the per-day accumulators reset.
  for (std::size_t d = 0; d < nd; ++d) {
    society.recruitable[d] = follow_with_lag(society.recruitable[d], society.active_people[d],
                                             sh.sc.insurgency.recruit_lag_days);
  }
  std::fill(district_deaths.all.begin(), district_deaths.all.end(), 0.0);
  std::fill(district_deaths.civilians.begin(), district_deaths.civilians.end(), 0.0);
}

}  // namespace flashpoint
