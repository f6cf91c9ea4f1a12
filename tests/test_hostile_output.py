"""Hostile output: where an image goes (class 9) and large or blank renders (class 8).

* The output path is checked before anything is loaded or rendered: no or an
  unsupported extension, a folder, a path below a file, a named pipe, a
  device (/dev/full, /dev/null), a socket. Nothing is ever appended to the
  name, and the path printed is the path written.
* Files are written atomically: a full disk (simulated, and a real 64 KB
  tmpfs when the tests run as root), an fsync or rename failure, or a pipe
  put in place mid-write leave the old file untouched and no temporary file.
* A blank image (one colour, or only the background) is an error, not a file.
* Sizes beyond the renderer's single-frame limit render in tiles, without
  seams or uninitialised strips; a VTK framebuffer error is an error.
* The window's File > Export image... follows the same rules (``gui``).

New modules are imported inside the tests, so that on the old code each test
fails for its own reason rather than at collection.
"""

from __future__ import annotations

import errno
import json
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
SUPPORTED = [".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp"]
UNSUPPORTED = [".gif", ".svg", ".pdf", ".eps", ".webp", ".ps", ".gz", ".png.gz", ".txt", ".PNG_", ".p ng", ".vtk"]


def _main_run(*args: str) -> int:
    import main

    return main.run(list(args))


def _picture(width=64, height=48, seed=0) -> np.ndarray:
    """A non-blank test image: a vertical gradient with a coloured block."""
    img = np.zeros((height, width, 3), np.uint8)
    img[...] = np.linspace(30, 200, height, dtype=np.uint8)[:, None, None]
    img[height // 4:height // 2, width // 4:width // 2] = (230, 159, 0)
    if seed:
        img ^= np.random.default_rng(seed).integers(0, 8, img.shape, dtype=np.uint8)
    return img


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def fake_render(monkeypatch):
    """``main.py --screenshot`` without OpenGL or an atlas: ``make(size)`` gives the 'rendered' pixels."""
    from types import SimpleNamespace

    import viewer.headless

    def install(make):
        monkeypatch.setattr(viewer.headless, "load_brain_model",
                            lambda *a, **k: SimpleNamespace(atlas=SimpleNamespace(region=lambda r: None)))
        monkeypatch.setattr(viewer.headless, "_render", lambda model, size, *a: make(size))
    return install


@pytest.fixture
def no_render(monkeypatch):
    """Fail the test if anything is loaded or rendered."""
    def boom(*a, **k):
        raise AssertionError("loaded or rendered before the output path was checked")

    import atlases.brain_model
    import atlases.content_folder
    import pyvista
    import viewer.headless

    monkeypatch.setattr(atlases.brain_model, "load_brain_model", boom)
    monkeypatch.setattr(viewer.headless, "load_brain_model", boom)
    monkeypatch.setattr(atlases.content_folder, "load_lecture_folder", boom)
    monkeypatch.setattr(pyvista, "Plotter", boom)


# ================================================================ class 9: the path, before any render
@pytest.mark.parametrize("suffix", UNSUPPORTED + [s.upper() for s in (".gif", ".svg")])
def test_unsupported_extension_is_refused_before_loading(tmp_path, no_render, capsys, suffix):
    out = tmp_path / f"brain{suffix}"
    code = _main_run("--screenshot", str(out), "--size", "64x48", "--content", str(tmp_path))
    err = capsys.readouterr().err
    assert code == 2, err
    assert ".png" in err and "Traceback" not in err
    assert _listing(tmp_path) == []


@pytest.mark.parametrize("name", ["out", "brain.d/out", ".png", "out.", "archive.tar/x"])
def test_missing_extension_is_refused_and_nothing_appended(tmp_path, no_render, capsys, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "brain.d").mkdir()
    (tmp_path / "archive.tar").mkdir()
    code = _main_run("--screenshot", name, "--size", "64x48")
    err = capsys.readouterr().err
    assert code == 2, err
    assert "extension" in err and ".png" in err
    assert _listing(tmp_path) == ["archive.tar", "brain.d"]
    assert _listing(tmp_path / "brain.d") == [] and _listing(tmp_path / "archive.tar") == []


def test_empty_output_name_is_refused_not_the_window():
    """An empty name used to open the window (it was falsy): a child process, so that cannot hang the tests."""
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "--screenshot", "", "--size", "64x48"], cwd=ROOT,
                          env=os.environ.copy(), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "no output file name" in proc.stderr


_DRAINS: list = []


def _make_fifo(path: Path) -> Path:
    """A named pipe with a reader draining it, so that code which wrongly writes to it fails the test, not hangs."""
    import threading

    os.mkfifo(path)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    stop = threading.Event()

    def drain():
        while not stop.is_set():
            try:
                os.read(fd, 1 << 16)
            except BlockingIOError:
                stop.wait(0.01)
            except OSError:
                return
    thread = threading.Thread(target=drain, daemon=True)
    thread.start()
    _DRAINS.append((stop, thread, fd))
    return path


@pytest.fixture(autouse=True)
def _stop_fifo_drains():
    yield
    while _DRAINS:
        stop, thread, fd = _DRAINS.pop()
        stop.set()
        thread.join(5)
        os.close(fd)


def _make_socket(path: Path) -> Path:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(path))
    sock.close()
    return path


HOSTILE_TARGETS = {
    "folder": (lambda t: (t / "shot.png").mkdir() or t / "shot.png", "folder"),
    "below_a_file": (lambda t: (t / "a_file").write_text("x") and t / "a_file" / "out.png", "a_file"),
    "deep_below_a_file": (lambda t: (t / "a_file").write_text("x") and t / "a_file" / "d" / "out.png", "a_file"),
    "fifo": (lambda t: _make_fifo(t / "pipe.png"), "named pipe"),
    "socket": (lambda t: _make_socket(t / "sock.png"), "socket"),
    "link_to_fifo": (lambda t: os.symlink(_make_fifo(t / "p.png"), t / "l.png") or t / "l.png", "named pipe"),
    "dev_full": (lambda t: Path("/dev/full"), "device"),
    "dev_null": (lambda t: Path("/dev/null"), "device"),
    "dev_full_png": (lambda t: os.symlink("/dev/full", t / "full.png") or t / "full.png", "device"),
    "trailing_slash": (lambda t: str(t / "new.png") + "/", "folder"),
    "nul": (lambda t: str(t / "a\0b.png"), "NUL"),
    "too_long": (lambda t: t / ("x" * 300 + ".png"), "too long"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_TARGETS))
def test_non_regular_or_impossible_target_is_a_one_line_error(tmp_path, no_render, capsys, case):
    make, words = HOSTILE_TARGETS[case]
    target = make(tmp_path)
    before = _listing(tmp_path)
    code = _main_run("--screenshot", str(target), "--size", "64x48")
    err = capsys.readouterr().err
    assert code == 1, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert words.lower() in lines[0].lower(), lines[0]
    assert _listing(tmp_path) == before
    if case == "fifo":
        assert stat.S_ISFIFO(os.stat(target).st_mode)


@pytest.mark.parametrize("suffix", SUPPORTED + [".PNG", ".Jpg"])
def test_check_output_path_accepts_each_supported_extension(tmp_path, suffix):
    from viewer.image_output import check_output_path

    assert check_output_path(tmp_path / f"b{suffix}") == tmp_path / f"b{suffix}"


def test_check_output_path_follows_a_link_to_a_regular_file(tmp_path):
    from viewer.image_output import check_output_path, write_image

    real = tmp_path / "real.png"
    real.write_bytes(b"old")
    link = tmp_path / "link.png"
    link.symlink_to(real)
    assert check_output_path(link) == real
    assert write_image(_picture(), link) == real
    assert link.is_symlink() and real.read_bytes()[:4] == b"\x89PNG"


# ================================================================ class 9: what is written
@pytest.mark.parametrize("suffix", SUPPORTED)
def test_each_supported_format_round_trips(tmp_path, suffix):
    from PIL import Image

    from viewer.image_output import write_image

    img = _picture(80, 60)
    out = tmp_path / f"brain{suffix}"
    assert write_image(img, out) == out
    assert _listing(tmp_path) == [out.name]
    with Image.open(out) as read:
        assert read.size == (80, 60)
        back = np.asarray(read.convert("RGB"))
    diff = np.abs(back.astype(int) - img.astype(int))
    assert (diff.max() == 0) if suffix not in (".jpg", ".jpeg") else (diff.mean() < 3)


def test_a_new_file_gets_normal_permissions_and_a_replaced_one_keeps_its_own(tmp_path):
    from viewer.image_output import write_image

    old_mask = os.umask(0o022)
    try:
        fresh = write_image(_picture(), tmp_path / "fresh.png")
        assert stat.S_IMODE(os.stat(fresh).st_mode) == 0o644
        private = tmp_path / "private.png"
        private.write_bytes(b"old")
        private.chmod(0o600)
        write_image(_picture(), private)
        assert stat.S_IMODE(os.stat(private).st_mode) == 0o600
    finally:
        os.umask(old_mask)


def _failing_save(error: Exception, after_bytes: int = 100):
    """A Pillow ``save`` that writes some bytes, then fails (a disk filling up mid-write)."""
    def save(self, fp, *args, **kwargs):
        fp.write(b"\x89PNG" + b"\0" * after_bytes)
        raise error
    return save


FAILURES = {
    "enospc_in_encoder": ("PIL.Image.Image.save", _failing_save(OSError(errno.ENOSPC, "No space left on device")),
                          "No space left"),
    "eio_in_encoder": ("PIL.Image.Image.save", _failing_save(OSError(errno.EIO, "Input/output error")),
                       "Input/output"),
    "encoder_value_error": ("PIL.Image.Image.save", _failing_save(ValueError("bad mode")), "encode"),
    "fsync": ("os.fsync", None, "No space left"),
    "replace": ("os.replace", None, "Permission denied"),
}


@pytest.mark.parametrize("case", sorted(FAILURES))
def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch, case):
    from viewer.image_output import OutputError, write_image

    where, fake, words = FAILURES[case]
    if fake is None:
        err = errno.ENOSPC if case == "fsync" else errno.EACCES

        def fake(*a, **k):
            raise OSError(err, os.strerror(err))
    monkeypatch.setattr(where, fake)
    out = tmp_path / "brain.png"
    out.write_bytes(b"the old image")
    with pytest.raises(OutputError) as info:
        write_image(_picture(), out)
    assert words in str(info.value) and "brain.png" in str(info.value)
    assert out.read_bytes() == b"the old image"
    assert _listing(tmp_path) == ["brain.png"]


def test_a_failed_first_write_leaves_no_file_at_all(tmp_path, monkeypatch):
    from viewer.image_output import OutputError, write_image

    monkeypatch.setattr("PIL.Image.Image.save", _failing_save(OSError(errno.ENOSPC, "No space left on device")))
    with pytest.raises(OutputError):
        write_image(_picture(), tmp_path / "brain.png")
    assert _listing(tmp_path) == []


def test_a_pipe_put_in_place_during_the_write_is_not_replaced(tmp_path, monkeypatch):
    from PIL import Image

    from viewer.image_output import OutputError, write_image

    out = tmp_path / "brain.png"
    real_save = Image.Image.save

    def save_then_swap(self, fp, *args, **kwargs):
        real_save(self, fp, *args, **kwargs)
        os.mkfifo(out)
    monkeypatch.setattr(Image.Image, "save", save_then_swap)
    with pytest.raises(OutputError, match="named pipe"):
        write_image(_picture(), out)
    assert stat.S_ISFIFO(os.stat(out).st_mode)
    assert _listing(tmp_path) == ["brain.png"]


@pytest.fixture
def small_tmpfs(tmp_path):
    """A real 64 KB file system (root only; skipped elsewhere)."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True)
    if proc.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {proc.stderr.decode(errors='replace').strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_a_real_full_disk_leaves_the_old_file_and_no_temporary(small_tmpfs):
    from viewer.image_output import OutputError, write_image

    out = small_tmpfs / "brain.png"
    out.write_bytes(b"the old image")
    noise = np.random.default_rng(1).integers(0, 256, (200, 200, 3), dtype=np.uint8)  # 120 KB, incompressible
    with pytest.raises(OutputError, match="No space left"):
        write_image(noise, out)
    assert out.read_bytes() == b"the old image"
    assert _listing(small_tmpfs) == ["brain.png"]


def test_cli_on_a_real_full_disk_exits_1_and_keeps_the_old_file(small_tmpfs, fake_render, capsys):
    fake_render(lambda size: np.random.default_rng(2).integers(0, 256, (size[1], size[0], 3), dtype=np.uint8))
    out = small_tmpfs / "brain.png"
    out.write_bytes(b"the old image")
    code = _main_run("--screenshot", str(out), "--size", "200x200")
    captured = capsys.readouterr()
    assert code == 1 and "No space left" in captured.err and "wrote" not in captured.out
    assert out.read_bytes() == b"the old image"
    assert _listing(small_tmpfs) == ["brain.png"]


# ================================================================ class 9: the CLI reports the real path
def test_cli_writes_exactly_the_path_asked_and_prints_it(tmp_path, fake_render, monkeypatch, capsys):
    fake_render(lambda size: _picture(*size))
    monkeypatch.chdir(tmp_path)
    for name in ("rel.png", "sub/dir/deep.jpg", "Brain.TIFF", "b.bmp"):
        code = _main_run("--screenshot", name, "--size", "64x48")
        out = capsys.readouterr().out
        assert code == 0
        assert out.strip() == f"wrote {tmp_path / name}"
        assert (tmp_path / name).is_file()
    assert _listing(tmp_path) == ["Brain.TIFF", "b.bmp", "rel.png", "sub"]
    assert _listing(tmp_path / "sub" / "dir") == ["deep.jpg"]


def test_cli_blank_render_exits_1_and_writes_nothing(tmp_path, fake_render, capsys):
    fake_render(lambda size: np.zeros((size[1], size[0], 3), np.uint8))
    out = tmp_path / "brain.png"
    out.write_bytes(b"the old image")
    code = _main_run("--screenshot", str(out), "--size", "64x48")
    captured = capsys.readouterr()
    assert code == 1, captured.err
    assert "blank" in captured.err and "brain.png" in captured.err and "wrote" not in captured.out
    assert out.read_bytes() == b"the old image"


# ================================================================ class 8: blank detection
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
    "picture": _picture,
}


def _with(img, yx, colour):
    img[yx] = colour
    return img


@pytest.mark.parametrize("case", sorted(BLANK))
def test_blank_images_are_detected(case):
    from viewer.image_output import blank_reason

    assert blank_reason(BLANK[case]) is not None


@pytest.mark.parametrize("case", sorted(DRAWN))
def test_drawn_images_are_not_blank(case):
    from viewer.image_output import blank_reason

    assert blank_reason(DRAWN[case]()) is None


@pytest.mark.parametrize("shape", [(0, 10, 3), (10, 0, 3), (10, 10, 0), (5,), (2, 2, 2, 2)])
def test_empty_or_shapeless_arrays_are_blank(shape):
    from viewer.image_output import blank_reason

    assert "empty" in blank_reason(np.zeros(shape, np.uint8))


def test_write_image_refuses_a_blank_or_non_rgb_image(tmp_path):
    from viewer.image_output import OutputError, write_image

    with pytest.raises(OutputError, match="blank"):
        write_image(BLANK["dark_background"], tmp_path / "a.png")
    with pytest.raises(OutputError, match="8-bit RGB"):
        write_image(_picture().astype(np.float32), tmp_path / "b.png")
    assert _listing(tmp_path) == []


COLOURS = st.tuples(*[st.integers(0, 255)] * 3)


@SETTINGS
@given(h=st.integers(1, 300), w=st.integers(1, 300), bottom=COLOURS, top=COLOURS)
def test_property_any_vertical_gradient_is_blank(h, w, bottom, top):
    from viewer.image_output import blank_reason

    assert blank_reason(_gradient(h, w, bottom, top)) is not None


@SETTINGS
@given(h=st.integers(1, 300), w=st.integers(2, 300), bottom=COLOURS, top=COLOURS, data=st.data())
def test_property_one_differing_pixel_is_content(h, w, bottom, top, data):
    from viewer.image_output import BLANK_TOLERANCE, blank_reason

    img = _gradient(h, w, bottom, top)
    y, x = data.draw(st.integers(0, h - 1)), data.draw(st.integers(1, w - 1))
    channel = data.draw(st.integers(0, 2))
    img[y, x, channel] = (int(img[y, 0, channel]) + BLANK_TOLERANCE + 1 + data.draw(st.integers(0, 100))) % 256
    if abs(int(img[y, x, channel]) - int(img[y, 0, channel])) > BLANK_TOLERANCE:
        assert blank_reason(img) is None


# ================================================================ class 9: properties of the path rules
NAME_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="/\0")


@SETTINGS
@given(stem=st.text(NAME_CHARS, min_size=1, max_size=40), suffix=st.text(NAME_CHARS, max_size=8))
def test_property_image_format_accepts_exactly_the_supported_extensions(stem, suffix):
    from viewer.image_output import FORMATS, UnsupportedFormatError, image_format

    name = stem + ("." + suffix if suffix else "")
    real_suffix = Path(name).suffix.lower() if name.strip() else ""
    try:
        fmt = image_format(name)
    except UnsupportedFormatError:
        assert real_suffix not in FORMATS
    else:
        assert fmt == FORMATS[real_suffix]


@SETTINGS
@given(name=st.text(st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_property_check_output_path_raises_only_output_errors(tmp_path, name):
    from viewer.image_output import OutputError, check_output_path

    folder = tmp_path / "prop"
    folder.mkdir(exist_ok=True)
    try:
        target = check_output_path(folder / name if name else name)
    except OutputError:
        pass
    else:
        assert target.is_absolute() and not target.exists() or target.is_file()
    assert _listing(folder) == []


@SETTINGS
@given(stem=st.text(st.characters(whitelist_categories=("L", "N"), max_codepoint=0x2FF), min_size=1, max_size=30),
       suffix=st.sampled_from(SUPPORTED), fail=st.sampled_from([None, "save", "fsync", "replace"]),
       existed=st.booleans())
def test_property_a_write_ends_with_the_old_file_or_the_new_one_and_nothing_else(tmp_path, stem, suffix, fail,
                                                                                 existed):
    from PIL import Image

    from viewer.image_output import OutputError, write_image

    import tempfile

    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    out = folder / f"{stem}{suffix}"
    if existed:
        out.write_bytes(b"old")

    def boom(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")
    patches = {"save": (Image.Image, "save"), "fsync": (os, "fsync"), "replace": (os, "replace")}
    saved = None
    if fail:
        owner, attr = patches[fail]
        saved = getattr(owner, attr)
        setattr(owner, attr, boom)
    try:
        write_image(_picture(), out)
    except OutputError:
        assert fail is not None
    finally:
        if saved is not None:
            setattr(owner, attr, saved)
    names = _listing(folder)
    if fail is None:
        assert names == [out.name] and out.stat().st_size > 100
    else:
        assert names == ([out.name] if existed else []) and (not existed or out.read_bytes() == b"old")


# ================================================================ class 8: tiles and limits (no OpenGL)
def test_largest_window_side_matches_vtks_supersampling():
    from viewer.tiled_render import SSAA_FACTOR, largest_window_side

    assert largest_window_side(16384) == 7327  # measured on llvmpipe: 7327 px renders, 7328 is black
    assert largest_window_side(16384, supersampled=False) == 16384
    for gl_max in (1024, 4096, 8192, 16384, 32768):
        side = largest_window_side(gl_max)
        assert int(side * SSAA_FACTOR) <= gl_max < int((side + 1) * SSAA_FACTOR)


@SETTINGS
@given(w=st.integers(16, 8192), h=st.integers(16, 8192), max_side=st.integers(64, 8192))
def test_property_tile_plans_cover_the_image_within_the_limit(w, h, max_side):
    from viewer.tiled_render import plan_tiles

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
    from viewer.tiled_render import TilePlan

    assert TilePlan(size=(side * scale, side), window=(side, side), scale=(scale, 1)).fix_boundary is covered


def test_a_driver_too_small_to_tile_is_refused_naming_its_limit():
    from viewer.tiled_render import RenderError, plan_tiles

    with pytest.raises(RenderError, match="32 pixels"):
        plan_tiles((8192, 8192), 32)


@pytest.mark.parametrize("size", [(8193, 100), (100, 8193), (15, 100), (100, 0), (-1, 50), ("a", 5), (1, 2, 3)])
def test_render_screenshot_bounds_the_size_and_names_the_limit(tmp_path, no_render, size):
    from atlases.errors import ExplorerError
    from viewer.headless import render_screenshot

    with pytest.raises(ExplorerError) as info:
        render_screenshot(tmp_path / "x.png", size=size)
    assert "8192" in str(info.value) or "whole numbers" in str(info.value)
    assert _listing(tmp_path) == []


def test_the_cli_size_limit_names_the_limit(capsys):
    with pytest.raises(SystemExit) as info:
        _main_run("--screenshot", "x.png", "--size", "8193x100")
    assert info.value.code == 2
    assert "16 and 8192" in capsys.readouterr().err


# ================================================================ class 8: real renders (subprocesses)
def _run_patched(patch: str, *args: str, egl: bool = False, timeout: float = 300) -> subprocess.CompletedProcess:
    """``main.run(args)`` in a child process after running ``patch`` (Python source)."""
    code = f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n{patch}\nimport main\nsys.exit(main.run({list(args)!r}))\n"
    env = os.environ.copy()
    if egl:
        env.pop("DISPLAY", None)
        env.pop("WAYLAND_DISPLAY", None)
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout)


def _read(path: Path) -> np.ndarray:
    from PIL import Image

    with Image.open(path) as img:
        return np.asarray(img.convert("RGB"))


DISPLAYS = [pytest.param(True, id="egl"),
            pytest.param(False, id="x", marks=pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="no X"))]


@pytest.mark.parametrize("egl", DISPLAYS)
def test_wider_than_the_single_frame_limit_renders_a_real_image(tmp_path, egl):
    """8000 px is above llvmpipe's 7327 px super-sampled limit: it used to come out black with exit 0."""
    from helpers_images import count_hue_pixels

    out = tmp_path / "wide.png"
    proc = _run_patched("", "--screenshot", str(out), "--size", "8000x64", egl=egl)
    assert proc.returncode == 0, proc.stderr
    assert "Frame buffer" not in proc.stderr and "framebuffer" not in proc.stderr.lower()
    assert proc.stdout.strip() == f"wrote {out}"
    pixels = _read(out)
    assert pixels.shape == (64, 8000, 3)
    assert count_hue_pixels(pixels, "#E69F00") > 200, "no prefrontal orange: the render is not a brain"


TILE_COMPARE = """
import json
import numpy as np
from atlases.brain_model import load_brain_model
from viewer import headless, tiled_render
from viewer.themes import get_theme
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
import viewer.scene as s
_show = s.BrainScene.show_view
def show_view(self, view):
    _show(self, view)
    for actor in list(self.plotter.renderer.actors.values()):
        actor.SetVisibility(False)
s.BrainScene.show_view = show_view
"""


@pytest.mark.parametrize("theme", ["light", "dark", "projector"])
def test_a_render_that_draws_nothing_is_an_error(tmp_path, theme):
    out = tmp_path / "empty.png"
    proc = _run_patched(HIDE_EVERYTHING, "--screenshot", str(out), "--size", "96x64", "--theme", theme)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "blank" in proc.stderr and "wrote" not in proc.stdout
    assert _listing(tmp_path) == []


def test_a_framebuffer_error_from_vtk_is_an_error_not_a_black_file(tmp_path):
    """The tile limit lifted past the driver's real one: VTK cannot make the framebuffer."""
    patch = ("import viewer.tiled_render as t\nt.MAX_TILE_SIDE = 10**6\n"
             "t.largest_window_side = lambda gl_max, supersampled=True: 10**6")
    out = tmp_path / "wide.png"
    proc = _run_patched(patch, "--screenshot", str(out), "--size", "7400x32", egl=True)
    assert proc.returncode == 1, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "wrote" not in proc.stdout
    assert "renderer failed" in proc.stderr or "blank" in proc.stderr
    assert _listing(tmp_path) == []


def test_the_driver_limit_is_asked_at_run_time():
    code = ("import sys; sys.path.insert(0, %r)\n"
            "from viewer.headless import prefer_egl_without_display; prefer_egl_without_display()\n"
            "import pyvista as pv\nfrom viewer.tiled_render import gl_max_side, tile_side_limit\n"
            "p = pv.Plotter(off_screen=True, window_size=[16, 16]); p.render_window.Render()\n"
            "print(gl_max_side(p.render_window), *tile_side_limit(p.render_window)); p.close()\n") % str(ROOT)
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=os.environ.copy(), capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    gl_max, side = (int(v) for v in proc.stdout.split()[:2])
    assert gl_max >= 1024 and 64 <= side <= 2048
    assert f"largest framebuffer is {gl_max} px" in proc.stdout


# ================================================================ class 8 + 9: the window's export
class _Boxes:
    """Records the message boxes the window would show (instead of blocking on them)."""

    def __init__(self, monkeypatch):
        from PySide6.QtWidgets import QMessageBox

        self.shown = []
        monkeypatch.setattr(QMessageBox, "exec", lambda box: self.shown.append(box) or 0)


@pytest.mark.gui
def test_window_export_writes_atomically_and_reports_the_real_path(make_window, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog

    window = make_window()
    boxes = _Boxes(monkeypatch)
    view = window.brain_view
    renders = []
    real_snapshot = view.snapshot
    monkeypatch.setattr(view, "snapshot", lambda *a, **k: renders.append(1) or real_snapshot(*a, **k))

    # through the menu action: the file asked for, the status bar names it
    target = tmp_path / "brain.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    window.export_action.trigger()
    assert target.is_file() and _listing(tmp_path) == ["brain.png"]
    assert str(target) in window.statusBar().currentMessage()
    assert _read(target).shape[:2] == tuple(real_snapshot().shape[:2])
    assert not boxes.shown

    # no extension: refused before rendering, nothing appended, a plain-text warning
    renders.clear()
    assert window.save_image(tmp_path / "brain") is None
    assert not renders and _listing(tmp_path) == ["brain.png"]
    assert len(boxes.shown) == 1 and boxes.shown[0].textFormat() == Qt.TextFormat.PlainText
    assert "extension" in boxes.shown[0].text()

    # markup in the name stays text
    boxes.shown.clear()
    assert window.save_image(tmp_path / "<b>bold</b>.gif") is None
    assert "<b>bold</b>" in boxes.shown[0].text() and boxes.shown[0].textFormat() == Qt.TextFormat.PlainText

    # a named pipe and a device: refused before rendering
    fifo = _make_fifo(tmp_path / "pipe.png")
    for bad in (fifo, Path("/dev/full")):
        boxes.shown.clear()
        assert window.save_image(bad) is None and not renders
        assert "not a regular file" in boxes.shown[0].text()
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)

    # a full disk: the old file stays, no temporary
    old = target.read_bytes()
    monkeypatch.setattr("PIL.Image.Image.save", _failing_save(OSError(errno.ENOSPC, "No space left on device")))
    boxes.shown.clear()
    assert window.save_image(target) is None
    assert "No space left" in boxes.shown[0].text()
    assert target.read_bytes() == old and sorted(_listing(tmp_path)) == ["brain.png", "pipe.png"]


@pytest.mark.gui
def test_window_export_is_what_the_view_shows_labels_included(make_window, tmp_path):
    """VTK's tiled (scaled) screenshots drop the 2D labels: the export stays at the view's own size."""
    window = make_window(size=(900, 600))
    window.state.set_labels_visible(True)
    window.labels.refresh()
    with_labels = _read(window.save_image(tmp_path / "labels.png"))
    assert np.abs(with_labels.astype(int) - window.brain_view.snapshot().astype(int)).mean() < 0.5
    window.state.set_labels_visible(False)
    without = _read(window.save_image(tmp_path / "plain.png"))
    assert with_labels.shape == without.shape
    assert (np.abs(with_labels.astype(int) - without.astype(int)).max(axis=-1) > 60).sum() > 500, "no labels"


@pytest.mark.gui
def test_window_export_of_a_blank_view_is_a_warning_not_a_file(make_window, tmp_path, monkeypatch):
    window = make_window()
    boxes = _Boxes(monkeypatch)
    out = tmp_path / "blank.png"
    out.write_bytes(b"the old image")
    monkeypatch.setattr(window.brain_view, "snapshot", lambda *a, **k: np.zeros((300, 400, 3), np.uint8))
    assert window.save_image(out) is None
    assert "blank" in boxes.shown[0].text()
    assert out.read_bytes() == b"the old image" and _listing(tmp_path) == ["blank.png"]
