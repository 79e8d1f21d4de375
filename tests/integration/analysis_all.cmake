# `scripts/fp-plot all FILE -o FOLDER`: one command per kind of results file draws every picture
# that applies (docs/analysis.md). A run (events kept) gets fan, timeline and map; a Morris sweep
# keeping outcomes the four sweep pictures; a comparison keeping outcomes the three comparison
# pictures; either also prim-tradeoff and prim-box when some of its runs, not all, reach rung 8
# (their default condition), which the comparison's must. Included
# from tests/CMakeLists.txt (FLASHPOINT_BIN, FLASHPOINT_PYTHON).
set(_all_dir ${CMAKE_CURRENT_BINARY_DIR}/analysis_all)
file(MAKE_DIRECTORY ${_all_dir})
file(WRITE ${_all_dir}/check_all.sh [=[
#!/bin/sh
# $1 flashpoint, $2 fp-plot, $3 source dir, $4 work dir
set -u
cd "$4" || exit 1
rm -rf run sweep cmp run.h5 sweep.h5 cmp.h5
"$1" run "$3/scenarios/pak-afg-2025.yaml" -r 4 -q -o run.h5 || exit 1
"$1" sweep "$3/tests/data/experiments/sweep_morris.yaml" -q -o sweep.h5 || exit 1
"$1" compare "$3/tests/data/experiments/compare_small.yaml" -q -o cmp.h5 || exit 1
fail=0
check() {  # file folder expected-pictures...
  file=$1; folder=$2; shift 2
  "$FP_PLOT" all "$file" -o "$folder" > "$folder.log" 2>&1 || { echo "FAIL: fp-plot all $file"; cat "$folder.log"; fail=1; return; }
  got=$(cd "$folder" && ls *.png | sed 's/\.png$//' | sort | tr '\n' ' ')
  want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
  if [ "$got" != "$want" ]; then echo "FAIL: $file drew [$got], expected [$want]"; fail=1; else echo "ok: $file -> $got"; fi
}
FP_PLOT=$2
SRC=$3
# The PRIM pictures when scenario discovery applies: some runs, not all, reach rung 8 (fp-discover
# exits 2 otherwise).
prim() {
  if "$SRC/scripts/fp-discover" "$1" --where "peak_escalation >= 8" -o "$1.prim" > /dev/null 2>&1; then
    echo prim-tradeoff prim-box
  fi
}
check run.h5 run fan timeline map
check sweep.h5 sweep sweep-param sweep-heatmap sensitivity scatter $(prim sweep.h5)
cmp_prim=$(prim cmp.h5)
check cmp.h5 cmp forest distributions robustness $cmp_prim
if [ -z "$cmp_prim" ]; then echo "FAIL: no run of cmp.h5 reaches rung 8: the PRIM pictures go untested"; fail=1; fi
printf 'not a results file\n' > text.h5
"$FP_PLOT" all text.h5 -o bad > /dev/null 2>&1
code=$?
if [ $code -ne 2 ]; then echo "FAIL: fp-plot all on a text file exited $code, expected 2"; fail=1; fi
exit $fail
]=])
add_test(NAME analysis_all.one_command_per_file
  COMMAND sh ${_all_dir}/check_all.sh ${FLASHPOINT_BIN} ${CMAKE_SOURCE_DIR}/scripts/fp-plot
          ${CMAKE_SOURCE_DIR} ${_all_dir})
set_tests_properties(analysis_all.one_command_per_file PROPERTIES LABELS "integration;python" TIMEOUT 300)
