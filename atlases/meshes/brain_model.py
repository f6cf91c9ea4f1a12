"""Everything the 3D scene draws for one atlas, and the loader that gets it.

:func:`load_brain_model` is the one entry point used by the headless renderer
and the GUI alike. It reads the mesh cache (:mod:`atlases.meshes.cached_meshes`)
and only builds what the cache lacks (:mod:`atlases.meshes.mesh_builder`):
in this process, or, for the window, in a child process
(:mod:`atlases.meshes.mesh_build_process`). A build the window's launch
started ahead of need (:func:`start_build`) is owned by the process's
:class:`BrainModelLoader` until the load of that atlas joins it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from atlases.errors import ExplorerError
from atlases.meshes.cached_meshes import cache_is_filled, cortex_cache_key, region_cache_key, split_levels
from atlases.meshes.cortex_surface import load_cortex
from atlases.meshes.mesh_build_process import MeshBuild
from atlases.meshes.mesh_cache import MeshCache
from atlases.meshes.meshing import DEFAULT_PARAMS, MeshParams, TriMesh
from atlases.sources.definitions import AtlasDefinition
from atlases.sources.registry import get_definition, make_source

Progress = Callable[[str, float], None]


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


class BrainModelLoader:
    """Loads brain models, and owns the mesh builds started ahead of need.

    The window's launch calls :meth:`start_build` before Qt is imported, so a
    cold start meshes the first atlas on the second core; the window's load
    of that atlas then waits for that build instead of racing it.
    """

    def __init__(self) -> None:
        #: Builds started ahead of need, by (cache folder, atlas id, data folder).
        self.pending: dict[tuple, MeshBuild] = {}

    @staticmethod
    def _key(atlas_id: str, data_dir, cache_folder) -> tuple:
        return (str(cache_folder), atlas_id, str(data_dir) if data_dir is not None else None)

    def start_build(self, atlas_id: str, data_dir=None, cache_dir=None) -> MeshBuild | None:
        """Start building ``atlas_id``'s meshes in a child process, unless they are cached.

        Cheap when the cache is filled (it hashes the atlas files, reads nothing
        else). Problems are left for the later load to report.

        Returns
        -------
        MeshBuild or None
            The build, or None when the cache is filled or the atlas has a problem.
        """
        cache = MeshCache(cache_dir)
        try:
            if cache_is_filled(atlas_id, data_dir, cache):
                return None
        except ExplorerError:
            return None
        build = MeshBuild(atlas_id, data_dir, cache.folder)
        self.pending[self._key(atlas_id, data_dir, cache.folder)] = build
        return build

    def join_pending(self, atlas_id: str, data_dir, cache_folder) -> bool:
        """Wait for the build that :meth:`start_build` started for this atlas; True if there was one.

        Called before the cache is read: a build that ended early is reaped, and
        one still writing its entries is not raced (a load between its region and
        its cortex entries would mesh the cortex a second time, in the window's
        process). Raises :class:`AtlasError` if that build failed.
        """
        build = self.pending.pop(self._key(atlas_id, data_dir, cache_folder), None)
        if build is not None:
            build.wait()
        return build is not None

    def load(self, atlas_id: str, data_dir: str | Path | None = None, cache: MeshCache | None = None,
             params: MeshParams = DEFAULT_PARAMS, progress: Progress = _no_progress,
             in_child: bool = False) -> BrainModel:
        """Load (from cache) or build the meshes of one atlas; see :func:`load_brain_model`."""
        cache = cache if cache is not None else MeshCache()
        definition = get_definition(atlas_id)
        source = make_source(atlas_id, data_dir)
        progress("Looking for cached meshes", 0.05)
        key = region_cache_key(definition, source, params)
        built_ahead = in_child and self.join_pending(atlas_id, data_dir, cache.folder)
        entries = cache.load(key)
        from_cache = entries is not None and not built_ahead
        if entries is None and in_child and params == DEFAULT_PARAMS:
            progress(f"Building the surfaces of {definition.name}", 0.3)
            MeshBuild(atlas_id, data_dir, cache.folder).wait()
            entries = cache.load(key)  # None if the cache could not be written: build here instead
        if entries is None:
            # imported only here: a warm start never needs the meshing code
            from atlases.meshes.mesh_builder import build_region_entries

            entries = build_region_entries(definition, source, params, progress)
            cache.save(key, entries)
        regions, motion = split_levels(entries, definition.regions)

        progress("Loading the cortex surface", 0.8)
        cortex = cache.load(cortex_cache_key())
        if cortex is None:
            from_cache = False
            cortex = load_cortex()
            cache.save(cortex_cache_key(), cortex)
        progress("Done", 1.0)
        return BrainModel(definition, regions, cortex, from_cache, motion)


#: This process's loader: the window's launch starts builds on it, and its loads join them.
loader = BrainModelLoader()


def start_build(atlas_id: str, data_dir=None, cache_dir=None) -> MeshBuild | None:
    """Start building ``atlas_id``'s meshes ahead of need (:meth:`BrainModelLoader.start_build` of :data:`loader`)."""
    return loader.start_build(atlas_id, data_dir, cache_dir)


def load_brain_model(atlas_id: str, data_dir: str | Path | None = None, cache: MeshCache | None = None,
                     params: MeshParams = DEFAULT_PARAMS, progress: Progress = _no_progress,
                     in_child: bool = False) -> BrainModel:
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
        as the window does, so the building never stalls it; a build that
        :func:`start_build` started for this atlas is waited for first. Only
        with the default parameters.

    Returns
    -------
    BrainModel

    Raises
    ------
    AtlasError
        If the atlas is unavailable or its files are bad.
    """
    return loader.load(atlas_id, data_dir, cache, params, progress, in_child)
