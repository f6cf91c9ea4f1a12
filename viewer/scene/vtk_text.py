"""Untrusted text on VTK text actors: drawn exactly as it is, never as MathText.

The Qt side of the same rule is :mod:`viewer.text.plain_text`.
"""

from __future__ import annotations


def set_vtk_text(actor, text) -> None:
    """Show ``text`` on a VTK text actor exactly as it is (no MathText).

    VTK chooses a text renderer for each string: two unescaped ``$`` or a
    ``|`` select matplotlib MathText (formulas, columns). The app shows no
    formulas, so this makes FreeType the renderer of the whole process, and
    escapes every ``$`` (FreeType draws ``\\$`` as ``$``), character for
    character.

    Parameters
    ----------
    actor : vtkTextActor
        Or anything with ``SetInput(str)`` drawn by VTK's text renderer.
    text : str
        Untrusted text (converted with ``str``).
    """
    from vtkmodules import vtkRenderingFreeType  # noqa: F401 - registers VTK's text renderer
    from vtkmodules.vtkRenderingCore import vtkTextRenderer

    renderer = vtkTextRenderer.GetInstance()
    if renderer is not None and renderer.GetDefaultBackend() != vtkTextRenderer.FreeType:
        renderer.SetDefaultBackend(vtkTextRenderer.FreeType)
    actor.SetInput(str(text).replace("$", "\\$"))
