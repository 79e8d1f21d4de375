#include "core/rng.hpp"

namespace flashpoint {

RandomStreams::RandomStreams(std::uint64_t run_seed_value) : seed_(run_seed_value) {
  for (std::size_t i = 0; i < kPurposeCount; ++i) {
    engines_[i].seed(stream_seed(run_seed_value, static_cast<Purpose>(i + 1)));
  }
}

}  // namespace flashpoint
