"""The side panel reacts to the app state and only follows safe links."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument

from atlases.sources.definitions import load_definitions
from viewer.scene.themes import get_theme
from viewer.text.html_style import html_style
from viewer.window import region_panel as panel_mod
from viewer.window.app_state import AppState
from viewer.window.region_panel import RegionPanel, SafeTextBrowser

from helpers_content import builtin_content, sample_content

pytestmark = pytest.mark.gui


@pytest.fixture
def state():
    return AppState()


@pytest.fixture
def content():
    return sample_content()


@pytest.fixture
def panel(qtbot, state, content):
    widget = RegionPanel(state, content)
    qtbot.addWidget(widget)   # closed and deleted at the end of the test
    widget.resize(460, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def opened(monkeypatch):
    urls = []
    monkeypatch.setattr(panel_mod.QDesktopServices, "openUrl", lambda url: urls.append(url.toString()) or True)
    return urls


def test_starts_on_the_welcome_page(panel):
    assert panel.current_title() == ""
    assert "Click a region" in panel.region_browser.toPlainText()
    assert panel.tabs.currentWidget() is panel.region_browser
    assert panel.tabs.tabText(0) == "Region" and panel.tabs.tabText(1) == "Mechanism"


@pytest.mark.parametrize("which", ["sample", "builtin"])
def test_selecting_each_region_shows_its_title(qtbot, state, which):
    content = sample_content() if which == "sample" else builtin_content()
    if content is None:
        pytest.skip("built-in content is not complete yet")
    widget = RegionPanel(state, content)
    qtbot.addWidget(widget)
    for region in content.regions.values():
        state.select_region(region.id)
        assert widget.current_title() == region.name
        text = widget.region_browser.toPlainText()
        assert region.name in text and region.summary.split("*")[0][:30] in text
    state.select_region(None)
    assert widget.current_title() == ""
    assert "Click a region" in widget.region_browser.toPlainText()


def test_selecting_a_region_switches_to_the_region_tab(panel, state):
    panel.tabs.setCurrentWidget(panel.mechanism_browser)
    state.select_region("hippocampus")
    assert panel.tabs.currentWidget() is panel.region_browser
    assert "Hippocampus" in panel.current_html()


def test_hostile_text_is_shown_as_text(panel, state):
    state.select_region("hippocampus")
    text = panel.region_browser.toPlainText()
    assert "<script>alert(1)</script>" in text and "<img src=http://x>" in text


def test_region_link_selects_the_region(panel, state):
    panel.region_browser.anchorClicked.emit(QUrl("region:hippocampus"))
    assert state.selected_region == "hippocampus"
    assert panel.current_title() == "Hippocampus"
    panel.mechanism_browser.anchorClicked.emit(QUrl("region:posteromedial_cortex"))
    assert state.selected_region == "posteromedial_cortex"


def test_unknown_region_link_is_ignored(panel, state):
    panel.region_browser.anchorClicked.emit(QUrl("region:amygdala"))
    assert state.selected_region is None


def test_external_links_open_only_when_safe(panel, opened):
    browser = panel.region_browser
    browser.anchorClicked.emit(QUrl("https://doi.org/10.1126/science.1190287"))
    assert opened == ["https://doi.org/10.1126/science.1190287"]
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "relative.html",
                "ftp://example.org/x"):
        browser.anchorClicked.emit(QUrl(bad))
    assert opened == ["https://doi.org/10.1126/science.1190287"]


def test_reference_link_scrolls_to_the_reference_list(panel, state, opened):
    state.select_region("hippocampus")
    bar = panel.region_browser.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    panel.region_browser.anchorClicked.emit(QUrl("#ref-li2010"))
    assert bar.value() > 0 and opened == []


def test_browsers_never_load_resources(panel):
    for browser in (panel.region_browser, panel.mechanism_browser):
        assert not browser.openLinks() and not browser.openExternalLinks()
        for name in ("file:///etc/passwd", "http://example.org/x.png", "qrc:/icon.png"):
            assert browser.loadResource(QTextDocument.ResourceType.ImageResource, QUrl(name)) is None


def test_images_in_html_are_never_loaded(qtbot, tmp_path):
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(0xFF0000)
    path = tmp_path / "secret.png"
    assert image.save(str(path))
    url = QUrl.fromLocalFile(str(path))
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    browser.show()
    browser.setHtml(f'<p>x<img src="{url.toString()}"><img src="{path}"></p>'
                    f'<p style="background-image:url({url.toString()})">y</p>')
    browser.grab()   # lays out and paints the document
    doc = browser.document()
    for name in (url, QUrl(str(path))):
        assert doc.resource(QTextDocument.ResourceType.ImageResource, name) is None


def test_mechanism_step_highlight(panel, state, content):
    state.set_mechanism_step("bdnf")
    assert panel.tabs.currentWidget() is panel.mechanism_page
    style = html_style(get_theme(state.theme))
    html = panel.current_html()
    assert html.count(f'bgcolor="{style.highlight}"') == 1
    assert html.index(f'bgcolor="{style.highlight}"') > html.index('name="step-nmda_block"')
    assert "Current step" in panel.mechanism_browser.toPlainText()
    panel.mechanism_browser.anchorClicked.emit(QUrl("step:synapses"))
    assert state.mechanism_step == "synapses"
    assert panel.current_html().index(f'bgcolor="{style.highlight}"') > html.index('name="step-bdnf"')
    state.set_mechanism_step(None)
    assert "Current step" not in panel.mechanism_browser.toPlainText()


def test_mechanism_step_scrolls_into_view(panel, state, qtbot):
    panel.resize(460, 300)
    state.set_mechanism_step("synapses")
    assert panel.mechanism_browser.verticalScrollBar().value() > 0
    state.select_region("hippocampus")
    assert panel.tabs.currentWidget() is panel.region_browser
    assert panel.region_browser.verticalScrollBar().value() == 0


def test_theme_change_rerenders_with_new_text_colour(panel, state):
    state.select_region("hippocampus")
    light, dark = get_theme("light"), get_theme("dark")
    assert f"color:{light.text}" in panel.current_html()
    state.set_theme("dark")
    assert f"color:{dark.text}" in panel.current_html() and f"color:{light.text}" not in panel.current_html()
    assert dark.text.lower() in panel.region_browser.toHtml().lower()
    root = panel.region_browser.document().rootFrame().frameFormat()
    assert root.background().color().name().upper() == dark.background
    assert panel.current_title() == "Hippocampus"


def test_ui_scale_changes_font_size(panel, state):
    state.select_region("hippocampus")
    state.set_ui_scale(1.75)
    px = round(15 * 1.75)
    assert f"font-size:{px}px" in panel.current_html()
    assert panel.region_browser.font().pixelSize() == px


def test_atlas_definition_follows_the_atlas(panel, state):
    state.select_region("hippocampus")
    assert "In this atlas" not in panel.current_html()
    definition = load_definitions()["desikan_killiany"]
    panel.set_atlas_definition(definition)
    text = panel.region_browser.toPlainText()
    assert "In this atlas:" in text
    assert " ".join(definition.regions["hippocampus"].definition.split())[:40] in text
    panel.set_atlas_definition(None)
    assert "In this atlas" not in panel.current_html()
