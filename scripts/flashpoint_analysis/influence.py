"""Which parameters of a sweep matter most for an outcome, by one ranking shared by the report
(its "Which parameters matter" section) and the default parameter of `fp-plot sweep-param`.

The measure depends on what the file holds:

  sobol    total-order Sobol index ST of /sensitivity (Jansen's estimator; the share of the
           outcome's variance the parameter explains, interactions included)
  morris   mu* of /sensitivity (Campolongo et al. 2007: the mean absolute elementary effect)
  spearman any other design (grid, random, Latin hypercube, csv): the absolute Spearman rank
           correlation between the parameter's value in each run and the run's outcome (runs
           without a value of the outcome left out; ties get their average rank)

Each parameter's `share` is its measure over the sum of the measures of every parameter
(negative estimates, the sampling noise of a small Sobol sweep, count as 0): the share of the
total that the ranking attributes to it. It is a way to compare parameters within one outcome,
not a variance decomposition (only Sobol's ST is that, and ST of several parameters can add up
to more than 1 when they interact).

    with common.open_results(path) as f:
        r = rank_parameters(f, "fatalities_all")
        r.method, r.parameters[r.order[0]], r.share[r.order[0]]
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .common import BadInput, kind_of, strings, text
from .outcomes import outcome_values

# How the report and the pictures name each measure.
MEASURES = {"sobol": "Sobol ST", "morris": "Morris mu*",
            "spearman": "|Spearman rank correlation| over runs"}


@dataclass
class Ranking:
    """The parameters of a sweep ranked by their influence on one outcome."""
    outcome: str
    method: str                 # sobol, morris or spearman (MEASURES names them)
    parameters: list[str]       # dotted paths, in the file's order
    value: np.ndarray           # [parameter] ST, mu* or |rho|; NaN when it has no value
    share: np.ndarray           # [parameter] value / sum of the values (negatives as 0)
    order: list[int]            # parameter indices, most influential first (NaN last)

    @property
    def measure(self) -> str:
        return MEASURES[self.method]

    @property
    def top(self) -> int | None:
        """The most influential parameter, or None when no parameter has a value."""
        return self.order[0] if self.order and np.isfinite(self.value[self.order[0]]) else None


def spearman(x: np.ndarray, y: np.ndarray) -> float:
    """Spearman's rank correlation (scipy.stats.spearmanr: Pearson's on average ranks); NaN
    when either is constant or fewer than 3 pairs remain."""
    if x.size < 3 or np.ptp(x) == 0 or np.ptp(y) == 0:
        return float("nan")
    from scipy.stats import spearmanr  # Debian's python3-scipy (scripts/install_deps.sh)
    return float(spearmanr(x, y).correlation)


def rank_parameters(f, outcome: str, method: str | None = None) -> Ranking:
    """The ranking of the sweep's parameters for `outcome` (module docstring); `method`
    "spearman" forces the rank correlation even where /sensitivity has indices. BadInput when
    the file is not a sweep or lacks the outcome."""
    if kind_of(f) != "sweep" or "design" not in f or "parameter" not in f["design"]:
        raise BadInput(f"{f.filename}: ranking parameters needs a sweep with a /design")
    params = strings(f["design/parameter"])
    if method is None:
        method = text(f["sensitivity"].attrs.get("method", "")) if "sensitivity" in f else ""
    value = None
    if method in ("sobol", "morris"):
        s = f["sensitivity"]
        outcomes = strings(s["outcome"])
        if outcome in outcomes and strings(s["parameter"]) == params:
            key = "ST" if method == "sobol" else "mu_star"
            value = np.asarray(s[key][outcomes.index(outcome), :], dtype=float)
    if value is None:
        method = "spearman"
        y = outcome_values(f, outcome)
        point = np.asarray(f["runs/design_point"][()], dtype=np.int64)
        x_all = np.asarray(f["design/values"][()], dtype=float)[point]
        ok = np.isfinite(y)
        value = np.array([abs(spearman(x_all[ok, j], y[ok])) for j in range(len(params))])
    positive = np.where(np.isfinite(value), np.maximum(value, 0.0), 0.0)
    total = positive.sum()
    share = positive / total if total > 0 else np.full(len(params), np.nan)
    key = np.where(np.isfinite(value), value, -np.inf)
    order = sorted(range(len(params)), key=lambda j: (-key[j], j))
    return Ranking(outcome=outcome, method=method, parameters=params, value=value, share=share,
                   order=order)
