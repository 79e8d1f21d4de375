#pragma once
// Geography: relations between states, districts, border sectors with their posts, and crossings.
// Each struct is followed by the descriptor of its parameters (params.hpp): adding a parameter
// means adding the field and its row here. In-class initialisers equal the rows' defaults (a
// unit test checks it); required rows have none (0) and fields without a row (ids, references)
// are set by the loader.
#include <string>
#include <vector>

#include "scenario/params.hpp"

namespace flashpoint {

/// Directed relation from one state to another (Richardson terms of H_ij).
struct Relation {
  int from = -1, to = -1;  ///< actor indices (states)
  double initial_hostility = 1.0;
  double reaction = 0.02;           ///< k_ij
  double grievance = 0.05;          ///< g_ij, per day
  bool military_channel = false;    ///< a standing channel between the two militaries (symmetric)
  bool ceasefire_at_start = false;  ///< a ceasefire between the two is in force at day 0
  double overflight_fees_usd_per_day =
      0;                             ///< fees `from` loses while its airspace is closed to `to`
  double rerouting_usd_per_day = 0;  ///< what `to` pays a day to fly around it meanwhile
};

namespace params {
inline constexpr auto kRelation = param_section<Relation>(
    "relation", "relations[]",
    {
        {"initial_hostility", &Relation::initial_hostility, kNumber, 1.0, 0, 1000, "hostility",
         "H_ij at day 0", "assumption"},
        {"reaction", &Relation::reaction, kNumber, 0.02, 0, 1, "1/day", "Richardson reaction k_ij",
         "assumption"},
        {"grievance", &Relation::grievance, kNumber, 0.05, 0, 100, "hostility/day",
         "Richardson grievance g_ij", "assumption"},
        {"military_channel", &Relation::military_channel, kBoolean, 0, 0, 1, "-",
         "the two militaries' operations directorates keep a hotline "
         "with its own talks (either direction sets it for the pair)",
         "scenario input"},
        {"ceasefire_at_start", &Relation::ceasefire_at_start, kBoolean, 0, 0, 1, "-",
         "a ceasefire between the two is in force at day 0, unmonitored (either direction sets "
         "it for the pair)",
         "scenario input: none unless the file says"},
        {"overflight_fees_usd_per_day", &Relation::overflight_fees_usd_per_day, kNumber, 0, 0, kBig,
         "USD/day",
         "overflight fees `from` earns from `to`'s aircraft, lost while `from` closes its "
         "airspace to them (close_airspace)",
         "scenario input"},
        {"rerouting_usd_per_day", &Relation::rerouting_usd_per_day, kNumber, 0, 0, kBig, "USD/day",
         "what `to`'s airlines pay a day to fly around `from`'s airspace while it is closed to "
         "them",
         "scenario input"},
    });
}  // namespace params

struct District {
  std::string id, name;
  int state = -1;           ///< actor index
  double lat = 0, lon = 0;  ///< required: no default
  double population = 0;
  double attack_rate_per_day = 0;   ///< exogenous armed-group attacks (besides cells)
  int attack_group = -1;            ///< actor index of the armed group behind them; -1 if none
  double security_presence = 0.02;  ///< security forces per citizen (Epstein's cop density)
  double legitimacy = 0.7;          ///< legitimacy of the governing authority at the start, [0,1]
  double trade_dependence = 0;      ///< share of livelihoods tied to cross-border trade, [0,1]
  double receiving_capacity = 0;    ///< returnees per 30 days it absorbs without strain
  double return_share = 0;          ///< relative share of returnees who settle here
  double target_weight = 1;         ///< relative attractiveness as an attack target
};

namespace params {
inline constexpr auto kDistrict = param_section<District>(
    "district", "districts[]",
    {
        {"lat", &District::lat, kNumber, 0, -90, 90, "degrees", "latitude of the centroid",
         "scenario input", true},
        {"lon", &District::lon, kNumber, 0, -180, 180, "degrees", "longitude of the centroid",
         "scenario input", true},
        {"population", &District::population, kNumber, 0, 0, 1e10, "people", "population",
         "scenario input"},
        {"attack_rate_per_day", &District::attack_rate_per_day, kNumber, 0, 0, 100, "attacks/day",
         "armed-group attacks per day given as an input (beside those of cells)", "scenario input"},
        {"security_presence", &District::security_presence, kNumber, 0.02, 0, 1, "per citizen",
         "security forces per citizen (Epstein's cop density)", "assumption"},
        {"legitimacy", &District::legitimacy, kNumber, 0.7, 0, 1, "-",
         "legitimacy of the governing authority at the start (Epstein's L)",
         "calibrated: active citizens a few percent (MODEL.md: 0.6-0.9)"},
        {"trade_dependence", &District::trade_dependence, kNumber, 0, 0, 1, "-",
         "share of livelihoods tied to cross-border trade", "scenario input"},
        {"receiving_capacity", &District::receiving_capacity, kNumber, 0, 0, 1e9, "people/30 days",
         "returnees it absorbs in 30 days without strain", "scenario input"},
        {"return_share", &District::return_share, kNumber, 0, 0, 1e6, "-",
         "relative share of returnees who settle here", "scenario input"},
        {"target_weight", &District::target_weight, kNumber, 1, 0, 1e6, "-",
         "relative attractiveness as an attack target", "scenario input"},
    });
}  // namespace params

struct PostGroup {
  int side = -1;               ///< actor index of the state that holds these posts at the start
  int count = 0;               ///< required: no default
  double garrison = 10;        ///< soldiers per post
  double fortification = 0.5;  ///< [0,1]
};

/// The district on one side of a sector.
struct SectorSide {
  int state = -1;     ///< actor index
  int district = -1;  ///< district index
};

struct Sector {
  std::string id, name;
  double length_km = 0;           ///< required: no default
  double lat = 0, lon = 0;        ///< required: no default
  std::vector<SectorSide> sides;  ///< one per state on the line, in file order
  std::vector<PostGroup> posts;
  double incident_propensity = 1;  ///< incidents here relative to talks.incident_rate
};

namespace params {
inline constexpr auto kSector = param_section<Sector>(
    "sector", "sectors[]",
    {
        {"length_km", &Sector::length_km, kNumber, 0, 0, 10000, "km", "length of the sector",
         "scenario input", true},
        {"lat", &Sector::lat, kNumber, 0, -90, 90, "degrees", "latitude of the centroid",
         "scenario input", true},
        {"lon", &Sector::lon, kNumber, 0, -180, 180, "degrees", "longitude of the centroid",
         "scenario input", true},
        {"incident_propensity", &Sector::incident_propensity, kNumber, 1, 0, 1000, "-",
         "border incidents in this sector relative to talks.incident_rate "
         "(0: a quiet sector; 5: five times the line's rate)",
         "scenario input: every sector alike unless the file says"},
    });

inline constexpr auto kPosts = param_section<PostGroup>(
    "posts", "sectors[].posts[]",
    {
        {"count", &PostGroup::count, kInteger, 0, 0, 10000, "posts",
         "posts of this side in the sector", "scenario input", true},
        {"garrison", &PostGroup::garrison, kNumber, 10, 1, 1e5, "soldiers",
         "soldiers per post at the start", "calibrated: target 3, first clash round"},
        {"fortification", &PostGroup::fortification, kNumber, 0.5, 0, 1, "-",
         "share of incoming fire absorbed", "assumption"},
    });
}  // namespace params

/// What a strike can be aimed at (issue 15): the kind of a site on the scenario's map.
enum class SiteKind {
  kAirBase,
  kMilitaryBase,
  kHeadquarters,
  kMilitantCamp,
  kCity,
  kInfrastructure
};
/// The classes of targets a strike action chooses among (docs/model.md 7.14).
enum class TargetClass { kMilitary, kMilitant, kPopulation };
[[nodiscard]] constexpr TargetClass target_class(SiteKind k) {
  switch (k) {
    case SiteKind::kAirBase:
    case SiteKind::kMilitaryBase:
    case SiteKind::kHeadquarters:
      return TargetClass::kMilitary;
    case SiteKind::kMilitantCamp:
      return TargetClass::kMilitant;
    case SiteKind::kCity:
    case SiteKind::kInfrastructure:
      return TargetClass::kPopulation;
  }
  return TargetClass::kPopulation;
}

/// A place a strike can hit: its kind, the district it lies in (and so its state) and its
/// coordinates (the district's centroid unless given). Read by hand (no parameter rows).
struct Site {
  std::string id, name;
  SiteKind kind = SiteKind::kMilitaryBase;
  int district = -1;  ///< district index
  double lat = 0, lon = 0;
};

struct Crossing {
  std::string id, name;
  int sector = -1;
  /// By actor index: goods that state sends across (read by hand: a map keyed by state ids).
  std::vector<double> exports_usd_per_day;
  double people_per_day = 0;
  /// Actor index of the state that closed it before day 0 (`closed_at_start: STATE`); -1: open.
  int closed_at_start = -1;
  int reopen_not_before = -1;  ///< day index before which it does not reopen; -1: any day
};

namespace params {
inline constexpr auto kCrossing = param_section<Crossing>(
    "crossing", "crossings[]",
    {
        // A map (state id -> value), read by the crossing reader into exports_usd_per_day.
        {"exports_usd_per_day", kReadByHand, kNumber, 0, 0, kBig, "USD/day",
         "goods each side sends across (a map: state id -> value)", "scenario input"},
        {"people_per_day", &Crossing::people_per_day, kNumber, 0, 0, 1e8, "people/day",
         "people crossing daily", "scenario input"},
    });
}  // namespace params

}  // namespace flashpoint
