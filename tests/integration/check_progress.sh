#!/usr/bin/env bash
# Integration checks of progress reports and JSON output through the real CLI (docs/cli.md):
#
#   check_progress.sh CHECK FLASHPOINT_BIN PYTHON SOURCE_DIR WORK_DIR
#
# CHECK is one of:
#   lines       --progress=lines --progress-interval 0 on sweep, compare, calibrate and run:
#               self-contained lines on stderr, the last one saying done; nothing on stdout
#               with --quiet; --json alone prints no progress
#   bad_values  --progress=bogus, a negative --progress-interval, params --json --markdown:
#               exit 2 with a message naming the option
#   json        sweep --json (Sobol and Morris) parses and holds the sensitivity indices
#   params      params --json parses and holds every parameter of the text table
set -uo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
begin_check "$@"
try_seconds=120
data=$src/tests/data/experiments

# lines_end NAME STAGE: every line of the stderr of `try NAME` is a progress line of STAGE (or
# of any stage when STAGE is empty), and the last says every run is done.
lines_end() {
  local name=$1 stage=$2 last
  if grep -Ev "^${stage:-[a-z]}.* [0-9]+/[0-9]+ runs" "$work/$name.err" | grep -q .; then
    note_fail "$name: stderr has lines that are not progress lines:"
    head -n 20 "$work/$name.err"
  fi
  last=$(tail -n 1 "$work/$name.err")
  if ! grep -Eq "^${stage:-[a-z]}.* ([0-9]+)/\1 runs \(100\.0%\)  .* done in [0-9]" <<<"$last"; then
    note_fail "$name: the last line does not say done: $last"
  fi
  printf '  %-34s %s lines, last: %s\n' "$name" "$(wc -l <"$work/$name.err")" "$last"
}

case $check in
lines)
  try sweep "$bin" sweep "$data/sweep_morris.yaml" -o "$work/morris.h5" --threads 2 --quiet \
    --progress=lines --progress-interval 0
  expect sweep 0 ""
  lines_end sweep sweep
  [[ $(wc -l <"$work/sweep.err") -ge 2 ]] || note_fail "sweep: fewer than two progress lines"
  [[ -s $work/sweep.out ]] && note_fail "sweep: --quiet printed on stdout"
  grep -q "^sweep 0/24 runs (0.0%)  elapsed 0 s$" "$work/sweep.err" ||
    note_fail "sweep: no first line at 0 runs"

  try compare "$bin" compare "$data/compare_small.yaml" --no-output --threads 2 --quiet --json \
    --progress lines --progress-interval 0
  expect compare 0 ""
  lines_end compare comparison
  "$python" -c 'import json, sys; json.load(open(sys.argv[1]))' "$work/compare.out" ||
    note_fail "compare: stdout is not one JSON document beside the progress lines"

  try calibrate "$bin" calibrate "$data/calibration_small.yaml" -o "$work/posterior.h5" \
    --threads 2 --quiet --progress=lines --progress-interval 0
  expect calibrate 0 ""
  lines_end calibrate "calibration generation"
  grep -q "^calibration generation 0 " "$work/calibrate.err" ||
    note_fail "calibrate: no line of generation 0"
  grep -q "^calibration generation 1 " "$work/calibrate.err" ||
    note_fail "calibrate: no line of generation 1"

  try run "$bin" run "$src/tests/data/minimal.yaml" --no-output -r 3 --threads 2 --quiet \
    --progress=lines --progress-interval 0
  expect run 0 ""
  lines_end run run
  grep -q "^run 3/3 runs (100.0%)" "$work/run.err" || note_fail "run: no line of 3/3 runs"

  # --json alone (or --quiet) means no progress; and a steady pace of 1 hour gives the first
  # line and the last only.
  try json_only "$bin" sweep "$data/sweep_morris.yaml" -o "$work/morris2.h5" --json
  expect json_only 0 ""
  [[ -s $work/json_only.err ]] && note_fail "json_only: progress on stderr without --progress"
  try hourly "$bin" sweep "$data/sweep_morris.yaml" -o "$work/morris3.h5" --quiet \
    --progress=lines --progress-interval 3600
  expect hourly 0 ""
  [[ $(wc -l <"$work/hourly.err") -eq 2 ]] || note_fail "hourly: not two lines"
  lines_end hourly sweep
  ;;

bad_values)
  for cmd in sweep compare calibrate run; do
    case $cmd in
    sweep) args=("$data/sweep_morris.yaml" -o "$work/x.h5") ;;
    compare) args=("$data/compare_small.yaml" --no-output) ;;
    calibrate) args=("$data/calibration_small.yaml" -o "$work/x.h5") ;;
    run) args=("$src/tests/data/minimal.yaml" --no-output) ;;
    esac
    try "${cmd}_bogus" "$bin" "$cmd" "${args[@]}" --progress=bogus
    refused "${cmd}_bogus" 2 "^--progress: expected auto, bar, lines or none, got 'bogus'"
    try "${cmd}_interval" "$bin" "$cmd" "${args[@]}" --progress=lines --progress-interval -1
    refused "${cmd}_interval" 2 "^--progress-interval: expected a number of seconds"
  done
  try near "$bin" sweep "$data/sweep_morris.yaml" -o "$work/x.h5" --progress=line
  refused near 2 "did you mean 'lines'\?"
  try not_number "$bin" sweep "$data/sweep_morris.yaml" -o "$work/x.h5" --progress-interval soon
  refused not_number 2 "progress-interval"
  try params_both "$bin" params --json --markdown
  refused params_both 2 "give --markdown or --json, not both"
  expect_no_file "$work/x.h5" "$work/x.h5.parts"
  ;;

json)
  for design in sobol morris; do
    file=$data/sweep_${design}_small.yaml
    [[ $design == morris ]] && file=$data/sweep_morris.yaml
    try "$design" "$bin" sweep "$file" -o "$work/$design.h5" --threads 2 --json
    expect "$design" 0 ""
    "$python" - "$work/$design.out" "$design" <<'PY' || note_fail "$design: the JSON"
import json, math, sys
doc = json.load(open(sys.argv[1]))
method = sys.argv[2]
s = doc["sensitivity"]
assert s["method"] == method, s["method"]
assert doc["runs"] > 0 and "design_hash" in doc
params = s["parameters"]
assert len(params) >= 2, params
keys = ["S1", "S1_low", "S1_high", "ST", "ST_low", "ST_high"] if method == "sobol" else \
       ["mu_star", "mu", "sigma"]
if method == "sobol":
    assert s["confidence"] == 0.9 and s["bootstrap"] == 50, s
for outcome in ("peak_escalation", "conflict_days", "fatalities_all", "trade_lost_usd"):
    for p in params:
        m = s["outcomes"][outcome][p]
        assert sorted(m) == sorted(keys), m
        assert all(v is None or math.isfinite(v) for v in m.values()), m
values = [v for o in s["outcomes"].values() for m in o.values() for v in m.values() if v is not None]
assert values, "no index has a value"
print(f"  {method}: {len(s['outcomes'])} outcomes x {len(params)} parameters, "
      f"{len(values)} values")
PY
  done
  ;;

params)
  try params "$bin" params --json
  expect params 0 ""
  try text "$bin" params
  expect text 0 ""
  "$python" - "$work/params.out" "$work/text.out" <<'PY' || note_fail "params --json"
import json, sys
doc = json.load(open(sys.argv[1]))
rows = [(s["name"], p) for s in doc["sections"] for p in s["parameters"]]
# The text table: a section line "NAME (LOCATION)", a header, then one row per parameter.
text_rows = [l for l in open(sys.argv[2]) if l.startswith("  ") and not l.startswith("  key ")]
assert len(rows) == len(text_rows), (len(rows), len(text_rows))
for _, p in rows:
    assert set(p) == {"key", "type", "default", "required", "unit", "min", "max", "basis",
                      "meaning"}, p
    assert p["type"] in ("number", "integer", "boolean", "number list"), p
    assert (p["default"] is None) == p["required"], p
lag = [p for _, p in rows if p["key"] == "lag_probabilities"]
assert lag and lag[0]["default"] == [0.3, 0.5, 0.2], lag
assert all(s["location"] for s in doc["sections"])
print(f"  params --json: {len(doc['sections'])} sections, {len(rows)} parameters")
PY
  ;;

*)
  fail "unknown check $check"
  ;;
esac
finish
