# Bad inputs (docs/scenarios.md, "When a file is wrong"): the CLI exits with code 2 and names the
# file, line, column, key and problem. One test per file of the catalogue tests/data/bad, whose
# first line says what to expect; its folder says which command reads it: scenario/ with
# `flashpoint validate`, sweep/ with `flashpoint sweep`, comparison/ with `flashpoint compare`,
# calibration/ with `flashpoint calibrate`.
# The unit test BadInput checks the same files through the library.
# Included from tests/CMakeLists.txt, which defines FLASHPOINT_BIN.

set(FLASHPOINT_CHECK_BAD_INPUT ${CMAKE_CURRENT_SOURCE_DIR}/integration/check_bad_input.sh)

foreach(kind_command scenario:validate sweep:sweep comparison:compare calibration:calibrate)
  string(REPLACE ":" ";" kind_command ${kind_command})
  list(GET kind_command 0 kind)
  list(GET kind_command 1 command)
  file(GLOB bad_files CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/data/bad/${kind}/*.yaml)
  foreach(bad ${bad_files})
    get_filename_component(name ${bad} NAME_WE)
    add_test(NAME bad_input_${kind}_${name}
      COMMAND bash ${FLASHPOINT_CHECK_BAD_INPUT} ${FLASHPOINT_BIN} ${bad} --command ${command})
    set_tests_properties(bad_input_${kind}_${name} PROPERTIES LABELS integration)
  endforeach()
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
