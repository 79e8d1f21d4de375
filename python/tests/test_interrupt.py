"""Ctrl-C: SIGINT to a Python running a sweep or a run stops it cleanly with
KeyboardInterrupt, puts Python's handler back, and an interrupted sweep resumes."""

import os
import pathlib
import signal
import subprocess
import sys
import time

import pytest

import flashpoint
from conftest import SEED_SCENARIO

CHILD = """
import signal, sys
import flashpoint
kind, source, output = sys.argv[1:4]
print("started", flush=True)
try:
    if kind == "sweep":
        flashpoint.sweep(source, output=output, threads=2)
    else:
        flashpoint.run(source, replicates=5000, set={"days": 365}, output=output, threads=2)
except KeyboardInterrupt as e:
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    print("KeyboardInterrupt:", e, flush=True)
    sys.exit(7)
print("finished", flush=True)
"""


def sweep_file(folder: pathlib.Path) -> pathlib.Path:
    """A sweep of 400 runs of 120 days: long enough to be interrupted while it runs."""
    path = folder / "sweep.yaml"
    path.write_text(f"""kind: sweep
name: interrupted
scenario: {SEED_SCENARIO}
set:
  days: 120
parameters:
  - {{path: actors.PAK.rationality, low: 4, high: 20}}
design: {{kind: latin_hypercube, samples: 100}}
replicates: 4
seed: 5
""")
    return path


def start(kind, source, output):
    child = subprocess.Popen([sys.executable, "-c", CHILD, kind, str(source), str(output)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=os.environ.copy())
    assert child.stdout.readline().strip() == "started"
    return child


def wait_for(condition, seconds=120):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail("the child did not get going")
        time.sleep(0.05)


def journaled_bytes(parts: pathlib.Path) -> int:
    if not parts.is_dir():
        return 0
    return sum(p.stat().st_size for p in parts.iterdir() if p.suffix == ".journal")


def test_a_sweep_stops_on_sigint_and_resumes(tmp_path):
    source = sweep_file(tmp_path)
    output = tmp_path / "sweep.h5"
    parts = pathlib.Path(f"{output}.parts")
    child = start("sweep", source, output)
    wait_for(lambda: journaled_bytes(parts) > 0 or child.poll() is not None)
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=300)
    assert child.returncode == 7, (out, err)
    assert "resume=True" in out
    assert not output.exists()
    assert journaled_bytes(parts) > 0

    res = flashpoint.sweep(source, output=output, threads=2, resume=True)
    kept = res.summary["resumed_from"]
    assert 0 < kept < 400
    assert res.summary["ran"] == 400 - kept
    assert res.runs.sizes["run"] == 400
    assert (res.runs["status"].values == 1).all()
    assert not parts.exists()


def test_a_run_stops_on_sigint_without_a_file(tmp_path):
    output = tmp_path / "run.h5"
    child = start("run", SEED_SCENARIO, output)
    time.sleep(1.0)  # inside the call (not an assertion: any moment of the run will do)
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=300)
    assert child.returncode == 7, (out, err)
    assert "KeyboardInterrupt" in out
    assert not output.exists()
    assert not any(p.name.startswith("run.h5") for p in tmp_path.iterdir())
