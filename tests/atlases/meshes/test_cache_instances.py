"""Two app instances starting at once with an empty mesh cache.

Both build the meshes and write the same cache entries at about the same
time (a classroom where two students double-click the app, or one
double-clicks twice). Both must succeed, and the cache must end with one
valid entry per key and no temporary files. The single-process cases
(corrupt, truncated, version-mismatched entries) are in test_mesh_cache.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from atlases.meshes.mesh_cache import MeshCache

ROOT = Path(__file__).resolve().parents[3]


def test_two_instances_at_once_share_an_empty_cache(tmp_path):
    cache_dir = tmp_path / "mesh-cache"
    env = {**os.environ, "BRAIN_EXPLORER_CACHE_DIR": str(cache_dir)}
    outs = [tmp_path / f"instance{n}.png" for n in (1, 2)]
    spans = []
    procs = []
    for out in outs:
        procs.append((time.monotonic(), subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), "--screenshot", str(out), "--size", "96x64"], cwd=ROOT,
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)))
    for start, proc in procs:
        out, err = proc.communicate(timeout=240)
        spans.append((start, time.monotonic()))
        assert proc.returncode == 0, err
        assert "Traceback" not in err, err
    assert all(out.exists() and out.stat().st_size > 0 for out in outs)
    # they really ran at the same time: each started before the other ended
    assert spans[1][0] < spans[0][1]

    files = sorted(p.name for p in cache_dir.iterdir())
    assert files and all(name.endswith(".npz") and not name.startswith(".") for name in files), files
    assert len(files) == 2, files   # region meshes + cortex, each written once (the last rename wins)
    cache = MeshCache(cache_dir)
    for name in files:
        meshes = cache.load(name[: -len(".npz")])
        assert meshes, f"{name} is not a valid entry"

