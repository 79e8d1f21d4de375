#pragma once
// Reads what `flashpoint inspect` shows about a results file.
#include <optional>
#include <string>

#include "output/hdf5_writer.hpp"

namespace flashpoint {

/// A human-readable description of a results file: provenance attributes, dimensions, every
/// dataset with its shape and type, and the number of events. Throws InputError (exit 2) when
/// the path is missing, not HDF5, or not a Flashpoint results file.
[[nodiscard]] std::string describe_results_file(const std::string& path);

/// An error message in a user's words: one that carries HDF5's error stack ("WHAT; HDF5 error
/// stack: ...") becomes "WHAT: REASON", REASON being the system's message the stack quotes
/// ("Permission denied", "No space left on device") or else its innermost frame; any other
/// message is returned as it is.
[[nodiscard]] std::string readable_error(const std::string& what);

/// Reads a group written by ResultsWriter::write_group (/design, /sensitivity, /comparison):
/// its string attributes, coordinates (labels, or sizes for integer ones) and float64 variables.
/// nullopt when the file has no such group; throws InputError when the file is not a results
/// file.
[[nodiscard]] std::optional<TableGroup> read_table_group(const std::string& path,
                                                         const std::string& group);

}  // namespace flashpoint
