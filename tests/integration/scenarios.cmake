# The scenario files shipped under scenarios/ (docs/seed_scenarios.md): every one of them, in any
# subfolder, must pass `flashpoint validate` and run a few replicates without error. And the
# engine must stay generic: no name of the seed case may appear in src/ (MODEL.md, "no actor id,
# place name or date is hard-coded in src/").
# Included from tests/CMakeLists.txt, which defines FLASHPOINT_BIN.
#
# Tests, for a scenario file scenarios/DIR/NAME.yaml (ID = DIR.NAME, or NAME at the top level):
#   scenario.validate.ID   flashpoint validate FILE                         exit 0
#   scenario.run.ID        flashpoint run FILE --replicates 4 --quiet --force
#                            -o BUILD/scenarios/ID.h5                       exit 0
#   scenario.dry_run.ID    for sweeps/, comparisons/ and calibration/: flashpoint
#                            sweep|compare|calibrate FILE --dry-run
#   scenario.engine_is_generic   tests/integration/check_no_case_names.sh   exit 0
# A new file under scenarios/ gets its tests at the next build (CONFIGURE_DEPENDS).

set(_scenarios_dir ${CMAKE_SOURCE_DIR}/scenarios)
set(_scenarios_out ${CMAKE_BINARY_DIR}/scenarios)

# The runs write into one folder of the build tree; a fixture creates it before any run.
add_test(NAME scenario.output_dir COMMAND ${CMAKE_COMMAND} -E make_directory ${_scenarios_out})
set_tests_properties(scenario.output_dir PROPERTIES LABELS integration
  FIXTURES_SETUP scenario_output_dir)

file(GLOB_RECURSE _scenario_files CONFIGURE_DEPENDS ${_scenarios_dir}/*.yaml)
list(SORT _scenario_files)
foreach(scenario ${_scenario_files})
  file(RELATIVE_PATH _rel ${_scenarios_dir} ${scenario})
  string(REGEX REPLACE "\\.yaml$" "" _id ${_rel})
  string(REPLACE "/" "." _id ${_id})

  add_test(NAME scenario.validate.${_id} COMMAND ${FLASHPOINT_BIN} validate ${scenario})
  set_tests_properties(scenario.validate.${_id} PROPERTIES LABELS integration TIMEOUT 60)

  if(_rel MATCHES "^sweeps/")
    # Sweep files: a dry run builds the design and times three runs.
    add_test(NAME scenario.dry_run.${_id}
      COMMAND ${FLASHPOINT_BIN} sweep ${scenario} --dry-run -o ${_scenarios_out}/${_id}.h5)
    set_tests_properties(scenario.dry_run.${_id} PROPERTIES LABELS integration TIMEOUT 120)
  elseif(_rel MATCHES "^calibration/")
    # Calibration files: a dry run loads every scenario, checks priors and targets, times runs.
    add_test(NAME scenario.dry_run.${_id}
      COMMAND ${FLASHPOINT_BIN} calibrate ${scenario} --dry-run -o ${_scenarios_out}/${_id}.h5)
    set_tests_properties(scenario.dry_run.${_id} PROPERTIES LABELS integration TIMEOUT 120)
  elseif(_rel MATCHES "^comparisons/")
    add_test(NAME scenario.dry_run.${_id}
      COMMAND ${FLASHPOINT_BIN} compare ${scenario} --dry-run -o ${_scenarios_out}/${_id}.h5)
    set_tests_properties(scenario.dry_run.${_id} PROPERTIES LABELS integration TIMEOUT 120)
  else()
    add_test(NAME scenario.run.${_id}
      COMMAND ${FLASHPOINT_BIN} run ${scenario} --replicates 4 --quiet --force
              -o ${_scenarios_out}/${_id}.h5)
    set_tests_properties(scenario.run.${_id} PROPERTIES LABELS integration TIMEOUT 300
      FIXTURES_REQUIRED scenario_output_dir)
  endif()
endforeach()

add_test(NAME scenario.engine_is_generic
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/integration/check_no_case_names.sh ${CMAKE_SOURCE_DIR})
set_tests_properties(scenario.engine_is_generic PROPERTIES LABELS integration)
