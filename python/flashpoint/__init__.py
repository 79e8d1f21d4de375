"""Flashpoint from Python: run scenarios, sweeps and comparisons, and watch a run day by day.

The engine is the same C++ library as the ``flashpoint`` command (a pybind11 module,
``flashpoint._core``); each call writes the same results file the command writes and opens it
with xarray and pandas. A walk-through is in docs/python.md.

>>> import flashpoint
>>> res = flashpoint.run("scenarios/pak-afg-2025.yaml", replicates=4, seed=7)
>>> res.runs["escalation"].sel(run=0)          # an xarray DataArray over the days
>>> res.events.groupby("cameo").size()         # pandas, text columns as str

Errors: bad input raises :class:`InputError` (a ValueError) carrying the command's located
message (``FILE:LINE:COL: KEY: what was expected``); a file that cannot be written raises
:class:`OutputError`; Ctrl-C stops a call cleanly and raises KeyboardInterrupt (an interrupted
sweep or comparison keeps its finished runs: call it again with ``resume=True``).
"""

from __future__ import annotations

import datetime as _dt
import os as _os
import shutil as _shutil
import tempfile as _tempfile
from collections.abc import Callable, Mapping
from typing import Any

import numpy as _np
import pandas as _pd
import xarray as _xr

from . import _core
from ._results import day_dim, experiments_table, open_groups, read_events, run_outcomes

__all__ = [
    "run",
    "sweep",
    "compare",
    "open_results",
    "Simulation",
    "Results",
    "InputError",
    "OutputError",
    "ModelDiverged",
    "day_dim",
    "read_events",
]

__version__ = _core.version

#: Bad input (a scenario, experiment file, override or argument): the located message of the
#: ``flashpoint`` command. A ValueError.
InputError = _core.InputError
#: A results file that cannot be written or read. A RuntimeError.
OutputError = _core.OutputError
#: A run whose state stopped being a number (docs/model.md). A RuntimeError.
ModelDiverged = _core.ModelDiverged

ProgressCallback = Callable[[dict], Any]


class Results:
    """A results file's data, loaded in memory.

    Attributes:
        runs: the ``/runs`` group as an xarray Dataset.
        events: ``/events`` as a pandas DataFrame (text columns are ``str``), or None when the
            file keeps no events (experiments with ``keep: outcomes``).
        groups: every group xarray opens, by path: ``runs``, ``geography``, ``design``,
            ``sensitivity``, ``comparison``, ``outcomes``, ... (what the file has).
        attrs: the file's root attributes.
        path: the results file, or None when it was a temporary one (deleted).
        summary: what the engine reported (runs, seconds, threads, digest, warnings, ...).
    """

    def __init__(self, groups: dict, attrs: dict, events, path: str | None, summary: dict):
        self.groups = groups
        self.attrs = attrs
        self.events = events
        self.path = path
        self.summary = summary

    @property
    def runs(self) -> _xr.Dataset:
        return self.groups["runs"]

    def __getitem__(self, group: str) -> _xr.Dataset:
        """A group by path, e.g. ``res["comparison"]``."""
        return self.groups[group]

    def __contains__(self, group: str) -> bool:
        return group in self.groups

    def ema(self) -> tuple[_pd.DataFrame, dict[str, _np.ndarray]]:
        """The runs as the EMA Workbench returns them: ``(experiments, outcomes)``.

        ``experiments`` has one row per run: the design's parameter values (sweeps), ``policy``
        (the option) and ``scenario`` (the ensemble member) for comparisons, ``replicate`` and
        ``seed``. ``outcomes`` maps each per-run outcome's name to an array over the runs: the
        file's ``/outcomes`` group when it has one, else the variables of ``/runs`` with only
        the ``run`` dimension (an outcome by category, such as ``fatalities_total``, is then
        left out: sum it yourself).
        """
        return experiments_table(self.groups), run_outcomes(self.groups)

    def __repr__(self) -> str:
        where = self.path or "temporary file (deleted)"
        return (
            f"<flashpoint.Results {self.runs.sizes.get('run', 0)} runs, groups "
            f"{sorted(self.groups)}, from {where}>"
        )


def open_results(path: str | _os.PathLike, summary: dict | None = None) -> Results:
    """Opens a results file written by ``flashpoint`` or this package, loading it in memory."""
    path = _os.fspath(path)
    groups, attrs, events = open_groups(path)
    return Results(groups, attrs, events, path, dict(summary or {}))


def _command(name: str, **kwargs) -> str:
    """The provenance line of a call (root attribute ``command_line``)."""
    args = ", ".join(f"{k}={v!r}" for k, v in kwargs.items() if v is not None)
    return f"python: flashpoint.{name}({args})"


def _sets(set: Mapping[str, Any] | None) -> list[str]:
    """``{"actors.PAK.rationality": 4}`` -> ``["actors.PAK.rationality=4"]`` (``--set``)."""
    if not set:
        return []
    out = []
    for key, value in set.items():
        if isinstance(value, bool):
            value = "true" if value else "false"
        out.append(f"{key}={value}")
    return out


def _write_then_load(output, call: Callable[[str], dict]) -> Results:
    """Runs ``call(path)`` into ``output``, or into a temporary file that is deleted after
    loading, and returns the file's data."""
    if output is not None:
        path = _os.fspath(output)
        summary = call(path)
        return open_results(path, summary)
    folder = _tempfile.mkdtemp(prefix="flashpoint-")
    try:
        path = _os.path.join(folder, "results.h5")
        summary = call(path)
        res = open_results(path, summary)
        res.path = None
        res.summary["path"] = None
        return res
    finally:
        _shutil.rmtree(folder, ignore_errors=True)


def run(
    scenario: str | _os.PathLike,
    replicates: int = 1,
    seed: int | None = None,
    set: Mapping[str, Any] | None = None,
    threads: int = 0,
    output: str | _os.PathLike | None = None,
    force: bool = False,
    progress: ProgressCallback | None = None,
) -> Results:
    """Replicates of a scenario, as ``flashpoint run SCENARIO -r REPLICATES --seed SEED``.

    Args:
        scenario: the scenario file (YAML).
        replicates: how many runs; run ``k`` has the same seed as the command's run ``k``.
        seed: the master seed (default: the scenario's ``seed``).
        set: overrides, as the command's ``--set KEY=VALUE``: ``{"days": 90}``.
        threads: worker threads (0: all cores); results do not depend on it.
        output: the results file to keep; None writes a temporary one, loads it and deletes it.
        force: replace an existing ``output`` (the command's ``--force``).
        progress: called with a dict (stage, done, total, seconds, runs_per_second,
            eta_seconds, finished) as the runs progress.

    Returns:
        :class:`Results` with ``.runs`` (xarray), ``.events`` (pandas), ``.path``.
    """
    sets = _sets(set)
    line = _command("run", scenario=_os.fspath(scenario), replicates=replicates, seed=seed,
                    set=dict(set) if set else None)
    return _write_then_load(
        output,
        lambda path: _core.run(_os.fspath(scenario), path, int(replicates), seed, sets,
                               int(threads), bool(force), progress, line),
    )


def sweep(
    file: str | _os.PathLike,
    output: str | _os.PathLike | None = None,
    threads: int = 0,
    resume: bool = False,
    force: bool = False,
    progress: ProgressCallback | None = None,
) -> Results:
    """A sweep file (docs/experiments.md), as ``flashpoint sweep FILE -o OUTPUT``.

    The finished runs are journaled in ``OUTPUT.parts`` as they come: after Ctrl-C
    (KeyboardInterrupt), the same call with ``resume=True`` runs only the rest. Without
    ``output`` a temporary file is used (and nothing can be resumed). ``.ema()`` on the result
    gives the EMA Workbench's ``(experiments, outcomes)``.
    """
    return _experiment("sweep", file, output, threads, resume, force, progress)


def compare(
    file: str | _os.PathLike,
    output: str | _os.PathLike | None = None,
    threads: int = 0,
    resume: bool = False,
    force: bool = False,
    progress: ProgressCallback | None = None,
) -> Results:
    """A comparison file (docs/experiments.md), as ``flashpoint compare FILE -o OUTPUT``.

    The result's ``["comparison"]`` is the table of options; ``.ema()`` labels each run with
    its option (``policy``) and ensemble member (``scenario``). Resuming as for :func:`sweep`.
    """
    return _experiment("compare", file, output, threads, resume, force, progress)


def _experiment(kind, file, output, threads, resume, force, progress) -> Results:
    if resume and output is None:
        raise InputError("resume=True needs the output of the interrupted call")
    fn = _core.sweep if kind == "sweep" else _core.compare
    line = _command(kind, file=_os.fspath(file), output=None if output is None else
                    _os.fspath(output), resume=resume or None)
    return _write_then_load(
        output,
        lambda path: fn(_os.fspath(file), path, int(threads), bool(resume), bool(force),
                        progress, line),
    )


def _frozen_dict(keys, values) -> dict:
    return {str(k): v.item() if hasattr(v, "item") else v for k, v in zip(keys, values)}


class Simulation:
    """One run of a scenario advanced a day at a time, to watch it (docs/python.md).

    The run is replicate 0 of ``seed``: stepped to the end it is exactly
    ``run(scenario, seed=seed, set=set)``'s run 0. The state properties are copies (dicts)
    or read-only numpy arrays of the state at the end of the last simulated day.

    >>> sim = flashpoint.Simulation("scenarios/pak-afg-2025.yaml", seed=7)
    >>> while not sim.done:
    ...     sim.step(7)
    ...     print(sim.date, sim.max_escalation, sim.posts_held)
    """

    def __init__(self, scenario: str | _os.PathLike, seed: int | None = None,
                 set: Mapping[str, Any] | None = None):
        self._sim = _core.Simulation(_os.fspath(scenario), seed, _sets(set))
        labels = self._sim.labels()
        #: Labels of the state's axes (tuples): dyads ``A>B``, states, armed groups, districts,
        #: crossings and fatality categories, in the order of the arrays.
        self.dyads = tuple(labels["dyad"])
        self.states = tuple(labels["state"])
        self.groups = tuple(labels["group"])
        self.districts = tuple(labels["district"])
        self.crossings = tuple(labels["crossing"])
        self.categories = tuple(labels["category"])
        self._start = _dt.date.fromisoformat(self._sim.start_date)
        self._state = None
        self._result = None

    def step(self, days: int = 1) -> int:
        """Simulates up to ``days`` more days (fewer at the end); returns how many. Ctrl-C
        stops between two days (KeyboardInterrupt); the run can go on afterwards."""
        try:
            return self._sim.step(int(days))
        finally:
            self._state = None

    @property
    def day(self) -> int:
        """Days simulated so far (0 before the first step)."""
        return self._sim.day

    @property
    def days(self) -> int:
        """The scenario's number of days."""
        return self._sim.days

    @property
    def done(self) -> bool:
        """True once every day of the scenario is simulated."""
        return self._sim.done

    @property
    def seed(self) -> int:
        return self._sim.seed

    @property
    def date(self) -> _dt.date:
        """The date of the last simulated day (the day before the start before any step)."""
        return self._start + _dt.timedelta(days=self.day - 1)

    def state(self) -> dict:
        """Everything below in one dict of read-only arrays (keys: day, escalation,
        max_escalation, hostility, posts_held, cells, fighters, district_active, ceasefire,
        crossing_open, fatalities)."""
        if self._state is None:
            self._state = self._sim.state()
        return self._state

    @property
    def escalation(self) -> _np.ndarray:
        """The escalation level of each dyad (read-only, ordered as ``dyads``)."""
        return self.state()["escalation"]

    @property
    def max_escalation(self) -> int:
        """The day's highest level over all dyads: the ``escalation`` series of /runs."""
        return int(self.state()["max_escalation"])

    @property
    def hostility(self) -> _np.ndarray:
        """Hostility H_ij of each dyad (read-only, ordered as ``dyads``)."""
        return self.state()["hostility"]

    @property
    def posts_held(self) -> dict[str, int]:
        """Posts each state holds."""
        return _frozen_dict(self.states, self.state()["posts_held"])

    @property
    def cells(self) -> dict[str, int]:
        """Live cells of each armed group."""
        return _frozen_dict(self.groups, self.state()["cells"])

    @property
    def fighters(self) -> dict[str, float]:
        """Fighters of each armed group."""
        return _frozen_dict(self.groups, self.state()["fighters"])

    @property
    def district_activity(self) -> dict[str, float]:
        """Share of each district's people who are active (Epstein's rebellion)."""
        return _frozen_dict(self.districts, self.state()["district_active"])

    @property
    def ceasefires(self) -> dict[str, bool]:
        """A ceasefire in force, per dyad."""
        return {d: bool(v) for d, v in zip(self.dyads, self.state()["ceasefire"])}

    @property
    def ceasefire(self) -> bool:
        """A ceasefire in force between any two states (the ``ceasefire`` series)."""
        return bool(self.state()["ceasefire"].any())

    @property
    def crossings_open(self) -> dict[str, bool]:
        """Whether each crossing is open."""
        return {c: bool(v) for c, v in zip(self.crossings, self.state()["crossing_open"])}

    @property
    def fatalities(self) -> dict[str, int]:
        """Deaths so far, by fatality category (``PAK.forces``, ``TTP.fighters``, ...)."""
        return _frozen_dict(self.categories, self.state()["fatalities"])

    def finish(self) -> dict:
        """Ends the run (only once it is ``done``): its digest (equal to the one ``flashpoint
        run`` computes for the same run) and headline outcomes. Calling it again returns the
        same dict."""
        if self._result is None:
            self._result = self._sim.finish()
        return self._result

    def __repr__(self) -> str:
        return f"<flashpoint.Simulation day {self.day} of {self.days}, seed {self.seed}>"
