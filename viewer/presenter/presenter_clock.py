"""The presenter view's elapsed-time clock: start, pause, reset; it starts with the tour.

The time is measured with a monotonic clock (:class:`QElapsedTimer`), so a
paused or busy event loop never loses seconds; the label is refreshed once a
second, and only while the clock runs. :meth:`ElapsedClock.stop_timers` stops
the refresh for good (the presenter window calls it when it closes).
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

#: How often the label is refreshed while the clock runs (ms).
TICK_MS = 1000
#: Elapsed times are shown up to this many hours (a clock left running for days stays readable).
MAX_HOURS = 99


def format_elapsed(ms: int) -> str:
    """``m:ss`` below an hour, ``h:mm:ss`` above (negative counts as 0, capped at :data:`MAX_HOURS`)."""
    seconds = min(max(int(ms), 0) // 1000, MAX_HOURS * 3600 + 59 * 60 + 59)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


class ElapsedClock(QWidget):
    """A label with the elapsed time and Start/Pause and Reset buttons."""

    #: The clock started (True) or paused (False).
    runningChanged = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._elapsed = QElapsedTimer()
        self._banked_ms = 0   # time counted before the last pause
        self.label = QLabel(format_elapsed(0), self)
        self.label.setObjectName("presenterClock")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setAccessibleName(self.tr("Elapsed time"))
        self.start_button = QPushButton(self.tr("Start"), self)
        self.start_button.setObjectName("presenterClockStart")
        self.start_button.setToolTip(self.tr("Start or pause the clock"))
        self.start_button.clicked.connect(self.toggle)
        self.reset_button = QPushButton(self.tr("Reset"), self)
        self.reset_button.setToolTip(self.tr("Set the clock back to 0:00"))
        self.reset_button.clicked.connect(self.reset)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.start_button)
        row.addWidget(self.reset_button)
        self._tick = QTimer(self, interval=TICK_MS)
        self._tick.timeout.connect(self._show)

    @property
    def running(self) -> bool:
        return self._elapsed.isValid()

    def elapsed_ms(self) -> int:
        """Milliseconds counted so far."""
        return self._banked_ms + (self._elapsed.elapsed() if self.running else 0)

    def start(self) -> None:
        if self.running:
            return
        self._elapsed.start()
        self._tick.start()
        self._show()
        self.runningChanged.emit(True)

    def pause(self) -> None:
        if not self.running:
            return
        self._banked_ms += self._elapsed.elapsed()
        self._elapsed.invalidate()
        self._tick.stop()
        self._show()
        self.runningChanged.emit(False)

    def toggle(self) -> None:
        self.pause() if self.running else self.start()

    def reset(self) -> None:
        """Back to 0:00; a running clock keeps running from there."""
        self._banked_ms = 0
        if self.running:
            self._elapsed.restart()
        self._show()

    def restart(self, from_ms: int = 0) -> None:
        """Running from ``from_ms`` (0 when a tour starts; the tour's age when the window comes later)."""
        self.reset()
        self._banked_ms = max(int(from_ms), 0)
        self.start()
        self._show()

    def stop_timers(self) -> None:
        """Pause and stop the refresh timer (the window closes)."""
        self.pause()
        self._tick.stop()

    def _show(self) -> None:
        self.label.setText(format_elapsed(self.elapsed_ms()))
        self.start_button.setText(self.tr("Pause") if self.running else self.tr("Start"))
