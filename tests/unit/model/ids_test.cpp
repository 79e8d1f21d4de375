// Typed ids (src/model/ids.hpp): an index of one kind cannot stand for another, and the lookups
// between kinds (Shared) give the scenario's answers.
#include "model/ids.hpp"

#include <type_traits>

#include <gtest/gtest.h>

#include "model/world.hpp"
#include "scenario/loader.hpp"

namespace flashpoint {
namespace {

// What compiles and what does not, checked when this file compiles.
template <class T>
concept LooksUpStateOf = requires(const Shared& sh, T id) {
  sh.state_of(id);
};
template <class T>
concept LooksUpActorOf = requires(const Shared& sh, T id) {
  sh.actor_of(id);
};
template <class T>
concept LooksUpGroupOf = requires(const Shared& sh, T id) {
  sh.group_of(id);
};

static_assert(LooksUpStateOf<ActorId> && LooksUpStateOf<DistrictId>);
static_assert(!LooksUpStateOf<int> && !LooksUpStateOf<StateId> && !LooksUpStateOf<GroupId>);
static_assert(LooksUpActorOf<StateId> && LooksUpActorOf<GroupId>);
static_assert(!LooksUpActorOf<int> && !LooksUpActorOf<ActorId> && !LooksUpActorOf<DistrictId>);
static_assert(LooksUpGroupOf<ActorId> && !LooksUpGroupOf<int> && !LooksUpGroupOf<StateId>);
// An int becomes an id only by naming its kind; an id of one kind never becomes another, even
// written out; an id reads as its position.
static_assert(!std::is_convertible_v<int, StateId>);
static_assert(std::is_constructible_v<StateId, int>);
static_assert(!std::is_constructible_v<StateId, ActorId>);
static_assert(!std::is_constructible_v<ActorId, GroupId>);
static_assert(std::is_convertible_v<DistrictId, int>);
static_assert(!StateId{}.valid() && StateId{0}.valid());

TEST(TypedIds, LookupsFollowTheScenario) {
  const Scenario sc = load_scenario(std::string(FLASHPOINT_TEST_DATA_DIR) + "/layer2.yaml");
  const Shared sh(sc);
  ASSERT_EQ(sh.num_states(), static_cast<int>(sc.states().size()));
  ASSERT_EQ(sh.num_groups(), static_cast<int>(sc.armed_groups().size()));
  ASSERT_GT(sh.num_groups(), 0);
  for (int i = 0; i < sh.num_states(); ++i) {
    const ActorId a = sh.actor_of(StateId{i});
    EXPECT_EQ(a.value, sc.states()[static_cast<std::size_t>(i)]);
    EXPECT_EQ(sh.state_of(a).value, i);  // the round trip
    EXPECT_FALSE(sh.group_of(a).valid());
  }
  for (int g = 0; g < sh.num_groups(); ++g) {
    const ActorId a = sh.actor_of(GroupId{g});
    EXPECT_EQ(sh.group_of(a).value, g);
    EXPECT_FALSE(sh.state_of(a).valid());  // a group is not a state
    EXPECT_EQ(sh.host_of(GroupId{g}), sh.state_of(ActorId{sc.actors[a].armed_group.host}));
    EXPECT_TRUE(sh.host_of(GroupId{g}).valid());
  }
  for (std::size_t d = 0; d < sc.districts.size(); ++d) {
    EXPECT_EQ(sh.state_of(DistrictId{d}), sh.state_of(ActorId{sc.districts[d].state}));
  }
  EXPECT_FALSE(sh.state_of(ActorId{-1}).valid());  // no actor: no state, and no out-of-range read
}

}  // namespace
}  // namespace flashpoint
