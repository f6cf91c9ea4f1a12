"""AppState re-emits the display model's changes as Qt signals (no window, no X display)."""

from __future__ import annotations

from viewer.model.display_model import DisplayModel
from viewer.window.app_state import AppState


def recorded(state: AppState) -> list:
    log = []
    for name in ("selectedRegionChanged", "cutawayChanged", "hemispheresChanged", "viewRequested",
                 "regionVisibilityChanged", "themeChanged", "tourStepChanged"):
        getattr(state, name).connect(lambda *args, n=name: log.append((n, *args)))
    return log


def test_model_changes_come_out_as_qt_signals_once():
    model = DisplayModel(theme="light")
    state = AppState(model=model)
    log = recorded(state)
    model.select_region("hippocampus")      # a change made on the model reaches the widgets too
    state.select_region("hippocampus")      # no change: nothing
    state.set_region_visible("amygdala", False)
    state.set_region_visible("amygdala", False)
    state.set_theme("dark")
    state.set_tour_step(2)
    assert log == [("selectedRegionChanged", "hippocampus"), ("cutawayChanged", True),
                   ("regionVisibilityChanged", "amygdala", False), ("themeChanged", "dark"),
                   ("tourStepChanged", 2)]
    assert state.selected_region == "hippocampus" and not state.is_region_visible("amygdala")


def test_a_view_request_sets_the_hemispheres_first_and_is_always_emitted():
    state = AppState()
    log = recorded(state)
    state.request_view("medial")
    state.request_view("medial")
    assert log == [("hemispheresChanged", frozenset({"left"})), ("viewRequested", "medial"),
                   ("viewRequested", "medial")]
