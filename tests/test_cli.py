"""``main.py`` as a user runs it: a subprocess from the repository root.

The environment (including the per-session BRAIN_EXPLORER_CACHE_DIR and
NILEARN_DATA set by conftest) is inherited, so renders reuse the session's
mesh cache. The renders run headless (EGL when there is no X display).
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
REGION_COLOURS = {"prefrontal_cortex": "#E69F00", "hippocampus": "#009E73", "posteromedial_cortex": "#CC79A7"}


def _cmd(*args: str) -> list[str]:
    return [sys.executable, str(ROOT / "main.py"), *args]


def run_main(*args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run(_cmd(*args), cwd=ROOT, env=os.environ.copy(), capture_output=True, text=True,
                          timeout=timeout)


# ---------------------------------------------------------------- PNG helpers
def png_size(path: Path) -> tuple[int, int]:
    """Width and height from the PNG signature and IHDR chunk."""
    data = path.read_bytes()[:33]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR" and length == 13
    return struct.unpack(">II", data[16:24])


def read_png(path: Path) -> np.ndarray:
    """Pixels as an (H, W, C) uint8 array, top row first (read through VTK, an app dependency)."""
    from vtkmodules.util.numpy_support import vtk_to_numpy
    from vtkmodules.vtkIOImage import vtkPNGReader

    reader = vtkPNGReader()
    assert reader.CanReadFile(str(path)), f"{path} is not a readable PNG"
    reader.SetFileName(str(path))
    reader.Update()
    img = reader.GetOutput()
    w, h, _ = img.GetDimensions()
    scalars = img.GetPointData().GetScalars()
    return vtk_to_numpy(scalars).reshape(h, w, -1)[::-1]


def _hue_sat(rgb: np.ndarray):
    rgb = rgb[..., :3].astype(float) / 255.0
    mx, mn = rgb.max(axis=-1), rgb.min(axis=-1)
    delta = np.maximum(mx - mn, 1e-9)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    hue = np.where(mx == r, ((g - b) / delta) % 6, np.where(mx == g, (b - r) / delta + 2, (r - g) / delta + 4))
    sat = np.where(mx > 0, (mx - mn) / np.maximum(mx, 1e-9), 0.0)
    return hue * 60.0, sat, mx


def colour_pixels(image: np.ndarray, hex_colour: str, hue_tol: float = 25.0) -> tuple[int, float]:
    """Pixels whose hue is near ``hex_colour``'s (lighting changes brightness, not hue).

    Returns the pixel count and their median saturation relative to the
    colour's own saturation (about 1 for the full colour, lower when dimmed).
    Greys (the background and the ghosted cortex) are excluded.
    """
    target = np.array([[[int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]]], dtype=np.uint8)
    t_hue, t_sat, _ = _hue_sat(target)
    hue, sat, val = _hue_sat(image)
    near = np.abs((hue - t_hue[0, 0] + 180.0) % 360.0 - 180.0) < hue_tol
    chosen = near & (sat > 0.25) & (val > 0.15)
    if not chosen.any():
        return 0, 0.0
    return int(chosen.sum()), float(np.median(sat[chosen]) / t_sat[0, 0])


def test_colour_classifier_on_synthetic_pixels():
    img = np.zeros((3, 4, 3), np.uint8)
    img[0] = [230, 159, 0]      # PFC orange
    img[1] = [0, 120, 88]       # hippocampus green, shaded darker
    img[2] = [200, 200, 200]    # grey cortex
    assert colour_pixels(img, "#E69F00")[0] == 4
    assert colour_pixels(img, "#009E73")[0] == 4
    assert colour_pixels(img, "#CC79A7")[0] == 0


# ---------------------------------------------------------------- renders (run concurrently)
RENDERS = {
    "small": ("--size", "320x200"),
    "default": ("--size", "480x300"),
    "hippocampus": ("--size", "480x300", "--region", "hippocampus"),
}


@pytest.fixture(scope="module")
def renders(tmp_path_factory):
    folder = tmp_path_factory.mktemp("renders")
    # build the session's mesh cache once, so the renders do not all mesh at the same time
    from atlases.meshes.brain_model import load_brain_model

    load_brain_model("desikan_killiany")
    procs = {}
    for name, args in RENDERS.items():
        out = folder / f"{name}.png"
        procs[name] = (out, subprocess.Popen(_cmd("--screenshot", str(out), *args), cwd=ROOT,
                                             env=os.environ.copy(), stdout=subprocess.PIPE,
                                             stderr=subprocess.PIPE, text=True))
    results = {}
    for name, (out, proc) in procs.items():
        stdout, stderr = proc.communicate(timeout=300)
        results[name] = (proc.returncode, stdout, stderr, out)
    return results


def _ok(render):
    code, stdout, stderr, out = render
    assert code == 0, stderr
    assert "Traceback" not in stderr
    assert out.is_file()
    return out


def test_screenshot_writes_a_png_of_the_requested_size(renders):
    out = _ok(renders["small"])
    assert f"wrote {out}" in renders["small"][1]
    assert png_size(out) == (320, 200)
    pixels = read_png(out)
    assert pixels.shape[:2] == (200, 320)
    assert pixels[..., :3].std() > 10, "the image is blank"


def test_default_render_shows_all_three_region_colours(renders):
    image = read_png(_ok(renders["default"]))
    assert image.shape[:2] == (300, 480)
    for region_id, colour in REGION_COLOURS.items():
        count, rel_sat = colour_pixels(image, colour)
        assert count > 300, f"{region_id} ({colour}) covers only {count} pixels"
        # seen through the ghosted cortex the hippocampus keeps ~0.7; a dimmed region drops below 0.5
        assert rel_sat > 0.55, f"{region_id} looks dimmed in the default render ({rel_sat:.2f})"
    # the background (light theme) dominates the corners
    corner = image[:10, :10, :3].reshape(-1, 3).mean(axis=0)
    assert (corner > 230).all()


def test_emphasised_hippocampus_render(renders):
    image = read_png(_ok(renders["hippocampus"]))
    count, rel_sat = colour_pixels(image, REGION_COLOURS["hippocampus"])
    assert count > 300, f"the hippocampus covers only {count} pixels"
    assert rel_sat > 0.7
    # the other regions are dimmed toward the cortex colour: much less saturated than in the default render
    default = read_png(_ok(renders["default"]))
    for region_id in ("prefrontal_cortex", "posteromedial_cortex"):
        _, sat_default = colour_pixels(default, REGION_COLOURS[region_id])
        _, sat_dimmed = colour_pixels(image, REGION_COLOURS[region_id])
        assert sat_dimmed < 0.75 * sat_default, region_id


# ---------------------------------------------------------------- names and usage errors
def _usage_error(proc: subprocess.CompletedProcess, *must_list: str):
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line, got:\n{proc.stderr}"
    for name in must_list:
        assert name in lines[0], (name, lines[0])
    return lines[0]


@pytest.mark.parametrize("args, names", [
    (("--region", "amygdala"), ("'amygdala'", "prefrontal_cortex", "hippocampus", "posteromedial_cortex")),
    (("--view", "oblique"), ("'oblique'", "lateral", "medial", "anterior", "posterior", "superior", "inferior")),
    (("--atlas", "aal"), ("'aal'", "desikan_killiany")),
    (("--theme", "neon"), ("'neon'", "light", "dark", "projector")),
], ids=["region", "view", "atlas", "theme"])
def test_unknown_names_exit_2_with_the_valid_names(tmp_path, args, names):
    out = tmp_path / "never.png"
    proc = run_main("--screenshot", str(out), "--size", "64x64", *args)
    line = _usage_error(proc, *names)
    assert line.startswith("error: unknown")
    assert not out.exists(), "the screenshot was rendered despite the bad name"


@pytest.mark.parametrize("size", ["320", "320x", "x200", "abcxdef", "320x200x3", "10x10", "0x200", "-5x100",
                                  "9000x100", "320 200", ""])
def test_bad_size_exits_2(tmp_path, size):
    out = tmp_path / "never.png"
    proc = run_main("--screenshot", str(out), "--size", size)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "--size" in proc.stderr
    assert not out.exists()


def test_unknown_option_exits_2():
    proc = run_main("--colour", "red")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_list_shows_atlases_regions_views_and_themes():
    proc = run_main("--list")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    out = proc.stdout
    assert "desikan_killiany" in out
    dk_line = next(line for line in out.splitlines() if "desikan_killiany" in line)
    assert "[available]" in dk_line
    for name in ("prefrontal_cortex", "hippocampus", "posteromedial_cortex", "lateral", "medial_right",
                 "light", "dark", "projector"):
        assert name in out


def test_help_exits_0():
    proc = run_main("--help")
    assert proc.returncode == 0 and "--screenshot" in proc.stdout


def test_unwritable_screenshot_path_is_a_one_line_error(tmp_path):
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder")
    proc = run_main("--screenshot", str(blocker / "out.png"), "--size", "64x64")
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    assert "a_file" in lines[0], proc.stderr
