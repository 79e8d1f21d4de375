#pragma once
// The insides of ResultsWriter (hdf5_writer.hpp), shared by the files that implement it:
// hdf5_writer.cpp (the file, its root attributes, /provenance and /runs), hdf5_event_table.cpp
// (/events) and hdf5_table_groups.cpp (table groups, run columns, deferred rows). Included by
// those files only.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/error.hpp"
#include "model/result_fields.hpp"
#include "model/results.hpp"
#include "output/hdf5_util.hpp"
#include "output/hdf5_writer.hpp"

namespace flashpoint {
namespace writer_detail {

/// Per-run outcomes are tiny, so their chunks hold many runs: a chunk of one 4-byte value would
/// cost more in the chunk index than it stores and would not compress.
inline constexpr hsize_t kOutcomeChunkRuns = 1024;
/// Runs per chunk of a daily series: as many as fit in kSeriesChunkBytes (uncompressed), at most
/// kSeriesChunkRuns, at least 1. Chunks of one run made a sweep that keeps series write a chunk
/// per run and variable (20,000 small writes for 1,000 runs of the seed scenario).
inline constexpr hsize_t kSeriesChunkRuns = 16;
inline constexpr std::size_t kSeriesChunkBytes = 1 << 20;
[[nodiscard]] hsize_t series_chunk_runs(std::span<const hsize_t> dims, std::size_t element_bytes);
/// Rows per chunk of a deferred table (TableGroup::Variable::deferred), one column wide.
inline constexpr hsize_t kDeferredChunkRows = 4096;

/// Creation properties of a compressed, chunked dataset; plain (contiguous) when a dimension is
/// zero, because HDF5 chunks cannot be empty.
[[nodiscard]] h5::Handle dataset_properties(std::span<const hsize_t> dims,
                                            std::span<const hsize_t> chunk, int gzip_level);

/// Writes `rows` rows from row `first` of `dataset` (row-major, `per_row` values each, of the
/// native type `memory_type`, read from `data`); the rows must lie inside the dataset.
void write_rows(hid_t dataset, hid_t memory_type, hsize_t first, std::size_t values,
                const void* data, const std::string& what);

/// Writes rows [first, first + values.size() / per_row) of `dataset`, whose rows hold `per_row`
/// values each (row-major); the rows must lie inside the dataset.
template <class T>
void write_row_block(hid_t dataset, hsize_t first, std::span<const T> values,
                     const std::string& what) {
  write_rows(dataset, h5::TypeOf<T>::memory(), first, values.size(), values.data(), what);
}

/// The /events group (results format 8): one 1-D, extendable variable per column on the
/// dimension `event`, text as netCDF character arrays [event, nchar] (docs/output.md, "/events").
class EventTable {
 public:
  EventTable(hid_t file, const ResultsLayout& layout, const std::string& start_date, int gzip_level,
             const std::string& file_path);
  void append(std::int64_t run, const std::vector<EventRecord>& events);
  void close();

  /// One column: numeric (`width` 0) or text of at most `width` bytes.
  struct Column {
    const char* name = nullptr;
    hid_t file_type = -1;  ///< numeric columns only
    hid_t memory_type = -1;
    std::size_t width = 0;
    std::string long_name;
    std::string units;      ///< empty: no units attribute
    std::size_t bytes = 0;  ///< per event in memory
    h5::Handle dataset;
    std::vector<std::byte> buffer;  ///< the block being appended
  };

 private:
  static constexpr std::size_t kAppendBlockRows = 1 << 16;

  void append_block(std::int64_t run, std::span<const EventRecord> events);
  [[nodiscard]] std::string actor_id(std::int32_t index, std::int64_t run) const;
  void encode(std::int64_t run, const EventRecord& e, std::size_t row);

  const ResultsLayout& layout_;
  std::string file_path_;
  std::size_t actor_width_ = 0;
  h5::Handle group_;
  h5::Handle event_scale_;
  std::vector<h5::Handle> width_scales_;
  std::vector<Column> columns_;
  hsize_t rows_ = 0;
};

/// One numeric variable of /runs: a field of model/result_fields.hpp.
struct RunsVariable {
  h5::Handle dataset;
  std::vector<hsize_t> dims;  ///< dims[0] is the number of runs
  /// Rows of consecutive runs waiting to be written in one piece: those of one chunk, written
  /// when the chunk's last run arrives (or at a gap, or when the file is finished), rather than
  /// one hyperslab write per run and variable.
  hsize_t block_runs = 1;              ///< the chunk's runs
  hid_t memory_type = -1;              ///< the waiting rows' type (a native HDF5 type)
  std::vector<unsigned char> pending;  ///< their bytes
  hsize_t pending_first = 0;           ///< the run of the first waiting row
  hsize_t pending_runs = 0;
};

}  // namespace writer_detail

struct ResultsWriter::Impl {
  std::string final_path;
  std::string partial_path;
  std::string start_date;  ///< "YYYY-MM-DD": the origin of the CF time coordinate
  ResultsLayout layout;
  WriterOptions options;
  bool partial_created = false;
  bool finished = false;
  std::int64_t runs_written = 0;
  std::int64_t last_run = -1;
  /// Policy starts of the runs written so far, for /policy_starts (written by finish()).
  struct Start {
    std::int64_t run;
    std::int32_t policy;  ///< index in policy_names
    std::int32_t day;
  };
  std::vector<std::string> policy_names;  ///< in the order they first started
  std::vector<Start> starts;              ///< in run order

  // Declared in opening order; close_quietly() closes them in reverse.
  h5::Handle file;
  h5::Handle runs_group;
  std::array<h5::Handle, kAxisCount> scales;
  std::map<std::string, writer_detail::RunsVariable, std::less<>> variables;
  std::unique_ptr<writer_detail::EventTable> events;

  [[nodiscard]] hsize_t axis_size(Axis axis) const;
  void create_file();
  void write_root_attributes(const Provenance& provenance);
  void write_provenance(const Provenance& provenance);
  static void describe(hid_t dataset, const char* long_name, const char* units);
  void create_scales();
  /// Names of the per-run label variables (option_name, ...): CF auxiliary coordinates of every
  /// /runs variable along `run`, listed in their `coordinates` attribute by finish().
  std::vector<std::string> run_labels;
  void list_run_labels();
  void create_variables();
  /// Writes one run's slice [run, ...] of a /runs variable.
  template <typename T>
  void write_row(std::string_view name, std::int64_t run, std::span<const T> values);
  /// Writes the rows waiting in a variable (RunsVariable::pending), or in every variable.
  void flush_rows(std::string_view name, writer_detail::RunsVariable& v);
  void flush_all_rows();
  /// Closes every handle, children first; reports the first failure.
  void close_all();
  void close_quietly() noexcept;
  ~Impl();
};

}  // namespace flashpoint
