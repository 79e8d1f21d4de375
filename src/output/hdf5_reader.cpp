#include "output/hdf5_reader.hpp"

#include <hdf5_hl.h>

#include <array>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <limits>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "core/error.hpp"
#include "model/results.hpp"
#include "output/hdf5_util.hpp"

namespace flashpoint {
namespace {

constexpr std::string_view kFormat = "flashpoint-results";
constexpr std::size_t kMaxListedValues = 20;
constexpr std::size_t kMaxListedMembers = 50;  // members of /design, /sensitivity, /comparison, ...

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

/// `labels` (the first of `total`) joined by commas, at most kMaxListedValues of them.
std::string join_values(const std::vector<std::string>& labels, std::size_t total) {
  std::string out;
  for (std::size_t i = 0; i < labels.size() && i < kMaxListedValues; ++i) {
    if (i > 0) out += ", ";
    out += labels[i];
  }
  if (total > kMaxListedValues) out += fmt::format(", ... ({} in all)", total);
  return out;
}

/// "[28, 3]": a shape as inspect's messages write it.
std::string shape_text(const std::vector<hsize_t>& shape) {
  std::string out = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) {
    out += fmt::format("{}{}", i > 0 ? ", " : "", shape[i]);
  }
  return out + "]";
}

/// The number of elements of `shape`, or SIZE_MAX when it does not fit (a damaged file can
/// declare any extent).
std::size_t element_count(const std::vector<hsize_t>& shape) {
  std::size_t count = 1;
  for (hsize_t n : shape) {
    if (n != 0 && count > std::numeric_limits<std::size_t>::max() / n) {
      return std::numeric_limits<std::size_t>::max();
    }
    count *= static_cast<std::size_t>(n);
  }
  return count;
}

/// The dimension scales of one group, by object identity (h5::object_key) -> link name.
using ScaleNames = std::unordered_map<std::string, std::string>;

/// The name of the dimension scale `scale`: its link name when it is one of `scales`, else its
/// NAME attribute (H5DSset_scale), else "?". No path is asked of HDF5: H5Iget_name on an object
/// opened through a reference searches the whole file, which made inspect quadratic in the
/// number of links. Called from an HDF5 callback, so it throws nothing.
std::string scale_name(hid_t scale, const ScaleNames& scales) noexcept {
  try {
    if (const auto key = h5::object_key(scale); scales.contains(key)) return scales.at(key);
    std::array<char, 256> name{};
    const ssize_t length = H5DSget_scale_name(scale, name.data(), name.size());
    if (length > 0) return std::string(name.data(), strnlen(name.data(), name.size()));
  } catch (...) {  // NOLINT(bugprone-empty-catch): an unnamed scale is shown as "?"
  }
  return "?";
}

/// The names of the dimension scales attached to each axis of `dataset` ("?" when none).
std::vector<std::string> dimension_names(hid_t dataset, const ScaleNames& scales) {
  const auto rank = h5::dataset_shape(dataset).size();
  std::vector<std::string> names;
  struct Visit {
    const ScaleNames* scales;
    std::string name;
  };
  for (unsigned axis = 0; axis < rank; ++axis) {
    Visit visit{&scales, "?"};
    if (H5DSget_num_scales(dataset, axis) > 0) {
      auto visitor = [](hid_t, unsigned, hid_t scale, void* out) -> herr_t {
        auto* v = static_cast<Visit*>(out);
        v->name = scale_name(scale, *v->scales);
        return 1;  // the first scale names the axis
      };
      H5DSiterate_scales(dataset, axis, nullptr, visitor, &visit);
    }
    names.push_back(std::move(visit.name));
  }
  return names;
}

/// "a soft link to /runs/escalation": a link that inspect shows but does not follow.
std::string link_text(hid_t group, const std::string& name, H5L_type_t type) {
  const char* kind = type == H5L_TYPE_SOFT       ? "a soft link"
                     : type == H5L_TYPE_EXTERNAL ? "an external link"
                                                 : "a user-defined link";
  if (type != H5L_TYPE_SOFT && type != H5L_TYPE_EXTERNAL) return kind;
  return fmt::format("{} to {}", kind, h5::link_target(group, name));
}

/// Whether `group` has a hard link `name` (a member stored in this file; not a soft or external
/// link, which inspect does not follow).
bool has_member(hid_t group, const std::string& name) {
  const auto type = h5::link_type(group, name);
  return type && *type == H5L_TYPE_HARD;
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
    const auto type = h5::link_type(file, group);
    if (!type) {
      reject(path, fmt::format("a results file of format version {} without its group /{}; "
                               "it may be damaged or edited by another program",
                               number, group));
    }
    if (*type != H5L_TYPE_HARD) {
      reject(path, fmt::format("a results file of format version {} whose /{} is {}, not a "
                               "group; it may be damaged or edited by another program "
                               "(inspect does not follow links)",
                               number, group, link_text(file, group, *type)));
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

  if (has_member(file, "provenance")) {
    h5::Handle provenance(H5Gopen2(file, "provenance", H5P_DEFAULT), "cannot open /provenance");
    // Format 8: the coordinate `parameter`; before, the table of records `parameters`.
    for (const char* name : {"parameter", "parameters"}) {
      if (!has_member(provenance.id(), name)) continue;
      h5::Handle parameters(H5Dopen2(provenance.id(), name, H5P_DEFAULT),
                            fmt::format("cannot open /provenance/{}", name));
      const auto shape = h5::dataset_shape(parameters.id());
      line(fmt::format("provenance: {} resolved parameters", shape.empty() ? 0 : shape[0]));
      break;
    }
  }

  if (has_member(file, "runs")) {
    h5::Handle runs(H5Gopen2(file, "runs", H5P_DEFAULT), "cannot open /runs");
    line("");
    line("dimensions (/runs):");
    // One pass over the links; each member is then opened by name (a look-up in the group's
    // index). Soft and external links are listed apart and not followed.
    std::vector<std::string> variables;
    std::vector<h5::Link> links;
    ScaleNames scales;
    for (auto& link : h5::list_links_typed(runs.id())) {
      const std::string& name = link.name;
      if (link.type != H5L_TYPE_HARD) {
        links.push_back(std::move(link));
        continue;
      }
      h5::Handle object(H5Oopen(runs.id(), name.c_str(), H5P_DEFAULT),
                        fmt::format("cannot open /runs/{}", name));
      if (H5Iget_type(object.id()) != H5I_DATASET) continue;
      if (H5DSis_scale(object.id()) <= 0) {
        variables.push_back(name);
        continue;
      }
      scales.emplace(h5::object_key(object.id()), name);
      const auto shape = h5::dataset_shape(object.id());
      const hsize_t size = shape.empty() ? 1 : shape[0];
      h5::Handle type(H5Dget_type(object.id()), fmt::format("cannot read /runs/{}", name));
      if (H5Tget_class(type.id()) == H5T_STRING && shape.size() <= 1) {
        // The first labels only: a scale can declare any number of them.
        const auto labels = h5::read_strings(object.id(), kMaxListedValues,
                                             fmt::format("cannot read /runs/{}", name));
        line(fmt::format("  {:<10} {:>6}  {}", name, size, join_values(labels, size)));
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
      for (const auto& d : dimension_names(dataset.id(), scales)) {
        dims += (dims.empty() ? "" : ", ") + d;
      }
      const std::string units = attribute_or(dataset.id(), "units", "");
      line(fmt::format("  {:<22} [{}] {}{}: {}", name, dims, h5::type_name(type.id()),
                       units.empty() || units == "1" ? "" : fmt::format(" ({})", units),
                       attribute_or(dataset.id(), "long_name", "")));
    }
    if (!links.empty()) {
      line("");
      line(fmt::format("links (/runs): {}, not followed", links.size()));
      for (std::size_t i = 0; i < links.size() && i < kMaxListedValues; ++i) {
        line(fmt::format("  {:<22} {}", links[i].name,
                         link_text(runs.id(), links[i].name, links[i].type)));
      }
      if (links.size() > kMaxListedValues) line(fmt::format("  ... ({} in all)", links.size()));
    }
  }

  for (const char* extra : {"design", "sensitivity", "comparison", "outcomes"}) {
    const auto type = h5::link_type(file, extra);
    if (!type) continue;
    line("");
    if (*type != H5L_TYPE_HARD) {
      line(fmt::format("/{}: {}, not followed", extra, link_text(file, extra, *type)));
      continue;
    }
    h5::Handle group(H5Gopen2(file, extra, H5P_DEFAULT), fmt::format("cannot open /{}", extra));
    const auto links = h5::list_links_typed(group.id());
    std::string names;
    for (std::size_t i = 0; i < links.size() && i < kMaxListedMembers; ++i) {
      names += fmt::format("{}{}{}", i > 0 ? ", " : "", links[i].name,
                           links[i].type == H5L_TYPE_HARD ? "" : " (a link, not followed)");
    }
    if (links.size() > kMaxListedMembers) names += fmt::format(", ... ({} in all)", links.size());
    line(fmt::format("/{}: {}", extra, names));
  }

  if (const auto type = h5::link_type(file, "events")) {
    line("");
    if (*type != H5L_TYPE_HARD) {
      line(fmt::format("events: /events is {}, not followed", link_text(file, "events", *type)));
    } else {
      // Format 8: a group of columns along the coordinate /events/event; before, a table of
      // records.
      h5::Handle object(H5Oopen(file, "events", H5P_DEFAULT), "cannot open /events");
      const bool group = H5Iget_type(object.id()) == H5I_GROUP;
      h5::Handle events(group ? H5Dopen2(object.id(), "event", H5P_DEFAULT)
                              : H5Dopen2(file, "events", H5P_DEFAULT),
                        "cannot open /events");
      const auto shape = h5::dataset_shape(events.id());
      line(fmt::format("events: {} rows (/events)", shape.empty() ? 0 : shape[0]));
    }
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

namespace {

herr_t collect_attribute_name(hid_t /*object*/, const char* name, const H5A_info_t* /*info*/,
                              void* out) {
  try {
    static_cast<std::vector<std::string>*>(out)->emplace_back(name);
  } catch (...) {  // HDF5 is C: no exception may cross it
    return -1;
  }
  return 0;
}

/// "outcome x parameter".
std::string axes_text(const std::vector<std::string>& axes) {
  std::string out;
  for (const auto& a : axes) out += (out.empty() ? "" : " x ") + a;
  return out;
}

/// What read_table_group learns of a dataset of the group from its metadata alone.
struct Member {
  std::string name;
  std::vector<hsize_t> shape;
  H5T_class_t type_class = H5T_NO_CLASS;
  std::string type_name;
};

TableGroup read_table_group(const std::string& path, hid_t group, const std::string& name,
                            const TableGroupSpec& spec) {
  TableGroup g;
  g.name = name;
  // Attributes: their names in one pass, then each scalar one as text (an array attribute reads
  // as "(N values)", without its values).
  std::vector<std::string> attribute_names;
  h5::check(H5Aiterate2(group, H5_INDEX_NAME, H5_ITER_INC, nullptr, collect_attribute_name,
                        &attribute_names),
            fmt::format("cannot list the attributes of /{}", name));
  for (const auto& a : attribute_names) {
    if (auto v = h5::read_attribute_text(group, a)) g.attributes.emplace_back(a, *v);
  }

  // Members: one pass over the links, metadata only. Links that are not hard are not followed.
  std::vector<Member> coordinates;
  std::vector<Member> variables;
  auto listed = [&spec](const std::string& n) {
    for (const auto& [v, axes] : spec.variables) {
      if (v == n) return true;
    }
    return false;
  };
  for (const auto& link : h5::list_links_typed(group)) {
    if (link.type != H5L_TYPE_HARD) continue;
    const std::string what = fmt::format("cannot open /{}/{}", name, link.name);
    h5::Handle object(H5Oopen(group, link.name.c_str(), H5P_DEFAULT), what);
    if (H5Iget_type(object.id()) != H5I_DATASET) continue;
    const bool scale = H5DSis_scale(object.id()) > 0;
    if (!scale && !listed(link.name)) continue;
    h5::Handle type(H5Dget_type(object.id()), what);
    Member m{link.name, h5::dataset_shape(object.id()), H5Tget_class(type.id()),
             h5::type_name(type.id())};
    if (!scale) {
      variables.push_back(std::move(m));
      continue;
    }
    if (m.shape.size() != 1) {
      reject(path, fmt::format("the coordinate /{}/{} has the shape {}; a coordinate has one "
                               "dimension. The file may be damaged",
                               name, m.name, shape_text(m.shape)));
    }
    coordinates.push_back(std::move(m));
  }
  auto coordinate = [&](const std::string& c) -> const Member* {
    for (const auto& m : coordinates) {
      if (m.name == c) return &m;
    }
    return nullptr;
  };
  for (const auto& m : coordinates) {
    g.coordinates.push_back({m.name, {}, static_cast<std::size_t>(m.shape[0])});
  }

  // Everything is checked, from the metadata alone, before anything is read.
  // The labelled coordinates: present, strings, and not too many labels.
  std::size_t labels = 0;
  for (const auto& c : spec.labelled) {
    const Member* m = coordinate(c);
    if (m == nullptr) {
      reject(path, fmt::format("/{} has no coordinate '{}' (a 1-D dimension scale of labels); "
                               "the file may be damaged",
                               name, c));
    }
    if (m->type_class != H5T_STRING) {
      reject(path, fmt::format("the coordinate /{}/{} holds {}, expected labels (strings); the "
                               "file may be damaged",
                               name, c, m->type_name));
    }
    if (m->shape[0] > kMaxTableLabels - labels) {
      reject(path, fmt::format("the coordinate /{}/{} has the shape {}: {} labels{}, more than "
                               "the {} that inspect reads from a group; the file may be damaged",
                               name, c, shape_text(m->shape), m->shape[0],
                               labels > 0 ? fmt::format(" after {} others", labels) : "",
                               kMaxTableLabels));
    }
    labels += static_cast<std::size_t>(m->shape[0]);
  }
  // The variables: each present one has the shape its coordinates give, holds numbers, and all
  // of them together stay within the cap; then the table the absent ones would span must too
  // (inspect prints it with "-" in their place).
  struct Planned {
    std::string name;
    std::vector<std::string> axes;
    std::size_t count;
  };
  std::vector<Planned> planned;
  std::vector<std::pair<const std::vector<std::string>*, std::vector<hsize_t>>> absent;
  std::size_t numbers = 0;
  for (const auto& [v, axes] : spec.variables) {
    std::vector<hsize_t> expected;
    for (const auto& a : axes) {
      const Member* c = coordinate(a);
      if (c == nullptr) {
        reject(path, fmt::format("/{} has no coordinate '{}', which gives an axis of its "
                                 "variable '{}'; the file may be damaged",
                                 name, a, v));
      }
      expected.push_back(c->shape[0]);
    }
    const Member* m = nullptr;
    for (const auto& candidate : variables) {
      if (candidate.name == v) m = &candidate;
    }
    if (m == nullptr) {
      absent.emplace_back(&axes, std::move(expected));
      continue;
    }
    if (m->shape != expected) {
      reject(path, fmt::format("/{}/{} has the shape {}, but the coordinates of /{} make it {} "
                               "({}); the file may be damaged",
                               name, v, shape_text(m->shape), name, shape_text(expected),
                               axes_text(axes)));
    }
    const std::size_t count = element_count(expected);
    if (count > kMaxTableNumbers - numbers) {
      reject(path,
             fmt::format("/{}/{} has the shape {} ({}): {} numbers{}, more than the {} "
                         "that inspect reads from a group; the file may be damaged",
                         name, v, shape_text(m->shape), axes_text(axes), count,
                         numbers > 0 ? fmt::format(" after {} in other datasets", numbers) : "",
                         kMaxTableNumbers));
    }
    if (m->type_class != H5T_FLOAT && m->type_class != H5T_INTEGER) {
      reject(path, fmt::format("/{}/{} holds {}, expected numbers; the file may be damaged", name,
                               v, m->type_name));
    }
    numbers += count;
    planned.push_back({v, axes, count});
  }
  for (const auto& [axes, expected] : absent) {
    const std::size_t count = element_count(expected);
    if (count > kMaxTableNumbers) {
      reject(path,
             fmt::format("the coordinates of /{} make a table of {} = {} cells ({}), more "
                         "than the {} that inspect reads from a group; the file may be "
                         "damaged",
                         name, shape_text(expected), count, axes_text(*axes), kMaxTableNumbers));
    }
  }

  // Reading.
  for (const auto& c : spec.labelled) {
    h5::Handle dataset(H5Dopen2(group, c.c_str(), H5P_DEFAULT),
                       fmt::format("cannot open /{}/{}", name, c));
    for (auto& out : g.coordinates) {
      if (out.name == c) {
        out.labels =
            h5::read_strings(dataset.id(), out.size, fmt::format("cannot read /{}/{}", name, c));
      }
    }
  }
  for (const auto& p : planned) {
    h5::Handle dataset(H5Dopen2(group, p.name.c_str(), H5P_DEFAULT),
                       fmt::format("cannot open /{}/{}", name, p.name));
    TableGroup::Variable out;
    out.name = p.name;
    out.dims = p.axes;
    out.values.resize(p.count);
    if (p.count > 0) {
      h5::check(H5Dread(dataset.id(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT,
                        out.values.data()),
                fmt::format("cannot read /{}/{}", name, p.name));
    }
    out.long_name = attribute_or(dataset.id(), "long_name", "");
    out.units = attribute_or(dataset.id(), "units", "");
    g.variables.push_back(std::move(out));
  }
  return g;
}

}  // namespace

std::optional<TableGroup> read_table_group(const std::string& path, const std::string& name,
                                           const TableGroupSpec& spec) {
  h5::Handle file = open_results(path);
  try {
    // Not there, or only a link (shown by describe_results_file, not followed).
    if (!has_member(file.id(), name)) return std::nullopt;
    h5::Handle group(H5Gopen2(file.id(), name.c_str(), H5P_DEFAULT),
                     fmt::format("cannot open /{}", name));
    return read_table_group(path, group.id(), name, spec);
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
