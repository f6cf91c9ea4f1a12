"""The quiz panel: choose a quiz and a mode, answer its questions, get feedback at once, see the score.

A box in the window's side column (:class:`viewer.window.quiz_commands.QuizCommands`
shows it). Pages: the start (quiz, Practice or Test, Start), a question, the
end (score and the review of missed questions), or why no quiz can run. The
session is :class:`atlases.teaching.quiz.QuizSession`; the panel only shows it:

- a "choice" question answers by a button (a click, number keys 1-6, or Tab
  to a button and Space/Enter);
- a "pick_region" question answers with the next region selected in the
  app state (a click in the 3D view, or the region list);
- an "order" question answers with the order of a reorderable list and Check.

Practice asks again until the answer is right; Test takes one answer. Once a
question is settled the feedback says why, cites its sources and the
:class:`~viewer.window.quiz_pointer.RegionPointer` shows the right region.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from atlases.teaching.quiz import QuizSession
from viewer.scene.themes import get_theme
from viewer.text.html_style import html_style
from viewer.text.plain_text import plain_label
from viewer.window.quiz_answers import MAX_NUMBERED, ChoiceButtons, OrderList
from viewer.window.quiz_text import feedback_html, item_text, review_html, score_text
from viewer.window.region_panel import SafeTextBrowser

_DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, MAX_NUMBERED + 1)}


def _button(text: str, parent, name: str) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAutoDefault(True)   # Enter presses the focused button (outside a dialog too)
    return button


class QuizPanel(QFrame):
    """The quiz, as a box of the side column.

    Parameters
    ----------
    state : AppState
        Selections answer "pick_region" questions.
    content : Content
        Names, step titles and references for the texts.
    pointer : RegionPointer, optional
        Shows the right region once a question is settled.
    """

    #: The user closed the quiz.
    closeRequested = Signal()

    def __init__(self, state, content, pointer=None, parent=None):
        super().__init__(parent)
        self.setObjectName("quizPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.state, self.content, self.pointer = state, content, pointer
        self.quizzes: dict = {}
        self.session: QuizSession | None = None
        self.feedback = None
        self.settled = False
        self._selecting = False   # the panel's own selection changes are no answers
        #: Returns False when a selection is no answer yet (the keyboard moves through the region list).
        self.answers_on_selection = lambda: True

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._start_page())
        self.pages.addWidget(self._question_page())
        self.pages.addWidget(self._end_page())
        self.error = plain_label("", self)
        self.error.setObjectName("quizError")
        self.error.setWordWrap(True)
        self.pages.addWidget(self.error)
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 6, 6, 6)
        heading = QHBoxLayout()
        heading.addWidget(QLabel(self.tr("<b>Quiz</b>"), self), 1)
        self.close_button = _button(self.tr("Close quiz"), self, "quizClose")
        self.close_button.clicked.connect(self.closeRequested)
        heading.addWidget(self.close_button)
        column.addLayout(heading)
        column.addWidget(self.pages, 1)
        state.selectedRegionChanged.connect(self._on_selection)

    # pages ------------------------------------------------------------------
    def _start_page(self) -> QWidget:
        page = QWidget(self)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        self.quiz_combo = QComboBox(page)
        self.quiz_combo.setAccessibleName(self.tr("Quiz"))
        self.quiz_combo.setObjectName("quizChooser")
        column.addWidget(self.quiz_combo)
        self.note = plain_label("", page)   # a quiz file that could not be used
        self.note.setObjectName("quizNote")
        self.note.setWordWrap(True)
        self.note.setMinimumWidth(1)
        self.note.hide()
        column.addWidget(self.note)
        self.practice = QRadioButton(self.tr("&Practice (try until right)"), page)
        self.test = QRadioButton(self.tr("&Test (one try each, scored)"), page)
        self.practice.setChecked(True)
        group = QButtonGroup(page)
        group.addButton(self.practice)
        group.addButton(self.test)
        column.addWidget(self.practice)
        column.addWidget(self.test)
        self.start_button = _button(self.tr("&Start"), page, "quizStart")
        self.start_button.clicked.connect(lambda: self.start())
        column.addWidget(self.start_button)
        column.addStretch(1)
        return page

    def _question_page(self) -> QWidget:
        page = QWidget(self)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        self.progress = QLabel(page)
        self.prompt = plain_label("", page)
        self.prompt.setObjectName("quizPrompt")
        self.prompt.setWordWrap(True)
        font = self.prompt.font()
        font.setBold(True)
        self.prompt.setFont(font)
        self.hint = QLabel(page)
        self.hint.setWordWrap(True)
        self.choices = ChoiceButtons(page)
        self.choices.chosen.connect(self.answer_choice)
        self.order_list = OrderList(page)
        self.order_list.setAccessibleName(self.tr("Steps to put in order"))
        self.check_button = _button(self.tr("&Check order"), page, "quizCheck")
        self.check_button.clicked.connect(self.check_order)
        self.feedback_label = QLabel(page)
        self.feedback_label.setObjectName("quizFeedback")
        self.feedback_label.setTextFormat(Qt.TextFormat.RichText)   # only escaped text (quiz_text) is set
        self.feedback_label.setWordWrap(True)
        self.feedback_label.setMinimumWidth(1)
        self.next_button = _button(self.tr("&Next question"), page, "quizNext")
        self.next_button.clicked.connect(self.next_question)
        for widget in (self.progress, self.prompt, self.hint, self.choices, self.order_list, self.check_button,
                       self.feedback_label, self.next_button):
            column.addWidget(widget)
        column.addStretch(1)
        return page

    def _end_page(self) -> QWidget:
        page = QWidget(self)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        self.score_label = QLabel(page)
        self.score_label.setObjectName("quizScore")
        font = self.score_label.font()
        font.setBold(True)
        self.score_label.setFont(font)
        self.review = SafeTextBrowser(page)
        self.review.setObjectName("quizReview")
        self.review.setAccessibleName(self.tr("Missed questions"))
        self.again_button = _button(self.tr("&Again"), page, "quizAgain")
        self.again_button.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        for widget in (self.score_label, self.review, self.again_button):
            column.addWidget(widget)
        return page

    # public -------------------------------------------------------------------
    def set_quizzes(self, quizzes: dict, note: str = "") -> None:
        """Offer ``quizzes`` (id -> Quiz) on the start page and show it; ``note``: plain text under the list."""
        self.quizzes = dict(quizzes)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.quiz_combo.clear()
        for quiz_id, quiz in self.quizzes.items():
            self.quiz_combo.addItem(quiz.title, quiz_id)
        self.start_button.setEnabled(bool(self.quizzes))
        self.pages.setCurrentIndex(0)

    def show_error(self, message: str) -> None:
        """Say (plain text) why no quiz can run."""
        self.quizzes = {}
        self.error.setText(message)
        self.pages.setCurrentWidget(self.error)

    def start(self, quiz_id: str | None = None, mode: str | None = None, seed=None) -> None:
        """Start a quiz (the chosen one and mode by default); ``seed`` fixes the order of questions and choices."""
        quiz_id = quiz_id or self.quiz_combo.currentData()
        if quiz_id not in self.quizzes:
            return
        mode = mode or ("test" if self.test.isChecked() else "practice")
        self.session = QuizSession(self.quizzes[quiz_id], mode=mode, seed=seed)
        self._show_question()

    @property
    def question(self):
        """The open question, or None."""
        return None if self.session is None or self.session.finished else self.session.current

    def answer_choice(self, index: int) -> None:
        question = self.question
        if question is None or question.kind != "choice" or self.settled:
            return
        if 0 <= index < len(self._shown_choices):
            self._answer(index, index)

    def answer_region(self, region_id: str) -> None:
        question = self.question
        if question is not None and question.kind == "pick_region" and not self.settled:
            self._answer(region_id)

    def check_order(self) -> None:
        question = self.question
        if question is not None and question.kind == "order" and not self.settled:
            self._answer(self.order_list.order())

    def next_question(self) -> None:
        if self.session is None or not self.settled:
            return
        if self.pointer is not None:
            self.pointer.stop()
        self.session.next()
        if self.session.finished:
            self._show_end()
        else:
            self._show_question()

    # flow -----------------------------------------------------------------------
    def _show_question(self) -> None:
        session, question = self.session, self.question
        self.settled, self.feedback = False, None
        self.pages.setCurrentIndex(1)
        self.progress.setText(self.tr("Question %1 of %2 · %3").replace("%1", str(session.index + 1))
                              .replace("%2", str(session.total))
                              .replace("%3", self.tr("Test") if session.mode == "test" else self.tr("Practice")))
        self.prompt.setText(question.prompt)
        kind = question.kind
        self._shown_choices = list(session.shown_choices()) if kind == "choice" else []
        self.choices.set_choices([str(c) for c in self._shown_choices])
        self.choices.setVisible(kind == "choice")
        self.order_list.setVisible(kind == "order")
        self.check_button.setVisible(kind == "order")
        if kind == "order":
            self.order_list.set_items([(str(s), item_text(self.content, str(s))) for s in session.shown_steps()])
            self.order_list.setEnabled(True)
            self.check_button.setEnabled(True)
        hints = {"choice": self.tr("Click an answer, or press its number."),
                 "pick_region": self.tr("Click the region in the 3D view (turn the brain as you like), "
                                        "or choose it in the region list (with the arrow keys, then Enter)."),
                 "order": self.tr("Drag the steps into order, or move the selected one with Alt+Up / Alt+Down; "
                                  "then Check.")}
        self.hint.setText(hints.get(kind, ""))
        self.feedback_label.clear()
        self.next_button.setEnabled(False)
        if kind == "pick_region":   # a fresh pick: selecting the region already selected must count too
            self._select(None)
        focus = {"choice": self.choices.buttons[0] if self.choices.buttons else None, "order": self.order_list}
        widget = focus.get(kind)
        (widget or self.next_button).setFocus()

    def _answer(self, value, button_index: int | None = None) -> None:
        session = self.session
        feedback = session.answer(value)
        self.feedback = feedback
        self.settled = feedback.settled
        if button_index is not None:
            self.choices.mark(button_index, feedback.correct)
            if not self.settled:
                self.choices.buttons[button_index].setEnabled(False)
        self.feedback_label.setText(feedback_html(self.content, self.question, feedback, self.settled,
                                                  html_style(get_theme(self.state.theme))))   # readable colours
        if self.settled:
            if not feedback.correct and feedback.expected in self._shown_choices:   # show the right one too
                self.choices.mark(self._shown_choices.index(feedback.expected), True)
            self.choices.set_answerable(False)
            self.order_list.setEnabled(False)
            self.check_button.setEnabled(False)
            self.next_button.setEnabled(True)
            self.next_button.setFocus()
            region = feedback.region
            if region and self.pointer is not None and region in self.content.regions:
                self._selecting = True
                try:
                    self.pointer.point_at(region)
                finally:
                    self._selecting = False

    def _show_end(self) -> None:
        right, answered = self.session.score
        self.score_label.setText(score_text(right, answered))
        self.review.setHtml(review_html(self.content, self.session.missed))
        self.pages.setCurrentIndex(2)
        self.again_button.setFocus()

    def _select(self, region_id) -> None:
        self._selecting = True
        try:
            self.state.select_region(region_id)
        finally:
            self._selecting = False

    def _on_selection(self, region_id) -> None:
        if region_id is not None and not self._selecting and self.isVisible() and self.answers_on_selection():
            self.answer_region(region_id)

    # keyboard ---------------------------------------------------------------------
    def _digit(self, event) -> int | None:
        """The choice number of a plain digit key while a choice question is open."""
        question = self.question
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier or question is None or self.settled:
            return None
        if question.kind != "choice" or self.pages.currentIndex() != 1:
            return None
        return _DIGITS.get(event.key())

    def event(self, event) -> bool:
        # digits are the view shortcuts elsewhere: inside the panel they answer
        if event.type() == QEvent.Type.ShortcutOverride and self._digit(event) is not None:
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        number = self._digit(event)
        if number is not None:
            self.answer_choice(number - 1)
            event.accept()
            return
        super().keyPressEvent(event)
