# Sweeps, comparisons, merges and calibrations through the real CLI (docs/experiments.md): determinism across
# threads, shards and MPI ranks; nothing lost after SIGKILL, SIGINT or SIGTERM; a changed design
# refused on resume; the comparison table. Included from tests/CMakeLists.txt, which defines
# FLASHPOINT_BIN and FLASHPOINT_PYTHON.
# Every test below writes into this folder; it must exist before the first one starts.
file(MAKE_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/experiments ${CMAKE_CURRENT_BINARY_DIR}/calibration
     ${CMAKE_CURRENT_BINARY_DIR}/progress ${CMAKE_CURRENT_BINARY_DIR}/slurm)
# PREFIX:SCRIPT:CHECK -> the test PREFIX.CHECK running integration/check_SCRIPT.sh CHECK in the
# folder SCRIPT/CHECK of the build tree (checks of the two scripts share names: threads, mpi,
# ...; each needs a folder of its own, as they run at once). The calibration checks
# (docs/calibration.md): the file calibrate writes, determinism across threads and MPI ranks,
# SIGKILL and --resume, experiments drawn from a posterior. The progress checks (docs/cli.md):
# --progress on every command, bad values, and the JSON of sweep and params.
set(_checks experiment:experiments:threads experiment:experiments:kill_resume
            experiment:experiments:signals experiment:experiments:changed_design
            experiment:experiments:shards experiment:experiments:compare
            calibration:calibration:run calibration:calibration:threads
            calibration:calibration:kill_resume calibration:calibration:posterior
            calibration:calibration:shards progress:progress:lines
            progress:progress:bad_values progress:progress:json progress:progress:params)
if(FLASHPOINT_MPI)
  list(APPEND _checks experiment:experiments:mpi calibration:calibration:mpi)
endif()
foreach(entry ${_checks})
  string(REPLACE ":" ";" entry ${entry})
  list(GET entry 0 prefix)
  list(GET entry 1 script)
  list(GET entry 2 check)
  add_test(NAME ${prefix}.${check}
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/integration/check_${script}.sh ${check}
            ${FLASHPOINT_BIN} ${FLASHPOINT_PYTHON} ${CMAKE_SOURCE_DIR}
            ${CMAKE_CURRENT_BINARY_DIR}/${script})
  set_tests_properties(${prefix}.${check} PROPERTIES LABELS integration TIMEOUT 300)
endforeach()
# Label "repeats": whole processes run again and again (SIGKILL loops, a progress stream) for
# behaviour that does not depend on memory safety; the ASan stage of scripts/hardening.sh leaves
# them out (their code paths run under ASan in experiment.kill_resume, calibration.shards,
# progress.json and the unit tests). docs/reliability.md, "Sanitizers".
set_property(TEST calibration.kill_resume progress.lines APPEND PROPERTY LABELS repeats)

# The job scripts of scripts/slurm on a one-node Slurm cluster started for the test (label
# "slurm": scripts/test.sh runs it in CI or with FLASHPOINT_SLURM=1; skipped, exit 77, where
# Slurm and munge are not installed). Alone, so that its jobs get the machine's CPUs.
if(FLASHPOINT_MPI)
  add_test(NAME slurm.jobs
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/integration/check_slurm.sh jobs ${FLASHPOINT_BIN}
            ${FLASHPOINT_PYTHON} ${CMAKE_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/slurm)
  set_tests_properties(slurm.jobs PROPERTIES LABELS "integration;slurm" TIMEOUT 900
                       RUN_SERIAL TRUE SKIP_RETURN_CODE 77)
endif()

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
# Design files written by R's write.csv and Python's csv module load as the same design (RFC 4180
# through libcsv); a stray quote is refused at its place.
add_test(NAME design.csv_writers
  COMMAND ${FLASHPOINT_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/integration/check_csv_designs.py
          ${FLASHPOINT_BIN} ${CMAKE_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/csv_designs)
set_tests_properties(design.csv_writers PROPERTIES LABELS "integration;python" TIMEOUT 300)
