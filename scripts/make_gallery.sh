#!/usr/bin/env bash
# Regenerates the README's gallery from real output (docs/analysis.md, "The gallery").
#
#   scripts/make_gallery.sh
#
# Builds nothing: uses $FLASHPOINT_BIN, else build/release/flashpoint. Runs, into results/gallery/:
#   the seed scenario        run scenarios/pak-afg-2025.yaml -r 64
#   the shipped comparison   compare scenarios/comparisons/pak-afg-2025-options.yaml (1,600 runs)
#   a Morris sweep           sweep tests/data/experiments/sweep_morris.yaml (24 runs)
# then draws with scripts/fp-plot, into docs/images/gallery/:
#   fan.png  map.png  timeline.png    (the run)
#   forest.png  robustness.png        (the comparison)
#   sensitivity.png                   (the sweep)
# each scaled down to at most 1200 pixels wide; writes the HTML reports of the run and of the
# comparison to results/pak-afg-2025-report.html and results/pak-afg-2025-options-report.html
# (scripts/report) and screenshots of their tops to docs/images/report.png (1280 x 1800) and
# docs/images/report-comparison.png (1280 x 1400) with headless Chromium. About a minute on 2
# cores.
#
# Needs a Python 3 that imports h5py, numpy and matplotlib (found as scripts/find_python.sh does:
# $FLASHPOINT_PYTHON, /usr/bin/python3, ...) and Chromium ($CHROMIUM, chromium,
# chromium-browser or google-chrome); scripts/install_deps.sh installs both.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD

max_width=1200
gallery=docs/images/gallery
work=results/gallery
report=results/pak-afg-2025-report.html
screenshot=docs/images/report.png
comparison_report=results/pak-afg-2025-options-report.html
comparison_screenshot=docs/images/report-comparison.png

die() { echo "make_gallery: error: $*" >&2; exit 1; }

# --- what it needs, checked before anything runs
bin=${FLASHPOINT_BIN:-build/release/flashpoint}
[ -x "$bin" ] || die "no flashpoint executable at $bin. Build it first (cmake --preset release &&
  cmake --build --preset release), or set FLASHPOINT_BIN to one."

if ! py=$(scripts/find_python.sh h5py numpy matplotlib); then
  die "no Python 3 interpreter here can import h5py, numpy and matplotlib (see above), so the
  pictures cannot be drawn. Install Debian's python3-h5py python3-numpy python3-matplotlib
  (scripts/install_deps.sh), or set FLASHPOINT_PYTHON to an interpreter that has them."
fi
export FLASHPOINT_PYTHON=$py MPLBACKEND=Agg

chromium=""
for name in "${CHROMIUM:-}" chromium chromium-browser google-chrome; do
  [ -n "$name" ] || continue
  if command -v "$name" >/dev/null 2>&1; then chromium=$(command -v "$name"); break; fi
done
[ -n "$chromium" ] || die "Chromium is not installed; it takes the screenshot of the report.
  Install Debian's chromium (scripts/install_deps.sh), or set CHROMIUM to a Chromium or Chrome."

echo "== flashpoint: $bin ($("$bin" --version 2>/dev/null | head -1 || echo '?'))"
echo "== python:     $py"
echo "== chromium:   $chromium"
mkdir -p "$work" "$gallery" "$(dirname "$screenshot")"

# --- the results files
start=$SECONDS
echo "== run scenarios/pak-afg-2025.yaml -r 64"
"$bin" run scenarios/pak-afg-2025.yaml -r 64 --force --quiet -o "$work/pak-afg-2025.h5"
echo "== compare scenarios/comparisons/pak-afg-2025-options.yaml"
"$bin" compare scenarios/comparisons/pak-afg-2025-options.yaml --force --quiet \
  -o "$work/options.h5"
echo "== sweep tests/data/experiments/sweep_morris.yaml"
"$bin" sweep tests/data/experiments/sweep_morris.yaml --force --quiet -o "$work/morris.h5"

# --- the pictures
plot() {  # KIND FILE NAME [options]
  local kind=$1 file=$2 name=$3
  shift 3
  "$py" scripts/fp-plot "$kind" "$file" -o "$gallery/$name.png" "$@"
}
echo "== pictures into $gallery/"
plot fan "$work/pak-afg-2025.h5" fan
plot map "$work/pak-afg-2025.h5" map
plot timeline "$work/pak-afg-2025.h5" timeline
plot forest "$work/options.h5" forest
plot robustness "$work/options.h5" robustness
plot sensitivity "$work/morris.h5" sensitivity

# Scaled down to at most $max_width pixels wide (Pillow, a dependency of Debian's
# python3-matplotlib; without it the pictures keep their size).
"$py" - "$max_width" "$gallery"/{fan,map,timeline,forest,robustness,sensitivity}.png <<'PY'
import sys
width = int(sys.argv[1])
try:
    from PIL import Image
except ImportError:
    print("make_gallery: Pillow is missing: the pictures keep their size", file=sys.stderr)
    sys.exit(0)
for path in sys.argv[2:]:
    with Image.open(path) as image:
        image.load()
    if image.width > width:
        height = round(image.height * width / image.width)
        image.convert("RGB").resize((width, height), Image.LANCZOS).save(path, optimize=True)
PY

# --- the reports and their screenshots
echo "== report into $report"
"$py" scripts/report "$work/pak-afg-2025.h5" -o "$report" \
  --title "pak-afg-2025: 64 runs of the seed scenario"
echo "== report into $comparison_report"
"$py" scripts/report "$work/options.h5" -o "$comparison_report" \
  --title "pak-afg-2025-options: 8 options for the October 2025 crisis"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
shoot() {  # PAGE PNG HEIGHT: a screenshot of the top of PAGE, 1280 pixels wide
  local page=$1 png=$2 height=$3
  echo "== screenshot of $page into $png"
  rm -f "$png"
  "$chromium" --headless --disable-gpu --no-sandbox --no-first-run --hide-scrollbars \
    --user-data-dir="$profile" --virtual-time-budget=10000 --window-size="1280,$height" \
    --screenshot="$repo/$png" "file://$repo/$page" >/dev/null 2>&1 \
    || die "Chromium could not take the screenshot of $page"
  [ -s "$png" ] || die "Chromium wrote no $png"
}
shoot "$report" "$screenshot" 1800
shoot "$comparison_report" "$comparison_screenshot" 1400

# --- what was made
"$py" - "$gallery"/{fan,map,timeline,forest,robustness,sensitivity}.png "$screenshot" \
  "$report" "$comparison_screenshot" "$comparison_report" <<'PY'
import os, struct, sys
for path in sys.argv[1:]:
    size = os.path.getsize(path)
    with open(path, "rb") as f:
        head = f.read(24)
    pixels = "%d x %d px" % struct.unpack(">II", head[16:24]) if head[:4] == b"\x89PNG" else ""
    print(f"  {path:<38} {size / 1024:8.0f} kB  {pixels}")
PY
echo "done in $((SECONDS - start)) s"
