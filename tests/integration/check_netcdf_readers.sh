#!/usr/bin/env bash
# Results files (format 8) read by the netCDF tools an analyst has: ncdump (netCDF-C), Python's
# netCDF4 and R's ncdf4 must each read every group and every variable of a run, a sweep, a
# comparison and a calibration file, and see the events' text as text (docs/output.md, "Reading
# with netCDF tools").
#
#   check_netcdf_readers.sh FLASHPOINT PYTHON REPO WORKDIR
#
# Exits 1 with the failures listed; 0 when every reader read everything.
set -uo pipefail
bin="$(realpath "$1")" python="$2" repo="$(realpath "$3")" work="$4"
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

for tool in ncdump Rscript; do
  command -v "$tool" >/dev/null || { echo "check_netcdf_readers.sh: $tool is missing (scripts/install_deps.sh installs it)" >&2; exit 1; }
done

data="$repo/tests/data"
"$bin" run "$data/minimal.yaml" -r 3 --seed 7 --quiet -o run.h5 || fail "run"
"$bin" sweep "$data/experiments/sweep_small.yaml" -o sweep.h5 --quiet -t 2 || fail "sweep"
"$bin" compare "$data/experiments/compare_small.yaml" -o compare.h5 --quiet -t 2 || fail "compare"
"$bin" calibrate "$data/experiments/calibration_small.yaml" -o calibration.h5 --quiet -t 2 ||
  fail "calibrate"

for f in run sweep compare calibration; do
  [[ -s $f.h5 ]] || { fail "$f.h5 was not written"; continue; }
  # netCDF-C: the header, then every value (ncdump reads each variable whole).
  if ! ncdump -h "$f.h5" > "$f.cdl"; then fail "ncdump -h $f.h5"; fi
  grep -q ':Conventions = "CF-1.8"' "$f.cdl" || fail "ncdump -h $f.h5: no Conventions"
  ncdump "$f.h5" > "$f.full.cdl" 2> "$f.ncdump.err" || fail "ncdump $f.h5: $(head -c 300 "$f.ncdump.err")"
done
if [[ -s run.cdl ]]; then
  grep -q "char actor(event, nchar8)" run.cdl || fail "ncdump -h run.h5: /events/actor is not a character array on event"
  grep -q "time:units = \"days since" run.cdl || fail "ncdump -h run.h5: no CF time"
  grep -q "string parameter_value(parameter)" run.cdl || fail "ncdump -h run.h5: provenance parameters unseen"
  grep -q "first_ceasefire_day:_FillValue = -1" run.cdl || fail "ncdump -h run.h5: no _FillValue on first_ceasefire_day"
fi

# Python's netCDF4: every variable of every group, whole; the events' text as str.
"$python" - run.h5 sweep.h5 compare.h5 calibration.h5 <<'PY' || fail "netCDF4-python"
import sys
import netCDF4
import numpy as np

def walk(group, path, counts):
    for name, var in group.variables.items():
        values = var[...]
        counts[0] += 1
        counts[1] += int(np.size(values))
    for name, sub in group.groups.items():
        walk(sub, f"{path}{name}/", counts)

for path in sys.argv[1:]:
    with netCDF4.Dataset(path) as d:
        assert d.getncattr("Conventions") == "CF-1.8", path
        counts = [0, 0]
        walk(d, "/", counts)
        if "events" in d.groups:
            actor = d["events"]["actor"][:]
            assert actor.dtype.kind in "OU" and all(isinstance(a, str) for a in actor[:20]), actor[:5]
            t = d["events"]["time"]
            dates = netCDF4.num2date(t[:5], t.units, t.calendar)
            assert all(str(x)[:10] == s for x, s in zip(dates, d["events"]["date"][:5])), dates
        print(f"netCDF4: {path}: {counts[0]} variables, {counts[1]} values")
PY

# R's ncdf4: every variable of every group (ncdf4 names them group/variable).
Rscript - run.h5 sweep.h5 compare.h5 calibration.h5 <<'R' || fail "R ncdf4"
suppressMessages(library(ncdf4))
for (path in commandArgs(trailingOnly = TRUE)) {
  nc <- nc_open(path)
  n <- 0
  for (v in names(nc$var)) {
    values <- ncvar_get(nc, v)
    n <- n + 1
  }
  if (!is.null(nc$var[["events/actor"]])) {
    actor <- ncvar_get(nc, "events/actor")
    stopifnot(is.character(actor), all(nchar(actor) >= 0))
  }
  if (!is.null(nc$var[["provenance/parameter_value"]])) {
    stopifnot(is.character(ncvar_get(nc, "provenance/parameter_value")))
  }
  stopifnot(ncatt_get(nc, 0, "Conventions")$value == "CF-1.8")
  cat(sprintf("R ncdf4: %s: %d variables\n", path, n))
  nc_close(nc)
}
R

if ((failures > 0)); then
  echo "check_netcdf_readers.sh: $failures failure(s)" >&2
  exit 1
fi
echo "check_netcdf_readers.sh: ncdump, netCDF4 and R ncdf4 read every group of 4 files"
