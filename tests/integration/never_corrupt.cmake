# Never corrupt, destroy or follow (docs/reliability.md, "Outputs and inputs"): each check of
# check_never_corrupt.sh in its own folder of never_corrupt/. A check that cannot be made here
# (special_outputs needs root for mknod) exits 77 and is reported as skipped. Included from
# tests/CMakeLists.txt, which defines FLASHPOINT_BIN and FLASHPOINT_PYTHON.
set(_never_work ${CMAKE_CURRENT_BINARY_DIR}/never_corrupt)
file(MAKE_DIRECTORY ${_never_work})
foreach(check writers_run writers_sweep writers_merge writers_compare planted_links
              special_outputs output_is_input bounded_inputs user_parts_folder values signals
              long_names json_quiet no_output out_of_memory generate_full_disk)
  add_test(NAME integration.never_corrupt.${check}
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/integration/check_never_corrupt.sh ${check}
            ${FLASHPOINT_BIN} ${FLASHPOINT_PYTHON} ${CMAKE_SOURCE_DIR} ${_never_work})
  set_tests_properties(integration.never_corrupt.${check} PROPERTIES LABELS integration
    TIMEOUT 180 SKIP_RETURN_CODE 77)
endforeach()
# Label "repeats" (see experiments.cmake): two of the four concurrent-writer checks; the ASan
# stage keeps writers_merge and writers_compare.
set_property(TEST integration.never_corrupt.writers_run integration.never_corrupt.writers_sweep
             APPEND PROPERTY LABELS repeats)
