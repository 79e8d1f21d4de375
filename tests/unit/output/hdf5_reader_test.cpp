// describe_results_file: what `flashpoint inspect` prints, and InputError for anything that is
// not a complete Flashpoint results file.
#include "output/hdf5_reader.hpp"

#include <hdf5.h>
#include <hdf5_hl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include <fmt/format.h>

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

  /// Two runs of three days, two crossings, one armed group, one event per run; `extra` may
  /// write more (table groups) before the file is finished.
  std::string write_results(const std::function<void(ResultsWriter&)>& extra = {}) {
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
      run.injured.assign(3 * 2, 1);
      run.attacks_daily.assign(3, 0);
      run.hostility.assign(3 * 2, 0.5);
      run.posts_held.assign(3 * 2, 4);
      run.crossing_open.assign(3 * 2, 1);
      run.trade_flow_usd.assign(3, 1e6);
      run.ceasefire.assign(3, 0);
      run.posts_captured.assign(2, 0);
      run.strike_sites_intercepted.assign(2, 0);
      run.aircraft_lost.assign(2, 0);
      run.fire_exchanges.assign(2, 0);
      run.measure_days.assign(2, 0);
      run.coercion_cost_usd.assign(2, 0.0);
      run.nuclear_signals.assign(2, 0);
      run.crossing_closed_days.assign(2, 0);
      run.fatalities_total.assign(2, 0);
      run.injured_total.assign(2, 3);
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
    if (extra) extra(writer);
    writer.finish();
    return path;
  }

  /// The results file with a /sensitivity group of `outcomes` x `parameters` (Morris measures
  /// mu = 10 k + j) and a /comparison group of 3 options x 2 outcomes, as a sweep and a
  /// comparison write them (their variables are given only when `values` is true).
  std::string write_results_with_tables(std::size_t outcomes = 2, std::size_t parameters = 3,
                                        bool values = true) {
    return write_results([&](ResultsWriter& writer) {
      TableGroup s;
      s.name = "sensitivity";
      s.attributes = {{"method", "morris"}, {"confidence", "0.95"}};
      std::vector<std::string> o, p;
      for (std::size_t k = 0; k < outcomes; ++k) o.push_back(fmt::format("outcome{}", k));
      for (std::size_t j = 0; j < parameters; ++j) p.push_back(fmt::format("param{}", j));
      s.coordinates = {{"outcome", o, o.size()}, {"parameter", p, p.size()}};
      if (values) {
        for (const char* name : {"mu", "mu_star", "sigma"}) {
          TableGroup::Variable v{name, {"outcome", "parameter"}, {}, "", "1"};
          for (std::size_t k = 0; k < outcomes; ++k) {
            for (std::size_t j = 0; j < parameters; ++j)
              v.values.push_back(10.0 * static_cast<double>(k) + static_cast<double>(j));
          }
          s.variables.push_back(std::move(v));
        }
      }
      writer.write_group(s);
      TableGroup c;
      c.name = "comparison";
      c.attributes = {{"status_quo", "a"}, {"replicates", "4"}, {"confidence", "0.9"}};
      c.coordinates = {
          {"option", {"a", "b", "c"}, 3}, {"outcome", {"x", "y"}, 2}, {"scenario", {}, 1}};
      c.variables.push_back({"mean", {"option", "outcome"}, {1, 2, 3, 4, 5, 6}, "", ""});
      c.variables.push_back({"rank", {"option"}, {2, 1, 3}, "", ""});
      writer.write_group(c);
    });
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
           "format: flashpoint-results, version 8\n",
           "status: complete\n",
           "scenario: border-test (scenarios/border-test.yaml)\n",
           "runs x days: 2 x 3, from 2025-10-09\n",
           "master seed: 7\n",
           "provenance: 1 resolved parameters\n",
           "Torkham, Chaman",
           "PAK>AFG, AFG>PAK",
           "PAK.forces, AFG.forces",
           "  fatalities             [run, time, category] int32 (deaths)",
           "  injured                [run, time, category] int32 (people)",
           "  injured_total          [run, category] int32 (people)",
           "  crossing_open          [run, time, crossing] uint8",
           "  group           1  TTP\n",
           "  mediation_active       [run, time] uint8: ",
           "  talks_rounds           [run, time] int32 (rounds): ",
           "  displaced              [run, time, actor] float64 (people): ",
           "  active_share           [run, time, actor] float64: ",
           "  legitimacy             [run, time, actor] float64: ",
           "  refugees               [run, time, actor] float64 (people): ",
           "  returnees_daily        [run, time, actor] float64 (people): ",
           "  sanctuary_tolerance    [run, time, group] float64: ",
           "  cells                  [run, time, group] int32 (cells): ",
           "  fighters               [run, time, group] float64 (fighters): ",
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
            "a results file of format version 8 without its group /runs; it may be damaged or "
            "edited by another program");
}

/// What inspect reads of /sensitivity (src/cli/cmd_inspect.cpp reads it the same way).
TableGroupSpec sensitivity_spec() {
  TableGroupSpec spec;
  spec.labelled = {"outcome", "parameter"};
  for (const char* v : {"S1", "mu", "mu_star", "sigma"}) {
    spec.variables.push_back({v, {"outcome", "parameter"}});
  }
  return spec;
}

TableGroupSpec comparison_spec() {
  TableGroupSpec spec;
  spec.labelled = {"option", "outcome"};
  spec.variables = {{"mean", {"option", "outcome"}}, {"rank", {"option"}}};
  return spec;
}

/// The InputError message read_table_group() throws for `group` of `path`; fails when none.
std::string table_error_for(const std::string& path, const std::string& group,
                            const TableGroupSpec& spec) {
  try {
    (void)read_table_group(path, group, spec);
  } catch (const InputError& e) {
    EXPECT_EQ(e.problems().size(), 1U);
    EXPECT_EQ(e.problems().front().file, path);
    return e.problems().front().message;
  }
  ADD_FAILURE() << "no InputError for /" << group << " of " << path;
  return "";
}

/// Replaces the dataset `name` of `group` by an unallocated float64 one of `shape` (a file
/// "declaring" data it does not hold: it stays small).
void redeclare(hid_t file, const std::string& group, const std::string& name,
               std::vector<hsize_t> shape) {
  const hid_t g = H5Gopen2(file, group.c_str(), H5P_DEFAULT);
  ASSERT_GE(g, 0);
  if (H5Lexists(g, name.c_str(), H5P_DEFAULT) > 0) H5Ldelete(g, name.c_str(), H5P_DEFAULT);
  const hid_t space = H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr);
  const hid_t d =
      H5Dcreate2(g, name.c_str(), H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  EXPECT_GE(d, 0);
  H5Dclose(d);
  H5Sclose(space);
  H5Gclose(g);
}

TEST_F(ResultsReaderTest, ReadsTheLabelsAndValuesOfATableGroup) {
  const std::string path = write_results_with_tables();
  const auto s = read_table_group(path, "sensitivity", sensitivity_spec());
  ASSERT_TRUE(s.has_value());
  ASSERT_EQ(s->coordinates.size(), 2U);
  EXPECT_EQ(s->coordinates[0].labels, (std::vector<std::string>{"outcome0", "outcome1"}));
  EXPECT_EQ(s->coordinates[1].size, 3U);
  ASSERT_EQ(s->variables.size(), 3U);  // S1 is absent: left out
  EXPECT_EQ(s->variables[0].name, "mu");
  EXPECT_EQ(s->variables[0].values, (std::vector<double>{0, 1, 2, 10, 11, 12}));
  const auto c = read_table_group(path, "comparison", comparison_spec());
  ASSERT_TRUE(c.has_value());
  ASSERT_EQ(c->variables.size(), 2U);
  EXPECT_EQ(c->variables[1].values, (std::vector<double>{2, 1, 3}));
  EXPECT_FALSE(read_table_group(path, "design", comparison_spec()).has_value());
}

TEST_F(ResultsReaderTest, VariableOfAnotherShapeThanItsCoordinatesIsInputError) {
  const std::string path = write_results_with_tables();
  edit_file(path, [](hid_t file) {
    redeclare(file, "sensitivity", "mu_star", {200'000'000});  // 1.6 GB if it were read
    redeclare(file, "comparison", "rank", {4});
  });
  EXPECT_EQ(table_error_for(path, "sensitivity", sensitivity_spec()),
            "/sensitivity/mu_star has the shape [200000000], but the coordinates of /sensitivity "
            "make it [2, 3] (outcome x parameter); the file may be damaged");
  EXPECT_EQ(table_error_for(path, "comparison", comparison_spec()),
            "/comparison/rank has the shape [4], but the coordinates of /comparison make it [3] "
            "(option); the file may be damaged");
}

TEST_F(ResultsReaderTest, TableBeyondTheCapIsInputError) {
  // 4,000 x 3,000 = 12 million cells: the shape the coordinates give, but more than the cap.
  const std::string path = write_results_with_tables(4000, 3000, false);
  EXPECT_EQ(table_error_for(path, "sensitivity", sensitivity_spec()),
            "the coordinates of /sensitivity make a table of [4000, 3000] = 12000000 cells "
            "(outcome x parameter), more than the 10000000 that inspect reads from a group; the "
            "file may be damaged");
  edit_file(path, [](hid_t file) { redeclare(file, "sensitivity", "sigma", {4000, 3000}); });
  EXPECT_EQ(table_error_for(path, "sensitivity", sensitivity_spec()),
            "/sensitivity/sigma has the shape [4000, 3000] (outcome x parameter): 12000000 "
            "numbers, more than the 10000000 that inspect reads from a group; the file may be "
            "damaged");
}

TEST_F(ResultsReaderTest, LabelsBeyondTheCapOrOfAnotherTypeAreInputError) {
  const std::string path = write_results_with_tables();
  edit_file(path, [](hid_t file) {
    const hid_t g = H5Gopen2(file, "sensitivity", H5P_DEFAULT);
    H5Ldelete(g, "outcome", H5P_DEFAULT);
    const hid_t type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, H5T_VARIABLE);
    const hsize_t n = 2'000'000;
    const hid_t space = H5Screate_simple(1, &n, nullptr);
    const hid_t d = H5Dcreate2(g, "outcome", type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5DSset_scale(d, "outcome");
    H5Dclose(d);
    H5Sclose(space);
    H5Tclose(type);
    H5Gclose(g);
    redeclare(file, "comparison", "option", {3});  // numbers, not labels
    const hid_t c = H5Dopen2(file, "comparison/option", H5P_DEFAULT);
    H5DSset_scale(c, "option");
    H5Dclose(c);
  });
  EXPECT_EQ(table_error_for(path, "sensitivity", sensitivity_spec()),
            "the coordinate /sensitivity/outcome has the shape [2000000]: 2000000 labels, more "
            "than the 1000000 that inspect reads from a group; the file may be damaged");
  EXPECT_EQ(table_error_for(path, "comparison", comparison_spec()),
            "the coordinate /comparison/option holds float64, expected labels (strings); the file "
            "may be damaged");
}

TEST_F(ResultsReaderTest, SoftAndExternalLinksAreListedAndNotFollowed) {
  const std::string path = write_results();
  edit_file(path, [](hid_t file) {
    const hid_t runs = H5Gopen2(file, "runs", H5P_DEFAULT);
    H5Lcreate_soft("/runs/escalation", runs, "alias", H5P_DEFAULT, H5P_DEFAULT);
    H5Lcreate_soft("/nowhere", runs, "dangling", H5P_DEFAULT, H5P_DEFAULT);
    H5Lcreate_external("other.h5", "/runs", runs, "elsewhere", H5P_DEFAULT, H5P_DEFAULT);
    H5Gclose(runs);
  });
  const std::string text = describe_results_file(path);
  for (const char* expected : {
           "links (/runs): 3, not followed\n",
           "  alias                  a soft link to /runs/escalation\n",
           "  dangling               a soft link to /nowhere\n",
           "  elsewhere              an external link to other.h5:/runs\n",
           "  escalation             [run, time] int8 (level): ",
           "events: 2 rows (/events)\n",
       }) {
    EXPECT_NE(text.find(expected), std::string::npos) << "missing: " << expected << "\n" << text;
  }
  EXPECT_EQ(text.find("  alias                  ["), std::string::npos) << text;
}

TEST_F(ResultsReaderTest, StringScaleIsListedFromItsFirstLabels) {
  const std::string path = write_results();
  edit_file(path, [](hid_t file) {
    const hid_t runs = H5Gopen2(file, "runs", H5P_DEFAULT);
    const hid_t type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, H5T_VARIABLE);
    std::vector<std::string> labels;
    std::vector<const char*> pointers;
    for (int i = 0; i < 1000; ++i) labels.push_back(fmt::format("L{}", i));
    for (const auto& l : labels) pointers.push_back(l.c_str());
    const hsize_t n = labels.size();
    const hid_t space = H5Screate_simple(1, &n, nullptr);
    const hid_t d = H5Dcreate2(runs, "many", type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Dwrite(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data());
    H5DSset_scale(d, "many");
    H5Dclose(d);
    H5Sclose(space);
    H5Tclose(type);
    H5Gclose(runs);
  });
  const std::string text = describe_results_file(path);
  EXPECT_NE(text.find("  many         1000  L0, L1, L2, L3, L4, L5, L6, L7, L8, L9, L10, L11, "
                      "L12, L13, L14, L15, L16, L17, L18, L19, ... (1000 in all)\n"),
            std::string::npos)
      << text;
}

TEST_F(ResultsReaderTest, RunsAsASoftLinkIsInputError) {
  const std::string path = write_results();
  edit_file(path, [](hid_t file) {
    H5Lmove(file, "runs", file, "runs_moved", H5P_DEFAULT, H5P_DEFAULT);
    H5Lcreate_soft("/runs_moved", file, "runs", H5P_DEFAULT, H5P_DEFAULT);
  });
  EXPECT_EQ(input_error_for(path),
            "a results file of format version 8 whose /runs is a soft link to /runs_moved, not a "
            "group; it may be damaged or edited by another program (inspect does not follow "
            "links)");
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
