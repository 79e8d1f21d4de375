// The /events table of a results file (docs/output.md, "/events"): one packed row per event,
// appended run by run. Part of ResultsWriter (hdf5_writer_impl.hpp).
#include <hdf5.h>

#include <algorithm>
#include <cstring>
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

}  // namespace

EventTable::EventTable(hid_t location, const ResultsLayout& layout, int gzip_level,
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
  h5::Handle action_type = h5::fixed_string_type(kActionWidth);
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
      {"injured", H5T_STD_I32LE, H5T_NATIVE_INT32},
      {"injured_forces", H5T_STD_I32LE, H5T_NATIVE_INT32},
      {"injured_civilians", H5T_STD_I32LE, H5T_NATIVE_INT32},
      {"injured_militants", H5T_STD_I32LE, H5T_NATIVE_INT32},
      {"action", action_type.id(), action_type.id()},
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

void EventTable::append(std::int64_t run, const std::vector<EventRecord>& events) {
  // A block at a time, so that the packed copy of a run with many events stays small.
  for (std::size_t first = 0; first < events.size(); first += kAppendBlockRows) {
    const std::size_t n = std::min(kAppendBlockRows, events.size() - first);
    append_block(run, std::span(events).subspan(first, n));
  }
}

void EventTable::close() {
  dataset_.close();
  memory_type_.close();
}

void EventTable::append_block(std::int64_t run, std::span<const EventRecord> events) {
  if (events.empty()) return;
  std::vector<std::byte> rows(events.size() * row_size_, std::byte{0});
  for (std::size_t i = 0; i < events.size(); ++i) {
    encode(run, events[i], rows.data() + i * row_size_);
  }
  const std::string what = fmt::format("cannot append the events of run {} to {}", run, file_path_);
  const hsize_t start = rows_;
  const hsize_t count = events.size();
  const hsize_t new_size = rows_ + count;
  h5::check(H5Dset_extent(dataset_.id(), &new_size), what);
  h5::Handle file_space(H5Dget_space(dataset_.id()), what);
  h5::check(H5Sselect_hyperslab(file_space.id(), H5S_SELECT_SET, &start, nullptr, &count, nullptr),
            what);
  h5::Handle memory_space = h5::simple_space(std::span(&count, 1));
  h5::check(H5Dwrite(dataset_.id(), memory_type_.id(), memory_space.id(), file_space.id(),
                     H5P_DEFAULT, rows.data()),
            what);
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

void EventTable::encode(std::int64_t run, const EventRecord& e, std::byte* row) const {
  if (e.day < 0 || e.day >= layout_.days) {
    throw std::invalid_argument(fmt::format("an event of run {} is on day {}; the run has {} days",
                                            run, e.day, layout_.days));
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
  put_value(row + offsets_[f++], e.injured());
  put_value(row + offsets_[f++], e.injured_forces);
  put_value(row + offsets_[f++], e.injured_civilians);
  put_value(row + offsets_[f++], e.injured_militants);
  put_string(row + offsets_[f++], kActionWidth,
             e.action >= 0 ? std::string(action_name(static_cast<Action>(e.action))) : "");
}

}  // namespace flashpoint::writer_detail
