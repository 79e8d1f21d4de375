#!/usr/bin/env python3
"""Run the ```python blocks of a notebook-style Markdown page in order, in one namespace.

    run_notebook_doc.py DOC.md SOURCE_DIR

As a reader pasting them into one notebook: each block sees what the blocks before it defined.
The working directory is a scratch folder with `scenarios` and `tests` linked from SOURCE_DIR,
so the page's paths are those of the repository's root. Exits 1 naming the first failing
block's line in DOC.md (later blocks are skipped: they depend on it), and when the page has no
python block (a renamed fence would otherwise pass silently).
"""
import contextlib
import io
import os
import re
import sys
import tempfile
import traceback

FENCE = re.compile(r"^```python[ \t]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    doc, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    with open(doc, encoding="utf-8") as f:
        text = f.read()
    blocks = [(text.count("\n", 0, m.start(1)) + 1, m.group(1)) for m in FENCE.finditer(text)]
    if not blocks:
        sys.exit(f"run_notebook_doc.py: {doc} has no ```python block")
    os.environ.setdefault("MPLBACKEND", "Agg")  # a block that plots must not open a window
    namespace = {"__name__": "__notebook__"}
    with tempfile.TemporaryDirectory() as scratch:
        for name in ("scenarios", "tests"):
            os.symlink(os.path.join(source, name), os.path.join(scratch, name))
        cwd = os.getcwd()
        os.chdir(scratch)
        try:
            for line, code in blocks:
                output = io.StringIO()
                try:
                    with contextlib.redirect_stdout(output):
                        exec(compile(code, f"{doc}:{line}", "exec"), namespace)  # noqa: S102
                except Exception:  # noqa: BLE001 - report every kind of failure
                    print(output.getvalue(), end="")
                    traceback.print_exc()
                    sys.exit(f"run_notebook_doc.py: the block at {doc}:{line} failed")
                print(f"ok: the block at {doc}:{line}")
                print("    " + output.getvalue().replace("\n", "\n    ").rstrip())
        finally:
            os.chdir(cwd)
    print(f"run_notebook_doc.py: all {len(blocks)} blocks of {doc} ran")


if __name__ == "__main__":
    main()
