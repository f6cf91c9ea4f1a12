"""Run a piece of Python on a virtual screen of a given size (its own Xvfb and window manager).

A Qt application is bound to one display for its whole life, so a test of
"the window on a 1024x768 projector" runs its window in a child process on an
X server of that size. The child prints one line ``RESULT <json>``; the test
gets the decoded JSON back, or a failure with the child's output.

    result = run_on_screen(CODE, "1024x768")
    result = run_on_screen(CODE, "3840x2160", scale_factor=2)

``CODE`` runs with the repository on ``sys.path`` and ``emit(obj)`` defined
(it prints the result line). A window manager (openbox) runs on the screen,
because without one ``showFullScreen`` and ``showMaximized`` do not resize.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: The screens classrooms have, smallest first (see the README's "Screens" section).
CLASSROOM_SCREENS = ("1024x600", "1024x768", "1280x720", "1280x800", "1366x768", "1920x1080")

_PRELUDE = f"""
import json, sys
sys.path.insert(0, {str(ROOT)!r})
def emit(obj):
    print("RESULT " + json.dumps(obj), flush=True)
"""

_RUNNER = """
set -e
if command -v openbox >/dev/null 2>&1; then openbox >/dev/null 2>&1 & fi
sleep 0.5
exec "$@"
"""


def needs_xvfb():
    """Skip a test when ``xvfb-run`` is missing (scripts/test.sh installs it)."""
    if shutil.which("xvfb-run") is None:
        pytest.skip("needs xvfb-run (Debian package xvfb): run the tests through scripts/test.sh")


def run_on_screen(code: str, screen: str, scale_factor: float | None = None, env: dict | None = None,
                  timeout: float = 180.0, tmp_home: Path | None = None):
    """Run ``code`` in a child Python on an Xvfb screen ``screen`` ("WxH"); return what it emitted.

    Parameters
    ----------
    code : str
        Python source; it calls ``emit(obj)`` once with a JSON-able result.
    screen : str
        Screen size, e.g. ``"1024x768"``.
    scale_factor : float, optional
        ``QT_SCALE_FACTOR`` for the child (2 stands for a HiDPI screen).
    env : dict, optional
        More environment variables for the child.
    timeout : float
        Seconds before the child is killed and the test fails.
    tmp_home : Path, optional
        A HOME (and settings folder) of its own for the child.

    Returns
    -------
    The object the child emitted.
    """
    needs_xvfb()
    child_env = dict(os.environ)
    child_env.pop("DISPLAY", None)
    child_env["QT_QPA_PLATFORM"] = "xcb"
    if scale_factor is not None:
        child_env["QT_SCALE_FACTOR"] = str(scale_factor)
    if tmp_home is not None:
        child_env["HOME"] = str(tmp_home)
        child_env["XDG_CONFIG_HOME"] = str(tmp_home / ".config")
    child_env.update(env or {})
    source = _PRELUDE + textwrap.dedent(code)
    command = ["xvfb-run", "-a", "-s", f"-screen 0 {screen}x24 -nolisten tcp", "sh", "-c", _RUNNER, "sh",
               sys.executable, "-c", source]
    try:
        proc = subprocess.run(command, env=child_env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"the child on a {screen} screen did not finish in {timeout:.0f} s:\n{exc.stdout}\n{exc.stderr}")
    results = [line[len("RESULT "):] for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
    if proc.returncode != 0 or len(results) != 1:
        pytest.fail(f"the child on a {screen} screen exited {proc.returncode} with {len(results)} results:\n"
                    f"--- stdout\n{proc.stdout[-4000:]}\n--- stderr\n{proc.stderr[-4000:]}")
    return json.loads(results[0])
