"""The Quiz menu and the quiz panel's place in the window.

:class:`QuizCommands` adds a *Quiz* menu (before *Help*), puts a
:class:`~viewer.window.quiz_panel.QuizPanel` in the side column (hidden until
a quiz is opened; the region panel steps aside while it shows) and a
:class:`~viewer.window.quiz_pointer.RegionPointer` on the 3D view. The quizzes
are read when first needed (the built-in ones and a lecturer's, see
:func:`available_quizzes`); a quiz file that cannot be used does not stop the
app: the menu and the panel say why, as plain text, and the other quizzes
are still offered. *Quiz the class* runs a quiz in lecture mode
(:class:`~viewer.window.quiz_class.ClassQuiz`).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence

from atlases.errors import ExplorerError
from viewer.text.plain_text import literal
from viewer.window.quiz_class import ClassQuiz
from viewer.window.quiz_panel import QuizPanel
from viewer.window.quiz_pointer import RegionPointer

log = logging.getLogger(__name__)

#: The longest error shown in a menu item (the whole message is in its tool tip and in the panel).
MENU_ERROR_CHARS = 90


def available_quizzes(content, folder=None) -> tuple[dict, str]:
    """The quizzes to offer: the built-in ones and a lecturer's (``folder/quizzes/*.toml``), and what failed.

    Parameters
    ----------
    content : Content
        The questions' ids are checked against it.
    folder : str or Path, optional
        The ``--content`` folder.

    Returns
    -------
    quizzes : dict
        Quiz id -> Quiz, of the sets that loaded.
    problem : str
        Why a set could not be used, plain text ("" when all loaded).
    """
    from atlases.resources import DEFAULT_LANGUAGE, builtin_language
    from atlases.teaching.quiz import builtin_quizzes, load_folder_quizzes

    quizzes, problems = {}, []
    language = builtin_language(content.folder) or DEFAULT_LANGUAGE   # the built-in quizzes follow the content
    loaders = [lambda c: builtin_quizzes(c, language)]
    loaders += [lambda c: load_folder_quizzes(folder, c)] if folder is not None else []
    for loader in loaders:
        try:
            quizzes.update(loader(content))
        except ExplorerError as exc:
            log.warning("quiz file not used: %s", exc)
            problems.append(str(exc))
    return quizzes, "\n\n".join(problems)


class _ListKeys(QObject):
    """Region picks from the region list by keyboard: the arrows only move, Enter answers.

    A mouse click in the list answers at once (through the selection, as a
    click in the 3D view does); moving through the list with the arrow keys
    selects each region in turn, so while the keyboard drives the list the
    answer waits for Enter.
    """

    def __init__(self, panel, region_list):
        super().__init__(panel)
        self.panel, self.region_list = panel, region_list
        self._keyboard = False
        region_list.installEventFilter(self)
        region_list.viewport().installEventFilter(self)

    def answers_on_selection(self) -> bool:
        """False while the keyboard moves through the list (then Enter answers)."""
        return not (self._keyboard and self.region_list.hasFocus())

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress:
            self._keyboard = False
        elif kind == QEvent.Type.KeyPress and watched is self.region_list:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                region = self.panel.state.selected_region
                question = self.panel.question
                if region and question is not None and question.kind == "pick_region" and self.panel.isVisible():
                    self.panel.answer_region(region)
                    return True
            else:
                self._keyboard = True
        return False


class QuizCommands(QObject):
    """The window's quiz: menu, panel and pointer.

    Parameters
    ----------
    window : MainWindow
        Its state, content, brain view, side column, tour controller (reduce motion) and menu bar.
    folder : str or Path, optional
        A lecturer's content folder: its ``quizzes/*.toml`` are offered too.
    """

    def __init__(self, window, folder=None):
        super().__init__(window)
        self.window, self.folder = window, folder
        self._loaded: tuple[dict, str] | None = None
        self.pointer = RegionPointer(window.state, window.brain_view,
                                     lambda: window.tour_controller.reduce_motion, parent=self)
        self.panel = QuizPanel(window.state, window.content, self.pointer)
        self.panel.hide()
        self.panel.closeRequested.connect(self.close)
        self._list_keys = _ListKeys(self.panel, window.region_list)
        self.panel.answers_on_selection = self._list_keys.answers_on_selection
        column = window.panel.parentWidget().layout()   # the side column
        column.insertWidget(column.indexOf(window.panel), self.panel, 1)
        self.class_quiz = ClassQuiz(window, self.pointer)
        stage = window.caption_band.parentWidget().layout()   # the stage column: brain, then the caption band
        stage.insertWidget(stage.indexOf(window.caption_band), self.class_quiz)
        self._build_menu()
        window.installEventFilter(self)   # its close stops the pointer before the 3D view is released

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.pointer.stop()
        return False

    def _build_menu(self) -> None:
        w = self.window
        bar = w.menuBar()
        help_menu = bar.actions()[-1] if bar.actions() else None
        self.menu = w.menuBar().addMenu(self.tr("&Quiz"))
        if help_menu is not None:
            bar.insertMenu(help_menu, self.menu)
        self.open_action = w.add_action(self.tr("&Quiz…"), self.open, QKeySequence("Ctrl+Shift+Q"),
                                     tip=self.tr("Test yourself: questions on the regions and the mechanism"))
        self.menu.addAction(self.open_action)
        self.class_action = w.add_action(self.tr("Quiz the &class (lecture mode)"), self.quiz_the_class,
                                      tip=self.tr("A big question under the brain; the clicker (PageDown) "
                                                  "reveals the answer, then the next question"))
        self.menu.addAction(self.class_action)
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
        if not quizzes:
            self.panel.show_error(self.tr("The quiz cannot start:\n\n%1").replace("%1", problem))
        elif self.panel.session is None or self.panel.pages.currentIndex() != 1:
            self.panel.set_quizzes(quizzes, self.tr("Not offered: %1").replace("%1", problem) if problem else "")
        self.window.splitter.set_side_open(True)
        self.window.side_action.setChecked(True)
        self.window.panel.hide()
        self.panel.show()
        (self.panel.start_button if quizzes else self.panel.close_button).setFocus()

    def set_content(self, content, quizzes: dict, problem: str = "") -> None:
        """Offer another content's quizzes (a content pack's); ``problem``: plain text, why some are not offered.

        A quiz under way goes on (its questions were checked when it started); the start page lists the new set.
        """
        self.folder = None
        self._loaded = (dict(quizzes), problem)
        self.panel.content = content
        if self.is_open and (self.panel.session is None or self.panel.pages.currentIndex() != 1):
            self.open()

    def quiz_the_class(self, quiz_id: str | None = None, seed=None) -> bool:
        """Start ``quiz_id`` (the first quiz by default) for the class in lecture mode; False when none can run."""
        quizzes, _problem = self._quizzes()
        quiz = quizzes.get(quiz_id) if quiz_id else next(iter(quizzes.values()), None)
        if quiz is None:
            self.open()   # the panel says why
            return False
        self.close()
        self.class_quiz.start(quiz, seed=seed)
        return True

    def close(self) -> None:
        """Hide the quiz panel (the region panel comes back)."""
        self.pointer.stop()
        self.panel.hide()
        self.window.panel.show()

    # internals -------------------------------------------------------------------
    def _quizzes(self) -> tuple[dict, str]:
        if self._loaded is None:
            self._loaded = available_quizzes(self.window.content, self.folder)
        return self._loaded

    def _update_menu(self) -> None:
        problem = self.problem
        first_line = problem.splitlines()[0] if problem else ""
        if len(first_line) > MENU_ERROR_CHARS:
            first_line = first_line[:MENU_ERROR_CHARS - 1] + "…"
        self.problem_action.setText(self.tr("Quiz file not used: %1").replace("%1", first_line))
        self.problem_action.setToolTip(literal(problem))
        self.problem_action.setVisible(bool(problem))
        self.menu.setToolTipsVisible(True)
        self.open_action.setToolTip(literal(problem) if problem else self.open_action.statusTip())
