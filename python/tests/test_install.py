"""The documented install command (docs/python.md, "Install") puts flashpoint and
flashpoint_analysis into the user site-packages of Debian's python3: run it with a temporary
PYTHONUSERBASE and import both from there, without PYTHONPATH."""

import os
import pathlib
import subprocess

import pytest

INSTALL = ('cmake --install "$FLASHPOINT_BUILD_DIR" --component python '
           '--prefix "$(/usr/bin/python3 -m site --user-base)"')


def test_the_install_command_gives_an_importable_package(tmp_path):
    build = os.environ.get("FLASHPOINT_BUILD_DIR")
    if not build:
        pytest.skip("FLASHPOINT_BUILD_DIR is not set (run through ctest)")
    doc = pathlib.Path(os.environ.get("FLASHPOINT_SOURCE_DIR", ".")) / "docs" / "python.md"
    if doc.exists():  # the command the page gives is the one tested here
        assert INSTALL.replace('"$FLASHPOINT_BUILD_DIR"', "build/release") in doc.read_text()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONUSERBASE"] = str(tmp_path / "userbase")
    env["FLASHPOINT_BUILD_DIR"] = build
    subprocess.run(["bash", "-c", INSTALL], env=env, check=True, capture_output=True)
    check = ("import flashpoint, flashpoint_analysis, flashpoint._core; "
             "print(flashpoint.__file__); print(flashpoint_analysis.__file__)")
    out = subprocess.run(["/usr/bin/python3", "-c", check], env=env, cwd=tmp_path,
                         check=True, capture_output=True, text=True).stdout.split()
    site = subprocess.run(["/usr/bin/python3", "-m", "site", "--user-site"], env=env,
                          check=True, capture_output=True, text=True).stdout.strip()
    assert site.startswith(str(tmp_path))
    assert out[0] == os.path.join(site, "flashpoint", "__init__.py")
    assert out[1] == os.path.join(site, "flashpoint_analysis", "__init__.py")
    # The installed analysis package has the explorer's page files beside it (explore.js,
    # explore.css and the vendored uPlot, which read_uplot checks against its sha256 sums).
    explore = ("import flashpoint_analysis.explore as e; e.read_uplot(); "
               "open(e.PAGE_JS).close(); open(e.PAGE_CSS).close(); print(e.__file__)")
    found = subprocess.run(["/usr/bin/python3", "-c", explore], env=env, cwd=tmp_path,
                           check=True, capture_output=True, text=True).stdout.strip()
    assert found == os.path.join(site, "flashpoint_analysis", "explore.py")
    # The installed package runs.
    script = ("import flashpoint, sys; r = flashpoint.run(sys.argv[1], replicates=1); "
              "print(r.runs.sizes['run'])")
    scenario = pathlib.Path(__file__).resolve().parents[2] / "tests" / "data" / "minimal.yaml"
    ran = subprocess.run(["/usr/bin/python3", "-c", script, str(scenario)], env=env,
                         cwd=tmp_path, check=True, capture_output=True, text=True)
    assert ran.stdout.strip() == "1"
