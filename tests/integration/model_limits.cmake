# Runs that valid input pushes past what the model or the machine can hold (docs/reliability.md):
# a diverging hostility spiral stops `run` and `sweep` with a located message (exit 1); a flood of
# events stays under the event cap's memory; runs too big for the machine are refused (exit 2)
# or run out of memory with a message (exit 1). Each check of tests/integration/check_model_limits.sh is its own test, in its
# own folder of the build tree. Included from tests/CMakeLists.txt, which defines FLASHPOINT_BIN
# and FLASHPOINT_PYTHON.
set(_model_limits_work ${CMAKE_CURRENT_BINARY_DIR}/integration_model_limits)
foreach(check diverging_run diverging_sweep event_cap plausibility defaults_only memory_refused)
  add_test(NAME integration.model_limits.${check}
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/integration/check_model_limits.sh ${check}
            ${FLASHPOINT_BIN} ${FLASHPOINT_PYTHON} ${CMAKE_SOURCE_DIR} ${_model_limits_work})
  set_tests_properties(integration.model_limits.${check} PROPERTIES LABELS integration TIMEOUT 300
                       SKIP_RETURN_CODE 77)
endforeach()
