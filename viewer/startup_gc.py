"""Hold Python's cyclic garbage collector off while the app starts.

Importing Qt, VTK, pyvista and matplotlib creates a few hundred thousand
objects that live for the whole session, and the collector re-scans them
again and again while they accumulate: 0.15-0.2 s of the 0.83 s that these
imports take here. ``main.py`` pauses the collector first thing; the window
resumes it once the first frame is up and freezes what exists by then
(:func:`gc.freeze`), so later full collections no longer walk those objects
while the brain turns. No Qt here.
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

    The objects alive now are frozen first (moved out of the collected
    generations): they are the start-up's modules, classes and widgets.
    """
    global _paused
    if not _paused:
        return False
    _paused = False
    gc.freeze()
    gc.enable()
    return True
