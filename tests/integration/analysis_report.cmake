# The HTML report (scripts/report, docs/analysis.md) of a run, a sweep and a comparison made by
# the CLI, opened in headless Chromium. Included from tests/CMakeLists.txt, which defines
# FLASHPOINT_BIN and FLASHPOINT_PYTHON. The checks are in tests/integration/check_report.py:
#
#   analysis_report.fixtures     the five results files (about 10 s on 2 cores)
#   analysis_report.run          report of `flashpoint run scenarios/pak-afg-2025.yaml -r 6`
#   analysis_report.sweep        report of the Morris sweep tests/data/experiments/sweep_morris.yaml
#   analysis_report.comparison   report of tests/data/experiments/compare_small.yaml (outcomes
#                                only, no Pareto front)
#   analysis_report.comparison_pareto  report of tests/data/experiments/compare_pareto.yaml
#                                (daily series kept, levers, a Pareto front)
#   analysis_report.calibration  report of tests/data/experiments/calibration_small.yaml
#       each: exit 0, quiet; 50 kB < size < 20 MB; every section heading of the kind, in order
#       (the answer first, the provenance last); every expected picture embedded as a data:
#       PNG; no resource outside the page; every number of the sentences read back and
#       compared with the file (run, sweep, comparisons), each claim about which options or
#       parameters qualify recomputed, with negative controls (comparisons); sweep-param's
#       default parameter is the most influential; in Chromium, every <img> loaded
#       (naturalWidth > 0, recorded by the page's own load script) and no console message
#   analysis_report.controls     broken copies of a report (corrupted image, thrown exception,
#                                console error, script removed, external stylesheet or image,
#                                missing section or picture, tiny file, provenance first, a
#                                sentence's number changed) are each refused
#   analysis_report.bad_inputs   missing file, not HDF5, HDF5 of another program, output folder
#                                missing, no -o: exit 2 with a message
#   analysis_report.bad_attributes  copies of the three files with an attribute of the wrong
#                                type (each attribute the report reads): exit 2 and one line
#                                naming it, no traceback (scripts/fp-plot too); a control copy
#                                still gives a page
#
# Chromium is required (scripts/install_deps.sh installs Debian's chromium): without it the
# tests FAIL with a message saying so; they do not skip.
set(_ar_dir ${CMAKE_CURRENT_BINARY_DIR}/analysis_report)
file(MAKE_DIRECTORY ${_ar_dir})

# The fixture driver (written here: add_test would split a `sh -c` script at its semicolons).
# $1 flashpoint, $2 source dir. --force: the previous ctest run's files are in the way.
file(WRITE ${_ar_dir}/make_fixtures.sh [=[
#!/bin/sh
set -e
rm -f run.h5 sweep.h5 compare.h5 compare_pareto.h5 calibration.h5
"$1" run "$2/scenarios/pak-afg-2025.yaml" -r 6 -o run.h5 --force --quiet
"$1" sweep "$2/tests/data/experiments/sweep_morris.yaml" -o sweep.h5 --force --quiet
"$1" compare "$2/tests/data/experiments/compare_small.yaml" -o compare.h5 --force --quiet
"$1" compare "$2/tests/data/experiments/compare_pareto.yaml" -o compare_pareto.h5 --force --quiet
"$1" calibrate "$2/tests/data/experiments/calibration_small.yaml" -o calibration.h5 --force --quiet
ls -l run.h5 sweep.h5 compare.h5 compare_pareto.h5 calibration.h5
]=])
add_test(NAME analysis_report.fixtures
  COMMAND sh ${_ar_dir}/make_fixtures.sh ${FLASHPOINT_BIN} ${CMAKE_SOURCE_DIR}
  WORKING_DIRECTORY ${_ar_dir})
set_tests_properties(analysis_report.fixtures PROPERTIES
  LABELS "integration;python" TIMEOUT 300 FIXTURES_SETUP analysis_report_files)

set(_ar_check ${CMAKE_CURRENT_SOURCE_DIR}/integration/check_report.py)
add_test(NAME analysis_report.run
  COMMAND ${FLASHPOINT_PYTHON} ${_ar_check} page run ${_ar_dir}/run.h5
          --repo ${CMAKE_SOURCE_DIR} --work ${_ar_dir}/run)
add_test(NAME analysis_report.sweep
  COMMAND ${FLASHPOINT_PYTHON} ${_ar_check} page sweep ${_ar_dir}/sweep.h5
          --repo ${CMAKE_SOURCE_DIR} --work ${_ar_dir}/sweep)
add_test(NAME analysis_report.comparison
  COMMAND ${FLASHPOINT_PYTHON} ${_ar_check} page comparison ${_ar_dir}/compare.h5
          --repo ${CMAKE_SOURCE_DIR} --work ${_ar_dir}/comparison)
add_test(NAME analysis_report.comparison_pareto
  COMMAND ${FLASHPOINT_PYTHON} ${_ar_check} page comparison-pareto ${_ar_dir}/compare_pareto.h5
          --repo ${CMAKE_SOURCE_DIR} --work ${_ar_dir}/comparison_pareto)
add_test(NAME analysis_report.calibration
  COMMAND ${FLASHPOINT_PYTHON} ${_ar_check} page calibration ${_ar_dir}/calibration.h5
          --repo ${CMAKE_SOURCE_DIR} --work ${_ar_dir}/calibration)
add_test(NAME analysis_report.controls
  COMMAND ${FLASHPOINT_PYTHON} ${_ar_check} controls ${_ar_dir}/run.h5
          --repo ${CMAKE_SOURCE_DIR} --work ${_ar_dir}/controls)
add_test(NAME analysis_report.bad_inputs
  COMMAND ${FLASHPOINT_PYTHON} ${_ar_check} bad_inputs ${_ar_dir}/run.h5
          --repo ${CMAKE_SOURCE_DIR} --work ${_ar_dir}/bad_inputs)
add_test(NAME analysis_report.bad_attributes
  COMMAND ${FLASHPOINT_PYTHON} ${_ar_check} bad_attributes ${_ar_dir}/run.h5 ${_ar_dir}/sweep.h5
          ${_ar_dir}/compare.h5 --repo ${CMAKE_SOURCE_DIR} --work ${_ar_dir}/bad_attributes)
set_tests_properties(analysis_report.run analysis_report.sweep analysis_report.comparison
                     analysis_report.comparison_pareto analysis_report.calibration
                     analysis_report.controls analysis_report.bad_inputs
                     analysis_report.bad_attributes PROPERTIES
  LABELS "integration;python" TIMEOUT 300 FIXTURES_REQUIRED analysis_report_files
  ENVIRONMENT "FLASHPOINT_PYTHON=${FLASHPOINT_PYTHON};MPLBACKEND=Agg")
