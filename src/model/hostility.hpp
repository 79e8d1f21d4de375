#pragma once
// Hostility stocks between states: Richardson's reaction-fatigue form driven by events
// (docs/model.md, "Hostility").
#include <Eigen/Dense>

namespace flashpoint {

/// One day of
///   H_ij(t+1) = max(0, H_ij + k_ij*H_ji - min(1, a_i + c * C_ij) * H_ij + g_ij - s * G_ij),
/// where G_ij <= 0 is the sum of the negative Goldstein scores of today's events by j against i
/// (conflict adds hostility) and C_ij >= 0 the sum of the positive ones (cooperation speeds the
/// fading of hostility: it removes a share of it, never more than there is, so words alone cannot
/// hold hostility at zero against a standing grievance). Indices are state indices; the diagonal
/// stays zero.
[[nodiscard]] Eigen::MatrixXd richardson_step(const Eigen::MatrixXd& hostility,
                                              const Eigen::MatrixXd& reaction,
                                              const Eigen::VectorXd& fatigue,
                                              const Eigen::MatrixXd& grievance, double event_scale,
                                              const Eigen::MatrixXd& received_conflict,
                                              double cooperation_scale,
                                              const Eigen::MatrixXd& received_cooperation);

}  // namespace flashpoint
