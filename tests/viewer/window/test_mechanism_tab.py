"""The Mechanism tab: the diagram above the step text, a step bar, arrow keys (Xvfb, no 3D view)."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt, QUrl
from PySide6.QtTest import QTest

from atlases.teaching.content import load_content
from atlases.teaching.mechanism_diagram import load_mechanism_diagram
from viewer.diagram.mechanism_page import DIAGRAM_SHARE
from viewer.window.app_state import AppState
from viewer.window.region_panel import RegionPanel

from helpers_content import sample_content

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def content():
    return load_content()


@pytest.fixture
def state():
    return AppState()


def _panel(qtbot, state, content, size=(450, 760), with_diagram=True):
    diagram = load_mechanism_diagram(content) if with_diagram else None
    panel = RegionPanel(state, content, diagram, reduce_motion=lambda: True)
    qtbot.addWidget(panel)
    panel.resize(*size)
    panel.show()
    qtbot.waitExposed(panel)
    panel.tabs.setCurrentWidget(panel.mechanism_page)
    return panel


def _top(widget, page):
    return widget.mapTo(page, widget.rect().topLeft()).y()


def test_the_diagram_is_above_the_step_bar_and_the_text(qtbot, state, content):
    panel = _panel(qtbot, state, content)
    page, diagram = panel.mechanism_page, panel.diagram
    assert panel.tabs.tabText(panel.tabs.indexOf(page)) == "Mechanism"
    assert diagram.isVisible() and panel.step_bar.isVisible() and panel.mechanism_browser.isVisible()
    assert _top(diagram, page) == 0
    assert _top(diagram, page) + diagram.height() <= _top(panel.step_bar, page)
    assert _top(panel.step_bar, page) + panel.step_bar.height() <= _top(panel.mechanism_browser, page)
    # a sensible size in a 450 px panel: the whole width, the canvas's aspect, the text keeps room
    assert diagram.width() == page.width()
    assert diagram.height() == min(diagram.heightForWidth(page.width()), round(DIAGRAM_SHARE * page.height()))
    assert panel.mechanism_browser.height() >= 0.3 * page.height()


def test_a_short_panel_gives_the_text_room_and_asks_for_little(qtbot, state, content):
    panel = _panel(qtbot, state, content, size=(450, 420))
    page = panel.mechanism_page
    assert panel.diagram.height() <= DIAGRAM_SHARE * page.height() + 1
    assert panel.mechanism_browser.height() > 0
    assert page.minimumSizeHint().height() < 350   # the side panel scrolls rather than grow the window


def test_steps_move_the_diagram_the_bar_and_the_text_together(qtbot, state, content):
    panel = _panel(qtbot, state, content)
    steps = content.mechanism.steps
    panel.step_bar.next_button.click()
    assert state.mechanism_step == steps[1].id
    assert panel.diagram.step_id == steps[1].id
    assert panel.step_bar.step_text() == f"Step 2 of {len(steps)}: {steps[1].title}"
    assert "Current step" in panel.mechanism_browser.toPlainText()
    panel.mechanism_browser.anchorClicked.emit(QUrl(f"step:{steps[4].id}"))   # the text's links still work
    assert panel.diagram.step_id == steps[4].id
    assert panel.step_bar.step_text().startswith("Step 5 of")
    panel.mechanism_browser.anchorClicked.emit(QUrl("region:hippocampus"))
    assert state.selected_region == "hippocampus"


def test_arrow_keys_work_in_the_tab(qtbot, state, content):
    panel = _panel(qtbot, state, content)
    ids = [s.id for s in content.mechanism.steps]
    panel.diagram.setFocus()
    QTest.keyClick(panel.diagram, Qt.Key.Key_Right)
    QTest.keyClick(panel.diagram, Qt.Key.Key_Down)
    assert state.mechanism_step == ids[2]
    assert panel.tabs.currentWidget() is panel.mechanism_page
    assert panel.mechanism_browser.verticalScrollBar().value() > 0   # the text scrolled to the step
    panel.step_bar.back_button.setFocus()
    QTest.keyClick(panel.step_bar.back_button, Qt.Key.Key_Left)
    assert state.mechanism_step == ids[1]


def test_content_without_a_diagram_still_has_a_step_bar(qtbot, state):
    content = sample_content()
    panel = RegionPanel(state, content)
    qtbot.addWidget(panel)
    panel.resize(450, 600)
    panel.show()
    assert panel.diagram is None
    panel.tabs.setCurrentWidget(panel.mechanism_page)
    panel.step_bar.next_button.click()
    assert state.mechanism_step == content.mechanism.steps[1].id
    assert not panel.step_bar.rival_box.isVisible()
