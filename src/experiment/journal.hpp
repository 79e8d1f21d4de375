#pragma once
// The journal of a sweep or comparison: an append-only file of finished runs, each record
// checksummed, written with one write() per run as soon as the run is handed over. A process
// killed at any moment (SIGKILL included) leaves every finished run in the journal and at most
// one torn record at its end, which the next reader drops. The results file is assembled from
// the journals when every run is there (docs/experiments.md, "Nothing lost").
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "experiment/specs.hpp"
#include "model/results.hpp"

namespace flashpoint {

/// Binary encoding of what `keep` asks for of a run (outcomes always; series and events by
/// level), in the host's byte order (the header records it).
[[nodiscard]] std::string encode_run(const RunResult& r, KeepLevel keep);

/// The layout of a journal record: each field's name, kind and element size in table order
/// (model/result_fields.hpp). Sweeps and comparisons put it in their design hash, so that a
/// journal written before a field was added, removed or retyped is refused as another design
/// instead of being misread.
[[nodiscard]] std::string journal_record_layout();
/// The inverse of encode_run; throws OutputError when the bytes are not a whole record.
[[nodiscard]] RunResult decode_run(std::string_view bytes, KeepLevel keep);

struct JournalHeader {
  std::uint64_t design_hash = 0;  ///< the experiment's hash: a journal of another design is refused
  KeepLevel keep = KeepLevel::kOutcomes;
  std::int64_t runs = 0;  ///< runs in the whole experiment
};

/// What a journal holds: its header and where each intact record starts.
struct JournalScan {
  /// False for a file cut short inside its header (a process killed while creating it): such a
  /// journal holds no run, and its owner writes the header again.
  bool has_header = true;
  JournalHeader header;
  std::vector<std::pair<std::int64_t, std::uint64_t>> records;  ///< (run, offset), file order
  std::uint64_t valid_end = 0;  ///< bytes up to the end of the last intact record
  std::uint64_t file_size = 0;  ///< > valid_end when the end is torn
};

/// Reads a journal's header and record index (not the runs). Throws InputError naming the file
/// when it is not a journal (a folder, junk, a journal of the other byte order), OutputError
/// when it cannot be read.
[[nodiscard]] JournalScan scan_journal(const std::string& path);

/// Appends records to one journal file. Opening an existing journal cuts a torn end off first.
class JournalWriter {
 public:
  /// Creates `path` with `header`, or reopens it for appending when `existing` is given (from
  /// scan_journal of the same file).
  JournalWriter(std::string path, const JournalHeader& header, const JournalScan* existing);
  ~JournalWriter();
  JournalWriter(const JournalWriter&) = delete;
  JournalWriter& operator=(const JournalWriter&) = delete;

  void append(const RunResult& r);  ///< one write(); throws OutputError (e.g. disk full)
  void sync();                      ///< fsync; throws OutputError

 private:
  std::string path_;
  KeepLevel keep_;
  int fd_ = -1;
};

/// Reads records by offset from one journal.
class JournalReader {
 public:
  explicit JournalReader(std::string path, KeepLevel keep);
  ~JournalReader();
  JournalReader(const JournalReader&) = delete;
  JournalReader& operator=(const JournalReader&) = delete;
  [[nodiscard]] RunResult read(std::uint64_t offset) const;  ///< throws OutputError

 private:
  std::string path_;
  KeepLevel keep_;
  int fd_ = -1;
};

/// FNV-1a 64 of bytes, continuing from `h`.
[[nodiscard]] std::uint64_t fnv1a(std::string_view bytes, std::uint64_t h = 0xcbf29ce484222325ULL);

}  // namespace flashpoint
