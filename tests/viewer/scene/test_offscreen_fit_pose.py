"""fit_pose_to_aspect: a window's camera on an image of another shape shows what the window showed."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.scene.camera_views import MAX_FIT_VIEW_ANGLE, CameraPose, fit_pose_to_aspect


def ndc(pose: CameraPose, view_angle: float, aspect: float, points) -> np.ndarray:
    """Normalised device x and y (-1..1 is in view) of world points seen by a perspective camera."""
    forward = pose.focal_point - pose.position
    forward = forward / np.linalg.norm(forward)
    up = pose.view_up - forward * np.dot(pose.view_up, forward)
    up = up / np.linalg.norm(up)
    right = np.cross(forward, up)
    rel = np.asarray(points, float) - pose.position
    depth = rel @ forward
    t = math.tan(math.radians(view_angle) / 2)
    return np.column_stack([(rel @ right) / (depth * t * aspect), (rel @ up) / (depth * t)])


POSE = CameraPose(np.array([-400.0, 40.0, 60.0]), np.array([0.0, -18.0, 15.0]), np.array([0.0, 0.0, 1.0]))
#: corners of a box around a brain (mm)
BRAIN = np.array([[x, y, z] for x in (-70, 70) for y in (-105, 70) for z in (-50, 80)], float)


def test_a_portrait_page_of_a_landscape_window_keeps_the_window_s_width():
    before = ndc(POSE, 30.0, 16 / 9, BRAIN)
    pose, angle = fit_pose_to_aspect(POSE, 30.0, 16 / 9, 2480 / 3508)
    after = ndc(pose, angle, 2480 / 3508, BRAIN)
    assert angle > 30.0
    np.testing.assert_allclose(after[:, 0], before[:, 0], atol=1e-9)   # the same across
    assert np.abs(after).max() <= np.abs(before).max() + 1e-9          # nothing leaves the view
    # the unchanged camera would have cut the sides off
    assert np.abs(ndc(POSE, 30.0, 2480 / 3508, BRAIN)[:, 0]).max() > 1.0 >= np.abs(before[:, 0]).max()


def test_a_wider_image_keeps_the_camera():
    pose, angle = fit_pose_to_aspect(POSE, 30.0, 4 / 3, 16 / 9)
    assert pose is POSE and angle == 30.0


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(angle=st.floats(5.0, 110.0), from_aspect=st.floats(0.05, 20.0), to_aspect=st.floats(0.05, 20.0))
def test_whatever_the_shapes_what_was_in_view_stays_in_view(angle, from_aspect, to_aspect):
    before = ndc(POSE, angle, from_aspect, BRAIN)
    pose, new_angle = fit_pose_to_aspect(POSE, angle, from_aspect, to_aspect)
    after = ndc(pose, new_angle, to_aspect, BRAIN)
    assert new_angle <= MAX_FIT_VIEW_ANGLE
    inside = (np.abs(before) <= 1.0).all(axis=1)
    assert (np.abs(after[inside]) <= 1.0 + 1e-6).all()


@pytest.mark.parametrize("bad", [0.0, -1.0, float("nan"), float("inf")])
def test_aspects_must_be_positive_numbers(bad):
    with pytest.raises(ValueError):
        fit_pose_to_aspect(POSE, 30.0, bad, 1.0)
    with pytest.raises(ValueError):
        fit_pose_to_aspect(POSE, 30.0, 1.0, bad)
