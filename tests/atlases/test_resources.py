"""Finding bundled files: asset_path / asset_dir / list_assets."""

from __future__ import annotations

from pathlib import Path

import pytest

from atlases.errors import ExplorerError, UnknownNameError
from atlases.resources import ASSET_KINDS, asset_dir, asset_path, assets_root, list_assets

ROOT = Path(__file__).resolve().parents[2]


def test_assets_root_is_the_checkout_assets_package():
    root = assets_root()
    assert root.is_dir()
    assert root.resolve() == (ROOT / "assets").resolve()


@pytest.mark.parametrize("kind", sorted(ASSET_KINDS))
def test_asset_dir_of_every_kind_is_inside_assets(kind):
    folder = asset_dir(kind)
    assert folder.name == kind
    assert folder.parent == assets_root()


@pytest.mark.parametrize("kind", ["atlases", "content", "themes", "tours"])
def test_kinds_the_app_needs_ship_files(kind):
    # (git does not track empty folders, so only kinds with files are checked)
    assert asset_dir(kind).is_dir()
    assert any(p.is_file() for p in asset_dir(kind).rglob("*.toml")), f"no bundled {kind} files"


def test_a_kind_whose_folder_is_missing_fails_cleanly(tmp_path, monkeypatch):
    # e.g. "icons" in a clean git checkout, where the empty folder does not exist
    monkeypatch.setattr("atlases.resources.assets_root", lambda: tmp_path)
    assert list_assets("icons") == []
    with pytest.raises(UnknownNameError) as info:
        asset_path("icons", "app.png")
    assert "'app.png'" in str(info.value)


def test_asset_path_finds_bundled_files():
    p = asset_path("atlases", "desikan_killiany.toml")
    assert p.is_file()
    assert p == asset_dir("atlases") / "desikan_killiany.toml"
    assert asset_path("themes", "light.toml").read_text(encoding="utf-8").startswith("id = ")


def test_list_assets_is_sorted_and_filtered_by_pattern():
    themes = list_assets("themes")
    names = [p.name for p in themes]
    assert {"light.toml", "dark.toml", "projector.toml"} <= set(names)
    assert names == sorted(names)
    assert all(p.suffix == ".toml" and p.is_file() for p in themes)
    assert list_assets("themes", "light.*") == [asset_dir("themes") / "light.toml"]
    assert list_assets("themes", "*.does-not-exist") == []
    assert "desikan_killiany.toml" in [p.name for p in list_assets("atlases")]


@pytest.mark.parametrize("call", [lambda: asset_dir("fonts"), lambda: asset_path("fonts", "x.toml"),
                                  lambda: list_assets("fonts")], ids=["asset_dir", "asset_path", "list_assets"])
def test_unknown_kind_raises_listing_the_valid_kinds(call):
    with pytest.raises(UnknownNameError) as info:
        call()
    err = info.value
    assert isinstance(err, ExplorerError) and isinstance(err, KeyError)
    msg = str(err)
    assert "'fonts'" in msg
    for kind in ASSET_KINDS:
        assert kind in msg
    assert err.valid == sorted(ASSET_KINDS)
    assert not msg.startswith('"'), "KeyError-style quoting leaked into the message"
    assert "\n" not in msg


def test_unknown_file_raises_listing_the_files_of_that_kind():
    with pytest.raises(UnknownNameError) as info:
        asset_path("themes", "neon.toml")
    msg = str(info.value)
    assert "'neon.toml'" in msg
    for name in ("dark.toml", "light.toml", "projector.toml"):
        assert name in msg
    # only files of the asked kind are offered
    assert "desikan_killiany.toml" not in msg


def test_a_folder_is_not_returned_as_an_asset_file():
    # asset_path promises a file: a sub-folder name must not pass
    with pytest.raises(UnknownNameError):
        asset_path("atlases", ".")
    with pytest.raises(UnknownNameError):
        asset_path("content", "regions")
