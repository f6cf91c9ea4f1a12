"""Render a scene snapshot off screen, at any size, without touching the window.

:class:`OffscreenRenderer` builds its own off-screen plotter from the brain model, with the window's
scene code (:class:`~viewer.scene.brain_scene.BrainScene` driven by a
:class:`~viewer.scene.scene_controller.SceneController`), and renders sizes larger than the graphics
driver draws at once in tiles (:mod:`viewer.scene.tiled_render`). One renderer serves many renders
(a movie's frames, a handout's pages): :meth:`OffscreenRenderer.show` changes what it shows without
rebuilding the meshes.

A transparent image is made from two renders, on black and on white (:func:`matte`): VTK's own
alpha planes give a wrong alpha on the translucent cortex. Region labels are not drawn by VTK here
(its 2D overlays repeat in every tile): :meth:`OffscreenRenderer.label_geometry` gives where they
point, in the final image's pixels, and :mod:`viewer.exports.overlays` paints them.
"""

from __future__ import annotations

import logging
import os

import numpy as np

from atlases.errors import ExplorerError
from viewer.scene.camera_views import CameraPose, project_points
from viewer.scene.export_spec import SceneSnapshot
from viewer.scene.themes import get_theme
from viewer.scene.tiled_render import MAX_SIDE, MIN_SIDE

log = logging.getLogger(__name__)

#: Labels are anchored on a window of at most this many pixels a side, with the image's aspect:
#: picking needs a patch of a few pixels (the window's rule), not the export's resolution.
ANCHOR_WINDOW_SIDE = 1600
#: Rows un-mixed at once by :func:`matte` (keeps its float temporaries small on an 8192-wide image).
_MATTE_ROWS = 256


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


def matte(on_black: np.ndarray, on_white: np.ndarray) -> np.ndarray:
    """The RGBA image whose composite over black and over white gives the two renders.

    A pixel of colour ``c`` and opacity ``a`` renders as ``a*c`` on black and
    ``a*c + (1 - a)*255`` on white, so ``a = 1 - max(white - black) / 255``
    and ``c = black / a`` (straight alpha: the colour is not multiplied by
    ``a``). The channel with the largest difference is used, the one least
    blurred by rounding.

    Parameters
    ----------
    on_black, on_white : numpy.ndarray
        (height, width, 3) uint8 renders of the same scene and camera on pure
        black and on pure white.

    Returns
    -------
    numpy.ndarray
        (height, width, 4) uint8, straight (un-premultiplied) alpha; a fully
        transparent pixel is (0, 0, 0, 0).
    """
    if on_black.shape != on_white.shape or on_black.ndim != 3 or on_black.shape[2] != 3:
        raise ValueError(f"two renders of one size are needed, got {on_black.shape} and {on_white.shape}")
    height, width, _ = on_black.shape
    out = np.empty((height, width, 4), np.uint8)
    for start in range(0, height, _MATTE_ROWS):
        black = on_black[start:start + _MATTE_ROWS].astype(np.float32)
        white = on_white[start:start + _MATTE_ROWS].astype(np.float32)
        alpha = 1.0 - np.clip((white - black).max(axis=2), 0.0, 255.0) / 255.0
        rgb = np.divide(black, alpha[..., None], out=np.zeros_like(black), where=alpha[..., None] > 0)
        out[start:start + _MATTE_ROWS, :, :3] = np.clip(np.rint(rgb), 0, 255)
        out[start:start + _MATTE_ROWS, :, 3] = np.rint(alpha * 255.0)
    return out


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

    def _set_view(self, size: tuple[int, int], window: tuple[int, int]) -> None:
        """The window at ``window`` pixels, the camera of an image of ``size`` (its aspect, not a tile's)."""
        self.plotter.window_size = list(window)
        self.plotter.renderer.GetActiveCamera().SetViewAngle(self.snapshot.view_angle)
        self.scene.set_camera(self.camera_for(size))

    def render(self, size: tuple[int, int], transparent: bool = False) -> np.ndarray:
        """The current snapshot as an RGB, or an RGBA, image.

        Parameters
        ----------
        size : (int, int)
            Width and height in pixels (checked: :func:`check_size`).
        transparent : bool
            Return RGBA with the background transparent (straight alpha): two
            renders, on black and on white, un-mixed by :func:`matte`; the
            translucent cortex keeps its opacity.

        Returns
        -------
        numpy.ndarray
            (height, width, 3) uint8, or (height, width, 4) when ``transparent``; top row first.

        Raises
        ------
        viewer.scene.tiled_render.RenderError
            The renderer reported an error.
        """
        from viewer.scene.tiled_render import plan_tiles, render_tiles

        size = check_size(size)
        plan = plan_tiles(size, self.max_side)
        log.info("rendering %dx%d as %d tile(s) of %dx%d (%s)%s", *size, plan.tiles, *plan.window,
                 self._limit_source, ", twice for the transparency" if transparent else "")
        self._set_view(size, plan.window)
        if not transparent:
            return render_tiles(self.plotter, plan)
        renderer = self.plotter.renderer
        saved = renderer.GetBackground(), renderer.GetBackground2(), renderer.GetGradientBackground()
        try:
            renderer.GradientBackgroundOff()
            renderer.SetBackground(0.0, 0.0, 0.0)
            on_black = render_tiles(self.plotter, plan)
            renderer.SetBackground(1.0, 1.0, 1.0)
            on_white = render_tiles(self.plotter, plan)
        finally:
            renderer.SetBackground(*saved[0])
            renderer.SetBackground2(*saved[1])
            renderer.SetGradientBackground(saved[2])
        return matte(on_black, on_white)

    def label_geometry(self, size: tuple[int, int]) -> tuple[dict[str, tuple[float, float]], tuple[float, float]]:
        """Where the region labels point, and the brain's horizontal extent, in an image of ``size``.

        The window's rules (:func:`~viewer.scene.region_labels.region_anchors`): a point on the
        visible surface of each region that can be seen (hidden regions and hemispheres get none),
        with a patch of the region around it. Picked on a window of the image's aspect of at most
        :data:`ANCHOR_WINDOW_SIDE` pixels, then scaled to the image.

        Parameters
        ----------
        size : (int, int)
            The image's width and height.

        Returns
        -------
        anchors : dict of str to (float, float)
            Region id to (x, y) in the image's pixels, origin top-left.
        brain : (float, float)
            Left and right of the visible cortex in the image's pixels (what label boxes keep clear of).
        """
        from viewer.scene.region_labels import brain_frame, region_anchors

        width, height = check_size(size)
        shrink = max(1.0, max(width, height) / ANCHOR_WINDOW_SIDE)
        window = (max(MIN_SIDE, round(width / shrink)), max(MIN_SIDE, round(height / shrink)))
        self._set_view((width, height), window)
        renderer = self.plotter.renderer
        renderer.ResetCameraClippingRange()
        points = region_anchors(self.scene)
        sx, sy = width / window[0], height / window[1]
        anchors = {}
        for region_id, point in points.items():
            x, y = project_points(renderer, point)[0]
            anchors[region_id] = (float(x * sx), float((window[1] - y) * sy))
        frame = project_points(renderer, brain_frame(self.scene))
        return anchors, (float(frame[:, 0].min() * sx), float(frame[:, 0].max() * sx))

    def label_anchors(self, size: tuple[int, int]) -> dict[str, tuple[float, float]]:
        """Region id to where its label points, (x, y) in an image of ``size`` (origin top-left).

        Only the visible regions; see :meth:`label_geometry`.
        """
        return self.label_geometry(size)[0]

    def close(self) -> None:
        """Release the plotter and its OpenGL context."""
        self._controller.disconnect()
        self.scene.release_graphics()
        self.plotter.close()

    def __enter__(self) -> OffscreenRenderer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
