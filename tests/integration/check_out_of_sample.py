"""The out-of-sample reports of docs/validation.md through real runs and real files:
scripts/out_of_sample_2019.py on scenarios/ind-pak-2019.yaml and scripts/out_of_sample_2024.py on
scenarios/irn-pak-2024.yaml (20 runs each).

    check_out_of_sample.py FLASHPOINT_BIN SOURCE_DIR WORK_DIR

Each report exits 0 and its first row (the share of runs with the first strike) equals the share
counted here from /events; each refuses a file that is not HDF5 (exit 2, with the file named),
and the 2024 report refuses a run of another scenario (exit 2).
"""
import os
import subprocess
import sys

BIN, SRC, WORK = sys.argv[1:4]
sys.path.insert(0, os.path.join(SRC, "scripts"))
import h5py  # noqa: E402
from flashpoint_analysis.common import events_frame  # noqa: E402

os.makedirs(WORK, exist_ok=True)
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def run(scenario, out):
    subprocess.run([BIN, "run", os.path.join(SRC, "scenarios", scenario), "-r", "20", "-t", "2",
                    "-o", out, "--force", "--quiet"], check=True)


def report(script, path):
    return subprocess.run([sys.executable, os.path.join(SRC, "scripts", script), path],
                          capture_output=True, text=True)


def first_strike_share(path, actor, target, free_from):
    """Share of runs, as the reports print it, with a strike (CAMEO 195) of actor on target on or
    after day free_from."""
    with h5py.File(path, "r") as f:
        runs = f["runs/run"].shape[0]
        ev = events_frame(f, ("run", "day", "actor", "target", "cameo"))
    hits = ev[(ev["actor"] == actor) & (ev["target"] == target) & (ev["cameo"] == "195")
              & (ev["day"] >= free_from)]["run"].nunique()
    return f"{100.0 * hits / runs:.0f}%"


cases = [("ind-pak-2019.yaml", "out_of_sample_2019.py", "IND", "PAK", 14,
          "India's first strike (195)"),
         ("irn-pak-2024.yaml", "out_of_sample_2024.py", "PAK", "IRN", 38,
          "Pakistan strikes Iran (195)")]
files = {}
for scenario, script, actor, target, free_from, row in cases:
    path = os.path.join(WORK, scenario.replace(".yaml", ".h5"))
    run(scenario, path)
    files[script] = path
    r = report(script, path)
    check(r.returncode == 0, f"{script} exits 0 (got {r.returncode}: {r.stderr.strip()[:200]})")
    line = next((ln for ln in r.stdout.splitlines() if ln.startswith(row)), "")
    want = first_strike_share(path, actor, target, free_from)
    check(f" {want} " in f"{line} ", f"{script}: '{row}' shows {want} of runs: {line.strip()}")
    print(r.stdout)

junk = os.path.join(WORK, "junk.h5")
with open(junk, "w") as f:
    f.write("not HDF5\n")
for script in ("out_of_sample_2019.py", "out_of_sample_2024.py"):
    r = report(script, junk)
    check(r.returncode == 2 and junk in r.stderr,
          f"{script} on a file that is not HDF5: exit 2 naming it ({r.returncode}: "
          f"{r.stderr.strip()[:200]})")
r = report("out_of_sample_2024.py", files["out_of_sample_2019.py"])
check(r.returncode == 2 and "not a run of scenarios/irn-pak-2024.yaml" in r.stderr,
      f"out_of_sample_2024.py on the 2019 case: exit 2 ({r.returncode}: {r.stderr.strip()[:200]})")

if failures:
    sys.exit(f"{len(failures)} failure(s)")
print("PASS")
