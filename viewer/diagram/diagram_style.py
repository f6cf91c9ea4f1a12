"""Colours, line widths and sizes of the mechanism diagram, from the theme.

The colours are the theme's (its background, text and cortex grey, and its
Okabe-Ito region colours) plus two more Okabe-Ito colours (blue and
vermillion), lighter on dark backgrounds; every meaning is also carried by a
shape (see :mod:`viewer.diagram.diagram_shapes`), never by colour alone.
No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass

from atlases.teaching.mechanism_diagram import ElementLook
from viewer.scene.themes import Theme, is_dark, mix, muted

#: A label's height in canvas units: 60 units of a 1600x1000 canvas are 28.5 px in a 760x560 inset.
LABEL_UNITS = 60.0
#: No label is drawn smaller than this (a thumbnail stays readable up close).
MIN_LABEL_PX = 11.0
#: The main outline width in canvas units: 9 units are 4.3 px in a 760x560 inset.
LINE_UNITS = 9.0

#: Okabe-Ito colours not among the themes' region colours: (on light, on dark backgrounds).
_BLUE = ("#0072B2", "#56B4E9")
_VERMILLION = ("#D55E00", "#F07A2E")
_YELLOW = "#F0E442"


#: The least and the most of the stage's width the inset takes (the brain keeps the rest).
INSET_SHARE, MAX_INSET_SHARE = 0.4, 0.55
#: The diagram's labels on a projector: this many pixels on a 1080-pixel-high screen, in proportion on others.
LECTURE_LABEL_PX_AT_1080 = 28.0


def inset_share(stage_width: int, screen_height: int, canvas_width: float) -> float:
    """The part of the stage's width the inset takes on a screen ``screen_height`` pixels high.

    At least :data:`INSET_SHARE`; wider where the diagram's labels would
    otherwise fall below :data:`LECTURE_LABEL_PX_AT_1080` in proportion to the
    screen (a 4:3 projector: 20 px on 768), but never more than
    :data:`MAX_INSET_SHARE`. The diagram is wider than high, so its width sets
    the label size.
    """
    if stage_width <= 0:
        return INSET_SHARE
    needed_px = LECTURE_LABEL_PX_AT_1080 * screen_height / 1080
    needed_width = needed_px / LABEL_UNITS * canvas_width
    return min(max(needed_width / stage_width, INSET_SHARE), MAX_INSET_SHARE)


def diagram_scale(rect_width: float, rect_height: float, canvas: tuple[float, float]) -> float:
    """Pixels per canvas unit when the canvas is fitted (aspect kept) into a rectangle."""
    return max(1e-6, min(rect_width / canvas[0], rect_height / canvas[1]))


def diagram_label_px(rect_height: float, rect_width: float | None = None,
                     canvas: tuple[float, float] = (1600.0, 1000.0)) -> float:
    """The label size rule: the pixel height of the diagram's labels in a rectangle.

    Labels are :data:`LABEL_UNITS` canvas units high, so they scale with the
    drawing (about 28.5 px in a 760x560 lecture inset, 65 px in a 1920x1080
    export), but never below :data:`MIN_LABEL_PX`.

    Parameters
    ----------
    rect_height : float
        Height of the rectangle the diagram is drawn in, in pixels.
    rect_width : float, optional
        Its width; without it only the height limits the drawing.
    canvas : tuple of float
        The diagram's canvas size (:attr:`MechanismDiagram.canvas`).

    Returns
    -------
    float
    """
    width = rect_width if rect_width is not None else rect_height * canvas[0] / canvas[1]
    return max(MIN_LABEL_PX, LABEL_UNITS * diagram_scale(width, rect_height, canvas))


@dataclass(frozen=True)
class DiagramPalette:
    """The diagram's colours for one theme (hex strings)."""

    background: str
    text: str
    grey: str
    roles: dict[str, str]
    halo: str   # the glow around what changed

    def muted_text(self) -> str:
        """Dimmed labels: the theme's secondary text (readable, see tests/viewer/widgets/test_theme_contrast.py)."""
        return muted(self.text, self.background)

    def role(self, role: str) -> str:
        return self.roles.get(role, self.text)

    def fill(self, role: str, look: ElementLook) -> str:
        """A shape's fill: pale when normal, strong when active, grey when dimmed."""
        base = self.role(role)
        normal = mix(base, self.background, 0.72)
        colour = mix(normal, mix(base, self.background, 0.2), look.active)
        return mix(colour, mix(self.grey, self.background, 0.55), look.dimmed)

    def outline(self, role: str, look: ElementLook) -> str:
        """A shape's outline: the role colour toward the text, grey when dimmed."""
        base = mix(self.role(role), self.text, 0.35 - 0.25 * look.active)
        return mix(base, self.grey, look.dimmed)

    def strong(self, role: str, look: ElementLook) -> str:
        """A solid mark (a dot, an arrow): the role colour, grey when dimmed."""
        return mix(self.role(role), self.grey, look.dimmed)


def diagram_palette(theme: Theme) -> DiagramPalette:
    """The diagram colours of ``theme``."""
    dark = is_dark(theme.background)
    roles = {
        "inhibitory": theme.regions["posteromedial_cortex"],   # reddish purple
        "excitatory": _BLUE[dark],
        "transmitter": theme.regions["prefrontal_cortex"],     # orange: glutamate, open channels
        "receptor": theme.regions["prefrontal_cortex"],
        "drug": _VERMILLION[dark],
        "growth": theme.regions["hippocampus"],                 # bluish green: BDNF, TrkB, mTORC1
    }
    grey = mix(theme.cortex, theme.text, 0.15 if dark else 0.0)
    # the Okabe-Ito yellow, like a highlighter pen (the halo is drawn translucent, under the shapes)
    return DiagramPalette(theme.background, theme.text, grey, roles, _YELLOW)


def outline_width(look: ElementLook, base: float = LINE_UNITS) -> float:
    """An outline's width: heavier when active or changed, thinner when dimmed."""
    return base * (1.0 + 0.25 * look.active - 0.4 * look.dimmed + 0.5 * look.emphasis)
