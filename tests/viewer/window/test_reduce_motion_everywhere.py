"""Reduce motion (View ▸ Reduce motion) is respected by every animation of the window (Xvfb).

The window's animations, each checked below:

* the tour's camera flights between steps (``viewer/lecture/tour_controller.py``);
* the mechanism diagram's transitions between steps, in the panel and in the
  lecture inset (``viewer/diagram/diagram_widget.py``);
* the quiz pointer's camera flight and its pulse of the region
  (``viewer/window/quiz_pointer.py``).

Region labels, the caption band and the panels do not animate (their timers
only wait for the camera to rest or the layout to settle). With Reduce motion
off, the same commands do animate (the control half of each test), so the
checks can fail. A last check finds any animation object of the window
running, which also covers animations added later as ``QAbstractAnimation``.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QAbstractAnimation, Qt
from PySide6.QtTest import QTest

from viewer.lecture.tour_controller import current_pose, poses_close
from viewer.window.quiz_pointer import REST_AMBIENT

pytestmark = pytest.mark.gui


def _running_animations(window) -> list[str]:
    return [f"{type(a).__name__} of {type(a.parent()).__name__}" for a in window.findChildren(QAbstractAnimation)
            if a.state() == QAbstractAnimation.State.Running]


def _reduce_motion(window, on: bool) -> None:
    if window.tours.motion_action.isChecked() != on:
        window.tours.motion_action.trigger()   # View ▸ Reduce motion, as the user ticks it
    assert window.tour_controller.reduce_motion is on


def test_tour_flights_and_diagram_transitions_are_instant_with_reduce_motion(make_window, qtbot):
    window = make_window()
    controller, panel = window.tour_controller, window.panel
    panel.tabs.setCurrentWidget(panel.mechanism_page)
    steps = [s.id for s in window.content.mechanism.steps]

    _reduce_motion(window, True)
    window.state.set_mechanism_step(steps[0])
    window.state.set_mechanism_step(steps[1])
    assert not panel.diagram.animating
    assert panel.diagram.current_frame() == panel.diagram.target_frame()
    window.tours.start_tour()
    for index in range(min(6, len(controller.tour))):
        controller.go_to(index)
        assert not controller.animating, f"step {index + 1} flies"
        target = controller.target_pose(controller.step)
        assert target is None or poses_close(current_pose(window.brain_view.plotter), target)
        assert not _running_animations(window)
    controller.stop()

    _reduce_motion(window, False)   # the control: the same commands animate
    window.state.set_mechanism_step(steps[2])
    assert panel.diagram.animating
    assert _running_animations(window)
    window.tours.start_tour()
    controller.go_to(3)
    controller.next()   # lateral -> anterior view
    assert controller.animating
    controller.stop()


def test_the_lecture_insets_diagram_is_instant_with_reduce_motion(make_window, qtbot):
    window = make_window()
    if window.inset is None:
        pytest.skip("content without a mechanism diagram")
    _reduce_motion(window, True)
    QTest.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.lecture.active, timeout=3000)
    window.tours.start_tour()
    controller, inset = window.tour_controller, window.inset
    shown = 0
    for index in range(len(controller.tour)):
        controller.go_to(index)
        qtbot.wait(20)   # the inset follows on the next event loop turn
        if inset.isVisible():
            shown += 1
            assert not inset.view.animating, f"step {index + 1}: the inset's diagram animates"
            assert inset.view.current_frame() == inset.view.target_frame()
        assert not _running_animations(window)
    assert shown >= 2, "the tour never showed the inset twice: nothing was checked"
    controller.stop()
    QTest.keyClick(window, Qt.Key.Key_F5)


def test_the_quiz_pointer_jumps_and_holds_still_with_reduce_motion(make_window, qtbot):
    window = make_window()
    pointer, view = window.quiz.pointer, window.brain_view

    _reduce_motion(window, True)
    pointer.point_at("hippocampus")
    assert poses_close(current_pose(view.plotter), pointer._to), "the camera flies"
    levels = set()
    for _ in range(4):
        qtbot.wait(60)
        levels.add(round(pointer.brightness(), 4))
    assert len(levels) == 1 and levels.pop() > REST_AMBIENT, "the region pulses"
    pointer.stop()

    _reduce_motion(window, False)   # the control: a flight, then a pulse
    window.state.request_view("lateral")
    pointer.point_at("posteromedial_cortex")
    qtbot.wait(30)
    assert not poses_close(current_pose(view.plotter), pointer._to)
    qtbot.waitUntil(lambda: poses_close(current_pose(view.plotter), pointer._to), timeout=5000)
    pointer.stop()
