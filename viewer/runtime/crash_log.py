"""The crash log: full tracebacks of unexpected errors, in the per-user log folder.

Plain Python (no Qt), shared by the command line (``main.py``) and the
window's :mod:`viewer.runtime.error_reporting`. The folder is
:func:`default_log_dir`, or ``BRAIN_EXPLORER_LOG_DIR`` when set.
"""

from __future__ import annotations

import datetime
import os
import sys
import traceback
from pathlib import Path

from viewer import APP_NAME

#: Log file name inside the log folder.
LOG_NAME = "app.log"
#: A log larger than this is renamed to ``app.log.1`` (replacing the older one).
MAX_LOG_BYTES = 1_000_000


def default_log_dir() -> Path:
    """The per-user log folder (``BRAIN_EXPLORER_LOG_DIR`` overrides it).

    ``$XDG_STATE_HOME/brain-region-explorer`` (``~/.local/state/...``) on
    Linux, ``~/Library/Logs/Brain Region Explorer`` on macOS,
    ``%LOCALAPPDATA%\\brain-region-explorer\\logs`` on Windows.
    """
    override = os.environ.get("BRAIN_EXPLORER_LOG_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / "brain-region-explorer" \
            / "logs"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Logs" / APP_NAME
    return Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state") / "brain-region-explorer"


def write_log(exc_type, exc, tb, where: str = "", folder: Path | None = None) -> Path | None:
    """Append a timestamped traceback to the log file; return its path (None if it could not be written).

    Never raises: an error report must not cause a second error.
    """
    folder = Path(folder) if folder is not None else default_log_dir()
    path = folder / LOG_NAME
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    stamp = datetime.datetime.now().isoformat(timespec="seconds")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
            os.replace(path, path.with_name(LOG_NAME + ".1"))
        with open(path, "a", encoding="utf-8", errors="replace") as fh:
            fh.write(f"--- {stamp} uncaught exception{f' in {where}' if where else ''} (pid {os.getpid()})\n")
            fh.write(text)
            fh.write("\n")
    except OSError:
        return None
    return path


def summary(exc_type, exc) -> str:
    """One line for the dialog: the error's own message for the project's errors, else type and message."""
    from atlases.errors import ExplorerError

    if isinstance(exc, ExplorerError):
        return str(exc)
    message = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else ""
    return f"{exc_type.__name__}: {message}" if message else exc_type.__name__
