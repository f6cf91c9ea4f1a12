"""Building an atlas's meshes: what the mesh-builder child process runs.

Reading an atlas through nilearn and meshing it takes a few seconds, and
VTK's filters hold Python's GIL while they run: in a worker thread they would
still stall the window. So the window has the meshes built in a child process
(:mod:`atlases.meshes.mesh_build_process` starts it; at a cold start on the
second core while the window is being created). The child runs
:func:`fill_cache`, which writes the mesh cache; the window then reads it like
a warm start. The headless renderer, the tests and a window whose cache
cannot be written build in their own process with :func:`build_region_entries`
(the cortex meshes come ready-made with nilearn: :func:`~atlases.meshes.cortex_surface.load_cortex`).

Run as ``python -m atlases.meshes.mesh_builder ATLAS [--data-dir D] [--cache-dir C]``
(a packaged app runs itself with :data:`~atlases.child_process_flags.BUILD_MESHES_FLAG`
first, see ``main.py``).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable

from atlases.errors import ExplorerError
from atlases.meshes.cached_meshes import cortex_cache_key, entry_name, region_cache_key
from atlases.meshes.cortex_surface import load_cortex
from atlases.meshes.mesh_cache import MeshCache
from atlases.meshes.mesh_jobs import mesh_regions
from atlases.meshes.meshing import DEFAULT_PARAMS, MeshParams, TriMesh, decimate
from atlases.sources.definitions import AtlasDefinition
from atlases.sources.registry import get_definition, make_source

Progress = Callable[[str, float], None]


def _no_progress(message: str, fraction: float) -> None:
    pass


def build_region_entries(definition: AtlasDefinition, source, params: MeshParams = DEFAULT_PARAMS,
                         progress: Progress = _no_progress, workers: int = 1) -> dict[str, TriMesh]:
    """Read an atlas and mesh its regions: the content of its region cache entry.

    Parameters
    ----------
    definition : AtlasDefinition
    source : AtlasSource
        From :func:`atlases.sources.registry.make_source`.
    params : MeshParams
    progress : callable, optional
        ``progress(message, fraction)`` for a progress bar.
    workers : int
        Processes to mesh in (:func:`atlases.meshes.mesh_jobs.run_mesh_jobs`);
        more than one only in the mesh-builder child.

    Returns
    -------
    dict
        Every region mesh and its motion level, by
        :func:`~atlases.meshes.cached_meshes.entry_name`.

    Raises
    ------
    AtlasError
        If the atlas is unavailable or its files are bad.
    """
    progress(f"Reading {definition.name}", 0.15)
    volume = source.load()
    labels = {r: definition.label_ids(volume, r) for r in definition.regions}
    progress("Building region surfaces", 0.4)
    meshes = mesh_regions(volume, labels, params, workers=workers)
    entries = {}
    for r, hemis in meshes.items():
        for h, mesh in hemis.items():
            entries[entry_name(r, h)] = mesh
            entries[entry_name(r, h, motion=True)] = decimate(mesh, params.motion_triangles)
    return entries


def fill_cache(atlas_id: str, data_dir=None, cache: MeshCache | None = None, params: MeshParams = DEFAULT_PARAMS,
               workers: int = 1) -> None:
    """Build and save whichever of an atlas's two cache entries is missing or invalid.

    Parameters
    ----------
    atlas_id : str
    data_dir : str or Path, optional
        Where to look for atlas files that are not bundled.
    cache : MeshCache, optional
        Defaults to the per-user cache.
    params : MeshParams
    workers : int
        See :func:`build_region_entries`.

    Raises
    ------
    AtlasError
        If the atlas is unavailable or its files are bad.
    """
    cache = cache if cache is not None else MeshCache()
    definition = get_definition(atlas_id)
    source = make_source(atlas_id, data_dir)
    key = region_cache_key(definition, source, params)
    if cache.load(key) is None:
        cache.save(key, build_region_entries(definition, source, params, workers=workers))
    if cache.load(cortex_cache_key()) is None:
        cache.save(cortex_cache_key(), load_cortex())


def main(argv=None) -> int:
    """Child entry point: build and cache one atlas's meshes."""
    parser = argparse.ArgumentParser(prog="mesh_builder")
    parser.add_argument("atlas")
    parser.add_argument("--data-dir")
    parser.add_argument("--cache-dir")
    args = parser.parse_args(argv)
    try:
        # this process has no GUI or OpenGL threads: safe to fork a helper for the second core
        fill_cache(args.atlas, data_dir=args.data_dir, cache=MeshCache(args.cache_dir),
                   workers=min(2, os.cpu_count() or 1))
    except ExplorerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def run_and_exit(argv=None) -> None:
    """Run :func:`main` and end the process without the interpreter's clean-up.

    Tearing down the modules that nilearn, scipy and pandas bring in takes
    0.2-0.4 s, and the window waits for this process to end. By then the cache
    entry is written (synced and renamed into place); the output streams are
    flushed before leaving. An unexpected exception becomes an ``error:`` line
    for the parent to show, like an atlas problem.
    """
    # A process that lives for two seconds: the cyclic garbage collector would only
    # re-scan the objects that importing nilearn, scipy and pandas creates, again and
    # again (0.17-0.3 s of a 2 s build here; peak memory unchanged).
    gc.disable()
    try:
        code = main(argv)
    except Exception as exc:  # noqa: BLE001 - the parent shows the last "error:" line
        print(f"error: the mesh builder failed ({type(exc).__name__}: {exc})", file=sys.stderr)
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run_and_exit()
