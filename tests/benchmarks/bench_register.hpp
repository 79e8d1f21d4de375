#pragma once
// Each benchmark file registers its benchmarks with the sizes main() chose (bench_support.hpp).
#include "bench_support.hpp"

namespace flashpoint::bench {

void register_memory_benchmarks(const Settings& s);    // bench_memory.cpp: BM_Triad
void register_model_benchmarks(const Settings& s);     // bench_model.cpp: citizens, cells, posts,
                                                       //   a day, a run, the scaling grid
void register_baseline_benchmarks(const Settings& s);  // bench_citizen_baseline.cpp:
                                                       //   BM_CitizenBaseline
void register_output_benchmarks(const Settings& s);    // bench_output.cpp: BM_HdfWrite
void register_calibration_benchmarks(const Settings& s);  // bench_calibration.cpp: BM_Abc...

}  // namespace flashpoint::bench
