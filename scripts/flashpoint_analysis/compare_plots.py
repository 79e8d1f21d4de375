"""Pictures of comparison files (docs/experiments.md, "Comparison statistics"): the paired
differences against the status quo, the distribution of an outcome per option, the
robustness table (regret, share of scenarios meeting the thresholds, two probabilities), the
Pareto front, and fan charts of each option side by side.

Each picture is plot_<kind>(path, out, **options), called by scripts/fp-plot:

    plot_forest(path, out, outcome=None)            # the five headline outcomes by default
    plot_distributions(path, out, outcome="fatalities_all")
    plot_robustness(path, out)
    plot_pareto(path, out)                          # with pareto: in the comparison file
    plot_option_fans(path, out, outcome=None)       # keep: series; the ranking outcome's series

Options are always listed by rank (/comparison/rank, 1 = best by the comparison's `rank_by`).
Every function raises common.BadInput (exit code 2 in fp-plot) for a file that is not a
comparison or an unknown outcome.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import colors as mcolors
from matplotlib import patheffects
from matplotlib import ticker

from .common import BadInput, choose, dates, open_results, rank_order, require, require_kind, \
    save, strings, text
from .outcomes import COMPARISON_HEADLINE, human, lower_is_better, outcome_label, \
    outcome_unit, outcome_values

DEFAULT_OUTCOME = "fatalities_all"
_BETTER = "#2a9d4b"
_WORSE = "#c8382c"
_NEUTRAL = "#6b7280"
_STATUS_QUO = "#8a5a00"


@dataclass
class Comparison:
    """What the pictures need of a comparison file (read once, file closed)."""
    path: str
    name: str
    options: list[str]
    outcomes: list[str]
    units: dict[str, str]
    stats: dict[str, np.ndarray]          # [option, outcome] and [option] datasets
    status_quo: str
    rank_by: str
    better: str                            # lower | higher
    confidence: float
    replicates: int
    scenarios: int
    thresholds: str
    option_of_run: np.ndarray | None = None
    values: dict[str, np.ndarray] = field(default_factory=dict)   # outcome -> [run]
    attributes: dict[str, str] = field(default_factory=dict)      # of /comparison, as text
    labels: dict[str, list[str]] = field(default_factory=dict)    # threshold, objective, lever

    @property
    def order(self) -> list[int]:
        """Option indices by rank (best first; ties in file order)."""
        return rank_order(self.stats.get("rank"), len(self.options))

    def column(self, name: str, outcome: str) -> np.ndarray:
        return self.stats[name][:, self.outcomes.index(outcome)]


# The coordinates of /comparison (labels, not statistics).
_COORDINATES = ("option", "outcome", "scenario", "threshold", "objective", "lever")


def _attr(group, name, default=""):
    return text(group.attrs.get(name, default))


def _number(value: str, default: float) -> float:
    try:
        return float(value)
    except ValueError:
        return default


def read_comparison(path: str, picture: str, outcomes: tuple[str, ...] = ()) -> Comparison:
    """Opens a comparison file for `picture`; the per-run values of `outcomes` when asked."""
    with open_results(path) as f:
        require_kind(f, path, ("comparison",), picture)
        g = require(f, path, "comparison", "a comparison file has its statistics there")
        names = strings(g["outcome"])
        stats = {k: np.asarray(g[k][()], dtype=float) for k in g
                 if k not in _COORDINATES}
        c = Comparison(path=path, name=_attr(f, "experiment_name") or path,
                       options=strings(g["option"]), outcomes=names,
                       units={n: outcome_unit(f, n) for n in names},
                       stats=stats, status_quo=_attr(g, "status_quo", "status_quo"),
                       rank_by=_attr(g, "rank_by", "fatalities_all"),
                       better=_attr(g, "better", "lower"),
                       confidence=_number(_attr(g, "confidence", "0.95"), 0.95),
                       replicates=int(_number(_attr(g, "replicates", "0"), 0)),
                       scenarios=int(_number(_attr(g, "scenarios", "1"), 1)),
                       thresholds=_attr(g, "thresholds"),
                       attributes={k: _attr(g, k) for k in g.attrs},
                       labels={k: strings(g[k]) for k in ("threshold", "objective", "lever")
                               if k in g})
        if outcomes:
            c.option_of_run = np.asarray(
                require(f, path, "runs/option", "a comparison file says each run's option "
                        "there")[()], dtype=np.int64)
            for o in outcomes:
                c.values[o] = outcome_values(f, o)
    return c


def _labels(c: Comparison) -> list[str]:
    """Row labels of the options in rank order: '1  mediation'."""
    rank = c.stats.get("rank")
    out = []
    for o in c.order:
        r = rank[o] if rank is not None and np.isfinite(rank[o]) else None
        out.append(f"{int(r)}  {c.options[o]}" if r is not None else c.options[o])
    return out


def _formatter(values) -> ticker.Formatter | None:
    finite = np.abs(np.asarray(values, dtype=float))
    finite = finite[np.isfinite(finite)]
    if finite.size and finite.max() >= 1e5:
        return ticker.FuncFormatter(lambda v, _: human(v))
    return None


def _finish(fig, out, title, default_title):
    if title:
        save(fig, out, title)
    else:
        fig.suptitle(default_title, fontsize=11)
        save(fig, out)


def _subtitle(c: Comparison) -> str:
    runs = c.replicates * c.scenarios
    return (f"{len(c.options)} options x {c.scenarios} scenario{'s' if c.scenarios != 1 else ''}"
            f" x {c.replicates} replicates ({runs} runs per option) on common random numbers; "
            f"ranked by the mean of {c.rank_by} ({c.better} is better)")


# ---------------------------------------------------------------------------------------------
# forest


def plot_forest(path, out, outcome=None, title=None, **_):
    """Paired differences option - status quo with their intervals, one panel per outcome.

    Rows: the options other than the status quo, by rank (best on top). A dot is the mean
    paired difference over matched runs (same seed), the bar its Student-t interval. Green: the
    whole interval is on the better side of zero; red: on the worse side; grey: it contains
    zero (no difference shown at this confidence).
    """
    c = read_comparison(path, "forest")
    if outcome is not None:
        chosen = [choose(outcome, c.outcomes, "outcome", path)]
    else:
        chosen = [o for o in COMPARISON_HEADLINE if o in c.outcomes]
    if c.status_quo not in c.options:
        raise BadInput(f"{path}: the status quo {c.status_quo!r} is not one of the options")
    sq = c.options.index(c.status_quo)
    rows = [o for o in c.order if o != sq]
    if not rows:
        raise BadInput(f"{path}: the comparison has no option besides the status quo")
    labels = [lab for o, lab in zip(c.order, _labels(c)) if o != sq]
    n = len(chosen)
    height = max(3.8, 0.42 * len(rows) + 2.1)
    width = 3.6 * n + 1.8 if n > 1 else 8.0
    fig, axes = plt.subplots(1, n, figsize=(width, height), sharey=True, squeeze=False)
    y = np.arange(len(rows))[::-1]  # rank 1 on top
    for ax, name in zip(axes[0], chosen):
        mean = c.column("diff_mean", name)
        low = c.column("diff_low", name)
        high = c.column("diff_high", name)
        lower = lower_is_better(name)
        for yy, o in zip(y, rows):
            if not np.isfinite(mean[o]):
                ax.text(0, yy, "no value", ha="center", va="center", fontsize=8,
                        color=_NEUTRAL)
                continue
            colour = _NEUTRAL
            if lower is not None and np.isfinite(low[o]) and np.isfinite(high[o]):
                if (high[o] < 0 and lower) or (low[o] > 0 and not lower):
                    colour = _BETTER
                elif (low[o] > 0 and lower) or (high[o] < 0 and not lower):
                    colour = _WORSE
            ax.plot([low[o], high[o]], [yy, yy], color=colour, linewidth=2.2,
                    solid_capstyle="butt")
            ax.plot(mean[o], yy, "o", color=colour, markersize=6.5)
        ax.axvline(0, color="black", linewidth=1)
        # Symmetric limits around zero so that better and worse read the same everywhere.
        extent = np.nanmax(np.abs(np.concatenate([low[rows], high[rows], mean[rows]]))) \
            if np.isfinite(np.concatenate([low[rows], high[rows]])).any() else 1.0
        extent = extent * 1.15 if extent > 0 else 1.0
        ax.set_xlim(-extent, extent)
        fmt = _formatter([extent])
        if fmt is not None:
            ax.xaxis.set_major_formatter(fmt)
        ax.xaxis.set_major_locator(ticker.MaxNLocator(5, symmetric=True))
        unit = c.units.get(name, "")
        direction = {True: "lower is better", False: "higher is better", None: ""}[lower]
        ax.set_title(f"{name}\n({direction})" if direction else name, fontsize=10)
        sq_mean = c.column("mean", name)[sq]
        shown_unit = "" if unit in ("", "1") else (" (share of runs)" if unit == "share"
                                                    else f" ({unit})")
        ax.set_xlabel(f"difference{shown_unit}\nstatus quo: {human(sq_mean)}", fontsize=9)
        ax.grid(axis="x", alpha=0.3)
        ax.tick_params(axis="x", labelsize=8.5)
    axes[0][0].set_yticks(y)
    axes[0][0].set_yticklabels(labels)
    axes[0][0].set_ylim(-0.6, len(rows) - 0.4)
    handles = [plt.Line2D([], [], color=col, marker="o", linewidth=2.2, label=lab)
               for col, lab in ((_BETTER, "better than the status quo"),
                                (_WORSE, "worse than the status quo"),
                                (_NEUTRAL, "interval contains 0"))]
    fig.tight_layout(rect=(0, 0.13 if n > 1 else 0.16, 1, 0.96))
    fig.legend(handles=handles, loc="lower center", ncol=3, frameon=False, fontsize=9,
               bbox_to_anchor=(0.5, 0.045 if n > 1 else 0.06))
    sq_rank = c.stats["rank"][sq] if "rank" in c.stats else np.nan
    caption = (f"dot: mean paired difference option - {c.status_quo} over matched runs; bar: "
               f"its {c.confidence:.0%} interval. {c.status_quo} ranks "
               f"{human(sq_rank)}.")
    caption += "\n" + _subtitle(c) if n == 1 else " " + _subtitle(c)
    fig.text(0.5, 0.0, caption, ha="center", va="bottom", fontsize=8.5, color="#444444")
    _finish(fig, out, title, f"{c.name}: each option against {c.status_quo}")


# ---------------------------------------------------------------------------------------------
# distributions


def _wilson(successes: int, n: int, confidence: float) -> tuple[float, float]:
    """Wilson score interval, from scipy (the engine computes the same, wilson_interval)."""
    if n == 0:
        return np.nan, np.nan
    from scipy.stats import binomtest
    ci = binomtest(successes, n).proportion_ci(confidence_level=confidence, method="wilson")
    return float(ci.low), float(ci.high)


def plot_distributions(path, out, outcome=None, title=None, **_):
    """The outcome's distribution over the runs of each option (rows by rank, best on top).

    A violin (the density of the runs' values), a thick bar from the 25th to the 75th
    percentile, a thin line from the 5th to the 95th, a white line at the median and a diamond
    at the mean. Outcomes that are 0 or 1 in every run (reached_rung8, ceasefire_within_30d) are
    drawn as the share of runs with 1 and its Wilson interval instead. Runs without a value
    (ceasefire_within_30d in runs without armed conflict) are left out and counted.
    """
    name = outcome or DEFAULT_OUTCOME
    c = read_comparison(path, "distributions", (name,))  # BadInput for an unknown outcome
    values = c.values[name]
    unit = c.units.get(name) or ""
    groups = [values[(c.option_of_run == o) & np.isfinite(values)] for o in c.order]
    missing = [int(((c.option_of_run == o) & ~np.isfinite(values)).sum()) for o in c.order]
    finite = values[np.isfinite(values)]
    if not finite.size:
        raise BadInput(f"{path}: outcome {name!r} has no value in any run")
    binary = bool(np.isin(finite, (0.0, 1.0)).all())
    labels = _labels(c)
    labels = [f"{lab}  (n={g.size})" if m else lab for lab, g, m in zip(labels, groups, missing)]
    fig, ax = plt.subplots(figsize=(9, max(3.4, 0.55 * len(groups) + 1.6)))
    y = np.arange(len(groups))[::-1]
    sq = c.options.index(c.status_quo) if c.status_quo in c.options else -1
    colours = [_STATUS_QUO if o == sq else "#3b6fb6" for o in c.order]
    if binary:
        for yy, g, col in zip(y, groups, colours):
            if not g.size:
                continue
            p = g.mean()
            lo, hi = _wilson(int(g.sum()), g.size, c.confidence)
            ax.barh(yy, p, 0.6, color=col, alpha=0.55)
            ax.plot([lo, hi], [yy, yy], color="black", linewidth=1.4)
            ax.plot(p, yy, "D", color="black", markersize=5)
            ax.text(1.02, yy, f"{p:.2f} [{lo:.2f}, {hi:.2f}]", va="center", fontsize=8.5)
        ax.set_xlim(0, 1.27)
        ax.set_xticks(np.linspace(0, 1, 6))
        ax.axvline(1.0, color="black", linewidth=0.8)
        ax.set_xlabel(f"{name}: share of runs with 1 ({c.confidence:.0%} Wilson interval)")
        handles = [plt.Line2D([], [], color="black", marker="D", linestyle="none",
                              label="share of runs (= mean)"),
                   plt.Line2D([], [], color="black", linewidth=1.4, label="Wilson interval")]
    else:
        varied = [i for i, g in enumerate(groups) if g.size and np.ptp(g) > 0]
        if varied:
            parts = ax.violinplot([groups[i] for i in varied], positions=y[varied], vert=False,
                                  widths=0.8, showextrema=False, showmedians=False)
            for body, i in zip(parts["bodies"], varied):
                body.set_facecolor(colours[i])
                body.set_edgecolor(colours[i])
                body.set_alpha(0.35)
        for yy, g, col in zip(y, groups, colours):
            if not g.size:
                continue
            p05, p25, p50, p75, p95 = np.percentile(g, [5, 25, 50, 75, 95])
            ax.plot([p05, p95], [yy, yy], color=col, linewidth=1.2)
            ax.plot([p25, p75], [yy, yy], color=col, linewidth=6, solid_capstyle="butt")
            ax.plot([p50, p50], [yy - 0.11, yy + 0.11], color="white", linewidth=2,
                    path_effects=[patheffects.withStroke(linewidth=3.6, foreground=col)])
            ax.plot(g.mean(), yy, "D", color="black", markersize=5.5, zorder=4)
        ax.set_xlabel(outcome_label(name, unit))
        fmt = _formatter(finite)
        if fmt is not None:
            ax.xaxis.set_major_formatter(fmt)
        handles = [plt.Rectangle((0, 0), 1, 1, color="#3b6fb6", alpha=0.35,
                                 label="density of the runs"),
                   plt.Line2D([], [], color="#3b6fb6", linewidth=6, label="25-75%"),
                   plt.Line2D([], [], color="#3b6fb6", linewidth=1.2, label="5-95%"),
                   plt.Line2D([], [], color="white", marker="|", markersize=11,
                              markeredgewidth=2, linestyle="none", label="median",
                              path_effects=[patheffects.withStroke(linewidth=3.6,
                                                                   foreground="#3b6fb6")]),
                   plt.Line2D([], [], color="black", marker="D", linestyle="none",
                              label="mean")]
    if sq >= 0:
        handles.append(plt.Rectangle((0, 0), 1, 1, color=_STATUS_QUO, alpha=0.55,
                                     label=f"status quo ({c.status_quo})"))
    ax.set_yticks(y)
    ax.set_yticklabels(labels)
    ax.set_ylim(-0.7, len(groups) - 0.3)
    ax.grid(axis="x", alpha=0.3)
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.16 if not binary
                                                                    else -0.14),
              ncol=len(handles), frameon=False, fontsize=8.5)
    note = _subtitle(c)
    if any(missing):
        note += f"\n{sum(missing)} runs without a value left out (n = runs with one)"
    ax.set_title(note, fontsize=8.5, color="#444444")
    _finish(fig, out, title, f"{c.name}: {name} per option")


# ---------------------------------------------------------------------------------------------
# robustness


def plot_robustness(path, out, title=None, **_):
    """A table, one row per option by rank, coloured per column from good (green) to bad (red):
    the mean of the ranking outcome, the maximum and the mean regret over the scenario
    ensemble, the share of scenarios in which the option meets every threshold, P(rung >= 8)
    and P(ceasefire within 30 days) with their Wilson intervals. The thresholds are written
    under the table."""
    c = read_comparison(path, "robustness")
    unit = c.units.get(c.rank_by, "")
    u = "" if unit in ("", "1") else f" ({unit})"
    rank_lower = c.better != "higher"
    conf = f"{c.confidence:.0%}"
    # (title, values, lower is better, text of a cell)
    columns = [
        (f"mean {c.rank_by}{u}\n(ranked by; {c.better} is better)", c.stats.get("rank_value"),
         rank_lower, None),
        (f"max regret{u}\n(worst scenario)", c.stats.get("regret_max"), True, None),
        (f"mean regret{u}\n(over scenarios)", c.stats.get("regret_mean"), True, None),
        (f"worst case{u}\n(Wald maximin)", c.stats.get("worst_case"), rank_lower, None),
        (f"Hurwicz({_number(c.attributes.get('hurwicz_alpha', ''), 0.5):g}){u}\n"
         f"(best/worst mix)", c.stats.get("hurwicz"), rank_lower, None),
        ("share of scenarios\nmeeting thresholds", c.stats.get("share_meeting_thresholds"),
         False, None),
        (f"P(rung >= 8)\n[{conf} interval]", c.stats.get("p_rung8"), True, "p_rung8"),
        (f"P(ceasefire within 30 d)\n[{conf} interval]", c.stats.get("p_ceasefire_30d"), False,
         "p_ceasefire_30d"),
    ]
    columns = [col for col in columns if col[1] is not None]
    order = c.order
    n_rows, n_cols = len(order), len(columns)
    cmap = plt.get_cmap("RdYlGn")
    rgba = np.ones((n_rows, n_cols, 4))
    texts = [["" for _ in range(n_cols)] for _ in range(n_rows)]
    for j, (_, values, lower, interval) in enumerate(columns):
        v = values[order]
        finite = v[np.isfinite(v)]
        lo, hi = (finite.min(), finite.max()) if finite.size else (0.0, 0.0)
        for i, o in enumerate(order):
            x = values[o]
            if not np.isfinite(x):
                rgba[i, j] = mcolors.to_rgba("#d9d9d9")
                texts[i][j] = "-"
                continue
            if hi == lo:  # every option alike: no better or worse
                rgba[i, j] = mcolors.to_rgba("#eeeeee")
                texts[i][j] = f"{x:.0%}" if "share" in columns[j][0] else human(x)
                if interval:
                    texts[i][j] = _with_interval(c, interval, o, x)
                continue
            goodness = (x - lo) / (hi - lo)
            if lower:
                goodness = 1 - goodness
            rgba[i, j] = cmap(0.15 + 0.7 * goodness)  # avoid the darkest ends: text stays legible
            if interval:
                texts[i][j] = _with_interval(c, interval, o, x)
            elif "share" in columns[j][0]:
                texts[i][j] = f"{x:.0%}"
            else:
                texts[i][j] = human(x)
    fig_w = 2.0 + 2.05 * n_cols
    fig_h = 1.9 + 0.46 * n_rows
    fig, ax = plt.subplots(figsize=(fig_w, fig_h))
    ax.imshow(rgba, aspect="auto", interpolation="nearest")
    for i in range(n_rows):
        for j in range(n_cols):
            ax.text(j, i, texts[i][j], ha="center", va="center", fontsize=9, color="black")
    ax.set_xticks(np.arange(n_cols))
    ax.set_xticklabels([col[0] for col in columns], fontsize=8.5)
    ax.xaxis.tick_top()
    ax.set_yticks(np.arange(n_rows))
    ax.set_yticklabels(_labels(c), fontsize=9.5)
    sq = c.options.index(c.status_quo) if c.status_quo in c.options else -1
    for label, o in zip(ax.get_yticklabels(), order):
        if o == sq:
            label.set_fontweight("bold")
    ax.set_xticks(np.arange(n_cols + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(n_rows + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="white", linewidth=2)
    ax.tick_params(which="both", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    thresholds = c.thresholds.strip() or "none (every option meets them in every scenario)"
    ax.set_xlabel(
        f"thresholds, on each scenario's means: {thresholds}\n"
        f"regret: how much worse the option's scenario mean of {c.rank_by} is than the best "
        f"option's in that scenario ({c.scenarios} scenario{'s' if c.scenarios != 1 else ''})"
        f"\ncolours per column, green = best, red = worst, grey = all alike; bold: the status "
        f"quo "
        f"({c.status_quo})", fontsize=8.5, labelpad=10, color="#333333")
    # A title on the axes stays clear of the column headers above the table.
    ax.set_title(title or f"{c.name}: robustness of the options ({c.replicates} replicates per "
                          f"option and scenario)", fontsize=11, pad=8)
    save(fig, out)


def _with_interval(c: Comparison, name: str, o: int, x: float) -> str:
    """'0.04 [0.01, 0.20]': a probability with its Wilson interval from the file."""
    low = c.stats.get(f"{name}_low")
    high = c.stats.get(f"{name}_high")
    if low is None or high is None or not np.isfinite(low[o]):
        return f"{x:.2f}"
    return f"{x:.2f} [{low[o]:.2f}, {high[o]:.2f}]"


# ---------------------------------------------------------------------------------------------
# pareto


def plot_pareto(path, out, title=None, **_):
    """The options on the first two objectives of the comparison's Pareto front (`pareto:`,
    /comparison/pareto_value): every option a dot, the non-dominated ones (pareto_rank 1) joined
    by a step line and labelled, the dots' shade by the share of scenarios in which the option is
    on its scenario's front, the status quo marked. Needs a comparison file with `pareto:`."""
    c = read_comparison(path, "pareto")
    objectives = c.labels.get("objective", [])
    values = c.stats.get("pareto_value")
    rank = c.stats.get("pareto_rank")
    if not objectives or values is None or rank is None:
        raise BadInput(f"{path}: no Pareto front in /comparison (pareto needed: the comparison "
                       f"file's `pareto:` lists the objectives; docs/experiments.md, \"Exploring "
                       f"levers\")")
    share = c.stats.get("pareto_share", np.full(len(c.options), np.nan))
    directions = {}
    for entry in c.attributes.get("pareto", "").split("; "):
        name, _, better = entry.rpartition(" (")
        directions[name] = better.rstrip(")") or "lower"
    x_name, y_name = objectives[0], objectives[1]
    x, y = values[:, 0], values[:, 1]
    ok = np.isfinite(x) & np.isfinite(y)
    front = ok & (rank == 1)
    fig, ax = plt.subplots(figsize=(9.5, 6.4))
    cmap = plt.get_cmap("viridis_r")
    shade = np.where(np.isfinite(share), share, 0.0)
    others = ok & ~front
    ax.scatter(x[others], y[others], s=36, c=[cmap(v) for v in shade[others]],
               edgecolors="#555555", linewidths=0.5, alpha=0.75, label="dominated options")
    ax.scatter(x[front], y[front], s=90, c=[cmap(v) for v in shade[front]], marker="D",
               edgecolors="black", linewidths=1.0, zorder=3, label="Pareto front (rank 1)")
    idx = np.flatnonzero(front)
    if idx.size:
        order = idx[np.argsort(x[idx])]
        ax.step(x[order], y[order], where="post", color="black", linewidth=1.0, alpha=0.6,
                zorder=2)
        # Options at (nearly) the same point, within 1% of each axis's span, share one label.
        span_x = max(np.ptp(x[ok]), 1e-12)
        span_y = max(np.ptp(y[ok]), 1e-12)
        places: list[tuple[float, float, list[int]]] = []
        for o in order:
            for px, py, group in places:
                if abs(x[o] - px) <= 0.01 * span_x and abs(y[o] - py) <= 0.01 * span_y:
                    group.append(o)
                    break
            else:
                places.append((float(x[o]), float(y[o]), [o]))
        for px, py, group in places:
            ax.annotate("\n".join(c.options[o] for o in group), (px, py),
                        textcoords="offset points", xytext=(6, 6), fontsize=8,
                        path_effects=[patheffects.withStroke(linewidth=3, foreground="white")])
    sq = c.options.index(c.status_quo) if c.status_quo in c.options else -1
    if sq >= 0 and ok[sq]:
        ax.scatter([x[sq]], [y[sq]], s=220, facecolors="none", edgecolors=_STATUS_QUO,
                   linewidths=2.0, zorder=4, label=f"status quo ({c.status_quo})")
    for axis, name in ((ax.xaxis, x_name), (ax.yaxis, y_name)):
        fmt = _formatter(values[:, objectives.index(name)])
        if fmt is not None:
            axis.set_major_formatter(fmt)
    for setter, name in ((ax.set_xlabel, x_name), (ax.set_ylabel, y_name)):
        setter(f"{outcome_label(name, c.units.get(name, ''))}, mean over runs "
               f"({directions.get(name, 'lower')} is better)")
    ax.grid(True, color="#e5e5e5")
    sm = plt.cm.ScalarMappable(cmap=cmap, norm=mcolors.Normalize(0, 1))
    bar = fig.colorbar(sm, ax=ax, fraction=0.04, pad=0.02)
    bar.set_label("share of scenarios in which the option is on the front")
    bar.ax.yaxis.set_major_formatter(ticker.PercentFormatter(1.0))
    ax.legend(loc="best", fontsize=8)
    more = f"; {len(objectives) - 2} more objective(s) not drawn" if len(objectives) > 2 else ""
    ax.set_title(title or f"{c.name}: {int(front.sum())} of {len(c.options)} options on the "
                          f"Pareto front{more}", fontsize=11)
    save(fig, out)


# ---------------------------------------------------------------------------------------------
# option-fans

# At most this many options get a column; the rest are named under the title.
MAX_FAN_OPTIONS = 8


def _daily_series(f, path: str, name: str):
    """The daily series of /runs behind an outcome, as (panel title, unit, [run, day]), or None
    when the outcome has none besides the escalation rung (peak_escalation, conflict_days,
    reached_rung8, ...: the escalation row shows them)."""
    from .run_plots import series
    base, _, label = name.partition("[")
    label = label.rstrip("]")

    def by_category(variable):
        data = series(f, path, variable)  # [run, day, category]
        if not label:
            return data.sum(axis=2)
        categories = strings(f["runs/category"])
        if label not in categories:
            return None
        return data[:, :, categories.index(label)]

    if base in ("fatalities_all", "fatalities_total"):
        data = by_category("fatalities")
        what = "deaths" + (f" ({label})" if label else "")
        return (None if data is None else
                (f"{what}, cumulative since day 0", "deaths", np.cumsum(data, axis=1)))
    if base in ("injured_all", "injured_total") and "runs/injured" in f:
        data = by_category("injured")
        what = "injured" + (f" ({label})" if label else "")
        return (None if data is None else
                (f"{what}, cumulative since day 0", "people", np.cumsum(data, axis=1)))
    if base == "attacks":
        return ("armed-group attacks, cumulative", "attacks",
                np.cumsum(series(f, path, "attacks_daily"), axis=1))
    if base in ("trade_lost_usd", "exports_lost_usd"):
        return "trade across the border", "USD/day", series(f, path, "trade_flow_usd")
    if base == "peak_displaced" and "runs/displaced" in f:
        return "people displaced (all states)", "people", \
            series(f, path, "displaced").sum(axis=2)
    if base == "returnees" and "runs/returnees_daily" in f:
        return "refugees returned, cumulative", "people", \
            np.cumsum(series(f, path, "returnees_daily").sum(axis=2), axis=1)
    return None


def plot_option_fans(path, out, outcome=None, title=None, **_):
    """Small multiples, one column per option by rank: a fan chart (median over the option's
    runs, 50% and 90% bands) of the escalation rung and, in a second row, of the daily series
    behind the ranking outcome (cumulative deaths for fatalities_all; `outcome` chooses
    another), on one y axis per row so that the options compare at a glance. Days on which at
    least half the option's runs had a ceasefire in force are shaded. The status quo's column
    title is brown. At most MAX_FAN_OPTIONS options: the best-ranked ones and the status quo.

    Needs a comparison that kept the daily series (keep: series or events); BadInput "keep:
    series needed" otherwise."""
    from .run_plots import CEASEFIRE_COLOR, FAN_COLORS, ceasefire_spans, date_axis, fan, \
        series, shade_ceasefires
    c = read_comparison(path, "option-fans")
    name = outcome or c.rank_by
    if outcome is not None:
        name = choose(outcome, c.outcomes, "outcome", path)
    with open_results(path) as f:
        if "series_kept" in f.attrs and int(f.attrs["series_kept"]) == 0:
            raise BadInput(f"{path}: keep: series needed for fan charts per option; this "
                           "comparison kept only the per-run outcomes (root attribute "
                           "series_kept = 0)")
        esc = series(f, path, "escalation")
        ceasefire = series(f, path, "ceasefire")
        second = _daily_series(f, path, name)
        option_of_run = np.asarray(require(f, path, "runs/option", "a comparison file says "
                                           "each run's option there")[()], dtype=np.int64)
        day_dates = dates(f)
    if outcome is not None and second is None:
        raise BadInput(f"{path}: outcome {name!r} has no daily series of its own to draw beside "
                       "the escalation rung (fatalities_*, injured_*, attacks, trade_lost_usd, "
                       "peak_displaced and returnees have one)")
    sq = c.options.index(c.status_quo) if c.status_quo in c.options else -1
    shown = [o for o in c.order if np.any(option_of_run == o)]
    left_out = []
    if len(shown) > MAX_FAN_OPTIONS:
        keep = shown[:MAX_FAN_OPTIONS]
        if sq >= 0 and sq not in keep:
            keep[-1] = sq
        left_out = [o for o in shown if o not in keep]
        shown = keep
    if not shown:
        raise BadInput(f"{path}: holds no runs")
    rows = [("escalation: highest rung of any dyad", "rung", esc, FAN_COLORS["escalation"], True)]
    if second is not None:
        rows.append((*second, "#1f5fa8", False))
    x = day_dates.astype("datetime64[h]")
    x_plot = x.astype("O")
    n = len(shown)
    fig = plt.figure(figsize=(1.0 + 2.35 * n, 1.4 + 2.55 * len(rows)), layout="constrained")
    grid = fig.add_gridspec(len(rows) + 1, n, height_ratios=[0.16] + [1] * len(rows))
    legend_ax = fig.add_subplot(grid[0, :])
    legend_ax.axis("off")
    axes = [[None] * n for _ in rows]
    for i in range(len(rows)):
        for j in range(n):
            share_y = axes[i][0] if j else None
            share_x = axes[0][0] if (i or j) else None
            axes[i][j] = fig.add_subplot(grid[i + 1, j], sharex=share_x, sharey=share_y)
            if j:
                axes[i][j].tick_params(labelleft=False)
            if i < len(rows) - 1:
                axes[i][j].tick_params(labelbottom=False)
    rank = c.stats.get("rank")
    for j, o in enumerate(shown):
        mine = option_of_run == o
        spans = ceasefire_spans(ceasefire[mine], x)
        for i, (what, unit, data, colour, step) in enumerate(rows):
            ax = axes[i][j]
            median = fan(ax, x_plot, data[mine], colour, step=step)
            shade_ceasefires(ax, spans)
            ax.grid(color="0.9", lw=0.6)
            ax.set_axisbelow(True)
            date_axis(ax)
            ax.tick_params(labelsize=7.5)
            if not step:
                ax.text(0.03, 0.95, f"median at the end: {human(median[-1])}",
                        transform=ax.transAxes, fontsize=7.5, va="top", color="#333333")
            if j == 0:
                ax.set_ylabel(f"{what}\n({unit})", fontsize=8.5)
        label = c.options[o]
        r = rank[o] if rank is not None and np.isfinite(rank[o]) else None
        head = f"{int(r)}  {label}" if r is not None else label
        if o == sq:
            head += "\n(status quo)"
        axes[0][j].set_title(head, fontsize=9, color=_STATUS_QUO if o == sq else "black",
                             fontweight="bold" if o == sq else "normal")
    axes[0][0].set_ylim(-0.3, 9.3)
    axes[0][0].set_yticks([0, 3, 6, 8, 9])
    for ax in axes[-1]:
        ax.set_xlim(x_plot[0], x_plot[-1])
    if len(rows) > 1:
        axes[1][0].set_ylim(bottom=0)
        fmt = _formatter(rows[1][2])
        if fmt is not None:
            axes[1][0].yaxis.set_major_formatter(fmt)
    note = _subtitle(c)
    if left_out:
        note += (f"\nshown: the {n} best-ranked options" + (" and the status quo" if sq in shown
                                                            else "")
                 + f"; not shown: {', '.join(c.options[o] for o in left_out)}")
    handles = [plt.Line2D([], [], color="0.35", lw=1.8, label="median over the option's runs"),
               plt.Rectangle((0, 0), 1, 1, color="0.35", alpha=0.45, label="middle 50%"),
               plt.Rectangle((0, 0), 1, 1, color="0.35", alpha=0.18, label="middle 90%"),
               plt.Rectangle((0, 0), 1, 1, color=CEASEFIRE_COLOR, alpha=0.6,
                             label="ceasefire in at least half the option's runs")]
    legend_ax.legend(handles=handles, loc="center", ncol=4, frameon=False, fontsize=8)
    legend_ax.set_title(f"{note}\n{day_dates[0]} to {day_dates[-1]}", fontsize=8.5,
                        color="#444444")
    fig.suptitle(title or f"{c.name}: each option over time", fontsize=11)
    save(fig, out)
