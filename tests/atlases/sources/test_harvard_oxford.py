"""The Harvard-Oxford source: finding, loading (through nilearn) and downloading.

Atlas files are generated small (4 mm) by :mod:`tests.helpers_atlas_files`
and read through the real ``nilearn.datasets.fetch_atlas_harvard_oxford``.
Every test points HOME, NILEARN_DATA and NILEARN_SHARED_DATA at its own empty
folders, so the user's real nilearn data is never seen.

Downloads: the offline test makes the child's HTTPS requests go through a
proxy on a closed local port (``HTTPS_PROXY``), so it fails at once and never
reaches the internet on any machine; a second variant uses this machine's own
DNS failure, and is skipped where www.nitrc.org resolves (it would download
the real 30 MB archive). The success path replaces the child's command with
one that writes the generated files, so the staging and move-into-place logic
runs for real without a network.
"""

from __future__ import annotations

import dataclasses
import gzip
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import nibabel as nib
import numpy as np
import pytest

from atlases.errors import AtlasError
from atlases.sources import harvard_oxford as ho
from atlases.sources import harvard_oxford_download as dl
from atlases.sources.registry import atlas_status, get_definition, make_source
from tests.helpers_atlas_files import (
    cortical_array,
    mni_affine,
    subcortical_array,
    subcortical_value,
    tree_snapshot,
    write_harvard_oxford_layout,
    write_nifti,
)

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def dirs(tmp_path, monkeypatch):
    """Empty HOME, NILEARN_DATA and NILEARN_SHARED_DATA for each test."""
    folders = {name: tmp_path / name for name in ("home", "nilearn-data", "nilearn-shared", "atlas")}
    for name in ("home", "nilearn-data", "nilearn-shared"):
        folders[name].mkdir()
    monkeypatch.setenv("HOME", str(folders["home"]))
    monkeypatch.setenv("NILEARN_DATA", str(folders["nilearn-data"]))
    monkeypatch.setenv("NILEARN_SHARED_DATA", str(folders["nilearn-shared"]))
    return folders


@pytest.fixture
def layout(dirs):
    return write_harvard_oxford_layout(dirs["atlas"])


@pytest.fixture
def fetch_calls(monkeypatch):
    """Record every call of nilearn's real fetcher (which still runs)."""
    from nilearn import datasets

    calls = []
    real = datasets.fetch_atlas_harvard_oxford

    def spy(name, *args, **kwargs):
        calls.append((name, kwargs.get("data_dir")))
        return real(name, *args, **kwargs)

    monkeypatch.setattr(datasets, "fetch_atlas_harvard_oxford", spy)
    return calls


# -- loading -------------------------------------------------------------------

def test_load_merges_both_atlases_through_nilearn(layout, fetch_calls):
    definition = get_definition("harvard_oxford")
    before = tree_snapshot(layout.data_dir)
    source = make_source("harvard_oxford", layout.data_dir)

    assert source.files() == layout.all()
    volume = source.load()

    assert fetch_calls == [("cort-maxprob-thr25-1mm", str(layout.data_dir)),
                           ("sub-maxprob-thr25-1mm", str(layout.data_dir))]
    assert tree_snapshot(layout.data_dir) == before  # nilearn read, wrote nothing
    assert volume.data.ndim == 3 and volume.data.dtype == np.int32
    assert np.allclose(volume.voxel_size, 4.0)
    for region_id in definition.regions:
        ids = definition.label_ids(volume, region_id)
        assert ids and np.isin(ids, volume.data).all(), region_id
    # names exactly as nilearn returns them (typos fixed, spaces stripped)
    assert volume.labels[41] == "Frontal Opercular Cortex"
    assert volume.ids_for("Left Hippocampus") == [ho.SUBCORTICAL_OFFSET + subcortical_value("Left Hippocampus")]
    for dropped in ("Left Cerebral Cortex", "Right Cerebral White Matter", "Left Lateral Ventricle"):
        assert not volume.ids_for(dropped)
    assert max(volume.labels) < 2 * ho.SUBCORTICAL_OFFSET


def test_merged_volume_is_anatomically_placed(layout):
    definition = get_definition("harvard_oxford")
    volume = make_source("harvard_oxford", layout.data_dir).load()

    def centre(name_or_region):
        ids = (volume.ids_for(name_or_region) if name_or_region in volume.labels.values()
               else definition.label_ids(volume, name_or_region))
        ijk = np.argwhere(np.isin(volume.data, ids))
        return (ijk @ volume.affine[:3, :3].T + volume.affine[:3, 3]).mean(axis=0)

    assert np.allclose(centre("Left Hippocampus"), (-28, -25, -12), atol=4)
    assert np.allclose(centre("Right Hippocampus"), (28, -25, -12), atol=4)
    assert centre("prefrontal_cortex")[1] > 20
    x, y, z = centre("posteromedial_cortex")
    assert abs(x) < 12 and -60 < y < -40 and 25 < z < 45


def test_subcortical_structures_win_over_overlapping_cortex(layout):
    cortical = nib.load(layout.cortical_image).get_fdata()
    subcortical = nib.load(layout.subcortical_image).get_fdata()
    hippocampus = subcortical == subcortical_value("Left Hippocampus")
    overlap = hippocampus & (cortical > 0)
    assert overlap.any()  # the generated parahippocampal gyrus overlaps it

    volume = make_source("harvard_oxford", layout.data_dir).load()
    # nilearn flips the FSL x axis; flip back to compare with the file
    merged = volume.data[::-1]
    assert (merged[hippocampus] == ho.SUBCORTICAL_OFFSET + subcortical_value("Left Hippocampus")).all()


def test_registry_reports_available(layout):
    assert atlas_status("harvard_oxford", layout.data_dir).available


def test_found_in_nilearn_shared_data(dirs, fetch_calls):
    shared = dirs["nilearn-shared"]
    files = write_harvard_oxford_layout(shared)
    before = {d: tree_snapshot(dirs[d]) for d in dirs}

    source = make_source("harvard_oxford")
    assert source.files() == files.all()
    volume = source.load()

    assert {data_dir for _, data_dir in fetch_calls} == {str(shared)}
    assert volume.ids_for("Right Hippocampus")
    assert {d: tree_snapshot(dirs[d]) for d in dirs} == before  # a read-only classroom copy stays untouched


def test_search_order_explicit_dir_first(dirs):
    write_harvard_oxford_layout(dirs["nilearn-data"])
    explicit = write_harvard_oxford_layout(dirs["atlas"], shape=(36, 44, 36))
    assert make_source("harvard_oxford", dirs["atlas"]).files() == explicit.all()
    assert make_source("harvard_oxford").files()[0].is_relative_to(dirs["nilearn-data"])
    assert ho.search_dirs(dirs["atlas"]) == [dirs["atlas"], dirs["nilearn-shared"], dirs["nilearn-data"],
                                             dirs["home"] / "nilearn_data"]


def test_absent_everywhere_names_folders_and_touches_nothing(dirs, monkeypatch):
    from nilearn import datasets

    attempts = []

    def forbidden(*args, **kwargs):
        attempts.append(args)
        raise AssertionError("network or fetcher used")

    monkeypatch.setattr(socket, "getaddrinfo", forbidden)
    monkeypatch.setattr(socket.socket, "connect", forbidden)
    monkeypatch.setattr(datasets, "fetch_atlas_harvard_oxford", forbidden)
    monkeypatch.setattr(subprocess, "Popen", forbidden)
    before = {d: tree_snapshot(dirs[d]) for d in dirs}

    source = make_source("harvard_oxford", dirs["atlas"])
    for call in (source.files, source.load):
        with pytest.raises(AtlasError) as info:
            call()
        message = str(info.value)
        for folder in (dirs["atlas"], dirs["nilearn-shared"], dirs["nilearn-data"], dirs["home"] / "nilearn_data"):
            assert str(folder) in message
        assert "--download-harvard-oxford" in message
    assert not atlas_status("harvard_oxford", dirs["atlas"]).available
    assert attempts == []
    assert {d: tree_snapshot(dirs[d]) for d in dirs} == before
    assert not dirs["atlas"].exists() and not (dirs["home"] / "nilearn_data").exists()


# -- broken files ----------------------------------------------------------------

def _truncate(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _write_4d(path):
    shape = (40, 48, 40)
    labels = cortical_array(shape, mni_affine(shape))
    write_nifti(path, np.stack([labels] * 3, axis=-1), mni_affine(shape))


def _write_other_grid(path):
    shape = (36, 44, 36)
    write_nifti(path, subcortical_array(shape, mni_affine(shape)), mni_affine(shape))


def _index_gap(path):
    path.write_text(path.read_text(encoding="iso-8859-1").replace('index="5"', 'index="99"'), encoding="iso-8859-1")


BROKEN = {
    "malformed XML": ("cortical_xml", lambda p: p.write_text("<atlas><data><label index='0'>Frontal"),
                      "not valid XML"),
    "XML index gap": ("subcortical_xml", _index_gap, "indices"),
    "missing XML": ("subcortical_xml", Path.unlink, "label file is missing"),
    "missing image": ("cortical_image", Path.unlink, "image is missing"),
    "truncated NIfTI": ("subcortical_image", _truncate, "truncated"),
    "not NIfTI": ("cortical_image", lambda p: p.write_bytes(gzip.compress(b"hello")), "not a readable NIfTI image"),
    "4D NIfTI": ("cortical_image", _write_4d, "4D"),
    "mismatched grids": ("subcortical_image", _write_other_grid, "does not line up"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_file_is_named(layout, case):
    attribute, corrupt, fragment = BROKEN[case]
    path = getattr(layout, attribute)
    corrupt(path)
    with pytest.raises(AtlasError) as info:
        make_source("harvard_oxford", layout.data_dir).load()
    assert info.value.path == path
    assert fragment in info.value.message
    assert "Traceback" not in str(info.value)


def test_bad_option_names_definition_file():
    definition = dataclasses.replace(get_definition("harvard_oxford"), options={"cortical": "cort-prob-1mm"})
    with pytest.raises(AtlasError) as info:
        ho.make_source(definition)
    assert info.value.path == definition.path and "cortical" in info.value.message


# -- downloading -----------------------------------------------------------------

def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _dns_fails_fast(host="www.nitrc.org", wait=3.0) -> bool:
    result = []
    worker = threading.Thread(target=lambda: result.append(_resolves(host)), daemon=True)
    worker.start()
    worker.join(wait)
    return result == [False]


def _resolves(host) -> bool:
    try:
        socket.getaddrinfo(host, 443)
    except OSError:
        return False
    return True


@pytest.fixture
def target(dirs):
    """A data folder that already holds something the download must keep."""
    folder = dirs["atlas"]
    (folder / "fsl" / "data" / "atlases").mkdir(parents=True)
    (folder / "fsl" / "data" / "atlases" / "Juelich.xml").write_text("<atlas/>")
    (folder / "README.md").write_text("keep me")
    return folder


@pytest.mark.parametrize("offline", ["proxy", "dns"])
def test_download_offline_fails_cleanly(target, monkeypatch, offline):
    if offline == "proxy":
        proxy = f"http://127.0.0.1:{_closed_port()}"
        for var in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
            monkeypatch.setenv(var, proxy)
        for var in ("NO_PROXY", "no_proxy"):
            monkeypatch.delenv(var, raising=False)
    elif not _dns_fails_fast():
        pytest.skip("this machine can resolve www.nitrc.org: a real download would start")
    before = tree_snapshot(target)
    start = time.monotonic()
    with pytest.raises(AtlasError) as info:
        dl.download_harvard_oxford(target, timeout=60)
    assert time.monotonic() - start < 30
    assert "could not download the Harvard-Oxford atlas: no network connection (" in info.value.message
    assert info.value.path == target
    assert tree_snapshot(target) == before


@pytest.mark.parametrize("how", ["cancel", "timeout"])
def test_download_cancel_or_timeout_leaves_nothing(target, how):
    before = tree_snapshot(target)
    kwargs = {"cancel": lambda: True} if how == "cancel" else {"timeout": 0.3}
    with pytest.raises(AtlasError) as info:
        dl.download_harvard_oxford(target, **kwargs)
    assert isinstance(info.value, dl.DownloadCancelled) == (how == "cancel")
    assert tree_snapshot(target) == before


def test_download_into_new_folder_removes_it_on_failure(dirs):
    folder = dirs["atlas"] / "new" / "nilearn_data"
    with pytest.raises(dl.DownloadCancelled):
        dl.download_harvard_oxford(folder, cancel=lambda: True)
    assert not dirs["atlas"].exists()


def test_download_read_only_folder(target, monkeypatch):
    before = tree_snapshot(target)
    target.chmod(0o555)
    if os.geteuid() == 0:  # root ignores permissions: make the refusal explicit
        def refuse(*args, **kwargs):
            raise PermissionError(13, "Permission denied", str(target))

        monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    try:
        with pytest.raises(AtlasError) as info:
            dl.download_harvard_oxford(target)
    finally:
        target.chmod(0o755)
    assert "read-only" in info.value.message and info.value.path == target
    assert tree_snapshot(target) == before


def test_download_success_moves_files_into_place(target, monkeypatch):
    def fake_child(staging, names):
        code = ("import sys; sys.path.insert(0, sys.argv[1]); "
                "from tests.helpers_atlas_files import write_harvard_oxford_layout as w; w(sys.argv[2])")
        return [sys.executable, "-c", code, str(ROOT), str(staging)]

    monkeypatch.setattr(dl, "_child_command", fake_child)
    assert dl.download_harvard_oxford(target) == target

    assert (target / "fsl" / "data" / "atlases" / "Juelich.xml").read_text() == "<atlas/>"
    assert (target / "README.md").read_text() == "keep me"
    assert not list(target.glob(dl.STAGING_PREFIX + "*"))
    volume = make_source("harvard_oxford", target).load()
    assert volume.ids_for("Left Hippocampus")


def test_default_download_dir_is_nilearn_data_not_shared(dirs, monkeypatch):
    assert dl.default_download_dir() == dirs["nilearn-data"]
    monkeypatch.delenv("NILEARN_DATA")
    assert dl.default_download_dir() == dirs["home"] / "nilearn_data"
