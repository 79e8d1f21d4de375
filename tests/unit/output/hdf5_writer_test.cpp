// ResultsWriter: writes a synthetic layout and runs, then reads the file back with the HDF5 C API
// (not with the code under test) and checks exact values, layout and the temporary-file rules.
#include "output/hdf5_writer.hpp"
#include "output/hdf5_writer_impl.hpp"
#include "output/output_target.hpp"

#include <hdf5.h>
#include <hdf5_hl.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <numeric>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "model/result_fields.hpp"
#include "model/results.hpp"
#include "scenario/scenario.hpp"

namespace flashpoint {
namespace {

namespace fs = std::filesystem;

constexpr std::int64_t kRuns = 3;
constexpr std::int32_t kDays = 5;

ResultsLayout make_layout(std::vector<std::string> crossings = {}) {
  ResultsLayout layout;
  layout.days = kDays;
  for (int d = 0; d < kDays; ++d) layout.dates.push_back("2026-03-0" + std::to_string(d + 1));
  layout.actors = {"PAK", "AFG", "TTP-with-a-long-id", "HGB"};
  layout.states = {"PAK", "AFG"};
  layout.categories = {"PAK.forces", "AFG.forces", "civilians"};
  layout.crossings = std::move(crossings);
  layout.dyads = {"PAK>AFG", "AFG>PAK"};
  layout.groups = {"TTP-with-a-long-id", "HGB"};
  return layout;
}

Provenance make_provenance() {
  Provenance p;
  p.command_line = "flashpoint run test.yaml --seed 7";
  p.master_seed = 18446744073709551557ULL;  // needs all 64 bits
  p.scenario_name = "synthetic";
  p.scenario_path = "tests/synthetic.yaml";
  p.scenario_yaml = "name: synthetic\n# " + std::string(70000, 'x') + "\n";  // > 64 KiB
  p.resolved_parameters = {{"actors.PAK.rationality", "0.8"}, {"days", "5"}};
  p.start_date = "2026-03-01";
  return p;
}

/// A run whose outcomes agree with its series, as the model's do (read_results.py checks this).
RunResult make_run(const ResultsLayout& layout, std::int64_t r) {
  const auto days = static_cast<std::size_t>(layout.days);
  const auto categories = layout.categories.size();
  const auto dyads = layout.dyads.size();
  const auto states = layout.states.size();
  const auto crossings = layout.crossings.size();
  const auto groups = layout.groups.size();
  const auto ri = static_cast<int>(r);
  RunResult run;
  run.run = r;
  run.seed = 1000003ULL * static_cast<std::uint64_t>(r + 1);
  run.replicate = ri;
  run.fatalities_total.assign(categories, 0);
  run.injured_total.assign(categories, 0);
  for (std::size_t d = 0; d < days; ++d) {
    const int di = static_cast<int>(d);
    run.escalation.push_back(static_cast<std::int8_t>((ri * 2 + di * 3) % 10));
    run.attacks_daily.push_back(ri + di);
    run.trade_flow_usd.push_back(1.0e6 * (ri + 1) + 0.25 * di);
    // run 0: never; run 1: from day 2; run 2: from day 4
    run.ceasefire.push_back(r > 0 && di >= 2 * ri ? 1 : 0);
    for (std::size_t c = 0; c < categories; ++c) {
      run.fatalities.push_back(ri * 100 + di * 10 + static_cast<int>(c));
      run.fatalities_total[c] += run.fatalities.back();
      run.injured.push_back(ri * 50 + di * 5 + 2 * static_cast<int>(c));
      run.injured_total[c] += run.injured.back();
    }
    for (std::size_t k = 0; k < dyads; ++k)
      run.hostility.push_back(ri + 0.5 * di + 0.125 * static_cast<double>(k));
    for (std::size_t s = 0; s < states; ++s)
      run.posts_held.push_back(10 + ri + di + static_cast<int>(s));
    for (std::size_t x = 0; x < crossings; ++x) run.crossing_open.push_back((d + x) % 2 ? 1 : 0);
    // model layer 2 (format version 2)
    run.mediation_active.push_back((d + static_cast<std::size_t>(r)) % 2 ? 1 : 0);
    run.talks_rounds.push_back(ri * di);
    for (std::size_t s = 0; s < states; ++s) {
      const double si = static_cast<double>(s);
      run.displaced.push_back(1000.5 * (ri + 1) + 10.0 * di + si);
      run.active_share.push_back(0.015625 * (di + 1) + 0.25 * si);
      run.legitimacy.push_back(0.875 - 0.0625 * di - 0.125 * si - 0.03125 * ri);
      run.refugees.push_back(500.0 * ri + 25.0 * di + si);
      run.returnees_daily.push_back(0.5 * di + si + ri);
    }
    for (std::size_t g = 0; g < groups; ++g) {
      const double gi = static_cast<double>(g);
      run.sanctuary_tolerance.push_back(0.75 - 0.125 * di + 0.0625 * gi);
      run.cells.push_back(3 + di + static_cast<int>(g) + ri);
      run.fighters.push_back(100.25 * (gi + 1) + di);
    }
    // One event a day carries that day's deaths, so the events add up to the series.
    EventRecord e;
    e.day = di;
    e.actor = di % 3;
    e.target = d % 2 == 0 ? -1 : 0;
    e.cameo = d % 2 == 0 ? "190" : "0871";
    e.quad_class = 4;
    e.goldstein = -10.0 + di;
    e.location = d == 1 ? std::string(40, 'L') : "sector-" + std::to_string(d);
    e.lat = d == 3 ? std::numeric_limits<double>::quiet_NaN() : 34.0 + di;
    e.lon = d == 3 ? std::numeric_limits<double>::quiet_NaN() : 71.0 + di;
    const std::size_t row = d * categories;
    e.forces = run.fatalities[row] + run.fatalities[row + 1];
    e.civilians = run.fatalities[row + 2];
    e.militants = 0;
    e.injured_forces = ri + di;
    e.injured_civilians = 2 * di;
    e.injured_militants = d == 2 ? 5 : 0;
    // The action carried out: strike_sanctuary on day 0, none (an outcome) on the others.
    e.action = d == 0 ? static_cast<std::int8_t>(action_index(Action::kStrikeSanctuary)) : -1;
    // Announced losses: clashes (even days) claimed by the actor, day 3 by the target only,
    // day 1 by nobody (all -1). A claim of 0 is a claim, not "none".
    if (d % 2 == 0) {
      e.claim_actor_own = ri * 7 + di;
      e.claim_actor_enemy = ri * 7 + di + 3;
    }
    if (d == 3) {
      e.claim_target_own = 0;
      e.claim_target_enemy = 42 + ri;
    }
    run.events.push_back(e);
  }
  run.peak_escalation = *std::max_element(run.escalation.begin(), run.escalation.end());
  run.conflict_days = static_cast<std::int32_t>(
      std::count_if(run.escalation.begin(), run.escalation.end(), [](auto v) { return v >= 6; }));
  run.first_ceasefire_day = -1;
  for (std::size_t d = 0; d < days; ++d) {
    if (run.ceasefire[d] == 1) {
      run.first_ceasefire_day = static_cast<std::int32_t>(d);
      break;
    }
  }
  run.ceasefire_breakdowns = ri;
  run.attacks = std::accumulate(run.attacks_daily.begin(), run.attacks_daily.end(), 0);
  run.trade_lost_usd = 1234.5 * ri;
  for (std::size_t s = 0; s < states; ++s) {
    run.posts_captured.push_back(ri * static_cast<int>(s + 1));
    run.strike_sites_intercepted.push_back(ri + static_cast<int>(s));
    run.aircraft_lost.push_back(static_cast<int>(s));
    run.fire_exchanges.push_back(3 * static_cast<int>(s));
    run.measure_days.push_back(5 * static_cast<int>(s));
    run.coercion_cost_usd.push_back(1.5e5 * static_cast<double>(s));
    run.nuclear_signals.push_back(static_cast<int>(s));
  }
  run.crossing_closed_days.assign(crossings, ri);
  run.final_hostility.assign(run.hostility.end() - static_cast<std::ptrdiff_t>(dyads),
                             run.hostility.end());
  run.reached_rung8 = run.peak_escalation >= 8 ? 1 : 0;
  for (std::size_t d = 0; d < days; ++d) {
    double total = 0;
    for (std::size_t s = 0; s < states; ++s) total += run.displaced[d * states + s];
    run.peak_displaced = std::max(run.peak_displaced, total);
  }
  run.returnees = std::accumulate(run.returnees_daily.begin(), run.returnees_daily.end(), 0.0);
  for (std::size_t s = 0; s < states; ++s)
    run.exports_lost_usd.push_back(100.5 * static_cast<double>(s + 1) * ri);
  return run;
}

void write_file(const std::string& path, const ResultsLayout& layout, std::int64_t runs) {
  ResultsWriter writer(path, layout, make_provenance(), WriterOptions{.runs = runs});
  for (std::int64_t r = 0; r < runs; ++r) writer.write(make_run(layout, r));
  writer.finish();
}

// --- reading back with the plain HDF5 C API ------------------------------------------------------

struct Id {
  hid_t id;
  herr_t (*close)(hid_t);
  ~Id() {
    if (id >= 0) close(id);
  }
  operator hid_t() const { return id; }  // NOLINT(google-explicit-constructor)
};

template <typename T>
std::vector<T> read_dataset(hid_t file, const char* path, hid_t memory_type) {
  Id dataset{H5Dopen2(file, path, H5P_DEFAULT), H5Dclose};
  EXPECT_GE(dataset.id, 0) << path;
  Id space{H5Dget_space(dataset), H5Sclose};
  std::vector<T> values(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space)));
  if (!values.empty()) {
    EXPECT_GE(H5Dread(dataset, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), 0);
  }
  return values;
}

std::vector<hsize_t> shape_of(hid_t file, const char* path) {
  Id dataset{H5Dopen2(file, path, H5P_DEFAULT), H5Dclose};
  Id space{H5Dget_space(dataset), H5Sclose};
  std::vector<hsize_t> dims(static_cast<std::size_t>(H5Sget_simple_extent_ndims(space)));
  H5Sget_simple_extent_dims(space, dims.data(), nullptr);
  return dims;
}

hid_t vlen_string() {
  hid_t type = H5Tcopy(H5T_C_S1);
  H5Tset_size(type, H5T_VARIABLE);
  H5Tset_cset(type, H5T_CSET_UTF8);
  return type;
}

std::vector<std::string> read_strings(hid_t file, const char* path) {
  Id type{vlen_string(), H5Tclose};
  std::vector<char*> raw = read_dataset<char*>(file, path, type);
  std::vector<std::string> out(raw.begin(), raw.end());
  for (char* p : raw) H5free_memory(p);
  return out;
}

std::string read_string_attribute(hid_t object, const char* name) {
  Id attribute{H5Aopen(object, name, H5P_DEFAULT), H5Aclose};
  EXPECT_GE(attribute.id, 0) << name;
  Id type{vlen_string(), H5Tclose};
  char* raw = nullptr;
  EXPECT_GE(H5Aread(attribute, type, &raw), 0) << name;
  std::string out = raw ? raw : "";
  H5free_memory(raw);
  return out;
}

template <typename T>
T read_attribute(hid_t object, const char* name, hid_t memory_type) {
  Id attribute{H5Aopen(object, name, H5P_DEFAULT), H5Aclose};
  T value{};
  EXPECT_GE(H5Aread(attribute, memory_type, &value), 0) << name;
  return value;
}

/// One numeric column of /events (format 8: a 1-D variable per column).
template <typename T>
std::vector<T> read_event_field(hid_t file, const char* field, hid_t member_type) {
  return read_dataset<T>(file, (std::string("events/") + field).c_str(), member_type);
}

/// The width in characters of a text column of /events (its second dimension), or the size in
/// bytes of a numeric one.
std::size_t event_field_size(hid_t file, const char* field) {
  const auto shape = shape_of(file, (std::string("events/") + field).c_str());
  if (shape.size() == 2) return shape[1];
  Id dataset{H5Dopen2(file, (std::string("events/") + field).c_str(), H5P_DEFAULT), H5Dclose};
  Id type{H5Dget_type(dataset), H5Tclose};
  return H5Tget_size(type);
}

/// A text column of /events: characters [event, width], NUL-padded.
std::vector<std::string> read_event_string(hid_t file, const char* field, std::size_t width) {
  EXPECT_EQ(event_field_size(file, field), width) << field;
  Id character{H5Tcopy(H5T_C_S1), H5Tclose};
  H5Tset_size(character, 1);
  H5Tset_strpad(character, H5T_STR_NULLPAD);
  const auto chars = read_dataset<char>(file, (std::string("events/") + field).c_str(), character);
  std::vector<std::string> out;
  for (std::size_t i = 0; i + width <= chars.size(); i += width) {
    const char* start = chars.data() + i;
    out.emplace_back(start, strnlen(start, width));
  }
  return out;
}

class ResultsWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("flashpoint_writer_" + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "results.h5").string();
  }
  void TearDown() override {
    if (file_ >= 0) H5Fclose(file_);
    fs::remove_all(dir_);
  }

  /// Writes the standard file (3 runs, no crossings) and opens it read-only.
  hid_t write_and_open(std::vector<std::string> crossings = {}) {
    layout_ = make_layout(std::move(crossings));
    write_file(path_, layout_, kRuns);
    file_ = H5Fopen(path_.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    EXPECT_GE(file_, 0);
    return file_;
  }
  fs::path dir_;
  std::string path_;
  ResultsLayout layout_;
  hid_t file_ = -1;
};

TEST_F(ResultsWriterTest, StoresFormatAndProvenanceAsRootAttributes) {
  hid_t f = write_and_open();
  EXPECT_EQ(read_string_attribute(f, "format"), "flashpoint-results");
  EXPECT_EQ(read_attribute<std::int32_t>(f, "format_version", H5T_NATIVE_INT32),
            kResultsFormatVersion);
  EXPECT_EQ(kResultsFormatVersion, 8);  // 2: model layer 2; 3: /policy_starts; 4: plausibility;
                                        // 5: the injured; 6: air defence outcomes; 7: measures,
                                        // nuclear signals and the events' action; 8: CF-1.8
  EXPECT_EQ(read_string_attribute(f, "Conventions"), "CF-1.8");
  EXPECT_EQ(read_string_attribute(f, "title"), "Flashpoint results: synthetic");
  EXPECT_EQ(read_string_attribute(f, "history"),
            read_string_attribute(f, "created_utc") + " flashpoint run test.yaml --seed 7");
  EXPECT_FALSE(read_string_attribute(f, "software_version").empty());
  EXPECT_FALSE(read_string_attribute(f, "git_commit").empty());
  const std::string created = read_string_attribute(f, "created_utc");
  EXPECT_EQ(created.size(), 20U) << created;
  EXPECT_EQ(created[10], 'T');
  EXPECT_EQ(created.back(), 'Z');
  EXPECT_EQ(read_string_attribute(f, "command_line"), "flashpoint run test.yaml --seed 7");
  EXPECT_EQ(read_attribute<std::uint64_t>(f, "master_seed", H5T_NATIVE_UINT64),
            18446744073709551557ULL);
  EXPECT_EQ(read_string_attribute(f, "scenario_name"), "synthetic");
  EXPECT_EQ(read_string_attribute(f, "scenario_path"), "tests/synthetic.yaml");
  EXPECT_EQ(read_string_attribute(f, "start_date"), "2026-03-01");
  EXPECT_EQ(read_attribute<std::int64_t>(f, "runs", H5T_NATIVE_INT64), kRuns);
  EXPECT_EQ(read_attribute<std::int32_t>(f, "days", H5T_NATIVE_INT32), kDays);
  EXPECT_EQ(read_string_attribute(f, "status"), "complete");
}

// CF: the "-1 = never" days are the missing value of their variables, the ladder's levels are
// flags named by the reference action of each rung, and other variables have no _FillValue.
TEST_F(ResultsWriterTest, MarksNeverAsMissingAndRungsAsFlags) {
  hid_t f = write_and_open();
  for (const char* name : {"runs/first_ceasefire_day", "runs/first_conflict_day",
                           "runs/first_ceasefire_after_conflict_day", "runs/first_strike_day",
                           "runs/first_ceasefire_after_strike_day"}) {
    Id variable{H5Dopen2(f, name, H5P_DEFAULT), H5Dclose};
    EXPECT_EQ(read_attribute<std::int32_t>(variable, "_FillValue", H5T_NATIVE_INT32), -1) << name;
    EXPECT_EQ(read_attribute<std::int32_t>(variable, "missing_value", H5T_NATIVE_INT32), -1)
        << name;
  }
  Id fatalities{H5Dopen2(f, "runs/fatalities", H5P_DEFAULT), H5Dclose};
  EXPECT_EQ(H5Aexists(fatalities, "_FillValue"), 0);
  const std::string meanings =
      "hold accuse threaten mobilise close_crossings deport strike_sanctuary assault_posts "
      "deep_strike offensive";
  for (const char* name : {"runs/escalation", "runs/peak_escalation"}) {
    Id variable{H5Dopen2(f, name, H5P_DEFAULT), H5Dclose};
    EXPECT_EQ(read_string_attribute(variable, "flag_meanings"), meanings) << name;
    Id attribute{H5Aopen(variable, "flag_values", H5P_DEFAULT), H5Aclose};
    Id space{H5Aget_space(attribute), H5Sclose};
    ASSERT_EQ(H5Sget_simple_extent_npoints(space), 10) << name;
    std::vector<std::int32_t> values(10);
    ASSERT_GE(H5Aread(attribute, H5T_NATIVE_INT32, values.data()), 0);
    EXPECT_EQ(values, (std::vector<std::int32_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9})) << name;
  }
  // Text has no units (an empty one would claim it has).
  Id actor{H5Dopen2(f, "runs/actor", H5P_DEFAULT), H5Dclose};
  EXPECT_EQ(H5Aexists(actor, "units"), 0);
}

// A label per run (a comparison's option_name) is an auxiliary coordinate of every variable
// along `run`, and of nothing else.
TEST_F(ResultsWriterTest, RunLabelsAreAuxiliaryCoordinates) {
  layout_ = make_layout();
  {
    ResultsWriter writer(path_, layout_, make_provenance(), WriterOptions{.runs = kRuns});
    for (std::int64_t r = 0; r < kRuns; ++r) writer.write(make_run(layout_, r));
    writer.write_run_column(
        "option", [](std::int64_t r) { return r / 2; }, "option index");
    writer.write_run_labels(
        "option_name", [](std::int64_t r) { return r < 2 ? "status quo" : "talks"; },
        "option by name");
    writer.finish();
  }
  file_ = H5Fopen(path_.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  ASSERT_GE(file_, 0);
  EXPECT_EQ(read_strings(file_, "runs/option_name"),
            (std::vector<std::string>{"status quo", "status quo", "talks"}));
  for (const char* name : {"runs/peak_escalation", "runs/fatalities", "runs/option", "runs/seed"}) {
    Id variable{H5Dopen2(file_, name, H5P_DEFAULT), H5Dclose};
    EXPECT_EQ(read_string_attribute(variable, "coordinates"), "option_name") << name;
  }
  for (const char* name : {"runs/date", "runs/run", "runs/time", "runs/option_name"}) {
    Id variable{H5Dopen2(file_, name, H5P_DEFAULT), H5Dclose};
    EXPECT_EQ(H5Aexists(variable, "coordinates"), 0) << name;
  }
}

TEST_F(ResultsWriterTest, StoresScenarioYamlLongerThanAnAttributeCanHold) {
  hid_t f = write_and_open();
  const auto yaml = read_strings(f, "provenance/scenario_yaml");
  ASSERT_EQ(yaml.size(), 1U);
  EXPECT_EQ(yaml[0], make_provenance().scenario_yaml);
}

TEST_F(ResultsWriterTest, StoresResolvedParametersAsACoordinateAndAVariable) {
  hid_t f = write_and_open();
  EXPECT_EQ(read_strings(f, "provenance/parameter"),
            (std::vector<std::string>{"actors.PAK.rationality", "days"}));
  EXPECT_EQ(read_strings(f, "provenance/parameter_value"), (std::vector<std::string>{"0.8", "5"}));
  Id scale{H5Dopen2(f, "provenance/parameter", H5P_DEFAULT), H5Dclose};
  Id value{H5Dopen2(f, "provenance/parameter_value", H5P_DEFAULT), H5Dclose};
  EXPECT_GT(H5DSis_scale(scale), 0);
  EXPECT_GT(H5DSis_attached(value, scale, 0), 0);
}

TEST_F(ResultsWriterTest, StoresCoordinatesAsDimensionScales) {
  hid_t f = write_and_open();
  EXPECT_EQ(read_dataset<std::int64_t>(f, "runs/run", H5T_NATIVE_INT64),
            (std::vector<std::int64_t>{0, 1, 2}));
  EXPECT_EQ(read_dataset<std::int32_t>(f, "runs/time", H5T_NATIVE_INT32),
            (std::vector<std::int32_t>{0, 1, 2, 3, 4}));
  EXPECT_EQ(read_strings(f, "runs/category"), layout_.categories);
  EXPECT_EQ(read_strings(f, "runs/actor"), layout_.states);
  EXPECT_EQ(read_strings(f, "runs/dyad"), layout_.dyads);
  EXPECT_EQ(read_strings(f, "runs/date"), layout_.dates);
  EXPECT_EQ(read_strings(f, "runs/group"), (std::vector<std::string>{"TTP-with-a-long-id", "HGB"}));
  for (const char* name : {"runs/run", "runs/time", "runs/category", "runs/actor", "runs/crossing",
                           "runs/dyad", "runs/group"}) {
    Id scale{H5Dopen2(f, name, H5P_DEFAULT), H5Dclose};
    EXPECT_GT(H5DSis_scale(scale), 0) << name;
  }
  Id fatalities{H5Dopen2(f, "runs/fatalities", H5P_DEFAULT), H5Dclose};
  Id run{H5Dopen2(f, "runs/run", H5P_DEFAULT), H5Dclose};
  Id day{H5Dopen2(f, "runs/time", H5P_DEFAULT), H5Dclose};
  // CF time: days since start_date, which xarray decodes into dates.
  EXPECT_EQ(read_string_attribute(day, "units"), "days since 2026-03-01 00:00:00");
  EXPECT_EQ(read_string_attribute(day, "calendar"), "proleptic_gregorian");
  EXPECT_EQ(read_string_attribute(day, "standard_name"), "time");
  Id category{H5Dopen2(f, "runs/category", H5P_DEFAULT), H5Dclose};
  EXPECT_GT(H5DSis_attached(fatalities, run, 0), 0);
  EXPECT_GT(H5DSis_attached(fatalities, day, 1), 0);
  EXPECT_GT(H5DSis_attached(fatalities, category, 2), 0);
  EXPECT_EQ(read_string_attribute(fatalities, "units"), "deaths");
  EXPECT_FALSE(read_string_attribute(fatalities, "long_name").empty());
  // The variables of the group dimension name it as their third axis.
  Id group{H5Dopen2(f, "runs/group", H5P_DEFAULT), H5Dclose};
  for (const char* name : {"runs/sanctuary_tolerance", "runs/cells", "runs/fighters"}) {
    Id variable{H5Dopen2(f, name, H5P_DEFAULT), H5Dclose};
    EXPECT_GT(H5DSis_attached(variable, run, 0), 0) << name;
    EXPECT_GT(H5DSis_attached(variable, day, 1), 0) << name;
    EXPECT_GT(H5DSis_attached(variable, group, 2), 0) << name;
  }
  Id actor{H5Dopen2(f, "runs/actor", H5P_DEFAULT), H5Dclose};
  for (const char* name : {"runs/displaced", "runs/active_share", "runs/legitimacy",
                           "runs/refugees", "runs/returnees_daily"}) {
    Id variable{H5Dopen2(f, name, H5P_DEFAULT), H5Dclose};
    EXPECT_GT(H5DSis_attached(variable, day, 1), 0) << name;
    EXPECT_GT(H5DSis_attached(variable, actor, 2), 0) << name;
  }
  Id exports{H5Dopen2(f, "runs/exports_lost_usd", H5P_DEFAULT), H5Dclose};
  EXPECT_GT(H5DSis_attached(exports, run, 0), 0);
  EXPECT_GT(H5DSis_attached(exports, actor, 1), 0);
}

/// The links of a group in creation order.
std::vector<std::string> links_in_creation_order(hid_t group) {
  std::vector<std::string> names;
  H5Literate(
      group, H5_INDEX_CRT_ORDER, H5_ITER_INC, nullptr,
      [](hid_t, const char* name, const H5L_info_t*, void* out) -> herr_t {
        static_cast<std::vector<std::string>*>(out)->emplace_back(name);
        return 0;
      },
      &names);
  return names;
}

hid_t memory_type_of(Element element) {
  switch (element) {
    case Element::kInt8:
      return H5T_NATIVE_INT8;
    case Element::kUInt8:
      return H5T_NATIVE_UINT8;
    case Element::kInt32:
      return H5T_NATIVE_INT32;
    case Element::kInt64:
      return H5T_NATIVE_INT64;
    case Element::kUInt64:
      return H5T_NATIVE_UINT64;
    case Element::kFloat64:
      return H5T_NATIVE_DOUBLE;
  }
  return -1;
}

// /runs holds the coordinates, then one variable per field of model/result_fields.hpp (but the
// run index, which is the coordinate `run`), in table order, each as the table describes it.
TEST_F(ResultsWriterTest, WritesOneVariablePerResultFieldAsTheTableDescribesIt) {
  hid_t f = write_and_open({"Torkham"});
  Id runs{H5Gopen2(f, "runs", H5P_DEFAULT), H5Gclose};
  std::vector<std::string> want(kAxisNames.begin(), kAxisNames.end());
  want.emplace_back("date");
  for (const FieldInfo& field : kResultFields) {
    if (field.kind != FieldKind::kIndex) want.emplace_back(field.name);
  }
  EXPECT_EQ(links_in_creation_order(runs), want);

  const ResultExtents extents = extents_of(layout_);
  for (const FieldInfo& field : kResultFields) {
    if (field.kind == FieldKind::kIndex) continue;
    SCOPED_TRACE(field.name);
    const std::string path = std::string("runs/") + field.name;
    Id variable{H5Dopen2(f, path.c_str(), H5P_DEFAULT), H5Dclose};
    ASSERT_GE(variable.id, 0);
    EXPECT_EQ(read_string_attribute(variable, "long_name"), field.long_name);
    EXPECT_EQ(read_string_attribute(variable, "units"), field.units);
    Id type{H5Dget_type(variable), H5Tclose};
    EXPECT_GT(H5Tequal(Id{H5Tget_native_type(type, H5T_DIR_ASCEND), H5Tclose},
                       memory_type_of(field.element)),
              0);
    std::vector<hsize_t> shape{static_cast<hsize_t>(kRuns)};
    for (std::size_t i = 1; i < field.dims.size(); ++i) shape.push_back(extents.of(field.dims[i]));
    EXPECT_EQ(shape_of(f, path.c_str()), shape);
    for (std::size_t i = 0; i < field.dims.size(); ++i) {
      const std::string scale_path =
          std::string("runs/") + kAxisNames[static_cast<std::size_t>(field.dims[i])];
      Id scale{H5Dopen2(f, scale_path.c_str(), H5P_DEFAULT), H5Dclose};
      EXPECT_GT(H5DSis_attached(variable, scale, static_cast<unsigned>(i)), 0) << scale_path;
    }
  }
}

TEST_F(ResultsWriterTest, StoresUnitsAndLongNamesOfTheVersion2Variables) {
  hid_t f = write_and_open();
  const std::vector<std::pair<const char*, const char*>> units = {
      {"mediation_active", "1"},     {"talks_rounds", "rounds"},   {"displaced", "people"},
      {"active_share", "1"},         {"legitimacy", "1"},          {"refugees", "people"},
      {"returnees_daily", "people"}, {"sanctuary_tolerance", "1"}, {"cells", "cells"},
      {"fighters", "fighters"},      {"reached_rung8", "1"},       {"peak_displaced", "people"},
      {"returnees", "people"},       {"exports_lost_usd", "USD"},
  };
  for (const auto& [name, unit] : units) {
    Id variable{H5Dopen2(f, (std::string("runs/") + name).c_str(), H5P_DEFAULT), H5Dclose};
    ASSERT_GE(variable.id, 0) << name;
    EXPECT_EQ(read_string_attribute(variable, "units"), unit) << name;
    EXPECT_FALSE(read_string_attribute(variable, "long_name").empty()) << name;
  }
}

TEST_F(ResultsWriterTest, StoresEveryRunsSeriesAndOutcomesInItsRow) {
  hid_t f = write_and_open();
  std::vector<RunResult> runs;
  for (std::int64_t r = 0; r < kRuns; ++r) runs.push_back(make_run(layout_, r));
  auto concat = [&](auto member) {
    std::vector<std::decay_t<decltype(runs[0].*member)>> all;
    for (const auto& run : runs) all.push_back(run.*member);
    return all;
  };
  auto flat = [&](auto member) {
    std::remove_cvref_t<decltype(runs[0].*member)> all;
    for (const auto& run : runs) all.insert(all.end(), (run.*member).begin(), (run.*member).end());
    return all;
  };
  EXPECT_EQ(read_dataset<std::uint64_t>(f, "runs/seed", H5T_NATIVE_UINT64),
            concat(&RunResult::seed));
  EXPECT_EQ(read_dataset<std::int32_t>(f, "runs/replicate", H5T_NATIVE_INT32),
            concat(&RunResult::replicate));
  EXPECT_EQ(read_dataset<std::int8_t>(f, "runs/escalation", H5T_NATIVE_INT8),
            flat(&RunResult::escalation));
  EXPECT_EQ(read_dataset<std::int32_t>(f, "runs/fatalities", H5T_NATIVE_INT32),
            flat(&RunResult::fatalities));
  EXPECT_EQ(read_dataset<std::int32_t>(f, "runs/attacks_daily", H5T_NATIVE_INT32),
            flat(&RunResult::attacks_daily));
  EXPECT_EQ(read_dataset<double>(f, "runs/hostility", H5T_NATIVE_DOUBLE),
            flat(&RunResult::hostility));
  EXPECT_EQ(read_dataset<std::int32_t>(f, "runs/posts_held", H5T_NATIVE_INT32),
            flat(&RunResult::posts_held));
  EXPECT_EQ(read_dataset<double>(f, "runs/trade_flow_usd", H5T_NATIVE_DOUBLE),
            flat(&RunResult::trade_flow_usd));
  EXPECT_EQ(read_dataset<std::uint8_t>(f, "runs/ceasefire", H5T_NATIVE_UINT8),
            flat(&RunResult::ceasefire));
  EXPECT_EQ(read_dataset<std::int32_t>(f, "runs/peak_escalation", H5T_NATIVE_INT32),
            concat(&RunResult::peak_escalation));
  EXPECT_EQ(read_dataset<std::int32_t>(f, "runs/conflict_days", H5T_NATIVE_INT32),
            concat(&RunResult::conflict_days));
  EXPECT_EQ(read_dataset<std::int32_t>(f, "runs/first_ceasefire_day", H5T_NATIVE_INT32),
            (std::vector<std::int32_t>{-1, 2, 4}));
  EXPECT_EQ(read_dataset<std::int32_t>(f, "runs/ceasefire_breakdowns", H5T_NATIVE_INT32),
            concat(&RunResult::ceasefire_breakdowns));
  EXPECT_EQ(read_dataset<std::int32_t>(f, "runs/attacks", H5T_NATIVE_INT32),
            concat(&RunResult::attacks));
  EXPECT_EQ(read_dataset<double>(f, "runs/trade_lost_usd", H5T_NATIVE_DOUBLE),
            concat(&RunResult::trade_lost_usd));
  EXPECT_EQ(read_dataset<std::int32_t>(f, "runs/posts_captured", H5T_NATIVE_INT32),
            flat(&RunResult::posts_captured));
  EXPECT_EQ(read_dataset<std::int32_t>(f, "runs/fatalities_total", H5T_NATIVE_INT32),
            flat(&RunResult::fatalities_total));
  EXPECT_EQ(read_dataset<double>(f, "runs/final_hostility", H5T_NATIVE_DOUBLE),
            flat(&RunResult::final_hostility));
  // format version 5: the injured
  EXPECT_EQ(read_dataset<std::int32_t>(f, "runs/injured", H5T_NATIVE_INT32),
            flat(&RunResult::injured));
  EXPECT_EQ(read_dataset<std::int32_t>(f, "runs/injured_total", H5T_NATIVE_INT32),
            flat(&RunResult::injured_total));
  EXPECT_EQ(shape_of(f, "runs/injured"), (std::vector<hsize_t>{3, 5, 3}));
  EXPECT_EQ(shape_of(f, "runs/fatalities"), (std::vector<hsize_t>{3, 5, 3}));
  EXPECT_EQ(shape_of(f, "runs/posts_held"), (std::vector<hsize_t>{3, 5, 2}));

  // format version 2: daily series of model layer 2
  EXPECT_EQ(read_dataset<std::uint8_t>(f, "runs/mediation_active", H5T_NATIVE_UINT8),
            flat(&RunResult::mediation_active));
  EXPECT_EQ(read_dataset<std::int32_t>(f, "runs/talks_rounds", H5T_NATIVE_INT32),
            flat(&RunResult::talks_rounds));
  EXPECT_EQ(read_dataset<double>(f, "runs/displaced", H5T_NATIVE_DOUBLE),
            flat(&RunResult::displaced));
  EXPECT_EQ(read_dataset<double>(f, "runs/active_share", H5T_NATIVE_DOUBLE),
            flat(&RunResult::active_share));
  EXPECT_EQ(read_dataset<double>(f, "runs/legitimacy", H5T_NATIVE_DOUBLE),
            flat(&RunResult::legitimacy));
  EXPECT_EQ(read_dataset<double>(f, "runs/refugees", H5T_NATIVE_DOUBLE),
            flat(&RunResult::refugees));
  EXPECT_EQ(read_dataset<double>(f, "runs/returnees_daily", H5T_NATIVE_DOUBLE),
            flat(&RunResult::returnees_daily));
  EXPECT_EQ(read_dataset<double>(f, "runs/sanctuary_tolerance", H5T_NATIVE_DOUBLE),
            flat(&RunResult::sanctuary_tolerance));
  EXPECT_EQ(read_dataset<std::int32_t>(f, "runs/cells", H5T_NATIVE_INT32), flat(&RunResult::cells));
  EXPECT_EQ(read_dataset<double>(f, "runs/fighters", H5T_NATIVE_DOUBLE),
            flat(&RunResult::fighters));
  // Spot checks of the layout: run 1, day 2 ([1][2][k]); rows are [run][day][k].
  const auto displaced = read_dataset<double>(f, "runs/displaced", H5T_NATIVE_DOUBLE);
  ASSERT_EQ(displaced.size(), 3U * 5U * 2U);
  EXPECT_EQ(displaced[(1 * 5 + 2) * 2 + 0], 2021.0);
  EXPECT_EQ(displaced[(1 * 5 + 2) * 2 + 1], 2022.0);
  const auto cells = read_dataset<std::int32_t>(f, "runs/cells", H5T_NATIVE_INT32);
  ASSERT_EQ(cells.size(), 3U * 5U * 2U);
  EXPECT_EQ(cells[(2 * 5 + 4) * 2 + 1], 3 + 4 + 1 + 2);
  const auto tolerance = read_dataset<double>(f, "runs/sanctuary_tolerance", H5T_NATIVE_DOUBLE);
  ASSERT_EQ(tolerance.size(), 3U * 5U * 2U);
  EXPECT_EQ(tolerance[(0 * 5 + 3) * 2 + 1], 0.75 - 0.375 + 0.0625);
  EXPECT_EQ(read_dataset<std::uint8_t>(f, "runs/mediation_active", H5T_NATIVE_UINT8),
            (std::vector<std::uint8_t>{0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0}));
  EXPECT_EQ(shape_of(f, "runs/mediation_active"), (std::vector<hsize_t>{3, 5}));
  EXPECT_EQ(shape_of(f, "runs/talks_rounds"), (std::vector<hsize_t>{3, 5}));
  for (const char* name : {"runs/displaced", "runs/active_share", "runs/legitimacy",
                           "runs/refugees", "runs/returnees_daily"}) {
    EXPECT_EQ(shape_of(f, name), (std::vector<hsize_t>{3, 5, 2})) << name;
  }
  for (const char* name : {"runs/sanctuary_tolerance", "runs/cells", "runs/fighters"}) {
    EXPECT_EQ(shape_of(f, name), (std::vector<hsize_t>{3, 5, 2})) << name;
  }

  // format version 2: per-run outcomes
  EXPECT_EQ(read_dataset<std::uint8_t>(f, "runs/reached_rung8", H5T_NATIVE_UINT8),
            (std::vector<std::uint8_t>{1, 1, 0}));  // peaks 9, 8, 7
  EXPECT_EQ(read_dataset<std::uint8_t>(f, "runs/reached_rung8", H5T_NATIVE_UINT8),
            concat(&RunResult::reached_rung8));
  EXPECT_EQ(read_dataset<double>(f, "runs/peak_displaced", H5T_NATIVE_DOUBLE),
            (std::vector<double>{2082.0, 4083.0, 6084.0}));
  EXPECT_EQ(read_dataset<double>(f, "runs/returnees", H5T_NATIVE_DOUBLE),
            (std::vector<double>{15.0, 25.0, 35.0}));
  EXPECT_EQ(read_dataset<double>(f, "runs/exports_lost_usd", H5T_NATIVE_DOUBLE),
            (std::vector<double>{0.0, 0.0, 100.5, 201.0, 201.0, 402.0}));
  EXPECT_EQ(shape_of(f, "runs/exports_lost_usd"), (std::vector<hsize_t>{3, 2}));
  for (const char* name : {"runs/reached_rung8", "runs/peak_displaced", "runs/returnees"}) {
    EXPECT_EQ(shape_of(f, name), (std::vector<hsize_t>{3})) << name;
  }
}

TEST_F(ResultsWriterTest, StoresZeroLengthGroupDimension) {
  layout_ = make_layout();
  layout_.groups.clear();
  write_file(path_, layout_, kRuns);
  file_ = H5Fopen(path_.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  ASSERT_GE(file_, 0);
  EXPECT_EQ(shape_of(file_, "runs/group"), (std::vector<hsize_t>{0}));
  for (const char* name : {"runs/sanctuary_tolerance", "runs/cells", "runs/fighters"}) {
    EXPECT_EQ(shape_of(file_, name), (std::vector<hsize_t>{3, 5, 0})) << name;
  }
  Id cells{H5Dopen2(file_, "runs/cells", H5P_DEFAULT), H5Dclose};
  Id group{H5Dopen2(file_, "runs/group", H5P_DEFAULT), H5Dclose};
  EXPECT_GT(H5DSis_attached(cells, group, 2), 0);
}

TEST_F(ResultsWriterTest, RejectsGroupSeriesOfTheWrongLength) {
  const auto layout = make_layout();
  ResultsWriter writer(path_, layout, make_provenance(), WriterOptions{.runs = kRuns});
  RunResult run = make_run(layout, 0);
  run.cells.pop_back();
  EXPECT_THROW(writer.write(run), std::invalid_argument);
}

TEST_F(ResultsWriterTest, StoresZeroLengthCrossingDimension) {
  hid_t f = write_and_open();
  EXPECT_EQ(shape_of(f, "runs/crossing"), (std::vector<hsize_t>{0}));
  EXPECT_EQ(shape_of(f, "runs/crossing_open"), (std::vector<hsize_t>{3, 5, 0}));
  EXPECT_EQ(shape_of(f, "runs/crossing_closed_days"), (std::vector<hsize_t>{3, 0}));
  Id open{H5Dopen2(f, "runs/crossing_open", H5P_DEFAULT), H5Dclose};
  Id crossing{H5Dopen2(f, "runs/crossing", H5P_DEFAULT), H5Dclose};
  EXPECT_GT(H5DSis_attached(open, crossing, 2), 0);
}

TEST_F(ResultsWriterTest, StoresCrossingsWhenThereAreSome) {
  hid_t f = write_and_open({"Torkham", "Chaman"});
  EXPECT_EQ(read_strings(f, "runs/crossing"), (std::vector<std::string>{"Torkham", "Chaman"}));
  std::vector<std::uint8_t> expected;
  std::vector<std::int32_t> closed;
  for (std::int64_t r = 0; r < kRuns; ++r) {
    auto run = make_run(layout_, r);
    expected.insert(expected.end(), run.crossing_open.begin(), run.crossing_open.end());
    closed.insert(closed.end(), run.crossing_closed_days.begin(), run.crossing_closed_days.end());
  }
  EXPECT_EQ(read_dataset<std::uint8_t>(f, "runs/crossing_open", H5T_NATIVE_UINT8), expected);
  EXPECT_EQ(read_dataset<std::int32_t>(f, "runs/crossing_closed_days", H5T_NATIVE_INT32), closed);
}

TEST(SeriesChunks, RunsPerChunkByHand) {
  using writer_detail::series_chunk_runs;
  // The seed scenario's [run, day, category] of doubles: 98 x 5 x 8 = 3,920 bytes a run, 267
  // would fit in 1 MiB: capped at 16.
  EXPECT_EQ(series_chunk_runs(std::vector<hsize_t>{1000, 98, 5}, 8), 16U);
  // 365 days x 50 districts x 8 = 146,000 bytes a run: 7 fit in 1,048,576.
  EXPECT_EQ(series_chunk_runs(std::vector<hsize_t>{1000, 365, 50}, 8), 7U);
  // 365 x 200 x 8 = 584,000 bytes: one run a chunk; so is a run larger than 1 MiB.
  EXPECT_EQ(series_chunk_runs(std::vector<hsize_t>{1000, 365, 200}, 8), 1U);
  EXPECT_EQ(series_chunk_runs(std::vector<hsize_t>{1000, 3650, 200}, 8), 1U);
  // Never more than the runs there are, never 0.
  EXPECT_EQ(series_chunk_runs(std::vector<hsize_t>{3, 5, 3}, 8), 3U);
  EXPECT_EQ(series_chunk_runs(std::vector<hsize_t>{0, 5}, 4), 1U);
}

TEST_F(ResultsWriterTest, ChunksDailySeriesByRunAndCompresses) {
  hid_t f = write_and_open();
  Id dataset{H5Dopen2(f, "runs/fatalities", H5P_DEFAULT), H5Dclose};
  Id plist{H5Dget_create_plist(dataset), H5Pclose};
  ASSERT_EQ(H5Pget_layout(plist), H5D_CHUNKED);
  hsize_t chunk[3] = {};
  ASSERT_EQ(H5Pget_chunk(plist, 3, chunk), 3);
  EXPECT_EQ(chunk[0], 3U);  // every run: 3 runs of 5 days x 3 values fit in a chunk
  EXPECT_EQ(chunk[1], 5U);
  EXPECT_EQ(chunk[2], 3U);
  EXPECT_GT(H5Pget_filter_by_id2(plist, H5Z_FILTER_SHUFFLE, nullptr, nullptr, nullptr, 0, nullptr,
                                 nullptr),
            -1);
  EXPECT_GT(H5Pget_filter_by_id2(plist, H5Z_FILTER_DEFLATE, nullptr, nullptr, nullptr, 0, nullptr,
                                 nullptr),
            -1);
}

TEST_F(ResultsWriterTest, AppendsEventsInWriteOrderWithFixedWidthStrings) {
  hid_t f = write_and_open();
  const auto runs = read_event_field<std::int32_t>(f, "run", H5T_NATIVE_INT32);
  const auto days = read_event_field<std::int32_t>(f, "day", H5T_NATIVE_INT32);
  ASSERT_EQ(runs.size(), static_cast<std::size_t>(kRuns * kDays));
  std::vector<EventRecord> expected;
  std::vector<std::int32_t> expected_runs;
  for (std::int64_t r = 0; r < kRuns; ++r) {
    for (const auto& e : make_run(layout_, r).events) {
      expected.push_back(e);
      expected_runs.push_back(static_cast<std::int32_t>(r));
    }
  }
  EXPECT_EQ(runs, expected_runs);
  const auto dates = read_event_string(f, "date", 10);
  const std::size_t actor_width = event_field_size(f, "actor");
  EXPECT_EQ(actor_width, std::string("TTP-with-a-long-id").size());
  EXPECT_EQ(event_field_size(f, "location"), 32U);
  EXPECT_EQ(event_field_size(f, "cameo"), 4U);
  EXPECT_EQ(event_field_size(f, "cameo_root"), 2U);
  const auto actors = read_event_string(f, "actor", actor_width);
  const auto targets = read_event_string(f, "target", actor_width);
  const auto cameo = read_event_string(f, "cameo", 4);
  const auto cameo_root = read_event_string(f, "cameo_root", 2);
  const auto location = read_event_string(f, "location", 32);
  const auto quad = read_event_field<std::int8_t>(f, "quad_class", H5T_NATIVE_INT8);
  const auto goldstein = read_event_field<double>(f, "goldstein", H5T_NATIVE_DOUBLE);
  const auto lat = read_event_field<double>(f, "lat", H5T_NATIVE_DOUBLE);
  const auto lon = read_event_field<double>(f, "lon", H5T_NATIVE_DOUBLE);
  const auto fatalities = read_event_field<std::int32_t>(f, "fatalities", H5T_NATIVE_INT32);
  const auto forces = read_event_field<std::int32_t>(f, "forces", H5T_NATIVE_INT32);
  const auto civilians = read_event_field<std::int32_t>(f, "civilians", H5T_NATIVE_INT32);
  const auto militants = read_event_field<std::int32_t>(f, "militants", H5T_NATIVE_INT32);
  const auto actor_own = read_event_field<std::int32_t>(f, "claim_actor_own", H5T_NATIVE_INT32);
  const auto actor_enemy = read_event_field<std::int32_t>(f, "claim_actor_enemy", H5T_NATIVE_INT32);
  const auto target_own = read_event_field<std::int32_t>(f, "claim_target_own", H5T_NATIVE_INT32);
  const auto target_enemy =
      read_event_field<std::int32_t>(f, "claim_target_enemy", H5T_NATIVE_INT32);
  const auto injured = read_event_field<std::int32_t>(f, "injured", H5T_NATIVE_INT32);
  const auto injured_forces = read_event_field<std::int32_t>(f, "injured_forces", H5T_NATIVE_INT32);
  const auto injured_civilians =
      read_event_field<std::int32_t>(f, "injured_civilians", H5T_NATIVE_INT32);
  const auto injured_militants =
      read_event_field<std::int32_t>(f, "injured_militants", H5T_NATIVE_INT32);
  const auto action = read_event_string(f, "action", 20);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const auto& e = expected[i];
    SCOPED_TRACE("event " + std::to_string(i));
    EXPECT_EQ(days[i], e.day);
    EXPECT_EQ(dates[i], layout_.dates[static_cast<std::size_t>(e.day)]);
    EXPECT_EQ(actors[i], layout_.actors[static_cast<std::size_t>(e.actor)]);
    EXPECT_EQ(targets[i], e.target == -1 ? "" : layout_.actors[static_cast<std::size_t>(e.target)]);
    EXPECT_EQ(cameo[i], e.cameo);
    EXPECT_EQ(cameo_root[i], e.cameo.substr(0, 2));
    EXPECT_EQ(location[i], e.location.substr(0, 32));  // the 40-character location is cut
    EXPECT_EQ(quad[i], 4);
    EXPECT_EQ(goldstein[i], e.goldstein);
    if (std::isnan(e.lat)) {
      EXPECT_TRUE(std::isnan(lat[i]));
      EXPECT_TRUE(std::isnan(lon[i]));
    } else {
      EXPECT_EQ(lat[i], e.lat);
      EXPECT_EQ(lon[i], e.lon);
    }
    EXPECT_EQ(fatalities[i], e.fatalities());
    EXPECT_EQ(forces[i], e.forces);
    EXPECT_EQ(civilians[i], e.civilians);
    EXPECT_EQ(militants[i], e.militants);
    EXPECT_EQ(actor_own[i], e.claim_actor_own);
    EXPECT_EQ(actor_enemy[i], e.claim_actor_enemy);
    EXPECT_EQ(target_own[i], e.claim_target_own);
    EXPECT_EQ(target_enemy[i], e.claim_target_enemy);
    EXPECT_EQ(injured[i], e.injured());
    EXPECT_EQ(injured_forces[i], e.injured_forces);
    EXPECT_EQ(injured_civilians[i], e.injured_civilians);
    EXPECT_EQ(injured_militants[i], e.injured_militants);
    EXPECT_EQ(action[i], e.day == 0 ? "strike_sanctuary" : "");
  }
  // Exact values of run 2 (rows 10..14): actor claims on days 0, 2, 4; target claims on day 3;
  // -1 where nobody announced.
  EXPECT_EQ(std::vector<std::int32_t>(actor_own.begin() + 10, actor_own.end()),
            (std::vector<std::int32_t>{14, -1, 16, -1, 18}));
  EXPECT_EQ(std::vector<std::int32_t>(actor_enemy.begin() + 10, actor_enemy.end()),
            (std::vector<std::int32_t>{17, -1, 19, -1, 21}));
  EXPECT_EQ(std::vector<std::int32_t>(target_own.begin() + 10, target_own.end()),
            (std::vector<std::int32_t>{-1, -1, -1, 0, -1}));
  EXPECT_EQ(std::vector<std::int32_t>(target_enemy.begin() + 10, target_enemy.end()),
            (std::vector<std::int32_t>{-1, -1, -1, 44, -1}));
}

// Format 8 stores each column as a variable on the dimension `event`, in the order of format 7's
// table of records (claims after `militants`, the injured after the ACLED columns, the action),
// then `time`.
TEST_F(ResultsWriterTest, StoresEventColumnsInOrderAsNetcdfVariables) {
  hid_t f = write_and_open();
  Id group{H5Gopen2(f, "events", H5P_DEFAULT), H5Gclose};
  std::vector<std::string> columns;
  H5Literate(
      group, H5_INDEX_CRT_ORDER, H5_ITER_INC, nullptr,
      [](hid_t, const char* name, const H5L_info_t*, void* out) -> herr_t {
        const std::string n = name;
        if (n != "event" && !n.starts_with("nchar")) {
          static_cast<std::vector<std::string>*>(out)->push_back(n);
        }
        return 0;
      },
      &columns);
  const std::vector<std::string> expected = {"run",
                                             "day",
                                             "date",
                                             "actor",
                                             "target",
                                             "cameo",
                                             "cameo_root",
                                             "quad_class",
                                             "goldstein",
                                             "location",
                                             "lat",
                                             "lon",
                                             "fatalities",
                                             "forces",
                                             "civilians",
                                             "militants",
                                             "claim_actor_own",
                                             "claim_actor_enemy",
                                             "claim_target_own",
                                             "claim_target_enemy",
                                             "acled_event_type",
                                             "acled_sub_event_type",
                                             "injured",
                                             "injured_forces",
                                             "injured_civilians",
                                             "injured_militants",
                                             "action",
                                             "time"};
  EXPECT_EQ(columns, expected);
  Id event{H5Dopen2(f, "events/event", H5P_DEFAULT), H5Dclose};
  EXPECT_GT(H5DSis_scale(event), 0);
  for (const auto& name : expected) {
    const std::string path = "events/" + name;
    Id column{H5Dopen2(f, path.c_str(), H5P_DEFAULT), H5Dclose};
    EXPECT_GT(H5DSis_attached(column, event, 0), 0) << name;
    EXPECT_FALSE(read_string_attribute(column, "long_name").empty()) << name;
  }
  for (const char* claim :
       {"claim_actor_own", "claim_actor_enemy", "claim_target_own", "claim_target_enemy", "injured",
        "injured_forces", "injured_civilians", "injured_militants"}) {
    const std::string path = std::string("events/") + claim;
    Id column{H5Dopen2(f, path.c_str(), H5P_DEFAULT), H5Dclose};
    Id type{H5Dget_type(column), H5Tclose};
    EXPECT_EQ(H5Tget_class(type), H5T_INTEGER) << claim;
    EXPECT_EQ(H5Tget_size(type), 4U) << claim;
    EXPECT_EQ(H5Tget_sign(type), H5T_SGN_2) << claim;
  }
  // Nobody announced = -1, the CF missing value of the claims.
  Id claim{H5Dopen2(f, "events/claim_actor_own", H5P_DEFAULT), H5Dclose};
  EXPECT_EQ(read_attribute<std::int32_t>(claim, "_FillValue", H5T_NATIVE_INT32), -1);
  // Text is a netCDF character array with its encoding.
  Id actor{H5Dopen2(f, "events/actor", H5P_DEFAULT), H5Dclose};
  EXPECT_EQ(read_string_attribute(actor, "_Encoding"), "utf-8");
  Id time{H5Dopen2(f, "events/time", H5P_DEFAULT), H5Dclose};
  EXPECT_EQ(read_string_attribute(time, "units"), "days since 2026-03-01 00:00:00");
  EXPECT_EQ(read_event_field<std::int32_t>(f, "time", H5T_NATIVE_INT32),
            read_event_field<std::int32_t>(f, "day", H5T_NATIVE_INT32));
}

TEST_F(ResultsWriterTest, WritesEmptyEventTableWhenNoRunHasEvents) {
  layout_ = make_layout();
  {
    ResultsWriter writer(path_, layout_, make_provenance(), WriterOptions{.runs = 1});
    RunResult run = make_run(layout_, 0);
    run.events.clear();
    writer.write(run);
    writer.finish();
  }
  file_ = H5Fopen(path_.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  ASSERT_GE(file_, 0);
  EXPECT_EQ(shape_of(file_, "events/event"), (std::vector<hsize_t>{0}));
  // The actor columns are as wide as the longest actor id of the layout.
  EXPECT_EQ(shape_of(file_, "events/actor"), (std::vector<hsize_t>{0, 18}));
}

/// Reads a whole float64 dataset with the C API.
std::vector<double> read_doubles(hid_t file, const char* path) {
  Id dataset{H5Dopen2(file, path, H5P_DEFAULT), H5Dclose};
  Id space{H5Dget_space(dataset), H5Sclose};
  std::vector<double> out(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space)));
  EXPECT_GE(H5Dread(dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()), 0);
  return out;
}

// Tables too big to hold whole: a deferred table filled by blocks of rows (across the writer's
// 4,096-row chunks), read back a column at a time; a table made row by row; a run column made
// run by run.
TEST_F(ResultsWriterTest, WritesTablesBlockByBlockAndReadsColumnsBack) {
  const auto layout = make_layout();
  constexpr std::size_t kRows = 5000, kCols = 3;
  auto value = [](std::size_t r, std::size_t c) {
    return static_cast<double>(r) * 10.0 + static_cast<double>(c);
  };
  {
    ResultsWriter writer(path_, layout, make_provenance(), WriterOptions{.runs = kRuns});
    for (std::int64_t r = 0; r < kRuns; ++r) writer.write(make_run(layout, r));
    TableGroup g;
    g.name = "blocks";
    g.coordinates = {{"row", {}, kRows}, {"col", {"a", "b", "c"}, kCols}};
    TableGroup::Variable deferred{"deferred", {"row", "col"}, {}, "filled later", ""};
    deferred.deferred = true;
    TableGroup::Variable made{"made", {"row", "col"}, {}, "made row by row", ""};
    made.row_values = [&](std::size_t r, std::span<double> out) {
      for (std::size_t c = 0; c < kCols; ++c) out[c] = -value(r, c);
    };
    g.variables = {deferred, made};
    writer.write_group(g);
    // Rows 0..4199 in one block (more than a chunk), then 4200..4999.
    for (const auto& [first, count] : {std::pair<std::size_t, std::size_t>{0, 4200}, {4200, 800}}) {
      std::vector<double> block;
      for (std::size_t r = first; r < first + count; ++r) {
        for (std::size_t c = 0; c < kCols; ++c) block.push_back(value(r, c));
      }
      writer.write_rows("blocks/deferred", first, block);
    }
    EXPECT_THROW(writer.write_rows("blocks/deferred", 4999, std::vector<double>(6, 0.0)),
                 std::invalid_argument);  // two rows from the last one
    EXPECT_THROW(writer.write_rows("blocks/deferred", 0, std::vector<double>(4, 0.0)),
                 std::invalid_argument);  // not whole rows
    const std::vector<double> column = writer.read_column("blocks/deferred", 2);
    ASSERT_EQ(column.size(), kRows);
    for (std::size_t r = 0; r < kRows; ++r) ASSERT_EQ(column[r], value(r, 2)) << "row " << r;
    EXPECT_THROW((void)writer.read_column("blocks/deferred", kCols), std::invalid_argument);
    writer.write_run_column(
        "twice", [](std::int64_t r) { return 2 * r; }, "twice the run");
    writer.finish();
  }
  file_ = H5Fopen(path_.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  ASSERT_GE(file_, 0);
  const auto deferred = read_doubles(file_, "/blocks/deferred");
  const auto made = read_doubles(file_, "/blocks/made");
  const auto index = read_doubles(file_, "/blocks/row");
  ASSERT_EQ(deferred.size(), kRows * kCols);
  ASSERT_EQ(made.size(), kRows * kCols);
  ASSERT_EQ(index.size(), kRows);
  for (std::size_t r = 0; r < kRows; ++r) {
    ASSERT_EQ(index[r], static_cast<double>(r));
    for (std::size_t c = 0; c < kCols; ++c) {
      ASSERT_EQ(deferred[r * kCols + c], value(r, c)) << r << "," << c;
      ASSERT_EQ(made[r * kCols + c], -value(r, c)) << r << "," << c;
    }
  }
  const auto twice = read_doubles(file_, "/runs/twice");
  ASSERT_EQ(twice.size(), static_cast<std::size_t>(kRuns));
  for (std::int64_t r = 0; r < kRuns; ++r)
    EXPECT_EQ(twice[static_cast<std::size_t>(r)], 2.0 * static_cast<double>(r));
}

TEST_F(ResultsWriterTest, NoFileAtFinalPathBeforeFinish) {
  const auto layout = make_layout();
  const std::string temporary = temporary_path_for(path_);
  EXPECT_EQ(temporary, fmt::format("{}.{}.partial", path_, ::getpid()));
  ResultsWriter writer(path_, layout, make_provenance(), WriterOptions{.runs = kRuns});
  for (std::int64_t r = 0; r < kRuns; ++r) writer.write(make_run(layout, r));
  EXPECT_FALSE(fs::exists(path_));
  EXPECT_TRUE(fs::exists(temporary));
  writer.finish();
  EXPECT_TRUE(fs::exists(path_));
  EXPECT_FALSE(fs::exists(temporary));
}

TEST_F(ResultsWriterTest, DeletesPartialFileWhenNotFinished) {
  const auto layout = make_layout();
  const std::string temporary = temporary_path_for(path_);
  {
    ResultsWriter writer(path_, layout, make_provenance(), WriterOptions{.runs = kRuns});
    writer.write(make_run(layout, 0));
    ASSERT_TRUE(fs::exists(temporary));
  }
  EXPECT_FALSE(fs::exists(temporary));
  EXPECT_FALSE(fs::exists(path_));
}

TEST_F(ResultsWriterTest, NeverWritesThroughAPlantedPartialLink) {
  // A link where an older version put its temporary file, and one at this process's own
  // temporary name: neither is followed; the file they point to is unchanged.
  const fs::path target = dir_ / "important.txt";
  { std::ofstream(target) << "keep me"; }
  fs::create_symlink(target, path_ + ".partial");
  const std::string own = temporary_path_for(path_);
  fs::create_symlink(target, own);
  write_file(path_, make_layout(), kRuns);
  EXPECT_TRUE(fs::is_regular_file(fs::symlink_status(path_)));
  std::ifstream in(target);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text, "keep me");
  EXPECT_TRUE(fs::is_symlink(own));  // not ours to delete: the lock's clean-up leaves links
}

TEST_F(ResultsWriterTest, FinishRefusesWhenRunsAreMissing) {
  const auto layout = make_layout();
  ResultsWriter writer(path_, layout, make_provenance(), WriterOptions{.runs = kRuns});
  writer.write(make_run(layout, 0));
  try {
    writer.finish();
    FAIL() << "finish() accepted 1 of 3 runs";
  } catch (const OutputError& e) {
    EXPECT_NE(std::string(e.what()).find("only 1 of 3 runs were written"), std::string::npos)
        << e.what();
  }
  EXPECT_FALSE(fs::exists(path_));
}

TEST_F(ResultsWriterTest, RejectsSeriesOfTheWrongLength) {
  const auto layout = make_layout();
  ResultsWriter writer(path_, layout, make_provenance(), WriterOptions{.runs = kRuns});
  RunResult run = make_run(layout, 0);
  run.fatalities.pop_back();
  EXPECT_THROW(writer.write(run), std::invalid_argument);
}

TEST_F(ResultsWriterTest, RejectsRunsOutOfOrder) {
  const auto layout = make_layout();
  ResultsWriter writer(path_, layout, make_provenance(), WriterOptions{.runs = kRuns});
  writer.write(make_run(layout, 1));
  EXPECT_THROW(writer.write(make_run(layout, 0)), std::invalid_argument);
  EXPECT_THROW(writer.write(make_run(layout, 3)), std::invalid_argument);
}

TEST_F(ResultsWriterTest, MissingDirectoryIsOutputErrorNamingPathAndCause) {
  const std::string path = (dir_ / "no-such-dir" / "results.h5").string();
  try {
    ResultsWriter writer(path, make_layout(), make_provenance(), WriterOptions{.runs = 1});
    FAIL() << "created a file in a missing directory";
  } catch (const OutputError& e) {
    const std::string message = e.what();
    EXPECT_NE(
        message.find(fmt::format("cannot create results file {}.{}.partial", path, ::getpid())),
        std::string::npos)
        << message;
    EXPECT_NE(message.find("No such file or directory"), std::string::npos) << message;
  }
}

TEST_F(ResultsWriterTest, UnwritableDirectoryIsOutputError) {
  // A regular file in the way of the directory fails even for root, which ignores permissions.
  const fs::path blocker = dir_ / "not-a-directory";
  { std::ofstream(blocker) << "x"; }
  const std::string path = (blocker / "results.h5").string();
  EXPECT_THROW(ResultsWriter(path, make_layout(), make_provenance(), WriterOptions{.runs = 1}),
               OutputError);
  if (::geteuid() != 0) {
    const fs::path locked = dir_ / "locked";
    fs::create_directories(locked);
    fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec);
    EXPECT_THROW(ResultsWriter((locked / "results.h5").string(), make_layout(), make_provenance(),
                               WriterOptions{.runs = 1}),
                 OutputError);
    fs::permissions(locked, fs::perms::owner_all);
  }
}

TEST_F(ResultsWriterTest, KeepsExistingFileWhenOverwriteIsOff) {
  { std::ofstream(path_) << "precious"; }
  EXPECT_THROW(ResultsWriter(path_, make_layout(), make_provenance(),
                             WriterOptions{.runs = 1, .overwrite = false}),
               OutputError);
  std::ifstream in(path_);
  std::string content;
  std::getline(in, content);
  EXPECT_EQ(content, "precious");
}

// Policy starts: one column per policy that started in some run, in the order they first
// started (comparison options bring their own policies), the day in each run, NaN when it did not.
TEST_F(ResultsWriterTest, PolicyStartsBecomeARunByPolicyTableWithNaNForNever) {
  layout_ = make_layout({});
  {
    ResultsWriter writer(path_, layout_, make_provenance(), WriterOptions{.runs = 3});
    RunResult r0 = make_run(layout_, 0), r1 = make_run(layout_, 1), r2 = make_run(layout_, 2);
    r0.policy_starts = {{4, "talks"}};
    r2.policy_starts = {{1, "closure"}, {9, "talks"}};
    writer.write(r0);
    writer.write(r1);
    writer.write(r2);
    writer.finish();
  }
  file_ = H5Fopen(path_.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  ASSERT_GE(file_, 0);
  EXPECT_EQ(read_strings(file_, "policy_starts/policy"),
            (std::vector<std::string>{"talks", "closure"}));
  EXPECT_EQ(shape_of(file_, "policy_starts/start_day"), (std::vector<hsize_t>{3, 2}));
  const auto days = read_dataset<double>(file_, "policy_starts/start_day", H5T_NATIVE_DOUBLE);
  ASSERT_EQ(days.size(), 6U);
  EXPECT_EQ(days[0], 4.0);
  EXPECT_TRUE(std::isnan(days[1]));
  EXPECT_TRUE(std::isnan(days[2]) && std::isnan(days[3]));
  EXPECT_EQ(days[4], 9.0);
  EXPECT_EQ(days[5], 1.0);
}

TEST_F(ResultsWriterTest, NoPolicyStartsNoPolicyStartsGroup) {
  const hid_t f = write_and_open();
  EXPECT_EQ(H5Lexists(f, "policy_starts", H5P_DEFAULT), 0);
}

}  // namespace
}  // namespace flashpoint
