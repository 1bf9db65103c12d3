# Shared by quickstart.sh and test.sh: install packages, configure and build into $BUILD_DIR.
# Source it; do not run it.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${IMLIT_BUILD_DIR:-$ROOT/build}"
JOBS="${IMLIT_JOBS:-$(nproc 2>/dev/null || echo 2)}"

imlit_setup_and_build() {
  "$ROOT/scripts/setup.sh"
  local generator=()
  # A build dir keeps its generator; only choose one for a fresh build dir.
  if [ ! -f "$BUILD_DIR/CMakeCache.txt" ] && command -v ninja >/dev/null 2>&1; then
    generator=(-G Ninja)
  fi
  # -O2 without debug info: a third less compile time than RelWithDebInfo's -O2 -g, which
  # matters on 2 cores (and not GCC 12's -O3, whose -Wrestrict false positives -Werror would
  # turn into errors). IMLIT_BUILD_TYPE=RelWithDebInfo (or Debug) to debug a failure.
  local type=(-DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG"
              "-DCMAKE_C_FLAGS_RELEASE=-O2 -DNDEBUG")
  [ -n "${IMLIT_BUILD_TYPE:-}" ] && type=(-DCMAKE_BUILD_TYPE="$IMLIT_BUILD_TYPE")
  cmake -S "$ROOT" -B "$BUILD_DIR" "${generator[@]}" "${type[@]}" "$@"
  cmake --build "$BUILD_DIR" --parallel "$JOBS"
}
