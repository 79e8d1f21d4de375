"""flashpoint.Simulation: a run stepped day by day is the run `run` makes for the same seed,
day after day, and ends with simulate()'s digest; its views are read-only."""

import datetime

import numpy as np
import pytest

import flashpoint
from flashpoint import _core
from conftest import MINIMAL_SCENARIO, SEED_SCENARIO

SETS = {"days": 75}


@pytest.fixture(scope="module")
def reference():
    return flashpoint.run(SEED_SCENARIO, replicates=1, seed=21, set=SETS).runs.isel(run=0)


def test_stepping_follows_the_runs_series_day_by_day(reference):
    sim = flashpoint.Simulation(SEED_SCENARIO, seed=21, set=SETS)
    assert (sim.day, sim.days, sim.done) == (0, 75, False)
    assert sim.dyads == tuple(str(d) for d in reference["dyad"].values)
    deaths = np.zeros(len(sim.categories), dtype=int)
    axis = flashpoint.day_dim(reference)
    while not sim.done:
        assert sim.step() == 1
        row = reference.isel({axis: sim.day - 1})
        assert sim.max_escalation == int(row["escalation"])
        assert max(sim.escalation) == sim.max_escalation
        np.testing.assert_allclose(sim.hostility, row["hostility"].values)
        assert sim.posts_held == {s: int(row["posts_held"].sel(actor=s)) for s in sim.states}
        assert sim.cells == {g: int(row["cells"].sel(group=g)) for g in sim.groups}
        assert sim.crossings_open == {c: bool(row["crossing_open"].sel(crossing=c))
                                      for c in sim.crossings}
        assert sim.ceasefire == bool(row["ceasefire"])
        deaths += row["fatalities"].values
        assert list(sim.fatalities.values()) == deaths.tolist()
        assert all(0 <= v <= 1 for v in sim.district_activity.values())
    assert sim.date == datetime.date.fromisoformat(str(reference["date"].values[-1]))
    assert sim.step(5) == 0


def test_stepped_to_the_end_it_is_simulate():
    for scenario, sets in ((MINIMAL_SCENARIO, {}), (SEED_SCENARIO, {"days": 120})):
        sim = flashpoint.Simulation(scenario, seed=4, set=sets)
        while not sim.done:
            sim.step(17)
        assert sim.day == sim.days
        result = sim.finish()
        assert result["digest"] == _core.simulate_digest(str(scenario), 4, [
            f"{k}={v}" for k, v in sets.items()])
        assert sim.finish() is result


def test_the_digest_is_run_0_of_flashpoint_run():
    sim = flashpoint.Simulation(MINIMAL_SCENARIO, seed=9)
    sim.step(sim.days)
    res = flashpoint.run(MINIMAL_SCENARIO, replicates=1, seed=9)
    assert sim.finish()["digest"] == res.summary["digest"]


def test_views_are_read_only_copies():
    sim = flashpoint.Simulation(SEED_SCENARIO, set={"days": 70})
    sim.step(3)
    with pytest.raises(ValueError):
        sim.escalation[0] = 9
    with pytest.raises(ValueError):
        sim.state()["fatalities"][0] = 1
    posts = sim.posts_held
    posts[sim.states[0]] = -1
    assert sim.posts_held[sim.states[0]] >= 0
    assert sim.date == datetime.date(2025, 9, 27)  # day 3 from 2025-09-25


def test_the_date_and_the_start():
    sim = flashpoint.Simulation(MINIMAL_SCENARIO, seed=1)
    before = sim.date
    sim.step()
    assert sim.date - before == datetime.timedelta(days=1)
    assert sim.day == 1 and f"day 1 of {sim.days}" in repr(sim)


def test_finish_before_the_end_and_bad_input():
    sim = flashpoint.Simulation(MINIMAL_SCENARIO)
    with pytest.raises(RuntimeError):
        sim.finish()
    with pytest.raises(flashpoint.InputError):
        sim.step(-1)
    with pytest.raises(flashpoint.InputError, match="did you mean"):
        flashpoint.Simulation(MINIMAL_SCENARIO, set={"dayz": 5})
    with pytest.raises(flashpoint.InputError):
        flashpoint.Simulation(MINIMAL_SCENARIO, seed=-3)
