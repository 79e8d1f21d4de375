#!/usr/bin/env bash
# Feeds one input that a fuzz target once crashed on (tests/data/fuzz_regressions) through the
# real command line and checks that it is now handled: exit code 0 (valid) or 2 with every problem
# located ("NAME: ..." or "NAME:LINE:COL: ..."), and no crash, sanitizer report or internal error.
#
#   check_regression.sh FLASHPOINT_BIN INPUT BASE_SCENARIO
#
# An input whose first line is "# expect: LINE:COL: text" must moreover be rejected with
# "INPUT:LINE:COL:" and "text" on stderr.
#
# set-*.txt inputs hold one `--set` string per line (at most 8, as fuzz_set reads them), given to
# `flashpoint run BASE_SCENARIO`; every other input is given to `flashpoint validate`.
set -uo pipefail
# shellcheck source-path=SCRIPTDIR source=../integration/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../integration/lib.sh"

if [[ $# -ne 3 ]]; then
  echo "usage: $0 FLASHPOINT_BIN INPUT BASE_SCENARIO" >&2
  exit 64
fi
bin=$1
input=$2
base=$3

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

names=("$input")
if [[ $(basename "$input") == set-* ]]; then
  args=()
  while IFS= read -r line || [[ -n $line ]]; do
    [[ ${#args[@]} -lt 8 ]] || break
    args+=("--set=$line")
    names+=("--set $line")
  done <"$input"
  names+=("$base")
  cmd=("$bin" run "$base" -r 1 -t 1 -q -o "$work/out.h5" "${args[@]}")
else
  cmd=("$bin" validate "$input")
fi
"${cmd[@]}" >"$work/stdout" 2>"$work/stderr"
code=$?

# rejected MESSAGE: the check fails, showing the command, its exit code and its stderr.
rejected() {
  echo "--- command: ${cmd[*]}"
  echo "--- exit code $code; stderr:"
  cat "$work/stderr"
  fail "$*"
}

[[ $code -lt 128 ]] || rejected "killed by signal $((code - 128))"
if grep -qE 'terminate called|Sanitizer|runtime error:|internal error|Assertion .* failed' \
  "$work/stderr"; then
  rejected "crash report on stderr"
fi
case $code in
  0) ;;
  2)
    grep -qE '^flashpoint: [0-9]+ problems? in the input\.$' "$work/stderr" ||
      rejected "no 'flashpoint: N problems in the input.' line"
    # Every problem line must start with a name this input stands for (the file, a --set string,
    # or a file that the input makes the command read).
    while IFS= read -r line; do
      [[ $line =~ ^flashpoint:\ [0-9]+\ problems?\ in\ the\ input\.$ ]] && continue
      located=0
      for n in "${names[@]}"; do
        [[ $line == "$n:"* ]] && located=1 && break
      done
      if [[ $located -eq 0 && $line =~ ^(/[^:]*|[^:/]*\.yaml):[0-9]+:[0-9]+:\  ]]; then
        located=1  # a problem in a scenario file that a sweep or comparison names
      fi
      [[ $located -eq 1 ]] || rejected "a problem that is not located: $line"
    done <"$work/stderr"
    ;;
  *) rejected "exit code $code, expected 0 or 2" ;;
esac
if first_line_expectation "$input"; then
  [[ $code -eq 2 ]] || rejected "exit code $code, expected 2 (the file starts with '# expect:')"
  for text in "${expected[@]}"; do
    grep -qF -- "$text" "$work/stderr" || rejected "stderr does not contain: $text"
  done
fi
echo "ok: exit code $code"
