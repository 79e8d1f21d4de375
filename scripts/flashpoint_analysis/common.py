"""Shared by the analysis modules: opening results files, their kind, labels and styles.

Only numpy, h5py and matplotlib here (Debian's python3-* packages); the entry points make sure
an interpreter that has them runs this (scripts/fp_interpreter.py).
"""
from __future__ import annotations

import datetime as _dt
import math
import os
import sys

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


def band(values, unit: str = "") -> str:
    """Median and 5-95% range of `values` as "median [p5-p95]" followed by `unit` ("none", without
    the unit, when empty): how the out-of-sample reports (scripts/out_of_sample_*.py) print a
    quantity over the runs."""
    v = np.asarray(values, dtype=float)
    if v.size == 0:
        return "none"
    q = np.percentile(v, [50, 5, 95])
    return f"{q[0]:g} [{q[1]:g}-{q[2]:g}]{unit}"


def share(n: int, of: int) -> str:
    """n of `of` runs as a whole percentage ("-" when of is 0, "<1%" for a few of many)."""
    if not of:
        return "-"
    return "<1%" if 0 < n < of / 200 else f"{100.0 * n / of:.0f}%"


# Every attribute the analysis scripts read (scripts/report, scripts/fp-plot), with what it must
# hold. open_results() checks them all before anything is drawn or written, so that a file whose
# attribute has another type (edited by another program, or damaged) is refused in one line
# naming the attribute, instead of failing half-way with a traceback. Root attributes are written
# by flashpoint as strings or integers; those of /design, /sensitivity and /comparison as strings
# (numbers too, as text).
TEXT = ("text", None)
DATE = ("date", None)
FLAG = ("flag", None)


def whole(minimum: int) -> tuple:
    return ("whole", minimum)


NUMBER_TEXT = ("number text", None)
WHOLE_TEXT = ("whole text", None)

ROOT_ATTRIBUTES = {
    "format": TEXT, "format_version": whole(1), "status": TEXT, "experiment": TEXT,
    "scenario_name": TEXT, "scenario_path": TEXT, "experiment_name": TEXT,
    "experiment_path": TEXT, "design_hash": TEXT, "software_version": TEXT, "git_commit": TEXT,
    "created_utc": TEXT, "command_line": TEXT, "start_date": DATE, "runs": whole(0),
    "days": whole(1), "master_seed": whole(0), "series_kept": FLAG, "events_kept": FLAG,
}
GROUP_ATTRIBUTES = {
    "design": {"kind": TEXT, "distributions": TEXT, "samples": WHOLE_TEXT,
               "levels": WHOLE_TEXT, "replicates": WHOLE_TEXT},
    "sensitivity": {"method": TEXT, "confidence": NUMBER_TEXT, "note": TEXT},
    "comparison": {"status_quo": TEXT, "rank_by": TEXT, "better": TEXT, "thresholds": TEXT,
                   "confidence": NUMBER_TEXT, "replicates": WHOLE_TEXT,
                   "scenarios": WHOLE_TEXT, "hurwicz_alpha": NUMBER_TEXT,
                   "percentile": NUMBER_TEXT, "pareto": TEXT, "levers": TEXT,
                   "written_options": WHOLE_TEXT},
}


def _expected(kind: tuple) -> str:
    name, minimum = kind
    return {"text": "text (a string)",
            "date": "a date as text (a string YYYY-MM-DD)",
            "flag": "0 or 1 (an integer)",
            "whole": f"a whole number of at least {minimum} (an integer)",
            "number text": "a number written as text (a string such as '0.95')",
            "whole text": "a whole number written as text (a string such as '8')"}[name]


def _held(value) -> str:
    """What an attribute holds, in a few words: "the string 'many'", "2 float64 values"."""
    if isinstance(value, h5py.Empty):
        return "empty (no value)"
    if isinstance(value, (str, bytes, np.str_, np.bytes_)):
        shown = text(value)
        return f"the string {shown[:40] + '...' if len(shown) > 40 else shown!r}"
    a = np.asarray(value)
    if a.size != 1:
        return f"an array of {a.size} {a.dtype} values"
    v = a.reshape(()).item()
    if isinstance(v, (str, bytes)):
        return _held(v)
    kind = {"i": "integer", "u": "integer", "f": "number", "b": "boolean"}.get(a.dtype.kind,
                                                                             str(a.dtype))
    return f"the {kind} {v!r}"[:80]


def _conforms(value, kind: tuple) -> bool:
    name, minimum = kind
    if isinstance(value, h5py.Empty):
        return False
    a = np.asarray(value)
    if a.size != 1:
        return False
    v = a.reshape(()).item()
    is_text = isinstance(v, (str, bytes))
    if name == "text":
        return is_text
    if name == "date":
        if not is_text:
            return False
        try:
            _dt.date.fromisoformat(text(v))
        except ValueError:
            return False
        return True
    if name in ("flag", "whole"):
        if a.dtype.kind not in "iu" or is_text:
            return False
        return v in (0, 1) if name == "flag" else v >= minimum
    if is_text:  # number text, whole text
        try:
            number = float(text(v)) if name == "number text" else int(text(v))
        except ValueError:
            return False
        return math.isfinite(number) and (name == "number text" or number >= 0)
    if name == "number text":
        return a.dtype.kind in "iuf" and math.isfinite(float(v))
    return a.dtype.kind in "iu" and v >= 0


def group_name(obj) -> str:
    return obj.name.lstrip("/")


def _attribute(obj, name: str, where: str, path: str):
    """The value of an attribute as h5py reads it, or BadInput when it cannot be read."""
    try:
        return obj.attrs[name]
    except (OSError, TypeError, ValueError, KeyError) as e:
        raise BadInput(f"{path}: the {where} '{name}' cannot be read ({e}); the file may be "
                       "damaged") from None


def check_attributes(f: h5py.File, path: str) -> None:
    """BadInput naming the first attribute of ROOT_ATTRIBUTES or GROUP_ATTRIBUTES that is
    present but does not hold what it should. Absent attributes are left to the readers."""
    checks = [(f, "root attribute", ROOT_ATTRIBUTES)]
    for group, spec in GROUP_ATTRIBUTES.items():
        obj = f.get(group)
        if obj is not None:
            checks.append((obj, f"attribute of /{group}", spec))
    for obj, where, spec in checks:
        for name, kind in spec.items():
            if name not in obj.attrs:
                continue
            value = _attribute(obj, name, where, path)
            if not _conforms(value, kind):
                what = (f"the root attribute '{name}'" if obj is f
                        else f"the attribute '{name}' of /{group_name(obj)}")
                raise BadInput(f"{path}: {what} is {_held(value)}, expected {_expected(kind)}; "
                               "the file may be damaged or edited by another program")


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
    try:
        if "format" not in f.attrs or \
                text(_attribute(f, "format", "root attribute", path)) != FORMAT:
            raise BadInput(f"{path}: not a Flashpoint results file (no format = {FORMAT!r})")
        check_attributes(f, path)
        status = text(f.attrs.get("status", "complete"))
        if status != "complete":
            raise BadInput(f"{path}: the file is incomplete (status = {status}); it was not "
                           "finished")
    except BaseException:
        f.close()
        raise
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


class ColumnEvents:
    """The /events group of results format 8 (one 1-D variable per column on the dimension
    `event`, text as character arrays [event, nchar]) read as the table of records of format 7:
    `table[a:b]` and `table[()]` give structured numpy arrays whose text fields are fixed-width
    bytes, `table["actor"]` one column, `table.shape`, `table.dtype.names`, `table.fields(c)`."""

    def __init__(self, group: h5py.Group):
        self._group = group
        self._names = [n for n, v in group.items()
                       if isinstance(v, h5py.Dataset) and n != "event" and not n.startswith("nchar")]
        fields = []
        for n in self._names:
            d = group[n]
            fields.append((n, f"S{d.shape[1]}") if d.ndim == 2 else (n, d.dtype))
        self.dtype = np.dtype(fields)
        self.shape = (int(group["event"].shape[0]),)

    def __len__(self) -> int:
        return self.shape[0]

    def _column(self, name: str, rows) -> np.ndarray:
        d = self._group[name]
        if d.ndim == 2:  # characters [event, nchar] -> fixed-width bytes [event]
            chars = np.ascontiguousarray(d[rows] if d.shape[0] else np.zeros((0, d.shape[1]), "S1"))
            return chars.view(f"S{d.shape[1]}").reshape(chars.shape[0])
        return d[rows]

    def __getitem__(self, key):
        if isinstance(key, str):
            return self._column(key, slice(None))
        rows = slice(None) if key == () or key is Ellipsis else key
        columns = {n: self._column(n, rows) for n in self._names}
        out = np.empty(len(next(iter(columns.values()))) if columns else 0, dtype=self.dtype)
        for n, values in columns.items():
            out[n] = values
        return out

    def fields(self, name: str):
        column = self._column(name, slice(None))

        class _Read:  # the h5py idiom dataset.fields(c)[:]
            def __getitem__(self, key):
                return column[key]
        return _Read()


def parameters(f: h5py.File) -> dict[str, str]:
    """The resolved parameters of /provenance, path -> value as text (either format)."""
    p = f["provenance"]
    if "parameter" in p:  # format 8: a coordinate and a variable
        return dict(zip(strings(p["parameter"]), strings(p["parameter_value"])))
    if "parameters" not in p:
        return {}
    table = p["parameters"][()]
    return {text(a): text(b) for a, b in zip(table["path"], table["value"])}


def open_with_events(path: str, why: str) -> h5py.File:
    """open_results, then BadInput unless the file has the events' action column (format 7 or
    later, with /events: `why` says what needs them)."""
    f = open_results(path)
    if int(f.attrs.get("format_version", 0)) < 7 or "events" not in f:
        f.close()
        raise BadInput(f"{path}: needs results format 7 or later with /events ({why})")
    return f


def events_table(f: h5py.File, path: str, why: str):
    """The event table of a results file: the format-7 table of records as it is, the format-8
    group as a ColumnEvents; BadInput (saying `why` it is needed) when the file has none."""
    obj = require(f, path, "events", why)
    return ColumnEvents(obj) if isinstance(obj, h5py.Group) else obj


def events_frame(f: h5py.File, columns=None):
    """The /events of a results file as a pandas DataFrame with str text columns (either format);
    only `columns` when given."""
    import pandas as pd
    table = events_table(f, f.filename, "the events are asked for")
    names = [c for c in (columns or table.dtype.names) if c in table.dtype.names]
    frame = pd.DataFrame({c: table[c] if isinstance(table, ColumnEvents) else table.fields(c)[:]
                          for c in names})
    for c in names:
        if frame[c].dtype == object or table.dtype[c].kind == "S":
            frame[c] = pd.Categorical(frame[c]).rename_categories(
                lambda b: b.decode("utf-8", "replace") if isinstance(b, bytes) else str(b))
            frame[c] = frame[c].astype(str)
    return frame


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


def write_page(text: str, path: str, tool: str) -> bool:
    """Writes a page under a temporary name (PATH.partial) and renames it to PATH when complete,
    so that no half-written page is ever left under PATH; on an error, says so on stderr as
    `tool`, removes the temporary file and returns False."""
    partial = path + ".partial"
    try:
        with open(partial, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(partial, path)
    except OSError as e:
        print(f"{tool}: cannot write {path}: {e}", file=sys.stderr)
        try:
            os.remove(partial)
        except OSError:
            pass
        return False
    return True


def rank_order(rank, n: int) -> list[int]:
    """Option indices 0..n-1 by /comparison/rank (1 = best), best first; ties and unranked
    (NaN) options in file order; file order when there is no rank."""
    if rank is None:
        return list(range(n))
    key = np.where(np.isfinite(rank), rank, np.inf)
    return sorted(range(n), key=lambda o: (key[o], o))
