#!/usr/bin/env bash
# Integration checks of `flashpoint sweep`, `compare` and `merge` through the real CLI and real
# files (docs/experiments.md). Each check compares results files with compare_results.py, which
# looks at every dataset and attribute (only created_utc and command_line may differ).
#
#   check_experiments.sh CHECK FLASHPOINT_BIN PYTHON SOURCE_DIR WORK_DIR
#
# CHECK is one of:
#   threads        the sweep at 1 and 2 threads gives the same file
#   kill_resume    SIGKILL six times (at once, then after each few runs), --resume each time:
#                  the same file as an uninterrupted sweep
#   signals        SIGINT and SIGTERM stop with exit 3 after the runs in flight; --resume finishes
#   changed_design --resume refuses a journal of another design (exit 2), --force starts again
#   shards         --shard 1/3, 2/3, 3/3 then `flashpoint merge`: same file as one process
#   mpi            mpirun -np 2 (1 and 2 threads each) and -np 4 --oversubscribe: same file as one
#                  process, for a sweep and a comparison (builds with FLASHPOINT_MPI only)
#   compare        the comparison prints its table, and at 1 and 2 threads gives the same file
set -uo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
begin_check "$@"
sweep=$src/tests/data/experiments/sweep_small.yaml
comparison=$src/tests/data/experiments/compare_small.yaml
reference() {  # one uninterrupted sweep, single-threaded
  "$bin" sweep "$sweep" -o "$work/ref.h5" --threads 1 --quiet || fail "the reference sweep failed"
}

case $check in
threads)
  reference
  "$bin" sweep "$sweep" -o "$work/t2.h5" --threads 2 --quiet || fail "sweep at 2 threads"
  same "$work/ref.h5" "$work/t2.h5" || fail "1 and 2 threads differ"
  ;;

kill_resume)
  reference
  out=$work/killed.h5
  # The first attempt is killed at once (before any run is journaled, or while the first runs
  # are written); each later attempt as soon as its journal has grown by at least one run.
  kills=0
  for attempt in 1 2 3 4 5 6; do
    flags=()
    [[ -d $out.parts ]] && flags=(--resume)
    before=$(journal_bytes "$out")
    "$bin" sweep "$sweep" -o "$out" --threads 2 --quiet "${flags[@]}" &
    pid=$!
    if [[ $attempt -gt 1 ]]; then
      for _ in $(seq 2000); do
        [[ $(journal_bytes "$out") -gt $((before + 20000)) ]] && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.005
      done
    fi
    if kill -KILL "$pid" 2>/dev/null; then
      kills=$((kills + 1))
      echo "attempt $attempt killed (journals: $(journal_bytes "$out") bytes)"
    fi
    wait "$pid" 2>/dev/null
    [[ -e $out ]] && break
  done
  [[ -e $out ]] || "$bin" sweep "$sweep" -o "$out" --threads 2 --resume ||
    fail "the final --resume failed"
  [[ $kills -ge 5 ]] || fail "only $kills kills landed before the sweep finished"
  [[ -d $out.parts ]] && fail "the journals were not removed after assembly"
  same "$work/ref.h5" "$out" || fail "the resumed sweep differs from the uninterrupted one"
  echo "$kills kills, resumed: identical"
  ;;

signals)
  reference
  for sig in INT TERM; do
    out=$work/sig$sig.h5
    "$bin" sweep "$sweep" -o "$out" --threads 2 --quiet &
    pid=$!
    for _ in $(seq 2000); do  # until a few runs are journaled
      [[ $(journal_bytes "$out") -gt 100000 ]] && break
      sleep 0.005
    done
    kill -"$sig" "$pid"
    wait "$pid"
    code=$?
    [[ $code -eq 3 ]] || fail "SIG$sig: exit code $code, expected 3"
    [[ -e $out ]] && fail "SIG$sig: a results file exists after an interrupted sweep"
    [[ -d $out.parts ]] || fail "SIG$sig: the journals are gone"
    "$bin" sweep "$sweep" -o "$out" --threads 2 --resume --quiet || fail "SIG$sig: --resume"
    same "$work/ref.h5" "$out" || fail "SIG$sig: resumed sweep differs"
  done
  ;;

changed_design)
  out=$work/changed.h5
  "$bin" sweep "$sweep" -o "$out" --threads 2 --quiet &
  pid=$!
  for _ in $(seq 2000); do
    [[ $(journal_bytes "$out") -gt 100000 ]] && break
    sleep 0.005
  done
  kill -KILL "$pid"
  wait "$pid" 2>/dev/null
  [[ -d $out.parts ]] || fail "no journals after the kill"
  sed 's/^seed: 99$/seed: 100/' "$sweep" >"$work/changed.yaml"
  sed -i "s#^scenario: .*#scenario: $src/scenarios/pak-afg-2025.yaml#" "$work/changed.yaml"
  "$bin" sweep "$work/changed.yaml" -o "$out" --resume 2>"$work/stderr.txt"
  code=$?
  [[ $code -eq 2 ]] || fail "resume of a changed design: exit $code, expected 2"
  grep -q "belongs to another design" "$work/stderr.txt" || fail "no 'another design' message"
  "$bin" sweep "$work/changed.yaml" -o "$out" 2>"$work/stderr2.txt"
  code=$?
  [[ $code -eq 2 ]] || fail "a second start without --resume: exit $code, expected 2"
  grep -q "Pass --force" "$work/stderr2.txt" || fail "no hint to pass --force"
  "$bin" sweep "$work/changed.yaml" -o "$out" --force --quiet || fail "--force did not start again"
  ;;

shards)
  reference
  out=$work/sharded.h5
  for i in 1 2 3; do
    "$bin" sweep "$sweep" -o "$out" --shard "$i/3" --threads 1 >"$work/shard$i.txt" ||
      fail "shard $i/3"
    [[ -e $out ]] && fail "a shard wrote the results file before the merge"
  done
  grep -q "flashpoint merge" "$work/shard3.txt" || fail "the shard did not say how to merge"
  "$bin" merge "$sweep" -o "$out" || fail "merge"
  same "$work/ref.h5" "$out" || fail "the merged shards differ from one process"
  ;;

mpi)
  reference
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
  mpirun -np 2 "$bin" sweep "$sweep" -o "$work/mpi.h5" --threads 1 --quiet ||
    fail "mpirun -np 2 flashpoint sweep"
  same "$work/ref.h5" "$work/mpi.h5" || fail "2 MPI ranks differ from one process"
  mpirun -np 2 "$bin" sweep "$sweep" -o "$work/mpi_t2.h5" --threads 2 --quiet ||
    fail "mpirun -np 2 with 2 threads each"
  same "$work/ref.h5" "$work/mpi_t2.h5" || fail "2 ranks x 2 threads differ from one process"
  # More ranks than CPUs: 4 ranks on the 2 cores of CI.
  mpirun -np 4 --oversubscribe "$bin" sweep "$sweep" -o "$work/mpi4.h5" --threads 1 --quiet ||
    fail "mpirun -np 4 --oversubscribe flashpoint sweep"
  same "$work/ref.h5" "$work/mpi4.h5" || fail "4 MPI ranks differ from one process"
  "$bin" compare "$comparison" -o "$work/cmp1.h5" --threads 1 --quiet || fail "compare"
  mpirun -np 2 "$bin" compare "$comparison" -o "$work/cmp_mpi.h5" --threads 1 --quiet ||
    fail "mpirun -np 2 flashpoint compare"
  same "$work/cmp1.h5" "$work/cmp_mpi.h5" || fail "compare under MPI differs"
  mpirun -np 4 --oversubscribe "$bin" compare "$comparison" -o "$work/cmp_mpi4.h5" --threads 1 \
    --quiet || fail "mpirun -np 4 --oversubscribe flashpoint compare"
  same "$work/cmp1.h5" "$work/cmp_mpi4.h5" || fail "compare on 4 MPI ranks differs"
  ;;

compare)
  "$bin" compare "$comparison" -o "$work/c1.h5" --threads 1 >"$work/table.txt" || fail "compare"
  cat "$work/table.txt"
  grep -q "rank  option" "$work/table.txt" || fail "no table header"
  grep -q "robustness over 3 scenarios" "$work/table.txt" || fail "no robustness table"
  for o in status_quo mediation longer_closure; do
    grep -q " $o " "$work/table.txt" || fail "option $o missing from the table"
  done
  "$bin" compare "$comparison" -o "$work/c2.h5" --threads 2 --quiet || fail "compare, 2 threads"
  same "$work/c1.h5" "$work/c2.h5" || fail "compare at 1 and 2 threads differs"
  "$bin" compare "$comparison" -o "$work/c3.h5" --json >"$work/out.json" || fail "compare --json"
  "$python" -c "import json,sys; d=json.load(open(sys.argv[1])); assert len(d['options'])==3, d" \
    "$work/out.json" || fail "--json is not the expected JSON"
  ;;

*)
  fail "unknown check $check"
  ;;
esac
finish
