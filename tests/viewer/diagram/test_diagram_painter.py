"""Drawing the mechanism diagram: every step on every theme, the label size rule, and shapes that carry meaning.

The frames are drawn at 1600x1000, the canvas's own size, so canvas units
are pixels and an element's box can be cut out of the image directly. A
change in an element's state must change its pixels, and, so that colour is
never the only cue, its pixels in grey too.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from atlases.teaching.content import load_content
from atlases.teaching.mechanism_diagram import ElementLook, load_mechanism_diagram
from viewer.scene.image_output import blank_reason
from viewer.scene.themes import get_theme, hex_to_rgb, themes

pytestmark = pytest.mark.gui
SIZE = (1600, 1000)


@pytest.fixture(scope="module")
def diagram():
    return load_mechanism_diagram(load_content())


def draw(diagram, frame, theme="light", size=SIZE) -> np.ndarray:
    from viewer.diagram.diagram_export import image_pixels
    from viewer.diagram.diagram_painter import render_diagram

    return image_pixels(render_diagram(diagram, frame, size, get_theme(theme))).astype(int)


def box(pixels: np.ndarray, x0: float, y0: float, x1: float, y1: float) -> np.ndarray:
    return pixels[int(y0):int(y1), int(x0):int(x1)]


def grey(pixels: np.ndarray) -> np.ndarray:
    return pixels @ np.array([0.299, 0.587, 0.114])


def differs(a: np.ndarray, b: np.ndarray, tolerance: float = 30) -> float:
    """The share of pixels that differ by more than ``tolerance`` (any channel, or in grey for 2-D arrays)."""
    diff = np.abs(a - b)
    if diff.ndim == 3:
        diff = diff.max(axis=-1)
    return float((diff > tolerance).mean())


def _without(frame, element_id, **change):
    looks = dict(frame.looks)
    looks[element_id] = dataclasses.replace(looks[element_id], **change)
    return dataclasses.replace(frame, looks=looks)


@pytest.mark.parametrize("theme", sorted(themes()))
def test_every_step_renders_on_every_theme(qapp, diagram, theme):
    background = np.array([round(c * 255) for c in hex_to_rgb(get_theme(theme).background)])
    for step_id in diagram.step_ids:
        for rival in (False, True) if diagram.has_rival(step_id) else (False,):
            pixels = draw(diagram, diagram.frame(step_id, rival), theme)
            assert blank_reason(pixels.astype(np.uint8)) is None, (theme, step_id)
            drawn = (np.abs(pixels - background).max(axis=-1) > 30).mean()
            assert drawn > 0.08, f"{theme}/{step_id}: only {drawn:.0%} of the image is drawn"


def test_label_size_rule():
    from viewer.diagram.diagram_style import LINE_UNITS, MIN_LABEL_PX, diagram_label_px, diagram_scale

    canvas = (1600.0, 1000.0)
    assert diagram_label_px(560, 760, canvas) >= 28          # the lecture inset on a 1080p projector
    assert diagram_label_px(1080, 1920, canvas) >= 28        # the whole 1080p screen
    assert LINE_UNITS * diagram_scale(760, 560, canvas) >= 4  # thick lines in the inset
    assert diagram_label_px(40, 60, canvas) == MIN_LABEL_PX   # a thumbnail keeps readable labels
    assert diagram_label_px(560, 760, canvas) < diagram_label_px(1080, 1920, canvas)
    assert diagram_label_px(560, canvas=canvas) == pytest.approx(diagram_label_px(560, 896, canvas))


def test_labels_are_drawn_at_the_rules_size(qapp, diagram):
    """The text in a label's box is about as tall as the rule says (ink of the first line)."""
    frame = diagram.frame("nmda_block")
    pixels = grey(draw(diagram, frame, size=(760, 475)))
    x, y, width = diagram.element("pyramidal").label_box
    scale = 760 / 1600
    rows = box(pixels, x * scale, y * scale, (x + width) * scale, (y + 70) * scale)
    ink = np.nonzero((np.abs(rows - rows.max()) > 80).any(axis=1))[0]
    assert ink.size and ink[-1] - ink[0] >= 0.85 * 28   # cap height plus descender of "Pyramidal": about 0.95 em


@pytest.mark.parametrize(("element_id", "step_a", "step_b"), [
    ("interneuron", "nmda_block", "disinhibition"),        # normal -> quiet
    ("pyramidal", "nmda_block", "disinhibition"),          # normal -> active
    ("nmda_interneuron", "disinhibition", "mtorc1"),       # blocked -> dim
    ("ampa", "glutamate_surge", "ampa_activation"),        # normal -> active
    ("new_spines", "mtorc1", "synaptogenesis"),            # hidden -> active
])
def test_a_changed_element_is_drawn_differently_also_in_grey(qapp, diagram, element_id, step_a, step_b):
    element = diagram.element(element_id)
    a, b = draw(diagram, diagram.frame(step_a)), draw(diagram, diagram.frame(step_b))
    x0, y0, x1, y1 = _bounds(element)
    assert differs(box(a, x0, y0, x1, y1), box(b, x0, y0, x1, y1)) > 0.05
    assert differs(grey(box(a, x0, y0, x1, y1)), grey(box(b, x0, y0, x1, y1))) > 0.05


def test_emphasis_blocked_and_active_each_change_the_drawing(qapp, diagram):
    frame = diagram.frame("nmda_block")
    base = draw(diagram, frame)
    for element_id, change in (("ketamine", {"emphasis": 0.0}), ("nmda_pyramidal", {"blocked": 0.0}),
                               ("nmda_pyramidal", {"emphasis": 0.0}), ("ampa", {"active": 1.0})):
        other = draw(diagram, _without(frame, element_id, **change))
        target = diagram.element(element_id if element_id != "ketamine" else "nmda_pyramidal")
        x0, y0, x1, y1 = _bounds(target)
        assert differs(grey(box(base, x0, y0, x1, y1)), grey(box(other, x0, y0, x1, y1)), 12) > 0.02, \
            (element_id, change)


def test_the_markers_are_drawn(qapp, diagram):
    frame = diagram.frame("disinhibition")
    assert frame.hypothesis
    with_marker = draw(diagram, frame)
    without = draw(diagram, dataclasses.replace(frame, hypothesis=False))
    assert differs(box(with_marker, 1100, 0, 1600, 100), box(without, 1100, 0, 1600, 100)) > 0.05
    one = draw(diagram, dataclasses.replace(frame, species=("rat",)))
    assert differs(box(with_marker, 200, 0, 600, 100), box(one, 200, 0, 600, 100)) > 0.05
    rival = draw(diagram, diagram.frame("disinhibition", rival=True))
    assert differs(box(with_marker, 700, 0, 1600, 100), box(rival, 700, 0, 1600, 100)) > 0.05
    no_label = draw(diagram, dataclasses.replace(frame, change_label=""))
    assert differs(box(with_marker, 0, 880, 1600, 1000), box(no_label, 0, 880, 1600, 1000)) > 0.05


def test_hidden_elements_and_their_labels_are_not_drawn(qapp, diagram):
    frame = diagram.frame("mtorc1")
    hidden = {e.id: ElementLook(0, 0, 0, 0, 0) for e in diagram.elements}
    pixels = draw(diagram, dataclasses.replace(frame, looks=hidden, change_label="", species=(),
                                               hypothesis=False))
    assert blank_reason(pixels.astype(np.uint8)) is not None


def test_the_drawing_stays_inside_its_rectangle(qapp, diagram):
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter

    from viewer.diagram.diagram_export import image_pixels
    from viewer.diagram.diagram_painter import paint_diagram

    theme = get_theme("dark")
    image = QImage(1200, 500, QImage.Format.Format_RGB32)
    image.fill(QColor(theme.background))
    painter = QPainter(image)
    paint_diagram(painter, QRectF(600, 0, 600, 500), diagram, diagram.frame("synaptogenesis"), theme)
    painter.end()
    pixels = image_pixels(image)
    assert blank_reason(pixels[:, :600]) is not None
    assert blank_reason(pixels[:, 600:]) is None


def _bounds(element) -> tuple[float, float, float, float]:
    """A box around an element's geometry (points of every field), padded."""
    points = []

    def collect(value):
        if isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, float) for v in value):
            points.append(value)
        elif isinstance(value, tuple):
            for v in value:
                collect(v)

    for value in element.geometry.values():
        collect(value)
    if element.kind == "blocker":
        return 0, 0, SIZE[0], SIZE[1]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    pad = 40
    return max(0, min(xs) - pad), max(0, min(ys) - pad), min(SIZE[0], max(xs) + pad), min(SIZE[1], max(ys) + pad)
