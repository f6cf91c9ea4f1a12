"""Render the scene to an image file without showing a window.

Used by ``main.py --screenshot`` and by exports. Off screen, VTK uses the X
display when there is one and EGL otherwise (see :func:`prefer_egl_without_display`).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from atlases.errors import ExplorerError
from atlases.meshes.brain_model import load_brain_model
from atlases.sources.registry import DEFAULT_ATLAS
from viewer.model.display_model import DisplayModel
from viewer.scene.camera_views import DEFAULT_VIEW
from viewer.scene.themes import DEFAULT_THEME, get_theme
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


def render_screenshot(path: str | Path, size=(1920, 1080), atlas_id: str = DEFAULT_ATLAS,
                      region: str | None = None, view: str = DEFAULT_VIEW, theme: str = DEFAULT_THEME,
                      data_dir=None, cutaway: bool | None = None) -> Path:
    """Render the brain scene to an image file.

    The output path is checked before anything is loaded; a size larger than
    the graphics driver can draw at once is rendered in tiles
    (:mod:`viewer.scene.tiled_render`); a blank result is an error, not a file; the
    file is written atomically (:mod:`viewer.scene.image_output`).

    Parameters
    ----------
    path : str or Path
        Output image; its extension (.png, .jpg, .jpeg, .tif, .tiff, .bmp)
        picks the format, and nothing is appended to it.
    size : (int, int)
        Width and height in pixels, each within :data:`MIN_SIDE`..:data:`MAX_SIDE`.
    atlas_id, region, view, theme : str
        What to show; names are checked and unknown ones raise
        :class:`~atlases.errors.UnknownNameError`.
    data_dir : str or Path, optional
        Where to look for downloadable atlases.
    cutaway : bool, optional
        Cut the cortex away; by default only when the hippocampus is emphasised
        (:func:`viewer.model.display_rules.cutaway_for`, the window's rule too).

    Returns
    -------
    Path
        The absolute path of the file written.

    Raises
    ------
    viewer.scene.image_output.OutputError
        The path cannot be written, the image came out blank, or the write failed.
    viewer.scene.tiled_render.RenderError
        The renderer reported an error.
    """
    from viewer.scene.camera_views import get_view
    from viewer.scene.image_output import check_output_path, write_image

    get_view(view)
    chosen_theme = get_theme(theme)
    check_output_path(path)
    width, height = check_size(size)
    model = load_brain_model(atlas_id, data_dir=data_dir)
    if region is not None:
        model.atlas.region(region)
    image = _render(model, (width, height), region, view, chosen_theme, cutaway)
    return write_image(image, path)


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


def display_model(model, region: str | None, view: str, theme, cutaway: bool | None) -> DisplayModel:
    """What a screenshot shows, as the window's display model: the same rules (cutaway, view hemispheres) apply.

    Parameters
    ----------
    model : BrainModel
    region, view : str
    theme : Theme
    cutaway : bool or None
        The user's choice (``--cutaway``/``--no-cutaway``), None when they made none.
    """
    from viewer.scene.camera_views import get_view

    display = DisplayModel(theme=theme.id, atlas=model.atlas.id, cortex_opacity=theme.cortex_opacity,
                           cutaway_choice=cutaway)
    display.select_region(region)
    display.show_view(get_view(view))
    return display


def _render(model, size: tuple[int, int], region, view: str, theme, cutaway):
    """The scene as an RGB array of ``size``, tiled when the driver cannot draw it at once.

    The scene shows :func:`display_model`, applied by the window's
    :class:`~viewer.scene.scene_controller.SceneController`.
    """
    prefer_egl_without_display()
    import pyvista as pv

    from viewer.scene.brain_scene import BrainScene
    from viewer.scene.scene_controller import SceneController
    from viewer.scene.tiled_render import plan_tiles, render_tiles, tile_side_limit

    plotter = pv.Plotter(off_screen=True, window_size=[MIN_SIDE, MIN_SIDE])
    try:
        # one frame: the costly but clean super-sampling is affordable here,
        # and FXAA is not supported by VTK's EGL/OSMesa builds
        plotter.enable_anti_aliasing("ssaa")
        render_window = plotter.render_window
        assert render_window is not None  # an off-screen plotter has its window from the start
        render_window.Render()  # an empty first frame creates the OpenGL context the limits are asked from
        max_side, source = tile_side_limit(render_window)
        plan = plan_tiles(size, max_side)
        log.info("rendering %dx%d as %d tile(s) of %dx%d (%s)", *size, plan.tiles, *plan.window, source)
        plotter.window_size = list(plan.window)
        scene = BrainScene(plotter, model, theme)
        SceneController(display_model(model, region, view, theme, cutaway)).set_scene(scene)
        scene.show_view(view)
        scene.set_camera(scene.camera_for_view(view, aspect=size[0] / size[1]))  # the image's, not a tile's
        return render_tiles(plotter, plan)
    finally:
        plotter.close()
