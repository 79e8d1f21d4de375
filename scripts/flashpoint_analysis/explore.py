"""The interactive explorer: one self-contained HTML page on which a person watches the runs of
a results file unfold day by day and flips between runs and options (docs/analysis.md, "The
interactive explorer").

    scripts/explore FILE -o explore.html [--runs N] [--title T]

FILE is a run file, or a comparison or sweep that kept series and events (`keep: events`). The
page holds:

- a map of the border drawn as inline SVG by the page's own script from the file's
  /geography, on the selected day: each post's square coloured by the state holding it, the
  crossings open or closed, the districts as circles whose area grows with the deaths located
  in them from day 0 up to the day, and the day's events listed beside the map;
- a day slider with play and pause, and the date;
- a run selector (for a comparison, an option and a replicate; for a sweep, a design point and
  a replicate);
- the run's daily series as uPlot charts (scripts/flashpoint_analysis/vendor/uplot-VERSION),
  with a marker at the slider's day; clicking a chart moves the slider there.

Everything the page shows is computed here, in Python, with the code of the map picture
(geo.py): the posts held on each day where they change (post_control, slot_holders), where
each event happened (event_places). The page's script only draws and adds up. Every script,
style and datum is inline: the page loads nothing.

Exit status: 0 written; 2 bad input (no such file, not a results file, a file without
/geography or /events or daily series, a place without coordinates, --runs below 1, the
output's folder missing), with one line on stderr; 1 any other failure (the vendored uPlot missing or altered, a write error).
"""
from __future__ import annotations

import argparse
import hashlib
import html
import json
import math
import os
import sys

import numpy as np

from .common import EXIT_BAD_INPUT, RUNG_NAMES, BadInput, kind_of, open_results, strings, \
    text, write_page
from .geo import (CLOSED_COLOR, DEATH_COLOR, OPEN_COLOR, STATE_COLORS, event_places, map_layout,
                  post_control, post_squares, read_geography, run_events, slot_holders)

HERE = os.path.dirname(os.path.abspath(__file__))
UPLOT_VERSION = "1.6.32"
UPLOT_DIR = os.path.join(HERE, "vendor", f"uplot-{UPLOT_VERSION}")
# sha256 of each vendored file, as vendor/uplot-VERSION/README.md gives them.
UPLOT_FILES = {
    "uPlot.iife.min.js": "19c8d4c6ad88929a79f4ae49d6f7161566dfd0ba3d15cc495e974f787eb78f1f",
    "uPlot.min.css": "df630c6a8d6f8eeaff264b50f73ce5b114f646ffd9a0bb74f049b0a00135fa04",
    "LICENSE": "8f989229699b4fe2f1a0432d0e9edc338a8a911e250e2d1b01ecd770a5f5b1bd",
}
# The first line of the minified build names the project's address: the page must name none.
UPLOT_BANNER = f"/*! https://github.com/leeoniya/uPlot (v{UPLOT_VERSION}) */"
PAGE_JS = os.path.join(HERE, "explore.js")
PAGE_CSS = os.path.join(HERE, "explore.css")
# Runs on the page unless --runs says otherwise: the first 20 of a run file, the first 3 of each
# option or design point of an experiment (about 35 kB a run of the seed scenario).
DEFAULT_RUNS = 20
DEFAULT_RUNS_PER_GROUP = 3
# Options or design points on the page: a 2,000-point sweep kept whole would make a page of
# tens of megabytes; the first MAX_GROUPS are shown and the command says how many were left out.
MAX_GROUPS = 25

CAPTURE, HAND_BACK = "192", "0874"
CATEGORY_COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
                   "#7f7f7f", "#bcbd22", "#17becf"]  # matplotlib's tab10, as the fan chart's

# What each CAMEO code of the model's events means (docs/model.md 7.3), in a few words.
CAMEO_TEXT = {
    "036": "express intent to meet or negotiate", "038": "accept mediation",
    "041": "discuss by telephone", "045": "mediate", "046": "negotiate",
    "081": "ease administrative sanctions", "085": "ease economic sanctions",
    "0871": "declare a ceasefire", "0872": "ease a blockade (crossing reopened)",
    "0874": "retreat (captured post handed back)", "111": "criticise or denounce",
    "1123": "accuse of aggression", "138": "threaten with military force",
    "150": "demonstrate military power (nuclear signal)", "152": "raise military alert",
    "154": "mobilise armed forces", "160": "reduce relations (visas)",
    "161": "reduce or break diplomatic relations", "163": "impose an embargo or sanctions",
    "174": "expel or deport", "180": "armed-group attack", "190": "use conventional force",
    "191": "impose a blockade (closure)", "192": "occupy territory (post taken)",
    "193": "fight with small arms", "194": "fight with artillery", "195": "strike from the air",
    "196": "violate a ceasefire",
}
# CAMEO's twenty root categories, for a code the table above lacks.
CAMEO_ROOTS = {
    "01": "make a public statement", "02": "appeal", "03": "express intent to cooperate",
    "04": "consult", "05": "engage in diplomatic cooperation", "06": "cooperate materially",
    "07": "provide aid", "08": "yield", "09": "investigate", "10": "demand",
    "11": "disapprove", "12": "reject", "13": "threaten", "14": "protest",
    "15": "show force", "16": "reduce relations", "17": "coerce", "18": "assault",
    "19": "fight", "20": "use unconventional mass violence",
}


def cameo_text(code: str) -> str:
    """A few words on what a CAMEO code stands for ("" when unknown)."""
    return CAMEO_TEXT.get(code) or CAMEO_ROOTS.get(code[:2], "")


# ---------------------------------------------------------------------------------------------
# The vendored chart library


def read_uplot() -> dict[str, str]:
    """The vendored uPlot files as text, each checked against its sha256 (UPLOT_FILES).
    RuntimeError when one is missing or altered: an installation problem, not bad input."""
    out = {}
    for name, expected in UPLOT_FILES.items():
        path = os.path.join(UPLOT_DIR, name)
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as e:
            raise RuntimeError(f"the vendored uPlot is missing: {e}") from None
        got = hashlib.sha256(data).hexdigest()
        if got != expected:
            raise RuntimeError(f"{path}: sha256 {got}, expected {expected} "
                               f"(vendor/uplot-{UPLOT_VERSION}/README.md): the file was altered")
        out[name] = data.decode("utf-8")
    if not out["uPlot.iife.min.js"].startswith(UPLOT_BANNER):
        raise RuntimeError(f"{UPLOT_DIR}/uPlot.iife.min.js does not start with {UPLOT_BANNER}")
    return out


# ---------------------------------------------------------------------------------------------
# Which runs the page holds


def _run_groups(f, path: str, per_group: int | None) -> tuple[str | None, list[dict]]:
    """The runs on the page, grouped as the selector offers them.

    Returns (what a group is: None for a run file, "option" or "design point"; the groups).
    Each group: label, and runs: a list of (run index in the file, label). A run file is one
    group of its first `per_group` runs (default DEFAULT_RUNS); a comparison has one group per
    option and a sweep one per design point, each with its first `per_group` runs (default
    DEFAULT_RUNS_PER_GROUP)."""
    n_runs = int(f["runs/run"].shape[0])
    kind = kind_of(f)
    if kind == "run" or (kind == "comparison" and "runs/option" not in f) or \
            (kind == "sweep" and "runs/design_point" not in f):
        per_group = DEFAULT_RUNS if per_group is None else per_group
        return None, [{"label": "", "runs": [(r, f"run {r}")
                                             for r in range(min(per_group, n_runs))]}]
    per_group = DEFAULT_RUNS_PER_GROUP if per_group is None else per_group
    replicate = f["runs/replicate"][()] if "runs/replicate" in f else np.arange(n_runs)
    if kind == "comparison":
        key = f["runs/option"][()]
        names = strings(f["comparison/option"]) if "comparison/option" in f else []
        member = f["runs/scenario_point"][()] if "runs/scenario_point" in f else None
        several = member is not None and len(np.unique(member)) > 1
        groups = []
        for g in _first_groups(key):
            rows = np.flatnonzero(key == g)[:per_group]
            label = names[g] if g < len(names) else f"option {g}"
            groups.append({"label": label, "runs": [
                (int(r), (f"member {int(member[r])}, " if several else "")
                 + f"replicate {int(replicate[r])}") for r in rows]})
        return "option", groups
    key = f["runs/design_point"][()]
    parameters = strings(f["design/parameter"]) if "design/parameter" in f else []
    values = f["design/values"][()] if "design/values" in f else None
    groups = []
    for g in _first_groups(key):
        rows = np.flatnonzero(key == g)[:per_group]
        label = f"point {int(g)}"
        if values is not None and g < len(values):
            label += ": " + ", ".join(f"{p.split('.')[-1]} = {v:.4g}"
                                      for p, v in zip(parameters, values[g]))
        groups.append({"label": label, "runs": [(int(r), f"replicate {int(replicate[r])}")
                                                for r in rows]})
    return "design point", groups


def _first_groups(key: np.ndarray) -> np.ndarray:
    """The first MAX_GROUPS distinct values of key (options or design points), with a note on
    stderr when there are more."""
    groups = np.unique(key)
    if groups.size > MAX_GROUPS:
        print(f"explore: showing the first {MAX_GROUPS} of {groups.size} options or design "
              f"points", file=sys.stderr)
    return groups[:MAX_GROUPS]


def _require_kept(f, path: str) -> None:
    """BadInput unless the file holds runs with their daily series and events."""
    kind = kind_of(f)
    runs = int(f["runs/run"].shape[0]) if "runs/run" in f else 0
    if kind == "calibration" or runs == 0:
        raise BadInput(f"{path}: a {kind} file without runs; the explorer shows runs (a run "
                       "file, or a sweep or comparison with keep: events)")
    kept = {name: int(f.attrs[name]) if name in f.attrs else 1
            for name in ("series_kept", "events_kept")}
    if kept["series_kept"] == 0 or kept["events_kept"] == 0:
        raise BadInput(f"{path}: keep: series and events needed; this {kind} file kept "
                       f"{'series but no events' if kept['series_kept'] else 'outcomes only'} "
                       f"(root attributes series_kept = {kept['series_kept']}, events_kept = "
                       f"{kept['events_kept']}); write it again with keep: events")
    for name in ("escalation", "date", "posts_held"):
        if f"runs/{name}" not in f:
            raise BadInput(f"{path}: has no /runs/{name}; keep: series and events needed")


# ---------------------------------------------------------------------------------------------
# The data of one run


def _series(f, run: int, charts: list[dict]) -> dict:
    """The run's daily series, one list of lines per chart (the chart specs of _chart_specs)."""
    runs = f["runs"]
    read: dict[str, np.ndarray] = {}
    out = {}
    for chart in charts:
        lines = []
        for variable, column, cumulative in chart["source"]:
            if variable not in read:
                read[variable] = runs[variable][run]
            values = read[variable]
            values = values[:, column] if column is not None else values
            values = np.cumsum(values) if cumulative else values
            lines.append(_numbers(values))
        out[chart["id"]] = lines
    return out


def _numbers(values: np.ndarray) -> list:
    """A series as JSON numbers: integers as int, floats as the shortest text that reads back to
    the same double (so the page's data equal the file's); NaN as null."""
    if values.dtype.kind in "iub":
        return [int(v) for v in values]
    return [float(v) if math.isfinite(v) else None for v in values.astype(np.float64)]


def _chart_specs(f) -> list[dict]:
    """The charts of the page: what each shows, from which /runs variables (whatever the file
    holds: a file of an older format lacks some)."""
    runs = f["runs"]

    def axis(name):
        return strings(runs[name]) if name in runs else []

    states, dyads, categories = axis("actor"), axis("dyad"), axis("category")
    state_colors = [STATE_COLORS[i % len(STATE_COLORS)] for i in range(len(states))]
    specs = [
        ("escalation", "Escalation: highest rung of any dyad", "rung",
         [("escalation", None, False, "highest rung", "#b2182b")], True),
        ("hostility", "Hostility of each directed dyad", "hostility",
         [("hostility", k, False, d, STATE_COLORS[k % len(STATE_COLORS)])
          for k, d in enumerate(dyads)], False),
        ("deaths", "Deaths by category, cumulative from day 0", "deaths",
         [("fatalities", k, True, c, CATEGORY_COLORS[k % len(CATEGORY_COLORS)])
          for k, c in enumerate(categories)], False),
        ("attacks", "Armed-group attacks", "attacks/day",
         [("attacks_daily", None, False, "attacks", "#7f3b08")], False),
        ("trade", "Trade across the border", "USD/day",
         [("trade_flow_usd", None, False, "trade", "#1b7837")], False),
        ("posts", "Border posts held", "posts",
         [("posts_held", k, False, s, state_colors[k]) for k, s in enumerate(states)], True),
        ("displaced", "People displaced inside each state", "people",
         [("displaced", k, False, s, state_colors[k]) for k, s in enumerate(states)], False),
        ("refugees", "Refugees hosted by each state", "people",
         [("refugees", k, False, s, state_colors[k]) for k, s in enumerate(states)], False),
    ]
    charts = []
    for ident, title, unit, lines, stepped in specs:
        lines = [line for line in lines if line[0] in runs]
        if not lines:
            continue
        integer = all(runs[line[0]].dtype.kind in "iub" for line in lines)
        charts.append({"id": ident, "title": title, "unit": unit, "stepped": stepped,
                       "integer": integer, "range": [0, 9] if ident == "escalation" else None,
                       "labels": [line[3] for line in lines],
                       "colors": [line[4] for line in lines],
                       "source": [(line[0], line[1], line[2]) for line in lines]})
    return charts


def _rung_names(f) -> list[str]:
    """The name of each rung 0.. of /runs/escalation (its CF flag_meanings), else the names
    the pictures use."""
    meanings = f["runs/escalation"].attrs.get("flag_meanings")
    if meanings is not None:
        return [m.replace("_", " ") for m in text(meanings).split()]
    return [RUNG_NAMES.get(r, "") for r in range(10)]


class _Strings:
    """A table of the texts of the events (actors, codes, places, actions), so that an event is
    a row of small numbers on the page."""

    def __init__(self):
        self.items: list[str] = []
        self._index: dict[str, int] = {}

    def __call__(self, value) -> int:
        s = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
        if s not in self._index:
            self._index[s] = len(self.items)
            self.items.append(s)
        return self._index[s]


def _run_data(f, path: str, geo: dict, run: int, label: str, charts: list[dict],
              table: _Strings) -> dict:
    """Everything the page shows of one run."""
    n_days = int(f["runs/date"].shape[0])
    events = run_events(f, path, run)
    # The model records a run's events day after day; the page relies on it (a stable sort
    # keeps the file's order within a day).
    events = events[np.argsort(events["day"], kind="stable")]
    # Posts: the holder of each post's square on day 0 and on every day a post changes hands
    # (geo.post_control: the day-0 posts changed by the captures and hand-backs up to the day).
    cameo = np.array([c.decode("utf-8", "replace") if isinstance(c, bytes) else str(c)
                      for c in events["cameo"]], dtype=object)
    moves = sorted({int(d) for d in events["day"][(cameo == CAPTURE) | (cameo == HAND_BACK)]})
    holdings = []
    for day in [0] + [d for d in moves if d > 0]:
        holdings.append([day, slot_holders(geo, post_control(geo, events, day))])
    # Deaths and events located in each district, and deaths at each sector's posts, per day.
    district, sector = event_places(geo, events)
    by_district: dict[tuple[int, int], list[int]] = {}
    by_sector: dict[tuple[int, int], int] = {}
    for day, k, i, dead in zip(events["day"], district, sector, events["fatalities"]):
        if k >= 0:
            cell = by_district.setdefault((int(day), int(k)), [0, 0])
            cell[0] += int(dead)
            cell[1] += 1
        if i >= 0 and dead:
            by_sector[(int(day), int(i))] = by_sector.get((int(day), int(i)), 0) + int(dead)
    crossing_open = (f["runs/crossing_open"][run].astype(int).tolist()
                     if "runs/crossing_open" in f and len(geo["crossing"])
                     else [[] for _ in range(n_days)])
    ceasefire = (f["runs/ceasefire"][run].astype(int).tolist() if "runs/ceasefire" in f
                 else [0] * n_days)
    has_action = "action" in events.dtype.names
    rows = [[int(e["day"]), table(e["actor"]), table(e["target"]), table(e["cameo"]),
             table(e["location"]), int(e["fatalities"]),
             table(e["action"] if has_action else b"")] for e in events]
    return {
        "run": run, "label": label,
        "series": _series(f, run, charts),
        "ceasefire": ceasefire,
        "crossing_open": crossing_open,
        "holdings": holdings,
        "districts": [[d, k, v[0], v[1]] for (d, k), v in sorted(by_district.items())],
        "sectors": [[d, i, v] for (d, i), v in sorted(by_sector.items())],
        "events": rows,
    }


# ---------------------------------------------------------------------------------------------
# The page


def explorer_data(path: str, per_group: int | None, title: str | None) -> dict:
    """Everything the page needs, as one JSON-ready dict (per_group: --runs, None for the
    default). BadInput when the file cannot be explored."""
    if per_group is not None and per_group < 1:
        raise BadInput(f"--runs {per_group}: the page needs at least one run (--runs 1 or more)")
    with open_results(path) as f:
        _require_kept(f, path)
        geo = read_geography(f, path)
        for kind_of_place in ("sector", "district", "crossing"):
            where = ~(np.isfinite(geo[f"{kind_of_place}_lat"])
                      & np.isfinite(geo[f"{kind_of_place}_lon"]))
            if where.any():
                raise BadInput(f"{path}: /geography: the {kind_of_place} "
                               f"{geo[kind_of_place][int(np.flatnonzero(where)[0])]} has no "
                               "coordinates (NaN); the map cannot place it")
        run_events(f, path, 0)  # BadInput now when the file has no /events
        plane = map_layout(geo, path)
        kind = kind_of(f)
        day_dates = strings(f["runs/date"])
        charts = _chart_specs(f)
        rungs = _rung_names(f)
        group_kind, groups = _run_groups(f, path, per_group)
        table = _Strings()
        runs = []
        for group in groups:
            indices = []
            for run, label in group["runs"]:
                indices.append(len(runs))
                runs.append(_run_data(f, path, geo, run, label, charts, table))
            group["runs"] = indices
        name = text(f.attrs.get("experiment_name", "")) if kind != "run" else ""
        name = name or text(f.attrs.get("scenario_name", "")) or "Flashpoint"
        total_runs = int(f["runs/run"].shape[0])
        seed = int(f.attrs["master_seed"]) if "master_seed" in f.attrs else None
        software = text(f.attrs.get("software_version", ""))
        commit = text(f.attrs.get("git_commit", ""))

    squares = post_squares(geo, plane)
    sides = plane["sides"]
    # A sector's label goes beyond its outermost squares, on the side of the last state.
    label_at = []
    for i in range(len(geo["sector"])):
        rows = max((math.ceil(max(int(n), 0) / plane["per_row"])
                    for st, n in enumerate(geo["sector_posts"][i])
                    if sides[st] == sides[-1]), default=0)
        out = sides[-1] * (0.8 + rows + 0.6) * plane["step"]
        nx, ny = plane["normal"][i]
        label_at.append([(plane["sx"][i] + nx * out) / plane["cos0"], plane["sy"][i] + ny * out])
    # The circles' scale: the most deaths in one district by the last day, over every run shown.
    largest = max([1] + [max(np.bincount([k for _, k, _, _ in r["districts"]],
                                         weights=[v for _, _, v, _ in r["districts"]]),
                             default=0) for r in runs if r["districts"]])
    codes = sorted({table.items[e[3]] for r in runs for e in r["events"]})
    return {
        "title": title or f"{name}: the runs day by day",
        "name": name, "kind": kind, "group_kind": group_kind, "path": os.path.basename(path),
        "runs_in_file": total_runs, "master_seed": seed, "software": software, "commit": commit,
        "dates": day_dates, "rungs": rungs,
        "geo": {
            "states": geo["state"], "state_colors": [STATE_COLORS[i % len(STATE_COLORS)]
                                                     for i in range(len(geo["state"]))],
            "cos0": plane["cos0"], "x_lim": list(plane["x_lim"]), "y_lim": list(plane["y_lim"]),
            "border": [int(i) for i in plane["order"]],
            "sectors": [{"id": s, "lon": float(geo["sector_lon"][i]),
                         "lat": float(geo["sector_lat"][i]), "label": label_at[i]}
                        for i, s in enumerate(geo["sector"])],
            "districts": [{"id": d, "lon": float(geo["district_lon"][k]),
                           "lat": float(geo["district_lat"][k]),
                           "state": int(geo["district_state"][k]),
                           "population": float(geo["district_population"][k])}
                          for k, d in enumerate(geo["district"])],
            "crossings": [{"id": c, "lon": float(geo["crossing_lon"][k]),
                           "lat": float(geo["crossing_lat"][k]),
                           "sector": int(geo["crossing_sector"][k])}
                          for k, c in enumerate(geo["crossing"])],
            "posts": [[int(i), int(st), float(x), float(y)] for i, st, x, y in squares],
            "post_size": 0.84 * plane["step"],
            "largest_district_deaths": float(largest),
            "colors": {"open": OPEN_COLOR, "closed": CLOSED_COLOR, "death": DEATH_COLOR},
        },
        "cameo": {c: cameo_text(c) for c in codes},
        "strings": table.items,
        "charts": [{k: v for k, v in c.items() if k != "source"} for c in charts],
        "groups": groups,
        "runs": runs,
    }


def _json_for_script(data: dict) -> str:
    """JSON safe inside <script type="application/json">: no "</" and no "<!--"."""
    s = json.dumps(data, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return s.replace("</", "<\\/").replace("<!--", "<\\!--")


def build_page(path: str, per_group: int | None = None, title: str | None = None) -> str:
    """The page's HTML. BadInput when the file cannot be explored."""
    data = explorer_data(path, per_group, title)
    uplot = read_uplot()
    with open(PAGE_JS, encoding="utf-8") as handle:
        page_js = handle.read()
    with open(PAGE_CSS, encoding="utf-8") as handle:
        page_css = handle.read()
    licence = uplot["LICENSE"].strip().replace("*/", "* /")
    library = uplot["uPlot.iife.min.js"].replace(
        UPLOT_BANNER, f"/*! uPlot v{UPLOT_VERSION}, vendored from the npm package uplot; its "
                      f"licence:\n\n{licence}\n*/", 1)
    heading = html.escape(data["title"])
    n_runs = len(data["runs"])
    if data["group_kind"]:
        glance = (f"{data['kind']} file {html.escape(data['path'])}: {len(data['groups'])} "
                  f"{data['group_kind']}s, {n_runs} of its {data['runs_in_file']} runs")
    else:
        glance = f"run file {html.escape(data['path'])}: {n_runs} of its {data['runs_in_file']} runs"
    glance += (f"; {len(data['dates'])} days from {data['dates'][0]} to {data['dates'][-1]}")
    if data["master_seed"] is not None:
        glance += f"; master seed {data['master_seed']}"
    return f"""<!DOCTYPE html>
<html lang="en" data-explorer="loading">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{heading}</title>
<style>{uplot["uPlot.min.css"]}</style>
<style>{page_css}</style>
</head>
<body>
<header>
<h1>{heading}</h1>
<p class="glance">{glance}</p>
</header>
<section id="controls" aria-label="what to show">
<label id="option-label" hidden><span id="option-kind">option</span> <select id="option"></select></label>
<label>run <select id="run"></select></label>
<button id="play" type="button">&#9654; play</button>
<input id="day" type="range" min="0" max="{len(data['dates']) - 1}" value="0" step="1"
       aria-label="day">
<output id="date" for="day"></output>
</section>
<main>
<figure id="map-panel">
<svg id="map" role="img" aria-label="the border on the selected day"></svg>
<figcaption id="legend"></figcaption>
</figure>
<aside id="events-panel">
<h2>Events of <span id="events-date"></span></h2>
<p id="day-summary"></p>
<ol id="events"></ol>
</aside>
</main>
<section id="charts" aria-label="the run's daily series"></section>
<footer>
<p>Made by scripts/explore from {html.escape(data['path'])} (flashpoint
{html.escape(data['software'])}, git {html.escape(data['commit'])}). Districts: deaths of the
run's events located in the district from day 0 up to the selected day (circle area); posts:
the day-0 posts changed by every capture (CAMEO 192) and hand-back (0874) up to the day.
Charts drawn with uPlot {UPLOT_VERSION} (MIT licence, Leon Sorokin), inlined in this page.</p>
</footer>
<script>{library}</script>
<script type="application/json" id="explorer-data">{_json_for_script(data)}</script>
<script>{page_js}</script>
</body>
</html>
"""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="explore", description="Write one self-contained HTML page to watch the runs of a "
        "Flashpoint results file day by day: a map of the border, a day slider, a run or "
        "option selector and the daily series. docs/analysis.md.")
    parser.add_argument("file", metavar="FILE", help="results file (.h5): a run, or a sweep or "
                        "comparison that kept events")
    parser.add_argument("-o", "--output", metavar="OUT.html", required=True,
                        help="the HTML file to write")
    parser.add_argument("--runs", type=int, metavar="N",
                        help=f"runs on the page: the first N of a run file (default "
                        f"{DEFAULT_RUNS}), the first N of each option or design point of a "
                        f"comparison or sweep (default {DEFAULT_RUNS_PER_GROUP})")
    parser.add_argument("--title", help="title of the page (default: the scenario's or the "
                        "experiment's name)")
    args = parser.parse_args(argv)
    out_dir = os.path.dirname(os.path.abspath(args.output))
    try:
        if not os.path.isdir(out_dir):
            raise BadInput(f"{args.output}: the folder {out_dir} does not exist")
        page = build_page(args.file, args.runs, args.title)
    except BadInput as e:
        print(f"explore: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except RuntimeError as e:
        print(f"explore: {e}", file=sys.stderr)
        return 1
    if not write_page(page, args.output, "explore"):
        return 1
    size = os.path.getsize(args.output)
    print(f"explore: wrote {args.output} ({size / 1e6:.2f} MB)")
    return 0
