"""The region labels' layout (viewer/scene/label_placement.py): every box and leader line inside the view.

Pure maths, no display. Hand-written cases for the situations that put
labels off screen in lecture mode (a narrow projector, a brain that fills the
width, a label wider than the room beside the brain, anchors at the edges)
and a property: for any anchors, sizes and views of at least 320x240, every
placed box and leader line lies in the view, and every label that can be
placed is.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.scene.label_placement import Box, leader_end, place_labels

SETTINGS = settings(max_examples=300, deadline=None, derandomize=True, database=None)


def _inside_point(p, width, height, tol=1e-6):
    return -tol <= p[0] <= width + tol and -tol <= p[1] <= height + tol


def _check(placements, width, height):
    for rid, p in placements.items():
        assert p.box.inside(width, height), f"{rid}: {p.box} outside {width}x{height}"
        assert _inside_point(p.anchor, width, height) and _inside_point(p.edge, width, height), rid
        # the leader line ends on the box's edge
        b = p.box
        on_x = math.isclose(p.edge[0], b.left) or math.isclose(p.edge[0], b.right)
        on_y = math.isclose(p.edge[1], b.bottom) or math.isclose(p.edge[1], b.top)
        assert on_x or on_y, rid


# the 3 labels of the built-in content at a lecture size (20 px font) on a 1024x768 projector
SIZES_20PX = {"prefrontal_cortex": (205.0, 38.0), "hippocampus": (160.0, 38.0),
              "posteromedial_cortex": (262.0, 38.0)}


def test_a_label_without_room_on_its_side_goes_to_the_side_with_room():
    # the brain's left edge is 120 px from the view's: no room for a 262 px box there
    anchors = {"posteromedial_cortex": (300.0, 400.0)}
    placed = place_labels(anchors, SIZES_20PX, (1024, 586), (120.0, 640.0), 20)
    p = placed["posteromedial_cortex"]
    assert p.side == 1 and p.box.left >= 640.0 and p.box.inside(1024, 586)


def test_the_side_nearer_the_anchor_when_it_has_room():
    anchors = {"posteromedial_cortex": (300.0, 400.0), "prefrontal_cortex": (800.0, 300.0)}
    placed = place_labels(anchors, SIZES_20PX, (1400, 700), (350.0, 1050.0), 20)
    assert placed["posteromedial_cortex"].side == -1 and placed["posteromedial_cortex"].box.right <= 350
    assert placed["prefrontal_cortex"].side == 1 and placed["prefrontal_cortex"].box.left >= 1050


def test_a_brain_filling_the_width_keeps_boxes_inside_over_its_edges():
    anchors = {r: (x, 300.0) for r, x in zip(SIZES_20PX, (5.0, 512.0, 1019.0), strict=True)}
    placed = place_labels(anchors, SIZES_20PX, (1024, 586), (0.0, 1024.0), 20)
    assert set(placed) == set(SIZES_20PX)
    _check(placed, 1024, 586)


@pytest.mark.parametrize("anchor", [(0.0, 0.0), (1024.0, 586.0), (0.0, 586.0), (1024.0, 0.0), (512.0, 1.0)])
def test_anchors_at_the_corners_of_the_view(anchor):
    placed = place_labels({"prefrontal_cortex": anchor}, SIZES_20PX, (1024, 586), (200.0, 800.0), 20)
    assert set(placed) == {"prefrontal_cortex"}
    _check(placed, 1024, 586)


def test_more_boxes_than_fit_in_the_height_are_spread_inside_it():
    sizes = {f"r{i}": (100.0, 60.0) for i in range(12)}   # 720 px of boxes in a 240 px view
    anchors = {f"r{i}": (10.0, 100.0) for i in range(12)}
    placed = place_labels(anchors, sizes, (320, 240), (160.0, 160.0), 20)
    assert set(placed) == set(sizes)
    _check(placed, 320, 240)


def test_boxes_of_one_side_do_not_overlap_when_they_fit():
    anchors = {"a": (100.0, 300.0), "b": (110.0, 305.0), "c": (120.0, 10.0)}
    sizes = {r: (120.0, 40.0) for r in anchors}
    placed = place_labels(anchors, sizes, (1024, 600), (300.0, 700.0), 20)
    boxes = [p.box for p in placed.values()]
    assert all(not a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    _check(placed, 1024, 600)


@pytest.mark.parametrize("anchor", [(-5.0, 100.0), (100.0, 10_000.0), (math.nan, 1.0), (math.inf, 3.0)])
def test_an_anchor_outside_the_view_gets_no_box(anchor):
    assert place_labels({"a": anchor}, {"a": (50.0, 20.0)}, (640, 480), (100.0, 500.0), 20) == {}


@pytest.mark.parametrize("size", [(641.0, 20.0), (50.0, 481.0), (math.nan, 20.0), (-1.0, 20.0)])
def test_a_box_that_cannot_fit_the_view_is_not_placed(size):
    assert place_labels({"a": (100.0, 100.0)}, {"a": size}, (640, 480), (100.0, 500.0), 20) == {}


@pytest.mark.parametrize("view", [(0, 480), (640, -1), (math.nan, 480), (math.inf, 480)])
def test_a_view_without_area_places_nothing(view):
    assert place_labels({"a": (1.0, 1.0)}, {"a": (5.0, 5.0)}, view, None, 20) == {}


@pytest.mark.parametrize("brain", [None, (math.nan, 10.0), (900.0, 100.0), (-1e9, 1e9)])
def test_any_brain_extent(brain):
    placed = place_labels({"a": (100.0, 100.0), "b": (600.0, 400.0)}, {"a": (300.0, 30.0), "b": (300.0, 30.0)},
                          (640, 480), brain, 20)
    assert set(placed) == {"a", "b"}
    _check(placed, 640, 480)


def test_leader_end_faces_the_anchor():
    box = Box(100.0, 100.0, 40.0, 20.0)
    assert leader_end((0.0, 100.0), box) == (80.0, 100.0)
    assert leader_end((200.0, 0.0), box) == (120.0, 100.0)
    assert leader_end((100.0, 0.0), box) == (100.0, 90.0)
    assert leader_end((100.0, 500.0), box) == (100.0, 110.0)


# ------------------------------------------------------------------- property
COORD = st.floats(min_value=-2000, max_value=6000) | st.sampled_from([math.nan, math.inf, -math.inf, 0.0])


@st.composite
def layouts(draw):
    width = draw(st.floats(min_value=320, max_value=7680))
    height = draw(st.floats(min_value=240, max_value=4320))
    n = draw(st.integers(min_value=0, max_value=12))
    anchors, sizes = {}, {}
    for i in range(n):
        anchors[f"r{i}"] = (draw(COORD), draw(COORD))
        sizes[f"r{i}"] = (draw(st.floats(min_value=0, max_value=width)), draw(st.floats(min_value=0, max_value=height)))
    brain = draw(st.none() | st.tuples(COORD, COORD))
    font = draw(st.floats(min_value=1, max_value=200) | st.just(math.nan))
    return anchors, sizes, (width, height), brain, font


@SETTINGS
@given(layouts())
def test_every_box_and_leader_line_is_inside_the_view(layout):
    anchors, sizes, (width, height), brain, font = layout
    placed = place_labels(anchors, sizes, (width, height), brain, font)
    _check(placed, width, height)
    placeable = {r for r, (x, y) in anchors.items() if 0 <= x <= width and 0 <= y <= height}
    assert set(placed) == placeable


@SETTINGS
@given(layouts())
def test_the_boxes_of_a_side_do_not_overlap_when_they_fit_its_height(layout):
    anchors, sizes, (width, height), brain, font = layout
    placed = place_labels(anchors, sizes, (width, height), brain, font)
    for side in (-1, 1):
        column = [p.box for p in placed.values() if p.side == side]
        spacing = 0.4 * (font if math.isfinite(font) else 12.0)
        margin = min(0.6 * (font if math.isfinite(font) else 12.0), width / 20, height / 20)
        if sum(b.h for b in column) + spacing * (len(column) - 1) <= height - 2 * margin:
            assert all(not a.overlaps(b) for i, a in enumerate(column) for b in column[i + 1:])
