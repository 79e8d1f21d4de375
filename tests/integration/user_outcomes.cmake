# User-defined outcomes (docs/experiments.md, "Your own outcomes") through the real CLI: the
# values in /outcomes against /runs, keep: outcomes against keep: events, a refused resume after
# a definition changed, /outcomes of `flashpoint run`, a comparison ranked by a user outcome, and
# a calibration target on a user outcome against the same figure as a series target.
# The bit-for-bit checks over threads, kill + --resume, shards and MPI ranks come from
# check_experiments.sh, whose sweep and comparison (tests/data/experiments/*_small.yaml) define
# user outcomes too. Included by tests/CMakeLists.txt (FLASHPOINT_BIN, FLASHPOINT_PYTHON).
add_test(NAME user_outcomes
  COMMAND ${FLASHPOINT_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/integration/check_user_outcomes.py
          ${FLASHPOINT_BIN} ${CMAKE_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/user_outcomes)
set_tests_properties(user_outcomes PROPERTIES LABELS "integration;python" TIMEOUT 300)

# Robustness measures, options generated from levers and the Pareto front
# (docs/experiments.md, "Robustness", "Exploring levers"), recomputed from the per-run values.
add_test(NAME comparison.levers
  COMMAND ${FLASHPOINT_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/integration/check_levers.py
          ${FLASHPOINT_BIN} ${CMAKE_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/levers)
set_tests_properties(comparison.levers PROPERTIES LABELS "integration;python" TIMEOUT 300
                     ENVIRONMENT "MPLBACKEND=Agg")
