"""Render the scene to an image file without showing a window.

Used by ``main.py --screenshot`` and by exports. Off screen, VTK uses the X
display when there is one and EGL otherwise (see :func:`prefer_egl_without_display`).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from atlases.meshes.brain_model import load_brain_model
from atlases.sources.registry import DEFAULT_ATLAS
from viewer.model.display_model import DisplayModel
from viewer.scene.camera_views import DEFAULT_VIEW
from viewer.scene.offscreen_render import check_size, prefer_egl_without_display
from viewer.scene.themes import DEFAULT_THEME, get_theme

if TYPE_CHECKING:
    from viewer.scene.export_spec import SceneSnapshot

log = logging.getLogger(__name__)

__all__ = ["check_size", "display_model", "prefer_egl_without_display", "render_screenshot",
           "screenshot_snapshot"]


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


def screenshot_snapshot(model, region, view: str, theme, cutaway) -> SceneSnapshot:
    """The snapshot ``--screenshot`` renders: :func:`display_model`'s rules, the named view fitted to the image."""
    from viewer.scene.export_spec import SceneSnapshot

    display = display_model(model, region, view, theme, cutaway)
    return SceneSnapshot.from_display(display, view=view)


def _render(model, size: tuple[int, int], region, view: str, theme, cutaway):
    """The scene as an RGB array of ``size``, tiled when the driver cannot draw it at once.

    The scene shows :func:`display_model`, applied by the window's
    :class:`~viewer.scene.scene_controller.SceneController`, through an
    :class:`~viewer.scene.offscreen_render.OffscreenRenderer`.
    """
    from viewer.scene.offscreen_render import OffscreenRenderer

    with OffscreenRenderer(screenshot_snapshot(model, region, view, theme, cutaway), model) as renderer:
        return renderer.render(size)
