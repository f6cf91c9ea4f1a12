"""The display model's rules, as pure functions (no Qt, no scene)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from viewer.model.display_rules import (
    chosen_hemispheres,
    clamp_opacity,
    clamp_ui_scale,
    cutaway_for,
    fallback_atlas,
    region_visibility,
    view_hemispheres,
)
from viewer.scene.camera_views import VIEWS

BOTH = frozenset({"left", "right"})


@pytest.mark.parametrize(("view", "expected"), [
    ("lateral", BOTH), ("medial", {"left"}), ("medial_right", {"right"}), ("superior", BOTH)])
def test_a_named_view_shows_the_hemispheres_it_needs(view, expected):
    assert view_hemispheres(VIEWS[view]) == frozenset(expected)


def test_no_view_shows_both_hemispheres_and_a_view_naming_none_shows_both():
    assert view_hemispheres(None) == BOTH
    assert view_hemispheres(SimpleNamespace(name="odd", hemispheres=("front",))) == BOTH


def test_at_least_one_hemisphere_stays():
    assert chosen_hemispheres({"left"}, BOTH) == {"left"}
    assert chosen_hemispheres(set(), frozenset({"right"})) == {"right"}
    assert chosen_hemispheres({"up", "right"}, BOTH) == {"right"}


@pytest.mark.parametrize(("region", "choice", "expected"), [
    ("hippocampus", None, True),
    ("prefrontal_cortex", None, False),
    (None, None, False),
    ("hippocampus", False, False),   # --no-cutaway, or the box unticked
    ("prefrontal_cortex", True, True),
    (None, True, True),
])
def test_the_cutaway_follows_the_hippocampus_unless_chosen(region, choice, expected):
    assert cutaway_for(region, choice) is expected


def test_opacity_and_ui_scale_are_clamped_and_rounded():
    assert clamp_opacity(1.7) == 1.0 and clamp_opacity(-1) == 0.0 and clamp_opacity(0.12345) == 0.123
    assert clamp_ui_scale(0.5) == 1.0 and clamp_ui_scale(9) == 3.0 and clamp_ui_scale(1.256) == 1.26


def test_region_visibility_adds_and_removes_one_region():
    hidden = region_visibility(frozenset(), "hippocampus", False)
    assert hidden == {"hippocampus"}
    assert region_visibility(hidden, "hippocampus", True) == frozenset()
    assert region_visibility(hidden, "amygdala", True) == hidden


def test_a_failed_atlas_falls_back_to_the_one_on_screen_else_the_default():
    assert fallback_atlas("harvard_oxford", "desikan_killiany", "desikan_killiany") == "desikan_killiany"
    assert fallback_atlas("desikan_killiany", "harvard_oxford", "desikan_killiany") == "harvard_oxford"
    assert fallback_atlas("harvard_oxford", None, "desikan_killiany") == "desikan_killiany"
    assert fallback_atlas("desikan_killiany", None, "desikan_killiany") is None
