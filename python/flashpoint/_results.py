"""Reading a results file into memory: its groups as xarray Datasets, /events as a pandas
DataFrame, and the EMA Workbench view of an experiment (docs/python.md).

The results format changes over time (docs/output.md, "Format versions"); everything that
depends on the layout is here, and each layout question is answered in one place:
``day_dim`` (the name of the day axis), ``read_events`` (a table of records or a group of
columns) and ``run_outcomes`` (``/outcomes`` or the per-run variables of ``/runs``).
"""

from __future__ import annotations

import h5py
import numpy as np
import pandas as pd
import xarray as xr

# Per-run variables of /runs that say which run it is, not what happened in it: they go into
# the experiments table of ema(), not into its outcomes.
RUN_LABELS = ("seed", "replicate", "design_point", "option", "scenario_point", "status")

# The day axis of /runs: `day` up to format version 7, a CF `time` coordinate after.
DAY_AXES = ("time", "day")


def day_dim(ds: xr.Dataset) -> str | None:
    """The name of the day axis of a /runs Dataset (``time`` or ``day``), or None."""
    for name in DAY_AXES:
        if name in ds.dims:
            return name
    return None


def _text(values: np.ndarray) -> np.ndarray:
    """Bytes (fixed-width HDF5 strings) as str; anything else unchanged."""
    if values.dtype.kind == "S":
        return np.char.decode(values, "utf-8")
    if values.dtype.kind == "O" and len(values) and isinstance(values[0], bytes):
        return np.array([v.decode("utf-8") for v in values], dtype=object)
    return values


def read_events(f: h5py.File) -> pd.DataFrame | None:
    """The /events of an open file as a DataFrame with str text columns; None without events.

    Handles both layouts: a one-dimensional table of records (format version 7 and before) and
    a group of one-dimensional columns on an ``event`` dimension (after).
    """
    if "events" not in f:
        return None
    node = f["events"]
    if isinstance(node, h5py.Dataset):
        table = node[:]
        columns = {name: _text(table[name]) for name in table.dtype.names}
        return pd.DataFrame(columns)
    # Format 8: the coordinate `event`, the character dimensions nchar*, and one variable per
    # column, text as characters [event, nchar]; `time` (days since start_date) as dates.
    columns = {}
    for name, item in node.items():
        if not isinstance(item, h5py.Dataset) or name == "event" or name.startswith("nchar"):
            continue
        values = item[()]
        if item.ndim == 2:
            values = np.ascontiguousarray(values).view(f"S{item.shape[1]}").reshape(item.shape[0])
        columns[name] = _text(values)
    if "time" in columns and "start_date" in f.attrs:
        start = pd.Timestamp(str(_text(np.asarray([f.attrs["start_date"]]))[0]))
        columns["time"] = start + pd.to_timedelta(columns["time"], unit="D")
    return pd.DataFrame(columns)


def _dataset_groups(f: h5py.File) -> list[str]:
    """Paths of the groups that hold variables xarray can open (not /provenance or /events)."""
    found = []

    def visit(name: str, item) -> None:
        if not isinstance(item, h5py.Group):
            return
        top = name.split("/")[0]
        if top in ("provenance", "events"):
            return
        if any(isinstance(v, h5py.Dataset) for v in item.values()):
            found.append(name)

    f.visititems(visit)
    return found


def open_groups(path: str) -> tuple[dict[str, xr.Dataset], dict, pd.DataFrame | None]:
    """Every group of the file that xarray opens, loaded in memory, by path ("runs",
    "design", "sensitivity", "comparison", "outcomes", ...); the root attributes; the events."""
    with h5py.File(path, "r") as f:
        names = _dataset_groups(f)
        attrs = {k: (v.decode() if isinstance(v, bytes) else v) for k, v in f.attrs.items()}
        events = read_events(f)
    groups = {}
    for name in names:
        try:
            with xr.open_dataset(path, group=name, engine="h5netcdf") as ds:
                groups[name] = ds.load()
        except (ValueError, KeyError, TypeError, OSError):
            continue  # a group that is not netCDF-shaped (e.g. a table of records)
    return groups, attrs, events


def run_outcomes(groups: dict[str, xr.Dataset]) -> dict[str, np.ndarray]:
    """Per-run outcome values by name: /outcomes (dims run x outcome) when the file has it,
    else the per-run variables of /runs: those with only the ``run`` dimension by their name,
    those with one more (category, actor, crossing, ...) as ``name[label]``, the names the
    comparison table uses (``fatalities_total[PAK.forces]``); labels such as seed are left out."""
    table = groups.get("outcomes")
    if table is not None:
        for var in table.data_vars.values():
            if set(var.dims) == {"run", "outcome"}:
                var = var.transpose("run", "outcome")
                names = [str(n) for n in table["outcome"].values]
                return {n: np.asarray(var.values[:, k]) for k, n in enumerate(names)}
    runs = groups["runs"]
    day = day_dim(runs)
    outcomes = {}
    for name, var in runs.data_vars.items():
        if name in RUN_LABELS or var.dims[:1] != ("run",) or day in var.dims:
            continue
        if var.ndim == 1:
            outcomes[name] = np.asarray(var.values)
        elif var.ndim == 2:  # by category, actor, crossing, dyad, ...: one outcome per label
            axis = var.dims[1]
            labels = runs[axis].values if axis in runs.coords else range(var.shape[1])
            for k, label in enumerate(labels):
                outcomes[f"{name}[{label}]"] = np.asarray(var.values[:, k])
    return outcomes


def experiments_table(groups: dict[str, xr.Dataset]) -> pd.DataFrame:
    """One row per run: the design's parameter values (a sweep's design point, a comparison's
    ensemble member), the option and scenario labels (comparisons), the replicate and the
    seed."""
    runs = groups["runs"]
    n = runs.sizes["run"]
    table = pd.DataFrame(index=pd.RangeIndex(n, name="run"))
    design = groups.get("design")
    if "design_point" in runs and design is not None and "values" in design:
        values = design["values"].transpose("point", "parameter")
        names = [str(p) for p in design["parameter"].values]
        points = runs["design_point"].values.astype(int)
        for k, name in enumerate(names):
            table[name] = values.values[points, k]
        table["design_point"] = points
    if "scenario_point" in runs and design is not None and "values" in design:
        # A comparison's ensemble: the parameter values of each run's scenario.
        values = design["values"].transpose("point", "parameter")
        points = runs["scenario_point"].values.astype(int)
        for k, name in enumerate(str(p) for p in design["parameter"].values):
            table[name] = values.values[points, k]
    if "option" in runs:
        options = groups.get("comparison")
        codes = runs["option"].values.astype(int)
        if options is not None and "option" in options.coords:
            labels = np.array([str(o) for o in options["option"].values], dtype=object)
            table["policy"] = labels[codes]
        else:
            table["policy"] = codes
    if "scenario_point" in runs:
        table["scenario"] = runs["scenario_point"].values.astype(int)
    for name in ("replicate", "seed"):
        if name in runs:
            table[name] = runs[name].values
    return table
