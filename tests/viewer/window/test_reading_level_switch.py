"""The panel's Intro/Advanced switch: it changes the texts, follows the state, and is remembered."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QSettings, Qt

from viewer.window.app_state import AppState
from viewer.window.reading_level_switch import SETTINGS_KEY
from viewer.window.region_panel import RegionPanel

from helpers_content import builtin_content

pytestmark = pytest.mark.gui


@pytest.fixture
def state():
    return AppState()


@pytest.fixture
def content():
    return builtin_content()


@pytest.fixture
def panel(qtbot, state, content):
    widget = RegionPanel(state, content)
    qtbot.addWidget(widget)
    widget.resize(460, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _plain(text):
    return " ".join(text.replace("**", "").replace("*", "").split())


def _shown(browser):
    return " ".join(browser.toPlainText().split())


def test_the_switch_starts_at_advanced_above_the_tabs(panel):
    switch = panel.level_switch
    assert switch.buttons["advanced"].isChecked() and not switch.buttons["intro"].isChecked()
    assert switch.geometry().bottom() <= panel.tabs.geometry().top()
    assert [b.text() for b in switch.buttons.values()] == ["Intro", "Advanced"]


def test_clicking_intro_shows_the_intro_texts_and_advanced_brings_back_the_others(qtbot, panel, state, content):
    state.select_region("hippocampus")
    region = content.region("hippocampus")
    para = region.sections["ketamine"][0]
    assert _plain(para.text) in _shown(panel.region_browser)
    qtbot.mouseClick(panel.level_switch.buttons["intro"], Qt.MouseButton.LeftButton)
    assert state.reading_level == "intro"
    shown = _shown(panel.region_browser)
    assert _plain(para.intro) in shown and _plain(para.text) not in shown
    assert _plain(region.summary_intro) in shown
    assert "animal studies" in shown   # the evidence badge stays
    step = content.mechanism.step("disinhibition")
    mechanism = _shown(panel.mechanism_browser)
    assert _plain(step.intro) in mechanism and _plain(step.text) not in mechanism
    assert _plain(content.mechanism.overview_intro) in mechanism
    qtbot.mouseClick(panel.level_switch.buttons["advanced"], Qt.MouseButton.LeftButton)
    assert state.reading_level == "advanced"
    assert _plain(para.text) in _shown(panel.region_browser)
    assert _plain(step.text) in _shown(panel.mechanism_browser)


def test_the_welcome_page_summaries_follow_the_level(panel, state, content):
    state.set_reading_level("intro")
    shown = _shown(panel.region_browser)
    for region in content.regions.values():
        assert _plain(region.summary_intro) in shown


def test_the_switch_follows_a_change_made_elsewhere(panel, state):
    state.set_reading_level("intro")
    assert panel.level_switch.buttons["intro"].isChecked()
    assert not panel.level_switch.buttons["advanced"].isChecked()


def test_the_level_is_saved_on_change_and_restored(qtbot, state, content, tmp_path):
    path = tmp_path / "levels.ini"
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    first = RegionPanel(state, content)
    qtbot.addWidget(first)
    first.level_switch.restore_settings(settings)
    assert state.reading_level == "advanced"
    first.level_switch.buttons["intro"].click()
    settings.sync()
    assert QSettings(str(path), QSettings.Format.IniFormat).value(SETTINGS_KEY) == "intro"

    fresh = AppState()
    again = RegionPanel(fresh, content)
    qtbot.addWidget(again)
    again.level_switch.restore_settings(QSettings(str(path), QSettings.Format.IniFormat))
    assert fresh.reading_level == "intro" and again.level_switch.buttons["intro"].isChecked()


@pytest.mark.parametrize("stored", ["beginner", "", "1", "@ByteArray(intro)", "intro, advanced", "true"])
def test_a_damaged_saved_level_falls_back_to_advanced(qtbot, state, content, tmp_path, stored):
    path = tmp_path / "damaged.ini"
    path.write_text(f"[General]\n{SETTINGS_KEY}={stored}\n", encoding="utf-8")
    panel = RegionPanel(state, content)
    qtbot.addWidget(panel)
    panel.level_switch.restore_settings(QSettings(str(path), QSettings.Format.IniFormat))
    assert state.reading_level == "advanced" and panel.level_switch.buttons["advanced"].isChecked()


def test_the_window_remembers_the_level_between_runs(make_window, tmp_path):
    settings_path = tmp_path / "persist-level.ini"
    window = make_window(settings_path=settings_path)
    assert window.state.reading_level == "advanced"
    window.panel.level_switch.buttons["intro"].click()
    window.close()
    again = make_window(settings_path=settings_path)
    assert again.state.reading_level == "intro"
    assert again.panel.level_switch.buttons["intro"].isChecked()
