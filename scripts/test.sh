#!/usr/bin/env bash
# Builds Flashpoint and runs its test suite (without the "benchmark" label, and without the
# "validation" and "slurm" labels unless CI, or FLASHPOINT_VALIDATION=1 and FLASHPOINT_SLURM=1,
# is set).
#
#   scripts/test.sh                      # preset "release" (or "ci" when $CI is set)
#   scripts/test.sh --preset asan        # another CMake preset: release, debug, asan, tsan, ci
#   scripts/test.sh -R plot -V           # any other arguments go to ctest
#
# Exits with ctest's status. The sanitizer builds and the fuzzers are scripts/hardening.sh (CI
# runs both scripts: .ci/run).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ -n "${CI:-}" ]; then preset=ci; else preset=release; fi
ctest_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --preset)
      [ $# -ge 2 ] || { echo "test.sh: --preset needs a name (release, debug, asan, tsan, ci)" >&2; exit 2; }
      preset="$2"; shift 2 ;;
    --preset=*)
      preset="${1#--preset=}"; shift ;;
    *)
      ctest_args+=("$1"); shift ;;
  esac
done

# The Slurm test (label "slurm": a one-node cluster started for it, about a minute) runs in CI,
# where FLASHPOINT_SLURM defaults to on; locally it is opt-in, and then Slurm is installed too.
slurm="${FLASHPOINT_SLURM:-${CI:+1}}"
if [ "$slurm" = "1" ]; then bash scripts/install_deps.sh --slurm; else bash scripts/install_deps.sh; fi

echo "== configure (preset $preset)"
cmake --preset "$preset"
echo "== build (preset $preset)"
cmake --build --preset "$preset" -j2
echo "== test (preset $preset)"
# The calibration check (label "validation": 500 replicates of each seed scenario, a few minutes)
# runs in CI, where FLASHPOINT_VALIDATION defaults to on; locally it is opt-in.
exclude="benchmark"
if [ "${FLASHPOINT_VALIDATION:-${CI:+1}}" != "1" ]; then exclude="$exclude|validation"; fi
if [ "$slurm" != "1" ]; then exclude="$exclude|slurm"; fi
status=0
ctest --preset "$preset" -j2 -LE "$exclude" ${ctest_args[@]+"${ctest_args[@]}"} || status=$?
exit "$status"
