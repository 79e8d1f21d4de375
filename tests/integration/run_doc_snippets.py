#!/usr/bin/env python3
"""Run every ```python block of a Markdown page against a results file.

    run_doc_snippets.py DOC.md RESULTS.h5 [NAME=FILE ...]

Each block runs on its own, in a fresh namespace where `path` is RESULTS.h5 (and each NAME the
absolute path of its FILE, e.g. sweep_path=sweep.h5) and the working
directory is a scratch folder, as a reader would paste it. Exits 1, naming the block's first
line in DOC.md and showing the traceback, when any block raises; exits 1 too when the page has
no python block (a renamed fence would otherwise pass silently).
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
import fp_interpreter  # noqa: E402

fp_interpreter.ensure(["h5py", "numpy", "pandas", "xarray", "h5netcdf"])

import contextlib  # noqa: E402
import io  # noqa: E402
import re  # noqa: E402
import tempfile  # noqa: E402
import traceback  # noqa: E402

FENCE = re.compile(r"^```python[ \t]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)


def snippets(markdown):
    """(first line number of the code, code) of every ```python block."""
    for match in FENCE.finditer(markdown):
        line = markdown.count("\n", 0, match.start(1)) + 1
        yield line, match.group(1)


def main():
    if len(sys.argv) < 3 or any("=" not in a for a in sys.argv[3:]):
        sys.exit(__doc__)
    doc, results = sys.argv[1], os.path.abspath(sys.argv[2])
    extra = {}
    for arg in sys.argv[3:]:
        name, _, value = arg.partition("=")
        extra[name] = os.path.abspath(value)
    with open(doc, encoding="utf-8") as f:
        blocks = list(snippets(f.read()))
    if not blocks:
        sys.exit(f"run_doc_snippets.py: {doc} has no ```python block")
    os.environ.setdefault("MPLBACKEND", "Agg")  # a snippet that plots must not open a window
    failed = 0
    with tempfile.TemporaryDirectory() as scratch:
        cwd = os.getcwd()
        os.chdir(scratch)
        try:
            for line, code in blocks:
                output = io.StringIO()
                namespace = {"__name__": "__snippet__", "path": results, **extra}
                try:
                    compiled = compile(code, f"{doc}:{line}", "exec")
                    with contextlib.redirect_stdout(output):
                        exec(compiled, namespace)  # noqa: S102 - running the docs is the point
                except Exception:  # noqa: BLE001 - report every kind of failure
                    failed += 1
                    print(f"FAILED: the snippet at {doc}:{line}", file=sys.stderr)
                    print(output.getvalue(), file=sys.stderr, end="")
                    traceback.print_exc()
                else:
                    print(f"ok: the snippet at {doc}:{line}")
        finally:
            os.chdir(cwd)
    if failed:
        sys.exit(f"run_doc_snippets.py: {failed} of {len(blocks)} snippets in {doc} failed")
    print(f"run_doc_snippets.py: all {len(blocks)} snippets in {doc} ran")


if __name__ == "__main__":
    main()
