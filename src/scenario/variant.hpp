#pragma once
// Variants of a loaded scenario made by setting typed values: a sweep's design point or a
// comparison's ensemble member is its base scenario with a few parameters changed. Instead of
// patching the base's YAML and reading the whole scenario again, each override is set on a copy
// of the base through the member pointer of its descriptor row (params.hpp), checked as the loader
// checks it: the loader's own reading of the value (type, then the row's range), then the checks
// across fields the loader makes once everything is read (cross_checks.hpp). The resolved
// parameters (Scenario::resolved) are updated as the loader would have recorded them.
//
// Which overrides are set typed (docs/architecture.md, "Variants of a sweep or comparison"): a
// path of ids and keys only, ending in a descriptor row that has a member, in one of the forms
//
//   strategic|utility|operations|insurgency|population|talks.KEY
//   ladder.ACTION.KEY
//   actors.ID.KEY                 (a row of the actor's type: state, armed_group or mediator)
//   actors.ID.doctrine.KEY        (a state's retaliation doctrine)
//   districts.ID.KEY   sectors.ID.KEY   crossings.ID.KEY   attack_types.ID.KEY
//   policies.NAME.KEY             (a lever of the policy's type)
//   policies.NAME.doctrine.KEY    (retaliation_doctrine)
//   policies.NAME.phases.NAME.KEY (a named deportation phase)
//
// where every ID and NAME is one the base scenario has. Everything else takes the YAML route
// (ScenarioSource::instantiate): list items by index (relations[0], refugees[0], cells, posts,
// events, unnamed phases), rows read by hand (mediator leverage, crossing exports, seed,
// max_events_per_run), values that are not rows (days, dates, names, ids, references, policy
// starts), whole maps or items, and items added to a list. set_typed() refuses a variant it
// cannot make, or one whose values the loader would refuse: the caller then takes the YAML route
// with the same overrides, which reports the problem exactly where and how it always has.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/loader.hpp"
#include "scenario/scenario.hpp"

namespace flashpoint {

/// A scenario read from YAML once, onto which typed variants are set.
struct TypedBase {
  Scenario scenario;
  /// The top-level keys of the tree it was read from, in order: a variant that sets a value in a
  /// section the file leaves out orders Scenario::resolved as the YAML route would (that route
  /// adds the section's key at the end of the file).
  std::vector<std::string> top_keys;
};

/// `source` with `overrides`, read through the YAML route (throws InputError as instantiate()).
[[nodiscard]] TypedBase read_typed_base(const ScenarioSource& source,
                                        std::span<const Override> overrides = {});

/// Whether an override of `path` would be set typed on `base` (see the rule above). The value
/// is not looked at: set_typed() may still refuse a value the loader would refuse.
[[nodiscard]] bool is_typed_path(const Scenario& base, std::string_view path);

/// The base scenario with `overrides` set, in order, through the descriptors' member pointers,
/// equal to what the YAML route gives for the base's own overrides followed by these. nullopt
/// when an override is not typed (is_typed_path) or its value or the variant fails a check of
/// the loader; then `refused` (when given) says which and why, and the caller should take the
/// YAML route, which reports it. Safe to call from several threads at once.
[[nodiscard]] std::optional<Scenario> set_typed(const TypedBase& base,
                                                std::span<const Override> overrides,
                                                std::string* refused = nullptr);

}  // namespace flashpoint
