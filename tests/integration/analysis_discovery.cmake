# Tests of scenario discovery (docs/analysis.md, "Scenario discovery"): PRIM, CART and
# extra-trees in scripts/flashpoint_analysis/discovery.py, scripts/fp-discover and the fp-plot
# pictures prim-tradeoff and prim-box. Included from tests/CMakeLists.txt, which defines
# FLASHPOINT_BIN and FLASHPOINT_PYTHON. The checks are in
# tests/integration/check_analysis_discovery.py:
#
#   analysis_discovery.methods     a ten-point data set and a paste worked out by hand; a box
#                                  planted in 2,000 points of 5 dimensions, recovered by PRIM
#                                  (limits within 0.05, only x0 and x3, small quasi-p), CART
#                                  and extra-trees; y independent of X gives no dense box
#   analysis_discovery.cli         fp-discover and fp-plot on the sweeps and the comparison of
#                                  analysis_experiments.fixtures: exit 0, a box, the box
#                                  recounted from the file, PNGs of the expected size
#   analysis_discovery.bad_inputs  exit 2 and one line: unknown outcome (with the near name),
#                                  malformed conditions, a condition never or always true, a
#                                  run file without a design, a missing file, bad options
# Each check first runs negative controls showing that it can fail. About 27 s on 2 cores.
set(_ad_dir ${CMAKE_CURRENT_BINARY_DIR}/analysis_experiments)
set(_ad_check ${CMAKE_CURRENT_SOURCE_DIR}/integration/check_analysis_discovery.py)

add_test(NAME analysis_discovery.methods COMMAND ${FLASHPOINT_PYTHON} ${_ad_check} methods)
add_test(NAME analysis_discovery.cli COMMAND ${FLASHPOINT_PYTHON} ${_ad_check} cli ${_ad_dir})
add_test(NAME analysis_discovery.bad_inputs
  COMMAND ${FLASHPOINT_PYTHON} ${_ad_check} bad_inputs ${_ad_dir} ${FLASHPOINT_BIN})
set_tests_properties(analysis_discovery.methods PROPERTIES
  LABELS "integration;python" TIMEOUT 300
  ENVIRONMENT "FLASHPOINT_PYTHON=${FLASHPOINT_PYTHON};MPLBACKEND=Agg")
set_tests_properties(analysis_discovery.cli analysis_discovery.bad_inputs PROPERTIES
  LABELS "integration;python" TIMEOUT 300 FIXTURES_REQUIRED analysis_experiments_files
  ENVIRONMENT "FLASHPOINT_PYTHON=${FLASHPOINT_PYTHON};MPLBACKEND=Agg")
