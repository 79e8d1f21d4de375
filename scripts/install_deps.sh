#!/usr/bin/env bash
# Installs the Debian packages Flashpoint needs to build, test and plot.
# Prints nothing and returns at once when all of them are already installed; idempotent.
#
#   scripts/install_deps.sh           # what demo.sh and test.sh need
#   scripts/install_deps.sh --slurm   # and Slurm and munge, for the test slurm.jobs (CI)
#
# Slurm's daemons are not started or enabled by this: scripts/slurm/local-cluster.sh starts a
# private one-node cluster when the test runs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

packages=(
  build-essential cmake pkg-config git
  libeigen3-dev libboost-dev libhdf5-dev libyaml-cpp-dev libcli11-dev libfmt-dev
  libgtest-dev libgmock-dev libbenchmark-dev openmpi-bin libopenmpi-dev
  python3 python3-h5py python3-numpy python3-pandas python3-matplotlib python3-xarray python3-h5netcdf
  chromium fonts-dejavu-core clang libclang-rt-14-dev
  pybind11-dev python3-pybind11 python3-pytest libmuparser-dev
  netcdf-bin python3-netcdf4 r-cran-ncdf4
  python3-sklearn python3-scipy librandom123-dev libcsv-dev nlohmann-json3-dev
)
for arg in "$@"; do
  case $arg in
    --slurm) packages+=(slurm-wlm munge) ;;
    *) echo "install_deps.sh: unknown option $arg (known: --slurm)" >&2; exit 2 ;;
  esac
done

missing=()
for pkg in "${packages[@]}"; do
  status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
  [ "$status" = "install ok installed" ] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install_deps: installing missing Debian packages: ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo_cmd=(sudo)
  else
    {
      echo "install_deps: error: not root and sudo is not available."
      echo "  Ask an administrator to run:"
      echo "    apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
    } >&2
    exit 1
  fi
fi

${sudo_cmd[@]+"${sudo_cmd[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get update
${sudo_cmd[@]+"${sudo_cmd[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
echo "install_deps: done."
