"""A one-line plain-text label that shortens its text with "…" instead of widening its window.

A ``QLabel`` without word wrap is as wide as its text at least, so one long
title (from a tour file) could make a full-screen window wider than the
screen. :class:`ElidedLabel` can shrink to almost nothing: it draws as much
of its text as fits, then "…". ``text()`` is still the whole text, which is
also the label's accessible name and, when shortened, its tooltip
(through :func:`viewer.text.plain_text.literal`).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QStyleOption

from viewer.text.plain_text import literal


class ElidedLabel(QLabel):
    """A plain-text label on one line that elides its end when it is too narrow."""

    def __init__(self, text: str = "", parent=None):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        text = str(text)
        super().setText(text)
        self.setAccessibleName(text)
        self._update_tip()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.fontMetrics().horizontalAdvance("…") + 2), hint.height())

    def elided_text(self) -> str:
        """What is drawn: the text, shortened with "…" to the label's width."""
        width = self.contentsRect().width()
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, max(0, width))

    def is_elided(self) -> bool:
        return self.elided_text() != self.text()

    def _update_tip(self) -> None:
        self.setToolTip(literal(self.text()) if self.text() and self.is_elided() else "")

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._update_tip()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        self._update_tip()   # a new font (style sheet) elides differently

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        option = QStyleOption()
        option.initFrom(self)
        self.style().drawItemText(painter, self.contentsRect(), int(self.alignment()), option.palette,
                                  self.isEnabled(), self.elided_text(), QPalette.ColorRole.WindowText)
        painter.end()
