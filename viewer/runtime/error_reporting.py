"""Uncaught exceptions: logged in full, shown in a dialog, never a silent crash.

In a classroom nobody reads a terminal. :class:`ErrorReporter` replaces
``sys.excepthook`` (which PySide6 calls for an exception raised in a slot)
and ``threading.excepthook``: the full traceback goes to the log file of
:mod:`viewer.runtime.crash_log` (per-user, or in ``BRAIN_EXPLORER_LOG_DIR``)
and the user sees one short dialog naming that file. Dialogs are
rate-limited: never two at once, the same error at most once every
:data:`REPEAT_SECONDS`, and at most :data:`MAX_DIALOGS` in
:data:`WINDOW_SECONDS`; suppressed errors are still logged.
"""

from __future__ import annotations

import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from viewer import APP_NAME
from viewer.runtime.crash_log import summary, write_log
from viewer.text.plain_text import literal

#: The same error opens a dialog at most once in this many seconds.
REPEAT_SECONDS = 300.0
#: At most MAX_DIALOGS dialogs in WINDOW_SECONDS seconds.
MAX_DIALOGS, WINDOW_SECONDS = 3, 60.0


def _signature(exc_type, exc, tb) -> tuple:
    """Same type, message and place = the same error (for rate limiting)."""
    frames = traceback.extract_tb(tb)
    place = (frames[-1].filename, frames[-1].lineno) if frames else None
    return exc_type.__name__, str(exc)[:300], place


class ErrorReporter(QObject):
    """Install with :meth:`install`; log every uncaught exception and show a rate-limited dialog.

    Parameters
    ----------
    log_dir : Path, optional
        Defaults to :func:`viewer.runtime.crash_log.default_log_dir` (read when an error happens).
    parent : QObject, optional
    """

    #: (summary, log path or "", signature) - delivered in the GUI thread.
    _report = Signal(str, str, object)

    def __init__(self, log_dir: Path | None = None, parent=None):
        super().__init__(parent)
        self.log_dir = log_dir
        self.shown = 0        # dialogs opened
        self.suppressed = 0   # errors logged without a dialog
        self._open = False
        self._last_shown: dict[tuple, float] = {}
        self._recent: deque[float] = deque()
        self._previous: tuple[Callable[..., Any], Callable[..., Any]] | None = None  # sys's, threading's hooks
        self._report.connect(self._show, Qt.ConnectionType.QueuedConnection)

    # hooks ----------------------------------------------------------------
    def install(self) -> ErrorReporter:
        """Become ``sys.excepthook`` and ``threading.excepthook``."""
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook
        return self

    def uninstall(self) -> None:
        """Put the previous hooks back."""
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    def excepthook(self, exc_type, exc, tb, where: str = "") -> None:
        """Log the traceback, echo it to stderr, and ask for a dialog."""
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        path = write_log(exc_type, exc, tb, where, self.log_dir)
        try:
            sys.__excepthook__(exc_type, exc, tb)  # developers still see it in the terminal
        except Exception:  # noqa: BLE001 - stderr may be closed in a windowed app
            pass
        self._report.emit(summary(exc_type, exc), str(path or ""), _signature(exc_type, exc, tb))

    def thread_excepthook(self, args) -> None:
        """``threading.excepthook``: the same, naming the thread."""
        if args.exc_type is SystemExit:
            return
        self.excepthook(args.exc_type, args.exc_value, args.exc_traceback,
                        where=f"thread {args.thread.name if args.thread else '?'}")

    # dialog -----------------------------------------------------------------
    def _allowed(self, signature) -> bool:
        now = time.monotonic()
        while self._recent and now - self._recent[0] > WINDOW_SECONDS:
            self._recent.popleft()
        if self._open or len(self._recent) >= MAX_DIALOGS:
            return False
        last = self._last_shown.get(signature)
        return last is None or now - last > REPEAT_SECONDS

    def _show(self, text: str, log_path: str, signature) -> None:
        if QApplication.instance() is None or not self._allowed(signature):
            self.suppressed += 1
            return
        now = time.monotonic()
        self._recent.append(now)
        self._last_shown[signature] = now
        self.shown += 1
        more = self.tr("\n\n%n more error(s) happened and were only logged.", "", self.suppressed) \
            if self.suppressed else ""
        where = (self.tr("The details were saved in:\n%1").replace("%1", log_path) if log_path
                 else self.tr("The details could not be saved (the log folder is not writable)."))
        message = (self.tr("Something went wrong, but you can keep working:\n\n%1\n\n%2")
                   .replace("%1", text).replace("%2", where) + more)
        self.suppressed = 0
        self._open = True
        try:
            QMessageBox.critical(QApplication.activeWindow(), APP_NAME, literal(message))
        finally:
            self._open = False


def install_error_reporting(parent=None) -> ErrorReporter:
    """Create and install the reporter (``viewer.app`` calls this once the QApplication exists)."""
    return ErrorReporter(parent=parent).install()
