"""A bundle keeps matplotlib's config in the app's user cache; a source checkout changes nothing."""

from __future__ import annotations

from pathlib import Path

from viewer.runtime.frozen import prepare_frozen_environment, user_cache_root


def test_from_source_the_environment_is_left_alone(tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    assert prepare_frozen_environment(env, frozen=False) is None
    assert env == {"XDG_CACHE_HOME": str(tmp_path)}
    assert list(tmp_path.iterdir()) == []


def test_a_bundle_puts_matplotlib_config_in_the_user_cache(tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    folder = prepare_frozen_environment(env, frozen=True)
    assert folder == tmp_path / "brain-region-explorer" / "matplotlib" and folder.is_dir()
    assert env["MPLCONFIGDIR"] == str(folder)


def test_an_mplconfigdir_set_by_the_user_wins(tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path), "MPLCONFIGDIR": "/somewhere"}
    assert prepare_frozen_environment(env, frozen=True) is None
    assert env["MPLCONFIGDIR"] == "/somewhere"
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_cache_leaves_matplotlib_to_choose(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    env = {"XDG_CACHE_HOME": str(blocker)}
    assert prepare_frozen_environment(env, frozen=True) is None
    assert "MPLCONFIGDIR" not in env


def test_the_cache_root_per_platform(tmp_path):
    assert user_cache_root({"LOCALAPPDATA": str(tmp_path)}, "win32") == tmp_path / "brain-region-explorer"
    assert user_cache_root({}, "darwin") == Path.home() / "Library" / "Caches" / "brain-region-explorer"
    assert user_cache_root({}, "linux") == Path.home() / ".cache" / "brain-region-explorer"
