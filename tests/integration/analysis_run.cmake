# The run pictures and exports (docs/analysis.md): scripts/fp-plot fan, timeline and map, and
# scripts/fp-export events and goldstein, on results files made by the CLI. Included from
# tests/CMakeLists.txt, which defines FLASHPOINT_BIN and FLASHPOINT_PYTHON. The checks are in
# tests/integration/check_analysis_run.py; it makes no results file, the fixtures below do.
set(_analysis_run_dir ${CMAKE_CURRENT_BINARY_DIR}/analysis_run)
file(MAKE_DIRECTORY ${_analysis_run_dir})
set(_analysis_run_file ${_analysis_run_dir}/pak-afg-2025.h5)
set(_analysis_sweep_file ${_analysis_run_dir}/sweep_morris.h5)

# The full seed scenario, 8 replicates (its scripted events fall too late for a shorter run),
# and a Morris sweep that keeps neither series nor events. --force: the previous ctest run's
# files are in the way.
add_test(NAME analysis_run.fixture_run
  COMMAND ${FLASHPOINT_BIN} run ${CMAKE_SOURCE_DIR}/scenarios/pak-afg-2025.yaml
          --replicates 8 --quiet --force -o ${_analysis_run_file})
add_test(NAME analysis_run.fixture_sweep
  COMMAND ${FLASHPOINT_BIN} sweep ${CMAKE_SOURCE_DIR}/tests/data/experiments/sweep_morris.yaml
          --quiet --force -o ${_analysis_sweep_file})
set_tests_properties(analysis_run.fixture_run analysis_run.fixture_sweep PROPERTIES
  FIXTURES_SETUP analysis_run LABELS "integration;python" TIMEOUT 300)

foreach(check fan timeline map map_control export_events export_events_run export_goldstein
        bad_inputs)
  add_test(NAME analysis_run.${check}
    COMMAND ${FLASHPOINT_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/integration/check_analysis_run.py
            ${check} --repo ${CMAKE_SOURCE_DIR} --run ${_analysis_run_file}
            --sweep ${_analysis_sweep_file} --work ${_analysis_run_dir}/${check})
  set_tests_properties(analysis_run.${check} PROPERTIES
    FIXTURES_REQUIRED analysis_run LABELS "integration;python" TIMEOUT 300
    ENVIRONMENT "FLASHPOINT_PYTHON=${FLASHPOINT_PYTHON};MPLBACKEND=Agg")
endforeach()
