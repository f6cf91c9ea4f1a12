"""Uncaught exceptions are logged in full and shown in one rate-limited dialog, never swallowed.

pytest-qt normally catches exceptions raised in Qt slots itself; these tests
turn that off (``qt_no_exception_capture``) so the app's own hook handles them,
as it does in the real app.
"""

from __future__ import annotations

import sys
import threading

import pytest

from viewer.runtime import crash_log

pytestmark = pytest.mark.gui


@pytest.fixture
def log_dir(tmp_path, monkeypatch):
    folder = tmp_path / "logs"
    monkeypatch.setenv("BRAIN_EXPLORER_LOG_DIR", str(folder))
    return folder


@pytest.fixture
def dialogs(monkeypatch):
    """Every dialog the reporter opens: (thread is the GUI thread, title, text)."""
    from viewer.runtime import error_reporting

    shown = []
    monkeypatch.setattr(error_reporting.QMessageBox, "critical", lambda parent, title, text, *a: shown.append(
        (threading.current_thread() is threading.main_thread(), title, text)))
    return shown


@pytest.fixture
def reporter(qapp, log_dir, dialogs):
    from viewer.runtime.error_reporting import install_error_reporting

    installed = install_error_reporting()
    yield installed
    installed.uninstall()


def _raise_in_slot(qtbot, exc_type, message: str, times: int = 1) -> None:
    from PySide6.QtCore import QTimer

    def slot():
        raise exc_type(message)

    fired = []
    for _ in range(times):
        QTimer.singleShot(0, lambda: (fired.append(1), slot()))
    qtbot.waitUntil(lambda: len(fired) == times, timeout=5000)
    qtbot.wait(50)  # let queued dialog requests arrive


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_slot_is_logged_and_shown(qtbot, reporter, dialogs, log_dir):
    _raise_in_slot(qtbot, ValueError, "the slider went to eleven")
    log_text = (log_dir / crash_log.LOG_NAME).read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in log_text and "ValueError: the slider went to eleven" in log_text
    assert ", in slot" in log_text   # the full traceback, down to the slot
    assert len(dialogs) == 1
    in_gui_thread, title, text = dialogs[0]
    assert in_gui_thread and title == "Brain Region Explorer"
    assert "ValueError: the slider went to eleven" in text and str(log_dir / crash_log.LOG_NAME) in text
    assert "Traceback" not in text


@pytest.mark.qt_no_exception_capture
def test_a_repeating_error_opens_one_dialog(qtbot, reporter, dialogs, log_dir):
    _raise_in_slot(qtbot, RuntimeError, "every frame", times=100)
    assert len(dialogs) == 1 and reporter.suppressed == 99
    assert (log_dir / crash_log.LOG_NAME).read_text(encoding="utf-8").count("RuntimeError: every frame") == 100


@pytest.mark.qt_no_exception_capture
def test_many_different_errors_are_capped(qtbot, reporter, dialogs):
    from viewer.runtime import error_reporting

    for n in range(10):
        _raise_in_slot(qtbot, KeyError, f"key {n}")
    assert len(dialogs) == error_reporting.MAX_DIALOGS
    assert reporter.suppressed == 10 - error_reporting.MAX_DIALOGS


def test_no_second_dialog_while_one_is_open(qapp, log_dir, monkeypatch):
    """An error raised while the dialog's own event loop runs must not open a dialog on top of it."""
    from viewer.runtime import error_reporting

    reporter = error_reporting.ErrorReporter()
    opened = []

    def critical(parent, title, text):
        opened.append(text)
        reporter._show("nested error", "", ("Nested",))   # arrives while this dialog is open

    monkeypatch.setattr(error_reporting.QMessageBox, "critical", critical)
    reporter._show("first error", "", ("First",))
    assert opened and len(opened) == 1 and reporter.suppressed == 1
    reporter._show("third error", "", ("Third",))
    assert len(opened) == 2 and "1 more error(s)" in opened[1]


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_thread_is_shown_in_the_gui_thread(qtbot, reporter, dialogs, log_dir):
    worker = threading.Thread(target=lambda: 1 / 0, name="mesh-worker")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(dialogs) == 1, timeout=5000)
    assert dialogs[0][0], "the dialog was opened outside the GUI thread"
    assert "ZeroDivisionError" in dialogs[0][2]
    assert "in thread mesh-worker" in (log_dir / crash_log.LOG_NAME).read_text(encoding="utf-8")


@pytest.mark.qt_no_exception_capture
def test_unwritable_log_folder_still_shows_the_dialog(qtbot, tmp_path, monkeypatch, qapp, dialogs):
    from viewer.runtime.error_reporting import install_error_reporting

    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BRAIN_EXPLORER_LOG_DIR", str(blocker / "logs"))
    installed = install_error_reporting()
    try:
        _raise_in_slot(qtbot, OSError, "disk trouble")
    finally:
        installed.uninstall()
    assert len(dialogs) == 1 and "could not be saved" in dialogs[0][2]


def test_project_errors_show_their_own_message(log_dir):
    from atlases.errors import AtlasError

    assert crash_log.summary(AtlasError, AtlasError("image is truncated", "/x/a.nii.gz")) == \
        "/x/a.nii.gz: image is truncated"
    assert crash_log.summary(ValueError, ValueError("")) == "ValueError"


def test_install_and_uninstall_restore_the_hooks(qapp):
    from viewer.runtime.error_reporting import ErrorReporter

    before = (sys.excepthook, threading.excepthook)
    reporter = ErrorReporter().install()
    assert sys.excepthook == reporter.excepthook and threading.excepthook == reporter.thread_excepthook
    reporter.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


def test_log_is_rotated(log_dir, monkeypatch):
    monkeypatch.setattr(crash_log, "MAX_LOG_BYTES", 2000)
    try:
        raise ValueError("x" * 500)
    except ValueError as exc:
        for _ in range(10):
            crash_log.write_log(type(exc), exc, exc.__traceback__)
    assert (log_dir / "app.log.1").exists()
    assert (log_dir / "app.log").stat().st_size < 2000 + 2000


def test_default_log_dir(monkeypatch, tmp_path):
    monkeypatch.delenv("BRAIN_EXPLORER_LOG_DIR", raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    if sys.platform.startswith("linux"):
        assert crash_log.default_log_dir() == tmp_path / "brain-region-explorer"
    monkeypatch.setenv("BRAIN_EXPLORER_LOG_DIR", str(tmp_path / "here"))
    assert crash_log.default_log_dir() == tmp_path / "here"


def test_cli_unexpected_error_is_one_line_with_the_log(log_dir, monkeypatch, capsys):
    import main

    def broken(*_args):   # main passes the content and language to list
        raise TypeError("unsupported operand")

    monkeypatch.setattr(main, "_list_names", broken)
    assert main.run(["--list"]) == main.EXIT_ERROR
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in err, err
    assert "TypeError: unsupported operand" in lines[0] and str(log_dir / "app.log") in lines[0]
    assert "in broken" in (log_dir / "app.log").read_text(encoding="utf-8")
