"""The PDF handout: the whole brain and its regions, each region's text, the mechanism, safety, references.

:func:`export_handout` renders the 3D views off screen (:class:`~viewer.scene.offscreen_render.OffscreenRenderer`),
lays the pages out with :class:`~viewer.exports.pdf_pages.PdfPages` (real, selectable text; the mechanism
diagrams as vectors with :func:`~viewer.diagram.diagram_painter.paint_diagram`) and writes the file whole
or not at all. The pages:

1. a title page: title, atlas, reading level, date; the whole brain from the side and from the middle;
   the regions with their colours and summaries;
2. one page (or more) per region: a view of it (emphasised), its text at the reading level, each claim
   with its citations and evidence badge;
3. the mechanism: its introduction, then each step with its diagram (two steps to a page);
4. the safety note;
5. every cited reference, numbered, with its DOI as ``https://doi.org/...``.

Needs a ``QGuiApplication`` (made on the offscreen platform when there is none).
"""

from __future__ import annotations

import datetime
import logging
import os
from collections.abc import Callable
from pathlib import Path

from atlases.errors import ContentError, UnknownNameError
from atlases.files.output_files import write_whole
from atlases.sources.definitions import REGION_IDS
from atlases.teaching.content import READING_LEVELS
from atlases.translation_marks import QT_TRANSLATE_NOOP
from viewer.exports.pdf_pages import DPI, PAPERS, PageLimitError, PdfPages, mm
from viewer.scene.export_spec import SceneSnapshot
from viewer.scene.image_output import OutputError, UnsupportedFormatError, check_named_output
from viewer.scene.themes import get_theme
from viewer.text import handout_html as hh

log = logging.getLogger(__name__)

Progress = Callable[[str, float], None]

#: The named view, cut-away and hemispheres of each region's picture (others: the lateral view).
REGION_VIEWS = {
    "prefrontal_cortex": ("lateral", False, ("left", "right")),
    "hippocampus": ("medial", True, ("left",)),
    "posteromedial_cortex": ("medial", False, ("left",)),
}
#: The title page's two views of the whole brain: (view, cut-away, hemispheres).
TITLE_VIEWS = (("lateral", True, ("left", "right")), ("medial", False, ("left",)))
#: The long side of a rendered view, pixels (about 200 dpi at the printed size: sharp, and small).
RENDER_LONG_SIDE = 1400
APP_NAME = "Brain Region Explorer"
# What the progress callback is told (translated in the "Handout" context where Qt has a translator).
_LOADING = QT_TRANSLATE_NOOP("Handout", "Loading the content and the brain model")
_RENDERING_BRAIN = QT_TRANSLATE_NOOP("Handout", "Rendering the whole brain")
_RENDERING_REGIONS = QT_TRANSLATE_NOOP("Handout", "Rendering the regions")
_DRAWING_MECHANISM = QT_TRANSLATE_NOOP("Handout", "Drawing the mechanism")
_WRITING = QT_TRANSLATE_NOOP("Handout", "Writing the file")
_DONE = QT_TRANSLATE_NOOP("Handout", "Done")


def _no_progress(message: str, fraction: float) -> None:
    pass


def _say(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("Handout", text)


def check_handout_path(path: str | os.PathLike) -> Path:
    """Check, before any work, that a ``.pdf`` can be written at ``path``; return the absolute path.

    Raises
    ------
    UnsupportedFormatError
        No name, or another extension than ``.pdf``.
    OutputError
        A folder, device or pipe in the way, or a folder that cannot be written.
    """
    return check_named_output(path, "the handout", ".pdf",
                              "cannot write a handout there: the name must end with .pdf")


def export_handout(snapshot: SceneSnapshot, path: str | os.PathLike, paper: str = "a4", level: str = "intro",
                   content=None, model=None, progress: Progress | None = None) -> tuple[Path, int]:
    """Write the PDF handout.

    Parameters
    ----------
    snapshot : SceneSnapshot
        The atlas, theme (of the 3D views), language and content pack; its display options are the
        starting point of every view.
    path : str or path-like
        The ``.pdf`` file; checked before any work, written whole or not at all.
    paper : {"a4", "letter"}
    level : {"intro", "advanced"}
        The reading level of the texts.
    content : Content, optional
        The texts; when None, the pack at ``snapshot.content_dir`` or the built-in content, in
        ``snapshot.language``.
    model : BrainModel, optional
        The meshes; loaded for ``snapshot.atlas`` when None.
    progress : callable, optional
        ``progress(message, fraction)`` with a fraction from 0 to 1, called between the steps.

    Returns
    -------
    (Path, int)
        The absolute path written and the number of pages.

    Raises
    ------
    UnsupportedFormatError
        Not a ``.pdf`` name, or an unknown paper or level.
    OutputError
        The file cannot be written (nothing is left behind).
    ContentError
        The content pack is broken.
    """
    if paper not in PAPERS:
        raise UnsupportedFormatError(f"unknown paper {paper!r}; use one of {', '.join(PAPERS)}")
    if level not in READING_LEVELS:
        raise UnsupportedFormatError(f"unknown reading level {level!r}; use one of {', '.join(READING_LEVELS)}")
    target = check_handout_path(path)
    report = progress or _no_progress
    report(_say(_LOADING), 0.0)
    if content is None:
        content = snapshot.load_pack().content
    if model is None:
        from atlases.meshes.brain_model import load_brain_model

        model = load_brain_model(snapshot.atlas, data_dir=snapshot.data_dir)
    from viewer.diagram.diagram_export import ensure_gui_application
    from viewer.exports.export_language import in_language

    ensure_gui_application()
    with in_language(snapshot.language):   # the handout's headings
        try:
            data, pages = _build(snapshot, paper, level, content, model, report)
        except PageLimitError as exc:
            raise OutputError(f"cannot write the handout: {exc}", target) from None
    report(_say(_WRITING), 0.98)
    write_whole(target, lambda fh: fh.write(data), "the handout", OutputError)
    report(_say(_DONE), 1.0)
    return target, pages


def _region_order(content, model) -> list[str]:
    known = [r for r in REGION_IDS if r in content.regions]
    return known + sorted(r for r in content.regions if r not in known and r in model.regions)


def _render_size(box_width: float, box_height: float) -> tuple[int, int]:
    scale = RENDER_LONG_SIDE / max(box_width, box_height)
    return max(16, round(box_width * scale)), max(16, round(box_height * scale))


def _build(snapshot: SceneSnapshot, paper: str, level: str, content, model, report: Progress) -> tuple[bytes, int]:
    from PySide6.QtCore import QCoreApplication

    from atlases.sources.atlas_translations import translated_definition
    from viewer.scene.camera_views import VIEWS
    from viewer.scene.offscreen_render import OffscreenRenderer

    trc = QCoreApplication.translate
    atlas = translated_definition(model.atlas, snapshot.language)
    style = hh.print_style(DPI, get_theme(snapshot.theme))
    cites = hh.HandoutCitations(content)
    regions = _region_order(content, model)
    base = snapshot.with_changes(camera=None, labels=False, mechanism_step=None, hidden_regions=())
    doc = PdfPages(paper, title=f"{APP_NAME}: {trc('HandoutHtml', 'Handout')}", creator=APP_NAME,
                   footer=f"{APP_NAME} · {content.mechanism.title}")
    try:
        with OffscreenRenderer(base, model) as renderer:
            def view(name: str, cutaway: bool, hemispheres, region: str | None, box: tuple[float, float]):
                renderer.show(base.with_changes(view=name, cutaway=cutaway, hemispheres=tuple(hemispheres),
                                                selected_region=region))
                return renderer.render(_render_size(*box))

            # 1. the title page
            doc.html(hh.title_html(style, trc, level, APP_NAME, atlas.name, datetime.date.today().isoformat()))
            doc.skip(mm(5))
            gap = mm(5)
            box = ((doc.width - gap) / 2, doc.height * 0.32)
            top = doc.y
            for index, (name, cutaway, hemispheres) in enumerate(TITLE_VIEWS):
                report(_say(_RENDERING_BRAIN), 0.05 + 0.1 * index)
                doc.y = top
                doc.image(view(name, cutaway, hemispheres, None, box), box[1], box[0], x=index * (box[0] + gap))
                doc.caption(trc("CameraViews", VIEWS[name].label), box[0], x=index * (box[0] + gap))
            doc.skip(mm(4))
            doc.html(hh.regions_overview_html(content, regions, style, trc, cites, level))
            # 2. the regions
            for index, region_id in enumerate(regions):
                report(_say(_RENDERING_REGIONS), 0.25 + 0.45 * index / max(1, len(regions)))
                region = content.regions[region_id]
                name, cutaway, hemispheres = REGION_VIEWS.get(region_id, ("lateral", False, ("left", "right")))
                doc.new_page()
                doc.html(hh.region_heading_html(region, style))
                doc.skip(mm(3))
                doc.image(view(name, cutaway, hemispheres, region_id, (doc.width, doc.height * 0.34)),
                          doc.height * 0.34)
                doc.skip(mm(4))
                definition = atlas.regions[region_id].definition if region_id in atlas.regions else None
                doc.html(hh.region_text_html(region, content, style, trc, cites, level, definition))
        report(_say(_DRAWING_MECHANISM), 0.75)
        _mechanism(doc, snapshot, content, style, trc, cites, level)
        # 4. safety, 5. references
        doc.new_page()
        doc.html(hh.safety_html(content, style, trc, cites))
        doc.new_page()
        doc.html(hh.references_html(content, style, trc, cites))
        return doc.finish(), doc.pages
    except BaseException:
        doc.abandon()
        raise


def _mechanism(doc: PdfPages, snapshot: SceneSnapshot, content, style, trc, cites, level: str) -> None:
    """The mechanism's introduction, then each step with its diagram drawn as vectors, kept together."""
    from atlases.teaching.mechanism_diagram import load_mechanism_diagram

    try:
        diagram = load_mechanism_diagram(content)
    except (ContentError, UnknownNameError) as exc:   # the steps are still printed, without pictures
        log.warning("handout without mechanism diagrams: %s", exc)
        diagram = None
    doc.new_page()
    doc.html(hh.mechanism_intro_html(content, style, trc, cites, level))
    for number, step in enumerate(content.mechanism.steps, 1):
        text = hh.step_html(step, number, content, style, trc, cites, level)
        picture = _step_picture(diagram, step.id, snapshot.mechanism_rival, doc)
        height = picture[1] if picture else 0.0
        text_height = doc.document(text).size().height()
        doc.need(min(doc.height, height + mm(3) + text_height + mm(6)))
        doc.skip(mm(3) if doc.y else 0.0)
        doc.rule()
        doc.skip(mm(3))
        if picture:
            doc.drawing(picture[0], picture[1])
            doc.skip(mm(2))
        doc.html(text)


def _step_picture(diagram, step_id: str, rival: bool, doc: PdfPages):
    """(paint, height) drawing a step's diagram as vectors across the page, or None without one."""
    from viewer.diagram.diagram_painter import paint_diagram

    if diagram is None:
        return None
    try:
        frame = diagram.frame(step_id, rival)
    except (ContentError, UnknownNameError, KeyError):
        return None
    theme = get_theme(hh.PAPER_THEME)
    cw, ch = diagram.canvas
    return (lambda painter, rect: paint_diagram(painter, rect, diagram, frame, theme),
            min(doc.width * ch / cw, doc.height * 0.25))
