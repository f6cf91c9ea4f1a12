"""A closed 3D view lets go of its OpenGL context and surface wrappers.

pyvistaqt drops them when the context is about to be destroyed, which does not happen when the
window is deleted first. A wrapper kept past its C++ object is handed out again by shiboken for the
next object made at that address, with the old type: in one suite run a text document's layout came
back as a ``QSurface`` (AttributeError), and such a wrapper is a likely cause of the suite's rare
segfaults while windows are deleted.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui


def test_closing_the_window_drops_the_views_context_and_surface(make_window):
    window = make_window()
    plotter = window.brain_view.plotter
    assert getattr(plotter, "_ctx", None) is not None   # shown: pyvistaqt holds its context
    window.close()
    assert plotter._ctx is None and plotter._surface is None
