"""The explorer window: regions drawn, selection by list and click, hover, atlas switch."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from atlases.sources.definitions import REGION_IDS
from viewer.scene.themes import get_theme
from viewer.window.brain_view import GPU_MULTISAMPLES

from helpers_images import count_hue_pixels

pytestmark = pytest.mark.gui


def widget_point(window, display_xy) -> QPoint:
    """VTK display coordinates (device pixels, origin bottom-left) to Qt widget coordinates."""
    plotter = window.brain_view.plotter
    ratio = plotter.devicePixelRatioF()
    x, y = display_xy
    height_px = plotter.height() * ratio
    return QPoint(round(x / ratio), round((height_px - 1 - y) / ratio))


def click_region(qtbot, window, region_id):
    scene = window.brain_view.scene
    point = scene.visible_point(region_id)
    assert point is not None, f"{region_id} is not visible in this view"
    QTest.mouseClick(window.brain_view.plotter, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     widget_point(window, point))


def test_window_opens_with_three_regions_drawn(make_window):
    window = make_window()
    assert "Brain Region Explorer" in window.windowTitle()
    scene = window.brain_view.scene
    for region_id in REGION_IDS:
        actors = [a for (r, h), a in scene._regions.items() if r == region_id]
        assert len(actors) == 2 and all(a.GetVisibility() for a in actors)
    image = window.brain_view.snapshot()
    theme = get_theme(window.state.theme)
    for region_id in REGION_IDS:
        n = count_hue_pixels(image, theme.regions[region_id])
        assert n > 300, f"{region_id} colour barely on screen ({n} px)"


def test_selecting_each_region_from_the_list_shows_its_title(make_window, qtbot):
    window = make_window()
    region_list = window.region_list
    region_list.setFocus()
    for row, region_id in enumerate(REGION_IDS):
        region_list.setCurrentRow(row)
        assert window.state.selected_region == region_id
        assert window.panel.current_title() == window.content.region(region_id).name
    QTest.keyClick(region_list, Qt.Key.Key_Up)  # keyboard navigation moves the selection
    assert window.state.selected_region == REGION_IDS[-2]
    QTest.keyClick(window, Qt.Key.Key_Escape)
    assert window.state.selected_region is None
    assert window.panel.current_title() == ""
    assert not region_list.selectedItems()


@pytest.mark.parametrize("view", ["lateral", "medial"])
def test_clicking_a_region_selects_it_and_empty_space_clears(make_window, qtbot, view):
    window = make_window()
    window.state.request_view(view)
    window.brain_view.plotter.render()
    for region_id in REGION_IDS:
        click_region(qtbot, window, region_id)
        qtbot.waitUntil(lambda r=region_id: window.state.selected_region == r, timeout=2000)
        assert window.panel.current_title() == window.content.region(region_id).name
        assert window.region_list.selectedItems()[0].text() == window.content.region(region_id).name
    QTest.mouseClick(window.brain_view.plotter, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(3, 3))
    qtbot.waitUntil(lambda: window.state.selected_region is None, timeout=2000)


def test_a_click_is_no_motion(make_window, qtbot):
    # the view simplifies frames only once the camera really turns, not on every press
    window = make_window()
    motion = []
    window.brain_view.motionChanged.connect(motion.append)
    click_region(qtbot, window, "prefrontal_cortex")
    qtbot.waitUntil(lambda: window.state.selected_region == "prefrontal_cortex", timeout=2000)
    assert motion == []
    assert window.brain_view.scene._cortex["left"].GetVisibility()


def test_dragging_rotates_without_selecting(make_window, qtbot):
    window = make_window()
    plotter = window.brain_view.plotter
    before = np.array(plotter.camera.position)
    start = widget_point(window, window.brain_view.scene.visible_point("prefrontal_cortex"))
    QTest.mousePress(plotter, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for dx in range(10, 120, 10):
        QTest.mouseMove(plotter, start + QPoint(dx, 0))
    scene = window.brain_view.scene
    cortex = scene._cortex["left"]
    pfc = scene._regions[("prefrontal_cortex", "left")]

    def drawn_triangles():
        return pfc.GetMapper().GetInput().GetNumberOfCells()

    full = scene.model.regions["prefrontal_cortex"]["left"].n_triangles
    coarse = scene.model.motion_regions["prefrontal_cortex"]["left"].n_triangles
    assert coarse < full / 2
    if window.brain_view.is_software_gl():  # cheaper frames while moving, on software OpenGL only
        assert not cortex.GetVisibility()
        assert not plotter.renderer.GetUseFXAA()
        assert drawn_triangles() == coarse
    QTest.mouseRelease(plotter, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(120, 0))
    assert window.state.selected_region is None
    assert np.linalg.norm(np.array(plotter.camera.position) - before) > 1.0
    # the full still frame again
    assert cortex.GetVisibility() and plotter.renderer.GetUseFXAA() and drawn_triangles() == full
    assert pfc.GetProperty().GetBackfaceCulling()  # closed surfaces: back faces never show


def test_an_atlas_that_arrives_mid_drag_is_drawn_simplified(make_window, monkeypatch):
    window = make_window()
    view = window.brain_view
    monkeypatch.setattr(view, "is_software_gl", lambda: True)   # motion mode is for software OpenGL
    view.begin_motion()
    view.set_model(view.scene.model, keep_camera=True)   # a background load finishing during a drag
    assert view.scene.state.moving and not view.scene._cortex["left"].GetVisibility()
    view.end_motion()
    assert not view.scene.state.moving and view.scene._cortex["left"].GetVisibility()


@pytest.mark.parametrize("software", [True, False])
def test_anti_aliasing_follows_the_renderer(make_window, qtbot, monkeypatch, software):
    # the renderer's name decides: FXAA on software OpenGL, multisampling on a GPU
    monkeypatch.setattr("viewer.runtime.render_quality.renderer_name",
                        lambda window: "llvmpipe (LLVM 15.0.6, 256 bits)" if software else "NVIDIA GeForce GTX 1050")
    monkeypatch.delenv("LIBGL_ALWAYS_SOFTWARE", raising=False)
    window = make_window()
    view = window.brain_view
    qtbot.waitUntil(lambda: view._software_gl is not None, timeout=5000)
    renderer, render_window = view.plotter.renderer, view.plotter.render_window
    assert view.is_software_gl() is software
    assert bool(renderer.GetUseFXAA()) is software
    assert render_window.GetMultiSamples() == (0 if software else GPU_MULTISAMPLES)
    image = view.snapshot()  # a multisampled frame renders (llvmpipe supports it too)
    assert image.std() > 5
    view.begin_motion()  # a GPU keeps full quality while moving
    assert bool(renderer.GetUseFXAA()) is False
    assert bool(view.scene._cortex["left"].GetVisibility()) is (not software)
    view.end_motion()
    assert bool(renderer.GetUseFXAA()) is software


def test_hover_names_the_region(make_window, qtbot):
    window = make_window()
    for region_id in ("hippocampus", "prefrontal_cortex"):
        point = widget_point(window, window.brain_view.scene.visible_point(region_id))
        QTest.mouseMove(window.brain_view.plotter, point)
        qtbot.waitUntil(lambda r=region_id: window.state.hovered_region == r, timeout=2000)
    from PySide6.QtWidgets import QToolTip

    assert QToolTip.text() == window.content.region("prefrontal_cortex").name


def test_named_views_from_keys(make_window, qtbot):
    window = make_window()
    camera = window.brain_view.plotter.camera
    expected = {"1": (-1, 0, 0), "2": (1, 0, 0), "5": (0, 1, 0), "6": (0, -1, 0), "7": (0, 0, 1), "8": (0, 0, -1)}
    for key, axis in expected.items():
        QTest.keyClick(window, key)
        direction = np.array(camera.position) - np.array(camera.focal_point)
        direction /= np.linalg.norm(direction)
        assert np.dot(direction, axis) > 0.9, key
    QTest.keyClick(window, "3")  # medial view of the left hemisphere hides the right one
    assert window.state.hemispheres == frozenset({"left"})
    QTest.keyClick(window, Qt.Key.Key_Home)
    assert window.state.hemispheres == frozenset({"left", "right"})


def test_display_controls_change_the_scene(make_window):
    window = make_window()
    controls, scene = window.display_controls, window.brain_view.scene
    controls.opacity.setValue(55)
    assert window.state.cortex_opacity == pytest.approx(0.55)
    assert scene._cortex["left"].GetProperty().GetOpacity() == pytest.approx(0.55)
    controls.right.setChecked(False)
    assert not scene._regions[("hippocampus", "right")].GetVisibility()
    assert not scene._cortex["right"].GetVisibility()
    controls.left.setChecked(False)  # refused: one hemisphere must stay
    assert controls.left.isChecked() and window.state.hemispheres == frozenset({"left"})
    controls.cutaway.setChecked(True)
    assert scene._cortex["left"].GetMapper().GetNumberOfClippingPlanes() == 1
    item = window.region_list.item_for("posteromedial_cortex")
    item.setCheckState(Qt.CheckState.Unchecked)
    assert not window.state.is_region_visible("posteromedial_cortex")
    assert not scene._regions[("posteromedial_cortex", "left")].GetVisibility()
    window.state.set_region_visible("posteromedial_cortex", True)  # state -> widget, no loop
    assert item.checkState() == Qt.CheckState.Checked


def test_switching_atlas_keeps_the_selection(make_window, qtbot, tmp_path):
    from helpers_atlas_files import write_harvard_oxford_layout

    data_dir = tmp_path / "nilearn"
    write_harvard_oxford_layout(data_dir)
    window = make_window(atlas_dir=data_dir)
    assert window.atlas_actions["harvard_oxford"].isEnabled()
    window.state.select_region("hippocampus")
    with qtbot.waitSignal(window.brain_view.sceneReady, timeout=60_000):
        window.atlas_actions["harvard_oxford"].trigger()
    assert window.brain_view.scene.model.atlas.id == "harvard_oxford"
    assert window.state.selected_region == "hippocampus"
    assert window.brain_view.scene.state.emphasised == "hippocampus"
    assert "Hippocampus" in window.panel.current_html()
    from atlases.sources.registry import get_definition

    definition = get_definition("harvard_oxford").region("hippocampus").definition
    assert definition.split(".")[0].strip()[:40] in window.panel.current_html()  # "In this atlas" follows


def test_finished_atlas_loads_leave_no_task_behind(make_window, qtbot, tmp_path):
    import gc

    from viewer.window.atlas_worker import BackgroundTask

    from helpers_atlas_files import write_harvard_oxford_layout

    def live_tasks():
        gc.collect()
        return sum(isinstance(o, BackgroundTask) for o in gc.get_objects())

    data_dir = tmp_path / "nilearn"
    write_harvard_oxford_layout(data_dir)
    window = make_window(atlas_dir=data_dir)
    before = live_tasks()
    for atlas_id in ("harvard_oxford", "desikan_killiany", "harvard_oxford"):
        with qtbot.waitSignal(window.brain_view.sceneReady, timeout=60_000):
            window.atlas_actions[atlas_id].trigger()
    qtbot.wait(50)   # the deferred deletes
    assert window.findChildren(BackgroundTask) == []
    assert live_tasks() <= before
    window.close()   # closing after the tasks are gone must not touch them


def test_settings_persist(make_window, qtbot, tmp_path):
    settings_path = tmp_path / "persist.ini"
    window = make_window(settings_path=settings_path)
    window.state.set_theme("dark")
    window.state.set_cortex_opacity(0.4)
    window.state.set_ui_scale(1.5)
    window.resize(1100, 700)
    window.close()
    again = make_window(settings_path=settings_path)
    assert again.state.theme == "dark"
    assert again.state.cortex_opacity == pytest.approx(0.4)
    assert again.state.ui_scale == pytest.approx(1.5)
    assert again.theme_actions["dark"].isChecked()


def _fake_download(monkeypatch, outcome, wait_for_cancel: bool):
    """Replace the Harvard-Oxford download by a job that ends with ``outcome`` (after a cancel, if asked)."""
    from viewer.window import main_window as mw
    from viewer.window.atlas_worker import BackgroundTask

    def fake_task(data_dir, parent=None):
        def run():
            if wait_for_cancel:
                task.cancel_event.wait(10)
            raise outcome

        task = BackgroundTask(run, parent=parent)
        return task

    monkeypatch.setattr(mw, "download_task", fake_task)
    shown = []
    monkeypatch.setattr(mw.QMessageBox, "warning", lambda *args, **kwargs: shown.append(args))
    return shown


def test_cancelling_the_download_reports_no_failure(make_window, qtbot, monkeypatch):
    from atlases.sources.harvard_oxford_download import DownloadCancelled

    shown = _fake_download(monkeypatch, DownloadCancelled("the download was cancelled"), wait_for_cancel=True)
    window = make_window()
    window.download_harvard_oxford()
    window._download.cancel()
    qtbot.waitUntil(lambda: window._download is None, timeout=10_000)
    assert shown == []


def test_a_failed_download_is_reported(make_window, qtbot, monkeypatch):
    from atlases.errors import AtlasError

    shown = _fake_download(monkeypatch, AtlasError("could not download the Harvard-Oxford atlas: no network"),
                           wait_for_cancel=False)
    window = make_window()
    window.download_harvard_oxford()
    qtbot.waitUntil(lambda: window._download is None, timeout=10_000)
    assert len(shown) == 1 and "no network" in shown[0][2]
