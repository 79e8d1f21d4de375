# The interactive explorer (scripts/explore, docs/analysis.md "The interactive explorer") on
# files made by the CLI, driven in headless Chromium through the DevTools protocol. Included
# from tests/CMakeLists.txt, which defines FLASHPOINT_BIN and FLASHPOINT_PYTHON. The checks are
# in tests/integration/check_explore.py (the browser driver: devtools_pipe.py):
#
#   analysis_explore.fixtures    a run (`run scenarios/pak-afg-2025.yaml -r 4`, events kept by
#                                default), a comparison of three options that keeps events, and
#                                the same comparison keeping outcomes only
#   analysis_explore.vendor      the vendored uPlot files' sha256 against the README and
#                                explore.py; a changed byte is refused
#   analysis_explore.run         the page of the run: as a file (size, no address, uPlot inlined
#                                verbatim) and in Chromium: slider dragged with the mouse and moved
#                                with ArrowRight and End, map = the file's state of that day;
#                                chart click; play/pause; run select by ArrowDown, charts = the
#                                file's series of the new run; no console error, no request;
#                                screenshots
#   analysis_explore.comparison  the same on the comparison, the option select by ArrowDown
#   analysis_explore.controls    broken copies of a page (console error or warning, uncaught
#                                exception, a request, a failed load, an address, the library
#                                altered, broken data, a tiny file, an unchanged screenshot) are
#                                each refused by the check meant to catch them
#   analysis_explore.bad_inputs  missing file, not HDF5, keep: outcomes, no /geography, no
#                                /events, a district without coordinates, --runs 0, output
#                                folder missing: exit 2, one line; --title escaped
#
# Chromium is required (scripts/install_deps.sh installs Debian's chromium): without it the
# tests FAIL with a message saying so; they do not skip.
set(_ax_dir ${CMAKE_CURRENT_BINARY_DIR}/analysis_explore)
file(MAKE_DIRECTORY ${_ax_dir})
set(_ax_scenario ${CMAKE_SOURCE_DIR}/scenarios/pak-afg-2025.yaml)

# Three options of scenarios/comparisons/pak-afg-2025-options.yaml on the seed scenario cut to 61
# days, 3 replicates each, keeping the series and events (keep: events); and the same keeping
# only the per-run outcomes, which the explorer must refuse.
foreach(_ax_keep events outcomes)
  file(WRITE ${_ax_dir}/options_${_ax_keep}.yaml "\
kind: comparison
name: explore-options
scenario: ${_ax_scenario}
set: {days: 61}
replicates: 3
seed: 20251011
keep: ${_ax_keep}
status_quo: status_quo
rank_by: {outcome: fatalities_all, better: lower}
options:
  - name: status_quo
    description: the seed scenario's own policies
  - name: mediation
    description: mediators engage at rung 5 with twice the leverage, rounds every 4 days
    policies:
      - {name: early_mediation, type: mediation, mediators: [QAT, TUR], activation_level: 5,
         leverage_multiplier: 2, round_interval_days: 4, monitoring: true}
  - name: longer_closure
    description: crossings closed on clashes stay closed at least 90 days
    set:
      policies.close_on_clashes.min_days: 90
")
endforeach()

# The fixture driver (written here: add_test would split a `sh -c` script at its semicolons).
# $1 flashpoint, $2 source dir. --force: the previous ctest run's files are in the way.
file(WRITE ${_ax_dir}/make_fixtures.sh [=[
#!/bin/sh
set -e
rm -f run.h5 options.h5 outcomes.h5
"$1" run "$2/scenarios/pak-afg-2025.yaml" -r 4 -o run.h5 --force --quiet
"$1" compare options_events.yaml -o options.h5 --force --quiet
"$1" compare options_outcomes.yaml -o outcomes.h5 --force --quiet
ls -l run.h5 options.h5 outcomes.h5
]=])
add_test(NAME analysis_explore.fixtures
  COMMAND sh ${_ax_dir}/make_fixtures.sh ${FLASHPOINT_BIN} ${CMAKE_SOURCE_DIR}
  WORKING_DIRECTORY ${_ax_dir})
set_tests_properties(analysis_explore.fixtures PROPERTIES
  LABELS "integration;python" TIMEOUT 120 FIXTURES_SETUP analysis_explore_files)

set(_ax_check ${CMAKE_CURRENT_SOURCE_DIR}/integration/check_explore.py)
add_test(NAME analysis_explore.vendor
  COMMAND ${FLASHPOINT_PYTHON} ${_ax_check} vendor
          --repo ${CMAKE_SOURCE_DIR} --work ${_ax_dir}/vendor)
add_test(NAME analysis_explore.run
  COMMAND ${FLASHPOINT_PYTHON} ${_ax_check} page run ${_ax_dir}/run.h5
          --repo ${CMAKE_SOURCE_DIR} --work ${_ax_dir}/run)
add_test(NAME analysis_explore.comparison
  COMMAND ${FLASHPOINT_PYTHON} ${_ax_check} page comparison ${_ax_dir}/options.h5
          --repo ${CMAKE_SOURCE_DIR} --work ${_ax_dir}/comparison)
add_test(NAME analysis_explore.controls
  COMMAND ${FLASHPOINT_PYTHON} ${_ax_check} controls ${_ax_dir}/run.h5
          --repo ${CMAKE_SOURCE_DIR} --work ${_ax_dir}/controls)
add_test(NAME analysis_explore.bad_inputs
  COMMAND ${FLASHPOINT_PYTHON} ${_ax_check} bad_inputs ${_ax_dir}/run.h5 ${_ax_dir}/outcomes.h5
          --repo ${CMAKE_SOURCE_DIR} --work ${_ax_dir}/bad_inputs)
set_tests_properties(analysis_explore.vendor PROPERTIES
  LABELS "integration;python" TIMEOUT 60
  ENVIRONMENT "FLASHPOINT_PYTHON=${FLASHPOINT_PYTHON};MPLBACKEND=Agg")
set_tests_properties(analysis_explore.run analysis_explore.comparison analysis_explore.controls
                     analysis_explore.bad_inputs PROPERTIES
  LABELS "integration;python" TIMEOUT 300 FIXTURES_REQUIRED analysis_explore_files
  ENVIRONMENT "FLASHPOINT_PYTHON=${FLASHPOINT_PYTHON};MPLBACKEND=Agg")
