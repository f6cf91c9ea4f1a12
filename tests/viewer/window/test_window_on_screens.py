"""Issue 17, the main window fits every screen: the real window on each classroom screen size.

One child process per size (:func:`helpers_screens.run_on_screen`, Xvfb with
openbox) opens the window twice with one settings file and checks:

* the window's frame lies inside the screen's available area, maximised
  where the preferred size (1400 x 860 with its frame) does not fit, at the
  preferred size where it does;
* its minimum size is smaller than the screen, also at 200 % text size;
* the 3D view keeps at least half the width;
* the view tool bar lies inside the window and its nine buttons are all
  reachable (directly or behind the overflow button), their shortcuts unchanged;
* the side panel collapses when its splitter handle is dragged to the edge,
  comes back collapsed from the settings, and opens again from the View menu.
"""

from __future__ import annotations

import pytest

from helpers_screens import CLASSROOM_SCREENS, run_on_screen

CHILD = r"""
import tempfile, time
from argparse import Namespace
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QToolBar, QToolButton

app = QApplication([])
from viewer.app import create_window

SETTINGS = Path(tempfile.mkdtemp()) / "settings.ini"


def settle(seconds, until=lambda: False):
    end = time.monotonic() + seconds
    while time.monotonic() < end and not until():
        app.processEvents()
        time.sleep(0.01)


def rect(r):
    return [r.x(), r.y(), r.width(), r.height()]


def open_window():
    window = create_window(Namespace(atlas_dir=None, atlas=None, theme=None),
                           settings=QSettings(str(SETTINGS), QSettings.Format.IniFormat))
    ready = []
    window.brain_view.sceneReady.connect(lambda: ready.append(True))
    window.show()
    settle(120, lambda: bool(ready))
    settle(5, lambda: window.frameGeometry() != window.geometry())   # framed by openbox
    settle(1)
    return window


def toolbar(window):
    return window.findChild(QToolBar, "ViewsToolbar")


def measure(window):
    bar = toolbar(window)
    side_action = getattr(window, "side_action", None)
    return {
        "available": rect(QApplication.primaryScreen().availableGeometry()),
        "frame": rect(window.frameGeometry()), "geometry": rect(window.geometry()),
        "maximised": window.isMaximized(),
        "minimum_size": [window.minimumSize().width(), window.minimumSize().height()],
        "minimum_hint": [window.minimumSizeHint().width(), window.minimumSizeHint().height()],
        "view_width": window.brain_view.width(), "window_width": window.width(),
        "toolbar": rect(bar.geometry()), "toolbar_visible": bar.isVisible(),
        "side": window.splitter.sizes(), "side_checked": side_action is not None and side_action.isChecked(),
    }


def buttons_shown(window, actions):
    inside = window.rect()
    shown = []
    for action in actions:
        button = toolbar(window).widgetForAction(action)
        where = button.geometry().translated(button.parentWidget().mapTo(window, QPoint(0, 0)))
        shown.append(button.isVisible() and inside.contains(where))
    return shown


def reachable(window):
    actions = list(window.view_actions.values()) + [window.reset_action]
    result = {"shortcuts": [[s.toString() for s in a.shortcuts()] for a in actions],
              "direct": buttons_shown(window, actions)}
    extension = toolbar(window).findChild(QToolButton, "qt_toolbar_ext_button")
    result["extension_visible"] = extension is not None and extension.isVisible()
    if result["extension_visible"]:
        extension.click()
        settle(0.5)
        result["expanded"] = buttons_shown(window, actions)
        extension.click()
        settle(0.3)
    return result


def drag_handle_to_the_right(window):
    handle = window.splitter.handle(1)
    start = handle.mapToGlobal(handle.rect().center())
    end = QPoint(window.splitter.mapToGlobal(QPoint(window.splitter.width() - 1, 0)).x(), start.y())

    def send(kind, point, buttons):
        local = handle.mapFromGlobal(point)
        QApplication.sendEvent(handle, QMouseEvent(kind, QPointF(local), QPointF(point), Qt.MouseButton.LeftButton,
                                                   buttons, Qt.KeyboardModifier.NoModifier))

    send(QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton)
    for step in range(1, 11):
        send(QEvent.Type.MouseMove, QPoint(start.x() + (end.x() - start.x()) * step // 10, start.y()),
             Qt.MouseButton.LeftButton)
    send(QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)
    settle(0.5)


result = {}
window = open_window()
result["first"] = measure(window)
result["first_actions"] = reachable(window)
drag_handle_to_the_right(window)
result["dragged"] = measure(window)
window.close()
settle(0.5)

window = open_window()
result["reopened"] = measure(window)
if hasattr(window, "side_action"):   # the View menu's "Side panel" (the test fails without it)
    window.side_action.trigger()
settle(0.5)
result["side_opened"] = measure(window)
window.state.set_ui_scale(2.0)
settle(2)
result["large_text"] = measure(window)
result["large_text_actions"] = reachable(window)
window.close()
settle(0.3)
emit(result)
"""

#: The window's preferred size (viewer.window.window_settings.DEFAULT_WINDOW_SIZE); it fits with a frame of 16 x 48.
PREFERRED = (1400, 860)


def _inside(outer, inner):
    return (outer[0] <= inner[0] and outer[1] <= inner[1] and inner[0] + inner[2] <= outer[0] + outer[2]
            and inner[1] + inner[3] <= outer[1] + outer[3])


def _check_fit(m, screen, what):
    width, height = (int(v) for v in screen.split("x"))
    assert _inside(m["available"], m["frame"]), f"{what}: frame {m['frame']} is not inside {m['available']}"
    for key in ("minimum_size", "minimum_hint"):
        assert m[key][0] <= width and m[key][1] <= height, f"{what}: {key} {m[key]} is larger than {screen}"
    assert 2 * m["view_width"] >= m["window_width"], f"{what}: the 3D view is {m['view_width']} of {m['window_width']}"
    assert m["toolbar_visible"] and _inside([0, 0, m["geometry"][2], m["geometry"][3]], m["toolbar"]), what


def _check_actions(actions, what):
    expected = [[str(n)] for n in range(1, 9)] + [["Home", "R"]]
    assert actions["shortcuts"] == expected, what
    if all(actions["direct"]):
        return
    assert actions["extension_visible"], f"{what}: buttons {actions['direct']} are cut and there is no overflow"
    assert all(actions["expanded"]), f"{what}: buttons not reachable through the overflow: {actions['expanded']}"


@pytest.mark.gui
@pytest.mark.parametrize("screen", CLASSROOM_SCREENS)
def test_the_window_fits_the_screen(screen):
    result = run_on_screen(CHILD, screen, timeout=300)
    width, height = (int(v) for v in screen.split("x"))
    first = result["first"]
    preferred_fits = PREFERRED[0] + 16 <= width and PREFERRED[1] + 48 <= height
    assert first["maximised"] is not preferred_fits, first
    if preferred_fits:
        assert first["geometry"][2:] == list(PREFERRED)
    else:
        assert first["frame"] == first["available"]
    for what in ("first", "dragged", "reopened", "side_opened", "large_text"):
        _check_fit(result[what], screen, f"{screen} {what}")
    _check_actions(result["first_actions"], f"{screen} first")
    _check_actions(result["large_text_actions"], f"{screen} at 200 %")
    assert result["large_text"]["minimum_hint"][1] <= height

    assert first["side"][1] > 0 and first["side_checked"]
    assert result["dragged"]["side"][1] == 0 and not result["dragged"]["side_checked"]
    reopened = result["reopened"]
    assert reopened["side"][1] == 0 and not reopened["side_checked"], "the collapsed panel was not remembered"
    assert reopened["maximised"] is first["maximised"] and reopened["geometry"] == first["geometry"]
    assert result["side_opened"]["side"][1] > 0 and result["side_opened"]["side_checked"]
