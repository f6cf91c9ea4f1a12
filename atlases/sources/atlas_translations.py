"""The atlas notes in other languages: translation overlays over the English definition files.

An atlas definition (``assets/atlases/<id>.toml``, :mod:`atlases.sources.definitions`)
mixes data (the source, the labels) with human text (the ``description`` and each
region's ``definition``, the panel's "In this atlas:" note). A translation holds
only that text, in ``assets/translations/<lang>/atlases/<id>.toml``
(:func:`atlases.resources.overlay_asset_dir`); the labels, licence and citation
always come from the English file (the licence and citation are cited as
published). Example::

    description = "Una parcelación de la corteza ..."

    [regions.hippocampus]
    definition = "La etiqueta hipocampo del atlas ..."

An overlay must translate every region of its English file and nothing else.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from atlases.errors import ContentError
from atlases.files.toml_reader import Fields, read_toml
from atlases.sources.definitions import AtlasDefinition

#: The longest description or region definition an overlay may hold (the English ones are under 1,100).
MAX_NOTE_CHARS = 3000


def load_overlay(path: str | Path, base: AtlasDefinition) -> AtlasDefinition:
    """Read one translation overlay and return ``base`` with its text replaced.

    Parameters
    ----------
    path : str or Path
        The overlay file.
    base : AtlasDefinition
        The English definition it translates.

    Returns
    -------
    AtlasDefinition
        A copy of ``base`` with the overlay's ``description`` and region
        definitions; everything else (labels, licence, citation, path) as in ``base``.

    Raises
    ------
    ContentError
        Naming the file and field of the first problem: an unknown key or
        region, a missing region or text, a text that is empty or too long.
    """
    path = Path(path)
    f = Fields(read_toml(path), path)
    f.unknown_keys({"description", "regions"})
    description = f.str("description", max_len=MAX_NOTE_CHARS)
    regions_table = f.table("regions")
    for region_id in regions_table.data:
        if region_id not in base.regions:
            raise regions_table.error(region_id, f"unknown region; the atlas {base.id!r} has: "
                                                 f"{', '.join(base.regions)}")
    regions = {}
    for region_id, region in base.regions.items():
        if region_id not in regions_table.data:
            raise regions_table.error(region_id, "required region is missing (every region of the atlas "
                                                 "is translated)")
        r = regions_table.table(region_id)
        r.unknown_keys({"definition"})
        regions[region_id] = dataclasses.replace(region, definition=r.str("definition", max_len=MAX_NOTE_CHARS))
    return dataclasses.replace(base, description=description, regions=regions)


def translated_definition(definition: AtlasDefinition, language: str) -> AtlasDefinition:
    """Return a built-in atlas definition with its notes in ``language``.

    Parameters
    ----------
    definition : AtlasDefinition
        The English definition (as read from ``assets/atlases``).
    language : str
        One of :data:`atlases.resources.LANGUAGES`.

    Returns
    -------
    AtlasDefinition
        ``definition`` itself in English; else a copy with the overlay's text.

    Raises
    ------
    ContentError
        If the language has no overlay for this atlas, or the overlay is malformed.
    UnknownNameError
        For a language the app does not ship.
    """
    from atlases.resources import LANGUAGES, overlay_asset_dir

    folder = overlay_asset_dir("atlases", language)
    if folder is None:
        return definition
    path = folder / f"{definition.id}.toml"
    if not path.is_file():
        raise ContentError(f"the atlas {definition.id!r} has no {LANGUAGES[language]} translation of its notes",
                           path)
    return load_overlay(path, definition)


def region_note(atlas_id: str, region_id: str, language: str) -> str:
    """The "In this atlas:" note of one region of a built-in atlas, in ``language``.

    Parameters
    ----------
    atlas_id : str
        A built-in atlas (:func:`atlases.sources.registry.atlas_ids`).
    region_id : str
        One of :data:`atlases.sources.definitions.REGION_IDS`.
    language : str
        One of :data:`atlases.resources.LANGUAGES`.

    Returns
    -------
    str
        The region's anatomical definition in that atlas, as written (line breaks and all).

    Raises
    ------
    UnknownNameError
        For an unknown atlas, region or language.
    ContentError
        If the translation is missing or malformed.
    """
    from atlases.sources.registry import get_definition

    return translated_definition(get_definition(atlas_id), language).region(region_id).definition
