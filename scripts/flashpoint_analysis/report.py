"""One self-contained HTML page about a results file (a run, a sweep or a comparison).

    scripts/report FILE -o report.html [--title T]

The page puts the answer first and where the file came from last (SECTIONS, docs/analysis.md
"The HTML report"). A comparison opens with the question it answers, the ranking of the options
(mean, paired difference against the status quo, P(better), robustness) and a few sentences
written from those numbers (findings.py); then the options side by side (fan charts per option,
or their distributions), the forest, the robustness measures with the regret matrix, the Pareto
front, every outcome per option. A sweep opens with the parameters that matter most for the
headline outcomes (influence.py), a run with a summary in sentences. Every picture of
scripts/fp-plot that applies to the file's kind is rendered into memory and embedded as a base64
PNG (a picture that cannot be drawn from this file, e.g. the map of a file that kept no events,
is replaced by a short note saying why). The scenario, the experiment file and the provenance
(scenario, kind, runs, days, dates, master seed, software version, git commit, when it was made,
the command line) come last.

Nothing on the page refers to anything outside it: the CSS is inline, every image is a data:
URL, and the only script is a few inline lines that, once the page has loaded, record whether
every picture decoded, in the attribute data-report-images of <html> ("ok N" or "broken K of N")
and, when one did not, as an error on the console. tests/integration/check_report.py reads it
back from headless Chromium.

Exit status: 0 written; 2 bad input (missing file, not a results file, output folder missing);
1 any other failure, including a picture that failed with an error other than BadInput (the
page is still written, with the error in place of the picture).
"""
from __future__ import annotations

import argparse
import base64
import datetime as _dt
import html
import importlib
import io
import math
import os
import re
import struct
import sys
import traceback

import numpy as np

from .common import EXIT_BAD_INPUT, BadInput, events_table, kind_of, open_results, parameters, \
    strings, text, write_page
from . import findings
from .outcomes import COMPARISON_HEADLINE, SWEEP_HEADLINE, has_per_run_values, \
    lower_is_better, outcome_columns, outcome_definition, outcome_values

KINDS = ("run", "sweep", "comparison", "calibration")
HERE = os.path.dirname(os.path.abspath(__file__))

# The section headings of the page per kind of file, in order: (id, heading). The answer
# first, where the file came from last. The test checks them (tests/integration/check_report.py).
SECTIONS = {
    "run": [("summary", "In short"), ("pictures", "Pictures"), ("outcomes", "Outcomes per run"),
            ("scenario", "Scenario"), ("provenance", "Provenance")],
    "sweep": [("influence", "Which parameters matter"), ("pictures", "Pictures"),
              ("sensitivity", "Sensitivity"), ("outcomes", "Outcomes per run"),
              ("design", "Design"), ("scenario", "Scenario"), ("provenance", "Provenance")],
    "comparison": [("answer", "The answer"), ("each-option", "Each option"),
                   ("comparison", "Against the status quo"), ("robustness", "Robustness"),
                   ("pareto", "Trade-offs: the Pareto front"),
                   ("options", "Every outcome per option"), ("design", "Scenario ensemble"),
                   ("scenario", "Scenario"), ("provenance", "Provenance")],
    "calibration": [("scenario", "Scenario"), ("pictures", "Pictures"),
                    ("posterior", "Posterior"), ("targets", "Targets at the posterior"),
                    ("generations", "Generations"), ("provenance", "Provenance")],
}
# Sections a page has only when it has something to put in them: (id, heading, after which
# section). Scenario discovery (scripts/flashpoint_analysis/discovery.py) and the pictures of
# fp-plot's table that a comparison page does not place in a section of its own.
OPTIONAL_SECTIONS = {
    "sweep": [("discovery", "Scenario discovery", "influence")],
    "comparison": [("more-pictures", "More pictures", "options")],
}
# Where a comparison page puts each picture of fp-plot's table (None: left out: the fan chart
# pools every option's runs, the per-option fans replace it). Pictures not listed go to "More
# pictures", so that a picture added to the table still appears.
COMPARISON_PLACES = {"fan": None, "option-fans": "each-option", "distributions": "each-option",
                     "forest": "comparison", "robustness": "robustness", "pareto": "pareto"}

_COMPARISON_TITLES = {"fatalities_all": "deaths", "conflict_days": "conflict days",
                      "reached_rung8": "P(rung>=8)", "ceasefire_within_30d": "P(ceasefire<=30d)",
                      "trade_lost_usd": "trade lost USD"}


# ---------------------------------------------------------------------------------------------
# The pictures: scripts/fp-plot's table (flashpoint_analysis/pictures.py)


def load_pictures() -> dict:
    """KIND -> (module, function, files it takes, what it shows): scripts/fp-plot's table."""
    return dict(importlib.import_module("flashpoint_analysis.pictures").PICTURES)


def picture_kinds(takes: str) -> tuple[set, str]:
    """The kinds of file a picture takes, from fp-plot's "files it takes" text, and the
    condition in parentheses: "run (events kept)" -> ({"run"}, "events kept")."""
    m = re.match(r"^\s*([^()]*?)\s*(?:\((.*)\))?\s*$", takes)
    words = m.group(1) if m else takes
    kinds = {w.strip() for w in re.split(r"[,/]|\bor\b|\band\b", words) if w.strip()}
    kinds &= set(KINDS)
    condition = (m.group(2) or "") if m else ""
    return (kinds or set(KINDS)), condition


def pictures_for(kind: str, table: dict | None = None) -> list[tuple[str, tuple]]:
    """The pictures of the table that take files of `kind`, in the table's order."""
    table = load_pictures() if table is None else table
    return [(k, v) for k, v in table.items() if kind in picture_kinds(v[2])[0]]


def png_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a PNG from its IHDR chunk, or None when `data` is not a PNG."""
    if len(data) < 24 or data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])


def _short_reason(message: str, path: str) -> str:
    """A BadInput message without the leading "FILE: " (the page says which file it is)."""
    for prefix in (f"{path}: ", f"{os.path.abspath(path)}: "):
        if message.startswith(prefix):
            return message[len(prefix):]
    return message


def render_pictures(path: str, kind: str, options: dict | None = None,
                    skip: set | frozenset = frozenset()) -> tuple[list[dict], int]:
    """Every picture of fp-plot's table for `kind` but those in `skip`, rendered into memory;
    `options` maps a picture to the keyword options it is drawn with (default: none).

    Returns (items, failures): items are dicts with kind, caption, takes and either png (bytes)
    or note (why there is no picture); failures counts pictures that failed with an error
    other than BadInput (a bug, reported on stderr)."""
    items, failures = [], 0
    for key, (module_name, function_name, takes, caption) in pictures_for(kind):
        if key in skip:
            continue
        item = {"kind": key, "caption": caption, "takes": takes}
        buffer = io.BytesIO()
        try:
            module = importlib.import_module(f"flashpoint_analysis.{module_name}")
            getattr(module, function_name)(path, buffer, **(options or {}).get(key, {}))
            data = buffer.getvalue()
            if png_size(data) is None:
                raise RuntimeError(f"{module_name}.{function_name} wrote no PNG "
                                   f"({len(data)} bytes)")
            item["png"] = data
        except BadInput as e:
            item["note"] = _short_reason(str(e), path)
        except Exception as e:  # a bug in a picture: the page says so, the exit status too
            failures += 1
            item["note"] = f"failed: {type(e).__name__}: {e}"
            item["error"] = True
            print(f"report: the {key} picture failed:\n{traceback.format_exc()}", file=sys.stderr)
        finally:
            import matplotlib.pyplot as plt
            plt.close("all")
        items.append(item)
    return items, failures


# ---------------------------------------------------------------------------------------------
# Numbers


# An outcome for the per-run table (as format_summary_table of src/experiment/summary.cpp, but
# millions as 86.9m rather than 8.69e+07), and a comparison value as compare.cpp prints it.
number = findings.number
fmt_value = findings.fmt_value  # as fmt_value of src/experiment/compare.cpp


def fmt_diff(mean: float, low: float, high: float, n: float) -> str:
    """As fmt_diff of src/experiment/compare.cpp: '+4.8 [-0.86, 10.5]'."""
    if not n or not np.isfinite(mean):
        return "-"
    if mean == 0 and low == 0 and high == 0:
        return "0"
    return f"{'+' if mean > 0 else ''}{fmt_value(mean)} [{fmt_value(low)}, {fmt_value(high)}]"


def fmt_index(v: float, digits: str = ".3f") -> str:
    """A sensitivity index: .3f for Sobol, .4g for Morris (as format_sensitivity in
    src/experiment/sweep.cpp), millions as 10.02m."""
    if v is None or not np.isfinite(v):
        return "-"
    if digits.endswith("g") and abs(v) >= 1e6:
        return format(v / 1e6, digits) + "m"
    return format(v, digits)


def fmt_share(v: float) -> str:
    return "-" if v is None or not np.isfinite(v) else f"{100 * v:.0f}%"


def quantiles(values: np.ndarray) -> tuple[int, float, float, float, float]:
    """(n with a value, mean, median, 5th, 95th percentile), NaNs left out; the percentiles
    interpolate linearly between order statistics, as quantile() in summary.cpp."""
    v = values[np.isfinite(values)]
    if v.size == 0:
        return 0, math.nan, math.nan, math.nan, math.nan
    q = np.quantile(v, [0.5, 0.05, 0.95])
    return int(v.size), float(v.mean()), float(q[0]), float(q[1]), float(q[2])


# ---------------------------------------------------------------------------------------------
# Reading the file


def _attr(obj, name, default=""):
    return text(obj.attrs[name]) if name in obj.attrs else default


def _yaml(f, name: str) -> str | None:
    if f"provenance/{name}" not in f:
        return None
    return text(f[f"provenance/{name}"][()])


def provenance(f, path: str) -> list[tuple[str, str]]:
    kind = kind_of(f)
    rows = [("scenario", _attr(f, "scenario_name", "?"))]
    if kind != "run":
        rows.append((kind, _attr(f, "experiment_name", "?")))
    rows.append(("kind of file", kind))
    runs = int(f.attrs.get("runs", 0))
    days = int(f.attrs.get("days", 0))
    rows.append(("runs", f"{runs:,}"))
    start = _attr(f, "start_date")
    end = ""
    if "runs/date" in f and len(f["runs/date"]):
        end = text(f["runs/date"][-1])
    rows.append(("days", f"{days} ({start} to {end})" if start and end else str(days)))
    rows.append(("master seed", _attr(f, "master_seed")))
    rows.append(("software version", _attr(f, "software_version")))
    rows.append(("git commit", _attr(f, "git_commit")))
    rows.append(("created (UTC)", _attr(f, "created_utc")))
    rows.append(("command line", _attr(f, "command_line")))
    rows.append(("scenario file", _attr(f, "scenario_path")))
    if kind != "run":
        rows.append((f"{kind} file", _attr(f, "experiment_path")))
        rows.append(("design hash", _attr(f, "design_hash")))
        kept = []
        for what in ("series", "events"):
            if f"{what}_kept" in f.attrs:
                kept.append(f"{what}: {'yes' if int(f.attrs[f'{what}_kept']) else 'no'}")
        if kept:
            rows.append(("kept", ", ".join(kept)))
    rows.append(("results format", f"{_attr(f, 'format')} version {_attr(f, 'format_version')}"))
    rows.append(("results file", f"{os.path.basename(path)} "
                                 f"({os.path.getsize(path) / 1e6:.2f} MB)"))
    return [(k, v) for k, v in rows if v != ""]


def scenario_counts(f) -> list[tuple[str, str, str]]:
    """(what, how many, which) for actors by role, sectors, districts, crossings, dyads, policies
    and events of the file."""
    states = strings(f["runs/actor"]) if "runs/actor" in f else []
    groups = strings(f["runs/group"]) if "runs/group" in f else []
    actors: list[str] = []
    policies: list[str] = []
    if "provenance" in f:
        for p in parameters(f):
            parts = p.split(".")
            if parts[0] == "actors" and len(parts) > 2 and parts[1] not in actors:
                actors.append(parts[1])
            if parts[0] == "policies" and len(parts) > 2 and parts[1] not in policies:
                policies.append(parts[1])
    for a in states + groups:
        if a not in actors:
            actors.append(a)
    others = [a for a in actors if a not in states and a not in groups]
    geo = f["geography"] if "geography" in f else {}

    def coord(name):
        if name in geo:
            return strings(geo[name])
        if f"runs/{name}" in f:
            return strings(f[f"runs/{name}"])
        return None

    rows = [("actors", str(len(actors)), ", ".join(actors)),
            ("states", str(len(states)), ", ".join(states)),
            ("armed groups", str(len(groups)), ", ".join(groups)),
            ("other actors (mediators, ...)", str(len(others)), ", ".join(others))]
    for name, what in (("sector", "border sectors"), ("district", "districts"),
                       ("crossing", "crossings")):
        labels = coord(name)
        if labels is not None:
            rows.append((what, str(len(labels)), ", ".join(labels)))
    if "runs/dyad" in f:
        dyads = strings(f["runs/dyad"])
        rows.append(("directed dyads", str(len(dyads)), ", ".join(dyads)))
    if "runs/category" in f:
        cats = strings(f["runs/category"])
        rows.append(("fatality categories", str(len(cats)), ", ".join(cats)))
    if policies:
        rows.append(("policies", str(len(policies)), ", ".join(policies)))
    if "events" in f:
        count = events_table(f, f.filename, "events").shape[0]
        rows.append(("events kept", f"{count:,}", "every event of every run"))
    return rows


def outcome_rows(f) -> tuple[list[list[str]], str]:
    """The per-run outcome table (as format_summary_table) and its footer line."""
    rows = []
    runs = int(f["runs/run"].shape[0]) if "runs/run" in f else 0
    if not has_per_run_values(f):
        return rows, ("This file has no /outcomes (it was written by an older flashpoint, "
                      "which did not store each run's outcomes): run it again with this "
                      "version for this table.")
    for name, unit in outcome_columns(f):
        try:
            values = outcome_values(f, name)
        except BadInput:  # an older file without this outcome
            rows.append([name, "-", "-", f"{unit} (not in this file)".strip()])
            continue
        n, _, median, p05, p95 = quantiles(values)
        range_ = f"{number(p05)} - {number(p95)}" if n else "-"
        u = unit if unit not in ("1",) else ""
        if n != runs:
            u = f"{u} ({n} of {runs} runs)".strip()
        expression, _ = outcome_definition(f, name)
        if expression:  # one of the experiment file's own outcomes
            u = f"{u} = {expression}".strip()
        rows.append([name, number(median), range_, u])
    footer = ""
    if runs and "first_ceasefire_day" in f["runs"] and "peak_escalation" in f["runs"]:
        cease = outcome_values(f, "first_ceasefire_day")
        rung8 = outcome_values(f, "reached_rung8")
        footer = (f"runs: {runs} &middot; with a ceasefire: {100 * np.isfinite(cease).mean():.0f}% "
                  f"&middot; reached rung &ge; 8: {100 * np.nanmean(rung8):.0f}%")
    return rows, footer


# ---------------------------------------------------------------------------------------------
# HTML


CSS = """
:root { --ink: #1f2933; --muted: #616e7c; --rule: #d9dee4; --band: #f5f7fa; --accent: #1f5fa8;
        --better: #1e7b3a; --worse: #b3261e; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
       font: 15px/1.45 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; }
header.top { border-bottom: 3px solid var(--accent); padding-bottom: 10px; margin-bottom: 10px; }
h1 { font-size: 26px; margin: 0 0 4px; }
.subtitle { color: var(--muted); margin: 0; }
.glance { margin: 8px 0 0; font-size: 15px; }
nav { margin: 10px 0 6px; font-size: 14px; }
nav a { color: var(--accent); text-decoration: none; margin-right: 14px; }
h2 { font-size: 20px; margin: 30px 0 10px; padding-bottom: 4px;
     border-bottom: 1px solid var(--rule); }
h3 { font-size: 16px; margin: 20px 0 8px; }
table { border-collapse: collapse; margin: 6px 0 10px; font-size: 13.5px; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--rule); vertical-align: top; }
th { text-align: left; background: var(--band); font-weight: 600; }
.scroll { overflow-x: auto; max-width: 100%; }
table.wide th { max-width: 11em; white-space: normal; vertical-align: bottom; }
td .diff { font-size: 12px; color: var(--muted); white-space: nowrap; }
td .diff.better { color: var(--better); } td .diff.worse { color: var(--worse); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.kv th { width: 13em; background: none; color: var(--muted); font-weight: normal; }
table.kv td { word-break: break-word; }
.kvgrid { display: grid; grid-template-columns: max-content 1fr max-content 1fr;
          gap: 3px 14px; font-size: 13.5px; }
.kvgrid .k { color: var(--muted); }
.kvgrid .v { word-break: break-word; }
.kvgrid .k.wide { grid-column: 1; }
.kvgrid .v.wide { grid-column: 2 / span 3; }
td.list { color: var(--muted); font-size: 12.5px; }
code, pre, .mono { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
pre { background: var(--band); border: 1px solid var(--rule); padding: 10px; overflow: auto;
      max-height: 520px; white-space: pre; }
details { margin: 8px 0; }
summary { cursor: pointer; color: var(--accent); }
figure { margin: 18px 0 26px; }
figure img { display: block; max-width: 100%; height: auto; border: 1px solid var(--rule); }
figcaption { color: var(--muted); font-size: 13.5px; margin-top: 6px; }
figcaption b { color: var(--ink); }
.note { border-left: 4px solid #e0a800; background: #fff8e1; padding: 8px 12px; margin: 10px 0;
        font-size: 14px; }
.note.error { border-left-color: var(--worse); background: #fdecea; }
.better { color: var(--better); font-weight: 600; }
.worse { color: var(--worse); font-weight: 600; }
.small { font-size: 13px; color: var(--muted); }
tr.status-quo td { background: #fbf6ea; }
tr.front td { font-weight: 600; }
p.question { font-size: 17px; font-weight: 600; margin: 4px 0 8px; }
ul.findings { margin: 8px 0 12px; padding-left: 22px; }
ul.findings li { margin: 5px 0; max-width: 62em; }
table.answer td:nth-child(2) { font-weight: 600; }
table.heat td { padding: 0; }
table.heat td:first-child { padding: 4px 10px; }
table.heat .cell { display: block; padding: 4px 10px; }
footer { margin-top: 40px; color: var(--muted); font-size: 12.5px;
         border-top: 1px solid var(--rule); padding-top: 8px; }
"""

# Records whether every picture decoded, for tests and curious readers (docs/analysis.md).
SCRIPT = """
window.addEventListener("load", function () {
  var images = document.images, broken = 0;
  for (var i = 0; i < images.length; i++) {
    if (!images[i].complete || images[i].naturalWidth === 0) broken++;
  }
  document.documentElement.setAttribute("data-report-images",
      broken ? "broken " + broken + " of " + images.length : "ok " + images.length);
  if (broken) {
    console.error("report: " + broken + " of " + images.length + " pictures did not load");
  }
});
"""


def esc(s) -> str:
    return html.escape(str(s), quote=True)


def table(header: list[str], rows: list[list[str]], numeric: set[int] = frozenset(),
          classes: str = "", row_classes: list[str] | None = None, raw: bool = False) -> str:
    """An HTML table; cells are escaped unless raw (then they are HTML already)."""
    cell = (lambda c: c) if raw else esc
    out = ['<div class="scroll">', f'<table class="{classes}">' if classes else "<table>",
           "<thead><tr>"]
    out += [f'<th class="num">{cell(h)}</th>' if i in numeric else f"<th>{cell(h)}</th>"
            for i, h in enumerate(header)]
    out.append("</tr></thead><tbody>")
    for r, row in enumerate(rows):
        cls = f' class="{row_classes[r]}"' if row_classes and row_classes[r] else ""
        out.append(f"<tr{cls}>" + "".join(
            f'<td class="num">{cell(c)}</td>' if i in numeric else f"<td>{cell(c)}</td>"
            for i, c in enumerate(row)) + "</tr>")
    out.append("</tbody></table></div>")
    return "".join(out)


_CODE_KEYS = ("command line", "git commit", "design hash", "scenario file", "sweep file",
              "comparison file")
_WIDE_KEYS = ("command line", "scenario file", "sweep file", "comparison file")


def kv_table(rows: list[tuple[str, str]]) -> str:
    body = "".join(f"<tr><th>{esc(k)}</th><td>"
                   f"{'<code>' + esc(v) + '</code>' if k in _CODE_KEYS else esc(v)}"
                   f"</td></tr>" for k, v in rows)
    return f'<table class="kv"><tbody>{body}</tbody></table>'


def kv_grid(rows: list[tuple[str, str]]) -> str:
    """Label-value pairs two to a line; long values (paths, the command line) on a line of
    their own."""
    cells = []
    rows = [r for r in rows if r[0] not in _WIDE_KEYS] + [r for r in rows if r[0] in _WIDE_KEYS]
    for k, v in rows:
        value = f"<code>{esc(v)}</code>" if k in _CODE_KEYS else esc(v)
        wide = " wide" if k in _WIDE_KEYS else ""
        cells.append(f'<div class="k{wide}">{esc(k)}</div><div class="v{wide}">{value}</div>')
    return f'<div class="kvgrid">{"".join(cells)}</div>'


def section(ident: str, heading: str, body: str) -> str:
    return f'<section><h2 id="{ident}">{esc(heading)}</h2>\n{body}\n</section>\n'


def figure(item: dict) -> str:
    title = f'<b>{esc(item["kind"])}</b>: {esc(item["caption"])}'
    if "png" in item:
        w, h = png_size(item["png"])
        data = base64.b64encode(item["png"]).decode("ascii")
        return (f'<figure id="picture-{esc(item["kind"])}">'
                f'<img src="data:image/png;base64,{data}" width="{w}" height="{h}" '
                f'alt="{esc(item["kind"])}: {esc(item["caption"])}">'
                f'<figcaption>{title}. Made again with <code>scripts/fp-plot {esc(item["kind"])} '
                f'FILE -o OUT.png</code>.</figcaption></figure>')
    cls = "note error" if item.get("error") else "note"
    return (f'<div class="{cls}" id="picture-{esc(item["kind"])}">{title}<br>'
            f'No picture: {esc(item["note"])}</div>')


def design_section(f) -> str:
    if "design" not in f:
        return '<p class="small">No design recorded.</p>'
    d = f["design"]
    a = {k: text(v) for k, v in d.attrs.items()}
    params = strings(d["parameter"]) if "parameter" in d else []
    dists = a.get("distributions", "").split(",") if a.get("distributions") else []
    low = d["low"][()] if "low" in d else []
    high = d["high"][()] if "high" in d else []
    points = d["values"].shape[0] if "values" in d else 0
    facts = [("design", a.get("kind", "?"))]
    if a.get("samples") not in (None, "", "0"):
        facts.append(("samples", a["samples"]))
    if a.get("levels") not in (None, "", "0"):
        facts.append(("levels", a["levels"]))
    facts.append(("design points" if kind_of(f) == "sweep" else "scenarios of the ensemble",
                  str(points)))
    facts.append(("replicates per point", a.get("replicates", "?")))
    rows = [[p, dists[i] if i < len(dists) else "", f"{low[i]:.6g}" if i < len(low) else "",
             f"{high[i]:.6g}" if i < len(high) else ""] for i, p in enumerate(params)]
    out = kv_table(facts)
    if rows:
        out += table(["parameter", "distribution", "low", "high"], rows, {2, 3})
    return out


def sensitivity_section(f, all_outcomes: bool = False) -> str:
    if "sensitivity" not in f:
        return ('<p class="small">This sweep has no sensitivity indices: only Sobol and Morris '
                'designs have them.</p>')
    s = f["sensitivity"]
    method = _attr(s, "method", "?")
    outcomes = strings(s["outcome"])
    params = strings(s["parameter"])
    conf = float(_attr(s, "confidence", "0.95") or 0.95)
    data = {k: s[k][()] for k in s if k not in ("outcome", "parameter")}
    headline = [o for o in SWEEP_HEADLINE if o in outcomes]

    def one(o: str) -> str:
        k = outcomes.index(o)
        if method == "sobol":
            header = ["parameter", f"S1 [{conf:.0%} CI]", f"ST [{conf:.0%} CI]"]
            rows = [[p,
                     f"{fmt_index(data['S1'][k, j])} [{fmt_index(data['S1_low'][k, j])}, "
                     f"{fmt_index(data['S1_high'][k, j])}]",
                     f"{fmt_index(data['ST'][k, j])} [{fmt_index(data['ST_low'][k, j])}, "
                     f"{fmt_index(data['ST_high'][k, j])}]"] for j, p in enumerate(params)]
            order = np.argsort(-np.nan_to_num(data["ST"][k], nan=-1), kind="stable")
        else:
            header = ["parameter", "mu*", "mu", "sigma"]
            rows = [[p, fmt_index(data["mu_star"][k, j], ".4g"), fmt_index(data["mu"][k, j], ".4g"),
                     fmt_index(data["sigma"][k, j], ".4g")] for j, p in enumerate(params)]
            order = np.argsort(-np.nan_to_num(data["mu_star"][k], nan=-1), kind="stable")
        return f"<h3>{esc(o)}</h3>" + table(header, [rows[j] for j in order],
                                            set(range(1, len(header))))

    if method == "sobol":
        intro = (f"Sobol indices (Saltelli's S1, Jansen's ST) with {conf:.0%} bootstrap "
                 "intervals, computed on the mean of each design point's replicates; largest ST "
                 "first. S1 is the share of the outcome's variance the parameter explains alone, "
                 "ST includes its interactions.")
    else:
        intro = ("Morris elementary effects: mu* (mean absolute effect), mu and sigma (spread: "
                 "non-linearity or interactions), in outcome units per unit of the parameter's "
                 "unit coordinate (0 to 1 over its range); largest mu* first.")
    out = f'<p class="small">{esc(intro)} Headline outcomes:</p>'
    out += "".join(one(o) for o in headline)
    rest = [o for o in outcomes if o not in headline]
    if rest:
        out += (f"<details><summary>The other {len(rest)} outcomes</summary>"
                + "".join(one(o) for o in rest) + "</details>")
    note = _attr(s, "note")
    if note:
        out += f'<p class="small">Note (from the file): {esc(note)}.</p>'
    return out


def comparison_sections(f) -> dict[str, str]:
    """The sections of a comparison page made of numbers (the pictures are added after)."""
    c = findings.read_comparison(f)
    return {"answer": answer_section(c), "comparison": status_quo_table(c),
            "robustness": robustness_section(c), "pareto": pareto_table(c),
            "options": every_outcome_section(c)}


def _alpha(c: findings.Comparison) -> str:
    return c.attrs.get("hurwicz_alpha", "") or "0.5"


def _diff_cell(c: findings.Comparison, o: int, outcome: str, lower: bool | None) -> str:
    """'-153 [-176, -131]' coloured when the whole interval is on one side of zero."""
    mean, low, high = (c.column(k, outcome)[o] for k in ("diff_mean", "diff_low", "diff_high"))
    n = c.column("n", outcome)[o] if c.has("n") else 1
    cls = ""
    if lower is not None and np.isfinite(low) and np.isfinite(high) and (high < 0 or low > 0):
        cls = "better" if (high < 0) == lower else "worse"
    return f'<span class="diff {cls}">{esc(fmt_diff(mean, low, high, n))}</span>'


def answer_section(c: findings.Comparison) -> str:
    """The question, the ranking with the paired difference, P(better) and the robustness
    figures, and the sentences that say what they show."""
    rank = c.per_option("rank") if c.has("rank") else np.arange(1, len(c.options) + 1.0)
    value = c.per_option("rank_value")
    conf = f"{c.confidence:.0%}"
    thresholds = c.attrs.get("thresholds", "")
    header = ["rank", "option", f"mean {c.rank_by}",
              f"difference vs {c.status_quo} [{conf} interval]", "P(better)", "max regret",
              "worst case", f"Hurwicz ({_alpha(c)})", "meets the thresholds"]
    rows, classes = [], []
    for o in c.order:
        share = c.per_option("share_meeting_thresholds")[o]
        rows.append([
            esc(f"{rank[o]:.0f}"), esc(c.options[o]), esc(fmt_value(value[o])),
            '<span class="diff">status quo</span>' if o == c.sq
            else _diff_cell(c, o, c.rank_by, c.lower),
            esc(fmt_index(c.per_option("p_better")[o], ".2f")),
            esc(fmt_value(c.per_option("regret_max")[o])),
            esc(fmt_value(c.per_option("worst_case")[o])),
            esc(fmt_value(c.per_option("hurwicz")[o])),
            esc(fmt_share(share) if thresholds else "no thresholds")])
        classes.append("status-quo" if o == c.sq else "")
    missing = [label for name, label in (("p_better", "P(better)"), ("regret_max", "max regret"),
                                         ("worst_case", "worst case"), ("hurwicz", "Hurwicz"))
               if not c.has(name)]
    out = f'<p class="question">{findings.comparison_question(c)}</p>'
    out += table(header, rows, {0, 2, 3, 4, 5, 6, 7, 8}, classes="wide answer",
                 row_classes=classes, raw=True)
    better = "lower" if c.lower else "higher"
    out += (f'<p class="small">Ranked by the mean of <code>{esc(c.rank_by)}</code> over every '
            f'run of the option ({better} is better). The difference is paired on common random '
            f'numbers (each run of an option against the status quo\'s run with the same seed), '
            f'with its {conf} Student-t interval, <span class="better">green</span> when the '
            f'whole interval is on the better side of zero and <span class="worse">red</span> '
            f'when on the worse side. Over the scenario means: P(better), the share of scenarios '
            f'in which the option beats the status quo (a tie counts half); max regret, how much '
            f'worse than the best option it is in its worst scenario; worst case, its worst '
            f'scenario mean; Hurwicz, {esc(_alpha(c))} x best case + (1 - {esc(_alpha(c))}) x '
            f'worst case; the share of scenarios in which it meets every threshold'
            f'{" (" + esc(thresholds) + ")" if thresholds else ""}. More under '
            f'<a href="#robustness">Robustness</a>.</p>')
    if missing:
        out += (f'<p class="small">Not in this file: {esc(", ".join(missing))} (it was written '
                f'by a flashpoint that did not compute them).</p>')
    out += ('<h3>What the numbers say</h3><ul class="findings">'
            + "".join(findings.comparison_findings(c)) + "</ul>")
    return out


def status_quo_table(c: findings.Comparison) -> str:
    """The table of the CLI: per headline outcome the mean, then the paired difference."""
    headline = [o for o in COMPARISON_HEADLINE if o in c.outcomes]
    rank = c.per_option("rank") if c.has("rank") else np.arange(1, len(c.options) + 1.0)
    header = ["rank", "option"] + [_COMPARISON_TITLES.get(h, h) for h in headline]
    rows, row_classes = [], []
    for o in c.order:
        cells = [esc(f"{rank[o]:.0f}"), esc(c.options[o])]
        for h in headline:
            mean = esc(fmt_value(c.column("mean", h)[o]))
            if o == c.sq:
                cells.append(f'{mean}<div class="diff">status quo</div>')
            else:
                cells.append(f"{mean}<div>{_diff_cell(c, o, h, lower_is_better(h))}</div>")
        rows.append(cells)
        row_classes.append("status-quo" if o == c.sq else "")
    intro = (f'<p class="small">{len(c.options)} options x {c.scenarios} scenario(s) x '
             f'{c.replicates} replicates on common random numbers. Each cell: the mean over '
             f'runs, then the paired difference against <b>{esc(c.status_quo)}</b> with its '
             f'{c.confidence:.0%} Student-t interval; <span class="better">green</span> when the '
             f'whole interval is on the better side of zero, <span class="worse">red</span> '
             f'when on the worse side. Ranked by the mean of <code>{esc(c.rank_by)}</code> '
             f'({"lower" if c.lower else "higher"} is better).</p>')
    return intro + table(header, rows, set(range(2, len(header))) | {0}, classes="wide",
                         row_classes=row_classes, raw=True)


def _proportion(c: findings.Comparison, name: str, o: int) -> str:
    """A share with its interval as the file holds them (the engine's Wilson interval)."""
    if not c.has(name):
        return "-"
    v, lo, hi = (c.per_option(name + suffix)[o] for suffix in ("", "_low", "_high"))
    return f"{fmt_index(v, '.2f')} [{fmt_index(lo, '.2f')}, {fmt_index(hi, '.2f')}]"


def robustness_section(c: findings.Comparison) -> str:
    """Every robustness measure of /comparison per option, the thresholds met, and the regret
    matrix as a heat map (option x scenario) when there is more than one scenario."""
    rank = c.per_option("rank") if c.has("rank") else np.arange(1, len(c.options) + 1.0)
    unit = f" {c.rank_by}"
    percentile = c.attrs.get("percentile", "")
    # (dataset, column title, how a value is written)
    measures = [("rank_value", f"mean{unit} (all runs)", fmt_value),
                ("laplace", "Laplace: mean of the scenario means", fmt_value),
                ("worst_case", "worst case (Wald)", fmt_value),
                ("best_case", "best case", fmt_value),
                ("hurwicz", f"Hurwicz ({_alpha(c)})", fmt_value),
                ("percentile_worse", f"worse-side percentile ({percentile or '?'})", fmt_value),
                ("skewness", "skewness", lambda v: fmt_index(v, ".2f")),
                ("peakedness", "peakedness", lambda v: fmt_index(v, ".2f")),
                ("regret_max", "max regret", fmt_value),
                ("regret_mean", "mean regret", fmt_value),
                ("p_better", "P(better)", lambda v: fmt_index(v, ".2f"))]
    present = [m for m in measures if c.has(m[0])]
    absent = [m[1] for m in measures if not c.has(m[0])]
    rows = [[f"{rank[o]:.0f}", c.options[o]] + [fmt(c.per_option(name)[o])
                                                for name, _, fmt in present] for o in c.order]
    sq_rows = ["status-quo" if o == c.sq else "" for o in c.order]
    s = c.scenarios
    out = (f'<p class="small">Each measure is taken over the {s} scenario mean(s) of '
           f'<code>{esc(c.rank_by)}</code> of the option (McPhail et al. 2018; docs/'
           f'experiments.md, "Robustness"). Regret of an option in a scenario: how much worse its '
           f'scenario mean is than the best option\'s in that scenario (Savage); minimax regret '
           f'picks the smallest max regret, Wald\'s maximin the best worst case.</p>')
    out += table(["rank", "option"] + [m[1] for m in present], rows,
                 set(range(2, 2 + len(present))) | {0}, classes="wide", row_classes=sq_rows)
    if absent:
        out += (f'<p class="small">Not in this file: {esc(", ".join(absent))} (it was written by '
                f'a flashpoint that did not compute them).</p>')
    thresholds = c.attrs.get("thresholds", "")
    names = c.labels.get("threshold", [])
    header2 = ["rank", "option", "meets the thresholds (share of scenarios)"]
    if c.has("threshold_share") and names:
        header2 += [f"meets {n}" for n in names]
    header2 += ["P(rung>=8) [Wilson interval]", "P(ceasefire<=30d) [Wilson interval]"]
    rows2 = []
    for o in c.order:
        row = [f"{rank[o]:.0f}", c.options[o],
               fmt_share(c.per_option("share_meeting_thresholds")[o]) if thresholds else "-"]
        if c.has("threshold_share") and names:
            row += [fmt_share(v) for v in c.stats["threshold_share"][o]]
        rows2.append(row + [_proportion(c, "p_rung8", o), _proportion(c, "p_ceasefire_30d", o)])
    out += "<h3>Thresholds and probabilities</h3>"
    out += table(header2, rows2, set(range(2, len(header2))) | {0}, classes="wide",
                 row_classes=sq_rows)
    out += (f'<p class="small">Thresholds (on scenario means): {esc(thresholds)}. '
            if thresholds else '<p class="small">The comparison sets no thresholds. ')
    out += (f'P(ceasefire&lt;=30d) is among the runs that reached armed conflict (rung 6). '
            f'Intervals: Wilson, {c.confidence:.0%}.</p>')
    out += "<h3>Regret per scenario</h3>" + regret_matrix(c)
    return out


def _scenario_label(c: findings.Comparison, s: int) -> str:
    """'lethality 0.21' for each ensemble parameter of scenario s (none without /design)."""
    if c.design_values is None or s >= c.design_values.shape[0]:
        return ""
    return ", ".join(f"{findings.short(p, c.design_parameters)} {c.design_values[s, j]:.3g}"
                     for j, p in enumerate(c.design_parameters))


def regret_matrix(c: findings.Comparison) -> str:
    """The regret of each option (rows, by rank) in each scenario (columns) as a table
    coloured from white (0: the best option of the scenario) to red (the largest regret)."""
    if not c.has("regret"):
        return ('<p class="small">The regret matrix is not in this file (it was written by a '
                'flashpoint that kept only the max and mean regret).</p>')
    regret = c.stats["regret"]
    if regret.ndim != 2 or regret.shape[1] < 2:
        return ('<p class="small">One scenario: the regret of an option is its distance to the '
                'best option\'s mean (the column "max regret" above); the matrix needs an '
                '<code>ensemble:</code>.</p>')
    top = float(np.nanmax(regret)) if np.isfinite(regret).any() else 0.0
    values = c.stats.get("scenario_value")
    header = ["option"] + [f"s{s}" for s in range(regret.shape[1])]
    rows = []
    for o in c.order:
        cells = [esc(c.options[o])]
        for s in range(regret.shape[1]):
            r = regret[o, s]
            if not np.isfinite(r):
                cells.append("-")
                continue
            share = r / top if top > 0 else 0.0
            # white to red; the text stays dark on the light end and white on the dark end
            red = (255, int(round(255 - share * (255 - 48))), int(round(255 - share * (255 - 32))))
            colour = "#%02x%02x%02x" % red
            ink = "#ffffff" if share > 0.6 else "#1f2933"
            mean = (f' title="scenario mean {esc(fmt_value(values[o, s]))}"'
                    if values is not None else "")
            cells.append(f'<span class="cell" style="background:{colour};color:{ink}"{mean}>'
                         f'{esc(fmt_value(r))}</span>')
        rows.append(cells)
    labels = [f"s{s}: {_scenario_label(c, s)}" for s in range(regret.shape[1])
              if _scenario_label(c, s)]
    legend = (f'<p class="small">Regret of <code>{esc(c.rank_by)}</code> per scenario of the '
              f'ensemble: white is 0 (the best option in that scenario), the darkest red the '
              f'largest regret ({esc(fmt_value(top))}). Hover a cell for the scenario mean.'
              + (f' Scenarios: {esc("; ".join(labels))}.' if labels else "") + "</p>")
    return table(header, rows, set(range(1, len(header))), classes="heat",
                 row_classes=["status-quo" if o == c.sq else "" for o in c.order],
                 raw=True) + legend


def pareto_table(c: findings.Comparison) -> str:
    """Each option's objectives, Pareto rank and share of scenarios on the front, and its lever
    levels; or a line saying the file has no front."""
    objectives = c.labels.get("objective", [])
    if not (c.has("pareto_rank") and c.has("pareto_value") and objectives):
        return ('<p class="small">Not in this file: the comparison has no <code>pareto:</code> '
                'objectives (docs/experiments.md, "Exploring levers").</p>')
    directions = {}
    for entry in c.attrs.get("pareto", "").split("; "):
        name, _, better = entry.rpartition(" (")
        if name:
            directions[name] = better.rstrip(")")
    prank = c.per_option("pareto_rank")
    share = c.per_option("pareto_share")
    levers = c.labels.get("lever", []) if c.has("lever_value") else []
    order = sorted(c.order, key=lambda o: (prank[o] if prank[o] > 0 else np.inf,
                                           c.order.index(o)))
    header = (["option"] + [f"{n} ({directions.get(n, 'lower')} is better)" for n in objectives]
              + ["Pareto rank", "on the front in (share of scenarios)"] + levers)
    rows = []
    for o in order:
        row = [c.options[o]] + [fmt_value(c.stats["pareto_value"][o, j])
                                for j in range(len(objectives))]
        row += [f"{prank[o]:.0f}" if prank[o] > 0 else "not ranked", fmt_share(share[o])]
        row += [number(v) for v in (c.stats["lever_value"][o] if levers else [])]
        rows.append(row)
    front = int(np.sum(prank == 1))
    return (table(header, rows, set(range(1, len(header))), classes="wide",
                  row_classes=["front" if prank[o] == 1 else "" for o in order])
            + f'<p class="small">{front} of {len(c.options)} options on the front (rank 1, '
              f'in bold): no other option is at least as good on every objective and better on '
              f'one (means over all runs). The share of scenarios counts in how many scenarios '
              f'of the ensemble the option is on that scenario\'s own front. Levers: the '
              f'level of each generated option; written options have none ("-").</p>')


def every_outcome_section(c: findings.Comparison) -> str:
    """Per option, in a collapsible block: mean, median, 5-95% range, runs and difference."""
    rank = c.per_option("rank") if c.has("rank") else np.arange(1, len(c.options) + 1.0)
    conf = c.confidence
    blocks = []
    for o in c.order:
        rows3 = []
        for name in c.outcomes:
            n = c.column("n", name)[o] if c.has("n") else 1
            diff = "" if o == c.sq else fmt_diff(c.column("diff_mean", name)[o],
                                                 c.column("diff_low", name)[o],
                                                 c.column("diff_high", name)[o], n)
            rows3.append([name, fmt_value(c.column("mean", name)[o]),
                          fmt_value(c.column("median", name)[o]),
                          f"{fmt_value(c.column('p05', name)[o])} - "
                          f"{fmt_value(c.column('p95', name)[o])}",
                          f"{n:.0f}" if c.has("n") else "", diff])
        label = f"{c.options[o]} (rank {rank[o]:.0f}{', status quo' if o == c.sq else ''})"
        blocks.append(f"<details><summary>{esc(label)}</summary>"
                      + table(["outcome", "mean", "median", "5-95% range", "runs",
                               f"difference vs {c.status_quo} [{conf:.0%} CI]"], rows3,
                              {1, 2, 3, 4, 5})
                      + "</details>")
    return ('<p class="small">Over the runs of each option (every scenario of the ensemble '
            'pooled), from /comparison.</p>' + "".join(blocks))


def _weighted_quantile(x: np.ndarray, w: np.ndarray, q: float) -> float:
    """Linear between the mid-points of the weights' cumulative mass (as flashpoint does)."""
    keep = w > 0
    x, w = x[keep], w[keep]
    if x.size == 0:
        return math.nan
    order = np.argsort(x, kind="stable")
    x, w = x[order], w[order]
    mid = (np.cumsum(w) - w / 2) / w.sum()
    return float(np.interp(q, mid, x))


def calibration_sections(f) -> dict[str, str]:
    """The posterior, the targets at the posterior and the generations of a calibration."""
    p, c = f["posterior"], f["calibration"]
    params = strings(p["parameter"])
    rows = []
    for j, name in enumerate(params):
        rows.append([name, fmt_value(p["mean"][j]), fmt_value(p["sd"][j]),
                     f"{fmt_value(p['q50'][j])} [{fmt_value(p['q05'][j])} - "
                     f"{fmt_value(p['q95'][j])}]",
                     f"{fmt_value(p['low'][j])} - {fmt_value(p['high'][j])}"])
    a = {k: text(v) for k, v in p.attrs.items()}
    post_html = (f'<p class="small">The last generation\'s {esc(a.get("particles", "?"))} '
                 f'particles ({esc(a.get("distinct_particles", "?"))} distinct), effective sample '
                 f'size {esc(fmt_value(float(a.get("ess", "nan"))))}, at tolerance '
                 f'{esc(a.get("tolerance", "?"))}; calibrated on {esc(a.get("scenario_names", "?"))}.'
                 ' Weighted mean, standard deviation and quantiles (docs/calibration.md).</p>'
                 + table(["parameter", "mean", "sd", "median [5-95%]", "prior"], rows, {1, 2, 3}))
    targets = strings(c["target"])
    observed, scale = c["observed"][()], c["scale"][()]
    stats, w = c["statistics"][-1], c["weights"][-1]
    first = c["statistics"][0]
    ca = {k: text(v) for k, v in c.attrs.items()}
    scen = ca.get("target_scenarios", "").split("; ")
    what = ca.get("target_statistics", "").split("; ")
    trows = []
    for k, name in enumerate(targets):
        med = _weighted_quantile(stats[:, k], w, 0.5)
        lo, hi = _weighted_quantile(stats[:, k], w, 0.05), _weighted_quantile(stats[:, k], w, 0.95)
        trows.append([name, scen[k] if k < len(scen) else "", what[k] if k < len(what) else "",
                      fmt_value(observed[k]), fmt_value(scale[k]),
                      fmt_value(float(np.nanmedian(first[:, k]))),
                      f"{fmt_value(med)} [{fmt_value(lo)} - {fmt_value(hi)}]",
                      fmt_value((med - observed[k]) / scale[k])])
    targets_html = ('<p class="small">Each target\'s statistic over a particle\'s replicates: the '
                    'median over the prior\'s draws (generation 0) and the weighted median and '
                    '5-95% range over the posterior; the last column is the posterior median\'s '
                    'misfit in tolerances.</p>'
                    + table(["target", "scenario", "statistic", "observed", "tolerance",
                             "prior draws", "posterior [5-95%]", "misfit"], trows,
                            {3, 4, 5, 6, 7}))
    grows = []
    for g in range(c["tolerance"].shape[0]):
        tol = float(c["tolerance"][g])
        grows.append([str(g), fmt_value(tol) if math.isfinite(tol) else "-",
                      fmt_value(float(c["ess"][g])), f"{float(c['simulated'][g]):.0f}",
                      "-" if g == 0 else f"{100 * float(c['acceptance'][g]):.0f}%",
                      "yes" if c["resampled"][g] else ""])
    gen_html = (f'<p class="small">{esc(ca.get("method", ""))}; stopped by '
                f'{esc(ca.get("stop_reason", "?"))}.</p>'
                + table(["generation", "tolerance", "ESS", "simulated", "accepted", "resampled"],
                        grows, {0, 1, 2, 3, 4}))
    return {"posterior": post_html, "targets": targets_html, "generations": gen_html}


def glance(f) -> str:
    """One line under the title: the few numbers a reader wants first."""
    try:
        return _glance(f)
    except (BadInput, KeyError, ValueError):  # an older or partial file: the title suffices
        return ""


def _glance(f) -> str:
    kind = kind_of(f)
    if kind == "calibration":
        c, p = f["calibration"], f["posterior"]
        a = {k: text(v) for k, v in p.attrs.items()}
        return esc(f"{c['tolerance'].shape[0]} generations, stopped by "
                   f"{text(c.attrs.get('stop_reason', '?'))}; posterior of "
                   f"{p['parameter'].shape[0]} parameters from {a.get('particles', '?')} "
                   f"particles ({a.get('distinct_particles', '?')} distinct) at tolerance "
                   f"{a.get('tolerance', '?')}")
    runs = int(f["runs/run"].shape[0])
    if kind in ("run", "sweep"):
        if kind == "sweep" and "design" in f:
            d = f["design"]
            k = d["parameter"].shape[0] if "parameter" in d else 0
            points = d["values"].shape[0] if "values" in d else 0
            head = (f"{runs:,} runs: {points} design points of {k} parameters "
                    f"({_attr(d, 'kind', '?')} design)")
        else:
            head = f"{runs:,} runs of {int(f.attrs.get('days', 0))} days"
        if not has_per_run_values(f):
            return esc(head) + " &middot; no per-run figures: the file has no /outcomes " \
                "(an older flashpoint wrote it)"
        medians = []
        n, _, med, p05, p95 = quantiles(outcome_values(f, "fatalities_all"))
        if n:
            medians.append(f"deaths {number(med)} (5-95%: {number(p05)} - {number(p95)})")
        n, _, med, _, _ = quantiles(outcome_values(f, "conflict_days"))
        if n:
            medians.append(f"conflict days {number(med)}")
        cease = outcome_values(f, "first_ceasefire_day")
        rung8 = outcome_values(f, "reached_rung8")
        shares = [f"a ceasefire in {100 * np.isfinite(cease).mean():.0f}% of runs",
                  f"rung \u2265 8 in {100 * np.nanmean(rung8):.0f}%"]
        line = esc(head)
        if medians:
            line += " &middot; medians: " + esc(", ".join(medians))
        return line + " &middot; " + " &middot; ".join(esc(x) for x in shares)
    c = f["comparison"]
    options = strings(c["option"])
    rank = c["rank"][()] if "rank" in c else np.arange(1, len(options) + 1)
    value = c["rank_value"][()] if "rank_value" in c else [math.nan] * len(options)
    best = int(np.argmin(rank))
    a = {k: text(v) for k, v in c.attrs.items()}
    sq = a.get("status_quo", "")
    line = (f"{len(options)} options x {a.get('scenarios', '1')} scenario(s) x "
            f"{a.get('replicates', '?')} replicates ({runs:,} runs) &middot; best by the mean of "
            f"{esc(a.get('rank_by', '?'))}: <b>{esc(options[best])}</b> "
            f"({esc(fmt_value(value[best]))})")
    if sq in options:
        line += f" &middot; status quo {esc(sq)}: {esc(fmt_value(value[options.index(sq)]))}"
    return line


def _discovery_section(path: str) -> str:
    """Scenario discovery of a sweep (discovery.py, discover_summary): where in the parameters'
    ranges the runs of interest (peak_escalation >= 8) concentrate: PRIM's box, its coverage,
    density and mass, each restricted parameter with its quasi-p, and the parameters ranked by
    extra-trees. When discovery does not apply (no run of interest, every run one, no
    scikit-learn), a line says why."""
    try:
        from .discovery import DEFAULT_WHERE, discover_summary
        d = discover_summary(path)
    except ImportError as e:
        return (f'<p class="small">No scenario discovery: {esc(e)} (Debian\'s python3-sklearn '
                f'and python3-scipy; scripts/install_deps.sh installs them).</p>')
    except BadInput as e:
        return f'<p class="small">No scenario discovery: {esc(e)}</p>'
    share = d["cases"] / d["n"] if d["n"] else math.nan
    out = (f'<p>Runs where <code>{esc(d["condition"])}</code>: {d["cases"]:,} of {d["n"]:,} '
           f'({share:.1%}). PRIM (Friedman and Fisher 1999) finds the box of parameter values '
           f'below: it holds {d["coverage"]:.0%} of those runs (coverage), and '
           f'{d["density"]:.0%} of the runs inside it are of that kind (density; '
           f'{d["mass"]:.0%} of all runs fall in it).')
    if not d["meets_threshold"]:
        out += (f' No box reaches the density threshold {d["threshold"]:g}: the densest is '
                f'shown, and restrictions with a large quasi-p add little.')
    out += "</p>"
    rows = []
    for b in d["box"]:
        rows.append([b["parameter"], f'{b["lower"]:.4g} to {b["upper"]:.4g}',
                     f'{b["full_low"]:.4g} to {b["full_high"]:.4g}',
                     "-" if not math.isfinite(b["quasi_p"]) else f'{b["quasi_p"]:.2g}'])
    if rows:
        out += table(["parameter", "box", "full range", "quasi-p"], rows, {3})
    if d["features"]:
        top = ", ".join(f'<code>{esc(n)}</code> ({v:.2f})' for n, v in d["features"][:3])
        out += (f'<p class="small">Feature scores (extra-trees) for the same condition, highest '
                f'first: {top}. Another condition: <code>scripts/fp-discover FILE --where '
                f'"OUTCOME OP VALUE"</code> (default <code>{esc(DEFAULT_WHERE)}</code>; '
                f'docs/analysis.md, "Scenario discovery").</p>')
    return out


def influence_section(f, rankings: list) -> str:
    """The sweep's parameters ranked by their influence on each headline outcome
    (influence.py), a sentence per outcome, and a table of every parameter's share."""
    if not rankings:
        return ('<p class="small">No ranking: the file has neither sensitivity indices nor '
                'per-run outcomes (/outcomes) for the headline outcomes (an older flashpoint '
                'wrote it).</p>')
    methods = sorted({r.method for r in rankings})
    source = {"sobol": "the total-order Sobol indices ST of /sensitivity",
              "morris": "Morris mu* of /sensitivity (mean absolute elementary effect)",
              "spearman": "the absolute Spearman rank correlation of each parameter with the "
                          "outcome over the runs (this design has no sensitivity indices)"}
    out = (f'<p class="small">Ranked by {esc("; ".join(source[m] for m in methods))}. A '
           f'parameter\'s share is its measure over the sum of every parameter\'s (negative '
           f'estimates count as 0): a way to compare the parameters for one outcome.</p>')
    out += ('<ul class="findings">' + "".join(findings.sweep_findings(rankings)) + "</ul>")
    params = rankings[0].parameters
    lead = next((r for r in rankings if r.outcome == "fatalities_all"), rankings[0])
    rows = []
    for j in lead.order:
        row = [params[j]]
        for r in rankings:
            name = {"sobol": "ST", "morris": "mu*", "spearman": "|rho|"}[r.method]
            value = fmt_index(r.value[j], ".3f" if r.method != "morris" else ".4g")
            row.append(f"{fmt_share(r.share[j])} ({name} {value})")
        rows.append(row)
    out += table(["parameter"] + [r.outcome for r in rankings], rows,
                 set(range(1, len(rankings) + 1)))
    out += (f'<p class="small">Rows in the order of <code>{esc(lead.outcome)}</code>. The '
            f'<code>sweep-param</code> picture below shows each outcome against its most '
            f'influential parameter by default.</p>')
    return out


def run_summary_section(f) -> str:
    return '<ul class="findings">' + "".join(findings.run_findings(f)) + "</ul>"


def _each_option_section(c: findings.Comparison, by_kind: dict) -> str:
    """Fan charts of every option side by side when the file kept the series, else each
    option's distribution of the ranking outcome, with a line saying why."""
    fans = by_kind.pop("option-fans", None)
    dist = by_kind.pop("distributions", None)
    out = ""
    if fans is not None and "png" in fans:
        out += figure(fans)
    elif fans is not None and fans.get("error"):
        out += figure(fans)
    elif fans is not None:
        out += (f'<div class="note" id="picture-option-fans">Fan charts per option need '
                f'<code>keep: series</code> in the comparison file; this one kept only the '
                f'per-run outcomes, so here is each option\'s distribution of '
                f'<code>{esc(c.rank_by)}</code> instead.</div>')
    if dist is not None:
        out += figure(dist)
    return out or '<p class="small">No picture of the options applies to this file.</p>'


def _page_sections(kind: str, bodies: dict) -> list[tuple[str, str]]:
    """The sections of the page in order: SECTIONS, with each optional section that has a
    body after the section it follows."""
    sections = list(SECTIONS[kind])
    for ident, heading, after in OPTIONAL_SECTIONS.get(kind, []):
        if bodies.get(ident):
            at = [i for i, _ in sections].index(after) + 1
            sections.insert(at, (ident, heading))
    return sections


def build_page(path: str, title: str | None = None) -> tuple[str, int, dict]:
    """The HTML page for the results file at `path`; (page, picture failures, stats)."""
    with open_results(path) as f:
        kind = kind_of(f)
        if kind not in KINDS:
            raise BadInput(f"{path}: unknown kind of results file {kind!r} (attribute "
                           "experiment); this report knows run, sweep, comparison and "
                           "calibration")
        if "runs" not in f or "run" not in f["runs"]:
            raise BadInput(f"{path}: has no /runs; it is not a complete results file")
        name = _attr(f, "experiment_name") if kind != "run" else _attr(f, "scenario_name")
        name = name or os.path.basename(path)
        prov = provenance(f, path)
        counts = scenario_counts(f)
        scenario_yaml = _yaml(f, "scenario_yaml")
        experiment_yaml = _yaml(f, "experiment_yaml")
        bodies = {}
        picture_options = {}
        comparison = None
        if kind in ("run", "sweep"):
            rows, footer = outcome_rows(f)
            scope = ("the runs of the file" if kind == "run" else
                     "every run of the sweep, all design points pooled")
            bodies["outcomes"] = (
                f'<p class="small">Median and 5-95% range over {scope} (as '
                f'<code>flashpoint run</code> prints them; percentiles interpolate between runs). '
                f'Outcomes without a value in some runs say in how many runs they have one.</p>'
                + table(["outcome", "median", "5-95% range", "unit"], rows, {1, 2})
                + f'<p class="small">{footer}</p>')
        if kind == "run":
            bodies["summary"] = run_summary_section(f)
        if kind == "sweep":
            bodies["design"] = design_section(f)
            bodies["sensitivity"] = sensitivity_section(f)
            bodies["influence"] = influence_section(f, findings.sweep_rankings(f))
        if kind == "comparison":
            bodies["design"] = design_section(f) if "design" in f else \
                '<p class="small">One scenario: no ensemble.</p>'
            if "comparison" not in f:
                raise BadInput(f"{path}: a comparison file without /comparison")
            bodies.update(comparison_sections(f))
            comparison = findings.read_comparison(f)
            picture_options["distributions"] = {"outcome": comparison.rank_by} \
                if comparison.rank_by in comparison.outcomes else {}
        if kind == "calibration":
            for group in ("calibration", "posterior"):
                if group not in f:
                    raise BadInput(f"{path}: a calibration file without /{group}")
            bodies.update(calibration_sections(f))
        scenario_name = _attr(f, "scenario_name")
        runs = int(f.attrs.get("runs", 0))
        at_a_glance = glance(f)
    if kind == "sweep":
        bodies["discovery"] = _discovery_section(path)

    skip = {k for k, where in COMPARISON_PLACES.items() if where is None} \
        if kind == "comparison" else set()
    pictures, failures = render_pictures(path, kind, picture_options, skip)
    if kind == "comparison":
        by_kind = {p["kind"]: p for p in pictures}
        bodies["each-option"] = _each_option_section(comparison, by_kind)
        for key, where in COMPARISON_PLACES.items():
            item = by_kind.pop(key, None)
            if item is None or where is None:
                continue
            if key == "pareto" and "png" not in item and not item.get("error"):
                continue  # the section's table says the file has no front
            bodies[where] = figure(item) + bodies.get(where, "")
        bodies["more-pictures"] = "\n".join(figure(p) for p in by_kind.values())
    else:
        bodies["pictures"] = "\n".join(figure(p) for p in pictures) or \
            '<p class="small">No picture applies to this kind of file.</p>'

    scen = table(["", "how many", "which"],
                 [[w, n, which] for w, n, which in counts], {1})
    blocks = []
    if scenario_yaml is not None:
        blocks.append(f"<details><summary>The scenario file, as it was read "
                      f"({len(scenario_yaml.splitlines())} lines)</summary>"
                      f"<pre>{esc(scenario_yaml)}</pre></details>")
    if experiment_yaml is not None:
        blocks.append(f"<details><summary>The {kind} file, as it was read "
                      f"({len(experiment_yaml.splitlines())} lines)</summary>"
                      f"<pre>{esc(experiment_yaml)}</pre></details>")
    bodies["scenario"] = scen + "".join(blocks)
    bodies["provenance"] = kv_grid(prov)

    title = title or (f"{name}: {kind} report" if kind != "run"
                      else f"{name}: report of {runs} run{'s' if runs != 1 else ''}")
    subtitle = (f"Flashpoint {kind} file <code>{esc(os.path.basename(path))}</code>"
                f"{' of the scenario ' + esc(scenario_name) if kind != 'run' else ''}")
    sections = _page_sections(kind, bodies)
    nav = " ".join(f'<a href="#{i}">{esc(h)}</a>' for i, h in sections)
    now = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    page = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
        f"<style>{CSS}</style>",
        f"<script>{SCRIPT}</script>",
        "</head>",
        "<body><main>",
        f'<header class="top"><h1>{esc(title)}</h1><p class="subtitle">{subtitle}</p>'
        f'<p class="glance">{at_a_glance}</p><nav>{nav}</nav></header>',
    ]
    page += [section(i, h, bodies[i]) for i, h in sections]
    page.append(f"<footer>Written by <code>scripts/report</code> from "
                f"<code>{esc(os.path.abspath(path))}</code> at {now}. Self-contained: the "
                f"pictures are embedded in this page.</footer>")
    page.append("</main></body></html>\n")
    stats = {"pictures": sum("png" in p for p in pictures),
             "notes": sum("png" not in p for p in pictures), "kind": kind}
    return "\n".join(page), failures, stats


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="report", description="Write one self-contained HTML report of a Flashpoint "
        "results file (a run, a sweep, a comparison or a calibration): the answer first (a "
        "comparison's ranking and sentences, a sweep's most influential parameters, a run's "
        "summary), every picture that applies, the outcome tables, the scenario and the "
        "provenance last. docs/analysis.md.")
    parser.add_argument("file", metavar="FILE", help="results file (.h5)")
    parser.add_argument("-o", "--output", metavar="OUT.html", required=True,
                        help="the HTML file to write")
    parser.add_argument("--title", help="title of the page (default: the scenario or "
                                        "experiment name and the kind of file)")
    args = parser.parse_args(argv)
    out_dir = os.path.dirname(os.path.abspath(args.output))
    try:
        if not os.path.isdir(out_dir):
            raise BadInput(f"{args.output}: the folder {out_dir} does not exist")
        page, failures, stats = build_page(args.file, args.title)
    except BadInput as e:
        print(f"report: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if not write_page(page, args.output, "report"):
        return 1
    size = os.path.getsize(args.output)
    print(f"report: wrote {args.output} ({size / 1e6:.2f} MB; {stats['kind']} file, "
          f"{stats['pictures']} pictures, {stats['notes']} notes)")
    if failures:
        print(f"report: {failures} picture(s) failed with an error (see above); the page shows "
              "the error in their place", file=sys.stderr)
        return 1
    return 0
