"""progress=: a callable receiving a dict per report (the engine's ProgressFn,
src/experiment/progress.hpp)."""

import pytest

import flashpoint
from conftest import EXPERIMENTS, MINIMAL_SCENARIO

KEYS = {"stage", "done", "total", "seconds", "runs_per_second", "eta_seconds", "finished"}


def test_a_callback_that_ignores_the_reports_changes_nothing():
    res = flashpoint.run(MINIMAL_SCENARIO, replicates=2, progress=lambda report: None)
    assert res.runs.sizes["run"] == 2


def test_run_reports_until_finished():
    reports = []
    flashpoint.run(MINIMAL_SCENARIO, replicates=20, threads=2, progress=reports.append)
    assert reports and all(set(r) == KEYS for r in reports)
    last = reports[-1]
    assert last["finished"] and last["done"] == last["total"] == 20
    assert [r["done"] for r in reports] == sorted(r["done"] for r in reports)


def test_sweep_reports(tmp_path):
    reports = []
    flashpoint.sweep(EXPERIMENTS / "sweep_small.yaml", output=tmp_path / "s.h5", threads=2,
                     progress=reports.append)
    assert reports[-1]["finished"] and reports[-1]["total"] == 48


def test_a_callback_that_raises_stops_the_work_with_its_exception(tmp_path):
    class Stop(Exception):
        pass

    def stop(report):
        raise Stop(report["stage"])

    with pytest.raises(Stop):
        flashpoint.run(MINIMAL_SCENARIO, replicates=200, progress=stop)
    with pytest.raises(Stop):
        flashpoint.sweep(EXPERIMENTS / "sweep_small.yaml", output=tmp_path / "s.h5",
                         progress=stop)
