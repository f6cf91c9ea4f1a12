"""Shared test set-up.

* The repository root goes on ``sys.path`` so ``atlases``/``viewer``/``main``
  import from the checkout, and ``tests/`` too, so the test files in the
  folders that mirror the code's layout import the shared ``helpers_*`` modules.
* Every test session gets its own empty mesh cache and nilearn data folders,
  so tests never read or write the user's real caches and never find a real
  downloaded atlas by accident.
* GUI tests are marked ``gui`` and skipped with a clear reason when there is
  no X display (run them under Xvfb, as ``scripts/test.sh`` does).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
for _path in (Path(__file__).resolve().parent, ROOT):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))


def _parse_with_collection_held_off(parse):
    """``ast.parse`` with garbage collection held off while it builds the tree.

    CPython 3.11 before 3.11.8 keeps the AST constructor's recursion depth in
    state that all threads share (CPython gh-106905). An allocation in the
    constructor can start a collection whose finalizers are Python code, and
    there the thread can hand the GIL to another thread that parses too (on
    3.11 formatting a traceback parses its caret lines): the first parse then
    raises ``SystemError: AST constructor recursion depth mismatch``. When that
    parse is pytest's, formatting a failed test's report, the whole session
    ends in an INTERNALERROR instead of naming the test. With collection held
    off, the constructor runs no Python code, so no other thread runs inside it.
    """
    import functools
    import gc

    @functools.wraps(parse)
    def guarded(*args, **kwargs):
        enabled = gc.isenabled()
        gc.disable()
        try:
            return parse(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return guarded


if (3, 11) <= sys.version_info[:3] < (3, 11, 8):
    import ast

    ast.parse = _parse_with_collection_held_off(ast.parse)


#: How much longer than written the tests wait for a Qt condition, signal or window. These waits are
#: limits for something to come true (a passing wait returns at once), never timing thresholds, and
#: a loaded machine (CI, or a developer's with other work running) needs more room: a frame or a
#: queued signal that comes in 50 ms on a quiet machine took over 5 s there.
WAIT_SCALE = float(os.environ.get("BRAIN_TEST_WAIT_SCALE", "4"))


def _scale_qtbot_waits(scale: float) -> None:
    from pytestqt.qtbot import QtBot

    for name in ("waitUntil", "waitSignal", "waitSignals", "waitExposed", "waitActive"):
        original = getattr(QtBot, name)
        if getattr(original, "_scaled", False):
            continue

        def scaled(self, *args, _original=original, timeout=5000, **kwargs):
            if timeout is not None and timeout > 0:
                timeout = int(timeout * scale)
            return _original(self, *args, timeout=timeout, **kwargs)

        scaled._scaled = True  # type: ignore[attr-defined]
        scaled.__doc__ = original.__doc__
        setattr(QtBot, name, scaled)


def pytest_configure(config):
    base = Path(os.environ.get("PYTEST_BRAIN_TMP", "")) if os.environ.get("PYTEST_BRAIN_TMP") else None
    if base is None:
        import tempfile

        base = Path(tempfile.mkdtemp(prefix="brain-explorer-tests-"))
    # HOME too: nilearn and the Harvard-Oxford source also look in ~/nilearn_data
    for name, sub in (("BRAIN_EXPLORER_CACHE_DIR", "mesh-cache"), ("NILEARN_DATA", "nilearn-data"),
                      ("NILEARN_SHARED_DATA", "nilearn-shared"), ("HOME", "home")):
        (base / sub).mkdir(parents=True, exist_ok=True)
        os.environ[name] = str(base / sub)
    # nor the IT's shared data folder of the machine the tests run on (tests set their own)
    os.environ.pop("BRAIN_EXPLORER_SHARED_DATA", None)
    os.environ["BRAIN_EXPLORER_SHARED_DATA_CONFIG"] = str(base / "no-shared-data.toml")
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    # the app follows the system's language when none is chosen: tests expect English unless they
    # ask for another language (--lang, a window's language), whatever the machine's locale
    os.environ["LC_ALL"] = os.environ["LANG"] = "C.UTF-8"
    os.environ.pop("LANGUAGE", None)
    # the windows under test get the allocator setting the app starts with (main.py)
    from viewer.runtime.heap_tuning import limit_heap_fragmentation

    limit_heap_fragmentation()
    try:
        _scale_qtbot_waits(WAIT_SCALE)
    except ImportError:   # pytest-qt missing: the GUI tests skip
        pass


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Once a failed test's report is written, let go of what its frames hold.

    pytest keeps a failure's traceback (``sys.last_traceback``, for a post-mortem
    debugger) into the next test, and with it every local of the failed test:
    its window, 3D view, VTK render window. Those then die at some later moment
    (the next test, or a garbage collection in another one), long after their
    OpenGL context is gone; two CI runs in which one test failed ended in a
    segfault so. Cleared here, they go with the failed test's own teardown.
    """
    outcome = yield
    if call.excinfo is None or item.config.getoption("usepdb", False):
        return
    outcome.get_result()   # the report (and its text) exists before the frames are cleared
    tb = call.excinfo.tb
    while tb is not None:
        frame, tb = tb.tb_frame, tb.tb_next
        try:
            frame.clear()
        except RuntimeError:   # still running (pytest's own frames): keep its locals
            continue
        frame.f_locals   # noqa: B018 - empties the dict of locals the report was made from (3.11 keeps it)
    for name in ("last_type", "last_value", "last_traceback", "last_exc"):
        if hasattr(sys, name):
            setattr(sys, name, None)


#: scripts/test.sh names a file here; each test phase writes its test id into it, so that when the
#: process dies (a segfault prints only Python frames), the script can say which test was running.
_PHASE_FILE = os.environ.get("BRAIN_TEST_PHASE_FILE")


def _note_phase(item, phase: str) -> None:
    if _PHASE_FILE:
        with open(_PHASE_FILE, "w", encoding="utf-8") as f:
            f.write(f"{item.nodeid} ({phase})\n")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    _note_phase(item, "setup")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item):
    _note_phase(item, "call")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item):
    _note_phase(item, "teardown")


def pytest_collection_modifyitems(config, items):
    if os.environ.get("DISPLAY"):
        return
    skip = pytest.mark.skip(reason="needs an X display: run the tests through scripts/test.sh (Xvfb)")
    for item in items:
        if "gui" in item.keywords:
            item.add_marker(skip)


from helpers_output import read_only_folder, small_tmpfs  # noqa: E402 - fixtures for every test folder

__all__ = ["read_only_folder", "small_tmpfs"]


@pytest.fixture
def repo_root() -> Path:
    return ROOT


@pytest.fixture(autouse=True)
def _no_leaked_windows(request):
    """After each GUI test: no visible top-level window and no open QtInteractor.

    Deferred deletions are flushed first, like pyvistaqt's own test suite does.
    """
    yield
    if "PySide6.QtWidgets" in sys.modules:
        from PySide6.QtGui import QGuiApplication
        from PySide6.QtWidgets import QApplication

        bare = QGuiApplication.instance()
        if bare is not None and not isinstance(bare, QApplication):
            # a widget test after this one would abort the whole session ("Cannot create a QWidget
            # without QApplication"): fail the test that made it, and let the next ones make theirs
            bare.shutdown()
            pytest.fail("the test left a QGuiApplication that is not a QApplication (code that makes one "
                        "when none exists, such as viewer.diagram.diagram_export.ensure_gui_application, "
                        "needs pytest-qt's qapp fixture)")
    if "gui" not in request.keywords:
        return
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()
    leaked = [f"{type(w).__name__}({w.windowTitle()!r})" for w in app.topLevelWidgets() if w.isVisible()]
    import gc

    from pyvistaqt import QtInteractor

    gc.collect()
    open_plotters = [o for o in gc.get_objects() if isinstance(o, QtInteractor) and not getattr(o, "_closed", True)]
    for w in app.topLevelWidgets():  # do not let one leak fail every later test
        if w.isVisible():
            w.close()
    for plotter in open_plotters:
        plotter.close()
    assert not leaked, f"windows left open by the test: {leaked}"
    assert not open_plotters, f"{len(open_plotters)} QtInteractor(s) left open by the test"


@pytest.fixture
def make_window(qtbot, tmp_path):
    """Factory: a shown main window with its first atlas loaded; closed after the test.

    ``make_window(atlas_dir=None, settings_path=None, size=(1280, 800))``
    """
    from argparse import Namespace

    from PySide6.QtCore import QSettings

    from viewer.app import create_window

    windows = []

    def factory(atlas_dir=None, settings_path=None, size=(1280, 800), atlas=None, theme=None):
        settings = QSettings(str(settings_path or tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        args = Namespace(atlas_dir=atlas_dir, atlas=atlas, theme=theme)
        window = create_window(args, settings=settings)
        windows.append(window)
        window.resize(*size)
        with qtbot.waitSignal(window.brain_view.sceneReady, timeout=60_000):
            window.show()
        qtbot.waitExposed(window)
        window.activateWindow()  # window shortcuts (Esc, 1-8, F5...) need the active window
        qtbot.waitUntil(window.isActiveWindow, timeout=5000)
        return window

    yield factory
    for window in windows:
        window.close()
        window.deleteLater()
