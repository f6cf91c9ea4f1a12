"""Hostile output paths (class 9): where an image goes, and how it is written.

* The output path is checked before anything is loaded or rendered: no or an
  unsupported extension, a folder, a path below a file, a named pipe, a
  device (/dev/full, /dev/null), a socket. Nothing is ever appended to the
  name, and the path printed is the path written.
* Files are written atomically: a full disk (simulated, and a real 64 KB
  tmpfs when the tests run as root), an fsync or rename failure, or a pipe
  put in place mid-write leave the old file untouched and no temporary file.
* The window's File > Export image... follows the same rules, blank views
  included (``gui``).

New modules are imported inside the tests, so that on the old code each test
fails for its own reason rather than at collection.
"""

from __future__ import annotations

import errno
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers_output import ROOT, SETTINGS, listing, main_run, picture, read_image

SUPPORTED = [".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp"]
UNSUPPORTED = [".gif", ".svg", ".pdf", ".eps", ".webp", ".ps", ".gz", ".png.gz", ".txt", ".PNG_", ".p ng", ".vtk"]


# ================================================================ class 9: the path, before any render
@pytest.mark.parametrize("suffix", UNSUPPORTED + [s.upper() for s in (".gif", ".svg")])
def test_unsupported_extension_is_refused_before_loading(tmp_path, no_render, capsys, suffix):
    out = tmp_path / f"brain{suffix}"
    code = main_run("--screenshot", str(out), "--size", "64x48", "--content", str(tmp_path))
    err = capsys.readouterr().err
    assert code == 2, err
    assert ".png" in err and "Traceback" not in err
    assert listing(tmp_path) == []


@pytest.mark.parametrize("name", ["out", "brain.d/out", ".png", "out.", "archive.tar/x"])
def test_missing_extension_is_refused_and_nothing_appended(tmp_path, no_render, capsys, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "brain.d").mkdir()
    (tmp_path / "archive.tar").mkdir()
    code = main_run("--screenshot", name, "--size", "64x48")
    err = capsys.readouterr().err
    assert code == 2, err
    assert "extension" in err and ".png" in err
    assert listing(tmp_path) == ["archive.tar", "brain.d"]
    assert listing(tmp_path / "brain.d") == [] and listing(tmp_path / "archive.tar") == []


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
    before = listing(tmp_path)
    code = main_run("--screenshot", str(target), "--size", "64x48")
    err = capsys.readouterr().err
    assert code == 1, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert words.lower() in lines[0].lower(), lines[0]
    assert listing(tmp_path) == before
    if case == "fifo":
        assert stat.S_ISFIFO(os.stat(target).st_mode)


@pytest.mark.parametrize("suffix", SUPPORTED + [".PNG", ".Jpg"])
def test_check_output_path_accepts_each_supported_extension(tmp_path, suffix):
    from viewer.scene.image_output import check_output_path

    assert check_output_path(tmp_path / f"b{suffix}") == tmp_path / f"b{suffix}"


def test_check_output_path_follows_a_link_to_a_regular_file(tmp_path):
    from viewer.scene.image_output import check_output_path, write_image

    real = tmp_path / "real.png"
    real.write_bytes(b"old")
    link = tmp_path / "link.png"
    link.symlink_to(real)
    assert check_output_path(link) == real
    assert write_image(picture(), link) == real
    assert link.is_symlink() and real.read_bytes()[:4] == b"\x89PNG"


# ================================================================ class 9: what is written
@pytest.mark.parametrize("suffix", SUPPORTED)
def test_each_supported_format_round_trips(tmp_path, suffix):
    from PIL import Image

    from viewer.scene.image_output import write_image

    img = picture(80, 60)
    out = tmp_path / f"brain{suffix}"
    assert write_image(img, out) == out
    assert listing(tmp_path) == [out.name]
    with Image.open(out) as read:
        assert read.size == (80, 60)
        back = np.asarray(read.convert("RGB"))
    diff = np.abs(back.astype(int) - img.astype(int))
    assert (diff.max() == 0) if suffix not in (".jpg", ".jpeg") else (diff.mean() < 3)


def test_a_new_file_gets_normal_permissions_and_a_replaced_one_keeps_its_own(tmp_path):
    from viewer.scene.image_output import write_image

    old_mask = os.umask(0o022)
    try:
        fresh = write_image(picture(), tmp_path / "fresh.png")
        assert stat.S_IMODE(os.stat(fresh).st_mode) == 0o644
        private = tmp_path / "private.png"
        private.write_bytes(b"old")
        private.chmod(0o600)
        write_image(picture(), private)
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
    from viewer.scene.image_output import OutputError, write_image

    where, fake, words = FAILURES[case]
    if fake is None:
        err = errno.ENOSPC if case == "fsync" else errno.EACCES

        def fake(*a, **k):
            raise OSError(err, os.strerror(err))
    monkeypatch.setattr(where, fake)
    out = tmp_path / "brain.png"
    out.write_bytes(b"the old image")
    with pytest.raises(OutputError) as info:
        write_image(picture(), out)
    assert words in str(info.value) and "brain.png" in str(info.value)
    assert out.read_bytes() == b"the old image"
    assert listing(tmp_path) == ["brain.png"]


def test_a_failed_first_write_leaves_no_file_at_all(tmp_path, monkeypatch):
    from viewer.scene.image_output import OutputError, write_image

    monkeypatch.setattr("PIL.Image.Image.save", _failing_save(OSError(errno.ENOSPC, "No space left on device")))
    with pytest.raises(OutputError):
        write_image(picture(), tmp_path / "brain.png")
    assert listing(tmp_path) == []


def test_a_pipe_put_in_place_during_the_write_is_not_replaced(tmp_path, monkeypatch):
    from PIL import Image

    from viewer.scene.image_output import OutputError, write_image

    out = tmp_path / "brain.png"
    real_save = Image.Image.save

    def save_then_swap(self, fp, *args, **kwargs):
        real_save(self, fp, *args, **kwargs)
        os.mkfifo(out)
    monkeypatch.setattr(Image.Image, "save", save_then_swap)
    with pytest.raises(OutputError, match="named pipe"):
        write_image(picture(), out)
    assert stat.S_ISFIFO(os.stat(out).st_mode)
    assert listing(tmp_path) == ["brain.png"]


def test_a_real_full_disk_leaves_the_old_file_and_no_temporary(small_tmpfs):
    from viewer.scene.image_output import OutputError, write_image

    out = small_tmpfs / "brain.png"
    out.write_bytes(b"the old image")
    noise = np.random.default_rng(1).integers(0, 256, (200, 200, 3), dtype=np.uint8)  # 120 KB, incompressible
    with pytest.raises(OutputError, match="No space left"):
        write_image(noise, out)
    assert out.read_bytes() == b"the old image"
    assert listing(small_tmpfs) == ["brain.png"]


def test_cli_on_a_real_full_disk_exits_1_and_keeps_the_old_file(small_tmpfs, fake_render, capsys):
    fake_render(lambda size: np.random.default_rng(2).integers(0, 256, (size[1], size[0], 3), dtype=np.uint8))
    out = small_tmpfs / "brain.png"
    out.write_bytes(b"the old image")
    code = main_run("--screenshot", str(out), "--size", "200x200")
    captured = capsys.readouterr()
    assert code == 1 and "No space left" in captured.err and "wrote" not in captured.out
    assert out.read_bytes() == b"the old image"
    assert listing(small_tmpfs) == ["brain.png"]


# ================================================================ class 9: the CLI reports the real path
def test_cli_writes_exactly_the_path_asked_and_prints_it(tmp_path, fake_render, monkeypatch, capsys):
    fake_render(lambda size: picture(*size))
    monkeypatch.chdir(tmp_path)
    for name in ("rel.png", "sub/dir/deep.jpg", "Brain.TIFF", "b.bmp"):
        code = main_run("--screenshot", name, "--size", "64x48")
        out = capsys.readouterr().out
        assert code == 0
        assert out.strip() == f"wrote {tmp_path / name}"
        assert (tmp_path / name).is_file()
    assert listing(tmp_path) == ["Brain.TIFF", "b.bmp", "rel.png", "sub"]
    assert listing(tmp_path / "sub" / "dir") == ["deep.jpg"]


def test_cli_blank_render_exits_1_and_writes_nothing(tmp_path, fake_render, capsys):
    fake_render(lambda size: np.zeros((size[1], size[0], 3), np.uint8))
    out = tmp_path / "brain.png"
    out.write_bytes(b"the old image")
    code = main_run("--screenshot", str(out), "--size", "64x48")
    captured = capsys.readouterr()
    assert code == 1, captured.err
    assert "blank" in captured.err and "brain.png" in captured.err and "wrote" not in captured.out
    assert out.read_bytes() == b"the old image"


# ================================================================ class 9: properties of the path rules
NAME_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="/\0")


@SETTINGS
@given(stem=st.text(NAME_CHARS, min_size=1, max_size=40), suffix=st.text(NAME_CHARS, max_size=8))
def test_property_image_format_accepts_exactly_the_supported_extensions(stem, suffix):
    from viewer.scene.image_output import FORMATS, UnsupportedFormatError, image_format

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
    from viewer.scene.image_output import OutputError, check_output_path

    folder = tmp_path / "prop"
    folder.mkdir(exist_ok=True)
    try:
        target = check_output_path(folder / name if name else name)
    except OutputError:
        pass
    else:
        assert target.is_absolute() and not target.exists() or target.is_file()
    assert listing(folder) == []


@SETTINGS
@given(stem=st.text(st.characters(whitelist_categories=("L", "N"), max_codepoint=0x2FF), min_size=1, max_size=30),
       suffix=st.sampled_from(SUPPORTED), fail=st.sampled_from([None, "save", "fsync", "replace"]),
       existed=st.booleans())
def test_property_a_write_ends_with_the_old_file_or_the_new_one_and_nothing_else(tmp_path, stem, suffix, fail,
                                                                                 existed):
    import tempfile

    from PIL import Image

    from viewer.scene.image_output import OutputError, write_image

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
        write_image(picture(), out)
    except OutputError:
        assert fail is not None
    finally:
        if saved is not None:
            setattr(owner, attr, saved)
    names = listing(folder)
    if fail is None:
        assert names == [out.name] and out.stat().st_size > 100
    else:
        assert names == ([out.name] if existed else []) and (not existed or out.read_bytes() == b"old")


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
    assert target.is_file() and listing(tmp_path) == ["brain.png"]
    assert str(target) in window.statusBar().currentMessage()
    assert read_image(target).shape[:2] == tuple(real_snapshot().shape[:2])
    assert not boxes.shown

    # no extension: refused before rendering, nothing appended, a plain-text warning
    renders.clear()
    assert window.save_image(tmp_path / "brain") is None
    assert not renders and listing(tmp_path) == ["brain.png"]
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
    assert target.read_bytes() == old and sorted(listing(tmp_path)) == ["brain.png", "pipe.png"]


@pytest.mark.gui
def test_window_export_is_what_the_view_shows_labels_included(make_window, tmp_path):
    """VTK's tiled (scaled) screenshots drop the 2D labels: the export stays at the view's own size."""
    window = make_window(size=(900, 600))
    window.state.set_labels_visible(True)
    window.labels.refresh()
    with_labels = read_image(window.save_image(tmp_path / "labels.png"))
    assert np.abs(with_labels.astype(int) - window.brain_view.snapshot().astype(int)).mean() < 0.5
    window.state.set_labels_visible(False)
    without = read_image(window.save_image(tmp_path / "plain.png"))
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
    assert out.read_bytes() == b"the old image" and listing(tmp_path) == ["blank.png"]

