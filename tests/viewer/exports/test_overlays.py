"""The export overlays painted with QPainter: layout, labels, legend, caption band, inset, pixels.

Names and captions come from content packs, so from strangers: they are drawn as plain text,
on one line (labels, legend), bounded in length and shortened to fit their box.
"""

from __future__ import annotations

import numpy as np
import pytest

from viewer.scene.image_output import blank_reason
from viewer.scene.themes import get_theme, hex_to_rgb

from helpers_images import count_hue_pixels

pytestmark = pytest.mark.gui
THEME = get_theme("light")
REGIONS = ("prefrontal_cortex", "hippocampus", "posteromedial_cortex")
HOSTILE = {
    "prefrontal_cortex": "<b>bold</b><img src='/etc/passwd'> &amp; <a href='file:///'>link</a>",
    "hippocampus": "Hippo" + "campus" * 2000,                      # 12,005 characters, no space
    "posteromedial_cortex": "\u202eevil\u202c name\nsecond line\x00",  # a bidi override, a newline, a NUL
}


def canvas(qapp, size=(1280, 720)):
    from PySide6.QtGui import QColor, QImage, QPainter

    image = QImage(size[0], size[1], QImage.Format.Format_RGB888)
    image.fill(QColor(THEME.background))
    return image, QPainter(image)


def pixels(image) -> np.ndarray:
    from viewer.exports.overlays import from_qimage

    return from_qimage(image)


# ---------------------------------------------------------------------------------------- layout
def test_layout_puts_the_inset_right_of_the_brain_and_the_caption_below_both():
    from viewer.exports.overlays import export_layout

    layout = export_layout((1920, 1080), caption=True, inset=True)
    brain, inset, band = layout.brain, layout.inset, layout.caption
    assert brain.x == 0 and brain.y == 0 and inset.x == brain.x + brain.w and inset.x + inset.w == 1920
    assert inset.h == brain.h and band.y == brain.h and band.y + band.h == 1080 and band.w == 1920
    assert 0.35 * 1920 <= inset.w <= 0.56 * 1920 and 0.15 * 1080 <= band.h <= 0.25 * 1080


def test_layout_on_a_portrait_page_puts_the_inset_below_the_brain():
    from viewer.exports.overlays import export_layout

    layout = export_layout((2480, 3508), caption=True, inset=True)
    brain, inset, band = layout.brain, layout.inset, layout.caption
    assert brain.w == inset.w == band.w == 2480
    assert inset.y == brain.y + brain.h and band.y == inset.y + inset.h == 3508 - band.h


@pytest.mark.parametrize("size", [(16, 16), (17, 300), (300, 17), (8192, 8192)])
def test_layout_keeps_a_brain_to_render_at_any_size(size):
    from viewer.exports.overlays import export_layout
    from viewer.scene.tiled_render import MIN_SIDE

    bare = export_layout(size, caption=False, inset=False)
    assert bare.brain == (0, 0, *size) and bare.inset is None and bare.caption is None
    full = export_layout(size, caption=True, inset=True)
    assert full.brain.w >= MIN_SIDE and full.brain.h >= MIN_SIDE


# ---------------------------------------------------------------------------------------- labels
ANCHORS = {"prefrontal_cortex": (420.0, 330.0), "hippocampus": (640.0, 470.0), "posteromedial_cortex": (800.0, 280.0)}


def test_labels_are_inside_the_image_and_point_at_their_anchor_in_their_colour(qapp):
    from viewer.exports.overlays import paint_labels

    image, painter = canvas(qapp)
    names = {"prefrontal_cortex": "Prefrontal cortex", "hippocampus": "Hippocampus",
             "posteromedial_cortex": "Posteromedial cortex"}
    try:
        boxes = paint_labels(painter, ANCHORS, names, THEME, 720 / 1080, brain=(300.0, 980.0),
                             emphasised="hippocampus")
    finally:
        painter.end()
    out = pixels(image)
    assert {b.region for b in boxes} == set(REGIONS)
    for b in boxes:
        x, y, w, h = b.box
        assert 0 <= x and 0 <= y and x + w <= 1280 and y + h <= 720, b
        assert b.anchor == pytest.approx(ANCHORS[b.region])
        assert x + w <= 300 or x >= 980, b   # beside the brain, not over it
        colour = THEME.regions[b.region]
        ax, ay = (round(v) for v in b.anchor)
        assert count_hue_pixels(out[ay - 2:ay + 3, ax - 2:ax + 3], colour) >= 9, b.region    # the dot
        frame = out[round(y):round(y + h), round(x):round(x + w)]
        assert count_hue_pixels(frame, colour) > 2 * (w + h), b.region                       # the frame
        assert b.text == names[b.region]


def test_hostile_names_are_plain_bounded_one_line_text(qapp):
    from viewer.exports.overlays import MAX_NAME_CHARS, paint_labels
    from viewer.scene.region_labels import MAX_BOX_SHARE

    image, painter = canvas(qapp)
    try:
        boxes = {b.region: b for b in paint_labels(painter, ANCHORS, HOSTILE, THEME, 720 / 1080,
                                                   brain=(300.0, 980.0))}
    finally:
        painter.end()
    assert set(boxes) == set(REGIONS)
    for b in boxes.values():
        x, y, w, h = b.box
        assert w <= MAX_BOX_SHARE * 1280 + 1 and 0 <= x and x + w <= 1280 and 0 <= y and y + h <= 720
        assert len(b.text) <= MAX_NAME_CHARS + 1
        assert not any(c in b.text for c in "\n\x00\u202e\u202c")
    assert boxes["prefrontal_cortex"].text.startswith("<b>bold</b><img")   # the markup, as characters
    assert boxes["hippocampus"].text.endswith("…")
    assert boxes["posteromedial_cortex"].text == "evil name second line"
    assert blank_reason(pixels(image)) is None


# ---------------------------------------------------------------------------------------- legend
def test_the_legend_shows_each_colour_and_its_name_bounded(qapp):
    from PySide6.QtCore import QRectF

    from viewer.exports.overlays import LEGEND_NAME_SHARE, paint_legend

    items = [(HOSTILE[r], THEME.regions[r]) for r in REGIONS] + [("Cortex", THEME.cortex)]
    image, painter = canvas(qapp)
    area = QRectF(0, 0, 1280, 720)
    try:
        box = paint_legend(painter, area, items, THEME, 720 / 1080)
    finally:
        painter.end()
    assert area.contains(box) and box.width() <= LEGEND_NAME_SHARE * 1280 + 80
    out = pixels(image).astype(int)
    inside = out[round(box.top()):round(box.bottom()), round(box.left()):round(box.right())]
    outside = out.copy()
    outside[round(box.top()):round(box.bottom()), round(box.left()):round(box.right())] = 0
    for _, colour in items:
        rgb = np.array([round(c * 255) for c in hex_to_rgb(colour)])
        exact = (np.abs(inside - rgb).max(axis=2) <= 2).sum()
        assert exact >= 40, colour   # a swatch of at least 7 x 7 pixels
        assert (np.abs(outside - rgb).max(axis=2) <= 2).sum() == 0, colour


def test_the_legend_goes_to_the_corner_that_hides_the_least(qapp):
    from PySide6.QtCore import QRectF

    from viewer.exports.overlays import drawn_mask, legend_box, quietest_corner

    items = [("Prefrontal cortex", THEME.regions["prefrontal_cortex"]), ("Cortex", THEME.cortex)]
    render = np.zeros((360, 640, 4), np.uint8)
    render[200:, :320, 3] = 255           # something drawn in the lower left
    drawn = drawn_mask(render)
    assert quietest_corner(drawn, items, 1 / 3) == "bottom-right"
    taken = [legend_box(QRectF(0, 0, 640, 360), items, 1 / 3, "bottom-right")]   # a label box there
    assert quietest_corner(drawn, items, 1 / 3, taken) in ("top-left", "top-right")
    opaque = np.full((360, 640, 3), 200, np.uint8)
    opaque[:, :, 2] = np.linspace(100, 250, 360, dtype=np.uint8)[:, None]   # a vertical gradient: background
    opaque[10:60, 10:200] = (230, 159, 0)
    assert not drawn_mask(opaque)[100:].any() and drawn_mask(opaque)[10:60, 10:200].all()
    assert quietest_corner(drawn_mask(opaque), items, 1 / 3) == "bottom-left"
    render[:] = 0
    render[:100, 500:, 3] = 255
    assert quietest_corner(drawn_mask(render), items, 1 / 3) == "bottom-left"


# ---------------------------------------------------------------------------------------- caption
def band_test(qapp, title, text, size=(1920, 1080)):
    from viewer.exports.overlays import export_layout, paint_caption

    band = export_layout(size, caption=True, inset=False).caption
    image, painter = canvas(qapp, size)
    try:
        fit = paint_caption(painter, band.qrectf(), title, text, THEME)
    finally:
        painter.end()
    return band, fit, pixels(image).astype(int)


def test_a_caption_fits_its_band(qapp):
    band, fit, out = band_test(qapp, "Interneurons go quiet", "Ketamine blocks NMDA receptors. " * 12)
    assert fit.height <= band.h and not fit.shortened
    assert fit.sizes.caption >= 28   # the lecture size on a 1080-pixel image
    rows = out[band.y:band.y + band.h]
    ink = (np.abs(rows - rows[:, :1]).max(axis=2) > 60).any(axis=1)
    assert ink.sum() > 2 * fit.sizes.caption   # title and text drawn
    assert not ink[-fit.sizes.pad // 2:].any()   # nothing runs into the bottom margin
    assert (out[:band.y] == out[0, 0]).all()      # nor above the band


def test_a_long_or_hostile_caption_is_shortened_to_fit_and_drawn_as_plain_text(qapp):
    text = "<b>not bold</b> " + " ".join(["word"] * 2500) + " " + "x" * 5000
    band, fit, out = band_test(qapp, "\u202e<i>title</i>\n" * 50, text)
    assert fit.shortened and fit.height <= band.h and fit.caption.endswith("…")
    assert fit.caption.startswith("<b>not bold</b>")
    rows = out[band.y:band.y + band.h]
    ink = (np.abs(rows - rows[:, :1]).max(axis=2) > 60).any(axis=1)
    assert ink.any() and not ink[-fit.sizes.pad // 2:].any()


# ---------------------------------------------------------------------------------------- inset
def test_the_inset_draws_the_step_s_diagram_inside_its_rectangle(qapp):
    from atlases.teaching.content import load_content
    from atlases.teaching.mechanism_diagram import load_mechanism_diagram
    from viewer.exports.overlays import export_layout, paint_inset

    diagram = load_mechanism_diagram(load_content())
    layout = export_layout((1280, 720), caption=False, inset=True)
    image, painter = canvas(qapp)
    try:
        paint_inset(painter, layout.inset.qrectf(), diagram, "disinhibition", False, THEME)
    finally:
        painter.end()
    out = pixels(image)
    x, y, w, h = layout.inset
    assert blank_reason(out[y:y + h, x:x + w]) is None
    assert (out[:, :x] == out[0, 0]).all()   # the brain's part untouched


# ---------------------------------------------------------------------------------------- pixels
@pytest.mark.parametrize("channels", [3, 4])
def test_pixels_round_trip_through_a_qimage(qapp, channels):
    from viewer.exports.overlays import from_qimage, to_qimage

    a = np.random.default_rng(5).integers(0, 256, (37, 53, channels), dtype=np.uint8)
    image = to_qimage(a)
    assert (image.width(), image.height()) == (53, 37)
    np.testing.assert_array_equal(from_qimage(image, alpha=channels == 4), a)
    with pytest.raises(ValueError):
        to_qimage(a.astype(np.float32))
