"""Drawing the mechanism diagram with QPainter: one frame into any rectangle or image.

:func:`paint_diagram` fits the canvas into a rectangle (aspect kept, centred)
and draws, in order: the halos of what changed, the membranes (outlines,
then fills, so a spine and its dendrite share one membrane), the other
elements, the labels with their leader lines, and the markers: the species
badges, the hypothesis frame and word, the rival-model word and the change
label in its box. Texts from the content files are drawn with
``QPainter.drawText``, which never reads them as markup.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPainter, QPainterPath, QPen

from atlases.teaching.mechanism_diagram import DiagramElement, DiagramFrame, ElementLook, MechanismDiagram
from viewer.diagram import diagram_shapes as shapes
from viewer.diagram.diagram_style import (
    LINE_UNITS,
    DiagramPalette,
    diagram_label_px,
    diagram_palette,
    diagram_scale,
)
from viewer.scene.themes import Theme

_HIDDEN = ElementLook(0.0, 0.0, 0.0, 0.0, 0.0)
#: The top band (species badges, markers) and the bottom band (change label), in canvas units.
_BADGE_TOP = 12.0
_PAD = 12.0

__all__ = ["diagram_label_px", "paint_diagram", "render_diagram"]


def paint_diagram(painter: QPainter, rect: QRectF, diagram: MechanismDiagram, frame: DiagramFrame, theme: Theme,
                  label_px: float | None = None) -> None:
    """Draw one frame of the diagram into ``rect``.

    Parameters
    ----------
    painter : QPainter
        Active on the target; its state is restored afterwards.
    rect : QRectF
        Where to draw; the canvas is fitted into it, aspect kept, centred.
        The background is not painted (the caller's widget or image has it).
    diagram : MechanismDiagram
    frame : DiagramFrame
        A step's frame, or one blended by ``interpolate_frames``.
    theme : Theme
        Gives the colours.
    label_px : float, optional
        The labels' pixel height; :func:`diagram_label_px` of ``rect`` when omitted.
    """
    cw, ch = diagram.canvas
    scale = diagram_scale(rect.width(), rect.height(), diagram.canvas)
    if label_px is None:
        label_px = diagram_label_px(rect.height(), rect.width(), diagram.canvas)
    palette = diagram_palette(theme)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.translate(rect.x() + (rect.width() - cw * scale) / 2, rect.y() + (rect.height() - ch * scale) / 2)
    painter.scale(scale, scale)
    units = label_px / scale
    looks = {e.id: frame.looks.get(e.id, _HIDDEN) for e in diagram.elements}
    _draw_elements(painter, diagram, looks, palette)
    _draw_labels(painter, diagram, looks, palette, units)
    _draw_markers(painter, diagram, frame, palette, units)
    painter.restore()


def render_diagram(diagram: MechanismDiagram, frame: DiagramFrame, size: tuple[int, int], theme: Theme) -> QImage:
    """The frame drawn on the theme's background in a new image of ``size`` (width, height) pixels."""
    image = QImage(int(size[0]), int(size[1]), QImage.Format.Format_RGB32)
    image.fill(QColor(theme.background))
    painter = QPainter(image)
    try:
        paint_diagram(painter, QRectF(0, 0, size[0], size[1]), diagram, frame, theme)
    finally:
        painter.end()
    return image


# the elements ---------------------------------------------------------------------------------
def _shape(diagram: MechanismDiagram, element: DiagramElement, look: ElementLook) -> QPainterPath | None:
    if element.kind in shapes.MEMBRANE_KINDS:
        return shapes.membrane_shape(element)
    if element.kind == "channel":
        return shapes.channel_shape(element, look)
    if element.kind == "blocker":
        return shapes.blocker_shape(_targets(diagram, element))
    if element.kind == "tk_receptor":
        return shapes.tk_shape(element)
    if element.kind == "complex":
        return shapes.complex_shape(element)
    if element.kind == "arrow":
        return shapes.arrow_shape(element)
    if element.kind == "dots":
        path = QPainterPath()
        for x, y in shapes.dot_positions(element, look):
            path.addEllipse(QPointF(x, y), 10, 10)
        return path
    return None


def _targets(diagram: MechanismDiagram, element: DiagramElement) -> list[DiagramElement]:
    return [diagram.element(t) for t in element.geometry.get("targets", ())]


def _halo(painter: QPainter, diagram: MechanismDiagram, element: DiagramElement, look: ElementLook,
          palette: DiagramPalette) -> None:
    if look.emphasis > 0.01:
        painter.setOpacity(look.visible)
        shapes.draw_halo(painter, element, _shape(diagram, element, look), palette.halo, look.emphasis)


def _draw_elements(painter: QPainter, diagram: MechanismDiagram, looks: dict[str, ElementLook],
                   palette: DiagramPalette) -> None:
    visible = [e for e in diagram.elements if looks[e.id].visible > 0.01]
    membranes = [e for e in visible if e.kind in shapes.MEMBRANE_KINDS]
    for e in membranes:  # behind every membrane; the other elements' halos just behind each of them
        _halo(painter, diagram, e, looks[e.id], palette)
    silhouettes = {e.id: shapes.membrane_shape(e) for e in membranes}
    for e in membranes:
        painter.setOpacity(looks[e.id].visible)
        shapes.draw_membrane_outline(painter, e, silhouettes[e.id], palette.outline(e.role, looks[e.id]),
                                     looks[e.id])
    for e in membranes:
        painter.setOpacity(looks[e.id].visible)
        shapes.draw_membrane_fill(painter, silhouettes[e.id], palette.fill(e.role, looks[e.id]))
    for e in membranes:
        painter.setOpacity(looks[e.id].visible)
        shapes.draw_membrane_details(painter, e, looks[e.id], palette)
    for e in visible:
        look = looks[e.id]
        if e.kind not in shapes.MEMBRANE_KINDS:
            _halo(painter, diagram, e, look, palette)
        painter.setOpacity(look.visible)
        if e.kind == "channel":
            shapes.draw_channel(painter, e, look, palette)
        elif e.kind == "blocker":
            shapes.draw_blocker(painter, e, look, palette, _targets(diagram, e))
        elif e.kind == "dots":
            shapes.draw_dots(painter, e, look, palette)
        elif e.kind == "tk_receptor":
            shapes.draw_tk_receptor(painter, e, look, palette)
        elif e.kind == "complex":
            shapes.draw_complex(painter, e, look, palette)
        elif e.kind == "arrow":
            shapes.draw_arrow(painter, e, look, palette)
    painter.setOpacity(1.0)


# the words ------------------------------------------------------------------------------------
def _font(units: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(max(1, round(units)))
    font.setBold(bold)
    return font


def _text_box(painter: QPainter, x: float, y: float, width: float, text: str,
              flags: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> QRectF:
    """The rectangle ``text`` takes when wrapped to ``width`` from (x, y)."""
    return painter.boundingRect(QRectF(x, y, width, 10_000), int(flags | Qt.TextFlag.TextWordWrap), text)


def _draw_labels(painter: QPainter, diagram: MechanismDiagram, looks: dict[str, ElementLook],
                 palette: DiagramPalette, units: float) -> None:
    painter.setFont(_font(units))
    plate = QColor(palette.background)
    plate.setAlphaF(0.82)
    for e in diagram.elements:
        look = looks[e.id]
        text = diagram.labels.get(e.id)
        if e.label_box is None or not text or look.visible <= 0.01:
            continue
        painter.setOpacity(look.visible)
        x, y, width = e.label_box
        box = _text_box(painter, x, y, width, text)
        ink = QColor(palette.muted_text() if look.dimmed > 0.5 else palette.text)
        if e.leader is not None:
            target = QPointF(*e.leader)
            start = QPointF(min(max(target.x(), box.left()), box.right()),
                            min(max(target.y(), box.top()), box.bottom()))
            painter.setPen(QPen(ink, LINE_UNITS * 0.4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawLine(QLineF(start, target))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(plate))
        painter.drawRoundedRect(box.adjusted(-6, -2, 6, 2), 8, 8)
        painter.setPen(QPen(ink))
        painter.drawText(box, int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap), text)
    painter.setOpacity(1.0)


def _badge(painter: QPainter, x: float, y: float, text: str, ink: str, fill: str, dashed: bool = False,
           right_aligned: bool = False) -> float:
    """A rounded box with a word at (x, y) (its right edge at x when ``right_aligned``); returns its width."""
    metrics = painter.fontMetrics()
    width = metrics.horizontalAdvance(text) + 2 * _PAD + 8
    height = metrics.height() + _PAD
    left = x - width if right_aligned else x
    style = Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine
    painter.setPen(QPen(QColor(ink), LINE_UNITS * 0.5, style))
    painter.setBrush(QBrush(QColor(fill)))
    box = QRectF(left, y, width, height)
    painter.drawRoundedRect(box, height * 0.3, height * 0.3)
    painter.setPen(QPen(QColor(ink)))
    painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)
    return width


def _draw_markers(painter: QPainter, diagram: MechanismDiagram, frame: DiagramFrame, palette: DiagramPalette,
                  units: float) -> None:
    cw, ch = diagram.canvas
    painter.setFont(_font(units))
    x = 16.0
    from viewer.scene.themes import mix

    badge_fill = mix(palette.text, palette.background, 0.9)
    for species in frame.species:
        x += _badge(painter, x, _BADGE_TOP, diagram.labels.get(f"species.{species}", species), palette.text,
                    badge_fill) + 14
    right = cw - 16.0
    if frame.hypothesis:  # a dashed frame around the whole drawing, and the word
        painter.setPen(QPen(QColor(palette.text), LINE_UNITS * 0.6, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(4, 4, cw - 8, ch - 8), 18, 18)
        painter.setFont(_font(units, bold=True))
        right -= _badge(painter, right, _BADGE_TOP, diagram.labels.get("marker.hypothesis", "Hypothesis"),
                        palette.text, palette.background, dashed=True, right_aligned=True) + 14
    if frame.variant == "rival":
        painter.setFont(_font(units, bold=True))
        _badge(painter, right, _BADGE_TOP, diagram.labels.get("marker.rival", "Rival model"),
               palette.background, palette.text, right_aligned=True)
    if frame.change_label:
        width = cw - 120
        # one line if it can be had for a slightly smaller font (a long translation), else wrapped
        for factor in (1.0, 0.9, 0.8):
            painter.setFont(_font(units * factor, bold=True))
            if painter.fontMetrics().horizontalAdvance(frame.change_label) <= width:
                break
        else:
            painter.setFont(_font(units, bold=True))
        box = _text_box(painter, 60, 0, width, frame.change_label, Qt.AlignmentFlag.AlignHCenter)
        box.moveBottom(ch - 22)
        painter.setPen(QPen(QColor(palette.text), LINE_UNITS * 0.5))
        painter.setBrush(QBrush(QColor(mix(palette.text, palette.background, 0.88))))
        painter.drawRoundedRect(box.adjusted(-24, -8, 24, 8), 14, 14)
        painter.setPen(QPen(QColor(palette.text)))
        painter.drawText(box, int(Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap), frame.change_label)
