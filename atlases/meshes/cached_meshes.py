"""An atlas's meshes in the mesh cache: their keys, their entry names, reading them back.

Two entries hold what the scene draws for one atlas: the region meshes (key
:func:`region_cache_key`), and the cortex meshes shared by every atlas (key
:func:`cortex_cache_key`). In a region entry each mesh is named
``"<region>.<hemisphere>"``, and its coarse motion level
``"<region>.<hemisphere>.motion"`` (:func:`entry_name`). Reading needs neither
nilearn nor the meshing code; :mod:`atlases.meshes.mesh_builder` writes the
entries.
"""

from __future__ import annotations

from atlases.meshes.cortex_surface import cortex_cache_parts
from atlases.meshes.mesh_cache import MeshCache, cache_key
from atlases.meshes.meshing import DEFAULT_PARAMS, MeshParams, TriMesh
from atlases.sources.definitions import AtlasDefinition
from atlases.sources.registry import get_definition, make_source

#: Name suffix of a region's coarse motion level in a cache entry.
MOTION = "motion"

RegionMeshes = dict[str, dict[str, TriMesh]]


def region_cache_key(definition: AtlasDefinition, source, params: MeshParams) -> str:
    """Key of an atlas's region meshes: file bytes, loader version and options, label names, parameters."""
    labels = sorted((r, tuple(d.labels)) for r, d in definition.regions.items())
    options = sorted(definition.options.items())
    return cache_key("regions", definition.id, source.version, options, *source.files(), labels, params.key())


def cortex_cache_key() -> str:
    """Key of the cortex meshes (the same for every atlas)."""
    return cache_key(*cortex_cache_parts())


def entry_name(region_id: str, hemi: str, motion: bool = False) -> str:
    """Name of one region mesh in a region entry; ``motion`` names its coarse level."""
    return f"{region_id}.{hemi}.{MOTION}" if motion else f"{region_id}.{hemi}"


def cache_is_filled(atlas_id: str, data_dir=None, cache: MeshCache | None = None,
                    params: MeshParams = DEFAULT_PARAMS) -> bool:
    """True when the cache holds entries for the atlas's regions and the cortex (not validated).

    An entry in a read-only layer counts: it is read like one in the user's folder.
    """
    cache = cache if cache is not None else MeshCache()
    key = region_cache_key(get_definition(atlas_id), make_source(atlas_id, data_dir), params)
    return cache.has(key) and cache.has(cortex_cache_key())


def split_levels(entries: dict[str, TriMesh], region_ids) -> tuple[RegionMeshes, RegionMeshes]:
    """A region entry's meshes as ``(regions, motion_regions)``, each ``{region_id: {hemi: TriMesh}}``.

    Parameters
    ----------
    entries : dict
        The meshes of a region entry, by :func:`entry_name`.
    region_ids : iterable of str
        The atlas's regions, in display order (a region without meshes maps to ``{}``).

    Returns
    -------
    tuple of dict
    """
    regions: RegionMeshes = {r: {} for r in region_ids}
    motion: RegionMeshes = {r: {} for r in region_ids}
    for name, mesh in entries.items():
        region_id, hemi, *level = name.split(".")
        (motion if level == [MOTION] else regions)[region_id][hemi] = mesh
    return regions, motion
