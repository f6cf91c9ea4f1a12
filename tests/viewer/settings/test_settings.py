"""Settings files written by hand or damaged: every value falls back to its default, nothing crashes."""

from __future__ import annotations

import pytest

from viewer.settings.values import read_bool, read_float, read_str


def ini(tmp_path, **values):
    """A QSettings over an INI file with these raw texts under [General]."""
    from PySide6.QtCore import QSettings

    path = tmp_path / "settings.ini"
    path.write_text("[General]\n" + "".join(f"{k}={v}\n" for k, v in values.items()), encoding="utf-8")
    return QSettings(str(path), QSettings.Format.IniFormat)


@pytest.mark.parametrize(("text", "expected"), [
    ("true", True), ("false", False), ("True", True), ("1", True), ("0", False), ("no", False), ("on", True),
    ("banana", "default"), ("", "default"), ("2", "default"),
])
@pytest.mark.parametrize("default", [True, False])
def test_read_bool(tmp_path, text, expected, default):
    settings = ini(tmp_path, flag=text)
    assert read_bool(settings, "flag", default) is (default if expected == "default" else expected)


def test_read_bool_missing_and_round_trip(tmp_path):
    settings = ini(tmp_path)
    assert read_bool(settings, "flag", True) is True
    settings.setValue("flag", False)
    settings.sync()
    assert read_bool(ini_reopen(settings), "flag", True) is False


def ini_reopen(settings):
    from PySide6.QtCore import QSettings

    return QSettings(settings.fileName(), QSettings.Format.IniFormat)


@pytest.mark.parametrize(("text", "expected"), [("1.5", 1.5), ("9", 3.0), ("-2", 1.0), ("x", 2.0), ("", 2.0)])
def test_read_float_clamps_and_falls_back(tmp_path, text, expected):
    assert read_float(ini(tmp_path, scale=text), "scale", 2.0, 1.0, 3.0) == pytest.approx(expected)


@pytest.mark.parametrize(("text", "expected"),
                         [("dark", "dark"), ("Dark", "light"), ("", "light"), ("@Invalid()", "light")])
def test_read_str_takes_only_valid_values(tmp_path, text, expected):
    assert read_str(ini(tmp_path, theme=text), "theme", "light", ("light", "dark")) == expected


@pytest.mark.gui
def test_window_starts_with_defaults_from_a_damaged_settings_file(make_window, tmp_path):
    from viewer.scene.themes import DEFAULT_THEME

    path = tmp_path / "damaged.ini"
    path.write_text("[General]\natlas=nonsense\ntheme=purple\nui_scale=huge\ncortex_opacity=\n"
                    "labels=banana\nreduce_motion=maybe\n", encoding="utf-8")
    window = make_window(settings_path=path)
    assert window.state.atlas == "desikan_killiany"
    assert window.state.theme == DEFAULT_THEME
    assert window.state.ui_scale == pytest.approx(1.0)
    assert window.state.cortex_opacity == pytest.approx(0.2)
    assert window.state.labels_visible is False
    assert window.tour_controller.reduce_motion is False
