"""The region list is exactly as tall as its rows, so it never shows a scroll bar for three regions.

The style sheet (viewer/widgets/qt_theme.py) sizes the rows when the list is first
polished, after the window first fitted the list: the list fits itself again then,
and on every style or font change.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui


@pytest.mark.parametrize("theme", ["light", "projector"])
def test_the_region_list_shows_every_row_without_a_scroll_bar(make_window, qtbot, theme):
    window = make_window(theme=theme)
    qtbot.wait(200)
    regions = window.region_list
    rows = sum(regions.sizeHintForRow(i) for i in range(regions.count()))
    assert regions.viewport().height() >= rows
    assert not regions.verticalScrollBar().isVisible()
    window.state.set_ui_scale(1.5)   # larger text, taller rows
    qtbot.wait(200)
    rows = sum(regions.sizeHintForRow(i) for i in range(regions.count()))
    assert regions.viewport().height() >= rows and not regions.verticalScrollBar().isVisible()
