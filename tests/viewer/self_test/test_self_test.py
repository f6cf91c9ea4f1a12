"""``main.py --self-test`` on the real window: it passes offline with an empty HOME, and a failing step
(a blank render, a region the panel does not show, an atlas that fails, a step that hangs) gives exit
code 1 and a report naming that step."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from helpers_network import jail_env

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[3]
STEPS = ["graphics", "open window", "load atlas", "render", "select prefrontal_cortex", "select hippocampus",
         "select posteromedial_cortex", "enter lecture mode", "leave lecture mode", "close window"]


def _offline_prefix() -> list[str]:
    """``unshare -n`` (no network at all) where it works here (as root), else nothing (the jail is used)."""
    try:
        ok = subprocess.run(["unshare", "-n", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        ok = False
    return ["unshare", "-n"] if ok else []


def test_the_self_test_passes_offline_with_an_empty_home(tmp_path):
    home, tmp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    tmp.mkdir()
    report = tmp_path / "out" / "report.json"
    # the conftest's environment (its own mesh cache and nilearn folders), an empty HOME and TMPDIR, and the
    # network jail in case unshare is not allowed here
    env = jail_env(tmp_path / "jail", "dns-fail", HOME=str(home), TMPDIR=str(tmp))
    proc = subprocess.run([*_offline_prefix(), sys.executable, str(ROOT / "main.py"), "--self-test",
                           "--report", str(report)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["ok"] is True
    assert [c["name"] for c in data["checks"]] == STEPS
    for check in data["checks"]:
        assert check["ok"] is True and check["seconds"] >= 0 and check["detail"], check
    assert "the side panel shows 'Hippocampus'" in [c["detail"] for c in data["checks"]]
    assert data["renderer"] and data["versions"]["vtk"] and data["versions"]["PySide6"]
    assert "self-test passed" in proc.stdout and str(report) in proc.stdout
    # its throwaway settings are gone, and the user's were neither read nor written
    assert list(tmp.iterdir()) == []
    assert not list(home.rglob("*.ini")) and not list(home.rglob("*.conf"))
    assert [p.name for p in report.parent.iterdir()] == ["report.json"]   # no temporary file left


@pytest.fixture
def run_self_test(qapp, tmp_path, monkeypatch):
    """Run the self-test in this process (no OpenGL check child); returns (exit code, report dict)."""
    from viewer.self_test.runner import SelfTest

    monkeypatch.setenv("HOME", str(tmp_path / "home"))

    def run(report_path=tmp_path / "report.json"):
        code = SelfTest(qapp, probe=None, report_path=report_path).run()
        return code, (json.loads(report_path.read_text(encoding="utf-8")) if report_path else None)

    return run


def _failed(data) -> list[str]:
    return [c["name"] for c in data["checks"] if not c["ok"]]


def test_a_blank_render_fails_the_render_step(run_self_test, monkeypatch, capsys):
    from viewer.window.brain_view import BrainView

    monkeypatch.setattr(BrainView, "snapshot", lambda self, *a, **k: np.full((80, 120, 3), 40, np.uint8))
    code, data = run_self_test()
    assert code == 1
    assert data["ok"] is False
    render = next(c for c in data["checks"] if c["name"] == "render")
    assert render["ok"] is False and "blank" in render["detail"]
    # the steps after it are listed as not run, so the first failure is the one to read
    assert _failed(data) == STEPS[STEPS.index("render"):]
    assert all(c["detail"] == "not run: 'render' failed" for c in data["checks"][STEPS.index("render") + 1:])
    assert "self-test FAILED at 'render'" in capsys.readouterr().err


def test_a_region_the_panel_does_not_show_fails_its_step(run_self_test, monkeypatch, capsys):
    from viewer.self_test import runner
    from viewer.window.region_panel import RegionPanel

    real = RegionPanel._on_region_changed
    monkeypatch.setattr(RegionPanel, "_on_region_changed",
                        lambda self, region_id: None if region_id == "hippocampus" else real(self, region_id))
    monkeypatch.setitem(runner.STEP_TIMEOUTS, "select", 2.0)
    code, data = run_self_test()
    assert code == 1
    assert _failed(data)[0] == "select hippocampus"
    check = next(c for c in data["checks"] if c["name"] == "select hippocampus")
    assert "'Hippocampus' did not happen within 2 s" in check["detail"]
    assert next(c for c in data["checks"] if c["name"] == "select prefrontal_cortex")["ok"] is True
    assert "self-test FAILED at 'select hippocampus'" in capsys.readouterr().err


def test_a_dialog_is_closed_and_fails_the_step_with_its_text(run_self_test, monkeypatch):
    from atlases.errors import AtlasError
    from viewer.window import atlas_loading
    from viewer.window.atlas_worker import BackgroundTask

    def fail():
        raise AtlasError("forged failure for the self-test")

    monkeypatch.setattr(atlas_loading, "load_model_task", lambda *a, parent=None, **k: BackgroundTask(fail,
                                                                                                      parent=parent))
    code, data = run_self_test()
    assert code == 1
    assert _failed(data)[0] == "load atlas"
    detail = next(c for c in data["checks"] if c["name"] == "load atlas")["detail"]
    assert "a dialog opened: Atlas not available" in detail and "forged failure for the self-test" in detail


def test_a_step_stuck_in_a_call_is_reported_by_the_watchdog(run_self_test, monkeypatch, tmp_path):
    import time

    from viewer.self_test import runner, watchdog
    from viewer.window.brain_view import BrainView

    exits, reports = [], []
    report_path = tmp_path / "report.json"

    def exit_now(code):   # the real one ends the process: record, and read the report written then
        exits.append(code)
        reports.append(json.loads(report_path.read_text(encoding="utf-8")))

    def stuck(self, *args, **kwargs):
        time.sleep(1.5)
        return np.zeros((8, 8, 3), np.uint8)

    monkeypatch.setattr(watchdog, "exit_now", exit_now)
    monkeypatch.setattr(watchdog, "WATCHDOG_GRACE", 0.1)
    monkeypatch.setitem(runner.STEP_TIMEOUTS, "render", 0.2)
    monkeypatch.setattr(BrainView, "snapshot", stuck)
    code, data = run_self_test(report_path)
    assert exits == [1]
    assert _failed(reports[0]) == ["render"] and reports[0]["ok"] is False
    assert "did not finish within 0.2 s (the app was stuck)" in reports[0]["checks"][-1]["detail"]
    assert code == 1 and _failed(data)[0] == "render"


def test_without_a_report_file_the_report_goes_to_stdout(run_self_test, capsys):
    code, _ = run_self_test(report_path=None)
    out = capsys.readouterr().out
    assert code == 0, out
    data = json.loads(out)
    assert data["ok"] is True and [c["name"] for c in data["checks"]] == STEPS
    assert data["checks"][0]["detail"] == "skipped (BRAIN_EXPLORER_GL_PROBE=0)"

