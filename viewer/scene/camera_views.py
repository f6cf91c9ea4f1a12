"""Named camera views, as plain numpy (no renderer needed).

Coordinates are MNI millimetres: +x right, +y anterior, +z superior. A view
is a direction from the brain's centre to the camera, an up vector and the
hemispheres it shows (a medial view hides the hemisphere in front of it).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from atlases.errors import UnknownNameError
from atlases.translation_marks import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class ViewPreset:
    """A named view."""

    name: str
    label: str
    direction: tuple[float, float, float]
    up: tuple[float, float, float]
    hemispheres: tuple[str, ...] = ("left", "right")


#: Every named view, in toolbar order; the window shows the labels translated in the "CameraViews" context.
VIEWS: dict[str, ViewPreset] = {v.name: v for v in (
    ViewPreset("lateral", QT_TRANSLATE_NOOP("CameraViews", "Lateral (left)"), (-1.0, 0.12, 0.18), (0, 0, 1)),
    ViewPreset("lateral_right", QT_TRANSLATE_NOOP("CameraViews", "Lateral (right)"), (1.0, 0.12, 0.18), (0, 0, 1)),
    ViewPreset("medial", QT_TRANSLATE_NOOP("CameraViews", "Medial (left hemisphere)"),
               (1.0, -0.05, 0.1), (0, 0, 1), ("left",)),
    ViewPreset("medial_right", QT_TRANSLATE_NOOP("CameraViews", "Medial (right hemisphere)"),
               (-1.0, -0.05, 0.1), (0, 0, 1), ("right",)),
    ViewPreset("anterior", QT_TRANSLATE_NOOP("CameraViews", "Anterior"), (0.0, 1.0, 0.1), (0, 0, 1)),
    ViewPreset("posterior", QT_TRANSLATE_NOOP("CameraViews", "Posterior"), (0.0, -1.0, 0.1), (0, 0, 1)),
    ViewPreset("superior", QT_TRANSLATE_NOOP("CameraViews", "Superior"), (0.0, 0.0, 1.0), (0, 1, 0)),
    ViewPreset("inferior", QT_TRANSLATE_NOOP("CameraViews", "Inferior"), (0.0, 0.0, -1.0), (0, 1, 0)),
)}

DEFAULT_VIEW = "lateral"


def get_view(name: str) -> ViewPreset:
    """Return a named view, failing loudly (with the valid names) otherwise."""
    if name not in VIEWS:
        raise UnknownNameError("view", name, VIEWS)
    return VIEWS[name]


@dataclass(frozen=True)
class CameraPose:
    """A camera position, focal point and up vector (mm)."""

    position: np.ndarray
    focal_point: np.ndarray
    view_up: np.ndarray

    def as_pyvista(self):
        """``[position, focal_point, view_up]`` as pyvista's ``camera_position`` takes it."""
        return [tuple(map(float, self.position)), tuple(map(float, self.focal_point)),
                tuple(map(float, self.view_up))]


def camera_pose(view: ViewPreset, points, view_angle: float = 30.0, aspect: float = 1.0,
                margin: float = 1.06) -> CameraPose:
    """Place the camera so that ``points`` fill the viewport for a named view.

    Parameters
    ----------
    view : ViewPreset
    points : array-like, shape (N, 3)
        What must be in frame (e.g. the cortex vertices), in mm.
    view_angle : float
        Vertical field of view in degrees.
    aspect : float
        Viewport width / height.
    margin : float
        Extra room around the points (1.0 = touching the edges).
    """
    pts = np.asarray(points, dtype=float)
    direction = np.asarray(view.direction, dtype=float)
    direction /= np.linalg.norm(direction)
    center = (pts.min(axis=0) + pts.max(axis=0)) / 2.0
    oriented = CameraPose(center + direction, center, np.asarray(view.up, dtype=float))
    return fit_distance(oriented, pts, view_angle, aspect, fill=1.0 / margin)


def fit_distance(pose: CameraPose, points, view_angle: float, aspect: float, fill: float = 1.0) -> CameraPose:
    """``pose`` moved along its viewing direction until ``points`` just fill ``fill`` of the view.

    Exact for a perspective camera: each point needs the camera at least
    ``depth_offset + offset / (tan(angle / 2) * fill)`` away from the focal
    point (across, ``aspect`` times more room); the nearest distance that
    satisfies every point is used. The up vector is made orthogonal to the
    viewing direction.
    """
    direction = pose.position - pose.focal_point
    direction = direction / np.linalg.norm(direction)
    up = pose.view_up - direction * np.dot(pose.view_up, direction)
    up = up / np.linalg.norm(up)
    right = np.cross(up, direction)
    rel = np.asarray(points, dtype=float) - pose.focal_point
    tan_v = np.tan(np.radians(view_angle) / 2.0) * fill
    toward = rel @ direction
    distance = max(np.max(toward + np.abs(rel @ up) / tan_v), np.max(toward + np.abs(rel @ right) / (tan_v * aspect)))
    return CameraPose(pose.focal_point + direction * distance, pose.focal_point, up)


def interpolate_pose(a: CameraPose, b: CameraPose, t: float) -> CameraPose:
    """Camera pose between ``a`` (t=0) and ``b`` (t=1), orbiting around the focal points.

    Directions are interpolated on the sphere (slerp) and distances linearly,
    so a tour step swings the camera around the brain instead of through it.
    """
    t = float(np.clip(t, 0.0, 1.0))
    focal = a.focal_point + (b.focal_point - a.focal_point) * t
    va, vb = a.position - a.focal_point, b.position - b.focal_point
    da, db = np.linalg.norm(va), np.linalg.norm(vb)
    direction = _slerp(va / da, vb / db, t)
    # the blended up vector can line up with the view direction (e.g. anterior
    # to superior); fall back to other candidates, each made orthogonal
    for candidate in (_slerp(a.view_up, b.view_up, t), a.view_up, b.view_up, np.cross(va, vb),
                      np.array([0.0, 0.0, 1.0]), np.array([0.0, 1.0, 0.0])):
        up = np.asarray(candidate, dtype=float) - direction * np.dot(candidate, direction)
        norm = np.linalg.norm(up)
        if norm > 1e-3:
            break
    return CameraPose(focal + direction * (da + (db - da) * t), focal, up / norm)


def ease_in_out(t: float) -> float:
    """Cubic ease-in-out on 0..1."""
    t = float(np.clip(t, 0.0, 1.0))
    return 4 * t ** 3 if t < 0.5 else 1 - (-2 * t + 2) ** 3 / 2


def _slerp(a: np.ndarray, b: np.ndarray, t: float) -> np.ndarray:
    a = a / np.linalg.norm(a)
    b = b / np.linalg.norm(b)
    dot = float(np.clip(np.dot(a, b), -1.0, 1.0))
    if dot > 0.9995:
        v = a + (b - a) * t
        return v / np.linalg.norm(v)
    if dot < -0.9995:  # opposite: turn around any perpendicular axis
        perp = np.cross(a, [0.0, 0.0, 1.0])
        if np.linalg.norm(perp) < 1e-6:
            perp = np.cross(a, [0.0, 1.0, 0.0])
        perp /= np.linalg.norm(perp)
        angle = np.pi * t
        return a * np.cos(angle) + perp * np.sin(angle)
    omega = np.arccos(dot)
    return (np.sin((1 - t) * omega) * a + np.sin(t * omega) * b) / np.sin(omega)


def project_points(renderer, points) -> np.ndarray:
    """Display positions (pixels, origin bottom-left) of world points, shape (N, 2).

    One matrix product for all points (VTK's ``WorldToDisplay`` takes one
    point per call: 12 ms instead of 0.4 ms for a region's 2,000 vertices).
    """
    width, height = renderer.GetSize()
    x0, y0 = renderer.GetOrigin()
    m = renderer.GetActiveCamera().GetCompositeProjectionTransformMatrix(renderer.GetTiledAspectRatio(), -1, 1)
    matrix = np.array([[m.GetElement(i, j) for j in range(4)] for i in range(4)])
    pts = np.asarray(points, dtype=float).reshape(-1, 3)
    clip = np.column_stack([pts, np.ones(len(pts))]) @ matrix.T
    ndc = clip[:, :2] / clip[:, 3:4]
    return np.column_stack([x0 + (ndc[:, 0] + 1) * width / 2, y0 + (ndc[:, 1] + 1) * height / 2])


def display_scale(window) -> float:
    """Display pixels per logical pixel of a render window, from its DPI (1 to 4).

    pyvistaqt sets the DPI to 72 x the screen's device pixel ratio; an
    off-screen window keeps VTK's 72.
    """
    dpi = window.GetDPI() if window is not None else 72
    return min(max(dpi / 72.0, 1.0), 4.0) if dpi > 0 else 1.0


#: The widest vertical view angle :func:`fit_pose_to_aspect` gives; beyond it the camera moves back instead.
MAX_FIT_VIEW_ANGLE = 120.0


def fit_pose_to_aspect(pose: CameraPose, view_angle: float, from_aspect: float,
                       to_aspect: float) -> tuple[CameraPose, float]:
    """A camera for an image of ``to_aspect`` that shows what ``pose`` showed at ``from_aspect``.

    VTK's view angle is vertical: the same camera on a narrower image (a
    portrait A4 of a landscape window) would cut the sides off. When the new
    image is narrower, the view angle is widened so that
    ``tan(angle' / 2) = tan(angle / 2) * from_aspect / to_aspect``: the width
    seen at any depth stays the same, and the height grows. Past
    :data:`MAX_FIT_VIEW_ANGLE` the camera moves back along its viewing
    direction instead, which keeps the same width at the focal point. A wider
    image keeps the camera (the same height, more at the sides).

    Parameters
    ----------
    pose : CameraPose
    view_angle : float
        Vertical view angle (degrees) of ``pose``.
    from_aspect, to_aspect : float
        Width / height of the view the pose was made for, and of the new image.

    Returns
    -------
    (CameraPose, float)
        The pose and its vertical view angle (degrees).
    """
    if not (from_aspect > 0 and to_aspect > 0 and np.isfinite(from_aspect) and np.isfinite(to_aspect)):
        raise ValueError(f"aspect ratios must be positive numbers, got {from_aspect!r} and {to_aspect!r}")
    if to_aspect >= from_aspect:
        return pose, float(view_angle)
    wanted = np.tan(np.radians(view_angle) / 2.0) * from_aspect / to_aspect
    widest = np.tan(np.radians(MAX_FIT_VIEW_ANGLE) / 2.0)
    if wanted <= widest:
        return pose, float(np.degrees(2.0 * np.arctan(wanted)))
    offset = np.asarray(pose.position, float) - np.asarray(pose.focal_point, float)
    moved = CameraPose(np.asarray(pose.focal_point, float) + offset * (wanted / widest),
                       np.asarray(pose.focal_point, float), np.asarray(pose.view_up, float))
    return moved, MAX_FIT_VIEW_ANGLE
