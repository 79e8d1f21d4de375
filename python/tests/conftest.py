"""Shared fixtures of the package's tests (ctest python.*: PYTHONPATH is the build tree's
package, FLASHPOINT_BIN the command, FLASHPOINT_SOURCE_DIR the repository)."""

import os
import pathlib
import subprocess

import pytest

SOURCE_DIR = pathlib.Path(
    os.environ.get("FLASHPOINT_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
SEED_SCENARIO = SOURCE_DIR / "scenarios" / "pak-afg-2025.yaml"
MINIMAL_SCENARIO = SOURCE_DIR / "tests" / "data" / "minimal.yaml"
EXPERIMENTS = SOURCE_DIR / "tests" / "data" / "experiments"


@pytest.fixture(scope="session")
def flashpoint_bin():
    """The flashpoint command of the same build."""
    path = os.environ.get("FLASHPOINT_BIN")
    if not path:  # the build tree's package: build/PRESET/python/flashpoint -> build/PRESET
        import flashpoint

        path = str(pathlib.Path(flashpoint.__file__).resolve().parents[2] / "flashpoint")
    if not os.path.exists(path):
        pytest.skip(f"no flashpoint command at {path} (run through ctest)")
    return path


@pytest.fixture(scope="session")
def cli(flashpoint_bin):
    """Runs the command with arguments; returns the finished process (output captured)."""

    def call(*args, check=True):
        return subprocess.run([flashpoint_bin, *map(str, args)], capture_output=True,
                              text=True, check=check)

    return call
