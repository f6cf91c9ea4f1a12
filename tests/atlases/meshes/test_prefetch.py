"""``main.py --prefetch DIR``: an IT folder with every atlas's files and meshes, offline or not.

Downloads go through the existing download child, jailed to 127.0.0.1
(tests/helpers_network.py): offline is a failed name look-up, a working
download is a local server that serves a generated Harvard-Oxford archive.
"""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

import pytest

from atlases.meshes.cached_meshes import cache_is_filled
from atlases.meshes.mesh_cache import MeshCache
from atlases.meshes.prefetch import prefetch
from tests.helpers_atlas_files import tree_snapshot, write_harvard_oxford_layout
from tests.helpers_network import LocalServer, harvard_oxford_archive, jail_env

ROOT = Path(__file__).resolve().parents[3]
EXIT_PARTIAL = 3


@pytest.fixture(scope="module")
def layout(tmp_path_factory):
    return write_harvard_oxford_layout(tmp_path_factory.mktemp("layout")).data_dir


def _main(args, tmp_path: Path, mode: str, port: int | None = None) -> subprocess.CompletedProcess:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = jail_env(tmp_path / "jail", mode, port, HOME=str(home), BRAIN_EXPLORER_CACHE_DIR=str(tmp_path / "user"),
                   NILEARN_DATA=str(tmp_path / "nilearn-data"), NILEARN_SHARED_DATA="")
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=600)


def _filled(shared: Path, atlas_id: str) -> bool:
    return cache_is_filled(atlas_id, shared / "nilearn_data", MeshCache(shared / "meshes", read_only=()))


def test_offline_the_download_fails_clearly_and_the_other_atlases_are_built(tmp_path):
    shared = tmp_path / "shared"
    proc = _main(["--prefetch", str(shared)], tmp_path, "dns-fail")
    assert proc.returncode == EXIT_PARTIAL, proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and "Harvard-Oxford" in errors[0] and "no network connection" in errors[0], proc.stderr
    assert "Only some atlases are ready" in proc.stderr
    assert _filled(shared, "desikan_killiany")
    assert not any(p.is_file() for p in (shared / "nilearn_data").rglob("*")), "the failed download left files"
    assert not (tmp_path / "user").exists(), "prefetch wrote the user's cache"


def test_offline_when_nothing_can_be_fetched_the_exit_code_is_an_error(tmp_path):
    proc = _main(["--prefetch", str(tmp_path / "shared"), "--atlas", "harvard_oxford"], tmp_path, "dns-fail")
    assert proc.returncode == 1, proc.stderr
    assert "no network connection" in proc.stderr


def test_a_download_goes_through_the_download_code_into_the_folder(tmp_path, layout):
    shared = tmp_path / "shared"
    with LocalServer("ok", harvard_oxford_archive(layout)) as server:
        proc = _main(["--prefetch", str(shared), "--atlas", "harvard_oxford"], tmp_path, "redirect", server.port)
    assert proc.returncode == 0, proc.stderr
    assert server.requests == ["/frs/download.php/9902/HarvardOxford.tgz"]
    assert (shared / "nilearn_data" / "fsl" / "data" / "atlases" / "HarvardOxford-Cortical.xml").is_file()
    assert _filled(shared, "harvard_oxford")
    assert not (tmp_path / "user").exists()


def test_a_local_copy_is_copied_and_a_second_run_changes_nothing(tmp_path, layout):
    shared = tmp_path / "shared"
    lines: list[str] = []
    outcomes = prefetch(shared, "harvard_oxford", copy_from=layout, report=lines.append)
    assert [o.ok for o in outcomes] == [True], outcomes
    assert any("copying it from" in line for line in lines)
    assert _filled(shared, "harvard_oxford")
    copied = sorted(p.relative_to(shared / "nilearn_data") for p in (shared / "nilearn_data").rglob("*") if p.is_file())
    assert copied == sorted(p.relative_to(layout) for p in layout.rglob("*") if p.is_file())
    for path in [shared, *shared.rglob("*")]:  # readable by every account (entries start as private temp files)
        mode = path.stat().st_mode
        assert mode & (0o555 if stat.S_ISDIR(mode) else 0o444) == (0o555 if stat.S_ISDIR(mode) else 0o444), path
    before = tree_snapshot(shared)
    lines.clear()
    assert [o.ok for o in prefetch(shared, "harvard_oxford", report=lines.append)] == [True]
    assert tree_snapshot(shared) == before
    assert not any("copying" in line or "downloading" in line for line in lines), lines


def test_the_bundles_prebuilt_layer_needs_no_network(tmp_path):
    """What the bundle build runs: ``--prefetch DIR --atlas desikan_killiany``, offline."""
    shared = tmp_path / "shared"
    proc = _main(["--prefetch", str(shared), "--atlas", "desikan_killiany"], tmp_path, "dns-fail")
    assert proc.returncode == 0, proc.stderr
    assert _filled(shared, "desikan_killiany")
    assert len(list((shared / "meshes").glob("*.npz"))) == 2  # its regions and the cortex, nothing else
    assert not (shared / "nilearn_data").exists()


def test_a_folder_that_cannot_be_made_is_an_error(tmp_path):
    (tmp_path / "file").write_text("x")
    proc = _main(["--prefetch", str(tmp_path / "file" / "shared"), "--atlas", "desikan_killiany"], tmp_path,
                 "dns-fail")
    assert proc.returncode == 1
    assert proc.stderr.startswith("error: ") and "cannot create the folder to prefetch into" in proc.stderr, proc.stderr


def test_an_unknown_atlas_is_a_usage_error(tmp_path):
    proc = _main(["--prefetch", str(tmp_path / "shared"), "--atlas", "nope"], tmp_path, "dns-fail")
    assert proc.returncode == 2
    assert not (tmp_path / "shared").exists()
