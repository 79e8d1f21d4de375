#!/usr/bin/env python3
"""User-defined outcomes through the real CLI and real files (docs/experiments.md, "Your own
outcomes"; docs/output.md, "Per-run outcomes").

    check_user_outcomes.py FLASHPOINT_BIN SOURCE_DIR WORK_DIR

1. tests/data/experiments/sweep_small.yaml (keep: events) defines the three example outcomes;
   their values in /outcomes/value must equal the values recomputed here from /runs (civilian
   deaths on days 0-29, the first day at escalation >= 8, the share of days under a ceasefire),
   first_day(escalation >= 6) must equal the built-in first_conflict_day, and the built-in
   columns must equal /runs. A negative control shows the comparison can fail.
2. The same sweep keeping only outcomes gives bit-identical /outcomes/value (computed before the
   daily series are dropped), and /design/outcomes/mean is the replicates' mean of /outcomes.
3. A resume after the definitions changed is refused (exit 2: another design).
4. `flashpoint run` writes /outcomes with the built-in outcomes only.
5. A comparison ranks by a user outcome; /comparison and /outcomes carry it.
6. A calibration fits a target on a user outcome: its statistics equal, particle by particle,
   those of the same figure written as a `series` target.
"""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
import fp_interpreter  # noqa: E402

fp_interpreter.ensure(["h5py", "numpy"])

import h5py  # noqa: E402
import numpy as np  # noqa: E402

BIN, SRC, WORK = sys.argv[1:4]
EXPERIMENTS = os.path.join(SRC, "tests", "data", "experiments")
problems = []


def fail(message):
    problems.append(message)
    print("FAIL:", message)


def run(*args, expect=0):
    p = subprocess.run([BIN, *args], capture_output=True, text=True)
    if p.returncode != expect:
        fail(f"flashpoint {' '.join(args)}: exit {p.returncode}, expected {expect}\n{p.stderr}")
    return p


def labels(ds):
    return [v.decode() if isinstance(v, bytes) else str(v) for v in ds[()]]


def same_bits(a, b):
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return a.shape == b.shape and bool(np.all((a == b) | (np.isnan(a) & np.isnan(b))))


def column(f, name):
    return f["outcomes/value"][:, labels(f["outcomes/outcome"]).index(name)]


def recomputed(f):
    """The three example outcomes from /runs, as docs/experiments.md defines them."""
    fatalities = np.asarray(f["runs/fatalities"][()], dtype=np.float64)
    civilian = [k for k, c in enumerate(labels(f["runs/category"])) if c.endswith(".civilians")]
    civilians_30d = fatalities[:, 0:30, :][:, :, civilian].sum(axis=(1, 2))
    escalation = np.asarray(f["runs/escalation"][()])
    reached = escalation >= 8
    day_rung8 = np.where(reached.any(axis=1), reached.argmax(axis=1), np.nan).astype(np.float64)
    ceasefire = np.asarray(f["runs/ceasefire"][()], dtype=np.float64)
    share = ceasefire.sum(axis=1) / ceasefire.shape[1]
    return {"civilians_30d": civilians_30d, "day_rung8": day_rung8, "ceasefire_share": share}


def check_sweep(full, lean):
    with h5py.File(full, "r") as f:
        names = labels(f["outcomes/outcome"])
        own = ["civilians_30d", "day_rung8", "ceasefire_share", "conflict_day"]
        if names[-4:] != own:
            fail(f"/outcomes/outcome ends with {names[-4:]}")
            return
        user = np.asarray(f["outcomes/user_defined"][()])
        if list(user[-4:]) != [1, 1, 1, 1] or user[:-4].any():
            fail("/outcomes/user_defined does not flag exactly the file's own outcomes")
        a = f["outcomes"].attrs
        want = {"expression:civilians_30d": "sum_days(fatalities[*.civilians], 0, 29)",
                "units:civilians_30d": "deaths",
                "description:civilians_30d": "civilian deaths in the first 30 days",
                "expression:day_rung8": "first_day(escalation >= 8)"}
        for key, value in want.items():
            got = a.get(key)
            got = got.decode() if isinstance(got, bytes) else got
            if got != value:
                fail(f"/outcomes attribute {key} is {got!r}, expected {value!r}")
        runs = f["runs/run"].shape[0]
        if f["outcomes/value"].shape != (runs, len(names)):
            fail(f"/outcomes/value has shape {f['outcomes/value'].shape}")
        mine = recomputed(f)
        for name, values in mine.items():
            if not same_bits(column(f, name), values):
                fail(f"{name}: /outcomes differs from the value recomputed from /runs")
            # Negative control: the same comparison catches a value off by one.
            if same_bits(column(f, name), np.nan_to_num(values) + 1):
                fail(f"{name}: the negative control was not caught")
        # first_day with a value: the built-in first_conflict_day (-1 = never) is the same.
        conflict = np.asarray(f["runs/first_conflict_day"][()], dtype=np.float64)
        conflict[conflict < 0] = np.nan
        if not same_bits(column(f, "conflict_day"), conflict):
            fail("conflict_day = first_day(escalation >= 6) differs from first_conflict_day")
        if not np.isfinite(conflict).any():
            fail("no run reached armed conflict: first_day is checked on NaN only")
        if mine["civilians_30d"].sum() == 0:
            fail("no civilian deaths in any run: the check is empty")
        for name in ("peak_escalation", "conflict_days", "attacks"):
            if not same_bits(column(f, name), f[f"runs/{name}"][()]):
                fail(f"/outcomes column {name} differs from /runs/{name}")
        # /design/outcomes/mean: each point's replicates' mean (NaN skipped).
        mean = f["design/outcomes/mean"][()]
        reps = runs // mean.shape[0]
        for k in range(len(names) - 4, len(names)):
            v = f["outcomes/value"][:, k].reshape(mean.shape[0], reps)
            with np.errstate(all="ignore"):
                expect = np.array([np.mean(r[~np.isnan(r)]) if (~np.isnan(r)).any() else np.nan
                                   for r in v])
            if not np.allclose(mean[:, k], expect, rtol=1e-12, equal_nan=True):
                fail(f"/design/outcomes/mean column {names[k]} is not the mean of /outcomes")
        full_values = f["outcomes/value"][()]
    with h5py.File(lean, "r") as g:
        if "escalation" in g["runs"]:
            fail("the keep: outcomes sweep kept the daily series")
        if not same_bits(g["outcomes/value"][()], full_values):
            fail("keep: outcomes and keep: events give different /outcomes/value")
    print(f"sweep: {len(names)} outcomes x {runs} runs; the three user outcomes agree with /runs")


def check_changed_design(text):
    path = os.path.join(WORK, "changing.yaml")
    out = os.path.join(WORK, "changing.h5")
    shutil.rmtree(out + ".parts", ignore_errors=True)
    with open(path, "w") as f:
        f.write(text)
    run("sweep", path, "-o", out, "--shard", "1/2", "--threads", "2", "--quiet")
    with open(path, "w") as f:
        f.write(text.replace("first_day(escalation >= 8)", "first_day(escalation >= 7)"))
    p = run("sweep", path, "-o", out, "--resume", "--quiet", expect=2)
    if "another design" not in p.stderr:
        fail(f"a resume with changed definitions: stderr does not say 'another design':\n"
             f"{p.stderr}")
    print("a resume with a changed definition is refused")


def check_run():
    out = os.path.join(WORK, "run.h5")
    run("run", os.path.join(SRC, "tests", "data", "minimal.yaml"), "-r", "3", "-o", out,
        "--force", "--quiet")
    with h5py.File(out, "r") as f:
        if np.asarray(f["outcomes/user_defined"][()]).any():
            fail("a plain run has user-defined outcomes")
        total = np.asarray(f["runs/fatalities_total"][()], dtype=np.float64).sum(axis=1)
        if not same_bits(column(f, "fatalities_all"), total):
            fail("run: /outcomes fatalities_all is not the sum of /runs/fatalities_total")
        if f["outcomes/value"].shape[0] != 3:
            fail(f"run: /outcomes/value has {f['outcomes/value'].shape[0]} rows, expected 3")
    print("run: /outcomes with the built-in outcomes")


def check_comparison(text):
    path = os.path.join(WORK, "compare_user.yaml")
    out = os.path.join(WORK, "compare_user.h5")
    with open(path, "w") as f:
        f.write(text.replace("rank_by: {outcome: fatalities_all, better: lower}",
                             "rank_by: {outcome: civilians_30d, better: lower}"))
    run("compare", path, "-o", out, "--force", "--threads", "2", "--quiet")
    with h5py.File(out, "r") as f:
        names = labels(f["comparison/outcome"])
        if "civilians_30d" not in names or "ceasefire_share" not in names:
            fail(f"/comparison/outcome lacks the user outcomes: {names[-3:]}")
        rank_by = f["comparison"].attrs.get("rank_by")
        rank_by = rank_by.decode() if isinstance(rank_by, bytes) else rank_by
        if rank_by != "civilians_30d":
            fail(f"/comparison rank_by is {rank_by!r}")
        if f["outcomes/value"].shape[0] != f["runs/run"].shape[0]:
            fail("/outcomes/value does not have a row per run")
        mine = recomputed(f) if "fatalities" in f["runs"] else None
        if mine is not None and not same_bits(column(f, "civilians_30d"), mine["civilians_30d"]):
            fail("comparison: civilians_30d differs from /runs")
    print("comparison: ranked by a user outcome")


def check_calibration():
    with open(os.path.join(EXPERIMENTS, "calibration_small.yaml")) as f:
        text = f.read().replace("../minimal.yaml", os.path.join(SRC, "tests", "data",
                                                                 "minimal.yaml"))
    own = """outcomes:
  nth_civilians_30d: sum_days(fatalities[NTH.civilians], 0, 29)
targets:
  - name: own
    outcome: nth_civilians_30d
    statistic: median
    observed: 5
    tolerance: 5
    source: "test figure"
  - name: series
    series: fatalities[NTH.civilians]
    days: sum
    from: 0
    to: 29
    statistic: median
    observed: 5
    tolerance: 5
    source: "test figure"
"""
    text = text.replace("targets:\n", own, 1).replace("particles: 24", "particles: 8")
    path, out = os.path.join(WORK, "calibration_user.yaml"), os.path.join(WORK, "calibration.h5")
    with open(path, "w") as f:
        f.write(text)
    run("calibrate", path, "-o", out, "--force", "--threads", "2", "--quiet")
    if problems:
        return
    with h5py.File(out, "r") as f:
        targets = labels(f["calibration/target"])
        stats = f["calibration/statistics"][()]
        k, j = targets.index("own"), targets.index("series")
        a, b = stats[..., k], stats[..., j]
        if not same_bits(a, b):
            fail("calibration: the target on a user outcome differs from the same series target")
        if not np.isfinite(a).any():
            fail("calibration: the target on a user outcome has no value")
    print("calibration: a target on a user outcome = the same series target")


def main():
    os.makedirs(WORK, exist_ok=True)
    os.chdir(WORK)
    with open(os.path.join(EXPERIMENTS, "sweep_small.yaml")) as f:
        sweep = f.read().replace("../../../scenarios/",
                                 os.path.join(SRC, "scenarios") + "/")
    with open("full.yaml", "w") as f:
        f.write(sweep)
    with open("lean.yaml", "w") as f:
        f.write(sweep.replace("keep: events", "keep: outcomes"))
    run("sweep", "full.yaml", "-o", "full.h5", "--force", "--threads", "2", "--quiet")
    run("sweep", "lean.yaml", "-o", "lean.h5", "--force", "--threads", "1", "--quiet")
    if not problems:
        check_sweep("full.h5", "lean.h5")
    check_changed_design(sweep.replace("keep: events", "keep: outcomes"))
    check_run()
    with open(os.path.join(EXPERIMENTS, "compare_small.yaml")) as f:
        comparison = f.read().replace("../../../scenarios/",
                                      os.path.join(SRC, "scenarios") + "/")
    check_comparison(comparison.replace("replicates: 8", "replicates: 3"))
    check_calibration()
    if problems:
        print(f"{len(problems)} problem(s)")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
