"""MovieWriter: MP4 and GIF files with exactly the frames sent, or no file at all.

The files are decoded back with the ffmpeg of imageio-ffmpeg (``count_frames_and_secs`` decodes every
frame) and, for GIF, with Pillow. Frames are tiny (tens of pixels) and synthetic: no renderer here.
"""

from __future__ import annotations

import os

import imageio_ffmpeg
import numpy as np
import pytest
from PIL import Image

from viewer.scene.image_output import OutputError, UnsupportedFormatError
from viewer.scene.movie_output import (
    MAX_FRAMES,
    MAX_GIF_SIDE,
    MOVIE_FORMATS,
    MovieOptionError,
    MovieWriter,
    check_movie,
)

from helpers_output import listing

SIZE = (66, 50)   # not a multiple of 16: ffmpeg's default would pad it to 80x64


def _frame(k: int, size=SIZE) -> np.ndarray:
    """Frame ``k``: a flat colour that differs from frame to frame, with a block that moves."""
    width, height = size
    img = np.empty((height, width, 3), np.uint8)
    img[...] = ((37 * k) % 256, 100, 200 - (11 * k) % 200)
    img[5:15, (3 * k) % (width - 10):(3 * k) % (width - 10) + 10] = (250, 250, 0)
    return img


def _write(path, frames, size=SIZE, fps=24):
    with MovieWriter(path, size, fps, len(frames)) as writer:
        for frame in frames:
            writer.add(frame)
        return writer.finish()


def _meta(path) -> dict:
    reader = imageio_ffmpeg.read_frames(str(path))
    try:
        return next(reader)
    finally:
        reader.close()


@pytest.fixture
def no_encoder(monkeypatch):
    """Fail the test if ffmpeg is started."""
    def boom(*a, **k):
        raise AssertionError("ffmpeg was started before the movie was checked")
    monkeypatch.setattr(imageio_ffmpeg, "write_frames", boom)


# ================================================================ exact files
@pytest.mark.parametrize(("count", "fps"), [(1, 24), (37, 24), (12, 7), (5, 60)])
def test_an_mp4_holds_exactly_the_frames_sent_at_the_rate_asked_in_h264(tmp_path, count, fps):
    out = tmp_path / "turn.mp4"
    assert _write(out, [_frame(k) for k in range(count)], fps=fps) == out
    frames, seconds = imageio_ffmpeg.count_frames_and_secs(str(out))
    meta = _meta(out)
    assert frames == count
    assert meta["codec"] == "h264" and meta["pix_fmt"].startswith("yuv420p")
    assert tuple(meta["size"]) == SIZE and meta["fps"] == pytest.approx(fps)
    assert listing(tmp_path) == ["turn.mp4"]


def test_an_mp4_starts_with_its_index_for_streaming(tmp_path):
    out = _write(tmp_path / "a.mp4", [_frame(k) for k in range(3)])
    head = out.read_bytes()[:4096]
    assert head.find(b"moov") != -1 and (head.find(b"mdat") == -1 or head.find(b"moov") < head.find(b"mdat"))


@pytest.mark.parametrize(("count", "fps"), [(1, 10), (15, 24), (40, 25)])
def test_a_gif_holds_exactly_the_frames_sent_loops_forever_and_lasts_as_long_as_asked(tmp_path, count, fps):
    out = tmp_path / "turn.gif"
    _write(out, [_frame(k) for k in range(count)], fps=fps)
    with Image.open(out) as gif:
        assert gif.n_frames == count and gif.info["loop"] == 0 and gif.size == SIZE
        durations = []
        for k in range(gif.n_frames):
            gif.seek(k)
            durations.append(gif.info["duration"])
            if k in (0, count - 1):   # a palette per frame: the flat colour comes back (within a level or two)
                back = np.asarray(gif.convert("RGB"))[40, 2].astype(int)
                assert np.abs(back - _frame(k)[40, 2]).max() <= 2
    assert abs(sum(durations) - 1000 * count / fps) <= 10 * count   # GIF delays are in 1/100 s
    assert imageio_ffmpeg.count_frames_and_secs(str(out))[0] == count


def test_identical_consecutive_gif_frames_are_kept_as_frames(tmp_path):
    """Pillow's GIF writer merges them (15 in, 10 out); the movie's count must not change."""
    frames = [_frame(0)] * 5 + [_frame(k) for k in range(1, 6)] + [_frame(6)] * 5
    out = _write(tmp_path / "still.gif", frames, fps=10)
    with Image.open(out) as gif:
        assert gif.n_frames == 15
    mp4 = _write(tmp_path / "still.mp4", frames, fps=10)
    assert imageio_ffmpeg.count_frames_and_secs(str(mp4))[0] == 15


@pytest.mark.parametrize("name", ["a.MP4", "b.Gif"])
def test_the_extension_is_matched_without_case_and_nothing_is_appended(tmp_path, name):
    _write(tmp_path / name, [_frame(0), _frame(1)])
    assert listing(tmp_path) == [name]


# ================================================================ refused before anything is created
@pytest.mark.parametrize("name", ["movie.avi", "movie.webm", "movie.mov", "movie", "movie.mp4.part", "movie.png"])
def test_an_unsupported_extension_is_refused_and_nothing_is_created(tmp_path, no_encoder, name):
    with pytest.raises(UnsupportedFormatError, match=r"\.mp4, \.gif"):
        MovieWriter(tmp_path / name, SIZE, 24, 10)
    assert listing(tmp_path) == []
    assert MOVIE_FORMATS == ("mp4", "gif")


@pytest.mark.parametrize(("name", "size", "fps", "frames", "words"), [
    ("odd.mp4", (65, 50), 24, 10, "even"),
    ("odd.mp4", (66, 49), 24, 10, "even"),
    ("big.gif", (MAX_GIF_SIDE + 2, 100), 24, 10, "GIF"),
    ("slow.mp4", SIZE, 0, 10, "frame rate"),
    ("fast.mp4", SIZE, 61, 10, "frame rate"),
    ("fast.gif", SIZE, 51, 10, "frame rate"),
    ("empty.mp4", SIZE, 24, 0, "frames"),
    ("long.mp4", SIZE, 24, MAX_FRAMES + 1, "frames"),
    ("tiny.mp4", (8, 8), 24, 10, "size"),
    ("float.mp4", (64.5, 48), 24, 10, "whole"),
    ("float.gif", SIZE, 2.5, 10, "whole"),
])
def test_options_the_format_cannot_take_are_refused_and_nothing_is_created(tmp_path, no_encoder, name, size, fps,
                                                                           frames, words):
    with pytest.raises(MovieOptionError, match=words):
        MovieWriter(tmp_path / name, size, fps, frames)
    assert listing(tmp_path) == []


def test_an_odd_size_is_fine_for_a_gif(tmp_path):
    out = _write(tmp_path / "odd.gif", [_frame(k, (65, 49)) for k in range(3)], size=(65, 49))
    with Image.open(out) as gif:
        assert gif.size == (65, 49) and gif.n_frames == 3


def test_a_bad_path_is_refused_before_ffmpeg_starts(tmp_path, no_encoder):
    (tmp_path / "folder.mp4").mkdir()
    with pytest.raises(OutputError, match="folder"):
        MovieWriter(tmp_path / "folder.mp4", SIZE, 24, 10)
    (tmp_path / "full.gif").symlink_to("/dev/full")
    with pytest.raises(OutputError, match="device"):
        check_movie(tmp_path / "full.gif", SIZE, 24, 10)
    (tmp_path / "file").write_bytes(b"")
    with pytest.raises(OutputError, match="not a folder"):
        MovieWriter(tmp_path / "file" / "turn.mp4", SIZE, 24, 10)
    assert listing(tmp_path) == ["file", "folder.mp4", "full.gif"]


# ================================================================ cancel and failures leave no file
@pytest.mark.parametrize("kind", MOVIE_FORMATS)
@pytest.mark.parametrize("existing", [False, True])
def test_a_cancel_after_some_frames_leaves_no_file_and_no_temporary(tmp_path, kind, existing):
    out = tmp_path / f"turn.{kind}"
    if existing:
        out.write_bytes(b"the old movie")
    writer = MovieWriter(out, SIZE, 24, 20)
    for k in range(7):
        writer.add(_frame(k))
    assert len(listing(tmp_path)) == 1 + existing   # the hidden temporary file
    writer.cancel()
    writer.cancel()
    assert listing(tmp_path) == (["turn." + kind] if existing else [])
    if existing:
        assert out.read_bytes() == b"the old movie"
    with pytest.raises(ValueError):
        writer.add(_frame(8))


def test_an_exception_inside_the_with_block_cancels(tmp_path):
    with pytest.raises(KeyboardInterrupt):
        with MovieWriter(tmp_path / "turn.mp4", SIZE, 24, 20) as writer:
            writer.add(_frame(0))
            raise KeyboardInterrupt
    assert listing(tmp_path) == []


def test_fewer_frames_than_announced_is_an_error_and_no_file(tmp_path):
    writer = MovieWriter(tmp_path / "turn.gif", SIZE, 24, 5)
    for k in range(4):
        writer.add(_frame(k))
    with pytest.raises(OutputError, match="5 frames but got 4"):
        writer.finish()
    assert listing(tmp_path) == []


def test_more_frames_than_announced_or_a_wrong_size_is_refused(tmp_path):
    with MovieWriter(tmp_path / "turn.mp4", SIZE, 24, 1) as writer:
        with pytest.raises(ValueError, match="50x66x3"):
            writer.add(_frame(0, (64, 50)))
        writer.add(_frame(0))
        with pytest.raises(ValueError, match="announced"):
            writer.add(_frame(1))
        writer.finish()
    assert imageio_ffmpeg.count_frames_and_secs(str(tmp_path / "turn.mp4"))[0] == 1


def test_an_ffmpeg_failure_is_an_error_and_no_file(tmp_path, monkeypatch):
    """imageio-ffmpeg does not check ffmpeg's exit status: the writer reads the file back."""
    import viewer.scene.movie_output as movie_output

    monkeypatch.setattr(movie_output, "CRF", "not-a-number")   # ffmpeg refuses its arguments and quits
    out = tmp_path / "turn.mp4"
    out.write_bytes(b"the old movie")
    with pytest.raises(OutputError, match="cannot write the movie"):
        _write(out, [_frame(k) for k in range(30)])
    assert out.read_bytes() == b"the old movie" and listing(tmp_path) == ["turn.mp4"]


@pytest.mark.parametrize("kind", MOVIE_FORMATS)
def test_a_real_full_disk_is_an_error_and_leaves_the_old_file_and_no_temporary(small_tmpfs, kind):
    out = small_tmpfs / f"noise.{kind}"
    out.write_bytes(b"the old movie")
    rng = np.random.default_rng(3)
    noise = [rng.integers(0, 256, (120, 160, 3), dtype=np.uint8) for _ in range(12)]   # ~700 KB, incompressible
    with pytest.raises(OutputError, match="No space left"):
        _write(out, noise, size=(160, 120))
    assert out.read_bytes() == b"the old movie"
    assert listing(small_tmpfs) == [f"noise.{kind}"]


def _children() -> set[int]:
    """Our live child processes (Linux: /proc lists them per thread)."""
    pids: set[int] = set()
    for task in os.listdir(f"/proc/{os.getpid()}/task"):
        with open(f"/proc/{os.getpid()}/task/{task}/children") as fh:
            pids.update(int(p) for p in fh.read().split())
    return pids


@pytest.mark.skipif(not os.path.exists(f"/proc/{os.getpid()}/task"), reason="needs Linux's /proc")
@pytest.mark.parametrize("stop", ["cancel", "finish", "error"])
def test_ffmpeg_has_quit_before_the_writer_returns(tmp_path, stop):
    """The temporary file is removed only once ffmpeg cannot write it again."""
    before = _children()
    writer = MovieWriter(tmp_path / "turn.mp4", SIZE, 24, 3)
    writer.add(_frame(0))
    assert len(_children() - before) == 1   # ffmpeg runs
    if stop == "cancel":
        writer.cancel()
    elif stop == "finish":
        writer.add(_frame(1))
        writer.add(_frame(2))
        writer.finish()
    else:
        with pytest.raises(OutputError):
            writer.finish()   # too few frames
    assert _children() - before == set()
    assert listing(tmp_path) == (["turn.mp4"] if stop == "finish" else [])


@pytest.mark.parametrize("missing", ["binary", "package"])
def test_without_ffmpeg_the_error_says_so_and_nothing_is_created(tmp_path, monkeypatch, missing):
    import sys

    if missing == "binary":
        def nowhere():
            raise RuntimeError("No ffmpeg exe could be found.")
        monkeypatch.setattr(imageio_ffmpeg, "get_ffmpeg_exe", nowhere)
    else:
        monkeypatch.setitem(sys.modules, "imageio_ffmpeg", None)   # the import fails
    with pytest.raises(OutputError, match="no ffmpeg was found"):
        MovieWriter(tmp_path / "turn.mp4", SIZE, 24, 3)
    assert listing(tmp_path) == []
