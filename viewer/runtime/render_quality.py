"""Which OpenGL renderer draws the scene, and whether it is software.

On software OpenGL (Mesa llvmpipe/softpipe/swrast, Windows' basic render
driver) every pixel costs CPU time, so the view drops anti-aliasing while
the brain turns; on a GPU the same code keeps it on. No Qt here.
"""

from __future__ import annotations

import re

#: Renderer names of software OpenGL implementations (lower case).
SOFTWARE_RENDERERS = ("llvmpipe", "softpipe", "swrast", "software rasterizer", "gdi generic",
                      "microsoft basic render")


def capability(report: str, name: str) -> str:
    """One line of VTK's ``ReportCapabilities``, e.g. ``capability(r, "renderer")``."""
    match = re.search(rf"^OpenGL {name} string:\s*(.*)$", report or "", re.MULTILINE)
    return match.group(1).strip() if match else ""


def renderer_name(render_window) -> str:
    """The ``GL_RENDERER`` string of a VTK render window that has rendered once ("" if unknown)."""
    try:
        report = render_window.ReportCapabilities() or ""
    except Exception:  # noqa: BLE001 - no current context, or a window without OpenGL: unknown
        return ""
    return capability(report, "renderer")


def is_software_name(name: str) -> bool:
    """True if a ``GL_RENDERER`` string names a software rasteriser."""
    lowered = name.lower()
    return any(s in lowered for s in SOFTWARE_RENDERERS)
