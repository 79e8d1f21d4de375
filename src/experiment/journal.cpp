#include "experiment/journal.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <type_traits>

#include <fmt/format.h>

#include "core/error.hpp"
#include "model/result_fields.hpp"

namespace flashpoint {
namespace {

// Format 2 (the fields in the order of model/result_fields.hpp) replaced format 1, whose records
// held exports_lost_usd right after trade_lost_usd; format 3 (results format 5) added the injured
// series, outcome and event columns; format 4 (results format 6) the air-defence outcomes;
// format 5 (results format 7) the coercion and nuclear outcomes and the events' action. A
// journal of an earlier format is refused, never misread. Records now also hold the user-defined
// outcomes after the policy starts: journal_record_layout() says so, which changes the design
// hash, so a journal written before that is refused as another design.
constexpr char kFileMagic[8] = {'F', 'P', 'J', 'O', 'U', 'R', 'N', '5'};
constexpr char kEarlierMagic[7] = {'F', 'P', 'J', 'O', 'U', 'R', 'N'};
constexpr std::uint32_t kRecordMagic = 0x31524E52;  // "RNR1"
constexpr std::uint32_t kByteOrderMark = 0x01020304;
constexpr std::size_t kHeaderSize = 8 + 4 + 4 + 8 + 8;
constexpr std::size_t kRecordHead = 4 + 4 + 8 + 8;  // magic, reserved, run, payload length
constexpr std::uint64_t kMaxPayload = std::uint64_t{1} << 34;

class Encoder {
 public:
  template <typename T>
  void put(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    out_.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  template <typename T>
  void put_vector(const std::vector<T>& v) {
    put(static_cast<std::uint64_t>(v.size()));
    if (!v.empty()) out_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
  void put_string(const std::string& s) {
    put(static_cast<std::uint32_t>(s.size()));
    out_ += s;
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class Decoder {
 public:
  explicit Decoder(std::string_view in) : in_(in) {}
  template <typename T>
  void get(T& v) {
    need(sizeof v);
    std::memcpy(&v, in_.data() + pos_, sizeof v);
    pos_ += sizeof v;
  }
  template <typename T>
  void get_vector(std::vector<T>& v) {
    std::uint64_t n = 0;
    get(n);
    if (n > (in_.size() - pos_) / sizeof(T)) fail();
    v.resize(n);
    if (n > 0) std::memcpy(v.data(), in_.data() + pos_, n * sizeof(T));
    pos_ += n * sizeof(T);
  }
  void get_string(std::string& s) {
    std::uint32_t n = 0;
    get(n);
    need(n);
    s.assign(in_.data() + pos_, n);
    pos_ += n;
  }
  [[nodiscard]] bool done() const { return pos_ == in_.size(); }

 private:
  void need(std::size_t n) const {
    if (in_.size() - pos_ < n) fail();
  }
  [[noreturn]] static void fail() { throw OutputError("a journal record is cut short or garbled"); }
  std::string_view in_;
  std::size_t pos_ = 0;
};

/// Calls f(member) for the fields of `r` that a record of level `keep` holds before its events, in
/// table order (model/result_fields.hpp): the index and the outcomes, then the daily series.
template <typename R, typename Visit>
void visit_fields(R& r, KeepLevel keep, Visit&& f) {
  for_each_field(r, [&](const FieldInfo& field, auto& member) {
    if (field.kind == FieldKind::kIndex || field.kind == FieldKind::kOutcome) f(member);
  });
  if (keep == KeepLevel::kOutcomes) return;
  for_each_field(r, [&](const FieldInfo& field, auto& member) {
    if (field.kind == FieldKind::kSeries) f(member);
  });
}

[[noreturn]] void fail_io(const std::string& what, const std::string& path) {
  const int error = errno;
  std::string hint;
  if (error == ENOSPC || error == EFBIG || error == EDQUOT) {
    // The runs already journaled are intact (a torn record is dropped on resume): say so, as
    // the user's first thought on a full disk is that the work is lost.
    hint = fmt::format(
        ". The disk is full or a file size limit was reached; every run finished so far is kept "
        "in {}: free some space, then run the same command with --resume",
        std::filesystem::path(path).parent_path().string());
  }
  throw OutputError(fmt::format("{} {}: {}{}", what, path, std::strerror(error), hint));
}

/// A file in OUTPUT.parts that is not a journal this program can resume from: bad input (exit
/// code 2), which only the user can settle.
[[noreturn]] void not_a_journal(const std::string& path, const std::string& why) {
  const std::string dir = std::filesystem::path(path).parent_path().string();
  throw InputError(Problem{
      path, 0, 0, "",
      fmt::format("not a Flashpoint journal: {}. Only journals belong in {}; move this file "
                  "away, or start the sweep or comparison again with --force, which deletes {}",
                  why, dir, dir)});
}

void write_all(int fd, const std::string& bytes, const std::string& path) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail_io("cannot write the journal", path);
    }
    done += static_cast<std::size_t>(n);
  }
}

bool read_exact(int fd, void* out, std::size_t n, std::uint64_t offset) {
  auto* p = static_cast<char*>(out);
  std::size_t done = 0;
  while (done < n) {
    const ssize_t got = ::pread(fd, p + done, n - done, static_cast<off_t>(offset + done));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    done += static_cast<std::size_t>(got);
  }
  return true;
}

std::string encode_header(const JournalHeader& h) {
  Encoder e;
  std::string out(kFileMagic, sizeof kFileMagic);
  e.put(kByteOrderMark);
  e.put(static_cast<std::uint32_t>(h.keep));
  e.put(h.design_hash);
  e.put(h.runs);
  return out + e.take();
}

}  // namespace

std::string journal_record_layout() {
  std::string out;
  const RunResult r;
  for_each_field(r, [&](const FieldInfo& field, const auto&) {
    out += fmt::format("{}:{}:{}:{};", field.name, static_cast<int>(field.kind),
                       field.element_bytes, field.vector ? "v" : "s");
  });
  out += "policy_starts:day:i32,policy:string;";  // every record, after the fields
  out += "user_outcomes:f64:v;";                  // every record, after the policy starts
  return out;
}

std::uint64_t fnv1a(std::string_view bytes, std::uint64_t h) {
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::string encode_run(const RunResult& run, KeepLevel keep) {
  Encoder e;
  const RunResult& r = run;
  auto put = [&](const auto& field) {
    using F = std::remove_cvref_t<decltype(field)>;
    if constexpr (IsVector<F>::value) {
      e.put_vector(field);
    } else {
      e.put(field);
    }
  };
  visit_fields(r, keep, put);
  e.put(static_cast<std::uint64_t>(r.policy_starts.size()));
  for (const auto& s : r.policy_starts) {
    e.put(s.day);
    e.put_string(s.policy);
  }
  e.put_vector(r.user_outcomes);
  if (keep == KeepLevel::kEvents) {
    e.put(static_cast<std::uint64_t>(r.events.size()));
    for (const auto& ev : r.events) {
      e.put(ev.day);
      e.put(ev.actor);
      e.put(ev.target);
      e.put_string(ev.cameo);
      e.put(ev.quad_class);
      e.put(ev.goldstein);
      e.put_string(ev.location);
      e.put(ev.lat);
      e.put(ev.lon);
      e.put(ev.forces);
      e.put(ev.civilians);
      e.put(ev.militants);
      e.put_string(ev.acled_sub_event_type);
      e.put(ev.claim_actor_own);
      e.put(ev.claim_actor_enemy);
      e.put(ev.claim_target_own);
      e.put(ev.claim_target_enemy);
      e.put(ev.injured_forces);
      e.put(ev.injured_civilians);
      e.put(ev.injured_militants);
      e.put(ev.action);
    }
    // Only when the run hit the event cap, so that the record of every run under it is the same
    // bytes as before the cap existed.
    for_each_field(r, [&](const FieldInfo& field, const auto& member) {
      if constexpr (!IsVector<std::remove_cvref_t<decltype(member)>>::value) {
        if (field.kind == FieldKind::kEventCount && member != 0) e.put(member);
      }
    });
  }
  return e.take();
}

RunResult decode_run(std::string_view bytes, KeepLevel keep) {
  Decoder d(bytes);
  RunResult r;
  auto get = [&](auto& field) {
    using F = std::remove_cvref_t<decltype(field)>;
    if constexpr (IsVector<F>::value) {
      d.get_vector(field);
    } else {
      d.get(field);
    }
  };
  visit_fields(r, keep, get);
  // A list's length: more items than bytes left means a garbled record, not a huge list.
  auto length = [&] {
    std::uint64_t n = 0;
    d.get(n);
    if (n > bytes.size()) throw OutputError("a journal record is cut short or garbled");
    return n;
  };
  r.policy_starts.resize(length());
  for (auto& s : r.policy_starts) {
    d.get(s.day);
    d.get_string(s.policy);
  }
  d.get_vector(r.user_outcomes);
  if (keep == KeepLevel::kEvents) {
    r.events.resize(length());
    for (auto& ev : r.events) {
      d.get(ev.day);
      d.get(ev.actor);
      d.get(ev.target);
      d.get_string(ev.cameo);
      d.get(ev.quad_class);
      d.get(ev.goldstein);
      d.get_string(ev.location);
      d.get(ev.lat);
      d.get(ev.lon);
      d.get(ev.forces);
      d.get(ev.civilians);
      d.get(ev.militants);
      d.get_string(ev.acled_sub_event_type);
      d.get(ev.claim_actor_own);
      d.get(ev.claim_actor_enemy);
      d.get(ev.claim_target_own);
      d.get(ev.claim_target_enemy);
      d.get(ev.injured_forces);
      d.get(ev.injured_civilians);
      d.get(ev.injured_militants);
      d.get(ev.action);
    }
    for_each_field(r, [&](const FieldInfo& field, auto& member) {
      if constexpr (!IsVector<std::remove_cvref_t<decltype(member)>>::value) {
        if (field.kind == FieldKind::kEventCount && !d.done()) d.get(member);
      }
    });
  }
  if (!d.done()) throw OutputError("a journal record has bytes left over");
  return r;
}

JournalScan scan_journal(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) fail_io("cannot open the journal", path);
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    fail_io("cannot read the journal", path);
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    not_a_journal(path, "it is a folder or a special file, not a journal");
  }
  JournalScan scan;
  scan.file_size = static_cast<std::uint64_t>(st.st_size);
  char head[kHeaderSize];
  if (scan.file_size < kHeaderSize) {
    // Cut short while the header was written: a journal without runs, if what is there is the
    // start of a journal's magic.
    const auto n = static_cast<std::size_t>(scan.file_size);
    const bool prefix = read_exact(fd, head, n, 0) &&
                        std::memcmp(head, kFileMagic, std::min(n, sizeof kFileMagic)) == 0;
    ::close(fd);
    if (!prefix) not_a_journal(path, "its first bytes are not a journal header");
    scan.has_header = false;
    scan.valid_end = 0;
    return scan;
  }
  if (!read_exact(fd, head, kHeaderSize, 0) ||
      std::memcmp(head, kFileMagic, sizeof kFileMagic) != 0) {
    ::close(fd);
    if (std::memcmp(head, kEarlierMagic, sizeof kEarlierMagic) == 0 && head[7] >= '1' &&
        head[7] < kFileMagic[7]) {
      not_a_journal(path, fmt::format("it was written by an earlier version of flashpoint "
                                      "(journal format {})",
                                      head[7]));
    }
    not_a_journal(path, "its first bytes are not a journal header");
  }
  std::uint32_t bom = 0, keep = 0;
  std::memcpy(&bom, head + 8, 4);
  std::memcpy(&keep, head + 12, 4);
  std::memcpy(&scan.header.design_hash, head + 16, 8);
  std::memcpy(&scan.header.runs, head + 24, 8);
  if (bom != kByteOrderMark || keep > static_cast<std::uint32_t>(KeepLevel::kEvents)) {
    ::close(fd);
    not_a_journal(path, "it was written on a machine of another byte order or by another version");
  }
  scan.header.keep = static_cast<KeepLevel>(keep);
  std::uint64_t offset = kHeaderSize;
  std::string payload;
  for (;;) {
    char rec[kRecordHead];
    if (!read_exact(fd, rec, kRecordHead, offset)) break;
    std::uint32_t magic = 0;
    std::int64_t run = 0;
    std::uint64_t length = 0;
    std::memcpy(&magic, rec, 4);
    std::memcpy(&run, rec + 8, 8);
    std::memcpy(&length, rec + 16, 8);
    if (magic != kRecordMagic || length > kMaxPayload || run < 0 || run >= scan.header.runs ||
        offset + kRecordHead + length + 8 > scan.file_size) {
      break;
    }
    payload.resize(length);
    std::uint64_t stored = 0;
    if (!read_exact(fd, payload.data(), length, offset + kRecordHead) ||
        !read_exact(fd, &stored, 8, offset + kRecordHead + length)) {
      break;
    }
    const std::uint64_t sum = fnv1a(payload, fnv1a(std::string_view(rec + 8, 8)));
    if (sum != stored) break;
    scan.records.emplace_back(run, offset);
    offset += kRecordHead + length + 8;
  }
  scan.valid_end = offset;
  ::close(fd);
  // The index is kept while a results file is assembled: 16 bytes a run, not the up to 32 that
  // the vector's doubling leaves.
  scan.records.shrink_to_fit();
  return scan;
}

JournalWriter::JournalWriter(std::string path, const JournalHeader& header,
                             const JournalScan* existing)
    : path_(std::move(path)), keep_(header.keep) {
  if (existing == nullptr) {
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd_ < 0) fail_io("cannot create the journal", path_);
    write_all(fd_, encode_header(header), path_);
  } else {
    fd_ = ::open(path_.c_str(), O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd_ < 0) fail_io("cannot open the journal", path_);
    // Drop a record torn by a kill, then append after the last intact one.
    if (::ftruncate(fd_, static_cast<off_t>(existing->valid_end)) != 0) {
      fail_io("cannot cut the torn end off the journal", path_);
    }
    if (::lseek(fd_, 0, SEEK_END) < 0) fail_io("cannot seek in the journal", path_);
    if (!existing->has_header) write_all(fd_, encode_header(header), path_);
  }
}

JournalWriter::~JournalWriter() {
  if (fd_ >= 0) ::close(fd_);
}

void JournalWriter::append(const RunResult& r) {
  const std::string payload = encode_run(r, keep_);
  Encoder e;
  e.put(kRecordMagic);
  e.put(std::uint32_t{0});
  e.put(r.run);
  e.put(static_cast<std::uint64_t>(payload.size()));
  std::string record = e.take();
  const std::uint64_t sum = fnv1a(payload, fnv1a(std::string_view(record.data() + 8, 8)));
  record += payload;
  record.append(reinterpret_cast<const char*>(&sum), sizeof sum);
  write_all(fd_, record, path_);
}

void JournalWriter::sync() {
  if (::fsync(fd_) != 0) fail_io("cannot flush the journal", path_);
}

JournalReader::JournalReader(std::string path, KeepLevel keep)
    : path_(std::move(path)), keep_(keep) {
  fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) fail_io("cannot open the journal", path_);
}

JournalReader::~JournalReader() {
  if (fd_ >= 0) ::close(fd_);
}

RunResult JournalReader::read(std::uint64_t offset) const {
  char rec[kRecordHead];
  std::uint64_t length = 0;
  if (!read_exact(fd_, rec, kRecordHead, offset)) {
    throw OutputError(fmt::format("cannot read a record of the journal {}", path_));
  }
  std::memcpy(&length, rec + 16, 8);
  if (length > kMaxPayload) {
    throw OutputError(fmt::format("a record of the journal {} is garbled", path_));
  }
  std::string payload(length, '\0');
  if (!read_exact(fd_, payload.data(), length, offset + kRecordHead)) {
    throw OutputError(fmt::format("cannot read a record of the journal {}", path_));
  }
  return decode_run(payload, keep_);
}

}  // namespace flashpoint
