"""Where a guided tour's camera goes, shared by the window's tour and the tour movie.

Plain Python and numpy: the window's :class:`~viewer.lecture.tour_controller.TourController` and
the tour movie (:mod:`viewer.scene.movie_timeline`) frame each step the same way.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from atlases.teaching.tours import TourStep
from viewer.scene.camera_views import VIEWS, CameraPose

#: How much of the view's height (or width) the brain fills at a tour step.
FILL = 0.92
#: Length of the camera flight between two steps (seconds).
FLIGHT_S = 1.0
#: Every ``STRIDE``-th cortex point is framed (enough for the fit, and 4 times faster).
STRIDE = 4

#: ``BrainScene.camera_for_view``: (view name, aspect=, margin=, stride=) -> CameraPose.
CameraForView = Callable[..., CameraPose]


def step_pose(step: TourStep, camera_for_view: CameraForView | None, aspect: float) -> CameraPose:
    """The camera of a tour step for a view of ``aspect`` (width / height).

    Parameters
    ----------
    step : TourStep
        Its explicit ``camera`` is used as it is; otherwise its named ``view`` is framed.
    camera_for_view : callable or None
        :meth:`viewer.scene.brain_scene.BrainScene.camera_for_view` of the scene shown (None: no
        scene yet, only a step with its own camera has a pose).
    aspect : float
        Width / height of the view or image.

    Returns
    -------
    CameraPose
    """
    if step.camera is not None:
        c = step.camera
        return CameraPose(np.array(c.position, float), np.array(c.focal_point, float), np.array(c.view_up, float))
    if camera_for_view is None or step.view is None:   # a valid step has a view or a camera
        raise ValueError("a step without a camera is framed by a scene")
    return camera_for_view(step.view, aspect=aspect, margin=1.0 / FILL, stride=STRIDE)


def step_hemispheres(step: TourStep) -> frozenset[str]:
    """The hemispheres a step shows: those of its named view, both for an explicit camera."""
    from viewer.model.display_rules import view_hemispheres

    return view_hemispheres(VIEWS[step.view] if step.view else None)
