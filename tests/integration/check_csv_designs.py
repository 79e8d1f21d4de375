"""Design files written by R's write.csv and by Python's csv module load as the same design.

Usage: check_csv_designs.py FLASHPOINT SOURCE_DIR WORK

R (when Rscript is installed: r-cran-ncdf4 brings it) writes the design with write.csv, which
quotes the header and adds a first column of row names headed ""; Python writes it with
csv.writer, once with minimal quoting and CRLF line ends (its default) and once quoting every
non-number. Each file is run as a two-point sweep of tests/data/minimal.yaml, and /design/values
and /design/parameter of the results must be the points written. Controls: the same file with a
stray double quote is refused with exit 2 and the place of the quote.
"""

import csv
import os
import shutil
import subprocess
import sys

import h5py
import numpy as np

POINTS = [[0.4, 0.3], [0.9, 0.75]]
NAMES = ["actors.NTH.capability", "actors.STH.resolve"]
failures = 0


def fail(message):
    global failures
    failures += 1
    print(f"FAIL: {message}")


def sweep(flashpoint, src, work, csv_name):
    path = os.path.join(work, csv_name + ".yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"kind: sweep\nname: csv-design\nscenario: {src}/tests/data/minimal.yaml\n"
                f"design: {{kind: csv, file: {csv_name}}}\nreplicates: 1\nseed: 1\n"
                f"keep: outcomes\n")
    out = os.path.join(work, csv_name + ".h5")
    done = subprocess.run([flashpoint, "sweep", path, "-o", out, "--force", "-q"],
                          capture_output=True, text=True, timeout=120)
    return done, out


def check_loads(flashpoint, src, work, csv_name):
    done, out = sweep(flashpoint, src, work, csv_name)
    if done.returncode != 0:
        fail(f"{csv_name}: exit {done.returncode}: {done.stderr.strip()}")
        return
    with h5py.File(out, "r") as f:
        names = [n.decode() if isinstance(n, bytes) else n for n in f["design/parameter"][()]]
        values = f["design/values"][()]
    if names != NAMES or not np.array_equal(values, np.array(POINTS)):
        fail(f"{csv_name}: design {names} {values.tolist()}, expected {NAMES} {POINTS}")
    else:
        print(f"ok: {csv_name} -> {names} {values.tolist()}")


def main():
    flashpoint, src, work = sys.argv[1:4]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    with open(os.path.join(work, "python.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)  # minimal quoting, "\r\n"
        w.writerow(NAMES)
        w.writerows(POINTS)
    with open(os.path.join(work, "python_quoted.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, quoting=csv.QUOTE_NONNUMERIC)
        w.writerow(NAMES)
        w.writerows(POINTS)
    with open(os.path.join(work, "python.csv"), "rb") as f:
        if b"\r\n" not in f.read():
            fail("python.csv: the csv module did not write CRLF line ends")
    files = ["python.csv", "python_quoted.csv"]
    rscript = shutil.which("Rscript")
    if rscript:
        code = ('d <- data.frame(a = c(0.4, 0.9), b = c(0.3, 0.75)); '
                f'names(d) <- c("{NAMES[0]}", "{NAMES[1]}"); write.csv(d, "r.csv")')
        made = subprocess.run([rscript, "-e", code], cwd=work, capture_output=True, text=True,
                              timeout=120)
        if made.returncode != 0:
            fail(f"Rscript: {made.stderr.strip()}")
        else:
            with open(os.path.join(work, "r.csv"), encoding="utf-8") as f:
                head = f.readline()
            if not head.startswith('"",'):
                fail(f"r.csv: expected R's row-name column, got {head!r}")
            files.append("r.csv")
    else:
        print("note: no Rscript on this machine: R's write.csv not checked")
    for name in files:
        check_loads(flashpoint, src, work, name)
    # Control: a stray double quote is refused, located at the quote.
    with open(os.path.join(work, "stray.csv"), "w", encoding="utf-8") as f:
        f.write(",".join(NAMES) + '\n0.4,0"3\n')
    done, _ = sweep(flashpoint, src, work, "stray.csv")
    if done.returncode != 2 or "stray.csv:2:6:" not in done.stderr or "RFC 4180" not in done.stderr:
        fail(f"stray.csv: exit {done.returncode}, expected 2 and stray.csv:2:6: {done.stderr!r}")
    else:
        print("ok: stray.csv refused at 2:6")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
