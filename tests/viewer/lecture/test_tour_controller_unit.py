"""The tour controller against a mocked brain view and scene: no window, no renderer, no X display."""

from __future__ import annotations

from unittest.mock import MagicMock

import numpy as np
import pytest
from PySide6.QtCore import QSettings

from atlases.teaching.content import load_content
from atlases.teaching.tours import DEFAULT_TOUR, builtin_tours
from viewer.lecture.tour_controller import REDUCE_MOTION_KEY, TourController
from viewer.model.display_rules import view_hemispheres
from viewer.scene.brain_scene import BrainScene
from viewer.scene.camera_views import VIEWS, CameraPose
from viewer.window.app_state import AppState
from viewer.window.brain_view import BrainView


def pose(x: float) -> CameraPose:
    return CameraPose(np.array([x, 0.0, 0.0]), np.zeros(3), np.array([0.0, 0.0, 1.0]))


@pytest.fixture
def tour_setup(tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue(REDUCE_MOTION_KEY, True)   # jumps: no timer, no event loop needed
    view = MagicMock(spec=BrainView)
    view.scene = MagicMock(spec=BrainScene)
    view.scene.camera_for_view.side_effect = lambda name, **kw: pose(100.0 + list(VIEWS).index(name))
    view.plotter = MagicMock()
    view.plotter.width.return_value, view.plotter.height.return_value = 800, 600
    view.plotter.camera_position = pose(-1.0).as_pyvista()
    state = AppState()
    controller = TourController(state, view, settings)
    tour = builtin_tours(load_content(), VIEWS)[DEFAULT_TOUR]
    return state, view, controller, tour


def test_each_step_sets_the_state_and_moves_the_camera(tour_setup):
    state, view, controller, tour = tour_setup
    controller.start(tour)
    for index, step in enumerate(tour.steps):
        controller.go_to(index)
        assert state.tour_step == index and controller.step is step
        assert state.selected_region == step.focus_region
        assert state.cutaway == step.cutaway   # the step's choice, whatever the selection's rule says
        assert state.cortex_opacity == pytest.approx(step.cortex_opacity)
        assert state.mechanism_step == step.mechanism_step
        assert state.hemispheres == view_hemispheres(VIEWS[step.view] if step.view else None)
        shown = view.scene.set_camera.call_args.args[0]
        assert shown.as_pyvista() == controller.target_pose(step).as_pyvista()
    controller.stop()
    assert state.tour_step == -1 and not controller.running


def test_the_tours_cutaway_is_a_choice_later_selections_keep(tour_setup):
    state, _, controller, tour = tour_setup
    controller.start(tour)
    last = len(tour.steps) - 1
    controller.go_to(last)
    controller.stop()
    state.select_region("hippocampus")
    assert state.cutaway == tour.steps[last].cutaway
