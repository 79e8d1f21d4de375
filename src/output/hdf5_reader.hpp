#pragma once
// Reads what `flashpoint inspect` shows about a results file.
#include <string>

namespace flashpoint {

/// A human-readable description of a results file: provenance attributes, dimensions, every
/// dataset with its shape and type, and the number of events. Throws InputError (exit 2) when
/// the path is missing, not HDF5, or not a Flashpoint results file.
[[nodiscard]] std::string describe_results_file(const std::string& path);

}  // namespace flashpoint
