"""The three parts of the atlas load: reading the cache, building (the child's work), the loader.

The loader reads a warm cache without importing the meshing code; the
builder fills only what the cache lacks; each loader owns its own pending
builds.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from atlases.meshes import mesh_builder
from atlases.meshes.brain_model import BrainModelLoader, load_brain_model
from atlases.meshes.cached_meshes import cache_is_filled, cortex_cache_key, entry_name, split_levels
from atlases.meshes.mesh_cache import MeshCache

ROOT = Path(__file__).resolve().parents[3]
ATLAS = "desikan_killiany"
#: What a load from a warm cache must not import: the builder and the meshing jobs it brings.
BUILD_MODULES = ("atlases.meshes.mesh_builder", "atlases.meshes.mesh_jobs")


@pytest.fixture(scope="module")
def warm(tmp_path_factory):
    folder = tmp_path_factory.mktemp("warm-cache")
    mesh_builder.fill_cache(ATLAS, cache=MeshCache(folder))
    return folder


def _boom(*args, **kwargs):
    raise AssertionError("built although the cache holds it")


def test_a_warm_load_in_the_window_imports_no_build_code(warm):
    code = textwrap.dedent(f"""
        import json, sys
        from atlases.meshes.brain_model import load_brain_model, start_build
        from atlases.meshes.mesh_cache import MeshCache
        cache = MeshCache({str(warm)!r})
        started = start_build({ATLAS!r}, cache_dir=cache.folder)
        model = load_brain_model({ATLAS!r}, cache=cache, in_child=True)
        print(json.dumps({{"started": started is not None, "from_cache": model.from_cache,
                          "build": [m for m in {list(BUILD_MODULES)!r} if m in sys.modules]}}))
    """)
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == {"started": False, "from_cache": True, "build": []}


def test_fill_cache_builds_only_the_missing_entry(warm, tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    shutil.copytree(warm, folder)
    cortex = MeshCache(folder).path(cortex_cache_key())
    cortex.unlink()
    monkeypatch.setattr(mesh_builder, "build_region_entries", _boom)
    mesh_builder.fill_cache(ATLAS, cache=MeshCache(folder))
    assert cortex.is_file() and cache_is_filled(ATLAS, cache=MeshCache(folder))
    assert load_brain_model(ATLAS, cache=MeshCache(folder)).from_cache


def test_the_entry_names_split_into_regions_and_motion_levels():
    entries = {entry_name("a", "left"): 1, entry_name("a", "left", motion=True): 2, entry_name("b", "right"): 3}
    regions, motion = split_levels(entries, ["a", "b", "c"])
    assert regions == {"a": {"left": 1}, "b": {"right": 3}, "c": {}}
    assert motion == {"a": {"left": 2}, "b": {}, "c": {}}


def test_a_loader_does_not_start_a_build_for_a_filled_cache(warm, monkeypatch):
    from atlases.meshes import brain_model

    monkeypatch.setattr(brain_model, "MeshBuild", _boom)
    loader = BrainModelLoader()
    assert loader.start_build(ATLAS, cache_dir=warm) is None
    assert loader.pending == {}


def test_each_loader_joins_only_its_own_builds(tmp_path, monkeypatch):
    from atlases.meshes import brain_model

    class FakeBuild:
        waited = 0

        def __init__(self, *args):
            pass

        def wait(self):
            FakeBuild.waited += 1

    monkeypatch.setattr(brain_model, "MeshBuild", FakeBuild)
    cache = MeshCache(tmp_path / "empty")
    first, second = BrainModelLoader(), BrainModelLoader()
    assert first.start_build(ATLAS, cache_dir=cache.folder) is not None
    assert not second.join_pending(ATLAS, None, cache.folder)
    assert first.join_pending(ATLAS, None, cache.folder) and FakeBuild.waited == 1
    assert first.pending == {}
