// libFuzzer target: a sweep file, written to the harness's folder (where `scenario: NAME.yaml`
// finds the seed scenarios), read by load_sweep and then checked as `flashpoint validate` does,
// by constructing the Sweep (which instantiates the scenario at each parameter's extremes).
// InputError is the expected answer to junk; anything else is a finding.
#include <cstddef>
#include <cstdint>
#include <utility>

#include "core/error.hpp"
#include "experiment/specs.hpp"
#include "experiment/sweep.hpp"
#include "fuzz_support.hpp"

namespace {

// Valid sweeps may have up to 1e7 design points; building and hashing that many takes long
// enough to look like a hang without being one, so larger designs stop after loading.
constexpr double kMaxPointsChecked = 10'000;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto file = flashpoint::fuzz::work_dir() / "fuzz_sweep.yaml";
  flashpoint::fuzz::write_file(file, data, size);
  (void)flashpoint::experiment_kind_of_file(file.string());
  try {
    flashpoint::SweepSpec spec = flashpoint::load_sweep(file.string());
    if (flashpoint::design_points(spec.design) > kMaxPointsChecked) return 0;
    const flashpoint::Sweep sweep(std::move(spec));
    (void)sweep.runs();
  } catch (const flashpoint::InputError&) {
  }
  return 0;
}
