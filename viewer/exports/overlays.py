"""What an exported picture shows beside the 3D brain, painted with QPainter.

VTK's 2D overlays repeat in every tile of a large render, so an export's
region labels, legend, caption band and mechanism inset are painted here,
on the rendered pixels, at the image's own resolution:

* :func:`export_layout` splits the image into the brain's rectangle, the
  inset's (right of the brain; below it on a portrait image) and the caption
  band's (along the bottom), so nothing covers the brain.
* :func:`paint_labels` draws the window's callouts (box, frame, leader, ring,
  dot) where :func:`viewer.scene.label_placement.place_labels` puts them;
  :func:`paint_legend` a swatch and a name per region; :func:`paint_caption`
  a title and a text sized by :func:`viewer.lecture.band_fit.fit_band`;
  :func:`paint_inset` one step of the mechanism diagram.

Every text may come from a stranger's content pack: it is drawn with
``QPainter.drawText`` (never markup), stripped of control characters, cut to
a bounded length before it is measured, and elided to fit its box.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QImage, QPainter, QPen

from viewer.diagram.diagram_style import INSET_SHARE, inset_share
from viewer.exports.caption_overlay import fit_caption, paint_caption
from viewer.exports.overlay_text import elided, pixel_font, plain_line
from viewer.scene.label_placement import Placement, place_labels
from viewer.scene.region_labels import MAX_BOX_SHARE, LabelStyle
from viewer.scene.themes import Theme, is_dark, mix, muted
from viewer.scene.tiled_render import MIN_SIDE

#: The caption band's share of the image's height.
CAPTION_SHARE = 0.2
#: The inset's share of a portrait image's height (it goes below the brain there).
PORTRAIT_INSET_SHARE = 0.4
#: Label text size on a 1920x1080 image (the window's lecture size); in proportion to the shorter side on others.
LABEL_PX_AT_1080 = 28
#: The smallest label and legend text (px).
MIN_TEXT_PX = 9
#: Longest name drawn (characters); longer ones are cut before they are measured.
MAX_NAME_CHARS = 200
#: The legend's widest name, as a share of the area's width.
LEGEND_NAME_SHARE = 0.3


class Rect(NamedTuple):
    """A rectangle in image pixels (origin top-left)."""

    x: int
    y: int
    w: int
    h: int

    def qrectf(self) -> QRectF:
        return QRectF(self.x, self.y, self.w, self.h)


@dataclass(frozen=True)
class ExportLayout:
    """Where each part of an exported image goes; ``inset`` and ``caption`` are None when not drawn."""

    size: tuple[int, int]
    brain: Rect
    inset: Rect | None
    caption: Rect | None


@dataclass(frozen=True)
class LabelBox:
    """A painted label: its box (x, y, w, h) and anchor (x, y) in image pixels, and the name as drawn."""

    region: str
    box: tuple[float, float, float, float]
    anchor: tuple[float, float]
    text: str


def export_layout(size: tuple[int, int], caption: bool, inset: bool,
                  canvas_width: float | None = None) -> ExportLayout:
    """Split an image of ``size`` into the brain, the inset and the caption band.

    Parameters
    ----------
    size : (int, int)
        The image's width and height.
    caption, inset : bool
        Whether a caption band and a mechanism inset are drawn.
    canvas_width : float, optional
        The diagram's canvas width: the inset is widened as in lecture mode
        (:func:`viewer.diagram.diagram_style.inset_share`); :data:`INSET_SHARE` without it.

    Returns
    -------
    ExportLayout
        The brain keeps at least :data:`MIN_SIDE` pixels a side.
    """
    width, height = (int(v) for v in size)
    band = min(round(CAPTION_SHARE * height), max(0, height - MIN_SIDE)) if caption else 0
    caption_rect = Rect(0, height - band, width, band) if band > 0 else None
    top = height - band
    inset_rect = None
    brain = Rect(0, 0, width, top)
    if inset and width >= height:
        share = inset_share(width, height, canvas_width) if canvas_width else INSET_SHARE
        side = min(round(share * width), max(0, width - MIN_SIDE))
        if side > 0:
            brain, inset_rect = Rect(0, 0, width - side, top), Rect(width - side, 0, side, top)
    elif inset:
        side = min(round(PORTRAIT_INSET_SHARE * top), max(0, top - MIN_SIDE))
        if side > 0:
            brain, inset_rect = Rect(0, 0, width, top - side), Rect(0, top - side, width, side)
    return ExportLayout((width, height), brain, inset_rect, caption_rect)


def label_px(scale: float) -> int:
    """Label text size (px) for ``scale`` (:func:`text_scale`)."""
    scale = float(scale) if math.isfinite(scale) and scale > 0 else 1.0
    return max(MIN_TEXT_PX, round(LABEL_PX_AT_1080 * scale))


# labels ------------------------------------------------------------------------------------------
def paint_labels(painter: QPainter, anchors: dict, names: dict[str, str], theme: Theme, scale: float, *,
                 area: QRectF | None = None, brain: tuple[float, float] | None = None,
                 emphasised: str | None = None) -> list[LabelBox]:
    """Paint the region labels: a framed name box beside the brain and a leader line to each anchor.

    Parameters
    ----------
    painter : QPainter
        Active on the image.
    anchors : dict of str to (x, y)
        Where each label points, in ``area``'s pixels (origin top-left).
    names : dict of str to str
        Region id to its name (untrusted; drawn as plain text, shortened with "…" to fit).
    theme : Theme
    scale : float
        The image's shorter side / 1080 (:func:`text_scale`): the text is :data:`LABEL_PX_AT_1080` times this.
    area : QRectF, optional
        Where the labels go (default: the whole image).
    brain : (left, right), optional
        The brain's horizontal extent in ``area``'s pixels: the boxes keep clear of it.
    emphasised : str, optional
        The selected region: its box is filled with its colour.

    Returns
    -------
    list of LabelBox
        The labels painted, in image pixels.
    """
    device = painter.device()
    if area is None:
        area = QRectF(0, 0, device.width(), device.height())
    font_px = label_px(scale)
    style = LabelStyle.for_theme(theme, font_px)
    font = pixel_font(font_px, bold=True)
    metrics = QFontMetricsF(font)
    max_text = MAX_BOX_SHARE * area.width() - 2 * style.pad
    texts, sizes = {}, {}
    for region_id in anchors:
        if region_id not in names or region_id not in theme.regions:
            continue
        text = elided(metrics, plain_line(names[region_id], MAX_NAME_CHARS), max_text)
        texts[region_id] = text
        sizes[region_id] = (metrics.horizontalAdvance(text) + 2 * style.pad,
                            max(metrics.height(), font_px) + 1.3 * style.pad)
    h = area.height()
    flipped = {r: (float(x), h - float(y)) for r, (x, y) in anchors.items() if r in texts}
    placements = place_labels(flipped, sizes, (area.width(), h), brain, font_px)
    painted = []
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.translate(area.topLeft())
    painter.setFont(font)
    for region_id, placement in placements.items():
        _paint_callout(painter, placement, h, theme.regions[region_id], style, texts[region_id],
                       region_id == emphasised)
        b = placement.box
        painted.append(LabelBox(region_id, (area.x() + b.left, area.y() + h - b.top, b.w, b.h),
                                (area.x() + placement.anchor[0], area.y() + h - placement.anchor[1]),
                                texts[region_id]))
    painter.restore()
    return painted


def _paint_callout(painter: QPainter, placement: Placement, height: float, color: str, style: LabelStyle,
                   text: str, emphasised: bool) -> None:
    """One label as the window draws it (:class:`viewer.scene.region_labels._Callout`), origin top-left."""
    b = placement.box
    box = QRectF(b.left, height - b.top, b.w, b.h)
    anchor = QPointF(placement.anchor[0], height - placement.anchor[1])
    edge = QPointF(placement.edge[0], height - placement.edge[1])
    line = style.line_width
    painter.setPen(QPen(QColor(color), line))
    painter.drawLine(anchor, edge)
    fill = QColor(color if emphasised else style.fill)
    if not emphasised:
        fill.setAlphaF(0.88)
    painter.setPen(QPen(QColor(color), line * 1.3))
    painter.setBrush(QBrush(fill))
    painter.drawRect(box)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(QColor(style.ring)))
    painter.drawEllipse(anchor, style.dot_radius + line, style.dot_radius + line)
    painter.setBrush(QBrush(QColor(color)))
    painter.drawEllipse(anchor, style.dot_radius, style.dot_radius)
    ink = ("#FFFFFF" if is_dark(color) else "#000000") if emphasised else style.text
    painter.setPen(QColor(ink))
    painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextSingleLine), text)


# legend ------------------------------------------------------------------------------------------
#: Where a legend may go in its area, in the order tried when they cover the brain equally.
LEGEND_CORNERS = ("bottom-left", "bottom-right", "top-left", "top-right")


def _legend_metrics(items: list[tuple[str, str]], scale: float, area: QRectF):
    px = max(MIN_TEXT_PX, round(0.8 * label_px(scale)))
    font = pixel_font(px)
    metrics = QFontMetricsF(font)
    pad, row = 0.6 * px, max(metrics.height(), px) * 1.35
    names = [elided(metrics, plain_line(name, MAX_NAME_CHARS), LEGEND_NAME_SHARE * area.width())
             for name, _ in items]
    width = 2 * pad + px * 1.6 + max(metrics.horizontalAdvance(n) for n in names)
    height = 2 * pad + row * len(items)
    return px, font, pad, row, names, min(width, area.width()), min(height, area.height())


def legend_box(area: QRectF, items: list[tuple[str, str]], scale: float, corner: str = "bottom-left") -> QRectF:
    """Where :func:`paint_legend` puts the legend of ``items`` in ``corner`` of ``area`` (empty without items)."""
    if not items:
        return QRectF()
    if corner not in LEGEND_CORNERS:
        raise ValueError(f"corner must be one of {', '.join(LEGEND_CORNERS)}, not {corner!r}")
    _, _, pad, _, _, width, height = _legend_metrics(items, scale, area)
    pad = min(pad, (area.width() - width) / 2, (area.height() - height) / 2)
    x = area.left() + pad if corner.endswith("left") else area.right() - pad - width
    y = area.top() + pad if corner.startswith("top") else area.bottom() - pad - height
    return QRectF(x, y, width, height)


def paint_legend(painter: QPainter, area: QRectF, items: list[tuple[str, str]], theme: Theme,
                 scale: float, corner: str = "bottom-left") -> QRectF:
    """Paint a legend (a colour swatch and a name per item) in a corner of ``area``.

    Parameters
    ----------
    painter : QPainter
    area : QRectF
        The brain's rectangle.
    items : list of (name, "#RRGGBB")
        Names are untrusted (plain text, shortened to fit).
    theme : Theme
    scale : float
        The image's shorter side / 1080 (:func:`text_scale`).
    corner : str
        One of :data:`LEGEND_CORNERS` (:func:`quietest_corner` finds the one that covers the least brain).

    Returns
    -------
    QRectF
        The legend's box (empty when there is nothing to show).
    """
    box = legend_box(area, items, scale, corner)
    if box.isEmpty():
        return box
    px, font, pad, row, names, _, _ = _legend_metrics(items, scale, area)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.setClipRect(area)
    fill = QColor(mix(theme.background, theme.text, 0.06))
    fill.setAlphaF(0.88)
    painter.setPen(QPen(QColor(muted(theme.text, theme.background)), max(1.0, px / 12)))
    painter.setBrush(QBrush(fill))
    painter.drawRect(box)
    painter.setFont(font)
    for i, (name, (_, color)) in enumerate(zip(names, items, strict=True)):
        top = box.top() + pad + i * row
        swatch = QRectF(box.left() + pad, top + (row - px) / 2, px, px)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(QColor(color)))
        painter.drawRect(swatch)
        painter.setPen(QColor(theme.text))
        text_rect = QRectF(swatch.right() + 0.6 * px, top, box.right() - swatch.right() - 0.6 * px - pad, row)
        painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                                        | Qt.TextFlag.TextSingleLine), name)
    painter.restore()
    return box


def drawn_mask(pixels: np.ndarray) -> np.ndarray:
    """Where a render shows something: alpha above 0, or (opaque) a colour unlike both ends of its row.

    The background's gradient is vertical, so each row's background is one colour; the view is
    fitted with a margin, so a row's first and last pixels are background.
    """
    if pixels.shape[2] == 4:
        return pixels[..., 3] > 0
    p = pixels.astype(np.int16)
    return (np.abs(p - p[:, :1]).max(axis=2) > 8) & (np.abs(p - p[:, -1:]).max(axis=2) > 8)


def quietest_corner(drawn: np.ndarray, items: list[tuple[str, str]], scale: float,
                    taken: list[QRectF] | tuple = ()) -> str:
    """The corner of a render where a legend covers no label box and the fewest drawn pixels.

    Parameters
    ----------
    drawn : numpy.ndarray
        (height, width) bool, :func:`drawn_mask` of the render.
    items : list of (name, colour)
    scale : float
    taken : list of QRectF
        Boxes already painted over the render (the labels'), in its pixels.
    """
    area = QRectF(0, 0, drawn.shape[1], drawn.shape[0])

    def cost(corner: str) -> tuple[int, int, int]:
        box = legend_box(area, items, scale, corner)
        r = box.toAlignedRect()
        covered = int(drawn[max(0, r.top()):r.bottom() + 1, max(0, r.left()):r.right() + 1].sum())
        return sum(box.intersects(t) for t in taken), covered, LEGEND_CORNERS.index(corner)

    return min(LEGEND_CORNERS, key=cost)


def text_scale(size: tuple[int, int]) -> float:
    """How large an image's overlay text is: its shorter side / 1080 (a portrait page's text fits its width)."""
    return max(1, min(int(size[0]), int(size[1]))) / 1080


# inset -------------------------------------------------------------------------------------------
def paint_inset(painter: QPainter, rect: QRectF, diagram, step: str, rival: bool, theme: Theme) -> None:
    """Paint one step of the mechanism diagram on the theme's background in ``rect``.

    Parameters
    ----------
    painter : QPainter
    rect : QRectF
    diagram : MechanismDiagram
    step : str
        A mechanism step id (an unknown one raises :class:`~atlases.errors.UnknownNameError`).
    rival : bool
        The rival model's variant, where the step has one.
    theme : Theme
    """
    from viewer.diagram.diagram_painter import paint_diagram

    frame = diagram.frame(step, rival)
    painter.fillRect(rect, QColor(theme.background))
    margin = 0.04 * min(rect.width(), rect.height())
    paint_diagram(painter, rect.adjusted(margin, margin, -margin, -margin), diagram, frame, theme)


# pixels ------------------------------------------------------------------------------------------
def to_qimage(pixels: np.ndarray) -> QImage:
    """A (height, width, 3 or 4) uint8 array (RGBA: straight alpha) as a QImage of its own."""
    a = np.ascontiguousarray(pixels)
    if a.dtype != np.uint8 or a.ndim != 3 or a.shape[2] not in (3, 4):
        raise ValueError(f"not an 8-bit RGB or RGBA image (dtype {a.dtype}, shape {a.shape})")
    h, w, channels = a.shape
    fmt = QImage.Format.Format_RGB888 if channels == 3 else QImage.Format.Format_RGBA8888
    return QImage(a.data, w, h, w * channels, fmt).copy()


def from_qimage(image: QImage, alpha: bool = False) -> np.ndarray:
    """A QImage as (height, width, 3) uint8, or (height, width, 4) with straight alpha; top row first."""
    fmt = QImage.Format.Format_RGBA8888 if alpha else QImage.Format.Format_RGB888
    channels = 4 if alpha else 3
    converted = image.convertToFormat(fmt)
    w, h, stride = converted.width(), converted.height(), converted.bytesPerLine()
    data = np.frombuffer(converted.constBits(), np.uint8, count=stride * h).reshape(h, stride)
    return data[:, :w * channels].reshape(h, w, channels).copy()


__all__ = ["CAPTION_SHARE", "ExportLayout", "LabelBox", "Rect", "export_layout", "fit_caption",
           "from_qimage", "label_px", "paint_caption", "paint_inset", "paint_labels", "paint_legend",
           "plain_line", "to_qimage"]
