#pragma once
// Typed indices (docs/architecture.md, "Typed ids"). The model counts four kinds of things by
// position: actors (Scenario::actors), states (position in Scenario::states()), armed groups
// (position in Scenario::armed_groups()) and districts (Scenario::districts). An Id of one kind
// cannot be passed where another kind is meant: the lookups between kinds (Shared::state_of,
// Shared::actor_of, ...) take typed ids, and an int becomes an id only by naming its kind,
// e.g. StateId{i}. An id reads as its int wherever a column or a matrix is indexed.
#include <concepts>

namespace flashpoint {

template <class Kind>
struct Id {
  int value = -1;  ///< the position; -1 when there is none (e.g. the state of a non-state actor)

  constexpr Id() = default;
  /// From a position of any integer type (a loop counter, a scenario field).
  template <std::integral I>
  constexpr explicit Id(I v) : value(static_cast<int>(v)) {}
  /// An id of another kind is not this kind, even written out: StateId{actor} does not compile.
  template <class Other>
  Id(Id<Other>) = delete;
  /// Columns, Eigen matrices and comparisons with ints see the position.
  constexpr operator int() const { return value; }  // NOLINT(google-explicit-constructor)
  [[nodiscard]] constexpr bool valid() const { return value >= 0; }
};

struct ActorKind;
struct StateKind;
struct GroupKind;
struct DistrictKind;
using ActorId = Id<ActorKind>;        ///< index into Scenario::actors
using StateId = Id<StateKind>;        ///< position in Scenario::states()
using GroupId = Id<GroupKind>;        ///< position in Scenario::armed_groups()
using DistrictId = Id<DistrictKind>;  ///< index into Scenario::districts

}  // namespace flashpoint
