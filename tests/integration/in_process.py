"""Runs one of scripts/ (fp-plot, fp-export, report, ...) by calling its main(argv) in this
Python process instead of starting a new one: the checks of many bad inputs call a script
dozens of times, and each new process spends about a second importing h5py and matplotlib.
Each check still runs some of its cases as their own process, as a user would (the shebang and
the interpreter search are part of what a user runs)."""
import contextlib
import importlib.machinery
import importlib.util
import io
import os
import sys
import traceback

_MAINS = {}


def _main_of(repo, tool):
    scripts = os.path.join(repo, "scripts")
    if scripts not in sys.path:
        sys.path.insert(0, scripts)
    if tool not in _MAINS:
        loader = importlib.machinery.SourceFileLoader(
            "script_" + tool.replace("-", "_"), os.path.join(scripts, tool))
        module = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name,
                                                                                loader))
        loader.exec_module(module)
        _MAINS[tool] = module.main
    return _MAINS[tool]


def run_main(repo, tool, argv):
    """(exit status, stdout, stderr) of scripts/TOOL's main(argv) called in this process; an
    exception that escapes main() is written to the captured stderr as a traceback, status 1."""
    main = _main_of(repo, tool)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(a) for a in argv])
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 1
        except Exception:  # noqa: BLE001 -- the caller reports it as a traceback
            traceback.print_exc(file=err)
            code = 1
    return code if code is not None else 0, out.getvalue(), err.getvalue()
