#!/usr/bin/env bash
# The job scripts of scripts/slurm on a real (one-node) Slurm cluster: Debian's slurm-wlm and
# munge started by scripts/slurm/local-cluster.sh in the work folder, stopped at the end
# whatever happens. docs/experiments.md, "Slurm".
#
#   check_slurm.sh jobs FLASHPOINT_BIN PYTHON SOURCE_DIR WORK_DIR
#
# 1. a local sweep, the reference (2 threads, no Slurm);
# 2. the job array and its merge, submitted by scripts/slurm/submit-array.sh (3 shards of one
#    CPU each): while a shard runs, its task is suspended (scontrol suspend) and the output locks
#    are checked from outside: a second sweep, a second shard and an early merge
#    are refused (exit 2), the shard's refusal naming a process of the job; the merged file must
#    equal the reference;
# 3. the MPI job scripts/slurm/sweep-mpi.sbatch with 4 ranks (srun --mpi=pmix; the node has 4
#    CPUs over however many cores): suspended while it runs, a second writer is refused naming
#    rank 0, which belongs to the job; then it is requeued in the middle (scontrol requeue) and
#    must finish with --resume, keeping the runs journaled before; the file must equal the
#    reference.
# Every wait is bounded. Without Slurm or munge, or not as root, the check is skipped (exit 77),
# unless CI or FLASHPOINT_SLURM=1 is set: then that is a failure.
set -uo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
begin_check "$@"
[[ $check == jobs ]] || fail "unknown check $check"
try_seconds=60
job_seconds=300 # the longest wait for one job to finish

cluster=$work/cluster
# 4 CPUs, whatever the machine has (2 cores in CI): the MPI job has 4 ranks of one CPU.
bash "$src/scripts/slurm/local-cluster.sh" start "$cluster" 4
code=$?
if [[ $code -eq 77 ]]; then
  [[ -n ${CI:-} || ${FLASHPOINT_SLURM:-} == 1 ]] && fail "Slurm cannot run here (see above)"
  echo "SKIP: Slurm cannot run here (see above)"
  exit "$SKIP"
fi
# shellcheck disable=SC2317 # called by the trap
stop_cluster() { bash "$src/scripts/slurm/local-cluster.sh" stop "$cluster"; }
trap stop_cluster EXIT
[[ $code -eq 0 ]] || fail "the local cluster did not start"
export SLURM_CONF=$cluster/slurm.conf FLASHPOINT=$bin
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1

sed "s#^scenario: .*#scenario: $src/scenarios/pak-afg-2025.yaml#" \
  "$src/tests/data/experiments/sweep_slurm.yaml" >"$work/sweep.yaml"
sweep=$work/sweep.yaml
"$bin" sweep "$sweep" -o "$work/local.h5" --threads 2 --quiet || fail "the local sweep failed"
echo "local sweep: $work/local.h5"

# job_field JOB FIELD: FIELD=value of `scontrol show job JOB`, one line per job (array task).
job_field() {
  scontrol show job -o "$1" 2>/dev/null | grep -o "\b$2=[^ ]*" | cut -d= -f2
}

# wait_jobs JOB...: waits (at most $job_seconds) until every job and array task has ended;
# true when each COMPLETED with exit code 0:0. Prints the states.
wait_jobs() {
  local job states ok=0
  for _ in $(seq $((job_seconds * 5))); do
    states=$(for job in "$@"; do job_field "$job" JobState; done)
    grep -qvE '^(COMPLETED|FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY|BOOT_FAIL|DEADLINE|PREEMPTED)$' \
      <<<"$states" || { ok=1; break; }
    sleep 0.2
  done
  for job in "$@"; do
    scontrol show job -o "$job" | grep -oE "^JobId=[^ ]*|\b(ArrayTaskId|JobState|ExitCode|RunTime)=[^ ]*" |
      paste -sd ' ' | sed 's/ JobId=/\n  JobId=/g; s/^/  /'
  done
  [[ $ok -eq 1 ]] || { echo "FAIL: still running after $job_seconds s"; return 1; }
  for job in "$@"; do
    job_field "$job" JobState | grep -qv '^COMPLETED$' && return 1
    job_field "$job" ExitCode | grep -qv '^0:0$' && return 1
  done
  return 0
}

# live_holder FILE: prints the pid that FILE (a lock) names, when that process is alive.
live_holder() {
  local pid
  pid=$(grep -o 'pid [0-9]*' "$1" 2>/dev/null | head -n 1 | grep -o '[0-9]*$')
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

# wait_holder FILE...: waits (30 s at most) until one of the lock FILEs names a live process;
# sets holder (its pid) and held (that FILE).
wait_holder() {
  local file
  for _ in $(seq 1500); do
    for file in "$@"; do
      holder=$(live_holder "$file") && held=$file && return 0
    done
    sleep 0.02
  done
  return 1
}

# of_job PID JOB: PID is one of the processes Slurm started for JOB on this node.
of_job() { scontrol listpids "$2" 2>/dev/null | awk 'NR > 1 {print $1}' | grep -qx "$1"; }

show_logs() {
  local log
  for log in "$work"/flashpoint-*.log; do
    [[ -e $log ]] && echo "--- $log:" && tail -n 20 "$log"
  done
}

echo "== the job array (3 shards) and its merge: scripts/slurm/submit-array.sh"
out=$work/array.h5
"$src/scripts/slurm/submit-array.sh" --cpus-per-task=1 --chdir="$work" "$sweep" "$out" 3 \
  >"$work/submit.txt" 2>&1 || { cat "$work/submit.txt"; fail "submit-array.sh"; }
cat "$work/submit.txt"
array=$(sed -n 's/^shards: job \([0-9]*\) .*/\1/p' "$work/submit.txt")
merge=$(sed -n 's/^merge: job \([0-9]*\) .*/\1/p' "$work/submit.txt")
[[ -n $array && -n $merge ]] || fail "no job ids in the output of submit-array.sh"

if ! wait_holder "$out".shard{1,2,3}of3.lock; then
  show_logs
  fail "no shard of job $array was seen holding its lock"
fi
shard_lock=$held
shard=${held#"$out".shard}
shard=${shard%%of3.lock}
# The array task of that shard (a job of its own; scontrol listpids names its processes) is
# suspended: its processes stop (SIGSTOP) with their locks held.
owner=
for task in $(squeue -h -j "$array" -o %A); do of_job "$holder" "$task" && owner=$task; done
[[ -n $owner ]] || { show_logs; fail "pid $holder, named in $shard_lock, is not a process of job $array"; }
scontrol suspend "$owner" || fail "scontrol suspend $owner"
kill -0 "$holder" 2>/dev/null || fail "shard $shard (pid $holder) ended before it was suspended"
echo "array task $owner (shard $shard/3, pid $holder, holding $shard_lock) suspended"
try second_sweep "$bin" sweep "$sweep" -o "$out" --threads 1 --quiet
expect second_sweep 2 "another flashpoint process is writing .*shards of this output are running"
try second_shard "$bin" sweep "$sweep" -o "$out" --shard "$shard/3" --resume --threads 1 --quiet
expect second_shard 2 "another flashpoint process is writing shard $shard/3 .*pid $holder on"
try early_merge "$bin" merge "$sweep" -o "$out"
expect early_merge 2 "another flashpoint process is writing"
scontrol resume "$owner" || fail "scontrol resume $owner"
wait_jobs "$array" "$merge" || { show_logs; fail "the job array or its merge did not complete"; }
if same "$work/local.h5" "$out"; then
  echo "the merged file of job $array equals the local sweep"
else
  note_fail "the merged file of the job array differs from the local sweep"
fi
expect_no_file "$out.lock" "$out.parts"
grep -q "^status: complete" "$work/flashpoint-merge-$merge.log" ||
  note_fail "the merge job's log does not show flashpoint inspect"

echo "== the MPI job (4 ranks, srun --mpi=pmix): scripts/slurm/sweep-mpi.sbatch"
out=$work/mpi.h5
mpi=$(sbatch --parsable --chdir="$work" --nodes=1 --ntasks-per-node=4 --cpus-per-task=1 \
  "$src/scripts/slurm/sweep-mpi.sbatch" "$sweep" "$out") ||
  fail "sbatch sweep-mpi.sbatch"
echo "MPI job $mpi"
wait_holder "$out.lock" || { show_logs; fail "job $mpi was not seen holding $out.lock"; }
scontrol suspend "$mpi" || fail "scontrol suspend $mpi"
ranks=$(scontrol listpids "$mpi" 2>/dev/null | awk 'NR > 1 && $3 ~ /^[0-9]+$/ {print $1}' |
  while read -r pid; do [[ $(cat "/proc/$pid/comm" 2>/dev/null) == flashpoint ]] && echo "$pid"; done |
  wc -l)
echo "job $mpi suspended while rank 0 (pid $holder) holds $out.lock; flashpoint processes: $ranks"
[[ $ranks -eq 4 ]] || note_fail "job $mpi runs $ranks flashpoint processes, not 4 ranks"
of_job "$holder" "$mpi" || note_fail "pid $holder, named in $out.lock, is not a process of job $mpi"
try mpi_second "$bin" sweep "$sweep" -o "$out" --resume --threads 1 --quiet
expect mpi_second 2 "another flashpoint process is writing this output .*pid $holder on"
scontrol resume "$mpi" || fail "scontrol resume $mpi"
# Requeued in the middle (as after a node failure or preemption): Slurm stops the ranks with
# SIGTERM, starts the job again, and --resume keeps the runs already journaled.
for _ in $(seq 1500); do
  [[ $(journal_bytes "$out") -gt 200000 ]] && break
  sleep 0.02
done
journaled=$(journal_bytes "$out")
scontrol requeue "$mpi" || fail "scontrol requeue $mpi"
echo "job $mpi requeued with $journaled bytes of journals in $out.parts"
wait_jobs "$mpi" || { show_logs; fail "the MPI job did not complete"; }
restarts=$(job_field "$mpi" Restarts)
[[ $restarts == 1 ]] || note_fail "job $mpi restarted $restarts times, not once"
echo "--- $work/flashpoint-sweep-$mpi.log:"
cat "$work/flashpoint-sweep-$mpi.log"
kept=$(sed -n 's/.*, \([0-9]*\) kept from before.*/\1/p' "$work/flashpoint-sweep-$mpi.log" | tail -n 1)
[[ ${kept:-0} -gt 0 ]] || note_fail "the requeued job kept no run from before it was requeued"
if same "$work/local.h5" "$out"; then
  echo "the file of MPI job $mpi equals the local sweep"
else
  note_fail "the file of the MPI job differs from the local sweep"
fi
expect_no_file "$out.lock" "$out.parts"
finish
