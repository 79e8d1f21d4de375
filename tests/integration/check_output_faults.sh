#!/usr/bin/env bash
# A run that cannot finish writing its results (file size limit reached, as on a full disk) must
# exit with code 1, say why in one line (the system's reason, not HDF5's error stack), and leave
# neither a final file nor a temporary one. The limit must not kill it: flashpoint ignores
# SIGXFSZ, so that the write fails with EFBIG as it would with ENOSPC on a full disk. (The same
# for sweep, compare and merge, and on a real full tmpfs: check_experiment_faults.sh
# disk_full_ulimit and disk_full_tmpfs.)
#
#   check_output_faults.sh FLASHPOINT_BIN SCENARIO WORK_DIR
set -uo pipefail
bin=$1
scenario=$2
work=$3
mkdir -p "$work"
out="$work/limited.h5"
rm -f "$out" "$out.partial"

# 300 KiB (bash's ulimit -f counts blocks of 1,024 bytes) cannot hold 3,000 runs of the scenario.
(ulimit -f 300; exec "$bin" run "$scenario" --replicates 3000 --threads 2 -o "$out") \
  >"$work/stdout.txt" 2>"$work/stderr.txt"
code=$?
fail=0
if [[ $code -ne 1 ]]; then
  echo "FAIL: exit code $code, expected 1"
  fail=1
fi
if ! head -n 1 "$work/stderr.txt" | grep -q "^flashpoint: error: .*File too large"; then
  echo "FAIL: the first line of stderr does not say 'flashpoint: error: ... File too large'"
  fail=1
fi
if grep -q "HDF5" "$work/stderr.txt"; then
  echo "FAIL: HDF5's error stack is shown to the user"
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
