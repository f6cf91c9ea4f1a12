"""The interface's translations: every UI string is extracted, translated, compiled and shipped.

* a fresh ``pyside6-lupdate`` of the sources finds exactly the messages of the
  shipped ``.ts`` (a new string is never left out; ``scripts/update_translations.sh``
  updates both files);
* every literal string the source hands to ``tr``/``translate``/``QT_TRANSLATE_NOOP``
  is one lupdate found, in the context the code uses at run time (lupdate does
  not look inside f-strings, nor into local ``tr``/``_tr`` helpers);
* every message is translated (no unfinished or empty translation), with the same
  placeholders, tab shortcut, markup and at most one accelerator;
* the shipped ``.qm`` is what ``pyside6-lrelease`` makes of the shipped ``.ts``,
  and every message translates through a ``QTranslator`` that loads it.
"""

from __future__ import annotations

import ast
import re
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from atlases.resources import DEFAULT_LANGUAGE, LANGUAGES, asset_dir

PySide6 = pytest.importorskip("PySide6")

ROOT = Path(__file__).resolve().parents[1]
QT_TOOLS = Path(PySide6.__file__).resolve().parent
SHIPPED = [lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE]
#: Placeholders Qt (%1, %n) and Python (%s, %d) fill in.
PLACEHOLDER = re.compile(r"%(?:\d|n|s|d)")
TAG = re.compile(r"</?[a-z0-9]+")


def _sources() -> list[Path]:
    """The files scripts/update_translations.sh hands to lupdate."""
    return [ROOT / "main.py", *sorted((ROOT / "viewer").rglob("*.py")), *sorted((ROOT / "atlases").rglob("*.py"))]


def _ts_path(language: str) -> Path:
    return asset_dir("i18n") / f"brain_explorer_{language}.ts"


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    """(context, source) -> <message>, of a .ts file."""
    out = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.findall("message"):
            out[(name, message.findtext("source") or "")] = message
    return out


def _tool(name: str) -> Path:
    tool = QT_TOOLS / name
    if not tool.exists():
        pytest.skip(f"PySide6 has no {name} here")
    return tool


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> dict[tuple[str, str], ET.Element]:
    """What lupdate finds in the sources today."""
    ts = tmp_path_factory.mktemp("lupdate") / "fresh.ts"
    subprocess.run([str(_tool("lupdate")), "-no-obsolete", "-locations", "none", *map(str, _sources()),
                    "-ts", str(ts)], check=True, capture_output=True, timeout=300)
    return _messages(ts)


def _translations(message: ET.Element) -> list[str]:
    tr = message.find("translation")
    assert tr is not None
    forms = tr.findall("numerusform")
    return [f.text or "" for f in forms] if message.get("numerus") == "yes" else [tr.text or ""]


# ------------------------------------------------------------------ extraction
def test_lupdate_finds_strings(fresh):
    """Guard against a vacuous comparison: the sources' menus are found, in their class's context."""
    assert ("MainWindow", "&File") in fresh and ("LanguageMenu", "Restart now") in fresh
    assert len(fresh) > 150


def test_no_message_is_in_the_empty_context(fresh):
    """A bare ``tr("...")`` (a local helper, ``tr = self.tr``) lands in no context: nothing translates it."""
    assert [source for (context, source) in fresh if not context] == []


@pytest.mark.parametrize("language", SHIPPED)
def test_the_shipped_ts_has_every_message_the_sources_have(fresh, language):
    shipped = _messages(_ts_path(language))
    missing = sorted(set(fresh) - set(shipped))
    stale = sorted(set(shipped) - set(fresh))
    assert not missing, f"run scripts/update_translations.sh and translate: {missing}"
    assert not stale, f"run scripts/update_translations.sh (messages no longer in the sources): {stale}"


def _literal_calls():
    """(file, line, context or None, text) of each tr/translate/QT_TRANSLATE_NOOP call with a literal text."""
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            args = node.args
            if name in ("tr", "_tr") and args and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
                yield path, node.lineno, None, args[0].value
            elif (name in ("translate", "QT_TRANSLATE_NOOP") and len(args) >= 2
                  and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args[:2])):
                yield path, node.lineno, args[0].value, args[1].value


def test_every_literal_the_code_translates_is_extracted_in_its_context(fresh):
    calls = list(_literal_calls())
    assert len(calls) > 150
    sources = {source for (_context, source) in fresh}
    unseen = [f"{path.relative_to(ROOT)}:{line}: {text!r}" for path, line, context, text in calls
              if (text not in sources if context is None else (context, text) not in fresh)]
    assert not unseen, ("lupdate cannot see these (inside an f-string, or in a local helper): "
                        f"call self.tr / QCoreApplication.translate with the literal where lupdate sees it: {unseen}")


def test_a_string_inside_an_f_string_is_caught():
    """The check above fails on the pattern it exists for."""
    tree = ast.parse('x = f"<b>{self.tr(\'Answer:\')}</b>"')
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    assert calls and isinstance(calls[0].args[0], ast.Constant)


def test_data_shown_translated_is_marked():
    """The words kept in data that the window translates (themes' names from TOML) all have a message."""
    from atlases.teaching.content import EVIDENCE, SECTIONS
    from viewer.scene.camera_views import VIEWS
    from viewer.scene.themes import themes
    from viewer.window.view_toolbar import SHORT_LABELS

    shipped = _messages(_ts_path(SHIPPED[0]))
    wanted = ([("Themes", t.name) for t in themes().values()] + [("CameraViews", v.label) for v in VIEWS.values()]
              + [("ViewToolbar", s) for s in SHORT_LABELS.values()]
              + [("ContentHtml", s) for s in (*EVIDENCE.values(), *SECTIONS.values())])
    assert [w for w in wanted if w not in shipped] == []


# ------------------------------------------------------------------ translation
@pytest.mark.parametrize("language", SHIPPED)
def test_every_message_is_translated(language):
    messages = _messages(_ts_path(language))
    unfinished = [source for (_c, source), m in messages.items()
                  if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
                  or not all(t.strip() for t in _translations(m))]
    assert unfinished == []


@pytest.mark.parametrize("language", SHIPPED)
def test_translations_keep_placeholders_shortcuts_markup_and_one_accelerator(language):
    problems = []
    for (context, source), message in _messages(_ts_path(language)).items():
        for text in _translations(message):
            checks = {
                "placeholders": Counter(PLACEHOLDER.findall(source)) == Counter(PLACEHOLDER.findall(text)),
                "tab shortcut": ("\t" in source) == ("\t" in text),
                "markup": Counter(TAG.findall(source)) == Counter(TAG.findall(text)),
                "accelerator": ("&" in source.replace("&&", "")) == (text.replace("&&", "").count("&") == 1),
                "file filter": source.count("(*") == text.count("(*"),
                "line breaks": source.startswith("\n") == text.startswith("\n"),
            }
            problems += [f"{context}: {source!r} -> {text!r}: {what}" for what, ok in checks.items() if not ok]
    assert problems == []


@pytest.mark.parametrize("language", SHIPPED)
def test_the_shipped_qm_is_the_lrelease_output_of_the_shipped_ts(tmp_path, language):
    ts = _ts_path(language)
    out = tmp_path / "fresh.qm"
    subprocess.run([str(_tool("lrelease")), str(ts), "-qm", str(out)], check=True, capture_output=True, timeout=120)
    assert out.read_bytes() == ts.with_suffix(".qm").read_bytes(), "run scripts/update_translations.sh"


@pytest.mark.parametrize("language", SHIPPED)
def test_every_message_translates_through_the_shipped_qm(language):
    from PySide6.QtCore import QTranslator

    from viewer.runtime.translations import app_translation_file

    translator = QTranslator()
    assert translator.load(str(app_translation_file(language)))
    wrong = []
    for (context, source), message in _messages(_ts_path(language)).items():
        n = 2 if message.get("numerus") == "yes" else -1
        expected = _translations(message)[-1 if n > 1 else 0]
        if translator.translate(context, source, None, n) != expected:
            wrong.append((context, source))
    assert wrong == []
