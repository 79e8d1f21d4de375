// libFuzzer target: `--set PATH=VALUE` strings, one per line of the input (at most 8), parsed by
// parse_override and, those that parse, applied together to tests/data/minimal.yaml (a small
// scenario that uses every section), as `flashpoint run --set` does. InputError is the expected
// answer to a bad override; anything else is a finding.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "fuzz_support.hpp"
#include "scenario/loader.hpp"

namespace {

constexpr std::size_t kMaxOverrides = 8;

const flashpoint::ScenarioSource& base_scenario() {
  static const flashpoint::ScenarioSource source = flashpoint::ScenarioSource::from_text(
      flashpoint::fuzz::read_source_file("tests/data/minimal.yaml"), "minimal.yaml");
  return source;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<flashpoint::Override> overrides;
  while (!input.empty() && overrides.size() < kMaxOverrides) {
    const std::size_t end = input.find('\n');
    const std::string_view line = input.substr(0, end);
    input = end == std::string_view::npos ? std::string_view() : input.substr(end + 1);
    try {
      overrides.push_back(flashpoint::parse_override(line));
    } catch (const flashpoint::InputError&) {
    }
  }
  if (overrides.empty()) return 0;
  try {
    (void)base_scenario().instantiate(overrides);
  } catch (const flashpoint::InputError&) {
  }
  return 0;
}
