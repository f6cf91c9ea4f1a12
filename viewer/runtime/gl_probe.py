"""Check OpenGL in a child process before the 3D view is created.

VTK does not raise when OpenGL is missing or too old (a remote-desktop
session offers OpenGL 1.1): it prints a warning and then crashes the whole
process. So the app first renders one small frame with VTK in a *child*
process. If the child crashes, hangs, or reports an OpenGL version below
:data:`MIN_GL_VERSION`, the app shows a dialog (offering software rendering)
instead of dying with the window half-built.

The child is started with :func:`start_probe` as the app starts and its
answer collected later, so it runs while the app imports Qt and VTK.
No Qt here: the dialog is in :mod:`viewer.app`.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from atlases.child_process_flags import GL_PROBE_FLAG
from viewer.runtime.render_quality import capability

#: VTK's OpenGL backend needs at least this version.
MIN_GL_VERSION = (3, 2)
#: Seconds the child may take (a cold start on a slow laptop takes about 2 s).
PROBE_TIMEOUT = 20.0
#: Environment variable: set to 0 to skip the check (e.g. if it misjudges a machine).
DISABLE_VARIABLE = "BRAIN_EXPLORER_GL_PROBE"
#: The child's answer line starts with this.
MARKER = "GLPROBE "
#: The folder that holds the ``viewer`` package, for the child's ``sys.path``.
_ROOT = Path(__file__).resolve().parents[2]


def software_gl_environment(base=None, platform: str | None = None) -> dict[str, str]:
    """Environment variables that select software OpenGL (Mesa llvmpipe).

    Parameters
    ----------
    base : mapping, optional
        Environment to extend; only the added variables when omitted.
    platform : str, optional
        ``sys.platform`` by default.

    Returns
    -------
    dict of str to str
        On Linux ``LIBGL_ALWAYS_SOFTWARE=1`` and ``GALLIUM_DRIVER=llvmpipe``;
        on Windows also ``QT_OPENGL=software`` (Qt's own OpenGL; VTK needs a
        Mesa ``opengl32.dll`` shipped next to the app for software rendering).
    """
    env = dict(base or {})
    env.update(LIBGL_ALWAYS_SOFTWARE="1", GALLIUM_DRIVER="llvmpipe")
    if (platform or sys.platform) == "win32":
        env["QT_OPENGL"] = "software"
    return env


def use_software_gl() -> None:
    """Switch this process (and its children) to software OpenGL; call before any window exists."""
    os.environ.update(software_gl_environment())


def software_gl_active(env=None) -> bool:
    """Whether ``env`` (default ``os.environ``) asks for software OpenGL."""
    env = os.environ if env is None else env
    return env.get("LIBGL_ALWAYS_SOFTWARE") == "1"


@dataclass(frozen=True)
class GLProbeResult:
    """What the child found.

    Attributes
    ----------
    ok : bool
        True when the 3D view can be created safely.
    renderer : str
        The OpenGL renderer string, e.g. ``"llvmpipe (LLVM 15.0.6, 256 bits)"``.
    version : str
        The OpenGL version string, e.g. ``"4.5 (Core Profile) Mesa 22.3.6"``.
    message : str
        Why it failed (empty when ``ok``).
    seconds : float
        How long the check took.
    """

    ok: bool
    renderer: str = ""
    version: str = ""
    message: str = ""
    seconds: float = 0.0


def parse_gl_version(text: str) -> tuple[int, int] | None:
    """``"4.5 (Core Profile) Mesa 22.3.6"`` -> ``(4, 5)``; None when there is no version."""
    match = re.match(r"\s*(?:OpenGL(?: ES)?\s+)?(\d+)\.(\d+)", text or "")
    return (int(match.group(1)), int(match.group(2))) if match else None


# -- the child ---------------------------------------------------------------

def child_main() -> int:
    """Render one frame with VTK and print one :data:`MARKER` line of JSON (runs in the child)."""
    import vtkmodules.vtkRenderingOpenGL2  # noqa: F401 - registers the OpenGL classes
    from vtkmodules.vtkFiltersSources import vtkSphereSource
    from vtkmodules.vtkRenderingCore import vtkActor, vtkPolyDataMapper, vtkRenderer, vtkRenderWindow

    window = vtkRenderWindow()
    window.SetOffScreenRendering(1)  # same driver and context as the app's window, but never shown
    window.SetSize(64, 64)
    answer = {"supports": bool(window.SupportsOpenGL()), "renderer": "", "version": "",
              "window": window.GetClassName()}
    if answer["supports"]:  # without support, rendering is what crashes
        renderer = vtkRenderer()
        window.AddRenderer(renderer)
        source = vtkSphereSource()
        mapper = vtkPolyDataMapper()
        mapper.SetInputConnection(source.GetOutputPort())
        actor = vtkActor()
        actor.SetMapper(mapper)
        renderer.AddActor(actor)
        window.Render()
        report = window.ReportCapabilities()
        answer.update(renderer=capability(report, "renderer"), version=capability(report, "version"))
    print(MARKER + json.dumps(answer), flush=True)
    window.Finalize()
    return 0


def _child_command() -> list[str]:
    if getattr(sys, "frozen", False):  # a PyInstaller build: the app binary runs the child part
        return [sys.executable, GL_PROBE_FLAG]
    code = f"import sys; sys.path.insert(0, {str(_ROOT)!r}); from viewer.runtime.gl_probe import child_main; " \
           "sys.exit(child_main())"
    return [sys.executable, "-c", code]


# -- the parent ----------------------------------------------------------------

def _crashed(returncode: int) -> bool:
    """Killed by a signal (POSIX), or ended by an exception such as an access violation (Windows)."""
    return returncode < 0 or returncode >= 0xC0000000


def _signal_name(returncode: int) -> str:
    if returncode >= 0xC0000000:  # a Windows NTSTATUS, e.g. 0xC0000005 access violation
        return f"status 0x{returncode:08X}"
    try:
        return signal.Signals(-returncode).name
    except (ValueError, AttributeError):
        return f"exit code {returncode}"


def interpret(returncode: int, stdout: str, stderr: str, seconds: float = 0.0) -> GLProbeResult:
    """Turn the child's exit code and output into a :class:`GLProbeResult`."""
    lines = [line[len(MARKER):] for line in (stdout or "").splitlines() if line.startswith(MARKER)]
    try:
        answer = json.loads(lines[-1]) if lines else None
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        if _crashed(returncode):
            why = f"the graphics test crashed ({_signal_name(returncode)})"
        elif returncode != 0:
            last = (stderr or "").strip().splitlines()
            why = f"the graphics test failed ({last[-1][:200] if last else f'exit code {returncode}'})"
        else:
            why = "the graphics test gave no answer"
        return GLProbeResult(False, message=why + _vtk_hint(stderr), seconds=seconds)
    renderer, version = str(answer.get("renderer", "")), str(answer.get("version", ""))
    if not answer.get("supports"):
        return GLProbeResult(False, renderer, version, f"no OpenGL {_v(MIN_GL_VERSION)} or later is available"
                             + _vtk_hint(stderr), seconds)
    number = parse_gl_version(version)
    if number is None:
        return GLProbeResult(False, renderer, version, f"could not read the OpenGL version ({version!r})", seconds)
    if number < MIN_GL_VERSION:
        return GLProbeResult(False, renderer, version, f"OpenGL {_v(number)} found; the 3D view needs OpenGL "
                             f"{_v(MIN_GL_VERSION)} or later", seconds)
    if returncode != 0:
        return GLProbeResult(False, renderer, version, f"the graphics test crashed after rendering "
                             f"({_signal_name(returncode)})", seconds)
    return GLProbeResult(True, renderer, version, "", seconds)


def _v(version) -> str:
    return ".".join(map(str, version))


def _vtk_hint(stderr: str) -> str:
    """VTK's own explanation, when it printed one (e.g. "Unable to find a valid OpenGL 3.2")."""
    match = re.search(r"Unable to find a valid OpenGL [\d.]+ or later implementation\.(?: \(([\d.]+) found\))?",
                      stderr or "")
    if not match:
        return ""
    return f" (VTK: {match.group(0)})"


class ProbeRun:
    """A running check; :meth:`result` waits for it (at most the timeout, counted from the start)."""

    def __init__(self, timeout: float = PROBE_TIMEOUT, command: list[str] | None = None):
        self.timeout = timeout
        self.started = time.monotonic()
        self._result: GLProbeResult | None = None
        self._proc: subprocess.Popen[str] | None = None
        try:
            self._proc = subprocess.Popen(command or _child_command(), stdin=subprocess.DEVNULL,
                                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                          errors="replace")
        except OSError as exc:
            self._result = GLProbeResult(False, message=f"could not start the graphics test ({exc})")

    def result(self) -> GLProbeResult:
        """Wait for the child and return what it found (the same object on every call)."""
        if self._result is not None:
            return self._result
        assert self._proc is not None  # without a child, __init__ set the result
        remaining = max(self.timeout - (time.monotonic() - self.started), 0.1)
        try:
            out, err = self._proc.communicate(timeout=remaining)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.communicate()
            self._result = GLProbeResult(False, message=f"the graphics test did not finish within "
                                         f"{self.timeout:g} s", seconds=time.monotonic() - self.started)
        else:
            self._result = interpret(self._proc.returncode, out, err, time.monotonic() - self.started)
        return self._result


def probe_enabled(env=None) -> bool:
    """False when :data:`DISABLE_VARIABLE` is ``0`` (or ``off``/``no``/``false``)."""
    env = os.environ if env is None else env
    return env.get(DISABLE_VARIABLE, "1").strip().lower() not in ("0", "off", "no", "false")


def start_probe(timeout: float = PROBE_TIMEOUT) -> ProbeRun:
    """Start the check in a child process and return at once."""
    return ProbeRun(timeout)


def probe_opengl(timeout: float = PROBE_TIMEOUT) -> GLProbeResult:
    """Render one frame with VTK in a child process and report whether OpenGL is good enough.

    Parameters
    ----------
    timeout : float
        Seconds before a hanging child is killed and the check fails.

    Returns
    -------
    GLProbeResult
        ``ok`` is False when the child crashed, timed out, found no OpenGL
        or found a version below :data:`MIN_GL_VERSION`.
    """
    return start_probe(timeout).result()


if __name__ == "__main__":  # pragma: no cover - the child's entry point for ``python -m``
    sys.exit(child_main())
