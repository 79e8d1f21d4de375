// Daily hostility update and the decay of the memories that feed the choice rule.
#include <cmath>

#include "model/hostility.hpp"
#include "model/phases.hpp"

namespace flashpoint {

void update_hostility(World& w) {
  const auto& p = w.sc.strategic;
  // Public diplomacy speeds the fading of hostility (fatigue bonus).
  const Eigen::VectorXd fatigue =
      w.strategic.fatigue +
      Eigen::Map<const Eigen::VectorXd>(w.params.fatigue_bonus.data(),
                                        static_cast<Eigen::Index>(w.params.fatigue_bonus.size()));
  // Trade interdependence (economic corridor) damps grievance: g_ij / interdependence_ij.
  const Eigen::MatrixXd grievance = w.strategic.grievance.cwiseQuotient(w.params.interdependence);
  w.strategic.hostility =
      richardson_step(w.strategic.hostility, w.strategic.reaction, fatigue, grievance,
                      p.hostility_event_scale, w.today.received_goldstein);
  w.strategic.deaths_caused *= std::exp(-1.0 / p.attack_memory_days);
  w.strategic.publicity *= std::exp(-1.0 / p.publicity_memory_days);
  w.strategic.war_costs *= std::exp(-1.0 / p.war_cost_memory_days);
}

}  // namespace flashpoint
