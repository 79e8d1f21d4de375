"""The per-run outcomes of a results file by name, as the engine computes them.

Sweeps and comparisons summarise every run by a flat list of named numbers (`peak_escalation`,
`fatalities_all`, `fatalities_total[PAK.forces]`, `ceasefire_within_30d`, ...): the columns of
/design/outcomes/mean, /sensitivity and /comparison. This module recomputes each of them per run
from /runs, exactly as src/experiment/outcomes.cpp does (same names, same order, same units, NaN
where the engine has no value), so that pictures and reports can show distributions over runs
and not only the file's summaries.

    with common.open_results(path) as f:
        names = outcome_names(f)
        deaths = outcome_values(f, "fatalities_all")      # float64 [run]
        unit = outcome_unit(f, "fatalities_all")           # "deaths"

Works on any results file with /runs (a plain run, a sweep or a comparison).
"""
from __future__ import annotations

import re

import h5py
import numpy as np

from .common import BadInput, choose, strings

# Days after the first day of armed conflict within which a ceasefire counts for
# ceasefire_within_30d (kCeasefireWindowDays in src/experiment/outcomes.hpp).
CEASEFIRE_WINDOW_DAYS = 30

# Rung of the escalation ladder from which a run counts as having reached a deep strike.
DEEP_STRIKE_RUNG = 8

# The outcomes shown when a picture is not told which one (docs/experiments.md).
SWEEP_HEADLINE = ("peak_escalation", "conflict_days", "fatalities_all", "trade_lost_usd")
COMPARISON_HEADLINE = ("fatalities_all", "conflict_days", "reached_rung8",
                       "ceasefire_within_30d", "trade_lost_usd")

# Which way is better, for colouring differences (None: neither).
_LOWER_IS_BETTER = {
    "peak_escalation": True, "conflict_days": True, "reached_rung8": True,
    "ceasefire_breakdowns": True, "attacks": True, "fatalities_all": True,
    "fatalities_total": True, "injured_all": True, "injured_total": True,
    "trade_lost_usd": True, "exports_lost_usd": True,
    "peak_displaced": True, "final_hostility": True, "crossing_closed_days": True,
    "ceasefire_within_30d": False, "returnees": False,
}

# (name, unit, per-category dimension of /runs or None), in the order of outcomes.cpp.
_COLUMNS = (
    ("peak_escalation", "rung", None),
    ("conflict_days", "days", None),
    ("reached_rung8", "share", None),
    ("first_conflict_day", "day", None),
    ("first_ceasefire_day", "day", None),
    ("ceasefire_within_30d", "share", None),
    ("struck", "share", None),                     # results format 6 and later
    ("first_strike_day", "day", None),             # results format 6 and later
    ("first_strike_to_ceasefire", "days", None),   # results format 6 and later
    ("ceasefire_breakdowns", "count", None),
    ("attacks", "attacks", None),
    ("fatalities_all", "deaths", None),
    ("fatalities_total", "deaths", "category"),
    ("injured_all", "people", None),          # results format 5 and later
    ("injured_total", "people", "category"),  # results format 5 and later
    ("posts_captured", "posts", "actor"),
    ("fire_exchanges", "sector-days", "actor"),    # results format 6 and later
    ("aircraft_lost", "aircraft", "actor"),        # results format 6 and later
    ("measure_days", "days", "actor"),             # results format 7 and later
    ("coercion_cost_usd", "USD", "actor"),         # results format 7 and later
    ("nuclear_signals", "signals", "actor"),       # results format 7 and later
    ("crossing_closed_days", "days", "crossing"),
    ("trade_lost_usd", "USD", None),
    ("exports_lost_usd", "USD", "actor"),
    ("peak_displaced", "people", None),
    ("returnees", "people", None),
    ("final_hostility", "1", "dyad"),
)

# Outcomes that files of results format 4 and earlier do not have.
_INJURED = ("injured_all", "injured_total")
# Outcomes that files of results format 5 and earlier do not have (the interstate repertoire).
_REPERTOIRE = ("struck", "first_strike_day", "first_strike_to_ceasefire", "fire_exchanges",
               "aircraft_lost")

# Outcomes that files of results format 6 and earlier do not have (coercion, nuclear signals).
_COERCION = ("measure_days", "coercion_cost_usd", "nuclear_signals")

_INDEXED = re.compile(r"^(?P<base>[a-z_0-9]+)\[(?P<label>.+)\]$")


def _runs(f: h5py.File) -> h5py.Group:
    if "runs" not in f:
        raise BadInput(f"{f.filename}: has no /runs group; it is not a complete results file")
    return f["runs"]


def _labels(runs: h5py.Group, dim: str) -> list[str]:
    return strings(runs[dim]) if dim in runs else []


def outcome_columns(f: h5py.File) -> list[tuple[str, str]]:
    """Every outcome of the file as (name, unit), in the engine's order (outcome_columns in
    src/experiment/outcomes.cpp): the per-category ones follow /runs/category, /runs/actor,
    /runs/crossing and /runs/dyad."""
    runs = _runs(f)
    out = []
    for name, unit, dim in _COLUMNS:
        if name in _INJURED and "injured_total" not in runs:
            continue  # a file of results format 4 or earlier: no injured
        if name in _REPERTOIRE and "first_strike_day" not in runs:
            continue  # a file of results format 5 or earlier
        if name in _COERCION and "measure_days" not in runs:
            continue  # a file of results format 6 or earlier
        if dim is None:
            out.append((name, unit))
        else:
            out.extend((f"{name}[{label}]", unit) for label in _labels(runs, dim))
    return out


def outcome_names(f: h5py.File) -> list[str]:
    """The names of every outcome of the file, in the engine's order."""
    return [name for name, _ in outcome_columns(f)]


def outcome_unit(f: h5py.File, name: str) -> str:
    """The unit of an outcome ('deaths', 'days', 'USD', 'share', ...), as outcomes.cpp says."""
    for n, unit in outcome_columns(f):
        if n == name:
            return unit
    choose(name, outcome_names(f), "outcome", f.filename)
    return ""  # not reached: choose raised


def outcome_label(name: str, unit: str) -> str:
    """An axis label: 'fatalities_all (deaths)'; no unit for plain numbers ('1')."""
    if unit in ("", "1"):
        return name
    if unit == "share":
        return f"{name} (share of runs)"
    return f"{name} ({unit})"


def lower_is_better(name: str) -> bool | None:
    """True when less of the outcome is better (deaths, days of conflict), False when more is
    (ceasefire within 30 days, returnees), None when neither (days of first events)."""
    m = _INDEXED.match(name)
    return _LOWER_IS_BETTER.get(m.group("base") if m else name)


def _read(runs: h5py.Group, name: str, path: str) -> np.ndarray:
    if name not in runs:
        raise BadInput(f"{path}: has no /runs/{name}; the file was written by an older "
                       "flashpoint (results format 1?) and lacks this outcome")
    return np.asarray(runs[name][()], dtype=np.float64)


def _day_or_none(days: np.ndarray) -> np.ndarray:
    return np.where(days >= 0, days, np.nan)


def outcome_values(f: h5py.File, name: str) -> np.ndarray:
    """The outcome `name` of every run, float64 [run], NaN where the engine has no value.

    NaN: first_conflict_day and first_ceasefire_day in runs without one (stored as -1), and
    ceasefire_within_30d in runs that never reached armed conflict (rung 6). That one is 1 when
    /runs/first_ceasefire_after_conflict_day - /runs/first_conflict_day <= 30 (a ceasefire in
    force within 30 days of the first day of armed conflict), else 0. An unknown name raises
    BadInput with the nearest valid name.
    """
    path = f.filename
    runs = _runs(f)
    m = _INDEXED.match(name)
    base = m.group("base") if m else name
    if base in _INJURED and "injured_total" not in runs:
        raise BadInput(f"{path}: has no injured (/runs/injured_total): it was written in results "
                       "format 4 or earlier, before the injured were modelled")
    if base in _REPERTOIRE and "first_strike_day" not in runs:
        raise BadInput(f"{path}: has no /runs/first_strike_day: it was written in results format "
                       "5 or earlier, before strikes on any target and fire across the line")
    if base in _COERCION and "measure_days" not in runs:
        raise BadInput(f"{path}: has no /runs/measure_days: it was written in results format 6 "
                       "or earlier, before coercive measures and nuclear signals were modelled")
    plain = {n for n, _, dim in _COLUMNS if dim is None}
    indexed = {n: dim for n, _, dim in _COLUMNS if dim is not None}
    if m is None and base in plain:
        if base in ("fatalities_all", "injured_all"):
            # Every death (injured) of the run: fatalities_total (injured_total) summed over
            # categories, in category order (as the engine adds them; exact for integer counts).
            total = _read(runs, "fatalities_total" if base == "fatalities_all" else
                          "injured_total", path)
            out = np.zeros(total.shape[0])
            for c in range(total.shape[1]):
                out = out + total[:, c]
            return out
        if base == "reached_rung8":
            return (_read(runs, "peak_escalation", path) >= DEEP_STRIKE_RUNG).astype(np.float64)
        if base in ("first_conflict_day", "first_ceasefire_day", "first_strike_day"):
            return _day_or_none(_read(runs, base, path))
        if base == "struck":
            return (_read(runs, "first_strike_day", path) >= 0).astype(np.float64)
        if base == "first_strike_to_ceasefire":
            # Days from the first strike to the first day on or after it with a ceasefire in
            # force; NaN without a strike or without such a day.
            first = _read(runs, "first_strike_day", path)
            after = _read(runs, "first_ceasefire_after_strike_day", path)
            return np.where((first >= 0) & (after >= 0), after - first, np.nan)
        if base == "ceasefire_within_30d":
            conflict = _read(runs, "first_conflict_day", path)
            if "first_ceasefire_after_conflict_day" in runs:
                # A ceasefire in force on some day of [c0, c0 + 30], c0 the first day of armed
                # conflict; one that broke down before c0 does not count.
                after = _read(runs, "first_ceasefire_after_conflict_day", path)
                within = (after >= 0) & (after - conflict <= CEASEFIRE_WINDOW_DAYS)
            else:
                # Files written before /runs/first_ceasefire_after_conflict_day existed: their
                # statistics used the run's first ceasefire, if it came on or after c0.
                ceasefire = _read(runs, "first_ceasefire_day", path)
                within = (ceasefire >= conflict) & \
                    (ceasefire - conflict <= CEASEFIRE_WINDOW_DAYS)
            return np.where(conflict >= 0, within.astype(np.float64), np.nan)
        return _read(runs, base, path)
    if m is not None and base in indexed:
        labels = _labels(runs, indexed[base])
        if m.group("label") in labels:
            column = labels.index(m.group("label"))
            if base == "exports_lost_usd" and "exports_lost_usd" not in runs:
                return np.zeros(len(runs["run"]))  # as the engine: no value -> 0
            data = _read(runs, base, path)
            if data.ndim != 2 or column >= data.shape[1]:
                if base == "exports_lost_usd":
                    return np.zeros(data.shape[0])
                raise BadInput(f"{path}: /runs/{base} has shape {data.shape}, which does not "
                               f"match /runs/{indexed[base]}")
            return data[:, column]
    choose(name, outcome_names(f), "outcome", path)
    raise BadInput(f"{path}: no outcome {name!r}")  # not reached: choose raised


def outcome_table(f: h5py.File, names: list[str] | None = None) -> dict[str, np.ndarray]:
    """{name: values [run]} for `names` (default: every outcome), in the engine's order."""
    return {n: outcome_values(f, n) for n in (names or outcome_names(f))}


def human(value: float, digits: int = 3) -> str:
    """A number for a label: 863, 12.6, 0.043, 35.9m, 4.53k; '-' for NaN."""
    if value is None or not np.isfinite(value):
        return "-"
    a = abs(value)
    for scale, suffix in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if a >= scale * 10 or (a >= scale and suffix != "k"):
            return f"{value / scale:.{digits}g}{suffix}"
    if a >= 100 or a == 0 or float(value).is_integer():
        return f"{value:.0f}" if a >= 100 or float(value).is_integer() else f"{value:.{digits}g}"
    return f"{value:.{digits}g}"
