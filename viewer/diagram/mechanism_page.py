"""The Mechanism tab's page: the diagram on top, the step bar, then the step text.

The diagram takes the height its width asks for (the canvas's aspect), but
never more than :data:`DIAGRAM_SHARE` of the page, so the text below keeps
room to read in a small window. The page places its three parts itself: a
layout would make the diagram's chosen height its minimum, and the page could
then make the side panel (and the window) taller than a small screen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QWidget

from viewer.diagram.diagram_widget import MechanismDiagramView
from viewer.diagram.step_bar import MechanismStepBar

#: The largest part of the page's height the diagram takes.
DIAGRAM_SHARE = 0.5


class MechanismPage(QWidget):
    """A diagram (optional), a step bar and a body widget, one above the other.

    Parameters
    ----------
    bar : MechanismStepBar
    body : QWidget
        The step text (it gets the height that is left).
    diagram : MechanismDiagramView or None
        None: the page has no diagram (content without one).
    parent : QWidget, optional
    """

    def __init__(self, bar: MechanismStepBar, body: QWidget, diagram: MechanismDiagramView | None = None,
                 parent=None):
        super().__init__(parent)
        self.setObjectName("mechanismPage")
        self.diagram, self.bar, self.body = diagram, bar, body
        for child in (diagram, bar, body):   # placed by _place, not by a layout (see diagram_height)
            if child is not None:
                child.setParent(self)
        self.setFocusProxy(diagram if diagram is not None else body)

    def diagram_height(self, width: int, height: int) -> int:
        """The diagram's height in a page ``width`` x ``height``."""
        if self.diagram is None:
            return 0
        lowest = self.diagram.minimumSizeHint().height()
        return max(lowest, min(self.diagram.heightForWidth(width), round(DIAGRAM_SHARE * height)))

    def _bar_height(self, width: int) -> int:
        return max(self.bar.minimumSizeHint().height(), self.bar.heightForWidth(width))

    def _place(self) -> None:
        width, height = self.width(), self.height()
        top = self.diagram_height(width, height)
        if self.diagram is not None:
            self.diagram.setGeometry(0, 0, width, top)
        bar = self._bar_height(width)
        self.bar.setGeometry(0, top, width, bar)
        self.body.setGeometry(0, top + bar, width, max(0, height - top - bar))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        parts = [w.minimumSizeHint() for w in (self.diagram, self.bar, self.body) if w is not None]
        return QSize(max(p.width() for p in parts), sum(p.height() for p in parts))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        parts = [w.sizeHint() for w in (self.diagram, self.bar, self.body) if w is not None]
        return QSize(max(p.width() for p in parts), sum(p.height() for p in parts))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._place()

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:   # a child's size hint changed (text size, step title)
            self._place()
        return super().event(event)
