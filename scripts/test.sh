#!/usr/bin/env bash
# Set up (first time only), run the static checks (ruff, lint-imports, mypy),
# then the whole test suite under a virtual X display (Xvfb) with a small
# window manager, as CI does. Extra arguments go to pytest, e.g.
# scripts/test.sh -k content
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

# The static checks first (each runs even when one before it failed, so one run shows every
# problem): ruff (lint and import order), import-linter (the layer contracts in pyproject.toml),
# mypy (the modules [tool.mypy] names). Set BRAIN_TEST_NO_LINT=1 to skip them while iterating.
if [ -z "${BRAIN_TEST_NO_LINT:-}" ]; then
  failed=()
  echo "== ruff check"
  .venv/bin/ruff check . || failed+=(ruff)
  echo "== lint-imports"
  .venv/bin/lint-imports --no-cache || failed+=(lint-imports)
  echo "== mypy"
  .venv/bin/mypy || failed+=(mypy)
  if [ ${#failed[@]} -gt 0 ]; then
    echo "error: static checks failed: ${failed[*]}" >&2
    exit 1
  fi
fi

export QT_QPA_PLATFORM=xcb
# the test that was running if pytest dies of a signal (tests/conftest.py writes it)
BRAIN_TEST_PHASE_FILE="$(mktemp)"
export BRAIN_TEST_PHASE_FILE
set +e
.venv/bin/python -m pytest "$@"
rc=$?
set -e
if [ "$rc" -gt 128 ]; then
  echo "error: pytest died of signal $((rc - 128)) while running: $(cat "$BRAIN_TEST_PHASE_FILE")" >&2
fi
rm -f "$BRAIN_TEST_PHASE_FILE"
if [ "$rc" -eq 5 ]; then
  echo "error: pytest collected no tests; that is a failure here" >&2
  exit 1
fi
exit "$rc"
