"""Background jobs: build an atlas's meshes, download an atlas.

Both run in a ``QThread`` so the window keeps repainting, and report back
through signals (delivered in the GUI thread). Only numpy arrays cross the
thread boundary; VTK objects are made in the GUI thread.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal


class _Job(QObject):
    progress = Signal(str, float)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, fn, *args, **kwargs):
        super().__init__()
        self._fn, self._args, self._kwargs = fn, args, kwargs

    def run(self) -> None:
        from atlases.errors import ExplorerError

        try:
            result = self._fn(*self._args, **self._kwargs)
        except ExplorerError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 - report, never crash the GUI thread
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.finished.emit(result)


class BackgroundTask(QObject):
    """Run ``fn(*args, **kwargs)`` in a worker thread.

    A task runs once. After it has reported (``finished`` or ``failed``) it
    deletes itself, its job and its thread, so a window that loads many atlases
    keeps none of them.

    Signals
    -------
    progress(str, float)
        From ``progress`` callbacks of the job, if it takes one.
    finished(object)
        The return value.
    failed(str)
        A one-line message.
    """

    progress = Signal(str, float)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, fn, *args, parent=None, **kwargs):
        super().__init__(parent)
        self.cancel_event = threading.Event()
        self._ended = False
        self._thread = QThread()
        self._job = _Job(fn, *args, **kwargs)
        self._job.moveToThread(self._thread)
        self._thread.started.connect(self._job.run)
        self._thread.finished.connect(self._job.deleteLater)   # deleted in its own thread, as it ends
        self._job.progress.connect(self.progress)
        self._job.finished.connect(self._done)
        self._job.failed.connect(self._fail)

    def report(self, message: str, fraction: float) -> None:
        """A thread-safe progress callback to pass to the job."""
        self._job.progress.emit(message, fraction)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self.cancel_event.set()

    def is_running(self) -> bool:
        return not self._ended and self._thread.isRunning()

    def wait(self, ms: int = 30_000) -> bool:
        return self._ended or self._thread.wait(ms)

    def _end(self) -> None:
        self._ended = True
        self._thread.quit()
        self._thread.wait()

    def _done(self, result) -> None:
        self._end()
        self.finished.emit(result)
        self.deleteLater()

    def _fail(self, message: str) -> None:
        self._end()
        self.failed.emit(message)
        self.deleteLater()


def load_model_task(atlas_id: str, data_dir: str | Path | None, parent=None) -> BackgroundTask:
    """A task that builds (or reads from cache) the meshes of one atlas."""
    from atlases.meshes.brain_model import load_brain_model

    # meshes are built in a child process: VTK holds the GIL, a thread would stall the window
    task: BackgroundTask  # the job reports through the task it runs in
    task = BackgroundTask(lambda: load_brain_model(atlas_id, data_dir=data_dir, progress=task.report,
                                                   in_child=True),
                          parent=parent)
    return task


def download_task(data_dir: str | Path | None, parent=None) -> BackgroundTask:
    """A task that downloads the Harvard-Oxford atlas; ``cancel()`` aborts it."""
    from atlases.sources.harvard_oxford_download import download_harvard_oxford

    task: BackgroundTask  # the job polls the task it runs in for a cancel
    task = BackgroundTask(lambda: download_harvard_oxford(data_dir, cancel=task.cancel_event.is_set),
                          parent=parent)
    return task
