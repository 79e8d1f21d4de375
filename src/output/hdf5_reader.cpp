#include "output/hdf5_reader.hpp"

#include <hdf5_hl.h>

#include <charconv>
#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "core/error.hpp"
#include "output/hdf5_util.hpp"
#include "output/results.hpp"

namespace flashpoint {
namespace {

constexpr std::string_view kFormat = "flashpoint-results";
constexpr std::size_t kMaxListedValues = 20;

[[noreturn]] void reject(const std::string& path, std::string message) {
  throw InputError(Problem{path, 0, 0, "", std::move(message)});
}

/// The last frame of an OutputError's HDF5 stack is usually the most specific ("truncated
/// file: eof = ..."); keep the message short for a user.
std::string innermost_reason(const std::string& what) {
  const auto last = what.rfind("\n  #");
  if (last == std::string::npos) return what;
  const auto colon = what.find("(): ", last);
  return colon == std::string::npos ? what.substr(last + 3) : what.substr(colon + 4);
}

std::string join_values(const std::vector<std::string>& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size() && i < kMaxListedValues; ++i) {
    if (i > 0) out += ", ";
    out += values[i];
  }
  if (values.size() > kMaxListedValues) {
    out += fmt::format(", ... ({} in all)", values.size());
  }
  return out;
}

/// The names of the dimension scales attached to each axis of `dataset` ("?" when none).
std::vector<std::string> dimension_names(hid_t dataset) {
  const auto rank = h5::dataset_shape(dataset).size();
  std::vector<std::string> names;
  for (unsigned axis = 0; axis < rank; ++axis) {
    std::string name = "?";
    if (H5DSget_num_scales(dataset, axis) > 0) {
      auto visit = [](hid_t, unsigned, hid_t scale, void* out) -> herr_t {
        *static_cast<std::string*>(out) = h5::object_name(scale);
        return 1;  // the first scale names the axis
      };
      H5DSiterate_scales(dataset, axis, nullptr, visit, &name);
    }
    names.push_back(name);
  }
  return names;
}

std::string attribute_or(hid_t object, const char* name, std::string_view fallback = "-") {
  return h5::read_attribute_text(object, name).value_or(std::string(fallback));
}

/// Rejects a file that says it is a results file but is not one a reader can rely on: a
/// format_version that is missing or not a whole number >= 1, or, in a version this program
/// knows, a missing /runs or /provenance (a file cut down or edited by another program).
void check_layout(const std::string& path, hid_t file) {
  const auto version = h5::read_attribute_text(file, "format_version");
  if (!version) {
    reject(path,
           "a Flashpoint results file without its root attribute 'format_version'; it "
           "may be damaged or edited by another program");
  }
  long long number = 0;
  const auto* end = version->data() + version->size();
  const auto [ptr, ec] = std::from_chars(version->data(), end, number);
  if (ec != std::errc() || ptr != end || number < 1) {
    reject(path, fmt::format("its root attribute 'format_version' is \"{}\", not a version "
                             "number (1, 2, ...); it may be damaged or edited by another program",
                             *version));
  }
  if (number > kResultsFormatVersion) return;  // a newer layout: described generically
  for (const char* group : {"runs", "provenance"}) {
    if (H5Lexists(file, group, H5P_DEFAULT) <= 0) {
      reject(path, fmt::format("a results file of format version {} without its group /{}; "
                               "it may be damaged or edited by another program",
                               number, group));
    }
  }
}

/// Builds the report of a file already known to be a Flashpoint results file.
std::string describe(hid_t file) {
  std::string out;
  auto line = [&out](std::string_view text) {
    out += text;
    out += '\n';
  };
  line(fmt::format("format: {}, version {}", attribute_or(file, "format"),
                   attribute_or(file, "format_version")));
  const std::string status = attribute_or(file, "status");
  line(fmt::format("status: {}{}", status,
                   status == "complete" ? "" : " (the writer did not finish this file)"));
  line(fmt::format("scenario: {} ({})", attribute_or(file, "scenario_name"),
                   attribute_or(file, "scenario_path")));
  line(fmt::format("runs x days: {} x {}, from {}", attribute_or(file, "runs"),
                   attribute_or(file, "days"), attribute_or(file, "start_date")));
  line(fmt::format("master seed: {}", attribute_or(file, "master_seed")));
  line(fmt::format("written by: flashpoint {} (git {}) at {}",
                   attribute_or(file, "software_version"), attribute_or(file, "git_commit"),
                   attribute_or(file, "created_utc")));
  line(fmt::format("command line: {}", attribute_or(file, "command_line")));
  const auto version = h5::read_attribute_text(file, "format_version");
  if (version && version != std::to_string(kResultsFormatVersion)) {
    line(fmt::format("note: this flashpoint reads format version {}; the listing below is generic",
                     kResultsFormatVersion));
  }

  if (H5Lexists(file, "provenance", H5P_DEFAULT) > 0) {
    h5::Handle provenance(H5Gopen2(file, "provenance", H5P_DEFAULT), "cannot open /provenance");
    if (H5Lexists(provenance.id(), "parameters", H5P_DEFAULT) > 0) {
      h5::Handle parameters(H5Dopen2(provenance.id(), "parameters", H5P_DEFAULT),
                            "cannot open /provenance/parameters");
      const auto shape = h5::dataset_shape(parameters.id());
      line(fmt::format("provenance: {} resolved parameters", shape.empty() ? 0 : shape[0]));
    }
  }

  if (H5Lexists(file, "runs", H5P_DEFAULT) > 0) {
    h5::Handle runs(H5Gopen2(file, "runs", H5P_DEFAULT), "cannot open /runs");
    line("");
    line("dimensions (/runs):");
    std::vector<std::string> variables;
    for (const auto& name : h5::list_links(runs.id())) {
      h5::Handle object(H5Oopen(runs.id(), name.c_str(), H5P_DEFAULT),
                        fmt::format("cannot open /runs/{}", name));
      if (H5Iget_type(object.id()) != H5I_DATASET) continue;
      if (H5DSis_scale(object.id()) <= 0) {
        variables.push_back(name);
        continue;
      }
      const auto shape = h5::dataset_shape(object.id());
      const hsize_t size = shape.empty() ? 1 : shape[0];
      h5::Handle type(H5Dget_type(object.id()), fmt::format("cannot read /runs/{}", name));
      if (H5Tget_class(type.id()) == H5T_STRING) {
        line(fmt::format("  {:<10} {:>6}  {}", name, size,
                         join_values(h5::read_strings(object.id()))));
      } else {
        line(fmt::format("  {:<10} {:>6}", name, size));
      }
    }
    line("");
    line("variables (/runs):");
    for (const auto& name : variables) {
      h5::Handle dataset(H5Dopen2(runs.id(), name.c_str(), H5P_DEFAULT),
                         fmt::format("cannot open /runs/{}", name));
      h5::Handle type(H5Dget_type(dataset.id()), fmt::format("cannot read /runs/{}", name));
      std::string dims;
      for (const auto& d : dimension_names(dataset.id())) dims += (dims.empty() ? "" : ", ") + d;
      const std::string units = attribute_or(dataset.id(), "units", "");
      line(fmt::format("  {:<22} [{}] {}{}: {}", name, dims, h5::type_name(type.id()),
                       units.empty() || units == "1" ? "" : fmt::format(" ({})", units),
                       attribute_or(dataset.id(), "long_name", "")));
    }
  }

  for (const char* extra : {"design", "sensitivity", "comparison"}) {
    if (H5Lexists(file, extra, H5P_DEFAULT) <= 0) continue;
    h5::Handle group(H5Gopen2(file, extra, H5P_DEFAULT), fmt::format("cannot open /{}", extra));
    std::string names;
    for (const auto& name : h5::list_links(group.id())) names += (names.empty() ? "" : ", ") + name;
    line("");
    line(fmt::format("/{}: {}", extra, names));
  }

  if (H5Lexists(file, "events", H5P_DEFAULT) > 0) {
    h5::Handle events(H5Dopen2(file, "events", H5P_DEFAULT), "cannot open /events");
    const auto shape = h5::dataset_shape(events.id());
    line("");
    line(fmt::format("events: {} rows (/events)", shape.empty() ? 0 : shape[0]));
  }
  return out;
}

}  // namespace

namespace {

/// Opens a results file for reading, or rejects it (InputError) in the words of
/// describe_results_file.
h5::Handle open_results(const std::string& path) {
  h5::silence_errors();
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (!std::filesystem::exists(status)) reject(path, "no such file");
  if (std::filesystem::is_directory(status)) reject(path, "is a directory, not a results file");
  if (H5Fis_hdf5(path.c_str()) <= 0) {
    (void)h5::take_error_stack();
    reject(path, "not an HDF5 file, so not a Flashpoint results file");
  }
  const hid_t id = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (id < 0) {
    const std::string stack = h5::take_error_stack();
    reject(path, fmt::format("cannot open this HDF5 file; it may be truncated or damaged ({})",
                             innermost_reason(stack)));
  }
  return h5::Handle(id, "cannot open");
}

}  // namespace

std::string readable_error(const std::string& what) {
  const std::string stack_intro = "; HDF5 error stack:";
  const auto intro = what.find(stack_intro);
  if (intro == std::string::npos) return what;
  const std::string key = "error message = '";
  const auto at = what.rfind(key);
  if (at != std::string::npos) {
    const auto end = what.find('\'', at + key.size());
    if (end != std::string::npos) {
      return what.substr(0, intro) + ": " + what.substr(at + key.size(), end - at - key.size());
    }
  }
  return what.substr(0, intro) + ": " + innermost_reason(what);
}

std::optional<TableGroup> read_table_group(const std::string& path, const std::string& name) {
  h5::Handle file = open_results(path);
  try {
    if (H5Lexists(file.id(), name.c_str(), H5P_DEFAULT) <= 0) return std::nullopt;
    h5::Handle group(H5Gopen2(file.id(), name.c_str(), H5P_DEFAULT),
                     fmt::format("cannot open /{}", name));
    TableGroup g;
    g.name = name;
    const int attributes = H5Aget_num_attrs(group.id());
    for (int i = 0; i < attributes; ++i) {
      h5::Handle attr(H5Aopen_by_idx(group.id(), ".", H5_INDEX_NAME, H5_ITER_INC,
                                     static_cast<hsize_t>(i), H5P_DEFAULT, H5P_DEFAULT),
                      "cannot read an attribute");
      std::string attr_name(static_cast<std::size_t>(H5Aget_name(attr.id(), 0, nullptr)), '\0');
      H5Aget_name(attr.id(), attr_name.size() + 1, attr_name.data());
      if (auto v = h5::read_attribute_text(group.id(), attr_name))
        g.attributes.emplace_back(attr_name, *v);
    }
    for (const auto& link : h5::list_links(group.id())) {
      h5::Handle object(H5Oopen(group.id(), link.c_str(), H5P_DEFAULT),
                        fmt::format("cannot open /{}/{}", name, link));
      if (H5Iget_type(object.id()) != H5I_DATASET) continue;
      const auto shape = h5::dataset_shape(object.id());
      h5::Handle type(H5Dget_type(object.id()), "cannot read a type");
      if (H5DSis_scale(object.id()) > 0) {
        TableGroup::Coordinate c;
        c.name = link;
        c.size = shape.empty() ? 1 : shape[0];
        if (H5Tget_class(type.id()) == H5T_STRING) c.labels = h5::read_strings(object.id());
        g.coordinates.push_back(std::move(c));
        continue;
      }
      if (H5Tget_class(type.id()) != H5T_FLOAT) continue;
      TableGroup::Variable v;
      v.name = link;
      for (const auto& d : dimension_names(object.id())) v.dims.push_back(d);
      hsize_t count = 1;
      for (hsize_t n : shape) count *= n;
      v.values.resize(count);
      if (count > 0) {
        h5::check(
            H5Dread(object.id(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.values.data()),
            fmt::format("cannot read /{}/{}", name, link));
      }
      v.long_name = attribute_or(object.id(), "long_name", "");
      v.units = attribute_or(object.id(), "units", "");
      g.variables.push_back(std::move(v));
    }
    return g;
  } catch (const OutputError& e) {
    reject(path, fmt::format("cannot read /{} of this results file; it may be damaged ({})", name,
                             innermost_reason(e.what())));
  }
}

std::string describe_results_file(const std::string& path) {
  h5::silence_errors();
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (!std::filesystem::exists(status)) reject(path, "no such file");
  if (std::filesystem::is_directory(status)) reject(path, "is a directory, not a results file");
  if (H5Fis_hdf5(path.c_str()) <= 0) {
    (void)h5::take_error_stack();  // HDF5's account of a non-HDF5 file adds nothing
    reject(path,
           "not an HDF5 file, so not a Flashpoint results file (those are written by "
           "`flashpoint run`)");
  }
  const hid_t id = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (id < 0) {
    const std::string stack = h5::take_error_stack();
    reject(path, fmt::format("cannot open this HDF5 file; it may be truncated or damaged ({})",
                             innermost_reason(stack)));
  }
  h5::Handle file(id, "cannot open");
  try {
    const auto format = h5::read_attribute_text(file.id(), "format");
    if (!format) {
      reject(path, fmt::format("an HDF5 file but not a Flashpoint results file: it has no root "
                               "attribute 'format' (expected \"{}\")",
                               kFormat));
    }
    if (*format != kFormat) {
      reject(path, fmt::format("not a Flashpoint results file: its root attribute 'format' is "
                               "\"{}\", expected \"{}\"",
                               *format, kFormat));
    }
    check_layout(path, file.id());
    return describe(file.id());
  } catch (const OutputError& e) {
    // The file opened but part of it cannot be read: the input is at fault, not this program.
    reject(path, fmt::format("cannot read this results file; it may be damaged ({})",
                             innermost_reason(e.what())));
  }
}

}  // namespace flashpoint
