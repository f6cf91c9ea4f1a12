"""The scene controller against a mocked BrainScene: no renderer, no Qt, no X display."""

from __future__ import annotations

from unittest.mock import MagicMock, call

import pytest

from viewer.model.display_model import DisplayModel
from viewer.scene.brain_scene import BrainScene
from viewer.scene.scene_controller import SceneController
from viewer.scene.themes import get_theme

BOTH = frozenset({"left", "right"})


def mocked_scene(regions=("prefrontal_cortex", "hippocampus", "posteromedial_cortex")):
    scene = MagicMock(spec=BrainScene)
    scene.model = MagicMock()
    scene.model.regions = {r: {} for r in regions}
    return scene


@pytest.fixture
def setup():
    model = DisplayModel(theme="light")
    render = MagicMock()
    controller = SceneController(model, render)
    scene = mocked_scene()
    controller.set_scene(scene)
    scene.reset_mock()
    render.reset_mock()
    return model, controller, scene, render


def test_a_new_scene_gets_the_display_options_and_the_selection():
    model = DisplayModel(theme="light", cortex_opacity=0.4, selected_region="hippocampus", cutaway=True)
    scene = mocked_scene()
    SceneController(model).set_scene(scene)
    assert scene.mock_calls == [call.set_display(0.4, frozenset(), BOTH, True), call.set_emphasis("hippocampus")]


def test_a_selection_the_new_atlas_lacks_is_not_emphasised():
    model = DisplayModel(theme="light", selected_region="hippocampus")
    scene = mocked_scene(regions=("prefrontal_cortex",))
    SceneController(model).set_scene(scene)
    scene.set_emphasis.assert_called_once_with(None)


def test_each_display_change_reaches_the_scene_once_and_asks_for_one_render(setup):
    model, _, scene, render = setup
    model.set_cortex_opacity(0.7)
    model.set_region_visible("hippocampus", False)
    model.set_hemispheres({"right"})
    model.set_cutaway(True)
    model.set_cutaway(True)   # no change: nothing
    assert scene.set_display.call_args_list == [
        call(0.7, frozenset(), BOTH, False),
        call(0.7, frozenset({"hippocampus"}), BOTH, False),
        call(0.7, frozenset({"hippocampus"}), frozenset({"right"}), False),
        call(0.7, frozenset({"hippocampus"}), frozenset({"right"}), True)]
    assert render.call_count == 4


def test_selecting_the_hippocampus_emphasises_it_and_cuts_the_cortex_away(setup):
    model, _, scene, _ = setup
    model.select_region("hippocampus")
    assert scene.mock_calls == [call.set_emphasis("hippocampus"), call.set_display(0.2, frozenset(), BOTH, True)]


def test_hover_theme_and_view_reach_the_scene(setup):
    model, _, scene, render = setup
    model.hovered_region = "posteromedial_cortex"
    model.theme = "dark"
    from viewer.scene.camera_views import VIEWS

    model.show_view(VIEWS["medial"])
    assert scene.mock_calls == [call.set_hovered("posteromedial_cortex"), call.set_theme(get_theme("dark")),
                                call.set_display(0.2, frozenset(), frozenset({"left"}), False)]
    assert render.call_count == 3


def test_the_scene_changes_before_other_listeners_hear():
    model = DisplayModel(theme="light")
    scene = mocked_scene()
    seen = []
    # connected before the controller exists, as the window's Qt adapter is
    model.events.selected_region.connect(lambda region: seen.append(scene.set_emphasis.call_args))
    SceneController(model).set_scene(scene)
    model.select_region("prefrontal_cortex")
    assert seen == [call("prefrontal_cortex")]


def test_without_a_scene_or_after_disconnect_nothing_is_called(setup):
    model, controller, scene, render = setup
    controller.set_scene(None)
    model.select_region("hippocampus")
    controller.set_scene(scene)
    scene.reset_mock()
    render.reset_mock()
    controller.disconnect()
    model.set_cortex_opacity(1.0)
    model.theme = "dark"
    assert scene.mock_calls == [] and render.call_count == 0
