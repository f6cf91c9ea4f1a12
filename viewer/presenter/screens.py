"""The screens Qt knows, as :class:`~viewer.presenter.screen_plan.ScreenInfo`, and windows moved onto them.

``QScreen`` objects are read only through ``QGuiApplication`` (never
``QWidget.screen()``: see the note in pyvistaqt's ``rwi.py``), and never kept:
a screen can be unplugged at any moment.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication

from viewer.presenter.screen_plan import Rect, ScreenInfo, fit_rect, screen_of

_FULL = Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen


def rect_tuple(rect: QRect) -> Rect:
    return rect.x(), rect.y(), rect.width(), rect.height()


def screen_infos(leaving=None) -> list[ScreenInfo]:
    """The screens there are now, without ``leaving`` (a screen being removed), primary marked."""
    primary = QGuiApplication.primaryScreen()
    infos = []
    for screen in QGuiApplication.screens():
        if leaving is not None and screen is leaving:
            continue
        infos.append(ScreenInfo(name=screen.name(), geometry=rect_tuple(screen.geometry()),
                                available=rect_tuple(screen.availableGeometry()), primary=screen is primary))
    return infos


def window_screen(window, screens: list[ScreenInfo]) -> int | None:
    """The index of the screen that holds most of ``window`` (None when it lies on none)."""
    return screen_of(rect_tuple(window.frameGeometry()), screens)


def put_on_screen(window, screen: ScreenInfo, rect: Rect | None = None, maximise: bool = False,
                  whole_screen: bool = False) -> None:
    """Move ``window`` onto ``screen``: to ``rect`` (default: the available area), maximised or not.

    ``rect`` is kept inside the available area, or inside the whole screen
    with ``whole_screen`` (a window going full screen). A maximised or
    full-screen window is made normal first: a window manager keeps such a
    window where it is.
    """
    area = screen.geometry if whole_screen else screen.available
    target = fit_rect(rect if rect is not None else area, area)
    if window.windowState() & _FULL:
        window.setWindowState(window.windowState() & ~_FULL)
    handle = window.windowHandle()
    qscreen = next((s for s in QGuiApplication.screens() if s.name() == screen.name), None)
    if handle is not None and qscreen is not None:
        # at once: with a window manager the window's screen follows a move only when the manager
        # answers, and lecture mode fills the screen the window is on
        handle.setScreen(qscreen)
    window.setGeometry(*target)
    if maximise:
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def keep_on_screens(window, screens: list[ScreenInfo]) -> None:
    """Move ``window`` onto the nearest existing screen when it lies on none (a screen was unplugged)."""
    if not screens or window_screen(window, screens) is not None:
        return
    index = next((i for i, s in enumerate(screens) if s.primary), 0)
    put_on_screen(window, screens[index], rect_tuple(window.geometry()))
