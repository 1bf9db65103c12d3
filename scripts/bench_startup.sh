#!/usr/bin/env bash
# Time to first frame (DESIGN §7: within 1.15x of a plain Dear ImGui + GLFW hello), under a
# virtual display: imlit's hello app and the gallery, each against bench/plain_hello (Dear
# ImGui + GLFW + OpenGL3, one font), in alternating pairs; medians of the per-pair ratios.
#
#   scripts/bench_startup.sh [BUILD_DIR] [MARKDOWN_FILE]
#
# BUILD_DIR is a Release build with -DIMLIT_BUILD_BENCH=ON -DIMLIT_BUILD_APPS=ON (default:
# build-bench, as scripts/bench.sh makes it). Rows are appended to MARKDOWN_FILE when given.
# IMLIT_STARTUP_ROUNDS (default 21) sets the pairs per comparison. Each run ends right after
# its first glfwSwapBuffers (bench/first_frame/exit_at_first_swap.c), so what follows the
# first frame (imlit's settle frames, a loader still running at exit) is not counted.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="$(cd "${1:-$ROOT/build-bench}" && pwd)"
MARKDOWN="${2:-}"
ROUNDS="${IMLIT_STARTUP_ROUNDS:-21}"

# One virtual display for every run (starting Xvfb is not part of any program's start).
if [ -z "${IMLIT_BENCH_UNDER_XVFB:-}" ]; then
  export IMLIT_BENCH_UNDER_XVFB=1
  exec xvfb-run -a -s "-screen 0 1920x1080x24" "$0" "$BUILD_DIR" "$MARKDOWN"
fi

launcher="$BUILD_DIR/bench/imlit_first_frame"
shim="$BUILD_DIR/bench/libimlit_exit_at_first_swap.so"
plain="$BUILD_DIR/bench/imlit_plain_hello"
for f in "$launcher" "$shim" "$plain" "$BUILD_DIR/apps/hello" "$BUILD_DIR/apps/gallery"; do
  if [ ! -e "$f" ]; then
    echo "bench_startup: $f is missing (build with -DIMLIT_BUILD_BENCH=ON -DIMLIT_BUILD_APPS=ON)" >&2
    exit 1
  fi
done

run_pairs() { # label target app
  local label="$1" target="$2" app="$3"
  local md=()
  if [ -n "$MARKDOWN" ]; then md=(--markdown "$MARKDOWN" --label "$label" --target "$target"); fi
  echo "bench_startup: $app vs $plain"
  "$launcher" --shim "$shim" --rounds "$ROUNDS" "${md[@]}" -- "$app" -- "$plain"
}

run_pairs "time to first frame: imlit \`apps/hello\` vs a plain Dear ImGui + GLFW + OpenGL3 hello \
with one font (\`bench/plain_hello\`), paired runs under xvfb-run" 1.15 "$BUILD_DIR/apps/hello"
run_pairs "time to first frame: imlit \`apps/gallery\` (a full page: five fonts, a 10,000-row \
table, a chart, an image) vs the same plain hello" 0 "$BUILD_DIR/apps/gallery"
