"""A lecturer's own content folder: region texts (:mod:`atlases.teaching.content`) and tours.

The folder is laid out like the built-in ``assets/content`` (see
:mod:`atlases.teaching.content`), optionally with a ``tours/`` folder of tour files
(see :mod:`atlases.teaching.tours`). Everything in it is untrusted: every file is
opened through :mod:`atlases.files.safe_paths`, so nothing outside the folder is
ever read, and every problem is one :class:`~atlases.errors.ContentError`
naming the file.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from atlases.files.safe_paths import files_inside
from atlases.teaching.content import Content, load_content


def load_folder_tours(folder: str | Path, content: Content, valid_views: Iterable[str]) -> dict:
    """Load ``folder/tours/*.toml`` (none when there is no such folder), by tour id.

    Parameters
    ----------
    folder : str or Path
        The content folder.
    content : Content
        The tours' region, step and reference ids are checked against it.
    valid_views : iterable of str
        Named views a tour step may use.

    Returns
    -------
    dict of str to atlases.teaching.tours.Tour

    Raises
    ------
    ContentError
        For the first invalid tour file, two tours with the same id, or a
        tour file that is a link to somewhere outside ``folder``.
    """
    from atlases.teaching.tours import load_tours

    return load_tours(files_inside(folder, "tours", "*.toml"), content, valid_views)


def load_lecture_folder(folder: str | Path, valid_views: Iterable[str]) -> tuple[Content, dict]:
    """Load and check everything in a lecturer's folder: the content, then its tours.

    Returns
    -------
    content : Content
    tours : dict of str to atlases.teaching.tours.Tour

    Raises
    ------
    ContentError
        For the first problem in any file.
    """
    content = load_content(folder)
    return content, load_folder_tours(folder, content, valid_views)
