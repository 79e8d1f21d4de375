"""Scenario discovery on a sweep or a comparison's ensemble: which region of the uncertain
parameters leads to the cases of interest (docs/analysis.md, "Scenario discovery").

Three methods on the same design X [row, parameter] (numeric, in the parameters' own units) and
a boolean y (a condition on one outcome, "peak_escalation >= 8"):

- PRIM, the Patient Rule Induction Method (Friedman and Fisher 1999, "Bump hunting in
  high-dimensional data", Statistics and Computing 9: 123-143), as scenario discovery uses it
  (Bryant and Lempert 2010, "Thinking inside the box", Technological Forecasting and Social
  Change 77: 34-49; Kwakkel's EMA Workbench): a box peeled down step by step, the trade-off
  between coverage and density along the way, a chosen box, pasting, and a quasi-p-value per
  restricted parameter. Our own implementation, numpy and scipy.stats.binom only.
- CART: scikit-learn's DecisionTreeClassifier; its leaves read as boxes.
- Feature scores: scikit-learn's extra-trees (Geurts, Ernst and Wehenkel 2006), the impurity
  importances of a classifier of y and of a regressor of the outcome itself, normalised to 1.

    data = read_cases(path, "peak_escalation >= 8")          # a sweep or a comparison
    result = prim(data.X, data.y)                              # PrimResult
    result.box.lower, result.box.upper, result.quasi_p         # in the parameters' units
    leaves = cart(data.X, data.y)                              # [Leaf], densest first
    scores = feature_scores(data.X, data.y)                    # [parameter], sums to 1

Pictures (scripts/fp-plot and the report): plot_prim_tradeoff and plot_prim_box. The report's
summary: discover_summary(path, where=None). Every reader raises common.BadInput (exit code 2)
for a file without a design, an unknown outcome (with the nearest name), a malformed condition,
or a condition that holds in no row or in every row. scikit-learn and scipy are imported only
where they are needed, so that the pictures need scipy but not scikit-learn.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np

from .common import BadInput, choose, kind_of, open_results, save, strings, text
from .outcomes import human, outcome_names, outcome_unit, outcome_values

# The condition of the pictures when none is given (fp-plot prim-tradeoff FILE -o OUT).
DEFAULT_WHERE = "peak_escalation >= 8"
ALPHA = 0.05          # share of the box's points peeled (and pasted) per step
MIN_MASS = 0.05       # the smallest box, as a share of all points
THRESHOLD = 0.8       # the density the default box must reach
MAX_DEPTH = 3         # CART
MIN_LEAF = 0.05       # CART: the smallest leaf, as a share of all points
TREES = 100           # extra-trees
RANDOM_STATE = 0      # extra-trees and CART: the same scores on every call

_OPERATORS = {">=": np.greater_equal, ">": np.greater, "<=": np.less_equal, "<": np.less,
              "==": np.equal, "!=": np.not_equal}
_CONDITION = re.compile(
    r"^\s*(?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])?)\s*(?P<op>>=|<=|==|!=|>|<)\s*"
    r"(?P<value>\S+)\s*$")
_PERCENTILE = re.compile(r"^p(?P<q>\d+(?:\.\d+)?)$")
_FORM = ('write OUTCOME OPERATOR VALUE, e.g. "peak_escalation >= 8" or "fatalities_all > p80" '
         "(operators >= > <= < == !=; VALUE a number, or pNN: the outcome's NNth percentile "
         "over the rows)")


# ---------------------------------------------------------------------------------------------
# The cases of interest


@dataclass
class Condition:
    """`outcome op value`, e.g. peak_escalation >= 8; `percentile` when the value was pNN."""
    outcome: str
    op: str
    value: float
    text: str
    percentile: float | None = None

    def holds(self, values: np.ndarray) -> np.ndarray:
        """Where the condition holds; never where the value is NaN (no value is no case)."""
        finite = np.isfinite(values)
        out = np.zeros(values.shape, dtype=bool)
        out[finite] = _OPERATORS[self.op](values[finite], self.value)
        return out

    def describe(self) -> str:
        if self.percentile is None:
            return self.text
        return f"{self.text} ({self.outcome} {self.op} {human(self.value, 4)})"


def parse_condition(where: str, names: list[str], path: str) -> tuple[str, str, str]:
    """(outcome, operator, value text) of a condition, or BadInput: a malformed condition
    (saying how to write one), an unknown outcome (with the nearest name)."""
    m = _CONDITION.match(where or "")
    if not m:
        raise BadInput(f"{path}: cannot read the condition {where!r}: {_FORM}")
    value = m.group("value")
    if not _PERCENTILE.match(value):
        try:
            number = float(value)
        except ValueError:
            raise BadInput(f"{path}: cannot read the condition {where!r}: {value!r} is not a "
                           f"number; {_FORM}") from None
        if math.isnan(number):
            raise BadInput(f"{path}: cannot read the condition {where!r}: the value is NaN, "
                           "which no run has (NaN is never a case of interest)")
    name = choose(m.group("name"), names, "outcome", path)
    return name, m.group("op"), value


def make_condition(where: str, names: list[str], values: np.ndarray, path: str) -> Condition:
    """The condition `where` on the outcome values of the rows (pNN resolved on them)."""
    name, op, value = parse_condition(where, names, path)
    m = _PERCENTILE.match(value)
    if m is None:
        return Condition(name, op, float(value), " ".join(where.split()))
    q = float(m.group("q"))
    finite = values[np.isfinite(values)]
    if not 0 <= q <= 100:
        raise BadInput(f"{path}: cannot read the condition {where!r}: the percentile {q:g} is "
                       "not between 0 and 100")
    if finite.size == 0:
        raise BadInput(f"{path}: the outcome {name!r} has no value in any row, so it has no "
                       f"{q:g}th percentile")
    return Condition(name, op, float(np.percentile(finite, q)), " ".join(where.split()), q)


@dataclass
class Cases:
    """The design rows, their parameters and which rows are cases of interest."""
    path: str
    kind: str                   # sweep | comparison
    name: str                   # the experiment's name
    design: str                 # the design's kind (sobol, latin_hypercube, ...)
    parameters: list[str]       # dotted paths
    X: np.ndarray               # [row, parameter], the parameters' own units
    low: np.ndarray             # [parameter], the design's full range
    high: np.ndarray
    distributions: list[str]    # [parameter]: uniform, log_uniform, triangular, ...
    values: np.ndarray          # [row] the outcome (NaN: no value)
    y: np.ndarray               # [row] bool: a case of interest
    condition: Condition
    rows: str                   # "runs", "design points", "ensemble members"
    scope: str                  # which runs, in words
    unit: str = ""

    @property
    def n(self) -> int:
        return int(self.y.size)

    @property
    def cases(self) -> int:
        return int(self.y.sum())

    @property
    def without_value(self) -> int:
        return int((~np.isfinite(self.values)).sum())


def _attr(group, name: str, default: str = "") -> str:
    return text(group.attrs.get(name, default))


def read_cases(path: str, where: str, option: str | None = None,
               aggregate: str | None = None) -> Cases:
    """The design of a sweep (one row per run, its design point's parameter values) or of a
    comparison's ensemble (one row per run, its ensemble member's values; only the runs of
    `option` when given, else every option's), and the condition `where` on one outcome.
    aggregate="mean": one row per design point or ensemble member, the condition on the mean of
    its runs' values (NaN-skipping, as /design/outcomes/mean)."""
    if aggregate not in (None, "run", "mean"):
        raise BadInput(f"{path}: --aggregate {aggregate!r}: use run (one row per run, the "
                       "default) or mean (one row per design point, its runs' mean)")
    with open_results(path) as f:
        kind = kind_of(f)
        if kind not in ("sweep", "comparison") or "design" not in f or \
                "values" not in f["design"]:
            what = "a comparison without an ensemble" if kind == "comparison" else \
                f"a {kind} file"
            raise BadInput(f"{path}: has no /design: scenario discovery needs the uncertain "
                           "parameters of a sweep or of a comparison's ensemble, and this is "
                           f"{what}")
        design = f["design"]
        parameters = strings(design["parameter"])
        values = np.asarray(design["values"][()], dtype=float)
        if values.ndim != 2 or values.shape[1] != len(parameters) or not parameters:
            raise BadInput(f"{path}: /design/values is not [point, parameter] over "
                           f"{len(parameters)} parameters")
        low = np.asarray(design["low"][()], dtype=float) if "low" in design else \
            values.min(axis=0)
        high = np.asarray(design["high"][()], dtype=float) if "high" in design else \
            values.max(axis=0)
        dists = [d.strip() for d in _attr(design, "distributions").split(",")]
        if len(dists) != len(parameters):
            dists = ["uniform"] * len(parameters)
        point_name = "design_point" if kind == "sweep" else "scenario_point"
        if f"runs/{point_name}" not in f:
            raise BadInput(f"{path}: has no /runs/{point_name}: which design point each run "
                           "had is needed")
        point_of_run = np.asarray(f[f"runs/{point_name}"][()], dtype=np.int64)
        names = outcome_names(f)
        # Read the condition's outcome only once it is known to be well formed.
        outcome = parse_condition(where, names, path)[0]
        per_run = outcome_values(f, outcome)
        keep = np.ones(point_of_run.size, dtype=bool)
        scope = f"{point_of_run.size:,} runs"
        if kind == "comparison":
            options = strings(f["comparison/option"]) if "comparison/option" in f else []
            if option is not None:
                chosen = choose(option, options, "option", path)
                keep = np.asarray(f["runs/option"][()], dtype=np.int64) == \
                    options.index(chosen)
                scope = f"{int(keep.sum()):,} runs of the option {chosen}"
            else:
                scope += f", every option pooled ({', '.join(options)}; --option for one)"
        elif option is not None:
            raise BadInput(f"{path}: --option is for comparisons; this is a sweep")
        name = _attr(f, "experiment_name") or path
        design_kind = _attr(design, "kind")
        unit = outcome_unit(f, outcome)
    if point_of_run.size and (point_of_run.min() < 0 or point_of_run.max() >= values.shape[0]):
        raise BadInput(f"{path}: /runs/{point_name} refers to design points outside /design")
    runs_x = point_of_run[keep]
    runs_v = per_run[keep]
    member = "design point" if kind == "sweep" else "ensemble member"
    if aggregate == "mean":
        points = np.unique(runs_x)
        sums = np.zeros(values.shape[0])
        counts = np.zeros(values.shape[0])
        ok = np.isfinite(runs_v)
        np.add.at(sums, runs_x[ok], runs_v[ok])
        np.add.at(counts, runs_x[ok], 1)
        with np.errstate(invalid="ignore", divide="ignore"):
            means = np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)
        X, v = values[points], means[points]
        rows = f"{member}s"
        scope += f"; the condition on each {member}'s mean over its runs"
    else:
        X, v = values[runs_x], runs_v
        rows = "runs"
    condition = make_condition(where, names, v, path)
    y = condition.holds(v)
    nan_note = f"; {int((~np.isfinite(v)).sum())} without a value, never a case" \
        if not np.isfinite(v).all() else ""
    if not y.any():
        finite = v[np.isfinite(v)]
        seen = f" ({outcome} ranges from {human(finite.min(), 4)} to {human(finite.max(), 4)})" \
            if finite.size else f" ({outcome} has no value in any of them)"
        raise BadInput(f"{path}: the condition {condition.describe()} holds in none of the "
                       f"{v.size} {rows}{seen}{nan_note}: there is nothing to discover; "
                       "choose a condition (--where) that some rows meet")
    if y.all():
        raise BadInput(f"{path}: the condition {condition.describe()} holds in all {v.size} "
                       f"{rows}: there is nothing to tell apart; choose a condition (--where) "
                       "that some rows do not meet")
    return Cases(path=path, kind=kind, name=name, design=design_kind, parameters=parameters,
                 X=X, low=low, high=high, distributions=dists, values=v, y=y,
                 condition=condition, rows=rows, scope=scope, unit=unit)


# ---------------------------------------------------------------------------------------------
# PRIM


@dataclass
class Box:
    """A box: lower[j] <= x_j <= upper[j] for every parameter j (limits in the parameters'
    units; an unrestricted parameter has the data's minimum and maximum), and what it holds."""
    lower: np.ndarray
    upper: np.ndarray
    n: int              # points inside
    cases: int          # cases of interest inside
    coverage: float     # cases inside / all cases
    density: float      # cases inside / points inside
    mass: float         # points inside / all points
    restricted: list[int] = field(default_factory=list)   # parameters whose limits moved


@dataclass
class PrimResult:
    """The peeling trajectory, the chosen box before and after pasting, its quasi-p-values."""
    trajectory: list[Box]
    chosen: int                 # index into the trajectory
    meets_threshold: bool       # whether the chosen box reaches the density threshold
    box: Box                    # the chosen box after pasting
    pastes: int                 # how many pastes widened it
    quasi_p: dict[int, float]   # restricted parameter -> quasi-p-value (of `box`)
    alpha: float
    min_mass: float
    threshold: float
    how_chosen: str             # in words


def inside_box(X: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> np.ndarray:
    return np.all((X >= lower) & (X <= upper), axis=1)


def _box(X, y, lower, upper, lo0, hi0) -> Box:
    inside = inside_box(X, lower, upper)
    n = int(inside.sum())
    cases = int(y[inside].sum())
    total = int(y.sum())
    restricted = [j for j in range(X.shape[1]) if lower[j] > lo0[j] or upper[j] < hi0[j]]
    return Box(lower=lower.copy(), upper=upper.copy(), n=n, cases=cases,
               coverage=cases / total if total else math.nan,
               density=cases / n if n else math.nan, mass=n / y.size, restricted=restricted)


def _step_size(alpha: float, n: int) -> int:
    """How many points one peel or paste moves: the alpha share of the box's n, at least 1."""
    return max(1, int(math.floor(alpha * n + 1e-9)))


def peel_candidates(X: np.ndarray, inside: np.ndarray, alpha: float):
    """Every peel of the box `inside`: (parameter, side, new limit, rows kept).

    On the low side of parameter j the k = floor(alpha n) lowest of the box's n points go
    (k >= 1): every point whose x_j is at most the kth lowest value, so that tied values leave
    together (a parameter with few levels loses a whole level); the new lower limit is the
    lowest value left. The high side likewise. A side whose peel would leave nothing (every
    point has the same x_j) has no candidate."""
    rows = np.flatnonzero(inside)
    n = rows.size
    k = _step_size(alpha, n)
    out = []
    for j in range(X.shape[1]):
        v = X[rows, j]
        s = np.sort(v)
        for side, cut in (("lower", s[k - 1]), ("upper", s[n - k])):
            keep = v > cut if side == "lower" else v < cut
            if keep.any():
                limit = v[keep].min() if side == "lower" else v[keep].max()
                out.append((j, side, float(limit), rows[keep]))
    return out


def peel(X: np.ndarray, y: np.ndarray, alpha: float = ALPHA,
         min_mass: float = MIN_MASS) -> list[Box]:
    """The peeling trajectory: box 0 holds every point; each next box removes one peel, the one
    leaving the highest density (mean of y) in the box (ties: the peel removing fewer points,
    then the first parameter, low side first). Stops when every peel would leave fewer than
    min_mass of all points, or when the box holds only cases (density 1: no peel can raise it,
    each would only lose coverage)."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=bool)
    lo0, hi0 = X.min(axis=0), X.max(axis=0)
    lower, upper = lo0.copy(), hi0.copy()
    trajectory = [_box(X, y, lower, upper, lo0, hi0)]
    smallest = min_mass * y.size - 1e-9
    inside = np.ones(y.size, dtype=bool)
    while trajectory[-1].density < 1:
        best = None
        for j, side, limit, kept in peel_candidates(X, inside, alpha):
            if kept.size < smallest:
                continue
            density = y[kept].mean()
            key = (-density, inside.sum() - kept.size)  # earlier candidates win ties
            if best is None or key < best[0]:
                best = (key, j, side, limit, kept)
        if best is None:
            break
        _, j, side, limit, kept = best
        if side == "lower":
            lower[j] = limit
        else:
            upper[j] = limit
        inside = np.zeros(y.size, dtype=bool)
        inside[kept] = True
        trajectory.append(_box(X, y, lower, upper, lo0, hi0))
    return trajectory


def paste(X: np.ndarray, y: np.ndarray, box: Box, alpha: float = ALPHA) -> tuple[Box, int]:
    """Widens a box: each step tries, for every restricted limit, moving it outwards over the
    k = floor(alpha n) nearest points outside it (among the points within the other limits;
    ties included), and keeps the widening that gives the highest density, as long as the
    density does not fall; stops when every widening would lower it. Returns the box and the
    number of widenings kept (0: the box as it was)."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=bool)
    lo0, hi0 = X.min(axis=0), X.max(axis=0)
    lower, upper = box.lower.copy(), box.upper.copy()
    current = _box(X, y, lower, upper, lo0, hi0)
    pastes = 0
    while True:
        k = _step_size(alpha, current.n)
        best = None
        for j in current.restricted:
            others = np.ones(y.size, dtype=bool)
            for i in range(X.shape[1]):
                if i != j:
                    others &= (X[:, i] >= lower[i]) & (X[:, i] <= upper[i])
            for side in ("lower", "upper"):
                if side == "lower":
                    outside = X[others & (X[:, j] < lower[j]), j]
                    if not outside.size:
                        continue
                    limit = np.sort(outside)[::-1][min(k, outside.size) - 1]
                    trial_lower, trial_upper = lower.copy(), upper
                    trial_lower[j] = limit
                else:
                    outside = X[others & (X[:, j] > upper[j]), j]
                    if not outside.size:
                        continue
                    limit = np.sort(outside)[min(k, outside.size) - 1]
                    trial_lower, trial_upper = lower, upper.copy()
                    trial_upper[j] = limit
                trial = _box(X, y, trial_lower, trial_upper, lo0, hi0)
                key = (-trial.density, -trial.n)  # of equals, the wider
                if best is None or key < best[0]:
                    best = (key, trial)
        if best is None or best[1].density < current.density - 1e-12:
            return current, pastes
        current = best[1]
        lower, upper = current.lower.copy(), current.upper.copy()
        pastes += 1


def quasi_p_values(X: np.ndarray, y: np.ndarray, box: Box) -> dict[int, float]:
    """Per restricted parameter j: the probability that a box of the same n points drawn where
    only the other limits hold would hold at least as many cases as this one, P(B >= cases)
    with B ~ Binomial(n, cases_j / n_j), n_j and cases_j counted in the box without the limits
    on j (Bryant and Lempert 2010; the EMA Workbench's quasi-p). Small: the restriction on j
    matters; near 1: the box would do as well without it."""
    from scipy.stats import binom
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=bool)
    out = {}
    for j in box.restricted:
        others = np.ones(y.size, dtype=bool)
        for i in range(X.shape[1]):
            if i != j:
                others &= (X[:, i] >= box.lower[i]) & (X[:, i] <= box.upper[i])
        n_j, cases_j = int(others.sum()), int(y[others].sum())
        out[j] = float(binom.sf(box.cases - 1, box.n, cases_j / n_j)) if n_j else math.nan
    return out


def choose_box(trajectory: list[Box], threshold: float) -> tuple[int, bool, str]:
    """The default box: of the boxes whose density is at least `threshold`, the one with the
    highest coverage, and of several with that coverage the last (densest) one. When no box
    reaches the threshold: the densest box (the first of equals), flagged."""
    meets = [i for i, b in enumerate(trajectory) if b.density >= threshold - 1e-12]
    if meets:
        top = max(trajectory[i].coverage for i in meets)
        i = max(i for i in meets if trajectory[i].coverage >= top - 1e-12)
        return i, True, f"the highest coverage with density >= {threshold:g}"
    densities = [b.density for b in trajectory]
    i = int(np.argmax(densities))
    return i, False, (f"no box reaches density {threshold:g}; the densest box "
                      f"({densities[i]:.3f}) is shown")


def prim(X: np.ndarray, y: np.ndarray, alpha: float = ALPHA, min_mass: float = MIN_MASS,
         threshold: float = THRESHOLD, box: int | None = None, pasting: bool = True,
         path: str = "") -> PrimResult:
    """PRIM on X [row, parameter] and y [row]: peel, choose a box (the default rule of
    choose_box, or trajectory index `box`), paste it, and its quasi-p-values."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=bool)
    where = f"{path}: " if path else ""
    if not 0 < alpha < 0.5:
        raise BadInput(f"{where}--alpha {alpha:g}: the share peeled per step must be above 0 "
                       "and below 0.5 (0.05 is usual)")
    if not 0 < min_mass <= 1:
        raise BadInput(f"{where}--min-mass {min_mass:g}: must be above 0 and at most 1")
    if not 0 < threshold <= 1:
        raise BadInput(f"{where}--threshold {threshold:g}: a density, above 0 and at most 1")
    trajectory = peel(X, y, alpha, min_mass)
    if box is None:
        chosen, meets, how = choose_box(trajectory, threshold)
    else:
        if not 0 <= box < len(trajectory):
            raise BadInput(f"{where}--box {box}: the peeling trajectory has the boxes 0 to "
                           f"{len(trajectory) - 1}")
        chosen, meets, how = box, trajectory[box].density >= threshold - 1e-12, \
            f"--box {box}"
    final, pastes = paste(X, y, trajectory[chosen], alpha) if pasting else \
        (trajectory[chosen], 0)
    if not meets and final.density >= threshold - 1e-12:
        # Pasting never lowers the density; it may lift a box over the threshold.
        meets = True
        how += f"; after pasting its density is {final.density:.3f}, at or above {threshold:g}"
    return PrimResult(trajectory=trajectory, chosen=chosen, meets_threshold=meets, box=final,
                      pastes=pastes, quasi_p=quasi_p_values(X, y, final), alpha=alpha,
                      min_mass=min_mass, threshold=threshold, how_chosen=how)


# ---------------------------------------------------------------------------------------------
# CART and feature scores (scikit-learn)


@dataclass
class Leaf:
    """A leaf of the tree as a box: lower[j] < x_j <= upper[j] (-inf/inf: no limit)."""
    lower: np.ndarray
    upper: np.ndarray
    n: int
    cases: int
    coverage: float
    density: float
    mass: float

    def restricted(self) -> list[int]:
        return [j for j in range(self.lower.size)
                if np.isfinite(self.lower[j]) or np.isfinite(self.upper[j])]

    def rule(self, names: list[str]) -> str:
        parts = []
        for j in self.restricted():
            lo, hi = self.lower[j], self.upper[j]
            if np.isfinite(lo) and np.isfinite(hi):
                parts.append(f"{human(lo, 4)} < {names[j]} <= {human(hi, 4)}")
            elif np.isfinite(lo):
                parts.append(f"{names[j]} > {human(lo, 4)}")
            else:
                parts.append(f"{names[j]} <= {human(hi, 4)}")
        return " and ".join(parts) or "(every point)"


def cart(X: np.ndarray, y: np.ndarray, max_depth: int = MAX_DEPTH,
         min_leaf: float = MIN_LEAF, path: str = "") -> list[Leaf]:
    """The leaves of a classification tree of y (scikit-learn's DecisionTreeClassifier, Gini
    impurity, at most max_depth splits deep, every leaf holding at least min_leaf of the points)
    as boxes, the densest first (ties: the larger first)."""
    from sklearn.tree import DecisionTreeClassifier
    where = f"{path}: " if path else ""
    if max_depth < 1:
        raise BadInput(f"{where}--max-depth {max_depth}: at least 1")
    if not 0 < min_leaf < 0.5:
        raise BadInput(f"{where}--min-leaf {min_leaf:g}: a share of the points, above 0 and "
                       "below 0.5")
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=bool)
    tree = DecisionTreeClassifier(max_depth=max_depth, min_samples_leaf=min_leaf,
                                  random_state=RANDOM_STATE).fit(X, y)
    t = tree.tree_
    leaf_of = tree.apply(X)
    total = int(y.sum())
    leaves = []

    def walk(node, lower, upper):
        left, right = t.children_left[node], t.children_right[node]
        if left == right:  # a leaf (both -1)
            member = leaf_of == node
            n, cases = int(member.sum()), int(y[member].sum())
            leaves.append(Leaf(lower, upper, n, cases, cases / total, cases / n, n / y.size))
            return
        j, cut = t.feature[node], t.threshold[node]
        u = upper.copy()
        u[j] = min(u[j], cut)
        walk(left, lower, u)
        lo = lower.copy()
        lo[j] = max(lo[j], cut)
        walk(right, lo, upper)

    d = X.shape[1]
    walk(0, np.full(d, -np.inf), np.full(d, np.inf))
    leaves.sort(key=lambda leaf: (-leaf.density, -leaf.n))
    return leaves


def feature_scores(X: np.ndarray, target: np.ndarray, regress: bool = False,
                   trees: int = TREES) -> np.ndarray:
    """Impurity importances of extra-trees (Geurts et al. 2006), one per parameter, summing
    to 1: a classifier of the boolean target, or (regress=True) a regressor of the outcome
    itself (rows without a value left out). A fixed random_state: the same scores every time.
    The higher, the more the parameter tells the cases apart."""
    from sklearn.ensemble import ExtraTreesClassifier, ExtraTreesRegressor
    X = np.asarray(X, dtype=float)
    target = np.asarray(target)
    if regress:
        ok = np.isfinite(target)
        X, target = X[ok], target[ok].astype(float)
        model = ExtraTreesRegressor(n_estimators=trees, random_state=RANDOM_STATE, n_jobs=1)
    else:
        target = target.astype(bool)
        model = ExtraTreesClassifier(n_estimators=trees, random_state=RANDOM_STATE, n_jobs=1)
    if target.size < 2 or np.unique(target).size < 2:
        return np.full(X.shape[1], np.nan)
    scores = model.fit(X, target).feature_importances_
    total = scores.sum()
    return scores / total if total > 0 else np.full(X.shape[1], np.nan)


# ---------------------------------------------------------------------------------------------
# Results as data and as text


def box_rows(data: Cases, result: PrimResult) -> list[dict]:
    """The chosen box's restricted parameters: name, limits, which of them moved (an unmoved
    limit is the rows' lowest or highest value), full range, quasi-p."""
    b = result.box
    lo0, hi0 = data.X.min(axis=0), data.X.max(axis=0)
    return [{"parameter": data.parameters[j], "lower": float(b.lower[j]),
             "upper": float(b.upper[j]), "lower_restricted": bool(b.lower[j] > lo0[j]),
             "upper_restricted": bool(b.upper[j] < hi0[j]), "full_low": float(data.low[j]),
             "full_high": float(data.high[j]), "quasi_p": result.quasi_p.get(j, math.nan)}
            for j in b.restricted]


def _box_dict(b: Box, names: list[str]) -> dict:
    return {"n": b.n, "cases": b.cases, "coverage": b.coverage, "density": b.density,
            "mass": b.mass, "restricted": [names[j] for j in b.restricted]}


def as_dict(data: Cases, result: PrimResult | None, leaves: list[Leaf] | None,
            scores: np.ndarray | None, outcome_scores: np.ndarray | None) -> dict:
    """Everything fp-discover prints, as plain JSON-able data."""
    out = {"file": data.path, "kind": data.kind, "experiment": data.name,
           "condition": data.condition.text, "outcome": data.condition.outcome,
           "operator": data.condition.op, "value": data.condition.value,
           "rows": data.rows, "scope": data.scope, "n": data.n, "cases": data.cases,
           "without_value": data.without_value, "parameters": data.parameters}
    if result is not None:
        out["prim"] = {
            "alpha": result.alpha, "min_mass": result.min_mass, "threshold": result.threshold,
            "chosen": result.chosen, "how_chosen": result.how_chosen,
            "meets_threshold": result.meets_threshold, "pastes": result.pastes,
            "before_pasting": _box_dict(result.trajectory[result.chosen], data.parameters),
            "box": dict(_box_dict(result.box, data.parameters), limits=box_rows(data, result)),
            "trajectory": [_box_dict(b, data.parameters) for b in result.trajectory]}
    if leaves is not None:
        out["cart"] = [{"rule": leaf.rule(data.parameters), "n": leaf.n, "cases": leaf.cases,
                        "coverage": leaf.coverage, "density": leaf.density, "mass": leaf.mass}
                       for leaf in leaves]
    if scores is not None:
        order = np.argsort(-np.nan_to_num(scores, nan=-1.0), kind="stable")
        out["scores"] = [{"parameter": data.parameters[j], "condition": float(scores[j]),
                          "outcome": float(outcome_scores[j])
                          if outcome_scores is not None else None} for j in order]
    return _finite_or_none(out)


def _finite_or_none(value):
    """NaN and infinities as None (JSON has no NaN)."""
    if isinstance(value, dict):
        return {k: _finite_or_none(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite_or_none(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _p(value: float) -> str:
    if not math.isfinite(value):
        return "-"
    return f"{value:.2g}" if value >= 0.01 else f"{value:.1e}"


def _share(part: int, whole: int) -> str:
    return f"{part:,} of {whole:,}"


def describe(data: Cases, result: PrimResult | None, leaves: list[Leaf] | None,
             scores: np.ndarray | None, outcome_scores: np.ndarray | None,
             max_depth: int = MAX_DEPTH, min_leaf: float = MIN_LEAF) -> str:
    """The text fp-discover prints."""
    lines = [f"scenario discovery: {data.path} ({data.kind} {data.name}, "
             f"{data.design or 'unknown'} design; {data.scope})",
             f"condition: {data.condition.describe()}: {_share(data.cases, data.n)} "
             f"{data.rows} ({data.cases / data.n:.1%}) are cases of interest"
             + (f"; {data.without_value} {data.rows} without a value of {data.condition.outcome}"
                " count as no case" if data.without_value else "")]
    width = max(len(p) for p in data.parameters)
    if result is not None:
        b, before = result.box, result.trajectory[result.chosen]
        lines += ["", f"PRIM (alpha {result.alpha:g}, min mass {result.min_mass:g}, threshold "
                  f"{result.threshold:g}): {len(result.trajectory)} boxes on the peeling "
                  f"trajectory; box {result.chosen}: {result.how_chosen}"]
        if not result.meets_threshold:
            lines.append(f"  warning: the box's density {b.density:.3f} is below the threshold "
                         f"{result.threshold:g}")
        if result.pastes:
            lines.append(f"  pasting widened it {result.pastes} time(s): coverage "
                         f"{before.coverage:.3f} -> {b.coverage:.3f}, density "
                         f"{before.density:.3f} -> {b.density:.3f}")
        lines.append(f"  coverage {b.coverage:.3f} ({_share(b.cases, data.cases)} cases)   "
                     f"density {b.density:.3f} ({_share(b.cases, b.n)} {data.rows} in the box)"
                     f"   mass {b.mass:.3f}")
        if b.restricted:
            lines.append(f"  {'parameter':<{width}}  {'box':>23}  {'full range':>23}  quasi-p")
            for row in box_rows(data, result):
                limits = f"[{human(row['lower'], 4)}, {human(row['upper'], 4)}]"
                full = f"[{human(row['full_low'], 4)}, {human(row['full_high'], 4)}]"
                lines.append(f"  {row['parameter']:<{width}}  {limits:>23}  {full:>23}  "
                             f"{_p(row['quasi_p'])}")
        else:
            lines.append("  no parameter is restricted: the box is the whole design")
    if leaves is not None:
        lines += ["", f"CART (max depth {max_depth}, min leaf {min_leaf:g}): {len(leaves)} "
                  "leaves, densest first"]
        lines.append(f"  {'density':>7}  {'coverage':>8}  {'mass':>5}  rule")
        for leaf in leaves:
            lines.append(f"  {leaf.density:7.3f}  {leaf.coverage:8.3f}  {leaf.mass:5.3f}  "
                         f"{leaf.rule(data.parameters)}")
    if scores is not None:
        lines += ["", f"feature scores (extra-trees, {TREES} trees, random_state "
                  f"{RANDOM_STATE}; each column sums to 1)",
                  f"  {'rank':>4}  {'parameter':<{width}}  {'condition':>9}  "
                  f"{data.condition.outcome}"]
        order = np.argsort(-np.nan_to_num(scores, nan=-1.0), kind="stable")
        for rank, j in enumerate(order, 1):
            other = _score(outcome_scores[j]) if outcome_scores is not None else "-"
            lines.append(f"  {rank:>4}  {data.parameters[j]:<{width}}  "
                         f"{_score(scores[j]):>9}  {other}")
    return "\n".join(lines)


def _score(v: float) -> str:
    return f"{v:.3f}" if math.isfinite(v) else "-"


def discover_summary(path: str, where: str | None = None) -> dict:
    """For the report: the condition (default peak_escalation >= 8), the number of rows and
    cases, PRIM's chosen box (limits in the parameters' units, coverage, density, mass,
    quasi-p) and the parameters ranked by extra-trees (None when scikit-learn is missing).
    BadInput when discovery does not apply (no design, no case, every row a case)."""
    data = read_cases(path, where or DEFAULT_WHERE)
    result = prim(data.X, data.y, path=path)
    try:
        scores = feature_scores(data.X, data.y)
    except ImportError:
        scores = None
    b = result.box
    summary = {"condition": data.condition.describe(), "rows": data.rows, "n": data.n,
               "cases": data.cases, "box": box_rows(data, result), "coverage": b.coverage,
               "density": b.density, "mass": b.mass, "meets_threshold": result.meets_threshold,
               "threshold": result.threshold, "features": None}
    if scores is not None:
        order = np.argsort(-np.nan_to_num(scores, nan=-1.0), kind="stable")
        summary["features"] = [(data.parameters[j], float(scores[j])) for j in order]
    return summary


# ---------------------------------------------------------------------------------------------
# Pictures


def _short_names(paths: list[str]) -> list[str]:
    from .sweep_plots import short_names
    return short_names(paths)


def draw_tradeoff(data: Cases, result: PrimResult, out, title: str | None = None) -> None:
    """Coverage against density of every box of the peeling trajectory, coloured by how many
    parameters it restricts; the chosen box circled, the pasted box a star, the threshold a
    dashed line."""
    import matplotlib.pyplot as plt
    from matplotlib import colors as mcolors
    traj = result.trajectory
    cov = np.array([b.coverage for b in traj])
    den = np.array([b.density for b in traj])
    dims = np.array([len(b.restricted) for b in traj])
    fig, ax = plt.subplots(figsize=(8.2, 6.0))
    top = max(int(dims.max()), 1)
    cmap = plt.get_cmap("viridis", top + 1)
    norm = mcolors.BoundaryNorm(np.arange(-0.5, top + 1.5), top + 1)
    ax.plot(cov, den, color="#bbbbbb", linewidth=1, zorder=1)
    points = ax.scatter(cov, den, c=dims, cmap=cmap, norm=norm, s=28, zorder=2,
                        edgecolors="white", linewidths=0.4)
    c = traj[result.chosen]
    ax.scatter([c.coverage], [c.density], s=160, facecolors="none", edgecolors="#c8382c",
               linewidths=2, zorder=3, label=f"chosen box {result.chosen}: coverage "
               f"{c.coverage:.2f}, density {c.density:.2f}")
    b = result.box
    if result.pastes:
        ax.scatter([b.coverage], [b.density], marker="*", s=180, color="#c8382c", zorder=4,
                   label=f"after pasting: coverage {b.coverage:.2f}, density {b.density:.2f}")
    ax.axhline(result.threshold, color="#c8382c", linestyle="--", linewidth=1,
               label=f"density threshold {result.threshold:g}")
    base = data.cases / data.n
    ax.axhline(base, color="#6b7280", linestyle=":", linewidth=1,
               label=f"share of cases among all {data.rows}: {base:.2f}")
    bar = fig.colorbar(points, ax=ax, ticks=np.arange(0, top + 1), pad=0.02)
    bar.set_label("parameters restricted")
    ax.set_xlabel("coverage: share of all cases of interest inside the box")
    ax.set_ylabel("density: share of the box's points that are cases")
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.02, 1.05)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2,
              frameon=False)
    ax.set_title(f"{data.condition.describe()}: {_share(data.cases, data.n)} {data.rows}; "
                 f"{len(traj)} boxes, peeling {result.alpha:g} per step", fontsize=9,
                 color="#444444")
    fig.suptitle(title or f"PRIM peeling trajectory: {data.name}", fontsize=11)
    save(fig, out)


def _normalised(data: Cases, j: int, v: np.ndarray) -> np.ndarray:
    """Positions in the parameter's full range as 0..1 (on a log scale for log_uniform)."""
    lo, hi = data.low[j], data.high[j]
    if data.distributions[j] == "log_uniform" and lo > 0 and hi > lo:
        return (np.log(v) - np.log(lo)) / (np.log(hi) - np.log(lo))
    return (v - lo) / (hi - lo) if hi > lo else np.full(np.shape(v), 0.5)


def draw_box(data: Cases, result: PrimResult, out, title: str | None = None) -> None:
    """The chosen box: one row per restricted parameter, the full range as a grey bar from 0 to
    1 and the box's limits as a blue bar inside it (light blue when the quasi-p-value is above
    0.05), each limit written in the parameter's units and the quasi-p-value at the right."""
    import matplotlib.pyplot as plt
    b = result.box
    rows = box_rows(data, result)
    shorts = _short_names(data.parameters)
    height = max(3.0, 0.75 * len(rows) + 2.0)
    fig, ax = plt.subplots(figsize=(9.0, height))
    fig.subplots_adjust(top=1 - 0.8 / height)  # room for the title and the line under it
    for r, row in enumerate(rows):
        j = data.parameters.index(row["parameter"])
        y = len(rows) - 1 - r
        lo, hi = _normalised(data, j, np.array([row["lower"], row["upper"]]))
        ax.barh(y, 1, left=0, height=0.5, color="#e5e7eb", edgecolor="#9ca3af", zorder=1)
        needed = row["quasi_p"] <= 0.05
        ax.barh(y, max(hi - lo, 0.004), left=lo, height=0.5, zorder=2,
                color="#1f5fa8" if needed else "#9cc0e8")
        if row["lower"] == row["upper"]:  # a single value (a level of a grid or ensemble)
            ax.text(lo, y + 0.32, human(row["lower"], 3), ha="center", va="bottom", fontsize=8)
        else:  # close limits: written apart, left of the low one and right of the high one
            close = hi - lo < 0.12
            ax.text(lo, y + 0.32, human(row["lower"], 3), ha="right" if close else "center",
                    va="bottom", fontsize=8)
            ax.text(hi, y + 0.32, human(row["upper"], 3), ha="left" if close else "center",
                    va="bottom", fontsize=8)
        ax.text(-0.02, y - 0.33, human(row["full_low"], 3), ha="left", va="top", fontsize=7,
                color="#6b7280")
        ax.text(1.02, y - 0.33, human(row["full_high"], 3), ha="right", va="top", fontsize=7,
                color="#6b7280")
        ax.text(1.06, y, f"quasi-p {_p(row['quasi_p'])}", ha="left", va="center", fontsize=9)
    if not rows:
        ax.text(0.5, 0.5, "no parameter is restricted: the box is the whole design",
                ha="center", va="center", fontsize=10, color="#aa3333",
                transform=ax.transAxes)
    ax.set_yticks(np.arange(len(rows)))
    ax.set_yticklabels([shorts[data.parameters.index(row["parameter"])]
                        + (" (log)" if data.distributions[data.parameters.index(
                            row["parameter"])] == "log_uniform" else "")
                        for row in reversed(rows)])
    ax.set_xlim(-0.03, 1.32)
    ax.set_ylim(-0.8, max(len(rows), 1) - 0.3)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1])
    ax.set_xlabel("position in the parameter's full range (0 = low, 1 = high); light bars: "
                  "quasi-p > 0.05, the box holds about\nas many cases without that restriction",
                  fontsize=9)
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="x", alpha=0.3)
    note = "" if result.meets_threshold else f" (below the threshold {result.threshold:g})"
    ax.set_title(f"{data.condition.describe()}: box {result.chosen}"
                 f"{', pasted' if result.pastes else ''}; coverage {b.coverage:.2f}, "
                 f"density {b.density:.2f}{note}, mass {b.mass:.3f} "
                 f"({_share(b.cases, data.cases)} cases, {b.n:,} {data.rows})",
                 fontsize=9, color="#444444")
    fig.suptitle(title or f"PRIM box: {data.name}", fontsize=11)
    save(fig, out)


def _picture_data(path, where, option, aggregate, alpha, threshold, box):
    import importlib.util
    if importlib.util.find_spec("scipy") is None:
        raise BadInput(f"{path}: the PRIM pictures need scipy (Debian's python3-scipy)")
    data = read_cases(path, where or DEFAULT_WHERE, option=option, aggregate=aggregate)
    result = prim(data.X, data.y, alpha=ALPHA if alpha is None else alpha,
                  threshold=THRESHOLD if threshold is None else threshold, box=box, path=path)
    return data, result


def plot_prim_tradeoff(path, out, where=None, option=None, aggregate=None, alpha=None,
                       threshold=None, box=None, title=None, **_):
    """PRIM's peeling trajectory of a sweep or comparison file for the condition `where`
    (default peak_escalation >= 8): coverage against density, coloured by the number of
    restricted parameters, the chosen box marked. BadInput when the condition has no case."""
    data, result = _picture_data(path, where, option, aggregate, alpha, threshold, box)
    draw_tradeoff(data, result, out, title)


def plot_prim_box(path, out, where=None, option=None, aggregate=None, alpha=None,
                  threshold=None, box=None, title=None, **_):
    """PRIM's chosen box for the condition `where` (default peak_escalation >= 8): per
    restricted parameter its limits inside the full range, with the quasi-p-value."""
    data, result = _picture_data(path, where, option, aggregate, alpha, threshold, box)
    draw_box(data, result, out, title)
