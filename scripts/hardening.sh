#!/usr/bin/env bash
# Runs Flashpoint under the sanitizers and the fuzzers; CI calls it after scripts/test.sh
# (docs/reliability.md, "Sanitizers").
#
#   scripts/hardening.sh                    # asan, tsan, then fuzz (when scripts/fuzz.sh exists)
#   scripts/hardening.sh --only tsan        # one stage: asan, tsan or fuzz (repeatable)
#   scripts/hardening.sh --jobs 1           # build and test jobs (default 2)
#   scripts/hardening.sh --fuzz-seconds 10  # seconds per fuzz target (default 60)
#
# Stages:
#   asan  preset asan (AddressSanitizer + UndefinedBehaviorSanitizer, LeakSanitizer, no MPI;
#         -O1 -g1: line tables for the reports, half the build time of -O2 -g): build
#         everything, then every test except the labels benchmark, validation, python (the
#         analysis scripts' tests, whose time is Python's; the C++ they call is tested under
#         ASan by the CLI tests), readers (netCDF tools reading the format) and repeats (whole
#         processes run again and again: kill loops, a second way to fill a disk, two of the
#         concurrent-writer checks; their code paths run under ASan in lighter tests)
#   tsan  preset tsan (ThreadSanitizer, no MPI; -O2 -g1): build, then the tests the tsan test preset
#         selects: the runner's unit tests, the determinism test across thread counts, and the
#         sweeps, comparisons, interrupts and resumes of the CLI at --threads 2
#   fuzz  scripts/fuzz.sh --seconds N, skipped with a note while that script does not exist
#
# Every sanitizer report is fatal (-fno-sanitize-recover=all, halt_on_error=1) and is also written
# under build/<preset>/sanitizer-reports/: a report fails the stage even when a test would have
# accepted the process's exit status. Prints the time of each stage; exits 1 if any stage failed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$(pwd)"

jobs=2
fuzz_seconds=60
stages=()
while [ $# -gt 0 ]; do
  case "$1" in
    --only)
      [ $# -ge 2 ] || { echo "hardening.sh: --only needs asan, tsan or fuzz" >&2; exit 2; }
      stages+=("$2"); shift 2 ;;
    --only=*) stages+=("${1#--only=}"); shift ;;
    --jobs)
      [ $# -ge 2 ] || { echo "hardening.sh: --jobs needs a number" >&2; exit 2; }
      jobs="$2"; shift 2 ;;
    --jobs=*) jobs="${1#--jobs=}"; shift ;;
    --fuzz-seconds)
      [ $# -ge 2 ] || { echo "hardening.sh: --fuzz-seconds needs a number" >&2; exit 2; }
      fuzz_seconds="$2"; shift 2 ;;
    --fuzz-seconds=*) fuzz_seconds="${1#--fuzz-seconds=}"; shift ;;
    -h|--help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "hardening.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ ${#stages[@]} -gt 0 ] || stages=(asan tsan fuzz)
for stage in "${stages[@]}"; do
  case "$stage" in
    asan|tsan|fuzz) ;;
    *) echo "hardening.sh: unknown stage '$stage': use asan, tsan or fuzz" >&2; exit 2 ;;
  esac
done
[[ $jobs =~ ^[1-9][0-9]*$ ]] || { echo "hardening.sh: --jobs must be a positive number" >&2; exit 2; }
[[ $fuzz_seconds =~ ^[1-9][0-9]*$ ]] ||
  { echo "hardening.sh: --fuzz-seconds must be a positive number" >&2; exit 2; }

bash scripts/install_deps.sh

log() { echo "== hardening: $*"; }
results=()
failed=0
started_all=$SECONDS

# Runs "$@" as one timed step of a stage; a failure is recorded and the stage goes on to its
# report check, so that CI shows every finding of one run.
step() {
  local name="$1"; shift
  local t0=$SECONDS status=0
  log "$name"
  "$@" || status=$?
  local took=$((SECONDS - t0))
  results+=("$(printf '%-28s %5d s  %s' "$name" "$took" "$([ $status -eq 0 ] && echo ok || echo "FAILED ($status)")")")
  [ $status -eq 0 ] || failed=1
  return $status
}

# Runs "$@" with its standard output dropped (errors still show).
quietly() { "$@" >/dev/null; }

# Fails when the sanitizers wrote any report into $1, and prints the reports.
check_reports() {
  local dir="$1"
  local files=()
  mapfile -t files < <(find "$dir" -type f 2>/dev/null | sort)
  if [ ${#files[@]} -eq 0 ]; then
    echo "no sanitizer reports in $dir"
    return 0
  fi
  echo "${#files[@]} sanitizer report(s) in $dir:"
  for f in "${files[@]}"; do
    echo "---- $f"
    head -n 60 "$f"
  done
  return 1
}

# Configures, builds and tests one sanitizer preset; extra arguments go to ctest.
sanitizer_stage() {
  local preset="$1"; shift
  local reports="$root/build/$preset/sanitizer-reports"
  rm -rf "$reports"
  mkdir -p "$reports"
  # The presets' own options come first; log_path (appended through $penv) sends every report
  # to a file as well, which check_reports reads.
  export ASAN_OPTIONS="log_path=$reports/asan" UBSAN_OPTIONS="log_path=$reports/ubsan"
  export TSAN_OPTIONS="log_path=$reports/tsan"
  step "$preset: configure" quietly cmake --preset "$preset" || return 0
  step "$preset: build" cmake --build --preset "$preset" -j"$jobs" || return 0
  step "$preset: test" ctest --preset "$preset" -j"$jobs" "$@" || true
  step "$preset: reports" check_reports "$reports" || true
  unset ASAN_OPTIONS UBSAN_OPTIONS TSAN_OPTIONS
}

for stage in "${stages[@]}"; do
  case "$stage" in
    asan) sanitizer_stage asan -LE "benchmark|validation|python|readers|repeats" ;;
    tsan) sanitizer_stage tsan ;;
    fuzz)
      if [ -f scripts/fuzz.sh ]; then
        step "fuzz: ${fuzz_seconds} s per target" bash scripts/fuzz.sh --seconds "$fuzz_seconds" || true
      else
        log "fuzz: scripts/fuzz.sh does not exist yet, skipped"
        results+=("$(printf '%-28s %5s    %s' "fuzz" "-" "skipped (no scripts/fuzz.sh)")")
      fi
      ;;
  esac
done

log "summary"
printf '%s\n' "${results[@]}"
printf '%-28s %5d s  %s\n' "total" "$((SECONDS - started_all))" "$([ $failed -eq 0 ] && echo ok || echo FAILED)"
exit "$failed"
