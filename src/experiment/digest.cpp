#include "experiment/digest.hpp"

#include <fmt/format.h>

namespace flashpoint {

void Digest::bytes(const void* data, std::size_t n) {
  const auto* p = static_cast<const unsigned char*>(data);
  for (std::size_t k = 0; k < n; ++k) {
    h_ ^= p[k];
    h_ *= 0x100000001b3ULL;  // FNV-1a 64 prime
  }
}

void Digest::add(const RunResult& r) {
  auto vec = [this](const auto& v) {
    const std::uint64_t size = v.size();
    bytes(&size, sizeof size);
    if (!v.empty()) bytes(v.data(), v.size() * sizeof(v[0]));
  };
  bytes(&r.run, sizeof r.run);
  bytes(&r.seed, sizeof r.seed);
  bytes(&r.replicate, sizeof r.replicate);
  vec(r.escalation);
  vec(r.fatalities);
  vec(r.attacks_daily);
  vec(r.hostility);
  vec(r.posts_held);
  vec(r.crossing_open);
  vec(r.trade_flow_usd);
  vec(r.ceasefire);
  for (std::int32_t v : {r.peak_escalation, r.conflict_days, r.first_ceasefire_day,
                         r.ceasefire_breakdowns, r.attacks}) {
    bytes(&v, sizeof v);
  }
  bytes(&r.trade_lost_usd, sizeof r.trade_lost_usd);
  vec(r.posts_captured);
  vec(r.crossing_closed_days);
  vec(r.fatalities_total);
  vec(r.final_hostility);
  vec(r.mediation_active);
  vec(r.talks_rounds);
  vec(r.displaced);
  vec(r.active_share);
  vec(r.legitimacy);
  vec(r.refugees);
  vec(r.returnees_daily);
  vec(r.sanctuary_tolerance);
  vec(r.cells);
  vec(r.fighters);
  vec(r.exports_lost_usd);
  bytes(&r.reached_rung8, sizeof r.reached_rung8);
  bytes(&r.peak_displaced, sizeof r.peak_displaced);
  bytes(&r.returnees, sizeof r.returnees);
  for (const auto& e : r.events) {
    bytes(&e.day, sizeof e.day);
    bytes(&e.actor, sizeof e.actor);
    bytes(&e.target, sizeof e.target);
    bytes(e.cameo.data(), e.cameo.size());
    bytes(&e.quad_class, sizeof e.quad_class);
    bytes(&e.goldstein, sizeof e.goldstein);
    bytes(e.location.data(), e.location.size());
    bytes(e.acled_sub_event_type.data(), e.acled_sub_event_type.size());
    bytes(&e.lat, sizeof e.lat);
    bytes(&e.lon, sizeof e.lon);
    for (std::int32_t v : {e.forces, e.civilians, e.militants, e.claim_actor_own,
                           e.claim_actor_enemy, e.claim_target_own, e.claim_target_enemy}) {
      bytes(&v, sizeof v);
    }
  }
  // Only when the event cap was hit: runs under it keep the digests they had before the cap.
  if (r.events_dropped > 0) bytes(&r.events_dropped, sizeof r.events_dropped);
}

std::string Digest::hex() const {
  return fmt::format("{:016x}", h_);
}

}  // namespace flashpoint
