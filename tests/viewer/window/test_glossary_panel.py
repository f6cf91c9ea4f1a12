"""The glossary in the side panel: hover or click a term for its definition; the Glossary tab filters (Xvfb)."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from atlases.teaching.content import load_content
from atlases.teaching.glossary import Glossary, GlossaryTerm
from viewer.window.app_state import AppState
from viewer.window.glossary_page import GlossaryPage
from viewer.window.glossary_popup import TermPopup
from viewer.window.region_panel import RegionPanel

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def content():
    return load_content()


def _panel(qtbot, content, region="hippocampus"):
    state = AppState()
    panel = RegionPanel(state, content, None, reduce_motion=lambda: True)
    qtbot.addWidget(panel)
    panel.resize(460, 740)
    panel.show()
    qtbot.waitExposed(panel)
    state.select_region(region)
    return panel


def _term_link(browser, term_id):
    """The viewport point at the middle of the ``term:<term_id>`` link."""
    doc = browser.document()
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().anchorHref() == f"term:{term_id}":
                cursor = QTextCursor(doc)
                cursor.setPosition(fragment.position() + max(1, fragment.length() // 2))
                browser.setTextCursor(cursor)
                browser.ensureCursorVisible()
                rect = browser.cursorRect(cursor)
                return QPoint(rect.center().x(), rect.center().y())
            it += 1
        block = block.next()
    raise AssertionError(f"no link to term:{term_id}")


def _hover(qtbot, browser, point):
    QTest.mouseMove(browser.viewport(), point)
    qtbot.wait(50)


def test_hovering_a_term_shows_its_definition_and_leaving_hides_it(qtbot, content):
    panel = _panel(qtbot, content)
    browser, popup = panel.region_browser, panel.term_popup
    point = _term_link(browser, "bdnf")
    _hover(qtbot, browser, QPoint(2, 2))
    _hover(qtbot, browser, point)
    qtbot.waitUntil(popup.isVisible, timeout=3000)
    term = content.glossary.term("bdnf")
    assert (popup.term_id, popup.pinned) == ("bdnf", False)
    assert popup.title.text() == term.term and popup.definition.text() == term.definition
    assert popup.title.textFormat() == Qt.TextFormat.PlainText
    assert popup.definition.textFormat() == Qt.TextFormat.PlainText
    assert "Autry et al. 2011" in popup.sources.text()
    _hover(qtbot, browser, QPoint(2, 2))   # off the link
    qtbot.waitUntil(lambda: not popup.isVisible(), timeout=3000)


def test_clicking_a_term_keeps_the_definition_until_escape(qtbot, content):
    panel = _panel(qtbot, content)
    browser, popup = panel.region_browser, panel.term_popup
    point = _term_link(browser, "eef2_kinase")
    with qtbot.waitSignal(browser.anchorClicked, timeout=3000):
        QTest.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(popup.isVisible, timeout=3000)
    assert (popup.term_id, popup.pinned) == ("eef2_kinase", True)
    assert popup.definition.text() == content.glossary.term("eef2_kinase").definition
    _hover(qtbot, browser, QPoint(2, 2))   # moving away does not close a clicked popup
    assert popup.isVisible()
    QTest.keyClick(popup, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not popup.isVisible(), timeout=3000)
    assert not popup.pinned


def test_the_mechanism_page_links_terms_too(qtbot, content):
    panel = _panel(qtbot, content)
    panel.tabs.setCurrentWidget(panel.mechanism_page)
    panel._on_anchor(panel.mechanism_browser, QUrl("term:nmda_receptor"))
    qtbot.waitUntil(panel.term_popup.isVisible, timeout=3000)
    assert panel.term_popup.title.text() == "NMDA receptor"
    panel.term_popup.close()
    panel._on_anchor(panel.mechanism_browser, QUrl("term:no_such_term"))   # an unknown id shows nothing
    QApplication.processEvents()
    assert not panel.term_popup.isVisible()


def test_the_glossary_tab_filters_the_terms(qtbot, content):
    panel = _panel(qtbot, content)
    page = panel.glossary_page
    assert panel.tabs.tabText(panel.tabs.indexOf(page)) == "Glossary"
    panel.tabs.setCurrentWidget(page)
    assert len(page.visible_terms()) == len(content.glossary.terms)
    QTest.keyClicks(page.search, "recept")
    assert set(page.visible_terms()) >= {"nmda_receptor", "ampa_receptor", "trkb"}
    assert "glutamate" not in page.visible_terms() or "recept" in content.glossary.term("glutamate").definition
    QTest.keyClicks(page.search, "or")   # "receptor"
    shown = page.visible_terms()
    assert shown and page.list.currentItem().data(Qt.ItemDataRole.UserRole) == shown[0]
    assert page.title.text() == content.glossary.term(shown[0]).term
    page.search.clear()
    QTest.keyClicks(page.search, "zzzz no such word")
    assert page.visible_terms() == [] and page.title.text() == "" and not page.empty.isHidden()
    page.search.clear()
    page.show_term("microdialysis")
    assert page.title.text() == "microdialysis"
    assert "Moghaddam" in page.details.toPlainText() and "doi:10.1523/" in page.details.toPlainText()


def test_markup_in_a_definition_is_shown_as_text(qtbot, content):
    evil = "<b>bold</b> <img src='file:///etc/passwd'> <a href='javascript:x()'>x</a>"
    glossary = Glossary((GlossaryTerm("evil", "<i>evil</i>", ("evil",), evil, ("li2010",)),))
    popup = TermPopup(glossary, content)
    qtbot.addWidget(popup)
    assert popup.show_term("evil", QPoint(100, 100))
    assert popup.title.text() == "<i>evil</i>" and popup.definition.text() == evil
    assert popup.definition.textFormat() == Qt.TextFormat.PlainText
    page = GlossaryPage(glossary, content)
    qtbot.addWidget(page)
    assert page.details.toPlainText().startswith(evil)
    popup.close()


def test_a_click_elsewhere_closes_a_clicked_definition(qtbot, content):
    panel = _panel(qtbot, content)
    popup = panel.term_popup
    panel._on_anchor(panel.region_browser, QUrl("term:glutamate"))
    qtbot.waitUntil(popup.isVisible, timeout=3000)
    assert popup.pinned and popup.windowFlags() & Qt.WindowType.Popup == Qt.WindowType.Popup
    # the popup grabs the mouse: a click anywhere else reaches it, outside its own rectangle
    QTest.mouseClick(popup, Qt.MouseButton.LeftButton, pos=QPoint(-20, -20))
    qtbot.waitUntil(lambda: not popup.isVisible(), timeout=3000)
