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
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bin=$1
scenario=$2
work=$3
check=file_size_limit
mkdir -p "$work"
out="$work/limited.h5"
rm -f "$out" "$out.partial"

# 300 KiB (bash's ulimit -f counts blocks of 1,024 bytes) cannot hold 3,000 runs of the scenario.
(ulimit -f 300; exec "$bin" run "$scenario" --replicates 3000 --threads 2 -o "$out") \
  >"$work/limited.out" 2>"$work/limited.err"
code=$?
refused limited 1 "^flashpoint: error: .*File too large"
grep -q "HDF5" "$work/limited.err" && note_fail "HDF5's error stack is shown to the user"
expect_no_file "$out" "$out.partial"
echo "--- stderr ---"
head -n 5 "$work/limited.err"
finish
