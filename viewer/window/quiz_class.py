"""A quiz for a whole class in lecture mode: a big question under the brain, answers revealed by the clicker.

*Quiz ▸ Quiz the class* enters lecture mode (:mod:`viewer.lecture.lecture_mode`),
ends the tour it starts, and shows the first quiz's questions one at a time
in a band under the 3D view, in type sized to the screen. The clicker's
next key (PageDown, Right or Space) first reveals the answer (the right
choice, the order, or the region, which the camera flies to and pulses),
then goes to the next question. Nobody answers in the app: the class answers
aloud, so the session reveals (:meth:`atlases.teaching.quiz.QuizSession.reveal`).
Leaving lecture mode ends the class quiz. Texts from quiz files are escaped.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QVBoxLayout, QWidget

from atlases.teaching.quiz import QuizSession
from viewer.text.content_html import rich_text
from viewer.window.quiz_text import answer_text, citations, item_text

#: The clicker's "next" keys (as in lecture mode).
NEXT_KEYS = {Qt.Key.Key_PageDown, Qt.Key.Key_Right, Qt.Key.Key_Space}
#: Type sizes as parts of the window's height: the question, the answers.
PROMPT_SHARE, BODY_SHARE = 1 / 22, 1 / 36


def _label(parent) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.RichText)   # only escaped text is set
    label.setWordWrap(True)
    label.setMinimumWidth(1)
    return label


class ClassQuiz(QFrame):
    """The lecture-mode quiz band.

    Parameters
    ----------
    window : MainWindow
        Its state, content, lecture mode and tour controller.
    pointer : RegionPointer
        Shows a revealed region.
    """

    def __init__(self, window, pointer, parent=None):
        super().__init__(parent)
        self.setObjectName("classQuiz")
        self.window_, self.pointer = window, pointer
        self.session: QuizSession | None = None
        self.revealed = False
        self.prompt = _label(self)
        self.body = _label(self)
        self.answer = _label(self)
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 12, 24, 12)
        for label in (self.prompt, self.body, self.answer):
            column.addWidget(label)
        self.hide()
        window.state.lectureModeChanged.connect(lambda on: None if on else self.stop())
        QApplication.instance().installEventFilter(self)   # after lecture mode's filter, so it runs first

    @property
    def running(self) -> bool:
        return self.session is not None

    def start(self, quiz, seed=None) -> None:
        """Enter lecture mode (without its tour) and show the first question of ``quiz``."""
        lecture = self.window_.lecture
        lecture.enter()
        self.window_.tour_controller.stop()
        self.session = QuizSession(quiz, mode="test", seed=seed)
        self.show()
        self._show()

    def stop(self) -> None:
        self.session = None
        self.pointer.stop()
        self.hide()
        if self.window_.lecture.active:   # lecture mode shows the labels (a pick question hid them)
            self.window_.state.set_labels_visible(True)

    def advance(self) -> None:
        """Reveal the answer; when it is shown, the next question (after the last one: the end)."""
        session = self.session
        if session is None:
            return
        if session.finished:
            self.stop()
            return
        if not self.revealed:
            feedback = session.reveal()
            self.revealed = True
            self._show_answer(feedback)
            return
        self.pointer.stop()
        session.next()
        self._show()

    # rendering ---------------------------------------------------------------
    def _px(self, share: float) -> int:
        return max(14, round(self.window_.height() * share))

    def _style(self, label: QLabel, share: float, bold: bool = False) -> None:
        font = label.font()
        font.setPixelSize(self._px(share))
        font.setBold(bold)
        label.setFont(font)

    def _show(self) -> None:
        session = self.session
        self.revealed = False
        self._style(self.prompt, PROMPT_SHARE, bold=True)
        self._style(self.body, BODY_SHARE)
        self._style(self.answer, BODY_SHARE)
        self.answer.clear()
        if session.finished:
            self.prompt.setText(html.escape(self.tr("End of the quiz. Thank you!")))
            self.body.clear()
            return
        question = session.current
        # the region labels would give a "where is it?" question away: back with the answer
        self.window_.state.set_labels_visible(question.kind != "pick_region")
        counter = self.tr("Question %1 of %2").replace("%1", str(session.index + 1)).replace("%2", str(session.total))
        self.prompt.setText(f"{html.escape(counter)}<br/>{rich_text(question.prompt)}")
        if question.kind == "choice":
            rows = [f"{n}. {rich_text(c)}" for n, c in enumerate(session.shown_choices(), start=1)]
        elif question.kind == "order":
            rows = [f"• {rich_text(item_text(self.window_.content, s))}" for s in session.shown_steps()]
        else:
            rows = [html.escape(self.tr("Where is it? Point at the brain."))]
        self.body.setText("<br/>".join(rows))

    def _show_answer(self, feedback) -> None:
        content, question = self.window_.content, self.session.current
        label = self.tr("Answer:")   # outside the f-string, where lupdate can see it
        parts = [f"<b>{html.escape(label)} "
                 f"{rich_text(answer_text(content, question, feedback.expected))}</b>"]
        if feedback.why:
            parts.append(rich_text(feedback.why))
        cites = citations(content, feedback.refs)
        if cites:
            parts.append(f"<i>{rich_text(cites)}</i>")
        self.answer.setText("<br/>".join(parts))
        self.window_.state.set_labels_visible(True)
        if feedback.region and feedback.region in content.regions:
            self.pointer.point_at(feedback.region)

    # clicker -------------------------------------------------------------------
    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) or not self.running:
            return False
        if not isinstance(watched, QWidget) or watched.window() is not self.window_:
            return False
        if event.key() not in NEXT_KEYS or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        event.accept()
        if kind == QEvent.Type.KeyPress and not event.isAutoRepeat():
            self.advance()
        return True

    def close_filter(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
