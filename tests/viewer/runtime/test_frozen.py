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


def test_the_bundled_font_list_is_copied_into_an_empty_config_folder_only(tmp_path):
    from viewer.runtime.frozen import seed_font_cache

    bundled = tmp_path / "bundle"
    bundled.mkdir()
    (bundled / "fontlist-v390.json").write_text('{"bundled": true}')
    (bundled / "other.txt").write_text("not a font list")
    user = tmp_path / "user"
    user.mkdir()
    assert seed_font_cache(bundled, user) == [user / "fontlist-v390.json"]
    assert (user / "fontlist-v390.json").read_text() == '{"bundled": true}'
    assert sorted(p.name for p in user.iterdir()) == ["fontlist-v390.json"]  # only the list, no .part
    # the user's own list is never replaced
    (user / "fontlist-v390.json").write_text('{"mine": true}')
    assert seed_font_cache(bundled, user) == []
    assert (user / "fontlist-v390.json").read_text() == '{"mine": true}'
    # no bundled folder (a source checkout): nothing happens
    assert seed_font_cache(tmp_path / "missing", tmp_path / "elsewhere") == []


def test_a_frozen_start_seeds_matplotlibs_font_list_from_the_bundle(tmp_path, monkeypatch):
    import sys

    from viewer.runtime.frozen import BUNDLED_FONT_CACHE, prepare_frozen_environment

    meipass = tmp_path / "_internal"
    (meipass / BUNDLED_FONT_CACHE).mkdir(parents=True)
    (meipass / BUNDLED_FONT_CACHE / "fontlist-v390.json").write_text("{}")
    monkeypatch.setattr(sys, "_MEIPASS", str(meipass), raising=False)
    environ = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    folder = prepare_frozen_environment(environ, frozen=True)
    assert folder is not None and (folder / "fontlist-v390.json").is_file()
