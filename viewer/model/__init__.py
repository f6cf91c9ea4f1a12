"""The display model: what the app shows, as one plain evented object without Qt.

:class:`~viewer.model.display_model.DisplayModel` holds the selection, the
atlas, the theme and the display options; :mod:`viewer.model.display_rules`
holds the rules that tie them together as pure functions. The window (through
:class:`viewer.window.app_state.AppState`) and the ``--screenshot`` path
(:mod:`viewer.scene.headless`) both drive it. Nothing here imports Qt or the
scene (an import-linter contract in ``pyproject.toml`` checks it).
"""
