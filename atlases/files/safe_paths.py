"""File references that cannot leave their folder.

A lecturer's content folder (and the tours in it) is untrusted input: a file
name in it, or a file found in it by a pattern, must not lead the app to
read anything outside that folder, whether through ``..``, an absolute path
or a symbolic link pointing elsewhere. Every file the content loaders open
goes through :func:`resolve_inside` (or :func:`files_inside`), and
:func:`check_folder` says what is wrong with a folder that cannot be used
(missing, a file, a link loop, unreadable, no name at all).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path, PurePosixPath, PureWindowsPath

from atlases.errors import ContentError
from atlases.files.regular_files import kind_of, os_error_reason


def check_folder(folder: str | Path, what: str = "folder") -> Path:
    """Check that ``folder`` is a folder that can be listed, and return its real path.

    Parameters
    ----------
    folder : str or Path
        The folder (it may be a link to one). An empty name is refused, not
        taken as the current folder.
    what : str
        How to call it in messages (``"content folder"``).

    Returns
    -------
    Path
        The real (link-free) path.

    Raises
    ------
    ContentError
        Saying what is wrong: no name given, not found, a link to nothing, a
        symbolic link loop, a file (or another non-folder), or not readable.
    """
    if not str(folder).strip():  # Path("") is Path("."): check the text
        raise ContentError(f"no {what} given (empty name)")
    shown = Path(folder)
    try:
        info = os.stat(shown)
    except FileNotFoundError:
        if os.path.islink(shown):
            raise ContentError(f"{what} is a symbolic link to {os.readlink(shown)}, which does not exist",
                               shown) from None
        raise ContentError(f"{what} not found", shown) from None
    except (OSError, ValueError) as exc:
        if isinstance(exc, OSError) and exc.errno == errno.ELOOP:
            raise ContentError(f"{what} is a symbolic link loop", shown) from None
        if isinstance(exc, OSError) and exc.errno == errno.ENOTDIR:
            raise ContentError(f"{what} not found (a part of its path is a file)", shown) from None
        reason = os_error_reason(exc) if isinstance(exc, OSError) else "invalid name"
        raise ContentError(f"{what} cannot be read ({reason})", shown) from None
    if not stat.S_ISDIR(info.st_mode):
        kind = "a file" if stat.S_ISREG(info.st_mode) else kind_of(info.st_mode)
        raise ContentError(f"is {kind}, not a folder", shown)
    try:
        with os.scandir(shown):
            pass
        root = shown.resolve(strict=True)
    except (OSError, RuntimeError) as exc:  # RuntimeError: a loop, on Python < 3.13
        reason = os_error_reason(exc) if isinstance(exc, OSError) else "a symbolic link loop"
        raise ContentError(f"{what} cannot be read ({reason})", shown) from None
    return root


def _check_relative(folder: Path, relative: str | Path) -> str:
    text = str(relative)
    if not text or "\0" in text:
        raise ContentError(f"invalid file name {text!r}", folder)
    # check both spellings, so "..\\x" and "C:x" are refused on every system
    posix, windows = PurePosixPath(text), PureWindowsPath(text)
    if posix.is_absolute() or windows.anchor:
        raise ContentError(f"{text!r} is an absolute path; file names must be relative to this folder", folder)
    if ".." in posix.parts or ".." in windows.parts:
        raise ContentError(f"{text!r} leads out of this folder ('..' is not allowed in file names)", folder)
    return text


def _inside(root: Path, candidate: Path, shown: Path) -> Path:
    try:
        resolved = candidate.resolve(strict=False)
    except RuntimeError:  # Python < 3.13 raises this for a loop
        raise ContentError("is a symbolic link loop", shown) from None
    except OSError as exc:
        raise ContentError(f"cannot follow this file name ({os_error_reason(exc)})", shown) from None
    if resolved != root and not resolved.is_relative_to(root):
        raise ContentError(f"is a link to {resolved}, outside the folder {root}; copy the file into the folder "
                           "instead", shown)
    return resolved


def resolve_inside(folder: str | Path, relative: str | Path) -> Path:
    """Resolve ``relative`` inside ``folder``, refusing anything that leaves it.

    Parameters
    ----------
    folder : str or Path
        The folder the reference must stay in (it may itself be a link).
    relative : str or Path
        A file name relative to ``folder``, e.g. ``"regions/hippocampus.toml"``.
        The file need not exist (the caller reports a missing file).

    Returns
    -------
    Path
        The real (link-free) path of the file, inside the real path of ``folder``.

    Raises
    ------
    ContentError
        If ``folder`` does not exist, or ``relative`` is absolute, contains
        ``..``, or is (or passes through) a symbolic link pointing outside
        ``folder``.
    """
    root = check_folder(folder)
    text = _check_relative(Path(folder), relative)
    return _inside(root, root / text, Path(folder) / text)


#: More matching files than this in one folder is refused (no real content folder comes near it).
MAX_FILES = 500


def files_inside(folder: str | Path, subfolder: str, pattern: str = "*.toml",
                 max_files: int = MAX_FILES) -> list[Path]:
    """Files matching ``pattern`` in ``folder/subfolder``, each checked by :func:`resolve_inside`.

    A file may be a link to another file of ``folder``: it is listed under
    its own name (so its name, e.g. a region id, is the link's), and opening
    it reads the linked file.

    Parameters
    ----------
    folder : str or Path
        The folder nothing may leave.
    subfolder : str
        Relative folder to list (``"regions"``, ``"tours"``); a missing one
        gives an empty list.
    pattern : str
        A glob pattern for file names.
    max_files : int
        Refuse folders with more matching files than this.

    Returns
    -------
    list of Path
        The files as listed, inside the real path of ``subfolder``, sorted
        by name.

    Raises
    ------
    ContentError
        If ``subfolder`` is not a readable folder, or it or any matching
        file is a link to somewhere outside, or a matching name is not a
        regular file (a folder, a named pipe, a device...), or there are
        more than ``max_files`` matching files.
    """
    root = check_folder(folder)
    directory = resolve_inside(folder, subfolder)
    if not os.path.lexists(directory):
        return []
    check_folder(directory, f"{subfolder} folder")
    paths = sorted(directory.glob(pattern))
    if len(paths) > max_files:
        raise ContentError(f"holds {len(paths)} files matching {pattern}; the limit is {max_files}",
                           Path(folder) / subfolder)
    found = []
    for path in paths:
        shown = Path(folder) / subfolder / path.name
        _inside(root, path, shown)
        try:
            mode = os.stat(path).st_mode
        except FileNotFoundError:
            raise ContentError("is a link to a file that does not exist", shown) from None
        except OSError as exc:
            raise ContentError(f"cannot read file ({os_error_reason(exc)})", shown) from None
        if not stat.S_ISREG(mode):
            raise ContentError(f"is {kind_of(mode)}, not a regular file", shown)
        found.append(path)
    return found
