#pragma once
// The thin, checked layer over the HDF5 C library, shared by the writer (hdf5_writer.cpp,
// hdf5_event_table.cpp, hdf5_table_groups.cpp) and hdf5_reader.cpp, the only files that include
// it. Every call's return value is checked and a failure becomes
// an OutputError that keeps HDF5's own error stack; handles close themselves (RAII); element types
// map to HDF5 types through the TypeOf traits.
#include <hdf5.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace flashpoint::h5 {

/// Switches off HDF5's automatic printing of error stacks to stderr: failures are reported
/// through exceptions instead. Cheap; called by every entry point of the writer and the reader.
void silence_errors();

/// The current HDF5 error stack as text, one line per frame, outermost call first; clears it.
/// Empty when HDF5 recorded no error.
[[nodiscard]] std::string take_error_stack();

/// Throws OutputError("<what>: <HDF5 error stack>"), taking the stack.
[[noreturn]] void fail(std::string_view what);

/// Throws OutputError("<what>: <HDF5 error stack>") when `status` is negative (HDF5's failure
/// value for herr_t, hid_t, htri_t and hssize_t alike); returns `status` otherwise.
template <typename Status>
Status check(Status status, std::string_view what) {
  if (status < 0) fail(what);
  return status;
}

/// Owns one HDF5 identifier (file, group, dataset, dataspace, datatype, attribute or property
/// list) and closes it with the matching H5?close. Move-only.
class Handle {
 public:
  Handle() = default;
  /// Takes ownership of `id`; throws OutputError with the error stack when `id` is negative.
  Handle(hid_t id, std::string_view what);
  ~Handle();  ///< closes quietly; use close() where a failure must be reported
  Handle(Handle&& other) noexcept : id_(other.id_) { other.id_ = H5I_INVALID_HID; }
  Handle& operator=(Handle&& other) noexcept;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;

  [[nodiscard]] hid_t id() const { return id_; }
  [[nodiscard]] bool valid() const { return id_ >= 0; }
  /// Closes now; throws OutputError when HDF5 reports a failure (e.g. a flush on a full disk).
  /// The handle is empty afterwards either way.
  void close();

 private:
  hid_t id_ = H5I_INVALID_HID;
};

/// HDF5 types of a C++ element type: `memory()` the native type, `file()` the little-endian
/// standard type stored in files.
template <typename T>
struct TypeOf;
template <>
struct TypeOf<std::int8_t> {
  static hid_t memory() { return H5T_NATIVE_INT8; }
  static hid_t file() { return H5T_STD_I8LE; }
};
template <>
struct TypeOf<std::uint8_t> {
  static hid_t memory() { return H5T_NATIVE_UINT8; }
  static hid_t file() { return H5T_STD_U8LE; }
};
template <>
struct TypeOf<std::int32_t> {
  static hid_t memory() { return H5T_NATIVE_INT32; }
  static hid_t file() { return H5T_STD_I32LE; }
};
template <>
struct TypeOf<std::int64_t> {
  static hid_t memory() { return H5T_NATIVE_INT64; }
  static hid_t file() { return H5T_STD_I64LE; }
};
template <>
struct TypeOf<std::uint64_t> {
  static hid_t memory() { return H5T_NATIVE_UINT64; }
  static hid_t file() { return H5T_STD_U64LE; }
};
template <>
struct TypeOf<double> {
  static hid_t memory() { return H5T_NATIVE_DOUBLE; }
  static hid_t file() { return H5T_IEEE_F64LE; }
};

// --- types and dataspaces -------------------------------------------------------------------

/// Variable-length UTF-8 string type (what h5py reads as `str`).
[[nodiscard]] Handle vlen_string_type();
/// Fixed-length ASCII string of `size` bytes, padded with NULs (numpy `S<size>`).
[[nodiscard]] Handle fixed_string_type(std::size_t size);
/// A simple dataspace; `max_dims` empty means fixed size, H5S_UNLIMITED entries mean extendable.
[[nodiscard]] Handle simple_space(std::span<const hsize_t> dims,
                                  std::span<const hsize_t> max_dims = {});
[[nodiscard]] Handle scalar_space();

// --- attributes --------------------------------------------------------------------------------

/// Writes (or replaces) a scalar string attribute, stored as variable-length UTF-8.
void write_attribute(hid_t object, const std::string& name, const std::string& value);
void write_attribute(hid_t object, const std::string& name, const char* value);
/// Writes (or replaces) a scalar attribute of `file_type` from one `memory_type` value.
void write_attribute(hid_t object, const std::string& name, hid_t file_type, hid_t memory_type,
                     const void* value);
/// Writes (or replaces) a scalar numeric attribute.
template <typename T>
void write_attribute(hid_t object, const std::string& name, T value) {
  write_attribute(object, name, TypeOf<T>::file(), TypeOf<T>::memory(), &value);
}
/// Writes (or replaces) a one-dimensional numeric attribute of `count` values.
void write_array_attribute(hid_t object, const std::string& name, hid_t file_type,
                           hid_t memory_type, const void* values, hsize_t count);
template <typename T>
void write_attribute(hid_t object, const std::string& name, std::span<const T> values) {
  write_array_attribute(object, name, TypeOf<T>::file(), TypeOf<T>::memory(), values.data(),
                        values.size());
}

[[nodiscard]] bool has_attribute(hid_t object, const std::string& name);
/// A scalar attribute as text: strings as they are (fixed or variable length), integers and
/// floating-point numbers formatted; nullopt when there is no such attribute.
[[nodiscard]] std::optional<std::string> read_attribute_text(hid_t object, const std::string& name);

// --- datasets ---------------------------------------------------------------------------------

/// Writes a scalar string dataset (variable-length UTF-8), e.g. a document too long for an
/// attribute (attributes are limited to 64 KiB).
void write_string_dataset(hid_t location, const std::string& name, const std::string& value);
/// Writes a 1-D dataset of variable-length UTF-8 strings.
Handle write_strings_dataset(hid_t location, const std::string& name,
                             const std::vector<std::string>& values);
/// The most bytes a read of fixed-length strings may take (64 MiB): a damaged file can declare
/// strings of any length, and the buffer is allocated before HDF5 reads.
inline constexpr std::size_t kMaxStringBytes = std::size_t{64} << 20;
/// Reads the first `max_count` elements (all of them when there are fewer) of a scalar or 1-D
/// string dataset, fixed or variable length, and nothing more. Throws OutputError, starting with
/// `what`, for another rank or type, or when fixed-length strings would take more than
/// kMaxStringBytes.
[[nodiscard]] std::vector<std::string> read_strings(hid_t dataset, std::size_t max_count,
                                                    std::string_view what);
/// The current extent of a dataset (empty for a scalar).
[[nodiscard]] std::vector<hsize_t> dataset_shape(hid_t dataset);
/// A short name for a datatype: "int8", "uint64", "float64", "string", "compound{...}", ...
[[nodiscard]] std::string type_name(hid_t type);

/// Lists the links of a group in creation order when the group tracks it, else by name.
[[nodiscard]] std::vector<std::string> list_links(hid_t group);

/// A link of a group: its name and type (H5L_TYPE_HARD, _SOFT, _EXTERNAL or user-defined).
struct Link {
  std::string name;
  H5L_type_t type = H5L_TYPE_ERROR;
};
/// The links of a group, in the order of list_links, with their types, in one pass over the
/// group (linear in the number of links). No link is followed: a soft or external link is
/// listed with its type, whatever it points to (or whether it points anywhere).
[[nodiscard]] std::vector<Link> list_links_typed(hid_t group);
/// The type of the link `name` of `group` (one name, not a path), read from the link without
/// following it; nullopt when the group has no such link.
[[nodiscard]] std::optional<H5L_type_t> link_type(hid_t group, const std::string& name);
/// Where a soft or external link points, as stored in the link, not followed:
/// "/runs/escalation" or "other.h5:/runs/escalation"; "(a user-defined link)" for other types.
[[nodiscard]] std::string link_target(hid_t group, const std::string& name);

/// The identity of an open object within the open files (file number and object address), to
/// tell whether two handles are the same object. Unlike a path from H5Iget_name, which for an
/// object opened through a reference (a dimension scale) searches the whole file, it costs no
/// more than reading the object's header.
[[nodiscard]] std::string object_key(hid_t object);

}  // namespace flashpoint::h5
