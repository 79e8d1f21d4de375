// One writer per output, only regular files replaced, never over an input, never through a link
// (src/output/output_target.hpp), and bounded input reads (src/scenario/input_files.hpp).
#include "output/output_target.hpp"

#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "scenario/input_files.hpp"

namespace flashpoint {
namespace {

namespace fs = std::filesystem;

class OutputTarget : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("flashpoint_target_" + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    out_ = (dir_ / "out.h5").string();
    forget_input_files();
  }
  void TearDown() override {
    forget_input_files();
    fs::remove_all(dir_);
  }

  static std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }
  static void write(const fs::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
  }

  /// The message of the InputError `f` throws (fails the test if it throws nothing else).
  template <typename F>
  static std::string input_error(F&& f) {
    try {
      f();
    } catch (const InputError& e) {
      return e.problems().front().format();
    }
    ADD_FAILURE() << "no InputError";
    return "";
  }

  fs::path dir_;
  std::string out_;
};

TEST_F(OutputTarget, SecondWriterIsRefusedNamingTheHolderPid) {
  OutputLock first = OutputLock::take(OutputRequest{.path = out_});
  ASSERT_TRUE(fs::exists(out_ + ".lock"));
  EXPECT_NE(read(out_ + ".lock").find(fmt::format("pid {} on ", ::getpid())), std::string::npos);
  const std::string message =
      input_error([&] { (void)OutputLock::take(OutputRequest{.path = out_, .force = true}); });
  EXPECT_NE(message.find(fmt::format("another flashpoint process is writing this output (pid {}",
                                     ::getpid())),
            std::string::npos)
      << message;
  first.release();
  EXPECT_FALSE(fs::exists(out_ + ".lock"));  // removed by its holder
  OutputLock again = OutputLock::take(OutputRequest{.path = out_});
  EXPECT_TRUE(again.held());
}

TEST_F(OutputTarget, StaleLockOfADeadProcessIsTakenOver) {
  // What a killed writer leaves: the lock file with its words, but no flock on it.
  write(out_ + ".lock", "flashpoint lock\npid 999999 on elsewhere, since 2026-01-01T00:00:00Z\n");
  OutputLock lock = OutputLock::take(OutputRequest{.path = out_});
  EXPECT_TRUE(lock.held());
  EXPECT_NE(read(out_ + ".lock").find(fmt::format("pid {}", ::getpid())), std::string::npos);
}

TEST_F(OutputTarget, ALockHeldByAnotherToolIsRespected) {
  // flock(1) or any other program holding the lock file: refused, holder unknown.
  const int fd = ::open((out_ + ".lock").c_str(), O_RDWR | O_CREAT, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::flock(fd, LOCK_EX), 0);
  const std::string message = input_error([&] { (void)OutputLock::take({.path = out_}); });
  EXPECT_NE(message.find("holder unknown"), std::string::npos) << message;
  ::close(fd);
}

TEST_F(OutputTarget, ShardsShareTheOutputButExcludeMergeAndTheirTwin) {
  OutputLock one = OutputLock::take({.path = out_, .shard = 0, .shards = 2, .journals = true});
  OutputLock two = OutputLock::take({.path = out_, .shard = 1, .shards = 2, .journals = true});
  EXPECT_TRUE(fs::exists(out_ + ".shard1of2.lock"));
  EXPECT_NE(input_error([&] {
              (void)OutputLock::take({.path = out_, .shard = 0, .shards = 2, .journals = true});
            }).find("another flashpoint process is writing shard 1/2 of"),
            std::string::npos);
  EXPECT_NE(input_error([&] {
              (void)OutputLock::take({.path = out_, .journals = true});
            }).find("another flashpoint process is writing this output"),
            std::string::npos);
  one.release();
  EXPECT_TRUE(fs::exists(out_ + ".lock"));  // still held (shared) by shard 2
  two.release();
  EXPECT_FALSE(fs::exists(out_ + ".lock"));
  OutputLock merge = OutputLock::take({.path = out_, .journals = true});
  EXPECT_TRUE(merge.held());
}

TEST_F(OutputTarget, LinksAndForeignFilesAsLockFileAreRefusedAndKept) {
  write(dir_ / "important.txt", "keep");
  fs::create_symlink(dir_ / "important.txt", out_ + ".lock");
  EXPECT_NE(input_error([&] {
              (void)OutputLock::take({.path = out_});
            }).find("lock file " + out_ + ".lock is a symbolic link"),
            std::string::npos);
  fs::remove(out_ + ".lock");
  write(out_ + ".lock", "my notes");
  EXPECT_NE(input_error([&] {
              (void)OutputLock::take({.path = out_});
            }).find("is not a flashpoint lock file"),
            std::string::npos);
  EXPECT_EQ(read(out_ + ".lock"), "my notes");
  EXPECT_EQ(read(dir_ / "important.txt"), "keep");
}

TEST_F(OutputTarget, OnlyRegularFilesAreReplacedEvenWithForce) {
  ASSERT_EQ(::mkfifo(out_.c_str(), 0644), 0);
  EXPECT_NE(input_error([&] {
              check_output_target({.path = out_, .force = true});
            }).find("the output is a FIFO (named pipe): flashpoint replaces only regular files"),
            std::string::npos);
  const std::string link = (dir_ / "link.h5").string();
  fs::create_symlink("/dev/null", link);
  EXPECT_NE(input_error([&] {
              check_output_target({.path = link, .force = true});
            }).find("symbolic link into /dev/null"),
            std::string::npos);
  fs::create_directory(dir_ / "folder.h5");
  EXPECT_NE(input_error([&] {
              check_output_target({.path = (dir_ / "folder.h5").string(), .force = true});
            }).find("the output is a folder"),
            std::string::npos);
  EXPECT_NE(input_error([&] {
              check_output_target({.path = "/dev/stdout", .force = true});
            }).find("flashpoint never writes there"),
            std::string::npos);
}

TEST_F(OutputTarget, ForceReplacesALinkNotTheFileItPointsTo) {
  write(dir_ / "target.txt", "keep");
  fs::create_symlink(dir_ / "target.txt", out_);
  EXPECT_NE(input_error([&] {
              check_output_target({.path = out_});
            }).find("the output exists (a symbolic link)"),
            std::string::npos);
  check_output_target({.path = out_, .force = true});
  write_output_file(out_, "new", true);
  EXPECT_FALSE(fs::is_symlink(out_));
  EXPECT_EQ(read(out_), "new");
  EXPECT_EQ(read(dir_ / "target.txt"), "keep");
}

TEST_F(OutputTarget, AnInputIsNeverAnOutputEvenThroughALink) {
  write(dir_ / "scenario.yaml", "name: x\n");
  (void)read_input_file((dir_ / "scenario.yaml").string());
  fs::create_symlink(dir_ / "scenario.yaml", dir_ / "alias.h5");
  for (const auto& path : {dir_ / "scenario.yaml", dir_ / "alias.h5"}) {
    const std::string message =
        input_error([&] { check_output_target({.path = path.string(), .force = true}); });
    EXPECT_NE(message.find("the output is also an input of this command"), std::string::npos)
        << message;
  }
  EXPECT_EQ(read(dir_ / "scenario.yaml"), "name: x\n");
}

TEST_F(OutputTarget, NamesThatFitAndNamesThatDoNot) {
  const std::string name255 = (dir_ / (std::string(252, 'a') + ".h5")).string();
  // OUT.lock would be 260 bytes: a hidden name of fixed length in the same folder instead.
  const std::string lock = lock_path_of(name255);
  EXPECT_EQ(fs::path(lock).parent_path(), dir_);
  EXPECT_LE(fs::path(lock).filename().string().size(), 255U);
  EXPECT_TRUE(fs::path(lock).filename().string().starts_with(".fp-"));
  check_output_target({.path = name255});
  EXPECT_NE(input_error([&] {
              check_output_target({.path = name255, .journals = true});
            }).find("choose an output name of at most 249 bytes"),
            std::string::npos);
  EXPECT_NE(input_error([&] {
              check_output_target({.path = std::string(5000, 'x')});
            }).find("the output path is 5000 bytes long; paths are limited to 4095 bytes"),
            std::string::npos);
  OutputLock l = OutputLock::take({.path = name255});
  EXPECT_TRUE(fs::exists(lock));
  write_output_file(name255, "ok", false);
  EXPECT_EQ(read(name255), "ok");
}

TEST_F(OutputTarget, StaleTemporariesAreRemovedOnlyWhenTheyAreOurs) {
  write(out_ + ".12345.partial", "left by a killed writer");
  write(out_ + ".12345.2.partial", "left by a killed writer");
  write(out_ + ".notes.partial", "the user's");
  write(out_ + ".partial", "an older version's name: not touched");
  fs::create_symlink(dir_ / "elsewhere", out_ + ".777.partial");
  { OutputLock l = OutputLock::take({.path = out_}); }
  EXPECT_FALSE(fs::exists(out_ + ".12345.partial"));
  EXPECT_FALSE(fs::exists(out_ + ".12345.2.partial"));
  EXPECT_TRUE(fs::exists(out_ + ".notes.partial"));
  EXPECT_TRUE(fs::exists(out_ + ".partial"));
  EXPECT_TRUE(fs::is_symlink(out_ + ".777.partial"));
}

TEST_F(OutputTarget, ReplaceRefusesAnOutputThatAppearedOrBecameSpecial) {
  const std::string tmp = create_temporary_for(out_);
  write(out_, "made by another program");
  EXPECT_THROW(replace_output(tmp, out_, false), OutputError);
  EXPECT_EQ(read(out_), "made by another program");
  fs::remove(out_);
  ASSERT_EQ(::mkfifo(out_.c_str(), 0644), 0);
  EXPECT_THROW(replace_output(tmp, out_, true), OutputError);
  EXPECT_TRUE(fs::is_fifo(out_));
}

// ------------------------------------------------------------------------------ bounded inputs

TEST_F(OutputTarget, InputsAreRegularFilesOfBoundedSize) {
  EXPECT_NE(input_error([] {
              (void)read_input_file("/dev/zero");
            }).find("/dev/zero: cannot read file: it is a character device, not a regular file"),
            std::string::npos);
  const std::string fifo = (dir_ / "fifo").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
  EXPECT_NE(input_error([&] { (void)read_input_file(fifo); }).find("it is a FIFO"),
            std::string::npos);
  const fs::path big = dir_ / "big.yaml";
  write(big, "");
  fs::resize_file(big, kMaxInputBytes + 1);  // sparse: no disk used
  EXPECT_NE(input_error([&] { (void)read_input_file(big.string()); })
                .find("it is 64.0 MiB (67108865 bytes) long; inputs are limited to 64.0 MiB "
                      "(67108864 bytes"),
            std::string::npos);
  fs::resize_file(big, 100 << 20);
  EXPECT_NE(input_error([&] {
              (void)read_input_file(big.string());
            }).find("it is 100.0 MiB (104857600 bytes) long"),
            std::string::npos);
  EXPECT_NE(input_error([&] {
              (void)read_input_file(dir_.string());
            }).find("cannot read file: Is a directory"),
            std::string::npos);
  write(dir_ / "ok.yaml", "a: 1\n");
  EXPECT_EQ(read_input_file((dir_ / "ok.yaml").string()), "a: 1\n");
  ASSERT_EQ(input_files_read().size(), 1U);
  EXPECT_EQ(input_files_read()[0].path, (dir_ / "ok.yaml").string());
}

TEST(DescribeSize, BytesKibMibGib) {
  EXPECT_EQ(describe_size(512), "512 bytes");
  EXPECT_EQ(describe_size(1536), "1.5 KiB");
  EXPECT_EQ(describe_size(std::uint64_t{64} << 20), "64.0 MiB");
  EXPECT_EQ(describe_size(std::uint64_t{3} << 30), "3.0 GiB");
}

}  // namespace
}  // namespace flashpoint
