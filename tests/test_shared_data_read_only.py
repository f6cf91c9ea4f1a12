"""The app never writes into the IT's shared data folder, and a new account starts warm from it.

Each start is ``main.py --screenshot`` in a fresh process with a fresh HOME
(the user's cache in its default place), the shared folder named by the
variable or the system file. The machine runs as root, which ignores file
modes, so "never writes" is checked by comparing the folder's tree (names,
sizes, modification times) before and after, not by a read-only mode.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from atlases.meshes.prefetch import prefetch
from tests.helpers_atlas_files import tree_snapshot, write_harvard_oxford_layout

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """An IT folder prefetched with the Harvard-Oxford atlas (files and meshes) and the cortex."""
    layout = write_harvard_oxford_layout(tmp_path_factory.mktemp("layout")).data_dir
    folder = tmp_path_factory.mktemp("it") / "shared"
    assert [o.ok for o in prefetch(folder, "harvard_oxford", copy_from=layout, report=lambda line: None)] == [True]
    return folder


def _start(tmp_path: Path, atlas: str, **env_vars: str) -> tuple[subprocess.CompletedProcess, Path]:
    """A screenshot start with a fresh HOME; returns the process and that HOME's mesh cache folder."""
    home = _fresh_home(tmp_path)
    env = {k: v for k, v in os.environ.items()
           if k not in ("BRAIN_EXPLORER_CACHE_DIR", "XDG_CACHE_HOME", "NILEARN_DATA", "NILEARN_SHARED_DATA")}
    env.update(HOME=str(home), **env_vars)
    proc = subprocess.run([sys.executable, "main.py", "--screenshot", str(home / "shot.png"), "--size", "320x240",
                           "--atlas", atlas], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return proc, home / ".cache" / "brain-region-explorer" / "meshes"


def _fresh_home(tmp_path: Path) -> Path:
    n = len(list(tmp_path.glob("home-*")))
    home = tmp_path / f"home-{n}"
    home.mkdir()
    return home


def _entries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*.npz"))


def test_a_new_account_starts_warm_from_the_folder_named_by_the_variable(shared, tmp_path):
    before = tree_snapshot(shared)
    _, user_cache = _start(tmp_path, "harvard_oxford", BRAIN_EXPLORER_SHARED_DATA=str(shared))
    assert _entries(user_cache) == [], "meshes were rebuilt although the shared folder has them"
    assert tree_snapshot(shared) == before


def test_a_new_account_starts_warm_from_the_folder_named_by_the_system_file(shared, tmp_path):
    config = tmp_path / "etc" / "shared-data.toml"
    config.parent.mkdir()
    config.write_text(f"folder = {str(shared)!r}\n", encoding="utf-8")
    before = tree_snapshot(shared)
    _, user_cache = _start(tmp_path, "harvard_oxford", BRAIN_EXPLORER_SHARED_DATA_CONFIG=str(config))
    assert _entries(user_cache) == []
    assert tree_snapshot(shared) == before


def test_a_cold_start_builds_into_the_users_cache_only(shared, tmp_path):
    before = tree_snapshot(shared)
    _, user_cache = _start(tmp_path, "desikan_killiany", BRAIN_EXPLORER_SHARED_DATA=str(shared))
    assert len(_entries(user_cache)) == 1  # its regions; the cortex came from the shared folder
    assert not set(_entries(user_cache)) & set(_entries(shared / "meshes"))
    assert tree_snapshot(shared) == before


def test_damaged_shared_entries_are_skipped_not_fatal(shared, tmp_path):
    damaged = shutil.copytree(shared, tmp_path / "damaged")
    for entry in (damaged / "meshes").glob("*.npz"):
        entry.write_bytes(entry.read_bytes()[:1000])  # truncated, as by an interrupted copy
    before = tree_snapshot(damaged)
    proc, user_cache = _start(tmp_path, "harvard_oxford", BRAIN_EXPLORER_SHARED_DATA=str(damaged))
    assert "skipping it" in proc.stderr
    assert _entries(user_cache) == _entries(damaged / "meshes")  # rebuilt, into the user's cache
    assert tree_snapshot(damaged) == before
