#!/usr/bin/env bash
# `flashpoint inspect` on results files made to defeat it (docs/cli.md, "inspect";
# docs/reliability.md, "Damaged and foreign files"): 20,000 soft links in /runs, datasets and
# labels declaring 2e8 elements, tables whose shape disagrees with their coordinates or exceeds
# the caps. Each must finish (`timeout 60`) within `ulimit -v 1000000` (about 1 GB of address
# space, so that reading a declared 2e8-element dataset, 1.6 GB, fails), and either print the
# normal listing (exit 0) or refuse the file in one line naming the dataset, its shape and the
# shape expected (exit 2): never a crash, a hang, an "internal error" or HDF5's error stack.
#
#   check_inspect_faults.sh CASE FLASHPOINT_BIN PYTHON SOURCE_DIR WORK_DIR
#
# CASE `files` makes WORK_DIR/base.h5 (`flashpoint run tests/data/minimal.yaml`) and the damaged
# copies (tests/integration/check_faults_files.py --inspect, which describes each); any other
# CASE is the name of one copy, checked as the table below says.
set -uo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
check_args "$@"
case=$check
work=$root
files=$work/files

if [[ $case == files ]]; then
  rm -rf "$work"
  mkdir -p "$files"
  "$bin" run "$src/tests/data/minimal.yaml" -o "$work/base.h5" --quiet --force ||
    fail "flashpoint run failed"
  mapfile -t made < <("$python" "$src/tests/integration/check_faults_files.py" --inspect \
    "$work/base.h5" "$files")
  [[ ${#made[@]} -eq 10 ]] || fail "check_faults_files.py --inspect made ${#made[@]} files, not 10"
  ls -l "$files"
  exit 0
fi

# CASE -> "EXIT|TEXT|TEXT...": the exit code, then texts that must all appear (grep -F): in
# stdout for exit 0, in the first line of stderr for exit 2 (after "FILE: ").
declare -A expect=(
  [soft_links]="0|dimensions (/runs):|variables (/runs):|  escalation |links (/runs): 20000, not followed|  l0                     a soft link to /runs/escalation|  ... (20000 in all)|events: "
  [labels_huge]="0|  huge_labels 200000000 |, ... (200000000 in all)|variables (/runs):|events: "
  [sensitivity_ok]="0|sensitivity (morris) per outcome (/sensitivity):|fatalities_all|talks.incident_rate"
  [comparison_ok]="0|comparison (/comparison):|3 options x 2 scenarios x 8 replicates|ranked by the mean of fatalities_all"
  [sensitivity_huge]="2|/sensitivity/mu has the shape [200000000], but the coordinates of /sensitivity make it [6, 3] (outcome x parameter); the file may be damaged"
  [comparison_huge]="2|/comparison/mean has the shape [200000000], but the coordinates of /comparison make it [3, 6] (option x outcome); the file may be damaged"
  [sensitivity_shape]="2|/sensitivity/mu_star has the shape [6, 4], but the coordinates of /sensitivity make it [6, 3] (outcome x parameter)"
  [comparison_shape]="2|/comparison/rank has the shape [4], but the coordinates of /comparison make it [3] (option)"
  [sensitivity_cap]="2|/sensitivity/mu has the shape [5000, 4000] (outcome x parameter): 20000000 numbers, more than the 10000000 that inspect reads from a group"
  [sensitivity_labels]="2|the coordinate /sensitivity/outcome has the shape [2000000]: 2000000 labels, more than the 1000000 that inspect reads from a group"
)
[[ -n ${expect[$case]:-} ]] || fail "unknown case $case"
file=$files/$case.h5
[[ -f $file ]] || fail "no $file (the test integration.faults.inspect.files makes it)"
IFS='|' read -r -a parts <<<"${expect[$case]}"
want=${parts[0]}

# A sanitizer build reserves terabytes of address space and cannot start under the limit; it
# then runs without it (the allocation would still show in its own report). It is recognised by
# its libraries or options, not by trying: a failed start leaves a sanitizer report behind, which
# scripts/hardening.sh counts as a finding.
limit="ulimit -v 1000000"
if sanitizer_build "$bin" || ! (ulimit -v 1000000 && "$bin" --version >/dev/null 2>&1); then
  echo "note: $bin is a sanitizer build or does not start under ulimit -v 1000000; no limit"
  limit=":"
fi
(eval "$limit" && exec timeout 60 "$bin" inspect "$file") >"$work/$case.out" 2>"$work/$case.err"
code=$?
echo "flashpoint inspect $file: exit $code"
head -n 3 "$work/$case.err"
[[ $code -ne 124 ]] || fail "still running after 60 s"
[[ $code -lt 128 ]] || fail "exit code $code (a crash, signal $((code - 128)))"
if grep -q "internal error\|HDF5-DIAG\|bad_alloc" "$work/$case.err"; then
  fail "stderr shows an internal error, bad_alloc or HDF5's error stack"
fi
[[ $code -eq $want ]] || fail "exit code $code, expected $want"
if [[ $want -eq 0 ]]; then
  for text in "${parts[@]:1}"; do
    grep -qF -- "$text" "$work/$case.out" || fail "stdout does not contain: $text"
  done
  echo "ok: the listing is printed ($(wc -l <"$work/$case.out") lines)"
else
  first=$(head -n 1 "$work/$case.err")
  [[ $first == "$file: "* ]] || fail "the first line of stderr does not start with '$file: '"
  for text in "${parts[@]:1}"; do
    grep -qF -- "$text" <<<"$first" || fail "the first line of stderr does not contain: $text"
  done
  [[ ! -s $work/$case.out ]] || fail "stdout is not empty"
  echo "ok: refused in one line"
fi
