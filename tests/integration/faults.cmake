# Output faults: a write that fails half-way must not leave a file that looks complete.
add_test(NAME integration.faults.file_size_limit
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/integration/check_output_faults.sh
          ${FLASHPOINT_BIN} ${CMAKE_SOURCE_DIR}/scenarios/pak-afg-2025.yaml
          ${CMAKE_CURRENT_BINARY_DIR}/faults)
set_tests_properties(integration.faults.file_size_limit PROPERTIES LABELS integration TIMEOUT 120)
