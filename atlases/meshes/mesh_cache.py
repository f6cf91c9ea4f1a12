"""On-disk cache of meshes, so the second start does not rebuild them.

An entry is one uncompressed ``.npz`` file (fast to read) holding named
:class:`~atlases.meshes.meshing.TriMesh` arrays plus a SHA-256 checksum of them. The
key hashes everything the meshes depend on: the atlas files' bytes, the label
names of each region, the meshing parameters and :data:`CACHE_FORMAT`.
Entries are written to a temporary file and renamed into place, so a crash or
a second app instance never leaves a half-written entry; a corrupt, truncated
or mismatched entry is detected and treated as missing.

Read-only layers (the bundle's prebuilt meshes, the IT's shared folder:
:func:`atlases.files.shared_data.read_only_mesh_dirs`) are searched before the
user's folder, with the same keys; a hit there is a warm start. They are never
written: a miss, or a damaged or unreadable layer entry, falls through to the
user's folder, and builds are saved only there.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from atlases.files.app_folders import user_cache_root
from atlases.files.shared_data import read_only_mesh_dirs
from atlases.meshes.meshing import TriMesh

log = logging.getLogger(__name__)

#: Bump when the meshing code changes what it produces.
CACHE_FORMAT = 5


def default_cache_dir() -> Path:
    """The per-user cache folder (``BRAIN_EXPLORER_CACHE_DIR`` overrides it)."""
    override = os.environ.get("BRAIN_EXPLORER_CACHE_DIR")
    if override:
        return Path(override)
    return user_cache_root() / "meshes"


def file_digest(path: str | Path) -> str:
    """SHA-256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def cache_key(*parts) -> str:
    """Hash the parts (strings, or paths whose bytes are hashed) into a key."""
    h = hashlib.sha256(f"format={CACHE_FORMAT}".encode())
    for part in parts:
        h.update(b"\0")
        h.update(file_digest(part).encode() if isinstance(part, Path) else str(part).encode())
    return h.hexdigest()[:32]


def _checksum(arrays: dict[str, np.ndarray]) -> str:
    h = hashlib.sha256()
    for name in sorted(arrays):
        a = np.ascontiguousarray(arrays[name])
        h.update(name.encode())
        h.update(str(a.dtype).encode())
        h.update(str(a.shape).encode())
        h.update(a.tobytes())
    return h.hexdigest()


class MeshCache:
    """A folder of cache entries, behind any read-only layers.

    Parameters
    ----------
    folder : Path, optional
        The user's (writable) folder; defaults to :func:`default_cache_dir`.
    read_only : sequence of Path, optional
        Folders of entries searched first and never written; defaults to
        :func:`~atlases.files.shared_data.read_only_mesh_dirs`. ``()`` for none.
    """

    def __init__(self, folder: str | Path | None = None, read_only=None):
        self.folder = Path(folder) if folder is not None else default_cache_dir()
        layers = read_only_mesh_dirs() if read_only is None else read_only
        self.read_only = [Path(p) for p in layers if Path(p) != self.folder]

    def path(self, key: str) -> Path:
        """Where ``key``'s entry is (or would be) in the user's folder."""
        return self.folder / f"{key}.npz"

    def has(self, key: str) -> bool:
        """True when some layer or the user's folder holds an entry for ``key`` (not validated)."""
        return any(os.path.isfile(folder / f"{key}.npz") for folder in (*self.read_only, self.folder))

    def load(self, key: str) -> dict[str, TriMesh] | None:
        """Return the meshes stored under ``key``, or None if absent or bad.

        The read-only layers are tried first, in order; a bad entry there is
        skipped with a warning.
        """
        for folder in self.read_only:
            meshes = _read_entry(folder / f"{key}.npz", "skipping it")
            if meshes is not None:
                return meshes
        return _read_entry(self.path(key), "rebuilding")

    def save(self, key: str, meshes: dict[str, TriMesh]) -> Path | None:
        """Store meshes under ``key`` atomically; failures only log (the cache is optional)."""
        arrays: dict[str, Any] = {}  # Any: numpy's stub reads ** as possibly allow_pickle=
        for name, mesh in meshes.items():
            arrays[f"{name}/points"] = np.ascontiguousarray(mesh.points, dtype=np.float32)
            arrays[f"{name}/faces"] = np.ascontiguousarray(mesh.faces, dtype=np.int32)
        arrays["__checksum__"] = np.array(_checksum(arrays))
        buffer = io.BytesIO()
        np.savez(buffer, **arrays)
        path = self.path(key)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{key}.", suffix=".tmp", dir=self.folder)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(buffer.getbuffer())
                    fh.flush()
                    os.fsync(fh.fileno())
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            log.warning("could not write mesh cache entry %s (%s)", path, exc)
            return None
        return path


def _read_entry(path: Path, then: str) -> dict[str, TriMesh] | None:
    """The meshes of one entry file, or None if it is absent or bad (``then`` ends the warning)."""
    try:
        with np.load(path, allow_pickle=False) as npz:
            arrays = {name: npz[name] for name in npz.files}
    except FileNotFoundError:
        return None
    except Exception as exc:  # noqa: BLE001 - a truncated zip, a bad header, a folder: any unreadable entry
        log.warning("mesh cache entry %s is unreadable (%s); %s", path, exc, then)
        return None
    stored = arrays.pop("__checksum__", None)
    if stored is None or str(stored) != _checksum(arrays):
        log.warning("mesh cache entry %s failed its checksum; %s", path, then)
        return None
    meshes = {}
    for name in {n.rsplit("/", 1)[0] for n in arrays}:
        try:
            meshes[name] = TriMesh(arrays[f"{name}/points"], arrays[f"{name}/faces"])
        except KeyError:
            log.warning("mesh cache entry %s is incomplete; %s", path, then)
            return None
    return meshes
