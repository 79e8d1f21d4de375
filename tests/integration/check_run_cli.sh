#!/usr/bin/env bash
# Checks of `flashpoint run` and of the exit codes of `flashpoint` (docs/cli.md), one check per
# call so that each is its own ctest test (tests/integration/cli_run.cmake).
#
#   check_run_cli.sh CHECK FLASHPOINT_BIN PYTHON SOURCE_DIR WORK_DIR
#
# CHECK is one of the names in the `case` at the bottom. Each check works in WORK_DIR/CHECK
# (emptied first, kept afterwards for a look), prints what each command exited with and said,
# and exits 0 when every expectation holds, 1 otherwise. PYTHON (one that has h5py) is used by the checks
# `threads` and `json`.
set -uo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
begin_check "$@"
try_seconds=0  # no time limit of its own: ctest's
seed_scenario=$src/scenarios/pak-afg-2025.yaml
minimal=$src/tests/data/minimal.yaml

# The digest printed in the table ("data digest: HEX") of NAME.out.
table_digest() {
  sed -n 's/.*data digest: \([0-9a-f]\{16\}\).*/\1/p' "$1.out"
}

case $check in
  threads)
    # The acceptance check of determinism: the same runs on 1 and 2 threads write the same data.
    try a "$bin" run "$seed_scenario" --replicates 64 --threads 1 --quiet --force -o A.h5
    expect a 0 ""
    try b "$bin" run "$seed_scenario" --replicates 64 --threads 2 --quiet --force -o B.h5
    expect b 0 ""
    [[ $failures -eq 0 ]] || finish
    same A.h5 B.h5 || note_fail "1 and 2 threads wrote different data (compare_results.py)"
    ;;

  json)
    # --json prints exactly one JSON object, with the digest the table prints.
    try json "$bin" run "$seed_scenario" --replicates 8 --threads 2 --json --force -o json.h5
    expect json 0 ""
    try table "$bin" run "$seed_scenario" --replicates 8 --threads 2 --force -o json.h5
    expect table 0 ""
    table=$(table_digest table)
    [[ -n $table ]] || note_fail "no 'data digest: HEX' in the table"
    echo "+ json.loads(stdout)"
    json=$("$python" -c '
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
try:
    obj = json.loads(text)  # refuses a second object or any other text ("Extra data")
except ValueError as e:
    sys.exit(f"stdout is not exactly one JSON value: {e}\n--- stdout:\n{text}")
if not isinstance(obj, dict):
    sys.exit(f"stdout is JSON but not an object: {type(obj).__name__}")
for key in ("output", "runs", "seconds", "digest", "share_ceasefire", "share_rung8", "outcomes"):
    if key not in obj:
        sys.exit(f"the JSON object has no {key!r}: {sorted(obj)}")
if obj["runs"] != 8:
    sys.exit(f"runs is {obj['runs']!r}, expected 8")
print(obj["digest"])
' json.out) || note_fail "the stdout of --json is not the expected JSON object (see above)"
    echo "  digest in JSON: $json, in the table: $table"
    [[ $json == "$table" ]] || note_fail "the JSON digest differs from the table's"
    ;;

  seeds)
    # Another --seed gives other results; the same --seed gives the same.
    for run in 5a 5b 6; do
      try "seed$run" "$bin" run "$seed_scenario" --seed "${run:0:1}" --replicates 4 --threads 2 \
        --force -o "seed$run.h5"
      expect "seed$run" 0 ""
    done
    d5a=$(table_digest seed5a) d5b=$(table_digest seed5b) d6=$(table_digest seed6)
    echo "  digests: seed 5: $d5a and $d5b, seed 6: $d6"
    [[ -n $d5a && -n $d6 ]] || note_fail "no digest printed"
    [[ $d5a == "$d5b" ]] || note_fail "the same seed gave different digests"
    [[ $d5a != "$d6" ]] || note_fail "seeds 5 and 6 gave the same digest"
    ;;

  misspelt_key)
    # A misspelt key in a copy of a scenario: exit 2, located at FILE:LINE:COL:, with a suggestion.
    sed 's/^    capability: 0.7$/    capabilty: 0.7/' "$minimal" >typo.yaml
    line=$(grep -n '^    capabilty: 0.7$' typo.yaml | cut -d: -f1)
    [[ -n $line ]] || fail "could not plant the typo in a copy of $minimal"
    rm -f typo.h5
    try typo "$bin" run typo.yaml --force -o typo.h5
    expect typo 2 ""
    expect_stderr typo "typo.yaml:$line:5:" "did you mean 'capability'?"
    expect_no_file typo.h5 typo.h5.partial
    ;;

  bad_set)
    rm -f bad_set.h5
    try bad_set "$bin" run "$seed_scenario" --set actors.PAK.rationality=abc --force -o bad_set.h5
    expect bad_set 2 ""
    expect_stderr bad_set "--set actors.PAK.rationality=abc" "expected a number, got 'abc'"
    expect_no_file bad_set.h5 bad_set.h5.partial
    ;;

  days_zero)
    # --days outside 1..36500 is refused by the command-line parser: exit 2, nothing written.
    rm -f days.h5 days_big.h5
    try days "$bin" run "$seed_scenario" --days 0 --force -o days.h5
    expect days 2 ""
    expect_stderr days "--days" "36500"
    try days_big "$bin" run "$seed_scenario" --days 36501 --force -o days_big.h5
    expect days_big 2 ""
    expect_stderr days_big "--days" "36500"
    expect_no_file days.h5 days.h5.partial days_big.h5 days_big.h5.partial
    ;;

  missing_scenario)
    try missing "$bin" run "$work/no_such_scenario.yaml" --force -o missing.h5
    expect missing 2 ""
    expect_stderr missing "$work/no_such_scenario.yaml: cannot read file"
    ;;

  replicates_zero)
    try zero "$bin" run "$seed_scenario" --replicates 0 --force -o zero.h5
    expect zero 2 ""
    expect_stderr zero "--replicates"
    ;;

  existing_output)
    # Without --force an existing file is bad input and stays as it was.
    printf 'an earlier result that must survive\n' >existing.h5
    before=$(sha256sum existing.h5)
    try existing "$bin" run "$minimal" -o existing.h5
    expect existing 2 ""
    expect_stderr existing "--force"
    after=$(sha256sum existing.h5)
    echo "  checksum before: $before"
    echo "  checksum after:  $after"
    [[ $before == "$after" ]] || note_fail "existing.h5 changed"
    expect_no_file existing.h5.partial
    ;;

  missing_directory)
    # An output in a folder that does not exist: a runtime failure (1) that names the file and
    # the folder, and nothing left behind.
    rm -rf no_such_dir
    try nodir "$bin" run "$minimal" --force -o no_such_dir/out.h5
    expect nodir 1 ""
    expect_stderr nodir "cannot write no_such_dir/out.h5: the folder no_such_dir does not exist"
    expect_no_file no_such_dir
    leftovers=$(find "$work" -name '*.partial')
    [[ -z $leftovers ]] || note_fail ".partial files left behind: $leftovers"
    ;;

  output_is_directory)
    # An output path that is a folder is bad input (2), found before anything is simulated or
    # written, even with --force: the folder is untouched and no .partial file appears.
    rm -rf a_directory.h5 a_directory.h5.partial
    mkdir a_directory.h5
    : >a_directory.h5/keep
    try isdir "$bin" run "$minimal" --force -o a_directory.h5
    expect isdir 2 ""
    expect_stderr isdir "a_directory.h5: the output is a folder"
    expect_no_file a_directory.h5.partial
    [[ -d a_directory.h5 ]] || note_fail "the directory a_directory.h5 is gone"
    [[ -f a_directory.h5/keep ]] || note_fail "the content of the directory a_directory.h5 is gone"
    ;;

  interrupt | interrupt_sigint)
    # SIGTERM (or SIGINT) during a long run: exit code 3 within a few seconds, "interrupted" on
    # stderr, and neither the results file nor its .partial file left behind. The run must
    # still be going when the signal is sent: when it is already over after 0.3 s (a fast
    # machine), it is repeated with ten times the replicates.
    signal=TERM
    [[ $check == interrupt_sigint ]] && signal=INT
    sent=0
    for replicates in 2000 20000 200000; do
      rm -f int.h5 int.h5.partial int.h5.lock
      echo "+ $bin run $seed_scenario --replicates $replicates --threads 2 --force -o int.h5 &"
      # exec: $! is flashpoint itself, not a subshell. Bash starts background commands with
      # SIGINT ignored; flashpoint installs its own handlers, so SIGINT reaches it all the same.
      (exec "$bin" run "$seed_scenario" --replicates "$replicates" --threads 2 --force \
        -o int.h5 >int.out 2>int.err) &
      pid=$!
      # The lock file appears once the scenario is read, long after the signal handlers are in
      # place (a sanitizer build takes about a second to get there); then 0.3 s more.
      for _ in $(seq 600); do
        [[ -e int.h5.lock ]] || ! kill -0 "$pid" 2>/dev/null && break
        sleep 0.05
      done
      sleep 0.3
      if kill -0 "$pid" 2>/dev/null; then
        echo "  still running 0.3 s after it took its lock (pid $pid); sending SIG$signal"
        kill -s "$signal" "$pid"
        sent=$(date +%s%N)
        break
      fi
      wait "$pid"
      code=$?
      echo "  already finished (exit code $code) after 0.3 s with $replicates replicates"
      if [[ $code -ne 0 ]]; then
        cat int.err
        fail "the run failed before it could be interrupted"
      fi
    done
    [[ $sent != 0 ]] || fail "every run finished within 0.3 s; nothing to interrupt"
    # Give it 10 s to stop (a run in flight finishes first); a hung process is killed.
    for _ in $(seq 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      note_fail "still running 10 s after SIG$signal; killing it"
      kill -s KILL "$pid"
    fi
    wait "$pid"
    code=$?
    elapsed_ms=$((($(date +%s%N) - sent) / 1000000))
    echo "  exit code $code, $elapsed_ms ms after the signal"
    expect int 3 ""
    [[ $elapsed_ms -le 5000 ]] || note_fail "took $elapsed_ms ms to stop after SIG$signal (limit 5 s)"
    expect_stderr int "interrupted"
    expect_no_file int.h5 int.h5.partial
    ;;

  version)
    try version "$bin" --version
    expect version 0 ""
    grep -q '^flashpoint [0-9]' version.out || note_fail "--version printed: $(cat version.out)"
    ;;

  no_subcommand)
    try none "$bin"
    expect none 2 ""
    expect_stderr none "subcommand"
    ;;

  *)
    fail "unknown check $check"
    ;;
esac
finish
