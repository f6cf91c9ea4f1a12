"""The window's File ▸ Export mechanism diagram…: the current step, in the window's theme."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from viewer.scene.themes import get_theme, hex_to_rgb


@pytest.mark.gui
def test_the_menu_exports_the_current_step_in_the_current_theme(make_window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    window = make_window(theme="dark")
    action = next(a for a in window.menuBar().actions()[0].menu().actions() if "mechanism diagram" in a.text())
    asked = []
    target = tmp_path / "diagram.png"

    def save_as(parent, caption, name, filters):
        asked.append(name)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: pytest.fail(f"a warning was shown: {box.text()}"))
    window.state.set_mechanism_step("glutamate_surge")
    action.trigger()
    assert asked == ["mechanism-glutamate_surge.png"]
    assert str(target) in window.statusBar().currentMessage()
    with Image.open(target) as image:
        corner = np.asarray(image.convert("RGB"))[2, image.width // 2].astype(int)
    expected = [round(c * 255) for c in hex_to_rgb(get_theme("dark").background)]
    assert np.abs(corner - expected).max() <= 2


@pytest.mark.gui
def test_the_menu_exports_the_rival_model_when_the_window_shows_it(make_window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    window = make_window()
    action = next(a for a in window.menuBar().actions()[0].menu().actions() if "mechanism diagram" in a.text())
    paths = {}

    def save_as(parent, caption, name, filters):
        return str(paths["now"]), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    window.state.set_mechanism_step("disinhibition")
    for rival in (False, True):
        window.state.set_mechanism_rival(rival)
        paths["now"] = paths[rival] = tmp_path / f"rival-{rival}.png"
        action.trigger()
    with Image.open(paths[False]) as leading, Image.open(paths[True]) as rival_image:
        difference = np.abs(np.asarray(leading.convert("RGB"), int) - np.asarray(rival_image.convert("RGB"), int))
    assert (difference.max(axis=2) > 40).mean() > 0.002   # the rival variant is drawn, not the leading one again
