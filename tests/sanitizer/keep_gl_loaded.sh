#!/usr/bin/env bash
# Runs a real-window test program (the rest of the command line) so that LeakSanitizer can
# name the leaks of the system's OpenGL stack. glfwTerminate unloads libGL, Mesa's GLX and the
# software driver; a leak left by an unloaded library shows as "<unknown module>", which no
# line of tests/sanitizer/lsan.supp can match, so every window run would fail the ASan stage
# on Mesa's own leaks (its extension strings). Preloading Mesa's GLX and its llvmpipe driver
# keeps them mapped until the leak check, where the suppressions match them; imlit's own leaks
# are still reported. Used by the window tests in an AddressSanitizer build only
# (tests/app/CMakeLists.txt, IMLIT_SANITIZE=address,...).
set -euo pipefail
keep=()
for pattern in /usr/lib/*/libGLX_mesa.so.0 /usr/lib/*/dri/swrast_dri.so; do
  for lib in $pattern; do
    [ -e "$lib" ] && keep+=("$lib")
  done
done
if [ ${#keep[@]} -gt 0 ]; then
  export LD_PRELOAD="${keep[*]}${LD_PRELOAD:+ $LD_PRELOAD}"
  # The preloaded libraries come before ASan's runtime in the load order; that is fine here
  # (they are not instrumented and do not replace malloc).
  export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
fi
exec "$@"
