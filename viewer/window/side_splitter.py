"""The 3D view beside the side panel: a splitter the user can narrow or collapse the panel in.

* The panel scrolls (:func:`scrolling_panel`), so it never makes the window
  taller or wider than a small screen, at any text size.
* The panel never takes more than half the width: the 3D view keeps at least half.
* Its width (or that it is collapsed) is remembered in the settings, as the
  splitter's saved state; only the two widths are read back from it.
"""

from __future__ import annotations

import struct

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import QFrame, QScrollArea, QSplitter, QStyle, QWidget

#: The settings key of the splitter's state, and its largest believable size in bytes (Qt writes 31).
SETTINGS_KEY, MAX_STATE_BYTES = "splitter", 1024
#: No screen is wider than this (in device-independent pixels): a larger saved width is no width.
MAX_SAVED_WIDTH = 100_000
_MAGIC = 0xFF   # QSplitter's SplitterMagic


def saved_sizes(data: bytes, count: int = 2) -> list[int] | None:
    """The widths in a saved QSplitter state (``QSplitter.saveState``), or None if they are not believable.

    The state begins with the magic number, a version (0 or 1) and the list
    of ``count`` sizes, each a big-endian 32-bit integer. The orientation,
    handle width and flags that follow are not read: they are the app's, not the file's.
    """
    head = struct.Struct(">iiI")
    if len(data) < head.size + 4 * count:
        return None
    magic, version, n = head.unpack_from(data)
    if magic != _MAGIC or version not in (0, 1) or n != count:
        return None
    sizes = list(struct.unpack_from(f">{count}i", data, head.size))
    if any(not 0 <= size <= MAX_SAVED_WIDTH for size in sizes) or sizes[0] == 0:
        return None
    return sizes


def scrolling_panel(content: QWidget) -> QScrollArea:
    """``content`` in a frameless scroll area that shows scroll bars only when it is cut."""
    area = QScrollArea()
    area.setObjectName("sidePanel")
    area.setAccessibleName(QCoreApplication.translate("SidePanel", "Side panel"))
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)   # no tab stop of its own: a focused child scrolls into view
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    return area


class SideSplitter(QSplitter):
    """The 3D view (left) and the side panel (right); the panel collapses, the view does not.

    Parameters
    ----------
    view : QWidget
        The 3D view's column; it keeps at least half of the width.
    side : QWidget
        The side panel.
    """

    def __init__(self, view: QWidget, side: QWidget, parent=None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("sideSplitter")
        self.addWidget(view)
        self.addWidget(side)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 2)
        self.setCollapsible(0, False)
        self.setCollapsible(1, True)
        self._open_width = 0   # the panel's width before it was collapsed
        self._sizes_chosen = False   # restored from the settings: the first show keeps them
        self._shown = False

    @property
    def side(self) -> QWidget:
        return self.widget(1)

    def side_collapsed(self) -> bool:
        """True when the user has collapsed the panel (a hidden panel is not collapsed)."""
        return self.sizes()[1] == 0 and not self.side.isHidden()

    def set_side_open(self, open_: bool) -> None:
        """Collapse the panel, or open it again at its last width (at most half the width)."""
        view, side = self.sizes()
        total = view + side
        if not open_:
            if side:
                self._open_width = side
            self.setSizes([total, 0])
            return
        if side:
            return
        width = self._open_width or self.side.sizeHint().width()
        width = min(width, self._half_for_side(self.width()))
        self.setSizes([max(1, total - width), width])

    def _half_for_side(self, width: int) -> int:
        """The widest the panel may be in a splitter ``width`` wide: the view keeps half."""
        return max(0, width - self.handleWidth() - (width + 1) // 2)

    def side_needs(self) -> int:
        """The width at which the panel shows its content without a horizontal scroll bar."""
        side = self.side
        content = side.widget() if isinstance(side, QScrollArea) else side
        bar = side.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, side)
        return content.minimumSizeHint().width() + bar

    def widen_side(self) -> None:
        """Widen an open panel that is narrower than its content needs, as far as half the width."""
        view, side = self.sizes()
        if side == 0 or self.side.isHidden():
            return
        width = min(self.side_needs(), self._half_for_side(self.width()))
        if width > side:
            self.setSizes([view + side - width, width])

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.side.setMaximumWidth(self._half_for_side(event.size().width()))
        super().resizeEvent(event)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._shown:
            self._shown = True
            if not self._sizes_chosen:   # (sizes from the settings are the user's choice)
                self.widen_side()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if self._shown and event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            QTimer.singleShot(0, self, self.widen_side)   # a larger text size: the panel needs more room

    # settings ----------------------------------------------------------------
    def restore_sizes(self, state: QByteArray | None) -> list[int] | None:
        """Use the widths of a saved state (see :func:`saved_sizes`) and return them; None, and nothing changed,
        if they are unusable."""
        sizes = saved_sizes(bytes(state)) if state is not None else None
        if sizes is not None:
            self.setSizes(sizes)
            self._sizes_chosen = True
        return sizes
