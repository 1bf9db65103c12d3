#!/usr/bin/env bash
# Build the libFuzzer targets (tests/fuzz/, clang++) into build-fuzz/ and run each for SECONDS
# (default 25; CI runs this), at most IMLIT_JOBS at once. A finding fails the run and leaves the
# input that triggered it in build-fuzz/tests/fuzz/<target>-crash-* (or -timeout-*, -leak-*).
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]   e.g. scripts/fuzz.sh 600 markdown
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

seconds="${1:-25}"
[ $# -gt 0 ] && shift
dir="${IMLIT_FUZZ_BUILD_DIR:-$ROOT/build-fuzz}"

"$ROOT/scripts/setup.sh"
generator=()
if [ ! -f "$dir/CMakeCache.txt" ] && command -v ninja >/dev/null 2>&1; then
  generator=(-G Ninja)
fi
cmake -S "$ROOT" -B "$dir" "${generator[@]}" -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g" \
  -DIMLIT_BUILD_FUZZ=ON -DIMLIT_BUILD_TESTS=OFF -DIMLIT_BUILD_APPS=OFF -DIMLIT_BUILD_BENCH=OFF \
  -DIMLIT_FUZZ_SECONDS="$seconds"
cmake --build "$dir" --parallel "$JOBS" --target imlit_fuzzers
filter=()
if [ $# -gt 0 ]; then
  filter=(-R "^fuzz\\.($(IFS='|'; echo "$*"))\$")
fi
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
ctest --test-dir "$dir" --no-tests=error --output-on-failure --parallel "$JOBS" -L fuzz "${filter[@]}"
