// Policy levers that start on a date or on a trigger. Layer 1 implements retaliation_doctrine
// and border_closure; the loader refuses the others until their mechanisms exist.
#include "model/ladder.hpp"
#include "model/phases.hpp"

namespace flashpoint {

void start_policies(World& w) {
  const Scenario& sc = w.sc;
  for (std::size_t k = 0; k < sc.policies.size(); ++k) {
    if (w.policy_started[k]) continue;
    const Policy& p = sc.policies[k];
    if (w.day < p.start.day) continue;
    if (p.start.escalation_at_least > -100 && w.level_yesterday < p.start.escalation_at_least) {
      continue;
    }
    w.policy_started[k] = 1;
    const int s = w.actor_state[p.actor];
    switch (p.type) {
      case PolicyType::kRetaliationDoctrine:
        w.doctrine[s] = *p.doctrine;
        w.pending[s] = PendingRetaliation{};  // a trigger of the old doctrine lapses
        w.attributed[s].clear();
        break;
      case PolicyType::kBorderClosure:
        for (int j = 0; j < w.num_states(); ++j) {
          if (j == s || w.dyad_crossings[w.dyad(s, j)].empty()) continue;
          const auto code = cameo_variants(Action::kCloseCrossings)[0];
          EventRecord e;
          e.actor = w.state_actor[s];
          e.target = w.state_actor[j];
          e.cameo = std::string(code.code);
          e.goldstein = code.goldstein;
          w.emit(e);
          close_crossings(w, s, j, p.closure_min_days);
        }
        break;
      default:
        break;  // refused by the loader in this version
    }
  }
}

}  // namespace flashpoint
