"""Export image: the brain rendered off screen into its part of the picture, the overlays painted,
the file checked first and written whole; and the window's Copy image helper."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from atlases.errors import ExplorerError
from viewer.scene.export_spec import SceneSnapshot
from viewer.scene.image_output import blank_reason
from viewer.scene.themes import get_theme, hex_to_rgb

from helpers_images import count_hue_pixels
from helpers_output import listing

pytestmark = pytest.mark.gui
THEME = get_theme("light")
SIZE = (1280, 720)


@pytest.fixture(scope="module")
def content():
    from viewer.exports.image_export import load_export_content

    return load_export_content(SceneSnapshot())


@pytest.fixture(scope="module")
def renderer():
    from viewer.scene.offscreen_render import OffscreenRenderer

    snapshot = SceneSnapshot(theme="light", selected_region="hippocampus", mechanism_step="disinhibition",
                             labels=True)
    with OffscreenRenderer(snapshot) as r:
        yield r


def exact(pixels: np.ndarray, colour: str) -> int:
    rgb = np.array([round(c * 255) for c in hex_to_rgb(colour)])
    return int((np.abs(pixels[..., :3].astype(int) - rgb).max(axis=-1) <= 2).sum())


def test_a_full_export_has_brain_labels_legend_inset_and_caption_in_their_places(qapp, renderer, content):
    from viewer.exports.image_export import ImageOptions, compose, default_caption
    from viewer.exports.overlays import export_layout

    caption = default_caption(renderer.snapshot, content)
    options = ImageOptions(size=SIZE, labels=True, legend=True, caption=caption, inset=True)
    image = compose(renderer, options, content)
    bare = compose(renderer, ImageOptions(size=SIZE, caption=caption, inset=True), content)
    assert image.shape == (720, 1280, 3) and blank_reason(image) is None
    layout = export_layout(SIZE, True, True, 1600.0)
    bx, by, bw, bh = layout.brain
    brain = image[by:by + bh, bx:bx + bw]
    for region_id in ("prefrontal_cortex", "hippocampus", "posteromedial_cortex"):
        assert count_hue_pixels(brain, THEME.regions[region_id]) > 300, region_id
    # labels and legend are painted over the brain's part only
    changed = (image != bare).any(axis=2)
    assert changed[by:by + bh, bx:bx + bw].sum() > 2000 and not changed[by + bh:].any()
    assert not changed[:, layout.inset.x:].any()
    # the legend: every region's colour and the cortex's, as exact swatches in the brain's part
    corner = brain
    for colour in [THEME.regions[r] for r in ("prefrontal_cortex", "hippocampus", "posteromedial_cortex")] \
            + [THEME.cortex]:
        assert exact(corner, colour) >= 40, colour
    x, y, w, h = layout.inset
    assert blank_reason(image[y:y + h, x:x + w]) is None
    x, y, w, h = layout.caption
    band = image[y:y + h].astype(int)
    assert ((np.abs(band - band[:, :1]).max(axis=2) > 60).any(axis=1)).sum() > 40   # lines of text


def test_a_transparent_export_keeps_alpha_through_the_file(qapp, renderer, content, tmp_path):
    from viewer.exports.image_export import ImageOptions, compose

    options = ImageOptions(size=(640, 360), transparent=True, labels=True, legend=True)
    image = compose(renderer, options, content)
    assert image.shape == (360, 640, 4)
    assert image[0, 0, 3] == 0 and image[0, -1, 3] == 0      # the background
    assert (image[..., 3] == 255).sum() > 5000               # regions, label boxes' frames, the legend's text
    assert ((image[..., 3] > 0) & (image[..., 3] < 255)).sum() > 5000   # the ghosted cortex
    from viewer.scene.image_output import write_image

    for suffix in (".png", ".tif"):
        with Image.open(write_image(image, tmp_path / f"brain{suffix}", transparent=True)) as read:
            assert read.mode == "RGBA"
            np.testing.assert_array_equal(np.asarray(read), image)


def test_a_portrait_export_of_a_landscape_window_keeps_its_width(qapp, renderer, content):
    from viewer.exports.image_export import ImageOptions, compose

    snapshot = renderer.snapshot
    pose = renderer.scene.camera_for_view("lateral", aspect=16 / 9, margin=1.02)   # the brain fills the width
    renderer.show(snapshot.with_changes(camera=pose, view_angle=30.0))
    try:
        cut = compose(renderer, ImageOptions(size=(360, 510)), content)
        kept = compose(renderer, ImageOptions(size=(360, 510), view_aspect=16 / 9), content)
    finally:
        renderer.show(snapshot)

    def at_sides(image):
        sides = np.concatenate([image[:, :2], image[:, -2:]], axis=1)
        return count_hue_pixels(sides, THEME.regions["prefrontal_cortex"]) + \
            count_hue_pixels(sides, mix_dimmed("prefrontal_cortex"))

    assert at_sides(cut) > 20 and at_sides(kept) == 0
    assert count_hue_pixels(kept, mix_dimmed("prefrontal_cortex")) > 500


def mix_dimmed(region_id: str) -> str:
    return THEME.dimmed(region_id)   # hippocampus is selected: the other regions are drawn dimmed


# ------------------------------------------------------------------------------- the file
@pytest.fixture
def nothing_rendered(monkeypatch):
    import viewer.exports.image_export as image_export
    import viewer.scene.offscreen_render as offscreen_render

    def boom(*a, **k):
        raise AssertionError("rendered or loaded before the path was checked")

    monkeypatch.setattr(offscreen_render, "OffscreenRenderer", boom)
    monkeypatch.setattr(image_export, "load_export_content", boom)


@pytest.mark.parametrize("suffix", [".jpg", ".jpeg", ".bmp"])
def test_transparent_jpeg_or_bmp_is_refused_before_rendering(qapp, tmp_path, nothing_rendered, suffix):
    from viewer.exports.image_export import ImageOptions, export_image
    from viewer.scene.image_output import UnsupportedFormatError

    with pytest.raises(UnsupportedFormatError, match=".png or .tif"):
        export_image(SceneSnapshot(), tmp_path / f"out{suffix}", ImageOptions(size=SIZE, transparent=True))
    assert listing(tmp_path) == []


def test_a_read_only_folder_is_refused_before_rendering_and_leaves_nothing(qapp, read_only_folder, nothing_rendered):
    from viewer.exports.image_export import ImageOptions, export_image
    from viewer.scene.image_output import OutputError

    with pytest.raises(OutputError):
        export_image(SceneSnapshot(), read_only_folder / "out.png", ImageOptions(size=SIZE))
    assert listing(read_only_folder) == []


def test_a_blank_result_is_refused_and_leaves_nothing(qapp, tmp_path, monkeypatch, content):
    import viewer.exports.image_export as image_export
    from viewer.scene.image_output import OutputError

    monkeypatch.setattr(image_export, "compose", lambda r, o, c: np.zeros((o.size[1], o.size[0], 4), np.uint8))
    with pytest.raises(OutputError, match="blank"):
        image_export.export_image(SceneSnapshot(), tmp_path / "out.png",
                                  image_export.ImageOptions(size=(64, 48), transparent=True), content)
    assert listing(tmp_path) == []


def test_export_image_writes_the_file_asked(qapp, tmp_path, content):
    from viewer.exports.image_export import ImageOptions, export_image

    written = export_image(SceneSnapshot(labels=True), tmp_path / "slide.png",
                           ImageOptions(size=(320, 200), labels=True, caption="Title\nA caption."), content)
    assert written == (tmp_path / "slide.png").resolve() and listing(tmp_path) == ["slide.png"]
    with Image.open(written) as read:
        assert read.size == (320, 200) and read.mode == "RGB"


# ------------------------------------------------------------------------------- options, caption
@pytest.mark.parametrize("bad", [dict(size=(8, 8)), dict(size=(9000, 100)), dict(size="big"),
                                 dict(caption="x" * 5001), dict(caption=3), dict(view_aspect=0.0),
                                 dict(view_aspect=float("nan"))])
def test_options_are_bounded(bad):
    from viewer.exports.image_export import ImageOptions

    with pytest.raises(ExplorerError):
        ImageOptions(**bad)


def test_default_caption_follows_the_window_and_drops_emphasis_markers(content):
    from viewer.exports.image_export import default_caption

    step = default_caption(SceneSnapshot(mechanism_step="disinhibition", selected_region="hippocampus"), content)
    assert step.split("\n")[0] == content.mechanism.step("disinhibition").title
    assert "**" not in step and "Leading hypothesis:" in step
    region = default_caption(SceneSnapshot(selected_region="hippocampus"), content)
    assert region.split("\n")[0] == content.regions["hippocampus"].name
    assert default_caption(SceneSnapshot(), content).split("\n")[0] == content.mechanism.title


# ------------------------------------------------------------------------------- Copy image
def test_copy_image_puts_the_view_s_pixels_on_the_clipboard(qapp):
    from viewer.exports.image_export import copy_to_clipboard, copy_view_image
    from viewer.exports.overlays import from_qimage

    view = np.random.default_rng(4).integers(0, 256, (90, 160, 3), dtype=np.uint8)
    image = copy_view_image(view)
    assert (image.width(), image.height()) == (160, 90)
    np.testing.assert_array_equal(from_qimage(image), view)
    copy_to_clipboard(view)
    pasted = qapp.clipboard().image()
    assert (pasted.width(), pasted.height()) == (160, 90)
    np.testing.assert_array_equal(from_qimage(pasted), view)
