#pragma once
// Hostility stocks between states: Richardson's reaction-fatigue form driven by events
// (docs/model.md, "Hostility").
#include <Eigen/Dense>

namespace flashpoint {

/// One day of  H_ij(t+1) = max(0, H_ij + k_ij*H_ji - a_i*H_ij + g_ij - s * G_ij),
/// where G_ij is the sum of the Goldstein scores of today's events by j against i (negative for
/// conflict, so hostile events raise H_ij and cooperative ones lower it). Indices are state
/// indices; the diagonal stays zero.
[[nodiscard]] Eigen::MatrixXd richardson_step(const Eigen::MatrixXd& hostility,
                                              const Eigen::MatrixXd& reaction,
                                              const Eigen::VectorXd& fatigue,
                                              const Eigen::MatrixXd& grievance, double event_scale,
                                              const Eigen::MatrixXd& received_goldstein);

}  // namespace flashpoint
