"""The answer widgets of a quiz question: numbered choice buttons, and a reorderable list of steps.

Both work with the mouse and with the keyboard alone. The choice buttons are
in the Tab order and answer on a click, Space or Enter (number keys are the
quiz panel's, :class:`viewer.window.quiz_panel.QuizPanel`). The order list
reorders by drag and drop, or by Alt+Up/Down (also Ctrl+Up/Down) on the
current item. The texts come from content files: buttons and list items show
text as plain text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QPushButton, QVBoxLayout, QWidget

#: At most this many choices get a number key (1-6).
MAX_NUMBERED = 6


class ChoiceButtons(QWidget):
    """One button per choice, numbered; emits the chosen choice's index."""

    chosen = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("quizChoices")
        self.buttons: list[QPushButton] = []
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)

    def set_choices(self, texts: list[str]) -> None:
        """Show ``texts`` as buttons "1. text", "2. text", ... (enabled)."""
        for button in self.buttons:
            self._column.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        for n, text in enumerate(texts, start=1):
            label = f"{n}. {text}" if n <= MAX_NUMBERED else text
            button = QPushButton(label, self)
            button.setObjectName(f"quizChoice{n}")
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.setAutoDefault(True)   # Enter presses the focused button (outside a dialog too)
            button.setStyleSheet("text-align: left; padding: 4px 8px;")
            button.clicked.connect(lambda _=False, i=n - 1: self.chosen.emit(i))
            self._column.addWidget(button)
            button.setVisible(True)   # now, not when the layout's queued show runs: the first one takes the focus
            self.buttons.append(button)
        before = self.previousInFocusChain()   # Tab reaches new buttons here, not after the panel's last control
        while before.focusPolicy() == Qt.FocusPolicy.NoFocus and before is not self:   # (setTabOrder skips those)
            before = before.previousInFocusChain()
        for button in self.buttons:
            QWidget.setTabOrder(before, button)
            before = button

    def set_answerable(self, on: bool) -> None:
        for button in self.buttons:
            button.setEnabled(on)

    def mark(self, index: int, correct: bool) -> None:
        """Mark the button of an answer given as right or wrong (its text gains ✓ or ✗)."""
        if 0 <= index < len(self.buttons):
            button = self.buttons[index]
            if not button.text().startswith(("✓", "✗")):
                button.setText(("✓ " if correct else "✗ ") + button.text())


class OrderList(QListWidget):
    """A list the student puts in order: drag and drop, or Alt/Ctrl+Up/Down moves the current item."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("quizOrder")
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self._keys: list[str] = []

    def set_items(self, items: list[tuple[str, str]]) -> None:
        """Show ``(key, text)`` pairs in this order; :meth:`order` gives the keys back."""
        self.clear()
        for key, text in items:
            self.addItem(text)
            self.item(self.count() - 1).setData(Qt.ItemDataRole.UserRole, key)
        self.setCurrentRow(0)

    def order(self) -> list[str]:
        """The keys in the order shown."""
        return [self.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.count())]

    def move_current(self, delta: int) -> bool:
        """Move the current item ``delta`` rows (it stays current); False at an end."""
        row = self.currentRow()
        target = row + delta
        if row < 0 or not 0 <= target < self.count():
            return False
        item = self.takeItem(row)
        self.insertItem(target, item)
        self.setCurrentRow(target)
        return True

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        modifiers = event.modifiers() & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ControlModifier)
        if modifiers and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_current(-1 if event.key() == Qt.Key.Key_Up else 1)
            event.accept()
            return
        super().keyPressEvent(event)
