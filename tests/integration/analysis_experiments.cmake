# Tests of the sweep and comparison pictures of scripts/fp-plot (sweep-param, sweep-heatmap,
# sensitivity, scatter, forest, distributions, robustness) and of
# scripts/flashpoint_analysis/outcomes.py, on small files made by the real CLI. Included by
# tests/CMakeLists.txt, which defines FLASHPOINT_BIN and FLASHPOINT_PYTHON.
#
#   analysis_experiments.fixtures    makes the five files (about 10 s on 2 cores)
#   analysis_experiments.pictures    every picture on the right kinds of file: PNG signature,
#                                    more than 15 kB, pixel size from the PNG header, no warning
#   analysis_experiments.outcomes    outcomes.py against the file's own statistics
#                                    (/design/outcomes/mean, /comparison)
#   analysis_experiments.bad_inputs  exit 2 with a useful message: a picture on the wrong kind of
#                                    file, unknown outcome or parameter (with the near name),
#                                    sensitivity on a Latin hypercube sweep
# Each Python check first runs negative controls showing that it can fail.
set(_ae_dir ${CMAKE_CURRENT_BINARY_DIR}/analysis_experiments)
file(MAKE_DIRECTORY ${_ae_dir})
set(_ae_scenario ${CMAKE_SOURCE_DIR}/scenarios/pak-afg-2025.yaml)

# Small sweeps of the seed scenario cut to 61 days, outcomes only.
file(WRITE ${_ae_dir}/lhs.yaml "\
# Latin hypercube, 8 points x 3 replicates: sweep-param with replicates, binned heat map.
kind: sweep
name: analysis-lhs
scenario: ${_ae_scenario}
set: {days: 61}
parameters:
  - {path: actors.PAK.rationality, low: 4, high: 20}
  - {path: talks.agree_base, distribution: triangular, low: 0.1, mode: 0.3, high: 0.6}
design: {kind: latin_hypercube, samples: 8}
replicates: 3
seed: 99
keep: outcomes
")
file(WRITE ${_ae_dir}/sobol.yaml "\
# Sobol, 8 base samples x (3 + 2) = 40 points, one run each: sensitivity with intervals.
kind: sweep
name: analysis-sobol
scenario: ${_ae_scenario}
set: {days: 61}
parameters:
  - {path: actors.PAK.rationality, low: 4, high: 20}
  - {path: operations.lethality, distribution: triangular, low: 0.15, mode: 0.25, high: 0.45}
  - {path: strategic.hostility_event_scale, distribution: log_uniform, low: 0.01, high: 0.1}
design: {kind: sobol, samples: 8}
replicates: 1
seed: 20251011
keep: outcomes
sensitivity: {bootstrap: 100, confidence: 0.95}
")
file(WRITE ${_ae_dir}/grid.yaml "\
# Grid, 3 x 3 levels x 2 replicates: the heat map's exact cells.
kind: sweep
name: analysis-grid
scenario: ${_ae_scenario}
set: {days: 61}
parameters:
  - {path: actors.PAK.rationality, low: 4, high: 20}
  - {path: operations.lethality, low: 0.15, high: 0.45}
design: {kind: grid, levels: 3}
replicates: 2
seed: 7
keep: outcomes
")

# The fixture driver (written here: add_test would split a `sh -c` script at its semicolons).
# $1 flashpoint, $2 source dir.
file(WRITE ${_ae_dir}/make_fixtures.sh [=[
#!/bin/sh
set -e
rm -f morris.h5 sobol.h5 lhs.h5 grid.h5 compare.h5 calibration.h5
"$1" sweep "$2/tests/data/experiments/sweep_morris.yaml" -o morris.h5 --force --quiet
"$1" sweep sobol.yaml -o sobol.h5 --force --quiet
"$1" sweep lhs.yaml -o lhs.h5 --force --quiet
"$1" sweep grid.yaml -o grid.h5 --force --quiet
"$1" compare "$2/tests/data/experiments/compare_small.yaml" -o compare.h5 --force --quiet
"$1" calibrate "$2/tests/data/experiments/calibration_small.yaml" -o calibration.h5 --force --quiet
ls -l morris.h5 sobol.h5 lhs.h5 grid.h5 compare.h5 calibration.h5
]=])
add_test(NAME analysis_experiments.fixtures
  COMMAND sh ${_ae_dir}/make_fixtures.sh ${FLASHPOINT_BIN} ${CMAKE_SOURCE_DIR}
  WORKING_DIRECTORY ${_ae_dir})
set_tests_properties(analysis_experiments.fixtures PROPERTIES
  LABELS "integration;python" TIMEOUT 120 FIXTURES_SETUP analysis_experiments_files)

foreach(_ae_mode pictures outcomes bad_inputs)
  add_test(NAME analysis_experiments.${_ae_mode}
    COMMAND ${FLASHPOINT_PYTHON}
            ${CMAKE_CURRENT_SOURCE_DIR}/integration/check_analysis_experiments.py
            ${_ae_mode} ${_ae_dir}
    WORKING_DIRECTORY ${_ae_dir})
  set_tests_properties(analysis_experiments.${_ae_mode} PROPERTIES
    LABELS "integration;python" TIMEOUT 300 FIXTURES_REQUIRED analysis_experiments_files
    ENVIRONMENT "FLASHPOINT_PYTHON=${FLASHPOINT_PYTHON};MPLBACKEND=Agg")
endforeach()
