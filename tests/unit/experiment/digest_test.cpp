// The run digest (experiment/digest.hpp) loops over the field table (model/result_fields.hpp):
// these tests pin its byte sequence to a hand-written reference, so that reordering the table, or a
// rank, cannot change the golden digests unnoticed, and check which fields it covers.
#include "experiment/digest.hpp"

#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

#include <gtest/gtest.h>

#include "model/result_fields.hpp"

namespace flashpoint {
namespace {

/// A run in which every field holds values of its own (no two fields alike, none at its default).
RunResult known_run(std::uint64_t events_dropped) {
  RunResult r;
  r.run = 7;
  r.seed = 0x0123456789abcdefULL;
  r.replicate = 3;
  r.escalation = {1, 4, 6};
  r.fatalities = {1, 2, 3, 4, 5, 6};
  r.attacks_daily = {0, 2, 1};
  r.hostility = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6};
  r.posts_held = {10, 9, 10, 11, 9, 12};
  r.crossing_open = {1, 0, 1};
  r.trade_flow_usd = {1.5e6, 0.0, 2.5e6};
  r.ceasefire = {0, 1, 1};
  r.mediation_active = {0, 0, 1};
  r.talks_rounds = {0, 1, 2};
  r.displaced = {100, 200, 300, 400, 500, 600};
  r.active_share = {0.01, 0.02, 0.03, 0.04, 0.05, 0.06};
  r.legitimacy = {0.9, 0.8, 0.7, 0.6, 0.5, 0.4};
  r.refugees = {7, 8, 9, 10, 11, 12};
  r.returnees_daily = {0.5, 1.5, 2.5, 3.5, 4.5, 5.5};
  r.sanctuary_tolerance = {0.25, 0.5, 0.75};
  r.cells = {4, 5, 6};
  r.fighters = {40.5, 50.5, 60.5};
  r.peak_escalation = 6;
  r.conflict_days = 1;
  r.first_ceasefire_day = 1;
  r.first_conflict_day = 2;
  r.first_ceasefire_after_conflict_day = 2;
  r.ceasefire_breakdowns = 5;
  r.attacks = 3;
  r.trade_lost_usd = 123456.75;
  r.exports_lost_usd = {1000.25, 2000.5};
  r.posts_captured = {2, 1};
  r.crossing_closed_days = {1};
  r.fatalities_total = {5, 7};
  r.injured = {0, 2, 1, 0, 3, 4};
  r.injured_total = {4, 6};
  r.final_hostility = {0.5, 0.6};
  r.reached_rung8 = 1;
  r.peak_displaced = 1234.5;
  r.returnees = 13.25;
  EventRecord e;
  e.day = 2;
  e.actor = 0;
  e.target = 1;
  e.cameo = "190";
  e.quad_class = 4;
  e.goldstein = -10;
  e.location = "KRM";
  e.lat = 33.9;
  e.lon = 70.1;
  e.forces = 3;
  e.civilians = 2;
  e.militants = 1;
  e.injured_forces = 4;
  e.injured_civilians = 5;
  e.injured_militants = 6;
  e.acled_sub_event_type = "Armed clash";
  e.claim_actor_own = 1;
  e.claim_actor_enemy = 9;
  e.claim_target_own = 2;
  e.claim_target_enemy = -1;
  r.events = {e, e};
  r.events[1].day = 1;
  r.events[1].cameo = "0871";
  r.events_dropped = events_dropped;
  return r;
}

/// FNV-1a 64 over bytes appended by hand, in the digest's documented order.
class Reference {
 public:
  template <typename T>
  void raw(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    bytes(&v, sizeof v);
  }
  template <typename T>
  void vec(const std::vector<T>& v) {
    const std::uint64_t size = v.size();
    raw(size);
    if (!v.empty()) bytes(v.data(), v.size() * sizeof(T));
  }
  void text(const std::string& s) { bytes(s.data(), s.size()); }
  [[nodiscard]] std::uint64_t value() const { return h_; }

 private:
  void bytes(const void* data, std::size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t k = 0; k < n; ++k) {
      h_ ^= p[k];
      h_ *= 0x100000001b3ULL;
    }
  }
  std::uint64_t h_ = 0xcbf29ce484222325ULL;
};

/// The digest as it was written out field by field before the table existed.
std::uint64_t reference_digest(const RunResult& r) {
  Reference h;
  h.raw(r.run);
  h.raw(r.seed);
  h.raw(r.replicate);
  h.vec(r.escalation);
  h.vec(r.fatalities);
  h.vec(r.attacks_daily);
  h.vec(r.hostility);
  h.vec(r.posts_held);
  h.vec(r.crossing_open);
  h.vec(r.trade_flow_usd);
  h.vec(r.ceasefire);
  h.raw(r.peak_escalation);
  h.raw(r.conflict_days);
  h.raw(r.first_ceasefire_day);
  h.raw(r.ceasefire_breakdowns);
  h.raw(r.attacks);
  h.raw(r.trade_lost_usd);
  h.vec(r.posts_captured);
  h.vec(r.crossing_closed_days);
  h.vec(r.fatalities_total);
  h.vec(r.final_hostility);
  h.vec(r.mediation_active);
  h.vec(r.talks_rounds);
  h.vec(r.displaced);
  h.vec(r.active_share);
  h.vec(r.legitimacy);
  h.vec(r.refugees);
  h.vec(r.returnees_daily);
  h.vec(r.sanctuary_tolerance);
  h.vec(r.cells);
  h.vec(r.fighters);
  h.vec(r.exports_lost_usd);
  h.raw(r.reached_rung8);
  h.raw(r.peak_displaced);
  h.raw(r.returnees);
  for (const auto& e : r.events) {
    h.raw(e.day);
    h.raw(e.actor);
    h.raw(e.target);
    h.text(e.cameo);
    h.raw(e.quad_class);
    h.raw(e.goldstein);
    h.text(e.location);
    h.text(e.acled_sub_event_type);
    h.raw(e.lat);
    h.raw(e.lon);
    for (std::int32_t v : {e.forces, e.civilians, e.militants, e.claim_actor_own,
                           e.claim_actor_enemy, e.claim_target_own, e.claim_target_enemy,
                           e.injured_forces, e.injured_civilians, e.injured_militants}) {
      h.raw(v);
    }
  }
  if (r.events_dropped > 0) h.raw(r.events_dropped);
  h.vec(r.injured);  // format version 5: the injured
  h.vec(r.injured_total);
  return h.value();
}

std::uint64_t digest_of(const RunResult& r) {
  Digest d;
  d.add(r);
  return d.value();
}

TEST(Digest, HashesTheFieldsInTheHandWrittenReferenceOrder) {
  for (std::uint64_t dropped : {std::uint64_t{0}, std::uint64_t{42}}) {
    const RunResult r = known_run(dropped);
    EXPECT_EQ(digest_of(r), reference_digest(r)) << "events_dropped = " << dropped;
  }
  // An empty run too: every vector empty (sizes 0), no events.
  EXPECT_EQ(digest_of(RunResult{}), reference_digest(RunResult{}));
}

TEST(Digest, TwoRunsAddUpInOrder) {
  Digest d;
  d.add(known_run(0));
  d.add(known_run(5));
  Digest e;
  e.add(known_run(5));
  e.add(known_run(0));
  EXPECT_NE(d.value(), e.value());
}

/// Changes one field of `r` (the one named `name`) so that its bytes differ.
void perturb(RunResult& r, const char* name) {
  for_each_field(r, [&](const FieldInfo& f, auto& member) {
    if (std::strcmp(f.name, name) != 0) return;
    using T = std::remove_cvref_t<decltype(member)>;
    if constexpr (std::is_arithmetic_v<T>) {
      member = static_cast<T>(member + 1);
    } else {
      member.emplace_back();
    }
  });
}

// Every field with a digest rank reaches the digest; those without one do not.
TEST(Digest, CoversExactlyTheFieldsWithADigestRank) {
  const RunResult base = known_run(3);
  const std::uint64_t want = digest_of(base);
  for (const FieldInfo& f : kResultFields) {
    RunResult changed = base;
    perturb(changed, f.name);
    if (f.digest_rank == kNotHashed) {
      EXPECT_EQ(digest_of(changed), want) << f.name << " is hashed but should not be";
    } else {
      EXPECT_NE(digest_of(changed), want) << f.name << " is not hashed";
    }
  }
}

// The days that were added after the digest (they are derived from hashed series) and the
// plausibility diagnostics (they only read the run) are not hashed.
TEST(Digest, LeavesOutDerivedDaysAndThePlausibilityDiagnostics) {
  std::vector<std::string> not_hashed;
  for (const FieldInfo& f : kResultFields) {
    if (f.digest_rank == kNotHashed) not_hashed.emplace_back(f.name);
  }
  EXPECT_EQ(not_hashed,
            (std::vector<std::string>{"first_conflict_day", "first_ceasefire_after_conflict_day",
                                      "strike_sites_intercepted", "aircraft_lost", "fire_exchanges",
                                      "measure_days", "coercion_cost_usd", "nuclear_signals",
                                      "first_strike_day", "first_ceasefire_after_strike_day",
                                      "peak_district_active_share", "implausible"}));
}

}  // namespace
}  // namespace flashpoint
