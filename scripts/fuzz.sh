#!/usr/bin/env bash
# Fuzzes Flashpoint's input parsers with libFuzzer (tests/fuzz; docs/reliability.md, "Fuzzing").
#
#   scripts/fuzz.sh [--seconds N] [--target NAME]... [--fresh]
#
# Installs what is missing, configures and builds the `fuzz` preset (Clang, ASan + UBSan) in
# build/fuzz, makes the seed corpora from scenarios/ and tests/data/, then runs each target (or
# only those named) for N seconds (default 60), one after the other on one core. The corpus each
# target grows is kept in build/fuzz/corpus/NAME for the next run (--fresh starts from the seeds
# again). A crash, sanitizer report, leak, timeout (10 s for one input) or out-of-memory (2 GB)
# is a finding: its input is saved under build/fuzz/findings/NAME/ and the script exits with 1.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD

all_targets=(fuzz_scenario fuzz_sweep fuzz_comparison fuzz_calibration fuzz_set)
seconds=60
targets=()
fresh=0
usage() { echo "usage: $0 [--seconds N] [--target NAME]... [--fresh]  (NAME: ${all_targets[*]})"; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --seconds) seconds=${2:?}; shift 2 ;;
    --target) targets+=("${2:?}"); shift 2 ;;
    --fresh) fresh=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 64 ;;
  esac
done
[[ $seconds =~ ^[1-9][0-9]*$ ]] || { echo "fuzz.sh: --seconds takes a whole number > 0" >&2; exit 64; }
[[ ${#targets[@]} -gt 0 ]] || targets=("${all_targets[@]}")
for t in "${targets[@]}"; do
  [[ " ${all_targets[*]} " == *" $t "* ]] || { echo "fuzz.sh: unknown target '$t'" >&2; usage >&2; exit 64; }
done

scripts/install_deps.sh
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j2

build=$root/build/fuzz
seeds=$build/seeds
rm -rf "$seeds"
mkdir -p "$seeds"/{fuzz_scenario,fuzz_sweep,fuzz_comparison,fuzz_calibration,fuzz_set}

# Seeds. Scenario files (no top-level `kind`) feed fuzz_scenario, good and bad alike. Sweep and
# comparison files feed their targets with `scenario:` cut to the file name: the targets write
# their input into a folder holding every seed scenario under its file name.
mapfile -t yaml_files < <(find scenarios tests/data -name '*.yaml' | sort)
for f in "${yaml_files[@]}"; do
  name=$(echo "${f%.yaml}" | tr '/' '_')
  kind=$(sed -n 's/^kind:[[:space:]]*\([a-z]*\).*/\1/p' "$f" | head -n 1)
  case $kind in
    sweep|comparison)
      sed -E 's#^scenario:[[:space:]]*(.*/)?([^/]+)[[:space:]]*$#scenario: \2#' "$f" \
        >"$seeds/fuzz_$kind/$name.yaml" ;;
    calibration)
      # Each scenario under `scenarios:` (KEY: PATH/NAME.yaml) cut to its file name.
      sed -E 's#^([[:space:]]+[A-Za-z_][A-Za-z0-9_]*:[[:space:]]*)(.*/)?([^/[:space:]]+\.yaml)[[:space:]]*(\#.*)?$#\1\3#' "$f" \
        >"$seeds/fuzz_calibration/$name.yaml" ;;
    "") cp "$f" "$seeds/fuzz_scenario/$name.yaml" ;;
  esac
done
# fuzz_set: one override per line; each seed is one line, plus a few lines together.
n=0
while IFS= read -r line; do
  n=$((n + 1))
  printf '%s\n' "$line" >"$seeds/fuzz_set/line_$n"
done <tests/fuzz/set_seeds.txt
split -l 4 -d tests/fuzz/set_seeds.txt "$seeds/fuzz_set/lines_"

# The YAML dictionary, plus every key the seed files use.
dict=$seeds/yaml.dict
{
  cat tests/fuzz/yaml.dict
  cat "${yaml_files[@]}" | grep -aoE '[A-Za-z_][A-Za-z0-9_]*:' | sort -u | sed 's/.*/"&"/'
} >"$dict"
set_dict=$seeds/set.dict
cat "${yaml_files[@]}" | grep -aoE '[A-Za-z_][A-Za-z0-9_]*:' | sort -u | sed 's/:$//; s/.*/"&"/' >"$set_dict"

status=0
summary=()
for t in "${targets[@]}"; do
  corpus=$build/corpus/$t
  findings=$build/findings/$t
  log=$build/logs/$t.log
  [[ $fresh -eq 1 ]] && rm -rf "$corpus"
  mkdir -p "$corpus" "$findings" "$(dirname "$log")"
  before=$(find "$findings" -type f | wc -l)
  d=$dict
  [[ $t == fuzz_set ]] && d=$set_dict
  echo "fuzz.sh: $t for ${seconds}s (log: ${log#"$root"/})"
  set +e
  "$build/tests/fuzz/$t" "$corpus" "$seeds/$t" -dict="$d" -max_total_time="$seconds" \
    -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="$findings/" >"$log" 2>&1
  code=$?
  set -e
  after=$(find "$findings" -type f | wc -l)
  found=$((after - before))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -n 1 | cut -d' ' -f2)
  ft=$(grep -oE 'ft: [0-9]+' "$log" | tail -n 1 | cut -d' ' -f2)
  size=$(find "$corpus" -type f | wc -l)
  line=$(printf '%-16s %5ss  %9s execs  %6s exec/s  corpus %5s  cov %5s  ft %6s  findings %s' \
    "$t" "$seconds" "${execs:-?}" "${rate:-?}" "$size" "${cov:-?}" "${ft:-?}" "$found")
  if [[ $code -ne 0 || $found -gt 0 ]]; then
    status=1
    line+="  (exit $code; see ${log#"$root"/} and ${findings#"$root"/}/)"
    grep -m1 -E 'ERROR: |runtime error|terminate called|SUMMARY' "$log" | sed 's/^/    /' >&2 || true
  fi
  summary+=("$line")
done

echo
printf '%s\n' "${summary[@]}"
[[ $status -eq 0 ]] || echo "fuzz.sh: findings: minimise with TARGET -minimize_crash=1 FILE, add to tests/data/fuzz_regressions/" >&2
exit $status
