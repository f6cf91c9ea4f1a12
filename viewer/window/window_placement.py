"""Put the main window on the screen: applies :mod:`viewer.window.window_fit` to a Qt window.

``QScreen`` objects are only read here, through ``QGuiApplication`` (never
``QWidget.screen()``: see the note in pyvistaqt's ``rwi.py``).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication

from viewer.window.window_fit import Placement, Rect, place_saved

#: The frame assumed before the window manager has framed the window: a title bar and borders
#: as thick as common desktops draw them (openbox: 1, 20, 1, 5; Windows 10: 0-8, 31, 0-8, 0-8).
FRAME_ALLOWANCE = (8, 40, 8, 8)

_FULL = Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen


def rect_tuple(rect: QRect) -> Rect:
    """``(x, y, width, height)`` of a QRect."""
    return rect.x(), rect.y(), rect.width(), rect.height()


def available_areas() -> tuple[list[Rect], int]:
    """Every screen's available area (without panels), and the index of the primary screen."""
    screens = QGuiApplication.screens()
    primary = QGuiApplication.primaryScreen()
    areas = [rect_tuple(screen.availableGeometry()) for screen in screens]
    index = next((i for i, screen in enumerate(screens) if screen is primary or screen == primary), 0)
    return areas, index


def frame_margins(window) -> tuple[int, int, int, int]:
    """The window's frame margins, or :data:`FRAME_ALLOWANCE` while it has no frame yet."""
    frame, client = window.frameGeometry(), window.geometry()
    if not window.isVisible() or frame == client:
        return FRAME_ALLOWANCE
    return (client.left() - frame.left(), client.top() - frame.top(),
            frame.right() - client.right(), frame.bottom() - client.bottom())


def place_window(window, restored: bool, preferred: tuple[int, int], minimum: tuple[int, int]) -> Placement:
    """Fit ``window`` to the screens: its saved place if ``restored``, else ``preferred`` size.

    Call after ``restoreGeometry`` (whose answer is ``restored``) and before
    the window is shown. A maximised or full-screen window stays so; its
    normal geometry is fitted too, for when it is made normal again.
    """
    areas, primary = available_areas()
    saved = rect_tuple(window.normalGeometry()) if restored else None
    placement = place_saved(saved, frame_margins(window), areas, preferred, minimum, primary)
    full = window.windowState() & _FULL if restored else Qt.WindowState.WindowNoState
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.setGeometry(*placement.rect)
    if placement.maximise and not full & Qt.WindowState.WindowFullScreen:
        full = Qt.WindowState.WindowMaximized
    if full:
        window.setWindowState(full)
    return placement
