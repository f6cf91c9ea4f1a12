"""Read-only mesh-cache layers: read before the user's cache, never written, skipped when bad."""

from __future__ import annotations

import logging
import shutil

import numpy as np
import pytest

from atlases.files.shared_data import SHARED_DATA_VARIABLE
from atlases.meshes.brain_model import BrainModelLoader, load_brain_model
from atlases.meshes.cached_meshes import cache_is_filled
from atlases.meshes.mesh_builder import fill_cache
from atlases.meshes.mesh_cache import MeshCache
from atlases.meshes.meshing import TriMesh
from tests.helpers_atlas_files import tree_snapshot

ATLAS = "desikan_killiany"
KEY = "0" * 32


def _meshes(seed: int) -> dict[str, TriMesh]:
    rng = np.random.default_rng(seed)
    return {"a.left": TriMesh(rng.normal(size=(20, 3)).astype(np.float32),
                              rng.integers(0, 20, size=(30, 3)).astype(np.int32))}


def _layer(folder, seed: int = 1):
    MeshCache(folder, read_only=()).save(KEY, _meshes(seed))
    return folder


def _same(a, b) -> bool:
    return all(np.array_equal(a[n].points, b[n].points) and np.array_equal(a[n].faces, b[n].faces) for n in a)


@pytest.fixture(scope="module")
def prebuilt(tmp_path_factory):
    """A shared data folder whose ``meshes/`` holds the default atlas's entries."""
    shared = tmp_path_factory.mktemp("shared")
    fill_cache(ATLAS, cache=MeshCache(shared / "meshes", read_only=()))
    return shared


def test_a_layer_entry_is_read_and_nothing_is_written(tmp_path):
    layer = _layer(tmp_path / "layer")
    before = tree_snapshot(layer)
    cache = MeshCache(tmp_path / "user", read_only=[layer])
    assert cache.has(KEY)
    assert _same(cache.load(KEY), _meshes(1))
    assert not (tmp_path / "user").exists()
    assert tree_snapshot(layer) == before


def test_layers_are_read_in_order_before_the_users_cache(tmp_path):
    first, second = _layer(tmp_path / "first", 1), _layer(tmp_path / "second", 2)
    MeshCache(tmp_path / "user", read_only=()).save(KEY, _meshes(3))
    assert _same(MeshCache(tmp_path / "user", read_only=[first, second]).load(KEY), _meshes(1))
    assert _same(MeshCache(tmp_path / "user", read_only=[second, first]).load(KEY), _meshes(2))
    assert _same(MeshCache(tmp_path / "user", read_only=[tmp_path / "absent"]).load(KEY), _meshes(3))


def test_saving_writes_only_the_users_folder(tmp_path):
    layer = _layer(tmp_path / "layer")
    before = tree_snapshot(layer)
    cache = MeshCache(tmp_path / "user", read_only=[layer])
    assert cache.save(KEY, _meshes(5)) == tmp_path / "user" / f"{KEY}.npz"
    assert tree_snapshot(layer) == before
    assert _same(cache.load(KEY), _meshes(1))  # the layer still wins


def _truncate(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _flip_a_byte(path):
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def _entry_is_a_folder(path):
    path.unlink()
    path.mkdir()


@pytest.mark.parametrize("damage", [_truncate, _flip_a_byte, _entry_is_a_folder])
def test_a_damaged_layer_entry_is_skipped_with_a_warning(tmp_path, caplog, damage):
    layer = _layer(tmp_path / "layer")
    damage(layer / f"{KEY}.npz")
    before = tree_snapshot(layer)
    second = _layer(tmp_path / "second", 2)
    with caplog.at_level(logging.WARNING, logger="atlases.meshes.mesh_cache"):
        assert _same(MeshCache(tmp_path / "user", read_only=[layer, second]).load(KEY), _meshes(2))
        assert MeshCache(tmp_path / "user", read_only=[layer]).load(KEY) is None  # a miss, not an error
    assert any("skipping it" in r.getMessage() and str(layer) in r.getMessage() for r in caplog.records)
    assert tree_snapshot(layer) == before


def test_a_layer_that_is_not_a_folder_is_skipped(tmp_path):
    (tmp_path / "not-a-folder").write_bytes(b"x")
    MeshCache(tmp_path / "user", read_only=()).save(KEY, _meshes(3))
    cache = MeshCache(tmp_path / "user", read_only=[tmp_path / "not-a-folder"])
    assert _same(cache.load(KEY), _meshes(3))


def test_a_warm_start_from_a_layer_writes_nothing(prebuilt, tmp_path):
    before = tree_snapshot(prebuilt)
    cache = MeshCache(tmp_path / "user", read_only=[prebuilt / "meshes"])
    assert cache_is_filled(ATLAS, cache=cache)
    model = load_brain_model(ATLAS, cache=cache)
    assert model.from_cache
    assert not (tmp_path / "user").exists()
    assert tree_snapshot(prebuilt) == before


def test_the_shared_folder_variable_makes_the_default_cache_warm(prebuilt, tmp_path, monkeypatch):
    monkeypatch.setenv("BRAIN_EXPLORER_CACHE_DIR", str(tmp_path / "user"))
    monkeypatch.setenv(SHARED_DATA_VARIABLE, str(prebuilt))
    assert BrainModelLoader().start_build(ATLAS) is None  # no child build at the window's start
    assert load_brain_model(ATLAS).from_cache
    assert not (tmp_path / "user").exists()


def test_a_damaged_layer_falls_through_to_a_build_in_the_users_cache(prebuilt, tmp_path):
    layer = shutil.copytree(prebuilt / "meshes", tmp_path / "layer")
    for entry in layer.glob("*.npz"):
        _truncate(entry)
    before = tree_snapshot(layer)
    model = load_brain_model(ATLAS, cache=MeshCache(tmp_path / "user", read_only=[layer]))
    assert not model.from_cache
    assert sorted(p.name for p in (tmp_path / "user").glob("*.npz")) == sorted(p.name for p in layer.glob("*.npz"))
    assert tree_snapshot(layer) == before
