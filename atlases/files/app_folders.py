"""The app's per-user folders that do not come from Qt (standard library only).

The mesh cache and, in a bundle, matplotlib's config folder live here; the
settings file is Qt's (:mod:`viewer.settings.settings_file`) and the error log
has its own rule (:mod:`viewer.runtime.crash_log`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

#: The app's folder inside the platform's per-user cache folder (as the mesh cache's).
CACHE_FOLDER = "brain-region-explorer"


def user_cache_root(environ=None, platform: str | None = None) -> Path:
    """The app's per-user cache folder (``~/.cache/brain-region-explorer`` on Linux)."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if platform == "win32":
        base = Path(environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / CACHE_FOLDER
