"""The window on a HiDPI screen: a 3840x2160 Xvfb with QT_SCALE_FACTOR=2 (and 2880x1620 at 1.5).

Qt sees a 1920x1080 logical screen. One child per screen opens the real
window and checks that:

* the 3D view renders at the device resolution (pyvistaqt sizes VTK's
  window as the widget times the device pixel ratio, with a DPI of 72 x the
  ratio);
* a click at the logical point over each region selects it, and hovering
  there highlights it (the point comes from the region's projected centroid,
  as tests/viewer/window/test_main_window.py's ``click_region`` finds it, converted from
  the render window's pixels to logical ones from the two sizes alone);
* VTK's interactor gets the mouse position in the same pixels;
* the region labels and the projector outline have the same apparent size as
  at a ratio of 1 (VTK scales text by the DPI: the labels were drawn twice too
  large at ratio 2, and the outline half as wide).

Picking was right at both ratios before these tests: they guard it.
"""

from __future__ import annotations

import pytest

from tests.helpers_screens import run_on_screen

pytestmark = pytest.mark.gui

CHILD = r"""
import os, sys, tempfile, time
from argparse import Namespace
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from viewer.app import create_window
from viewer.window.region_labels_sync import LABEL_PX
from viewer.scene.region_labels import LabelStyle, _Callout
from viewer.scene.themes import get_theme

app = QApplication(sys.argv[:1])

def wait(predicate, timeout=30.0):
    end = time.monotonic() + timeout
    while not predicate() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.005)
    return predicate()

settings = QSettings(os.path.join(tempfile.mkdtemp(), "settings.ini"), QSettings.Format.IniFormat)
window = create_window(Namespace(atlas_dir=None, atlas=None, theme=None, content=None), settings=settings)
ready = []
window.brain_view.sceneReady.connect(lambda: ready.append(True))
window.resize(1280, 800)
window.show()
assert wait(lambda: ready, 120), "no scene"
view, state = window.brain_view, window.state
plotter = view.plotter
handle = window.windowHandle()
wait(lambda: False, 0.5)

def logical_point(display_xy):
    rw_w, rw_h = plotter.render_window.GetSize()
    x, y = display_xy
    local = QPoint(round(x * plotter.width() / rw_w), round((rw_h - 1 - y) * plotter.height() / rw_h))
    return local, plotter.mapTo(window, local)

def reference_label_size():
    import pyvista as pv
    p = pv.Plotter(off_screen=True, window_size=(400, 300))
    c = _Callout(p.renderer, "Prefrontal cortex", "#E69F00")
    c.style(LabelStyle.for_theme(get_theme(state.theme), LABEL_PX), p.renderer)
    size = c.size
    p.close()
    return list(size)

view.reset_view()
plotter.render()
out = {"dpr": plotter.devicePixelRatioF(), "widget": [plotter.width(), plotter.height()],
       "render_window": list(plotter.render_window.GetSize()), "dpi": plotter.render_window.GetDPI(),
       "picks": {}, "hovers": {}, "event_offsets": [], "label_reference": reference_label_size()}
for region_id in view.scene.region_ids:
    local, in_window = logical_point(view.scene.visible_point(region_id))
    state.clear_selection()
    QTest.mouseMove(handle, in_window)
    wait(lambda: state.hovered_region is not None, 2.0)
    out["hovers"][region_id] = state.hovered_region
    ex, ey = plotter.render_window.GetInteractor().GetEventPosition()
    rw_w, rw_h = plotter.render_window.GetSize()
    out["event_offsets"].append([ex * plotter.width() / rw_w - local.x(),
                                 (rw_h - 1 - ey) * plotter.height() / rw_h - local.y()])
    QTest.mouseClick(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, in_window)
    wait(lambda: state.selected_region is not None, 2.0)
    out["picks"][region_id] = state.selected_region
state.clear_selection()
state.set_labels_visible(True)
wait(lambda: window.labels.labels is not None and "prefrontal_cortex" in window.labels.labels._callouts, 10.0)
out["label_size"] = list(window.labels.labels._callouts["prefrontal_cortex"].size)
from viewer.scene.camera_views import display_scale
out["outline_scale"] = display_scale(plotter.render_window)
emit(out)
os._exit(0)   # the child is done: skip the teardown
"""


@pytest.mark.parametrize("screen, scale", [("3840x2160", 2), ("2880x1620", 1.5)])
def test_hidpi_window_renders_picks_and_sizes_in_device_pixels(screen, scale):
    r = run_on_screen(CHILD, screen, scale_factor=scale)
    assert r["dpr"] == scale
    w, h = r["widget"]
    assert r["render_window"] == [round(w * scale), round(h * scale)]
    assert r["dpi"] == round(72 * scale)
    assert r["picks"] == {k: k for k in r["picks"]} and len(r["picks"]) == 3, r["picks"]
    assert r["hovers"] == r["picks"], r["hovers"]
    for dx, dy in r["event_offsets"]:
        assert abs(dx) <= 1 and abs(dy) <= 1, r["event_offsets"]
    ref_w, ref_h = r["label_reference"]
    label_w, label_h = r["label_size"]   # device pixels
    assert label_w / scale == pytest.approx(ref_w, rel=0.08), r["label_size"]
    assert label_h / scale == pytest.approx(ref_h, rel=0.08), r["label_size"]
    assert r["outline_scale"] == pytest.approx(scale, abs=0.02)
