#include "model/society.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include <boost/random/bernoulli_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include "model/phases.hpp"

namespace flashpoint {

double arrest_probability(double k, double cops_in_vision, double actives_in_vision) {
  // Epstein 2002, estimated arrest probability.
  return 1.0 - std::exp(-k * cops_in_vision / (actives_in_vision + 1.0));
}

bool epstein_active(double hardship, double legitimacy, double risk_aversion,
                    double arrest_probability, double sanctuary_discount, double threshold) {
  // Epstein 2002: G = H (1 - L), N = R P (here discounted by sanctuary), active when G - N > T.
  const double grievance = std::min(1.0, hardship) * (1.0 - legitimacy);
  const double net_risk = risk_aversion * arrest_probability * (1.0 - sanctuary_discount);
  return grievance - net_risk > threshold;
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

using Count = std::int64_t;

/// Per-district tallies of citizen agents, filled by the passes over the citizen columns.
struct Tally {
  explicit Tally(std::size_t nd)
      : displaced(nd, 0), free(nd, 0), active_free(nd, 0), active(nd, 0), jailed(nd, 0) {}
  std::vector<Count> displaced;
  std::vector<Count> free;         ///< free residents (neither displaced nor jailed)
  std::vector<Count> active_free;  ///< of which active, at the start of activation
  std::vector<Count> active;       ///< after activation and arrests
  std::vector<Count> jailed;       ///< after arrests
};

/// Without citizen agents: displacement and return as expected flows on the displaced stock.
void displace_stock(World& w) {
  const PopulationParams& p = w.sc.population;
  for (std::size_t d = 0; d < w.displaced.size(); ++d) {
    const double population = w.sc.districts[d].population;
    double stock = w.displaced[d];
    stock -= p.return_rate * stock;
    stock += std::min(std::max(0.0, population - stock),
                      p.displacement_per_death * w.violent_deaths_today[d]);
    w.displaced[d] = stock;
  }
}

/// With citizen agents: displaced citizens return with probability return_rate, then each
/// resident is displaced with p_d = min(1, displacement_per_death * deaths_d / resident people_d)
/// (so the expected flows equal those of displace_stock). Jail terms count down afterwards, and
/// the free residents and their actives are tallied for the synchronous activation step.
/// Draws, in citizen order: all returns, then all displacements.
void displace_citizens(World& w, Tally& t) {
  const PopulationParams& p = w.sc.population;
  CitizenColumns& c = w.citizens;
  const std::size_t n = c.size();
  const std::size_t nd = w.displaced.size();
  Engine& rng = w.rng[Purpose::kPopulation];
  boost::random::bernoulli_distribution<double> returns(p.return_rate);

  bool violence = false;
  for (std::size_t d = 0; d < nd; ++d) {
    violence = violence || (p.displacement_per_death > 0 && w.violent_deaths_today[d] > 0);
  }
  std::vector<double> p_displace(nd, 0.0);
  if (violence) {
    // p_d needs the residents after today's returns: returns get their own pass on such days.
    std::vector<Count> residents(nd, 0);
    for (std::size_t i = 0; i < n; ++i) {
      if (c.displaced[i] && returns(rng)) c.displaced[i] = 0;
      if (!c.displaced[i] && c.jail_days[i] == 0) ++residents[c.district[i]];
    }
    for (std::size_t d = 0; d < nd; ++d) {
      const double resident_people = p.people_per_agent * static_cast<double>(residents[d]);
      if (resident_people > 0) {
        p_displace[d] =
            std::min(1.0, p.displacement_per_death * w.violent_deaths_today[d] / resident_people);
      }
    }
  }

  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t d = c.district[i];
    if (c.displaced[i]) {
      if (!violence && returns(rng)) c.displaced[i] = 0;  // no displacement draws follow today
    } else if (c.jail_days[i] == 0) {
      if (p_displace[d] > 0 && boost::random::bernoulli_distribution<double>(p_displace[d])(rng)) {
        c.displaced[i] = 1;
        c.active[i] = 0;
      }
    } else {
      --c.jail_days[i];  // released at 0, in time for today's activation
    }
    if (c.displaced[i]) {
      ++t.displaced[d];
    } else if (c.jail_days[i] == 0) {
      ++t.free[d];
      t.active_free[d] += c.active[i];
    }
  }
  for (std::size_t d = 0; d < nd; ++d) {
    w.displaced[d] = p.people_per_agent * static_cast<double>(t.displaced[d]);
  }
}

/// The largest sanctuary tolerance sigma among the armed groups hosted by `state`, else 0.
double sanctuary_discount(const World& w, int state) {
  double s = 0.0;
  for (std::size_t g = 0; g < w.group_actor.size(); ++g) {
    const int host = w.sc.actors[w.group_actor[g]].armed_group.host;
    if (host >= 0 && w.actor_state[host] == state) s = std::max(s, w.sigma[g]);
  }
  return s;
}

/// Epstein's rule for every free resident, from the district shares tallied before it
/// (synchronous update), then arrests of the actives. Draws, in citizen order: for each active
/// citizen an arrest draw, and for each arrested one a jail term.
void activate_and_arrest(World& w, Tally& t) {
  const PopulationParams& p = w.sc.population;
  CitizenColumns& c = w.citizens;
  const std::size_t n = c.size();
  const std::size_t nd = w.displaced.size();
  Engine& rng = w.rng[Purpose::kPopulation];

  // District terms: C = vision * cop density, A = vision * active share (Epstein 2002).
  std::vector<double> p_arrest_est(nd), discount(nd), p_arrest(nd);
  for (std::size_t d = 0; d < nd; ++d) {
    const double share =
        t.free[d] > 0 ? static_cast<double>(t.active_free[d]) / static_cast<double>(t.free[d])
                      : 0.0;
    p_arrest_est[d] =
        arrest_probability(p.arrest_constant, p.vision * w.security[d], p.vision * share);
    discount[d] = sanctuary_discount(w, w.district_state[d]);
    p_arrest[d] = p.max_jail_days > 0 ? p.arrest_rate * p_arrest_est[d] : 0.0;
  }
  const int max_jail = std::min(p.max_jail_days, int{std::numeric_limits<std::uint16_t>::max()});
  boost::random::uniform_int_distribution<int> jail_term(1, std::max(1, max_jail));

  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t d = c.district[i];
    if (c.displaced[i]) continue;
    if (c.jail_days[i] > 0) {
      ++t.jailed[d];
      continue;
    }
    const bool active = epstein_active(static_cast<double>(c.hardship[i]) + w.hardship[d],
                                       w.legitimacy[d], static_cast<double>(c.risk_aversion[i]),
                                       p_arrest_est[d], discount[d], p.activation_threshold);
    if (active && p_arrest[d] > 0 &&
        boost::random::bernoulli_distribution<double>(p_arrest[d])(rng)) {
      c.jail_days[i] = static_cast<std::uint16_t>(jail_term(rng));
      c.active[i] = 0;
      ++t.jailed[d];
    } else {
      c.active[i] = active ? 1 : 0;
      t.active[d] += active ? 1 : 0;
    }
  }
}

}  // namespace

void init_society(World& w) {
  const std::size_t nd = w.sc.districts.size();
  w.citizens = CitizenColumns{};
  w.active_people.assign(nd, 0.0);
  w.jailed_people.assign(nd, 0.0);
  const double weight = w.sc.population.people_per_agent;
  if (!(weight > 0)) return;

  std::vector<std::size_t> agents(nd);
  std::size_t total = 0;
  for (std::size_t d = 0; d < nd; ++d) {
    agents[d] = static_cast<std::size_t>(std::llround(w.sc.districts[d].population / weight));
    total += agents[d];
  }
  CitizenColumns& c = w.citizens;
  c.district.reserve(total);
  c.hardship.reserve(total);
  c.risk_aversion.reserve(total);
  Engine& rng = w.rng[Purpose::kPopulation];
  boost::random::uniform_real_distribution<float> unit(0.0f, 1.0f);
  for (std::size_t d = 0; d < nd; ++d) {
    for (std::size_t k = 0; k < agents[d]; ++k) {
      c.district.push_back(static_cast<std::uint32_t>(d));
      c.hardship.push_back(unit(rng));       // H ~ U(0,1), Epstein 2002
      c.risk_aversion.push_back(unit(rng));  // R ~ U(0,1)
    }
  }
  c.active.assign(total, 0);
  c.displaced.assign(total, 0);
  c.jail_days.assign(total, 0);
}

void update_society(World& w) {
  const PopulationParams& p = w.sc.population;
  const std::size_t nd = w.sc.districts.size();

  // 1. Hardship from trade closures, returnee strain and displacement (yesterday's stock).
  for (std::size_t d = 0; d < nd; ++d) {
    const District& district = w.sc.districts[d];
    const int s = w.district_state[d];
    const double displaced_share =
        district.population > 0 ? w.displaced[d] / district.population : 0.0;
    w.hardship[d] =
        district_hardship(p, district.trade_dependence, w.trade_closed_share[s],
                          returnee_strain(w.returnees_recent[d], district.receiving_capacity),
                          displaced_share, w.hardship_relief[s]);
  }

  // 2. Displacement and return (people are conserved: residents + displaced + jailed).
  const bool agents = w.citizens.size() > 0;
  Tally tally(agents ? nd : 0);
  if (agents) {
    displace_citizens(w, tally);
  } else {
    displace_stock(w);
  }

  // 3. Legitimacy: recovers toward its target, falls with civilian deaths per 100,000 people
  //    and with hardship.
  for (std::size_t d = 0; d < nd; ++d) {
    const double population = w.sc.districts[d].population;
    double l = w.legitimacy[d];
    l += p.legitimacy_recovery * (w.legitimacy_target[d] - l) -
         p.legitimacy_hardship * w.hardship[d];
    if (population > 0) l -= p.legitimacy_harm * w.civilian_deaths_today[d] / (population / 1e5);
    w.legitimacy[d] = std::clamp(l, 0.0, 1.0);
  }

  // 4-5. Epstein's rule (well mixed within a district) and arrests.
  if (agents) activate_and_arrest(w, tally);

  // 6. What others read, and the per-day accumulators reset.
  for (std::size_t d = 0; d < nd; ++d) {
    w.active_people[d] = agents ? p.people_per_agent * static_cast<double>(tally.active[d]) : 0.0;
    w.jailed_people[d] = agents ? p.people_per_agent * static_cast<double>(tally.jailed[d]) : 0.0;
  }
  std::fill(w.violent_deaths_today.begin(), w.violent_deaths_today.end(), 0.0);
  std::fill(w.civilian_deaths_today.begin(), w.civilian_deaths_today.end(), 0.0);
}

}  // namespace flashpoint
