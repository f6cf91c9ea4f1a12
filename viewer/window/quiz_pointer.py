"""Points at a quiz answer's region: selects it, flies the camera to a view that shows it, pulses it.

The selection goes through :class:`~viewer.window.app_state.AppState` (the
panel, list and outline follow as if the user had clicked). The camera flies
as a tour step's does (:func:`~viewer.scene.camera_views.interpolate_pose`,
eased over :data:`FLIGHT_MS`) to the named view the built-in tour uses for
that region. Then the region's surfaces brighten and fade a few times
(:data:`PULSES` over :data:`PULSE_MS`); with *reduce motion* the camera jumps
and the region stays bright for the same time instead of pulsing.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QElapsedTimer, QObject, QTimer

from viewer.model.display_rules import view_hemispheres
from viewer.scene.camera_views import VIEWS, CameraPose, ease_in_out, interpolate_pose

#: The named view that shows each region (as in the built-in tour); others: :data:`DEFAULT_REGION_VIEW`.
REGION_VIEWS = {"posteromedial_cortex": "medial"}
DEFAULT_REGION_VIEW = "lateral"
#: Camera flight length, pulse length and count, frame interval (ms).
FLIGHT_MS, PULSE_MS, PULSES, FRAME_MS = 900, 1500, 3, 16
#: The region's ambient light at rest (the scene's) and at the top of a pulse.
REST_AMBIENT, PULSE_AMBIENT = 0.15, 0.75


def region_view(region_id: str) -> str:
    """The named view that shows ``region_id`` (a key of :data:`viewer.scene.camera_views.VIEWS`)."""
    return REGION_VIEWS.get(region_id, DEFAULT_REGION_VIEW)


def pulse_level(t: float, pulses: int = PULSES) -> float:
    """Brightness 0..1 of the pulse at ``t`` (0..1 of its length): ``pulses`` smooth bumps, 0 at both ends."""
    t = min(max(t, 0.0), 1.0)
    return math.sin(math.pi * pulses * t) ** 2


class RegionPointer(QObject):
    """Shows the region a quiz answer is about.

    Parameters
    ----------
    state : AppState
    brain_view : BrainView
        Its scene and plotter (camera, region actors).
    reduce_motion : callable
        Returns True when the camera must jump and the region must not pulse.
    """

    def __init__(self, state, brain_view, reduce_motion: Callable[[], bool], parent=None):
        super().__init__(parent)
        self.state, self.brain_view, self._reduce_motion = state, brain_view, reduce_motion
        self.region: str | None = None
        self._from = self._to = None
        self._clock = QElapsedTimer()
        self._timer = QTimer(self, interval=FRAME_MS)
        self._timer.timeout.connect(self._frame)

    @property
    def active(self) -> bool:
        """True while the camera flies or the region pulses."""
        return self._timer.isActive()

    def point_at(self, region_id: str) -> None:
        """Select ``region_id``, move the camera to a view of it and make it pulse."""
        self.stop()
        view = region_view(region_id)
        self.state.set_hemispheres(view_hemispheres(VIEWS[view]))
        self.state.select_region(region_id)
        self.region = region_id
        scene, plotter = self.brain_view.scene, self.brain_view.plotter
        if scene is None:
            return
        position, focal, up = plotter.camera_position
        self._from = CameraPose(np.array(position, float), np.array(focal, float), np.array(up, float))
        self._to = scene.camera_for_view(view, aspect=plotter.width() / max(plotter.height(), 1), margin=1.08)
        if self._reduce_motion():
            self._set_camera(1.0)
            self._set_brightness(1.0)
        self._clock.start()
        self._timer.start()

    def stop(self) -> None:
        """End the flight and the pulse now (the camera stays where it is, the region at rest)."""
        if self._timer.isActive():
            self._timer.stop()
            if self.brain_view.scene is not None:   # a closed view has no renderer left to touch
                self.brain_view.end_motion()
                self._set_brightness(None)

    def _frame(self) -> None:
        if self.brain_view.scene is None:   # the view was closed (the window is going): VTK must not be called
            self._timer.stop()
            return
        elapsed = self._clock.elapsed()
        if self._reduce_motion():
            if elapsed >= PULSE_MS:
                self.stop()
            return
        if elapsed < FLIGHT_MS:
            self.brain_view.begin_motion()
            self._set_camera(ease_in_out(elapsed / FLIGHT_MS))
            return
        if self.brain_view.is_moving():
            self._set_camera(1.0)
            self.brain_view.end_motion()
        t = (elapsed - FLIGHT_MS) / PULSE_MS
        if t >= 1.0:
            self.stop()
        else:
            self._set_brightness(pulse_level(t))

    def _set_camera(self, t: float) -> None:
        scene = self.brain_view.scene
        if scene is not None and self._to is not None:
            scene.set_camera(interpolate_pose(self._from, self._to, t) if t < 1.0 else self._to)
            self.brain_view.request_render()

    def _set_brightness(self, level: float | None) -> None:
        """Light the region's actors at ``level`` (0..1); None hands them back to the scene's own look."""
        scene = self.brain_view.scene
        if scene is None or self.region is None:
            return
        if level is None:
            scene.set_hovered(scene.state.hovered)   # the scene re-applies its colours and light
        else:
            for hemi in ("left", "right"):
                actor = self.brain_view.plotter.actors.get(f"region.{self.region}.{hemi}")
                if actor is not None:
                    actor.GetProperty().SetAmbient(REST_AMBIENT + (PULSE_AMBIENT - REST_AMBIENT) * level)
        self.brain_view.request_render()

    def brightness(self) -> float | None:
        """The ambient light of the region's first actor (for tests), or None without one."""
        for hemi in ("left", "right"):
            actor = self.brain_view.plotter.actors.get(f"region.{self.region}.{hemi}")
            if actor is not None:
                return actor.GetProperty().GetAmbient()
        return None
