"""Hostile render sizes and blank renders (class 8).

* A size beyond the renderer's single-frame limit (7327 px wide on llvmpipe:
  VTK's super-sampling needs sqrt(5) x the window in one framebuffer, at most
  16384 px) used to come out black while reporting success. It now renders
  in tiles asked from the driver at run time, without seams or uninitialised
  strips; a VTK framebuffer error is an error; sizes are bounded up front.
* A blank image (one colour, or only the background) is an error, not a file.

New modules are imported inside the tests, so that on the old code each test
fails for its own reason rather than at collection.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers_output import ROOT, SETTINGS, listing, main_run, picture, read_image, run_patched


# ================================================================ blank detection
def _gradient(h, w, bottom, top):
    """A vertical background gradient as VTK draws it (top row first)."""
    t = np.linspace(1.0, 0.0, h)[:, None, None]  # 1 at the top row
    rows = np.asarray(top, float) * t + np.asarray(bottom, float) * (1.0 - t)
    return np.round(rows).astype(np.uint8).repeat(w, axis=1)


BLANK = {
    "black": np.zeros((60, 80, 3), np.uint8),
    "white": np.full((60, 80, 3), 255, np.uint8),
    "one_colour": np.full((60, 80, 3), (22, 24, 29), np.uint8),
    "light_background": _gradient(60, 80, (0xF7, 0xF7, 0xF5), (255, 255, 255)),
    "dark_background": _gradient(60, 80, (0x16, 0x18, 0x1D), (0x2A, 0x2E, 0x36)),
    "rgba_black": np.zeros((60, 80, 4), np.uint8),
    "grey_2d": np.full((60, 80), 128, np.uint8),
    "noise_within_tolerance": np.full((60, 80, 3), 100, np.uint8)
    + np.random.default_rng(0).integers(0, 8, (60, 80, 3), dtype=np.uint8),
    "one_pixel": np.zeros((1, 1, 3), np.uint8),
    "tall_band_gradient": _gradient(700, 3, (0, 0, 0), (250, 10, 10)),
}
DRAWN = {
    "one_dot": lambda: _with(np.zeros((60, 80, 3), np.uint8), (30, 40), (255, 0, 0)),
    "dot_in_last_row": lambda: _with(np.zeros((600, 80, 3), np.uint8), (599, 79), (0, 0, 200)),
    "dot_on_gradient": lambda: _with(_gradient(60, 80, (0x16, 0x18, 0x1D), (0x2A, 0x2E, 0x36)), (5, 0), (200,) * 3),
    "horizontal_gradient": lambda: _gradient(80, 60, (0, 0, 0), (255, 255, 255)).transpose(1, 0, 2).copy(),
    "picture": picture,
}


def _with(img, yx, colour):
    img[yx] = colour
    return img


@pytest.mark.parametrize("case", sorted(BLANK))
def test_blank_images_are_detected(case):
    from viewer.scene.image_output import blank_reason

    assert blank_reason(BLANK[case]) is not None


@pytest.mark.parametrize("case", sorted(DRAWN))
def test_drawn_images_are_not_blank(case):
    from viewer.scene.image_output import blank_reason

    assert blank_reason(DRAWN[case]()) is None


@pytest.mark.parametrize("shape", [(0, 10, 3), (10, 0, 3), (10, 10, 0), (5,), (2, 2, 2, 2)])
def test_empty_or_shapeless_arrays_are_blank(shape):
    from viewer.scene.image_output import blank_reason

    assert "empty" in blank_reason(np.zeros(shape, np.uint8))


def test_write_image_refuses_a_blank_or_non_rgb_image(tmp_path):
    from viewer.scene.image_output import OutputError, write_image

    with pytest.raises(OutputError, match="blank"):
        write_image(BLANK["dark_background"], tmp_path / "a.png")
    with pytest.raises(OutputError, match="8-bit RGB"):
        write_image(picture().astype(np.float32), tmp_path / "b.png")
    assert listing(tmp_path) == []


COLOURS = st.tuples(*[st.integers(0, 255)] * 3)


@SETTINGS
@given(h=st.integers(1, 300), w=st.integers(1, 300), bottom=COLOURS, top=COLOURS)
def test_property_any_vertical_gradient_is_blank(h, w, bottom, top):
    from viewer.scene.image_output import blank_reason

    assert blank_reason(_gradient(h, w, bottom, top)) is not None


@SETTINGS
@given(h=st.integers(1, 300), w=st.integers(2, 300), bottom=COLOURS, top=COLOURS, data=st.data())
def test_property_one_differing_pixel_is_content(h, w, bottom, top, data):
    from viewer.scene.image_output import BLANK_TOLERANCE, blank_reason

    img = _gradient(h, w, bottom, top)
    y, x = data.draw(st.integers(0, h - 1)), data.draw(st.integers(1, w - 1))
    channel = data.draw(st.integers(0, 2))
    img[y, x, channel] = (int(img[y, 0, channel]) + BLANK_TOLERANCE + 1 + data.draw(st.integers(0, 100))) % 256
    if abs(int(img[y, x, channel]) - int(img[y, 0, channel])) > BLANK_TOLERANCE:
        assert blank_reason(img) is None


# ================================================================ class 8: tiles and limits (no OpenGL)
def test_largest_window_side_matches_vtks_supersampling():
    from viewer.scene.tiled_render import SSAA_FACTOR, largest_window_side

    assert largest_window_side(16384) == 7327  # measured on llvmpipe: 7327 px renders, 7328 is black
    assert largest_window_side(16384, supersampled=False) == 16384
    for gl_max in (1024, 4096, 8192, 16384, 32768):
        side = largest_window_side(gl_max)
        assert int(side * SSAA_FACTOR) <= gl_max < int((side + 1) * SSAA_FACTOR)


@SETTINGS
@given(w=st.integers(16, 8192), h=st.integers(16, 8192), max_side=st.integers(64, 8192))
def test_property_tile_plans_cover_the_image_within_the_limit(w, h, max_side):
    from viewer.scene.tiled_render import plan_tiles

    plan = plan_tiles((w, h), max_side)
    (ww, wh), (sx, sy) = plan.window, plan.scale
    assert ww <= max_side and wh <= max_side
    rw, rh = plan.rendered
    assert w <= rw < w + sx and h <= rh < h + sy
    assert ww == -(-w // sx) and wh == -(-h // sy)  # the fewest tiles
    x0, y0 = plan.crop
    assert 0 <= x0 and x0 + w <= rw and 0 <= y0 and y0 + h <= rh


@pytest.mark.parametrize("side, scale, covered", [(60, 4, True), (60, 5, False), (83, 5, False), (84 + 2, 5, False),
                                                  (88, 5, True), (100, 6, False), (200, 7, True), (200, 8, False),
                                                  (2048, 4, True), (50, 1, True)])
def test_fix_boundary_only_where_vtks_overlapping_tiles_cover_the_image(side, scale, covered):
    """Measured on VTK 9.7 (background-only renders): garbage for a 5-tile row of 83 px tiles, none from 84."""
    from viewer.scene.tiled_render import TilePlan

    assert TilePlan(size=(side * scale, side), window=(side, side), scale=(scale, 1)).fix_boundary is covered


def test_a_driver_too_small_to_tile_is_refused_naming_its_limit():
    from viewer.scene.tiled_render import RenderError, plan_tiles

    with pytest.raises(RenderError, match="32 pixels"):
        plan_tiles((8192, 8192), 32)


@pytest.mark.parametrize("size", [(8193, 100), (100, 8193), (15, 100), (100, 0), (-1, 50), ("a", 5), (1, 2, 3)])
def test_render_screenshot_bounds_the_size_and_names_the_limit(tmp_path, no_render, size):
    from atlases.errors import ExplorerError
    from viewer.scene.headless import render_screenshot

    with pytest.raises(ExplorerError) as info:
        render_screenshot(tmp_path / "x.png", size=size)
    assert "8192" in str(info.value) or "whole numbers" in str(info.value)
    assert listing(tmp_path) == []


def test_the_cli_size_limit_names_the_limit(capsys):
    with pytest.raises(SystemExit) as info:
        main_run("--screenshot", "x.png", "--size", "8193x100")
    assert info.value.code == 2
    assert "16 and 8192" in capsys.readouterr().err


# ================================================================ class 8: real renders (subprocesses)
DISPLAYS = [pytest.param(True, id="egl"),
            pytest.param(False, id="x", marks=pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="no X"))]


@pytest.mark.parametrize("egl", DISPLAYS)
def test_wider_than_the_single_frame_limit_renders_a_real_image(tmp_path, egl):
    """8000 px is above llvmpipe's 7327 px super-sampled limit: it used to come out black with exit 0."""
    from helpers_images import count_hue_pixels

    out = tmp_path / "wide.png"
    proc = run_patched("", "--screenshot", str(out), "--size", "8000x64", egl=egl)
    assert proc.returncode == 0, proc.stderr
    assert "Frame buffer" not in proc.stderr and "framebuffer" not in proc.stderr.lower()
    assert proc.stdout.strip() == f"wrote {out}"
    pixels = read_image(out)
    assert pixels.shape == (64, 8000, 3)
    assert count_hue_pixels(pixels, "#E69F00") > 200, "no prefrontal orange: the render is not a brain"


TILE_COMPARE = """
import json
import numpy as np
from atlases.meshes.brain_model import load_brain_model
from viewer.scene import headless
from viewer.scene import tiled_render
from viewer.scene.themes import get_theme
model = load_brain_model("desikan_killiany")
W, H = {size}
single = headless._render(model, (W, H), None, "lateral", get_theme("dark"), None)
tiled_render.MAX_TILE_SIDE = {tile}
tiled = headless._render(model, (W, H), None, "lateral", get_theme("dark"), None)
plan = tiled_render.plan_tiles((W, H), {tile})
diff = np.abs(single.astype(int) - tiled.astype(int)).max(axis=-1)
print(json.dumps(dict(tiles=plan.tiles, fix=plan.fix_boundary, shape=list(tiled.shape), mean=float(diff.mean()),
                      worst_col=float(diff.mean(axis=0).max()), worst_row=float(diff.mean(axis=1).max()))))
"""


@pytest.mark.parametrize("size, tile, fix_boundary", [((403, 233), 150, True), ((401, 233), 100, False),
                                                      ((500, 120), 64, False)],
                         ids=["overlapping_tiles_cropped", "abutting_tiles_cropped", "abutting_tiles"])
def test_a_tiled_render_matches_a_single_render(size, tile, fix_boundary):
    """With the tile limit patched down, the tiled image (cropped from a larger one) matches a single render:
    no uninitialised strip (a column or row far off), no shift, no scale change."""
    proc = subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
                           + TILE_COMPARE.format(size=size, tile=tile)], cwd=ROOT, env=os.environ.copy(),
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    r = json.loads(proc.stdout.strip().splitlines()[-1])
    assert r["tiles"] > 1 and r["fix"] is fix_boundary
    assert r["shape"] == [size[1], size[0], 3]
    assert r["mean"] < 6, r  # measured: 1.7 (edges anti-aliased a sub-pixel apart)
    assert r["worst_col"] < 40 and r["worst_row"] < 40, r  # an uninitialised strip is ~100


HIDE_EVERYTHING = """
import viewer.scene.brain_scene as s
_set_camera = s.BrainScene.set_camera
def set_camera(self, pose):
    _set_camera(self, pose)
    for actor in list(self.plotter.renderer.actors.values()):
        actor.SetVisibility(False)
s.BrainScene.set_camera = set_camera
"""


@pytest.mark.parametrize("theme", ["light", "dark", "projector"])
def test_a_render_that_draws_nothing_is_an_error(tmp_path, theme):
    out = tmp_path / "empty.png"
    proc = run_patched(HIDE_EVERYTHING, "--screenshot", str(out), "--size", "96x64", "--theme", theme)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "blank" in proc.stderr and "wrote" not in proc.stdout
    assert listing(tmp_path) == []


def test_a_framebuffer_error_from_vtk_is_an_error_not_a_black_file(tmp_path):
    """The tile limit lifted past the driver's real one: VTK cannot make the framebuffer."""
    patch = ("import viewer.scene.tiled_render as t\nt.MAX_TILE_SIDE = 10**6\n"
             "t.largest_window_side = lambda gl_max, supersampled=True: 10**6")
    out = tmp_path / "wide.png"
    proc = run_patched(patch, "--screenshot", str(out), "--size", "7400x32", egl=True)
    assert proc.returncode == 1, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "wrote" not in proc.stdout
    assert "renderer failed" in proc.stderr or "blank" in proc.stderr
    assert listing(tmp_path) == []


def test_the_driver_limit_is_asked_at_run_time():
    code = (f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
            "from viewer.scene.headless import prefer_egl_without_display; prefer_egl_without_display()\n"
            "import pyvista as pv\nfrom viewer.scene.tiled_render import gl_max_side, tile_side_limit\n"
            "p = pv.Plotter(off_screen=True, window_size=[16, 16]); p.render_window.Render()\n"
            "print(gl_max_side(p.render_window), *tile_side_limit(p.render_window)); p.close()\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=os.environ.copy(), capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    gl_max, side = (int(v) for v in proc.stdout.split()[:2])
    assert gl_max >= 1024 and 64 <= side <= 2048
    assert f"largest framebuffer is {gl_max} px" in proc.stdout

