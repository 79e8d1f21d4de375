#pragma once
// Reads what `flashpoint inspect` shows about a results file.
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "output/hdf5_writer.hpp"

namespace flashpoint {

/// A human-readable description of a results file: provenance attributes, dimensions, every
/// dataset with its shape and type, and the number of events. Reads attributes and metadata, and
/// of data only the first labels of each string dimension scale of /runs; lists each group in
/// one pass over its links (linear in their number) and follows no soft or external link (those
/// of /runs are listed apart). Throws InputError (exit 2) when the path is missing, not HDF5,
/// not a Flashpoint results file, or cannot be read.
[[nodiscard]] std::string describe_results_file(const std::string& path);

/// An error message in a user's words: one that carries HDF5's error stack ("WHAT; HDF5 error
/// stack: ...") becomes "WHAT: REASON", REASON being the system's message the stack quotes
/// ("Permission denied", "No space left on device") or else its innermost frame; any other
/// message is returned as it is.
[[nodiscard]] std::string readable_error(const std::string& what);

/// The most numbers read_table_group reads from one group (all its variables together), and the
/// most labels (all its coordinates together). A group needing more is refused as damaged: the
/// groups Flashpoint writes hold a few thousand of each.
inline constexpr std::size_t kMaxTableNumbers = 10'000'000;
inline constexpr std::size_t kMaxTableLabels = 1'000'000;

/// What read_table_group reads of a group and what shape it expects.
struct TableGroupSpec {
  /// The coordinates whose labels are read; each must be a 1-D string dimension scale.
  std::vector<std::string> labelled;
  /// The variables read, each with the coordinates of its axes, outermost first: a variable
  /// that is present must be numeric and have exactly the shape those coordinates give. A
  /// variable that is absent is left out of the result; variables not listed are not read.
  std::vector<std::pair<std::string, std::vector<std::string>>> variables;
};

/// Reads a group written by ResultsWriter::write_group (/sensitivity, /comparison) as `spec`
/// says: its scalar attributes (as text), the size of each 1-D coordinate and the labels of the
/// `labelled` ones, and the listed variables (as float64). Before reading anything it checks,
/// from the file's metadata alone, that each listed variable has the shape its coordinates give
/// and that the group holds at most kMaxTableLabels labels and kMaxTableNumbers numbers; a
/// damaged group is an InputError naming the file, the dataset, its shape and the shape
/// expected. Soft and external links are not followed. nullopt when the file has no such group
/// (or only a link to one); InputError when the file is not a results file.
[[nodiscard]] std::optional<TableGroup> read_table_group(const std::string& path,
                                                         const std::string& group,
                                                         const TableGroupSpec& spec);

}  // namespace flashpoint
