"""Drives a guided tour: applies each step to the app state and flies the camera.

The controller owns no widget. A step selects its first region, sets the
cortex opacity, the cutaway, the hemispheres its view needs and the
mechanism step through :class:`~viewer.window.app_state.AppState` (so every widget
follows as if the user had clicked; the step's cutaway counts as the user's
choice, :meth:`viewer.model.display_model.DisplayModel.set_cutaway`), then moves the camera to the step's
pose: eased over :data:`DURATION_MS` (:func:`~viewer.scene.camera_views.interpolate_pose`
and :func:`~viewer.scene.camera_views.ease_in_out`, one render per frame), or in one jump
when *reduce motion* is on. That preference is stored in the settings.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QTimer, Signal

from atlases.teaching.tours import Tour, TourStep
from viewer.scene.camera_views import CameraPose, ease_in_out, interpolate_pose
from viewer.scene.tour_poses import FILL, FLIGHT_S, step_hemispheres, step_pose
from viewer.settings.values import read_bool

#: Length of the camera flight between two steps (ms): the tour movie's too.
DURATION_MS = round(FLIGHT_S * 1000)
#: Timer interval of the flight (ms); a slow renderer simply shows fewer frames.
FRAME_MS = 16
#: Settings key of the reduce-motion preference.
REDUCE_MOTION_KEY = "reduce_motion"

__all__ = ["DURATION_MS", "FILL", "FRAME_MS", "REDUCE_MOTION_KEY", "TourController", "current_pose", "poses_close"]


def current_pose(plotter) -> CameraPose:
    """The plotter's camera as a :class:`CameraPose`."""
    position, focal, up = plotter.camera_position
    return CameraPose(np.array(position, float), np.array(focal, float), np.array(up, float))


def poses_close(a: CameraPose, b: CameraPose, tol: float = 1e-2) -> bool:
    """True when two poses match (mm and unit vectors, within ``tol``)."""
    return all(np.allclose(x, y, atol=tol) for x, y in ((a.position, b.position), (a.focal_point, b.focal_point),
                                                         (a.view_up, b.view_up)))


class TourController(QObject):
    """Step through a :class:`~atlases.teaching.tours.Tour` on a brain view.

    Parameters
    ----------
    state : AppState
    brain_view : BrainView
        Its scene gives the camera poses of named views; its plotter renders.
    settings : QSettings
        Where the reduce-motion preference is kept.
    """

    #: The running tour changed (a Tour, or None when the tour stopped).
    tourChanged = Signal(object)

    def __init__(self, state, brain_view, settings, parent=None):
        super().__init__(parent)
        self.state = state
        self.brain_view = brain_view
        self.settings = settings
        self.tour: Tour | None = None
        self._reduce_motion = read_bool(settings, REDUCE_MOTION_KEY, False)
        self._from = self._to = None
        self._clock = QElapsedTimer()
        self._timer = QTimer(self, interval=FRAME_MS)
        self._timer.timeout.connect(self._frame)
        brain_view.plotter.installEventFilter(self)   # re-frame the step when the 3D view is resized

    # properties -------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.tour is not None

    @property
    def index(self) -> int:
        """Index of the current step (-1 when no tour runs)."""
        return self.state.tour_step if self.running else -1

    @property
    def step(self) -> TourStep | None:
        """The current step (None when no tour runs)."""
        return self.tour.steps[self.index] if self.running and self.index >= 0 else None

    @property
    def animating(self) -> bool:
        return self._timer.isActive()

    @property
    def reduce_motion(self) -> bool:
        return self._reduce_motion

    def set_reduce_motion(self, on: bool) -> None:
        """Jump between steps instead of flying (saved in the settings)."""
        self._reduce_motion = bool(on)
        self.settings.setValue(REDUCE_MOTION_KEY, self._reduce_motion)

    # commands ---------------------------------------------------------------
    def start(self, tour: Tour, index: int = 0) -> None:
        """Run ``tour`` from step ``index``."""
        if self.running:   # another tour was running: its step indicator goes first
            self._stop_flight()
            self.state.set_tour_step(-1)
        self.tour = tour
        self.tourChanged.emit(tour)
        self.go_to(index, force=True)

    def stop(self) -> None:
        """End the tour (the scene stays as the last step left it)."""
        if self.tour is None:
            return
        self._stop_flight()
        self.tour = None
        self.state.set_tour_step(-1)
        self.tourChanged.emit(None)

    def revise(self, tour: Tour) -> None:
        """Go on with a new version of the running tour (its content pack changed): the same step, where the
        camera is now; a step past the new end shows the last one."""
        if not self.running:
            return
        self.tour = tour
        self.tourChanged.emit(tour)
        if self.state.tour_step >= len(tour):
            self.go_to(len(tour) - 1, force=True)

    def next(self) -> None:
        if self.running:
            self.go_to(self.index + 1)

    def previous(self) -> None:
        if self.running:
            self.go_to(self.index - 1)

    def go_to(self, index: int, force: bool = False) -> None:
        """Show step ``index`` (clamped to the tour); ``force`` re-applies the current step."""
        if not self.running:
            return
        index = min(max(int(index), 0), len(self.tour) - 1)
        if index == self.state.tour_step and not force:
            return
        step = self.tour.steps[index]
        s = self.state  # each change only requests a render: the next paint shows them all
        s.set_hemispheres(step_hemispheres(step))
        s.select_region(step.focus_region)
        s.set_cortex_opacity(step.cortex_opacity)
        s.set_cutaway(step.cutaway)   # after the selection: the step's cutaway is what shows
        s.set_mechanism_step(step.mechanism_step)
        s.set_tour_step(index)
        self._fly_to(self.target_pose(step))

    def target_pose(self, step: TourStep) -> CameraPose | None:
        """Where the camera goes for ``step`` at the view's current size (None before a scene exists)."""
        scene = self.brain_view.scene
        if scene is None and step.camera is None:
            return None
        plotter = self.brain_view.plotter   # the widget's size: during a resize VTK still has the old one
        return step_pose(step, scene.camera_for_view if scene is not None else None,
                         aspect=plotter.width() / max(plotter.height(), 1))

    def reframe(self, render: bool = True) -> None:
        """Fit the current step's pose to the view's size again, unless the user moved the camera."""
        if self.step is None or self.animating or self._to is None or self.brain_view.scene is None:
            return
        if poses_close(current_pose(self.brain_view.plotter), self._to):
            self._to = self.target_pose(self.step)
            self.brain_view.scene.set_camera(self._to)
            if render:
                self.brain_view.request_render()

    # animation --------------------------------------------------------------
    def _stop_flight(self) -> None:
        self._timer.stop()
        self.brain_view.end_motion()

    def _fly_to(self, target: CameraPose | None) -> None:
        self._stop_flight()
        if target is None or self.brain_view.scene is None:
            return
        self._from, self._to = current_pose(self.brain_view.plotter), target
        if self._reduce_motion or poses_close(self._from, target):
            self._set_camera(target)
            return
        self._clock.start()
        self._timer.start()

    def _frame(self) -> None:
        # simplified frames during the flight (software GL); every frame, since a drag's
        # release during the flight ends motion mode
        self.brain_view.begin_motion()
        t = min(self._clock.elapsed() / DURATION_MS, 1.0)
        self._set_camera(interpolate_pose(self._from, self._to, ease_in_out(t)))
        if t >= 1.0:
            self._stop_flight()

    def _set_camera(self, pose: CameraPose) -> None:
        scene = self.brain_view.scene
        if scene is not None:
            scene.set_camera(pose)
            self.brain_view.request_render()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        # before the GL widget handles its resize: the repaint it does next shows the new framing
        if event.type() == QEvent.Type.Resize and watched is self.brain_view.plotter and self.running:
            if self.animating and self.step is not None:   # fly on to the pose that fits the new size
                self._to = self.target_pose(self.step)
            else:
                self.reframe(render=False)
        return False
