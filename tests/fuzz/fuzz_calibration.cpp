// libFuzzer target: a calibration file, written to the harness's folder (where a scenario named
// NAME.yaml under `scenarios:` finds the seed scenarios), read by load_calibration and then
// checked as `flashpoint validate` does, by constructing the Calibration (which loads every
// scenario, sets each prior at its two ends on it and resolves every target). InputError is the
// expected answer to junk; anything else is a finding.
#include <cstddef>
#include <cstdint>
#include <utility>

#include "core/error.hpp"
#include "experiment/calibrate.hpp"
#include "fuzz_support.hpp"

namespace {

// Each prior is instantiated twice on each scenario it is set on: past this many pairs the file
// stops after loading, so that one input cannot look like a hang without being one.
constexpr std::size_t kMaxProbes = 64;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto file = flashpoint::fuzz::work_dir() / "fuzz_calibration.yaml";
  flashpoint::fuzz::write_file(file, data, size);
  (void)flashpoint::experiment_kind_of_file(file.string());
  try {
    flashpoint::CalibrationSpec spec = flashpoint::load_calibration(file.string());
    if (spec.priors.parameters.size() * spec.scenarios.size() > kMaxProbes) return 0;
    const flashpoint::Calibration calibration(std::move(spec));
    (void)calibration.runs_per_generation();
  } catch (const flashpoint::InputError&) {
  }
  return 0;
}
