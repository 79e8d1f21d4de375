#!/usr/bin/env bash
# Runs that valid input can push past what the model or the machine can hold, through the real
# CLI (docs/reliability.md, "Invariants checked every day" and "Resource bounds"; docs/cli.md,
# "Exit codes"): each must end with a one-line message and its documented exit code, never with
# NaN in a results file, a crash or an unbounded allocation.
#
#   check_model_limits.sh CHECK FLASHPOINT_BIN PYTHON SOURCE_DIR WORK_DIR
#
# CHECK is one of:
#   diverging_run    tests/data/diverging.yaml (Richardson's k*k > a*a): exit 1, the message names
#                    run 0, day 8,555 and its date, the hostility of NTH toward STH and the
#                    condition; no results file, no .partial
#   diverging_sweep  tests/data/experiments/sweep_diverging.yaml on one thread: exit 1, the same
#                    kind of message for run 2, and the journal keeps runs 0 and 1
#   event_cap        tests/data/cell_flood.yaml (about 5 million events in 100 days) under
#                    `ulimit -v 524288` (512 MiB of address space): completes (exit 0) with the
#                    cap reached (1,000,000 rows in /events, the rest in /runs/events_dropped, a
#                    note on stderr); the same run with the cap raised to 1e7 runs out of memory
#                    under the same limit: exit 1, "flashpoint: error: out of memory", no file.
#                    Skipped (77) under a sanitizer, which needs far more address space.
#   plausibility     the invented borderland with insurgency.recruit_rate at 5e-3 (about 330 times
#                    the default): `run` exits 0, warns on stderr that groups more than doubled
#                    within 30 days, and /runs/implausible flags those runs with CF flag_masks /
#                    flag_meanings; the same runs with --quiet print nothing and keep the same
#                    flags; with the defaults no run is flagged at all; a sweep over the two values
#                    warns with the count of the runs
#   defaults_only    the invented borderland with every model parameter removed (defaults_only.py:
#                    only the facts of its case stay), 100 replicates: at most 2 runs flagged, and
#                    only for a district outburst (1-2 in 1,000 runs tip over 25% active), the
#                    median peak district active share under 15% (issue 14's test of a new
#                    scenario written from the docs)
#   memory_refused   a generated scenario of 1e8 citizen agents (about 1.1 GiB a run) on 4096
#                    threads: `run` and `sweep` refuse it before any work with the figures and
#                    how many threads fit (exit 2), and write nothing
set -uo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
begin_check "$@"
try_seconds=120

# The located message of tests/data/diverging.yaml's hostility overflow, without the run.
diverged_re="the hostility of NTH toward STH is not finite \(inf\); Richardson's system diverges when k_ij\*k_ji > a_i\*a_j .* = 0\.01 > the fatigues a\(NTH\) x a\(STH\) = 0\.01 x 0\.01 = 0\.0001"

case $check in
  diverging_run)
    try run "$bin" run "$src/tests/data/diverging.yaml" -o out.h5 -t 1
    refused run 1 "^flashpoint: error: run 0 \(seed [0-9]+\): day 8,555 \(2048-08-02\): $diverged_re"
    only_line run
    expect_no_file out.h5 out.h5.partial
    ;;
  diverging_sweep)
    try sweep "$bin" sweep "$src/tests/data/experiments/sweep_diverging.yaml" -o out.h5 -t 1
    refused sweep 1 "^flashpoint: error: run 2 \(seed [0-9]+\): day 8,[0-9]{3} \(204[78]-[0-9-]+\): $diverged_re; lower relations\[\]\.reaction or raise the states. hostility_fatigue\. The sweep stopped; the 2 runs it finished are kept in out\.h5\.parts"
    only_line sweep
    expect_no_file out.h5
    tail=$("$python" "$src/tests/integration/check_faults_files.py" --journal-tail out.h5.parts)
    echo "  journal: $tail"
    [[ $tail == "2 runs journaled" ]] || note_fail "the journal holds '$tail', expected the 2 finished runs"
    ;;
  event_cap)
    if sanitizer_build "$bin"; then
      echo "skipped: a sanitizer reserves more address space than ulimit -v leaves"
      exit $SKIP
    fi
    limit_kib=524288
    try capped bash -c "ulimit -v $limit_kib && exec \"\$0\" run \"\$1\" -o capped.h5 -t 1" \
      "$bin" "$src/tests/data/cell_flood.yaml"
    expect capped 0 ""
    expect_stderr capped "flashpoint: note: 1 of 1 runs recorded max_events_per_run = 1000000 events"
    if [[ -e capped.h5 ]]; then
      "$python" - capped.h5 <<'PY' || note_fail "capped.h5 does not show the cap reached"
import sys
import h5py
with h5py.File(sys.argv[1], "r") as f:
    rows = f["events/event"].shape[0]
    dropped = int(f["runs/events_dropped"][0])
    attacks = int(f["runs/attacks"][0])
    print(f"  /events: {rows} rows; events_dropped: {dropped}; attacks: {attacks}")
    assert rows == 1_000_000, rows
    assert dropped > 1_000_000, dropped
    # The dropped events acted: the attacks outcome counts every one of them.
    assert attacks > rows, (attacks, rows)
    assert (f["events/day"][:] < 100).all()
PY
    else
      note_fail "capped.h5 was not written"
    fi
    try uncapped bash -c "ulimit -v $limit_kib && exec \"\$0\" run \"\$1\" -o uncapped.h5 -t 1 --set max_events_per_run=10000000" \
      "$bin" "$src/tests/data/cell_flood.yaml"
    refused uncapped 1 "^flashpoint: error: out of memory \(std::bad_alloc\): .*max_events_per_run"
    only_line uncapped
    expect_no_file uncapped.h5 uncapped.h5.partial
    ;;
  plausibility)
    borderland="$src/scenarios/invented/borderland.yaml"
    try broken "$bin" run "$borderland" -r 6 -t 2 -o broken.h5 --set insurgency.recruit_rate=5e-3
    expect broken 0 "^flashpoint: warning: implausible: [1-6] of 6 runs: an armed group more than doubled its fighters within 30 days"
    try quiet "$bin" run "$borderland" -r 6 -t 2 -o quiet.h5 -q --set insurgency.recruit_rate=5e-3
    expect quiet 0 ""
    [[ -s $work/quiet.err ]] && note_fail "quiet: --quiet printed on stderr: $(head -c 300 "$work/quiet.err")"
    try clean "$bin" run "$borderland" -r 6 -t 2 -o clean.h5
    expect clean 0 ""
    grep -q "implausible" "$work/clean.err" && note_fail "clean: the defaults warned: $(head -c 300 "$work/clean.err")"
    "$python" - broken.h5 quiet.h5 clean.h5 <<'PY' || note_fail "the flags in /runs/implausible are wrong"
import sys
import h5py
import numpy as np
broken, quiet, clean = (h5py.File(p, "r") for p in sys.argv[1:4])
flags = broken["runs/implausible"]
assert broken.attrs["format_version"] >= 4
assert list(flags.attrs["flag_masks"]) == [1, 2, 4], flags.attrs["flag_masks"]
assert flags.attrs["flag_meanings"].split()[0] == "group_doubled_within_30_days"
values = flags[:]
print(f"  broken: flags {values.tolist()}; clean: {clean['runs/implausible'][:].tolist()}")
assert (values & 1).any(), values
# the flag agrees with the series it reads: some group more than doubled within 30 days
fighters = broken["runs/fighters"][:]  # run, day, group
now, before = fighters[:, 30:, :], fighters[:, :-30, :]
grew = ((now > 2 * before) & (now - before >= 100)).any(axis=(1, 2))
assert (grew <= ((values & 1) != 0)).all(), (grew, values)
assert np.array_equal(values, quiet["runs/implausible"][:])
assert (clean["runs/implausible"][:] == 0).all()
PY
    cat >sweep.yaml <<YAML
kind: sweep
name: recruit-sweep
scenario: $borderland
parameters:
  - {path: insurgency.recruit_rate, distribution: levels, levels: [1.5e-5, 5e-3]}
design: {kind: grid}
replicates: 3
YAML
    try sweep "$bin" sweep sweep.yaml -o sweep.h5 -t 2
    expect sweep 0 "^flashpoint: warning: implausible: [1-3] of 6 runs: an armed group more than doubled"
    ;;
  defaults_only)
    "$python" "$src/tests/integration/defaults_only.py" "$bin" "$src/scenarios/invented/borderland.yaml" \
      defaults.yaml || note_fail "defaults_only.py failed"
    grep -qE "^ *(legitimacy|recruit_rate|capability|garrison):" defaults.yaml &&
      note_fail "defaults.yaml still sets a model parameter"
    try defaults "$bin" run defaults.yaml -r 100 -t 2 -o defaults.h5
    # A rare run may tip a district over 25% active (1 or 2 in 1,000 runs, docs/validation.md):
    # the file is plausible when at most 2 of its 100 runs are flagged, and then the warning
    # says so and nothing else.
    expect defaults 0 ""
    if [[ -s $work/defaults.err ]] &&
      ! grep -qE "^flashpoint: warning: implausible: [12] of 100 runs: more than 25% of a district's people were active at once" "$work/defaults.err"; then
      note_fail "defaults: warned: $(head -c 300 "$work/defaults.err")"
    fi
    "$python" - defaults.h5 <<'PY' || note_fail "the defaults-only runs are flagged or implausible"
import sys
import h5py
import numpy as np
f = h5py.File(sys.argv[1], "r")
flags = f["runs/implausible"][:]
fighters = f["runs/fighters"][:].sum(axis=2)
deaths = f["runs/fatalities_total"][:]
print(f"  defaults: {len(flags)} runs, {int((flags != 0).sum())} flagged; fighters day 0 "
      f"{np.median(fighters[:, 0]):.0f}, median peak {np.median(fighters.max(axis=1)):.0f}; "
      f"peak district active share median {np.median(f['runs/peak_district_active_share'][:]):.3f}")
assert len(flags) == 100 and (flags != 0).sum() <= 2, flags
# the only flag a defaults-only run may carry is the district outburst (mask 4)
assert ((flags & ~4) == 0).all(), flags
assert np.median(f["runs/peak_district_active_share"][:]) < 0.15
PY
    ;;
  memory_refused)
    try generate "$bin" generate --citizens 1e8 -o huge.yaml
    expect generate 0 ""
    try run "$bin" run huge.yaml -o out.h5 -r 4096 -t 4096
    refusal="^huge\.yaml: a run of this scenario needs about 1\.[0-9] GiB \(1\.[0-9] GiB for 100,000,000 citizen agents at 12 bytes, .*\), so 4096 threads at once need about 4\.[0-9] TiB with the program itself, and this machine has [0-9.]+ [KMGT]iB available \(.*\): (at most [0-9]+ threads? fit: pass --threads [0-9]+|not even one run fits), or make the runs smaller"
    refused run 2 "$refusal"
    expect_no_file out.h5 out.h5.partial
    cat >sweep.yaml <<'YAML'
kind: sweep
name: huge-sweep
scenario: huge.yaml
parameters:
  - {path: actors.NTH.rationality, distribution: levels, levels: [4, 8]}
design: {kind: grid}
replicates: 4096
YAML
    try sweep "$bin" sweep sweep.yaml -o sweep.h5 -t 4096
    refused sweep 2 "$refusal"
    expect_no_file sweep.h5 sweep.h5.parts
    ;;
  *)
    fail "unknown check $check"
    ;;
esac
finish
