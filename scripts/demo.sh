#!/usr/bin/env bash
# Builds Flashpoint, runs the Pakistan-Afghanistan 2025 scenario (64 replicates) and plots it.
#   results/demo.h5   the results file
#   results/demo.png  the figure
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/install_deps.sh

echo "== configure and build (preset release)"
cmake --preset release
cmake --build --preset release -j2

mkdir -p results
echo "== run scenarios/pak-afg-2025.yaml (64 replicates)"
build/release/flashpoint run scenarios/pak-afg-2025.yaml --replicates 64 --threads 2 --force -o results/demo.h5

echo "== plot"
scripts/plot_run.py results/demo.h5 -o results/demo.png

cat <<MSG

Done.
  results:  $PWD/results/demo.h5
  figure:   $PWD/results/demo.png
Next: build/release/flashpoint inspect results/demo.h5
MSG
