"""The OpenGL check: a child renders one frame; a crash, a hang or old OpenGL is a failure, not a crash.

Old OpenGL is simulated for real with Mesa's ``MESA_GL_VERSION_OVERRIDE``
(1.1 is what a Windows remote-desktop session offers: VTK then segfaults;
2.1 and 3.1 are refused by VTK or by the check). Crashes, hangs and garbage
answers are simulated by replacing the child's command.
"""

from __future__ import annotations

import os
import subprocess
import sys
from argparse import Namespace
from pathlib import Path

import pytest

from atlases.child_process_flags import GL_PROBE_FLAG
from viewer.runtime import gl_probe
from viewer.runtime.gl_probe import GLProbeResult, ProbeRun, interpret, parse_gl_version

ROOT = Path(__file__).resolve().parents[3]
PY = sys.executable


# ---------------------------------------------------------------- pure parts
@pytest.mark.parametrize("text, expected", [
    ("4.5 (Core Profile) Mesa 22.3.6", (4, 5)), ("3.2.0 NVIDIA 535.54", (3, 2)), ("1.1.0", (1, 1)),
    ("OpenGL ES 3.1 Mesa", (3, 1)), ("", None), ("unknown", None),
])
def test_parse_gl_version(text, expected):
    assert parse_gl_version(text) == expected


def _answer(supports=True, version="4.5 (Core Profile) Mesa 22.3.6", renderer="llvmpipe"):
    import json

    return gl_probe.MARKER + json.dumps({"supports": supports, "version": version, "renderer": renderer})


@pytest.mark.parametrize("returncode, out, err, ok, phrase", [
    (0, _answer(), "", True, ""),
    (0, "VTK noise\n" + _answer(), "warning", True, ""),
    (0, _answer(version="3.1 Mesa 22"), "", False, "OpenGL 3.1 found; the 3D view needs OpenGL 3.2 or later"),
    (0, _answer(version="1.1.0"), "", False, "OpenGL 1.1 found"),
    (0, _answer(supports=False, version=""), "Unable to find a valid OpenGL 3.2 or later implementation. "
     "(2.1 found).", False, "no OpenGL 3.2 or later is available (VTK: Unable to find a valid OpenGL 3.2"),
    (0, _answer(version="garbage"), "", False, "could not read the OpenGL version"),
    (-11, "", "Segmentation fault", False, "the graphics test crashed (SIGSEGV)"),
    (-6, _answer(), "", False, "crashed after rendering (SIGABRT)"),
    (1, "", "Traceback...\nImportError: libGL.so.1: cannot open shared object file", False,
     "the graphics test failed (ImportError: libGL.so.1"),
    (0, "GLPROBE {not json", "", False, "gave no answer"),
    (0xC0000005, "", "", False, "crashed (status 0xC0000005)"),   # a Windows access violation
])
def test_interpret(returncode, out, err, ok, phrase):
    result = interpret(returncode, out, err)
    assert result.ok is ok and phrase in result.message, result


def test_software_gl_environment():
    assert gl_probe.software_gl_environment(platform="linux") == {"LIBGL_ALWAYS_SOFTWARE": "1",
                                                                  "GALLIUM_DRIVER": "llvmpipe"}
    env = gl_probe.software_gl_environment({"PATH": "/bin"}, platform="win32")
    assert env == {"PATH": "/bin", "LIBGL_ALWAYS_SOFTWARE": "1", "GALLIUM_DRIVER": "llvmpipe",
                   "QT_OPENGL": "software"}
    assert gl_probe.software_gl_active(env) and not gl_probe.software_gl_active({})


@pytest.mark.parametrize("value, enabled", [(None, True), ("1", True), ("0", False), ("off", False), ("no", False)])
def test_probe_can_be_disabled(value, enabled):
    assert gl_probe.probe_enabled({} if value is None else {gl_probe.DISABLE_VARIABLE: value}) is enabled


# ---------------------------------------------------------------- failing children
@pytest.mark.parametrize("code, phrase", [
    ("import os; os.abort()", "crashed (SIGABRT)"),
    ("import os, signal; os.kill(os.getpid(), signal.SIGSEGV)", "crashed (SIGSEGV)"),
    ("import sys; sys.exit(3)", "failed (exit code 3)"),
    ("print('hello')", "gave no answer"),
], ids=["abort", "segfault", "exit-3", "no-answer"])
def test_crashing_child_is_a_failure(code, phrase):
    result = ProbeRun(timeout=30, command=[PY, "-c", code]).result()
    assert not result.ok and phrase in result.message, result


def test_hanging_child_is_killed_and_a_failure():
    run = ProbeRun(timeout=0.5, command=[PY, "-c", "import time; time.sleep(60)"])
    result = run.result()
    assert not result.ok and "did not finish within 0.5 s" in result.message
    assert run._proc.poll() is not None  # killed, not left running
    assert run.result() is result


def test_child_that_cannot_start_is_a_failure(tmp_path):
    result = ProbeRun(command=[str(tmp_path / "no-such-python")]).result()
    assert not result.ok and "could not start the graphics test" in result.message


def test_probe_uses_the_child_command(monkeypatch):
    monkeypatch.setattr(gl_probe, "_child_command", lambda: [PY, "-c", f"print({_answer(version='2.1')!r})"])
    result = gl_probe.probe_opengl(timeout=30)
    assert not result.ok and "OpenGL 2.1 found" in result.message


# ---------------------------------------------------------------- the real child (needs a display)
@pytest.fixture(scope="module")
def real():
    return gl_probe.probe_opengl()


@pytest.mark.gui
def test_real_probe_reports_renderer_and_version(real):
    assert real.ok, real.message
    assert real.renderer and parse_gl_version(real.version) >= gl_probe.MIN_GL_VERSION
    assert real.seconds < gl_probe.PROBE_TIMEOUT


@pytest.mark.gui
@pytest.mark.parametrize("override, phrase", [
    ("1.1", "crashed"),   # a remote-desktop session: VTK segfaults
    ("2.1", "no OpenGL 3.2 or later"),
    ("3.1", "3.1"),
])
def test_old_opengl_is_a_failure_not_a_crash(real, monkeypatch, override, phrase):
    if "Mesa" not in real.version:
        pytest.skip("MESA_GL_VERSION_OVERRIDE needs a Mesa driver")
    monkeypatch.setenv("MESA_GL_VERSION_OVERRIDE", override)
    result = gl_probe.probe_opengl()
    assert not result.ok and phrase in result.message, result


def _main(*args, **env):
    return subprocess.run([PY, str(ROOT / "main.py"), *args], cwd=ROOT, env={**os.environ, **env},
                          capture_output=True, text=True, timeout=120)


@pytest.mark.gui
def test_cli_check_graphics(real):
    proc = _main("--software-gl", "--check-graphics")
    assert proc.returncode == 0, proc.stderr
    assert "OpenGL is fine (software)" in proc.stdout and "llvmpipe" in proc.stdout, proc.stdout
    if "Mesa" in real.version:
        proc = _main("--check-graphics", MESA_GL_VERSION_OVERRIDE="2.1")
        assert proc.returncode == 1 and "Traceback" not in proc.stderr
        lines = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
        assert len(lines) == 1 and "graphics check failed" in lines[0], proc.stderr


@pytest.mark.gui
def test_hidden_child_flag_runs_the_child_part():
    """A frozen app has no ``python -c``: it runs ``<app> --gl-probe-child`` instead."""
    proc = _main(GL_PROBE_FLAG)
    result = interpret(proc.returncode, proc.stdout, proc.stderr)
    assert result.ok and result.version, (proc.stdout, proc.stderr)


def test_software_gl_flag_sets_the_environment_before_anything_renders(monkeypatch):
    import main

    for var in ("LIBGL_ALWAYS_SOFTWARE", "GALLIUM_DRIVER", "QT_OPENGL"):
        monkeypatch.delenv(var, raising=False)
    seen = {}

    def fake_probe(timeout=gl_probe.PROBE_TIMEOUT):
        seen.update({k: os.environ.get(k) for k in ("LIBGL_ALWAYS_SOFTWARE", "GALLIUM_DRIVER")})
        return GLProbeResult(True, "fake", "4.5")

    monkeypatch.setattr(gl_probe, "probe_opengl", fake_probe)
    assert main.run(["--software-gl", "--check-graphics"]) == 0
    assert seen == {"LIBGL_ALWAYS_SOFTWARE": "1", "GALLIUM_DRIVER": "llvmpipe"}


# ---------------------------------------------------------------- the app's reaction
def test_restart_command_adds_the_flag_once(monkeypatch):
    from viewer.app import restart_command

    monkeypatch.setattr(sys, "argv", ["/x/main.py", "--theme", "dark"])
    assert restart_command() == [sys.executable, os.path.abspath("/x/main.py"), "--theme", "dark", "--software-gl"]
    assert restart_command(["--software-gl"]).count("--software-gl") == 1
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert restart_command(["--theme", "dark"]) == [sys.executable, "--theme", "dark", "--software-gl"]


class _FailedProbe:
    def __init__(self, message="OpenGL 1.1 found; the 3D view needs OpenGL 3.2 or later"):
        self.message = message

    def result(self):
        return GLProbeResult(False, "GDI Generic", "1.1.0", self.message)


@pytest.mark.gui
@pytest.mark.parametrize("choice", [True, False], ids=["restart", "quit"])
def test_failed_probe_offers_software_rendering_instead_of_crashing(monkeypatch, qtbot, choice):
    from viewer import app as app_mod

    monkeypatch.delenv("LIBGL_ALWAYS_SOFTWARE", raising=False)
    monkeypatch.setattr(gl_probe, "start_probe", lambda timeout=None: _FailedProbe())
    asked, execs, windows = [], [], []
    monkeypatch.setattr(app_mod, "ask_about_graphics", lambda result, software: asked.append((result, software))
                        or choice)
    monkeypatch.setattr(os, "execve", lambda path, argv, env: execs.append((path, argv, env)))
    monkeypatch.setattr(app_mod, "create_window", lambda *a, **k: windows.append(1))
    args = Namespace(content=None, atlas=None, theme=None, atlas_dir=None, software_gl=False)
    code = app_mod.run_app(args)
    assert len(asked) == 1 and asked[0][0].message.startswith("OpenGL 1.1") and asked[0][1] is False
    assert windows == []   # VTK never got the chance to crash
    if choice:
        assert code == 0 and len(execs) == 1
        path, argv, env = execs[0]
        assert path == sys.executable and argv[-1] == "--software-gl"
        assert env["LIBGL_ALWAYS_SOFTWARE"] == "1" and env["GALLIUM_DRIVER"] == "llvmpipe"
    else:
        assert code == 1 and execs == []


@pytest.mark.gui
@pytest.mark.parametrize("software", [False, True])
def test_graphics_dialog_buttons(qtbot, software):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from viewer.app import ask_about_graphics

    seen = {}

    def answer():
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
        seen["text"] = box.text()
        seen["buttons"] = [b.text() for b in box.buttons()]
        box.buttons()[0].click()   # the first button: restart, or quit when software already failed

    QTimer.singleShot(200, answer)
    restarted = ask_about_graphics(GLProbeResult(False, "GDI Generic", "1.1.0", "OpenGL 1.1 found"), software)
    assert "OpenGL 1.1 found" in seen["text"] and "GDI Generic" in seen["text"]
    if software:
        assert seen["buttons"] == ["Quit"] and restarted is False
        assert "even with software rendering" in seen["text"]
    else:
        assert seen["buttons"] == ["Restart with software rendering", "Quit"] and restarted is True
