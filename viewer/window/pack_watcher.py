"""Watching a content pack's files: one ``changed`` signal per burst of saves.

A :class:`QFileSystemWatcher` watches the pack's folder, sub-folders and files
(a zip pack: the zip file). Editors save in bursts (a temporary file, a
rename, a backup) and some save by writing a new file and renaming it over
the old one, which drops the old file's watch; so every change restarts a
:data:`DEBOUNCE_MS` timer, and when the burst is over the watcher watches the
paths again and emits ``changed`` once, if the watched files really differ
from last time (their size, modification time and the folders' listings). A
watched path that is missing then (a zip being written again) is looked for
every :data:`RETRY_MS` until it is back. Call :meth:`stop` when the window
closes: no timer outlives it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

#: Quiet time after the last change before the pack is read again (ms).
DEBOUNCE_MS = 300
#: How often a watched path that has gone missing is looked for (ms).
RETRY_MS = 500


def fingerprint(paths: Iterable[Path]) -> tuple:
    """What a reload depends on: each file's size and modification time, each folder's listing."""
    parts = []
    for path in paths:
        try:
            info = os.stat(path)
        except OSError:
            parts.append((str(path), None))
            continue
        if os.path.isdir(path):
            try:
                parts.append((str(path), tuple(sorted(os.listdir(path)))))
            except OSError:
                parts.append((str(path), None))
        else:
            parts.append((str(path), info.st_size, info.st_mtime_ns, info.st_ino))
    return tuple(parts)


class PackWatcher(QObject):
    """Emits ``changed`` once after a burst of changes to the watched paths.

    Parameters
    ----------
    debounce_ms : int
        Quiet time before ``changed`` is emitted.
    """

    #: The watched files changed (once per burst).
    changed = Signal()

    def __init__(self, debounce_ms: int = DEBOUNCE_MS, parent=None):
        super().__init__(parent)
        self.watcher = QFileSystemWatcher(self)
        self.timer = QTimer(self, singleShot=True, interval=debounce_ms)
        self.timer.timeout.connect(self._settled)
        self.retry = QTimer(self, singleShot=True, interval=RETRY_MS)   # a missing path: look again later
        self.retry.timeout.connect(self._settled)
        self.watcher.fileChanged.connect(self._touched)
        self.watcher.directoryChanged.connect(self._touched)
        self._paths: tuple[Path, ...] = ()
        self._print: tuple = ()

    def watch(self, paths: Iterable[Path]) -> None:
        """Watch ``paths`` (files and folders; those missing now are watched once they exist) instead."""
        self.retry.stop()
        self._paths = tuple(Path(p) for p in paths)
        self._print = fingerprint(self._paths)
        self._rewatch()
        if any(not os.path.exists(p) for p in self._paths):
            self.retry.start()

    def stop(self) -> None:
        """Watch nothing and stop the timer (call when the window closes)."""
        self.timer.stop()
        self.retry.stop()
        self._paths, self._print = (), ()
        self._clear()

    @property
    def paths(self) -> tuple[Path, ...]:
        return self._paths

    def _clear(self) -> None:
        watched = self.watcher.files() + self.watcher.directories()
        if watched:
            self.watcher.removePaths(watched)

    def _rewatch(self) -> None:
        """Watch again every path that exists (a rename-save dropped its watch)."""
        self._clear()
        existing = [str(p) for p in self._paths if os.path.exists(p)]
        if existing:
            self.watcher.addPaths(existing)

    def _touched(self, _path: str) -> None:
        if self._paths:
            self.timer.start()   # (re)start: one signal when the burst is over

    def _settled(self) -> None:
        self._rewatch()
        if any(not os.path.exists(p) for p in self._paths):
            self.retry.start()
        now = fingerprint(self._paths)
        if now != self._print:
            self._print = now
            self.changed.emit()
