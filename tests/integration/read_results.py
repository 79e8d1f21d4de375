#!/usr/bin/env python3
"""Check that a Flashpoint results file reads the same through h5py, pandas and xarray.

    read_results.py RESULTS.h5

Opens the file the three ways docs/output.md shows, checks the layout (root attributes,
dimensions, coordinates, every /runs variable and the /events table), that the three readers
agree on shapes, and that each run's outcomes agree with its daily series and its events.
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
FORMAT_VERSION = 1
ROOT_ATTRIBUTES = ["format", "format_version", "software_version", "git_commit", "created_utc",
                   "command_line", "master_seed", "scenario_name", "scenario_path", "start_date",
                   "runs", "days", "status"]
COORDINATES = {"run": np.int64, "day": np.int32, "category": str, "actor": str,
               "crossing": str, "dyad": str}
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
    "ceasefire_breakdowns": (("run",), np.int32),
    "attacks": (("run",), np.int32),
    "trade_lost_usd": (("run",), np.float64),
    "posts_captured": (("run", "actor"), np.int32),
    "crossing_closed_days": (("run", "crossing"), np.int32),
    "fatalities_total": (("run", "category"), np.int32),
    "final_hostility": (("run", "dyad"), np.float64),
}
EVENT_COLUMNS = ["run", "day", "date", "actor", "target", "cameo", "cameo_root", "quad_class",
                 "goldstein", "location", "lat", "lon", "fatalities", "forces", "civilians",
                 "militants"]


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
    c.that(int(f.attrs.get("format_version", -1)) == FORMAT_VERSION,
           f"format_version is {f.attrs.get('format_version')!r}, expected {FORMAT_VERSION}")
    c.that(text(f.attrs.get("status", "")) == "complete",
           f"status is {f.attrs.get('status')!r}, expected 'complete'")
    created = text(f.attrs.get("created_utc", ""))
    try:
        dt.datetime.strptime(created, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        c.that(False, f"created_utc {created!r} is not YYYY-MM-DDTHH:MM:SSZ")
    for name in ["provenance/scenario_yaml", "provenance/parameters", "runs", "events"]:
        c.that(name in f, f"/{name} is missing")


def check_runs(path, f, ds, c):
    runs, days = int(f.attrs["runs"]), int(f.attrs["days"])
    g = f["runs"]
    for name, dtype in COORDINATES.items():
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
    if not all(name in ds.dims for name in COORDINATES):
        return
    c.that(ds.sizes["run"] == runs, f"{ds.sizes['run']} runs in /runs, root attribute says {runs}")
    c.that(ds.sizes["day"] == days, f"{ds.sizes['day']} days in /runs, root attribute says {days}")
    c.that(np.array_equal(ds["run"].values, np.arange(runs)), "coordinate run is not 0..N-1")
    c.that(np.array_equal(ds["day"].values, np.arange(days)), "coordinate day is not 0..D-1")
    actors = [text(a) for a in ds["actor"].values]
    for dyad in (text(d) for d in ds["dyad"].values):
        parts = dyad.split(">")
        c.that(len(parts) == 2 and all(p in actors for p in parts),
               f"dyad {dyad!r} is not 'A>B' with A and B in the actor coordinate {actors}")

    for name, (dims, dtype) in VARIABLES.items():
        if not c.that(name in ds.variables, f"xarray: variable '{name}' is missing"):
            continue
        v = ds[name]
        c.that(v.dims == dims, f"{name}: dims {v.dims}, expected {dims}")
        c.that(g[name].shape == v.shape, f"{name}: h5py shape {g[name].shape}, xarray {v.shape}")
        if dtype is not str:
            c.that(v.dtype == dtype, f"{name}: dtype {v.dtype}, expected {np.dtype(dtype)}")
        for attribute in ("long_name", "units"):
            c.that(attribute in v.attrs, f"{name}: attribute '{attribute}' is missing")
    if not all(name in ds.variables for name in VARIABLES):
        return

    start = dt.date.fromisoformat(text(f.attrs["start_date"]))
    expected_dates = [(start + dt.timedelta(days=i)).isoformat() for i in range(days)]
    c.that([text(d) for d in ds["date"].values] == expected_dates,
           "date[day] is not consecutive days from start_date")

    # Outcomes agree with the series, run by run.
    fat_sum = ds["fatalities"].sum("day")
    peak = ds["escalation"].max("day") if days > 0 else None
    attack_sum = ds["attacks_daily"].sum("day")
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
        c.that(first == expected,
               f"run {r}: first_ceasefire_day {first}, but ceasefire is first 1 on day {expected}"
               " (-1 = never)")


def check_events(f, events, ds, c):
    c.that(list(events.columns) == EVENT_COLUMNS,
           f"events columns {list(events.columns)}, expected {EVENT_COLUMNS}")
    c.that(len(events) == f["events"].shape[0],
           f"pandas has {len(events)} events, h5py {f['events'].shape[0]}")
    if list(events.columns) != EVENT_COLUMNS:
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
    parts = events["forces"] + events["civilians"] + events["militants"]
    c.that((events["fatalities"] == parts).all(), "fatalities != forces + civilians + militants")
    per_run = events.groupby("run")["fatalities"].sum().reindex(range(runs), fill_value=0)
    totals = ds["fatalities_total"].sum("category").values
    for r in range(runs):
        c.that(int(per_run[r]) == int(totals[r]),
               f"run {r}: events carry {int(per_run[r])} deaths, fatalities_total sums to "
               f"{int(totals[r])}")


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
        events = pd.DataFrame(f["events"][:])
        parameters = pd.DataFrame(f["provenance/parameters"][:])
        c.that(list(parameters.columns) == ["path", "value"],
               f"provenance/parameters columns are {list(parameters.columns)}")
        with xr.open_dataset(path, group="runs", engine="h5netcdf") as ds:
            check_runs(path, f, ds, c)
            check_events(f, events, ds, c)
    report(path, c)


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
