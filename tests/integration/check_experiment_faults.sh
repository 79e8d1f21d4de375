#!/usr/bin/env bash
# Fault tests of `flashpoint sweep`, `compare`, `merge`, `inspect`, `run` and `generate` through
# the real CLI and real files: kills at random moments, full disks, unwritable folders, existing
# outputs and damaged or foreign files (docs/experiments.md, "Nothing lost"; docs/cli.md, "Exit
# codes"). Every command runs under `timeout 30`: a hang fails the check, and so does a crash
# (exit code 128 or more).
#
#   check_experiment_faults.sh CHECK FLASHPOINT_BIN PYTHON SOURCE_DIR WORK_DIR
#
# CHECK is one of:
#   reference        the uninterrupted sweep and comparison the other checks compare with
#   kill_20          20 SIGKILLs of a sweep at seeded random moments, --resume after each, then
#                    one more kill while the results file is assembled: the same file as an
#                    uninterrupted sweep (FLASHPOINT_FAULTS_SEED sets the seed; it is printed)
#   disk_full_ulimit a file size limit (ulimit -f) reached by the journal and by the results
#                    file, for sweep, compare and merge: exit 1, a message, no results file, the
#                    journals kept; --resume without the limit finishes with the same data
#   disk_full_tmpfs  the same on a small tmpfs filled with ballast, then freed (root only: skipped
#                    with exit code 77 otherwise); it runs itself again as CHECK tmpfs_inside in
#                    a mount namespace of its own
#   unwritable       an output folder the user cannot write, for run, sweep, compare and merge:
#                    exit 1 and a message naming the path (as an unprivileged user; skipped with
#                    exit code 77 when no such user can be had)
#   existing_output  an existing output is left as it was without --force (exit 2) by sweep,
#                    compare, merge, generate and run, also with --resume
#   damaged_inputs   truncated, foreign and junk files given to inspect, merge and --resume
set -uo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
self=$(readlink -f "$0")
begin_check "$@"
ref_dir=$root/reference
sweep=$src/tests/data/experiments/sweep_small.yaml
comparison=$src/tests/data/experiments/compare_small.yaml
kill_sweep=$src/tests/data/experiments/sweep_faults.yaml

# no_results OUT: neither OUT nor a temporary OUT.*.partial exists, or else `flashpoint inspect`
# refuses it.
no_results() {
  local out=$1 f
  for f in "$out" "$out".*.partial; do
    [[ -e $f ]] || continue
    timeout 30 "$bin" inspect "$f" >"$work/inspect_left.out" 2>&1
    local c=$?
    if [[ $c -eq 0 ]] && grep -q "^status: complete" "$work/inspect_left.out"; then
      note_fail "$f was left behind and looks complete to flashpoint inspect"
    else
      echo "  $f was left behind; flashpoint inspect: exit $c, $(head -n 1 "$work/inspect_left.out")"
    fi
  done
}

ref_sweep=$ref_dir/sweep.h5
ref_compare=$ref_dir/compare.h5
need_reference() {
  [[ -f $ref_sweep && -f $ref_compare ]] ||
    fail "no reference files in $ref_dir (the test faults.reference makes them)"
}

case $check in
reference)
  "$bin" sweep "$sweep" -o sweep.h5 --threads 2 --quiet || fail "the reference sweep failed"
  "$bin" compare "$comparison" -o compare.h5 --threads 2 --quiet ||
    fail "the reference comparison failed"
  "$bin" sweep "$kill_sweep" -o kill.h5 --threads 2 --quiet ||
    fail "the reference of the kill sweep failed"
  ls -l sweep.h5 compare.h5 kill.h5
  ;;

kill_20)
  [[ -f $ref_dir/kill.h5 ]] || fail "no $ref_dir/kill.h5 (the test faults.reference makes it)"
  seed=${FLASHPOINT_FAULTS_SEED:-20261127}
  echo "seed $seed (set FLASHPOINT_FAULTS_SEED to change it)"
  out=$work/killed.h5
  # The moments: a delay after the start, uniform in 0.05-0.60 s (the start alone, reading the
  # scenario and the journals, takes about 0.1 s), so that some kills land while the journals
  # are read and most while runs are written. A kill is brought forward when the journals have
  # grown by 1/50 of the sweep, so that 20 kills always land before the sweep ends, however fast
  # the machine.
  mapfile -t delays < <("$python" -c "import random,sys; r=random.Random(int(sys.argv[1]));
print('\n'.join('%d' % r.randint(50000, 600000) for _ in range(20)));
print(r.randint(0, 200000))" "$seed")
  [[ ${#delays[@]} -eq 21 ]] || fail "could not draw the delays"
  runs=$("$bin" sweep "$kill_sweep" -o "$out" --dry-run | sed -n 's/.* = \([0-9]*\) runs.*/\1/p')
  per_run=$("$bin" sweep "$kill_sweep" -o "$out" --dry-run |
    sed -n 's/.*(\([0-9]*\) bytes per run).*/\1/p')
  [[ -n $runs && -n $per_run ]] || fail "no design size or journal size from --dry-run"
  step=$((runs * per_run / 50))
  # A slower build (a sanitizer build starts in about a second) gets proportionally later kills:
  # the time until the first journal byte is measured once, and when it is over 0.1 s the delays
  # are stretched by that time over 0.1 s. The run measured is killed and its journals removed.
  "$bin" sweep "$kill_sweep" -o "$out" --threads 2 --quiet 2>>"$work/sweeps.err" &
  pid=$!
  started=${EPOCHREALTIME/./}
  while kill -0 "$pid" 2>/dev/null && [[ $(journal_bytes "$out") -eq 0 ]] &&
    [[ $((${EPOCHREALTIME/./} - started)) -lt 60000000 ]]; do
    sleep 0.005
  done
  first_run_us=$((${EPOCHREALTIME/./} - started))
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  rm -rf "$out.parts" "$out".*.partial "$out.lock"
  if [[ $first_run_us -gt 100000 ]]; then
    for i in "${!delays[@]}"; do
      [[ $i -lt 20 ]] && delays[i]=$((delays[i] * first_run_us / 100000))
    done
    echo "the first run was journaled after $((first_run_us / 1000)) ms: delays stretched x$((first_run_us / 100000))"
  fi
  t0=${EPOCHREALTIME/./}
  kills=0 torn=0
  for i in $(seq 0 19); do
    flags=()
    [[ -d $out.parts ]] && flags=(--resume)
    before=$(journal_bytes "$out")
    "$bin" sweep "$kill_sweep" -o "$out" --threads 2 --quiet "${flags[@]}" 2>>"$work/sweeps.err" &
    pid=$!
    started=${EPOCHREALTIME/./}
    while kill -0 "$pid" 2>/dev/null && [[ $((${EPOCHREALTIME/./} - started)) -lt ${delays[i]} ]]; do
      [[ $(journal_bytes "$out") -gt $((before + step)) ]] && break
      sleep 0.005
    done
    kill -KILL "$pid" 2>/dev/null
    killed_at=$(((${EPOCHREALTIME/./} - started) / 1000))
    wait "$pid" 2>/dev/null
    status=$?
    [[ -e $out ]] && fail "the sweep finished after $kills kills: it is too short for 20"
    [[ $status -eq 137 ]] ||
      fail "attempt $((i + 1)) ended by itself with exit code $status: $(tail -n 3 "$work/sweeps.err")"
    kills=$((kills + 1))
    state=$("$python" "$src/tests/integration/check_faults_files.py" --journal-tail "$out.parts")
    [[ $state == *", torn"* ]] && torn=$((torn + 1))
    printf '  kill %2d at %3d ms: %s\n' "$kills" "$killed_at" "$state"
  done
  [[ $kills -eq 20 ]] || fail "only $kills of 20 kills landed"
  [[ -d $out.parts ]] || fail "no journals after 20 kills"

  # One more kill while the results file is assembled: a random 0-200 ms after OUT.h5.PID.partial
  # appears. If the assembly is over before the kill lands, the journals are put back and it is
  # tried again with half the delay.
  cp -a "$out.parts" "$work/parts.saved"
  assembly_kill=0
  asm_delay=${delays[20]}
  for _ in 1 2 3 4 5; do
    "$bin" sweep "$kill_sweep" -o "$out" --threads 2 --resume --quiet 2>>"$work/sweeps.err" &
    pid=$!
    # (kill -0 also succeeds on a process that has ended but not been waited for: the loops end
    # on the files and the clock as well.)
    give_up=$((${EPOCHREALTIME/./} + 60000000))
    while kill -0 "$pid" 2>/dev/null && [[ ! -e $out.$pid.partial && ! -e $out ]] &&
      [[ ${EPOCHREALTIME/./} -lt $give_up ]]; do :; done
    deadline=$((${EPOCHREALTIME/./} + asm_delay))
    while kill -0 "$pid" 2>/dev/null && [[ ! -e $out && ${EPOCHREALTIME/./} -lt $deadline ]]; do :; done
    if [[ -e $out.$pid.partial ]] && kill -KILL "$pid" 2>/dev/null; then
      wait "$pid" 2>/dev/null
      status=$?
      if [[ $status -eq 137 && ! -e $out ]]; then
        assembly_kill=1
        break
      fi
    else
      wait "$pid" 2>/dev/null
      status=$?
    fi
    [[ $status -eq 0 || $status -eq 137 ]] ||
      fail "the assembly ended with exit code $status: $(tail -n 3 "$work/sweeps.err")"
    echo "  the kill $((asm_delay / 1000)) ms into the assembly missed; the journals are put back"
    asm_delay=$((asm_delay / 2))
    rm -rf "$out" "$out".*.partial "$out.parts"
    cp -a "$work/parts.saved" "$out.parts"
  done
  [[ $assembly_kill -eq 1 ]] || fail "no kill landed during the assembly in 5 tries"
  [[ -d $out.parts ]] || fail "the journals are gone after a kill during the assembly"
  echo "  killed $((asm_delay / 1000)) ms into the assembly: $(stat -c %s "$out.$pid.partial" 2>/dev/null || echo 0) bytes" \
    "of $out.$pid.partial written, journals kept ($(journal_bytes "$out") bytes)"
  no_results "$out"
  try final "$bin" sweep "$kill_sweep" -o "$out" --threads 2 --resume --quiet
  [[ $code -eq 0 ]] || fail "the final --resume failed (exit $code): $(cat "$work/final.err")"
  compgen -G "$out.*.partial" >/dev/null && fail "$(compgen -G "$out.*.partial") is left after the final --resume (a resume removes what a killed writer left)"
  [[ -d $out.parts ]] && fail "the journals were not removed after the assembly"
  same "$ref_dir/kill.h5" "$out" || fail "the resumed sweep differs from the uninterrupted one"
  printf '%d kills at random moments (%d left a torn record), 1 during the assembly; resumed: the same data as the uninterrupted sweep; %d s\n' \
    "$kills" "$torn" $(((${EPOCHREALTIME/./} - t0) / 1000000))
  ;;

disk_full_ulimit)
  need_reference
  # `ulimit -f` counts KiB. flashpoint ignores SIGXFSZ (which would kill it), so that the write
  # fails with EFBIG as it fails with ENOSPC on a full disk.
  limited=(bash -c 'ulimit -f "$0" && exec "$@"')  # limited KIB CMD...
  # 1. The journal reaches the limit (1 MiB; the sweep's journal is 2.8 MB).
  out=$work/sweep.h5
  try sweep_journal "${limited[@]}" 1024 "$bin" sweep "$sweep" -o "$out" --threads 2 --quiet
  refused sweep_journal 1 "^flashpoint: error: .*journal.*(File too large|No space)"
  grep -q -- "--resume" "$work/sweep_journal.err" || note_fail "sweep_journal: no hint to --resume"
  no_results "$out"
  kept=$(journal_bytes "$out")
  [[ $kept -gt 0 ]] || fail "sweep_journal: the journals are gone"
  echo "  $kept bytes of journals kept"
  try sweep_resume "$bin" sweep "$sweep" -o "$out" --threads 2 --resume --quiet
  [[ $code -eq 0 ]] || fail "--resume after the limit was lifted: exit $code"
  same "$ref_sweep" "$out" || fail "the sweep resumed after a full journal differs"
  echo "  --resume without the limit: the same data as the uninterrupted sweep"

  # 2. Every run journaled (4 shards of 0.7 MB), the results file (1.2 MB) reaches the limit
  # (800 KiB): in `sweep --resume` and in `merge`.
  out=$work/assembly.h5
  for i in 1 2 3 4; do
    "$bin" sweep "$sweep" -o "$out" --threads 2 --quiet --shard "$i/4" || fail "shard $i/4"
  done
  before=$(cat "$out".parts/shard*.journal | sha256sum)
  try sweep_assembly "${limited[@]}" 800 "$bin" sweep "$sweep" -o "$out" --threads 2 --resume --quiet
  refused sweep_assembly 1 "^flashpoint: error: .*(File too large|No space)"
  grep -q -- "--resume" "$work/sweep_assembly.err" || note_fail "sweep_assembly: no hint to --resume"
  no_results "$out"
  try merge_assembly "${limited[@]}" 800 "$bin" merge "$sweep" -o "$out"
  refused merge_assembly 1 "^flashpoint: error: .*(File too large|No space)"
  no_results "$out"
  [[ $(cat "$out".parts/shard*.journal | sha256sum) == "$before" ]] ||
    fail "the journals changed after a failed assembly"
  try merge "$bin" merge "$sweep" -o "$out"
  [[ $code -eq 0 ]] || fail "merge after the limit was lifted: exit $code"
  same "$ref_sweep" "$out" || fail "the merged sweep differs"
  echo "  merge without the limit: the same data as the uninterrupted sweep"

  # 3. The comparison: its journal (16 kB) reaches an 8 KiB limit; with 100 KiB the journal fits
  # and the results file (0.2 MB) does not.
  out=$work/compare.h5
  try compare_journal "${limited[@]}" 8 "$bin" compare "$comparison" -o "$out" --threads 2 --quiet
  refused compare_journal 1 "^flashpoint: error: .*journal.*(File too large|No space)"
  no_results "$out"
  try compare_assembly "${limited[@]}" 100 "$bin" compare "$comparison" -o "$out" --threads 2 --resume \
    --quiet
  refused compare_assembly 1 "^flashpoint: error: .*(File too large|No space)"
  no_results "$out"
  try compare_resume "$bin" compare "$comparison" -o "$out" --threads 2 --resume --quiet
  [[ $code -eq 0 ]] || fail "compare --resume after the limit was lifted: exit $code"
  same "$ref_compare" "$out" || fail "the resumed comparison differs"
  echo "  compare --resume without the limit: the same data as the uninterrupted comparison"
  ;;

disk_full_tmpfs)
  need_reference
  if [[ $(id -u) -ne 0 ]]; then
    echo "skipped: mounting a small tmpfs needs root (the file size limit of disk_full_ulimit" \
      "covers the same paths)"
    exit $SKIP
  fi
  # In a mount namespace of its own, the tmpfs disappears with the check, even if it is killed.
  if ! unshare --mount --propagation private true 2>/dev/null; then
    echo "skipped: cannot make a mount namespace (unshare --mount) here"
    exit $SKIP
  fi
  exec unshare --mount --propagation private bash "$self" tmpfs_inside "$bin" "$python" "$src" "$root"
  ;;

tmpfs_inside)  # disk_full_tmpfs, in its own mount namespace
  disk=$work/disk
  mkdir -p "$disk"
  if ! mount -t tmpfs -o size=16m tmpfs "$disk" 2>"$work/mount.err"; then
    echo "skipped: cannot mount a tmpfs: $(cat "$work/mount.err")"
    exit $SKIP
  fi
  # fill FREE_BYTES: ballast that leaves about FREE_BYTES free on the tmpfs.
  fill() {
    local avail
    avail=$(df --output=avail -B1 "$disk" | tail -n 1)
    [[ $avail -gt $1 ]] || fail "the tmpfs has only $avail bytes free"
    head -c $((avail - $1)) /dev/zero >"$disk/ballast" || fail "cannot write the ballast"
    echo "  $(df --output=avail -B1 "$disk" | tail -n 1) bytes free on the tmpfs"
  }
  # 1. The sweep's journal fills the disk (1 MiB free; the journal takes 2.8 MB).
  out=$disk/sweep.h5
  fill $((1024 * 1024))
  try sweep_journal "$bin" sweep "$sweep" -o "$out" --threads 2 --quiet
  refused sweep_journal 1 "^flashpoint: error: .*journal.*No space left on device"
  grep -q -- "--resume" "$work/sweep_journal.err" || note_fail "sweep_journal: no hint to --resume"
  no_results "$out"
  echo "  $(journal_bytes "$out") bytes of journals kept"
  rm -f "$disk/ballast"
  try sweep_resume "$bin" sweep "$sweep" -o "$out" --threads 2 --resume --quiet
  [[ $code -eq 0 ]] || fail "--resume after freeing space: exit $code: $(cat "$work/sweep_resume.err")"
  same "$ref_sweep" "$out" || fail "the sweep resumed after a full disk differs"
  echo "  space freed, --resume: the same data as the uninterrupted sweep"
  rm -f "$out"

  # 2. Every run journaled (2 shards), then the results file (1.2 MB) fills the disk (0.5 MiB
  # free): sweep --resume and merge fail, the journals stay as they were.
  out=$disk/assembly.h5
  for i in 1 2; do
    "$bin" sweep "$sweep" -o "$out" --threads 2 --quiet --shard "$i/2" || fail "shard $i/2"
  done
  before=$(cat "$out".parts/shard*.journal | sha256sum)
  fill $((512 * 1024))
  try sweep_assembly "$bin" sweep "$sweep" -o "$out" --threads 2 --resume --quiet
  refused sweep_assembly 1 "^flashpoint: error: cannot write the results file .*No space left"
  no_results "$out"
  try merge_assembly "$bin" merge "$sweep" -o "$out"
  refused merge_assembly 1 "^flashpoint: error: cannot write the results file .*No space left"
  no_results "$out"
  [[ $(cat "$out".parts/shard*.journal | sha256sum) == "$before" ]] ||
    fail "the journals changed after a failed assembly"
  rm -f "$disk/ballast"
  try sweep_resume2 "$bin" sweep "$sweep" -o "$out" --threads 2 --resume --quiet
  [[ $code -eq 0 ]] || fail "--resume after freeing space: exit $code: $(cat "$work/sweep_resume2.err")"
  same "$ref_sweep" "$out" || fail "the sweep assembled after a full disk differs"
  echo "  space freed, --resume: the same data as the uninterrupted sweep"
  rm -f "$out"

  # 3. The comparison: its journal (16 kB) with 8 KiB free, its results file (0.2 MB) with
  # 96 KiB free.
  out=$disk/compare.h5
  fill $((8 * 1024))
  try compare_journal "$bin" compare "$comparison" -o "$out" --threads 2 --quiet
  refused compare_journal 1 "^flashpoint: error: .*journal.*No space left on device"
  no_results "$out"
  rm -f "$disk/ballast"
  fill $((96 * 1024))
  try compare_assembly "$bin" compare "$comparison" -o "$out" --threads 2 --resume --quiet
  refused compare_assembly 1 "^flashpoint: error: cannot write the results file .*No space left"
  no_results "$out"
  rm -f "$disk/ballast"
  try compare_resume "$bin" compare "$comparison" -o "$out" --threads 2 --resume --quiet
  [[ $code -eq 0 ]] || fail "compare --resume after freeing space: exit $code"
  same "$ref_compare" "$out" || fail "the resumed comparison differs"
  echo "  space freed, compare --resume: the same data as the uninterrupted comparison"
  umount "$disk"
  ;;

unwritable)
  # As root, permissions do not stop writes: the commands run as the unprivileged user nobody.
  as_user=()
  if [[ $(id -u) -eq 0 ]]; then
    if setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
      as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    elif runuser -u nobody -- true 2>/dev/null; then
      as_user=(runuser -u nobody --)
    else
      echo "skipped: running as root, and neither setpriv nor runuser can switch to nobody"
      exit $SKIP
    fi
  fi
  mkdir ro
  # Journals of a whole sweep, for merge and --resume, made before the folder is locked.
  for i in 1 2; do
    "$bin" sweep "$sweep" -o ro/merge.h5 --threads 2 --quiet --shard "$i/2" || fail "shard $i/2"
  done
  chmod 755 ro ro/merge.h5.parts
  chmod 644 ro/merge.h5.parts/*
  [[ $(id -u) -eq 0 ]] || chmod 555 ro ro/merge.h5.parts
  trap 'chmod -R u+w "$work/ro" 2>/dev/null' EXIT
  before=$(find ro -type f -exec sha256sum {} + | sort)
  if "${as_user[@]}" touch ro/probe 2>/dev/null; then
    rm -f ro/probe
    echo "skipped: this user can write into a folder it may not write to (permissions are not enforced)"
    exit $SKIP
  fi
  "${as_user[@]}" test -r "$sweep" -a -x "$work/ro" -a -x "$bin" ||
    fail "${as_user[*]} cannot read the sweep file, enter $work/ro or run $bin"
  try run "${as_user[@]}" "$bin" run "$src/tests/data/minimal.yaml" -r 2 -o ro/run.h5 --quiet
  refused run 1 "^flashpoint: error: .*ro/run\.h5.*Permission denied"
  try sweep "${as_user[@]}" "$bin" sweep "$sweep" -o ro/sweep.h5 --threads 2 --quiet
  refused sweep 1 "^flashpoint: error: .*ro/sweep\.h5\.(parts|lock).*Permission denied"
  try compare "${as_user[@]}" "$bin" compare "$comparison" -o ro/compare.h5 --threads 2 --quiet
  refused compare 1 "^flashpoint: error: .*ro/compare\.h5\.(parts|lock).*Permission denied"
  try merge "${as_user[@]}" "$bin" merge "$sweep" -o ro/merge.h5
  refused merge 1 "^flashpoint: error: cannot (write the results file|create the lock file) ro/merge\.h5.*Permission denied"
  try resume "${as_user[@]}" "$bin" sweep "$sweep" -o ro/merge.h5 --resume --quiet
  refused resume 1 "^flashpoint: error: .*ro/merge\.h5\.(parts|lock).*Permission denied"
  [[ $(find ro -type f -exec sha256sum {} + | sort) == "$before" ]] ||
    note_fail "the files in the locked folder changed: $(find ro -newer "$work/run.err")"
  ;;

existing_output)
  need_reference
  # Journals of a whole sweep, so that merge has something it could assemble.
  for i in 1 2; do
    "$bin" sweep "$sweep" -o merged.h5 --threads 2 --quiet --shard "$i/2" || fail "shard $i/2"
  done
  cp "$ref_compare" merged.h5
  cp "$ref_compare" sweep.h5
  cp "$ref_sweep" compare.h5
  cp "$ref_sweep" run.h5
  printf 'kind: not yaml of ours\n' >generated.yaml
  before=$(sha256sum merged.h5 sweep.h5 compare.h5 run.h5 generated.yaml merged.h5.parts/*)
  try sweep "$bin" sweep "$sweep" -o sweep.h5 --quiet
  refused sweep 2 "sweep\.h5: the output file exists.*--force"
  try sweep_resume "$bin" sweep "$sweep" -o sweep.h5 --resume --quiet
  refused sweep_resume 2 "sweep\.h5: the output file exists.*--force"
  try compare "$bin" compare "$comparison" -o compare.h5 --quiet
  refused compare 2 "compare\.h5: the output file exists.*--force"
  try compare_resume "$bin" compare "$comparison" -o compare.h5 --resume --quiet
  refused compare_resume 2 "compare\.h5: the output file exists.*--force"
  try merge "$bin" merge "$sweep" -o merged.h5
  refused merge 2 "merged\.h5: the output file exists.*--force"
  try run "$bin" run "$src/tests/data/minimal.yaml" -r 2 -o run.h5 --quiet
  refused run 2 "run\.h5: .*exists.*--force"
  try generate "$bin" generate -o generated.yaml --citizens 5000 --districts 4 --sectors 2
  refused generate 2 "generated\.yaml: .*exists.*--force"
  [[ $(sha256sum merged.h5 sweep.h5 compare.h5 run.h5 generated.yaml merged.h5.parts/*) == "$before" ]] ||
    fail "an existing output or a journal changed without --force"
  for f in sweep compare; do
    [[ -e $f.h5.parts ]] && note_fail "$f: a refused command left $f.h5.parts"
  done
  echo "  every existing file is byte for byte as it was"
  try merge_force "$bin" merge "$sweep" -o merged.h5 --force
  [[ $code -eq 0 ]] || fail "merge --force: exit $code: $(cat "$work/merge_force.err")"
  same "$ref_sweep" merged.h5 || fail "merge --force wrote another file than the sweep"
  try generate_force "$bin" generate -o generated.yaml --citizens 5000 --districts 4 --sectors 2 \
    --force
  [[ $code -eq 0 ]] || fail "generate --force: exit $code"
  grep -q "^kind: not yaml" generated.yaml && fail "generate --force left the old file"
  echo "  merge --force and generate --force replace the file"
  ;;

damaged_inputs)
  need_reference
  mapfile -t cases < <("$python" "$src/tests/integration/check_faults_files.py" "$ref_sweep" bad)
  [[ ${#cases[@]} -ge 10 ]] || fail "check_faults_files.py made ${#cases[@]} files"
  echo "inspect:"
  for c in "${cases[@]}"; do
    try "inspect_$c" "$bin" inspect "bad/$c"
    if [[ $c == zeroed_middle.h5 ]]; then
      # The zeros fall in compressed data, which inspect does not read (it reads the metadata):
      # no crash and no hang is all that is asked of it; reading the data must fail.
      printf '  %-34s exit %s  %s\n' "inspect_$c" "$code" "$(head -n 1 "inspect_$c.out")"
      "$python" -c "import h5py,sys; f=h5py.File(sys.argv[1]); [f[n][...] for n in ('events','runs/escalation')]" \
        "bad/$c" 2>/dev/null && note_fail "h5py reads every byte of zeroed_middle.h5 without an error"
      continue
    fi
    refused "inspect_$c" 2 "^bad/$c: "
  done
  try inspect_good "$bin" inspect "$ref_sweep"
  [[ $code -eq 0 ]] || fail "inspect of the reference sweep: exit $code"

  echo "merge, given a results file or a damaged one as its sweep file:"
  try merge_results_file "$bin" merge "$ref_sweep" -o m.h5
  refused merge_results_file 2 "not a sweep or comparison file"
  try merge_truncated_file "$bin" merge bad/trunc_half.h5 -o m.h5
  refused merge_truncated_file 2 "not a sweep or comparison file"

  # The journals of the whole sweep (2 shards); each case damages the first one.
  for i in 1 2; do
    "$bin" sweep "$sweep" -o base.h5 --threads 2 --quiet --shard "$i/2" || fail "shard $i/2"
  done
  journal=shard1of2.journal
  size=$(stat -c %s "base.h5.parts/$journal")
  # damage CASE: a copy of the journals as CASE.h5.parts with the first journal damaged.
  damage() {
    local c=$1 j=$1.h5.parts/$journal
    rm -rf "$c.h5" "$c.h5.parts"
    cp -a base.h5.parts "$c.h5.parts"
    case $c in
    cut_0) : >"$j" ;;
    cut_20) truncate -s 20 "$j" ;;  # inside the header of 32 bytes
    cut_half) truncate -s $((size / 2)) "$j" ;;
    cut_1k) truncate -s $((size - 1024)) "$j" ;;
    garbled) printf 'XXXXXXXX' | dd of="$j" bs=1 seek=$((size / 2)) conv=notrunc status=none ;;
    junk) printf 'these are not the runs you are looking for\n' >"$j" ;;
    hdf5) cp bad/foreign.h5 "$j" ;;
    results) cp "$ref_sweep" "$j" ;;
    folder) rm "$j" && mkdir "$j" ;;
    other_design)
      rm "$j"
      "$bin" compare "$comparison" -o other.h5 --shard 1/9 --threads 2 --quiet ||
        fail "the comparison shard"
      cp other.h5.parts/*.journal "$j"
      ;;
    esac
  }
  echo "merge and --resume, with a damaged journal:"
  # Journals cut short or garbled lose runs: merge says which are missing (exit 1); --resume
  # runs them again and gives the same file as an uninterrupted sweep.
  for c in cut_0 cut_20 cut_half cut_1k garbled; do
    damage "$c"
    try "merge_$c" "$bin" merge "$sweep" -o "$c.h5"
    refused "merge_$c" 1 "^flashpoint: error: .* runs (is|are) not in the journals.*--resume"
    no_results "$c.h5"
    try "resume_$c" "$bin" sweep "$sweep" -o "$c.h5" --resume --threads 2 --quiet
    [[ $code -eq 0 ]] || { note_fail "resume_$c: exit $code: $(head -n 1 "resume_$c.err")"; continue; }
    same "$ref_sweep" "$c.h5" || note_fail "resume_$c: the resumed sweep differs"
    echo "  resume_$c: exit 0, the same data as the uninterrupted sweep"
  done
  # Files that are not journals of this sweep: bad input (exit 2), nothing written or deleted.
  for c in junk hdf5 results folder other_design; do
    damage "$c"
    pattern="^$c\.h5\.parts/$journal: not a Flashpoint journal"
    [[ $c == other_design ]] && pattern="^$c\.h5\.parts/$journal: this journal belongs to another design"
    for cmd in merge resume; do
      if [[ $cmd == merge ]]; then
        try "merge_$c" "$bin" merge "$sweep" -o "$c.h5"
      else
        try "resume_$c" "$bin" sweep "$sweep" -o "$c.h5" --resume --threads 2 --quiet
      fi
      refused "${cmd}_$c" 2 "$pattern"
      no_results "$c.h5"
      [[ -e $c.h5.parts/$journal ]] || note_fail "${cmd}_$c: the damaged journal was deleted"
    done
  done
  # OUTPUT.parts is a file, not a folder.
  rm -rf notdir.h5.parts && printf 'x\n' >notdir.h5.parts
  try resume_parts_file "$bin" sweep "$sweep" -o notdir.h5 --resume --quiet
  refused resume_parts_file 2 "notdir\.h5\.parts \(where the journals of this output go\) is a file"
  try merge_parts_file "$bin" merge "$sweep" -o notdir.h5
  refused merge_parts_file 2 "notdir\.h5\.parts \(where the journals of this output go\) is a file"
  ;;

*)
  fail "unknown check $check"
  ;;
esac
finish
