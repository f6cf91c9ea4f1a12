"""The bar under the mechanism diagram: Back, Next, "Step 2 of 7: title", and the rival model toggle.

It only talks to the app state (see :mod:`viewer.diagram.diagram_widget` for
what it uses): the buttons and the arrow keys set the mechanism step, the
check box sets ``mechanism_rival``; everything shown follows the state.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from viewer.diagram.diagram_widget import step_for_key, step_mechanism


class MechanismStepBar(QWidget):
    """Step buttons, the current step's number and title, and the rival model check box.

    Parameters
    ----------
    state : AppState
    steps : sequence of (str, str)
        The mechanism's steps in order: (id, title). Titles are shown as plain text.
    has_rival : callable, optional
        ``has_rival(step_id)``: the diagram can show a rival model of this
        step (the check box shows only then). None: never.
    parent : QWidget, optional
    """

    def __init__(self, state, steps: Sequence[tuple[str, str]],
                 has_rival: Callable[[str], bool] | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("mechanismStepBar")
        self._state = state
        self._ids = [step_id for step_id, _ in steps]
        self._titles = dict(steps)
        self._has_rival = has_rival or (lambda _step: False)

        self.back_button = QPushButton(self.tr("◀ Back"), self)
        self.back_button.setToolTip(self.tr("Previous step (Left or Up arrow)"))
        self.next_button = QPushButton(self.tr("Next ▶"), self)
        self.next_button.setToolTip(self.tr("Next step (Right or Down arrow)"))
        self.rival_box = QCheckBox(self.tr("Rival model"), self)
        self.rival_box.setToolTip(self.tr("Show the competing explanation of this step"))
        keep = self.rival_box.sizePolicy()
        keep.setRetainSizeWhenHidden(True)   # no jump of the text below when it shows or hides
        self.rival_box.setSizePolicy(keep)
        self.step_label = QLabel(self)
        self.step_label.setObjectName("mechanismStepLabel")
        self.step_label.setTextFormat(Qt.TextFormat.PlainText)   # the title comes from a content file
        self.step_label.setWordWrap(True)
        self.step_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.back_button)
        row.addWidget(self.next_button)
        row.addStretch(1)
        row.addWidget(self.rival_box)
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 4, 4, 4)
        column.setSpacing(4)
        column.addLayout(row)
        column.addWidget(self.step_label)

        self.back_button.clicked.connect(lambda: step_mechanism(state, self._ids, -1))
        self.next_button.clicked.connect(lambda: step_mechanism(state, self._ids, 1))
        self.rival_box.toggled.connect(state.set_mechanism_rival)
        for child in (self.back_button, self.next_button, self.rival_box):
            child.installEventFilter(self)   # buttons would move the focus with the arrow keys
        state.mechanismStepChanged.connect(self._sync)
        state.mechanismRivalChanged.connect(self._sync)
        self._sync()

    def step_text(self) -> str:
        """The step line as shown ("Step 2 of 7: title")."""
        return self.step_label.text()

    def _sync(self, *_args) -> None:
        if not self._ids:
            self.setEnabled(False)
            return
        current = self._state.mechanism_step
        step = current if current in self._ids else self._ids[0]
        index = self._ids.index(step)
        self.step_label.setText(self.tr("Step %d of %d: %s") % (index + 1, len(self._ids), self._titles[step]))
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self._ids) - 1)
        self.rival_box.blockSignals(True)   # syncing from the state must not write back
        self.rival_box.setChecked(bool(self._state.mechanism_rival))
        self.rival_box.blockSignals(False)
        self.rival_box.setVisible(self._has_rival(step))

    def _step_key(self, event) -> bool:
        delta = step_for_key(event.key())
        if not delta or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        step_mechanism(self._state, self._ids, delta)
        return True

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._step_key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.KeyPress and self._step_key(event):
            event.accept()
            return True
        return False
