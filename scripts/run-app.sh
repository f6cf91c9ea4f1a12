#!/usr/bin/env bash
# Set up (first time only) and start the app. Extra arguments go to main.py,
# e.g. scripts/run-app.sh --screenshot brain.png
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh app
exec .venv/bin/python main.py "$@"
