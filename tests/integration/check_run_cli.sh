#!/usr/bin/env bash
# Checks of `flashpoint run` and of the exit codes of `flashpoint` (docs/cli.md), one check per
# call so that each is its own ctest test (tests/integration/cli_run.cmake).
#
#   check_run_cli.sh CHECK FLASHPOINT_BIN SOURCE_DIR WORK_DIR [PYTHON]
#
# CHECK is one of the names in the `case` at the bottom. Each check works in WORK_DIR/CHECK
# (created, emptied of its own outputs, kept afterwards for a look), prints what it ran and what
# it found, and exits 0 when every expectation holds, 1 otherwise. PYTHON (one that has h5py) is
# needed by the checks `threads` and `json`.
set -uo pipefail

if [[ $# -lt 4 ]]; then
  echo "usage: $0 CHECK FLASHPOINT_BIN SOURCE_DIR WORK_DIR [PYTHON]" >&2
  exit 64
fi
check=$1
bin=$2
src=$3
work=$4/$check
python=${5:-}
seed_scenario=$src/scenarios/pak-afg-2025.yaml
minimal=$src/tests/data/minimal.yaml

mkdir -p "$work" || exit 1
cd "$work" || exit 1

status=0
fail() {
  echo "FAIL: $*"
  status=1
}

# run_cmd NAME ARGS...: runs ARGS with stdout in NAME.out and stderr in NAME.err; sets $rc.
run_cmd() {
  local name=$1
  shift
  echo "+ $*"
  "$@" >"$name.out" 2>"$name.err"
  rc=$?
  echo "  exit code $rc"
}

# expect_code CODE NAME: the last command (saved as NAME) exited with CODE.
expect_code() {
  if [[ $rc -ne $1 ]]; then
    fail "$2: exit code $rc, expected $1"
    echo "--- stdout:" && cat "$2.out"
    echo "--- stderr:" && cat "$2.err"
  fi
}

# expect_stderr NAME TEXT: NAME.err contains TEXT (fixed string).
expect_stderr() {
  if ! grep -qF -- "$2" "$1.err"; then
    fail "$1: stderr does not contain: $2"
    echo "--- stderr:" && cat "$1.err"
  fi
}

# expect_no_file PATH...: none of the paths exists.
expect_no_file() {
  for p in "$@"; do
    [[ -e $p ]] && fail "$p exists but should not"
  done
  return 0
}

# The digest printed in the table ("data digest: HEX") of NAME.out.
table_digest() {
  sed -n 's/.*data digest: \([0-9a-f]\{16\}\).*/\1/p' "$1.out"
}

need_python() {
  if [[ -z $python ]]; then
    echo "FAIL: this check needs PYTHON (an interpreter with h5py)"
    exit 1
  fi
}

case $check in
  threads)
    # The acceptance check of determinism: the same runs on 1 and 2 threads write the same data.
    need_python
    run_cmd a "$bin" run "$seed_scenario" --replicates 64 --threads 1 --quiet --force -o A.h5
    expect_code 0 a
    run_cmd b "$bin" run "$seed_scenario" --replicates 64 --threads 2 --quiet --force -o B.h5
    expect_code 0 b
    [[ $status -eq 0 ]] || exit 1
    echo "+ $python compare_results.py A.h5 B.h5"
    "$python" "$src/tests/integration/compare_results.py" A.h5 B.h5 || status=1
    ;;

  json)
    # --json prints exactly one JSON object, with the digest the table prints.
    need_python
    run_cmd json "$bin" run "$seed_scenario" --replicates 8 --threads 2 --json --force -o json.h5
    expect_code 0 json
    run_cmd table "$bin" run "$seed_scenario" --replicates 8 --threads 2 --force -o json.h5
    expect_code 0 table
    table=$(table_digest table)
    [[ -n $table ]] || fail "no 'data digest: HEX' in the table"
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
' json.out) || fail "the stdout of --json is not the expected JSON object (see above)"
    echo "  digest in JSON: $json, in the table: $table"
    [[ $json == "$table" ]] || fail "the JSON digest differs from the table's"
    ;;

  seeds)
    # Another --seed gives other results; the same --seed gives the same.
    for run in 5a 5b 6; do
      run_cmd "seed$run" "$bin" run "$seed_scenario" --seed "${run:0:1}" --replicates 4 --threads 2 \
        --force -o "seed$run.h5"
      expect_code 0 "seed$run"
    done
    d5a=$(table_digest seed5a) d5b=$(table_digest seed5b) d6=$(table_digest seed6)
    echo "  digests: seed 5: $d5a and $d5b, seed 6: $d6"
    [[ -n $d5a && -n $d6 ]] || fail "no digest printed"
    [[ $d5a == "$d5b" ]] || fail "the same seed gave different digests"
    [[ $d5a != "$d6" ]] || fail "seeds 5 and 6 gave the same digest"
    ;;

  misspelt_key)
    # A misspelt key in a copy of a scenario: exit 2, located at FILE:LINE:COL:, with a suggestion.
    sed 's/^    capability: 0.7$/    capabilty: 0.7/' "$minimal" >typo.yaml
    line=$(grep -n '^    capabilty: 0.7$' typo.yaml | cut -d: -f1)
    [[ -n $line ]] || { echo "FAIL: could not plant the typo in a copy of $minimal"; exit 1; }
    rm -f typo.h5
    run_cmd typo "$bin" run typo.yaml --force -o typo.h5
    expect_code 2 typo
    expect_stderr typo "typo.yaml:$line:5:"
    expect_stderr typo "did you mean 'capability'?"
    expect_no_file typo.h5 typo.h5.partial
    ;;

  bad_set)
    rm -f bad_set.h5
    run_cmd bad_set "$bin" run "$seed_scenario" --set actors.PAK.rationality=abc --force -o bad_set.h5
    expect_code 2 bad_set
    expect_stderr bad_set "--set actors.PAK.rationality=abc"
    expect_stderr bad_set "expected a number, got 'abc'"
    expect_no_file bad_set.h5 bad_set.h5.partial
    ;;

  days_zero)
    # --days outside 1..36500 is refused by the command-line parser: exit 2, nothing written.
    rm -f days.h5 days_big.h5
    run_cmd days "$bin" run "$seed_scenario" --days 0 --force -o days.h5
    expect_code 2 days
    expect_stderr days "--days"
    expect_stderr days "36500"
    run_cmd days_big "$bin" run "$seed_scenario" --days 36501 --force -o days_big.h5
    expect_code 2 days_big
    expect_stderr days_big "--days"
    expect_stderr days_big "36500"
    expect_no_file days.h5 days.h5.partial days_big.h5 days_big.h5.partial
    ;;

  missing_scenario)
    run_cmd missing "$bin" run "$work/no_such_scenario.yaml" --force -o missing.h5
    expect_code 2 missing
    expect_stderr missing "$work/no_such_scenario.yaml: cannot read file"
    ;;

  replicates_zero)
    run_cmd zero "$bin" run "$seed_scenario" --replicates 0 --force -o zero.h5
    expect_code 2 zero
    expect_stderr zero "--replicates"
    ;;

  existing_output)
    # Without --force an existing file is bad input and stays as it was.
    printf 'an earlier result that must survive\n' >existing.h5
    before=$(sha256sum existing.h5)
    run_cmd existing "$bin" run "$minimal" -o existing.h5
    expect_code 2 existing
    expect_stderr existing "--force"
    after=$(sha256sum existing.h5)
    echo "  checksum before: $before"
    echo "  checksum after:  $after"
    [[ $before == "$after" ]] || fail "existing.h5 changed"
    expect_no_file existing.h5.partial
    ;;

  missing_directory)
    # An output in a folder that does not exist: a runtime failure (1) that names the file and
    # the folder, and nothing left behind.
    rm -rf no_such_dir
    run_cmd nodir "$bin" run "$minimal" --force -o no_such_dir/out.h5
    expect_code 1 nodir
    expect_stderr nodir "cannot write no_such_dir/out.h5: the folder no_such_dir does not exist"
    expect_no_file no_such_dir
    leftovers=$(find "$work" -name '*.partial')
    [[ -z $leftovers ]] || fail ".partial files left behind: $leftovers"
    ;;

  output_is_directory)
    # An output path that is a folder is bad input (2), found before anything is simulated or
    # written, even with --force: the folder is untouched and no .partial file appears.
    rm -rf a_directory.h5 a_directory.h5.partial
    mkdir a_directory.h5
    : >a_directory.h5/keep
    run_cmd isdir "$bin" run "$minimal" --force -o a_directory.h5
    expect_code 2 isdir
    expect_stderr isdir "a_directory.h5: the output is a folder"
    expect_no_file a_directory.h5.partial
    [[ -d a_directory.h5 ]] || fail "the directory a_directory.h5 is gone"
    [[ -f a_directory.h5/keep ]] || fail "the content of the directory a_directory.h5 is gone"
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
      rc=$?
      echo "  already finished (exit code $rc) after 0.3 s with $replicates replicates"
      if [[ $rc -ne 0 ]]; then
        fail "the run failed before it could be interrupted"
        echo "--- stderr:" && cat int.err
        exit 1
      fi
    done
    if [[ $sent == 0 ]]; then
      echo "FAIL: every run finished within 0.3 s; nothing to interrupt"
      exit 1
    fi
    # Give it 10 s to stop (a run in flight finishes first); a hung process is killed.
    for _ in $(seq 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      fail "still running 10 s after SIG$signal; killing it"
      kill -s KILL "$pid"
    fi
    wait "$pid"
    rc=$?
    elapsed_ms=$((($(date +%s%N) - sent) / 1000000))
    echo "  exit code $rc, $elapsed_ms ms after the signal"
    expect_code 3 int
    [[ $elapsed_ms -le 5000 ]] || fail "took $elapsed_ms ms to stop after SIG$signal (limit 5 s)"
    expect_stderr int "interrupted"
    expect_no_file int.h5 int.h5.partial
    ;;

  version)
    run_cmd version "$bin" --version
    expect_code 0 version
    grep -q '^flashpoint [0-9]' version.out || fail "--version printed: $(cat version.out)"
    ;;

  no_subcommand)
    run_cmd none "$bin"
    expect_code 2 none
    expect_stderr none "subcommand"
    ;;

  *)
    echo "$0: unknown check '$check'" >&2
    exit 64
    ;;
esac

[[ $status -eq 0 ]] && echo "ok: $check"
exit $status
