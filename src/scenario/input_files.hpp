#pragma once
// Reading the files a user gives as inputs: only regular files (or "-" for standard input), at
// most kMaxInputBytes, so that /dev/zero, a FIFO or an endless pipe is refused at once instead
// of filling the memory. Every file read is remembered, so that no command writes its output
// over one of its own inputs (output/output_target.hpp).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace flashpoint {

/// Largest scenario, sweep, comparison or design file read (docs/cli.md, "Inputs").
inline constexpr std::size_t kMaxInputBytes = std::size_t{64} << 20;

/// The whole text of an input file, or of standard input when `path` is "-". Throws InputError
/// ("PATH: cannot read file: ...") for a missing or unreadable file, a folder, a device, a FIFO
/// or a socket, and for anything longer than kMaxInputBytes.
[[nodiscard]] std::string read_input_file(const std::string& path);

/// One file this process has read: its device and inode, and the path it was read by.
struct InputFileId {
  std::uint64_t device = 0;
  std::uint64_t inode = 0;
  std::string path;
};

/// Records a file read by other means (e.g. a results file or journal opened by HDF5). Files
/// that cannot be stat()ed are not recorded.
void remember_input_file(const std::string& path);

/// Every input file read so far by this process (thread-safe), in the order first read.
[[nodiscard]] std::vector<InputFileId> input_files_read();

/// For tests: forgets the inputs read so far.
void forget_input_files();

/// "12.3 MiB", "512 bytes": a size for messages.
[[nodiscard]] std::string describe_size(std::uint64_t bytes);

/// What a file type is called in messages: "a folder", "a character device", "a FIFO", ...
[[nodiscard]] const char* file_type_name(unsigned mode);

}  // namespace flashpoint
