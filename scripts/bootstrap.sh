#!/usr/bin/env bash
# Set up everything the app and its tests need on a fresh Debian/Ubuntu machine:
# system libraries for Qt + VTK (and Xvfb for headless tests), a virtual
# environment in .venv and the Python packages from pyproject.toml.
# Safe to run again: each step is skipped when already done.
#
# usage: scripts/bootstrap.sh [app|test]
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-app}"

APT_APP=(libgl1 libegl1 libegl-mesa0 libglx-mesa0 libgl1-mesa-dri libxkbcommon-x11-0 libxcb-cursor0
         libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
         libxcb-render-util0 libxcb-image0 libfontconfig1 libdbus-1-3 libxrender1 libxi6 fonts-dejavu-core)
APT_TEST=(xvfb xauth openbox desktop-file-utils poppler-utils)
packages=("${APT_APP[@]}")
[ "$what" = test ] && packages+=("${APT_TEST[@]}")

if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing system packages: ${missing[*]}"
    sudo_cmd=()
    [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  echo "Not a Debian/Ubuntu system: install OpenGL, xcb and (for tests) Xvfb yourself." >&2
fi

PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "Creating .venv with $($PY --version)"
  "$PY" -m venv .venv
fi
stamp=.venv/.installed-$what
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  if [ "$what" = test ]; then
    .venv/bin/python -m pip install -q -e ".[test]"
  else
    .venv/bin/python -m pip install -q -e .
  fi
  touch "$stamp"
fi
