# The validation targets of docs/model.md, checked by scripts/validate_model.py on 500
# replicates of each seed scenario (docs/validation.md). A few minutes: label `validation`, which
# scripts/test.sh runs in CI and locally only with FLASHPOINT_VALIDATION=1; or `ctest -L validation`.
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
