"""Pictures of sweep files (docs/experiments.md): an outcome against a parameter, an outcome's
mean over two parameters, the sensitivity indices, and a scatter matrix of the design.

Each picture is plot_<kind>(path, out, **options), called by scripts/fp-plot:

    plot_sweep_param(path, out, outcome="fatalities_all", parameter=None)  # the most influential
    plot_sweep_heatmap(path, out, outcome="fatalities_all", parameter=None, parameter2=None)
    plot_sensitivity(path, out, outcome=None)        # Sobol or Morris sweeps only
    plot_scatter(path, out, outcome="fatalities_all")

`parameter` is a design parameter's dotted path as in the sweep file
(`actors.PAK.rationality`); its last component (`rationality`) is accepted too when it names
one parameter. Every function raises common.BadInput (exit code 2 in fp-plot) for a file that is
not a sweep, an unknown outcome or parameter, or a sweep without what the picture needs.
"""
from __future__ import annotations

from dataclasses import dataclass

import h5py

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import colors as mcolors
from matplotlib import ticker

from .common import BadInput, choose, open_results, require, require_kind, save, strings, text
from .influence import rank_parameters
from .outcomes import SWEEP_HEADLINE, human, outcome_label, outcome_names, outcome_unit, \
    outcome_values

DEFAULT_OUTCOME = "fatalities_all"
_RUNS = "#9aa5b1"      # single runs
_MEAN = "#1f5fa8"      # means and medians
_BAND = "#7fa7d6"      # spread bands
_S1 = "#1f5fa8"
_ST = "#e07b24"


# ---------------------------------------------------------------------------------------------
# Reading a sweep


@dataclass
class Sweep:
    """What the pictures need of a sweep file (read once, file closed)."""
    path: str
    name: str
    design: str                 # grid, random, latin_hypercube, sobol, morris, csv
    parameters: list[str]       # dotted paths
    values: np.ndarray          # [point, parameter]
    low: np.ndarray             # [parameter]
    high: np.ndarray            # [parameter]
    distributions: list[str]    # [parameter]: uniform, log_uniform, ...
    replicates: int
    point_of_run: np.ndarray    # [run]
    outcomes: list[str]
    y: np.ndarray | None = None  # the chosen outcome [run]
    outcome: str = ""
    unit: str = ""

    @property
    def points(self) -> int:
        return self.values.shape[0]

    def x_of_runs(self, p: int) -> np.ndarray:
        """Parameter p's value in every run."""
        return self.values[self.point_of_run, p]

    def point_means(self) -> np.ndarray:
        """The outcome's mean over each design point's replicates (NaN-skipping, as the
        engine's /design/outcomes/mean)."""
        sums = np.zeros(self.points)
        counts = np.zeros(self.points)
        ok = np.isfinite(self.y)
        np.add.at(sums, self.point_of_run[ok], self.y[ok])
        np.add.at(counts, self.point_of_run[ok], 1)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)

    def log_axis(self, p: int) -> bool:
        return self.distributions[p] == "log_uniform" and self.low[p] > 0


def _attr(group, name, default=""):
    return text(group.attrs.get(name, default))


def read_sweep(path: str, picture: str, outcome: str | None = None) -> Sweep:
    """Opens a sweep file for `picture`, with the outcome's per-run values when asked."""
    with open_results(path) as f:
        require_kind(f, path, ("sweep",), picture)
        require(f, path, "design/values", "a sweep file has its design there")
        require(f, path, "runs/design_point", "a sweep file says each run's design point there")
        design = f["design"]
        parameters = strings(design["parameter"])
        if not parameters:
            raise BadInput(f"{path}: the sweep has no parameters")
        dists = [d.strip() for d in _attr(design, "distributions").split(",")]
        if len(dists) != len(parameters):
            dists = ["uniform"] * len(parameters)
        try:
            replicates = int(float(_attr(design, "replicates", "1")))
        except ValueError:
            replicates = 1
        s = Sweep(path=path, name=_attr(f, "experiment_name") or path,
                  design=_attr(design, "kind"), parameters=parameters,
                  values=np.asarray(design["values"][()], dtype=float),
                  low=np.asarray(design["low"][()], dtype=float),
                  high=np.asarray(design["high"][()], dtype=float),
                  distributions=dists, replicates=max(1, replicates),
                  point_of_run=np.asarray(f["runs/design_point"][()], dtype=np.int64),
                  outcomes=outcome_names(f))
        if outcome is not None:
            s.outcome = choose(outcome, s.outcomes, "outcome", path)
            s.unit = outcome_unit(f, s.outcome)
            s.y = outcome_values(f, s.outcome)
            if not np.isfinite(s.y).any():
                raise BadInput(f"{path}: outcome {s.outcome!r} has no value in any run "
                               "(e.g. no run reached armed conflict)")
    return s


def short_names(paths: list[str]) -> list[str]:
    """The shortest unambiguous tails of dotted paths: 'actors.PAK.rationality' ->
    'rationality', unless another parameter ends the same ('PAK.rationality' then)."""
    parts = [p.split(".") for p in paths]
    out = []
    for i, pi in enumerate(parts):
        for n in range(1, len(pi) + 1):
            tail = ".".join(pi[-n:])
            if all(".".join(pj[-n:]) != tail for j, pj in enumerate(parts) if j != i):
                break
        out.append(tail)
    return out


def choose_parameter(s: Sweep, name: str | None, default: int = 0) -> int:
    """The index of parameter `name` (a full path or an unambiguous last component)."""
    if name is None:
        return default
    if name in s.parameters:
        return s.parameters.index(name)
    shorts = short_names(s.parameters)
    if name in shorts:
        return shorts.index(name)
    return s.parameters.index(choose(name, s.parameters, "parameter", s.path))


def _param_axis_label(s: Sweep, p: int) -> str:
    return s.parameters[p] + (" (log scale)" if s.log_axis(p) else "")


def _value_formatter(values: np.ndarray) -> ticker.Formatter | None:
    """Tick labels like 35.9m for large values, None (matplotlib's own) otherwise."""
    finite = np.abs(values[np.isfinite(values)])
    if finite.size and finite.max() >= 1e5:
        return ticker.FuncFormatter(lambda v, _: human(v))
    return None


def _apply_formatter(axis, values):
    fmt = _value_formatter(values)
    if fmt is not None:
        axis.set_major_formatter(fmt)


def _log_axis(axis, set_scale) -> None:
    """A logarithmic axis with plain tick labels at 1, 2 and 5 times powers of ten (0.01, 0.02,
    0.05, ...) rather than 10^-2 in mathtext."""
    set_scale("log")
    axis.set_major_locator(ticker.LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    axis.set_major_formatter(ticker.FuncFormatter(lambda v, _: human(v)))
    axis.set_minor_formatter(ticker.NullFormatter())


def _finish(fig, out, title, default_title):
    if title:
        save(fig, out, title)
    else:
        fig.suptitle(default_title, fontsize=11)
        save(fig, out)


# ---------------------------------------------------------------------------------------------
# sweep-param


def plot_sweep_param(path, out, outcome=None, parameter=None, title=None, **_):
    """An outcome per run against one parameter's value.

    With several replicates per design point: every run as a grey dot, each point's mean as a
    blue dot with a vertical bar over its replicates' range; when the design has few distinct
    values of the parameter (a grid), a line through the mean at each value and a band from the
    5th to the 95th percentile of the runs there. With one run per point: the runs, the median
    of bins of the parameter (equal counts) and a 5-95% band.

    Without `parameter`: the parameter that influences the outcome most (influence.py), as the
    title says.
    """
    s = read_sweep(path, "sweep-param", outcome or DEFAULT_OUTCOME)
    chosen_by = ""
    if parameter is None:
        # The most influential parameter for this outcome (influence.py: Sobol ST, Morris mu*,
        # else |Spearman| over runs), as the report ranks them.
        with open_results(path) as f:
            ranking = rank_parameters(f, s.outcome)
        p = ranking.top if ranking.top is not None else 0
        chosen_by = (f" (the most influential by {ranking.measure})" if ranking.top is not None
                     else " (the first parameter: no parameter's influence could be measured)")
    else:
        p = choose_parameter(s, parameter)
    x_run = s.x_of_runs(p)
    ok = np.isfinite(s.y)
    fig, ax = plt.subplots(figsize=(8.5, 5.2))
    distinct = np.unique(s.values[:, p])
    grouped = len(distinct) <= 12 and len(distinct) < s.points
    if s.replicates == 1 or not grouped:
        ax.scatter(x_run[ok], s.y[ok], s=9, color=_RUNS, alpha=0.6, linewidths=0,
                   label=f"runs ({ok.sum()})", zorder=1)
    if s.replicates > 1:
        means = s.point_means()
        lo = np.full(s.points, np.nan)
        hi = np.full(s.points, np.nan)
        for q in range(s.points):
            yq = s.y[(s.point_of_run == q) & ok]
            if yq.size:
                lo[q], hi[q] = yq.min(), yq.max()
        xp = s.values[:, p]
        if grouped:
            # Several points per value: spread them a little so that their bars stay apart.
            offsets = np.zeros(s.points)
            span = (np.log10(distinct[-1] / distinct[0]) if s.log_axis(p)
                    else distinct[-1] - distinct[0]) if len(distinct) > 1 else 1.0
            width = 0.25 * span / max(len(distinct), 1)
            for v in distinct:
                idx = np.flatnonzero(xp == v)
                if len(idx) > 1:
                    offsets[idx] = np.linspace(-width, width, len(idx))
            xp = (xp * 10 ** offsets) if s.log_axis(p) else xp + offsets
            ax.scatter(xp[s.point_of_run][ok], s.y[ok], s=9, color=_RUNS, alpha=0.6,
                       linewidths=0, zorder=1,
                       label=f"runs ({ok.sum()}); the points of one value side by side")
        good = np.isfinite(means)
        ax.vlines(xp[good], lo[good], hi[good], color=_MEAN, alpha=0.45, linewidth=1.6,
                  label=f"range of a point's {s.replicates} replicates", zorder=2)
        ax.scatter(xp[good], means[good], s=22, color=_MEAN, zorder=3,
                   label="mean of a design point")
        if grouped:
            centre, band_lo, band_hi = [], [], []
            for v in distinct:
                yv = s.y[(x_run == v) & ok]
                centre.append(yv.mean() if yv.size else np.nan)
                band_lo.append(np.percentile(yv, 5) if yv.size else np.nan)
                band_hi.append(np.percentile(yv, 95) if yv.size else np.nan)
            ax.fill_between(distinct, band_lo, band_hi, color=_BAND, alpha=0.25, linewidth=0,
                            label="5-95% of the runs at the value", zorder=0)
            ax.plot(distinct, centre, color=_MEAN, linewidth=1.8,
                    label="mean of the runs at the value", zorder=2)
    else:
        xs, ys = x_run[ok], s.y[ok]
        if grouped:
            centres = distinct
            groups = [ys[xs == v] for v in distinct]
        else:
            bins = int(np.clip(round(len(xs) / 10), 4, 12))
            edges = np.quantile(xs, np.linspace(0, 1, bins + 1))
            which = np.clip(np.searchsorted(edges, xs, side="right") - 1, 0, bins - 1)
            centres = np.array([np.median(xs[which == b]) if (which == b).any() else np.nan
                                for b in range(bins)])
            groups = [ys[which == b] for b in range(bins)]
        keep = np.array([g.size > 0 for g in groups]) & np.isfinite(centres)
        centres = np.asarray(centres)[keep]
        groups = [g for g, k in zip(groups, keep) if k]
        ax.fill_between(centres, [np.percentile(g, 5) for g in groups],
                        [np.percentile(g, 95) for g in groups], color=_BAND, alpha=0.3,
                        linewidth=0, zorder=0,
                        label="5-95% of the runs " + ("at the value" if grouped else "in the bin"))
        ax.plot(centres, [np.median(g) for g in groups], color=_MEAN, linewidth=2,
                marker="o", markersize=4,
                label="median of the runs in the bin" if not grouped else "median at the value",
                zorder=2)
    if s.log_axis(p):
        _log_axis(ax.xaxis, ax.set_xscale)
    ax.set_xlabel(_param_axis_label(s, p))
    ax.set_ylabel(outcome_label(s.outcome, s.unit))
    _apply_formatter(ax.yaxis, s.y)
    ax.grid(alpha=0.3)
    # Under the axes, where it covers no data.
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3,
              frameon=False)
    missing = int((~ok).sum())
    note = f"{s.design} design, {s.points} points x {s.replicates} replicate" \
           f"{'s' if s.replicates > 1 else ''}"
    if missing:
        note += f"; {missing} runs without a value left out"
    ax.set_title(note, fontsize=9, color="#444444")
    _finish(fig, out, title,
            f"{s.outcome} against {short_names(s.parameters)[p]}{chosen_by}: {s.name}")


# ---------------------------------------------------------------------------------------------
# sweep-heatmap


def _cells(values: np.ndarray, log: bool, max_bins: int):
    """How an axis is cut into cells: (index per value, tick positions, tick labels, n, edges).

    Few distinct values, each shared by several design points (a grid, levels, integers): one
    cell per value, labelled by it, and
    edges None. Otherwise bins of equal counts, labelled by their edges."""
    distinct = np.unique(values)
    if len(distinct) <= 12 and 2 * len(distinct) <= len(values):
        index = np.searchsorted(distinct, values)
        return index, np.arange(len(distinct)), [human(v) for v in distinct], len(distinct), \
            None
    n = max_bins
    edges = np.quantile(values, np.linspace(0, 1, n + 1))
    if log:
        edges = np.exp(np.quantile(np.log(values), np.linspace(0, 1, n + 1)))
    edges = np.unique(edges)
    n = len(edges) - 1
    index = np.clip(np.searchsorted(edges, values, side="right") - 1, 0, n - 1)
    return index, np.arange(n + 1) - 0.5, [human(e) for e in edges], n, edges


def plot_sweep_heatmap(path, out, outcome=None, parameter=None, parameter2=None, title=None,
                       **_):
    """The outcome's mean over runs in cells of two parameters (x: parameter, y: parameter2).

    A grid design (or any parameter with at most 12 distinct values, each shared by two or more
    design points) gives one cell per pair of values; otherwise each axis is cut into bins of
    equal counts of design points and each cell holds the mean of the runs whose point falls in
    it (empty cells stay white). Each cell is labelled with its mean and its number of runs;
    for binned axes the design points are drawn on top as white dots."""
    s = read_sweep(path, "sweep-heatmap", outcome or DEFAULT_OUTCOME)
    if len(s.parameters) < 2:
        raise BadInput(f"{path}: the sweep-heatmap picture needs a sweep of at least two "
                       f"parameters; this one has only {s.parameters[0]}")
    px = choose_parameter(s, parameter, 0)
    py = choose_parameter(s, parameter2, 1 if px != 1 else 0)
    if px == py:
        raise BadInput(f"{path}: --parameter and --parameter2 are both {s.parameters[px]}; "
                       "the heat map needs two different parameters")
    max_bins = int(np.clip(round(np.sqrt(s.points / 4)), 3, 8))
    ix, xt, xl, nx, xedges = _cells(s.values[:, px], s.log_axis(px), max_bins)
    iy, yt, yl, ny, yedges = _cells(s.values[:, py], s.log_axis(py), max_bins)
    ok = np.isfinite(s.y)
    sums = np.zeros((ny, nx))
    counts = np.zeros((ny, nx))
    r_ix, r_iy = ix[s.point_of_run], iy[s.point_of_run]
    np.add.at(sums, (r_iy[ok], r_ix[ok]), s.y[ok])
    np.add.at(counts, (r_iy[ok], r_ix[ok]), 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        grid = np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)

    fig, ax = plt.subplots(figsize=(8.2, 6.4))
    xbinned, ybinned = xedges is not None, yedges is not None
    cmap = plt.get_cmap("viridis").copy()
    cmap.set_bad("white")
    finite = grid[np.isfinite(grid)]
    vmin, vmax = (finite.min(), finite.max()) if finite.size else (0, 1)
    if vmin == vmax:
        vmin, vmax = vmin - 0.5, vmax + 0.5
    im = ax.imshow(np.ma.masked_invalid(grid), origin="lower", cmap=cmap, vmin=vmin, vmax=vmax,
                   aspect="auto", interpolation="nearest",
                   extent=(-0.5, nx - 0.5, -0.5, ny - 0.5))
    if nx * ny <= 100:
        norm = mcolors.Normalize(vmin, vmax)
        for j in range(ny):
            for i in range(nx):
                if np.isfinite(grid[j, i]):
                    shade = cmap(norm(grid[j, i]))
                    light = 0.299 * shade[0] + 0.587 * shade[1] + 0.114 * shade[2]
                    ax.text(i, j, f"{human(grid[j, i])}\nn={int(counts[j, i])}", ha="center",
                            va="center", fontsize=7.5 if nx * ny > 36 else 9,
                            color="black" if light > 0.55 else "white")
    if xbinned or ybinned:
        # Where the design points lie inside the cells (spread a little inside a value's cell).
        rng = np.random.default_rng(0)
        xs = _within(s.values[:, px], xedges) if xbinned else \
            ix + rng.uniform(-0.3, 0.3, ix.size)
        ys = _within(s.values[:, py], yedges) if ybinned else \
            iy + rng.uniform(-0.3, 0.3, iy.size)
        ax.scatter(xs, ys, s=5, color="white", edgecolors="black", linewidths=0.3, alpha=0.7)
    ax.set_xticks(xt)
    ax.set_xticklabels(xl, rotation=0 if len(xl) <= 8 else 45, ha="center" if len(xl) <= 8
                       else "right", fontsize=8.5)
    ax.set_yticks(yt)
    ax.set_yticklabels(yl, fontsize=8.5)
    ax.set_xlim(-0.5, nx - 0.5)
    ax.set_ylim(-0.5, ny - 0.5)
    ax.set_xlabel(s.parameters[px] + (" (bins of equal counts)" if xbinned else ""))
    ax.set_ylabel(s.parameters[py] + (" (bins of equal counts)" if ybinned else ""))
    bar = fig.colorbar(im, ax=ax, fraction=0.05, pad=0.03)
    bar.set_label(f"mean {outcome_label(s.outcome, s.unit)} over the cell's runs")
    _apply_formatter(bar.ax.yaxis, np.array([vmin, vmax]))
    others = [n for k, n in enumerate(short_names(s.parameters)) if k not in (px, py)]
    note = f"{s.design} design, {s.points} points x {s.replicates} replicate" \
           f"{'s' if s.replicates > 1 else ''}"
    if others:
        note += f"; averaged over {', '.join(others)}"
    if xbinned or ybinned:
        note += "; white dots: the design points"
    ax.set_title(note, fontsize=9, color="#444444")
    shorts = short_names(s.parameters)
    _finish(fig, out, title, f"{s.outcome} over {shorts[px]} and {shorts[py]}: {s.name}")


def _within(v: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Positions of values on an axis whose cell b spans [edges[b], edges[b+1]] as
    [b - 0.5, b + 0.5] (linear inside a cell)."""
    n = len(edges) - 1
    b = np.clip(np.searchsorted(edges, v, side="right") - 1, 0, n - 1)
    width = np.where(edges[b + 1] > edges[b], edges[b + 1] - edges[b], 1.0)
    return b - 0.5 + (v - edges[b]) / width


# ---------------------------------------------------------------------------------------------
# sensitivity


def _sensitivity(path: str):
    f = open_results(path)
    try:
        require_kind(f, path, ("sweep",), "sensitivity")
        if "sensitivity" not in f:
            design = _attr(f["design"], "kind") if "design" in f else "unknown"
            raise BadInput(f"{path}: has no /sensitivity: the sensitivity picture needs a sweep "
                           f"with a sobol or morris design, this one is {design}")
        g = f["sensitivity"]
        data = {k: np.asarray(g[k][()], dtype=float) for k in g
                if isinstance(g[k], h5py.Dataset) and g[k].ndim == 2}
        method = _attr(g, "method")
        outcomes = strings(g["outcome"])
        parameters = strings(g["parameter"])
        confidence = _attr(g, "confidence", "0.95")
        units = dict(zip(outcome_names(f), [outcome_unit(f, n) for n in outcome_names(f)]))
        name = _attr(f, "experiment_name") or path
        runs = int(f["runs/run"].shape[0])
    finally:
        f.close()
    return method, outcomes, parameters, data, confidence, units, name, runs


def _sobol_panel(ax, k, parameters, data, confidence):
    s1, st = data["S1"][k], data["ST"][k]
    lo1, hi1 = data["S1_low"][k], data["S1_high"][k]
    lot, hit = data["ST_low"][k], data["ST_high"][k]
    order = np.argsort(np.where(np.isfinite(st), st, -np.inf))  # largest ST on top
    y = np.arange(len(parameters))
    h = 0.38
    interval = f"{float(confidence):.0%} interval (bootstrap)"
    for row, p in enumerate(order):
        ax.barh(row + h / 2, s1[p] if np.isfinite(s1[p]) else 0, h, color=_S1,
                label="S1 (first order)" if row == 0 else None)
        ax.barh(row - h / 2, st[p] if np.isfinite(st[p]) else 0, h, color=_ST,
                label="ST (total)" if row == 0 else None)
        if not (np.isfinite(s1[p]) or np.isfinite(st[p])):
            ax.text(0.01, row, " no value", va="center", fontsize=8, color="#aa3333",
                    transform=ax.get_yaxis_transform())
        for centre, a, b in ((row + h / 2, lo1[p], hi1[p]), (row - h / 2, lot[p], hit[p])):
            if np.isfinite(a) and np.isfinite(b):
                ax.errorbar((a + b) / 2, centre, xerr=(b - a) / 2, fmt="none", ecolor="black",
                            elinewidth=1, capsize=2.5, label=interval)
                interval = None  # one legend entry
    ax.set_yticks(y)
    ax.set_yticklabels([short_names(parameters)[p] for p in order])
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel("share of the outcome's variance")
    finite = np.concatenate([v[np.isfinite(v)] for v in (s1, st, lo1, hi1, lot, hit)])
    if finite.size:
        ax.set_xlim(min(0.0, finite.min()) - 0.03, max(0.3, finite.max()) * 1.08)
    else:
        _no_value(ax)
    ax.grid(axis="x", alpha=0.3)


def _morris_panel(ax, k, parameters, data, unit):
    mus, sigma = data["mu_star"][k], data["sigma"][k]
    mu = data["mu"][k] if "mu" in data else np.full_like(mus, np.nan)
    order = np.argsort(np.where(np.isfinite(mus), mus, -np.inf))
    h = 0.38
    for row, p in enumerate(order):
        ax.barh(row + h / 2, mus[p] if np.isfinite(mus[p]) else 0, h, color=_S1,
                label="mu* (mean |effect|)" if row == 0 else None)
        ax.barh(row - h / 2, sigma[p] if np.isfinite(sigma[p]) else 0, h, color=_ST,
                label="sigma (spread of effects)" if row == 0 else None)
        if np.isfinite(mu[p]):
            ax.plot(mu[p], row + h / 2, marker="D", color="black", markersize=4,
                    linestyle="none", label="mu (signed mean)" if row == 0 else None)
    ax.set_yticks(np.arange(len(parameters)))
    ax.set_yticklabels([short_names(parameters)[p] for p in order])
    ax.axvline(0, color="black", linewidth=0.8)
    u = "" if unit in ("", "1") else f"{unit} "
    ax.set_xlabel(f"elementary effect ({u}per full range of the parameter)")
    values = np.concatenate([v[np.isfinite(v)] for v in (mus, sigma, mu)])
    if not values.size:
        _no_value(ax)
    else:
        _apply_formatter(ax.xaxis, values)
    ax.grid(axis="x", alpha=0.3)


def _morris_scatter(ax, k, parameters, data, unit):
    mus, sigma = data["mu_star"][k], data["sigma"][k]
    shorts = short_names(parameters)
    cmap = plt.get_cmap("tab10")
    for p in range(len(parameters)):
        if np.isfinite(mus[p]) and np.isfinite(sigma[p]):
            ax.scatter(mus[p], sigma[p], s=45, color=cmap(p % 10), label=shorts[p], zorder=3)
    top = np.nanmax(np.concatenate([mus, sigma, [0.0]]))
    top = top * 1.1 if top > 0 else 1.0
    ax.plot([0, top], [0, top], linestyle="--", color="grey", linewidth=1,
            label="sigma = mu* (interactions or\nnon-linear effect as large\nas the effect)")
    ax.set_xlim(0, top)
    ax.set_ylim(0, top)
    u = "" if unit in ("", "1") else f" ({unit})"
    ax.set_xlabel(f"mu*{u}")
    ax.set_ylabel(f"sigma{u}")
    _apply_formatter(ax.xaxis, np.array([top]))
    _apply_formatter(ax.yaxis, np.array([top]))
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.02, 1.0), framealpha=0.85)


def _no_value(ax):
    ax.text(0.5, 0.5, "no value: the outcome does not vary,\nor has no value in some run",
            transform=ax.transAxes, ha="center", va="center", fontsize=9, color="#aa3333")


def plot_sensitivity(path, out, outcome=None, title=None, **_):
    """Sensitivity indices of a Sobol or Morris sweep, per parameter (largest on top).

    Sobol: paired bars of S1 and ST with their bootstrap intervals. Morris: paired bars of mu*
    and sigma with mu as a diamond, and for one outcome also the mu*-sigma plane. One outcome,
    or the four headline outcomes (peak_escalation, conflict_days, fatalities_all,
    trade_lost_usd) as a 2 x 2 grid when none is given.
    """
    method, outcomes, parameters, data, confidence, units, name, runs = _sensitivity(path)
    if method not in ("sobol", "morris"):
        raise BadInput(f"{path}: /sensitivity has method {method!r}; the picture knows sobol "
                       "and morris")
    if outcome is not None:
        chosen = [choose(outcome, outcomes, "outcome", path)]
    else:
        chosen = [o for o in SWEEP_HEADLINE if o in outcomes] or outcomes[:1]
    k = len(parameters)
    row_height = max(2.4, 0.55 * k + 1.2)
    if len(chosen) == 1:
        o = chosen[0]
        if method == "morris":
            fig, (ax, ax2) = plt.subplots(1, 2, figsize=(13, max(4.8, row_height)),
                                          gridspec_kw={"width_ratios": [1.25, 1]})
            _morris_panel(ax, outcomes.index(o), parameters, data, units.get(o, ""))
            _morris_scatter(ax2, outcomes.index(o), parameters, data, units.get(o, ""))
            ax2.set_title("mu* against sigma", fontsize=10)
        else:
            fig, ax = plt.subplots(figsize=(8.5, max(4.5, row_height)))
            _sobol_panel(ax, outcomes.index(o), parameters, data, confidence)
        ax.set_title(outcome_label(o, units.get(o, "")), fontsize=10)
    else:
        cols = 2
        rows = (len(chosen) + 1) // 2
        fig, axes = plt.subplots(rows, cols, figsize=(14, rows * row_height + 0.8),
                                 squeeze=False)
        for i, o in enumerate(chosen):
            ax = axes[i // cols][i % cols]
            if method == "sobol":
                _sobol_panel(ax, outcomes.index(o), parameters, data, confidence)
            else:
                _morris_panel(ax, outcomes.index(o), parameters, data, units.get(o, ""))
            ax.set_title(outcome_label(o, units.get(o, "")), fontsize=10)
        for j in range(len(chosen), rows * cols):
            axes[j // cols][j % cols].axis("off")
        ax = axes[0][0]
    # One legend for every panel, under them.
    handles, labels = ax.get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=len(labels), fontsize=9,
               frameon=False, bbox_to_anchor=(0.5, 0.0))
    fig.tight_layout(rect=(0, 0.06 if len(chosen) == 1 else 0.04, 1, 0.95))
    what = "Sobol indices" if method == "sobol" else "Morris screening"
    _finish(fig, out, title, f"{what}: {name} ({runs} runs)")


# ---------------------------------------------------------------------------------------------
# scatter


def plot_scatter(path, out, outcome=None, title=None, **_):
    """A scatter matrix of the design: below the diagonal each pair of parameters, one dot per
    design point coloured by the outcome's mean over its replicates; on the diagonal that mean
    against the parameter. Shows where in the design space the outcome is high or low."""
    s = read_sweep(path, "scatter", outcome or DEFAULT_OUTCOME)
    means = s.point_means()
    k = len(s.parameters)
    shorts = short_names(s.parameters)
    size = 2.6 if k > 2 else 3.4
    fig, axes = plt.subplots(k, k, figsize=(size * k + 1.6, size * k + 0.6), squeeze=False)
    finite = means[np.isfinite(means)]
    vmin, vmax = (finite.min(), finite.max()) if finite.size else (0, 1)
    if vmin == vmax:
        vmin, vmax = vmin - 0.5, vmax + 0.5
    norm = mcolors.Normalize(vmin, vmax)
    cmap = plt.get_cmap("viridis")
    dot = float(np.clip(900 / max(s.points, 1), 4, 30))
    ok = np.isfinite(means)
    order = np.argsort(np.where(ok, means, -np.inf))  # highest values drawn last, on top
    order = order[ok[order]]
    mappable = None
    for i in range(k):
        for j in range(k):
            ax = axes[i][j]
            if j > i:
                ax.axis("off")
                continue
            if i == j:
                ax.scatter(s.values[order, j], means[order], c=means[order], cmap=cmap,
                           norm=norm, s=dot, linewidths=0)
                # The outcome's axis on the right, where the upper triangle is empty.
                ax.yaxis.tick_right()
                ax.yaxis.set_label_position("right")
                ax.set_ylabel(s.outcome, fontsize=8)
                _apply_formatter(ax.yaxis, means)
                ax.set_facecolor("#f4f4f4")
            else:
                mappable = ax.scatter(s.values[order, j], s.values[order, i], c=means[order],
                                      cmap=cmap, norm=norm, s=dot, linewidths=0)
                if s.log_axis(i):
                    _log_axis(ax.yaxis, ax.set_yscale)
                if j == 0:
                    ax.set_ylabel(shorts[i], fontsize=9)
                else:
                    ax.tick_params(labelleft=False)
            if s.log_axis(j):
                _log_axis(ax.xaxis, ax.set_xscale)
            if i == k - 1:
                ax.set_xlabel(shorts[j], fontsize=9)
            else:
                ax.tick_params(labelbottom=False)
            ax.tick_params(labelsize=7.5)
            ax.grid(alpha=0.25)
    if mappable is None:
        mappable = plt.cm.ScalarMappable(norm=norm, cmap=cmap)
    bar = fig.colorbar(mappable, ax=axes.ravel().tolist(), fraction=0.03, pad=0.08)
    bar.set_label(f"{outcome_label(s.outcome, s.unit)}, mean of the point's replicates")
    _apply_formatter(bar.ax.yaxis, np.array([vmin, vmax]))
    legend = "\n".join(f"{a} = {b}" for a, b in zip(shorts, s.parameters) if a != b)
    if legend and k > 1:
        axes[0][k - 1].text(1.0, 1.0, legend, transform=axes[0][k - 1].transAxes, ha="right",
                            va="top", fontsize=8, color="#333333")
    note = f"{s.design} design, {s.points} points x {s.replicates} replicate" \
           f"{'s' if s.replicates > 1 else ''}; diagonal: {s.outcome} against the parameter"
    _finish(fig, out, title, f"design of {s.name}, coloured by {s.outcome}\n{note}")
