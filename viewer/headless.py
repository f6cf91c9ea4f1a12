"""Render the scene to an image file without showing a window.

Used by ``main.py --screenshot`` and by exports. Off screen, VTK uses the X
display when there is one and EGL otherwise (see :func:`prefer_egl_without_display`).
"""

from __future__ import annotations

import os
from pathlib import Path

from atlases.brain_model import load_brain_model
from atlases.errors import ExplorerError
from atlases.registry import DEFAULT_ATLAS
from viewer.themes import DEFAULT_THEME, get_theme
from viewer.views import DEFAULT_VIEW


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
    """Render the brain scene to a PNG file.

    Parameters
    ----------
    path : str or Path
        Output image (PNG).
    size : (int, int)
        Width and height in pixels.
    atlas_id, region, view, theme : str
        What to show; names are checked and unknown ones raise
        :class:`~atlases.errors.UnknownNameError`.
    data_dir : str or Path, optional
        Where to look for downloadable atlases.
    cutaway : bool, optional
        Cut the cortex away; by default only when the hippocampus is emphasised.

    Returns
    -------
    Path
    """
    from viewer.views import get_view

    get_view(view)
    chosen_theme = get_theme(theme)
    path = Path(path)
    _check_writable(path)
    model = load_brain_model(atlas_id, data_dir=data_dir)
    if region is not None:
        model.atlas.region(region)
    prefer_egl_without_display()
    import pyvista as pv

    from viewer.scene import BrainScene

    plotter = pv.Plotter(off_screen=True, window_size=list(size))
    try:
        # one frame: the costly but clean super-sampling is affordable here,
        # and FXAA is not supported by VTK's EGL/OSMesa builds
        plotter.enable_anti_aliasing("ssaa")
        scene = BrainScene(plotter, model, chosen_theme)
        scene.set_emphasis(region)
        scene.set_cutaway(region == "hippocampus" if cutaway is None else cutaway)
        scene.show_view(view)
        try:
            plotter.screenshot(str(path))
        except OSError as exc:
            raise ExplorerError(f"cannot write the image ({exc.strerror or exc})", path) from None
    finally:
        plotter.close()
    return path


def _check_writable(path: Path) -> None:
    """Fail early, with the project's error type, when ``path`` cannot be written."""
    import tempfile

    if path.is_dir():
        raise ExplorerError("cannot write the image: it is a folder", path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path.parent):
            pass
    except OSError as exc:
        raise ExplorerError(f"cannot write the image ({exc.strerror or exc})", path) from None
