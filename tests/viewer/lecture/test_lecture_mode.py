"""Lecture mode, the guided tour and the clicker keys in the real window (Xvfb)."""

from __future__ import annotations

import time

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest

from viewer.lecture import (
    tour_commands,
    tour_controller,
)
from viewer.lecture.band_fit import LECTURE_CAPTION_PX, LECTURE_MAX_SHARE, WINDOW_MAX_SHARE, caption_range
from viewer.lecture.tour_controller import DURATION_MS, current_pose, poses_close

pytestmark = pytest.mark.gui


def _open_window(qtbot, tmp_path, reduce_motion=True):
    from viewer.app import create_window

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("reduce_motion", reduce_motion)
    window = create_window(settings=settings)
    window.resize(1280, 800)
    with qtbot.waitSignal(window.brain_view.sceneReady, timeout=60_000):
        window.show()
    qtbot.waitExposed(window)
    window.activateWindow()   # window shortcuts (F5, F11, L) need the active window
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    return window


@pytest.fixture
def window(qtbot, tmp_path):
    w = _open_window(qtbot, tmp_path)
    yield w
    w.close()
    w.deleteLater()


def _lecture(qtbot, window):
    QTest.keyClick(window, Qt.Key.Key_F5)
    assert window.lecture.active
    qtbot.waitUntil(lambda: window.caption_band.isVisible(), timeout=3000)


def _pixels(window, step=37):
    image = window.grab().toImage()
    return {image.pixel(x, y) & 0xFFFFFF for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)}


def test_f5_enters_lecture_mode_and_f5_or_esc_leave(qtbot, window):
    state, band = window.state, window.caption_band
    assert state.theme == "light" and not band.isVisible()
    _lecture(qtbot, window)
    assert window.isFullScreen() and state.theme == "projector" and state.lecture_mode
    assert not window.side.isVisible() and not window.menuBar().isVisible()
    assert band.indicator_text() == "1 / 9"
    tour = window.tour_controller.tour
    assert band.caption_text() == tour.steps[0].caption and band.title.text() == tour.steps[0].title
    band.caption.ensurePolished()
    assert band.caption.font().pixelSize() >= 28 and band.title.font().pixelSize() > band.caption.font().pixelSize()
    assert state.labels_visible   # labels are on for the audience

    QTest.keyClick(window, Qt.Key.Key_Escape)
    assert not window.lecture.active and not window.isFullScreen()
    assert state.theme == "light" and not state.lecture_mode and not state.labels_visible
    assert window.side.isVisible() and window.menuBar().isVisible() and not band.isVisible()

    _lecture(qtbot, window)
    QTest.keyClick(window, Qt.Key.Key_F5)
    assert not window.lecture.active and not window.isFullScreen() and state.theme == "light"

    QTest.keyClick(window, Qt.Key.Key_F11)   # plain full screen: nothing else changes
    assert window.isFullScreen() and not window.lecture.active and window.side.isVisible()
    QTest.keyClick(window, Qt.Key.Key_F11)
    assert not window.isFullScreen()


def test_clicker_keys_step_even_when_lists_have_focus(qtbot, window):
    state, band, controller = window.state, window.caption_band, window.tour_controller
    _lecture(qtbot, window)
    tour = controller.tour
    QTest.keyClick(window, Qt.Key.Key_PageDown)
    assert state.tour_step == 1 and band.indicator_text() == "2 / 9"
    assert state.selected_region == tour.steps[1].focus_region == "prefrontal_cortex"
    assert band.caption_text() == tour.steps[1].caption
    assert state.mechanism_step == tour.steps[1].mechanism_step
    QTest.keyClick(window, Qt.Key.Key_Right)
    QTest.keyClick(window, Qt.Key.Key_Space)
    assert state.tour_step == 3
    QTest.keyClick(window, Qt.Key.Key_PageUp)
    QTest.keyClick(window, Qt.Key.Key_Left)
    assert state.tour_step == 1

    controller.go_to(4)
    QTest.keyClick(window.region_list, Qt.Key.Key_PageDown)   # the list would scroll on PageDown
    step = tour.steps[5]
    assert state.tour_step == 5 and state.selected_region == step.focus_region == "hippocampus"
    assert state.cutaway and band.caption_text() == step.caption
    QTest.keyClick(window.panel.region_browser, Qt.Key.Key_PageDown)   # and the text would too
    assert state.selected_region == "posteromedial_cortex" and not state.cutaway
    QTest.keyClick(window.panel.region_browser, Qt.Key.Key_PageUp)
    assert state.tour_step == 5
    controller.go_to(len(tour) - 1)
    QTest.keyClick(window, Qt.Key.Key_PageDown)   # the last step stays
    assert state.tour_step == len(tour) - 1


def test_tour_in_the_normal_window(qtbot, window):
    state, band = window.state, window.caption_band
    window.tours.start_action.trigger()
    qtbot.waitUntil(band.isVisible, timeout=3000)
    assert not window.lecture.active and window.side.isVisible() and band.next_button.isVisible()
    window.region_list.setFocus()
    QTest.keyClick(window.region_list, Qt.Key.Key_PageDown)
    assert state.tour_step == 1 and state.selected_region == "prefrontal_cortex"
    band.next_button.click()
    assert state.tour_step == 2
    QTest.keyClick(window.region_list, Qt.Key.Key_B)   # blank screens belong to lecture mode only
    assert window.lecture.blanked is None
    QTest.keyClick(window.region_list, Qt.Key.Key_Escape)   # ends the tour
    assert state.tour_step == -1 and not window.tour_controller.running and not band.isVisible()
    QTest.keyClick(window, Qt.Key.Key_Escape)   # and then clears the selection as usual
    assert state.selected_region is None


def test_black_and_white_screens(qtbot, window):
    _lecture(qtbot, window)
    scene_pixels = _pixels(window)
    assert len(scene_pixels) > 10   # a brain and a caption

    QTest.keyClick(window, Qt.Key.Key_B)
    assert window.lecture.blanked == "black" and _pixels(window) == {0x000000}
    QTest.keyClick(window, Qt.Key.Key_B)
    assert window.lecture.blanked is None and len(_pixels(window)) > 10

    QTest.keyClick(window.region_list, Qt.Key.Key_W)
    assert window.lecture.blanked == "white" and _pixels(window) == {0xFFFFFF}
    QTest.keyClick(window, Qt.Key.Key_Period)   # switches straight to black
    assert _pixels(window) == {0x000000}
    QTest.keyClick(window, Qt.Key.Key_PageDown)   # the first key after a blank screen only uncovers it
    assert window.lecture.blanked is None and window.state.tour_step == 0
    QTest.keyClick(window, Qt.Key.Key_Comma)
    assert window.lecture.blanked == "white"
    QTest.keyClick(window, Qt.Key.Key_Comma)
    assert window.lecture.blanked is None and len(_pixels(window)) > 10


def test_reduced_motion_jumps_to_the_step(qtbot, window):
    controller, scene = window.tour_controller, window.brain_view.scene
    assert controller.reduce_motion and window.tours.motion_action.isChecked()
    window.state.select_region("hippocampus")
    assert scene.outline.visible   # every theme outlines the selected region (colour is never the only cue)
    _lecture(qtbot, window)
    controller.go_to(1)
    assert scene.outline.visible   # the projector theme outlines the emphasised region
    controller.go_to(3)
    controller.next()   # lateral -> anterior view
    assert not controller.animating
    assert poses_close(current_pose(window.brain_view.plotter), controller.target_pose(controller.step))


def test_steps_fly_the_camera_when_motion_is_allowed(qtbot, tmp_path):
    window = _open_window(qtbot, tmp_path, reduce_motion=False)
    try:
        controller = window.tour_controller
        assert not controller.reduce_motion
        _lecture(qtbot, window)
        controller.go_to(3)
        qtbot.waitUntil(lambda: not controller.animating, timeout=5000)
        start = current_pose(window.brain_view.plotter)
        began = time.monotonic()
        controller.next()
        target = controller.target_pose(controller.step)
        assert controller.animating and poses_close(current_pose(window.brain_view.plotter), start)
        qtbot.waitUntil(lambda: poses_close(current_pose(window.brain_view.plotter), target), timeout=5000)
        assert time.monotonic() - began >= 0.9 * DURATION_MS / 1000
        # the preference is saved: reduce motion from now on
        window.tours.motion_action.trigger()
        assert controller.reduce_motion and window.settings.value("reduce_motion", type=bool)
    finally:
        window.close()
        window.deleteLater()


def test_a_flight_keeps_its_simplified_frames_after_a_drag_ends(qtbot, tmp_path, monkeypatch):
    window = _open_window(qtbot, tmp_path, reduce_motion=False)
    try:
        controller, view = window.tour_controller, window.brain_view
        monkeypatch.setattr(view, "is_software_gl", lambda: True)   # motion mode is for software OpenGL
        _lecture(qtbot, window)
        controller.go_to(3)
        qtbot.waitUntil(lambda: not controller.animating, timeout=5000)
        # a 10 s flight, so that a slow machine's frames cannot end it before the drag's release
        monkeypatch.setattr(tour_controller, "DURATION_MS", 10_000)
        controller.next()
        qtbot.waitUntil(view.is_moving, timeout=5000)
        view.end_motion()   # the release of a drag made during the flight
        qtbot.waitUntil(view.is_moving, timeout=5000)   # the flight's next frame is simplified again
        assert controller.animating
        qtbot.waitUntil(lambda: not controller.animating, timeout=20_000)
        assert not view.is_moving() and view.scene._cortex["left"].GetVisibility()
    finally:
        window.close()
        window.deleteLater()


def test_region_labels_toggle_and_follow_the_hemispheres(qtbot, window):
    state, layer = window.state, window.labels
    assert not state.labels_visible and not layer.labels.shown
    QTest.keyClick(window, Qt.Key.Key_L)
    assert state.labels_visible and window.tours.labels_action.isChecked()
    qtbot.waitUntil(lambda: sorted(layer.labels.shown) == sorted(window.content.regions), timeout=3000)
    font = layer.font_px()
    state.set_ui_scale(2.0)
    assert layer.font_px() == 2 * font
    state.set_hemispheres({"left"})
    state.set_region_visible("hippocampus", False)
    qtbot.waitUntil(lambda: "hippocampus" not in layer.labels.shown, timeout=3000)
    assert "prefrontal_cortex" in layer.labels.shown
    QTest.keyClick(window, Qt.Key.Key_L)
    assert not state.labels_visible and not layer.labels.shown


def test_caption_band_follows_the_ui_scale(qtbot, window):
    band = window.caption_band
    _lecture(qtbot, window)
    sizes = []
    for scale in (1.0, 1.5, 2.0):   # larger with the scale, until the band takes its share of the screen
        window.state.set_ui_scale(scale)
        band.caption.ensurePolished()
        size = band.caption.font().pixelSize()
        assert size == band.fit.sizes.caption and 28 <= size <= caption_range(window.height(), scale, True)[0]
        assert band.fit.height <= LECTURE_MAX_SHARE * window.height()
        sizes.append(size)
    assert sizes[0] == round(LECTURE_CAPTION_PX * window.height() / 1080) and sizes == sorted(sizes)
    assert sizes[2] > sizes[0]
    window.state.set_ui_scale(1.0)
    QTest.keyClick(window, Qt.Key.Key_Escape)
    window.tours.start_tour()   # in the window the band is smaller, and scales too
    band.caption.ensurePolished()
    small = band.caption.font().pixelSize()
    window.state.set_ui_scale(2.0)
    band.caption.ensurePolished()
    size = band.caption.font().pixelSize()   # up to twice as large, as far as the band's share of the height allows
    assert small < LECTURE_CAPTION_PX and size == band.fit.sizes.caption and small < size <= 2 * small
    assert band.fit.height <= WINDOW_MAX_SHARE * band.available_height()


def test_an_invalid_tour_file_is_reported_and_the_app_keeps_working(qtbot, window, tmp_path, monkeypatch):
    warnings = []
    monkeypatch.setattr(tour_commands.QMessageBox, "warning", lambda *args: warnings.append(args))
    bad = tmp_path / "lecture.toml"
    bad.write_text('id = "x"\ntitle = "T"\ndescription = "D"\n\n[[steps]]\ntitle = "One"\ncaption = "C"\n'
                   'regions = ["amygdala"]\nview = "lateral"\ncortex_opacity = 0.5\ncutaway = false\n'
                   'refs = ["li2010"]\n', encoding="utf-8")
    assert window.tours.open_tour(bad) is None
    assert len(warnings) == 1
    message = warnings[0][2]
    assert "lecture.toml" in message and "steps[0].regions[0]" in message and 'step 1 of 1 ("One")' in message
    assert not window.tour_controller.running
    # everything else still works, including the built-in tour
    window.state.select_region("hippocampus")
    assert window.panel.current_title() == "Hippocampus"
    _lecture(qtbot, window)
    assert window.tour_controller.tour.id == "ketamine"
