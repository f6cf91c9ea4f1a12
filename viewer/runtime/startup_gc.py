"""Hold Python's cyclic garbage collector off while the app starts.

Importing Qt, VTK, pyvista and matplotlib creates a few hundred thousand
objects that live for the whole session, and the collector re-scans them
again and again while they accumulate: 0.15-0.2 s of the 0.83 s that these
imports take here. ``main.py`` pauses the collector before those imports; the
window resumes it shortly after its first scene: one full collection frees the
start-up's cyclic garbage, and what survives is frozen (:func:`gc.freeze`), so
later full collections no longer walk those objects while the brain turns.
No Qt here.
"""

from __future__ import annotations

import gc

_paused = False


def pause_collection() -> None:
    """Turn the collector off until :func:`resume_collection`."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collection() -> bool:
    """Turn the collector back on if :func:`pause_collection` turned it off; True if it did.

    One full collection first frees the garbage made meanwhile; the objects
    that survive it (modules, classes, widgets, the loaded meshes) are then
    frozen: moved out of the generations that later collections scan.
    """
    global _paused
    if not _paused:
        return False
    _paused = False
    gc.collect()
    gc.freeze()
    gc.enable()
    return True
