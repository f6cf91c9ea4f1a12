"""The presenter view in the real window (one screen): its texts, the step list, the keys, the clock, the close.

On one screen the presenter view is off until the lecturer turns it on
(View ▸ Presenter ▸ Presenter view); then it is a separate window that shows
while a tour runs.
"""

from __future__ import annotations

import dataclasses

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from viewer.window.presenter_commands import PRESENTER_KEY

pytestmark = pytest.mark.gui

HOSTILE = '<img src="file:///etc/passwd"> <a href="file:///x">link</a> & <b>not bold</b>'


@pytest.fixture
def window(make_window):
    w = make_window()
    w.tour_controller.set_reduce_motion(True)
    return w


def _on_and_started(qtbot, w, index=0):
    w.presenter.set_presenter_on(True)
    w.tours.start_tour()
    if index:
        w.tour_controller.go_to(index)
    view = w.presenter.view
    qtbot.waitExposed(view)
    return view


def _shown(label) -> str:
    doc = QTextDocument()
    doc.setHtml(label.text())
    return doc.toPlainText()


def test_off_on_one_screen_until_turned_on_and_only_while_a_tour_runs(qtbot, window):
    w = window
    assert not w.presenter.presenter_action.isChecked()
    w.tours.start_tour()
    assert w.presenter.view is None, "one screen: no presenter window unless the lecturer asks"
    w.tour_controller.stop()
    w.presenter.presenter_action.trigger()   # View ▸ Presenter ▸ Presenter view
    assert w.presenter.view is None or not w.presenter.view.isVisible(), "no tour: nothing to present"
    w.tours.start_tour()
    assert w.presenter.view.isVisible() and w.presenter.view.isWindow()
    assert w.presenter.view is not w and w.presenter.view.window() is w.presenter.view
    w.tour_controller.stop()
    assert not w.presenter.view.isVisible()
    assert w.settings.value(PRESENTER_KEY) in (True, "true")


def test_shows_the_current_step_its_notes_the_next_step_and_the_list(qtbot, window):
    w = window
    view = _on_and_started(qtbot, w, 3)
    tour = w.tour_controller.tour
    step, following = tour.steps[3], tour.steps[4]
    assert view.indicator.text() == f"Step 4 / {len(tour)}"
    assert view.title.text() == step.title
    assert view.caption_text() == step.caption and step.caption.split()[0] in _shown(view.caption)
    assert view.notes_text() == step.notes and step.notes.split()[0] in _shown(view.notes)
    assert view.next_text() == following.title
    assert view.next_caption.accessibleDescription() == following.caption
    assert view.steps.count() == len(tour)
    assert [view.steps.item(i).text() for i in range(len(tour))] == [
        f"{n}. {s.title}" for n, s in enumerate(tour.steps, start=1)]
    assert view.steps.currentRow() == 3
    w.tour_controller.go_to(len(tour) - 1)
    assert view.next_text() == "End of the tour" and not view.next_button.isEnabled()
    assert view.steps.currentRow() == len(tour) - 1


def test_the_clicker_keys_in_the_presenter_window_drive_the_tour(qtbot, window):
    w = window
    view = _on_and_started(qtbot, w)
    for target in (view.steps, view.next_button, view):
        before = w.state.tour_step
        QTest.keyClick(target, Qt.Key.Key_PageDown)
        assert w.state.tour_step == before + 1, target
    QTest.keyClick(view.steps, Qt.Key.Key_Right)
    QTest.keyClick(view.steps, Qt.Key.Key_Space)
    assert w.state.tour_step == 5
    QTest.keyClick(view.steps, Qt.Key.Key_PageUp)
    QTest.keyClick(view.steps, Qt.Key.Key_Left)
    assert w.state.tour_step == 3
    assert view.title.text() == w.tour_controller.tour.steps[3].title
    QTest.keyClick(view.steps, Qt.Key.Key_Escape)   # outside lecture mode Esc ends the tour
    assert not w.tour_controller.running and not view.isVisible()


def test_the_step_list_jumps_by_click_and_by_up_down_and_enter(qtbot, window):
    w = window
    view = _on_and_started(qtbot, w)
    item = view.steps.item(6)
    view.steps.scrollToItem(item)
    QTest.mouseClick(view.steps.viewport(), Qt.MouseButton.LeftButton, pos=view.steps.visualItemRect(item).center())
    assert w.state.tour_step == 6
    view.steps.setFocus()
    QTest.keyClick(view.steps, Qt.Key.Key_Up)
    QTest.keyClick(view.steps, Qt.Key.Key_Up)
    assert w.state.tour_step == 6, "moving through the list does not jump yet"
    QTest.keyClick(view.steps, Qt.Key.Key_Return)
    assert w.state.tour_step == 4
    view.next_button.click()
    assert w.state.tour_step == 5
    view.back_button.click()
    assert w.state.tour_step == 4


def test_lecture_keys_black_screen_and_esc_from_the_presenter_window(qtbot, window):
    w = window
    w.presenter.set_presenter_on(True)
    w.lecture.enter()
    view = w.presenter.view
    qtbot.waitExposed(view)
    assert w.tour_controller.running and view.isVisible()
    assert "Lecture mode" in view.status.text()
    QTest.keyClick(view.steps, Qt.Key.Key_B)
    assert w.lecture.blanked == "black" and "black screen" in view.status.text()
    QTest.keyClick(view.steps, Qt.Key.Key_PageDown)   # the first key after a blank screen only uncovers it
    assert w.lecture.blanked is None and w.state.tour_step == 0
    QTest.keyClick(view.steps, Qt.Key.Key_W)
    assert w.lecture.blanked == "white" and "white screen" in view.status.text()
    QTest.keyClick(view.steps, Qt.Key.Key_Escape)
    assert w.lecture.blanked is None and w.lecture.active
    QTest.keyClick(view.steps, Qt.Key.Key_Escape)
    assert not w.lecture.active and not view.isVisible()


def test_keys_are_left_alone_when_nothing_is_presented(qtbot, window):
    w = window
    view = _on_and_started(qtbot, w)
    clicked = []
    view.clock.reset_button.clicked.connect(lambda: clicked.append(True))
    w.tour_controller.stop()
    assert not view.clicker.active()
    view.show()   # (shown by hand: no tour runs)
    qtbot.waitExposed(view)
    view.clock.reset_button.setFocus()
    QTest.keyClick(view.clock.reset_button, Qt.Key.Key_Space)
    assert clicked, "Space presses the focused button when no tour runs"
    view.hide()


def test_the_clock_starts_with_the_tour_pauses_and_resets(qtbot, window):
    w = window
    view = _on_and_started(qtbot, w)
    clock = view.clock
    assert clock.running and clock.start_button.text() == "Pause"
    clock.toggle()
    assert not clock.running and clock.start_button.text() == "Start"
    paused = clock.elapsed_ms()
    qtbot.wait(30)
    assert clock.elapsed_ms() == paused, "a paused clock does not count"
    clock.reset()
    assert clock.elapsed_ms() == 0 and clock.label.text() == "0:00"
    w.tour_controller.stop()
    assert not clock.running
    w.tours.start_tour()
    assert clock.running, "a new tour starts the clock again"


def test_a_view_made_during_a_tour_counts_from_the_tours_start(qtbot, window):
    w = window
    w.tours.start_tour()
    qtbot.wait(1100)
    w.presenter.set_presenter_on(True)
    assert w.presenter.view.clock.running and w.presenter.view.clock.elapsed_ms() >= 1000


def test_tour_texts_are_shown_as_text_never_as_markup(qtbot, window):
    w = window
    tour = w.tours.default_tour()
    steps = list(tour.steps)
    steps[0] = dataclasses.replace(steps[0], title=HOSTILE, caption=HOSTILE, notes=HOSTILE)
    steps[1] = dataclasses.replace(steps[1], title=HOSTILE, caption=HOSTILE)
    hostile = dataclasses.replace(tour, steps=tuple(steps))
    w.presenter.set_presenter_on(True)
    w.tour_controller.start(hostile)
    view = w.presenter.view
    assert view.title.textFormat() == Qt.TextFormat.PlainText and view.title.text() == HOSTILE
    assert view.next_title.textFormat() == Qt.TextFormat.PlainText
    for label in (view.caption, view.notes, view.next_caption):
        assert "<img" not in label.text() and "<a " not in label.text()
        assert _shown(label).strip() == HOSTILE
    assert view.steps.item(0).text() == f"1. {HOSTILE}"


def test_closing_the_presenter_turns_it_off_and_closing_the_main_window_closes_it(qtbot, window, tmp_path):
    w = window
    view = _on_and_started(qtbot, w)
    view.close()   # the lecturer closes it: it hides, and the switch goes off (remembered)
    assert not view.isVisible() and not w.presenter.presenter_action.isChecked()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w.settings.sync()
    assert settings.value(PRESENTER_KEY) in (False, "false")
    w.presenter.presenter_action.trigger()
    assert view.isVisible() and view.mirror.active and view.clock.running
    w.close()
    assert not view.isVisible() and not view.mirror.active and not view.clock.running
    assert not view.clock._tick.isActive() and not view.mirror._timer.isActive()
    assert w.presenter.view is None


def test_the_presenter_menu(qtbot, window):
    w = window
    titles = [a.text() for a in w.view_menu.actions()]
    assert "&Presenter" in titles
    menu = w.presenter.menu
    assert [a.text() for a in menu.actions() if not a.isSeparator()][0] == "&Presenter view"
    screens = QApplication.screens()
    assert len(w.presenter.projector_actions) == len(screens)
    checked = [name for name, act in w.presenter.projector_actions.items() if act.isChecked()]
    assert checked == [screens[0].name()]
    assert w.presenter.swap_action.isEnabled() is (len(screens) > 1)


def test_damaged_presenter_settings_give_the_defaults(qtbot, make_window, tmp_path):
    path = tmp_path / "damaged.ini"
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    settings.setValue("presenter_view", "maybe")
    settings.setValue("projector_screen", "x" * 5000)
    settings.sync()
    w = make_window(settings_path=path)
    assert w.presenter.choice is None and w.presenter.projector_name == ""
    assert w.presenter.presenter_action.isChecked() is (len(QApplication.screens()) > 1)
