#include "experiment/digest.hpp"

#include <type_traits>
#include <vector>

#include <fmt/format.h>

#include "model/result_fields.hpp"

namespace flashpoint {

void Digest::bytes(const void* data, std::size_t n) {
  const auto* p = static_cast<const unsigned char*>(data);
  for (std::size_t k = 0; k < n; ++k) {
    h_ ^= p[k];
    h_ *= 0x100000001b3ULL;  // FNV-1a 64 prime
  }
}

void Digest::add(const RunResult& r) {
  bool events_hashed = false;
  auto hash_events = [&] {
    events_hashed = true;
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
                             e.claim_actor_enemy, e.claim_target_own, e.claim_target_enemy,
                             e.injured_forces, e.injured_civilians, e.injured_militants}) {
        bytes(&v, sizeof v);
      }
    }
  };
  // The fields in digest order (model/result_fields.hpp): vectors with their size first, scalars
  // as they are; the events before the event count.
  for_each_field_in_digest_order(r, [&](const FieldInfo& f, const auto& value) {
    using T = std::remove_cvref_t<decltype(value)>;
    if constexpr (IsVector<T>::value) {
      const std::uint64_t size = value.size();
      bytes(&size, sizeof size);
      if (!value.empty()) bytes(value.data(), value.size() * sizeof(value[0]));
    } else {
      if (f.kind == FieldKind::kEventCount) {
        if (!events_hashed) hash_events();
        // Only when the event cap was hit: runs under it keep the digests they had before it.
        if (value == T{0}) return;
      }
      bytes(&value, sizeof value);
    }
  });
  if (!events_hashed) hash_events();
}

std::string Digest::hex() const {
  return fmt::format("{:016x}", h_);
}

}  // namespace flashpoint
