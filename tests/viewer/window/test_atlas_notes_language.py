"""The side panel's "In this atlas:" note is in the window's language (Xvfb)."""

from __future__ import annotations

import logging
from argparse import Namespace

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QSettings

from atlases.errors import ContentError
from atlases.sources.atlas_translations import region_note
from atlases.sources.registry import DEFAULT_ATLAS, get_definition

pytestmark = pytest.mark.gui


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def make_window(qtbot, tmp_path):
    """A shown window in ``language`` with the default atlas loaded (English content: the note alone is tested)."""
    from atlases.teaching.content import load_content
    from viewer.app import create_window

    windows = []

    def factory(language: str):
        settings = QSettings(str(tmp_path / f"{language}.ini"), QSettings.Format.IniFormat)
        w = create_window(Namespace(lang=language, atlas=DEFAULT_ATLAS), settings=settings, content=load_content())
        windows.append(w)
        w.resize(1280, 800)
        with qtbot.waitSignal(w.brain_view.sceneReady, timeout=60_000):
            w.show()
        qtbot.waitExposed(w)
        return w

    yield factory
    for w in windows:
        w.close()
        w.deleteLater()


def test_a_spanish_window_shows_the_spanish_note(make_window):
    window = make_window("es")
    assert window.language == "es"
    window.state.select_region("posteromedial_cortex")
    shown = _words(window.panel.region_browser.toPlainText())
    spanish = _words(region_note(DEFAULT_ATLAS, "posteromedial_cortex", "es"))
    english = _words(region_note(DEFAULT_ATLAS, "posteromedial_cortex", "en"))
    assert spanish in shown
    assert english not in shown
    window.state.select_region("hippocampus")   # the next region too: the panel keeps the Spanish definition
    assert _words(region_note(DEFAULT_ATLAS, "hippocampus", "es")) in _words(window.panel.region_browser.toPlainText())


def test_an_english_window_shows_the_english_note(make_window):
    window = make_window("en")
    window.state.select_region("posteromedial_cortex")
    shown = _words(window.panel.region_browser.toPlainText())
    assert _words(region_note(DEFAULT_ATLAS, "posteromedial_cortex", "en")) in shown
    assert _words(region_note(DEFAULT_ATLAS, "posteromedial_cortex", "es")) not in shown


def test_a_broken_translation_leaves_the_english_note_and_says_so_in_the_log(make_window, monkeypatch, caplog):
    import viewer.window.atlas_loading as atlas_loading

    def broken(definition, language):
        raise ContentError("broken on purpose", "es/atlases/x.toml", "description")

    window = make_window("es")
    monkeypatch.setattr(atlas_loading, "translated_definition", broken)
    with caplog.at_level(logging.WARNING, logger=atlas_loading.__name__):
        definition = window.atlas_loading._in_window_language(get_definition(DEFAULT_ATLAS))
    assert definition is get_definition(DEFAULT_ATLAS)
    assert "broken on purpose" in caplog.text
