#!/usr/bin/env python3
"""Check that a Flashpoint results file reads the same through h5py, pandas and xarray.

    read_results.py RESULTS.h5

Opens the file the three ways docs/output.md shows, checks the layout (root attributes,
dimensions, coordinates, every /runs variable and the /events table), that the three readers
agree on shapes, and that each run's outcomes agree with its daily series and its events.
Reads format versions 1 to 7; the variables and event columns that version 2 added (model
layer 2) are required, and checked, in version-2 files and later; /policy_starts (version 3) is
checked when present: its days are whole days of the run, or NaN; the plausibility flags
(version 4) are checked to be CF flags; the injured (version 5) are checked like the deaths: the
series sums to the outcome, the events' columns add up and sum to it run by run; the
repertoire's outcomes (version 6) and the coercive measures' (version 7) are required in files of
those versions.
Prints every failed check and exits 1 when there is any; exits 0 with a one-line summary
otherwise.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
import fp_interpreter  # noqa: E402

fp_interpreter.ensure(["h5py", "numpy", "pandas", "xarray", "h5netcdf"])

import datetime as dt  # noqa: E402

import h5py  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import xarray as xr  # noqa: E402

FORMAT = "flashpoint-results"
FORMAT_VERSIONS = (1, 2, 3, 4, 5, 6, 7, 8)
ROOT_ATTRIBUTES = ["format", "format_version", "software_version", "git_commit", "created_utc",
                   "command_line", "master_seed", "scenario_name", "scenario_path", "start_date",
                   "runs", "days", "status"]
COORDINATES = {"run": np.int64, "day": np.int32, "category": str, "actor": str,
               "crossing": str, "dyad": str}
COORDINATES_V2 = {"group": str}
# name -> (dimensions, dtype) of every /runs variable (docs/output.md).
VARIABLES = {
    "date": (("day",), str),
    "seed": (("run",), np.uint64),
    "replicate": (("run",), np.int32),
    "escalation": (("run", "day"), np.int8),
    "fatalities": (("run", "day", "category"), np.int32),
    "attacks_daily": (("run", "day"), np.int32),
    "hostility": (("run", "day", "dyad"), np.float64),
    "posts_held": (("run", "day", "actor"), np.int32),
    "crossing_open": (("run", "day", "crossing"), np.uint8),
    "trade_flow_usd": (("run", "day"), np.float64),
    "ceasefire": (("run", "day"), np.uint8),
    "peak_escalation": (("run",), np.int32),
    "conflict_days": (("run",), np.int32),
    "first_ceasefire_day": (("run",), np.int32),
    "first_conflict_day": (("run",), np.int32),
    "first_ceasefire_after_conflict_day": (("run",), np.int32),
    "ceasefire_breakdowns": (("run",), np.int32),
    "attacks": (("run",), np.int32),
    "trade_lost_usd": (("run",), np.float64),
    "posts_captured": (("run", "actor"), np.int32),
    "crossing_closed_days": (("run", "crossing"), np.int32),
    "fatalities_total": (("run", "category"), np.int32),
    "final_hostility": (("run", "dyad"), np.float64),
}
# Added by format version 2 (model layer 2).
VARIABLES_V2 = {
    "mediation_active": (("run", "day"), np.uint8),
    "talks_rounds": (("run", "day"), np.int32),
    "displaced": (("run", "day", "actor"), np.float64),
    "active_share": (("run", "day", "actor"), np.float64),
    "legitimacy": (("run", "day", "actor"), np.float64),
    "refugees": (("run", "day", "actor"), np.float64),
    "returnees_daily": (("run", "day", "actor"), np.float64),
    "sanctuary_tolerance": (("run", "day", "group"), np.float64),
    "cells": (("run", "day", "group"), np.int32),
    "fighters": (("run", "day", "group"), np.float64),
    "reached_rung8": (("run",), np.uint8),
    "peak_displaced": (("run",), np.float64),
    "returnees": (("run",), np.float64),
    "exports_lost_usd": (("run", "actor"), np.float64),
}
# Added by format version 4 (plausibility diagnostics).
VARIABLES_V4 = {
    "peak_district_active_share": (("run",), np.float64),
    "implausible": (("run",), np.int32),
}
# Added by format version 5 (the injured).
VARIABLES_V5 = {
    "injured": (("run", "day", "category"), np.int32),
    "injured_total": (("run", "category"), np.int32),
}
# Added by format version 6 (the interstate repertoire: strikes meet air defence).
VARIABLES_V6 = {
    "strike_sites_intercepted": (("run", "actor"), np.int32),
    "aircraft_lost": (("run", "actor"), np.int32),
    "fire_exchanges": (("run", "actor"), np.int32),
    "first_strike_day": (("run",), np.int32),
    "first_ceasefire_after_strike_day": (("run",), np.int32),
}
# Added by format version 7 (non-military coercion, the nuclear shadow).
VARIABLES_V7 = {
    "measure_days": (("run", "actor"), np.int32),
    "coercion_cost_usd": (("run", "actor"), np.float64),
    "nuclear_signals": (("run", "actor"), np.int32),
}
INJURED_COLUMNS = ["injured", "injured_forces", "injured_civilians", "injured_militants"]
EVENT_COLUMNS = ["run", "day", "date", "actor", "target", "cameo", "cameo_root", "quad_class",
                 "goldstein", "location", "lat", "lon", "fatalities", "forces", "civilians",
                 "militants"]
CLAIM_COLUMNS = ["claim_actor_own", "claim_actor_enemy", "claim_target_own", "claim_target_enemy"]
# Clashes between two states, whose actor always announces its own and the enemy's losses: 190
# (use conventional military force: the fighting of an offensive), 193 (fight with small arms),
# 194 (fight with artillery and tanks). A state's operations against an armed group are coded
# 190 too, but nobody announces their losses: they are not clashes between states.
CLASH_CAMEO = {"190", "193", "194"}
# Relative tolerance of outcomes that are sums of float64 series.
RELATIVE = 1e-9


def version_of(f):
    try:
        return int(f.attrs.get("format_version", -1))
    except (TypeError, ValueError):
        return -1


def day_axis(version):
    """The name of the day dimension: `time` (a CF time coordinate) from format 8 on."""
    return "time" if version >= 8 else "day"


def _renamed(dims, version):
    return tuple(day_axis(version) if d == "day" else d for d in dims)


def coordinates_for(version):
    coordinates = {**COORDINATES, **(COORDINATES_V2 if version >= 2 else {})}
    return {day_axis(version) if k == "day" else k: v for k, v in coordinates.items()}


def variables_for(version):
    variables = {**VARIABLES, **(VARIABLES_V2 if version >= 2 else {}),
                 **(VARIABLES_V4 if version >= 4 else {}),
                 **(VARIABLES_V5 if version >= 5 else {}),
                 **(VARIABLES_V6 if version >= 6 else {}),
                 **(VARIABLES_V7 if version >= 7 else {})}
    return {k: (_renamed(dims, version), dtype) for k, (dims, dtype) in variables.items()}


def event_columns_for(version):
    return (EVENT_COLUMNS
            + (CLAIM_COLUMNS + ["acled_event_type", "acled_sub_event_type"] if version >= 2 else [])
            + (INJURED_COLUMNS if version >= 5 else [])
            + (["action"] if version >= 7 else [])
            + (["time"] if version >= 8 else []))


class Checks:
    """Collects failures so that one run reports all of them."""

    def __init__(self):
        self.failures = []
        self.count = 0

    def that(self, condition, message):
        self.count += 1
        if not bool(condition):
            self.failures.append(message)
        return bool(condition)


def text(value):
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def check_root(f, c):
    for name in ROOT_ATTRIBUTES:
        c.that(name in f.attrs, f"root attribute '{name}' is missing")
    c.that(text(f.attrs.get("format", "")) == FORMAT,
           f"root attribute format is {f.attrs.get('format')!r}, expected {FORMAT!r}")
    c.that(version_of(f) in FORMAT_VERSIONS,
           f"format_version is {f.attrs.get('format_version')!r}, expected one of "
           f"{', '.join(map(str, FORMAT_VERSIONS))}")
    c.that(text(f.attrs.get("status", "")) == "complete",
           f"status is {f.attrs.get('status')!r}, expected 'complete'")
    created = text(f.attrs.get("created_utc", ""))
    try:
        dt.datetime.strptime(created, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        c.that(False, f"created_utc {created!r} is not YYYY-MM-DDTHH:MM:SSZ")
    parameters = "provenance/parameter" if version_of(f) >= 8 else "provenance/parameters"
    for name in ["provenance/scenario_yaml", parameters, "runs", "events"]:
        c.that(name in f, f"/{name} is missing")


def check_runs(path, f, ds, c):
    runs, days = int(f.attrs["runs"]), int(f.attrs["days"])
    version = version_of(f)
    coordinates = coordinates_for(version)
    variables = variables_for(version)
    g = f["runs"]
    for name, dtype in coordinates.items():
        if not c.that(name in ds.dims, f"xarray: dimension '{name}' is missing"):
            continue
        c.that(ds[name].dims == (name,), f"xarray: coordinate {name} has dims {ds[name].dims}")
        c.that(g[name].shape == (ds.sizes[name],),
               f"/runs/{name}: h5py shape {g[name].shape}, xarray size {ds.sizes[name]}")
        if dtype is str:
            values = [text(v) for v in ds[name].values]
            c.that(len(set(values)) == len(values), f"/runs/{name} has repeated values: {values}")
        else:
            c.that(ds[name].dtype == dtype, f"/runs/{name} has dtype {ds[name].dtype}")
    if not all(name in ds.dims for name in coordinates):
        return
    c.that(ds.sizes["run"] == runs, f"{ds.sizes['run']} runs in /runs, root attribute says {runs}")
    day = day_axis(version)
    c.that(ds.sizes[day] == days, f"{ds.sizes[day]} days in /runs, root attribute says {days}")
    c.that(np.array_equal(ds["run"].values, np.arange(runs)), "coordinate run is not 0..N-1")
    c.that(np.array_equal(ds[day].values, np.arange(days)), f"coordinate {day} is not 0..D-1")
    actors = [text(a) for a in ds["actor"].values]
    for dyad in (text(d) for d in ds["dyad"].values):
        parts = dyad.split(">")
        c.that(len(parts) == 2 and all(p in actors for p in parts),
               f"dyad {dyad!r} is not 'A>B' with A and B in the actor coordinate {actors}")

    for name, (dims, dtype) in variables.items():
        if not c.that(name in ds.variables, f"xarray: variable '{name}' is missing"):
            continue
        v = ds[name]
        c.that(v.dims == dims, f"{name}: dims {v.dims}, expected {dims}")
        c.that(g[name].shape == v.shape, f"{name}: h5py shape {g[name].shape}, xarray {v.shape}")
        if dtype is not str:
            c.that(v.dtype == dtype, f"{name}: dtype {v.dtype}, expected {np.dtype(dtype)}")
        for attribute in ("long_name", "units"):
            if dtype is str and version >= 8:
                continue  # CF: text has no units
            c.that(attribute in v.attrs, f"{name}: attribute '{attribute}' is missing")
    if not all(name in ds.variables for name in variables):
        return

    start = dt.date.fromisoformat(text(f.attrs["start_date"]))
    expected_dates = [(start + dt.timedelta(days=i)).isoformat() for i in range(days)]
    c.that([text(d) for d in ds["date"].values] == expected_dates,
           "date[day] is not consecutive days from start_date")

    # Outcomes agree with the series, run by run.
    fat_sum = ds["fatalities"].sum(day)
    peak = ds["escalation"].max(day) if days > 0 else None
    attack_sum = ds["attacks_daily"].sum(day)
    for r in range(runs):
        total = ds["fatalities_total"].isel(run=r).values
        c.that(np.array_equal(fat_sum.isel(run=r).values, total),
               f"run {r}: fatalities summed over days {fat_sum.isel(run=r).values.tolist()} "
               f"!= fatalities_total {total.tolist()}")
        if peak is not None:
            c.that(int(peak.isel(run=r)) == int(ds["peak_escalation"].isel(run=r)),
                   f"run {r}: peak_escalation {int(ds['peak_escalation'].isel(run=r))} "
                   f"!= max of escalation {int(peak.isel(run=r))}")
        c.that(int(attack_sum.isel(run=r)) == int(ds["attacks"].isel(run=r)),
               f"run {r}: attacks {int(ds['attacks'].isel(run=r))} "
               f"!= sum of attacks_daily {int(attack_sum.isel(run=r))}")
        ceasefire = ds["ceasefire"].isel(run=r).values
        first = int(ds["first_ceasefire_day"].isel(run=r))
        expected = int(np.argmax(ceasefire == 1)) if (ceasefire == 1).any() else -1
        if len(ceasefire) and ceasefire[0] == 1:
            # A ceasefire in force at the start (version 7: relations[].ceasefire_at_start) is
            # not one agreed in the run: the first agreed may come later, or never.
            c.that(first == -1 or ceasefire[first] == 1,
                   f"run {r}: first_ceasefire_day {first} is a day without a ceasefire")
        else:
            c.that(first == expected,
                   f"run {r}: first_ceasefire_day {first}, but ceasefire is first 1 on day "
                   f"{expected} (-1 = never)")
        escalation = ds["escalation"].isel(run=r).values
        first_conflict = int(ds["first_conflict_day"].isel(run=r))
        expected = int(np.argmax(escalation >= 6)) if (escalation >= 6).any() else -1
        c.that(first_conflict == expected,
               f"run {r}: first_conflict_day {first_conflict}, but escalation first reaches 6 on "
               f"day {expected} (-1 = never)")
        after = int(ds["first_ceasefire_after_conflict_day"].isel(run=r))
        expected = -1
        if first_conflict >= 0 and (ceasefire[first_conflict:] == 1).any():
            expected = first_conflict + int(np.argmax(ceasefire[first_conflict:] == 1))
        c.that(after == expected,
               f"run {r}: first_ceasefire_after_conflict_day {after}, expected {expected}")
    if version >= 2:
        check_runs_v2(ds, runs, days, c)
    if version >= 5:
        injured_sum = ds["injured"].sum(day)
        c.that((ds["injured"].values >= 0).all(), "injured: negative values")
        for r in range(runs):
            total = ds["injured_total"].isel(run=r).values
            c.that(np.array_equal(injured_sum.isel(run=r).values, total),
                   f"run {r}: injured summed over days {injured_sum.isel(run=r).values.tolist()} "
                   f"!= injured_total {total.tolist()}")


def close(a, b):
    """a and b agree to RELATIVE (both zero counts as agreeing)."""
    return bool(np.isclose(a, b, rtol=RELATIVE, atol=0.0))


def check_share(ds, name, c):
    """Every value of a share variable is in [0, 1] (NaN is not)."""
    values = ds[name].values
    inside = (values >= 0.0) & (values <= 1.0)
    c.that(inside.all(), f"{name}: {int((~inside).sum())} values outside [0, 1], e.g. "
                         f"{values[~inside][:5].tolist()}")


def check_runs_v2(ds, runs, days, c):
    """The variables of format version 2 (model layer 2)."""
    for name in ("active_share", "legitimacy", "sanctuary_tolerance"):
        check_share(ds, name, c)
    cells = ds["cells"].values
    c.that((cells >= 0).all(), f"cells: negative values {cells[cells < 0][:5].tolist()}")
    for name in ("displaced", "refugees", "returnees_daily", "fighters", "exports_lost_usd",
                 "peak_displaced", "returnees", "talks_rounds"):
        values = ds[name].values
        c.that((values >= 0).all(), f"{name}: negative or NaN values "
                                    f"{values[~(values >= 0)][:5].tolist()}")
    for name in ("mediation_active", "reached_rung8"):
        values = ds[name].values
        c.that(np.isin(values, [0, 1]).all(), f"{name}: values other than 0 and 1: "
                                              f"{sorted(set(values.ravel().tolist()) - {0, 1})}")

    day = "time" if "time" in ds.dims else "day"
    returned = ds["returnees_daily"].sum([day, "actor"]).values
    displaced_total = ds["displaced"].sum("actor").values  # [run, day]
    for r in range(runs):
        returnees = float(ds["returnees"].isel(run=r))
        c.that(close(returnees, returned[r]),
               f"run {r}: returnees {returnees!r} != returnees_daily summed over day and actor "
               f"{returned[r]!r}")
        peak = int(ds["peak_escalation"].isel(run=r))
        rung8 = int(ds["reached_rung8"].isel(run=r))
        c.that(rung8 == int(peak >= 8),
               f"run {r}: reached_rung8 {rung8} but peak_escalation {peak}")
        if days > 0:
            peak_displaced = float(ds["peak_displaced"].isel(run=r))
            expected = float(displaced_total[r].max())
            c.that(close(peak_displaced, expected),
                   f"run {r}: peak_displaced {peak_displaced!r} != the largest daily total of "
                   f"displaced {expected!r}")


def check_events(f, events, ds, c):
    columns = event_columns_for(version_of(f))
    c.that(list(events.columns) == columns,
           f"events columns {list(events.columns)}, expected {columns}")
    rows = f["events/event"].shape[0] if isinstance(f["events"], h5py.Group) else \
        f["events"].shape[0]
    c.that(len(events) == rows, f"pandas has {len(events)} events, h5py {rows}")
    if list(events.columns) != columns:
        return
    runs, days = int(f.attrs["runs"]), int(f.attrs["days"])
    c.that(events["run"].is_monotonic_increasing, "events are not in increasing run order")
    c.that(events["run"].between(0, runs - 1).all(), "an event has a run outside 0..N-1")
    c.that(events["day"].between(0, days - 1).all(), "an event has a day outside 0..D-1")
    dates = np.array([text(d) for d in ds["date"].values], dtype=object)
    if len(events) and events["day"].between(0, days - 1).all():
        c.that((events["date"].map(text).to_numpy() == dates[events["day"].to_numpy()]).all(),
               "an event's date is not date[day]")
    cameo = events["cameo"].map(text)
    c.that((events["cameo_root"].map(text) == cameo.str[:2]).all(),
           "an event's cameo_root is not the first two characters of its cameo")
    c.that(events["quad_class"].between(1, 4).all(),
           f"quad_class outside 1..4: {sorted(set(events['quad_class']) - {1, 2, 3, 4})}")
    check_event_counts(events, ds, runs, "fatalities", ["forces", "civilians", "militants"],
                       "fatalities_total", c)
    if version_of(f) >= 5:
        c.that((events[INJURED_COLUMNS] >= 0).all().all(), "an event has negative injured")
        check_event_counts(events, ds, runs, "injured", INJURED_COLUMNS[1:], "injured_total", c)
    if version_of(f) >= 2:
        states = {text(a) for a in ds["actor"].values}
        check_claims(events, cameo, states, c)
        check_acled(events, cameo, c)
    if version_of(f) >= 7:
        check_actions(events, cameo, c)


# The CAMEO codes each ladder action is coded with (docs/model.md 7.3); an event naming an action
# carries one of its codes, and every code of a chosen action's own event names one.
ACTION_CODES = {
    "ceasefire": {"0871"}, "negotiate": {"038", "046"}, "deescalate": {"036"},
    "accuse": {"1123", "111"}, "threaten": {"138"}, "mobilise": {"152", "154"},
    "close_crossings": {"191", "163"}, "deport": {"174"}, "strike_sanctuary": {"195"},
    "assault_posts": {"193", "194"}, "deep_strike": {"195"}, "offensive": {"190"},
    "exchange_fire": {"193", "194"}, "strike_military": {"195"},
    "nuclear_signal": {"138", "150"}, "downgrade_ties": {"161"}, "suspend_visas": {"160"},
    "close_airspace": {"191"}, "financial_pressure": {"163"}, "suspend_treaty": {"163"},
}


def check_actions(events, cameo, c):
    """The `action` column (format 7) names a ladder action with the event's code, or is empty."""
    action = events["action"].map(text)
    named = action != ""
    unknown = sorted(set(action[named]) - set(ACTION_CODES))
    c.that(not unknown, f"events name unknown actions: {unknown}")
    wrong = [(a, k) for a, k in zip(action[named], cameo[named])
             if a in ACTION_CODES and k not in ACTION_CODES[a]]
    c.that(not wrong, f"events whose code is not their action's: {sorted(set(wrong))[:5]}")
    # Codes only chosen actions emit (a strike, a measure, a signal) always name one.
    for code in ("195", "161", "160", "150"):
        rows = cameo == code
        c.that((action[rows] != "").all(), f"an event coded {code} names no action")


def check_event_counts(events, ds, runs, column, parts, outcome, c):
    """An event's `column` is the sum of its `parts`, and summed over a run's events it is the
    run's `outcome` summed over categories."""
    c.that((events[column] == sum(events[p] for p in parts)).all(),
           f"{column} != {' + '.join(parts)}")
    per_run = events.groupby("run")[column].sum().reindex(range(runs), fill_value=0)
    totals = ds[outcome].sum("category").values
    for r in range(runs):
        c.that(int(per_run[r]) == int(totals[r]),
               f"run {r}: events carry {int(per_run[r])} {column}, {outcome} sums to "
               f"{int(totals[r])}")


# ACLED's sub-event types by event type (the 6 types and 25 sub-types of its codebook).
ACLED = {
    "Battles": ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
    "Explosions/Remote violence": ["Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Grenade"],
    "Violence against civilians": ["Sexual violence", "Attack", "Abduction/forced disappearance"],
    "Protests": ["Peaceful protest", "Protest with intervention",
                 "Excessive force against protesters"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Strategic developments": ["Agreement", "Arrests", "Change to group/activity",
                               "Disrupted weapons use", "Headquarters or base established",
                               "Looting/property destruction", "Non-violent transfer of territory",
                               "Other"],
}


def check_acled(events, cameo, c):
    """ACLED columns: empty together, or a known sub-event type under its own event type; strikes
    and clashes between states are always coded."""
    kind = events["acled_event_type"].map(text)
    sub = events["acled_sub_event_type"].map(text)
    c.that(((kind == "") == (sub == "")).all(), "acled_event_type and sub-type not empty together")
    coded = sub != ""
    parent = {s: k for k, subs in ACLED.items() for s in subs}
    wrong = events[coded & (sub.map(parent) != kind)]
    c.that(wrong.empty, f"{len(wrong)} events with an unknown ACLED sub-type or the wrong type")
    strikes = cameo.isin(["195", "193", "194"]).to_numpy()
    c.that(coded[strikes].all(), "some strikes or clashes (195/193/194) carry no ACLED sub-type")


def check_claims(events, cameo, states, c):
    """Announced losses: -1 (nobody announced) or a count; clashes between states are always
    claimed by their actor."""
    for name in CLAIM_COLUMNS:
        column = events[name]
        c.that(column.dtype == np.int32, f"events.{name}: dtype {column.dtype}, expected int32")
        valid = (column == -1) | (column >= 0)
        c.that(valid.all(), f"events.{name}: values other than -1 or >= 0: "
                            f"{sorted(set(column[~valid].tolist()))[:5]}")
    between_states = (events["actor"].map(text).isin(states)
                      & events["target"].map(text).isin(states))
    clashes = events[(cameo.isin(CLASH_CAMEO) & between_states).to_numpy()]
    for name in ("claim_actor_own", "claim_actor_enemy"):
        unset = clashes[clashes[name] < 0]
        c.that(unset.empty,
               f"events.{name}: {len(unset)} of {len(clashes)} clash events between states "
               f"(CAMEO 190/193/194) have no claim, e.g. run "
               f"{unset['run'].iloc[0] if len(unset) else '-'} day "
               f"{unset['day'].iloc[0] if len(unset) else '-'}")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    path = sys.argv[1]
    c = Checks()
    try:
        f = h5py.File(path, "r")
    except OSError as e:
        sys.exit(f"read_results.py: {path}: cannot open as HDF5: {e}")
    with f:
        check_root(f, c)
        if c.failures:
            report(path, c)
        if version_of(f) >= 8:
            # Raw values (no CF decoding): the checks below compare them with h5py's.
            with xr.open_dataset(path, group="events", engine="h5netcdf", decode_times=False,
                                 mask_and_scale=False) as ev:
                events = ev.to_dataframe().reset_index(drop=True)
            with xr.open_dataset(path, group="provenance", engine="h5netcdf") as prov:
                c.that(prov["parameter_value"].dims == ("parameter",),
                       f"provenance/parameter_value dims are {prov['parameter_value'].dims}")
                c.that(all(isinstance(v, str) for v in prov["parameter"].values),
                       "provenance/parameter labels are not text")
            check_cf(path, f, c)
        else:
            events = pd.DataFrame(f["events"][:])
            parameters = pd.DataFrame(f["provenance/parameters"][:])
            c.that(list(parameters.columns) == ["path", "value"],
                   f"provenance/parameters columns are {list(parameters.columns)}")
        with xr.open_dataset(path, group="runs", engine="h5netcdf", decode_times=False,
                             mask_and_scale=False) as ds:
            check_runs(path, f, ds, c)
            check_events(f, events, ds, c)
            if version_of(f) >= 3 and "policy_starts" in f:
                check_policy_starts(path, ds, c)
            if version_of(f) >= 4:
                check_plausibility(f, ds, c)
    report(path, c)


def check_plausibility(f, runs, c):
    """/runs/implausible holds CF flags whose masks are distinct powers of two, each named once;
    every value is a sum of masks; the active shares are shares."""
    flags = f["runs/implausible"]
    masks = [int(m) for m in flags.attrs.get("flag_masks", [])]
    names = text(flags.attrs.get("flag_meanings", "")).split()
    c.that(len(masks) > 0 and len(masks) == len(names),
           f"/runs/implausible: flag_masks {masks} and flag_meanings {names} do not pair up")
    c.that(all(m > 0 and m & (m - 1) == 0 for m in masks) and len(set(masks)) == len(masks),
           f"/runs/implausible: flag_masks {masks} are not distinct powers of two")
    values = runs["implausible"].values
    c.that(((values & ~sum(masks)) == 0).all() and (values >= 0).all(),
           f"/runs/implausible holds values outside the flags: {sorted(set(values.tolist()))}")
    share = runs["peak_district_active_share"].values
    c.that(((share >= 0) & (share <= 1)).all(), "peak_district_active_share outside [0, 1]")


def check_policy_starts(path, runs, c):
    with xr.open_dataset(path, group="policy_starts", engine="h5netcdf") as ps:
        day = ps["start_day"]
        c.that(day.dims == ("run", "policy"), f"policy_starts/start_day dims are {day.dims}")
        c.that(ps.sizes["run"] == runs.sizes["run"],
               f"policy_starts has {ps.sizes['run']} runs, /runs {runs.sizes['run']}")
        c.that(ps.sizes["policy"] >= 1, "policy_starts has no policy")
        v = day.values[~np.isnan(day.values)]
        c.that(v.size > 0, "policy_starts/start_day holds no start")
        days = runs.sizes[day_axis(version_of_path(path))]
        c.that(bool(((v >= 0) & (v < days) & (v == np.floor(v))).all()),
               "policy_starts/start_day holds a value that is not a day of the run")


def version_of_path(path):
    with h5py.File(path, "r") as f:
        return version_of(f)


def check_cf(path, f, c):
    """Format 8: CF-1.8 as xarray decodes it: a time axis to select dates on, -1 "never" days
    masked, the rungs as flags, every group open without phony_dims, text as str."""
    c.that(text(f.attrs.get("Conventions", "")) == "CF-1.8",
           f"Conventions is {f.attrs.get('Conventions')!r}, expected 'CF-1.8'")
    groups = ["/"]
    f.visititems(lambda n, o: groups.append("/" + n) if isinstance(o, h5py.Group) else None)
    for g in groups:
        try:
            xr.open_dataset(path, group=g, engine="h5netcdf").close()
        except Exception as e:  # noqa: BLE001 (any failure is the finding)
            c.that(False, f"xarray cannot open {g} without phony_dims: {e}")
    with xr.open_dataset(path, group="runs", engine="h5netcdf") as ds:
        c.that(np.issubdtype(ds["time"].dtype, np.datetime64),
               f"/runs/time decodes to {ds['time'].dtype}, not dates")
        start = text(f.attrs["start_date"])
        c.that(str(ds["time"].values[0])[:10] == start,
               f"/runs/time starts on {ds['time'].values[0]}, start_date is {start}")
        last = text(f["runs/date"][-1])
        c.that(int(ds["escalation"].sel(time=last).sizes["run"]) == ds.sizes["run"],
               f"sel(time={last!r}) does not select the last day")
        raw = f["runs/first_ceasefire_day"][()]
        decoded = ds["first_ceasefire_day"].values
        c.that(bool((np.isnan(decoded) == (raw == -1)).all()),
               "first_ceasefire_day: the -1s are not read as missing")
        meanings = text(f["runs/escalation"].attrs.get("flag_meanings", "")).split()
        values = list(f["runs/escalation"].attrs.get("flag_values", []))
        c.that(len(meanings) == 10 and values == list(range(10)),
               f"escalation flags: values {values}, meanings {meanings}")
    with xr.open_dataset(path, group="events", engine="h5netcdf") as ev:
        for column in ("actor", "cameo", "date", "action"):
            values = ev[column].values
            c.that(values.dtype.kind in "OU" and all(isinstance(v, str) for v in values[:100]),
                   f"events/{column} is not read as text by xarray ({values.dtype})")
        if ev.sizes["event"]:
            c.that(np.issubdtype(ev["time"].dtype, np.datetime64),
                   f"events/time decodes to {ev['time'].dtype}, not dates")


def report(path, c):
    if c.failures:
        print(f"read_results.py: {path}: {len(c.failures)} of {c.count} checks failed:",
              file=sys.stderr)
        for message in c.failures:
            print(f"  - {message}", file=sys.stderr)
        sys.exit(1)
    print(f"read_results.py: {path}: all {c.count} checks passed")
    sys.exit(0)


if __name__ == "__main__":
    main()
