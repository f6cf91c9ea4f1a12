"""Lecture mode on the screens classrooms have: it fills the screen, and nothing in it is cut.

One child process per screen size (tests/helpers_screens.py: its own Xvfb and
window manager) opens the window, enters lecture mode and steps through every
step of the built-in tour, and reports, per step: the window's and the
screen's geometry, the window's minimum size, the caption band and its text,
the step counter and every region label's box and leader line (in window
coordinates). The 1024x768 child also runs the tour at UI scale 3.0; the
1280x720 child uses hostile content (100-character region names, a
2000-character author name) and a hostile tour (an 80-character title of
wide letters, a 300-character word, every reference as a source).
"""

from __future__ import annotations

import pytest

from viewer.window.region_labels_sync import LECTURE_LABEL_PX, MIN_LECTURE_LABEL_PX

from helpers_screens import run_on_screen

pytestmark = pytest.mark.gui

CHILD = r"""
import dataclasses, tempfile
from pathlib import Path
from PySide6.QtCore import QEventLoop, QPoint, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from atlases.teaching.content import load_content
from atlases.teaching.tours import Tour, TourStep
from viewer.app import create_window

app = QApplication([])
HOSTILE, SCALES = {hostile!r}, {scales!r}


def wait(ms):
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(check, ms=20000):
    for _ in range(ms // 50):
        if check():
            return True
        wait(50)
    return False


content = load_content()
if HOSTILE:
    regions = {{r: dataclasses.replace(c, name=("Wide " * 20)[:100]) for r, c in content.regions.items()}}
    long_ref = dataclasses.replace(next(iter(content.references.values())), id="long", authors="W" * 2000)
    content = dataclasses.replace(content, regions=regions, references={{**content.references, "long": long_ref}})
settings = QSettings(tempfile.mktemp(suffix=".ini"), QSettings.Format.IniFormat)
settings.setValue("reduce_motion", True)
w = create_window(settings=settings, content=content)
loop = QEventLoop()
w.brain_view.sceneReady.connect(loop.quit)
QTimer.singleShot(90000, loop.quit)
w.show()
loop.exec()
assert w.brain_view.scene is not None, "no scene"
w.lecture.enter()
screen = w.screen().geometry()
wait_until(lambda: w.geometry() == screen and w.caption_band.isVisible(), 10000)

band, layer, plotter, controller = w.caption_band, w.labels, w.brain_view.plotter, w.tour_controller


def rect_in_window(widget):
    top_left = widget.mapTo(w, QPoint(0, 0))
    return [top_left.x(), top_left.y(), widget.width(), widget.height()]


def settle():
    # the labels re-anchor when the camera has come to rest (region_labels_sync.SETTLE_MS), then render
    wait(20)
    wait_until(lambda: not layer._settle_timer.isActive() and not layer._refresh_timer.isActive(), 5000)
    plotter.render()
    wait(50)


def report(tag):
    steps = []
    for i in range(len(controller.tour)):
        controller.go_to(i)
        settle()
        cap = band.caption
        steps.append({{
            "tag": tag, "step": i, "ui_scale": w.state.ui_scale,
            "window": [w.x(), w.y(), w.width(), w.height()],
            "screen": [screen.x(), screen.y(), screen.width(), screen.height()],
            "min_hint": [w.minimumSizeHint().width(), w.minimumSizeHint().height()],
            "min_size": [w.minimumSize().width(), w.minimumSize().height()],
            "band": rect_in_window(band), "band_visible": band.isVisible(),
            "caption": rect_in_window(cap), "caption_hfw": cap.heightForWidth(cap.width()),
            "caption_px": cap.font().pixelSize(),
            "indicator": rect_in_window(band.indicator), "indicator_visible": band.indicator.isVisible(),
            "indicator_text": band.indicator.text(),
            "title": rect_in_window(band.title), "title_text": band.title.text(),
            "title_name": band.title.accessibleName(), "title_tip": band.title.toolTip(),
            "view": rect_in_window(plotter),
            "labels": layer.label_boxes(),
        }})
    return steps


results = []
for scale in SCALES:
    w.state.set_ui_scale(scale)
    results += report(f"scale {{scale}}")
if HOSTILE:
    step = TourStep("W" * 80, "W" * 300, ("hippocampus",), "lateral", None, 0.5, False, None,
                    tuple(content.references))
    words = TourStep("Mw" * 40, " ".join(["Wmmw"] * 60)[:300], ("prefrontal_cortex",), "anterior", None, 0.5,
                     False, None, ("long", *content.references))
    controller.start(Tour("hostile", "T", "D", (step, words), Path("hostile.toml")))
    results += report("hostile")
w.lecture.leave()
w.close()
emit(results)
"""


def _inside(rect, outer, tol=0.5):
    x, y, width, height = rect
    ox, oy, ow, oh = outer
    return x >= ox - tol and y >= oy - tol and x + width <= ox + ow + tol and y + height <= oy + oh + tol


def _point_inside(point, outer, tol=0.5):
    return _inside((point[0], point[1], 0, 0), outer, tol)


def check_step(s, logical):
    where = f"{s['tag']} step {s['step'] + 1}"
    window = [0, 0, s["window"][2], s["window"][3]]
    # the window is the screen, and nothing asks for more
    assert s["screen"][2:] == list(logical), where
    assert s["window"] == s["screen"], f"{where}: window {s['window']} on screen {s['screen']}"
    assert s["min_hint"][0] <= logical[0] and s["min_hint"][1] <= logical[1], f"{where}: {s['min_hint']}"
    assert s["min_size"][0] <= logical[0] and s["min_size"][1] <= logical[1], f"{where}: {s['min_size']}"
    # the caption band and its whole text are on screen
    assert s["band_visible"] and _inside(s["band"], window), f"{where}: band {s['band']}"
    assert _inside(s["caption"], s["band"]), f"{where}: caption {s['caption']} outside the band {s['band']}"
    assert s["caption_hfw"] <= s["caption"][3], f"{where}: the caption needs {s['caption_hfw']} px, has " \
                                                f"{s['caption'][3]}"
    # the step counter is visible
    assert s["indicator_visible"] and s["indicator"][2] > 0 and s["indicator_text"], where
    assert _inside(s["indicator"], window) and _inside(s["indicator"], s["band"]), f"{where}: {s['indicator']}"
    assert _inside(s["title"], window), f"{where}: title {s['title']}"
    assert s["title_name"] == s["title_text"], where   # the whole title stays accessible
    # every label box and leader line is inside the 3D view, which is inside the window
    view = s["view"]
    assert _inside(view, window), where
    assert s["labels"], f"{where}: no region label drawn"
    local = [0, 0, view[2], view[3]]
    # as large as asked for on any screen, in logical pixels (not twice that with a device pixel ratio of 2)
    label_px = max(MIN_LECTURE_LABEL_PX, LECTURE_LABEL_PX * logical[1] / 1080) * s["ui_scale"]
    for label in s["labels"]:
        assert label["box"][3] <= 2 * label_px, f"{where}: {label['region']} box {label['box']} for {label_px} px"
        assert _inside(label["box"], local), f"{where}: {label['region']} box {label['box']} outside {local}"
        assert _point_inside(label["anchor"], local) and _point_inside(label["edge"], local), \
            f"{where}: {label['region']} leader {label['anchor']} -> {label['edge']}"


SCREENS = [
    ("1024x768", None, (1024, 768), False, (1.0, 3.0)),
    ("1280x720", None, (1280, 720), True, (1.0,)),
    ("1280x800", None, (1280, 800), False, (1.0,)),
    ("1366x768", None, (1366, 768), False, (1.0,)),
    ("1920x1080", None, (1920, 1080), False, (1.0,)),
    ("3840x2160", 2, (1920, 1080), False, (1.0,)),
]


@pytest.mark.parametrize("screen, factor, logical, hostile, scales", SCREENS, ids=[s[0] for s in SCREENS])
def test_lecture_mode_fills_the_screen_and_nothing_is_cut(screen, factor, logical, hostile, scales, tmp_path):
    steps = run_on_screen(CHILD.format(hostile=hostile, scales=scales), screen, scale_factor=factor,
                          tmp_home=tmp_path, timeout=400)
    tours = 9 * len(scales) + (2 if hostile else 0)
    assert len(steps) == tours
    problems = []
    for s in steps:
        try:
            check_step(s, logical)
        except AssertionError as exc:
            problems.append(str(exc))
    assert not problems, f"{len(problems)} problems on {screen}:\n" + "\n".join(problems)
    if hostile:   # the 80-character title is elided on screen, and stays whole for a screen reader
        first = next(s for s in steps if s["tag"] == "hostile")
        assert first["title_text"] == "W" * 80 and first["title_tip"]
        assert all(len(label["name"]) < 100 for s in steps for label in s["labels"])   # shortened names


def test_lecture_mode_covers_the_screen_of_the_test_display(qtbot, make_window):
    """In this process's own display: with a window manager (scripts/test.sh) or without one (plain xvfb-run)."""
    window = make_window(size=(900, 600))
    window.lecture.enter()
    screen = window.screen().geometry()
    qtbot.waitUntil(lambda: window.geometry() == screen, timeout=5000)
    assert window.isFullScreen() and window.caption_band.isVisible()
    window.lecture.leave()
    qtbot.waitUntil(lambda: window.size().toTuple() == (900, 600), timeout=5000)
