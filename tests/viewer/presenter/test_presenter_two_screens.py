"""Issue 15, the presenter view on two screens: each window on its screen, and a screen pulled out mid-lecture.

The suite runs in a one-screen ``xvfb-run``, so this test starts its own X
server with two screens (``tests/helpers_two_screens.py``: a wide Xvfb split
into the RandR monitors LAPTOP, the primary, and PROJECTOR; openbox when it is
installed) and runs the window in a child process there. The child runs a
tour in the normal window (the presenter view goes to the other screen), enters
lecture mode and reports where each window is; swaps the screens and back;
then deletes the PROJECTOR monitor (the cable pulled out: Qt emits
``screenRemoved``), adds it again (``screenAdded``), and pulls it once more
with the presenter view switched on by the lecturer. Each report names the
screen that holds most of each window, the window's geometry and whether the
presenter view is shown.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from helpers_two_screens import LAPTOP, PROJECTOR, missing_tools, two_screen_display

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[3]

CHILD = r"""
import json, sys, tempfile, time
sys.path[:0] = [{root!r}, {tests!r}]
from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from helpers_two_screens import PROJECTOR, delete_monitor, set_monitor
from viewer.app import create_window
from viewer.presenter.screens import rect_tuple, screen_infos, window_screen

app = QApplication([])
events = []
app.screenAdded.connect(lambda s: events.append("added " + s.name()))
app.screenRemoved.connect(lambda s: events.append("removed " + s.name()))


def settle(seconds, until=lambda: False):
    end = time.monotonic() + seconds
    while time.monotonic() < end and not until():
        app.processEvents()
        time.sleep(0.01)


def report(what):
    screens = screen_infos()
    def where(widget):
        index = window_screen(widget, screens) if widget is not None else None
        return screens[index].name if index is not None else None
    view = w.presenter.view
    out = {{"screens": [s.name for s in screens], "events": list(events),
           "main": where(w), "main_rect": list(rect_tuple(w.geometry())), "main_full": w.isFullScreen(),
           "presenter": where(view) if view is not None and view.isVisible() else None,
           "presenter_rect": list(rect_tuple(view.geometry())) if view is not None else None,
           "lecture": w.lecture.active, "step": w.state.tour_step,
           "caption": view.caption_text() if view is not None else ""}}
    print("REPORT " + json.dumps({{what: out}}), flush=True)


settings = QSettings(tempfile.mktemp(suffix=".ini"), QSettings.Format.IniFormat)
settings.setValue("reduce_motion", True)
w = create_window(settings=settings)
ready = []
w.brain_view.sceneReady.connect(lambda: ready.append(True))
w.resize(1000, 700)
w.show()
settle(120, lambda: bool(ready))
settle(1)
report("start")
w.tours.start_tour()   # a tour in the normal window, on the laptop
settle(3, lambda: w.presenter.view is not None and w.presenter.view.isVisible())
settle(1)
report("tour_in_window")
w.tour_controller.stop()
settle(1)
w.lecture.enter()
settle(3, lambda: w.presenter.view is not None and w.presenter.view.isVisible() and w.isFullScreen())
settle(1)
report("lecture")
w.presenter.swap()
settle(3)
report("swapped")
w.presenter.swap()
settle(3)
report("swapped_back")
w.tour_controller.go_to(2)
delete_monitor(PROJECTOR[0])
settle(10, lambda: len(QGuiApplication.screens()) == 1)
settle(2)
report("pulled")
set_monitor(*PROJECTOR)
settle(10, lambda: len(QGuiApplication.screens()) == 2)
settle(2)
report("plugged")
w.presenter.set_presenter_on(True)   # the lecturer's own choice: kept with one screen
delete_monitor(PROJECTOR[0])
settle(10, lambda: len(QGuiApplication.screens()) == 1)
settle(2)
report("pulled_again")
w.close()
settle(0.5)
shown = bool(w.presenter.view and w.presenter.view.isVisible())
print("REPORT " + json.dumps({{"closed": {{"presenter_visible": shown}}}}), flush=True)
"""


def _run_child(display: str) -> dict:
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
    code = textwrap.dedent(CHILD.format(root=str(ROOT), tests=str(ROOT / "tests")))
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300)
    reports = {}
    for line in proc.stdout.splitlines():
        if line.startswith("REPORT "):
            reports.update(json.loads(line[len("REPORT "):]))
    if proc.returncode != 0 or "closed" not in reports:
        pytest.fail(f"the two-screen child exited {proc.returncode}:\n--- stdout\n{proc.stdout[-4000:]}\n"
                    f"--- stderr\n{proc.stderr[-4000:]}")
    return reports


def test_lecture_on_the_projector_presenter_on_the_laptop_and_a_screen_pulled_out():
    reason = missing_tools()
    if reason:
        pytest.skip(reason)
    with two_screen_display() as display:
        r = _run_child(display)
    laptop, projector = LAPTOP[0], PROJECTOR[0]
    assert r["start"]["screens"] == [laptop, projector], r["start"]
    assert r["start"]["presenter"] is None   # no tour, no lecture: no presenter window
    in_window = r["tour_in_window"]   # the presenter view does not cover the main window
    assert in_window["main"] == laptop and in_window["presenter"] == projector, in_window

    lecture = r["lecture"]
    assert lecture["lecture"] and lecture["main_full"], lecture
    assert lecture["main"] == projector and lecture["main_rect"] == list(PROJECTOR[1]), lecture
    assert lecture["presenter"] == laptop, lecture
    assert lecture["caption"], "the presenter view shows the first step's caption"

    swapped = r["swapped"]
    assert swapped["main"] == laptop and swapped["main_rect"] == list(LAPTOP[1]), swapped
    assert swapped["presenter"] == projector, swapped
    back = r["swapped_back"]
    assert back["main"] == projector and back["presenter"] == laptop, back

    pulled = r["pulled"]
    assert pulled["screens"] == [laptop] and f"removed {projector}" in pulled["events"], pulled
    assert pulled["lecture"] and pulled["main"] == laptop and pulled["main_rect"] == list(LAPTOP[1]), pulled
    assert pulled["step"] == 2, "the tour goes on"
    # one screen left: the presenter view is off unless the lecturer turned it on (it would show the notes)
    assert pulled["presenter"] is None, pulled

    plugged = r["plugged"]
    assert plugged["screens"] == [laptop, projector] and f"added {projector}" in plugged["events"], plugged
    assert plugged["main"] == projector and plugged["main_rect"] == list(PROJECTOR[1]), plugged
    assert plugged["presenter"] == laptop, plugged

    again = r["pulled_again"]   # the presenter view switched on: both windows on the one screen left
    assert again["screens"] == [laptop] and again["main"] == laptop and again["main_full"], again
    assert again["presenter"] == laptop, again
    x, y, width, height = again["presenter_rect"]
    assert 0 <= x and 0 <= y and x + width <= LAPTOP[1][2] and y + height <= LAPTOP[1][3], again
    assert width < LAPTOP[1][2], "a normal window, not maximised, on a single screen"
    assert not r["closed"]["presenter_visible"]
