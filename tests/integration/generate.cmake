# `flashpoint generate` (src/experiment/generate.hpp): the synthetic scenario it writes passes
# `flashpoint validate` and runs; the same options write the same bytes; an existing output
# without --force and options out of range exit 2.
#
# This file has two roles. Included from tests/CMakeLists.txt (which defines FLASHPOINT_BIN), it
# registers the tests below. Run as `cmake -DCHECK=NAME -DBIN=FLASHPOINT -DWORK=FOLDER -P
# generate.cmake`, it performs one check in its own folder of the build tree,
# integration_generate/NAME, so that tests can run in parallel and reruns overwrite (--force).
#
#   generate.validate_run    generate --citizens 100000 --force; validate; run -r 2 --days 30
#   generate.deterministic   the same options twice: identical files; another --seed: different
#   generate.existing_output exit 2 without --force, the file untouched (checksum); 0 with it
#   generate.bad_options     --citizens 0, --citizens 2.5, --districts 1, --sectors 21 with
#                            --districts 40: exit 2 each, no file written

if(NOT CMAKE_SCRIPT_MODE_FILE)
  set(_generate_work ${CMAKE_CURRENT_BINARY_DIR}/integration_generate)
  foreach(check validate_run deterministic existing_output bad_options)
    add_test(NAME generate.${check}
      COMMAND ${CMAKE_COMMAND} -DCHECK=${check} -DBIN=${FLASHPOINT_BIN}
              -DWORK=${_generate_work}/${check}
              -P ${CMAKE_CURRENT_LIST_DIR}/generate.cmake)
    set_tests_properties(generate.${check} PROPERTIES LABELS integration TIMEOUT 300)
  endforeach()
  return()
endif()

# --- Script mode: one check. ---------------------------------------------------------------------
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})

# Runs `flashpoint ARGS...`; sets rc, out and err in the caller's scope.
function(fp)
  execute_process(COMMAND ${BIN} ${ARGN} WORKING_DIRECTORY ${WORK}
    RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
  set(rc "${_rc}" PARENT_SCOPE)
  set(out "${_out}" PARENT_SCOPE)
  set(err "${_err}" PARENT_SCOPE)
endfunction()

# Fails the check unless the last command exited with `code`.
function(expect_exit code what)
  if(NOT "${rc}" STREQUAL "${code}")
    message(FATAL_ERROR "${what}: exit ${rc}, expected ${code}\nstdout:\n${out}\nstderr:\n${err}")
  endif()
  message(STATUS "${what}: exit ${code} as expected")
endfunction()

if(CHECK STREQUAL "validate_run")
  fp(generate -o X.yaml --citizens 100000 --force)
  expect_exit(0 "generate --citizens 100000")
  if(NOT out MATCHES "100000 citizen agents \\(asked for 100000\\)")
    message(FATAL_ERROR "generate does not print the citizen count:\n${out}")
  endif()
  file(READ ${WORK}/X.yaml _yaml)
  if(NOT _yaml MATCHES "# Citizen agents: 100000 \\(asked for 100000\\)")
    message(FATAL_ERROR "X.yaml does not state the citizen count at the top")
  endif()
  fp(validate X.yaml)
  expect_exit(0 "validate X.yaml")
  fp(run X.yaml -r 2 --days 30 -o Y.h5 --force)
  expect_exit(0 "run X.yaml -r 2 --days 30")
  if(NOT EXISTS ${WORK}/Y.h5)
    message(FATAL_ERROR "run wrote no Y.h5")
  endif()

elseif(CHECK STREQUAL "deterministic")
  fp(generate -o A.yaml --citizens 250000 --districts 12 --sectors 6 --cells 9 --days 50 --seed 7)
  expect_exit(0 "generate A.yaml")
  fp(generate -o B.yaml --citizens 250000 --districts 12 --sectors 6 --cells 9 --days 50 --seed 7)
  expect_exit(0 "generate B.yaml")
  fp(generate -o C.yaml --citizens 250000 --districts 12 --sectors 6 --cells 9 --days 50 --seed 8)
  expect_exit(0 "generate C.yaml")
  file(SHA256 ${WORK}/A.yaml _a)
  file(SHA256 ${WORK}/B.yaml _b)
  file(SHA256 ${WORK}/C.yaml _c)
  if(NOT _a STREQUAL _b)
    message(FATAL_ERROR "the same options wrote different files")
  endif()
  if(_a STREQUAL _c)
    message(FATAL_ERROR "--seed 7 and --seed 8 wrote the same file")
  endif()

elseif(CHECK STREQUAL "existing_output")
  fp(generate -o X.yaml --citizens 5000 --districts 4 --sectors 2)
  expect_exit(0 "generate X.yaml")
  file(SHA256 ${WORK}/X.yaml _before)
  fp(generate -o X.yaml --citizens 6000)
  expect_exit(2 "generate over an existing X.yaml without --force")
  if(NOT err MATCHES "exists")
    message(FATAL_ERROR "no 'exists' in the message:\n${err}")
  endif()
  file(SHA256 ${WORK}/X.yaml _after)
  if(NOT _before STREQUAL _after)
    message(FATAL_ERROR "X.yaml changed although --force was not given")
  endif()
  fp(generate -o X.yaml --citizens 6000 --force)
  expect_exit(0 "generate over an existing X.yaml with --force")

elseif(CHECK STREQUAL "bad_options")
  foreach(_args "--citizens;0" "--citizens;2.5" "--citizens;2000000000" "--districts;1"
                "--districts;40;--sectors;21" "--cells;-1" "--days;0")
    fp(generate -o X.yaml ${_args})
    string(REPLACE ";" " " _shown "${_args}")
    expect_exit(2 "generate ${_shown}")
    if(EXISTS ${WORK}/X.yaml)
      message(FATAL_ERROR "generate ${_shown} wrote X.yaml")
    endif()
  endforeach()

else()
  message(FATAL_ERROR "unknown check '${CHECK}'")
endif()
