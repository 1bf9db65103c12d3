#!/usr/bin/env bash
# Run the whole test suite: install missing packages, configure, build, then ctest.
# Extra arguments go to ctest (e.g. ./scripts/test.sh -R consumer).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# Warnings are errors here (and so in CI, which runs this script); a plain build only warns.
imlit_setup_and_build -DIMLIT_BUILD_TESTS=ON -DIMLIT_BUILD_APPS=ON -DIMLIT_WERROR=ON
ctest --test-dir "$BUILD_DIR" --output-on-failure --parallel "$JOBS" "$@"
