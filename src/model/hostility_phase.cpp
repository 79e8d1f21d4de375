// Daily hostility update and the decay of the memories that feed the choice rule.
#include <cmath>

#include "model/hostility.hpp"
#include "model/phases.hpp"

namespace flashpoint {

void update_hostility(StrategicState& st, const StrategicParams& p, const RunParams& params,
                      const DayLog& today) {
  // Public diplomacy speeds the fading of hostility (fatigue bonus).
  const Eigen::VectorXd fatigue =
      st.fatigue +
      Eigen::Map<const Eigen::VectorXd>(params.fatigue_bonus.data(),
                                        static_cast<Eigen::Index>(params.fatigue_bonus.size()));
  // Trade interdependence (economic corridor) damps grievance: g_ij / interdependence_ij.
  // Measures in force add to the grievance of those they are imposed on (docs/model.md 7.22).
  const Eigen::MatrixXd grievance =
      st.grievance.cwiseQuotient(params.interdependence) + today.coercion_grievance;
  st.hostility =
      richardson_step(st.hostility, st.reaction, fatigue, grievance, p.hostility_event_scale,
                      today.received_conflict, p.cooperation_scale, today.received_cooperation);
  st.deaths_caused *= std::exp(-1.0 / p.attack_memory_days);
  st.publicity *= std::exp(-1.0 / p.publicity_memory_days);
  st.nuclear_signals *= std::exp(-1.0 / p.publicity_memory_days);  // they fade as threats do
  st.war_costs *= std::exp(-1.0 / p.war_cost_memory_days);
}

}  // namespace flashpoint
