// describe_results_file: what `flashpoint inspect` prints, and InputError for anything that is
// not a complete Flashpoint results file.
#include "output/hdf5_reader.hpp"

#include <hdf5.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "output/hdf5_writer.hpp"

namespace flashpoint {
namespace {

namespace fs = std::filesystem;

class ResultsReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("flashpoint_reader_" + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  /// Two runs of three days, two crossings, one armed group, one event per run.
  std::string write_results() {
    ResultsLayout layout;
    layout.days = 3;
    layout.dates = {"2025-10-09", "2025-10-10", "2025-10-11"};
    layout.actors = {"PAK", "AFG", "TTP"};
    layout.states = {"PAK", "AFG"};
    layout.categories = {"PAK.forces", "AFG.forces"};
    layout.crossings = {"Torkham", "Chaman"};
    layout.dyads = {"PAK>AFG", "AFG>PAK"};
    layout.groups = {"TTP"};
    Provenance provenance;
    provenance.scenario_name = "border-test";
    provenance.scenario_path = "scenarios/border-test.yaml";
    provenance.start_date = "2025-10-09";
    provenance.master_seed = 7;
    provenance.resolved_parameters = {{"days", "3"}};
    const std::string path = (dir_ / "results.h5").string();
    ResultsWriter writer(path, layout, provenance, WriterOptions{.runs = 2});
    for (std::int64_t r = 0; r < 2; ++r) {
      RunResult run;
      run.run = r;
      run.escalation.assign(3, 1);
      run.fatalities.assign(3 * 2, 0);
      run.attacks_daily.assign(3, 0);
      run.hostility.assign(3 * 2, 0.5);
      run.posts_held.assign(3 * 2, 4);
      run.crossing_open.assign(3 * 2, 1);
      run.trade_flow_usd.assign(3, 1e6);
      run.ceasefire.assign(3, 0);
      run.posts_captured.assign(2, 0);
      run.crossing_closed_days.assign(2, 0);
      run.fatalities_total.assign(2, 0);
      run.final_hostility.assign(2, 0.5);
      run.mediation_active.assign(3, 0);
      run.talks_rounds.assign(3, 0);
      run.displaced.assign(3 * 2, 100.0);
      run.active_share.assign(3 * 2, 0.1);
      run.legitimacy.assign(3 * 2, 0.6);
      run.refugees.assign(3 * 2, 0.0);
      run.returnees_daily.assign(3 * 2, 0.0);
      run.sanctuary_tolerance.assign(3, 0.7);
      run.cells.assign(3, 4);
      run.fighters.assign(3, 250.0);
      run.exports_lost_usd.assign(2, 0.0);
      run.peak_displaced = 200.0;
      EventRecord event;
      event.day = 1;
      event.actor = 0;
      event.cameo = "0871";
      event.quad_class = 2;
      event.claim_actor_own = 0;
      event.claim_actor_enemy = 12;
      run.events.push_back(event);
      writer.write(run);
    }
    writer.finish();
    return path;
  }

  /// The InputError message describe_results_file() throws for `path`; fails when none.
  static std::string input_error_for(const std::string& path) {
    try {
      (void)describe_results_file(path);
    } catch (const InputError& e) {
      EXPECT_EQ(e.problems().size(), 1U);
      EXPECT_EQ(e.problems().front().file, path);
      return e.problems().front().message;
    }
    ADD_FAILURE() << "no InputError for " << path;
    return "";
  }

  fs::path dir_;
};

TEST_F(ResultsReaderTest, DescribesProvenanceDimensionsVariablesAndEvents) {
  const std::string text = describe_results_file(write_results());
  for (const char* expected : {
           "format: flashpoint-results, version 2\n",
           "status: complete\n",
           "scenario: border-test (scenarios/border-test.yaml)\n",
           "runs x days: 2 x 3, from 2025-10-09\n",
           "master seed: 7\n",
           "provenance: 1 resolved parameters\n",
           "Torkham, Chaman",
           "PAK>AFG, AFG>PAK",
           "PAK.forces, AFG.forces",
           "  fatalities             [run, day, category] int32 (deaths)",
           "  crossing_open          [run, day, crossing] uint8",
           "  group           1  TTP\n",
           "  mediation_active       [run, day] uint8: ",
           "  talks_rounds           [run, day] int32 (rounds): ",
           "  displaced              [run, day, actor] float64 (people): ",
           "  active_share           [run, day, actor] float64: ",
           "  legitimacy             [run, day, actor] float64: ",
           "  refugees               [run, day, actor] float64 (people): ",
           "  returnees_daily        [run, day, actor] float64 (people): ",
           "  sanctuary_tolerance    [run, day, group] float64: ",
           "  cells                  [run, day, group] int32 (cells): ",
           "  fighters               [run, day, group] float64 (fighters): ",
           "  reached_rung8          [run] uint8: ",
           "  peak_displaced         [run] float64 (people): ",
           "  returnees              [run] float64 (people): ",
           "  exports_lost_usd       [run, actor] float64 (USD): ",
           "events: 2 rows (/events)\n",
       }) {
    EXPECT_NE(text.find(expected), std::string::npos) << "missing: " << expected << "\n" << text;
  }
  EXPECT_EQ(text.find("note: this flashpoint reads format version"), std::string::npos) << text;
}

TEST_F(ResultsReaderTest, MissingFileIsInputError) {
  EXPECT_EQ(input_error_for((dir_ / "absent.h5").string()), "no such file");
}

TEST_F(ResultsReaderTest, TextFileIsInputError) {
  const std::string path = (dir_ / "notes.h5").string();
  { std::ofstream(path) << "this is not HDF5\n"; }
  EXPECT_NE(input_error_for(path).find("not an HDF5 file"), std::string::npos);
}

TEST_F(ResultsReaderTest, TruncatedFileIsInputError) {
  const std::string complete = write_results();
  const std::string path = (dir_ / "truncated.h5").string();
  fs::copy_file(complete, path);
  fs::resize_file(path, fs::file_size(path) / 2);
  EXPECT_NE(input_error_for(path).find("may be truncated or damaged"), std::string::npos);
}

TEST_F(ResultsReaderTest, ForeignHdf5FileIsInputError) {
  const std::string path = (dir_ / "foreign.h5").string();
  const hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  ASSERT_GE(file, 0);
  H5Fclose(file);
  EXPECT_NE(input_error_for(path).find("not a Flashpoint results file: it has no root attribute "
                                       "'format'"),
            std::string::npos);
}

TEST_F(ResultsReaderTest, OtherFormatIsInputError) {
  const std::string path = (dir_ / "other.h5").string();
  const hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  ASSERT_GE(file, 0);
  const hid_t type = H5Tcopy(H5T_C_S1);
  H5Tset_size(type, 7);
  const hid_t space = H5Screate(H5S_SCALAR);
  const hid_t attribute = H5Acreate2(file, "format", type, space, H5P_DEFAULT, H5P_DEFAULT);
  H5Awrite(attribute, type, "netcdf4");
  H5Aclose(attribute);
  H5Sclose(space);
  H5Tclose(type);
  H5Fclose(file);
  EXPECT_NE(input_error_for(path).find("its root attribute 'format' is \"netcdf4\", expected "
                                       "\"flashpoint-results\""),
            std::string::npos);
}

TEST_F(ResultsReaderTest, DirectoryIsInputError) {
  EXPECT_EQ(input_error_for(dir_.string()), "is a directory, not a results file");
}

/// Opens `path` for writing and hands the file to `edit`.
template <typename Edit>
void edit_file(const std::string& path, Edit&& edit) {
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  ASSERT_GE(file, 0);
  edit(file);
  H5Fclose(file);
}

TEST_F(ResultsReaderTest, MissingFormatVersionIsInputError) {
  const std::string path = write_results();
  edit_file(path, [](hid_t file) { H5Adelete(file, "format_version"); });
  EXPECT_EQ(input_error_for(path),
            "a Flashpoint results file without its root attribute 'format_version'; it may be "
            "damaged or edited by another program");
}

TEST_F(ResultsReaderTest, FormatVersionThatIsNotANumberIsInputError) {
  const std::string path = write_results();
  edit_file(path, [](hid_t file) {
    H5Adelete(file, "format_version");
    const std::int32_t zero = 0;
    const hid_t space = H5Screate(H5S_SCALAR);
    const hid_t attribute =
        H5Acreate2(file, "format_version", H5T_STD_I32LE, space, H5P_DEFAULT, H5P_DEFAULT);
    H5Awrite(attribute, H5T_NATIVE_INT32, &zero);
    H5Aclose(attribute);
    H5Sclose(space);
  });
  EXPECT_NE(input_error_for(path).find("its root attribute 'format_version' is \"0\", not a "
                                       "version number"),
            std::string::npos);
}

TEST_F(ResultsReaderTest, KnownVersionWithoutRunsIsInputError) {
  const std::string path = write_results();
  edit_file(path, [](hid_t file) { H5Ldelete(file, "runs", H5P_DEFAULT); });
  EXPECT_EQ(input_error_for(path),
            "a results file of format version 2 without its group /runs; it may be damaged or "
            "edited by another program");
}

TEST(ReadableError, HdfStackBecomesTheSystemsReason) {
  const std::string what =
      "cannot create results file out/x.h5.partial; HDF5 error stack:\n"
      "  #000: H5Fcreate(): unable to create file (Unable to open file)\n"
      "  #001: H5FD__sec2_open(): unable to open file: name = 'out/x.h5.partial', errno = 13, "
      "error message = 'Permission denied', flags = 13 (Unable to open file)";
  EXPECT_EQ(readable_error(what), "cannot create results file out/x.h5.partial: Permission denied");
}

TEST(ReadableError, StackWithoutASystemReasonGivesItsInnermostFrame) {
  const std::string what =
      "cannot open /runs; HDF5 error stack:\n"
      "  #000: H5Gopen2(): unable to open group (Can't open object)\n"
      "  #001: H5G__open_name(): group not found (Object not found)";
  EXPECT_EQ(readable_error(what), "cannot open /runs: group not found (Object not found)");
}

TEST(ReadableError, OtherMessagesAreLeftAsTheyAre) {
  EXPECT_EQ(readable_error("cannot write the journal a/run.journal: File too large"),
            "cannot write the journal a/run.journal: File too large");
}

}  // namespace
}  // namespace flashpoint
