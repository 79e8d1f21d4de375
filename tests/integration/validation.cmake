# The validation targets of docs/model.md, checked by scripts/validate_model.py on 500
# replicates of each seed scenario (docs/validation.md). Long: label `validation`, which the
# default test run (scripts/test.sh) excludes; run it with `ctest -L validation`.
# Included by tests/CMakeLists.txt, which defines FLASHPOINT_PYTHON.
add_test(NAME validation.targets
  COMMAND ${FLASHPOINT_PYTHON} ${CMAKE_SOURCE_DIR}/scripts/validate_model.py
          --replicates 500
          --flashpoint $<TARGET_FILE:flashpoint>
          --workdir ${CMAKE_CURRENT_BINARY_DIR}/validation
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
set_tests_properties(validation.targets PROPERTIES
  LABELS validation
  TIMEOUT 1200
  ENVIRONMENT "FLASHPOINT_PYTHON=${FLASHPOINT_PYTHON}")
