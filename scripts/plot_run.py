#!/usr/bin/env python3
"""Plot a Flashpoint results file: escalation over time and cumulative fatalities.

    scripts/plot_run.py RESULTS.h5 -o OUT.png [--title TITLE]

Top panel: the escalation ladder rung per date -- median across runs, with the 50% and 90%
bands (quantiles over runs) -- and, shaded on the right axis, the share of runs in a ceasefire.
Bottom panel: cumulative fatalities per category (median across runs, 90% band).
Exit status 2 when the file is missing or is not a Flashpoint results file.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fp_interpreter  # noqa: E402  (first: may re-execute with an interpreter that has these)

fp_interpreter.ensure(["h5py", "numpy", "matplotlib"])

import argparse  # noqa: E402

import h5py  # noqa: E402
import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

FORMAT = "flashpoint-results"
RUNG_NAMES = {0: "hold", 3: "mobilise", 4: "close crossings", 6: "strike",
              7: "assault posts", 8: "deep strike", 9: "offensive"}
EXIT_BAD_INPUT = 2


class BadInput(Exception):
    pass


def text(value):
    """An HDF5 string (str, bytes, numpy scalar or 1-element array) as str."""
    if isinstance(value, np.ndarray) and value.size == 1:
        value = value.reshape(()).item()
    if isinstance(value, (bytes, np.bytes_)):
        return value.decode("utf-8", "replace")
    return str(value)


def read_results(path):
    if not os.path.exists(path):
        raise BadInput(f"{path}: no such file")
    if not h5py.is_hdf5(path):
        raise BadInput(f"{path}: not an HDF5 file, so not a Flashpoint results file")
    with h5py.File(path, "r") as f:
        fmt = text(f.attrs["format"]) if "format" in f.attrs else None
        if fmt != FORMAT:
            raise BadInput(f"{path}: not a Flashpoint results file "
                           f"(root attribute format is {fmt!r}, expected {FORMAT!r})")
        if "runs" not in f or not isinstance(f["runs"], h5py.Group):
            raise BadInput(f"{path}: no /runs group")
        g = f["runs"]
        needed = ["date", "category", "escalation", "fatalities"]
        absent = [n for n in needed if n not in g]
        if absent:
            raise BadInput(f"{path}: /runs lacks {', '.join(absent)}")
        d = {
            "dates": np.array([text(s) for s in g["date"][()]], dtype="datetime64[D]"),
            "categories": [text(s) for s in g["category"][()]],
            "escalation": g["escalation"][()].astype(np.float64),
            "fatalities": g["fatalities"][()].astype(np.float64),
            "ceasefire": g["ceasefire"][()].astype(np.float64) if "ceasefire" in g else None,
            "scenario": text(f.attrs["scenario_name"]) if "scenario_name" in f.attrs else "",
        }
        version = f.attrs.get("format_version")
    runs, days = d["escalation"].shape if d["escalation"].ndim == 2 else (None, None)
    if runs is None or days != len(d["dates"]):
        raise BadInput(f"{path}: /runs/escalation has shape {d['escalation'].shape}, "
                       f"expected [run, day] with {len(d['dates'])} days")
    if d["fatalities"].shape != (runs, days, len(d["categories"])):
        raise BadInput(f"{path}: /runs/fatalities has shape {d['fatalities'].shape}, "
                       f"expected {(runs, days, len(d['categories']))} [run, day, category]")
    if d["ceasefire"] is not None and d["ceasefire"].shape != (runs, days):
        d["ceasefire"] = None
    if runs == 0 or days == 0:
        raise BadInput(f"{path}: holds no runs or no days")
    if version is not None and int(version) not in (1, 2, 3, 4, 5, 6, 7, 8):
        print(f"warning: {path}: format_version {int(version)}; this script knows versions 1-8",
              file=sys.stderr)
    d["runs"] = runs
    return d


def plot(d, out, title=None):
    dates, esc = d["dates"], d["escalation"]
    x = dates.astype("datetime64[D]").astype("O")  # datetime.date, plotted by matplotlib
    fig, (ax, axf) = plt.subplots(2, 1, figsize=(10, 6), dpi=120, sharex=True,
                                  gridspec_kw={"height_ratios": [1.15, 1]})

    # --- top: escalation ladder, with the ceasefire share behind it
    axc = ax.twinx()
    if d["ceasefire"] is not None:
        share = 100.0 * d["ceasefire"].mean(axis=0)
        axc.fill_between(x, 0, share, step="mid", color="#6baed6", alpha=0.22, lw=0,
                         label="runs in ceasefire (right axis)")
        axc.set_ylabel("runs in ceasefire (%)", color="#3a78a8")
        axc.tick_params(axis="y", colors="#3a78a8")
    axc.set_ylim(0, 100)
    ax.set_zorder(axc.get_zorder() + 1)  # draw the ladder over the shading
    ax.patch.set_visible(False)

    q05, q25, q50, q75, q95 = np.quantile(esc, [0.05, 0.25, 0.5, 0.75, 0.95], axis=0)
    ax.fill_between(x, q05, q95, step="mid", color="#d62728", alpha=0.13, lw=0,
                    label="90% of runs")
    ax.fill_between(x, q25, q75, step="mid", color="#d62728", alpha=0.28, lw=0,
                    label="50% of runs")
    ax.plot(x, q50, drawstyle="steps-mid", color="#a01010", lw=2, label="median")
    ax.plot(x, esc.mean(axis=0), color="#a01010", lw=0.9, ls=":", label="mean")
    ax.set_ylim(-0.3, 9.3)
    ax.set_yticks(range(10))
    ax.set_yticklabels([f"{k} {RUNG_NAMES[k]}" if k in RUNG_NAMES else str(k)
                        for k in range(10)], fontsize=7.5)
    ax.set_ylabel("escalation rung")
    ax.grid(axis="y", color="0.9", lw=0.6)
    handles, labels = ax.get_legend_handles_labels()
    h2, l2 = axc.get_legend_handles_labels()
    ax.legend(handles + h2, labels + l2, loc="lower left", bbox_to_anchor=(0, 1.0),
              fontsize=7.5, ncol=5, frameon=False, borderaxespad=0.2)

    # --- bottom: cumulative fatalities per category
    cum = np.cumsum(d["fatalities"], axis=1)  # [run, day, category]
    lo, med, hi = np.quantile(cum, [0.05, 0.5, 0.95], axis=0)  # [day, category]
    colors = plt.get_cmap("tab10").colors
    order = np.argsort(-med[-1])  # legend from most to fewest deaths
    for k in order:
        c = colors[k % len(colors)]
        axf.fill_between(x, lo[:, k], hi[:, k], color=c, alpha=0.08, lw=0)
        axf.plot(x, med[:, k], color=c, lw=1.8,
                 label=f"{d['categories'][k]} ({med[-1, k]:,.0f})")
    axf.set_ylabel("cumulative deaths")
    axf.set_ylim(bottom=0)
    axf.grid(color="0.92", lw=0.6)
    axf.legend(loc="upper left", fontsize=7.5, ncol=2, frameon=True, framealpha=0.85,
               title="median, 90% band (median at end)", title_fontsize=7.5)

    locator = mdates.AutoDateLocator(minticks=5, maxticks=10)
    axf.xaxis.set_major_locator(locator)
    axf.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    axf.set_xlim(x[0], x[-1])

    if title is None:
        name = d["scenario"] or "Flashpoint"
        title = (f"{name}: {d['runs']} runs, {str(dates[0])} to {str(dates[-1])}")
    fig.suptitle(title, fontsize=11)
    fig.tight_layout()
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    fig.savefig(out)
    plt.close(fig)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("results", help="results file (.h5) written by `flashpoint run`")
    ap.add_argument("-o", "--output", required=True, help="PNG to write")
    ap.add_argument("--title", help="figure title (default: scenario name and number of runs)")
    a = ap.parse_args(argv)
    try:
        d = read_results(a.results)
    except BadInput as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (OSError, KeyError, ValueError) as err:
        print(f"error: {a.results}: cannot read as a Flashpoint results file: {err}",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    plot(d, a.output, a.title)
    print(a.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
