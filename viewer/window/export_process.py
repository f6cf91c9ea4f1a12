"""Run one export in a child process (``main.py --export-child JOB.json``), with progress and Cancel.

The window only starts the child and reads its output lines through
``QProcess`` signals: no thread, no render in the window's process, so the
window stays responsive however long a 4K movie takes. Cancel asks the child
to stop (SIGTERM: it leaves no file); a child that has not stopped after
:data:`KILL_AFTER_MS` is killed, and the temporary files it may have left
beside the target are removed.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QProcess, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog

from atlases.child_process_flags import EXPORT_FLAG

#: The folder from which ``python -m main`` finds this tree's packages.
_CODE_ROOT = Path(__file__).resolve().parents[2]
#: A cancelled child that still runs this long after SIGTERM is killed.
KILL_AFTER_MS = 5000
#: The progress dialog shows only for exports that take longer than this.
SHOW_AFTER_MS = 500
#: Most bytes of the child's stderr kept (its last ``error:`` line is the message).
MAX_STDERR = 64 * 1024
EXIT_CANCELLED = 130


def child_command(job_path: str | Path) -> list[str]:
    """The command line of an export child for the job file ``job_path``."""
    if getattr(sys, "frozen", False):   # a PyInstaller app: sys.executable is the app itself
        return [sys.executable, EXPORT_FLAG, str(job_path)]
    return [sys.executable, "-m", "main", EXPORT_FLAG, str(job_path)]


class ExportProcess(QObject):
    """One export job running in a child process.

    Signals
    -------
    progressed(int, int)
        Frames or pages done, and their total.
    done(int, str)
        The child's exit code (0 written, 1 failed, 2 refused, 130 cancelled) and its message: the path
        written, or the error's one line.
    """

    progressed = Signal(int, int)
    done = Signal(int, str)

    def __init__(self, job, label: str, parent_widget=None, written: Path | None = None):
        from viewer.exports.jobs import write_job_file

        super().__init__(parent_widget)
        self.job = job
        # where the child's temporaries go: beside the file written (a link's target), not the link
        self.target = Path(written) if written is not None else Path(job.output).expanduser()
        self._started = time.time()
        self._out = b""
        self._err = b""
        self._written = ""
        self._cancelled = False
        self._finished = False
        self._folder = tempfile.mkdtemp(prefix="brain-explorer-export-")
        try:
            job_path = write_job_file(job, self._folder)
        except BaseException:
            shutil.rmtree(self._folder, ignore_errors=True)
            raise
        self.dialog = QProgressDialog(label, self.tr("Cancel"), 0, 0, parent_widget)
        self.dialog.setWindowTitle(self.tr("Exporting"))
        self.dialog.setWindowModality(Qt.WindowModality.NonModal)   # the window stays usable
        self.dialog.setMinimumDuration(SHOW_AFTER_MS)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self.process = QProcess(self)
        self.process.setWorkingDirectory(str(_CODE_ROOT))
        self.process.readyReadStandardOutput.connect(self._read_output)
        self.process.readyReadStandardError.connect(self._read_errors)
        self.process.finished.connect(self._finished_child)
        self.process.errorOccurred.connect(self._failed_to_start)
        self._kill_timer = QTimer(self)
        self._kill_timer.setSingleShot(True)
        self._kill_timer.timeout.connect(self._kill)
        self._command = child_command(job_path)

    def start(self) -> None:
        """Start the child (after the caller has connected :attr:`done`: a failed start reports at once)."""
        self.process.start(self._command[0], self._command[1:])

    def running(self) -> bool:
        return not self._finished

    def cancel(self) -> None:
        """Ask the child to stop; it is killed if it has not after :data:`KILL_AFTER_MS`."""
        if self._finished or self._cancelled:
            return
        self._cancelled = True
        self.dialog.setLabelText(self.tr("Cancelling…"))
        self.process.terminate()
        self._kill_timer.start(KILL_AFTER_MS)

    def stop_now(self) -> None:
        """The window closes: end the child at once and wait for it (briefly)."""
        if self._finished:
            return
        self._cancelled = True
        self.process.terminate()   # SIGTERM first: the child stops its ffmpeg and removes its temporary
        if not self.process.waitForFinished(1000):
            self.process.kill()
            self.process.waitForFinished(3000)

    def _kill(self) -> None:
        if not self._finished:
            self.process.kill()

    def _read_output(self) -> None:
        self._out += bytes(self.process.readAllStandardOutput().data())
        *lines, self._out = self._out.split(b"\n")
        for raw in lines:
            line = raw.decode("utf-8", "replace").strip()
            words = line.split()
            if len(words) == 3 and words[0] == "progress" and words[1].isdigit() and words[2].isdigit():
                done, total = int(words[1]), int(words[2])
                if not self._cancelled and total > 0:
                    self.dialog.setMaximum(total)
                    self.dialog.setValue(min(done, total))
                self.progressed.emit(done, total)
            elif line.startswith("status ") and self.job.kind == "handout" and not self._cancelled:
                # the handout's steps are marked for translation in its context (viewer/exports/handout.py)
                self.dialog.setLabelText(QCoreApplication.translate("Handout", line[len("status "):]))
            elif line.startswith("wrote "):
                self._written = line[len("wrote "):]

    def _read_errors(self) -> None:
        self._err = (self._err + bytes(self.process.readAllStandardError().data()))[-MAX_STDERR:]

    def _message(self) -> str:
        lines = [ln.strip() for ln in self._err.decode("utf-8", "replace").splitlines() if ln.strip()]
        errors = [ln[len("error: "):] for ln in lines if ln.startswith("error: ")]
        return errors[-1] if errors else (lines[-1] if lines else "")

    def _failed_to_start(self, error) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._err += f"error: the export could not start ({self.process.errorString()})".encode()
            self._finish(1)

    def _finished_child(self, exit_code: int, status) -> None:
        self._read_output()
        self._read_errors()
        if self._cancelled:
            code = EXIT_CANCELLED
        elif status != QProcess.ExitStatus.NormalExit:
            code = 1
            self._err += b"\nerror: the export stopped unexpectedly"
        else:
            code = exit_code
        self._finish(code)

    def _finish(self, code: int) -> None:
        if self._finished:
            return
        self._finished = True
        self._kill_timer.stop()
        self.dialog.reset()
        self.dialog.hide()
        self.dialog.deleteLater()
        shutil.rmtree(self._folder, ignore_errors=True)
        if code != 0:
            self._remove_leftovers()
        message = self._written if code == 0 else self._message()
        self.done.emit(code, message)

    def _remove_leftovers(self) -> None:
        """A killed child cannot clean up: its temporaries beside the target (``.NAME.XXXX.part``) go here."""
        folder, name = self.target.parent, self.target.name
        try:
            candidates = list(folder.glob(f".{glob_escape(name[:64])}.*.part"))
        except OSError:
            return
        for path in candidates:
            try:
                if path.is_file() and path.stat().st_mtime >= self._started - 1:
                    path.unlink()
            except OSError:
                pass


def glob_escape(text: str) -> str:
    """``text`` with the glob wildcards made literal."""
    import glob

    return glob.escape(text)
