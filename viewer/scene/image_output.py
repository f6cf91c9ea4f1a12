"""Write a rendered image to the file the user asked for, or say why not.

Shared by ``main.py --screenshot`` and the window's File ▸ Export image…;
no Qt and no VTK here. The rules:

* The path is checked before anything is loaded or rendered
  (:func:`check_output_path`): a supported extension, no folder, device,
  named pipe or socket in the way, and a folder that can be written.
* Nothing is appended to the name: the file written is the file asked for,
  and :func:`write_image` returns its absolute path for the message.
* A blank image (every row a single colour: a failed render, or only the
  background) is an error, never a file (:func:`blank_reason`).
* The file appears whole or not at all: it is encoded into a temporary file
  in the same folder, flushed and synced, then renamed over the target. A
  full disk or an encoder error leaves the old file, if any, untouched.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from atlases.errors import ExplorerError
from atlases.files.regular_files import kind_of

#: Extension (lower case) to the Pillow format that writes it; every one is round-tripped by the tests.
FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".tif": "TIFF", ".tiff": "TIFF", ".bmp": "BMP"}
#: A pixel is drawn content when a channel differs from its row's first pixel by more than this (0..255).
BLANK_TOLERANCE = 8
#: Rows compared at once in :func:`blank_reason`, to keep its temporaries small on an 8192-wide image.
_BAND_ROWS = 256
JPEG_QUALITY = 95


class OutputError(ExplorerError):
    """The image cannot be written where asked (the path, the disk, or the image itself)."""


class UnsupportedFormatError(OutputError):
    """The output name has no extension, or one no writer here supports."""


def supported_extensions() -> str:
    """The supported extensions as text for messages, e.g. ``".png, .jpg, ..."``."""
    return ", ".join(FORMATS)


def image_format(path: str | Path) -> str:
    """The Pillow format for ``path``'s extension.

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    str
        ``"PNG"``, ``"JPEG"``, ``"TIFF"`` or ``"BMP"``.

    Raises
    ------
    UnsupportedFormatError
        The name has no extension or an unsupported one; nothing is appended.
    """
    text = os.fspath(path)
    if not text.strip():
        raise UnsupportedFormatError("no output file name given")
    suffix = Path(text).suffix
    if not suffix:
        raise UnsupportedFormatError(f"the file name has no extension; add one of {supported_extensions()}", text)
    fmt = FORMATS.get(suffix.lower())
    if fmt is None:
        raise UnsupportedFormatError(f"cannot write {suffix!r} images; use one of {supported_extensions()}", text)
    return fmt


def _refuse_non_regular(target: Path) -> None:
    try:
        mode = os.stat(target).st_mode
    except (FileNotFoundError, NotADirectoryError):  # nothing there (a file on the way is reported later)
        return
    except OSError as exc:
        raise OutputError(f"cannot write the image ({exc.strerror or exc})", target) from None
    if stat.S_ISDIR(mode):
        raise OutputError("cannot write the image: it is a folder", target)
    if not stat.S_ISREG(mode):
        raise OutputError(f"cannot write the image: it is {kind_of(mode)}, not a regular file", target)


def check_output_path(path: str | Path) -> Path:
    """Check, before any rendering, that an image can be written at ``path``.

    Only reads the file system: a missing folder is created later, by
    :func:`write_image`.

    Parameters
    ----------
    path : str or Path
        The output file the user named.

    Returns
    -------
    Path
        The absolute path that will be written (a symbolic link is followed to
        its target, which is replaced; the link stays).

    Raises
    ------
    UnsupportedFormatError
        No extension, or an unsupported one.
    OutputError
        The path is a folder, a device, a named pipe or a socket; a folder
        on the way is a file; or the folder cannot be written.
    """
    text = os.fspath(path)
    if not text.strip():
        raise UnsupportedFormatError("no output file name given")
    if "\0" in text:
        raise OutputError("cannot write the image: the file name contains a NUL character", text.replace("\0", "?"))
    if text.endswith(("/", os.sep)):
        raise OutputError("cannot write the image: the name ends with a slash, so it names a folder", text)
    try:
        target = Path(os.path.realpath(text) if os.path.islink(text) else os.path.abspath(text))
        _refuse_non_regular(target)  # first: "/dev/full is a device" says more than "has no extension"
        image_format(text)
        _check_folder(target)
    except OutputError:
        raise
    except OSError as exc:  # e.g. a folder on the way that cannot be searched
        raise OutputError(f"cannot write the image ({exc.strerror or exc})", text) from None
    return target


def _check_folder(target: Path) -> None:
    """The nearest existing folder above ``target`` is a folder that can be written."""
    folder = target.parent
    while not folder.exists():
        if folder.is_symlink():  # a dangling link, or a loop, in the way
            raise OutputError("cannot write the image: the folder is a broken link", folder)
        folder = folder.parent
    if not folder.is_dir():
        raise OutputError("cannot write the image below it: it is a file, not a folder", folder)
    if folder == target.parent:
        _probe_writable(folder, target)
    elif not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError("cannot write the image: the folder cannot be written", folder)


def _probe_writable(folder: Path, target: Path) -> None:
    """Create and drop a temporary file in ``folder`` (catches read-only disks, which ``os.access`` misses)."""
    import tempfile

    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        raise OutputError(f"cannot write the image ({exc.strerror or exc})", target) from None


def blank_reason(image) -> str | None:
    """Why ``image`` is blank, or None when something was drawn.

    An image is blank when every row is a single colour (within
    :data:`BLANK_TOLERANCE`): all black from a failed framebuffer, one flat
    colour, or only the background, whose gradient is vertical. Any drawn
    object makes at least one row hold two colours.

    Parameters
    ----------
    image : array_like
        (height, width, channels) or (height, width) pixels, 8 bits each.

    Returns
    -------
    str or None
    """
    import numpy as np

    a = np.asarray(image)
    if a.ndim == 2:
        a = a[..., None]
    if a.ndim != 3 or a.shape[0] == 0 or a.shape[1] == 0 or a.shape[2] == 0:
        return f"the image is empty (shape {a.shape})"
    a = a[..., :3]
    for start in range(0, a.shape[0], _BAND_ROWS):
        band = a[start:start + _BAND_ROWS].astype(np.int16)
        if (np.abs(band - band[:, :1]) > BLANK_TOLERANCE).any():
            return None
    first, last = a[0, 0], a[-1, 0]
    if (np.abs(first.astype(int) - last.astype(int)) <= BLANK_TOLERANCE).all():
        colour = "#" + "".join(f"{int(c):02X}" for c in first)
        return f"the image is blank: every pixel is {colour} (nothing was drawn)"
    return "the image is blank: only the background was drawn"


def check_not_blank(image, path: str | Path | None = None) -> None:
    """Raise :class:`OutputError` when :func:`blank_reason` finds ``image`` blank.

    Parameters
    ----------
    image : array_like
    path : str or Path, optional
        The file the image was meant for (named in the message).
    """
    reason = blank_reason(image)
    if reason is not None:
        raise OutputError(f"{reason}; no file was written", path)


def _rgb(image):
    import numpy as np

    a = np.asarray(image)
    if a.dtype != np.uint8 or a.ndim != 3 or a.shape[2] not in (3, 4):
        raise OutputError(f"not an 8-bit RGB image (dtype {a.dtype}, shape {a.shape})")
    return np.ascontiguousarray(a[..., :3])


def _open_temporary(folder: Path, name: str) -> tuple[int, Path]:
    """A new hidden file beside the target, created with the umask's permissions (unlike mkstemp's 0600)."""
    import secrets

    for _ in range(100):
        tmp = folder / f".{name[:64]}.{secrets.token_hex(4)}.part"
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {folder}")


def write_image(image, path: str | Path) -> Path:
    """Write ``image`` to ``path`` atomically, after checking the path and the pixels.

    Parameters
    ----------
    image : array_like
        (height, width, 3 or 4) uint8 pixels, top row first; alpha is dropped.
    path : str or Path
        Output file; its extension picks the format (see :data:`FORMATS`).

    Returns
    -------
    Path
        The absolute path written.

    Raises
    ------
    OutputError
        A bad path (see :func:`check_output_path`), a blank image, or a
        failed write (full disk, I/O error); no partial file is left behind.
    """
    target = check_output_path(path)
    fmt = image_format(path)  # the name asked for (a link may point at a name without one)
    check_not_blank(image, target)
    rgb = _rgb(image)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the folder ({exc.strerror or exc})", target.parent) from None
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)  # a replaced file keeps its permissions
    except OSError:
        mode = None
    _write_replacing(rgb, target, fmt, mode)
    return target


def _write_replacing(rgb, target: Path, fmt: str, mode: int | None) -> None:
    from PIL import Image

    options = {"quality": JPEG_QUALITY} if fmt == "JPEG" else {}
    tmp = None
    try:
        fd, tmp = _open_temporary(target.parent, target.name)
        with os.fdopen(fd, "wb") as fh:
            Image.fromarray(rgb).save(fh, format=fmt, **options)
            fh.flush()
            os.fsync(fh.fileno())
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(fh.fileno(), mode)
        _refuse_non_regular(target)  # a pipe or device put there while we rendered
        os.replace(tmp, target)
        tmp = None
        _sync_folder(target.parent)
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write the image ({exc.strerror or exc})", target) from None
    except (ValueError, MemoryError) as exc:  # Pillow's encoder
        raise OutputError(f"cannot encode the image as {fmt} ({exc})", target) from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (best effort: not every platform can sync a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
