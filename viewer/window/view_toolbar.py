"""The tool bar of view buttons, which fits narrow windows.

Its buttons show the views' full names when they fit and short names when
the window is narrower than that (a 1024 px projector at a large text size);
what still does not fit goes behind Qt's overflow button (») at the end of
the bar. Only the buttons' text changes: the actions, their menu entries,
tool tips and keyboard shortcuts stay the same.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolBar

#: Short button names, by view name (and "reset" for the reset button); the window translates them
#: in the "ViewToolbar" context.
SHORT_LABELS = {
    "lateral": QT_TRANSLATE_NOOP("ViewToolbar", "Left"),
    "lateral_right": QT_TRANSLATE_NOOP("ViewToolbar", "Right"),
    "medial": QT_TRANSLATE_NOOP("ViewToolbar", "Medial L"),
    "medial_right": QT_TRANSLATE_NOOP("ViewToolbar", "Medial R"),
    "anterior": QT_TRANSLATE_NOOP("ViewToolbar", "Front"),
    "posterior": QT_TRANSLATE_NOOP("ViewToolbar", "Back"),
    "superior": QT_TRANSLATE_NOOP("ViewToolbar", "Top"),
    "inferior": QT_TRANSLATE_NOOP("ViewToolbar", "Bottom"),
    "reset": QT_TRANSLATE_NOOP("ViewToolbar", "Reset"),
}


class ViewToolbar(QToolBar):
    """A tool bar whose buttons switch to short names when the full ones do not fit."""

    def __init__(self, title: str, parent=None):
        super().__init__(title, parent)
        self.setObjectName("ViewsToolbar")
        self._labels: dict[QAction, tuple[str, str]] = {}   # action -> (full, short) button text
        self.compact = False

    def add_labelled_action(self, action: QAction, short: str) -> None:
        """Add ``action``; its button shows ``short`` when the bar is too narrow for the full names."""
        self._labels[action] = (action.iconText(), short)
        if self.compact:
            action.setIconText(short)
        self.addAction(action)
        self._fit_labels()

    def full_width(self) -> int:
        """How wide the bar would be with every button showing its full name."""
        extra = 0
        for action, (full, _short) in self._labels.items():
            button = self.widgetForAction(action)
            if button is not None:
                metrics = button.fontMetrics()
                extra += metrics.horizontalAdvance(full) - metrics.horizontalAdvance(action.iconText())
        return self.sizeHint().width() + extra

    def _fit_labels(self) -> None:
        compact = self.full_width() > self.width()
        if compact == self.compact:
            return
        self.compact = compact
        for action, (full, short) in self._labels.items():
            action.setIconText(short if compact else full)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_labels()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            QTimer.singleShot(0, self, self._fit_labels)   # once the buttons have their new size
