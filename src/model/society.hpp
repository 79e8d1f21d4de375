#pragma once
// Districts and citizens (model layer 2; docs/model.md, "Districts and citizens"): district
// hardship, displacement and return, legitimacy, and Epstein's (2002) civil-violence rule applied
// well mixed within each district. The phases init_society and update_society are declared in
// model/phases.hpp; the pure functions below are the formulas they use, exposed for tests and
// for other sub-models.
#include "scenario/scenario.hpp"

namespace flashpoint {

/// Epstein 2002: estimated arrest probability P = 1 - exp(-k * C / (A + 1)), with C the
/// security forces and A the active citizens a citizen sees (the +1 counts the citizen itself).
[[nodiscard]] double arrest_probability(double k, double cops_in_vision, double actives_in_vision);

/// Epstein 2002's activation rule: grievance G = min(1, hardship) * (1 - legitimacy), net risk
/// N = risk_aversion * arrest_probability * (1 - sanctuary_discount); active when G - N > T.
/// `hardship` is the citizen's total hardship (own draw plus the district's); the sanctuary
/// discount is the host's tolerance of armed groups, which makes joining them safer.
[[nodiscard]] bool epstein_active(double hardship, double legitimacy, double risk_aversion,
                                  double arrest_probability, double sanctuary_discount,
                                  double threshold);

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
