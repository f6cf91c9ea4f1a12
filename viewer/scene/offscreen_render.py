"""Render a scene snapshot off screen, at any size, without touching the window.

:class:`OffscreenRenderer` builds its own off-screen plotter from the brain model, with the window's
scene code (:class:`~viewer.scene.brain_scene.BrainScene` driven by a
:class:`~viewer.scene.scene_controller.SceneController`), and renders sizes larger than the graphics
driver draws at once in tiles (:mod:`viewer.scene.tiled_render`). One renderer serves many renders
(a movie's frames, a handout's pages): :meth:`OffscreenRenderer.show` changes what it shows without
rebuilding the meshes.
"""

from __future__ import annotations

import logging
import os

import numpy as np

from atlases.errors import ExplorerError
from viewer.scene.camera_views import CameraPose
from viewer.scene.export_spec import SceneSnapshot
from viewer.scene.themes import get_theme
from viewer.scene.tiled_render import MAX_SIDE, MIN_SIDE

log = logging.getLogger(__name__)


def prefer_egl_without_display() -> None:
    """Pick VTK's EGL render window when no X display exists.

    Without this VTK first tries X, prints a 'bad X server connection'
    warning and only then falls back to EGL. Must run before the first
    render window is created.
    """
    if os.name == "posix" and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("VTK_DEFAULT_OPENGL_WINDOW", "vtkEGLRenderWindow")


def check_size(size) -> tuple[int, int]:
    """``size`` as two ints within :data:`MIN_SIDE`..:data:`MAX_SIDE`, or :class:`ExplorerError` naming the limits."""
    try:
        width, height = (int(v) for v in size)
    except (TypeError, ValueError):
        raise ExplorerError(f"the image size must be two whole numbers, got {size!r}") from None
    if not (MIN_SIDE <= width <= MAX_SIDE and MIN_SIDE <= height <= MAX_SIDE):
        raise ExplorerError(f"the image size {width}x{height} is outside {MIN_SIDE}..{MAX_SIDE} pixels a side "
                            f"(the largest image, {MAX_SIDE}x{MAX_SIDE}, takes about 1 GB of memory)")
    return width, height


class OffscreenRenderer:
    """An off-screen plotter showing a :class:`SceneSnapshot`.

    Parameters
    ----------
    snapshot : SceneSnapshot
        What to show first.
    model : BrainModel, optional
        The meshes; loaded from ``snapshot.atlas`` (and ``data_dir``) when not given.

    Notes
    -----
    Call :meth:`close` when done (or use it as a context manager): it holds an OpenGL context.
    Super-sampling anti-aliasing (SSAA) is used: costly, but FXAA is not in VTK's EGL builds and an
    export is rendered once.
    """

    def __init__(self, snapshot: SceneSnapshot, model=None):
        prefer_egl_without_display()
        import pyvista as pv

        from atlases.meshes.brain_model import load_brain_model
        from viewer.scene.brain_scene import BrainScene
        from viewer.scene.scene_controller import SceneController
        from viewer.scene.tiled_render import tile_side_limit

        if model is None:
            model = load_brain_model(snapshot.atlas, data_dir=snapshot.data_dir)
        if snapshot.selected_region is not None:
            model.atlas.region(snapshot.selected_region)   # an unknown name fails here, not in the scene
        self.model = model
        self.snapshot = snapshot
        self.plotter = pv.Plotter(off_screen=True, window_size=[MIN_SIDE, MIN_SIDE])
        try:
            self.plotter.enable_anti_aliasing("ssaa")
            render_window = self.plotter.render_window
            assert render_window is not None   # an off-screen plotter has its window from the start
            render_window.Render()   # an empty first frame creates the OpenGL context the limits are asked from
            self.max_side, self._limit_source = tile_side_limit(render_window)
            self.scene = BrainScene(self.plotter, model, get_theme(snapshot.theme))
            self._controller = SceneController(snapshot.display_model())
            self._controller.set_scene(self.scene)
        except BaseException:
            self.plotter.close()
            raise

    def show(self, snapshot: SceneSnapshot) -> None:
        """Show another snapshot of the same atlas (display options, selection, theme, camera)."""
        from viewer.scene.scene_controller import SceneController

        if snapshot.atlas != self.snapshot.atlas:
            raise ValueError("a renderer shows one atlas; make another renderer for another atlas")
        if snapshot.selected_region is not None:
            self.model.atlas.region(snapshot.selected_region)
        self._controller.disconnect()
        self._controller = SceneController(snapshot.display_model())
        self._controller.set_scene(self.scene)
        self.snapshot = snapshot

    def camera_for(self, size: tuple[int, int]) -> CameraPose:
        """The camera of the current snapshot for an image of ``size``: its own, or its named view fitted."""
        if self.snapshot.camera is not None:
            return self.snapshot.camera
        return self.scene.camera_for_view(self.snapshot.view, aspect=size[0] / size[1])

    def render(self, size: tuple[int, int]) -> np.ndarray:
        """The current snapshot as an RGB image.

        Parameters
        ----------
        size : (int, int)
            Width and height in pixels (checked: :func:`check_size`).

        Returns
        -------
        numpy.ndarray
            (height, width, 3) uint8, top row first.

        Raises
        ------
        viewer.scene.tiled_render.RenderError
            The renderer reported an error.
        """
        from viewer.scene.tiled_render import plan_tiles, render_tiles

        size = check_size(size)
        plan = plan_tiles(size, self.max_side)
        log.info("rendering %dx%d as %d tile(s) of %dx%d (%s)", *size, plan.tiles, *plan.window, self._limit_source)
        self.plotter.window_size = list(plan.window)
        self.plotter.renderer.GetActiveCamera().SetViewAngle(self.snapshot.view_angle)
        self.scene.set_camera(self.camera_for(size))   # the image's aspect, not a tile's
        return render_tiles(self.plotter, plan)

    def close(self) -> None:
        """Release the plotter and its OpenGL context."""
        self._controller.disconnect()
        self.scene.release_graphics()
        self.plotter.close()

    def __enter__(self) -> OffscreenRenderer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
