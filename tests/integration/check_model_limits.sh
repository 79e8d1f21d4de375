#!/usr/bin/env bash
# Runs that valid input can push past what the model or the machine can hold, through the real
# CLI (docs/reliability.md, "Invariants checked every day" and "Resource bounds"; docs/cli.md,
# "Exit codes"): each must end with a one-line message and its documented exit code, never with
# NaN in a results file, a crash or an unbounded allocation.
#
#   check_model_limits.sh CHECK FLASHPOINT_BIN SOURCE_DIR WORK_DIR PYTHON
#
# CHECK is one of:
#   diverging_run    tests/data/diverging.yaml (Richardson's k*k > a*a): exit 1, the message names
#                    run 0, day 8,220 and its date, the hostility of NTH toward STH and the
#                    condition; no results file, no .partial
#   diverging_sweep  tests/data/experiments/sweep_diverging.yaml on one thread: exit 1, the same
#                    kind of message for run 2, and the journal keeps runs 0 and 1
set -uo pipefail
if [[ $# -lt 5 ]]; then
  echo "usage: $0 CHECK FLASHPOINT_BIN SOURCE_DIR WORK_DIR PYTHON" >&2
  exit 64
fi
check=$1
bin=$2
src=$3
work=$4/$check
python=$5
rm -rf "$work"
mkdir -p "$work" || exit 1
cd "$work" || exit 1

status=0
fail() {
  echo "FAIL: $*"
  status=1
}

# run_cmd NAME ARGS...: runs ARGS under `timeout 120` with stdout in NAME.out and stderr in
# NAME.err; sets $rc. A hang or a crash fails the check.
run_cmd() {
  local name=$1
  shift
  echo "+ $*"
  timeout 120 "$@" >"$name.out" 2>"$name.err"
  rc=$?
  echo "  exit code $rc"
  if [[ $rc -eq 124 || $rc -ge 128 ]]; then
    fail "$name: a hang or a crash (exit code $rc)"
  fi
}

# expect_code CODE NAME: the last command (saved as NAME) exited with CODE.
expect_code() {
  if [[ $rc -ne $1 ]]; then
    fail "$2: exit code $rc, expected $1"
    echo "--- stdout:" && cat "$2.out"
    echo "--- stderr:" && cat "$2.err"
  fi
}

# expect_first_line NAME REGEX: the first line of NAME.err matches the extended REGEX, and it is
# the only line.
expect_first_line() {
  if ! head -n 1 "$1.err" | grep -qE -- "$2"; then
    fail "$1: the first line of stderr does not match: $2"
    echo "--- stderr:" && cat "$1.err"
  fi
  if [[ $(wc -l <"$1.err") -ne 1 ]]; then
    fail "$1: stderr has more than one line"
    cat "$1.err"
  fi
}

# The located message of tests/data/diverging.yaml's hostility overflow, without the run.
diverged_re="the hostility of NTH toward STH is not finite \(inf\); Richardson's system diverges when k_ij\*k_ji > a_i\*a_j .* = 0\.01 > the fatigues a\(NTH\) x a\(STH\) = 0\.01 x 0\.01 = 0\.0001"

case $check in
  diverging_run)
    run_cmd run "$bin" run "$src/tests/data/diverging.yaml" -o out.h5 -t 1
    expect_code 1 run
    expect_first_line run "^flashpoint: error: run 0 \(seed [0-9]+\): day 8,220 \(2047-09-02\): $diverged_re"
    for f in out.h5 out.h5.partial; do
      [[ -e $f ]] && fail "$f exists after a diverging run"
    done
    ;;
  diverging_sweep)
    run_cmd sweep "$bin" sweep "$src/tests/data/experiments/sweep_diverging.yaml" -o out.h5 -t 1
    expect_code 1 sweep
    expect_first_line sweep "^flashpoint: error: run 2 \(seed [0-9]+\): day 8,[0-9]{3} \(2047-[0-9-]+\): $diverged_re; lower relations\[\]\.reaction or raise the states. hostility_fatigue\. The sweep stopped; the 2 runs it finished are kept in out\.h5\.parts"
    [[ -e out.h5 ]] && fail "out.h5 exists after a diverging sweep"
    tail=$("$python" "$src/tests/integration/check_faults_files.py" --journal-tail out.h5.parts)
    echo "  journal: $tail"
    [[ $tail == "2 runs journaled" ]] || fail "the journal holds '$tail', expected the 2 finished runs"
    ;;
  *)
    echo "unknown check $check" >&2
    exit 64
    ;;
esac
[[ $status -eq 0 ]] && echo "ok: $check"
exit $status
