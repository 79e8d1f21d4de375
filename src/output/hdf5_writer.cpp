#include "output/hdf5_writer.hpp"

#include "core/acled.hpp"

#include <hdf5_hl.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>
#include <numeric>
#include <span>
#include <stdexcept>
#include <vector>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "core/error.hpp"
#include "flashpoint/version.hpp"
#include "output/hdf5_util.hpp"
#include "output/output_target.hpp"

namespace flashpoint {
namespace {

/// The dimensions of /runs. Each is a dimension-scale dataset of the same name, which is what
/// lets xarray (through h5netcdf) name the axes of every variable.
enum class Axis : int { kRun, kDay, kCategory, kActor, kCrossing, kDyad, kGroup };
constexpr std::array<const char*, 7> kAxisNames = {"run",      "day",  "category", "actor",
                                                   "crossing", "dyad", "group"};
constexpr std::size_t kAxisCount = kAxisNames.size();

enum class Element { kInt8, kUInt8, kInt32, kUInt64, kFloat64 };

/// One numeric variable of /runs; its first axis is always `run`.
struct VariableSpec {
  const char* name;
  std::vector<Axis> axes;
  Element element;
  const char* long_name;
  const char* units;
};

// Units are never exactly "days", "hours", ...: xarray would decode such variables as timedeltas.
const std::vector<VariableSpec>& variable_specs() {
  using enum Axis;
  using enum Element;
  static const std::vector<VariableSpec> specs = {
      {"seed", {kRun}, kUInt64, "seed of the run's random streams", "1"},
      {"replicate", {kRun}, kInt32, "replicate number of the run", "1"},
      // daily series
      {"escalation", {kRun, kDay}, kInt8, "highest escalation level over all dyads", "level"},
      {"fatalities", {kRun, kDay, kCategory}, kInt32, "deaths on the day", "deaths"},
      {"attacks_daily", {kRun, kDay}, kInt32, "armed-group attacks on the day", "attacks"},
      {"hostility", {kRun, kDay, kDyad}, kFloat64, "end-of-day hostility of the dyad", "1"},
      {"posts_held", {kRun, kDay, kActor}, kInt32, "border posts held by the state", "posts"},
      {"crossing_open", {kRun, kDay, kCrossing}, kUInt8, "crossing open (1) or closed (0)", "1"},
      {"trade_flow_usd", {kRun, kDay}, kFloat64, "trade that crossed the border", "USD/day"},
      {"ceasefire", {kRun, kDay}, kUInt8, "ceasefire in force (1) or not (0)", "1"},
      {"mediation_active", {kRun, kDay}, kUInt8, "a mediator is engaged on some line (1)", "1"},
      {"talks_rounds", {kRun, kDay}, kInt32, "rounds of talks held on the day", "rounds"},
      {"displaced", {kRun, kDay, kActor}, kFloat64, "people displaced inside the state", "people"},
      {"active_share",
       {kRun, kDay, kActor},
       kFloat64,
       "share of the state's citizens who are active (Epstein)",
       "1"},
      {"legitimacy",
       {kRun, kDay, kActor},
       kFloat64,
       "population-weighted mean legitimacy of the state's districts",
       "1"},
      {"refugees", {kRun, kDay, kActor}, kFloat64, "refugees hosted by the state", "people"},
      {"returnees_daily",
       {kRun, kDay, kActor},
       kFloat64,
       "refugees returning to the state on the day",
       "people"},
      {"sanctuary_tolerance",
       {kRun, kDay, kGroup},
       kFloat64,
       "the host's tolerance sigma of the armed group",
       "1"},
      {"cells", {kRun, kDay, kGroup}, kInt32, "live cells of the armed group", "cells"},
      {"fighters", {kRun, kDay, kGroup}, kFloat64, "fighters of the armed group", "fighters"},
      // per-run outcomes
      {"peak_escalation", {kRun}, kInt32, "highest escalation level of the run", "level"},
      {"conflict_days", {kRun}, kInt32, "days at escalation level 6 or higher", "day"},
      {"first_ceasefire_day",
       {kRun},
       kInt32,
       "first day index with a ceasefire in force (-1 = never)",
       "1"},
      {"first_conflict_day",
       {kRun},
       kInt32,
       "first day index at escalation level 6 or higher (-1 = never)",
       "1"},
      {"first_ceasefire_after_conflict_day",
       {kRun},
       kInt32,
       "first day index from first_conflict_day on with a ceasefire in force (-1 = never)",
       "1"},
      {"ceasefire_breakdowns", {kRun}, kInt32, "ceasefires that broke down", "breakdowns"},
      {"attacks", {kRun}, kInt32, "armed-group attacks over the run", "attacks"},
      {"trade_lost_usd", {kRun}, kFloat64, "trade lost to closures over the run", "USD"},
      {"posts_captured", {kRun, kActor}, kInt32, "border posts taken by the state", "posts"},
      {"crossing_closed_days", {kRun, kCrossing}, kInt32, "days the crossing was closed", "day"},
      {"fatalities_total", {kRun, kCategory}, kInt32, "deaths over the run", "deaths"},
      {"final_hostility", {kRun, kDyad}, kFloat64, "hostility of the dyad on the last day", "1"},
      {"reached_rung8", {kRun}, kUInt8, "escalation reached rung 8 or higher (1)", "1"},
      {"peak_displaced", {kRun}, kFloat64, "largest number displaced on any day", "people"},
      {"returnees", {kRun}, kFloat64, "refugees returned over the run", "people"},
      {"exports_lost_usd",
       {kRun, kActor},
       kFloat64,
       "the state's exports stopped by closures",
       "USD"},
      // Only in files with /events (is_event_count).
      {"events_dropped",
       {kRun},
       kUInt64,
       "events of the run past max_events_per_run: they acted but are not in /events",
       "events"},
  };
  return specs;
}

hid_t file_type_of(Element element) {
  switch (element) {
    case Element::kInt8:
      return h5::TypeOf<std::int8_t>::file();
    case Element::kUInt8:
      return h5::TypeOf<std::uint8_t>::file();
    case Element::kInt32:
      return h5::TypeOf<std::int32_t>::file();
    case Element::kUInt64:
      return h5::TypeOf<std::uint64_t>::file();
    case Element::kFloat64:
      return h5::TypeOf<double>::file();
  }
  return -1;
}

/// Per-run outcomes are tiny, so their chunks hold many runs: a chunk of one 4-byte value would
/// cost more in the chunk index than it stores and would not compress.
constexpr hsize_t kOutcomeChunkRuns = 1024;
constexpr hsize_t kEventChunkRows = 4096;
/// Rows per chunk of a deferred table (TableGroup::Variable::deferred), one column wide.
constexpr hsize_t kDeferredChunkRows = 4096;
constexpr std::size_t kMinActorWidth = 8;
constexpr std::size_t kLocationWidth = 32;
constexpr std::size_t kAcledWidth = 40;  ///< the longest ACLED name has 35 characters

std::string utc_now() {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::time(nullptr)));
}

/// Creation properties of a compressed, chunked dataset; plain (contiguous) when a dimension is
/// zero, because HDF5 chunks cannot be empty.
h5::Handle dataset_properties(std::span<const hsize_t> dims, std::span<const hsize_t> chunk,
                              int gzip_level) {
  h5::Handle plist(H5Pcreate(H5P_DATASET_CREATE), "cannot create dataset properties");
  const bool empty = std::any_of(chunk.begin(), chunk.end(), [](hsize_t c) { return c == 0; }) ||
                     std::any_of(dims.begin(), dims.end(), [](hsize_t d) { return d == 0; });
  if (!empty) {
    h5::check(H5Pset_chunk(plist.id(), static_cast<int>(chunk.size()), chunk.data()),
              "cannot set the chunk size");
    h5::check(H5Pset_shuffle(plist.id()), "cannot enable the shuffle filter");
    if (gzip_level > 0) {
      h5::check(H5Pset_deflate(plist.id(), static_cast<unsigned>(gzip_level)),
                "cannot enable gzip compression");
    }
  }
  return plist;
}

/// Writes rows [first, first + values.size() / per_row) of `dataset`, whose rows hold `per_row`
/// values each (row-major); the rows must lie inside the dataset.
template <class T>
void write_row_block(hid_t dataset, hsize_t first, std::span<const T> values,
                     const std::string& what) {
  h5::Handle space(H5Dget_space(dataset), what);
  const int rank = H5Sget_simple_extent_ndims(space.id());
  std::vector<hsize_t> dims(static_cast<std::size_t>(std::max(rank, 0)));
  if (rank < 1 || H5Sget_simple_extent_dims(space.id(), dims.data(), nullptr) < 0) {
    throw OutputError(what + ": not a table of rows");
  }
  hsize_t per_row = 1;
  for (std::size_t i = 1; i < dims.size(); ++i) per_row *= dims[i];
  if (per_row == 0 || values.size() % per_row != 0 || first + values.size() / per_row > dims[0]) {
    throw std::invalid_argument(
        fmt::format("{}: {} values from row {} do not fit its shape", what, values.size(), first));
  }
  if (values.empty()) return;
  std::vector<hsize_t> start(dims.size(), 0), count = dims;
  start[0] = first;
  count[0] = values.size() / per_row;
  h5::check(
      H5Sselect_hyperslab(space.id(), H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr),
      what);
  h5::Handle memory_space = h5::simple_space(count);
  h5::check(H5Dwrite(dataset, h5::TypeOf<T>::memory(), memory_space.id(), space.id(), H5P_DEFAULT,
                     values.data()),
            what);
}

/// Copies `text` into a fixed-width, NUL-padded field, cutting it at a UTF-8 character boundary
/// when it is too long.
void put_string(std::byte* field, std::size_t width, const std::string& text) {
  std::size_t length = std::min(text.size(), width);
  if (length < text.size()) {
    while (length > 0 && (static_cast<unsigned char>(text[length]) & 0xC0U) == 0x80U) --length;
  }
  std::memcpy(field, text.data(), length);
}

template <typename T>
void put_value(std::byte* field, T value) {
  std::memcpy(field, &value, sizeof value);
}

/// The /events table: a 1-D, extendable compound dataset of fixed-size rows.
class EventTable {
 public:
  EventTable(hid_t location, const ResultsLayout& layout, int gzip_level,
             const std::string& file_path)
      : layout_(layout), file_path_(file_path) {
    std::size_t longest_actor = kMinActorWidth;
    for (const auto& id : layout.actors) longest_actor = std::max(longest_actor, id.size());
    actor_width_ = longest_actor;

    h5::Handle date_type = h5::fixed_string_type(10);
    h5::Handle actor_type = h5::fixed_string_type(actor_width_);
    h5::Handle cameo_type = h5::fixed_string_type(4);
    h5::Handle root_type = h5::fixed_string_type(2);
    h5::Handle location_type = h5::fixed_string_type(kLocationWidth);
    h5::Handle acled_type = h5::fixed_string_type(kAcledWidth);
    // Rows are packed; the file type stores little-endian numbers, the memory type native ones,
    // at the same offsets.
    struct Field {
      const char* name;
      hid_t file_type;
      hid_t memory_type;
    };
    const std::vector<Field> fields = {
        {"run", H5T_STD_I32LE, H5T_NATIVE_INT32},
        {"day", H5T_STD_I32LE, H5T_NATIVE_INT32},
        {"date", date_type.id(), date_type.id()},
        {"actor", actor_type.id(), actor_type.id()},
        {"target", actor_type.id(), actor_type.id()},
        {"cameo", cameo_type.id(), cameo_type.id()},
        {"cameo_root", root_type.id(), root_type.id()},
        {"quad_class", H5T_STD_I8LE, H5T_NATIVE_INT8},
        {"goldstein", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE},
        {"location", location_type.id(), location_type.id()},
        {"lat", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE},
        {"lon", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE},
        {"fatalities", H5T_STD_I32LE, H5T_NATIVE_INT32},
        {"forces", H5T_STD_I32LE, H5T_NATIVE_INT32},
        {"civilians", H5T_STD_I32LE, H5T_NATIVE_INT32},
        {"militants", H5T_STD_I32LE, H5T_NATIVE_INT32},
        {"claim_actor_own", H5T_STD_I32LE, H5T_NATIVE_INT32},
        {"claim_actor_enemy", H5T_STD_I32LE, H5T_NATIVE_INT32},
        {"claim_target_own", H5T_STD_I32LE, H5T_NATIVE_INT32},
        {"claim_target_enemy", H5T_STD_I32LE, H5T_NATIVE_INT32},
        {"acled_event_type", acled_type.id(), acled_type.id()},
        {"acled_sub_event_type", acled_type.id(), acled_type.id()},
    };
    row_size_ = 0;
    for (const auto& f : fields) {
      offsets_.push_back(row_size_);
      row_size_ += H5Tget_size(f.memory_type);
    }
    const std::string what = fmt::format("cannot create /events in {}", file_path_);
    h5::Handle file_type(H5Tcreate(H5T_COMPOUND, row_size_), what);
    memory_type_ = h5::Handle(H5Tcreate(H5T_COMPOUND, row_size_), what);
    for (std::size_t i = 0; i < fields.size(); ++i) {
      h5::check(H5Tinsert(file_type.id(), fields[i].name, offsets_[i], fields[i].file_type), what);
      h5::check(H5Tinsert(memory_type_.id(), fields[i].name, offsets_[i], fields[i].memory_type),
                what);
    }
    const hsize_t dims = 0;
    const hsize_t max_dims = H5S_UNLIMITED;
    h5::Handle space = h5::simple_space(std::span(&dims, 1), std::span(&max_dims, 1));
    const hsize_t chunk = kEventChunkRows;
    h5::Handle plist = dataset_properties(std::span(&chunk, 1), std::span(&chunk, 1), gzip_level);
    dataset_ = h5::Handle(H5Dcreate2(location, "events", file_type.id(), space.id(), H5P_DEFAULT,
                                     plist.id(), H5P_DEFAULT),
                          what);
    h5::write_attribute(dataset_.id(), "long_name", "events: actions and outcomes, one per row");
  }

  void append(std::int64_t run, const std::vector<EventRecord>& events) {
    // A block at a time, so that the packed copy of a run with many events stays small.
    for (std::size_t first = 0; first < events.size(); first += kAppendBlockRows) {
      const std::size_t n = std::min(kAppendBlockRows, events.size() - first);
      append_block(run, std::span(events).subspan(first, n));
    }
  }

  void close() {
    dataset_.close();
    memory_type_.close();
  }

 private:
  static constexpr std::size_t kAppendBlockRows = 1 << 16;  ///< about 11 MB of packed rows

  void append_block(std::int64_t run, std::span<const EventRecord> events) {
    if (events.empty()) return;
    std::vector<std::byte> rows(events.size() * row_size_, std::byte{0});
    for (std::size_t i = 0; i < events.size(); ++i) {
      encode(run, events[i], rows.data() + i * row_size_);
    }
    const std::string what =
        fmt::format("cannot append the events of run {} to {}", run, file_path_);
    const hsize_t start = rows_;
    const hsize_t count = events.size();
    const hsize_t new_size = rows_ + count;
    h5::check(H5Dset_extent(dataset_.id(), &new_size), what);
    h5::Handle file_space(H5Dget_space(dataset_.id()), what);
    h5::check(
        H5Sselect_hyperslab(file_space.id(), H5S_SELECT_SET, &start, nullptr, &count, nullptr),
        what);
    h5::Handle memory_space = h5::simple_space(std::span(&count, 1));
    h5::check(H5Dwrite(dataset_.id(), memory_type_.id(), memory_space.id(), file_space.id(),
                       H5P_DEFAULT, rows.data()),
              what);
    rows_ = new_size;
  }

  std::string actor_id(std::int32_t index, std::int64_t run) const {
    if (index == -1) return "";
    if (index < 0 || static_cast<std::size_t>(index) >= layout_.actors.size()) {
      throw std::invalid_argument(
          fmt::format("an event of run {} names actor index {}; the layout has {} actors", run,
                      index, layout_.actors.size()));
    }
    return layout_.actors[static_cast<std::size_t>(index)];
  }

  void encode(std::int64_t run, const EventRecord& e, std::byte* row) const {
    if (e.day < 0 || e.day >= layout_.days) {
      throw std::invalid_argument(fmt::format(
          "an event of run {} is on day {}; the run has {} days", run, e.day, layout_.days));
    }
    if (e.cameo.size() > 4) {
      throw std::invalid_argument(fmt::format(
          "an event of run {} has CAMEO code '{}'; codes have at most 4 characters", run, e.cameo));
    }
    std::size_t f = 0;
    put_value(row + offsets_[f++], static_cast<std::int32_t>(run));
    put_value(row + offsets_[f++], e.day);
    put_string(row + offsets_[f++], 10, layout_.dates[static_cast<std::size_t>(e.day)]);
    put_string(row + offsets_[f++], actor_width_, actor_id(e.actor, run));
    put_string(row + offsets_[f++], actor_width_, actor_id(e.target, run));
    put_string(row + offsets_[f++], 4, e.cameo);
    put_string(row + offsets_[f++], 2, e.cameo.substr(0, 2));
    put_value(row + offsets_[f++], static_cast<std::int8_t>(e.quad_class));
    put_value(row + offsets_[f++], e.goldstein);
    put_string(row + offsets_[f++], kLocationWidth, e.location);
    put_value(row + offsets_[f++], e.lat);
    put_value(row + offsets_[f++], e.lon);
    put_value(row + offsets_[f++], e.fatalities());
    put_value(row + offsets_[f++], e.forces);
    put_value(row + offsets_[f++], e.civilians);
    put_value(row + offsets_[f++], e.militants);
    put_value(row + offsets_[f++], e.claim_actor_own);
    put_value(row + offsets_[f++], e.claim_actor_enemy);
    put_value(row + offsets_[f++], e.claim_target_own);
    put_value(row + offsets_[f++], e.claim_target_enemy);
    put_string(row + offsets_[f++], kAcledWidth,
               std::string(acled_event_type(e.acled_sub_event_type)));
    put_string(row + offsets_[f++], kAcledWidth, e.acled_sub_event_type);
  }

  const ResultsLayout& layout_;
  std::string file_path_;
  std::size_t actor_width_ = kMinActorWidth;
  std::vector<std::size_t> offsets_;
  std::size_t row_size_ = 0;
  h5::Handle memory_type_;
  h5::Handle dataset_;
  hsize_t rows_ = 0;
};

struct Variable {
  h5::Handle dataset;
  std::vector<hsize_t> dims;  ///< dims[0] is the number of runs
};

}  // namespace

struct ResultsWriter::Impl {
  std::string final_path;
  std::string partial_path;
  ResultsLayout layout;
  WriterOptions options;
  bool partial_created = false;
  bool finished = false;
  std::int64_t runs_written = 0;
  std::int64_t last_run = -1;

  // Declared in opening order; close_quietly() closes them in reverse.
  h5::Handle file;
  h5::Handle runs_group;
  std::array<h5::Handle, kAxisCount> scales;
  std::map<std::string, Variable, std::less<>> variables;
  std::unique_ptr<EventTable> events;

  [[nodiscard]] std::string context() const { return fmt::format("results file {}", partial_path); }

  [[nodiscard]] hsize_t axis_size(Axis axis) const {
    switch (axis) {
      case Axis::kRun:
        return static_cast<hsize_t>(options.runs);
      case Axis::kDay:
        return static_cast<hsize_t>(layout.days);
      case Axis::kCategory:
        return layout.categories.size();
      case Axis::kActor:
        return layout.states.size();
      case Axis::kCrossing:
        return layout.crossings.size();
      case Axis::kDyad:
        return layout.dyads.size();
      case Axis::kGroup:
        return layout.groups.size();
    }
    return 0;
  }

  void create_file() {
    h5::Handle fcpl(H5Pcreate(H5P_FILE_CREATE), "cannot create file properties");
    h5::check(H5Pset_link_creation_order(fcpl.id(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
              "cannot track link creation order");
    // HDF5's metadata cache grows adaptively up to 32 MiB by default; runs are written once, in
    // order, so a small cache writes the same file with a memory use that does not grow with
    // the number of runs.
    h5::Handle fapl(H5Pcreate(H5P_FILE_ACCESS), "cannot create file access properties");
    H5AC_cache_config_t mdc;
    mdc.version = H5AC__CURR_CACHE_CONFIG_VERSION;
    h5::check(H5Pget_mdc_config(fapl.id(), &mdc), "cannot read the metadata cache settings");
    mdc.set_initial_size = true;
    mdc.initial_size = 1 << 20;
    mdc.max_size = 4 << 20;
    mdc.min_size = 1 << 20;
    h5::check(H5Pset_mdc_config(fapl.id(), &mdc), "cannot set the metadata cache size");
    // H5F_ACC_EXCL is open(O_CREAT | O_EXCL): never over an existing file, never through a link.
    file = h5::Handle(H5Fcreate(partial_path.c_str(), H5F_ACC_EXCL, fcpl.id(), fapl.id()),
                      fmt::format("cannot create results file {}", partial_path));
    partial_created = true;
  }

  void write_root_attributes(const Provenance& provenance) {
    const hid_t root = file.id();
    h5::write_attribute(root, "format", "flashpoint-results");
    h5::write_attribute(root, "format_version", std::int32_t{kResultsFormatVersion});
    h5::write_attribute(root, "software_version", kSoftwareVersion);
    h5::write_attribute(root, "git_commit", kGitCommit);
    h5::write_attribute(root, "created_utc", utc_now());
    h5::write_attribute(root, "command_line", provenance.command_line);
    h5::write_attribute(root, "master_seed", provenance.master_seed);
    h5::write_attribute(root, "scenario_name", provenance.scenario_name);
    h5::write_attribute(root, "scenario_path", provenance.scenario_path);
    h5::write_attribute(root, "start_date", provenance.start_date);
    h5::write_attribute(root, "runs", std::int64_t{options.runs});
    h5::write_attribute(root, "days", std::int32_t{layout.days});
    h5::write_attribute(root, "series_kept", std::int32_t{options.series ? 1 : 0});
    h5::write_attribute(root, "events_kept", std::int32_t{options.events ? 1 : 0});
    // Replaced by "complete" in finish(); a file left behind by a crash says "incomplete".
    h5::write_attribute(root, "status", "incomplete");
  }

  void write_provenance(const Provenance& provenance) {
    const std::string what = fmt::format("cannot write /provenance to {}", partial_path);
    h5::Handle group(H5Gcreate2(file.id(), "provenance", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                     what);
    h5::write_string_dataset(group.id(), "scenario_yaml", provenance.scenario_yaml);

    struct Row {
      const char* path;
      const char* value;
    };
    h5::Handle string_type = h5::vlen_string_type();
    h5::Handle row_type(H5Tcreate(H5T_COMPOUND, sizeof(Row)), what);
    h5::check(H5Tinsert(row_type.id(), "path", HOFFSET(Row, path), string_type.id()), what);
    h5::check(H5Tinsert(row_type.id(), "value", HOFFSET(Row, value), string_type.id()), what);
    std::vector<Row> rows;
    rows.reserve(provenance.resolved_parameters.size());
    for (const auto& [path, value] : provenance.resolved_parameters) {
      rows.push_back({path.c_str(), value.c_str()});
    }
    const hsize_t count = rows.size();
    h5::Handle space = h5::simple_space(std::span(&count, 1));
    h5::Handle dataset(H5Dcreate2(group.id(), "parameters", row_type.id(), space.id(), H5P_DEFAULT,
                                  H5P_DEFAULT, H5P_DEFAULT),
                       what);
    if (!rows.empty()) {
      h5::check(H5Dwrite(dataset.id(), row_type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, rows.data()),
                what);
    }
    h5::write_attribute(dataset.id(), "long_name", "resolved scenario parameters");
    dataset.close();
    group.close();
  }

  void describe(hid_t dataset, const char* long_name, const char* units) {
    h5::write_attribute(dataset, "long_name", long_name);
    h5::write_attribute(dataset, "units", units);
  }

  void create_scales() {
    const std::string what =
        fmt::format("cannot write the coordinates of /runs to {}", partial_path);
    const auto run_count = axis_size(Axis::kRun);
    const auto day_count = axis_size(Axis::kDay);

    std::vector<std::int64_t> run_index(run_count);
    for (std::size_t i = 0; i < run_index.size(); ++i) run_index[i] = static_cast<std::int64_t>(i);
    std::vector<std::int32_t> day_index(day_count);
    for (std::size_t i = 0; i < day_index.size(); ++i) day_index[i] = static_cast<std::int32_t>(i);

    auto numeric_scale = [&](const char* name, auto* values, hsize_t size) {
      using T = std::remove_cv_t<std::remove_pointer_t<decltype(values)>>;
      h5::Handle space = h5::simple_space(std::span(&size, 1));
      h5::Handle plist =
          dataset_properties(std::span(&size, 1), std::span(&size, 1), options.gzip_level);
      h5::Handle dataset(H5Dcreate2(runs_group.id(), name, h5::TypeOf<T>::file(), space.id(),
                                    H5P_DEFAULT, plist.id(), H5P_DEFAULT),
                         what);
      if (size > 0) {
        h5::check(
            H5Dwrite(dataset.id(), h5::TypeOf<T>::memory(), H5S_ALL, H5S_ALL, H5P_DEFAULT, values),
            what);
      }
      return dataset;
    };
    auto& s = scales;
    s[static_cast<int>(Axis::kRun)] = numeric_scale("run", run_index.data(), run_count);
    s[static_cast<int>(Axis::kDay)] = numeric_scale("day", day_index.data(), day_count);
    s[static_cast<int>(Axis::kCategory)] =
        h5::write_strings_dataset(runs_group.id(), "category", layout.categories);
    s[static_cast<int>(Axis::kActor)] =
        h5::write_strings_dataset(runs_group.id(), "actor", layout.states);
    s[static_cast<int>(Axis::kCrossing)] =
        h5::write_strings_dataset(runs_group.id(), "crossing", layout.crossings);
    s[static_cast<int>(Axis::kDyad)] =
        h5::write_strings_dataset(runs_group.id(), "dyad", layout.dyads);
    s[static_cast<int>(Axis::kGroup)] =
        h5::write_strings_dataset(runs_group.id(), "group", layout.groups);

    static constexpr std::array<std::array<const char*, 2>, kAxisCount> kDescriptions = {{
        {"run index", "1"},
        {"day index (day 0 is start_date)", "1"},
        {"fatality category", ""},
        {"state", ""},
        {"border crossing", ""},
        {"directed pair of states", ""},
        {"armed group", ""},
    }};
    for (std::size_t axis = 0; axis < kAxisCount; ++axis) {
      h5::check(H5DSset_scale(s[axis].id(), kAxisNames[axis]), what);
      describe(s[axis].id(), kDescriptions[axis][0], kDescriptions[axis][1]);
    }

    h5::Handle date = h5::write_strings_dataset(runs_group.id(), "date", layout.dates);
    h5::check(H5DSattach_scale(date.id(), s[static_cast<int>(Axis::kDay)].id(), 0), what);
    describe(date.id(), "calendar date of the day (YYYY-MM-DD)", "");
    date.close();
  }

  [[nodiscard]] static bool is_daily(const VariableSpec& spec) {
    return spec.axes.size() > 1 && spec.axes[1] == Axis::kDay;
  }

  /// Variables that describe /events, kept only with it.
  [[nodiscard]] static bool is_event_count(const VariableSpec& spec) {
    return std::string_view(spec.name) == "events_dropped";
  }

  void create_variables() {
    for (const auto& spec : variable_specs()) {
      if (!options.series && is_daily(spec)) continue;
      if (!options.events && is_event_count(spec)) continue;
      const std::string what = fmt::format("cannot create /runs/{} in {}", spec.name, partial_path);
      Variable v;
      for (Axis axis : spec.axes) v.dims.push_back(axis_size(axis));
      std::vector<hsize_t> chunk = v.dims;
      chunk[0] = is_daily(spec) ? 1 : std::min<hsize_t>(v.dims[0], kOutcomeChunkRuns);
      h5::Handle space = h5::simple_space(v.dims);
      h5::Handle plist = dataset_properties(v.dims, chunk, options.gzip_level);
      // Runs are written once each, in order: a daily chunk (one run) is never touched again, so
      // caching it only costs memory (HDF5's default is 1 MiB per dataset); an outcome chunk
      // (1,024 runs) must stay cached while it fills.
      h5::Handle access(H5Pcreate(H5P_DATASET_ACCESS), what);
      h5::check(H5Pset_chunk_cache(access.id(), 521, is_daily(spec) ? 0 : 64 * 1024,
                                   H5D_CHUNK_CACHE_W0_DEFAULT),
                what);
      v.dataset = h5::Handle(H5Dcreate2(runs_group.id(), spec.name, file_type_of(spec.element),
                                        space.id(), H5P_DEFAULT, plist.id(), access.id()),
                             what);
      for (std::size_t i = 0; i < spec.axes.size(); ++i) {
        h5::check(H5DSattach_scale(v.dataset.id(), scales[static_cast<int>(spec.axes[i])].id(),
                                   static_cast<unsigned>(i)),
                  what);
      }
      describe(v.dataset.id(), spec.long_name, spec.units);
      variables.emplace(spec.name, std::move(v));
    }
  }

  /// Writes one run's slice [run, ...] of a /runs variable.
  template <typename T>
  void write_row(std::string_view name, std::int64_t run, std::span<const T> values) {
    auto found = variables.find(name);
    if (found == variables.end()) return;  // a daily series the file does not keep
    Variable& v = found->second;
    hsize_t per_run = 1;
    for (std::size_t i = 1; i < v.dims.size(); ++i) per_run *= v.dims[i];
    if (values.size() != per_run) {
      throw std::invalid_argument(
          fmt::format("RunResult::{} of run {} has {} values; the results layout needs {}", name,
                      run, values.size(), per_run));
    }
    if (per_run == 0) return;
    const std::string what =
        fmt::format("cannot write /runs/{} of run {} to {}", name, run, partial_path);
    std::vector<hsize_t> start(v.dims.size(), 0);
    std::vector<hsize_t> count = v.dims;
    start[0] = static_cast<hsize_t>(run);
    count[0] = 1;
    h5::Handle file_space(H5Dget_space(v.dataset.id()), what);
    h5::check(H5Sselect_hyperslab(file_space.id(), H5S_SELECT_SET, start.data(), nullptr,
                                  count.data(), nullptr),
              what);
    h5::Handle memory_space = h5::simple_space(std::span(&per_run, 1));
    h5::check(H5Dwrite(v.dataset.id(), h5::TypeOf<T>::memory(), memory_space.id(), file_space.id(),
                       H5P_DEFAULT, values.data()),
              what);
  }

  template <typename T>
  void write_value(std::string_view name, std::int64_t run, const T& value) {
    write_row(name, run, std::span<const T>(&value, 1));
  }

  /// Closes every handle, children first; reports the first failure.
  void close_all() {
    if (events) events->close();
    for (auto& [name, v] : variables) v.dataset.close();
    for (auto& s : scales) s.close();
    runs_group.close();
    file.close();
  }

  void close_quietly() noexcept {
    events.reset();
    variables.clear();
    for (auto& s : scales) s = h5::Handle();
    runs_group = h5::Handle();
    file = h5::Handle();
  }

  ~Impl() {
    close_quietly();
    if (partial_created && !finished) {
      std::error_code ignored;
      std::filesystem::remove(partial_path, ignored);
    }
  }
};

ResultsWriter::ResultsWriter(std::string final_path, const ResultsLayout& layout,
                             const Provenance& provenance, WriterOptions options)
    : impl_(std::make_unique<Impl>()) {
  h5::silence_errors();
  Impl& w = *impl_;
  w.final_path = std::move(final_path);
  w.partial_path = temporary_path_for(w.final_path);
  w.layout = layout;
  w.options = options;
  if (options.runs < 0 || layout.days < 0 ||
      layout.dates.size() != static_cast<std::size_t>(layout.days)) {
    throw std::invalid_argument(fmt::format(
        "results layout for {}: {} runs, {} days, {} dates (need runs >= 0 and one date per day)",
        w.final_path, options.runs, layout.days, layout.dates.size()));
  }
  if (options.gzip_level < 0 || options.gzip_level > 9) {
    throw std::invalid_argument(fmt::format("gzip level {} is not in 0-9", options.gzip_level));
  }
  if (!options.overwrite && std::filesystem::exists(w.final_path)) {
    throw OutputError(fmt::format(
        "cannot write results file {}: it already exists and overwriting is off", w.final_path));
  }

  w.create_file();
  w.write_root_attributes(provenance);
  w.write_provenance(provenance);
  h5::Handle gcpl(H5Pcreate(H5P_GROUP_CREATE), "cannot create group properties");
  h5::check(H5Pset_link_creation_order(gcpl.id(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
            "cannot track link creation order");
  w.runs_group = h5::Handle(H5Gcreate2(w.file.id(), "runs", H5P_DEFAULT, gcpl.id(), H5P_DEFAULT),
                            fmt::format("cannot create /runs in {}", w.partial_path));
  w.create_scales();
  w.create_variables();
  if (options.events) {
    w.events =
        std::make_unique<EventTable>(w.file.id(), w.layout, options.gzip_level, w.partial_path);
  }
}

ResultsWriter::~ResultsWriter() = default;

void ResultsWriter::write(const RunResult& run) {
  Impl& w = *impl_;
  if (w.finished) throw std::logic_error("ResultsWriter::write() after finish()");
  const std::int64_t r = run.run;
  if (r < 0 || r >= w.options.runs || r <= w.last_run) {
    throw std::invalid_argument(fmt::format(
        "run {} cannot be written to {}: runs go from 0 to {}, in increasing order (last "
        "written: {})",
        r, w.final_path, w.options.runs - 1, w.last_run));
  }
  w.write_value("seed", r, run.seed);
  w.write_value("replicate", r, run.replicate);
  w.write_row("escalation", r, std::span(run.escalation));
  w.write_row("fatalities", r, std::span(run.fatalities));
  w.write_row("attacks_daily", r, std::span(run.attacks_daily));
  w.write_row("hostility", r, std::span(run.hostility));
  w.write_row("posts_held", r, std::span(run.posts_held));
  w.write_row("crossing_open", r, std::span(run.crossing_open));
  w.write_row("trade_flow_usd", r, std::span(run.trade_flow_usd));
  w.write_row("ceasefire", r, std::span(run.ceasefire));
  w.write_row("mediation_active", r, std::span(run.mediation_active));
  w.write_row("talks_rounds", r, std::span(run.talks_rounds));
  w.write_row("displaced", r, std::span(run.displaced));
  w.write_row("active_share", r, std::span(run.active_share));
  w.write_row("legitimacy", r, std::span(run.legitimacy));
  w.write_row("refugees", r, std::span(run.refugees));
  w.write_row("returnees_daily", r, std::span(run.returnees_daily));
  w.write_row("sanctuary_tolerance", r, std::span(run.sanctuary_tolerance));
  w.write_row("cells", r, std::span(run.cells));
  w.write_row("fighters", r, std::span(run.fighters));
  w.write_value("peak_escalation", r, run.peak_escalation);
  w.write_value("conflict_days", r, run.conflict_days);
  w.write_value("first_ceasefire_day", r, run.first_ceasefire_day);
  w.write_value("first_conflict_day", r, run.first_conflict_day);
  w.write_value("first_ceasefire_after_conflict_day", r, run.first_ceasefire_after_conflict_day);
  w.write_value("ceasefire_breakdowns", r, run.ceasefire_breakdowns);
  w.write_value("attacks", r, run.attacks);
  w.write_value("trade_lost_usd", r, run.trade_lost_usd);
  w.write_row("posts_captured", r, std::span(run.posts_captured));
  w.write_row("crossing_closed_days", r, std::span(run.crossing_closed_days));
  w.write_row("fatalities_total", r, std::span(run.fatalities_total));
  w.write_row("final_hostility", r, std::span(run.final_hostility));
  w.write_value("reached_rung8", r, run.reached_rung8);
  w.write_value("peak_displaced", r, run.peak_displaced);
  w.write_value("returnees", r, run.returnees);
  w.write_row("exports_lost_usd", r, std::span(run.exports_lost_usd));
  w.write_value("events_dropped", r, run.events_dropped);
  if (w.events) w.events->append(r, run.events);
  w.last_run = r;
  ++w.runs_written;
}

void ResultsWriter::write_root_attribute(const std::string& name, const std::string& value) {
  h5::write_attribute(impl_->file.id(), name, value);
}

void ResultsWriter::write_provenance_text(const std::string& name, const std::string& text) {
  Impl& w = *impl_;
  h5::Handle group(H5Gopen2(w.file.id(), "provenance", H5P_DEFAULT),
                   fmt::format("cannot open /provenance in {}", w.partial_path));
  h5::write_string_dataset(group.id(), name, text);
  group.close();
}

void ResultsWriter::write_run_column(const std::string& name,
                                     const std::function<std::int64_t(std::int64_t run)>& value,
                                     const std::string& long_name) {
  Impl& w = *impl_;
  const std::string what = fmt::format("cannot write /runs/{} to {}", name, w.partial_path);
  const auto size = static_cast<hsize_t>(w.options.runs);
  const hsize_t chunk = std::min<hsize_t>(size, kOutcomeChunkRuns);
  h5::Handle space = h5::simple_space(std::span(&size, 1));
  h5::Handle plist =
      dataset_properties(std::span(&size, 1), std::span(&chunk, 1), w.options.gzip_level);
  h5::Handle dataset(H5Dcreate2(w.runs_group.id(), name.c_str(), H5T_STD_I64LE, space.id(),
                                H5P_DEFAULT, plist.id(), H5P_DEFAULT),
                     what);
  // A chunk at a time: the column is never whole in memory.
  std::vector<std::int64_t> block;
  for (hsize_t start = 0; start < size; start += chunk) {
    block.resize(std::min(chunk, size - start));
    for (hsize_t i = 0; i < block.size(); ++i) {
      block[i] = value(static_cast<std::int64_t>(start + i));
    }
    write_row_block(dataset.id(), start, std::span<const std::int64_t>(block), what);
  }
  h5::check(H5DSattach_scale(dataset.id(), w.scales[static_cast<int>(Axis::kRun)].id(), 0), what);
  w.describe(dataset.id(), long_name.c_str(), "1");
  dataset.close();
}

void ResultsWriter::write_group(const TableGroup& g) {
  Impl& w = *impl_;
  const std::string what = fmt::format("cannot write /{} to {}", g.name, w.partial_path);
  h5::Handle lcpl(H5Pcreate(H5P_LINK_CREATE), what);
  h5::check(H5Pset_create_intermediate_group(lcpl.id(), 1), what);
  h5::Handle gcpl(H5Pcreate(H5P_GROUP_CREATE), what);
  h5::check(H5Pset_link_creation_order(gcpl.id(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
            what);
  h5::Handle group(H5Gcreate2(w.file.id(), g.name.c_str(), lcpl.id(), gcpl.id(), H5P_DEFAULT),
                   what);
  for (const auto& [name, value] : g.attributes) h5::write_attribute(group.id(), name, value);
  std::map<std::string, std::pair<h5::Handle, hsize_t>, std::less<>> scales;
  for (const auto& c : g.coordinates) {
    h5::Handle scale;
    hsize_t size = c.labels.empty() ? c.size : c.labels.size();
    if (!c.labels.empty()) {
      scale = h5::write_strings_dataset(group.id(), c.name, c.labels);
    } else {
      h5::Handle space = h5::simple_space(std::span(&size, 1));
      scale = h5::Handle(H5Dcreate2(group.id(), c.name.c_str(), H5T_STD_I64LE, space.id(),
                                    H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                         what);
      // 0 .. size-1, a block at a time (a coordinate may count 10^6 design points).
      std::vector<std::int64_t> index;
      for (hsize_t first = 0; first < size; first += kDeferredChunkRows) {
        index.resize(std::min(kDeferredChunkRows, size - first));
        std::iota(index.begin(), index.end(), static_cast<std::int64_t>(first));
        write_row_block(scale.id(), first, std::span<const std::int64_t>(index), what);
      }
    }
    h5::check(H5DSset_scale(scale.id(), c.name.c_str()), what);
    scales.emplace(c.name, std::make_pair(std::move(scale), size));
  }
  for (const auto& v : g.variables) {
    std::vector<hsize_t> dims;
    hsize_t count = 1;
    for (const auto& d : v.dims) {
      auto it = scales.find(d);
      if (it == scales.end()) {
        throw std::invalid_argument(
            fmt::format("/{}/{}: no coordinate named '{}'", g.name, v.name, d));
      }
      dims.push_back(it->second.second);
      count *= it->second.second;
    }
    const bool later = v.deferred || static_cast<bool>(v.row_values);
    if (later ? !v.values.empty() : count != v.values.size()) {
      throw std::invalid_argument(fmt::format("/{}/{} has {} values; its shape holds {}", g.name,
                                              v.name, v.values.size(), later ? 0 : count));
    }
    h5::Handle space = h5::simple_space(dims);
    // A deferred table is written later in blocks of rows: chunked one column wide, so that
    // read_column() reads only its own column's chunks.
    h5::Handle plist(H5Pcreate(H5P_DATASET_CREATE), what);
    if (later && !dims.empty()) {
      std::vector<hsize_t> chunk(dims.size(), 1);
      chunk[0] = std::min<hsize_t>(dims[0], kDeferredChunkRows);
      plist = dataset_properties(dims, chunk, w.options.gzip_level);
    }
    h5::Handle dataset(H5Dcreate2(group.id(), v.name.c_str(), H5T_IEEE_F64LE, space.id(),
                                  H5P_DEFAULT, plist.id(), H5P_DEFAULT),
                       what);
    if (count > 0 && !later) {
      h5::check(
          H5Dwrite(dataset.id(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.values.data()),
          what);
    }
    if (v.row_values && count > 0) {
      // Generated a block of rows at a time: the table is never whole in memory.
      const hsize_t per_row = count / dims[0];
      std::vector<double> rows;
      for (hsize_t first = 0; first < dims[0]; first += kDeferredChunkRows) {
        const hsize_t n = std::min(kDeferredChunkRows, dims[0] - first);
        rows.resize(n * per_row);
        for (hsize_t i = 0; i < n; ++i) {
          v.row_values(first + i, std::span(rows).subspan(i * per_row, per_row));
        }
        write_row_block(dataset.id(), first, std::span<const double>(rows), what);
      }
    }
    for (std::size_t i = 0; i < v.dims.size(); ++i) {
      h5::check(H5DSattach_scale(dataset.id(), scales.find(v.dims[i])->second.first.id(),
                                 static_cast<unsigned>(i)),
                what);
    }
    w.describe(dataset.id(), v.long_name.c_str(), v.units.c_str());
    dataset.close();
  }
  for (auto& [name, scale] : scales) scale.first.close();
  group.close();
}

void ResultsWriter::write_rows(const std::string& dataset_path, std::size_t first_row,
                               std::span<const double> values) {
  Impl& w = *impl_;
  const std::string what = fmt::format("cannot write /{} to {}", dataset_path, w.partial_path);
  h5::Handle dataset(H5Dopen2(w.file.id(), dataset_path.c_str(), H5P_DEFAULT), what);
  write_row_block(dataset.id(), first_row, values, what);
}

std::vector<double> ResultsWriter::read_column(const std::string& dataset_path,
                                               std::size_t column) {
  Impl& w = *impl_;
  const std::string what = fmt::format("cannot read /{} of {}", dataset_path, w.partial_path);
  h5::Handle dataset(H5Dopen2(w.file.id(), dataset_path.c_str(), H5P_DEFAULT), what);
  h5::Handle space(H5Dget_space(dataset.id()), what);
  std::array<hsize_t, 2> dims{};
  if (H5Sget_simple_extent_ndims(space.id()) != 2 ||
      H5Sget_simple_extent_dims(space.id(), dims.data(), nullptr) < 0 || column >= dims[1]) {
    throw std::invalid_argument(
        fmt::format("/{} is not a 2-D table with a column {}", dataset_path, column));
  }
  std::vector<double> out(dims[0]);
  if (out.empty()) return out;
  const std::array<hsize_t, 2> start{0, column}, count{dims[0], 1};
  h5::check(
      H5Sselect_hyperslab(space.id(), H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr),
      what);
  const hsize_t n = dims[0];
  h5::Handle memory_space = h5::simple_space(std::span(&n, 1));
  h5::check(H5Dread(dataset.id(), H5T_NATIVE_DOUBLE, memory_space.id(), space.id(), H5P_DEFAULT,
                    out.data()),
            what);
  return out;
}

void ResultsWriter::finish() {
  Impl& w = *impl_;
  if (w.finished) return;
  if (w.runs_written != w.options.runs) {
    throw OutputError(fmt::format(
        "results file {}: only {} of {} runs were written; an incomplete file is not kept",
        w.final_path, w.runs_written, w.options.runs));
  }
  h5::write_attribute(w.file.id(), "status", "complete");
  w.close_all();
  replace_output(w.partial_path, w.final_path, w.options.overwrite);
  w.finished = true;
}

}  // namespace flashpoint
