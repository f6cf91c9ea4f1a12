"""Hostile rich text: no widget renders a content pack's (or a file's) markup as markup.

Every text field of a content pack and its tours is filled with marked-up
strings (an image of the disk, bold, a ``file:`` link, a style sheet, an
entity, a Markdown image, VTK MathText); the window is opened with it, every
region is selected and hovered, every mechanism step shown, and the whole
tour run in the window and in lecture mode. At each stage :func:`markup_problems`
walks *every* widget of every top-level window (so widgets added later are
covered without changing this file) and reports any place where such markup
would be rendered: a label or tool tip that Qt treats as rich text and that
holds a marker unescaped, a document (text browser, rich label) with an
image, a link to anything but the app's own schemes, or a giant font, and a
VTK text actor that would be drawn as MathText. Dialogs are caught as they
open (:class:`DialogWatcher`), walked the same way, and closed.

Window titles, status-bar messages, item-view texts and button texts need no
check: Qt always draws them as plain text.
"""

from __future__ import annotations

import shutil
import sys
from argparse import Namespace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("pytestqt")

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QTabBar,
    QTextEdit,
    QToolTip,
    QWidget,
)

from atlases.resources import asset_dir, asset_path
from atlases.sources.definitions import REGION_IDS
from viewer.scene.vtk_text import set_vtk_text
from viewer.text.plain_text import literal, plain_label

from helpers_toml import dump_toml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# ------------------------------------------------------------------ markers
IMG = '<img src="file:///etc/hostname" width=5000 height=5000>'
IMG_NAME = '<img src="x" width=5000 height=5000>'   # a file name cannot hold "/"
BOLD = "<b>B0LD</b>"
LINK = '<a href="file:///">L1NK</a>'
STYLE = "<style>*{font-size:200px}</style>"
ENTITY = "&lt;i&gt;ENT1TY"           # rendered as "<i>ENT1TY" by a rich-text widget
MARKDOWN = "![MD](file:///etc/hostname)"
MATH = r"$\sqrt{M4TH}$"             # drawn as a formula by VTK's MathText
COLUMNS = "C0L|UMNS"                 # drawn as two columns by VTK's MathText
#: What a rich-text (HTML) widget would interpret.
HTML_MARKERS = (IMG, IMG_NAME, BOLD, LINK, STYLE, ENTITY)
ALL_MARKERS = (IMG, BOLD, LINK, STYLE, ENTITY, MARKDOWN, MATH, COLUMNS)
#: Link schemes the app itself makes (see viewer/text/content_html.py).
SAFE_SCHEMES = {"", "region", "step", "term", "http", "https"}   # term: glossary links (the popup shows plain text)
#: A font this large can only come from a pack's style sheet.
HUGE_FONT = 150

_PLAIN, _AUTO, _RICH, _MARKDOWN = (Qt.TextFormat.PlainText, Qt.TextFormat.AutoText, Qt.TextFormat.RichText,
                                   Qt.TextFormat.MarkdownText)


def hostile(limit: int, k: int) -> str:
    """As many markers as fit in ``limit`` characters, starting with the ``k``-th (round robin)."""
    parts: list[str] = []
    for i in range(len(ALL_MARKERS)):
        marker = ALL_MARKERS[(k + i) % len(ALL_MARKERS)]
        if len(" ".join([*parts, marker])) <= limit:
            parts.append(marker)
    return " ".join(parts)


# ------------------------------------------------------------------- walker
def is_rich(text: str, fmt) -> bool:
    """Whether a widget with text format ``fmt`` renders ``text`` as HTML."""
    return fmt == _RICH or (fmt == _AUTO and Qt.mightBeRichText(text))


def shown_text(text: str, fmt=_AUTO) -> str:
    """What a label with ``text`` in format ``fmt`` shows, as plain text."""
    if not is_rich(text, fmt):
        return text
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()


def document_problems(doc: QTextDocument, where: str) -> list[str]:
    """Images, links that are not the app's own, and huge fonts in a document."""
    problems = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                problems.append(f"{where}: shows an image ({fmt.toImageFormat().name()!r})")
            if fmt.isAnchor() and QUrl(fmt.anchorHref()).scheme().lower() not in SAFE_SCHEMES:
                problems.append(f"{where}: has a link to {fmt.anchorHref()!r}")
            if fmt.font().pixelSize() >= HUGE_FONT or fmt.fontPointSize() >= HUGE_FONT:
                problems.append(f"{where}: has a {max(fmt.font().pixelSize(), fmt.fontPointSize())} px font")
            it += 1
        block = block.next()
    return problems


def text_problems(text: str, fmt, where: str) -> list[str]:
    """Ways in which a widget showing ``text`` in format ``fmt`` would render a pack's markup."""
    if not text or fmt == _PLAIN:
        return []
    if fmt == _MARKDOWN:
        return [f"{where}: Markdown text holds {m!r}" for m in ALL_MARKERS if m in text]
    if not is_rich(text, fmt):
        return []
    problems = [f"{where}: rich text holds {m!r} unescaped" for m in HTML_MARKERS if m in text]
    doc = QTextDocument()
    doc.setHtml(text)
    return problems + document_problems(doc, where)


def vtk_backend(text: str) -> int:
    """The renderer VTK uses for ``text`` on a text actor (FreeType or MathText)."""
    from vtkmodules import vtkRenderingFreeType  # noqa: F401 - provides the text renderer instance
    from vtkmodules.vtkRenderingCore import vtkTextRenderer

    renderer = vtkTextRenderer.GetInstance()
    backend = renderer.GetDefaultBackend()
    return renderer.DetectBackend(text) if backend == vtkTextRenderer.Detect else backend


def vtk_problems(widget, where: str) -> list[str]:
    """VTK text actors of a plotter whose text would be drawn as MathText."""
    from vtkmodules.vtkRenderingCore import vtkTextRenderer

    problems = []
    for renderer in widget.renderers:
        props = renderer.GetViewProps()
        props.InitTraversal()
        for _ in range(props.GetNumberOfItems()):
            prop = props.GetNextProp()
            if prop.IsA("vtkTextActor") and prop.GetInput():
                if vtk_backend(prop.GetInput()) == vtkTextRenderer.MathText:
                    problems.append(f"{where}: VTK text {prop.GetInput()!r} is drawn as MathText")
    return problems


def markup_problems(tops=None) -> list[str]:
    """Walk every widget (of ``tops``, by default of every top-level window) for rendered markup."""
    from pyvistaqt import QtInteractor

    tops = QApplication.topLevelWidgets() if tops is None else tops
    problems = []
    for top in tops:
        for w in [top, *top.findChildren(QWidget)]:
            where = f"{type(w).__name__}({w.objectName()!r})"
            if isinstance(w, QLabel):
                problems += text_problems(w.text(), w.textFormat(), where)
            problems += text_problems(w.toolTip(), _AUTO, f"{where} tool tip")
            for action in w.actions():
                problems += text_problems(action.toolTip(), _AUTO, f"{where} action {action.text()!r} tool tip")
            if isinstance(w, QTextEdit):
                problems += document_problems(w.document(), where)
            if isinstance(w, QTabBar):
                for i in range(w.count()):
                    problems += text_problems(w.tabToolTip(i), _AUTO, f"{where} tab {i} tool tip")
            if isinstance(w, QAbstractItemView) and w.model() is not None:
                model = w.model()
                for row in range(min(model.rowCount(QModelIndex()), 500)):
                    for col in range(20):   # (a list model's columnCount is private)
                        if not model.index(row, col).isValid():
                            break
                        tip = model.data(model.index(row, col), Qt.ItemDataRole.ToolTipRole)
                        problems += text_problems(tip if isinstance(tip, str) else "", _AUTO,
                                                  f"{where} item {row},{col} tool tip")
            if isinstance(w, QtInteractor) and not getattr(w, "_closed", False):
                problems += vtk_problems(w, where)
    return problems


class DialogWatcher(QObject):
    """Walks every message box as soon as it is shown, records it and closes it."""

    def __init__(self):
        super().__init__()
        self.seen: list[dict] = []
        self.timer = QTimer(self, interval=20)
        self.timer.timeout.connect(self._poll)
        self.timer.start()

    def _poll(self) -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QMessageBox) and w.isVisible():
                self.seen.append({"title": w.windowTitle(), "text": w.text(), "format": w.textFormat(),
                                  "shown": shown_text(w.text(), w.textFormat()),
                                  "problems": markup_problems([w])})
                w.done(0)


@pytest.fixture
def dialogs(qapp):
    watcher = DialogWatcher()
    yield watcher
    watcher.timer.stop()


# ----------------------------------------------------------------- packs
_LIMITS = {"name": 100, "abbreviation": 20, "summary": 1000, "text": 5000, "title": 200, "intro": 5000,
           "journal": 300, "citation": 100, "caption": 300, "description": 2000, "notes": 2000,
           "change": 120, "rival_change": 120}


def _fill(data, counter: list[int], limits=_LIMITS):
    """Replace every free-text field (by key) with markers, recursively."""
    if isinstance(data, list):
        return [_fill(x, counter, limits) for x in data]
    if not isinstance(data, dict):
        return data
    out = {}
    for key, value in data.items():
        if key in limits and isinstance(value, str):
            counter[0] += 1
            out[key] = hostile(limits[key], counter[0])
        elif key == "authors" and isinstance(value, str):   # the first name is what short citations show
            counter[0] += 1
            out[key] = f"{BOLD} A, {MATH} B, {IMG} C, {ENTITY} D"
        else:
            out[key] = _fill(value, counter, limits)
    return out


def hostile_pack(folder: Path) -> Path:
    """A valid content folder with a tour, every text field of which holds markers."""
    counter = [0]
    for src in sorted(asset_dir("content").rglob("*.toml")):
        dest = folder / src.relative_to(asset_dir("content"))
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(dump_toml(_fill(tomllib.loads(src.read_text("utf-8")), counter)), "utf-8")
    tour = tomllib.loads(asset_path("tours", "ketamine.toml").read_text("utf-8"))
    tour = _fill(tour, counter)
    tour["id"] = "hostile"
    tour["steps"] = [_fill(s, counter, {**_LIMITS, "title": 80}) for s in tour["steps"]]
    (folder / "tours").mkdir()
    (folder / "tours" / "hostile.toml").write_text(dump_toml(tour), "utf-8")
    return folder


def _open_window(qtbot, tmp_path, content):
    from viewer.app import create_window

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("reduce_motion", True)
    window = create_window(Namespace(atlas=None, atlas_dir=None, theme=None), settings=settings, content=content)
    window.resize(1280, 800)
    with qtbot.waitSignal(window.brain_view.sceneReady, timeout=60_000):
        window.show()
    qtbot.waitExposed(window)
    window.activateWindow()   # F5 needs the active window
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    return window


# ----------------------------------------------------- the required test
def _same(problems: list, where: str, label: QLabel, text: str) -> None:
    shown = shown_text(label.text(), label.textFormat())
    if shown != text:
        problems.append(f"[{where}] shows {shown!r} instead of {text!r}")


@pytest.mark.gui
def test_no_widget_renders_the_markup_of_any_content_field(qtbot, tmp_path, dialogs):
    from atlases.teaching.content import load_content

    content = load_content(hostile_pack(tmp_path / "pack"))
    window = _open_window(qtbot, tmp_path, content)
    problems: list[str] = []

    def check(stage: str) -> None:
        problems.extend(f"[{stage}] {p}" for p in markup_problems())

    try:
        state, band = window.state, window.caption_band
        check("start")
        for region_id in REGION_IDS:
            name = content.region(region_id).name
            state.select_region(region_id)
            state.hover_region(region_id)   # the 3D view's tool tip
            assert window.panel.current_title() == name
            if name not in window.panel.region_browser.document().toPlainText():
                problems.append(f"[region {region_id}] the panel does not show {name!r} literally")
            if shown_text(QToolTip.text()) != name:
                problems.append(f"[region {region_id}] the tool tip shows {shown_text(QToolTip.text())!r}")
            check(f"region {region_id}")
            state.hover_region(None)
        for step in content.mechanism.steps:
            state.set_mechanism_step(step.id)
            check(f"mechanism {step.id}")
        tour = window.tours.default_tour()
        assert tour.id == "hostile"
        window.tours.start_tour()
        for i, step in enumerate(tour.steps):
            window.tour_controller.go_to(i)
            assert band.isVisible()
            _same(problems, f"tour step {i + 1} title", band.title, step.title)
            check(f"tour step {i + 1}")
        window.tour_controller.stop()
        QTest.keyClick(window, Qt.Key.Key_F5)
        assert window.lecture.active
        qtbot.waitUntil(lambda: window.caption_band.isVisible(), timeout=3000)
        qtbot.waitUntil(lambda: bool(window.labels.labels and window.labels.labels.shown), timeout=10_000)
        for i in range(len(tour)):
            window.tour_controller.go_to(i)
            _same(problems, f"lecture step {i + 1} title", band.title, tour.steps[i].title)
            check(f"lecture step {i + 1}")
        QTest.keyClick(window, Qt.Key.Key_Escape)
        assert not window.lecture.active
        assert dialogs.seen == []   # a valid pack: nothing to report
    finally:
        window.close()
        window.deleteLater()
    first = {}   # each problem once, with the first stage it was seen at
    for p in problems:
        stage, what = p.split("] ", 1)
        first.setdefault(what, stage + "]")
    assert not first, f"{len(problems)} problems:\n" + "\n".join(f"{s} {w}" for w, s in first.items())


# ------------------------------------------------------- dialogs, by hand
_BAD_NAME = f"{IMG_NAME} {ENTITY}.toml"


def _bad_tour(path: Path) -> Path:
    path.write_text(dump_toml({"id": "x", "title": BOLD, "description": LINK, "steps": [
        {"title": IMG, "caption": STYLE, "regions": ["amygdala"], "view": "lateral", "cortex_opacity": 0.5,
         "cutaway": False, "refs": ["li2010"]}]}), "utf-8")
    return path


def _check_dialog(seen: dict, *expected: str) -> None:
    assert seen["problems"] == []
    for text in expected:
        assert text in seen["shown"], f"{text!r} not shown literally in {seen['shown']!r}"


@pytest.mark.gui
def test_the_windows_dialogs_show_file_names_and_messages_literally(qtbot, tmp_path, dialogs):
    from atlases.teaching.content import load_content

    pack = tmp_path / "pack"
    shutil.copytree(asset_dir("content"), pack)
    (pack / "tours").mkdir()
    _bad_tour(pack / "tours" / _BAD_NAME)
    window = _open_window(qtbot, tmp_path, load_content(pack))
    try:
        qtbot.waitUntil(lambda: len(dialogs.seen) == 1, timeout=5000)   # the pack's tour is reported
        _check_dialog(dialogs.seen[0], _BAD_NAME, f'("{IMG}")')

        other = tmp_path / f"{BOLD.replace('/', '')} {MATH}.toml"   # a file name cannot hold "/"
        assert window.tours.open_tour(_bad_tour(other)) is None
        _check_dialog(dialogs.seen[1], other.name, f'("{IMG}")')

        window.atlas_loading.show_failure(window.state.loaded_atlas, f"{IMG}: not an atlas")
        _check_dialog(dialogs.seen[2], f"{IMG}: not an atlas")

        window._download_done(QProgressDialog(window), None, f"{LINK} {STYLE}: no network")
        _check_dialog(dialogs.seen[3], f"{LINK} {STYLE}: no network")

        saved = tmp_path / f"{IMG.replace('/', '')}"
        window._download_done(QProgressDialog(window), saved)
        _check_dialog(dialogs.seen[4], str(saved))

        window.show_about()
        assert len(dialogs.seen) == 6
        assert dialogs.seen[5]["problems"] == []
        assert markup_problems([window]) == []
    finally:
        window.close()
        window.deleteLater()


class _App:
    """The QApplication for ``viewer.app._run``, whose event loop returns at once."""

    def __init__(self, app):
        self._app = app

    def __getattr__(self, name):
        return getattr(self._app, name)

    def exec(self):
        return 0


@pytest.mark.gui
@pytest.mark.parametrize("break_it", ["field", "file name"])
def test_a_broken_pack_is_reported_literally(qapp, tmp_path, monkeypatch, dialogs, break_it):
    from PySide6.QtWidgets import QMainWindow

    from viewer import app as app_mod

    pack = tmp_path / "pack"
    shutil.copytree(asset_dir("content"), pack)
    region = pack / "regions" / "hippocampus.toml"
    if break_it == "field":
        region.write_text(region.read_text("utf-8").replace('id = "hippocampus"', f'id = "{IMG}"'.replace(
            '"file:///etc/hostname"', "'file:///etc/hostname'")), "utf-8")
        expected = "file:///etc/hostname"
    else:
        region.rename(pack / "regions" / _BAD_NAME)
        expected = _BAD_NAME
    windows = []

    def fake_window(*args, **kwargs):
        window = QMainWindow()
        window.settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
        window.settings_warning = None   # what MainWindow sets when its settings file was usable
        windows.append(window)
        return window

    monkeypatch.setattr(app_mod, "create_window", fake_window)
    try:
        assert app_mod._run(_App(qapp), Namespace(content=str(pack), atlas=None, atlas_dir=None, theme=None),
                            None) == 0
    finally:
        for window in windows:
            window.close()
    warnings = [d for d in dialogs.seen if "content" in d["title"].lower()]
    assert len(warnings) == 1
    _check_dialog(warnings[0], expected)


@pytest.mark.gui
def test_a_start_failure_naming_a_hostile_file_is_shown_literally(qapp, tmp_path, monkeypatch, dialogs):
    from atlases.errors import ContentError
    from viewer import app as app_mod

    bad = tmp_path / _BAD_NAME

    def failing_window(*args, **kwargs):
        raise ContentError(f"{BOLD} is broken", bad)

    monkeypatch.setattr(app_mod, "create_window", failing_window)
    assert app_mod._run(_App(qapp), Namespace(content=None, atlas=None, atlas_dir=None, theme=None), None) == 1
    assert len(dialogs.seen) == 1
    _check_dialog(dialogs.seen[0], f"{bad}: {BOLD} is broken")


@pytest.mark.gui
def test_the_error_dialog_shows_the_exception_literally(qapp, dialogs):
    from viewer.runtime.error_reporting import ErrorReporter

    reporter = ErrorReporter()
    reporter._show(f"ValueError: {IMG} {LINK}", f"/tmp/{ENTITY}/log.txt", ("ValueError", "x", None))
    assert len(dialogs.seen) == 1
    _check_dialog(dialogs.seen[0], f"ValueError: {IMG} {LINK}", f"/tmp/{ENTITY}/log.txt")


# ------------------------------------------------------------- the rule
PROPERTY = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
_FRAGMENTS = ["<b>", "</b>", "<i>", "<img src=", '"file:///etc/hostname"', " width=5000>", "<a href='file:///'>",
              "</a>", "<style>", "*{font-size:200px}", "</style>", "&lt;", "&gt;", "&amp;", "&#60;",
              "<!DOCTYPE html>", "<?xml version='1.0'?>", "<qt>", "<br>", "<p>", "<html>", "<table>", "**", "*",
              "$", "\\$", "|", "\\|", r"\sqrt{x}", "![i](file:///x)", "<", ">", "&", " ", "  ", "\n", "\t", "x",
              "Hippocampus"]
# markup fragments mixed with any printable text (control characters cannot come from a TOML string
# without an escape, and Qt's documents normalise them; that is not markup)
_CHARS = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Co", "Cn"), blacklist_characters="\ufffc\xa0")
HOSTILE_TEXT = st.lists(st.sampled_from(_FRAGMENTS) | st.text(_CHARS, max_size=6), min_size=1, max_size=12).map(
    "".join).filter(str.strip)


def _words(text: str) -> list[str]:
    return text.split()


@pytest.mark.gui
@PROPERTY
@given(text=HOSTILE_TEXT)
def test_literal_text_is_shown_exactly_by_a_guessing_widget(qapp, text):
    label = QLabel()   # AutoText, like tool tips and the static QMessageBox functions
    label.setText(literal(text))
    assert text_problems(label.text(), label.textFormat(), "label") == []
    shown = shown_text(label.text(), label.textFormat())
    assert shown == text or (is_rich(label.text(), _AUTO) and shown.strip("\n") == text.strip("\n"))
    assert plain_label(text).text() == text and plain_label(text).textFormat() == _PLAIN


@PROPERTY
@given(text=HOSTILE_TEXT)
def test_vtk_text_is_drawn_exactly(text):
    from vtkmodules.vtkRenderingCore import vtkTextActor, vtkTextProperty, vtkTextRenderer
    from vtkmodules.vtkRenderingFreeType import vtkFreeTypeTools

    actor = vtkTextActor()
    set_vtk_text(actor, text)
    assert vtk_backend(actor.GetInput()) == vtkTextRenderer.FreeType
    prop = vtkTextProperty()
    prop.SetFontSize(20)
    drawn, literal_box = [0] * 4, [0] * 4   # what the actor draws; the text drawn without any interpretation
    vtkTextRenderer.GetInstance().GetBoundingBox(prop, actor.GetInput(), drawn, 72)
    vtkFreeTypeTools.GetInstance().GetBoundingBox(prop, text, 72, literal_box)
    assert drawn == literal_box


def test_ordinary_text_is_left_alone():
    from vtkmodules.vtkRenderingCore import vtkTextActor

    assert literal("Prefrontal cortex") == "Prefrontal cortex"
    assert literal("Duman & Aghajanian 2012\n\n<not first line>") == "Duman & Aghajanian 2012\n\n<not first line>"
    actor = vtkTextActor()
    set_vtk_text(actor, "Hippocampus")
    assert actor.GetInput() == "Hippocampus"


@pytest.fixture
def light_widgets(qapp):
    """One state and a small content for all examples (each builds its widgets anew)."""
    from viewer.window.app_state import AppState

    from helpers_content import sample_content

    return AppState(), sample_content()


@pytest.mark.gui
@PROPERTY
@given(title=HOSTILE_TEXT, caption=HOSTILE_TEXT, name=HOSTILE_TEXT)
def test_any_tour_title_caption_or_region_name_is_shown_literally(light_widgets, title, caption, name):
    import dataclasses

    from atlases.teaching.tours import Tour, TourStep
    from viewer.lecture.caption_band import CaptionBand
    from viewer.window.region_list import RegionList
    from viewer.window.region_panel import RegionPanel

    state, content = light_widgets
    region = dataclasses.replace(content.region("hippocampus"), name=name)
    content = dataclasses.replace(content, regions={**content.regions, "hippocampus": region})
    step = TourStep(title, caption, ("hippocampus",), "lateral", None, 0.5, False, None, ("li2010",))
    host = QWidget()
    try:
        band = CaptionBand(state, content, parent=host)
        band.set_tour(Tour("t", title, caption, (step,), Path("t.toml")))
        state.set_tour_step(0)
        names = {r: content.region(r).name for r in REGION_IDS}
        RegionList(state, names, parent=host)
        panel = RegionPanel(state, content, parent=host)
        state.select_region("hippocampus")
        state.set_mechanism_step(content.mechanism.steps[0].id)
        assert markup_problems([host]) == []
        assert shown_text(band.title.text(), band.title.textFormat()) == title
        assert _words(shown_text(band.caption.text(), band.caption.textFormat()).replace("*", "")) == \
            _words(caption.replace("*", ""))
        assert _words(name) == _words(panel.current_title())
        assert " ".join(_words(name)) in " ".join(_words(panel.region_browser.document().toPlainText()))
    finally:
        state.set_tour_step(-1)
        state.select_region(None)
        host.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
