"""flashpoint.sweep and flashpoint.compare on the small experiments of the integration tests:
the file's groups as Datasets, equal to the command's file, and the EMA Workbench view."""

import h5py
import numpy as np
import pandas as pd
import pytest
import xarray as xr

import flashpoint
from flashpoint import _results
from conftest import EXPERIMENTS, SOURCE_DIR

SWEEP = EXPERIMENTS / "sweep_small.yaml"
COMPARE = EXPERIMENTS / "compare_small.yaml"


@pytest.fixture(scope="module")
def swept(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sweep")
    return flashpoint.sweep(SWEEP, output=folder / "sweep.h5", threads=2)


@pytest.fixture(scope="module")
def compared():
    return flashpoint.compare(COMPARE, threads=2)


def test_sweep_groups_and_runs(swept):
    assert swept.runs.sizes["run"] == 48
    assert {"runs", "design", "design/outcomes", "geography"} <= set(swept.groups)
    assert swept["design"]["values"].shape == (12, 2)
    assert (swept.runs["status"].values == 1).all()
    assert swept.summary["ran"] == 48 and swept.summary["resumed_from"] == 0
    assert swept.events is not None and len(swept.events) > 0  # keep: events


def test_sweep_equals_the_commands_file(swept, cli, tmp_path):
    out = tmp_path / "cli.h5"
    cli("sweep", SWEEP, "-o", out, "-t", 2, "-q")
    with xr.open_dataset(out, group="runs", engine="h5netcdf") as expected:
        for name in ("peak_escalation", "fatalities_total", "seed", "design_point"):
            np.testing.assert_array_equal(swept.runs[name].values, expected[name].values)
    with xr.open_dataset(out, group="design", engine="h5netcdf") as expected:
        xr.testing.assert_identical(swept["design"], expected.load())


def test_sweep_ema_view(swept):
    experiments, outcomes = swept.ema()
    assert isinstance(experiments, pd.DataFrame) and len(experiments) == 48
    params = [str(p) for p in swept["design"]["parameter"].values]
    assert params == ["actors.PAK.rationality", "talks.agree_base"]
    assert list(experiments.columns[:2]) == params
    # Each run's row holds its design point's values, inside the parameters' ranges.
    values = swept["design"]["values"].values
    points = swept.runs["design_point"].values
    np.testing.assert_array_equal(experiments[params].values, values[points])
    assert experiments["actors.PAK.rationality"].between(4, 20).all()
    assert (experiments["replicate"].values == swept.runs["replicate"].values).all()
    # Outcomes: the per-run variables of /runs, by label when they have a second dimension.
    assert "peak_escalation" in outcomes and "conflict_days" in outcomes
    for label in ("seed", "replicate", "design_point", "status", "fatalities_total"):
        assert label not in outcomes
    np.testing.assert_array_equal(outcomes["fatalities_total[PAK.forces]"],
                                  swept.runs["fatalities_total"].sel(category="PAK.forces"))
    np.testing.assert_array_equal(outcomes["peak_escalation"],
                                  swept.runs["peak_escalation"].values)
    assert all(len(v) == 48 for v in outcomes.values())


def test_compare_groups_and_ema_view(compared):
    assert compared.path is None
    assert compared.runs.sizes["run"] == 72
    table = compared["comparison"]
    assert list(table["option"].values) == ["status_quo", "mediation", "longer_closure"]
    experiments, outcomes = compared.ema()
    assert len(experiments) == 72
    assert set(experiments["policy"]) == {"status_quo", "mediation", "longer_closure"}
    assert sorted(set(experiments["scenario"])) == [0, 1, 2]
    # The ensemble member's parameter value, three distinct ones within the range.
    lethality = experiments["operations.lethality"]
    assert lethality.between(0.15, 0.45).all()
    assert lethality.groupby(experiments["scenario"]).nunique().eq(1).all()
    # The option's outcome names are those of the comparison table.
    assert "fatalities_total[PAK.forces]" in outcomes
    assert set(outcomes) & set(table["outcome"].values) >= {"peak_escalation", "trade_lost_usd"}
    # The table's mean is the mean of the runs of each option.
    for option in table["option"].values:
        runs = experiments["policy"] == option
        mean = outcomes["peak_escalation"][runs.values].mean()
        assert np.isclose(mean, float(table["mean"].sel(option=option,
                                                        outcome="peak_escalation")))


def test_outcomes_group_is_read_when_present(swept):
    # Files with /outcomes (run x outcome) give their outcomes from it.
    names = ["a", "b"]
    values = np.arange(96, dtype=float).reshape(48, 2)
    groups = dict(swept.groups)
    groups["outcomes"] = xr.Dataset({"value": (("run", "outcome"), values)},
                                    coords={"outcome": names})
    outcomes = _results.run_outcomes(groups)
    assert list(outcomes) == names
    np.testing.assert_array_equal(outcomes["b"], values[:, 1])


def test_events_as_a_group_of_columns_read_as_the_table(tmp_path):
    # The events layout of format version 8 (a group of 1-D columns) reads as version 7's table.
    table = np.array([(0, b"PAK", 1.5), (1, b"TTP", -2.0)],
                     dtype=[("run", "<i4"), ("actor", "S8"), ("goldstein", "<f8")])
    with h5py.File(tmp_path / "v7.h5", "w") as f:
        f["events"] = table
    with h5py.File(tmp_path / "v8.h5", "w") as f:
        g = f.create_group("events")
        g["run"] = table["run"]
        g["actor"] = np.array(["PAK", "TTP"], dtype=h5py.string_dtype())
        g["goldstein"] = table["goldstein"]
    with h5py.File(tmp_path / "v7.h5") as f7, h5py.File(tmp_path / "v8.h5") as f8:
        old, new = flashpoint.read_events(f7), flashpoint.read_events(f8)
    assert list(old["actor"]) == ["PAK", "TTP"]
    pd.testing.assert_frame_equal(old[["run", "actor", "goldstein"]],
                                  new[["run", "actor", "goldstein"]], check_dtype=False)


def test_the_day_axis_is_found_by_either_name():
    assert flashpoint.day_dim(xr.Dataset(coords={"day": [0, 1]})) == "day"
    assert flashpoint.day_dim(xr.Dataset(coords={"time": [0, 1]})) == "time"


def test_a_bad_sweep_file_gives_the_located_message():
    bad = SOURCE_DIR / "tests" / "data" / "bad" / "sweep" / "bad_parameter_path.yaml"
    expected = open(bad, encoding="utf-8").readline().removeprefix("# expect: ").strip()
    with pytest.raises(flashpoint.InputError) as err:
        flashpoint.sweep(bad)
    assert f"{bad}:{expected}" in str(err.value)


def test_resume_needs_an_output():
    with pytest.raises(flashpoint.InputError, match="resume"):
        flashpoint.sweep(SWEEP, resume=True)
