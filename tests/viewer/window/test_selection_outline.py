"""Colour is never the only cue: the selected region is outlined in every theme (Xvfb)."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.scene.themes import get_theme, hex_to_rgb, themes

pytestmark = pytest.mark.gui


def _near(image: np.ndarray, color: str, tolerance: int = 40) -> int:
    rgb = np.array([round(c * 255) for c in hex_to_rgb(color)])
    return int(np.all(np.abs(image[..., :3].astype(int) - rgb) <= tolerance, axis=2).sum())


def test_every_theme_outlines_the_selected_region():
    for theme in themes().values():
        assert theme.outline_width >= 2.0, f"{theme.id}: the selected region gets no outline"


def test_the_selected_region_is_drawn_with_its_outline(make_window):
    window = make_window()
    view, state = window.brain_view, window.state
    state.request_view("medial")
    for theme_id in ("light", "dark", "projector"):
        state.set_theme(theme_id)
        state.select_region(None)
        view.plotter.render()
        assert not view.scene.outline.visible
        before = _near(view.snapshot(), get_theme(theme_id).outline)
        state.select_region("posteromedial_cortex")
        assert view.scene.outline.visible, theme_id
        after = _near(view.snapshot(), get_theme(theme_id).outline)
        assert after - before > 300, f"{theme_id}: {after - before} outline pixels"
