"""The PDF handout, read back with pypdf and rendered with pdftoppm.

The handouts are built once per module (real meshes, real off-screen renders: EGL without a display);
the tests read them. A handout takes a few seconds on llvmpipe. With a display the tests use pytest-qt's
``qapp``: a bare QGuiApplication made here would stay for the session and break later widget tests.
"""

from __future__ import annotations

import errno
import math
import os
import shutil
import subprocess

import numpy as np
import pypdf
import pytest
from PIL import Image

from atlases.meshes.brain_model import load_brain_model
from atlases.teaching.content import load_content
from viewer.scene.export_spec import SceneSnapshot
from viewer.scene.image_output import OutputError, UnsupportedFormatError, blank_reason

from helpers_content import HOSTILE, sample_content

SNAPSHOT = SceneSnapshot(atlas="desikan_killiany")


def _words(text: str) -> str:
    return " ".join(text.split())   # pypdf separates words with tabs and breaks lines anywhere


def _qt_application(request):
    """With a display, pytest-qt's QApplication, made before the handout would make a bare QGuiApplication
    (which a later widget test in the same process could not replace). Without one (no widget test runs
    then) the handout's own offscreen QGuiApplication."""
    if os.environ.get("DISPLAY"):
        return request.getfixturevalue("qapp")
    from viewer.diagram.diagram_export import ensure_gui_application

    return ensure_gui_application()


@pytest.fixture(autouse=True)
def _application(request):
    return _qt_application(request)


@pytest.fixture(scope="module")
def model():
    return load_brain_model("desikan_killiany")


@pytest.fixture(scope="module")
def english():
    return load_content()


@pytest.fixture(scope="module")
def built(tmp_path_factory, model, english, request):
    """path -> (path, page count, reader) for the handouts the tests read."""
    _qt_application(request)
    from viewer.exports.handout import export_handout

    folder = tmp_path_factory.mktemp("handouts")
    out = {}
    steps = []
    for name, kwargs in {
        "intro_a4": dict(paper="a4", level="intro", content=english, progress=lambda m, f: steps.append(f)),
        "advanced_letter": dict(paper="letter", level="advanced", content=english),
        "spanish": dict(paper="a4", level="intro"),
    }.items():
        snapshot = SNAPSHOT.with_changes(language="es") if name == "spanish" else SNAPSHOT
        path, pages = export_handout(snapshot, folder / f"{name}.pdf", model=model, **kwargs)
        out[name] = (path, pages, pypdf.PdfReader(path))
    out["progress"] = steps
    return out


def _text(reader) -> str:
    return _words(" ".join(page.extract_text() for page in reader.pages))


def _cited(content) -> set[str]:
    refs = {r for region in content.regions.values() for r in region.references()}
    refs |= {r for step in content.mechanism.steps for r in step.refs}
    return refs | set(content.mechanism.intro_refs) | set(content.safety.refs)


def test_page_count_is_reported_and_has_every_part(built, english):
    for name in ("intro_a4", "advanced_letter", "spanish"):
        path, pages, reader = built[name]
        assert len(reader.pages) == pages
        steps = len(english.mechanism.steps)
        assert pages >= 1 + len(english.regions) + math.ceil(steps / 2) + 1 + 1
    progress = built["progress"]
    assert progress[0] == 0.0 and progress[-1] == 1.0 and progress == sorted(progress)


def test_every_page_has_real_text(built):
    for name in ("intro_a4", "advanced_letter", "spanish"):
        _, _, reader = built[name]
        for number, page in enumerate(reader.pages, 1):
            assert len(_words(page.extract_text())) > 40, f"{name}: page {number} has no text"


def test_titles_references_and_every_doi(built, english):
    _, _, reader = built["intro_a4"]
    text = _text(reader)
    for region in english.regions.values():
        assert region.name in text
    assert "References" in text and "Safety note" in text
    squeezed = "".join(text.split())
    for ref_id in _cited(english):
        ref = english.reference(ref_id)
        if ref.doi:
            assert f"https://doi.org/{ref.doi}" in squeezed, ref_id
    last = _words(reader.pages[-1].extract_text())
    assert "doi.org" in last


def test_each_region_starts_its_own_page_with_its_view(built, english):
    _, _, reader = built["intro_a4"]
    firsts = {}
    for number, page in enumerate(reader.pages):
        head = _words(page.extract_text())[:80]
        for region in english.regions.values():
            if head.startswith(f"■ {region.name}") or head.startswith(region.name):
                firsts[region.id] = number
    assert set(firsts) == set(english.regions)
    for number in firsts.values():
        assert len(reader.pages[number].images) == 1           # the region's 3D view
    assert len(reader.pages[0].images) == 2                    # the title page's two views


def test_mechanism_diagrams_are_vectors_with_real_labels(built, english):
    _, _, reader = built["intro_a4"]
    step_pages = [page for page in reader.pages if "Step 1:" in _words(page.extract_text())]
    assert len(step_pages) == 1
    text = _words(step_pages[0].extract_text())
    assert "AMPA receptor" in text and "Ketamine" in text    # the diagram's labels are text...
    assert len(step_pages[0].images) == 0                      # ... and the diagram is not a picture
    every = _text(reader)
    for number, step in enumerate(english.mechanism.steps, 1):
        assert f"Step {number}:" in every
        assert _words(step.title) in every


def test_reading_levels_differ(built, english):
    intro, advanced = _text(built["intro_a4"][2]), _text(built["advanced_letter"][2])
    region = english.regions["hippocampus"]
    assert region.summary_intro and region.summary_intro != region.summary
    assert _words(region.summary_intro)[:60] in intro and _words(region.summary_intro)[:60] not in advanced
    assert _words(region.summary)[:60] in advanced and _words(region.summary)[:60] not in intro


def test_paper_sizes(built):
    for name, size in (("intro_a4", (595, 842)), ("advanced_letter", (612, 792))):
        for page in built[name][2].pages:
            box = page.mediabox
            assert (round(float(box.width)), round(float(box.height))) == size


def test_spanish_handout_has_spanish_headings_and_content(built):
    text = _text(built["spanish"][2])
    spanish = load_content(language="es")
    assert spanish.regions["hippocampus"].name in text
    for heading in ("Referencias", "Dónde está"):
        assert heading in text
    assert "Where it is" not in text and "What it normally does" not in text


def test_under_ten_megabytes(built):
    for name in ("intro_a4", "advanced_letter", "spanish"):
        assert built[name][0].stat().st_size < 10 * 1024 * 1024


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_pdftoppm_renders_the_first_pages_and_they_are_not_blank(built, tmp_path):
    path = built["intro_a4"][0]
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "2", str(path), str(tmp_path / "page")],
                   check=True, capture_output=True, timeout=120)
    pictures = sorted(tmp_path.glob("page-*.png"))
    assert len(pictures) == 2
    for picture in pictures:
        pixels = np.asarray(Image.open(picture).convert("RGB"))
        assert pixels.shape[1] == round(595 * 50 / 72) or abs(pixels.shape[1] - 595 * 50 / 72) < 2
        assert blank_reason(pixels) is None
        assert (pixels.min(axis=2) < 128).mean() > 0.01       # dark ink: text and the brain


def test_hostile_pack_text_shows_as_text(tmp_path, model):
    from viewer.exports.handout import export_handout

    path, pages = export_handout(SNAPSHOT, tmp_path / "hostile.pdf", content=sample_content(), model=model)
    text = _text(pypdf.PdfReader(path))
    assert "<script>alert(1)</script>" in text and "<img src=http://x>" in text
    assert HOSTILE.split()[0] in text
    assert pages >= 1 + 3 + 2 + 1 + 1


@pytest.mark.parametrize("name", ["handout.txt", "handout", "handout.pdf.png"])
def test_only_pdf_is_accepted_and_nothing_is_written(tmp_path, model, name):
    from viewer.exports.handout import export_handout

    with pytest.raises(UnsupportedFormatError):
        export_handout(SNAPSHOT, tmp_path / name, model=model)
    assert os.listdir(tmp_path) == []


def test_unknown_paper_or_level_is_refused(tmp_path, model):
    from viewer.exports.handout import export_handout

    with pytest.raises(UnsupportedFormatError):
        export_handout(SNAPSHOT, tmp_path / "a.pdf", paper="a3", model=model)
    with pytest.raises(UnsupportedFormatError):
        export_handout(SNAPSHOT, tmp_path / "a.pdf", level="expert", model=model)
    assert os.listdir(tmp_path) == []


def test_read_only_folder_is_an_error_before_any_render_and_no_file(read_only_folder, model, monkeypatch):
    import viewer.scene.offscreen_render as offscreen
    from viewer.exports.handout import export_handout

    monkeypatch.setattr(offscreen, "OffscreenRenderer", lambda *a, **k: pytest.fail("rendered before the check"))
    with pytest.raises(OutputError, match="handout"):
        export_handout(SNAPSHOT, read_only_folder / "handout.pdf", model=model)
    assert os.listdir(read_only_folder) == []


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path, model, english, monkeypatch):
    from viewer.exports.handout import export_handout

    target = tmp_path / "handout.pdf"
    target.write_bytes(b"the old handout")

    def full_disk(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OutputError, match="No space left"):
        export_handout(SNAPSHOT, target, content=english, model=model)
    monkeypatch.undo()
    assert target.read_bytes() == b"the old handout" and os.listdir(tmp_path) == ["handout.pdf"]


# ------------------------------------------------------------------ the page layout on its own
def _pages(paper="a4"):
    from viewer.diagram.diagram_export import ensure_gui_application
    from viewer.exports.pdf_pages import PdfPages

    ensure_gui_application()
    return PdfPages(paper, title="t", creator="c", footer="footer")


def test_flowed_text_is_cut_between_lines_and_keeps_its_order(tmp_path):
    doc = _pages()
    doc.skip(doc.height * 0.6)   # start low on the first page
    lines = [f"Line{n:03d} alpha beta gamma delta" for n in range(1, 301)]
    doc.html("<html><body>" + "".join(f'<p style="font-size:42px;">{line}</p>' for line in lines) + "</body></html>")
    data = doc.finish()
    path = tmp_path / "flow.pdf"
    path.write_bytes(data)
    reader = pypdf.PdfReader(path)
    assert len(reader.pages) == doc.pages > 3
    found = []
    for page in reader.pages:
        words = _words(page.extract_text()).split()
        found += [w for w in words if w.startswith("Line")]
        for index, word in enumerate(words):   # every line whole on its page
            if word.startswith("Line"):
                assert words[index + 1:index + 5] == ["alpha", "beta", "gamma", "delta"], word
    assert found == [line.split()[0] for line in lines]


def test_a_giant_text_stops_at_the_page_limit(monkeypatch):
    from viewer.exports import pdf_pages

    monkeypatch.setattr(pdf_pages, "MAX_PAGES", 5)
    doc = _pages()
    try:
        with pytest.raises(pdf_pages.PageLimitError):
            doc.html("<p>" + "word " * 20_000 + "</p>")
    finally:
        doc.abandon()


def test_a_hostile_content_pack_on_disk_is_loaded_from_the_snapshot_and_shown_as_text(tmp_path, model):
    from atlases.teaching.example_pack import write_example_pack
    from viewer.exports.handout import export_handout

    pack = tmp_path / "pack"
    write_example_pack(pack)
    region = pack / "regions" / "hippocampus.toml"
    region.write_text(region.read_text(encoding="utf-8").replace(
        'name = "Hippocampus"', 'name = "Hippo <script>alert(1)</script>"'), encoding="utf-8")
    snapshot = SNAPSHOT.with_changes(content_dir=str(pack))
    path, _ = export_handout(snapshot, tmp_path / "pack.pdf", model=model)
    text = _text(pypdf.PdfReader(path))
    assert "Hippo <script>alert(1)</script>" in text
    assert "The hippocampus lies deep inside the medial temporal lobe" in text   # the pack's own text


@pytest.mark.gui
def test_the_pages_do_not_depend_on_the_font_a_window_set(qapp, monkeypatch):
    from PySide6.QtGui import QFont

    from viewer.exports import pdf_pages

    monkeypatch.setattr(pdf_pages, "MAX_PAGES", 5)
    before = qapp.font()
    tiny = QFont(before)
    tiny.setPixelSize(6)   # what a window's text size leaves on the app (a screen pixel is 1/25 of the PDF's)
    qapp.setFont(tiny)
    try:
        doc = _pages()
        try:
            with pytest.raises(pdf_pages.PageLimitError):
                doc.html("<p>" + "word " * 20_000 + "</p>")
        finally:
            doc.abandon()
    finally:
        qapp.setFont(before)
