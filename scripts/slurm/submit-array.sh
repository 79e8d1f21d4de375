#!/usr/bin/env bash
# Submits a sharded sweep or comparison as a Slurm job array and its merge step, which starts
# only when every shard succeeded.
#
#   scripts/slurm/submit-array.sh [SBATCH OPTION...] SWEEP.yaml OUT.h5 SHARDS
#
# Options before SWEEP.yaml (in the --name=value form) go to both sbatch calls, after the #SBATCH lines of the scripts,
# which they override: the cluster's account and partition, CPUs per shard, a time limit, the
# working folder, e.g.
#
#   scripts/slurm/submit-array.sh --account=proj42 --partition=short --cpus-per-task=16 \
#     sweep.yaml /scratch/me/sweep.h5 32
#
# Prints the two job ids ("shards: job N (1-SHARDS)", "merge: job M (after N)").
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
usage="usage: submit-array.sh [SBATCH OPTION...] SWEEP.yaml OUT.h5 SHARDS"
options=()
while [ $# -gt 0 ] && [ "${1#-}" != "$1" ]; do
  options+=("$1")
  shift
done
[ $# -eq 3 ] || { echo "$usage" >&2; exit 2; }
sweep=$1 out=$2 shards=$3
case $shards in
  '' | *[!0-9]* | 0) echo "submit-array.sh: SHARDS must be a whole number >= 1, not '$shards'" >&2; exit 2 ;;
esac
command -v sbatch >/dev/null || { echo "submit-array.sh: sbatch not found (is this a Slurm login node?)" >&2; exit 1; }
array=$(sbatch --parsable ${options[@]+"${options[@]}"} --array="1-$shards" "$here/sweep-array.sbatch" "$sweep" "$out")
echo "shards: job $array (1-$shards)"
merge=$(sbatch --parsable ${options[@]+"${options[@]}"} --dependency="afterok:$array" "$here/merge.sbatch" "$sweep" "$out")
echo "merge: job $merge (after $array)"
