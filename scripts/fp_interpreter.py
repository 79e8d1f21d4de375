"""Make sure the running analysis script has a Python that can import what it needs.

Every Flashpoint analysis script imports this module FIRST, before numpy and friends:

    import fp_interpreter
    fp_interpreter.ensure(["h5py", "numpy", "matplotlib"])

If the modules import in the current interpreter, ensure() returns. Otherwise it looks for
another interpreter that can import them -- $FLASHPOINT_PYTHON, then Debian's /usr/bin/python3
(the only one that sees Debian's python3-* packages when a pyenv or venv python3 comes first
on PATH) -- and re-executes the same script with it (os.execv, same arguments). If none can,
it explains on stderr and exits with status 2.

Standard library only: this module must work in any Python 3.
"""
from __future__ import annotations

import importlib
import os
import subprocess
import sys

# Set in the environment of a re-executed script, so that it never re-executes again.
_GUARD = "FLASHPOINT_PYTHON_REEXEC"
# Debian's package for a module, when it is not simply python3-<module>.
_DEBIAN_PACKAGE = {"yaml": "python3-yaml", "PIL": "python3-pil", "sklearn": "python3-sklearn"}
EXIT_CODE = 2


def _missing_here(modules):
    missing = []
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:  # ImportError, or a broken install that fails while importing
            missing.append(name)
    return missing


def _can_import(python, modules):
    try:
        done = subprocess.run([python, "-c", "import " + ", ".join(modules)],
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, timeout=120, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def _same_file(a, b):
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _candidates():
    out = []
    env = os.environ.get("FLASHPOINT_PYTHON", "").strip()
    if env:
        out.append(env)
    out.append("/usr/bin/python3")
    return out


def _fail(modules, missing, tried, note=None):
    packages = " ".join(_DEBIAN_PACKAGE.get(m, "python3-" + m.lower().replace("_", "-")) for m in modules)
    script = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else "this script"
    lines = [
        f"error: {script} needs the Python modules: {', '.join(modules)}",
        f"  missing in {sys.executable}: {', '.join(missing)}",
        f"  interpreters tried: {', '.join(tried)}",
    ]
    if note:
        lines.append(f"  {note}")
    lines += [
        "  Install Debian's packages (scripts/install_deps.sh does this for you):",
        f"    sudo apt-get install -y {packages}",
        "  or set FLASHPOINT_PYTHON to a Python 3 interpreter that can import them.",
    ]
    print("\n".join(lines), file=sys.stderr)
    sys.exit(EXIT_CODE)


def ensure(modules):
    """Return if `modules` import here; else re-execute the script with an interpreter that
    can import them, or explain and exit 2."""
    modules = list(modules)
    missing = _missing_here(modules)
    if not missing:
        os.environ.pop(_GUARD, None)  # children of this script start afresh
        return

    tried = [sys.executable or "(current interpreter)"]
    if os.environ.get(_GUARD):
        _fail(modules, missing, tried + [os.environ[_GUARD] + " (re-executed already)"],
              "a re-executed interpreter still could not import them")

    script = sys.argv[0] if sys.argv else ""
    if not script or script == "-c" or not os.path.exists(script):
        _fail(modules, missing, tried, "cannot re-execute: not running from a script file")

    for python in _candidates():
        if python in tried:
            continue
        if sys.executable and _same_file(python, sys.executable):
            continue
        tried.append(python)
        if not (os.path.isfile(python) and os.access(python, os.X_OK)):
            continue
        if _can_import(python, modules):
            os.environ[_GUARD] = python
            sys.stdout.flush()
            sys.stderr.flush()
            try:
                os.execv(python, [python, script] + sys.argv[1:])
            except OSError as err:
                _fail(modules, missing, tried, f"could not run {python}: {err}")
    _fail(modules, missing, tried)
