"""Tiny NIfTI files with forged headers, gzip bombs, and a memory limit to load them under.

Every file written here is small on disk (at most a few MB) whatever its
header declares or its gzip inflates to. A gzip that inflates to gigabytes is
written as many gzip members of the same compressed block of zeros (RFC 1952
allows members to follow each other; Python's gzip and nibabel read them as one
stream), so it costs milliseconds to write.

Anything that could allocate what such a file declares must run under
:func:`address_space_limit` (in-process) or in :data:`LIMITED_LOAD_CHILD`
(a subprocess), never unguarded on a shared machine.
"""

from __future__ import annotations

import gzip
import resource
import struct
from contextlib import contextmanager
from pathlib import Path

import nibabel as nib
import numpy as np

#: 4 mm MNI grid (the nilearn MNI152 template's field of view at 4 mm).
MNI_4MM = np.array([[4.0, 0, 0, -90], [0, 4.0, 0, -126], [0, 0, 4.0, -72], [0, 0, 0, 1]])
SHAPE = (45, 54, 45)
TABLE = {1: "alpha", 2: "beta"}
ZEROS_MEMBER_BYTES = 64 << 20


def label_block(shape=SHAPE, dtype=np.uint8) -> np.ndarray:
    """A plausible label volume: two blocks, one each side of the midline."""
    data = np.zeros(shape, dtype=dtype)
    data[10:18, 20:30, 15:25] = 1
    data[27:35, 20:30, 15:25] = 2
    return data


def label_bytes(shape=SHAPE, dtype=np.uint8) -> bytes:
    """:func:`label_block` as a NIfTI file stores it (first axis fastest)."""
    return label_block(shape, dtype).tobytes(order="F")


def forged_header(shape=SHAPE, dtype=np.uint8, affine=MNI_4MM, header_class=nib.Nifti1Header, endianness=None,
                  **fields):
    """A single-file NIfTI header; ``fields`` overwrite raw header fields after the setters ran."""
    hdr = header_class(endianness=endianness)
    hdr.set_data_dtype(dtype)
    hdr.set_data_shape(shape)
    hdr.set_sform(affine, 4)
    hdr.set_qform(affine, 4)
    hdr["vox_offset"] = hdr.single_vox_offset
    with np.errstate(all="ignore"):  # forged values may overflow float32 fields on purpose
        for key, value in fields.items():
            hdr[key] = value
    return hdr


def extension(esize: int, ecode: int = 4, payload: bytes = b"") -> bytes:
    """The 4-byte extension flag, then one extension header declaring ``esize`` bytes."""
    return b"\x01\x00\x00\x00" + struct.pack("<ii", esize, ecode) + payload


def write_forged(path: Path, hdr, body: bytes = b"", ext: bytes = b"\x00\x00\x00\x00", gz=None) -> Path:
    """Header + extension bytes + body, gzipped when the name ends in .gz (or ``gz`` says so)."""
    raw = hdr.binaryblock + ext + body
    gz = str(path).endswith(".gz") if gz is None else gz
    Path(path).write_bytes(gzip.compress(raw, compresslevel=1) if gz else raw)
    return Path(path)


def write_gzip_bomb(path: Path, hdr, inflated_bytes: int, ext: bytes = b"\x00\x00\x00\x00",
                    body: bytes = b"") -> Path:
    """A .gz of header + ``ext`` + ``body`` followed by ``inflated_bytes`` of zeros (a few MB on disk)."""
    member = gzip.compress(bytes(ZEROS_MEMBER_BYTES), compresslevel=9, mtime=0)
    count, rest = divmod(inflated_bytes, ZEROS_MEMBER_BYTES)
    with open(path, "wb") as fh:
        fh.write(gzip.compress(hdr.binaryblock + ext + body + bytes(rest), mtime=0))
        for _ in range(count):
            fh.write(member)
    return Path(path)


def vm_bytes(key: str = "VmSize") -> int:
    """A ``/proc/self/status`` memory figure of this process, in bytes."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(key + ":"):
                return int(line.split()[1]) * 1024
    raise KeyError(key)


@contextmanager
def address_space_limit(headroom: int):
    """Lower this process's soft RLIMIT_AS to its current size + ``headroom`` bytes, then restore it.

    An allocation beyond it raises ``MemoryError`` instead of taking the
    machine's memory. Only the soft limit changes, so it can be raised back.
    """
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = vm_bytes() + headroom
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield limit
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


#: Run as ``python -c LIMITED_LOAD_CHILD ROOT HEADROOM FILE...``: imports what a load imports, then
#: limits its address space to its size + HEADROOM bytes and loads each FILE; prints, as JSON, per
#: file the outcome, the peak of traced allocations (numpy arrays and Python objects) during the
#: load, and the growth of the peak resident size.
LIMITED_LOAD_CHILD = r"""
import json, resource, sys, tracemalloc
sys.path.insert(0, sys.argv[1])
import nibabel, nilearn.datasets, nilearn.image  # the baseline: what any load imports first
from atlases.errors import AtlasError
from atlases.sources.label_volume import load_label_image
from tests.helpers_forged_nifti import TABLE, vm_bytes

limit = vm_bytes() + int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
tracemalloc.start()
results = {}
for path in sys.argv[3:]:
    tracemalloc.reset_peak()
    before = vm_bytes("VmHWM")
    try:
        load_label_image(path, TABLE)
        outcome = ["loaded", ""]
    except AtlasError as exc:
        outcome = ["AtlasError", str(exc)]
    except BaseException as exc:
        outcome = [type(exc).__name__, str(exc)]
    results[path] = {"outcome": outcome, "traced_peak": tracemalloc.get_traced_memory()[1],
                     "rss_growth": vm_bytes("VmHWM") - before}
print(json.dumps(results))
"""
