"""The per-run outcomes of a results file by name, as the engine wrote them.

Sweeps and comparisons summarise every run by a flat list of named numbers (`peak_escalation`,
`fatalities_all`, `fatalities_total[PAK.forces]`, `ceasefire_within_30d`, and the experiment
file's own `outcomes:`): the columns of /design/outcomes/mean, /sensitivity and /comparison. The
engine computes each of them once per run (src/experiment/outcomes.cpp, and
src/experiment/user_outcomes.cpp for the user's) and writes them to /outcomes/value [run, outcome]
(docs/output.md, "Per-run outcomes"); this module reads them, so that pictures and reports can show
distributions over runs and not only the file's summaries. It keeps only presentation: units,
axis labels and which way is better.

    with common.open_results(path) as f:
        names = outcome_names(f)
        deaths = outcome_values(f, "fatalities_all")      # float64 [run]
        unit = outcome_unit(f, "fatalities_all")           # "deaths"

Works on any results file with /outcomes (a plain run, a sweep or a comparison). Files written
before /outcomes existed give their outcome names from their summaries, and a BadInput that says
so where per-run values are needed.
"""
from __future__ import annotations

import re

import h5py
import numpy as np

from .common import BadInput, choose, strings

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

# The units of the built-in outcomes (by name, before any [LABEL]), as outcomes.cpp gives them.
_UNITS = {
    "peak_escalation": "rung", "conflict_days": "days", "reached_rung8": "share",
    "first_conflict_day": "day", "first_ceasefire_day": "day", "ceasefire_within_30d": "share",
    "struck": "share", "first_strike_day": "day", "first_strike_to_ceasefire": "days",
    "ceasefire_breakdowns": "count", "attacks": "attacks", "fatalities_all": "deaths",
    "fatalities_total": "deaths", "injured_all": "people", "injured_total": "people",
    "posts_captured": "posts", "fire_exchanges": "sector-days", "aircraft_lost": "aircraft",
    "measure_days": "days", "coercion_cost_usd": "USD", "nuclear_signals": "signals",
    "crossing_closed_days": "days", "trade_lost_usd": "USD", "exports_lost_usd": "USD",
    "peak_displaced": "people", "returnees": "people", "final_hostility": "1",
}

_INDEXED = re.compile(r"^(?P<base>[a-z_0-9]+)\[(?P<label>.+)\]$")

# Where files written before /outcomes existed list their outcomes.
_SUMMARY_AXES = ("design/outcomes/outcome", "comparison/outcome", "sensitivity/outcome")


def has_per_run_values(f: h5py.File) -> bool:
    """Whether the file has /outcomes (written by flashpoint since user-defined outcomes)."""
    return "outcomes" in f and "value" in f["outcomes"] and "outcome" in f["outcomes"]


def _no_outcomes(f: h5py.File) -> BadInput:
    return BadInput(f"{f.filename}: has no /outcomes: it was written by an older flashpoint, "
                    "which did not store each run's outcomes; this needs them. Run the "
                    "experiment (or run) again with this version; the file's summaries "
                    "(/design, /sensitivity, /comparison) still work")


def outcome_names(f: h5py.File) -> list[str]:
    """The names of every outcome of the file, in the engine's order: the built-in ones, then
    the experiment file's own."""
    if has_per_run_values(f):
        return strings(f["outcomes/outcome"])
    for path in _SUMMARY_AXES:
        if path in f:
            return strings(f[path])
    raise _no_outcomes(f)


def is_user_defined(f: h5py.File, name: str) -> bool:
    """Whether `name` is one of the experiment file's own `outcomes:`."""
    return has_per_run_values(f) and f"expression:{name}" in f["outcomes"].attrs


def _attr(f: h5py.File, key: str) -> str:
    v = f["outcomes"].attrs.get(key, "")
    return v.decode() if isinstance(v, bytes) else str(v)


def outcome_definition(f: h5py.File, name: str) -> tuple[str, str]:
    """(expression, description) of a user-defined outcome; ('', '') for a built-in one."""
    if not is_user_defined(f, name):
        return "", ""
    return _attr(f, f"expression:{name}"), _attr(f, f"description:{name}")


def outcome_unit(f: h5py.File, name: str) -> str:
    """The unit of an outcome ('deaths', 'days', 'USD', 'share', ...): as outcomes.cpp says for
    a built-in one, as the experiment file says for the user's."""
    if is_user_defined(f, name):
        return _attr(f, f"units:{name}")
    m = _INDEXED.match(name)
    unit = _UNITS.get(m.group("base") if m else name)
    if unit is not None:
        return unit
    names = outcome_names(f)
    if name in names:
        return ""
    choose(name, names, "outcome", f.filename)
    return ""  # not reached: choose raised


def outcome_columns(f: h5py.File) -> list[tuple[str, str]]:
    """Every outcome of the file as (name, unit), in the engine's order."""
    return [(n, outcome_unit(f, n)) for n in outcome_names(f)]


def outcome_label(name: str, unit: str) -> str:
    """An axis label: 'fatalities_all (deaths)'; no unit for plain numbers ('1')."""
    if unit in ("", "1"):
        return name
    if unit == "share":
        return f"{name} (share of runs)"
    return f"{name} ({unit})"


def lower_is_better(name: str) -> bool | None:
    """True when less of the outcome is better (deaths, days of conflict), False when more is
    (ceasefire within 30 days, returnees), None when neither (days of first events, and the
    user's own outcomes, whose direction the file does not say)."""
    m = _INDEXED.match(name)
    return _LOWER_IS_BETTER.get(m.group("base") if m else name)


def outcome_values(f: h5py.File, name: str) -> np.ndarray:
    """The outcome `name` of every run, float64 [run], read from /outcomes/value; NaN where the
    engine has no value (e.g. first_conflict_day in a run without conflict, a user's first_day
    whose condition never held). An unknown name raises BadInput with the nearest valid name; a
    file without /outcomes raises BadInput saying it is too old."""
    if not has_per_run_values(f):
        raise _no_outcomes(f)
    g = f["outcomes"]
    names = strings(g["outcome"])
    if name not in names:
        choose(name, names, "outcome", f.filename)
        raise BadInput(f"{f.filename}: no outcome {name!r}")  # not reached: choose raised
    return np.asarray(g["value"][:, names.index(name)], dtype=np.float64)


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
