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
trap 'rm -f "$BRAIN_TEST_PHASE_FILE"; [ -n "${wm_pid:-}" ] && kill "$wm_pid" 2>/dev/null || true' EXIT

run_pytest() {   # one pytest process; its exit code, with a death by signal and "no tests" named
  local rc
  set +e
  .venv/bin/python -m pytest "$@"
  rc=$?
  set -e
  if [ "$rc" -gt 128 ]; then
    echo "error: pytest died of signal $((rc - 128)) while running: $(cat "$BRAIN_TEST_PHASE_FILE")" >&2
  elif [ "$rc" -eq 5 ]; then
    echo "error: pytest collected no tests ($*); that is a failure here" >&2
    rc=1
  fi
  return "$rc"
}

# Paths given (or -k and the like): one pytest run. Otherwise the whole suite, as one pytest
# process per group of folders: the GUI tests open and delete some 500 windows with OpenGL
# contexts, and a process that has done all of that has more to go wrong in its last windows
# (README, "Running the tests").
for arg in "$@"; do
  case "$arg" in
    -*) ;;
    *) run_pytest "$@"; exit $? ;;
  esac
done
groups=(
  "tests --ignore=tests/viewer"
  "tests/viewer --ignore=tests/viewer/window --ignore=tests/viewer/lecture --ignore=tests/viewer/presenter"
  "tests/viewer/lecture tests/viewer/presenter"
  "tests/viewer/window"
)
status=0
failed_groups=()
for group in "${groups[@]}"; do
  echo "== pytest ${group}" | cut -c1-160
  # shellcheck disable=SC2086 - a group is a list of paths and options
  if ! run_pytest "$@" $group; then
    status=1
    failed_groups+=("$(echo "$group" | cut -d' ' -f1)")
  fi
done
if [ "$status" -ne 0 ]; then
  echo "error: test groups failed: ${failed_groups[*]}" >&2
fi
exit "$status"
