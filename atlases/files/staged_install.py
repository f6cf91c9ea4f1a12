"""Move downloaded files into place all together, or not at all.

A download is written into a staging folder next to its destination (same
disk, so every move is an atomic rename). :func:`install_tree` then moves
the files over one by one; if a move fails (a full disk, a folder that became
read-only...), every move made so far is undone: files it replaced come
back, folders it created go away and the touched folders get their
timestamps back, so the destination is left as it was.
"""

from __future__ import annotations

import os
from pathlib import Path


def make_dirs(folder: Path) -> list[Path]:
    """Create ``folder`` and its missing parents; return the ones created, outermost first.

    Raises
    ------
    OSError
        If a folder cannot be created.
    """
    missing = [p for p in [folder, *folder.parents] if not p.exists()][::-1]
    folder.mkdir(parents=True, exist_ok=True)
    return missing


def remove_dirs(created: list[Path]) -> None:
    """Remove folders made by :func:`make_dirs` (innermost first), stopping at the first non-empty one."""
    for folder in reversed(created):
        try:
            folder.rmdir()
        except OSError:
            return


def install_tree(staged: Path, destination: Path, aside: Path) -> None:
    """Move every file under ``staged`` to the same place under ``destination``.

    Parameters
    ----------
    staged : Path
        The folder holding the new files.
    destination : Path
        Where they go; existing files there are replaced.
    aside : Path
        A folder on the same disk (inside the staging area) where replaced
        files wait until the install has succeeded.

    Raises
    ------
    OSError
        From the first move that failed, after everything was put back.
    """
    moved: list[tuple[Path, Path | None]] = []   # (installed file, the file it replaced)
    created: list[Path] = []
    times: dict[Path, tuple[int, int]] = {}      # existing folders' times, to restore on failure
    try:
        for src in sorted(p for p in staged.rglob("*") if p.is_file()):
            relative = src.relative_to(staged)
            dst = destination / relative
            existing = next(p for p in [dst.parent, *dst.parent.parents] if p.is_dir())
            if existing not in times:
                times[existing] = (existing.stat().st_atime_ns, existing.stat().st_mtime_ns)
            created += make_dirs(dst.parent)
            old = None
            if dst.exists() or dst.is_symlink():
                old = aside / relative
                old.parent.mkdir(parents=True, exist_ok=True)
                os.replace(dst, old)
            moved.append((dst, old))
            os.replace(src, dst)
    except OSError:
        _undo(moved, created, times)
        raise


def _undo(moved, created, times) -> None:
    try:  # best effort: the caller removes the staging area next anyway
        for dst, old in reversed(moved):
            if old is not None and old.exists():
                os.replace(old, dst)
            elif old is None:
                dst.unlink(missing_ok=True)
        remove_dirs(created)
        for folder, (atime, mtime) in times.items():
            os.utime(folder, ns=(atime, mtime))
    except OSError:
        pass
