#!/usr/bin/env bash
# Install the Debian 12 packages imlit needs to build and test, only those missing.
# Idempotent: when everything is installed it changes nothing and needs no root.
# Nothing is downloaded from anywhere but the system's apt sources.
set -euo pipefail

PACKAGES=(
  # toolchain; clang and its sanitizer runtimes build the libFuzzer targets (scripts/fuzz.sh)
  cmake ninja-build g++ pkg-config clang libclang-rt-14-dev
  # libraries (DESIGN.md section 5)
  libimgui-dev libglfw3-dev python3-glad catch2 libxxhash-dev libstb-dev libfmt-dev
  libcereal-dev libbenchmark-dev libcsv-dev
  # fonts, and the virtual display + software OpenGL the real-window tests run on
  fonts-dejavu-core xvfb xauth libgl1-mesa-dri
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages are installed."
  exit 0
fi

echo "setup: installing missing packages: ${missing[*]}"
install_line="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "setup: cannot install packages: not root and sudo is not available." >&2
  echo "setup: as root, run:  $install_line" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
if ! "${as_root[@]}" apt-get update ||
   ! "${as_root[@]}" apt-get install -y --no-install-recommends "${missing[@]}"; then
  echo "setup: installing failed. As root, run:  $install_line" >&2
  exit 1
fi
echo "setup: done."
