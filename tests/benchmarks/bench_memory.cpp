// STREAM-style triad a = b + s * c (McCalpin's STREAM, kernel 4): the memory-bandwidth reference
// the citizen update is measured against. Bytes are counted as STREAM counts them, 24 per element
// (read b, read c, write a), without the write-allocate read of a that ordinary stores cause;
// the counter write_allocate_bytes_per_second gives the figure with it (32 per element).
#include <cstddef>
#include <vector>

#include <benchmark/benchmark.h>

#include "bench_register.hpp"
#include "bench_support.hpp"

namespace flashpoint::bench {

namespace {

[[gnu::noinline]] void triad(double* __restrict a, const double* __restrict b,
                             const double* __restrict c, double s, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) a[i] = b[i] + s * c[i];
}

void BM_Triad(benchmark::State& state) {
  // With several threads each owns a slice, allocated and first touched by itself.
  const auto n = static_cast<std::size_t>(state.range(0) / state.threads());
  std::vector<double> a(n, 0.0), b(n, 1.0), c(n, 2.0);
  const double s = 3.0;
  for (auto _ : state) {
    triad(a.data(), b.data(), c.data(), s, n);
    benchmark::ClobberMemory();
  }
  benchmark::DoNotOptimize(a.data());
  const auto elements = static_cast<double>(n);
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(24 * n));
  state.counters["elements_per_array"] = elements;
  state.counters["array_bytes_total"] = 3 * 8 * elements;
  // A plain rate of this thread's bytes: the threads' values are summed, then divided by the time.
  state.counters["write_allocate_bytes_per_second"] = benchmark::Counter(
      32 * elements * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

}  // namespace

void register_memory_benchmarks(const Settings& s) {
  const double min_time = s.quick ? 0.01 : 1.0;
  benchmark::RegisterBenchmark("BM_Triad", BM_Triad)
      ->Arg(s.triad_elements)
      ->Unit(benchmark::kMillisecond)
      ->MinTime(min_time)
      ->UseRealTime();
  benchmark::RegisterBenchmark("BM_Triad", BM_Triad)
      ->Arg(s.triad_elements)
      ->Unit(benchmark::kMillisecond)
      ->MinTime(min_time)
      ->UseRealTime()
      ->Threads(2);
}

}  // namespace flashpoint::bench
