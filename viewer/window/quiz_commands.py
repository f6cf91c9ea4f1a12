"""The Quiz menu and the quiz panel's place in the window.

:class:`QuizCommands` adds a *Quiz* menu (before *Help*), puts a
:class:`~viewer.window.quiz_panel.QuizPanel` in the side column (hidden until
a quiz is opened; the region panel steps aside while it shows) and a
:class:`~viewer.window.quiz_pointer.RegionPointer` on the 3D view. The quizzes
are read when first needed; a quiz file that cannot be used does not stop the
app: the menu and the panel say why, as plain text.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence

from atlases.errors import ExplorerError
from viewer.text.plain_text import literal
from viewer.window.quiz_panel import QuizPanel
from viewer.window.quiz_pointer import RegionPointer

log = logging.getLogger(__name__)

#: The longest error shown in a menu item (the whole message is in its tool tip and in the panel).
MENU_ERROR_CHARS = 90


def load_quizzes(content, loader=None):
    """The quizzes to offer, and why there are none (or "").

    Parameters
    ----------
    content : Content
    loader : callable, optional
        ``loader(content) -> dict[str, Quiz]``; the built-in quizzes by default.

    Returns
    -------
    quizzes : dict
    problem : str
        The loader's error, plain text ("" when the quizzes loaded).
    """
    if loader is None:
        from atlases.teaching.quiz import builtin_quizzes as loader
    try:
        return dict(loader(content)), ""
    except ExplorerError as exc:
        log.warning("quiz not available: %s", exc)
        return {}, str(exc)


class QuizCommands(QObject):
    """The window's quiz: menu, panel and pointer.

    Parameters
    ----------
    window : MainWindow
        Its state, content, brain view, side column, tour controller (reduce motion) and menu bar.
    loader : callable, optional
        Reads the quizzes (see :func:`load_quizzes`).
    """

    def __init__(self, window, loader=None):
        super().__init__(window)
        self.window, self._loader = window, loader
        self._loaded: tuple[dict, str] | None = None
        self.pointer = RegionPointer(window.state, window.brain_view,
                                     lambda: window.tour_controller.reduce_motion, parent=self)
        self.panel = QuizPanel(window.state, window.content, self.pointer)
        self.panel.hide()
        self.panel.closeRequested.connect(self.close)
        column = window.panel.parentWidget().layout()   # the side column
        column.insertWidget(column.indexOf(window.panel), self.panel, 1)
        self._build_menu()

    def _build_menu(self) -> None:
        w = self.window
        bar = w.menuBar()
        help_menu = bar.actions()[-1] if bar.actions() else None
        self.menu = w.menuBar().addMenu(self.tr("&Quiz"))
        if help_menu is not None:
            bar.insertMenu(help_menu, self.menu)
        self.open_action = w._action(self.tr("&Quiz…"), self.open, QKeySequence("Ctrl+Shift+Q"),
                                     tip=self.tr("Test yourself: questions on the regions and the mechanism"))
        self.menu.addAction(self.open_action)
        self.problem_action = self.menu.addAction("")
        self.problem_action.setEnabled(False)
        self.problem_action.setVisible(False)
        self.menu.aboutToShow.connect(self._update_menu)

    # public -------------------------------------------------------------------
    @property
    def problem(self) -> str:
        """Why no quiz can run ("" when the quizzes loaded)."""
        return self._quizzes()[1]

    @property
    def is_open(self) -> bool:
        return not self.panel.isHidden()

    def open(self) -> None:
        """Show the quiz panel on its start page (or why no quiz can run)."""
        quizzes, problem = self._quizzes()
        if problem:
            self.panel.show_error(self.tr("The quiz cannot start:\n\n%1").replace("%1", problem))
        elif self.panel.session is None or self.panel.pages.currentIndex() != 1:
            self.panel.set_quizzes(quizzes)
        self.window.splitter.set_side_open(True)
        self.window.side_action.setChecked(True)
        self.window.panel.hide()
        self.panel.show()
        (self.panel.close_button if problem else self.panel.start_button).setFocus()

    def close(self) -> None:
        """Hide the quiz panel (the region panel comes back)."""
        self.pointer.stop()
        self.panel.hide()
        self.window.panel.show()

    # internals -------------------------------------------------------------------
    def _quizzes(self) -> tuple[dict, str]:
        if self._loaded is None:
            self._loaded = load_quizzes(self.window.content, self._loader)
        return self._loaded

    def _update_menu(self) -> None:
        problem = self.problem
        first_line = problem.splitlines()[0] if problem else ""
        if len(first_line) > MENU_ERROR_CHARS:
            first_line = first_line[:MENU_ERROR_CHARS - 1] + "…"
        self.problem_action.setText(self.tr("No quiz: %1").replace("%1", first_line))
        self.problem_action.setToolTip(literal(problem))
        self.problem_action.setVisible(bool(problem))
        self.menu.setToolTipsVisible(True)
        self.open_action.setToolTip(literal(problem) if problem else self.open_action.statusTip())
