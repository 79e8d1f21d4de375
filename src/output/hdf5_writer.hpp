#pragma once
// Writes a results file (docs/output.md); with hdf5_reader.cpp, the only code that uses HDF5
// (implemented by hdf5_writer.cpp, hdf5_event_table.cpp and hdf5_table_groups.cpp). Runs must be
// written in increasing `run` order; the file is written under a temporary name and renamed to its
// final name by finish(), so a crash never leaves a file that looks complete.
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "model/results.hpp"

namespace flashpoint {

struct WriterOptions {
  std::int64_t runs = 0;  ///< number of runs the file will hold
  int gzip_level = 4;     ///< 0-9; shuffle is always on
  bool overwrite = true;  ///< replace an existing file at the final path
  bool series = true;     ///< write the daily series (variables with a `day` axis)
  bool events = true;     ///< write the /events table
};

class ResultsWriter {
 public:
  /// Creates a temporary file beside `final_path` (output_target.hpp: OUT.PID.partial, never over
  /// anything nor through a link); throws OutputError when it cannot.
  ResultsWriter(std::string final_path, const ResultsLayout& layout, const Provenance& provenance,
                WriterOptions options);
  ~ResultsWriter();  ///< closes and deletes the temporary file unless finish() succeeded
  ResultsWriter(const ResultsWriter&) = delete;
  ResultsWriter& operator=(const ResultsWriter&) = delete;

  void write(const RunResult& run);  ///< throws OutputError
  /// Adds a root string attribute (e.g. experiment = "sweep", design_hash).
  void write_root_attribute(const std::string& name, const std::string& value);
  /// Adds a text document to /provenance (e.g. the sweep file that made the results).
  void write_provenance_text(const std::string& name, const std::string& text);
  /// Writes a whole per-run integer column /runs/NAME [run] (e.g. design_point, option), asking
  /// `value(run)` for each run, a block at a time (no column held in memory).
  void write_run_column(const std::string& name,
                        const std::function<std::int64_t(std::int64_t run)>& value,
                        const std::string& long_name);
  /// Writes /runs/NAME [run], a text label of each run (e.g. option_name), and makes it a CF
  /// auxiliary coordinate of every variable of /runs along `run` (xarray shows it as a coordinate).
  void write_run_labels(const std::string& name,
                        const std::function<std::string(std::int64_t run)>& label,
                        const std::string& long_name);
  /// Writes a group of tables; throws OutputError, or std::invalid_argument when the shapes do
  /// not match the coordinates.
  void write_group(const TableGroup& group);
  /// Fills rows [first_row, first_row + n) of a deferred variable (see TableGroup::Variable), e.g.
  /// "design/outcomes/mean"; `values` holds n whole rows, row-major.
  void write_rows(const std::string& dataset_path, std::size_t first_row,
                  std::span<const double> values);
  /// Reads back one column (the last index fixed) of a 2-D variable already written.
  [[nodiscard]] std::vector<double> read_column(const std::string& dataset_path,
                                                std::size_t column);
  void finish();  ///< flushes, closes, renames; throws OutputError

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace flashpoint
