"""The cortex surface drawn around the regions, from data nilearn ships.

nilearn's wheel includes the fsaverage5 pial surfaces (10,242 vertices per
hemisphere). fsaverage lies in MNI305 space, within a few millimetres of the
MNI152 space of the atlases, which is close enough for a ghosted context
surface. Meshes are cached like the region meshes, so a warm start does not
import nilearn.datasets (about 1-2 s).
"""

from __future__ import annotations

from importlib import metadata

import numpy as np

from atlases.meshes.meshing import HEMISPHERES, TriMesh

CORTEX_MESH = "fsaverage5-pial"


def cortex_cache_parts() -> tuple[str, ...]:
    """What the cortex meshes depend on (for the cache key)."""
    return ("cortex", CORTEX_MESH, metadata.version("nilearn"))


def load_cortex() -> dict[str, TriMesh]:
    """Load the fsaverage5 pial surface of each hemisphere through nilearn.

    Returns
    -------
    dict
        ``{"left": TriMesh, "right": TriMesh}`` in MNI mm.
    """
    from nilearn.datasets import load_fsaverage  # lazy: ~1-2 s to import

    pial = load_fsaverage("fsaverage5")["pial"]
    return {hemi: TriMesh(np.asarray(pial.parts[hemi].coordinates, dtype=np.float32),
                          np.asarray(pial.parts[hemi].faces, dtype=np.int32))
            for hemi in HEMISPHERES}


def load_mni_brain_mask():
    """The MNI152 brain mask nilearn ships (1 mm), as a nibabel image."""
    from nilearn.datasets import load_mni152_brain_mask

    return load_mni152_brain_mask(resolution=1)
