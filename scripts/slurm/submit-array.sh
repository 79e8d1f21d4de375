#!/usr/bin/env bash
# Submits a sharded sweep or comparison as a Slurm job array and its merge step, which starts
# only when every shard succeeded.
#
#   scripts/slurm/submit-array.sh SWEEP.yaml OUT.h5 SHARDS
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
sweep=${1:?usage: submit-array.sh SWEEP.yaml OUT.h5 SHARDS}
out=${2:?usage: submit-array.sh SWEEP.yaml OUT.h5 SHARDS}
shards=${3:?usage: submit-array.sh SWEEP.yaml OUT.h5 SHARDS}
command -v sbatch >/dev/null || { echo "submit-array.sh: sbatch not found (is this a Slurm login node?)" >&2; exit 1; }
array=$(sbatch --parsable --array="1-$shards" "$here/sweep-array.sbatch" "$sweep" "$out")
echo "shards: job $array (1-$shards)"
merge=$(sbatch --parsable --dependency="afterok:$array" "$here/merge.sbatch" "$sweep" "$out")
echo "merge: job $merge (after $array)"
