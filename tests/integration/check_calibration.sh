#!/usr/bin/env bash
# Integration checks of `flashpoint calibrate` through the real CLI and real files
# (docs/calibration.md), on tests/data/experiments/calibration_small.yaml (minimal.yaml, two
# priors, three targets).
#
#   check_calibration.sh CHECK FLASHPOINT_BIN PYTHON SOURCE_DIR WORK_DIR
#
# CHECK is one of:
#   run          exit 0; --json names the generations and the posterior; the file holds
#                /calibration (every generation) and /posterior with consistent shapes, weights
#                that sum to 1 and values inside the priors; the journals are gone; inspect
#                prints the generations and the posterior; an unfinished sweep's journals in
#                OUT.parts are refused (exit 2, kept) and replaced with --force
#   threads      1 and 2 threads give the same /calibration and /posterior
#   kill_resume  a larger copy of the file, SIGKILLed while a generation runs (after the first
#                generation's evaluations are kept, and again later), then --resume: the same
#                /calibration and /posterior as an uninterrupted run; a second start without
#                --resume is refused (exit 2) and --force starts again; --max-hours stops the
#                whole calibration (exit 3) and --resume finishes it, identical
#   shards       --shard 1/2 and 2/2 side by side, then --resume without --shard (no run again):
#                the same as one process
#   mpi          mpirun -np 2: the same as one process (builds with FLASHPOINT_MPI only)
#   posterior    a comparison and a sweep draw their parameter sets from the posterior
#                (parameters: {from_posterior: FILE, draws: N}): the comparison's robustness
#                table is over the draws with P(better); every drawn set is a particle of the
#                posterior; 1 and 2 threads give the same file; a parameter calibrated on
#                another scenario only is not set; a posterior of another
#                scenario, a results file without one and a missing file are refused (exit 2)
set -uo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
begin_check "$@"
calibration=$src/tests/data/experiments/calibration_small.yaml

# same_posterior A B: the groups /calibration and /posterior of A and B hold the same bytes.
same_posterior() {
  "$python" - "$1" "$2" <<'EOF'
import sys
import h5py
import numpy as np
a, b = (h5py.File(p, "r") for p in sys.argv[1:3])
n = 0
for group in ("calibration", "posterior"):
    assert set(a[group]) == set(b[group]), (group, sorted(a[group]), sorted(b[group]))
    for name in a[group]:
        x, y = a[group][name][()], b[group][name][()]
        assert x.dtype == y.dtype and x.shape == y.shape, (group, name)
        assert x.tobytes() == y.tobytes() if x.dtype.kind != "O" else list(x) == list(y), \
            f"/{group}/{name} differs"
        n += 1
    assert dict(a[group].attrs) == dict(b[group].attrs), f"attributes of /{group} differ"
print(f"{n} datasets of /calibration and /posterior identical")
EOF
}

case $check in
run)
  out=$work/small.h5
  "$bin" calibrate "$calibration" -o "$out" --threads 2 --json >"$work/out.json" ||
    fail "calibrate --json"
  cat "$work/out.json"
  [[ -d $out.parts ]] && fail "the journals were not removed"
  "$python" - "$work/out.json" "$out" <<'EOF' || fail "the file or the JSON is not what it should be"
import json
import sys
import h5py
import numpy as np
d = json.load(open(sys.argv[1]))
assert d["generations"] >= 2, d
assert d["stop_reason"] in ("tolerance", "generations", "acceptance"), d
assert [p["path"] for p in d["parameters"]] == ["districts.hills.attack_rate_per_day",
                                                "strategic.hostility_event_scale"], d
with h5py.File(sys.argv[2], "r") as f:
    assert f.attrs["experiment"] == "calibration", dict(f.attrs)
    c, p = f["calibration"], f["posterior"]
    g = d["generations"]
    assert c["values"].shape == (g, 24, 2), c["values"].shape
    assert c["statistics"].shape == (g, 24, 3), c["statistics"].shape
    assert list(c["target"].asstr()[()]) == ["attacks", "strike_to_ceasefire", "fatalities_nth"]
    tol = c["tolerance"][()]
    assert np.isinf(tol[0]) and np.all(np.diff(tol[1:]) <= 0), tol  # never rises
    for gi in range(g):
        assert abs(c["weights"][gi].sum() - 1) < 1e-12, c["weights"][gi]
    w = p["weights"][()]
    alive = w > 0
    assert abs(w.sum() - 1) < 1e-12
    # Every living particle is within the last tolerance and inside the priors.
    assert np.all(p["distances"][()][alive] <= tol[-1] + 1e-12)
    v = p["values"][()]
    assert np.all(v >= p["low"][()]) and np.all(v <= p["high"][()])
    assert np.all(p["q05"][()] <= p["q50"][()]) and np.all(p["q50"][()] <= p["q95"][()])
    # The summary is the weighted mean of the particles.
    assert np.allclose(p["mean"][()], (w[:, None] * v).sum(axis=0)), (p["mean"][()], v)
    # The statistics of the last generation give the distances written (RMS of z-scores).
    z = (c["statistics"][-1] - c["observed"][()]) / c["scale"][()]
    assert np.allclose(np.sqrt((z ** 2).mean(axis=1)), c["distances"][-1])
print("file and JSON consistent")
EOF
  "$bin" inspect "$out" >"$work/inspect.txt" || fail "inspect"
  cat "$work/inspect.txt"
  grep -q "calibration (/calibration): ABC-SMC" "$work/inspect.txt" || fail "inspect: no generations"
  grep -q "posterior: 24 particles (" "$work/inspect.txt" || fail "inspect: no posterior"
  grep -q "strategic.hostility_event_scale" "$work/inspect.txt" || fail "inspect: no parameter"
  # An unfinished sweep's journals in OUT.parts are not a calibration's to delete: refused
  # without --force, kept; --force replaces them.
  shared=$work/shared.h5
  "$bin" sweep "$src/tests/data/experiments/sweep_small.yaml" -o "$shared" --threads 1 --quiet \
    --max-hours 0.000001
  ls "$shared".parts/*.journal >/dev/null 2>&1 || fail "the sweep left no journal to protect"
  "$bin" calibrate "$calibration" -o "$shared" --threads 2 --quiet 2>"$work/shared.err"
  code=$?
  cat "$work/shared.err"
  [[ $code -eq 2 ]] || fail "a calibration over a sweep's journals: exit $code, expected 2"
  grep -q "holds the journals of an unfinished sweep or comparison" "$work/shared.err" ||
    fail "no message about the sweep's journals"
  ls "$shared".parts/*.journal >/dev/null 2>&1 || fail "the sweep's journals were deleted"
  "$bin" calibrate "$calibration" -o "$shared" --threads 2 --quiet --force ||
    fail "--force over a sweep's journals"
  [[ -d $shared.parts ]] && fail "the journals were not removed after --force"
  ;;

threads)
  "$bin" calibrate "$calibration" -o "$work/t1.h5" --threads 1 --quiet || fail "1 thread"
  "$bin" calibrate "$calibration" -o "$work/t2.h5" --threads 2 --quiet || fail "2 threads"
  same_posterior "$work/t1.h5" "$work/t2.h5" || fail "1 and 2 threads differ"
  ;;

kill_resume)
  # A copy that runs long enough to be killed inside a generation: 48 particles x 48 replicates.
  big=$work/calibration_big.yaml
  sed -e "s#\.\./minimal\.yaml#$src/tests/data/minimal.yaml#" -e 's/particles: 24/particles: 48/' \
    -e 's/replicates: 4/replicates: 48/' "$calibration" >"$big"
  "$bin" calibrate "$big" -o "$work/ref.h5" --threads 2 --quiet || fail "the reference run"
  out=$work/killed.h5
  kills=0
  for attempt in 1 2 3; do
    flags=()
    [[ -d $out.parts ]] && flags=(--resume)
    "$bin" calibrate "$big" -o "$out" --threads 2 --quiet "${flags[@]}" &
    pid=$!
    # Killed once generation $attempt's journal has runs (the earlier ones are kept).
    for _ in $(seq 4000); do
      gen=$(printf 'gen%03d' "$attempt")
      [[ $(cat "$out".parts/"$gen".parts/*.journal 2>/dev/null | wc -c) -gt 20000 ]] && break
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.005
    done
    if kill -KILL "$pid" 2>/dev/null; then
      kills=$((kills + 1))
      echo "attempt $attempt killed: $(ls "$out".parts | tr '\n' ' ')"
    fi
    wait "$pid" 2>/dev/null
    [[ -e $out ]] && break
  done
  [[ $kills -ge 2 ]] || fail "only $kills kills landed before the calibration finished"
  "$bin" calibrate "$big" -o "$out" --threads 2 --quiet
  code=$?
  [[ $code -eq 2 ]] || fail "a second start without --resume: exit $code, expected 2"
  "$bin" calibrate "$big" -o "$out" --threads 2 --resume || fail "the final --resume failed"
  [[ -d $out.parts ]] && fail "the journals were not removed"
  same_posterior "$work/ref.h5" "$out" || fail "the resumed calibration differs"
  # --force starts again over what an interrupted start left.
  "$bin" calibrate "$big" -o "$work/forced.h5" --threads 2 --quiet &
  pid=$!
  for _ in $(seq 4000); do
    [[ -e $work/forced.h5.parts/gen000.evaluations ]] && break
    sleep 0.005
  done
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  "$bin" calibrate "$big" -o "$work/forced.h5" --threads 2 --quiet --force || fail "--force"
  same_posterior "$work/ref.h5" "$work/forced.h5" || fail "--force differs"
  # --max-hours bounds the whole calibration: exit 3 with what is done kept, then --resume.
  "$bin" calibrate "$big" -o "$work/limited.h5" --threads 2 --quiet --max-hours 0.0001
  code=$?
  [[ $code -eq 3 ]] || fail "--max-hours 0.0001: exit $code, expected 3"
  [[ -d $work/limited.h5.parts && ! -e $work/limited.h5 ]] || fail "--max-hours: nothing kept"
  "$bin" calibrate "$big" -o "$work/limited.h5" --threads 2 --quiet --resume ||
    fail "--resume after --max-hours"
  same_posterior "$work/ref.h5" "$work/limited.h5" || fail "the calibration resumed after --max-hours differs"
  echo "$kills kills, resumed: identical"
  ;;

shards)
  # Two shards started together share each generation's runs and wait for each other; the
  # journals are kept, and --resume without --shard writes the file: the same as one process.
  "$bin" calibrate "$calibration" -o "$work/one.h5" --threads 1 --quiet || fail "one process"
  out=$work/sharded.h5
  "$bin" calibrate "$calibration" -o "$out" --threads 1 --shard 1/2 >"$work/s1.out" 2>&1 &
  p1=$!
  "$bin" calibrate "$calibration" -o "$out" --threads 1 --shard 2/2 >"$work/s2.out" 2>&1 &
  p2=$!
  wait "$p1" || { cat "$work/s1.out"; fail "shard 1/2"; }
  wait "$p2" || { cat "$work/s2.out"; fail "shard 2/2"; }
  cat "$work/s1.out" "$work/s2.out"
  grep -q "flashpoint calibrate .* --resume" "$work/s1.out" || fail "shard 1/2 does not say how to finish"
  [[ -e $out ]] && fail "a shard wrote the results file"
  "$bin" calibrate "$calibration" -o "$out" --threads 2 --resume --json >"$work/merge.json" ||
    fail "--resume without --shard"
  "$python" -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['ran'] == 0, d" \
    "$work/merge.json" || fail "--resume ran runs again instead of replaying the shards' work"
  [[ -d $out.parts ]] && fail "the journals were not removed"
  same_posterior "$work/one.h5" "$out" || fail "two shards differ from one process"
  ;;

mpi)
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
  "$bin" calibrate "$calibration" -o "$work/one.h5" --threads 1 --quiet || fail "one process"
  mpirun -np 2 "$bin" calibrate "$calibration" -o "$work/mpi.h5" --threads 1 --quiet ||
    fail "mpirun -np 2 flashpoint calibrate"
  same_posterior "$work/one.h5" "$work/mpi.h5" || fail "2 MPI ranks differ from one process"
  ;;

posterior)
  post=$work/post.h5
  "$bin" calibrate "$calibration" -o "$post" --threads 2 --quiet || fail "calibrate"
  write_comparison() {  # FILE SCENARIO POSTERIOR
    cat >"$1" <<EOF
kind: comparison
name: over-posterior
scenario: $2
replicates: 4
seed: 3
rank_by: {outcome: fatalities_all, better: lower}
ensemble:
  parameters: {from_posterior: $3, draws: 5}
options:
  - name: status_quo
  - name: calm
    set: {strategic.hostility_event_scale: 0.01}
EOF
  }
  write_comparison "$work/compare.yaml" "$src/tests/data/minimal.yaml" "$post"
  "$bin" compare "$work/compare.yaml" -o "$work/compare.h5" --threads 2 >"$work/table.txt" ||
    fail "compare over the posterior"
  cat "$work/table.txt"
  grep -q "robustness over 5 posterior draws" "$work/table.txt" || fail "no robustness over the draws"
  grep -q "P(better)" "$work/table.txt" || fail "no P(better) column"
  "$bin" compare "$work/compare.yaml" -o "$work/compare2.h5" --threads 1 --json >"$work/c.json" ||
    fail "compare --json"
  cat >"$work/sweep.yaml" <<EOF
kind: sweep
name: sweep-over-posterior
scenario: $src/tests/data/minimal.yaml
parameters: {from_posterior: $post, draws: 6}
replicates: 2
seed: 5
EOF
  "$bin" sweep "$work/sweep.yaml" -o "$work/sweep.h5" --threads 2 --quiet ||
    fail "sweep over the posterior"
  "$python" - "$post" "$work/c.json" "$work/sweep.h5" "$work/compare.h5" <<'EOF' ||
import json
import sys
import h5py
import numpy as np
post = h5py.File(sys.argv[1], "r")["posterior"]
particles = {tuple(row) for row, w in zip(post["values"][()], post["weights"][()]) if w > 0}
names = list(post["parameter"].asstr()[()])
d = json.load(open(sys.argv[2]))
p = [o["p_better_than_status_quo"] for o in d["options"]]
assert p[0] is None and 0 <= p[1] <= 1, p
with h5py.File(sys.argv[3], "r") as f:
    design = f["design"]
    assert list(design["parameter"].asstr()[()]) == names, list(design["parameter"].asstr()[()])
    rows = design["values"][()]
    assert rows.shape == (6, len(names)), rows.shape
    assert all(tuple(r) in particles for r in rows), "a drawn set is not a particle"
    assert f["runs/run"].shape == (12,)
with h5py.File(sys.argv[4], "r") as f:
    c = f["comparison"]
    assert c.attrs["posterior"] == sys.argv[1], dict(c.attrs)
    assert np.isnan(c["p_better"][0]) and 0 <= c["p_better"][1] <= 1, c["p_better"][()]
print("draws from the posterior:", len(particles), "particles,", len(rows), "sweep points")
EOF
    fail "the draws are not the posterior's"
  "$python" "$src/tests/integration/compare_results.py" "$work/compare.h5" "$work/compare2.h5" \
    >/dev/null || fail "the comparison over the posterior at 1 and 2 threads differs"
  # Refused with exit 2 and a located message: a posterior of another scenario, a results file
  # without one, a file that is not HDF5, no file.
  refused() {  # NAME SCENARIO POSTERIOR PATTERN WHAT
    write_comparison "$work/$1.yaml" "$2" "$3"
    "$bin" compare "$work/$1.yaml" -o "$work/$1_cmp.h5" 2>"$work/$1.err"
    local code=$?
    cat "$work/$1.err"
    [[ $code -eq 2 ]] || fail "$5: exit $code, expected 2"
    grep -q "$4" "$work/$1.err" || fail "$5: no message matching '$4'"
  }
  refused other "$src/tests/data/layer2.yaml" "$post" \
    "other.yaml:[0-9]*:[0-9]*: .*was calibrated on the scenario 'minimal'" \
    "a posterior of another scenario"
  "$bin" run "$src/tests/data/minimal.yaml" -r 2 -o "$work/plain.h5" --quiet || fail "run"
  refused plain "$src/tests/data/minimal.yaml" "$work/plain.h5" "holds no posterior" \
    "a results file without a posterior"
  printf 'not an HDF5 file\n' >"$work/junk.h5"
  refused junk "$src/tests/data/minimal.yaml" "$work/junk.h5" \
    "junk.yaml:[0-9]*:[0-9]*: from_posterior" "a posterior that is not HDF5"
  refused none "$src/tests/data/minimal.yaml" "$work/no_such.h5" \
    "cannot read the posterior file" "a missing posterior"
  # A parameter calibrated on one scenario only is set only there: a sweep over the posterior on
  # the other scenario varies the other parameters alone.
  cat >"$work/two.yaml" <<EOF
kind: calibration
name: two
seed: 9
scenarios:
  base: $src/tests/data/minimal.yaml
  other: $src/tests/data/layer2.yaml
parameters:
  - {path: strategic.hostility_event_scale, distribution: log_uniform, low: 0.01, high: 0.3}
  - {path: talks.agree_base, low: 0.1, high: 0.6, scenarios: [other]}
targets:
  - {name: a, scenario: base, outcome: attacks, statistic: mean, observed: 13, tolerance: 5,
     source: test}
  - {name: b, scenario: other, outcome: attacks, statistic: mean, observed: 35, tolerance: 10,
     source: test}
abc: {particles: 12, replicates: 2, generations: 2}
EOF
  "$bin" calibrate "$work/two.yaml" -o "$work/two.h5" --quiet || fail "calibrate on two scenarios"
  sed -e "s#from_posterior: $post#from_posterior: $work/two.h5#" "$work/sweep.yaml" >"$work/scoped.yaml"
  "$bin" sweep "$work/scoped.yaml" -o "$work/scoped.h5" --quiet || fail "sweep over a scoped posterior"
  "$python" - "$work/scoped.h5" <<'EOF' || fail "a parameter calibrated on another scenario was set"
import sys
import h5py
with h5py.File(sys.argv[1], "r") as f:
    names = list(f["design/parameter"].asstr()[()])
assert names == ["strategic.hostility_event_scale"], names
print("scoped: the sweep on 'minimal' sets", names)
EOF
  ;;

*)
  fail "unknown check $check"
  ;;
esac
finish
