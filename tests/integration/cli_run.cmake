# `flashpoint run` from the command line (docs/cli.md): determinism across thread counts (the
# acceptance check: 64 replicates on 1 and 2 threads write bit-identical files), --json, --seed,
# and the exit codes of bad input (2), runtime failures (1) and interrupts (3).
# Included from tests/CMakeLists.txt, which defines FLASHPOINT_BIN and FLASHPOINT_PYTHON.
#
# Each test is one check of tests/integration/check_run_cli.sh (add_test would split an inline
# `sh -c` script at its semicolons); each works in its own folder of the build tree,
# integration_cli_run/CHECK, so that tests can run in parallel and reruns overwrite (--force).

set(_cli_run_driver ${CMAKE_CURRENT_SOURCE_DIR}/integration/check_run_cli.sh)
set(_cli_run_work ${CMAKE_CURRENT_BINARY_DIR}/integration_cli_run)

set(_cli_run_checks
  threads             # A.h5 (1 thread) and B.h5 (2 threads) identical: compare_results.py
  json                # --json prints one JSON object; its digest is the table's
  seeds               # --seed 5 twice: same digest; --seed 6: another
  misspelt_key        # exit 2, FILE:LINE:COL: and "did you mean"
  bad_set             # --set actors.PAK.rationality=abc: exit 2, names the override
  days_zero           # --days 0 and --days 36501: exit 2 (command-line parser)
  missing_scenario    # exit 2
  replicates_zero     # --replicates 0: exit 2
  existing_output     # exit 2 without --force, the file untouched (checksum)
  missing_directory   # output in a missing folder: exit 1, "the folder X does not exist", no .partial
  output_is_directory # the output is a folder: exit 2, folder untouched, no .partial
  interrupt           # SIGTERM after 0.3 s of -r 2000: exit 3, "interrupted", no file, no .partial
  interrupt_sigint    # the same with SIGINT (Ctrl-C)
  version             # --version: exit 0
  no_subcommand)      # no subcommand: exit 2

foreach(check ${_cli_run_checks})
  add_test(NAME cli_run.${check}
    COMMAND bash ${_cli_run_driver} ${check} ${FLASHPOINT_BIN} ${FLASHPOINT_PYTHON}
            ${CMAKE_SOURCE_DIR} ${_cli_run_work})
  set_tests_properties(cli_run.${check} PROPERTIES LABELS integration TIMEOUT 300)
endforeach()
