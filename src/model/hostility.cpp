#include "model/hostility.hpp"

namespace flashpoint {

Eigen::MatrixXd richardson_step(const Eigen::MatrixXd& hostility, const Eigen::MatrixXd& reaction,
                                const Eigen::VectorXd& fatigue, const Eigen::MatrixXd& grievance,
                                double event_scale, const Eigen::MatrixXd& received_conflict,
                                double cooperation_scale,
                                const Eigen::MatrixXd& received_cooperation) {
  const Eigen::Index n = hostility.rows();
  // fade_ij = min(1, a_i + c * C_ij): fatigue a_i is the row's, cooperation the pair's.
  const Eigen::MatrixXd fade =
      (fatigue.replicate(1, n) + cooperation_scale * received_cooperation).cwiseMin(1.0);
  // k_ij * H_ji is the element-wise product of k with the transpose of H.
  Eigen::MatrixXd next = hostility + reaction.cwiseProduct(hostility.transpose()) -
                         fade.cwiseProduct(hostility) + grievance - event_scale * received_conflict;
  next = next.cwiseMax(0.0);
  for (Eigen::Index i = 0; i < n; ++i) next(i, i) = 0.0;
  return next;
}

}  // namespace flashpoint
