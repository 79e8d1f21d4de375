// Posts taken in a round of fighting go back to their owner under a ceasefire between the two
// (recover_forces in src/model/actions.cpp; docs/model.md, "Operations: posts and clashes").
#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "model/phases.hpp"
#include "model/world.hpp"
#include "scenario/loader.hpp"

namespace flashpoint {
namespace {

const std::string kLayer2 = std::string(FLASHPOINT_TEST_DATA_DIR) + "/layer2.yaml";

/// layer2's world on day 0 with its first post captured by the other state of its line.
struct Captured {
  explicit Captured(double handback_rate) : sc(load_scenario(kLayer2, {})) {
    sc.operations.handback_rate = handback_rate;
    w = std::make_unique<World>(sc, 3);
    prepare_result(*w);
    w->day = 0;
    PostColumns& p = w->ops.posts;
    owner = p.owner[0];
    captor = 1 - owner;
    p.controller[0] = captor;
    p.garrison[0] = 2;
  }
  void ceasefire(bool on) { w->diplomacy.ceasefire[w->dyad(owner, captor)] = on ? 1 : 0; }
  std::size_t events(const char* cameo) const {
    return static_cast<std::size_t>(
        std::count_if(w->result.events.begin(), w->result.events.end(),
                      [cameo](const EventRecord& e) { return e.cameo == cameo; }));
  }
  void recover() {
    Ledger ledger = w->ledger();
    recover_forces(*w, w->diplomacy, w->ops.posts, w->rng, ledger);
  }
  Scenario sc;
  std::unique_ptr<World> w;
  int owner = 0, captor = 0;
};

TEST(Handback, UnderACeasefireThePostGoesBackToItsOwnerAtFullStrength) {
  Captured c(1.0);
  ASSERT_EQ(c.sc.states().size(), 2u);
  c.ceasefire(true);
  c.recover();
  const PostColumns& p = c.w->ops.posts;
  EXPECT_EQ(p.controller[0], c.owner);
  EXPECT_EQ(p.garrison[0], p.full_garrison[0]);
  ASSERT_EQ(c.events("0874"), 1u);
  const EventRecord& e = c.w->result.events.back();
  EXPECT_EQ(e.actor, c.w->actor_of(StateId{c.captor}).value);  // the captor withdraws
  EXPECT_EQ(e.target, c.w->actor_of(StateId{c.owner}).value);
  EXPECT_EQ(e.goldstein, 10.0);
  EXPECT_EQ(e.acled_sub_event_type, "Non-violent transfer of territory");
  // The owner receives it as cooperation from the captor, in today's hostility update: the
  // hand-back comes before update_hostility in the day.
  EXPECT_EQ(c.w->today.received_cooperation(c.owner, c.captor), 10.0);
  const auto phases = daily_phases();
  const auto at = [&](std::string_view name) {
    return std::find_if(phases.begin(), phases.end(),
                        [&](const Phase& phase) { return phase.name == name; }) -
           phases.begin();
  };
  EXPECT_LT(at("recover_forces"), at("update_hostility"));
}

TEST(Handback, WithoutACeasefireOrAtRateZeroTheCaptorKeepsIt) {
  Captured war(1.0);
  war.ceasefire(false);
  war.recover();
  EXPECT_EQ(war.w->ops.posts.controller[0], war.captor);
  EXPECT_EQ(war.events("0874"), 0u);

  Captured never(0.0);
  never.ceasefire(true);
  never.recover();
  EXPECT_EQ(never.w->ops.posts.controller[0], never.captor);
  EXPECT_EQ(never.events("0874"), 0u);
}

TEST(Handback, AtTheDefaultRateHalfTheCapturesGoBackInAboutThreeWeeks) {
  // P(still held after d days) = (1 - 0.03)^d: the median hand-back is ln 2 / -ln 0.97 = 22.8
  // days. Counted over 400 worlds with different seeds (binomial sd of the count about 10).
  int back_by_day_22 = 0;
  for (std::uint64_t seed = 1; seed <= 400; ++seed) {
    Captured c(0.03);
    c.w = std::make_unique<World>(c.sc, seed);
    prepare_result(*c.w);
    c.w->ops.posts.controller[0] = c.captor;
    c.ceasefire(true);
    for (int day = 0; day < 22; ++day) {
      c.w->day = day;
      c.recover();
    }
    back_by_day_22 += c.w->ops.posts.controller[0] == c.owner ? 1 : 0;
  }
  // Expected 400 * (1 - 0.97^22) = 195.5.
  EXPECT_NEAR(back_by_day_22, 195.5, 40);
}

}  // namespace
}  // namespace flashpoint
