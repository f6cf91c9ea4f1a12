"""The clicker keys in the presenter window: they drive the same tour as in the main window.

:class:`ClickerKeys` catches the presentation keys (PageDown, PageUp, the
arrows, Space, B, ".", W, ",", Esc) aimed at any widget of the presenter
window, before that widget sees them, and sends them to the main window,
where :class:`~viewer.lecture.lecture_mode.LectureMode` turns them into the
tour's commands: one rule for both windows, so a key does the same thing
whichever window has the focus. Keys with Ctrl or Alt, and every key while
no tour runs and lecture mode is off (Space then presses a focused button),
are left alone; Up, Down and Enter stay with the step list.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

#: The keys forwarded to the main window.
CLICKER_KEYS = frozenset({
    Qt.Key.Key_PageDown, Qt.Key.Key_PageUp, Qt.Key.Key_Right, Qt.Key.Key_Left, Qt.Key.Key_Space,
    Qt.Key.Key_B, Qt.Key.Key_Period, Qt.Key.Key_W, Qt.Key.Key_Comma, Qt.Key.Key_Escape,
})


class ClickerKeys(QObject):
    """Forward the clicker keys of ``window`` to ``target``.

    Parameters
    ----------
    window : QWidget
        The presenter window (keys aimed at its widgets are caught).
    target : QWidget
        The main window (its LectureMode filter handles them).
    active : callable
        True while the keys mean something (a tour runs or lecture mode is on).
    forwarded : callable, optional
        Called after each forwarded key press (the presenter refreshes its status).
    """

    def __init__(self, window: QWidget, target: QWidget, active, forwarded=None, parent=None):
        super().__init__(parent if parent is not None else window)
        self.window = window
        self.target = target
        self.active = active
        self.forwarded = forwarded
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return False
        if not isinstance(watched, QWidget) or watched.window() is not self.window:
            return False
        if event.key() not in CLICKER_KEYS or not self.active():
            return False
        if event.modifiers() & ~(Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier):
            return False
        event.accept()
        if kind == QEvent.Type.KeyPress and not event.isAutoRepeat():
            QApplication.sendEvent(self.target, QKeyEvent(QEvent.Type.KeyPress, event.key(), event.modifiers(),
                                                          event.text()))
            if self.forwarded is not None:
                self.forwarded()
        return True   # a ShortcutOverride accepted here comes back as a KeyPress

    def close(self) -> None:
        """Stop catching keys (the presenter window closes)."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
