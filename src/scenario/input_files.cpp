#include "scenario/input_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>
#include <optional>

#include <fmt/format.h>

#include "core/error.hpp"

namespace flashpoint {

namespace {

std::mutex g_inputs_mutex;
std::vector<InputFileId> g_inputs;

[[noreturn]] void refuse(const std::string& path, const std::string& why) {
  throw InputError(Problem{path, 0, 0, "", fmt::format("cannot read file: {}", why)});
}

void remember(const struct stat& st, const std::string& path) {
  std::lock_guard lock(g_inputs_mutex);
  for (const auto& f : g_inputs) {
    if (f.device == st.st_dev && f.inode == st.st_ino) return;
  }
  g_inputs.push_back(InputFileId{static_cast<std::uint64_t>(st.st_dev),
                                 static_cast<std::uint64_t>(st.st_ino), path});
}

/// Reads `fd` to its end, failing past kMaxInputBytes.
std::string read_bounded(int fd, const std::string& path, const char* what) {
  std::string text;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      refuse(path, std::strerror(errno));
    }
    if (n == 0) return text;
    if (text.size() + static_cast<std::size_t>(n) > kMaxInputBytes) {
      refuse(path, fmt::format("{} is longer than {}, the largest input read (docs/cli.md)", what,
                               describe_size(kMaxInputBytes)));
    }
    text.append(buffer, static_cast<std::size_t>(n));
  }
}

}  // namespace

const char* file_type_name(unsigned mode) {
  switch (mode & S_IFMT) {
    case S_IFREG:
      return "a regular file";
    case S_IFDIR:
      return "a folder";
    case S_IFCHR:
      return "a character device";
    case S_IFBLK:
      return "a block device";
    case S_IFIFO:
      return "a FIFO (named pipe)";
    case S_IFSOCK:
      return "a socket";
    case S_IFLNK:
      return "a symbolic link";
    default:
      return "a special file";
  }
}

std::string describe_size(std::uint64_t bytes) {
  if (bytes < 1024) return fmt::format("{} bytes", bytes);
  const auto b = static_cast<double>(bytes);
  if (bytes < (std::uint64_t{1} << 20)) return fmt::format("{:.1f} KiB", b / 1024.0);
  if (bytes < (std::uint64_t{1} << 30)) return fmt::format("{:.1f} MiB", b / 1048576.0);
  return fmt::format("{:.1f} GiB", b / 1073741824.0);
}

std::string read_input_file(const std::string& path) {
  if (path == "-") {
    // Read once: a command that looks at its input twice (validate reads its kind first) sees
    // the same text the second time.
    static std::mutex stdin_mutex;
    static std::optional<std::string> stdin_text;
    std::lock_guard lock(stdin_mutex);
    if (!stdin_text) {
      struct stat st {};
      if (::fstat(STDIN_FILENO, &st) != 0) refuse("-", std::strerror(errno));
      if (S_ISREG(st.st_mode)) remember(st, "-");
      stdin_text = read_bounded(STDIN_FILENO, "-", "standard input");
    }
    return *stdin_text;
  }
  // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below anyway.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) refuse(path, std::strerror(errno));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) refuse(path, std::strerror(errno));
  if (S_ISDIR(st.st_mode)) refuse(path, std::strerror(EISDIR));
  if (!S_ISREG(st.st_mode)) {
    refuse(path, fmt::format("it is {}, not a regular file (inputs are files, or - for standard "
                             "input)",
                             file_type_name(st.st_mode)));
  }
  if (static_cast<std::uint64_t>(st.st_size) > kMaxInputBytes) {
    refuse(path, fmt::format("it is {} ({} bytes) long; inputs are limited to {} ({} bytes; "
                             "docs/cli.md)",
                             describe_size(static_cast<std::uint64_t>(st.st_size)), st.st_size,
                             describe_size(kMaxInputBytes), kMaxInputBytes));
  }
  (void)::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  remember(st, path);
  return read_bounded(fd, path, "the file");
}

void remember_input_file(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) remember(st, path);
}

std::vector<InputFileId> input_files_read() {
  std::lock_guard lock(g_inputs_mutex);
  return g_inputs;
}

void forget_input_files() {
  std::lock_guard lock(g_inputs_mutex);
  g_inputs.clear();
}

}  // namespace flashpoint
