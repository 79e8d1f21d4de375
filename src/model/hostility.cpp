#include "model/hostility.hpp"

namespace flashpoint {

Eigen::MatrixXd richardson_step(const Eigen::MatrixXd& hostility, const Eigen::MatrixXd& reaction,
                                const Eigen::VectorXd& fatigue, const Eigen::MatrixXd& grievance,
                                double event_scale, const Eigen::MatrixXd& received_goldstein) {
  const Eigen::Index n = hostility.rows();
  // k_ij * H_ji is the element-wise product of k with the transpose of H.
  Eigen::MatrixXd next = hostility + reaction.cwiseProduct(hostility.transpose()) -
                         fatigue.asDiagonal() * hostility + grievance -
                         event_scale * received_goldstein;
  next = next.cwiseMax(0.0);
  for (Eigen::Index i = 0; i < n; ++i) next(i, i) = 0.0;
  return next;
}

}  // namespace flashpoint
