#!/usr/bin/env bash
# Prints the path of a Python 3 interpreter that can import the given modules (default: the
# analysis set: h5py numpy pandas matplotlib xarray h5netcdf), or explains and exits 1.
#
# Debian's python3-* packages are visible only to Debian's /usr/bin/python3; a pyenv or venv
# python3 earlier on PATH usually cannot see them, so /usr/bin/python3 is tried first.
# FLASHPOINT_PYTHON, when set, is tried before everything else.
set -u
modules=("$@")
[ ${#modules[@]} -gt 0 ] || modules=(h5py numpy pandas matplotlib xarray h5netcdf)
import_line="import $(IFS=,; echo "${modules[*]}")"

candidates=()
[ -n "${FLASHPOINT_PYTHON:-}" ] && candidates+=("$FLASHPOINT_PYTHON")
candidates+=(/usr/bin/python3 /usr/local/bin/python3)
command -v python3 >/dev/null 2>&1 && candidates+=("$(command -v python3)")

for py in "${candidates[@]}"; do
  [ -x "$py" ] || continue
  if "$py" -c "$import_line" >/dev/null 2>&1; then
    echo "$py"
    exit 0
  fi
done

{
  echo "error: no Python 3 interpreter here can import: ${modules[*]}"
  echo "  tried: ${candidates[*]}"
  echo "  Flashpoint's analysis scripts use Debian's packages. Install them with"
  echo "    sudo apt-get install python3-h5py python3-numpy python3-pandas python3-matplotlib python3-xarray python3-h5netcdf"
  echo "  (scripts/demo.sh and scripts/test.sh do this for you), or point FLASHPOINT_PYTHON at an"
  echo "  interpreter that has these modules."
} >&2
exit 1
