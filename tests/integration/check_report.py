"""Checks of scripts/report (the HTML report of a results file) on files made by the CLI
(tests/integration/analysis_report.cmake).

    check_report.py page KIND FILE --repo SRC --work DIR     KIND: run, sweep, comparison,
                                                             comparison-pareto or calibration
    check_report.py controls FILE --repo SRC --work DIR      negative controls (FILE: a run)
    check_report.py bad_inputs FILE --repo SRC --work DIR
    check_report.py bad_attributes RUN SWEEP COMPARISON --repo SRC --work DIR

`page` writes the report of FILE with scripts/report and checks it:

  static   exit 0 and nothing on stderr; size between 50 kB and 20 MB; every section heading
           of the kind present; every expected picture present as an <img> (not replaced by a
           note); every <img> a data:image/png;base64 URL; no resource that points outside
           the page (src=, href=, url(), @import to http:, https:, //host or file:; no
           <link rel=stylesheet>, no <script src>);
  browser  the page opened in headless Chromium (--dump-dom after --virtual-time-budget): the
           page's own inline script must have run on load and recorded
           data-report-images="ok N" on <html> with N the number of <img> tags (every image
           complete with naturalWidth > 0), and the browser's log (--enable-logging=stderr)
           must hold no console message at all (an error, an uncaught exception, a resource
           that failed to load: the report logs nothing when all is well).

`controls` shows that each check can fail: it breaks copies of a good report (a corrupted
image, an external stylesheet, a missing section, a thrown exception, the inline script
removed, a tiny file) and requires each copy to be refused by the check meant to catch it.

`bad_attributes` rewrites, in copies of a run, a (Morris) sweep and a comparison file, each
attribute the report reads with a value of the wrong type (a string for a number, an array of
floats for an integer, an integer for a date or a text, a number that is not one as text):
scripts/report must exit with 2 and print exactly one line on stderr that names the file, the
attribute and what it should hold, with no traceback and no page written; scripts/fp-plot
`all` must refuse the same files the same way. A control copy, with an attribute rewritten to
a value of the right type, must still give a page (exit 0).

Chromium is required (by `page` and `controls`): when it is not installed, the checks FAIL
(they do not skip). It is looked for as $CHROMIUM, chromium, chromium-browser, google-chrome.
Exit 0 when every check passes, 1 with "FAIL: ..." otherwise.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

MIN_BYTES = 50 * 1024
MAX_BYTES = 20 * 1024 * 1024

# Section ids and headings per kind, in the order the page must have them: the answer first,
# the provenance last (scripts/flashpoint_analysis/report.py, SECTIONS). comparison-pareto is a
# comparison that kept the daily series and has a Pareto front (compare_pareto.yaml).
_COMPARISON_SECTIONS = [("answer", "The answer"), ("each-option", "Each option"),
                        ("comparison", "Against the status quo"), ("robustness", "Robustness"),
                        ("pareto", "Trade-offs: the Pareto front"),
                        ("options", "Every outcome per option"), ("design", "Scenario ensemble"),
                        ("scenario", "Scenario"), ("provenance", "Provenance")]
SECTIONS = {
    "run": [("summary", "In short"), ("pictures", "Pictures"), ("outcomes", "Outcomes per run"),
            ("scenario", "Scenario"), ("provenance", "Provenance")],
    "sweep": [("influence", "Which parameters matter"), ("pictures", "Pictures"),
              ("sensitivity", "Sensitivity"), ("outcomes", "Outcomes per run"),
              ("design", "Design"), ("scenario", "Scenario"), ("provenance", "Provenance")],
    "comparison": _COMPARISON_SECTIONS,
    "comparison-pareto": _COMPARISON_SECTIONS,
    "calibration": [("scenario", "Scenario"), ("pictures", "Pictures"),
                    ("posterior", "Posterior"), ("targets", "Targets at the posterior"),
                    ("generations", "Generations"), ("provenance", "Provenance")],
}
# Pictures that must be drawn (not replaced by a note) for the fixtures of each kind.
PICTURES = {
    "run": ["fan", "timeline", "map"],
    "sweep": ["sweep-param", "sweep-heatmap", "sensitivity", "scatter"],
    "comparison": ["forest", "distributions", "robustness"],
    "comparison-pareto": ["option-fans", "forest", "distributions", "robustness", "pareto"],
    "calibration": ["posterior"],
}
# Pictures that must be replaced by a note saying why (the fixtures kept no daily series).
NOTES = {"run": [], "sweep": [("fan", "series")], "comparison": [("option-fans", "keep: series")],
         "comparison-pareto": [], "calibration": []}
# Pictures that must not be on the page at all (a comparison's pooled fan chart).
ABSENT = {"comparison": ["fan"], "comparison-pareto": ["fan"]}
# Text every page of a kind must contain (provenance, tables).
_COMPARISON_TEXTS = ["status_quo", "P(rung&gt;=8)", "P(ceasefire&lt;=30d)", "max regret",
                     "meets the thresholds", "Wilson", "The comparison file, as it was read",
                     "Which of ", "worst case", "Hurwicz", "Laplace", "peakedness",
                     "P(better)", "master seed"]
TEXTS = {
    "run": ["master seed", "git commit", "command line", "software version", "created (UTC)",
            "fatalities_all", "5-95% range", "The scenario file, as it was read", "districts",
            "crossings", "border sectors", "reached armed conflict", "median first day"],
    "sweep": ["morris", "mu*", "sigma", "actors.PAK.rationality", "The sweep file, as it was read",
              "fatalities_all", "5-95% range", "master seed", "of the summed Morris mu*"],
    "comparison": _COMPARISON_TEXTS + ["mediation", "longer_closure",
                                       "Pareto front: not in this file", "Regret per scenario",
                                       '<table class="heat">'],
    "comparison-pareto": _COMPARISON_TEXTS + ["leverage_1", "leverage_3", "longer_closure",
                                              "non-dominated on", "Pareto rank",
                                              '<table class="heat">'],
    "calibration": ["districts.hills.attack_rate_per_day", "strategic.hostility_event_scale",
                    "distinct", "misfit", "strike_to_ceasefire", "ABC-SMC",
                    "The calibration file, as it was read", "master seed"],
}
# The outcomes whose most influential parameters a sweep's page must name.
SWEEP_HEADLINE = ("peak_escalation", "conflict_days", "fatalities_all", "trade_lost_usd")
# How many numbers the sentences of a page must at least hold (so that the check of the
# sentences cannot pass by finding none).
MIN_FIGURES = {"run": 10, "sweep": 8, "comparison": 12, "comparison-pareto": 14}


class Failure(Exception):
    pass


def ensure(condition, message):
    if not condition:
        raise Failure(message)


# ---------------------------------------------------------------------------------------------
# Running things


def find_chromium(what="the report checks open the page"):
    """The Chromium executable, or Failure explaining how to get one (never a skip); `what`
    says which checks need it (check_explore.py uses this too)."""
    for name in [os.environ.get("CHROMIUM", "").strip(), "chromium", "chromium-browser",
                 "google-chrome"]:
        if name:
            path = shutil.which(name)
            if path:
                return path
    raise Failure(f"Chromium is not installed: {what} in headless "
                  "Chromium and cannot pass without it. Install Debian's chromium "
                  "(scripts/install_deps.sh does: sudo apt-get install chromium) or set "
                  "CHROMIUM to a Chromium or Chrome executable.")


def make_report(repo, results, out, *extra):
    """Runs scripts/report (through its shebang, as a user would); returns (code, out, err)."""
    cmd = [os.path.join(repo, "scripts", "report"), results, "-o", out, *extra]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600,
                          env=dict(os.environ, MPLBACKEND="Agg"))
    print("$", " ".join(cmd), "->", done.returncode)
    for name, text in (("stdout", done.stdout), ("stderr", done.stderr)):
        if text.strip():
            print(f"  {name}: {text.strip()}")
    return done.returncode, done.stdout, done.stderr


def open_in_browser(page, work):
    """Opens `page` in headless Chromium; returns (the dumped DOM's head, the browser's log).

    A fresh profile per launch, so that parallel tests do not share one."""
    chromium = find_chromium()
    profile = tempfile.mkdtemp(prefix="chromium-profile-", dir=work)
    cmd = [chromium, "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run",
           "--disable-extensions", "--disable-dev-shm-usage", f"--user-data-dir={profile}",
           "--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000", "--dump-dom",
           "file://" + os.path.abspath(page)]
    try:
        done = subprocess.run(cmd, capture_output=True, timeout=180)
    except subprocess.TimeoutExpired:
        raise Failure(f"Chromium did not finish with {page} within 180 s") from None
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    log = done.stderr.decode("utf-8", "replace")
    dom = done.stdout.decode("utf-8", "replace")
    print(f"$ chromium --headless ... --dump-dom {page} -> {done.returncode} "
          f"({len(dom)} characters of DOM)")
    ensure(done.returncode == 0 and dom.strip(),
           f"Chromium failed on {page} (exit {done.returncode}); its log ends:\n"
           + "\n".join(log.splitlines()[-15:]))
    return dom, log


# ---------------------------------------------------------------------------------------------
# The checks


_EXTERNAL = [
    (re.compile(r"""\b(?:src|href|srcset|poster|data|action)\s*=\s*["']?\s*"""
                r"""(?:https?:|ftp:|file:|//)""", re.I), "an attribute pointing outside the page"),
    (re.compile(r"""url\(\s*["']?\s*(?:https?:|ftp:|file:|//)""", re.I), "a CSS url() outside"),
    (re.compile(r"@import", re.I), "a CSS @import"),
    (re.compile(r"<link\b[^>]*\bstylesheet", re.I), "a <link rel=stylesheet>"),
    (re.compile(r"<script\b[^>]*\bsrc\s*=", re.I), "a <script src=...>"),
    (re.compile(r"<(?:iframe|object|embed)\b", re.I), "an iframe, object or embed"),
]


def static_problems(page, kind, results=None):
    """What is wrong with the HTML file itself (no browser), as a list of messages; with the
    results file, also what is wrong with the sentences' numbers (sentence_problems)."""
    problems = []
    size = os.path.getsize(page)
    print(f"{page}: {size} bytes")
    if not MIN_BYTES < size < MAX_BYTES:
        problems.append(f"size: {size} bytes, expected between {MIN_BYTES} and {MAX_BYTES}")
    with open(page, encoding="utf-8") as handle:
        text = handle.read()
    for ident, heading in SECTIONS[kind]:
        if f'<h2 id="{ident}">{heading}</h2>' not in text:
            problems.append(f"section: no heading <h2 id=\"{ident}\">{heading}</h2>")
    found = re.findall(r'<h2 id="([^"]+)">', text)
    required = [ident for ident, _ in SECTIONS[kind]]
    if [i for i in found if i in required] != required or not found or \
            found[0] != required[0] or found[-1] != "provenance":
        problems.append(f"order: the sections are {found}, expected {required} (the answer "
                        "first, the provenance last; optional sections in between)")
    for picture in ABSENT.get(kind, []):
        if f'id="picture-{picture}"' in text:
            problems.append(f"picture: {picture} is on the page, and should not be")
    images = re.findall(r"<img\b[^>]*>", text)
    for tag in images:
        src = re.search(r'\bsrc="([^"]*)"', tag)
        if not src or not src.group(1).startswith("data:image/png;base64,"):
            problems.append(f"image: an <img> that is not an embedded PNG: {tag[:120]}")
    for picture in PICTURES[kind]:
        m = re.search(rf'<figure id="picture-{re.escape(picture)}"><img ', text)
        if not m:
            problems.append(f"picture: {picture} is not on the page as an image")
    for picture, why in NOTES[kind]:
        m = re.search(rf'<div class="note" id="picture-{re.escape(picture)}">(.*?)</div>', text,
                      re.S)
        if not m or why not in m.group(1):
            problems.append(f"picture: no note saying why {picture} is missing ({why})")
    if 'class="note error"' in text:
        problems.append("picture: a picture failed with an error (note error on the page)")
    for pattern, what in _EXTERNAL:
        m = pattern.search(text)
        if m:
            around = text[max(0, m.start() - 40):m.end() + 60].replace("\n", " ")
            problems.append(f"external: {what}: ...{around}...")
    for needle in TEXTS[kind]:
        if needle not in text:
            problems.append(f"content: the page does not say {needle!r}")
    if results is not None and kind in MIN_FIGURES:
        problems += sentence_problems(text, results, kind)
    print(f"  {len(images)} images; static checks: {len(problems)} problem(s)")
    return problems


# ---------------------------------------------------------------------------------------------
# The sentences: every number read back from the page and compared with the file

_FIG = re.compile(r'<span class="fig"((?:\s+data-[a-z]+="[^"]*")*)>([^<]*)</span>')
_DATA = re.compile(r'data-([a-z]+)="([^"]*)"')
_DEF = re.compile(r'<span class="def">([^<]*)</span>')
# Numbers a sentence may hold that are definitions, not figures of the file: 0 ("the interval
# excludes 0"), rung 6 (armed conflict), rung 8 (deep strike), the 5-95% range.
DEFINITIONS = {"0", "6", "8", "5-95%"}


def parse_printed(shown):
    """(value, tolerance) of a number as the report prints it ('-153', '+4.8', '35.90m',
    '1,234', '67%', '0.95'): the tolerance is half a unit of the last digit printed. None when
    the text is not such a number."""
    t = shown.strip().replace(",", "")
    scale = 1.0
    if t.endswith("%"):
        t, scale = t[:-1], 0.01
    elif t.endswith("m"):
        t, scale = t[:-1], 1e6
    if not re.fullmatch(r"[+-]?\d+(?:\.\d+)?", t):
        return None
    decimals = len(t.split(".")[1]) if "." in t else 0
    return float(t) * scale, 0.5 * 10.0 ** -decimals * scale


def _texts(dataset):
    return [v.decode("utf-8") if isinstance(v, bytes) else str(v) for v in dataset[()]]


def _attribute(obj, name):
    v = obj.attrs[name]
    return v.decode("utf-8") if isinstance(v, bytes) else str(v)


def _outcome_column(f, outcome):
    import numpy as np
    names = _texts(f["outcomes/outcome"])
    return np.asarray(f["outcomes/value"][:, names.index(outcome)], dtype=float)


def _influence(f, outcome, method):
    """[parameter] the sweep's measure of influence on `outcome`, recomputed here: Sobol ST or
    Morris mu* from /sensitivity, else |Spearman| over the runs (scipy's spearmanr)."""
    import numpy as np
    if method in ("sobol", "morris"):
        s = f["sensitivity"]
        k = _texts(s["outcome"]).index(outcome)
        return np.asarray(s["ST" if method == "sobol" else "mu_star"][k, :], dtype=float)
    from scipy.stats import spearmanr
    y = _outcome_column(f, outcome)
    x = np.asarray(f["design/values"][()], dtype=float)[f["runs/design_point"][()]]
    ok = np.isfinite(y)
    return np.array([abs(spearmanr(x[ok, j], y[ok]).correlation) for j in range(x.shape[1])])


def _shares(values):
    import numpy as np
    positive = np.where(np.isfinite(values), np.maximum(values, 0.0), 0.0)
    return positive / positive.sum()


def _figure_value(f, kind, where):
    """What the figure marked `where` (its data- attributes) must be, from the file: a float,
    or a str for dates."""
    import datetime
    import numpy as np
    var = where["var"]
    if kind.startswith("comparison"):
        g = f["comparison"]
        options = _texts(g["option"])
        scenarios = float(_attribute(g, "scenarios"))
        if var == "#options":
            return float(len(options))
        if var == "#front":
            return float(np.sum(g["pareto_rank"][()] == 1))
        if var.startswith("@"):
            return float(_attribute(g, var[1:]))
        o = options.index(where["option"])
        if var == "#scenarios_better":
            return float(g["p_better"][o]) * scenarios
        if "outcome" in where:
            return float(g[var][o, _texts(g["outcome"]).index(where["outcome"])])
        return float(g[var][o])
    if var == "#runs":
        return float(f["runs/run"].shape[0])
    if var == "#days":
        return float(f.attrs["days"])
    if var == "@start_date":
        return _attribute(f, "start_date")
    if var in ("share", "share_top2"):
        method = _attribute(f["sensitivity"], "method") if "sensitivity" in f else "spearman"
        if where.get("method") != method:
            return f"the method {method}"
        share = _shares(_influence(f, where["outcome"], method))
        if var == "share":
            return float(share[_texts(f["design/parameter"]).index(where["parameter"])])
        return float(np.sort(share)[-2:].sum())
    values = _outcome_column(f, where["outcome"])
    finite = values[np.isfinite(values)]
    if var in ("median", "p05", "p95"):
        return float(np.quantile(finite, {"median": 0.5, "p05": 0.05, "p95": 0.95}[var]))
    if var == "count_with":
        return float(finite.size)
    if var == "share_with":
        return finite.size / values.size
    if var == "count_one":
        return float(np.sum(values == 1))
    if var == "share_one":
        return float(np.mean(values == 1))
    if var == "median_date":
        day = float(np.quantile(finite, 0.5))
        start = datetime.date.fromisoformat(_attribute(f, "start_date"))
        return (start + datetime.timedelta(days=int(np.floor(day + 0.5)))).isoformat()
    raise KeyError(var)


def _expected_claims(f, kind):
    """claim -> the option names (or parameter paths) the file says qualify, recomputed here;
    for "winner" and "p_better" the one option it must name. Sweeps: "top:OUTCOME"."""
    import numpy as np
    out = {}
    if kind == "sweep":
        params = _texts(f["design/parameter"])
        method = _attribute(f["sensitivity"], "method") if "sensitivity" in f else "spearman"
        for outcome in _texts(f["outcomes/outcome"]):
            v = _influence(f, outcome, method)
            key = np.where(np.isfinite(v), v, -np.inf)
            order = sorted(range(len(params)), key=lambda j: (-key[j], j))
            top = [params[order[0]]]
            if len(order) > 1 and key[order[1]] > 0:
                top.append(params[order[1]])
            out[f"top:{outcome}"] = set(top)
        return out
    g = f["comparison"]
    options = _texts(g["option"])
    rank = np.asarray(g["rank"][()], dtype=float)
    order = sorted(range(len(options)), key=lambda o: (rank[o], o))
    sq = options.index(_attribute(g, "status_quo"))
    lower = _attribute(g, "better") != "higher"
    out["winner"] = {options[order[0]]}
    out["p_better"] = {options[order[0] if order[0] != sq else order[1]]}
    out["minimax"], out["worst_case"] = set(), set()  # files written before them: none
    if "regret_max" in g:
        regret = np.asarray(g["regret_max"][()], dtype=float)
        out["minimax"] = {options[o] for o in range(len(options))
                          if regret[o] == np.nanmin(regret)}
    if "worst_case" in g:
        worst = np.asarray(g["worst_case"][()], dtype=float)
        best = np.nanmin(worst) if lower else np.nanmax(worst)
        out["worst_case"] = {options[o] for o in range(len(options)) if worst[o] == best}
    k = _texts(g["outcome"]).index(_attribute(g, "rank_by"))
    low, high = g["diff_low"][:, k], g["diff_high"][:, k]
    out["worse"] = {options[o] for o in range(len(options))
                    if o != sq and (low[o] > 0 if lower else high[o] < 0)}
    out["pareto"] = ({options[o] for o in range(len(options)) if g["pareto_rank"][o] == 1}
                     if "pareto_rank" in g else set())
    return out


def sentence_problems(text, results, kind):
    """Reads every number of the page's sentences (the question and the lists of findings)
    back and compares it with the results file to the precision printed; every digit of a
    sentence must be such a figure, a definition (DEFINITIONS), or part of a name; each claim
    about which options or parameters qualify must name the ones the file says."""
    import html as html_module
    import h5py
    problems = []
    fragments = re.findall(r'<p class="question">(.*?)</p>', text, re.S) + \
        re.findall(r'<ul class="findings">(.*?)</ul>', text, re.S)
    if not fragments:
        return ["sentences: the page has no sentences (no <ul class=\"findings\">)"]
    figures = 0
    with h5py.File(results, "r") as f:
        for fragment in fragments:
            for attributes, shown in _FIG.findall(fragment):
                where = dict(_DATA.findall(attributes))
                figures += 1
                try:
                    expected = _figure_value(f, kind, where)
                except (KeyError, ValueError, IndexError) as e:
                    problems.append(f"sentences: {shown!r} marked {where} names nothing in the "
                                    f"file ({type(e).__name__}: {e})")
                    continue
                if isinstance(expected, str):
                    if html_module.unescape(shown) != expected:
                        problems.append(f"sentences: {shown!r} ({where}) is {expected!r} in the "
                                        "file")
                    continue
                parsed = parse_printed(html_module.unescape(shown))
                if parsed is None:
                    problems.append(f"sentences: {shown!r} ({where}) is not a number")
                    continue
                value, tolerance = parsed
                if not abs(value - expected) <= tolerance + 1e-9 * max(1.0, abs(expected)):
                    problems.append(f"sentences: {shown!r} ({where}) is {expected!r} in the file")
            bare = _FIG.sub(" ", fragment)
            for shown in _DEF.findall(bare):
                if shown not in DEFINITIONS:
                    problems.append(f"sentences: {shown!r} is marked as a definition; only "
                                    f"{sorted(DEFINITIONS)} are")
            bare = _DEF.sub(" ", bare)
            bare = re.sub(r'<b class="option">.*?</b>|<code>.*?</code>', " ", bare, flags=re.S)
            bare = html_module.unescape(re.sub(r"<[^>]+>", " ", bare))
            for word in re.findall(r"\S*\d\S*", bare):
                problems.append(f"sentences: a number outside the marked figures: {word!r}")
        expected_claims = _expected_claims(f, kind) if kind != "run" else {}
    if figures < MIN_FIGURES[kind]:
        problems.append(f"sentences: only {figures} figures, expected at least "
                        f"{MIN_FIGURES[kind]}")
    seen = set()
    for tag, name, options, body in re.findall(
            r'<(li|span) data-claim="([^"]+)" data-options="([^"]*)">(.*?)</\1>', text, re.S):
        if kind == "sweep":
            outcome = re.search(r"<code>(.*?)</code>", body)
            name = f"{name}:{html_module.unescape(outcome.group(1)) if outcome else '?'}"
        claimed = {html_module.unescape(o) for o in options.split(",") if o}
        seen.add(name)
        if name not in expected_claims:
            problems.append(f"sentences: a claim {name!r} the check does not know")
        elif claimed != expected_claims[name]:
            problems.append(f"sentences: the claim {name!r} names {sorted(claimed)}, the file "
                            f"says {sorted(expected_claims[name])}")
    for name in expected_claims:
        headline = name in {f"top:{o}" for o in SWEEP_HEADLINE}
        if (kind.startswith("comparison") or headline) and name not in seen:
            problems.append(f"sentences: no claim {name!r} on the page")
    print(f"  sentences: {figures} figures and {len(seen)} claims read back, "
          f"{len(problems)} problem(s)")
    return problems


def browser_problems(page, work):
    """What goes wrong when Chromium opens the page, as a list of messages."""
    problems = []
    with open(page, encoding="utf-8") as handle:
        expected = len(re.findall(r"<img\b", handle.read()))
    dom, log = open_in_browser(page, work)
    m = re.search(r"<html\b[^>]*\bdata-report-images=\"([^\"]*)\"", dom[:4000])
    if not m:
        problems.append("images: the page's load script did not record data-report-images on "
                        "<html> (the script did not run, or threw)")
    else:
        state = m.group(1)
        print(f"  data-report-images = {state!r} (the page has {expected} <img> tags)")
        if state != f"ok {expected}":
            problems.append(f"images: the browser says {state!r}, expected 'ok {expected}' "
                            "(an image did not load: naturalWidth 0)")
    console = [line for line in log.splitlines()
               if re.search(r"CONSOLE|Uncaught|Failed to load|net::ERR_|Not allowed to load",
                            line)]
    for line in console:
        problems.append(f"console: {line.strip()}")
    print(f"  console messages: {len(console)}")
    return problems


# The run page is made with --title, to check that the title is used and escaped.
TITLE = ("Seed scenario <check> & co", "Seed scenario &lt;check&gt; &amp; co")


def report_and_check(args, kind, results, name):
    os.makedirs(args.work, exist_ok=True)
    page = os.path.join(args.work, f"{name}.html")
    if os.path.exists(page):
        os.remove(page)
    extra = ["--title", TITLE[0]] if kind == "run" else []
    code, out, err = make_report(args.repo, results, page, *extra)
    ensure(code == 0, f"scripts/report exited with {code}, expected 0")
    ensure(err.strip() == "", f"scripts/report printed on stderr (a warning?): {err.strip()}")
    ensure(os.path.isfile(page), f"scripts/report wrote no {page}")
    what = kind.split("-")[0]  # comparison-pareto is a comparison
    ensure(f"{what} file" in out, f"scripts/report's summary does not say '{what} file': {out}")
    if kind == "run":
        with open(page, encoding="utf-8") as handle:
            head = handle.read(4000)
        ensure(f"<title>{TITLE[1]}</title>" in head,
               f"the page's <title> is not --title {TITLE[0]!r}, escaped")
    return page


def check_page(args):
    page = report_and_check(args, args.kind, args.file, f"report-{args.kind}")
    problems = static_problems(page, args.kind, args.file) + browser_problems(page, args.work)
    ensure(not problems, "the report has problems:\n  " + "\n  ".join(problems))
    if args.kind == "sweep":
        check_sweep_param_default(args)
    if args.kind.startswith("comparison"):
        sentence_controls(page, args)
    if args.kind == "comparison":
        check_older_comparison(args)
    print(f"OK: {page} passes every check")


# What a comparison file written before the robustness measures and the Pareto front lacks.
NEWER_VARIABLES = ("p_better", "worst_case", "best_case", "hurwicz", "laplace",
                   "percentile_worse", "skewness", "peakedness", "regret", "scenario_value",
                   "threshold_share", "pareto_value", "pareto_rank", "pareto_share",
                   "lever_value")


def check_older_comparison(args):
    """A copy of the comparison without the newer variables of /comparison (as an older
    flashpoint wrote it) still gives a page (exit 0, nothing on stderr) that says "not in this
    file" where they would be, and whose sentences still read back right."""
    import h5py
    older = os.path.join(args.work, "older.h5")
    shutil.copyfile(args.file, older)
    with h5py.File(older, "r+") as f:
        removed = [name for name in NEWER_VARIABLES if name in f["comparison"]]
        for name in removed:
            del f["comparison"][name]
    ensure(len(removed) >= 8, f"the fixture has only {removed} of the newer variables: the "
           "check of an older file would prove little")
    page = os.path.join(args.work, "older.html")
    code, _, err = _in_process(args.repo, [older, "-o", page], "report")
    ensure(code == 0 and not err.strip(), f"the report of {older} (without {', '.join(removed)})"
           f" exited with {code}: {err.strip()}")
    with open(page, encoding="utf-8") as handle:
        text = handle.read()
    said = text.count("not in this file") + text.count("Not in this file")
    ensure(said >= 4, f"the report of {older} says 'not in this file' {said} times, expected at "
           "least 4 (ranking, sentences, robustness, Pareto front)")
    problems = sentence_problems(text, older, args.kind)
    ensure(not problems, f"the sentences of the report of {older}: " + "; ".join(problems))
    print(f"OK: without {len(removed)} newer variables the page still works and says 'not in "
          f"this file' {said} times")


def _png(repo, path, **options):
    """The PNG bytes of fp-plot's sweep-param picture, drawn in this process."""
    import io
    scripts = os.path.join(repo, "scripts")
    if scripts not in sys.path:
        sys.path.insert(0, scripts)
    from flashpoint_analysis.sweep_plots import plot_sweep_param
    buffer = io.BytesIO()
    plot_sweep_param(path, buffer, title="same title", **options)
    return buffer.getvalue()


def check_sweep_param_default(args):
    """sweep-param without --parameter draws the parameter the sentences name first for
    fatalities_all (recomputed here from /sensitivity): the same picture, byte for byte, as
    with --parameter set to it, and not the one with the second parameter (the control)."""
    import h5py
    import numpy as np
    with h5py.File(args.file, "r") as f:
        method = _attribute(f["sensitivity"], "method") if "sensitivity" in f else "spearman"
        measure = _influence(f, "fatalities_all", method)
        params = _texts(f["design/parameter"])
    ranked = [params[j] for j in np.argsort(-np.nan_to_num(measure, nan=-1), kind="stable")]
    default = _png(args.repo, args.file)
    ensure(default == _png(args.repo, args.file, parameter=ranked[0]),
           f"sweep-param's default picture is not the one of the most influential parameter "
           f"{ranked[0]} ({method})")
    ensure(default != _png(args.repo, args.file, parameter=ranked[1]),
           "control: sweep-param draws the same picture for two parameters; the check of its "
           "default proves nothing")
    print(f"OK: sweep-param draws {ranked[0]} by default (the most influential by {method}; "
          f"control: {ranked[1]} gives another picture)")
    check_spearman(args)


def check_spearman(args):
    """The ranking of designs without indices (influence.py's |Spearman| of each parameter's
    column of the runs, forced here on the sweep's runs) against scipy's spearmanr on the
    columns read here, for every headline outcome; the control: the same with the outcome's
    runs shuffled gives other values."""
    import h5py
    import numpy as np
    from flashpoint_analysis.influence import rank_parameters
    with h5py.File(args.file, "r") as f:
        for outcome in SWEEP_HEADLINE:
            mine = rank_parameters(f, outcome, method="spearman").value
            theirs = _influence(f, outcome, "spearman")
            ensure(np.allclose(mine, theirs, rtol=1e-9, atol=1e-12, equal_nan=True),
                   f"Spearman of {outcome}: influence.py {mine} != scipy {theirs}")
        y = _outcome_column(f, "fatalities_all")
        x = np.asarray(f["design/values"][()], dtype=float)[f["runs/design_point"][()]]
    from flashpoint_analysis.influence import spearman
    shuffled = np.random.default_rng(7).permutation(y)
    ensure(any(abs(abs(spearman(x[:, j], shuffled)) - theirs_j) > 1e-6
               for j, theirs_j in enumerate(_influence_values(x, y))),
           "control: the Spearman check gives the same values for shuffled runs")
    print(f"OK: influence.py's ranking agrees with scipy's Spearman on {len(SWEEP_HEADLINE)} outcomes "
          "(control: shuffled runs differ)")


def _influence_values(x, y):
    from scipy.stats import spearmanr
    return [abs(spearmanr(x[:, j], y).correlation) for j in range(x.shape[1])]


def sentence_controls(page, args):
    """The check of the sentences must refuse a page whose sentences are wrong: a number
    changed, a number that is not marked as a figure, a claim naming the wrong option, the
    sentences missing; and the unchanged page against a copy of the file with other numbers."""
    import h5py
    with open(page, encoding="utf-8") as handle:
        base = handle.read()

    def first_figure(t, var):
        m = re.search(rf'(<span class="fig" data-var="{var}"[^>]*>)([^<]*)</span>', t)
        value, _ = parse_printed(m.group(2))
        changed = f"{value * 1.5 + 7:.1f}"
        return t[:m.start(2)] + changed + t[m.end(2):]

    def other_winner(t):
        m = re.search(r'data-claim="winner" data-options="([^"]*)"', t)
        return t[:m.start(1)] + "no_such_option" + t[m.end(1):]

    changes = {
        "changed-figure": (lambda t: first_figure(t, "diff_mean"), "sentences:"),
        "changed-share": (lambda t: first_figure(t, "p_better"), "sentences:"),
        "bare-number": (lambda t: t.replace('<ul class="findings">',
                                            '<ul class="findings"><li>Deaths fall by 40.</li>', 1),
                        "sentences: a number outside"),
        "wrong-winner": (other_winner, "sentences: the claim 'winner'"),
        "no-sentences": (lambda t: t.replace('<ul class="findings">', '<ul class="other">')
                         .replace('<p class="question">', '<p class="other">'),
                         "sentences: the page has no sentences"),
    }
    failed = []
    for name, (change, expected) in changes.items():
        changed = change(base)
        ensure(changed != base, f"sentence control {name}: the change did not apply")
        problems = sentence_problems(changed, args.file, args.kind)
        caught = any(p.startswith(expected) for p in problems)
        print(f"sentence control {name}: {'caught' if caught else 'NOT CAUGHT'} {problems[:1]}")
        if not caught:
            failed.append(name)
    other = os.path.join(args.work, "other-numbers.h5")
    shutil.copyfile(args.file, other)
    with h5py.File(other, "r+") as f:
        f["comparison/diff_mean"][...] = f["comparison/diff_mean"][()] * 1.1 + 1.0
    problems = sentence_problems(base, other, args.kind)
    caught = any(p.startswith("sentences:") for p in problems)
    print(f"sentence control other-file: {'caught' if caught else 'NOT CAUGHT'} {problems[:1]}")
    if not caught:
        failed.append("other-file")
    ensure(not failed, "the check of the sentences did not catch: " + ", ".join(failed))
    print(f"OK: all {len(changes) + 1} wrong sentences were refused")


def _variant(base_text, work, name, change):
    text = change(base_text)
    ensure(text != base_text, f"control {name}: the change did not apply (the page changed?)")
    path = os.path.join(work, f"control-{name}.html")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    return path


def _provenance_first(t):
    """The provenance section moved to the top of the page."""
    m = re.search(r'<section><h2 id="provenance">.*?</section>\n', t, re.S)
    t = t[:m.start()] + t[m.end():]
    at = t.index("<section>")
    return t[:at] + m.group(0) + t[at:]


def check_controls(args):
    """Each check must refuse a page broken in the way it is meant to catch."""
    page = report_and_check(args, "run", args.file, "control-base")
    with open(page, encoding="utf-8") as handle:
        base = handle.read()
    ensure(not static_problems(page, "run", args.file) and not browser_problems(page, args.work),
           "the unbroken page already has problems; the controls would prove nothing")

    def corrupt_image(t):  # the second image's data replaced by bytes that are not a PNG
        first = t.index("data:image/png;base64,")
        second = t.index("data:image/png;base64,", first + 1) + len("data:image/png;base64,")
        return t[:second] + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo" + t[second + 35:]

    browser_controls = {
        "broken-image": (corrupt_image, "images: the browser says 'broken 1 of"),
        "uncaught-error": (lambda t: t.replace(
            "</main>", '<script>throw new Error("control: thrown on purpose")</script></main>', 1),
            "console:"),
        "console-error": (lambda t: t.replace(
            "</main>", '<script>console.error("control: logged on purpose")</script></main>', 1),
            "console:"),
        "no-script": (lambda t: re.sub(r"<script>.*?</script>", "", t, count=1, flags=re.S),
                      "images: the page's load script did not record"),
    }
    static_controls = {
        "external-stylesheet": (lambda t: t.replace(
            "</head>", '<link rel="stylesheet" href="https://example.invalid/x.css"></head>', 1),
            "external:"),
        "external-image": (lambda t: t.replace(
            "</main>", '<img src="http://example.invalid/x.png" alt=""></main>', 1),
            "image: an <img> that is not an embedded PNG"),
        "missing-section": (lambda t: t.replace('<h2 id="outcomes">', '<h2 id="elsewhere">', 1),
                            "section: no heading"),
        "missing-picture": (lambda t: t.replace('<figure id="picture-map">',
                                                '<figure id="picture-elsewhere">', 1),
                            "picture: map is not on the page"),
        "tiny": (lambda t: t[:2000] + "</html>", "size:"),
        "provenance-first": (_provenance_first, "order:"),
        "changed-median": (lambda t: re.sub(
            r'(<span class="fig" data-var="median" data-outcome="fatalities_all">)[^<]*',
            r"\g<1>99999", t, count=1), "sentences:"),
    }
    failed = []
    for name, (change, expected) in static_controls.items():
        problems = static_problems(_variant(base, args.work, name, change), "run", args.file)
        caught = any(p.startswith(expected) for p in problems)
        print(f"control {name}: {'caught' if caught else 'NOT CAUGHT'} ({problems[:2]})")
        if not caught:
            failed.append(f"{name} (expected a problem starting {expected!r}, got {problems})")
    for name, (change, expected) in browser_controls.items():
        problems = browser_problems(_variant(base, args.work, name, change), args.work)
        caught = any(p.startswith(expected) for p in problems)
        print(f"control {name}: {'caught' if caught else 'NOT CAUGHT'} ({problems[:2]})")
        if not caught:
            failed.append(f"{name} (expected a problem starting {expected!r}, got {problems})")
    ensure(not failed, "checks that did not catch what they are for:\n  " + "\n  ".join(failed))
    print(f"OK: all {len(static_controls) + len(browser_controls)} broken pages were refused")


def check_bad_inputs(args):
    os.makedirs(args.work, exist_ok=True)
    not_hdf5 = os.path.join(args.work, "not-results.h5")
    with open(not_hdf5, "w") as handle:
        handle.write("this is not HDF5\n")
    other_hdf5 = os.path.join(args.work, "other.h5")
    import h5py  # the interpreter of the tests has it (FLASHPOINT_PYTHON)
    with h5py.File(other_hdf5, "w") as handle:
        handle["x"] = [1, 2, 3]
    cases = [
        ([os.path.join(args.work, "missing.h5"), "-o", os.path.join(args.work, "x.html")],
         "no such file"),
        ([not_hdf5, "-o", os.path.join(args.work, "x.html")], "not an HDF5 file"),
        ([other_hdf5, "-o", os.path.join(args.work, "x.html")],
         "not a Flashpoint results file"),
        ([args.file, "-o", os.path.join(args.work, "no-such-folder", "x.html")],
         "does not exist"),
        ([args.file], "-o"),
    ]
    for argv, expected in cases:
        code, _, err = _raw(args.repo, argv)
        ensure(code == 2, f"report {' '.join(argv)} exited with {code}, expected 2")
        ensure(expected in err, f"report {' '.join(argv)}: stderr does not say {expected!r}")
        ensure("Traceback" not in err, f"report {' '.join(argv)} printed a traceback")
    ensure(not os.path.exists(os.path.join(args.work, "x.html")),
           "a report was written for bad input")
    print("OK: bad inputs give exit code 2 and a message")


# (file kind, group ("" for the root), attribute, value of the wrong type, what the message must
# say it expected). Every attribute that scripts/flashpoint_analysis reads
# (common.ROOT_ATTRIBUTES and GROUP_ATTRIBUTES) appears at least once.
def _bad_attribute_cases(np):
    floats = np.array([1.0, 2.0])
    return [
        ("run", "", "runs", "many", "a whole number"),
        ("run", "", "runs", floats, "a whole number"),
        ("run", "", "runs", np.float64(6.5), "a whole number"),
        ("run", "", "days", "98", "a whole number"),
        ("run", "", "days", floats, "a whole number"),
        ("run", "", "days", np.int32(0), "a whole number of at least 1"),
        ("run", "", "format_version", "two", "a whole number"),
        ("run", "", "format_version", floats, "a whole number"),
        ("run", "", "master_seed", "seven", "a whole number"),
        ("run", "", "start_date", np.int64(20250925), "a date"),
        ("run", "", "start_date", "25/09/2025", "a date"),
        ("run", "", "series_kept", "yes", "0 or 1"),
        ("run", "", "events_kept", floats, "0 or 1"),
        ("run", "", "status", np.int32(1), "text"),
        ("run", "", "scenario_name", np.array([1, 2]), "text"),
        ("run", "", "scenario_path", np.int32(3), "text"),
        ("run", "", "software_version", np.float64(0.1), "text"),
        ("run", "", "git_commit", np.int64(1234), "text"),
        ("run", "", "created_utc", np.int64(1764000000), "text"),
        ("run", "", "command_line", floats, "text"),
        ("sweep", "", "experiment", np.int32(2), "text"),
        ("sweep", "", "experiment_name", np.int32(2), "text"),
        ("sweep", "", "experiment_path", floats, "text"),
        ("sweep", "", "design_hash", np.uint64(7), "text"),
        ("sweep", "design", "kind", np.int32(1), "text"),
        ("sweep", "design", "distributions", floats, "text"),
        ("sweep", "design", "replicates", "one", "a whole number"),
        ("sweep", "design", "samples", floats, "a whole number"),
        ("sweep", "design", "levels", "4.5", "a whole number"),
        ("sweep", "sensitivity", "method", np.array([1, 2]), "text"),
        ("sweep", "sensitivity", "confidence", "high", "a number"),
        ("sweep", "sensitivity", "note", np.int32(0), "text"),
        ("comparison", "comparison", "confidence", "abc", "a number"),
        ("comparison", "comparison", "confidence", floats, "a number"),
        ("comparison", "comparison", "replicates", "x", "a whole number"),
        ("comparison", "comparison", "scenarios", floats, "a whole number"),
        ("comparison", "comparison", "status_quo", np.int32(1), "text"),
        ("comparison", "comparison", "rank_by", np.array([1, 2]), "text"),
        ("comparison", "comparison", "better", np.int32(0), "text"),
        ("comparison", "comparison", "thresholds", np.float64(0.5), "text"),
        ("comparison", "comparison", "hurwicz_alpha", "half", "a number"),
        ("comparison", "comparison", "pareto", np.int32(2), "text"),
    ]


def check_bad_attributes(args):
    import h5py  # the interpreter of the tests has them (FLASHPOINT_PYTHON)
    import numpy as np
    os.makedirs(args.work, exist_ok=True)
    sources = dict(zip(("run", "sweep", "comparison"), args.files))

    def copy(kind, name, group, attribute, value):
        path = os.path.join(args.work, name)
        shutil.copyfile(sources[kind], path)
        with h5py.File(path, "r+") as f:
            (f[group] if group else f).attrs[attribute] = value
        return path

    control_html = os.path.join(args.work, "control.html")
    runs = []  # (path, where, expected, tool, argv, page): every command, 2 at a time below
    for i, (kind, group, attribute, value, expected) in enumerate(_bad_attribute_cases(np)):
        path = copy(kind, f"bad{i:02d}-{attribute}.h5", group, attribute, value)
        where = f"the root attribute '{attribute}'" if not group else \
            f"the attribute '{attribute}' of /{group}"
        page = os.path.join(args.work, f"bad{i:02d}.html")
        runs.append((path, where, expected, "report", [path, "-o", page], page))
        if i % 4 == 0:  # every fourth case also through fp-plot
            runs.append((path, where, expected, "fp-plot",
                         ["all", path, "-o", os.path.join(args.work, f"pictures{i:02d}")], None))
    for leftover in [control_html] + [r[5] for r in runs if r[5]]:  # of an earlier run
        if os.path.exists(leftover):
            os.remove(leftover)
    # Every eighth command runs as its own process, as a user would run it; the others call the
    # same main() in this process (one Python start instead of one per case: the check took
    # 50-150 s with a process per case). Both capture stderr and the exit status the same way.
    results = [None] * len(runs)
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(max_workers=1) as pool:
        spawned = {i: pool.submit(_raw, args.repo, r[4], r[3], echo=False)
                   for i, r in enumerate(runs) if i % 8 == 0}
        for i, r in enumerate(runs):
            if i not in spawned:
                results[i] = _in_process(args.repo, r[4], r[3])
        for i, future in spawned.items():
            results[i] = future.result()
    for (path, where, expected, tool, argv, page), (code, _, err) in zip(runs, results):
        print("$", tool, " ".join(argv), "->", code, "\n  stderr:", err.strip())
        lines = err.strip().splitlines()
        ensure(code == 2, f"{tool} {path}: exit {code}, expected 2")
        ensure("Traceback" not in err, f"{tool} {path}: printed a traceback")
        ensure(len(lines) == 1, f"{tool} {path}: {len(lines)} lines on stderr, expected 1")
        ensure(lines[0].startswith(f"{tool}: {path}: {where} is "),
               f"{tool} {path}: the message does not start with '{tool}: {path}: {where} is '")
        ensure(f"expected {expected}" in lines[0],
               f"{tool} {path}: the message does not say 'expected {expected}'")
        ensure(page is None or not os.path.exists(page), f"a report was written for {path}")
    # The control: the same kind of edit with a value of the right type gives a page.
    control = copy("run", "control.h5", "", "runs", np.int64(6))
    code, _, err = _raw(args.repo, [control, "-o", control_html])
    ensure(code == 0 and os.path.exists(control_html),
           f"the control copy {control} was refused (exit {code}): {err.strip()}")
    print(f"OK: {len(_bad_attribute_cases(np))} wrong-typed attributes give exit code 2 and one "
          "line naming the attribute; the control gives a page")


def _in_process(repo, argv, tool):
    from in_process import run_main
    return run_main(repo, tool, argv)


def _raw(repo, argv, tool="report", echo=True):
    cmd = [os.path.join(repo, "scripts", tool), *argv]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if echo:
        print("$", " ".join(cmd), "->", done.returncode, "\n  stderr:", done.stderr.strip())
    return done.returncode, done.stdout, done.stderr


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("check", choices=["page", "controls", "bad_inputs", "bad_attributes"])
    parser.add_argument("rest", nargs="+", help="page: KIND FILE; controls, bad_inputs: FILE; "
                        "bad_attributes: RUN SWEEP COMPARISON")
    parser.add_argument("--repo", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    if args.check == "page":
        if len(args.rest) != 2 or args.rest[0] not in SECTIONS:
            parser.error(f"page needs KIND ({', '.join(SECTIONS)}) and FILE")
        args.kind, args.file = args.rest
    elif args.check == "bad_attributes":
        if len(args.rest) != 3:
            parser.error("bad_attributes needs RUN SWEEP COMPARISON")
        args.files = args.rest
    else:
        if len(args.rest) != 1:
            parser.error(f"{args.check} needs FILE")
        args.file = args.rest[0]
    try:
        {"page": check_page, "controls": check_controls, "bad_inputs": check_bad_inputs,
         "bad_attributes": check_bad_attributes}[args.check](args)
    except Failure as e:
        print(f"FAIL: {e}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
