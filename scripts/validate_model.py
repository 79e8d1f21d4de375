#!/usr/bin/env python3
"""Check the model against its validation targets (docs/model.md, docs/validation.md).

    scripts/validate_model.py [--flashpoint PATH] [--replicates N] [--threads N]
                              [--workdir DIR] [--markdown FILE] [--scenarios-dir DIR]
                              [--posterior FILE [--draws N]]

Runs `flashpoint run SCENARIO --replicates N -o DIR/NAME.h5 --force --quiet` for the three seed
scenarios (pak-afg-2025, ttp-insurgency-2025, torkham-closure-2025), measures every target from
the results files and prints one table: target, band, model value (median or share, with the
5-95% range of the runs in brackets), runs measured, PASS or FAIL. A missing scenario, a failed
run or a measure with no runs to measure is a FAIL with the reason in the table, never a crash.

--markdown FILE replaces the text between `<!-- validation:begin -->` and
`<!-- validation:end -->` in FILE with the same table in Markdown, the command line, the date,
the number of replicates and the git commit.

--posterior FILE (a calibration's results file, docs/calibration.md) runs each scenario as a
sweep over --draws parameter sets drawn from the posterior (N // draws replicates each, events
kept) instead of `flashpoint run`; --markdown then writes between
`<!-- validation-posterior:begin -->` and `<!-- validation-posterior:end -->`.

Exit status: 0 when every target passes, 1 when any fails, 2 on bad usage (no flashpoint
binary, a Markdown file without the markers, no Python with h5py/numpy/pandas).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fp_interpreter  # noqa: E402  (first: may re-execute with an interpreter that has these)

fp_interpreter.ensure(["h5py", "numpy", "pandas"])

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import re  # noqa: E402
import shlex  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
from dataclasses import dataclass  # noqa: E402

import h5py  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from flashpoint_analysis.common import events_table, parameters  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BEGIN_MARK = "<!-- validation:begin -->"
END_MARK = "<!-- validation:end -->"
EXIT_FAIL, EXIT_USAGE = 1, 2

CRISIS, INSURGENCY, CLOSURE = "pak-afg-2025", "ttp-insurgency-2025", "torkham-closure-2025"
STRIKE, ATTACK, OCCUPY = "195", "180", "192"
CLASH_CODES = ("190", "193", "194")
FIRE_WINDOW_DAYS = 10  # measure 3c without a ceasefire: FACTS, about 10 days strike to ceasefire
NO_RETALIATION_DAYS = 14   # measure 1: no strike within this many days = no retaliation
RETURN_WINDOW_DAYS = 30    # measure 6: days before / from the deadline
# The /runs variables the measures read (the others are never loaded).
VARIABLES = ("fatalities", "ceasefire", "attacks", "fatalities_total", "crossing_closed_days",
             "returnees_daily", "exports_lost_usd", "trade_lost_usd")


class UsageError(Exception):
    """Bad command line or environment: exit 2."""


class MeasureError(Exception):
    """A measure cannot be taken from a results file (reported as FAIL, not a crash)."""


@dataclass
class Row:
    """One line of the validation table."""
    key: str            # "1", "3a", ... ; "7+" for additional checks
    target: str
    band: str
    value: str
    runs: str
    passed: bool
    additional: bool = False  # an additional check from FACTS.md, not a MODEL.md target

    @property
    def result(self):
        return "PASS" if self.passed else "FAIL"


# ---------------------------------------------------------------------------------------------
# Reading a results file


class Results:
    """The parts of a Flashpoint results file the measures use, read once with h5py."""

    def __init__(self, path):
        if not os.path.exists(path) or not h5py.is_hdf5(path):
            raise MeasureError(f"{path}: no results file")
        with h5py.File(path, "r") as f:
            if _text(f.attrs.get("format", "")) != "flashpoint-results":
                raise MeasureError(f"{path}: not a Flashpoint results file")
            self.path = path
            self.start_date = dt.date.fromisoformat(_text(f.attrs["start_date"]))
            self.days = int(f.attrs["days"])
            self.n_runs = int(f.attrs["runs"])
            self.params = parameters(f)
            self.scenario_yaml = f["provenance/scenario_yaml"].asstr()[()]
            g = f["runs"]
            self.coords = {name: [_text(v) for v in g[name][:]]
                           for name in ("category", "actor", "crossing", "group") if name in g}
            self.var = {name: g[name][...] for name in VARIABLES if name in g}
            self.events = _read_events(events_table(f, path, "the measures need /events"))

    @property
    def states(self):
        return self.coords.get("actor", [])

    def param(self, path, default=None):
        return self.params.get(path, default)

    def day_of(self, value):
        """A day index from a recorded value: a day number or a YYYY-MM-DD date."""
        value = value.strip()
        if re.fullmatch(r"-?\d+", value):
            return int(value)
        return (dt.date.fromisoformat(value) - self.start_date).days

    def category(self, name):
        cats = self.coords.get("category", [])
        if name not in cats:
            raise MeasureError(f"no fatality category {name!r} (have {', '.join(cats)})")
        return cats.index(name)


def _text(value):
    """An HDF5 string (str, bytes, numpy scalar or 1-element array) as str."""
    if isinstance(value, np.ndarray) and value.size == 1:
        value = value.reshape(()).item()
    if isinstance(value, (bytes, np.bytes_)):
        return value.decode("utf-8", "replace")
    return str(value)


def _read_events(dataset):
    """The /events columns the measures need, as a data frame with str codes and ids."""
    columns = ["run", "day", "actor", "target", "cameo", "forces", "civilians"]
    # Injured are in format version 5 and later: an older file has no such column.
    columns += [c for c in ("injured_civilians",) if c in (dataset.dtype.names or ())]
    frame = pd.DataFrame({c: dataset.fields(c)[:] for c in columns})
    for c in ("actor", "target", "cameo"):
        # Few distinct values: decode the categories, not millions of rows.
        frame[c] = pd.Categorical(frame[c]).rename_categories(
            lambda b: b.decode("utf-8", "replace"))
    return frame


# ---------------------------------------------------------------------------------------------
# Minimal scenario-YAML look-ups (PyYAML may be missing: fall back to regular expressions)


def yaml_policy_field(text, policy, field):
    """The scalar `field` of the policy named `policy` in the scenario text, or None."""
    try:
        import yaml  # optional
        doc = yaml.safe_load(text)
        for p in (doc or {}).get("policies", []) or []:
            if isinstance(p, dict) and str(p.get("name")) == policy and field in p:
                return str(p[field])
        return None
    except Exception:  # no PyYAML, or a file it cannot read: minimal text search
        pass
    m = re.search(r"name:\s*['\"]?" + re.escape(policy) + r"\b", text)
    if not m:
        return None
    rest = text[m.end():]
    nxt = re.search(r"\n\s*-\s*(\{\s*)?name:", rest)  # the next list item with a name
    block = rest[:nxt.start()] if nxt else rest
    f = re.search(r"\b" + re.escape(field) + r":\s*['\"]?([A-Za-z_][\w]*)", block)
    return f.group(1) if f else None


# ---------------------------------------------------------------------------------------------
# Small statistics and formatting helpers


def quantiles(values):
    """(median, 5%, 95%) of a 1-d array; values may be +inf (e.g. a rise from zero)."""
    v = np.asarray(values, dtype=float)
    # The usual median (mean of the middle two); inf - inf would give NaN, so "nearest" then.
    median = np.quantile(v, 0.5, method="linear" if np.isfinite(v).all() else "nearest")
    # The range as values of actual runs: whole numbers stay whole.
    lo, hi = np.quantile(v, [0.05, 0.95], method="nearest")
    return float(median), float(lo), float(hi)


def fmt_num(x, digits=0):
    """A number with thousands separators and `digits` decimals; inf and NaN spelt out."""
    if x is None or np.isnan(x):
        return "n/a"
    if np.isinf(x):
        return "inf" if x > 0 else "-inf"
    if digits == 0 and abs(x - round(x)) > 1e-9:
        digits = 1  # a median between two whole numbers: show the half
    return f"{x:,.{digits}f}"


def fmt_median(values, unit="", digits=0, scale=1.0):
    """`median unit [p5-p95]` of the values divided by scale."""
    med, lo, hi = (v / scale for v in quantiles(values))
    sep = "" if unit in ("%", "x") else " "
    u = f"{sep}{unit}" if unit else ""
    return f"{fmt_num(med, digits)}{u} [{fmt_num(lo, digits)}-{fmt_num(hi, digits)}]"


def fmt_pct(x):
    return f"{100 * x:.0f}%"


def runs_text(measured, total):
    return f"{measured}/{total}"


# ---------------------------------------------------------------------------------------------
# Measures on events


def is_state(series, states):
    """Boolean mask: the ids in `series` are states."""
    return series.isin(states).to_numpy()


def first_day_per_run(events):
    """First event day of each run (Series indexed by run)."""
    return events.groupby("run", observed=True)["day"].min()


def first_day_on_or_after(events, start):
    """Per run, the first event day on or after start[run] (start: Series indexed by run)."""
    # The index name is dropped: pandas refuses a merge where "run" is both a column and an index.
    merged = events[["run", "day"]].merge(start.rename("start").rename_axis(None), left_on="run",
                                          right_index=True)
    merged = merged[merged["day"] >= merged["start"]]
    return merged.groupby("run")["day"].min()


def doctrine_states(res):
    """States whose `doctrine.enabled` is true, with their fatality thresholds."""
    out = {}
    for s in res.states:
        if res.param(f"actors.{s}.doctrine.enabled", "false").lower() == "true":
            out[s] = float(res.param(f"actors.{s}.doctrine.fatality_threshold", "inf"))
    return out


def retaliation_lags(res):
    """Measure 1. Per (run, doctrine state): days from the first major attack against the state
    on or after free_from (a "180" event with forces + civilians >= its fatality threshold) to
    the state's first "195" strike on or after that day; NaN when there is none within
    NO_RETALIATION_DAYS days."""
    ev = res.events
    free_day = res.day_of(res.param("free_from", res.start_date.isoformat()))
    lags = []
    for state, threshold in doctrine_states(res).items():
        major = ev[(ev["cameo"] == ATTACK) & (ev["target"] == state) & (ev["day"] >= free_day)
                   & (ev["forces"] + ev["civilians"] >= threshold)]
        attack_day = first_day_per_run(major)
        strikes = ev[(ev["cameo"] == STRIKE) & (ev["actor"] == state)]
        strike_day = first_day_on_or_after(strikes, attack_day)
        lag = (strike_day.reindex(attack_day.index) - attack_day).astype(float)
        lag[lag > NO_RETALIATION_DAYS] = np.nan
        lags.append(lag.to_numpy())
    if not lags:
        raise MeasureError("no state has doctrine.enabled true")
    return np.concatenate(lags)


def strike_to_ceasefire(res):
    """Measure 2. Per run with a "195" strike by a state: days from the first such strike to the
    first ceasefire that begins on or after it (NaN when none does)."""
    ev = res.events
    strikes = ev[(ev["cameo"] == STRIKE) & is_state(ev["actor"], res.states)]
    first = first_day_per_run(strikes)
    cf = res.var["ceasefire"].astype(bool)
    onset = cf & ~np.concatenate([np.zeros((cf.shape[0], 1), bool), cf[:, :-1]], axis=1)
    runs = first.index.to_numpy()
    days = np.arange(cf.shape[1])
    ok = onset[runs] & (days[None, :] >= first.to_numpy()[:, None])
    begin = np.where(ok.any(axis=1), ok.argmax(axis=1), -1)
    # Consistency with first_ceasefire_day where it comes after the strike.
    return np.where(begin >= 0, begin - first.to_numpy(), np.nan)


def clash_round(res):
    """Measure 3. Per run with a clash between two states ("190", "193" or "194", actor and
    target both states): own forces deaths of each state in the round (its `<ID>.forces`
    fatalities on the first clash day and the next, less the forces killed in "180" attacks
    against it on those days) and the "192" events (posts changing hands) on those days.
    Returns a data frame indexed by run."""
    ev = res.events
    clashes = ev[ev["cameo"].isin(CLASH_CODES) & is_state(ev["actor"], res.states)
                 & is_state(ev["target"], res.states)]
    d0 = first_day_per_run(clashes).rename("d0")
    out = pd.DataFrame(index=d0.index)
    if d0.empty:
        return out
    in_round = ev.merge(d0, left_on="run", right_index=True)
    in_round = in_round[(in_round["day"] >= in_round["d0"]) & (in_round["day"] <= in_round["d0"] + 1)]
    runs, first = d0.index.to_numpy(), d0.to_numpy()
    second = np.minimum(first + 1, res.days - 1)
    has_second = first + 1 < res.days
    fat = res.var["fatalities"]
    for state in res.states:
        c = res.category(f"{state}.forces")
        deaths = fat[runs, first, c] + np.where(has_second, fat[runs, second, c], 0)
        attacked = in_round[(in_round["cameo"] == ATTACK) & (in_round["target"] == state)]
        by_attacks = attacked.groupby("run")["forces"].sum().reindex(d0.index, fill_value=0)
        out[state] = deaths - by_attacks.to_numpy()
    posts = in_round[in_round["cameo"] == OCCUPY].groupby("run").size()
    out["posts"] = posts.reindex(d0.index, fill_value=0).to_numpy()
    return out


def fire_toll(res):
    """Measure 3c. Per run with a clash between two states: the civilians killed and injured by
    fire across the line (the "civilians" and "injured_civilians" of clash events, actor and
    target both states) from the first clash day to the first day with a ceasefire in force on or
    after it, or FIRE_WINDOW_DAYS later when none comes. Returns a data frame indexed by run."""
    ev = res.events
    if "injured_civilians" not in ev.columns:
        raise MeasureError("the events have no injured (a results file of format version < 5)")
    clashes = ev[ev["cameo"].isin(CLASH_CODES) & is_state(ev["actor"], res.states)
                 & is_state(ev["target"], res.states)]
    d0 = first_day_per_run(clashes)
    out = pd.DataFrame(index=d0.index)
    if d0.empty:
        return out
    ceasefire = res.var["ceasefire"]
    ends = []
    for run, first in d0.items():
        after = np.flatnonzero(ceasefire[run, first:])
        ends.append(first + (after[0] if after.size else FIRE_WINDOW_DAYS))
    window = clashes.merge(pd.DataFrame({"d0": d0, "d1": ends}, index=d0.index), left_on="run",
                           right_index=True)
    window = window[(window["day"] >= window["d0"]) & (window["day"] <= window["d1"])]
    sums = window.groupby("run", observed=True)[["civilians", "injured_civilians"]].sum()
    out["killed"] = sums["civilians"].reindex(d0.index, fill_value=0).to_numpy()
    out["injured"] = sums["injured_civilians"].reindex(d0.index, fill_value=0).to_numpy()
    return out


# ---------------------------------------------------------------------------------------------
# Measures on /runs


def crossing_trade(res):
    """Daily exports through each crossing (both directions), in crossing order."""
    totals = []
    for c in res.coords.get("crossing", []):
        prefix = f"crossings.{c}.exports_usd_per_day."
        totals.append(sum(float(v) for k, v in res.params.items() if k.startswith(prefix)))
    return np.array(totals)


def state_exports(res):
    """Daily exports of each state over all crossings: {state: USD/day}."""
    out = {}
    for s in res.states:
        out[s] = sum(float(res.param(f"crossings.{c}.exports_usd_per_day.{s}", "0"))
                     for c in res.coords.get("crossing", []))
    return out


def main_crossing_closed_days(res):
    """Measure 4. Per run, days closed of the crossing with the largest trade (or the first)."""
    trade = crossing_trade(res)
    if trade.size == 0:
        raise MeasureError("the scenario has no crossings")
    k = int(np.argmax(trade))
    return res.coords["crossing"][k], res.var["crossing_closed_days"][:, k]


def group_target(res):
    """The state the (first) armed group targets: the resolved `actors.<G>.target`, else the
    scenario text, else the state its "180" attacks hit most often."""
    groups = res.coords.get("group") or sorted({c.split(".")[0] for c in res.coords["category"]
                                                if c.endswith(".fighters")})
    for g in groups:
        t = res.param(f"actors.{g}.target")
        if t:
            return t
    attacks = res.events[(res.events["cameo"] == ATTACK) & is_state(res.events["target"], res.states)]
    if attacks.empty:
        raise MeasureError("cannot tell which state the armed group targets")
    return str(attacks["target"].value_counts().idxmax())


def fatality_mix(res):
    """Measure 5. Per run, shares of militants (all `<GROUP>.fighters`), the target state's
    forces and its civilians in their sum over the run; runs with no such deaths dropped."""
    target = group_target(res)
    cats = res.coords["category"]
    tot = res.var["fatalities_total"].astype(float)
    militants = tot[:, [i for i, c in enumerate(cats) if c.endswith(".fighters")]].sum(axis=1)
    forces = tot[:, res.category(f"{target}.forces")]
    civilians = tot[:, res.category(f"{target}.civilians")]
    total = militants + forces + civilians
    keep = total > 0
    return target, pd.DataFrame({"militants": militants[keep] / total[keep],
                                 "forces": forces[keep] / total[keep],
                                 "civilians": civilians[keep] / total[keep]})


def deportation_deadlines(res):
    """Deportation phases recorded in the parameters: [(policy, phase, start, deadline)], days."""
    out = []
    pattern = re.compile(r"^policies\.(.+?)\.phases(?:\.|\[)([^.\]]+)\]?\.deadline$")
    for path, value in res.params.items():
        m = pattern.match(path)
        if m:
            policy, phase = m.group(1), m.group(2)
            sep = "." if path.startswith(f"policies.{policy}.phases.") else ""
            base = f"policies.{policy}.phases{sep}{'' if sep else '['}{phase}{'' if sep else ']'}"
            start = res.param(f"{base}.start", value)
            out.append((policy, phase, res.day_of(start), res.day_of(value)))
    return out


def pick_deadline(res):
    """The deportation phase whose deadline falls inside the run: among phases with a deadline on
    days 1..days-1, prefer a real deadline (after the phase's start) with full 30-day windows on
    both sides, then the earliest."""
    inside = [p for p in deportation_deadlines(res) if 0 < p[3] < res.days]
    if not inside:
        raise MeasureError("no deportation phase has its deadline inside the run")
    w = RETURN_WINDOW_DAYS
    inside.sort(key=lambda p: (not p[2] < p[3], not (p[3] >= w and p[3] + w <= res.days), p[3]))
    return inside[0]


def deportation_origin(res, policy):
    """The origin state of a deportation policy: its `partner` in the scenario text, else the
    origin of the only refugee population (or of the only one hosted by its actor)."""
    partner = yaml_policy_field(res.scenario_yaml, policy, "partner")
    if partner in res.states:
        return partner
    actor = yaml_policy_field(res.scenario_yaml, policy, "actor")
    pops = []
    k = 0
    while f"refugees[{k}].origin" in res.params:
        pops.append((res.params.get(f"refugees[{k}].host"), res.params[f"refugees[{k}].origin"]))
        k += 1
    hosted = [o for h, o in pops if actor is None or h == actor]
    if len(set(hosted)) == 1:
        return hosted[0]
    raise MeasureError(f"cannot tell the origin state of deportation policy {policy!r}")


def deadline_return_ratio(res):
    """Measure 6. Per run, returns to the origin state in the 30 days from the deadline divided
    by those in the 30 days before it (daily means when a window is cut by the run's ends)."""
    policy, phase, _, deadline = pick_deadline(res)
    origin = deportation_origin(res, policy)
    ret = res.var["returnees_daily"][:, :, res.states.index(origin)]
    w = RETURN_WINDOW_DAYS
    before = ret[:, max(0, deadline - w):deadline].mean(axis=1)
    after = ret[:, deadline:min(res.days, deadline + w)].mean(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        # a rise from no returns at all is infinite; no returns in either window is no measure
        ratio = np.where(before > 0, after / before, np.where(after > 0, np.inf, np.nan))
    return f"{policy}.{phase}", origin, deadline, ratio


def closure_cost(res):
    """Measure 7. For the state with the largest exports: per run with a closure, its exports
    lost per closed day (closed days = the most any of its crossings was closed), the closure
    length and the total trade lost. Returns (state, data frame)."""
    exports = state_exports(res)
    if not exports or max(exports.values()) <= 0:
        raise MeasureError("no state exports through a crossing")
    exporter = max(exports, key=exports.get)
    own = [k for k, c in enumerate(res.coords["crossing"])
           if float(res.param(f"crossings.{c}.exports_usd_per_day.{exporter}", "0")) > 0]
    closed = res.var["crossing_closed_days"][:, own].max(axis=1)
    lost = res.var["exports_lost_usd"][:, res.states.index(exporter)]
    keep = closed > 0
    return exporter, pd.DataFrame({"closed": closed[keep], "per_day": lost[keep] / closed[keep],
                                   "trade_lost": res.var["trade_lost_usd"][keep]})


# ---------------------------------------------------------------------------------------------
# Targets: measures turned into table rows


def rows_crisis(res):
    """Targets 1-4 on pak-afg-2025."""
    n = res.n_runs
    rows = []
    lags = guarded(retaliation_lags, res)
    if isinstance(lags, str):
        rows.append(fail_row("1", "Retaliation lag after a major attack", "median 0-2 d", lags))
    else:
        done = lags[~np.isnan(lags)]
        if done.size == 0:
            rows.append(Row("1", "Retaliation lag after a major attack", "median 0-2 d",
                            f"no retaliation in any of {lags.size} runs", runs_text(0, n), False))
        else:
            med = quantiles(done)[0]
            rows.append(Row("1", "Retaliation lag after a major attack", "median 0-2 d",
                            f"{fmt_median(done, 'd')}; no retaliation within "
                            f"{NO_RETALIATION_DAYS} d: {fmt_pct(1 - done.size / lags.size)}",
                            runs_text(done.size, n), 0 <= med <= 2))

    gap = guarded(strike_to_ceasefire, res)
    if isinstance(gap, str):
        rows.append(fail_row("2", "First strike to ceasefire", "median 5-20 d", gap))
    else:
        done = gap[~np.isnan(gap)]
        if done.size == 0:
            rows.append(Row("2", "First strike to ceasefire", "median 5-20 d",
                            f"no ceasefire after a strike ({gap.size} runs with a strike)",
                            runs_text(0, n), False))
        else:
            med = quantiles(done)[0]
            rows.append(Row("2", "First strike to ceasefire", "median 5-20 d",
                            f"{fmt_median(done, 'd')}; ceasefire in "
                            f"{fmt_pct(done.size / gap.size)} of {gap.size} runs with a strike",
                            runs_text(done.size, n), 5 <= med <= 20))

    clash = guarded(clash_round, res)
    if isinstance(clash, str) or clash.empty:
        why = clash if isinstance(clash, str) else "no run has a clash between two states"
        for s in res.states or ["each state"]:
            rows.append(fail_row("3a", f"Clash round: own forces deaths, {s}", "median 5-60", why))
        rows.append(fail_row("3b", "Clash round: posts changing hands", "median 5-40", why))
    else:
        m = len(clash)
        for s in res.states:
            med = quantiles(clash[s])[0]
            rows.append(Row("3a", f"Clash round: own forces deaths, {s}", "median 5-60",
                            fmt_median(clash[s]), runs_text(m, n), 5 <= med <= 60))
        med = quantiles(clash["posts"])[0]
        rows.append(Row("3b", "Clash round: posts changing hands", "median 5-40",
                        fmt_median(clash["posts"]), runs_text(m, n), 5 <= med <= 40))

    toll = guarded(fire_toll, res)
    fire_rows = [("killed", "Fire across the line: civilians killed (FACTS: Spin Boldak alone 17)",
                  "median 17-85", 17, 85),
                 ("injured", "Fire across the line: civilians injured (FACTS: Spin Boldak alone "
                  "346)", "median 346-1,730", 346, 1730)]
    if isinstance(toll, str) or toll.empty:
        why = toll if isinstance(toll, str) else "no run has a clash between two states"
        rows += [fail_row("3c", target, band, why) for _, target, band, _, _ in fire_rows]
    else:
        for column, target, band, low, high in fire_rows:
            med = quantiles(toll[column])[0]
            rows.append(Row("3c", target, band, fmt_median(toll[column]), runs_text(len(toll), n),
                            low <= med <= high))

    closure = guarded(main_crossing_closed_days, res)
    if isinstance(closure, str):
        rows.append(fail_row("4", "Closure length of the main crossing", "median > 30 d", closure))
    else:
        name, closed = closure
        med = quantiles(closed)[0]
        rows.append(Row("4", f"Closure length ({name})", "median > 30 d",
                        f"{fmt_median(closed, 'd')}; closed at all in "
                        f"{fmt_pct(np.mean(closed > 0))}", runs_text(closed.size, n), med > 30))
    return rows


def rows_insurgency(res):
    """Targets 5 and 6 on ttp-insurgency-2025."""
    n = res.n_runs
    rows = []
    per_year = res.var["attacks"].astype(float) * 365.0 / res.days
    med = quantiles(per_year)[0]
    rows.append(Row("5a", "Armed-group attacks per year", "median 500-1,100",
                    fmt_median(per_year), runs_text(n, n), 500 <= med <= 1100))

    mix = guarded(fatality_mix, res)
    bands = {"militants": (0.50, 0.75), "forces": (0.12, 0.30), "civilians": (0.10, 0.25)}
    if isinstance(mix, str) or mix[1].empty:
        why = mix if isinstance(mix, str) else "no deaths in any run"
        for k, (lo, hi) in bands.items():
            rows.append(fail_row("5b", f"Fatality mix: {k}", f"median {lo:.0%}-{hi:.0%}", why))
    else:
        target, shares = mix
        for k, (lo, hi) in bands.items():
            med = quantiles(shares[k])[0]
            label = "militants" if k == "militants" else f"{target} {'security forces' if k == 'forces' else k}"
            rows.append(Row("5b", f"Fatality mix: {label}", f"median {lo:.0%}-{hi:.0%}",
                            fmt_median(shares[k] * 100, "%"), runs_text(len(shares), n),
                            lo <= med <= hi))

    dep = guarded(deadline_return_ratio, res)
    if isinstance(dep, str):
        rows.append(fail_row("6", "Returns after a deportation deadline", "median >= 2x", dep))
    else:
        phase, origin, deadline, ratio = dep
        done = ratio[~np.isnan(ratio)]
        date = res.start_date + dt.timedelta(days=deadline)
        title = f"Returns to {origin}, 30 d after/before deadline ({phase} {date})"
        none = f"no returns in either window: {fmt_pct(1 - done.size / ratio.size)} of runs"
        if done.size == 0:
            rows.append(Row("6", title, "median >= 2x", none, runs_text(0, n), False))
        else:
            med = quantiles(done)[0]
            rows.append(Row("6", title, "median >= 2x",
                            f"{fmt_median(done, 'x', digits=1)}; {none}",
                            runs_text(done.size, n), med >= 2))
    return rows


def rows_closure(res):
    """Target 7 and the two additional checks from FACTS.md on torkham-closure-2025."""
    n = res.n_runs
    cost = guarded(closure_cost, res)
    if isinstance(cost, str) or cost[1].empty:
        why = cost if isinstance(cost, str) else "no run closed the exporter's crossings"
        return [fail_row("7", "Exporter's loss per closed day", "median USD 1-2 m/d", why),
                fail_row("7+", "Closure length", "median 15-35 d", why, additional=True),
                fail_row("7+", "Total trade lost", "median USD 40-100 m", why, additional=True)]
    exporter, c = cost
    m = len(c)
    med_cost, med_len, med_lost = (quantiles(c[k])[0] for k in ("per_day", "closed", "trade_lost"))
    return [
        Row("7", f"Exporter's ({exporter}) loss per closed day", "median USD 1-2 m/d",
            fmt_median(c["per_day"], "m/d", digits=2, scale=1e6), runs_text(m, n),
            1e6 <= med_cost <= 2e6),
        Row("7+", "Closure length (FACTS: 23-25 d)", "median 15-35 d",
            fmt_median(c["closed"], "d"), runs_text(m, n), 15 <= med_len <= 35, additional=True),
        Row("7+", "Total trade lost (FACTS: about USD 66 m)", "median USD 40-100 m",
            fmt_median(c["trade_lost"], "m", digits=1, scale=1e6), runs_text(m, n),
            40e6 <= med_lost <= 100e6, additional=True),
    ]


def guarded(measure, res):
    """Run a measure; a MeasureError (or any data problem) becomes its message."""
    try:
        return measure(res)
    except MeasureError as err:
        return str(err)
    except (KeyError, IndexError, ValueError) as err:
        return f"{measure.__name__}: {type(err).__name__}: {err}"


def fail_row(key, target, band, why, additional=False):
    return Row(key, target, band, why, "-", False, additional)


# What each scenario must show: (scenario name, row builder, placeholder rows when it cannot run).
SCENARIOS = [
    (CRISIS, rows_crisis,
     [("1", "Retaliation lag after a major attack", "median 0-2 d"),
      ("2", "First strike to ceasefire", "median 5-20 d"),
      ("3a", "Clash round: own forces deaths per state", "median 5-60"),
      ("3b", "Clash round: posts changing hands", "median 5-40"),
      ("3c", "Fire across the line: civilians killed / injured", "median 17-85 / 346-1,730"),
      ("4", "Closure length of the main crossing", "median > 30 d")]),
    (INSURGENCY, rows_insurgency,
     [("5a", "Armed-group attacks per year", "median 500-1,100"),
      ("5b", "Fatality mix: militants / forces / civilians", "50-75% / 12-30% / 10-25%"),
      ("6", "Returns after a deportation deadline", "median >= 2x")]),
    (CLOSURE, rows_closure,
     [("7", "Exporter's loss per closed day", "median USD 1-2 m/d"),
      ("7+", "Closure length (FACTS: 23-25 d)", "median 15-35 d"),
      ("7+", "Total trade lost (FACTS: about USD 66 m)", "median USD 40-100 m")]),
]


# ---------------------------------------------------------------------------------------------
# Running flashpoint


def find_flashpoint(explicit):
    """The flashpoint binary: --flashpoint, else build/release, else build/ci."""
    if explicit:
        if not (os.path.isfile(explicit) and os.access(explicit, os.X_OK)):
            raise UsageError(f"--flashpoint {explicit}: not an executable file")
        return os.path.abspath(explicit)
    tried = [os.path.join(REPO, "build", p, "flashpoint") for p in ("release", "ci")]
    for path in tried:
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    raise UsageError("no flashpoint binary found (tried " + ", ".join(tried) + "). Build one "
                     "with `cmake --preset release && cmake --build --preset release`, or pass "
                     "--flashpoint PATH.")


def run_scenario(flashpoint, scenario, out, replicates, threads, posterior=None, draws=0):
    """Run one scenario; returns (Results, seconds) or raises MeasureError with the reason.
    With a posterior: a sweep of `draws` parameter sets drawn from it, replicates // draws
    replicates each, events kept (the measures read the same /runs and /events)."""
    cmd = [flashpoint, "run", scenario, "--replicates", str(replicates), "-o", out,
           "--force", "--quiet"]
    if posterior:
        sweep = out[:-3] + ".sweep.yaml"
        with open(sweep, "w", encoding="utf-8") as f:
            f.write("kind: sweep\n"
                    f"name: {os.path.basename(scenario)[:-5]}-posterior\n"
                    f"scenario: {os.path.abspath(scenario)}\n"
                    f"parameters: {{from_posterior: {os.path.abspath(posterior)}, "
                    f"draws: {draws}}}\n"
                    f"replicates: {max(1, replicates // draws)}\n"
                    "keep: events\n")
        cmd = [flashpoint, "sweep", sweep, "-o", out, "--force", "--quiet"]
    if threads:
        cmd += ["--threads", str(threads)]
    t0 = time.monotonic()
    done = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, check=False)
    seconds = time.monotonic() - t0
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise MeasureError(f"flashpoint {cmd[1]} failed (exit {done.returncode}): " +
                           " / ".join(tail))
    return Results(out), seconds


def shown_path(path):
    """A path relative to the working folder when it lies inside it, else absolute."""
    rel = os.path.relpath(os.path.abspath(path))
    return os.path.abspath(path) if rel.startswith("..") else rel


def evaluate(name, builder, placeholders, args, flashpoint):
    """All rows of one scenario; a missing scenario or a failed run fails each of its targets."""
    scenario = os.path.join(args.scenarios_dir, name + ".yaml")
    if not os.path.isfile(scenario):
        why = f"scenario missing: {shown_path(scenario)}"
        return [fail_row(k, t, b, why, additional=k.endswith("+")) for k, t, b in placeholders]
    print(f"running {name} ({args.replicates} replicates) ...", file=sys.stderr, flush=True)
    try:
        res, seconds = run_scenario(flashpoint, scenario, os.path.join(args.workdir, name + ".h5"),
                                    args.replicates, args.threads, args.posterior, args.draws)
    except MeasureError as err:
        return [fail_row(k, t, b, str(err), additional=k.endswith("+")) for k, t, b in placeholders]
    t0 = time.monotonic()
    rows = builder(res)
    print(f"  {name}: run {seconds:.1f} s, measures {time.monotonic() - t0:.1f} s",
          file=sys.stderr, flush=True)
    return [(name, r) for r in rows]


# ---------------------------------------------------------------------------------------------
# Output


HEADER = ["#", "scenario", "target", "band", "model [5-95% of runs]", "runs", "result"]


def table_cells(rows):
    return [[r.key, scen, r.target, r.band, r.value, r.runs, r.result] for scen, r in rows]


def plain_table(rows):
    """The table as aligned plain text."""
    cells = [HEADER] + table_cells(rows)
    widths = [max(len(c[i]) for c in cells) for i in range(len(HEADER))]
    lines = ["  ".join(c[i].ljust(widths[i]) for i in range(len(HEADER))).rstrip() for c in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown_table(rows):
    """The table as Markdown (pipes in cells escaped)."""
    def esc(s):
        return s.replace("|", "\\|")
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for c in table_cells(rows):
        c[-1] = f"**{c[-1]}**"
        lines.append("| " + " | ".join(esc(x) for x in c) + " |")
    return "\n".join(lines)


def summary(rows):
    targets = [r for _, r in rows if not r.additional]
    extra = [r for _, r in rows if r.additional]
    t_ok = sum(r.passed for r in targets)
    e_ok = sum(r.passed for r in extra)
    return (f"{t_ok} of {len(targets)} target checks pass; "
            f"{e_ok} of {len(extra)} additional checks from FACTS.md pass.")


def git_commit():
    try:
        sha = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", REPO, "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, check=False).stdout.strip()
        return sha + (" (with uncommitted changes)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def command_line():
    script = os.path.relpath(os.path.abspath(sys.argv[0]), REPO)
    if script.startswith(".."):
        script = sys.argv[0]
    return " ".join(shlex.quote(a) for a in [script] + sys.argv[1:])


def write_markdown(path, rows, args):
    """Replace the text between the markers in `path` with the Markdown table and its context."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    begin, end = markers(args)
    b, e = text.find(begin), text.find(end)
    if b < 0 or e < b:
        raise UsageError(f"{path}: no `{begin}` ... `{end}` markers")
    now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    drawn = "" if not args.posterior else (
        f" ({args.draws} parameter sets drawn from the posterior "
        f"`{os.path.relpath(os.path.abspath(args.posterior))}`, "
        f"{max(1, args.replicates // args.draws)} replicates each)")
    block = "\n".join([
        begin,
        "",
        f"Generated by `{command_line()}` on {now}, {args.replicates} replicates per scenario"
        f"{drawn}, commit {git_commit()}. Values are medians over the runs measured (shares where "
        "noted), with the 5-95% range over those runs in brackets. Rows marked 7+ are "
        "additional checks from FACTS.md, not MODEL.md targets.",
        "",
        markdown_table(rows),
        "",
        summary(rows),
        "",
        end,
    ])
    text = text[:b] + block + text[e + len(end):]
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def markers(args):
    """The markers between which --markdown writes: the posterior's table has its own."""
    if args.posterior:
        return "<!-- validation-posterior:begin -->", "<!-- validation-posterior:end -->"
    return BEGIN_MARK, END_MARK


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--flashpoint", help="flashpoint binary (default: build/release/flashpoint, "
                                        "else build/ci/flashpoint)")
    p.add_argument("--replicates", type=int, default=500, help="replicates per scenario (500)")
    p.add_argument("--threads", type=int, help="worker threads for flashpoint (default: all)")
    p.add_argument("--workdir", default=os.path.join(REPO, "build", "validation"),
                   help="where results files go (default: build/validation)")
    p.add_argument("--markdown", help="file whose validation markers receive the table")
    p.add_argument("--posterior", help="draw the parameter sets from this calibration's "
                                       "posterior (flashpoint calibrate): each scenario runs as "
                                       "a sweep over --draws draws (docs/calibration.md)")
    p.add_argument("--draws", type=int, default=50, help="posterior draws per scenario (50)")
    p.add_argument("--scenarios-dir", default=os.path.join(REPO, "scenarios"),
                   help="folder with the scenario files (default: scenarios)")
    args = p.parse_args(argv)
    if args.replicates < 1:
        p.error("--replicates must be at least 1")
    if args.threads is not None and args.threads < 1:
        p.error("--threads must be at least 1")
    if args.draws < 1:
        p.error("--draws must be at least 1")
    return args


def main(argv):
    args = parse_args(argv)
    try:
        flashpoint = find_flashpoint(args.flashpoint)
        if args.markdown:
            with open(args.markdown, encoding="utf-8") as f:
                if markers(args)[0] not in f.read():
                    raise UsageError(f"{args.markdown}: no `{markers(args)[0]}` marker")
        os.makedirs(args.workdir, exist_ok=True)
        rows = []
        for name, builder, placeholders in SCENARIOS:
            out = evaluate(name, builder, placeholders, args, flashpoint)
            rows += [r if isinstance(r, tuple) else (name, r) for r in out]
        print(plain_table(rows))
        print()
        print(summary(rows))
        if args.markdown:
            write_markdown(args.markdown, rows, args)
            print(f"wrote the table into {args.markdown}")
    except (UsageError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
    return 0 if all(r.passed for _, r in rows) else EXIT_FAIL


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
