"""Everything the 3D scene draws for one atlas: region and cortex meshes.

:func:`load_brain_model` is the one entry point used by the headless
renderer and the GUI alike. It looks in the mesh cache first and only reads
the atlas (through nilearn) and meshes it when the cache has no valid entry.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from atlases.meshes.brain_context import cortex_cache_parts, load_cortex
from atlases.meshes.mesh_cache import MeshCache, cache_key
from atlases.meshes.meshing import MeshParams, TriMesh, decimate, mesh_regions
from atlases.sources.definitions import AtlasDefinition
from atlases.sources.registry import get_definition, make_source

log = logging.getLogger(__name__)

Progress = Callable[[str, float], None]

#: Name suffix of a region's coarse motion level in a cache entry.
MOTION = "motion"


@dataclass(frozen=True)
class BrainModel:
    """Meshes for one atlas.

    Attributes
    ----------
    atlas : AtlasDefinition
    regions : dict
        ``{region_id: {"left"|"right": TriMesh}}``.
    cortex : dict
        ``{"left"|"right": TriMesh}``.
    from_cache : bool
        True when nothing had to be rebuilt.
    motion_regions : dict
        The coarse level of every region mesh, same layout as ``regions``,
        drawn while the camera moves on software OpenGL. Empty: draw
        ``regions`` then too.
    """

    atlas: AtlasDefinition
    regions: dict[str, dict[str, TriMesh]]
    cortex: dict[str, TriMesh]
    from_cache: bool
    motion_regions: dict[str, dict[str, TriMesh]] = field(default_factory=dict)

    @property
    def n_triangles(self) -> int:
        meshes = [m for hemis in self.regions.values() for m in hemis.values()] + list(self.cortex.values())
        return sum(m.n_triangles for m in meshes)


def _no_progress(message: str, fraction: float) -> None:
    pass


def region_cache_key(definition: AtlasDefinition, source, params: MeshParams) -> str:
    """Key of an atlas's region meshes: file bytes, loader version and options, label names, parameters."""
    labels = sorted((r, tuple(d.labels)) for r, d in definition.regions.items())
    options = sorted(definition.options.items())
    return cache_key("regions", definition.id, source.version, options, *source.files(), labels, params.key())


def cache_is_filled(atlas_id: str, data_dir=None, cache: MeshCache | None = None,
                    params: MeshParams = MeshParams()) -> bool:
    """True when the cache holds entries for the atlas's regions and the cortex (not validated)."""
    cache = cache if cache is not None else MeshCache()
    key = region_cache_key(get_definition(atlas_id), make_source(atlas_id, data_dir), params)
    return cache.path(key).is_file() and cache.path(cache_key(*cortex_cache_parts())).is_file()


def load_brain_model(atlas_id: str, data_dir: str | Path | None = None, cache: MeshCache | None = None,
                     params: MeshParams = MeshParams(), progress: Progress = _no_progress,
                     in_child: bool = False, workers: int = 1) -> BrainModel:
    """Load (from cache) or build the meshes of one atlas.

    Parameters
    ----------
    atlas_id : str
        An id from :func:`atlases.sources.registry.atlas_ids`.
    data_dir : str or Path, optional
        Where to look for atlas files that are not bundled.
    cache : MeshCache, optional
        Defaults to the per-user cache.
    params : MeshParams
    progress : callable, optional
        ``progress(message, fraction)`` for a progress bar.
    in_child : bool
        Build missing meshes in a child process (:mod:`atlases.meshes.mesh_builder`),
        as the window does, so the building never stalls it. Only with the
        default parameters.
    workers : int
        Processes to mesh in here (:func:`atlases.meshes.mesh_jobs.run_mesh_jobs`);
        only the mesh-builder child uses more than one.

    Returns
    -------
    BrainModel

    Raises
    ------
    AtlasError
        If the atlas is unavailable or its files are bad.
    """
    cache = cache if cache is not None else MeshCache()
    definition = get_definition(atlas_id)
    source = make_source(atlas_id, data_dir)
    progress("Looking for cached meshes", 0.05)
    key = region_cache_key(definition, source, params)
    built_ahead = False
    if in_child:
        from atlases.meshes.mesh_builder import build_in_child, join_pending

        built_ahead = join_pending(atlas_id, data_dir, cache.folder)
    flat = cache.load(key)
    from_cache = flat is not None and not built_ahead
    if flat is None and in_child and params == MeshParams():
        progress(f"Building the surfaces of {definition.name}", 0.3)
        build_in_child(atlas_id, data_dir, cache.folder)
        flat = cache.load(key)  # None if the cache could not be written: build here instead
    if flat is None:
        progress(f"Reading {definition.name}", 0.15)
        volume = source.load()
        labels = {r: definition.label_ids(volume, r) for r in definition.regions}
        progress("Building region surfaces", 0.4)
        meshes = mesh_regions(volume, labels, params, workers=workers)
        flat = {}
        for r, hemis in meshes.items():
            for h, mesh in hemis.items():
                flat[f"{r}.{h}"] = mesh
                flat[f"{r}.{h}.{MOTION}"] = decimate(mesh, params.motion_triangles)
        cache.save(key, flat)
    regions: dict[str, dict[str, TriMesh]] = {r: {} for r in definition.regions}
    motion: dict[str, dict[str, TriMesh]] = {r: {} for r in definition.regions}
    for name, mesh in flat.items():
        region_id, hemi, *level = name.split(".")
        (motion if level == [MOTION] else regions)[region_id][hemi] = mesh

    progress("Loading the cortex surface", 0.8)
    cortex_key = cache_key(*cortex_cache_parts())
    cortex = cache.load(cortex_key)
    if cortex is None:
        from_cache = False
        cortex = load_cortex()
        cache.save(cortex_key, cortex)
    progress("Done", 1.0)
    return BrainModel(definition, regions, cortex, from_cache, motion)
