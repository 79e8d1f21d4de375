# Inputs on which a fuzz target (tests/fuzz, scripts/fuzz.sh) once crashed, hung or tripped a
# sanitizer: each must now be accepted (exit 0) or rejected with located problems (exit 2) by the
# real command line. Named TARGET-WHAT.EXT: set-*.txt are `--set` strings given to `flashpoint
# run` on data/minimal.yaml, the rest files given to `flashpoint validate`.
# Included from tests/CMakeLists.txt, which defines FLASHPOINT_BIN.

file(GLOB FLASHPOINT_FUZZ_REGRESSIONS CONFIGURE_DEPENDS
     ${CMAKE_CURRENT_SOURCE_DIR}/data/fuzz_regressions/*.yaml
     ${CMAKE_CURRENT_SOURCE_DIR}/data/fuzz_regressions/*.txt)
foreach(input ${FLASHPOINT_FUZZ_REGRESSIONS})
  get_filename_component(name ${input} NAME_WE)
  add_test(NAME fuzz_regression_${name}
    COMMAND bash ${CMAKE_SOURCE_DIR}/tests/fuzz/check_regression.sh ${FLASHPOINT_BIN} ${input}
            ${CMAKE_CURRENT_SOURCE_DIR}/data/minimal.yaml)
  set_tests_properties(fuzz_regression_${name} PROPERTIES LABELS integration TIMEOUT 60)
endforeach()
