# shellcheck shell=bash disable=SC2034,SC2154
# Helpers shared by the check scripts of tests/integration (and tests/fuzz/check_regression.sh),
# each defined once here. A script sources this file relative to its own location:
#
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
# Failing: `fail` stops the check at once; `note_fail` counts a failure and lets the check go on
# (so that one run lists them all), and `finish` then ends it with exit code 1. A check that
# cannot be made here exits $SKIP (ctest's SKIP_RETURN_CODE).
#
# Commands: `try NAME CMD...` runs CMD with its stdout and stderr in $work/NAME.out and
# $work/NAME.err and sets $code; `expect`, `refused`, `expect_stderr` and `only_line` then check
# them. The script sets $work (and $python and $src for `same`). (shellcheck: the variables this
# file sets are the scripts', and the scripts set the ones it reads.)

readonly SKIP=77
failures=0
try_seconds=30  # the time limit of `try`; 0: none

# fail MESSAGE: the check fails at once (exit code 1).
fail() {
  echo "FAIL: $*"
  exit 1
}

# note_fail MESSAGE: a failure that does not stop the check; `finish` counts it.
note_fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# finish: ends the check: exit code 1 when any failure was noted, else 0.
finish() {
  if [[ $failures -gt 0 ]]; then
    echo "FAIL: ${check:-$0}: $failures failure(s)"
    exit 1
  fi
  echo "PASS: ${check:-$0}"
  exit 0
}

# check_args "$@": the arguments of a check script, CHECK FLASHPOINT_BIN PYTHON SOURCE_DIR
# WORK_DIR; sets check, bin, python, src and root. Fewer is a usage error (exit code 64).
check_args() {
  if [[ $# -lt 5 ]]; then
    echo "usage: $0 CHECK FLASHPOINT_BIN PYTHON SOURCE_DIR WORK_DIR" >&2
    exit 64
  fi
  check=$1 bin=$2 python=$3 src=$4 root=$5
}

# begin_check "$@": check_args, then WORK_DIR/CHECK made empty and the current folder, $work.
begin_check() {
  check_args "$@"
  work=$root/$check
  fresh_dir "$work"
}

# fresh_dir DIR: DIR made empty (created when missing) and made the current folder.
fresh_dir() {
  rm -rf "$1"
  if ! mkdir -p "$1" || ! cd "$1"; then
    fail "cannot make the folder $1"
  fi
}

# try NAME CMD...: runs CMD under `timeout $try_seconds`, stdout in $work/NAME.out and stderr in
# $work/NAME.err; sets $code. A hang (124) or a crash (exit code 128 or more) is a failure.
try() {
  local name=$1
  shift
  timeout "$try_seconds" "$@" >"$work/$name.out" 2>"$work/$name.err"
  code=$?
  if [[ $try_seconds -gt 0 && $code -eq 124 ]]; then
    note_fail "$name: still running after $try_seconds s (a hang): $*"
  elif [[ $code -ge 128 ]]; then
    note_fail "$name: exit code $code (a crash, signal $((code - 128))): $*"
    tail -n 20 "$work/$name.err"
  fi
}

# show_output NAME: the stdout and stderr of `try NAME` (their first 40 lines), after a failure.
show_output() {
  echo "--- stdout of $1:" && head -n 40 "$work/$1.out"
  echo "--- stderr of $1:" && head -n 40 "$work/$1.err"
}

# expect NAME CODE PATTERN: the last `try NAME` exited with CODE and its stderr matches PATTERN
# (an extended regular expression, anywhere; empty: anything). Prints a line of what it said.
expect() {
  local name=$1 want=$2 pattern=$3
  local said
  said=$(grep -v "^flashpoint: [0-9]* problems\? in the input" "$work/$name.err" | head -n 1)
  if [[ $code -ne $want ]]; then
    note_fail "$name: exit code $code, expected $want; stderr: $said"
    show_output "$name"
    return
  fi
  if [[ -n $pattern ]] && ! grep -Eq -- "$pattern" "$work/$name.err"; then
    note_fail "$name: stderr does not match /$pattern/: $(head -c 400 "$work/$name.err")"
  fi
  printf '  %-34s exit %s  %s\n' "$name" "$code" "${said:0:150}"
}

# refused NAME CODE PATTERN: the last `try NAME` exited with CODE and said why in the first line
# of its stderr (matching the extended regular expression PATTERN); HDF5's own error stack is
# never shown.
refused() {
  local name=$1 want=$2 pattern=$3
  local first
  first=$(head -n 1 "$work/$name.err")
  if [[ $code -ne $want ]]; then
    note_fail "$name: exit code $code, expected $want; stderr: $first"
    show_output "$name"
    return
  fi
  if ! grep -Eq -- "$pattern" <<<"$first"; then
    note_fail "$name: the first line of stderr does not match /$pattern/: $first"
  fi
  if grep -q "HDF5-DIAG" "$work/$name.err"; then
    note_fail "$name: HDF5's error stack is printed on stderr"
  fi
  printf '  %-34s exit %s  %s\n' "$name" "$code" "$first"
}

# expect_stderr NAME TEXT...: the stderr of `try NAME` contains every TEXT (fixed strings).
expect_stderr() {
  local name=$1 text missing=0
  shift
  for text in "$@"; do
    if ! grep -qF -- "$text" "$work/$name.err"; then
      note_fail "$name: stderr does not contain: $text"
      missing=1
    fi
  done
  if [[ $missing -ne 0 ]]; then
    echo "--- stderr of $name:" && head -n 40 "$work/$name.err"
  fi
  return 0
}

# only_line NAME: the stderr of `try NAME` is one line.
only_line() {
  if [[ $(wc -l <"$work/$1.err") -ne 1 ]]; then
    note_fail "$1: stderr has $(wc -l <"$work/$1.err") lines, not one"
    head -n 40 "$work/$1.err"
  fi
}

# expect_no_file PATH...: none of the paths exists.
expect_no_file() {
  local p
  for p in "$@"; do
    if [[ -e $p ]]; then
      note_fail "$p exists but should not"
    fi
  done
  return 0
}

# same A B: results files A and B hold the same data (tests/integration/compare_results.py: every
# dataset and attribute but created_utc and command_line); what differs is printed.
same() {
  local said
  said=$("$python" "$src/tests/integration/compare_results.py" "$1" "$2" 2>&1) && return 0
  echo "$said" | head -n 40
  return 1
}

# journal_bytes OUT: bytes in the journals OUT.parts/*.journal (0 when there are none).
journal_bytes() { cat "$1".parts/*.journal 2>/dev/null | wc -c; }

# sanitizer_build BIN: BIN is a sanitizer build (by its libraries or the options in the
# environment), which reserves terabytes of address space and cannot start under `ulimit -v`.
sanitizer_build() {
  ldd "$1" 2>/dev/null | grep -qE 'lib(a|t|ub)san' || [[ -n ${ASAN_OPTIONS:-}${TSAN_OPTIONS:-} ]]
}

# first_line_expectation FILE: when FILE's first line is "# expect: LINE:COL: text" (a file of
# bad input), sets the array `expected` to what stderr must contain, "FILE:LINE:COL:" and
# "text"; else returns 1.
first_line_expectation() {
  local first
  first=$(head -n 1 "$1" | tr -d '\r')
  [[ $first =~ ^#\ expect:\ ([0-9]+):([0-9]+):\ (.+)$ ]] || return 1
  expected=("$1:${BASH_REMATCH[1]}:${BASH_REMATCH[2]}:" "${BASH_REMATCH[3]}")
}
