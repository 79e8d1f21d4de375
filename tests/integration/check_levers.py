#!/usr/bin/env python3
"""Robustness measures, options generated from levers and the Pareto front through the real CLI
and real files (docs/experiments.md, "Robustness" and "Exploring levers").

    check_levers.py FLASHPOINT_BIN SOURCE_DIR WORK_DIR

A comparison of the seed scenario cut to 61 days: a written status quo and 2 x 2 options
generated from two levers, on a 3-member ensemble, 4 replicates, thresholds and two Pareto
objectives. Checks, each recomputed here from the per-run values in /outcomes and
/runs/option, /runs/scenario_point (never read back from what is checked):
1. the generated options: names, order (last lever fastest), /comparison/lever_value;
2. common random numbers: run i of every option has the same seed;
3. the regret matrix, Laplace, worst and best case, Hurwicz (alpha from the file), the
   worse-side percentile, skewness, peakedness and the per-threshold shares;
4. the Pareto ranks over the options' means and the share of scenarios on the front;
5. `compare --json` and `inspect` say the same; `fp-plot pareto` draws a PNG;
6. negative controls: a perturbed regret matrix and a wrong front are caught by the same
   comparisons.
Exit 0 when every check passes, 1 otherwise.
"""
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
import fp_interpreter  # noqa: E402

fp_interpreter.ensure(["h5py", "numpy"])

import h5py  # noqa: E402
import numpy as np  # noqa: E402

BIN, SRC, WORK = (os.path.abspath(p) for p in sys.argv[1:4])
problems = []


def fail(message):
    problems.append(message)
    print("FAIL:", message)


def check(ok, message):
    if not ok:
        fail(message)
    return ok


def run(*args):
    done = subprocess.run([BIN, *args], capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        print(done.stdout, done.stderr)
        raise SystemExit(f"FAIL: flashpoint {' '.join(args)} exited {done.returncode}")
    return done.stdout


def close(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-9, atol=1e-9, equal_nan=True)


shutil.rmtree(WORK, ignore_errors=True)
os.makedirs(WORK)
alpha, pct = 0.3, 0.75
spec = os.path.join(WORK, "levers.yaml")
with open(spec, "w") as f:
    f.write(f"""kind: comparison
name: levers-check
scenario: {os.path.join(SRC, "scenarios", "pak-afg-2025.yaml")}
set: {{days: 61}}
replicates: 4
seed: 11
rank_by: {{outcome: fatalities_all, better: lower}}
thresholds:
  - {{outcome: reached_rung8, max: 0.25}}
  - {{outcome: trade_lost_usd, max: 30000000}}
robustness: {{hurwicz_alpha: {alpha}, percentile: {pct}}}
ensemble:
  parameters:
    - {{path: operations.lethality, low: 0.15, high: 0.45}}
  design: {{kind: latin_hypercube, samples: 3}}
options:
  - name: status_quo
levers:
  policies:
    - {{name: early_mediation, type: mediation, mediators: [QAT, TUR], activation_level: 5,
       round_interval_days: 4}}
  parameters:
    - {{name: leverage, path: policies.early_mediation.leverage_multiplier, levels: [1, 3.5]}}
    - {{path: policies.close_on_clashes.min_days, levels: [7, 90]}}
pareto:
  - {{outcome: fatalities_all, better: lower}}
  - {{outcome: trade_lost_usd, better: lower}}
""")
out = os.path.join(WORK, "levers.h5")
printed = run("compare", spec, "-o", out, "--force", "--threads", "2")
payload = json.loads(run("compare", spec, "-o", os.path.join(WORK, "again.h5"), "--force",
                         "--threads", "2", "--json"))

with h5py.File(out, "r") as f:
    g = f["comparison"]
    options = [x.decode() if isinstance(x, bytes) else x for x in g["option"][()]]
    outcomes = [x.decode() if isinstance(x, bytes) else x for x in g["outcome"][()]]
    stat = {k: g[k][()] for k in g if k not in ("option", "outcome", "scenario", "threshold",
                                               "objective", "lever")}
    attrs = {k: (v.decode() if isinstance(v, bytes) else str(v)) for k, v in g.attrs.items()}
    levers = [x.decode() if isinstance(x, bytes) else x for x in g["lever"][()]]
    values = f["outcomes/value"][()]
    names = [x.decode() if isinstance(x, bytes) else x for x in f["outcomes/outcome"][()]]
    option_of = f["runs/option"][()]
    point_of = f["runs/scenario_point"][()]
    seeds = f["runs/seed"][()] if "seed" in f["runs"] else None

# 1. Generated options.
expected = ["status_quo", "leverage_1__min_days_7", "leverage_1__min_days_90",
            "leverage_3p5__min_days_7", "leverage_3p5__min_days_90"]
check(options == expected, f"options {options}, expected {expected}")
check(levers == ["leverage", "min_days"], f"levers {levers}")
lv = np.array([[np.nan, np.nan], [1, 7], [1, 90], [3.5, 7], [3.5, 90]])
check(close(stat["lever_value"], lv), f"lever_value {stat['lever_value']}")
check(attrs.get("written_options") == "1", f"written_options {attrs.get('written_options')}")

# 2. Common random numbers.
O, S, R = len(options), 3, 4
if seeds is not None:
    by_option = seeds.reshape(O, S * R)
    check(all((by_option[o] == by_option[0]).all() for o in range(O)),
          "run i of every option must have the same seed")
else:
    fail("/runs/seed is missing")

# 3. Robustness, recomputed from the per-run values.
k = names.index("fatalities_all")
scen = np.full((O, S), np.nan)
for o in range(O):
    for s in range(S):
        sel = (option_of == o) & (point_of == s)
        scen[o, s] = np.nanmean(values[sel, k])
regret = scen - scen.min(axis=0)


def measures(v):
    q = lambda p: float(np.quantile(v, p))  # noqa: E731 -- numpy's default is linear
    worst, best = v.max(), v.min()
    spread = q(0.9) - q(0.1)
    return dict(laplace=v.mean(), worst_case=worst, best_case=best,
                hurwicz=alpha * best + (1 - alpha) * worst, percentile_worse=q(pct),
                skewness=((q(0.1) + q(0.9)) / 2 - q(0.5)) / (spread / 2) if spread > 0 else 0.0,
                peakedness=(q(0.75) - q(0.25)) / spread if spread > 0 else np.nan)


check(close(stat["scenario_value"], scen), "scenario_value differs from the per-run values")
check(close(stat["regret"], regret), "the regret matrix differs from the recomputed one")
check(close(stat["regret_max"], regret.max(axis=1)), "regret_max is not the matrix's max")
for name in ("laplace", "worst_case", "best_case", "hurwicz", "percentile_worse", "skewness",
             "peakedness"):
    want = [measures(scen[o])[name] for o in range(O)]
    check(close(stat[name], want), f"{name}: file {stat[name]}, recomputed {want}")
r8, tl = names.index("reached_rung8"), names.index("trade_lost_usd")
share = np.zeros((O, 2))
for o in range(O):
    for s in range(S):
        sel = (option_of == o) & (point_of == s)
        share[o, 0] += np.nanmean(values[sel, r8]) <= 0.25
        share[o, 1] += np.nanmean(values[sel, tl]) <= 30e6
share /= S
check(close(stat["threshold_share"], share), f"threshold_share {stat['threshold_share']} vs {share}")

# 4. The Pareto front.
means = np.array([[np.nanmean(values[option_of == o, j]) for j in (k, tl)] for o in range(O)])
check(close(stat["pareto_value"], means), "pareto_value is not the options' means")


def ranks(m):
    left, out, front = set(range(len(m))), np.zeros(len(m), dtype=int), 1
    while left:
        now = {i for i in left if not any((m[j] <= m[i]).all() and (m[j] < m[i]).any()
                                          for j in left if j != i)}
        for i in now:
            out[i] = front
        left -= now
        front += 1
    return out


want_rank = ranks(means)
check((stat["pareto_rank"].astype(int) == want_rank).all(),
      f"pareto_rank {stat['pareto_rank']}, recomputed {want_rank}")
on_front = np.zeros(O)
for s in range(S):
    m = np.array([[np.nanmean(values[(option_of == o) & (point_of == s), j]) for j in (k, tl)]
                  for o in range(O)])
    on_front += ranks(m) == 1
check(close(stat["pareto_share"], on_front / S), "pareto_share differs")

# 5. The table, --json, inspect and the picture.
check("Pareto front over fatalities_all (lower is better), trade_lost_usd (lower is better)"
      in printed, "compare does not print the Pareto front")
for o in np.flatnonzero(want_rank == 1):
    check(options[o] in printed.split("Pareto front")[1], f"{options[o]} not listed on the front")
check(payload["hurwicz_alpha"] == alpha, "--json hurwicz_alpha")
for o, entry in enumerate(payload["options"]):
    check(close(entry["regret"], regret[o]), f"--json regret of {entry['name']}")
    check(entry["pareto_rank"] == want_rank[o], f"--json pareto_rank of {entry['name']}")
inspected = run("inspect", out)
check("Hurwicz(0.3)" in inspected and "Pareto front over" in inspected,
      "inspect does not print the robustness measures and the front")
png = os.path.join(WORK, "pareto.png")
done = subprocess.run([os.path.join(SRC, "scripts", "fp-plot"), "pareto", out, "-o", png],
                      capture_output=True, text=True, timeout=300)
check(done.returncode == 0 and open(png, "rb").read(8) == b"\x89PNG\r\n\x1a\n",
      f"fp-plot pareto: exit {done.returncode} {done.stderr.strip()}")

# 6. Negative controls: the comparisons above catch a wrong matrix and a wrong front.
bad = regret.copy()
bad[1, 0] += 1.0
check(not close(stat["regret"], bad), "control: a perturbed regret matrix was not caught")
check(not (stat["pareto_rank"].astype(int) == want_rank + 1).all(),
      "control: every rank off by one was not caught")

print(printed.split("robustness over")[1] if "robustness over" in printed else printed)
if problems:
    print(f"{len(problems)} problem(s)")
    sys.exit(1)
print("OK: levers, common random numbers, robustness measures and the Pareto front recomputed "
      "from the runs")
