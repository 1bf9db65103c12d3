#!/usr/bin/env bash
# The sanitizer builds CI runs after scripts/test.sh, each in its own build directory:
#   asan  build-asan/  AddressSanitizer + UndefinedBehaviorSanitizer (-O0): the whole unit suite,
#                      the window tests under Xvfb (long texts, fast exit), and the installed-package consumer
#                      built against this sanitized install (it must compile and link with the
#                      flags the package passes on).
#   tsan  build-tsan/  ThreadSanitizer (-O1): imlit_tests only, its concurrency tests (TSAN_TAGS).
# Usage: scripts/sanitize.sh [asan] [tsan]   (no argument: both). Extra ctest arguments for the
# asan run: IMLIT_ASAN_CTEST_ARGS. Any sanitizer report fails the run (exit status != 0).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# The tests with threads: the cache (loads, budget, scheduler, chaining), the seam's widget
# store, AppTest on several threads, textures released off-thread (test names "texture: ..."),
# and the cache stress test ([cache][stress]).
TSAN_TAGS="${IMLIT_TSAN_TAGS:-[cache],[seam],[apptest],texture:*}"
# -g1: line tables only, so reports name files and lines. ASan+UBSan builds at -O0: UBSan's
# checks make GCC's optimiser slow (a test file: 24 s at -O1, 15 s at -O0) and the suite
# runs fast enough unoptimised; TSan builds at -O1, which is quick to compile and keeps the
# racy tests' timing close to a real build. GCC's -Wmaybe-uninitialized is noisy under the
# sanitizers.
san_flags() { # san_flags OPT
  SAN_FLAGS=(-DCMAKE_BUILD_TYPE=RelWithDebInfo
             "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=$1 -g1 -DNDEBUG"
             "-DCMAKE_C_FLAGS_RELWITHDEBINFO=$1 -g1 -DNDEBUG"
             -DCMAKE_CXX_FLAGS=-Wno-maybe-uninitialized
             -DIMLIT_BUILD_APPS=OFF -DIMLIT_BUILD_BENCH=OFF -DIMLIT_BUILD_TESTS=ON)
}

# A report ends the process with a failing status (UBSan's is also compiled in:
# -fno-sanitize-recover=all). Leaks are reported (LeakSanitizer) except in the system's GL
# and X11 libraries (tests/sanitizer/lsan.supp).
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:check_initialization_order=1:strict_init_order=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export LSAN_OPTIONS="suppressions=$ROOT/tests/sanitizer/lsan.supp:print_suppressions=0"
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1"

configure() { # configure DIR SANITIZERS OPT
  san_flags "$3"
  local generator=()
  if [ ! -f "$1/CMakeCache.txt" ] && command -v ninja >/dev/null 2>&1; then
    generator=(-G Ninja)
  fi
  cmake -S "$ROOT" -B "$1" "${generator[@]}" "${SAN_FLAGS[@]}" -DIMLIT_SANITIZE="$2"
}

run_asan() {
  local dir="${IMLIT_ASAN_BUILD_DIR:-$ROOT/build-asan}"
  configure "$dir" address,undefined -O0
  cmake --build "$dir" --parallel "$JOBS"
  # Not here: the compile_fail tests (nothing runs) and the package tests (they build imlit
  # again from source; the plain run covers them).
  # shellcheck disable=SC2086
  ctest --test-dir "$dir" --no-tests=error --output-on-failure --parallel "$JOBS" -LE "compile_fail|package" \
    ${IMLIT_ASAN_CTEST_ARGS:-}
}

run_tsan() {
  local dir="${IMLIT_TSAN_BUILD_DIR:-$ROOT/build-tsan}"
  configure "$dir" thread -O1
  cmake --build "$dir" --parallel "$JOBS" --target imlit_tests
  # ThreadSanitizer's shadow memory needs a fixed address layout: without address space
  # randomisation (setarch -R) it also works on kernels with more mmap randomisation bits
  # than GCC 12's runtime expects.
  setarch "$(uname -m)" -R "$dir/tests/imlit_tests" "$TSAN_TAGS"
}

targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(asan tsan)
"$ROOT/scripts/setup.sh"
for t in "${targets[@]}"; do
  case "$t" in
    asan) run_asan ;;
    tsan) run_tsan ;;
    *) echo "sanitize.sh: unknown build '$t' (asan, tsan)" >&2; exit 2 ;;
  esac
done
