#!/usr/bin/env python3
"""Checks of scenario discovery (scripts/flashpoint_analysis/discovery.py, scripts/fp-discover,
the fp-plot pictures prim-tradeoff and prim-box; tests/integration/analysis_discovery.cmake).

    check_analysis_discovery.py methods
    check_analysis_discovery.py cli DIR
    check_analysis_discovery.py bad_inputs DIR FLASHPOINT

  methods     PRIM, CART and extra-trees on data whose answer is known: a ten-point data set
              whose peels, chosen box and quasi-p-value are worked out by hand below; a paste
              worked out by hand; the condition's operators (NaN never a case); a box planted in
              2,000 uniform points of 5 dimensions (three seeds), which PRIM must recover within
              0.05 on each limit with only x0 and x3 restricted and small quasi-p-values, CART's
              densest leaf must restrict only x0 and x3, and extra-trees must rank x0 and x3
              first; and y independent of X, for which no box on the trajectory reaches density
              0.8 and none holds both density 0.5 and coverage 0.3
  cli         fp-discover and fp-plot on the sweeps and the comparison that
              analysis_experiments.fixtures made in DIR: exit 0, nothing on stderr, a box
              printed; the JSON's box recounted from the file's own /design and /outcomes;
              --option and --aggregate mean; the pictures are PNGs of the expected size;
              discover_summary; the default condition on a file where no run reaches rung 8
              refused with exit 2
  bad_inputs  exit 2, one line on stderr, no traceback, no picture: unknown outcome (with the
              nearest name), malformed conditions, a condition never or always true, a run file
              (made here with FLASHPOINT) that has no design, a missing file, an unknown option,
              --option on a sweep, --box, --alpha and --min-leaf out of range, an output folder
              that does not exist (the first four through the command line, the others by
              calling fp-discover's main() in the checking process, to save interpreter starts)

Every mode first runs negative controls: its check functions get inputs that must fail, so that
a check which cannot fail is caught. Exit 0 when everything passes, 1 otherwise.
"""
import json
import math
import os
import re
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
SCRIPTS = os.path.join(SOURCE, "scripts")
FP_DISCOVER = os.path.join(SCRIPTS, "fp-discover")
FP_PLOT = os.path.join(SCRIPTS, "fp-plot")
sys.path.insert(0, SCRIPTS)
import fp_interpreter  # noqa: E402

fp_interpreter.ensure(["h5py", "numpy", "matplotlib", "scipy", "sklearn"])

import numpy as np  # noqa: E402

from flashpoint_analysis import discovery as D  # noqa: E402
from flashpoint_analysis.common import BadInput  # noqa: E402

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MIN_BYTES = 15 * 1024
failures: list[str] = []


def fail(message: str) -> None:
    failures.append(message)
    print(f"FAIL: {message}")


def ok(message: str) -> None:
    print(f"ok: {message}")


def expect(condition: bool, message: str) -> None:
    if condition:
        ok(message)
    else:
        fail(message)


def close(a: float, b: float, tolerance: float = 1e-12) -> bool:
    return abs(a - b) <= tolerance


# ---------------------------------------------------------------------------------------------
# methods


# Ten points (x0, x1) and y, worked by hand with alpha 0.1 (one point per peel: floor(0.1 n) is
# 0 or 1, and at least 1) and min_mass 0.5 (no box of fewer than 5 points). The extremes are
# A (x0 low, a case), J (x0 high, no case), F (x1 low, a case), E (x1 high, a case).
HAND_X = np.array([[1, 4], [2, 9], [3, 3], [4, 6], [5, 10], [6, 1], [7, 5], [8, 8], [9, 2],
                   [10, 7]], dtype=float)       # A B C D E F G H I J
HAND_Y = np.array([1, 0, 0, 1, 1, 1, 0, 1, 0, 0], dtype=bool)   # cases A D E F H: 5 of 10
# Box by box: (x0 limits, points, cases)
#  0: everything, 10 points, 5 cases (0.5).
#  1: peel J (x0 = 10, no case): 5/9 = 0.556 beats the three peels removing a case (4/9).
#  2: peel I (x0 = 9, no case): 5/8 = 0.625; the others remove a case (4/8).
#  3: every peel removes a case (A, H, F or E: 4/7 each); the tie goes to the first candidate,
#     the low side of x0: A goes, x0 in [2, 8].
#  4: peel B (x0 = 2, no case): 4/6 = 0.667.
#  5: peel C (x0 = 3, no case): 4/5 = 0.8, x0 in [4, 8]: D E F G H.
#  A sixth peel would leave 4 points < 0.5 x 10: the trajectory ends.
HAND_TRAJECTORY = [((1, 10), 10, 5), ((1, 9), 9, 5), ((1, 8), 8, 5), ((2, 8), 7, 4),
                   ((3, 8), 6, 4), ((4, 8), 5, 4)]
# Threshold 0.8: only box 5 reaches it: chosen. Pasting it: n = 5, one point per paste; C
# (x0 = 3) or I (x0 = 9), no case either, would lower the density to 4/6: no paste.
# Quasi-p of x0: without the limits on x0 the box is all 10 points, 5 cases: p = 0.5, and
# P(Binomial(5, 0.5) >= 4) = (5 + 1) / 32 = 0.1875.
HAND_QUASI_P = 6 / 32


def trajectory_problems(result, expected) -> list[str]:
    problems = []
    traj = result.trajectory
    if len(traj) != len(expected):
        problems.append(f"{len(traj)} boxes, expected {len(expected)}")
    for i, (b, ((lo, hi), n, cases)) in enumerate(zip(traj, expected)):
        got = (b.lower[0], b.upper[0], b.n, b.cases)
        if got != (lo, hi, n, cases) or b.lower[1] != 1 or b.upper[1] != 10:
            problems.append(f"box {i}: x0 in [{b.lower[0]:g}, {b.upper[0]:g}], x1 in "
                            f"[{b.lower[1]:g}, {b.upper[1]:g}], {b.n} points, {b.cases} cases; "
                            f"expected x0 in [{lo}, {hi}], x1 in [1, 10], {n}, {cases}")
        if not close(b.density, cases / n) or not close(b.coverage, cases / 5) or \
                not close(b.mass, n / 10):
            problems.append(f"box {i}: density {b.density}, coverage {b.coverage}, mass "
                            f"{b.mass}")
    return problems


def check_hand_peels() -> None:
    result = D.prim(HAND_X, HAND_Y, alpha=0.1, min_mass=0.5, threshold=0.8)
    # Control: the same comparison with box 3 kept on the high side of x0 must be noticed.
    wrong = list(HAND_TRAJECTORY)
    wrong[3] = ((1, 7), 7, 4)
    expect(bool(trajectory_problems(result, wrong)),
           "control: a trajectory differing in one peel is reported")
    problems = trajectory_problems(result, HAND_TRAJECTORY)
    for p in problems:
        fail(f"hand peels: {p}")
    if not problems:
        ok("hand peels: six boxes, each limit, count, density, coverage and mass as worked out")
    expect(result.chosen == 5 and result.meets_threshold and result.pastes == 0,
           f"hand peels: box 5 chosen, reaching the threshold, not pasted (got box "
           f"{result.chosen}, meets {result.meets_threshold}, {result.pastes} pastes)")
    expect(result.box.restricted == [0] and close(result.quasi_p[0], HAND_QUASI_P),
           f"hand peels: only x0 restricted, quasi-p 6/32 = 0.1875 (got {result.box.restricted}"
           f", {result.quasi_p})")
    picked = D.prim(HAND_X, HAND_Y, alpha=0.1, min_mass=0.5, box=2)
    expect(picked.chosen == 2 and not picked.meets_threshold,
           "hand peels: --box 2 takes box 2 (density 0.625, below the threshold)")
    low = D.prim(HAND_X, HAND_Y, alpha=0.1, min_mass=0.5, threshold=0.6)
    expect(low.chosen == 2, f"hand peels: threshold 0.6 takes box 2, the highest coverage with "
           f"density >= 0.6 (got {low.chosen})")


def check_hand_paste() -> None:
    # x = 1..10 with cases at 3..7; the box [4, 6] (three cases, density 1). alpha 0.1: one
    # point per paste. Step 1: adding 3 or 7 (both cases) keeps density 1; equal, so the first
    # candidate, the low side: [3, 6]. Step 2: adding 2 (no case) gives 4/5, adding 7 gives
    # 5/5: [3, 7]. Step 3: adding 2 or 8 gives 5/6 < 1: stop. Two pastes, [3, 7], coverage 1.
    X = np.arange(1, 11, dtype=float).reshape(-1, 1)
    y = (X[:, 0] >= 3) & (X[:, 0] <= 7)
    box = D._box(X, y, np.array([4.0]), np.array([6.0]), X.min(axis=0), X.max(axis=0))
    pasted, pastes = D.paste(X, y, box, alpha=0.1)
    got = (pasted.lower[0], pasted.upper[0], pastes, pasted.density, pasted.coverage)
    expect(got == (3.0, 7.0, 2, 1.0, 1.0),
           f"hand paste: [4, 6] widened twice to [3, 7], density 1, coverage 1 (got {got})")
    # Control: a box that cannot be widened without losing density is left as it is.
    box = D._box(X, y, np.array([3.0]), np.array([7.0]), X.min(axis=0), X.max(axis=0))
    pasted, pastes = D.paste(X, y, box, alpha=0.1)
    expect(pastes == 0 and (pasted.lower[0], pasted.upper[0]) == (3.0, 7.0),
           "hand paste: [3, 7] stays (every widening adds a non-case)")


def check_conditions() -> None:
    names = ["peak_escalation", "fatalities_all", "fatalities_total[PAK.forces]"]
    v = np.array([1.0, 8.0, np.nan, 9.0, 8.0])
    expected = {">=": [0, 1, 0, 1, 1], ">": [0, 0, 0, 1, 0], "<=": [1, 1, 0, 0, 1],
                "<": [1, 0, 0, 0, 0], "==": [0, 1, 0, 0, 1], "!=": [1, 0, 0, 1, 0]}
    for op, want in expected.items():
        c = D.make_condition(f"peak_escalation {op} 8", names, v, "x.h5")
        got = c.holds(v).astype(int).tolist()
        expect(got == want, f"condition {op} 8 on [1, 8, NaN, 9, 8]: {got} (NaN never a case)")
    c = D.make_condition("fatalities_total[PAK.forces]>p50", names, v, "x.h5")
    expect(c.outcome == "fatalities_total[PAK.forces]" and c.value == 8.0,
           f"condition with a label and pNN: the median of the finite values, 8 (got {c.value})")
    for where, pattern in (("fatalities_al > 3", r"did you mean 'fatalities_all'"),
                           ("peak_escalation => 8", r"cannot read the condition"),
                           ("peak_escalation >= eight", r"is not a number"),
                           ("peak_escalation >= p101", r"not between 0 and 100"),
                           ("", r"cannot read the condition")):
        try:
            D.make_condition(where, names, v, "x.h5")
            fail(f"condition {where!r} accepted")
        except BadInput as e:
            expect(re.search(pattern, str(e)) is not None,
                   f"condition {where!r} refused: {e}")


def planted(seed: int):
    """2,000 uniform points in 5 dimensions; y = 1 where x0 in [0.2, 0.6] and x3 > 0.7, then 5%
    of the labels flipped."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(size=(2000, 5))
    inside = (X[:, 0] >= 0.2) & (X[:, 0] <= 0.6) & (X[:, 3] > 0.7)
    return X, inside ^ (rng.uniform(size=2000) < 0.05)


TRUE_BOX = {0: (0.2, 0.6), 3: (0.7, 1.0)}


def recovery_problems(result, truth=TRUE_BOX, within=0.05) -> list[str]:
    """What is wrong with a PRIM box against the planted one: other parameters restricted, a
    limit off by more than `within`, a quasi-p-value of a true restriction not small."""
    b = result.box
    problems = []
    if sorted(b.restricted) != sorted(truth):
        problems.append(f"restricts {b.restricted}, expected {sorted(truth)}")
    for j, (lo, hi) in truth.items():
        if abs(b.lower[j] - lo) > within or abs(b.upper[j] - hi) > within:
            problems.append(f"x{j} in [{b.lower[j]:.3f}, {b.upper[j]:.3f}], expected "
                            f"[{lo}, {hi}] within {within}")
        p = result.quasi_p.get(j, math.nan)
        if not p < 1e-10:
            problems.append(f"quasi-p of x{j} is {p:.3g}, expected below 1e-10")
    return problems


def structure_problems(result) -> list[str]:
    """A trajectory that shows structure: a box with density >= 0.8, or one with density >= 0.5
    holding at least 30% of the cases. y independent of X must give neither."""
    problems = []
    dense = [i for i, b in enumerate(result.trajectory) if b.density >= 0.8]
    if dense:
        problems.append(f"boxes {dense[:5]} reach density 0.8")
    both = [i for i, b in enumerate(result.trajectory) if b.density >= 0.5 and b.coverage >= 0.3]
    if both:
        problems.append(f"boxes {both[:5]} have density >= 0.5 and coverage >= 0.3")
    if result.meets_threshold:
        problems.append("the chosen box meets the threshold 0.8")
    return problems


def check_planted() -> None:
    names = [f"x{j}" for j in range(5)]
    for seed in (1, 2025, 77):
        X, y = planted(seed)
        # Threshold 0.9: with 5% of the labels flipped the planted box's own density is about
        # 0.93; the default 0.8 takes a larger, looser box on the way to it.
        result = D.prim(X, y, threshold=0.9)
        problems = recovery_problems(result)
        b = result.box
        for p in problems:
            fail(f"planted box, seed {seed}: {p}")
        if not problems:
            ok(f"planted box, seed {seed}: x0 in [{b.lower[0]:.3f}, {b.upper[0]:.3f}], x3 in "
               f"[{b.lower[3]:.3f}, {b.upper[3]:.3f}], quasi-p {result.quasi_p[0]:.1e}, "
               f"{result.quasi_p[3]:.1e}; coverage {b.coverage:.2f}, density {b.density:.2f}")
        expect(bool(structure_problems(result)),
               f"control, seed {seed}: the independence check reports the planted box")
        leaves = D.cart(X, y)
        best = leaves[0]
        used = sorted(best.restricted())
        lo0, hi0, lo3 = best.lower[0], best.upper[0], best.lower[3]
        expect(used == [0, 3] and abs(lo0 - 0.2) <= 0.05 and abs(hi0 - 0.6) <= 0.05 and
               abs(lo3 - 0.7) <= 0.05 and best.density > 0.85,
               f"CART, seed {seed}: densest leaf {best.rule(names)} (density "
               f"{best.density:.2f}) restricts only x0 and x3")
        scores = D.feature_scores(X, y)
        top = sorted(np.argsort(-scores)[:2].tolist())
        expect(top == [0, 3] and close(scores.sum(), 1.0, 1e-9),
               f"extra-trees, seed {seed}: x0 and x3 first ({np.round(scores, 3).tolist()}), "
               "summing to 1")
    # Independent y: no structure to find.
    rng = np.random.default_rng(5)
    X = rng.uniform(size=(2000, 5))
    y = rng.uniform(size=2000) < 0.3
    result = D.prim(X, y)
    problems = structure_problems(result)
    top = max(b.density for b in result.trajectory)
    for p in problems:
        fail(f"independent y: {p}")
    if not problems:
        ok(f"independent y: no box reaches density 0.8 (highest {top:.2f}, base rate "
           f"{y.mean():.2f}); none has density >= 0.5 with coverage >= 0.3; not meeting the "
           "threshold")
    expect(bool(recovery_problems(result)),
           "control: the recovery check reports the box found for independent y")
    scores = D.feature_scores(X, y)
    expect(scores.max() < 0.3, f"independent y: extra-trees scores all near 1/5 "
           f"({np.round(scores, 3).tolist()})")


def check_methods() -> None:
    check_hand_peels()
    check_hand_paste()
    check_conditions()
    check_planted()


# ---------------------------------------------------------------------------------------------
# cli


def run(argv: list[str]) -> subprocess.CompletedProcess:
    env = dict(os.environ, MPLBACKEND="Agg")
    return subprocess.run([sys.executable] + argv, capture_output=True, text=True, env=env,
                          timeout=300)


_MAINS: dict[str, object] = {}


def in_process(argv: list[str], script: str = FP_DISCOVER) -> subprocess.CompletedProcess:
    """main(argv) of scripts/fp-discover or scripts/fp-plot run in this process (no interpreter
    start: a second or two of imports saved per call), as a CompletedProcess."""
    import contextlib
    import importlib.machinery
    import importlib.util
    import io
    if script not in _MAINS:
        name = os.path.basename(script).replace("-", "_")
        loader = importlib.machinery.SourceFileLoader(name, script)
        module = importlib.util.module_from_spec(importlib.util.spec_from_loader(name, loader))
        loader.exec_module(module)
        _MAINS[script] = module.main
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = _MAINS[script](argv)
        except SystemExit as e:  # argparse's own errors
            code = e.code
    return subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())


def png_problems(path: str, width: tuple[int, int], height: tuple[int, int]) -> list[str]:
    if not os.path.isfile(path):
        return [f"{path}: not written"]
    with open(path, "rb") as fh:
        head = fh.read(24)
    size = os.path.getsize(path)
    if head[:8] != PNG_SIGNATURE or head[12:16] != b"IHDR":
        return [f"{path}: not a PNG"]
    problems = []
    if size < MIN_BYTES:
        problems.append(f"{path}: {size} bytes, expected more than {MIN_BYTES}")
    w, h = struct.unpack(">II", head[16:24])
    if not (width[0] <= w <= width[1] and height[0] <= h <= height[1]):
        problems.append(f"{path}: {w} x {h} pixels, expected {width} x {height}")
    return problems


TRADEOFF_SIZE = ((650, 1100), (550, 900))
BOX_SIZE = ((850, 1300), (300, 1000))


def controls_png(d: str) -> None:
    bad = os.path.join(d, "control-not.png")
    with open(bad, "w") as fh:
        fh.write("not a picture")
    small = os.path.join(d, "control-small.png")
    with open(small, "wb") as fh:
        fh.write(PNG_SIGNATURE + b"\x00\x00\x00\x0dIHDR" + struct.pack(">II", 900, 700))
    for what, path, word in (("not a PNG", bad, "not a PNG"), ("a PNG of 24 bytes", small,
                                                                  "bytes")):
        problems = png_problems(path, TRADEOFF_SIZE[0], TRADEOFF_SIZE[1])
        expect(any(word in p for p in problems), f"control: {what} is reported")
    problems = png_problems(small, (10, 20), (10, 20))
    expect(any("pixels" in p for p in problems), "control: a wrong pixel size is reported")


def recount_problems(d: str, report: dict, path: str) -> list[str]:
    """The JSON's PRIM box recounted from the file itself: the rows (runs, or one option's
    runs) with their design point's parameter values, the condition on /outcomes/value, the
    points inside the printed limits."""
    import h5py
    with h5py.File(path, "r") as f:
        names = [s.decode() if isinstance(s, bytes) else s for s in f["outcomes/outcome"][()]]
        values = f["outcomes/value"][:, names.index(report["outcome"])]
        point = f["runs/design_point"][()] if "design_point" in f["runs"] else \
            f["runs/scenario_point"][()]
        X = f["design/values"][()][point]
        parameters = [s.decode() if isinstance(s, bytes) else s
                      for s in f["design/parameter"][()]]
        keep = np.ones(values.size, dtype=bool)
        if report["kind"] == "comparison" and "of the option" in report["scope"]:
            option = report["scope"].rsplit(" ", 1)[1]
            options = [s.decode() if isinstance(s, bytes) else s
                       for s in f["comparison/option"][()]]
            keep = f["runs/option"][()] == options.index(option)
    values, X = values[keep], X[keep]
    ops = {">=": np.greater_equal, ">": np.greater, "<=": np.less_equal, "<": np.less,
           "==": np.equal, "!=": np.not_equal}
    y = np.isfinite(values) & ops[report["operator"]](np.nan_to_num(values, nan=-1e300),
                                                      report["value"])
    problems = []
    if (report["n"], report["cases"]) != (values.size, int(y.sum())):
        problems.append(f"n, cases = {report['n']}, {report['cases']}; the file gives "
                        f"{values.size}, {int(y.sum())}")
    box = report["prim"]["box"]
    inside = np.ones(values.size, dtype=bool)
    for row in box["limits"]:
        j = parameters.index(row["parameter"])
        inside &= (X[:, j] >= row["lower"]) & (X[:, j] <= row["upper"])
    n, cases = int(inside.sum()), int(y[inside].sum())
    if (box["n"], box["cases"]) != (n, cases):
        problems.append(f"box holds {box['n']} rows and {box['cases']} cases; its limits hold "
                        f"{n} and {cases} in the file")
    if not close(box["coverage"], cases / max(y.sum(), 1), 1e-9) or \
            not close(box["density"], cases / max(n, 1), 1e-9) or \
            not close(box["mass"], n / values.size, 1e-9):
        problems.append(f"coverage {box['coverage']}, density {box['density']}, mass "
                        f"{box['mass']} do not match the counts")
    return problems


def parallel(argvs: list[list[str]]) -> list[subprocess.CompletedProcess]:
    """Runs the commands two at a time (the tests' machine has 2 cores)."""
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(run, argvs))


def check_cli(d: str) -> None:
    sobol, lhs, compare = (os.path.join(d, f"{k}.h5") for k in ("sobol", "lhs", "compare"))
    out = os.path.join(d, "discovery")
    os.makedirs(out, exist_ok=True)
    controls_png(out)
    prefix = os.path.join(out, "sobol")
    json_cases = [(sobol, "conflict_days >= 10", [], 40),
                  (sobol, "peak_escalation >= 8", ["--alpha", "0.1"], 40),
                  (compare, "fatalities_all > p80", ["--option", "mediation"], 24),
                  (compare, "peak_escalation >= 8", [], 72),
                  (lhs, "conflict_days >= 8", ["--aggregate", "mean"], 8)]
    pictures = [(kind, size, path, args)
                for kind, size in (("prim-tradeoff", TRADEOFF_SIZE), ("prim-box", BOX_SIZE))
                for path, args in ((sobol, []), (compare, ["--where", "fatalities_all > p50"]))]

    def png_of(kind, path):
        return os.path.join(out, f"{kind}-{os.path.basename(path)}.png")
    lhs_png = os.path.join(out, "prim-box-lhs.png")
    leftovers = [prefix + "-tradeoff.png", prefix + "-box.png", lhs_png] + \
        [png_of(kind, path) for kind, _, path, _ in pictures]
    for leftover in leftovers:
        if os.path.exists(leftover):
            os.remove(leftover)
    argvs = [[FP_DISCOVER, sobol, "--where", "conflict_days >= 10", "-o", prefix]]
    argvs += [[FP_DISCOVER, path, "--where", where, "--json", *args]
              for path, where, args, _ in json_cases]
    argvs += [[FP_PLOT, kind, path, "-o", png_of(kind, path), *args]
              for kind, _, path, args in pictures]
    argvs.append([FP_PLOT, "prim-box", lhs, "-o", lhs_png])
    # Three commands as a user runs them (two at a time); the others call the scripts' main()
    # in this process, which gives the same output without an interpreter start each.
    through_cli = {0, 3, 1 + len(json_cases)}
    results = dict(zip(sorted(through_cli), parallel([argvs[i] for i in sorted(through_cli)])))
    for i, argv in enumerate(argvs):
        if i not in through_cli:
            results[i] = in_process(argv[1:], argv[0])
    results = [results[i] for i in range(len(argvs))]

    done = results[0]
    text = done.stdout
    expect(done.returncode == 0 and not done.stderr.strip(),
           f"fp-discover sobol.h5 --where 'conflict_days >= 10' -o: exit {done.returncode}, "
           f"stderr {done.stderr.strip()!r}")
    print(text)
    for pattern, what in ((r"condition: conflict_days >= 10: \d+ of 40 runs", "the cases"),
                          (r"PRIM \(alpha 0\.05.*box \d+", "the chosen box"),
                          (r"coverage [01]\.\d+ .*density [01]\.\d+ .*mass [01]\.\d+",
                           "coverage, density, mass"),
                          (r"\n  (actors|operations|strategic)\.\S+ +\[[^]]+\] +\[[^]]+\] +\S+",
                           "a restricted parameter with its limits, full range and quasi-p"),
                          (r"CART \(max depth 3.*\n.*density", "the CART leaves"),
                          (r"feature scores.*\n.*\n +1  \S+ +0\.\d{3}", "the feature scores")):
        expect(re.search(pattern, text) is not None, f"fp-discover prints {what}")
    # Control: the same patterns on a text without a box must fail.
    expect(re.search(r"coverage [01]\.\d+ .*density", "CART only") is None,
           "control: a text without a box does not match")
    for suffix, size in (("tradeoff", TRADEOFF_SIZE), ("box", BOX_SIZE)):
        problems = png_problems(f"{prefix}-{suffix}.png", *size)
        for p in problems:
            fail(p)
        if not problems:
            ok(f"fp-discover -o: {os.path.basename(prefix)}-{suffix}.png is a PNG of the "
               "expected size")

    first = None
    for (path, where, args, rows), done in zip(json_cases, results[1:]):
        label = f"fp-discover {os.path.basename(path)} --where '{where}' {' '.join(args)}"
        if done.returncode != 0 or done.stderr.strip():
            fail(f"{label}: exit {done.returncode}, stderr {done.stderr.strip()!r}")
            continue
        report = json.loads(done.stdout)
        first = first or report
        problems = [] if report["n"] == rows else [f"{report['n']} rows, expected {rows}"]
        if "--aggregate" not in args:
            problems += recount_problems(d, report, path)
        for p in problems:
            fail(f"{label}: {p}")
        if not problems:
            b = report["prim"]["box"]
            ok(f"{label}: {report['cases']} of {report['n']} {report['rows']}; box of "
               f"{b['n']} rows, {b['cases']} cases, recounted from the file")
        if report["cart"] is None or report["scores"] is None or \
                not close(sum(s["condition"] for s in report["scores"]), 1.0, 1e-9):
            fail(f"{label}: no CART leaves or feature scores not summing to 1")
    # Control: a box whose printed counts are off by one is reported by the recount.
    if first is not None:
        first["prim"]["box"]["cases"] += 1
        expect(bool(recount_problems(d, first, sobol)),
               "control: a box with one case too many is reported by the recount")

    for (kind, size, path, args), done in zip(pictures, results[1 + len(json_cases):]):
        problems = png_problems(png_of(kind, path), *size)
        if done.returncode != 0 or done.stderr.strip():
            problems.append(f"exit {done.returncode}, stderr {done.stderr.strip()!r}")
        for p in problems:
            fail(f"fp-plot {kind} {os.path.basename(path)}: {p}")
        if not problems:
            ok(f"fp-plot {kind} {os.path.basename(path)} {' '.join(args)}: a PNG")
    done = results[-1]
    expect(done.returncode == 2 and "holds in none of the 24 runs" in done.stderr and
           not os.path.exists(lhs_png),
           f"fp-plot prim-box on a sweep without rung 8: exit 2, not applicable "
           f"({done.stderr.strip()})")

    summary = D.discover_summary(sobol)
    expect(summary["condition"] == "peak_escalation >= 8" and summary["n"] == 40 and
           summary["cases"] >= 1 and summary["box"] and "quasi_p" in summary["box"][0] and
           len(summary["features"]) == 3 and 0 < summary["coverage"] <= 1,
           f"discover_summary(sobol.h5): {summary}")


# ---------------------------------------------------------------------------------------------
# bad_inputs


def bad_problems(argv: list[str], pattern: str, result=None) -> list[str]:
    done = result or run([FP_DISCOVER, *argv])
    where = "fp-discover " + " ".join(os.path.basename(a) if a.endswith(".h5") else a
                                      for a in argv)
    lines = done.stderr.strip().splitlines()
    problems = []
    if done.returncode != 2:
        problems.append(f"{where}: exit {done.returncode}, expected 2")
    if len(lines) != 1 or not lines[0].startswith("fp-discover: "):
        problems.append(f"{where}: stderr is not one line 'fp-discover: ...': {lines}")
    elif not re.search(pattern, lines[0]):
        problems.append(f"{where}: message {lines[0]!r} does not match {pattern!r}")
    if "Traceback" in done.stderr:
        problems.append(f"{where}: a traceback")
    return problems


def check_bad_inputs(d: str, flashpoint: str) -> None:
    sobol, compare = os.path.join(d, "sobol.h5"), os.path.join(d, "compare.h5")
    work = os.path.join(d, "discovery")
    os.makedirs(work, exist_ok=True)
    run_file = os.path.join(work, "run.h5")
    made = subprocess.run([flashpoint, "run", os.path.join(SOURCE, "scenarios/pak-afg-2025.yaml"),
                           "-r", "1", "--set", "days=61", "-o", run_file, "--force", "--quiet"],
                          capture_output=True, text=True, timeout=120)
    expect(made.returncode == 0, f"a run file for the checks: {made.stderr.strip()}")
    prefix = os.path.join(work, "bad")
    for leftover in (prefix + "-tradeoff.png", prefix + "-box.png"):
        if os.path.exists(leftover):
            os.remove(leftover)
    cases = [
        ([sobol, "--where", "fatalities_al > 500", "-o", prefix],
         r"no outcome 'fatalities_al'; did you mean 'fatalities_all'\?"),
        ([sobol, "--where", "peak_escalation >= 10", "-o", prefix],
         r"holds in none of the 40 runs \(peak_escalation ranges from \d to \d\)"),
        ([run_file, "--where", "peak_escalation >= 8"], r"has no /design.*this is a run file"),
        ([os.path.join(work, "missing.h5"), "--where", "peak_escalation >= 8"],
         r"missing\.h5: no such file"),
        ([sobol, "--where", "peak_escalation => 8"], r"cannot read the condition.*OUTCOME "
                                                     r"OPERATOR VALUE"),
        ([compare, "--where", "peak_escalation >= 8", "--option", "mediaton"],
         r"no option 'mediaton'; did you mean 'mediation'\?"),
        ([sobol, "--where", "peak_escalation >= eight"], r"'eight' is not a number"),
        ([sobol, "--where", "peak_escalation"], r"cannot read the condition"),
        ([sobol, "--where", "peak_escalation >= 0"], r"holds in all 40 runs"),
        ([sobol, "--where", "peak_escalation >= 8", "--option", "mediation"],
         r"--option is for comparisons"),
        ([sobol, "--where", "conflict_days >= 10", "--box", "999"],
         r"--box 999: the peeling trajectory has the boxes 0 to \d+"),
        ([sobol, "--where", "conflict_days >= 10", "--alpha", "0.7"], r"--alpha 0\.7"),
        ([sobol, "--where", "conflict_days >= 10", "--min-leaf", "0.6"], r"--min-leaf 0\.6"),
        ([sobol, "--where", "conflict_days >= 10", "-o", os.path.join(work, "nowhere", "x")],
         r"nowhere/x: the folder .* does not exist"),
    ]
    # The first cases through the command line as a user runs it (two at a time), the others
    # by calling fp-discover's main() in this process, which saves an interpreter start each.
    through_cli = 4
    good = [sobol, "--where", "conflict_days >= 10", "--method", "prim"]
    results = [in_process(good)]
    results += parallel([[FP_DISCOVER, *argv] for argv, _ in cases[:through_cli]])
    results += [in_process(argv) for argv, _ in cases[through_cli:]]
    # Controls: a call that succeeds, and a message that says something else, are reported.
    expect(any("exit 0, expected 2" in p for p in bad_problems(good, "x", results[0])),
           "control: a call that succeeds is not taken for a bad input")
    expect(any("does not match" in p for p in bad_problems(cases[0][0], "no such message",
                                                            results[1])),
           "control: a message that says something else is reported")
    for (argv, pattern), result in zip(cases, results[1:]):
        problems = bad_problems(argv, pattern, result)
        for p in problems:
            fail(p)
        if not problems:
            ok(f"exit 2: {result.stderr.strip()}")
    expect(not os.path.exists(prefix + "-tradeoff.png") and not os.path.exists(prefix +
                                                                                "-box.png"),
           "no picture written for a bad input")


def main(argv) -> int:
    modes = {"methods": 1, "cli": 2, "bad_inputs": 3}
    if len(argv) < 2 or argv[1] not in modes or len(argv) != modes[argv[1]] + 1:
        print(__doc__, file=sys.stderr)
        return 2
    mode = argv[1]
    if mode != "methods":
        for name in ("sobol", "lhs", "compare"):
            if not os.path.isfile(os.path.join(argv[2], name + ".h5")):
                print(f"FAIL: {argv[2]}/{name}.h5 is missing (run analysis_experiments.fixtures "
                      "first)")
                return 1
    if mode == "methods":
        check_methods()
    elif mode == "cli":
        check_cli(argv[2])
    else:
        check_bad_inputs(argv[2], argv[3])
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print(f"all {mode} checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
