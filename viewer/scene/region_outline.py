"""Thick outline around the emphasised region (projector theme).

A theme with ``outline_width > 0`` draws the silhouette of the emphasised
region so it stands out on a washed-out projector. The silhouette edges come
from ``vtkPolyDataSilhouette`` (the edges where the surface turns away from
the camera, recomputed on the CPU whenever the camera moves) and are drawn as
lines of twice the theme's width.

A bumpy region also has silhouette edges *inside* its outline (the rims of
its folds), which would look like scattered hairs. The lines are therefore
pushed :data:`PUSH_BACK_MM` away from the camera along the viewing rays (the
picture does not move, only the depth does): the region's own surface then
hides the inner half of every line and all the fold rims, and only the outer
half of the outer contour stays visible, as a clean outline of the theme's
width. No Qt: the headless screenshot and the window share this through
:class:`viewer.scene.brain_scene.BrainScene`.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

import numpy as np

from viewer.scene.camera_views import display_scale
from viewer.scene.themes import Theme, hex_to_rgb

if TYPE_CHECKING:
    from vtkmodules.vtkRenderingCore import vtkActor

#: How far (mm) the outline lines are moved behind the surface; deeper than
#: the folds of a region, so their rims are hidden.
PUSH_BACK_MM = 12.0


class RegionOutline:
    """Silhouette actors for region meshes, shown for the emphasised region only.

    Parameters
    ----------
    plotter : pyvista.Plotter or pyvistaqt.QtInteractor
    region_meshes : dict
        ``{(region_id, hemisphere): vtkPolyData}`` of the scene's region surfaces.
    """

    def __init__(self, plotter, region_meshes: dict):
        self.plotter = plotter
        self._region_meshes = region_meshes
        self._lines: dict[tuple[str, str], vtkActor] = {}
        self._wanted: set[tuple[str, str]] = set()
        self._observer = None

    # public ---------------------------------------------------------------
    def sync(self, emphasised: str | None, visible_keys, theme: Theme) -> None:
        """Outline ``emphasised`` in its visible hemispheres, in the theme's outline colour.

        Parameters
        ----------
        emphasised : str or None
            The emphasised region; None (or a theme with ``outline_width`` 0) draws nothing.
        visible_keys : iterable of (str, str)
            ``(region_id, hemisphere)`` pairs that are shown.
        theme : Theme
        """
        scale = display_scale(self.plotter.render_window)
        wanted = set()
        if emphasised is not None and theme.outline_width > 0:
            wanted = {k for k in visible_keys if k[0] == emphasised}
        self._wanted = wanted
        for key in wanted:
            prop = self._line_actor(key).GetProperty()
            prop.SetColor(hex_to_rgb(theme.outline))
            # the inner half is hidden; display pixels, so as wide on a HiDPI screen
            prop.SetLineWidth(2.0 * float(theme.outline_width) * scale)
        self._apply()

    @property
    def visible(self) -> bool:
        """True when at least one outline is drawn."""
        return any(a.GetVisibility() for a in self._lines.values())

    # internals ------------------------------------------------------------
    def _line_actor(self, key):
        if key not in self._lines:
            from vtkmodules.vtkFiltersHybrid import vtkPolyDataSilhouette
            from vtkmodules.vtkRenderingCore import vtkActor, vtkPolyDataMapper

            silhouette = vtkPolyDataSilhouette()
            silhouette.SetInputData(self._region_meshes[key])
            silhouette.SetCamera(self.plotter.renderer.GetActiveCamera())
            silhouette.SetEnableFeatureAngle(False)
            silhouette.BorderEdgesOn()
            mapper = vtkPolyDataMapper()
            mapper.SetInputConnection(silhouette.GetOutputPort())
            actor = vtkActor()
            actor.SetMapper(mapper)
            actor.GetProperty().LightingOff()
            # through pyvista, so ``plotter.clear_actors()`` removes it with the scene
            self.plotter.renderer.add_actor(actor, name=f"outline.{key[0]}.{key[1]}", pickable=False,
                                            reset_camera=False, render=False)
            self._lines[key] = actor
            self._watch_camera()
        return self._lines[key]

    def _watch_camera(self) -> None:
        """Re-aim the push-back transform before every render (the camera may have moved)."""
        if self._observer is not None:
            return
        renderer = self.plotter.renderer
        me = weakref.ref(self)

        def before_render(caller, _event):
            outline = me()
            if outline is None:  # the scene was replaced: stop watching
                caller.RemoveObserver(tag)
            else:
                outline._aim()

        tag = renderer.AddObserver("StartEvent", before_render)
        self._observer = tag

    def _aim(self) -> None:
        shown = [a for a in self._lines.values() if a.GetVisibility()]
        if not shown:
            return
        from vtkmodules.vtkCommonMath import vtkMatrix4x4

        camera = self.plotter.renderer.GetActiveCamera()
        eye = np.array(camera.GetPosition())
        distance = max(float(np.linalg.norm(eye - np.array(camera.GetFocalPoint()))), 1.0)
        k = 1.0 + PUSH_BACK_MM / distance   # scale about the eye: same rays, deeper points
        matrix = vtkMatrix4x4()
        for i in range(3):
            matrix.SetElement(i, i, k)
            matrix.SetElement(i, 3, eye[i] * (1.0 - k))
        for actor in shown:
            actor.SetUserMatrix(matrix)

    def _apply(self) -> None:
        for key, actor in self._lines.items():
            actor.SetVisibility(key in self._wanted)

