"""A labelled brain volume, loaded and checked through nilearn.

:class:`LabelVolume` is what every atlas source returns: an integer 3D array,
its voxel-to-MNI affine and a table from label value to label name.
:func:`load_label_image` reads a NIfTI file through ``nilearn.image`` and turns
every way such a file can be wrong into one :class:`~atlases.errors.AtlasError`
that names the file.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from atlases.errors import AtlasError
from atlases.sources.image_header import ImageHeader, check_image_header, check_shape
from atlases.sources.label_limits import MAX_LABELS

#: Bounding box of the MNI152 brain (mm), with a margin. A label volume whose
#: world extent does not overlap most of it is not in MNI space.
MNI_BRAIN_BOX = np.array([[-80.0, -120.0, -60.0], [80.0, 85.0, 90.0]])


@dataclass(frozen=True)
class LabelVolume:
    """An integer label image in MNI space.

    Attributes
    ----------
    data : ndarray of int32, shape (X, Y, Z)
        Label value per voxel; 0 is background.
    affine : ndarray, shape (4, 4)
        Voxel index to MNI millimetres.
    labels : dict of int to str
        Name of each label value. Names may repeat (e.g. one per hemisphere).
    source : Path
        The file the volume was read from (for messages).
    """

    data: np.ndarray
    affine: np.ndarray
    labels: dict[int, str]
    source: Path

    def ids_for(self, name: str) -> list[int]:
        """Return the label values named ``name`` (case-sensitive)."""
        return sorted(k for k, v in self.labels.items() if v == name)

    @property
    def voxel_size(self) -> np.ndarray:
        """Voxel edge lengths in millimetres."""
        return np.sqrt((self.affine[:3, :3] ** 2).sum(axis=0))

    def world_x(self) -> np.ndarray:
        """MNI x coordinate (mm) of every voxel centre, shape (X, Y, Z)."""
        x, y, z = self.data.shape
        i, j, k = np.indices((x, y, z), sparse=True)
        a = self.affine
        return a[0, 0] * i + a[0, 1] * j + a[0, 2] * k + a[0, 3]


def load_label_image(path: str | Path, labels: dict[int, str], what: str = "atlas image") -> LabelVolume:
    """Read a 3D integer label image through nilearn and check it.

    Parameters
    ----------
    path : str or Path
        A NIfTI file (``.nii`` or ``.nii.gz``).
    labels : dict of int to str
        The label table that goes with the image.
    what : str
        How to call the file in messages.

    Returns
    -------
    LabelVolume

    Raises
    ------
    AtlasError
        If the file is missing, empty, truncated, not NIfTI, not 3D, not
        integer-valued, not in MNI space, or has none of the table's labels;
        if its header declares more than an atlas can hold (checked before
        any data is read, :mod:`atlases.sources.image_header`); if memory runs out.
    """
    path = Path(path)
    header = check_image_file(path, what)  # before nibabel allocates anything

    from nilearn import image  # lazy: nilearn is heavy to import

    with reading(path, what, header):
        img = image.load_img(str(path), wildcards=False)  # the file checked, not what "[" or "*" would match
        data = np.asanyarray(img.dataobj)
        affine = np.asarray(img.affine, dtype=float)
    with out_of_memory_named(path, what, header):
        return check_label_array(data, affine, labels, path, what)


def check_image_file(path: Path, what: str = "atlas image") -> ImageHeader:
    """Check an image file's header (:func:`~atlases.sources.image_header.check_image_header`) and its affine.

    Everything that can be refused without reading the data is refused here:
    size, shape, type, gzip integrity, and a transform that is not finite or
    not in MNI space.
    """
    header = check_image_header(path, what)
    with np.errstate(over="ignore", invalid="ignore"):
        _check_affine(header.shape[:3], header.affine, path, what)
    return header


@contextmanager
def out_of_memory_named(path: Path, what: str, header: ImageHeader | None = None):
    """Turn a ``MemoryError`` raised inside into an :class:`AtlasError` that names the image."""
    try:
        yield
    except MemoryError:
        size = f" ({header.voxels:,} voxels of {header.dtype})" if header is not None else ""
        raise AtlasError(f"{what} is too large to load: the computer ran out of memory while reading it{size}",
                         path) from None


@contextmanager
def reading(path: Path, what: str, header: ImageHeader | None = None,
            unreadable: str = "is not a readable NIfTI image"):
    """Turn whatever reading an image raises into one :class:`AtlasError` naming it.

    ``MemoryError`` as :func:`out_of_memory_named`; :class:`AtlasError` passes
    through; anything else goes through :func:`read_error`.
    """
    try:
        with out_of_memory_named(path, what, header):
            yield
    except AtlasError:
        raise
    except Exception as exc:  # noqa: BLE001 - nibabel/nilearn raise many types for a bad file
        raise read_error(exc, what, path, unreadable) from None


def read_error(exc: Exception, what: str, path: Path, unreadable: str = "is not a readable NIfTI image") -> AtlasError:
    """The :class:`AtlasError` for an image that nibabel or nilearn failed to read.

    A cut-off or unreadable file (``EOFError``/``OSError``) says so; anything
    else is reported as ``what`` + ``unreadable``.
    """
    if isinstance(exc, EOFError):
        return AtlasError(f"{what} is truncated ({short_reason(exc)})", path)
    if isinstance(exc, OSError):
        return AtlasError(f"{what} is truncated or unreadable ({short_reason(exc)})", path)
    return AtlasError(f"{what} {unreadable} ({short_reason(exc)})", path)


def check_label_array(data, affine, labels: dict[int, str], path: Path, what: str = "atlas image") -> LabelVolume:
    """Validate an array and affine as a label volume.

    Parameters
    ----------
    data : array-like
    affine : array-like, shape (4, 4)
    labels : dict of int to str
    path : Path
        Used in messages only.
    what : str
        How to call the file in messages.

    Returns
    -------
    LabelVolume
    """
    data = np.asarray(data)
    data = data.reshape(check_shape(data.shape, path, what))  # a 4D image with one volume becomes 3D
    if data.dtype.kind not in "iub":
        if data.dtype.kind != "f":
            raise AtlasError(f"{what} has data type {data.dtype}, expected integer labels", path)
        finite = np.isfinite(data)
        if not finite.all() or not np.array_equal(data, np.round(data)):
            raise AtlasError(f"{what} holds non-integer values (a probability or intensity map?); "
                             "expected integer labels", path)
    _check_label_range(data, path, what)
    data = data.astype(np.int32, copy=False)
    try:
        affine = np.asarray(affine, dtype=float)
    except (TypeError, ValueError):
        raise AtlasError(f"{what} has an invalid affine", path) from None
    with np.errstate(over="ignore", invalid="ignore"):  # absurd affines are refused, not warned about
        _check_affine(data.shape, affine, path, what)
    values = np.unique(data)
    if values.size > MAX_LABELS + 1:  # before a Python set of them is built
        raise AtlasError(f"{what} holds {values.size:,} different label values; a label atlas has at most "
                         f"{MAX_LABELS:,}", path)
    present = set(values.tolist()) - {0}
    if not present:
        raise AtlasError(f"{what} holds no labels (every voxel is 0)", path)
    if not present & set(labels):
        raise AtlasError(f"none of the label table's values occur in the {what}", path)
    return LabelVolume(data=data, affine=affine, labels=dict(labels), source=path)


def _check_label_range(data: np.ndarray, path: Path, what: str) -> None:
    """Refuse label values a 32-bit label volume cannot hold (a cast would wrap them)."""
    if data.dtype.kind == "b" or data.dtype.itemsize < 4 or data.dtype == np.int32:
        return  # (float16 tops out at 65504)
    info = np.iinfo(np.int32)
    lo, hi = data.min().item(), data.max().item()  # Python numbers: exact comparisons
    if lo < info.min or hi > info.max:
        raise AtlasError(f"{what} has label values from {lo:.0f} to {hi:.0f}; label values must fit in "
                         f"a 32-bit integer ({info.min} to {info.max})", path)


def _check_affine(shape, affine: np.ndarray, path: Path, what: str) -> None:
    if affine.shape != (4, 4) or not np.isfinite(affine).all():
        raise AtlasError(f"{what} has an invalid affine", path)
    zooms = np.sqrt((affine[:3, :3] ** 2).sum(axis=0))
    if abs(np.linalg.det(affine[:3, :3])) < 1e-6:
        raise AtlasError(f"{what} has a degenerate affine (zero voxel size)", path)
    if (zooms < 0.2).any() or (zooms > 4.0).any():
        raise AtlasError(f"{what} has voxel sizes {np.round(zooms, 2).tolist()} mm; an MNI atlas has 0.2-4 mm "
                         "voxels", path)
    corners = np.array([[i, j, k, 1.0] for i in (0, shape[0] - 1) for j in (0, shape[1] - 1)
                        for k in (0, shape[2] - 1)])
    world = corners @ affine.T
    lo, hi = world[:, :3].min(axis=0), world[:, :3].max(axis=0)
    box_lo, box_hi = MNI_BRAIN_BOX
    overlap = np.clip(np.minimum(hi, box_hi) - np.maximum(lo, box_lo), 0, None)
    if (overlap / (box_hi - box_lo) < 0.5).any():
        raise AtlasError(
            f"{what} is not in MNI space: it spans {np.round(lo).tolist()} to {np.round(hi).tolist()} mm",
            path,
        )


def short_reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]
