"""The rival-model flag of the mechanism diagram: a display model field, re-emitted by AppState (no X display)."""

from __future__ import annotations

from viewer.model.display_model import DisplayModel
from viewer.window.app_state import AppState


def test_the_rival_flag_is_off_at_first_and_emitted_once_per_change():
    model = DisplayModel(theme="light")
    state = AppState(model=model)
    assert model.mechanism_rival is False and state.mechanism_rival is False
    log = []
    state.mechanismRivalChanged.connect(log.append)
    state.set_mechanism_rival(True)
    state.set_mechanism_rival(1)       # the same value (as a bool): nothing
    model.mechanism_rival = False      # a change made on the model reaches the widgets too
    assert log == [True, False]
    assert state.mechanism_rival is False


def test_the_rival_flag_is_kept_across_steps():
    state = AppState()
    state.set_mechanism_rival(True)
    state.set_mechanism_step("disinhibition")
    state.set_mechanism_step(None)
    assert state.mechanism_rival
