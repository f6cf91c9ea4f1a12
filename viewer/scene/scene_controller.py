"""Applies the display model to a brain scene: the one way model changes reach the 3D scene.

:class:`SceneController` listens to a :class:`~viewer.model.display_model.DisplayModel`
and changes a :class:`~viewer.scene.brain_scene.BrainScene` to match, then
asks for one render through the callback it was given (the window's
``request_render``; nothing off screen). It needs no Qt: the window and the
``--screenshot`` path use it alike, and its tests use a mocked scene.
"""

from __future__ import annotations

from collections.abc import Callable

from viewer.model.display_model import DisplayModel
from viewer.scene.themes import get_theme

#: Listeners of the controller run before other listeners of the same model change (psygnal
#: calls higher priorities first): a widget that reacts to a change finds the scene changed already.
SCENE_FIRST = 10


class SceneController:
    """Keeps a brain scene in step with a display model.

    Parameters
    ----------
    model : DisplayModel
    render : callable, optional
        Called with no arguments after each change to the scene (schedules a repaint).
    """

    def __init__(self, model: DisplayModel, render: Callable[[], None] | None = None):
        self.model = model
        self.scene = None
        self._render = render or (lambda: None)
        events = model.events
        self._connections = [
            (events.selected_region, self._apply_emphasis),
            (events.hovered_region, self._apply_hovered),
            (events.theme, self._apply_theme),
            *((getattr(events, name), self._apply_display)
              for name in ("cortex_opacity", "hidden_regions", "hemispheres", "cutaway")),
        ]
        for signal, slot in self._connections:
            signal.connect(slot, priority=SCENE_FIRST, max_args=0)

    def set_scene(self, scene) -> None:
        """Show the model in a new scene (or none): the display options, then the selection if the atlas has it."""
        self.scene = scene
        if scene is None:
            return
        self._apply_display()
        selected = self.model.selected_region
        scene.set_emphasis(selected if selected in scene.model.regions else None)

    def disconnect(self) -> None:
        """Stop following the model."""
        for signal, slot in self._connections:
            signal.disconnect(slot)
        self._connections = []
        self.scene = None

    # model -> scene ------------------------------------------------------
    def _apply_display(self) -> None:
        if self.scene is None:
            return
        m = self.model
        self.scene.set_display(m.cortex_opacity, m.hidden_regions, m.hemispheres, m.cutaway)
        self._render()

    def _apply_emphasis(self) -> None:
        if self.scene is not None:
            self.scene.set_emphasis(self.model.selected_region)
            self._render()

    def _apply_hovered(self) -> None:
        if self.scene is not None:
            self.scene.set_hovered(self.model.hovered_region)
            self._render()

    def _apply_theme(self) -> None:
        if self.scene is not None:
            self.scene.set_theme(get_theme(self.model.theme))
            self._render()
