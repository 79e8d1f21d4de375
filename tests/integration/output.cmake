# Results files (docs/output.md): `flashpoint run` writes one, then h5py, pandas and xarray read
# it, the Python snippets of docs/output.md run on it, and `flashpoint inspect` describes it.
# Included from tests/CMakeLists.txt, which defines FLASHPOINT_BIN and FLASHPOINT_PYTHON.

# The output unit tests (tests/unit/output/) read files back with the HDF5 C API.
target_include_directories(flashpoint_unit_tests PRIVATE ${HDF5_INCLUDE_DIRS})
target_compile_definitions(flashpoint_unit_tests PRIVATE ${HDF5_DEFINITIONS})
target_link_libraries(flashpoint_unit_tests PRIVATE ${HDF5_HL_LIBRARIES} ${HDF5_C_LIBRARIES})

set(FLASHPOINT_RESULTS_FIXTURE ${CMAKE_CURRENT_BINARY_DIR}/fixture_results.h5)

# --force: the file of the previous ctest run is in the way.
add_test(NAME results_fixture
  COMMAND ${FLASHPOINT_BIN} run ${CMAKE_SOURCE_DIR}/tests/data/minimal.yaml
          --replicates 3 --seed 7 --quiet --force -o ${FLASHPOINT_RESULTS_FIXTURE})
set_tests_properties(results_fixture PROPERTIES FIXTURES_SETUP results LABELS integration)

add_test(NAME results_read_by_python
  COMMAND ${FLASHPOINT_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/integration/read_results.py
          ${FLASHPOINT_RESULTS_FIXTURE})
add_test(NAME results_doc_snippets
  COMMAND ${FLASHPOINT_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/integration/run_doc_snippets.py
          ${CMAKE_SOURCE_DIR}/docs/output.md ${FLASHPOINT_RESULTS_FIXTURE})
add_test(NAME results_inspect
  COMMAND ${FLASHPOINT_BIN} inspect ${FLASHPOINT_RESULTS_FIXTURE})
set_tests_properties(results_read_by_python results_doc_snippets results_inspect PROPERTIES
  FIXTURES_REQUIRED results LABELS integration)
set_tests_properties(results_inspect PROPERTIES
  PASS_REGULAR_EXPRESSION "format: flashpoint-results, version 8\n")

# A missing file and a text file are bad input: exit code exactly 2 (not 1, not a crash).
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/not_results.h5 "this is a text file, not HDF5\n")
add_test(NAME results_inspect_missing_file
  COMMAND sh -c "\"$1\" inspect \"$2\"; test $? -eq 2" sh
          ${FLASHPOINT_BIN} ${CMAKE_CURRENT_BINARY_DIR}/no_such_results.h5)
add_test(NAME results_inspect_text_file
  COMMAND sh -c "\"$1\" inspect \"$2\"; test $? -eq 2" sh
          ${FLASHPOINT_BIN} ${CMAKE_CURRENT_BINARY_DIR}/not_results.h5)
set_tests_properties(results_inspect_missing_file results_inspect_text_file PROPERTIES
  LABELS integration)

# Every action of the interstate repertoire through the CLI (issue 15): tests/data/repertoire.yaml
# scripts each one; check_repertoire.py reads the events' codes and `action` column and the
# outcomes they feed, and read_results.py the whole file.
# The record's scores are printed after the summary and drawn on the fan chart (fp-plot fan).
add_test(NAME results_repertoire
  COMMAND sh -c "\"$1\" run \"$2\" -r 3 --force -o \"$3\" > \"$3.txt\" && grep -q '^record: events' \"$3.txt\" && \"$4\" \"$5\" \"$3\" && \"$4\" \"$6\" \"$3\" && \"$4\" \"$7\" fan \"$3\" -o \"$3.png\" && test -s \"$3.png\"" sh
          ${FLASHPOINT_BIN} ${CMAKE_SOURCE_DIR}/tests/data/repertoire.yaml
          ${CMAKE_CURRENT_BINARY_DIR}/repertoire.h5 ${FLASHPOINT_PYTHON}
          ${CMAKE_CURRENT_SOURCE_DIR}/integration/check_repertoire.py
          ${CMAKE_CURRENT_SOURCE_DIR}/integration/read_results.py
          ${CMAKE_SOURCE_DIR}/scripts/fp-plot)
set_tests_properties(results_repertoire PROPERTIES LABELS integration TIMEOUT 120)

# Format 8 is CF-1.8 netCDF-4: ncdump, Python's netCDF4 and R's ncdf4 read every group of a run,
# a sweep, a comparison and a calibration file, text as text (issue 17).
add_test(NAME results_netcdf_readers
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/integration/check_netcdf_readers.sh ${FLASHPOINT_BIN}
          ${FLASHPOINT_PYTHON} ${CMAKE_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/netcdf_readers)
# Label readers: it checks what netCDF tools read, not the engine's memory, so the sanitizer
# stages leave it out (scripts/hardening.sh).
set_tests_properties(results_netcdf_readers PROPERTIES LABELS "integration;readers" TIMEOUT 300)

# The analysis scripts read the events and parameters of format 7 and format 8 alike.
add_test(NAME results_events_layouts
  COMMAND ${FLASHPOINT_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/integration/check_events_layouts.py
          ${CMAKE_CURRENT_BINARY_DIR}/events_layouts)
set_tests_properties(results_events_layouts PROPERTIES LABELS integration)

# scripts/plot_run.py (what scripts/demo.sh draws) reads a file of the current format without a
# warning.
add_test(NAME results_plot_run_current_format
  COMMAND ${FLASHPOINT_PYTHON} ${CMAKE_SOURCE_DIR}/scripts/plot_run.py ${FLASHPOINT_RESULTS_FIXTURE}
          -o ${CMAKE_CURRENT_BINARY_DIR}/fixture_results.png)
set_tests_properties(results_plot_run_current_format PROPERTIES
  FIXTURES_REQUIRED results LABELS integration FAIL_REGULAR_EXPRESSION "warning")
