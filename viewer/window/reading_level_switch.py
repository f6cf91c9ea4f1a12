"""The panel's reading-level switch: Intro (secondary school) or Advanced (university) texts.

Two exclusive buttons above the panel's tabs. The level lives in the state
(:attr:`~viewer.window.app_state.AppState.reading_level`); the switch sets it
when clicked, follows it when something else changes it, and keeps it in the
settings between runs: :meth:`ReadingLevelSwitch.restore_settings` reads the
saved level and from then on writes each change there (so the main window's
own save needs no line for it).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QToolButton, QWidget

from atlases.teaching.content import READING_LEVELS
from viewer.settings.values import read_str
from viewer.window.app_state import AppState

#: The settings key of the reading level.
SETTINGS_KEY = "reading_level"


class ReadingLevelSwitch(QWidget):
    """A segmented pair of buttons choosing the reading level of the panel's texts.

    Parameters
    ----------
    state : AppState
        The shared state holding the level.
    parent : QWidget, optional
    """

    def __init__(self, state: AppState, parent=None):
        super().__init__(parent)
        self.setObjectName("readingLevelSwitch")
        self._state = state
        self._settings: QSettings | None = None
        labels = {"intro": (self.tr("Intro"), self.tr("Shorter texts in everyday words (secondary school)")),
                  "advanced": (self.tr("Advanced"), self.tr("The full texts, with mechanisms and evidence "
                                                            "(university)"))}
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QToolButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(0)
        caption = QLabel(self.tr("Reading level:"), self)
        layout.addWidget(caption)
        layout.addSpacing(6)
        for level in READING_LEVELS:
            text, tip = labels[level]
            button = QToolButton(self)
            button.setObjectName(f"readingLevel_{level}")
            button.setText(text)
            button.setToolTip(tip)
            button.setCheckable(True)
            button.setAutoRaise(False)
            button.clicked.connect(lambda _checked=False, lv=level: state.set_reading_level(lv))
            self.group.addButton(button)
            self.buttons[level] = button
            layout.addWidget(button)
        caption.setBuddy(self.buttons[READING_LEVELS[0]])
        layout.addStretch(1)
        state.readingLevelChanged.connect(self._sync)
        self._sync(state.reading_level)

    def _sync(self, level: str) -> None:
        button = self.buttons.get(level)
        if button is not None:
            button.blockSignals(True)
            button.setChecked(True)
            button.blockSignals(False)
        if self._settings is not None:
            self.save_settings(self._settings)

    def restore_settings(self, settings: QSettings) -> None:
        """Apply the saved level (a missing or damaged value keeps the current one); save changes there from now on."""
        self._state.set_reading_level(read_str(settings, SETTINGS_KEY, self._state.reading_level, READING_LEVELS))
        self._settings = settings

    def save_settings(self, settings: QSettings) -> None:
        """Remember the current level."""
        settings.setValue(SETTINGS_KEY, self._state.reading_level)
