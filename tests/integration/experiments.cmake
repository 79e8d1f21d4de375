# Sweeps, comparisons and merges through the real CLI (docs/experiments.md): determinism across
# threads, shards and MPI ranks; nothing lost after SIGKILL, SIGINT or SIGTERM; a changed design
# refused on resume; the comparison table. Included from tests/CMakeLists.txt, which defines
# FLASHPOINT_BIN and FLASHPOINT_PYTHON.
# Every test below writes into this folder; it must exist before the first one starts.
file(MAKE_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/experiments)
set(_checks threads kill_resume signals changed_design shards compare)
if(FLASHPOINT_MPI)
  list(APPEND _checks mpi)
endif()
foreach(check ${_checks})
  add_test(NAME experiment.${check}
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/integration/check_experiments.sh ${check}
            ${FLASHPOINT_BIN} ${FLASHPOINT_PYTHON} ${CMAKE_SOURCE_DIR}
            ${CMAKE_CURRENT_BINARY_DIR}/experiments)
  set_tests_properties(experiment.${check} PROPERTIES LABELS integration TIMEOUT 300)
endforeach()

# The shipped sweep and comparison files are covered by scenarios.cmake (validate, --dry-run).
# inspect prints the sensitivity measures of a Morris sweep.
add_test(NAME experiment.inspect_sensitivity
  COMMAND sh -c "\"$1\" sweep \"$2\" -o \"$3\" --force --quiet && \"$1\" inspect \"$3\"" sh
          ${FLASHPOINT_BIN} ${CMAKE_SOURCE_DIR}/tests/data/experiments/sweep_morris.yaml
          ${CMAKE_CURRENT_BINARY_DIR}/experiments/morris.h5)
set_tests_properties(experiment.inspect_sensitivity PROPERTIES LABELS integration TIMEOUT 120
  PASS_REGULAR_EXPRESSION "sensitivity \\(morris\\)[^\n]*\n.*operations.lethality")

# The Python snippets of docs/experiments.md run on a sweep file (Morris, outcomes only) and a
# comparison file (with an ensemble) made by the CLI.
add_test(NAME experiment.doc_fixtures
  COMMAND sh -c "\"$1\" sweep \"$2\" -o \"$3\" --force --quiet && \"$1\" compare \"$4\" -o \"$5\" --force --quiet" sh
          ${FLASHPOINT_BIN} ${CMAKE_SOURCE_DIR}/tests/data/experiments/sweep_morris.yaml
          ${CMAKE_CURRENT_BINARY_DIR}/experiments/doc_sweep.h5
          ${CMAKE_SOURCE_DIR}/tests/data/experiments/compare_small.yaml
          ${CMAKE_CURRENT_BINARY_DIR}/experiments/doc_compare.h5)
set_tests_properties(experiment.doc_fixtures PROPERTIES LABELS integration TIMEOUT 120
  FIXTURES_SETUP experiment_docs)
add_test(NAME experiment.doc_snippets
  COMMAND ${FLASHPOINT_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/integration/run_doc_snippets.py
          ${CMAKE_SOURCE_DIR}/docs/experiments.md
          ${CMAKE_CURRENT_BINARY_DIR}/experiments/doc_sweep.h5
          sweep_path=${CMAKE_CURRENT_BINARY_DIR}/experiments/doc_sweep.h5
          compare_path=${CMAKE_CURRENT_BINARY_DIR}/experiments/doc_compare.h5)
set_tests_properties(experiment.doc_snippets PROPERTIES LABELS integration TIMEOUT 120
  FIXTURES_REQUIRED experiment_docs)

# `flashpoint calibrate` (docs/calibration.md): the file it writes, determinism across threads
# and MPI ranks, SIGKILL and --resume (tests/integration/check_calibration.sh).
set(_calibration_checks run threads kill_resume posterior)
if(FLASHPOINT_MPI)
  list(APPEND _calibration_checks mpi)
endif()
foreach(check ${_calibration_checks})
  add_test(NAME calibration.${check}
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/integration/check_calibration.sh ${check}
            ${FLASHPOINT_BIN} ${FLASHPOINT_PYTHON} ${CMAKE_SOURCE_DIR}
            ${CMAKE_CURRENT_BINARY_DIR}/experiments)
  set_tests_properties(calibration.${check} PROPERTIES LABELS integration TIMEOUT 300)
endforeach()

# The Python snippets of docs/calibration.md run on the posterior of the small calibration.
add_test(NAME calibration.doc_fixture
  COMMAND ${FLASHPOINT_BIN} calibrate ${CMAKE_SOURCE_DIR}/tests/data/experiments/calibration_small.yaml
          -o ${CMAKE_CURRENT_BINARY_DIR}/experiments/doc_posterior.h5 --force --quiet)
set_tests_properties(calibration.doc_fixture PROPERTIES LABELS integration TIMEOUT 120
  FIXTURES_SETUP calibration_docs)
add_test(NAME calibration.doc_snippets
  COMMAND ${FLASHPOINT_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/integration/run_doc_snippets.py
          ${CMAKE_SOURCE_DIR}/docs/calibration.md
          ${CMAKE_CURRENT_BINARY_DIR}/experiments/doc_posterior.h5
          posterior_path=${CMAKE_CURRENT_BINARY_DIR}/experiments/doc_posterior.h5)
set_tests_properties(calibration.doc_snippets PROPERTIES LABELS integration TIMEOUT 120
  FIXTURES_REQUIRED calibration_docs)
