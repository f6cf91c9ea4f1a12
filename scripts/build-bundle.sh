#!/usr/bin/env bash
# Build the Linux one-folder bundle dist/brain-region-explorer/ (executable brain-region-explorer)
# from packaging/brain-region-explorer.spec, then print its size and what takes the space.
#
# usage: scripts/build-bundle.sh [--clean]
#   --clean              rebuild from scratch (PyInstaller's --clean; also empties build/ and dist/)
# environment:
#   BUNDLE_PYTHON=PATH   use this Python (with the app and the `bundle` extra installed) instead of
#                        making/using .venv through scripts/bootstrap.sh
#   BUNDLE_MAX_MB=700    fail when the bundle is larger (unpacked; 600 before movies brought ffmpeg, 76 MB)
#   BUNDLE_SKIP_TRACE=1  skip checking packaging/vtk-modules.txt against a traced run (needs X or xvfb-run)
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
clean=()
if [ "${1:-}" = --clean ]; then clean=(--clean); rm -rf build/brain-region-explorer dist/brain-region-explorer; fi

if [ -n "${BUNDLE_PYTHON:-}" ]; then
  PY="$BUNDLE_PYTHON"
  "$PY" -c "import PyInstaller, _pyinstaller_hooks_contrib" 2>/dev/null || {
    echo "error: $PY has no PyInstaller: $PY -m pip install pyinstaller pyinstaller-hooks-contrib" >&2; exit 1; }
else
  scripts/bootstrap.sh app
  PY=.venv/bin/python
  stamp=.venv/.installed-bundle
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    "$PY" -m pip install -q -e ".[bundle]"
    touch "$stamp"
  fi
fi

# The spec bundles only the VTK modules listed in packaging/vtk-modules.txt: a module the app
# loads but the list lacks would be an ImportError in a classroom, so trace the app and compare.
if [ "${BUNDLE_SKIP_TRACE:-0}" != 1 ]; then
  if [ -n "${DISPLAY:-}" ]; then
    "$PY" scripts/trace_vtk_modules.py --check
  elif command -v xvfb-run >/dev/null 2>&1; then
    xvfb-run -a -s "-screen 0 1920x1080x24" "$PY" scripts/trace_vtk_modules.py --check
  else
    echo "warning: no X display and no xvfb-run: packaging/vtk-modules.txt not checked" >&2
  fi
fi

"$PY" -m PyInstaller --noconfirm "${clean[@]}" --log-level WARN --distpath dist --workpath build \
  packaging/brain-region-explorer.spec
app=dist/brain-region-explorer
inner=$app/_internal

# The default atlas's meshes, prebuilt: a read-only cache layer the app reads before the user's
# cache (found at run time as Path(sys._MEIPASS) / "prebuilt-meshes").
if "$app/brain-region-explorer" --help | grep -q -- --prefetch; then
  rm -rf "$inner/prebuilt-meshes"
  HOME="$(mktemp -d)" "$app/brain-region-explorer" --prefetch "$inner/prebuilt-meshes" --atlas desikan_killiany
else
  echo "note: main.py has no --prefetch yet: no prebuilt meshes in the bundle"
fi

# matplotlib's font list, made once here, so a new account does not spend 0.4-0.7 s building it
# (viewer/runtime/frozen.py copies it into the user's MPLCONFIGDIR on a first start).
rm -rf "$inner/matplotlib-cache"
tmp_home="$(mktemp -d)"
run_x=()
[ -z "${DISPLAY:-}" ] && run_x=(xvfb-run -a -s "-screen 0 1280x800x24")
MPLCONFIGDIR="$inner/matplotlib-cache" HOME="$tmp_home" "${run_x[@]}" "$app/brain-region-explorer" \
  --screenshot "$tmp_home/smoke.png" --size 320x240 >/dev/null
find "$inner/matplotlib-cache" -mindepth 1 ! -name 'fontlist-*.json' -exec rm -rf {} +
ls "$inner/matplotlib-cache"/fontlist-*.json >/dev/null || { echo "error: no matplotlib font list was made" >&2; exit 1; }
rm -rf "$tmp_home"

seconds=$(( $(date +%s) - start ))
mb=$(du -sm "$app" | cut -f1)
echo
echo "Built $app in ${seconds} s: ${mb} MB unpacked"
echo "Largest folders and files in $inner:"
du -sm "$inner"/* | sort -rn | head -12 | awk '{printf "  %6d MB  %s\n", $1, $2}' || true
echo "Largest single files:"
find "$app" -type f -printf '%s %P\n' | sort -rn | head -8 | awk '{printf "  %6.1f MB  %s\n", $1/1048576, $2}' || true
max=${BUNDLE_MAX_MB:-700}
if [ "$mb" -ge "$max" ]; then
  echo "error: the bundle is ${mb} MB, the limit is ${max} MB (BUNDLE_MAX_MB)" >&2
  exit 1
fi
