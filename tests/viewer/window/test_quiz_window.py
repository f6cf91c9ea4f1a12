"""The quiz in the window, driven as a student would: with the mouse, and with the keyboard alone."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from atlases.errors import ContentError
from viewer.window import quiz_pointer
from viewer.window.quiz_pointer import PULSE_AMBIENT, REST_AMBIENT

pytestmark = pytest.mark.gui

NO = Qt.KeyboardModifier.NoModifier


def click_region(qtbot, window, region_id):
    """A click on a visible point of the region (as tests/viewer/window/test_main_window.py does)."""
    plotter = window.brain_view.plotter
    point = window.brain_view.scene.visible_point(region_id)
    assert point is not None, f"{region_id} is not visible in this view"
    ratio = plotter.devicePixelRatioF()
    x, y = point
    at = QPoint(round(x / ratio), round((plotter.height() * ratio - 1 - y) / ratio))
    QTest.mouseClick(plotter, Qt.MouseButton.LeftButton, NO, at)


def right_choice(panel) -> int:
    """Index (as shown) of the right choice of the open question."""
    return panel.session.expected()


def right_order(panel) -> list[str]:
    return list(panel.session.expected())


def right_region(panel) -> str:
    return panel.session.expected()


def wrong_region(window, panel) -> str:
    return next(r for r in window.content.regions if r != right_region(panel))


@pytest.fixture
def quiz_window(make_window):
    window = make_window(size=(1366, 740))
    window.tour_controller.set_reduce_motion(True)   # no flight to wait for
    return window


def open_quiz(qtbot, window):
    QTest.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.quiz.is_open, timeout=5000)
    return window.quiz.panel


def click(qtbot, button):
    qtbot.waitUntil(button.isVisible, timeout=2000)   # new buttons show once the event loop runs
    assert button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def pick_with_the_mouse(qtbot, window, region_id):
    """Turn the brain to a view that shows the region, then click it (the brain view's own pick path)."""
    window.brain_view._move_camera(quiz_pointer.region_view(region_id))
    if window.brain_view.scene.visible_point(region_id) is None:
        window.state.set_cutaway(True)
    qtbot.wait(50)
    click_region(qtbot, window, region_id)


def test_a_whole_practice_quiz_with_the_mouse(quiz_window, qtbot):
    window = quiz_window
    panel = open_quiz(qtbot, window)
    assert window.panel.isHidden() and panel.isVisible()   # the quiz takes the region panel's place
    click(qtbot, panel.practice)
    click(qtbot, panel.start_button)
    kinds = set()
    while panel.question is not None:
        question = panel.question
        kinds.add(question.kind)
        # a wrong answer first: practice says so and asks again
        if question.kind == "choice":
            wrong = next(i for i in range(len(panel.choices.buttons)) if i != right_choice(panel))
            click(qtbot, panel.choices.buttons[wrong])
        elif question.kind == "pick_region":
            pick_with_the_mouse(qtbot, window, wrong_region(window, panel))
        else:
            click(qtbot, panel.check_button)
        assert panel.feedback is not None and not panel.feedback.correct
        assert not panel.settled and not panel.next_button.isEnabled()
        assert "Try again" in panel.feedback_label.text()
        # then the right one
        if question.kind == "choice":
            click(qtbot, panel.choices.buttons[right_choice(panel)])
        elif question.kind == "pick_region":
            pick_with_the_mouse(qtbot, window, right_region(panel))
        else:
            panel.order_list.set_items([(key, key) for key in right_order(panel)])   # (drag and drop: Qt's own)
            click(qtbot, panel.check_button)
        assert panel.feedback.correct and panel.settled
        if panel.feedback.region:   # the pointer shows the right region
            assert window.state.selected_region == panel.feedback.region
        click(qtbot, panel.next_button)
    assert kinds == {"choice", "pick_region", "order"}
    assert panel.pages.currentIndex() == 2
    right, answered = panel.session.score
    assert answered == panel.session.total and panel.score_label.text() == f"You got {right} of {answered} right."
    click(qtbot, panel.close_button)
    assert panel.isHidden() and window.panel.isVisible()


def _key(qtbot, key, modifier=NO):
    """A key press where the keyboard focus is."""
    widget = QApplication.focusWidget()
    assert widget is not None
    QTest.keyClick(widget, key, modifier)


def test_a_whole_test_quiz_with_the_keyboard_alone(quiz_window, qtbot):
    window = quiz_window
    views = []
    window.state.viewRequested.connect(views.append)
    panel = open_quiz(qtbot, window)
    assert panel.start_button.hasFocus()
    _key(qtbot, Qt.Key.Key_Backtab)   # back to the mode buttons
    assert panel.test.hasFocus()
    _key(qtbot, Qt.Key.Key_Space)
    assert panel.test.isChecked()
    _key(qtbot, Qt.Key.Key_Tab)
    assert panel.start_button.hasFocus()
    _key(qtbot, Qt.Key.Key_Return)
    assert panel.question is not None and panel.session.mode == "test"
    ways = {"choice": 0}
    while panel.question is not None:
        question = panel.question
        if question.kind == "choice":
            right = right_choice(panel)
            assert panel.choices.buttons[0].hasFocus()
            if ways["choice"] % 2:   # Tab to the right button, then Enter
                for _ in range(right):
                    _key(qtbot, Qt.Key.Key_Tab)
                assert panel.choices.buttons[right].hasFocus()
                _key(qtbot, Qt.Key.Key_Return)
            else:   # its number key
                _key(qtbot, getattr(Qt.Key, f"Key_{right + 1}"))
            ways["choice"] += 1
        elif question.kind == "order":
            target = right_order(panel)
            assert panel.order_list.hasFocus()
            for row, key in enumerate(target):   # selection sort with the reorder keys
                panel.order_list.setCurrentRow(panel.order_list.order().index(key))
                while panel.order_list.currentRow() > row:
                    _key(qtbot, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
            assert panel.order_list.order() == target
            _key(qtbot, Qt.Key.Key_Tab)
            assert panel.check_button.hasFocus()
            _key(qtbot, Qt.Key.Key_Return)
        else:   # the region list, by keys: the arrows move (no answer yet), Enter answers
            window.region_list.setFocus()
            qtbot.waitUntil(window.region_list.hasFocus, timeout=2000)
            target = right_region(panel)
            count = window.region_list.count()
            # down, up and down again: passes every row from wherever the list's current row is
            for key in [Qt.Key.Key_Down] * count + [Qt.Key.Key_Up] * count + [Qt.Key.Key_Down] * count:
                _key(qtbot, key)
                if window.state.selected_region == target:
                    break
                assert panel.feedback is None   # passing a wrong region is no answer
            assert window.state.selected_region == target
            _key(qtbot, Qt.Key.Key_Return)
        assert panel.settled and panel.feedback.correct, question.prompt
        assert panel.next_button.hasFocus()
        _key(qtbot, Qt.Key.Key_Return)
    right, answered = panel.session.score
    assert (right, answered) == (panel.session.total, panel.session.total)
    assert views == []   # the number keys answered; they did not switch the view
    assert "No question missed" in panel.review.toPlainText()


def test_test_mode_takes_one_answer_scores_and_reviews_the_missed(quiz_window, qtbot):
    window = quiz_window
    panel = open_quiz(qtbot, window)
    panel.start(mode="test", seed=3)
    prompts = []
    while panel.question is not None:
        question = panel.question
        prompts.append(question.prompt)
        if question.kind == "choice":
            click(qtbot, panel.choices.buttons[(right_choice(panel) + 1) % len(panel.choices.buttons)])
        elif question.kind == "pick_region":
            window.state.select_region(wrong_region(window, panel))
        else:
            order = right_order(panel)
            panel.order_list.set_items([(key, key) for key in order[1:] + order[:1]])
            click(qtbot, panel.check_button)
        assert panel.settled and not panel.feedback.correct   # one try: settled though wrong
        text = panel.feedback_label.text()
        assert "Not right" in text and "The answer:" in text
        assert not any(b.isEnabled() for b in panel.choices.buttons)
        if question.kind == "choice":   # the wrong answer and the right one are marked
            marks = [b.text()[:1] for b in panel.choices.buttons]
            assert marks.count("✗") == 1 and marks[right_choice(panel)] == "✓"
        click(qtbot, panel.next_button)
    assert panel.session.score == (0, len(prompts))
    review = panel.review.toPlainText()
    assert "You got 0 of" in panel.score_label.text()
    for prompt in prompts:
        assert prompt in review
    assert review.count("Right answer:") == len(prompts)


def test_the_pointer_selects_and_pulses_the_right_region(quiz_window, qtbot):
    window = quiz_window
    pointer = window.quiz.pointer
    window.tour_controller.set_reduce_motion(False)
    pointer.point_at("posteromedial_cortex")
    assert window.state.selected_region == "posteromedial_cortex" and pointer.active
    brightest = []
    qtbot.waitUntil(lambda: brightest.append(pointer.brightness()) or not pointer.active, timeout=10_000)
    assert max(brightest) > REST_AMBIENT + 0.2   # it pulsed
    assert pointer.brightness() == pytest.approx(REST_AMBIENT)   # and is back at rest
    window.tour_controller.set_reduce_motion(True)
    pointer.point_at("hippocampus")   # reduce motion: bright at once, no pulse
    assert pointer.brightness() == pytest.approx(PULSE_AMBIENT)
    pointer.stop()
    assert pointer.brightness() == pytest.approx(REST_AMBIENT)


def test_the_feedback_text_is_escaped(quiz_window, qtbot):
    from PySide6.QtGui import QTextDocument

    from viewer.window.quiz_text import feedback_html

    class Question:
        kind, prompt, why, refs, region, choices, answer = "choice", "q", "<b>x</b> & <img src=x>", ("no-such",), \
            None, ("a",), "a"

    class Feedback:
        correct, why, refs, region, expected = False, Question.why, Question.refs, None, "<i>a</i>"

    html = feedback_html(quiz_window.content, Question, Feedback, settled=True)
    doc = QTextDocument()
    doc.setHtml(html)
    assert "<b>x</b> & <img src=x>" in doc.toPlainText() and "<img" not in html


BAD_QUIZ = """
id = "lecturer"
title = "A lecturer's quiz"

[[questions]]
kind = "choice"
prompt = "Which one?"
choices = ["A", "B"]
answer = 7
why = "Because."
refs = ["li2010"]
"""


def test_a_bad_quiz_file_is_reported_and_the_app_keeps_running(make_window, qtbot, tmp_path):
    from viewer.window.quiz_commands import QuizCommands

    (tmp_path / "quizzes").mkdir()
    (tmp_path / "quizzes" / "bad.toml").write_text(BAD_QUIZ, encoding="utf-8")
    window = make_window()
    window.menuBar().removeAction(window.quiz.menu.menuAction())
    window.quiz = commands = QuizCommands(window, folder=tmp_path)   # as --content does (viewer/app.py)
    commands.menu.aboutToShow.emit()
    item = commands.problem_action
    assert item.isVisible() and not item.isEnabled()
    assert "bad.toml" in item.text() and "bad.toml" in item.toolTip()
    assert "answer" in commands.problem   # the file, the question and the field are named
    commands.open()
    panel = commands.panel
    assert panel.pages.currentIndex() == 0 and not panel.note.isHidden()   # the built-in quiz is still offered
    assert panel.note.textFormat() == Qt.TextFormat.PlainText and "bad.toml" in panel.note.text()
    assert panel.quiz_combo.count() == 1
    click_region(qtbot, window, "prefrontal_cortex")   # the app still works
    assert window.state.selected_region == "prefrontal_cortex"


def test_no_usable_quiz_says_why_in_plain_text(make_window, monkeypatch):
    from atlases.teaching import quiz as quiz_mod

    def broken(content, language="en"):   # the built-in quizzes in the content's language
        raise ContentError("<b>ketamine.toml</b>: questions[2]: 'region': unknown region", "ketamine.toml")

    monkeypatch.setattr(quiz_mod, "builtin_quizzes", broken)
    window = make_window()
    window.quiz._loaded = None
    window.quiz.open()
    panel = window.quiz.panel
    assert panel.pages.currentWidget() is panel.error and panel.error.textFormat() == Qt.TextFormat.PlainText
    assert "<b>ketamine.toml</b>" in panel.error.text() and "'region'" in panel.error.text()
    assert not panel.start_button.isEnabled() or panel.pages.currentIndex() != 0


def test_the_quiz_flag_opens_the_window_in_quiz_mode(qtbot, tmp_path, monkeypatch):
    from argparse import Namespace

    from PySide6.QtCore import QSettings

    from viewer import app as app_mod
    from viewer.settings import values
    from viewer.window.main_window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    monkeypatch.setattr(values, "default_settings", lambda: settings)
    qt_app = QApplication.instance()
    seen = {}

    def exec_():   # instead of the event loop: look at the window main.py --quiz opened, then close it
        window = next(w for w in qt_app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        seen["open"] = window.quiz.is_open and window.quiz.panel.start_button.isVisible()
        qtbot.waitUntil(lambda: window.brain_view.scene is not None, timeout=60_000)   # the atlas load ends
        window.close()
        window.deleteLater()
        return 0

    monkeypatch.setattr(qt_app, "exec", exec_)
    args = Namespace(atlas=None, atlas_dir=None, theme=None, content=None, quiz=True)
    assert app_mod._run(qt_app, args, None) == 0
    assert seen == {"open": True}


def test_a_class_quiz_in_lecture_mode_reveals_by_the_clicker(quiz_window, qtbot):
    window = quiz_window
    commands = window.quiz
    assert commands.quiz_the_class(seed=5)
    band = commands.class_quiz
    qtbot.waitUntil(band.isVisible, timeout=5000)
    assert window.state.lecture_mode and not window.tour_controller.running   # the quiz, not the tour
    total = band.session.total
    first = band.session.current.prompt
    assert first in band.prompt.text() and band.answer.text() == ""
    kinds = set()
    for n in range(total):
        question = band.session.current
        kinds.add(question.kind)
        # the labels would name the region a "where is it?" question asks for
        assert window.state.labels_visible == (question.kind != "pick_region")
        QTest.keyClick(window.brain_view.plotter, Qt.Key.Key_PageDown)   # the clicker: reveal
        assert band.revealed and "Answer:" in band.answer.text()
        assert window.state.labels_visible
        if question.region:
            assert window.state.selected_region == question.region
        QTest.keyClick(window.brain_view.plotter, Qt.Key.Key_PageDown)   # then the next question
        assert band.session.index == n + 1
    assert "End of the quiz" in band.prompt.text()
    assert "pick_region" in kinds and window.state.labels_visible
    QTest.keyClick(window.brain_view.plotter, Qt.Key.Key_Escape)   # leaves lecture mode: the band goes
    qtbot.waitUntil(lambda: not window.state.lecture_mode, timeout=5000)
    assert band.isHidden() and not band.running


def test_closing_the_window_mid_pulse_stops_the_pointer_before_the_view_goes(quiz_window, qtbot):
    # a pulse still running when the window closed drew into the released 3D view (a crash in the suite)
    window = quiz_window
    pointer = window.quiz.pointer
    window.tour_controller.set_reduce_motion(False)
    pointer.point_at("hippocampus")
    assert pointer.active
    window.close()
    assert not pointer.active
    pointer._timer.start()   # even a frame that still comes after the view is released touches no VTK object
    qtbot.wait(3 * quiz_pointer.FRAME_MS)
    assert not pointer.active and window.brain_view.scene is None
