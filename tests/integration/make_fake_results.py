#!/usr/bin/env python3
"""Write a small, random but plausible Flashpoint results file (docs/output.md layout).

    make_fake_results.py OUT.h5 [--runs 20] [--days 90] [--seed 1] [--format flashpoint-results]

Used by tests/integration/plot.cmake to test scripts/plot_run.py without the engine.
`--format` writes another root `format` attribute (to test that readers reject the file).

Imported by check_faults_files.py for its helpers: add_table_group() writes a group in the
layout of ResultsWriter::write_group (/sensitivity, /comparison), and sensitivity_group() and
comparison_group() give the contents of plausible ones.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
import fp_interpreter  # noqa: E402

fp_interpreter.ensure(["h5py", "numpy"])

import argparse  # noqa: E402
import datetime as dt  # noqa: E402

import h5py  # noqa: E402
import numpy as np  # noqa: E402

CATEGORIES = ["PAK.forces", "AFG.forces", "TTP.fighters", "PAK.civilians", "AFG.civilians"]
# Daily expected deaths per category at each escalation rung 0..9.
BASE_RATE = np.array([0.0, 0.02, 0.05, 0.1, 0.2, 0.5, 1.5, 3.0, 5.0, 9.0])
CATEGORY_SCALE = np.array([1.0, 1.3, 1.8, 0.6, 0.9])


def simulate(rng, runs, days):
    escalation = np.zeros((runs, days), dtype=np.int8)
    ceasefire = np.zeros((runs, days), dtype=np.uint8)
    for r in range(runs):
        # A crisis: tension builds to a peak around day `peak`, mediators press for a ceasefire
        # once fighting is heavy, ceasefires sometimes break down.
        level, cf_on = 2, False
        peak = int(rng.integers(3, 15))
        hot = float(rng.uniform(5.5, 8.5))
        for d in range(days):
            target = 1.5 + (hot - 1.5) * np.exp(-max(0, d - peak) / 25.0) if d >= peak \
                else 2 + (hot - 2) * d / peak
            if cf_on:
                target = 1.0
                if rng.random() < 0.012:  # breakdown
                    cf_on, level = False, min(9, level + 3)
            elif level >= 6 and rng.random() < 0.05:  # mediated ceasefire
                cf_on = True
            step = np.sign(target - level) if rng.random() < 0.35 else 0
            step += rng.choice([-1, 0, 1], p=[0.12, 0.76, 0.12])
            level = int(np.clip(level + step, 0, 9))
            escalation[r, d] = level
            ceasefire[r, d] = 1 if cf_on else 0
    rate = BASE_RATE[escalation][:, :, None] * CATEGORY_SCALE[None, None, :]
    fatalities = rng.poisson(rate).astype(np.int32)
    attacks = rng.poisson(0.3 + 0.25 * escalation).astype(np.int32)
    trade = np.where(escalation >= 4, 0.15, 1.0) * rng.normal(4.5e6, 4e5, escalation.shape)
    return escalation, ceasefire, fatalities, attacks, trade


def add_table_group(f, name, coordinates, variables, attributes):
    """Writes the group `name` as ResultsWriter::write_group does: `coordinates` is a list of
    (name, labels) where labels is a list of str (a string coordinate) or an int (the integers
    0..n-1); each becomes a dimension scale. `variables` is a list of (name, dims, values): a
    float64 dataset of the shape of its coordinates, attached to them. `attributes` are written
    as strings."""
    g = f.create_group(name)
    for key, value in attributes.items():
        g.attrs[key] = str(value)
    sizes = {}
    for cname, labels in coordinates:
        if isinstance(labels, int):
            g.create_dataset(cname, data=np.arange(labels, dtype=np.int64))
            sizes[cname] = labels
        else:
            g.create_dataset(cname, data=labels, dtype=h5py.string_dtype())
            sizes[cname] = len(labels)
        g[cname].make_scale(cname)
    for vname, dims, values in variables:
        shape = tuple(sizes[d] for d in dims)
        d = g.create_dataset(vname, data=np.asarray(values, dtype=np.float64).reshape(shape))
        for axis, dim in enumerate(dims):
            d.dims[axis].attach_scale(g[dim])
    return g


def sensitivity_group(rng, outcomes, parameters, method="morris"):
    """(coordinates, variables, attributes) of a /sensitivity group (docs/experiments.md)."""
    names = ["mu", "mu_star", "sigma"] if method == "morris" else \
        ["S1", "S1_low", "S1_high", "ST", "ST_low", "ST_high"]
    k, p = len(outcomes), len(parameters)
    return ([("outcome", outcomes), ("parameter", parameters)],
            [(n, ("outcome", "parameter"), rng.uniform(0, 1, k * p)) for n in names],
            {"method": method, "confidence": "0.95", "bootstrap_resamples": "100",
             "note": "fake indices made by make_fake_results.py"})


def comparison_group(rng, options, outcomes, scenarios=1, replicates=8):
    """(coordinates, variables, attributes) of a /comparison group (docs/experiments.md)."""
    o, k = len(options), len(outcomes)
    table = ["mean", "median", "p05", "p95", "n", "diff_mean", "diff_low", "diff_high", "diff_sd"]
    per_option = ["p_rung8", "p_rung8_low", "p_rung8_high", "p_ceasefire_30d",
                  "p_ceasefire_30d_low", "p_ceasefire_30d_high", "rank_value", "regret_max",
                  "regret_mean", "share_meeting_thresholds"]
    variables = [(n, ("option", "outcome"),
                  np.full(o * k, scenarios * replicates) if n == "n" else rng.uniform(0, 9, o * k))
                 for n in table]
    variables += [(n, ("option",), rng.uniform(0, 1, o)) for n in per_option]
    variables.append(("rank", ("option",), np.arange(1, o + 1)))
    return ([("option", options), ("outcome", outcomes), ("scenario", scenarios)], variables,
            {"status_quo": options[0], "rank_by": outcomes[0], "better": "lower",
             "confidence": "0.95", "replicates": replicates, "scenarios": scenarios,
             "thresholds": ""})


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--days", type=int, default=90)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--format", default="flashpoint-results")
    a = ap.parse_args()

    rng = np.random.default_rng(a.seed)
    esc, cf, fat, attacks, trade = simulate(rng, a.runs, a.days)
    start = dt.date(2025, 10, 9)
    dates = [(start + dt.timedelta(days=i)).isoformat() for i in range(a.days)]
    s = h5py.string_dtype()

    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with h5py.File(a.out, "w") as f:
        f.attrs["format"] = a.format
        f.attrs["format_version"] = 1
        f.attrs["scenario_name"] = "pak-afg-2025 (fake data)"
        f.attrs["scenario_path"] = "scenarios/pak-afg-2025.yaml"
        f.attrs["runs"] = a.runs
        f.attrs["days"] = a.days
        f.attrs["start_date"] = dates[0]
        f.attrs["master_seed"] = a.seed
        f.attrs["command_line"] = "make_fake_results.py " + " ".join(sys.argv[1:])
        g = f.create_group("runs")
        g["run"] = np.arange(a.runs, dtype=np.int64)
        g["day"] = np.arange(a.days, dtype=np.int32)
        g.create_dataset("date", data=dates, dtype=s)
        g.create_dataset("category", data=CATEGORIES, dtype=s)
        g.create_dataset("escalation", data=esc, compression="gzip")
        g.create_dataset("fatalities", data=fat, compression="gzip")
        g.create_dataset("ceasefire", data=cf, compression="gzip")
        g.create_dataset("attacks_daily", data=attacks, compression="gzip")
        g.create_dataset("trade_flow_usd", data=trade, compression="gzip")
        # per-run outcomes
        g["seed"] = rng.integers(0, 2**63, a.runs, dtype=np.uint64)
        g["peak_escalation"] = esc.max(axis=1).astype(np.int32)
        g["conflict_days"] = (esc >= 6).sum(axis=1).astype(np.int32)
        first_cf = np.where(cf.any(axis=1), cf.argmax(axis=1), -1)
        g["first_ceasefire_day"] = first_cf.astype(np.int32)
        g["attacks"] = attacks.sum(axis=1).astype(np.int32)
        g["trade_lost_usd"] = (4.5e6 - trade).clip(min=0).sum(axis=1)
        g["fatalities_total"] = fat.sum(axis=1).astype(np.int32)
    print(a.out)


if __name__ == "__main__":
    main()
