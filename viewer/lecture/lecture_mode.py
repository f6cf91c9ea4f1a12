"""Lecture mode: the window as a projector-ready presentation, driven by a clicker.

Entering (F5) remembers the theme, the window state and which parts of the
window are shown, then switches to the projector theme, hides the menus,
toolbar, status bar and side panel, shows the caption band with lecture-sized
text, starts the default tour if none runs and goes full screen: the window
covers exactly the screen it is on (also without a window manager, and again
when it is moved to another screen). Leaving (F5 or Esc) puts everything back.

Presentation clickers send PageDown/PageUp (or the arrow keys, Space, B and
".", W and ","). List and text widgets would eat those keys, so
:class:`LectureMode` filters key events for the whole application before any
widget sees them (only those aimed at its own window, so dialogs and menus
keep their keys):

=================================  ==========================================
PageDown, Right, Space             next step
PageUp, Left                       previous step
B or "."                           black screen (again: back)
W or ","                           white screen (again: back)
Esc                                leave lecture mode (first: end a blank screen)
=================================  ==========================================

The stepping keys and Esc (which ends the tour) also work while a tour runs
in the normal window.
"""

from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QSplitter, QStackedWidget, QToolBar, QWidget

from viewer.scene.themes import themes

#: The theme lecture mode switches to.
LECTURE_THEME = "projector"

_NEXT = {Qt.Key.Key_PageDown, Qt.Key.Key_Right, Qt.Key.Key_Space}
_PREVIOUS = {Qt.Key.Key_PageUp, Qt.Key.Key_Left}
_BLACK = {Qt.Key.Key_B, Qt.Key.Key_Period}
_WHITE = {Qt.Key.Key_W, Qt.Key.Key_Comma}


class BlankScreen(QWidget):
    """A page that is all one colour (the black or white screen of presentation software)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("blankScreen")
        self.setAutoFillBackground(True)
        self.color = "black"

    def set_color(self, color: str) -> None:
        self.color = color
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(color))
        self.setPalette(palette)


class LectureMode(QObject):
    """Enter and leave lecture mode; clicker keys; black and white screens.

    Parameters
    ----------
    window : QMainWindow
        The window to present. Its menu bar, tool bars and status bar are
        hidden in lecture mode.
    state : AppState
    controller : TourController
    stage : QStackedWidget
        The window's central widget; its first page is the normal content,
        a blank page is added to it.
    side : QWidget
        The side panel, hidden in lecture mode.
    default_tour : callable
        Returns the tour to start when none runs (or None).
    """

    def __init__(self, window, state, controller, stage: QStackedWidget, side: QWidget, default_tour,
                 parent=None):
        super().__init__(parent)
        self.window = window
        self.state = state
        self.controller = controller
        self.stage = stage
        self.side = side
        self.default_tour = default_tour
        self.blank_page = BlankScreen()
        stage.addWidget(self.blank_page)
        self._saved: dict | None = None
        self._normal_state = Qt.WindowState.WindowNoState
        QApplication.instance().installEventFilter(self)

    # state -----------------------------------------------------------------
    @property
    def active(self) -> bool:
        return self._saved is not None

    @property
    def blanked(self) -> str | None:
        """"black" or "white" while the screen is blanked, else None."""
        return self.blank_page.color if self.stage.currentWidget() is self.blank_page else None

    # entering and leaving ----------------------------------------------------
    def toggle(self) -> None:
        self.leave() if self.active else self.enter()

    def enter(self) -> None:
        """Switch to lecture mode (full screen, projector theme, caption band)."""
        if self.active:
            return
        w = self.window
        chrome = [w.menuBar(), w.statusBar(), self.side, *self._toolbars()]
        self._saved = {
            "theme": self.state.theme, "window_state": w.windowState(), "geometry": w.saveGeometry(),
            "visible": {widget: widget.isVisible() for widget in chrome},
            "splitter": self._splitter().sizes() if self._splitter() else None,
            "tour_running": self.controller.running,
            "labels": self.state.labels_visible,  # labels help on a projector; the lecturer's choice comes back
        }
        with self._one_repaint():
            for widget in chrome:
                widget.hide()
            if LECTURE_THEME in themes():
                self.state.set_theme(LECTURE_THEME)
            self.state.set_lecture_mode(True)
            self.state.set_labels_visible(True)
            if not self.controller.running:
                tour = self.default_tour()
                if tour is not None:
                    self.controller.start(tour)
            self.fill_screen()
        handle = w.windowHandle()
        if handle is not None:
            handle.screenChanged.connect(self._screen_changed)

    def fill_screen(self) -> None:
        """Cover the window's own screen (not the primary one) exactly.

        Full screen alone does not resize a window where no window manager
        runs (a kiosk, some projector set-ups): the geometry is set as well.
        """
        w = self.window
        screen = w.screen()
        if screen is not None and w.geometry() != screen.geometry():
            w.setGeometry(screen.geometry())
        if not w.isFullScreen():
            w.setWindowState(w.windowState() | Qt.WindowState.WindowFullScreen)

    def _screen_changed(self, _screen) -> None:
        if self.active:
            self.fill_screen()

    def leave(self) -> None:
        """Back to the window as it was before lecture mode."""
        if not self.active:
            return
        saved, self._saved = self._saved, None
        w = self.window
        handle = w.windowHandle()
        if handle is not None:
            try:
                handle.screenChanged.disconnect(self._screen_changed)
            except (RuntimeError, TypeError):   # never connected (the window had no native handle then)
                pass
        with self._one_repaint():
            self.unblank()
            if not saved["tour_running"]:
                self.controller.stop()
            self.state.set_lecture_mode(False)
            self.state.set_theme(saved["theme"])
            self.state.set_labels_visible(saved["labels"])
            w.setWindowState(saved["window_state"])
            if not saved["window_state"] & (Qt.WindowState.WindowFullScreen | Qt.WindowState.WindowMaximized):
                w.restoreGeometry(saved["geometry"])
            for widget, visible in saved["visible"].items():
                widget.setVisible(visible)
            if saved["splitter"]:
                self._splitter().setSizes(saved["splitter"])

    @contextmanager
    def _one_repaint(self):
        """Change many things with one repaint of the 3D view at the end.

        Every relayout would repaint the OpenGL widget (0.2 s a frame in
        software at 1920x1080); the widget is hidden meanwhile (state changes
        only request renders, which the one repaint at the end serves).
        """
        plotter = self.controller.brain_view.plotter
        plotter.hide()
        try:
            yield
            # lay everything out now, so the widget comes back at its final size
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        finally:
            plotter.show()

    def toggle_full_screen(self) -> None:
        """Plain full screen on/off (F11), in or out of lecture mode."""
        w = self.window
        if w.isFullScreen():
            w.setWindowState(self._normal_state)
        else:
            self._normal_state = w.windowState() & Qt.WindowState.WindowMaximized
            w.setWindowState(w.windowState() | Qt.WindowState.WindowFullScreen)

    def _toolbars(self) -> list[QToolBar]:
        return [t for t in self.window.findChildren(QToolBar) if t.parent() is self.window]

    def _splitter(self) -> QSplitter | None:
        """The splitter that holds the side panel (its sizes come back after lecture mode)."""
        parent = self.side.parentWidget()
        return parent if isinstance(parent, QSplitter) else None

    # blank screens -----------------------------------------------------------
    def blank(self, color: str) -> None:
        """Cover the window with ``color`` ("black" or "white"); the same colour again uncovers it."""
        if self.blanked == color:
            self.unblank()
            return
        self.blank_page.set_color(color)
        self.stage.setCurrentWidget(self.blank_page)

    def unblank(self) -> None:
        self.stage.setCurrentIndex(0)

    # clicker keys ------------------------------------------------------------
    def _command(self, key: int):
        """What a key does now, or None if it is not ours."""
        if self.active and self.blanked:
            if key in _BLACK:
                return lambda: self.blank("black")
            if key in _WHITE:
                return lambda: self.blank("white")
            if key in _NEXT | _PREVIOUS | {Qt.Key.Key_Escape}:
                return self.unblank   # the first key after a blank screen only uncovers it
            return None
        if self.controller.running:
            if key in _NEXT:
                return self.controller.next
            if key in _PREVIOUS:
                return self.controller.previous
        if self.active:
            if key in _BLACK:
                return lambda: self.blank("black")
            if key in _WHITE:
                return lambda: self.blank("white")
            if key == Qt.Key.Key_Escape:
                return self.leave
        elif self.controller.running and key == Qt.Key.Key_Escape:
            return self.controller.stop
        return None

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return False
        if not isinstance(watched, QWidget) or watched.window() is not self.window:
            return False
        if event.modifiers() & ~(Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier):
            return False   # Ctrl/Alt combinations stay with the menus
        command = self._command(event.key())
        if command is None:
            return False
        event.accept()
        if kind == QEvent.Type.KeyPress and not event.isAutoRepeat():
            command()
        return True   # ShortcutOverride accepted: the key arrives here as a KeyPress, not as a shortcut

    def close(self) -> None:
        """Stop filtering keys (call when the window closes)."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
