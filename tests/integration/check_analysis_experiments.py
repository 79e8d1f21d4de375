#!/usr/bin/env python3
"""Checks of the sweep and comparison pictures (scripts/fp-plot) and of
scripts/flashpoint_analysis/outcomes.py on files made by the CLI
(tests/integration/analysis_experiments.cmake).

    check_analysis_experiments.py MODE DIR

DIR holds morris.h5, sobol.h5, lhs.h5 (Latin hypercube, 3 replicates), grid.h5 (grid, 2
replicates) and compare.h5 (3 options over an ensemble of 3 scenarios). MODE is one of:

  pictures    every picture on every kind of file it takes: exit 0, nothing on stderr (no
              warnings), a PNG (signature, IHDR) larger than 15 kB whose pixel size, read from
              the header, is in the expected range
  outcomes    outcome_names and outcome_values against the file's own statistics: per design
              point means = /design/outcomes/mean, per option mean, n, median, p05, p95,
              paired differences, P(rung >= 8), P(ceasefire within 30 d), rank values and
              regret = /comparison (to 1e-9)
  bad_inputs  exit 2, no picture written, and a message saying why: a picture on the wrong
              kind of file, an unknown outcome or parameter (the message names the near one),
              sensitivity on sweeps without /sensitivity, per-run values of a file without
              /outcomes (an older version's; `forest`, drawn from /comparison, still works)

Every mode first runs negative controls: its check functions are given wrong inputs and must
report them, so that a check which cannot fail is caught. Exit 0 when everything passes, 1
otherwise.
"""
import os
import re
import shutil
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
SCRIPTS = os.path.join(SOURCE, "scripts")
FP_PLOT = os.path.join(SCRIPTS, "fp-plot")
sys.path.insert(0, SCRIPTS)
import fp_interpreter  # noqa: E402

fp_interpreter.ensure(["h5py", "numpy", "matplotlib"])

import h5py  # noqa: E402
import numpy as np  # noqa: E402

from flashpoint_analysis import outcomes as O  # noqa: E402
from flashpoint_analysis.common import strings  # noqa: E402

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MIN_BYTES = 15 * 1024
TOLERANCE = 1e-9

failures: list[str] = []


def fail(message: str) -> None:
    failures.append(message)
    print(f"FAIL: {message}")


def ok(message: str) -> None:
    print(f"ok: {message}")


# ---------------------------------------------------------------------------------------------
# pictures


def png_problems(path: str, width: tuple[int, int], height: tuple[int, int]) -> list[str]:
    """What is wrong with the PNG at `path` (empty when nothing): signature, IHDR, size in
    bytes, and width and height (from the header) within the given inclusive ranges."""
    if not os.path.isfile(path):
        return [f"{path}: not written"]
    with open(path, "rb") as fh:
        head = fh.read(33)
    problems = []
    if head[:8] != PNG_SIGNATURE:
        return [f"{path}: not a PNG (starts {head[:8]!r})"]
    if len(head) < 24 or head[12:16] != b"IHDR":
        return [f"{path}: no IHDR chunk first"]
    w, h = struct.unpack(">II", head[16:24])
    size = os.path.getsize(path)
    if size <= MIN_BYTES:
        problems.append(f"{path}: {size} bytes, not more than {MIN_BYTES}")
    if not width[0] <= w <= width[1]:
        problems.append(f"{path}: {w} pixels wide, expected {width[0]}..{width[1]}")
    if not height[0] <= h <= height[1]:
        problems.append(f"{path}: {h} pixels high, expected {height[0]}..{height[1]}")
    return problems


def run_fp_plot(kind: str, path: str, out: str, *args: str) -> subprocess.CompletedProcess:
    if os.path.exists(out):
        os.remove(out)
    return subprocess.run([sys.executable, FP_PLOT, kind, path, "-o", out, *args],
                          capture_output=True, text=True, timeout=120, check=False)


def picture_problems(kind, file, args, width, height, workdir) -> list[str]:
    name = "-".join([kind, os.path.splitext(os.path.basename(file))[0]] +
                    [re.sub(r"[^A-Za-z0-9_.]+", "_", a.lstrip("-")) for a in args])
    out = os.path.join(workdir, "png", name + ".png")
    done = run_fp_plot(kind, file, out, *args)
    where = f"fp-plot {kind} {os.path.basename(file)} {' '.join(args)}".strip()
    if done.returncode != 0:
        return [f"{where}: exit {done.returncode}: {done.stderr.strip()}"]
    problems = []
    if done.stderr.strip():
        problems.append(f"{where}: printed on stderr (a warning?): {done.stderr.strip()}")
    return problems + [f"{where}: {p}" for p in png_problems(out, width, height)]


def controls_pictures(workdir: str) -> None:
    """The PNG check must reject a file that is not a PNG, a small PNG and a wrong size."""
    bad = os.path.join(workdir, "png", "control_not_png.png")
    with open(bad, "wb") as fh:
        fh.write(b"GIF89a" + b"\0" * 20000)
    small = os.path.join(workdir, "png", "control_small.png")
    with open(small, "wb") as fh:
        fh.write(PNG_SIGNATURE + struct.pack(">I", 13) + b"IHDR" +
                 struct.pack(">II", 800, 600) + b"\x08\x06\0\0\0" + b"\0" * 100)
    big = os.path.join(workdir, "png", "control_big.png")
    with open(big, "wb") as fh:
        fh.write(PNG_SIGNATURE + struct.pack(">I", 13) + b"IHDR" +
                 struct.pack(">II", 5000, 600) + b"\x08\x06\0\0\0" + b"\0" * 20000)
    cases = [("not a PNG", bad, "not a PNG"), ("a PNG of 100 bytes", small, "bytes"),
             ("a PNG 5000 pixels wide", big, "pixels wide"),
             ("a missing file", bad + ".missing", "not written")]
    for what, path, expected in cases:
        problems = png_problems(path, (600, 3000), (300, 2000))
        if any(expected in p for p in problems):
            ok(f"control: the PNG check rejects {what}")
        else:
            fail(f"control: the PNG check accepted {what}: {problems}")


def check_pictures(d: str) -> None:
    os.makedirs(os.path.join(d, "png"), exist_ok=True)
    controls_pictures(d)
    f = {k: os.path.join(d, k + ".h5")
         for k in ("morris", "sobol", "lhs", "grid", "compare", "calibration")}
    W, H = (600, 1400), (400, 1000)        # one panel
    # (picture, file, options, width range, height range)
    cases = [
        ("sweep-param", f["lhs"], [], W, H),
        ("sweep-param", f["grid"], ["--parameter", "lethality"], W, H),
        ("sweep-param", f["sobol"], ["--outcome", "conflict_days",
                                     "--parameter", "strategic.hostility_event_scale"], W, H),
        ("sweep-param", f["morris"], ["--outcome", "first_ceasefire_day"], W, H),
        ("sweep-heatmap", f["grid"], [], W, H),
        ("sweep-heatmap", f["lhs"], ["--outcome", "trade_lost_usd"], W, H),
        ("sweep-heatmap", f["sobol"], ["--parameter", "lethality",
                                       "--parameter2", "rationality"], W, H),
        # Four headline outcomes: 2 x 2 panels, wide.
        ("sensitivity", f["sobol"], [], (1200, 2400), (550, 1600)),
        ("sensitivity", f["morris"], [], (1200, 2400), (550, 1600)),
        ("sensitivity", f["sobol"], ["--outcome", "conflict_days"], (600, 1300), (350, 900)),
        # Morris, one outcome: bars and the mu*-sigma plane side by side.
        ("sensitivity", f["morris"], ["--outcome", "fatalities_all"], (1200, 2200), (350, 900)),
        ("scatter", f["sobol"], [], (700, 1600), (650, 1600)),
        ("scatter", f["lhs"], ["--outcome", "conflict_days"], (650, 1400), (600, 1400)),
        ("scatter", f["grid"], [], (650, 1400), (600, 1400)),
        # Five headline outcomes side by side: much wider than high.
        ("forest", f["compare"], [], (1700, 2800), (350, 800)),
        ("forest", f["compare"], ["--outcome", "trade_lost_usd"], (650, 1300), (350, 900)),
        ("distributions", f["compare"], [], W, (300, 1000)),
        ("distributions", f["compare"], ["--outcome", "ceasefire_within_30d"], W, (300, 1000)),
        ("robustness", f["compare"], [], (1000, 2200), (300, 1000)),
        ("robustness", f["compare"], ["--title", "robustness of three options"],
         (1000, 2200), (300, 1000)),
        # Two parameters: a 2 x 2 grid of panels.
        ("posterior", f["calibration"], [], (450, 1200), (450, 1200)),
    ]
    for kind, file, args, width, height in cases:
        problems = picture_problems(kind, file, args, width, height, d)
        label = f"{kind} {os.path.basename(file)} {' '.join(args)}".strip()
        for p in problems:
            fail(p)
        if not problems:
            ok(label)
    pictures = {c[0] for c in cases}
    expected = {"sweep-param", "sweep-heatmap", "sensitivity", "scatter", "forest",
                "distributions", "robustness", "posterior"}
    if pictures != expected:
        fail(f"pictures not covered: {sorted(expected - pictures)}")
    check_wilson(f["compare"])


def check_wilson(path: str) -> None:
    """The distributions picture's Wilson intervals (scipy) are the engine's (/comparison), option
    by option, for both shares; a wrong confidence level is told apart (the control)."""
    from flashpoint_analysis import compare_plots
    c = compare_plots.read_comparison(path, "distributions", ("reached_rung8",))
    pairs = (("reached_rung8", "p_rung8"), ("ceasefire_within_30d", "p_ceasefire_30d"))
    with h5py.File(path, "r") as f:
        g = f["comparison"]
        for outcome, name in pairs:
            values = compare_plots.read_comparison(path, "distributions", (outcome,)).values[outcome]
            for o in range(len(c.options)):
                runs = values[(c.option_of_run == o) & np.isfinite(values)]
                lo, hi = compare_plots._wilson(int(runs.sum()), runs.size, c.confidence)
                want = (float(g[name + "_low"][o]), float(g[name + "_high"][o]))
                if not (abs(lo - want[0]) < 1e-9 and abs(hi - want[1]) < 1e-9):
                    fail(f"Wilson {name} of option {o}: scipy [{lo}, {hi}], engine {want}")
                    return
                wide = compare_plots._wilson(int(runs.sum()), runs.size, 0.99)
                if runs.size and 0 < runs.sum() < runs.size and abs(wide[0] - want[0]) < 1e-9:
                    fail(f"Wilson {name} of option {o}: the 99% interval equals the 95% one")
                    return
    ok("Wilson intervals: scipy's (fp-plot distributions) equal the engine's, option by option")


# ---------------------------------------------------------------------------------------------
# outcomes


def close(a: float, b: float) -> bool:
    if np.isnan(a) or np.isnan(b):
        return bool(np.isnan(a) and np.isnan(b))
    return abs(a - b) <= TOLERANCE * max(1.0, abs(a), abs(b))


def nanmean(x: np.ndarray) -> float:
    x = x[np.isfinite(x)]
    return float(x.mean()) if x.size else float("nan")


def sweep_mismatches(f: h5py.File, values) -> list[str]:
    """Per design point means of values(f, name) against /design/outcomes/mean."""
    names = O.outcome_names(f)
    problems = []
    if names != strings(f["design/outcomes/outcome"]):
        problems.append(f"outcome_names {names} != /design/outcomes/outcome")
        return problems
    if "sensitivity" in f and names != strings(f["sensitivity/outcome"]):
        problems.append("outcome_names != /sensitivity/outcome")
    point = f["runs/design_point"][()]
    table = f["design/outcomes/mean"][()]
    for k, name in enumerate(names):
        v = values(f, name)
        if v.shape != point.shape:
            problems.append(f"{name}: {v.shape[0]} values for {point.shape[0]} runs")
            continue
        for p in range(table.shape[0]):
            mine = nanmean(v[point == p])
            if not close(mine, table[p, k]):
                problems.append(f"{name}, point {p}: mean {mine!r} != file {table[p, k]!r}")
                break
    return problems


def comparison_mismatches(f: h5py.File, values) -> list[str]:
    """values(f, name) against every statistic of /comparison it determines."""
    g = f["comparison"]
    names = O.outcome_names(f)
    if names != strings(g["outcome"]):
        return [f"outcome_names {names} != /comparison/outcome"]
    options = strings(g["option"])
    sq = options.index(g.attrs["status_quo"])
    option = f["runs/option"][()]
    # Pair runs across options by (scenario, replicate): the runs of one seed.
    key = f["runs/scenario_point"][()] * 100000 + f["runs/replicate"][()]
    confidence = float(g.attrs["confidence"])
    from statistics import NormalDist
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    problems = []

    def expect(what, mine, theirs):
        if not close(float(mine), float(theirs)):
            problems.append(f"{what}: computed {mine!r}, file {theirs!r}")

    cache = {name: values(f, name) for name in names}
    for k, name in enumerate(names):
        v = cache[name]
        base = v[option == sq][np.argsort(key[option == sq], kind="stable")]
        for o, oname in enumerate(options):
            x = v[option == o]
            finite = x[np.isfinite(x)]
            where = f"{oname}/{name}"
            expect(f"{where} n", finite.size, g["n"][o, k])
            expect(f"{where} mean", nanmean(x), g["mean"][o, k])
            for stat, q in (("median", 0.5), ("p05", 0.05), ("p95", 0.95)):
                mine = np.quantile(finite, q) if finite.size else np.nan
                expect(f"{where} {stat}", mine, g[stat][o, k])
            paired = x[np.argsort(key[option == o], kind="stable")] - base
            paired = paired[np.isfinite(paired)]
            expect(f"{where} diff_mean", paired.mean() if paired.size else np.nan,
                   g["diff_mean"][o, k])
        if len(problems) > 10:
            break
    for o, oname in enumerate(options):
        for stat, name in (("p_rung8", "reached_rung8"),
                           ("p_ceasefire_30d", "ceasefire_within_30d")):
            x = cache[name][option == o]
            x = x[np.isfinite(x)]
            p = float((x > 0.5).mean()) if x.size else np.nan
            expect(f"{oname} {stat}", p, g[stat][o])
            if x.size:  # Wilson interval
                n = x.size
                centre = (p + z * z / (2 * n)) / (1 + z * z / n)
                half = z / (1 + z * z / n) * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
                expect(f"{oname} {stat}_low", max(0.0, centre - half), g[stat + "_low"][o])
                expect(f"{oname} {stat}_high", min(1.0, centre + half), g[stat + "_high"][o])
    # Ranking outcome, its per scenario means and the regret.
    rank_by = g.attrs["rank_by"]
    lower = g.attrs["better"] != "higher"
    v = cache[rank_by]
    scenario = f["runs/scenario_point"][()]
    scenarios = int(g.attrs["scenarios"])
    means = np.array([[nanmean(v[(option == o) & (scenario == s)]) for s in range(scenarios)]
                      for o in range(len(options))])
    best = means.min(axis=0) if lower else means.max(axis=0)
    regret = means - best if lower else best - means
    for o, oname in enumerate(options):
        expect(f"{oname} rank_value", nanmean(v[option == o]), g["rank_value"][o])
        expect(f"{oname} regret_max", regret[o].max(), g["regret_max"][o])
        expect(f"{oname} regret_mean", regret[o].mean(), g["regret_mean"][o])
    return problems


def controls_outcomes(sweep: h5py.File, comparison: h5py.File) -> None:
    """Wrong outcome functions must be caught by both comparisons."""
    def deaths_off(f, name):  # one death too many in one run
        v = O.outcome_values(f, name).copy()
        if name == "fatalities_all":
            v[0] += 1
        return v

    def no_value_as_0(f, name):  # runs without armed conflict counted as "no ceasefire"
        v = O.outcome_values(f, name)
        if name == "ceasefire_within_30d":
            return np.nan_to_num(v, nan=0.0)
        return v

    def tiny(f, name):  # below a statistic's printing precision, above 1e-9
        return O.outcome_values(f, name) * (1 + 1e-7)

    for what, fn in (("one extra death", deaths_off), ("a relative error of 1e-7", tiny)):
        if sweep_mismatches(sweep, fn):
            ok(f"control: the sweep check catches {what}")
        else:
            fail(f"control: the sweep check missed {what}")
    for what, fn in (("one extra death", deaths_off),
                     ("ceasefire_within_30d with 0 for no conflict", no_value_as_0),
                     ("a relative error of 1e-7", tiny)):
        if comparison_mismatches(comparison, fn):
            ok(f"control: the comparison check catches {what}")
        else:
            fail(f"control: the comparison check missed {what}")


def check_outcomes(d: str) -> None:
    with h5py.File(os.path.join(d, "lhs.h5"), "r") as s, \
            h5py.File(os.path.join(d, "compare.h5"), "r") as c:
        controls_outcomes(s, c)
    for name in ("morris", "sobol", "lhs", "grid"):
        with h5py.File(os.path.join(d, name + ".h5"), "r") as f:
            problems = sweep_mismatches(f, O.outcome_values)
        for p in problems:
            fail(f"{name}.h5: {p}")
        if not problems:
            ok(f"{name}.h5: per design point means of every outcome = /design/outcomes/mean")
    with h5py.File(os.path.join(d, "compare.h5"), "r") as f:
        problems = comparison_mismatches(f, O.outcome_values)
        # The no-value cases the engine has: ceasefire_within_30d is NaN exactly in runs that
        # never reached armed conflict.
        within = O.outcome_values(f, "ceasefire_within_30d")
        no_conflict = f["runs/first_conflict_day"][()] < 0
        if not np.array_equal(np.isnan(within), no_conflict):
            problems.append("ceasefire_within_30d is not NaN exactly where first_conflict_day "
                            "is -1")
    for p in problems:
        fail(f"compare.h5: {p}")
    if not problems:
        ok("compare.h5: mean, n, median, p05, p95, diff_mean of every outcome and option, "
           "P(rung>=8), P(ceasefire<=30d) with intervals, rank values and regret = /comparison")


# ---------------------------------------------------------------------------------------------
# bad inputs


def bad_input_problems(kind, file, args, pattern, workdir, own_process=True) -> list[str]:
    out = os.path.join(workdir, "png", "bad.png")
    if own_process:
        done = run_fp_plot(kind, file, out, *args)
    else:  # main() in this process (tests/integration/in_process.py): a second less a case
        from in_process import run_main
        if os.path.exists(out):
            os.remove(out)
        code, stdout, stderr = run_main(os.path.dirname(SCRIPTS), "fp-plot",
                                        [kind, file, "-o", out, *args])
        done = subprocess.CompletedProcess([], code, stdout, stderr)
    where = f"fp-plot {kind} {os.path.basename(file)} {' '.join(args)}".strip()
    problems = []
    if done.returncode != 2:
        problems.append(f"{where}: exit {done.returncode}, expected 2")
    if os.path.exists(out):
        problems.append(f"{where}: wrote a picture")
    if not re.search(pattern, done.stderr):
        problems.append(f"{where}: message {done.stderr.strip()!r} does not match {pattern!r}")
    if "Traceback" in done.stderr:
        problems.append(f"{where}: a traceback instead of a message")
    return problems


def check_bad_inputs(d: str) -> None:
    os.makedirs(os.path.join(d, "png"), exist_ok=True)
    f = {k: os.path.join(d, k + ".h5")
         for k in ("morris", "sobol", "lhs", "grid", "compare", "calibration")}
    # Control: a valid call is not a bad input, and a wrong expected message is noticed.
    control = bad_input_problems("forest", f["compare"], [], "needs a file", d)
    if any("exit 0, expected 2" in p for p in control):
        ok("control: a picture that succeeds is reported")
    else:
        fail(f"control: a successful picture passed as bad input: {control}")
    control = bad_input_problems("forest", f["lhs"], [], "no such message", d)
    if any("does not match" in p for p in control):
        ok("control: a message that says something else is reported")
    else:
        fail(f"control: a wrong message passed: {control}")

    wrong_kind = r"needs a file of comparison, this one is a sweep"
    cases = [
        ("forest", f["lhs"], [], wrong_kind),
        ("distributions", f["sobol"], [], wrong_kind),
        ("robustness", f["morris"], [], wrong_kind),
        ("sweep-param", f["compare"], [], r"needs a file of sweep, this one is a comparison"),
        ("sweep-heatmap", f["compare"], [], r"needs a file of sweep"),
        ("scatter", f["compare"], [], r"needs a file of sweep"),
        ("sensitivity", f["compare"], [], r"needs a file of sweep"),
        ("posterior", f["compare"], [], r"needs a file of calibration, this one is a comparison"),
        ("forest", f["calibration"], [], r"needs a file of comparison, this one is a calibration"),
        ("sensitivity", f["lhs"], [], r"no /sensitivity.*sobol or morris.*latin_hypercube"),
        ("sensitivity", f["grid"], [], r"no /sensitivity.*grid"),
        ("sweep-param", f["lhs"], ["--outcome", "fatalities_al"],
         r"no outcome 'fatalities_al'; did you mean 'fatalities_all'\?"),
        ("scatter", f["sobol"], ["--outcome", "conflict_day"],
         r"did you mean 'conflict_days'\?"),
        ("sensitivity", f["sobol"], ["--outcome", "trade_lost"],
         r"did you mean 'trade_lost_usd'\?"),
        ("forest", f["compare"], ["--outcome", "reached_rung_8"],
         r"did you mean 'reached_rung8'\?"),
        ("distributions", f["compare"], ["--outcome", "fatalities_total[PAK.force]"],
         r"did you mean 'fatalities_total\[PAK.forces\]'\?"),
        ("sweep-param", f["lhs"], ["--parameter", "actors.PAK.rationalty"],
         r"no parameter 'actors.PAK.rationalty'; did you mean 'actors.PAK.rationality'\?"),
        ("sweep-heatmap", f["grid"], ["--parameter", "lethality", "--parameter2",
                                      "operations.lethality"], r"two different parameters"),
        ("forest", os.path.join(d, "missing.h5"), [], r"no such file"),
    ]
    # A file written before /outcomes existed (made here by deleting it): the pictures that need
    # per-run values say so; those drawn from the file's summaries still work.
    old = os.path.join(d, "compare_without_outcomes.h5")
    shutil.copyfile(f["compare"], old)
    with h5py.File(old, "r+") as h:
        del h["outcomes"]
    cases.append(("distributions", old, [], r"has no /outcomes: it was written by an older "
                  r"flashpoint"))
    for i, (kind, file, args, pattern) in enumerate(cases):
        # Every fifth case as its own process, as a user runs fp-plot; the others in this one.
        problems = bad_input_problems(kind, file, args, pattern, d, own_process=i % 5 == 0)
        for p in problems:
            fail(p)
        if not problems:
            ok(f"exit 2: {kind} {os.path.basename(file)} {' '.join(args)}".strip())
    out = os.path.join(d, "png", "forest-old.png")
    done = run_fp_plot("forest", old, out)
    if done.returncode != 0 or not os.path.exists(out):
        fail(f"fp-plot forest on a file without /outcomes: exit {done.returncode}: "
             f"{done.stderr.strip()}")
    else:
        ok("fp-plot forest works from /comparison on a file without /outcomes")


def main(argv) -> int:
    if len(argv) != 3 or argv[1] not in ("pictures", "outcomes", "bad_inputs"):
        print(__doc__, file=sys.stderr)
        return 2
    mode, d = argv[1], argv[2]
    for name in ("morris", "sobol", "lhs", "grid", "compare"):
        if not os.path.isfile(os.path.join(d, name + ".h5")):
            print(f"FAIL: {d}/{name}.h5 is missing (run analysis_experiments.fixtures first)")
            return 1
    {"pictures": check_pictures, "outcomes": check_outcomes,
     "bad_inputs": check_bad_inputs}[mode](d)
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print(f"all {mode} checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
