"""The one place that finds files bundled with the app.

All bundled data lives in the ``assets`` package and is reached through
:mod:`importlib.resources`, so it works from a source checkout, an installed
wheel and a PyInstaller bundle alike. Asking for a name that does not exist
raises :class:`~atlases.errors.UnknownNameError` listing what does.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from atlases.errors import UnknownNameError

#: Sub-folders of ``assets`` and what they hold.
ASSET_KINDS = {
    "atlases": "per-atlas region definitions (TOML)",
    "content": "region texts, mechanism, safety note and references (TOML)",
    "tours": "guided tours (TOML)",
    "quizzes": "quiz questions (TOML)",
    "themes": "colour themes (TOML)",
    "diagrams": "illustrated diagrams: scene descriptions in canvas units (TOML)",
    "icons": "application icons",
    "translations": "the built-in content, tours and quizzes in other languages: translations/<lang>/<kind>/; "
                    "the atlases' notes as overlays: translations/<lang>/atlases/",
    "i18n": "the interface's translations: Qt .ts sources and the .qm files compiled from them",
}

#: The languages the app ships, by code: the interface and the built-in content exist in each.
LANGUAGES = {"en": "English", "es": "Español"}
DEFAULT_LANGUAGE = "en"
#: The asset kinds that exist once per language.
TRANSLATED_KINDS = ("content", "tours", "quizzes")
#: The asset kinds translated as overlays: only the human text of each English file, under the same
#: file name in ``assets/translations/<lang>/<kind>`` (the English file stays the base).
OVERLAY_KINDS = ("atlases",)


def assets_root() -> Path:
    """Return the folder that holds the bundled assets.

    Returns
    -------
    Path
        A real directory on disk (assets are never zipped).
    """
    root = resources.files("assets")
    return Path(str(root))


def asset_dir(kind: str) -> Path:
    """Return the bundled folder for one kind of asset.

    Parameters
    ----------
    kind : str
        One of :data:`ASSET_KINDS`.

    Returns
    -------
    Path
    """
    if kind not in ASSET_KINDS:
        raise UnknownNameError("asset kind", kind, ASSET_KINDS)
    return assets_root() / kind


def asset_path(kind: str, name: str) -> Path:
    """Return the path of one bundled file, failing loudly if it is missing.

    Parameters
    ----------
    kind : str
        One of :data:`ASSET_KINDS`.
    name : str
        File name relative to that folder, e.g. ``"desikan_killiany.toml"``.

    Returns
    -------
    Path
    """
    folder = asset_dir(kind)
    path = folder / name
    if not path.is_file():
        available = [p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()]
        raise UnknownNameError(f"{kind} file", name, available)
    return path


def language_asset_dir(kind: str, language: str = DEFAULT_LANGUAGE) -> Path:
    """Return the bundled folder for one kind of translated asset in one language.

    English lives in ``assets/<kind>``, every other language in
    ``assets/translations/<language>/<kind>`` with the same layout and ids.

    Parameters
    ----------
    kind : str
        One of :data:`TRANSLATED_KINDS`.
    language : str
        One of :data:`LANGUAGES`.

    Returns
    -------
    Path
    """
    if kind not in TRANSLATED_KINDS:
        raise UnknownNameError("translated asset kind", kind, TRANSLATED_KINDS)
    if language not in LANGUAGES:
        raise UnknownNameError("language", language, LANGUAGES)
    if language == DEFAULT_LANGUAGE:
        return asset_dir(kind)
    return asset_dir("translations") / language / kind


def builtin_language(folder: str | Path) -> str | None:
    """The language whose built-in content ``folder`` is, or None for any other folder (a lecturer's).

    The built-in tours and quizzes follow the built-in content's language.

    Parameters
    ----------
    folder : str or Path
        A content folder, e.g. ``Content.folder``.

    Returns
    -------
    str or None
        One of :data:`LANGUAGES`, or None.
    """
    try:
        here = Path(folder).resolve()
    except (OSError, RuntimeError):
        return None
    for language in LANGUAGES:
        if language_asset_dir("content", language).resolve() == here:
            return language
    return None


def list_assets(kind: str, pattern: str = "*.toml") -> list[Path]:
    """List bundled files of one kind, sorted by name.

    Parameters
    ----------
    kind : str
        One of :data:`ASSET_KINDS`.
    pattern : str
        Glob pattern relative to the kind's folder.

    Returns
    -------
    list of Path
    """
    return sorted(asset_dir(kind).glob(pattern))


def overlay_asset_dir(kind: str, language: str) -> Path | None:
    """Return the bundled folder of one language's overlays for one kind of asset.

    English is the base (the files in ``assets/<kind>``) and has no overlay;
    every other language has its overlays in ``assets/translations/<language>/<kind>``,
    one per English file, with the same file name and fewer keys.

    Parameters
    ----------
    kind : str
        One of :data:`OVERLAY_KINDS`.
    language : str
        One of :data:`LANGUAGES`.

    Returns
    -------
    Path or None
        None for English.
    """
    if kind not in OVERLAY_KINDS:
        raise UnknownNameError("overlay asset kind", kind, OVERLAY_KINDS)
    if language not in LANGUAGES:
        raise UnknownNameError("language", language, LANGUAGES)
    if language == DEFAULT_LANGUAGE:
        return None
    return asset_dir("translations") / language / kind
