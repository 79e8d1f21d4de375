// libFuzzer target: a comparison file, written to the harness's folder (where `scenario:
// NAME.yaml` finds the seed scenarios), read by load_comparison and then checked as `flashpoint
// validate` does, by constructing the Comparison (which instantiates every option). InputError is
// the expected answer to junk; anything else is a finding.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>

#include "core/error.hpp"
#include "experiment/compare.hpp"
#include "experiment/specs.hpp"
#include "fuzz_support.hpp"

namespace {

// Constructing a Comparison instantiates the scenario once per option and ensemble member (up to
// 100 members): valid but slow for large files, so those stop after loading rather than look
// like a hang.
constexpr double kMaxInstantiations = 200;
constexpr double kMaxEnsemblePoints = 10'000;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto file = flashpoint::fuzz::work_dir() / "fuzz_comparison.yaml";
  flashpoint::fuzz::write_file(file, data, size);
  (void)flashpoint::experiment_kind_of_file(file.string());
  try {
    flashpoint::CompareSpec spec = flashpoint::load_comparison(file.string());
    const double members = spec.ensemble ? flashpoint::design_points(*spec.ensemble) : 1.0;
    if (members > kMaxEnsemblePoints ||
        static_cast<double>(spec.options.size()) * std::min(members, 100.0) > kMaxInstantiations) {
      return 0;
    }
    const flashpoint::Comparison comparison(std::move(spec));
    (void)comparison.runs();
  } catch (const flashpoint::InputError&) {
  }
  return 0;
}
