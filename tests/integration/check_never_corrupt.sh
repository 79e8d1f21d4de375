#!/usr/bin/env bash
# Nothing is corrupted, destroyed or followed (docs/reliability.md, "Outputs and inputs"; issue
# 12): concurrent writers, planted links, special files, outputs that are inputs, unbounded
# inputs, a user's folder named OUT.parts, bad values on the command line and in files, signals,
# long names. Every command runs under `timeout 30`: a hang fails the check, and so does a crash
# (exit code 128 or more).
#
#   check_never_corrupt.sh CHECK FLASHPOINT_BIN PYTHON SOURCE_DIR WORK_DIR
#
# CHECK is one of: writers_run, writers_sweep, writers_merge, writers_compare, planted_links,
# special_outputs (root only: skipped with exit code 77 otherwise), output_is_input,
# bounded_inputs, user_parts_folder, values, signals, long_names, json_quiet, no_output,
# out_of_memory (skipped under sanitizers), generate_full_disk.
set -uo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
begin_check "$@"
scenario=$src/scenarios/pak-afg-2025.yaml
minimal=$src/tests/data/minimal.yaml
sweep_small=$src/tests/data/experiments/sweep_small.yaml
sweep_faults=$src/tests/data/experiments/sweep_faults.yaml
comparison=$src/tests/data/experiments/compare_small.yaml

# wait_for LOCK: waits up to 20 s for the lock file LOCK to name its holder. A writer creates the
# file, takes the lock, then writes its pid: stopped in between (slow under sanitizers), it holds
# the lock unnamed, and a second writer is refused with "holder unknown".
wait_for() {
  local i
  for ((i = 0; i < 2000; i++)); do
    [[ -s $1 ]] && return 0
    sleep 0.01
  done
  return 1
}

# reads_back FILE: every dataset of the results file reads in full (h5py) and it says complete.
reads_back() {
  if ! "$python" - "$1" >"$work/readback.txt" 2>&1 <<'EOF'; then
import sys, h5py
with h5py.File(sys.argv[1], "r") as f:
    assert f.attrs["status"] in (b"complete", "complete"), f.attrs["status"]
    n = 0
    def visit(name, obj):
        global n
        if isinstance(obj, h5py.Dataset):
            obj[()]
            n += 1
    f.visititems(visit)
print(f"{n} datasets read")
EOF
    note_fail "$1 does not read back: $(tail -n 2 "$work/readback.txt")"
  else
    echo "  $1: $(cat "$work/readback.txt")"
  fi
}

# no_leftovers PREFIX: no PREFIX*.partial nor PREFIX*.lock is left.
no_leftovers() {
  local left
  left=$(find . -maxdepth 1 \( -name "$1*.partial" -o -name "$1*.lock" \) -print)
  [[ -z $left ]] || note_fail "left behind: $left"
}

sha() { sha256sum "$1" | cut -d' ' -f1; }

# concurrent NAME OUT FIRST_CMD... -- SECOND_CMD...: starts the first writer, stops it (SIGSTOP)
# as soon as it holds OUT's lock, runs the second (which must be refused, exit 2, naming the
# first's pid), lets the first go on, which must finish (exit 0).
concurrent() {
  local name=$1 out=$2
  shift 2
  local first=() second=()
  while [[ $1 != -- ]]; do first+=("$1"); shift; done
  shift
  second=("$@")
  "${first[@]}" >"$work/$name.first.out" 2>"$work/$name.first.err" &
  local pid=$!
  wait_for "$out.lock" || { kill "$pid"; note_fail "$name: no lock file $out.lock appeared"; return; }
  kill -STOP "$pid"
  try "$name" "${second[@]}"
  expect "$name" 2 "another flashpoint process is writing this output \(pid $pid on "
  kill -CONT "$pid"
  wait "$pid"
  local first_code=$?
  [[ $first_code -eq 0 ]] || note_fail "$name: the first writer exited $first_code: $(cat "$work/$name.first.err")"
}

case $check in
writers_run)
  concurrent run out.h5 "$bin" run "$scenario" -r 100 -t 1 -o out.h5 -q -- \
    "$bin" run "$scenario" -r 100 -t 1 -o out.h5 -q
  reads_back out.h5
  concurrent run_force out.h5 "$bin" run "$scenario" -r 100 -t 1 -o out.h5 -q --force -- \
    "$bin" run "$scenario" -r 100 -t 1 -o out.h5 -q --force
  reads_back out.h5
  no_leftovers out.h5
  ;;
writers_sweep)
  concurrent sweep_resume s.h5 "$bin" sweep "$sweep_faults" -t 1 -o s.h5 -q -- \
    "$bin" sweep "$sweep_faults" -t 1 -o s.h5 -q --resume
  reads_back s.h5
  [[ -e s.h5.parts ]] && note_fail "s.h5.parts is left after the sweep"
  concurrent sweep_force s.h5 "$bin" sweep "$sweep_faults" -t 1 -o s.h5 -q --force -- \
    "$bin" sweep "$sweep_faults" -t 1 -o s.h5 -q --force
  reads_back s.h5
  no_leftovers s.h5
  ;;
writers_merge)
  for i in 1 2; do
    "$bin" sweep "$sweep_faults" --shard "$i/2" -t 2 -o m.h5 -q || fail "shard $i failed"
  done
  # A shard running holds the output's lock shared: a merge meanwhile is refused.
  "$bin" sweep "$sweep_faults" --shard 1/2 -t 1 -o m.h5 -q --force >/dev/null 2>&1 &
  pid=$!
  wait_for m.h5.shard1of2.lock || note_fail "no shard lock appeared"
  kill -STOP "$pid"
  try merge_while_shard "$bin" merge "$sweep_faults" -o m.h5
  expect merge_while_shard 2 "another flashpoint process is writing this output"
  kill -CONT "$pid"
  wait "$pid" || note_fail "the shard exited $?"
  concurrent merge m.h5 "$bin" merge "$sweep_faults" -o m.h5 -- "$bin" merge "$sweep_faults" -o m.h5
  reads_back m.h5
  [[ -e m.h5.parts ]] && note_fail "m.h5.parts is left after the merge"
  no_leftovers m.h5
  ;;
writers_compare)
  concurrent compare c.h5 "$bin" compare "$comparison" -t 1 -o c.h5 -q -- \
    "$bin" compare "$comparison" -t 1 -o c.h5 -q --resume
  reads_back c.h5
  no_leftovers c.h5
  ;;
planted_links)
  echo "important" >important.txt
  want=$(sha important.txt)
  # A leftover or planted OUT.partial link: never written through (the temporary file has a
  # name of its own and is created with O_EXCL).
  ln -s important.txt out.h5.partial
  try run_partial_link "$bin" run "$minimal" -o out.h5 -q
  expect run_partial_link 0 ""
  [[ -f out.h5 && ! -L out.h5 ]] || note_fail "out.h5 is not a regular file"
  reads_back out.h5
  ln -s important.txt gen.yaml.partial
  try generate_partial_link "$bin" generate --citizens 1000 -o gen.yaml
  expect generate_partial_link 0 ""
  [[ -f gen.yaml && ! -L gen.yaml ]] || note_fail "gen.yaml is not a regular file"
  # A planted lock link is refused, not followed.
  ln -s important.txt out2.h5.lock
  try run_lock_link "$bin" run "$minimal" -o out2.h5 -q
  expect run_lock_link 2 "lock file out2.h5.lock is a symbolic link"
  [[ -e out2.h5 ]] && note_fail "out2.h5 was written beside a planted lock link"
  # A file of the user's where the lock goes is refused and kept.
  echo "my notes" >out3.h5.lock
  try run_user_lock "$bin" run "$minimal" -o out3.h5 -q
  expect run_user_lock 2 "out3.h5.lock exists and is not a flashpoint lock file"
  grep -q "my notes" out3.h5.lock || note_fail "out3.h5.lock was changed"
  # --force on a link to a regular file replaces the link; the file it points to is kept.
  ln -s important.txt linked.h5
  try run_link_no_force "$bin" run "$minimal" -o linked.h5 -q
  expect run_link_no_force 2 "exists \(a symbolic link\)"
  try run_link_force "$bin" run "$minimal" -o linked.h5 -q --force
  expect run_link_force 0 ""
  [[ -f linked.h5 && ! -L linked.h5 ]] || note_fail "linked.h5 is still a link after --force"
  [[ $(sha important.txt) == "$want" ]] || note_fail "important.txt was changed"
  [[ -L out.h5.partial && -L gen.yaml.partial ]] || note_fail "the planted links were removed"
  echo "  important.txt unchanged: $(sha important.txt | cut -c1-16)"
  ;;
special_outputs)
  [[ $(id -u) -eq 0 ]] || { echo "SKIP: mknod needs root"; exit $SKIP; }
  mknod null_dev c 1 3 || { echo "SKIP: mknod failed here"; exit $SKIP; }
  mkfifo fifo
  ln -s null_dev dev_link
  ln -s /dev/null sys_null
  mkdir folder.h5
  refused="(replaces only regular files|is a folder|flashpoint never writes there)"
  before=$(stat -c '%F %t:%T' null_dev fifo folder.h5 /dev/null | tr '\n' ' ')
  before_stdout=$(readlink /dev/stdout)
  ln -s /proc/self/fd/1 stdout_link
  for target in null_dev fifo dev_link sys_null folder.h5 /dev/null /dev/stdout stdout_link; do
    name=$(basename "$target")
    try "run_$name" "$bin" run "$minimal" -o "$target" --force -q
    expect "run_$name" 2 "$refused"
    try "generate_$name" "$bin" generate --citizens 1000 -o "$target" --force
    expect "generate_$name" 2 "$refused"
    try "sweep_$name" "$bin" sweep "$sweep_small" -o "$target" --force -q
    expect "sweep_$name" 2 "$refused"
    try "compare_$name" "$bin" compare "$comparison" -o "$target" --force -q
    expect "compare_$name" 2 "$refused"
    try "merge_$name" "$bin" merge "$sweep_small" -o "$target" --force
    expect "merge_$name" 2 "$refused"
  done
  after=$(stat -c '%F %t:%T' null_dev fifo folder.h5 /dev/null | tr '\n' ' ')
  [[ $before == "$after" ]] || note_fail "special files changed: $before -> $after"
  [[ -L dev_link && -L sys_null && -L stdout_link ]] || note_fail "the links to devices were replaced"
  [[ -L /dev/stdout && $(readlink /dev/stdout) == "$before_stdout" ]] ||
    note_fail "/dev/stdout was replaced (restore it: ln -sf /proc/self/fd/1 /dev/stdout)"
  echo "  unchanged: $after"
  ;;
output_is_input)
  cp "$minimal" s.yaml
  cp "$sweep_small" sw.yaml
  sed -i "s|^scenario: .*|scenario: $scenario|" sw.yaml
  cp "$comparison" cmp.yaml
  sed -i "s|^scenario: .*|scenario: scen.yaml|" cmp.yaml
  cp "$scenario" scen.yaml
  printf 'actors.PAK.rationality\n5\n10\n' >design.csv
  sed -e '/^parameters:/,/^design:/d' -e "s|^scenario: .*|scenario: scen.yaml|" "$sweep_small" >csv.yaml
  printf 'design: {kind: csv, file: design.csv}\n' >>csv.yaml
  ln -s s.yaml alias.h5
  declare -A sums
  for f in s.yaml sw.yaml cmp.yaml scen.yaml design.csv csv.yaml; do sums[$f]=$(sha "$f"); done
  try run_self "$bin" run s.yaml -o s.yaml --force -q
  expect run_self 2 "also an input of this command"
  try run_alias "$bin" run s.yaml -o alias.h5 --force -q
  expect run_alias 2 "also an input of this command"
  try sweep_self "$bin" sweep sw.yaml -o sw.yaml --force -q
  expect sweep_self 2 "also an input of this command"
  try sweep_scenario "$bin" sweep sw.yaml -o "$scenario" --force -q
  expect sweep_scenario 2 "also an input of this command"
  try sweep_design "$bin" sweep csv.yaml -o design.csv --force -q
  expect sweep_design 2 "also an input of this command"
  try compare_self "$bin" compare cmp.yaml -o cmp.yaml --force -q
  expect compare_self 2 "also an input of this command"
  try compare_scenario "$bin" compare cmp.yaml -o scen.yaml --force -q
  expect compare_scenario 2 "also an input of this command"
  try merge_self "$bin" merge sw.yaml -o sw.yaml --force
  expect merge_self 2 "also an input of this command"
  for f in "${!sums[@]}"; do
    [[ $(sha "$f") == "${sums[$f]}" ]] || note_fail "$f was changed"
  done
  ;;
bounded_inputs)
  mkfifo fifo
  head -c $((100 * 1024 * 1024)) /dev/zero >big.yaml
  for input in /dev/zero /dev/urandom fifo big.yaml; do
    name=$(basename "$input")
    start=$SECONDS
    try "validate_$name" "$bin" validate "$input"
    expect "validate_$name" 2 "cannot read file: (it is a|it is 100.0 MiB \(104857600 bytes\) long)"
    try "run_$name" "$bin" run "$input" -o r.h5 -q
    expect "run_$name" 2 "cannot read file"
    try "sweep_$name" "$bin" sweep "$input" -o r.h5 -q
    expect "sweep_$name" 2 "cannot read file"
    echo "  $input: $((SECONDS - start)) s for the three commands"
  done
  sed -e '/^parameters:/,/^design:/d' -e "s|^scenario: .*|scenario: $scenario|" "$sweep_small" >csv.yaml
  printf 'design: {kind: csv, file: /dev/zero}\n' >>csv.yaml
  try csv_dev_zero "$bin" sweep csv.yaml -o r.h5 -q
  expect csv_dev_zero 2 "cannot read the design file /dev/zero: it is a character device"
  try stdin_endless bash -c "yes | \"$bin\" validate -"
  expect stdin_endless 2 "standard input is longer than 64.0 MiB"
  try stdin_scenario bash -c "\"$bin\" validate - < \"$minimal\""
  expect stdin_scenario 0 ""
  [[ -e r.h5 ]] && note_fail "r.h5 was written"
  ;;
user_parts_folder)
  mkdir -p out.h5.parts/sub
  echo "notes" >out.h5.parts/notes.txt
  echo "more" >out.h5.parts/sub/more.txt
  for force in "" --force; do
    try "sweep$force" "$bin" sweep "$sweep_small" -o out.h5 -q $force
    expect "sweep$force" 2 "out.h5.parts exists and was not made by flashpoint"
    try "compare$force" "$bin" compare "$comparison" -o out.h5 -q $force
    expect "compare$force" 2 "out.h5.parts exists and was not made by flashpoint"
    try "merge$force" "$bin" merge "$sweep_small" -o out.h5 $force
    expect "merge$force" 2 "out.h5.parts exists and was not made by flashpoint"
  done
  [[ -f out.h5.parts/notes.txt && -f out.h5.parts/sub/more.txt ]] ||
    note_fail "the user's folder out.h5.parts lost files"
  # A link named OUT.parts to a user's folder: refused, the folder untouched.
  mkdir mine
  echo "keep" >mine/keep.txt
  ln -s mine link.h5.parts
  try sweep_parts_link "$bin" sweep "$sweep_small" -o link.h5 -q --force
  expect sweep_parts_link 2 "link.h5.parts \(where the journals of this output go\) is a symbolic link"
  [[ $(ls mine) == keep.txt ]] || note_fail "the folder behind link.h5.parts changed: $(ls mine)"
  # A finished sweep deletes only what it made: a file added to its journal folder survives.
  "$bin" sweep "$sweep_small" -o ok.h5 -q --shard 1/2 || fail "shard 1/2 failed"
  echo "mine" >ok.h5.parts/added.txt
  "$bin" sweep "$sweep_small" -o ok.h5 -q --shard 2/2 || fail "shard 2/2 failed"
  try merge_ok "$bin" merge "$sweep_small" -o ok.h5
  expect merge_ok 0 ""
  [[ -f ok.h5.parts/added.txt ]] || note_fail "a file the user put in ok.h5.parts was deleted"
  ls ok.h5.parts/*.journal >/dev/null 2>&1 && note_fail "journals were left in ok.h5.parts"
  ;;
values)
  for seed in -1 1e23 "" 9000000000000001 abc 0x10; do
    try "seed_${seed:-empty}" "$bin" run "$minimal" --no-output --seed "$seed" -q
    expect "seed_${seed:-empty}" 2 "--seed: expected a whole number from 0 to 9e15"
  done
  try seed_max "$bin" run "$minimal" --no-output --seed 9000000000000000 -q
  expect seed_max 0 ""
  for hours in nan inf; do
    try "max_hours_$hours" "$bin" sweep "$sweep_small" -o mh.h5 -q --max-hours "$hours"
    expect "max_hours_$hours" 2 "max-hours"
  done
  [[ -e mh.h5.parts ]] && note_fail "a refused sweep left mh.h5.parts"
  sed 's/^name: minimal$/name: "mini\\0mal"/' "$minimal" >nul.yaml
  try name_nul "$bin" validate nul.yaml
  expect name_nul 2 "nul.yaml:4:7: name: a name may not hold control characters \(found byte 0x00"
  sed 's/^name: minimal$/name: "mini\\nmal"/' "$minimal" >newline.yaml
  try name_newline "$bin" validate newline.yaml
  expect name_newline 2 "a name may not hold control characters \(found byte 0x0a"
  try host_is_attacked "$bin" validate "$minimal" --set actors.FRONT.host=NTH
  expect host_is_attacked 2 "districts.hills.attack_group: 'FRONT' is hosted by NTH, the state of this district"
  sed -e '/^parameters:/,/^design:/d' -e "s|^scenario: .*|scenario: $scenario|" "$sweep_small" >csv.yaml
  printf 'design: {kind: csv, file: seed.csv}\n' >>csv.yaml
  printf 'actors.PAK.rationality,seed\n5,1\n' >seed.csv
  try csv_seed "$bin" validate csv.yaml
  expect csv_seed 2 "seed.csv:1:24: seed: the seed cannot be a column of the design"
  sed 's/^  coercion: 1.5$/  coercion: 1e-400/' "$minimal" >tiny.yaml
  try underflow "$bin" validate tiny.yaml
  expect underflow 2 "expected a number, got '1e-400' \(too close to zero to be represented"
  ;;
signals)
  for sig in HUP USR1 USR2 ALRM INT TERM; do
    "$bin" run "$scenario" -r 3000 -t 2 -o "sig_$sig.h5" -q 2>"sig_$sig.err" &
    pid=$!
    wait_for "sig_$sig.h5.lock" || note_fail "$sig: no lock file appeared"
    sleep 0.2
    kill "-$sig" "$pid"
    wait "$pid"
    c=$?
    [[ $c -eq 3 ]] || note_fail "SIG$sig: exit $c, expected 3: $(cat "sig_$sig.err")"
    [[ -e sig_$sig.h5 ]] && note_fail "SIG$sig: sig_$sig.h5 was written"
    echo "  SIG$sig: exit $c, $(head -n 1 "sig_$sig.err")"
  done
  no_leftovers sig_
  ;;
long_names)
  name255=$(printf 'a%.0s' {1..252}).h5
  try run_255 "$bin" run "$minimal" -o "$name255" -q
  expect run_255 0 ""
  [[ -f $name255 ]] || note_fail "the 255-byte output was not written"
  [[ -z $(find . -name '*.partial' -o -name '*.lock') ]] || note_fail "left behind: $(find . -name '*.partial' -o -name '*.lock')"
  start=$SECONDS
  try sweep_255 "$bin" sweep "$sweep_faults" -o "$name255" -q --force
  expect sweep_255 2 "choose an output name of at most 249 bytes"
  [[ $((SECONDS - start)) -le 5 ]] || note_fail "the 255-byte sweep was refused only after $((SECONDS - start)) s"
  name256=$(printf 'a%.0s' {1..253}).h5
  try run_256 "$bin" run "$minimal" -o "$name256" -q
  expect run_256 2 "the file name is 256 bytes long; this file system allows at most 255"
  long=$(printf 'd/%.0s' {1..2500})x.h5
  try path_5000 "$bin" run "$minimal" -o "$long" -q
  expect path_5000 2 "the output path is ${#long} bytes long; paths are limited to 4095 bytes"
  grep -q "internal error" path_5000.err && note_fail "a long path is an internal error"
  ;;
json_quiet)
  try sweep_json_quiet "$bin" sweep "$sweep_small" -o s.h5 --json -q
  expect sweep_json_quiet 0 ""
  "$python" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["runs"] > 0, d' \
    sweep_json_quiet.out || note_fail "sweep --json -q printed no JSON: $(cat sweep_json_quiet.out)"
  try compare_json_quiet "$bin" compare "$comparison" -o c.h5 --json -q
  expect compare_json_quiet 0 ""
  "$python" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["runs"] > 0, d' \
    compare_json_quiet.out || note_fail "compare --json -q printed no JSON"
  ;;
no_output)
  mkdir tmp
  try run_no_output env TMPDIR="$work/tmp" "$bin" run "$minimal" --no-output -r 4
  expect run_no_output 0 ""
  grep -q "no results file (--no-output)" run_no_output.out || note_fail "run --no-output said: $(head -n 1 run_no_output.out)"
  grep -q "^peak_escalation" run_no_output.out || note_fail "run --no-output printed no summary"
  try run_json_no_output "$bin" run "$minimal" --no-output --json
  expect run_json_no_output 0 ""
  "$python" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["output"] is None, d' \
    run_json_no_output.out || note_fail "run --no-output --json: output is not null"
  try run_neither "$bin" run "$minimal"
  expect run_neither 2 "give -o OUT.h5 for a results file, or --no-output"
  try run_both "$bin" run "$minimal" -o x.h5 --no-output
  expect run_both 2 "give either -o OUT.h5 or --no-output, not both"
  try compare_no_output env TMPDIR="$work/tmp" "$bin" compare "$comparison" --no-output -t 2
  expect compare_no_output 0 ""
  grep -q "^status_quo\|status quo\|status_quo" compare_no_output.out || note_fail "compare --no-output printed no table"
  try compare_no_output_resume "$bin" compare "$comparison" --no-output --resume
  expect compare_no_output_resume 2 "does not go with --resume"
  [[ -z $(ls -A tmp) ]] || note_fail "--no-output left files in TMPDIR: $(ls -A tmp)"
  [[ -z $(find . -maxdepth 1 -name '*.h5*') ]] || note_fail "--no-output wrote $(find . -maxdepth 1 -name '*.h5*')"
  ;;
out_of_memory)
  # An allocation that fails (here: 1e8 citizen agents, about 1.3 GB, under a 400 MB address-space
  # limit) is one line and exit 1, not "internal error". The population is over three times the
  # limit so that the first large allocation fails whatever the libraries take on a machine (with
  # 3e7 agents, 0.40 GB, the run fitted on one CI machine and ended in SIGABRT with nothing on stderr). Sanitizer builds
  # cannot start under ulimit -v.
  if sanitizer_build "$bin"; then
    echo "SKIP: a sanitizer build cannot run under ulimit -v"
    exit $SKIP
  fi
  "$bin" generate --citizens 1e8 --days 5 -o big.yaml >/dev/null || fail "generate failed"
  (ulimit -v 400000; exec "$bin" run big.yaml --no-output -t 1 -q) >oom.out 2>oom.err
  code=$?
  expect oom 1 "^flashpoint: error: out of memory"
  grep -q "internal error" oom.err && note_fail "out of memory is an internal error"
  ;;
generate_full_disk)
  (ulimit -f 10; exec "$bin" generate --citizens 100000 -o g.yaml) >gen.out 2>gen.err
  code=$?
  expect gen 1 "cannot write g.yaml: File too large"
  [[ -z $(find . -name 'g.yaml*') ]] || note_fail "left behind: $(find . -name 'g.yaml*')"
  ;;
*)
  fail "unknown check $check"
  ;;
esac
finish
