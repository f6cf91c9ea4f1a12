"""Transparent images on disk: PNG and TIFF keep their alpha; JPEG and BMP are refused before anything is drawn."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from helpers_output import listing, picture


def rgba_picture(width=64, height=48) -> np.ndarray:
    img = np.zeros((height, width, 4), np.uint8)
    img[..., :3] = picture(width, height)
    img[10:30, 10:40, 3] = 255
    img[30:40, 10:40, 3] = 51   # translucent, as the ghosted cortex
    return img


@pytest.mark.parametrize("suffix", [".png", ".tif", ".tiff", ".PNG"])
def test_png_and_tiff_keep_straight_alpha(tmp_path, suffix):
    from viewer.scene.image_output import write_image

    image = rgba_picture()
    written = write_image(image, tmp_path / f"brain{suffix}", transparent=True)
    with Image.open(written) as read:
        assert read.mode == "RGBA"
        np.testing.assert_array_equal(np.asarray(read), image)


@pytest.mark.parametrize("suffix", [".jpg", ".jpeg", ".bmp", ".JPG"])
def test_transparent_jpeg_or_bmp_is_refused_before_anything_and_writes_nothing(tmp_path, suffix):
    from viewer.scene.image_output import UnsupportedFormatError, check_output_path, write_image

    target = tmp_path / f"brain{suffix}"
    with pytest.raises(UnsupportedFormatError, match="transparent image needs .png or .tif"):
        check_output_path(target, transparent=True)
    with pytest.raises(UnsupportedFormatError):
        write_image(rgba_picture(), target, transparent=True)
    assert listing(tmp_path) == []
    check_output_path(target)   # the same name is fine for an opaque image


def test_an_opaque_image_drops_alpha_as_before(tmp_path):
    from viewer.scene.image_output import write_image

    image = rgba_picture()
    for suffix in (".png", ".jpg"):
        with Image.open(write_image(image, tmp_path / f"brain{suffix}")) as read:
            assert read.mode == "RGB"


def test_a_fully_transparent_image_is_blank_and_not_written(tmp_path):
    from viewer.scene.image_output import OutputError, blank_reason, write_image

    image = rgba_picture()
    image[..., 3] = 0
    assert "fully transparent" in blank_reason(image)
    with pytest.raises(OutputError, match="fully transparent"):
        write_image(image, tmp_path / "brain.png", transparent=True)
    assert listing(tmp_path) == []
    image[0, 0, 3] = 1
    assert blank_reason(image) is None


def test_a_transparent_image_needs_an_alpha_channel(tmp_path):
    from viewer.scene.image_output import OutputError, write_image

    with pytest.raises(OutputError, match="alpha channel"):
        write_image(picture(), tmp_path / "brain.png", transparent=True)
    assert listing(tmp_path) == []


def test_a_read_only_folder_leaves_nothing(read_only_folder):
    from viewer.scene.image_output import OutputError, write_image

    with pytest.raises(OutputError):
        write_image(rgba_picture(), read_only_folder / "brain.png", transparent=True)
    assert listing(read_only_folder) == []
