"""The evented display model: each change emits once, an equal value emits nothing, the rules apply."""

from __future__ import annotations

from unittest.mock import Mock

import pytest

from viewer.model.display_model import DisplayModel
from viewer.scene.camera_views import VIEWS


def model_and_log(**fields):
    model = DisplayModel(theme="light", **fields)
    log = []
    model.events.all.connect(lambda info: log.append((info.signal.name, info.args[0])))
    return model, log


def test_a_change_emits_once_and_an_equal_value_emits_nothing():
    model, log = model_and_log()
    model.theme = "dark"
    model.theme = "dark"
    model.set_cortex_opacity(0.5)
    model.set_cortex_opacity(0.5001)   # rounds to the same value
    model.set_hemispheres({"left"})
    model.set_hemispheres(["left"])
    model.set_hemispheres(())          # refused: one hemisphere stays
    model.set_region_visible("hippocampus", False)
    model.set_region_visible("hippocampus", False)
    assert log == [("theme", "dark"), ("cortex_opacity", 0.5), ("hemispheres", frozenset({"left"})),
                   ("hidden_regions", frozenset({"hippocampus"}))]
    assert not model.is_region_visible("hippocampus")


def test_a_listener_that_writes_back_what_it_got_does_not_loop():
    model = DisplayModel(theme="light")
    calls = Mock()

    def write_back(value):
        calls(value)
        model.set_ui_scale(value)

    model.events.ui_scale.connect(write_back)
    model.set_ui_scale(1.5)
    calls.assert_called_once_with(1.5)


def test_selecting_the_hippocampus_cuts_the_cortex_away_until_another_region_is_selected():
    model, log = model_and_log()
    model.select_region("hippocampus")
    assert model.cutaway
    model.select_region("prefrontal_cortex")
    assert not model.cutaway
    model.select_region("hippocampus")
    model.select_region(None)
    assert not model.cutaway
    assert [v for name, v in log if name == "cutaway"] == [True, False, True, False]


@pytest.mark.parametrize("choice", [True, False])
def test_the_users_cutaway_choice_outlasts_later_selections(choice):
    model = DisplayModel(theme="light")
    model.set_cutaway(choice)
    for region in ("hippocampus", "prefrontal_cortex", None, "hippocampus"):
        model.select_region(region)
        assert model.cutaway is choice


def test_the_command_lines_choice_is_the_same_field():
    model = DisplayModel(theme="light", cutaway_choice=False)
    model.select_region("hippocampus")
    assert not model.cutaway


def test_showing_a_view_sets_its_hemispheres_before_asking_for_the_camera():
    model = DisplayModel(theme="light")
    seen = []
    model.view_requested.connect(lambda name: seen.append((name, model.hemispheres)))
    model.show_view(VIEWS["medial_right"])
    model.show_view(VIEWS["medial_right"])   # asked again: the camera goes there again
    assert seen == [("medial_right", frozenset({"right"}))] * 2
