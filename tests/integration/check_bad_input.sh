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
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

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
  first_line_expectation "$file" || fail "$file does not start with '# expect: LINE:COL: text'"
fi

check="$command $file"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
try_seconds=0  # no time limit of its own: ctest's
extra=()
if [[ $command == sweep || $command == compare || $command == calibrate ]]; then
  extra=(-o "$work/no_such_folder/out.h5")
fi
echo "+ $bin $command $file ${extra[*]} $*"
try input "$bin" "$command" "$file" "${extra[@]}" "$@"
expect input 2 ""
expect_stderr input "${expected[@]}"
finish
