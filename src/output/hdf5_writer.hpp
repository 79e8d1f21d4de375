#pragma once
// Writes a results file (docs/output.md). The only code besides hdf5_reader.cpp that includes
// HDF5. Runs must be written in increasing `run` order; the file is written under a temporary
// name and renamed to its final name by finish(), so a crash never leaves a file that looks
// complete.
#include <memory>
#include <string>

#include "output/results.hpp"

namespace flashpoint {

struct WriterOptions {
  std::int64_t runs = 0;  ///< number of runs the file will hold
  int gzip_level = 4;     ///< 0-9; shuffle is always on
  bool overwrite = true;  ///< replace an existing file at the final path
};

class ResultsWriter {
 public:
  /// Creates `final_path + ".partial"`; throws OutputError when it cannot.
  ResultsWriter(std::string final_path, const ResultsLayout& layout, const Provenance& provenance,
                WriterOptions options);
  ~ResultsWriter();  ///< closes and deletes the temporary file unless finish() succeeded
  ResultsWriter(const ResultsWriter&) = delete;
  ResultsWriter& operator=(const ResultsWriter&) = delete;

  void write(const RunResult& run);  ///< throws OutputError
  void finish();                     ///< flushes, closes, renames; throws OutputError

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace flashpoint
