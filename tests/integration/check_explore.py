"""Checks of scripts/explore (the interactive explorer, docs/analysis.md) on files made by the
CLI, in headless Chromium driven through the DevTools protocol (tests/integration/
analysis_explore.cmake).

    check_explore.py vendor --repo SRC --work DIR
    check_explore.py page run FILE --repo SRC --work DIR          (a run file)
    check_explore.py page comparison FILE --repo SRC --work DIR   (a comparison, keep: events)
    check_explore.py controls FILE --repo SRC --work DIR          (FILE: a run file)
    check_explore.py bad_inputs RUN OUTCOMES_ONLY --repo SRC --work DIR

`vendor`: the sha256 of every vendored uPlot file equals the README's table and explore.py's
UPLOT_FILES; a copy with one byte changed is refused by explore.read_uplot.

`page`: writes the page with scripts/explore, checks it as a file (exit 0, quiet, size, no
address of any kind: no http:, https:, ftp:, file: or //host, no external resource) and then
in Chromium (--headless=new, --remote-debugging-pipe, this package's devtools_pipe.py), with
real input events only:

  slider    a mouse drag on the slider's track (coordinates from getBoundingClientRect), then
            ArrowRight and End with the slider focused: after each, the map's DOM (every post's
            data-holder and fill, every crossing's data-open, every district's deaths and
            events, the date, the day's events list) equals what this script computes from
            the HDF5 file for that run and day: posts held per state = /runs/posts_held, posts
            per sector and state = geo.post_control, crossings = /runs/crossing_open,
            districts = geo.district_deaths and geo.event_places, events = the /events rows of
            the day; and it differs from before wherever the file says the day differs;
  play      the play button advances the day, pressing it again stops it;
  chart     a click on a chart moves the slider to the day under the click;
  selector  focus on the run select (run file) or option select (comparison) and ArrowDown:
            window.flashpointExplorer's selection is the next run or option, and the charts'
            data read back from uPlot equal the file's series for the new run (escalation,
            hostility per dyad, deaths per category cumulated, attacks, trade, posts held,
            displaced, refugees) and differ from the previous run's;
  console   no Runtime.consoleAPICalled of type error, warning or assert, no
            Runtime.exceptionThrown, no Log.entryAdded of level error, over the whole visit;
  network   Network.enable shows no request but the page's own;
  pictures  Page.captureScreenshot before and after moving the slider and after the selector
            (PNG, 1200 pixels wide, each different from the one before), saved in the work dir.

Each comparison first shows that it can fail on the live page (a negative control): the map of
the day is compared with the file's other day, the series with the previous run's.

`controls`: copies of a good page, each broken in one way (a console error or warning, an
uncaught exception, a request for a missing file, an image that fails to load, the page's data
broken, an address in a comment or a style, an element that loads something, the library
altered, a tiny file; and a screenshot identical to the one before), must each be refused by
the check meant to catch it.

`bad_inputs`: a missing file, a file that is not HDF5, a comparison that kept only outcomes,
copies of a run without /geography or /events or with a district without coordinates, --runs
0, an output folder that does not exist: exit 2, exactly one line on stderr, no traceback, no page (each through explore.main in
this process, the first also through the script). The control, the run file with good
arguments, gives a page whose title is --title, escaped.

Chromium is required: without it the checks FAIL (they do not skip). It is looked for as
$CHROMIUM, chromium, chromium-browser, google-chrome. Exit 0 when every check passes, 1 with
"FAIL: ..." otherwise.
"""
import argparse
import hashlib
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import time

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "scripts"))
from devtools_pipe import Browser, DevToolsError  # noqa: E402
from flashpoint_analysis import explore, geo  # noqa: E402
from flashpoint_analysis.common import open_results, strings  # noqa: E402

MIN_BYTES, MAX_BYTES = 100 * 1024, 3 * 1000 * 1000
VIEWPORT = (1200, 1400)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


from check_report import Failure, ensure  # noqa: E402  (the same test helpers)
from check_report import find_chromium as _find_chromium  # noqa: E402


def find_chromium():
    return _find_chromium("the explorer checks drive the page")


def run_explore(repo, argv, echo=True, shebang=True):
    """scripts/explore through its shebang, as a user runs it (or, quicker, with this
    interpreter: the shebang's Python may first have to find one that has h5py and re-run the
    script with it): (exit code, stdout, stderr)."""
    cmd = [os.path.join(repo, "scripts", "explore"), *map(str, argv)]
    if not shebang:
        cmd.insert(0, sys.executable)
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, MPLBACKEND="Agg"))
    if echo:
        print("$", " ".join(cmd), "->", done.returncode)
        for name, text in (("stdout", done.stdout), ("stderr", done.stderr)):
            if text.strip():
                print(f"  {name}: {text.strip()}")
    return done.returncode, done.stdout, done.stderr


# ---------------------------------------------------------------------------------------------
# The page as a file


# Any address: a scheme that loads something, or a protocol-relative //host.name.
_ADDRESS = re.compile(r"(?:\b(?:https?|ftp|file|wss?):|(?<![\w:/])//[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)",
                      re.I)
_EXTERNAL = [
    (re.compile(r"<(?:script|img|iframe|frame|object|embed|video|audio|source|track|link|image|"
                r"use|input|a)\b[^>]*\b(?:src|href|srcset|data|poster|action)\s*=", re.I),
     "an element with an attribute that loads something"),
    (re.compile(r"<link\b", re.I), "a <link>"),
    (re.compile(r"<(?:iframe|frame|object|embed|img|video|audio|source)\b", re.I),
     "an element that loads something"),
    (re.compile(r"url\s*\(", re.I), "a CSS url()"),
    (re.compile(r"@import", re.I), "a CSS @import"),
]


def static_problems(page):
    """What is wrong with the HTML file itself, as a list of messages."""
    problems = []
    size = os.path.getsize(page)
    print(f"{page}: {size} bytes")
    if not MIN_BYTES < size < MAX_BYTES:
        problems.append(f"size: {size} bytes, expected between {MIN_BYTES} and {MAX_BYTES}")
    with open(page, encoding="utf-8") as handle:
        text = handle.read()
    for m in _ADDRESS.finditer(text):
        around = text[max(0, m.start() - 40):m.end() + 40].replace("\n", " ")
        problems.append(f"external: an address {m.group(0)!r}: ...{around}...")
        break
    for pattern, what in _EXTERNAL:
        m = pattern.search(text)
        if m:
            around = text[max(0, m.start() - 40):m.end() + 40].replace("\n", " ")
            problems.append(f"external: {what}: ...{around}...")
    # The library is the vendored file, inlined whole (only its first comment replaced).
    with open(os.path.join(explore.UPLOT_DIR, "uPlot.iife.min.js"), encoding="utf-8") as h:
        library = h.read()
    body = library[len(explore.UPLOT_BANNER):]
    if body not in text:
        problems.append("library: the page does not hold the vendored uPlot build verbatim")
    if "Permission is hereby granted" not in text or "Leon Sorokin" not in text:
        problems.append("library: the page does not carry uPlot's licence")
    print(f"  static checks: {len(problems)} problem(s)")
    return problems


# ---------------------------------------------------------------------------------------------
# What the file says a run looks like on a day


class FileTruth:
    """The expected state of the page, computed from the HDF5 file."""

    def __init__(self, path):
        self.path = path
        with open_results(path) as f:
            self.geo = geo.read_geography(f, path)
            self.dates = strings(f["runs/date"])
            runs = f["runs"]
            self.states = strings(runs["actor"])
            self.posts_held = runs["posts_held"][()]
            self.crossing_open = runs["crossing_open"][()]
            self.series = {
                "escalation": lambda r: [runs["escalation"][r]],
                "hostility": lambda r: list(runs["hostility"][r].T),
                "deaths": lambda r: list(np.cumsum(runs["fatalities"][r], axis=0).T),
                "attacks": lambda r: [runs["attacks_daily"][r]],
                "trade": lambda r: [runs["trade_flow_usd"][r]],
                "posts": lambda r: list(runs["posts_held"][r].T),
                "displaced": lambda r: list(runs["displaced"][r].T),
                "refugees": lambda r: list(runs["refugees"][r].T),
            }
            self._series = {}
            for r in range(int(runs["run"].shape[0])):
                self._series[r] = {k: [np.asarray(v, dtype=np.float64).tolist() for v in fn(r)]
                                   for k, fn in self.series.items()}
            self._events = {r: geo.run_events(f, path, r)
                            for r in range(int(runs["run"].shape[0]))}
            self.option = (runs["option"][()] if "option" in runs else None)
            self.replicate = runs["replicate"][()]

    def run_series(self, run):
        return self._series[run]

    def map_on(self, run, day):
        """What the map must show on `day` of `run`."""
        g, events = self.geo, self._events[run]
        held = geo.post_control(g, events, day)  # [sector, state]
        district, _ = geo.event_places(g, events)
        upto = events["day"] <= day
        day_rows = events[events["day"] == day]

        def s(v):
            return v.decode("utf-8") if isinstance(v, bytes) else str(v)
        return {
            "date": self.dates[day],
            "held": {st: int(self.posts_held[run, day, i]) for i, st in enumerate(self.states)},
            "per_sector": {(g["sector"][i], g["state"][j]): int(round(held[i, j]))
                           for i in range(len(g["sector"])) for j in range(len(g["state"]))},
            "crossings": {c: str(int(self.crossing_open[run, day, k]))
                          for k, c in enumerate(g["crossing"])},
            "district_deaths": {d: int(v) for d, v in
                                zip(g["district"], geo.district_deaths(g, events, day))},
            "district_events": {d: int(np.sum((district == k) & upto))
                                for k, d in enumerate(g["district"])},
            "events": [[s(e["actor"]) + (" → " + s(e["target"]) if s(e["target"]) else ""),
                        s(e["cameo"]), int(e["fatalities"])] for e in day_rows],
        }


# What the page shows, read from its DOM (not from its data or its script's variables).
READ_MAP = """(() => {
  const q = s => Array.from(document.querySelectorAll(s));
  return {
    slider: Number(document.getElementById("day").value),
    date: document.getElementById("date").textContent,
    events_date: document.getElementById("events-date").textContent,
    posts: q("#map rect.post").map(r => [r.dataset.sector, r.dataset.home, r.dataset.holder,
                                         r.getAttribute("fill")]),
    held_legend: q("#legend [data-state]").map(e => [e.dataset.state, Number(e.dataset.posts)]),
    crossings: q("#map g.crossing").map(g => [g.dataset.crossing, g.dataset.open]),
    districts: q("#map circle.district").map(c => [c.dataset.district, Number(c.dataset.deaths),
                                                   Number(c.dataset.events),
                                                   Number(c.getAttribute("r"))]),
    events: q("#events li:not(.none)").map(li => [li.querySelector(".dyad").textContent,
                                                  li.dataset.cameo, Number(li.dataset.deaths)]),
    colors: q("#legend [data-state]").map(e => [e.dataset.state,
                                                e.previousElementSibling.style.background]),
  };
})()"""


def map_problems(shown, expected, state_colors):
    """How the map on the page differs from what the file says, as a list of messages."""
    problems = []
    if expected["date"] not in shown["date"] or shown["events_date"] != expected["date"]:
        problems.append(f"date: the page says {shown['date']!r} / {shown['events_date']!r}, "
                        f"the file {expected['date']}")
    held, per_sector = {}, {}
    for sector, _home, holder, fill in shown["posts"]:
        held[holder] = held.get(holder, 0) + 1
        per_sector[(sector, holder)] = per_sector.get((sector, holder), 0) + 1
        if holder in state_colors and fill != state_colors[holder]:
            problems.append(f"posts: a post held by {holder} is filled {fill}, not "
                            f"{state_colors[holder]}")
            break
    for st, n in expected["held"].items():
        if held.get(st, 0) != n:
            problems.append(f"posts: {held.get(st, 0)} squares held by {st}, /runs/posts_held "
                            f"says {n}")
    for (sector, st), n in expected["per_sector"].items():
        if per_sector.get((sector, st), 0) != n:
            problems.append(f"posts: {per_sector.get((sector, st), 0)} squares of {sector} held "
                            f"by {st}, geo.post_control says {n}")
            break
    if dict(shown["held_legend"]) != expected["held"]:
        problems.append(f"legend: {dict(shown['held_legend'])}, expected {expected['held']}")
    if dict(shown["crossings"]) != expected["crossings"]:
        problems.append(f"crossings: {dict(shown['crossings'])}, /runs/crossing_open says "
                        f"{expected['crossings']}")
    deaths = {d: v for d, v, _, _ in shown["districts"]}
    counts = {d: n for d, _, n, _ in shown["districts"]}
    if deaths != expected["district_deaths"]:
        wrong = {d: (deaths.get(d), v) for d, v in expected["district_deaths"].items()
                 if deaths.get(d) != v}
        problems.append(f"districts: deaths (page, file) differ: {wrong}")
    if counts != expected["district_events"]:
        wrong = {d: (counts.get(d), v) for d, v in expected["district_events"].items()
                 if counts.get(d) != v}
        problems.append(f"districts: events (page, file) differ: {wrong}")
    radii = {d: r for d, v, _, r in shown["districts"]}
    dead = [d for d, v in expected["district_deaths"].items() if v > 0]
    if dead and max(radii[d] for d in dead) <= 3.0:
        problems.append("districts: no circle grew with its deaths")
    if shown["events"] != expected["events"]:
        problems.append(f"events: the page lists {len(shown['events'])} events "
                        f"{shown['events'][:3]}..., the file {len(expected['events'])} "
                        f"{expected['events'][:3]}...")
    return problems


def series_problems(shown, expected, n_days):
    """How the charts' data (from uPlot) differ from the file's series of a run."""
    problems = []
    ids = [c["id"] for c in shown]
    if sorted(ids) != sorted(expected):
        problems.append(f"charts: the page has {ids}, expected {sorted(expected)}")
    for chart in shown:
        want = expected.get(chart["id"])
        if want is None:
            continue
        x, lines = chart["data"][0], chart["data"][1:]
        if x != list(range(n_days)):
            problems.append(f"charts: {chart['id']}'s x is not the day indices 0..{n_days - 1}")
        if len(lines) != len(want):
            problems.append(f"charts: {chart['id']} has {len(lines)} lines, expected {len(want)}")
            continue
        for label, got, exp in zip(chart["labels"], lines, want):
            if [float(v) for v in got] != exp:
                problems.append(f"charts: {chart['id']} {label} differs from the file")
    return problems


# ---------------------------------------------------------------------------------------------
# The browser


def problems_in_log(events, page_url):
    """Console errors, uncaught exceptions, logged errors and requests other than the page,
    from the DevTools events of a visit."""
    problems = []
    for e in events:
        method, params = e.get("method"), e.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning",
                                                                           "assert"):
            text = " ".join(str(a.get("value", a.get("description", "")))
                            for a in params.get("args", []))
            problems.append(f"console: {params['type']}: {text[:300]}")
        elif method == "Runtime.exceptionThrown":
            d = params.get("exceptionDetails", {})
            problems.append("console: uncaught exception: "
                            f"{(d.get('exception', {}).get('description') or d.get('text'))[:300]}")
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            problems.append(f"console: log error: {params['entry'].get('text', '')[:300]}")
        elif method == "Network.requestWillBeSent":
            url = params.get("request", {}).get("url", "")
            if url != page_url:
                problems.append(f"network: a request for {url[:200]}")
    return problems


def open_page(browser, page_path):
    page = browser.open_page()
    for domain in ("Runtime.enable", "Log.enable", "Network.enable"):
        page.send(domain)
    page.send("Emulation.setDeviceMetricsOverride",
              {"width": VIEWPORT[0], "height": VIEWPORT[1], "deviceScaleFactor": 1,
               "mobile": False})
    url = "file://" + os.path.abspath(page_path)
    page.navigate(url)
    browser.pump(0.15)  # what the page logs just after loading (a timer of the controls)
    state = page.evaluate("document.documentElement.getAttribute('data-explorer')")
    return page, url, state


def rect_of(page, selector):
    r = page.evaluate(f"(() => {{ const e = document.querySelector({json.dumps(selector)}); "
                      "e.scrollIntoView({block: 'center'}); const b = e.getBoundingClientRect(); "
                      "return [b.left, b.top, b.width, b.height]; })()")
    ensure(r and r[2] > 0 and r[3] > 0, f"{selector} is not on the page (no box)")
    return r


def screenshot(page, path, previous=None):
    data = page.screenshot(path)
    ensure(data[:8] == PNG_SIGNATURE, f"{path}: the screenshot is not a PNG")
    width, height = struct.unpack(">II", data[16:24])
    print(f"  screenshot {path}: {width}x{height}, {len(data)} bytes")
    ensure(width == VIEWPORT[0], f"{path}: {width} pixels wide, expected {VIEWPORT[0]}")
    if previous is not None:
        ensure(data != previous, f"{path}: the same picture as the one before: nothing changed")
    return data


def check_map(page, truth, run, what):
    """The map on the page against the file for the page's run and day; returns the day."""
    shown = page.evaluate(READ_MAP)
    day = shown["slider"]
    api_day = page.evaluate("window.flashpointExplorer.day")
    ensure(api_day == day, f"{what}: the slider says day {day}, the explorer {api_day}")
    colors = dict(zip(truth.geo["state"], page.evaluate(
        "JSON.parse(document.getElementById('explorer-data').textContent).geo.state_colors")))
    problems = map_problems(shown, truth.map_on(run, day), colors)
    ensure(not problems, f"{what} (run {run}, day {day}): the map is not the file's:\n  "
           + "\n  ".join(problems))
    print(f"  {what}: day {day} ({truth.dates[day]}): map = file "
          f"({sum(truth.map_on(run, day)['held'].values())} posts, "
          f"{len(shown['events'])} events listed)")
    return day, shown


def differs(before, after, expected_before, expected_after):
    """The parts of the map the file says changed between two days must have changed on the
    page too (and the date always)."""
    problems = []
    if before["date"] == after["date"]:
        problems.append("the date did not change")
    if expected_before["held"] != expected_after["held"] and \
            [p[2] for p in before["posts"]] == [p[2] for p in after["posts"]]:
        problems.append("the posts' holders did not change, the file says they did")
    if expected_before["crossings"] != expected_after["crossings"] and \
            before["crossings"] == after["crossings"]:
        problems.append("the crossings did not change, the file says they did")
    if expected_before["events"] != expected_after["events"] and \
            before["events"] == after["events"]:
        problems.append("the events list did not change, the file says it did")
    return problems


def target_day(truth, run):
    """A day whose map differs from day 0 in posts and crossings if the run has one, else in
    events: where the test drags the slider to."""
    first = truth.map_on(run, 0)
    best, score = len(truth.dates) // 2, -1
    for day in range(1, len(truth.dates) - 2):
        m = truth.map_on(run, day)
        s = 2 * (m["held"] != first["held"]) + (m["crossings"] != first["crossings"])
        if s > score:
            best, score = day, s
    return best


def check_page(args):
    truth = FileTruth(args.file)
    os.makedirs(args.work, exist_ok=True)
    page_path = os.path.join(args.work, f"explore-{args.kind}.html")
    if os.path.exists(page_path):
        os.remove(page_path)
    runs = 3 if args.kind == "run" else 2
    start = time.monotonic()
    code, out, err = run_explore(args.repo, [args.file, "-o", page_path, "--runs", runs])
    ensure(code == 0, f"scripts/explore exited with {code}, expected 0")
    ensure(err.strip() == "", f"scripts/explore printed on stderr: {err.strip()}")
    ensure(os.path.isfile(page_path) and not os.path.exists(page_path + ".partial"),
           "scripts/explore wrote no page (or left its .partial)")
    print(f"  written in {time.monotonic() - start:.1f} s")
    problems = static_problems(page_path)
    ensure(not problems, "the page as a file:\n  " + "\n  ".join(problems))

    chromium = find_chromium()
    with Browser(chromium, args.work, *VIEWPORT) as browser:
        page, url, state = open_page(browser, page_path)
        ensure(state == "ready", f"the page's script did not finish (data-explorer = {state!r})")
        ensure(page.evaluate("Object.isFrozen(window.flashpointExplorer) && "
                             "!Object.getOwnPropertyDescriptor(window, 'flashpointExplorer')"
                             ".writable"), "window.flashpointExplorer is not read-only")
        selection = page.evaluate("window.flashpointExplorer.selection")
        run = selection["run"]
        print(f"  opened: selection {selection}")
        day0, before = check_map(page, truth, run, "on opening")
        ensure(day0 == 0, f"the page opens on day {day0}, expected 0")
        shot = screenshot(page, os.path.join(args.work, f"{args.kind}-1-opened.png"))

        # The slider: a real drag from its thumb to the target day.
        aim = target_day(truth, run)
        x, y, w, h = rect_of(page, "#day")
        thumb = 8  # half the thumb's width: the track's ends are where its centre can go
        last = len(truth.dates) - 1
        to_x = x + thumb + (w - 2 * thumb) * aim / last
        page.drag(x + thumb, y + h / 2, to_x, y + h / 2)
        day1, after = check_map(page, truth, run, "after dragging the slider")
        ensure(day1 != day0, "dragging the slider did not change the day")
        # Negative controls: the map of each day checked against the file's other day must
        # fail, in every part the file says differs between the two days (posts, crossings,
        # districts, events), not only in the date.
        expected0, expected1 = truth.map_on(run, day0), truth.map_on(run, day1)
        parts = [part for part, keys in (("posts:", ("held", "per_sector")),
                                         ("crossings:", ("crossings",)),
                                         ("districts:", ("district_deaths", "district_events")),
                                         ("events:", ("events",)))
                 if any(expected0[k] != expected1[k] for k in keys)]
        print(f"  the file says day {day1} differs from day {day0} in {parts}")
        ensure("posts:" in parts, f"the fixture's run {run} never changes its posts: the "
               "slider check would not see the posts")
        for shown, expected in ((after, expected0), (before, expected1)):
            control = map_problems(shown, expected, {})
            missed = [p for p in parts + ["date:"]
                      if not any(c.startswith(p) for c in control)]
            ensure(not missed, f"control: a map checked against the other day's file state "
                   f"passes in {missed}: the check cannot fail there")
        print(f"  control: day {day1}'s map against day {day0}'s file state fails in "
              f"{sorted({c.split(':')[0] for c in control})}")
        changed = differs(before, after, truth.map_on(run, day0), truth.map_on(run, day1))
        ensure(not changed, "after the drag: " + "; ".join(changed))
        ensure(differs(before, before, truth.map_on(run, day0), truth.map_on(run, day1)),
               "control: an unchanged map passes the 'differs' check")
        shot = screenshot(page, os.path.join(args.work, f"{args.kind}-2-slider.png"), shot)

        # The keyboard, the slider focused (the drag focused it): ArrowRight, then End.
        ensure(page.evaluate("document.activeElement.id") == "day",
               "the slider is not focused after the drag")
        page.key("ArrowRight")
        day2, _ = check_map(page, truth, run, "after ArrowRight")
        ensure(day2 == day1 + 1, f"ArrowRight moved day {day1} to {day2}")
        page.key("End")
        day3, _ = check_map(page, truth, run, "after End")
        ensure(day3 == last, f"End moved to day {day3}, expected {last}")

        # A click on a chart moves the slider to the day clicked.
        cx, cy, cw, ch = rect_of(page, "#chart-attacks .u-over")
        aim = last // 3
        page.click(cx + cw * (aim + 0.5) / (last + 1), cy + ch / 2)
        day4, _ = check_map(page, truth, run, "after a click on the attacks chart")
        ensure(day4 == aim, f"a click on day {aim} of a chart moved the slider to {day4}")

        # Play, then pause.
        px_, py_, pw, ph = rect_of(page, "#play")
        page.click(px_ + pw / 2, py_ + ph / 2)
        browser.pump(0.9)
        page.click(px_ + pw / 2, py_ + ph / 2)
        day5 = page.evaluate("window.flashpointExplorer.day")
        browser.pump(0.5)
        day6, _ = check_map(page, truth, run, "after play and pause")
        ensure(day5 >= day4 + 2, f"play moved from day {day4} to {day5} in 0.9 s")
        ensure(day6 == day5, f"the day moved on after pause ({day5} -> {day6})")

        # The selector: the next run (run file) or option (comparison), by the keyboard.
        before_series = page.evaluate("window.flashpointExplorer.series")
        problems = series_problems(before_series, truth.run_series(run), len(truth.dates))
        ensure(not problems, f"the charts of run {run}:\n  " + "\n  ".join(problems))
        select = "option" if args.kind == "comparison" else "run"
        page.evaluate(f"document.getElementById('{select}').focus()")
        page.key("ArrowDown")
        new = page.evaluate("window.flashpointExplorer.selection")
        print(f"  after ArrowDown on #{select}: selection {new}")
        ensure(new["run"] != run, f"ArrowDown on #{select} did not change the run ({new})")
        if args.kind == "comparison":
            ensure(new["group"] != selection["group"], "ArrowDown did not change the option")
            ensure(truth.option[new["run"]] == truth.option[run] + 1,
                   f"run {new['run']} is not of the next option")
            ensure(truth.replicate[new["run"]] == truth.replicate[run],
                   "switching the option did not keep the replicate")
        else:
            ensure(new["run"] == run + 1, f"ArrowDown selected run {new['run']}, not {run + 1}")
        after_series = page.evaluate("window.flashpointExplorer.series")
        problems = series_problems(after_series, truth.run_series(new["run"]), len(truth.dates))
        ensure(not problems, f"the charts of run {new['run']}:\n  " + "\n  ".join(problems))
        control = series_problems(after_series, truth.run_series(run), len(truth.dates))
        ensure(control, f"control: the new run's charts pass as run {run}'s: they did not "
               "change, or the check cannot fail")
        print(f"  charts = the file's series of run {new['run']}; control against run {run}: "
              f"{len(control)} difference(s), e.g. {control[0]}")
        check_map(page, truth, new["run"], "after the selector")
        screenshot(page, os.path.join(args.work, f"{args.kind}-3-selector.png"), shot)

        browser.pump(0.2)  # anything the page still logs
        problems = problems_in_log(page.events, url)
        requests = [e for e in page.events if e.get("method") == "Network.requestWillBeSent"]
        print(f"  {len(page.events)} DevTools events, {len(requests)} request(s) "
              f"({', '.join(e['params']['request']['url'][:60] for e in requests)})")
        ensure(requests, "control: Network.enable saw not even the page's own request")
        ensure(not problems, "the visit:\n  " + "\n  ".join(problems))
    print(f"OK: the {args.kind} page passes every check")


# ---------------------------------------------------------------------------------------------
# Negative controls on broken copies of a page


def check_controls(args):
    os.makedirs(args.work, exist_ok=True)
    base_path = os.path.join(args.work, "control-base.html")
    code, _, err = run_explore(args.repo, [args.file, "-o", base_path, "--runs", 2])
    ensure(code == 0, f"scripts/explore exited with {code}: {err.strip()}")
    with open(base_path, encoding="utf-8") as handle:
        base = handle.read()
    ensure(not static_problems(base_path), "the unbroken page already fails the static checks")

    def variant(name, change):
        text = change(base)
        ensure(text != base, f"control {name}: the change did not apply")
        path = os.path.join(args.work, f"control-{name}.html")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        return path

    def before_body_end(snippet):
        return lambda t: t.replace("</body>", snippet + "</body>", 1)

    static_controls = {
        "address-in-comment": (before_body_end("<!-- see https://example.invalid/ -->"),
                               "external: an address"),
        "protocol-relative": (lambda t: t.replace("</style>", "/* //cdn.example.net/x */</style>",
                                                  1), "external: an address"),
        "image": (before_body_end('<img alt="" src="missing.png">'), "external:"),
        "tiny": (lambda t: t[:5000], "size:"),
        "library-altered": (lambda t: t.replace("uPlot", "uPIot", 3), "library:"),
    }
    browser_controls = {
        "console-error": (before_body_end('<script>console.error("control")</script>'),
                          "console: error"),
        "console-warning": (before_body_end('<script>console.warn("control")</script>'),
                            "console: warning"),
        "uncaught": (before_body_end(
            '<script>setTimeout(() => { throw new Error("control") }, 10)</script>'),
            "console: uncaught exception"),
        "request": (before_body_end(
            '<script>fetch("missing.json").catch(() => 0)</script>'), "network: a request"),
        "failed-load": (before_body_end('<img alt="" src="missing.png">'), "console: log error"),
        "broken-data": (lambda t: t.replace('<script type="application/json" id="explorer-data">{',
                                            '<script type="application/json" id="explorer-data">{{',
                                            1), "console: uncaught exception"),
    }
    failed = []
    for name, (change, expected) in static_controls.items():
        problems = static_problems(variant(name, change))
        caught = any(p.startswith(expected) for p in problems)
        print(f"control {name}: {'caught' if caught else 'NOT CAUGHT'} ({problems[:1]})")
        if not caught:
            failed.append(f"{name}: expected a problem starting {expected!r}, got {problems}")
    chromium = find_chromium()
    with Browser(chromium, args.work, *VIEWPORT) as browser:
        page, url, state = open_page(browser, base_path)
        ensure(state == "ready" and not problems_in_log(page.events, url),
               "the unbroken page already fails in the browser: "
               f"{problems_in_log(page.events, url)}")
        # A screenshot identical to the one before is refused.
        first = screenshot(page, os.path.join(args.work, "control-same.png"))
        try:
            screenshot(page, os.path.join(args.work, "control-same.png"), first)
            failed.append("same-screenshot: two identical screenshots passed as different")
        except Failure as e:
            print(f"control same-screenshot: caught ({e})")
        page.close()
        for name, (change, expected) in browser_controls.items():
            page, url, state = open_page(browser, variant(name, change))
            problems = problems_in_log(page.events, url)
            page.close()
            caught = any(p.startswith(expected) for p in problems)
            print(f"control {name}: {'caught' if caught else 'NOT CAUGHT'} ({problems[:2]})")
            if not caught:
                failed.append(f"{name}: expected a problem starting {expected!r}, got {problems}")
    ensure(not failed, "checks that did not catch what they are for:\n  " + "\n  ".join(failed))
    print(f"OK: all {len(static_controls) + len(browser_controls) + 1} broken pages were refused")


# ---------------------------------------------------------------------------------------------
# Bad input and the vendored library


def check_bad_inputs(args):
    os.makedirs(args.work, exist_ok=True)
    run_file, outcomes_only = args.files
    not_hdf5 = os.path.join(args.work, "not-results.h5")
    with open(not_hdf5, "w") as handle:
        handle.write("this is not HDF5\n")
    copies = {}
    for group in ("geography", "events"):
        path = os.path.join(args.work, f"no-{group}.h5")
        shutil.copyfile(run_file, path)
        with h5py.File(path, "r+") as f:
            del f[group]
        copies[group] = path
    path = os.path.join(args.work, "no-coordinates.h5")
    shutil.copyfile(run_file, path)
    with h5py.File(path, "r+") as f:
        f["geography/district_lat"][1] = np.nan
    copies["coordinates"] = path
    out = os.path.join(args.work, "x.html")
    cases = [
        ([os.path.join(args.work, "missing.h5"), "-o", out], "no such file"),
        ([not_hdf5, "-o", out], "not an HDF5 file"),
        ([outcomes_only, "-o", out], "keep: series and events needed"),
        ([copies["geography"], "-o", out], "has no /geography"),
        ([copies["events"], "-o", out], "has no /events"),
        ([copies["coordinates"], "-o", out], "has no coordinates (NaN)"),
        ([run_file, "-o", out, "--runs", "0"], "--runs 0"),
        ([run_file, "-o", os.path.join(args.work, "no-such-folder", "x.html")],
         "does not exist"),
    ]
    if os.path.exists(out):
        os.remove(out)
    # Each case through explore.main in this process (one Python start for all), the first
    # also as a process through the script's shebang, as a user runs it.
    import contextlib
    import io
    results = []
    for argv, _ in cases:
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            try:
                code = explore.main([str(a) for a in argv])
            except SystemExit as e:  # argparse
                code = e.code
        results.append((code, "", err.getvalue()))
    results.append(run_explore(args.repo, cases[0][0], echo=False))
    for (argv, expected), (code, _, err) in zip(cases + cases[:1], results):
        print("$ explore", " ".join(argv), "->", code, "\n  stderr:", err.strip())
        lines = err.strip().splitlines()
        ensure(code == 2, f"explore {' '.join(argv)} exited with {code}, expected 2")
        ensure(len(lines) == 1, f"explore {' '.join(argv)}: {len(lines)} lines on stderr, "
               "expected 1")
        ensure(lines[0].startswith("explore: "), f"the message does not start with 'explore: '")
        ensure(expected in lines[0], f"explore {' '.join(argv)}: stderr does not say "
               f"{expected!r}")
        ensure(not os.path.exists(out), f"a page was written for {' '.join(argv)}")
    # Control: the same run file with good arguments gives a page, with --title used and
    # escaped.
    title = ("Seed scenario <check> & co", "Seed scenario &lt;check&gt; &amp; co")
    code, _, err = run_explore(args.repo, [run_file, "-o", out, "--runs", "1", "--title",
                                           title[0]], shebang=False)
    ensure(code == 0 and os.path.exists(out), f"the control was refused (exit {code}): {err}")
    with open(out, encoding="utf-8") as handle:
        text = handle.read()
    ensure(f"<title>{title[1]}</title>" in text and f"<h1>{title[1]}</h1>" in text,
           f"the page's title is not --title {title[0]!r}, escaped")
    print(f"OK: {len(cases)} bad inputs give exit code 2 and one line; the control a page")


def check_vendor(args):
    os.makedirs(args.work, exist_ok=True)
    folder = explore.UPLOT_DIR
    readme = open(os.path.join(folder, "README.md"), encoding="utf-8").read()
    ensure(f"`{explore.UPLOT_VERSION}`" in readme, "the README does not name the version")
    names = sorted(os.listdir(folder))
    ensure(names == sorted(list(explore.UPLOT_FILES) + ["README.md"]),
           f"the vendor folder holds {names}, expected the three files and the README")
    for name, expected in explore.UPLOT_FILES.items():
        with open(os.path.join(folder, name), "rb") as handle:
            got = hashlib.sha256(handle.read()).hexdigest()
        print(f"  {name}: sha256 {got}")
        ensure(got == expected, f"{name}: sha256 {got}, explore.py says {expected}")
        row = re.search(rf"\| `{re.escape(name)}` \|[^\n]*\| `([0-9a-f]{{64}})` \|", readme)
        ensure(row and row.group(1) == got, f"{name}: the README's sha256 is not {got}")
    ensure(len(explore.read_uplot()) == 3, "explore.read_uplot did not read the three files")
    # Control: one byte changed in a copy of the folder is refused.
    copy = os.path.join(args.work, f"uplot-{explore.UPLOT_VERSION}")
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(folder, copy)
    with open(os.path.join(copy, "uPlot.min.css"), "r+b") as handle:
        handle.seek(10)
        byte = handle.read(1)
        handle.seek(10)
        handle.write(bytes([byte[0] ^ 1]))
    saved, explore.UPLOT_DIR = explore.UPLOT_DIR, copy
    try:
        explore.read_uplot()
        raise Failure("control: a changed byte in uPlot.min.css was not noticed")
    except RuntimeError as e:
        print(f"  control: {e}")
    finally:
        explore.UPLOT_DIR = saved
    print("OK: the vendored uPlot files are the ones the README lists")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("check", choices=["vendor", "page", "controls", "bad_inputs"])
    parser.add_argument("rest", nargs="*")
    parser.add_argument("--repo", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    if args.check == "page":
        if len(args.rest) != 2 or args.rest[0] not in ("run", "comparison"):
            parser.error("page needs KIND (run or comparison) and FILE")
        args.kind, args.file = args.rest
    elif args.check == "bad_inputs":
        if len(args.rest) != 2:
            parser.error("bad_inputs needs RUN and OUTCOMES_ONLY")
        args.files = args.rest
    elif args.check == "controls":
        if len(args.rest) != 1:
            parser.error("controls needs FILE")
        args.file = args.rest[0]
    start = time.monotonic()
    try:
        {"vendor": check_vendor, "page": check_page, "controls": check_controls,
         "bad_inputs": check_bad_inputs}[args.check](args)
    except (Failure, DevToolsError) as e:
        print(f"FAIL: {e}")
        return 1
    print(f"({time.monotonic() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
