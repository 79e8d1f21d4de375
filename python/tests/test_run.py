"""flashpoint.run: the same file and values as `flashpoint run` for the same seed, --set
overrides, bad input as InputError with the command's located message."""

import os

import numpy as np
import pandas as pd
import pytest
import xarray as xr

import flashpoint
from conftest import MINIMAL_SCENARIO, SEED_SCENARIO, SOURCE_DIR


@pytest.fixture(scope="module")
def both(tmp_path_factory, cli):
    """The same 3 replicates of 90 days of the seed scenario, by the package and the command."""
    folder = tmp_path_factory.mktemp("run")
    cli_path = folder / "cli.h5"
    cli("run", SEED_SCENARIO, "--set", "days=90", "-r", 3, "--seed", 7, "-t", 2, "-q",
        "-o", cli_path)
    res = flashpoint.run(SEED_SCENARIO, replicates=3, seed=7, set={"days": 90}, threads=2,
                         output=folder / "py.h5")
    return res, cli_path


def test_runs_shapes_and_values_equal_the_commands_file(both):
    res, cli_path = both
    assert isinstance(res.runs, xr.Dataset)
    assert res.runs.sizes["run"] == 3
    axis = flashpoint.day_dim(res.runs)
    assert res.runs.sizes[axis] == 90
    assert res.runs["escalation"].dims == ("run", axis)
    with xr.open_dataset(cli_path, group="runs", engine="h5netcdf") as expected:
        assert set(expected.data_vars) == set(res.runs.data_vars)
        for name, var in expected.data_vars.items():
            np.testing.assert_array_equal(res.runs[name].values, var.values, err_msg=name)
        assert list(expected["dyad"].values) == list(res.runs["dyad"].values)


def test_events_are_a_frame_of_str_equal_to_the_commands(both):
    res, cli_path = both
    events = res.events
    assert isinstance(events, pd.DataFrame) and len(events) > 0
    for column in ("date", "actor", "target", "cameo", "location"):
        assert all(isinstance(v, str) for v in events[column]), column
    import h5py

    with h5py.File(cli_path, "r") as f:
        expected = flashpoint.read_events(f)
    pd.testing.assert_frame_equal(events, expected)
    # Per run, the events' deaths add up to the run's fatalities_total (docs/output.md).
    by_run = events.groupby("run")["fatalities"].sum()
    totals = res.runs["fatalities_total"].sum("category").values
    for run, deaths in by_run.items():
        assert deaths == totals[run]


def test_the_path_the_summary_and_the_root_attributes(both):
    res, _ = both
    assert res.path.endswith("py.h5") and os.path.exists(res.path)
    assert res.summary["runs"] == 3 and res.summary["seed"] == 7
    assert len(res.summary["digest"]) == 16
    assert res.attrs["runs"] == 3
    assert res.attrs["command_line"].startswith("python: flashpoint.run(")
    assert "geography" in res


def test_the_digest_is_the_commands(cli):
    out = cli("run", MINIMAL_SCENARIO, "-r", 2, "--seed", 3, "--no-output", "--json").stdout
    import json

    res = flashpoint.run(MINIMAL_SCENARIO, replicates=2, seed=3)
    assert res.summary["digest"] == json.loads(out)["digest"]


def test_without_output_the_temporary_file_is_gone(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    res = flashpoint.run(MINIMAL_SCENARIO, replicates=2, seed=1)
    assert res.path is None
    assert res.runs.sizes["run"] == 2
    assert float(res.runs["escalation"].max()) >= 0  # loaded: readable after the file is gone
    assert os.listdir(tmp_path) == []


def test_set_overrides_act_as_the_commands(cli, tmp_path):
    sets = {"days": 90, "actors.PAK.rationality": 4}
    res = flashpoint.run(SEED_SCENARIO, replicates=2, seed=5, set=sets)
    assert res.runs.sizes[flashpoint.day_dim(res.runs)] == 90
    cli_path = tmp_path / "cli.h5"
    cli("run", SEED_SCENARIO, "--set", "days=90", "--set", "actors.PAK.rationality=4", "-r", 2,
        "--seed", 5, "-q", "-o", cli_path)
    with xr.open_dataset(cli_path, group="runs", engine="h5netcdf") as expected:
        np.testing.assert_array_equal(res.runs["hostility"].values, expected["hostility"].values)
    default = flashpoint.run(SEED_SCENARIO, replicates=2, seed=5, set={"days": 90})
    assert not np.array_equal(res.runs["hostility"].values, default.runs["hostility"].values)


def test_a_misspelt_override_is_an_input_error_with_a_suggestion():
    with pytest.raises(flashpoint.InputError) as err:
        flashpoint.run(MINIMAL_SCENARIO, set={"dayz": 10})
    assert isinstance(err.value, ValueError)
    assert "did you mean 'days'" in str(err.value)


def test_a_bad_scenario_file_gives_the_located_message():
    bad = SOURCE_DIR / "tests" / "data" / "bad" / "scenario" / "unknown_top_key.yaml"
    expected = open(bad, encoding="utf-8").readline().removeprefix("# expect: ").strip()
    with pytest.raises(flashpoint.InputError) as err:
        flashpoint.run(bad)
    assert f"{bad}:{expected}" in str(err.value)


@pytest.mark.parametrize("kwargs, words", [
    ({"seed": -1}, "seed"),
    ({"seed": 10**16}, "9e15"),
    ({"replicates": 0}, "replicates"),
    ({"threads": -2}, "threads"),
])
def test_bad_arguments_are_input_errors(kwargs, words):
    with pytest.raises(flashpoint.InputError, match=words):
        flashpoint.run(MINIMAL_SCENARIO, **kwargs)


def test_a_missing_file_and_an_existing_output(tmp_path):
    with pytest.raises(flashpoint.InputError):
        flashpoint.run(tmp_path / "nowhere.yaml")
    out = tmp_path / "out.h5"
    flashpoint.run(MINIMAL_SCENARIO, output=out)
    with pytest.raises(flashpoint.InputError, match="force"):
        flashpoint.run(MINIMAL_SCENARIO, output=out)
    again = flashpoint.run(MINIMAL_SCENARIO, output=out, force=True, seed=2)
    assert again.summary["seed"] == 2
