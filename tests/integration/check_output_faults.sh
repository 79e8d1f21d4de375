#!/usr/bin/env bash
# A run that cannot finish writing its results (file size limit reached, as on a full disk) must
# exit with code 1, say why, and leave neither a final file nor a temporary one.
#
#   check_output_faults.sh FLASHPOINT_BIN SCENARIO WORK_DIR
set -uo pipefail
bin=$1
scenario=$2
work=$3
mkdir -p "$work"
out="$work/limited.h5"
rm -f "$out" "$out.partial"

# 300 blocks of 512 bytes (150 kB) cannot hold 3,000 runs of the scenario.
(trap '' XFSZ; ulimit -f 300; "$bin" run "$scenario" --replicates 3000 --threads 2 -o "$out") \
  >"$work/stdout.txt" 2>"$work/stderr.txt"
code=$?
fail=0
if [[ $code -ne 1 ]]; then
  echo "FAIL: exit code $code, expected 1"
  fail=1
fi
if ! grep -q "error" "$work/stderr.txt"; then
  echo "FAIL: no error message on stderr"
  fail=1
fi
for f in "$out" "$out.partial"; do
  if [[ -e $f ]]; then
    echo "FAIL: $f exists after a failed write"
    fail=1
  fi
done
echo "--- stderr ---"
head -n 5 "$work/stderr.txt"
exit $fail
