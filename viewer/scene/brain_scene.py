"""The 3D brain scene, built on any PyVista plotter.

:class:`BrainScene` adds the ghosted cortex and the region surfaces to a
plotter and changes them in place (emphasis, visibility, opacity, cutaway,
camera). It needs no Qt: the headless ``--screenshot`` path gives it an
off-screen :class:`pyvista.Plotter`, the window gives it a ``QtInteractor``.
Nothing here triggers a render; the caller renders once after a batch of
changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from atlases.meshes.brain_model import BrainModel
from atlases.meshes.meshing import HEMISPHERES
from viewer.model.display_rules import view_hemispheres
from viewer.scene.camera_views import CameraPose, camera_pose, get_view, project_points
from viewer.scene.region_outline import RegionOutline
from viewer.scene.themes import Theme, hex_to_rgb

if TYPE_CHECKING:
    from vtkmodules.vtkCommonDataModel import vtkPlane
    from vtkmodules.vtkRenderingCore import vtkActor, vtkCellPicker, vtkMapper

#: The cutaway removes cortex below this height (mm), uncovering the
#: hippocampus (z about -25 to 0) from the side.
CUTAWAY_Z = 2.0
#: Brightness of the one light; below 1 so light region colours keep their hue where they face the viewer.
HEADLIGHT_INTENSITY = 0.85


@dataclass
class SceneState:
    """What the scene draws now: its own record for redrawing, not the app's state.

    The app's state is :class:`viewer.model.display_model.DisplayModel`;
    :class:`viewer.scene.scene_controller.SceneController` copies it here
    through the setters below.
    """

    emphasised: str | None = None
    hovered: str | None = None
    cortex_opacity: float = 0.2
    hidden_regions: frozenset = frozenset()
    hemispheres: frozenset = frozenset(HEMISPHERES)
    cutaway: bool = False
    #: The camera is moving: no cortex, coarse regions (see BrainView.begin_motion).
    moving: bool = False


class BrainScene:
    """Cortex and region actors on a plotter.

    Parameters
    ----------
    plotter : pyvista.Plotter or pyvistaqt.QtInteractor
    model : BrainModel
    theme : Theme
    """

    def __init__(self, plotter, model: BrainModel, theme: Theme):
        self.plotter = plotter
        self.model = model
        self.theme = theme
        self.state = SceneState(cortex_opacity=theme.cortex_opacity)
        self._cortex: dict[str, vtkActor] = {}
        self._regions: dict[tuple[str, str], vtkActor] = {}
        #: (full mapper, motion mapper) of each region actor; see :meth:`set_moving`
        self._mappers: dict[tuple[str, str], tuple[vtkMapper, vtkMapper]] = {}
        self._actor_region: dict[int, str] = {}
        self._clip_plane: vtkPlane | None = None
        self._cell_picker: vtkCellPicker | None = None
        self._build()

    # building -----------------------------------------------------------
    def _build(self) -> None:
        from vtkmodules.vtkCommonDataModel import vtkPlane

        p = self.plotter
        p.set_background(self.theme.background, top=self.theme.background_top)
        # The only translucent surface is the one-coloured cortex, whose layers blend to the
        # same colour in any order: plain blending looks the same as order-independent
        # translucency (at most 19 of 255 levels on a few pixels), and saves its float
        # framebuffers (40-110 MB at 1080p on software OpenGL) and ~13 % of a frame.
        p.renderer.SetUseOIT(False)
        self._light_from_the_viewer()
        for hemi, mesh in self.model.cortex.items():
            actor = p.add_mesh(mesh.to_pyvista(), color=self.theme.cortex, opacity=self.state.cortex_opacity,
                               smooth_shading=True, specular=0.1, pickable=False, name=f"cortex.{hemi}",
                               render=False, reset_camera=False)
            actor.GetProperty().SetBackfaceCulling(True)
            self._cortex[hemi] = actor
        for region_id, hemis in self.model.regions.items():
            for hemi, mesh in hemis.items():
                actor = p.add_mesh(mesh.to_pyvista(), color=self.theme.regions[region_id], smooth_shading=True,
                                   specular=0.25, specular_power=20, ambient=0.15, pickable=True,
                                   name=f"region.{region_id}.{hemi}", render=False, reset_camera=False)
                # closed surfaces wound outward: back faces are never seen, and culling them
                # halves the triangles software OpenGL rasterises
                actor.GetProperty().SetBackfaceCulling(True)
                key = (region_id, hemi)
                self._regions[key] = actor
                self._mappers[key] = (actor.GetMapper(), self._motion_mapper(region_id, hemi, actor.GetMapper()))
                self._actor_region[id(actor)] = region_id
        self._clip_plane = vtkPlane()
        self._clip_plane.SetOrigin(0.0, 0.0, CUTAWAY_Z)
        self._clip_plane.SetNormal(0.0, 0.0, 1.0)
        # drawn when theme.outline_width > 0; always from the full meshes
        self.outline = RegionOutline(p, {k: full.GetInput() for k, (full, _) in self._mappers.items()})
        self._refresh()

    def _light_from_the_viewer(self) -> None:
        """One headlight instead of pyvista's five-light kit.

        Lit from the viewer's direction the folds read as depth (their walls
        darken), the look does not change while the brain turns, and on
        software OpenGL each light costs shading time for every pixel: a
        moving frame takes 0.30x of a still one instead of 0.38x (bench levers).
        """
        import pyvista as pv

        self.plotter.renderer.remove_all_lights()
        self.plotter.renderer.add_light(pv.Light(light_type="headlight", intensity=HEADLIGHT_INTENSITY))

    def _motion_mapper(self, region_id: str, hemi: str, full_mapper):
        """A mapper of the region's coarse motion level (the full mapper if the model has none)."""
        mesh = self.model.motion_regions.get(region_id, {}).get(hemi)
        if mesh is None:
            return full_mapper
        from vtkmodules.vtkRenderingCore import vtkPolyDataMapper

        mapper = vtkPolyDataMapper()
        mapper.SetInputData(mesh.to_pyvista())
        mapper.ScalarVisibilityOff()
        return mapper

    def release_graphics(self) -> None:
        """Free the OpenGL buffers of every region level, drawn or not (before the scene goes).

        Removing an actor frees only the mapper it holds at that moment; the
        other level's mapper would otherwise wait for its destructor.
        """
        window = self.plotter.render_window
        if window is None:
            return
        for levels in self._mappers.values():
            for mapper in {id(m): m for m in levels}.values():
                mapper.ReleaseGraphicsResources(window)

    # queries ------------------------------------------------------------
    @property
    def region_ids(self) -> list[str]:
        return list(self.model.regions)

    def region_center(self, region_id: str) -> np.ndarray:
        """Centroid (mm) of a region's visible hemispheres."""
        meshes = [m for h, m in self.model.regions[region_id].items() if h in self.state.hemispheres]
        meshes = meshes or list(self.model.regions[region_id].values())
        return np.mean([m.centroid() for m in meshes], axis=0)

    def region_of_actor(self, actor) -> str | None:
        return self._actor_region.get(id(actor)) if actor is not None else None

    def region_at(self, x: float, y: float) -> str | None:
        """Region under display point (x, y) (VTK display coords, origin bottom-left), or None.

        Uses a CPU ray cast against the region meshes (each with a cell
        locator), so picking costs no extra render pass and sees regions
        through the ghosted cortex.
        """
        picker = self._picker()
        if not picker.Pick(x, y, 0.0, self.plotter.renderer):
            return None
        return self.region_of_actor(picker.GetActor())

    def surface_point(self, x: float, y: float) -> np.ndarray | None:
        """World point (mm) of the region surface under display point (x, y), or None (for labels)."""
        picker = self._picker()
        return np.array(picker.GetPickPosition()) if picker.Pick(x, y, 0.0, self.plotter.renderer) else None

    def _picker(self):
        if self._cell_picker is None:
            from vtkmodules.vtkCommonDataModel import vtkStaticCellLocator
            from vtkmodules.vtkRenderingCore import vtkCellPicker

            picker = vtkCellPicker()
            picker.SetTolerance(0.0005)
            picker.PickFromListOn()
            for key, actor in self._regions.items():
                picker.AddPickList(actor)
                # one locator per level: the picker uses the one of the mesh drawn now
                for data in {id(m.GetInput()): m.GetInput() for m in self._mappers[key]}.values():
                    locator = vtkStaticCellLocator()
                    locator.SetDataSet(data)
                    locator.BuildLocator()
                    picker.AddLocator(locator)
            self._cell_picker = picker
        return self._cell_picker

    def visible_point(self, region_id: str, max_tries: int = 200, patch: float = 3.0) -> tuple[float, float] | None:
        """A display position where a click hits ``region_id``, or None if it is hidden.

        Tries the region's vertices nearest (on screen) to its projected
        centroid first; used for on-screen labels and by the GUI tests.
        The four points ``patch`` pixels around it must hit the region too
        (vertices lie on edges and silhouettes; a click or a label needs a
        visible patch, not a sliver).
        """
        hemis = [h for h in self.model.regions[region_id] if h in self.state.hemispheres]
        if not hemis or region_id in self.state.hidden_regions:
            return None
        pts = np.concatenate([self.model.regions[region_id][h].points for h in hemis]).astype(float)
        renderer = self.plotter.renderer
        screen = project_points(renderer, pts[:: max(1, len(pts) // 2000)])
        target = project_points(renderer, pts.mean(axis=0))[0]
        order = np.argsort(np.linalg.norm(screen - target, axis=1))
        for i in order[:max_tries]:
            x, y = np.round(screen[i])  # a whole pixel, as a mouse click gives
            if self.region_at(x, y) == region_id and all(
                    self.region_at(x + dx, y + dy) == region_id
                    for dx, dy in ((patch, 0), (-patch, 0), (0, patch), (0, -patch)) if patch):
                return float(x), float(y)
        return None

    # changes ------------------------------------------------------------
    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.plotter.set_background(theme.background, top=theme.background_top)
        for actor in self._cortex.values():
            actor.GetProperty().SetColor(*hex_to_rgb(theme.cortex))
        self._refresh()

    def set_emphasis(self, region_id: str | None) -> None:
        """Emphasise one region and dim the others; None shows all equally."""
        if region_id is not None and region_id not in self.model.regions:
            raise KeyError(region_id)
        self.state.emphasised = region_id
        self._refresh()

    def set_hovered(self, region_id: str | None) -> None:
        self.state.hovered = region_id
        self._refresh()

    def set_display(self, cortex_opacity: float, hidden_regions, hemispheres, cutaway: bool) -> None:
        """Set every display option at once (one refresh)."""
        self.state.cortex_opacity = float(np.clip(cortex_opacity, 0.0, 1.0))
        self.state.hidden_regions = frozenset(hidden_regions)
        self.state.hemispheres = frozenset(hemispheres)
        self.state.cutaway = bool(cutaway)
        self._refresh()

    def set_moving(self, moving: bool) -> None:
        """Cheaper frames while the camera moves (software OpenGL).

        The cortex is left out and the regions switch to their coarse motion
        level (each level keeps its own mapper, so switching uploads nothing).
        """
        self.state.moving = bool(moving)
        self._refresh()

    def set_cutaway(self, on: bool) -> None:
        """Cut the cortex away below :data:`CUTAWAY_Z` to uncover deep structures."""
        self.state.cutaway = bool(on)
        self._refresh()

    def camera_for_view(self, view_name: str, aspect: float | None = None, margin: float = 1.06,
                        stride: int = 1) -> CameraPose:
        """Camera pose of a named view that frames the cortex of the view's hemispheres.

        ``aspect`` defaults to the render window's; ``margin`` is passed to
        :func:`viewer.scene.camera_views.camera_pose`; ``stride`` thins the cortex points.
        """
        view = get_view(view_name)
        pts = np.concatenate([self.model.cortex[h].points for h in view.hemispheres])
        if aspect is None:
            width, height = self.plotter.window_size
            aspect = width / max(height, 1)
        # the VTK camera, not pyvista's ``camera`` property: its first access resets the camera and renders
        view_angle = self.plotter.renderer.GetActiveCamera().GetViewAngle()
        return camera_pose(view, pts[::stride], view_angle, aspect, margin=margin)

    def set_camera(self, pose: CameraPose) -> None:
        self.plotter.camera_position = pose.as_pyvista()  # (pyvista resets the clipping range)

    def show_view(self, view_name: str) -> None:
        """Jump to a named view (and show the hemispheres it needs).

        The hemispheres are :func:`viewer.model.display_rules.view_hemispheres`, the window's rule too.
        """
        self.state.hemispheres = view_hemispheres(get_view(view_name))
        self._refresh()
        self.set_camera(self.camera_for_view(view_name))

    def _refresh(self) -> None:
        s, t = self.state, self.theme
        for hemi, actor in self._cortex.items():
            prop = actor.GetProperty()
            prop.SetOpacity(s.cortex_opacity)
            actor.SetVisibility(hemi in s.hemispheres and s.cortex_opacity > 0.0 and not s.moving)
            mapper = actor.GetMapper()
            mapper.RemoveAllClippingPlanes()
            if s.cutaway:
                mapper.AddClippingPlane(self._clip_plane)
        for (region_id, hemi), actor in self._regions.items():
            mapper = self._mappers[(region_id, hemi)][1 if s.moving else 0]
            if actor.GetMapper() is not mapper:
                actor.SetMapper(mapper)
            actor.SetVisibility(hemi in s.hemispheres and region_id not in s.hidden_regions)
            dim = s.emphasised is not None and region_id != s.emphasised
            color = t.dimmed(region_id) if dim and region_id != s.hovered else t.regions[region_id]
            prop = actor.GetProperty()
            prop.SetColor(*hex_to_rgb(color))
            prop.SetAmbient(0.35 if region_id == s.hovered else 0.15)
        self.outline.sync(s.emphasised, [k for k, a in self._regions.items() if a.GetVisibility()], t)
