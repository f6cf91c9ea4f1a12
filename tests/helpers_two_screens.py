"""An X server with two screens for a test: one wide Xvfb screen split into two RandR monitors.

Xvfb's ``+xinerama`` with two ``-screen`` options gives Qt's xcb backend one
screen (it reads RandR 1.5 monitors, and Xinerama hides the second X screen
from RandR). One wide Xvfb screen split into two RandR *monitors* (what
``xrandr --setmonitor`` does) gives two ``QScreen`` objects, with names, and
deleting a monitor while the app runs is a projector cable pulled out
(``screenRemoved``). The monitors are set through libXrandr with ctypes, so
no extra tool is needed; ``-noreset`` keeps them when the last client leaves.

    with two_screen_display() as display:     # skips the test without Xvfb or libXrandr
        subprocess.run(..., env={**os.environ, "DISPLAY": display})

Inside the child, :func:`set_monitor` and :func:`delete_monitor` plug and pull.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import subprocess
import time
from pathlib import Path

#: The laptop (primary) and the projector, side by side on one wide Xvfb screen.
LAPTOP = ("LAPTOP", (0, 0, 1280, 800))
PROJECTOR = ("PROJECTOR", (1280, 0, 1920, 1080))
WIDE_SCREEN = "3200x1080x24"


class _MonitorInfo(ctypes.Structure):
    _fields_ = [("name", ctypes.c_ulong), ("primary", ctypes.c_int), ("automatic", ctypes.c_int),
                ("noutput", ctypes.c_int), ("x", ctypes.c_int), ("y", ctypes.c_int), ("width", ctypes.c_int),
                ("height", ctypes.c_int), ("mwidth", ctypes.c_int), ("mheight", ctypes.c_int),
                ("outputs", ctypes.POINTER(ctypes.c_ulong))]


class _ScreenResources(ctypes.Structure):
    _fields_ = [("timestamp", ctypes.c_ulong), ("configTimestamp", ctypes.c_ulong), ("ncrtc", ctypes.c_int),
                ("crtcs", ctypes.POINTER(ctypes.c_ulong)), ("noutput", ctypes.c_int),
                ("outputs", ctypes.POINTER(ctypes.c_ulong)), ("nmode", ctypes.c_int), ("modes", ctypes.c_void_p)]


def _libs():
    x11, xrr = ctypes.CDLL("libX11.so.6"), ctypes.CDLL("libXrandr.so.2")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    x11.XDefaultRootWindow.restype = ctypes.c_ulong
    x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    x11.XInternAtom.restype = ctypes.c_ulong
    x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    xrr.XRRSetMonitor.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(_MonitorInfo)]
    xrr.XRRDeleteMonitor.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong]
    xrr.XRRGetScreenResources.restype = ctypes.POINTER(_ScreenResources)
    xrr.XRRGetScreenResources.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
    xrr.XRRFreeScreenResources.argtypes = [ctypes.POINTER(_ScreenResources)]
    return x11, xrr


@contextlib.contextmanager
def _display(name: str | None = None):
    x11, xrr = _libs()
    dpy = x11.XOpenDisplay(name.encode() if name else None)
    if not dpy:
        raise RuntimeError(f"cannot open X display {name or os.environ.get('DISPLAY')}")
    try:
        yield x11, xrr, dpy, x11.XDefaultRootWindow(dpy)
        x11.XSync(dpy, 0)
    finally:
        x11.XCloseDisplay(dpy)


def set_monitor(name: str, rect: tuple[int, int, int, int], primary: bool = False, display: str | None = None,
                with_output: bool = False) -> None:
    """Add (or change) the RandR monitor ``name`` covering ``rect`` (x, y, width, height)."""
    with _display(display) as (x11, xrr, dpy, root):
        outputs = None
        if with_output:   # the screen's one output: its automatic monitor then gives way to this one
            res = xrr.XRRGetScreenResources(dpy, root)
            outputs = (ctypes.c_ulong * 1)(res.contents.outputs[0])
            xrr.XRRFreeScreenResources(res)
        x, y, w, h = rect
        info = _MonitorInfo(x11.XInternAtom(dpy, name.encode(), 0), int(primary), 0, 1 if outputs else 0,
                            x, y, w, h, round(w * 0.264), round(h * 0.264), outputs)
        xrr.XRRSetMonitor(dpy, root, ctypes.byref(info))


def delete_monitor(name: str, display: str | None = None) -> None:
    """Remove the RandR monitor ``name`` (a screen unplugged)."""
    with _display(display) as (x11, xrr, dpy, root):
        xrr.XRRDeleteMonitor(dpy, root, x11.XInternAtom(dpy, name.encode(), 0))


def missing_tools() -> str:
    """Why a two-screen display cannot be made here ("" when it can)."""
    if shutil.which("Xvfb") is None:
        return "needs Xvfb (Debian package xvfb): run the tests through scripts/test.sh"
    try:
        _libs()
    except OSError as exc:
        return f"needs libX11 and libXrandr (Debian packages libx11-6, libxrandr2): {exc}"
    return ""


def _free_display() -> int:
    for number in range(140, 240):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            return number
    raise RuntimeError("no free X display number between :140 and :239")


@contextlib.contextmanager
def two_screen_display(with_window_manager: bool = True):
    """Start an Xvfb with the :data:`LAPTOP` and :data:`PROJECTOR` monitors; yield its DISPLAY; kill it after."""
    number = _free_display()
    display = f":{number}"
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", WIDE_SCREEN, "-nolisten", "tcp", "-noreset"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    manager = None
    try:
        deadline = time.monotonic() + 20
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"Xvfb {display} did not start (exit {server.poll()})")
            time.sleep(0.05)
        set_monitor(*LAPTOP, primary=True, display=display, with_output=True)
        set_monitor(*PROJECTOR, display=display)
        if with_window_manager and shutil.which("openbox"):
            manager = subprocess.Popen(["openbox"], env={**os.environ, "DISPLAY": display},
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(0.5)
        yield display
    finally:
        for proc in (manager, server):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
