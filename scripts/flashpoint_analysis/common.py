"""Shared by the analysis modules: opening results files, their kind, labels and styles.

Only numpy, h5py and matplotlib here (Debian's python3-* packages); the entry points make sure
an interpreter that has them runs this (scripts/fp_interpreter.py).
"""
from __future__ import annotations

import os

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

FORMAT = "flashpoint-results"
EXIT_BAD_INPUT = 2

# The escalation ladder's rungs that deserve a label on an axis (docs/model.md).
RUNG_NAMES = {0: "hold", 3: "mobilise", 4: "close crossings", 6: "strike",
              7: "assault posts", 8: "deep strike", 9: "offensive"}


class BadInput(Exception):
    """The input cannot be used (missing file, not a results file, wrong kind for a picture,
    unknown outcome or parameter): the entry points print the message and exit with 2."""


def text(value) -> str:
    """An HDF5 string (str, bytes, numpy scalar or 1-element array) as str."""
    if isinstance(value, np.ndarray) and value.size == 1:
        value = value.reshape(()).item()
    if isinstance(value, (bytes, np.bytes_)):
        return value.decode("utf-8", "replace")
    return str(value)


def strings(dataset) -> list[str]:
    """A 1-D string dataset (fixed or variable length) as a list of str."""
    return [text(v) for v in dataset[()]]


def open_results(path: str) -> h5py.File:
    """Opens a Flashpoint results file for reading, or raises BadInput saying why not."""
    if not os.path.exists(path):
        raise BadInput(f"{path}: no such file")
    if os.path.isdir(path):
        raise BadInput(f"{path}: is a folder, not a results file")
    try:
        f = h5py.File(path, "r")
    except OSError as e:
        raise BadInput(f"{path}: not an HDF5 file, or damaged ({e})") from None
    if text(f.attrs.get("format", "")) != FORMAT:
        f.close()
        raise BadInput(f"{path}: not a Flashpoint results file (no format = {FORMAT!r})")
    if text(f.attrs.get("status", "complete")) != "complete":
        f.close()
        raise BadInput(f"{path}: the file is incomplete (status = "
                       f"{text(f.attrs.get('status'))}); it was not finished")
    return f


def kind_of(f: h5py.File) -> str:
    """'run', 'sweep' or 'comparison'."""
    return text(f.attrs.get("experiment", "run")) or "run"


def require_kind(f: h5py.File, path: str, kinds: tuple[str, ...], picture: str) -> str:
    kind = kind_of(f)
    if kind not in kinds:
        raise BadInput(f"{path}: the {picture} picture needs a file of "
                       f"{' or '.join(kinds)}, this one is a {kind}")
    return kind


def require(f: h5py.File, path: str, name: str, why: str) -> h5py.Dataset:
    """The dataset at `name`, or BadInput explaining what is missing and why it is needed."""
    if name not in f:
        raise BadInput(f"{path}: has no /{name}; {why}")
    return f[name]


def dates(f: h5py.File) -> np.ndarray:
    """The calendar dates of /runs/date as numpy datetime64[D]."""
    return np.array(strings(f["runs/date"]), dtype="datetime64[D]")


def save(fig, out, title: str | None = None) -> None:
    """Saves and closes a figure (PNG unless `out` is a file name ending in .svg or .pdf)."""
    if title:
        fig.suptitle(title)
    kwargs = {"dpi": 110, "bbox_inches": "tight"}
    if not isinstance(out, (str, os.PathLike)):
        kwargs["format"] = "png"
    fig.savefig(out, **kwargs)
    plt.close(fig)


def choose(name: str, options: list[str], what: str, path: str) -> str:
    """`name` when it is one of `options`, else BadInput listing them (with a near match)."""
    if name in options:
        return name
    import difflib
    near = difflib.get_close_matches(name, options, n=1)
    hint = f"; did you mean {near[0]!r}?" if near else f"; valid {what}s: {', '.join(options)}"
    raise BadInput(f"{path}: no {what} {name!r}{hint}")
