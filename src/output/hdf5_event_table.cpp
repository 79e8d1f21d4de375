// The /events group of a results file (docs/output.md, "/events"): one 1-D variable per column on
// the extendable dimension `event`, appended run by run, so that netCDF tools (ncdump, netCDF4,
// R's ncdf4) and xarray read it as they read any netCDF-4 group. Text columns are netCDF character
// arrays [event, nchar] with `_Encoding` utf-8, which every netCDF reader turns into strings and
// which compress as well as the fixed-width rows of format 7 did (variable-length strings would
// take eight times the space: each one is a separate, uncompressed heap object). Part of
// ResultsWriter (hdf5_writer_impl.hpp).
#include <hdf5.h>
#include <hdf5_hl.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/acled.hpp"
#include "output/hdf5_writer_impl.hpp"
#include "scenario/scenario.hpp"

namespace flashpoint::writer_detail {
namespace {

constexpr hsize_t kEventChunkRows = 4096;
constexpr std::size_t kMinActorWidth = 8;
constexpr std::size_t kLocationWidth = 32;
constexpr std::size_t kAcledWidth = 40;   ///< the longest ACLED name has 35 characters
constexpr std::size_t kActionWidth = 20;  ///< the longest action name has 18 characters

/// How a column marks a missing value (CF `_FillValue` and `missing_value`).
enum Missing : int { kNoMissing = 0, kMinusOne = 1, kNaN = 2 };

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

/// The name netCDF-4 gives the dimension scale of a dimension without a coordinate variable.
std::string netcdf_dimension_name(std::size_t length) {
  return fmt::format("This is a netCDF dimension but not a netCDF variable.{:10d}", length);
}

}  // namespace

EventTable::EventTable(hid_t file, const ResultsLayout& layout, const std::string& start_date,
                       int gzip_level, const std::string& file_path)
    : layout_(layout), file_path_(file_path) {
  std::size_t longest_actor = kMinActorWidth;
  for (const auto& id : layout.actors) longest_actor = std::max(longest_actor, id.size());
  actor_width_ = longest_actor;
  const std::string what = fmt::format("cannot create /events in {}", file_path_);

  h5::Handle gcpl(H5Pcreate(H5P_GROUP_CREATE), what);
  h5::check(H5Pset_link_creation_order(gcpl.id(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
            what);
  group_ = h5::Handle(H5Gcreate2(file, "events", H5P_DEFAULT, gcpl.id(), H5P_DEFAULT), what);
  h5::write_attribute(group_.id(), "description",
                      "every event of every run: actions and outcomes, one per index of `event`");

  // The dimension `event`: a coordinate of row numbers, extendable like every column.
  const hsize_t none = 0;
  const hsize_t unlimited = H5S_UNLIMITED;
  const hsize_t chunk = kEventChunkRows;
  {
    h5::Handle space = h5::simple_space(std::span(&none, 1), std::span(&unlimited, 1));
    h5::Handle plist = dataset_properties(std::span(&chunk, 1), std::span(&chunk, 1), gzip_level);
    event_scale_ = h5::Handle(H5Dcreate2(group_.id(), "event", H5T_STD_I64LE, space.id(),
                                         H5P_DEFAULT, plist.id(), H5P_DEFAULT),
                              what);
    h5::check(H5DSset_scale(event_scale_.id(), "event"), what);
    h5::write_attribute(event_scale_.id(), "long_name", "event index (row of the table)");
    h5::write_attribute(event_scale_.id(), "units", "1");
  }

  const std::string time_units = fmt::format("days since {} 00:00:00", start_date);
  struct Spec {
    const char* name;
    hid_t file_type;
    hid_t memory_type;
    std::size_t width;
    const char* long_name;
    std::string units;
    Missing missing;
  };
  const std::vector<Spec> specs = {
      {"run", H5T_STD_I32LE, H5T_NATIVE_INT32, 0, "run index (the run coordinate of /runs)", "1",
       kNoMissing},
      {"day", H5T_STD_I32LE, H5T_NATIVE_INT32, 0, "day index of the event (0 is start_date)", "1",
       kNoMissing},
      {"date", -1, -1, 10, "calendar date of the event (YYYY-MM-DD)", "", kNoMissing},
      {"actor", -1, -1, actor_width_, "id of the actor who acted", "", kNoMissing},
      {"target", -1, -1, actor_width_, "id of the actor acted upon (empty: none)", "", kNoMissing},
      {"cameo", -1, -1, 4, "CAMEO event code", "", kNoMissing},
      {"cameo_root", -1, -1, 2, "CAMEO root category (first two characters of cameo)", "",
       kNoMissing},
      {"quad_class", H5T_STD_I8LE, H5T_NATIVE_INT8, 0, "CAMEO quad class", "", kNoMissing},
      {"goldstein", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, 0,
       "Goldstein score, -10 (conflict) to +10 (cooperation)", "1", kNoMissing},
      {"location", -1, -1, kLocationWidth, "sector or district id (empty: no place)", "",
       kNoMissing},
      {"lat", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, 0, "latitude of the event", "degrees_north", kNaN},
      {"lon", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, 0, "longitude of the event", "degrees_east", kNaN},
      {"fatalities", H5T_STD_I32LE, H5T_NATIVE_INT32, 0, "deaths the event caused", "deaths",
       kNoMissing},
      {"forces", H5T_STD_I32LE, H5T_NATIVE_INT32, 0, "security forces killed", "deaths",
       kNoMissing},
      {"civilians", H5T_STD_I32LE, H5T_NATIVE_INT32, 0, "civilians killed", "deaths", kNoMissing},
      {"militants", H5T_STD_I32LE, H5T_NATIVE_INT32, 0, "armed-group fighters killed", "deaths",
       kNoMissing},
      {"claim_actor_own", H5T_STD_I32LE, H5T_NATIVE_INT32, 0,
       "own losses the actor announced (missing: nobody announced)", "deaths", kMinusOne},
      {"claim_actor_enemy", H5T_STD_I32LE, H5T_NATIVE_INT32, 0,
       "the target's losses the actor announced (missing: nobody announced)", "deaths", kMinusOne},
      {"claim_target_own", H5T_STD_I32LE, H5T_NATIVE_INT32, 0,
       "own losses the target announced (missing: nobody announced)", "deaths", kMinusOne},
      {"claim_target_enemy", H5T_STD_I32LE, H5T_NATIVE_INT32, 0,
       "the actor's losses the target announced (missing: nobody announced)", "deaths", kMinusOne},
      {"acled_event_type", -1, -1, kAcledWidth, "ACLED event type (empty: none)", "", kNoMissing},
      {"acled_sub_event_type", -1, -1, kAcledWidth, "ACLED sub-event type (empty: none)", "",
       kNoMissing},
      {"injured", H5T_STD_I32LE, H5T_NATIVE_INT32, 0, "people the event injured", "people",
       kNoMissing},
      {"injured_forces", H5T_STD_I32LE, H5T_NATIVE_INT32, 0, "security forces injured", "people",
       kNoMissing},
      {"injured_civilians", H5T_STD_I32LE, H5T_NATIVE_INT32, 0, "civilians injured", "people",
       kNoMissing},
      {"injured_militants", H5T_STD_I32LE, H5T_NATIVE_INT32, 0, "armed-group fighters injured",
       "people", kNoMissing},
      {"action", -1, -1, kActionWidth, "ladder action the event carries out (empty: none)", "",
       kNoMissing},
      {"time", H5T_STD_I32LE, H5T_NATIVE_INT32, 0, "time", time_units, kNoMissing},
  };

  h5::Handle char_type = h5::fixed_string_type(1);
  for (const Spec& spec : specs) {
    Column c;
    c.name = spec.name;
    c.file_type = spec.file_type;
    c.memory_type = spec.memory_type;
    c.width = spec.width;
    c.long_name = spec.long_name;
    c.units = spec.units;
    const bool text = spec.width > 0;
    c.bytes = text ? spec.width : H5Tget_size(spec.memory_type);
    h5::Handle width_scale;
    if (text) {
      // The dimension of the characters: one per width, shared by the columns of that width.
      const std::string name = fmt::format("nchar{}", spec.width);
      if (H5Lexists(group_.id(), name.c_str(), H5P_DEFAULT) <= 0) {
        const hsize_t w = spec.width;
        h5::Handle space = h5::simple_space(std::span(&w, 1));
        width_scales_.emplace_back(H5Dcreate2(group_.id(), name.c_str(), H5T_IEEE_F32LE, space.id(),
                                              H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                                   what);
        h5::check(H5DSset_scale(width_scales_.back().id(), netcdf_dimension_name(w).c_str()), what);
      }
      width_scale = h5::Handle(H5Dopen2(group_.id(), name.c_str(), H5P_DEFAULT), what);
    }
    const std::array<hsize_t, 2> dims = {0, spec.width};
    const std::array<hsize_t, 2> max_dims = {H5S_UNLIMITED, spec.width};
    const std::array<hsize_t, 2> chunks = {kEventChunkRows, spec.width};
    const std::size_t rank = text ? 2 : 1;
    h5::Handle space =
        h5::simple_space(std::span(dims.data(), rank), std::span(max_dims.data(), rank));
    h5::Handle plist = dataset_properties(std::span(chunks.data(), rank),
                                          std::span(chunks.data(), rank), gzip_level);
    const std::int32_t minus_one = -1;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    if (spec.missing == kMinusOne) {
      h5::check(H5Pset_fill_value(plist.id(), H5T_NATIVE_INT32, &minus_one), what);
    } else if (spec.missing == kNaN) {
      h5::check(H5Pset_fill_value(plist.id(), H5T_NATIVE_DOUBLE, &nan), what);
    }
    c.dataset =
        h5::Handle(H5Dcreate2(group_.id(), spec.name, text ? char_type.id() : spec.file_type,
                              space.id(), H5P_DEFAULT, plist.id(), H5P_DEFAULT),
                   what);
    const hid_t d = c.dataset.id();
    h5::check(H5DSattach_scale(d, event_scale_.id(), 0), what);
    if (text) {
      h5::check(H5DSattach_scale(d, width_scale.id(), 1), what);
      h5::write_attribute(d, "_Encoding", "utf-8");
    }
    h5::write_attribute(d, "long_name", spec.long_name);
    if (!spec.units.empty()) h5::write_attribute(d, "units", spec.units);
    if (spec.missing == kMinusOne) {
      h5::write_attribute(d, "_FillValue", minus_one);
      h5::write_attribute(d, "missing_value", minus_one);
    } else if (spec.missing == kNaN) {
      h5::write_attribute(d, "_FillValue", nan);
      h5::write_attribute(d, "missing_value", nan);
    }
    const std::string_view name = spec.name;
    if (name == "time") {
      h5::write_attribute(d, "standard_name", "time");
      h5::write_attribute(d, "calendar", "proleptic_gregorian");
    } else if (name == "lat") {
      h5::write_attribute(d, "standard_name", "latitude");
    } else if (name == "lon") {
      h5::write_attribute(d, "standard_name", "longitude");
    } else if (name == "quad_class") {
      const std::array<std::int8_t, 4> values = {1, 2, 3, 4};
      h5::write_attribute(d, "flag_values", std::span<const std::int8_t>(values));
      h5::write_attribute(d, "flag_meanings",
                          "verbal_cooperation material_cooperation verbal_conflict "
                          "material_conflict");
    }
    columns_.push_back(std::move(c));
  }
}

void EventTable::append(std::int64_t run, const std::vector<EventRecord>& events) {
  // A block at a time, so that the copy of a run with many events stays small.
  for (std::size_t first = 0; first < events.size(); first += kAppendBlockRows) {
    const std::size_t n = std::min(kAppendBlockRows, events.size() - first);
    append_block(run, std::span(events).subspan(first, n));
  }
}

void EventTable::close() {
  for (Column& c : columns_) c.dataset.close();
  for (h5::Handle& s : width_scales_) s.close();
  event_scale_.close();
  group_.close();
}

void EventTable::append_block(std::int64_t run, std::span<const EventRecord> events) {
  if (events.empty()) return;
  const std::size_t n = events.size();
  for (Column& c : columns_) c.buffer.assign(n * c.bytes, std::byte{0});
  for (std::size_t i = 0; i < n; ++i) encode(run, events[i], i);

  const std::string what = fmt::format("cannot append the events of run {} to {}", run, file_path_);
  const hsize_t start = rows_;
  const hsize_t count = n;
  const hsize_t new_size = rows_ + count;
  auto write = [&](hid_t dataset, hid_t memory_type, std::size_t width, const void* data) {
    const std::size_t rank = width > 0 ? 2 : 1;
    const std::array<hsize_t, 2> extent = {new_size, width};
    const std::array<hsize_t, 2> first = {start, 0};
    const std::array<hsize_t, 2> block = {count, width};
    h5::check(H5Dset_extent(dataset, extent.data()), what);
    h5::Handle file_space(H5Dget_space(dataset), what);
    h5::check(H5Sselect_hyperslab(file_space.id(), H5S_SELECT_SET, first.data(), nullptr,
                                  block.data(), nullptr),
              what);
    h5::Handle memory_space = h5::simple_space(std::span(block.data(), rank));
    h5::check(H5Dwrite(dataset, memory_type, memory_space.id(), file_space.id(), H5P_DEFAULT, data),
              what);
  };
  std::vector<std::int64_t> index(n);
  for (std::size_t i = 0; i < n; ++i) index[i] = static_cast<std::int64_t>(start + i);
  write(event_scale_.id(), H5T_NATIVE_INT64, 0, index.data());
  h5::Handle char_type = h5::fixed_string_type(1);
  for (const Column& c : columns_) {
    write(c.dataset.id(), c.width > 0 ? char_type.id() : c.memory_type, c.width, c.buffer.data());
  }
  rows_ = new_size;
}

std::string EventTable::actor_id(std::int32_t index, std::int64_t run) const {
  if (index == -1) return "";
  if (index < 0 || static_cast<std::size_t>(index) >= layout_.actors.size()) {
    throw std::invalid_argument(
        fmt::format("an event of run {} names actor index {}; the layout has {} actors", run, index,
                    layout_.actors.size()));
  }
  return layout_.actors[static_cast<std::size_t>(index)];
}

void EventTable::encode(std::int64_t run, const EventRecord& e, std::size_t row) {
  if (e.day < 0 || e.day >= layout_.days) {
    throw std::invalid_argument(fmt::format("an event of run {} is on day {}; the run has {} days",
                                            run, e.day, layout_.days));
  }
  if (e.cameo.size() > 4) {
    throw std::invalid_argument(fmt::format(
        "an event of run {} has CAMEO code '{}'; codes have at most 4 characters", run, e.cameo));
  }
  std::size_t f = 0;
  auto text = [&](const std::string& value) {
    Column& c = columns_[f++];
    put_string(c.buffer.data() + row * c.bytes, c.width, value);
  };
  auto value = [&](auto v) {
    Column& c = columns_[f++];
    put_value(c.buffer.data() + row * c.bytes, v);
  };
  value(static_cast<std::int32_t>(run));
  value(e.day);
  text(layout_.dates[static_cast<std::size_t>(e.day)]);
  text(actor_id(e.actor, run));
  text(actor_id(e.target, run));
  text(e.cameo);
  text(e.cameo.substr(0, 2));
  value(static_cast<std::int8_t>(e.quad_class));
  value(e.goldstein);
  text(e.location);
  value(e.lat);
  value(e.lon);
  value(e.fatalities());
  value(e.forces);
  value(e.civilians);
  value(e.militants);
  value(e.claim_actor_own);
  value(e.claim_actor_enemy);
  value(e.claim_target_own);
  value(e.claim_target_enemy);
  text(std::string(acled_event_type(e.acled_sub_event_type)));
  text(e.acled_sub_event_type);
  value(e.injured());
  value(e.injured_forces);
  value(e.injured_civilians);
  value(e.injured_militants);
  text(e.action >= 0 ? std::string(action_name(static_cast<Action>(e.action))) : "");
  value(e.day);  // time: days since start_date
}

}  // namespace flashpoint::writer_detail
