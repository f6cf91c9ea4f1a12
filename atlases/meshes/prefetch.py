"""Filling a shared data folder for IT: every atlas's files and meshes (``main.py --prefetch DIR``).

The folder gets the layout that :mod:`atlases.files.shared_data` reads::

    DIR/nilearn_data/...   atlases that are downloaded (today Harvard-Oxford), in nilearn's layout
    DIR/meshes/<key>.npz   the mesh-cache entries of every atlas, and of the cortex

IT copies DIR to each computer and points the app at it
(``BRAIN_EXPLORER_SHARED_DATA`` or the system file); every account then starts
warm. An atlas that ships with the app (Desikan-Killiany) is only meshed; one
that is downloaded is copied from a copy on this computer when there is one,
else downloaded. A download that fails (offline) is reported and the other
atlases are still built. Everything written is made readable by every account (a cache entry
is first written privately, as a temporary file).
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from atlases.errors import AtlasError, ExplorerError
from atlases.files.shared_data import MESHES_SUBDIR, NILEARN_SUBDIR
from atlases.meshes.cached_meshes import cache_is_filled
from atlases.meshes.mesh_cache import MeshCache
from atlases.sources.registry import atlas_ids, get_definition, make_source

Report = Callable[[str], None]


def _copy_or_download_harvard_oxford(source, target: Path, copy_from: Path | None, report: Report) -> None:
    """Copy the atlas from a copy on this computer if there is one (no network), else download it."""
    try:
        folder = dataclasses.replace(source, data_dir=copy_from).locate()
    except AtlasError:
        folder = None
    if folder is not None:
        report(f"copying it from {folder}")
        for path in source.expected_files(folder):
            destination = target / path.relative_to(folder)
            destination.parent.mkdir(parents=True, exist_ok=True)
            partial = destination.with_name(f".{destination.name}.part")
            shutil.copy2(path, partial)
            os.replace(partial, destination)
        return
    from atlases.sources.harvard_oxford_download import download_harvard_oxford

    report(f"downloading it into {target}")
    download_harvard_oxford(target, names=(source.cortical, source.subcortical))


#: Definition ``source`` -> how to get that atlas's files into a nilearn data directory
#: (``fetch(source, target, copy_from, report)``; ``copy_from``: a folder to look in first, or None).
#: Atlases whose source is not listed ship with the app.
Fetch = Callable[[Any, Path, Path | None, Report], None]
FETCHERS: dict[str, Fetch] = {"harvard_oxford": _copy_or_download_harvard_oxford}


@dataclass(frozen=True)
class AtlasOutcome:
    """What prefetching did for one atlas."""

    atlas_id: str
    ok: bool
    message: str


def _inside(path: Path, folder: Path) -> bool:
    try:
        Path(os.path.abspath(path)).relative_to(os.path.abspath(folder))
    except ValueError:
        return False
    return True


def _files_in(atlas_id: str, data_dir: Path) -> bool:
    """True when the atlas's files are found inside ``data_dir`` (not only somewhere else on this computer)."""
    try:
        return all(_inside(p, data_dir) for p in make_source(atlas_id, data_dir).files())
    except ExplorerError:
        return False


def _fetch_files(atlas_id: str, data_dir: Path, copy_from: Path | None, report: Report) -> str | None:
    """Get the atlas's files into ``data_dir`` if it is a downloaded one and they are not there; the error, or None."""
    definition = get_definition(atlas_id)
    fetch = FETCHERS.get(definition.source)
    if fetch is None or _files_in(atlas_id, data_dir):
        return None
    try:
        fetch(make_source(atlas_id, data_dir), data_dir, copy_from, lambda line: report(f"{definition.name}: {line}"))
    except ExplorerError as exc:
        return str(exc)
    except OSError as exc:  # copying a local copy
        return f"could not copy the atlas files ({exc.strerror or exc}): {exc.filename or data_dir}"
    return None


def _build_meshes(atlas_id: str, data_dir: Path, cache: MeshCache) -> None:
    from atlases.meshes.mesh_builder import fill_cache  # the meshing code: only when building

    # this process has no GUI or OpenGL threads: safe to fork a helper for the second core
    fill_cache(atlas_id, data_dir=data_dir, cache=cache, workers=min(2, os.cpu_count() or 1))


def make_readable(folder: Path) -> None:
    """Let every account read ``folder``'s tree (files a+r, folders a+rx); problems are left to the copy."""
    for path in [folder, *folder.rglob("*")]:
        try:
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                continue
            extra = 0o555 if stat.S_ISDIR(mode) else 0o444
            if mode & extra != extra:
                path.chmod(stat.S_IMODE(mode) | extra)
        except OSError:
            pass


def prefetch(folder: str | Path, atlas: str | None = None, copy_from: str | Path | None = None,
             report: Report = print) -> list[AtlasOutcome]:
    """Download the missing atlases into ``folder`` and build every atlas's meshes there.

    Parameters
    ----------
    folder : str or Path
        The shared data folder to fill (created if missing).
    atlas : str, optional
        Only this atlas id; default every atlas.
    copy_from : str or Path, optional
        A nilearn data folder to copy atlases from, looked in before the usual
        places (``--atlas-dir``); what is found nowhere is downloaded.
    report : callable
        Called with one line per step (not with the failures: they are returned).

    Returns
    -------
    list of AtlasOutcome
        One per atlas, in order.

    Raises
    ------
    UnknownNameError
        If ``atlas`` is not a known id.
    AtlasError
        If ``folder`` cannot be created.
    """
    ids = [get_definition(atlas).id] if atlas is not None else atlas_ids()
    folder = Path(folder).expanduser()
    data_dir = folder / NILEARN_SUBDIR
    cache = MeshCache(folder / MESHES_SUBDIR, read_only=())  # complete on its own, whatever this computer has
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise AtlasError(f"cannot create the folder to prefetch into ({exc.strerror or exc})", folder) from None
    outcomes = []
    for atlas_id in ids:
        name = get_definition(atlas_id).name
        error = _fetch_files(atlas_id, data_dir, Path(copy_from) if copy_from is not None else None, report)
        if error is None:
            report(f"{name}: building the meshes")
            try:
                _build_meshes(atlas_id, data_dir, cache)
                if not cache_is_filled(atlas_id, data_dir, cache):
                    error = f"the meshes could not be saved in {cache.folder}"
            except ExplorerError as exc:
                error = str(exc)
        outcomes.append(AtlasOutcome(atlas_id, error is None, f"{name}: {error or 'ready'}"))
        if error is None:
            report(outcomes[-1].message)
    make_readable(folder)
    return outcomes
