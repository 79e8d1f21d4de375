#include "output/hdf5_util.hpp"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "core/error.hpp"

namespace flashpoint::h5 {

void silence_errors() {
  // HDF5 1.10's clean-up at exit crashes on a file whose close failed (disk full): closing is
  // ours to do, so the library must not try again at exit.
  H5dont_atexit();
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

namespace {

herr_t collect_frame(unsigned n, const H5E_error2_t* frame, void* out) {
  auto& text = *static_cast<std::string*>(out);
  char minor[256] = "";
  H5Eget_msg(frame->min_num, nullptr, minor, sizeof minor);
  text += fmt::format("\n  #{:03}: {}(): {}", n, frame->func_name ? frame->func_name : "?",
                      frame->desc ? frame->desc : "");
  if (minor[0] != '\0') text += fmt::format(" ({})", minor);
  return 0;
}

}  // namespace

std::string take_error_stack() {
  std::string text;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, collect_frame, &text);
  H5Eclear2(H5E_DEFAULT);
  return text;
}

void fail(std::string_view what) {
  std::string stack = take_error_stack();
  if (stack.empty()) throw OutputError(std::string(what));
  throw OutputError(fmt::format("{}; HDF5 error stack:{}", what, stack));
}

// --- Handle ------------------------------------------------------------------------------------

Handle::Handle(hid_t id, std::string_view what) : id_(check(id, what)) {}

Handle::~Handle() {
  if (valid()) {
    try {
      close();
    } catch (...) {  // NOLINT(bugprone-empty-catch): destructors must not throw; close() reports
    }
  }
}

Handle& Handle::operator=(Handle&& other) noexcept {
  if (this != &other) {
    Handle old(std::move(*this));  // closes the current id on scope exit
    id_ = other.id_;
    other.id_ = H5I_INVALID_HID;
  }
  return *this;
}

void Handle::close() {
  if (!valid()) return;
  hid_t id = id_;
  id_ = H5I_INVALID_HID;
  herr_t status = -1;
  switch (H5Iget_type(id)) {
    case H5I_FILE:
      status = H5Fclose(id);
      break;
    case H5I_GROUP:
      status = H5Gclose(id);
      break;
    case H5I_DATASET:
      status = H5Dclose(id);
      break;
    case H5I_DATASPACE:
      status = H5Sclose(id);
      break;
    case H5I_DATATYPE:
      status = H5Tclose(id);
      break;
    case H5I_ATTR:
      status = H5Aclose(id);
      break;
    case H5I_GENPROP_LST:
      status = H5Pclose(id);
      break;
    default:
      status = H5Idec_ref(id) < 0 ? -1 : 0;
      break;
  }
  check(status, "cannot close an HDF5 object");
}

// --- types and dataspaces -----------------------------------------------------------------------

Handle vlen_string_type() {
  Handle type(H5Tcopy(H5T_C_S1), "cannot copy the string type");
  check(H5Tset_size(type.id(), H5T_VARIABLE), "cannot make a variable-length string type");
  check(H5Tset_cset(type.id(), H5T_CSET_UTF8), "cannot set the UTF-8 character set");
  return type;
}

Handle fixed_string_type(std::size_t size) {
  Handle type(H5Tcopy(H5T_C_S1), "cannot copy the string type");
  check(H5Tset_size(type.id(), size), "cannot set the size of a string type");
  check(H5Tset_strpad(type.id(), H5T_STR_NULLPAD), "cannot set string padding");
  check(H5Tset_cset(type.id(), H5T_CSET_ASCII), "cannot set the ASCII character set");
  return type;
}

Handle simple_space(std::span<const hsize_t> dims, std::span<const hsize_t> max_dims) {
  return Handle(H5Screate_simple(static_cast<int>(dims.size()), dims.data(),
                                 max_dims.empty() ? nullptr : max_dims.data()),
                "cannot create a dataspace");
}

Handle scalar_space() {
  return Handle(H5Screate(H5S_SCALAR), "cannot create a scalar dataspace");
}

// --- attributes ---------------------------------------------------------------------------------

void write_attribute(hid_t object, const std::string& name, hid_t file_type, hid_t memory_type,
                     const void* value) {
  const std::string what = fmt::format("cannot write attribute '{}'", name);
  if (has_attribute(object, name)) check(H5Adelete(object, name.c_str()), what);
  Handle space = scalar_space();
  Handle attribute(
      H5Acreate2(object, name.c_str(), file_type, space.id(), H5P_DEFAULT, H5P_DEFAULT), what);
  check(H5Awrite(attribute.id(), memory_type, value), what);
  attribute.close();
}

void write_array_attribute(hid_t object, const std::string& name, hid_t file_type,
                           hid_t memory_type, const void* values, hsize_t count) {
  const std::string what = fmt::format("cannot write attribute '{}'", name);
  if (has_attribute(object, name)) check(H5Adelete(object, name.c_str()), what);
  Handle space = simple_space(std::span(&count, 1));
  Handle attribute(
      H5Acreate2(object, name.c_str(), file_type, space.id(), H5P_DEFAULT, H5P_DEFAULT), what);
  check(H5Awrite(attribute.id(), memory_type, values), what);
  attribute.close();
}

void write_attribute(hid_t object, const std::string& name, const std::string& value) {
  write_attribute(object, name, value.c_str());
}

void write_attribute(hid_t object, const std::string& name, const char* value) {
  Handle type = vlen_string_type();
  write_attribute(object, name, type.id(), type.id(), &value);
}

bool has_attribute(hid_t object, const std::string& name) {
  return check(H5Aexists(object, name.c_str()),
               fmt::format("cannot look for attribute '{}'", name)) > 0;
}

namespace {

/// Reads a string-typed attribute or dataset element(s) of `type`, `count` elements.
template <typename Reader>
std::vector<std::string> read_string_elements(hid_t type, std::size_t count, hid_t space,
                                              Reader&& read, std::string_view what) {
  std::vector<std::string> out;
  out.reserve(count);
  if (count == 0) return out;
  const htri_t is_variable = check(H5Tis_variable_str(type), what);
  if (is_variable > 0) {
    Handle memory_type = vlen_string_type();
    std::vector<char*> pointers(count, nullptr);
    check(read(memory_type.id(), pointers.data()), what);
    for (char* p : pointers) out.emplace_back(p ? p : "");
    check(H5Dvlen_reclaim(memory_type.id(), space, H5P_DEFAULT, pointers.data()), what);
  } else {
    const std::size_t size = H5Tget_size(type);
    if (size == 0) fail(what);
    if (size > kMaxStringBytes / count) {
      throw OutputError(
          fmt::format("{}: {} strings of {} bytes each, more than the {} MiB read at "
                      "once",
                      what, count, size, kMaxStringBytes >> 20));
    }
    Handle memory_type = fixed_string_type(size);
    std::vector<char> buffer(size * count, '\0');
    check(read(memory_type.id(), buffer.data()), what);
    for (std::size_t i = 0; i < count; ++i) {
      const char* start = buffer.data() + i * size;
      out.emplace_back(start, strnlen(start, size));
    }
  }
  return out;
}

}  // namespace

std::optional<std::string> read_attribute_text(hid_t object, const std::string& name) {
  if (!has_attribute(object, name)) return std::nullopt;
  const std::string what = fmt::format("cannot read attribute '{}'", name);
  Handle attribute(H5Aopen(object, name.c_str(), H5P_DEFAULT), what);
  Handle type(H5Aget_type(attribute.id()), what);
  Handle space(H5Aget_space(attribute.id()), what);
  const hssize_t count = check(H5Sget_simple_extent_npoints(space.id()), what);
  if (count != 1) return fmt::format("({} values)", count);
  switch (H5Tget_class(type.id())) {
    case H5T_STRING: {
      auto values = read_string_elements(
          type.id(), 1, space.id(),
          [&](hid_t memory_type, void* buffer) {
            return H5Aread(attribute.id(), memory_type, buffer);
          },
          what);
      return values.front();
    }
    case H5T_INTEGER:
      if (H5Tget_sign(type.id()) == H5T_SGN_NONE) {
        std::uint64_t value = 0;
        check(H5Aread(attribute.id(), H5T_NATIVE_UINT64, &value), what);
        return fmt::format("{}", value);
      } else {
        std::int64_t value = 0;
        check(H5Aread(attribute.id(), H5T_NATIVE_INT64, &value), what);
        return fmt::format("{}", value);
      }
    case H5T_FLOAT: {
      double value = 0;
      check(H5Aread(attribute.id(), H5T_NATIVE_DOUBLE, &value), what);
      return fmt::format("{}", value);
    }
    default:
      return fmt::format("({})", type_name(type.id()));
  }
}

// --- datasets -----------------------------------------------------------------------------------

void write_string_dataset(hid_t location, const std::string& name, const std::string& value) {
  const std::string what = fmt::format("cannot write dataset '{}'", name);
  Handle type = vlen_string_type();
  Handle space = scalar_space();
  Handle dataset(H5Dcreate2(location, name.c_str(), type.id(), space.id(), H5P_DEFAULT, H5P_DEFAULT,
                            H5P_DEFAULT),
                 what);
  const char* text = value.c_str();
  check(H5Dwrite(dataset.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, &text), what);
  dataset.close();
}

Handle write_strings_dataset(hid_t location, const std::string& name,
                             const std::vector<std::string>& values) {
  const std::string what = fmt::format("cannot write dataset '{}'", name);
  Handle type = vlen_string_type();
  const hsize_t size = values.size();
  Handle space = simple_space(std::span(&size, 1));
  Handle dataset(H5Dcreate2(location, name.c_str(), type.id(), space.id(), H5P_DEFAULT, H5P_DEFAULT,
                            H5P_DEFAULT),
                 what);
  if (!values.empty()) {
    std::vector<const char*> pointers;
    pointers.reserve(values.size());
    for (const auto& v : values) pointers.push_back(v.c_str());
    check(H5Dwrite(dataset.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()), what);
  }
  return dataset;
}

std::vector<std::string> read_strings(hid_t dataset, std::size_t max_count, std::string_view what) {
  const std::string where(what);
  Handle type(H5Dget_type(dataset), where);
  if (H5Tget_class(type.id()) != H5T_STRING) fail(where + ": not a string dataset");
  Handle file_space(H5Dget_space(dataset), where);
  const int rank = check(H5Sget_simple_extent_ndims(file_space.id()), where);
  if (rank > 1) throw OutputError(fmt::format("{}: {} dimensions, expected 1", where, rank));
  const auto points =
      static_cast<std::size_t>(check(H5Sget_simple_extent_npoints(file_space.id()), where));
  const std::size_t count = std::min(points, max_count);
  if (count == 0) return {};
  // Only the first `count` elements are selected: HDF5 converts (and, for variable-length
  // strings, allocates) no more than that.
  Handle memory_space = scalar_space();
  if (rank == 1) {
    const hsize_t start = 0;
    const hsize_t size = count;
    check(H5Sselect_hyperslab(file_space.id(), H5S_SELECT_SET, &start, nullptr, &size, nullptr),
          where);
    memory_space = simple_space(std::span(&size, 1));
  }
  return read_string_elements(
      type.id(), count, memory_space.id(),
      [&](hid_t memory_type, void* buffer) {
        return H5Dread(dataset, memory_type, memory_space.id(), file_space.id(), H5P_DEFAULT,
                       buffer);
      },
      where);
}

std::vector<hsize_t> dataset_shape(hid_t dataset) {
  Handle space(H5Dget_space(dataset), "cannot get a dataspace");
  const int rank = check(H5Sget_simple_extent_ndims(space.id()), "cannot get a dataspace's rank");
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  check(H5Sget_simple_extent_dims(space.id(), dims.data(), nullptr),
        "cannot get a dataspace's dimensions");
  return dims;
}

std::string type_name(hid_t type) {
  const std::size_t bits = 8 * H5Tget_size(type);
  switch (H5Tget_class(type)) {
    case H5T_INTEGER:
      return fmt::format("{}int{}", H5Tget_sign(type) == H5T_SGN_NONE ? "u" : "", bits);
    case H5T_FLOAT:
      return fmt::format("float{}", bits);
    case H5T_STRING:
      if (H5Tis_variable_str(type) > 0) return "string";
      return fmt::format("string[{}]", H5Tget_size(type));
    case H5T_COMPOUND: {
      std::string out = "compound{";
      const int members = H5Tget_nmembers(type);
      for (int i = 0; i < members; ++i) {
        char* member_name = H5Tget_member_name(type, static_cast<unsigned>(i));
        Handle member_type(H5Tget_member_type(type, static_cast<unsigned>(i)),
                           "cannot get a compound member type");
        out += fmt::format("{}{} {}", i > 0 ? ", " : "", member_name ? member_name : "?",
                           type_name(member_type.id()));
        H5free_memory(member_name);
      }
      return out + "}";
    }
    default:
      return "other";
  }
}

namespace {

// No exception may cross HDF5 (C): the callbacks stop the iteration instead (-1 fails it).
herr_t collect_link(hid_t /*group*/, const char* name, const H5L_info_t* /*info*/, void* out) {
  try {
    static_cast<std::vector<std::string>*>(out)->emplace_back(name);
  } catch (...) {
    return -1;
  }
  return 0;
}

/// The index list_links iterates: creation order when the group keeps an index of it.
H5_index_t link_index(hid_t group) {
  Handle plist(H5Gget_create_plist(group), "cannot get a group's creation properties");
  unsigned order_flags = 0;
  check(H5Pget_link_creation_order(plist.id(), &order_flags),
        "cannot get a group's link creation order");
  return (order_flags & H5P_CRT_ORDER_INDEXED) != 0 ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME;
}

herr_t collect_typed_link(hid_t /*group*/, const char* name, const H5L_info_t* info, void* out) {
  try {
    static_cast<std::vector<Link>*>(out)->push_back(Link{name, info->type});
  } catch (...) {
    return -1;
  }
  return 0;
}

}  // namespace

std::vector<std::string> list_links(hid_t group) {
  std::vector<std::string> names;
  check(H5Literate(group, link_index(group), H5_ITER_INC, nullptr, collect_link, &names),
        "cannot list a group's members");
  return names;
}

std::vector<Link> list_links_typed(hid_t group) {
  std::vector<Link> links;
  check(H5Literate(group, link_index(group), H5_ITER_INC, nullptr, collect_typed_link, &links),
        "cannot list a group's members");
  return links;
}

std::optional<H5L_type_t> link_type(hid_t group, const std::string& name) {
  const std::string what = fmt::format("cannot look for the link '{}'", name);
  if (check(H5Lexists(group, name.c_str(), H5P_DEFAULT), what) <= 0) return std::nullopt;
  H5L_info_t info;
  check(H5Lget_info(group, name.c_str(), &info, H5P_DEFAULT), what);
  return info.type;
}

std::string link_target(hid_t group, const std::string& name) {
  const std::string what = fmt::format("cannot read the link '{}'", name);
  H5L_info_t info;
  check(H5Lget_info(group, name.c_str(), &info, H5P_DEFAULT), what);
  if (info.type != H5L_TYPE_SOFT && info.type != H5L_TYPE_EXTERNAL) return "(a user-defined link)";
  constexpr std::size_t kMaxTarget = 4096;  // a path longer than this is not shown
  if (info.u.val_size > kMaxTarget) return fmt::format("(a target of {} bytes)", info.u.val_size);
  std::vector<char> value(info.u.val_size + 1, '\0');
  check(H5Lget_val(group, name.c_str(), value.data(), info.u.val_size, H5P_DEFAULT), what);
  if (info.type == H5L_TYPE_SOFT)
    return std::string(value.data(), strnlen(value.data(), info.u.val_size));
  unsigned flags = 0;
  const char* file = nullptr;
  const char* path = nullptr;
  check(H5Lunpack_elink_val(value.data(), info.u.val_size, &flags, &file, &path), what);
  return fmt::format("{}:{}", file != nullptr ? file : "?", path != nullptr ? path : "?");
}

std::string object_key(hid_t object) {
  std::string key;
  auto append = [&key](const auto& value) {
    key.append(reinterpret_cast<const char*>(&value), sizeof value);
  };
#if H5_VERSION_GE(1, 12, 0)
  H5O_info2_t info;
  check(H5Oget_info3(object, &info, H5O_INFO_BASIC), "cannot get an object's address");
  append(info.fileno);
  append(info.token);
#else
  H5O_info_t info;
  check(H5Oget_info2(object, &info, H5O_INFO_BASIC), "cannot get an object's address");
  append(info.fileno);
  append(info.addr);
#endif
  return key;
}

}  // namespace flashpoint::h5
