# Fault tests (docs/reliability.md, "Faults"): a write that fails half-way must not leave a file
# that looks complete; kills, full disks, unwritable folders, existing outputs and damaged files
# must end in a clear message and the documented exit code, never a crash or a hang, and never
# lose a finished run. Included from tests/CMakeLists.txt, which defines FLASHPOINT_BIN and
# FLASHPOINT_PYTHON.
add_test(NAME integration.faults.file_size_limit
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/integration/check_output_faults.sh
          ${FLASHPOINT_BIN} ${CMAKE_SOURCE_DIR}/scenarios/pak-afg-2025.yaml
          ${CMAKE_CURRENT_BINARY_DIR}/faults)
set_tests_properties(integration.faults.file_size_limit PROPERTIES LABELS integration TIMEOUT 120)

# The checks of check_experiment_faults.sh, each in its own folder of faults_experiments/; the
# first makes the uninterrupted files the others compare with. A check that cannot be made here
# (no root for a tmpfs, no unprivileged user) exits 77 and is reported as skipped.
set(_faults_work ${CMAKE_CURRENT_BINARY_DIR}/faults_experiments)
file(MAKE_DIRECTORY ${_faults_work})
foreach(check reference kill_20 disk_full_ulimit disk_full_tmpfs unwritable existing_output
              damaged_inputs)
  add_test(NAME integration.faults.${check}
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/integration/check_experiment_faults.sh ${check}
            ${FLASHPOINT_BIN} ${FLASHPOINT_PYTHON} ${CMAKE_SOURCE_DIR} ${_faults_work})
  set_tests_properties(integration.faults.${check} PROPERTIES LABELS integration TIMEOUT 150
    SKIP_RETURN_CODE 77)
  if(check STREQUAL "reference")
    set_tests_properties(integration.faults.${check} PROPERTIES FIXTURES_SETUP faults_reference)
  elseif(NOT check STREQUAL "unwritable")
    set_tests_properties(integration.faults.${check} PROPERTIES FIXTURES_REQUIRED faults_reference)
  endif()
endforeach()
# Label "repeats" (see experiments.cmake): 20 kills, and the second way to fill a disk; the ASan
# stage keeps integration.faults.reference, disk_full_tmpfs and damaged_inputs.
set_property(TEST integration.faults.kill_20 integration.faults.disk_full_ulimit APPEND PROPERTY
             LABELS repeats)

# `flashpoint inspect` on files made to defeat it (check_inspect_faults.sh): 20,000 soft links,
# datasets and labels declaring 2e8 elements, tables of the wrong shape or beyond the caps. The
# first test makes the files; each other checks one under `timeout 60` and `ulimit -v 1000000`.
set(_inspect_work ${CMAKE_CURRENT_BINARY_DIR}/faults_inspect)
foreach(case files soft_links labels_huge sensitivity_ok sensitivity_huge sensitivity_shape
             sensitivity_cap sensitivity_labels comparison_ok comparison_huge comparison_shape)
  add_test(NAME integration.faults.inspect.${case}
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/integration/check_inspect_faults.sh ${case}
            ${FLASHPOINT_BIN} ${FLASHPOINT_PYTHON} ${CMAKE_SOURCE_DIR} ${_inspect_work})
  set_tests_properties(integration.faults.inspect.${case} PROPERTIES LABELS integration TIMEOUT 120)
  if(case STREQUAL "files")
    set_tests_properties(integration.faults.inspect.${case} PROPERTIES
      FIXTURES_SETUP faults_inspect_files)
  else()
    set_tests_properties(integration.faults.inspect.${case} PROPERTIES
      FIXTURES_REQUIRED faults_inspect_files)
  endif()
endforeach()
