#include "fuzz_support.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <system_error>
#include <vector>

namespace flashpoint::fuzz {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void harness_failure(const std::string& what) {
  std::fprintf(stderr, "fuzz harness: %s\n", what.c_str());
  std::abort();
}

fs::path make_work_dir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern =
      std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/flashpoint-fuzz-XXXXXX";
  std::vector<char> buf(pattern.begin(), pattern.end());
  buf.push_back('\0');
  if (mkdtemp(buf.data()) == nullptr) harness_failure("cannot make a folder from " + pattern);
  const fs::path dir(buf.data());

  const fs::path source(FLASHPOINT_SOURCE_DIR);
  for (const fs::path& folder :
       {source / "scenarios", source / "scenarios" / "invented", source / "tests" / "data"}) {
    for (const auto& entry : fs::directory_iterator(folder)) {
      if (!entry.is_regular_file() || entry.path().extension() != ".yaml") continue;
      std::error_code ec;
      fs::create_symlink(entry.path(), dir / entry.path().filename(), ec);
      if (ec) harness_failure("cannot link " + entry.path().string() + ": " + ec.message());
    }
  }
  return dir;
}

}  // namespace

const fs::path& work_dir() {
  static const fs::path dir = make_work_dir();
  // Removed when libFuzzer exits normally (end of -max_total_time or -runs); a crash leaves it.
  static const bool cleanup_registered = [] {
    return std::atexit([] {
             std::error_code ec;
             fs::remove_all(work_dir(), ec);
           }) == 0;
  }();
  (void)cleanup_registered;
  return dir;
}

void write_file(const fs::path& path, const std::uint8_t* data, std::size_t size) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  out.close();
  if (!out) harness_failure("cannot write " + path.string());
}

std::string read_source_file(const std::string& relative) {
  const fs::path path = fs::path(FLASHPOINT_SOURCE_DIR) / relative;
  std::ifstream in(path, std::ios::binary);
  if (!in) harness_failure("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace flashpoint::fuzz
