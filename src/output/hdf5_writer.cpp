// Writes a results file (docs/output.md): the file itself, its root attributes, /provenance and
// /runs, whose variables are the fields of model/result_fields.hpp. /events is written by
// hdf5_event_table.cpp, the other groups of tables by hdf5_table_groups.cpp.
#include "output/hdf5_writer.hpp"

#include <hdf5_hl.h>

#include <algorithm>
#include <array>
#include <ctime>
#include <filesystem>
#include <limits>
#include <map>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "core/error.hpp"
#include "flashpoint/version.hpp"
#include "model/plausibility.hpp"
#include "model/result_fields.hpp"
#include "output/hdf5_util.hpp"
#include "output/hdf5_writer_impl.hpp"
#include "output/output_target.hpp"
#include "scenario/scenario.hpp"

namespace flashpoint {
namespace {

using writer_detail::dataset_properties;
using writer_detail::EventTable;
using writer_detail::kOutcomeChunkRuns;
using writer_detail::kSeriesChunkBytes;

hid_t file_type_of(Element element) {
  switch (element) {
    case Element::kInt8:
      return h5::TypeOf<std::int8_t>::file();
    case Element::kUInt8:
      return h5::TypeOf<std::uint8_t>::file();
    case Element::kInt32:
      return h5::TypeOf<std::int32_t>::file();
    case Element::kInt64:
      return h5::TypeOf<std::int64_t>::file();
    case Element::kUInt64:
      return h5::TypeOf<std::uint64_t>::file();
    case Element::kFloat64:
      return h5::TypeOf<double>::file();
  }
  return -1;
}

std::string utc_now() {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::time(nullptr)));
}

/// The plausibility flags as CF flags: flag_masks and the matching flag_meanings.
void describe_flags(hid_t dataset) {
  std::vector<std::int32_t> masks;
  std::string meanings;
  for (const PlausibilityCheck& c : kPlausibilityChecks) {
    masks.push_back(c.bit);
    if (!meanings.empty()) meanings += ' ';
    meanings += c.name;
  }
  h5::write_attribute(dataset, "flag_masks", std::span<const std::int32_t>(masks));
  h5::write_attribute(dataset, "flag_meanings", meanings);
}

/// CF missing values of a "-1 = never" day index: xarray then reads -1 as NaN, and a mean
/// leaves out the runs where the day never came instead of counting them as day -1.
void describe_missing_minus_one(hid_t dataset) {
  const std::int32_t minus_one = -1;
  h5::write_attribute(dataset, "_FillValue", minus_one);
  h5::write_attribute(dataset, "missing_value", minus_one);
}

/// The rungs of the escalation ladder as CF flags: flag_values 0..9 and, for each, the name of
/// its reference action (docs/model.md, "The escalation ladder").
void describe_rungs(hid_t dataset, Element element) {
  std::string meanings;
  std::vector<std::int32_t> values;
  for (int r = 0; r <= kMaxRung; ++r) {
    values.push_back(r);
    if (!meanings.empty()) meanings += ' ';
    meanings += action_name(reference_action(r));
  }
  if (element == Element::kInt8) {
    std::vector<std::int8_t> narrow(values.begin(), values.end());
    h5::write_attribute(dataset, "flag_values", std::span<const std::int8_t>(narrow));
  } else {
    h5::write_attribute(dataset, "flag_values", std::span<const std::int32_t>(values));
  }
  h5::write_attribute(dataset, "flag_meanings", meanings);
}

}  // namespace

namespace writer_detail {

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

hsize_t series_chunk_runs(std::span<const hsize_t> dims, std::size_t element_bytes) {
  std::size_t run_bytes = element_bytes;
  for (std::size_t i = 1; i < dims.size(); ++i) run_bytes *= static_cast<std::size_t>(dims[i]);
  const hsize_t fit = run_bytes > 0 ? kSeriesChunkBytes / run_bytes : kSeriesChunkRuns;
  return std::clamp<hsize_t>(std::min(fit, kSeriesChunkRuns), 1, std::max<hsize_t>(dims[0], 1));
}

void write_rows(hid_t dataset, hid_t memory_type, hsize_t first, std::size_t values,
                const void* data, const std::string& what) {
  h5::Handle space(H5Dget_space(dataset), what);
  const int rank = H5Sget_simple_extent_ndims(space.id());
  std::vector<hsize_t> dims(static_cast<std::size_t>(std::max(rank, 0)));
  if (rank < 1 || H5Sget_simple_extent_dims(space.id(), dims.data(), nullptr) < 0) {
    throw OutputError(what + ": not a table of rows");
  }
  hsize_t per_row = 1;
  for (std::size_t i = 1; i < dims.size(); ++i) per_row *= dims[i];
  if (per_row == 0 || values % per_row != 0 || first + values / per_row > dims[0]) {
    throw std::invalid_argument(
        fmt::format("{}: {} values from row {} do not fit its shape", what, values, first));
  }
  if (values == 0) return;
  std::vector<hsize_t> start(dims.size(), 0), count = dims;
  start[0] = first;
  count[0] = values / per_row;
  h5::check(
      H5Sselect_hyperslab(space.id(), H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr),
      what);
  h5::Handle memory_space = h5::simple_space(count);
  h5::check(H5Dwrite(dataset, memory_type, memory_space.id(), space.id(), H5P_DEFAULT, data), what);
}

}  // namespace writer_detail

hsize_t ResultsWriter::Impl::axis_size(Axis axis) const {
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

void ResultsWriter::Impl::create_file() {
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

void ResultsWriter::Impl::write_root_attributes(const Provenance& provenance) {
  const hid_t root = file.id();
  h5::write_attribute(root, "Conventions", "CF-1.8");
  h5::write_attribute(root, "title",
                      fmt::format("Flashpoint results: {}", provenance.scenario_name));
  h5::write_attribute(root, "source",
                      fmt::format("flashpoint {} (git {})", kSoftwareVersion, kGitCommit));
  const std::string created = utc_now();
  h5::write_attribute(root, "history", fmt::format("{} {}", created, provenance.command_line));
  h5::write_attribute(root, "format", "flashpoint-results");
  h5::write_attribute(root, "format_version", std::int32_t{kResultsFormatVersion});
  h5::write_attribute(root, "software_version", kSoftwareVersion);
  h5::write_attribute(root, "git_commit", kGitCommit);
  h5::write_attribute(root, "created_utc", created);
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

void ResultsWriter::Impl::write_provenance(const Provenance& provenance) {
  const std::string what = fmt::format("cannot write /provenance to {}", partial_path);
  h5::Handle group(H5Gcreate2(file.id(), "provenance", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                   what);
  h5::write_string_dataset(group.id(), "scenario_yaml", provenance.scenario_yaml);

  // The resolved parameters: the coordinate `parameter` (dotted paths) and the variable
  // `parameter_value` (their values as text), which netCDF tools read as they read any variable.
  std::vector<std::string> paths, values;
  paths.reserve(provenance.resolved_parameters.size());
  values.reserve(provenance.resolved_parameters.size());
  for (const auto& [path, value] : provenance.resolved_parameters) {
    paths.push_back(path);
    values.push_back(value);
  }
  h5::Handle scale = h5::write_strings_dataset(group.id(), "parameter", paths);
  h5::check(H5DSset_scale(scale.id(), "parameter"), what);
  h5::write_attribute(scale.id(), "long_name", "scenario parameter (dotted path)");
  h5::Handle dataset = h5::write_strings_dataset(group.id(), "parameter_value", values);
  h5::check(H5DSattach_scale(dataset.id(), scale.id(), 0), what);
  h5::write_attribute(dataset.id(), "long_name",
                      "resolved value of the parameter, after defaults and --set overrides");
  dataset.close();
  scale.close();
  group.close();
}

void ResultsWriter::Impl::describe(hid_t dataset, const char* long_name, const char* units) {
  h5::write_attribute(dataset, "long_name", long_name);
  // CF: text has no units; an empty units attribute would claim it has.
  if (*units != '\0') h5::write_attribute(dataset, "units", units);
}

void ResultsWriter::Impl::create_scales() {
  const std::string what = fmt::format("cannot write the coordinates of /runs to {}", partial_path);
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
  s[static_cast<int>(Axis::kDay)] = numeric_scale("time", day_index.data(), day_count);
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
      {"time", ""},
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
  // CF time: day index d is the date start_date + d (docs/output.md, "Time").
  const hid_t time = s[static_cast<int>(Axis::kDay)].id();
  h5::write_attribute(time, "units", fmt::format("days since {} 00:00:00", start_date));
  h5::write_attribute(time, "calendar", "proleptic_gregorian");
  h5::write_attribute(time, "standard_name", "time");
  h5::write_attribute(time, "axis", "T");

  h5::Handle date = h5::write_strings_dataset(runs_group.id(), "date", layout.dates);
  h5::check(H5DSattach_scale(date.id(), s[static_cast<int>(Axis::kDay)].id(), 0), what);
  describe(date.id(), "calendar date of the day (YYYY-MM-DD)", "");
  date.close();
}

void ResultsWriter::Impl::create_variables() {
  // Every field of the table (model/result_fields.hpp) but the run index, which is the scale.
  for (const FieldInfo& spec : kResultFields) {
    if (spec.kind == FieldKind::kIndex) continue;
    const bool daily = spec.kind == FieldKind::kSeries;
    if (!options.series && daily) continue;
    if (!options.events && spec.kind == FieldKind::kEventCount) continue;
    const std::string what = fmt::format("cannot create /runs/{} in {}", spec.name, partial_path);
    writer_detail::RunsVariable v;
    for (Axis axis : spec.dims) v.dims.push_back(axis_size(axis));
    std::vector<hsize_t> chunk = v.dims;
    const std::size_t element_bytes = H5Tget_size(file_type_of(spec.element));
    chunk[0] = daily ? writer_detail::series_chunk_runs(v.dims, element_bytes)
                     : std::min<hsize_t>(v.dims[0], kOutcomeChunkRuns);
    h5::Handle space = h5::simple_space(v.dims);
    h5::Handle plist = dataset_properties(v.dims, chunk, options.gzip_level);
    // Runs are written once each, in order, a whole chunk at a time (write_row waits for the
    // chunk's last run): a chunk is not touched again once written. The cache holds up to two
    // chunks of a daily series, at most 2 MiB (a larger chunk, of a single run, is written past
    // it), and 64 KiB of outcome chunks (1,024 runs).
    std::size_t chunk_bytes = element_bytes;
    for (hsize_t c : chunk) chunk_bytes *= static_cast<std::size_t>(c);
    const std::size_t cache_bytes =
        daily ? std::min<std::size_t>(2 * chunk_bytes, 2 * kSeriesChunkBytes) : 64 * 1024;
    h5::Handle access(H5Pcreate(H5P_DATASET_ACCESS), what);
    v.block_runs = chunk[0];
    h5::check(H5Pset_chunk_cache(access.id(), 521, cache_bytes, H5D_CHUNK_CACHE_W0_DEFAULT), what);
    v.dataset = h5::Handle(H5Dcreate2(runs_group.id(), spec.name, file_type_of(spec.element),
                                      space.id(), H5P_DEFAULT, plist.id(), access.id()),
                           what);
    for (std::size_t i = 0; i < spec.dims.size(); ++i) {
      h5::check(H5DSattach_scale(v.dataset.id(), scales[static_cast<int>(spec.dims[i])].id(),
                                 static_cast<unsigned>(i)),
                what);
    }
    describe(v.dataset.id(), spec.long_name, spec.units);
    if (std::string_view(spec.name) == "implausible") describe_flags(v.dataset.id());
    if (none_is_minus_one(spec)) describe_missing_minus_one(v.dataset.id());
    if (is_ladder_level(spec)) describe_rungs(v.dataset.id(), spec.element);
    variables.emplace(spec.name, std::move(v));
  }
}

template <typename T>
void ResultsWriter::Impl::write_row(std::string_view name, std::int64_t run,
                                    std::span<const T> values) {
  auto found = variables.find(name);
  if (found == variables.end()) return;  // a daily series the file does not keep
  writer_detail::RunsVariable& v = found->second;
  hsize_t per_run = 1;
  for (std::size_t i = 1; i < v.dims.size(); ++i) per_run *= v.dims[i];
  if (values.size() != per_run) {
    throw std::invalid_argument(
        fmt::format("RunResult::{} of run {} has {} values; the results layout needs {}", name, run,
                    values.size(), per_run));
  }
  if (per_run == 0) return;
  const auto r = static_cast<hsize_t>(run);
  if (v.pending_runs > 0 && r != v.pending_first + v.pending_runs) flush_rows(name, v);
  if (v.pending_runs == 0) {
    v.pending_first = r;
    v.memory_type = h5::TypeOf<T>::memory();
  }
  const auto* bytes = reinterpret_cast<const unsigned char*>(values.data());
  v.pending.insert(v.pending.end(), bytes, bytes + values.size_bytes());
  ++v.pending_runs;
  if ((r + 1) % v.block_runs == 0 || r + 1 == v.dims[0]) flush_rows(name, v);
}

void ResultsWriter::Impl::flush_rows(std::string_view name, writer_detail::RunsVariable& v) {
  if (v.pending_runs == 0) return;
  hsize_t per_run = 1;
  for (std::size_t i = 1; i < v.dims.size(); ++i) per_run *= v.dims[i];
  writer_detail::write_rows(
      v.dataset.id(), v.memory_type, v.pending_first,
      static_cast<std::size_t>(v.pending_runs * per_run), v.pending.data(),
      fmt::format("cannot write /runs/{} of runs {} to {} to {}", name, v.pending_first,
                  v.pending_first + v.pending_runs - 1, partial_path));
  v.pending.clear();
  v.pending_runs = 0;
}

void ResultsWriter::Impl::flush_all_rows() {
  for (auto& [name, v] : variables) flush_rows(name, v);
}

void ResultsWriter::Impl::close_all() {
  if (events) events->close();
  for (auto& [name, v] : variables) v.dataset.close();
  for (auto& s : scales) s.close();
  runs_group.close();
  file.close();
}

void ResultsWriter::Impl::close_quietly() noexcept {
  events.reset();
  variables.clear();
  for (auto& s : scales) s = h5::Handle();
  runs_group = h5::Handle();
  file = h5::Handle();
}

ResultsWriter::Impl::~Impl() {
  close_quietly();
  if (partial_created && !finished) {
    std::error_code ignored;
    std::filesystem::remove(partial_path, ignored);
  }
}

ResultsWriter::ResultsWriter(std::string final_path, const ResultsLayout& layout,
                             const Provenance& provenance, WriterOptions options)
    : impl_(std::make_unique<Impl>()) {
  h5::silence_errors();
  Impl& w = *impl_;
  w.final_path = std::move(final_path);
  w.partial_path = temporary_path_for(w.final_path);
  w.layout = layout;
  w.start_date = provenance.start_date;
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
    w.events = std::make_unique<EventTable>(w.file.id(), w.layout, provenance.start_date,
                                            options.gzip_level, w.partial_path);
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
  // Every field of the table but the run index (the coordinate `run`); the series and the event
  // count only when the file keeps them (write_row skips a variable the file does not have).
  for_each_field(run, [&](const FieldInfo& field, const auto& member) {
    if (field.kind == FieldKind::kIndex) return;
    if constexpr (std::is_arithmetic_v<std::remove_cvref_t<decltype(member)>>) {
      w.write_row(field.name, r, std::span(&member, 1));
    } else {
      w.write_row(field.name, r, std::span(member));
    }
  });
  if (w.events) w.events->append(r, run.events);
  for (const auto& s : run.policy_starts) {
    auto it = std::find(w.policy_names.begin(), w.policy_names.end(), s.policy);
    if (it == w.policy_names.end()) it = w.policy_names.insert(it, s.policy);
    w.starts.push_back({r, static_cast<std::int32_t>(it - w.policy_names.begin()), s.day});
  }
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

void ResultsWriter::finish() {
  Impl& w = *impl_;
  if (w.finished) return;
  if (w.runs_written != w.options.runs) {
    throw OutputError(fmt::format(
        "results file {}: only {} of {} runs were written; an incomplete file is not kept",
        w.final_path, w.runs_written, w.options.runs));
  }
  if (!w.policy_names.empty()) {
    // /policy_starts: the day each policy started in each run, NaN when it did not (a table
    // group: xarray opens it as a Dataset with dims run x policy).
    TableGroup g;
    g.name = "policy_starts";
    g.attributes = {{"description", "day each policy started in each run; NaN: it did not start"}};
    g.coordinates = {{"run", {}, static_cast<std::size_t>(w.options.runs)},
                     {"policy", w.policy_names, w.policy_names.size()}};
    std::size_t next = 0;  // rows are asked for in increasing order; starts are in run order
    g.variables.push_back(
        {"start_day",
         {"run", "policy"},
         {},
         "day index the policy started (0: start_date)",
         "1",
         false,
         [&w, &next](std::size_t row, std::span<double> out) {
           std::fill(out.begin(), out.end(), std::numeric_limits<double>::quiet_NaN());
           while (next < w.starts.size() && w.starts[next].run < static_cast<std::int64_t>(row)) {
             ++next;
           }
           for (; next < w.starts.size() && w.starts[next].run == static_cast<std::int64_t>(row);
                ++next) {
             out[static_cast<std::size_t>(w.starts[next].policy)] = w.starts[next].day;
           }
         }});
    write_group(g);
  }
  w.list_run_labels();
  w.flush_all_rows();
  h5::write_attribute(w.file.id(), "status", "complete");
  w.close_all();
  replace_output(w.partial_path, w.final_path, w.options.overwrite);
  w.finished = true;
}

}  // namespace flashpoint
