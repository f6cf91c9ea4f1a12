"""A zip pack is a stranger's file: zip-slip, links, too many or too large members and zip bombs are refused.

:func:`atlases.files.zip_pack.extract_pack` copies the members a pack uses into a
private folder, refusing every trick before anything is written; each problem
names the zip and the member. The whole pack (zip -> content) is in
tests/atlases/teaching/test_content_pack.py.
"""

from __future__ import annotations

import stat
import zipfile

import pytest

from atlases.errors import ContentError
from atlases.files import zip_pack
from atlases.files.zip_pack import MAX_MEMBER_BYTES, MAX_MEMBERS, MAX_RATIO, extract_pack

GOOD = 'name = "A pack"\n'


def make_zip(path, members):
    """Write a zip: ``members`` is a list of (name or ZipInfo, bytes or str)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return path


def refused(tmp_path, members, *words, zip_name="pack.zip"):
    """Extract a zip of ``members``: it must be refused naming the zip and ``words``; nothing written."""
    path = make_zip(tmp_path / zip_name, members)
    into = tmp_path / "into"
    into.mkdir()
    with pytest.raises(ContentError) as info:
        extract_pack(path, into)
    message = str(info.value)
    assert str(path) in message, message
    for word in words:
        assert word in message, message
    assert not any(into.iterdir()), "something was written before the refusal"
    return message


@pytest.mark.parametrize("name", ["../evil.toml", "regions/../../evil.toml", "/etc/evil.toml", "C:/evil.toml",
                                  "..\\evil.toml", "C:\\evil.toml"])
def test_a_member_leading_out_of_the_pack_is_refused(tmp_path, name):
    message = refused(tmp_path, [("pack.toml", GOOD), (name, "x = 1\n")], "member")
    assert any(word in message for word in ("absolute", "out of the pack", "'\\'")), message


def test_a_member_that_is_a_symbolic_link_is_refused(tmp_path):
    link = zipfile.ZipInfo("regions/hippocampus.toml")
    link.create_system = 3   # Unix: the mode is in the high bits
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    refused(tmp_path, [("pack.toml", GOOD), (link, "/etc/passwd")], "regions/hippocampus.toml", "symbolic link")


def test_a_member_that_is_a_device_is_refused(tmp_path):
    fifo = zipfile.ZipInfo("glossary.toml")
    fifo.create_system = 3
    fifo.external_attr = (stat.S_IFIFO | 0o644) << 16
    refused(tmp_path, [(fifo, "")], "glossary.toml", "not a regular file")


def test_too_many_members_are_refused(tmp_path):
    members = [(f"notes/{i}.txt", "x") for i in range(MAX_MEMBERS + 1)]
    refused(tmp_path, members, f"{MAX_MEMBERS + 1} members", str(MAX_MEMBERS))


def test_a_member_too_large_is_refused(tmp_path):
    big = bytes(range(256)) * (MAX_MEMBER_BYTES // 256 + 8)   # compresses little: the size rule, not the ratio's
    refused(tmp_path, [("pack.toml", GOOD), ("regions/hippocampus.toml", big)], "regions/hippocampus.toml",
            "too large")


def test_members_too_large_together_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(zip_pack, "MAX_TOTAL_BYTES", 1000)
    refused(tmp_path, [("a.toml", "a" * 600), ("b.toml", "b" * 600)], "'b.toml'", "more than 1000 bytes")


def test_a_zip_bomb_member_is_refused_by_its_ratio(tmp_path):
    bomb = b"\0" * (MAX_MEMBER_BYTES - 1000)   # under the size limit, but it inflates about 1000 times
    message = refused(tmp_path, [("pack.toml", GOOD), ("glossary.toml", bomb)], "glossary.toml", "zip bomb")
    assert f"limit is {MAX_RATIO}" in message


def test_a_member_twice_is_refused(tmp_path):
    with pytest.warns(UserWarning):   # zipfile warns about the duplicate name itself
        refused(tmp_path, [("pack.toml", GOOD), ("pack.toml", 'name = "Other"\n')], "pack.toml", "twice")


def test_an_encrypted_member_is_refused(tmp_path):
    path = make_zip(tmp_path / "pack.zip", [("pack.toml", GOOD)])
    data = bytearray(path.read_bytes())   # zipfile cannot write encrypted members: set the flag by hand
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        data[data.index(signature) + offset] |= 0x1
    path.write_bytes(bytes(data))
    with pytest.raises(ContentError, match="encrypted") as info:
        extract_pack(path, tmp_path / "into")
    assert "pack.toml" in str(info.value)


def test_a_file_that_is_not_a_zip_is_refused(tmp_path):
    fake = tmp_path / "pack.zip"
    fake.write_text("name = 'not a zip'\n")
    with pytest.raises(ContentError, match="not a zip file"):
        extract_pack(fake, tmp_path)


def test_a_missing_zip_is_refused(tmp_path):
    with pytest.raises(ContentError, match="not found"):
        extract_pack(tmp_path / "gone.zip", tmp_path)


def test_only_the_members_a_pack_uses_are_unpacked(tmp_path):
    path = make_zip(tmp_path / "pack.zip", [
        ("pack.toml", GOOD), ("regions/hippocampus.toml", "id = 'x'\n"), ("README.md", "# notes"),
        ("photo.png", b"\x89PNG"), ("__MACOSX/._pack.toml", "junk"), ("regions/._hippocampus.toml", "junk"),
        ("script.py", "import os"), ("tours/", "")])
    into = tmp_path / "into"
    into.mkdir()
    root = extract_pack(path, into)
    found = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    assert found == ["README.md", "pack.toml", "regions/hippocampus.toml"]
    assert (root / "pack.toml").read_text() == GOOD


def test_a_zip_of_one_folder_unpacks_to_that_folder(tmp_path):
    path = make_zip(tmp_path / "pack.zip", [("mypack/pack.toml", GOOD), ("mypack/regions/a.toml", "x = 1\n")])
    into = tmp_path / "into"
    into.mkdir()
    root = extract_pack(path, into)
    assert root == into / "mypack" and (root / "pack.toml").is_file()
