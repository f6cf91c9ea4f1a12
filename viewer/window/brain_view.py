"""The 3D brain widget: a pyvistaqt ``QtInteractor`` inside our own widget.

It turns mouse input into state changes (hover, click to select); its
:class:`~viewer.scene.scene_controller.SceneController` turns changes of the
display model into scene changes, and it moves the camera to named views. It
never talks to other widgets. The scene itself
(:class:`viewer.scene.brain_scene.BrainScene`) and its controller are the same
code the headless renderer uses.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QToolTip, QVBoxLayout, QWidget

from atlases.meshes.brain_model import BrainModel
from viewer.scene.camera_views import DEFAULT_VIEW
from viewer.scene.scene_controller import SceneController
from viewer.scene.themes import get_theme
from viewer.text.plain_text import literal
from viewer.window.app_state import AppState

log = logging.getLogger(__name__)

#: A press and release closer than this (pixels) is a click, not a drag.
CLICK_TOLERANCE = 4
#: Hover picking waits this long after the last mouse move (ms), so a fast
#: sweep across the brain does not pick on every event.
HOVER_DELAY_MS = 15
#: Multisamples per pixel on a GPU (software OpenGL uses FXAA instead).
GPU_MULTISAMPLES = 4


class BrainView(QWidget):
    """The rotatable 3D brain.

    Parameters
    ----------
    state : AppState
    region_names : dict of str to str
        Display name of each region (for the hover tooltip).
    """

    #: Emitted after the scene has been rebuilt for a new model.
    sceneReady = Signal()
    #: True while the brain moves and frames are simplified (see begin_motion).
    motionChanged = Signal(bool)

    def __init__(self, state: AppState, region_names: dict[str, str], parent=None):
        super().__init__(parent)
        from pyvistaqt import QtInteractor  # lazy: ~1 s import

        self.state = state
        self.region_names = dict(region_names)
        self.scene = None
        self._current_view = DEFAULT_VIEW
        self._press_pos: tuple[float, float] | None = None
        self._dragging = False
        self._hover_pos: tuple[float, float] | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # auto_update=False: render only when something changed, not 5x a second
        self.plotter = QtInteractor(self, auto_update=False)
        # keys go to the window's actions, never to VTK's built-in key handlers
        # (VTK's 'w' would turn every surface into wireframe, 'q' would quit)
        self.plotter.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.plotter)
        self.plotter.enable_anti_aliasing("fxaa")
        self._software_gl: bool | None = None
        self._anti_aliasing_chosen = False
        self._motion_fxaa: bool | None = None  # FXAA setting saved while the brain moves (begin_motion)
        self._install_single_render()

        self._hover_timer = QTimer(self, singleShot=True, interval=HOVER_DELAY_MS)
        self._hover_timer.timeout.connect(self._pick_hover)
        # Mouse input is watched at the Qt level: VTK's interactor style grabs
        # the event focus during a drag, so VTK observers miss the release.
        self.plotter.setMouseTracking(True)
        self.plotter.installEventFilter(self)

        # the scene follows the display model (Qt-free, shared with --screenshot); the tooltip and
        # the camera are this widget's
        self.controller = SceneController(state.model, self.request_render)
        state.hoveredRegionChanged.connect(self._show_hover_tip)
        state.viewRequested.connect(self._move_camera)

    # rendering --------------------------------------------------------------
    def request_render(self) -> None:
        """Schedule one render; any number of requests before the next paint make one frame."""
        self.plotter.update()

    def snapshot(self, path=None, scale: int = 1):
        """Render now and return the 3D view as an RGB array (and save it to ``path`` if given).

        ``scale`` multiplies the resolution (e.g. 2 for slides).
        """
        self.plotter.render()  # pyvista's render is immediate; requests only schedule a paint
        return self.plotter.screenshot(str(path) if path is not None else None, return_img=True, scale=scale)

    def _install_single_render(self) -> None:
        """Render once per displayed frame.

        pyvistaqt renders when asked, and its ``paintGL`` (scheduled by that
        render's frame event) renders again: every frame cost two renders,
        about 0.1-0.2 s each with software OpenGL. Here the interactor's own
        renders (from rotating, zooming) and ours only schedule a paint, and
        the paint does the one real render. Screenshots and exports still
        render directly through pyvista.
        """
        iren = self.plotter.render_window.GetInteractor()
        iren.EnableRenderOff()
        iren.AddObserver("RenderEvent", self._on_vtk_render)
        style = iren.GetInteractorStyle()
        if style is not None:
            # the first camera change of a drag, not the press: a plain click stays a still frame
            style.AddObserver("InteractionEvent", lambda *_: self.begin_motion())
            style.AddObserver("EndInteractionEvent", lambda *_: self.end_motion())

    def _on_vtk_render(self, *args) -> None:
        if getattr(self.plotter, "_in_paint", False):  # pyvistaqt's paintGL: the real render
            self.plotter.render_window.Render()
            if not self._anti_aliasing_chosen:  # the first frame: now the renderer can be asked
                self._anti_aliasing_chosen = True
                self._adapt_anti_aliasing()
        else:
            self.request_render()

    def _adapt_anti_aliasing(self) -> None:
        """Anti-aliasing for the renderer, decided once after the first frame.

        Software OpenGL keeps FXAA, one cheap full-screen pass (multisampling
        costs about 5x there). A GPU gets 4x multisampling instead, which keeps
        edges sharper than FXAA's blur and costs little there.
        """
        if self.is_software_gl():
            return
        self.plotter.renderer.SetUseFXAA(False)
        self.plotter.render_window.SetMultiSamples(GPU_MULTISAMPLES)
        self.request_render()

    def is_software_gl(self) -> bool:
        """True on a software OpenGL renderer (Mesa llvmpipe and the like); read once.

        Before the first frame the renderer cannot be asked yet: then the
        answer is True (the cheap path) and it is asked again next time.
        """
        if self._software_gl is None:
            from viewer.runtime.gl_probe import software_gl_active
            from viewer.runtime.render_quality import is_software_name, renderer_name

            if software_gl_active():
                self._software_gl = True
            else:
                name = renderer_name(self.plotter.render_window)
                if not name:
                    return True
                self._software_gl = is_software_name(name)
        return self._software_gl

    def is_moving(self) -> bool:
        """True while the brain moves and frames are simplified."""
        return self._motion_fxaa is not None

    def begin_motion(self) -> None:
        """Cheaper frames while the brain moves (a drag, a tour flight), on software OpenGL only.

        Software rendering pays for every shaded pixel and every triangle:
        while moving, the ghosted cortex (several translucent layers over most
        of the view) is left out, anti-aliasing is off and the regions switch
        to their coarse motion level (:attr:`atlases.meshes.meshing.MeshParams.motion_triangles`).
        The still frame at the end shows everything again; on a GPU nothing
        changes. Measured numbers: docs/benchmarks.md. (Rendering at half
        resolution instead grew the process by ~40 MB per 300 drags: every
        resize reallocates VTK's framebuffers.)
        """
        if self._motion_fxaa is not None or not self.is_software_gl() or self.scene is None:
            return
        self._motion_fxaa = bool(self.plotter.renderer.GetUseFXAA())
        self.plotter.renderer.SetUseFXAA(False)
        self.scene.set_moving(True)
        self.motionChanged.emit(True)

    def end_motion(self) -> None:
        """Back to the full scene and anti-aliasing, and draw the still frame."""
        if self._motion_fxaa is None:
            return
        self.plotter.renderer.SetUseFXAA(self._motion_fxaa)
        if self.scene is not None:
            self.scene.set_moving(False)
        self._motion_fxaa = None
        self.motionChanged.emit(False)
        self.request_render()

    # model ----------------------------------------------------------------
    def set_model(self, model: BrainModel, keep_camera: bool = False) -> None:
        """Replace the scene with the meshes of ``model``."""
        from viewer.scene.brain_scene import BrainScene

        camera = self.plotter.camera_position if keep_camera and self.scene is not None else None
        if self.scene is not None:
            self.scene.release_graphics()
        self.plotter.clear_actors()
        self.scene = BrainScene(self.plotter, model, get_theme(self.state.theme))
        self.scene.set_moving(self.is_moving())   # an atlas that arrives mid-drag joins the motion
        self.controller.set_scene(self.scene)
        if camera is not None:
            self.plotter.camera_position = camera
        else:
            self.scene.set_camera(self.scene.camera_for_view(self._current_view))
        self.request_render()
        self.sceneReady.emit()

    # state -> widget ------------------------------------------------------
    def _show_hover_tip(self, region_id) -> None:
        if region_id is None:
            QToolTip.hideText()
        else:
            name = self.region_names.get(region_id, region_id)
            QToolTip.showText(QCursor.pos() + QPoint(14, 10), literal(name), self.plotter)

    def show_view(self, view_name: str) -> None:
        """Show a named view: the hemispheres it needs (the display model's rule), and its camera."""
        self.state.request_view(view_name)

    def _move_camera(self, view_name: str) -> None:
        self._current_view = view_name
        if self.scene is None:
            return
        self.scene.set_camera(self.scene.camera_for_view(view_name))
        self.request_render()

    def reset_view(self) -> None:
        """Back to the default view (it shows both hemispheres)."""
        self.show_view(DEFAULT_VIEW)

    # mouse -> state ---------------------------------------------------------
    def region_at(self, x: float, y: float) -> str | None:
        """Region under a VTK display position (origin bottom-left)."""
        return self.scene.region_at(x, y) if self.scene is not None else None

    def _display_xy(self, event) -> tuple[float, float]:
        """Qt widget position -> VTK display position (device pixels, origin bottom-left)."""
        ratio = self.plotter.devicePixelRatioF()
        pos = event.position()
        return pos.x() * ratio, (self.plotter.height() - pos.y() - 1) * ratio

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if watched is self.plotter:
            kind = event.type()
            if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
                self._press_pos = self._display_xy(event)
                self._dragging = False
                self._hover_timer.stop()
                self.state.hover_region(None)
            elif kind == QEvent.Type.MouseMove:
                self._on_move(self._display_xy(event))
            elif kind == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton:
                was_click = self._press_pos is not None and not self._dragging
                self._press_pos = None
                self._dragging = False
                if was_click:
                    self.end_motion()  # a press that moved a pixel or two turned the brain a little
                    self.state.select_region(self.region_at(*self._display_xy(event)))
            elif kind == QEvent.Type.Leave:
                self._hover_timer.stop()
                self.state.hover_region(None)
        return False  # VTK still gets every event (rotate, zoom, pan)

    def _on_move(self, pos) -> None:
        if self._press_pos is not None:
            if max(abs(pos[0] - self._press_pos[0]), abs(pos[1] - self._press_pos[1])) > CLICK_TOLERANCE:
                self._dragging = True
            return
        self._hover_pos = pos
        self._hover_timer.start()

    def _pick_hover(self) -> None:
        if self._hover_pos is not None and self._press_pos is None:
            self.state.hover_region(self.region_at(*self._hover_pos))

    # lifetime ---------------------------------------------------------------
    def close_plotter(self) -> None:
        """Release the interactor and its OpenGL resources (call before deleting)."""
        self._hover_timer.stop()
        if self.plotter is not None:
            self.plotter.removeEventFilter(self)
            if self.scene is not None:
                self.scene.release_graphics()
            self.plotter.close()
            # pyvistaqt keeps Python wrappers of the widget's OpenGL context and surface until the context
            # is about to be destroyed, a signal that never comes when the window is deleted first. A
            # wrapper that outlives its C++ object is handed out again for the next object made at that
            # address, with the old type: a text document's layout came back as a QSurface in the suite.
            # Its own teardown (aboutToBeDestroyed) drops them so; after close() nothing needs them.
            forget = getattr(self.plotter, "_forget_context", None)
            if forget is not None:
                forget()
        self.controller.disconnect()   # the model may outlive this widget
        self.scene = None
