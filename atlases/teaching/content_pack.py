"""Content packs: a lecturer's texts, tours, quizzes and glossary, as a folder or a zip.

A pack has the layout of a content folder (:mod:`atlases.teaching.content`),
plus ``tours/`` and ``quizzes/``, and an optional ``pack.toml``::

    name = "Ketamine for second-year students"   # shown in the window; at most 100 characters, one line
    author = "Dr A. Lecturer"                    # optional; at most 100 characters, one line
    description = "..."                          # optional; at most 1000 characters
    language = "es"                              # optional: the pack's own language (one of LANGUAGES)

A pack may ship only some files. What it lacks comes from the built-in
content in the pack's ``language`` (the app's language when pack.toml names
none):

* ``regions/<id>.toml``, ``mechanism.toml``, ``safety.toml`` and
  ``mechanism_diagram.toml``: the pack's file replaces the built-in one;
* ``references.toml`` and ``glossary.toml``: the pack's entries are ADDED to
  the built-in ones, and replace the built-in entry of the same id (a built-in
  glossary term that shares a word with a pack's term is left out);
* ``tours/*.toml`` and ``quizzes/*.toml``: added to the built-in tours and
  quizzes, replacing the one of the same id. A built-in tour or quiz that no
  longer fits the pack's content (it cites a step the pack's mechanism
  dropped) is left out, and :attr:`ContentPack.notes` says why.

Every file is checked on load (the pack is untrusted: :mod:`atlases.files.safe_paths`
for a folder, :mod:`atlases.files.zip_pack` for a zip); the first problem
raises :class:`~atlases.errors.ContentError` naming the file (inside a zip:
``pack.zip/regions/hippocampus.toml``) and the field. Plain Python, no Qt.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from atlases.errors import ContentError
from atlases.files.safe_paths import check_folder, files_inside, resolve_inside
from atlases.files.toml_reader import Fields, read_toml
from atlases.resources import LANGUAGES, language_asset_dir
from atlases.teaching.content import Content, load_content
from atlases.teaching.quiz_files import Quiz, builtin_quizzes, load_quizzes
from atlases.teaching.tours import Tour, builtin_tours, load_tours

#: The optional description file of a pack.
PACK_FILE = "pack.toml"
#: Longest name and author (one line each: they are shown in the window title) and description.
MAX_NAME, MAX_AUTHOR, MAX_DESCRIPTION = 100, 100, 1000
#: The files of a pack that the loaders read (besides regions/, tours/ and quizzes/).
PACK_FILES = (PACK_FILE, "references.toml", "mechanism.toml", "safety.toml", "glossary.toml",
              "mechanism_diagram.toml")
#: The folders of a pack whose ``*.toml`` files the loaders read.
PACK_FOLDERS = ("regions", "tours", "quizzes")


@dataclass(frozen=True)
class PackInfo:
    """What ``pack.toml`` says about a pack (the folder's name when it has none)."""

    name: str
    author: str = ""
    description: str = ""
    #: The pack's own language (None: the app's).
    language: str | None = None
    #: The pack's folder or zip file; None for the built-in content.
    source: Path | None = None

    @property
    def builtin(self) -> bool:
        return self.source is None


@dataclass(frozen=True, eq=False)
class ContentPack:
    """A loaded, checked pack: its content merged with the built-in one, its tours and quizzes."""

    info: PackInfo
    content: Content
    #: The pack's own tours, by id (the built-in ones are in ``builtin_tours``).
    tours: dict[str, Tour]
    #: The built-in tours that fit the pack's content, by id (the pack's own of the same id left out).
    builtin_tours: dict[str, Tour]
    #: The built-in quizzes that fit, then the pack's own (replacing those of the same id).
    quizzes: dict[str, Quiz]
    #: The language of the built-in content that filled the gaps.
    language: str
    #: Files and folders whose change means the pack must be read again (a zip: the zip file).
    watch: tuple[Path, ...] = ()
    #: What was left out and why (plain text), e.g. a built-in tour that cites a step the pack dropped.
    notes: tuple[str, ...] = ()
    #: The part of ``notes`` about quizzes (the Quiz menu shows it).
    quiz_notes: tuple[str, ...] = ()
    #: Holds a zip pack's unpacked copy for as long as the pack is used (removed when it is dropped).
    _unpacked: tempfile.TemporaryDirectory | None = field(default=None, repr=False)

    def all_tours(self) -> dict[str, Tour]:
        """The built-in tours, then the pack's own (replacing those of the same id)."""
        return {**self.builtin_tours, **self.tours}


def read_pack_info(folder: str | Path) -> PackInfo:
    """The ``pack.toml`` of a pack folder, or a :class:`PackInfo` named after the folder when there is none.

    Raises
    ------
    ContentError
        Naming ``pack.toml`` and the field: unknown keys, a missing or empty
        name, a text too long, a name or author of more than one line, an
        unknown language.
    """
    folder = Path(folder)
    path = resolve_inside(folder, PACK_FILE)
    if not os.path.lexists(path):
        return PackInfo(name=folder.name or str(folder), source=folder)
    f = Fields(read_toml(path), path)
    f.unknown_keys({"name", "author", "description", "language"})
    name = _one_line(f, "name", MAX_NAME, required=True)
    author = _one_line(f, "author", MAX_AUTHOR, required=False)
    description = f.str("description", default="", required=False, max_len=MAX_DESCRIPTION)
    language = f.choice("language", LANGUAGES, "language", required=False)
    return PackInfo(name, author, description.strip(), language, folder)


def _one_line(f: Fields, key: str, max_len: int, required: bool) -> str:
    text = f.str(key, default="", required=required, max_len=max_len)
    if any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or c in "\u2028\u2029" for c in text):
        raise f.error(key, "must be one line of text (no line breaks or control characters)")
    if required and not text.strip():
        raise f.error(key, "must not be blank")
    return " ".join(text.split())


def load_pack(path: str | Path, language: str, views: Iterable[str]) -> ContentPack:
    """Load and check a content pack (a folder or a ``.zip``), filling its gaps from the built-in content.

    Parameters
    ----------
    path : str or Path
        The pack's folder or zip file.
    language : str
        The app's language: the built-in content that fills the gaps, unless
        the pack's ``pack.toml`` names its own.
    views : iterable of str
        The named views a tour step may use (``viewer.scene.camera_views.VIEWS``;
        passed in, so this module never imports the viewer).

    Returns
    -------
    ContentPack

    Raises
    ------
    ContentError
        Naming the file (inside a zip: ``pack.zip/<member>``) and the field of
        the first problem.
    """
    check_name = str(path)   # before Path(): Path("") would be the current folder
    path = Path(path)
    if check_name.strip() and path.suffix.lower() == ".zip" and not path.is_dir():
        return _load_zip(path, language, list(views))
    check_folder(check_name, "content folder")
    return _load_folder(path, path, language, list(views))


def _load_zip(path: Path, language: str, views: list[str]) -> ContentPack:
    from atlases.files.zip_pack import extract_pack

    unpacked = tempfile.TemporaryDirectory(prefix="brain-explorer-pack-")
    try:
        root = extract_pack(path, unpacked.name)
        return _load_folder(root, path, language, views, unpacked)
    except ContentError as exc:
        unpacked.cleanup()
        raise _named_in_zip(exc, Path(unpacked.name), path) from None


def _named_in_zip(exc: ContentError, folder: Path, zip_path: Path) -> ContentError:
    """``exc`` with its file named inside the zip (``pack.zip/regions/x.toml``), not in the private copy."""
    where = exc.path
    message = exc.message
    for root in {folder, folder.resolve()}:
        message = message.replace(str(root), str(zip_path))
        if where is not None and where.is_relative_to(root):
            where = zip_path / where.relative_to(root)
    renamed = ContentError(message, where, exc.field)
    return renamed


def _load_folder(folder: Path, source: Path, language: str, views: list[str],
                 unpacked: tempfile.TemporaryDirectory | None = None) -> ContentPack:
    info = read_pack_info(folder)
    info = PackInfo(info.name if unpacked is None or os.path.lexists(folder / PACK_FILE) else source.stem,
                    info.author, info.description, info.language, source)
    fill = info.language or language
    content = load_content(folder, base=language_asset_dir("content", fill))
    tours = load_tours(files_inside(folder, "tours", "*.toml"), content, views)
    quizzes = load_quizzes(files_inside(folder, "quizzes", "*.toml"), content)
    fitting_tours, fitting_quizzes, notes, quiz_notes = _fitting_builtins(content, views, fill)
    for tour_id in tours:
        fitting_tours.pop(tour_id, None)
    watch = (source,) if unpacked is not None else _watched(folder)
    return ContentPack(info, content, tours, fitting_tours, {**fitting_quizzes, **quizzes}, fill, watch,
                       notes, quiz_notes, unpacked)


def _fitting_builtins(content: Content, views: list[str],
                      language: str) -> tuple[dict, dict, tuple[str, ...], tuple[str, ...]]:
    """The built-in tours and quizzes in ``language`` that fit ``content``; all notes, and those on quizzes."""
    tour_notes, quiz_notes = [], []
    try:
        tours = builtin_tours(content, views, language)
    except ContentError as exc:
        tours = {}
        tour_notes.append(f"The built-in tours are left out: {exc}")
    try:
        quizzes = builtin_quizzes(content, language)
    except ContentError as exc:
        quizzes = {}
        quiz_notes.append(f"The built-in quizzes are left out: {exc}")
    return tours, quizzes, tuple(tour_notes + quiz_notes), tuple(quiz_notes)


def _watched(folder: Path) -> tuple[Path, ...]:
    """The pack's folder, its sub-folders and every file the loaders read (a change in any means a reload)."""
    paths = [folder]
    for name in PACK_FILES:
        if (folder / name).is_file():
            paths.append(folder / name)
    for sub in PACK_FOLDERS:
        if (folder / sub).is_dir() and not (folder / sub).is_symlink():
            paths.append(folder / sub)
            paths.extend(sorted((folder / sub).glob("*.toml")))
    return tuple(paths)


def load_builtin_pack(language: str, views: Iterable[str]) -> ContentPack:
    """The built-in content, tours and quizzes in ``language``, as a pack (nothing to watch).

    Raises
    ------
    ContentError
        When the built-in content itself cannot be loaded (a broken installation).
    """
    content = load_content(language=language)
    tours, quizzes, notes, quiz_notes = _fitting_builtins(content, list(views), language)
    return ContentPack(PackInfo("Built-in content", language=language), content, {}, tours, quizzes, language,
                       notes=notes, quiz_notes=quiz_notes)
