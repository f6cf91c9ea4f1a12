"""Render an off-screen plotter to an image larger than the renderer can draw at once.

Every OpenGL driver has a largest framebuffer (``GL_MAX_TEXTURE_SIZE``,
``GL_MAX_RENDERBUFFER_SIZE``, ``GL_MAX_VIEWPORT_DIMS``; 16384 on Mesa
llvmpipe), and VTK's super-sampling pass draws into a framebuffer sqrt(5)
times the window's size: above 7327 px wide on llvmpipe the framebuffer
cannot be made and VTK returns a black image. So the window is kept at or
below :func:`largest_window_side` (asked from the driver at run time) and
at or below :data:`MAX_TILE_SIDE`, and VTK's ``vtkWindowToImageFilter``
renders the image in tiles of that size (it shifts the camera for each
tile, so the tiles join without seams). Sizes that are not a multiple of the
tile count are rendered slightly larger, with the view angle widened to
match, and cropped to the centre.

No Qt here; VTK is imported inside the functions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from atlases.errors import ExplorerError

#: Image sides allowed (pixels). 8192 x 8192 (16 tiles on llvmpipe) peaks near 1.0 GB of memory:
#: the 200 MB RGB image, the encoder's 270 MB copy, the meshes and VTK. Memory sets this bound.
MIN_SIDE, MAX_SIDE = 16, 8192
#: vtkSSAAPass renders into a framebuffer this many times the window's width and height.
SSAA_FACTOR = math.sqrt(5.0)
#: Largest tile side: the super-sampled framebuffer of a 2048 px square tile takes 4580^2 x 8 B = 170 MB.
MAX_TILE_SIDE = 2048
#: The driver's largest framebuffer side when it cannot be asked; every OpenGL 3.2 driver VTK runs on has it.
FALLBACK_GL_MAX = 4096
#: A driver whose framebuffer is smaller than this is not worth tiling with.
MIN_TILE_SIDE = 64

# OpenGL enums (glGetIntegerv)
_GL_MAX_TEXTURE_SIZE = 0x0D33
_GL_MAX_VIEWPORT_DIMS = 0x0D3A
_GL_MAX_RENDERBUFFER_SIZE = 0x84E8


class RenderError(ExplorerError):
    """The renderer could not draw the image (framebuffer too large, driver error)."""


@dataclass(frozen=True)
class TilePlan:
    """How an image of ``size`` is rendered: a ``window`` rendered ``scale`` times in each direction."""

    size: tuple[int, int]
    window: tuple[int, int]
    scale: tuple[int, int]

    @property
    def rendered(self) -> tuple[int, int]:
        """Width and height of the image the tiles make (at least ``size``)."""
        return self.window[0] * self.scale[0], self.window[1] * self.scale[1]

    @property
    def tiles(self) -> int:
        return self.scale[0] * self.scale[1]

    @property
    def fix_boundary(self) -> bool:
        """Whether VTK's overlapping tiles (``FixBoundary``) cover the image on this plan.

        VTK 9 shifts the x-th overlapping tile by ``4 * x`` pixels of the
        tile but measures them in image units, ``s`` times too far, and drops
        2 border pixels on each inner edge: unless each tile side is at least
        ``4 * s * (s - 1) + 4`` the last tiles leave a strip of uninitialised
        memory (measured, VTK 9.7). 4 more pixels cover rounding. Without the
        overlap the tiles abut, with faint seams from the anti-aliasing.
        """
        return all(side >= 4 * s * (s - 1) + 8 for side, s in zip(self.window, self.scale, strict=True))

    @property
    def crop(self) -> tuple[int, int]:
        """Offset (x, y) of the requested image inside the rendered one (centred)."""
        (rw, rh), (w, h) = self.rendered, self.size
        return (rw - w) // 2, (rh - h) // 2


def largest_window_side(gl_max: int, supersampled: bool = True) -> int:
    """The widest window whose framebuffers fit in ``gl_max`` pixels.

    Parameters
    ----------
    gl_max : int
        The driver's largest framebuffer side (see :func:`gl_max_side`).
    supersampled : bool
        The window uses VTK's super-sampling pass (``int(side * sqrt(5))``
        must fit).

    Returns
    -------
    int
    """
    if not supersampled:
        return gl_max
    side = int(gl_max / SSAA_FACTOR)
    while side > 0 and int(side * SSAA_FACTOR) > gl_max:  # vtkSSAAPass truncates side * sqrt(5.0)
        side -= 1
    while int((side + 1) * SSAA_FACTOR) <= gl_max:
        side += 1
    return side


def gl_max_side(render_window) -> int | None:
    """The driver's largest framebuffer side, asked through VTK; None when it cannot be asked.

    The render window must have rendered once (its OpenGL context exists).

    Parameters
    ----------
    render_window : vtkOpenGLRenderWindow

    Returns
    -------
    int or None
        The smallest of ``GL_MAX_TEXTURE_SIZE``, ``GL_MAX_RENDERBUFFER_SIZE``
        and ``GL_MAX_VIEWPORT_DIMS``.
    """
    try:
        render_window.MakeCurrent()
        state = render_window.GetState()
        values: list[int] = []
        for enum in (_GL_MAX_TEXTURE_SIZE, _GL_MAX_RENDERBUFFER_SIZE, _GL_MAX_VIEWPORT_DIMS):
            out = [0, 0]
            state.vtkglGetIntegerv(enum, out)
            values.extend(v for v in (out if enum == _GL_MAX_VIEWPORT_DIMS else out[:1]))
    except (AttributeError, TypeError, RuntimeError):  # not an OpenGL window, or an old VTK
        return None
    if not values or min(values) <= 0:
        return None
    return min(values)


def plan_tiles(size: tuple[int, int], max_side: int) -> TilePlan:
    """The fewest tiles of at most ``max_side`` pixels a side that cover ``size``.

    Parameters
    ----------
    size : (int, int)
        Width and height of the wanted image.
    max_side : int
        Largest window side (already capped by the caller).

    Returns
    -------
    TilePlan

    Raises
    ------
    RenderError
        ``max_side`` is below :data:`MIN_TILE_SIDE`.
    """
    width, height = size
    if max_side < MIN_TILE_SIDE:
        raise RenderError(f"the graphics driver can only render {max_side} pixels across (less than "
                          f"{MIN_TILE_SIDE}); use --software-gl")
    sx, sy = math.ceil(width / max_side), math.ceil(height / max_side)
    return TilePlan(size=(width, height), window=(math.ceil(width / sx), math.ceil(height / sy)), scale=(sx, sy))


def tile_side_limit(render_window) -> tuple[int, str]:
    """Largest window side for ``render_window`` (super-sampled), and where the limit comes from.

    Parameters
    ----------
    render_window : vtkOpenGLRenderWindow
        A window that has rendered once.

    Returns
    -------
    (int, str)
        The side, and a phrase for messages and logs.
    """
    gl_max = gl_max_side(render_window)
    source = f"the driver's largest framebuffer is {gl_max} px"
    if gl_max is None:
        gl_max, source = FALLBACK_GL_MAX, f"the driver could not be asked; assuming {FALLBACK_GL_MAX} px"
    return min(MAX_TILE_SIDE, largest_window_side(gl_max)), source


def render_tiles(plotter, plan: TilePlan):
    """Render ``plotter`` (its window already ``plan.window``) to an RGB array of ``plan.size``.

    The camera's view angle is widened for the render when the tiles
    overshoot the size, so the centred crop shows what a single render of
    ``plan.size`` would.

    Parameters
    ----------
    plotter : pyvista.Plotter
        An off-screen plotter with its scene and camera set.
    plan : TilePlan

    Returns
    -------
    numpy.ndarray
        (height, width, 3) uint8, top row first, C-contiguous.

    Raises
    ------
    RenderError
        VTK reported an error while rendering (e.g. a framebuffer it could
        not create); its first message is quoted.
    """
    import numpy as np
    import pyvista as pv
    from vtkmodules.util.numpy_support import vtk_to_numpy
    from vtkmodules.vtkRenderingCore import vtkWindowToImageFilter

    camera = plotter.renderer.GetActiveCamera()
    angle = camera.GetViewAngle()
    rendered_h, wanted_h = plan.rendered[1], plan.size[1]
    if rendered_h != wanted_h:
        half = math.atan(math.tan(math.radians(angle) / 2.0) * rendered_h / wanted_h)
        camera.SetViewAngle(math.degrees(2.0 * half))
    grab = vtkWindowToImageFilter()
    grab.SetInput(plotter.render_window)
    grab.SetScale(*plan.scale)
    grab.SetFixBoundary(plan.fix_boundary)  # overlapping tiles: no seams where they meet
    grab.ShouldRerenderOn()
    grab.ReadFrontBufferOn()    # as pyvista reads it: the resolved frame
    grab.SetInputBufferTypeToRGB()
    try:
        with pv.VtkErrorCatcher(raise_errors=False, send_to_logging=False) as catcher:
            grab.Update()
    finally:
        camera.SetViewAngle(angle)
    errors = [e.alert.strip() for e in catcher.events if e.kind == "ERROR"]
    if errors:
        raise RenderError(f"the renderer failed ({errors[0]})")
    data = grab.GetOutput()
    w, h, _ = data.GetDimensions()
    if (w, h) != plan.rendered:
        raise RenderError(f"the renderer returned a {w}x{h} image instead of {plan.rendered[0]}x{plan.rendered[1]}")
    pixels = vtk_to_numpy(data.GetPointData().GetScalars()).reshape(h, w, -1)[::-1]
    x0, y0 = plan.crop
    # a copy of its own: VTK's buffer (200 MB at 8192 x 8192) is freed on return
    return np.ascontiguousarray(pixels[y0:y0 + plan.size[1], x0:x0 + plan.size[0], :3])
