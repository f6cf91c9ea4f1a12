"""Shared test set-up.

* The repository root goes on ``sys.path`` so ``atlases``/``viewer``/``main``
  import from the checkout.
* Every test session gets its own empty mesh cache and nilearn data folders,
  so tests never read or write the user's real caches and never find a real
  downloaded atlas by accident.
* GUI tests are marked ``gui`` and skipped with a clear reason when there is
  no X display (run them under Xvfb, as ``scripts/test.sh`` does).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def pytest_configure(config):
    base = Path(os.environ.get("PYTEST_BRAIN_TMP", "")) if os.environ.get("PYTEST_BRAIN_TMP") else None
    if base is None:
        import tempfile

        base = Path(tempfile.mkdtemp(prefix="brain-explorer-tests-"))
    # HOME too: nilearn and the Harvard-Oxford source also look in ~/nilearn_data
    for name, sub in (("BRAIN_EXPLORER_CACHE_DIR", "mesh-cache"), ("NILEARN_DATA", "nilearn-data"),
                      ("NILEARN_SHARED_DATA", "nilearn-shared"), ("HOME", "home")):
        (base / sub).mkdir(parents=True, exist_ok=True)
        os.environ[name] = str(base / sub)
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")


def pytest_collection_modifyitems(config, items):
    if os.environ.get("DISPLAY"):
        return
    skip = pytest.mark.skip(reason="needs an X display: run the tests through scripts/test.sh (Xvfb)")
    for item in items:
        if "gui" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def repo_root() -> Path:
    return ROOT
