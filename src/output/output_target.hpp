#pragma once
// Where a command writes: checked, locked and replaced so that nothing is corrupted, destroyed or
// followed (docs/cli.md, "Outputs"):
// - one writer per output: an exclusive flock on OUT.lock, taken before any file is created or
//   truncated; a second writer is refused (exit 2) with the holder's pid; the lock of a process
//   that died is free again (flock locks go with their process) and is taken over;
// - only regular files are replaced: a folder, device, FIFO or socket, or a link to one, is
//   refused even with --force; --force replaces a symbolic link to a regular file by the new
//   file and leaves the file it pointed to as it was;
// - never over an input: the output may not be a file this process has read;
// - the new file is written under a name of its own (OUT.PID.partial, created with O_EXCL, never
//   through a link) and renamed over OUT at the end.
#include <string>
#include <vector>

namespace flashpoint {

/// What a command asks of its output.
struct OutputRequest {
  std::string path;
  bool force = false;     ///< replace an existing regular file (or link to one)
  int shard = 0;          ///< with shards > 1: this process runs one shard of an experiment
  int shards = 1;         ///< shards share OUT (a shared lock) and lock their own shard
  bool journals = false;  ///< the command keeps journals in OUT.parts (its name must fit)
};

/// Checks an output before any work: the path and its folder, what is there now (regular files
/// only, and only with force), and that it is none of the inputs read so far
/// (scenario/input_files.hpp). Throws InputError (exit 2) or OutputError (exit 1: the folder
/// does not exist).
void check_output_target(const OutputRequest& request);

/// The lock of one output, held from take() to destruction (or release()). Move-only.
class OutputLock {
 public:
  OutputLock() = default;
  /// check_output_target(), then the lock; removes what a writer that died left (OUT.PID.partial
  /// files of its own naming). Throws InputError when another process holds the lock.
  [[nodiscard]] static OutputLock take(const OutputRequest& request);
  OutputLock(OutputLock&& other) noexcept;
  OutputLock& operator=(OutputLock&& other) noexcept;
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;
  ~OutputLock();
  void release() noexcept;
  [[nodiscard]] bool held() const { return !held_.empty(); }

 private:
  struct Held {
    int fd = -1;
    std::string path;
    bool exclusive = true;
  };
  std::vector<Held> held_;
};

/// OUT.parts: where the journals of an experiment writing OUT live until OUT is assembled.
[[nodiscard]] std::string parts_dir_of(const std::string& output);

/// The lock file of an output (OUT.lock, or a shorter hidden name when that would not fit).
[[nodiscard]] std::string lock_path_of(const std::string& output);

/// A temporary file for `output` in its folder, created empty with O_EXCL | O_NOFOLLOW (never
/// over anything, never through a link): OUT.PID.partial. Returns its path; throws OutputError.
[[nodiscard]] std::string create_temporary_for(const std::string& output);

/// The name create_temporary_for() would use (for writers that create the file themselves with
/// an exclusive create, e.g. HDF5's H5F_ACC_EXCL).
[[nodiscard]] std::string temporary_path_for(const std::string& output);

/// Writes `text` to a temporary file (as create_temporary_for), flushes it to the disk and
/// renames it over `output` (replace_output): a failed write leaves no half file. The reason of
/// a failure (e.g. "No space left on device") is in the OutputError.
void write_output_file(const std::string& output, const std::string& text, bool force);

/// Renames the finished `temporary` over `output`, checking again that `output` is absent or
/// (with force) a regular file or a link to one. Throws OutputError.
void replace_output(const std::string& temporary, const std::string& output, bool force);

}  // namespace flashpoint
