"""Write a rendered image to the file the user asked for, or say why not.

Shared by ``main.py --screenshot`` and the window's File ▸ Export image…;
no Qt and no VTK here. The rules:

* The path is checked before anything is loaded or rendered
  (:func:`check_output_path`): a supported extension, no folder, device,
  named pipe or socket in the way, and a folder that can be written.
* Nothing is appended to the name: the file written is the file asked for,
  and :func:`write_image` returns its absolute path for the message.
* A blank image (every row a single colour: a failed render, or only the
  background; or every pixel fully transparent) is an error, never a file
  (:func:`blank_reason`).
* A transparent image (RGBA, straight alpha) keeps its alpha in PNG and
  TIFF; JPEG and BMP have none, so a transparent image asked for in one of
  them is refused before anything is rendered (:func:`check_output_path`).
* The file appears whole or not at all: it is encoded into a temporary file
  in the same folder, flushed and synced, then renamed over the target. A
  full disk or an encoder error leaves the old file, if any, untouched.

The path and write rules are shared with the self-test's report:
:mod:`atlases.files.output_files`.
"""

from __future__ import annotations

import os
from pathlib import Path

from atlases.errors import ExplorerError
from atlases.files.output_files import check_output_file, write_whole

#: Extension (lower case) to the Pillow format that writes it; every one is round-tripped by the tests.
FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".tif": "TIFF", ".tiff": "TIFF", ".bmp": "BMP"}
#: The formats that keep an alpha channel (a transparent image).
ALPHA_FORMATS = frozenset({"PNG", "TIFF"})
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


def check_transparent_format(path: str | Path) -> str:
    """The Pillow format for ``path``, which must keep alpha (:data:`ALPHA_FORMATS`).

    Raises
    ------
    UnsupportedFormatError
        No extension, an unsupported one, or one without alpha (JPEG, BMP).
    """
    fmt = image_format(path)
    if fmt not in ALPHA_FORMATS:
        raise UnsupportedFormatError(f"a transparent image needs .png or .tif; {Path(os.fspath(path)).suffix!r} "
                                     "has no transparency", os.fspath(path))
    return fmt


def check_output_path(path: str | Path, transparent: bool = False) -> Path:
    """Check, before any rendering, that an image can be written at ``path``.

    Only reads the file system: a missing folder is created later, by
    :func:`write_image`.

    Parameters
    ----------
    path : str or Path
        The output file the user named.
    transparent : bool
        The image will be transparent: only a format with alpha will do.

    Returns
    -------
    Path
        The absolute path that will be written (a symbolic link is followed to
        its target, which is replaced; the link stays).

    Raises
    ------
    UnsupportedFormatError
        No extension, or an unsupported one (or one without alpha for a transparent image).
    OutputError
        The path is a folder, a device, a named pipe or a socket; a folder
        on the way is a file; or the folder cannot be written.
    """
    if not os.fspath(path).strip():
        raise UnsupportedFormatError("no output file name given")
    check_name = check_transparent_format if transparent else image_format
    return check_output_file(path, "the image", OutputError, check_name=check_name)


def check_named_output(path: str | os.PathLike, noun: str, suffix: str, wrong: str) -> Path:
    """Check, before any work, that ``noun`` can be written at ``path``, whose name must end with ``suffix``.

    The export files of one format (a ``.pdf`` handout, a ``.glb`` model) are checked so; ``wrong`` is the
    message for a name with another extension. Returns the absolute path, as :func:`check_output_path`.

    Raises
    ------
    UnsupportedFormatError
        No name, or another extension (nothing is appended).
    OutputError
        A folder, device or pipe in the way, or a folder that cannot be written.
    """
    if not os.fspath(path).strip():
        raise UnsupportedFormatError("no output file name given")

    def only_suffix(name: str) -> None:
        if Path(name).suffix.lower() != suffix:
            raise UnsupportedFormatError(wrong, name)

    return check_output_file(path, noun, OutputError, check_name=only_suffix)


def blank_reason(image) -> str | None:
    """Why ``image`` is blank, or None when something was drawn.

    An image is blank when every row is a single colour (within
    :data:`BLANK_TOLERANCE`): all black from a failed framebuffer, one flat
    colour, or only the background, whose gradient is vertical. Any drawn
    object makes at least one row hold two colours. An image with alpha
    (4 channels) is also blank when every pixel is fully transparent.

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
    if a.shape[2] == 4 and not a[..., 3].any():
        return "the image is blank: every pixel is fully transparent (nothing was drawn)"
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


def _pixels(image, transparent: bool):
    import numpy as np

    a = np.asarray(image)
    if a.dtype != np.uint8 or a.ndim != 3 or a.shape[2] not in (3, 4):
        raise OutputError(f"not an 8-bit RGB image (dtype {a.dtype}, shape {a.shape})")
    if transparent and a.shape[2] != 4:
        raise OutputError(f"a transparent image needs an alpha channel (shape {a.shape})")
    return np.ascontiguousarray(a if transparent else a[..., :3])


def write_image(image, path: str | Path, transparent: bool = False) -> Path:
    """Write ``image`` to ``path`` atomically, after checking the path and the pixels.

    Parameters
    ----------
    image : array_like
        (height, width, 3 or 4) uint8 pixels, top row first; alpha is dropped unless ``transparent``.
    path : str or Path
        Output file; its extension picks the format (see :data:`FORMATS`).
    transparent : bool
        Keep the alpha channel (straight alpha, 4 channels): PNG or TIFF only.

    Returns
    -------
    Path
        The absolute path written.

    Raises
    ------
    UnsupportedFormatError
        ``transparent`` with a format without alpha (JPEG, BMP).
    OutputError
        A bad path (see :func:`check_output_path`), a blank image, or a
        failed write (full disk, I/O error); no partial file is left behind.
    """
    target = check_output_path(path, transparent)
    fmt = image_format(path)  # the name asked for (a link may point at a name without one)
    check_not_blank(image, target)
    pixels = _pixels(image, transparent)
    options: dict = {"quality": JPEG_QUALITY} if fmt == "JPEG" else {}
    if fmt == "TIFF" and transparent:
        options["compression"] = "tiff_deflate"   # lossless, and readers take its alpha as straight (extra sample 2)

    def encode(fh) -> None:
        from PIL import Image

        Image.fromarray(pixels).save(fh, format=fmt, **options)

    try:
        write_whole(target, encode, "the image", OutputError)
    except (ValueError, MemoryError) as exc:  # Pillow's encoder
        raise OutputError(f"cannot encode the image as {fmt} ({exc})", target) from None
    return target
