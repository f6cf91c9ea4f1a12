"""The mechanism diagram widget and its step bar follow the app state (Xvfb, no 3D view)."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from atlases.teaching.content import load_content
from atlases.teaching.mechanism_diagram import load_mechanism_diagram
from viewer.diagram.diagram_widget import DURATION_MS, MechanismDiagramView
from viewer.diagram.step_bar import MechanismStepBar
from viewer.window.app_state import AppState

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def content():
    return load_content()


@pytest.fixture(scope="module")
def diagram(content):
    return load_mechanism_diagram(content)


@pytest.fixture
def state():
    return AppState()


def _view(qtbot, state, diagram, content, reduce_motion=False, size=(640, 400)):
    titles = {s.id: s.title for s in content.mechanism.steps}
    view = MechanismDiagramView(state, diagram, titles, reduce_motion=lambda: reduce_motion)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    return view


def _pixels(widget):
    image = widget.grab().toImage()
    return [image.pixel(x, y) for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)]


def test_no_step_shows_the_first_and_the_state_step_is_followed(qtbot, state, diagram, content):
    view = _view(qtbot, state, diagram, content, reduce_motion=True)
    first, second = diagram.step_ids[:2]
    assert view.step_id == first and view.current_frame() == diagram.frame(first)
    state.set_mechanism_step(second)
    assert view.step_id == second and view.current_frame() == diagram.frame(second)
    assert not view.animating   # reduce motion: at once
    title = {s.id: s.title for s in content.mechanism.steps}[second]
    assert view.accessibleName().endswith(f"step 2 of {len(diagram.step_ids)}: {title}")
    assert diagram.frame(second).change_label in view.accessibleDescription()


def test_a_change_is_animated_through_frames_in_between(qtbot, state, diagram, content):
    view = _view(qtbot, state, diagram, content)
    start = view.current_frame()
    state.set_mechanism_step("disinhibition")
    target = diagram.frame("disinhibition")
    assert view.animating and view.animation.duration() == DURATION_MS
    assert view.current_frame() != target
    view.animation.setCurrentTime(DURATION_MS // 2)
    middle = view.current_frame()
    assert middle not in (start, target)
    # the in-between look is really drawn: halfway differs from the end on screen
    halfway = _pixels(view)
    view.animation.setCurrentTime(DURATION_MS)
    assert not view.animating and view.current_frame() == target
    assert _pixels(view) != halfway


def test_a_change_while_animating_starts_from_what_is_on_screen(qtbot, state, diagram, content):
    view = _view(qtbot, state, diagram, content)
    state.set_mechanism_step("disinhibition")
    view.animation.setCurrentTime(DURATION_MS // 2)
    halfway = view.current_frame()
    state.set_mechanism_step("glutamate_surge")
    assert view.animating and view.animation.currentTime() == 0
    assert view.current_frame() == halfway
    view.finish_animation()
    assert view.current_frame() == diagram.frame("glutamate_surge")


def test_reduce_motion_and_a_hidden_view_jump(qtbot, state, diagram, content):
    view = _view(qtbot, state, diagram, content, reduce_motion=True)
    state.set_mechanism_step("mtorc1")
    assert not view.animating and view.current_frame() == diagram.frame("mtorc1")
    moving = _view(qtbot, state, diagram, content)
    moving.hide()
    state.set_mechanism_step("synaptogenesis")
    assert not moving.animating and moving.current_frame() == diagram.frame("synaptogenesis")


def test_arrow_keys_step_through_the_mechanism(qtbot, state, diagram, content):
    view = _view(qtbot, state, diagram, content, reduce_motion=True)
    ids = diagram.step_ids
    assert view.focusPolicy() & Qt.FocusPolicy.TabFocus
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Right)    # from none (the first shows): the second
    assert state.mechanism_step == ids[1]
    QTest.keyClick(view, Qt.Key.Key_Down)
    assert state.mechanism_step == ids[2]
    QTest.keyClick(view, Qt.Key.Key_Left)
    QTest.keyClick(view, Qt.Key.Key_Up)
    QTest.keyClick(view, Qt.Key.Key_Up)       # no step before the first
    assert state.mechanism_step == ids[0]
    state.set_mechanism_step(ids[-1])
    QTest.keyClick(view, Qt.Key.Key_Right)    # none after the last
    assert state.mechanism_step == ids[-1]
    QTest.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)   # not ours
    QTest.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert state.mechanism_step == ids[-1]


def test_theme_and_text_size_are_followed(qtbot, state, diagram, content):
    view = _view(qtbot, state, diagram, content, reduce_motion=True)
    light = _pixels(view)
    state.set_theme("dark")
    assert _pixels(view) != light
    small = view.minimumSizeHint()
    state.set_ui_scale(2.0)
    assert view.minimumSizeHint().height() > small.height()


def test_the_canvas_keeps_its_aspect(qtbot, state, diagram, content):
    view = _view(qtbot, state, diagram, content, size=(900, 300))
    rect = view.diagram_rect()
    width, height = diagram.canvas
    assert rect.height() == pytest.approx(300) and rect.width() == pytest.approx(300 * width / height)
    assert rect.center().x() == pytest.approx(450)   # letterboxed: centred
    assert view.heightForWidth(800) == round(800 * height / width)


def test_the_rival_toggle_shows_only_where_there_is_a_rival_and_changes_the_frame(qtbot, state, diagram, content):
    steps = [(s.id, s.title) for s in content.mechanism.steps]
    bar = MechanismStepBar(state, steps, diagram.has_rival)
    qtbot.addWidget(bar)
    bar.show()
    view = _view(qtbot, state, diagram, content, reduce_motion=True)
    shown = set()
    for step_id, title in steps:
        state.set_mechanism_step(step_id)
        if bar.rival_box.isVisible():
            shown.add(step_id)
        assert bar.step_text().endswith(title)
    assert shown == {"disinhibition"}
    state.set_mechanism_step("disinhibition")
    leading = view.current_frame()
    assert leading.variant == "leading"
    bar.rival_box.click()
    assert state.mechanism_rival
    assert view.current_frame() == diagram.frame("disinhibition", rival=True) != leading
    assert view.current_frame().variant == "rival"
    assert "rival" in view.accessibleDescription().lower()
    state.set_mechanism_step("glutamate_surge")   # the choice stays; a step without a rival shows its own
    assert view.current_frame() == diagram.frame("glutamate_surge") and not bar.rival_box.isVisible()
    state.set_mechanism_rival(False)
    state.set_mechanism_step("disinhibition")
    assert not bar.rival_box.isChecked() and view.current_frame() == leading


def test_the_step_bar_steps_with_buttons_and_arrows(qtbot, state, diagram, content):
    steps = [(s.id, s.title) for s in content.mechanism.steps]
    bar = MechanismStepBar(state, steps, diagram.has_rival)
    qtbot.addWidget(bar)
    bar.show()
    qtbot.waitExposed(bar)
    assert bar.step_text() == f"Step 1 of {len(steps)}: {steps[0][1]}"
    assert not bar.back_button.isEnabled()
    bar.next_button.click()
    assert state.mechanism_step == steps[1][0]
    assert bar.step_text() == f"Step 2 of {len(steps)}: {steps[1][1]}"
    bar.back_button.click()
    assert state.mechanism_step == steps[0][0]
    bar.next_button.setFocus()
    QTest.keyClick(bar.next_button, Qt.Key.Key_Right)   # a focused button steps instead of moving the focus
    QTest.keyClick(bar.next_button, Qt.Key.Key_Down)
    assert state.mechanism_step == steps[2][0]
    QTest.keyClick(bar.back_button, Qt.Key.Key_Left)
    assert state.mechanism_step == steps[1][0]
    state.set_mechanism_step(steps[-1][0])
    assert not bar.next_button.isEnabled() and bar.back_button.isEnabled()


def test_step_titles_are_shown_as_plain_text(qtbot, state):
    bar = MechanismStepBar(state, [("a", "<b>bold</b> & <i>x</i>"), ("b", "second")])
    qtbot.addWidget(bar)
    assert bar.step_label.textFormat() == Qt.TextFormat.PlainText
    assert bar.step_text() == "Step 1 of 2: <b>bold</b> & <i>x</i>"
