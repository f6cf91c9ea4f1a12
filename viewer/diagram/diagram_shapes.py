"""The shapes of the mechanism diagram's elements, drawn with QPainter in canvas units.

Meaning is carried by shape as well as colour:

* a cell (neuron, spine, terminal) is a membrane silhouette; its firing is a
  spike raster beside its axon (many ticks when active, a few when normal,
  none when quiet), and a quiet cell is grey with a thin outline;
* a receptor is an ion channel of two subunits across the membrane: open
  (wider pore, an ion arrow through it) when active, a dashed outline when
  blocked; the blocker is a plug drawn in the pore;
* released molecules are dots whose number grows with activity, with a
  shape per role (circles for glutamate, squares for GABA, diamonds for
  BDNF);
* TrkB is a receptor pair with binding heads; mTORC1 a protein complex
  that radiates when active; a signal is an arrow.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF

from atlases.teaching.mechanism_diagram import DiagramElement, ElementLook
from viewer.diagram.diagram_style import LINE_UNITS, DiagramPalette, outline_width
from viewer.scene.themes import mix

#: Kinds drawn as membrane: outlines of all first, then fills, so joined parts (a spine on its
#: dendrite) show one continuous membrane.
MEMBRANE_KINDS = ("interneuron", "pyramidal", "terminal", "spine", "spines")
_GOLDEN_ANGLE = math.pi * (3.0 - math.sqrt(5.0))


def smooth_path(points, closed: bool = False) -> QPainterPath:
    """A path through ``points`` with rounded corners (quadratic curves through the midpoints)."""
    pts = [QPointF(*p) for p in points]
    path = QPainterPath()
    if closed:
        mids = [(pts[i] + pts[(i + 1) % len(pts)]) / 2 for i in range(len(pts))]
        path.moveTo(mids[-1])
        for i, p in enumerate(pts):
            path.quadTo(p, mids[i])
        path.closeSubpath()
        return path
    path.moveTo(pts[0])
    for i in range(1, len(pts) - 1):
        path.quadTo(pts[i], (pts[i] + pts[i + 1]) / 2)
    path.lineTo(pts[-1])
    return path


def _stroke(path: QPainterPath, width: float) -> QPainterPath:
    stroker = QPainterPathStroker()
    stroker.setWidth(width)
    stroker.setCapStyle(Qt.PenCapStyle.RoundCap)
    stroker.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return stroker.createStroke(path)


def _circle(center, radius: float) -> QPainterPath:
    path = QPainterPath()
    path.addEllipse(QPointF(*center), radius, radius)
    return path


def _tapered(points, w0: float, w1: float) -> QPainterPath:
    """A dendrite from ``points[0]`` (width ``w0``) to ``points[-1]`` (width ``w1``), with a round tip."""
    left, right = [], []
    n = len(points)
    for i, (x, y) in enumerate(points):
        a, b = points[max(0, i - 1)], points[min(n - 1, i + 1)]
        dx, dy = b[0] - a[0], b[1] - a[1]
        length = math.hypot(dx, dy) or 1.0
        nx, ny = -dy / length, dx / length
        half = (w0 + (w1 - w0) * i / max(1, n - 1)) / 2
        left.append(QPointF(x + nx * half, y + ny * half))
        right.append(QPointF(x - nx * half, y - ny * half))
    path = QPainterPath()
    path.addPolygon(QPolygonF(left + right[::-1]))
    path.closeSubpath()
    return path.united(_circle(points[-1], w1 / 2))


def membrane_shape(element: DiagramElement) -> QPainterPath:
    """The silhouette of a membrane element (one of :data:`MEMBRANE_KINDS`)."""
    shape = _membrane_shape(element).simplified()
    shape.setFillRule(Qt.FillRule.WindingFill)
    return shape


def _membrane_shape(element: DiagramElement) -> QPainterPath:
    g = element.geometry
    if element.kind == "interneuron":
        shape = _circle(g["soma"], g["radius"])
        for dendrite in g["dendrites"]:
            shape = shape.united(_tapered(dendrite, 30, 12))
        shape = shape.united(_stroke(smooth_path(g["axon"]), 12))
        return shape.united(_circle(g["terminal"], g["terminal_radius"]))
    if element.kind == "pyramidal":
        shape = smooth_path(g["soma"], closed=True)
        shape = shape.united(_tapered(g["apical"], g["apical_width"], g["apical_width"] * 0.45))
        for dendrite in g["basal"]:
            shape = shape.united(_tapered(dendrite, 26, 10))
        return shape.united(_stroke(smooth_path(g["axon"]), 11))
    if element.kind == "terminal":
        return _circle(g["bouton"], g["radius"]).united(_stroke(smooth_path(g["axon"]), 14))
    necks = [(g["base"], g["head"])] if element.kind == "spine" else list(g["spines"])
    radius = g["head_radius"]
    shape = QPainterPath()
    for base, head in necks:
        shape = shape.united(_stroke(smooth_path([base, head]), max(10.0, radius * 0.32)))
        shape = shape.united(_circle(head, radius))
    return shape


def draw_halo(painter: QPainter, element: DiagramElement, shape: QPainterPath | None, colour: str,
              amount: float) -> None:
    """The emphasis of a changed element: a wide soft band around it."""
    if amount <= 0.01:
        return
    halo = QColor(colour)
    halo.setAlphaF(0.6 * amount)
    pen = QPen(halo, LINE_UNITS * 4.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if shape is not None:
        painter.drawPath(shape)


def draw_membrane_outline(painter: QPainter, element: DiagramElement, shape: QPainterPath, colour: str,
                          look: ElementLook) -> None:
    """Pass 1 of a membrane: a stroke twice the outline's width (the fill then covers its inner half).

    Small spines get a lighter outline, so that their thin necks still show their fill.
    """
    base = LINE_UNITS * (0.65 if element.kind == "spines" else 1.0)
    painter.setPen(QPen(QColor(colour), 2 * outline_width(look, base), Qt.PenStyle.SolidLine,
                        Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(shape)


def draw_membrane_fill(painter: QPainter, shape: QPainterPath, colour: str) -> None:
    """Pass 2 of a membrane: the fill."""
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(QColor(colour)))
    painter.drawPath(shape)


def draw_membrane_details(painter: QPainter, element: DiagramElement, look: ElementLook,
                          palette: DiagramPalette) -> None:
    """What sits on a membrane element: vesicles in a terminal, a neuron's nucleus and spike raster."""
    g = element.geometry
    ink = QColor(palette.outline(element.role, look))
    if element.kind in ("interneuron", "terminal"):
        center, radius = (g["terminal"], g["terminal_radius"]) if element.kind == "interneuron" else \
            (g["bouton"], g["radius"])
        painter.setPen(QPen(ink, LINE_UNITS * 0.45))
        painter.setBrush(QBrush(QColor(palette.fill(element.role, look))))
        for i in range(5):
            angle = i * 2 * math.pi / 5 + 0.4
            r = radius * 0.5
            painter.drawEllipse(QPointF(center[0] + r * math.cos(angle), center[1] + r * math.sin(angle)),
                                radius * 0.17, radius * 0.17)
    if "nucleus" in g:
        painter.setPen(QPen(ink, LINE_UNITS * 0.4))
        painter.setBrush(QBrush(QColor(mix(palette.fill(element.role, look), palette.outline(element.role, look),
                                           0.25))))
        painter.drawEllipse(QPointF(*g["nucleus"]), g["nucleus_radius"], g["nucleus_radius"])
    if "raster" in g:
        _draw_raster(painter, g["raster"], look, ink)


def _draw_raster(painter: QPainter, at, look: ElementLook, ink: QColor) -> None:
    """A spike raster: a baseline with one tick per spike (2 normal, 6 active; none when quiet)."""
    spikes = round((2 + 4 * look.active) * (1 - look.dimmed))
    if spikes == 0:  # a quiet cell shows no raster at all (a bare baseline reads as a stray line)
        return
    x0, y0 = at
    width = 130.0
    painter.setPen(QPen(ink, LINE_UNITS * 0.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawLine(QPointF(x0, y0), QPointF(x0 + width, y0))
    painter.setPen(QPen(ink, LINE_UNITS * 0.75, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    for i in range(spikes):
        x = x0 + width * (i + 0.5) / max(spikes, 1)
        painter.drawLine(QPointF(x, y0), QPointF(x, y0 - 42))


def channel_shape(element: DiagramElement, look: ElementLook) -> QPainterPath:
    """The two subunits of a channel, in canvas units (for the halo)."""
    g = element.geometry
    path = _channel_local(g["size"], look)
    return _placed(path, g["at"], g["angle"])


def _channel_local(size: float, look: ElementLook) -> QPainterPath:
    pore = size * (0.16 + 0.12 * look.active)
    sub = size * 0.42
    path = QPainterPath()
    for sign in (-1, 1):
        top = pore / 2 if sign > 0 else -pore / 2 - sub
        path.addRoundedRect(QRectF(-size * 0.6, top, size * 1.2, sub), sub * 0.4, sub * 0.4)
    return path


def _placed(path: QPainterPath, at, angle: float) -> QPainterPath:
    from PySide6.QtGui import QTransform

    transform = QTransform()
    transform.translate(*at)
    transform.rotate(angle)
    return transform.map(path)


def draw_channel(painter: QPainter, element: DiagramElement, look: ElementLook, palette: DiagramPalette) -> None:
    """A receptor channel: two subunits across the membrane; open when active, dashed when blocked."""
    g = element.geometry
    size = g["size"]
    painter.save()
    painter.translate(*g["at"])
    painter.rotate(g["angle"])
    style = Qt.PenStyle.DashLine if look.blocked >= 0.5 else Qt.PenStyle.SolidLine
    pen = QPen(QColor(palette.outline(element.role, look)), outline_width(look, LINE_UNITS * 0.7), style,
               Qt.PenCapStyle.FlatCap, Qt.PenJoinStyle.RoundJoin)
    if style == Qt.PenStyle.DashLine:
        pen.setDashPattern([1.6, 1.2])   # in pen widths: short dashes that a small channel still shows
    painter.setPen(pen)
    painter.setBrush(QBrush(QColor(palette.fill(element.role, look))))
    painter.drawPath(_channel_local(size, look))
    if look.active > 0.01:  # ions flowing in: an arrow through the pore, from outside (+x) to inside
        ink = QColor(palette.text)
        ink.setAlphaF(look.active)
        _arrow(painter, [(size * 1.1, 0.0), (-size * 1.0, 0.0)], ink, LINE_UNITS * 0.6, "arrow", 14)
    painter.restore()


def draw_blocker(painter: QPainter, element: DiagramElement, look: ElementLook, palette: DiagramPalette,
                 targets: list[DiagramElement]) -> None:
    """The blocker: a plug in the pore of each target channel."""
    fill = QColor(palette.strong(element.role, look))
    for target in targets:
        g = target.geometry
        size = g["size"]
        painter.save()
        painter.translate(*g["at"])
        painter.rotate(g["angle"])
        painter.setPen(QPen(QColor(palette.text), outline_width(look, LINE_UNITS * 0.5)))
        painter.setBrush(QBrush(fill))
        painter.drawPolygon(_plug(size))
        painter.restore()


def _plug(size: float) -> QPolygonF:
    """A plug in a channel's pore, sticking out of its outer (+x) end."""
    return QPolygonF([QPointF(size * 0.85, 0), QPointF(size * 0.35, -size * 0.22), QPointF(-size * 0.15, 0),
                      QPointF(size * 0.35, size * 0.22)])


def blocker_shape(targets: list[DiagramElement]) -> QPainterPath:
    """The plugs' outline, for the halo."""
    path = QPainterPath()
    for target in targets:
        g = target.geometry
        plug = QPainterPath()
        plug.addPolygon(_plug(g["size"]))
        path = path.united(_placed(plug, g["at"], g["angle"]))
    return path


def dot_positions(element: DiagramElement, look: ElementLook) -> list[tuple[float, float]]:
    """Where the dots of a release cloud are: more of them when active, fewer when dimmed."""
    g = element.geometry
    count = g["count"]
    shown = max(1, round(count * (0.35 + 0.65 * look.active) * (1 - 0.6 * look.dimmed)))
    cx, cy = g["at"]
    spread = g["spread"]
    return [(cx + spread * math.sqrt((i + 0.5) / count) * math.cos(i * _GOLDEN_ANGLE),
             cy + spread * math.sqrt((i + 0.5) / count) * math.sin(i * _GOLDEN_ANGLE)) for i in range(shown)]


def draw_dots(painter: QPainter, element: DiagramElement, look: ElementLook, palette: DiagramPalette) -> None:
    """Released molecules: circles (transmitter), squares (inhibitory), diamonds (growth factor)."""
    painter.setPen(QPen(QColor(palette.text), LINE_UNITS * 0.3))
    painter.setBrush(QBrush(QColor(palette.strong(element.role, look))))
    r = 10.0
    for x, y in dot_positions(element, look):
        if element.role == "inhibitory":
            painter.drawRect(QRectF(x - r, y - r, 2 * r, 2 * r))
        elif element.role == "growth":
            painter.drawPolygon(QPolygonF([QPointF(x, y - r * 1.3), QPointF(x + r * 1.3, y),
                                           QPointF(x, y + r * 1.3), QPointF(x - r * 1.3, y)]))
        else:
            painter.drawEllipse(QPointF(x, y), r, r)


def draw_tk_receptor(painter: QPainter, element: DiagramElement, look: ElementLook,
                     palette: DiagramPalette) -> None:
    """A receptor pair across the membrane, with binding heads outside (+x) and kinase ends inside."""
    g = element.geometry
    size = g["size"]
    painter.save()
    painter.translate(*g["at"])
    painter.rotate(g["angle"])
    painter.setPen(QPen(QColor(palette.outline(element.role, look)), outline_width(look, LINE_UNITS * 0.6)))
    painter.setBrush(QBrush(QColor(palette.fill(element.role, look))))
    for sign in (-1, 1):
        y = sign * size * 0.22
        painter.drawRoundedRect(QRectF(-size * 0.7, y - size * 0.1, size * 1.3, size * 0.2), 4, 4)
        painter.drawEllipse(QPointF(size * 0.75, y), size * 0.22, size * 0.22)
        painter.drawRect(QRectF(-size * 0.95, y - size * 0.16, size * 0.3, size * 0.32))
    if look.active > 0.01:  # a bound ligand between the heads
        painter.setBrush(QBrush(QColor(palette.strong(element.role, look))))
        painter.drawEllipse(QPointF(size * 0.95, 0), size * 0.16, size * 0.16)
    painter.restore()


def tk_shape(element: DiagramElement) -> QPainterPath:
    g = element.geometry
    return _circle(g["at"], g["size"])


def draw_complex(painter: QPainter, element: DiagramElement, look: ElementLook, palette: DiagramPalette) -> None:
    """A protein complex: overlapping subunits; rays around it when active."""
    g = element.geometry
    (cx, cy), r = g["at"], g["radius"]
    ink = QColor(palette.outline(element.role, look))
    if look.active > 0.01:
        rays = QColor(palette.strong(element.role, look))
        rays.setAlphaF(look.active)
        painter.setPen(QPen(rays, LINE_UNITS * 0.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        for i in range(8):
            a = i * math.pi / 4
            painter.drawLine(QPointF(cx + 1.9 * r * math.cos(a), cy + 1.9 * r * math.sin(a)),
                             QPointF(cx + 2.6 * r * math.cos(a), cy + 2.6 * r * math.sin(a)))
    painter.setPen(QPen(ink, outline_width(look, LINE_UNITS * 0.6)))
    painter.setBrush(QBrush(QColor(palette.fill(element.role, look))))
    for dx, dy in ((-0.55, -0.35), (0.55, -0.35), (0.0, 0.55)):
        painter.drawEllipse(QPointF(cx + dx * r, cy + dy * r), r * 0.75, r * 0.75)


def complex_shape(element: DiagramElement) -> QPainterPath:
    g = element.geometry
    return _circle(g["at"], g["radius"] * 1.4)


def _arrow(painter: QPainter, points, colour: QColor, width: float, head: str, head_size: float) -> None:
    path = smooth_path(points)
    painter.setPen(QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    (x0, y0), (x1, y1) = points[-2], points[-1]
    length = math.hypot(x1 - x0, y1 - y0) or 1.0
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    if head == "bar":
        painter.drawPath(path)
        painter.drawLine(QPointF(x1 - uy * head_size, y1 + ux * head_size),
                         QPointF(x1 + uy * head_size, y1 - ux * head_size))
        return
    # stop the line short of the tip so the head's point stays sharp
    shortened = [*points[:-1], (x1 - ux * head_size, y1 - uy * head_size)]
    painter.drawPath(smooth_path(shortened))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(colour))
    bx, by = x1 - ux * head_size * 1.8, y1 - uy * head_size * 1.8
    painter.drawPolygon(QPolygonF([QPointF(x1, y1), QPointF(bx - uy * head_size, by + ux * head_size),
                                   QPointF(bx + uy * head_size, by - ux * head_size)]))


def draw_arrow(painter: QPainter, element: DiagramElement, look: ElementLook, palette: DiagramPalette) -> None:
    """A signal: a thick arrow (solid when active, thinner and grey when quiet)."""
    g = element.geometry
    colour = QColor(palette.strong(element.role, look) if look.active > 0.5 or look.dimmed > 0.5
                    else palette.outline(element.role, look))
    _arrow(painter, list(g["path"]), colour, outline_width(look, LINE_UNITS), g["head"], 16)


def arrow_shape(element: DiagramElement) -> QPainterPath:
    return _stroke(smooth_path(element.geometry["path"]), 20)
