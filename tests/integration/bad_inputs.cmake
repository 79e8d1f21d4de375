# Bad inputs (docs/scenarios.md, "When a file is wrong"): `flashpoint validate` exits with code 2
# and names the file, line, column, key and problem. One test per file of tests/data/bad, whose
# first line says what to expect; the unit test BadInput checks the same files through the library.
# Included from tests/CMakeLists.txt, which defines FLASHPOINT_BIN.

set(FLASHPOINT_CHECK_BAD_INPUT ${CMAKE_CURRENT_SOURCE_DIR}/integration/check_bad_input.sh)

file(GLOB FLASHPOINT_BAD_INPUTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/data/bad/*.yaml)
foreach(bad ${FLASHPOINT_BAD_INPUTS})
  get_filename_component(name ${bad} NAME_WE)
  add_test(NAME bad_input_${name}
    COMMAND bash ${FLASHPOINT_CHECK_BAD_INPUT} ${FLASHPOINT_BIN} ${bad})
  set_tests_properties(bad_input_${name} PROPERTIES LABELS integration)
endforeach()

set(FLASHPOINT_MISSING_SCENARIO ${CMAKE_CURRENT_BINARY_DIR}/no_such_scenario.yaml)
add_test(NAME bad_input_missing_file
  COMMAND bash ${FLASHPOINT_CHECK_BAD_INPUT} ${FLASHPOINT_BIN} ${FLASHPOINT_MISSING_SCENARIO}
          --expect "${FLASHPOINT_MISSING_SCENARIO}: cannot read file: No such file or directory")

add_test(NAME bad_input_set_type_error
  COMMAND bash ${FLASHPOINT_CHECK_BAD_INPUT} ${FLASHPOINT_BIN}
          ${CMAKE_CURRENT_SOURCE_DIR}/data/minimal.yaml
          --expect "--set actors.NTH.rationality=abc: actors.NTH.rationality: expected a number, got 'abc'"
          -- --set actors.NTH.rationality=abc)

add_test(NAME bad_input_set_misspelt_key
  COMMAND bash ${FLASHPOINT_CHECK_BAD_INPUT} ${FLASHPOINT_BIN}
          ${CMAKE_CURRENT_SOURCE_DIR}/data/minimal.yaml
          --expect "--set actors.NTH.capabilty=0.5: actors.NTH.capabilty: unknown key 'capabilty'; did you mean 'capability'?"
          -- --set actors.NTH.capabilty=0.5)

add_test(NAME bad_input_set_without_equals
  COMMAND bash ${FLASHPOINT_CHECK_BAD_INPUT} ${FLASHPOINT_BIN}
          ${CMAKE_CURRENT_SOURCE_DIR}/data/minimal.yaml
          --expect "--set days: expected PATH=VALUE"
          -- --set days)

set_tests_properties(bad_input_missing_file bad_input_set_type_error bad_input_set_misspelt_key
  bad_input_set_without_equals PROPERTIES LABELS integration)

# The valid counterpart: minimal.yaml passes and the summary counts what it holds.
add_test(NAME validate_minimal COMMAND ${FLASHPOINT_BIN} validate ${CMAKE_CURRENT_SOURCE_DIR}/data/minimal.yaml)
set_tests_properties(validate_minimal PROPERTIES LABELS integration
  PASS_REGULAR_EXPRESSION "2 states, 1 armed group, 1 mediator")

# Bad sweep and comparison files (tests/data/bad_experiments): `flashpoint validate` exits with
# code 2 and names the file, line, column, key and problem given on each file's first line.
file(GLOB FLASHPOINT_BAD_EXPERIMENTS CONFIGURE_DEPENDS
     ${CMAKE_CURRENT_SOURCE_DIR}/data/bad_experiments/*.yaml)
foreach(bad ${FLASHPOINT_BAD_EXPERIMENTS})
  get_filename_component(name ${bad} NAME_WE)
  add_test(NAME bad_experiment_${name}
    COMMAND bash ${FLASHPOINT_CHECK_BAD_INPUT} ${FLASHPOINT_BIN} ${bad})
  set_tests_properties(bad_experiment_${name} PROPERTIES LABELS integration)
endforeach()
