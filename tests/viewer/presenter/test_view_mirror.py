"""The live copy of the 3D view: throttled, only while shown, never a render of its own."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from viewer.presenter.presenter_clock import format_elapsed
from viewer.presenter.view_mirror import (
    MAX_SIZE,
    MOVING_INTERVAL_MS,
    ViewMirror,
    downsample_step,
    frame_to_image,
)


class FakeRenderWindow:
    """The render window's observer API; ``render()`` fires EndEvent as a finished render does."""

    def __init__(self):
        self.observers = {}

    def AddObserver(self, event, callback):  # noqa: N802 - VTK's name
        tag = len(self.observers) + 1
        self.observers[tag] = (event, callback)
        return tag

    def RemoveObserver(self, tag):  # noqa: N802 - VTK's name
        self.observers.pop(tag, None)

    def render(self):
        for event, callback in list(self.observers.values()):
            if event == "EndEvent":
                callback(self, event)


class FakePlotter:
    def __init__(self):
        self.render_window = FakeRenderWindow()


@pytest.fixture
def mirror(qapp):
    m = ViewMirror(FakePlotter(), interval_ms=10_000)
    grabbed = []
    m.grab = lambda: grabbed.append(True) or QImage(4, 4, QImage.Format.Format_RGB888)
    yield m, grabbed
    m.stop()


def test_many_renders_make_one_copy_per_interval_and_the_last_frame_is_copied(mirror):
    m, grabbed = mirror
    m.start()
    assert m.active and m._timer.isActive()
    for _ in range(50):   # a drag: 50 frames before the interval ends
        m.plotter.render_window.render()
    assert m._timer.isActive() and not grabbed, "nothing is read back during the interval"
    m._timer.stop()
    m._copy()   # the interval ends
    assert len(grabbed) == 1 and m.copies == 1
    m._copy()
    assert len(grabbed) == 1, "no render since the last copy: nothing to read"
    m.plotter.render_window.render()   # the last frame of the movement
    assert m._timer.isActive()
    m._timer.stop()
    m._copy()
    assert len(grabbed) == 2


def test_while_the_brain_moves_copies_are_rarer_and_the_still_frame_comes_soon(qapp):
    m = ViewMirror(FakePlotter())
    m.set_moving(True)
    assert m._timer.interval() == MOVING_INTERVAL_MS > m.interval_ms
    m.start()
    m.plotter.render_window.render()
    assert m._timer.isActive() and m._timer.interval() == MOVING_INTERVAL_MS
    m.set_moving(False)   # the drag ends: the pending copy waits the short interval only
    assert m._timer.isActive() and m._timer.interval() == m.interval_ms
    m.stop()


def test_stopped_it_follows_no_render(mirror):
    m, grabbed = mirror
    m.start()
    m.stop()
    assert not m.active and not m._timer.isActive() and not m.plotter.render_window.observers
    m.plotter.render_window.render()
    m._copy()
    assert not grabbed


def test_a_closed_view_is_not_followed(qapp):
    plotter = FakePlotter()
    plotter._closed = True
    m = ViewMirror(plotter)
    m.start()
    assert not m.active and m.grab() is None


def test_frame_to_image_flips_keeps_the_aspect_and_fits_the_target():
    width, height = 400, 200
    frame = np.zeros((height, width, 4), np.uint8)   # RGBA, alpha 0: ignored
    frame[:100] = (255, 0, 0, 0)   # the bottom half in OpenGL's rows (bottom-up) is red
    image = frame_to_image(frame.reshape(-1), width, height, QSize(100, 100))
    assert (image.width(), image.height()) == (100, 50)
    assert image.pixelColor(50, 45).red() == 255 and image.pixelColor(50, 5).red() == 0
    assert image.pixelColor(50, 45).alpha() == 255


def test_downsample_step_keeps_twice_the_target():
    assert downsample_step(1920, 480) == 2
    assert downsample_step(1920, 100) == 9
    assert downsample_step(300, 480) == 1
    assert downsample_step(300, 0) == 300   # (a target is never empty: set_target_size bounds it)


def test_the_target_size_is_bounded(mirror):
    m, _ = mirror
    m.set_target_size(QSize(100_000, 100_000))
    assert m.target == MAX_SIZE
    m.set_target_size(QSize(0, -5))
    assert m.target.width() >= 16 and m.target.height() >= 16


@pytest.mark.parametrize(("ms", "text"), [(0, "0:00"), (-5, "0:00"), (59_999, "0:59"), (61_000, "1:01"),
                                          (3_600_000, "1:00:00"), (3_725_000, "1:02:05"),
                                          (10**15, "99:59:59")])
def test_format_elapsed(ms, text):
    assert format_elapsed(ms) == text


@pytest.mark.gui
def test_the_presenter_mirrors_the_main_view_while_shown(qtbot, make_window):
    w = make_window()
    w.tour_controller.set_reduce_motion(True)
    w.presenter.set_presenter_on(True)
    w.tours.start_tour()
    view = w.presenter.view
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: view.mirror.copies > 0 and view.mirror_label.pixmap() is not None
                    and not view.mirror_label.pixmap().isNull(), timeout=10_000)
    image = view.mirror_label.pixmap().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 10, "the copy shows the brain, not an empty frame"
    assert image.width() <= view.mirror_label.width() * view.devicePixelRatioF() + 1
    renders = []
    tag = w.brain_view.plotter.render_window.AddObserver("EndEvent", lambda *_: renders.append(True))
    for _ in range(3):
        assert view.mirror.grab() is not None
    w.brain_view.plotter.render_window.RemoveObserver(tag)
    assert not renders, "reading the copy never renders the main view"
    view.hide()
    assert not view.mirror.active
