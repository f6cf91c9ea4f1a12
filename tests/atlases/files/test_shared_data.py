"""Where the IT's shared data folder and the bundle's prebuilt meshes are found (atlases.files.shared_data)."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import pytest

from atlases.files import shared_data as sd


@pytest.fixture
def no_setting(monkeypatch, tmp_path):
    """No variable, no system file: each test adds what it needs."""
    monkeypatch.delenv(sd.SHARED_DATA_VARIABLE, raising=False)
    monkeypatch.setenv(sd.SYSTEM_FILE_VARIABLE, str(tmp_path / "absent.toml"))
    sd._warned.clear()


def _system_file(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_nothing_set_means_no_shared_folder(no_setting):
    assert sd.shared_data_dirs() == []
    assert sd.read_only_mesh_dirs() == []
    assert sd.shared_nilearn_dirs() == []


def test_the_variable_names_the_folders(no_setting, monkeypatch, tmp_path):
    monkeypatch.setenv(sd.SHARED_DATA_VARIABLE, os.pathsep.join([str(tmp_path / "a"), str(tmp_path / "b")]))
    assert sd.shared_data_dirs() == [tmp_path / "a", tmp_path / "b"]
    assert sd.read_only_mesh_dirs() == [tmp_path / "a" / "meshes", tmp_path / "b" / "meshes"]
    assert sd.shared_nilearn_dirs() == [tmp_path / "a" / "nilearn_data", tmp_path / "b" / "nilearn_data"]


def test_the_system_file_names_the_folder(no_setting, monkeypatch, tmp_path):
    config = _system_file(tmp_path / "etc" / "shared-data.toml", 'folder = "/srv/brain"\n')
    monkeypatch.setenv(sd.SYSTEM_FILE_VARIABLE, str(config))
    assert sd.shared_data_dirs() == [Path("/srv/brain")]


def test_a_relative_folder_is_taken_from_the_files_folder(no_setting, monkeypatch, tmp_path):
    config = _system_file(tmp_path / "etc" / "shared-data.toml", 'folder = "data"\n')
    monkeypatch.setenv(sd.SYSTEM_FILE_VARIABLE, str(config))
    assert sd.shared_data_dirs() == [tmp_path / "etc" / "data"]


def test_the_variable_wins_over_the_system_file(no_setting, monkeypatch, tmp_path):
    config = _system_file(tmp_path / "etc" / "shared-data.toml", 'folder = "/srv/brain"\n')
    monkeypatch.setenv(sd.SYSTEM_FILE_VARIABLE, str(config))
    monkeypatch.setenv(sd.SHARED_DATA_VARIABLE, str(tmp_path / "mine"))
    assert sd.shared_data_dirs() == [tmp_path / "mine"]


@pytest.mark.parametrize("text", ['folder = "/srv/brain', "folder = 3\n", "other = 1\n", "\xff\xfe", ""])
def test_a_damaged_system_file_is_ignored_with_a_warning(no_setting, monkeypatch, tmp_path, caplog, text):
    damaged = _system_file(tmp_path / "first" / "shared-data.toml", text)
    good = _system_file(tmp_path / "second" / "shared-data.toml", 'folder = "/srv/brain"\n')
    monkeypatch.setenv(sd.SYSTEM_FILE_VARIABLE, os.pathsep.join([str(damaged), str(good)]))
    with caplog.at_level(logging.WARNING, logger=sd.__name__):
        assert sd.shared_data_dirs() == [Path("/srv/brain")]  # the next file is read
        sd.shared_data_dirs()
    warnings = [r.getMessage() for r in caplog.records]
    assert len(warnings) == 1, warnings  # once, not at every look-up
    assert str(damaged) in warnings[0]


def test_a_system_file_that_is_a_folder_is_ignored(no_setting, monkeypatch, tmp_path, caplog):
    (tmp_path / "shared-data.toml").mkdir()
    monkeypatch.setenv(sd.SYSTEM_FILE_VARIABLE, str(tmp_path / "shared-data.toml"))
    with caplog.at_level(logging.WARNING, logger=sd.__name__):
        assert sd.shared_data_dirs() == []
    assert caplog.records


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the Linux system folders")
def test_linux_system_files_follow_xdg_config_dirs_then_etc(monkeypatch):
    monkeypatch.delenv(sd.SYSTEM_FILE_VARIABLE, raising=False)
    monkeypatch.setenv("XDG_CONFIG_DIRS", os.pathsep.join(["/opt/xdg", "/etc/xdg"]))
    assert sd.system_config_files() == [Path("/opt/xdg/brain-region-explorer/shared-data.toml"),
                                        Path("/etc/xdg/brain-region-explorer/shared-data.toml"),
                                        Path("/etc/brain-region-explorer/shared-data.toml")]
    monkeypatch.delenv("XDG_CONFIG_DIRS")
    assert sd.system_config_files()[0] == Path("/etc/xdg/brain-region-explorer/shared-data.toml")


def test_a_frozen_app_reads_its_prebuilt_meshes_first(no_setting, monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "_internal"), raising=False)
    monkeypatch.setenv(sd.SHARED_DATA_VARIABLE, str(tmp_path / "it"))
    prebuilt = tmp_path / "_internal" / "prebuilt-meshes"
    assert sd.read_only_mesh_dirs() == [prebuilt, prebuilt / "meshes", tmp_path / "it" / "meshes"]


def test_an_unfrozen_app_has_no_prebuilt_meshes(no_setting, monkeypatch, tmp_path):
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert sd.bundled_mesh_dirs() == []
