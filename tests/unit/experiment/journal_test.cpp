// The journal of a sweep or comparison (experiment/journal.hpp): the binary encoding of a run at
// each keep level, and the append-only file of checksummed records that survives a kill.
#include "experiment/journal.hpp"

#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <string>
#include <type_traits>
#include <vector>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "model/result_fields.hpp"
#include "model/simulation.hpp"
#include "scenario/loader.hpp"

namespace flashpoint {
namespace {

namespace fs = std::filesystem;

const std::string kMinimal = std::string(FLASHPOINT_TEST_DATA_DIR) + "/minimal.yaml";

/// Doubles compare by their bits, so that NaN (an unlocated event's lat/lon) equals itself.
bool same(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}
template <typename T>
bool same(const T& a, const T& b) {
  return a == b;
}
template <typename T>
bool same(const std::vector<T>& a, const std::vector<T>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!same(a[i], b[i])) return false;
  }
  return true;
}

#define EXPECT_SAME_FIELD(field) EXPECT_TRUE(same(want.field, got.field)) << "field " #field

/// The bytes of each field of `r` of one of `kinds` (model/result_fields.hpp), by name: a vector's
/// size and elements, a scalar's value. Bytes, so that NaN equals itself.
std::map<std::string, std::string> fields_of(const RunResult& r,
                                             std::initializer_list<FieldKind> kinds) {
  std::map<std::string, std::string> out;
  for_each_field(r, [&](const FieldInfo& f, const auto& member) {
    if (std::find(kinds.begin(), kinds.end(), f.kind) == kinds.end()) return;
    std::string bytes;
    using T = std::remove_cvref_t<decltype(member)>;
    if constexpr (std::is_arithmetic_v<T>) {
      bytes.assign(reinterpret_cast<const char*>(&member), sizeof member);
    } else {
      bytes = std::to_string(member.size()) + ":";
      bytes.append(reinterpret_cast<const char*>(member.data()),
                   member.size() * sizeof(typename T::value_type));
    }
    out.emplace(f.name, std::move(bytes));
  });
  return out;
}

void expect_same_fields(const RunResult& want, const RunResult& got,
                        std::initializer_list<FieldKind> kinds) {
  const auto w = fields_of(want, kinds);
  const auto g = fields_of(got, kinds);
  ASSERT_EQ(w.size(), g.size());
  for (const auto& [name, bytes] : w) EXPECT_TRUE(g.at(name) == bytes) << "field " << name;
}

void expect_same_outcomes(const RunResult& want, const RunResult& got) {
  expect_same_fields(want, got, {FieldKind::kIndex, FieldKind::kOutcome});
}

void expect_same_series(const RunResult& want, const RunResult& got) {
  expect_same_fields(want, got, {FieldKind::kSeries});
}

void expect_same_events(const RunResult& run_want, const RunResult& run_got) {
  ASSERT_EQ(run_want.events.size(), run_got.events.size());
  for (std::size_t i = 0; i < run_want.events.size(); ++i) {
    SCOPED_TRACE("event " + std::to_string(i));
    const EventRecord& want = run_want.events[i];
    const EventRecord& got = run_got.events[i];
    EXPECT_SAME_FIELD(day);
    EXPECT_SAME_FIELD(actor);
    EXPECT_SAME_FIELD(target);
    EXPECT_SAME_FIELD(cameo);
    EXPECT_SAME_FIELD(quad_class);
    EXPECT_SAME_FIELD(goldstein);
    EXPECT_SAME_FIELD(location);
    EXPECT_SAME_FIELD(lat);
    EXPECT_SAME_FIELD(lon);
    EXPECT_SAME_FIELD(forces);
    EXPECT_SAME_FIELD(civilians);
    EXPECT_SAME_FIELD(militants);
    EXPECT_SAME_FIELD(acled_sub_event_type);
    EXPECT_SAME_FIELD(claim_actor_own);
    EXPECT_SAME_FIELD(claim_actor_enemy);
    EXPECT_SAME_FIELD(claim_target_own);
    EXPECT_SAME_FIELD(claim_target_enemy);
    EXPECT_SAME_FIELD(injured_forces);
    EXPECT_SAME_FIELD(injured_civilians);
    EXPECT_SAME_FIELD(injured_militants);
  }
}

#undef EXPECT_SAME_FIELD

bool has_series(const RunResult& r) {
  bool any = false;
  for_each_field(r, [&](const FieldInfo& f, const auto& member) {
    if constexpr (!std::is_arithmetic_v<std::remove_cvref_t<decltype(member)>>) {
      if (f.kind == FieldKind::kSeries && !member.empty()) any = true;
    }
  });
  return any;
}

/// A run of minimal.yaml, with every scalar outcome moved off its default so that a field the
/// codec forgets cannot come back equal by luck.
const RunResult& simulated_run() {
  static const RunResult r = [] {
    const Scenario sc = load_scenario(kMinimal);
    RunResult out = simulate(sc, RunPlan{5, 0x0123456789abcdefULL, 3}, false);
    out.run = 5;
    out.seed = 0x0123456789abcdefULL;
    out.replicate = 3;
    out.peak_escalation += 11;
    out.conflict_days += 13;
    out.first_ceasefire_day += 17;
    out.first_conflict_day += 19;
    out.first_ceasefire_after_conflict_day += 47;
    out.ceasefire_breakdowns += 23;
    out.attacks += 29;
    out.trade_lost_usd += 31.5;
    out.reached_rung8 = static_cast<std::uint8_t>(out.reached_rung8 + 37);
    out.peak_displaced += 41.25;
    out.returnees += 43.75;
    return out;
  }();
  return r;
}

TEST(JournalCodec, SimulatedRunHasEverythingToEncode) {
  const RunResult& r = simulated_run();
  EXPECT_FALSE(r.escalation.empty());
  EXPECT_FALSE(r.hostility.empty());
  EXPECT_FALSE(r.fatalities_total.empty());
  EXPECT_FALSE(r.final_hostility.empty());
  EXPECT_FALSE(r.events.empty());
}

TEST(JournalCodec, OutcomesLevelRoundTripsOutcomesAndDropsSeriesAndEvents) {
  const RunResult& r = simulated_run();
  const RunResult back = decode_run(encode_run(r, KeepLevel::kOutcomes), KeepLevel::kOutcomes);
  expect_same_outcomes(r, back);
  EXPECT_FALSE(has_series(back));
  EXPECT_TRUE(back.events.empty());
}

TEST(JournalCodec, SeriesLevelRoundTripsSeriesAndDropsEvents) {
  const RunResult& r = simulated_run();
  ASSERT_TRUE(has_series(r));
  const RunResult back = decode_run(encode_run(r, KeepLevel::kSeries), KeepLevel::kSeries);
  expect_same_outcomes(r, back);
  expect_same_series(r, back);
  EXPECT_TRUE(back.events.empty());
}

// Policy starts are journaled at every level (they are written to /policy_starts whatever the
// file keeps).
TEST(JournalCodec, PolicyStartsRoundTripAtEveryLevel) {
  RunResult r = simulated_run();
  r.policy_starts = {{3, "talks"}, {12, "close_on_clashes"}};
  for (KeepLevel keep : {KeepLevel::kOutcomes, KeepLevel::kSeries, KeepLevel::kEvents}) {
    const RunResult back = decode_run(encode_run(r, keep), keep);
    ASSERT_EQ(back.policy_starts.size(), 2U);
    EXPECT_EQ(back.policy_starts[0].day, 3);
    EXPECT_EQ(back.policy_starts[0].policy, "talks");
    EXPECT_EQ(back.policy_starts[1].day, 12);
    EXPECT_EQ(back.policy_starts[1].policy, "close_on_clashes");
    expect_same_outcomes(r, back);
  }
}

TEST(JournalCodec, EventsLevelRoundTripsEverything) {
  const RunResult& r = simulated_run();
  ASSERT_FALSE(r.events.empty());
  const RunResult back = decode_run(encode_run(r, KeepLevel::kEvents), KeepLevel::kEvents);
  expect_same_outcomes(r, back);
  expect_same_series(r, back);
  expect_same_events(r, back);
}

// Whatever the table holds comes back, field by field, at the events level (the event count
// included): a field added to the table is journaled without a change to the codec.
TEST(JournalCodec, EveryFieldOfTheTableRoundTrips) {
  RunResult r = simulated_run();
  r.events_dropped = 77;
  const RunResult back = decode_run(encode_run(r, KeepLevel::kEvents), KeepLevel::kEvents);
  const std::initializer_list<FieldKind> all = {FieldKind::kIndex, FieldKind::kOutcome,
                                                FieldKind::kSeries, FieldKind::kEventCount};
  EXPECT_EQ(fields_of(back, all).size(), kResultFieldCount);
  expect_same_fields(r, back, all);
  // And each field on its own: changed alone, it comes back changed.
  for (const FieldInfo& f : kResultFields) {
    RunResult changed = r;
    for_each_field(changed, [&](const FieldInfo& g, auto& member) {
      if (std::strcmp(g.name, f.name) != 0) return;
      using T = std::remove_cvref_t<decltype(member)>;
      if constexpr (std::is_arithmetic_v<T>) {
        member = static_cast<T>(member + 2);
      } else {
        member.emplace_back();
      }
    });
    const RunResult changed_back =
        decode_run(encode_run(changed, KeepLevel::kEvents), KeepLevel::kEvents);
    EXPECT_EQ(fields_of(changed_back, all).at(f.name), fields_of(changed, all).at(f.name))
        << f.name;
    EXPECT_NE(fields_of(changed_back, all).at(f.name), fields_of(r, all).at(f.name)) << f.name;
  }
}

TEST(JournalCodec, EventsDroppedRoundTripsAtTheEventsLevelAndAddsNoBytesWhenZero) {
  RunResult r = simulated_run();
  ASSERT_EQ(r.events_dropped, 0u);
  const std::string under_cap = encode_run(r, KeepLevel::kEvents);
  r.events_dropped = 123456789012ULL;
  const std::string capped = encode_run(r, KeepLevel::kEvents);
  EXPECT_EQ(capped.size(), under_cap.size() + sizeof(std::uint64_t));
  EXPECT_EQ(decode_run(capped, KeepLevel::kEvents).events_dropped, 123456789012ULL);
  EXPECT_EQ(decode_run(under_cap, KeepLevel::kEvents).events_dropped, 0u);
  // Below the events level there is no event table, and no count of it.
  EXPECT_EQ(encode_run(r, KeepLevel::kSeries).size(),
            encode_run(simulated_run(), KeepLevel::kSeries).size());
}

TEST(JournalCodec, UnlocatedEventKeepsItsNaNCoordinatesAndEmptyStrings) {
  RunResult r;
  r.run = 1;
  EventRecord ev;
  ev.day = 4;
  ev.cameo = "";
  ev.location = "";
  ev.lat = std::numeric_limits<double>::quiet_NaN();
  ev.lon = std::numeric_limits<double>::quiet_NaN();
  ev.acled_sub_event_type = "Armed clash";
  r.events = {ev};
  const RunResult back = decode_run(encode_run(r, KeepLevel::kEvents), KeepLevel::kEvents);
  ASSERT_EQ(back.events.size(), 1u);
  EXPECT_EQ(back.events[0].day, 4);
  EXPECT_TRUE(std::isnan(back.events[0].lat));
  EXPECT_TRUE(std::isnan(back.events[0].lon));
  EXPECT_EQ(back.events[0].cameo, "");
  EXPECT_EQ(back.events[0].acled_sub_event_type, "Armed clash");
}

TEST(JournalCodec, EachLevelStoresMoreThanTheOneBelow) {
  const RunResult& r = simulated_run();
  const auto outcomes = encode_run(r, KeepLevel::kOutcomes).size();
  const auto series = encode_run(r, KeepLevel::kSeries).size();
  const auto events = encode_run(r, KeepLevel::kEvents).size();
  EXPECT_LT(outcomes, series);
  EXPECT_LT(series, events);
}

TEST(JournalCodec, CutShortRecordIsAnOutputError) {
  const std::string bytes = encode_run(simulated_run(), KeepLevel::kEvents);
  for (std::size_t cut : {std::size_t{1}, std::size_t{9}, bytes.size() / 2, bytes.size() - 1}) {
    SCOPED_TRACE("cut at " + std::to_string(cut));
    EXPECT_THROW((void)decode_run(std::string_view(bytes).substr(0, cut), KeepLevel::kEvents),
                 OutputError);
  }
}

TEST(JournalCodec, RecordReadAtTheWrongLevelIsAnOutputError) {
  const RunResult& r = simulated_run();
  // Series bytes read as outcomes leave bytes over; outcomes bytes read as series run short.
  EXPECT_THROW((void)decode_run(encode_run(r, KeepLevel::kSeries), KeepLevel::kOutcomes),
               OutputError);
  EXPECT_THROW((void)decode_run(encode_run(r, KeepLevel::kOutcomes), KeepLevel::kSeries),
               OutputError);
}

// ---------------------------------------------------------------------------------------------
// The journal file.

constexpr std::uint64_t kHash = 0xfeedfacecafebeefULL;
constexpr std::int64_t kRuns = 10;
constexpr std::uint64_t kHeaderBytes = 32;  // magic, byte order, keep, design hash, runs
constexpr std::uint64_t kRecordHeadBytes = 24;

RunResult small_run(std::int64_t run) {
  RunResult r;
  r.run = run;
  r.seed = 1000 + static_cast<std::uint64_t>(run);
  r.replicate = static_cast<std::int32_t>(run % 3);
  r.attacks = static_cast<std::int32_t>(10 * run + 1);
  r.fatalities_total = {static_cast<std::int32_t>(run), 2, 3};
  r.injured_total = {4, static_cast<std::int32_t>(run), 6};
  r.escalation = {1, 2, static_cast<std::int8_t>(run)};
  r.hostility = {0.5 * static_cast<double>(run), 1.5};
  EventRecord ev;
  ev.day = static_cast<std::int32_t>(run);
  ev.cameo = "190";
  ev.location = "pass";
  r.events = {ev};
  return r;
}

class JournalFile : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("flashpoint_journal_" + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "rank0.journal").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  static JournalHeader header() { return JournalHeader{kHash, KeepLevel::kEvents, kRuns}; }

  /// A new journal holding `runs`, in that order.
  void write(const std::vector<std::int64_t>& runs) {
    JournalWriter w(path_, header(), nullptr);
    for (std::int64_t run : runs) w.append(small_run(run));
    w.sync();
  }

  std::string bytes() const {
    std::ifstream in(path_, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }
  void put_bytes(const std::string& b) const {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out << b;
  }

  static std::vector<std::int64_t> runs_of(const JournalScan& s) {
    std::vector<std::int64_t> out;
    for (const auto& [run, offset] : s.records) out.push_back(run);
    return out;
  }

  fs::path dir_;
  std::string path_;
};

TEST_F(JournalFile, ThreeRecordsScanBackWithTheirOffsets) {
  write({4, 0, 7});
  const JournalScan s = scan_journal(path_);
  EXPECT_EQ(s.header.design_hash, kHash);
  EXPECT_EQ(s.header.keep, KeepLevel::kEvents);
  EXPECT_EQ(s.header.runs, kRuns);
  ASSERT_EQ(runs_of(s), (std::vector<std::int64_t>{4, 0, 7}));
  // Records follow the header back to back: head, payload, checksum.
  std::uint64_t offset = kHeaderBytes;
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(s.records[i].second, offset) << "record " << i;
    offset +=
        kRecordHeadBytes + encode_run(small_run(s.records[i].first), KeepLevel::kEvents).size() + 8;
  }
  EXPECT_EQ(s.valid_end, offset);
  EXPECT_EQ(s.file_size, offset);
  EXPECT_EQ(fs::file_size(path_), offset);
}

TEST_F(JournalFile, ReaderGetsEachRecordBackByItsOffset) {
  write({4, 0, 7});
  const JournalScan s = scan_journal(path_);
  ASSERT_EQ(s.records.size(), 3u);
  JournalReader reader(path_, KeepLevel::kEvents);
  // Out of file order, to show that offsets are all the reader needs.
  for (std::size_t i : {2u, 0u, 1u}) {
    const RunResult got = reader.read(s.records[i].second);
    const RunResult want = small_run(s.records[i].first);
    expect_same_outcomes(want, got);
    expect_same_series(want, got);
    expect_same_events(want, got);
  }
}

TEST_F(JournalFile, EmptyJournalHasOnlyItsHeader) {
  write({});
  const JournalScan s = scan_journal(path_);
  EXPECT_TRUE(s.records.empty());
  EXPECT_EQ(s.valid_end, kHeaderBytes);
  EXPECT_EQ(s.file_size, kHeaderBytes);
}

TEST_F(JournalFile, TornTailIsDroppedAndOverwritten) {
  write({1, 2, 3});
  const JournalScan whole = scan_journal(path_);
  ASSERT_EQ(whole.records.size(), 3u);
  const std::uint64_t third = whole.records[2].second;
  fs::resize_file(path_, whole.file_size - 5);  // killed in the middle of the last write()

  const JournalScan torn = scan_journal(path_);
  EXPECT_EQ(runs_of(torn), (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(torn.valid_end, third);
  EXPECT_EQ(torn.file_size, whole.file_size - 5);

  {
    JournalWriter w(path_, header(), &torn);
    EXPECT_EQ(fs::file_size(path_), third);  // the torn bytes are cut on reopening
    w.append(small_run(3));
    w.append(small_run(9));
  }
  const JournalScan after = scan_journal(path_);
  EXPECT_EQ(runs_of(after), (std::vector<std::int64_t>{1, 2, 3, 9}));
  EXPECT_EQ(after.records[2].second, third);
  EXPECT_EQ(after.valid_end, after.file_size);
  JournalReader reader(path_, KeepLevel::kEvents);
  EXPECT_EQ(reader.read(after.records[3].second).attacks, small_run(9).attacks);
}

TEST_F(JournalFile, TornRecordHeadIsDropped) {
  write({1, 2, 3});
  const JournalScan whole = scan_journal(path_);
  ASSERT_EQ(whole.records.size(), 3u);
  // Only part of the third record's head made it to disk.
  fs::resize_file(path_, whole.records[2].second + 10);
  const JournalScan torn = scan_journal(path_);
  EXPECT_EQ(runs_of(torn), (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(torn.valid_end, whole.records[2].second);
}

TEST_F(JournalFile, GarbageAfterTheLastRecordIsDroppedAndCutOnReopening) {
  write({1, 2, 3});
  const JournalScan whole = scan_journal(path_);
  ASSERT_EQ(whole.records.size(), 3u);
  {
    std::ofstream out(path_, std::ios::binary | std::ios::app);
    out << "this is not a record at all, just some garbage";
  }
  const JournalScan dirty = scan_journal(path_);
  EXPECT_EQ(runs_of(dirty), (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(dirty.valid_end, whole.file_size);
  EXPECT_GT(dirty.file_size, whole.file_size);

  {
    JournalWriter w(path_, header(), &dirty);
    w.append(small_run(4));
  }
  const JournalScan after = scan_journal(path_);
  EXPECT_EQ(runs_of(after), (std::vector<std::int64_t>{1, 2, 3, 4}));
  EXPECT_EQ(after.records[3].second, whole.file_size);
  EXPECT_EQ(after.valid_end, after.file_size);
}

TEST_F(JournalFile, WrongChecksumStopsTheScanThere) {
  write({1, 2, 3});
  const JournalScan whole = scan_journal(path_);
  ASSERT_EQ(whole.records.size(), 3u);
  std::string b = bytes();
  const std::uint64_t second = whole.records[1].second;
  b[second + kRecordHeadBytes + 8] ^= 0x40;  // one bit of the second record's payload
  put_bytes(b);
  const JournalScan s = scan_journal(path_);
  // The third record is intact but follows a bad one: nothing after a bad record is trusted.
  EXPECT_EQ(runs_of(s), (std::vector<std::int64_t>{1}));
  EXPECT_EQ(s.valid_end, second);
  EXPECT_EQ(s.file_size, whole.file_size);
}

TEST_F(JournalFile, WrongRunNumberInARecordHeadFailsItsChecksum) {
  write({1, 2, 3});
  const JournalScan whole = scan_journal(path_);
  ASSERT_EQ(whole.records.size(), 3u);
  std::string b = bytes();
  // The run number (bytes 8..15 of the head) is covered by the checksum: 2 -> 5 is detected.
  const std::int64_t other_run = 5;
  std::memcpy(b.data() + whole.records[1].second + 8, &other_run, sizeof other_run);
  put_bytes(b);
  EXPECT_EQ(runs_of(scan_journal(path_)), (std::vector<std::int64_t>{1}));
}

TEST_F(JournalFile, RecordOfARunOutsideTheExperimentStopsTheScan) {
  {
    JournalWriter w(path_, header(), nullptr);
    w.append(small_run(1));
    w.append(small_run(kRuns));  // one past the last run of the experiment
    w.append(small_run(2));
  }
  EXPECT_EQ(runs_of(scan_journal(path_)), (std::vector<std::int64_t>{1}));
}

// A file that is not a journal is bad input (exit code 2): only the user can say whether it may
// be moved away or the experiment started again.
TEST_F(JournalFile, FileThatIsNotAJournalIsAnInputErrorNamingIt) {
  put_bytes("kind: sweep\nscenario: minimal.yaml\nthis is long enough to hold a header\n");
  try {
    (void)scan_journal(path_);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    ASSERT_EQ(e.problems().size(), 1U);
    EXPECT_EQ(e.problems().front().file, path_);
    EXPECT_EQ(e.problems().front().message.rfind(
                  "not a Flashpoint journal: its first bytes are not a journal header", 0),
              0U)
        << e.problems().front().message;
  }
}

// Journal format 1 held exports_lost_usd elsewhere in a record, format 2 had no injured, format
// 3 no air-defence outcomes: each is refused, not misread.
TEST_F(JournalFile, JournalOfAnEarlierFormatIsAnInputErrorSayingSo) {
  for (const char format : {'1', '2', '3'}) {
    put_bytes(std::string("FPJOURN") + format + std::string(24, '\0'));
    try {
      (void)scan_journal(path_);
      FAIL() << "expected InputError";
    } catch (const InputError& e) {
      ASSERT_EQ(e.problems().size(), 1U);
      EXPECT_NE(e.problems().front().message.find(
                    std::string("earlier version of flashpoint (journal format ") + format + ")"),
                std::string::npos)
          << e.problems().front().message;
    }
  }
}

TEST_F(JournalFile, ShortFileThatIsNotAJournalIsAnInputErrorNamingIt) {
  put_bytes("XYZ");
  try {
    (void)scan_journal(path_);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.problems().front().file, path_);
  }
}

TEST_F(JournalFile, FolderNamedAsAJournalIsAnInputError) {
  std::filesystem::remove(path_);
  std::filesystem::create_directory(path_);
  try {
    (void)scan_journal(path_);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(e.problems().front().message.find("it is a folder or a special file"),
              std::string::npos)
        << e.problems().front().message;
  }
  std::filesystem::remove(path_);
}

// A process killed while it created its journal leaves the start of a header: no runs, and the
// owner writes the header again when it resumes.
TEST_F(JournalFile, HeaderCutShortIsAnEmptyJournalThatItsOwnerCompletes) {
  put_bytes("FPJ");
  const JournalScan scan = scan_journal(path_);
  EXPECT_FALSE(scan.has_header);
  EXPECT_TRUE(scan.records.empty());
  EXPECT_EQ(scan.valid_end, 0u);
  put_bytes("");
  const JournalScan empty = scan_journal(path_);
  EXPECT_FALSE(empty.has_header);
  {
    JournalWriter writer(path_, JournalHeader{42, KeepLevel::kOutcomes, 10}, &scan);
    RunResult r;
    r.run = 3;
    writer.append(r);
  }
  const JournalScan again = scan_journal(path_);
  EXPECT_TRUE(again.has_header);
  EXPECT_EQ(again.header.design_hash, 42u);
  ASSERT_EQ(again.records.size(), 1u);
  EXPECT_EQ(again.records[0].first, 3);
}

TEST_F(JournalFile, MissingJournalIsAnOutputErrorNamingIt) {
  const std::string missing = (dir_ / "no_such.journal").string();
  try {
    (void)scan_journal(missing);
    FAIL() << "expected OutputError";
  } catch (const OutputError& e) {
    EXPECT_NE(std::string(e.what()).find(missing), std::string::npos) << e.what();
  }
}

TEST_F(JournalFile, HeaderOfAnotherByteOrderIsAnInputErrorNamingIt) {
  write({1});
  std::string b = bytes();
  std::swap(b[8], b[11]);  // the byte-order mark 0x01020304 as the other order writes it
  std::swap(b[9], b[10]);
  put_bytes(b);
  try {
    (void)scan_journal(path_);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.problems().front().file, path_);
    EXPECT_NE(e.problems().front().message.find("byte order"), std::string::npos)
        << e.problems().front().message;
  }
}

TEST_F(JournalFile, CreatingOverAnExistingJournalIsRefused) {
  write({1, 2});
  EXPECT_THROW({ JournalWriter again(path_, header(), nullptr); }, OutputError);
  EXPECT_EQ(runs_of(scan_journal(path_)), (std::vector<std::int64_t>{1, 2}));
}

TEST(JournalRecordLayout, NamesEveryFieldOfTheTableInOrder) {
  // The layout goes into the design hashes of sweeps and comparisons: a field added to the table
  // must change it, so it must name every field, with its kind and element size.
  const std::string layout = journal_record_layout();
  std::size_t entries = 0, at = 0;
  const RunResult r;
  for_each_field(r, [&](const FieldInfo& field, const auto&) {
    const std::string name = std::string(field.name) + ":";
    const std::size_t found = layout.find(name, at);
    EXPECT_EQ(found, at) << field.name << " is not next in " << layout;
    at = layout.find(';', at) + 1;
    ++entries;
  });
  // Then the policy starts and the user-defined outcomes, which every record holds after the
  // table's fields.
  EXPECT_EQ(layout.substr(at), "policy_starts:day:i32,policy:string;user_outcomes:f64:v;");
  EXPECT_EQ(static_cast<std::size_t>(std::count(layout.begin(), layout.end(), ';')), entries + 2);
  EXPECT_NE(layout.find("escalation:2:1:v;"), std::string::npos) << layout;  // int8 series
}

}  // namespace
}  // namespace flashpoint
