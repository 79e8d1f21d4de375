// libFuzzer target: a scenario file's text through the loader (YAML parsing, overrides, every
// check). InputError is the expected answer to junk; anything else that escapes, a sanitizer
// report, a hang or running out of memory is a finding.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/error.hpp"
#include "scenario/loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view yaml(reinterpret_cast<const char*>(data), size);
  try {
    (void)flashpoint::load_scenario_text(yaml, "fuzz.yaml");
  } catch (const flashpoint::InputError&) {
  }
  return 0;
}
