# The out-of-sample reports of docs/validation.md (scripts/out_of_sample_2019.py and
# scripts/out_of_sample_2024.py) on 20 runs of their scenarios: each exits 0, its first row agrees
# with /events, and bad files are refused (tests/integration/check_out_of_sample.py). Included from
# tests/CMakeLists.txt, which defines FLASHPOINT_BIN and FLASHPOINT_PYTHON.
add_test(NAME out_of_sample.reports
  COMMAND ${FLASHPOINT_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/integration/check_out_of_sample.py
          ${FLASHPOINT_BIN} ${CMAKE_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/out_of_sample)
set_tests_properties(out_of_sample.reports PROPERTIES LABELS "integration;python" TIMEOUT 120)
