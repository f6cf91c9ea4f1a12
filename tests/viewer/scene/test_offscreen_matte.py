"""Transparent exports (the two-background matte) and where the labels point, off screen (EGL).

The matte: the background is fully transparent, the opaque regions fully opaque, the ghosted
cortex as transparent as its opacity, in its own (lit) colour, not mixed with a background.
"""

from __future__ import annotations

import numpy as np
import pytest

from viewer.scene.export_spec import SceneSnapshot
from viewer.scene.offscreen_render import matte
from viewer.scene.themes import get_theme, hex_to_rgb

from helpers_images import count_hue_pixels, hue_of

SIZE = (480, 270)


def test_matte_recovers_colour_and_alpha_of_a_composite():
    rng = np.random.default_rng(3)
    colour = rng.integers(0, 256, (40, 50, 3)).astype(float)
    alpha = rng.uniform(0.05, 1.0, (40, 50, 1))
    alpha[:5] = 0.0   # fully transparent rows
    on_black = np.rint(colour * alpha).astype(np.uint8)
    on_white = np.rint(colour * alpha + 255 * (1 - alpha)).astype(np.uint8)
    out = matte(on_black, on_white)
    assert out.shape == (40, 50, 4) and out.dtype == np.uint8
    np.testing.assert_allclose(out[..., 3] / 255, alpha[..., 0], atol=1.5 / 255)
    assert (out[:5] == 0).all()
    strong = alpha[..., 0] > 0.3   # where rounding to 8 bits leaves the colour recoverable to a few levels
    assert np.abs(out[..., :3][strong].astype(float) - colour[strong]).max() <= 4


def test_matte_refuses_renders_of_different_sizes():
    with pytest.raises(ValueError):
        matte(np.zeros((4, 4, 3), np.uint8), np.zeros((4, 5, 3), np.uint8))


def hue_mask(rgb: np.ndarray, colour: str, tolerance: float = 10.0) -> np.ndarray:
    """Pixels of ``colour``'s hue, clearly saturated (count_hue_pixels's rule, as a mask)."""
    f = rgb.astype(float) / 255
    mx, mn = f.max(axis=2), f.min(axis=2)
    delta = np.maximum(mx - mn, 1e-9)
    r, g, b = f[..., 0], f[..., 1], f[..., 2]
    hue = np.where(mx == r, ((g - b) / delta) % 6, np.where(mx == g, (b - r) / delta + 2, (r - g) / delta + 4)) * 60
    sat = np.where(mx > 0, (mx - mn) / np.maximum(mx, 1e-9), 0)
    return (np.abs((hue - hue_of(colour) + 180) % 360 - 180) <= tolerance) & (sat > 0.35) & (mx > 0.2)


@pytest.fixture(scope="module")
def renderer():
    from viewer.scene.offscreen_render import OffscreenRenderer

    theme = get_theme("light")
    with OffscreenRenderer(SceneSnapshot(theme="light", cortex_opacity=theme.cortex_opacity)) as r:
        yield r


@pytest.fixture(scope="module")
def renders(renderer):
    return renderer.render(SIZE, transparent=True), renderer.render(SIZE)


def test_transparent_render_has_alpha_and_the_window_s_size(renders):
    rgba, rgb = renders
    assert rgba.shape == (SIZE[1], SIZE[0], 4) and rgb.shape == (SIZE[1], SIZE[0], 3)
    for corner in (rgba[0, 0], rgba[0, -1], rgba[-1, 0], rgba[-1, -1]):
        assert tuple(corner) == (0, 0, 0, 0)


def test_a_transparent_render_leaves_the_theme_s_background(renderer, renders):
    _, rgb = renders
    again = renderer.render(SIZE)   # after the black and white renders: the gradient is back
    np.testing.assert_array_equal(again, rgb)
    top = np.array([round(c * 255) for c in hex_to_rgb(get_theme("light").background_top)])
    assert np.abs(rgb[0, 0].astype(int) - top).max() <= 2


@pytest.mark.parametrize("region_id", ["prefrontal_cortex", "hippocampus", "posteromedial_cortex"])
def test_regions_are_opaque(renders, region_id):
    rgba, rgb = renders
    colour = get_theme("light").regions[region_id]
    # the region's pixels: its hue in the ordinary render, away from its anti-aliased edge
    hue = hue_mask(rgb, colour)
    core = hue[1:-1, 1:-1] & hue[:-2, 1:-1] & hue[2:, 1:-1] & hue[1:-1, :-2] & hue[1:-1, 2:]
    alpha = rgba[1:-1, 1:-1, 3][core]
    assert core.sum() > 200
    assert np.mean(alpha == 255) > 0.9, np.percentile(alpha, [5, 50])


def test_the_cortex_is_as_transparent_as_its_opacity_and_keeps_its_colour(renderer, renders):
    rgba, _ = renders
    opacity = renderer.snapshot.cortex_opacity
    alpha = rgba[..., 3]
    translucent = (alpha > 0) & (alpha < 255)
    values, counts = np.unique(alpha[translucent], return_counts=True)
    mode = values[np.argmax(counts)] / 255
    assert mode == pytest.approx(opacity, abs=0.06)
    # one cortex layer over nothing: its colour is the cortex as lit, the same as on an opaque cortex
    single = np.abs(alpha.astype(float) / 255 - opacity) <= 0.03
    opaque = renderer.snapshot.with_changes(cortex_opacity=1.0)
    renderer.show(opaque)
    try:
        lit = renderer.render(SIZE).astype(float)
    finally:
        renderer.show(renderer.snapshot.with_changes(cortex_opacity=opacity))
    assert single.sum() > 500
    difference = np.abs(rgba[..., :3][single].astype(float) - lit[single]).mean(axis=0)
    assert (difference < 10).all(), difference
    # and that colour has the theme's cortex colour's proportions (not the background's, not grey-black)
    mean = rgba[..., :3][single].astype(float).mean(axis=0)
    theme_rgb = np.array(hex_to_rgb(get_theme("light").cortex))
    np.testing.assert_allclose(mean / mean.max(), theme_rgb / theme_rgb.max(), atol=0.03)


def test_label_anchors_lie_on_their_region(renderer, renders):
    _, rgb = renders
    theme = get_theme("light")
    big = (2400, 1350)   # anchored on a smaller window, scaled to the image: checked on the small render
    anchors = renderer.label_anchors(big)
    assert set(anchors) == {"prefrontal_cortex", "hippocampus", "posteromedial_cortex"}
    for region_id, (x, y) in anchors.items():
        assert 0 <= x < big[0] and 0 <= y < big[1]
        px, py = round(x * SIZE[0] / big[0]), round(y * SIZE[1] / big[1])
        patch = rgb[max(0, py - 2):py + 3, max(0, px - 2):px + 3]
        assert count_hue_pixels(patch, theme.regions[region_id]) >= 0.6 * patch.shape[0] * patch.shape[1], region_id


def test_hidden_regions_get_no_anchor(renderer):
    snapshot = renderer.snapshot
    renderer.show(snapshot.with_changes(hidden_regions=("hippocampus",)))
    try:
        anchors, (left, right) = renderer.label_geometry(SIZE)
    finally:
        renderer.show(snapshot)
    assert "hippocampus" not in anchors and "prefrontal_cortex" in anchors
    assert 0 <= left < right <= SIZE[0]
