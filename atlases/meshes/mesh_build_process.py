"""The parent's side of a mesh-builder child process: its command line, starting it, its outcome.

The child itself runs :mod:`atlases.meshes.mesh_builder`; this module does not
import it (the window imports this one at its start, and the builder brings
the meshing code).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from atlases.child_process_flags import BUILD_MESHES_FLAG
from atlases.errors import AtlasError

#: The module the child runs with ``python -m``.
BUILDER_MODULE = "atlases.meshes.mesh_builder"
#: The folder that holds the ``atlases`` package: the child's working folder, where ``-m`` finds it.
_CODE_ROOT = Path(__file__).resolve().parents[2]


def build_command(atlas_id: str, data_dir=None, cache_dir=None) -> list[str]:
    """The command line of a child that builds ``atlas_id``'s meshes into ``cache_dir``."""
    args = [atlas_id]
    if data_dir is not None:
        args += ["--data-dir", str(data_dir)]
    if cache_dir is not None:
        args += ["--cache-dir", str(cache_dir)]
    if getattr(sys, "frozen", False):  # a PyInstaller app: sys.executable is the app itself
        return [sys.executable, BUILD_MESHES_FLAG, *args]
    return [sys.executable, "-m", BUILDER_MODULE, *args]


class MeshBuild:
    """A running child process that builds one atlas's meshes."""

    def __init__(self, atlas_id: str, data_dir=None, cache_dir=None):
        self.atlas_id = atlas_id
        self.process = subprocess.Popen(build_command(atlas_id, data_dir, cache_dir), cwd=str(_CODE_ROOT),
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
            raise AtlasError(f"building the meshes of atlas {self.atlas_id!r} took longer than "
                             f"{timeout:.0f} s") from None
        if self.process.returncode != 0:
            lines = [line for line in (err or "").strip().splitlines() if line.startswith("error: ")]
            message = lines[-1][len("error: "):] if lines else f"the mesh builder stopped (exit code " \
                                                                    f"{self.process.returncode})"
            raise AtlasError(message)
