"""A movie's timeline is exact: a turn of N frames has N distinct angles, a tour's count is its formula.

No renderer here: poses are plain numpy, and a tour's step poses come from a stand-in.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from atlases.teaching.tours import CameraSpec, Tour, TourStep
from viewer.scene.camera_views import CameraPose, ease_in_out, interpolate_pose
from viewer.scene.movie_timeline import (
    HOLD_RANGE_S,
    MovieFrame,
    frames_for,
    hold_seconds,
    step_frame_counts,
    tour_frame_count,
    tour_frames,
    turn_frames,
    turned,
)
from viewer.scene.tour_poses import FILL, FLIGHT_S, step_pose

from helpers_output import SETTINGS

CENTRE = np.array([1.0, -17.0, 18.0])
START = CameraPose(CENTRE + np.array([-400.0, 30.0, 60.0]), CENTRE.copy(), np.array([0.0, 0.0, 1.0]))
VIEWS = ("lateral", "medial", "superior", "anterior")


def _step(words: int, view: str | None = "lateral", camera: CameraSpec | None = None, region="hippocampus",
          title="Step") -> TourStep:
    return TourStep(title=title, caption=" ".join(["word"] * words), regions=(region,) if region else (),
                    view=None if camera else view, camera=camera, cortex_opacity=0.3, cutaway=True,
                    mechanism_step=None, refs=("ref",))


def _tour(word_counts, views=VIEWS) -> Tour:
    steps = tuple(_step(w, views[i % len(views)], title=f"Step {i}") for i, w in enumerate(word_counts))
    return Tour("t", "A tour", "", steps, Path("t.toml"))


def _fake_pose(step: TourStep) -> CameraPose:
    """A distinct pose per view (a stand-in for the scene's framing)."""
    angle = {"lateral": 180.0, "medial": 0.0, "superior": 90.0, "anterior": 270.0}[step.view]
    return turned(START, "z", angle - 180.0, CENTRE)


def _angle_about(v, axis: str) -> float:
    """The angle of ``v`` about ``axis``, right-handed (about z from x toward y; about y from z toward x...)."""
    first, second = {"z": (0, 1), "y": (2, 0), "x": (1, 2)}[axis]
    return float(np.degrees(np.arctan2(v[second], v[first])))


def _angle_about_z(pose: CameraPose) -> float:
    v = pose.position - CENTRE
    return float(np.degrees(np.arctan2(v[1], v[0])))


# ================================================================ turns
@SETTINGS
@given(n=st.integers(1, 3600), axis=st.sampled_from(["z", "y", "x"]))
def test_a_turn_has_n_frames_at_360k_over_n_and_no_repeated_end(n, axis):
    frames = turn_frames(n, axis, START, CENTRE)
    assert len(frames) == n and [f.index for f in frames] == list(range(n))
    start_angle = _angle_about(START.position - CENTRE, axis)
    for k in sorted({0, min(1, n - 1), n // 3, n // 2, n - 1}):
        turned_by = (_angle_about(frames[k].camera.position - CENTRE, axis) - start_angle) % 360.0
        assert min(abs(turned_by - 360.0 * k / n), 360.0 - abs(turned_by - 360.0 * k / n)) < 1e-6
        assert np.dot(frames[k].camera.view_up, frames[k].camera.position - frames[k].camera.focal_point) == \
            pytest.approx(np.dot(START.view_up, START.position - START.focal_point))
    # the camera keeps its distance and aim; one step past the end is the first frame again (a seamless loop)
    last = frames[-1].camera
    assert np.linalg.norm(last.position - CENTRE) == pytest.approx(np.linalg.norm(START.position - CENTRE))
    np.testing.assert_allclose(turned(last, axis, 360.0 / n, CENTRE).position, START.position, atol=1e-6)
    if n > 1:
        assert not np.allclose(last.position, START.position, atol=1e-6)
    assert all(f.state is None and f.caption is None and f.step is None for f in frames)


def test_a_quarter_turn_about_z_goes_from_the_left_side_to_the_back_and_keeps_up():
    frames = turn_frames(4, "z", START, CENTRE)
    assert [round(_angle_about_z(f.camera)) % 360 for f in frames] == [
        round(_angle_about_z(START) + d) % 360 for d in (0, 90, 180, 270)]
    assert all(np.allclose(f.camera.view_up, [0, 0, 1]) for f in frames)
    assert all(f.camera.position[2] == pytest.approx(START.position[2]) for f in frames)


def test_a_turn_about_x_turns_the_up_vector_too():
    frames = turn_frames(4, "x", START, CENTRE)
    np.testing.assert_allclose(frames[1].camera.view_up, [0, -1, 0], atol=1e-12)   # z turned 90 degrees about x
    np.testing.assert_allclose(frames[2].camera.view_up, [0, 0, -1], atol=1e-12)
    # the camera sits nearly on the x axis: it rolls about it, staying at the same x
    assert all(f.camera.position[0] == pytest.approx(START.position[0]) for f in frames)


@pytest.mark.parametrize("bad", [0, -3])
def test_a_turn_without_frames_or_with_an_unknown_axis_is_refused(bad):
    with pytest.raises(ValueError):
        turn_frames(bad, "z", START, CENTRE)
    with pytest.raises(ValueError, match="axis"):
        turn_frames(4, "w", START, CENTRE)


# ================================================================ tours
def test_frames_for_rounds_half_up_exactly():
    assert frames_for(Fraction(5, 2), 1) == 3          # Python's round() would give 2
    assert frames_for(Fraction(1, 4), 2) == 1 and frames_for(Fraction(1, 100), 1) == 1
    assert frames_for(Fraction(305, 100), 10) == 31   # 3.05 s: 30.5 frames -> 31 (float rounding would give 30)


def test_hold_grows_with_the_caption_within_its_bounds():
    low, high = HOLD_RANGE_S
    assert hold_seconds("") == low and hold_seconds("a " * 500) == high
    assert hold_seconds("one two three four") == Fraction(2) + Fraction(35, 100) * 4
    assert hold_seconds("**Bold** words  count\nonce") == Fraction(2) + Fraction(35, 100) * 4


@SETTINGS
@given(words=st.lists(st.integers(0, 60), min_size=1, max_size=12), fps=st.integers(1, 60))
def test_a_tours_count_is_its_formula_and_the_timeline_has_exactly_that_many(words, fps):
    tour = _tour(words)
    flight = frames_for(Fraction(FLIGHT_S), fps)
    holds = [max(1, int(min(max(Fraction(200 + 35 * w, 100), 3), 12) * fps + Fraction(1, 2))) for w in words]
    expected = sum(holds) + flight * (len(words) - 1)
    assert step_frame_counts(tour, fps) == [(0 if i == 0 else flight, h) for i, h in enumerate(holds)]
    assert tour_frame_count(tour, fps) == expected
    frames = tour_frames(tour, fps, _fake_pose)
    assert len(frames) == expected and [f.index for f in frames] == list(range(expected))


def test_a_tour_holds_the_first_step_then_flies_and_holds_each_next_one():
    tour = _tour([0, 10, 40])
    fps = 10
    counts = step_frame_counts(tour, fps)
    assert counts == [(0, 30), (10, 55), (10, 120)]   # 40 words: 16 s, held 12 s at most
    frames = tour_frames(tour, fps, _fake_pose)
    poses = [_fake_pose(s) for s in tour.steps]
    first, flight1, hold1 = frames[:30], frames[30:40], frames[40:95]
    assert all(f.step == 0 and np.array_equal(f.camera.position, poses[0].position) for f in first)
    # the flight eases from the previous pose; its last frame is the step's pose; state and caption change first
    for j, f in enumerate(flight1, start=1):
        expected = interpolate_pose(poses[0], poses[1], ease_in_out(j / 10))
        np.testing.assert_allclose(f.camera.position, expected.position)
        assert f.step == 1 and f.caption.title == "Step 1"
    np.testing.assert_allclose(flight1[-1].camera.position, poses[1].position, atol=1e-9)
    assert not np.allclose(flight1[0].camera.position, poses[0].position, atol=1e-3)   # no repeated frame
    assert all(f.step == 1 and np.array_equal(f.camera.position, poses[1].position) for f in hold1)
    assert frames[-1].step == 2 and frames[-1].caption.text == " ".join(["word"] * 40)


def test_a_tour_frame_carries_the_steps_state_for_the_snapshot():
    tour = Tour("t", "T", "", (_step(3, "medial", region="prefrontal"), _step(3, None, region=None,
                camera=CameraSpec((0.0, 400.0, 0.0), (0.0, 0.0, 0.0), (0.0, 0.0, 1.0)))), Path("t.toml"))
    frames = tour_frames(tour, 2, lambda s: step_pose(s, lambda *a, **k: START, 1.5))
    medial = frames[0].snapshot_changes()
    assert medial["selected_region"] == "prefrontal" and medial["hemispheres"] == ("left",)
    assert medial["cortex_opacity"] == 0.3 and medial["cutaway"] is True and medial["mechanism_step"] is None
    assert medial["camera"] is START
    whole = frames[-1].snapshot_changes()
    assert whole["selected_region"] is None and whole["hemispheres"] == ("left", "right")
    np.testing.assert_allclose(whole["camera"].position, [0, 400, 0])


def test_step_pose_frames_a_named_view_as_the_window_tour_does():
    calls = []

    def camera_for_view(view, **kwargs):
        calls.append((view, kwargs))
        return START
    assert step_pose(_step(1, "superior"), camera_for_view, 1.25) is START
    assert calls == [("superior", {"aspect": 1.25, "margin": 1.0 / FILL, "stride": 4})]
    with pytest.raises(ValueError):
        step_pose(_step(1, "superior"), None, 1.0)


def test_a_turn_frame_changes_only_the_camera():
    frame = MovieFrame(0, START)
    assert frame.snapshot_changes() == {"camera": START}
