"""The app icon: the hand-written SVG, the PNGs rendered from it, and the window icon."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from atlases.files.toml_reader import read_toml
from atlases.resources import asset_dir, list_assets

ROOT = Path(__file__).resolve().parents[1]
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
SVG = asset_dir("icons") / "brain-region-explorer.svg"


def _png(size):
    return asset_dir("icons") / "hicolor" / f"{size}x{size}" / "brain-region-explorer.png"


def _region_colours():
    theme = read_toml(asset_dir("themes") / "light.toml")
    return {name: tuple(int(value[i:i + 2], 16) for i in (1, 3, 5)) for name, value in theme["regions"].items()}


def test_the_svg_draws_the_three_regions_in_their_theme_colours():
    text = SVG.read_text(encoding="utf-8").upper()
    for name, rgb in _region_colours().items():
        assert "#{:02X}{:02X}{:02X}".format(*rgb) in text, name


@pytest.mark.parametrize("size", SIZES)
def test_a_square_transparent_png_at_every_size(size):
    image = Image.open(_png(size))
    assert image.size == (size, size)
    assert image.mode == "RGBA"
    assert image.getpixel((0, 0))[3] == 0, "the corners are transparent"
    assert image.getchannel("A").getextrema()[1] == 255, "the mark is opaque"


@pytest.mark.parametrize("size", [16, 256])
def test_the_three_regions_are_visible_even_at_16_px(size):
    pixels = np.asarray(Image.open(_png(size)), dtype=int).reshape(-1, 4)
    opaque = pixels[pixels[:, 3] > 200, :3]
    for name, rgb in _region_colours().items():
        near = np.abs(opaque - rgb).sum(axis=1) < 60
        assert near.sum() >= max(2, size * size // 200), f"{name} is not visible at {size} px"
    dark = opaque.sum(axis=1) < 200
    assert dark.sum() >= 2 * size, f"the outline is too faint at {size} px"


def test_the_pngs_are_up_to_date_with_the_svg():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "render-icons.py"), "--check"],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr


def test_render_check_notices_a_stale_png(tmp_path):
    # the check above must be able to fail: a changed SVG makes every PNG stale
    import importlib.util

    spec = importlib.util.spec_from_file_location("render_icons", ROOT / "scripts" / "render-icons.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.png_path(16, tmp_path) == tmp_path / "hicolor" / "16x16" / "brain-region-explorer.png"
    script = f"""
import sys, importlib.util
spec = importlib.util.spec_from_file_location("r", {str(ROOT / 'scripts' / 'render-icons.py')!r})
r = importlib.util.module_from_spec(spec); spec.loader.exec_module(r)
svg = {str(tmp_path / 'changed.svg')!r}
open(svg, 'w').write(open(r.SVG).read().replace('#E69F00', '#0000FF'))
r.SVG = __import__('pathlib').Path(svg)
sys.exit(r.main(['--check']))
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 1
    assert "out of date" in result.stderr


@pytest.mark.gui
def test_the_window_icon_holds_every_size(qtbot):
    from viewer.app import app_icon

    sizes = {size.width() for size in app_icon().availableSizes()}
    assert sizes == set(SIZES)
    assert len(list_assets("icons", "hicolor/*/brain-region-explorer.png")) == len(SIZES)
