#!/usr/bin/env python3
"""Check that two Flashpoint results files hold bit-identical data.

    compare_results.py A.h5 B.h5

The determinism acceptance check (docs/cli.md, "Checking determinism"): the same scenario, seed
and replicates run on different thread counts must write the same data. Compares

- the tree: the same groups and datasets, by path;
- every dataset (/runs/*, /events/*, /provenance/*): the same
  type and shape, and the same bytes, both as values (variable-length strings compared as
  UTF-8 bytes) and, for fixed-size types, as the compressed chunks stored on disk;
- the attributes of every group and dataset (object references compared by the path they point
  to); at the root, all attributes except `created_utc`, `command_line` and `history`, which say
  when and how each file was written.

Prints every difference and exits 1 when there is any; exits 0 with a summary of how many
datasets and bytes were compared; exits 2 when a file cannot be read or is not a results file.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
import fp_interpreter  # noqa: E402

fp_interpreter.ensure(["h5py", "numpy"])

import h5py  # noqa: E402
import numpy as np  # noqa: E402

# Root attributes allowed to differ: when and how the file was written.
ROOT_ATTRIBUTES_THAT_MAY_DIFFER = {"created_utc", "command_line", "history"}
# Datasets the comparison must see, or it would compare nothing of interest.
REQUIRED = ["runs/escalation", "runs/fatalities", "runs/hostility", "provenance/scenario_yaml"]
# The resolved parameters: a table of records before format 8, a coordinate and a variable since.
REQUIRED_BEFORE_V8 = ["provenance/parameters", "events"]
REQUIRED_V8 = ["provenance/parameter", "provenance/parameter_value", "events/event",
               "events/actor", "runs/time"]
# ... and, in files of format version 2 or later, those of model layer 2.
REQUIRED_V2 = ["runs/group", "runs/displaced", "runs/sanctuary_tolerance", "runs/cells",
               "runs/returnees"]


def tree(f):
    """{path: "group" | "dataset"} of every object below the root."""
    kinds = {}

    def visit(name, obj):
        kinds[name] = "group" if isinstance(obj, h5py.Group) else "dataset"

    f.visititems(visit)
    return kinds


def has_variable_length(dtype):
    if dtype.fields:
        return any(has_variable_length(dtype.fields[k][0]) for k in dtype.names)
    return dtype.kind == "O"


def to_bytes(value):
    """Canonical bytes of a value that may hold Python objects (variable-length strings)."""
    if isinstance(value, str):
        value = value.encode("utf-8")
    if isinstance(value, bytes):
        return len(value).to_bytes(8, "little") + value
    if isinstance(value, np.void) and value.dtype.names:
        return b"".join(to_bytes(value[k]) for k in value.dtype.names)
    if isinstance(value, np.ndarray):
        if not has_variable_length(value.dtype):
            return value.tobytes()
        return b"".join(to_bytes(v) for v in value.reshape(-1))
    return np.asarray(value).tobytes()


def stored_chunks(ds):
    """The chunks as stored on disk (compressed), in chunk order; None when not chunked."""
    if ds.chunks is None:
        return None
    out = []
    for k in range(ds.id.get_num_chunks()):
        info = ds.id.get_chunk_info(k)
        mask, data = ds.id.read_direct_chunk(info.chunk_offset)
        out.append((info.chunk_offset, mask, bytes(data)))
    return out


def canonical_attribute(value, f):
    """An attribute value made comparable across files: references become the path they name."""
    if isinstance(value, h5py.Reference):
        return ("ref", f[value].name if value else None)
    if isinstance(value, np.void) and value.dtype.names:
        return tuple(canonical_attribute(value[k], f) for k in value.dtype.names)
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "OV":
            return ("array", value.shape, [canonical_attribute(v, f) for v in value.reshape(-1)])
        return ("array", value.dtype.str, value.shape, value.tobytes())
    if isinstance(value, bytes):
        return value
    if isinstance(value, np.generic):
        return (value.dtype.str, value.tobytes())
    return value


def compare_attributes(where, a, b, fa, fb, skip, problems):
    names_a, names_b = set(a.attrs.keys()) - skip, set(b.attrs.keys()) - skip
    for name in sorted(names_a ^ names_b):
        problems.append(f"{where}: attribute {name!r} only in {'A' if name in names_a else 'B'}")
    for name in sorted(names_a & names_b):
        if canonical_attribute(a.attrs[name], fa) != canonical_attribute(b.attrs[name], fb):
            problems.append(f"{where}: attribute {name!r} differs: "
                            f"{a.attrs[name]!r} vs {b.attrs[name]!r}")
    return len(names_a & names_b)


def compare_dataset(name, da, db, problems):
    """Compares one dataset; returns the number of bytes of data compared (per file)."""
    if da.dtype != db.dtype or da.shape != db.shape:
        problems.append(f"/{name}: {da.dtype} {da.shape} in A, {db.dtype} {db.shape} in B")
        return 0
    va, vb = to_bytes(da[()]), to_bytes(db[()])
    if va != vb:
        first = next((k for k in range(min(len(va), len(vb))) if va[k] != vb[k]),
                     min(len(va), len(vb)))
        problems.append(f"/{name}: data differ ({len(va)} and {len(vb)} bytes, first difference "
                        f"at byte {first})")
        return len(va)
    if not has_variable_length(da.dtype):
        ca, cb = stored_chunks(da), stored_chunks(db)
        if ca != cb:
            problems.append(f"/{name}: same values but different chunks on disk "
                            f"(filters or chunking differ)")
    return len(va)


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    files = []
    for path in argv[1:]:
        try:
            files.append(h5py.File(path, "r"))
        except OSError as e:
            print(f"{path}: cannot open as HDF5: {e}", file=sys.stderr)
            return 2
    fa, fb = files
    for path, f in zip(argv[1:], files):
        if f.attrs.get("format") != "flashpoint-results":
            print(f"{path}: not a Flashpoint results file (root attribute 'format' is "
                  f"{f.attrs.get('format')!r})", file=sys.stderr)
            return 2

    problems = []
    ta, tb = tree(fa), tree(fb)
    for name in sorted(set(ta) ^ set(tb)):
        problems.append(f"/{name}: only in {'A' if name in ta else 'B'}")
    version = int(fa.attrs.get("format_version", 0))
    required = (REQUIRED + (REQUIRED_V2 if version >= 2 else [])
                + (REQUIRED_V8 if version >= 8 else REQUIRED_BEFORE_V8))
    # Sweeps and comparisons may keep per-run outcomes only (root attributes series_kept and
    # events_kept): then the daily series and the event table are not required.
    if int(fa.attrs.get("series_kept", 1)) == 0:
        required = [n for n in required
                    if n.startswith("provenance/") or n in ("runs/group", "runs/returnees")]
    elif int(fa.attrs.get("events_kept", 1)) == 0:
        required = [n for n in required if n != "events" and not n.startswith("events/")]
    for name in required:
        if ta.get(name) != "dataset":
            problems.append(f"/{name}: missing (A is not a complete results file)")

    skipped = sorted(ROOT_ATTRIBUTES_THAT_MAY_DIFFER)
    attributes = compare_attributes("/", fa, fb, fa, fb, ROOT_ATTRIBUTES_THAT_MAY_DIFFER,
                                    problems)
    datasets = 0
    data_bytes = 0
    for name in sorted(set(ta) & set(tb)):
        a, b = fa[name], fb[name]
        if ta[name] != tb[name]:
            problems.append(f"/{name}: a {ta[name]} in A, a {tb[name]} in B")
            continue
        attributes += compare_attributes(f"/{name}", a, b, fa, fb, set(), problems)
        if ta[name] == "dataset":
            datasets += 1
            data_bytes += compare_dataset(name, a, b, problems)

    for p in problems:
        print(f"DIFFERENT: {p}")
    verdict = "identical" if not problems else f"{len(problems)} difference(s)"
    print(f"compared {datasets} datasets ({data_bytes} bytes of data per file) and {attributes} "
          f"attributes of {argv[1]} and {argv[2]} (root attributes {', '.join(skipped)} "
          f"not compared): {verdict}")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
