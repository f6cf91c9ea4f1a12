#!/usr/bin/env bash
# Set up (first time only) and run the whole test suite under a virtual X
# display (Xvfb) with a small window manager, as CI does. Extra arguments go
# to pytest, e.g. scripts/test.sh -k content
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${BRAIN_TEST_IN_XVFB:-}" ]; then
  scripts/bootstrap.sh test
  # CI and machines without a screen: re-run this script inside Xvfb
  if [ -z "${DISPLAY:-}" ] || [ -n "${CI:-}" ]; then
    export BRAIN_TEST_IN_XVFB=1
    exec xvfb-run -a -s "-screen 0 1920x1080x24 -nolisten tcp" "$0" "$@"
  fi
fi

if [ -n "${BRAIN_TEST_IN_XVFB:-}" ] && command -v openbox >/dev/null 2>&1; then
  openbox >/dev/null 2>&1 &
  wm_pid=$!
  trap 'kill $wm_pid 2>/dev/null || true' EXIT
fi

export QT_QPA_PLATFORM=xcb
set +e
.venv/bin/python -m pytest "$@"
rc=$?
set -e
if [ "$rc" -eq 5 ]; then
  echo "error: pytest collected no tests; that is a failure here" >&2
  exit 1
fi
exit "$rc"
