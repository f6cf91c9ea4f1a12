"""Helpers for the benchmark probes that drive a live window: frames, orbits, waits, clicks, lecture mode.

Used by ``bench/_probe_start.py`` (the real window) and ``bench/_probe_scene.py``
(the naive scene and the scale sweep). Import it after ``_probe_start``, which
pads the None refcount first (see there).
"""

from __future__ import annotations

import sys
import time


# --------------------------------------------------------------------------- helpers for the session
def finish_frame(ren_win) -> None:
    """Wait until the GPU (here: llvmpipe's rasteriser threads) has finished the frame."""
    if hasattr(ren_win, "WaitForCompletion"):
        ren_win.WaitForCompletion()
    else:  # reading a pixel back forces completion too
        ren_win.GetPixelData(0, 0, 0, 0, 0)


class FrameClock:
    """Counts VTK renders (render window EndEvent) and displayed frames (QOpenGLWidget.frameSwapped)."""

    def __init__(self, plotter):
        self.plotter = plotter
        self.renders = 0
        self.swaps = 0
        self._tag = plotter.render_window.AddObserver("EndEvent", self._on_render)
        self._has_swap = hasattr(plotter, "frameSwapped")
        if self._has_swap:
            plotter.frameSwapped.connect(self._on_swap)

    def _on_render(self, *args):
        self.renders += 1

    def _on_swap(self):
        self.swaps += 1

    def wait_swap(self, after: int, timeout: float = 10.0) -> bool:
        """Run the event loop until a frame later than ``after`` was swapped to the window."""
        from PySide6.QtCore import QEventLoop, QTimer

        if not self._has_swap:  # a native-window widget: the render itself is the displayed frame
            return True
        if self.swaps > after:
            return True
        loop = QEventLoop()
        conn = self.plotter.frameSwapped.connect(loop.quit)
        deadline = QTimer()
        deadline.setSingleShot(True)
        deadline.timeout.connect(loop.quit)
        deadline.start(int(timeout * 1000))
        while self.swaps <= after and deadline.isActive():
            loop.exec()
        deadline.stop()
        self.plotter.frameSwapped.disconnect(conn)
        return self.swaps > after

    def close(self):
        self.plotter.render_window.RemoveObserver(self._tag)
        if self._has_swap:
            self.plotter.frameSwapped.disconnect(self._on_swap)


def orbit(app, plotter, steps: int, step_deg: float | None = None, warmup: int = 2,
          interaction: bool = True) -> dict:
    """Turn the camera 360 degrees in ``steps`` steps.

    Returns per-step times (s):

    ``frame``
        camera change -> the interactor's render (as a mouse drag) -> the event loop runs until the
        widget's frame has been swapped to the window (``frameSwapped``) and
        the GL pipeline is finished: what a user waits for. With pyvistaqt's
        QOpenGLWidget interactor this includes the second VTK render that
        ``paintGL`` always does, the blit and Qt's composition of the window.
    ``render``
        only the trigger + ``WaitForCompletion`` (with the app's single-render
        path the trigger only schedules the paint, so this is near 0).
    ``renders_per_frame``
        VTK renders counted per displayed frame.
    """
    ren_win = plotter.render_window
    cam = plotter.renderer.GetActiveCamera()
    clock = FrameClock(plotter)
    iren = ren_win.GetInteractor()
    # by default a frame is asked for the way a mouse drag asks: the interactor's render and an
    # InteractionEvent per move, inside a Start/EndInteraction pair (what the trackball style sends)
    style = iren.GetInteractorStyle() if interaction else None  # None: still frames, no motion shortcuts
    def trigger():
        iren.Render()
        if style is not None:
            style.InvokeEvent("InteractionEvent")
    if style is not None:
        style.InvokeEvent("StartInteractionEvent")
    # untimed warm-up frames: shader compilation, buffer uploads after a resize
    for _ in range(warmup):
        n = clock.swaps
        trigger()
        clock.wait_swap(n)
        finish_frame(ren_win)
    frames, renders = [], []
    r0 = clock.renders
    none0 = sys.getrefcount(None)
    for _ in range(steps):
        cam.Azimuth(step_deg if step_deg is not None else 360.0 / steps)
        plotter.renderer.ResetCameraClippingRange()
        n = clock.swaps
        t0 = time.perf_counter()
        trigger()
        finish_frame(ren_win)
        t1 = time.perf_counter()
        clock.wait_swap(n)
        finish_frame(ren_win)
        t2 = time.perf_counter()
        frames.append(t2 - t0)
        renders.append(t1 - t0)
    n_renders = clock.renders - r0
    none_lost = none0 - sys.getrefcount(None)
    if style is not None:
        style.InvokeEvent("EndInteractionEvent")
    clock.close()
    return {"frame": frames, "render": renders, "renders_per_frame": n_renders / max(steps, 1),
            "none_refs_lost_per_frame": none_lost / max(steps, 1)}


def wait_until(app, predicate, timeout: float = 10.0, poll_ms: int = 1) -> bool:
    """Run the Qt event loop until ``predicate()`` is true (checked every ``poll_ms``) or timeout.

    A real event loop, not a busy ``processEvents`` loop: a busy loop holds the
    GIL and would slow the mesh-loading thread (and crashed PySide6 here).
    """
    from PySide6.QtCore import QEventLoop, QTimer

    if predicate():
        return True
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(poll_ms)
    poll.timeout.connect(lambda: predicate() and loop.quit())
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.timeout.connect(loop.quit)
    poll.start()
    deadline.start(int(timeout * 1000))
    loop.exec()
    poll.stop()
    deadline.stop()
    return bool(predicate())


def set_view_size(app, window, view, width: int, height: int) -> tuple[int, int]:
    """Resize ``window`` (and its splitter) so that ``view`` gets width x height device pixels."""
    dpr = view.devicePixelRatioF() or 1.0
    want_w, want_h = round(width / dpr), round(height / dpr)
    splitter = getattr(window, "splitter", None)
    for _ in range(6):
        dw, dh = want_w - view.width(), want_h - view.height()
        if dw == 0 and dh == 0:
            break
        window.resize(window.width() + dw, window.height() + dh)
        wait_until(app, lambda: False, 0.05)
        if splitter is not None and view.width() != want_w:
            sizes = splitter.sizes()
            splitter.setSizes([want_w, max(sum(sizes) - want_w, 1)] + sizes[2:])
            wait_until(app, lambda: False, 0.05)
    return tuple(view.plotter.render_window.GetSize()) if hasattr(view, "plotter") else (view.width(), view.height())


def qt_pos_from_display(widget, x: float, y: float):
    """VTK display coordinates (origin bottom-left, device pixels) to Qt widget coordinates."""
    from PySide6.QtCore import QPoint

    dpr = widget.devicePixelRatioF() or 1.0
    h_dev = round(widget.height() * dpr)
    return QPoint(round(x / dpr), round((h_dev - 1 - y) / dpr))


def measure_picking(app, window, clicks: int) -> dict:
    """Click each region at its on-screen position; time click -> panel shows the region."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    brain_view, panel, state = window.brain_view, window.panel, window.state
    plotter = brain_view.plotter
    results = {}
    for region_id in brain_view.scene.region_ids:
        name = window.content.region(region_id).name
        point = brain_view.scene.visible_point(region_id)
        if point is None:
            results[region_id] = {"error": "not visible"}
            continue
        pos = qt_pos_from_display(plotter, *point)
        to_title, to_idle = [], []
        for _ in range(clicks):
            state.clear_selection()
            wait_until(app, lambda: panel.current_title() == "", 5)
            for _ in range(5):
                app.processEvents()
            t0 = time.perf_counter()
            QTest.mouseClick(plotter, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
            ok = wait_until(app, lambda want=name: panel.current_title() == want, 5)
            t1 = time.perf_counter()
            app.processEvents()  # the repaint of the panel and whatever else was queued
            t2 = time.perf_counter()
            if not ok:
                results[region_id] = {"error": f"panel never showed {name!r} (shows {panel.current_title()!r})"}
                break
            to_title.append(t1 - t0)
            to_idle.append(t2 - t0)
        else:
            results[region_id] = {"name": name, "display_pos": point, "to_title": to_title, "to_idle": to_idle}
    state.clear_selection()
    return results


def profile_click(app, window, region_id: str, path: str) -> None:
    """cProfile one click (written to ``path``)."""
    import cProfile

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    point = window.brain_view.scene.visible_point(region_id)
    pos = qt_pos_from_display(window.brain_view.plotter, *point)
    window.state.clear_selection()
    app.processEvents()
    prof = cProfile.Profile()
    prof.enable()
    QTest.mouseClick(window.brain_view.plotter, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
    app.processEvents()
    prof.disable()
    prof.dump_stats(path)


def scene_stats(plotter) -> dict:
    ren_win = plotter.render_window
    n_tri, n_actors = 0, 0
    actors = plotter.renderer.GetActors()
    actors.InitTraversal()
    for _ in range(actors.GetNumberOfItems()):
        a = actors.GetNextActor()
        if a.GetVisibility():
            n_actors += 1
            n_tri += a.GetMapper().GetInput().GetNumberOfCells()
    return {"render_window": ren_win.GetClassName(), "multisamples": ren_win.GetMultiSamples(),
            "fxaa": bool(plotter.renderer.GetUseFXAA()), "depth_peeling": bool(plotter.renderer.GetUseDepthPeeling()),
            "visible_actors": n_actors, "visible_triangles": n_tri, "size": list(ren_win.GetSize())}


def show_presenter(app, window):
    """Show the presenter view (viewer/presenter/) below the window, its live copy running; None without one."""
    commands = getattr(window, "presenter", None)
    if commands is None:
        return None
    view = commands._ensure_view()
    view.setGeometry(20, 1140, 1000, 440)   # below the main window on the 2560x1600 bench screen
    view.show()
    wait_until(app, lambda: view.mirror.copies > 0, 10)
    return view


# --------------------------------------------------------------------------- lecture mode
def enter_lecture_mode(app, window) -> dict:
    """Lecture mode: the window's LectureMode (viewer/lecture/lecture_mode.py) when it exists, else an approximation."""
    info = {}
    lecture = getattr(window, "lecture", None)
    if lecture is not None and callable(getattr(lecture, "enter", None)):
        lecture.enter()
        info["api"] = "window.lecture.enter() (viewer/lecture/lecture_mode.py)"
        info["approximated"] = False
    else:
        # approximation: projector theme, no side panel or chrome, full-screen window
        from PySide6.QtWidgets import QToolBar

        info["api"] = "approximation (no viewer.lecture.lecture_mode): projector theme, chrome hidden, full screen"
        info["approximated"] = True
        window.state.set_theme("projector")
        window.splitter.widget(1).hide()
        window.menuBar().hide()
        for tb in window.findChildren(QToolBar):
            tb.hide()
        window.statusBar().hide()
        window.showFullScreen()
    from PySide6.QtWidgets import QApplication

    screen = QApplication.primaryScreen().geometry()  # not QWidget.screen(): see pyvistaqt/rwi.py
    view = window.brain_view
    wait_until(app, lambda: (view.width(), view.height()) == (screen.width(), screen.height()), 3)
    controller = getattr(window, "tour_controller", None)
    if controller is not None:  # entering starts the default tour: let its camera flight end
        wait_until(app, lambda: not getattr(controller, "animating", False), 10)
    wait_until(app, lambda: False, 0.5)
    info["screen"] = [screen.width(), screen.height()]
    info["window_state_fullscreen"] = bool(window.isFullScreen())
    info["theme"] = window.state.theme
    info["labels_visible"] = bool(getattr(window.state, "labels_visible", False))
    return info
