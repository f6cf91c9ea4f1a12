"""Issue 17, the main window fits every screen: a saved place that no longer fits is corrected.

The window is restored from settings written on another set of screens:
a window on a screen that is gone (to the right at x = 5000, to the left at
x = -3000), one larger than this screen, a maximised one whose normal size
is huge. Each comes back inside this screen's available area with room for
a window frame (:data:`viewer.window.window_placement.FRAME_ALLOWANCE`), or
maximised. The splitter's saved state (the side panel's width) is read back
the same careful way: only two believable widths, capped so that the 3D
view keeps half the window.

These run in the test process's own X screen (1920 x 1080, no window
manager); :mod:`tests.viewer.window.test_window_on_screens` runs the real window on each
classroom screen with one.
"""

from __future__ import annotations

import struct

import pytest

PREFERRED, ALLOWANCE = (1400, 860), (8, 40, 8, 8)


def _blob(x, y, width, height, screen=0, maximised=False, screen_width=1920):
    """A main window geometry as Qt writes it (format 3): the window at ``x, y``, ``width`` x ``height``."""
    from PySide6.QtCore import QByteArray, QDataStream, QIODevice, QRect

    data = QByteArray()
    stream = QDataStream(data, QIODevice.OpenModeFlag.WriteOnly)
    stream.setVersion(QDataStream.Version.Qt_4_0)
    stream.writeUInt32(0x1D9D0CB)
    stream.writeUInt16(3)
    stream.writeUInt16(0)
    rect = QRect(x, y, width, height)
    stream << rect << rect
    stream.writeInt32(screen)
    stream.writeUInt8(int(maximised))
    stream.writeUInt8(0)
    stream.writeInt32(screen_width)
    stream << rect
    return data


def _settings_with(path, **values):
    from PySide6.QtCore import QSettings

    settings = QSettings(str(path), QSettings.Format.IniFormat)
    for key, value in values.items():
        settings.setValue(key, value)
    settings.sync()
    return path


@pytest.fixture
def restored(monkeypatch):
    """The window's normal geometry and whether it is maximised, right after restore_settings."""
    from viewer.window.main_window import MainWindow

    seen = []
    original = MainWindow.restore_settings

    def spy(self, *args, **kwargs):
        original(self, *args, **kwargs)
        g = self.normalGeometry()
        seen.append({"rect": (g.x(), g.y(), g.width(), g.height()), "maximised": self.isMaximized()})

    monkeypatch.setattr(MainWindow, "restore_settings", spy)
    return seen


def _available():
    from PySide6.QtGui import QGuiApplication

    a = QGuiApplication.primaryScreen().availableGeometry()
    return a.x(), a.y(), a.width(), a.height()


def _fits_with_frame(rect, area):
    left, top, right, bottom = ALLOWANCE
    x, y, w, h = rect
    return (area[0] <= x - left and area[1] <= y - top and x + w + right <= area[0] + area[2]
            and y + h + bottom <= area[1] + area[3])


MOVED = {
    "on a gone screen to the right": dict(x=5000, y=100, width=800, height=600, screen=1),
    "at x=5000 on screen 0": dict(x=5000, y=100, width=800, height=600),
    "on a gone screen to the left": dict(x=-3000, y=200, width=800, height=600, screen=1),
    "below the screen": dict(x=100, y=4000, width=800, height=600),
    "across the right edge": dict(x=1500, y=300, width=800, height=600),
}


@pytest.mark.gui
@pytest.mark.parametrize("saved", MOVED.values(), ids=MOVED.keys())
def test_a_window_off_the_screen_is_moved_onto_it(make_window, restored, tmp_path, saved):
    make_window(settings_path=_settings_with(tmp_path / "s.ini", geometry=_blob(**saved)))
    (place,) = restored
    assert not place["maximised"]
    assert place["rect"][2:] == (saved["width"], saved["height"])   # moved, not resized
    assert _fits_with_frame(place["rect"], _available()), place


TOO_LARGE = {
    "huge": dict(x=0, y=0, width=100_000, height=100_000),
    "one pixel too wide with a frame": dict(x=0, y=0, width=1905, height=800),
    "the whole screen": dict(x=0, y=0, width=1920, height=1080),
    "too tall, on a gone screen": dict(x=5000, y=0, width=1000, height=1200, screen=1),
    "maximised with a huge normal size": dict(x=0, y=0, width=50_000, height=50_000, maximised=True),
}


@pytest.mark.gui
@pytest.mark.parametrize("saved", TOO_LARGE.values(), ids=TOO_LARGE.keys())
def test_a_window_larger_than_the_screen_is_maximised(make_window, restored, tmp_path, saved):
    make_window(settings_path=_settings_with(tmp_path / "s.ini", geometry=_blob(**saved)))
    (place,) = restored
    assert place["maximised"]
    assert _fits_with_frame(place["rect"], _available()), place   # and so is the size it is made normal to


@pytest.mark.gui
def test_a_window_that_fits_keeps_its_place(make_window, restored, tmp_path):
    make_window(settings_path=_settings_with(tmp_path / "s.ini", geometry=_blob(300, 200, 1000, 700)))
    assert restored == [{"rect": (300, 200, 1000, 700), "maximised": False}]


@pytest.mark.gui
def test_without_a_saved_place_the_window_is_centred_at_its_preferred_size(make_window, restored, tmp_path):
    make_window(settings_path=tmp_path / "s.ini")
    (place,) = restored
    area = _available()
    assert place == {"rect": ((area[2] - PREFERRED[0] - 16) // 2 + 8, (area[3] - PREFERRED[1] - 48) // 2 + 40,
                              *PREFERRED), "maximised": False}


# ------------------------------------------------------------------ the side panel's width
def _splitter_state(sizes, orientation=1, handle=-1, count=None):
    count = len(sizes) if count is None else count
    return (struct.pack(">iiI", 0xFF, 1, count) + struct.pack(f">{len(sizes)}i", *sizes)
            + b"\x01" + struct.pack(">i", handle) + b"\x01" + struct.pack(">i", orientation) + b"\x00")


HOSTILE_SPLITTER = {
    "garbage": b"garbage",
    "vertical": _splitter_state([700, 300], orientation=2),
    "orientation 7": _splitter_state([700, 300], orientation=7),
    "handle 10000 wide": _splitter_state([700, 300], handle=10_000),
    "three widths": _splitter_state([700, 300, 200]),
    "a count of 2**32-1": _splitter_state([700, 300], count=2 ** 32 - 1),
    "negative width": _splitter_state([700, -300]),
    "huge widths": _splitter_state([2 ** 31 - 1, 2 ** 31 - 1]),
    "the 3D view collapsed": _splitter_state([0, 900]),
}


@pytest.mark.gui
@pytest.mark.parametrize("state", HOSTILE_SPLITTER.values(), ids=HOSTILE_SPLITTER.keys())
def test_a_hostile_splitter_state_leaves_the_layout_as_it_was(make_window, tmp_path, state):
    from PySide6.QtCore import QByteArray, Qt

    window = make_window(settings_path=_settings_with(tmp_path / "s.ini", splitter=QByteArray(state)))
    splitter = window.splitter
    assert splitter.orientation() == Qt.Orientation.Horizontal
    assert splitter.handleWidth() < 20 and splitter.count() == 2
    view, side = splitter.sizes()
    assert side > 0 and window.side_action.isChecked()
    assert 2 * window.brain_view.width() >= window.width()


@pytest.mark.gui
def test_a_saved_side_panel_wider_than_half_the_window_is_capped(make_window, tmp_path, qtbot):
    from PySide6.QtCore import QByteArray

    window = make_window(settings_path=_settings_with(tmp_path / "s.ini",
                                                      splitter=QByteArray(_splitter_state([200, 1500]))))
    qtbot.waitUntil(lambda: window.splitter.sizes()[1] > 0)
    assert 2 * window.brain_view.width() >= window.width()
    window.resize(500, 400)   # narrower than the panel's content: the cap follows, the panel scrolls
    qtbot.waitUntil(lambda: window.width() == 500)
    assert 2 * window.brain_view.width() >= window.width()


@pytest.mark.gui
def test_the_side_panel_collapses_and_is_remembered(make_window, tmp_path, qtbot):
    path = tmp_path / "s.ini"
    window = make_window(settings_path=path)
    assert window.side_action.isChecked() and window.splitter.sizes()[1] > 0
    window.side_action.trigger()
    assert window.splitter.sizes()[1] == 0 and not window.side_action.isChecked()
    window.close()
    again = make_window(settings_path=path)
    assert again.splitter.sizes()[1] == 0 and not again.side_action.isChecked()
    again.side_action.trigger()
    qtbot.waitUntil(lambda: again.splitter.sizes()[1] > 0)
    assert again.side_action.isChecked() and 2 * again.brain_view.width() >= again.width()
