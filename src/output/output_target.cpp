#include "output/output_target.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <utility>

#include <fmt/format.h>

#include "core/error.hpp"
#include "scenario/input_files.hpp"

namespace flashpoint {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kLockMagic = "flashpoint lock\n";
constexpr std::size_t kPathMax = PATH_MAX;  // 4,096 on Linux, the terminating NUL included

[[noreturn]] void refuse(const std::string& output, std::string message) {
  throw InputError(Problem{output, 0, 0, "", std::move(message)});
}

std::string folder_of(const std::string& output) {
  const fs::path parent = fs::path(output).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

std::string file_name_of(const std::string& output) {
  return fs::path(output).filename().string();
}

std::size_t name_max_of(const std::string& folder) {
  const long n = ::pathconf(folder.c_str(), _PC_NAME_MAX);
  return n > 0 ? static_cast<std::size_t>(n) : 255;
}

std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

/// OUT.SUFFIX beside OUT, or a hidden name made from a hash of OUT's name when OUT.SUFFIX would
/// be longer than the file system allows (a legal 255-byte output name still gets its lock and
/// temporary file).
std::string sibling(const std::string& output, std::string_view suffix) {
  const std::string name = file_name_of(output);
  const std::string folder = folder_of(output);
  if (name.size() + suffix.size() <= name_max_of(folder)) return output + std::string(suffix);
  const std::string short_name = fmt::format(".fp-{:016x}{}", fnv1a(name), suffix);
  return (fs::path(output).parent_path() / short_name).string();
}

bool same_file(const struct stat& a, const InputFileId& b) {
  return static_cast<std::uint64_t>(a.st_dev) == b.device &&
         static_cast<std::uint64_t>(a.st_ino) == b.inode;
}

/// Refuses an output that is one of the files this process read (compared by device and inode,
/// or by path when the output does not exist yet).
void refuse_if_input(const std::string& output, const struct stat* target) {
  for (const auto& input : input_files_read()) {
    bool same = target != nullptr && same_file(*target, input);
    if (!same && target == nullptr && input.path != "-") {
      std::error_code a, b;
      const auto x = fs::weakly_canonical(output, a);
      const auto y = fs::weakly_canonical(input.path, b);
      same = !a && !b && x == y;
    }
    if (same) {
      refuse(output, fmt::format("the output is also an input of this command ({}): choose "
                                 "another output name (not even --force writes over an input)",
                                 input.path));
    }
  }
}

std::string exists_message(const std::string& output, bool link) {
  std::string message =
      link ? "the output exists (a symbolic link); choose another name or pass --force to "
             "replace the link (the file it points to is left as it is)"
           : "the output file exists; choose another name or pass --force to replace it";
  // A process stopped between renaming the finished file into place and deleting its journals
  // leaves both: the file is whole (inspect opens it) and the journals are spare.
  const std::string parts = parts_dir_of(output);
  struct stat st {};
  if (::lstat(parts.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    message += fmt::format(
        " (its journals {} are still there: if `flashpoint inspect {}` opens the file, it is "
        "complete and the journals can be deleted)",
        parts, output);
  }
  return message;
}

void refuse_special(const std::string& output, const struct stat& st, bool link) {
  if (S_ISDIR(st.st_mode)) {
    refuse(output, link ? "the output is a symbolic link to a folder; give a file name"
                        : "the output is a folder; give a file name");
  }
  refuse(output,
         fmt::format("the output is {}{}: flashpoint replaces only regular files, even with "
                     "--force; give a file name (run and compare print their summary without a "
                     "results file with --no-output instead of -o)",
                     link ? "a symbolic link to " : "", file_type_name(st.st_mode)));
}

/// What a lock file says of its holder, for the message of a second writer.
std::string holder_of(int fd) {
  char buffer[512];
  const ssize_t n = ::pread(fd, buffer, sizeof buffer - 1, 0);
  if (n <= 0) return "";
  std::string text(buffer, static_cast<std::size_t>(n));
  if (!text.starts_with(kLockMagic)) return "";
  text = text.substr(kLockMagic.size());
  std::string out;
  for (char c : text) out += c == '\n' ? ' ' : c;
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string now_utc() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

/// Removes the temporary files that a writer of `output` which died left behind: regular files
/// named PREFIX + digits and dots + ".partial" (the names temporary_path_for() gives). Called with
/// the exclusive lock held, so no live writer owns them.
void remove_stale_temporaries(const std::string& output) {
  const std::string example = temporary_path_for(output);
  const std::string name = file_name_of(example);
  const auto dot = name.rfind('.', name.size() - std::string_view(".partial").size() - 1);
  const std::string prefix = name.substr(0, dot + 1);
  const std::string folder = folder_of(output);
  DIR* dir = ::opendir(folder.c_str());
  if (dir == nullptr) return;
  while (const dirent* entry = ::readdir(dir)) {
    const std::string_view n(entry->d_name);
    if (!n.starts_with(prefix) || !n.ends_with(".partial")) continue;
    const std::string_view middle =
        n.substr(prefix.size(), n.size() - prefix.size() - std::string_view(".partial").size());
    if (middle.empty() || middle.find_first_not_of("0123456789.") != std::string_view::npos) {
      continue;
    }
    struct stat st {};
    const std::string path = (fs::path(folder) / std::string(n)).string();
    if (::fstatat(dirfd(dir), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
        S_ISREG(st.st_mode)) {
      ::unlinkat(dirfd(dir), entry->d_name, 0);
    }
  }
  ::closedir(dir);
}

/// The system's folders of devices and kernel files: never written into, nor through a link
/// into (/dev/stdout is a link to /proc/self/fd/1, which can name a regular file).
bool is_system_path(const std::string& path) {
  for (const std::string_view root : {"/dev", "/proc", "/sys"}) {
    if (path == root || (path.starts_with(root) && path[root.size()] == '/')) return true;
  }
  return false;
}

/// Refuses an output in a system folder, or a link (or chain of links) into one.
void refuse_system_paths(const std::string& output) {
  std::error_code ec;
  const fs::path folder = fs::weakly_canonical(fs::absolute(folder_of(output), ec), ec);
  if (!ec && is_system_path(folder.string())) {
    refuse(output, fmt::format("the output is in {}, a folder of devices and kernel files: "
                               "flashpoint never writes there (run and compare print their "
                               "summary without a results file with --no-output instead of -o)",
                               folder.string()));
  }
  fs::path hop = fs::absolute(output, ec);
  for (int depth = 0; depth < 40; ++depth) {
    struct stat st {};
    if (::lstat(hop.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return;
    const fs::path target = fs::read_symlink(hop, ec);
    if (ec) return;
    hop = (target.is_absolute() ? target : hop.parent_path() / target).lexically_normal();
    if (is_system_path(hop.string())) {
      refuse(output, fmt::format("the output is a symbolic link into {}: flashpoint never "
                                 "writes there, nor replaces such a link, even with --force",
                                 hop.string()));
    }
  }
}

}  // namespace

std::string parts_dir_of(const std::string& output) {
  return output + ".parts";
}

std::string lock_path_of(const std::string& output) {
  return sibling(output, ".lock");
}

void check_output_target(const OutputRequest& request) {
  const std::string& output = request.path;
  if (output.empty()) refuse("-o", "the output needs a file name");
  if (output.size() >= kPathMax) {
    refuse(output.substr(0, 60) + "...",
           fmt::format("the output path is {} bytes long; paths are limited to {} bytes",
                       output.size(), kPathMax - 1));
  }
  if (output.back() == '/') refuse(output, "the output is a folder; give a file name");
  const std::string folder = folder_of(output);
  struct stat folder_st {};
  if (::stat(folder.c_str(), &folder_st) != 0 || !S_ISDIR(folder_st.st_mode)) {
    if (errno == ENAMETOOLONG || errno == ELOOP) {
      refuse(output, fmt::format("cannot use the folder {}: {}", folder, std::strerror(errno)));
    }
    throw OutputError(fmt::format("cannot write {}: the folder {} does not exist", output, folder));
  }
  const std::string name = file_name_of(output);
  const std::size_t name_max = name_max_of(folder);
  if (name == "." || name == "..") refuse(output, "the output is a folder; give a file name");
  if (name.size() > name_max) {
    refuse(output, fmt::format("the file name is {} bytes long; this file system allows at most {}",
                               name.size(), name_max));
  }
  if (request.journals && name.size() + 6 > name_max) {
    refuse(output, fmt::format("the journal folder {}.parts would have a name of {} bytes; this "
                               "file system allows at most {}: choose an output name of at most "
                               "{} bytes",
                               name, name.size() + 6, name_max, name_max - 6));
  }

  refuse_system_paths(output);
  struct stat st {};
  if (::lstat(output.c_str(), &st) != 0) {
    if (errno != ENOENT)
      refuse(output, fmt::format("cannot use the output: {}", std::strerror(errno)));
    refuse_if_input(output, nullptr);
    return;  // a new file
  }
  if (S_ISLNK(st.st_mode)) {
    struct stat target {};
    if (::stat(output.c_str(), &target) != 0) {  // a dangling link
      if (!request.force) refuse(output, exists_message(output, true));
      return;
    }
    if (!S_ISREG(target.st_mode)) refuse_special(output, target, true);
    refuse_if_input(output, &target);
    if (!request.force) refuse(output, exists_message(output, true));
    return;
  }
  if (!S_ISREG(st.st_mode)) refuse_special(output, st, false);
  refuse_if_input(output, &st);
  if (!request.force) refuse(output, exists_message(output, false));
}

OutputLock OutputLock::take(const OutputRequest& request) {
  check_output_target(request);
  OutputLock lock;
  auto take_one = [&](const std::string& path, bool exclusive, const std::string& what) {
    for (int attempt = 0;; ++attempt) {
      const int fd =
          ::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0644);
      if (fd < 0) {
        if (errno == ELOOP) {
          refuse(request.path, fmt::format("its lock file {} is a symbolic link; flashpoint's lock "
                                           "files never are: remove it",
                                           path));
        }
        if (errno == ENXIO || errno == EISDIR) {
          refuse(request.path,
                 fmt::format("its lock file {} is not a regular file: remove it", path));
        }
        throw OutputError(
            fmt::format("cannot create the lock file {}: {}", path, std::strerror(errno)));
      }
      Held held{fd, path, exclusive};
      struct stat st {};
      if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        refuse(request.path,
               fmt::format("its lock file {} is not a regular file: remove it", path));
      }
      if (st.st_size > 0 && holder_of(fd).empty()) {
        ::close(fd);
        refuse(request.path, fmt::format("{} exists and is not a flashpoint lock file: move it "
                                         "away (flashpoint locks an output with it)",
                                         path));
      }
      if (::flock(fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) != 0) {
        const int err = errno;
        const std::string holder = holder_of(fd);
        ::close(fd);
        if (err == EWOULDBLOCK) {
          refuse(request.path,
                 fmt::format("another flashpoint process is writing {} ({}; lock {}): wait for "
                             "it to finish or stop it, or choose another output",
                             what == request.path ? "this output" : what,
                             holder.empty() ? "holder unknown" : holder, path));
        }
        throw OutputError(fmt::format("cannot lock {}: {}", path, std::strerror(err)));
      }
      // The file may have been removed by its last holder between open() and flock(): the lock
      // counts only if the path still names the file locked.
      struct stat now {};
      if (::lstat(path.c_str(), &now) != 0 || now.st_dev != st.st_dev || now.st_ino != st.st_ino) {
        ::close(fd);
        if (attempt > 100)
          throw OutputError(fmt::format("cannot lock {}: it keeps changing", path));
        continue;
      }
      char host[256] = "?";
      (void)::gethostname(host, sizeof host - 1);
      const std::string text =
          exclusive
              ? fmt::format("{}pid {} on {}, since {}\n", kLockMagic, ::getpid(), host, now_utc())
              : fmt::format(
                    "{}shards of this output are running, each named in its own "
                    "shard lock file\n",
                    kLockMagic);
      if (exclusive || st.st_size == 0) {
        if (::ftruncate(fd, 0) != 0 ||
            ::pwrite(fd, text.data(), text.size(), 0) != static_cast<ssize_t>(text.size())) {
          const int err = errno;
          ::close(fd);
          throw OutputError(
              fmt::format("cannot write the lock file {}: {}", path, std::strerror(err)));
        }
      }
      lock.held_.push_back(held);
      return;
    }
  };
  if (request.shards > 1) {
    take_one(lock_path_of(request.path), false, request.path);
    take_one(lock_path_of(
                 fmt::format("{}.shard{}of{}", request.path, request.shard + 1, request.shards)),
             true,
             fmt::format("shard {}/{} of {}", request.shard + 1, request.shards, request.path));
  } else {
    take_one(lock_path_of(request.path), true, request.path);
    remove_stale_temporaries(request.path);
  }
  // What is at the output may have changed while the lock was free.
  check_output_target(request);
  return lock;
}

OutputLock::OutputLock(OutputLock&& other) noexcept : held_(std::exchange(other.held_, {})) {}

OutputLock& OutputLock::operator=(OutputLock&& other) noexcept {
  if (this != &other) {
    release();
    held_ = std::exchange(other.held_, {});
  }
  return *this;
}

OutputLock::~OutputLock() {
  release();
}

void OutputLock::release() noexcept {
  for (auto it = held_.rbegin(); it != held_.rend(); ++it) {
    // The file is removed while it is still locked, so that a process waiting on the old file
    // finds it gone and makes a new one. A shared lock file is removed only by its last holder.
    if (it->exclusive || ::flock(it->fd, LOCK_EX | LOCK_NB) == 0) ::unlink(it->path.c_str());
    ::close(it->fd);
  }
  held_.clear();
}

std::string temporary_path_for(const std::string& output) {
  const std::string base = sibling(output, fmt::format(".{}.partial", ::getpid()));
  std::string path = base;
  for (int k = 1; k < 1000; ++k) {
    struct stat st {};
    // Absent, or not to be found at all (a missing folder): the create will say why.
    if (::lstat(path.c_str(), &st) != 0) return path;
    path = base.substr(0, base.size() - std::string_view(".partial").size()) +
           fmt::format(".{}.partial", k);
  }
  return path;
}

namespace {
/// Creates a new temporary file for `output`; returns its descriptor (open for writing) and path.
std::pair<int, std::string> open_temporary(const std::string& output) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    const std::string path = temporary_path_for(output);
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd >= 0) return {fd, path};
    if (errno != EEXIST) {
      throw OutputError(fmt::format("cannot create {}: {}", path, std::strerror(errno)));
    }
  }
  throw OutputError(fmt::format("cannot create a temporary file for {}", output));
}
}  // namespace

std::string create_temporary_for(const std::string& output) {
  auto [fd, path] = open_temporary(output);
  ::close(fd);
  return path;
}

void write_output_file(const std::string& output, const std::string& text, bool force) {
  auto [fd, path] = open_temporary(output);
  std::size_t done = 0;
  int err = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      err = n < 0 ? errno : EIO;
      break;
    }
    done += static_cast<std::size_t>(n);
  }
  if (err == 0 && ::fsync(fd) != 0) err = errno;
  if (::close(fd) != 0 && err == 0) err = errno;
  if (err != 0) {
    ::unlink(path.c_str());
    throw OutputError(fmt::format("cannot write {}: {}", output, std::strerror(err)));
  }
  try {
    replace_output(path, output, force);
  } catch (...) {
    ::unlink(path.c_str());
    throw;
  }
}

void replace_output(const std::string& temporary, const std::string& output, bool force) {
  struct stat st {};
  if (::lstat(output.c_str(), &st) == 0) {
    if (!force) {
      throw OutputError(fmt::format(
          "cannot write {}: it appeared while the results were written (made by another program); "
          "pass --force to replace it",
          output));
    }
    struct stat target {};
    const bool link = S_ISLNK(st.st_mode);
    const bool replaceable = link
                                 ? (::stat(output.c_str(), &target) != 0 || S_ISREG(target.st_mode))
                                 : S_ISREG(st.st_mode);
    if (!replaceable) {
      throw OutputError(
          fmt::format("cannot write {}: it became {} while the results were "
                      "written, and only regular files are replaced",
                      output, file_type_name(link ? target.st_mode : st.st_mode)));
    }
  }
  if (::rename(temporary.c_str(), output.c_str()) != 0) {
    throw OutputError(
        fmt::format("cannot rename {} to {}: {}", temporary, output, std::strerror(errno)));
  }
}

}  // namespace flashpoint
