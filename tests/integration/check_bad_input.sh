#!/usr/bin/env bash
# Runs `flashpoint COMMAND FILE [ARGS...]` (COMMAND is validate unless --command says otherwise)
# and checks that it rejects the input: exit code 2 and every expected text on stderr.
#
#   check_bad_input.sh FLASHPOINT_BIN FILE [--command CMD] [--expect TEXT]... [-- ARGS...]
#
# With --command sweep or compare, an output path in a folder that does not exist is passed, so
# that nothing is ever written: the input is checked before the output.
#
# Without --expect, the expectation comes from FILE's first line, "# expect: LINE:COL: text":
# stderr must contain "FILE:LINE:COL:" and "text".
set -uo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: $0 FLASHPOINT_BIN FILE [--command CMD] [--expect TEXT]... [-- ARGS...]" >&2
  exit 64
fi
bin=$1
file=$2
shift 2
expected=()
command=validate
while [[ $# -gt 0 ]]; do
  case $1 in
    --expect) expected+=("$2"); shift 2 ;;
    --command) command=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "$0: unexpected argument '$1'" >&2; exit 64 ;;
  esac
done

if [[ ${#expected[@]} -eq 0 ]]; then
  first=$(head -n 1 "$file" | tr -d '\r')
  if [[ ! $first =~ ^#\ expect:\ ([0-9]+):([0-9]+):\ (.+)$ ]]; then
    echo "FAIL: $file does not start with '# expect: LINE:COL: text'" >&2
    exit 1
  fi
  expected=("$file:${BASH_REMATCH[1]}:${BASH_REMATCH[2]}:" "${BASH_REMATCH[3]}")
fi

stderr_file=$(mktemp)
trap 'rm -f "$stderr_file"' EXIT
extra=()
if [[ $command == sweep || $command == compare ]]; then
  extra=(-o "$stderr_file.no_such_folder/out.h5")
fi
"$bin" "$command" "$file" "${extra[@]}" "$@" >/dev/null 2>"$stderr_file"
code=$?

status=0
if [[ $code -ne 2 ]]; then
  echo "FAIL: exit code $code, expected 2" >&2
  status=1
fi
for text in "${expected[@]}"; do
  if ! grep -qF -- "$text" "$stderr_file"; then
    echo "FAIL: stderr does not contain: $text" >&2
    status=1
  fi
done
if [[ $status -ne 0 ]]; then
  echo "--- stderr of: $bin $command $file ${extra[*]} $*" >&2
  cat "$stderr_file" >&2
fi
exit $status
