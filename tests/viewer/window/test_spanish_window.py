"""The window in Spanish: its menus, its own and Qt's dialog buttons, and View ▸ Language."""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from argparse import Namespace

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMenu, QMessageBox

from atlases.resources import asset_dir
from viewer.runtime.translations import install_translators, remove_translators
from viewer.settings.language import SETTINGS_KEY
from viewer.window import language_menu as language_menu_module
from viewer.window.language_menu import restart_arguments

pytestmark = pytest.mark.gui


def _english_with_a_translation() -> set[str]:
    """The English source texts the Spanish catalogue translates into something else (accelerators dropped)."""
    root = ET.parse(asset_dir("i18n") / "brain_explorer_es.ts").getroot()
    out = set()
    for message in root.iter("message"):
        source, translation = message.findtext("source") or "", message.findtext("translation") or ""
        if source.strip() and source.replace("&", "") != translation.replace("&", ""):
            out.add(source.replace("&", ""))
    return out


@pytest.fixture
def translated(qapp):
    translators = install_translators(qapp, "es")
    yield translators
    remove_translators(qapp, translators)


def _build(tmp_path, language, settings_path=None):
    from viewer.app import build_window

    settings = QSettings(str(settings_path or tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    args = Namespace(atlas=None, atlas_dir=None, theme=None, content=None, lang=language)
    return build_window(args, settings=settings)


@pytest.fixture
def spanish_window(qtbot, tmp_path, translated):
    window = _build(tmp_path, "es")
    yield window
    window.close()
    window.deleteLater()


def test_install_translators_loads_ours_and_qts_and_english_needs_none(translated):
    assert len(translated) == 2   # ours and qtbase
    assert install_translators(QApplication.instance(), "en") == []
    assert QCoreApplication.translate("MainWindow", "&File") == "&Archivo"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancelar"


def test_the_spanish_window_has_spanish_menus_and_content(spanish_window):
    window = spanish_window
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles[:2] == ["&Archivo", "&Ver"] and "A&yuda" in titles and "&Cuestionario" in titles
    assert window.view_actions["lateral"].text() == "Lateral (izquierda)"
    assert window.theme_actions["light"].text() == "Claro"
    assert window.language == "es" and window.content.region("hippocampus").name == "Hipocampo"
    assert "Explora el cerebro" in window.panel.current_html()


def test_no_english_text_is_left_in_the_spanish_window(spanish_window):
    """Every menu entry, label, button and tool tip the catalogue translates shows its translation.

    An English text here means a string translated in another context than the one it was extracted in.
    """
    window = spanish_window
    english = _english_with_a_translation()
    texts = []
    for action in window.findChildren(QAction):
        texts += [action.text(), action.toolTip(), action.statusTip(), action.iconText()]
    for menu in window.findChildren(QMenu):
        texts.append(menu.title())
    for widget in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
        texts += [widget.text(), widget.toolTip()]
    left = sorted({t for t in texts if t.replace("&", "") in english})
    assert left == []
    assert len(texts) > 100   # a real walk over the window


def _accelerators(menu: QMenu) -> list[str]:
    keys = []
    for action in menu.actions():
        match = re.search(r"&([^&])", action.text().split("\t")[0].replace("&&", ""))
        if match:
            keys.append(match.group(1).lower())
    return keys


def test_spanish_accelerators_are_unique_in_each_menu(spanish_window):
    window = spanish_window
    menus = [window.menuBar()] + window.findChildren(QMenu)
    clashes = {}
    for menu in menus:
        keys = _accelerators(menu)
        repeated = sorted(k for k in set(keys) if keys.count(k) > 1)
        if repeated:
            clashes[menu.title() or "menu bar"] = repeated
    assert clashes == {}


def test_qts_own_dialog_buttons_are_in_spanish(qtbot, translated):
    box = QMessageBox(QMessageBox.Icon.Question, "t", "x",
                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    texts = {box.button(b).text().replace("&", "") for b in (QMessageBox.StandardButton.Ok,
                                                            QMessageBox.StandardButton.Cancel)}
    assert texts == {"Aceptar", "Cancelar"}


# ------------------------------------------------------------------ View ▸ Language
def test_the_language_menu_lists_the_languages_with_the_current_one_checked(spanish_window):
    menu = spanish_window.language_menu
    assert menu.menu.title() == "Idi&oma" and menu.menu.menuAction() in spanish_window.view_menu.actions()
    assert {code: a.text() for code, a in menu.actions.items()} == {"en": "English", "es": "Español"}
    assert [code for code, a in menu.actions.items() if a.isChecked()] == ["es"]


@pytest.mark.parametrize("restart", [False, True], ids=["later", "restart-now"])
def test_choosing_a_language_saves_it_and_restarts_only_when_asked(qtbot, tmp_path, monkeypatch, restart):
    settings_path = tmp_path / "choice.ini"
    window = _build(tmp_path, "en", settings_path)
    qtbot.addWidget(window)
    asked, relaunched = [], []
    monkeypatch.setattr(window.language_menu, "ask_restart", lambda lang: asked.append(lang) or restart)
    monkeypatch.setattr(language_menu_module, "relaunch", lambda command: relaunched.append(command) or 0)
    monkeypatch.setattr(sys, "argv", ["/x/main.py", "--lang", "en", "--theme", "dark"])
    window.show()
    window.language_menu.actions["es"].trigger()
    assert asked == ["es"]
    assert QSettings(str(settings_path), QSettings.Format.IniFormat).value(SETTINGS_KEY) == "es"
    if restart:
        assert not window.isVisible()   # closed first: its settings are saved, its views stopped
        assert len(relaunched) == 1 and relaunched[0][-4:] == ["--theme", "dark", "--lang", "es"]
    else:
        assert window.isVisible() and relaunched == []
        window.close()


def test_choosing_the_current_language_asks_nothing(qtbot, tmp_path, monkeypatch):
    window = _build(tmp_path, "en")
    qtbot.addWidget(window)
    asked = []
    monkeypatch.setattr(window.language_menu, "ask_restart", lambda lang: asked.append(lang) or True)
    window.language_menu.actions["en"].trigger()
    assert asked == [] and window.settings.value(SETTINGS_KEY) == "en"


def test_the_restart_question_is_plain_text_with_restart_now_and_later(qtbot, spanish_window):
    box, restart = spanish_window.language_menu.restart_box("en")
    qtbot.addWidget(box)
    assert box.textFormat() == Qt.TextFormat.PlainText and "English" in box.text()
    assert "próxima vez" in box.text()
    assert restart.text() == "Reiniciar ahora"
    assert sorted(b.text() for b in box.buttons()) == ["Más tarde", "Reiniciar ahora"]
    assert box.defaultButton() is not restart   # Enter does not restart by surprise


def test_restart_arguments_replace_the_old_lang():
    assert restart_arguments(["--lang", "en", "--quiz"], "es") == ["--quiz", "--lang", "es"]
    assert restart_arguments(["--lang=en"], "es") == ["--lang", "es"]
    assert restart_arguments([], "en") == ["--lang", "en"]


@pytest.mark.parametrize("language,title", [("es", "Cómo actúa la ketamina en el cerebro"),
                                            ("en", "How ketamine acts on the brain")])
def test_the_built_in_tour_and_quiz_follow_the_windows_language(qtbot, tmp_path, language, title):
    from viewer.window.quiz_commands import available_quizzes

    window = _build(tmp_path, language)
    qtbot.addWidget(window)
    assert [tour.title for tour in window.tours.builtin.values()] == [title]
    quizzes, problem = available_quizzes(window.content)
    assert problem == "" and [quiz.title for quiz in quizzes.values()] == [title]
