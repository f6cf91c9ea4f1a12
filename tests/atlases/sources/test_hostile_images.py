"""Hostile atlas images and label tables: headers are checked before any data is read.

Hardening round 2, class 3 (image headers trusted before the data is read) and
the image messages of class 10 (a truncated gzip, a NaN affine, a raw
MemoryError). Every file is a few KB to a few MB on disk, whatever it declares
or inflates to (see :mod:`tests.helpers_forged_nifti`). The bombs are loaded in
a child process whose address space is limited to its size after the imports
plus :data:`HEADROOM`, and through the real command line under
:data:`CLI_ADDRESS_LIMIT`: on code that trusts the header they fail fast with
a ``MemoryError`` instead of taking the machine's memory, and the tests fail
because the message does not say what is wrong with the file.
"""

from __future__ import annotations

import bz2
import gzip
import json
import os
import resource
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from atlases.errors import AtlasError
from atlases.sources.label_volume import LabelVolume, load_label_image
from atlases.sources.registry import make_source
from tests.helpers_atlas_files import mni_affine, write_harvard_oxford_layout
from tests.helpers_forged_nifti import (
    LIMITED_LOAD_CHILD,
    MNI_4MM,
    SHAPE,
    TABLE,
    extension,
    forged_header,
    label_block,
    label_bytes,
    write_forged,
    write_gzip_bomb,
)
from tests.helpers_network import jail_env

ROOT = Path(__file__).resolve().parents[3]
#: Address space a load may add in the limited child: far below any bomb, far above a refusal.
HEADROOM = 512 << 20
#: Address space of the whole ``main.py --screenshot`` process tree in the CLI test. A valid
#: Harvard-Oxford screenshot at 64x64 runs in 1.5 GB of address space here (not in 1.0 GB: VTK).
CLI_ADDRESS_LIMIT = 3 << 30
#: Traced allocations (numpy arrays, Python objects) a refusal may make: a few 1 MiB gzip chunks.
REFUSAL_TRACED_BYTES = 16 << 20
#: Growth of the peak resident size a refusal may cause.
REFUSAL_RSS_BYTES = 64 << 20
GB = 1 << 30


def _zeros_tail(path, hdr, inflated, ext):
    return write_gzip_bomb(path, hdr, inflated, ext=ext)


#: name -> (file name, writer(path), phrase in the message). Each would make a header-trusting
#: loader allocate gigabytes.
BOMBS = {
    "2000^3 voxels in 44 KB": ("declared.nii", lambda p: write_forged(p, forged_header((2000, 2000, 2000)),
                                                                       bytes(44_000)), "8,000,000,000 voxels"),
    "2000^3 voxels, gzipped": ("declared.nii.gz", lambda p: write_forged(p, forged_header((2000, 2000, 2000)),
                                                                          bytes(44_000)), "too large to load"),
    "gzip inflating to 5.8 GB as declared": (
        "bomb.nii.gz", lambda p: write_gzip_bomb(p, forged_header((1800, 1800, 1800)), 1800**3), "too large to load"),
    "gzip inflating to 4 GB past a small image": (
        "tail.nii.gz", lambda p: write_gzip_bomb(p, forged_header(), 4 * GB, body=label_bytes()),
        "inflates to more than its header declares"),
    "huge vox_offset with an extension": (
        "offset.nii.gz", lambda p: _zeros_tail(p, forged_header(vox_offset=2.0**31), 3 * GB,
                                               extension(2**31 - 16)), "has its data at byte 2,147,483,648"),
    # nibabel reads esize - 8 bytes: -1 reads the rest of the file
    "extension of 7 bytes (read to the end)": (
        "ext7.nii.gz", lambda p: _zeros_tail(p, forged_header(vox_offset=368), 3 * GB, extension(7)),
        "header extension of 7 bytes"),
    "extension larger than its room": (
        "ext2g.nii.gz", lambda p: _zeros_tail(p, forged_header(vox_offset=1024), 3 * GB, extension(2**31 - 8)),
        "does not fit before its data"),
    "float64 of 400^3": ("float64.nii.gz", lambda p: write_forged(p, forged_header((400, 400, 400), np.float64)),
                         "float64 make 488 MB"),
    "int16 scaled to float64 at 0.5 mm": (
        "scaled.nii.gz", lambda p: write_forged(p, forged_header((364, 436, 364), np.int16, scl_slope=2.0)),
        "scaled to float64"),
    "5D": ("five_d.nii.gz", lambda p: write_forged(p, forged_header((400, 400, 400, 1, 3))),
           "must be a 3D label volume"),
    "4D with 500 volumes": ("many.nii.gz", lambda p: write_forged(p, forged_header((182, 218, 182, 500))),
                            "(a 4D image"),
}


@pytest.fixture(scope="module")
def bomb_results(tmp_path_factory):
    """Load every bomb in one child limited to its size + HEADROOM; {case: (path, result)}."""
    folder = tmp_path_factory.mktemp("bombs")
    paths = {}
    for name, (file_name, write, _) in BOMBS.items():
        paths[name] = write(folder / file_name)
        assert paths[name].stat().st_size < 8 << 20  # small on disk, whatever it declares
    proc = subprocess.run([sys.executable, "-c", LIMITED_LOAD_CHILD, str(ROOT), str(HEADROOM),
                           *map(str, paths.values())], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    results = json.loads(proc.stdout.strip().splitlines()[-1])
    return {name: (path, results[str(path)]) for name, path in paths.items()}


@pytest.mark.parametrize("case", list(BOMBS))
def test_a_bomb_is_refused_from_its_header_without_a_large_allocation(bomb_results, case):
    path, result = bomb_results[case]
    kind, message = result["outcome"]
    assert kind == "AtlasError", result
    assert path.name in message and BOMBS[case][2] in message, message
    assert "MemoryError" not in message and "ran out of memory" not in message, message  # no attempt either
    assert result["traced_peak"] < REFUSAL_TRACED_BYTES, result
    assert result["rss_growth"] < REFUSAL_RSS_BYTES, result


def test_the_limits_admit_a_real_half_millimetre_atlas():
    from atlases.sources.image_header import MAX_DATA_BYTES, MAX_VOXELS

    # MNI152 and ICBM 2009 grids at 0.5 mm, stored as int32
    assert 364 * 436 * 364 <= MAX_VOXELS and 394 * 466 * 378 <= MAX_VOXELS
    assert 394 * 466 * 378 * 4 <= MAX_DATA_BYTES


# ---------------------------------------------------------------- bombs through the command line
HO_SHAPE = (40, 48, 40)


def _cli_cases(folder: Path) -> dict:
    affine = mni_affine(HO_SHAPE)
    labels = label_bytes(HO_SHAPE)
    nan_row = affine[0].copy()
    nan_row[0] = np.nan
    cases = {
        "declared 2000^3": (lambda p: write_forged(p, forged_header((2000, 2000, 2000), affine=affine)),
                            "too large to load"),
        "gzip tail of 4 GB": (lambda p: write_gzip_bomb(p, forged_header(HO_SHAPE, affine=affine), 4 * GB,
                                                         body=labels), "inflates to more than its header declares"),
        "NaN sform": (lambda p: write_forged(p, forged_header(HO_SHAPE, affine=affine, srow_x=nan_row), labels),
                      "has an invalid affine (NaN in its sform)"),
        "gzip cut in its header": (lambda p: p.write_bytes(p.read_bytes()[:40]), "is a truncated gzip file"),
    }
    out = {}
    for n, (name, (corrupt, phrase)) in enumerate(cases.items()):
        files = write_harvard_oxford_layout(folder / f"case{n}", HO_SHAPE)
        corrupt(files.cortical_image)
        out[name] = (folder / f"case{n}", files.cortical_image, phrase)
    return out


def _limit_address_space():
    resource.setrlimit(resource.RLIMIT_AS, (CLI_ADDRESS_LIMIT, CLI_ADDRESS_LIMIT))


def _run_limited(cases: dict, command) -> dict:
    """Run ``command(folder)`` for every case, two at a time, offline and under the address-space limit."""
    def run(case):
        folder = case[0]
        return subprocess.run(command(folder), cwd=ROOT, env=jail_env(folder / "jail", "dns-fail"),
                              capture_output=True, text=True, timeout=300, preexec_fn=_limit_address_space)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(cases, pool.map(run, cases.values()), strict=True))


def test_bombs_through_the_command_line_give_one_line_naming_the_file(tmp_path):
    cases = _cli_cases(tmp_path)
    results = _run_limited(cases, lambda folder: [
        sys.executable, str(ROOT / "main.py"), "--screenshot", str(folder / "out.png"), "--size", "64x64",
        "--atlas", "harvard_oxford", "--atlas-dir", str(folder)])
    wrong = {}
    for name, (folder, image, phrase) in cases.items():
        proc = results[name]
        lines = [line for line in proc.stderr.splitlines() if line.strip()]
        if not (proc.returncode == 1 and len(lines) == 1 and lines[0].startswith("error: ")
                and image.name in lines[0] and phrase in lines[0] and "MemoryError" not in lines[0]
                and "ran out of memory" not in lines[0] and not (folder / "out.png").exists()):
            wrong[name] = (proc.returncode, proc.stderr[-500:])
    assert not wrong, wrong


def test_bombs_in_the_mesh_builder_child_are_refused_from_the_header(tmp_path):
    from atlases.meshes.mesh_build_process import build_command

    cases = {name: case for name, case in _cli_cases(tmp_path).items()
             if name in ("declared 2000^3", "gzip tail of 4 GB")}
    results = _run_limited(cases, lambda folder: build_command("harvard_oxford", folder, folder / "cache"))
    wrong = {}
    for name, (_folder, image, phrase) in cases.items():
        proc = results[name]
        errors = [line for line in proc.stderr.splitlines() if line.startswith("error: ")]
        if not (proc.returncode == 1 and errors and image.name in errors[-1] and phrase in errors[-1]
                and "MemoryError" not in proc.stderr and "ran out of memory" not in proc.stderr):
            wrong[name] = (proc.returncode, proc.stderr[-500:])
    assert not wrong, wrong


# ---------------------------------------------------------------- messages: truncated and not-gzip files
def _expect(path: Path, phrase: str) -> str:
    with pytest.raises(AtlasError) as info:
        load_label_image(path, TABLE)
    message = str(info.value)
    assert info.value.path == Path(path) and path.name in message, message
    assert phrase in message and "\n" not in message, message
    return message


@pytest.fixture(scope="module")
def small_gz(tmp_path_factory) -> bytes:
    path = write_forged(tmp_path_factory.mktemp("gz") / "whole.nii.gz", forged_header(), label_bytes())
    assert isinstance(load_label_image(path, TABLE), LabelVolume)
    return path.read_bytes()


#: Where a .nii.gz is cut: in the gzip header (1-9), in the NIfTI header, in the data, in the trailer.
CUTS = {"1 byte": 1, "2 bytes": 2, "5 bytes": 5, "gzip header": 9, "nifti header": 60, "just past the header": 120,
        "half": 0.5, "trailer start": -8, "in the CRC": -6, "in the length": -2, "last byte": -1}


@pytest.mark.parametrize("cut", list(CUTS))
def test_a_cut_gzip_is_called_a_truncated_gzip(tmp_path, small_gz, cut):
    at = CUTS[cut]
    at = int(len(small_gz) * at) if isinstance(at, float) else at
    path = tmp_path / "cut_atlas.nii.gz"
    path.write_bytes(small_gz[:at])
    message = _expect(path, "is a truncated gzip file")
    assert "Cannot work out file type" not in message


def _flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1:]


#: name -> (file name, bytes from the valid small .nii.gz, phrase)
NOT_GZIP = {
    "text named .nii.gz": ("text.nii.gz", lambda gz: b"id,label\n1,hippocampus\n" * 40, "not a gzip file"),
    "plain NIfTI named .nii.gz": ("plain.nii.gz", gzip.decompress, "not a gzip file"),
    "bzip2 named .nii.gz": ("bz.nii.gz", lambda gz: bz2.compress(gzip.decompress(gz)), "not a gzip file"),
    "gzip named .nii": ("zipped.nii", lambda gz: gz, "gzip-compressed, but its name does not end in .gz"),
    "CRC wrong": ("crc.nii.gz", lambda gz: _flip(gz, len(gz) - 6), "damaged gzip file (CRC check failed"),
    "length wrong": ("length.nii.gz", lambda gz: _flip(gz, len(gz) - 2), "damaged gzip file"),
    "garbage after the stream": ("trailing.nii.gz", lambda gz: gz + b"garbage", "damaged gzip file"),
    "deflate data damaged": ("flipped.nii.gz", lambda gz: _flip(gz, len(gz) // 2), "gzip file"),
}


@pytest.mark.parametrize("case", list(NOT_GZIP))
def test_a_broken_gzip_says_what_is_wrong(tmp_path, small_gz, case):
    name, make, phrase = NOT_GZIP[case]
    path = tmp_path / name
    path.write_bytes(make(small_gz))
    _expect(path, phrase)


def test_a_truncated_plain_nifti_says_how_much_is_missing(tmp_path):
    path = write_forged(tmp_path / "short.nii", forged_header(), label_bytes()[:1000])
    _expect(path, "is truncated: it holds 1,352 bytes, but its header declares 109,702")


def test_a_file_too_large_on_disk_is_refused_before_it_is_opened(tmp_path):
    path = write_forged(tmp_path / "padded.nii", forged_header(), label_bytes())
    os.truncate(path, 400 << 20)  # sparse: nothing is written
    _expect(path, "is too large: 419,430,400 bytes on disk")


# ---------------------------------------------------------------- messages: NaN and infinite transforms
def _with(row, i, value):
    row = np.array(row, dtype=float)
    row[i] = value
    return row


AFFINE_CASES = {
    "NaN sform": (dict(srow_x=_with(MNI_4MM[0], 0, np.nan)), "invalid affine (NaN in its sform)"),
    "infinite sform": (dict(srow_z=_with(MNI_4MM[2], 3, np.inf)), "invalid affine (infinite values in its sform)"),
    "NaN qform beside a valid sform": (dict(quatern_b=np.nan), "invalid affine (NaN in its qform)"),
    "infinite qform offset": (dict(sform_code=0, qoffset_y=np.inf), "invalid affine (infinite values in its qform)"),
    "qform quaternion that is not one": (dict(sform_code=0, quatern_b=1.0, quatern_c=1.0, quatern_d=1.0),
                                         "invalid affine (qform"),
    "NaN voxel size, no transform": (dict(sform_code=0, qform_code=0, pixdim=[1, np.nan, 4, 4, 1, 1, 1, 1]),
                                     "invalid affine (NaN in its voxel sizes"),
    "1e38 in the sform": (dict(srow_y=_with(MNI_4MM[1], 1, 1e38)), "voxel sizes"),
}


@pytest.mark.parametrize("case", list(AFFINE_CASES))
def test_an_invalid_affine_is_named(tmp_path, case):
    fields, phrase = AFFINE_CASES[case]
    path = write_forged(tmp_path / "odd_affine.nii.gz", forged_header(**fields), label_bytes())
    message = _expect(path, phrase)
    assert "rotations" not in message


@pytest.mark.parametrize("case", ["NaN sform", "infinite qform offset", "NaN voxel size, no transform"])
def test_an_invalid_affine_in_harvard_oxford_is_not_called_rotations(tmp_path, case):
    files = write_harvard_oxford_layout(tmp_path / "atlas", HO_SHAPE)
    affine = mni_affine(HO_SHAPE)
    fields = dict(AFFINE_CASES[case][0])
    if "srow_x" in fields:
        fields["srow_x"] = _with(affine[0], 0, np.nan)
    write_forged(files.subcortical_image, forged_header(HO_SHAPE, affine=affine, **fields),
                 label_bytes(HO_SHAPE))
    with pytest.raises(AtlasError) as info:
        make_source("harvard_oxford", files.data_dir).load()
    assert info.value.path == files.subcortical_image, str(info.value)
    assert "invalid affine" in info.value.message and "rotations" not in info.value.message, str(info.value)


# ---------------------------------------------------------------- messages: out of memory
def _out_of_memory(*args, **kwargs):
    raise MemoryError


def test_running_out_of_memory_while_reading_names_the_file(tmp_path, monkeypatch):
    import nilearn.image

    path = write_forged(tmp_path / "big_atlas.nii.gz", forged_header(), label_bytes())
    monkeypatch.setattr(nilearn.image, "load_img", _out_of_memory)
    _expect(path, "is too large to load: the computer ran out of memory while reading it (109,350 voxels")


def test_running_out_of_memory_while_checking_names_the_file(tmp_path, monkeypatch):
    path = write_forged(tmp_path / "big_atlas.nii.gz", forged_header(), label_bytes())
    monkeypatch.setattr(np, "unique", _out_of_memory)
    _expect(path, "ran out of memory")


@pytest.mark.parametrize("where", ["fetch", "merge"])
def test_running_out_of_memory_in_harvard_oxford_names_the_file(tmp_path, monkeypatch, where):
    import nilearn.datasets

    from atlases.sources import harvard_oxford

    files = write_harvard_oxford_layout(tmp_path / "atlas", HO_SHAPE)
    if where == "fetch":
        monkeypatch.setattr(nilearn.datasets, "fetch_atlas_harvard_oxford", _out_of_memory)
    else:
        monkeypatch.setattr(harvard_oxford, "merge_volumes", _out_of_memory)
    with pytest.raises(AtlasError) as info:
        make_source("harvard_oxford", files.data_dir).load()
    assert info.value.path == files.cortical_image and "ran out of memory" in info.value.message, str(info.value)


def test_an_image_with_a_label_per_voxel_is_refused_before_a_set_of_them_is_built(tmp_path):
    data = np.arange(1, 1 + np.prod(SHAPE), dtype=np.int32).reshape(SHAPE)
    path = write_forged(tmp_path / "noise.nii.gz", forged_header(dtype=np.int32), data.tobytes(order="F"))
    _expect(path, "109,350 different label values")


# ---------------------------------------------------------------- the file checked is the file read
def test_a_folder_with_wildcard_characters_loads_the_checked_file(tmp_path):
    # nilearn's load_img takes "[b]" as a wildcard: "a[b]" would read "ab"'s image instead
    checked = write_forged((tmp_path / "a[b]").mkdir() or tmp_path / "a[b]" / "atlas.nii.gz", forged_header(),
                           label_bytes())
    write_forged((tmp_path / "ab").mkdir() or tmp_path / "ab" / "atlas.nii.gz", forged_header(),
                 (label_block() == 1).astype(np.uint8).tobytes(order="F"))
    volume = load_label_image(checked, TABLE)
    np.testing.assert_array_equal(volume.data, label_block())


def test_harvard_oxford_refuses_a_folder_nilearn_would_take_for_wildcards(tmp_path):
    files = write_harvard_oxford_layout(tmp_path / "atlas[1]", HO_SHAPE)
    with pytest.raises(AtlasError) as info:
        make_source("harvard_oxford", files.data_dir).load()
    assert info.value.path == files.data_dir and "wildcards" in info.value.message, str(info.value)
