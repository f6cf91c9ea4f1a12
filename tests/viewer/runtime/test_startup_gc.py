"""The garbage collector paused for the start-up comes back on, with the start-up's objects frozen."""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from viewer.runtime import startup_gc

ROOT = Path(__file__).resolve().parents[3]


def test_resume_only_undoes_its_own_pause():
    assert gc.isenabled()
    frozen_before = gc.get_freeze_count()
    assert startup_gc.resume_collection() is False  # nothing paused: nothing to do, nothing frozen
    assert gc.get_freeze_count() == frozen_before
    startup_gc.pause_collection()
    try:
        assert not gc.isenabled()
    finally:
        assert startup_gc.resume_collection() is True
    try:
        assert gc.isenabled()
        assert gc.get_freeze_count() > frozen_before + 1000  # this process's objects were frozen
        assert startup_gc.resume_collection() is False
    finally:
        gc.unfreeze()


@pytest.mark.gui
def test_the_window_resumes_the_collector_after_its_first_scene(tmp_path):
    # a whole start as main.py does it, in its own process (the test process keeps its collector)
    script = textwrap.dedent("""
        import gc, sys
        from viewer.runtime.startup_gc import pause_collection
        pause_collection()
        from PySide6.QtCore import QSettings, QTimer
        from PySide6.QtWidgets import QApplication
        from viewer.app import create_window
        app = QApplication(sys.argv[:1])
        window = create_window(None, QSettings(sys.argv[1], QSettings.Format.IniFormat))
        seen = {}
        window.brain_view.sceneReady.connect(lambda: seen.setdefault("paused_at_scene", not gc.isenabled()))
        window.show()
        QTimer.singleShot(20_000, app.quit)
        def check():
            if gc.isenabled():
                seen["frozen"] = gc.get_freeze_count()
                app.quit()
        poll = QTimer(); poll.timeout.connect(check); poll.start(50)
        app.exec()
        print(seen.get("paused_at_scene"), gc.isenabled(), seen.get("frozen", 0))
    """)
    out = subprocess.run([sys.executable, "-c", script, str(tmp_path / "settings.ini")], cwd=str(ROOT),
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    paused_at_scene, enabled, frozen = out.stdout.split()[-3:]
    assert paused_at_scene == "True" and enabled == "True"
    assert int(frozen) > 10_000  # the start-up's objects moved out of the collected generations
