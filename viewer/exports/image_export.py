"""An exported image: the 3D brain rendered off screen at any size, with labels, legend, caption and inset.

:func:`compose` makes the picture (no file I/O: a movie calls it for every
frame); :func:`export_image` checks the path, renders, refuses a blank result
and writes the file atomically (:mod:`viewer.scene.image_output`). The brain
is rendered by an :class:`~viewer.scene.offscreen_render.OffscreenRenderer`
into its own rectangle of the image (:func:`~viewer.exports.overlays.export_layout`);
everything else is painted with QPainter (:mod:`viewer.exports.overlays`).
:func:`copy_view_image` and :func:`copy_to_clipboard` serve the window's Copy image.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from atlases.errors import ExplorerError
from viewer.scene.export_spec import SceneSnapshot
from viewer.scene.offscreen_render import check_size

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

#: The longest caption an export takes (characters); the dialog and the CLI fill it.
MAX_CAPTION = 5000


@dataclass(frozen=True)
class ImageOptions:
    """What an exported image holds besides the brain.

    Attributes
    ----------
    size : (int, int)
        Width and height in pixels (:func:`~viewer.scene.offscreen_render.check_size`: 16..8192).
    transparent : bool
        Transparent background (RGBA; PNG or TIFF only).
    labels, legend : bool
        Region labels; a legend of the region colours.
    caption : str or None
        The caption band's text, its first line drawn as the title (None: no band;
        :func:`default_caption` gives the window's).
    inset : bool
        The mechanism diagram of the snapshot's step beside the brain (only when the
        snapshot has a mechanism step).
    view_aspect : float or None
        Width / height of the view the snapshot's camera comes from (the window's 3D view): the
        camera is widened to show the same on a narrower image (:func:`fit_pose_to_aspect`).
        None: the camera is used as it is.
    """

    size: tuple[int, int] = (1920, 1080)
    transparent: bool = False
    labels: bool = False
    legend: bool = False
    caption: str | None = None
    inset: bool = False
    view_aspect: float | None = None

    def __post_init__(self):
        object.__setattr__(self, "size", check_size(self.size))
        if self.caption is not None:
            if not isinstance(self.caption, str):
                raise ExplorerError("the caption must be text")
            if len(self.caption) > MAX_CAPTION:
                raise ExplorerError(f"the caption is longer than {MAX_CAPTION} characters")
        if self.view_aspect is not None and not (math.isfinite(self.view_aspect) and 0.01 <= self.view_aspect <= 100):
            raise ExplorerError(f"the view's aspect ratio must be from 0.01 to 100, got {self.view_aspect!r}")


def default_caption(snapshot: SceneSnapshot, content) -> str:
    """The caption the window would show: the mechanism step's, else the selected region's, else the mechanism's.

    Returns
    -------
    str
        A title line, a newline and the text, at the snapshot's reading level.
    """
    level = snapshot.reading_level
    if snapshot.mechanism_step is not None:
        step = content.mechanism.step(snapshot.mechanism_step)
        title, text = step.title, step.text_at(level)
    elif snapshot.selected_region is not None and snapshot.selected_region in content.regions:
        region = content.regions[snapshot.selected_region]
        title, text = region.name, region.summary_at(level)
    else:
        title, text = content.mechanism.title, content.mechanism.intro_at(level)
    return f"{without_emphasis(title)}\n{without_emphasis(text)}"


def without_emphasis(text: str) -> str:
    """Content text without its ``**bold**`` and ``*italic*`` markers (a caption is drawn as plain text)."""
    import html
    import re

    from viewer.text.content_html import rich_text

    return html.unescape(re.sub(r"</?[bi]>", "", rich_text(text)))   # rich_text's only tags are <b> and <i>


def legend_items(snapshot: SceneSnapshot, region_ids, content, theme) -> list[tuple[str, str]]:
    """(name, colour) of every region shown, then the cortex when it is drawn."""
    from PySide6.QtCore import QCoreApplication

    items = [(content.regions[r].name if r in content.regions else r, theme.regions[r])
             for r in region_ids if r not in snapshot.hidden_regions and r in theme.regions]
    if snapshot.cortex_opacity > 0:
        items.append((QCoreApplication.translate("ImageExport", "Cortex"), theme.cortex))
    return items


def compose(renderer, options: ImageOptions, content) -> np.ndarray:
    """The exported picture of what ``renderer`` shows, overlays painted.

    Parameters
    ----------
    renderer : OffscreenRenderer
        Showing the snapshot to export (its camera and view angle are adjusted
        to the brain's rectangle, then restored).
    options : ImageOptions
    content : Content
        Region names, the caption's default and the mechanism diagram's labels.

    Returns
    -------
    numpy.ndarray
        (height, width, 3) uint8, or (height, width, 4) with straight alpha when transparent.
    """
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter

    from viewer.diagram.diagram_export import ensure_gui_application
    from viewer.exports.overlays import (
        drawn_mask,
        export_layout,
        paint_caption,
        paint_inset,
        paint_labels,
        paint_legend,
        quietest_corner,
        text_scale,
        to_qimage,
    )
    from viewer.scene.camera_views import fit_pose_to_aspect
    from viewer.scene.themes import get_theme

    ensure_gui_application()
    snapshot = renderer.snapshot
    theme = get_theme(snapshot.theme)
    diagram = None
    if options.inset and snapshot.mechanism_step is not None:
        from atlases.teaching.mechanism_diagram import load_mechanism_diagram

        diagram = load_mechanism_diagram(content)
        diagram.frame(snapshot.mechanism_step, snapshot.mechanism_rival)   # an unknown step fails before rendering
    layout = export_layout(options.size, options.caption is not None, diagram is not None,
                           diagram.canvas[0] if diagram is not None else None)
    brain = layout.brain
    shown = snapshot
    if snapshot.camera is not None and options.view_aspect is not None:
        pose, angle = fit_pose_to_aspect(snapshot.camera, snapshot.view_angle, options.view_aspect, brain.w / brain.h)
        shown = snapshot.with_changes(camera=pose, view_angle=angle)
    if shown is not snapshot:
        renderer.show(shown)
    try:
        pixels = renderer.render((brain.w, brain.h), transparent=options.transparent)
        anchors, extent = renderer.label_geometry((brain.w, brain.h)) if options.labels else ({}, None)
    finally:
        if shown is not snapshot:
            renderer.show(snapshot)
    width, height = options.size
    image = QImage(width, height, QImage.Format.Format_RGBA8888_Premultiplied if options.transparent
                   else QImage.Format.Format_RGB888)
    image.fill(QColor(0, 0, 0, 0) if options.transparent else QColor(theme.background))
    scale = text_scale(options.size)
    painter = QPainter(image)
    try:
        painter.drawImage(brain.x, brain.y, to_qimage(pixels))
        area = brain.qrectf()
        boxes = []
        if options.labels and anchors:
            names = {r: content.regions[r].name for r in anchors if r in content.regions}
            boxes = paint_labels(painter, anchors, names, theme, scale, area=area, brain=extent,
                                 emphasised=snapshot.selected_region)
        if options.legend:
            items = legend_items(snapshot, renderer.scene.region_ids, content, theme)
            taken = [QRectF(*b.box).translated(-area.left(), -area.top()) for b in boxes]
            paint_legend(painter, area, items, theme, scale, quietest_corner(drawn_mask(pixels), items, scale, taken))
        if diagram is not None and layout.inset is not None and snapshot.mechanism_step is not None:
            paint_inset(painter, layout.inset.qrectf(), diagram, snapshot.mechanism_step, snapshot.mechanism_rival,
                        theme)
        if options.caption is not None and layout.caption is not None:
            title, _, text = options.caption.partition("\n")
            paint_caption(painter, layout.caption.qrectf(), title, text, theme)
    finally:
        painter.end()
    from viewer.exports.overlays import from_qimage

    return from_qimage(image, alpha=options.transparent)


def load_export_content(snapshot: SceneSnapshot):
    """The content an export of ``snapshot`` names things with: its pack's, or the built-in, in its language."""
    return snapshot.load_pack().content


def export_image(snapshot: SceneSnapshot, path: str | Path, options: ImageOptions, content=None,
                 model=None) -> Path:
    """Render ``snapshot`` with ``options`` and write it to ``path``.

    The path is checked first (a transparent image needs .png or .tif), then the
    content is loaded and the image rendered; a blank image is refused; the file
    is written atomically (none, or the old one, is left on a failure).

    Parameters
    ----------
    snapshot : SceneSnapshot
    path : str or Path
    options : ImageOptions
    content : Content, optional
        Names and captions; the snapshot's pack (or the built-in content) in its language when None.
    model : BrainModel, optional
        The meshes, when already loaded.

    Returns
    -------
    Path
        The absolute path written.

    Raises
    ------
    viewer.scene.image_output.UnsupportedFormatError
        An unsupported extension, or a transparent image asked in .jpg or .bmp (before rendering).
    viewer.scene.image_output.OutputError
        The path cannot be written, the image came out blank, or the write failed.
    viewer.scene.tiled_render.RenderError
        The renderer failed.
    """
    from viewer.scene.image_output import check_output_path, write_image
    from viewer.scene.offscreen_render import OffscreenRenderer

    check_output_path(path, options.transparent)
    if content is None:
        content = load_export_content(snapshot)
    with OffscreenRenderer(snapshot, model) as renderer:
        image = compose(renderer, options, content)
    return write_image(image, path, transparent=options.transparent)


def copy_view_image(pixels) -> QImage:
    """The 3D view's pixels (``BrainView.snapshot()``: (h, w, 3 or 4) uint8) as a QImage of its own."""
    from viewer.exports.overlays import to_qimage

    return to_qimage(np.asarray(pixels))


def copy_to_clipboard(pixels) -> QImage:
    """Put the 3D view's pixels on the clipboard as an image (Copy image); returns the QImage put there."""
    from PySide6.QtGui import QGuiApplication

    image = copy_view_image(pixels)
    QGuiApplication.clipboard().setImage(image)
    return image
