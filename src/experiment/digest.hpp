#pragma once
// A 64-bit digest of everything a run produced (series, outcomes, events), in a fixed order:
// the golden determinism tests compare it across thread counts and builds. The order is the
// digest rank of each field in model/result_fields.hpp, the events just before events_dropped.
#include <cstdint>
#include <string>

#include "model/results.hpp"

namespace flashpoint {

class Digest {
 public:
  void add(const RunResult& r);
  [[nodiscard]] std::uint64_t value() const { return h_; }
  [[nodiscard]] std::string hex() const;

 private:
  void bytes(const void* data, std::size_t n);
  std::uint64_t h_ = 0xcbf29ce484222325ULL;  // FNV-1a 64 offset basis
};

}  // namespace flashpoint
