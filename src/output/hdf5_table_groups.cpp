// The parts of a results file beside /runs and /events: the per-run columns of an experiment
// (design_point, option), the groups of labelled tables (/design, /sensitivity, /comparison, ...)
// and the deferred tables filled row block by row block. Part of ResultsWriter
// (hdf5_writer_impl.hpp).
#include <hdf5.h>
#include <hdf5_hl.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <numeric>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "output/hdf5_writer_impl.hpp"

namespace flashpoint {

using writer_detail::dataset_properties;
using writer_detail::kDeferredChunkRows;
using writer_detail::kOutcomeChunkRuns;
using writer_detail::write_row_block;

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

void ResultsWriter::write_run_labels(const std::string& name,
                                     const std::function<std::string(std::int64_t run)>& label,
                                     const std::string& long_name) {
  Impl& w = *impl_;
  const std::string what = fmt::format("cannot write /runs/{} to {}", name, w.partial_path);
  std::vector<std::string> labels(static_cast<std::size_t>(w.options.runs));
  for (std::size_t r = 0; r < labels.size(); ++r) labels[r] = label(static_cast<std::int64_t>(r));
  h5::Handle dataset = h5::write_strings_dataset(w.runs_group.id(), name, labels);
  h5::check(H5DSattach_scale(dataset.id(), w.scales[static_cast<int>(Axis::kRun)].id(), 0), what);
  h5::write_attribute(dataset.id(), "long_name", long_name);
  dataset.close();
  w.run_labels.push_back(name);
}

void ResultsWriter::Impl::list_run_labels() {
  if (run_labels.empty()) return;
  std::string coordinates;
  for (const auto& n : run_labels) {
    if (!coordinates.empty()) coordinates += ' ';
    coordinates += n;
  }
  const std::string what =
      fmt::format("cannot describe the coordinates of /runs in {}", partial_path);
  const hid_t run_scale = scales[static_cast<int>(Axis::kRun)].id();
  for (const std::string& name : h5::list_links(runs_group.id())) {
    if (std::find(run_labels.begin(), run_labels.end(), name) != run_labels.end()) continue;
    h5::Handle dataset(H5Dopen2(runs_group.id(), name.c_str(), H5P_DEFAULT), what);
    if (H5DSis_scale(dataset.id()) > 0) continue;
    if (h5::dataset_shape(dataset.id()).empty()) continue;
    if (H5DSis_attached(dataset.id(), run_scale, 0) <= 0) continue;
    h5::write_attribute(dataset.id(), "coordinates", coordinates);
  }
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
    // NaN is the tables' missing value (CF _FillValue): what a cell holds until it is written.
    const double nan = std::numeric_limits<double>::quiet_NaN();
    h5::check(H5Pset_fill_value(plist.id(), H5T_NATIVE_DOUBLE, &nan), what);
    h5::Handle dataset(H5Dcreate2(group.id(), v.name.c_str(), H5T_IEEE_F64LE, space.id(),
                                  H5P_DEFAULT, plist.id(), H5P_DEFAULT),
                       what);
    h5::write_attribute(dataset.id(), "_FillValue", nan);
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
  w.flush_all_rows();  // what is read back is on disk, whatever the dataset
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

}  // namespace flashpoint
