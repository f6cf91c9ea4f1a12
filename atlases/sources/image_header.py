"""Check a NIfTI label image's header and size before nibabel reads any of its data.

nibabel trusts the header it reads: it allocates the array the header
declares, reads every header extension whole (an extension whose size field
is below 8 makes it read the rest of the file into memory), and reads a
``.gz`` only as far as the header says. A 44 KB file that declares 2000^3
voxels, or a 5 MB gzip that inflates to 5 GB, therefore costs gigabytes before
anything fails. :func:`check_image_header` reads the header alone (a few
hundred bytes, at most :data:`MAX_VOX_OFFSET` with extensions), checks the
shape, data type, data offset and transforms against what a brain label atlas
can be, then checks that the file holds the data its header declares: the
file size for ``.nii``, a pass over the stream in small chunks for ``.nii.gz``
(so a truncated or damaged gzip, or one that inflates to far more than the
header declares, is named as such). Nothing here allocates more than a
chunk.
"""

from __future__ import annotations

import gzip
import logging
import os
import zlib
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np

from atlases.errors import AtlasError
from atlases.files.regular_files import check_regular

#: Voxels in a label volume. The MNI152 grid is 182 x 218 x 182 = 7.2 M voxels at 1 mm and
#: 364 x 436 x 364 = 57.8 M at 0.5 mm; the ICBM 2009 grid at 0.5 mm is 394 x 466 x 378 = 69.4 M.
#: The limit admits both 0.5 mm grids with a margin.
MAX_VOXELS = 80_000_000
#: Bytes of the array nibabel returns: 4 per voxel at the voxel limit, so a 0.5 mm atlas stored
#: as int32 or float32 fits, and float64 or scaled data (nibabel scales to float64) up to 40 M
#: voxels (a 0.6 mm grid). Loading then peaks at a few copies of this (int32 cast, np.unique).
MAX_DATA_BYTES = 4 * MAX_VOXELS
#: Byte where the data may start at most. Header extensions (between the header and the data)
#: are read into memory whole; a label atlas has none, or a few KB of them.
MAX_VOX_OFFSET = 1 << 20
#: Inflated bytes a ``.gz`` may hold after the data its header declares (nibabel never reads
#: them); more is refused as a gzip bomb.
MAX_TAIL_BYTES = 1 << 20
#: Bytes of an image file on disk (compressed or not): data, extensions and tail at their limits.
MAX_FILE_BYTES = MAX_DATA_BYTES + MAX_VOX_OFFSET + MAX_TAIL_BYTES
#: Bytes inflated at a time when a ``.gz`` is checked.
CHUNK_BYTES = 1 << 20

GZIP_MAGIC = b"\x1f\x8b"
#: Where nibabel's header checks report while we only look at a header (nibabel's own logger prints).
_QUIET = logging.getLogger(__name__ + ".nibabel")
_QUIET.addHandler(logging.NullHandler())
_QUIET.propagate = False
#: sizeof_hdr of NIfTI-1 and NIfTI-2 headers.
_NIFTI_SIZES = (348, 540)


@dataclass(frozen=True)
class ImageHeader:
    """What a checked header declares.

    Attributes
    ----------
    shape : tuple of int
        As nibabel will return it (3D, or 4D with one volume).
    dtype : numpy.dtype
        The stored data type.
    affine : ndarray, shape (4, 4)
        The transform nibabel will use (finite).
    data_offset : int
        Byte where the data starts (after the header and its extensions).
    data_bytes : int
        Bytes of stored data.
    """

    shape: tuple
    dtype: np.dtype
    affine: np.ndarray
    data_offset: int
    data_bytes: int

    @property
    def voxels(self) -> int:
        return int(np.prod(self.shape, dtype=object))


def check_file(path: Path, what: str) -> os.stat_result:
    """Refuse a missing, non-regular (folder, pipe, device...) or empty file, by name."""
    info = check_regular(path, AtlasError, what)
    if info.st_size == 0:
        raise AtlasError(f"{what} is empty (0 bytes)", path)
    return info


def check_shape(shape, path: Path, what: str) -> tuple:
    """The 3D shape of a label volume of ``shape``, or AtlasError; one rule for header and array."""
    shape = tuple(int(n) for n in shape)
    full = shape
    if len(shape) == 4 and shape[3] == 1:
        shape = shape[:3]
    if len(shape) != 3:
        raise AtlasError(f"{what} must be a 3D label volume, but it has shape {full}"
                         + (" (a 4D image: probabilistic maps are not label volumes)" if len(full) == 4 else ""),
                         path)
    if min(shape) < 2:
        raise AtlasError(f"{what} is too small ({full} voxels)", path)
    voxels = int(np.prod(shape, dtype=object))
    if voxels > MAX_VOXELS:
        raise AtlasError(f"{what} is too large to load: {' x '.join(map(str, shape))} is {voxels:,} voxels; "
                         f"the limit is {MAX_VOXELS:,} (an MNI atlas at 0.5 mm has 58 million)", path)
    return shape


def check_image_header(path: str | Path, what: str = "atlas image") -> ImageHeader:
    """Check a ``.nii``/``.nii.gz`` label image's header and size without reading its data into memory.

    Parameters
    ----------
    path : str or Path
    what : str
        How to call the file in messages.

    Returns
    -------
    ImageHeader

    Raises
    ------
    AtlasError
        Naming the file: not a regular file, not a (single-file) NIfTI image,
        a truncated, damaged or over-long gzip, a shape, type or size a label
        atlas cannot have, an unreasonable data offset or extension, a NaN or
        infinite transform, or fewer bytes than the header declares.
    """
    path = Path(path)
    info = check_file(path, what)
    if info.st_size > MAX_FILE_BYTES:
        raise AtlasError(f"{what} is too large: {info.st_size:,} bytes on disk; an atlas image has at most "
                         f"{MAX_FILE_BYTES:,}", path)
    gz = path.name.lower().endswith(".gz")  # nibabel picks gzip or not by the name
    try:
        with open(path, "rb") as raw:
            magic = raw.read(2)
            if gz and magic != GZIP_MAGIC:
                if GZIP_MAGIC.startswith(magic):
                    raise AtlasError(f"{what} is a truncated gzip file ({len(magic)} byte)", path)
                raise AtlasError(f"{what} is not a readable NIfTI image: it is not a gzip file, although its name "
                                 "ends in .gz", path)
            if not gz and magic == GZIP_MAGIC:
                raise AtlasError(f"{what} is not a readable NIfTI image: it is gzip-compressed, but its name does not "
                                 "end in .gz", path)
            raw.seek(0)
            with gzip.GzipFile(fileobj=raw, mode="rb") if gz else nullcontext(raw) as stream:
                header, read = _read_header(stream, path, what)
                end = header.data_offset + header.data_bytes
                if gz:
                    _check_inflated_size(stream, read, end, path, what)
    except EOFError:  # from gzip, reading the header: the compressed stream stops early
        raise AtlasError(f"{what} is a truncated gzip file: it ends inside its NIfTI header", path) from None
    except (gzip.BadGzipFile, zlib.error) as exc:
        raise AtlasError(f"{what} is a damaged gzip file ({_reason(exc)})", path) from None
    except OSError as exc:
        raise AtlasError(f"{what} is unreadable ({exc.strerror or exc})", path) from None
    if not gz and info.st_size < end:
        raise AtlasError(f"{what} is truncated: it holds {info.st_size:,} bytes, but its header declares "
                         f"{end:,}", path)
    return header


def _read_header(stream, path: Path, what: str) -> tuple[ImageHeader, int]:
    """Parse and check the header (and extensions); returns it and the bytes read."""
    import nibabel as nib  # lazy: only the loaders need it

    head = _read_up_to(stream, 544)
    sizes = {int.from_bytes(head[:4], order) for order in ("little", "big")} if len(head) >= 4 else set()
    size = next((s for s in sizes if s in _NIFTI_SIZES), None)
    if size is None:
        raise AtlasError(f"{what} is not a readable NIfTI image (it does not start with a NIfTI header)", path)
    if len(head) < size:
        raise AtlasError(f"{what} is truncated: it ends inside its NIfTI header ({len(head)} of {size} bytes)",
                         path)
    klass = nib.Nifti1Header if size == 348 else nib.Nifti2Header
    try:
        hdr = klass(head[:size], check=False)
        hdr.check_fix(logger=_QUIET)  # the fixes and refusals of nibabel's load, without its log lines
        if hdr["magic"].item() != klass.single_magic:
            raise ValueError(f"magic {hdr['magic'].item()!r}: not a single-file .nii image")
        shape = tuple(int(n) for n in hdr.get_data_shape())
        dtype = np.dtype(hdr.get_data_dtype())
        slope, inter = hdr.get_slope_inter()
        offset = float(hdr["vox_offset"]) if size == 348 else int(hdr["vox_offset"])
    except Exception as exc:  # noqa: BLE001 - nibabel raises several types for a header it cannot use
        raise AtlasError(f"{what} is not a readable NIfTI image ({_reason(exc)})", path) from None
    if dtype.kind not in "iubf" or dtype.itemsize > 8 or dtype.fields is not None:
        raise AtlasError(f"{what} has data type {dtype}, expected integer labels", path)
    shape3 = check_shape(shape, path, what)
    voxels = int(np.prod(shape3, dtype=object))
    scaled = (slope, inter) not in ((None, None), (1.0, 0.0))
    out_bytes = voxels * (8 if scaled else dtype.itemsize)  # nibabel scales to float64
    if out_bytes > MAX_DATA_BYTES:
        raise AtlasError(f"{what} is too large to load: {voxels:,} voxels of {dtype}"
                         + (" scaled to float64" if scaled else "")
                         + f" make {out_bytes / 2**20:,.0f} MB; the limit is {MAX_DATA_BYTES / 2**20:,.0f} MB", path)
    if not np.isfinite(offset) or offset != int(offset) or not size + 4 <= offset <= MAX_VOX_OFFSET:
        at = f"{offset:,.0f}" if np.isfinite(offset) and offset == int(offset) else f"{offset}"
        raise AtlasError(f"{what} has its data at byte {at} (vox_offset); it must be a whole number from {size + 4} "
                         f"(after the header) to {MAX_VOX_OFFSET:,}", path)
    offset = int(offset)
    if len(head) >= size + 4 and head[size:size + 1] != b"\x00" and offset - (size + 4) >= 16:
        head += _read_up_to(stream, offset - len(head))
        _check_extensions(head, size, offset, hdr.endianness, path, what)
    affine = _checked_affine(hdr, path, what)
    header = ImageHeader(shape, dtype, affine, offset, voxels * dtype.itemsize)
    return header, len(head)


def _check_extensions(head: bytes, size: int, offset: int, endianness: Literal["<", ">"], path: Path,
                      what: str) -> None:
    """Walk the extensions as nibabel will: each must fit between the header and the data."""
    pos = size + 4
    while offset - pos >= 16:
        if len(head) < pos + 8:
            raise AtlasError(f"{what} is truncated: it ends inside its header extensions", path)
        esize = int(np.frombuffer(head, dtype=np.dtype(np.int32).newbyteorder(endianness), count=1, offset=pos)[0])
        if not 16 <= esize <= offset - pos:
            raise AtlasError(f"{what} has a header extension of {esize:,} bytes at byte {pos}, which does not fit "
                             f"before its data (at byte {offset:,})", path)
        pos += esize


def _checked_affine(hdr, path: Path, what: str) -> np.ndarray:
    """The transform nibabel will use; every transform the header marks as valid must be finite."""
    forms = [(name, getter) for name, getter in (("sform", hdr.get_sform), ("qform", hdr.get_qform))
             if int(hdr[f"{name}_code"]) != 0] or [("voxel sizes (pixdim)", hdr.get_base_affine)]
    with np.errstate(all="ignore"):
        for name, getter in forms:
            try:
                matrix = np.asarray(getter(), dtype=float)
            except Exception as exc:  # noqa: BLE001 - any failure, e.g. a quaternion that is not one
                raise AtlasError(f"{what} has an invalid affine ({name}: {_reason(exc)})", path) from None
            if np.isnan(matrix).any():
                raise AtlasError(f"{what} has an invalid affine (NaN in its {name})", path)
            if not np.isfinite(matrix).all():
                raise AtlasError(f"{what} has an invalid affine (infinite values in its {name})", path)
        return np.asarray(hdr.get_best_affine(), dtype=float)


def _check_inflated_size(stream, read: int, end: int, path: Path, what: str) -> None:
    """Inflate the rest of a ``.gz`` in chunks: it must hold ``end`` bytes, and little more."""
    try:
        while read < end:
            chunk = stream.read(min(CHUNK_BYTES, end - read))
            if not chunk:
                raise EOFError
            read += len(chunk)
    except EOFError:
        raise AtlasError(f"{what} is a truncated gzip file: it ends after {read:,} of the {end:,} bytes its header "
                         "declares", path) from None
    tail = 0
    try:
        while True:  # reading to the end checks the gzip trailer (CRC and length)
            chunk = stream.read(CHUNK_BYTES)
            if not chunk:
                return
            tail += len(chunk)
            if tail > MAX_TAIL_BYTES:
                raise AtlasError(f"{what} inflates to more than its header declares: over {MAX_TAIL_BYTES:,} "
                                 f"bytes after the {end:,} of the image (a gzip bomb?)", path)
    except EOFError:
        raise AtlasError(f"{what} is a truncated gzip file: it ends after its image data, before its end-of-stream "
                         "marker", path) from None


def _read_up_to(stream, n: int) -> bytes:
    """Up to ``n`` bytes (fewer only at the end of the stream)."""
    parts, left = [], n
    while left > 0:
        part = stream.read(left)
        if not part:
            break
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]
