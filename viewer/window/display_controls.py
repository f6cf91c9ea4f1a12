"""Display controls: cortex opacity, hemispheres, cutaway."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import QCheckBox, QFormLayout, QHBoxLayout, QSlider, QWidget

from viewer.window.app_state import AppState


class DisplayControls(QWidget):
    """Widgets bound to the display options of :class:`AppState`."""

    def __init__(self, state: AppState, parent=None):
        super().__init__(parent)
        self.state = state
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)

        self.opacity = QSlider(Qt.Orientation.Horizontal)
        self.opacity.setRange(0, 100)
        self.opacity.setAccessibleName(self.tr("Cortex opacity"))
        self.opacity.setToolTip(self.tr("How solid the surrounding cortex looks (0 hides it)"))
        form.addRow(self.tr("Cortex"), self.opacity)

        hemis = QWidget()
        row = QHBoxLayout(hemis)
        row.setContentsMargins(0, 0, 0, 0)
        self.left = QCheckBox(self.tr("Left"))
        self.right = QCheckBox(self.tr("Right"))
        self.left.setAccessibleName(self.tr("Left hemisphere"))
        self.right.setAccessibleName(self.tr("Right hemisphere"))
        row.addWidget(self.left)
        row.addWidget(self.right)
        row.addStretch(1)
        form.addRow(self.tr("Hemispheres"), hemis)

        self.cutaway = QCheckBox(self.tr("Cut away the lower cortex"))
        self.cutaway.setToolTip(self.tr("Removes the cortex below the hippocampus's top so it can be seen"))
        form.addRow("", self.cutaway)

        self._sync()
        self.opacity.valueChanged.connect(lambda v: state.set_cortex_opacity(v / 100.0))
        self.left.toggled.connect(self._hemis_toggled)
        self.right.toggled.connect(self._hemis_toggled)
        self.cutaway.toggled.connect(state.set_cutaway)
        state.cortexOpacityChanged.connect(self._sync)
        state.hemispheresChanged.connect(self._sync)
        state.cutawayChanged.connect(self._sync)

    def _hemis_toggled(self) -> None:
        chosen = {h for h, box in (("left", self.left), ("right", self.right)) if box.isChecked()}
        if not chosen:  # at least one hemisphere stays visible
            self._sync()
            return
        self.state.set_hemispheres(chosen)

    def _sync(self, *args) -> None:
        s = self.state
        for widget in (self.opacity, self.left, self.right, self.cutaway):
            blocker = QSignalBlocker(widget)
            if widget is self.opacity:
                widget.setValue(round(s.cortex_opacity * 100))
            elif widget is self.cutaway:
                widget.setChecked(s.cutaway)
            else:
                widget.setChecked(("left" if widget is self.left else "right") in s.hemispheres)
            del blocker
