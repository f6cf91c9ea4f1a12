"""File references that cannot leave their folder.

A lecturer's content folder (and the tours in it) is untrusted input: a file
name in it, or a file found in it by a pattern, must not lead the app to
read anything outside that folder, whether through ``..``, an absolute path
or a symbolic link pointing elsewhere. Every file the content loaders open
goes through :func:`resolve_inside` (or :func:`files_inside`).
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath

from atlases.errors import ContentError


def _root(folder: str | Path) -> Path:
    folder = Path(folder)
    try:
        root = folder.resolve(strict=True)
    except (OSError, RuntimeError):  # missing, unreadable, or a symlink loop
        raise ContentError("folder not found", folder) from None
    if not root.is_dir():
        raise ContentError("is not a folder", folder)
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
    except (OSError, RuntimeError) as exc:  # e.g. a symlink loop
        raise ContentError(f"cannot follow this file name ({exc})", shown) from None
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
    root = _root(folder)
    text = _check_relative(Path(folder), relative)
    return _inside(root, root / text, Path(folder) / text)


#: More matching files than this in one folder is refused (no real content folder comes near it).
MAX_FILES = 500


def files_inside(folder: str | Path, subfolder: str, pattern: str = "*.toml",
                 max_files: int = MAX_FILES) -> list[Path]:
    """Files matching ``pattern`` in ``folder/subfolder``, each checked by :func:`resolve_inside`.

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
        Real paths, sorted by file name.

    Raises
    ------
    ContentError
        If ``subfolder`` or any matching file is a link to somewhere outside,
        or there are more than ``max_files`` matching files.
    """
    root = _root(folder)
    directory = resolve_inside(folder, subfolder)
    if not directory.is_dir():
        return []
    paths = sorted(directory.glob(pattern))
    if len(paths) > max_files:
        raise ContentError(f"holds {len(paths)} files matching {pattern}; the limit is {max_files}",
                           Path(folder) / subfolder)
    found = []
    for path in paths:
        shown = Path(folder) / subfolder / path.name
        found.append(_inside(root, path, shown))
    return found
