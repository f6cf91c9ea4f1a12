"""Write a movie (MP4 or GIF) frame by frame, whole or not at all.

The frames go to ffmpeg (the binary the ``imageio-ffmpeg`` wheel ships) through
:func:`imageio_ffmpeg.write_frames`; no Qt and no VTK here. The rules:

* Everything is checked before anything is created (:func:`check_movie`): the extension
  (:data:`MOVIE_FORMATS`; another one raises :class:`UnsupportedFormatError`, which the command
  line reports with exit code 2), the path, the size (H.264 in yuv420p needs even sides, so an odd
  size is refused rather than padded), the frame rate and the frame count.
* The movie is encoded into a hidden temporary file beside the target, which ffmpeg is told the
  format of (``-f``: the ``.part`` name says nothing). ``write_frames`` does not check ffmpeg's exit
  status, so :meth:`MovieWriter.finish` re-reads the file: it must decode to exactly the frames sent,
  at the size asked. Only then is it renamed over the target.
* :meth:`MovieWriter.cancel`, or an exception inside a ``with`` block, stops ffmpeg first and then
  removes the temporary file: an existing target stays as it was.

MP4: H.264 (libx264), yuv420p (plays in slide software and browsers), CRF 18, the index at the
start of the file (``+faststart``), ``macro_block_size=2`` (the default of 16 silently scales
1920x1080 to 1920x1088). GIF: a palette made for each frame (``stats_mode=single``: nothing is
buffered), looping forever; ffmpeg keeps identical consecutive frames as frames (Pillow merges them).
GIF delays are counted in 1/100 s and browsers slow down delays under 2/100 s, so a GIF's frame rate
is at most :data:`MAX_GIF_FPS`.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import numpy as np

from atlases.files.output_files import PendingFile, check_output_file
from viewer.scene.image_output import OutputError, UnsupportedFormatError

#: The movie formats, by extension (lower case, no dot).
MOVIE_FORMATS = ("mp4", "gif")
#: Frame rates a movie can have (frames per second).
MIN_FPS, MAX_FPS = 1, 60
#: GIF delays are in 1/100 s and browsers treat delays under 2/100 s as 10/100 s.
MAX_GIF_FPS = 50
#: Most frames of a movie (10 minutes at 60 fps).
MAX_FRAMES = 36000
#: Longest side of a GIF (they are big: a palette image per frame, with no motion compression).
MAX_GIF_SIDE = 1280
#: Smallest side of a movie (pixels).
MIN_SIDE = 16
#: Longest side of a movie (pixels): 4K UHD width and a little more.
MAX_SIDE = 4096
#: H.264 quality: lower is better (18 looks lossless on slides).
CRF = 18
#: ffmpeg's per-frame palette for GIF: streaming (``stats_mode=single`` keeps no frame), exact colours.
GIF_FILTER = ("split[s0][s1];[s0]palettegen=stats_mode=single:reserve_transparent=0[p];"
              "[s1][p]paletteuse=new=1")
#: Below this much free space after a failure, the message says the disk is full.
FULL_DISK_BYTES = 1 << 20


class MovieOptionError(UnsupportedFormatError):
    """The size, frame rate or frame count is outside what the format takes (a usage error: exit code 2)."""


def movie_format(path: str | os.PathLike) -> str:
    """The movie format of ``path``'s extension: ``"mp4"`` or ``"gif"``.

    Raises
    ------
    UnsupportedFormatError
        No extension or another one; nothing is appended to the name.
    """
    text = os.fspath(path)
    if not text.strip():
        raise UnsupportedFormatError("no output file name given")
    suffix = Path(text).suffix
    choices = ", ".join(f".{f}" for f in MOVIE_FORMATS)
    if not suffix:
        raise UnsupportedFormatError(f"the movie's file name has no extension; add one of {choices}", text)
    kind = suffix[1:].lower()
    if kind not in MOVIE_FORMATS:
        raise UnsupportedFormatError(f"cannot write {suffix!r} movies; use one of {choices}", text)
    return kind


def check_movie_options(kind: str, size, fps: int, frames: int) -> tuple[int, int]:
    """Check a movie's size, frame rate and frame count for its format; return the size as two ints.

    Raises
    ------
    MovieOptionError
        Naming the limit: sides within :data:`MIN_SIDE`..:data:`MAX_SIDE` (even for MP4, at most
        :data:`MAX_GIF_SIDE` for GIF), fps within :data:`MIN_FPS`..:data:`MAX_FPS` (:data:`MAX_GIF_FPS`
        for GIF), 1..:data:`MAX_FRAMES` frames.
    """
    if kind not in MOVIE_FORMATS:
        raise UnsupportedFormatError(f"unknown movie format {kind!r}; use one of {', '.join(MOVIE_FORMATS)}")
    try:
        width, height = (_whole(v, "size") for v in size)
    except (TypeError, ValueError):
        raise MovieOptionError(f"the movie size must be two whole numbers, got {size!r}") from None
    if not (MIN_SIDE <= width <= MAX_SIDE and MIN_SIDE <= height <= MAX_SIDE):
        raise MovieOptionError(f"the movie size {width}x{height} is outside {MIN_SIDE}..{MAX_SIDE} pixels a side")
    if kind == "mp4" and (width % 2 or height % 2):
        raise MovieOptionError(f"an MP4 movie needs an even width and height (H.264 in yuv420p), "
                               f"not {width}x{height}; try {width + width % 2}x{height + height % 2}")
    if kind == "gif" and max(width, height) > MAX_GIF_SIDE:
        raise MovieOptionError(f"a GIF is at most {MAX_GIF_SIDE} pixels a side, not {width}x{height}; "
                               f"make it smaller or write an MP4")
    top_fps = MAX_GIF_FPS if kind == "gif" else MAX_FPS
    if not MIN_FPS <= _whole(fps, "frame rate") <= top_fps:
        raise MovieOptionError(f"the frame rate of a{'' if kind == 'gif' else 'n'} {kind.upper()} must be "
                               f"{MIN_FPS}..{top_fps} frames per second, not {fps}")
    if not 1 <= _whole(frames, "frame count") <= MAX_FRAMES:
        raise MovieOptionError(f"a movie has 1..{MAX_FRAMES} frames, not {frames}")
    return width, height


def _whole(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise MovieOptionError(f"the {name} must be a whole number, not {value!r}")
    return int(value)


def encoder_path() -> str:
    """The ffmpeg that encodes movies: imageio-ffmpeg's own, or the one ``IMAGEIO_FFMPEG_EXE`` or the PATH names.

    Raises
    ------
    OutputError
        No ffmpeg is there (a bundle built without it, and none installed).
    """
    try:
        import imageio_ffmpeg

        return imageio_ffmpeg.get_ffmpeg_exe()
    except (ImportError, RuntimeError):
        raise OutputError("cannot write movies: no ffmpeg was found; install ffmpeg "
                          "(or set IMAGEIO_FFMPEG_EXE to the path of one)") from None


def check_movie(path: str | os.PathLike, size, fps: int, frames: int) -> tuple[Path, str, tuple[int, int]]:
    """Check everything about a movie before anything is rendered or created.

    Returns
    -------
    (Path, str, (int, int))
        The absolute path to write, the format, and the size.

    Raises
    ------
    UnsupportedFormatError
        The extension (:func:`movie_format`) or, as :class:`MovieOptionError`, the options.
    OutputError
        The path cannot be written (a folder, a device, a read-only folder...), or there is no
        ffmpeg (:func:`encoder_path`).
    """
    kind = movie_format(path)
    size = check_movie_options(kind, size, fps, frames)
    target = check_movie_path(path)
    encoder_path()
    return target, kind, size


def check_movie_path(path: str | os.PathLike) -> Path:
    """Check, before any work, that a movie (``.mp4`` or ``.gif``) can be written at ``path``; the absolute path.

    Raises
    ------
    UnsupportedFormatError
        The extension (:func:`movie_format`).
    OutputError
        A folder, device or pipe in the way, or a folder that cannot be written.
    """
    return check_output_file(path, "the movie", OutputError, check_name=movie_format)


class MovieWriter:
    """An MP4 or GIF file being written, frame by frame.

    Parameters
    ----------
    path : str or path-like
        The movie file; its extension (``.mp4``, ``.gif``) picks the format.
    size : (int, int)
        Width and height of every frame.
    fps : int
        Frames per second.
    frames : int
        How many frames will be added: :meth:`finish` checks the file holds exactly these.

    Notes
    -----
    Use it as a context manager, or call :meth:`finish` or :meth:`cancel`: it runs ffmpeg.
    Everything is checked (:func:`check_movie`) before the temporary file is created and ffmpeg started.
    """

    def __init__(self, path: str | os.PathLike, size, fps: int, frames: int):
        self.target, self.kind, self.size = check_movie(path, size, fps, frames)
        self.fps, self.frames = int(fps), int(frames)
        self.added = 0
        self._pending: PendingFile | None = PendingFile(self.target, "the movie", OutputError)
        self._encoder = None
        try:
            self._encoder = self._start()
        except BaseException:
            self._pending.discard()
            self._pending = None
            raise

    def _start(self):
        import imageio_ffmpeg

        assert self._pending is not None and self._pending.path is not None
        if self.kind == "mp4":
            options = dict(codec="libx264", pix_fmt_out="yuv420p", macro_block_size=2,
                           output_params=["-crf", str(CRF), "-preset", "medium", "-movflags", "+faststart",
                                          "-f", "mp4"])
        else:
            options = dict(codec="gif", pix_fmt_out="pal8", macro_block_size=1,
                           output_params=["-filter_complex", GIF_FILTER, "-loop", "0", "-f", "gif"])
        encoder = imageio_ffmpeg.write_frames(str(self._pending.path), self.size, pix_fmt_in="rgb24", fps=self.fps,
                                              quality=None, ffmpeg_log_level="error", **options)
        encoder.send(None)   # starts ffmpeg
        return encoder

    @property
    def writing(self) -> bool:
        """True until :meth:`finish` or :meth:`cancel`."""
        return self._pending is not None

    def add(self, frame) -> None:
        """Add one frame: (height, width, 3 or 4) uint8 pixels at the movie's size, top row first (alpha dropped)."""
        if self._encoder is None:
            raise ValueError("the movie was already finished or cancelled")
        if self.added >= self.frames:
            raise ValueError(f"the movie was announced with {self.frames} frames; no more can be added")
        a = np.asarray(frame)
        width, height = self.size
        if a.dtype != np.uint8 or a.ndim != 3 or a.shape[:2] != (height, width) or a.shape[2] not in (3, 4):
            raise ValueError(f"a frame must be {height}x{width}x3 uint8, not {a.shape} {a.dtype}")
        try:
            self._encoder.send(np.ascontiguousarray(a[..., :3]))
        except OSError:   # ffmpeg stopped: a full disk, an I/O error
            failure = self._failure(f"the encoder stopped after {self.added} of {self.frames} frames")
            self.cancel()
            raise failure from None
        self.added += 1

    def finish(self) -> Path:
        """Close the movie, check it and rename it over the target; return the target's path.

        Raises
        ------
        OutputError
            Fewer frames were added than announced, ffmpeg failed (a full disk...), or the file does
            not decode to exactly the frames sent at the size asked. No file is left behind.
        """
        if self._encoder is None or self._pending is None:
            raise ValueError("the movie was already finished or cancelled")
        if self.added != self.frames:
            self.cancel()
            raise OutputError(f"the movie was announced with {self.frames} frames but got {self.added}; "
                              f"no file was written", self.target)
        encoder, self._encoder = self._encoder, None
        try:
            encoder.close()   # waits until ffmpeg has written the file and quit
            self._verify()
        except OutputError:
            self.cancel()
            raise
        except (OSError, RuntimeError) as exc:
            failure = self._failure(f"the encoder failed ({exc})")
            self.cancel()
            raise failure from None
        pending, self._pending = self._pending, None
        return pending.commit()

    def _verify(self) -> None:
        import imageio_ffmpeg

        assert self._pending is not None and self._pending.path is not None
        path = str(self._pending.path)
        if os.path.getsize(path) == 0:
            raise self._failure("the encoder wrote nothing")
        try:
            count, _seconds = imageio_ffmpeg.count_frames_and_secs(path)
            reader = imageio_ffmpeg.read_frames(path)
            try:
                meta = reader.__next__()
            finally:
                reader.close()
        except (RuntimeError, OSError, StopIteration) as exc:
            raise self._failure(f"the encoder's file cannot be read back ({str(exc).splitlines()[0]})") from None
        if count != self.frames or tuple(meta.get("size", ())) != self.size:
            raise self._failure(f"the encoder's file has {count} frames of {meta.get('size')}, "
                                f"not {self.frames} of {self.size}")

    def _failure(self, what: str) -> OutputError:
        """An error for a failed encoding, saying the disk is full when it is (ffmpeg's message goes to stderr).

        Called before the temporary file is removed: a disk it filled is still full.
        """
        try:
            full = shutil.disk_usage(self.target.parent).free < FULL_DISK_BYTES
        except OSError:
            full = False
        reason = f"{what}: {os.strerror(28)}" if full else what   # 28: ENOSPC
        return OutputError(f"cannot write the movie ({reason}); no file was written", self.target)

    def cancel(self) -> None:
        """Stop ffmpeg and remove the temporary file (an existing target is kept unchanged). Safe to call twice."""
        encoder, self._encoder = self._encoder, None
        try:
            if encoder is not None:
                try:
                    encoder.close()   # closes ffmpeg's input and waits until it has quit
                except Exception:   # noqa: BLE001 - a broken pipe while stopping: ffmpeg is gone either way
                    pass
        finally:
            pending, self._pending = self._pending, None
            if pending is not None:
                pending.discard()

    def __enter__(self) -> MovieWriter:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None or self._pending is not None:
            self.cancel()
