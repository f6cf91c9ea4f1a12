"""Plain-Python core of the brain-region explorer.

Everything in this package works without Qt and without a display: atlas
loading through nilearn, region definitions, meshing, the on-disk mesh cache
and the teaching content model. Heavy libraries (nilearn, scipy) are imported
lazily inside the functions that need them.
"""

from atlases.errors import AtlasError, ContentError, ExplorerError

__all__ = ["AtlasError", "ContentError", "ExplorerError"]
