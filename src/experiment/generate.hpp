#pragma once
// `flashpoint generate`: a large synthetic scenario for benchmarks and tests (issue 6).
//
// The scenario is written from scratch by generate_scenario_yaml(), with invented names only
// (states NTH and STH, armed group GRP hosted by STH, mediators MED and REG, districts d001...,
// sectors s001..., crossings x001...). It has the same layers as the seed scenario, so that a run
// exercises every sub-model: two states with retaliation doctrines, relations, an armed group
// with cells on both sides, two mediators (one a regional power), districts with citizens,
// sectors with posts on both sides, crossings with trade and traffic, attack types, scripted
// events, refugees, and one policy of every type (mediation, border commission, economic
// corridor, public diplomacy, retaliation doctrine, border closure, deportation,
// counter-insurgency, regional pressure).
//
// Geography. The border runs west to east along latitude kGenerateBorderLat, from longitude
// kGenerateWestLon. NTH lies north of it, STH south. Each side's districts are spread evenly along
// the line (0.25 degrees of longitude apart on the more crowded side); sector k sits at
// (k + 1/2) / S of the line and faces, on each side, the district whose stretch contains it
// (so S must not exceed the districts of the smaller side, STH: floor(D/2)). Districts that face
// a sector lie 0.3 degrees from the line, the others 0.9 degrees. A crossing lies on sector 1
// and every fourth sector after it (sector 0 when there is only one).
//
// Populations. District i (0-based, in file order: NTH first, then STH) has
//   base_i = 500,000 + (617,723 i mod 1,000,003) people,
// between 0.5 and 1.5 million (a fixed, deterministic spread, mean about 1 million), times
// m = max(1, ceil(citizens / sum of base_i)) so that an agent never stands for fewer than one
// person. population.people_per_agent w is then chosen so that the citizen agents the model
// creates, sum over districts of round(population_i / w) (src/model/society.cpp,
// init_society), equal --citizens. Since that sum falls by one district at a time as w grows,
// the count is exact unless several districts cross a rounding boundary at the same w (a
// coincidence of the integer populations); it is never off by more than D/2. The exact count is
// written in a comment at the top of the file and returned by plan_citizens().
//
// Days: the scripted events fall on days 2 and 3, `free_from` is day 5, and every policy starts
// on day 0, on day 5 or on a trigger: every day the file names is at most 5 (or the last day
// when the run is shorter), so the file stays valid under `flashpoint run --days N` for N >= 6.
//
// Determinism: the text depends only on the options; nothing is random. --seed becomes the
// scenario's master seed (the seed of its runs), and nothing else.
#include <cstdint>
#include <string>
#include <vector>

#include "core/rng.hpp"

namespace flashpoint {

struct GenerateOptions {
  std::int64_t citizens = 1'000'000;  ///< citizen agents wanted
  int districts = 40;                 ///< total, NTH gets ceil(D/2), STH floor(D/2)
  int sectors = 20;                   ///< 1 to floor(D/2)
  int cells = 20;                     ///< armed-group cells at the start
  int days = 100;                     ///< length of the run
  std::uint64_t seed = 1;             ///< the scenario's master seed
};

// Limits of the options (checked by check_generate_options).
inline constexpr std::int64_t kGenerateMaxCitizens = 1'000'000'000;
inline constexpr int kGenerateMinDistricts = 2;
inline constexpr int kGenerateMaxDistricts = 1000;
inline constexpr int kGenerateMaxCells = 100'000;
inline constexpr int kGenerateMaxDays = 36500;
inline constexpr std::uint64_t kGenerateMaxSeed = kMaxSeed;  ///< the seed's range
inline constexpr double kGenerateBorderLat = 12.0;
inline constexpr double kGenerateWestLon = 10.0;

/// Throws InputError (file "generate", key the option, e.g. "--sectors") listing every option
/// outside its range: citizens 1 to 1e9, districts 2 to 1000, sectors 1 to floor(districts / 2),
/// cells 0 to 100,000, days 1 to 36,500, seed 0 to 9e15.
void check_generate_options(const GenerateOptions& o);

/// How the citizens come out: district populations, the sampling weight, and the agent count.
struct CitizenPlan {
  std::vector<std::int64_t> populations;  ///< [district], in file order
  double people_per_agent = 0;            ///< population.people_per_agent
  std::int64_t citizens = 0;  ///< sum of round(population / people_per_agent): what runs create
  std::int64_t people = 0;    ///< sum of populations
};

/// The populations and weight of the scenario for these options (checks them first).
[[nodiscard]] CitizenPlan plan_citizens(const GenerateOptions& o);

/// Citizen agents the model creates for these populations and this weight, computed as
/// init_society does: sum of llround(population / weight).
[[nodiscard]] std::int64_t citizen_agents(const std::vector<std::int64_t>& populations,
                                          double people_per_agent);

/// The scenario file, YAML text (schema version 1). Pure: same options, same bytes. Throws
/// InputError on options outside their ranges.
[[nodiscard]] std::string generate_scenario_yaml(const GenerateOptions& o);

}  // namespace flashpoint
