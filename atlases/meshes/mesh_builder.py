"""Build an atlas's meshes in a separate process.

Reading an atlas through nilearn and meshing it takes a few seconds, and
VTK's filters hold Python's GIL while they run: in a worker thread they would
still stall the window. A child process keeps the window responsive and, at a
cold start, works on the second core while the window is being created
(:func:`start_build` is called before Qt is imported). The child writes the
mesh cache; the parent then reads it like a warm start.

Run as ``python -m atlases.meshes.mesh_builder ATLAS [--data-dir D] [--cache-dir C]``
(a frozen app runs itself with ``--build-meshes`` first, see ``main.py``).
"""

from __future__ import annotations

import argparse
import gc
import os
import subprocess
import sys
from pathlib import Path

from atlases.errors import AtlasError, ExplorerError

#: A packaged app runs itself with this flag first to be the mesh-builder child (see ``main.py``).
BUILD_FLAG = "--build-meshes"
#: Builds started ahead of need, by (cache folder, atlas id, data folder).
_pending: dict[tuple, MeshBuild] = {}


def build_command(atlas_id: str, data_dir=None, cache_dir=None) -> list[str]:
    """The command line of a child that builds ``atlas_id``'s meshes into ``cache_dir``."""
    args = [atlas_id]
    if data_dir is not None:
        args += ["--data-dir", str(data_dir)]
    if cache_dir is not None:
        args += ["--cache-dir", str(cache_dir)]
    if getattr(sys, "frozen", False):  # a PyInstaller app: sys.executable is the app itself
        return [sys.executable, BUILD_FLAG, *args]
    return [sys.executable, "-m", "atlases.meshes.mesh_builder", *args]


class MeshBuild:
    """A running child process that builds one atlas's meshes."""

    def __init__(self, atlas_id: str, data_dir=None, cache_dir=None):
        self.atlas_id = atlas_id
        root = Path(__file__).resolve().parents[1]
        self.process = subprocess.Popen(build_command(atlas_id, data_dir, cache_dir), cwd=str(root),
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE, text=True)

    def wait(self, timeout: float = 600.0) -> None:
        """Wait for the child; raise :class:`AtlasError` with its message if it failed."""
        try:
            _, err = self.process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            try:
                self.process.communicate(timeout=10)
            except subprocess.TimeoutExpired:  # a grandchild still holds the pipe: stop waiting
                pass
            raise AtlasError(f"building the meshes of atlas {self.atlas_id!r} took longer than {timeout:.0f} s")
        if self.process.returncode != 0:
            lines = [line for line in (err or "").strip().splitlines() if line.startswith("error: ")]
            message = lines[-1][len("error: "):] if lines else f"the mesh builder stopped (exit code " \
                                                                    f"{self.process.returncode})"
            raise AtlasError(message)


def _key(atlas_id, data_dir, cache_dir) -> tuple:
    return (str(cache_dir), atlas_id, str(data_dir) if data_dir is not None else None)


def start_build(atlas_id: str, data_dir=None, cache_dir=None) -> MeshBuild | None:
    """Start building ``atlas_id``'s meshes ahead of need, unless they are cached.

    Cheap when the cache is filled (it hashes the atlas files, reads nothing
    else). Problems are left for the later load to report.
    """
    from atlases.meshes.brain_model import cache_is_filled
    from atlases.meshes.mesh_cache import MeshCache

    cache = MeshCache(cache_dir)
    try:
        if cache_is_filled(atlas_id, data_dir, cache):
            return None
    except ExplorerError:
        return None
    build = MeshBuild(atlas_id, data_dir, cache.folder)
    _pending[_key(atlas_id, data_dir, cache.folder)] = build
    return build


def join_pending(atlas_id: str, data_dir, cache_folder) -> bool:
    """Wait for the build that :func:`start_build` started for this atlas; True if there was one.

    Called before the cache is read: a build that ended early is reaped, and
    one still writing its entries is not raced (a load between its region and
    its cortex entries would mesh the cortex a second time, in the window's
    process). Raises :class:`AtlasError` if that build failed.
    """
    build = _pending.pop(_key(atlas_id, data_dir, cache_folder), None)
    if build is not None:
        build.wait()
    return build is not None


def build_in_child(atlas_id: str, data_dir, cache_folder) -> None:
    """Build the meshes in a child process and wait for it."""
    MeshBuild(atlas_id, data_dir, cache_folder).wait()


def main(argv=None) -> int:
    """Child entry point: build and cache one atlas's meshes."""
    parser = argparse.ArgumentParser(prog="mesh_builder")
    parser.add_argument("atlas")
    parser.add_argument("--data-dir")
    parser.add_argument("--cache-dir")
    args = parser.parse_args(argv)
    from atlases.meshes.brain_model import load_brain_model
    from atlases.meshes.mesh_cache import MeshCache

    try:
        # this process has no GUI or OpenGL threads: safe to fork a helper for the second core
        load_brain_model(args.atlas, data_dir=args.data_dir, cache=MeshCache(args.cache_dir),
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
    except Exception as exc:  # the parent shows the last "error:" line
        print(f"error: the mesh builder failed ({type(exc).__name__}: {exc})", file=sys.stderr)
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run_and_exit()
