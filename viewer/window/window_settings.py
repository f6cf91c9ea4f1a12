"""The main window's saved preferences: theme, text size, opacity, geometry, panel sizes.

Every value is read through :mod:`viewer.settings.values`, which bounds it and
falls back to the default on anything damaged.
"""

from __future__ import annotations

from viewer.scene.themes import themes
from viewer.settings import settings_file
from viewer.settings import values as settings_mod
from viewer.window.side_splitter import MAX_STATE_BYTES
from viewer.window.side_splitter import SETTINGS_KEY as SPLITTER_KEY
from viewer.window.window_placement import place_window

#: The window's size when no usable one was saved; a saved one smaller than the minimum is not used.
DEFAULT_WINDOW_SIZE, MIN_WINDOW_SIZE = (1400, 860), (400, 300)
#: Qt writes a main window's geometry in 66 bytes and its state (no docks or toolbars) in a few dozen.
MAX_GEOMETRY_BYTES, MAX_WINDOW_STATE_BYTES = 1024, 65_536


def restore_window_settings(window, theme: str | None = None) -> None:
    """Apply saved preferences to the window's state and geometry.

    Parameters
    ----------
    window : MainWindow
    theme : str, optional
        From the command line; used instead of the saved one.

    Notes
    -----
    The atlas is not restored here: the app decides it before the window
    exists (:func:`viewer.app.initial_atlas`), so only one first load starts.
    """
    s, state = window.settings, window.state
    state.set_theme(theme or settings_mod.read_str(s, "theme", state.theme, themes()))
    state.set_ui_scale(settings_mod.read_float(s, "ui_scale", 1.0, 1.0, 3.0))
    state.set_cortex_opacity(settings_mod.read_float(s, "cortex_opacity", state.cortex_opacity, 0.0, 1.0))
    _restore_geometry(window, settings_mod.read_bytes(s, "geometry", MAX_GEOMETRY_BYTES))
    window_state = settings_mod.read_bytes(s, "window_state", MAX_WINDOW_STATE_BYTES)
    if window_state is not None:
        window.restoreState(window_state)  # Qt checks the bytes; False (nothing changed) when they are wrong
    sizes = window.splitter.restore_sizes(settings_mod.read_bytes(s, SPLITTER_KEY, MAX_STATE_BYTES))
    window.side_action.setChecked(sizes is None or sizes[1] > 0)
    window.tours.restore_settings(s)
    window.panel.level_switch.restore_settings(s)   # and saves each change of level there
    # plain text for a dialog when the settings file was damaged and set aside ("" otherwise)
    window.settings_warning = settings_file.warning_text(settings_file.take_set_aside(s))


def _restore_geometry(window, geometry) -> None:
    """The saved size and place, fitted to the screens (:mod:`viewer.window.window_placement`).

    The default size when there is none or it is unusable (Qt accepts a
    window of a few pixels that nobody could find); maximised when that
    does not fit the screen.
    """
    restored = geometry is not None and window.restoreGeometry(geometry)
    place_window(window, restored, DEFAULT_WINDOW_SIZE, MIN_WINDOW_SIZE)


def save_window_settings(window) -> None:
    """Write the window's preferences and geometry to its settings file."""
    s, state = window.settings, window.state
    s.setValue("geometry", window.saveGeometry())
    s.setValue("window_state", window.saveState())
    s.setValue(SPLITTER_KEY, window.splitter.saveState())
    s.setValue("atlas", state.loaded_atlas or state.atlas)
    s.setValue("theme", state.theme)
    s.setValue("ui_scale", state.ui_scale)
    s.setValue("cortex_opacity", state.cortex_opacity)
    window.tours.save_settings(s)
    s.sync()
