"""Content is untrusted: file references stay inside their folder, text is shown as text.

:func:`atlases.files.safe_paths.resolve_inside` refuses ``..``, absolute paths and
symbolic links that lead out of the folder; the content and tour loaders open
every file through it (the broken-folder cases through the command line are
in test_bad_input). The HTML side (escaping, safe links, no resource loads)
is tested in test_content_html and test_region_panel; here one end-to-end
check runs a hostile lecturer folder through the real loader and renderer.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from atlases.errors import ContentError
from atlases.files.safe_paths import files_inside, resolve_inside
from atlases.resources import asset_dir
from atlases.teaching.content import load_content
from atlases.teaching.content_folder import load_folder_tours, load_lecture_folder
from tests.helpers_toml import dump_toml
from viewer.scene.camera_views import VIEWS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

needs_symlinks = pytest.mark.skipif(os.name == "nt", reason="creating symbolic links needs privileges on Windows")


@pytest.fixture
def tree(tmp_path):
    """``tmp/folder`` with a file and a sub-folder, and ``tmp/secret.toml`` outside it."""
    folder = tmp_path / "folder"
    (folder / "sub").mkdir(parents=True)
    (folder / "inside.toml").write_text("a = 1\n")
    (folder / "sub" / "deep.toml").write_text("b = 2\n")
    (tmp_path / "secret.toml").write_text("password = 'x'\n")
    return folder


def test_plain_names_resolve_inside(tree):
    assert resolve_inside(tree, "inside.toml") == (tree / "inside.toml").resolve()
    assert resolve_inside(tree, Path("sub") / "deep.toml") == (tree / "sub" / "deep.toml").resolve()
    assert resolve_inside(tree, "sub/./deep.toml").name == "deep.toml"
    assert resolve_inside(tree, "not_there_yet.toml").parent == tree.resolve()  # missing: the caller says so


@pytest.mark.parametrize("name, phrase", [
    ("../secret.toml", "leads out"),
    ("sub/../../secret.toml", "leads out"),
    ("..\\secret.toml", "leads out"),
    ("/etc/passwd", "absolute path"),
    ("C:\\Windows\\win.ini", "absolute path"),
    ("C:relative.toml", "absolute path"),
    ("\\\\server\\share\\x.toml", "absolute path"),
    ("in\0side.toml", "invalid file name"),
    ("", "invalid file name"),
])
def test_escaping_names_are_refused(tree, name, phrase):
    with pytest.raises(ContentError) as info:
        resolve_inside(tree, name)
    assert phrase in str(info.value), str(info.value)


@needs_symlinks
def test_links_pointing_outside_are_refused_inside_allowed(tree):
    (tree / "to_secret.toml").symlink_to(tree.parent / "secret.toml")
    (tree / "to_inside.toml").symlink_to(tree / "inside.toml")
    (tree / "outdir").symlink_to(tree.parent, target_is_directory=True)
    (tree / "loop.toml").symlink_to(tree / "loop.toml")
    assert resolve_inside(tree, "to_inside.toml") == (tree / "inside.toml").resolve()
    for name in ("to_secret.toml", "outdir/secret.toml", "outdir"):
        with pytest.raises(ContentError, match="outside the folder"):
            resolve_inside(tree, name)
    with pytest.raises(ContentError):
        resolve_inside(tree, "loop.toml")


@needs_symlinks
def test_the_folder_itself_may_be_a_link(tree, tmp_path):
    link = tmp_path / "link_to_folder"
    link.symlink_to(tree, target_is_directory=True)
    assert resolve_inside(link, "inside.toml") == (tree / "inside.toml").resolve()


@needs_symlinks
def test_files_inside_refuses_listed_links_to_outside(tree):
    (tree / "sub" / "evil.toml").symlink_to(tree.parent / "secret.toml")
    with pytest.raises(ContentError) as info:
        files_inside(tree, "sub")
    assert "evil.toml" in str(info.value) and "outside the folder" in str(info.value)
    (tree / "sub" / "evil.toml").unlink()
    assert [p.name for p in files_inside(tree, "sub")] == ["deep.toml"]
    assert files_inside(tree, "no_such_sub") == []


def test_files_inside_refuses_too_many_files(tree):
    for i in range(6):
        (tree / "sub" / f"f{i}.toml").write_text("")
    with pytest.raises(ContentError, match="the limit is 5"):
        files_inside(tree, "sub", max_files=5)


def test_missing_folder(tmp_path):
    with pytest.raises(ContentError, match="folder not found"):
        resolve_inside(tmp_path / "nowhere", "x.toml")


# ---------------------------------------------------------------- the loaders use it
@pytest.fixture
def content_folder(tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(asset_dir("content"), folder)
    return folder


@needs_symlinks
@pytest.mark.parametrize("name", ["references.toml", "mechanism.toml", "safety.toml", "regions/hippocampus.toml"])
def test_content_loader_opens_no_file_through_an_outside_link(content_folder, name):
    outside = content_folder.parent / "elsewhere.toml"
    shutil.move(content_folder / name, outside)  # a valid file: only the link is wrong
    (content_folder / name).symlink_to(outside)
    with pytest.raises(ContentError) as info:
        load_content(content_folder)
    assert Path(name).name in str(info.value) and "outside the folder" in str(info.value)


@needs_symlinks
def test_tours_loader_opens_no_file_through_an_outside_link(content_folder):
    content = load_content(content_folder)
    outside = content_folder.parent / "tour.toml"
    shutil.copy(asset_dir("tours") / "ketamine.toml", outside)
    (content_folder / "tours").mkdir()
    (content_folder / "tours" / "ketamine.toml").symlink_to(outside)
    with pytest.raises(ContentError, match="outside the folder"):
        load_folder_tours(content_folder, content, VIEWS)
    (content_folder / "tours" / "ketamine.toml").unlink()
    shutil.copy(outside, content_folder / "tours" / "ketamine.toml")
    assert list(load_folder_tours(content_folder, content, VIEWS)) == ["ketamine"]


def test_every_file_the_content_loader_opens_goes_through_resolve_inside(content_folder, monkeypatch):
    import atlases.teaching.content as content_mod

    seen = []
    real = content_mod.resolve_inside

    def spy(folder, relative):
        seen.append(str(relative))
        return real(folder, relative)

    opened = []
    real_read = content_mod.read_toml
    monkeypatch.setattr(content_mod, "resolve_inside", spy)
    monkeypatch.setattr(content_mod, "read_toml", lambda p: opened.append(Path(p)) or real_read(p))
    load_content(content_folder)
    root = content_folder.resolve()
    assert {"references.toml", "mechanism.toml", "safety.toml"} <= set(seen)
    assert opened and all(p.is_relative_to(root) and p == p.resolve() for p in opened), opened


# ---------------------------------------------------------------- hostile text, end to end
HOSTILE = ('<script>alert(1)</script><img src="file:///etc/passwd"><a href="javascript:alert(2)">x</a>'
           '<style>body{background:url(http://evil/)}</style>[x](file:///etc/passwd)')


def test_hostile_lecturer_text_is_rendered_as_text(content_folder):
    from viewer.scene.themes import get_theme
    from viewer.text.content_html import mechanism_html, region_html, welcome_html

    path = content_folder / "regions" / "hippocampus.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    data["summary"] = HOSTILE
    data["name"] = "Hippo<b onmouseover=alert(3)>campus"
    section = next(k for k in ("location", "normal_role", "ketamine", "uncertain") if data.get(k))
    data[section][0]["text"] = HOSTILE
    path.write_text(dump_toml(data), encoding="utf-8")
    mech = content_folder / "mechanism.toml"
    mdata = tomllib.loads(mech.read_text(encoding="utf-8"))
    mdata["intro"] = HOSTILE
    mech.write_text(dump_toml(mdata), encoding="utf-8")

    content, _ = load_lecture_folder(content_folder, VIEWS)
    theme = get_theme("light")
    pages = [region_html(content.region("hippocampus"), content, None, theme), mechanism_html(content, theme),
             welcome_html(content, theme)]
    for html in pages:
        lowered = html.lower()
        for raw in ("<script", "<img", "<style", "<b onmouseover", 'href="javascript', 'href="file'):
            assert raw not in lowered, raw
    assert "&lt;script&gt;" in pages[0] and "&lt;img" in pages[0]
