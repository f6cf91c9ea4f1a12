"""The self-test's report file (refused where it cannot be written, written whole) and its watchdog."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from viewer.self_test.report import ReportPathError, check_report_path, write_report
from viewer.self_test.watchdog import Watchdog

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("bad, why", [
    ("", "no report file name"),
    ("a\0b.json", "NUL character"),
    ("{tmp}/", "ends with a slash"),
    ("{tmp}", "it is a folder"),
    ("/dev/null", "it is a device"),
    ("{tmp}/file.txt/report.json", "it is a file, not a folder"),
])
def test_a_report_path_that_cannot_be_written_is_refused(tmp_path, bad, why):
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    with pytest.raises(ReportPathError, match=why):
        check_report_path(bad.format(tmp=tmp_path))


def test_a_named_pipe_is_refused(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(ReportPathError, match="a named pipe"):
        check_report_path(tmp_path / "pipe")


def test_a_new_file_in_a_missing_folder_is_fine_and_written_whole(tmp_path):
    target = check_report_path(tmp_path / "new" / "folder" / "report.json")
    assert target == tmp_path / "new" / "folder" / "report.json"
    write_report({"ok": True}, target)
    assert json.loads(target.read_text(encoding="utf-8")) == {"ok": True}


def test_a_failed_write_leaves_the_old_report_and_no_temporary_file(tmp_path):
    target = tmp_path / "report.json"
    write_report({"ok": False}, target)
    with pytest.raises(TypeError):
        write_report({"ok": object()}, target)   # cannot be encoded halfway through
    assert json.loads(target.read_text(encoding="utf-8")) == {"ok": False}
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_a_bad_report_path_is_refused_before_the_window_opens(tmp_path):
    env = dict(os.environ, DISPLAY="", QT_QPA_PLATFORM="xcb")   # no window could open: the refusal comes first
    for bad in ("/dev/null", f"{tmp_path}/", str(tmp_path)):
        proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "--self-test", "--report", bad], cwd=ROOT,
                              env=env, capture_output=True, text=True, timeout=60)
        assert proc.returncode == 1, (bad, proc.stderr)
        assert proc.stderr.startswith("error: ") and "cannot write the report" in proc.stderr


def test_report_needs_self_test():
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "--report", "r.json"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "--report needs --self-test" in proc.stderr


def test_the_watchdog_fires_for_an_overrun_step_only(monkeypatch):
    from viewer.self_test import watchdog

    monkeypatch.setattr(watchdog, "WATCHDOG_GRACE", 0.0)
    fired, done = [], threading.Event()
    dog = Watchdog(lambda step, seconds: (fired.append((step, seconds)), done.set()))
    dog.start()
    try:
        dog.arm("quick", 0.5)
        dog.disarm()             # finished in time: nothing
        dog.arm("stuck", 0.1)
        assert done.wait(5)
        assert fired == [("stuck", 0.1)]
    finally:
        dog.stop()
        dog.join(5)
    assert not dog.is_alive()
