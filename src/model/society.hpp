#pragma once
// Districts and citizens (model layer 2; docs/model.md, "Districts and citizens"): district
// hardship, displacement and return, legitimacy, and Epstein's (2002) civil-violence rule applied
// well mixed within each district. The phases init_society and update_society are declared in
// model/phases.hpp; the pure functions below are the formulas they use, exposed for tests and
// for other sub-models.
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "scenario/scenario.hpp"

namespace flashpoint {

/// Epstein 2002: estimated arrest probability P = 1 - exp(-k * C / (A + 1)), with C the
/// security forces and A the active citizens a citizen sees (the +1 counts the citizen itself).
[[nodiscard]] double arrest_probability(double k, double cops_in_vision, double actives_in_vision);

/// The policing a state adds to a restive district, after one day: it closes the share `rate` of
/// the gap to its target surge_factor * active_share * presence (security per citizen), where
/// active_share is the district's active share among free residents. The added presence counts
/// in C of the arrest estimate; it does not raise counter-insurgency pressure on cells.
[[nodiscard]] double policing_surge(double surge, double presence, double active_share,
                                    double surge_factor, double rate);

/// One day of a first-order lag: `pool` moves 1/lag_days of the way to `value` (lag_days >= 1;
/// 1 follows at once). Recruitment draws on the active citizens lagged this way.
[[nodiscard]] double follow_with_lag(double pool, double value, double lag_days);

/// Epstein 2002's activation rule: grievance G = min(1, hardship) * (1 - legitimacy), net risk
/// N = risk_aversion * arrest_probability * (1 - sanctuary_discount); active when G - N > T.
/// `hardship` is the citizen's total hardship (own draw plus the district's); the sanctuary
/// discount (sanctuary_escape * sigma, in the target state's districts on the line with a
/// group's host) is the risk a tolerated sanctuary across the line lets supporters escape.
/// The engine applies it to every citizen of a district with the district's terms computed once
/// (epstein_terms), so both forms below are one formula: the second is the first, inlined.
struct EpsteinTerms {
  double legitimacy_term;  ///< 1 - L
  double arrest_estimate;  ///< P
  double discount_term;    ///< 1 - sanctuary discount
  double threshold;        ///< T
};
[[nodiscard]] inline EpsteinTerms epstein_terms(double legitimacy, double arrest_probability,
                                                double sanctuary_discount, double threshold) {
  return {1.0 - legitimacy, arrest_probability, 1.0 - sanctuary_discount, threshold};
}
[[nodiscard]] inline bool epstein_active(const EpsteinTerms& t, double hardship,
                                         double risk_aversion) {
  const double grievance = std::min(1.0, hardship) * t.legitimacy_term;
  const double net_risk = risk_aversion * t.arrest_estimate * t.discount_term;
  return grievance - net_risk > t.threshold;
}
[[nodiscard]] inline bool epstein_active(double hardship, double legitimacy, double risk_aversion,
                                         double arrest_probability, double sanctuary_discount,
                                         double threshold) {
  return epstein_active(
      epstein_terms(legitimacy, arrest_probability, sanctuary_discount, threshold), hardship,
      risk_aversion);
}

/// The citizen agents of a district of `population` people when each agent stands for
/// `people_per_agent` people: round(population / people_per_agent); 0 without citizen agents
/// (people_per_agent 0). The engine, the memory estimate and `generate` all count with it.
[[nodiscard]] inline std::uint64_t citizen_agents(double population, double people_per_agent) {
  if (!(people_per_agent > 0)) return 0;
  return static_cast<std::uint64_t>(std::llround(std::max(0.0, population / people_per_agent)));
}

/// A district's extra hardship in [0,1]:
/// (hardship_trade * trade_dependence * trade_closed_share + hardship_returnees * strain
///  + hardship_displacement * displaced_share) * (1 - relief), clamped to [0,1].
/// `strain` is returnees in 30 days over receiving capacity (at most 1); `relief` is the share an
/// economic corridor removes.
[[nodiscard]] double district_hardship(const PopulationParams& p, double trade_dependence,
                                       double trade_closed_share, double strain,
                                       double displaced_share, double relief);

/// Returnee strain min(1, returnees / capacity); 1 when there are returnees and no capacity, 0
/// when there are neither.
[[nodiscard]] double returnee_strain(double returnees_recent, double receiving_capacity);

}  // namespace flashpoint
