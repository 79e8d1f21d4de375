#!/usr/bin/env python3
"""Make damaged and foreign copies of a Flashpoint results file for the fault tests.

    check_faults_files.py RESULTS.h5 OUT_DIR
    check_faults_files.py --inspect RESULTS.h5 OUT_DIR
    check_faults_files.py --journal-tail PARTS_DIR

Writes into OUT_DIR, one file per case, and prints the case names (one a line):

    trunc_0.h5        RESULTS.h5 cut to 0 bytes
    trunc_100.h5      ... to its first 100 bytes (the HDF5 signature and part of the superblock)
    trunc_half.h5     ... to half its length
    trunc_1k.h5       ... to all but its last 1,024 bytes
    zeroed_middle.h5  a copy with 4 KiB of zeros written over its middle
    foreign.h5        a valid HDF5 file written by h5py that is not a results file
    foreign_format.h5 a copy whose root attribute `format` names another format
    version_text.h5   a copy whose `format_version` is the string "two"
    version_zero.h5   a copy whose `format_version` is 0
    no_version.h5     a copy without `format_version`
    no_runs.h5        a copy without the group /runs
    no_provenance.h5  a copy without the group /provenance
    text.h5           a text file named .h5
    folder.h5         a folder named .h5

The test (check_experiment_faults.sh damaged_inputs) gives each to `flashpoint inspect`,
`flashpoint merge` and `--resume` and checks that every one is refused with a clear message.

With --inspect, makes copies of RESULTS.h5 (a `flashpoint run` file) that exercise the limits of
`flashpoint inspect` (docs/cli.md, "inspect"), and prints their names:

    check_faults_files.py --inspect RESULTS.h5 OUT_DIR

    soft_links.h5          20,000 soft links added to /runs, all to /runs/escalation
    labels_huge.h5         a string dimension scale /runs/huge_labels declaring 2e8 labels
                           (unallocated: the file stays small)
    sensitivity_ok.h5      a plausible /sensitivity (Morris, 6 outcomes x 3 parameters): the
                           control of the four below
    sensitivity_huge.h5    ... whose `mu` declares 2e8 float64 values (unallocated)
    sensitivity_shape.h5   ... whose `mu_star` is [6, 4] where the coordinates say [6, 3]
    sensitivity_cap.h5     ... with 5,000 outcomes x 4,000 parameters and `mu` declared
                           [5000, 4000] (2e7 values, unallocated): the shape the coordinates
                           give, beyond the 10,000,000 numbers inspect reads
    sensitivity_labels.h5  ... whose coordinate `outcome` declares 2e6 labels (unallocated)
    comparison_ok.h5       a plausible /comparison (3 options x 6 outcomes x 2 scenarios): the
                           control of the two below
    comparison_huge.h5     ... whose `mean` declares 2e8 float64 values (unallocated)
    comparison_shape.h5    ... whose `rank` is [4] where the coordinates say [3]

The tests (tests/integration/check_inspect_faults.sh, registered in faults.cmake) give each to
`flashpoint inspect` under `ulimit -v` and `timeout`.

With --journal-tail, prints how many whole records the journals of PARTS_DIR (OUT.h5.parts)
hold and whether one of them ends in a torn record (a record cut by a kill), by walking the
record heads of the journal format (src/experiment/journal.cpp); checksums are not verified.
"""
import glob
import os
import shutil
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
import fp_interpreter  # noqa: E402



def load_h5py():
    """h5py and numpy, imported only for the damaged copies (--journal-tail needs neither)."""
    fp_interpreter.ensure(["h5py", "numpy"])
    global h5py, np
    import h5py
    import numpy as np


def cut(source, target, length):
    with open(source, "rb") as f:
        data = f.read(length)
    with open(target, "wb") as f:
        f.write(data)


def edited_copy(source, target, edit):
    shutil.copyfile(source, target)
    with h5py.File(target, "r+") as f:
        edit(f)


JOURNAL_MAGIC = b"FPJOURN5"
JOURNAL_HEADER = 32  # magic, byte-order mark, keep, design hash, runs
RECORD_MAGIC = 0x31524E52
RECORD_HEAD = 24  # magic, reserved, run, payload length; a checksum of 8 bytes follows the payload


def journal_tail(parts):
    """(whole records, torn journals) over the journals of `parts`."""
    records = torn = 0
    for path in sorted(glob.glob(os.path.join(parts, "*.journal"))):
        with open(path, "rb") as f:
            data = f.read()
        if len(data) < JOURNAL_HEADER:
            torn += len(data) > 0
            continue
        if data[:8] != JOURNAL_MAGIC:
            raise SystemExit(f"{path} is not a journal")
        offset = JOURNAL_HEADER
        while offset < len(data):
            if len(data) - offset < RECORD_HEAD:
                torn += 1
                break
            magic, _, _, length = struct.unpack_from("<IIqQ", data, offset)
            if magic != RECORD_MAGIC or offset + RECORD_HEAD + length + 8 > len(data):
                torn += 1
                break
            offset += RECORD_HEAD + length + 8
            records += 1
    return records, torn


HUGE = 200_000_000  # elements declared by the "huge" cases: 1.6 GB as float64 or as pointers


def inspect_cases(source, out):
    """The copies of `source` described under --inspect; returns their names."""
    import make_fake_results as fake  # after load_h5py(): it needs h5py and numpy too
    rng = np.random.default_rng(12)
    outcomes = ["fatalities_all", "conflict_days", "reached_rung8", "ceasefire_within_30d",
                "trade_lost_usd", "peak_displaced"]
    made = []

    def copy(name, edit):
        made.append(name)
        edited_copy(source, os.path.join(out, name), edit)

    def soft_links(f):
        runs = f["runs"]
        for i in range(20_000):
            runs[f"l{i}"] = h5py.SoftLink("/runs/escalation")

    def labels_huge(f):
        d = f["runs"].create_dataset("huge_labels", shape=(HUGE,), dtype=h5py.string_dtype())
        d.make_scale("huge_labels")

    def sensitivity(f, parameters=("actors.NTH.rationality", "operations.lethality",
                                   "talks.incident_rate"), names=outcomes):
        coordinates, variables, attributes = fake.sensitivity_group(rng, list(names),
                                                                    list(parameters))
        return fake.add_table_group(f, "sensitivity", coordinates, variables, attributes)

    def replace(group, name, shape, dtype="f8"):
        del group[name]
        return group.create_dataset(name, shape=shape, dtype=dtype)

    def comparison(f):
        coordinates, variables, attributes = fake.comparison_group(
            rng, ["status_quo", "mediation", "longer_closure"], outcomes, scenarios=2)
        return fake.add_table_group(f, "comparison", coordinates, variables, attributes)

    copy("soft_links.h5", soft_links)
    copy("labels_huge.h5", labels_huge)
    copy("sensitivity_ok.h5", sensitivity)
    copy("sensitivity_huge.h5", lambda f: replace(sensitivity(f), "mu", (HUGE,)))
    copy("sensitivity_shape.h5", lambda f: replace(sensitivity(f), "mu_star", (6, 4)))

    def over_cap(f):
        g = sensitivity(f, parameters=[f"p{j}" for j in range(4000)],
                        names=[f"o{k}" for k in range(5000)])
        for name in ("mu", "mu_star", "sigma"):
            del g[name]
        g.create_dataset("mu", shape=(5000, 4000), dtype="f8")

    copy("sensitivity_cap.h5", over_cap)

    def labels(f):
        g = sensitivity(f)
        replace(g, "outcome", (2_000_000,), h5py.string_dtype()).make_scale("outcome")

    copy("sensitivity_labels.h5", labels)
    copy("comparison_ok.h5", comparison)
    copy("comparison_huge.h5", lambda f: replace(comparison(f), "mean", (HUGE,)))
    copy("comparison_shape.h5", lambda f: replace(comparison(f), "rank", (4,)))
    return made


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--inspect":
        load_h5py()
        os.makedirs(sys.argv[3], exist_ok=True)
        for name in inspect_cases(sys.argv[2], sys.argv[3]):
            print(name)
        return
    if len(sys.argv) == 3 and sys.argv[1] == "--journal-tail":
        records, torn = journal_tail(sys.argv[2])
        print(f"{records} runs journaled" + (", torn record at the end" if torn else ""))
        return
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    load_h5py()
    source, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    size = os.path.getsize(source)
    if size < 8192:
        sys.exit(f"{source} is too small ({size} bytes) to be cut at several lengths")
    made = []

    def path(name):
        made.append(name)
        return os.path.join(out, name)

    cut(source, path("trunc_0.h5"), 0)
    cut(source, path("trunc_100.h5"), 100)
    cut(source, path("trunc_half.h5"), size // 2)
    cut(source, path("trunc_1k.h5"), size - 1024)

    target = path("zeroed_middle.h5")
    shutil.copyfile(source, target)
    with open(target, "r+b") as f:
        f.seek(size // 2 - 2048)
        f.write(b"\0" * 4096)

    with h5py.File(path("foreign.h5"), "w") as f:
        f.attrs["title"] = "temperature record"
        g = f.create_group("runs")
        g.create_dataset("escalation", data=np.arange(12.0).reshape(3, 4))
        f.create_dataset("events", data=np.zeros(5, dtype=[("day", "i4"), ("x", "f8")]))

    edited_copy(source, path("foreign_format.h5"),
                lambda f: f.attrs.__setitem__("format", "netcdf-climate"))
    edited_copy(source, path("version_text.h5"),
                lambda f: f.attrs.__setitem__("format_version", "two"))
    edited_copy(source, path("version_zero.h5"),
                lambda f: f.attrs.__setitem__("format_version", np.int32(0)))
    edited_copy(source, path("no_version.h5"), lambda f: f.attrs.__delitem__("format_version"))
    edited_copy(source, path("no_runs.h5"), lambda f: f.__delitem__("runs"))
    edited_copy(source, path("no_provenance.h5"), lambda f: f.__delitem__("provenance"))

    with open(path("text.h5"), "w") as f:
        f.write("runs,escalation\n0,3\n1,5\n")
    os.makedirs(path("folder.h5"), exist_ok=True)

    for name in made:
        print(name)


if __name__ == "__main__":
    main()
