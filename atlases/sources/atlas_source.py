"""What an atlas source provides: where its files are and how to read them.

A source is created by a factory ``make_source(definition, data_dir)``, has
a ``version`` string (part of the mesh-cache key) and two methods:

``files()``
    Cheap: locate the files (no reading beyond ``stat``). Raises
    :class:`~atlases.errors.AtlasError` when the atlas is not available.
    Their bytes key the mesh cache, so a warm start never parses them.
``load()``
    Read the files through nilearn into a
    :class:`~atlases.sources.label_volume.LabelVolume`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from atlases.sources.label_volume import LabelVolume


class AtlasSource(Protocol):
    """What :mod:`atlases.registry` needs from an atlas source."""

    #: Changes whenever the same files would give a different label volume.
    version: str

    def files(self) -> list[Path]:
        ...

    def load(self) -> LabelVolume:
        ...
