"""The caption band never widens or heightens its window beyond its share, whatever the tour says (Xvfb).

A band in a 1024x768 host, in lecture mode and in the window, showing hostile
steps: long titles of wide letters, a 300-character word, markup
look-alikes, every reference as a source, right-to-left and combining text.
The band's minimum width stays small (the title is elided, its whole text is
the accessible name and the tooltip, shown literally), the step counter
keeps its full width, and the band's height for its width stays within its
share of the host's height. Lecture mode's :meth:`fill_screen` uses the
window's own screen.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("pytestqt")

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from atlases.teaching.tours import Tour, TourStep
from viewer.lecture.band_fit import ELLIPSIS, LECTURE_MAX_SHARE, WINDOW_MAX_SHARE
from viewer.text.plain_text import literal

W, H = 1024, 768

TITLES = ["W" * 80, "<b>" * 26, "Ketamine " * 8, "مرحبا بالعالم " * 5, "e\u0301" * 40, "🧠" * 40, "x"]
CAPTIONS = ["W" * 300, " ".join(["Wmmw"] * 60)[:300], "**" + "bold " * 58 + "**", "<img src=x>" * 27,
            "a\u200bb " * 75, "short"]


@pytest.fixture
def host(qtbot):
    from viewer.lecture.caption_band import CaptionBand
    from viewer.window.app_state import AppState

    from helpers_content import sample_content

    widget = QWidget()
    widget.resize(W, H)
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addStretch(1)   # the 3D view's place
    state, content = AppState(), sample_content()
    band = CaptionBand(state, content)
    layout.addWidget(band)
    widget.show()
    qtbot.waitExposed(widget)
    yield SimpleNamespace(widget=widget, band=band, state=state, content=content)
    widget.close()
    widget.deleteLater()


def _show(qtbot, h, title, caption, lecture=True, refs=None):
    h.state.set_lecture_mode(lecture)
    refs = tuple(h.content.references) if refs is None else refs
    step = TourStep(title, caption, ("hippocampus",), "lateral", None, 0.5, False, None, refs)
    h.band.set_tour(Tour("t", "T", "D", (step, step), Path("t.toml")))
    h.state.set_tour_step(0)
    qtbot.waitUntil(lambda: h.band.fit is not None and h.band.width() == W, timeout=3000)


def _check(h, title, lecture=True):
    band = h.band
    hint = band.minimumSizeHint()
    assert hint.width() < W / 2, f"the band asks for {hint.width()} px of width"
    share = LECTURE_MAX_SHARE if lecture else WINDOW_MAX_SHARE
    assert band.fit.height <= share * H + 0.5 or band.fit.caption == ELLIPSIS
    assert band.heightForWidth(W) <= share * H + 0.5
    assert band.title.text() == title and band.title.accessibleName() == title
    if band.title.is_elided():
        assert band.title.toolTip() == literal(title)
    indicator = band.indicator
    assert indicator.isVisible() and indicator.width() >= indicator.sizeHint().width() > 0
    assert indicator.geometry().right() < band.width()


@pytest.mark.gui
@pytest.mark.parametrize("lecture", [True, False], ids=["lecture", "window"])
@pytest.mark.parametrize("title", TITLES, ids=range(len(TITLES)))
def test_a_long_title_is_elided_and_the_step_counter_keeps_its_room(qtbot, host, title, lecture):
    _show(qtbot, host, title, "A short caption.", lecture)
    _check(host, title, lecture)


@pytest.mark.gui
@pytest.mark.parametrize("caption", CAPTIONS, ids=range(len(CAPTIONS)))
def test_a_long_caption_fits_the_band_s_share_of_the_height(qtbot, host, caption):
    host.state.set_ui_scale(3.0)
    _show(qtbot, host, "W" * 80, caption)
    _check(host, "W" * 80)
    band = host.band
    qtbot.waitUntil(lambda: band.caption.height() >= band.caption.heightForWidth(band.caption.width()), timeout=3000)
    assert band.caption.accessibleDescription() == caption   # the whole caption stays accessible
    if band.fit.caption != caption:
        assert band.caption.toolTip() == literal(caption)


@pytest.mark.gui
def test_the_band_follows_the_height_it_shares(qtbot, host):
    _show(qtbot, host, "Title", "A caption of a few words.")
    big = host.band.fit.sizes.caption
    host.widget.resize(W, 480)
    qtbot.waitUntil(lambda: host.band.fit.sizes.caption < big, timeout=3000)
    assert host.band.heightForWidth(W) <= LECTURE_MAX_SHARE * 480 + 0.5


HOSTILE = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300).filter(str.strip)


@pytest.mark.gui
@settings(max_examples=25, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(title=HOSTILE.map(lambda t: t[:80]).filter(str.strip), caption=HOSTILE)
def test_any_step_fits_the_band(qtbot, host, title, caption):
    _show(qtbot, host, title, caption)
    _check(host, title)


def test_lecture_mode_fills_the_window_s_own_screen_not_the_primary_one():
    from viewer.lecture.lecture_mode import LectureMode

    calls = []
    second = SimpleNamespace(geometry=lambda: QRect(1920, 0, 1024, 768))

    class Window:
        def screen(self):
            return second

        def geometry(self):
            return QRect(100, 100, 800, 600)

        def setGeometry(self, rect):  # noqa: N802 - fakes Qt's method
            calls.append(("geometry", rect))

        def isFullScreen(self):  # noqa: N802 - fakes Qt's method
            return False

        def windowState(self):  # noqa: N802 - fakes Qt's method
            return Qt.WindowState.WindowNoState

        def setWindowState(self, state):  # noqa: N802 - fakes Qt's method
            calls.append(("state", state))

    LectureMode.fill_screen(SimpleNamespace(window=Window()))
    assert calls == [("geometry", QRect(1920, 0, 1024, 768)), ("state", Qt.WindowState.WindowFullScreen)]
