"""Unpacking a content pack that comes as a zip file, refusing everything a stranger's zip could hide.

A lecturer may share a pack as one ``.zip``. The app never reads it in place:
:func:`extract_pack` copies the members the loaders use (``.toml``, ``.md``
and ``.txt`` files) into a private folder, and refuses, before anything is
written:

* a member whose name leaves the folder (an absolute path, a drive, ``..``:
  "zip-slip"), or holds a NUL or a control character;
* a member that is a symbolic link (or a device, a named pipe...), or is
  encrypted;
* more than :data:`MAX_MEMBERS` members, a member larger than
  :data:`MAX_MEMBER_BYTES`, more than :data:`MAX_TOTAL_BYTES` in all, or a
  member that inflates more than :data:`MAX_RATIO` times (a zip bomb);
* two members of the same name, a zip file larger than
  :data:`MAX_ZIP_BYTES`, or a file that is not a zip.

Sizes are checked from the zip's directory first and again while each member
is read (a directory may lie). Every problem is one
:class:`~atlases.errors.ContentError` naming the zip and the member. Other
members (images, a macOS ``__MACOSX`` folder, hidden ``._`` files) are left
out, not refused. Plain Python, no Qt.
"""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path, PurePosixPath, PureWindowsPath

from atlases.errors import ContentError
from atlases.files.regular_files import check_regular, os_error_reason
from atlases.files.toml_reader import MAX_DATA_FILE_BYTES

#: The members a pack's loaders read; others are left out of the copy.
USED_SUFFIXES = (".toml", ".md", ".txt")
#: Most members (of any kind) in one zip: a pack holds a few dozen files.
MAX_MEMBERS = 500
#: Largest member, uncompressed (the loaders refuse larger files anyway).
MAX_MEMBER_BYTES = MAX_DATA_FILE_BYTES
#: Largest total of the members used, uncompressed.
MAX_TOTAL_BYTES = 20_000_000
#: Largest zip file.
MAX_ZIP_BYTES = 20_000_000
#: Members that inflate more than this many times are refused (text compresses 3-10 times).
MAX_RATIO = 100
#: The ratio is only checked above this size: a small file of spaces may compress far but costs nothing.
RATIO_FLOOR_BYTES = 64 * 1024
#: Longest member name and deepest folder nesting accepted.
MAX_NAME_CHARS, MAX_DEPTH = 255, 8
#: Folders and names that zip tools add and no pack means.
_SKIPPED = ("__MACOSX/",)


def _member_error(zip_path: Path, name: str, message: str) -> ContentError:
    return ContentError(message, zip_path, f"member {name!r}")


def _check_name(zip_path: Path, name: str) -> PurePosixPath:
    """The member's relative path, or a ContentError when the name could leave the folder."""
    if not name or "\0" in name or any(ord(c) < 32 for c in name):
        raise _member_error(zip_path, name, "the name holds a control character")
    if len(name) > MAX_NAME_CHARS:
        raise _member_error(zip_path, name[:60] + "…", f"the name is longer than {MAX_NAME_CHARS} characters")
    posix, windows = PurePosixPath(name), PureWindowsPath(name)
    if posix.is_absolute() or windows.anchor:
        raise _member_error(zip_path, name, "is an absolute path; a pack's files must be relative to the pack")
    if ".." in posix.parts or ".." in windows.parts:
        raise _member_error(zip_path, name, "leads out of the pack ('..' is not allowed)")
    if "\\" in name:   # a Windows separator: read as a folder by some tools, as part of a name by others
        raise _member_error(zip_path, name, "uses '\\' in its name; zip files separate folders with '/'")
    if len(posix.parts) > MAX_DEPTH:
        raise _member_error(zip_path, name, f"is nested deeper than {MAX_DEPTH} folders")
    return posix


def _kind(info: zipfile.ZipInfo) -> str | None:
    """``None`` for a regular file or folder, else what the member is ("a symbolic link", ...)."""
    mode = info.external_attr >> 16
    if info.create_system != 3 or not stat.S_IFMT(mode):   # only Unix zips store a file type, and not always
        return None
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return "not a regular file (a device, a named pipe or a socket)"


def used_members(zip_path: str | Path, archive: zipfile.ZipFile) -> list[tuple[zipfile.ZipInfo, PurePosixPath]]:
    """Check every member of ``archive`` and return the ones a pack uses, with their relative paths.

    Raises
    ------
    ContentError
        For the first member that breaks a rule (see the module's docstring).
    """
    zip_path = Path(zip_path)
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise ContentError(f"holds {len(members)} members; a pack may hold at most {MAX_MEMBERS}", zip_path)
    used, seen, total = [], set(), 0
    for info in members:
        name = info.filename
        relative = _check_name(zip_path, name)
        kind = _kind(info)
        if kind is not None:
            raise _member_error(zip_path, name, f"is {kind}; a pack holds only files and folders")
        if info.flag_bits & 0x1:
            raise _member_error(zip_path, name, "is encrypted; save the pack without a password")
        key = relative.as_posix().rstrip("/")
        if key in seen:
            raise _member_error(zip_path, name, "is in the zip twice")
        seen.add(key)
        if info.is_dir() or name.startswith(_SKIPPED) or relative.name.startswith("._") \
                or relative.suffix.lower() not in USED_SUFFIXES:
            continue
        if info.file_size > MAX_MEMBER_BYTES:
            raise _member_error(zip_path, name, f"is too large ({info.file_size} bytes unpacked; the limit is "
                                                f"{MAX_MEMBER_BYTES})")
        if info.file_size > RATIO_FLOOR_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _member_error(zip_path, name, f"inflates {info.file_size // max(info.compress_size, 1)} times "
                                                f"(the limit is {MAX_RATIO}): a zip bomb?")
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise _member_error(zip_path, name, f"the pack's files add up to more than {MAX_TOTAL_BYTES} bytes "
                                                "unpacked")
        used.append((info, relative))
    return used


def _read_member(zip_path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The member's bytes, never more than its declared size (or the member limit) plus one."""
    limit = min(info.file_size, MAX_MEMBER_BYTES)
    try:
        with archive.open(info) as stream:
            data = stream.read(limit + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, ValueError) as exc:
        raise _member_error(zip_path, info.filename, f"cannot be unpacked ({exc})") from None
    if len(data) > limit:
        raise _member_error(zip_path, info.filename, "unpacks to more than its declared size")
    return data


def _write_new(path: Path, data: bytes) -> None:
    """Write a file that must not exist yet, never through a link."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, 0o600)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)


def extract_pack(zip_path: str | Path, into: str | Path) -> Path:
    """Copy the used members of a zip pack into the empty folder ``into``.

    Parameters
    ----------
    zip_path : str or Path
        The pack's zip file (untrusted).
    into : str or Path
        An empty, private folder (e.g. a :class:`tempfile.TemporaryDirectory`).

    Returns
    -------
    Path
        The pack's root inside ``into``: ``into`` itself, or the one folder
        that holds everything (a zip made by compressing a folder).

    Raises
    ------
    ContentError
        Naming the zip and the member: see the module's docstring.
    """
    zip_path, into = Path(zip_path), Path(into)
    size = check_regular(zip_path, what="zip file").st_size
    if size > MAX_ZIP_BYTES:
        raise ContentError(f"zip file is too large ({size} bytes; the limit is {MAX_ZIP_BYTES})", zip_path)
    try:
        archive = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        raise ContentError("is not a zip file (or it is damaged)", zip_path) from None
    except OSError as exc:
        raise ContentError(f"cannot read zip file ({os_error_reason(exc)})", zip_path) from None
    with archive:
        members = used_members(zip_path, archive)
        for info, relative in members:
            data = _read_member(zip_path, archive, info)
            target = into.joinpath(*relative.parts)
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                _write_new(target, data)
            except OSError as exc:
                raise _member_error(zip_path, info.filename, f"cannot be unpacked ({os_error_reason(exc)})") from None
    return pack_root(into)


#: Folders of a pack's own layout: a zip holding only one of them is a pack, not a zipped pack folder.
PACK_LAYOUT_FOLDERS = ("regions", "tours", "quizzes")


def pack_root(folder: Path) -> Path:
    """``folder``, or its only entry when that is a folder (a zip of a folder has everything inside it)."""
    entries = list(folder.iterdir())
    if len(entries) == 1 and entries[0].is_dir() and not entries[0].is_symlink() \
            and entries[0].name not in PACK_LAYOUT_FOLDERS:
        return entries[0]
    return folder
