"""A movie's frames, as data: a 360° turn, or a guided tour with its flights and captions.

Pure and exact (no renderer, no Qt): each frame is a camera pose, the display state to show and the
caption to draw. The number of frames is known before anything renders, so the command line can
print it and a test can check that the file holds exactly that many.

* A turn of ``n`` frames puts frame ``k`` at ``360° · k / n`` about an axis through the brain's
  centre: the last frame is one step short of the first, so the movie loops without a repeated
  frame. About ``z`` (vertical) the brain spins on the spot; about ``x`` or ``y`` the camera's up
  vector turns with it.
* A tour holds its first step, then for every later step flies the camera there over
  :data:`~viewer.scene.tour_poses.FLIGHT_S` (eased, as the window's tour does) and holds it for a
  time that grows with the caption's length (:func:`hold_seconds`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from atlases.teaching.tours import Tour, TourStep
from viewer.scene.camera_views import CameraPose, ease_in_out, fit_distance, interpolate_pose
from viewer.scene.tour_poses import FLIGHT_S, step_hemispheres

#: Axes a turn can go about (MNI: x right, y anterior, z superior).
AXES: dict[str, tuple[float, float, float]] = {"z": (0.0, 0.0, 1.0), "y": (0.0, 1.0, 0.0), "x": (1.0, 0.0, 0.0)}
DEFAULT_AXIS = "z"
#: A turn lasts this long by default (its frame count is the frame rate times this).
DEFAULT_TURN_S = 12
#: A tour step's caption stays on screen for HOLD_BASE_S + HOLD_PER_WORD_S per word, within HOLD_RANGE_S.
HOLD_BASE_S = Fraction(2)
HOLD_PER_WORD_S = Fraction(35, 100)
HOLD_RANGE_S = (Fraction(3), Fraction(12))
#: Angles at which :func:`fit_turn` checks that the brain stays in frame.
FIT_SAMPLES = 72


@dataclass(frozen=True)
class Caption:
    """The caption of a tour frame (the captions' ``**bold**``/``*italic*`` marks kept as written)."""

    title: str
    text: str


@dataclass(frozen=True)
class StepState:
    """What a tour step shows besides the camera: the fields of a scene snapshot it sets."""

    selected_region: str | None
    hemispheres: tuple[str, ...]
    cortex_opacity: float
    cutaway: bool
    mechanism_step: str | None

    @classmethod
    def of(cls, step: TourStep) -> StepState:
        """The state the window's tour sets for ``step`` (:meth:`TourController.go_to`)."""
        from atlases.meshes.meshing import HEMISPHERES

        shown = step_hemispheres(step)
        return cls(selected_region=step.focus_region, hemispheres=tuple(h for h in HEMISPHERES if h in shown),
                   cortex_opacity=step.cortex_opacity, cutaway=step.cutaway, mechanism_step=step.mechanism_step)

    def snapshot_changes(self) -> dict[str, Any]:
        """Keyword arguments for :meth:`viewer.scene.export_spec.SceneSnapshot.with_changes`."""
        return {"selected_region": self.selected_region, "hemispheres": self.hemispheres,
                "cortex_opacity": self.cortex_opacity, "cutaway": self.cutaway,
                "mechanism_step": self.mechanism_step}


@dataclass(frozen=True)
class MovieFrame:
    """One frame of a movie.

    Attributes
    ----------
    index : int
        0-based position in the movie.
    camera : CameraPose
    step : int or None
        The tour step shown (None in a turn).
    state : StepState or None
        The display state to show (None: the snapshot's own, in a turn).
    caption : Caption or None
        The caption to draw (None in a turn).
    """

    index: int
    camera: CameraPose
    step: int | None = None
    state: StepState | None = None
    caption: Caption | None = None

    def snapshot_changes(self) -> dict[str, Any]:
        """Keyword arguments for ``SceneSnapshot.with_changes``: the camera and the step's state."""
        changes: dict[str, Any] = {"camera": self.camera}
        if self.state is not None:
            changes.update(self.state.snapshot_changes())
        return changes


def frames_for(seconds: Fraction | float, fps: int) -> int:
    """How many frames ``seconds`` last at ``fps``: rounded half up, never below 1 (exact for fractions)."""
    return max(1, math.floor(Fraction(seconds) * int(fps) + Fraction(1, 2)))


def hold_seconds(caption: str) -> Fraction:
    """How long a tour step holds after its flight: 2 s + 0.35 s per caption word, within 3..12 s."""
    low, high = HOLD_RANGE_S
    return min(max(HOLD_BASE_S + HOLD_PER_WORD_S * len(caption.split()), low), high)


def step_frame_counts(tour: Tour, fps: int) -> list[tuple[int, int]]:
    """(flight, hold) frames of each step of ``tour`` at ``fps``; the first step has no flight."""
    flight = frames_for(Fraction(FLIGHT_S), fps)
    return [(0 if i == 0 else flight, frames_for(hold_seconds(step.caption), fps))
            for i, step in enumerate(tour.steps)]


def tour_frame_count(tour: Tour, fps: int) -> int:
    """The number of frames of ``tour``'s movie at ``fps``: what :func:`tour_frames` gives and the file holds."""
    return sum(flight + hold for flight, hold in step_frame_counts(tour, fps))


def tour_frames(tour: Tour, fps: int, pose_of_step: Callable[[TourStep], CameraPose]) -> list[MovieFrame]:
    """Every frame of ``tour``'s movie at ``fps``.

    Parameters
    ----------
    tour : Tour
    fps : int
        Frames per second.
    pose_of_step : callable
        The camera of a step (:func:`viewer.scene.tour_poses.step_pose` for the image's aspect).

    Returns
    -------
    list of MovieFrame
        :func:`tour_frame_count` frames. A step's flight frames show its state and caption (the
        window's tour changes them first, then flies) with the camera eased from the previous
        step's pose (``t = j / flight``, j = 1..flight: the last flight frame is the step's pose);
        its hold frames show the step's pose.
    """
    frames: list[MovieFrame] = []
    previous: CameraPose | None = None
    for i, (step, (flight, hold)) in enumerate(zip(tour.steps, step_frame_counts(tour, fps), strict=True)):
        pose = pose_of_step(step)
        state, caption = StepState.of(step), Caption(step.title, step.caption)
        if previous is not None:
            for j in range(1, flight + 1):
                camera = interpolate_pose(previous, pose, ease_in_out(j / flight))
                frames.append(MovieFrame(len(frames), camera, i, state, caption))
        base = len(frames)
        frames.extend(MovieFrame(base + k, pose, i, state, caption) for k in range(hold))
        previous = pose
    return frames


def rotation(axis: str, degrees: float) -> np.ndarray:
    """The 3x3 matrix turning by ``degrees`` about ``axis`` (``"z"``, ``"y"`` or ``"x"``; right-handed)."""
    if axis not in AXES:
        raise ValueError(f"unknown axis {axis!r}; use one of {', '.join(AXES)}")
    u = np.asarray(AXES[axis])
    a = math.radians(degrees)
    cross = np.array([[0.0, -u[2], u[1]], [u[2], 0.0, -u[0]], [-u[1], u[0], 0.0]])
    return np.cos(a) * np.eye(3) + np.sin(a) * cross + (1 - np.cos(a)) * np.outer(u, u)


def turned(pose: CameraPose, axis: str, degrees: float, centre) -> CameraPose:
    """``pose`` turned by ``degrees`` about ``axis`` through ``centre`` (position, focal point and up vector)."""
    m = rotation(axis, degrees)
    c = np.asarray(centre, dtype=float)
    return CameraPose(c + m @ (pose.position - c), c + m @ (pose.focal_point - c), m @ pose.view_up)


def turn_frames(n: int, axis: str, start: CameraPose, centre) -> list[MovieFrame]:
    """The ``n`` frames of a 360° turn: frame ``k`` is ``start`` turned by ``360 · k / n`` degrees.

    Parameters
    ----------
    n : int
        Frames (at least 1).
    axis : str
        ``"z"`` (vertical), ``"y"`` (front to back) or ``"x"`` (left to right).
    start : CameraPose
        The camera of frame 0.
    centre : array-like, shape (3,)
        The point the camera turns about (the brain's centre, mm).

    Returns
    -------
    list of MovieFrame
    """
    if int(n) < 1:
        raise ValueError(f"a turn needs at least one frame, not {n}")
    n = int(n)
    return [MovieFrame(k, turned(start, axis, 360.0 * k / n, centre)) for k in range(n)]


def fit_turn(start: CameraPose, axis: str, centre, points, view_angle: float, aspect: float,
             fill: float) -> CameraPose:
    """``start`` moved along its viewing direction so that ``points`` stay in frame at every angle of the turn.

    Parameters
    ----------
    start : CameraPose
    axis : str
    centre : array-like, shape (3,)
    points : array-like, shape (N, 3)
        What must stay in frame (e.g. the shown cortex), mm.
    view_angle : float
        Vertical view angle, degrees.
    aspect : float
        Width / height of the image.
    fill : float
        The part of the image's height (or width) the points may fill at most.

    Returns
    -------
    CameraPose
        The farthest of the distances each sampled angle needs, so the framing does not change
        during the turn.
    """
    pts = np.asarray(points, dtype=float)
    c = np.asarray(centre, dtype=float)
    distance = 0.0
    for k in range(FIT_SAMPLES):
        # turning the points the other way is the same as turning the camera
        back = rotation(axis, -360.0 * k / FIT_SAMPLES)
        fitted = fit_distance(start, (pts - c) @ back.T + c, view_angle, aspect, fill=fill)
        distance = max(distance, float(np.linalg.norm(fitted.position - fitted.focal_point)))
    direction = start.position - start.focal_point
    direction = direction / np.linalg.norm(direction)
    return CameraPose(start.focal_point + direction * distance, start.focal_point, start.view_up)


def brain_centre(points: ArrayLike) -> np.ndarray:
    """The centre of the bounding box of ``points`` (mm), the point a turn goes about."""
    pts = np.asarray(points, dtype=float)
    return (pts.min(axis=0) + pts.max(axis=0)) / 2.0
