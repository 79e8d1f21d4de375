"""Pictures of the runs of one results file over time: fan charts and a Goldstein timeline.

    plot_fan(path, out, **options)       fan charts (median, 50% and 90% bands across runs)
    plot_timeline(path, out, **options)  daily Goldstein sum per directed dyad, mean over runs

Both are called by scripts/fp-plot (`fp-plot fan FILE -o OUT.png`, `fp-plot timeline ...`);
docs/analysis.md describes them. They raise common.BadInput when the file cannot be used.
"""
from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .common import RUNG_NAMES, BadInput, dates, events_table, kind_of, open_results, require, save, \
    text

# Colours: one per fan panel, and the ceasefire shading behind every panel.
FAN_COLORS = {"escalation": "#b2182b", "attacks": "#7f3b08", "trade": "#1b7837",
              "displaced": "#5e3c99", "returnees": "#2166ac"}
CEASEFIRE_COLOR = "#c6dbef"
CATEGORY_COLORS = plt.get_cmap("tab10").colors
# Quantiles of the fans: 5-95% (the 90% band), 25-75% (the 50% band) and the median.
QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
BUSIEST_DYADS = 8


# --------------------------------------------------------------------------- shared helpers

def human(value: float, _pos=None) -> str:
    """A tick label for a count or an amount: 950, 12k, 1.5M, 2B."""
    v = abs(value)
    for limit, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if v >= limit:
            s = f"{value / limit:.1f}".rstrip("0").rstrip(".")
            return s + suffix
    return f"{value:g}"


def date_axis(ax) -> None:
    """Calendar dates on the x axis, concise (months, days) and never overlapping."""
    locator = mdates.AutoDateLocator(minticks=4, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    # The offset (bottom right) says the year only: the subtitle gives the full date range.
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(
        locator, offset_formats=["", "%Y", "%Y", "%Y", "%Y", "%Y-%m-%d"]))


def ceasefire_spans(ceasefire: np.ndarray, x: np.ndarray) -> list[tuple]:
    """Spans (start, end) of x covering the days on which at least half the runs had a
    ceasefire in force; `ceasefire` is [run, day] of 0/1. Each day covers [day - 0.5, day + 0.5)."""
    majority = ceasefire.mean(axis=0) >= 0.5
    spans, start = [], None
    half = np.timedelta64(12, "h")
    for i, on in enumerate(majority):
        if on and start is None:
            start = i
        if start is not None and (not on or i == len(majority) - 1):
            end = i if on else i - 1
            spans.append((x[start] - half, x[end] + half))
            start = None
    return spans


def shade_ceasefires(ax, spans) -> None:
    for a, b in spans:
        ax.axvspan(a, b, color=CEASEFIRE_COLOR, alpha=0.45, lw=0, zorder=0)


def fan(ax, x, data: np.ndarray, color, label=None, step=False, faint=False) -> np.ndarray:
    """Draws the median of `data` [run, day] over runs as a line with its 50% and 90% bands;
    returns the median. `faint`: lighter bands, for several fans in one panel."""
    q05, q25, q50, q75, q95 = np.quantile(data, QUANTILES, axis=0)
    kw = {"step": "mid"} if step else {}
    ax.fill_between(x, q05, q95, color=color, alpha=0.07 if faint else 0.15, lw=0, **kw)
    ax.fill_between(x, q25, q75, color=color, alpha=0.2 if faint else 0.35, lw=0, **kw)
    ax.plot(x, q50, color=color, lw=1.8, label=label,
            drawstyle="steps-mid" if step else "default")
    return q50


def pooled_note(f, runs: int) -> str:
    """What the runs of the file are: a run file's replicates, or all runs of an experiment."""
    kind = kind_of(f)
    if kind == "run":
        return f"{runs} runs"
    name = text(f.attrs.get("experiment_name", ""))
    what = "design points" if kind == "sweep" else "options and scenarios"
    return f"{runs} runs of {kind} {name!r}, pooled over all {what}"


def series(f, path: str, name: str) -> np.ndarray:
    """A daily series of /runs as float64, or BadInput when the file kept no series."""
    return require(f, path, f"runs/{name}", "keep: series needed (the fan chart shows the "
                   "daily series; run the experiment with keep: series or events)")[()].astype(
                       np.float64)


# --------------------------------------------------------------------------------- fan chart

def plot_fan(path, out, **options) -> None:
    """Fan charts over the dates of a results file, one panel per quantity.

    Panels: escalation rung (labelled with the ladder's names), cumulative deaths per fatality
    category, armed-group attacks per day, trade across the border (USD/day), people displaced
    (summed over states) and refugees returning per day (summed over states). Each shows the
    median over runs and the bands holding the middle 50% and 90% of runs on each date; days on
    which at least half the runs had a ceasefire in force are shaded on every panel.

    Takes a run file, or a sweep or comparison file that kept the daily series (its runs are
    pooled); otherwise BadInput "keep: series needed". Options: title (default: the scenario's
    name); the others are ignored.
    """
    with open_results(path) as f:
        if "series_kept" in f.attrs and int(f.attrs["series_kept"]) == 0:
            raise BadInput(f"{path}: keep: series needed; this {kind_of(f)} file kept only the "
                           "per-run outcomes (root attribute series_kept = 0)")
        esc = series(f, path, "escalation")
        deaths = series(f, path, "fatalities")  # [run, day, category]
        attacks = series(f, path, "attacks_daily")
        trade = series(f, path, "trade_flow_usd")
        # layout version 2 (docs/output.md): a version-1 file gets empty panels
        displaced = (series(f, path, "displaced").sum(axis=2)
                     if "runs/displaced" in f else None)
        returnees = (series(f, path, "returnees_daily").sum(axis=2)
                     if "runs/returnees_daily" in f else None)
        ceasefire = series(f, path, "ceasefire")
        categories = [text(c) for c in f["runs/category"][()]]
        day_dates = dates(f)
        runs = esc.shape[0]
        record = read_record(f)
        title = options.get("title") or text(f.attrs.get("scenario_name", "")) or "Flashpoint"
        note = pooled_note(f, runs)
    if runs == 0 or esc.shape[1] == 0:
        raise BadInput(f"{path}: holds no runs or no days")

    x = day_dates.astype("datetime64[h]")  # hours, so that spans can start half a day early
    spans = ceasefire_spans(ceasefire, x)
    x_plot = x.astype("O")

    fig = plt.figure(figsize=(13, 11), layout="constrained")
    grid = fig.add_gridspec(4, 2, height_ratios=[0.13, 1, 1, 1])
    legend_ax = fig.add_subplot(grid[0, :])
    legend_ax.axis("off")
    axes = [fig.add_subplot(grid[r, c]) for r in (1, 2, 3) for c in (0, 1)]
    for ax in axes[1:]:
        ax.sharex(axes[0])
    ax_esc, ax_deaths, ax_attacks, ax_trade, ax_displaced, ax_returnees = axes

    # Escalation rung: integers, drawn as steps.
    fan(ax_esc, x_plot, esc, FAN_COLORS["escalation"], step=True)
    ax_esc.set_ylim(-0.3, 9.3)
    ax_esc.set_yticks(range(10))
    ax_esc.set_yticklabels([f"{k} {RUNG_NAMES[k]}" if k in RUNG_NAMES else str(k)
                            for k in range(10)], fontsize=8)
    ax_esc.set_title("Escalation: highest rung of any dyad")
    ax_esc.set_ylabel("rung")

    # Cumulative deaths, one fan per category, the legend ordered by deaths at the end.
    cumulative = np.cumsum(deaths, axis=1)
    medians_end = np.median(cumulative[:, -1, :], axis=0) if len(categories) else []
    for k in np.argsort(-np.asarray(medians_end)):
        color = CATEGORY_COLORS[k % len(CATEGORY_COLORS)]
        fan(ax_deaths, x_plot, cumulative[:, :, k], color, faint=True,
            label=f"{categories[k]} ({medians_end[k]:,.0f})")
    ax_deaths.set_title("Deaths by category, cumulative since day 0")
    ax_deaths.set_ylabel("deaths (cumulative)")
    if categories:
        ax_deaths.legend(loc="upper left", fontsize=7.5, framealpha=0.85,
                         title="category (median at the end)", title_fontsize=7.5)

    fan(ax_attacks, x_plot, attacks, FAN_COLORS["attacks"], step=True)
    ax_attacks.set_title("Armed-group attacks per day")
    ax_attacks.set_ylabel("attacks/day")
    ax_attacks.yaxis.set_major_locator(MaxNLocator(integer=True))

    fan(ax_trade, x_plot, trade, FAN_COLORS["trade"])
    ax_trade.set_title("Trade across the border")
    ax_trade.set_ylabel("USD/day")
    ax_trade.yaxis.set_major_formatter(FuncFormatter(human))

    for ax, data in ((ax_displaced, displaced), (ax_returnees, returnees)):
        if data is None:
            ax.text(0.5, 0.5, "not in this file (results layout version 1)",
                    transform=ax.transAxes, ha="center", va="center", color="0.4")
    if displaced is not None:
        fan(ax_displaced, x_plot, displaced, FAN_COLORS["displaced"])
    ax_displaced.set_title("People displaced inside their state (all states)")
    ax_displaced.set_ylabel("people")
    ax_displaced.yaxis.set_major_formatter(FuncFormatter(human))

    if returnees is not None:
        fan(ax_returnees, x_plot, returnees, FAN_COLORS["returnees"])
    ax_returnees.set_title("Refugees returning home per day (all states)")
    ax_returnees.set_ylabel("people/day")
    ax_returnees.yaxis.set_major_formatter(FuncFormatter(human))

    overlay_record(ax_esc, ax_deaths, record, x, categories, cumulative)

    for ax in axes:
        shade_ceasefires(ax, spans)
        ax.grid(color="0.9", lw=0.6)
        ax.set_axisbelow(True)
        if ax is not ax_esc:
            ax.set_ylim(bottom=0)
        date_axis(ax)
    axes[0].set_xlim(x_plot[0], x_plot[-1])

    grey = "0.35"
    handles = [Line2D([], [], color=grey, lw=1.8, label="median over runs"),
               Patch(color=grey, alpha=0.45, label="middle 50% of runs"),
               Patch(color=grey, alpha=0.18, label="middle 90% of runs"),
               Patch(color=CEASEFIRE_COLOR, alpha=0.6,
                     label="ceasefire in force in at least half the runs")]
    if record:
        handles.append(Line2D([], [], ls="none", marker="D", color=RECORD_COLOR,
                              label="the record (scenario's `record`)"))
    legend_ax.legend(handles=handles, loc="center", ncol=len(handles), frameon=False, fontsize=9)
    legend_ax.set_title(f"{note}, {day_dates[0]} to {day_dates[-1]}", fontsize=9.5)
    save(fig, out, title)


RECORD_COLOR = "#111111"


def read_record(f) -> list[dict]:
    """The scenario's observed record as `flashpoint run` wrote it in /record (results format
    7, when the scenario has one): per item its label, day, rung (events) and observed value
    (figures); [] without one."""
    if "record" not in f or "item" not in f["record"]:
        return []
    g = f["record"]
    labels = [text(v) for v in g["item"][()]]
    day, rung, observed = (g[k][()] for k in ("day", "rung", "observed"))
    return [{"label": labels[k], "day": int(day[k]), "rung": float(rung[k]),
             "observed": float(observed[k])} for k in range(len(labels))]


def overlay_record(ax_esc, ax_deaths, record, x, categories, cumulative) -> None:
    """Each recorded event as a marker at its date and its action's rung on the escalation
    panel, labelled with the action; each recorded figure of cumulative deaths by category
    (fatalities_total[CATEGORY]) as a marker at its date on the deaths panel."""
    days = len(x)
    for item in record:
        if not 0 <= item["day"] < days:
            continue
        when = x[item["day"]].astype("O")
        if np.isfinite(item["rung"]):
            ax_esc.plot([when], [item["rung"]], marker="D", ms=5, color=RECORD_COLOR, zorder=5)
            action = item["label"].split(" ")[2] if item["label"].count(" ") >= 3 else ""
            ax_esc.annotate(action, (when, item["rung"]), xytext=(3, 3),
                            textcoords="offset points", fontsize=6.5, color=RECORD_COLOR)
        elif item["label"].startswith("fatalities_total["):
            category = item["label"][len("fatalities_total["):].split("]")[0]
            if category in categories and np.isfinite(item["observed"]):
                ax_deaths.plot([when], [item["observed"]], marker="D", ms=5, color=RECORD_COLOR,
                               zorder=5)
                ax_deaths.annotate(f"{category} (record)", (when, item["observed"]),
                                   xytext=(3, 3), textcoords="offset points", fontsize=6.5,
                                   color=RECORD_COLOR)


# ---------------------------------------------------------------------------------- timeline

def read_events(f, path: str, picture: str) -> np.ndarray:
    """The /events table, or BadInput when the file kept no events."""
    if "events_kept" in f.attrs and int(f.attrs["events_kept"]) == 0:
        raise BadInput(f"{path}: keep: events needed for the {picture}; this {kind_of(f)} file "
                       "kept no events (root attribute events_kept = 0)")
    return events_table(f, path, f"the {picture} needs the event table /events")[()]


def dyad_labels(events: np.ndarray) -> np.ndarray:
    """'actor>target' per event ('actor>(none)' when the event has no target)."""
    actors = np.char.decode(events["actor"].astype("S"), "utf-8")
    targets = np.char.decode(events["target"].astype("S"), "utf-8")
    targets = np.where(targets == "", "(none)", targets)
    return np.char.add(np.char.add(actors, ">"), targets)


def plot_timeline(path, out, **options) -> None:
    """The daily sum of Goldstein scores per directed dyad (actor>target), mean over runs.

    Every event counts, whoever acted: states, armed groups and mediators alike; a dyad is
    shown only when it has events, and only the 8 busiest (most events) get a line. A day
    without events of a dyad counts as 0 in the mean. Negative is conflict, positive
    cooperation; a zero line marks the difference. When the file has the ceasefire series,
    days with a ceasefire in at least half the runs are shaded.

    Needs /events (BadInput otherwise). Options: run (show that run only instead of the mean),
    title (default: the scenario's name); the others are ignored.
    """
    with open_results(path) as f:
        events = read_events(f, path, "timeline")
        day_dates = dates(f)
        n_runs = int(f["runs/run"].shape[0]) if "runs/run" in f else int(f.attrs.get("runs", 0))
        ceasefire = f["runs/ceasefire"][()].astype(float) if "runs/ceasefire" in f else None
        title = options.get("title") or text(f.attrs.get("scenario_name", "")) or "Flashpoint"
        note = pooled_note(f, n_runs)
    run = options.get("run")
    if run is not None:
        if not 0 <= run < n_runs:
            raise BadInput(f"{path}: no run {run}; the file has runs 0 to {n_runs - 1}")
        events = events[events["run"] == run]
        n_runs_shown, note = 1, f"run {run}"
        if ceasefire is not None:
            ceasefire = ceasefire[run:run + 1]
    else:
        n_runs_shown = n_runs
    if len(events) == 0:
        raise BadInput(f"{path}: no events to show" + (f" in run {run}" if run is not None else ""))
    if n_runs_shown == 0:
        raise BadInput(f"{path}: holds no runs")

    labels = dyad_labels(events)
    dyads, inverse, counts = np.unique(labels, return_inverse=True, return_counts=True)
    busiest = np.argsort(-counts, kind="stable")[:BUSIEST_DYADS]
    days = len(day_dates)
    sums = np.zeros((len(dyads), days))
    np.add.at(sums, (inverse, events["day"]), events["goldstein"])
    mean = sums / n_runs_shown

    x = day_dates.astype("datetime64[h]")
    x_plot = x.astype("O")
    fig, ax = plt.subplots(figsize=(13, 6.5), layout="constrained")
    ax.axhline(0, color="black", lw=0.9, ls="--", zorder=3, label="zero: neutral")
    if ceasefire is not None and ceasefire.shape[-1] == days:
        shade_ceasefires(ax, ceasefire_spans(ceasefire, x))
    colors = plt.get_cmap("tab10").colors
    for i, k in enumerate(busiest):
        total, per_run = mean[k].sum(), counts[k] / n_runs_shown
        n = f"{per_run:,.0f}" if per_run >= 10 else f"{per_run:.2g}"
        ax.plot(x_plot, mean[k], color=colors[i % len(colors)], lw=1.5,
                label=f"{dyads[k]}  ({n}; {total:,.0f})")
    handles, legend_labels = ax.get_legend_handles_labels()
    # the zero line last in the legend
    handles.append(handles.pop(0))
    legend_labels.append(legend_labels.pop(0))
    if ceasefire is not None:
        handles.append(Patch(color=CEASEFIRE_COLOR, alpha=0.6))
        legend_labels.append("ceasefire in force in at least half the runs"
                             if run is None else "ceasefire in force")
    ax.legend(handles, legend_labels, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8.5,
              title="actor>target (per run: events; Goldstein sum)", title_fontsize=8.5,
              frameon=False)
    ax.set_ylabel("Goldstein score, sum over the day's events")
    ax.grid(color="0.9", lw=0.6)
    ax.set_axisbelow(True)
    date_axis(ax)
    ax.set_xlim(x_plot[0], x_plot[-1])
    shown = min(BUSIEST_DYADS, len(dyads))
    what = "mean over runs" if run is None else "one run"
    ax.set_title(f"Daily Goldstein sum per directed dyad, {what} (the {shown} busiest of "
                 f"{len(dyads)} dyads)\n{note}, {day_dates[0]} to {day_dates[-1]}; below 0: "
                 "conflict, above 0: cooperation (Goldstein 1992, -10 to +10 per event)",
                 fontsize=9.5)
    save(fig, out, title)
