#!/usr/bin/env bash
# Build everything and launch the gallery sample app.
# On a machine without a display ($DISPLAY empty) the gallery runs under xvfb-run for a few
# frames and writes a screenshot instead; the path is printed at the end.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

imlit_setup_and_build
gallery="$BUILD_DIR/apps/gallery"
if [ -n "${DISPLAY:-}" ]; then
  echo "quickstart: launching $gallery (close the window to exit)"
  exec "$gallery" "$@"
fi
shot="$BUILD_DIR/gallery.png"
echo "quickstart: no display (\$DISPLAY is empty): running the gallery under xvfb-run"
xvfb-run -a -s "-screen 0 1920x1080x24" "$gallery" --frames 10 --screenshot "$shot" "$@"
echo "quickstart: the gallery ran; its screenshot is $shot"
