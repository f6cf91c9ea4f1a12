"""Where the read-only shared data lives: the bundle's prebuilt meshes and the IT folder.

A school's IT staff fill one folder with ``main.py --prefetch DIR`` and copy it
to every computer. Its layout::

    DIR/meshes/<key>.npz          mesh-cache entries (:mod:`atlases.meshes.mesh_cache`)
    DIR/nilearn_data/fsl/...      downloaded atlases, in nilearn's data-directory layout

The app finds that folder through, in order:

1. the environment variable ``BRAIN_EXPLORER_SHARED_DATA`` (one folder, or
   several separated by ``os.pathsep``); when set, the system file is not read;
2. the system file ``shared-data.toml`` (:func:`system_config_files`), holding
   ``folder = "/srv/brain-region-explorer"`` (a relative path is taken from the
   file's folder). ``BRAIN_EXPLORER_SHARED_DATA_CONFIG`` names another file
   instead (the tests use it). A damaged file is ignored with a warning, never
   fatal, and the next candidate file is read.

A packaged app also has its own prebuilt meshes, ``prebuilt-meshes`` inside the
bundle (:func:`bundled_mesh_dirs`). Every folder named here is only ever read.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from atlases.errors import ContentError
from atlases.files.toml_reader import Fields, read_toml

log = logging.getLogger(__name__)

#: Environment variable naming the shared data folder(s).
SHARED_DATA_VARIABLE = "BRAIN_EXPLORER_SHARED_DATA"
#: Environment variable naming the system file to read instead of the usual places.
SYSTEM_FILE_VARIABLE = "BRAIN_EXPLORER_SHARED_DATA_CONFIG"
#: The app's folder name under the system configuration folders.
APP_FOLDER = "brain-region-explorer"
SYSTEM_FILE_NAME = "shared-data.toml"
#: Inside a shared data folder: the mesh-cache entries, and the nilearn data directory.
MESHES_SUBDIR = "meshes"
NILEARN_SUBDIR = "nilearn_data"
#: Inside a packaged app (``sys._MEIPASS``): the prebuilt meshes of the default atlas.
PREBUILT_MESHES = "prebuilt-meshes"

_warned: set[tuple[str, str]] = set()


def _split(value: str) -> list[Path]:
    return [Path(p).expanduser() for p in value.split(os.pathsep) if p.strip()]


def system_config_files() -> list[Path]:
    """The system files that may name the shared data folder, in the order they are read.

    Linux: ``$XDG_CONFIG_DIRS`` (default ``/etc/xdg``), then ``/etc``, each
    ``/brain-region-explorer/shared-data.toml``. Windows: ``%PROGRAMDATA%``.
    macOS: ``/Library/Application Support``.
    """
    override = os.environ.get(SYSTEM_FILE_VARIABLE)
    if override is not None:
        return _split(override)
    if sys.platform == "win32":
        bases = [Path(os.environ.get("PROGRAMDATA") or r"C:\ProgramData")]
    elif sys.platform == "darwin":
        bases = [Path("/Library/Application Support")]
    else:
        bases = _split(os.environ.get("XDG_CONFIG_DIRS") or "/etc/xdg") + [Path("/etc")]
    return [base / APP_FOLDER / SYSTEM_FILE_NAME for base in dict.fromkeys(bases)]


def _warn_once(path: Path, reason: str) -> None:
    if (str(path), reason) not in _warned:
        _warned.add((str(path), reason))
        log.warning("ignoring the shared-data setting %s: %s", path, reason)


def _folder_from_file(path: Path) -> Path | None:
    """The folder a system file names; None (with a warning if it is damaged) otherwise."""
    try:
        folder = Path(Fields(read_toml(path), path).str("folder", max_len=4096)).expanduser()
    except ContentError as exc:
        _warn_once(path, str(exc))
        return None
    return folder if folder.is_absolute() else path.parent / folder


def shared_data_dirs() -> list[Path]:
    """The IT's shared data folders (see the module docstring); usually none or one."""
    value = os.environ.get(SHARED_DATA_VARIABLE, "")
    if value.strip():
        return _split(value)
    for path in system_config_files():
        if not os.path.lexists(path):
            continue
        folder = _folder_from_file(path)
        if folder is not None:
            return [folder]
    return []


def bundled_mesh_dirs() -> list[Path]:
    """The packaged app's prebuilt meshes (the folder, or its ``meshes/`` if a prefetch folder was copied whole)."""
    base = getattr(sys, "_MEIPASS", None)
    if not getattr(sys, "frozen", False) or base is None:
        return []
    prebuilt = Path(base) / PREBUILT_MESHES
    return [prebuilt, prebuilt / MESHES_SUBDIR]


def read_only_mesh_dirs() -> list[Path]:
    """Every read-only mesh-cache folder, in the order they are searched (before the user's cache)."""
    return bundled_mesh_dirs() + [folder / MESHES_SUBDIR for folder in shared_data_dirs()]


def shared_nilearn_dirs() -> list[Path]:
    """The nilearn data directories inside the shared data folders (read-only atlas files)."""
    return [folder / NILEARN_SUBDIR for folder in shared_data_dirs()]
