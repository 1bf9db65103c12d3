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
  # Release (-O3, no debug info): a third less compile time than RelWithDebInfo, which
  # matters on 2 cores; IMLIT_BUILD_TYPE=RelWithDebInfo (or Debug) to debug a failure.
  cmake -S "$ROOT" -B "$BUILD_DIR" "${generator[@]}" \
    -DCMAKE_BUILD_TYPE="${IMLIT_BUILD_TYPE:-Release}" "$@"
  cmake --build "$BUILD_DIR" --parallel "$JOBS"
}
