# Tests of scripts/plot_run.py (and scripts/fp_interpreter.py) on fake results files made by
# tests/integration/make_fake_results.py: they do not need the engine. Included by
# tests/CMakeLists.txt, which defines FLASHPOINT_PYTHON.
#
# Each test is a small sh driver written at configure time (add_test would split a `sh -c`
# script at its semicolons). Driver arguments: $1 python, $2 make_fake_results.py,
# $3 plot_run.py.
set(_plot_dir ${CMAKE_CURRENT_BINARY_DIR}/integration_plot)
file(MAKE_DIRECTORY ${_plot_dir})
set(_plot_args ${FLASHPOINT_PYTHON} ${CMAKE_SOURCE_DIR}/tests/integration/make_fake_results.py
    ${CMAKE_SOURCE_DIR}/scripts/plot_run.py)

# Plots a fake results file (20 runs, 90 days, 5 categories); the PNG must exist, be larger
# than 10 kB and start with the PNG signature.
file(WRITE ${_plot_dir}/fake_results.sh [=[
#!/bin/sh
set -e
rm -f fake.h5 fake.png
"$1" "$2" fake.h5
"$1" "$3" fake.h5 -o fake.png
if [ ! -f fake.png ]; then echo "FAIL: no fake.png"; exit 1; fi
size=$(wc -c < fake.png)
echo "fake.png: $size bytes"
if [ "$size" -le 10240 ]; then echo "FAIL: fake.png is 10 kB or less"; exit 1; fi
magic=$(head -c 8 fake.png | od -An -tx1 | tr -d ' \n')
if [ "$magic" != 89504e470d0a1a0a ]; then echo "FAIL: not a PNG (starts $magic)"; exit 1; fi
echo "ok: fake.png is a PNG"
]=])
add_test(NAME integration.plot.fake_results
  COMMAND sh ${_plot_dir}/fake_results.sh ${_plot_args}
  WORKING_DIRECTORY ${_plot_dir})

# A missing file, a file that is not HDF5, and an HDF5 file whose root attribute `format` is
# not "flashpoint-results": each must exit with status exactly 2 and write no PNG.
file(WRITE ${_plot_dir}/bad_input.sh [=[
#!/bin/sh
rm -f bad.png wrong_format.h5 not_hdf5.h5
printf 'not hdf5\n' > not_hdf5.h5
"$1" "$2" wrong_format.h5 --runs 2 --days 5 --format something-else > /dev/null || exit 1
for f in does-not-exist.h5 not_hdf5.h5 wrong_format.h5; do
  "$1" "$3" "$f" -o bad.png
  rc=$?
  echo "$f: exit $rc"
  if [ "$rc" -ne 2 ]; then echo "FAIL: expected exit 2 for $f, got $rc"; exit 1; fi
  if [ -e bad.png ]; then echo "FAIL: a PNG was written for $f"; exit 1; fi
done
echo "ok: all bad inputs exit 2"
]=])
add_test(NAME integration.plot.bad_input_exit_2
  COMMAND sh ${_plot_dir}/bad_input.sh ${_plot_args}
  WORKING_DIRECTORY ${_plot_dir})

# Runs the script as an executable: its shebang takes the first python3 on PATH, which may lack
# h5py (a pyenv one); scripts/fp_interpreter.py must then re-execute it with one that has it.
file(WRITE ${_plot_dir}/as_executable.sh [=[
#!/bin/sh
set -e
rm -f exec.h5 exec.png
"$1" "$2" exec.h5 --runs 5 --days 30
"$3" exec.h5 -o exec.png --title "executable test"
if [ ! -s exec.png ]; then echo "FAIL: no exec.png"; exit 1; fi
echo "ok: exec.png written"
]=])
add_test(NAME integration.plot.runs_as_executable
  COMMAND sh ${_plot_dir}/as_executable.sh ${_plot_args}
  WORKING_DIRECTORY ${_plot_dir})

set_tests_properties(
  integration.plot.fake_results integration.plot.bad_input_exit_2
  integration.plot.runs_as_executable
  PROPERTIES LABELS "integration;python" TIMEOUT 120
             ENVIRONMENT "FLASHPOINT_PYTHON=${FLASHPOINT_PYTHON};MPLBACKEND=Agg")
