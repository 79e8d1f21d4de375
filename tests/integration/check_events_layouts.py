#!/usr/bin/env python3
"""The analysis scripts read the events and parameters of both layouts the same way: a format-7
file (/events a table of records, /provenance/parameters a (path, value) table) and a format-8
file (/events a group of columns with text as characters, /provenance/parameter and
parameter_value). Writes one of each with h5py from the same data and compares what
scripts/flashpoint_analysis/common.py's events_table(), events_frame() and parameters() return.

    check_events_layouts.py WORKDIR

Exits 1 on the first difference, 0 when both layouts read the same.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
import fp_interpreter  # noqa: E402

fp_interpreter.ensure(["h5py", "numpy", "pandas"])

import h5py  # noqa: E402
import numpy as np  # noqa: E402
from flashpoint_analysis.common import events_frame, events_table, parameters  # noqa: E402

ROWS = np.array(
    [(0, 1, b"2025-03-02", b"PAK", b"AFG", b"195", b"19", 4, -10.0, b"kurram", 33.9, 70.1, -1),
     (0, 2, b"2025-03-03", b"TTP", b"", b"180", b"18", 4, -9.0, b"", np.nan, np.nan, 5),
     (1, 0, b"2025-03-01", b"AFGHAN-LONG", b"PAK", b"0871", b"08", 1, 9.0, b"x" * 32, 1.0, 2.0, 0)],
    dtype=[("run", "<i4"), ("day", "<i4"), ("date", "S10"), ("actor", "S11"), ("target", "S11"),
           ("cameo", "S4"), ("cameo_root", "S2"), ("quad_class", "i1"), ("goldstein", "<f8"),
           ("location", "S32"), ("lat", "<f8"), ("lon", "<f8"), ("claim_actor_own", "<i4")])
PARAMETERS = {"actors.PAK.capability": "0.8", "days": "30"}


def fail(message):
    print(f"check_events_layouts.py: {message}", file=sys.stderr)
    sys.exit(1)


def write_v7(path):
    with h5py.File(path, "w") as f:
        f.create_dataset("events", data=ROWS)
        table = np.array(list(PARAMETERS.items()), dtype=object)
        kind = h5py.string_dtype()
        rows = np.array([tuple(r) for r in table], dtype=[("path", kind), ("value", kind)])
        f.create_dataset("provenance/parameters", data=rows)


def write_v8(path):
    with h5py.File(path, "w") as f:
        g = f.create_group("events", track_order=True)
        event = g.create_dataset("event", data=np.arange(len(ROWS), dtype="i8"))
        event.make_scale("event")
        for name in ROWS.dtype.names:
            column = ROWS[name]
            if column.dtype.kind == "S":
                width = column.dtype.itemsize
                chars = np.ascontiguousarray(column).view("S1").reshape(len(column), width)
                g.create_dataset(name, data=chars)
            else:
                g.create_dataset(name, data=column)
        p = f.create_group("provenance")
        p.create_dataset("parameter", data=list(PARAMETERS), dtype=h5py.string_dtype())
        p.create_dataset("parameter_value", data=list(PARAMETERS.values()),
                         dtype=h5py.string_dtype())


def main(work):
    os.makedirs(work, exist_ok=True)
    v7, v8 = os.path.join(work, "v7.h5"), os.path.join(work, "v8.h5")
    write_v7(v7)
    write_v8(v8)
    with h5py.File(v7, "r") as a, h5py.File(v8, "r") as b:
        ta, tb = events_table(a, v7, "test"), events_table(b, v8, "test")
        if ta.shape != tb.shape:
            fail(f"shapes {ta.shape} and {tb.shape}")
        whole_a, whole_b = ta[()], tb[()]
        for name in ROWS.dtype.names:
            x, y = whole_a[name], whole_b[name]
            same = np.array_equal(x, y, equal_nan=x.dtype.kind == "f")
            if not same:
                fail(f"column {name}: {x!r} != {y!r}")
            if not np.array_equal(tb[name], x, equal_nan=x.dtype.kind == "f"):
                fail(f"column {name} read alone differs")
        if not np.array_equal(ta[1:3]["actor"], tb[1:3]["actor"]):
            fail("a slice of rows differs")
        fa, fb = events_frame(a), events_frame(b)
        if list(fa.columns) != list(fb.columns) or not fa.equals(fb):
            fail(f"data frames differ:\n{fa}\n{fb}")
        if fb["actor"].tolist() != ["PAK", "TTP", "AFGHAN-LONG"]:
            fail(f"text is not str: {fb['actor'].tolist()}")
        if parameters(a) != PARAMETERS or parameters(b) != PARAMETERS:
            fail(f"parameters: {parameters(a)} and {parameters(b)}")
    print(f"check_events_layouts.py: both layouts read the same ({len(ROWS)} events, "
          f"{len(ROWS.dtype.names)} columns, {len(PARAMETERS)} parameters)")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
