"""Exports at slide and print sizes come out at that size, drawn, off screen (EGL: no X needed).

3840x2160 (4K), 3508x2480 (A4 landscape at 300 dpi) and 2480x3508 (A4 portrait) each take
several tiles and seconds on software OpenGL: one renderer draws the three.
"""

from __future__ import annotations

import pytest

from viewer.scene.export_spec import SceneSnapshot
from viewer.scene.image_output import blank_reason
from viewer.scene.themes import get_theme

from helpers_images import count_hue_pixels


@pytest.fixture(scope="module")
def renderer():
    from viewer.scene.offscreen_render import OffscreenRenderer

    with OffscreenRenderer(SceneSnapshot(view="lateral")) as r:
        yield r


@pytest.mark.parametrize("size", [(3840, 2160), (3508, 2480), (2480, 3508)])
def test_a_large_export_has_its_size_and_shows_the_brain(renderer, size):
    image = renderer.render(size)
    assert image.shape == (size[1], size[0], 3)
    assert blank_reason(image) is None
    theme = get_theme(renderer.snapshot.theme)
    sample = image[::4, ::4]   # every 16th pixel: the count takes a tenth of the time
    for region_id in ("prefrontal_cortex", "hippocampus"):
        # a region's pixels scale with the image: at least 0.5 % of it at these sizes
        assert count_hue_pixels(sample, theme.regions[region_id]) > 0.005 * sample.shape[0] * sample.shape[1], \
            region_id
    # the named view is fitted to each image's aspect: the brain touches no edge of a portrait page either
    border = [image[0], image[-1], image[:, 0], image[:, -1]]
    assert all(count_hue_pixels(edge[None], theme.regions["prefrontal_cortex"]) == 0 for edge in border)
