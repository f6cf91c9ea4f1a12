"""Property: a label image with a forged header loads, or gives one AtlasError naming it, never a large allocation.

Hardening round 2, class 3. Each example starts from a valid small label image
(NIfTI-1 or NIfTI-2, either byte order) and changes up to three raw header
fields (shape, dimensions, data type, data offset, scaling, sform, qform, voxel
sizes, magic, header size), may add a header extension of any declared size,
cut or pad the data, gzip it or not and name it right or wrong. The files are
about 100 KB whatever they declare, and each load runs under a soft address
space limit of the process's size + :data:`PROPERTY_HEADROOM`: an allocation
of what a forged header declares fails there with a ``MemoryError``, which the
property reports.
"""

from __future__ import annotations

import gzip

import nibabel as nib
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from atlases.errors import AtlasError
from atlases.sources.label_volume import LabelVolume, load_label_image
from tests.helpers_forged_nifti import SHAPE, TABLE, address_space_limit, extension, forged_header, label_bytes
from tests.test_properties import SETTINGS

#: Address space a load of a forged file may add in this process (the files are ~100 KB).
PROPERTY_HEADROOM = 256 << 20

ODD_FLOATS = st.sampled_from([0.0, -1.0, 1e-30, 1e30, 3e38, np.nan, np.inf, -np.inf, 0.5, 4.0]) | st.floats(width=32)
ODD_DIMS = st.sampled_from([-32768, -1, 0, 1, 2, 3, 7, 8, 45, 2000, 32767]) | st.integers(-32768, 32767)
BIG_DIMS = st.sampled_from([182, 364, 436, 2000, 32767]) | st.integers(1, 32767)
ODD_CODES = st.sampled_from([-1, 0, 1, 2, 3, 4, 5, 32767])
DATATYPES = [0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 768, 1024, 1280, 1536, 1792, 2048, 2304, 999, -1]
OFFSETS = st.sampled_from([0, 100, 348, 352, 353, 368, 400, 1 << 20, (1 << 20) + 16, 2**31, -352]) | ODD_FLOATS
QFORM_FIELDS = ["quatern_b", "quatern_c", "quatern_d", "qoffset_x", "qoffset_y", "qoffset_z"]


def _set_item(hdr, field, index, value):
    values = hdr[field].copy()
    with np.errstate(all="ignore"):
        values[index] = value
    hdr[field] = values


def _mutate(draw, hdr):
    """One random change to a raw header field."""
    kind = draw(st.sampled_from(["dim", "shape", "ndim", "datatype", "vox_offset", "scaling", "sform", "qform",
                                 "pixdim", "magic", "sizeof_hdr"]))
    with np.errstate(all="ignore"):
        if kind == "dim":
            _set_item(hdr, "dim", draw(st.integers(1, 7)), draw(ODD_DIMS))
        elif kind == "shape":
            for axis in (1, 2, 3):
                _set_item(hdr, "dim", axis, draw(BIG_DIMS))
        elif kind == "ndim":
            _set_item(hdr, "dim", 0, draw(st.integers(-2, 9)))
        elif kind == "datatype":
            hdr["datatype"] = draw(st.sampled_from(DATATYPES))
        elif kind == "vox_offset":
            hdr["vox_offset"] = draw(OFFSETS)
        elif kind == "scaling":
            hdr["scl_slope"], hdr["scl_inter"] = draw(ODD_FLOATS), draw(ODD_FLOATS)
        elif kind == "sform":
            hdr["sform_code"] = draw(ODD_CODES)
            _set_item(hdr, f"srow_{draw(st.sampled_from('xyz'))}", draw(st.integers(0, 3)), draw(ODD_FLOATS))
        elif kind == "qform":
            hdr["qform_code"] = draw(ODD_CODES)
            hdr[draw(st.sampled_from(QFORM_FIELDS))] = draw(ODD_FLOATS)
        elif kind == "pixdim":
            _set_item(hdr, "pixdim", draw(st.integers(0, 7)), draw(ODD_FLOATS))
        elif kind == "magic":
            hdr["magic"] = draw(st.sampled_from([b"ni1", b"n+2", b"n+1", b"xyz", b""]))
        else:
            hdr["sizeof_hdr"] = draw(st.sampled_from([0, 348, 540, 1 << 30]))


@st.composite
def forged_files(draw):
    """(name, bytes) of a label image whose header, extensions, body and compression are forged."""
    dtype = draw(st.sampled_from([np.uint8, np.int16, np.int32, np.float32, np.float64]))
    hdr = forged_header(dtype=dtype, header_class=draw(st.sampled_from([nib.Nifti1Header, nib.Nifti2Header])),
                        endianness=draw(st.sampled_from(["<", ">"])))
    body = label_bytes(SHAPE, hdr.get_data_dtype())
    for _ in range(draw(st.integers(0, 3))):
        try:
            _mutate(draw, hdr)
        except (OverflowError, ValueError):  # a value this header's field cannot hold (NIfTI-2 integers)
            pass
    ext = b"\x00\x00\x00\x00"
    if draw(st.integers(0, 4)) == 4:
        ext = extension(draw(st.sampled_from([-16, 0, 7, 8, 16, 32, 2**31 - 1]) | st.integers(-2**31, 2**31 - 1)),
                        payload=bytes(draw(st.integers(0, 64))))
    raw = hdr.binaryblock + ext + body[:draw(st.integers(0, len(body)))] if draw(st.booleans()) else \
        hdr.binaryblock + ext + body + bytes(draw(st.integers(0, 64)))
    compressed = draw(st.booleans())
    data = gzip.compress(raw, compresslevel=1, mtime=0) if compressed else raw
    if draw(st.integers(0, 5)) == 5:
        data = data[:draw(st.integers(1, len(data) - 1))]
    named_gz = compressed != (draw(st.integers(0, 7)) == 7)  # now and then misnamed
    return ("forged.nii.gz" if named_gz else "forged.nii"), data


def test_a_forged_header_gives_a_volume_or_one_error_naming_the_file_without_a_large_allocation(tmp_path):
    import nilearn.image  # noqa: F401 - imported before the address space is limited

    outcomes = {"loaded": 0, "refused": 0}

    @settings(SETTINGS, max_examples=300)
    @given(forged_files())
    def check(forged):
        name, data = forged
        path = tmp_path / name
        path.write_bytes(data)
        try:
            with address_space_limit(PROPERTY_HEADROOM):
                volume = load_label_image(path, TABLE)
        except AtlasError as exc:
            message = str(exc)
            assert exc.path == path and path.name in message and "\n" not in message, message
            assert "MemoryError" not in message and "ran out of memory" not in message, message
            outcomes["refused"] += 1
            return
        finally:
            path.unlink()
        assert isinstance(volume, LabelVolume) and volume.data.shape == SHAPE and volume.data.dtype == np.int32
        outcomes["loaded"] += 1

    check()
    assert outcomes["loaded"] >= 10 and outcomes["refused"] >= 100, outcomes  # not vacuous either way
