// Border incidents (model layer 2): on a line where both sides hold posts, incidents happen at a
// small daily rate per sector. A hotline defuses some; the rest become a one-sector clash with a
// probability that grows with the parties' uncertainty about each other (Fearon's information
// channel, narrowed by rounds of talks) and falls with joint patrols. The clash is fought by the
// same stochastic Lanchester law as an assault and counts as rung 7 for the side that opened fire.
#include <boost/random/bernoulli_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>

#include "model/ladder.hpp"
#include "model/phases.hpp"

namespace flashpoint {

double incident_clash_probability(const TalksParams& p, double uncertainty, double hotline,
                                  double joint_patrols) {
  return (1.0 - hotline) * p.incident_clash * uncertainty * (1.0 - joint_patrols);
}

void border_incidents(const Shared& sh, const RunParams& params, PostColumns& posts,
                      StrategicState& strategic, DiplomacyState& diplomacy, RandomStreams& streams,
                      Ledger& ledger) {
  const int day = ledger.day;
  const Scenario& sc = sh.sc;
  const auto& p = sc.talks;
  // During the replay of history (before free_from) only scripted events act between states.
  if (p.incident_rate <= 0 || day < sc.free_from_day) return;
  auto& rng = streams[Purpose::kCombat];
  const auto& ops = sc.operations;
  const int S = sh.num_states();
  for (int i = 0; i < S; ++i) {
    for (int j = i + 1; j < S; ++j) {
      for (int k : front_sectors(sh, posts, i, j)) {
        // The line's rate, times the sector's propensity (a sector with none draws nothing).
        const double rate = p.incident_rate * sc.sectors[k].incident_propensity;
        if (rate <= 0) continue;
        const int incidents = boost::random::poisson_distribution<int, double>(rate)(rng);
        for (int n = 0; n < incidents; ++n) {
          const double u = 0.5 * (diplomacy.uncertainty(i, j) + diplomacy.uncertainty(j, i));
          const double pc =
              incident_clash_probability(p, u, params.hotline(i, j), params.joint_patrols(i, j));
          if (!boost::random::bernoulli_distribution<double>(pc)(rng)) continue;
          const bool i_fires = boost::random::bernoulli_distribution<double>(0.5)(rng);
          const int a = i_fires ? i : j, b = i_fires ? j : i;
          ClashParams cp;
          cp.alpha = ops.fire_effectiveness;
          cp.beta = ops.artillery_effectiveness;
          cp.intensity = p.incident_intensity;
          cp.lethality = ops.lethality;
          cp.capture_threshold = ops.capture_threshold;
          cp.superiority_ratio = ops.superiority_ratio;
          const ClashOutcome out = resolve_clash(posts, k, a, b, cp, rng);
          // Shots across the line end a ceasefire, chosen or not, unless monitors verify that
          // neither side chose them and keep the ceasefire standing (docs/model.md, 7.16).
          const bool contained =
              diplomacy.monitored[sh.dyad(a, b)] != 0 &&
              boost::random::bernoulli_distribution<double>(p.monitoring_containment)(rng);
          if (!contained) break_ceasefire(sh, diplomacy, ledger, a, b);
          strategic.mark_rung(a, b, rung(Action::kAssaultPosts));
          book_clash(sh, params, strategic, streams, ledger, k, a, b, out, cp,
                     cameo::kIncidentClash);
        }
      }
    }
  }
}

}  // namespace flashpoint
