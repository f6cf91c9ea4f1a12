#!/usr/bin/env bash
# Check a built bundle the way a classroom machine meets it: the frozen app's --self-test,
# offline (a network namespace where the machine allows it), with an empty HOME and TMPDIR,
# under Xvfb; then list every file the run left behind and fail on any outside the user's
# cache, config and state folders.
#
# usage: scripts/check-bundle.sh [BUNDLE_DIR]     (default dist/brain-region-explorer)
set -euo pipefail
cd "$(dirname "$0")/.."
app="${1:-dist/brain-region-explorer}/brain-region-explorer"
[ -x "$app" ] || { echo "error: no bundle at $app: run scripts/build-bundle.sh first" >&2; exit 1; }
app="$(cd "$(dirname "$app")" && pwd)/$(basename "$app")"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home" "$work/tmp" "$work/out"
offline=()
if unshare -n true 2>/dev/null; then
  offline=(unshare -n)
else
  echo "note: no network namespace here (unshare -n): the self-test runs with the network up" >&2
fi

start=$(date +%s)
set +e
env -i PATH=/usr/bin:/bin HOME="$work/home" TMPDIR="$work/tmp" LANG=C.UTF-8 \
  "${offline[@]}" xvfb-run -a -s "-screen 0 1920x1080x24 -nolisten tcp" \
  "$app" --self-test --report "$work/out/report.json"
rc=$?
set -e
seconds=$(( $(date +%s) - start ))
echo "frozen --self-test: exit $rc in ${seconds} s${offline:+ (offline: network namespace)}"
if [ -f "$work/out/report.json" ]; then
  python3 - "$work/out/report.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
for check in report.get("checks", []):
    print(f"  {'ok  ' if check.get('ok') else 'FAIL'} {check.get('name')}: {check.get('detail', '')}"[:160])
PY
fi
[ "$rc" -eq 0 ] || { echo "error: the frozen self-test failed" >&2; exit 1; }

# What the run wrote: only the user's own folders may hold anything. Qt keeps its compiled
# OpenGL shaders in the user's cache folder too (qtshadercache-*: a faster next start).
stray=$(cd "$work" && find home tmp -mindepth 1 \( -type f -o -type l \) \
  | grep -vE '^home/\.cache/(brain-region-explorer|qtshadercache-[^/]*)/|^home/\.config/BrainRegionExplorer/|^home/\.local/state/brain-region-explorer/' || true)
echo "files written in HOME and TMPDIR:"
(cd "$work" && find home tmp -mindepth 1 -type f | sed 's/^/  /' | head -40)
if [ -n "$stray" ]; then
  echo "error: the frozen app wrote outside the user's cache, config and state folders:" >&2
  echo "$stray" | sed 's/^/  /' >&2
  exit 1
fi
echo "no stray writes"

# The bundle's prebuilt meshes make a new account's first start a warm start: nothing is built.
bundle_dir="$(dirname "$app")"
if [ -d "$bundle_dir/_internal/prebuilt-meshes" ]; then
  built=$( { find "$work/home/.cache/brain-region-explorer/meshes" -type f 2>/dev/null || true; } | wc -l)
  if [ "$built" -ne 0 ]; then
    echo "error: the first start built $built mesh entries although the bundle ships prebuilt meshes" >&2
    exit 1
  fi
  echo "first start read the bundle's prebuilt meshes: nothing built"
else
  echo "error: the bundle has no prebuilt meshes (_internal/prebuilt-meshes)" >&2
  exit 1
fi

# The interface's translations: the app's own .qm and Qt's qtbase_<lang>.qm (the standard dialog
# buttons) for every language with a .ts file; the spec leaves Qt's other translations out.
for ts in assets/i18n/brain_explorer_*.ts; do
  lang="${ts##*/brain_explorer_}"
  lang="${lang%.ts}"
  for qm in "assets/i18n/brain_explorer_$lang.qm" "PySide6/Qt/translations/qtbase_$lang.qm"; do
    if [ ! -f "$bundle_dir/_internal/$qm" ]; then
      echo "error: the bundle has no $qm (interface in $lang)" >&2
      exit 1
    fi
  done
  echo "interface translation $lang: bundled"
done

# Every export from the frozen app, offline and small: the movie encoder (the ffmpeg binary that
# imageio-ffmpeg ships), the PDF writer and its fonts, and the glTF writer must all be in the bundle.
exports="$work/exports"
mkdir -p "$exports"
for args in "--screenshot $exports/shot.png --size 320x200 --transparent --labels --legend --inset" \
            "--movie $exports/turn.mp4 --frames 4 --size 96x64" \
            "--movie $exports/turn.gif --frames 4 --size 96x64" \
            "--handout $exports/handout.pdf" \
            "--export-model $exports/brain.glb"; do
  # shellcheck disable=SC2086 - the arguments are words
  if ! env -i PATH=/usr/bin:/bin HOME="$work/home" TMPDIR="$work/tmp" LANG=C.UTF-8 \
      "${offline[@]}" xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" "$app" $args >"$work/out/export.log" 2>&1; then
    cat "$work/out/export.log" >&2
    echo "error: the frozen app failed: $args" >&2
    exit 1
  fi
  tail -1 "$work/out/export.log"
done
for f in shot.png turn.mp4 turn.gif handout.pdf brain.glb; do
  [ -s "$exports/$f" ] || { echo "error: the frozen app's export wrote no $f" >&2; exit 1; }
done
echo "frozen exports: image, MP4, GIF, PDF handout and glTF model written"
