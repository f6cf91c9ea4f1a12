"""The on-disk mesh cache: hits, keys, corruption, failures and concurrency."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import textwrap
import threading
import zipfile
from pathlib import Path

import numpy as np
import pytest

from atlases.meshes import mesh_cache
from atlases.meshes.brain_model import load_brain_model
from atlases.meshes.cached_meshes import region_cache_key
from atlases.meshes.cortex_surface import cortex_cache_parts
from atlases.meshes.mesh_cache import MeshCache, cache_key, default_cache_dir
from atlases.meshes.meshing import MeshParams, TriMesh
from atlases.sources.registry import get_definition, make_source

ROOT = Path(__file__).resolve().parents[3]
ATLAS = "desikan_killiany"


def _region_key(params: MeshParams = MeshParams()) -> str:
    return region_cache_key(get_definition(ATLAS), make_source(ATLAS), params)


def _cortex_key() -> str:
    return cache_key(*cortex_cache_parts())


def _small_meshes(seed: int = 0) -> dict[str, TriMesh]:
    rng = np.random.default_rng(seed)
    return {
        "a.left": TriMesh(rng.normal(size=(50, 3)).astype(np.float32),
                          rng.integers(0, 50, size=(80, 3)).astype(np.int32)),
        "b.right": TriMesh(rng.normal(size=(30, 3)).astype(np.float32),
                           rng.integers(0, 30, size=(40, 3)).astype(np.int32)),
    }


def _assert_same(a: dict[str, TriMesh], b: dict[str, TriMesh]):
    assert set(a) == set(b)
    for name in a:
        np.testing.assert_array_equal(a[name].points, b[name].points)
        np.testing.assert_array_equal(a[name].faces, b[name].faces)
        assert a[name].points.dtype == b[name].points.dtype == np.float32
        assert a[name].faces.dtype == b[name].faces.dtype == np.int32


def _flat(model) -> dict[str, TriMesh]:
    out = {f"{r}.{h}": m for r, hemis in model.regions.items() for h, m in hemis.items()}
    out.update({f"{r}.{h}.motion": m for r, hemis in model.motion_regions.items() for h, m in hemis.items()})
    out.update({f"cortex.{h}": m for h, m in model.cortex.items()})
    return out


# ---------------------------------------------------------------- a built cache, shared by the module
@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A cache folder filled by one cold load_brain_model, and that model."""
    folder = tmp_path_factory.mktemp("built-cache")
    model = load_brain_model(ATLAS, cache=MeshCache(folder))
    return folder, model


@pytest.fixture
def cache_copy(built, tmp_path):
    folder, model = built
    copy = tmp_path / "cache"
    shutil.copytree(folder, copy)
    return copy, model


def test_cold_load_builds_and_fills_the_cache(built):
    folder, model = built
    assert model.from_cache is False
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted([f"{_region_key()}.npz", f"{_cortex_key()}.npz"])


def test_second_load_comes_from_the_cache_with_identical_arrays(cache_copy):
    folder, first = cache_copy
    second = load_brain_model(ATLAS, cache=MeshCache(folder))
    assert second.from_cache is True
    _assert_same(_flat(first), _flat(second))
    assert second.n_triangles == first.n_triangles
    assert list(second.regions) == list(first.regions)


def test_cache_hit_does_not_read_the_atlas(cache_copy, monkeypatch):
    folder, _ = cache_copy
    from atlases.sources import desikan_killiany

    def boom(self):
        raise AssertionError("the atlas was read although the cache is warm")

    monkeypatch.setattr(desikan_killiany.DesikanKillianySource, "load", boom)
    monkeypatch.setattr("atlases.meshes.brain_model.load_cortex", lambda: boom(None))
    assert load_brain_model(ATLAS, cache=MeshCache(folder)).from_cache is True


# ---------------------------------------------------------------- keys
def test_key_depends_on_mesh_params():
    base = _region_key()
    keys = {base, _region_key(MeshParams(max_triangles=5000)), _region_key(MeshParams(smoothing_iterations=3)),
            _region_key(MeshParams(motion_triangles=2000))}
    assert len(keys) == 4
    assert _region_key(MeshParams()) == base  # deterministic


def test_key_depends_on_file_bytes_labels_and_format(tmp_path, monkeypatch):
    a, b = tmp_path / "a.nii", tmp_path / "b.nii"
    a.write_bytes(b"one")
    b.write_bytes(b"one")
    assert cache_key("x", a) == cache_key("x", b)  # bytes, not the path, are hashed
    b.write_bytes(b"two")
    assert cache_key("x", a) != cache_key("x", b)
    assert cache_key("x", "a") != cache_key("xa")  # parts are separated
    d = get_definition(ATLAS)
    import dataclasses

    other = dataclasses.replace(d, regions={**d.regions, "hippocampus": dataclasses.replace(
        d.regions["hippocampus"], labels=("hippocampus", "amygdala"))})
    source = make_source(ATLAS)
    base = region_cache_key(d, source, MeshParams())
    assert region_cache_key(other, source, MeshParams()) != base
    assert region_cache_key(dataclasses.replace(d, options={"resolution": 2}), source, MeshParams()) != base
    monkeypatch.setattr(type(source), "version", "v-test")
    assert region_cache_key(d, source, MeshParams()) != base
    before = cache_key("x")
    monkeypatch.setattr(mesh_cache, "CACHE_FORMAT", mesh_cache.CACHE_FORMAT + 1)
    assert cache_key("x") != before


def test_default_cache_dir_honours_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("BRAIN_EXPLORER_CACHE_DIR", str(tmp_path / "c"))
    assert default_cache_dir() == tmp_path / "c"
    assert MeshCache().folder == tmp_path / "c"
    monkeypatch.delenv("BRAIN_EXPLORER_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert default_cache_dir() == tmp_path / "xdg" / "brain-region-explorer" / "meshes"


# ---------------------------------------------------------------- corruption
def _flip_middle(path: Path):
    data = bytearray(path.read_bytes())
    mid = len(data) // 2
    for i in range(mid, mid + 16):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


def _truncate(path: Path):
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _garbage(path: Path):
    path.write_bytes(os.urandom(4096))


def _wrong_checksum(path: Path):
    with np.load(path, allow_pickle=False) as npz:
        arrays = {name: npz[name] for name in npz.files}
    first = sorted(n for n in arrays if n.endswith("/points"))[0]
    arrays[first] = arrays[first] + np.float32(0.5)  # a plausible but different mesh
    np.savez(path, **arrays)  # keeps the old checksum
    with zipfile.ZipFile(path) as z:  # still a valid npz
        assert z.testzip() is None


def _empty(path: Path):
    path.write_bytes(b"")


def _missing_checksum(path: Path):
    with np.load(path, allow_pickle=False) as npz:
        arrays = {name: npz[name] for name in npz.files if name != "__checksum__"}
    np.savez(path, **arrays)


CORRUPTIONS = {"flip-bytes": _flip_middle, "truncate": _truncate, "garbage": _garbage,
               "wrong-checksum": _wrong_checksum, "empty": _empty, "no-checksum": _missing_checksum}


@pytest.mark.parametrize("corrupt", list(CORRUPTIONS))
def test_corrupt_entry_loads_as_none(tmp_path, corrupt, caplog):
    cache = MeshCache(tmp_path)
    meshes = _small_meshes()
    path = cache.save("k1", meshes)
    assert path == cache.path("k1") and path.is_file()
    _assert_same(cache.load("k1"), meshes)
    CORRUPTIONS[corrupt](path)
    with caplog.at_level(logging.WARNING, logger="atlases.meshes.mesh_cache"):
        assert cache.load("k1") is None
    assert "k1.npz" in caplog.text


def test_missing_entry_loads_as_none_quietly(tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        assert MeshCache(tmp_path / "never-created").load("nothing") is None
    assert caplog.text == ""


def test_entry_with_incomplete_mesh_loads_as_none(tmp_path):
    cache = MeshCache(tmp_path)
    arrays = {"a.left/points": np.zeros((3, 3), np.float32)}  # faces missing, checksum right
    arrays["__checksum__"] = np.array(mesh_cache._checksum(arrays))
    np.savez(cache.path("k"), **arrays)
    assert cache.load("k") is None


@pytest.mark.parametrize("entry, corrupt", [("regions", "truncate"), ("regions", "wrong-checksum"),
                                            ("cortex", "flip-bytes"), ("cortex", "garbage")])
def test_load_brain_model_rebuilds_a_corrupt_entry(cache_copy, entry, corrupt):
    folder, good = cache_copy
    key = _region_key() if entry == "regions" else _cortex_key()
    path = folder / f"{key}.npz"
    original = path.read_bytes()
    CORRUPTIONS[corrupt](path)
    assert MeshCache(folder).load(key) is None

    rebuilt = load_brain_model(ATLAS, cache=MeshCache(folder))
    assert rebuilt.from_cache is False
    new, old = _flat(rebuilt), _flat(good)
    assert set(new) == set(old)
    for name in new:  # the same meshes (exact equality would assume single-threaded VTK)
        assert new[name].n_triangles == pytest.approx(old[name].n_triangles, rel=0.02)
        np.testing.assert_allclose(new[name].centroid(), old[name].centroid(), atol=0.1)
    # the entry was rewritten, is valid again and holds what was rebuilt
    assert path.read_bytes() != b"" and path.stat().st_size > 0.9 * len(original)
    stored = MeshCache(folder).load(key)
    assert stored is not None
    if entry == "regions":
        expected = {n: m for n, m in new.items() if not n.startswith("cortex.")}
    else:
        expected = dict(rebuilt.cortex)
    _assert_same(stored, expected)
    again = load_brain_model(ATLAS, cache=MeshCache(folder))
    assert again.from_cache is True
    _assert_same(_flat(again), new)


# ---------------------------------------------------------------- failures while saving
def test_save_into_a_read_only_folder_logs_and_returns_none(tmp_path, caplog, monkeypatch):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        probe = folder / "probe"
        try:
            probe.write_bytes(b"")
            probe.unlink()
            writable = True   # running as root: permissions are not enforced
        except PermissionError:
            writable = False
        if writable:
            def denied(*args, **kwargs):
                raise PermissionError(13, "Permission denied")

            monkeypatch.setattr(mesh_cache.tempfile, "mkstemp", denied)
        with caplog.at_level(logging.WARNING, logger="atlases.meshes.mesh_cache"):
            assert MeshCache(folder).save("k", _small_meshes()) is None
        assert "could not write mesh cache entry" in caplog.text
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_save_below_a_regular_file_logs_and_returns_none(tmp_path, caplog):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with caplog.at_level(logging.WARNING, logger="atlases.meshes.mesh_cache"):
        assert MeshCache(blocker / "meshes").save("k", _small_meshes()) is None
    assert "could not write" in caplog.text


def test_failed_write_leaves_no_temp_file(tmp_path, monkeypatch):
    cache = MeshCache(tmp_path)

    def full_disk(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(mesh_cache.os, "replace", full_disk)
    assert cache.save("k", _small_meshes()) is None
    assert list(tmp_path.iterdir()) == []


def test_load_brain_model_works_with_an_unwritable_cache(tmp_path, monkeypatch, built):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    model = load_brain_model(ATLAS, cache=MeshCache(blocker / "meshes"))
    assert model.from_cache is False
    _assert_same(_flat(model), _flat(built[1]))


def test_save_leaves_only_the_entry(tmp_path):
    cache = MeshCache(tmp_path / "new" / "folder")
    for i in range(5):
        cache.save(f"key{i}", _small_meshes(i))
    cache.save("key0", _small_meshes(9))  # overwrite
    assert sorted(p.name for p in cache.folder.iterdir()) == [f"key{i}.npz" for i in range(5)]
    _assert_same(cache.load("key0"), _small_meshes(9))


# ---------------------------------------------------------------- concurrency
def test_threads_saving_the_same_key_leave_one_valid_entry(tmp_path):
    cache = MeshCache(tmp_path)
    candidates = [_small_meshes(seed) for seed in range(4)]
    errors = []

    def worker(meshes):
        try:
            for _ in range(15):
                cache.save("shared", meshes)
                loaded = cache.load("shared")  # a reader never sees a half-written entry
                assert loaded is not None
        except BaseException as exc:  # noqa: BLE001 - a thread's failure is reported below  # pragma: no cover
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(m,)) for m in candidates]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert [p.name for p in tmp_path.iterdir()] == ["shared.npz"]
    final = cache.load("shared")
    assert final is not None
    assert any(np.array_equal(final["a.left"].points, c["a.left"].points) for c in candidates)


def test_processes_saving_the_same_key_leave_one_valid_entry(tmp_path):
    code = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        import numpy as np
        from atlases.meshes.mesh_cache import MeshCache
        from atlases.meshes.meshing import TriMesh
        seed = int(sys.argv[1])
        rng = np.random.default_rng(seed)
        meshes = {{"m.left": TriMesh(rng.normal(size=(20000, 3)).astype(np.float32),
                                     rng.integers(0, 20000, size=(40000, 3)).astype(np.int32))}}
        cache = MeshCache({str(tmp_path)!r})
        for _ in range(25):
            assert cache.save("shared", meshes) is not None
            assert cache.load("shared") is not None
    """)
    procs = [subprocess.Popen([sys.executable, "-c", code, str(seed)], stderr=subprocess.PIPE, text=True)
             for seed in range(3)]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    assert [p.name for p in tmp_path.iterdir()] == ["shared.npz"]
    loaded = MeshCache(tmp_path).load("shared")
    assert loaded is not None and loaded["m.left"].points.shape == (20000, 3)


def test_meshes_built_in_a_child_process_land_in_the_cache(tmp_path):
    """The window builds missing meshes in a child (VTK holds the GIL); the result is a normal cache entry."""
    from atlases.meshes.cached_meshes import cache_is_filled

    cache = MeshCache(tmp_path / "child-cache")
    assert not cache_is_filled(ATLAS, cache=cache)
    model = load_brain_model(ATLAS, cache=cache, in_child=True)
    assert cache_is_filled(ATLAS, cache=cache)
    assert not model.from_cache  # built (by the child) for this call
    assert all(len(hemis) == 2 for hemis in model.regions.values())
    assert load_brain_model(ATLAS, cache=cache).from_cache


def test_a_build_started_ahead_is_joined_even_when_it_ended_first(tmp_path):
    """The launch starts a build; the load waits for it and reaps it, also when it finished before the load."""
    from atlases.meshes import brain_model

    cache = MeshCache(tmp_path / "c")
    build = brain_model.start_build(ATLAS, cache_dir=cache.folder)
    assert build is not None
    build.process.wait(timeout=300)   # the child is done before the window asks
    model = load_brain_model(ATLAS, cache=cache, in_child=True)
    assert not model.from_cache   # built for this start, ahead of the load
    assert brain_model.loader.pending == {}
    assert build.process.stderr.closed   # joined: nothing left open or unreaped
    assert load_brain_model(ATLAS, cache=cache, in_child=True).from_cache


def test_the_build_flag_runs_the_mesh_builder(tmp_path, repo_root):
    """A packaged app has no ``python -m``: it runs ``<app> --build-meshes ATLAS ...`` (main.py)."""
    from atlases.child_process_flags import BUILD_MESHES_FLAG
    from atlases.meshes.cached_meshes import cache_is_filled

    cache = MeshCache(tmp_path / "c")
    proc = subprocess.run([sys.executable, "main.py", BUILD_MESHES_FLAG, ATLAS, "--cache-dir", str(cache.folder)],
                          cwd=repo_root, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert cache_is_filled(ATLAS, cache=cache)


def test_a_failing_child_build_reports_the_atlas_problem(tmp_path, monkeypatch):
    from atlases.errors import AtlasError
    from atlases.meshes import mesh_build_process

    monkeypatch.setattr(mesh_build_process, "build_command", lambda *args: [
        sys.executable, "-c", "import sys; print('error: atlas image is truncated', file=sys.stderr); sys.exit(1)"])
    with pytest.raises(AtlasError, match="atlas image is truncated"):
        load_brain_model(ATLAS, cache=MeshCache(tmp_path / "c"), in_child=True)
